"""An indicator row typed one column off its header (the reader found `Indicator.shift` != 0).

The values are read where they really are; the finding says which way the row is shifted and what the
shift cost (a row shifted left loses its NO cell, the sasaran sits under NO). One finding per row,
on the row's first cell.

Passing:  | 1 | Meningkatnya ... | Indeks Kepuasan Masyarakat | 85 | 82,71 | 97,31% | ... |  (under its header)
Failing:  | Terverifikasinya pengaduan | Persentase pengaduan ... | 100% | ... |  (starting under NO) ->
          "Baris ini bergeser satu kolom ke kiri: isi kolom SASARAN tertulis di kolom NO (A24), sehingga nomor (NO)
          baris hilang. ..."
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from ..cellref import col_letter
from ..config import Config
from ..model import Document, Finding
from . import _doc
from .base import finding

ID = "row-shifted"
SEVERITY = "warning"
SUMMARY = "Baris indikator yang bergeser satu kolom dari judul kolomnya"
SUMMARY_EN = "Indicator rows typed one column off their header"


def _column_role(columns: dict[str, int], col: int) -> str | None:
    return next((role for role, c in columns.items() if c == col), None)


def check(doc: Document, config: Config) -> Iterator[Finding]:
    for ind in doc.indicators:
        if not ind.shift or not ind.cells:
            continue
        first = min(ind.cells.values(), key=lambda c: c.col)
        table = _doc.table_of(doc, ind)
        columns = table.columns if table is not None else {}
        first_role = next(role for role, c in ind.cells.items() if c is first)
        under = _column_role(columns, first.col)
        n = abs(ind.shift)
        kolom = "satu kolom" if n == 1 else f"{n} kolom"
        cols_en = "one column" if n == 1 else f"{n} columns"
        what = f"isi kolom {_doc.ROLE_LABEL.get(first_role, first_role)}"
        what_en = f"the {_doc.ROLE_LABEL.get(first_role, first_role)} value"
        under_label = _doc.ROLE_LABEL.get(under, col_letter(first.col)) if under else col_letter(first.col)
        if ind.shift < 0:
            lost_id = (
                "sehingga nomor (NO) baris hilang" if "no" in columns else "sehingga sel pertama baris hilang"
            )
            lost_en = "so the row's NO cell is lost" if "no" in columns else "so the row's first cell is lost"
            message_id = (
                f"Baris ini bergeser {kolom} ke kiri: {what} tertulis di kolom {under_label} ({first.coord}), "
                f"{lost_id}. Nilai dibaca menurut letaknya; mohon geser baris ini {kolom} ke kanan."
            )
            message_en = (
                f"This row is shifted {cols_en} to the left: {what_en} sits under {under_label} "
                f"({first.coord}), {lost_en}. Values are read where they are; please move the row {cols_en} "
                f"to the right."
            )
        else:
            spill = bool(columns) and any(c.col > max(columns.values()) for c in ind.cells.values())
            spill_id = " dan sel terakhirnya berada di luar tabel" if spill else ""
            spill_en = " and its last cell falls outside the table" if spill else ""
            message_id = (
                f"Baris ini bergeser {kolom} ke kanan: {what} tertulis di kolom {under_label} ({first.coord})"
                f"{spill_id}. Nilai dibaca menurut letaknya; mohon geser baris ini {kolom} ke kiri."
            )
            message_en = (
                f"This row is shifted {cols_en} to the right: {what_en} sits under {under_label} "
                f"({first.coord}){spill_en}. Values are read where they are; please move the row {cols_en} "
                f"to the left."
            )
        expected_col = columns.get(first_role)
        label = _doc.ROLE_LABEL.get(first_role, first_role)
        yield finding(
            sys.modules[__name__],
            message_id=message_id,
            message_en=message_en,
            cell=first,
            indicator=ind,
            found=f"{label} di kolom {col_letter(first.col)}",
            expected=f"{label} di kolom {col_letter(expected_col)}" if expected_col else None,
        )
