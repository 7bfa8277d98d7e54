"""Opening a workbook once, safely, into one model for every format, and the cached results of its formulas.

`open_book(path, options)` runs `guard.inspect`, then reads the file ONCE into `Book.data` (`WorkbookData`):
- .xlsx / .xlsm with `xlsxread.read_xlsx` straight from the zip (values, number formats, formulas with
  their cached results, merged ranges, sheet states, custom properties). Guard has refused any part with a
  DTD or entity declaration (PkError "unsafe-xml"); any other failure of a broken file becomes
  PkError("corrupt"), never a traceback;
- .xls / .ods with python-calamine (`read_plain`) into the same model: values, merged ranges, sheet states;
  calamine exposes no formulas and no number formats; merged cells come from calamine for .xls and from
  content.xml for .ods (with the column widths). The validated copy of such a file is an .xlsx made from
  `read_plain` (`convert.to_xlsx`); `Book.source_format` says where it came from.

Cached formula results come from `Book.data` (`xlsxread` collects the `<v>` of every cell that has an `<f>`).
Writers that never computed their formulas leave either no `<v>` (openpyxl) or `<v>0</v>`
(XlsxWriter, which also sets `fullCalcOnLoad="1"` on `<calcPr>` in xl/workbook.xml). docProps/app.xml cannot
tell them apart (XlsxWriter writes "Microsoft Excel" there), so the rule is: in a workbook that asks for a
full recalculation on load, a cached numeric 0 is not trusted and reads as None. Excel itself drops that
flag when it saves, and LibreOffice never sets it.

Sizes: `guard` has already bounded the declared sizes of the zip members, and `zipfile` never inflates a
member past its declared size (longer data fails the CRC check, which becomes "corrupt").
"""

from __future__ import annotations

import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import guard, texts
from .config import Limits, Options
from .model import PkError

if TYPE_CHECKING:  # pragma: no cover
    from .bookdata import WorkbookData


@dataclass
class Book:
    """A workbook opened once. `data` holds what was read, the same model for every format (`xlsxread` for
    .xlsx/.xlsm, calamine for .xls/.ods). `cached` gives the stored results of formulas."""

    path: Path
    kind: str
    source_format: str
    data: WorkbookData
    load_warnings: list[str] = field(default_factory=list)  # what calamine warned about (English)
    # An .xls/.ods as calamine read it, every column (the model keeps those locating needs): what its
    # validated copy is made from (`convert.to_xlsx`), so the file is read once.
    plain: list[PlainSheet] | None = field(default=None, repr=False)
    _formulas: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)

    @property
    def sheet_titles(self) -> list[str]:
        """Worksheet titles in workbook order."""
        return [s.title for s in self.data.sheets]

    def cached(self, sheet: str, coord: str) -> Any:
        """The cached result of the formula in `sheet`!`coord`, or None when the file holds none."""
        return self.formula_cells(sheet).get(coord.replace("$", "").upper())

    def formula_cells(self, sheet: str) -> dict[str, Any]:
        """coord -> cached value for every formula cell of `sheet` (None where nothing trustworthy is stored).

        Served from `data` (cells within the reader's scan limits). Empty for .xls/.ods, whose formulas
        calamine does not expose.
        """
        if sheet not in self._formulas:
            self._formulas[sheet] = self._from_data(sheet)
        return self._formulas[sheet]

    @property
    def has_cached_values(self) -> bool:
        """True when at least one formula of the workbook carries a trustworthy cached result."""
        return any(v is not None for title in self.sheet_titles for v in self.formula_cells(title).values())

    # --- internals ---------------------------------------------------------------------------------------

    def _from_data(self, sheet: str) -> dict[str, Any]:
        from .cellref import coord

        sd = self.data.sheet(sheet)
        if sd is None:
            return {}
        return {coord(r, c): sd.values[r][c - 1] for (r, c) in sd.formulas}


# --- errors ------------------------------------------------------------------------------------------------


def _unsafe(path: Path, detail: str) -> PkError:
    return PkError("unsafe-xml", *texts.REFUSED_UNSAFE_XML.format(detail=detail).prefixed(f"{path}: "),
                   path=str(path))  # fmt: skip


