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

The package is edited with `ooxml` (as text, in schema order). What is written is recorded in the same
`Marks` as the openpyxl writer records; a later run takes it away again in place (`strip_package`).
"""

from __future__ import annotations

import functools
import html
import re
import zipfile
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .cellref import MergedIndex, col_letter, split
from .marks import ADDED_SHEETS, MARK_PROPERTY, MARKS_MAGIC, MARKS_SHEET, NOTE_AUTHOR, Marks
from .model import SEVERITY_RANK, FileReport, Finding
from .ooxml import (
    CT_CHART,
    CT_COMMENTS,
    CT_DRAWING,
    CT_VML,
    NS_MAIN,
    NS_R,
    REL_CHART,
    REL_COMMENTS,
    REL_DRAWING,
    REL_VML,
    VML_HEAD,
    VML_TYPE,
    NewSheet,
    Package,
    SheetEdits,
    Styles,
    Workbook,
    add_custom_property,
    attrs,
    bind_vml,
    chart_xml,
    comment_plain,
    comment_runs,
    custom_props_part,
    drawing_xml,
    font_variant,
    openpyxl_fill_text,
    patch_sheet,
    prefixed,
    solid_fill,
    text_xml,
    unique_title,
    vml_shape,
)

# --- annotating ---------------------------------------------------------------------------------------------


def write_patched(book: Any, report: FileReport, save: Callable[[Callable[[str], None]], None], lang: str,
                  predikat: tuple[tuple[float, str], ...]) -> list[str]:  # fmt: skip
    """Write the validated copy of `book` (read by `xlsxread`) through `save`, which calls its argument
    with a temporary path and moves the result into place. Returns the fidelity warnings: none, since every
    part of the input is kept."""
    from . import annotate as A

    data = book.data
    doc = report.document
    findings = sorted(report.findings, key=Finding.sort_key)
    with zipfile.ZipFile(book.path) as zf:
        pkg = Package(zf)
        wbk = Workbook(pkg)
        sheets = {s.title: s for s in data.sheets}
        styles_part = next(
            (r["part"] for r in pkg.rels(wbk.part) if r.get("Type", "").endswith("/styles")), "xl/styles.xml"
        )
        if pkg.has(styles_part):
            styles = Styles(pkg.text(styles_part))
        else:
            styles = Styles(f'<styleSheet xmlns="{NS_MAIN}"></styleSheet>')
            pkg.put(styles_part, "")
            pkg.add_override(styles_part, "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml")
            pkg.add_rel(wbk.part, NS_R + "/styles", styles_part)
        marks = Marks(is_output=True, version=A._version())
        edits: dict[str, SheetEdits] = defaultdict(SheetEdits)
        from .marks import read_marks_data

        old = read_marks_data(data)
        if old.is_output:
            strip_package(pkg, wbk, old, styles, edits, sheets)
        # Before any part is added: a second run, which keeps this property, then lists the parts it adds in
        # [Content_Types].xml in the same order as the first.
        add_custom_property(pkg, MARK_PROPERTY, marks.version or "0")
        fill_ids = {sev: styles.add_fill(solid_fill(colour)) for sev, colour in A.FILL_COLOUR.items()}
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
            rec: dict[str, Any] = {"fill": None, "ours": openpyxl_fill_text(A.FILL_COLOUR[worst])}
            marks.cells.setdefault(sheet, {})[coord] = rec

            def restyle(s: int, rec: dict = rec, fill: int = fill_ids[worst], before: Any = None) -> int:
                if before is not None:
                    s = before(s)  # the format pk-excel's earlier mark took away
                rec["fill"] = styles.fill_xml(s)
                return styles.derive(s, fillId=fill)

            edits[sheet].restyle[(r, c)] = functools.partial(restyle, before=edits[sheet].restyle.get((r, c)))
            notes[sheet][(r, c)] = A.note_text(group, lang)

        # The added columns.
        if doc is not None:
            _added_columns(A, doc, findings, sheets, anchors, edits, styles, marks, lang, bold_font, fill_ids, old)

        _print_areas(A, wbk, sheets, marks, old)

        # Notes, merged with the user's own.
        for sheet, cells in notes.items():
            _write_notes(pkg, sheets[sheet], cells, edits[sheet], marks.cells.get(sheet, {}), wbk, lang)

        for title, ed in edits.items():
            if not ed:
                continue
            part = sheets[title].part
            record: dict[int, float | None] = {}
            pkg.put(part, patch_sheet(pkg.text(part), ed, record))
            if ed.widths:
                marks.widths[title] = record

        temuan = unique_title(wbk.titles, ADDED_SHEETS[0])
        _temuan_sheet(A, pkg, wbk, temuan, findings, sheets, anchors, styles, lang, font0, fill_ids)
        marks.sheets.add(temuan)
        ringkasan = unique_title(wbk.titles, ADDED_SHEETS[1])
        shown = _checked_name(book.path, old.is_output)
        _ringkasan_sheet(A, pkg, wbk, ringkasan, shown, doc, findings, styles, lang, predikat, font0,
                         bold_font, fill_ids)  # fmt: skip
        marks.sheets.add(ringkasan)
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

        pkg.put(styles_part, styles.serialize())
        pkg.put(wbk.part, wbk.serialize())
        save(pkg.write)
    return []


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


def _added_columns(A: Any, doc: Any, findings: list[Finding], sheets: dict, anchors: dict, edits: dict,
                   styles: Styles, marks: Marks, lang: str, bold_font: int, fill_ids: dict,
                   old: Marks) -> None:  # fmt: skip
    tables_by_sheet: dict[str, list] = defaultdict(list)
    for t in doc.tables:
        if t.sheet in sheets:
            tables_by_sheet[t.sheet].append(t)
    row_findings: dict[tuple[str, int], list[Finding]] = defaultdict(list)
    for f in findings:
        if f.sheet and f.row:
            row_findings[(f.sheet, f.row)].append(f)
    headers = A._ADDED_COLUMNS[lang]
    center = '<alignment horizontal="center" vertical="center"{wrap}/>'

    def xf_parts(s: int) -> tuple[dict[str, str], dict[str, str]]:
        return styles.xf(s)

    row_memo: dict[tuple[int, bool], int] = {}

    def row_look(s: int, text: bool) -> int:
        """An added cell of an indicator row: the border, font and vertical alignment of the row's
        last table cell; numbers as 0.00."""
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

    def row_style(seen: dict, src: tuple[int, int], text: bool) -> int:
        key = (seen.get(src, 0), text)
        got = row_memo.get(key)
        if got is None:
            got = row_memo[key] = row_look(*key)
        return got

    for sheet, tables in tables_by_sheet.items():
        data = sheets[sheet]
        ed: SheetEdits = edits[sheet]
        # One empty column between the user's content and ours; on a second run, where ours were.
        first = old.columns[sheet][0] if sheet in old.columns else data.max_col + 2
        if first + len(headers) - 1 > MAX_COLUMNS:
            continue  # cells styled out to the last column leave no room: the notes and Temuan say it all

        def value(r: int, c: int, data: Any = data) -> Any:
            row = data.values.get(r)
            return row[c - 1] if row is not None and 0 < c <= len(row) else None

        for t in tables:
            rows = list(t.header_rows) or [max(t.first_row - 1, 1)]
            src_col = max(t.columns.values())

            def is_number_row(r: int, t: Any = t) -> bool:
                vals = [value(r, c) for c in t.columns.values()]
                vals = [v for v in vals if v not in (None, "")]
                return bool(vals) and all(A._NUMBER_ROW.match(str(v).strip()) for v in vals)

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
                m = A._NUMBER_ROW.match(str(last).strip()) if last is not None else None
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

        for ind in doc.indicators:
            if ind.sheet != sheet:
                continue
            table = next((t for t in tables if t.first_row <= ind.row <= t.last_row), tables[0])
            src = (ind.row, max(table.columns.values()))
            found = row_findings.get((sheet, ind.row), [])
            ed.blocks[ind.row] = (first, A.indicator_values(ind, found, lang), src, row_style)

        legend_row = max(t.last_row for t in tables) + 2
        title_xf = styles.derive(0, fontId=bold_font)
        ed.cells[(legend_row, first)] = (A._LEGEND[lang]["title"], lambda seen, x=title_xf: x)
        for i, sev in enumerate(("error", "warning", "info"), start=1):
            xf = styles.derive(0, fillId=fill_ids[sev])
            ed.cells[(legend_row + i, first)] = (A._LEGEND[lang][sev], lambda seen, x=xf: x)
        for i, width in enumerate(A._ADDED_WIDTHS):
            ed.widths[first + i] = width
        marks.columns[sheet] = (first, first + len(headers) - 1)


def _print_areas(A: Any, wbk: Workbook, sheets: dict, marks: Marks, old: Marks) -> None:
    """A sheet that got pk-excel's columns and has no print area of the user's gets one without them, so
    it prints as the user set it (an earlier run's area is replaced, the user's own is left alone)."""
    names = list(re.finditer(r"<(?:\w+:)?definedName\b([^>]*)>(.*?)</(?:\w+:)?definedName>", wbk.xml, re.S))
    for title, (first, _) in marks.columns.items():
        if title not in wbk.titles:
            continue
        index = str(wbk.titles.index(title))
        data = sheets[title]
        user_rows = [r for r, vals in data.values.items() if any(v is not None for v in vals[: first - 1])]
        area = A.print_area(title, first - 2, max([*user_rows, *(m[2] for m in data.merged if m[1] < first), 1]))
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


def _write_notes(pkg: Package, data: Any, cells: dict[tuple[int, int], str], ed: SheetEdits,
                 recs: dict[str, dict], wbk: Workbook, lang: str) -> None:  # fmt: skip
    from .annotate import merge_note, note_height

    rels = pkg.rels(data.part)
    comments_part = next((r["part"] for r in rels if r.get("Type", "").endswith("/comments")), None)
    vml_part = notes_vml(pkg, data.part, rels)
    threaded = any(r.get("Type", "").endswith("/threadedComment") for r in rels)
    existing: dict[tuple[int, int], tuple[re.Match, str]] = {}
    authors: list[str] = []
    xml = None
    p = ""  # the prefix of the comments part's main namespace
    if comments_part and pkg.has(comments_part):
        xml = pkg.checked_text(comments_part)
        root = re.search(r"<(\w+:)?comments\b", xml)
        p = (root.group(1) or "") if root else ""
        authors = [html.unescape(a) for a in re.findall(r"<(?:\w+:)?author>(.*?)</(?:\w+:)?author>", xml, re.S)]
        for m in re.finditer(r"<(?:\w+:)?comment\b([^>]*)>(.*?)</(?:\w+:)?comment>", xml, re.S):
            a = attrs(m.group(1))
            try:
                existing[split(a.get("ref", ""))] = (m, a.get("authorId", "0"))
            except ValueError:
                continue
    if NOTE_AUTHOR in authors:
        pk_id = authors.index(NOTE_AUTHOR)
    else:
        authors.append(NOTE_AUTHOR)
        pk_id = len(authors) - 1
    replaced: dict[int, str] = {}  # start offset of an existing comment -> its new XML
    new_comments: list[str] = []
    new_shapes: list[tuple[int, int, int]] = []
    for (r, c), ours in sorted(cells.items()):
        coord = f"{col_letter(c)}{r}"
        old = existing.get((r, c))
        if old is not None:
            m, author_id = old
            if threaded:
                continue  # a threaded comment's note is a placeholder: leave it, the finding is on Temuan
            inner = re.search(r"<(?:\w+:)?text\b[^>]*>(.*)</(?:\w+:)?text>", m.group(2), re.S)
            user_inner = inner.group(1) if inner else ""
            user = comment_plain(user_inner)
            text = merge_note(user, ours)
            if text is None:
                continue
            try:
                author = authors[int(author_id)]
            except (ValueError, IndexError):
                author = ""
            if coord in recs:
                recs[coord]["author"] = author
            tail = text[len(user.rstrip("\n")) :]
            ours_run = prefixed(f'<r><t xml:space="preserve">{text_xml(tail)}</t></r>', p)
            body = comment_runs(user_inner, p) + ours_run
            # The user's comment element keeps its attributes (Excel's xr:uid); only author and text change.
            head = re.sub(r'\bauthorId=["\'][^"\']*["\']', f'authorId="{pk_id}"', m.group(0)[: m.start(2) - m.start()])
            replaced[m.start()] = f"{head}<{p}text>{body}</{p}text></{p}comment>"
            continue
        text = merge_note(None, ours) or ours
        new_comments.append(
            prefixed(
                f'<comment ref="{coord}" authorId="{pk_id}"><text><t xml:space="preserve">{text_xml(text)}</t>'
                "</text></comment>",
                p,
            )
        )
        new_shapes.append((r, c, note_height(text)))
    if not replaced and not new_comments:
        return
    if xml is not None:
        # Edit the part in place: its root keeps every namespace the kept comments use (xr:, mc:Ignorable).
        # Comments first: `replaced` is keyed by their offsets in the part as read.
        if replaced:
            xml = re.sub(
                r"<(?:\w+:)?comment\b([^>]*)>(.*?)</(?:\w+:)?comment>",
                lambda m: replaced.get(m.start(), m.group(0)),
                xml,
                flags=re.S,
            )
        xml = _with_authors(xml, p, authors)
        added = "".join(new_comments)
        if added:
            close = re.search(r"</(?:\w+:)?commentList>", xml)
            if close is not None:
                xml = xml[: close.start()] + added + xml[close.start() :]
            else:
                xml = re.sub(r"<((?:\w+:)?commentList)\b([^>]*)/>", lambda m: f"<{m.group(1)}{m.group(2)}>{added}</{m.group(1)}>", xml, count=1)
        pkg.put(comments_part, xml)
    else:
        comments_part = pkg.free("xl/comments{}.xml")
        pkg.put(
            comments_part,
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<comments xmlns="{NS_MAIN}"><authors>{_authors_xml("", authors)}</authors>'
            f"<commentList>{''.join(new_comments)}</commentList></comments>",
        )
        pkg.add_override(comments_part, CT_COMMENTS)
        pkg.add_rel(data.part, REL_COMMENTS, comments_part)
    if not new_shapes:
        return
    if vml_part and pkg.has(vml_part):
        vml = pkg.read(vml_part).decode("utf-8", "replace")
        ids = [int(x) for x in re.findall(r"_x0000_s(\d+)", vml)]
        idmap = re.search(r"""<\w+:idmap\b[^>]*\bdata=["'](\d+)""", vml)
        start = max(ids, default=int(idmap.group(1)) * 1024 if idmap else 1024) + 1
        shapes = "".join(vml_shape(start + i, r, c, h) for i, (r, c, h) in enumerate(new_shapes))
        if "_x0000_t202" not in vml:
            shapes = VML_TYPE + shapes
        vml = bind_vml(vml)
        close = vml.rindex("</xml>")
        pkg.put(vml_part, vml[:close] + shapes + vml[close:])
    else:
        block = 100 + wbk.titles.index(data.title) if data.title in wbk.titles else 100
        vml_part = pkg.free("xl/drawings/vmlDrawingPk{}.vml")
        shapes = "".join(vml_shape(block * 1024 + 1 + i, r, c, h) for i, (r, c, h) in enumerate(new_shapes))
        pkg.put(vml_part, VML_HEAD.format(block=block) + VML_TYPE + shapes + "</xml>")
        pkg.add_default("vml", CT_VML)
        ed.legacy_rid = pkg.add_rel(data.part, REL_VML, vml_part)


