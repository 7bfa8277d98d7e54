"""Finding the PK table(s) in a workbook: header, column roles, sections, indicator rows, shifted rows,
the PROGRAM/ANGGARAN block, the signature block, and the unit and year from the title.

The reader records what it sees (cells with coordinates, shifts, carried sasaran); it makes no findings.
Values are parsed later, in `measure`; here only enough is recognised to follow the layout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .cellref import coord
from .xlsxread import MAX_SCAN_COLS
from .header import Band, column_number, is_column_number_row, is_header, norm, read_band, resolve, role_of
from .model import Cell, Document, Group, Indicator, Level, PkError, Program, Signature, Summary, Table

if TYPE_CHECKING:
    from .workbook import Book
    from .xlsxread import SheetData

MAX_HEADER_COLS = 60

_SPACES = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w%]+")


def header_role(text: Any) -> str | None:
    """The role a header text names ('Target 2024' -> 'target'); see `header.role_of`."""
    return role_of(text)


_SECTION = re.compile(
    r"^(?:[ivx]+|[a-h]|\d+)?\s*(?:sasaran\s+)?(strategis|program|kegiatan|sub\s*kegiatan|subkegiatan)\b"
)
_SECTION_LEVEL: dict[str, Level] = {
    "strategis": "strategis",
    "program": "program",
    "kegiatan": "kegiatan",
    "subkegiatan": "subkegiatan",
}
_YEAR = re.compile(r"\b(20\d\d|19\d\d)\b")
_YEAR_RANGE = re.compile(r"\b(?:19|20)\d\d\s*(?:-|–|—|s\.?\s?d\.?|s/d|sampai(?: dengan)?)\s*(?:19|20)\d\d\b", re.I)
_TAHUN_YEAR = re.compile(r"\btahun\s+(?:anggaran\s+)?(20\d\d|19\d\d)\b", re.I)
_UNIT_WORDS = (
    r"kecamatan|kelurahan|desa|dinas|badan|kantor|sekretariat|inspektorat|satuan|rsud|rumah sakit|puskesmas|"
    r"bagian|biro|upt|uptd|kementerian|direktorat|balai|lembaga|bappeda|bapenda|bpkad|bkpsdm|satpol"
)
_UNIT_SPECIFIC = re.compile(rf"^({_UNIT_WORDS})\b", re.I)
_UNIT_GENERAL = re.compile(r"^(pemerintah|kabupaten|kota|provinsi)\b", re.I)
_DATE_PART = r"(?:\d{1,2}[\s\-/]+)?[A-Za-z]{3,12}\.?[\s\-/]+\d{4}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}"
_SIGN_DATE = re.compile(rf"^\s*[A-Za-z][\w .'-]{{1,40}},\s*(?:tanggal\s+|tgl\.?\s+)?(?:{_DATE_PART})\s*$", re.I)
_NIP = re.compile(r"^\s*(nip|ni\s*pppk|nipppk)\b\.?\s*:?\s*", re.I)
_PROGRAM_HDR = re.compile(r"^(program|nama program|program kegiatan|program dan kegiatan|uraian program)$")
_ANGGARAN_HDR = re.compile(
    r"^(anggaran|pagu|pagu anggaran|jumlah anggaran|anggaran rp|anggaran rupiah|alokasi anggaran)$"
)
_REALISASI_ANGG = re.compile(r"^realisasi( anggaran)?( rp)?$")
_END_MARK = re.compile(r"^(program|anggaran|program anggaran|mengetahui|pihak pertama|pihak kedua)$")
_TOTAL = re.compile(r"^(jumlah|total|jumlah total|total anggaran|jumlah anggaran)$")

# What a target/realisasi/capaian cell holds: numbers with units or labels, percents, ranges, missing marks,
# grades. Used only to align a row with the header (is this row shifted?).
_NUM = r"[-+(]?\s*\d[\d.,\s]*\)?"
_VALUEISH = re.compile(
    rf"^(?:rp\.?\s*|idr\s*)?{_NUM}(?:\s*(?:-|–|s\.?\s*d\.?|s/d|sampai)\s*{_NUM})?\s*%?\s*"
    r"(?:[a-z][a-z ./²³-]{0,30})?\s*(?:\([a-z .]{1,25}\))?$"
    r"|^(?:n/?a|-|–|—|#n/a|#div/0!|#value!|aa|a|bb|b|cc|c|d|wtp|wdp|tw|tmp)$",
    re.I,
)
_NUMERIC_ROLES = ("target", "realisasi", "capaian")


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _text(v: Any) -> str:
    return "" if v is None else str(v).strip()


@dataclass(slots=True)
class _Grid:
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
    _texts: dict[int, list[tuple[int, Any]]] = field(default_factory=dict)  # row_texts, computed once per row

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
        row = self.values.get(r)
        if row is None or c < 1 or c > len(row) or (self.skip_from_col and c >= self.skip_from_col):
            return None
        v = row[c - 1]
        f = self.formulas.get((r, c))
        if v is None and f is None:
            return None
        return Cell(self.sheet, r, c, v, self.formats[r][c - 1], f)

    def row_texts(self, r: int) -> list[tuple[int, Any]]:
        """Non-blank (col, value) pairs of a row."""
        got = self._texts.get(r)
        if got is not None:
            return got
        row = self.values.get(r)
        if row is None:
            return _NO_CELLS
        stop = self.skip_from_col
        got = [(c, v) for c, v in enumerate(row, 1) if not _blank(v) and not (stop and c >= stop)]
        self._texts[r] = got
        return got

    def rows_from(self, start: int) -> list[int]:
        """The non-empty rows from `start` on."""
        from bisect import bisect_left

        return self.rows[bisect_left(self.rows, start):]


_NO_CELLS: list[tuple[int, Any]] = []


def _read_grid(book: Book, ws, limits, skip_from_col: int | None) -> _Grid:
    max_row, max_col = limits.max_rows, MAX_SCAN_COLS
    # Read the cells the sheet really has (ws._cells) rather than iter_rows, which creates an empty cell for
    # every blank coordinate it passes: slower, and it would change what the later save writes.
    values: dict[int, list[Any]] = {}
    formats: dict[int, list[str]] = {}
    formulas: dict[tuple[int, int], str] = {}
    cached = None
    n_cells = 0
    store = getattr(ws, "_cells", None)
    if store is not None:
        items = store.items()
    else:
        items = (((c.row, c.column), c) for row in ws.iter_rows(max_row=max_row, max_col=max_col) for c in row)
    for (r, c), cell in items:
        if r > max_row or c > max_col:
            continue
        v = cell.value
        if v is None:
            continue
        if cell.data_type == "f":
            formulas[(r, c)] = v if isinstance(v, str) else (getattr(v, "text", None) or str(v))
            if cached is None:
                cached = book.formula_cells(ws.title)
            v = cached.get(cell.coordinate)
        row = values.get(r)
        if row is None:
            row = values[r] = []
            formats[r] = []
        if len(row) < c:  # rows are as long as their last value: most rows use a few columns
            grow = c - len(row)
            row.extend([None] * grow)
            formats[r].extend(["General"] * grow)
        row[c - 1] = v
        formats[r][c - 1] = cell.number_format
        n_cells += 1
    rows = sorted(values)
    n_rows = rows[-1] if rows else 0
    merged = [(rng.min_row, rng.min_col, rng.max_row, rng.max_col) for rng in ws.merged_cells.ranges]
    merged_top = _merged_top(merged, max_row, max_col)
    return _Grid(ws.title, values, formulas, formats, merged_top, n_rows, n_cells, skip_from_col, rows)


def _merged_top(merged, max_row: int, max_col: int) -> dict[tuple[int, int], tuple[int, int]]:
    merged_top: dict[tuple[int, int], tuple[int, int]] = {}
    for r0, c0, r1, c1 in merged:
        if (r1 - r0 + 1) * (c1 - c0 + 1) > 2000:
            continue  # a whole-area merge carries no table structure worth expanding
        for r in range(r0, min(r1, max_row) + 1):
            for c in range(c0, min(c1, max_col) + 1):
                if (r, c) != (r0, c0):
                    merged_top[(r, c)] = (r0, c0)
    return merged_top


def _grid_from_data(sd: SheetData, limits, skip_from_col: int | None) -> _Grid:
    """The grid of a sheet the fast reader read (it has applied the same row and column limits)."""
    rows = sorted(sd.values)
    n_rows = rows[-1] if rows else 0
    merged_top = _merged_top(sd.merged, limits.max_rows, MAX_SCAN_COLS)
    return _Grid(sd.title, sd.values, sd.formulas, sd.formats, merged_top, n_rows, sd.n_cells, skip_from_col, rows)


def read_document(book: Book, limits=None, config=None) -> Document:
    """Read every PK table of the workbook. Raises PkError('no-table') when there is none.

    `config` (a Config) may name the reporting year and columns (`[tabel]` in pk-excel.toml)."""
    from .config import Limits
    from .marks import read_marks, read_marks_data

    limits = limits or Limits()
    data = getattr(book, "data", None)
    if data is not None:
        marks = read_marks_data(data)
        doc = Document(path=str(book.path), sheets=[sd.title for sd in data.sheets])
        sheets = [(sd.title, sd.state, sd) for sd in data.sheets]
    else:
        wb = book.wb
        marks = read_marks(wb)
        doc = Document(path=str(book.path), sheets=[ws.title for ws in wb.worksheets])
        sheets = [(ws.title, getattr(ws, "sheet_state", "visible"), ws) for ws in wb.worksheets]
    total_cells = 0
    for title, state, sheet in sheets:
        if title in marks.sheets or state == "veryHidden":
            continue
        added = marks.columns.get(title)
        skip = added[0] if added else None
        grid = _grid_from_data(sheet, limits, skip) if data is not None else _read_grid(book, sheet, limits, skip)
        total_cells += grid.n_cells
        if total_cells > limits.max_cells:
            raise PkError(
                "too-large",
                f"{book.path.name}: lembar terlalu besar untuk diperiksa (lebih dari {limits.max_cells:,} sel).",
                f"{book.path.name}: sheets too large to check (more than {limits.max_cells:,} cells).",
                path=str(book.path),
            )
        _read_sheet(grid, doc, config)
    if not doc.tables:
        raise PkError(
            "no-table",
            f"{book.path.name}: tidak ditemukan tabel pengukuran kinerja (kolom Indikator, Target, Realisasi, "
            "Capaian). Periksa judul kolomnya.",
            f"{book.path.name}: no performance measurement table found (columns Indikator, Target, Realisasi, "
            "Capaian). Check the column headings.",
            path=str(book.path),
        )
    return doc


# ---------------------------------------------------------------------------------------------- header


_PROGRAM_START = ("urusan", "bidang", "program", "kegiatan", "sub", "upaya", "jenis", "uraian", "nama")


def _maybe_header_row(grid: _Grid, r: int) -> bool:
    """Cheap test before reading a band (it runs on every row): the row names an indicator column, or a
    program/kegiatan column of a form whose next rows name a target or realisasi."""
    cells = grid.row_texts(r)
    if len(cells) < 2:
        return False
    program = False
    for _, v in cells[:MAX_HEADER_COLS]:
        if type(v) is str and len(v) <= 200:
            t = v.lstrip().lower()
            if "indikator" in t or "indicator" in t or t.startswith(("iku", "ikk", "kpi")):
                if role_of(v) == "indikator":
                    return True
            elif not program and len(t) <= 80 and t.startswith(_PROGRAM_START):
                program = role_of(v) == "program"
    if not program:
        return False
    return any(
        isinstance(v, str) and len(v) <= 200 and role_of(v) in ("target", "realisasi", "capaian")
        for rr in (r, r + 1, r + 2)
        for _, v in grid.row_texts(rr)[:MAX_HEADER_COLS]
    )


def _find_header(grid: _Grid, r: int) -> Band | None:
    band = read_band(grid, r, MAX_HEADER_COLS)
    return band if band is not None and is_header(band) else None


def _has_number(grid: _Grid, r: int) -> bool:
    return any(isinstance(v, (int, float)) and not isinstance(v, bool) for _, v in grid.row_texts(r)) and not (
        _is_column_number_row(grid, r)
    )


def _is_column_number_row(grid: _Grid, r: int) -> bool:
    return is_column_number_row(grid, r)


# ---------------------------------------------------------------------------------------------- sheet


def _read_sheet(grid: _Grid, doc: Document, config=None) -> None:
    r = _next_header_row(grid, 1)
    title_from = 1
    while r <= grid.n_rows:
        band = _find_header(grid, r)
        assert band is not None
        if doc.title is None:
            _read_title(grid, doc, title_from, band.rows[0] - 1)
        table = _table_from_band(grid, band, doc, config)
        table_index = len(doc.tables)
        end = _read_rows(grid, table, table_index, doc)
        doc.tables.append(table)
        tail_end = _next_header_row(grid, end + 1)
        _read_programs(grid, doc, end + 1, tail_end)
        _read_signature(grid, doc, end + 1, tail_end)
        title_from = end + 1
        r = tail_end


def _table_from_band(grid: _Grid, band: Band, doc: Document, config) -> Table:
    """The columns of the reporting year, chosen from the band (header.resolve)."""
    first = band.last_row + 1

    def has_data(col: int) -> bool:
        return any(not _blank(grid.get(rr, col)) for rr in grid.rows_from(first)[:200])

    year = (config.year if config is not None else None) or doc.year
    overrides = dict(config.columns) if config is not None and config.columns else None
    res = resolve(band, year, has_data, overrides)
    extra = dict(res.extra)
    for role, cols in res.spans.items():
        for k, c in enumerate(cols[1:], 2):
            extra[f"{role}_{k}"] = c  # the other columns under a merged indicator heading
    renja = bool(res.periods or any(k.endswith("_rp") for k in extra) or "program" in res.columns)
    return Table(
        sheet=grid.sheet,
        header_rows=band.rows + ((band.number_row,) if band.number_row else ()),
        columns=res.columns,
        first_row=first,
        last_row=band.last_row,
        header_year=res.year,
        percent_columns=res.percent,
        titles=res.titles,
        extra_columns=extra,
        periods=res.periods.get("realisasi", []),
        period_kind=res.period_kind,
        year=year or res.year,
        layout="renja" if renja else "pk",
        numbers={c: col.number for c, col in band.columns.items() if col.number},
        signature=_signature(band),
        formula_columns=_formula_columns(band),
    )


def _signature(band: Band) -> tuple[tuple[int, str], ...]:
    """What a header says, column by column: a header repeated on the next page says the same."""
    return tuple((c, col.title) for c, col in sorted(band.columns.items()))


def _formula_columns(band: Band) -> tuple[int, ...]:
    """The columns that the column-number row's arithmetic names ("10=(5+7+9)" -> the columns numbered 5, 7
    and 9, and 10 itself)."""
    by_number = {}
    for c, col in band.columns.items():
        n = column_number(col.number) if col.number else None
        if n is not None:
            by_number.setdefault(n, c)
    out: set[int] = set()
    for c, col in band.columns.items():
        if col.number and "=" in col.number:
            out.add(c)
            out.update(by_number[int(x)] for x in re.findall(r"\d+", col.number.split("=", 1)[1])
                       if int(x) in by_number)
    return tuple(sorted(out))


def _next_header_row(grid: _Grid, start: int) -> int:
    for r in grid.rows_from(start):
        if _maybe_header_row(grid, r) and _find_header(grid, r):
            return r
    return grid.n_rows + 1


def _read_title(grid: _Grid, doc: Document, first: int, last: int) -> None:
    lines: list[tuple[int, int, str]] = []
    for r in range(max(first, last - 12), last + 1):
        for c, v in grid.row_texts(r):
            if isinstance(v, str):
                lines.append((r, c, _SPACES.sub(" ", v.strip())))
    if not lines:
        return
    title_line = next((ln for ln in lines if re.search(r"kinerja|lkjip|lakip|pengukuran", ln[2], re.I)), lines[0])
    doc.title = title_line[2]
    doc.title_cell = grid.cell(title_line[0], title_line[1])
    for pattern in (_TAHUN_YEAR, _YEAR):
        for _, _, text in lines:
            if _YEAR_RANGE.search(text):
                continue  # "Tahun 2021 - 2023", "Renstra 2021-2026": several years, none is the report's
            m = pattern.search(text)
            if m:
                doc.year = int(m.group(1))
                break
        if doc.year is not None:
            break
    for pattern in (_UNIT_SPECIFIC, _UNIT_GENERAL):
        for _, _, text in lines:
            if pattern.match(text):
                doc.unit = text
                break
        if doc.unit is not None:
            break
    if doc.unit is None:
        # "PENGUKURAN KINERJA DINAS X TAHUN 2024": the unit may sit inside the title line.
        m = re.search(rf"\b((?:{_UNIT_WORDS})\b.*?)(?:\s+tahun\b.*)?$", doc.title or "", re.I)
        if m:
            doc.unit = m.group(1).strip()


def _section_level(grid: _Grid, r: int, table: Table) -> tuple[Level | None, str | None] | None:
    """(level, sasaran named in the row) of a section row, or None; level None: a sasaran heading only.

    "Sasaran Strategis", "I | SASARAN STRATEGIS", "A. Sasaran Program", "Kegiatan", and
    "Sasaran Strategis 1 : Meningkatnya kepuasan masyarakat" (the sasaran of the rows below).
    """
    cells = grid.row_texts(r)
    if not cells or len(cells) > 2:
        return None
    for role in _NUMERIC_ROLES:
        col = table.columns.get(role)
        if col and not _blank(grid.get(r, col)):
            return None
    for _, v in cells:
        if not isinstance(v, str):
            continue
        head, sep, rest = v.partition(":")
        t = re.sub(r"^(?:[ivx]+|[a-h]|\d+(?:\s\d+)*)\s+", "", norm(head))
        t = re.sub(r"\s+\d+$", "", t)  # "sasaran strategis 1"
        if len(t) > 40:
            continue
        m = _SECTION.match(t)
        # "Program Penunjang Urusan ..." names a program; a section row says Sasaran, or is one or two words.
        if m and m.end() == len(t) and ("sasaran" in t or len(t.split()) <= 2):
            level = _SECTION_LEVEL[m.group(1).replace(" ", "")]
            named = _SPACES.sub(" ", rest.strip()) if sep and "sasaran" in t else ""
            return level, named or None
        if t == "sasaran" and sep and len(rest.strip()) >= 3:
            return None, _SPACES.sub(" ", rest.strip())  # "Sasaran 1 : Meningkatnya ...": the level stays
    return None


def _is_end_row(grid: _Grid, r: int, table: Table) -> bool:
    cells = grid.row_texts(r)
    if not cells:
        return False
    # "PROGRAM" / "ANGGARAN" alone, or a PROGRAM | ANGGARAN header row, with no values where values go.
    marks = [
        c
        for c, v in cells
        if isinstance(v, str)
        and len(v) <= 40
        and v.lstrip()[:1] in "PpAaMmJj"  # program, anggaran, mengetahui, pihak, jumlah anggaran
        and (_END_MARK.match(norm(v)) or _ANGGARAN_HDR.match(norm(v)))
    ]
    if marks and not _has_values(grid, r, table):
        if len(cells) > 1:
            return True  # a PROGRAM | ANGGARAN header row
        # "PROGRAM" alone: the block below, unless indicator rows follow (then it named a section).
        seen = 0
        for nr in range(r + 1, min(r + 8, grid.n_rows + 1)):
            if grid.row_texts(nr):
                seen += 1
                if _has_values(grid, nr, table) and _cell_kind(grid.get(nr, table.columns["indikator"])) == "text":
                    return False
                if seen >= 3:
                    break
        return True
    return any(isinstance(v, str) and (_SIGN_DATE.match(v) or _NIP.match(v)) for _, v in cells)


def _has_values(grid: _Grid, r: int, table: Table) -> bool:
    return any(
        _cell_kind(grid.get(r, table.columns[role])) == "num" for role in ("target", "realisasi") if role in table.columns
    )


def _table_goes_on(grid: _Grid, start: int, table: Table) -> bool:
    """After a run of blank rows: does the next non-blank row still belong to the table?"""
    for r in range(start, min(start + 30, grid.n_rows + 1)):
        if grid.row_texts(r):
            if _is_end_row(grid, r, table) or (_maybe_header_row(grid, r) and _find_header(grid, r)):
                return False
            if _section_level(grid, r, table):
                return True
            ind = _text(grid.get(r, table.columns["indikator"]))
            return bool(ind) and _cell_kind(ind) == "text" and _has_values(grid, r, table)
    return False


def _cell_kind(v: Any) -> str:
    """A coarse guess of what a cell holds, to align a row with the header: 'num', 'text' or 'blank'."""
    if _blank(v):
        return "blank"
    if isinstance(v, bool):
        return "text"
    if isinstance(v, (int, float)) or hasattr(v, "year"):
        return "num"
    return "num" if _VALUEISH.match(str(v).strip()) else "text"


def _fit(grid: _Grid, r: int, table: Table, shift: int) -> int:
    """How well the row's cells fit their roles when read `shift` columns off the header."""
    score = 0
    cols = table.columns
    for role in _NUMERIC_ROLES:
        if role in cols:
            k = _cell_kind(grid.get(r, cols[role] + shift))
            score += 2 if k == "num" else (-2 if k == "text" else 0)
    if "indikator" in cols:
        k = _cell_kind(_name_text(grid, r, table, shift))
        score += 2 if k == "text" else (-2 if k == "num" else -1)
    if "penjelasan" in cols:
        k = _cell_kind(grid.get(r, cols["penjelasan"] + shift))
        score += 1 if k in ("text", "blank") else -1
    return score


