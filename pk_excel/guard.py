"""What makes a file unsafe or unreadable, checked before any parser opens it.

`inspect(path, limits)` looks at the file itself (existence, permissions, size, magic bytes, zip directory,
OLE streams) and returns the kind of workbook ("xlsx", "xlsm", "xls", "ods"), or raises `PkError` with a
stable code and a one-line message in Bahasa Indonesia and English that names the file and says what to do.

Codes: not-found, is-directory, no-permission, empty-file, lock-file, encrypted, not-spreadsheet, corrupt,
zip-bomb, too-large. The kind comes from the content, not the extension: an .xls renamed .xlsx is "xls".

Zip bombs and DTDs are refused from the zip's directory and the parts' prologs before anything else is
unpacked (`zipcheck`); the package's main part and content types come from `opc`; the messages are
`texts.REFUSED_*`, made PkErrors by `refusals`.

Also `is_lock_file(name)`, `is_candidate(path)` (what a folder scan picks up), `inspect_archive(path)` (a plain
.zip of workbooks, e.g. a folder uploaded to the web page) and `SUPPORTED_SUFFIXES`.
"""

from __future__ import annotations

import os
import re
import stat
import struct
import zipfile
import zlib
from pathlib import Path

from . import opc, texts
from .config import Limits
from .model import PkError
from .refusals import corrupt as _corrupt
from .refusals import encrypted as _encrypted
from .refusals import fail as _fail
from .refusals import no_permission as _no_permission
from .refusals import not_spreadsheet as _not_spreadsheet
from .refusals import size as _size
from .texts import NOT_A_WORKBOOK_KINDS as _KINDS
from .texts import Text
from .zipcheck import check_bomb, check_doctypes

SUPPORTED_SUFFIXES: tuple[str, ...] = (".xlsx", ".xlsm", ".xls", ".ods")
KINDS: tuple[str, ...] = ("xlsx", "xlsm", "xls", "ods")

# pk-excel's own validated copies; a folder scan must not check them again.
OUTPUT_SUFFIXES: tuple[str, ...] = (".checked.xlsx", ".checked.xlsm")

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS_MIME = "application/vnd.oasis.opendocument.spreadsheet"
_LO_LOCK = re.compile(r"^\.~lock\.(.+)#$")
_MACRO_CT = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"

# BIFF record types read from the start of an .xls Workbook stream.
_BIFF_FILEPASS = 0x002F
_BIFF_EOF = 0x000A


# --- names -------------------------------------------------------------------------------------------------


def is_lock_file(name: str | os.PathLike) -> bool:
    """An Office owner file (`~$name.xlsx`) or a LibreOffice lock file (`.~lock.name.xlsx#`)."""
    base = os.path.basename(os.fspath(name))
    return base.startswith("~$") or bool(_LO_LOCK.match(base))


def is_candidate(path: str | os.PathLike) -> bool:
    """A file a folder scan should check: a supported suffix, not hidden, not a lock or temp file, not
    pk-excel's own `*.checked.xlsx` output, not a directory."""
    p = Path(path)
    name = p.name
    lower = name.lower()
    if not lower.endswith(SUPPORTED_SUFFIXES):
        return False
    if name.startswith((".", "~")) or is_lock_file(name):
        return False
    if lower.endswith(OUTPUT_SUFFIXES):
        return False
    try:
        return not p.is_dir()
    except OSError:
        return False


def _lock_owner(data: bytes, base: str) -> str | None:
    """Who holds the lock, when the lock file says so (best effort).

    Office owner files start with one length byte followed by the user's name in the ANSI code page;
    LibreOffice lock files are a CSV line whose first field is the user's name.
    """
    if _LO_LOCK.match(base):
        first = data.decode("utf-8", "replace").split(",", 1)[0].strip()
        return first or None
    if not data:
        return None
    n = data[0]
    if not 0 < n <= 54 or len(data) < 1 + n:
        return None
    name = data[1 : 1 + n].decode("cp1252", "replace").strip()
    return name if name.isprintable() and "\ufffd" not in name and name else None


def _lock_target(p: Path) -> Path | None:
    """The workbook a lock file belongs to, when it lies beside it.

    Excel names its owner file `~$` + the full name (`~$pengukuran.xlsx`); Word, and Excel for some long
    names, replaces the first two characters instead (`~$ngukuran.xlsx` for `pengukuran.xlsx`).
    LibreOffice writes `.~lock.pengukuran.xlsx#`.
    """
    base = p.name
    m = _LO_LOCK.match(base)
    if m:
        cand = p.with_name(m.group(1))
        return cand if cand.is_file() else None
    rest = base[2:]
    if not rest:
        return None
    full = p.with_name(rest)
    if full.is_file():
        return full
    try:
        with os.scandir(p.parent) as it:
            for entry in it:
                n = entry.name
                if len(n) == len(base) and n[2:] == rest and not is_lock_file(n) and entry.is_file():
                    return Path(entry.path)
    except OSError:
        return None
    return None


