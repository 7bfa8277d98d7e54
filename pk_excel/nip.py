"""The signature block's civil-service numbers: NIP (PNS, 18 digits 8-6-1-3: birth date, TMT CPNS, gender,
sequence; Perka BKN 22/2007 and 43/2007) and NI PPPK, and pangkat / golongan (I/a Juru Muda .. IV/e Pembina
Utama). `parse_nip(text) -> Nip | None`, `parse_pangkat(text) -> Pangkat | None`; never raise."""

from __future__ import annotations

import datetime as _dt
import math
import numbers
import re
from dataclasses import dataclass
from typing import Any

from .value_notes import WS as _WS

# ---------------------------------------------------------------------------------------------------------
# NIP


@dataclass(frozen=True, slots=True)
class Nip:
    """A NIP (PNS, 18 digits 8-6-1-3) or NI PPPK (8-4-2-1-3) as read, with its problems.

    `tmt` is the TMT CPNS (first day of the month) for a PNS and the year of appointment (int) for PPPK.
    `problems` holds (code, message_id, message_en); an empty tuple means the number is consistent.
    """

    digits: str
    kind: str | None  # "pns" | "pppk" | None (wrong length)
    birth: _dt.date | None
    tmt: Any  # datetime.date (PNS) | int year (PPPK) | None
    gender: int | None  # 1 male, 2 female
    sequence: str | None
    problems: tuple[tuple[str, str, str], ...] = ()
    pppk_code: str | None = None  # digits 13-14 of an NI PPPK

    @property
    def valid(self) -> bool:
        return not self.problems

    def formatted(self) -> str:
        """`19711010 199312 2 003` (PNS), `19850315 2021 21 2 001` (PPPK), the digits otherwise."""
        d = self.digits
        if len(d) != 18:
            return d
        if self.kind == "pppk":
            return f"{d[:8]} {d[8:12]} {d[12:14]} {d[14]} {d[15:]}"
        return f"{d[:8]} {d[8:14]} {d[14]} {d[15:]}"


_NIP_LABEL = re.compile(r"\bni(?:p|\s*pppk)\b\s*\.?\s*:?\s*", re.IGNORECASE)
_DIGIT_RUN = re.compile(r"\d(?:\d|[ .\-\u00a0](?=\d))*")


def _nip_problem(code: str, mid: str, men: str) -> tuple[str, str, str]:
    return (code, mid, men)


def parse_nip(text: Any, today: _dt.date | None = None) -> Nip | None:
    """Read a NIP in any grouping (`19711010 199312 2 003`, `NIP. 197110101993122003`). None when the text
    holds no NIP-looking digits (a run of 15+ digits, or any digits after a `NIP`/`NI PPPK` label)."""
    try:
        return _parse_nip(text, today or _dt.date.today())
    except Exception:  # noqa: BLE001 - reading a signature must not stop the check
        return None


def _parse_nip(text: Any, today: _dt.date) -> Nip | None:
    problems: list[tuple[str, str, str]] = []
    pppk_label = False
    if isinstance(text, bool) or text is None:
        return None
    if isinstance(text, numbers.Real):
        f = float(text)
        if not math.isfinite(f) or f < 0:
            return None
        digits = str(int(text)) if isinstance(text, int) else f"{f:.0f}"
        if len(digits) > 15:
            problems.append(_nip_problem(
                "stored-as-number",
                "NIP tersimpan sebagai angka; Excel hanya menyimpan 15 digit, digit terakhir bisa hilang "
                "(simpan sebagai teks)",
                "NIP is stored as a number; Excel keeps only 15 digits, the last digits may be lost "
                "(store it as text)",
            ))  # fmt: skip
        if len(digits) < 15:
            return None
    elif isinstance(text, str):
        s = _WS.sub(" ", text)
        lab = _NIP_LABEL.search(s)
        runs = None
        if lab:
            pppk_label = "pppk" in lab.group(0).lower()
            m = _DIGIT_RUN.match(s, lab.end())
            runs = [m.group(0)] if m else None
        if not runs:
            runs = _DIGIT_RUN.findall(s)
            runs = [r for r in runs if sum(ch.isdigit() for ch in r) >= 15]
            if not runs:
                return None
        run = max(runs, key=lambda r: sum(ch.isdigit() for ch in r))
        digits = re.sub(r"\D", "", run)
    else:
        return None
    if len(digits) != 18:
        problems.append(_nip_problem(
            "wrong-length",
            f"NIP harus 18 digit, tertulis {len(digits)} digit",
            f"a NIP has 18 digits, this one has {len(digits)}",
        ))  # fmt: skip
        return Nip(digits, None, None, None, None, None, tuple(problems))
    birth = None
    try:
        birth = _dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        pass
    if birth is None or birth.year < 1930 or birth > today:
        problems.append(_nip_problem(
            "birth-invalid",
            f"8 digit pertama NIP ({digits[:8]}) bukan tanggal lahir yang sah",
            f"the first 8 digits of the NIP ({digits[:8]}) are not a valid birth date",
        ))  # fmt: skip
        birth = None
    year, mm = int(digits[8:12]), int(digits[12:14])
    kind = "pns"
    if pppk_label or not 1 <= mm <= 12:
        kind = "pppk" if (pppk_label or 2019 <= year <= today.year + 1) else "pns"
    tmt: Any = None
    pppk_code = None
    if kind == "pppk":
        tmt = year
        pppk_code = digits[12:14]
        if year > today.year + 1 or (birth is not None and year < birth.year + 18):
            problems.append(_nip_problem(
                "tmt-invalid",
                f"tahun pengangkatan PPPK ({year}) tidak sesuai tanggal lahir",
                f"the PPPK appointment year ({year}) does not fit the birth date",
            ))  # fmt: skip
    elif not 1 <= mm <= 12 or year < 1940:
        problems.append(_nip_problem(
            "tmt-invalid",
            f"digit 9-14 NIP ({digits[8:14]}) bukan bulan TMT CPNS yang sah",
            f"digits 9-14 of the NIP ({digits[8:14]}) are not a valid TMT CPNS month",
        ))  # fmt: skip
    else:
        tmt = _dt.date(year, mm, 1)
        if tmt > today:
            problems.append(_nip_problem(
                "tmt-future",
                f"TMT CPNS pada NIP ({mm:02d}-{year}) belum terjadi",
                f"the TMT CPNS in the NIP ({mm:02d}-{year}) is in the future",
            ))  # fmt: skip
        elif birth is not None and (year, mm) < (birth.year + 18, birth.month):
            problems.append(_nip_problem(
                "tmt-before-18",
                f"TMT CPNS ({mm:02d}-{year}) sebelum usia 18 tahun (lahir {birth:%d-%m-%Y})",
                f"TMT CPNS ({mm:02d}-{year}) is before age 18 (born {birth:%Y-%m-%d})",
            ))  # fmt: skip
    gender = int(digits[14]) if digits[14] in "12" else None
    if gender is None:
        problems.append(_nip_problem(
            "gender-invalid",
            f"digit ke-15 NIP ({digits[14]}) harus 1 (laki-laki) atau 2 (perempuan)",
            f"digit 15 of the NIP ({digits[14]}) must be 1 (male) or 2 (female)",
        ))  # fmt: skip
    seq = digits[15:]
    if seq == "000":
        problems.append(
            _nip_problem("sequence-zero", "nomor urut NIP tidak boleh 000", "the NIP sequence cannot be 000")
        )
    return Nip(digits, kind, birth, tmt, gender, seq, tuple(problems), pppk_code)


