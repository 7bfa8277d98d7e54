"""The pair every user text is (`Text`), saying it in one language (`pick`), counting (`counted`)."""

from __future__ import annotations

import errno
from typing import Final, Literal, NamedTuple

Lang = Literal["id", "en"]
LANGS: Final[tuple[Lang, ...]] = ("id", "en")


class Text(NamedTuple):
    """One message in both languages. Fields are written `{name}`, as for str.format."""

    id: str
    en: str

    def format(self, **fields: object) -> Text:
        """Both languages with their `{name}` fields filled; a field that is itself a `Text` (a detail, a size
        written in each language's style) is said in each language."""
        return Text(self.id.format(**_said(fields, "id")), self.en.format(**_said(fields, "en")))

    def prefixed(self, prefix: str) -> Text:
        """Both languages after the same prefix (a file's name: ``"x.xlsx: "``)."""
        return Text(prefix + self.id, prefix + self.en)


def lang_of(lang: str | None) -> Lang:
    """Any language asked (None, "", "id", "en", ...) as one pk-excel speaks: English only when asked."""
    return "en" if lang == "en" else "id"


def pick(text: Text, lang: str | None, /, **fields: object) -> str:
    """`text` in `lang` (Indonesian unless "en"), with its `{name}` fields filled when any are given."""
    said = text.en if lang == "en" else text.id
    return said.format(**_said(fields, lang_of(lang))) if fields else said


def _said(fields: dict[str, object], lang: Lang) -> dict[str, object]:
    """The fields, each `Text` among them in `lang`."""
    return {k: (v.en if lang == "en" else v.id) if isinstance(v, Text) else v for k, v in fields.items()}


# --- counting: "2 kesalahan", "2 errors" ----------------------------------------------------------------------

# English nouns take an "s" when there is not exactly one; Indonesian nouns do not change.
NOUNS: Final[dict[str, Text]] = {
    "error": Text("kesalahan", "error"),
    "warning": Text("peringatan", "warning"),
    "info": Text("info", "info"),
    "file": Text("berkas", "file"),
    "indicator": Text("indikator", "indicator"),
    "finding": Text("temuan", "finding"),
}


def counted(n: int, noun: str, lang: str | None = "id") -> str:
    """'1 error', '2 errors', '0 errors'; '2 kesalahan'. "info" stays as it is in both languages."""
    word = pick(NOUNS[noun], lang)
    if lang == "en" and n != 1 and noun != "info":
        word += "s"
    return f"{n} {word}"




# --- why the system refused: an OSError said in both languages ------------------------------------------------

_OS_REASONS: Final[dict[str, Text]] = {
    "ENOENT": Text("tidak ditemukan", "not found"),
    "EACCES": Text("izin ditolak", "permission denied"),
    "EPERM": Text("izin ditolak", "permission denied"),
    "ENOSPC": Text("ruang disk penuh", "no space left on the disk"),
    "EDQUOT": Text("kuota disk habis", "disk quota exceeded"),
    "EROFS": Text("disk hanya dapat dibaca", "read-only disk"),
    "EISDIR": Text("ini sebuah folder", "is a folder"),
    "ENOTDIR": Text("bagian jalurnya bukan folder", "a part of the path is not a folder"),
    "EEXIST": Text("sudah ada", "already exists"),
    "ENAMETOOLONG": Text("nama terlalu panjang", "name too long"),
    "EBUSY": Text("sedang dipakai program lain", "in use by another program"),
    "EADDRINUSE": Text("alamat sudah dipakai program lain", "address already in use"),
    "EADDRNOTAVAIL": Text("alamat tidak tersedia di komputer ini", "address not available on this computer"),
    "EIO": Text("kesalahan baca/tulis perangkat", "input/output error"),
    "EMFILE": Text("terlalu banyak berkas terbuka", "too many open files"),
}


def os_reason(exc: OSError) -> Text:
    """Why the operating system refused, in both languages: common causes (by errno name, as `errno` spells
    them) have their own words; any other keeps the system's own text, the same in both."""
    name = errno.errorcode.get(exc.errno or -1, "")
    if name in _OS_REASONS:
        return _OS_REASONS[name]
    said = exc.strerror or str(exc) or type(exc).__name__
    return Text(said, said)
