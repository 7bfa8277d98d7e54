"""A second run on pk-excel's own output: its earlier marks taken out of the package in place, before the new
ones go in (see `marks`): its sheets (and what only they refer to), its columns and their widths, its fills (back
to each cell's original format unless the user changed it since), its notes (back to the user's own text) and
its custom property. Only what the marks record, or what carries pk-excel's colour or name, is touched.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .cellref import col_letter, split
from .marks import MARK_PROPERTY, NOTE_SEPARATOR, Marks
from .notes import strip_notes
from .package import Package
from .sheetpatch import SheetEdits
from .styles import Styles
from .workbookxml import Workbook, custom_props_part
from .xmltext import attrs

if TYPE_CHECKING:  # pragma: no cover
    from .bookdata import SheetData


def strip_package(pkg: Package, wbk: Workbook, old: Marks, styles: Styles, edits: dict[str, SheetEdits],
                  sheets: dict[str, SheetData]) -> None:  # fmt: skip
    """Take pk-excel's earlier marks out of the package before the new ones go in (see `marks`): its sheets,
    its columns and their widths, its fills (back to each cell's original format unless the user changed
    it since) and its notes (back to the user's own text)."""
    # Sheets.
    removed = []
    for m in list(re.finditer(r'<(?:\w+:)?sheet\b[^>]*?/>', wbk.xml)):
        a = attrs(m.group(0))
        if a.get("name") in old.sheets:
            removed.append((wbk.titles.index(a["name"]), m, a))
    rels = {r.id: r for r in pkg.rels(wbk.part)}
    for _, m, a in sorted(removed, key=lambda x: -x[1].start()):
        wbk.xml = wbk.xml[: m.start()] + wbk.xml[m.end() :]
        rid = next((v for k, v in a.items() if k.endswith(":id")), None)
        rel = rels.get(rid or "")
        if rid is not None and rel is not None:
            _drop_rel(pkg, wbk.part, rid)
            if rel.part is not None:
                _drop_part(pkg, rel.part)
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
        last = max(len(wbk.titles) - len(gone) - 1, 0)
        for attr in ("activeTab", "firstSheet"):

            def moved(m: re.Match[str], attr: str = attr) -> str:
                return f'{attr}="{min(shift(int(m.group(1))), last)}"'

            wbk.xml = re.sub(rf'\b{attr}="(\d+)"', moved, wbk.xml)
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
        strip_notes(pkg, data, old.cells.get(title, {}), NOTE_SEPARATOR)

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
        target = rel.part
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
    """The sheet without pk-excel's columns first..last: their cells, the merges inside them, their widths
    (back to what `widths` recorded). Each is looked for where the schema puts it: the columns before
    sheetData, the cells in it, the merges after it."""
    m = re.search(r"<((?:\w+:)?)sheetData\b[^>]*?(/?)>", xml)
    close = xml.find(f"</{m.group(1)}sheetData>", m.end()) if m is not None and not m.group(2) else -1
    if m is None or close < 0:
        return _strip_merges(_strip_widths(_strip_cells(xml, first, last), widths), first, last)
    head, body, tail = xml[: m.end()], xml[m.end() : close], xml[close:]
    return _strip_widths(head, widths) + _strip_cells(body, first, last) + _strip_merges(tail, first, last)


def _strip_cells(xml: str, first: int, last: int) -> str:
    letters = "|".join(col_letter(c) for c in range(first, last + 1))
    # pk-excel writes its cells <c r="I12" (as Excel and LibreOffice do): found by that text first, which is
    # quick; the pattern for any spelling looks into every cell of the sheet, so only when some are left.
    xml = re.sub(rf'<c r="(?:{letters})\d+"[^>]*?(?:/>|>.*?</c>)', "", xml, flags=re.S)
    if re.search(rf"""r\s*=\s*["'](?:{letters})\d+["']""", xml):
        xml = re.sub(
            rf'<(?:\w+:)?c\b(?:(?!/>)[^>])*?\br="(?:{letters})\d+"[^>]*?(?:/>|>.*?</(?:\w+:)?c>)', "", xml, flags=re.S
        )
    return xml


def _strip_merges(xml: str, first: int, last: int) -> str:
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
    return re.sub(r"<(?:\w+:)?mergeCells\b[^>]*>\s*</(?:\w+:)?mergeCells>", "", xml)


def _strip_widths(xml: str, widths: dict[int, float | None]) -> str:
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
        tag = re.sub(r'\bwidth="[^"]*"', f'width="{width:.15g}"', m.group(0))
        return tag
    xml = re.sub(r"<(?:\w+:)?col\b([^>]*?)/>", restore_col, xml)
    return re.sub(r"<(?:\w+:)?cols>\s*</(?:\w+:)?cols>", "", xml)
