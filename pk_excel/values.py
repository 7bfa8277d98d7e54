"""Reading one Indonesian cell value: numbers, percent, units, labels, grades, ranges, money, dates,
NIP and pangkat.

`parse(raw, number_format, role, percent_column) -> Value` is the single entry point for what users type in a
PK table. It never raises. Every assumption it makes is a `Note` (code, severity, Indonesian and English
message); the codes and their severities are listed in `NOTE_CODES` so rules can document them.

Decisions of this module (where no regulation decides):
- Indonesian style first: comma is the decimal separator, dot groups thousands (`1.612.808.953,00`).
  One dot followed by exactly three digits is read as thousands (`1.500` = 1500); any other single dot is
  read as an English decimal point with a warning (`82.71` = 82,71). One comma followed by three digits is
  read as a decimal comma (`1,500` = 1,5) with an info note.
- A bare single letter A..D is read on the SAKIP scale (grade-valued indicators in PK tables are mostly
  "Nilai/Predikat SAKIP"), with an info note; with IKM words (`B (Baik)`), beside a number (`82,71 (B)`) or
  when the text names IKM/SKM it is read on the IKM scale. `compare_grades` re-reads a single letter on the
  other side's scale, so `BB` vs `A` compares on SAKIP.
- `Februari 2024` (a month without a day) is the first day of that month.
- Scale words `ribu`, `juta`, `miliar`, `triliun` multiply anywhere; the short forms `rb`, `jt`, `M`, `T`
  only in money (after `Rp`/`IDR` or in the anggaran column).
"""

from __future__ import annotations

import datetime as _dt
import math
import numbers
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from .model import Grade, Note, Severity, Value

__all__ = [
    "GOLONGAN_PANGKAT",
    "IKM_LABELS",
    "NOTE_CODES",
    "OPINI_LABELS",
    "PANGKAT_GOLONGAN",
    "SAKIP_LABELS",
    "Nip",
    "Pangkat",
    "compare_grades",
    "find_date",
    "fmt_number",
    "fmt_percent",
    "grade_of",
    "parse",
    "parse_date",
    "parse_money",
    "parse_nip",
    "parse_pangkat",
]

# ---------------------------------------------------------------------------------------------------------
# Notes

NOTE_CODES: dict[str, Severity] = {
    "space-in-number": "info",  # "82, 71" -> 82,71
    "ambiguous-decimal-point": "warning",  # "82.71" / "1.5" -> dot read as a decimal point
    "dot-grouping-assumed": "info",  # "1.500" in a percent/capaian context -> 1500, not 1,5
    "ambiguous-decimal-comma": "info",  # "1,500" -> 1,5, not 1500
    "english-number-format": "info",  # "1,234.5" / "3,447,564,346"
    "negative-in-parentheses": "info",  # "(1.234)" -> -1234
    "ratio-as-percent": "warning",  # 0.9731 in a capaian column -> 97,31%
    "grade-scale-assumed": "info",  # bare "B" read as SAKIP B
    "range-reversed": "info",  # "90 - 80" -> 80 to 90
    "bound-in-target": "info",  # "≥ 80%" -> 80% as a lower bound
}

_MSG: dict[str, tuple[str, str]] = {
    "space-in-number": (
        '"{s}" dibaca {v} (ada spasi di dekat koma)',
        '"{s}" read as {v_en} (space near the comma)',
    ),
    "ambiguous-decimal-point": (
        '"{s}" dibaca {v}: titik dibaca sebagai desimal (gaya Inggris), bukan pemisah ribuan',
        '"{s}" read as {v_en}: the dot is read as a decimal point (English style), not a thousands separator',
    ),
    "dot-grouping-assumed": (
        '"{s}" dibaca {v}: titik dibaca sebagai pemisah ribuan, bukan desimal',
        '"{s}" read as {v_en}: the dot is read as a thousands separator, not a decimal point',
    ),
    "ambiguous-decimal-comma": (
        '"{s}" dibaca {v}: koma dibaca sebagai desimal, bukan pemisah ribuan',
        '"{s}" read as {v_en}: the comma is read as a decimal separator, not a thousands separator',
    ),
    "english-number-format": (
        '"{s}" ditulis dengan format Inggris; dibaca {v}',
        '"{s}" is written in English number format; read as {v_en}',
    ),
    "negative-in-parentheses": (
        '"{s}" dibaca sebagai bilangan negatif {v}',
        '"{s}" read as the negative number {v_en}',
    ),
    "ratio-as-percent": (
        "nilai {s} di kolom capaian dibaca sebagai rasio: {v}%",
        "value {s} in the capaian column read as a ratio: {v_en}%",
    ),
    "grade-scale-assumed": (
        '"{s}" dibaca sebagai predikat SAKIP {v}',
        '"{s}" read as SAKIP grade {v_en}',
    ),
    "range-reversed": (
        '"{s}": batas rentang terbalik, dibaca {v}',
        '"{s}": range bounds reversed, read as {v_en}',
    ),
    "bound-in-target": (
        '"{s}" dibaca {v} sebagai batas',
        '"{s}" read as {v_en}, a bound',
    ),
}


_NOTE_SET = tuple(getattr(Note, f).__set__ for f in Note.__slots__)


def _note(code: str, s: str, v: str, v_en: str | None = None, s_en: str | None = None) -> Note:
    mid, men = _MSG[code]
    # Note(...) through its slot descriptors: the frozen dataclass __init__ costs three times as much.
    n = object.__new__(Note)
    set_code, set_severity, set_id, set_en = _NOTE_SET
    set_code(n, code)
    set_severity(n, NOTE_CODES[code])
    set_id(n, mid.format(s=s, v=v))
    set_en(n, men.format(s=s if s_en is None else s_en, v_en=v if v_en is None else v_en))
    return n


# ---------------------------------------------------------------------------------------------------------
# Formatting


_TO_ID = str.maketrans({",": ".", ".": ","})


