"""A capaian above the configured limit (200% by default) or below 0, typed or computed.

Such a capaian is most often a typo or a unit slip (target `0,85` against realisasi `85`).
One finding per row, on the capaian cell; the typed capaian is judged first.

Above the limit, a capaian is only suspect when its size points to a slip: about 10, 100 or 1000 times
100% (a misplaced separator or a unit: `0,85` against `85`), or 50 times and more. A real over-achievement
(433% on a target of 1,5 that became 6,5) is left alone.

Passing:  | Indeks Kepuasan Masyarakat | 85 | 82,71 | 97,31% |
          | Jumlah mata kuliah case method | 1,5 | 6,5 | 433% |
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
    # The columns pick the rows whose recorded or computed capaian is outside 0-high; each is judged below.
    recorded, ours = h.columns(doc, config, "capaian", "capaian_hitung")
    outside = (recorded < 0) | (recorded > high) | (ours < 0) | (ours > high)
    for k in h.rows(outside):
        ind = doc.indicators[k]
        typed = h.typed_capaian(ind)
        for which, x in (("tercatat", typed), ("hasil hitung", ind.capaian_hitung)):
            if x is None or 0 <= x <= high or x > high and not looks_like_slip(x):
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


def looks_like_slip(capaian: float) -> bool:
    """Does a capaian above the limit look like a slip of x10, x100, x1000 (within a factor 1.5), or is it
    50 times the target or more?"""
    ratio = capaian / 100
    if ratio >= 50:
        return True
    return any(p / 1.5 <= ratio <= p * 1.5 for p in (10, 100, 1000))
