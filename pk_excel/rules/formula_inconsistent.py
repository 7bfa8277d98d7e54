"""A capaian formula whose shape differs from most of its neighbours in the same table column, like Excel's
"inconsistent formula" marker: copied formulas share one relative (R1C1) shape, a slipped one does not.
Judged only where at least three formulas sit in the column and one shape is held by more than half. The
wrappers people add around the same ratio (`IFERROR(..., 0)`, `ROUND(..., 2)`) do not change its shape.

Passing:  G8: =F8/E8*100, G9: =F9/E9*100, G10: =F10/E10*100
Failing:  G8: =F8/E8*100, G9: =F9/E9*100, G10: =E10/F10*100 ->
          "Rumus =E10/F10*100 berbeda bentuk dengan rumus capaian lain di kolom ini (mis. =F9/E9*100)."
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import lru_cache

from ..config import Config
from ..model import Cell, Document, Finding, Indicator
from . import _indikator as h
from .base import finding

ID = "formula-inconsistent"
SEVERITY = "warning"
SUMMARY = "Rumus capaian berbeda bentuk dengan rumus lain di kolom yang sama"
SUMMARY_EN = "Capaian formula shaped differently from the others in its column"


def check(doc: Document, config: Config) -> Iterator[Finding]:
    from ..formula import relative_shape

    me = sys.modules[__name__]
    groups: dict[tuple, list[tuple[Indicator, Cell, str]]] = defaultdict(list)
    (has_formula,) = h.columns(doc, config, "capaian_formula")
    for k in h.rows(has_formula):
        ind = doc.indicators[k]
        cell = h.formula_cell(ind)
        if cell is None:
            continue
        # Shifted rows sit one column off; their formulas are still compared with the column's others.
        groups[(ind.sheet, ind.table)].append((ind, cell, core(relative_shape(cell.formula or "", cell.row, cell.col))))
    for members in groups.values():
        if len(members) < 3:
            continue
        shape, count = Counter(s for _, _, s in members).most_common(1)[0]
        if count * 2 <= len(members):
            continue
        example = next(c for _, c, s in members if s == shape)
        ex = h.formula_text(example)
        for ind, cell, s in members:
            if s == shape:
                continue
            formula = h.formula_text(cell)
            yield finding(
                me,
                message_id=(
                    f"Rumus {formula} berbeda bentuk dengan rumus capaian lain di kolom ini "
                    f"(mis. {ex} di {example.coord}). Mohon periksa apakah rumus ini benar."
                ),
                message_en=(
                    f"Formula {formula} is shaped differently from the other capaian formulas in this column "
                    f"(e.g. {ex} in {example.coord}). Please check it."
                ),
                cell=cell,
                indicator=ind,
                found=formula,
                expected=f"bentuk seperti {ex}",
            )


_WRAPPERS = (re.compile(r"^IFERROR\((.*),[^,()]*\)$", re.I), re.compile(r"^ROUND(?:UP|DOWN)?\((.*),\s*-?\d+\)$", re.I))


@lru_cache(maxsize=4096)
def core(shape: str) -> str:
    """A formula's shape without IFERROR/ROUND wrappers: 'ROUND(IFERROR(RC[-1]/RC[-2]*100,0),2)' ->
    'RC[-1]/RC[-2]*100'."""
    s = shape.lstrip("=")
    changed = True
    while changed:
        changed = False
        for pat in _WRAPPERS:
            m = pat.match(s)
            if m and m.group(1).count("(") == m.group(1).count(")"):
                s, changed = m.group(1), True
    return s
