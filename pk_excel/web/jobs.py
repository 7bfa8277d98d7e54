"""The web page's jobs: one per upload, each in its own temporary folder, removed after use.

A job holds the files one visitor sent (workbooks, or a .zip of a folder unpacked here under the same
zip-bomb checks as a workbook), checks them with the library the CLI uses (`batch.check_paths`), and keeps
the validated copies, the rekap and the .zip of everything until the visitor leaves or the job expires.
A job's id is a random token (`secrets.token_urlsafe`): without it no one can see or download its files.
Stored names are made here, never taken from the visitor: a hostile name cannot reach outside the folder.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import IO, TYPE_CHECKING

from ..guard import SUPPORTED_SUFFIXES, inspect_archive, is_candidate
from ..model import FileReport, PkError, Report
from ..texts import (
    ARCHIVE_DAMAGED,
    ARCHIVE_EMPTY,
    CONFIG_HINTS_FOR_VISITORS,
    REKAP_NAME,
    UPLOAD_TOO_LARGE,
    pick,
)

if TYPE_CHECKING:
    from ..config import Options

_UNSAFE = re.compile(r"[^\w.\-() $~#+,&@']+")
_WINDOWS_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(10)),
    *(f"LPT{i}" for i in range(10)),
}
_MAX_NAME = 120
_COPY_BLOCK = 1 << 20


def display_name(name: str, limit: int = 200) -> str:
    """A name as the page shows it: printable characters only, folders kept with '/', at most `limit`."""
    text = "".join(ch for ch in name.replace("\\", "/") if ch.isprintable()).strip()
    return (text[: limit - 1] + "…") if len(text) > limit else (text or "?")


def safe_name(name: str, default: str = "berkas") -> str:
    """One path segment that is safe to create in our own folder on any system: the last component of
    `name` (after '/' or '\\'), odd characters replaced, no leading dot, no reserved Windows name, short."""
    base = re.split(r"[\\/]", name)[-1]
    base = "".join(ch for ch in base if ch.isprintable())
    base = _UNSAFE.sub("_", base).strip(" .")
    if not base or set(base) <= {"_", "."}:
        base = default
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    if stem.split(".")[0].upper() in _WINDOWS_RESERVED:
        stem = "_" + stem
    suffix = suffix[:16]
    stem = stem[: _MAX_NAME - len(suffix) - 1] or default
    return f"{stem}.{suffix}" if suffix else stem


def safe_relpath(name: str) -> PurePosixPath:
    """A relative path for a member of an uploaded .zip: every segment made safe, '..' and '.' dropped."""
    parts = [p for p in re.split(r"[\\/]+", name) if p not in ("", ".", "..")]
    return PurePosixPath(*[safe_name(p) for p in parts]) if parts else PurePosixPath(safe_name(name))


@dataclass
class Entry:
    """One file the visitor sent, or one workbook found in a .zip they sent."""

    display: str  # as the visitor knows it: "dinas.xlsx" or "masuk.zip › sub/dinas.xlsx"
    path: Path | None = None  # the stored input; None when refused before checking
    report: FileReport | None = None
    output: Path | None = None  # the validated copy inside the job's out/ folder
    download_name: str | None = None


@dataclass
class Job:
    id: str
    folder: Path
    lang: str
    entries: list[Entry] = field(default_factory=list)
    state: str = "queued"  # queued | running | done | failed
    total: int = 0
    done: int = 0
    current: str = ""
    errors: int = 0
    warnings: int = 0
    failed: int = 0
    touched: float = field(default_factory=time.monotonic)
    stopping: threading.Event = field(default_factory=threading.Event)  # the server is stopping
    lock: threading.Lock = field(default_factory=threading.Lock)
    _by_path: dict[str, Entry] = field(default_factory=dict)

    # -- progress, as check_paths reports it (batch.Progress) --

    def start(self, total: int) -> None:
        refused = sum(1 for e in self.entries if e.path is None)  # refused on upload (a bad .zip, too large)
        self.total = total + refused
        self.done = self.failed = refused
        self.state = "running"

    def advance(self, report: FileReport) -> None:
        if self.stopping.is_set():
            raise Stopping()  # check_paths then shuts its process pool down
        entry = self._by_path.get(str(Path(report.path).resolve()))
        self.done += 1
        self.current = entry.display if entry else ""
        self.errors += report.count("error")
        self.warnings += report.count("warning")
        self.failed += report.status == "error"

    def finish(self) -> None:
        pass

    # -- what the page shows --

    def progress(self) -> dict:
        return {
            "state": self.state,
            "total": self.total,
            "done": self.done,
            "current": self.current,
            "errors": self.errors,
            "warnings": self.warnings,
            "failed": self.failed,
        }

    @property
    def out(self) -> Path:
        return self.folder / "out"

    def outputs(self) -> list[Entry]:
        return [e for e in self.entries if e.output is not None]

    def report(self) -> Report:
        """The job's report with each file named as the visitor knows it (for the rekap)."""
        files = []
        for e in self.entries:
            if e.report is not None:
                files.append(replace(e.report, path=e.display, output=str(e.output) if e.output else None))
        return Report(files=files)


