"""A worksheet part patched: marked cells restyled, cells and rows added (inline strings, never formulas),
columns' widths, merged ranges and the notes' `legacyDrawing` inserted in schema order (`patch_sheet`, driven
by `SheetEdits`).

A large sheet is never held patched: `patch_sheet` reads it once and settles every format the edits give
(so `styles.xml` and the marks know them before either is written), and keeps only where each changed row
is; `PatchedSheet.pieces` then writes the part piece by piece while the package is saved. The rows that only
gain the added columns (on a large sheet, nearly all) are made there, as they are written. The sheet is
kept as the UTF-8 bytes it is stored in: decoded whole it would take as much again while it is read, and
two or four times as much as a text holding one character outside Latin-1.
"""

from __future__ import annotations

import functools
import math
import re
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .cellref import col_letter, col_number, split
from .package import NS_R
from .xmlparse import clean_xml
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

# A row's start tag: its qualified name and attributes (ending in '/' when the row is empty); its end is
# found as `</qname>`. (Greedy: a lazy `[^>]*?` costs twice as much, on every row.)
_ROW_OPEN = re.compile(r"<((?:\w+:)?row)\b([^>]*)>")
_CELL = re.compile(r"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
# A cell's r and s attributes, in any spelling (spaces around '=', either quote, an empty s="").
_R_ATTR = re.compile(r"""(?<![\w:.-])r\s*=\s*["']([A-Za-z]+)(\d+)["']""")
_S_ATTR = re.compile(r"""(?<![\w:.-])s\s*=\s*["'](\d*)["']""")
_ROW_R = re.compile(r"""(?<![\w:.-])r\s*=\s*["'](\d+)["']""")
# The column letters of each cell's r="..." in its usual spelling (quick: `_R_ATTR` reads any spelling).
_REFERENCE = re.compile(r' r="([A-Za-z]+)\d')
_SPANS = re.compile(r'\s+spans="[^"]*"')
# A cell's start tag without an r="..." attribute: its column is only implied by its place in the row.
_CELL_WITHOUT_R = re.compile(r"""<(?:\w+:)?c(?:[/>]|\s(?![^>]*?\br="))""")
# The patterns the sheet as read is searched with: its UTF-8 bytes, never decoded whole (see `PatchedSheet`).
# A row's start tag also gives its number when r="..." comes first, as every writer puts it.
_SHEET_DATA_B = re.compile(rb"<((?:\w+:)?)sheetData\b[^>]*?(/?)>")
_ROW_OPEN_B = re.compile(rb'<((?:\w+:)?row)\b((?:\s+r="(\d+)")?[^>]*)>')
_ROW_R_B = re.compile(_ROW_R.pattern.encode())
_S_ATTR_B = re.compile(_S_ATTR.pattern.encode())
_SPANS_B = re.compile(_SPANS.pattern.encode())
_CELL_WITHOUT_R_B = re.compile(_CELL_WITHOUT_R.pattern.encode())


_LETTERS: dict[int, str] = {}
_PLAIN = re.compile(r"[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _letter(col: int) -> str:
    letter = _LETTERS.get(col)
    if letter is None:
        letter = _LETTERS[col] = col_letter(col)
    return letter


_LETTERS_B: dict[int, bytes] = {}


def _letter_b(col: int) -> bytes:
    letter = _LETTERS_B.get(col)
    if letter is None:
        letter = _LETTERS_B[col] = col_letter(col).encode()
    return letter


def _text_body(prefix: str, text: str) -> str:
    """What follows a text cell's r and s attributes: an inline string (never a formula, never shared)."""
    text = text[:32_767]
    if _PLAIN.search(text) is not None:
        text = text_xml(text)
    p = prefix
    return f' t="inlineStr"><{p}is><{p}t xml:space="preserve">{text}</{p}t></{p}is></{p}c>'


def cell_body(prefix: str, value: Any) -> str:
    """What follows a cell's r and s attributes for `value` (see `cell_xml`): its type, its value and its end."""
    p = prefix
    if value is None:
        return "/>"
    if isinstance(value, bool):
        return f' t="b"><{p}v>{int(value)}</{p}v></{p}c>'
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return "/>"
        return f"><{p}v>{value!r}</{p}v></{p}c>"
    return _text_body(prefix, str(value))


def cell_xml(prefix: str, row: int, col: int, value: Any, xf: int) -> str:
    """One cell: `value` (None: an empty cell; text: an inline string) in format `xf` (0: none)."""
    style = f' s="{xf}"' if xf else ""
    return f'<{prefix}c r="{_letter(col)}{row}"{style}{cell_body(prefix, value)}'


Seen = dict[tuple[int, int], int]  # (row, col) -> the format a watched cell has in the sheet as read
CellStyle = Callable[[Seen], int]  # an added cell's format, from what was seen
BlockStyle = Callable[[int, bool], int]  # a block's format: (its source cell's format, is text) -> format


@dataclass
class _Col:
    """One `<col>` of a sheet's `<cols>`: its range, its XML and its attributes."""

    lo: int
    hi: int
    xml: str
    attrs: dict[str, str]


def _no_source(row: int) -> int:
    return 0


def _no_style(s: int, text: bool) -> int:
    return 0


class SheetEdits:
    """What changes in one of the user's sheets.

    `restyle`: (row, col) -> function of the cell's current format giving its new one (a new cell when
    the sheet has none there); `cells`: (row, col) -> (value, function of `seen` giving the format), cells
    that do not exist yet; `watch`: cells whose current format those functions read from `seen`.
    """

    def __init__(self) -> None:
        self.restyle: dict[tuple[int, int], Callable[[int], int]] = {}
        self.cells: dict[tuple[int, int], tuple[Any, CellStyle]] = {}
        # The added cells right of each row's last (the computed columns): row -> values, from column
        # `block_first`, each formatted by `block_style` from the format of the row's cell in column
        # `block_source(row)` (one tuple per row: a large sheet has tens of thousands).
        self.blocks: dict[int, Sequence[Any]] = {}
        self.block_first = 0
        self.block_source: Callable[[int], int] = _no_source
        self.block_style: BlockStyle = _no_style
        self.watch: set[tuple[int, int]] = set()
        # (row, col) -> the cell's format before pk-excel's earlier mark (a second run): what `seen` gives, so
        # that nothing added copies the colour of an old mark.
        self.restore: dict[tuple[int, int], Callable[[int], int]] = {}
        self.merges: list[str] = []
        self.widths: dict[int, float] = {}
        self.legacy_rid: str | None = None

    def __bool__(self) -> bool:
        return bool(self.restyle or self.cells or self.blocks or self.merges or self.widths or self.legacy_rid)


def _cell_tags(xml: str, start: int, end: int, row: int, cols: list[int]) -> list[tuple[int, int, int]] | None:
    """(col, start, end) of the start tag of each of cells (row, col) of xml[start:end], found by their
    references, in order; None unless every one is there and they come in the order of their columns."""
    out = []
    after = start
    for col in cols:
        at = xml.find(f'r="{_letter(col)}{row}"', start, end)
        if at < 0:
            return None
        lt = xml.rfind("<", start, at)
        if lt < after:
            return None
        after = xml.find(">", at)
        out.append((col, lt, after))
    return out


def _format_of(xml: str, start: int, end: int, row: int, col: int) -> int | None:
    """The format (`s`) of cell (row, col) among the cells in xml[start:end], found by its reference: -1
    when the row has no such cell; None when it may be one written without its reference (then the cells
    are read in order)."""
    at = xml.find(f'r="{_letter(col)}{row}"', start, end)
    if at < 0:
        return -1 if _CELL_WITHOUT_R.search(xml, start, end) is None else None
    sm = _S_ATTR.search(xml, xml.rfind("<", start, at), xml.find(">", at))
    return int(sm.group(1) or 0) if sm else 0


def patch_sheet(xml: bytes, edits: SheetEdits, width_record: dict[int, float | None]) -> PatchedSheet:
    """The sheet part (UTF-8, `Package.utf8`) with `edits` applied (see `PatchedSheet`); `width_record`
    receives the original widths of changed columns. Every format function of `edits` has been called when
    this returns."""
    return PatchedSheet(xml, edits, width_record)


class PatchedSheet:
    """A worksheet part with `SheetEdits` applied, written by `pieces` (UTF-8).

    Only rows with edits are looked into. A row that only gains cells right of its last one is extended
    without parsing its cells (the added columns: made when written, from the formats settled here); a row
    with a restyled cell is parsed cell by cell and made here, as are rows the sheet does not have yet.
    What changes is kept as spans of the text as read, in order: four arrays of integers rather than an
    object per row, so that a sheet of 100,000 rows costs a few MB here, not the patched text.
    """

    def __init__(self, xml: bytes, edits: SheetEdits, width_record: dict[int, float | None]):
        xml = clean_xml(xml)  # comments, CDATA, instructions would mislead the row and cell patterns
        m = _SHEET_DATA_B.search(xml)
        if m is None:
            raise ValueError("worksheet without sheetData")
        prefix = m.group(1).decode("utf-8")
        close_data = f"</{prefix}sheetData>".encode()
        if m.group(2):  # <sheetData/>
            head, tail = xml[: m.start()], xml[m.end() :]
            body_start = body_end = m.end()
            open_tag = m.group(0)[:-2] + b">"
        else:
            body_start = m.end()
            body_end = xml.index(close_data, body_start)
            head, tail = xml[: m.start()], xml[body_end + len(close_data) :]
            open_tag = m.group(0)
        self._xml, self._edits, self._prefix = xml, edits, prefix
        self._body = (body_start, body_end)
        # The changed spans of the body, in order: xml[at:to] is replaced (at == to: rows inserted there) by
        # texts[-1 - how] when how < 0, else it is row `row` extended by its block in looks[how].
        self._at, self._to, self._row, self._how = array("q"), array("q"), array("q"), array("q")
        self._texts: list[bytes] = []
        self._looks: list[tuple[str, str]] = []  # (a number cell's s attribute, a text cell's)
        self._look_index: dict[int, int] = {}  # source cell's format -> index in _looks
        self._heads: dict[int, list[str]] = {}  # first column of a block -> '<c r="X' of each of its cells
        self._words: dict[str, str] = {}  # text of an added cell -> `_text_body` (status, predikat recur)
        max_row, max_col = self._settle(xml, prefix, body_start, body_end)
        head_text = _patch_head(head.decode("utf-8"), prefix, edits, width_record, max_row, max_col)
        rprefix = "r"
        if edits.legacy_rid is not None:
            head_text, rprefix = _bind_r(head_text)
        self._head = head_text.encode("utf-8") + open_tag
        self._tail = close_data + _patch_tail(tail.decode("utf-8"), prefix, edits, rprefix).encode("utf-8")
        # What is written needs only the blocks: the restyling functions (and what they hold) can go.
        self._blocks, self._first = edits.blocks, edits.block_first
        del self._edits

    def _replace(self, at: int, to: int, text: str) -> None:
        self._at.append(at)
        self._to.append(to)
        self._row.append(0)
        self._how.append(-1 - len(self._texts))
        self._texts.append(text.encode("utf-8"))

    def _settle(self, xml: bytes, prefix: str, body_start: int, body_end: int) -> tuple[int, int]:
        """Read the rows with edits, call every format function, and note what changes where. Returns the
        last row and column the sheet has now."""
        edits = self._edits
        blocks = edits.blocks
        # Columns of the cells restyled or added in a row, besides its block (a few rows: marks, headers).
        extra: dict[int, list[int]] = defaultdict(list)
        for r, c in [*edits.restyle, *edits.cells]:
            extra[r].append(c)
        for cols in extra.values():
            cols.sort()
        watch_by_row: dict[int, list[int]] = defaultdict(list)
        for r, c in edits.watch:
            watch_by_row[r].append(c)
        # Rows that gain more than their block, or whose cells other formats read, are made here.
        made_here = set(extra) | set(watch_by_row)
        seen: Seen = {}
        pending = sorted({*extra, *blocks})
        k = 0  # next index into pending
        last = 0
        max_row = max(pending, default=0)
        widest = max(map(len, blocks.values()), default=0)
        max_col = max([*(cols[-1] for cols in extra.values()), edits.block_first + widest - 1 if widest else 0],
                      default=0)  # fmt: skip
        own_row = f"{prefix}row".encode()
        done: set[int] = set()
        restore = edits.restore
        # Written for speed: this loop visits every row of the sheet.
        search, find, rfind = _ROW_OPEN_B.search, xml.find, xml.rfind
        row_r, s_attr = _ROW_R_B.search, _S_ATTR_B.search
        at_, to_, row_, how_ = self._at.append, self._to.append, self._row.append, self._how.append
        look_index, source = self._look_index, edits.block_source
        pos = body_start
        while (m := search(xml, pos, body_end)) is not None:
            start, open_end = m.span()
            qname, ra, number = m.groups()
            if ra.endswith(b"/"):
                ra = ra[:-1]
                end = inner_end = open_end
            else:
                inner_end = find(b"</%b>" % qname, open_end, body_end)
                if inner_end < 0:  # not closed: not a row (the reader refuses a sheet that is not well-formed)
                    pos = open_end
                    continue
                end = inner_end + len(qname) + 3
            pos = end
            rr = number or (rm.group(1) if (rm := row_r(ra)) else None)
            row = int(rr) if rr else last + 1
            last = row
            if row in done:
                # The same row written again (a broken writer): readers take its cells as the later ones, so
                # they are restyled too; cells are added once.
                if any((row, c) in edits.restyle for c in extra.get(row, ())):
                    restyled = functools.partial(_restyled, row=row, edits=edits)
                    self._replace(start, end, _CELL.sub(restyled, xml[start:end].decode("utf-8")))
                continue
            done.add(row)
            edited = row in blocks or row in extra
            if not edited and row not in watch_by_row and (k >= len(pending) or pending[k] > row):
                continue
            if k < len(pending) and pending[k] < row:
                new = []
                while k < len(pending) and pending[k] < row:
                    new.append(_new_row(prefix, pending[k], self._cols(pending[k], extra), edits, seen))
                    k += 1
                self._replace(start, start, "".join(new))
            if not edited and row not in watch_by_row:
                continue
            if row in blocks and row not in made_here and qname == own_row and end > open_end:
                # A row that only gains its block (most rows of a large sheet): only its source cell is read
                # (found by its reference), the block is made when the part is written.
                src = source(row)
                needle = b'r="%b%d"' % (_letter_b(src), row)
                at = find(needle, open_end, inner_end)
                if at >= 0:
                    at += len(needle)
                    if xml.startswith(b' s="', at):  # the usual spelling, s right after r: read without a pattern
                        value = xml[at + 4 : xml.index(b'"', at + 4)]
                        s = int(value) if value.isdigit() else 0  # as `_S_ATTR` reads it
                    else:
                        sm = s_attr(xml, rfind(b"<", open_end, at), find(b">", at))
                        s = int(sm.group(1) or 0) if sm else 0
                    if restore:
                        s = _unmarked(edits, row, src, s)
                elif _CELL_WITHOUT_R_B.search(xml, open_end, inner_end) is None:
                    s = 0  # the row has no such cell
                else:
                    s = -1  # a cell may lack its reference: the row is read in order below
                if s >= 0:
                    k += 1
                    how = look_index.get(s)
                    at_(start)
                    to_(end)
                    row_(row)
                    how_(self._look(s) if how is None else how)
                    continue
            k += 1 if edited else 0
            text = xml[start:end].decode("utf-8")
            max_col = max(max_col, self._eager_row(text, prefix, row, start, end, end > open_end, rr is not None,
                                                   extra, watch_by_row, seen))  # fmt: skip
        if k < len(pending):
            new = [_new_row(prefix, r, self._cols(r, extra), edits, seen) for r in pending[k:]]
            self._replace(body_end, body_end, "".join(new))
        return max_row, max_col

    def _added(self, row: int, cols: list[int], seen: Seen) -> str:
        """The cells a row gains, in order: its block and the cells of `cols` (in order, as `_edit_cell`
        makes them)."""
        edits = self._edits
        values = edits.blocks.get(row)
        parts = [(c, _edit_cell(self._prefix, row, c, edits, seen)) for c in cols]
        if values is not None:
            first = edits.block_first
            if any(first <= c < first + len(values) for c in cols):  # a cell of its own there: one by one
                parts += [(c, _edit_cell(self._prefix, row, c, edits, seen)) for c in range(first, first + len(values))
                          if c not in cols]  # fmt: skip
            else:
                look = self._looks[self._look(seen.get((row, edits.block_source(row)), 0))]
                parts.append((first, self._block_cells(row, first, values, look)))
            parts.sort(key=lambda x: x[0])
        return "".join(t for _, t in parts)

    def _cols(self, row: int, extra: dict[int, list[int]]) -> list[int]:
        """The columns of the cells restyled or added in `row`, in order."""
        values = self._edits.blocks.get(row)
        if values is None:
            return extra[row]
        first = self._edits.block_first
        return sorted([*extra.get(row, ()), *range(first, first + len(values))])

    def _eager_row(self, xml: str, prefix: str, row: int, start: int, end: int, closed: bool, has_r: bool,
                   extra: dict[int, list[int]], watch_by_row: dict[int, list[int]], seen: Seen) -> int:  # fmt: skip
        """Read the watched cells of a row that gains more than its block (or is only watched), and make it
        here when it changes: `xml` is the row (xml[start:end] of the sheet), `closed` False for `<row/>`.
        Returns its last column."""
        open_end = xml.index(">") + 1  # '>' in an attribute value was escaped (`clean_xml`)
        inner_end = xml.rindex("<") if closed else open_end
        m = _ROW_OPEN.match(xml)
        assert m is not None  # it was found so
        ra = m.group(2).removesuffix("/")
        edits = self._edits
        restyle = edits.restyle
        block = row in edits.blocks
        watched = [*watch_by_row.get(row, ()), *((edits.block_source(row),) if block else ())]
        edited = block or row in extra
        # When every cell has its reference, cells are found by it: the watched ones read, the restyled ones
        # given their format in place. The row is parsed cell by cell when a cell lacks its reference or a
        # marked cell is not there yet (it goes in between).
        marked = [c for c in extra.get(row, ()) if (row, c) in restyle]
        tags = None
        if _CELL_WITHOUT_R.search(xml, open_end, inner_end) is None:
            tags = _cell_tags(xml, open_end, inner_end, row, marked)
        if tags is not None:
            for c in watched:
                got = _format_of(xml, open_end, inner_end, row, c)
                if got is not None and got >= 0:
                    seen[(row, c)] = _unmarked(edits, row, c, got)
            if not edited:
                return 0
            inner = []
            at = open_end
            for c, lt, gt in tags:
                tag = xml[lt : gt + 1]
                sm = _S_ATTR.search(tag)
                inner += [xml[at:lt], _with_style(tag, restyle[(row, c)](int(sm.group(1) or 0) if sm else 0), row, c)]
                at = gt + 1
            inner.append(xml[at:inner_end])
            inner.append(self._added(row, [c for c in extra.get(row, ()) if c not in marked], seen))
            ra = _SPANS.sub("", ra).rstrip("/")
            self._replace(start, end, f"<{prefix}row{ra}>{''.join(inner)}</{prefix}row>")
            # a marked row's cells count towards the sheet's dimension, as when the row is read in order
            return max(map(col_number, _REFERENCE.findall(xml, open_end, inner_end)), default=0) if marked else 0
        cells = []
        col = 0
        for cm in _CELL.finditer(xml, open_end, inner_end):
            ca = cm.group(1)
            ref = _R_ATTR.search(ca)
            col = col_number(ref.group(1)) if ref else col + 1
            sm = _S_ATTR.search(ca)
            s = int(sm.group(1) or 0) if sm else 0
            if col in watched:
                seen[(row, col)] = _unmarked(edits, row, col, s)
            cells.append((col, s, cm))
        if not edited:
            return 0
        parts: list[tuple[int, str]] = []
        existing = set()
        for col, s, cm in cells:
            existing.add(col)
            fn = restyle.get((row, col))
            text = cm.group(0)
            if fn is not None:
                text = _with_style(text, fn(s), row, col)
            parts.append((col, text))
        for col in self._cols(row, extra):
            if col not in existing:
                parts.append((col, _edit_cell(prefix, row, col, edits, seen)))
        parts.sort(key=lambda x: x[0])
        ra = _SPANS.sub("", ra).rstrip("/")
        if not has_r:
            ra = f' r="{row}"' + ra
        self._replace(start, end, f"<{prefix}row{ra}>{''.join(t for _, t in parts)}</{prefix}row>")
        return parts[-1][0]

    def _look(self, s: int) -> int:
        """The index in `_looks` of a block's formats when its source cell has format `s`."""
        how = self._look_index.get(s)
        if how is None:
            style = self._edits.block_style
            number, text = style(s, False), style(s, True)
            how = self._look_index[s] = len(self._looks)
            self._looks.append((f' s="{number}"' if number else "", f' s="{text}"' if text else ""))
        return how

    def size_hint(self) -> int:
        """About how many bytes `pieces` gives: the text as read, the rows made here, and a generous 1,000
        for the added cells of each row extended when written."""
        return len(self._xml) + sum(map(len, self._texts)) + 1000 * sum(1 for how in self._how if how >= 0)

    def pieces(self) -> Iterator[bytes]:
        """The patched part in order, in pieces of up to about a megabyte (a thousand rows at a time)."""
        xml, p = self._xml, self._prefix
        yield self._head
        pos = self._body[0]
        texts, looks, blocks, first = self._texts, self._looks, self._blocks, self._first
        open_row, close = f"<{p}row".encode(), f"</{p}row>".encode()
        open_len = len(open_row)
        out: list[bytes] = []
        for at, to, row, how in zip(self._at, self._to, self._row, self._how):
            if at > pos:
                out.append(xml[pos:at])
            pos = to
            if how < 0:
                out.append(texts[-1 - how])
                continue
            tag_end = xml.index(b">", at)  # '>' in an attribute value was escaped (`clean_xml`)
            ra = xml[at + open_len : tag_end]
            if b"spans" in ra:  # the spans hint would leave out the added cells
                ra = _SPANS_B.sub(b"", ra)
            added = self._block_cells(row, first, blocks[row], looks[how]).encode("utf-8")
            out += (open_row, ra, b">", xml[tag_end + 1 : to - len(close)], added, close)
            if len(out) >= 6000:
                yield b"".join(out)
                out.clear()
        if self._body[1] > pos:
            out.append(xml[pos : self._body[1]])
        yield b"".join(out)
        yield self._tail

    def _block_cells(self, row: int, first: int, values: Sequence[Any], look: tuple[str, str]) -> str:
        """The added cells of a row that only gains its block: numbers and empty cells in the number format
        of `look`, text in its text format (as `cell_xml` writes them)."""
        p = self._prefix
        heads = self._heads.get(first)
        if heads is None:
            heads = self._heads[first] = [f'<{p}c r="{_letter(c)}' for c in range(first, first + len(values))]
        number, text = look
        words = self._words
        ref, v_open, v_close = f'{row}"', f"><{p}v>", f"</{p}v></{p}c>"
        out = []
        for head, value in zip(heads, values):
            if value is None:
                out.append(f"{head}{ref}{number}/>")
            elif value.__class__ is float and value - value == 0.0:  # finite (the usual value: a capaian)
                out.append(f"{head}{ref}{number}{v_open}{value!r}{v_close}")
            elif isinstance(value, str):
                body = words.get(value)
                if body is None:
                    body = words[value] = _text_body(p, value)
                out.append(f"{head}{ref}{text}{body}")
            else:
                out.append(f"{head}{ref}{number}{cell_body(p, value)}")
        return "".join(out)


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
    values = edits.blocks.get(row)
    first = edits.block_first
    if values is not None and first <= col < first + len(values):
        value = values[col - first]
        s = seen.get((row, edits.block_source(row)), 0)
        return cell_xml(prefix, row, col, value, edits.block_style(s, isinstance(value, str)))
    return cell_xml(prefix, row, col, None, edits.restyle[(row, col)](0))


def _new_row(prefix: str, row: int, cols: list[int], edits: SheetEdits, seen: Seen) -> str:
    return f'<{prefix}row r="{row}">{"".join(_edit_cell(prefix, row, c, edits, seen) for c in cols)}</{prefix}row>'


_CELL_TAG = re.compile(r"<((?:\w+:)?c)\b([^>]*)>")


def _with_style(cell: str, xf: int, row: int, col: int) -> str:
    m = _CELL_TAG.match(cell)
    if m is None:
        return cell
    a = m.group(2)
    empty = "/" if a.endswith("/") else ""
    a = a[: len(a) - len(empty)]
    a, n = _S_ATTR.subn(f's="{xf}"', a)
    if not n:
        a += f' s="{xf}"'
    if not _R_ATTR.search(a):
        a = f' r="{_letter(col)}{row}"' + a
    return f"<{m.group(1)}{a}{empty}>" + cell[m.end() :]


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

