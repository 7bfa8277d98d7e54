"""The Renstra columns of the Renja evaluation form: realisasi up to this year, and its tingkat capaian.

On the Permendagri 86/2017 form, "Realisasi kinerja Renstra s/d tahun berjalan" (14 = 7 + 13) is the realisasi
up to last year plus the year's realisasi (for counts; percentages and indices are not cumulative and are left
alone), and "Tingkat capaian Renstra (%)" (15 = 14/6 x 100) is that realisasi against the Renstra target.

Passing:  | s/d tahun lalu 12 | tahun ini 3 | s/d tahun ini 15 |
Failing:  | s/d tahun lalu 12 | tahun ini 3 | s/d tahun ini 14 | ->
          "Realisasi Renstra s/d tahun ini tercatat 14, seharusnya 15 (s/d tahun lalu 12 + tahun ini 3)."
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from ..config import Config
from ..measure import is_rate
from ..model import Document, Finding
from ..values import parse
from . import _indikator as h
from .base import finding

ID = "renstra-kumulatif"
SEVERITY = "warning"
SUMMARY = "Realisasi Renstra s/d tahun ini (tahun lalu + tahun ini) atau tingkat capaian Renstra yang tidak sesuai"
SUMMARY_EN = "Renstra realisasi up to this year (last year's + this year's) or Renstra capaian that does not add up"


def check(doc: Document, config: Config) -> Iterator[Finding]:
    yield from _cumulative(doc, config)
    yield from _renstra_capaian(doc, config)


def _renstra_capaian(doc: Document, config: Config) -> Iterator[Finding]:
    from ..measure import same_at_precision

    me = sys.modules[__name__]
    for ind in doc.indicators:
        cells = [ind.cells.get(k) for k in ("realisasi_renstra", "target_renstra", "capaian_renstra")]
        if any(c is None for c in cells):
            continue
        r, t, c = (parse(x.value, x.number_format, role) for x, role in zip(cells, ("realisasi", "target", "capaian")))
        if r.number is None or not t.number or c.number is None:
            continue
        want = r.number / t.number * 100
        if same_at_precision(c, want, config.tolerance):
            continue
        yield finding(
            me,
            cell=cells[2],
            indicator=ind,
            message_id=(f"Tingkat capaian Renstra tercatat {cells[2].text}, seharusnya {h.pct(want)} (realisasi "
                        f"s/d tahun ini {h.num(r.number)} ÷ target Renstra {h.num(t.number)} × 100)."),
            message_en=(f"Renstra capaian recorded as {cells[2].text}, should be {h.pct_en(want)} (realisasi up to "
                        f"this year {h.num_en(r.number)} ÷ Renstra target {h.num_en(t.number)} × 100)."),
            found=cells[2].text,
            expected=h.pct(want),
        )


def _cumulative(doc: Document, config: Config) -> Iterator[Finding]:
    me = sys.modules[__name__]
    for ind in doc.indicators:
        lalu, upto = ind.cells.get("realisasi_lalu"), ind.cells.get("realisasi_renstra")
        year = h.number_of(ind.realisasi)
        if lalu is None or upto is None or year is None or is_rate(ind):
            continue
        a = parse(lalu.value, lalu.number_format, "realisasi").number
        b = parse(upto.value, upto.number_format, "realisasi").number
        if a is None or b is None or abs(a + year - b) <= 1e-6 * max(1.0, abs(b)):
            continue
        yield finding(
            me,
            cell=upto,
            indicator=ind,
            message_id=(f"Realisasi Renstra s/d tahun ini tercatat {h.num(b)}, seharusnya {h.num(a + year)} "
                        f"(s/d tahun lalu {h.num(a)} + tahun ini {h.num(year)})."),
            message_en=(f"Renstra realisasi up to this year recorded as {h.num_en(b)}, should be "
                        f"{h.num_en(a + year)} (up to last year {h.num_en(a)} + this year {h.num_en(year)})."),
            found=h.num(b),
            expected=h.num(a + year),
        )
