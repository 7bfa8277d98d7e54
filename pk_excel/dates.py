"""Dates as Indonesian offices write them: `26 Februari 2024`, `26-02-2024`, `Februari 2024` (the first day
of that month), a weekday before the date; Excel date cells. `parse_date(raw) -> date | None` reads a whole
cell, `find_date(text)` the first date inside a longer text. Never raise."""

from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache
from typing import Any

from .value_notes import WS as _WS

# ---------------------------------------------------------------------------------------------------------
# Dates

_MONTHS: dict[str, int] = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agt": 8, "agu": 8, "ags": 8, "agus": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "october": 10, "oct": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "des": 12, "december": 12, "dec": 12,
}  # fmt: skip
_MON = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
_YEAR = r"(\d{4}|\d{2})(?!\d)"
_DATE_RES = (
    (
        "dmy",
        re.compile(
            r"(?<!\d)(\d{1,2})(?:\s*[-/.]\s*|\s+)" + _MON + r"(?:\s*[-/.,]\s*|\s+)" + _YEAR, re.IGNORECASE
        ),
    ),
    ("mdy", re.compile(r"(?<![a-z])" + _MON + r"\s+(\d{1,2}),?\s+(\d{4})(?!\d)", re.IGNORECASE)),
    ("dmy_num", re.compile(r"(?<![\d.,])(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d.,]?\d)")),
    ("ymd", re.compile(r"(?<!\d)(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)")),
    ("my", re.compile(r"(?<![a-z])" + _MON + r"\s*[-/]?\s*(\d{4})(?!\d)", re.IGNORECASE)),
)
_WEEKDAY = re.compile(
    r"^(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday)\s*,?\s*",
    re.IGNORECASE,
)


def _year(y: str) -> int:
    n = int(y)
    if len(y) == 2:
        n += 2000 if n < 70 else 1900
    return n


def _date_from(kind: str, g: tuple[str, ...]) -> _dt.date | None:
    try:
        if kind == "dmy":
            return _dt.date(_year(g[2]), _MONTHS[g[1].lower()], int(g[0]))
        if kind == "mdy":
            return _dt.date(int(g[2]), _MONTHS[g[0].lower()], int(g[1]))
        if kind == "dmy_num":
            return _dt.date(_year(g[3]), int(g[2]), int(g[0]))
        if kind == "ymd":
            return _dt.date(int(g[0]), int(g[2]), int(g[3]))
        return _dt.date(int(g[1]), _MONTHS[g[0].lower()], 1)
    except (ValueError, KeyError):
        return None


@lru_cache(maxsize=4096)
def _parse_date_text(s: str) -> _dt.date | None:
    s = _WEEKDAY.sub("", _WS.sub(" ", s).strip()).strip(" .")
    if not s or len(s) > 40:
        return None
    for kind, rx in _DATE_RES:
        m = rx.fullmatch(s)
        if m:
            return _date_from(kind, m.groups())
    return None


def parse_date(raw: Any) -> _dt.date | None:
    """A date from an Excel date cell or a whole text, else None (never raises).

    Texts: `26 Februari 2024`, `26 Feb. 2024`, `Senin, 26 Februari 2024`, `26-02-2024`, `26/02/2024`,
    `26.02.24` (day first), `2024-02-26`, `February 26, 2024`, `Februari 2024` (day 1). Indonesian and
    English month names and abbreviations (`Agt`, `Agu`, `Ags`, `Okt`, `Des`, `Nop`, `Pebruari`).
    Numbers are not read as Excel serial dates.
    """
    if isinstance(raw, _dt.datetime):
        return raw.date()
    if isinstance(raw, _dt.date):
        return raw
    if isinstance(raw, str):
        return _parse_date_text(raw)
    return None


def find_date(text: Any) -> _dt.date | None:
    """The first valid date inside a text ("Bajeng, 26 Februari 2024" -> 2024-02-26), full dates first."""
    if not isinstance(text, str):
        return parse_date(text)
    s = _WS.sub(" ", text)
    invalid_full = False
    for kind, rx in _DATE_RES:
        if kind == "my" and invalid_full:
            return None  # "30 Februari 2024" is a wrong date, not "Februari 2024"
        for m in rx.finditer(s):
            d = _date_from(kind, m.groups())
            if d is not None:
                return d
            invalid_full = True
    return None
