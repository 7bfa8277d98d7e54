"""Editing an Office Open XML package (.xlsx/.xlsm) as text, part by part, without an object model.

What `xlsxpatch` builds the validated copy with: the zip (`Package`: parts read, replaced, added, deleted,
relationships and content types), `styles.xml` (`Styles`: fonts, fills and cell formats appended, never
renumbered), a worksheet's rows (`patch_sheet`: cells restyled or added, columns, merges, the notes' drawing),
new sheets (`NewSheet`), `workbook.xml` (`Workbook`: sheets and defined names), the notes' VML, a chart and its
drawing, and custom document properties.

Parts are edited with small, anchored regular expressions rather than parsed and re-serialised: an XML
library would rename namespace prefixes that `mc:Ignorable` refers to. New elements go where the schema
orders them (`insert_before`), so Excel opens the result without a repair. Guard has refused any part with
a DTD before a package gets here.
"""

from __future__ import annotations

import functools
import html
import math
import posixpath
import re
import time
import zipfile
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .cellref import col_letter, split
from .xmlparse import clean_text, well_formed

NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
REL_WORKSHEET = NS_R + "/worksheet"
REL_COMMENTS = NS_R + "/comments"
REL_VML = NS_R + "/vmlDrawing"
REL_DRAWING = NS_R + "/drawing"
REL_CHART = NS_R + "/chart"
REL_CUSTOM = NS_R + "/custom-properties"
CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
CT_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing"
CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml"
CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CT_CUSTOM = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"
# Types a part pk-excel adds gets by its extension when the package has no <Default> for it.
_DEFAULT_TYPES = {"rels": CT_RELS, "vml": CT_VML}
_OVERRIDE_TYPES = {"xml": "application/xml"}
_CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"

_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# Worksheet children after sheetData, in schema order: a new element goes before the first later one present.
_AFTER_MERGE = (
    "phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks", "printOptions", "pageMargins",
    "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors",
    "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
    "webPublishItems", "tableParts", "extLst",
)  # fmt: skip
_AFTER_LEGACY = ("legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems",
                 "tableParts", "extLst")  # fmt: skip
_AFTER_DEFINED_NAMES = ("calcPr", "oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes",
                        "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst")  # fmt: skip


def escape(text: str) -> str:
    """XML character data (xml.sax.saxutils.escape, whose import pulls in urllib, http and ssl)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def quoteattr(text: str) -> str:
    """An XML attribute value with its double quotes."""
    return '"' + escape(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;") + '"'


def attrs(text: str) -> dict[str, str]:
    return {m.group(1): html.unescape(m.group(2) if m.group(2) is not None else m.group(3)) for m in _ATTR.finditer(text)}


def text_xml(value: str) -> str:
    """A cell or note text as XML character data: `_xHHHH_` for characters XML cannot hold (as Excel does).

    A literal `_xHHHH_` in the text is left as it is: readers differ on decoding its escaped form, and
    openpyxl (like pk-excel's own reader) would show `_x005F_...`."""
    value = _ILLEGAL.sub(lambda m: f"_x{ord(m.group()):04X}_", value)
    return escape(value)


_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.-]+)["']""")


