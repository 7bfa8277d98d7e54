"""The refusals of the guard (`guard`, `zipcheck`): each a `PkError` with a stable code and a one-line message in
Bahasa Indonesia and English that names the file and says what to do. Sizes are written for people.
"""

from __future__ import annotations

from pathlib import Path

from .model import PkError


def fail(code: str, path: Path | str, msg_id: str, msg_en: str) -> PkError:
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


def no_permission(p: Path) -> PkError:
    return fail(
        "no-permission",
        p,
        "berkas tidak dapat dibaca (izin ditolak); minta izin baca atau salin berkas ke folder Anda sendiri.",
        "the file cannot be read (permission denied); ask for read access or copy it to your own folder.",
    )


def corrupt(p: Path, detail_id: str, detail_en: str | None = None) -> PkError:
    detail_en = " ".join((detail_en or detail_id).split())[:160]
    return fail(
        "corrupt",
        p,
        f"berkas rusak atau tidak lengkap ({detail_id}); buka dan simpan ulang di Excel, atau minta salinan baru.",
        f"the file is damaged or incomplete ({detail_en}); open and re-save it in Excel, or ask for a new copy.",
    )


def encrypted(p: Path) -> PkError:
    return fail(
        "encrypted",
        p,
        "buku kerja dilindungi kata sandi; buka di Excel, hapus kata sandinya (File > Info > Lindungi Buku "
        "Kerja > Enkripsi dengan Kata Sandi), simpan, lalu periksa lagi.",
        "the workbook is password-protected; open it in Excel, remove the password (File > Info > Protect "
        "Workbook > Encrypt with Password), save, and check it again.",
    )


def not_spreadsheet(p: Path, what: tuple[str, str] | None) -> PkError:
    if what is None:
        return fail(
            "not-spreadsheet",
            p,
            "bukan buku kerja Excel atau LibreOffice; buka di aplikasinya lalu simpan sebagai .xlsx.",
            "not an Excel or LibreOffice workbook; open it in its application and save it as .xlsx.",
        )
    what_id, what_en = what
    return fail(
        "not-spreadsheet",
        p,
        f"bukan buku kerja, melainkan {what_id}; pk-excel memeriksa berkas .xlsx, .xlsm, .xls, dan .ods: "
        "minta atau simpan versi .xlsx-nya.",
        f"not a workbook but {what_en}; pk-excel checks .xlsx, .xlsm, .xls and .ods files: ask for or save "
        "an .xlsx version.",
    )
