"""One worksheet part read in one streaming expat pass: each cell's value (as openpyxl gives it), number format
and formula (shared formulas moved to their cell with `formula_tokens.translate`), the merged ranges, and the
sheet's width. Fills a `bookdata.SheetData`; `xlsxread.read_xlsx` calls `read_sheet` once per worksheet.

Only SpreadsheetML's main namespace is read (an `x14:` or `xm:f` element is not a cell). A formula cell holds
its cached result: a number in a date format becomes a date; in a workbook that asks for a full recalculation
on load a cached 0 is no result (see `workbook.Book`). A cell past `Limits.max_rows` or `MAX_SCAN_COLS` is
not kept. A part that is not well-formed, or without `<worksheet>`, raises ValueError.
"""

from __future__ import annotations

import xml.parsers.expat
import zipfile
from collections.abc import Callable
from datetime import datetime
from typing import NamedTuple

from .bookdata import MAX_COL, MAX_SCAN_COLS, CellValue, SheetData
from .cellref import bounds, col_number
from .config import Limits
from .formula_tokens import translate
from .numfmt import from_excel, from_iso
from .xmlparse import expat, feed, main_name, other_spellings


class SheetContext(NamedTuple):
    """What every sheet of a workbook is read with."""

    sst: list[str]  # shared strings
    xfs: list[str]  # cellXfs index -> number format code
    date_styles: set[int]  # cellXfs indexes whose format shows a date (or a duration)
    td_styles: set[int]  # cellXfs indexes whose format shows a duration
    epoch: datetime
    recalc: bool  # fullCalcOnLoad: a cached 0 is no result


# Shared formulas are translated cell by cell (about 0.3 µs per character: the master's tokens are cached). Excel writes no formula longer
# than 8,192 characters; a sheet gets this many characters of translation, far above any real table
# (20,000 rows of two dragged formulas use ~1 million), after which a cell keeps its master's text.
FORMULA_MAX = 8_192
TRANSLATE_BUDGET = 4_000_000


class _Shared:
    __slots__ = ("text", "row", "col", "budget")

    def __init__(self, text: str, row: int, col: int, budget: list[int]):
        self.text, self.row, self.col, self.budget = text, row, col, budget

    def at(self, row: int, col: int) -> str:
        if len(self.text) > FORMULA_MAX or self.budget[0] < len(self.text):
            return self.text
        self.budget[0] -= len(self.text)
        try:
            return translate(self.text, row - self.row, col - self.col)
        except ValueError:
            return self.text


def _number(text: str) -> int | float | str:
    """A `<v>` of a number cell as openpyxl casts it; the text when it is no number."""
    try:
        if "." in text or "E" in text or "e" in text:
            return float(text)
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


def _cached(t: str, raw: str | None, sst: list[str], recalc: bool) -> CellValue:
    """A formula's cached result, by the rule of `workbook.Book._typed` (a number stays a float here; the
    caller turns it into a date when the cell's format is one). An empty `<v>` is no result (openpyxl)."""
    if not raw:
        return None
    if t == "str":
        return raw
    if t == "e":
        return raw or None
    if t == "b":
        return raw.strip() in ("1", "true")
    if t == "s":
        try:
            return sst[int(raw)]
        except (ValueError, IndexError):
            return None
    if t == "d":
        return from_iso(raw) if raw else None
    if not raw.strip():
        return None
    try:
        num = float(raw)
    except ValueError:
        return raw
    if num == 0 and recalc:
        return None  # a writer that never computed its formulas (XlsxWriter) stores 0
    return num


# The elements a sheet's handlers look for, by their transitional names; a handler that meets none of these
# names looks the name up among their other spellings (Strict, no namespace) before it gives up on it.
_ELEMENTS = ("worksheet", "row", "c", "v", "f", "is", "t", "rPh", "mergeCell")
_WS, _ROW, _C, _V, _F, _IS, _T, _RPH, _MERGE = (main_name(local) for local in _ELEMENTS)
_RESPELL = other_spellings(*_ELEMENTS)


def _typed(t: str, v: str) -> CellValue:
    """The value of a cell of type `t` other than "s", "n" and "inlineStr", from its non-empty `<v>`."""
    if t == "b":
        return v.strip() in ("1", "true")
    if t == "d":
        return from_iso(v)
    return v  # "str", "e" and anything else: the text


_NO_DATE, _DATE, _DURATION = range(3)


def _date(num: int | float, kind: int, epoch: datetime) -> CellValue:
    """A number in a date (`_DATE`) or duration (`_DURATION`) format as openpyxl gives it (the number for
    `_NO_DATE`)."""
    if kind == _NO_DATE:
        return num
    try:
        return from_excel(num, epoch, kind == _DURATION)
    except (OverflowError, ValueError):
        return "#VALUE!"


_DIGITS = "0123456789"
_NO_ROW_TEXT = "\x00"  # a row without `r`: no cell reference ends with it (XML cannot hold the character)


