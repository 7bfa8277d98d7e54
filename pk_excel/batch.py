"""Checking many workbooks: collecting files from folders and globs, the process pool, progress, watch mode.

`collect` turns command-line paths into a sorted list of workbooks; `check_paths` checks them (in a
process pool when there are several) and returns one Report in that order; `watch` checks each workbook
dropped into an inbox folder once it is complete. Nothing here opens a workbook itself:
`checker.check_file` does, and it never raises for a bad file. Imports stay light (no pandas, openpyxl,
rich or watchdog at module level) because `cli.py` imports this module at start.
"""

from __future__ import annotations

import glob
import os
import sys
import threading
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TextIO

from .guard import OUTPUT_SUFFIXES, is_candidate
from .model import FileReport, Report

if TYPE_CHECKING:
    from .config import Options

_GLOB_CHARS = frozenset("*?[")


# --- which files --------------------------------------------------------------------------------------------


def _walk(folder: Path, recursive: bool) -> list[Path]:
    """The files of a folder, and of its subfolders when recursive, skipping hidden ones (.git, ~$tmp)."""
    files = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith((".", "~"))] if recursive else []
        files.extend(Path(root) / n for n in names)
    return [f for f in files if f.is_file()]


def _missing(path: str, lang: str) -> FileReport:
    message = f"{path}: file not found" if lang == "en" else f"{path}: berkas tidak ditemukan"
    return FileReport(path=path, status="error", error=message, error_code="not-found", lang=lang)


def is_wanted(path: Path) -> bool:
    """A file a folder scan, a glob or `watch` checks: a workbook candidate (see `guard.is_candidate`),
    not pk-excel's rekap, and not an output of pk-excel nobody has changed since. A validated copy
    (`X.checked.xlsx`) someone has edited and saved is checked again."""
    from .marks import skip_in_folder

    name = path.name
    if name.lower().endswith(OUTPUT_SUFFIXES):
        # Judge the name without ".checked": a hidden or lock file stays skipped.
        base = name[: -len(".checked.xlsx")] + name[-5:]
        if not is_candidate(path.with_name(base)) or not path.is_file():
            return False
    elif not is_candidate(path):
        return False
    return not skip_in_folder(path)


def collect(
    paths: Sequence[str | Path], recursive: bool = False, *, lang: str = "id"
) -> tuple[list[Path], list[FileReport]]:
    """The workbooks to check, sorted by path, and an error FileReport ("not-found") per unmatched path.

    A file named alone is always returned (even a lock file: the checker explains it); files found in a
    folder or by a glob pattern ("data/*.xlsx"), and pk-excel's own outputs among several files named (a
    shell's expansion of *.xlsx), are filtered by `is_wanted`. Subfolders only with `recursive`
    (then ``**`` in a pattern also spans folders). A file reached twice is returned once.
    """
    files, errors, _ = _collect(paths, recursive, lang)
    return files, errors


def _collect(
    paths: Sequence[str | Path], recursive: bool, lang: str
) -> tuple[list[Path], list[FileReport], dict[Path, Path]]:
    """`collect`, and for each file found in a folder argument that folder (its output keeps the subfolder)."""
    from .marks import skip_in_folder

    found: dict[Path, Path] = {}  # resolved -> as the user wrote it
    roots: dict[Path, Path] = {}  # as the user wrote it -> the folder argument it was found in
    errors: list[FileReport] = []

    def add(p: Path, root: Path | None = None) -> None:
        kept = found.setdefault(p.resolve(), p)
        if root is not None and kept is p:
            roots[p] = root

    several = len(paths) > 1  # a shell's *.xlsx: the same files a folder or a quoted glob would skip
    for raw in paths:
        p = Path(raw)
        if p.is_file():
            if several and skip_in_folder(p):
                continue
            add(p)
        elif p.is_dir():
            for child in _walk(p, recursive):
                if is_wanted(child):
                    add(child, p)
        elif _GLOB_CHARS & set(str(raw)):
            matches = [Path(m) for m in glob.glob(str(raw), recursive=recursive)]
            files = [m for m in matches if m.is_file() and is_wanted(m)]
            if not files:
                errors.append(_missing(str(raw), lang))
            for m in files:
                add(m)
        else:
            errors.append(_missing(str(raw), lang))
    return sorted(found.values()), errors, roots


