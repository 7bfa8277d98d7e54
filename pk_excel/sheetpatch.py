"""A worksheet part patched in one pass: marked cells restyled, cells and rows added (inline strings, never
formulas), columns' widths, merged ranges and the notes' `legacyDrawing` inserted in schema order
(`patch_sheet`, driven by `SheetEdits`); a large sheet is kept as pieces, never one string.
"""

from __future__ import annotations

import functools
import math
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .cellref import col_letter, split
from .package import NS_R
from .xmlparse import clean_text
from .xmltext import R_PREFIX, attrs, insert_before, quoteattr, text_xml

# Worksheet children after sheetData, in schema order: a new element goes before the first later one present.
_AFTER_MERGE = (
    "phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks", "printOptions", "pageMargins",
    "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors",
    "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
    "webPublishItems", "tableParts", "extLst",
)  # fmt: skip
_AFTER_LEGACY = ("legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems",
                 "tableParts", "extLst")  # fmt: skip

_ROW = re.compile(r"<(?:\w+:)?row\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?row>)", re.S)
_CELL = re.compile(r"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
# A cell's r and s attributes, in any spelling (spaces around '=', either quote, an empty s="").
_R_ATTR = re.compile(r"""(?<![\w:.-])r\s*=\s*["']([A-Za-z]+)(\d+)["']""")
_S_ATTR = re.compile(r"""(?<![\w:.-])s\s*=\s*["'](\d*)["']""")


_LETTERS: dict[int, str] = {}
_PLAIN = re.compile(r"[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def cell_xml(prefix: str, row: int, col: int, value: Any, xf: int) -> str:
    p = prefix
    letter = _LETTERS.get(col)
    if letter is None:
        letter = _LETTERS[col] = col_letter(col)
    ref = f"{letter}{row}"
    style = f' s="{xf}"' if xf else ""
    if value is None:
        return f'<{p}c r="{ref}"{style}/>'
    if isinstance(value, bool):
        return f'<{p}c r="{ref}"{style} t="b"><{p}v>{int(value)}</{p}v></{p}c>'
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return f'<{p}c r="{ref}"{style}/>'
        return f'<{p}c r="{ref}"{style}><{p}v>{value!r}</{p}v></{p}c>'
    text = str(value)[:32_767]
    if _PLAIN.search(text) is not None:
        text = text_xml(text)
    return f'<{p}c r="{ref}"{style} t="inlineStr"><{p}is><{p}t xml:space="preserve">{text}</{p}t></{p}is></{p}c>'


Seen = dict[tuple[int, int], int]  # (row, col) -> the format a watched cell has in the sheet as read
CellStyle = Callable[[Seen], int]  # an added cell's format, from what was seen
RowStyle = Callable[[Seen, tuple[int, int], bool], int]  # a block's format: (seen, source cell, is text)


@dataclass
class _Col:
    """One `<col>` of a sheet's `<cols>`: its range, its XML and its attributes."""

    lo: int
    hi: int
    xml: str
    attrs: dict[str, str]


class SheetEdits:
    """What changes in one of the user's sheets.

    `restyle`: (row, col) -> function of the cell's current format giving its new one (a new cell when
    the sheet has none there); `cells`: (row, col) -> (value, function of `seen` giving the format), cells
    that do not exist yet; `watch`: cells whose current format those functions read from `seen`.
    """

    def __init__(self) -> None:
        self.restyle: dict[tuple[int, int], Callable[[int], int]] = {}
        self.cells: dict[tuple[int, int], tuple[Any, CellStyle]] = {}
        # row -> (first column, values, source cell, style(seen, source, is_text)): a run of added cells
        self.blocks: dict[int, tuple[int, list[Any], tuple[int, int], RowStyle]] = {}
        self.watch: set[tuple[int, int]] = set()
        # (row, col) -> the cell's format before pk-excel's earlier mark (a second run): what `seen` gives, so
        # that nothing added copies the colour of an old mark.
        self.restore: dict[tuple[int, int], Callable[[int], int]] = {}
        self.merges: list[str] = []
        self.widths: dict[int, float] = {}
        self.legacy_rid: str | None = None

    def __bool__(self) -> bool:
        return bool(self.restyle or self.cells or self.blocks or self.merges or self.widths or self.legacy_rid)


def patch_sheet(xml: str, edits: SheetEdits, width_record: dict[int, float | None]) -> list[str]:
    """The sheet part with `edits` applied, in pieces (a large sheet is never joined into one string);
    `width_record` receives the original widths of changed columns.

    Only rows with edits are looked into. A row that only gains cells right of its last one (the added
    columns) is extended without parsing its cells; a row with a restyled cell is parsed cell by cell.
    """
    xml = clean_text(xml)  # comments, CDATA, instructions would mislead the row and cell patterns
    m = re.search(r"<((?:\w+:)?)sheetData\b[^>]*?(/?)>", xml)
    if m is None:
        raise ValueError("worksheet without sheetData")
    prefix = m.group(1)
    if m.group(2):  # <sheetData/>
        head, tail = xml[: m.start()], xml[m.end() :]
        body_start = body_end = m.end()
        open_tag = m.group(0)[:-2] + ">"
    else:
        body_start = m.end()
        body_end = xml.index(f"</{prefix}sheetData>", body_start)
        head, tail = xml[: m.start()], xml[body_end + len(f"</{prefix}sheetData>") :]
        open_tag = m.group(0)
    by_row: dict[int, list[int]] = defaultdict(list)
    restyled_rows = set()
    for r, c in edits.restyle:
        by_row[r].append(c)
        restyled_rows.add(r)
    for r, c in edits.cells:
        by_row[r].append(c)
    for r, (first, values, _, _) in edits.blocks.items():
        by_row[r].extend(range(first, first + len(values)))
    for cols in by_row.values():
        cols.sort()
    watch_by_row: dict[int, list[int]] = defaultdict(list)
    for r, c in edits.watch:
        watch_by_row[r].append(c)
    for _, _, (r, c), _ in edits.blocks.values():
        watch_by_row[r].append(c)
    seen: dict[tuple[int, int], int] = {}
    pending = sorted(by_row)
    out: list[str] = []
    k = 0  # next index into pending
    last = 0
    max_row = max(pending, default=0)
    max_col = max((cols[-1] for cols in by_row.values()), default=0)
    close_row = f"</{prefix}row>"
    pos = body_start  # the original text from here on is not in `out` yet; unchanged rows go in as runs
    done: set[int] = set()
    for rm in _ROW.finditer(xml, body_start, body_end):
        ra = rm.group(1)
        rr = _ROW_R.search(ra)
        row = int(rr.group(1)) if rr else last + 1
        last = row
        if row in done:
            # The same row written again (a broken writer): readers take its cells as the later ones, so
            # they are restyled too; cells are added once.
            if any((row, c) in edits.restyle for c in by_row.get(row, ())):
                out.append(xml[pos : rm.start()])
                out.append(_CELL.sub(functools.partial(_restyled, row=row, edits=edits), rm.group(0)))
                pos = rm.end()
            continue
        done.add(row)
        if row not in by_row and row not in watch_by_row and (k >= len(pending) or pending[k] > row):
            continue
        if rm.start() > pos:
            out.append(xml[pos : rm.start()])
        pos = rm.start()
        while k < len(pending) and pending[k] < row:
            out.append(_new_row(prefix, pending[k], by_row[pending[k]], edits, seen))
            k += 1
        if row not in by_row and row not in watch_by_row:
            continue
        inner = rm.group(2) or ""
        simple = row not in restyled_rows and len(_CELL_OPEN.findall(inner)) == len(_CELL_WITH_R.findall(inner))
        if simple:
            for c in watch_by_row.get(row, ()):
                at = inner.find(f'r="{col_letter(c)}{row}"')
                if at >= 0:
                    tag = inner[inner.rfind("<", 0, at) : inner.find(">", at)]
                    sm = _S_ATTR.search(tag)
                    seen[(row, c)] = _unmarked(edits, row, c, int(sm.group(1) or 0) if sm else 0)
            if row not in by_row:
                continue
            k += 1
            added = "".join(_edit_cell(prefix, row, c, edits, seen) for c in by_row[row])
            ra = _SPANS.sub("", ra).rstrip("/")
            out.append(f"<{prefix}row{ra}>{inner}{added}{close_row}")
            pos = rm.end()
            continue
        cells = []
        col = 0
        watch_cols = watch_by_row.get(row, ())
        for cm in _CELL.finditer(inner):
            ca = cm.group(1)
            ref = _R_ATTR.search(ca)
            col = split(ref.group(1) + ref.group(2))[1] if ref else col + 1
            sm = _S_ATTR.search(ca)
            s = int(sm.group(1) or 0) if sm else 0
            if col in watch_cols:
                seen[(row, col)] = _unmarked(edits, row, col, s)
            cells.append((col, s, cm))
        if row not in by_row:
            continue
        k += 1
        pos = rm.end()
        parts: list[tuple[int, str]] = []
        existing = set()
        for col, s, cm in cells:
            existing.add(col)
            fn = edits.restyle.get((row, col))
            text = cm.group(0)
            if fn is not None:
                text = _with_style(text, fn(s), row, col)
            parts.append((col, text))
        for col in by_row[row]:
            if col not in existing:
                parts.append((col, _edit_cell(prefix, row, col, edits, seen)))
        parts.sort(key=lambda x: x[0])
        ra = _SPANS.sub("", ra).rstrip("/")
        if not rr:
            ra = f' r="{row}"' + ra
        out.append(f"<{prefix}row{ra}>{''.join(t for _, t in parts)}{close_row}")
        max_col = max(max_col, parts[-1][0])
    if body_end > pos:
        out.append(xml[pos:body_end])
    while k < len(pending):
        out.append(_new_row(prefix, pending[k], by_row[pending[k]], edits, seen))
        k += 1
    head = _patch_head(head, prefix, edits, width_record, max_row, max_col)
    rprefix = "r"
    if edits.legacy_rid is not None:
        head, rprefix = _bind_r(head)
    tail = _patch_tail(tail, prefix, edits, rprefix)
    return [head, open_tag, *out, f"</{prefix}sheetData>", tail]


_ROW_R = re.compile(r"""(?<![\w:.-])r\s*=\s*["'](\d+)["']""")
_SPANS = re.compile(r'\s+spans="[^"]*"')
_CELL_OPEN = re.compile(r"<(?:\w+:)?c[\s/>]")
_CELL_WITH_R = re.compile(r"<(?:\w+:)?c\s[^>]*?\br=\"")


def _restyled(cm: re.Match, row: int, edits: SheetEdits) -> str:
    """A cell of a row seen before, with its restyling applied."""
    ref = _R_ATTR.search(cm.group(1))
    if ref is None:
        return cm.group(0)
    col = split(ref.group(1) + ref.group(2))[1]
    fn = edits.restyle.get((row, col))
    if fn is None:
        return cm.group(0)
    sm = _S_ATTR.search(cm.group(1))
    return _with_style(cm.group(0), fn(int(sm.group(1) or 0) if sm else 0), row, col)


def _unmarked(edits: SheetEdits, row: int, col: int, s: int) -> int:
    fn = edits.restore.get((row, col))
    return fn(s) if fn is not None else s


def _edit_cell(prefix: str, row: int, col: int, edits: SheetEdits, seen: Seen) -> str:
    """A cell the sheet does not have yet: an added one, or a marked empty cell."""
    got = edits.cells.get((row, col))
    if got is not None:
        value, cell_style = got
        return cell_xml(prefix, row, col, value, cell_style(seen))
    block = edits.blocks.get(row)
    if block is not None and block[0] <= col < block[0] + len(block[1]):
        first, values, src, row_style = block
        value = values[col - first]
        return cell_xml(prefix, row, col, value, row_style(seen, src, isinstance(value, str)))
    return cell_xml(prefix, row, col, None, edits.restyle[(row, col)](0))


def _new_row(prefix: str, row: int, cols: list[int], edits: SheetEdits, seen: Seen) -> str:
    return f'<{prefix}row r="{row}">{"".join(_edit_cell(prefix, row, c, edits, seen) for c in cols)}</{prefix}row>'


def _with_style(cell: str, xf: int, row: int, col: int) -> str:
    m = re.match(r"<((?:\w+:)?c)\b([^>]*?)(/?)>", cell)
    if m is None:
        return cell
    a = m.group(2)
    a = _S_ATTR.sub(f's="{xf}"', a) if _S_ATTR.search(a) else a + f' s="{xf}"'
    if not _R_ATTR.search(a):
        a = f' r="{col_letter(col)}{row}"' + a
    return f"<{m.group(1)}{a}{m.group(3)}>" + cell[m.end() :]


def _patch_head(head: str, prefix: str, edits: SheetEdits, record: dict[int, float | None], max_row: int,
                max_col: int) -> str:  # fmt: skip
    dim = re.search(r'(<(?:\w+:)?dimension\b[^>]*\bref=")([^"]*)(")', head)
    if dim and max_row and max_col:
        ref = dim.group(2)
        try:
            first, _, second = ref.partition(":")
            r0, c0 = split(first)
            r1, c1 = split(second or first)
            new = f"{col_letter(c0)}{r0}:{col_letter(max(c1, max_col))}{max(r1, max_row)}"
            head = head[: dim.start(2)] + new + head[dim.end(2) :]
        except ValueError:
            pass
    if not edits.widths:
        return head
    head = re.sub(r"<(?:\w+:)?cols\b[^>]*/>", "", head)  # an empty <cols/>: ours replaces it
    cols_m = re.search(r"<((?:\w+:)?)cols\b[^>]*?(?<!/)>(.*?)</(?:\w+:)?cols>", head, re.S)
    items: list[_Col] = []
    if cols_m:
        for cm in re.finditer(r"<(?:\w+:)?col\b([^>]*?)/?>(?:</(?:\w+:)?col>)?", cols_m.group(2)):
            a = attrs(cm.group(1))
            try:
                items.append(_Col(int(a.get("min", "0")), int(a.get("max", "0")), cm.group(0), a))
            except ValueError:
                continue

    def col_xml(a: dict[str, str]) -> str:
        return f"<{prefix}col" + "".join(f" {k}={quoteattr(v)}" for k, v in a.items()) + "/>"

    lo, hi = min(edits.widths), max(edits.widths)
    for it in [it for it in items if it.lo != it.hi and it.lo <= hi and lo <= it.hi]:
        if it.attrs.get("hidden") not in ("1", "true"):
            continue
        # Columns hidden up to the sheet's end (templates hide what they do not use) would hide ours: the
        # range keeps its look on both sides of them.
        items.remove(it)
        for a0, a1 in ((it.lo, lo - 1), (hi + 1, it.hi)):
            if a0 <= a1:
                a = {**it.attrs, "min": str(a0), "max": str(a1)}
                items.append(_Col(a0, a1, col_xml(a), a))
    for col, width in edits.widths.items():
        covering = [it for it in items if it.lo <= col <= it.hi]
        if any(it.lo != it.hi for it in covering):
            continue  # a width over a range of columns: leave it, splitting it would change the sheet
        if covering:
            it = covering[0]
            a = it.attrs
            record[col] = float(a["width"]) if a.get("customWidth") in ("1", "true") and "width" in a else None
            it.attrs = {**a, "width": f"{width:.15g}", "customWidth": "1"}
            it.xml = col_xml(it.attrs)
        else:
            record[col] = None
            items.append(_Col(col, col, f'<{prefix}col min="{col}" max="{col}" width="{width:.15g}" customWidth="1"/>', {}))
    items.sort(key=lambda it: it.lo)
    block = f"<{prefix}cols>{''.join(it.xml for it in items)}</{prefix}cols>"
    if cols_m:
        return head[: cols_m.start()] + block + head[cols_m.end() :]
    return head + block  # cols comes right before sheetData


def _patch_tail(tail: str, prefix: str, edits: SheetEdits, rprefix: str = "r") -> str:
    if edits.merges:
        refs = "".join(f'<{prefix}mergeCell ref="{ref}"/>' for ref in edits.merges)
        m = re.search(r"<((?:\w+:)?)mergeCells\b([^>]*?)(/?)>", tail)
        if m and not m.group(3):
            close = tail.index(f"</{m.group(1)}mergeCells>", m.end())
            count = len(re.findall(r"<(?:\w+:)?mergeCell\b", tail[m.end() : close])) + len(edits.merges)
            opening = re.sub(r'\bcount="\d+"', f'count="{count}"', m.group(0))
            tail = tail[: m.start()] + opening + tail[m.end() : close] + refs + tail[close:]
        elif m:
            tail = tail[: m.start()] + f'<{prefix}mergeCells count="{len(edits.merges)}">{refs}</{prefix}mergeCells>' + tail[m.end() :]
        else:
            block = f'<{prefix}mergeCells count="{len(edits.merges)}">{refs}</{prefix}mergeCells>'
            tail = insert_before(tail, block, _AFTER_MERGE, f"</{prefix}worksheet>")
    if edits.legacy_rid is not None and not re.search(r"<(?:\w+:)?legacyDrawing\b", tail):
        tail = insert_before(
            tail, f'<{prefix}legacyDrawing {rprefix}:id="{edits.legacy_rid}"/>', _AFTER_LEGACY, f"</{prefix}worksheet>"
        )
    return tail


def _bind_r(head: str) -> tuple[str, str]:
    """The sheet's head with the relationships namespace bound on its root, and the prefix bound to it."""
    root = re.search(r"<(?:\w+:)?worksheet\b[^>]*>", head)
    if root is None:
        return head, "r"
    bound = R_PREFIX.search(root.group(0))
    if bound is not None:
        return head, bound.group(1)
    tag = root.group(0)
    prefix = "r" if "xmlns:r=" not in tag else "rpk"
    new = tag[:-1].rstrip("/") + f' xmlns:{prefix}="{NS_R}"' + (">" if not tag.endswith("/>") else "/>")
    return head[: root.start()] + new + head[root.end() :], prefix

