"""Checking many workbooks: the process pool. One file that fails never stops the others.

`check_paths` checks what `collect` finds (in a process pool when there are several files) and returns one
Report in that order; `check_safely` checks one file and turns an exception into an "internal" error report.
Nothing here opens a workbook itself: `checker.check_file` does, and it never raises for a bad file.
Imports stay light (no pandas, openpyxl, rich or watchdog at module level): `cli.py` imports this module.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .collect import collect_with_roots, plan_outputs
from .model import FileReport, Report
from .texts import INTERNAL_ERROR, lang_of, pick

if TYPE_CHECKING:
    from .config import Options
    from .progress import Progress


def _check_file(path: str, options: Options) -> FileReport:
    """The checker, looked up at call time so the CLI starts without importing it."""
    from .checker import check_file

    return check_file(path, options)


def internal_error(path: str, exc: BaseException, lang: str) -> FileReport:
    """The report of a file whose check raised (a defect of pk-excel's, said so), in both languages."""
    detail = f"{type(exc).__name__}: {exc}".strip().rstrip(":").splitlines()[0]
    said = INTERNAL_ERROR.format(path=path, detail=detail)
    other = "id" if lang == "en" else "en"
    return FileReport(path=path, status="error", error=pick(said, lang), error_code="internal", lang=lang_of(lang),
                      error_other=pick(said, other))


def check_safely(path: str, options: Options) -> FileReport:
    """check_file; an exception becomes an "internal" error report (KeyboardInterrupt propagates)."""
    try:
        return _check_file(path, options)
    except Exception as exc:  # noqa: BLE001 - the checker should not raise; if it does, this file fails
        return internal_error(path, exc, options.language)


def _ignore_sigint() -> None:
    """Pool initializer: Ctrl-C reaches the whole process group; only the parent reacts to it, so a worker
    finishes (or was never given) its file instead of dying with a traceback on the user's screen."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the pool stops a worker with it (`pk-excel` made it Ctrl-C)


def _warm_for_fork(write: bool) -> None:
    """Where workers are forked (Linux), import the checking stages (pandas, the rule modules, the writer when
    `write`) once in this process, so each worker starts with them loaded and shared copy-on-write instead of
    importing them again."""
    import multiprocessing

    if multiprocessing.get_start_method() != "fork":
        return
    from .checker import check_file  # noqa: F401
    from .readahead import warm_up

    warm_up(write)


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
    files, missing, roots = collect_with_roots(paths, recursive, lang)
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
                report = check_safely(str(path), per_file[i])
                results[i] = report
                if progress is not None:
                    progress.advance(report)
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
    _warm_for_fork(any(o.write for o in options))
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_ignore_sigint)
    try:
        futures = {pool.submit(check_safely, str(path), options[i]): i for i, path in enumerate(files)}
        for future in as_completed(futures):
            i = futures[future]
            try:
                report = future.result()
            except Exception as exc:  # noqa: BLE001 - a worker died, or its result could not be pickled
                report = internal_error(str(files[i]), exc, options[i].language)
            results[i] = report
            if progress is not None:
                progress.advance(report)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