class JobStore:
    """All jobs of one server, under one temporary root folder that is removed when the server stops."""

    def __init__(
        self,
        *,
        options: Options,
        jobs: int | None = None,
        ttl: float = 3600.0,
        max_jobs: int = 50,
        max_files: int = 500,
    ):
        self._root: Path | None = None
        self.options = options
        self.workers = jobs
        self.ttl = ttl
        self.max_jobs = max_jobs
        self.max_files = max_files
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._run_one_at_a_time = threading.Semaphore(1)
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []

    # -- lifetime --

    @property
    def root(self) -> Path:
        """The server's temporary folder, made on first use (so an app that never runs leaves nothing)."""
        with self._lock:
            if self._root is None:
                self._root = Path(tempfile.mkdtemp(prefix="pk-excel-web-"))
            return self._root

    def create(self, lang: str) -> Job:
        self.expire()
        root = self.root
        with self._lock:
            if len(self._jobs) >= self.max_jobs:
                raise Busy()
            job_id = secrets.token_urlsafe(24)
            folder = Path(tempfile.mkdtemp(prefix="job-", dir=root))
            job = Job(id=job_id, folder=folder, lang=lang, stopping=self._stopping)
            (folder / "in").mkdir()
            job.out.mkdir()
            self._jobs[job_id] = job
            return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is not None:
            job.touched = time.monotonic()
        return job

    def remove(self, job_id: str) -> bool:
        with self._lock:
            job = self._jobs.pop(job_id, None)
        if job is None:
            return False
        if job.state in ("queued", "running"):
            job.state = "cancelled"  # the runner removes the folder when it is done with it
        else:
            shutil.rmtree(job.folder, ignore_errors=True)
        return True

    def expire(self) -> None:
        """Remove the jobs nobody has asked about for `ttl` seconds."""
        now = time.monotonic()
        with self._lock:
            old = [
                j.id
                for j in self._jobs.values()
                if now - j.touched > self.ttl and j.state not in ("queued", "running")
            ]
        for job_id in old:
            self.remove(job_id)

    def close(self, wait: float = 30.0) -> None:
        """The server stops: a batch still running stops after the files in hand (its pool is shut down; its
        workers would otherwise wait for work forever once this process is gone), then every folder goes."""
        self._stopping.set()
        with self._lock:
            threads = [t for t in self._threads if t.is_alive()]
        deadline = time.monotonic() + wait
        for t in threads:
            t.join(timeout=max(0.0, deadline - time.monotonic()))
        if threads:
            _stop_pool_workers()
        with self._lock:
            self._jobs.clear()
            root, self._root = self._root, None
        if root is not None:
            shutil.rmtree(root, ignore_errors=True)

    def __len__(self) -> int:
        return len(self._jobs)

    # -- adding files --

    def add_upload(self, job: Job, filename: str, stream: IO[bytes]) -> None:
        """Store one uploaded file; a .zip is unpacked (its workbooks become entries)."""
        shown = display_name(filename or "?")
        limits = self.options.limits
        index = len(job.entries) + 1
        slot = job.folder / "in" / f"{index:04d}"
        slot.mkdir()
        target = slot / safe_name(filename or "berkas", default="berkas")
        too_big = _copy_limited(stream, target, limits.max_file_bytes)
        if too_big:
            target.unlink(missing_ok=True)
            job.entries.append(
                Entry(
                    display=shown,
                    report=_refused(shown, _too_large(limits.max_file_bytes, job.lang), job.lang),
                )
            )
            return
        if target.suffix.lower() == ".zip":
            self._add_zip(job, shown, target, slot)
            return
        self._add_entry(job, Entry(display=shown, path=target))

    def _add_entry(self, job: Job, entry: Entry) -> None:
        if len(job.entries) >= self.max_files:
            raise TooManyFiles(self.max_files)
        job.entries.append(entry)

    def _add_zip(self, job: Job, shown: str, archive: Path, slot: Path) -> None:
        limits = self.options.limits
        try:
            infos = inspect_archive(archive, limits)
        except PkError as e:
            message = e.message(job.lang).replace(str(archive), shown)
            job.entries.append(Entry(display=shown, report=_refused(shown, message, job.lang, e.code)))
            archive.unlink(missing_ok=True)
            return
        folder = slot / "zip"
        found = 0
        try:
            with zipfile.ZipFile(archive) as zf:
                for info in infos:
                    if info.is_dir() or "__MACOSX" in info.filename.split("/"):
                        continue
                    rel = safe_relpath(info.filename)
                    if any(part.startswith((".", "~")) for part in rel.parts[:-1]) or not is_candidate(rel):
                        continue
                    found += 1
                    dest = folder / f"{found:04d}" / rel.name
                    dest.parent.mkdir(parents=True)
                    with zf.open(info) as src:
                        # zipfile never yields more than the member declares; the declared sizes passed the checks
                        _copy_limited(src, dest, limits.max_file_bytes)
                    self._add_entry(job, Entry(display=f"{shown} › {display_name(info.filename)}", path=dest))
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as e:
            message = pick(ARCHIVE_DAMAGED, job.lang, shown=shown, reason=e)
            job.entries.append(Entry(display=shown, report=_refused(shown, message, job.lang, "corrupt")))
            return
        finally:
            archive.unlink(missing_ok=True)
        if not found:
            kinds = ", ".join(SUPPORTED_SUFFIXES)
            message = pick(ARCHIVE_EMPTY, job.lang, shown=shown, kinds=kinds)
            job.entries.append(Entry(display=shown, report=_refused(shown, message, job.lang, "no-workbook")))

    # -- checking --

    def start(self, job: Job) -> None:
        """Check the job in a thread of its own; the page follows it through `job.progress()`."""
        thread = threading.Thread(
            target=self.run, args=(job,), name=f"pk-excel-job-{job.id[:6]}", daemon=True
        )
        with self._lock:
            self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()

    def run(self, job: Job) -> None:
        """Check the job's files (one job at a time; the process pool of check_paths works on its files)."""
        from ..batch import check_paths

        with self._run_one_at_a_time:
            if job.state == "cancelled" or self._stopping.is_set():
                shutil.rmtree(job.folder, ignore_errors=True)
                return
            try:
                todo = [e for e in job.entries if e.path is not None]
                job._by_path = {str(e.path.resolve()): e for e in todo if e.path is not None}
                options = replace(self.options, write=True, out_dir=None, lang=job.lang)
                report = check_paths([str(e.path) for e in todo], options, jobs=self.workers, progress=job)
                for fr in report.files:
                    entry = job._by_path.get(str(Path(fr.path).resolve()))
                    if entry is not None:
                        entry.report = _named(fr, entry)
                self._collect_outputs(job)
                job.state = "done"
            except Stopping:
                job.state = "cancelled"
            except Exception:  # noqa: BLE001 - the page says it failed; the server goes on
                job.state = "failed"
            finally:
                if job.state == "cancelled" or self.get(job.id) is None:
                    shutil.rmtree(job.folder, ignore_errors=True)

    def _collect_outputs(self, job: Job) -> None:
        """Move each validated copy to out/, named as the visitor's file (folders of a .zip kept)."""
        used: set[str] = set()
        for e in job.entries:
            src = Path(e.report.output) if e.report is not None and e.report.output else None
            if src is None or not src.is_file():
                continue
            parts = [safe_relpath(p).as_posix() for p in e.display.split(" › ")]
            rel = PurePosixPath(
                *[
                    PurePosixPath(p).with_suffix("") if i == 0 and len(parts) > 1 else PurePosixPath(p)
                    for i, p in enumerate(parts)
                ]
            )
            rel = rel.with_name(src.name)
            name = rel.as_posix()
            n = 2
            while name.lower() in used:
                name = rel.with_name(f"{src.stem} ({n}){src.suffix}").as_posix()
                n += 1
            used.add(name.lower())
            dest = job.out / name
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(src, dest)
            e.output = dest
            e.download_name = dest.name

    def rekap(self, job: Job) -> Path:
        from ..rekap import write_rekap

        path = job.out / pick(REKAP_NAME, job.lang)
        with job.lock:
            if not path.is_file():
                write_rekap(job.report(), path, job.lang)
        return path

    def bundle(self, job: Job) -> Path:
        """One .zip of every validated copy and the rekap, laid out so the rekap's links work."""
        self.rekap(job)
        path = job.folder / "pk-excel-hasil.zip"
        with job.lock:
            if not path.is_file():
                tmp = path.with_suffix(".tmp")
                with zipfile.ZipFile(tmp, "w", zipfile.ZIP_STORED) as zf:
                    for f in sorted(job.out.rglob("*")):
                        if f.is_file():
                            zf.write(f, f.relative_to(job.out).as_posix())
                os.replace(tmp, path)
        return path


