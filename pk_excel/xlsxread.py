"""Reading an .xlsx/.xlsm straight from its zip: per worksheet, exactly what `locate` needs.

`read_xlsx(path, kind, limits)` gives a `WorkbookData`: for every worksheet (chartsheets skipped, workbook
order) its values, number formats, formula texts and merged ranges, with the same values openpyxl 3.1
(`load_workbook(data_only=False, rich_text=False)`) would give, except that a formula cell holds its cached
result (the trust rule of `workbook.Book._typed`: in a workbook that asks for a full recalculation on load,
a cached 0 reads as None) and the formula text sits in `formulas`.

Why not openpyxl: building a Cell object, a StyleArray and a coordinate for every cell costs about ten times
more than reading the bytes. Sheet parts and the shared strings are scanned with regular expressions over
bytes, in chunks cut at `</row>` boundaries, so a 100 MB part is never held whole nor decoded whole. The file
has been vetted by `guard.inspect` (no DTD in any part, bounded sizes); nothing here resolves entities
beyond the five XML ones and character references, and the small parts (workbook, relationships, styles,
custom properties) go through defusedxml.

A part that is not well formed enough to be read (a row or cell cut off, no closing root element) raises
`ValueError`; `workbook.open_book` maps every failure to PkError("corrupt").
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from .config import Limits

_CHUNK = 1 << 20
MAX_COL = 16384

# --- number formats (as openpyxl.styles.numbers) ----------------------------------------------------------

BUILTIN_FORMATS = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)', 6: '"$"#,##0_);[Red]("$"#,##0)',
    7: '"$"#,##0.00_);("$"#,##0.00)', 8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
    14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM",
    20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm",
    37: "#,##0_);(#,##0)", 38: "#,##0_);[Red](#,##0)", 39: "#,##0.00_);(#,##0.00)",
    40: "#,##0.00_);[Red](#,##0.00)",
    41: r'_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)',
    42: r'_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)',
    43: r'_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)',
    44: r'_("$"* #,##0.00_)_("$"* \(#,##0.00\)_("$"* "-"??_)_(@_)',
    45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
}  # fmt: skip

_STRIP_FMT = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_DATE_CHAR = re.compile(r"(?<![_\\])[dmhysDMHYS]")
_TIMEDELTA = re.compile(r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.I)


def is_date_format(fmt: str | None) -> bool:
    """openpyxl's test: a d/m/h/y/s outside quotes and locale brackets in the first section."""
    if fmt is None:
        return False
    return _DATE_CHAR.search(_STRIP_FMT.sub("", fmt.split(";")[0])) is not None


def is_timedelta_format(fmt: str | None) -> bool:
    return fmt is not None and _TIMEDELTA.search(fmt.split(";")[0]) is not None


_WINDOWS_EPOCH = datetime(1899, 12, 30)
_MAC_EPOCH = datetime(1904, 1, 1)


