"""The workbook-wide parts of an .xlsx/.xlsm that every sheet needs: the workbook part (its worksheets, the
1904 flag, `fullCalcOnLoad`), the styles' number formats, the shared strings and the custom properties.

Relationships and the main part come from `opc`. The shared strings can be large and are read with one
streaming expat pass (`xmlparse.feed`); the workbook, styles and custom-properties parts are small and go
through defusedxml. Only SpreadsheetML's main namespace is read in the workbook part (an extension's
`x15:workbookPr` is not ours). A damaged part raises ValueError.
"""

from __future__ import annotations

import zipfile
from typing import NamedTuple

from . import opc
from .numfmt import BUILTIN_FORMATS
from .xmlparse import MAIN_NAMESPACES, expat, feed, local_name, main_name, other_spellings

_WORKSHEET_REL = "/worksheet"


class SheetEntry(NamedTuple):
    """One worksheet the workbook lists: its name, its zip member, its state ("visible", "hidden", "veryHidden")."""

    title: str
    part: str
    state: str


class BookPart(NamedTuple):
    """What the workbook part says: the worksheets in order, the parts every sheet needs (None when absent)."""

    part: str
    sheets: list[SheetEntry]
    date1904: bool
    recalc: bool  # <calcPr fullCalcOnLoad="1">
    shared_strings: str | None
    styles: str | None
    missing: list[str]  # titles of worksheets the workbook lists whose part the package lacks


def _main_local(tag: str) -> str | None:
    """The local name of an ElementTree tag in SpreadsheetML's main namespace (or none); None otherwise."""
    if tag.startswith("{"):
        ns, _, local = tag[1:].partition("}")
        return local if ns in MAIN_NAMESPACES else None
    return tag


def workbook_part(zf: zipfile.ZipFile) -> str:
    """The workbook part (`opc.main_part`). Raises ValueError when the package has none."""
    part = opc.main_part(zf)
    if part is None:
        raise ValueError("no workbook part")
    return part


def read_book_part(zf: zipfile.ZipFile) -> BookPart:
    """The workbook part and its relationships read. Raises ValueError for a damaged part."""
    from defusedxml.ElementTree import fromstring

    names_ = zf.NameToInfo
    part = workbook_part(zf)
    rels = {rel.id: rel for rel in opc.read_rels(zf, part) if rel.part is not None}
    root = fromstring(zf.read(part))
    date1904 = recalc = False
    sheets: list[SheetEntry] = []
    missing: list[str] = []
    for el in root.iter():
        name = _main_local(el.tag)
        if name == "sheet":
            rid = next((v for k, v in el.attrib.items() if local_name(k) == "id" and k != "sheetId"), None)
            rel = rels.get(rid or "")
            if rel is None or not rel.type.endswith(_WORKSHEET_REL):
                continue
            if rel.part not in names_:  # left out, as openpyxl does; said when no table is found elsewhere
                missing.append(el.get("name", ""))
                continue
            sheets.append(SheetEntry(el.get("name", ""), rel.part, el.get("state", "visible")))
        elif name == "workbookPr":
            date1904 = el.get("date1904") in ("1", "true")
        elif name == "calcPr":
            recalc = el.get("fullCalcOnLoad") in ("1", "true")
    sst = styles = None
    for rel in rels.values():
        if rel.type.endswith("/sharedStrings") and rel.part in names_:
            sst = rel.part
        elif rel.type.endswith("/styles") and rel.part in names_:
            styles = rel.part
    if sst is None:
        sst = next((n for n in names_ if n.lower().endswith("sharedstrings.xml")), None)
    return BookPart(part, sheets, date1904, recalc, sst, styles, missing)