def plan_outputs(files: Sequence[Path], roots: dict[Path, Path], out_dir: str | None) -> dict[Path, tuple[str | None, str | None]]:
    """Where each file's validated copy goes: file -> (out_dir, stem), None where the default applies.

    With `out_dir`, a file found in a folder argument keeps its subfolder below `out_dir` (masuk/a/PK.xlsx
    -> hasil/a/PK.checked.xlsx). Inputs that would still meet at one output (PK.xls beside PK.xlsx, two
    files named alike given one by one, X.xlsx beside an edited X.checked.xlsx) get distinct names, the same
    whatever the order or the number of jobs: the file whose output is itself keeps the name, then an .xlsx
    or .xlsm, then the first by path; the others are called "PK (xls)", or "PK (2)", "PK (3)"...
    A validated copy already there that holds a person's work (`marks.holds_a_persons_work`) and is not
    checked in this run keeps its name too: no input's copy replaces it.
    """
    from .marks import holds_a_persons_work, made_from
    from .output import output_stem

    macro = {f: _keeps_macros(f) for f in files}

    def key(folder: Path, stem: str, f: Path) -> tuple[str, str, bool]:
        # Case-blind: two names that differ only in case are one file on Windows and macOS.
        return (os.path.normcase(os.path.abspath(folder)), stem.casefold(), macro[f])

    planned: dict[Path, tuple[Path, str, str | None]] = {}
    groups: dict[tuple[str, str], list[Path]] = {}
    for f in files:
        folder, sub = f.parent, None
        if out_dir is not None:
            folder = Path(out_dir)
            root = roots.get(f)
            if root is not None:
                rel = os.path.relpath(f.parent, root)
                if rel != os.curdir:
                    folder = folder / rel
                    sub = str(folder)
        stem = output_stem(f)
        planned[f] = (folder, stem, sub if sub is not None else out_dir)
        groups.setdefault(key(folder, stem, f), []).append(f)

    taken = set(groups)
    result: dict[Path, tuple[str | None, str | None]] = {f: (d, None) for f, (_, _, d) in planned.items()}
    inputs = {os.path.normcase(os.path.abspath(f)) for f in files}
    for members in groups.values():
        folder, stem, _ = planned[members[0]]
        ext = ".xlsm" if macro[members[0]] else ".xlsx"
        target = folder / f"{stem}.checked{ext}"
        source = made_from(target) if target.is_file() else None
        kept = (
            os.path.normcase(os.path.abspath(target)) not in inputs
            and target.is_file()
            and (
                holds_a_persons_work(target)
                # another input's untouched copy (PK 2024.xls checked alone beside PK 2024.xlsx's copy)
                or (source is not None and source.casefold() not in {m.name.casefold() for m in members})
            )
        )
        if len(members) < 2 and not kept:
            continue

        def rank(f: Path) -> tuple[int, int, str]:
            folder, stem, _ = planned[f]
            itself = f.stem.casefold() == f"{stem}.checked".casefold() and key(folder, "", f) == key(f.parent, "", f)
            return (0 if itself else 1, 0 if f.suffix.lower() in (".xlsx", ".xlsm") else 1, str(f))

        ordered = sorted(members, key=rank)
        first = ordered[0].suffix.lower()
        for f in ordered if kept else ordered[1:]:
            folder, stem, d = planned[f]
            suffix = f.suffix.lower().lstrip(".")
            options = [f"{stem} ({suffix})"] if f.suffix.lower() != first else []
            options += [f"{stem} ({n})" for n in range(2, len(files) + 3)]
            new = next(o for o in options if key(folder, o, f) not in taken)
            taken.add(key(folder, new, f))
            result[f] = (d, new)
    return result


