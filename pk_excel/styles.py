"""`styles.xml` edited as text: fonts, fills and cell formats found or appended (existing indices never move),
a cell format derived from another with some parts changed, and the fills pk-excel uses. Items inside
`mc:AlternateContent` count as the one the reader takes (its Fallback, else its Choice).
"""

from __future__ import annotations

import functools
import re
from typing import Any

from .xmlparse import clean_text
from .xmltext import attrs, insert_before, prefixed, quoteattr


def _section(xml: str, tag: str) -> re.Match | None:
    return re.search(rf"<((?:\w+:)?){tag}\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?{tag}>)", xml, re.S)


# A start, end or empty tag (comments, CDATA and '>' in attribute values are cleaned first: `clean_text`).
_TAG = re.compile(r"<(/?)([A-Za-z_][\w:.-]*)\b[^>]*?(/?)>")
_AC_PARTS = re.compile(r"<((?:\w+:)?)(Fallback|Choice)\b[^>]*>(.*?)</\1\2>", re.S)
_PREFIXES = re.compile(r"<(/?)\w+:")


def _items(body: str | None) -> list[str]:
    """The top-level elements of a list's body, each whole, in order: the list's indices. An
    `mc:AlternateContent` (Hancell, newer Excel) is one item, as it is to Excel."""
    if not body:
        return []
    items = []
    depth = 0
    start = 0
    for m in _TAG.finditer(body):
        if m.group(1):
            depth -= 1
            if depth == 0:
                items.append(body[start : m.end()])
        elif m.group(3):
            if depth == 0:
                items.append(m.group(0))
        else:
            if depth == 0:
                start = m.start()
            depth += 1
    return items


def _effective(item: str) -> str:
    """What an item says: an `mc:AlternateContent`'s fallback (or first choice), without namespace prefixes."""
    if re.match(r"<(?:\w+:)?AlternateContent\b", item):
        parts = {m.group(2): m.group(3) for m in reversed(list(_AC_PARTS.finditer(item)))}
        inner = _items(parts.get("Fallback") or parts.get("Choice") or "")
        item = inner[0] if inner else ""
    return _PREFIXES.sub(r"<\1", item)


def _fill(item: str) -> str | None:
    """A fill item as XML without prefixes, or None when it fills nothing."""
    raw = _effective(item)
    if re.search(r'patternType="none"', raw) or not re.search(r"pattern|gradient", raw, re.I):
        return None
    return raw


_EXT_LIST = re.compile(r"<extLst\b.*?</extLst>|<extLst\b[^>]*/>", re.S)  # extensions (a checkbox's) apart
_XF_DEFAULTS = {"numFmtId": "0", "fontId": "0", "fillId": "0", "borderId": "0", "xfId": "0"}


@functools.lru_cache(maxsize=8192)  # the same fonts, fills and formats come back file after file in a folder
def _key(item: str) -> tuple:
    """An item compared by meaning: element names, attributes (apply* flags left out: Excel ignores them in
    cell formats) and children, whatever the spelling (prefixes, quotes, spacing, attribute order)."""
    out = []
    for m in _TAG.finditer(_EXT_LIST.sub("", _effective(item))):
        name = m.group(2)
        if m.group(1):
            out.append(("/", name))
            continue
        a = attrs(m.group(0)[len(name) + 1 :])
        if name == "xf":  # an index left out is 0
            a = {**_XF_DEFAULTS, **a}
        out.append((name, tuple(sorted((k, v) for k, v in a.items() if not k.startswith(("apply", "xmlns"))))))
        if m.group(3):
            out.append(("/", name))
    return tuple(out)


