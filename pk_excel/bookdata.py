"""The one workbook model every reader fills (`xlsxread` for .xlsx/.xlsm, calamine in `workbook` for .xls/.ods)
and every later stage reads: per worksheet its values, number formats, formula texts and merged ranges.

Rows and columns are 1-based; a row's lists are indexed by column - 1 and are as long as the row's last
value. Plain data: no parsing here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

MAX_SCAN_COLS = 60  # columns of a sheet the readers keep (a PK table is narrower; notes far right are not)
MAX_COL = 16384  # Excel's last column (XFD)

# What a cell holds once read: text, a number, a truth value, a date/time/duration (a number in a date
# format, or a `t="d"` cell), or nothing.
CellValue = str | int | float | bool | datetime | date | time | timedelta | None


@dataclass(slots=True)
class SheetData:
    """One worksheet as locate reads it (rows and columns 1-based; lists indexed by column - 1)."""

    title: str
    part: str  # zip member, e.g. "xl/worksheets/sheet1.xml"
    state: str  # "visible" | "hidden" | "veryHidden"
    values: dict[int, list[CellValue]] = field(default_factory=dict)  # formula cells hold their cached result
    formats: dict[int, list[str]] = field(default_factory=dict)  # same shape as values
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # "=..." (shared ones translated)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (min_row, min_col, max_row, max_col)
    max_col: int = 0  # largest column of any <c> (styled empty ones too) or merge
    n_cells: int = 0  # cells holding a value or a formula


@dataclass(slots=True)
class WorkbookData:
    """A whole workbook: its worksheets (chartsheets, macro and dialog sheets left out) in workbook order."""

    path: Path
    kind: str  # "xlsx", "xlsm", "xls", "ods"
    sheets: list[SheetData]  # worksheets only, workbook order
    date1904: bool = False
    custom_props: dict[str, str] = field(default_factory=dict)
    recalc: bool = False  # <calcPr fullCalcOnLoad="1">
    # worksheets the workbook part lists whose part is missing from the package (a damaged file): left out of
    # `sheets`, as openpyxl leaves them out, and named when no table is found in the others
    missing_sheets: list[str] = field(default_factory=list)

    def sheet(self, title: str) -> SheetData | None:
        """The worksheet named `title`, or None."""
        return next((s for s in self.sheets if s.title == title), None)
