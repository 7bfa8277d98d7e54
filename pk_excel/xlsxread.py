"""Reading an .xlsx/.xlsm straight from its zip: per worksheet, exactly what `locate` needs.

`read_xlsx(path, kind, limits)` gives a `WorkbookData`: for every worksheet (chartsheets, macro and dialog
sheets skipped, workbook order) its values, number formats, formula texts and merged ranges, with the same
values openpyxl 3.1 (`load_workbook(data_only=False, rich_text=False)`) would give, except that a formula cell
holds its cached result (as `data_only=True` gives it: a date when the cell's format is a date; and by the
trust rule of `workbook.Book._typed`, in a workbook that asks for a full recalculation on load a cached 0
reads as None) and the formula text sits in `formulas`.

Why not openpyxl: building a Cell object, a StyleArray and a coordinate for every cell costs about ten times
more than reading the bytes. The shared strings and every sheet are read in one pass of expat each, fed in
1 MB chunks (a 100 MB part is never held whole), with small handlers that keep only what `locate` needs.
Because a real XML parser reads them, every producer's spelling reads alike: self-closing elements
(`<sst/>`, `<sheetData />`), namespace prefixes (`x:row`), either quote, spaces inside tags, comments, CDATA,
character references, and extension elements (only SpreadsheetML's main namespace, transitional or Strict,
is read: an `x14:` or `xm:f` element is not a cell). The same pass refuses a part that is not well-formed
and any DTD, in linear time. The file has been vetted by `guard.inspect` (bounded sizes); the small parts
(workbook, relationships, styles, custom properties) go through defusedxml.

A part that is not well-formed XML (a row or cell cut off, no closing root element) raises `ValueError`;
`workbook.open_book` maps every failure to PkError("corrupt").
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

MAX_SCAN_COLS = 60  # columns of a sheet the reader keeps (a PK table is narrower; notes far right are not)

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


# Constructs no mainstream writer puts in a sheet, which the writer's patterns (`ooxml`) would misread:
# comments, processing instructions, CDATA sections (one leftmost match each, so one inside another is not
# mistaken), and '>' inside an attribute value.
_ODD = re.compile(rb"<!--.*?-->|<!\[CDATA\[(.*?)\]\]>|<\?(?!xml[\s?]).*?\?>", re.DOTALL)
_GT_IN_VALUE = re.compile(rb"""=\s*(?:"[^"<>]*>[^"<]*"|'[^'<>]*>[^'<]*')""")


def clean_xml(data: bytes) -> bytes:
    """A well-formed part with comments and instructions dropped, CDATA turned into escaped text, '>'
    escaped inside attribute values and end tags without spaces (`</row >`): the same document, in the plain
    form the writer's patterns expect."""

    def odd(m: re.Match) -> bytes:
        if m.group(1) is None:
            return b""
        return m.group(1).replace(b"&", b"&amp;").replace(b"<", b"&lt;").replace(b">", b"&gt;")

    data = _ODD.sub(odd, data)
    data = _SPACED_END.sub(rb"</\1>", data)
    return _GT_IN_VALUE.sub(lambda m: m.group(0).replace(b">", b"&gt;"), data)


_SPACED_END = re.compile(rb"</([\w:.-]+)\s+>")


def clean_text(xml: str) -> str:
    """`clean_xml` for a part held as text, when it holds what that cleans; the text as it is otherwise."""
    if (
        "<!--" in xml
        or "<![CDATA[" in xml
        or xml.find("<?", 2) >= 0
        or _GT_IN_VALUE_TEXT.search(xml)
        or _SPACED_END_TEXT.search(xml)
    ):
        return clean_xml(xml.encode("utf-8")).decode("utf-8")
    return xml


_SPACED_END_TEXT = re.compile(_SPACED_END.pattern.decode())
_GT_IN_VALUE_TEXT = re.compile(_GT_IN_VALUE.pattern.decode())