class Styles:
    """xl/styles.xml: fonts, fills and cell formats appended, or found where they already are (so a second
    run adds nothing); nothing existing moves or is rewritten."""

    _LISTS = (("fonts", "font"), ("fills", "fill"), ("borders", "border"), ("cellXfs", "xf"))

    def __init__(self, xml: str):
        self.xml = xml = clean_text(xml)
        root = re.search(r"<(\w+:)?styleSheet\b", xml)
        self.prefix = root.group(1) or "" if root else ""
        self.lists: dict[str, list[str]] = {}
        self.start: dict[str, int] = {}
        for tag, _ in self._LISTS:
            m = _section(xml, tag)
            self.lists[tag] = _items(m.group(3) if m else None)
            self.start[tag] = len(self.lists[tag])
        if not self.lists["cellXfs"]:
            self.lists["cellXfs"].append(prefixed('<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>', self.prefix))
        if not self.lists["fonts"]:
            self.lists["fonts"].append(prefixed('<font><sz val="11"/><name val="Calibri"/></font>', self.prefix))
        if not self.lists["fills"]:  # Excel reserves fills 0 and 1 whatever they say
            self.lists["fills"] += [
                prefixed('<fill><patternFill patternType="none"/></fill>', self.prefix),
                prefixed('<fill><patternFill patternType="gray125"/></fill>', self.prefix),
            ]
        if not self.lists["borders"]:
            self.lists["borders"].append(prefixed("<border><left/><right/><top/><bottom/><diagonal/></border>", self.prefix))
        self._index: dict[str, dict[tuple, int]] = {}
        self._derived: dict[tuple, int] = {}
        self._xf_cache: dict[int, tuple[dict[str, str], dict[str, str]]] = {}
        self._fill_cache: dict[int, str | None] = {}

    def _find_or_add(self, tag: str, xml: str) -> int:
        """The index of the item meaning `xml` in list `tag`: an existing one (the first), else appended."""
        index = self._index.get(tag)
        if index is None:
            index = self._index[tag] = {}
            for i, item in enumerate(self.lists[tag]):
                index.setdefault(_key(item), i)
        key = _key(xml)
        got = index.get(key)
        if got is None:
            self.lists[tag].append(prefixed(xml, self.prefix))
            got = index[key] = len(self.lists[tag]) - 1
        return got

    def add_fill(self, xml: str) -> int:
        return self._find_or_add("fills", xml)

    def add_font(self, xml: str) -> int:
        return self._find_or_add("fonts", xml)

    def xf(self, index: int) -> tuple[dict[str, str], dict[str, str]]:
        """(attributes, children by name: alignment/protection) of cell format `index` (0 when unknown)."""
        got = self._xf_cache.get(index)
        if got is None:
            xfs = self.lists["cellXfs"]
            raw = _effective(xfs[index] if 0 <= index < len(xfs) else xfs[0])
            head = re.match(r"<xf\b([^>]*?)/?>", raw)
            children = {
                m.group(1): m.group(0)
                for m in re.finditer(r"<(alignment|protection)\b[^>]*?(?:/>|>\s*</\1\s*>)", raw)
            }  # either spelling of an empty element: <alignment .../> or <alignment ...></alignment>
            got = self._xf_cache[index] = (attrs(head.group(1)) if head else {}, children)
        return got

    def fill_xml(self, index: int) -> str | None:
        """The fill of cell format `index` as XML without prefixes, or None when it has none."""
        if index in self._fill_cache:  # asked for every marked cell
            return self._fill_cache[index]
        a, _ = self.xf(index)
        fid = int(a.get("fillId", "0") or 0)
        fills = self.lists["fills"]
        got = _fill(fills[fid]) if 0 < fid < len(fills) else None
        if 0 <= index < len(self.lists["cellXfs"]) and fid < len(fills):  # known for good: kept
            self._fill_cache[index] = got
        return got

    def font_xml(self, index: int) -> str:
        a, _ = self.xf(index)
        fonts = self.lists["fonts"]
        fid = int(a.get("fontId", "0") or 0)
        return _effective(fonts[fid] if 0 <= fid < len(fonts) else fonts[0])

    def font0(self) -> str:
        """Font 0 (the workbook's default) as XML without prefixes."""
        return _effective(self.lists["fonts"][0])

    def derive(self, base: int, **changes: Any) -> int:
        """A cell format like `base` with `changes`: fontId, fillId, borderId, numFmtId (ints) and
        alignment (XML or None to keep): an existing format that means the same, else a new one appended.
        Cached, so every cell with the same look shares one format."""
        key = (base, tuple(sorted(changes.items())))
        got = self._derived.get(key)
        if got is None:
            got = self._derived[key] = self._find_or_add("cellXfs", self._derived_xml(base, changes))
        return got

    def existing(self, base: int, **changes: Any) -> int | None:
        """`derive` without adding: the existing format that means the same, or None."""
        self._find_or_add("cellXfs", self.lists["cellXfs"][0])  # builds the index
        return self._index["cellXfs"].get(_key(self._derived_xml(base, changes)))

    def fills_like(self, xml: str) -> list[int]:
        """Every fill that means the same as `xml` (a workbook may hold one fill twice), first to last."""
        key = _key(xml)
        return [i for i, item in enumerate(self.lists["fills"]) if _key(item) == key]

    def _derived_xml(self, base: int, changes: dict[str, Any]) -> str:
        a, children = self.xf(base)
        a = {k: v for k, v in a.items() if ":" not in k}  # an extension attribute's prefix may not be bound here
        children = dict(children)
        apply = {"fontId": "applyFont", "fillId": "applyFill", "borderId": "applyBorder", "numFmtId": "applyNumberFormat"}
        for name, value in changes.items():
            if name == "alignment":
                if value is not None:
                    children["alignment"] = value
                    a["applyAlignment"] = "1"
                continue
            a[name] = str(value)
            a[apply[name]] = "1"
        for name in ("numFmtId", "fontId", "fillId", "borderId"):
            a.setdefault(name, "0")
        a.setdefault("xfId", "0")
        head = "<xf" + "".join(f" {k}={quoteattr(v)}" for k, v in a.items())
        body = "".join(children[k] for k in ("alignment", "protection") if k in children)
        return head + (f">{body}</xf>" if body else "/>")

    def serialize(self) -> str:
        """styles.xml with the appended items at the end of their lists (and the count updated); the rest
        of the part as it was."""
        xml = self.xml
        p = self.prefix
        order = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs")
        if _section(xml, "cellStyleXfs") is None:  # the cell formats' xfId="0" must point somewhere
            normal = f'<{p}cellStyleXfs count="1"><{p}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></{p}cellStyleXfs>'
            xml = insert_before(xml, normal, ("cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"), f"</{p}styleSheet>")
        for tag, _ in self._LISTS:
            items = self.lists[tag]
            new = items[self.start[tag] :]
            m = _section(xml, tag)
            if not new and m is not None:
                continue
            if m is not None and m.group(3) is not None:
                opening = re.match(r"<[^>]*>", m.group(0)).group(0)  # type: ignore[union-attr]
                if re.search(r"""\bcount=["']\d*["']""", opening):
                    opening = re.sub(r"""\bcount=["']\d*["']""", f'count="{len(items)}"', opening, count=1)
                else:
                    opening = opening[:-1] + f' count="{len(items)}">'
                close = m.start() + m.group(0).rindex("</")
                xml = xml[: m.start()] + opening + xml[m.start() + len(m.group(0).split(">", 1)[0]) + 1 : close] + "".join(new) + xml[close:]
                continue
            block = f'<{p}{tag} count="{len(items)}">{"".join(items)}</{p}{tag}>'
            if m is not None:  # <fonts/>
                xml = xml[: m.start()] + block + xml[m.end() :]
            else:
                later = order[order.index(tag) + 1 :] + ("cellStyles", "dxfs", "tableStyles", "colors", "extLst")
                xml = insert_before(xml, block, later, f"</{p}styleSheet>")
        return xml