def from_excel(value: float, epoch: datetime = _WINDOWS_EPOCH, as_timedelta: bool = False):
    """An Excel serial number as openpyxl's `from_excel` gives it (datetime, time or timedelta)."""
    if as_timedelta:
        td = timedelta(days=value)
        if td.microseconds:
            td = timedelta(seconds=td.total_seconds() // 1, microseconds=round(td.microseconds, -3))
        return td
    day, fraction = divmod(value, 1)
    diff = timedelta(milliseconds=round(fraction * 86400 * 1000))
    if 0 <= value < 1 and diff.days == 0:
        # openpyxl's days_to_time
        mins, seconds = divmod(diff.seconds, 60)
        hours, mins = divmod(mins, 60)
        from datetime import time

        return time(hours, mins, seconds, diff.microseconds)
    if 0 < value < 60 and epoch == _WINDOWS_EPOCH:
        day += 1
    return epoch + timedelta(days=day) + diff


# --- data --------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class SheetData:
    """One worksheet as locate reads it (rows and columns 1-based; lists indexed by column - 1)."""

    title: str
    part: str  # zip member, e.g. "xl/worksheets/sheet1.xml"
    state: str  # "visible" | "hidden" | "veryHidden"
    values: dict[int, list] = field(default_factory=dict)  # formula cells hold their cached result
    formats: dict[int, list[str]] = field(default_factory=dict)  # same shape as values
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # "=..." (shared ones translated)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (min_row, min_col, max_row, max_col)
    max_col: int = 0  # largest column of any <c> (styled empty ones too) or merge
    n_cells: int = 0  # cells holding a value or a formula


@dataclass(slots=True)
class WorkbookData:
    path: Path
    kind: str
    sheets: list[SheetData]  # worksheets only, workbook order
    date1904: bool = False
    custom_props: dict[str, str] = field(default_factory=dict)
    recalc: bool = False  # <calcPr fullCalcOnLoad="1">

    def sheet(self, title: str) -> SheetData | None:
        return next((s for s in self.sheets if s.title == title), None)


# --- text --------------------------------------------------------------------------------------------------

_ENTITY = re.compile(r"&(#[xX][0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
_CDATA = re.compile(rb"<!\[CDATA\[(.*?)\]\]>", re.DOTALL)
_COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)


def _entity(m: re.Match) -> str:
    name = m.group(1)
    if name[0] != "#":
        return _NAMED[name]
    code = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
    return chr(code)


def _text(raw: bytes) -> str:
    """Character data of an element: entity and character references resolved, CDATA taken as is."""
    if b"<![CDATA[" in raw and _CDATA.search(raw):
        parts = []
        pos = 0
        for m in _CDATA.finditer(raw):
            parts.append(_text(raw[pos : m.start()]))
            parts.append(m.group(1).decode("utf-8"))
            pos = m.end()
        parts.append(_text(raw[pos:]))
        return "".join(parts)
    s = raw.decode("utf-8")
    return _ENTITY.sub(_entity, s) if "&" in s else s


def _normalise(buf: bytes) -> bytes:
    """What an XML parser does before anything else: line ends to \\n; comments dropped."""
    if b"\r" in buf:
        buf = buf.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    if b"<!--" in buf:
        buf = _COMMENT.sub(b"", buf)
    return buf


_ATTR = re.compile(rb"""([\w.-]+(?::[\w.-]+)?)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _attrs(raw: bytes) -> dict[bytes, bytes]:
    return {k: a + b for k, a, b in _ATTR.findall(raw)}  # one of the two quote groups is empty


_DECL = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.-]+)["']""")


def _open_utf8(zf: zipfile.ZipFile, part: str):
    """The part as a binary stream in UTF-8 (a part in another encoding is decoded whole: rare, small)."""
    import io

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


# Constructs no mainstream writer puts in a sheet, which the patterns below would misread: comments,
# processing instructions, CDATA sections (one leftmost match each, so one inside another is not mistaken),
# and '>' inside an attribute value.
_ODD = re.compile(rb"<!--.*?-->|<!\[CDATA\[(.*?)\]\]>|<\?(?!xml[\s?]).*?\?>", re.DOTALL)
_GT_IN_VALUE = re.compile(rb"""=\s*(?:"[^"<>]*>[^"<]*"|'[^'<>]*>[^'<]*')""")


def clean_xml(data: bytes) -> bytes:
    """A well-formed part with comments and instructions dropped, CDATA turned into escaped text and '>'
    escaped inside attribute values: the same document, in the plain form the patterns expect."""

    def odd(m: re.Match) -> bytes:
        if m.group(1) is None:
            return b""
        return m.group(1).replace(b"&", b"&amp;").replace(b"<", b"&lt;").replace(b">", b"&gt;")

    data = _ODD.sub(odd, data)
    return _GT_IN_VALUE.sub(lambda m: m.group(0).replace(b">", b"&gt;"), data)


def clean_text(xml: str) -> str:
    """`clean_xml` for a part held as text, when it holds what that cleans; the text as it is otherwise."""
    if "<!--" in xml or "<![CDATA[" in xml or xml.find("<?", 2) >= 0 or _GT_IN_VALUE_TEXT.search(xml):
        return clean_xml(xml.encode("utf-8")).decode("utf-8")
    return xml


_GT_IN_VALUE_TEXT = re.compile(_GT_IN_VALUE.pattern.decode())


def _expat(part: str):
    """An expat parser that refuses a DTD or entity declaration, and the flag it raises on what
    `clean_xml` cleans."""
    import xml.parsers.expat

    parser = xml.parsers.expat.ParserCreate(encoding="utf-8")
    seen = {"odd": False}

    def flag(*_args: object) -> None:
        seen["odd"] = True

    def refuse(*_args: object) -> None:
        raise ValueError(f"{part}: a DTD or entity declaration")

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.CommentHandler = flag
    parser.ProcessingInstructionHandler = flag
    parser.StartCdataSectionHandler = flag
    return parser, seen


def well_formed(data: bytes, part: str) -> None:
    """Raise ValueError unless `data` (UTF-8) is well-formed XML without a DTD (one linear pass of expat)."""
    import xml.parsers.expat

    parser, _ = _expat(part)
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as e:
        raise ValueError(f"{part}: not well-formed XML ({e})") from None


def _checked_open(zf: zipfile.ZipFile, part: str):
    """The part as a UTF-8 stream for the patterns, after one linear pass of expat over it.

    A part that is not well-formed XML is refused here (ValueError, "corrupt"), before any pattern could
    scan it end to end once per unclosed tag; a DTD is refused wherever it stands. A part holding comments,
    instructions, CDATA or '>' inside an attribute value is read whole and cleaned (`clean_xml`).
    """
    import io
    import xml.parsers.expat

    parser, seen = _expat(part)
    tail = b""
    try:
        with _open_utf8(zf, part) as fh:
            while chunk := fh.read(_CHUNK):
                if not seen["odd"] and _GT_IN_VALUE.search(tail + chunk):
                    seen["odd"] = True
                tail = chunk[-4096:]
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except xml.parsers.expat.ExpatError as e:
        raise ValueError(f"{part}: not well-formed XML ({e})") from None
    if not seen["odd"]:
        return _open_utf8(zf, part)
    with _open_utf8(zf, part) as fh:
        return io.BytesIO(clean_xml(fh.read()))


def _read_until(fh, buf: bytes, needles: tuple[bytes, ...]) -> tuple[bytes, bool]:
    """`buf` and what follows in the stream, up to the first chunk where one of `needles` shows (a place
    to cut), and whether the stream ended. Chunks without one (a long row, a long string) are joined once,
    never searched again."""
    pending = [buf]
    while True:
        chunk = fh.read(_CHUNK)
        if not chunk:
            return b"".join(pending), True
        probe = pending[-1][-32:] + chunk
        pending.append(chunk)
        if any(n in probe for n in needles):
            return b"".join(pending), False


def _head(fh, root: re.Pattern) -> tuple[bytes, re.Match | None]:
    """Read until the root element's start tag (its prefix names the main namespace) is in the buffer."""
    buf = b""
    while True:
        chunk = fh.read(_CHUNK)
        buf += chunk
        m = root.search(buf)
        if m is not None or not chunk:
            return buf, m


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


# --- shared strings ----------------------------------------------------------------------------------------


def _shared_strings(zf: zipfile.ZipFile, part: str | None) -> list[str]:
    if part is None:
        return []
    out: list[str] = []
    with _checked_open(zf, part) as fh:
        head, m = _head(fh, re.compile(rb"<(\w+:)?sst\b"))
        if m is None:
            raise ValueError(f"{part}: no <sst> element")
        p = re.escape(m.group(1) or b"")
        si = re.compile(rb"<" + p + rb"si\b[^>]*?(?:/>|>(.*?)</" + p + rb"si>)", re.DOTALL)
        tt = re.compile(rb"<" + p + rb"t\b[^>]*?(?:/>|>(.*?)</" + p + rb"t>)", re.DOTALL)
        rph = re.compile(rb"<" + p + rb"rPh\b.*?</" + p + rb"rPh>", re.DOTALL)
        end = re.compile(rb"</" + p + rb"sst\s*>")
        closing = b"</" + (m.group(1) or b"") + b"si>"
        si_open = b"<" + (m.group(1) or b"") + b"si"
        simple = re.compile(
            rb"<" + p + rb"si><" + p + rb'(?:t|t xml:space="preserve")>([^<]*)</' + p + rb"t></" + p + rb"si>"
        )
        buf = head
        seen_end = False
        while True:
            buf, done = _read_until(fh, buf, (closing,))
            cut = len(buf) if done else buf.rfind(closing)
            if cut == -1:
                continue
            if not done:
                cut += len(closing)
            seg = _normalise(buf[:cut])
            buf = buf[cut:]
            plain = simple.findall(seg)
            if len(plain) == seg.count(si_open):
                for t in plain:
                    text = _text(t) if (b"&" in t or b"<" in t) else t.decode("utf-8")
                    out.append(text.replace("x005F_", "") if "x005F_" in text else text)
                plain = None
            for sm in si.finditer(seg) if plain is not None else ():
                body = sm.group(1)
                if not body:
                    out.append("")
                    continue
                if b"rPh" in body:
                    body = rph.sub(b"", body)
                text = "".join(_text(t) for t in tt.findall(body) if t)
                out.append(text.replace("x005F_", "") if "x005F_" in text else text)
            if end.search(seg):
                seen_end = True
            if done:
                break
        if not seen_end:
            raise ValueError(f"{part}: shared strings cut off")
    return out


# --- workbook parts ----------------------------------------------------------------------------------------


def _resolve(base: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(base, target))


def _rels(zf: zipfile.ZipFile, names: set[str], part: str) -> dict[str, tuple[str, str]]:
    """Id -> (type, resolved target) of a part's relationships."""
    from defusedxml.ElementTree import fromstring

    rels_part = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
    out: dict[str, tuple[str, str]] = {}
    if rels_part not in names:
        return out
    for rel in fromstring(zf.read(rels_part)):
        if rel.get("TargetMode") == "External":
            continue
        out[rel.get("Id", "")] = (rel.get("Type", ""), _resolve(posixpath.dirname(part), rel.get("Target", "")))
    return out


def _styles(zf: zipfile.ZipFile, part: str | None) -> list[str]:
    """cellXfs index -> number format code, as openpyxl resolves it."""
    from defusedxml.ElementTree import fromstring

    if part is None:
        return []
    root = fromstring(zf.read(part))
    custom: dict[int, str] = {}
    xfs: list[str] = []
    for el in root:
        name = _local(el.tag)
        if name == "numFmts":
            for nf in el:
                try:
                    custom[int(nf.get("numFmtId", ""))] = nf.get("formatCode", "")
                except ValueError:
                    continue
        elif name == "cellXfs":
            for xf in el:
                try:
                    fid = int(xf.get("numFmtId", "0"))
                except ValueError:
                    fid = 0
                xfs.append(custom[fid] if fid in custom else BUILTIN_FORMATS.get(fid, "General"))
    return xfs


def _custom_props(zf: zipfile.ZipFile, names: set[str]) -> dict[str, str]:
    from defusedxml.ElementTree import fromstring

    if "docProps/custom.xml" not in names:
        return {}
    out: dict[str, str] = {}
    for prop in fromstring(zf.read("docProps/custom.xml")):
        name = prop.get("name")
        if name is None:
            continue
        child = next(iter(prop), None)
        out[name] = (child.text or "") if child is not None else ""
    return out


# --- formulas ----------------------------------------------------------------------------------------------

_ROW_RANGE = re.compile(r"(\$?[1-9][0-9]{0,6}):(\$?[1-9][0-9]{0,6})$")
_COL_RANGE = re.compile(r"(\$?[A-Za-z]{1,3}):(\$?[A-Za-z]{1,3})$")
_CELL_REF = re.compile(r"(\$?[A-Za-z]{1,3})(\$?[1-9][0-9]{0,6})$")
_SN = re.compile(r"^[1-9](\.[0-9]+)?[Ee]$")
_STRINGS = {'"': re.compile('"(?:[^"]*"")*[^"]*"(?!")'), "'": re.compile("'(?:[^']*'')*[^']*'(?!')")}
_ERRORS = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA")
_ENDERS = ",;}) +-*/^&=><%"
_WSPACE = re.compile(r"[ \n]+")


class _OutOfRange(Exception):
    pass


def col_letter(c: int) -> str:
    s = ""
    while c:
        c, rem = divmod(c - 1, 26)
        s = chr(65 + rem) + s
    return s


def col_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _shift_row(s: str, d: int) -> str:
    if s.startswith("$"):
        return s
    n = int(s) + d
    if n <= 0:
        raise _OutOfRange
    return str(n)


def _shift_col(s: str, d: int) -> str:
    if s.startswith("$"):
        return s
    n = col_index(s) + d
    if not 1 <= n <= 18278:
        raise _OutOfRange
    return col_letter(n)


def _shift_range(text: str, dr: int, dc: int) -> str:
    ws = ""
    if "!" in text:
        sheet, text = text.rsplit("!", 1)
        ws = sheet + "!"
    m = _ROW_RANGE.match(text)
    if m:
        return ws + _shift_row(m.group(1), dr) + ":" + _shift_row(m.group(2), dr)
    m = _COL_RANGE.match(text)
    if m:
        return ws + _shift_col(m.group(1), dc) + ":" + _shift_col(m.group(2), dc)
    if ":" in text:
        return ws + ":".join(_shift_range(piece, dr, dc) for piece in text.split(":"))
    m = _CELL_REF.match(text)
    if m is None:
        return text  # a defined name
    return ws + _shift_col(m.group(1), dc) + _shift_row(m.group(2), dr)


def translate(formula: str, dr: int, dc: int) -> str:
    """A shared formula moved by (dr, dc), token by token as openpyxl's Translator does it (including its
    habit of writing a run of spaces as one). Raises ValueError for a formula it cannot tokenize."""
    if not formula.startswith("="):
        return formula
    out = ["="]
    token: list[str] = []
    stack: list[str] = []
    n = len(formula)
    i = 1
    last_kind = ""  # "operand", "close", "post", "" (for the +/- prefix test)

    def save() -> None:
        nonlocal last_kind
        if token:
            out.append(_operand("".join(token), dr, dc))
            token.clear()
            last_kind = "operand"

    while i < n:
        ch = formula[i]
        if ch in "+-" and token and _SN.match("".join(token)):
            token.append(ch)
            i += 1
            continue
        if ch in _ENDERS:
            save()
        if ch in "\"'":
            if token and token[-1] != ":":
                raise ValueError("unexpected quote")
            m = _STRINGS[ch].match(formula, i)
            if m is None:
                raise ValueError("unterminated string")
            if ch == '"':
                out.append(m.group(0))
                last_kind = "operand"
            else:
                token.append(m.group(0))
            i = m.end()
        elif ch == "[":
            depth = 0
            j = i
            while j < n:
                if formula[j] == "[":
                    depth += 1
                elif formula[j] == "]":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            if depth:
                raise ValueError("unmatched [")
            token.append(formula[i : j + 1])
            i = j + 1
        elif ch == "#":
            if token and token[-1] != "!":
                raise ValueError("unexpected #")
            err = next((e for e in _ERRORS if formula.startswith(e, i)), None)
            if err is None:
                raise ValueError("bad error literal")
            out.append(_operand("".join(token) + err, dr, dc))
            token.clear()
            last_kind = "operand"
            i += len(err)
        elif ch in " \n":
            out.append(ch)
            i = _WSPACE.match(formula, i).end()
        elif ch in "+-*/^&=><%":
            two = formula[i : i + 2]
            if two in (">=", "<=", "<>"):
                out.append(two)
                last_kind = "op"
                i += 2
                continue
            out.append(ch)
            last_kind = "post" if ch == "%" else "op"
            i += 1
        elif ch in "{(":
            if ch == "{":
                if token:
                    raise ValueError("unexpected {")
                out.append("{")
                stack.append("}")
            else:
                out.append("".join(token) + "(")
                token.clear()
                stack.append(")")
            last_kind = "open"
            i += 1
        elif ch in ")}":
            if not stack or stack.pop() != ch:
                raise ValueError("mismatched brackets")
            out.append(ch)
            last_kind = "close"
            i += 1
        elif ch in ";,":
            out.append(ch)
            last_kind = "sep"
            i += 1
        else:
            token.append(ch)
            i += 1
    save()
    return "".join(out)


def _operand(value: str, dr: int, dc: int) -> str:
    if value.startswith(('"', "#")) or value in ("TRUE", "FALSE"):
        return value
    try:
        float(value)
        return value
    except ValueError:
        pass
    try:
        return _shift_range(value, dr, dc)
    except _OutOfRange:
        return "#REF!"


# Shared formulas are translated cell by cell (about 2.5 µs per character). Excel writes no formula longer
# than 8,192 characters; a sheet gets this many characters of translation, far above any real table
# (20,000 rows of two dragged formulas use ~1 million), after which a cell keeps its master's text.
FORMULA_MAX = 8_192
TRANSLATE_BUDGET = 4_000_000


class _Shared:
    __slots__ = ("text", "row", "col", "budget")

    def __init__(self, text: str, row: int, col: int, budget: list[int]):
        self.text, self.row, self.col, self.budget = text, row, col, budget

    def at(self, row: int, col: int) -> str:
        if len(self.text) > FORMULA_MAX or self.budget[0] < len(self.text):
            return self.text
        self.budget[0] -= len(self.text)
        try:
            return translate(self.text, row - self.row, col - self.col)
        except ValueError:
            return self.text


# --- sheet parts -------------------------------------------------------------------------------------------


def _number(text: str) -> int | float | str:
    try:
        if "." in text or "E" in text or "e" in text:
            return float(text)
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


def _cached(t: bytes, raw: bytes | None, body: bytes, p: bytes, sst: list[str], recalc: bool) -> Any:
    """A formula's cached result, by the rule of `workbook.Book._typed`."""
    if t == b"inlineStr":
        texts = re.findall(rb"<" + p + rb"t\b[^>]*>(.*?)</" + p + rb"t>", body, re.DOTALL)
        return "".join(_text(x) for x in texts) if texts else None
    if raw is None:
        return None
    text = _text(raw)
    if t == b"str":
        return text
    if t == b"e":
        return text or None
    if t == b"b":
        return text.strip() in ("1", "true")
    if t == b"s":
        try:
            return sst[int(text)]
        except (ValueError, IndexError):
            return None
    if t == b"d":
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            return text or None
    if not text.strip():
        return None
    try:
        num = float(text)
    except ValueError:
        return text
    if num == 0 and recalc:
        return None  # a writer that never computed its formulas (XlsxWriter) stores 0
    return num


_CELL_REF_B = re.compile(rb"\$?([A-Za-z]{1,3})\$?([0-9]+)$")
_ROW_R = re.compile(rb"""(?:^|\s)r\s*=\s*["']([^"']*)["']""")


class _SheetReader:
    def __init__(self, sd: SheetData, prefix: bytes, sst, xfs, date_styles, td_styles, epoch, recalc, limits):
        from .locate import MAX_SCAN_COLS

        self.sd = sd
        self.p = p = re.escape(prefix)
        self.prefix = prefix
        self.sst, self.xfs, self.recalc = sst, xfs, recalc
        self.date_styles, self.td_styles, self.epoch = date_styles, td_styles, epoch
        self.max_rows, self.max_cols = limits.max_rows, MAX_SCAN_COLS
        self.row_re = re.compile(rb"<" + p + rb"row\b([^>]*?)(?:/>|>(.*?)</" + p + rb"row>)", re.DOTALL)
        self.cell_re = re.compile(rb"<" + p + rb"c\b([^>]*?)(?:/>|>(.*?)</" + p + rb"c>)", re.DOTALL)
        self.v_re = re.compile(rb"<" + p + rb"v\b[^>]*?(?:/>|>(.*?)</" + p + rb"v>)", re.DOTALL)
        self.f_re = re.compile(rb"<" + p + rb"f\b([^>]*?)(?:/>|>(.*?)</" + p + rb"f>)", re.DOTALL)
        self.is_re = re.compile(rb"<" + p + rb"is\b[^>]*?(?:/>|>(.*?)</" + p + rb"is>)", re.DOTALL)
        self.t_re = re.compile(rb"<" + p + rb"t\b[^>]*?(?:/>|>(.*?)</" + p + rb"t>)", re.DOTALL)
        self.rph_re = re.compile(rb"<" + p + rb"rPh\b.*?</" + p + rb"rPh>", re.DOTALL)
        self.merge_re = re.compile(rb"<" + p + rb"mergeCell\b([^>]*)>")
        self.lt_c = b"<" + prefix + b"c"
        self.f_close = b"</" + prefix + b"f>"
        self.f_open = len(prefix) + 3
        self.fast_re = re.compile(
            rb'<' + p + rb'c r="([A-Z]{1,3})([0-9]+)"(?: s="([0-9]+)")?(?: t="([a-z]+)")?(?: s="([0-9]+)")?'
            rb"(?:(/)>|>(<" + p + rb"f>[^<]*</" + p + rb"f>)?(?:<" + p + rb"v>([^<]*)</" + p + rb"v>|<" + p
            + rb"v/>)?</" + p + rb"c>)"
        )
        self.row = 0
        self.shared: dict[bytes, _Shared] = {}
        self.budget = [TRANSLATE_BUDGET]  # characters of shared-formula translation left for this sheet
        self.col_cache: dict[bytes, int] = {}

    def rows(self, seg: bytes) -> int:
        """Read the complete rows of `seg`; returns where the last one ended."""
        last = 0
        r_attr = _ROW_R
        for m in self.row_re.finditer(seg):
            last = m.end()
            attrs = m.group(1)
            rm = r_attr.search(attrs) if b"r" in attrs else None
            if rm is not None:
                r = rm.group(1)
                self.row = int(float(r)) if b"." in r else int(r)
            else:
                self.row += 1
            body = m.group(2)
            if body:
                self.cells(self.row, body)
        return last

    def _store(self, r: int, c: int, value: Any, s: bytes | None, formula: str | None) -> None:
        sd = self.sd
        values = sd.values.get(r)
        if values is None:
            values = sd.values[r] = []
            formats = sd.formats[r] = []
        else:
            formats = sd.formats[r]
        if len(values) < c:  # rows are as long as their last value: most rows use a few columns
            grow = c - len(values)
            values.extend([None] * grow)
            formats.extend(["General"] * grow)
        values[c - 1] = value
        xfs = self.xfs
        try:
            formats[c - 1] = xfs[int(s)] if s else (xfs[0] if xfs else "General")
        except (ValueError, IndexError):
            formats[c - 1] = "General"
        if formula is not None:
            sd.formulas[(r, c)] = formula
        sd.n_cells += 1

    def cells(self, row: int, body: bytes) -> None:
        sd = self.sd
        max_rows, max_cols = self.max_rows, self.max_cols
        cols = self.col_cache
        found = self.fast_re.findall(body)
        if len(found) == body.count(self.lt_c):
            # Every cell is in the plain form (r, s, t attributes; an optional plain <f>, an optional <v>).
            xfs = self.xfs
            sst = self.sst
            general = xfs[0] if xfs else "General"
            cur_r = 0
            values: list = []
            formats: list = []
            for letters, digits, s1, t, s2, closed, f, v in found:
                c = cols.get(letters)
                if c is None:
                    c = cols[letters] = col_index(letters.decode("ascii"))
                if c > sd.max_col and c <= MAX_COL:
                    sd.max_col = c
                if closed or c > max_cols or not (v or f):
                    continue
                r = int(digits)
                if r > max_rows:
                    continue
                s = s1 or s2
                formula = None
                if f:
                    formula = "=" + _text(f[self.f_open : -len(self.f_close)])
                    value = _cached(t or b"n", v or None, b"", self.p, sst, self.recalc)
                elif not t or t == b"n":
                    value = self.number(v, s)
                elif t == b"s":
                    value = sst[int(v)]
                elif t == b"b":
                    value = bool(int(v))
                else:
                    value = _text(v)
                if r != cur_r:
                    cur_r = r
                    values = sd.values.get(r)
                    if values is None:
                        values = sd.values[r] = []
                        formats = sd.formats[r] = []
                    else:
                        formats = sd.formats[r]
                n = len(values)
                if n < c:
                    values.extend([None] * (c - n))
                    formats.extend(["General"] * (c - n))
                values[c - 1] = value
                if s:
                    try:
                        formats[c - 1] = xfs[int(s)]
                    except IndexError:
                        formats[c - 1] = "General"
                else:
                    formats[c - 1] = general
                if formula is not None:
                    sd.formulas[(r, c)] = formula
                sd.n_cells += 1
            return
        col = 0
        for m in self.cell_re.finditer(body):
            attrs = m.group(1)
            a = _attrs(attrs) if attrs else {}
            ref = a.get(b"r")
            r = row
            if ref:
                cm = _CELL_REF_B.match(ref)
                if cm is None:
                    raise ValueError(f"bad cell reference {ref!r}")
                letters = cm.group(1).upper()
                col = cols.get(letters)
                if col is None:
                    col = cols[letters] = col_index(letters.decode("ascii"))
                r = int(cm.group(2))
            else:
                col += 1
            if col > sd.max_col and col <= MAX_COL:
                sd.max_col = col
            inner = m.group(2)
            if not inner or r > max_rows or col > max_cols:
                continue
            value, formula = self.value(r, col, a, inner)
            if value is None and formula is None:
                continue
            self._store(r, col, value, a.get(b"s"), formula)

    def number(self, v: bytes, s: bytes | None) -> Any:
        try:
            num = float(v) if (b"." in v or b"E" in v or b"e" in v) else int(v)
        except ValueError:
            return _number(_text(v))
        if s and self.date_styles:
            sid = int(s)
            if sid in self.date_styles:
                try:
                    return from_excel(num, self.epoch, sid in self.td_styles)
                except (OverflowError, ValueError):
                    return "#VALUE!"
        return num

    def value(self, r: int, c: int, a: dict[bytes, bytes], inner: bytes) -> tuple[Any, str | None]:
        t = a.get(b"t", b"n")
        fm = self.f_re.search(inner) if b"f" in inner else None
        if fm is not None:
            if t == b"inlineStr":
                raw = None
            else:
                vm = self.v_re.search(inner)
                raw = vm.group(1) if vm else None
            return _cached(t, raw, inner, self.p, self.sst, self.recalc), self.formula(r, c, fm)
        if t == b"inlineStr":
            im = self.is_re.search(inner)
            if im is None:
                return None, None
            body = im.group(1) or b""
            if b"rPh" in body:
                body = self.rph_re.sub(b"", body)
            return "".join(_text(x) for x in self.t_re.findall(body) if x), None
        vm = self.v_re.search(inner)
        raw = vm.group(1) if vm else None
        if not raw:
            return None, None
        text = _text(raw)
        if t == b"n":
            return self.number(raw, a.get(b"s")), None
        if t == b"s":
            return self.sst[int(text)], None
        if t == b"b":
            return bool(int(text)), None
        if t == b"d":
            try:
                return datetime.fromisoformat(text.rstrip("Z")), None
            except ValueError:
                return text, None
        return text, None  # "str", "e" and anything else: the text

    def formula(self, r: int, c: int, fm: re.Match) -> str:
        fa = _attrs(fm.group(1)) if fm.group(1) else {}
        text = "=" + (_text(fm.group(2)) if fm.group(2) else "")
        if fa.get(b"t") == b"shared":
            si = fa.get(b"si", b"")
            shared = self.shared.get(si)
            if shared is not None:
                return shared.at(r, c)
            if text != "=":
                self.shared[si] = _Shared(text, r, c, self.budget)
        return text

    def merges(self, seg: bytes) -> None:
        for m in self.merge_re.finditer(seg):
            ref = _attrs(m.group(1)).get(b"ref")
            if not ref:
                continue
            bounds = _bounds(ref.decode("ascii", "replace"))
            if bounds is None:
                continue
            self.sd.merged.append(bounds)
            if bounds[3] > self.sd.max_col:
                self.sd.max_col = min(bounds[3], MAX_COL)


_RANGE = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]+)(?::\$?([A-Za-z]{1,3})\$?([0-9]+))?$")


