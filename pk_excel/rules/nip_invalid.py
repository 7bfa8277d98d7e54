"""The signer's NIP: 18 digits whose parts make sense (birth date, TMT CPNS, gender digit, sequence).

A PNS NIP is birth date (8) + TMT CPNS year-month (6) + gender 1/2 (1) + sequence (3); an NI PPPK has a
year and a 2-digit code where the TMT month would be, so digits 13-14 above 12 are not an error there.
All problems of one NIP go into one finding on its cell. The gender digit is never checked against the
name (names do not say gender reliably). A missing NIP is `signature-incomplete`'s business.

Passing:  NIP. 19711010 199312 2 003
Failing:  NIP. 19711010 199312 3 003 ->
          "NIP 19711010 199312 3 003 tidak sah: digit ke-15 NIP (3) harus 1 (laki-laki) atau 2 (perempuan)."
"""

from __future__ import annotations

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
    from ..values import parse_nip

    sig = doc.signature
    if sig is None or sig.nip_cell is None or not any(ch.isdigit() for ch in sig.nip or ""):
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
