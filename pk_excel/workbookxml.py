"""The parts a validated copy adds around the user's sheets: new sheets (`NewSheet`: Temuan, Ringkasan, the
marks sheet), the workbook part (`Workbook`: sheets and defined names added, named by `_rels/.rels`), and the
custom document properties (`add_custom_property`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from . import opc
from .cellref import col_letter
from .package import CT_CUSTOM, CT_WORKSHEET, NS_MAIN, NS_R, REL_CUSTOM, REL_WORKSHEET, Package
from .sheetpatch import cell_body, cell_xml
from .xmltext import R_PREFIX, attrs, escape, insert_before, quoteattr

_CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
_AFTER_DEFINED_NAMES = ("calcPr", "oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes",
                        "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst")  # fmt: skip



# A row made when its sheet is written: (height or None, its cells from column 1 as (value, format), a
# hyperlink (ref, location, display) or None).
MadeRow = tuple[float | None, Sequence[tuple[Any, int]], tuple[str, str, str] | None]


class NewSheet:
    """A sheet pk-excel adds, written as one part: its cells put in memory, and for a long sheet (Temuan)
    rows made only as the part is written (`make_rows`), so that they are never held. A `Streamed` part."""

    def __init__(self) -> None:
        self.cells: dict[int, dict[int, tuple[Any, int]]] = defaultdict(dict)
        self.merges: list[str] = []
        self.widths: dict[int, float] = {}
        self.heights: dict[int, float] = {}
        self.links: list[tuple[str, str, str]] = []  # (ref, location, display)
        self.freeze_row: int | None = None
        self.autofilter: str | None = None
        self.landscape = False
        self.drawing_rid: str | None = None
        self.row_breaks: list[int] = []  # a page break after each of these rows (1-based)
        self._made: tuple[int, int, int, Callable[[int], MadeRow]] | None = None

    def put(self, row: int, col: int, value: Any, xf: int = 0) -> None:
        self.cells[row][col] = (value, xf)

    def make_rows(self, first: int, count: int, cols: int, row: Callable[[int], MadeRow]) -> None:
        """Rows first .. first + count - 1 (below every cell put), `cols` cells wide, made when the part is
        written: `row(i)` gives the i-th (0-based)."""
        self._made = (first, count, cols, row)

    def size_hint(self) -> int:
        """About how many characters the part has (rows made when written: a generous 2,000 each)."""
        return 2000 * (len(self.cells) + (self._made[1] if self._made else 0)) + 2000

    def xml(self) -> str:
        return "".join(self.pieces())

    def pieces(self) -> Iterator[str]:
        made = self._made
        max_row = max(self.cells, default=1)
        max_col = max((c for r in self.cells.values() for c in r), default=1)
        if made is not None and made[1]:
            max_row, max_col = max(max_row, made[0] + made[1] - 1), max(max_col, made[2])
        pr = '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' if self.landscape else ""
        if self.freeze_row:
            top = f"A{self.freeze_row + 1}"
            view = (
                f'<sheetView workbookViewId="0"><pane ySplit="{self.freeze_row}" topLeftCell="{top}" '
                f'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="{top}" '
                f'sqref="{top}"/></sheetView>'
            )
        else:
            view = '<sheetView workbookViewId="0"/>'
        cols = "".join(
            f'<col min="{c}" max="{c}" width="{w:g}" customWidth="1"/>' for c, w in sorted(self.widths.items())
        )
        yield (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_R}">{pr}'
            f'<dimension ref="A1:{col_letter(max_col)}{max_row}"/><sheetViews>{view}</sheetViews>'
            '<sheetFormatPr defaultRowHeight="15"/>' + (f"<cols>{cols}</cols>" if cols else "") + "<sheetData>"
        )
        for r in sorted({*self.cells, *self.heights}):
            yield _row_xml(r, self.heights.get(r), sorted(self.cells[r].items()) if r in self.cells else None)
        links = list(self.links)
        if made is not None:
            first, count, width, row = made
            heads = [f'<c r="{col_letter(c)}' for c in range(1, width + 1)]
            looks: dict[int, str] = {}  # format -> its s attribute
            rows: list[str] = []  # given a few hundred at a time
            for i in range(count):
                height, cells, link = row(i)
                r = first + i
                ref = f'{r}"'
                parts = []
                for head, (value, xf) in zip(heads, cells):  # as `cell_xml` writes them, on thousands of rows
                    look = looks.get(xf)
                    if look is None:
                        look = looks[xf] = f' s="{xf}"' if xf else ""
                    parts.append(f"{head}{ref}{look}{cell_body('', value)}")
                ht = f' ht="{height:g}" customHeight="1"' if height is not None else ""
                rows.append(f'<row r="{r}"{ht}>{"".join(parts)}</row>')
                if link is not None:
                    links.append(link)
                if len(rows) >= 500:
                    yield "".join(rows)
                    rows.clear()
            yield "".join(rows)
        out = ["</sheetData>"]
        if self.autofilter:
            out.append(f'<autoFilter ref="{self.autofilter}"/>')
        if self.merges:
            out.append(f'<mergeCells count="{len(self.merges)}">')
            out.extend(f'<mergeCell ref="{m}"/>' for m in self.merges)
            out.append("</mergeCells>")
        if links:
            out.append("<hyperlinks>")
            out.extend(
                f"<hyperlink ref={quoteattr(ref)} location={quoteattr(loc)} display={quoteattr(disp)}/>"
                for ref, loc, disp in links
            )
            out.append("</hyperlinks>")
        out.append('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>')
        if self.landscape:
            out.append('<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>')
        if self.row_breaks:
            n = len(self.row_breaks)
            out.append(f'<rowBreaks count="{n}" manualBreakCount="{n}">')
            out.extend(f'<brk id="{r}" max="16383" man="1"/>' for r in sorted(self.row_breaks))
            out.append("</rowBreaks>")
        if self.drawing_rid:
            out.append(f'<drawing r:id="{self.drawing_rid}"/>')
        out.append("</worksheet>")
        yield "".join(out)


def _row_xml(r: int, height: float | None, cells: list[tuple[int, tuple[Any, int]]] | None) -> str:
    """One row of a new sheet: its height (None: the default) and cells ((col, (value, format)), in order;
    None: a row with only its height)."""
    ht = f' ht="{height:g}" customHeight="1"' if height is not None else ""
    if cells is None:
        return f'<row r="{r}"{ht}/>'
    return f'<row r="{r}"{ht}>{"".join([cell_xml("", r, c, v, xf) for c, (v, xf) in cells])}</row>'


class Workbook:
    """The package's workbook part (named by _rels/.rels; usually xl/workbook.xml), with sheets and defined
    names added."""

    def __init__(self, pkg: Package):
        self.pkg = pkg
        self.part = opc.main_part(pkg.zf) or "xl/workbook.xml"  # named by _rels/.rels, as the reader finds it
        self.xml = pkg.text(self.part)
        root = re.search(r"<(\w+:)?workbook\b[^>]*>", self.xml)
        self.prefix = root.group(1) or "" if root else ""
        rp = R_PREFIX.search(root.group(0) if root else "")
        if rp is None and root is not None:
            tag = root.group(0)
            self.xml = self.xml[: root.start()] + tag[:-1] + f' xmlns:r="{NS_R}">' + self.xml[root.end() :]
            self.rprefix = "r"
        else:
            self.rprefix = rp.group(1) if rp else "r"
        self.titles = [
            attrs(m.group(1)).get("name", "") for m in re.finditer(r"<(?:\w+:)?sheet\b([^>]*?)/?>", self.xml)
        ]
        self.names: list[str] = []

    def add_sheet(self, title: str, part: str, state: str | None = None) -> int:
        """Add the sheet; returns its 0-based position."""
        rid = self.pkg.add_rel(self.part, REL_WORKSHEET, part)
        self.pkg.add_override(part, CT_WORKSHEET)
        ids = [int(x) for x in re.findall(r"""<(?:\w+:)?sheet\b[^>]*?\bsheetId=["'](\d+)["']""", self.xml)]
        sheet_id = max(ids, default=0) + 1
        st = f' state="{state}"' if state else ""
        line = f"<{self.prefix}sheet name={quoteattr(title)} sheetId=\"{sheet_id}\"{st} {self.rprefix}:id=\"{rid}\"/>"
        m = re.search(r"</(?:\w+:)?sheets>", self.xml)
        if m is None:
            raise ValueError(f"{self.part} has no <sheets> element")
        self.xml = self.xml[: m.start()] + line + self.xml[m.start() :]
        self.titles.append(title)
        return len(self.titles) - 1

    def define(self, name: str, sheet_index: int, value: str, hidden: bool = False) -> None:
        h = ' hidden="1"' if hidden else ""
        self.names.append(
            f'<{self.prefix}definedName name="{name}" localSheetId="{sheet_index}"{h}>{escape(value)}</{self.prefix}definedName>'
        )

    def serialize(self) -> str:
        xml = self.xml
        if self.names:
            m = re.search(r"<((?:\w+:)?)definedNames\b[^>]*?(/?)>", xml)
            block = "".join(self.names)
            if m and not m.group(2):
                close = xml.index(f"</{m.group(1)}definedNames>", m.end())
                xml = xml[:close] + block + xml[close:]
            else:
                if m:
                    xml = xml[: m.start()] + xml[m.end() :]
                p = self.prefix
                xml = insert_before(xml, f"<{p}definedNames>{block}</{p}definedNames>", _AFTER_DEFINED_NAMES, f"</{p}workbook>")
        return xml


def unique_title(titles: list[str], base: str) -> str:
    lower = {t.lower() for t in titles}
    if base.lower() not in lower:
        return base
    title = f"{base} (pk-excel)"
    n = 2
    while title.lower() in lower:
        title = f"{base} (pk-excel {n})"
        n += 1
    return title


_VT = r"(?:http://schemas\.openxmlformats\.org/officeDocument/2006|http://purl\.oclc\.org/ooxml/officeDocument)/docPropsVTypes"


def custom_props_part(pkg: Package) -> str:
    """The package's custom document properties part: the one _rels/.rels names, else docProps/custom.xml."""
    for r in pkg.rels(""):
        if r.type.endswith(("/custom-properties", "/customProperties")) and r.part:
            return r.part
    return "docProps/custom.xml"


def add_custom_property(pkg: Package, name: str, value: str) -> None:
    part = custom_props_part(pkg)
    prop = (
        f'<property fmtid="{_CUSTOM_FMTID}" pid="{{pid}}" name={quoteattr(name)}><vt:lpwstr>{escape(value)}'
        "</vt:lpwstr></property>"
    )
    if pkg.has(part):
        xml = pkg.text(part)
        # An empty <Properties .../> (no property yet) opened up, so the property can go inside.
        xml = re.sub(r"<((?:\w+:)?Properties)\b([^>]*?)\s*/>", r"<\1\2></\1>", xml, count=1)
        pids = [int(x) for x in re.findall(r"""\bpid=["'](\d+)["']""", xml)]
        pid = max(pids + [1]) + 1
        m = re.search(r"</(\w+:)?Properties\s*>", xml)
        if m is not None:
            vt = re.search(rf"""xmlns:(\w+)\s*=\s*["']{_VT}["']""", xml)
            line = prop.replace("{pid}", str(pid))
            if vt and vt.group(1) != "vt":
                line = line.replace("vt:", vt.group(1) + ":")
            elif not vt:
                xml = re.sub(
                    r"(<(?:\w+:)?Properties\b)",
                    r'\1 xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"',
                    xml,
                    count=1,
                )
                m = re.search(r"</(\w+:)?Properties>", xml)
            assert m is not None  # found above, before the namespace was bound
            xml = xml[: m.start()] + _prefixed_props(line, m.group(1) or "") + xml[m.start() :]
            pkg.put(part, xml)
            return
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        + prop.replace("{pid}", "2")
        + "</Properties>"
    )
    pkg.put(part, xml)
    pkg.add_override(part, CT_CUSTOM)
    if not any(r.part == part for r in pkg.rels("")):
        pkg.add_rel("", REL_CUSTOM, part)


def _prefixed_props(line: str, prefix: str) -> str:
    if not prefix:
        return line
    return line.replace("<property", f"<{prefix}property").replace("</property>", f"</{prefix}property>")