def _row_shift(grid: _Grid, r: int, table: Table) -> int:
    base = _fit(grid, r, table, 0)
    if base >= 7:
        return 0
    if not any(
        _cell_kind(grid.get(r, c + s)) == "num"
        for s in (-1, 0, 1)
        for role, c in table.columns.items()
        if role in _NUMERIC_ROLES
    ):
        return 0  # a caption or a note: nothing to align
    best, best_shift = base, 0
    leftmost = min(table.columns.values())
    rightmost = max(table.columns.values())
    for s in (-1, 1):
        if leftmost + s < 1 and table.columns.get("no") != leftmost:
            continue  # the leftmost column would fall off the sheet; only the NO column may be lost
        # The column the row moved away from is empty: the first one for a shift right, the last for a left.
        if not _blank(grid.get(r, leftmost if s > 0 else rightmost)):
            continue
        sc = _fit(grid, r, table, s)
        if sc > best + 2:
            best, best_shift = sc, s
    return best_shift


_CAPTION_SASARAN = re.compile(r"^\s*sasaran(?:\s+(?:strategis|program|kegiatan))?\s*\d*\s*[:.]\s*(.{3,})$", re.I)


def _caption_sasaran(grid: _Grid, table: Table) -> str | None:
    """'Sasaran 2: Meningkatnya ...' written just above a table (LKjIP 'Tabel 3.x' per sasaran)."""
    for r in range(table.header_rows[0] - 1, max(0, table.header_rows[0] - 4), -1):
        for _, v in grid.row_texts(r):
            if isinstance(v, str):
                m = _CAPTION_SASARAN.match(v)
                if m:
                    return _SPACES.sub(" ", m.group(1).strip())
    return None


