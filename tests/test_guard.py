"""guard.inspect: every bad input is built here, in tmp_path, and must give its stable code."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zipfile
from pathlib import Path

import pytest

from pk_excel import guard
from pk_excel.config import Limits
from pk_excel.model import PkError

LIMITS = Limits()


def _workbook(path: Path, **cells) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "PK"
    ws["A1"] = "PENGUKURAN KINERJA"
    for ref, value in cells.items():
        ws[ref] = value
    wb.save(path)
    return path


def _code(path, limits: Limits = LIMITS) -> PkError:
    with pytest.raises(PkError) as info:
        guard.inspect(path, limits)
    err = info.value
    # Every message names the file, in both languages, on one line.
    assert str(path) in err.message_id and str(path) in err.message_en
    assert "\n" not in err.message_id and "\n" not in err.message_en
    assert err.path == str(path)
    return err


def _rezip(
    src: Path,
    dst: Path,
    replace: dict[str, bytes] | None = None,
    drop: tuple[str, ...] = (),
    add: dict[str, bytes] | None = None,
) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in drop:
                continue
            zout.writestr(info.filename, (replace or {}).get(info.filename, zin.read(info.filename)))
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return dst


def _patch_sizes(path: Path, member: str, size: int, *, local: bool = True, central: bool = True) -> None:
    """Overwrite the declared uncompressed size of `member` in its local header and/or the directory."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    with zipfile.ZipFile(path) as zf:
        offset = zf.getinfo(member).header_offset
    if local:
        assert data[offset : offset + 4] == b"PK\x03\x04"
        struct.pack_into("<I", data, offset + 22, size)
    if central:
        pos = 0
        while True:
            pos = data.index(b"PK\x01\x02", pos)
            (nlen,) = struct.unpack_from("<H", data, pos + 28)
            if bytes(data[pos + 46 : pos + 46 + nlen]) == name:
                struct.pack_into("<I", data, pos + 24, size)
                break
            pos += 4
    path.write_bytes(bytes(data))


# --- the kinds ---------------------------------------------------------------------------------------------


def test_xlsx_kind(tmp_path):
    assert guard.inspect(_workbook(tmp_path / "pk.xlsx"), LIMITS) == "xlsx"


def test_kind_comes_from_content_not_extension(tmp_path):
    src = _workbook(tmp_path / "pk.xlsx")
    renamed = tmp_path / "pk.xls"
    shutil.copy(src, renamed)
    assert guard.inspect(renamed, LIMITS) == "xlsx"


