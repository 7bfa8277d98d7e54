"""Hostile and broken input, end to end through the command line (issue 7).

Every bad input is built in code (tests/hostile_factory.py). For a file that cannot be checked the CLI must
print one line on stderr, in Bahasa Indonesia (English with --lang en), that names the file and says what to
do; exit 2; show no traceback; leave no output, partial or whole; leave the input unchanged; and check the
rest of a folder. Inputs that are merely strange (huge coordinates, long cells, external links) must be
checked, or refused, within bounded time and memory.

Each defect these tests found is fixed and pinned by the test that found it.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import hostile_factory as hf
import pytest
from conftest import build_pk
from typer.testing import CliRunner

from pk_excel.checker import check_file
from pk_excel.cli import app
from pk_excel.config import Options

runner = CliRunner()

# Imperative words of the house messages: a message "says what to do" when it holds one as a whole word.
_TODO_ID = re.compile(
    r"\b(periksa|buka|simpan|minta|pilih|kosongkan|tutup|hapus|naikkan|abaikan|sebutkan|pisahkan|isi|salin|"
    r"pasang|laporkan|mohon|gunakan|beri|ubah)\b",
    re.IGNORECASE,
)
_TODO_EN = re.compile(
    r"\b(check|open|save|ask|choose|free|close|delete|raise|ignore|name|split|fill|copy|install|report|"
    r"please|use|give|change)\b",
    re.IGNORECASE,
)
_WORDS_ID = re.compile(r"\b(berkas|buku kerja|folder|tidak|bukan|ini|isinya|dilindungi)\b", re.IGNORECASE)
_WORDS_EN = re.compile(r"\b(file|workbook|folder|not|this|the)\b", re.IGNORECASE)


# --- helpers -----------------------------------------------------------------------------------------------


def cli(*args: object):
    return runner.invoke(app, ["check", *(str(a) for a in args)])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tree(folder: Path) -> dict[str, str]:
    """Every file under `folder` (relative path -> sha256), to prove nothing was added or changed."""
    return {
        str(p.relative_to(folder)): digest(p) for p in sorted(folder.rglob("*")) if p.is_file()
    }


def says_what_to_do(message: str, lang: str) -> bool:
    return bool((_TODO_EN if lang == "en" else _TODO_ID).search(message))


def in_language(message: str, lang: str) -> bool:
    if lang == "en":
        return bool(_WORDS_EN.search(message)) and not re.search(r"\b(berkas|tidak)\b", message)
    return bool(_WORDS_ID.search(message))


def error_lines(result, path: Path) -> list[str]:
    """stderr lines that name `path` (by its path or its name, not as the tail of another name)."""
    named = re.compile(r"(?:^|[\s/\\'])" + re.escape(path.name) + r"(?:[:'\s]|$)")
    return [line for line in result.stderr.splitlines() if named.search(line)]


def assert_clean_error(result, path: Path, lang: str = "id", code: str | None = None) -> str:
    """Exit 2, no traceback, exactly one stderr line naming `path`, in `lang`, saying what to do."""
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    lines = error_lines(result, path)
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert in_language(line, lang), line
    assert says_what_to_do(line, lang), line
    assert "kesalahan internal" not in line and "internal error" not in line
    if code is not None:
        from pk_excel import check

        fr = check(path).files[0]
        assert fr.status == "error" and fr.error_code == code, (fr.error_code, fr.error)
    return line


def is_workbook(path: Path) -> bool:
    from openpyxl import load_workbook

    with zipfile.ZipFile(path) as zf:
        if zf.testzip() is not None:
            return False
    load_workbook(path)
    return True


@pytest.fixture
def good(tmp_path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    return build_pk(src / "baik.xlsx", hf.GOOD_ROWS)


# --- the catalogue: files that cannot be checked ------------------------------------------------------------


def _truncated(d: Path, good: Path) -> Path:
    return hf.truncated(good, d / "terpotong.xlsx")


def _corrupt_directory(d: Path, good: Path) -> Path:
    data = bytearray(good.read_bytes())
    eocd = data.rindex(b"PK\x05\x06")
    data[eocd + 16 : eocd + 20] = (len(data) // 3).to_bytes(4, "little")  # the directory is not where it says
    path = d / "rusak.xlsx"
    path.write_bytes(bytes(data))
    return path


def _corrupt_member(d: Path, good: Path) -> Path:
    """A sheet part whose deflate stream is garbage: the zip directory is fine, the content is not."""
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as zf:
        info = zf.getinfo(hf.SHEET1)
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start : start + info.compress_size] = bytes(range(256)) * (info.compress_size // 256) + b"\x00" * (
        info.compress_size % 256
    )
    path = d / "isirusak.xlsx"
    path.write_bytes(bytes(data))
    return path


def _pdf(d: Path, good: Path) -> Path:
    return hf.pdf(d / "laporan.xlsx")


def _docx(d: Path, good: Path) -> Path:
    return hf.docx(d / "surat.xlsx")


def _zero(d: Path, good: Path) -> Path:
    path = d / "kosong.xlsx"
    path.write_bytes(b"")
    return path


def _encrypted(d: Path, good: Path) -> Path:
    pytest.importorskip("msoffcrypto", reason="msoffcrypto-tool builds the encrypted workbook")
    return hf.encrypted(good, d / "bersandi.xlsx")


def _lock_beside(d: Path, good: Path) -> Path:
    shutil.copy(good, d / "pengukuran.xlsx")
    return hf.office_owner_file(d / "~$pengukuran.xlsx")


def _lock_alone(d: Path, good: Path) -> Path:
    return hf.office_owner_file(d / "~$hilang.xlsx")


def _empty_workbook(d: Path, good: Path) -> Path:
    from openpyxl import Workbook

    path = d / "tanpaisi.xlsx"
    Workbook().save(path)
    return path


def _no_pk_table(d: Path, good: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in (["Nama", "Alamat", "Telepon"], ["Budi", "Jl. Mawar 1", "0812"], ["Siti", "Jl. Melati 2", "0813"]):
        ws.append(row)
    path = d / "daftar.xlsx"
    wb.save(path)
    return path


def _xxe(d: Path, good: Path) -> Path:
    return hf.with_part(good, d / "entitas.xlsx", {hf.SHEET1: hf.xxe_sheet("file:///etc/hostname")})


# case -> (builder, error code, words the Indonesian line holds, words the English line holds)
CATALOGUE = {
    "truncated-zip": (_truncated, "corrupt", ("rusak",), ("damaged",)),
    "corrupt-zip-directory": (_corrupt_directory, "corrupt", ("rusak",), ("damaged",)),
    "corrupt-member": (_corrupt_member, "corrupt", ("rusak",), ("damaged",)),
    "pdf-renamed": (_pdf, "not-spreadsheet", ("PDF",), ("PDF",)),
    "docx-renamed": (_docx, "not-spreadsheet", ("Word",), ("Word",)),
    "zero-bytes": (_zero, "empty-file", ("0 byte",), ("0 bytes",)),
    "password": (_encrypted, "encrypted", ("kata sandi",), ("password",)),
    "lock-file": (_lock_beside, "lock-file", ("'pengukuran.xlsx'", "Siti"), ("'pengukuran.xlsx'", "Siti")),
    "lock-file-alone": (_lock_alone, "lock-file", ("kunci",), ("lock file",)),
    "empty-workbook": (_empty_workbook, "no-table", ("tabel",), ("table",)),
    "no-pk-table": (_no_pk_table, "no-table", ("tabel",), ("table",)),
    "external-entity": (_xxe, "unsafe-xml", ("keamanan",), ("safety",)),
}


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("case", sorted(CATALOGUE))
def test_catalogue_gives_one_clean_line(case, lang, good, tmp_path):
    build, code, words_id, words_en = CATALOGUE[case]
    d = tmp_path / "masuk"
    d.mkdir()
    path = build(d, good)
    before = tree(d)
    out = tmp_path / "keluar"
    args = [path, "--out", out, "--quiet"] + (["--lang", "en"] if lang == "en" else [])
    line = assert_clean_error(cli(*args), path, lang, code)
    for word in words_en if lang == "en" else words_id:
        assert word in line, line
    assert tree(d) == before, "the input folder changed"
    assert not out.exists() or tree(out) == {}, "output written for a file that could not be checked"


def test_lock_file_says_which_workbook_to_check(good, tmp_path):
    path = _lock_beside(good.parent, good)
    line = assert_clean_error(cli(path, "--no-write", "--quiet"), path, "id", "lock-file")
    assert "berkas kunci" in line and "periksa 'pengukuran.xlsx'" in line


def test_password_protected_says_protected(good, tmp_path):
    path = _encrypted(tmp_path, good)
    line = assert_clean_error(cli(path, "--lang", "en", "--no-write", "--quiet"), path, "en", "encrypted")
    assert "password-protected" in line and "remove the password" in line


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads every file")
def test_no_read_permission(good):
    good.chmod(0)
    try:
        assert_clean_error(cli(good, "--no-write", "--quiet"), good)
    finally:
        good.chmod(0o644)


def test_no_read_permission_simulated(good, monkeypatch):
    """Root reads every file: the open is refused instead, where guard reads the file's first bytes."""
    from pk_excel import guard

    def refuse(*args, **kw):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(guard, "open", refuse, raising=False)
    line = assert_clean_error(cli(good, "--no-write", "--quiet"), good)
    assert "izin" in line


