"""Reading a large workbook in a forked child while the parent imports (`readahead`): the same Book and the
same report as reading in this process, the child's refusal as the parent's, and any failure of the child
(killed, interrupted) ends in reading here, never in a hang, a zombie or a different result."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import hostile_factory as hf
import pytest
from conftest import build_pk

from pk_excel import readahead
from pk_excel.config import Options
from pk_excel.model import PkError
from pk_excel.workbook import open_book

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="read ahead forks (Linux)")

ROWS = [
    "Sasaran Strategis",
    ["1", "Meningkatnya kepuasan", "Indeks Kepuasan Masyarakat", "85,00", "82,71", "90,31%", "Hasil SKM"],
    ["2", "Meningkatnya akuntabilitas", "Nilai SAKIP", "70", "72,5", "103,57%", "Hasil evaluasi"],
    ["3", "Menurunnya kemiskinan", "Persentase penduduk miskin", "8,5%", "8,1%", "104,94%", "Turun"],
]


@pytest.fixture
def book_path(tmp_path) -> Path:
    return build_pk(tmp_path / "pk.xlsx", ROWS)


@pytest.fixture
def forked(monkeypatch):
    """The children `readahead` forks; each must have been waited for (no zombie) when the test ends."""
    pids: list[int] = []
    real = os.fork

    def fork() -> int:
        pid = real()
        if pid:
            pids.append(pid)
        return pid

    monkeypatch.setattr(readahead.os, "fork", fork)
    yield pids
    for pid in pids:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_the_child_reads_the_same_book_while_the_parent_warms(book_path, forked):
    parent = os.getpid()
    warmed: list[int] = []
    got = readahead.open_book_beside(book_path, Options(), lambda: warmed.append(os.getpid()))
    assert warmed == [parent], "warm runs in this process, once"
    here = open_book(book_path, Options())
    assert got.data == here.data and (got.kind, got.source_format, got.path) == (here.kind, here.source_format, here.path)
    assert len(forked) == 1


def test_the_childs_refusal_is_the_parents(tmp_path, book_path, forked):
    broken = hf.with_part(book_path, tmp_path / "rusak.xlsx", {"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row>"})
    with pytest.raises(PkError) as here:
        open_book(broken, Options())
    with pytest.raises(PkError) as there:
        readahead.open_book_beside(broken, Options(), lambda: None)
    assert (there.value.code, there.value.message_id, there.value.message_en) == (
        here.value.code, here.value.message_id, here.value.message_en)  # fmt: skip
    assert len(forked) == 1


def test_a_child_that_dies_leaves_the_reading_to_the_parent(book_path, forked, monkeypatch):
    parent = os.getpid()
    real = readahead.open_book

    def dies_in_the_child(path, options):
        if os.getpid() != parent:
            os._exit(9)
        return real(path, options)

    monkeypatch.setattr(readahead, "open_book", dies_in_the_child)
    got = readahead.open_book_beside(book_path, Options(), lambda: None)
    assert got.data == open_book(book_path, Options()).data
    assert len(forked) == 1


def test_a_child_that_sends_half_a_result_leaves_the_reading_to_the_parent(book_path, forked, monkeypatch):
    parent = os.getpid()
    real_write = os.write

    def half(fd, data):
        if os.getpid() != parent:  # the child: send the first half, then die
            real_write(fd, bytes(data[: len(data) // 2]))
            os._exit(0)
        return real_write(fd, data)

    monkeypatch.setattr(readahead.os, "write", half)
    got = readahead.open_book_beside(book_path, Options(), lambda: None)
    assert got.data == open_book(book_path, Options()).data
    assert len(forked) == 1


def test_a_refusal_in_the_child_is_confirmed_here(book_path, forked, monkeypatch):
    """The child refuses a good file (it ran out of file handles, say): only a whole Book is taken from it,
    so the file is read here, and read right."""
    parent = os.getpid()
    real = readahead.open_book

    def refuses_in_the_child(path, options):
        if os.getpid() != parent:
            raise PkError("corrupt", "berkas rusak", "damaged file")
        return real(path, options)

    monkeypatch.setattr(readahead, "open_book", refuses_in_the_child)
    got = readahead.open_book_beside(book_path, Options(), lambda: None)
    assert got.data == open_book(book_path, Options()).data
    assert len(forked) == 1


@pytest.mark.parametrize("fails", ["fork", "first pipe", "second pipe"])
def test_no_process_or_pipe_to_spare_reads_here(book_path, monkeypatch, fails):
    """Out of descriptors or processes (a ulimit, a container's limit): read here, and no descriptor leaks."""
    import errno

    made = []
    real_pipe = os.pipe

    def pipe():
        if fails == "first pipe" or (fails == "second pipe" and made):
            raise OSError(errno.EMFILE, "Too many open files")
        made.append(1)
        return real_pipe()

    def no_fork():
        raise OSError(errno.EAGAIN, "Resource temporarily unavailable")

    monkeypatch.setattr(readahead.os, "pipe", pipe)
    if fails == "fork":
        monkeypatch.setattr(readahead.os, "fork", no_fork)
    before = len(os.listdir("/proc/self/fd"))
    warmed = []
    got = readahead.open_book_beside(book_path, Options(), lambda: warmed.append(1))
    assert got.data == open_book(book_path, Options()).data and warmed == [1]
    assert len(os.listdir("/proc/self/fd")) == before


_C_THREAD = """
import _thread, sys, time
from pathlib import Path
from pk_excel import readahead
from pk_excel.config import Options
readahead.MIN_SHEET_BYTES = 1
print(readahead.worth_it(Path(sys.argv[1]), Options()))
lock = _thread.allocate_lock()
lock.acquire()
_thread.start_new_thread(lock.acquire, ())  # a thread `threading` does not count, as a C library's
time.sleep(0.2)
print(readahead.worth_it(Path(sys.argv[1]), Options()))
"""


def test_a_thread_threading_does_not_know_of_keeps_the_read_here(book_path):
    """A fork while another thread holds a lock (an import's, a C library's) can leave the child waiting
    forever: any thread, counted by the system, keeps the reading in this process."""
    env = {**os.environ, "PK_EXCEL_READ_AHEAD": "1"}
    prog = "import os; os.sched_getaffinity = lambda pid: {0, 1}\n" + _C_THREAD
    proc = subprocess.run([sys.executable, "-c", prog, str(book_path)], capture_output=True, text=True, env=env,
                          timeout=60)  # fmt: skip
    assert proc.stdout.split() == ["True", "False"], proc.stderr


def test_a_process_that_ignores_sigchld_still_reads_ahead(book_path, forked):
    """A daemon's child may start with SIGCHLD ignored (inherited across exec), or a server reaps its children
    in a handler: the child's exit status is then gone, and the Book it sent is taken all the same."""
    import signal

    before = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        got = readahead.open_book_beside(book_path, Options(), lambda: None)
    finally:
        signal.signal(signal.SIGCHLD, before)
    assert got.data == open_book(book_path, Options()).data
    forked.clear()  # reaped by the system, not by waitpid


_KILLED_PARENT = """
import os, sys, time
from pathlib import Path
from pk_excel import readahead
from pk_excel.config import Options
parent = os.getpid()
real = readahead.open_book
def slow(path, options):
    if os.getpid() != parent:
        time.sleep(60)  # a very long read
    return real(path, options)
readahead.open_book = slow
fork = os.fork
def announce():
    pid = fork()
    if pid:
        print(pid, flush=True)
    return pid
readahead.os.fork = announce
readahead.open_book_beside(Path(sys.argv[1]), Options(), lambda: time.sleep(60))
"""


def test_the_child_leaves_when_the_parent_is_killed(book_path):
    """pk-excel killed (a supervisor's SIGKILL, `Popen.kill`) while its child reads: the child does not read
    on for nobody, holding memory and the output pipe."""
    import signal
    import time

    proc = subprocess.Popen([sys.executable, "-c", _KILLED_PARENT, str(book_path)], stdout=subprocess.PIPE, text=True)
    child = int(proc.stdout.readline())
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)

    def gone() -> bool:
        try:
            with open(f"/proc/{child}/status") as fh:
                return any(line.split()[:2] == ["State:", "Z"] for line in fh)
        except FileNotFoundError:
            return True

    deadline = time.monotonic() + 10
    while not gone() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert gone(), "the child read on after its parent was killed"
    assert proc.stdout.read() == ""  # the pipe ended: nobody, the child neither, holds it open


