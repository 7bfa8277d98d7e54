"""The year's realisasi against its quarters (or months), on forms that have both.

The Renja evaluation form (Permendagri 86/2017) has realisasi per triwulan I-IV and a realisasi of the year
("13 = 9+10+11+12"). For a count the year is the sum of the quarters; for a percentage, index or average
(see `measure.is_rate`) it is the last quarter filled, or their average: either is accepted. A warning only
when the year's figure matches none of them; a typed 0 over quarters that hold values is said so. A capaian
per quarter (TW IV %, s/d TW IV %) must fit the quarters' realisasi against the year's target (TW IV 100%
while every quarter's K is 0 is a contradiction).

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
SUMMARY = "Realisasi atau capaian tahun ini yang tidak sesuai dengan realisasi per triwulan"
SUMMARY_EN = "The year's realisasi or a quarter's capaian that does not match the realisasi per quarter"


def _close(a: float, b: float, decimals: int | None) -> bool:
    return abs(a - b) <= 0.5 * 10 ** -(decimals if decimals is not None else 2) + 1e-9


def _quarters(ind, table) -> list[float | None]:
    pct = "realisasi" in table.percent_columns
    out: list[float | None] = []
    for c in ind.periods:
        v = parse(c.value, c.number_format, "realisasi", pct) if c is not None else None
        out.append(v.number if v is not None and v.kind in ("number", "percent") else None)
    return out


def check(doc: Document, config: Config) -> Iterator[Finding]:
    yield from _year(doc, config)
    yield from _quarter_capaian(doc, config)


def _quarter_capaian(doc: Document, config: Config) -> Iterator[Finding]:
    """A capaian per quarter (or s/d TW n) against the quarters' realisasi: TW IV 100% while every quarter's
    K is 0 is a contradiction. Accepted: the cumulative realisasi up to the quarter, or the quarter alone,
    against the year's target (for rates: the quarter's value)."""
    from ..scales import same_at_precision

    me = sys.modules[__name__]
    for k in h.rows_in_tables(doc, config, [i for i, t in enumerate(doc.tables) if t.periods]):
        ind = doc.indicators[k]
        table = doc.tables[ind.table]
        t = h.number_of(ind.target)
        if not ind.periods or not t or table.period_kind == "bulan":
            continue
        qs = _quarters(ind, table)
        for n in range(1, 5):
            cell = ind.cells.get(f"capaian_tw{n}")
            if cell is None or n > len(qs):
                continue
            typed = parse(cell.value, cell.number_format, "capaian", True)
            if typed.number is None:
                continue
            upto = [q for q in qs[:n] if q is not None]
            alone = qs[n - 1]
            fits = [math.fsum(upto) / t * 100] if upto else [0.0]
            if alone is not None:
                fits.append(alone / t * 100)
            if any(same_at_precision(typed, x, config.tolerance) for x in fits):
                continue
            cum = math.fsum(upto)
            yield finding(
                me,
                cell=cell,
                indicator=ind,
                message_id=(f"Capaian triwulan {_ROMAN[n]} tercatat {cell.text}, padahal realisasi triwulan I–"
                            f"{_ROMAN[n]} berjumlah {h.num(cum)} ({h.pct(cum / t * 100)} dari target {h.num(t)})."),
                message_en=(f"The quarter {_ROMAN[n]} capaian is {cell.text}, while the realisasi of quarters I–"
                            f"{_ROMAN[n]} adds up to {h.num_en(cum)} ({h.pct_en(cum / t * 100)} of the target "
                            f"{h.num_en(t)})."),
                found=cell.text,
                expected=h.pct(cum / t * 100),
            )


_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _year(doc: Document, config: Config) -> Iterator[Finding]:
    me = sys.modules[__name__]
    for k in h.rows_in_tables(doc, config, [i for i, t in enumerate(doc.tables) if t.periods]):
        ind = doc.indicators[k]
        table = doc.tables[ind.table]
        if not ind.periods or ind.realisasi_derived or table.columns.get("realisasi") in table.periods:
            continue
        year = h.number_of(ind.realisasi)
        if year is None:
            continue
        nums = [q for q in _quarters(ind, table) if q is not None]
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
