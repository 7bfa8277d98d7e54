"""The package's structure (Open Packaging Conventions, ECMA-376 Part 2): relationships, content types and the
main part, read once, in one place, for the reader, the guard and the writer.

Parts are parsed with expat (namespace-aware, so any prefix, spacing, quoting or self-closing form is read by
construction); a DOCTYPE is refused as in every other part (`guard` refuses such packages before they are
opened; this is the second lock).
"""

from __future__ import annotations

import posixpath
import xml.parsers.expat
import zipfile
from typing import NamedTuple

from .xmlparse import expat, local_name

CONTENT_TYPES = "[Content_Types].xml"
REL_OFFICE_DOCUMENT = "/officeDocument"
# Content types of a workbook's main part (.xlsx, .xlsm, .xltx, .xltm; transitional and Strict alike).
_MAIN_TYPES = (
    ".sheet.main+xml",
    ".sheet.macroEnabled.main+xml",
    ".template.main+xml",
    ".template.macroEnabled.main+xml",
)
_SMALL = 8 << 20  # bytes of a relationships or content-types part read at most (real ones are a few KB)


class Rel(NamedTuple):
    """One relationship of a part: its `id`, `type` (a URI), the `target` as written, and `part`, the target
    resolved to a member name of the zip (None for an external target such as a hyperlink's URL)."""

    id: str
    type: str
    target: str
    part: str | None


class ContentTypes(NamedTuple):
    """`[Content_Types].xml`: extension (lower case, no dot) -> type, and part name (no leading slash) -> type."""

    defaults: dict[str, str]
    overrides: dict[str, str]

    def of(self, part: str) -> str | None:
        """The content type of `part` (its override, else its extension's default), or None."""
        found = self.overrides.get(part)
        if found is None:
            found = next((t for p, t in self.overrides.items() if p.lower() == part.lower()), None)
        if found is None:
            found = self.defaults.get(posixpath.splitext(part)[1].lstrip(".").lower())
        return found


def rels_name(part: str) -> str:
    """The relationships part of `part` (`xl/workbook.xml` -> `xl/_rels/workbook.xml.rels`; "" -> `_rels/.rels`)."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def resolve(folder: str, target: str) -> str:
    """A relationship's `target` as a zip member name, relative to the source part's `folder`."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(folder, target)).lstrip("/")


def _elements(data: bytes, local: str) -> list[dict[str, str]]:
    """The attributes of every element whose local name is `local`, in document order. Raises ValueError
    for XML that is not well-formed or that declares a DOCTYPE."""
    found: list[dict[str, str]] = []
    parser = expat("a package part", namespaces=True, encoding=None)

    def start(tag: str, attrs: dict[str, str]) -> None:
        if local_name(tag) == local:
            found.append({local_name(k): v for k, v in attrs.items()})

    parser.StartElementHandler = start
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as exc:
        raise ValueError(str(exc)) from None
    return found


def parse_rels(data: bytes, part: str) -> list[Rel]:
    """The relationships in `data` (the bytes of `rels_name(part)`). Raises ValueError for a damaged part."""
    folder = posixpath.dirname(part)
    out = []
    for a in _elements(data, "Relationship"):
        target = a.get("Target", "")
        external = a.get("TargetMode") == "External"
        out.append(Rel(a.get("Id", ""), a.get("Type", ""), target, None if external else resolve(folder, target)))
    return out


def _read(zf: zipfile.ZipFile, name: str) -> bytes | None:
    info = zf.NameToInfo.get(name)
    if info is None:
        return None
    if info.file_size > _SMALL:
        raise ValueError(f"{name} is too large")
    return zf.read(info)


def read_rels(zf: zipfile.ZipFile, part: str) -> list[Rel]:
    """The relationships of `part` ([] when it has none). Raises ValueError for a damaged relationships part."""
    data = _read(zf, rels_name(part))
    return [] if data is None else parse_rels(data, part)


def parse_content_types(data: bytes) -> ContentTypes:
    """`[Content_Types].xml` read. Raises ValueError for a damaged part."""
    defaults = {a.get("Extension", "").lower(): a.get("ContentType", "") for a in _elements(data, "Default")}
    overrides = {a.get("PartName", "").lstrip("/"): a.get("ContentType", "") for a in _elements(data, "Override")}
    return ContentTypes(defaults, overrides)


def read_content_types(zf: zipfile.ZipFile) -> ContentTypes:
    """The package's content types (empty when `[Content_Types].xml` is missing or damaged)."""
    try:
        data = _read(zf, CONTENT_TYPES)
        return parse_content_types(data) if data is not None else ContentTypes({}, {})
    except ValueError:
        return ContentTypes({}, {})


def main_part(zf: zipfile.ZipFile) -> str | None:
    """The workbook part: named by the package's relationships (`_rels/.rels`), else by its content type (as
    openpyxl finds it, so a damaged `_rels/.rels` alone does not refuse a workbook), else `xl/workbook.xml`;
    None when there is none."""
    names = zf.NameToInfo
    try:
        rels = read_rels(zf, "")
    except ValueError:
        rels = []
    for rel in rels:
        if rel.type.endswith(REL_OFFICE_DOCUMENT) and rel.part in names:
            return rel.part
    for part, ctype in read_content_types(zf).overrides.items():
        if ctype.endswith(_MAIN_TYPES) and part in names:
            return part
    return "xl/workbook.xml" if "xl/workbook.xml" in names else None
