"""A capaian typed while the realisasi is missing (`-`, N/A, empty): there is nothing to compare with.

The author's capaian 0% beside a realisasi `-` is read as "realisasi 0" (they meant nothing was achieved):
that is an info, not an error, so the reader knows the assumption.

Passing:  | Nilai SAKIP | BB | N/A | N/A |
Info:     | Jumlah maklumat pelayanan | 1 dokumen | - | 0% | ->
          "Realisasi tertulis "-" dengan capaian 0%: realisasi dibaca 0."
Failing:  | Persentase layanan ber-SOP | 100% | - | 100% | ->
          "Capaian 100% tercatat, tetapi realisasi belum diisi ("-"). ..."
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from ..config import Config
from ..model import Document, Finding
from . import _indikator as h
from .base import finding

ID = "capaian-without-realisasi"
SEVERITY = "error"
SUMMARY = "Capaian diisi padahal realisasi belum ada"
SUMMARY_EN = "Capaian given while realisasi is missing"


def check(doc: Document, config: Config) -> Iterator[Finding]:
    me = sys.modules[__name__]
    for ind in doc.indicators:
        c = h.typed_capaian(ind)
        r = ind.realisasi
        if c is None:
            continue
        meant_zero = ind.status_reason == "realisasi-nol-dari-capaian"
        if not meant_zero and (r is None or not r.is_missing):
            continue
        r_cell, r_coord = h.place(doc, ind, "realisasi")
        rt, rt_en = h.shown(r, r_cell), h.shown_en(r, r_cell)
        ct = h.value_text(ind.capaian, ind.cells.get("capaian"))
        ct_en = h.value_text_en(ind.capaian, ind.cells.get("capaian"))
        if c == 0 and (meant_zero or (r is not None and r.kind == "missing")):
            yield finding(
                me,
                message_id=f'Realisasi tertulis "{rt}" dengan capaian {ct}: realisasi dibaca 0.',
                message_en=f'Realisasi written as "{rt_en}" with capaian {ct_en}: realisasi read as 0.',
                cell=r_cell,
                coord=r_coord,
                indicator=ind,
                severity="info",
                found=rt,
                expected="0",
            )
            continue
        cell, coord = h.place(doc, ind, "capaian")
        yield finding(
            me,
            message_id=(
                f'Capaian {ct} tercatat, tetapi realisasi belum diisi ("{rt}"). '
                "Mohon isi realisasi atau kosongkan capaian."
            ),
            message_en=(
                f'Capaian {ct_en} is recorded but realisasi is missing ("{rt_en}"). '
                "Please fill in the realisasi or clear the capaian."
            ),
            cell=cell,
            coord=coord,
            indicator=ind,
            found=ct,
            expected="realisasi diisi",
        )