def _keeps_macros(f: Path) -> bool:
    """Will the copy of `f` be an .xlsm? Only an .xlsm that really carries macros (an .xlsm saved without
    them is a plain workbook, and its copy an .xlsx, as `output.output_path` names it after guard)."""
    if f.suffix.lower() != ".xlsm":
        return False
    try:
        with zipfile.ZipFile(f) as zf:
            return any(n.lower().endswith("vbaproject.bin") for n in zf.namelist())
    except (OSError, zipfile.BadZipFile, ValueError):
        return True


# --- checking one file safely -------------------------------------------------------------------------------


def _check_file(path: str, options: Options) -> FileReport:
    """The checker, looked up at call time so the CLI starts without importing it."""
    from .checker import check_file

    return check_file(path, options)


def _internal_error(path: str, exc: BaseException, lang: str) -> FileReport:
    detail = f"{type(exc).__name__}: {exc}".strip().rstrip(":").splitlines()[0]
    if lang == "en":
        message = f"{path}: internal error while checking this file ({detail})"
    else:
        message = f"{path}: terjadi kesalahan internal saat memeriksa berkas ini ({detail})"
    return FileReport(path=path, status="error", error=message, error_code="internal", lang=lang)


def _check_safely(path: str, options: Options) -> FileReport:
    """check_file; an exception becomes an "internal" error report (KeyboardInterrupt propagates)."""
    try:
        return _check_file(path, options)
    except Exception as exc:  # noqa: BLE001 - the checker should not raise; if it does, this file fails
        return _internal_error(path, exc, options.language)


def _ignore_sigint() -> None:
    """Pool initializer: Ctrl-C reaches the whole process group; only the parent reacts to it, so a worker
    finishes (or was never given) its file instead of dying with a traceback on the user's screen."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


# --- progress -----------------------------------------------------------------------------------------------


class Progress(Protocol):
    """What check_paths reports to while it works."""

    def start(self, total: int) -> None: ...

    def advance(self, report: FileReport) -> None: ...

    def finish(self) -> None: ...


def _counts(report: FileReport, lang: str) -> str:
    from .report import counted

    return f"{counted(report.count('error'), 'error', lang)}, {counted(report.count('warning'), 'warning', lang)}"


def display_name(path: str | Path) -> str:
    """A file as messages show it: relative to the current folder when inside it, else its name."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return p.name


def _bare_error(report: FileReport) -> str:
    """The error message without the leading "<file>: " that messages carry, for lines that name the file."""
    message = report.error or ""
    for prefix in (report.path, Path(report.path).name):
        if message.startswith(prefix + ": "):
            return message[len(prefix) + 2 :]
    return message


def summary_line(report: FileReport, lang: str = "id") -> str:
    """'x.xlsx: 2 kesalahan, 1 peringatan' or 'x.xlsx: GAGAL: <message>'."""
    name = display_name(report.path)
    if report.status == "error":
        return f"{name}: {'FAILED' if lang == 'en' else 'GAGAL'}: {_bare_error(report)}".rstrip()
    return f"{name}: {_counts(report, lang)}"


class LineProgress:
    """One plain line per finished file, for logs and pipes: ``[3/40] dinas.xlsx: 2 kesalahan, ...``."""

    def __init__(self, stream: TextIO, lang: str = "id"):
        self.stream = stream
        self.lang = lang
        self.total = 0
        self.done = 0

    def start(self, total: int) -> None:
        self.total = total
        self.done = 0

    def advance(self, report: FileReport) -> None:
        self.done += 1
        print(f"[{self.done}/{self.total}] {summary_line(report, self.lang)}", file=self.stream, flush=True)

    def finish(self) -> None:
        self.stream.flush()


