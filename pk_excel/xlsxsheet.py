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
from datetime import datetime
from typing import NamedTuple

from .bookdata import MAX_COL, MAX_SCAN_COLS, CellValue, SheetData
from .cellref import bounds, col_number
from .config import Limits
from .formula_tokens import translate
from .numfmt import from_excel, from_iso
from .xmlparse import expat, feed, names


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


_SHEET_NAMES = names("worksheet", "sheetData", "row", "c", "v", "f", "is", "t", "rPh", "mergeCell")
_WS, _DATA, _ROW, _C, _V, _F, _IS, _TT, _RPH2, _MERGE = range(10)


def _date(num: int | float, s: str | None, date_styles: set[int], td_styles: set[int], epoch: datetime) -> CellValue:
    """A number in a date or duration format as openpyxl gives it (the number otherwise)."""
    try:
        sid = int(s)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return num
    if sid not in date_styles:
        return num
    try:
        return from_excel(num, epoch, sid in td_styles)
    except (OverflowError, ValueError):
        return "#VALUE!"


_DIGITS = "0123456789"


def _sheet_handlers(
    sd: SheetData, parser: xml.parsers.expat.XMLParserType, ctx: SheetContext, limits: Limits
) -> dict[str, bool]:
    """Install on `parser` the handlers of one expat pass over a worksheet part: rows, cells (value, style,
    formula), merges. Returns the pass's state ("root": whether a <worksheet> was seen).

    Closures over local variables rather than a class: this runs for every element of a sheet."""

    max_rows, max_cols = limits.max_rows, MAX_SCAN_COLS
    sst, xfs, date_styles, td_styles, epoch, recalc = ctx
    general = xfs[0] if xfs else "General"
    tags = _SHEET_NAMES
    values_by_row, formats_by_row, formulas = sd.values, sd.formats, sd.formulas
    state = {"root": False}
    shared: dict[str, _Shared] = {}
    budget = [TRANSLATE_BUDGET]  # characters of shared-formula translation left for this sheet
    col_cache: dict[str, int] = {}
    buf: list[str] = []
    clear, join = buf.clear, "".join
    row = col = 0
    cell_r = cell_c = 0
    cell_s: str | None = None
    cell_t = "n"
    in_cell = False
    v: str | None = None
    f: str | None = None
    f_attrs: dict[str, str] = {}
    inline: list[str] | None = None
    rph = 0

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal row, col, cell_r, cell_c, cell_s, cell_t, in_cell, v, f, f_attrs, inline, rph
        k = tags.get(name)
        if k is None:
            return
        if k == _C:
            ref = attrs.get("r")
            if ref:
                letters = ref.rstrip(_DIGITS)
                c = col_cache.get(letters)
                if c is None:
                    if not (0 < len(letters) <= 3 and letters.isascii() and letters.isalpha()):
                        raise ValueError(f"bad cell reference {ref!r}")
                    c = col_cache[letters] = col_number(letters)
                try:
                    cell_r = int(ref[len(letters) :])
                except ValueError:
                    raise ValueError(f"bad cell reference {ref!r}") from None
            else:
                c = col + 1
                cell_r = row
            col = cell_c = c
            if c > sd.max_col and c <= MAX_COL:
                sd.max_col = c
            cell_s = attrs.get("s")
            cell_t = attrs.get("t", "n")
            in_cell = True
            v = f = inline = None
        elif not in_cell:
            if k == _ROW:
                r = attrs.get("r")
                if r:
                    r = r.strip()
                    row = int(float(r)) if "." in r else int(r)
                else:
                    row += 1
                col = 0
            elif k == _MERGE:
                _merge(sd, attrs.get("ref"))
            elif k == _WS:
                state["root"] = True
        elif k == _V:
            clear()
        elif k == _F:
            f_attrs = attrs
            clear()
        elif k == _TT:
            clear()
        elif k == _IS:
            inline = []
        elif k == _RPH2:
            rph += 1

    def end(name: str) -> None:
        nonlocal in_cell, v, f, rph
        if not in_cell:
            return
        k = tags.get(name)
        if k is None:
            return
        if k == _V:
            v = join(buf)
        elif k == _C:
            in_cell = False
            clear()
            store()
        elif k == _F:
            f = join(buf)
        elif k == _TT:
            if inline is not None and not rph:
                inline.append(join(buf))
        elif k == _RPH2:
            rph -= 1

    def store() -> None:
        r, c, s, t = cell_r, cell_c, cell_s, cell_t
        if r > max_rows or c > max_cols:
            return
        value: CellValue
        formula = None
        if f is not None:
            formula = formula_text(r, c)
            if t == "inlineStr":
                value = join(inline) if inline else None
            else:
                value = _cached(t, v, sst, recalc)
                if type(value) is float and s and date_styles:
                    value = _date(value, s, date_styles, td_styles, epoch)
        elif t == "inlineStr":
            if inline is None:
                return
            value = join(inline)
        else:
            if not v:
                return
            if t == "n":
                num = _number(v)
                value = _date(num, s, date_styles, td_styles, epoch) if s and date_styles and not isinstance(num, str) else num
            elif t == "s":
                value = sst[int(v)]
            elif t == "b":
                value = v.strip() in ("1", "true")
            elif t == "d":
                value = from_iso(v)
            else:
                value = v  # "str", "e" and anything else: the text
        values = values_by_row.get(r)
        if values is None:
            values = values_by_row[r] = []
            formats = formats_by_row[r] = []
        else:
            formats = formats_by_row[r]
        n = len(values)
        if n < c:  # rows are as long as their last value: most rows use a few columns
            values.extend([None] * (c - n))
            formats.extend(["General"] * (c - n))
        elif values[c - 1] is not None or (r, c) in formulas:
            sd.n_cells -= 1  # the same cell written twice: the last one counts, as in openpyxl
            formulas.pop((r, c), None)
        values[c - 1] = value
        if s:
            try:
                formats[c - 1] = xfs[int(s)]
            except (ValueError, IndexError):
                formats[c - 1] = "General"
        else:
            formats[c - 1] = general
        if formula is not None:
            formulas[(r, c)] = formula
        sd.n_cells += 1

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

    parser.buffer_text = True
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = buf.append
    return state


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
    parser = expat(sd.part, namespaces=True)
    state = _sheet_handlers(sd, parser, ctx, limits)
    feed(zf, sd.part, parser, chunk)
    if not state["root"]:
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


