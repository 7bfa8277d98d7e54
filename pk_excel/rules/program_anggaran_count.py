"""PROGRAM names and ANGGARAN amounts under the table do not pair up one to one.

The reader pairs the two lists in order (or reads them side by side); a program left without an amount
(or with an empty / "-" amount) and an amount left without a program each get a finding naming both counts.
No PROGRAM/ANGGARAN block at all is silent (many measurement tables leave it out).

Passing:  PROGRAM: 2 names; ANGGARAN: 3.447.564.346, 1.612.808.953
Failing:  PROGRAM: 3 names; ANGGARAN: 2 amounts -> on the third name:
          "Program ini tidak memiliki anggaran: ada 3 program dan 2 anggaran."
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from ..config import Config
from ..model import Document, Finding, Program
from .base import finding

ID = "program-anggaran-count"
SEVERITY = "error"
SUMMARY = "Jumlah PROGRAM berbeda dengan jumlah ANGGARAN"
SUMMARY_EN = "PROGRAM names and ANGGARAN amounts that do not pair up"


def _without_amount(p: Program) -> bool:
    return p.anggaran_cell is None or p.anggaran is None or p.anggaran.is_missing


def check(doc: Document, config: Config) -> Iterator[Finding]:
    rule = sys.modules[__name__]
    programs = list(doc.programs) + [
        p for p in doc.programs_unpaired if all(p is not q for q in doc.programs)
    ]
    bare = [p for p in programs if _without_amount(p)]
    n_programs = len(programs)
    n_amounts = n_programs - len(bare) + len(doc.amounts_unpaired)
    if not bare and not doc.amounts_unpaired:
        return
    counts_id = f"ada {n_programs} program dan {n_amounts} anggaran"
    counts_en = f"there are {n_programs} programs and {n_amounts} amounts"
    for p in sorted(bare, key=lambda p: p.row):
        yield finding(
            rule,
            sheet=p.sheet,
            row=p.row,
            coord=p.name_cell,
            message_id=f"Program ini tidak memiliki anggaran: {counts_id}. Mohon lengkapi anggarannya.",
            message_en=f"This program has no amount: {counts_en}. Please add its anggaran.",
            found=f"{n_programs} program, {n_amounts} anggaran",
            expected="satu anggaran untuk setiap program",
        )
    for cell in doc.amounts_unpaired:
        yield finding(
            rule,
            cell=cell,
            message_id=f"Anggaran {cell.text} tidak memiliki nama program: {counts_id}. Mohon lengkapi programnya.",
            message_en=f"The amount {cell.text} has no program: {counts_en}. Please add the program's name.",
            found=f"{n_programs} program, {n_amounts} anggaran",
            expected="satu program untuk setiap anggaran",
        )