def _expat(part: str, namespaces: bool = False):
    """An expat parser that refuses a DTD or entity declaration. With `namespaces`, element and attribute
    names arrive as "namespace-uri local-name" (no prefix: a prefix is only a spelling)."""
    import xml.parsers.expat

    parser = xml.parsers.expat.ParserCreate(encoding="utf-8", namespace_separator=" " if namespaces else None)

    def refuse(*_args: object) -> None:
        raise ValueError(f"{part}: a DTD or entity declaration")

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    return parser


def well_formed(data: bytes, part: str) -> None:
    """Raise ValueError unless `data` (UTF-8) is well-formed XML without a DTD (one linear pass of expat)."""
    import xml.parsers.expat

    try:
        _expat(part).Parse(data, True)
    except xml.parsers.expat.ExpatError as e:
        raise ValueError(f"{part}: not well-formed XML ({e})") from None


def _parse(zf: zipfile.ZipFile, part: str, parser) -> None:
    """Feed the part to `parser` in chunks of `_CHUNK` bytes: one linear pass, never the whole part in memory.
    A part that is not well-formed XML (cut off, a tag left open) raises ValueError ("corrupt")."""
    import xml.parsers.expat

    try:
        with _open_utf8(zf, part) as fh:
            while chunk := fh.read(_CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except xml.parsers.expat.ExpatError as e:
        raise ValueError(f"{part}: not well-formed XML ({e})") from None


# SpreadsheetML's main namespace, transitional and Strict; elements without a namespace are read too (some
# hand-made packages omit it). Elements of any other namespace (extensions: x14, mc, xm) are not ours.
MAIN_NAMESPACES = (
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",
)


def _names(*local: str) -> dict[str, int]:
    """expat's name ("uri local", or "local" without a namespace) of each main element -> its index in `local`."""
    out = {}
    for i, name in enumerate(local):
        out[name] = i
        for ns in MAIN_NAMESPACES:
            out[f"{ns} {name}"] = i
    return out


_ISO = re.compile(
    r"(?P<date>(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2}))?T?"
    r"(?P<time>(?P<hour>\d{2}):(?P<minute>\d{2})(:(?P<second>\d{2})(?P<microsecond>\.\d{1,3})?)?)?Z?"
)
_ISO_DURATION = re.compile(r"PT((?P<hours>\d+)H)?((?P<minutes>\d+)M)?((?P<seconds>\d+(\.\d{1,3})?)S)?")


def from_iso(text: str):
    """A `t="d"` cell's ISO 8601 text as openpyxl's `from_ISO8601` gives it (date, time, datetime or
    timedelta); the text itself when it is none of those."""
    from datetime import date, time

    m = _ISO.match(text)
    if m and any(m.groups()):
        g = m.groupdict()
        micro = int(float(g["microsecond"]) * 1_000_000) if g["microsecond"] else 0
        g = {k: int(v) if v and k not in ("date", "time", "microsecond") else v for k, v in g.items()}
        try:
            if not g["date"]:
                return time(g["hour"] or 0, g["minute"] or 0, g["second"] or 0, micro)
            if not g["time"]:
                return date(g["year"], g["month"], g["day"])
            return datetime(g["year"], g["month"], g["day"], g["hour"], g["minute"], g["second"] or 0, micro)
        except ValueError:
            return text
    m = _ISO_DURATION.match(text)
    if m and any(m.groups()):
        return timedelta(**{k: float(v) for k, v in m.groupdict().items() if v and k in ("hours", "minutes", "seconds")})
    return text


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _main_local(tag: str) -> str | None:
    """The local name of an ElementTree tag in SpreadsheetML's main namespace (or none); None otherwise."""
    if tag.startswith("{"):
        ns, _, local = tag[1:].partition("}")
        return local if ns in MAIN_NAMESPACES else None
    return tag


# --- shared strings ----------------------------------------------------------------------------------------

_SST_NAMES = _names("sst", "si", "t", "rPh")
_SST, _SI, _T, _RPH = range(4)


def _shared_strings(zf: zipfile.ZipFile, part: str | None) -> list[str]:
    """Each `<si>`'s text: its `<t>`, or its runs' `<t>` joined; phonetic runs (`<rPh>`) left out."""
    if part is None:
        return []
    out: list[str] = []
    parser = _expat(part, namespaces=True)
    names = _SST_NAMES
    pieces: list[str] = []
    buf: list[str] = []  # character data since the last <t> began (text elsewhere is never read from it)
    clear, join, add = buf.clear, "".join, out.append
    root = in_si = False
    rph = 0

    def start(name: str, _attrs: dict) -> None:
        nonlocal root, in_si, rph
        k = names.get(name)
        if k == _T:
            clear()
        elif k == _SI:
            in_si = True
            pieces.clear()
        elif k == _RPH:
            rph += 1
        elif k == _SST:
            root = True

    def end(name: str) -> None:
        nonlocal in_si, rph
        k = names.get(name)
        if k == _T:
            if in_si and not rph:
                pieces.append(join(buf))
        elif k == _SI:
            in_si = False
            text = pieces[0] if len(pieces) == 1 else join(pieces)
            add(text.replace("x005F_", "") if "x005F_" in text else text)
        elif k == _RPH:
            rph -= 1

    parser.buffer_text = True
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = buf.append
    _parse(zf, part, parser)
    if not root:
        raise ValueError(f"{part}: no <sst> element")
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


_MAIN_TYPES = (".sheet.main+xml", ".sheet.macroEnabled.main+xml", ".template.main+xml", ".template.macroEnabled.main+xml")


def _package_rels(zf: zipfile.ZipFile, names: set[str]) -> dict[str, tuple[str, str]]:
    """The package's own relationships (_rels/.rels); none when that part is damaged (openpyxl does not
    need it either: the workbook is then found by its content type)."""
    try:
        return _rels(zf, names, "")
    except Exception:  # noqa: BLE001 - any parse failure of a damaged part
        return {}


def workbook_part(zf: zipfile.ZipFile, names: set[str], package_rels: dict | None = None) -> str:
    """The workbook part: named by the package's relationships (_rels/.rels), else by its content type
    (as openpyxl finds it, so a damaged _rels/.rels alone does not refuse a workbook), else xl/workbook.xml."""
    from defusedxml.ElementTree import fromstring

    rels = _package_rels(zf, names) if package_rels is None else package_rels
    for typ, target in rels.values():
        if typ.endswith("/officeDocument") and target in names:
            return target
    if "[Content_Types].xml" in names:
        for el in fromstring(zf.read("[Content_Types].xml")):
            part = (el.get("PartName") or "").lstrip("/")
            if el.get("ContentType", "").endswith(_MAIN_TYPES) and part in names:
                return part
    if "xl/workbook.xml" in names:
        return "xl/workbook.xml"
    raise ValueError("no workbook part")


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
                if _local(xf.tag) == "AlternateContent":  # one format, as Excel reads it: the fallback's
                    parts = {_local(c.tag): c for c in xf}
                    chosen = parts.get("Fallback", parts.get("Choice"))
                    xf = next(iter(chosen), xf) if chosen is not None else xf
                try:
                    fid = int(xf.get("numFmtId", "0"))
                except ValueError:
                    fid = 0
                xfs.append(custom[fid] if fid in custom else BUILTIN_FORMATS.get(fid, "General"))
    return xfs


def _custom_props(zf: zipfile.ZipFile, names: set[str], package_rels: dict) -> dict[str, str]:
    from defusedxml.ElementTree import fromstring

    part = "docProps/custom.xml"
    for typ, target in package_rels.values():
        if typ.endswith(("/custom-properties", "/customProperties")):
            part = target
    if part not in names:
        return {}
    out: dict[str, str] = {}
    for prop in fromstring(zf.read(part)):
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
    """A `<v>` of a number cell as openpyxl casts it; the text when it is no number."""
    try:
        if "." in text or "E" in text or "e" in text:
            return float(text)
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


def _cached(t: str, raw: str | None, sst: list[str], recalc: bool) -> Any:
    """A formula's cached result, by the rule of `workbook.Book._typed` (a number stays a float here; the
    caller turns it into a date when the cell's format is one). An empty `<v>` is no result (openpyxl)."""
    if not raw:
        return None
    if t == "str":
        return raw
    if t == "e":
        return raw or None
    if t == "b":
        return raw.strip() in ("1", "true")
    if t == "s":
        try:
            return sst[int(raw)]
        except (ValueError, IndexError):
            return None
    if t == "d":
        return from_iso(raw) if raw else None
    if not raw.strip():
        return None
    try:
        num = float(raw)
    except ValueError:
        return raw
    if num == 0 and recalc:
        return None  # a writer that never computed its formulas (XlsxWriter) stores 0
    return num


_A1 = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]+)$")
_SHEET_NAMES = _names("worksheet", "sheetData", "row", "c", "v", "f", "is", "t", "rPh", "mergeCell")
_WS, _DATA, _ROW, _C, _V, _F, _IS, _TT, _RPH2, _MERGE = range(10)


