"""Which files a run checks, and where each one's validated copy goes.

`collect` turns command-line paths (files, folders, glob patterns) into a sorted list of workbooks, with a
"not-found" error report for each path that matched none; `is_wanted` is the test a folder scan, a glob and
`watch` apply to each file; `plan_outputs` names the copies of one run so that no two inputs meet at one
output and subfolders are kept under `--out`. Nothing here opens a workbook. Imports stay light.
"""

from __future__ import annotations

import glob
import os
import zipfile
from collections.abc import Sequence
from pathlib import Path

from .guard import OUTPUT_SUFFIXES, is_candidate
from .model import FileReport
from .texts import FILE_NOT_FOUND, lang_of, pick

_GLOB_CHARS = frozenset("*?[")


def _walk(folder: Path, recursive: bool) -> list[Path]:
    """The files of a folder, and of its subfolders when recursive, skipping hidden ones (.git, ~$tmp)."""
    files: list[Path] = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith((".", "~"))] if recursive else []
        files.extend(Path(root) / n for n in names)
    return [f for f in files if f.is_file()]


def _missing(path: str, lang: str) -> FileReport:
    said = FILE_NOT_FOUND.format(path=path)
    other = "id" if lang == "en" else "en"
    return FileReport(path=path, status="error", error=pick(said, lang), error_code="not-found", lang=lang_of(lang),
                      error_other=pick(said, other))


def own_outputs(paths: Sequence[str | Path], recursive: bool = False) -> int:
    """How many of the files in the folders among `paths` are pk-excel's own untouched outputs (validated
    copies, the rekap, the template), which a folder scan skips: said when nothing else is there."""
    from .marks import skip_in_folder

    return sum(1 for raw in paths if Path(raw).is_dir() for f in _walk(Path(raw), recursive)
               if f.name.lower().endswith((".xlsx", ".xlsm")) and skip_in_folder(f))  # fmt: skip


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
    files, errors, _ = collect_with_roots(paths, recursive, lang)
    return files, errors


def collect_with_roots(
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
    groups: dict[tuple[str, str, bool], list[Path]] = {}
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

        def occupied(folder: Path, stem: str, f: Path) -> bool:
            """A copy already there under that name that `f`'s must not replace: one holding a person's work,
            or another input's copy."""
            there = folder / f"{stem}.checked{'.xlsm' if macro[f] else '.xlsx'}"
            if not there.is_file() or os.path.normcase(os.path.abspath(there)) in inputs:
                return False
            made = made_from(there)
            return holds_a_persons_work(there) or (made is not None and made.casefold() != f.name.casefold())

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
            new = next(o for o in options if key(folder, o, f) not in taken and not occupied(folder, o, f))
            taken.add(key(folder, new, f))
            result[f] = (d, new)
    return result


def _keeps_macros(f: Path) -> bool:
    """Will the copy of `f` be an .xlsm? Decided from the content as guard decides it (`guard.carries_macros`),
    never from the name: a macro workbook named .xlsx gets an .xlsm copy, an .xlsm without macros an .xlsx."""
    from .guard import carries_macros

    if f.suffix.lower() in (".xls", ".ods"):
        return False
    try:
        with zipfile.ZipFile(f) as zf:
            return carries_macros(zf)
    except (OSError, zipfile.BadZipFile, ValueError, EOFError, RuntimeError, NotImplementedError):
        return False  # guard refuses it; no copy is written