def fmt_number(x: float, decimals: int | None = None) -> str:
    """Indonesian style: `97,31`, `3.447.564.346`, `-1.234,5`.

    With `decimals=None` an integral value shows no decimals and any other value at most two
    (trailing zeros dropped): 97.3058 -> "97,31", 1.5 -> "1,5".
    """
    try:
        x = float(x)
    except (TypeError, ValueError):
        return str(x)
    if math.isnan(x) or math.isinf(x):
        return str(x)
    if decimals is None:
        if x.is_integer():
            text = f"{x:,.0f}"
        else:
            text = f"{x:,.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{x:,.{max(decimals, 0)}f}"
    if text in ("-0", "-0.00") or (text.startswith("-") and float(text.replace(",", "")) == 0):
        text = text[1:]
    return text.translate(_TO_ID)


def fmt_percent(x: float, decimals: int | None = 2) -> str:
    """`97.305` -> "97,31%" (percent points in, text out)."""
    return fmt_number(x, decimals) + "%"


def _fmt_en(x: float) -> str:
    return f"{x:,.10f}".rstrip("0").rstrip(".") if not float(x).is_integer() else f"{x:,.0f}"


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
    read = [_grade_part(p) for p in parts]
    if any(r is None for r in read):
        return None, False
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


# ---------------------------------------------------------------------------------------------------------
# Numbers

_WS = re.compile(r"[\s\u00a0\u2007\u2009\u202f\u200b\ufeff]+")
_MISSING: dict[str, str] = {
    **dict.fromkeys(("n/a", "na", "n.a", "n.a.", "n / a", "nan"), "na"),
    **dict.fromkeys(
        ("-", "–", "—", "--", "---", "−", "-%", "- %", "–%", "—%", "‐",
         "rp -", "rp. -", "rp-", "rp.-", "rp. –"),
        "dash",
    ),
    **dict.fromkeys(
        ("#n/a", "#div/0!", "#value!", "#ref!", "#name?", "#num!", "#null!", "#spill!", "#calc!",
         "#getting_data"),
        "error-value",
    ),
    **dict.fromkeys(
        (
            "belum ada data", "tidak ada data", "belum ada", "belum tersedia", "data belum tersedia",
            "data tidak tersedia", "tidak tersedia", "belum diukur", "tidak diukur", "belum dinilai",
            "belum ada nilai", "belum ada penilaian", "belum ada hasil", "tidak dapat diukur", "dalam proses",
            "belum dilaksanakan", "tidak dilaksanakan", "belum terealisasi",
        ),
        "text",
    ),
}  # fmt: skip
# In target/realisasi/capaian cells a sentence opening like this means "no data yet".
_MISSING_PREFIX = re.compile(
    r"^(?:belum ada|tidak ada data|data belum|belum tersedia|belum dinilai|belum diukur)\b"
)

_SHAPE = re.compile(
    r"(?P<cmp>>=|<=|[≥≤><]|(?:minimal|minimum|min\.|min|maksimal|maksimum|maks\.|maks|max\.|max"
    r"|paling sedikit|paling banyak|sekurang-kurangnya|setinggi-tingginya|lebih dari|kurang dari)(?= ))?\s*"
    r"(?P<neg>[-+])?\s*(?P<open>\()?\s*(?:(?P<cur>rp\.?|idr)\s*)?(?P<neg2>[-+])?\s*"
    r"(?P<tok>\d(?:[\d.,]| (?=[\d,]))*)"
    r"\s*(?P<close>\))?"
    r"\s*(?P<pct>%|persen\b)?"
    r"\s*(?P<rest>.*)",
    re.IGNORECASE | re.DOTALL,
)
_CMP = {
    ">=": "≥", "≥": "≥", "minimal": "≥", "minimum": "≥", "min.": "≥", "min": "≥", "paling sedikit": "≥",
    "sekurang-kurangnya": "≥",
    "<=": "≤", "≤": "≤", "maksimal": "≤", "maksimum": "≤", "maks.": "≤", "maks": "≤", "max.": "≤", "max": "≤",
    "paling banyak": "≤", "setinggi-tingginya": "≤",
    ">": ">", "lebih dari": ">", "<": "<", "kurang dari": "<",
}  # fmt: skip
_SPACE_SLIP = re.compile(r"\d[\d.]* ?, ?\d+")
_SPACE_GROUPS = re.compile(r"\d{1,3}(?: \d{3})+(?:,\d+)?")
_DOT_GROUPS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
_COMMA_GROUPS = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+")
_ID_FULL = re.compile(r"\d{1,3}(?:\.\d{3})+,\d+")
_EN_FULL = re.compile(r"\d{1,3}(?:,\d{3})+\.\d+")

_SCALE_WORDS = {"ribu": 1e3, "juta": 1e6, "miliar": 1e9, "milyar": 1e9, "triliun": 1e12}
_SCALE_MONEY = {**_SCALE_WORDS, "rb": 1e3, "jt": 1e6, "m": 1e9, "t": 1e12, "rupiah": 1.0}
_SCALE_RE = re.compile(
    r"^(ribu|rb|juta|jt|miliar|milyar|m|triliun|t|rupiah)\b\.?\s*(.*)$", re.IGNORECASE | re.DOTALL
)
_MONEY_TAIL = ("", "-", ",-", ".-", "=", ",=")

_WORD = r"[^\W\d_][\w./²³'’-]*"
_UNIT_RE = re.compile(r"(" + _WORD + r"(?: " + _WORD + r"){0,2})(?: ?\((.{1,40})\))?", re.DOTALL)
_LABEL_RE = re.compile(r"\((.{1,40})\)", re.DOTALL)
_DARI_RE = re.compile(
    r"dari (\d[\d.,]*)(?: (" + _WORD + r"(?: " + _WORD + r"){0,2}))?", re.IGNORECASE | re.DOTALL
)

_RANGE_SEP = r"\s*(?:-|–|—|s\.?\s?d\.?|s/d|sampai(?: dengan)?|hingga|to)\s*"
_RNUM = r"\d(?:[\d.,]| (?=,))*"
_RANGE_RE = re.compile(
    r"(?P<neg>-)?\s*(?P<a>" + _RNUM + r")\s*(?P<p1>%)?" + _RANGE_SEP + r"(?P<b>" + _RNUM + r")\s*(?P<p2>%)?"
    r"\s*(?P<unit>" + _WORD + r"(?: " + _WORD + r"){0,2})?",
    re.IGNORECASE,
)