def _lock_error(p: Path) -> PkError:
    target = _lock_target(p)
    try:
        with open(p, "rb") as fh:
            owner = _lock_owner(fh.read(512), p.name)
    except OSError:
        owner = None
    by = texts.LOCK_OWNER.format(owner=owner) if owner else ""
    if target is not None:
        return _fail("lock-file", p, *texts.REFUSED_LOCK_FILE.format(target=target.name, by=by))
    return _fail("lock-file", p, *texts.REFUSED_LOCK_FILE_ALONE.format(by=by))


# --- the check ---------------------------------------------------------------------------------------------


def inspect(path: str | os.PathLike, limits: Limits | None = None) -> str:
    """Check `path` before it is opened; return its kind ("xlsx", "xlsm", "xls", "ods") or raise PkError."""
    limits = limits or Limits()
    p = Path(path)
    try:
        st = os.stat(p)
    except FileNotFoundError:
        raise _fail("not-found", p, *texts.REFUSED_NOT_FOUND) from None
    except PermissionError:
        raise _no_permission(p) from None
    except OSError as e:
        raise _fail("not-found", p, *texts.REFUSED_NO_ACCESS.format(reason=texts.os_reason(e))) from None
    if stat.S_ISDIR(st.st_mode):
        raise _fail("is-directory", p, *texts.REFUSED_IS_A_FOLDER)
    if is_lock_file(p):
        raise _lock_error(p)
    if not stat.S_ISREG(st.st_mode):
        raise _fail("not-spreadsheet", p, *texts.REFUSED_NOT_A_REGULAR_FILE)
    size = st.st_size
    if size == 0:
        raise _fail("empty-file", p, *texts.REFUSED_EMPTY)
    if size > limits.max_file_bytes:
        said = texts.REFUSED_TOO_LARGE.format(size=_size(size), limit=_size(limits.max_file_bytes))
        raise _fail("too-large", p, *said)
    try:
        with open(p, "rb") as fh:
            head = fh.read(8192)
    except PermissionError:
        raise _no_permission(p) from None
    except OSError as e:
        why = texts.os_reason(e)
        raise _corrupt(p, f"{texts.CORRUPT_UNREADABLE_ID} ({why.id})", why.en) from None

    if head.startswith(_ZIP_MAGIC):
        return _inspect_zip(p, limits)
    if head.startswith(_OLE_MAGIC):
        return _inspect_ole(p)
    raise _not_spreadsheet(p, _describe(head))


def _describe(head: bytes) -> Text | None:
    """What a non-zip, non-OLE file looks like, in both languages, or None."""
    signatures = (
        (b"%PDF", "pdf"),
        (b"{\\rtf", "rtf"),
        (b"\x89PNG", "png"),
        (b"\xff\xd8\xff", "jpeg"),
        (b"GIF8", "gif"),
        (b"Rar!", "rar"),
        (b"7z\xbc\xaf\x27\x1c", "7z"),
        (b"\x1f\x8b", "gzip"),
    )
    for magic, what in signatures:
        if head.startswith(magic):
            return _KINDS[what]
    if b"\x00" in head[:4096] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    text = head.replace(b"\x00", b"").removeprefix(b"\xef\xbb\xbf").removeprefix(b"\xff\xfe")
    text = text.removeprefix(b"\xfe\xff").lstrip().lower()
    if b"urn:schemas-microsoft-com:office:spreadsheet" in text:
        return _KINDS["xml2003"]
    if text.startswith((b"<!doctype html", b"<html")) or b"<table" in text[:2048]:
        return _KINDS["html"]
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.start < len(head) - 4:  # a multi-byte character cut at the end of the sample is still text
            return None
    if text.startswith(b"<?xml"):
        return _KINDS["xml"]
    if any(sep in text for sep in (b",", b";", b"\t")) and b"\n" in text:
        return _KINDS["csv"]
    return _KINDS["text"]


def _inspect_zip(p: Path, limits: Limits) -> str:
    try:
        with zipfile.ZipFile(p) as zf:
            infos = zf.infolist()
            check_bomb(p, zf, infos, limits)
            kind = _zip_kind(p, zf, infos)
            check_doctypes(p, zf, infos)
            return kind
    except (zipfile.BadZipFile, OSError, EOFError, struct.error, ValueError, zlib.error) as e:
        raise _corrupt(p, texts.CORRUPT_ZIP.id, f"{texts.CORRUPT_ZIP.en}: {e}") from None



