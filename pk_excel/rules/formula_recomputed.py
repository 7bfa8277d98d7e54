"""A capaian formula with no cached result (the file was never opened and saved in a spreadsheet program):
pk-excel evaluated it itself and says the value it got, or says it could not.

Passing:  G8: =F8/E8*100 with a cached result (saved by Excel or LibreOffice)
Info:     G8: =ROUND(F8/E8*100;2) without a cached result ->
          "Rumus capaian =ROUND(F8/E8*100;2) belum memiliki hasil tersimpan; pk-excel menghitungnya: 97,31%."
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from ..config import Config
from ..model import Document, Finding
from . import _indikator as h
from .base import finding

ID = "formula-recomputed"
SEVERITY = "info"
SUMMARY = "Rumus capaian tanpa hasil tersimpan yang dihitung ulang oleh pk-excel"
SUMMARY_EN = "Capaian formulas without a cached result, evaluated by pk-excel"


def check(doc: Document, config: Config) -> Iterator[Finding]:
    me = sys.modules[__name__]
    (uncomputed,) = h.columns(doc, config, "capaian_uncomputed")
    for k in h.rows(uncomputed):
        ind = doc.indicators[k]
        cell = h.formula_cell(ind)
        if cell is None or cell.value is not None:
            continue
        formula = h.formula_text(cell)
        if ind.formula_result is not None:
            v = ind.capaian
            if v is not None and v.kind == "percent" and v.number is not None:
                got, got_en = h.pct(v.number), h.pct_en(v.number)
            else:
                got, got_en = h.num(ind.formula_result), h.num_en(ind.formula_result)
            yield finding(
                me,
                message_id=(
                    f"Rumus capaian {formula} belum memiliki hasil tersimpan; pk-excel menghitungnya: {got}."
                ),
                message_en=f"Capaian formula {formula} has no cached result; pk-excel computed {got_en}.",
                cell=cell,
                indicator=ind,
                found=formula,
                expected=got,
            )
        else:
            yield finding(
                me,
                message_id=(
                    f"Rumus capaian {formula} belum memiliki hasil tersimpan dan tidak dapat dihitung oleh "
                    "pk-excel; capaian baris ini tidak dibandingkan. Buka dan simpan berkas di Excel."
                ),
                message_en=(
                    f"Capaian formula {formula} has no cached result and pk-excel cannot evaluate it; "
                    "this row's capaian is not compared. Open and save the file in Excel."
                ),
                cell=cell,
                indicator=ind,
                found=formula,
                expected=None,
            )
