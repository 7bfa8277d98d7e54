"""A1-style cell references, in one place: column letters <-> numbers, a cell's or a range's coordinates, sort
keys; where a cell sits among merged ranges. (References inside formulas, with sheets and `$`, are read by
`formula_tokens`, which uses these.)"""

from __future__ import annotations

import re
from collections.abc import Iterable
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


_RANGE = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]+)(?::\$?([A-Za-z]{1,3})\$?([0-9]+))?$")


def bounds(ref: str) -> tuple[int, int, int, int] | None:
    """'B2:D5' (or 'D5:B2', or one cell 'C3') -> (min_row, min_col, max_row, max_col); None for anything else."""
    m = _RANGE.match(ref.strip())
    if m is None:
        return None
    c0, r0 = col_number(m.group(1)), int(m.group(2))
    c1, r1 = (col_number(m.group(3)), int(m.group(4))) if m.group(3) else (c0, r0)
    return min(r0, r1), min(c0, c1), max(r0, r1), max(c0, c1)


def cell_sort_key(ref: str | None) -> tuple[int, int]:
    if not ref:
        return (0, 0)
    try:
        row, col = split(ref)
    except ValueError:
        return (0, 0)
    return (row, col)


class MergedIndex:
    """The merged ranges of a sheet, (min_row, min_col, max_row, max_col) each, indexed once.

    Scanning every range per cell is quadratic on large sheets. Ranges are indexed cell by cell; a very
    large one is kept as bounds and compared. Where ranges overlap (invalid, but such files exist) the first
    in the sheet's order wins, as in a scan.
    """

    INDEXED = 4096  # cells of one range indexed one by one

    def __init__(self, ranges: Iterable[tuple[int, int, int, int]]) -> None:
        self._cells: dict[tuple[int, int], tuple[int, int, int]] = {}  # cell -> (order, top row, left col)
        self._large: list[tuple[int, int, int, int, int]] = []  # (order, r0, c0, r1, c1)
        self._inner: set[tuple[int, int]] = set()  # cells of an indexed range other than its top-left
        for order, (r0, c0, r1, c1) in enumerate(ranges):
            if (r1 - r0 + 1) * (c1 - c0 + 1) > self.INDEXED:
                self._large.append((order, r0, c0, r1, c1))
                continue
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    self._cells.setdefault((r, c), (order, r0, c0))
                    if (r, c) != (r0, c0):
                        self._inner.add((r, c))

    def top_left(self, r: int, c: int) -> tuple[int, int] | None:
        """The top-left cell of the first merged range holding (r, c), or None."""
        hit = self._cells.get((r, c))
        for order, r0, c0, r1, c1 in self._large:
            if hit is not None and order > hit[0]:
                break
            if r0 <= r <= r1 and c0 <= c <= c1:
                hit = (order, r0, c0)
                break
        return (hit[1], hit[2]) if hit is not None else None

    def covered(self, r: int, c: int) -> bool:
        """True when (r, c) lies inside a merged range other than as its top-left cell (it holds nothing)."""
        if (r, c) in self._inner:
            return True
        return any(r0 <= r <= r1 and c0 <= c <= c1 and (r, c) != (r0, c0) for _, r0, c0, r1, c1 in self._large)

    def target(self, r: int, c: int) -> tuple[int, int] | None:
        """Where something about (r, c) is written: the top-left of its merged range; the cell itself when
        overlapping ranges cover that top-left; None when no cell can hold it."""
        hit = self.top_left(r, c)
        if hit is None:
            return (r, c)
        if self.covered(*hit):
            return None if self.covered(r, c) else (r, c)
        return hit
