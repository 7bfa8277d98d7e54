"""A capaian above the configured limit (200% by default) or below 0, typed or computed.

Such a capaian is most often a typo or a unit slip (target `0,85` against realisasi `85`).
One finding per row, on the capaian cell; the typed capaian is judged first.

Passing:  | Indeks Kepuasan Masyarakat | 85 | 82,71 | 97,31% |
Failing:  | Indeks Kepuasan Masyarakat | 0,85 | 85 | 100% | ->
          "Capaian hasil hitung 10.000,00% tidak wajar (di luar 0%–200%): periksa target 0,85 dan
          realisasi 85 — kemungkinan salah ketik atau salah satuan."
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from ..config import Config
from ..model import Document, Finding
from . import _indikator as h
from .base import finding

ID = "capaian-implausible"
SEVERITY = "warning"
SUMMARY = "Capaian tidak wajar (di atas batas atau negatif), kemungkinan salah ketik atau salah satuan"
SUMMARY_EN = "Implausible capaian (above the limit or negative): likely a typo or a unit slip"


def check(doc: Document, config: Config) -> Iterator[Finding]:
    me = sys.modules[__name__]
    high = config.implausible_high
    for ind in doc.indicators:
        typed = h.typed_capaian(ind)
        for which, x in (("tercatat", typed), ("hasil hitung", ind.capaian_hitung)):
            if x is None or 0 <= x <= high:
                continue
            which_en = "recorded" if which == "tercatat" else "computed"
            cell, coord = h.place(doc, ind, "capaian", "realisasi")
            t, r = ind.target, ind.realisasi
            shown = h.pct(x)
            yield finding(
                me,
                message_id=(
                    f"Capaian {which} {shown} tidak wajar (di luar 0%–{h.num(high)}%): periksa target "
                    f"{h.value_text(t)} dan realisasi {h.value_text(r)} — "
                    "kemungkinan salah ketik atau salah satuan."
                ),
                message_en=(
                    f"The {which_en} capaian {h.pct_en(x)} is implausible (outside 0%–{h.num_en(high)}%): "
                    f"check target {h.value_text_en(t)} and realisasi {h.value_text_en(r)} — "
                    "likely a typo or a unit slip."
                ),
                cell=cell,
                coord=coord,
                indicator=ind,
                found=shown,
                expected=f"0%–{h.num(high)}%",
            )
            break