def test_xlsm_kind_by_vba_project(tmp_path):
    src = _workbook(tmp_path / "plain.xlsx")
    xlsm = _rezip(src, tmp_path / "makro.xlsm", add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 not real"})
    assert guard.inspect(xlsm, LIMITS) == "xlsm"


def test_xlsm_kind_by_content_type(tmp_path):
    src = _workbook(tmp_path / "plain.xlsx")
    with zipfile.ZipFile(src) as zf:
        ct = zf.read("[Content_Types].xml").replace(
            b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        )
    xlsm = _rezip(src, tmp_path / "renamed.xlsx", replace={"[Content_Types].xml": ct})
    assert guard.inspect(xlsm, LIMITS) == "xlsm"


def test_ods_kind_by_mimetype(tmp_path):
    path = tmp_path / "pk.ods"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        zf.writestr("content.xml", "<office:document-content/>")
    assert guard.inspect(path, LIMITS) == "ods"


def test_odt_is_not_a_spreadsheet(tmp_path):
    path = tmp_path / "surat.ods"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        zf.writestr("content.xml", "<office:document-content/>")
    err = _code(path)
    assert err.code == "not-spreadsheet" and "OpenDocument" in err.message_id


@pytest.fixture(scope="module")
def real_xls(tmp_path_factory) -> Path:
    """A real BIFF8 .xls, converted by LibreOffice (nothing in the venv can write .xls)."""
    soffice = shutil.which("soffice")
    if not soffice:
        pytest.skip("soffice not installed: cannot build an .xls")
    d = tmp_path_factory.mktemp("xls")
    src = _workbook(d / "pk.xlsx", A2=5, B2=97.31)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{d}/profile",
            "--headless",
            "--convert-to",
            "xls",
            "--outdir",
            str(d),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    out = d / "pk.xls"
    if not out.exists():
        pytest.skip("soffice did not produce an .xls")
    return out


def test_xls_kind(real_xls):
    assert guard.inspect(real_xls, LIMITS) == "xls"


def test_xls_renamed_xlsx_is_still_xls(real_xls, tmp_path):
    renamed = tmp_path / "pk.xlsx"
    shutil.copy(real_xls, renamed)
    assert guard.inspect(renamed, LIMITS) == "xls"


def test_encrypted_xls_by_filepass(real_xls, tmp_path):
    import olefile

    path = tmp_path / "terkunci.xls"
    shutil.copy(real_xls, path)
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        data = bytearray(ole.openstream("Workbook").read())
        (bof_len,) = struct.unpack_from("<H", data, 2)
        # The record after BOF becomes FILEPASS, same length, so the stream keeps its size.
        struct.pack_into("<H", data, 4 + bof_len, 0x002F)
        ole.write_stream("Workbook", bytes(data))
    assert _code(path).code == "encrypted"


# --- unreadable ---------------------------------------------------------------------------------------------


def test_not_found(tmp_path):
    assert _code(tmp_path / "tidak-ada.xlsx").code == "not-found"


def test_directory_named_xlsx(tmp_path):
    d = tmp_path / "x.xlsx"
    d.mkdir()
    assert _code(d).code == "is-directory"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read every file")
def test_no_permission(tmp_path):
    path = _workbook(tmp_path / "rahasia.xlsx")
    path.chmod(0)
    try:
        assert _code(path).code == "no-permission"
    finally:
        path.chmod(0o644)


def test_no_permission_when_open_is_refused(tmp_path, monkeypatch):
    """The same path for root, who can read everything: the open itself is refused."""
    path = _workbook(tmp_path / "rahasia.xlsx")

    def refuse(*args, **kw):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(guard, "open", refuse, raising=False)
    assert _code(path).code == "no-permission"


def test_empty_file(tmp_path):
    path = tmp_path / "kosong.xlsx"
    path.write_bytes(b"")
    err = _code(path)
    assert err.code == "empty-file" and "0 byte" in err.message_id


def test_too_large(tmp_path):
    path = _workbook(tmp_path / "besar.xlsx")
    err = _code(path, Limits(max_file_bytes=1000))
    assert err.code == "too-large" and "batas" in err.message_id


def test_truncated_zip_is_corrupt(tmp_path):
    src = _workbook(tmp_path / "utuh.xlsx")
    path = tmp_path / "terpotong.xlsx"
    path.write_bytes(src.read_bytes()[: src.stat().st_size // 2])
    assert _code(path).code == "corrupt"


def test_zip_without_workbook_part_is_corrupt(tmp_path):
    src = _workbook(tmp_path / "utuh.xlsx")
    path = _rezip(src, tmp_path / "rusak.xlsx", drop=("xl/workbook.xml",))
    assert _code(path).code == "corrupt"


def test_ole_garbage_is_corrupt(tmp_path):
    path = tmp_path / "rusak.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    assert _code(path).code == "corrupt"


@pytest.mark.parametrize(
    "content, looks_like",
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
        (b"NO;INDIKATOR;TARGET\n1;IKM;85,00\n", "CSV"),
        (b"<html><body><table><tr><td>1</td></tr></table></body></html>", "HTML"),
        (
            b'<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">',
            "XML 2003",
        ),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    ],
)
def test_not_a_spreadsheet_says_what_it_looks_like(tmp_path, content, looks_like):
    path = tmp_path / "laporan.xlsx"
    path.write_bytes(content)
    err = _code(path)
    assert err.code == "not-spreadsheet"
    assert looks_like in err.message_id


def test_docx_renamed_xlsx(tmp_path):
    path = tmp_path / "surat.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        zf.writestr("word/document.xml", "<w:document/>")
    err = _code(path)
    assert err.code == "not-spreadsheet" and "dokumen Word" in err.message_id


def test_plain_zip(tmp_path):
    path = tmp_path / "arsip.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("foto.txt", "bukan buku kerja")
    err = _code(path)
    assert err.code == "not-spreadsheet" and "ZIP" in err.message_id


# --- encrypted ---------------------------------------------------------------------------------------------


def test_encrypted_ooxml(tmp_path):
    ooxml = pytest.importorskip(
        "msoffcrypto.format.ooxml", reason="msoffcrypto-tool builds the encrypted file"
    )
    src = _workbook(tmp_path / "asli.xlsx", B2=97.31)
    path = tmp_path / "berpassword.xlsx"
    with open(src, "rb") as fin, open(path, "wb") as fout:
        ooxml.OOXMLFile(fin).encrypt("rahasia", fout)
    assert path.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    err = _code(path)
    assert err.code == "encrypted" and "kata sandi" in err.message_id


def test_zip_with_encrypted_members(tmp_path):
    src = _workbook(tmp_path / "asli.xlsx")
    data = bytearray(src.read_bytes())
    pos = 0
    while (pos := data.find(b"PK\x01\x02", pos)) != -1:  # set the "encrypted" flag in the directory
        data[pos + 8] |= 0x01
        pos += 4
    path = tmp_path / "zipsandi.xlsx"
    path.write_bytes(bytes(data))
    assert _code(path).code == "encrypted"


# --- lock files --------------------------------------------------------------------------------------------


def _owner_file(path: Path, user: str = "Siti") -> Path:
    # Office owner files: a length byte, the user name, padding to 165 bytes.
    raw = bytes([len(user)]) + user.encode("cp1252")
    path.write_bytes(raw + b"\x20" * (54 - len(raw)) + user.encode("utf-16-le") + b"\x00" * 40)
    return path


def test_lock_file_beside_its_workbook(tmp_path):
    _workbook(tmp_path / "pengukuran.xlsx")
    lock = _owner_file(tmp_path / "~$pengukuran.xlsx")
    err = _code(lock)
    assert err.code == "lock-file"
    assert "'pengukuran.xlsx'" in err.message_id and "Siti" in err.message_id


def test_truncated_lock_file_finds_its_workbook(tmp_path):
    _workbook(tmp_path / "pengukuran.xlsx")
    lock = _owner_file(tmp_path / "~$ngukuran.xlsx")
    err = _code(lock)
    assert err.code == "lock-file" and "'pengukuran.xlsx'" in err.message_id


def test_lock_file_alone(tmp_path):
    lock = tmp_path / "~$pengukuran.xlsx"
    lock.write_bytes(b"")
    err = _code(lock)
    assert err.code == "lock-file" and "tidak ada" in err.message_id


def test_libreoffice_lock_file(tmp_path):
    _workbook(tmp_path / "pk.xlsx")
    lock = tmp_path / ".~lock.pk.xlsx#"
    lock.write_text("Budi,komputer,budi,26.02.2024 10:00,file:///home/budi/.config/libreoffice/4;")
    err = _code(lock)
    assert err.code == "lock-file" and "'pk.xlsx'" in err.message_id and "Budi" in err.message_id


# --- zip bombs ---------------------------------------------------------------------------------------------


def test_declared_size_over_the_limit(tmp_path):
    src = _workbook(tmp_path / "asli.xlsx")
    path = tmp_path / "bom.xlsx"
    shutil.copy(src, path)
    _patch_sizes(path, "xl/worksheets/sheet1.xml", 2**31)  # 2 GB declared, local and central agree
    err = _code(path)
    assert err.code == "zip-bomb" and "2,0 GB" in err.message_id


def test_high_compression_ratio(tmp_path):
    src = _workbook(tmp_path / "asli.xlsx")
    # 12 MB of zeros deflate ~1000:1: over ratio_min_bytes (10 MB) and max_member_ratio (200).
    path = _rezip(src, tmp_path / "bom.xlsx", add={"xl/media/nol.bin": bytes(12 * 1024 * 1024)})
    assert path.stat().st_size < 100_000
    err = _code(path)
    assert err.code == "zip-bomb" and "xl/media/nol.bin" in err.message_id


def test_too_many_members(tmp_path):
    src = _workbook(tmp_path / "asli.xlsx")
    path = _rezip(src, tmp_path / "banyak.xlsx", add={f"xl/media/{i}.bin": b"x" for i in range(30)})
    assert guard.inspect(path, LIMITS) == "xlsx"
    assert _code(path, Limits(max_members=20)).code == "zip-bomb"


def test_declared_size_that_lies(tmp_path):
    src = _workbook(tmp_path / "asli.xlsx")
    path = tmp_path / "bohong.xlsx"
    shutil.copy(src, path)
    _patch_sizes(path, "xl/worksheets/sheet1.xml", 10, local=False)  # only the directory lies
    assert _code(path).code == "zip-bomb"


def test_overlapping_members(tmp_path):
    path = tmp_path / "tumpang.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>" * 10)
        zf.writestr("xl/worksheets/sheet1.xml", "<workbook/>" * 10)
    data = bytearray(path.read_bytes())
    second = data.index(b"PK\x01\x02", data.index(b"PK\x01\x02") + 4)
    struct.pack_into("<I", data, second + 42, 0)  # both entries now point at the first member's data
    path.write_bytes(bytes(data))
    assert _code(path).code == "zip-bomb"


# --- names -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, expected",
    [
        ("pengukuran.xlsx", True),
        ("PENGUKURAN.XLSX", True),
        ("pk.xlsm", True),
        ("pk.xls", True),
        ("pk.ods", True),
        ("pk.csv", False),
        ("~$pengukuran.xlsx", False),
        (".~lock.pk.xlsx#", False),
        (".tersembunyi.xlsx", False),
        ("~WRL0001.xlsx", False),
        ("pengukuran.checked.xlsx", False),
        ("pengukuran.CHECKED.xlsm", False),
        ("pengukuran.xlsx.tmp", False),
    ],
)
def test_is_candidate(tmp_path, name, expected):
    assert guard.is_candidate(tmp_path / name) is expected