def test_an_interrupt_while_warming_ends_the_child(book_path, forked):
    def interrupted():
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        readahead.open_book_beside(book_path, Options(), interrupted)
    assert len(forked) == 1


def test_only_a_large_first_xlsx_of_a_quiet_process_is_read_ahead(tmp_path, book_path, monkeypatch):
    """Read ahead pays only where it is safe and there is something to overlap (the module docstring)."""
    monkeypatch.delitem(sys.modules, "pandas", raising=False)  # as in a fresh `pk-excel check`
    monkeypatch.setattr(readahead, "_alone", lambda: True)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(readahead, "MIN_SHEET_BYTES", 1)
    assert readahead.worth_it(book_path, Options())
    monkeypatch.setattr(readahead, "MIN_SHEET_BYTES", 10**9)
    assert not readahead.worth_it(book_path, Options()), "a small workbook is read here"
    monkeypatch.setattr(readahead, "MIN_SHEET_BYTES", 1)
    monkeypatch.setenv("PK_EXCEL_READ_AHEAD", "0")
    assert not readahead.worth_it(book_path, Options()), "turned off"
    monkeypatch.delenv("PK_EXCEL_READ_AHEAD")
    monkeypatch.setattr(readahead, "_alone", lambda: False)
    assert not readahead.worth_it(book_path, Options()), "a process with threads never forks"
    monkeypatch.setattr(readahead, "_alone", lambda: True)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert not readahead.worth_it(book_path, Options()), "one CPU: nothing to overlap"
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(sys, "platform", "darwin")
    assert not readahead.worth_it(book_path, Options()), "macOS: fork without exec is unsafe"
    monkeypatch.setattr(sys, "platform", "linux")
    not_zip = tmp_path / "bukan.xlsx"
    not_zip.write_bytes(b"not a zip")
    assert not readahead.worth_it(not_zip, Options()), "its fault is reported by the reader here"
    from pk_excel.config import Config, Limits

    tight = Options(config=Config(limits=Limits(max_file_bytes=100)))
    assert not readahead.worth_it(book_path, tight), "a file over the size limit is refused here, unlisted"
    monkeypatch.setitem(sys.modules, "pandas", object())
    assert not readahead.worth_it(book_path, Options()), "a warm process (a pool's worker, the web page) has nothing to overlap"