def xml_text(data: bytes) -> str:
    """An XML part's bytes as text, whatever its encoding; the declaration then says UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    enc = "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        enc = "utf-16"
    else:
        m = _DECLARED.match(data[:200])
        if m and m.group(1).lower() not in (b"utf-8", b"utf8"):
            enc = m.group(1).decode("ascii")
    if enc == "utf-8":
        return data.decode("utf-8")
    text = data.decode(enc).lstrip("\ufeff")
    return re.sub(r"""^(\s*<\?xml[^>]*encoding\s*=\s*["'])[\w.-]+""", r"\g<1>UTF-8", text, count=1)


def prefixed(xml: str, prefix: str) -> str:
    """`xml` written with the namespace prefix of the part it goes into ("" or "x:")."""
    if not prefix:
        return xml
    return re.sub(r"<(/?)(\w+)(?=[\s/>])", lambda m: f"<{m.group(1)}{prefix}{m.group(2)}", xml)


_ALTERNATE = re.compile(r"<(/?)(?:\w+:)?AlternateContent\b")


@functools.lru_cache(maxsize=16)
def _any_of(names: tuple[str, ...]) -> re.Pattern:
    return re.compile(rf"<(?:\w+:)?(?:{'|'.join(names)})[\s/>]")


def insert_before(xml: str, new: str, later: tuple[str, ...], close_tag: str) -> str:
    """Insert `new` before the first element named in `later`, or before the root's closing tag."""
    m = _any_of(later).search(xml)
    if m is not None:
        best = m.start()
        # Excel wraps newer elements (controls, oleObjects) in mc:AlternateContent: go before the wrapper.
        depth, start = 0, None
        for w in _ALTERNATE.finditer(xml, 0, best):
            if w.group(1):
                depth -= 1
            else:
                depth, start = depth + 1, (w.start() if depth == 0 else start)
        if depth > 0 and start is not None:
            best = start
    else:
        best = xml.rindex(close_tag) if close_tag in xml else len(xml)
    return xml[:best] + new + xml[best:]


# Transitional namespaces and relationship types pk-excel writes -> their Strict spelling (longest first).
_STRICT_PREFIX = "http://purl.oclc.org/ooxml/"
_STRICT = {
    NS_R + "/custom-properties": _STRICT_PREFIX + "officeDocument/relationships/customProperties",
    NS_R + "/extended-properties": _STRICT_PREFIX + "officeDocument/relationships/extendedProperties",
    NS_R: _STRICT_PREFIX + "officeDocument/relationships",
    NS_MAIN: _STRICT_PREFIX + "spreadsheetml/main",
    "http://schemas.openxmlformats.org/drawingml/2006/main": _STRICT_PREFIX + "drawingml/main",
    "http://schemas.openxmlformats.org/drawingml/2006/chart": _STRICT_PREFIX + "drawingml/chart",
    "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing": _STRICT_PREFIX + "drawingml/spreadsheetDrawing",
    "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties": _STRICT_PREFIX + "officeDocument/customProperties",
    "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes": _STRICT_PREFIX + "officeDocument/docPropsVTypes",
}
_TRANSITIONAL = re.compile("|".join(re.escape(k) + r"(?![\w-])" for k in sorted(_STRICT, key=len, reverse=True)))
_TRANSITIONAL_B = re.compile(_TRANSITIONAL.pattern.encode())


def _extension(name: str) -> str:
    """A part name's extension, lower case ("_rels/.rels" is of extension rels)."""
    base = posixpath.basename(name)
    return base.rsplit(".", 1)[1].lower() if "." in base else ""


def _to_strict(text: str) -> str:
    return _TRANSITIONAL.sub(lambda m: _STRICT[m.group(0)], text) if "schemas.openxmlformats.org" in text else text


# --- the package -------------------------------------------------------------------------------------------


class Package:
    """The input's zip, read part by part; changed and added parts are kept until `write`."""

    def __init__(self, zf: zipfile.ZipFile):
        self.zf = zf
        self.infos = zf.infolist()
        self.names = {i.filename for i in self.infos}
        self.changed: dict[str, bytes] = {}
        self.added: list[str] = []
        self.deleted: set[str] = set()
        # Part names are case-insensitive in a package (OPC): xl/worksheets/Sheet1.xml and its relationships
        # xl/worksheets/_rels/sheet1.xml.rels belong together, and no second part may differ only by case.
        self._folded = {n.lower(): n for n in self.names}

    def resolve(self, name: str) -> str:
        """The package's own spelling of part `name` (compared without case), or `name` for a new part."""
        if name in self.names or name in self.changed:
            return name
        return self._folded.get(name.lower(), name)

    def has(self, name: str) -> bool:
        name = self.resolve(name)
        return (name in self.names or name in self.changed) and name not in self.deleted

    def read(self, name: str) -> bytes:
        name = self.resolve(name)
        if name in self.changed:
            data = self.changed[name]
            return "".join(data).encode("utf-8") if isinstance(data, list) else data
        return self.zf.read(name)

    def text(self, name: str) -> str:
        """Part `name` as text; a part in another encoding (UTF-16, a declared legacy one) is decoded and
        its declaration says UTF-8 from now on, as it will be written."""
        return xml_text(self.read(name))

    def checked_text(self, name: str) -> str:
        """`text` of a part pk-excel edits with patterns and the reader has not vetted (a comments part):
        refused as damaged unless it is well-formed XML without a DTD, then cleaned (`xlsxread.clean_text`)."""
        from .workbook import _corrupt

        text = self.text(name)
        try:
            well_formed(text.encode("utf-8"), name)
        except ValueError as e:
            raise _corrupt(Path(self.zf.filename or name), str(e)) from None
        return clean_text(text)

    def put(self, name: str, data: str | bytes | list[str]) -> None:
        """Replace or add part `name`; a list of strings is written piece by piece."""
        name = self.resolve(name)
        self.deleted.discard(name)
        if name not in self.names and name not in self.changed:
            self.added.append(name)
            self._folded[name.lower()] = name
        self.changed[name] = data.encode("utf-8") if isinstance(data, str) else data

    def free(self, pattern: str) -> str:
        """The first unused part name of `pattern` ("xl/worksheets/sheet{}.xml")."""
        n = 1
        while self.has(pattern.format(n)):
            n += 1
        return pattern.format(n)

    # relationships

    @staticmethod
    def rels_name(part: str) -> str:
        folder, name = posixpath.split(part)
        return posixpath.join(folder, "_rels", name + ".rels")

    def rels(self, part: str) -> list[dict[str, str]]:
        """The relationships of `part`, each with its Id, Type and resolved `part` (None when external)."""
        name = self.rels_name(part)
        if not self.has(name):
            return []
        folder = posixpath.dirname(part)
        out = []
        for m in re.finditer(r"<(?:\w+:)?Relationship\b([^>]*?)/?>", self.text(name)):
            a = attrs(m.group(1))
            target = a.get("Target", "")
            if a.get("TargetMode") == "External":
                a["part"] = None  # type: ignore[assignment]
            elif target.startswith("/"):
                a["part"] = target.lstrip("/")
            else:
                a["part"] = posixpath.normpath(posixpath.join(folder, target))
            out.append(a)
        return out

    def add_rel(self, part: str, rel_type: str, target: str) -> str:
        name = self.rels_name(part)
        existing = {r.get("Id") for r in self.rels(part)}
        n = 1  # the first free id of this part: a second run on the copy gives the same ids again
        while f"rIdPk{n}" in existing:
            n += 1
        rid = f"rIdPk{n}"
        rel_target = posixpath.relpath(target, posixpath.dirname(part) or ".")
        line = f'<Relationship Id="{rid}" Type="{rel_type}" Target={quoteattr(rel_target)}/>'
        if self.has(name):
            xml = self.text(name)
            m = re.search(r"</(\w+:)?Relationships>", xml)
            if m and m.group(1):
                line = prefixed(line, m.group(1))
            if m:
                xml = xml[: m.start()] + line + xml[m.start() :]
            else:  # <Relationships .../>
                xml = re.sub(r"<((?:\w+:)?Relationships)\b([^>]*)/>", rf"<\1\2>{line}</\1>", xml, count=1)
        else:
            xml = (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<Relationships xmlns="{_PKG_RELS}">{line}</Relationships>'
            )
            self.put(name, xml)
            self.type_part(name)  # now, not at the end: a second run then lists the types in the same order
            return rid
        self.put(name, xml)
        return rid

    def add_override(self, part: str, content_type: str) -> None:
        xml = self.text("[Content_Types].xml")
        if re.search(rf'PartName="/{re.escape(part)}"', xml, re.I):
            return
        self._types(xml, f'<Override PartName="/{part}" ContentType="{content_type}"/>')

    def add_default(self, ext: str, content_type: str) -> None:
        xml = self.text("[Content_Types].xml")
        if re.search(rf'Extension="{re.escape(ext)}"', xml, re.I):
            return
        self._types(xml, f'<Default Extension="{ext}" ContentType="{content_type}"/>')

    def _types(self, xml: str, line: str) -> None:
        m = re.search(r"</(\w+:)?Types>", xml)
        if m is None:
            raise ValueError("[Content_Types].xml has no Types element")
        self.put("[Content_Types].xml", xml[: m.start()] + prefixed(line, m.group(1) or "") + xml[m.start() :])

    def typed(self) -> None:
        """Give every part pk-excel added a content type: a package may list its parts by `<Override>` only,
        with no `<Default>` for .rels (LibreOffice up to 6.x), and a part without a type is damage to Excel.
        A part of the input without a type stays as the input has it."""
        if not self.has("[Content_Types].xml"):
            return
        xml = self.text("[Content_Types].xml")
        typed = {m.lower() for m in re.findall(r"""\bPartName=["']/?([^"']*)["']""", xml)}
        defaults = {m.lower() for m in re.findall(r"""\bExtension=["']([^"']*)["']""", xml)}
        for name in self.added:
            if name.lower() not in typed and _extension(name) not in defaults and name not in self.deleted:
                self.type_part(name)

    def type_part(self, name: str) -> None:
        """Give part `name` a content type unless [Content_Types].xml already types it: a <Default> for the
        extensions that have one (.rels, .vml), else an <Override>."""
        if name in self.deleted or name == "[Content_Types].xml" or not self.has("[Content_Types].xml"):
            return
        xml = self.text("[Content_Types].xml")
        if re.search(rf"""\bPartName=["']/?{re.escape(name)}["']""", xml, re.I):
            return
        ext = _extension(name)
        if re.search(rf"""\bExtension=["']{re.escape(ext)}["']""", xml, re.I):
            return
        if ext in _DEFAULT_TYPES:
            self.add_default(ext, _DEFAULT_TYPES[ext])
        else:
            self.add_override(name, _OVERRIDE_TYPES.get(ext, "application/xml"))

    def strict(self) -> bool:
        """True for a Strict Open XML package (its officeDocument relationship in the purl.oclc.org family)."""
        return any(
            r.get("Type", "").startswith(_STRICT_PREFIX) and r.get("Type", "").endswith("/officeDocument")
            for r in self.rels("")
        )

    def one_family(self) -> None:
        """In a Strict package, what pk-excel wrote in transitional namespaces and relationship types is
        written in Strict ones: one namespace family per package, or Excel refuses the copy."""
        if not self.strict():
            return
        for name, data in self.changed.items():
            if isinstance(data, list):
                self.changed[name] = [_to_strict(piece) for piece in data]
            elif name.endswith((".xml", ".rels")) and _TRANSITIONAL_B.search(data):
                self.changed[name] = _to_strict(data.decode("utf-8")).encode("utf-8")

    def write(self, path: str) -> None:
        self.typed()
        self.one_family()
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as out:
            last = {i.filename: i for i in self.infos}  # a name twice in the zip: readers take the last one
            for info in self.infos:
                if info.is_dir() or info.filename in self.deleted or last[info.filename] is not info:
                    continue
                data = self.changed.get(info.filename)
                if data is None:
                    data = self.zf.read(info)
                zi = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                zi.compress_type = zipfile.ZIP_DEFLATED
                zi.external_attr = info.external_attr
                _store(out, zi, data)
            for name in self.added:
                if name not in self.deleted:
                    zi = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
                    zi.compress_type = zipfile.ZIP_DEFLATED
                    _store(out, zi, self.changed[name])


def _store(out: zipfile.ZipFile, zi: zipfile.ZipInfo, data: bytes | list[str]) -> None:
    if not isinstance(data, list):
        out.writestr(zi, data)
        return
    with out.open(zi, "w", force_zip64=sum(len(x) for x in data) > 2**30) as fh:
        for piece in data:
            fh.write(piece.encode("utf-8"))


# --- styles ------------------------------------------------------------------------------------------------


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
        a, _ = self.xf(index)
        fid = int(a.get("fillId", "0") or 0)
        fills = self.lists["fills"]
        if fid <= 0 or fid >= len(fills):
            return None
        raw = _effective(fills[fid])
        if re.search(r'patternType="none"', raw) or not re.search(r"pattern|gradient", raw, re.I):
            return None
        return raw

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


def openpyxl_fill_text(colour: str) -> str:
    """`marks.fill_to_xml` of openpyxl's reading of `solid_fill(colour)`: how the mark records our fill."""
    return (
        f'<fill><patternFill patternType="solid"><fgColor rgb="00{colour}" /><bgColor rgb="00{colour}" />'
        "</patternFill></fill>"
    )


# --- cells and sheets -------------------------------------------------------------------------------------

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


class SheetEdits:
    """What changes in one of the user's sheets.

    `restyle`: (row, col) -> function of the cell's current format giving its new one (a new cell when
    the sheet has none there); `cells`: (row, col) -> (value, function of `seen` giving the format), cells
    that do not exist yet; `watch`: cells whose current format those functions read from `seen`.
    """

    def __init__(self) -> None:
        self.restyle: dict[tuple[int, int], Callable[[int], int]] = {}
        self.cells: dict[tuple[int, int], tuple[Any, Callable[[dict], int]]] = {}
        # row -> (first column, values, source cell, style(seen, source, is_text)): a run of added cells
        self.blocks: dict[int, tuple[int, list[Any], tuple[int, int], Callable[[dict, tuple[int, int], bool], int]]] = {}
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
                out.append(_CELL.sub(lambda cm, row=row: _restyled(cm, row, edits), rm.group(0)))
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


# The relationships namespace on a root element, transitional or Strict; its prefix is group 1.
_R_PREFIX = re.compile(
    r"""xmlns:(\w+)=["'](?:http://schemas\.openxmlformats\.org/officeDocument/2006/relationships"""
    r"""|http://purl\.oclc\.org/ooxml/officeDocument/relationships)["']"""
)
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


def _edit_cell(prefix: str, row: int, col: int, edits: SheetEdits, seen: dict) -> str:
    """A cell the sheet does not have yet: an added one, or a marked empty cell."""
    got = edits.cells.get((row, col))
    if got is not None:
        value, style = got
        return cell_xml(prefix, row, col, value, style(seen))
    block = edits.blocks.get(row)
    if block is not None and block[0] <= col < block[0] + len(block[1]):
        first, values, src, style = block
        value = values[col - first]
        return cell_xml(prefix, row, col, value, style(seen, src, isinstance(value, str)))
    return cell_xml(prefix, row, col, None, edits.restyle[(row, col)](0))


def _new_row(prefix: str, row: int, cols: list[int], edits: SheetEdits, seen: dict) -> str:
    return f'<{prefix}row r="{row}">{"".join(_edit_cell(prefix, row, c, edits, seen) for c in cols)}</{prefix}row>'


def _with_style(cell: str, xf: int, row: int, col: int) -> str:
    m = re.match(r"<((?:\w+:)?c)\b([^>]*?)(/?)>", cell)
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
    items = []
    if cols_m:
        for cm in re.finditer(r"<(?:\w+:)?col\b([^>]*?)/?>(?:</(?:\w+:)?col>)?", cols_m.group(2)):
            a = attrs(cm.group(1))
            try:
                items.append([int(a.get("min", "0")), int(a.get("max", "0")), cm.group(0), a])
            except ValueError:
                continue
    lo, hi = min(edits.widths), max(edits.widths)
    for it in [it for it in items if it[0] != it[1] and it[0] <= hi and lo <= it[1]]:
        if it[3].get("hidden") not in ("1", "true"):
            continue
        # Columns hidden up to the sheet's end (templates hide what they do not use) would hide ours: the
        # range keeps its look on both sides of them.
        items.remove(it)
        for a0, a1 in ((it[0], lo - 1), (hi + 1, it[1])):
            if a0 <= a1:
                a = {**it[3], "min": str(a0), "max": str(a1)}
                items.append([a0, a1, f"<{prefix}col" + "".join(f" {k}={quoteattr(v)}" for k, v in a.items()) + "/>", a])
    for col, width in edits.widths.items():
        covering = [it for it in items if it[0] <= col <= it[1]]
        if any(it[0] != it[1] for it in covering):
            continue  # a width over a range of columns: leave it, splitting it would change the sheet
        if covering:
            it = covering[0]
            a = it[3]
            record[col] = float(a["width"]) if a.get("customWidth") in ("1", "true") and "width" in a else None
            a = {**a, "width": f"{width:g}", "customWidth": "1"}
            it[2] = f"<{prefix}col" + "".join(f" {k}={quoteattr(v)}" for k, v in a.items()) + "/>"
        else:
            record[col] = None
            items.append([col, col, f'<{prefix}col min="{col}" max="{col}" width="{width:g}" customWidth="1"/>', {}])
    items.sort(key=lambda it: it[0])
    block = f"<{prefix}cols>{''.join(it[2] for it in items)}</{prefix}cols>"
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
    bound = _R_PREFIX.search(root.group(0))
    if bound is not None:
        return head, bound.group(1)
    tag = root.group(0)
    prefix = "r" if "xmlns:r=" not in tag else "rpk"
    new = tag[:-1].rstrip("/") + f' xmlns:{prefix}="{NS_R}"' + (">" if not tag.endswith("/>") else "/>")
    return head[: root.start()] + new + head[root.end() :], prefix


# --- notes -------------------------------------------------------------------------------------------------

VML_HEAD = (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:x="urn:schemas-microsoft-com:office:excel">'
    '<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{block}"/></o:shapelayout>'
)
VML_TYPE = (
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">'
    '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
)


def vml_shape(shape_id: int, row: int, col: int, height: int) -> str:
    """The hidden note box of the cell at (row, col), 1-based."""
    rows = max(3, height // 20)
    return (
        f'<v:shape id="_x0000_s{shape_id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;'
        f'margin-top:1.5pt;width:320px;height:{height}px;z-index:1;visibility:hidden" fillcolor="#ffffe1" '
        'o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/>'
        '<v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto">'
        '<div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/>'
        f"<x:SizeWithCells/><x:Anchor>{col}, 15, {max(row - 2, 0)}, 10, {col + 4}, 15, {row - 1 + rows}, 4"
        f"</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>{row - 1}</x:Row><x:Column>{col - 1}</x:Column>"
        "</x:ClientData></v:shape>"
    )


def comment_runs(inner: str, p: str) -> str:
    """The user's note text (the inside of <text>) as runs, so ours can follow as one more run."""
    inner = re.sub(r"<(?:\w+:)?rPh\b.*?</(?:\w+:)?rPh>|<(?:\w+:)?phoneticPr\b[^>]*/>", "", inner, flags=re.S)
    if re.search(r"<(?:\w+:)?r[\s>]", inner):
        return inner
    return f"<{p}r>{inner}</{p}r>" if inner.strip() else ""


_VML_NS = {
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "x": "urn:schemas-microsoft-com:office:excel",
}


def bind_vml(vml: str) -> str:
    """Declare the prefixes v:, o:, x: our note shapes use on the drawing's root (openpyxl writes its
    VML with ns0:, ns1:, ... for the same namespaces)."""
    root = re.search(r"<xml\b[^>]*>", vml)
    if root is None:
        return vml
    tag = root.group(0)
    extra = "".join(f' xmlns:{k}="{v}"' for k, v in _VML_NS.items() if f"xmlns:{k}=" not in tag)
    if not extra:
        return vml
    return vml[: root.start()] + tag[:-1] + extra + ">" + vml[root.end() :]


def comment_plain(inner: str) -> str:
    """The plain text of a note (the inside of <text>), as Excel shows it."""
    inner = re.sub(r"<(?:\w+:)?rPh\b.*?</(?:\w+:)?rPh>", "", inner, flags=re.S)
    texts = re.findall(r"<(?:\w+:)?t\b[^>]*>(.*?)</(?:\w+:)?t>|<(?:\w+:)?t\b[^>]*/>", inner, re.S)
    return _unescape_x("".join(html.unescape(t) for t in texts))


def _unescape_x(text: str) -> str:
    if "_x" not in text:
        return text
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), text)


