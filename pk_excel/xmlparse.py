"""The package's XML plumbing, in one place for the reader, the package structure (`opc`) and the writer.

- `expat(part, namespaces=)`: an expat parser that refuses any DTD or entity declaration (raises ValueError
  naming the part); with `namespaces`, names arrive as "namespace-uri local-name", so a prefix is only a
  spelling.
- `feed(zf, part, parser, chunk)`: one linear pass of a zip member through the parser, `chunk` bytes at a
  time (a 100 MB part is never held whole), decoded to UTF-8 first when it declares another encoding.
- `well_formed(data, part)`: raises ValueError unless the bytes are well-formed XML without a DTD.
- `clean_xml` / `clean_text`: a well-formed part rewritten in the plain form the writer's text patterns expect
  (comments and instructions dropped, CDATA escaped, '>' escaped in attribute values, `</row >` unspaced).
- `MAIN_NAMESPACES` and `names(*local)`: SpreadsheetML's main namespace (transitional and Strict) and the
  expat names of its elements; `main_name(local)`: the one name object a parser made with `expat(main=...)`
  gives such an element, whatever its spelling.

A part that is not well-formed (cut off, a tag left open) raises ValueError; callers map it to "corrupt".
"""

from __future__ import annotations

import io
import re
import xml.parsers.expat
import zipfile
from typing import IO

CHUNK = 1 << 20  # bytes fed to expat at a time

# SpreadsheetML's main namespace, transitional and Strict; elements without a namespace are read too (some
# hand-made packages omit it). Elements of any other namespace (extensions: x14, mc, xm) are not ours.
MAIN_NAMESPACES = (
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",
)


def names(*local: str) -> dict[str, int]:
    """expat's name ("uri local", or "local" without a namespace) of each main element -> its index in `local`."""
    out = {}
    for i, name in enumerate(local):
        out[name] = i
        for ns in MAIN_NAMESPACES:
            out[f"{ns} {name}"] = i
    return out


_MAIN_NAME: dict[str, str] = {}  # local name -> its one expanded name object (see `main_name`)


def main_name(local: str) -> str:
    """The expanded name ("namespace-uri local") of a main element as one string object, the same object on
    every call: what a parser made with `expat(..., main=...)` hands its handlers for that element."""
    return _MAIN_NAME.setdefault(local, f"{MAIN_NAMESPACES[0]} {local}")


def _intern_table(main: tuple[str, ...]) -> dict[str, str]:
    """expat's intern table (a fresh one per parser: expat adds every other name it meets) that spells each
    main element of `main` in one way: transitional, Strict and namespace-less names -> `main_name(local)`."""
    table = {}
    for local in main:
        one = main_name(local)
        table[local] = one
        for ns in MAIN_NAMESPACES:
            table[f"{ns} {local}"] = one
    return table


def local_name(name: str) -> str:
    """The local part of an expat name ("uri local" or "local") or of an ElementTree tag ("{uri}local")."""
    return name.rpartition(" ")[2].rpartition("}")[2]


def expat(
    part: str, namespaces: bool = False, encoding: str | None = "utf-8", main: tuple[str, ...] = ()
) -> xml.parsers.expat.XMLParserType:
    """An expat parser that refuses a DTD or entity declaration (ValueError naming `part`). With `namespaces`,
    element and attribute names arrive as "namespace-uri local-name" (no prefix: a prefix is only a spelling).
    `encoding` None lets the document's declaration choose (UTF-8, UTF-16, ISO-8859-1, US-ASCII).

    `main` (with `namespaces`): local names of SpreadsheetML elements whose name, in any of its spellings,
    arrives as the one object `main_name(local)`, so a handler called for every element of a large part tells
    them apart with `is` (no hashing, no table lookup). Expat interns attribute names through the same table:
    list no local name that is also an attribute name the handlers read (`t`, `r`)."""
    separator = " " if namespaces else None
    if main:
        parser = xml.parsers.expat.ParserCreate(encoding, separator, intern=_intern_table(main))
    else:
        parser = xml.parsers.expat.ParserCreate(encoding, separator)  # (intern=None would turn interning off)

    def refuse(*_args: object) -> None:
        raise ValueError(f"{part}: a DTD or entity declaration")

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    return parser