def font_variant(base: str, *, bold: bool = False, size: float | None = None, color: str | None = None,
                 underline: bool = False) -> str:  # fmt: skip
    """A font like `base` (XML of a <font>) with the given changes, without namespace prefixes."""
    base = re.sub(r"<(/?)\w+:", r"<\1", base)
    body = re.search(r"<font\b[^>]*>(.*)</font>", base, re.S)
    kids = re.findall(r"<(\w+)\b[^>]*?/>|<(\w+)\b[^>]*>.*?</\2>", body.group(1), re.S) if body else []
    raw = re.findall(r"<\w+\b[^>]*?/>|<(?:\w+)\b[^>]*>.*?</\w+>", body.group(1), re.S) if body else []
    drop = {"b"} if bold else set()
    if underline:
        drop.add("u")
    if size is not None:
        drop.add("sz")
    if color is not None:
        drop.add("color")
    keep = [x for (n1, n2), x in zip(kids, raw, strict=False) if (n1 or n2) not in drop]
    head = ("<b/>" if bold else "") + ('<u val="single"/>' if underline else "")
    head += f'<sz val="{size:g}"/>' if size is not None else ""
    head += f'<color rgb="FF{color}"/>' if color is not None else ""
    return f"<font>{head}{''.join(keep)}</font>"


def solid_fill(colour: str) -> str:
    """A solid fill exactly as openpyxl writes `PatternFill("solid", colour, colour)`."""
    return f'<fill><patternFill patternType="solid"><fgColor rgb="00{colour}"/><bgColor rgb="00{colour}"/></patternFill></fill>'


def recorded_fill(colour: str) -> str:
    """How the marks record pk-excel's fill of `colour` (RRGGBB): the spelling earlier versions recorded, so a
    second run reads old and new marks alike (`unmark` compares fills by their colour)."""
    return (
        f'<fill><patternFill patternType="solid"><fgColor rgb="00{colour}" /><bgColor rgb="00{colour}" />'
        "</patternFill></fill>"
    )