def test_directory_named_xlsx_inside_a_folder_is_skipped(good, tmp_path):
    (good.parent / "folder.xlsx").mkdir()
    result = cli(good.parent, "--out", tmp_path / "keluar", "--quiet", "-j", "1")
    assert result.exit_code == 0, result.output
    assert sorted(tree(tmp_path / "keluar")) == ["baik.checked.xlsx"]


def test_directory_named_xlsx_on_the_command_line_fails_cleanly(tmp_path):
    d = tmp_path / "laporan.xlsx"
    d.mkdir()
    result = cli(d, "--no-write", "--quiet")
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stderr


def test_directory_named_xlsx_on_the_command_line_is_named(tmp_path):
    d = tmp_path / "laporan.xlsx"
    d.mkdir()
    assert_clean_error(cli(d, "--no-write", "--quiet"), d)


def test_error_printed_once_with_progress(good, tmp_path):
    path = _truncated(tmp_path, good)
    assert_clean_error(cli(path, "--no-write"), path)


# --- a folder with all of it: the rest is still checked ------------------------------------------------------


def test_folder_of_bad_files_checks_the_good_ones(good, tmp_path):
    d = tmp_path / "masuk"
    d.mkdir()
    shutil.copy(good, d / "a-baik.xlsx")
    shutil.copy(good, d / "z-baik.xlsx")
    bad = [entry[0](d, good) for case, entry in sorted(CATALOGUE.items()) if case != "lock-file-alone"]
    (d / "folder.xlsx").mkdir()
    hf.zip_bomb(d / "bom.xlsx", 1536 * 1024**2)
    before = tree(d)
    out = tmp_path / "keluar"
    result = cli(d, "--out", out, "--quiet", "-j", "2")
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr and isinstance(result.exception, SystemExit)
    checked = [p for p in bad if not p.name.startswith("~$")] + [d / "bom.xlsx"]
    for path in checked:
        lines = error_lines(result, path)
        assert len(lines) == 1, (path.name, result.stderr)
        assert says_what_to_do(lines[0], "id"), lines[0]
    # Lock files and folders are not workbooks: a folder scan passes over them silently.
    assert not [line for line in result.stderr.splitlines() if "~$" in line or "folder.xlsx" in line]
    assert sorted(tree(out)) == ["a-baik.checked.xlsx", "pengukuran.checked.xlsx", "z-baik.checked.xlsx"]
    for name in tree(out):
        assert is_workbook(out / name)
    assert tree(d) == before