def _read_token(tok: str) -> tuple[float, int, tuple[str, ...]] | None:
    """(value, decimals typed, note codes) of an unsigned number token, or None if it is not one number.

    Note code "dot-grouping-assumed" is returned for any single-dot thousands reading; the caller keeps it
    only where a decimal would have been plausible.
    """
    t = tok.rstrip(".,")
    codes: tuple[str, ...] = ()
    if " " in t:
        if _SPACE_SLIP.fullmatch(t):
            t = t.replace(" ", "")
            codes = ("space-in-number",)
        elif _SPACE_GROUPS.fullmatch(t):
            t = t.replace(" ", ".")
        else:
            return None
    nd = t.count(".")
    nc = t.count(",")
    if not nd and not nc:
        return float(t), 0, codes
    if not nd:
        if nc == 1:
            ip, fp = t.split(",")
            if not fp:
                return None
            if len(fp) == 3 and ip[0] != "0" and len(ip) <= 3:
                codes += ("ambiguous-decimal-comma",)
            return float(ip + "." + fp), len(fp), codes
        if _COMMA_GROUPS.fullmatch(t):
            return float(t.replace(",", "")), 0, codes + ("english-number-format",)
        return None
    if not nc:
        if nd == 1:
            ip, fp = t.split(".")
            if len(fp) == 3 and ip[0] != "0" and len(ip) <= 3:
                return float(ip + fp), 0, codes + ("dot-grouping-assumed",)
            return float(t), len(fp), codes + ("ambiguous-decimal-point",)
        if _DOT_GROUPS.fullmatch(t):
            return float(t.replace(".", "")), 0, codes
        return None
    if t.rfind(",") > t.rfind("."):
        if _ID_FULL.fullmatch(t):
            ip, fp = t.split(",")
            return float(ip.replace(".", "") + "." + fp), len(fp), codes
        return None
    if _EN_FULL.fullmatch(t):
        ip, fp = t.split(".")
        return float(ip.replace(",", "") + "." + fp), len(fp), codes + ("english-number-format",)
    return None


_FMT_LITERAL = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')
_FMT_DIGIT = re.compile(r"[0#?]")
_FMT_DECIMALS = re.compile(r"\.([0#?]+)")


@lru_cache(maxsize=512)
def _format_info(number_format: str) -> tuple[str | None, int | None, bool]:
    """(percent mode, decimals fixed by the format or None, is a rupiah format) of an Excel number format.

    Percent mode "scale" is a real percent format (`0.00%`: 0.9731 shows 97,31%); "literal" a percent sign
    typed as text in the format (`0.00"%"`: 97.31 shows 97,31%); None otherwise.
    """
    if not number_format or number_format.lower() == "general":
        return None, None, False
    section = number_format.split(";", 1)[0]
    money = "rp" in section.lower()
    bare = _FMT_LITERAL.sub("", section)
    pct = "scale" if "%" in bare else ("literal" if "%" in section else None)
    if not _FMT_DIGIT.search(bare):
        return pct, None, money
    m = _FMT_DECIMALS.search(bare)
    return pct, len(m.group(1)) if m else 0, money


def _notes(codes: tuple[str, ...], s: str, value: float, decimals: int | None) -> tuple[Note, ...]:
    if not codes:
        return ()
    v = fmt_number(value, decimals)
    return tuple(_note(c, s, v, _fmt_en(value)) for c in codes)


def _split_rest(rest: str) -> tuple[str | None, str | None] | None:
    """(unit, label) of what follows a number, or None when it is a sentence, not a unit."""
    if not rest:
        return None, None
    m = _LABEL_RE.fullmatch(rest)
    if m:
        return None, m.group(1).strip()
    m = _DARI_RE.fullmatch(rest)
    if m:
        return m.group(2), "dari " + m.group(1)
    m = _UNIT_RE.fullmatch(rest)
    if m:
        return m.group(1), (m.group(2).strip() if m.group(2) else None)
    return None


def _label_grade(label: str | None) -> Grade | None:
    if not label:
        return None
    return _grade_of(label, "ikm")[0]


def _parse_range(s: str, raw: Any, pct_ctx: bool) -> Value | None:
    m = _RANGE_RE.fullmatch(s)
    if not m:
        return None
    a = _read_token(m.group("a"))
    b = _read_token(m.group("b"))
    if a is None or b is None:
        return None
    lo = -a[0] if m.group("neg") else a[0]
    hi = b[0]
    codes = tuple(c for c in a[2] + b[2] if c != "dot-grouping-assumed")
    notes = _notes(tuple(dict.fromkeys(codes)), s, lo, a[1]) if codes else ()
    if lo > hi:
        lo, hi = hi, lo
        notes += (
            _note("range-reversed", s, f"{fmt_number(lo)}–{fmt_number(hi)}", f"{_fmt_en(lo)}-{_fmt_en(hi)}"),
        )
    unit = "%" if (m.group("p1") or m.group("p2")) else m.group("unit")
    if unit is None and pct_ctx:
        unit = "%"
    return Value(
        raw, "range", low=lo, high=hi, unit=unit, form="range-text", decimals=max(a[1], b[1]), notes=notes
    )


