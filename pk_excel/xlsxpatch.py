"""The validated copy written by patching the input's own package, part by part.

openpyxl rebuilds a workbook from its object model when it saves: slow on large sheets, and it drops what it
does not model (pictures without Pillow, shapes, charts, sparklines, slicers, extensions). This writer copies
every part of the input as it is and changes only what pk-excel adds:

- `xl/styles.xml`: new fills, fonts and cell formats appended (existing indices never move);
- each annotated sheet: the `s` attribute of marked cells, the added columns' cells (inline strings, so
  nothing is added to the shared strings and text is never a formula), their widths, merges, and a
  `legacyDrawing` for the notes (comments part and VML, merged with the user's own notes);
- new sheets Temuan, Ringkasan (with its chart) and the very hidden marks sheet, listed in `workbook.xml`,
  its relationships and `[Content_Types].xml`; the `pk-excel` custom document property.

The package is edited as text, in schema order (`package`, `styles`, `sheetpatch`, `notes`, `drawings`,
`workbookxml`); what the copy says comes from `marking` and `summary`. What is written is recorded in
`Marks`; a later run takes it away again in place (`unmark.strip_package`) before marking anew, so the second
run writes the same package.
"""

from __future__ import annotations

import functools
import html
import re
import zipfile
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cellref import MergedIndex, col_letter, split
from .drawings import chart_xml, drawing_xml
from .marking import (
    ADDED_COLUMNS,
    ADDED_WIDTHS,
    FILL_COLOUR,
    HEADER_FILL,
    LEGEND,
    NUMBER_ROW,
    indicator_rows,
    note_text,
    print_area,
    quote_sheet,
)
from .marks import ADDED_SHEETS, MARK_PROPERTY, MARKS_MAGIC, MARKS_SHEET, Marks, read_marks_data
from .model import Document, FileReport, Finding, Table
from .notes import write_notes
from .package import CT_CHART, CT_DRAWING, NS_MAIN, NS_R, REL_CHART, REL_DRAWING, Package
from .severity import SEVERITIES, SEVERITY_RANK, Severity
from .sheetpatch import CellStyle, SheetEdits, patch_sheet
from .styles import Styles, font_variant, recorded_fill, solid_fill
from .summary import (
    RINGKASAN_WIDTHS,
    TEMUAN_HEADERS,
    TEMUAN_WIDTHS,
    chart_layout,
    chart_plan,
    chart_row,
    page_breaks,
    ringkasan_lines,
    row_height,
    temuan_values,
    version,
    wide_height,
)
from .unmark import strip_package
from .workbookxml import MadeRow, NewSheet, Workbook, add_custom_property, unique_title
from .xmltext import attrs, text_xml

if TYPE_CHECKING:  # pragma: no cover
    from .bookdata import SheetData
    from .workbook import Book

# --- annotating ---------------------------------------------------------------------------------------------


