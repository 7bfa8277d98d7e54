"""The checks of a zip container made from its directory before anything is unpacked: a workbook's own
package (`guard.inspect`) or a plain .zip of workbooks (`guard.inspect_archive`).

- `check_bomb`: member count, declared unpacked size, compression ratio per member (`Limits`), encryption,
  and local headers that must agree with the central directory, without members sharing data (how the
  densest zip bombs reuse one compressed kernel). Python's `zipfile` never returns more bytes than a member
  declares and fails its CRC check when the data is longer, so these declared sizes also bound what the
  reader can inflate.
- `check_doctypes`: no XML part may declare a DTD or entities (the prolog before the root element is read,
  up to 1 MB): refused here whichever parts a later reader happens to parse.

Each raises PkError ("zip-bomb", "encrypted", "corrupt", "unsafe-xml").
"""

from __future__ import annotations

import itertools
import struct
import zipfile
from pathlib import Path

from . import texts
from .config import Limits
from .model import PkError
from .refusals import corrupt, encrypted, fail, size
from .texts import Text

_XML_PARTS = (".xml", ".rels", ".vml")
_DTD_MARKS = (b"<!doctype", b"<!entity", "<!DOCTYPE".encode("utf-16-le"), "<!ENTITY".encode("utf-16-le"))


_PROLOG_MAX = 1 << 20  # bytes before the root element: comments and instructions, a few hundred in real files
_HEAD = 1 << 16  # bytes of a part read first: its DTD marks are looked for here, and nearly every prolog ends here


def _prolog_clean(head: bytes, limit: int = _PROLOG_MAX) -> bool:
    """True when what precedes the root element holds only the declaration, comments, instructions and
    space, and ends within `head`. A DTD can only stand there; a long comment in front could hide one from a
    scan of the first bytes, so a prolog that does not end within `limit` bytes (the most read) is refused
    too."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", "replace")
    else:
        text = head.decode("latin-1")
    pos, n = 0, len(text)
    while True:
        while pos < n and text[pos] in " \t\r\n\ufeff":
            pos += 1
        if pos >= n:
            return n < len(head) or not head  # the whole part was read: no root, not our concern here
        if text.startswith("<?", pos):
            end = text.find("?>", pos + 2)
            step = 2
        elif text.startswith("<!--", pos):
            end = text.find("-->", pos + 4)
            step = 3
        elif text.startswith("<!", pos):
            return False  # <!DOCTYPE, <!ENTITY, ...
        else:
            return True  # the root element (or not XML at all, which the reader reports)
        if end < 0:
            return len(head) < limit  # the part ends inside the prolog: broken, not hidden
        pos = end + step


def check_doctypes(p: Path, zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    """No part may declare a DTD or entities, not even one openpyxl keeps as raw bytes and copies into the
    validated workbook (a theme): refused here, whichever parts a later reader happens to parse."""
    for info in infos:
        if not info.filename.lower().endswith(_XML_PARTS) or info.is_dir():
            continue
        with zf.open(info) as fh:
            head = fh.read(_HEAD)
            if len(head) == _HEAD and not _prolog_clean(head, _HEAD):  # no root in it yet: read on
                head += fh.read(_PROLOG_MAX - _HEAD)
        lowered = head[:_HEAD].lower()
        if any(mark in lowered or mark in head[:_HEAD] for mark in _DTD_MARKS) or not _prolog_clean(head):
            raise fail("unsafe-xml", p, *texts.REFUSED_UNSAFE_PART.format(part=info.filename))


def _bomb(p: Path, why: Text, *, limit: bool = True) -> PkError:
    todo = texts.ZIP_BOMB_RAISE_LIMIT if limit else texts.ZIP_BOMB_RESAVE
    return fail("zip-bomb", p, *texts.REFUSED_ZIP_BOMB.format(why=why, todo=todo))


def check_bomb(p: Path, zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(infos) > limits.max_members:
        raise _bomb(p, texts.ZIP_BOMB_MEMBERS.format(n=len(infos), limit=limits.max_members))
    total = sum(i.file_size for i in infos)
    if total > limits.max_unpacked_bytes:
        raise _bomb(p, texts.ZIP_BOMB_UNPACKED.format(size=size(total), limit=size(limits.max_unpacked_bytes)))
    for i in infos:
        if i.file_size > limits.ratio_min_bytes:
            ratio = i.file_size / max(i.compress_size, 1)
            if ratio > limits.max_member_ratio:
                raise _bomb(
                    p, texts.ZIP_BOMB_RATIO.format(name=i.filename, ratio=ratio, limit=limits.max_member_ratio)
                )
    if any(i.flag_bits & 0x1 for i in infos):
        raise encrypted(p)
    _check_local_headers(p, zf, infos)


def _check_local_headers(p: Path, zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    """Local headers must agree with the central directory, and members must not share data.

    Overlapping members are how the densest zip bombs reuse one compressed kernel many times; sizes that
    differ between the local header and the directory are a sign the declared size lies.
    """
    fp = zf.fp
    assert fp is not None
    extents: list[tuple[int, int, str]] = []
    for i in infos:
        fp.seek(i.header_offset)
        h = fp.read(30)
        if len(h) < 30 or h[:4] != b"PK\x03\x04":
            raise corrupt(p, *texts.CORRUPT_NO_LOCAL_HEADER.format(name=i.filename))
        flags, _method = struct.unpack("<HH", h[6:10])
        csize, usize, nlen, xlen = struct.unpack("<IIHH", h[18:30])
        declared = not flags & 0x08 and 0xFFFFFFFF not in (csize, usize) and (csize or usize)
        if declared and (csize != i.compress_size or usize != i.file_size):
            raise _bomb(p, texts.ZIP_BOMB_SIZE_DIFFERS.format(name=i.filename), limit=False)
        start = i.header_offset
        extents.append((start, start + 30 + nlen + xlen + i.compress_size, i.filename))
    extents.sort()
    for (_s1, e1, n1), (s2, _e2, n2) in itertools.pairwise(extents):
        if s2 < e1:
            raise _bomb(p, texts.ZIP_BOMB_SHARED_DATA.format(first=n1, second=n2), limit=False)