_LEGACY_DRAWING = re.compile(r"<(?:\w+:)?legacyDrawing\b([^>]*)>")


def notes_vml(pkg: Package, part: str, rels: list[dict[str, str]]) -> str | None:
    """The VML part holding the notes' boxes of sheet `part`: the one its `<legacyDrawing>` names. A sheet's
    other VML relationship (`<legacyDrawingHF>`, the header and footer pictures) is not for notes."""
    m = _LEGACY_DRAWING.search(pkg.text(part))
    if m is None:
        return None
    rid = next((v for k, v in attrs(m.group(1)).items() if k == "id" or k.endswith(":id")), None)
    return next((r["part"] for r in rels if r.get("Id") == rid and r.get("Type", "").endswith("/vmlDrawing")), None)


def _authors_xml(p: str, authors: list[str]) -> str:
    return "".join(f"<{p}author>{text_xml(a)}</{p}author>" for a in authors)


def _with_authors(xml: str, p: str, authors: list[str]) -> str:
    """The comments part with its list of authors replaced by `authors`."""
    return re.sub(
        r"<(?:\w+:)?authors\b[^>]*?(?:/>|>.*?</(?:\w+:)?authors>)",
        lambda m: f"<{p}authors>{_authors_xml(p, authors)}</{p}authors>",
        xml,
        count=1,
        flags=re.S,
    )