def _is_continuation(grid: _Grid, r: int, table: Table, shift: int) -> bool:
    """A row holding only the rest of the indicator name above it (no NO, no sasaran of its own, no values)."""
    cols = table.columns
    for role in ("no", "satuan", "penjelasan"):
        if role in cols and not _blank(grid.get(r, cols[role] + shift)):
            return False
    if "sasaran" in cols:
        c = cols["sasaran"] + shift
        top = grid.merged_top.get((r, c))
        if not _blank(grid.get(r, c)) and top is None:
            return False
    text = _text(grid.get(r, cols["indikator"] + shift))
    no_merged = "no" in cols and grid.merged_top.get((r, cols["no"] + shift)) is not None
    return text[:1].islower() or text[:1] in "(-–&/," or no_merged


# Labels of summary rows. "Jumlah" alone (or of capaian/nilai), never "Jumlah kegiatan ...", an indicator's name.
_SUMMARY_LABEL = re.compile(
    r"^(?:(?:jumlah|total|jumlah total|grand total|sub ?total)(?: (?:keseluruhan|capaian|nilai|skor|capaian kinerja))?"
    r"|(?:rata rata|rerata|nilai rata rata)(?: (?:capaian|kinerja|nilai|skor|persen|%|indikator|iku|ikk|sasaran"
    r"|keseluruhan|opd|perangkat daerah|program|kegiatan|tahun \d{4}|\d{4}))*"
    r"|(?:predikat|kategori|nilai akhir)(?: (?:capaian|kinerja|nilai|opd|perangkat daerah|sasaran|program|kegiatan"
    r"|iku|tahun \d{4}|\d{4}))*)\s*%?$"
)
_SUMMARY_WORD = re.compile(r"^(?:predikat|kategori|rata rata|rerata|nilai rata rata|(?:nilai )?capaian (?:kinerja )?"
                           r"rata rata|nilai kinerja organisasi|nko|total nilai|nilai akhir|indeks capaian kinerja)\b")
