"""`pk-excel serve` over plain HTTP (Starlette's TestClient): the page, a check end to end, and its safety.

Safety: upload size limits, zip bombs and path traversal in an uploaded .zip, hostile file names, one clear
Indonesian line per bad file, per-job folders removed after use, jobs that cannot see each other, requests
from other sites or host names refused. The real-browser tests are in test_web_browser.py.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from html import unescape
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("multipart")

import openpyxl
from hostile_factory import SHEET1, _deflate_repeated, _raw_zip, with_part, xxe_sheet, zip_bomb
from starlette.testclient import TestClient

from pk_excel.config import Config, Limits, Options
from pk_excel.web.app import create_app
from pk_excel.web.jobs import display_name, safe_name, safe_relpath

ROOT = Path(__file__).resolve().parent.parent
BAJENG = ROOT / "samples" / "pk-kecamatan-bajeng-2023.xlsx"
DINAS = ROOT / "samples" / "pk-dinas-kesehatan-2024.xlsx"


@pytest.fixture
def client():
    app = create_app(jobs=1)
    with TestClient(app) as c:
        c.store = app.state.store
        yield c
        root = c.store.root
    assert not root.exists(), "the server's temporary folder must be removed when it stops"


def upload(client, files, lang="id", **kw):
    return client.post(f"/api/check?lang={lang}", files=[("files", f) for f in files], **kw)


def wait(client, job_id, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        p = client.get(f"/api/jobs/{job_id}").json()
        if p["state"] in ("done", "failed"):
            return p
        time.sleep(0.05)
    raise AssertionError("the job did not finish")


def check(client, files, lang="id"):
    r = upload(client, files, lang)
    assert r.status_code == 202, r.text
    job_id = r.json()["id"]
    progress = wait(client, job_id)
    assert progress["state"] == "done"
    html = client.get(f"/jobs/{job_id}/results?lang={lang}").text
    return job_id, progress, html


def error_lines(html: str) -> list[str]:
    """The one-line messages of the files that could not be checked, as the visitor reads them."""
    return [
        unescape(re.sub(r"<[^>]+>", "", line)).strip() for line in html.splitlines() if "file-error" in line
    ]


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


# --- the page -----------------------------------------------------------------------------------------------


def test_page_is_indonesian_by_default_and_english_by_switch(client):
    r = client.get("/")
    assert r.status_code == 200
    assert '<html lang="id">' in r.text and "Pilih berkas" in r.text and "Unduh templat" in r.text
    en = client.get("/?lang=en")
    assert '<html lang="en">' in en.text and "Choose files" in en.text
    assert client.get("/").text.count('<html lang="en">') == 1  # the switch is remembered (cookie)


def test_page_loads_nothing_from_the_internet(client):
    html = client.get("/").text
    assert "http://" not in html and "https://" not in html and "//cdn" not in html
    csp = client.get("/").headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    for asset in ("/static/app.js", "/static/app.css"):
        r = client.get(asset)
        assert r.status_code == 200 and "https://" not in r.text


# --- a check end to end -------------------------------------------------------------------------------------


def test_bajeng_findings_download_and_rekap(client, tmp_path):
    job_id, progress, html = check(client, [(BAJENG.name, BAJENG.read_bytes())])
    assert progress["total"] == progress["done"] == 1 and progress["errors"] >= 1
    assert "capaian-wrong" in html or "kesalahan" in html
    assert 'class="pill pill-error"' in html and "Seharusnya" in html
    assert "PK 2023!" in html  # the cell, as the terminal shows it
    r = client.get(f"/jobs/{job_id}/file/0")
    assert r.status_code == 200
    assert "pk-kecamatan-bajeng-2023.checked.xlsx" in r.headers["content-disposition"]
    copy = tmp_path / "copy.xlsx"
    copy.write_bytes(r.content)
    wb = openpyxl.load_workbook(copy)
    assert "Temuan" in wb.sheetnames and "Ringkasan" in wb.sheetnames
    rekap = tmp_path / "rekap.xlsx"
    r = client.get(f"/jobs/{job_id}/rekap")
    assert r.status_code == 200
    rekap.write_bytes(r.content)
    assert "Rekap" in openpyxl.load_workbook(rekap).sheetnames


def test_results_in_english(client):
    _, _, html = check(client, [(BAJENG.name, BAJENG.read_bytes())], lang="en")
    assert "Expected" in html and "Download the validated copy" in html and "Seharusnya" not in html
    assert html.count("/file/0") == 1  # one file: one download button, at the top


def test_several_files_give_one_zip_with_the_rekap(client):
    job_id, progress, html = check(
        client, [(BAJENG.name, BAJENG.read_bytes()), (DINAS.name, DINAS.read_bytes())]
    )
    assert progress["total"] == 2
    assert "all.zip" in html
    r = client.get(f"/jobs/{job_id}/all.zip")
    names = zipfile.ZipFile(io.BytesIO(r.content)).namelist()
    assert sorted(names) == sorted(
        ["pk-kecamatan-bajeng-2023.checked.xlsx", "pk-dinas-kesehatan-2024.checked.xlsx", "rekap-pk.xlsx"]
    )


def test_template_download(client, tmp_path):
    r = client.get("/template.xlsx?tahun=2025&unit=Kecamatan%20Bajeng")
    assert r.status_code == 200 and "pk-template-2025.xlsx" in r.headers["content-disposition"]
    (tmp_path / "t.xlsx").write_bytes(r.content)
    wb = openpyxl.load_workbook(tmp_path / "t.xlsx")
    assert any("Petunjuk" in s for s in wb.sheetnames)
    assert client.get("/template.xlsx?tahun=abc").status_code == 400
    r = client.get("/template.xlsx", params={"tahun": "2025", "unit": '=HYPERLINK("http://x","klik")'})
    (tmp_path / "f.xlsx").write_bytes(r.content)
    ws = openpyxl.load_workbook(tmp_path / "f.xlsx").worksheets[0]
    named = [c.value for row in ws.iter_rows(max_row=10) for c in row if "HYPERLINK" in str(c.value or "")]
    assert named and not any(v.startswith("=") for v in named)  # the unit's name is text, never a formula
    assert not list(client.store.root.glob("template-*")), "the template's folder is removed after sending"


# --- one clear line per bad file ----------------------------------------------------------------------------


def test_broken_file_gives_one_indonesian_line_without_server_paths(client):
    _, progress, html = check(
        client, [("laporan.xlsx", b"ini bukan excel\n"), (BAJENG.name, BAJENG.read_bytes())]
    )
    assert progress["failed"] == 1
    errors = error_lines(html)
    assert len(errors) == 1
    assert "laporan.xlsx: bukan buku kerja" in errors[0]
    assert str(client.store.root) not in html and "/tmp" not in html


def test_truncated_workbook_says_what_to_do(client):
    data = BAJENG.read_bytes()
    _, _, html = check(client, [("terpotong.xlsx", data[: len(data) // 2])])
    line = error_lines(html)[0]
    assert "terpotong.xlsx: berkas rusak" in line and "simpan ulang" in line


def test_xml_entities_are_refused_not_followed(client, tmp_path):
    xxe = with_part(BAJENG, tmp_path / "xxe.xlsx", {SHEET1: xxe_sheet("file:///etc/hostname")})
    _, progress, html = check(client, [("entitas.xlsx", xxe.read_bytes())])
    assert progress["failed"] == 1
    (line,) = error_lines(html)
    assert line.startswith("entitas.xlsx: berkas ditolak demi keamanan") and "DTD" in line
    secret = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").is_file() else ""
    assert len(secret) < 8 or secret not in html


# --- a folder as a .zip -------------------------------------------------------------------------------------


def folder_zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_zip_of_a_folder_is_checked_file_by_file(client):
    data = folder_zip(
        {
            "masuk/kecamatan/bajeng.xlsx": BAJENG.read_bytes(),
            "masuk/dinas/kesehatan.xlsx": DINAS.read_bytes(),
            "masuk/catatan.txt": b"bukan buku kerja",
            "masuk/~$bajeng.xlsx": b"lock",
            "__MACOSX/masuk/._bajeng.xlsx": b"junk",
        }
    )
    job_id, progress, html = check(client, [("masuk.zip", data)])
    assert progress["total"] == 2 and progress["failed"] == 0
    assert "masuk.zip › masuk/kecamatan/bajeng.xlsx" in html
    names = zipfile.ZipFile(io.BytesIO(client.get(f"/jobs/{job_id}/all.zip").content)).namelist()
    assert "masuk/masuk/kecamatan/bajeng.checked.xlsx" in names and "rekap-pk.xlsx" in names


def test_zip_members_cannot_escape_the_job_folder(client, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    data = folder_zip(
        {
            "../../../../../../" + str(outside).lstrip("/") + "/evil.xlsx": BAJENG.read_bytes(),
            "/" + str(outside).lstrip("/") + "/abs.xlsx": BAJENG.read_bytes(),
            "..\\..\\win.xlsx": BAJENG.read_bytes(),
        }
    )
    job_id, progress, _ = check(client, [("jalan.zip", data)])
    assert progress["total"] == 3
    assert not any(outside.iterdir())
    job = client.store.get(job_id)
    assert all(job.folder in p.parents for p in files_under(job.folder))
    names = zipfile.ZipFile(io.BytesIO(client.get(f"/jobs/{job_id}/all.zip").content)).namelist()
    assert all(not n.startswith("/") and ".." not in n.split("/") and "\\" not in n for n in names)


def test_zip_bomb_upload_is_refused_with_one_line(client, tmp_path):
    # a .zip whose one member declares 2 GB (limit 1 GB), 2 MB on disk
    chunk = b"0" * (1 << 20)
    packed, crc, usize = _deflate_repeated(b"", chunk, 2048, b"")
    bomb = _raw_zip(tmp_path / "bom.zip", [("data/a.xlsx", packed, zipfile.ZIP_DEFLATED, crc, usize)])
    _, progress, html = check(client, [("kiriman.zip", bomb.read_bytes())])
    assert progress["failed"] == 1
    line = error_lines(html)[0]
    assert "kiriman.zip: berkas ditolak demi keamanan" in line
    assert len(files_under(client.store.root)) < 5  # nothing was unpacked


def test_zip_member_ratio_and_count_limits(tmp_path):
    packed, crc, usize = _deflate_repeated(b"", b"\0" * (1 << 20), 20, b"")  # 20 MB in about 20 KB
    ratio = _raw_zip(tmp_path / "r.zip", [("a.xlsx", packed, zipfile.ZIP_DEFLATED, crc, usize)])
    many = folder_zip({f"f{i}.xlsx": b"x" for i in range(60)})
    app = create_app(jobs=1, options=Options(config=Config(limits=Limits(max_members=50))))
    with TestClient(app) as c:
        _, _, html = check(c, [("rasio.zip", ratio.read_bytes()), ("banyak.zip", many)])
    lines = error_lines(html)
    assert len(lines) == 2
    assert "rasio.zip: berkas ditolak demi keamanan: bagian 'a.xlsx' dimampatkan" in lines[0]
    assert "banyak.zip: berkas ditolak demi keamanan: arsipnya berisi 60 bagian (batas 50)" in lines[1]


def test_workbook_zip_bomb_inside_a_folder_zip(client, tmp_path):
    inner = zip_bomb(tmp_path / "bom.xlsx", unpacked=2 * 1024**3)
    _, progress, html = check(client, [("kiriman.zip", folder_zip({"masuk/bom.xlsx": inner.read_bytes()}))])
    assert progress["failed"] == 1
    line = error_lines(html)[0]
    assert "masuk/bom.xlsx: berkas ditolak demi keamanan" in line


def test_zip_without_workbooks(client):
    _, _, html = check(client, [("kosong.zip", folder_zip({"catatan.txt": b"x"}))])
    assert "kosong.zip: arsip ini tidak berisi buku kerja" in html


# --- upload limits ------------------------------------------------------------------------------------------


def test_upload_over_the_limit_is_refused_in_indonesian():
    app = create_app(jobs=1, max_upload_mb=1)
    with TestClient(app) as c:
        r = upload(c, [("besar.xlsx", b"x" * (2 * 1024 * 1024))])
        assert r.status_code == 413
        assert "terlalu besar" in r.json()["message"] and "1 MB" in r.json()["message"]
        assert len(app.state.store) == 0 and not any(app.state.store.root.iterdir())


def test_an_app_that_never_runs_leaves_no_folder(tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    create_app(jobs=1)
    assert not any(tmp_path.iterdir())


def test_upload_without_content_length_is_counted_too():
    app = create_app(jobs=1, max_upload_mb=1)
    boundary = "pkbatas"

    def body():
        yield (
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="a.xlsx"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        for _ in range(40):
            yield b"x" * 65536
        yield f"\r\n--{boundary}--\r\n".encode()

    with TestClient(app) as c:
        r = c.post(
            "/api/check",
            content=body(),
            headers={"content-type": f"multipart/form-data; boundary={boundary}"},
        )
        assert r.status_code == 413 and "terlalu besar" in r.json()["message"]
        assert len(app.state.store) == 0


def test_empty_or_malformed_upload(client):
    r = client.post("/api/check", data={"x": "1"})
    assert r.status_code == 400 and "tidak dapat dibaca" in r.json()["message"]
    r = client.post(
        "/api/check", content=b"garbage", headers={"content-type": "multipart/form-data; boundary=zz"}
    )
    assert r.status_code == 400
    assert len(client.store) == 0


# --- hostile names, isolation, cleanup ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "../../evil.xlsx",
        "..\\..\\evil.xlsx",
        "/etc/passwd.xlsx",
        "C:\\Windows\\win.ini.xlsx",
        "CON.xlsx",
        "a\x00b.xlsx",
        ".hidden.xlsx",
        "..",
        "",
        "x" * 500 + ".xlsx",
        "<script>alert(1)</script>.xlsx",
    ],
)
def test_safe_name_stays_one_segment(name):
    safe = safe_name(name)
    assert safe and "/" not in safe and "\\" not in safe and "\x00" not in safe
    assert safe not in (".", "..") and not safe.startswith(".") and len(safe) <= 120
    assert safe.split(".")[0].upper() != "CON"
    assert ".." not in safe_relpath(name).parts


def test_display_name_keeps_what_the_user_typed_but_printable():
    assert display_name("Dinas Kesehatan (final).xlsx") == "Dinas Kesehatan (final).xlsx"
    assert display_name("a\x00\x1bb.xlsx") == "ab.xlsx"


def test_hostile_names_write_only_inside_the_job_folder(client, tmp_path):
    names = [
        "../../../../evil.xlsx",
        "..\\..\\evil2.xlsx",
        "/tmp/abs.xlsx",
        "<img src=x onerror=alert(1)>.xlsx",
    ]
    job_id, progress, html = check(client, [(n, BAJENG.read_bytes()) for n in names])
    assert progress["total"] == 4 and progress["failed"] == 0
    job = client.store.get(job_id)
    assert all(job.folder in p.parents for p in files_under(client.store.root))
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;.xlsx" in html
    assert not Path("/tmp/abs.xlsx").exists() or Path("/tmp/abs.xlsx").stat().st_mtime < time.time() - 60


def test_two_visitors_do_not_see_each_other(client):
    a, _, _ = check(client, [(BAJENG.name, BAJENG.read_bytes())])
    b, _, html_b = check(client, [(DINAS.name, DINAS.read_bytes())])
    assert a != b and len(a) >= 32
    assert BAJENG.name not in html_b
    assert client.get("/api/jobs/" + "A" * 32).status_code == 404
    other = a[:-1] + ("x" if a[-1] != "x" else "y")  # one character off (never the id itself)
    assert client.get("/jobs/" + other + "/file/0").status_code == 404
    assert client.get(f"/jobs/{b}/file/1").status_code == 404  # b has one copy only


def test_deleting_a_job_removes_its_files(client):
    job_id, _, _ = check(client, [(BAJENG.name, BAJENG.read_bytes())])
    folder = client.store.get(job_id).folder
    assert folder.is_dir()
    assert client.delete(f"/api/jobs/{job_id}").status_code == 204
    assert not folder.exists()
    assert client.get(f"/jobs/{job_id}/file/0").status_code == 404
    assert client.post(f"/api/jobs/{job_id}/delete").status_code == 404


def test_idle_jobs_expire():
    app = create_app(jobs=1, ttl=0.0)
    with TestClient(app) as c:
        job_id, _, _ = check(c, [(BAJENG.name, BAJENG.read_bytes())])
        folder = app.state.store.get(job_id).folder
        time.sleep(0.01)
        app.state.store.expire()
        assert not folder.exists() and app.state.store.get(job_id) is None


def test_other_sites_and_host_names_are_refused(client):
    r = upload(client, [(BAJENG.name, BAJENG.read_bytes())], headers={"origin": "http://evil.example"})
    assert r.status_code == 403
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400  # DNS rebinding


def test_serve_listens_on_loopback_by_default():
    import inspect

    from pk_excel import web

    assert inspect.signature(web.serve).parameters["host"].default == "127.0.0.1"
    assert web.is_loopback("127.0.0.1") and web.is_loopback("localhost") and web.is_loopback("::1")
    assert not web.is_loopback("0.0.0.0")
    sock = web.bind("127.0.0.1", 0)
    try:
        assert sock.getsockname()[0] == "127.0.0.1" and sock.getsockname()[1] > 0
        assert web.url_for("127.0.0.1", sock).startswith("http://127.0.0.1:")
    finally:
        sock.close()


def test_a_page_open_to_other_computers_names_an_address_they_can_use():
    """0.0.0.0 is not an address another computer can type: the warning gives this computer's own."""
    from pk_excel import web

    sock = web.bind("0.0.0.0", 0)
    try:
        url = web.url_for_others("0.0.0.0", sock)
        assert url.startswith("http://") and url.endswith(f":{sock.getsockname()[1]}/")
        assert "0.0.0.0" not in url
        assert web.url_for_others("192.168.10.5", sock) == f"http://192.168.10.5:{sock.getsockname()[1]}/"
    finally:
        sock.close()


