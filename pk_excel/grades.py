"""Grades and labels on their scales: SAKIP (PermenPANRB 12/2015, kept by 88/2021: AA..D), IKM mutu
(PermenPANRB 14/2017: A..D with Sangat Baik..Tidak Baik), Opini BPK (WTP > WDP > TW > TMP).

`grade_of(text, scale) -> Grade | None` reads `BB`, `A (Sangat Baik)`, `Baik`, `WTP`; `compare_grades(a, b)`
orders two grades on one scale (a bare letter is re-read on the other side's scale)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .model import Grade
from .value_notes import WS as _WS

# ---------------------------------------------------------------------------------------------------------
# Grades

SAKIP_LABELS: dict[str, str] = {
    "AA": "Sangat Memuaskan",
    "A": "Memuaskan",
    "BB": "Sangat Baik",
    "B": "Baik",
    "CC": "Cukup",
    "C": "Kurang",
    "D": "Sangat Kurang",
}
IKM_LABELS: dict[str, str] = {"A": "Sangat Baik", "B": "Baik", "C": "Kurang Baik", "D": "Tidak Baik"}
OPINI_LABELS: dict[str, str] = {
    "WTP": "Wajar Tanpa Pengecualian",
    "WDP": "Wajar Dengan Pengecualian",
    "TW": "Tidak Wajar",
    "TMP": "Tidak Menyatakan Pendapat",
}
_RANKS: dict[str, dict[str, int]] = {
    "sakip": {"AA": 7, "A": 6, "BB": 5, "B": 4, "CC": 3, "C": 2, "D": 1},
    "ikm": {"A": 4, "B": 3, "C": 2, "D": 1},
    "opini": {"WTP": 4, "WDP": 3, "TW": 2, "TMP": 1},
}
_GRADE_WORDS: dict[str, tuple[str, str]] = {
    "sangat baik": ("ikm", "A"),
    "baik": ("ikm", "B"),
    "kurang baik": ("ikm", "C"),
    "tidak baik": ("ikm", "D"),
    "sangat memuaskan": ("sakip", "AA"),
    "memuaskan": ("sakip", "A"),
    "wajar tanpa pengecualian": ("opini", "WTP"),
    "wajar dengan pengecualian": ("opini", "WDP"),
    "tidak wajar": ("opini", "TW"),
    "tidak menyatakan pendapat": ("opini", "TMP"),
    "tidak memberikan pendapat": ("opini", "TMP"),
    "disclaimer": ("opini", "TMP"),
}
_GRADE_PREFIX = re.compile(
    r"^(?:(?:predikat|nilai|opini|kategori|mutu(?: pelayanan)?|hasil|sakip|ikm|skm|bpk|lhe)\b[\s:.=-]*)+"
)
_GRADE_SPLIT = re.compile(r"^(.+?)\s*(?:\((.+)\)|\[(.+)\]|[-=:]\s*(.+))$")


def _grade(scale: str, code: str) -> Grade:
    return Grade(scale, code, _RANKS[scale][code])


def _grade_part(part: str) -> tuple[str | None, str] | None:
    """(scale or None for a bare A..D letter, code) of a code or words; None if it is neither."""
    p = part.strip(" .").lower()
    if p in _GRADE_WORDS:
        return _GRADE_WORDS[p]
    up = p.upper()
    if up in ("AA", "BB", "CC"):
        return ("sakip", up)
    if up in ("A", "B", "C", "D"):
        return (None, up)
    if up in _RANKS["opini"]:
        return ("opini", up)
    return None


@lru_cache(maxsize=4096)
def _grade_of(text: str, scale: str | None) -> tuple[Grade | None, bool]:
    t = _WS.sub(" ", text).strip().strip("\"'").strip()
    if not t or len(t) > 60:
        return None, False
    low = t.lower()
    hint = scale
    if hint is None:
        if "sakip" in low:
            hint = "sakip"
        elif "ikm" in low or "skm" in low or "kepuasan" in low or "mutu" in low:
            hint = "ikm"
    low = _GRADE_PREFIX.sub("", low).strip()
    if not low:
        return None, False
    parts = [low]
    m = _GRADE_SPLIT.match(low)
    if m:
        parts = [m.group(1), next(g for g in m.group(2, 3, 4) if g is not None)]
    read: list[tuple[str | None, str]] = []
    for part in parts:
        got = _grade_part(part)
        if got is None:
            return None, False
        read.append(got)
    code_r = read[0]
    # "B (Baik)": the words name the scale of a bare letter when they fit it.
    if len(read) == 2:
        a, b = read
        if a[0] is None and b[0] is not None:
            if b[0] == "ikm" and a[1] == b[1]:
                return _grade("ikm", a[1]), False
            if SAKIP_LABELS.get(a[1], "").lower() == parts[1].strip(" ."):
                return _grade("sakip", a[1]), False
            # Words that do not fit the letter ("A (Baik)"): keep the letter on the words' scale
            # so the contradiction stays visible to the label rule.
            scale_of_words = hint or b[0]
            return _grade(scale_of_words if scale_of_words in ("sakip", "ikm") else "sakip", a[1]), False
        if a[0] is not None and b[0] is None:
            code_r = a
        elif a[0] is not None and b[0] is not None and a[0] != b[0] and a[1] != b[1]:
            # "BB (Sangat Baik)": SAKIP words overlap the IKM ones; the code decides.
            code_r = a
    sc, code = code_r
    if sc is None:
        if hint in ("sakip", "ikm"):
            return _grade(hint, code), False
        return _grade("sakip", code), True
    if sc == "ikm" and hint == "sakip" and code in _RANKS["sakip"]:
        return _grade("sakip", code), False
    return _grade(sc, code), False


def grade_of(text: Any, scale: str | None = None) -> Grade | None:
    """The grade a whole text names, or None.

    `AA`..`D` (SAKIP), `A`..`D` with IKM words (`B (Baik)`, `Sangat Baik`), `WTP`..`TMP` and their words
    (Opini BPK), with prefixes such as `Predikat`, `Opini`, `Nilai SAKIP:`. A bare A..D is SAKIP unless the
    text names IKM/SKM or `scale` says otherwise ("sakip" | "ikm").
    """
    if not isinstance(text, str):
        return None
    return _grade_of(text, scale)[0]


def compare_grades(a: Grade, b: Grade) -> int:
    """-1, 0, 1 as `a` is worse than, equal to or better than `b`.

    A single-letter grade (A..D) on the SAKIP or IKM scale is re-read on the other grade's scale when the
    scales differ. Raises ValueError when the scales still differ (e.g. WTP vs BB).
    """
    if a.scale != b.scale:
        if b.scale in ("sakip", "ikm") and a.code in _RANKS[b.scale] and len(a.code) == 1:
            a = _grade(b.scale, a.code)
        elif a.scale in ("sakip", "ikm") and b.code in _RANKS[a.scale] and len(b.code) == 1:
            b = _grade(a.scale, b.code)
        else:
            raise ValueError(
                f"grades on different scales cannot be compared: {a.code} ({a.scale}), {b.code} ({b.scale})"
            )
    return (a.rank > b.rank) - (a.rank < b.rank)