_AGGREGATE = re.compile(r"^=\s*(?:ROUND\s*\(\s*)?(SUM|AVERAGE|SUBTOTAL|AVERAGEA|MEDIAN)\s*\(", re.I)
_SUB_ITEM = re.compile(r"^\s*(?:[a-z]|\d{1,2}|[ivx]{1,4})[.)]\s+\S|^\s*[-–•]\s+\S", re.I)
_NUMBERED_SECTION = re.compile(r"^\s*(?:\d+\.\d+(?:\.\d+)*\.?|[IVX]+\.|[A-H]\.)\s+\S")
_DASH = re.compile(r"^[\s\-–—.]*$")
_RENJA_LEVEL = re.compile(r"^(urusan|bidang urusan|program|kegiatan|sub kegiatan|subkegiatan)\b")
_RENJA_LEVELS: dict[str, Level | None] = {
    "urusan": None, "bidang urusan": None, "program": "program", "kegiatan": "kegiatan",
    "sub kegiatan": "subkegiatan", "subkegiatan": "subkegiatan",
}


def _summary(grid: _Grid, r: int, table: Table, name: str) -> Summary | None:
    """A row that sums up the rows above it (rata-rata, jumlah, predikat), labelled or a bare SUM/AVERAGE."""
    cols = table.columns
    value_cols = [cols[role] for role in _NUMERIC_ROLES if role in cols]
    label = None
    label_col = 0
    for c, v in grid.row_texts(r):
        if value_cols and c >= min(value_cols) and label is None:
            break
        if isinstance(v, str) and (_SUMMARY_LABEL.match(norm(v)) or _SUMMARY_WORD.match(norm(v)) and len(v) <= 80
                                   and not _row_has_values(grid, r, table, ("target", "realisasi"))
                                   and (len(grid.row_texts(r)) > 1 or ":" in v)):
            # "Predikat Kinerja: Tinggi", "Capaian kinerja rata-rata OPD": summary words over no target or
            # realisasi of their own ("Rata-rata lama rawat inap" with a target is an indicator)
            label, label_col = _SPACES.sub(" ", v.strip()), c
            break
        if isinstance(v, str) and not _DASH.match(v) and column_number(v) is None:
            return None  # a text of its own before the values: an indicator or a heading
    kind = None
    if label is not None:
        t = norm(label)
        kind = "predikat" if t.startswith(("predikat", "kategori")) else (
            "rata-rata" if "rata rata" in t or "rerata" in t else "jumlah")
    elif not name:
        for role in _NUMERIC_ROLES:
            f = grid.formulas.get((r, cols[role])) if role in cols else None
            m = _AGGREGATE.match(f) if f else None
            if m:
                kind = "jumlah" if m.group(1).upper() in ("SUM", "SUBTOTAL") else "rata-rata"
                break
    if kind is None:
        return None
    out = Summary(grid.sheet, r, kind, label)
    for role in (*_NUMERIC_ROLES, "predikat"):
        if role in cols:
            cell = grid.cell(r, cols[role])
            if cell is not None:
                out.cells[role] = cell
    if label_col:
        after = next(((c, v) for c, v in grid.row_texts(r) if c > label_col), None)
        if after is not None:
            out.cells["nilai"] = grid.cell(r, after[0])
        elif ":" in (label or ""):
            out.cells["nilai"] = grid.cell(r, label_col)  # "Predikat kinerja: Tinggi"
    return out


