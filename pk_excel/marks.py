"""What pk-excel adds to a validated workbook, how it is recorded, and how it is taken away again.

A validated workbook carries a custom document property `pk-excel` (the version that wrote it) and a very
hidden sheet `_pk_excel` holding, as JSON, everything pk-excel added: its sheets, the column ranges it added
to the user's sheets (with their original widths) and, per annotated cell, the original fill and the author
of a user note it shared. Locating calls `read_marks_data` on what was read to skip what is ours; the writer
takes the marks out first (`unmark`) so that checking an output again gives the same findings and does not
stack sheets, columns or notes.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .bookdata import WorkbookData

MARK_PROPERTY = "pk-excel"  # custom document property: the version of pk-excel that wrote the file
# Custom document property of the workbooks pk-excel makes from nothing: "rekap" or "template".
KIND_PROPERTY = "pk-excel-kind"
# The zip comment of every workbook pk-excel writes: this prefix, then a digest of the package's members.
# Excel and LibreOffice write a new zip without it when a person saves, so it tells pk-excel's untouched
# output from a copy someone has edited.
_STAMP = b"pk-excel-stamp:"
ADDED_SHEETS = ("Temuan", "Ringkasan")
MARKS_SHEET = "_pk_excel"
MARKS_MAGIC = "pk-excel-marks/1"
NOTE_AUTHOR = "pk-excel"
# Between the user's own note text and ours in a shared note.
NOTE_SEPARATOR = "\n――― pk-excel ―――\n"
# The marks sheet is very hidden when pk-excel writes it; LibreOffice saves it back as merely hidden.
_HIDDEN = ("veryHidden", "hidden")


@dataclass
class Marks:
    """What pk-excel added to a workbook (empty when the workbook is not a pk-excel output).

    `sheets`: titles of the sheets pk-excel added (including the hidden marks sheet);
    `columns`: sheet title -> (first_col, last_col), 1-based, of the columns pk-excel added there;
    `widths`: sheet title -> {column: original width or None}; `cells`: sheet title -> {coord: record}
    where a record holds the original fill ("fill", XML), our fill ("ours", XML) and the author of the
    user's note we appended to ("author").
    """

    is_output: bool = False
    sheets: set[str] = field(default_factory=set)
    columns: dict[str, tuple[int, int]] = field(default_factory=dict)
    version: str | None = None
    widths: dict[str, dict[int, float | None]] = field(default_factory=dict)
    cells: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    # sheet title -> the print area pk-excel set (A1 reference with the sheet), where the user had none
    print_areas: dict[str, str] = field(default_factory=dict)
    # the name of the file the copy stands for, and what the copy could not keep of it (Ringkasan's notes on
    # saving): a second run on the copy says the same
    source: str | None = None
    saving: list[str] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps(
            {
                "version": self.version,
                "sheets": sorted(self.sheets),
                "columns": {k: list(v) for k, v in self.columns.items()},
                "widths": {s: {str(c): w for c, w in ws.items()} for s, ws in self.widths.items()},
                "cells": self.cells,
                "print_areas": self.print_areas,
                "source": self.source,
                "saving": self.saving,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> Marks:
        data = json.loads(text)
        return cls(
            is_output=True,
            sheets=set(data.get("sheets", [])),
            columns={k: (int(v[0]), int(v[1])) for k, v in data.get("columns", {}).items()},
            version=data.get("version"),
            widths={s: {int(c): w for c, w in ws.items()} for s, ws in data.get("widths", {}).items()},
            cells=data.get("cells", {}),
            print_areas=dict(data.get("print_areas", {})),
            source=data.get("source") if isinstance(data.get("source"), str) else None,
            saving=[w for w in data.get("saving", []) if isinstance(w, str)],
        )


def read_marks_data(data: WorkbookData) -> Marks:
    """What pk-excel added to the workbook read into `data` (its marks sheet and custom property);
    `is_output` is False for a user's own workbook. A damaged record reads as an output with nothing
    recorded (pk-excel's notes are still found by their author, its fills by their colour)."""
    sheet = next(
        (
            sd
            for sd in data.sheets
            if sd.state in _HIDDEN and sd.values.get(1, [None])[:1] == [MARKS_MAGIC]
        ),
        None,
    )
    has_property = MARK_PROPERTY in data.custom_props
    if sheet is None:
        version = data.custom_props[MARK_PROPERTY] if has_property else None
        return Marks(is_output=has_property, version=version)
    chunks = []
    row = 2
    while isinstance(cell := sheet.values.get(row, [None])[:1], list) and cell and isinstance(cell[0], str):
        chunks.append(cell[0])
        row += 1
    try:
        marks = Marks.from_json("".join(chunks))
    except (ValueError, TypeError, KeyError, IndexError):
        marks = Marks(is_output=True)
    titles = {sd.title for sd in data.sheets}
    marks.sheets = {s for s in marks.sheets if s in titles} | {sheet.title}
    marks.columns = {s: c for s, c in marks.columns.items() if s in titles}
    return marks


# --- telling pk-excel's untouched outputs from a person's workbook ------------------------------------------


def _members_digest(zf: zipfile.ZipFile) -> str:
    """A digest of every member's name, CRC and size: read from the zip's directory, nothing unpacked."""
    h = hashlib.sha256()
    for info in sorted(zf.infolist(), key=lambda i: i.filename):
        h.update(f"{info.filename}\0{info.CRC:08x}\0{info.file_size}\n".encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def stamp(path: str | Path, source: str | None = None) -> None:
    """Record in the zip comment of `path` (a workbook pk-excel has just written) the digest of its members,
    and the name of the file it was made from (a validated copy checked again names itself)."""
    with zipfile.ZipFile(path, "a") as zf:
        tail = b"\n" + source.encode("utf-8", "replace")[:1000] if source else b""
        zf.comment = _STAMP + _members_digest(zf).encode("ascii") + tail


def _stamp(path: str | Path) -> tuple[bool, str | None] | None:
    """(untouched, source) from the stamp of `path`; None when it has no stamp (or is not a zip)."""
    try:
        with zipfile.ZipFile(path) as zf:
            comment = zf.comment
            if not comment.startswith(_STAMP):
                return None
            digest, _, source = comment[len(_STAMP) :].partition(b"\n")
            untouched = digest.decode("ascii", "replace") == _members_digest(zf)
    except (OSError, zipfile.BadZipFile, ValueError, EOFError):
        return None
    return untouched, source.decode("utf-8", "replace") or None


def is_untouched_output(path: str | Path) -> bool:
    """True while `path` is a workbook exactly as pk-excel wrote it (its stamp still matches its members);
    False once a person (Excel, LibreOffice, another program) has saved it, and for any other file."""
    got = _stamp(path)
    return got is not None and got[0]


def holds_a_persons_work(path: str | Path) -> bool:
    """A validated copy that is a person's work now: saved since pk-excel wrote it, or such a copy that
    pk-excel checked again in place. Another input's copy must not replace it."""
    got = _stamp(path)
    if got is None:
        return MARK_PROPERTY in _custom_properties(path)  # saved by Excel or LibreOffice: the stamp is gone
    untouched, source = got
    return not untouched or (source is not None and source.casefold() == Path(path).name.casefold())


def made_from(path: str | Path) -> str | None:
    """The name of the file an untouched pk-excel copy at `path` was made from (its stamp), else None."""
    got = _stamp(path)
    return got[1] if got is not None and got[0] else None


def _custom_properties(path: str | Path) -> dict[str, str]:
    """The custom document properties of the workbook at `path` (name -> text); {} for any other file."""
    import re

    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.NameToInfo.get("docProps/custom.xml")
            if info is None or info.file_size > 1 << 20:
                return {}
            data = zf.read(info).decode("utf-8", "replace")
    except (OSError, zipfile.BadZipFile, ValueError, EOFError, RuntimeError, NotImplementedError):
        return {}
    found = re.finditer(r'<(?:\w+:)?property\b[^>]*\bname="([^"]*)"[^>]*>\s*<[^>]*>([^<]*)<', data)
    return {m.group(1): m.group(2).strip() for m in found}


def own_kind(path: str | Path) -> str | None:
    """The kind of workbook pk-excel made from nothing ("rekap", "template"), from its custom property
    (which survives a person's saves); None for any other workbook."""
    return _custom_properties(path).get(KIND_PROPERTY)


def skip_in_folder(path: str | Path) -> bool:
    """A file a folder scan or `watch` leaves alone although its name is a workbook's: pk-excel's rekap
    (always), and any output of pk-excel (validated copy, template) as long as nobody has changed it."""
    name = Path(path).name.lower()
    if not name.endswith((".xlsx", ".xlsm")):
        return False
    return is_untouched_output(path) or own_kind(path) == "rekap"