class Stopping(Exception):
    """The server is stopping: the batch ends after the files in hand."""


class Busy(Exception):
    """Too many jobs at once."""


class TooManyFiles(Exception):
    def __init__(self, limit: int):
        super().__init__(limit)
        self.limit = limit


def _stop_pool_workers() -> None:
    """Terminate the processes this server started (the workers of a running batch) and wait for them."""
    import multiprocessing

    children = multiprocessing.active_children()
    for p in children:
        p.terminate()
    for p in children:
        p.join(timeout=5)


def _copy_limited(src: IO[bytes], dest: Path, limit: int) -> bool:
    """Copy `src` to a new file `dest`; stop and return True once more than `limit` bytes came."""
    total = 0
    with open(dest, "xb") as out:
        while block := src.read(_COPY_BLOCK):
            total += len(block)
            if total > limit:
                return True
            out.write(block)
    return False


def _too_large(limit: int, lang: str) -> str:
    return pick(UPLOAD_TOO_LARGE, lang, mb=limit // (1024 * 1024))


def _refused(shown: str, message: str, lang: str, code: str = "too-large") -> FileReport:
    if not message.startswith(shown):
        message = f"{shown}: {message}"
    return FileReport(path=shown, status="error", error=_for_visitor(message), error_code=code, lang=lang)


def _for_visitor(text: str) -> str:
    """A visitor of the page cannot edit the server's pk-excel.toml: say what they can do instead."""
    for config_hint, own in CONFIG_HINTS_FOR_VISITORS:
        text = text.replace(config_hint, own)
    return text


def _named(fr: FileReport, entry: Entry) -> FileReport:
    """The report with the stored path replaced by the visitor's name in its messages."""
    stored = str(entry.path)
    texts = [stored, str(Path(stored).resolve()), entry.path.name if entry.path else stored]

    def clean_text(text: str) -> str:
        for t in texts[:2]:
            text = text.replace(t, entry.display)
        if text.startswith(texts[2] + ":"):
            text = entry.display + text[len(texts[2]) :]
        return _for_visitor(text)

    def clean(text: str | None) -> str | None:
        return None if text is None else clean_text(text)

    return replace(
        fr, error=clean(fr.error), error_other=clean(fr.error_other),
        warnings=[clean_text(w) for w in fr.warnings if not w.startswith("Traceback")],
    )