# --- tables without rows --------------------------------------------------------------------------------------


def test_header_without_rows_is_a_table_empty_finding(tmp_path):
    """A template not filled in yet: checkable, with a table-empty warning (exit 0; 1 with --strict)."""
    path = build_pk(tmp_path / "templat.xlsx", [])
    out = tmp_path / "keluar"
    result = cli(path, "--out", out, "--format", "json")
    assert result.exit_code == 0, result.output
    import json

    data = json.loads(result.stdout)
    fr = data["files"][0]
    assert fr["status"] == "findings"
    assert [f["rule"] for f in fr["findings"]] == ["table-empty"]
    assert is_workbook(out / "templat.checked.xlsx")
    assert cli(path, "--no-write", "--strict", "--quiet").exit_code == 1


# --- other formats -----------------------------------------------------------------------------------------


PLANTED = hf.GOOD_ROWS + [["3", "Meningkatnya layanan", "Jumlah dokumen", "10", "8", "90%", "Data"]]


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """One PK workbook (with a wrong capaian: 8/10 is 80%, typed 90%) as .xlsx, .xls and .ods."""
    soffice = shutil.which("soffice")
    if not soffice:
        pytest.skip("soffice not installed: cannot build .xls/.ods")
    d = tmp_path_factory.mktemp("lo")
    src = build_pk(d / "pk.xlsx", PLANTED)
    out = {"xlsx": src}
    for fmt in ("xls", "ods"):
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{d}/profile", "--headless", "--convert-to", fmt,
             "--outdir", str(d), str(src)],
            check=True, capture_output=True, timeout=120,
        )
        if not (d / f"pk.{fmt}").exists():
            pytest.skip(f"soffice did not produce .{fmt}")
        out[fmt] = d / f"pk.{fmt}"
    return out


@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_xls_and_ods_are_checked_like_xlsx(converted, fmt, tmp_path):
    from pk_excel import Options, check

    src = tmp_path / f"pk.{fmt}"
    shutil.copy(converted[fmt], src)
    before = digest(src)
    reference = check(converted["xlsx"], Options()).files[0]
    out = tmp_path / "keluar"
    result = cli(src, "--out", out, "--quiet")
    assert result.exit_code == reference.exit_code == 1, result.output
    fr = check(src, Options(write=True, out_dir=str(tmp_path / "lib"))).files[0]
    assert fr.status == "findings"
    assert sorted((f.rule, f.cell) for f in fr.findings) == sorted((f.rule, f.cell) for f in reference.findings)
    assert any(".xlsx" in w for w in fr.warnings), fr.warnings
    assert sorted(tree(out)) == ["pk.checked.xlsx"] and is_workbook(out / "pk.checked.xlsx")
    assert digest(src) == before


def test_xlsm_keeps_its_macros(good, tmp_path):
    vba = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"makro pk" * 64
    path = hf.macro_workbook(good, tmp_path / "makro.xlsm", vba)
    before = digest(path)
    out = tmp_path / "keluar"
    result = cli(path, "--out", out, "--quiet")
    assert result.exit_code == 0, result.output
    assert sorted(tree(out)) == ["makro.checked.xlsm"]
    with zipfile.ZipFile(out / "makro.checked.xlsm") as zf:
        assert zf.read("xl/vbaProject.bin") == vba
        assert hf.MACRO_CT in zf.read("[Content_Types].xml")
    assert digest(path) == before


