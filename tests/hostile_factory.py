"""Builders of hostile and broken inputs, in code, for tests/test_hostile.py and tests/test_fuzz.py.

Every function writes one file under the folder it is given and returns its path. Nothing here touches
pk_excel: a test decides what the checker must do with the file.

    bomb = zip_bomb(tmp_path / "bom.xlsx", unpacked=2 * 1024**3)   # ~2 MB on disk, 2 GB inflated
    xxe = with_part(good, tmp_path / "xxe.xlsx", {SHEET1: xxe_sheet("file:///etc/hostname")})
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from pathlib import Path

SHEET1 = "xl/worksheets/sheet1.xml"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
WORKBOOK_CT = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
MACRO_CT = b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"

GOOD_ROWS = [
    "Sasaran Strategis",
    ["1", "Meningkatnya kepuasan", "Indeks Kepuasan Masyarakat", "85,00", "82,71", "97,31%", "Hasil SKM"],
    ["2", "Meningkatnya akuntabilitas", "Nilai SAKIP", "70", "72,5", "103,57%", "Hasil evaluasi"],
]


# --- rewriting a workbook's zip ------------------------------------------------------------------------------


def part(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return zf.read(name)


def with_part(
    src: Path,
    dst: Path,
    replace: dict[str, bytes] | None = None,
    *,
    drop: tuple[str, ...] = (),
    add: dict[str, bytes] | None = None,
) -> Path:
    """A copy of the zip `src` with members replaced, dropped or added (deflated)."""
    replace = replace or {}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in drop:
                continue
            zout.writestr(info.filename, replace.get(info.filename, zin.read(info.filename)))
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return dst


def truncated(src: Path, dst: Path, keep: float = 0.5) -> Path:
    data = src.read_bytes()
    dst.write_bytes(data[: int(len(data) * keep)])
    return dst


def docx(dst: Path) -> Path:
    """A minimal Word document (what a .docx renamed .xlsx looks like to a reader)."""
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        zf.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}" Target="word/document.xml"/></Relationships>',
        )
        zf.writestr("word/document.xml", "<w:document><w:body><w:p>Laporan</w:p></w:body></w:document>")
    return dst


def pdf(dst: Path) -> Path:
    dst.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n")
    return dst


def office_owner_file(dst: Path, user: str = "Siti") -> Path:
    """An Office owner file (`~$name.xlsx`): a length byte, the user name, padding, the name in UTF-16."""
    raw = bytes([len(user)]) + user.encode("cp1252")
    dst.write_bytes(raw + b"\x20" * (54 - len(raw)) + user.encode("utf-16-le") + b"\x00" * 40)
    return dst


def encrypted(src: Path, dst: Path, password: str = "rahasia") -> Path:
    """`src` encrypted with a password the way Excel does (an OLE container; msoffcrypto-tool)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    with open(src, "rb") as fin, open(dst, "wb") as fout:
        OOXMLFile(fin).encrypt(password, fout)
    return dst


def macro_workbook(src: Path, dst: Path, vba: bytes) -> Path:
    """`src` turned into an .xlsm: the macro content type and an xl/vbaProject.bin with `vba` bytes.

    openpyxl's keep_vba copies the project back as it is; the relationship from the workbook part is what
    Excel needs to find it, so it is added too.
    """
    ct = part(src, "[Content_Types].xml").replace(WORKBOOK_CT, MACRO_CT)
    ct = ct.replace(
        b"</Types>",
        b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>',
    )
    rels = part(src, "xl/_rels/workbook.xml.rels").replace(
        b"</Relationships>",
        b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject"'
        b' Target="vbaProject.bin"/></Relationships>',
    )
    return with_part(
        src,
        dst,
        {"[Content_Types].xml": ct, "xl/_rels/workbook.xml.rels": rels},
        add={"xl/vbaProject.bin": vba},
    )


# --- XML ---------------------------------------------------------------------------------------------------


def xxe_sheet(system_id: str) -> bytes:
    """A worksheet whose one cell is an external entity (`file://...` or `http://...`)."""
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "{system_id}">]>\n'
        f'<worksheet xmlns="{MAIN_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t>'
        "</is></c></row></sheetData></worksheet>"
    ).encode()


_ROOT = re.compile(rb"<([A-Za-z_][\w.:-]*)")


def _split_decl(xml: bytes) -> tuple[bytes, bytes, str]:
    """(XML declaration or a default one, the rest, the root element's name)."""
    decl, sep, rest = xml.partition(b"?>")
    if not sep or not decl.lstrip().startswith(b"<?xml"):
        decl, rest = b'<?xml version="1.0"?>', xml
    else:
        decl += sep
    m = _ROOT.search(rest)
    assert m is not None, "no root element"
    return decl, rest, m.group(1).decode()


def external_dtd(xml: bytes, system_id: str) -> bytes:
    """`xml` with a DOCTYPE that names an external DTD (no entity is declared or used)."""
    decl, rest, root = _split_decl(xml)
    return decl + f'\n<!DOCTYPE {root} SYSTEM "{system_id}">'.encode() + rest


