"""A target of 0: capaian cannot be computed by dividing by it.

Severity warning, not error: a zero target is legitimate for some indicators (zero cases, zero findings,
zero accidents: lower-is-better targets), so the number is not necessarily wrong; but no capaian can be
computed from it and a human must judge the row (or a target of 0 was typed for a missing one).

On a lower-is-better indicator a target of 0 is a real target (zero cases): it is scored as e-SAKIP apps do
(realisasi 0 is achieved, 100%; above 0 is not, 0%) and the finding is only an info saying so.

Passing:  | Jumlah SOP | 11 SOP | 11 SOP | 100% |
Failing:  | Persentase desa mandiri | 0 | 2 | - | -> "Target 0: capaian tidak dapat dihitung (pembagian dengan
          nol). ..."
Info:     | Jumlah kasus kematian ibu | 0 | 0 | 100% | -> "Target 0 pada indikator yang makin kecil makin baik:
          realisasi 0 dinilai tercapai (100%) ..."
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from ..config import Config
from ..model import Document, Finding
from . import _indikator as h
from .base import finding

ID = "target-zero"
SEVERITY = "warning"
SUMMARY = "Target bernilai 0 sehingga capaian tidak dapat dihitung"
SUMMARY_EN = "Target is 0, so capaian cannot be computed"


def check(doc: Document, config: Config) -> Iterator[Finding]:
    me = sys.modules[__name__]
    (target,) = h.columns(doc, config, "target")
    for k in h.rows(target == 0):
        ind = doc.indicators[k]
        if h.number_of(ind.target) != 0:
            continue
        cell, coord = h.place(doc, ind, "target")
        shown = h.value_text(ind.target, cell)
        if ind.status_reason == "target-nol-negatif":
            yield finding(
                me,
                severity="info",
                message_id=(
                    f"Target {shown} pada indikator yang makin kecil makin baik: realisasi 0 dinilai tercapai "
                    "(capaian 100%), realisasi di atas 0 tidak tercapai (capaian 0%)."
                ),
                message_en=(
                    f"Target {h.value_text_en(ind.target, cell)} on a lower-is-better indicator: a realisasi of 0 "
                    "is scored as achieved (capaian 100%), above 0 as not achieved (capaian 0%)."
                ),
                cell=cell,
                coord=coord,
                indicator=ind,
                found=shown,
                expected=None,
            )
            continue
        yield finding(
            me,
            message_id=(
                f"Target {shown}: capaian tidak dapat dihitung (pembagian dengan nol). "
                "Mohon periksa target ini atau jelaskan cara pengukurannya."
            ),
            message_en=(
                f"Target {h.value_text_en(ind.target, cell)}: capaian cannot be computed (division by zero). "
                "Please check this target or explain how it is measured."
            ),
            cell=cell,
            coord=coord,
            indicator=ind,
            found=shown,
            expected="target bukan nol",
        )