# --- zip bombs ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    """~3 MB on disk; its sheet part really inflates to 2 GB of rows (declared truthfully, valid CRC)."""
    d = tmp_path_factory.mktemp("bom")
    template = build_pk(d / "template.xlsx", hf.GOOD_ROWS)
    path = hf.zip_bomb(d / "bom.xlsx", 2 * 1024**3, template=template)
    assert path.stat().st_size < 8 * 1024**2
    return path


def test_zip_bomb_refused_before_unpacking(bomb, tmp_path):
    before = digest(bomb)
    started = time.process_time()  # CPU seconds of this process: a busy machine does not stretch them
    result = cli(bomb, "--out", tmp_path / "keluar", "--quiet")
    elapsed = time.process_time() - started
    line = assert_clean_error(result, bomb, "id", "zip-bomb")
    assert "2,0 GB" in line and "batas" in line
    assert elapsed < 5
    assert not (tmp_path / "keluar").exists() or tree(tmp_path / "keluar") == {}
    assert digest(bomb) == before


_RSS_DRIVER = """
import sys, time
from pk_excel.cli import main
sys.argv = ["pk-excel", "check", *sys.argv[1:]]
started = time.process_time()  # CPU seconds, not wall clock: a busy machine does not stretch them
try:
    main()
except SystemExit as e:
    code = e.code
else:
    code = 0
# VmHWM is this program's own peak: ru_maxrss would carry over the forking test worker's peak across exec.
peak = int(next(l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM:")))  # KiB
sys.stderr.write(f"\\nRESULT {code} {peak} {time.process_time() - started:.2f}\\n")
"""


def run_measured(*args: object, timeout: float = 120) -> tuple[int, int, float, str]:
    """pk-excel check in a fresh interpreter: (exit code, peak RSS in MiB, CPU seconds, stderr)."""
    if sys.platform != "linux":
        pytest.skip("peak RSS is read from getrusage on Linux")
    proc = subprocess.run(
        [sys.executable, "-c", _RSS_DRIVER, *(str(a) for a in args)],
        capture_output=True, text=True, timeout=timeout, cwd=Path(__file__).parent.parent, check=False,
    )
    m = re.search(r"RESULT (\S+) (\d+) ([\d.]+)", proc.stderr)
    assert m, proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    return int(m.group(1)), int(m.group(2)) // 1024, float(m.group(3)), proc.stderr


def test_zip_bomb_memory_and_time_bounded_in_a_subprocess(bomb, tmp_path):
    code, rss_mb, seconds, stderr = run_measured(bomb, "--out", tmp_path / "keluar", "--quiet")
    assert code == 2 and "ditolak demi keamanan" in stderr
    assert rss_mb < 150, f"peak RSS {rss_mb} MiB for a 2 GB zip bomb"
    assert seconds < 10


def test_zip_bomb_by_ratio_and_the_limit_options(good, tmp_path):
    bomb = hf.zip_bomb(tmp_path / "rasio.xlsx", 300 * 1024**2, template=good)
    line = assert_clean_error(cli(bomb, "--no-write", "--quiet"), bomb, "id", "zip-bomb")
    assert "dimampatkan" in line and "batas 200" in line
    # Raising the ratio leaves the size limit; lowering the size limit refuses it by size.
    line = assert_clean_error(
        cli(bomb, "--no-write", "--quiet", "--max-ratio", "100000", "--max-unpacked-mb", "100"), bomb
    )
    assert "setelah dibuka" in line and "batas 100,0 MB" in line


def test_limit_options_accept_and_refuse_a_genuine_file(good, tmp_path):
    zeros = hf.with_part(good, tmp_path / "gambar.xlsx", add={"xl/media/kosong.bin": bytes(12 * 1024**2)})
    assert_clean_error(cli(zeros, "--no-write", "--quiet"), zeros)
    assert cli(zeros, "--no-write", "--quiet", "--max-ratio", "5000").exit_code == 0
    noise = hf.with_part(good, tmp_path / "acak.xlsx", add={"xl/media/acak.bin": os.urandom(2 * 1024**2)})
    assert cli(noise, "--no-write", "--quiet").exit_code == 0
    line = assert_clean_error(cli(noise, "--no-write", "--quiet", "--max-unpacked-mb", "1"), noise)
    assert "1,0 MB" in line


# --- XML entities --------------------------------------------------------------------------------------------


SECRET = "TOKEN-RAHASIA-7f3a9c"


