"""A1-style cell references: column letters <-> numbers, sort keys."""

from __future__ import annotations

import re
from functools import lru_cache

_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


@lru_cache(maxsize=4096)
def col_letter(col: int) -> str:
    """1 -> A, 27 -> AA."""
    out = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


@lru_cache(maxsize=4096)
def col_number(letters: str) -> int:
    """A -> 1, AA -> 27."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - 64)
    return n


def coord(row: int, col: int) -> str:
    return f"{col_letter(col)}{row}"


def split(ref: str) -> tuple[int, int]:
    """'F12' -> (12, 6). Raises ValueError on anything else."""
    m = _REF.match(ref.strip())
    if not m:
        raise ValueError(f"not a cell reference: {ref!r}")
    return int(m.group(2)), col_number(m.group(1))


def cell_sort_key(ref: str | None) -> tuple[int, int]:
    if not ref:
        return (0, 0)
    try:
        row, col = split(ref)
    except ValueError:
        return (0, 0)
    return (row, col)