# ---------------------------------------------------------------------------------------------------------
# Pangkat / golongan

GOLONGAN_PANGKAT: dict[str, str] = {
    "I/a": "Juru Muda", "I/b": "Juru Muda Tk. I", "I/c": "Juru", "I/d": "Juru Tk. I",
    "II/a": "Pengatur Muda", "II/b": "Pengatur Muda Tk. I", "II/c": "Pengatur", "II/d": "Pengatur Tk. I",
    "III/a": "Penata Muda", "III/b": "Penata Muda Tk. I", "III/c": "Penata", "III/d": "Penata Tk. I",
    "IV/a": "Pembina", "IV/b": "Pembina Tk. I", "IV/c": "Pembina Utama Muda", "IV/d": "Pembina Utama Madya",
    "IV/e": "Pembina Utama",
}  # fmt: skip
PANGKAT_GOLONGAN: dict[str, str] = {p: g for g, p in GOLONGAN_PANGKAT.items()}

_GOL_UPPER = re.compile(r"(?<![A-Za-z])(IV|III|II|I)\s*[/.\-]?\s*([a-eA-E])(?![A-Za-z])")
_GOL_ANY = re.compile(r"(?<![a-z])(iv|iii|ii|i)\s*[/.]\s*([a-e])(?![a-z])", re.IGNORECASE)
_TINGKAT = re.compile(r"\b(?:tingkat|tk)\s*\.?\s*(?:i|1)\b(?!\s*[/.]\s*[a-e]\b)", re.IGNORECASE)
_PANGKAT_RE = re.compile(
    r"\b("
    + "|".join(re.escape(p.lower()) for p in sorted(PANGKAT_GOLONGAN, key=len, reverse=True))
    + r")(?![a-z])"
)


@dataclass(frozen=True, slots=True)
class Pangkat:
    """A pangkat and/or golongan as written, what the table expects, and whether the two agree."""

    pangkat: str | None  # canonical: "Pembina Tk. I"
    golongan: str | None  # normalised: "IV/a"
    expected_pangkat: str | None  # of the golongan
    expected_golongan: str | None  # of the pangkat
    consistent: bool | None  # None when only one of the two is written


def parse_pangkat(text: Any) -> Pangkat | None:
    """`Pembina / IV.a`, `Pangkat : Pembina / IV.a`, `IV/a`, `(IV/a)`, `IV a`, `Penata Muda Tk. I`,
    `Penata Muda Tingkat I (III/b)`, `Pembina Utama Muda, IV/c`. None when neither is found; never raises."""
    if not isinstance(text, str):
        return None
    s = _WS.sub(" ", text)
    gol = None
    m = _GOL_UPPER.search(s) or _GOL_ANY.search(s)
    if m:
        cand = f"{m.group(1).upper()}/{m.group(2).lower()}"
        gol = cand if cand in GOLONGAN_PANGKAT else None
    low = _TINGKAT.sub("tk. i", s.lower())
    pm = _PANGKAT_RE.search(low)
    pangkat = None
    if pm:
        key = pm.group(1)
        pangkat = next(p for p in PANGKAT_GOLONGAN if p.lower() == key)
    if pangkat is None and gol is None:
        return None
    exp_p = GOLONGAN_PANGKAT.get(gol) if gol else None
    exp_g = PANGKAT_GOLONGAN.get(pangkat) if pangkat else None
    consistent = (exp_g == gol) if (pangkat and gol) else None
    return Pangkat(pangkat, gol, exp_p, exp_g, consistent)