def _parse_shape(s: str, raw: Any, role: str | None, percent_column: bool, money_only: bool) -> Value | None:
    """A number with its sign, currency, percent sign, unit and label; None when `s` is not that shape."""
    m = _SHAPE.fullmatch(s)
    if m is None:
        return None
    g = m.group
    read = _read_token(g("tok"))
    if read is None:
        return None
    value, decimals, codes = read
    rest = g("rest").strip()
    cur = g("cur")
    # "1.500.000,-" is how amounts in rupiah are closed.
    is_money = (
        money_only or role == "anggaran" or cur is not None or (rest in ("-", "=") and g("tok")[-1] in ".,")
    )
    scale = 1.0
    if rest:
        sm = _SCALE_RE.match(rest)
        if sm:
            word = sm.group(1).lower()
            table = _SCALE_MONEY if is_money else _SCALE_WORDS
            if word in table:
                scale = table[word]
                is_money = is_money or word == "rupiah"
                rest = sm.group(2).strip()
    if is_money and rest in _MONEY_TAIL:
        rest = ""
    if g("open") and not g("close"):
        return None
    if g("close") and not g("open"):
        return None
    parens = bool(g("open"))
    if parens and (rest or g("pct")):
        return None
    neg = (g("neg") == "-") ^ (g("neg2") == "-") ^ parens
    if neg:
        value = -value
    if parens:
        codes += ("negative-in-parentheses",)
    pct = g("pct") is not None
    pct_ctx = pct or percent_column or role == "capaian"
    if not pct_ctx:
        codes = tuple(c for c in codes if c != "dot-grouping-assumed")
    else:
        # A percent or capaian with a decimal point and other than 3 decimals ("90.3%", "110.7") cannot be
        # a thousands separator: nothing to say (issue 12.6). "1.5" as a count stays ambiguous (1,5 or 15?).
        codes = tuple(c for c in codes if c != "ambiguous-decimal-point")
    if scale != 1.0:
        value *= scale
        decimals = None
        codes = tuple(c for c in codes if c != "dot-grouping-assumed")
    if is_money:
        if pct:
            return None
        unit_label = _split_rest(rest)
        if unit_label is None or unit_label[0] is not None:
            return None
        return Value(raw, "money", number=value, unit="Rp", label=unit_label[1], form="money-text",
                     decimals=decimals, notes=_notes(codes, s, value, decimals))  # fmt: skip
    unit_label = _split_rest(rest)
    if unit_label is None:
        return None
    unit, label = unit_label
    cmp = g("cmp")
    if cmp:
        sym = _CMP.get(cmp.lower(), cmp)
        label = sym if label is None else f"{sym} {label}"
    notes = _notes(codes, s, value, decimals)
    if cmp:
        shown = fmt_number(value, decimals) + ("%" if pct else "")
        notes += (_note("bound-in-target", s, shown, _fmt_en(value) + ("%" if pct else "")),)
    grade = _label_grade(label) if not cmp else None
    if pct:
        if unit is not None:
            label = unit if label is None else f"{unit} {label}"
        return Value(raw, "percent", number=value, unit="%", label=label, grade=grade, form="percent-text",
                     decimals=decimals, notes=notes)  # fmt: skip
    if unit is None and (percent_column or role == "capaian"):
        form = "percent-column" if percent_column else "capaian-number"
        return Value(raw, "percent", number=value, unit="%", label=label, grade=grade, form=form,
                     decimals=decimals, notes=notes)  # fmt: skip
    return Value(raw, "number", number=value, unit=unit, label=label, grade=grade, form="text",
                 decimals=decimals, notes=notes)  # fmt: skip


# The fast paths below read the common shapes directly and give exactly what `_parse_shape` gives for them;
# anything they are unsure of (an ambiguous separator, a money word as unit, the anggaran column) goes the
# long way. `tests/test_values.py` pins the readings; the benchmark's mix is where the time is spent.
_FAST = re.compile(
    r"(-?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?:(\s?%)|\s([^\W\d_][\w./-]*))?(?: ?\(([^()]{1,40})\))?"
)
# "79.02" (English decimal point) and "82, 71" (space slip): one note each.
_FAST_SLIP = re.compile(r"(-?)(\d+)(?:\.(\d+)|( ?, ?)(\d+))")
_FAST_MONEY = re.compile(
    r"(?:rp\.?|idr) ?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?"
    r"(?: ?(ribu|rb|juta|jt|miliar|milyar|m|triliun|t)\.?|[.,]?[-=])?",
    re.IGNORECASE,
)
_NOT_UNIT = frozenset(
    ("persen", "dari", "rupiah", "rp", "ribu", "rb", "juta", "jt", "miliar", "milyar", "m", "triliun", "t")
)
_new = object.__new__
_SET = tuple(getattr(Value, f).__set__ for f in Value.__slots__)


def _mk(
    raw: Any,
    kind: str,
    number: Any,
    unit: Any,
    form: str,
    decimals: Any,
    label: Any = None,
    grade: Any = None,
    notes: tuple[Note, ...] = (),
) -> Value:
    """Value(raw, kind, number=..., unit=..., form=..., decimals=..., ...) for the hot paths.

    The frozen dataclass __init__ makes twelve object.__setattr__ calls; setting the slots through their
    descriptors halves the cost of the most common cells (the 200,000 cells/s target).
    """
    v = _new(Value)
    (set_raw, set_kind, set_number, set_low, set_high, set_unit, set_label, set_grade, set_form, set_decimals,
     set_notes, set_date) = _SET  # fmt: skip
    set_raw(v, raw)
    set_kind(v, kind)
    set_number(v, number)
    set_low(v, None)
    set_high(v, None)
    set_unit(v, unit)
    set_label(v, label)
    set_grade(v, grade)
    set_form(v, form)
    set_decimals(v, decimals)
    set_notes(v, notes)
    set_date(v, None)
    return v


def _fast(s: str, raw: str, role: str | None, percent_column: bool) -> Value | None:
    """The common shapes (`97,31%`, `3.447.564.346`, `6 unit`, `86,52 (Baik)`) without notes; None sends `s`
    the long way."""
    m = _FAST.fullmatch(s)
    if m is None:
        return None
    sign, ip, fp, pct, unit, label = m.groups()
    if fp is not None and len(fp) == 3 and len(ip) <= 3 and ip[0] != "0":
        return None  # "1,500": ambiguous, needs a note
    pct_ctx = pct is not None or percent_column or role == "capaian"
    if "." in ip and (ip[0] == "0" or (pct_ctx and ip.count(".") == 1)):
        return None  # "0.500" is a decimal point; "1.500" as a percent needs a note
    if role == "anggaran" or (unit is not None and unit.lower() in _NOT_UNIT):
        return None
    num = float(ip.replace(".", "") + "." + fp) if fp is not None else float(ip.replace(".", ""))
    if sign:
        num = -num
    dec = len(fp) if fp is not None else 0
    if label is None:
        if pct is not None:
            return _mk(raw, "percent", num, "%", "percent-text", dec)
        if unit is None and percent_column:
            return _mk(raw, "percent", num, "%", "percent-column", dec)
        if unit is None and role == "capaian":
            return _mk(raw, "percent", num, "%", "capaian-number", dec)
        return _mk(raw, "number", num, unit, "text", dec)
    if "." in ip and not ip.isascii():
        return None  # the long way reads dot groups of ASCII digits only
    label = label.strip()
    grade = _grade_of(label, "ikm")[0] if label else None
    if pct is not None:
        return _mk(raw, "percent", num, "%", "percent-text", dec, label, grade)
    if unit is None and percent_column:
        return _mk(raw, "percent", num, "%", "percent-column", dec, label, grade)
    if unit is None and role == "capaian":
        return _mk(raw, "percent", num, "%", "capaian-number", dec, label, grade)
    return _mk(raw, "number", num, unit, "text", dec, label, grade)


