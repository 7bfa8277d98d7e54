"""An Office Open XML package (.xlsx/.xlsm) opened for editing: parts read, replaced, added and deleted,
their relationships and content types (read through `opc`, written as text), and the zip written again with
every untouched part copied as it is. A Strict package keeps one namespace family: what pk-excel writes in
transitional namespaces is written in Strict ones (`Package.one_family`).

A part may be `Streamed` (a large sheet patched): its text is made piece by piece while the zip is written
and compressed about a megabyte at a time, never held whole. Parts of 256 KB or more are deflated at
level 1, the rest at zlib's default (6): on a sheet of 20,000 rows level 6 takes about three times as long
for a file about a quarter smaller, and a validated copy is written on every check while its size matters
little (Excel and LibreOffice read either the same way, and compress it again when they save it).
Compressing and writing happen in a second thread while the parts are made (`_Deflater`): zlib, the CRC
and the writes let go of the interpreter's lock. After each of those calls the thread needs the lock back,
which the making thread yields only every "switch interval" (5 ms by default): so while the zip is written
the interval is 0.5 ms, or the thread would spend as long waiting as compressing (measured: no gain at 5 ms;
~45 ms of ~0.38 s saved on 20,000 rows at 0.5 ms).
"""

from __future__ import annotations

import functools
import posixpath
import re
import sys
import threading
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Protocol

from . import opc
from .xmlparse import clean_text, well_formed
from .xmltext import prefixed, quoteattr, xml_text, xml_utf8

NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
REL_WORKSHEET = NS_R + "/worksheet"
REL_COMMENTS = NS_R + "/comments"
REL_VML = NS_R + "/vmlDrawing"
REL_DRAWING = NS_R + "/drawing"
REL_CHART = NS_R + "/chart"
REL_CUSTOM = NS_R + "/custom-properties"
CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
CT_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing"
CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml"
CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CT_CUSTOM = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"
# Types a part pk-excel adds gets by its extension when the package has no <Default> for it.
_DEFAULT_TYPES = {"rels": CT_RELS, "vml": CT_VML}
_OVERRIDE_TYPES = {"xml": "application/xml"}

# Transitional namespaces and relationship types pk-excel writes -> their Strict spelling (longest first).
_STRICT_PREFIX = "http://purl.oclc.org/ooxml/"
_STRICT = {
    NS_R + "/custom-properties": _STRICT_PREFIX + "officeDocument/relationships/customProperties",
    NS_R + "/extended-properties": _STRICT_PREFIX + "officeDocument/relationships/extendedProperties",
    NS_R: _STRICT_PREFIX + "officeDocument/relationships",
    NS_MAIN: _STRICT_PREFIX + "spreadsheetml/main",
    "http://schemas.openxmlformats.org/drawingml/2006/main": _STRICT_PREFIX + "drawingml/main",
    "http://schemas.openxmlformats.org/drawingml/2006/chart": _STRICT_PREFIX + "drawingml/chart",
    "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing": _STRICT_PREFIX + "drawingml/spreadsheetDrawing",
    "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties": _STRICT_PREFIX + "officeDocument/customProperties",
    "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes": _STRICT_PREFIX + "officeDocument/docPropsVTypes",
}
_TRANSITIONAL = re.compile("|".join(re.escape(k) + r"(?![\w-])" for k in sorted(_STRICT, key=len, reverse=True)))
_TRANSITIONAL_B = re.compile(_TRANSITIONAL.pattern.encode())


class Streamed(Protocol):
    """A part made while it is written: its text in pieces (text, or bytes in UTF-8), in order, and about how
    long it is (bytes)."""

    def pieces(self) -> Iterator[str | bytes]: ...

    def size_hint(self) -> int: ...


class Pieces:
    """A `Streamed` part made by a function giving its text in pieces (called each time it is read)."""

    def __init__(self, make: Callable[[], Iterable[str | bytes]], size_hint: int):
        self._make, self._size = make, size_hint

    def pieces(self) -> Iterator[str | bytes]:
        return iter(self._make())

    def size_hint(self) -> int:
        return self._size


class _Strict:
    """A streamed part written in Strict namespaces (`Package.one_family`)."""

    def __init__(self, part: Streamed):
        self.part = part

    def pieces(self) -> Iterator[str]:
        return (_to_strict(_encoded(piece).decode("utf-8")) for piece in self.part.pieces())

    def size_hint(self) -> int:
        return self.part.size_hint()


