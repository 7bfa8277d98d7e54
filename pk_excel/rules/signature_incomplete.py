"""The signature block under the table: place and date, the signer's name and, for a civil servant, the NIP.

Elected and political office holders (Bupati, Wali Kota, Gubernur, their Wakil, Kepala Desa, Menteri)
sign without NIP, so a missing NIP is fine for them. Everything missing goes into one finding on the
block. A table with no signature block at all gets one info finding (a draft is often unsigned).

Passing:  "Bajeng, 26 Februari 2024" / "CAMAT BAJENG" / "SITI HAERANI, S.Sos" / "NIP. 19711010 199312 2 003"
Failing:  the same without the NIP line -> "Blok tanda tangan belum lengkap: NIP belum dicantumkan."
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

from ..config import Config
from ..model import Document, Finding
from .base import finding

ID = "signature-incomplete"
SEVERITY = "warning"
SUMMARY = "Blok tanda tangan yang belum lengkap (tempat, tanggal, nama, NIP)"
SUMMARY_EN = "An incomplete signature block (place, date, name, NIP)"

_ELECTED = re.compile(
    r"\b(bupati|wali\s*kota|walikota|gubernur|kepala\s+desa|kades|menteri|presiden|ketua\s+dprd)\b",
    re.IGNORECASE,
)


def check(doc: Document, config: Config) -> Iterator[Finding]:
    rule = sys.modules[__name__]
    sig = doc.signature
    if sig is None:
        if doc.tables:
            t = doc.tables[0]
            yield finding(
                rule,
                sheet=t.sheet,
                row=t.last_row + 1,  # below the table, where the signature belongs (not an indicator row)
                severity="info",
                message_id="Blok tanda tangan (tempat, tanggal, nama, NIP) tidak ditemukan di bawah tabel.",
                message_en="No signature block (place, date, name, NIP) was found under the table.",
            )
        return
    missing: list[tuple[str, str]] = []
    if sig.date_cell is None or not sig.place or any(ch.isdigit() for ch in sig.place):
        missing.append(("tempat", "place"))
    if sig.date is None:
        missing.append(("tanggal", "date"))
    if not sig.name:
        missing.append(("nama", "name"))
    elected = _ELECTED.search(f"{sig.position or ''} {sig.name or ''}") is not None
    if not elected and not any(ch.isdigit() for ch in sig.nip or ""):
        missing.append(("NIP", "NIP"))
    if not missing:
        return
    parts_id = ", ".join(m[0] for m in missing)
    parts_en = ", ".join(m[1] for m in missing)
    cell = sig.date_cell or sig.name_cell or sig.nip_cell
    yield finding(
        rule,
        cell=cell,
        sheet=sig.sheet,
        message_id=f"Blok tanda tangan belum lengkap: {parts_id} belum dicantumkan.",
        message_en=f"The signature block is incomplete: {parts_en} missing.",
        found=f"tidak ada {parts_id}",
    )