class _RichProgress:
    """A progress bar on a terminal: files done/total, the last file finished, findings so far."""

    def __init__(self, stream: TextIO, lang: str = "id"):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.lang = lang
        self.errors = self.warnings = self.failed = 0
        self._bar = Progress(
            TextColumn("[bold]{task.fields[label]}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[found]}"),
            TimeElapsedColumn(),
            TextColumn("{task.description}", style="dim"),
            console=Console(file=stream),
            transient=False,
        )
        self._task = None

    def _found(self) -> str:
        from .report import counted

        text = f"{counted(self.errors, 'error', self.lang)}, {counted(self.warnings, 'warning', self.lang)}"
        return text + (f", {self.failed} {'failed' if self.lang == 'en' else 'gagal'}" if self.failed else "")

    def start(self, total: int) -> None:
        label = "Checking" if self.lang == "en" else "Memeriksa"
        self._bar.start()
        self._task = self._bar.add_task("", total=total, label=label, found=self._found())

    def advance(self, report: FileReport) -> None:
        if report.status == "error":
            self.failed += 1
        self.errors += report.count("error")
        self.warnings += report.count("warning")
        self._bar.update(self._task, advance=1, description=display_name(report.path), found=self._found())

    def finish(self) -> None:
        self._bar.stop()


def make_progress(stream: TextIO | None = None, lang: str = "id") -> Progress:
    """A rich progress bar when `stream` (default: stderr) is a terminal, else plain lines. Never stdout."""
    stream = stream if stream is not None else sys.stderr
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    return _RichProgress(stream, lang) if tty else LineProgress(stream, lang)


# --- many files ---------------------------------------------------------------------------------------------


def check_paths(
    paths: Sequence[str | Path],
    options: Options,
    *,
    jobs: int | None = None,
    recursive: bool = False,
    progress: Progress | None = None,
) -> Report:
    """Check every workbook `collect` finds: one Report, files in collect's order, then paths not found.

    Several files go through one process pool (`jobs` workers, default: the number of CPUs); one file or
    jobs == 1 runs in this process. A file that fails never stops the others. On Ctrl-C pending files are
    cancelled, the pool is shut down and KeyboardInterrupt is raised again (outputs are written atomically,
    so a finished output stays whole and an unfinished one never appears).
    """
    lang = options.language
    files, missing, roots = _collect(paths, recursive, lang)
    per_file = [options] * len(files)
    if options.write:
        plan = plan_outputs(files, roots, options.out_dir)
        per_file = [replace(options, out_dir=plan[f][0], out_stem=plan[f][1]) for f in files]
    if progress is not None:
        progress.start(len(files) + len(missing))
        for report in missing:
            progress.advance(report)
    results: list[FileReport | None] = [None] * len(files)
    try:
        if jobs == 1 or len(files) <= 1:
            for i, path in enumerate(files):
                results[i] = _check_safely(str(path), per_file[i])
                if progress is not None:
                    progress.advance(results[i])
        else:
            _run_pool(files, per_file, jobs, results, progress)
    finally:
        if progress is not None:
            progress.finish()
    return Report(files=[r for r in results if r is not None] + missing)


def _run_pool(
    files: list[Path],
    options: list[Options],
    jobs: int | None,
    results: list[FileReport | None],
    progress: Progress | None,
) -> None:
    from concurrent.futures import ProcessPoolExecutor, as_completed

    workers = max(1, min(jobs or os.cpu_count() or 1, len(files)))
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_ignore_sigint)
    try:
        futures = {pool.submit(_check_safely, str(path), options[i]): i for i, path in enumerate(files)}
        for future in as_completed(futures):
            i = futures[future]
            try:
                report = future.result()
            except Exception as exc:  # noqa: BLE001 - a worker died, or its result could not be pickled
                report = _internal_error(str(files[i]), exc, options[i].language)
            results[i] = report
            if progress is not None:
                progress.advance(report)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


# --- watch mode ---------------------------------------------------------------------------------------------


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


def watch_line(report: FileReport, lang: str = "id") -> str:
    """The line `check` prints for a finished file, and where its copy went:
    'x.xlsx: 2 kesalahan, 1 peringatan -> x.checked.xlsx' or 'x.xlsx: GAGAL: <message>'."""
    line = summary_line(report, lang)
    if report.status == "error" or not report.output:
        return line
    return f"{line} -> {Path(report.output).name}"


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
    run_options = replace(options, out_dir=options.out_dir or str(inbox))
    events: queue.Queue[tuple[str, Path]] = queue.Queue()

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
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
        report = _check_safely(str(path), replace(run_options, out_dir=out_dir, out_stem=stem))
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
            target = output_path(path, Path(run_options.out_dir), fmt)
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
