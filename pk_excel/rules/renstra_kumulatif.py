"""The Renstra realisasi up to this year against the realisasi up to last year plus this year's.

On the Renja evaluation form (Permendagri 86/2017) the column "Realisasi kinerja Renstra s/d tahun berjalan"
is the realisasi up to last year plus the year's realisasi. For counts the two must add up; percentages and
indices are not cumulative and are left alone.

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
SUMMARY = "Realisasi Renstra s/d tahun ini yang tidak sama dengan realisasi s/d tahun lalu ditambah tahun ini"
SUMMARY_EN = "Renstra realisasi up to this year that is not last year's cumulative plus this year's"


def check(doc: Document, config: Config) -> Iterator[Finding]:
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