def _corrupt(path: Path, detail: str) -> PkError:
    detail = " ".join(detail.split())[:160]
    return PkError("corrupt", *texts.REFUSED_UNREADABLE.format(detail=detail).prefixed(f"{path}: "),
                   path=str(path))  # fmt: skip


def _map_error(path: Path, exc: BaseException) -> PkError:
    """Any exception raised while reading -> PkError, looking through openpyxl's re-raised ValueError."""
    from defusedxml import DefusedXmlException

    seen: set[int] = set()
    e: BaseException | None = exc
    root = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        if isinstance(e, DefusedXmlException):
            return _unsafe(path, type(e).__name__)
        if isinstance(e, PkError):
            return e
        root = e
        e = e.__cause__ or e.__context__
    if isinstance(root, MemoryError):
        return _corrupt(path, texts.OUT_OF_MEMORY)
    return _corrupt(path, f"{type(root).__name__}: {root}")


# --- opening -----------------------------------------------------------------------------------------------


def open_book(path: str | Path, options: Options | None = None) -> Book:
    """Check `path` with guard, then load it once. Raises PkError, never anything else."""
    limits = options.config.limits if options is not None else Limits()
    p = Path(path)
    kind = guard.inspect(p, limits)
    if kind in ("xlsx", "xlsm"):
        return Book(path=p, kind=kind, source_format=kind, data=_read_data(p, kind, limits))
    caught: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            plain = read_plain(p, kind, limits)
            data = _model_of(plain, p, kind)
    except PkError:
        raise
    except Exception as e:  # noqa: BLE001 - any failure of a broken file becomes one PkError
        raise _map_error(p, e) from None
    msgs = list(dict.fromkeys(str(w.message) for w in caught))
    return Book(path=p, kind=kind, source_format=kind, data=data, load_warnings=msgs, plain=plain)


def _read_data(p: Path, kind: str, limits: Limits) -> WorkbookData:
    from .xlsxread import read_xlsx

    try:
        return read_xlsx(p, kind, limits)
    except PkError:
        raise
    except Exception as e:  # noqa: BLE001 - any failure of a broken file becomes one PkError
        raise _map_error(p, e) from None


# Characters Excel cannot store in a sheet title.
_BAD_TITLE = re.compile(r"[\\/*?:\[\]]")
# Characters XML 1.0 cannot hold in a cell (as openpyxl's ILLEGAL_CHARACTERS_RE).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass
class PlainSheet:
    """One worksheet of an .xls/.ods as python-calamine reads it: `rows[r - 1][c - 1]` is the value of row r,
    column c (None when empty; a whole float is an int, as openpyxl reads "5" from an .xlsx; text without
    the control characters XML cannot hold). `merged`: (min_row, min_col, max_row, max_col), 1-based;
    `widths`: column -> width in characters; `formats`: (row, col) -> number format of a percentage or
    currency cell (both known for .ods only); `state`: visible, hidden or veryHidden."""

    title: str
    state: str
    rows: list[list[Any]]
    merged: list[tuple[int, int, int, int]]
    widths: dict[int, float] = field(default_factory=dict)
    formats: dict[tuple[int, int], str] = field(default_factory=dict)