def _row_has_values(grid: _Grid, r: int, table: Table, roles=_NUMERIC_ROLES) -> bool:
    return any(not _blank(grid.get(r, table.columns[role])) for role in roles if role in table.columns)


def _name_text(grid: _Grid, r: int, table: Table, shift: int) -> str:
    """The indicator's text: under a heading merged over two columns, the cell that has it (not a '-')."""
    cols = [table.columns["indikator"]] + [
        c for k, c in sorted(table.extra_columns.items()) if k.startswith("indikator_")
    ]
    first = ""
    for c in cols:
        t = _text(grid.get_merged(r, c + shift))
        if t and not _DASH.match(t):
            return t
        first = first or t
    return first


def _renja_level(grid: _Grid, r: int, table: Table, shift: int) -> tuple[str, Level | None] | None:
    """(program/kegiatan name, level) from the Renja form's Program/Kegiatan column (or its kode)."""
    col = table.columns.get("program")
    if col is None:
        return None
    text = _text(grid.get(r, col + shift))
    if not text or _DASH.match(text):
        return None
    m = _RENJA_LEVEL.match(norm(text))
    level: Level | None
    if m:
        level = _RENJA_LEVELS[m.group(1)]
    else:
        kode = _text(grid.get(r, table.columns["kode"] + shift)) if "kode" in table.columns else ""
        parts = [p for p in re.split(r"[.\s]+", kode) if p.isdigit()]
        level = {0: None, 1: None, 2: None, 3: "program", 4: "kegiatan", 5: "kegiatan"}.get(len(parts), "subkegiatan")
        if not parts:
            level = "program"
    return _SPACES.sub(" ", text), level