# --- the chart ---------------------------------------------------------------------------------------------


def _ref(title: str, col: int, r0: int, r1: int | None = None) -> str:
    sheet = "'" + title.replace("'", "''") + "'"
    letter = col_letter(col)
    return f"{sheet}!${letter}${r0}" + (f":${letter}${r1}" if r1 is not None else "")


def chart_xml(plan: Any, title: str, head: int) -> str:
    """A chartSpace for `plan` (annotate.ChartPlan) whose data sits on sheet `title` from row `head`."""
    first, last = head + 1, head + len(plan.rows)

    def str_cache(values: list[Any]) -> str:
        pts = "".join(f'<c:pt idx="{i}"><c:v>{escape(str(v))}</c:v></c:pt>' for i, v in enumerate(values))
        return f'<c:strCache><c:ptCount val="{len(values)}"/>{pts}</c:strCache>'

    def num_cache(values: list[Any]) -> str:
        pts = "".join(f'<c:pt idx="{i}"><c:v>{v}</c:v></c:pt>' for i, v in enumerate(values))
        return f'<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="{len(values)}"/>{pts}</c:numCache>'

    cats = [r[0] for r in plan.rows]

    def series(idx: int, col: int, extra: str = "") -> str:
        values = [r[col - 1] for r in plan.rows]
        return (
            f'<c:ser><c:idx val="{idx}"/><c:order val="{idx}"/>'
            f"<c:tx><c:strRef><c:f>{escape(_ref(title, col, head))}</c:f>{str_cache([plan.header[col - 1]])}</c:strRef></c:tx>"
            f"{extra}"
            f"<c:cat><c:strRef><c:f>{escape(_ref(title, 1, first, last))}</c:f>{str_cache(cats)}</c:strRef></c:cat>"
            f"<c:val><c:numRef><c:f>{escape(_ref(title, col, first, last))}</c:f>{num_cache(values)}</c:numRef></c:val>"
            "</c:ser>"
        )

    def rich(text: str) -> str:
        return (
            "<c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>"
            f"{escape(text)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val=\"0\"/>"
        )

    # Horizontal bars, the first at the top (categories maxMin, the value axis crossing at the far end so it
    # stays below), each bar's value at its end (a 0% bar still shows "0"), no axis title, no legend.
    labels = (
        '<c:dLbls><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>'
        '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>'
    )
    blue = '<c:spPr><a:solidFill><a:srgbClr val="4472C4"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>'
    bar = (
        '<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>'
        f"{series(0, 2, blue)}{labels}"
        '<c:gapWidth val="60"/><c:axId val="10"/><c:axId val="100"/></c:barChart>'
    )
    small = '<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900"/></a:pPr><a:endParaRPr lang="id-ID"/></a:p></c:txPr>'
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        f'xmlns:r="{NS_R}"><c:roundedCorners val="0"/><c:chart>'
        f'<c:title>{rich(plan.title)}</c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>'
        f"{bar}"
        '<c:catAx><c:axId val="10"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/>'
        '<c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/>'
        f'<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>{small}<c:crossAx val="100"/>'
        '<c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/>'
        '<c:noMultiLvlLbl val="0"/></c:catAx>'
        '<c:valAx><c:axId val="100"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="b"/><c:majorGridlines/>'
        '<c:numFmt formatCode="0" sourceLinked="0"/><c:majorTickMark val="out"/>'
        '<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="10"/>'
        '<c:crosses val="max"/><c:crossBetween val="between"/></c:valAx></c:plotArea>'
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>'
    )