class _Style(NamedTuple):
    """What a cell's `s` attribute means: its number format and whether that shows a date or a duration."""

    fmt: str
    kind: int  # _NO_DATE, _DATE, _DURATION


def _style(s: str, ctx: SheetContext) -> _Style:
    """What the `s` text of a cell means, as openpyxl resolves it (an `s` that is no index of cellXfs:
    "General", never a date)."""
    try:
        fmt = ctx.xfs[int(s)]
    except (ValueError, IndexError):
        fmt = "General"
    try:
        sid = int(s)
    except ValueError:
        return _Style(fmt, _NO_DATE)
    if sid not in ctx.date_styles:
        return _Style(fmt, _NO_DATE)
    return _Style(fmt, _DURATION if sid in ctx.td_styles else _DATE)


def _sheet_handlers(
    sd: SheetData, parser: xml.parsers.expat.XMLParserType, ctx: SheetContext, limits: Limits
) -> Callable[[], bool]:
    """Install on `parser` the handlers of one expat pass over a worksheet part: rows, cells (value, style,
    formula), merges. Returns `finish()`, to call after the pass: it writes the sheet's width and cell count
    into `sd` and says whether a <worksheet> was seen.

    Closures over local variables rather than a class, and the common case first (a cell in the row being
    read, after the one before it): this runs for every element of a sheet."""

    max_rows, max_cols = limits.max_rows, MAX_SCAN_COLS
    sst, epoch, recalc = ctx.sst, ctx.epoch, ctx.recalc
    general = _Style(ctx.xfs[0] if ctx.xfs else "General", _NO_DATE)  # a cell without `s`: never a date
    # `s` -> its style, each text worked out once: a sheet spells the same few styles thousands of times
    styles: dict[str | None, _Style] = {None: general, "": general}
    values_by_row, formats_by_row, formulas = sd.values, sd.formats, sd.formulas
    shared: dict[str, _Shared] = {}
    budget = [TRANSLATE_BUDGET]  # characters of shared-formula translation left for this sheet
    col_of: dict[str, int] = {}  # column letters (checked) -> column number
    buf: list[str] = []
    clear, join = buf.clear, "".join
    root = False
    row = col = 0
    row_text, row_len = _NO_ROW_TEXT, 1  # the row's number as a cell reference ends with it
    width = n_cells = 0
    cell_r = cell_c = 0
    cell_s: str | None = None
    cell_t = "n"
    in_cell = keep = False
    v: str | None = None
    f: str | None = None
    f_attrs: dict[str, str] = {}
    inline: list[str] | None = None
    rph = 0
    values_r: int | None = None  # the row whose lists `values` and `formats` are
    values: list[CellValue] = []
    formats: list[str] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal row, col, row_text, row_len, width, root
        nonlocal cell_r, cell_c, cell_s, cell_t, in_cell, keep, v, f, f_attrs, inline, rph
        if name == _C:
            ref = attrs.get("r")
            if not ref:
                c = col + 1
                cell_r = row
            elif ref.endswith(row_text) and (c := col_of.get(ref[:-row_len])):  # type: ignore[assignment]
                cell_r = row  # "B12" in row 12: its letters are known, its number is the row's
            else:
                letters = ref.rstrip(_DIGITS)
                c = col_of.get(letters)  # type: ignore[assignment]
                if c is None:
                    if not (0 < len(letters) <= 3 and letters.isascii() and letters.isalpha()):
                        raise ValueError(f"bad cell reference {ref!r}")
                    c = col_of[letters] = col_number(letters)
                try:
                    cell_r = int(ref[len(letters) :])
                except ValueError:
                    raise ValueError(f"bad cell reference {ref!r}") from None
            col = cell_c = c
            if c > width and c <= MAX_COL:
                width = c
            cell_s = attrs.get("s")
            cell_t = attrs.get("t", "n")
            in_cell = True
            keep = cell_r <= max_rows and c <= max_cols  # a cell past the limits is not kept
            v = f = inline = None
        elif name == _V:
            clear()  # (a <v> outside a cell is read and forgotten: the next cell starts without a value)
        elif in_cell:
            if name == _F:
                f_attrs = attrs
                clear()
            elif name == _T:
                clear()
            elif name == _IS:
                inline = []
            elif name == _RPH:
                rph += 1
            elif (spelled := _RESPELL.get(name)) is not None:
                start(spelled, attrs)
        elif name == _ROW:
            r = attrs.get("r")
            if r:
                r = r.strip()
                row = int(float(r)) if "." in r else int(r)
                row_text = str(row)
                row_len = len(row_text)
            else:
                row += 1
                row_text, row_len = _NO_ROW_TEXT, 1
            col = 0
        elif name == _MERGE:
            _merge(sd, attrs.get("ref"))
        elif name == _WS:
            root = True
        elif (spelled := _RESPELL.get(name)) is not None:
            start(spelled, attrs)

    def end(name: str) -> None:
        nonlocal in_cell, v, f, rph, n_cells, values_r, values, formats
        if name == _V:
            v = join(buf)
            return
        if not in_cell:
            return
        if name != _C:
            if name == _F:
                f = join(buf)
            elif name == _T:
                if inline is not None and not rph:
                    inline.append(join(buf))
            elif name == _RPH:
                rph -= 1
            elif (spelled := _RESPELL.get(name)) is not None:
                end(spelled)
            return
        # The end of a cell: its value stored (inline, not in a function of its own: this runs for every cell).
        in_cell = False
        clear()
        if not keep:
            return
        st = styles.get(cell_s)
        if st is None:
            st = styles[cell_s] = _style(cell_s, ctx)  # type: ignore[arg-type]
        value: CellValue
        if f is not None:
            value = cached_value(st)
        elif cell_t == "s":
            if not v:
                return
            value = sst[int(v)]
        elif cell_t == "n":
            if not v:
                return
            value = _number(v)
            if st.kind and type(value) is not str:
                value = _date(value, st.kind, epoch)  # type: ignore[arg-type]
        elif cell_t == "inlineStr":
            if inline is None:
                return
            value = join(inline)
        elif not v:
            return
        else:
            value = _typed(cell_t, v)
        r, c = cell_r, cell_c
        if r != values_r:
            values_r = r
            values = values_by_row.get(r)  # type: ignore[assignment]
            if values is None:
                values = values_by_row[r] = []
                formats = formats_by_row[r] = []
            else:
                formats = formats_by_row[r]
        n = len(values)
        if n == c - 1:  # the cell after the row's last one: most cells
            values.append(value)
            formats.append(st.fmt)
        else:
            if n < c:  # rows are as long as their last value: most rows use a few columns
                values.extend([None] * (c - n))
                formats.extend(["General"] * (c - n))
            elif values[c - 1] is not None or (r, c) in formulas:
                n_cells -= 1  # the same cell written twice: the last one counts, as in openpyxl
                formulas.pop((r, c), None)
            values[c - 1] = value
            formats[c - 1] = st.fmt
        if f is not None:
            formulas[(r, c)] = formula_text(r, c)
        n_cells += 1

    def cached_value(st: _Style) -> CellValue:
        """A formula cell's value: its cached result (an inline string's text)."""
        if cell_t == "inlineStr":
            return join(inline) if inline else None
        value = _cached(cell_t, v, sst, recalc)
        return _date(value, st.kind, epoch) if type(value) is float else value

    def formula_text(r: int, c: int) -> str:
        text = "=" + (f or "")
        if f_attrs.get("t") == "shared":
            si = f_attrs.get("si", "")
            master = shared.get(si)
            if master is not None:
                return master.at(r, c)
            if text != "=":
                shared[si] = _Shared(text, r, c, budget)
        return text

    def finish() -> bool:
        sd.max_col = max(sd.max_col, width)
        sd.n_cells += n_cells
        return root

    parser.buffer_text = True
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = buf.append
    return finish


