"""The package's XML as text, in one place: escaping (`escape`, `quoteattr`, `text_xml`), attributes
(`attrs`), a part's bytes as text (`xml_text`) or as UTF-8 (`xml_utf8`), a fragment in the prefix of the part it goes into
(`prefixed`), an element inserted in schema order (`insert_before`), the prefix bound to the relationships
namespace (`R_PREFIX`).

The writer edits parts with small, anchored regular expressions rather than parsing and re-serialising them:
an XML library would rename namespace prefixes that `mc:Ignorable` refers to.
"""

from __future__ import annotations

import functools
import html
import re

from .xmlparse import encoding_of

_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


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




def xml_text(data: bytes) -> str:
    """An XML part's bytes as text, whatever its encoding (`xmlparse.encoding_of`); the declaration then says
    UTF-8."""
    enc = encoding_of(data)
    if enc is None:
        return data.decode("utf-8-sig")
    text = data.decode(enc).lstrip("\ufeff")
    return re.sub(r"""^(\s*<\?xml[^>]*encoding\s*=\s*["'])[\w.-]+""", r"\g<1>UTF-8", text, count=1)


def xml_utf8(data: bytes) -> bytes:
    """An XML part's bytes in UTF-8 (`xml_text`, encoded), without decoding a part that is UTF-8 already."""
    if encoding_of(data) is None:
        return data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    return xml_text(data).encode("utf-8")


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


# The relationships namespace on a root element, transitional or Strict; its prefix is group 1.
R_PREFIX = re.compile(
    r"""xmlns:(\w+)=["'](?:http://schemas\.openxmlformats\.org/officeDocument/2006/relationships"""
    r"""|http://purl\.oclc\.org/ooxml/officeDocument/relationships)["']"""
)