def write_patched(book: Book, report: FileReport, save: Callable[[Callable[[str], None]], None], lang: str,
                  predikat: tuple[tuple[float, str], ...], *, source: Path | None = None,
                  warnings: list[str] | None = None) -> list[str]:  # fmt: skip
    """Write the validated copy of `book` (an .xlsx/.xlsm read by `xlsxread`) through `save`, which calls its
    argument with a temporary path and moves the result into place. `source`: the file the copy stands for
    when `book` is an .xls/.ods made .xlsx (default `book.path`); `warnings`: what that conversion left
    behind, listed on Ringkasan. Both are recorded in the marks, so that checking the copy again writes the
    same Ringkasan (and the same package). Returns the fidelity warnings of the patch itself: none, since every part of
    the input is kept. Raises PkError("corrupt") for a damaged part pk-excel has to edit."""
    data = book.data
    assert data is not None, "write_patched needs the workbook read by xlsxread"
    doc = report.document
    findings = sorted(report.findings, key=Finding.sort_key)
    with zipfile.ZipFile(book.path) as zf:
        pkg = Package(zf)
        wbk = Workbook(pkg)
        sheets = {s.title: s for s in data.sheets}
        styles_part = pkg.rel_part(wbk.part, "/styles") or "xl/styles.xml"
        if pkg.has(styles_part):
            styles = Styles(pkg.text(styles_part))
        else:
            styles = Styles(f'<styleSheet xmlns="{NS_MAIN}"></styleSheet>')
            pkg.put(styles_part, "")
            pkg.add_override(styles_part, "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml")
            pkg.add_rel(wbk.part, NS_R + "/styles", styles_part)
        marks = Marks(is_output=True, version=version())
        edits: dict[str, SheetEdits] = defaultdict(SheetEdits)
        old = read_marks_data(data)
        if old.is_output:
            strip_package(pkg, wbk, old, styles, edits, sheets)
        # Before any part is added: a second run, which keeps this property, then lists the parts it adds in
        # [Content_Types].xml in the same order as the first.
        add_custom_property(pkg, MARK_PROPERTY, marks.version or "0")
        fill_ids = {sev: styles.add_fill(solid_fill(colour)) for sev, colour in FILL_COLOUR.items()}
        font0 = styles.font0()
        bold_font = styles.add_font(font_variant(font0, bold=True))
        anchors = {title: MergedIndex(s.merged) for title, s in sheets.items()}

        # Marked cells and their notes.
        by_cell: dict[tuple[str, tuple[int, int]], list[Finding]] = defaultdict(list)
        for f in findings:
            if not f.sheet or not f.cell or f.sheet not in sheets:
                continue
            try:
                r, c = split(f.cell.split(":", 1)[0])
            except ValueError:
                continue
            target = anchors[f.sheet].target(r, c)
            if target is not None:
                by_cell[(f.sheet, target)].append(f)
        notes: dict[str, dict[tuple[int, int], str]] = defaultdict(dict)
        for (sheet, (r, c)), group in by_cell.items():
            worst = min(group, key=lambda f: SEVERITY_RANK[f.severity]).severity
            coord = f"{col_letter(c)}{r}"
            rec: dict[str, Any] = {"fill": None, "ours": recorded_fill(FILL_COLOUR[worst])}
            marks.cells.setdefault(sheet, {})[coord] = rec

            def restyle(s: int, rec: dict = rec, fill: int = fill_ids[worst], before: Any = None) -> int:
                if before is not None:
                    s = before(s)  # the format pk-excel's earlier mark took away
                rec["fill"] = styles.fill_xml(s)
                return styles.derive(s, fillId=fill)

            edits[sheet].restyle[(r, c)] = functools.partial(restyle, before=edits[sheet].restyle.get((r, c)))
            notes[sheet][(r, c)] = note_text(group, lang)

        # The added columns.
        if doc is not None:
            _added_columns(doc, findings, sheets, anchors, edits, styles, marks, lang, bold_font, fill_ids, old)

        _print_areas(wbk, sheets, marks, old)

        # Notes, merged with the user's own.
        for sheet, cells in notes.items():
            write_notes(pkg, sheets[sheet], cells, edits[sheet], marks.cells.get(sheet, {}), wbk)
        del notes, by_cell  # let go before the package is written (the peak of memory): the sheets are held

        for title, ed in edits.items():
            if not ed:
                continue
            part = sheets[title].part
            record: dict[int, float | None] = {}
            pkg.put(part, patch_sheet(pkg.utf8(part), ed, record))
            if ed.widths:
                marks.widths[title] = record
        del edits  # the restyling functions: each patched sheet keeps what it needs

        temuan = unique_title(wbk.titles, ADDED_SHEETS[0])
        _temuan_sheet(pkg, wbk, temuan, findings, sheets, anchors, styles, lang, font0, fill_ids)
        marks.sheets.add(temuan)
        ringkasan = unique_title(wbk.titles, ADDED_SHEETS[1])
        if old.is_output and old.source:  # a second run: the copy still stands for the first input
            shown = book.path.with_name(old.source)
        else:
            shown = source if source is not None else _checked_name(book.path, old.is_output)
        saving = list(warnings) if warnings is not None else old.saving
        marks.source, marks.saving = shown.name, saving
        _ringkasan_sheet(pkg, wbk, ringkasan, shown, doc, findings, styles, lang, predikat, font0,
                         bold_font, fill_ids, saving)  # fmt: skip
        marks.sheets.add(ringkasan)
        _marks_sheet(pkg, wbk, marks)

        pkg.put(styles_part, styles.serialize())
        pkg.put(wbk.part, wbk.serialize())
        save(pkg.write)
    return []


