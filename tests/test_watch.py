"""watcher.watch: a watcher thread over an inbox, with a short settle time and bounded waits."""

from __future__ import annotations

import os
import threading
import time
import zipfile
from pathlib import Path

import pytest
from conftest import build_pk

from pk_excel import batch
from pk_excel.output import output_path
from pk_excel.watcher import watch
from pk_excel.config import Options
from pk_excel.marks import stamp
from pk_excel.model import FileReport, Finding

SETTLE = 0.3
TIMEOUT = 10.0

ROWS = [
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
]


def wait_for(predicate, timeout: float = TIMEOUT) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


def workbook_bytes(tmp_path: Path, name: str, rows=ROWS) -> bytes:
    src = tmp_path / "sumber"
    src.mkdir(exist_ok=True)
    return build_pk(src / name, rows).read_bytes()


class Watcher:
    """Runs watcher.watch in a thread with a fake checker; records what was checked and what was logged."""

    def __init__(self, inbox: Path, options: Options):
        self.inbox = inbox
        self.options = options
        self.stop = threading.Event()
        self.logs: list[str] = []
        self.checked: list[tuple[str, int]] = []  # (name, size at check time)
        self.thread = threading.Thread(
            target=watch,
            args=(inbox, options),
            kwargs={"stop": self.stop, "settle": SETTLE, "log": self.logs.append},
            daemon=True,
        )

    def check(self, path: str, options: Options) -> FileReport:
        p = Path(path)
        self.checked.append((p.name, p.stat().st_size))
        try:
            with zipfile.ZipFile(p) as zf:
                zf.infolist()
        except zipfile.BadZipFile:
            return FileReport(
                path=path, status="error", error=f"{p.name}: berkas rusak", error_code="corrupt"
            )
        out = output_path(p, Path(options.out_dir), "xlsx")
        out.write_bytes(p.read_bytes())  # like the checker: an output lands in the inbox, and must be ignored
        stamp(out)
        warning = Finding("satuan", "warning", "PK", "D7", 7, "Satuan janggal", "Odd unit")
        return FileReport(path=path, status="findings", findings=[warning], output=str(out))

    def names(self) -> list[str]:
        return [name for name, _ in self.checked]


@pytest.fixture
def watcher(tmp_path, monkeypatch):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    started: list[Watcher] = []

    def start(options: Options | None = None) -> Watcher:
        w = Watcher(inbox, options or Options(write=True))
        monkeypatch.setattr(batch, "_check_file", w.check)
        w.thread.start()
        started.append(w)
        return w

    yield start
    for w in started:
        w.stop.set()
        w.thread.join(timeout=TIMEOUT)
        assert not w.thread.is_alive(), "watch did not return after stop was set"


