"""Small helpers shared by the document-level rules (placing findings on header and row cells)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..cellref import coord
from ..model import Document, Indicator, Table, Value

# What the user sees at the head of each column, for messages.
ROLE_LABEL = {
    "no": "NO",
    "sasaran": "SASARAN",
    "indikator": "INDIKATOR KINERJA",
    "satuan": "SATUAN",
    "target": "TARGET",
    "realisasi": "REALISASI",
    "capaian": "CAPAIAN",
    "penjelasan": "PENJELASAN",
    "keterangan": "KETERANGAN",
    "polaritas": "POLARITAS",
    "predikat": "PREDIKAT",
}

LEVEL_LABEL = {
    "strategis": ("Sasaran Strategis", "Sasaran Strategis (strategic)"),
    "program": ("Sasaran Program", "Sasaran Program (program)"),
    "kegiatan": ("Sasaran Kegiatan", "Sasaran Kegiatan (activity)"),
    "subkegiatan": ("Sasaran Sub Kegiatan", "Sasaran Sub Kegiatan (sub-activity)"),
}


def table_of(doc: Document, ind: Indicator) -> Table | None:
    return doc.tables[ind.table] if 0 <= ind.table < len(doc.tables) else None


def header_coord(table: Table, *roles: str) -> str | None:
    """The first header row's cell above the first of `roles` the table has."""
    for role in roles:
        col = table.columns.get(role)
        if col is not None and table.header_rows:
            return coord(table.header_rows[0], col)
    return None


def row_coord(table: Table | None, ind: Indicator, role: str) -> str | None:
    """Where the row's `role` value is (its cell, or the column under the header, shifted like the row)."""
    cell = ind.cells.get(role)
    if cell is not None:
        return cell.coord
    if table is None or role not in table.columns:
        return None
    col = table.columns[role] + ind.shift
    return coord(ind.row, col) if col >= 1 else None


_NON_ALNUM = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=16384)
def norm_name(text: str | None) -> str:
    """An indikator name for comparison: case, accents, punctuation and spacing ignored."""
    if text is None:
        return ""
    if text.isascii():
        return _NON_ALNUM.sub(" ", text.lower()).strip()
    s = unicodedata.normalize("NFKD", text).lower()
    s = "".join(ch if ch.isalnum() else " " for ch in s if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", s).strip()


def value_key(v: Value | None) -> tuple:
    """What a target/realisasi says, for deciding whether two rows carry the same numbers."""
    if v is None or v.is_missing:
        return ("kosong",)
    if v.kind == "range":
        return ("range", v.low, v.high)
    if v.grade is not None and v.number is None:
        return ("grade", v.grade.scale, v.grade.code)
    if v.number is not None:
        return ("number", round(v.number, 6))
    return ("text", norm_name(str(v.raw)))


def shown(v: Value | None) -> str:
    """A value as the user typed it, for messages."""
    if v is None or v.raw is None:
        return "(kosong)"
    return str(v.raw).strip() or "(kosong)"
