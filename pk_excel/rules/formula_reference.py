"""A capaian formula that does not refer to this row's target and realisasi cells: it points at another row
or at the wrong columns (a copy-paste that slipped, a column inserted after the formula was written).
Formulas referring to another sheet, or to no cell at all, are not judged here.

Passing:  G8: =F8/E8*100   (target in E8, realisasi in F8)
Failing:  G9: =F8/E8*100 -> "Rumus capaian =F8/E8*100 tidak merujuk sel target (E9) dan realisasi (F9)
          baris ini; rumus merujuk E8, F8."
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from ..cellref import coord as a1
from ..config import Config
from ..model import Document, Finding
from . import _indikator as h
from .base import finding

ID = "formula-reference"
SEVERITY = "error"
SUMMARY = "Rumus capaian tidak merujuk sel target dan realisasi pada barisnya"
SUMMARY_EN = "Capaian formula not referring to its own row's target and realisasi cells"


def check(doc: Document, config: Config) -> Iterator[Finding]:
    from ..formula import references_at

    me = sys.modules[__name__]
    (has_formula,) = h.columns(doc, config, "capaian_formula")
    for k in h.rows(has_formula):
        ind = doc.indicators[k]
        cell = h.formula_cell(ind)
        t_cell, r_cell = ind.cells.get("target"), ind.cells.get("realisasi")
        if cell is None or t_cell is None or r_cell is None:
            continue
        refs = references_at(cell.formula or "", cell.row, cell.col)
        if not refs or any(sheet is not None and sheet != cell.sheet for sheet, _, _ in refs):
            continue
        points = {(r, c) for _, r, c in refs}
        missing = [
            (name, c)
            for name, c in (("target", t_cell), ("realisasi", r_cell))
            if (c.row, c.col) not in points
        ]
        if not missing:
            continue
        targets = ", ".join(sorted({a1(r, c) for _, r, c in refs}, key=lambda s: (len(s), s)))
        need = " dan ".join(f"{n} ({c.coord})" for n, c in missing)
        need_en = " and ".join(f"{n} ({c.coord})" for n, c in missing)
        formula = h.formula_text(cell)
        yield finding(
            me,
            message_id=(
                f"Rumus capaian {formula} tidak merujuk sel {need} baris ini; rumus merujuk {targets}."
            ),
            message_en=(
                f"Capaian formula {formula} does not refer to this row's {need_en}; it refers to {targets}."
            ),
            cell=cell,
            indicator=ind,
            found=formula,
            expected=f"rumus merujuk {t_cell.coord} dan {r_cell.coord}",
        )
