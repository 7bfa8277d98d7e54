"""Reading an .xlsx/.xlsm straight from its zip: per worksheet, exactly what `locate` needs.

`read_xlsx(path, kind, limits)` gives a `WorkbookData` (`bookdata`): for every worksheet (chartsheets, macro
and dialog sheets skipped, workbook order) its values, number formats, formula texts and merged ranges, with
the same values openpyxl 3.1 (`load_workbook(data_only=False, rich_text=False)`) would give, except that a
formula cell holds its cached result (as `data_only=True` gives it: a date when the cell's format is a date;
and by the trust rule of `workbook.Book._typed`, in a workbook that asks for a full recalculation on load a
cached 0 reads as None) and the formula text sits in `formulas`.

Why not openpyxl: building a Cell object, a StyleArray and a coordinate for every cell costs about ten times
more than reading the bytes. The shared strings and every sheet are read in one pass of expat each, fed in
1 MB chunks (a 100 MB part is never held whole), with small handlers that keep only what `locate` needs.
Because a real XML parser reads them, every producer's spelling reads alike: self-closing elements
(`<sst/>`, `<sheetData />`), namespace prefixes (`x:row`), either quote, spaces inside tags, comments, CDATA,
character references, and extension elements. The same pass refuses a part that is not well-formed and any
DTD, in linear time. The file has been vetted by `guard.inspect` (bounded sizes).

The work is split by part: `opc` (relationships, the main part), `xlsxparts` (workbook part, styles, shared
strings, custom properties), `xlsxsheet` (a worksheet), `numfmt` (date formats and epochs), `xmlparse`
(expat). A part that is not well-formed XML raises `ValueError`; `workbook.open_book` maps every failure to
PkError("corrupt").
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from .bookdata import SheetData, WorkbookData
from .config import Limits
from .numfmt import MAC_EPOCH, WINDOWS_EPOCH, is_date_format, is_timedelta_format
from .xlsxparts import read_book_part, read_custom_props, read_shared_strings, read_styles
from .xlsxsheet import SheetContext, read_sheet
from .xmlparse import CHUNK

__all__ = ["read_xlsx"]

_CHUNK = CHUNK  # bytes fed to expat at a time (tests make it tiny to cut every element somewhere)


def read_xlsx(path: Path, kind: str, limits: Limits) -> WorkbookData:
    """Read every worksheet of an .xlsx/.xlsm (vetted by guard) in one pass over its parts. `kind` is "xlsx"
    or "xlsm"; cells past `limits.max_rows` are not kept. Raises ValueError (or zipfile's and KeyError's
    errors) for a damaged package."""
    path = Path(path)
    chunk = _CHUNK
    with zipfile.ZipFile(path) as zf:
        book = read_book_part(zf)
        xfs = read_styles(zf, book.styles)
        ctx = SheetContext(
            sst=read_shared_strings(zf, book.shared_strings, chunk),
            xfs=xfs,
            date_styles={i for i, f in enumerate(xfs) if is_date_format(f)},
            td_styles={i for i, f in enumerate(xfs) if is_timedelta_format(f)},
            epoch=MAC_EPOCH if book.date1904 else WINDOWS_EPOCH,
            recalc=book.recalc,
        )
        sheets = []
        for title, part, state in book.sheets:
            sd = SheetData(title=title, part=part, state=state)
            read_sheet(zf, sd, ctx, limits, chunk)
            sheets.append(sd)
        custom = read_custom_props(zf)
    return WorkbookData(path, kind, sheets, book.date1904, custom, book.recalc, book.missing)
