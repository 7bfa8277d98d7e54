"""Where pk-excel's outputs go and how they get there: the validated copy's name (`output_path`,
`output_stem`), whether a file is pk-excel's own output (`is_pk_output`), the refusal to write over the input
or over a file that is not ours (`refuse_unsafe_target`), and the atomic write shared by the copy, the rekap and
the template (`save_atomic`: a temporary file in the output's folder, stamped, then `os.replace`; never a
partial file, and every failure one `PkError("write-failed")` line).
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from . import texts
from .marks import MARK_PROPERTY, stamp
from .model import PkError

OUTPUT_MARK = ".checked"


def output_stem(input_path: Path) -> str:
    """The name an output starts with: the input's stem, without `.checked` when the input is itself a
    validated copy (checking X.checked.xlsx writes X.checked.xlsx again, not X.checked.checked.xlsx)."""
    path = Path(input_path)
    stem = path.stem
    if stem.lower().endswith(OUTPUT_MARK) and len(stem) > len(OUTPUT_MARK):
        # Only pk-excel's own copy is rewritten in place; a workbook of the user's named so keeps its name.
        if not path.exists() or is_pk_output(path):
            stem = stem[: -len(OUTPUT_MARK)]
    return stem


def output_path(input_path: Path, out_dir: Path | None, source_format: str, stem: str | None = None) -> Path:
    """FILE.xlsx -> FILE.checked.xlsx beside it (or in `out_dir`); .xlsm stays .xlsm; .xls/.ods -> .xlsx.

    `stem` replaces the input's name (a run gives two inputs that would meet at one output distinct names)."""
    input_path = Path(input_path)
    ext = ".xlsm" if source_format == "xlsm" else ".xlsx"
    folder = Path(out_dir) if out_dir is not None else input_path.parent
    return folder / f"{stem or output_stem(input_path)}{OUTPUT_MARK}{ext}"


def is_pk_output(path: Path) -> bool:
    """True when `path` is a workbook pk-excel wrote (it carries the `pk-excel` custom property)."""
    try:
        with zipfile.ZipFile(path) as zf:
            data = zf.read("docProps/custom.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    return re.search(rb'name="' + MARK_PROPERTY.encode() + rb'"', data) is not None


def refuse_unsafe_target(input_path: Path, out_path: Path) -> None:
    same = out_path.resolve() == input_path.resolve()
    if not same and out_path.exists() and input_path.exists():
        same = os.path.samefile(out_path, input_path)
    if same and is_pk_output(input_path):
        return  # a validated copy checked again is rewritten in place (atomically, marks refreshed)
    if same:
        raise PkError("write-failed", *texts.OUTPUT_IS_INPUT.prefixed(f"{out_path}: "), path=str(out_path))
    if out_path.exists() and not is_pk_output(out_path):
        raise PkError("output-exists", *texts.OUTPUT_EXISTS.prefixed(f"{out_path}: "), path=str(out_path))


class Output(NamedTuple):
    """What an output is called in a write error, (Indonesian, English), and whether `--out` can move it."""

    name_id: str
    name_en: str
    has_out: bool


COPY = Output(*texts.OUTPUT_COPY, True)
REKAP = Output(*texts.OUTPUT_REKAP, False)
TEMPLATE = Output(*texts.OUTPUT_TEMPLATE, False)


def write_error(exc: BaseException, out_path: Path, stage: str, what: Output = COPY) -> PkError:
    """The one line a failed write becomes: what happened and what to do."""
    out = texts.WRITE_OR_OUT if what.has_out else ""
    name = texts.Text(what.name_id, what.name_en)
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        said = texts.WRITE_DISK_FULL.format(out=out)
    elif isinstance(exc, PermissionError) and stage == "replace":
        said = texts.WRITE_OPEN_ELSEWHERE.format(what=name)
    elif isinstance(exc, PermissionError) or (
        isinstance(exc, OSError) and exc.errno in (errno.EROFS, errno.EACCES)
    ):
        said = texts.WRITE_NOT_WRITABLE.format(out=out)
    elif isinstance(exc, OSError):
        said = texts.WRITE_FAILED.format(what=name, reason=texts.os_reason(exc))
        if what.has_out:
            said = texts.Text(said.id + texts.WRITE_ELSEWHERE.id, said.en + texts.WRITE_ELSEWHERE.en)
    else:
        said = texts.WRITE_FAILED.format(what=name, reason=f"{type(exc).__name__}: {exc}")
    return PkError("write-failed", *said.prefixed(f"{out_path}: "), path=str(out_path))


def save_atomic(write: Callable[[str], None], out_path: Path, source: str | None = None, *,
                what: Output = COPY) -> None:  # fmt: skip
    """Write an output through `write` (called with the path of a temporary file in the output's folder),
    stamp it (`marks.stamp`, naming `source`, the input's name), then rename it over `out_path`: never a
    partial file. The folder is made for a validated copy (`what` COPY: `--out` may name a new one), not for
    the rekap or the template. Raises PkError("write-failed") with one line that says what to do (disk full,
    folder not writable, output open elsewhere); the temporary file is removed."""
    folder = out_path.parent
    tmp: str | None = None
    stage = "folder"
    try:
        if what.has_out:
            folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{out_path.stem}.", suffix=".tmp", dir=folder)
        os.close(fd)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the output a normal file's mode
        stage = "save"
        write(tmp)
        stamp(tmp, source)
        stage = "replace"
        os.replace(tmp, out_path)
        tmp = None
    except Exception as exc:
        raise write_error(exc, out_path, stage, what) from exc
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
