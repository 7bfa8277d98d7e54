"""The year's realisasi against its quarters (or months), on forms that have both.

The Renja evaluation form (Permendagri 86/2017) has realisasi per triwulan I-IV and a realisasi of the year
("13 = 9+10+11+12"). For a count the year is the sum of the quarters; for a percentage, index or average
(see `measure.is_rate`) it is the last quarter filled, or their average: either is accepted. A warning only
when the year's figure matches none of them; a typed 0 over quarters that hold values is said so.

Passing:  | Jumlah laporan | 4 | TW: 1 1 1 0 | tahun: 3 |
Failing:  | Jumlah laporan | 4 | TW: 1 1 1 0 | tahun: 4 | ->
          "Realisasi tahun ini 4 tidak sama dengan jumlah realisasi triwulan I-IV (1 + 1 + 1 + 0 = 3). ..."
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterator

from ..config import Config
from ..measure import is_rate
from ..model import Document, Finding
from ..values import parse
from . import _indikator as h
from .base import finding

ID = "realisasi-triwulan"
SEVERITY = "warning"
SUMMARY = "Realisasi tahun ini tidak sesuai dengan realisasi per triwulan (jumlah, triwulan terakhir, atau rata-rata)"
SUMMARY_EN = "The year's realisasi does not match its quarters (their sum, the last quarter, or their average)"


def _close(a: float, b: float, decimals: int | None) -> bool:
    return abs(a - b) <= 0.5 * 10 ** -(decimals if decimals is not None else 2) + 1e-9


def check(doc: Document, config: Config) -> Iterator[Finding]:
    me = sys.modules[__name__]
    for ind in doc.indicators:
        table = doc.tables[ind.table]
        if not ind.periods or ind.realisasi_derived or table.columns.get("realisasi") in table.periods:
            continue
        year = h.number_of(ind.realisasi)
        if year is None:
            continue
        pct = "realisasi" in table.percent_columns
        nums = []
        for c in ind.periods:
            v = parse(c.value, c.number_format, "realisasi", pct) if c is not None else None
            if v is not None and v.number is not None and v.kind in ("number", "percent"):
                nums.append(v.number)
        if not nums:
            continue
        total, last, mean = math.fsum(nums), nums[-1], math.fsum(nums) / len(nums)
        dec = ind.realisasi.decimals if ind.realisasi is not None else None
        rate = is_rate(ind)
        # a count is their sum, or the last one when the quarters were typed cumulatively (never decreasing)
        cumulative = all(a <= b for a, b in zip(nums, nums[1:]))
        fits = (last, mean, total) if rate else ((total, last) if cumulative else (total,))
        if any(_close(year, x, dec) for x in fits) and not (year == 0 and any(nums)):
            continue
        label = "triwulan" if table.period_kind != "bulan" else "bulan"
        parts = " + ".join(h.num(x) for x in nums)
        cell, coord = h.place(doc, ind, "realisasi")
        if year == 0 and any(x != 0 for x in nums):
            msg_id = (f"Realisasi tahun ini diketik 0, padahal realisasi per {label} berisi nilai "
                      f"({parts} = {h.num(total)}). Mohon isi realisasi tahun ini (atau kembalikan rumusnya).")
            msg_en = (f"The year's realisasi is typed 0 while the {'quarters' if label == 'triwulan' else 'months'} "
                      f"hold values ({parts} = {h.num_en(total)}). Please fill it in (or restore its formula).")
        elif rate:
            msg_id = (f"Realisasi tahun ini {h.num(year)} tidak sama dengan realisasi {label} terakhir "
                      f"({h.num(last)}) maupun rata-rata per {label} ({h.num(mean)}). Mohon periksa kembali.")
            msg_en = (f"The year's realisasi {h.num_en(year)} matches neither the last period ({h.num_en(last)}) "
                      f"nor the average of the periods ({h.num_en(mean)}). Please check it.")
        else:
            msg_id = (f"Realisasi tahun ini {h.num(year)} tidak sama dengan jumlah realisasi per {label} "
                      f"({parts} = {h.num(total)}). Mohon periksa kembali.")
            msg_en = (f"The year's realisasi {h.num_en(year)} is not the sum of the periods "
                      f"({parts} = {h.num_en(total)}). Please check it.")
        yield finding(me, message_id=msg_id, message_en=msg_en, cell=cell, coord=coord, indicator=ind,
                      found=h.num(year), expected=h.num(total if not rate else last))