def _fast_slip(s: str, raw: str, role: str | None, percent_column: bool) -> Value | None:
    """`79.02` and `82, 71` with their one note; None when `s` needs the long way."""
    if role == "anggaran":
        return None
    m = _FAST_SLIP.fullmatch(s)
    if m is None:
        return None
    sign, ip, dot_fp, sep, comma_fp = m.groups()
    if dot_fp is not None:
        fp, code = dot_fp, "ambiguous-decimal-point"
    else:
        if " " not in sep:
            return None  # "1,500": ambiguous comma, read with its note the long way
        fp, code = comma_fp, "space-in-number"
    if len(fp) == 3 and ip[0] != "0" and len(ip) <= 3:
        return None  # "1.500" is read as thousands; "82, 500" gets a second note
    num = float(ip + "." + fp)
    if sign:
        num = -num
    dec = len(fp)
    if code == "ambiguous-decimal-point" and (percent_column or role == "capaian"):
        notes: tuple[Note, ...] = ()  # a percent's decimal point is not a thousands separator
    elif (
        not sign
        and (ip == "0" or (ip[0] != "0" and len(ip) <= 3))
        and dec <= 10
        and len(ip) + dec <= 15
        and s.isascii()
    ):
        # What fmt_number and _fmt_en give for these (no grouping, at most 15 digits), without formatting.
        short = fp.rstrip("0")
        notes = (_note(code, s, ip + "," + fp, ip + "." + short if short else ip),)
    else:
        notes = (_note(code, s, fmt_number(num, dec), _fmt_en(num)),)
    if percent_column:
        return _mk(raw, "percent", num, "%", "percent-column", dec, None, None, notes)
    if role == "capaian":
        return _mk(raw, "percent", num, "%", "capaian-number", dec, None, None, notes)
    return _mk(raw, "number", num, None, "text", dec, None, None, notes)


def _fast_money(s: str, raw: str) -> Value | None:
    """`Rp3.239.323.791`, `Rp. 1.612.808.953,00`, `Rp 1.500.000,-`, `Rp 5 juta` without notes, read alike in
    every column; None sends `s` the long way."""
    m = _FAST_MONEY.fullmatch(s)
    if m is None:
        return None
    ip, fp, word = m.groups()
    if "." in ip:
        if ip[0] == "0" or not ip.isascii():
            return None
        if word is None and ip.count(".") == 1:
            return None  # "Rp 1.500" keeps a dot-grouping note in a percent context
    elif fp is not None and len(fp) == 3 and len(ip) <= 3 and ip[0] != "0":
        return None  # "Rp 1,500": ambiguous comma
    num = float(ip.replace(".", "") + "." + fp) if fp is not None else float(ip.replace(".", ""))
    if word is not None:
        return _mk(raw, "money", num * _SCALE_MONEY[word.lower()], "Rp", "money-text", None)
    return _mk(raw, "money", num, "Rp", "money-text", len(fp) if fp is not None else 0)


def _read_text(raw: str, role: str | None, percent_column: bool) -> tuple[Value, bool]:
    """parse() of a text cell, uncached, and whether that reading is the same for every role but anggaran
    and either percent flag (such readings are cached once for all of them)."""
    s = raw.strip()
    if not (s.isascii() and s.isprintable()) or "  " in s:
        s = _WS.sub(" ", s).strip().replace("\u2212", "-")
    if not s:
        return Value(raw, "empty", form="blank"), True
    c0 = s[0]
    if c0.isdigit() or c0 == "-":
        if c0 == "-":
            low = s.lower()
            form = _MISSING.get(low) or _MISSING.get(low.rstrip(". "))
            if form:
                return Value(raw, "missing", form=form), True
        v = _fast(s, raw, role, percent_column)
        if v is not None:
            # _fast looks at the role only for a number whose one dot may group thousands (and anggaran).
            return v, v.form == "percent-text" or (
                v.kind == "number" and v.unit is not None and s.split(" ", 1)[0].count(".") != 1
            )
        v = _fast_slip(s, raw, role, percent_column)
        if v is not None:
            return v, False
        low = s.lower()  # no missing mark starts with a digit
    else:
        low = s.lower()
        form = _MISSING.get(low) or _MISSING.get(low.rstrip(". "))
        if form:
            return Value(raw, "missing", form=form), True
        if c0 in "RrIi":
            v = _fast_money(s, raw)
            if v is not None:
                return v, True
    return _read_rest(s, low, raw, role, percent_column), False


def _read_rest(s: str, low: str, raw: str, role: str | None, percent_column: bool) -> Value:
    """The long way: any number shape, ranges, dates, grades, text."""
    c0 = s[0]
    if (
        c0.isdigit()
        or c0 in "-+(<>≥≤"
        or low.startswith(("rp", "idr", "min", "maks", "max", "paling", "lebih", "kurang", "sekurang", "setinggi"))
    ):
        v = _parse_shape(s, raw, role, percent_column, False)
        if v is not None:
            return v
    if c0.isdigit() or c0 == "-":
        v = _parse_range(s, raw, percent_column or role == "capaian")
        if v is not None:
            return v
    if any(ch.isdigit() for ch in s):
        d = _parse_date_text(s)
        if d is not None:
            return Value(raw, "date", form="date-text", date=d)
    if len(s) <= 60:
        grade, assumed = _grade_of(s, None)
        if grade is not None:
            notes = (_note("grade-scale-assumed", s, grade.code),) if assumed else ()
            return Value(raw, "grade", grade=grade, label=s, form="grade-text", notes=notes)
    if role in ("target", "realisasi", "capaian") and _MISSING_PREFIX.match(low):
        return Value(raw, "missing", form="text")
    return Value(raw, "text", form="text")