def _merge(sd: SheetData, ref: str | None) -> None:
    found = bounds(ref) if ref else None
    if found is None:
        return
    sd.merged.append(found)
    if found[3] > sd.max_col:
        sd.max_col = min(found[3], MAX_COL)


def read_sheet(zf: zipfile.ZipFile, sd: SheetData, ctx: SheetContext, limits: Limits, chunk: int) -> None:
    """Fill `sd` from its part `sd.part` (one expat pass in pieces of `chunk` bytes), then empty the cells that
    merged ranges cover, as openpyxl does. Raises ValueError for a damaged part."""
    parser = expat(sd.part, namespaces=True, interned=False)
    finish = _sheet_handlers(sd, parser, ctx, limits)
    feed(zf, sd.part, parser, chunk)
    if not finish():
        raise ValueError(f"{sd.part}: no <worksheet> element")
    _clear_merged(sd)



def _clear_merged(sd: SheetData) -> None:
    """openpyxl empties every cell of a merged range but its top-left one (a MergedCell holds no value)."""
    values = sd.values
    formula_rows = {r for r, _ in sd.formulas}
    for r0, c0, r1, c1 in sd.merged:
        rows = range(r0, r1 + 1) if r1 - r0 < len(values) else [r for r in values if r0 <= r <= r1]
        for r in rows:
            row = values.get(r)
            if row is None:
                continue
            stop = min(c1, len(row))
            if stop < c0:
                continue
            # Most rows hold nothing inside the range: one C-level scan of the slice says so.
            if r not in formula_rows and row[c0 - 1 : stop].count(None) == stop - c0 + 1:
                continue
            for c in range(c0, stop + 1):
                if (r, c) == (r0, c0):
                    continue
                if row[c - 1] is not None or (r, c) in sd.formulas:
                    row[c - 1] = None
                    sd.formulas.pop((r, c), None)
                    sd.n_cells -= 1
            while row and row[-1] is None and (r, len(row)) not in sd.formulas:
                row.pop()
                sd.formats[r].pop()
            if not row:
                del values[r]
                del sd.formats[r]


