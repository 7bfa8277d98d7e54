"""A capaian typed while the realisasi is missing (`-`, N/A, empty): there is nothing to compare with.

The author's capaian 0% beside a realisasi `-` is read as "realisasi 0" (they meant nothing was achieved):
that is an info, not an error, so the reader knows the assumption (the JSON then gives realisasi 0 too).
A capaian formula that turns the missing realisasi into 0% (`=IFERROR(F8/E8*100,0)` beside `-`) is a
warning: the 0 came from the formula, not from the office, so the realisasi stays missing.

Passing:  | Nilai SAKIP | BB | N/A | N/A |
Info:     | Jumlah maklumat pelayanan | 1 dokumen | - | 0% | ->
          "Realisasi tertulis "-" dengan capaian 0%: realisasi dibaca 0."
Warning:  | Jumlah laporan | 4 | - | =IFERROR(F8/E8*100,0) | ->
          "Realisasi belum diisi ("-"), tetapi rumus capaian =IFERROR(F8/E8*100,0) menampilkan 0%: ..."
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
    import numpy as np

    me = sys.modules[__name__]
    # The columns pick the rows with a capaian and no realisasi (missing, or read as 0 from the capaian).
    recorded, r_kind, reason = h.columns(doc, config, "capaian", "realisasi_kind", "status_reason")
    no_realisasi = h.has_kind(r_kind, "missing", "empty") | (reason == "realisasi-nol-dari-capaian")
    for k in h.rows(~np.isnan(recorded) & no_realisasi):
        ind = doc.indicators[k]
        c = h.typed_capaian(ind)
        r = ind.realisasi
        if c is None:
            continue
        meant_zero = ind.status_reason == "realisasi-nol-dari-capaian"
        if not meant_zero and (r is None or not r.is_missing):
            continue
        rc = ind.cells.get("realisasi")
        if rc is not None and rc.formula and rc.value is None:
            continue  # a formula nobody computed: its value is unknown, not missing
        r_cell, r_coord = h.place(doc, ind, "realisasi")
        rt, rt_en = h.shown(r, r_cell), h.shown_en(r, r_cell)
        ct = h.value_text(ind.capaian, ind.cells.get("capaian"))
        ct_en = h.value_text_en(ind.capaian, ind.cells.get("capaian"))
        formula = h.formula_cell(ind)
        if c == 0 and formula is not None:
            shown = h.formula_text(formula)
            yield finding(
                me,
                message_id=(
                    f'Realisasi belum diisi ("{rt}"), tetapi rumus capaian {shown} menampilkan {ct}: angka 0 itu '
                    "berasal dari rumus, bukan dari data. Mohon isi realisasi, atau tulis 0 bila memang tidak "
                    "ada hasil."
                ),
                message_en=(
                    f'Realisasi is missing ("{rt_en}"), but the capaian formula {shown} shows {ct_en}: that 0 comes '
                    "from the formula, not from the data. Please fill in the realisasi, or type 0 if nothing "
                    "was achieved."
                ),
                cell=formula,
                indicator=ind,
                severity="warning",
                found=rt,
                expected="realisasi diisi",
            )
            continue
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
