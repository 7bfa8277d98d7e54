"""A target or realisasi that Excel turned into a date.

Excel with Indonesian (or other day-first) regional settings reads `9.10` typed into a General cell as the date
9 October of the current year, and `9/10` likewise. The cell then holds a date, the sheet shows `09/10/2024`
or a serial number, and no capaian can be computed. We name the date, the number probably typed (day.month,
and month.day for a US-locale Excel), and whether the typed capaian fits one of them.

Passing:  | Rata-rata nilai kepuasan | 9,5 | 9,1 | 95,79% |
Failing:  | Rata-rata nilai kepuasan | 9,5 | 2024-10-09 | 95,79% | ->
          "Realisasi berisi tanggal 9 Oktober 2024, bukan angka: kemungkinan 9,10 yang diubah Excel menjadi
          tanggal. Capaian 95,79% sesuai dengan 9,10 ÷ 9,5 × 100 tetapi belum dapat diperiksa. ..."
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator

from ..config import Config
from ..model import Document, Finding
from ..scales import same_at_precision
from . import _indikator as h
from .base import finding

ID = "value-date"
SEVERITY = "warning"
SUMMARY = "Target atau realisasi berisi tanggal, kemungkinan angka yang diubah Excel menjadi tanggal"
SUMMARY_EN = "Target or realisasi holds a date, probably a number that Excel turned into a date"

_BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def typed_numbers(d: dt.date) -> list[tuple[float, str]]:
    """What was probably typed: day.month ('9.10' -> 9 Oct) first, then month.day (US order), as
    (number, text with a decimal comma). A one-digit month may have been typed '9.1' or '9.01'."""
    out: list[tuple[float, str]] = []
    for whole, frac in ((d.day, d.month), (d.month, d.day)):
        for digits in sorted({len(str(frac)), 2}):
            text = f"{whole},{frac:0{digits}d}"
            num = float(f"{whole}.{frac:0{digits}d}")
            if all(abs(num - n) > 1e-9 for n, _ in out):
                out.append((num, text))
    return out


def _as_date(v) -> dt.date | None:
    if v is None:
        return None
    if v.kind == "date" and v.date is not None:
        return v.date
    raw = v.raw
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    return None


def check(doc: Document, config: Config) -> Iterator[Finding]:
    me = sys.modules[__name__]
    # A date cell (and a text that reads as a date) is read as kind "date": the columns pick those rows.
    t_kind, r_kind = h.columns(doc, config, "target_kind", "realisasi_kind")
    for k in h.rows((t_kind == "date") | (r_kind == "date")):
        ind = doc.indicators[k]
        for role, label in (("target", "Target"), ("realisasi", "Realisasi")):
            v = getattr(ind, role)
            d = _as_date(v)
            if d is None:
                continue
            guesses = typed_numbers(d)
            shown_id = f"{d.day} {_BULAN[d.month - 1]} {d.year}"
            shown_en = f"{d.day} {_MONTHS[d.month - 1]} {d.year}"
            other = h.number_of(ind.realisasi if role == "target" else ind.target)
            fit = None
            typed = ind.capaian
            if other and typed is not None and typed.number is not None:
                for num, text in guesses:
                    t, r = (num, other) if role == "target" else (other, num)
                    if t and same_at_precision(typed, r / t * 100, config.tolerance):
                        fit = (num, text, t, r)
                        break
            first = fit[1] if fit else guesses[0][1]
            cap_id = cap_en = ""
            if fit and other is not None:  # (a fit needs the other number)
                cap = h.value_text(typed, ind.cells.get("capaian"))
                num, text = fit[0], fit[1]
                t_id, r_id = (text, h.num(other)) if role == "target" else (h.num(other), text)
                t_en, r_en = (t_id.replace(",", "."), h.num_en(other)) if role == "target" else (
                    h.num_en(other), r_id.replace(",", "."))
                cap_id = f" Capaian {cap} sesuai dengan {r_id} ÷ {t_id} × 100, tetapi belum dapat diperiksa."
                cap_en = f" The capaian {cap} fits {r_en} ÷ {t_en} × 100, but cannot be checked yet."
            elif typed is not None and typed.number is not None:
                cap = h.value_text(typed, ind.cells.get("capaian"))
                cap_id, cap_en = f" Capaian {cap} belum dapat diperiksa.", f" The capaian {cap} cannot be checked."
            cell, coord = h.place(doc, ind, role)
            yield finding(
                me,
                message_id=(
                    f"{label} berisi tanggal {shown_id}, bukan angka: kemungkinan {first} yang diubah Excel "
                    f"menjadi tanggal.{cap_id} Mohon ketik ulang angkanya dengan koma desimal, atau format sel "
                    "sebagai Teks/Angka terlebih dahulu."
                ),
                message_en=(
                    f"{label} holds the date {shown_en}, not a number: probably {first.replace(',', '.')} "
                    f"turned into a date by Excel.{cap_en} Please type the number again with a decimal comma, "
                    "or format the cell as Text/Number first."
                ),
                cell=cell,
                coord=coord,
                indicator=ind,
                found=shown_id,
                expected=first,
            )