def _read_rows(grid: _Grid, table: Table, table_index: int, doc: Document) -> int:
    cols = table.columns
    level: Level | None = None
    default_sasaran = _caption_sasaran(grid, table)
    sasaran: str | None = default_sasaran
    program: str | None = None
    parent: str | None = None  # "Jumlah rumusan kebijakan bidang:" over its sub-items "a. ...", "b. ..."
    blank_run = 0
    last = table.first_row - 1
    skip_to = 0
    for r in range(table.first_row, grid.n_rows + 1):
        if r <= skip_to:
            continue
        if _maybe_header_row(grid, r):
            band = _find_header(grid, r)
            if band is not None:
                last_ind = doc.indicators[-1].row if doc.indicators and doc.indicators[-1].table == table_index else 0
                if (_signature(band) == table.signature and last_ind
                        and all(not grid.row_texts(x) for x in range(last_ind + 1, r))):
                    skip_to = last = band.last_row  # the header repeated on the next printed page
                    continue
                break  # the next table of the sheet
        if not grid.row_texts(r):
            # a row of formulas never computed (no cached results) may still be a SUM/AVERAGE summary
            summary = _summary(grid, r, table, "") if any(
                (r, cols[role]) in grid.formulas for role in _NUMERIC_ROLES if role in cols) else None
            if summary is not None:
                table.summaries.append(summary)
                blank_run, last = 0, r
                continue
            blank_run += 1
            if blank_run >= 4 and not _table_goes_on(grid, r + 1, table):
                break
            continue
        if _is_end_row(grid, r, table):
            break
        if _is_column_number_row(grid, r):
            last = r
            continue
        section = _section_level(grid, r, table)
        if section is not None:
            level, sasaran = section[0] or level, section[1]
            sasaran = sasaran or default_sasaran
            blank_run, last, parent = 0, r, None
            if section[0] is not None:
                table.sections.append((r, section[0]))
            continue
        shift = _row_shift(grid, r, table)
        indikator = _name_text(grid, r, table, shift)
        summary = _summary(grid, r, table, indikator)
        if summary is not None:
            table.summaries.append(summary)
            blank_run, last, parent = 0, r, None
            continue
        has_value = any(not _blank(grid.get(r, cols[role] + shift)) for role in _NUMERIC_ROLES if role in cols)
        sas_col = cols["sasaran"] + shift if "sasaran" in cols else None
        sas_text = _text(grid.get_merged(r, sas_col)) if sas_col else ""
        renja = _renja_level(grid, r, table, shift)
        if renja is not None:
            program, level = renja
            table.groups.append(Group(grid.sheet, r, level, program, {
                k: cell for k, c in table.extra_columns.items() if k.endswith("_rp")
                and (cell := grid.cell(r, c + shift)) is not None}))
            if not indikator or _DASH.match(indikator):
                blank_run, last, parent = 0, r, None  # an urusan / program / kegiatan line without indicator
                continue
        opens_items = bool(indikator) and not has_value and not _SUB_ITEM.match(indikator) and (
            indikator.rstrip().endswith(":") or _next_is_sub_item(grid, r, table, shift))
        if indikator and not has_value and (
            opens_items or _numbered(grid, r, table, shift, indikator) and _values_follow(grid, r, table, shift)
        ):
            # a heading over sub-items, or a numbered section ("2.1. UKM Esensial"): not an indicator
            parent = _SPACES.sub(" ", indikator.strip()) if opens_items else None
            if sas_text:
                sasaran = _SPACES.sub(" ", sas_text)
            blank_run, last = 0, r
            continue
        item_of = None
        if parent and indikator and _SUB_ITEM.match(indikator):
            indikator = f"{parent}{' ' if parent.endswith(':') else ': '}{indikator.strip()}"
            item_of = parent
        elif indikator:
            parent = None
        if (
            indikator
            and not has_value
            and doc.indicators
            and doc.indicators[-1].row == r - 1
            and doc.indicators[-1].table == table_index
            and _is_continuation(grid, r, table, shift)
        ):
            prev = doc.indicators[-1]  # the indicator's name wrapped onto a second row
            prev.indikator = f"{prev.indikator} {_SPACES.sub(' ', indikator)}"
            last = r
            continue
        if not indikator or _cell_kind(indikator) == "num":
            if sas_text and not has_value:
                sasaran, blank_run, last = sas_text, 0, r  # a sasaran heading above its indicators
                continue
            if not any(not _blank(grid.get(r, cols[role] + shift)) for role in ("target", "realisasi") if role in cols):
                blank_run += 1  # a note or a subtotal label between rows ends nothing by itself
                if blank_run >= 4:
                    break
                continue
        blank_run = 0
        carried = False
        if sas_text:
            top = grid.merged_top.get((r, sas_col))
            carried = top is not None and top[0] != r
            sasaran = _SPACES.sub(" ", sas_text)
        elif sas_col:
            carried = sasaran is not None
        ind = Indicator(
            sheet=grid.sheet,
            row=r,
            table=table_index,
            level=level,
            sasaran=sasaran,
            indikator=_SPACES.sub(" ", indikator),
            sasaran_carried=carried,
            shift=shift,
            program=program,
            parent=item_of,
        )
        for role, c in (*cols.items(), *table.extra_columns.items()):
            if role == "no" and shift < 0:
                continue  # the NO cell was lost with the shift
            cell = grid.cell(r, c + shift)
            if cell is not None:
                ind.cells[role] = cell
        if table.periods:
            ind.periods = [grid.cell(r, c + shift) for c in table.periods]
        for c in table.formula_columns:
            cell = grid.cell(r, c + shift)
            if cell is not None:
                ind.numbered[c] = cell
        ind.no = ind.cells.get("no")
        if "satuan" in cols:
            ind.satuan = _text(grid.get(r, cols["satuan"] + shift)) or None
        prev = doc.indicators[-1] if doc.indicators else None
        if (
            prev is not None and prev.row == r - 1 and prev.table == table_index and has_value
            and ind.no is None and indikator[:1].islower()
            and not any(role in prev.cells for role in _NUMERIC_ROLES)
        ):
            # the name wrapped with its values on the second row ("... administrasi keuangan" / "ber-SOP | 60")
            doc.indicators.pop()
            ind.indikator = f"{prev.indikator} {ind.indikator}"
            ind.no = prev.no
            for role in ("no", "sasaran"):
                if role in prev.cells and role not in ind.cells:
                    ind.cells[role] = prev.cells[role]
            ind.sasaran, ind.sasaran_carried = prev.sasaran, prev.sasaran_carried
        doc.indicators.append(ind)
        last = r
    table.last_row = last
    return last


