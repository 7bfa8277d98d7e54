"""Target and realisasi are numbers but no capaian is given (no value and no formula).

A capaian formula without a cached result is not missing: it is evaluated (see `formula-recomputed`).
Tables without a CAPAIAN column are not flagged row by row.

Passing:  | Jumlah SOP | 11 SOP | 11 SOP | 100% |
Failing:  | Jumlah SOP | 11 SOP | 11 SOP |  (empty) | ->
          "Capaian belum diisi; menurut realisasi 11 ÷ target 11 × 100 capaiannya 100,00%."
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from ..config import Config
from ..model import Document, Finding
from . import _indikator as h
from .base import finding

ID = "capaian-missing"
SEVERITY = "warning"
SUMMARY = "Capaian kosong padahal target dan realisasi berupa angka"
SUMMARY_EN = "No capaian although target and realisasi are numbers"


def check(doc: Document, config: Config) -> Iterator[Finding]:
    import numpy as np

    me = sys.modules[__name__]
    # The columns pick the rows with numbers on both sides, a computed capaian and none typed nor formula.
    target, realisasi, ours, formula, kind = h.columns(doc, config, "target", "realisasi", "capaian_hitung",
                                                       "capaian_formula", "capaian_kind")
    missing = (~np.isnan(target) & ~np.isnan(realisasi) & ~np.isnan(ours) & ~formula
               & h.has_kind(kind, "missing", "empty"))
    for k in h.rows(missing):
        ind = doc.indicators[k]
        t, r = h.number_of(ind.target), h.number_of(ind.realisasi)
        if t is None or r is None or ind.capaian_hitung is None:
            continue
        if not h.has_column(doc, ind, "capaian") or h.formula_cell(ind) is not None:
            continue
        if ind.capaian is not None and not ind.capaian.is_missing:
            continue
        cell, coord = h.place(doc, ind, "capaian")
        expected = h.pct(ind.capaian_hitung)
        yield finding(
            me,
            message_id=(
                f"Capaian belum diisi; menurut realisasi {h.num(r)} dan target {h.num(t)} "
                f"capaiannya {expected}."
            ),
            message_en=(
                f"No capaian given; from realisasi {h.num_en(r)} and target {h.num_en(t)} "
                f"it is {h.pct_en(ind.capaian_hitung)}."
            ),
            cell=cell,
            coord=coord,
            indicator=ind,
            found=h.shown(ind.capaian, cell),
            expected=expected,
        )
