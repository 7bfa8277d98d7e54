"""The years of a document: the title's year, the header's year ("Target 2024") and the signing date.

A measurement of year Y (PENGUKURAN / LAPORAN / LKjIP) is signed after Y ends: Januari-Maret Y+1 is in
time (the LKjIP is due 2 months after year end, 3 for a Pemda); later in Y+1 is late (warning); in Y or
before, or in Y+2 or later, the date or the year is wrong (error). A Perjanjian Kinerja of year Y is signed
early in Y (or in November-Desember Y-1, within a month of the DPA); a quarterly measurement (triwulan,
semester) may be signed within Y. When the title says neither, only a date outside Y-1..Y+1 fires.

Passing:  "PENGUKURAN PERJANJIAN KINERJA TAHUN 2023", signed "Bajeng, 26 Februari 2024"
Failing:  the same title signed "Bajeng, 26 Februari 2023" ->
          "Pengukuran kinerja tahun 2023 ditandatangani 26 Februari 2023, sebelum tahun 2023 berakhir."
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

from ..config import Config
from ..model import Document, Finding, Severity
from . import _doc
from .base import finding

ID = "year-mismatch"
SEVERITY = "error"
SUMMARY = "Tahun judul, judul kolom, dan tanggal penandatanganan yang tidak sesuai"
SUMMARY_EN = "Title year, header year and signing date that do not agree"

_BULAN = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
_MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

_MEASUREMENT = re.compile(
    r"\b(pengukuran|laporan|lkjip|lkip|lakip|lkj|capaian|realisasi|evaluasi|pencapaian)\b", re.IGNORECASE
)
_PERIODIC = re.compile(r"\b(triwulan|tw|semester|bulan|caturwulan)\b", re.IGNORECASE)
_PK = re.compile(r"\bperjanjian\b", re.IGNORECASE)

_LAST_MONTH_IN_TIME = 3  # the LKjIP of a Pemda is due 3 months after year end; an SKPD's after 2


def _kind(doc: Document) -> str | None:
    """ "pengukuran" (yearly measurement), "periodik" (quarterly/semester), "perjanjian", or None."""
    title = doc.title or ""
    if _MEASUREMENT.search(title):
        return "periodik" if _PERIODIC.search(title) else "pengukuran"
    if _PK.search(title) and not any("realisasi" in t.columns for t in doc.tables):
        return "perjanjian"
    return None


def _date_id(d) -> str:
    return f"{d.day} {_BULAN[d.month - 1]} {d.year}"


def _date_en(d) -> str:
    return f"{d.day} {_MONTHS_EN[d.month - 1]} {d.year}"


def check(doc: Document, config: Config) -> Iterator[Finding]:
    rule = sys.modules[__name__]
    year = doc.year
    for table in doc.tables:
        hy = table.header_year
        if hy is None:
            continue
        if year is None:
            year = hy
            continue
        ref = table.title_year or year  # a sheet whose own title names its year is judged by it
        if hy != ref:
            yield finding(
                rule,
                sheet=table.sheet,
                row=table.header_rows[0] if table.header_rows else None,
                coord=_doc.header_coord(table, "target", "realisasi", "capaian"),
                severity="warning",
                message_id=(
                    f"Judul kolom menyebut tahun {hy}, sedangkan judul dokumen menyebut tahun {ref}. "
                    f"Mohon samakan tahunnya."
                ),
                message_en=f"The header names the year {hy}, while the title names {ref}. Please make them agree.",
                found=str(hy),
                expected=str(ref),
            )
    sig = doc.signature
    own = next((t.title_year for t in doc.tables if sig is not None and t.sheet == sig.sheet and t.title_year), None)
    yield from _signing(doc, own or year)


def _signing(doc: Document, year: int | None) -> Iterator[Finding]:
    rule = sys.modules[__name__]
    sig = doc.signature
    if year is None or sig is None or sig.date is None:
        return
    d = sig.date
    kind = _kind(doc)
    signed_id, signed_en = _date_id(d), _date_en(d)
    severity: Severity = "error"
    if kind == "pengukuran":
        what_id, what_en = f"Pengukuran kinerja tahun {year}", f"The performance measurement of {year}"
        if d.year <= year:
            why_id, why_en = f"sebelum tahun {year} berakhir", f"before the year {year} ended"
        elif d.year == year + 1 and d.month <= _LAST_MONTH_IN_TIME:
            return
        elif d.year == year + 1:
            severity = "warning"
            why_id = (
                f"terlambat: laporan kinerja tahun {year} paling lambat disampaikan akhir Maret {year + 1}"
            )
            why_en = f"late: the performance report of {year} is due by the end of March {year + 1}"
        else:
            why_id, why_en = (
                "lebih dari setahun setelah tahun yang diukur",
                "more than a year after the year measured",
            )
        expected = f"Januari–Maret {year + 1}"
    elif kind == "perjanjian":
        what_id, what_en = f"Perjanjian kinerja tahun {year}", f"The performance agreement of {year}"
        if d.year == year or (d.year == year - 1 and d.month >= 11):
            return
        if d.year > year:
            why_id, why_en = (
                f"setelah tahun {year}; perjanjian kinerja ditandatangani pada awal tahun",
                f"after the year {year}; a performance agreement is signed early in its year",
            )
        else:
            why_id, why_en = f"jauh sebelum tahun {year} dimulai", f"long before the year {year} began"
        expected = f"awal tahun {year}"
    else:
        what_id, what_en = f"Dokumen kinerja tahun {year}", f"The performance document of {year}"
        lo = year if kind == "periodik" else year - 1
        if lo <= d.year <= year + 1:
            return
        why_id, why_en = f"di luar tahun {lo}–{year + 1}", f"outside the years {lo}–{year + 1}"
        expected = f"tahun {lo}–{year + 1}"
    yield finding(
        rule,
        cell=sig.date_cell,
        sheet=sig.sheet,
        severity=severity,
        message_id=f"{what_id} ditandatangani {signed_id}, {why_id}. Mohon periksa tanggal atau tahunnya.",
        message_en=f"{what_en} is signed on {signed_en}, {why_en}. Please check the date or the year.",
        found=signed_id,
        expected=expected,
    )