def test_serve_without_the_web_extra_says_how_to_install(monkeypatch):
    from typer.testing import CliRunner

    from pk_excel import web
    from pk_excel.cli import app

    monkeypatch.setattr(web, "missing", lambda: ["starlette"])
    result = CliRunner().invoke(app, ["serve", "--no-browser"])
    assert result.exit_code == 2
    assert "pip install" in result.output and "pk-excel[web]" in result.output


def test_server_language_is_the_default_for_visitors():
    app = create_app(jobs=1, options=Options(config=Config(lang="en")))
    with TestClient(app) as c:
        assert '<html lang="en">' in c.get("/").text
        assert '<html lang="id">' in c.get("/?lang=id").text


def test_too_many_files_at_once():
    app = create_app(jobs=1)
    app.state.store.max_files = 3
    with TestClient(app) as c:
        r = upload(c, [(f"f{i}.xlsx", b"x") for i in range(5)])
        assert r.status_code == 413 and "Terlalu banyak berkas" in r.json()["message"]
        assert len(app.state.store) == 0


def test_help_does_not_import_the_web_stack():
    from test_startup import imported_by_command_line

    code, names = imported_by_command_line(["--help"])
    assert code == 0 and "pk_excel" in names
    assert not names & {"starlette", "uvicorn", "jinja2", "multipart", "playwright"}
    code, names = imported_by_command_line(["serve", "--help"])
    assert code == 0 and not names & {"starlette", "uvicorn", "jinja2", "pandas", "openpyxl"}


