"""Reading a large workbook on the second core while this process imports the later stages (issue 16).

A cold `pk-excel check` of a large sheet spends ~0.3 s importing what the stages after reading need (pandas
and numpy, the value parser, the rule modules, the writer), on one core, before or after ~0.5 s of reading
on the same core. Where the operating system forks cheaply and safely, `open_book` reads the workbook in a
forked child process instead, while this process does those imports (`warm_up`); the child sends the `Book`
back pickled through a pipe (~3 MB and ~60 ms for 20,000 rows). The report is the same either way: the child
runs the very reader this process would, and any failure of the child (killed, out of memory, a result that
does not arrive whole) makes this process read the file itself.

It is used only when it pays (`worth_it`): a fork-safe platform (Linux; not macOS, whose system libraries
may not survive a fork), more than one usable CPU, this process running no other thread, the imports not done
yet (the first file of a process: a folder's pool workers start warm), an .xlsx/.xlsm whose worksheets hold at
least `MIN_SHEET_BYTES` of XML. Setting the environment variable `PK_EXCEL_READ_AHEAD=0` turns it off.

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
from .model import PkError
from .workbook import Book, open_book

# Worksheet XML (uncompressed) from which reading takes longer than forking and sending the result back
# (~15 MB/s of XML read, ~50 MB/s pickled and unpickled): ~1 MB reads in ~70 ms.
MIN_SHEET_BYTES = 1_000_000


def warm_up(write: bool) -> None:
    """Import now what the stages after reading import on first use: locating, the table engine, the value
    parser and formulas, every rule module, and the writer when `write`. (Also run in a process pool's parent, so that
    forked workers start with them loaded.)"""
    from . import formula, values  # noqa: F401
    from .locate import read_document  # noqa: F401
    from .measure import warm
    from .rules import all_rules

    warm()
    all_rules()
    if write:
        from . import validated, xlsxpatch  # noqa: F401


def worth_it(path: Path, kind_hint: str | None = None) -> bool:
    """Whether reading `path` in a forked child beside `warm_up` would be faster than reading it here (see the
    module docstring). Never raises: a file it cannot list is read here, and its fault reported from there."""
    if os.environ.get("PK_EXCEL_READ_AHEAD", "1") == "0" or not sys.platform.startswith("linux"):
        return False
    if "pandas" in sys.modules or threading.active_count() != 1:
        return False
    try:
        if len(os.sched_getaffinity(0)) < 2:
            return False
        if path.suffix.lower() not in (".xlsx", ".xlsm") and kind_hint not in ("xlsx", "xlsm"):
            return False
        with zipfile.ZipFile(path) as z:
            size = sum(i.file_size for i in z.infolist() if i.filename.lower().startswith("xl/worksheets/"))
    except (OSError, ValueError, zipfile.BadZipFile, RuntimeError):
        return False
    return size >= MIN_SHEET_BYTES


def open_book_beside(path: Path, options: Options, warm: Callable[[], None]) -> Book:
    """`open_book(path, options)` read in a forked child while this process runs `warm()`; as `open_book`, it
    raises PkError (the child's, pickled back) and nothing else of the reading. Call only where `fork` is safe
    (see `worth_it`). Falls back to reading here when the child's result does not arrive whole."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: read, send, leave without running anything of the parent's (os._exit)
        status = 1
        try:
            os.close(read_fd)
            try:
                result: tuple[bool, object] = (True, open_book(path, options))
            except PkError as e:
                result = (False, e)
            data = memoryview(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
            while data:
                data = data[os.write(write_fd, data) :]
            status = 0
        except BaseException:  # noqa: BLE001 - whatever happens here, the parent reads the file itself
            pass
        finally:
            os._exit(status)
    os.close(write_fd)
    try:
        warm()
        with os.fdopen(read_fd, "rb") as pipe:
            read_fd = -1
            got = pipe.read()  # all of it: the child has left (or died) when the pipe ends
    except BaseException:  # interrupted, or an import failed: the child's work is not wanted
        if read_fd >= 0:
            os.close(read_fd)
        _kill(pid)
        os.waitpid(pid, 0)
        raise
    status = os.waitpid(pid, 0)[1]
    if status == 0 and got:
        try:
            ok, value = pickle.loads(got)
        except Exception:  # noqa: BLE001 - a result that did not arrive whole: read the file here
            ok, value = False, None
        if ok and isinstance(value, Book):
            return value
        if isinstance(value, PkError):
            raise value
    return open_book(path, options)


def _kill(pid: int) -> None:
    import signal

    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