def inspect_archive(path: str | os.PathLike, limits: Limits | None = None) -> list[zipfile.ZipInfo]:
    """A plain .zip that carries workbooks (a folder sent as one file): the same checks as a workbook's own
    container (size, member count, declared unpacked size, compression ratio, encryption, local headers,
    shared data) before anything is unpacked; returns its members or raises PkError."""
    limits = limits or Limits()
    p = Path(path)
    size = p.stat().st_size
    if size > limits.max_file_bytes:
        said = texts.REFUSED_ARCHIVE_TOO_LARGE.format(size=_size(size), limit=_size(limits.max_file_bytes))
        raise _fail("too-large", p, *said)
    try:
        with zipfile.ZipFile(p) as zf:
            infos = zf.infolist()
            check_bomb(p, zf, infos, limits)
            return infos
    except (zipfile.BadZipFile, OSError, EOFError, struct.error, ValueError, zlib.error) as e:
        raise _corrupt(p, texts.CORRUPT_ZIP.id, f"{texts.CORRUPT_ZIP.en}: {e}") from None


def _read_small(zf: zipfile.ZipFile, name: str, cap: int = 1 << 20) -> bytes:
    with zf.open(name) as fh:
        return fh.read(cap)


def carries_macros(zf: zipfile.ZipFile, ctypes: opc.ContentTypes | None = None) -> bool:
    """Whether an OOXML package is a macro workbook, whatever its name: it holds a VBA project or declares the
    macro-enabled workbook type. Its validated copy is then an .xlsm (`output.output_path`)."""
    if ctypes is None:
        ctypes = opc.read_content_types(zf)
    if _MACRO_CT in ctypes.defaults.values() or _MACRO_CT in ctypes.overrides.values():
        return True
    return any(n.lower().endswith("vbaproject.bin") for n in zf.NameToInfo)


def _zip_kind(p: Path, zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> str:
    names = {i.filename for i in infos}
    if "mimetype" in names:
        mime = _read_small(zf, "mimetype", 256).decode("ascii", "replace").strip()
        if mime == _ODS_MIME or mime == _ODS_MIME + "-template":
            if "content.xml" not in names:
                raise _corrupt(p, *texts.CORRUPT_NO_CONTENT)
            return "ods"
        if "opendocument.text" in mime:
            raise _not_spreadsheet(p, _KINDS["odt"])
        if "opendocument.presentation" in mime:
            raise _not_spreadsheet(p, _KINDS["odp"])
        raise _not_spreadsheet(p, texts.NOT_A_WORKBOOK_OPENDOCUMENT.format(mime=mime[:60]))
    workbook = opc.main_part(zf)
    if workbook and workbook.endswith(".xml"):
        ctypes = opc.read_content_types(zf)
        types = {*ctypes.defaults.values(), *ctypes.overrides.values()}
        if workbook.startswith("xl/") or any("spreadsheetml" in t for t in types) or _MACRO_CT in types:
            return "xlsm" if carries_macros(zf, ctypes) else "xlsx"
    if (workbook and workbook.endswith(".bin")) or "xl/workbook.bin" in names:
        raise _not_spreadsheet(p, _KINDS["xlsb"])
    if any(n.startswith("word/") for n in names):
        raise _not_spreadsheet(p, _KINDS["docx"])
    if any(n.startswith("ppt/") for n in names):
        raise _not_spreadsheet(p, _KINDS["pptx"])
    if "xl/workbook.xml" not in names and any(n.startswith("xl/") for n in names):
        raise _corrupt(p, *texts.CORRUPT_NO_WORKBOOK_PART)
    raise _not_spreadsheet(p, _KINDS["zip"])


def _inspect_ole(p: Path) -> str:
    import olefile

    try:
        ole = olefile.OleFileIO(str(p))
    except Exception as e:  # noqa: BLE001 - olefile raises OSError or its own errors on a damaged file
        raise _corrupt(p, texts.CORRUPT_OLE.id, f"{texts.CORRUPT_OLE.en}: {e}") from None
    try:
        if ole.exists("EncryptionInfo") and ole.exists("EncryptedPackage"):
            raise _encrypted(p)
        for stream in ("Workbook", "Book"):
            if ole.exists(stream):
                if _biff_filepass(ole, stream):
                    raise _encrypted(p)
                return "xls"
        if ole.exists("WordDocument"):
            raise _not_spreadsheet(p, _KINDS["doc"])
        if ole.exists("PowerPoint Document"):
            raise _not_spreadsheet(p, _KINDS["ppt"])
        raise _not_spreadsheet(p, _KINDS["ole"])
    except PkError:
        raise
    except Exception as e:  # noqa: BLE001 - a damaged stream must become "corrupt", not a traceback
        raise _corrupt(p, texts.CORRUPT_OLE.id, f"{texts.CORRUPT_OLE.en}: {e}") from None
    finally:
        ole.close()


def _biff_filepass(ole, stream: str) -> bool:
    """True when the workbook globals of an .xls carry a FILEPASS record (the file is encrypted).

    FILEPASS follows BOF closely; only the start of the stream is read, up to the globals' EOF record.
    """
    with ole.openstream(stream) as fh:
        data = fh.read(1 << 16)
    pos = 0
    while pos + 4 <= len(data):
        rtype, length = struct.unpack_from("<HH", data, pos)
        if rtype == _BIFF_FILEPASS:
            return True
        if rtype == _BIFF_EOF:
            return False
        pos += 4 + length
    return False
