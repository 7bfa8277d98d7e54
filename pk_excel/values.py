"""Reading one Indonesian cell value: numbers, percent, units, labels, grades, ranges, money.

`parse(raw, number_format, role, percent_column) -> Value` is the single entry point for what users type in a
PK table. It never raises. Every assumption it makes is a `Note` (code, severity, Indonesian and English
message); the codes and their severities are listed in `NOTE_CODES` (`value_notes`) so rules can document them.
Each distinct text is read once per (role, percent column) and the `Value` reused (values are frozen).

The concerns live in their own modules and are re-exported here for callers: `value_notes` (note codes,
messages, `fmt_number`, `fmt_percent`, `fmt_rupiah`), `numtext` (tokens, grouping, scale words, units, labels,
ranges: the slow path), `grades` (SAKIP, IKM, Opini BPK), `dates` (`parse_date`, `find_date`), `nip` (NIP,
NI PPPK, pangkat / golongan). This module keeps the fast paths, the caches, money and ratios.

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
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .dates import _parse_date_text, find_date, parse_date
from .grades import IKM_LABELS, OPINI_LABELS, SAKIP_LABELS, _grade_of, compare_grades, grade_of
from .model import Note, Value

if TYPE_CHECKING:
    from .model import Cell
from .nip import GOLONGAN_PANGKAT, PANGKAT_GOLONGAN, Nip, Pangkat, parse_nip, parse_pangkat
from .numtext import (
    _MISSING,
    _MISSING_PREFIX,
    _SCALE_MONEY,
    _format_info,
    _parse_range,
    _parse_shape,
)
from .value_notes import NOTE_CODES, _fmt_en, _note, fmt_number, fmt_percent, fmt_rupiah
from .value_notes import WS as _WS

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
    "fmt_rupiah",
    "grade_of",
    "money_of",
    "parse",
    "parse_date",
    "parse_money",
    "parse_nip",
    "parse_pangkat",
    "ratio_as_percent",
    "ratio_of",
]

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
        return _mk(raw, "money", x, "Rp", "numeric", decimals)
    if pct == "scale":
        return _mk(raw, "percent", round(x * 100, 10), "%", "percent-format", decimals)
    if pct == "literal":
        return _mk(raw, "percent", x, "%", "percent-format-literal", decimals)
    if role == "capaian":
        if 0 < abs(x) <= 2.0 and decimals is None:
            v = round(x * 100, 10)
            shown = fmt_number(x, None if (x * 100).is_integer() else 4)
            note = _note("ratio-as-percent", shown, fmt_number(v), _fmt_en(v), _fmt_en(x))
            return Value(raw, "percent", number=v, unit="%", form="capaian-number", notes=(note,))
        form = "percent-column" if percent_column else "capaian-number"
        return _mk(raw, "percent", x, "%", form, decimals)
    if percent_column:
        return _mk(raw, "percent", x, "%", "percent-column", decimals)
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



_RATIO = re.compile(r"^\s*(\d{1,9}(?:[.,]\d+)?)\s*(?:/|dari|of)\s*(\d{1,9}(?:[.,]\d+)?)\s*([^\W\d_][\w .-]{0,30})?\s*$",
                    re.IGNORECASE)


def ratio_of(raw: Any) -> tuple[float, float] | None:
    """`79/80`, `158 dari 160 perkara` -> (79.0, 80.0): a count out of a total, as courts and services write
    the realisasi of a percentage indicator; None for anything else (and for a zero total). Never raises."""
    if not isinstance(raw, str):
        return None
    if raw.isascii() and "/" not in raw:
        low = raw.lower()
        if "dari" not in low and "of" not in low:
            return None  # the pattern needs one of these (a non-ASCII text may fold to them: read it)
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


def money_of(cell: Cell | None) -> float | None:
    """The rupiah amount of a cell (anything parse_money reads as money or a number), or None."""
    if cell is None:
        return None
    v = parse_money(cell.value, cell.number_format)
    return v.number if v.kind in ("money", "number") else None