# Text readings are cached keyed on the string alone: the number format does not change how a text reads.
# A reading that is the same for every role but anggaran and either percent flag (`97,31%`, `6 unit`, `-`)
# is kept once in _free_*; the others per (role, percent_column) in _text_*. Two generations bound the
# memory: when the current one holds _TEXT_LIMIT readings it becomes the old one, and an old reading used
# again moves back into the current one. At most 2 x 65,536 readings of about 190 bytes each: the memory an
# lru_cache of 65,536 (400 bytes an entry) took.
_TEXT_LIMIT = 1 << 16
_free_cur: dict[str, Value] = {}
_free_old: dict[str, Value] = {}
_text_cur: dict[tuple[str | None, bool], dict[str, Value]] = {}
_text_old: dict[tuple[str | None, bool], dict[str, Value]] = {}
_text_count = 0
_NO_CACHE: dict[str, Value] = {}


def _parse_text(raw: str, number_format: str, role: str | None, percent_column: bool) -> Value:
    """parse() of a text cell through the cache (`_parse_text.cache_clear()` empties it)."""
    if role != "anggaran":
        v = _free_cur.get(raw)
        if v is not None:
            return v
    v = _text_cur.get((role, percent_column), _NO_CACHE).get(raw)
    return v if v is not None else _text_miss(raw, role, percent_column)


def _text_miss(raw: str, role: str | None, percent_column: bool) -> Value:
    """A text not in the current generation: from the old one, else read; stored in the current one."""
    global _free_cur, _free_old, _text_cur, _text_old, _text_count
    key = (role, percent_column)
    v = _free_old.get(raw) if role != "anggaran" else None
    if v is not None:
        _free_cur[raw] = v
    else:
        v = _text_old.get(key, _NO_CACHE).get(raw)
        if v is None:
            v, free = _read_text(raw, role, percent_column)
        else:
            free = False
        if free and role != "anggaran":
            _free_cur[raw] = v
        else:
            cur = _text_cur.get(key)
            if cur is None:
                cur = _text_cur[key] = {}
            cur[raw] = v
    _text_count += 1
    if _text_count >= _TEXT_LIMIT:
        _free_old, _free_cur, _text_old, _text_cur, _text_count = _free_cur, {}, _text_cur, {}, 0
    return v


def _text_cache_clear() -> None:
    global _free_cur, _free_old, _text_cur, _text_old, _text_count
    _free_cur, _free_old, _text_cur, _text_old, _text_count = {}, {}, {}, {}, 0


_parse_text.cache_clear = _text_cache_clear  # type: ignore[attr-defined]


def _parse_numeric(raw: Any, x: float, number_format: str, role: str | None, percent_column: bool) -> Value:
    if math.isnan(x) or math.isinf(x):
        return Value(raw, "missing", form="error-value")
    pct, decimals, money = _format_info(number_format) if number_format != "General" else (None, None, False)
    if role == "anggaran" or money:
        return Value(raw, "money", number=x, unit="Rp", form="numeric", decimals=decimals)
    if pct == "scale":
        return Value(
            raw, "percent", number=round(x * 100, 10), unit="%", form="percent-format", decimals=decimals
        )
    if pct == "literal":
        return Value(raw, "percent", number=x, unit="%", form="percent-format-literal", decimals=decimals)
    if role == "capaian":
        if 0 < abs(x) <= 2.0 and decimals is None:
            v = round(x * 100, 10)
            shown = fmt_number(x, None if (x * 100).is_integer() else 4)
            note = _note("ratio-as-percent", shown, fmt_number(v), _fmt_en(v), _fmt_en(x))
            return Value(raw, "percent", number=v, unit="%", form="capaian-number", notes=(note,))
        form = "percent-column" if percent_column else "capaian-number"
        return Value(raw, "percent", number=x, unit="%", form=form, decimals=decimals)
    if percent_column:
        return Value(raw, "percent", number=x, unit="%", form="percent-column", decimals=decimals)
    return _mk(raw, "number", x, None, "numeric", decimals)


def parse(
    raw: Any, number_format: str = "General", role: str | None = None, percent_column: bool = False
) -> Value:
    """Read one cell value as typed by an Indonesian user. Never raises.

    `raw` is what openpyxl gives (None, str, int, float, bool, datetime/date); `number_format` the cell's
    Excel format; `role` the column role ("target" | "realisasi" | "capaian" | "anggaran" | None);
    `percent_column` whether the column header says (%).
    """
    if type(raw) is str:
        # A text read before answers from the cache without the checks below (about two cells in three);
        # a new one with a plain role and flag goes straight to the reader.
        try:
            v = _free_cur.get(raw)
            if v is None or role == "anggaran":
                v = _text_cur.get((role, percent_column), _NO_CACHE).get(raw)
                if v is None and type(percent_column) is bool and (role is None or type(role) is str):
                    v = _text_miss(raw, role, percent_column)
        except Exception:  # noqa: BLE001 - an unhashable role takes the checked way; a reading error ends there
            v = None
        if v is not None:
            return v
    try:
        t = type(raw)
        nf = number_format if isinstance(number_format, str) and number_format else "General"
        if t is str:
            return _parse_text(raw, nf, role if isinstance(role, str) else None, bool(percent_column))
        if t is float or t is int:
            return _parse_numeric(raw, float(raw), nf, role, bool(percent_column))
        if raw is None:
            return Value(raw, "empty", form="blank")
        if t is bool:
            return Value(raw, "text", form="boolean")
        if isinstance(raw, _dt.datetime):
            return Value(raw, "date", form="date-cell", date=raw.date())
        if isinstance(raw, _dt.date):
            return Value(raw, "date", form="date-cell", date=raw)
        if isinstance(raw, str):
            return _parse_text(str(raw), nf, role if isinstance(role, str) else None, bool(percent_column))
        if isinstance(raw, (numbers.Real, Decimal)):
            return _parse_numeric(raw, float(raw), nf, role, bool(percent_column))
        return Value(raw, "text", form="object")
    except Exception:  # noqa: BLE001 - a value that cannot be read must not stop the check of a file
        return Value(raw, "text", form="unreadable")


def parse_money(raw: Any, number_format: str = "General") -> Value:
    """An amount in rupiah: `Rp 3.447.564.346`, `Rp. 1.612.808.953,00`, `Rp 1,5 M`, `IDR 5 juta`,
    `Rp 1.500.000,-`, or a numeric cell as it is. Never raises; other text comes back as parse() reads it."""
    return parse(raw, number_format, "anggaran")


