"""collect.collect / batch.check_paths / progress: files a folder yields, order, exit code, the pool, pickling."""

from __future__ import annotations

import io
import os
import pickle
import zipfile
from pathlib import Path

import pytest
from conftest import build_pk

from pk_excel import batch, collect
from pk_excel.progress import LineProgress, make_progress
from pk_excel.config import Options
from pk_excel.marks import stamp
from pk_excel.model import Cell, Document, FileReport, Finding, Indicator, Value

GOOD_ROWS = [
    "Sasaran Strategis",
    [
        "",
        "Meningkatnya kepuasan masyarakat",
        "Indeks Kepuasan Masyarakat (IKM)",
        "85,00",
        "82,71",
        "97,31%",
        "SKM",
    ],
    "Sasaran Program",
    ["", "Tersedianya SOP", "Persentase layanan yang memiliki SOP", "100%", "100%", "100%", "11 SOP"],
]


def fake_check(path: str, options: Options) -> FileReport:
    """Stands in for checker.check_file: a bad zip fails; 'salah' in the name gives one error finding.

    The worker's pid goes into `warnings`, so tests can see which process checked the file.
    """
    lang = options.language
    try:
        with zipfile.ZipFile(path) as zf:
            zf.infolist()
    except (zipfile.BadZipFile, OSError):
        return FileReport(
            path=path, status="error", error=f"{path}: berkas rusak", error_code="corrupt", lang=lang
        )
    findings = []
    if "salah" in Path(path).name:
        findings.append(Finding("capaian-hitung", "error", "PK", "F6", 6, "Capaian salah", "Wrong capaian"))
    findings.append(Finding("satuan", "warning", "PK", "D7", 7, "Satuan janggal", "Odd unit"))
    return FileReport(
        path=path,
        status="findings",
        findings=findings,
        warnings=[str(os.getpid())],
        document=Document(path=path, sheets=["PK"], unit="Kecamatan Contoh", year=2023),
        lang=lang,
    )


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setattr(batch, "_check_file", fake_check)


@pytest.fixture(scope="module")
def good_bytes(tmp_path_factory) -> bytes:
    return build_pk(tmp_path_factory.mktemp("pk") / "pk.xlsx", GOOD_ROWS).read_bytes()


@pytest.fixture
def folder(tmp_path, good_bytes) -> Path:
    """A folder as users leave it: good files, a corrupt one, lock, hidden and output files, subfolders."""
    d = tmp_path / "laporan"
    (d / "sub").mkdir(parents=True)
    (d / ".git").mkdir()
    for name in (
        "b-dinas.xlsx",
        "a-kecamatan.xlsx",
        "c-salah.xlsx",
        ".tersembunyi.xlsx",
        "a-kecamatan.checked.xlsx",
        "sub/e-kelurahan.xlsx",
        ".git/f.xlsx",
    ):
        (d / name).write_bytes(good_bytes)
    stamp(d / "a-kecamatan.checked.xlsx")  # pk-excel's own output, untouched
    (d / "d-rusak.xlsx").write_bytes(b"bukan berkas excel")
    (d / "~$a-kecamatan.xlsx").write_bytes(b"\x07pegawai" + b"\x00" * 40)
    (d / "catatan.txt").write_text("bukan workbook")
    return d


def names(paths) -> list[str]:
    return [Path(p).name for p in paths]


def test_collect_folder_keeps_only_candidates_sorted(folder):
    files, errors = collect.collect([folder])
    assert names(files) == ["a-kecamatan.xlsx", "b-dinas.xlsx", "c-salah.xlsx", "d-rusak.xlsx"]
    assert errors == []


def test_collect_recursive_adds_subfolders_but_not_hidden_ones(folder):
    files, _ = collect.collect([folder], recursive=True)
    assert names(files) == [
        "a-kecamatan.xlsx",
        "b-dinas.xlsx",
        "c-salah.xlsx",
        "d-rusak.xlsx",
        "e-kelurahan.xlsx",
    ]
    assert files[-1].parent.name == "sub"


