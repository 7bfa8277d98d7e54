"""The signer's NIP: 18 digits whose parts make sense (birth date, TMT CPNS, gender digit, sequence).

A PNS NIP is birth date (8) + TMT CPNS year-month (6) + gender 1/2 (1) + sequence (3); an NI PPPK has a
year and a 2-digit code where the TMT month would be, so digits 13-14 above 12 are not an error there.
All problems of one NIP go into one finding on its cell. The gender digit is never checked against the
name (names do not say gender reliably). A missing NIP is `signature-incomplete`'s business.

A NIP typed as a number (Excel keeps 15 significant digits: the 18-digit NIP ends in zeros, or shows as
`1,97503E+17`) has lost its last digits for good: that is reported alone, whatever else is wrong.

Passing:  NIP. 19711010 199312 2 003
Failing:  NIP. 19711010 199312 3 003 ->
          "NIP 19711010 199312 3 003 tidak sah: digit ke-15 NIP (3) harus 1 (laki-laki) atau 2 (perempuan)."
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

from ..config import Config
from ..model import Document, Finding
from .base import finding

ID = "nip-invalid"
SEVERITY = "error"
SUMMARY = "NIP penanda tangan yang tidak sah (panjang, tanggal lahir, TMT, kode jenis kelamin)"
SUMMARY_EN = "An invalid signer's NIP (length, birth date, TMT, gender digit)"


def check(doc: Document, config: Config) -> Iterator[Finding]:
    from ..nip import parse_nip

    sig = doc.signature
    if sig is None or sig.nip_cell is None or not any(ch.isdigit() for ch in sig.nip or ""):
        return
    lost = _digits_lost(sig.nip_cell.value)
    if lost is not None:
        yield finding(
            sys.modules[__name__],
            cell=sig.nip_cell,
            message_id=(
                f"NIP tersimpan sebagai angka ({lost}): Excel hanya menyimpan 15 digit, sehingga digit terakhir "
                f"NIP hilang (kini terbaca {sig.nip}). Mohon ketik ulang NIP sebagai teks (awali dengan tanda "
                "petik ' atau format sel sebagai Teks)."
            ),
            message_en=(
                f"The NIP is stored as a number ({lost}): Excel keeps only 15 digits, so its last digits are lost "
                f"(it now reads {sig.nip}). Please type the NIP again as text (start with ' or format the cell "
                "as Text)."
            ),
            found=lost,
            expected="NIP 18 digit sebagai teks",
        )
        return
    nip = parse_nip(sig.nip_cell.value) or parse_nip(sig.nip)
    raw = (sig.nip or "").strip()
    if nip is None:
        problems = [
            ("unreadable", "NIP tidak dapat dibaca sebagai 18 digit", "the NIP does not read as 18 digits")
        ]
        shown = raw
    else:
        problems = list(nip.problems)
        shown = nip.formatted()
    if not problems:
        return
    details_id = "; ".join(p[1] for p in problems)
    details_en = "; ".join(p[2] for p in problems)
    yield finding(
        sys.modules[__name__],
        cell=sig.nip_cell,
        message_id=f"NIP {shown} tidak sah: {details_id}. Mohon periksa kembali NIP ini.",
        message_en=f"NIP {shown} is not valid: {details_en}. Please check this NIP.",
        found=shown,
    )


_SCIENTIFIC = re.compile(r"^\s*\d[.,]\d+\s*e\+?\d+\s*$", re.I)


def _digits_lost(v) -> str | None:
    """How a NIP cell that lost digits shows (`1,97503E+17`), or None: a number of 16 or more digits, or
    the text of one in scientific notation."""
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)) and abs(v) >= 1e15:
        mant, exp = (f"{float(v):.5e}").split("e")
        return f"{mant.replace('.', ',')}E+{int(exp)}"
    if isinstance(v, str):
        text = _NIP_LABEL.sub("", v)
        if _SCIENTIFIC.match(text):
            return text.strip()
    return None


_NIP_LABEL = re.compile(r"^\s*(nip|ni\s*pppk)\b\.?\s*:?\s*", re.I)
