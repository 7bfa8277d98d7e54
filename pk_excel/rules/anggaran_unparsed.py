"""An ANGGARAN (or realisasi anggaran) amount that does not read as money.

Amounts are read as rupiah (`3.447.564.346`, `Rp 1.612.808.953,00`, `Rp 1,5 M`); text that is not an
amount (`tiga miliar`, `lihat DPA`) cannot be totalled or compared. Empty and "-" amounts are left to
`program-anggaran-count`.

Passing:  ANGGARAN `Rp 3.447.564.346`
Failing:  ANGGARAN `lihat DPA` -> "Anggaran 'lihat DPA' tidak dapat dibaca sebagai nilai rupiah."
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from ..config import Config
from ..model import Cell, Document, Finding, Value
from .base import finding

ID = "anggaran-unparsed"
SEVERITY = "error"
SUMMARY = "Anggaran program yang tidak dapat dibaca sebagai nilai rupiah"
SUMMARY_EN = "Program amounts that do not read as rupiah"

_READABLE = ("money", "number")


def _bad(value: Value | None, cell: Cell | None) -> bool:
    return value is not None and cell is not None and not value.is_missing and value.kind not in _READABLE


def check(doc: Document, config: Config) -> Iterator[Finding]:
    rule = sys.modules[__name__]
    for p in doc.programs + doc.programs_unpaired:
        for value, cell, what_id, what_en in (
            (p.anggaran, p.anggaran_cell, "Anggaran", "The anggaran"),
            (p.realisasi_anggaran, p.realisasi_cell, "Realisasi anggaran", "The realisasi anggaran"),
        ):
            if cell is None or not _bad(value, cell):
                continue
            raw = cell.text.strip()
            yield finding(
                rule,
                cell=cell,
                message_id=(
                    f"{what_id} '{raw}' untuk {p.name} tidak dapat dibaca sebagai nilai rupiah. "
                    f"Mohon tulis sebagai angka, misalnya 1.612.808.953."
                ),
                message_en=(
                    f"{what_en} '{raw}' of {p.name} does not read as a rupiah amount. "
                    f"Please write it as a number, e.g. 1.612.808.953."
                ),
                found=raw,
                expected="nilai rupiah",
            )
