"""An .xls or .ods made a plain .xlsx, which the patch writer then marks like any other workbook.

What is carried over: every value python-calamine reads (text always as text, so `=1+1` typed as text stays
text; numbers, with their percentage or currency format in an .ods; booleans; dates and times with a simple
date or time format), merged ranges, column widths (.ods), sheet names, order and states (hidden, very
hidden). What is not: cell
formatting (fonts, fills, borders, number formats other than dates), formulas (calamine gives their last
results, which are written as values), charts, pictures, notes and macros; an .xls loses its column widths
too. `CONVERTED` (`texts.CONVERTED`) says so to the user.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import texts
from .config import Limits

if TYPE_CHECKING:  # pragma: no cover
    from .workbook import Book

CONVERTED = texts.CONVERTED  # the fidelity warning of a converted workbook, by the input's format
CELL_MAX = 32_767  # characters Excel keeps in a cell
_FORMATS = {
    dt.datetime: "dd/mm/yyyy hh:mm",
    dt.date: "dd/mm/yyyy",
    dt.time: "hh:mm:ss",
    dt.timedelta: "[h]:mm:ss",
}


def conversion_warning(source_format: str, lang: str) -> str:
    """What the conversion of an .xls or .ods (`source_format`) leaves behind, in `lang` ("id" or "en")."""
    return texts.pick(CONVERTED[source_format], lang)


AUTOFIT_MAX_PX = 260  # about 35 characters of 11-point text: a long indicator name does not push the table off


def to_xlsx(book: Book, out: Path, limits: Limits) -> None:
    """Write the .xls/.ods `book` (source_format "xls" or "ods") to `out` as a plain .xlsx (xlsxwriter).

    Made from `book.plain`, every column as calamine read it when the book was opened (the model in
    `book.data` keeps only the columns locating needs; a Book made otherwise is read with `workbook.read_plain`),
    every value within `limits` (rows, cells). Raises PkError for a file calamine cannot read, OSError when
    `out` cannot be written."""
    import xlsxwriter

    from .workbook import read_plain

    sheets = book.plain if book.plain is not None else read_plain(book.path, book.source_format, limits)
    options = {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False,
               "nan_inf_to_errors": True}  # fmt: skip
    xw = xlsxwriter.Workbook(str(out), options)
    formats: dict[Any, Any] = {}  # a date type or a number format -> its xlsxwriter Format
    try:
        shown = next((i for i, s in enumerate(sheets) if s.state == "visible"), None)
        for i, sheet in enumerate(sheets):
            ws = xw.add_worksheet(sheet.title)
            if shown is None and i == 0:
                pass  # a workbook needs one visible sheet: the first stays visible
            elif sheet.state == "hidden":
                ws.hide()
            elif sheet.state == "veryHidden":
                ws.very_hidden()
            if i == shown:
                ws.activate()
            last_col = max((len(row) for row in sheet.rows), default=0)
            last_col = max([last_col, *(m[3] for m in sheet.merged)])
            for col, width in sorted(sheet.widths.items()):
                if col <= last_col:
                    ws.set_column(col - 1, col - 1, width)
            for r0, c0, r1, c1 in sheet.merged:
                try:
                    ws.merge_range(r0 - 1, c0 - 1, r1 - 1, c1 - 1, None)
                except xlsxwriter.exceptions.OverlappingRange:
                    continue  # overlapping ranges (an .xls may hold them): the first one stays
            for r, row in enumerate(sheet.rows):
                for c, value in enumerate(row):
                    if value is not None:
                        _write(xw, ws, r, c, value, formats, sheet.formats.get((r + 1, c + 1)))
            if not sheet.widths:
                # calamine gives no widths for an .xls: each column as wide as its text (xlsxwriter's
                # estimate), within a readable bound, instead of Excel's default 8.43 characters.
                ws.autofit(max_width=AUTOFIT_MAX_PX)
            # The page setup is not converted either: a PK table prints landscape, one page wide.
            ws.set_landscape()
            ws.fit_to_pages(1, 0)
    finally:
        xw.close()


def _write(xw: Any, ws: Any, r: int, c: int, value: Any, formats: dict[Any, Any], number_format: str | None) -> None:
    """One value, by its type; text is always written as text (never a formula, number or link); a number
    with the percentage or currency format its cell had."""
    if isinstance(value, bool):
        ws.write_boolean(r, c, value)
    elif isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            ws.write_string(r, c, str(value))
        elif number_format is not None:
            fmt = formats.get(number_format)
            if fmt is None:
                fmt = formats[number_format] = xw.add_format({"num_format": number_format})
            ws.write_number(r, c, value, fmt)
        else:
            ws.write_number(r, c, value)
    elif isinstance(value, (dt.datetime, dt.date, dt.time, dt.timedelta)):
        kind = type(value) if type(value) in _FORMATS else next(t for t in _FORMATS if isinstance(value, t))
        fmt = formats.get(kind)
        if fmt is None:
            fmt = formats[kind] = xw.add_format({"num_format": _FORMATS[kind]})
        ws.write_datetime(r, c, value, fmt)
    else:
        ws.write_string(r, c, str(value)[:CELL_MAX])