# ---------------------------------------------------------------------------------------------------------
# NIP


@dataclass(frozen=True, slots=True)
class Nip:
    """A NIP (PNS, 18 digits 8-6-1-3) or NI PPPK (8-4-2-1-3) as read, with its problems.

    `tmt` is the TMT CPNS (first day of the month) for a PNS and the year of appointment (int) for PPPK.
    `problems` holds (code, message_id, message_en); an empty tuple means the number is consistent.
    """

    digits: str
    kind: str | None  # "pns" | "pppk" | None (wrong length)
    birth: _dt.date | None
    tmt: Any  # datetime.date (PNS) | int year (PPPK) | None
    gender: int | None  # 1 male, 2 female
    sequence: str | None
    problems: tuple[tuple[str, str, str], ...] = ()
    pppk_code: str | None = None  # digits 13-14 of an NI PPPK

    @property
    def valid(self) -> bool:
        return not self.problems

    def formatted(self) -> str:
        """`19711010 199312 2 003` (PNS), `19850315 2021 21 2 001` (PPPK), the digits otherwise."""
        d = self.digits
        if len(d) != 18:
            return d
        if self.kind == "pppk":
            return f"{d[:8]} {d[8:12]} {d[12:14]} {d[14]} {d[15:]}"
        return f"{d[:8]} {d[8:14]} {d[14]} {d[15:]}"


_NIP_LABEL = re.compile(r"\bni(?:p|\s*pppk)\b\s*\.?\s*:?\s*", re.IGNORECASE)
_DIGIT_RUN = re.compile(r"\d(?:\d|[ .\-\u00a0](?=\d))*")


def _nip_problem(code: str, mid: str, men: str) -> tuple[str, str, str]:
    return (code, mid, men)


def parse_nip(text: Any, today: _dt.date | None = None) -> Nip | None:
    """Read a NIP in any grouping (`19711010 199312 2 003`, `NIP. 197110101993122003`). None when the text
    holds no NIP-looking digits (a run of 15+ digits, or any digits after a `NIP`/`NI PPPK` label)."""
    try:
        return _parse_nip(text, today or _dt.date.today())
    except Exception:  # noqa: BLE001 - reading a signature must not stop the check
        return None


def _parse_nip(text: Any, today: _dt.date) -> Nip | None:
    problems: list[tuple[str, str, str]] = []
    pppk_label = False
    if isinstance(text, bool) or text is None:
        return None
    if isinstance(text, numbers.Real):
        f = float(text)
        if not math.isfinite(f) or f < 0:
            return None
        digits = str(int(text)) if isinstance(text, int) else f"{f:.0f}"
        if len(digits) > 15:
            problems.append(_nip_problem(
                "stored-as-number",
                "NIP tersimpan sebagai angka; Excel hanya menyimpan 15 digit, digit terakhir bisa hilang "
                "(simpan sebagai teks)",
                "NIP is stored as a number; Excel keeps only 15 digits, the last digits may be lost "
                "(store it as text)",
            ))  # fmt: skip
        if len(digits) < 15:
            return None
    elif isinstance(text, str):
        s = _WS.sub(" ", text)
        lab = _NIP_LABEL.search(s)
        runs = None
        if lab:
            pppk_label = "pppk" in lab.group(0).lower()
            m = _DIGIT_RUN.match(s, lab.end())
            runs = [m.group(0)] if m else None
        if not runs:
            runs = _DIGIT_RUN.findall(s)
            runs = [r for r in runs if sum(ch.isdigit() for ch in r) >= 15]
            if not runs:
                return None
        run = max(runs, key=lambda r: sum(ch.isdigit() for ch in r))
        digits = re.sub(r"\D", "", run)
    else:
        return None
    if len(digits) != 18:
        problems.append(_nip_problem(
            "wrong-length",
            f"NIP harus 18 digit, tertulis {len(digits)} digit",
            f"a NIP has 18 digits, this one has {len(digits)}",
        ))  # fmt: skip
        return Nip(digits, None, None, None, None, None, tuple(problems))
    birth = None
    try:
        birth = _dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        pass
    if birth is None or birth.year < 1930 or birth > today:
        problems.append(_nip_problem(
            "birth-invalid",
            f"8 digit pertama NIP ({digits[:8]}) bukan tanggal lahir yang sah",
            f"the first 8 digits of the NIP ({digits[:8]}) are not a valid birth date",
        ))  # fmt: skip
        birth = None
    year, mm = int(digits[8:12]), int(digits[12:14])
    kind = "pns"
    if pppk_label or not 1 <= mm <= 12:
        kind = "pppk" if (pppk_label or 2019 <= year <= today.year + 1) else "pns"
    tmt: Any = None
    pppk_code = None
    if kind == "pppk":
        tmt = year
        pppk_code = digits[12:14]
        if year > today.year + 1 or (birth is not None and year < birth.year + 18):
            problems.append(_nip_problem(
                "tmt-invalid",
                f"tahun pengangkatan PPPK ({year}) tidak sesuai tanggal lahir",
                f"the PPPK appointment year ({year}) does not fit the birth date",
            ))  # fmt: skip
    elif not 1 <= mm <= 12 or year < 1940:
        problems.append(_nip_problem(
            "tmt-invalid",
            f"digit 9-14 NIP ({digits[8:14]}) bukan bulan TMT CPNS yang sah",
            f"digits 9-14 of the NIP ({digits[8:14]}) are not a valid TMT CPNS month",
        ))  # fmt: skip
    else:
        tmt = _dt.date(year, mm, 1)
        if tmt > today:
            problems.append(_nip_problem(
                "tmt-future",
                f"TMT CPNS pada NIP ({mm:02d}-{year}) belum terjadi",
                f"the TMT CPNS in the NIP ({mm:02d}-{year}) is in the future",
            ))  # fmt: skip
        elif birth is not None and (year, mm) < (birth.year + 18, birth.month):
            problems.append(_nip_problem(
                "tmt-before-18",
                f"TMT CPNS ({mm:02d}-{year}) sebelum usia 18 tahun (lahir {birth:%d-%m-%Y})",
                f"TMT CPNS ({mm:02d}-{year}) is before age 18 (born {birth:%Y-%m-%d})",
            ))  # fmt: skip
    gender = int(digits[14]) if digits[14] in "12" else None
    if gender is None:
        problems.append(_nip_problem(
            "gender-invalid",
            f"digit ke-15 NIP ({digits[14]}) harus 1 (laki-laki) atau 2 (perempuan)",
            f"digit 15 of the NIP ({digits[14]}) must be 1 (male) or 2 (female)",
        ))  # fmt: skip
    seq = digits[15:]
    if seq == "000":
        problems.append(
            _nip_problem("sequence-zero", "nomor urut NIP tidak boleh 000", "the NIP sequence cannot be 000")
        )
    return Nip(digits, kind, birth, tmt, gender, seq, tuple(problems), pppk_code)