class Listener:
    """A local TCP port that records whether anything connected to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.setblocking(False)
        self.port = self.sock.getsockname()[1]

    def connected(self) -> bool:
        try:
            conn, _ = self.sock.accept()
        except BlockingIOError:
            return False
        conn.close()
        return True


@pytest.fixture
def listener():
    srv = Listener()
    yield srv
    srv.sock.close()


def _no_secret_anywhere(result, out: Path) -> None:
    assert SECRET not in result.output and SECRET not in result.stderr
    for p in out.rglob("*") if out.exists() else ():
        if p.is_file():
            with zipfile.ZipFile(p) as zf:
                assert not any(SECRET.encode() in zf.read(n) for n in zf.namelist()), p


PARSED_PARTS = [
    hf.SHEET1,
    "xl/workbook.xml",
    "xl/styles.xml",
    "xl/_rels/workbook.xml.rels",
    "[Content_Types].xml",
    "docProps/core.xml",
    "xl/sharedStrings.xml",
]


@pytest.mark.parametrize("scheme", ["file", "http"])
@pytest.mark.parametrize("member", PARSED_PARTS)
def test_external_entity_refused_never_followed(member, scheme, tmp_path, listener):
    secret = tmp_path / "rahasia.txt"
    secret.write_text(SECRET)
    src = hf.xlsxwriter_pk(tmp_path / "asli.xlsx")
    system_id = secret.as_uri() if scheme == "file" else f"http://127.0.0.1:{listener.port}/x"
    path = hf.with_part(src, tmp_path / "xxe.xlsx", {member: hf.entity_in(hf.part(src, member), system_id)})
    out = tmp_path / "keluar"
    result = cli(path, "--out", out, "--format", "json")
    assert_clean_error(result, path, "id", "unsafe-xml")
    _no_secret_anywhere(result, out)
    assert not listener.connected(), "the checker fetched an external entity"


@pytest.mark.parametrize("member", [hf.SHEET1, "xl/workbook.xml", "[Content_Types].xml"])
def test_external_dtd_never_fetched(member, tmp_path, listener):
    src = hf.xlsxwriter_pk(tmp_path / "asli.xlsx")
    system_id = f"http://127.0.0.1:{listener.port}/pk.dtd"
    path = hf.with_part(src, tmp_path / "dtd.xlsx", {member: hf.external_dtd(hf.part(src, member), system_id)})
    result = cli(path, "--out", tmp_path / "keluar", "--quiet")
    assert result.exit_code in (0, 1, 2) and "Traceback" not in result.stderr
    if result.exit_code == 2:
        assert_clean_error(result, path)
    assert not listener.connected(), "the checker fetched an external DTD"


def test_external_entity_in_an_unparsed_part_is_not_passed_on(good, tmp_path, listener):
    secret = tmp_path / "rahasia.txt"
    secret.write_text(SECRET)
    theme = "xl/theme/theme1.xml"
    path = hf.with_part(good, tmp_path / "tema.xlsx", {theme: hf.entity_in(hf.part(good, theme), secret.as_uri())})
    out = tmp_path / "keluar"
    result = cli(path, "--out", out, "--quiet")
    _no_secret_anywhere(result, out)
    assert not listener.connected()
    if result.exit_code == 2:
        assert_clean_error(result, path, "id", "unsafe-xml")
        return
    for p in out.iterdir():
        with zipfile.ZipFile(p) as zf:
            for name in zf.namelist():
                assert b"<!ENTITY" not in zf.read(name), f"{p.name}:{name} carries an entity declaration"


@pytest.mark.libreoffice
def test_external_entity_in_ods_never_followed(converted, tmp_path, listener):
    secret = tmp_path / "rahasia.txt"
    secret.write_text(SECRET)
    content = hf.part(converted["ods"], "content.xml")
    port = listener.port
    for i, system_id in enumerate((secret.as_uri(), f"http://127.0.0.1:{port}/x")):
        # mimetype must stay first and stored: rebuild the zip in the original order.
        path = tmp_path / f"xxe{i}.ods"
        with zipfile.ZipFile(converted["ods"]) as zin, zipfile.ZipFile(path, "w") as zout:
            for info in zin.infolist():
                data = zin.read(info.filename)
                if info.filename == "content.xml":
                    data = hf.entity_in(content, system_id)
                zout.writestr(info, data)
        out = tmp_path / f"keluar{i}"
        result = cli(path, "--out", out, "--quiet")
        assert "Traceback" not in result.stderr
        if result.exit_code == 2:
            assert_clean_error(result, path)
        _no_secret_anywhere(result, out)
    assert not listener.connected()


# --- strange but checkable ---------------------------------------------------------------------------------


def _edit(good: Path, dst: Path, edit) -> Path:
    from openpyxl import load_workbook

    wb = load_workbook(good)
    edit(wb)
    wb.save(dst)
    return dst


def _timed_check(path: Path, out: Path, bound: float = 20.0):
    started = time.process_time()  # CPU seconds: a hang or a quadratic scan, not a busy machine
    result = cli(path, "--out", out, "--quiet")
    elapsed = time.process_time() - started
    assert "Traceback" not in result.stderr and isinstance(result.exception, (SystemExit, type(None)))
    assert elapsed < bound, f"{path.name}: {elapsed:.1f} s"
    return result


def test_formula_to_an_external_workbook_is_not_followed(good, tmp_path):
    def edit(wb):
        ws = wb.active
        for row in ws.iter_rows():
            for c in row:
                if c.value == "82,71":
                    c.value = "='[lain.xlsx]Sheet1'!A1"
                if c.value == "97,31%":
                    c.value = "='C:\\data\\[rahasia.xlsx]PK'!F8/E8*100"

    path = _edit(good, tmp_path / "tautan.xlsx", edit)
    before = digest(path)
    result = _timed_check(path, tmp_path / "keluar")
    assert result.exit_code in (0, 1), result.output
    assert is_workbook(tmp_path / "keluar" / "tautan.checked.xlsx")
    assert digest(path) == before


def test_cells_of_32767_characters(good, tmp_path):
    long_text = ("angka " * 5462)[:32767]

    def edit(wb):
        ws = wb.active
        for row in ws.iter_rows():
            for c in row:
                if c.value in ("Hasil SKM", "82,71", "Nilai SAKIP"):
                    c.value = long_text

    path = _edit(good, tmp_path / "panjang.xlsx", edit)
    result = _timed_check(path, tmp_path / "keluar")
    assert result.exit_code in (0, 1), result.output
    from openpyxl import load_workbook

    wb = load_workbook(tmp_path / "keluar" / "panjang.checked.xlsx")
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert not isinstance(c.value, str) or len(c.value) <= 32767, (ws.title, c.coordinate)
                assert c.comment is None or len(c.comment.text) <= 32767, (ws.title, c.coordinate)


def test_formatting_on_the_last_row_only(good, tmp_path):
    from openpyxl.styles import PatternFill

    def edit(wb):
        ws = wb.active
        ws.cell(row=1048576, column=16384).fill = PatternFill("solid", fgColor="FFFF00")
        ws.row_dimensions[1048576].height = 30

    path = _edit(good, tmp_path / "ujung.xlsx", edit)
    result = _timed_check(path, tmp_path / "keluar", bound=10)
    assert result.exit_code == 0, result.output


def test_a_cell_at_xfd1048576_memory_bounded(good, tmp_path):
    path = _edit(good, tmp_path / "jauh.xlsx", lambda wb: wb.active.cell(row=1048576, column=16384, value="akhir"))
    baseline = run_measured(good, "--no-write", "--quiet")
    code, rss_mb, seconds, _ = run_measured(path, "--out", tmp_path / "keluar", "--quiet")
    assert code in (0, 1, 2) and seconds < 60
    assert rss_mb < baseline[1] + 60, f"peak RSS {rss_mb} MiB (a plain workbook: {baseline[1]} MiB)"


def test_thousands_of_merged_ranges(good, tmp_path):
    def edit(wb):
        ws = wb.active
        for i in range(4000):
            ws.merge_cells(start_row=200 + i, start_column=1, end_row=200 + i, end_column=3)
        other = wb.create_sheet("Gabung")
        for i in range(1000):
            other.merge_cells(start_row=1 + 2 * i, start_column=1, end_row=2 + 2 * i, end_column=4)

    path = _edit(good, tmp_path / "gabung.xlsx", edit)
    result = _timed_check(path, tmp_path / "keluar")
    assert result.exit_code == 0, result.output
    assert is_workbook(tmp_path / "keluar" / "gabung.checked.xlsx")


def test_sheets_with_only_formatting(good, tmp_path):
    from openpyxl.styles import Font, PatternFill

    def edit(wb):
        fill, bold = PatternFill("solid", fgColor="DDEEFF"), Font(bold=True)
        for title in ("Format", "Format2"):
            ws = wb.create_sheet(title)
            for r in range(1, 1001):
                for c in range(1, 31):
                    cell = ws.cell(row=r, column=c)
                    cell.fill = fill
                    cell.font = bold

    path = _edit(good, tmp_path / "format.xlsx", edit)
    result = _timed_check(path, tmp_path / "keluar")
    assert result.exit_code == 0, result.output


def test_only_formatting_and_no_table_is_no_table(tmp_path):
    from openpyxl import Workbook
    from openpyxl.styles import PatternFill

    wb = Workbook()
    ws = wb.active
    for r in range(1, 501):
        ws.cell(row=r, column=r % 20 + 1).fill = PatternFill("solid", fgColor="FFFF00")
    ws.cell(row=1048576, column=1).fill = PatternFill("solid", fgColor="FFFF00")
    path = tmp_path / "warna.xlsx"
    wb.save(path)
    started = time.process_time()
    assert_clean_error(cli(path, "--no-write", "--quiet"), path, "id", "no-table")
    assert time.process_time() - started < 10


# --- output cannot be written --------------------------------------------------------------------------------


def test_out_under_a_regular_file(good, tmp_path):
    blocker = tmp_path / "bukan-folder"
    blocker.write_text("x")
    for out in (blocker, blocker / "keluar"):
        result = cli(good, "--out", out, "--quiet")
        assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
        assert "Traceback" not in result.stderr
        assert str(out) in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert blocker.read_text() == "x"
    assert sorted(tree(good.parent)) == ["baik.xlsx"]


def test_out_dir_under_a_regular_file_through_the_library(good, tmp_path):
    from pk_excel import Options, check

    blocker = tmp_path / "bukan-folder"
    blocker.write_text("x")
    fr = check(good, Options(write=True, out_dir=str(blocker / "keluar"))).files[0]
    assert fr.status == "error" and fr.error_code == "write-failed" and fr.output is None
    assert "baik" in fr.error


def test_folder_not_writable(good, monkeypatch, tmp_path):
    """Root writes anywhere: the temporary file cannot be created instead."""
    import tempfile

    def refuse(*args, **kw):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    before = digest(good)
    result = cli(good, "--quiet")
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    lines = error_lines(result, good)
    assert len(lines) == 1 and "tidak dapat ditulisi" in lines[0]
    assert sorted(tree(good.parent)) == ["baik.xlsx"] and digest(good) == before


def _disk_full(monkeypatch, after_bytes: int = 4096) -> None:
    """The writer (the patch writer's Package.write, for every format) writes some bytes, then the disk is
    full."""
    from pk_excel.package import Package

    def save(self, filename):
        with open(filename, "wb") as fh:
            fh.write(b"PK\x03\x04" + b"\x00" * after_bytes)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Package, "write", save)


def test_disk_full_leaves_nothing_behind(good, monkeypatch, tmp_path):
    out = tmp_path / "keluar"
    _disk_full(monkeypatch)
    before = digest(good)
    result = cli(good, "--out", out, "--quiet")
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    lines = error_lines(result, good)
    assert len(lines) == 1 and "disk penuh" in lines[0], result.stderr
    assert tree(out) == {}, "a partial file was left behind"
    assert digest(good) == before


def test_disk_full_keeps_the_previous_output(good, monkeypatch, tmp_path):
    out = tmp_path / "keluar"
    assert cli(good, "--out", out, "--quiet").exit_code == 0
    previous = tree(out)
    assert list(previous) == ["baik.checked.xlsx"]
    _disk_full(monkeypatch)
    result = cli(good, "--out", out, "--quiet", "--lang", "en")
    assert result.exit_code == 2 and "disk full" in result.stderr
    assert tree(out) == previous and is_workbook(out / "baik.checked.xlsx")


@pytest.mark.parametrize("after_writes", [0, 3])
@pytest.mark.parametrize("large", [True, False])
def test_disk_full_while_the_zip_is_compressed(good, monkeypatch, tmp_path, after_writes, large):
    """A package with a large part is compressed and written by a second thread (`package._Deflater`), a
    small one at once: a full disk in either is one line, as anywhere, nothing is left behind, no thread is
    left and the switch interval is as before."""
    import threading

    if large:
        good = hf.with_part(good, good.with_name("besar.xlsx"), add={"customXml/item9.xml": b"<a>" + b"x" * 300_000 + b"</a>"})
    real = zipfile.ZipFile.writestr
    calls = []

    def writestr(self, *a, **k):
        calls.append(threading.current_thread().name)
        if len(calls) > after_writes:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, *a, **k)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", writestr)
    interval, threads = sys.getswitchinterval(), threading.active_count()
    out = tmp_path / "keluar"
    result = cli(good, "--out", out, "--quiet")
    assert result.exit_code == 2 and "disk penuh" in result.stderr, result.stderr
    assert set(calls) == {"pk-excel-deflate" if large else threading.current_thread().name}
    assert tree(out) == {} and threading.active_count() == threads and sys.getswitchinterval() == interval


def test_no_thread_to_spare_writes_the_zip_here(good, monkeypatch, tmp_path):
    """A process that may start no more threads (a limit on processes) still gets its copy: written in the
    calling thread, the switch interval untouched."""
    import threading

    big = hf.with_part(good, good.with_name("besar.xlsx"), add={"customXml/item9.xml": b"<a>" + b"x" * 300_000 + b"</a>"})

    def no_thread(self):
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", no_thread)
    interval = sys.getswitchinterval()
    result = cli(big, "--out", tmp_path / "keluar", "--quiet")
    assert result.exit_code == 0, result.stderr
    assert is_workbook(tmp_path / "keluar" / "besar.checked.xlsx") and sys.getswitchinterval() == interval


def test_an_interval_set_while_a_zip_is_written_is_kept(good, monkeypatch, tmp_path):
    from pk_excel import package

    real = package._Deflater._do
    interval = sys.getswitchinterval()

    def do(self, task):
        sys.setswitchinterval(0.002)  # the program's own choice, meanwhile
        return real(self, task)

    monkeypatch.setattr(package._Deflater, "_do", do)
    big = hf.with_part(good, good.with_name("besar.xlsx"), add={"customXml/item9.xml": b"<a>" + b"x" * 300_000 + b"</a>"})
    try:
        assert cli(big, "--out", tmp_path / "keluar", "--quiet").exit_code == 0
        assert sys.getswitchinterval() == pytest.approx(0.002)
    finally:
        sys.setswitchinterval(interval)


def test_a_part_that_fails_while_made_stops_the_writing_thread(good, tmp_path):
    """A part failing while its pieces are made (here, in the making thread) ends the zip: the error comes
    out of Package.write as it was raised, the writing thread ends, the half-written zip is no workbook."""
    import threading

    from pk_excel.package import Package, Pieces

    def broken():
        yield "<worksheet>" + "x" * (2 << 20)
        raise RuntimeError("made badly")

    with zipfile.ZipFile(good) as zf:
        pkg = Package(zf)
        pkg.put("xl/worksheets/sheet1.xml", Pieces(broken, 3 << 20))
        threads = threading.active_count()
        with pytest.raises(RuntimeError, match="made badly"):
            pkg.write(str(tmp_path / "half.xlsx"))
    assert threading.active_count() == threads


@pytest.mark.parametrize(
    "how",
    ["out-under-file", "not-writable", "disk-full"],
)
def test_output_errors_say_what_to_do(how, good, monkeypatch, tmp_path):
    import tempfile

    out = tmp_path / "keluar"
    if how == "out-under-file":
        blocker = tmp_path / "bukan-folder"
        blocker.write_text("x")
        out = blocker / "keluar"
    elif how == "not-writable":
        monkeypatch.setattr(tempfile, "mkstemp", lambda *a, **k: (_ for _ in ()).throw(PermissionError(13, "x")))
    else:
        _disk_full(monkeypatch)
    result = cli(good, "--out", out, "--quiet")
    assert result.exit_code == 2
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1 and says_what_to_do(message, "id"), message


# --- Ctrl-C in the middle of a folder -------------------------------------------------------------------------


@pytest.fixture
def four(tmp_path) -> Path:
    d = tmp_path / "masuk"
    d.mkdir()
    for name in ("a", "b", "c", "d"):
        build_pk(d / f"{name}.xlsx", hf.GOOD_ROWS)
    return d


def _assert_interrupted(result, out: Path, inputs: Path, before: dict[str, str]) -> None:
    assert result.exit_code == 130, (result.exit_code, result.output)
    assert "Traceback" not in result.stderr and "Dihentikan" in result.stderr
    assert sorted(tree(out)) == ["a.checked.xlsx", "b.checked.xlsx"]
    for name in tree(out):
        assert is_workbook(out / name)
    assert tree(inputs) == before
    leftovers = [p for p in out.parent.rglob("*") if p.name.endswith(".tmp") or p.name.startswith(".")]
    assert not leftovers, leftovers


def test_ctrl_c_between_files(four, monkeypatch, tmp_path):
    from pk_excel import checker

    real = checker.check_file
    calls = []

    def interrupting(path, options=None):
        calls.append(path)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(path, options)

    monkeypatch.setattr(checker, "check_file", interrupting)
    before = tree(four)
    out = tmp_path / "keluar"
    _assert_interrupted(cli(four, "--out", out, "-j", "1", "--quiet"), out, four, before)
    assert len(calls) == 3


def test_ctrl_c_while_writing(four, monkeypatch, tmp_path):
    from pk_excel.package import Package

    real = Package.write
    saves = []

    def save(self, filename):
        saves.append(filename)
        if len(saves) == 3:
            with open(filename, "wb") as fh:
                fh.write(b"PK\x03\x04 half a workbook")
            raise KeyboardInterrupt
        return real(self, filename)

    monkeypatch.setattr(Package, "write", save)
    before = tree(four)
    out = tmp_path / "keluar"
    _assert_interrupted(cli(four, "--out", out, "-j", "1", "--quiet"), out, four, before)


def _without_part(src: Path, dst: Path, part: str) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != part:
                zout.writestr(info, zin.read(info))
    return dst


def test_a_table_sheet_lost_from_the_package_is_called_damaged_not_a_header_problem(tmp_path):
    """A package whose workbook lists a sheet without its part (a cut copy, a broken export): the user is told
    the file is damaged and which sheet is gone, not to check the column titles of a table pk-excel never saw."""
    src = build_pk(tmp_path / "baik.xlsx", hf.GOOD_ROWS)
    lost = _without_part(src, tmp_path / "hilang.xlsx", "xl/worksheets/sheet1.xml")
    result = check_file(lost, Options(write=False))
    assert result.status == "error" and result.error_code == "corrupt"
    assert "rusak" in result.error and "'PK'" in result.error and "judul kolom" not in result.error
    assert "damaged" in result.error_other


def test_a_lost_sheet_beside_the_table_does_not_stop_the_check(tmp_path):
    src = build_pk(tmp_path / "baik.xlsx", hf.GOOD_ROWS, extra_sheets={"Catatan": [["catatan"]]})
    lost = _without_part(src, tmp_path / "sebagian.xlsx", "xl/worksheets/sheet2.xml")
    result = check_file(lost, Options(write=False))
    assert result.status in ("ok", "findings") and result.document.indicators


_TERM_WHILE_WRITING = """
import os, signal, sys
from pk_excel import package
real = package._Deflater.member
def member(self, *a, **k):
    os.kill(os.getpid(), signal.SIGTERM)  # a supervisor stops pk-excel while the copy is written
    return real(self, *a, **k)
package._Deflater.member = member
from pk_excel.cli import run
run()
"""


def test_sigterm_while_the_copy_is_written_leaves_nothing_behind(good, tmp_path):
    """`kill` (a supervisor, `Popen.terminate`) mid-write stops pk-excel as Ctrl-C does: one line, exit 130,
    the temporary file removed, the input untouched."""
    out = tmp_path / "keluar"
    before = digest(good)
    proc = subprocess.run([sys.executable, "-c", _TERM_WHILE_WRITING, "check", str(good), "--out", str(out)],
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert proc.returncode == 130 and "Dihentikan" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    assert tree(out) == {} and digest(good) == before


def test_ctrl_c_while_the_report_is_printed_says_so(good, tmp_path, monkeypatch):
    from pk_excel import report

    def interrupted(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(report, "dump_json", interrupted)
    out = tmp_path / "keluar"
    result = cli(good, "--out", out, "-f", "json")
    assert result.exit_code == 130 and "Dihentikan. Salinan yang sudah selesai tetap tersimpan." in result.stderr
    assert list(tree(out)) == ["baik.checked.xlsx"]