def _extension(name: str) -> str:
    """A part name's extension, lower case ("_rels/.rels" is of extension rels)."""
    base = posixpath.basename(name)
    return base.rsplit(".", 1)[1].lower() if "." in base else ""


def _to_strict(text: str) -> str:
    return _TRANSITIONAL.sub(lambda m: _STRICT[m.group(0)], text) if "schemas.openxmlformats.org" in text else text



class Package:
    """The input's zip, read part by part; changed and added parts are kept until `write`."""

    def __init__(self, zf: zipfile.ZipFile):
        self.zf = zf
        self.infos = zf.infolist()
        self.names = {i.filename for i in self.infos}
        self.changed: dict[str, bytes | Streamed] = {}
        self.added: list[str] = []
        self.deleted: set[str] = set()
        # Part names are case-insensitive in a package (OPC): xl/worksheets/Sheet1.xml and its relationships
        # xl/worksheets/_rels/sheet1.xml.rels belong together, and no second part may differ only by case.
        self._folded = {n.lower(): n for n in self.names}
        self._types_read: opc.ContentTypes | None = None  # [Content_Types].xml parsed, until it is replaced
        self._last_utf8: tuple[str, bytes] | None = None  # (part, its bytes): see `utf8`
        # (relationships part, source part) -> (the data parsed: None for the zip's own bytes, the parsed rels)
        self._rels_read: dict[tuple[str, str], tuple[object, list[opc.Rel]]] = {}

    def resolve(self, name: str) -> str:
        """The package's own spelling of part `name` (compared without case), or `name` for a new part."""
        if name in self.names or name in self.changed:
            return name
        return self._folded.get(name.lower(), name)

    def has(self, name: str) -> bool:
        name = self.resolve(name)
        return (name in self.names or name in self.changed) and name not in self.deleted

    def read(self, name: str) -> bytes:
        name = self.resolve(name)
        if name in self.changed:
            data = self.changed[name]
            return data if isinstance(data, bytes) else b"".join(map(_encoded, data.pieces()))
        info = self.zf.getinfo(name)
        if info.file_size < _LARGE:
            return self.zf.read(info)
        # Read a megabyte at a time: zipfile's read of a whole member holds about three times its size
        # while it inflates (a growing buffer, then the copy); this holds twice (the pieces, then the whole).
        with self.zf.open(info) as fh:
            return b"".join(iter(functools.partial(fh.read, _BATCH), b""))

    def text(self, name: str) -> str:
        """Part `name` as text; a part in another encoding (UTF-16, a declared legacy one) is decoded and
        its declaration says UTF-8 from now on, as it will be written."""
        return xml_text(self.read(name))

    def utf8(self, name: str) -> bytes:
        """`text` of part `name` as UTF-8, not decoded when it is UTF-8 already (a large sheet). The last
        part of the input read so is kept until it is replaced: a sheet is looked at (its notes' drawing)
        before it is patched."""
        name = self.resolve(name)
        if self._last_utf8 is not None and self._last_utf8[0] == name:
            return self._last_utf8[1]
        data = xml_utf8(self.read(name))
        if name not in self.changed:
            self._last_utf8 = (name, data)
        return data

    def checked_text(self, name: str) -> str:
        """`text` of a part pk-excel edits with patterns and the reader has not vetted (a comments part):
        refused as damaged unless it is well-formed XML without a DTD, then cleaned (`xmlparse.clean_text`)."""
        from .workbook import _corrupt

        text = self.text(name)
        try:
            well_formed(text.encode("utf-8"), name)
        except ValueError as e:
            raise _corrupt(Path(self.zf.filename or name), str(e)) from None
        return clean_text(text)

    def put(self, name: str, data: str | bytes | Streamed) -> None:
        """Replace or add part `name`; a `Streamed` part is made piece by piece as the zip is written."""
        name = self.resolve(name)
        if name == opc.CONTENT_TYPES:
            self._types_read = None
        self.deleted.discard(name)
        if self._last_utf8 is not None and self._last_utf8[0] == name:
            self._last_utf8 = None
        if name not in self.names and name not in self.changed:
            self.added.append(name)
            self._folded[name.lower()] = name
        self.changed[name] = data.encode("utf-8") if isinstance(data, str) else data

    def free(self, pattern: str) -> str:
        """The first unused part name of `pattern` ("xl/worksheets/sheet{}.xml")."""
        n = 1
        while self.has(pattern.format(n)):
            n += 1
        return pattern.format(n)

    # relationships

    @staticmethod
    def rels_name(part: str) -> str:
        """The relationships part of `part` (`opc.rels_name`)."""
        return opc.rels_name(part)

    def rels(self, part: str) -> list[opc.Rel]:
        """The relationships of `part` as the package holds them now (with pk-excel's additions), each with its
        target resolved to a part name (None when external). Raises ValueError for a damaged part."""
        name = self.resolve(self.rels_name(part))
        if not self.has(name):
            return []
        source = self.changed.get(name)  # parsed again only when the part has been replaced since
        hit = self._rels_read.get((name, part))
        if hit is not None and hit[0] is source:
            return list(hit[1])
        try:
            rels = opc.parse_rels(self.read(name), part)
        except ValueError as e:  # the reader does without it; a copy cannot be given a relationship there
            raise self._damaged(name, str(e)) from None
        self._rels_read[(name, part)] = (source, rels)
        return list(rels)

    def rel_part(self, part: str, rel_type: str) -> str | None:
        """The part that `part`'s first relationship whose type ends with `rel_type` points to, or None."""
        return next((r.part for r in self.rels(part) if r.type.endswith(rel_type) and r.part), None)

    def content_types(self) -> opc.ContentTypes:
        """`[Content_Types].xml` as the package holds it now."""
        if self._types_read is not None:
            return self._types_read
        if not self.has(opc.CONTENT_TYPES):
            raise self._damaged(opc.CONTENT_TYPES, "missing")
        try:
            self._types_read = opc.parse_content_types(self.read(opc.CONTENT_TYPES))
        except ValueError as e:
            raise self._damaged(opc.CONTENT_TYPES, str(e)) from None
        return self._types_read

    def _damaged(self, part: str, detail: str) -> Exception:
        """PkError("corrupt") for a package part the copy must edit and cannot: the file is refused with the
        usual line (open it and save it again), never an internal error."""
        from .workbook import _corrupt

        return _corrupt(Path(self.zf.filename or part), f"{part}: {detail}")

    def add_rel(self, part: str, rel_type: str, target: str) -> str:
        name = self.rels_name(part)
        existing = {r.id for r in self.rels(part)}
        n = 1  # the first free id of this part: a second run on the copy gives the same ids again
        while f"rIdPk{n}" in existing:
            n += 1
        rid = f"rIdPk{n}"
        rel_target = posixpath.relpath(target, posixpath.dirname(part) or ".")
        line = f'<Relationship Id="{rid}" Type="{rel_type}" Target={quoteattr(rel_target)}/>'
        if self.has(name):
            xml = self.text(name)
            m = re.search(r"</(\w+:)?Relationships>", xml)
            if m and m.group(1):
                line = prefixed(line, m.group(1))
            if m:
                xml = xml[: m.start()] + line + xml[m.start() :]
            else:  # <Relationships .../>
                xml = re.sub(r"<((?:\w+:)?Relationships)\b([^>]*)/>", rf"<\1\2>{line}</\1>", xml, count=1)
        else:
            xml = (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<Relationships xmlns="{_PKG_RELS}">{line}</Relationships>'
            )
            self.put(name, xml)
            self.type_part(name)  # now, not at the end: a second run then lists the types in the same order
            return rid
        self.put(name, xml)
        return rid

    def add_override(self, part: str, content_type: str) -> None:
        """List `part` with `content_type` in `[Content_Types].xml`, unless it is listed (in any case)."""
        types = self.content_types()
        if any(p.lower() == part.lower() for p in types.overrides):
            return
        self._types(f'<Override PartName={quoteattr("/" + part)} ContentType="{content_type}"/>')
        self._types_read = opc.ContentTypes(types.defaults, {**types.overrides, part: content_type})

    def add_default(self, ext: str, content_type: str) -> None:
        """Give extension `ext` the default `content_type`, unless it has one."""
        types = self.content_types()
        if ext.lower() in types.defaults:
            return
        self._types(f'<Default Extension={quoteattr(ext)} ContentType="{content_type}"/>')
        self._types_read = opc.ContentTypes({**types.defaults, ext.lower(): content_type}, types.overrides)

    def _types(self, line: str) -> None:
        xml = self.text(opc.CONTENT_TYPES)
        m = re.search(r"</(\w+:)?Types>", xml)
        if m is None:
            raise self._damaged(opc.CONTENT_TYPES, "no Types element")
        self.put(opc.CONTENT_TYPES, xml[: m.start()] + prefixed(line, m.group(1) or "") + xml[m.start() :])

    def typed(self) -> None:
        """Give every part pk-excel added a content type: a package may list its parts by `<Override>` only,
        with no `<Default>` for .rels (LibreOffice up to 6.x), and a part without a type is damage to Excel.
        A part of the input without a type stays as the input has it."""
        if not self.has(opc.CONTENT_TYPES):
            return
        for name in self.added:
            self.type_part(name)

    def type_part(self, name: str) -> None:
        """Give part `name` a content type unless [Content_Types].xml already types it: a <Default> for the
        extensions that have one (.rels, .vml), else an <Override>."""
        if name in self.deleted or name == opc.CONTENT_TYPES or not self.has(opc.CONTENT_TYPES):
            return
        types = self.content_types()
        ext = _extension(name)
        if ext in types.defaults or any(p.lower() == name.lower() for p in types.overrides):
            return
        if ext in _DEFAULT_TYPES:
            self.add_default(ext, _DEFAULT_TYPES[ext])
        else:
            self.add_override(name, _OVERRIDE_TYPES.get(ext, "application/xml"))

    def strict(self) -> bool:
        """True for a Strict Open XML package (its officeDocument relationship in the purl.oclc.org family)."""
        return any(r.type.startswith(_STRICT_PREFIX) and r.type.endswith("/officeDocument") for r in self.rels(""))

    def one_family(self) -> None:
        """In a Strict package, what pk-excel wrote in transitional namespaces and relationship types is
        written in Strict ones: one namespace family per package, or Excel refuses the copy."""
        if not self.strict():
            return
        for name, data in self.changed.items():
            if not isinstance(data, bytes):
                self.changed[name] = _Strict(data)
            elif name.endswith((".xml", ".rels")) and _TRANSITIONAL_B.search(data):
                self.changed[name] = _to_strict(data.decode("utf-8")).encode("utf-8")
        self._types_read = None

    def write(self, path: str) -> None:
        """Write the package to `path`: every part in the order it was read, then the added ones. When one is
        large, compressing and writing happen in a second thread (`_Deflater`) while the parts are made here."""
        self.typed()
        self.one_family()
        large = any(
            (len(data) if isinstance(data, bytes) else data.size_hint()) >= _LARGE for data in self.changed.values()
        ) or any(info.file_size >= _LARGE for info in self.infos)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out, _Deflater(out, threaded=large) as sink:
            last = {i.filename: i for i in self.infos}  # a name twice in the zip: readers take the last one
            for info in self.infos:
                if info.is_dir() or info.filename in self.deleted or last[info.filename] is not info:
                    continue
                zi = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                zi.external_attr = info.external_attr
                data = self.changed.get(info.filename)
                if data is not None:
                    _store(sink, zi, data)
                elif info.file_size < _LARGE:
                    sink.member(zi, self.zf.read(info))
                else:  # a large part copied a batch at a time, never held whole
                    with self.zf.open(info) as src:
                        sink.streamed(zi, info.file_size, iter(functools.partial(src.read, _BATCH), b""))
            for name in self.added:
                if name not in self.deleted:
                    _store(sink, zipfile.ZipInfo(name, date_time=time.localtime()[:6]), self.changed[name])