def _bounds(ref: str) -> tuple[int, int, int, int] | None:
    m = _RANGE.match(ref.strip())
    if m is None:
        return None
    c0, r0 = col_index(m.group(1)), int(m.group(2))
    c1, r1 = (col_index(m.group(3)), int(m.group(4))) if m.group(3) else (c0, r0)
    return min(r0, r1), min(c0, c1), max(r0, r1), max(c0, c1)


def _read_sheet(zf: zipfile.ZipFile, sd: SheetData, ctx: dict, limits: Limits) -> None:
    with _checked_open(zf, sd.part) as fh:
        buf, m = _head(fh, re.compile(rb"<(\w+:)?worksheet\b"))
        if m is None:
            raise ValueError(f"{sd.part}: no <worksheet> element")
        prefix = m.group(1) or b""
        reader = _SheetReader(sd, prefix, **ctx, limits=limits)
        end_data = b"</" + prefix + b"sheetData>"
        row_end = b"</" + prefix + b"row>"
        end_root = re.compile(rb"</" + re.escape(prefix) + rb"worksheet\s*>")
        row_start = re.compile(rb"<" + re.escape(prefix) + rb"row\b")
        in_data = True
        seen_end = False
        while True:
            buf, done = _read_until(fh, buf, (row_end, b"sheetData") if in_data else (b">",))
            if in_data:
                stop = buf.find(end_data)
                if stop == -1:
                    stop = buf.find(b"<" + prefix + b"sheetData/>")
                if stop != -1:
                    seg = _normalise(buf[:stop])
                    last = reader.rows(seg)
                    if row_start.search(seg, last):
                        raise ValueError(f"{sd.part}: a row is cut off")
                    buf = buf[stop:]
                    in_data = False
                else:
                    cut = buf.rfind(row_end)
                    if cut != -1:
                        cut += len(row_end)
                        reader.rows(_normalise(buf[:cut]))
                        buf = buf[cut:]
                    if done:
                        raise ValueError(f"{sd.part}: sheet data cut off")
            if not in_data:
                # Cut after the last complete tag: a mergeCell split by the chunk boundary waits for the next.
                cut = len(buf) if done else buf.rfind(b">") + 1
                seg = _normalise(buf[:cut])
                buf = buf[cut:]
                reader.merges(seg)
                if end_root.search(seg):
                    seen_end = True
            if done:
                break
        if not seen_end:
            raise ValueError(f"{sd.part}: the part is cut off")
    _clear_merged(sd)


