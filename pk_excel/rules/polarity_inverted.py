"""A typed capaian that fits only a lower-is-better formula (target ÷ realisasi × 100 or
(2 × target − realisasi) ÷ target × 100) on an indicator whose name gives no sign of being lower-is-better
and whose polarity nobody declared. Computing a positive indicator as T/R is a classic slip: ask to confirm.
(With a POLARITAS column or a configured polarity, the same capaian is a plain `capaian-wrong`.)

Passing:  | Usia Harapan Hidup | 70 | 72 | 102,86% |
Failing:  | Usia Harapan Hidup | 70 | 72 | 97,22% | ->
          "Capaian 97,22% sesuai rumus target ÷ realisasi × 100 (indikator makin kecil makin baik), ..."
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from ..config import Config
from ..model import Document, Finding
from . import _indikator as h
from .base import finding

ID = "polarity-inverted"
SEVERITY = "warning"
SUMMARY = "Capaian dihitung dengan rumus polaritas negatif pada indikator yang tampaknya positif"
SUMMARY_EN = "Capaian computed with a lower-is-better formula on an apparently higher-is-better indicator"


def check(doc: Document, config: Config) -> Iterator[Finding]:
    import numpy as np

    me = sys.modules[__name__]
    if not doc.indicators:
        return
    # The columns pick the positive rows whose typed capaian fits only a lower-is-better formula;
    # `looks_inverted` then says it row by row (declared polarity, the name, the exact fit).
    polarity, fits_pos, pos, fits_neg, fits_inv = h.columns(
        doc, config, "polaritas", "rule_fits_pos", "rule_pos", "rule_fits_neg", "rule_fits_inv")
    for k in h.rows((polarity == "positif") & ~fits_pos & ~np.isnan(pos) & (fits_neg | fits_inv)):
        ind = doc.indicators[k]
        got = h.looks_inverted(ind, config)
        if got is None:
            continue
        name, positive = got
        text = h.FORMULA_TEXT[name][0]
        cell, coord = h.place(doc, ind, "capaian")
        found = h.value_text(ind.capaian, cell)
        found_en = h.value_text_en(ind.capaian, cell)
        expected = h.pct(positive)
        yield finding(
            me,
            message_id=(
                f"Capaian {found} sesuai rumus {text} (indikator makin kecil makin baik), padahal nama "
                f'indikator "{ind.indikator}" tidak menunjukkan polaritas negatif. Dengan realisasi ÷ target '
                f"× 100 capaiannya {expected}. Mohon pastikan polaritasnya "
                "(kolom POLARITAS atau pk-excel.toml)."
            ),
            message_en=(
                f"Capaian {found_en} fits {text} (a lower-is-better formula), but the indicator name "
                f'"{ind.indikator}" gives no sign of negative polarity. With realisasi ÷ target × 100 it is '
                f"{h.pct_en(positive)}. Please confirm the polarity (POLARITAS column or pk-excel.toml)."
            ),
            cell=cell,
            coord=coord,
            indicator=ind,
            found=found,
            expected=expected,
        )
