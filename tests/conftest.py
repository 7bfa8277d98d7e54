"""Shared test fixtures: a factory that builds PK measurement workbooks in a few lines.

    path = make_pk([
        "Sasaran Strategis",
        ["", "Meningkatnya kepuasan", "Indeks Kepuasan Masyarakat", "85,00", "82,71", "97,31%", "Hasil SKM"],
    ])

A row is a section label (str), a list of cell values in header order, or `Shift(-1, [...])` for a row typed
one column off. A cell value may be `Fmt(value, "0.00%")` for a number format; a str starting with "=" is a
formula. Programs are written as two lists (PROGRAM, then ANGGARAN) or side by side.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED = ROOT.parent / "shared" / "seed" / "pk-kecamatan-bajeng-2023.txt"

DEFAULT_HEADER = ["NO", "SASARAN", "INDIKATOR KINERJA", "TARGET", "REALISASI", "CAPAIAN", "PENJELASAN KINERJA"]
DEFAULT_TITLE = ("PENGUKURAN PERJANJIAN KINERJA TAHUN 2023", "KECAMATAN CONTOH KABUPATEN CONTOH")
DEFAULT_SIGNATURE = (
    "Contoh, 26 Februari 2024",
    "CAMAT CONTOH",
    "",
    "",
    "SITI HAERANI, S.Sos",
    "NIP. 19711010 199312 2 003",
    "Pangkat : Pembina / IV.a",
)


@dataclass(frozen=True)
class Fmt:
    value: Any
    number_format: str


@dataclass(frozen=True)
class Shift:
    by: int
    cells: list


def _put(ws, row: int, col: int, value: Any) -> None:
    if isinstance(value, Fmt):
        cell = ws.cell(row=row, column=col, value=value.value)
        cell.number_format = value.number_format
    elif value is None or value == "":
        return
    else:
        ws.cell(row=row, column=col, value=value)


def build_pk(
    path: Path,
    rows: list,
    *,
    header: list[str] | None = None,
    header2: list[str] | None = None,
    number_row: bool = False,
    title: tuple[str, ...] | None = DEFAULT_TITLE,
    start_col: int = 1,
    programs: list[tuple[str, Any]] | None = None,
    programs_side_by_side: bool = False,
    signature: tuple[str, ...] | None = DEFAULT_SIGNATURE,
    signature_col: int | None = None,
    sheet: str = "PK",
    extra_sheets: dict[str, list[list]] | None = None,
    blank_before_header: int = 1,
) -> Path:
    """Write a PK workbook with openpyxl and return its path. See the module docstring."""
    from openpyxl import Workbook

    header = header or DEFAULT_HEADER
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    r = 1
    for line in title or ():
        _put(ws, r, start_col, line)
        r += 1
    r += blank_before_header if title else 0
    for i, name in enumerate(header):
        _put(ws, r, start_col + i, name)
    r += 1
    if header2:
        for i, name in enumerate(header2):
            _put(ws, r, start_col + i, name)
        r += 1
    if number_row:
        for i in range(len(header)):
            _put(ws, r, start_col + i, f"({i + 1})")
        r += 1
    for row in rows:
        if isinstance(row, str):
            _put(ws, r, start_col, row)
        elif isinstance(row, Shift):
            for i, v in enumerate(row.cells):
                _put(ws, r, start_col + i + row.by, v)
        elif row is None:
            pass
        else:
            for i, v in enumerate(row):
                _put(ws, r, start_col + i, v)
        r += 1
    if programs:
        r += 1
        if programs_side_by_side:
            _put(ws, r, start_col, "NO")
            _put(ws, r, start_col + 1, "PROGRAM")
            _put(ws, r, start_col + 3, "ANGGARAN")
            _put(ws, r, start_col + 4, "KETERANGAN")
            r += 1
            for i, (name, amount) in enumerate(programs, 1):
                _put(ws, r, start_col, i)
                _put(ws, r, start_col + 1, name)
                _put(ws, r, start_col + 3, amount)
                _put(ws, r, start_col + 4, "APBD")
                r += 1
        else:
            _put(ws, r, start_col, "PROGRAM")
            r += 2
            for name, _ in programs:
                _put(ws, r, start_col, name)
                r += 1
            r += 1
            _put(ws, r, start_col, "ANGGARAN")
            r += 2
            for _, amount in programs:
                _put(ws, r, start_col, amount)
                r += 1
    if signature:
        r += 1
        col = signature_col or (start_col + max(len(header) - 2, 1))
        for line in signature:
            _put(ws, r, col, line)
            r += 1
    for name, sheet_rows in (extra_sheets or {}).items():
        other = wb.create_sheet(name)
        for row in sheet_rows:
            other.append(row)
    wb.save(path)
    return path


@pytest.fixture
def make_pk(tmp_path):
    """Factory fixture: make_pk(rows, **layout) -> Path of a new workbook in tmp_path."""
    counter = {"n": 0}

    def _make(rows: list, name: str | None = None, **kw) -> Path:
        counter["n"] += 1
        return build_pk(tmp_path / (name or f"pk{counter['n']}.xlsx"), rows, **kw)

    return _make


@pytest.fixture
def check_rows(make_pk):
    """Build a workbook from rows and check it: returns the FileReport (library, nothing written)."""
    from pk_excel import check

    def _check(rows: list, **kw):
        options = kw.pop("options", None)
        path = make_pk(rows, **kw)
        report = check(path, options) if options is not None else check(path)
        return report.files[0]

    return _check


def rules_fired(file_report, rule: str | None = None):
    """Findings of one rule (or all) as (rule, cell) pairs, for compact assertions."""
    return [(f.rule, f.cell) for f in file_report.findings if rule is None or f.rule == rule]


@pytest.fixture
def bajeng_sample() -> Path:
    path = SAMPLES / "pk-kecamatan-bajeng-2023.xlsx"
    if not path.exists():
        pytest.fail(f"missing sample {path}: run `python samples/build_samples.py`")
    return path


sys.path.insert(0, str(Path(__file__).parent))


def build_grid(path: Path, rows: list, merges: tuple[str, ...] = (), sheet: str = "Sheet") -> Path:
    """Write rows from A1 (a list per row; None or "" leave a cell empty; Fmt for a number format) and merge
    the ranges given: for the forms whose headers are bands of merged cells."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for r, row in enumerate(rows, 1):
        for c, v in enumerate(row or (), 1):
            _put(ws, r, c, v)
    for rng in merges:
        ws.merge_cells(rng)
    wb.save(path)
    return path


@pytest.fixture
def make_grid(tmp_path):
    """Factory fixture: make_grid(rows, merges=(...), sheet=...) -> Path of a new workbook in tmp_path."""
    counter = {"n": 0}

    def _make(rows: list, merges: tuple[str, ...] = (), name: str | None = None, **kw) -> Path:
        counter["n"] += 1
        return build_grid(tmp_path / (name or f"grid{counter['n']}.xlsx"), rows, merges, **kw)

    return _make