def _date(num: int | float, s: str | None, date_styles: set[int], td_styles: set[int], epoch: datetime) -> Any:
    """A number in a date or duration format as openpyxl gives it (the number otherwise)."""
    try:
        sid = int(s)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return num
    if sid not in date_styles:
        return num
    try:
        return from_excel(num, epoch, sid in td_styles)
    except (OverflowError, ValueError):
        return "#VALUE!"


_DIGITS = "0123456789"


def _sheet_handlers(sd: SheetData, parser, sst, xfs, date_styles, td_styles, epoch, recalc, limits) -> dict:
    """Install on `parser` the handlers of one expat pass over a worksheet part: rows, cells (value, style,
    formula), merges. Returns the pass's state ("root": whether a <worksheet> was seen).

    Closures over local variables rather than a class: this runs for every element of a sheet."""

    max_rows, max_cols = limits.max_rows, MAX_SCAN_COLS
    general = xfs[0] if xfs else "General"
    names = _SHEET_NAMES
    values_by_row, formats_by_row, formulas = sd.values, sd.formats, sd.formulas
    state = {"root": False}
    shared: dict[str, _Shared] = {}
    budget = [TRANSLATE_BUDGET]  # characters of shared-formula translation left for this sheet
    col_cache: dict[str, int] = {}
    buf: list[str] = []
    clear, join = buf.clear, "".join
    row = col = 0
    cell_r = cell_c = 0
    cell_s: str | None = None
    cell_t = "n"
    in_cell = False
    v: str | None = None
    f: str | None = None
    f_attrs: dict[str, str] = {}
    inline: list[str] | None = None
    rph = 0

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal row, col, cell_r, cell_c, cell_s, cell_t, in_cell, v, f, f_attrs, inline, rph
        k = names.get(name)
        if k is None:
            return
        if k == _C:
            ref = attrs.get("r")
            if ref:
                letters = ref.rstrip(_DIGITS)
                c = col_cache.get(letters)
                if c is None:
                    if not (0 < len(letters) <= 3 and letters.isascii() and letters.isalpha()):
                        raise ValueError(f"bad cell reference {ref!r}")
                    c = col_cache[letters] = col_index(letters)
                try:
                    cell_r = int(ref[len(letters) :])
                except ValueError:
                    raise ValueError(f"bad cell reference {ref!r}") from None
            else:
                c = col + 1
                cell_r = row
            col = cell_c = c
            if c > sd.max_col and c <= MAX_COL:
                sd.max_col = c
            cell_s = attrs.get("s")
            cell_t = attrs.get("t", "n")
            in_cell = True
            v = f = inline = None
        elif not in_cell:
            if k == _ROW:
                r = attrs.get("r")
                if r:
                    r = r.strip()
                    row = int(float(r)) if "." in r else int(r)
                else:
                    row += 1
                col = 0
            elif k == _MERGE:
                _merge(sd, attrs.get("ref"))
            elif k == _WS:
                state["root"] = True
        elif k == _V:
            clear()
        elif k == _F:
            f_attrs = attrs
            clear()
        elif k == _TT:
            clear()
        elif k == _IS:
            inline = []
        elif k == _RPH2:
            rph += 1

    def end(name: str) -> None:
        nonlocal in_cell, v, f, rph
        if not in_cell:
            return
        k = names.get(name)
        if k is None:
            return
        if k == _V:
            v = join(buf)
        elif k == _C:
            in_cell = False
            clear()
            store()
        elif k == _F:
            f = join(buf)
        elif k == _TT:
            if inline is not None and not rph:
                inline.append(join(buf))
        elif k == _RPH2:
            rph -= 1

    def store() -> None:
        r, c, s, t = cell_r, cell_c, cell_s, cell_t
        if r > max_rows or c > max_cols:
            return
        formula = None
        if f is not None:
            formula = formula_text(r, c)
            if t == "inlineStr":
                value = join(inline) if inline else None
            else:
                value = _cached(t, v, sst, recalc)
                if type(value) is float and s and date_styles:
                    value = _date(value, s, date_styles, td_styles, epoch)
        elif t == "inlineStr":
            if inline is None:
                return
            value = join(inline)
        else:
            if not v:
                return
            if t == "n":
                value = _number(v)
                if s and date_styles and type(value) is not str:
                    value = _date(value, s, date_styles, td_styles, epoch)
            elif t == "s":
                value = sst[int(v)]
            elif t == "b":
                value = v.strip() in ("1", "true")
            elif t == "d":
                value = from_iso(v)
            else:
                value = v  # "str", "e" and anything else: the text
        values = values_by_row.get(r)
        if values is None:
            values = values_by_row[r] = []
            formats = formats_by_row[r] = []
        else:
            formats = formats_by_row[r]
        n = len(values)
        if n < c:  # rows are as long as their last value: most rows use a few columns
            values.extend([None] * (c - n))
            formats.extend(["General"] * (c - n))
        elif values[c - 1] is not None or (r, c) in formulas:
            sd.n_cells -= 1  # the same cell written twice: the last one counts, as in openpyxl
            formulas.pop((r, c), None)
        values[c - 1] = value
        if s:
            try:
                formats[c - 1] = xfs[int(s)]
            except (ValueError, IndexError):
                formats[c - 1] = "General"
        else:
            formats[c - 1] = general
        if formula is not None:
            formulas[(r, c)] = formula
        sd.n_cells += 1

    def formula_text(r: int, c: int) -> str:
        text = "=" + (f or "")
        if f_attrs.get("t") == "shared":
            si = f_attrs.get("si", "")
            master = shared.get(si)
            if master is not None:
                return master.at(r, c)
            if text != "=":
                shared[si] = _Shared(text, r, c, budget)
        return text

    parser.buffer_text = True
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = buf.append
    return state