def test_slow_copy_is_checked_once_when_complete(watcher, tmp_path):
    w = watcher()
    data = workbook_bytes(tmp_path, "laporan.xlsx")
    target = w.inbox / "laporan.xlsx"
    with open(target, "wb") as f:
        f.write(data[: len(data) // 2])
        f.flush()
        time.sleep(SETTLE * 1.5)  # quiet longer than settle, but the zip is not readable yet
        assert w.checked == []
        f.write(data[len(data) // 2 :])
    assert wait_for(lambda: w.logs)
    time.sleep(SETTLE * 2)
    assert w.checked == [("laporan.xlsx", len(data))]
    assert w.logs == ["laporan.xlsx: 0 kesalahan, 1 peringatan -> laporan.checked.xlsx"]


def test_new_content_is_checked_again_same_content_is_not(watcher, tmp_path):
    w = watcher()
    first = workbook_bytes(tmp_path, "v1.xlsx")
    second = workbook_bytes(
        tmp_path, "v2.xlsx", ROWS + [["", "Sasaran baru", "Indikator baru", "1", "1", "100%"]]
    )
    target = w.inbox / "laporan.xlsx"
    target.write_bytes(first)
    assert wait_for(lambda: len(w.checked) == 1)
    target.write_bytes(second)
    assert wait_for(lambda: len(w.checked) == 2)
    assert w.checked[1] == ("laporan.xlsx", len(second))
    target.write_bytes(second)  # saved again, same content
    os.utime(target)
    time.sleep(SETTLE * 3)
    assert w.names() == ["laporan.xlsx", "laporan.xlsx"]
    # A new version arriving by rename (how editors save) is checked too.
    tmp = w.inbox / ".laporan.xlsx.tmp"
    tmp.write_bytes(first)
    os.replace(tmp, target)
    assert wait_for(lambda: len(w.checked) == 3)


def test_corrupt_file_logs_gagal_and_the_watcher_goes_on(watcher, tmp_path):
    w = watcher()
    (w.inbox / "rusak.xlsx").write_bytes(b"ini bukan workbook")
    assert wait_for(lambda: w.logs)
    assert w.logs == ["rusak.xlsx: GAGAL: berkas rusak"]
    (w.inbox / "baik.xlsx").write_bytes(workbook_bytes(tmp_path, "baik.xlsx"))
    assert wait_for(lambda: len(w.logs) == 2)
    assert w.logs[1].startswith("baik.xlsx: 0 kesalahan")


def test_checker_exception_is_logged_not_raised(watcher, tmp_path, monkeypatch):
    w = watcher()

    def broken(path, options):
        raise ValueError("tak terduga")

    monkeypatch.setattr(batch, "_check_file", broken)
    (w.inbox / "a.xlsx").write_bytes(workbook_bytes(tmp_path, "a.xlsx"))
    assert wait_for(lambda: w.logs)
    assert w.logs[0].startswith("a.xlsx: GAGAL: ") and "tak terduga" in w.logs[0]
    assert w.thread.is_alive()


def test_existing_files_outputs_and_lock_files(watcher, tmp_path):
    inbox = tmp_path / "inbox"
    data = workbook_bytes(tmp_path, "x.xlsx")
    (inbox / "lama.xlsx").write_bytes(data)
    (inbox / "sudah.xlsx").write_bytes(data)
    old = time.time() - 60
    os.utime(inbox / "sudah.xlsx", (old, old))
    (inbox / "sudah.checked.xlsx").write_bytes(data)  # newer than its source: up to date
    stamp(inbox / "sudah.checked.xlsx")
    w = watcher(Options(write=True, lang="en"))
    assert wait_for(lambda: w.logs)
    (inbox / "~$lama.xlsx").write_bytes(b"\x07pegawai" + b"\x00" * 40)
    (inbox / "lain.checked.xlsx").write_bytes(data)
    stamp(inbox / "lain.checked.xlsx")
    (inbox / ".tersembunyi.xlsx").write_bytes(data)
    (inbox / "catatan.txt").write_text("bukan workbook")
    time.sleep(SETTLE * 3)
    assert w.names() == ["lama.xlsx"]
    assert w.logs == ["lama.xlsx: 0 errors, 1 warning -> lama.checked.xlsx"]


def test_out_dir_elsewhere(watcher, tmp_path):
    out = tmp_path / "keluar"
    out.mkdir()
    w = watcher(Options(write=True, out_dir=str(out)))
    (w.inbox / "a.xlsx").write_bytes(workbook_bytes(tmp_path, "a.xlsx"))
    assert wait_for(lambda: w.logs)
    assert (out / "a.checked.xlsx").exists() and not (w.inbox / "a.checked.xlsx").exists()


def test_real_checker_in_watch_mode(tmp_path):
    """Uses checker.check_file itself (needs pk_excel/checker.py); a restart does not check it again."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    logs: list[str] = []

    def run_until(predicate, wait: float = TIMEOUT) -> None:
        stop = threading.Event()
        t = threading.Thread(
            target=watch,
            args=(inbox, Options(write=True)),
            kwargs={"stop": stop, "settle": SETTLE, "log": logs.append},
            daemon=True,
        )
        t.start()
        wait_for(predicate, wait)
        stop.set()
        t.join(timeout=TIMEOUT)
        assert not t.is_alive()

    build_pk(inbox / "laporan.xlsx", ROWS)
    run_until(lambda: logs)
    assert (
        len(logs) == 1
        and logs[0].startswith("laporan.xlsx: 0 kesalahan, ")
        and logs[0].endswith("-> laporan.checked.xlsx")
    )
    assert (inbox / "laporan.checked.xlsx").exists()
    run_until(lambda: False, wait=SETTLE * 3)
    assert len(logs) == 1
