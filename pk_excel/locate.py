"""Finding the PK table(s) in a workbook: where each header is (`header` reads it), the rows under it (`rows`
says what each is), and what stands around it (`blocks`: title, PROGRAM/ANGGARAN, signature).

The reader records what it sees (cells with coordinates, shifts, carried sasaran); it makes no findings.
Values are parsed later, in `measure`; here only enough is recognised to follow the layout.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING, Any

from . import texts
from .blocks import read_programs, read_signature, read_title, title_year
from .choose import resolve
from .grid import SPACES, CellPlan, Grid, blank, cell_text, grid_from_data, one_space
from .header import (
    HEADER_HINT,
    HEADER_WORDS,
    Band,
    column_number,
    is_column_number_row,
    is_header,
    read_band,
    role_of,
)
from .model import Document, Group, Indicator, Level, PkError, Table
from .rows import (
    DASH,
    NUMERIC_ROLES,
    SUB_ITEM,
    PlainRows,
    caption_sasaran,
    cell_kind,
    forget_cell_kinds,
    has_values,
    is_continuation,
    is_end_row,
    is_note_row,
    marked_rows,
    name_text,
    next_is_sub_item,
    numbered_heading,
    renja_level,
    row_shift,
    section_level,
    summary_row,
    values_follow,
)  # fmt: skip

if TYPE_CHECKING:
    from .config import Options
    from .workbook import Book

MAX_HEADER_COLS = 60


def header_role(text: Any) -> str | None:
    """The role a header text names ('Target 2024' -> 'target'); see `header.role_of`."""
    return role_of(text)


def read_document(book: Book, options: Options | None = None) -> Document:
    """Read every PK table of the workbook. Raises PkError('no-table') when there is none, PkError('too-large')
    past `options.limits.max_cells`.

    `options.config` may name the reporting year and columns (`[tabel]` in pk-excel.toml)."""
    from .config import Options as _Options
    from .marks import read_marks_data

    options = options or _Options()
    limits, config = options.limits, options.config
    data = book.data  # one model for every format (workbook.open_book)
    assert data is not None, "open_book reads every format into Book.data"
    marks = read_marks_data(data)
    doc = Document(path=str(book.path), sheets=[sd.title for sd in data.sheets])
    total_cells = 0
    # hidden sheets (last year's copy, a helper) are read only when no visible sheet holds a table
    visible = [sd for sd in data.sheets if sd.state == "visible"]
    hidden = [sd for sd in data.sheets if sd.state == "hidden"]
    for sheet in visible + hidden:
        if sheet.title in marks.sheets or (sheet.state == "hidden" and doc.tables):
            continue
        added = marks.columns.get(sheet.title)
        skip = added[0] if added else None
        grid = grid_from_data(sheet, limits, skip)
        total_cells += grid.n_cells
        if total_cells > limits.max_cells:
            raise PkError(
                "too-large", *texts.SHEETS_TOO_LARGE.format(name=book.path.name, cells=f"{limits.max_cells:,}"),
                path=str(book.path),
            )
        _read_sheet(grid, doc, config)
        grid.forget_texts()  # the per-row lists served locating; the model keeps only the cells it took
    forget_cell_kinds()
    if not doc.tables:
        if data.missing_sheets:  # the table may be on a sheet the damaged package lost: not the user's headers
            from .refusals import corrupt

            detail = texts.CORRUPT_SHEET_PART_MISSING.format(names=", ".join(f"'{t}'" for t in data.missing_sheets[:3]))
            raise corrupt(book.path, *detail)
        raise PkError("no-table", *texts.NO_TABLE.format(name=book.path.name), path=str(book.path))
    return doc


# ---------------------------------------------------------------------------------------------- header


# The anchored half of HEADER_HINT, for lower-cased ASCII text.
_HEADER_START = re.compile(rf"\s*(?:{'|'.join(HEADER_WORDS)})")


def _maybe_header_row(grid: Grid, r: int) -> bool:
    """Cheap test before reading a band (it runs on every row): the row names an indicator column, or a
    program/kegiatan column of a form whose next rows name a target or realisasi."""
    cells = grid.row_texts(r)
    if len(cells) < 2:
        return False
    program = False
    for _, v in cells[:MAX_HEADER_COLS]:
        if type(v) is not str or len(v) > 200:
            continue
        if v.isascii():  # the same test without scanning the alternation at every position
            low = v.lower()
            if "indikator" not in low and "indicator" not in low and _HEADER_START.match(low) is None:
                continue
        elif HEADER_HINT.search(v) is None:
            continue
        role = role_of(v)
        if role == "indikator":
            return True
        program = program or (role == "program" and len(v) <= 80)
    if not program:
        return False
    return any(
        isinstance(v, str) and len(v) <= 200 and role_of(v) in ("target", "realisasi", "capaian")
        for rr in (r, r + 1, r + 2)
        for _, v in grid.row_texts(rr)[:MAX_HEADER_COLS]
    )


def _find_header(grid: Grid, r: int) -> Band | None:
    band = read_band(grid, r, MAX_HEADER_COLS)
    return band if band is not None and is_header(band) else None


# ---------------------------------------------------------------------------------------------- sheet


def _read_sheet(grid: Grid, doc: Document, config=None) -> None:
    marked = marked_rows(grid)  # the only rows that can be a header or end a table
    marked_set = set(marked)
    r = _next_header_row(grid, 1, marked)
    title_from = 1
    while r <= grid.n_rows:
        band = _find_header(grid, r)
        assert band is not None
        if doc.title is None:
            read_title(grid, doc, title_from, band.rows[0] - 1)
        # each sheet's own title names its year (sheets "PK 2023" and "PK 2024" in one workbook)
        own_year = title_year(grid, title_from, band.rows[0] - 1) if title_from < band.rows[0] else None
        table = _table_from_band(grid, band, doc, config, own_year)
        table_index = len(doc.tables)
        end = _read_rows(grid, table, table_index, doc, marked_set)
        doc.tables.append(table)
        tail_end = _next_header_row(grid, end + 1, marked)
        read_programs(grid, doc, end + 1, tail_end)
        read_signature(grid, doc, end + 1, tail_end)
        title_from = end + 1
        r = tail_end


def _table_from_band(grid: Grid, band: Band, doc: Document, config, own_year: int | None = None) -> Table:
    """The columns of the reporting year, chosen from the band (choose.resolve)."""
    first = band.last_row + 1

    def has_data(col: int) -> bool:
        return any(not blank(grid.get(rr, col)) for rr in grid.rows_from(first)[:200])

    year = (config.year if config is not None else None) or own_year or doc.year
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
        title_year=own_year,
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
    by_number: dict[int, int] = {}
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


def _next_header_row(grid: Grid, start: int, marked: list[int]) -> int:
    """The first row from `start` on that begins a header band (only `marked` rows can, see rows.marked_rows)."""
    for r in marked[bisect_left(marked, start):]:
        if _maybe_header_row(grid, r) and _find_header(grid, r):
            return r
    return grid.n_rows + 1


def _table_goes_on(grid: Grid, start: int, table: Table, marked: set[int]) -> bool:
    """After a run of blank rows: does the next non-blank row still belong to the table?"""
    for r in range(start, min(start + 30, grid.n_rows + 1)):
        if grid.row_texts(r):
            if r in marked and (is_end_row(grid, r, table) or (_maybe_header_row(grid, r) and _find_header(grid, r))):
                return False
            if section_level(grid, r, table):
                return True
            ind = cell_text(grid.get(r, table.columns["indikator"]))
            return bool(ind) and cell_kind(ind) == "text" and has_values(grid, r, table)
    return False


def _read_rows(grid: Grid, table: Table, table_index: int, doc: Document, marked: set[int]) -> int:
    cols = table.columns
    level: Level | None = None
    default_sasaran = caption_sasaran(grid, table)
    sasaran: str | None = default_sasaran
    program: str | None = None
    parent: str | None = None  # "Jumlah rumusan kebijakan bidang:" over its sub-items "a. ...", "b. ..."
    blank_run = 0
    last = table.first_row - 1
    skip_to = 0
    shared: dict[str, str] = {}
    sasaran_of: dict[str, str] = {}  # a sasaran cell's text -> the sasaran (white space folded), shared
    cells_where: dict[int, tuple[CellPlan[str], CellPlan[int]]] = {}  # by shift
    plain_rows = PlainRows(grid, table, marked)
    plain_sas_col = cols.get("sasaran")
    for r in range(table.first_row, grid.n_rows + 1):
        if r <= skip_to:
            continue
        plain = plain_rows.read(r)
        if plain is not None:
            # most rows: an indicator row that every test below would pass (rows.PlainRows)
            indikator, sas_text = plain
            shift, has_value, sas_col = 0, True, plain_sas_col
        else:
            if r in marked and _maybe_header_row(grid, r):  # (only a marked row can be a header or an end row)
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
                summary = summary_row(grid, r, table, "") if any(
                    (r, cols[role]) in grid.formulas for role in NUMERIC_ROLES if role in cols) else None
                if summary is not None:
                    table.summaries.append(summary)
                    blank_run, last = 0, r
                    continue
                blank_run += 1
                if blank_run >= 4 and not _table_goes_on(grid, r + 1, table, marked):
                    break
                continue
            if r in marked and is_end_row(grid, r, table):
                break
            if is_column_number_row(grid, r):
                last = r
                continue
            section = section_level(grid, r, table)
            if section is not None:
                level, sasaran = section[0] or level, section[1]
                sasaran = sasaran or default_sasaran
                blank_run, last, parent = 0, r, None
                if section[0] is not None:
                    table.sections.append((r, section[0]))
                continue
            shift = row_shift(grid, r, table)
            indikator = name_text(grid, r, table, shift)
            summary = summary_row(grid, r, table, indikator)
            if summary is not None:
                table.summaries.append(summary)
                blank_run, last, parent = 0, r, None
                continue
            has_value = any(not blank(grid.get(r, cols[role] + shift)) for role in NUMERIC_ROLES if role in cols)
            sas_col = cols["sasaran"] + shift if "sasaran" in cols else None
            sas_text = cell_text(grid.get_merged(r, sas_col)) if sas_col else ""
            renja = renja_level(grid, r, table, shift)
            if renja is not None:
                program, level = renja
                table.groups.append(Group(grid.sheet, r, level, program, {
                    k: cell for k, c in table.extra_columns.items() if k.endswith("_rp")
                    and (cell := grid.cell(r, c + shift)) is not None}))
                if not indikator or DASH.match(indikator):
                    blank_run, last, parent = 0, r, None  # an urusan / program / kegiatan line without indicator
                    continue
            if indikator and not has_value and is_note_row(grid, r, table, indikator):
                blank_run += 1  # "Faktor pendorong ...", a note across the table: neither indicator nor heading
                continue
            opens_items = bool(indikator) and not has_value and not SUB_ITEM.match(indikator) and (
                indikator.rstrip().endswith(":") or next_is_sub_item(grid, r, table, shift))
            if indikator and not has_value and (
                opens_items or numbered_heading(grid, r, table, shift, indikator) and values_follow(grid, r, table, shift)
            ):
                # a heading over sub-items, or a numbered section ("2.1. UKM Esensial"): not an indicator
                parent = SPACES.sub(" ", indikator.strip()) if opens_items else None
                if sas_text:
                    sasaran = SPACES.sub(" ", sas_text)
                blank_run, last = 0, r
                continue
        item_of = None
        if parent and indikator and SUB_ITEM.match(indikator):
            indikator = f"{parent}{' ' if parent.endswith(':') else ': '}{indikator.strip()}"
            item_of = parent
        elif indikator:
            parent = None
        if plain is None:  # (a plain row's name is a text, with values beside it)
            if (
                indikator
                and not has_value
                and doc.indicators
                and doc.indicators[-1].row == r - 1
                and doc.indicators[-1].table == table_index
                and is_continuation(grid, r, table, shift)
            ):
                prev = doc.indicators[-1]  # the indicator's name wrapped onto a second row
                prev.indikator = f"{prev.indikator} {SPACES.sub(' ', indikator)}"
                last = r
                continue
            if not indikator or cell_kind(indikator) == "num":
                if sas_text and not has_value:
                    sasaran, blank_run, last = sas_text, 0, r  # a sasaran heading above its indicators
                    continue
                if not any(not blank(grid.get(r, cols[role] + shift)) for role in ("target", "realisasi") if role in cols):
                    blank_run += 1  # a note or a subtotal label between rows ends nothing by itself
                    if blank_run >= 4:
                        break
                    continue
        blank_run = 0
        carried = False
        if sas_text and sas_col is not None:
            top = grid.merged_top.get((r, sas_col)) if grid.merged_top else None
            carried = top is not None and top[0] != r
            sasaran = sasaran_of.get(sas_text)
            if sasaran is None:
                folded = one_space(sas_text)
                sasaran = sasaran_of[sas_text] = shared.setdefault(folded, folded)  # one string per sasaran
        elif sas_col:
            carried = sasaran is not None
        where = cells_where.get(shift)
        if where is None:
            where = cells_where[shift] = _cells_where(table, shift)
        ind = Indicator(
            sheet=grid.sheet,
            row=r,
            table=table_index,
            level=level,
            sasaran=sasaran,
            indikator=one_space(indikator),
            sasaran_carried=carried,
            shift=shift,
            program=program,
            parent=item_of,
            cells=grid.cells(r, where[0]),
        )
        if table.periods:
            ind.periods = [grid.cell(r, c + shift) for c in table.periods]
        if where[1].places:
            ind.numbered = grid.cells(r, where[1])
        ind.no = ind.cells.get("no")
        if "satuan" in cols:
            ind.satuan = cell_text(grid.get(r, cols["satuan"] + shift)) or None
        before = doc.indicators[-1] if doc.indicators else None
        if (
            before is not None and before.row == r - 1 and before.table == table_index and has_value
            and ind.no is None and indikator[:1].islower()
            and not any(role in before.cells for role in NUMERIC_ROLES)
        ):
            # the name wrapped with its values on the second row ("... administrasi keuangan" / "ber-SOP | 60")
            doc.indicators.pop()
            ind.indikator = f"{before.indikator} {ind.indikator}"
            ind.no = before.no
            for role in ("no", "sasaran"):
                if role in before.cells and role not in ind.cells:
                    ind.cells[role] = before.cells[role]
            ind.sasaran, ind.sasaran_carried = before.sasaran, before.sasaran_carried
        doc.indicators.append(ind)
        last = r
    table.last_row = last
    return last


def _cells_where(table: Table, shift: int) -> tuple[CellPlan[str], CellPlan[int]]:
    """Where an indicator row `shift` columns off the header has its cells: (role, column) of every column the
    table took, and (header column, column) of those the column-number row's arithmetic names."""
    roles = CellPlan((role, c + shift) for role, c in (*table.columns.items(), *table.extra_columns.items())
                     if not (role == "no" and shift < 0))  # the NO cell was lost with a shift left
    return roles, CellPlan((c, c + shift) for c in table.formula_columns)


# ---------------------------------------------------------------------------------------------- programs


# ---------------------------------------------------------------------------------------------- signature