def read_plain(p: Path, kind: str, limits: Limits) -> list[PlainSheet]:
    """The worksheets of the .xls/.ods at `p` (kind "xls" or "ods"), within `limits.max_rows` rows and
    `limits.max_cells` values, titles made valid and distinct for an .xlsx. Raises PkError ("encrypted",
    "not-spreadsheet") and whatever calamine raises for a damaged file (`open_book` maps it to "corrupt")."""
    from python_calamine import CalamineWorkbook, PasswordError, SheetTypeEnum, SheetVisibleEnum

    try:
        with open(p, "rb") as fh:
            cw = CalamineWorkbook.from_filelike(fh)
    except PasswordError:
        raise guard._encrypted(p) from None
    ods = _ods_layout(p) if kind == "ods" else {}
    out: list[PlainSheet] = []
    used: set[str] = set()
    cells_left = limits.max_cells
    try:
        for meta in cw.sheets_metadata:
            if meta.typ not in (SheetTypeEnum.WorkSheet,):
                continue
            sheet = cw.get_sheet_by_name(meta.name)
            rows: list[list[Any]] = []
            for row in sheet.to_python(skip_empty_area=False, nrows=limits.max_rows):
                line: list[Any] = []
                for v in row:
                    if v is None or v == "" or cells_left <= 0:
                        line.append(None)
                        continue
                    cells_left -= 1
                    if isinstance(v, float) and v.is_integer() and abs(v) < 2**53:
                        v = int(v)
                    elif isinstance(v, str):
                        v = _ILLEGAL.sub("", v)
                    line.append(v)
                while line and line[-1] is None:
                    line.pop()
                rows.append(line)
            layout = ods.get(meta.name) or OdsLayout()
            merges = (sheet.merged_cell_ranges or []) if kind == "xls" else layout.merges
            merged = [(r0 + 1, c0 + 1, r1 + 1, c1 + 1) for (r0, c0), (r1, c1) in merges if (r0, c0) != (r1, c1)]
            state = "visible"
            if meta.visible == SheetVisibleEnum.Hidden:
                state = "hidden"
            elif meta.visible == SheetVisibleEnum.VeryHidden:
                state = "veryHidden"
            out.append(PlainSheet(_title(meta.name, used), state, rows, merged, layout.widths, layout.formats))
    finally:
        cw.close()
    if not out:
        raise guard._not_spreadsheet(p, texts.NOT_A_WORKBOOK_KINDS["no-sheets"])
    return out


def _model_of(plain_sheets: list[PlainSheet], p: Path, kind: str) -> WorkbookData:
    """The model of an .xls/.ods: the same `WorkbookData` as an .xlsx read, within the same column limit."""
    from .bookdata import MAX_SCAN_COLS, SheetData, WorkbookData

    sheets: list[SheetData] = []
    for plain in plain_sheets:
        sd = SheetData(title=plain.title, part="", state=plain.state)
        for r, row in enumerate(plain.rows, start=1):
            for c, v in enumerate(row, start=1):
                if v is None:
                    continue
                sd.max_col = max(sd.max_col, c)
                if c <= MAX_SCAN_COLS:
                    line = sd.values.setdefault(r, [])
                    fmts = sd.formats.setdefault(r, [])
                    if len(line) < c:
                        line.extend([None] * (c - len(line)))
                        fmts.extend(["General"] * (c - len(fmts)))
                    line[c - 1] = v
                    fmts[c - 1] = plain.formats.get((r, c), "General")
                    sd.n_cells += 1
        sd.merged.extend(plain.merged)
        sheets.append(sd)
    return WorkbookData(path=p, kind=kind, sheets=sheets)


def _title(name: str, used: set[str]) -> str:
    title = _BAD_TITLE.sub("_", name).strip("'")[:31] or "Sheet"
    base, n = title, 1
    while title.lower() in used:
        n += 1
        title = f"{base[: 31 - len(str(n)) - 1]}_{n}"
    used.add(title.lower())
    return title


_ODS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_ODS_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
# Points per unit of an ODF length.
_POINTS = {"cm": 72 / 2.54, "mm": 72 / 25.4, "in": 72.0, "pt": 1.0, "pc": 12.0, "px": 0.75}
_LENGTH = re.compile(r"^\s*([\d.]+)\s*(cm|mm|in|pt|pc|px)\s*$")
_ODS_MAX_COLS = 16_384  # an .xlsx has no more columns; a repeated column past them is the sheet's filler


def _chars(length: str) -> float | None:
    """An ODF column width ("2.258cm") in Excel's characters of the default font (7 px each, 5 px padding)."""
    m = _LENGTH.match(length)
    if m is None:
        return None
    pixels = float(m.group(1)) * _POINTS[m.group(2)] / 0.75
    return round(max(pixels - 5, 0) / 7, 2)


_ODS_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_ODS_MAX_FORMATS = 1_000  # repeated cells given a number format, per run (a filler row repeats 1,048,576 times)


