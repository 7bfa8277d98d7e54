"""The official scales and how a typed number is compared with a computed one.

IKM (PermenPANRB 14/2017: lower bounds 88,31 / 76,61 / 65,00 / 25,00 on 25-100, 3,5324 / 3,0644 / 2,60 / 1,00
on 1-4), SAKIP grade (PermenPANRB 12/2015, kept by 88/2021: strict lower bounds 90 AA, 80 A, 70 BB, 60 B, 50 CC,
30 C, else D), the capaian predikat of the configuration (default cut-offs 91 / 76 / 66 / 51, Permendagri
86/2017), and `same_at_precision` (a typed 97,31% is the computed 97,3058)."""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from .model import Value

if TYPE_CHECKING:
    from .config import Config

# IKM (PermenPANRB 14/2017): lower bounds on 25-100 and on 1-4.
IKM_SCALE = ((88.31, "A", "Sangat Baik"), (76.61, "B", "Baik"), (65.00, "C", "Kurang Baik"), (25.00, "D", "Tidak Baik"))
IKM_SCALE_4 = ((3.5324, "A", "Sangat Baik"), (3.0644, "B", "Baik"), (2.60, "C", "Kurang Baik"), (1.00, "D", "Tidak Baik"))
# SAKIP (PermenPANRB 12/2015, 88/2021): strict lower bounds (90 is A, not AA).
SAKIP_SCALE = ((90, "AA"), (80, "A"), (70, "BB"), (60, "B"), (50, "CC"), (30, "C"))


def ikm_category(x: float) -> tuple[str, str]:
    """IKM value -> (mutu, kinerja): 82,71 -> ("B", "Baik"). Values up to 4 are read on the 1-4 scale."""
    scale = IKM_SCALE_4 if x <= 4 else IKM_SCALE
    for bound, code, label in scale:
        if x >= bound - 1e-9:
            return code, label
    return scale[-1][1], scale[-1][2]


def sakip_grade(x: float) -> str:
    for bound, code in SAKIP_SCALE:
        if x > bound:
            return code
    return "D"


def predikat_of(x: float | None, config: Config) -> str | None:
    if x is None or math.isnan(x):
        return None
    for bound, label in config.predikat:
        if x >= bound:
            return label
    return config.predikat[-1][1]


def same_at_precision(typed: Value, computed: float, tolerance: float = 0.0) -> bool:
    """Is the typed capaian the computed one, at the precision it was typed with?

    97,31% vs 97,3058 -> True; 97% vs 97,3 -> True; 97,13% vs 97,31 -> False. A numeric cell without a
    fixed number of decimals is compared at 2 decimals (what users see), or exactly when it has more.
    """
    if typed.number is None or computed is None or math.isnan(computed):
        return False
    decimals = typed.decimals
    if decimals is None:
        decimals = 2
    half = 0.5 * 10 ** (-decimals)
    return abs(typed.number - computed) <= half + tolerance + 1e-9


def numeric(v: Value | None) -> float | None:
    """The number a Value carries for arithmetic (numbers, percents, money), or None."""
    if v is None or v.kind not in ("number", "percent", "money"):
        return None
    return v.number


# An IKM/SKM indicator by its name (measure reads its A-D letters as IKM mutu; the label rule uses it too).
IKM_NAME = re.compile(r"kepuasan\s+masyarakat|\bikm\b|\bskm\b|indeks\s+kepuasan", re.I)
_IKM_NEEDLES = ("kepuasan", "ikm", "skm")  # IKM_NAME cannot match an ASCII text without one of these


def is_ikm_name(text: str | None) -> bool:
    """`IKM_NAME` found in `text` (any case). An ASCII text without "kepuasan", "ikm" or "skm" is ruled out
    by substring tests first (a case-insensitive alternation is slow over twenty thousand names)."""
    if not text:
        return False
    if text.isascii():
        low = text.lower()
        if not any(n in low for n in _IKM_NEEDLES):
            return False
    return IKM_NAME.search(text) is not None