_BATCH = 1 << 20  # bytes of a streamed part compressed at a time
_LARGE = 1 << 18  # bytes from which a part is deflated at level 1 (see the module's docstring)


def _level(size: int) -> int:
    """The deflate level of a member of `size` bytes (see the module's docstring)."""
    return 1 if size >= _LARGE else 6


def _level_of(zi: zipfile.ZipInfo, size: int) -> None:
    """Deflate member `zi` of about `size` bytes at `_level(size)`: `ZipFile.open` takes the level from the
    member (`compress_level` from Python 3.13, `_compresslevel` before)."""
    zi.compress_type = zipfile.ZIP_DEFLATED
    setattr(zi, "compress_level" if hasattr(zi, "compress_level") else "_compresslevel", _level(size))


class _Deflater:
    """The members of a zip being written. With `threaded` (a package holding a large part), they are handed
    to a second thread that compresses and writes them (zlib, the CRC and the file's writes let go of the
    interpreter's lock) while the parts are made here; its queue holds a few batches at most. A failure of
    that thread (a full disk) is raised here, at the next hand-over or on leaving; a failure here stops the
    thread before the zip is closed. Without, each member is written at once: for a small package, starting
    a thread costs more than it saves."""

    def __init__(self, out: zipfile.ZipFile, threaded: bool):
        self._out = out
        self._fh: IO[bytes] | None = None  # the member being written
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        if threaded:
            import queue

            self._queue: queue.Queue[tuple] = queue.Queue(maxsize=4)
            thread = threading.Thread(target=self._run, name="pk-excel-deflate", daemon=True)
            try:
                thread.start()
            except RuntimeError:  # no thread to spare (a process limit): the zip is written here
                return
            self._thread = thread
            _fast_switching(True)

    def __enter__(self) -> _Deflater:
        return self

    def __exit__(self, kind: object, exc: BaseException | None, tb: object) -> None:
        if self._thread is not None:
            try:
                self._queue.put(("stop",))
                self._thread.join()
            finally:
                _fast_switching(False)
        if exc is not None and self._fh is not None:  # the zip is unfinished, and removed by the caller
            try:
                self._fh.close()
            except Exception:  # noqa: BLE001 - the zip is thrown away
                pass
        if exc is None and self._error is not None:
            raise self._error

    def member(self, zi: zipfile.ZipInfo, data: bytes) -> None:
        """Member `zi` holding `data`, deflated at `_level(len(data))`."""
        zi.compress_type = zipfile.ZIP_DEFLATED
        self._put(("bytes", zi, data))

    def streamed(self, zi: zipfile.ZipInfo, size: int, chunks: Iterable[bytes]) -> None:
        """Member `zi` of about `size` bytes, from `chunks` (bytes, in order)."""
        _level_of(zi, size)
        self._put(("open", zi, size > 2**30))
        for chunk in chunks:
            self._put(("chunk", chunk))
        self._put(("close",))

    def _put(self, task: tuple) -> None:
        if self._error is not None:
            raise self._error
        if self._thread is None:
            self._do(task)
        else:
            self._queue.put(task)

    def _run(self) -> None:
        """The writing thread: every task until "stop"; after a failure the rest are taken and dropped, so
        that nobody waits on the queue."""
        get = self._queue.get
        while (task := get())[0] != "stop":
            if self._error is None:
                try:
                    self._do(task)
                except BaseException as e:  # noqa: BLE001 - raised in the thread that makes the parts
                    self._error = e

    def _do(self, task: tuple) -> None:
        what = task[0]
        if what == "chunk":
            self._fh.write(task[1])  # type: ignore[union-attr]
        elif what == "open":
            self._fh = self._out.open(task[1], "w", force_zip64=task[2])
        elif what == "close":
            fh, self._fh = self._fh, None
            fh.close()  # type: ignore[union-attr]
        else:
            self._out.writestr(task[1], task[2], compresslevel=_level(len(task[2])))