def test_directory_is_not_a_candidate(tmp_path):
    d = tmp_path / "x.xlsx"
    d.mkdir()
    assert not guard.is_candidate(d)


def test_is_lock_file():
    assert guard.is_lock_file("~$pk.xlsx")
    assert guard.is_lock_file(Path("/a/b/.~lock.pk.xlsx#"))
    assert not guard.is_lock_file("pk.xlsx")
    assert not guard.is_lock_file("$pk.xlsx")


def test_supported_suffixes():
    assert set(guard.SUPPORTED_SUFFIXES) == {".xlsx", ".xlsm", ".xls", ".ods"}


def test_main_part_named_by_relationships_in_any_spelling(tmp_path):
    """The workbook part is what `_rels/.rels` names (through `opc`, a real XML parser): a prefix, single quotes,
    a leading slash and a part not named xl/workbook.xml are all read."""
    src = _workbook(tmp_path / "plain.xlsx")
    with zipfile.ZipFile(src) as zf:
        book, book_rels = zf.read("xl/workbook.xml"), zf.read("xl/_rels/workbook.xml.rels")
        ct = zf.read("[Content_Types].xml").replace(b"/xl/workbook.xml", b"/xl/buku.xml")
    rels = (
        b"<?xml version='1.0'?><r:Relationships xmlns:r='http://schemas.openxmlformats.org/package/2006/relationships'>"
        b"<r:Relationship Id='rId1' Target='/xl/buku.xml' Type='http://schemas.openxmlformats.org/officeDocument"
        b"/2006/relationships/officeDocument' /></r:Relationships>"
    )
    moved = _rezip(
        src, tmp_path / "moved.xlsx", drop=("xl/workbook.xml", "xl/_rels/workbook.xml.rels", "_rels/.rels"),
        add={"xl/buku.xml": book, "xl/_rels/buku.xml.rels": book_rels, "_rels/.rels": rels},
        replace={"[Content_Types].xml": ct},
    )  # fmt: skip
    assert guard.inspect(moved, LIMITS) == "xlsx"
    from pk_excel.xlsxread import read_xlsx

    assert read_xlsx(moved, "xlsx", LIMITS).sheets  # the reader finds it the same way
    macro = ct.replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    )
    assert macro != ct
    with zipfile.ZipFile(moved) as zf:
        assert "xl/workbook.xml" not in zf.namelist()
    assert guard.inspect(_rezip(moved, tmp_path / "m.xlsx", replace={"[Content_Types].xml": macro}), LIMITS) == "xlsm"