def _next_is_sub_item(grid: _Grid, r: int, table: Table, shift: int) -> bool:
    nxt = grid.rows_from(r + 1)[:1]
    return bool(nxt) and bool(_SUB_ITEM.match(_name_text(grid, nxt[0], table, shift))) and _row_has_values(
        grid, nxt[0], table)


_SECTION_NO = re.compile(r"^\s*(?:\d+\.\d+(?:\.\d+)*\.?|[IVX]{1,4}\.?|[A-H]\.)\s*$")


_PLAIN_NO = re.compile(r"^\s*(\d{1,2})\.?\s*$")


def _numbered(grid: _Grid, r: int, table: Table, shift: int, name: str) -> bool:
    """Does a row without values read as a heading? '2.1. UKM Esensial', 'II. UPAYA ...', 'B. ...', such a
    number in the NO column, a name in capitals ('UPAYA KESEHATAN MASYARAKAT'), or a plain '1.' whose next
    numbered row goes one level deeper ('1.1.', 'a.'). A satuan says it is an indicator not yet filled."""
    if "satuan" in table.columns and not _blank(grid.get(r, table.columns["satuan"] + shift)):
        return False
    if _NUMBERED_SECTION.match(name):
        return True
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) >= 6 and len(name.split()) >= 2 and all(ch.isupper() for ch in letters):
        return True
    no = table.columns.get("no")
    if no is None:
        return False
    label = _text(grid.get(r, no + shift))
    if _SECTION_NO.match(label):
        return True
    m = _PLAIN_NO.match(label)
    if m:
        for nr in grid.rows_from(r + 1)[:3]:
            nxt = _text(grid.get(nr, no + shift)) or _name_text(grid, nr, table, shift)
            if nxt:
                return nxt.startswith(f"{m.group(1)}.") and nxt[len(m.group(1)) + 1:][:1].isdigit() or bool(
                    re.match(r"^[a-z][.)]", nxt))
    return False


def _values_follow(grid: _Grid, r: int, table: Table, shift: int) -> bool:
    """Do indicator rows with values follow, past other headings (I > 1. > 1.1. > a.)?"""
    for nr in grid.rows_from(r + 1)[:6]:
        if _row_has_values(grid, nr, table):
            return True
        name = _name_text(grid, nr, table, shift)
        if not name or not _numbered(grid, nr, table, shift, name):
            return False
    return False


# ---------------------------------------------------------------------------------------------- programs


def _is_block_stop(grid: _Grid, r: int) -> bool:
    return any(isinstance(v, str) and (_SIGN_DATE.match(v) or _NIP.match(v)) for _, v in grid.row_texts(r))


def _read_programs(grid: _Grid, doc: Document, start: int, stop: int) -> None:
    for r in range(start, stop):
        if _is_block_stop(grid, r):
            return
        heads = {c: norm(v) for c, v in grid.row_texts(r) if isinstance(v, str)}
        prog_col = next((c for c, t in heads.items() if _PROGRAM_HDR.match(t)), None)
        if prog_col is None:
            continue
        angg_col = next((c for c, t in heads.items() if _ANGGARAN_HDR.match(t)), None)
        real_col = next((c for c, t in heads.items() if _REALISASI_ANGG.match(t)), None)
        if angg_col is not None:
            _programs_side_by_side(grid, doc, r, stop, prog_col, angg_col, real_col)
        else:
            _programs_in_lists(grid, doc, r, stop)
        return


def _programs_side_by_side(grid, doc, hr, stop, prog_col, angg_col, real_col) -> None:
    from .values import parse_money

    blank = 0
    for r in range(hr + 1, stop):
        if _is_block_stop(grid, r) or _is_column_number_row(grid, r):
            if _is_block_stop(grid, r):
                break
            continue
        name = _text(grid.get_merged(r, prog_col)) or _text(grid.get(r, prog_col + 1))
        amount = grid.cell(r, angg_col)
        if not name and amount is None:
            blank += 1
            if blank >= 2 and doc.programs or blank >= 4:
                break
            continue
        blank = 0
        if _TOTAL.match(norm(name)) or any(_TOTAL.match(norm(v)) for _, v in grid.row_texts(r)[:2]):
            break
        prog = Program(grid.sheet, r, name, coord(r, prog_col) if name else None)
        if amount is not None:
            prog.anggaran = parse_money(amount.value, amount.number_format)
            prog.anggaran_cell = amount
        if real_col:
            rc = grid.cell(r, real_col)
            if rc is not None:
                prog.realisasi_anggaran = parse_money(rc.value, rc.number_format)
                prog.realisasi_cell = rc
        if not name:
            doc.amounts_unpaired.append(amount)
        elif amount is None:
            doc.programs_unpaired.append(prog)
        else:
            doc.programs.append(prog)


