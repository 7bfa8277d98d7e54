"""The package's XML plumbing, in one place for the reader, the package structure (`opc`) and the writer.

- `expat(part, namespaces=)`: an expat parser that refuses any DTD or entity declaration (raises ValueError
  naming the part); with `namespaces`, names arrive as "namespace-uri local-name", so a prefix is only a
  spelling.
- `feed(zf, part, parser, chunk)`: one linear pass of a zip member through the parser, `chunk` bytes at a
  time (a 100 MB part is never held whole), decoded to UTF-8 first when it declares another encoding.
- `well_formed(data, part)`: raises ValueError unless the bytes are well-formed XML without a DTD.
- `clean_xml` / `clean_text`: a well-formed part rewritten in the plain form the writer's text patterns expect
  (comments and instructions dropped, CDATA escaped, '>' escaped in attribute values, `</row >` unspaced).
- `MAIN_NAMESPACES`: SpreadsheetML's main namespace (transitional and Strict); `main_name(local)` and
  `other_spellings(*local)`: the transitional name of an element and the rarer names that mean the same, for
  handlers that compare names with `==`.

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


def main_name(local: str) -> str:
    """expat's name of a main element in the transitional namespace ("namespace-uri local"): how nearly every
    workbook spells it."""
    return f"{MAIN_NAMESPACES[0]} {local}"


def other_spellings(*local: str) -> dict[str, str]:
    """expat's names of each main element of `local` in its rarer spellings (Strict namespace, no namespace)
    -> its transitional name (`main_name`): a handler that compares names with the transitional ones maps a
    name it does not know through this before it gives up on it."""
    out = {}
    for name in local:
        out[name] = main_name(name)
        for ns in MAIN_NAMESPACES[1:]:
            out[f"{ns} {name}"] = main_name(name)
    return out


def local_name(name: str) -> str:
    """The local part of an expat name ("uri local" or "local") or of an ElementTree tag ("{uri}local")."""
    return name.rpartition(" ")[2].rpartition("}")[2]


def expat(
    part: str, namespaces: bool = False, encoding: str | None = "utf-8", interned: bool = True
) -> xml.parsers.expat.XMLParserType:
    """An expat parser that refuses a DTD or entity declaration (ValueError naming `part`). With `namespaces`,
    element and attribute names arrive as "namespace-uri local-name" (no prefix: a prefix is only a spelling).
    `encoding` None lets the document's declaration choose (UTF-8, UTF-16, ISO-8859-1, US-ASCII).

    `interned` False: names are not looked up in expat's table of names (one str object per name) but arrive
    as new strings, to be compared with `==`. That saves hashing a namespace-long name twice per element: a
    fifth of expat's time over a large sheet."""
    separator = " " if namespaces else None
    if interned:
        parser = xml.parsers.expat.ParserCreate(encoding, separator)
    else:
        parser = xml.parsers.expat.ParserCreate(encoding, separator, intern=None)  # None: no table

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
_BOM = b"\xef\xbb\xbf"


def encoding_of(head: bytes) -> str | None:
    """The encoding an XML part's first bytes (200 are enough) say it is in: "utf-16" for a UTF-16 byte-order
    mark, else the one its declaration names (ASCII too: a part written back holds pk-excel's UTF-8 text); None
    for UTF-8, a UTF-8 byte-order mark included."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if head.startswith(_BOM):
        return None
    m = _DECL.match(head[:200])
    if m and m.group(1).lower() not in (b"utf-8", b"utf8"):
        return m.group(1).decode("ascii")
    return None


def open_utf8(zf: zipfile.ZipFile, part: str) -> IO[bytes]:
    """The member `part` as a binary stream in UTF-8 (a part in another encoding is decoded whole: rare, small).
    Raises KeyError when the member is missing."""
    fh = zf.open(part)
    head = fh.peek(200)[:200] if hasattr(fh, "peek") else b""
    enc = encoding_of(head)
    if enc is None:
        if head.startswith(_BOM):
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
# A start or empty tag, whole: its name and attributes, where quoted values may hold '>' (never '<'). One
# way only to match each byte, so the time is linear in the part whatever its tags (names may be non-ASCII).
_START_TAG = re.compile(rb"""<[^\s=/<>"'!?][^<>"']*(?:(?:"[^"]*"|'[^']*')[^<>"']*)*>""")
# The XML declaration, which _ODD keeps.
_DECLARATION = re.compile(rb"<\?xml[\s?]")
_SPACED_END = re.compile(rb"</([^\s<>/]+)\s+>")  # any name, non-ASCII too


def clean_xml(data: bytes) -> bytes:
    """A well-formed part with comments and instructions dropped, CDATA turned into escaped text, '>'
    escaped inside attribute values and end tags without spaces (`</row >`): the same document, in the plain
    form the writer's patterns expect."""

    def odd(m: re.Match[bytes]) -> bytes:
        if m.group(1) is None:
            return b""
        return m.group(1).replace(b"&", b"&amp;").replace(b"<", b"&lt;").replace(b">", b"&gt;")

    # Each pattern runs only where a quick test in C finds what it could match (most parts hold none of
    # these; the three patterns cost ~45 ms on a 6 MB sheet, the tests ~15): a single byte is found at
    # memchr's speed, a pair faster from the end (`rfind`), counts in one pass.
    last_pi = data.rfind(b"<?") if b"?" in data else -1  # usually the declaration, at 0
    if (b"!" in data and b"<!" in data) or last_pi > 0 or (last_pi == 0 and not _DECLARATION.match(data)):
        # (what was dropped may join ']]' and '>' around it: in text, not allowed but as ']]&gt;')
        data = _ODD.sub(odd, data).replace(b"]]>", b"]]&gt;")
    if any(space in data and data.rfind(space + b">") >= 0 for space in (b" ", b"\n", b"\t", b"\r")):
        data = _SPACED_END.sub(rb"</\1>", data)
    # Now every '<' opens a tag, and every tag ends in a '>': a '>' more is one in a value or in text.
    if data.count(b">") != data.count(b"<"):
        data = _START_TAG.sub(_escape_gt_in_values, data)
    return data


def _escape_gt_in_values(m: re.Match[bytes]) -> bytes:
    """A start tag with each '>' of its attribute values escaped (only its last '>' ends it)."""
    tag = m.group(0)
    return tag if tag.find(b">") == len(tag) - 1 else tag[:-1].replace(b">", b"&gt;") + b">"


def clean_text(xml_text: str) -> str:
    """`clean_xml` for a part held as text: the text itself when there is nothing to clean."""
    data = xml_text.encode("utf-8")
    cleaned = clean_xml(data)
    return xml_text if cleaned == data else cleaned.decode("utf-8")