def read_styles(zf: zipfile.ZipFile, part: str | None) -> list[str]:
    """cellXfs index -> number format code, as openpyxl resolves it ([] without a styles part)."""
    from defusedxml.ElementTree import fromstring

    if part is None:
        return []
    root = fromstring(zf.read(part))
    custom: dict[int, str] = {}
    xfs: list[str] = []
    for el in root:
        name = local_name(el.tag)
        if name == "numFmts":
            for nf in el:
                try:
                    custom[int(nf.get("numFmtId", ""))] = nf.get("formatCode", "")
                except ValueError:
                    continue
        elif name == "cellXfs":
            for xf in el:
                if local_name(xf.tag) == "AlternateContent":  # one format, as Excel reads it: the fallback's
                    parts = {local_name(c.tag): c for c in xf}
                    chosen = parts.get("Fallback", parts.get("Choice"))
                    xf = next(iter(chosen), xf) if chosen is not None else xf
                try:
                    fid = int(xf.get("numFmtId", "0"))
                except ValueError:
                    fid = 0
                xfs.append(custom[fid] if fid in custom else BUILTIN_FORMATS.get(fid, "General"))
    return xfs


def read_custom_props(zf: zipfile.ZipFile) -> dict[str, str]:
    """The custom document properties (name -> text of its value), from the part the package's relationships
    name (else `docProps/custom.xml`); {} when there is none."""
    from defusedxml.ElementTree import fromstring

    part = "docProps/custom.xml"
    try:
        rels = opc.read_rels(zf, "")
    except ValueError:
        rels = []  # a damaged _rels/.rels: openpyxl does without it too
    for rel in rels:
        if rel.type.endswith(("/custom-properties", "/customProperties")) and rel.part is not None:
            part = rel.part
    if part not in zf.NameToInfo:
        return {}
    out: dict[str, str] = {}
    for prop in fromstring(zf.read(part)):
        name = prop.get("name")
        if name is None:
            continue
        child = next(iter(prop), None)
        out[name] = (child.text or "") if child is not None else ""
    return out


# The shared strings' elements by their transitional names, and their other spellings (Strict, no namespace).
_SST_ELEMENTS = ("sst", "si", "t", "rPh")
_SST, _SI, _T, _RPH = (main_name(local) for local in _SST_ELEMENTS)
_SST_RESPELL = other_spellings(*_SST_ELEMENTS)


def read_shared_strings(zf: zipfile.ZipFile, part: str | None, chunk: int) -> list[str]:
    """Each `<si>`'s text: its `<t>`, or its runs' `<t>` joined; phonetic runs (`<rPh>`) left out. One expat
    pass in pieces of `chunk` bytes. Raises ValueError for a damaged part or one without `<sst>`."""
    if part is None:
        return []
    out: list[str] = []
    parser = expat(part, namespaces=True, interned=False)
    buf: list[str] = []  # character data since the last <t> began (text elsewhere is never read from it)
    clear, join, add = buf.clear, "".join, out.append
    root = False
    item = -1  # len(out) when the <si> being read began (its texts are appended from there); -1 outside one
    rph = 0

    def start(name: str, _attrs: dict[str, str]) -> None:
        nonlocal root, item, rph
        if name == _T:
            clear()
        elif name == _SI:
            if item >= 0:  # an <si> inside another: the outer one's texts so far are dropped
                del out[item:]
            item = len(out)
        elif name == _RPH:
            rph += 1
        elif name == _SST:
            root = True
        elif (spelled := _SST_RESPELL.get(name)) is not None:
            start(spelled, _attrs)

    def end(name: str) -> None:
        nonlocal item, rph
        if name == _T:
            if item >= 0 and not rph:
                add(join(buf))
        elif name == _SI:
            if item < 0:  # the end of an <si> that held another: one string each, the inner one's text again
                add(out[-1] if out else "")
            elif len(out) != item + 1:  # runs (their texts joined), or no <t> at all ("")
                out[item:] = [join(out[item:])]
            text = out[-1]
            if "x005F_" in text:
                out[-1] = text.replace("x005F_", "")
            item = -1
        elif name == _RPH:
            rph -= 1
        elif (spelled := _SST_RESPELL.get(name)) is not None:
            end(spelled)

    parser.buffer_text = True
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = buf.append
    feed(zf, part, parser, chunk)
    if not root:
        raise ValueError(f"{part}: no <sst> element")
    return out