def test_two_uploads_at_the_same_time_stay_apart(client):
    import threading

    results: dict[str, tuple] = {}

    def visit(name: str, sample: Path) -> None:
        results[name] = check(client, [(name, sample.read_bytes())])

    threads = [
        threading.Thread(target=visit, args=(f"unit-{k}.xlsx", s)) for k, s in enumerate((BAJENG, DINAS))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    (a, _, html_a), (b, _, html_b) = results["unit-0.xlsx"], results["unit-1.xlsx"]
    assert a != b
    assert "unit-0.xlsx" in html_a and "unit-1.xlsx" not in html_a
    assert "unit-1.xlsx" in html_b and "unit-0.xlsx" not in html_b
    assert client.store.get(a).folder != client.store.get(b).folder


def test_progress_counts_files_as_they_finish(tmp_path):
    from pk_excel.model import FileReport, Finding
    from pk_excel.web.jobs import Entry, Job

    job = Job(id="x", folder=tmp_path, lang="id")
    job.entries = [Entry("a.xlsx", tmp_path / "a.xlsx"), Entry("b.xlsx", tmp_path / "b.xlsx"), Entry("c.zip")]
    job._by_path = {
        str((tmp_path / n).resolve()): e for n, e in (("a.xlsx", job.entries[0]), ("b.xlsx", job.entries[1]))
    }
    job.start(2)
    assert job.progress() == {
        "state": "running",
        "total": 3,
        "done": 1,
        "current": "",
        "errors": 0,
        "warnings": 0,
        "failed": 1,
    }
    error = Finding("capaian-wrong", "error", "PK", "F6", 6, "salah", "wrong")
    job.advance(FileReport(path=str(tmp_path / "a.xlsx"), status="findings", findings=[error]))
    p = job.progress()
    assert (p["done"], p["current"], p["errors"]) == (2, "a.xlsx", 1)


def _processes_with(marker: str) -> list[int]:
    """Processes whose environment carries `marker` (inherited by every process a server started)."""
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if marker.encode() in (proc / "environ").read_bytes():
                    found.append(int(proc.name))
            except OSError:
                continue
    return found


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")
def test_ctrl_c_during_a_batch_leaves_no_process_and_no_folder(tmp_path):
    """The real command: Ctrl-C while a batch runs in the process pool ends its workers and removes the files."""
    import json
    import os
    import secrets
    import signal
    import subprocess
    import sys
    import urllib.request

    marker = f"PK_WEB_TEST_{secrets.token_hex(8)}"
    env = {**os.environ, marker: "1", "TMPDIR": str(tmp_path)}
    proc = subprocess.Popen(
        [sys.executable, "-c", "from pk_excel.cli import run; run()", "serve", "--no-browser", "--jobs", "2"],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = proc.stderr.readline()
        url = re.search(r"http://\S+/", line).group(0)
        boundary = "pkbatas"
        body = b""
        for sample in (BAJENG, DINAS, ROOT / "samples" / "pk-kelurahan-2024.xlsx"):
            body += (
                (
                    f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{sample.name}"\r\n'
                    "Content-Type: application/octet-stream\r\n\r\n"
                ).encode()
                + sample.read_bytes()
                + b"\r\n"
            )
        body += f"--{boundary}--\r\n".encode()
        request = urllib.request.Request(
            url + "api/check",
            data=body,
            method="POST",
            headers={"content-type": f"multipart/form-data; boundary={boundary}"},
        )
        with urllib.request.urlopen(request, timeout=30) as r:
            assert r.status == 202
            job_id = json.loads(r.read())["id"]
        assert any(tmp_path.iterdir())  # the server's folder, under TMPDIR
        for _ in range(200):  # until the batch is under way
            with urllib.request.urlopen(f"{url}api/jobs/{job_id}", timeout=30) as r:
                if json.loads(r.read())["state"] != "queued":
                    break
            time.sleep(0.02)
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    deadline = time.monotonic() + 10
    while _processes_with(marker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_with(marker) == []
    assert not any(tmp_path.iterdir())  # the server's folder, and nothing of multiprocessing's either


def test_a_failed_files_line_follows_the_language_switch(client):
    """Checked in Indonesian, then read in English: the one line of a broken file is English too."""
    data = BAJENG.read_bytes()
    job_id, _, html = check(client, [("terpotong.xlsx", data[: len(data) // 2])])
    assert "berkas rusak" in error_lines(html)[0]
    en = client.get(f"/jobs/{job_id}/results?lang=en").text
    line = error_lines(en)[0]
    assert line.startswith("terpotong.xlsx:") and "berkas rusak" not in line


def test_a_refused_zip_tells_the_visitor_what_they_can_do(client, tmp_path):
    chunk = b"0" * (1 << 20)
    packed, crc, usize = _deflate_repeated(b"", chunk, 2048, b"")
    bomb = _raw_zip(tmp_path / "bom.zip", [("data/a.xlsx", packed, zipfile.ZIP_DEFLATED, crc, usize)])
    _, _, html = check(client, [("kiriman.zip", bomb.read_bytes())])
    line = error_lines(html)[0]
    assert "pk-excel.toml" not in line and "pengelola halaman" in line