def _marks_sheet(pkg: Package, wbk: Workbook, marks: Marks) -> None:
    """The very hidden sheet holding what this run wrote (`Marks`, as JSON in cells of 30,000 characters)."""
    title = MARKS_SHEET
    n = 2
    while title.lower() in {t.lower() for t in wbk.titles}:
        title = f"{MARKS_SHEET}{n}"
        n += 1
    marks.sheets.add(title)
    ms = NewSheet()
    ms.put(1, 1, MARKS_MAGIC)
    text = marks.to_json()
    for i in range(0, max(len(text), 1), 30_000):
        ms.put(2 + i // 30_000, 1, text[i : i + 30_000])
    part = pkg.free("xl/worksheets/sheet{}.xml")
    pkg.put(part, ms.xml())
    wbk.add_sheet(title, part, "veryHidden")


def _checked_name(path: Path, is_output: bool) -> Path:
    """The workbook a copy stands for: the input, or for pk-excel's own output the file it was the copy of
    (`X.checked.xlsx` -> `X.xlsx`), so that checking the copy again writes the same Ringkasan."""
    from .guard import OUTPUT_SUFFIXES

    name = path.name
    while is_output:
        suffix = next((s for s in OUTPUT_SUFFIXES if name.lower().endswith(s)), None)
        if suffix is None:
            break
        name = name[: -len(suffix)] + suffix[len(".checked") :]
    return path.with_name(name)


MAX_COLUMNS = 16_384  # XFD, the last column of a sheet


def _added_columns(doc: Document, findings: list[Finding], sheets: dict[str, SheetData],
                   anchors: dict[str, MergedIndex], edits: dict[str, SheetEdits], styles: Styles, marks: Marks,
                   lang: str, bold_font: int, fill_ids: dict[Severity, int], old: Marks) -> None:  # fmt: skip
    tables_by_sheet: dict[str, list] = defaultdict(list)
    for t in doc.tables:
        if t.sheet in sheets:
            tables_by_sheet[t.sheet].append(t)
    row_findings: dict[tuple[str, int], list[Finding]] = defaultdict(list)
    for f in findings:
        if f.sheet and f.row:
            row_findings[(f.sheet, f.row)].append(f)
    headers = ADDED_COLUMNS[lang]
    center = '<alignment horizontal="center" vertical="center"{wrap}/>'

    def xf_parts(s: int) -> tuple[dict[str, str], dict[str, str]]:
        return styles.xf(s)

    @functools.cache  # a few distinct formats for thousands of rows
    def row_style(s: int, text: bool) -> int:
        """An added cell of an indicator row, from the format `s` of the row's last table cell: its border,
        font and vertical alignment; numbers as 0.00."""
        a, kids = xf_parts(s)
        vertical = re.search(r'vertical="(\w+)"', kids.get("alignment", ""))
        changes: dict[str, Any] = {
            "borderId": int(a.get("borderId", "0") or 0),
            "fontId": int(a.get("fontId", "0") or 0),
        }
        if vertical:
            changes["alignment"] = f'<alignment vertical="{vertical.group(1)}"/>'
        if not text:
            changes["numFmtId"] = 2  # 0.00
        return styles.derive(0, **changes)

    for sheet, tables in tables_by_sheet.items():
        data = sheets[sheet]
        ed: SheetEdits = edits[sheet]
        # One empty column between the user's content and ours; on a second run, where ours were.
        first = old.columns[sheet][0] if sheet in old.columns else data.max_col + 2
        if first + len(headers) - 1 > MAX_COLUMNS:
            continue  # cells styled out to the last column leave no room: the notes and Temuan say it all

        def value(r: int, c: int, data: SheetData = data) -> Any:
            row = data.values.get(r)
            return row[c - 1] if row is not None and 0 < c <= len(row) else None

        for t in tables:
            rows = list(t.header_rows) or [max(t.first_row - 1, 1)]
            src_col = max(t.columns.values())

            def is_number_row(r: int, t: Table = t) -> bool:
                vals = [value(r, c) for c in t.columns.values()]
                vals = [v for v in vals if v not in (None, "")]
                return bool(vals) and all(NUMBER_ROW.match(str(v).strip()) for v in vals)

            number_rows = [r for r in rows if len(rows) > 1 and is_number_row(r)]
            text_rows = [r for r in rows if r not in number_rows]
            for r in rows:
                anchor = anchors[sheet].top_left(r, src_col) or (r, src_col)
                ed.watch.update({(r, src_col), anchor})

                def header_style(seen: dict, r: int = r, anchor: tuple = anchor, src_col: int = src_col) -> int:
                    src_a, _ = xf_parts(seen.get((r, src_col), 0))
                    anc_a, anc_kids = xf_parts(seen.get(anchor, 0))
                    wrap = 'wrapText="1"' in anc_kids.get("alignment", "") or 'wrapText="true"' in anc_kids.get(
                        "alignment", ""
                    )
                    return styles.derive(
                        0,
                        fontId=int(anc_a.get("fontId", "0") or 0),
                        fillId=int(anc_a.get("fillId", "0") or 0),
                        borderId=int(src_a.get("borderId", "0") or 0),
                        alignment=center.format(wrap=' wrapText="1"' if wrap else ""),
                    )

                for i in range(len(headers)):
                    ed.cells[(r, first + i)] = (None, header_style)
            for i, text in enumerate(headers):
                style = ed.cells[(text_rows[0], first + i)][1]
                ed.cells[(text_rows[0], first + i)] = (text, style)
                if len(text_rows) > 1 and text_rows[-1] - text_rows[0] == len(text_rows) - 1:
                    letter = col_letter(first + i)
                    ed.merges.append(f"{letter}{text_rows[0]}:{letter}{text_rows[-1]}")
            for r in number_rows:
                last = value(r, src_col)
                m = NUMBER_ROW.match(str(last).strip()) if last is not None else None
                if not m:
                    continue
                n = int(m.group(1))
                for i in range(len(headers)):
                    style = ed.cells[(r, first + i)][1]
                    if isinstance(last, (int, float)):
                        ed.cells[(r, first + i)] = (n + 1 + i, style)
                    else:
                        paren = str(last).strip().startswith("(")
                        ed.cells[(r, first + i)] = (f"({n + 1 + i})" if paren else str(n + 1 + i), style)

        inds = [ind for ind in doc.indicators if ind.sheet == sheet]
        found = [row_findings.get((sheet, ind.row)) or [] for ind in inds]
        ed.blocks.update(zip([ind.row for ind in inds], indicator_rows(inds, found, lang)))
        ed.block_first, ed.block_style = first, row_style
        ed.block_source = functools.partial(_source_column, [(t.first_row, t.last_row, max(t.columns.values())) for t in tables])

        legend_row = max(t.last_row for t in tables) + 2
        title_xf = styles.derive(0, fontId=bold_font)
        ed.cells[(legend_row, first)] = (LEGEND[lang]["title"], _fixed(title_xf))
        for i, sev in enumerate(SEVERITIES, start=1):
            ed.cells[(legend_row + i, first)] = (LEGEND[lang][sev], _fixed(styles.derive(0, fillId=fill_ids[sev])))
        for i, width in enumerate(ADDED_WIDTHS):
            ed.widths[first + i] = width
        marks.columns[sheet] = (first, first + len(headers) - 1)


def _source_column(spans: list[tuple[int, int, int]], row: int) -> int:
    """The column an indicator row's added cells take their look from: the last of its table (first row,
    last row, last column), or of the first table for a row outside them all."""
    if len(spans) == 1:
        return spans[0][2]
    return next((c for lo, hi, c in spans if lo <= row <= hi), spans[0][2])


def _fixed(xf: int) -> CellStyle:
    """An added cell's format that does not depend on what the sheet holds."""
    return lambda _seen: xf


def _print_areas(wbk: Workbook, sheets: dict, marks: Marks, old: Marks) -> None:
    """A sheet that got pk-excel's columns and has no print area of the user's gets one without them, so
    it prints as the user set it (an earlier run's area is replaced, the user's own is left alone)."""
    names = list(re.finditer(r"<(?:\w+:)?definedName\b([^>]*)>(.*?)</(?:\w+:)?definedName>", wbk.xml, re.S))
    for title, (first, _) in marks.columns.items():
        if title not in wbk.titles:
            continue
        index = str(wbk.titles.index(title))
        data = sheets[title]
        # the last row holding a value left of the added columns, looked for from the bottom
        user_row = next((r for r in sorted(data.values, reverse=True)
                         if any(v is not None for v in data.values[r][: first - 1])), 1)  # fmt: skip
        area = print_area(title, first - 2, max([user_row, *(m[2] for m in data.merged if m[1] < first), 1]))
        m = next(
            (m for m in names
             if attrs(m.group(1)).get("name") == "_xlnm.Print_Area" and attrs(m.group(1)).get("localSheetId") == index),
            None,
        )  # fmt: skip
        if m is None:
            wbk.define("_xlnm.Print_Area", int(index), area)
        elif html.unescape(m.group(2)) == old.print_areas.get(title):
            wbk.xml = wbk.xml[: m.start(2)] + text_xml(area) + wbk.xml[m.end(2) :]
        else:
            continue  # the user's own print area
        marks.print_areas[title] = area


def _temuan_sheet(pkg: Package, wbk: Workbook, title: str, findings: list[Finding], sheets: dict,
                  anchors: dict, styles: Styles, lang: str, font0: str, fill_ids: dict) -> None:  # fmt: skip
    ns = NewSheet()
    wrap = '<alignment vertical="top" wrapText="1"/>'
    head_xf = styles.derive(
        0,
        fontId=styles.add_font(font_variant(font0, bold=True, color="FFFFFF")),
        fillId=styles.add_fill(solid_fill(HEADER_FILL)),
        alignment='<alignment vertical="center" wrapText="1"/>',
    )
    wrap_xf = styles.derive(0, alignment=wrap)
    link_xf = styles.derive(
        0, fontId=styles.add_font(font_variant(font0, color="0563C1", underline=True)), alignment=wrap
    )
    sev_xf = {sev: styles.derive(0, fillId=fid, alignment=wrap) for sev, fid in fill_ids.items()}
    headers = TEMUAN_HEADERS[lang]
    for i, text in enumerate(headers, start=1):
        ns.put(1, i, text, head_xf)
        ns.widths[i] = TEMUAN_WIDTHS[i - 1]
    wrapped: dict[tuple[str, float], int] = {}

    def finding_row(i: int) -> MadeRow:
        """The row of finding i (0-based): made when the part is written, so a long Temuan is never held."""
        f = findings[i]
        target = None
        if f.sheet in sheets and f.cell:
            try:
                r, c = split(f.cell.split(":", 1)[0])
                hit = anchors[f.sheet].target(r, c) or (r, c)
                target = f"{col_letter(hit[1])}{hit[0]}"
            except ValueError:
                target = None
        values = temuan_values(i + 1, f, lang)
        cells = [(value, wrap_xf) for value in values]
        cells[1] = (values[1], sev_xf[f.severity])
        link = None
        if target is not None:
            cells[3] = (values[3], link_xf)
            link = (f"D{i + 2}", f"{quote_sheet(f.sheet or '')}!{target}", str(f.cell))
        return row_height(values, TEMUAN_WIDTHS, wrapped), cells, link

    ns.make_rows(2, len(findings), len(headers), finding_row)
    ns.freeze_row = 1
    last = f"{col_letter(len(headers))}{len(findings) + 1}"
    ns.autofilter = f"A1:{last}"
    ns.landscape = True
    part = pkg.free("xl/worksheets/sheet{}.xml")
    pkg.put(part, ns)
    index = wbk.add_sheet(title, part)
    wbk.define("_xlnm._FilterDatabase", index, f"{quote_sheet(title)}!$A$1:${col_letter(len(headers))}${len(findings) + 1}", hidden=True)
    wbk.define("_xlnm.Print_Titles", index, f"{quote_sheet(title)}!$1:$1")


def _ringkasan_sheet(pkg: Package, wbk: Workbook, title: str, input_path: Path, doc: Document | None,
                     findings: list[Finding], styles: Styles, lang: str, predikat: tuple[tuple[float, str], ...],
                     font0: str, bold_font: int, fill_ids: dict[Severity, int], warnings: list[str]) -> None:  # fmt: skip
    ns = NewSheet()
    ns.widths[1], ns.widths[2] = RINGKASAN_WIDTHS
    title_xf = styles.derive(0, fontId=styles.add_font(font_variant(font0, bold=True, size=14)))
    bold_xf = styles.derive(0, fontId=bold_font)
    value_align = '<alignment horizontal="left" vertical="top" wrapText="1"/>'
    wide_xf = styles.derive(0, alignment='<alignment vertical="top" wrapText="1"/>')
    fmt_ids = {"0.00": 2, "#,##0": 3}
    lines = ringkasan_lines(input_path, doc, findings, warnings, lang)
    ns.row_breaks.extend(page_breaks(lines))
    for row, line in enumerate(lines, start=1):
        if line.kind == "blank":
            continue
        xf = 0
        if line.kind == "title":
            xf = title_xf
        elif line.kind == "heading":
            xf = bold_xf
        elif line.kind == "wide":
            xf = wide_xf
            ns.merges.append(f"A{row}:B{row}")
            ns.heights[row] = wide_height(line.label)
        if line.fill:
            xf = styles.derive(xf, fillId=fill_ids[line.fill])
        ns.put(row, 1, line.label, xf)
        if line.value is not None:
            changes: dict[str, Any] = {"alignment": value_align}
            if line.fmt and not isinstance(line.value, str) and line.fmt in fmt_ids:
                changes["numFmtId"] = fmt_ids[line.fmt]
            ns.put(row, 2, line.value, styles.derive(0, **changes))
    ns.landscape = True
    plan = chart_plan(doc.indicators if doc else [], lang, predikat)
    part = pkg.free("xl/worksheets/sheet{}.xml")
    if plan is not None:
        title_row, note_row, head = chart_layout(plan, len(lines) + 2)
        ns.put(title_row, 1, plan.title, bold_xf)
        if note_row is not None and plan.note:
            ns.put(note_row, 1, plan.note, wide_xf)
            ns.merges.append(f"A{note_row}:B{note_row}")
            ns.heights[note_row] = wide_height(plan.note)
        for col, text in enumerate(plan.header, 1):
            ns.put(head, col, text, bold_xf)
        num_xf = styles.derive(0, numFmtId=2, alignment='<alignment vertical="top"/>')
        for i, values in enumerate(plan.rows, start=1):
            for col, value in enumerate(values, start=1):
                ns.put(head + i, col, value, num_xf if plan.kind == "indicator" and col == 2 else wide_xf)
            ns.heights[head + i] = row_height(values[:1], RINGKASAN_WIDTHS[:1])
        at = chart_row(plan, head)
        ns.row_breaks.append(at - 1)
        drawing = pkg.free("xl/drawings/drawing{}.xml")
        chart = pkg.free("xl/charts/chart{}.xml")
        pkg.put(chart, chart_xml(plan, title, head))
        pkg.add_override(chart, CT_CHART)
        pkg.put(drawing, "")
        chart_rid = pkg.add_rel(drawing, REL_CHART, chart)
        pkg.put(drawing, drawing_xml(chart_rid, 0, at - 1, plan.width_cm, plan.height_cm))
        pkg.add_override(drawing, CT_DRAWING)
        ns.drawing_rid = pkg.add_rel(part, REL_DRAWING, drawing)
    pkg.put(part, ns.xml())
    wbk.add_sheet(title, part)