def well_formed(data: bytes, part: str) -> None:
    """Raise ValueError unless `data` (UTF-8) is well-formed XML without a DTD (one linear pass of expat)."""
    try:
        expat(part).Parse(data, True)
    except xml.parsers.expat.ExpatError as e:
        raise ValueError(f"{part}: not well-formed XML ({e})") from None


_DECL = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.-]+)["']""")


def open_utf8(zf: zipfile.ZipFile, part: str) -> IO[bytes]:
    """The member `part` as a binary stream in UTF-8 (a part in another encoding is decoded whole: rare, small).
    Raises KeyError when the member is missing."""
    fh = zf.open(part)
    head = fh.peek(200)[:200] if hasattr(fh, "peek") else b""
    enc = None
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        enc = "utf-16"
    else:
        m = _DECL.match(head)
        if m and m.group(1).lower() not in (b"utf-8", b"utf8", b"us-ascii", b"ascii"):
            enc = m.group(1).decode("ascii")
    if enc is None:
        if head.startswith(b"\xef\xbb\xbf"):
            fh.read(3)
        return fh
    data = fh.read().decode(enc)
    fh.close()
    data = re.sub(r"""^\s*<\?xml[^>]*\?>""", "", data.lstrip("\ufeff"))
    return io.BytesIO(data.encode("utf-8"))


def feed(zf: zipfile.ZipFile, part: str, parser: xml.parsers.expat.XMLParserType, chunk: int = CHUNK) -> None:
    """Feed the member `part` to `parser` in pieces of `chunk` bytes: one linear pass, never the whole part in
    memory. A part that is not well-formed XML (cut off, a tag left open) raises ValueError."""
    try:
        with open_utf8(zf, part) as fh:
            while piece := fh.read(chunk):
                parser.Parse(piece, False)
            parser.Parse(b"", True)
    except xml.parsers.expat.ExpatError as e:
        raise ValueError(f"{part}: not well-formed XML ({e})") from None


# Constructs no mainstream writer puts in a sheet, which the writer's patterns (`sheetpatch`, `notes`) would misread:
# comments, processing instructions, CDATA sections (one leftmost match each, so one inside another is not
# mistaken), and '>' inside an attribute value.
_ODD = re.compile(rb"<!--.*?-->|<!\[CDATA\[(.*?)\]\]>|<\?(?!xml[\s?]).*?\?>", re.DOTALL)
_GT_IN_VALUE = re.compile(rb"""=\s*(?:"[^"<>]*>[^"<]*"|'[^'<>]*>[^'<]*')""")
_SPACED_END = re.compile(rb"</([\w:.-]+)\s+>")
_SPACED_END_TEXT = re.compile(_SPACED_END.pattern.decode())
_GT_IN_VALUE_TEXT = re.compile(_GT_IN_VALUE.pattern.decode())


def clean_xml(data: bytes) -> bytes:
    """A well-formed part with comments and instructions dropped, CDATA turned into escaped text, '>'
    escaped inside attribute values and end tags without spaces (`</row >`): the same document, in the plain
    form the writer's patterns expect."""

    def odd(m: re.Match[bytes]) -> bytes:
        if m.group(1) is None:
            return b""
        return m.group(1).replace(b"&", b"&amp;").replace(b"<", b"&lt;").replace(b">", b"&gt;")

    data = _ODD.sub(odd, data)
    data = _SPACED_END.sub(rb"</\1>", data)
    return _GT_IN_VALUE.sub(lambda m: m.group(0).replace(b">", b"&gt;"), data)


def clean_text(xml_text: str) -> str:
    """`clean_xml` for a part held as text, when it holds what that cleans; the text as it is otherwise."""
    if (
        "<!--" in xml_text
        or "<![CDATA[" in xml_text
        or xml_text.find("<?", 2) >= 0
        or _GT_IN_VALUE_TEXT.search(xml_text)
        or _SPACED_END_TEXT.search(xml_text)
    ):
        return clean_xml(xml_text.encode("utf-8")).decode("utf-8")
    return xml_text
