"""Reading a large workbook on the second core while this process imports the later stages (issue 16).

A cold `pk-excel check` of a large sheet spends ~0.3 s importing what the stages after reading need (pandas
and numpy, the value parser, the rule modules, the writer), on one core, before or after ~0.5 s of reading
on the same core. Where the operating system forks cheaply and safely, `open_book` reads the workbook in a
forked child process instead, while this process does those imports (`warm_up`); the child sends the `Book`
back pickled through a pipe (~3 MB and ~60 ms for 20,000 rows). The report is the same either way: the child
runs the very reader this process would, only a whole Book is taken from it, and anything else (a refusal, a
child killed or out of memory or never started, a result cut short) makes this process read the file itself,
so that a refusal is always this process's own. The child leaves as soon as this process ends, killed or not.

It is used only when it pays and is safe (`worth_it`): a fork-safe platform (Linux; not macOS, whose system
libraries may not survive a fork), more than one usable CPU, this process running no other thread (none whose
lock the child could wait on forever: `threading`'s, or a C library's), the imports not done yet (the first
file of a process: a folder's pool workers start warm), an .xlsx/.xlsm whose worksheets hold at least
`MIN_SHEET_BYTES` of XML. Setting the environment variable `PK_EXCEL_READ_AHEAD=0` turns it off.

The pickle crosses only from a child this process forked itself, running pk-excel's own reader: nothing from
the workbook is ever unpickled, only the model the reader built of it.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path

from .config import Options
from .workbook import Book, open_book

# Worksheet XML (uncompressed) from which reading takes longer than forking and sending the result back
# (~15 MB/s of XML read, ~50 MB/s pickled and unpickled): ~1 MB reads in ~70 ms.
MIN_SHEET_BYTES = 1_000_000


def warm_up(write: bool) -> None:
    """Import now what the stages after reading import on first use: locating, the table engine, the value
    parser and formulas, every rule module, and the writer when `write`. (Also run in a process pool's
    parent, so that forked workers start with them loaded.)"""
    from . import formula, values  # noqa: F401
    from .locate import read_document  # noqa: F401
    from .measure import warm
    from .rules import all_rules

    warm()
    all_rules()
    if write:
        from . import validated, xlsxpatch  # noqa: F401


def worth_it(path: Path, options: Options) -> bool:
    """Whether reading `path` in a forked child beside `warm_up` would be faster than reading it here (see the
    module docstring). Never raises: a file it cannot list, or one over the size limit, is read (and refused)
    here, the zip listed only after its size is known to be within `options`' limit."""
    if os.environ.get("PK_EXCEL_READ_AHEAD", "1") == "0" or not sys.platform.startswith("linux"):
        return False
    if "pandas" in sys.modules or not _alone():
        return False
    try:
        if len(os.sched_getaffinity(0)) < 2 or path.suffix.lower() not in (".xlsx", ".xlsm"):
            return False
        if path.stat().st_size > options.config.limits.max_file_bytes:
            return False
        with zipfile.ZipFile(path) as z:
            size = sum(i.file_size for i in z.infolist() if i.filename.lower().startswith("xl/worksheets/"))
    except Exception:  # noqa: BLE001 - whatever it is, the reader says it, here
        return False
    return size >= MIN_SHEET_BYTES


def _alone() -> bool:
    """No thread in this process but this one: none of `threading`'s, none a C library started (Linux lists
    every thread of a process in /proc/self/task)."""
    try:
        return threading.active_count() == 1 and len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


def open_book_beside(path: Path, options: Options, warm: Callable[[], None]) -> Book:
    """`open_book(path, options)` read in a forked child while this process runs `warm()`. Call only where
    `fork` is safe (see `worth_it`). Only a whole Book is taken from the child; anything else (a refusal, a
    child that failed, was killed or could not be started, a result cut short) and the file is read here, so
    the outcome, PkError included, is always `open_book`'s own. Never waits on the child's exit status: a
    process that ignores SIGCHLD, or reaps children in a handler, has none to give."""
    fds: list[int] = []
    try:
        fds += os.pipe()
        fds += os.pipe()  # the parent's end held open while it lives: the child leaves at its end
        pid = os.fork()
    except OSError:  # no descriptor or process to spare (a limit, memory): read here
        for fd in fds:
            os.close(fd)
        warm()
        return open_book(path, options)
    read_fd, write_fd, alive_r, alive_w = fds
    if pid == 0:  # the child: read, send, leave without running anything of the parent's (os._exit)
        try:
            os.close(read_fd)
            os.close(alive_w)
            _detach_stdio()
            threading.Thread(target=_leave_with_parent, args=(alive_r,), daemon=True).start()
            book = open_book(path, options)
            payload = pickle.dumps(book, protocol=pickle.HIGHEST_PROTOCOL)
            data = memoryview(len(payload).to_bytes(8, "little") + payload)
            while data:
                data = data[os.write(write_fd, data) :]
        except BaseException:  # noqa: BLE001 - a refusal or any failure: the parent reads the file itself
            pass
        finally:
            os._exit(0)
    os.close(write_fd)
    os.close(alive_r)
    got = b""
    try:
        warm()
        with os.fdopen(read_fd, "rb") as pipe:
            read_fd = -1
            got = pipe.read()  # to the end: the child has left (or died) when the pipe ends
    except BaseException:  # interrupted, or an import failed: the child's work is not wanted
        if read_fd >= 0:
            os.close(read_fd)
        _kill(pid)
        raise
    finally:
        os.close(alive_w)
        _reap(pid)
    size = int.from_bytes(got[:8], "little")
    if len(got) == 8 + size > 8:
        try:
            sent = pickle.loads(got[8:])
        except Exception:  # noqa: BLE001 - read the file here
            sent = None
        if isinstance(sent, Book):
            return sent
    return open_book(path, options)


def _detach_stdio() -> None:
    """The child's standard streams on the null device: a program reading pk-excel's output to its end does
    not wait for the child, and nothing the child might print reaches the user."""
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.close(null)


def _leave_with_parent(alive: int) -> None:
    """In the child: when the parent's end of `alive` closes (it finished, or was killed), leave at once,
    rather than read on for nobody."""
    while os.read(alive, 1):
        pass
    os._exit(0)


def _kill(pid: int) -> None:
    import signal

    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _reap(pid: int) -> None:
    """Wait for the child (it has left, or is leaving: its pipe ended); no zombie is left. A process that
    ignores SIGCHLD, or reaps children in a handler, has nothing to wait for."""
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