def entity_in(xml: bytes, system_id: str) -> bytes:
    """`xml` with an external entity declared in a DOCTYPE and used as the root's first child text."""
    decl, rest, root = _split_decl(xml)
    doctype = f'\n<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "{system_id}">]>'.encode()
    m = _ROOT.search(rest)
    end = rest.index(b">", m.end())
    if rest[end - 1 : end] == b"/":  # an empty root: open it and close it around the entity
        return decl + doctype + rest[: end - 1] + b">&xxe;</" + root.encode() + b">" + rest[end + 1 :]
    return decl + doctype + rest[: end + 1] + b"&xxe;" + rest[end + 1 :]


# --- zip bombs ---------------------------------------------------------------------------------------------


def _deflate_repeated(prefix: bytes, chunk: bytes, times: int, suffix: bytes) -> tuple[bytes, int, int]:
    """Raw deflate of prefix + chunk * times + suffix, built without inflating it: the compressed chunk is
    made once after a full flush (which resets the compressor), so every repetition has the same bytes.
    Returns (compressed, crc32, uncompressed size)."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = comp.compress(prefix) + comp.flush(zlib.Z_FULL_FLUSH)
    piece = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    tail = comp.compress(suffix) + comp.flush()
    crc = zlib.crc32(prefix)
    for _ in range(times):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(suffix, crc)
    return head + piece * times + tail, crc & 0xFFFFFFFF, len(prefix) + len(chunk) * times + len(suffix)


def _raw_zip(dst: Path, members: list[tuple[str, bytes, int, int, int]]) -> Path:
    """Write a zip from (name, data, method, crc, uncompressed size) members, sizes declared truthfully."""
    out = bytearray()
    central = bytearray()
    for name, data, method, crc, usize in members:
        nb = name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, len(data), usize, len(nb), 0)
        out += nb + data
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21, crc, len(data), usize, len(nb),
            0, 0, 0, 0, 0, offset,
        )
        central += nb
    start = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), start, 0)
    dst.write_bytes(bytes(out))
    return dst


def zip_bomb(dst: Path, unpacked: int, template: Path | None = None) -> Path:
    """A workbook whose first sheet inflates to about `unpacked` bytes of valid-looking rows.

    The other members come from `template` (a real workbook) when given, else a minimal workbook skeleton,
    so the file passes every test but size: it is what a reader would really inflate.
    """
    row = b'<row><c t="inlineStr"><is><t>' + b"9" * 960 + b"</t></is></c></row>"
    chunk = row * ((1 << 20) // len(row))
    prefix = f'<?xml version="1.0"?><worksheet xmlns="{MAIN_NS}"><sheetData>'.encode()
    suffix = b"</sheetData></worksheet>"
    times = max(1, unpacked // len(chunk))
    data, crc, usize = _deflate_repeated(prefix, chunk, times, suffix)
    members: list[tuple[str, bytes, int, int, int]] = []
    skeleton = _skeleton() if template is None else _members(template)
    for name, content in skeleton:
        if name == SHEET1:
            members.append((name, data, zipfile.ZIP_DEFLATED, crc, usize))
            continue
        comp = zlib.compressobj(6, zlib.DEFLATED, -15)
        packed = comp.compress(content) + comp.flush()
        members.append((name, packed, zipfile.ZIP_DEFLATED, zlib.crc32(content) & 0xFFFFFFFF, len(content)))
    return _raw_zip(dst, members)


def _members(path: Path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(path) as zf:
        return [(i.filename, zf.read(i.filename)) for i in zf.infolist()]


def _skeleton() -> list[tuple[str, bytes]]:
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    return [
        (
            "[Content_Types].xml",
            b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            b'<Default Extension="xml" ContentType="application/xml"/>'
            b'<Override PartName="/xl/workbook.xml" ContentType="' + WORKBOOK_CT + b'"/>'
            b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            b'officedocument.spreadsheetml.worksheet+xml"/></Types>',
        ),
        (
            "_rels/.rels",
            f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>".encode(),
        ),
        (
            "xl/workbook.xml",
            f'<?xml version="1.0"?><workbook xmlns="{MAIN_NS}" xmlns:r="{rel}"><sheets>'
            '<sheet name="PK" sheetId="1" r:id="rId1"/></sheets></workbook>'.encode(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            "</Relationships>".encode(),
        ),
        (SHEET1, b""),
    ]


def xlsxwriter_pk(dst: Path, rows: list[list[str]] | None = None) -> Path:
    """A small PK table written by XlsxWriter, which (unlike openpyxl) stores text in xl/sharedStrings.xml."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(dst))
    ws = wb.add_worksheet("PK")
    ws.write_row(0, 0, ["NO", "SASARAN", "INDIKATOR KINERJA", "TARGET", "REALISASI", "CAPAIAN", "PENJELASAN"])
    for r, row in enumerate(rows or [GOOD_ROWS[1], GOOD_ROWS[2]], start=1):
        for c, value in enumerate(row):
            ws.write_string(r, c, value)
    wb.close()
    return dst
