"""What a run says while it works: the `Progress` a batch reports to, one line per finished file for logs and
pipes, a progress bar on a terminal (rich, imported only then), and the line `watch` prints per file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TextIO

from .model import FileReport
from .texts import CHECKING, FAILED, N_FAILED, counted, pick

if TYPE_CHECKING:
    from rich.progress import TaskID


class Progress(Protocol):
    """What check_paths reports to while it works."""

    def start(self, total: int) -> None: ...

    def advance(self, report: FileReport) -> None: ...

    def finish(self) -> None: ...


def _counts(report: FileReport, lang: str) -> str:
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
        return f"{name}: {pick(FAILED, lang)}: {_bare_error(report)}".rstrip()
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
        self._task: TaskID | None = None

    def _found(self) -> str:
        text = f"{counted(self.errors, 'error', self.lang)}, {counted(self.warnings, 'warning', self.lang)}"
        return text + (", " + pick(N_FAILED, self.lang, n=self.failed) if self.failed else "")

    def start(self, total: int) -> None:
        label = pick(CHECKING, self.lang)
        self._bar.start()
        self._task = self._bar.add_task("", total=total, label=label, found=self._found())

    def advance(self, report: FileReport) -> None:
        if report.status == "error":
            self.failed += 1
        self.errors += report.count("error")
        self.warnings += report.count("warning")
        if self._task is not None:  # started
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


def watch_line(report: FileReport, lang: str = "id") -> str:
    """The line `check` prints for a finished file, and where its copy went:
    'x.xlsx: 2 kesalahan, 1 peringatan -> x.checked.xlsx' or 'x.xlsx: GAGAL: <message>'."""
    line = summary_line(report, lang)
    if report.status == "error" or not report.output:
        return line
    return f"{line} -> {Path(report.output).name}"
