"""The signer's pangkat and golongan agree (Perka BKN: IV/a Pembina, III/d Penata Tk. I, ...).

Written as "Pembina / IV.a", "Pembina (IV/a)", "Penata Muda Tingkat I, III/b"; only a pangkat or only a
golongan is silent.

Passing:  "Pangkat : Pembina / IV.a"
Failing:  "Pangkat : Pembina / III.d" ->
          "Pangkat Pembina tidak sesuai dengan golongan III/d: Pembina adalah golongan IV/a, ..."
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from ..config import Config
from ..model import Document, Finding
from .base import finding

ID = "pangkat-golongan"
SEVERITY = "error"
SUMMARY = "Pangkat penanda tangan yang tidak sesuai dengan golongannya"
SUMMARY_EN = "A signer's pangkat that does not match the golongan"


def check(doc: Document, config: Config) -> Iterator[Finding]:
    from ..nip import parse_pangkat

    sig = doc.signature
    if sig is None:
        return
    text = sig.pangkat_cell.value if sig.pangkat_cell is not None else None
    p = parse_pangkat(text) if isinstance(text, str) else None
    if p is None and sig.pangkat and sig.golongan:
        p = parse_pangkat(f"{sig.pangkat} / {sig.golongan}")
    if p is None or p.consistent is not False:
        return
    yield finding(
        sys.modules[__name__],
        cell=sig.pangkat_cell,
        sheet=sig.sheet,
        message_id=(
            f"Pangkat {p.pangkat} tidak sesuai dengan golongan {p.golongan}: {p.pangkat} adalah golongan "
            f"{p.expected_golongan}, golongan {p.golongan} berpangkat {p.expected_pangkat}."
        ),
        message_en=(
            f"Pangkat {p.pangkat} does not match golongan {p.golongan}: {p.pangkat} is golongan "
            f"{p.expected_golongan}, golongan {p.golongan} is {p.expected_pangkat}."
        ),
        found=f"{p.pangkat} / {p.golongan}",
        expected=f"{p.pangkat} / {p.expected_golongan} atau {p.expected_pangkat} / {p.golongan}",
    )