def _programs_in_lists(grid, doc, hr, stop) -> None:
    """PROGRAM, its names one per row; then ANGGARAN, its amounts one per row, in the same order."""
    from .values import parse_money

    names: list[tuple[int, int, str]] = []
    amounts: list[Cell] = []
    mode = "names"
    blank = 0
    for r in range(hr + 1, stop):
        if _is_block_stop(grid, r):
            break
        cells = grid.row_texts(r)
        if not cells:
            blank += 1
            if blank >= 3 and (amounts or (names and blank >= 4)):
                break
            continue
        blank = 0
        c, v = cells[0]
        t = norm(v)
        if _ANGGARAN_HDR.match(t):
            mode = "amounts"
            continue
        if mode == "names":
            if isinstance(v, str):
                names.append((r, c, _SPACES.sub(" ", v.strip())))
        else:
            if _TOTAL.match(t):
                break
            cell = grid.cell(r, c)
            if cell is not None:
                amounts.append(cell)
    for i, (nr, nc, name) in enumerate(names):
        prog = Program(grid.sheet, nr, name, coord(nr, nc))
        if i < len(amounts):
            prog.anggaran = parse_money(amounts[i].value, amounts[i].number_format)
            prog.anggaran_cell = amounts[i]
            doc.programs.append(prog)
        else:
            doc.programs_unpaired.append(prog)
    doc.amounts_unpaired.extend(amounts[len(names):])


# ---------------------------------------------------------------------------------------------- signature


def _is_pangkat_line(text: str) -> bool:
    from .values import parse_pangkat

    if _PANGKAT_WORD.match(text):
        return True
    p = parse_pangkat(text)
    return p is not None and bool(p.pangkat or p.golongan) and "," not in text.split("(")[0]


_PANGKAT_WORD = re.compile(r"^\s*(pangkat|gol\.?|golongan)\b", re.I)


def nip_text(v: Any) -> str:
    """A NIP cell as text. A NIP typed as a number kept only Excel's 15 significant digits: shown as those
    digits padded with zeros (what the cell now holds), for the NIP rule to report."""
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, float) and v.is_integer() or isinstance(v, int):
        digits = ("%.15g" % float(v)) if abs(v) >= 1e15 else str(int(v))
        if "e" in digits:
            mant, exp = digits.split("e")
            whole = mant.replace(".", "")
            digits = whole + "0" * (int(exp) + 1 - len(whole))
        return digits
    return _text(v)


def _read_signature(grid: _Grid, doc: Document, start: int, stop: int) -> None:
    from .values import find_date, parse_date, parse_pangkat

    nip_pos = None
    date_pos = None
    for r in grid.rows_from(start):
        if r >= stop:
            break
        for c, v in grid.row_texts(r):
            if not isinstance(v, str):
                continue
            if date_pos is None and _SIGN_DATE.match(v):
                date_pos = (r, c)
            elif _NIP.match(v) and nip_pos is None:
                nip_pos = (r, c)
        if nip_pos and r > nip_pos[0] + 2:
            break
    if date_pos is None and nip_pos is None:
        return
    sig = Signature(sheet=grid.sheet)
    if date_pos:
        dcell = grid.cell(*date_pos)
        sig.date_cell = dcell
        text = _text(dcell.value)
        sig.place = text.split(",")[0].strip() or None
        sig.date = find_date(text) or parse_date(text.split(",", 1)[-1].strip())
    col = nip_pos[1] if nip_pos else date_pos[1]
    if date_pos:
        top = date_pos[0] + 1
    else:
        top = max(start, nip_pos[0] - 8)
    bottom = nip_pos[0] if nip_pos else min(top + 10, stop)
    lines = []
    for r in range(top, bottom):
        found = next(((cc, x) for cc, x in grid.row_texts(r) if abs(cc - col) <= 1 and isinstance(x, str)), None)
        if found:
            lines.append((r, found[0], _text(found[1])))
    if len(lines) > 1 and _is_pangkat_line(lines[-1][2]):
        pr, pc, ptext = lines.pop()  # name, pangkat, NIP: the line above the NIP is the pangkat
        p = parse_pangkat(ptext)
        sig.pangkat, sig.golongan, sig.pangkat_cell = p.pangkat, p.golongan, grid.cell(pr, pc)
    if lines:
        nr, nc, name = lines[-1]
        sig.name = name
        sig.name_cell = grid.cell(nr, nc)
        if len(lines) > 1:
            sig.position = " ".join(t for _, _, t in lines[:-1])
    if nip_pos:
        ncell = grid.cell(*nip_pos)
        written = _NIP.sub("", _text(ncell.value)).strip()
        if not written:
            # "NIP." in one cell, the NIP in the next one (often typed as a number)
            beside = next(((c, v) for c, v in grid.row_texts(nip_pos[0])
                           if nip_pos[1] < c <= nip_pos[1] + 4 and not _DASH.match(_text(v).strip(":= "))), None)
            if beside is not None:
                ncell = grid.cell(nip_pos[0], beside[0])
                written = nip_text(ncell.value)
        sig.nip_cell = ncell
        digits = re.sub(r"\D", "", written)
        # 18 digits however grouped; anything else is kept as written for the NIP rule to report
        sig.nip = digits if digits and re.fullmatch(r"[\d\s.\-]+", written) else (written or None)
        for r in range(nip_pos[0] + 1, min(nip_pos[0] + 3, stop) if sig.pangkat_cell is None else 0):
            for c, v in grid.row_texts(r):
                if isinstance(v, str) and abs(c - col) <= 2:
                    p = parse_pangkat(v)
                    if p is not None and (p.pangkat or p.golongan):
                        sig.pangkat, sig.golongan = p.pangkat, p.golongan
                        sig.pangkat_cell = grid.cell(r, c)
                        break
            if sig.pangkat_cell:
                break
    if doc.signature is None:
        doc.signature = sig
