"""The summary rows under a table: "Rata-rata capaian kinerja (%)" and "Predikat kinerja".

The average stated must be the average capaian of the table's indicators (the typed capaian where there is
one, else ours), compared at the precision typed; the predikat stated must be the one of that average on the
predikat scale (Permendagri 86/2017 practice, 91 / 76 / 66 / 51, or `[predikat]` in pk-excel.toml).
An unlabelled SUM row is recognised as a summary and left alone.

Passing:  | 1 | Jumlah dokumen | 4 | 4 | 100 |  | 2 | Jumlah laporan | 12 | 9 | 75 |
          | Rata-rata capaian kinerja (%) | 87,5 |  | Predikat kinerja | Tinggi |
Failing:  | Rata-rata capaian kinerja (%) | 90 | ->
          "Rata-rata capaian tercatat 90, seharusnya 87,50% (rata-rata capaian 2 indikator)."
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterator

from ..config import Config
from ..model import Document, Finding
from ..scales import predikat_of, same_at_precision
from ..values import parse
from . import _indikator as h
from .base import finding

ID = "summary-wrong"
SEVERITY = "warning"
SUMMARY = "Rata-rata capaian atau predikat pada baris ringkasan yang tidak sesuai dengan indikator di atasnya"
SUMMARY_EN = "A summary row's average capaian or predikat that does not match the indicators above it"


def _mean(doc: Document, index: int, col: int) -> tuple[float | None, int]:
    """The average of the indicators' values in column `col` of table `index` (the column the summary's
    value sits in: the year's capaian, or the Renstra's); for the capaian column a blank typed capaian counts
    with ours."""
    table = doc.tables[index]
    xs = []
    for ind in doc.indicators:
        if ind.table != index:
            continue
        cell = next((c for c in ind.cells.values() if c.col == col), None)
        x = None
        if cell is not None and cell.value is not None:
            x = parse(cell.value, cell.number_format, "capaian", True).number
        year_capaian = col == table.columns.get("capaian", 0)
        if year_capaian and x is None:
            x = h.typed_capaian(ind) if h.typed_capaian(ind) is not None else ind.capaian_hitung
        if x is not None and not math.isnan(x):
            xs.append(x)
    return (math.fsum(xs) / len(xs), len(xs)) if xs else (None, 0)


def check(doc: Document, config: Config) -> Iterator[Finding]:
    me = sys.modules[__name__]
    for index, table in enumerate(doc.tables):
        if not table.summaries:
            continue
        means: dict[int, tuple[float | None, int]] = {}
        averaged: int | None = None  # the column a rata-rata row stated, for the predikat under it
        for s in table.summaries:
            cell = s.cells.get("capaian") or s.cells.get("nilai")
            if cell is None or cell.value is None:
                continue
            # the average of the column it sits in when that is a capaian column (the year's or the
            # Renstra's); else (typed under the realisasi, or the form has no capaian column) of the capaian
            capaian_cols = {c for r, c in {**table.columns, **table.extra_columns}.items() if r.startswith("capaian")}
            own = cell.col if cell.col in capaian_cols else table.columns.get("capaian", 0)
            col = averaged if s.kind == "predikat" and averaged is not None else own
            if col not in means:
                means[col] = _mean(doc, index, col)
            mean, n = means[col]
            if mean is None:
                continue
            if s.kind == "rata-rata":
                averaged = col
            if s.kind == "rata-rata":
                typed = parse(cell.value, cell.number_format, "capaian", True)
                if typed.number is None or same_at_precision(typed, mean, max(config.tolerance, 0.0)):
                    continue
                yield finding(
                    me,
                    cell=cell,
                    message_id=(f"Rata-rata capaian tercatat {cell.text}, seharusnya {h.pct(mean)} (rata-rata "
                                f"capaian {n} indikator di atasnya). Mohon periksa rentang rumusnya."),
                    message_en=(f"Average capaian recorded as {cell.text}, should be {h.pct_en(mean)} (the average "
                                f"of the {n} indicators above). Please check the formula's range."),
                    found=cell.text,
                    expected=h.pct(mean),
                )
            elif s.kind == "predikat" and isinstance(cell.value, str):
                want = predikat_of(mean, config)
                got = cell.value.split(":", 1)[-1].strip()  # "Predikat kinerja: Tinggi" in one cell
                labels = {label.lower() for _, label in config.predikat}
                if want is None or got.lower() not in labels or got.lower() == want.lower():
                    continue
                yield finding(
                    me,
                    cell=cell,
                    message_id=(f"Predikat tercatat {got}, seharusnya {want} untuk rata-rata capaian "
                                f"{h.pct(mean)}."),
                    message_en=f"Predikat recorded as {got}, should be {want} for an average capaian of {h.pct_en(mean)}.",
                    found=got,
                    expected=want,
                )
