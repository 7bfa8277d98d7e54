"""The used part of a sheet, read once, as the locating stage sees it: values, formats and formulas by
(row, column), merged ranges indexed by cell. Built from the one workbook model (`bookdata.SheetData`, the
same for every format)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from .bookdata import MAX_SCAN_COLS
from .model import Cell

if TYPE_CHECKING:
    from .bookdata import SheetData

K = TypeVar("K")

DASH = re.compile(r"^[\s\-–—.]*$")
SPACES = re.compile(r"\s+")


def blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def cell_text(v: Any) -> str:
    return "" if v is None else str(v).strip()


def one_space(text: str) -> str:
    """`text` with each run of white space made one space (SPACES.sub(" ", text))."""
    # most texts have none to fold: every white space but " " is unprintable, and the test runs in C
    if text.isprintable() and "  " not in text:
        return text
    return SPACES.sub(" ", text)


@dataclass(slots=True)
class Grid:
    """The used part of a sheet, read once: values, formats and formulas by (row, col), 1-based.

    Sparse by row: a sheet with one value far down costs one row, not a million.
    """

    sheet: str
    values: dict[int, list[Any]]  # row -> values by column (index c-1); formulas hold their cached result
    formulas: dict[tuple[int, int], str]
    formats: dict[int, list[str]]
    merged_top: dict[tuple[int, int], tuple[int, int]]  # any non-top-left merged cell -> its top-left
    n_rows: int = 0
    n_cells: int = 0
    skip_from_col: int | None = None  # pk-excel's own added columns start here
    rows: list[int] = field(default_factory=list)  # rows that hold something, ascending
    # row_texts of the rows read last: two generations of up to TEXTS_KEPT rows each (a window, not the sheet)
    _texts: dict[int, list[tuple[int, Any]]] = field(default_factory=dict)
    _texts_old: dict[int, list[tuple[int, Any]]] = field(default_factory=dict)
    _formula_rows: set[int] | None = None  # rows holding a formula (made when `cells` first needs it)

    def get(self, r: int, c: int) -> Any:
        row = self.values.get(r)
        if row is None or c < 1 or c > len(row) or (self.skip_from_col and c >= self.skip_from_col):
            return None
        return row[c - 1]

    def get_merged(self, r: int, c: int) -> Any:
        """Value of the cell, or of the merged range it is part of."""
        top = self.merged_top.get((r, c))
        return self.get(*top) if top else self.get(r, c)

    def cell(self, r: int, c: int) -> Cell | None:
        """The model's cell at (r, c), or None where the sheet holds neither a value nor a formula (no object
        is made for an empty cell)."""
        row = self.values.get(r)
        if row is None or c < 1 or c > len(row) or (self.skip_from_col and c >= self.skip_from_col):
            return None
        v = row[c - 1]
        f = self.formulas.get((r, c)) if self.formulas else None
        if v is None and f is None:
            return None
        return make_cell(self.sheet, r, c, v, self.formats[r][c - 1], f)

    def cells(self, r: int, plan: CellPlan[K]) -> dict[K, Cell]:
        """The model's cells of row r at the columns of `plan`, by its keys (in its order): what `cell` gives for
        each, and no entry where that is None."""
        out: dict[K, Cell] = {}
        row = self.values.get(r)
        if row is None:
            return out
        n = len(row)
        if self.skip_from_col and self.skip_from_col <= n:
            n = self.skip_from_col - 1
        if self._formula_rows is None:
            self._formula_rows = {fr for fr, _ in self.formulas}
        formats = self.formats[r]
        sheet = self.sheet
        # make_cell inlined, and the general case (columns off the row, formulas) apart: locating makes one Cell
        # for every value an indicator keeps (140,000 on a 20,000-row sheet), and the call costs as much as the
        # tuple
        new = tuple.__new__
        if plan.first < 1 or plan.last > n or r in self._formula_rows:
            formulas = self.formulas
            for key, c, i in plan.places:
                if 0 < c <= n:
                    v = row[i]
                    f = formulas.get((r, c))
                    if v is not None or f is not None:
                        out[key] = new(Cell, (sheet, r, c, v, formats[i], f))
            return out
        for key, c, i in plan.places:  # most rows: every column on the row, no formula
            v = row[i]
            if v is not None:
                out[key] = new(Cell, (sheet, r, c, v, formats[i], None))
        return out

    def row_texts(self, r: int) -> list[tuple[int, Any]]:
        """Non-blank (col, value) pairs of a row."""
        got = self._texts.get(r)
        if got is not None:
            return got
        got = self._texts_old.get(r)
        if got is not None:
            return got
        row = self.values.get(r)
        if row is None:
            return NO_CELLS
        stop = self.skip_from_col
        # `blank` inlined: this runs once per row of the sheet
        got = [(c, v) for c, v in enumerate(row, 1)
               if v is not None and (not isinstance(v, str) or v.strip()) and not (stop and c >= stop)]
        if len(self._texts) >= TEXTS_KEPT:  # locating reads rows in order, looking a few back
            self._texts_old, self._texts = self._texts, {}
        self._texts[r] = got
        return got

    def forget_texts(self) -> None:
        """Drop the remembered row texts (locating is done with the sheet)."""
        self._texts, self._texts_old = {}, {}

    def rows_from(self, start: int) -> list[int]:
        """The non-empty rows from `start` on."""
        from bisect import bisect_left

        return self.rows[bisect_left(self.rows, start):]


class CellPlan(Generic[K]):
    """The cells `Grid.cells` takes from a row: (key, column) pairs, in order, made ready once for many rows."""

    __slots__ = ("places", "first", "last")

    def __init__(self, where: Iterable[tuple[K, int]]) -> None:
        self.places = tuple((key, c, c - 1) for key, c in where)  # (key, column, index in the row's values)
        self.first = min((c for _, c, _ in self.places), default=1)
        self.last = max((c for _, c, _ in self.places), default=0)


NO_CELLS: list[tuple[int, Any]] = []
TEXTS_KEPT = 512  # rows whose row_texts a Grid keeps: a window, not a copy of the sheet

def make_cell(sheet: str, row: int, col: int, value: Any, number_format: str, formula: str | None) -> Cell:
    """Cell(sheet, row, col, value, number_format, formula), made without the named tuple's keyword-parsing
    constructor (twice as slow): locating a large sheet makes one per value it keeps."""
    return tuple.__new__(Cell, (sheet, row, col, value, number_format, formula))


def merged_top_index(merged, max_row: int, max_col: int) -> dict[tuple[int, int], tuple[int, int]]:
    merged_top: dict[tuple[int, int], tuple[int, int]] = {}
    for r0, c0, r1, c1 in merged:
        if (r1 - r0 + 1) * (c1 - c0 + 1) > 2000:
            continue  # a whole-area merge carries no table structure worth expanding
        for r in range(r0, min(r1, max_row) + 1):
            for c in range(c0, min(c1, max_col) + 1):
                if (r, c) != (r0, c0):
                    merged_top[(r, c)] = (r0, c0)
    return merged_top


def grid_from_data(sd: SheetData, limits, skip_from_col: int | None) -> Grid:
    """The grid of a sheet the fast reader read (it has applied the same row and column limits)."""
    rows = sorted(sd.values)
    n_rows = rows[-1] if rows else 0
    merged_top = merged_top_index(sd.merged, limits.max_rows, MAX_SCAN_COLS)
    return Grid(sd.title, sd.values, sd.formulas, sd.formats, merged_top, n_rows, sd.n_cells, skip_from_col, rows)