def _clear_merged(sd: SheetData) -> None:
    """openpyxl empties every cell of a merged range but its top-left one (a MergedCell holds no value)."""
    values = sd.values
    formula_rows = {r for r, _ in sd.formulas}
    for r0, c0, r1, c1 in sd.merged:
        rows = range(r0, r1 + 1) if r1 - r0 < len(values) else [r for r in values if r0 <= r <= r1]
        for r in rows:
            row = values.get(r)
            if row is None:
                continue
            stop = min(c1, len(row))
            if stop < c0:
                continue
            # Most rows hold nothing inside the range: one C-level scan of the slice says so.
            if r not in formula_rows and row[c0 - 1 : stop].count(None) == stop - c0 + 1:
                continue
            for c in range(c0, stop + 1):
                if (r, c) == (r0, c0):
                    continue
                if row[c - 1] is not None or (r, c) in sd.formulas:
                    row[c - 1] = None
                    sd.formulas.pop((r, c), None)
                    sd.n_cells -= 1
            while row and row[-1] is None and (r, len(row)) not in sd.formulas:
                row.pop()
                sd.formats[r].pop()
            if not row:
                del values[r]
                del sd.formats[r]


# --- workbook ----------------------------------------------------------------------------------------------

_WORKSHEET_REL = "/worksheet"