@dataclass
class OdsLayout:
    """What calamine does not expose of an .ods sheet: merged ranges (0-based corners, as calamine gives an
    .xls's), column widths (1-based column -> characters) and the number formats of percentage and currency
    cells ((row, col), 1-based -> format)."""

    merges: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    widths: dict[int, float] = field(default_factory=dict)
    formats: dict[tuple[int, int], str] = field(default_factory=dict)


def _ods_format(kind: str | None, value: str | None) -> str | None:
    """The number format a cell of ODF value type `kind` shows its `value` with: 0% or 0.00%, #,##0 or
    #,##0.00; None for other types."""
    if kind not in ("percentage", "currency"):
        return None
    try:
        number = float(value or "")
    except ValueError:
        number = 0.0
    if kind == "percentage":
        return "0%" if round(number * 100, 9).is_integer() else "0.00%"
    return "#,##0" if number.is_integer() else "#,##0.00"


def _ods_layout(p: Path) -> dict[str, OdsLayout]:
    """Per sheet of an .ods, its `OdsLayout`: merged ranges, column widths and the number formats of
    percentage and currency cells, from content.xml (calamine exposes none of them for ODS).

    A merge is a `table:table-cell` with `number-columns-spanned` / `number-rows-spanned`; rows and cells
    may repeat (`number-rows-repeated`, `number-columns-repeated`), covered cells count as cells. A column's
    width is in its automatic style (`style:column-width`).
    """
    from defusedxml.ElementTree import iterparse

    t = f"{{{_ODS_TABLE}}}"
    st = f"{{{_ODS_STYLE}}}"
    office = f"{{{_ODS_OFFICE}}}"
    out: dict[str, OdsLayout] = {}
    column_widths: dict[str, float] = {}
    style: str | None = None
    sheet: str | None = None
    row = col = column = 0
    row_repeat = 1
    with zipfile.ZipFile(p) as zf, zf.open("content.xml") as fh:
        for event, el in iterparse(fh, events=("start", "end")):
            tag = el.tag
            if event == "start":
                if tag == t + "table":
                    sheet = el.get(t + "name", "")
                    out.setdefault(sheet, OdsLayout())
                    row = column = 0
                elif tag == t + "table-row":
                    col = 0
                    row_repeat = int(el.get(t + "number-rows-repeated", "1"))
                elif tag == t + "table-column" and sheet is not None:
                    repeat = int(el.get(t + "number-columns-repeated", "1"))
                    width = column_widths.get(el.get(t + "style-name", ""))
                    if width is not None:
                        for k in range(min(column + repeat, _ODS_MAX_COLS) - column):
                            out[sheet].widths[column + k + 1] = width
                    column += repeat
                elif tag == st + "style":
                    style = el.get(st + "name") if el.get(st + "family") == "table-column" else None
                elif tag == st + "table-column-properties" and style is not None:
                    width = _chars(el.get(st + "column-width", ""))
                    if width is not None:
                        column_widths[style] = width
                continue
            if tag in (t + "table-cell", t + "covered-table-cell"):
                cols = int(el.get(t + "number-columns-spanned", "1"))
                rows = int(el.get(t + "number-rows-spanned", "1"))
                repeat = int(el.get(t + "number-columns-repeated", "1"))
                if sheet is not None and (cols > 1 or rows > 1):
                    for k in range(repeat):
                        c0 = col + k
                        out[sheet].merges.append(((row, c0), (row + rows - 1, c0 + cols - 1)))
                fmt = _ods_format(el.get(office + "value-type"), el.get(office + "value"))
                if sheet is not None and fmt is not None:
                    for j in range(min(row_repeat, _ODS_MAX_FORMATS)):
                        for k in range(min(repeat, _ODS_MAX_FORMATS)):
                            out[sheet].formats[(row + j + 1, col + k + 1)] = fmt
                col += repeat
                el.clear()
            elif tag == t + "table-row":
                row += row_repeat
                el.clear()
            elif tag == t + "table":
                sheet = None
                el.clear()
    return out