def drawing_xml(rid: str, col: int, row: int, width_cm: float, height_cm: float) -> str:
    """One chart anchored at (col, row), 0-based, of the given size."""
    emu = 360_000
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        f"<xdr:oneCellAnchor><xdr:from><xdr:col>{col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{row}</xdr:row>"
        f'<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="{int(width_cm * emu)}" cy="{int(height_cm * emu)}"/>'
        '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Grafik pk-excel"/>'
        '<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/>'
        '</xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
        '<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
        f'xmlns:r="{NS_R}" r:id="{rid}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/>'
        "</xdr:oneCellAnchor></xdr:wsDr>"
    )


# --- new sheets --------------------------------------------------------------------------------------------


class NewSheet:
    """A sheet pk-excel adds, built in memory and written as one part."""

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

    def put(self, row: int, col: int, value: Any, xf: int = 0) -> None:
        self.cells[row][col] = (value, xf)

    def xml(self) -> str:
        rows = []
        max_row = max(self.cells, default=1)
        max_col = max((c for r in self.cells.values() for c in r), default=1)
        for r in sorted(self.cells):
            height = f' ht="{self.heights[r]:g}" customHeight="1"' if r in self.heights else ""
            cells = "".join(cell_xml("", r, c, v, xf) for c, (v, xf) in sorted(self.cells[r].items()))
            rows.append(f'<row r="{r}"{height}>{cells}</row>')
        for r in sorted(set(self.heights) - set(self.cells)):
            rows.append(f'<row r="{r}" ht="{self.heights[r]:g}" customHeight="1"/>')
        rows.sort(key=lambda x: int(re.match(r'<row r="(\d+)"', x).group(1)))
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
        out = [
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
            f'<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_R}">{pr}',
            f'<dimension ref="A1:{col_letter(max_col)}{max_row}"/><sheetViews>{view}</sheetViews>',
            '<sheetFormatPr defaultRowHeight="15"/>',
            f"<cols>{cols}</cols>" if cols else "",
            f"<sheetData>{''.join(rows)}</sheetData>",
        ]
        if self.autofilter:
            out.append(f'<autoFilter ref="{self.autofilter}"/>')
        if self.merges:
            out.append(f'<mergeCells count="{len(self.merges)}">')
            out.extend(f'<mergeCell ref="{m}"/>' for m in self.merges)
            out.append("</mergeCells>")
        if self.links:
            out.append("<hyperlinks>")
            out.extend(
                f"<hyperlink ref={quoteattr(ref)} location={quoteattr(loc)} display={quoteattr(disp)}/>"
                for ref, loc, disp in self.links
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
        return "".join(out)


# --- the whole write ---------------------------------------------------------------------------------------


class Workbook:
    """The package's workbook part (named by _rels/.rels; usually xl/workbook.xml), with sheets and defined
    names added."""

    def __init__(self, pkg: Package):
        self.pkg = pkg
        rels = pkg.rels("")  # the package's own relationships, _rels/.rels
        main = next((r["part"] for r in rels if r.get("Type", "").endswith("/officeDocument")), None)
        self.part = main or "xl/workbook.xml"
        self.xml = pkg.text(self.part)
        root = re.search(r"<(\w+:)?workbook\b[^>]*>", self.xml)
        self.prefix = root.group(1) or "" if root else ""
        rp = _R_PREFIX.search(root.group(0) if root else "")
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
        if r.get("Type", "").endswith(("/custom-properties", "/customProperties")) and r.get("part"):
            return r["part"]
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
    if not any(r.get("part") == part for r in pkg.rels("")):
        pkg.add_rel("", REL_CUSTOM, part)


def _prefixed_props(line: str, prefix: str) -> str:
    if not prefix:
        return line
    return line.replace("<property", f"<{prefix}property").replace("</property>", f"</{prefix}property>")


