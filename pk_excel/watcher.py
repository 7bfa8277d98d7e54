"""`pk-excel watch`: check each workbook dropped into an inbox folder once, when it is complete.

A file is complete when its size and modification time have stayed the same for a moment and it opens as a
zip; it is checked again only when its content changes. Outputs are named as a `check` of the whole inbox
would name them (`collect.plan_outputs`). watchdog is imported only when watching starts.
"""

from __future__ import annotations

import os
import threading
import time
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .batch import check_safely
from .collect import is_wanted, plan_outputs
from .progress import watch_line

if TYPE_CHECKING:
    from watchdog.events import FileSystemEvent

    from .config import Options


def _opens(path: Path) -> bool:
    """The file can be read whole: a zip whose central directory is there (xlsx/xlsm/ods), or any .xls."""
    try:
        if path.suffix.lower() == ".xls":
            with open(path, "rb"):
                return True
        with zipfile.ZipFile(path) as zf:
            zf.infolist()
        return True
    except (OSError, zipfile.BadZipFile, ValueError):
        return False


def _digest(path: Path) -> str | None:
    import hashlib

    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return None
    return h.hexdigest()


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


class _Pending:
    __slots__ = ("since", "stat")

    def __init__(self, stat: tuple[int, int], since: float):
        self.stat = stat
        self.since = since


def watch(
    inbox: Path,
    options: Options,
    *,
    stop: threading.Event | None = None,
    settle: float = 1.0,
    log: Callable[[str], None] = print,
) -> None:
    """Check each workbook that arrives in `inbox` once it is complete; return when `stop` is set.

    A file is complete when its size and mtime have not changed for `settle` seconds and it opens as a zip
    (a file that stays unreadable for max(3 × settle, settle + 2 s) is checked anyway).
    Outputs go to options.out_dir or the inbox. A file is checked again when its content changes, never twice
    for the same content. Files already in the inbox without an up-to-date output are checked at start.
    pk-excel's outputs, lock files, hidden and temp files are ignored. KeyboardInterrupt propagates.
    """
    import queue

    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    from .output import output_path

    inbox = Path(inbox)
    stop = stop or threading.Event()
    lang = options.language
    out_root = options.out_dir or str(inbox)
    run_options = replace(options, out_dir=out_root)
    events: queue.Queue[tuple[str, Path]] = queue.Queue()

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.is_directory:
                return
            if event.event_type in ("created", "modified", "closed"):
                events.put(("seen", Path(os.fsdecode(event.src_path))))
            elif event.event_type == "moved":
                events.put(("gone", Path(os.fsdecode(event.src_path))))
                events.put(("seen", Path(os.fsdecode(event.dest_path))))
            elif event.event_type == "deleted":
                events.put(("gone", Path(os.fsdecode(event.src_path))))

    checked: dict[Path, str] = {}  # path -> digest of the content last checked (or found up to date)
    pending: dict[Path, _Pending] = {}

    def consider(path: Path) -> None:
        if path.parent != inbox or not is_wanted(path):
            return
        st = _stat(path)
        if st is None:
            pending.pop(path, None)
            return
        entry = pending.get(path)
        if entry is None or entry.stat != st:
            pending[path] = _Pending(st, time.monotonic())

    def run(path: Path) -> None:
        if not is_wanted(path):  # e.g. pk-excel's own output, stamped once it was complete
            return
        digest = _digest(path)
        if digest is None or checked.get(path) == digest:
            return
        # The same names a `check` of the whole inbox would give: PK.xls beside PK.xlsx keep their copies apart.
        present = sorted(p for p in inbox.iterdir() if p == path or (p.is_file() and is_wanted(p)))
        out_dir, stem = plan_outputs(present, {}, run_options.out_dir).get(path, (run_options.out_dir, None))
        report = check_safely(str(path), replace(run_options, out_dir=out_dir, out_stem=stem))
        checked[path] = digest
        log(watch_line(report, lang))

    observer = Observer()
    observer.schedule(Handler(), str(inbox), recursive=False)
    observer.start()
    try:
        # Files already there: up to date when their output is at least as new as they are.
        for path in sorted(inbox.iterdir()):
            if not path.is_file() or not is_wanted(path):
                continue
            fmt = "xlsm" if path.suffix.lower() == ".xlsm" else "xlsx"
            target = output_path(path, Path(out_root), fmt)
            out, src = _stat(target), _stat(path)
            if out is not None and src is not None and out[1] >= src[1] and target != path:
                digest = _digest(path)
                if digest is not None:
                    checked[path] = digest
            else:
                consider(path)
        tick = max(0.02, min(0.2, settle / 4))
        # A file that stays unreadable this long is checked anyway, so a corrupt file gets its GAGAL line.
        unreadable_after = max(3 * settle, settle + 2.0)
        while not stop.is_set():
            try:
                kind, path = events.get(timeout=tick)
                while True:
                    if kind == "gone":
                        pending.pop(path, None)
                        checked.pop(path, None)
                    else:
                        consider(path)
                    kind, path = events.get_nowait()
            except queue.Empty:
                pass
            now = time.monotonic()
            for path in sorted(pending):
                if stop.is_set():
                    break
                entry = pending[path]
                st = _stat(path)
                if st is None:
                    del pending[path]
                    continue
                if st != entry.stat:
                    pending[path] = _Pending(st, now)
                    continue
                quiet = now - entry.since
                if quiet >= settle and (_opens(path) or quiet >= unreadable_after):
                    del pending[path]
                    run(path)
    finally:
        observer.stop()
        observer.join(timeout=5)
