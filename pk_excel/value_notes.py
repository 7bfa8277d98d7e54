"""What reading a value assumed, said in words: the note codes with their severities and messages
(Bahasa Indonesia and English), and numbers formatted the Indonesian way (`fmt_number`, `fmt_percent`,
`fmt_rupiah`). Shared by every module that reads values (`values`, `numtext`, `grades`)."""

from __future__ import annotations

import math
import re

from .model import Note, Severity

WS = re.compile(r"[\s\u00a0\u2007\u2009\u202f\u200b\ufeff]+")  # every kind of space people paste

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



def fmt_rupiah(x: float) -> str:
    """3447564346 -> 'Rp3.447.564.346' (whole rupiah, Indonesian grouping)."""
    return "Rp" + f"{x:,.0f}".replace(",", ".")