def read_xlsx(path: Path, kind: str, limits: Limits) -> WorkbookData:
    """Read every worksheet of an .xlsx/.xlsm (vetted by guard) in one pass over its parts."""
    from defusedxml.ElementTree import fromstring

    path = Path(path)
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        wb_part = "xl/workbook.xml"
        root_rels = _rels(zf, names, "")
        for typ, target in root_rels.values():
            if typ.endswith("/officeDocument"):
                wb_part = target
        if wb_part not in names:
            raise ValueError("no workbook part")
        wb_rels = _rels(zf, names, wb_part)
        root = fromstring(zf.read(wb_part))
        date1904 = recalc = False
        entries: list[tuple[str, str, str]] = []
        for el in root.iter():
            name = _local(el.tag)
            if name == "sheet":
                rid = next((v for k, v in el.attrib.items() if _local(k) == "id" and k != "sheetId"), None)
                typ, target = wb_rels.get(rid or "", ("", ""))
                if not typ.endswith(_WORKSHEET_REL) or target not in names:
                    continue
                entries.append((el.get("name", ""), target, el.get("state", "visible")))
            elif name == "workbookPr":
                date1904 = el.get("date1904") in ("1", "true")
            elif name == "calcPr":
                recalc = el.get("fullCalcOnLoad") in ("1", "true")
        sst_part = styles_part = None
        for typ, target in wb_rels.values():
            if typ.endswith("/sharedStrings") and target in names:
                sst_part = target
            elif typ.endswith("/styles") and target in names:
                styles_part = target
        if sst_part is None:
            sst_part = next((n for n in names if n.lower().endswith("sharedstrings.xml")), None)
        xfs = _styles(zf, styles_part)
        ctx = {
            "sst": _shared_strings(zf, sst_part),
            "xfs": xfs,
            "date_styles": {i for i, f in enumerate(xfs) if is_date_format(f)},
            "td_styles": {i for i, f in enumerate(xfs) if is_timedelta_format(f)},
            "epoch": _MAC_EPOCH if date1904 else _WINDOWS_EPOCH,
            "recalc": recalc,
        }
        sheets = []
        for title, part, state in entries:
            sd = SheetData(title=title, part=part, state=state)
            _read_sheet(zf, sd, ctx, limits)
            sheets.append(sd)
        custom = _custom_props(zf, names)
    return WorkbookData(path, kind, sheets, date1904, custom, recalc)
