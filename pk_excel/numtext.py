"""A number as Indonesians type it, read from text: tokens with dot/comma grouping and their slips
(`1.612.808.953,00`, `82, 71`, `82.71`), scale words (`juta`, `miliar`), a unit or label after the number
(`6 unit`, `85,00 (Baik)`), ranges (`80 – 90 %`) and bounds (`≥ 80%`), and what an Excel number format says
(percent, decimals). The slow path of `values.parse`: the common shapes never reach it."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .grades import _grade_of
from .model import Grade, Note, Value
from .value_notes import _fmt_en, _note, fmt_number

# ---------------------------------------------------------------------------------------------------------
# Numbers

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
    value, token_decimals, codes = read
    decimals: int | None = token_decimals
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