def _merge(sd: SheetData, ref: str | None) -> None:
    bounds = _bounds(ref) if ref else None
    if bounds is None:
        return
    sd.merged.append(bounds)
    if bounds[3] > sd.max_col:
        sd.max_col = min(bounds[3], MAX_COL)


_RANGE = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]+)(?::\$?([A-Za-z]{1,3})\$?([0-9]+))?$")


def _bounds(ref: str) -> tuple[int, int, int, int] | None:
    m = _RANGE.match(ref.strip())
    if m is None:
        return None
    c0, r0 = col_index(m.group(1)), int(m.group(2))
    c1, r1 = (col_index(m.group(3)), int(m.group(4))) if m.group(3) else (c0, r0)
    return min(r0, r1), min(c0, c1), max(r0, r1), max(c0, c1)


def _read_sheet(zf: zipfile.ZipFile, sd: SheetData, ctx: dict, limits: Limits) -> None:
    parser = _expat(sd.part, namespaces=True)
    state = _sheet_handlers(sd, parser, **ctx, limits=limits)
    _parse(zf, sd.part, parser)
    if not state["root"]:
        raise ValueError(f"{sd.part}: no <worksheet> element")
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
        package_rels = _package_rels(zf, names)
        wb_part = workbook_part(zf, names, package_rels)
        wb_rels = _rels(zf, names, wb_part)
        root = fromstring(zf.read(wb_part))
        date1904 = recalc = False
        entries: list[tuple[str, str, str]] = []
        for el in root.iter():
            name = _main_local(el.tag)  # an extension's element of the same name (x15:workbookPr) is not ours
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
        custom = _custom_props(zf, names, package_rels)
    return WorkbookData(path, kind, sheets, date1904, custom, recalc)