_RUN = """
import os, sys
os.sched_getaffinity = lambda pid: {0, 1}  # a CI machine of one CPU reads ahead too, for this test
from pk_excel import readahead
readahead.MIN_SHEET_BYTES = 1
used = []
real = readahead.open_book_beside
def spy(*a, **k):
    used.append(1)
    return real(*a, **k)
readahead.open_book_beside = spy
from pk_excel.cli import main
try:
    main()
finally:
    print("read ahead:", bool(used), file=sys.stderr)
"""


@pytest.mark.parametrize("ahead", [True, False])
def test_the_program_gives_the_same_report_and_copy_read_ahead_or_not(tmp_path, book_path, ahead):
    """The real program, in a fresh process: read ahead (the child) or here, the JSON report and every part
    of the validated copy are the same."""
    runs = {}
    for how in ("1", "0"):
        out = tmp_path / f"out{how}"
        env = {**os.environ, "PK_EXCEL_READ_AHEAD": how if ahead else "0"}
        proc = subprocess.run([sys.executable, "-c", _RUN, "check", str(book_path), "--out", str(out), "-f", "json"],
                              capture_output=True, text=True, env=env, timeout=120)  # fmt: skip
        assert proc.returncode == 1, proc.stderr  # findings: 90,31% is wrong
        assert f"read ahead: {ahead and how == '1'}" in proc.stderr
        report = json.loads(proc.stdout)
        for f in report["files"]:
            f.pop("output")
        with zipfile.ZipFile(out / "pk.checked.xlsx") as z:
            # Ringkasan says when the copy was made, to the minute
            parts = {n: re.sub(rb"pukul \d\d\.\d\d", b"pukul --.--", z.read(n)) for n in z.namelist()}
        runs[how] = (report, parts)
    assert runs["1"] == runs["0"]