def _quote(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


def _temuan_sheet(A: Any, pkg: Package, wbk: Workbook, title: str, findings: list[Finding], sheets: dict,
                  anchors: dict, styles: Styles, lang: str, font0: str, fill_ids: dict) -> None:  # fmt: skip
    ns = NewSheet()
    wrap = '<alignment vertical="top" wrapText="1"/>'
    head_xf = styles.derive(
        0,
        fontId=styles.add_font(font_variant(font0, bold=True, color="FFFFFF")),
        fillId=styles.add_fill(solid_fill(A.HEADER_FILL)),
        alignment='<alignment vertical="center" wrapText="1"/>',
    )
    wrap_xf = styles.derive(0, alignment=wrap)
    link_xf = styles.derive(
        0, fontId=styles.add_font(font_variant(font0, color="0563C1", underline=True)), alignment=wrap
    )
    sev_xf = {sev: styles.derive(0, fillId=fid, alignment=wrap) for sev, fid in fill_ids.items()}
    headers = A._TEMUAN_HEADERS[lang]
    for i, text in enumerate(headers, start=1):
        ns.put(1, i, text, head_xf)
        ns.widths[i] = A._TEMUAN_WIDTHS[i - 1]
    for n, f in enumerate(findings, start=1):
        row = n + 1
        target = None
        if f.sheet in sheets and f.cell:
            try:
                r, c = split(f.cell.split(":", 1)[0])
                hit = anchors[f.sheet].target(r, c) or (r, c)
                target = f"{col_letter(hit[1])}{hit[0]}"
            except ValueError:
                target = None
        values = A.temuan_values(n, f, lang)
        ns.heights[row] = A.row_height(values, A._TEMUAN_WIDTHS)
        for col, value in enumerate(values, start=1):
            if col == 2:
                xf = sev_xf[f.severity]
            elif col == 4 and target is not None:
                xf = link_xf
                ns.links.append((f"D{row}", f"{_quote(f.sheet)}!{target}", str(f.cell)))
            else:
                xf = wrap_xf
            ns.put(row, col, value, xf)
    ns.freeze_row = 1
    last = f"{col_letter(len(headers))}{len(findings) + 1}"
    ns.autofilter = f"A1:{last}"
    ns.landscape = True
    part = pkg.free("xl/worksheets/sheet{}.xml")
    pkg.put(part, ns.xml())
    index = wbk.add_sheet(title, part)
    wbk.define("_xlnm._FilterDatabase", index, f"{_quote(title)}!$A$1:${col_letter(len(headers))}${len(findings) + 1}", hidden=True)
    wbk.define("_xlnm.Print_Titles", index, f"{_quote(title)}!$1:$1")


def _ringkasan_sheet(A: Any, pkg: Package, wbk: Workbook, title: str, input_path: Path, doc: Any,
                     findings: list[Finding], styles: Styles, lang: str, predikat: Any, font0: str,
                     bold_font: int, fill_ids: dict) -> None:  # fmt: skip
    ns = NewSheet()
    ns.widths[1], ns.widths[2] = A.RINGKASAN_WIDTHS
    title_xf = styles.derive(0, fontId=styles.add_font(font_variant(font0, bold=True, size=14)))
    bold_xf = styles.derive(0, fontId=bold_font)
    value_align = '<alignment horizontal="left" vertical="top" wrapText="1"/>'
    wide_xf = styles.derive(0, alignment='<alignment vertical="top" wrapText="1"/>')
    fmt_ids = {"0.00": 2, "#,##0": 3}
    lines = A.ringkasan_lines(input_path, doc, findings, [], lang)
    ns.row_breaks.extend(A.page_breaks(lines))
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
            ns.heights[row] = A.wide_height(line.label)
        if line.fill:
            xf = styles.derive(xf, fillId=fill_ids[line.fill])
        ns.put(row, 1, line.label, xf)
        if line.value is not None:
            changes: dict[str, Any] = {"alignment": value_align}
            if line.fmt and not isinstance(line.value, str) and line.fmt in fmt_ids:
                changes["numFmtId"] = fmt_ids[line.fmt]
            ns.put(row, 2, line.value, styles.derive(0, **changes))
    ns.landscape = True
    plan = A.chart_plan(doc.indicators if doc else [], lang, predikat)
    part = pkg.free("xl/worksheets/sheet{}.xml")
    if plan is not None:
        title_row, note_row, head = A.chart_layout(plan, len(lines) + 2)
        ns.put(title_row, 1, plan.title, bold_xf)
        if note_row is not None and plan.note:
            ns.put(note_row, 1, plan.note, wide_xf)
            ns.merges.append(f"A{note_row}:B{note_row}")
            ns.heights[note_row] = A.wide_height(plan.note)
        for col, text in enumerate(plan.header, 1):
            ns.put(head, col, text, bold_xf)
        num_xf = styles.derive(0, numFmtId=2, alignment='<alignment vertical="top"/>')
        for i, values in enumerate(plan.rows, start=1):
            for col, value in enumerate(values, start=1):
                ns.put(head + i, col, value, num_xf if plan.kind == "indicator" and col == 2 else wide_xf)
            ns.heights[head + i] = A.row_height(values[:1], A.RINGKASAN_WIDTHS[:1])
        at = A.chart_row(plan, head)
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


# --- a second run: taking pk-excel's earlier marks away ----------------------------------------------------


def strip_package(pkg: Package, wbk: Workbook, old: Marks, styles: Styles, edits: dict[str, SheetEdits],
                  sheets: dict) -> None:  # fmt: skip
    """Take pk-excel's earlier marks out of the package before the new ones go in (see `marks`): its sheets,
    its columns and their widths, its fills (back to each cell's original format unless the user changed
    it since) and its notes (back to the user's own text). Mirrors `marks.strip_marks` for openpyxl."""
    from .marks import NOTE_SEPARATOR

    # Sheets.
    removed = []
    for m in list(re.finditer(r'<(?:\w+:)?sheet\b[^>]*?/>', wbk.xml)):
        a = attrs(m.group(0))
        if a.get("name") in old.sheets:
            removed.append((wbk.titles.index(a["name"]), m, a))
    rels = {r["Id"]: r for r in pkg.rels(wbk.part)}
    for _, m, a in sorted(removed, key=lambda x: -x[1].start()):
        wbk.xml = wbk.xml[: m.start()] + wbk.xml[m.end() :]
        rid = next((v for k, v in a.items() if k.endswith(":id")), None)
        rel = rels.get(rid or "")
        if rel is not None:
            _drop_rel(pkg, wbk.part, rid)
            _drop_part(pkg, rel["part"])
    gone = sorted(i for i, _, _ in removed)
    if gone:
        def shift(i: int) -> int:
            return i - sum(1 for g in gone if g < i)

        def renumber(m: re.Match) -> str:
            i = int(m.group(2))
            if i in gone:
                return ""
            return m.group(0).replace(f'localSheetId="{i}"', f'localSheetId="{shift(i)}"', 1)

        wbk.xml = re.sub(
            r'(<(?:\w+:)?definedName\b[^>]*?localSheetId=")(\d+)"[^>]*>.*?</(?:\w+:)?definedName>',
            renumber,
            wbk.xml,
            flags=re.S,
        )
        for attr in ("activeTab", "firstSheet"):
            wbk.xml = re.sub(
                rf'\b{attr}="(\d+)"',
                lambda m, attr=attr: f'{attr}="{min(shift(int(m.group(1))), max(len(wbk.titles) - len(gone) - 1, 0))}"',
                wbk.xml,
            )
        wbk.titles = [t for i, t in enumerate(wbk.titles) if i not in gone]
        wbk.xml = re.sub(r"<(\w+:)?definedNames>\s*</(?:\w+:)?definedNames>", "", wbk.xml)

    # Columns, widths, fills, notes.
    for title in set(old.columns) | set(old.cells):
        data = sheets.get(title)
        if data is None:
            continue
        part = data.part
        xml = pkg.text(part)
        if title in old.columns:
            first, last = old.columns[title]
            xml = _strip_columns(xml, first, last, old.widths.get(title, {}))
        pkg.put(part, xml)
        ed = edits[title]
        for coord, rec in old.cells.get(title, {}).items():
            try:
                r, c = split(coord)
            except ValueError:
                continue
            colour = _solid_colour(rec.get("ours") or "")
            original = rec.get("fill")

            def restore(s: int, colour: str | None = colour, original: str | None = original) -> int:
                """The cell's format with its original fill back, unless the user changed the fill since.
                Fills are compared by colour (another program may have rewritten the alpha byte or
                renumbered the formats, so neither the XML nor the recorded format index is trusted)."""
                if colour is None or _solid_colour(styles.fill_xml(s) or "") != colour:
                    return s
                # The user's own format where one is there (a workbook may hold the same fill twice: any
                # of them), so a second run adds no format.
                fills = (styles.fills_like(original) or [styles.add_fill(original)]) if original else [0]
                for fill in fills:
                    found = styles.existing(s, fillId=fill)
                    if found is not None:
                        return found
                return styles.derive(s, fillId=fills[0])

            ed.restyle[(r, c)] = ed.restore[(r, c)] = restore
        _strip_notes(pkg, data, old.cells.get(title, {}), NOTE_SEPARATOR)

    # The custom property.
    custom = custom_props_part(pkg)
    if pkg.has(custom):
        xml = pkg.text(custom)
        xml = re.sub(
            rf'<(?:\w+:)?property\b[^>]*\bname="{re.escape(MARK_PROPERTY)}"[^>]*>.*?</(?:\w+:)?property>',
            "",
            xml,
            flags=re.S,
        )
        pkg.put(custom, xml)


def _solid_colour(fill: str) -> str | None:
    """The RGB colour (6 hex digits, upper case) of a solid fill's XML, or None."""
    if "solid" not in fill:
        return None
    m = re.search(r"""fgColor\b[^>]*\brgb=["'][0-9A-Fa-f]{0,2}([0-9A-Fa-f]{6})["']""", fill)
    return m.group(1).upper() if m else None


def _drop_rel(pkg: Package, part: str, rid: str) -> None:
    name = pkg.rels_name(part)
    xml = pkg.text(name)
    xml = re.sub(rf'<(?:\w+:)?Relationship\b[^>]*\bId="{re.escape(rid)}"[^>]*/>', "", xml)
    pkg.put(name, xml)


def _drop_part(pkg: Package, part: str) -> None:
    """Remove `part`, what only it refers to (its drawing, chart), its rels and its content type."""
    if part is None or not pkg.has(part):
        return
    for rel in pkg.rels(part):
        target = rel.get("part")
        if target and any(target.startswith(p) for p in ("xl/drawings/", "xl/charts/", "xl/comments")):
            _drop_part(pkg, target)
    pkg.deleted.add(pkg.resolve(part))
    rels = pkg.rels_name(part)
    if pkg.has(rels):
        pkg.deleted.add(pkg.resolve(rels))
    xml = pkg.text("[Content_Types].xml")
    xml = re.sub(rf'<(?:\w+:)?Override\b[^>]*PartName="/{re.escape(part)}"[^>]*/>', "", xml, flags=re.I)
    pkg.put("[Content_Types].xml", xml)


_MERGE_CELL = re.compile(r"<(?:\w+:)?mergeCell[\s/]")


def _strip_columns(xml: str, first: int, last: int, widths: dict[int, float | None]) -> str:
    letters = "|".join(col_letter(c) for c in range(first, last + 1))
    xml = re.sub(
        rf'<(?:\w+:)?c\b(?:(?!/>)[^>])*?\br="(?:{letters})\d+"[^>]*?(?:/>|>.*?</(?:\w+:)?c>)', "", xml, flags=re.S
    )

    def keep_merge(m: re.Match) -> str:
        ref = m.group(1)
        try:
            (_, c0), (_, c1) = split(ref.split(":")[0]), split(ref.split(":")[-1])
        except ValueError:
            return m.group(0)
        return "" if first <= c0 and c1 <= last else m.group(0)

    xml = re.sub(r'<(?:\w+:)?mergeCell\b[^>]*\bref="([^"]+)"[^>]*/>', keep_merge, xml)
    xml = re.sub(
        r'(<(?:\w+:)?mergeCells\b[^>]*\bcount=")\d+(")((.*?)</(?:\w+:)?mergeCells>)',
        lambda m: f"{m.group(1)}{len(_MERGE_CELL.findall(m.group(4)))}{m.group(2)}{m.group(3)}",
        xml,
        flags=re.S,
    )
    xml = re.sub(r"<(?:\w+:)?mergeCells\b[^>]*>\s*</(?:\w+:)?mergeCells>", "", xml)

    def restore_col(m: re.Match) -> str:
        a = attrs(m.group(1))
        try:
            lo, hi = int(a.get("min", "0")), int(a.get("max", "0"))
        except ValueError:
            return m.group(0)
        if lo != hi or lo not in widths:
            return m.group(0)
        width = widths[lo]
        if width is None:
            return ""
        tag = re.sub(r'\bwidth="[^"]*"', f'width="{width:g}"', m.group(0))
        return tag
    xml = re.sub(r"<(?:\w+:)?col\b([^>]*?)/>", restore_col, xml)
    xml = re.sub(r"<(?:\w+:)?cols>\s*</(?:\w+:)?cols>", "", xml)
    return xml


def _strip_notes(pkg: Package, data: Any, recs: dict[str, dict], separator: str) -> None:
    rels = pkg.rels(data.part)
    comments_part = next((r["part"] for r in rels if r.get("Type", "").endswith("/comments")), None)
    vml_part = notes_vml(pkg, data.part, rels)
    if not comments_part or not pkg.has(comments_part):
        return
    xml = pkg.checked_text(comments_part)
    root = re.search(r"<(\w+:)?comments\b", xml)
    p = (root.group(1) or "") if root else ""
    authors = [html.unescape(a) for a in re.findall(r"<(?:\w+:)?author>(.*?)</(?:\w+:)?author>", xml, re.S)]
    if NOTE_AUTHOR not in authors:
        return
    pk_id = str(authors.index(NOTE_AUTHOR))
    dropped: list[tuple[int, int]] = []
    sep = text_xml(separator)

    def fix(m: re.Match) -> str:
        a = attrs(m.group(1))
        if a.get("authorId") != pk_id:
            return m.group(0)
        coord = a.get("ref", "")
        body = m.group(2)
        cut = body.find(sep) if sep else -1
        if cut < 0:
            cut = body.find(separator)
        if cut < 0:
            try:
                dropped.append(split(coord))
            except ValueError:
                pass
            return ""
        run_start = body.rfind(f"<{p}r>", 0, cut)
        user = body[:run_start] if run_start >= 0 else body[:cut]
        user = re.sub(r"<(?:\w+:)?text\b[^>]*>", "", user)
        author = (recs.get(coord) or {}).get("author") or ""
        if author not in authors:
            authors.append(author)
        head = m.group(0)[: m.start(2) - m.start()]
        head = re.sub(r"""\bauthorId=["'][^"']*["']""", f'authorId="{authors.index(author)}"', head)
        return f"{head}<{p}text>{user}</{p}text></{p}comment>"

    xml = re.sub(r"<(?:\w+:)?comment\b([^>]*)>(.*?)</(?:\w+:)?comment>", fix, xml, flags=re.S)
    pkg.put(comments_part, _with_authors(xml, p, authors))
    if dropped and vml_part and pkg.has(vml_part):
        vml = pkg.read(vml_part).decode("utf-8", "replace")
        gone = {(r - 1, c - 1) for r, c in dropped}

        def drop_shape(m: re.Match) -> str:
            row = re.search(r"<\w+:Row>(\d+)</\w+:Row>", m.group(0))
            col = re.search(r"<\w+:Column>(\d+)</\w+:Column>", m.group(0))
            if row and col and (int(row.group(1)), int(col.group(1))) in gone:
                return ""
            return m.group(0)

        pkg.put(vml_part, re.sub(r"<(\w+):shape\b[^>]*>.*?</\1:shape>", drop_shape, vml, flags=re.S))