def test_collect_named_lock_file_glob_missing_and_duplicates(folder):
    lock = folder / "~$a-kecamatan.xlsx"
    files, errors = collect.collect(
        [
            lock,
            str(folder / "*.xlsx"),
            folder / "a-kecamatan.xlsx",
            folder / "tidak-ada.xlsx",
            str(folder / "*.ods"),
        ]
    )
    # The lock file was named, so it is checked (the checker explains it); the glob filters like a folder.
    assert names(files) == [
        "a-kecamatan.xlsx",
        "b-dinas.xlsx",
        "c-salah.xlsx",
        "d-rusak.xlsx",
        "~$a-kecamatan.xlsx",
    ]
    assert [e.error_code for e in errors] == ["not-found", "not-found"]
    assert errors[0].status == "error" and "tidak-ada.xlsx" in errors[0].error
    assert "berkas tidak ditemukan" in errors[0].error


def test_check_paths_results_in_order_and_exit_code(fake, folder):
    report = batch.check_paths([folder, folder / "hilang.xlsx"], Options(), jobs=1)
    assert names(f.path for f in report.files) == [
        "a-kecamatan.xlsx",
        "b-dinas.xlsx",
        "c-salah.xlsx",
        "d-rusak.xlsx",
        "hilang.xlsx",
    ]
    assert [f.status for f in report.files] == ["findings", "findings", "findings", "error", "error"]
    assert [f.error_code for f in report.files] == [None, None, None, "corrupt", "not-found"]
    assert report.exit_code() == 2  # a file could not be checked
    good = batch.check_paths([folder / "a-kecamatan.xlsx", folder / "b-dinas.xlsx"], Options(), jobs=1)
    assert good.exit_code() == 0 and good.exit_code(strict=True) == 1
    assert batch.check_paths([folder / "c-salah.xlsx"], Options()).exit_code() == 1


def _summary(report):
    return [
        (f.path, f.status, f.error_code, f.error, f.count("error"), f.count("warning")) for f in report.files
    ]


def test_parallel_gives_the_same_results_from_one_small_pool(fake, folder, good_bytes):
    for i in range(4):
        (folder / f"g{i}.xlsx").write_bytes(good_bytes)
    serial = batch.check_paths([folder], Options(), jobs=1, recursive=True)
    parallel = batch.check_paths([folder], Options(), jobs=2, recursive=True)
    assert _summary(parallel) == _summary(serial)
    assert len(parallel.files) == 9
    serial_pids = {f.warnings[0] for f in serial.files if f.warnings}
    pool_pids = {f.warnings[0] for f in parallel.files if f.warnings}
    assert serial_pids == {str(os.getpid())}  # jobs=1: in this process
    assert str(os.getpid()) not in pool_pids and 1 <= len(pool_pids) <= 2  # one pool of two, not one per file


def test_single_file_runs_in_process(fake, folder):
    report = batch.check_paths([folder / "a-kecamatan.xlsx"], Options(), jobs=4)
    assert report.files[0].warnings == [str(os.getpid())]


def _exploding(path: str, options: Options) -> FileReport:
    if "b-dinas" in path:
        raise RuntimeError("pembagian dengan nol")
    return fake_check(path, options)


@pytest.mark.parametrize("jobs", [1, 2])
def test_exception_in_checker_becomes_internal_error_for_that_file_only(monkeypatch, folder, jobs):
    monkeypatch.setattr(batch, "_check_file", _exploding)
    report = batch.check_paths([folder], Options(), jobs=jobs)
    by_name = {Path(f.path).name: f for f in report.files}
    bad = by_name["b-dinas.xlsx"]
    assert bad.status == "error" and bad.error_code == "internal"
    assert "b-dinas.xlsx" in bad.error and "pembagian dengan nol" in bad.error and "\n" not in bad.error
    assert by_name["a-kecamatan.xlsx"].status == "findings" and by_name["c-salah.xlsx"].status == "findings"
    english = batch.check_paths([folder / "b-dinas.xlsx"], Options(lang="en"))
    assert "internal error" in english.files[0].error


def test_keyboard_interrupt_stops_the_run(monkeypatch, folder):
    seen = []

    def interrupted(path: str, options: Options) -> FileReport:
        seen.append(Path(path).name)
        if len(seen) == 2:
            raise KeyboardInterrupt
        return fake_check(path, options)

    monkeypatch.setattr(batch, "_check_file", interrupted)
    with pytest.raises(KeyboardInterrupt):
        batch.check_paths([folder], Options(), jobs=1)
    assert seen == ["a-kecamatan.xlsx", "b-dinas.xlsx"]


