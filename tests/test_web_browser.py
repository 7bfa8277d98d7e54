"""`pk-excel serve` in a real browser: the system's headless Chromium (Debian package `chromium`), driven by
Playwright with that browser (never `playwright install`, which downloads one).

A visitor uploads the Bajeng sample, sees its findings, downloads the validated copy and opens it; uploads a
broken file and sees one clear line; uploads a folder as a .zip; switches to English. Screenshots of each
page go to $PK_WEB_SCREENSHOTS when set (else the test's temporary folder).
"""

from __future__ import annotations

import io
import os
import shutil
import threading
import time
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("starlette")
sync_api = pytest.importorskip("playwright.sync_api")

import openpyxl

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
BAJENG = SAMPLES / "pk-kecamatan-bajeng-2023.xlsx"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    for candidate in (
        os.environ.get("PK_CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


@pytest.fixture(scope="module")
def server():
    """The real server (uvicorn) on a free loopback port, in a thread of this process."""
    import uvicorn

    from pk_excel import web
    from pk_excel.web.app import create_app

    sock = web.bind("127.0.0.1", 0)
    app = create_app(jobs=1)
    srv = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield web.url_for("127.0.0.1", sock), app.state.store
    root = app.state.store.root
    srv.should_exit = True
    thread.join(timeout=10)
    sock.close()
    assert not root.exists(), "the server's temporary folder must be removed when it stops"


@pytest.fixture(scope="module")
def browser():
    path = chromium_path()
    if path is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(
        accept_downloads=True, viewport={"width": 1200, "height": 900}, locale="id-ID"
    )
    p = context.new_page()
    p.set_default_timeout(60_000)
    p.goto(server[0])
    yield p
    context.close()


@pytest.fixture
def shots(tmp_path):
    folder = Path(os.environ.get("PK_WEB_SCREENSHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def run_check(page, files):
    page.set_input_files("#files", files)
    page.click("#start")
    page.wait_for_selector("#summary")


def test_bajeng_upload_findings_and_download(page, shots, tmp_path):
    assert page.locator("h1").inner_text() == "Pemeriksa Perjanjian Kinerja"
    page.screenshot(path=str(shots / "1-unggah.png"), full_page=True)
    page.set_input_files("#files", str(BAJENG))
    assert "pk-kecamatan-bajeng-2023.xlsx" in page.locator("#chosen").inner_text()
    page.click("#start")
    page.wait_for_selector("#summary")
    summary = page.locator("#summary").inner_text()
    assert summary.startswith("1 berkas diperiksa: 1 kesalahan")
    rows = page.locator("table.findings tbody tr")
    assert rows.count() >= 5
    first_error = page.locator("tr.sev-error").first
    assert first_error.locator(".pill").inner_text() == "kesalahan"
    assert first_error.locator("td.cell").inner_text().startswith("PK 2023!")
    assert first_error.locator("td.expected").inner_text().strip()  # the value expected
    colour = first_error.locator(".pill").evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour == "rgb(255, 199, 206)"  # the red of the validated workbook
    page.screenshot(path=str(shots / "3-hasil.png"), full_page=True)
    with page.expect_download() as dl:
        page.click("#download-top")
    assert dl.value.suggested_filename == "pk-kecamatan-bajeng-2023.checked.xlsx"
    copy = tmp_path / dl.value.suggested_filename
    dl.value.save_as(copy)
    wb = openpyxl.load_workbook(copy)
    assert "Temuan" in wb.sheetnames and "Ringkasan" in wb.sheetnames
    with page.expect_download() as dl:
        page.click("#download-rekap")
    rekap = tmp_path / dl.value.suggested_filename
    dl.value.save_as(rekap)
    assert "Rekap" in openpyxl.load_workbook(rekap).sheetnames

    # English by the switch; the results stay
    page.click("#lang-switch")
    page.wait_for_selector("#summary")
    assert page.locator("#summary").inner_text().startswith("Files checked: 1. Errors: 1,")
    assert page.locator("tr.sev-error .pill").first.inner_text() == "error"
    page.screenshot(path=str(shots / "5-results-en.png"), full_page=True)
    page.click("#lang-switch")  # back to Indonesian for the next tests (the choice is a cookie)
    page.wait_for_selector("#summary")


def test_broken_file_shows_one_clear_line(page, shots, tmp_path):
    broken = tmp_path / "laporan-kinerja.xlsx"
    broken.write_text("Ini laporan, bukan buku kerja Excel.\n", encoding="utf-8")
    run_check(page, [str(broken)])
    lines = page.locator(".file-error")
    assert lines.count() == 1
    text = lines.first.inner_text()
    assert text.startswith("laporan-kinerja.xlsx: bukan buku kerja")
    assert "/tmp" not in text and "\n" not in text.strip()
    assert page.locator(".badge-error").first.inner_text() == "Gagal diperiksa"
    page.screenshot(path=str(shots / "4-gagal.png"), full_page=True)
    page.click("#again")
    assert page.locator("#step-upload").is_visible()


def test_folder_as_zip_with_progress(page, shots, tmp_path):
    archive = tmp_path / "masuk.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for sample in sorted(SAMPLES.glob("pk-*.xlsx")):
            zf.write(sample, f"masuk/{sample.name}")
        zf.writestr("masuk/rusak.xlsx", b"PK\x03\x04 terpotong")
    # Hold the first progress answer to photograph the progress display mid-batch.
    held = {"n": 0}

    def progress(route):
        held["n"] += 1
        if held["n"] == 1:
            route.fulfill(
                json={
                    "state": "running",
                    "total": 4,
                    "done": 2,
                    "current": "masuk.zip › masuk/pk-kelurahan-2024.xlsx",
                    "errors": 1,
                    "warnings": 7,
                    "failed": 0,
                }
            )
        else:
            route.continue_()

    page.route("**/api/jobs/*", progress)
    page.set_input_files("#files", str(archive))
    page.click("#start")
    page.wait_for_selector("text=Memeriksa 2 dari 4 berkas")
    assert page.locator("#bar").get_attribute("aria-valuenow") == "65"
    page.screenshot(path=str(shots / "2-proses.png"), full_page=True)
    page.wait_for_selector("#summary")
    page.unroute("**/api/jobs/*")
    assert page.locator("details.file").count() == 4
    names = page.locator(".file-name").all_inner_texts()
    assert "masuk.zip › masuk/pk-kecamatan-bajeng-2023.xlsx" in names
    assert page.locator(".file-error").count() == 1
    with page.expect_download() as dl:
        page.click("#download-all")
    data = Path(dl.value.path()).read_bytes()
    members = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert "rekap-pk.xlsx" in members
    assert sum(m.endswith(".checked.xlsx") for m in members) == 3
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        copy = tmp_path / "bajeng.checked.xlsx"
        copy.write_bytes(zf.read("masuk/masuk/pk-kecamatan-bajeng-2023.checked.xlsx"))
    assert "Temuan" in openpyxl.load_workbook(copy).sheetnames
    page.screenshot(path=str(shots / "6-folder.png"), full_page=True)


def test_template_download(page, tmp_path):
    page.fill("input[name=unit]", "Kecamatan Bajeng")
    with page.expect_download() as dl:
        page.click("#template-button")
    assert dl.value.suggested_filename.startswith("pk-template-")
    path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(path)
    assert any("Petunjuk" in s for s in openpyxl.load_workbook(path).sheetnames)


def test_leaving_the_page_deletes_the_files(page, server):
    store = server[1]
    run_check(page, [str(BAJENG)])
    job_id = page.evaluate("sessionStorage.getItem('pk_job')")
    folder = store.get(job_id).folder
    assert folder.is_dir()
    page.goto("about:blank")
    deadline = time.monotonic() + 10
    while folder.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not folder.exists()


def test_folder_picker_keeps_subfolders_and_skips_other_files(page, tmp_path):
    folder = tmp_path / "masuk"
    (folder / "kecamatan").mkdir(parents=True)
    shutil.copy(BAJENG, folder / "kecamatan" / BAJENG.name)
    shutil.copy(SAMPLES / "pk-kelurahan-2024.xlsx", folder / "pk-kelurahan-2024.xlsx")
    (folder / "surat.docx").write_bytes(b"bukan buku kerja")
    (folder / "~$pk-kelurahan-2024.xlsx").write_bytes(b"kunci")
    page.set_input_files("#folder", str(folder))
    assert page.locator("#chosen li").first.inner_text() == "Dipilih: 2 berkas"
    page.click("#start")
    page.wait_for_selector("#summary")
    names = sorted(page.locator(".file-name").all_inner_texts())
    assert names == ["masuk/kecamatan/pk-kecamatan-bajeng-2023.xlsx", "masuk/pk-kelurahan-2024.xlsx"]
    with page.expect_download() as dl:
        page.click("#download-all")
    members = zipfile.ZipFile(io.BytesIO(Path(dl.value.path()).read_bytes())).namelist()
    assert "masuk/kecamatan/pk-kecamatan-bajeng-2023.checked.xlsx" in members


def test_too_large_upload_is_refused_before_sending(page, shots, tmp_path):
    page.evaluate("document.body.setAttribute('data-max-upload-mb', '1')")
    big = tmp_path / "besar.xlsx"
    big.write_bytes(b"\0" * (2 * 1024 * 1024))
    page.set_input_files("#files", str(big))
    page.click("#start")
    message = page.locator("#upload-error")
    message.wait_for()
    assert message.inner_text().startswith("Berkas yang dikirim terlalu besar (batas 1 MB")
    page.screenshot(path=str(shots / "7-terlalu-besar.png"), full_page=True)