_FAST_SWITCH = 0.0005  # seconds between thread switches while a zip is written
_SWITCH_LOCK = threading.Lock()
_switching = [0, 0.0]  # zips being written now, and the switch interval before the first of them


def _fast_switching(on: bool) -> None:
    """Switch threads every 0.5 ms while any zip is written (see the module's docstring), then as before
    (unless the program set an interval of its own meanwhile)."""
    with _SWITCH_LOCK:
        if on:
            if _switching[0] == 0:
                _switching[1] = sys.getswitchinterval()
                sys.setswitchinterval(min(_switching[1], _FAST_SWITCH))
            _switching[0] += 1
        else:
            _switching[0] -= 1
            if _switching[0] == 0 and sys.getswitchinterval() == min(_switching[1], _FAST_SWITCH):
                sys.setswitchinterval(_switching[1])


def _store(sink: _Deflater, zi: zipfile.ZipInfo, data: bytes | Streamed) -> None:
    """Write member `zi` holding `data`; a streamed part's pieces are made here and encoded in batches."""
    if isinstance(data, bytes):
        sink.member(zi, data)
        return
    sink.streamed(zi, data.size_hint(), _batches(data.pieces()))


def _batches(pieces: Iterable[str | bytes]) -> Iterator[bytes]:
    """`pieces` as bytes, joined into batches of about `_BATCH` bytes."""
    batch: list[bytes] = []
    held = 0
    for piece in pieces:
        batch.append(_encoded(piece))
        held += len(batch[-1])
        if held >= _BATCH:
            yield b"".join(batch)
            batch, held = [], 0
    yield b"".join(batch)


def _encoded(piece: str | bytes) -> bytes:
    return piece if isinstance(piece, bytes) else piece.encode("utf-8")