def test_file_report_with_document_pickles():
    cell = Cell("PK", 6, 6, "97,31%", "General")
    target = Value("85,00 (Baik)", "number", number=85.0, label="Baik", form="text", decimals=2)
    ind = Indicator(
        "PK",
        6,
        0,
        "strategis",
        "Meningkatnya kepuasan",
        "IKM",
        cells={"capaian": cell},
        target=target,
        capaian_hitung=97.305,
        status="tidak tercapai",
        predikat="Sangat Tinggi",
    )
    doc = Document(path="x.xlsx", sheets=["PK"], indicators=[ind], unit="Kecamatan Bajeng", year=2023)
    report = FileReport(
        path="x.xlsx",
        status="findings",
        document=doc,
        findings=[Finding("r", "error", "PK", "F6", 6, "pesan", "message", found="97", expected="97,31")],
    )
    copy = pickle.loads(pickle.dumps(report))
    assert copy == report and copy.document.indicators[0].target.label == "Baik"


def test_progress_lines_on_a_non_terminal_stream(fake, folder, capsys):
    stream = io.StringIO()
    progress = make_progress(stream, lang="id")
    batch.check_paths([folder, folder / "hilang.xlsx"], Options(), jobs=2, progress=progress)
    lines = stream.getvalue().splitlines()
    # Numbered in the order files finish; the pool decides that order.
    assert [line.split("] ", 1)[0] + "]" for line in lines] == [f"[{n}/5]" for n in range(1, 6)]
    assert lines[0] == "[1/5] hilang.xlsx: GAGAL: berkas tidak ditemukan"
    assert sorted(line.split("] ", 1)[1] for line in lines[1:]) == [
        "a-kecamatan.xlsx: 0 kesalahan, 1 peringatan",
        "b-dinas.xlsx: 0 kesalahan, 1 peringatan",
        "c-salah.xlsx: 1 kesalahan, 1 peringatan",
        "d-rusak.xlsx: GAGAL: berkas rusak",
    ]
    assert capsys.readouterr().out == ""


def test_progress_english_and_terminal_choice(fake, folder):
    stream = io.StringIO()
    progress = make_progress(stream, lang="en")
    assert isinstance(progress, LineProgress)
    batch.check_paths([folder / "c-salah.xlsx"], Options(lang="en"), progress=progress)
    assert stream.getvalue() == "[1/1] c-salah.xlsx: 1 error, 1 warning\n"

    class Tty(io.StringIO):
        def isatty(self):
            return True

    tty = Tty()
    bar = make_progress(tty)
    assert not isinstance(bar, LineProgress)
    batch.check_paths([folder], Options(), jobs=1, progress=bar)
    assert "4/4" in tty.getvalue() and "1 kesalahan" in tty.getvalue()


def test_real_checker_over_a_folder(tmp_path):
    """Uses checker.check_file itself (needs pk_excel/checker.py)."""
    d = tmp_path / "masuk"
    d.mkdir()
    build_pk(d / "kecamatan.xlsx", GOOD_ROWS)
    build_pk(d / "dinas.xlsx", GOOD_ROWS)
    (d / "rusak.xlsx").write_bytes(b"PK\x03\x04 ini bukan zip yang utuh")
    (d / "~$dinas.xlsx").write_bytes(b"\x07pegawai" + b"\x00" * 40)
    out = tmp_path / "keluar"
    out.mkdir()
    options = Options(write=True, out_dir=str(out))
    report = batch.check_paths([d, d / "~$dinas.xlsx"], options, jobs=2)
    by_name = {Path(f.path).name: f for f in report.files}
    assert list(by_name) == ["dinas.xlsx", "kecamatan.xlsx", "rusak.xlsx", "~$dinas.xlsx"]
    for name in ("dinas.xlsx", "kecamatan.xlsx"):
        fr = by_name[name]
        assert fr.status != "error", fr.error
        assert len(fr.document.indicators) == 2 and fr.output and Path(fr.output).exists()
        pickle.loads(pickle.dumps(fr))
    assert by_name["rusak.xlsx"].status == "error" and by_name["rusak.xlsx"].error_code == "corrupt"
    assert by_name["~$dinas.xlsx"].status == "error" and by_name["~$dinas.xlsx"].error_code == "lock-file"
    assert report.exit_code() == 2
    # Outputs written into the folder are not checked again.
    again = batch.check_paths([d], Options(write=True), jobs=1)
    assert sorted(names(f.path for f in again.files)) == ["dinas.xlsx", "kecamatan.xlsx", "rusak.xlsx"]
