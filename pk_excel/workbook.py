"""Opening a workbook once, safely, and the cached results of its formulas.

`open_book(path, options)` runs `guard.inspect`, then reads the file ONCE:
- .xlsx / .xlsm with `xlsxread.read_xlsx` straight from the zip (values, number formats, formulas with
  their cached results, merged ranges) into `Book.data`; the openpyxl Workbook (`Book.wb`, formulas kept,
  `keep_vba` for .xlsm, XML through defusedxml) is loaded only when something asks for it, such as the
  writer. Guard has refused any part with a DTD or entity declaration (PkError "unsafe-xml"); any other
  failure of a broken file becomes PkError("corrupt"), never a traceback;
- .xls / .ods with python-calamine into the same model (`Book.data`: values, merged ranges; calamine exposes
  no formulas and no number formats; merged cells come from calamine for .xls and from content.xml for
  .ods), and into an openpyxl Workbook for the writer (`Book.wb`). The validated copy of such a file will be
  an .xlsx; `Book.source_format` says where it came from.

Cached formula results come from `Book.data` (`xlsxread` collects the `<v>` of every cell that has an `<f>`).
Writers that never computed their formulas leave either no `<v>` (openpyxl) or `<v>0</v>`
(XlsxWriter, which also sets `fullCalcOnLoad="1"` on `<calcPr>` in xl/workbook.xml). docProps/app.xml cannot
tell them apart (XlsxWriter writes "Microsoft Excel" there), so the rule is: in a workbook that asks for a
full recalculation on load, a cached numeric 0 is not trusted and reads as None. Excel itself drops that
flag when it saves, and LibreOffice never sets it.

Sizes: `guard` has already bounded the declared sizes of the zip members, and `zipfile` never inflates a
member past its declared size (longer data fails the CRC check, which becomes "corrupt").
`sheet_bounds(ws)` gives the extent of a sheet's real content, so a sheet that only formats 1,048,576 rows
does not make the reader scan them all.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import guard
from .config import Limits, Options
from .model import PkError

if TYPE_CHECKING:  # pragma: no cover
    import openpyxl

    from .bookdata import WorkbookData




@dataclass
class Book:
    """A workbook opened once. `data` holds what was read, the same model for every format (`xlsxread` for
    .xlsx/.xlsm, calamine for .xls/.ods); `wb` (openpyxl) is loaded only when a writer asks for it, built at
    once for .xls/.ods. `cached` gives the stored results of formulas."""

    path: Path
    kind: str
    source_format: str
    data: WorkbookData | None = None
    load_warnings: list[str] = field(default_factory=list)  # what openpyxl/calamine warned about (English)
    _wb: Any = field(default=None, repr=False)
    _formulas: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)

    @property
    def wb(self) -> openpyxl.Workbook:
        """The openpyxl Workbook, loaded on first use (a second read of the file for .xlsx/.xlsm)."""
        if self._wb is None:
            caught: list[warnings.WarningMessage] = []
            try:
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always")
                    self._wb = _load_openpyxl(self.path, self.kind)
            except PkError:
                raise
            except Exception as e:  # noqa: BLE001 - any failure of a broken file becomes one PkError
                raise _map_error(self.path, e) from None
            for msg in dict.fromkeys(str(w.message) for w in caught):
                if msg not in self.load_warnings:
                    self.load_warnings.append(msg)
        return self._wb

    @property
    def sheet_titles(self) -> list[str]:
        """Worksheet titles in workbook order, without loading openpyxl when the data is there."""
        if self.data is not None:
            return [s.title for s in self.data.sheets]
        return list(self.wb.sheetnames)

    def cached(self, sheet: str, coord: str) -> Any:
        """The cached result of the formula in `sheet`!`coord`, or None when the file holds none."""
        return self.formula_cells(sheet).get(coord.replace("$", "").upper())

    def formula_cells(self, sheet: str) -> dict[str, Any]:
        """coord -> cached value for every formula cell of `sheet` (None where nothing trustworthy is stored).

        Served from `data` (cells within the reader's scan limits). Empty for .xls/.ods, whose formulas
        calamine does not expose.
        """
        if sheet not in self._formulas:
            if self.data is None and self.kind in ("xlsx", "xlsm"):
                self.data = _read_data(self.path, self.kind, Limits())  # a Book made without the reader's data
            self._formulas[sheet] = self._from_data(sheet) if self.data is not None else {}
        return self._formulas[sheet]

    @property
    def has_cached_values(self) -> bool:
        """True when at least one formula of the workbook carries a trustworthy cached result."""
        return any(v is not None for title in self.sheet_titles for v in self.formula_cells(title).values())

    # --- internals ---------------------------------------------------------------------------------------

    def _from_data(self, sheet: str) -> dict[str, Any]:
        from .cellref import coord

        assert self.data is not None
        sd = self.data.sheet(sheet)
        if sd is None:
            return {}
        return {coord(r, c): sd.values[r][c - 1] for (r, c) in sd.formulas}


# --- errors ------------------------------------------------------------------------------------------------


def _unsafe(path: Path, detail: str) -> PkError:
    return PkError(
        "unsafe-xml",
        f"{path}: berkas ditolak demi keamanan: XML di dalamnya memuat deklarasi entitas atau rujukan luar "
        f"({detail}); buka dan simpan ulang di Excel, lalu periksa lagi.",
        f"{path}: file refused for safety: its XML declares entities or external references ({detail}); "
        "open and re-save it in Excel, then check it again.",
        path=str(path),
    )


def _corrupt(path: Path, detail: str) -> PkError:
    detail = " ".join(detail.split())[:160]
    return PkError(
        "corrupt",
        f"{path}: berkas rusak dan tidak dapat dibaca ({detail}); buka dan simpan ulang di Excel, atau minta "
        "salinan baru.",
        f"{path}: the file is damaged and cannot be read ({detail}); open and re-save it in Excel, or ask for "
        "a new copy.",
        path=str(path),
    )


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
        return _corrupt(path, "tidak cukup memori / out of memory")
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
            wb, data = _load_calamine(p, kind, limits)
    except PkError:
        raise
    except Exception as e:  # noqa: BLE001 - any failure of a broken file becomes one PkError
        raise _map_error(p, e) from None
    msgs = list(dict.fromkeys(str(w.message) for w in caught))
    return Book(path=p, kind=kind, source_format=kind, data=data, load_warnings=msgs, _wb=wb)


def _read_data(p: Path, kind: str, limits: Limits) -> WorkbookData:
    from .xlsxread import read_xlsx

    try:
        return read_xlsx(p, kind, limits)
    except PkError:
        raise
    except Exception as e:  # noqa: BLE001 - any failure of a broken file becomes one PkError
        raise _map_error(p, e) from None


def _load_openpyxl(p: Path, kind: str):
    import openpyxl
    import openpyxl.xml

    if not openpyxl.xml.DEFUSEDXML:
        raise PkError(
            "unsafe-xml",
            f"{p}: openpyxl tidak memakai defusedxml, sehingga berkas tidak dibuka; pasang paket defusedxml "
            "dan jangan setel OPENPYXL_DEFUSEDXML=False.",
            f"{p}: openpyxl is not using defusedxml, so the file was not opened; install defusedxml and do "
            "not set OPENPYXL_DEFUSEDXML=False.",
            path=str(p),
        )
    # A file object, not a path: openpyxl refuses a path by its extension (an .xlsx saved as .xls).
    with open(p, "rb") as fh:
        return openpyxl.load_workbook(fh, data_only=False, keep_vba=(kind == "xlsm"), rich_text=False)


# Characters Excel cannot store in a sheet title.
_BAD_TITLE = re.compile(r"[\\/*?:\[\]]")


def _load_calamine(p: Path, kind: str, limits: Limits):
    import openpyxl
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from python_calamine import CalamineWorkbook, PasswordError, SheetTypeEnum, SheetVisibleEnum

    try:
        with open(p, "rb") as fh:
            cw = CalamineWorkbook.from_filelike(fh)
    except PasswordError:
        raise guard._encrypted(p) from None
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    from .bookdata import MAX_SCAN_COLS, SheetData, WorkbookData

    ods_merges = _ods_merges(p) if kind == "ods" else {}
    sheets: list[SheetData] = []
    used: set[str] = set()
    cells_left = limits.max_cells
    try:
        for meta in cw.sheets_metadata:
            if meta.typ not in (SheetTypeEnum.WorkSheet,):
                continue
            sheet = cw.get_sheet_by_name(meta.name)
            title = _title(meta.name, used)
            ws = wb.create_sheet(title)
            if meta.visible == SheetVisibleEnum.Hidden:
                ws.sheet_state = "hidden"
            elif meta.visible == SheetVisibleEnum.VeryHidden:
                ws.sheet_state = "veryHidden"
            sd = SheetData(title=title, part="", state=ws.sheet_state)
            sheets.append(sd)
            rows = sheet.to_python(skip_empty_area=False, nrows=limits.max_rows)
            for r, row in enumerate(rows, start=1):
                for c, v in enumerate(row, start=1):
                    if v is None or v == "":
                        continue
                    cells_left -= 1
                    if cells_left < 0:
                        break
                    if isinstance(v, float) and v.is_integer() and abs(v) < 2**53:
                        v = int(v)  # as openpyxl reads "5" from an .xlsx
                    elif isinstance(v, str):
                        v = ILLEGAL_CHARACTERS_RE.sub("", v)
                    cell = ws.cell(row=r, column=c)
                    cell.value = v
                    if isinstance(v, str) and v.startswith("="):
                        cell.data_type = "s"  # text that looks like a formula stays text
                    sd.max_col = max(sd.max_col, c)
                    if c <= MAX_SCAN_COLS:  # the same model, and the same limits, as an .xlsx read
                        line = sd.values.setdefault(r, [])
                        fmts = sd.formats.setdefault(r, [])
                        if len(line) < c:
                            line.extend([None] * (c - len(line)))
                            fmts.extend(["General"] * (c - len(fmts)))
                        line[c - 1] = v
                        sd.n_cells += 1
            merges = sheet.merged_cell_ranges if kind == "xls" else ods_merges.get(meta.name)
            for (r0, c0), (r1, c1) in merges or ():
                if (r0, c0) != (r1, c1):
                    ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
                    sd.merged.append((r0 + 1, c0 + 1, r1 + 1, c1 + 1))
    finally:
        cw.close()
    if not wb.worksheets:
        raise guard._not_spreadsheet(p, ("buku kerja tanpa lembar kerja", "a workbook without worksheets"))
    return wb, WorkbookData(path=p, kind=kind, sheets=sheets)


def _title(name: str, used: set[str]) -> str:
    title = _BAD_TITLE.sub("_", name).strip("'")[:31] or "Sheet"
    base, n = title, 1
    while title.lower() in used:
        n += 1
        title = f"{base[: 31 - len(str(n)) - 1]}_{n}"
    used.add(title.lower())
    return title


_ODS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


def _ods_merges(p: Path) -> dict[str, list[tuple[tuple[int, int], tuple[int, int]]]]:
    """Merged ranges of an .ods, from content.xml (calamine does not expose them for ODS).

    A merge is a `table:table-cell` with `number-columns-spanned` / `number-rows-spanned`; rows and cells
    may repeat (`number-rows-repeated`, `number-columns-repeated`), covered cells count as cells.
    """
    from defusedxml.ElementTree import iterparse

    t = f"{{{_ODS_TABLE}}}"
    out: dict[str, list[tuple[tuple[int, int], tuple[int, int]]]] = {}
    sheet: str | None = None
    row = col = 0
    row_repeat = 1
    with zipfile.ZipFile(p) as zf, zf.open("content.xml") as fh:
        for event, el in iterparse(fh, events=("start", "end")):
            tag = el.tag
            if event == "start":
                if tag == t + "table":
                    sheet = el.get(t + "name", "")
                    out.setdefault(sheet, [])
                    row = 0
                elif tag == t + "table-row":
                    col = 0
                    row_repeat = int(el.get(t + "number-rows-repeated", "1"))
                continue
            if tag in (t + "table-cell", t + "covered-table-cell"):
                cols = int(el.get(t + "number-columns-spanned", "1"))
                rows = int(el.get(t + "number-rows-spanned", "1"))
                repeat = int(el.get(t + "number-columns-repeated", "1"))
                if sheet is not None and (cols > 1 or rows > 1):
                    for k in range(repeat):
                        c0 = col + k
                        out[sheet].append(((row, c0), (row + rows - 1, c0 + cols - 1)))
                col += repeat
                el.clear()
            elif tag == t + "table-row":
                row += row_repeat
                el.clear()
            elif tag == t + "table":
                sheet = None
                el.clear()
    return out


# --- bounds ------------------------------------------------------------------------------------------------


def sheet_bounds(ws) -> tuple[int, int]:
    """(max_row, max_col) of the cells that hold a value (and the merged ranges anchored on them).

    openpyxl's `max_row` counts styled empty cells too, which reach 1,048,576 in some workbooks; this
    looks only at cells that exist, so it costs one pass over them. (0, 0) for an empty sheet.
    """
    cells = getattr(ws, "_cells", None)
    if cells is None:  # a read-only sheet: only the declared dimension is known
        return ws.max_row or 0, ws.max_column or 0
    max_r = max_c = 0
    for (r, c), cell in cells.items():
        v = cell.value
        if v is None or v == "":
            continue
        max_r = max(max_r, r)
        max_c = max(max_c, c)
    for rng in ws.merged_cells.ranges:
        anchor = cells.get((rng.min_row, rng.min_col))
        if anchor is not None and anchor.value not in (None, ""):
            max_r = max(max_r, rng.max_row)
            max_c = max(max_c, rng.max_col)
    return max_r, max_c
