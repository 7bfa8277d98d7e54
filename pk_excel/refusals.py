"""The refusals of the guard (`guard`, `zipcheck`): each a `PkError` with a stable code and a one-line message in
Bahasa Indonesia and English that names the file and says what to do (the texts are `texts.REFUSED_*`). Sizes
are written for people.
"""

from __future__ import annotations

from pathlib import Path

from . import texts
from .model import PkError
from .texts import Text


def fail(code: str, path: Path | str, msg_id: str, msg_en: str) -> PkError:
    """The refusal `code` of the file at `path`, its name before each message (``fail(code, p, *text)``)."""
    return PkError(code, f"{path}: {msg_id}", f"{path}: {msg_en}", path=str(path))


def size_text(n: float) -> str:
    """Bytes for people: 1.5 GB in English style; the Indonesian message swaps the decimal point."""
    for unit in ("byte", "KB", "MB", "GB", "TB"):
        if n < 1024 or unit == "TB":
            return f"{n:.0f} {unit}" if unit == "byte" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} TB"


def size_id(n: float) -> str:
    return size_text(n).replace(".", ",")


def size(n: float) -> Text:
    """A size in each language's style, as a `Text` field: "1,5 MB", "1.5 MB"."""
    return Text(size_id(n), size_text(n))


def no_permission(p: Path) -> PkError:
    return fail("no-permission", p, *texts.REFUSED_NO_PERMISSION)


def corrupt(p: Path, detail_id: str, detail_en: str | None = None) -> PkError:
    detail_en = " ".join((detail_en or detail_id).split())[:160]
    return fail("corrupt", p, *texts.REFUSED_CORRUPT.format(detail=Text(detail_id, detail_en)))


def encrypted(p: Path) -> PkError:
    return fail("encrypted", p, *texts.REFUSED_ENCRYPTED)


def not_spreadsheet(p: Path, what: Text | None) -> PkError:
    """Not a workbook; `what` says what it is instead (`texts.NOT_A_WORKBOOK_KINDS`), when known."""
    if what is None:
        return fail("not-spreadsheet", p, *texts.REFUSED_NOT_A_WORKBOOK)
    return fail("not-spreadsheet", p, *texts.REFUSED_NOT_A_WORKBOOK_BUT.format(what=what))