# ---------------------------------------------------------------------------------------------------------
# Pangkat / golongan

GOLONGAN_PANGKAT: dict[str, str] = {
    "I/a": "Juru Muda", "I/b": "Juru Muda Tk. I", "I/c": "Juru", "I/d": "Juru Tk. I",
    "II/a": "Pengatur Muda", "II/b": "Pengatur Muda Tk. I", "II/c": "Pengatur", "II/d": "Pengatur Tk. I",
    "III/a": "Penata Muda", "III/b": "Penata Muda Tk. I", "III/c": "Penata", "III/d": "Penata Tk. I",
    "IV/a": "Pembina", "IV/b": "Pembina Tk. I", "IV/c": "Pembina Utama Muda", "IV/d": "Pembina Utama Madya",
    "IV/e": "Pembina Utama",
}  # fmt: skip
PANGKAT_GOLONGAN: dict[str, str] = {p: g for g, p in GOLONGAN_PANGKAT.items()}

_GOL_UPPER = re.compile(r"(?<![A-Za-z])(IV|III|II|I)\s*[/.\-]?\s*([a-eA-E])(?![A-Za-z])")
_GOL_ANY = re.compile(r"(?<![a-z])(iv|iii|ii|i)\s*[/.]\s*([a-e])(?![a-z])", re.IGNORECASE)
_TINGKAT = re.compile(r"\b(?:tingkat|tk)\s*\.?\s*(?:i|1)\b(?!\s*[/.]\s*[a-e]\b)", re.IGNORECASE)
_PANGKAT_RE = re.compile(
    r"\b("
    + "|".join(re.escape(p.lower()) for p in sorted(PANGKAT_GOLONGAN, key=len, reverse=True))
    + r")(?![a-z])"
)


@dataclass(frozen=True, slots=True)
class Pangkat:
    """A pangkat and/or golongan as written, what the table expects, and whether the two agree."""

    pangkat: str | None  # canonical: "Pembina Tk. I"
    golongan: str | None  # normalised: "IV/a"
    expected_pangkat: str | None  # of the golongan
    expected_golongan: str | None  # of the pangkat
    consistent: bool | None  # None when only one of the two is written


def parse_pangkat(text: Any) -> Pangkat | None:
    """`Pembina / IV.a`, `Pangkat : Pembina / IV.a`, `IV/a`, `(IV/a)`, `IV a`, `Penata Muda Tk. I`,
    `Penata Muda Tingkat I (III/b)`, `Pembina Utama Muda, IV/c`. None when neither is found; never raises."""
    if not isinstance(text, str):
        return None
    s = _WS.sub(" ", text)
    gol = None
    m = _GOL_UPPER.search(s) or _GOL_ANY.search(s)
    if m:
        cand = f"{m.group(1).upper()}/{m.group(2).lower()}"
        gol = cand if cand in GOLONGAN_PANGKAT else None
    low = _TINGKAT.sub("tk. i", s.lower())
    pm = _PANGKAT_RE.search(low)
    pangkat = None
    if pm:
        key = pm.group(1)
        pangkat = next(p for p in PANGKAT_GOLONGAN if p.lower() == key)
    if pangkat is None and gol is None:
        return None
    exp_p = GOLONGAN_PANGKAT.get(gol) if gol else None
    exp_g = PANGKAT_GOLONGAN.get(pangkat) if pangkat else None
    consistent = (exp_g == gol) if (pangkat and gol) else None
    return Pangkat(pangkat, gol, exp_p, exp_g, consistent)


_RATIO = re.compile(r"^\s*(\d{1,9}(?:[.,]\d+)?)\s*(?:/|dari|of)\s*(\d{1,9}(?:[.,]\d+)?)\s*([^\W\d_][\w .-]{0,30})?\s*$",
                    re.IGNORECASE)


def ratio_of(raw: Any) -> tuple[float, float] | None:
    """`79/80`, `158 dari 160 perkara` -> (79.0, 80.0): a count out of a total, as courts and services write
    the realisasi of a percentage indicator; None for anything else (and for a zero total). Never raises."""
    if not isinstance(raw, str):
        return None
    m = _RATIO.match(raw)
    if m is None:
        return None
    a, b = (float(x.replace(",", ".")) for x in m.group(1, 2))
    return (a, b) if b > 0 else None


def ratio_as_percent(raw: Any) -> Value | None:
    """The percentage a ratio cell states (`79/80` -> 98,75%), with an info note saying how it was read."""
    got = ratio_of(raw)
    if got is None:
        return None
    a, b = got
    pct = a / b * 100
    shown, shown_en = fmt_number(pct, 2), _fmt_en(pct)
    note = Note(
        "ratio-text", "info",
        f'"{str(raw).strip()}" dibaca sebagai persentase {a:g} ÷ {b:g} × 100 = {shown}%',
        f'"{str(raw).strip()}" read as the percentage {a:g} ÷ {b:g} × 100 = {shown_en}%',
    )
    return Value(raw, "percent", number=pct, unit="%", form="ratio-text", decimals=None, notes=(note,))


def money_of(cell: Any) -> float | None:
    """The rupiah amount of a cell (anything parse_money reads as money or a number), or None."""
    if cell is None:
        return None
    v = parse_money(cell.value, cell.number_format)
    return v.number if v.kind in ("money", "number") else None


def fmt_rupiah(x: float) -> str:
    """3447564346 -> 'Rp3.447.564.346' (whole rupiah, Indonesian grouping)."""
    return "Rp" + f"{x:,.0f}".replace(",", ".")
