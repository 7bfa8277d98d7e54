"""The header band of a performance table, read as a tree, and the columns taken for the year's values.

A header is one to six rows: group headings merged over several columns, sub-headings under them (TW I-IV,
years, ``K`` / ``Rp``, Target / Realisasi), and often a column-number row (``1 2 3``, ``(1) (2)``,
``13 = 9+10+11+12``). Every column gets the *path* of texts above it, top to bottom
("Realisasi Kinerja Pada Triwulan > I > K"), and its role comes from the whole path: the deepest text that
names a role decides the role (Target / Realisasi / Tingkat capaian), the others add what the column is
about: kinerja or anggaran (``K`` / ``Rp``), a quarter or month, a year, the Renstra period or the year's
Renja, a cumulative "s/d" figure.

Then `choose.resolve` picks, for each role, the column of the reporting year (Permendagri 86/2017 "Evaluasi
terhadap hasil Renja", 54/2010 tables J-1/J-2, LKjIP and PK tables; see domain.md): the year's target (not
the Renstra end-of-period one), the year's cumulative realisasi (a year or "s/d TW" column, else the quarters
themselves, summed later by `measure`), the year's tingkat capaian (not the Renstra one). In a table of years
side by side it is the latest year that has a realisasi, unless the title or the configuration names one.

Nothing here parses values or makes findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

MAX_BAND_ROWS = 6
MAX_HEADER_COLS = 60

_SPACES = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w%]+")


@lru_cache(maxsize=32768)
def norm(text: Any) -> str:
    """Lower case, punctuation folded to spaces: 'INDIKATOR  KINERJA\\n(IKU)' -> 'indikator kinerja iku'."""
    if text is None:
        return ""
    return _SPACES.sub(" ", _PUNCT.sub(" ", str(text).lower())).strip()


def clean(text: Any) -> str:
    return _SPACES.sub(" ", str(text).strip()) if text is not None else ""


# Role of one heading text, matched on norm(text) in this order (first match wins). What a heading *starts*
# with decides before what it contains: "Target Kinerja Capaian Program" is a target, "Realisasi Capaian
# Kinerja" a realisasi, "Tingkat Capaian/Realisasi (%)" a capaian.
_ROLE_RULES: tuple[tuple[str | None, re.Pattern[str]], ...] = tuple(
    (role, re.compile(p))
    for role, p in (
        ("no", r"^(no|nomor|no urut|nomor urut|urut)$"),
        ("kode", r"^(kode|kode rekening|kode program|kd)$"),
        # Puskesmas (PKP) sheets: the people to reach and those reached are counts behind the cakupan.
        (None, r"^(target sasaran|jumlah sasaran|sasaran riil|pencapaian riil|riil|jumlah pencapaian)\b"),
        ("capaian", r"^(tingkat|%|persentase|prosentase|presentase) ?(capaian|realisasi|pencapaian|kinerja)\b"),
        # a column headed only "%", "(%)" or "Persentase" beside Target and Realisasi (courts' LKjIP tables)
        ("capaian", r"^(%|persentase|prosentase|persen)$|^achievement\b|^(% )?(of )?achievement\b"),
        ("target", r"^target\b"),
        ("realisasi", r"^(realisasi|real|perkiraan realisasi|hasil pencapaian|actual|realization|realisation)\b"
                      r"|^(% )?cakupan\b"),
        ("capaian", r"^(capaian|pencapaian|% pencapaian|kinerja %|kinerja|% kinerja|nilai capaian)\b"
                    r"|\bcapaian( kinerja)? (%|terhadap|thd)|\b% capaian\b|persentase capaian"),
        ("indikator", r"indikator|^iku\b|^ikk\b|^(key )?performance indicators?\b|^kpi\b|^indicators?\b"),
        ("sasaran", r"^(sasaran|tujuan sasaran|tujuan dan sasaran|strategic objectives?|objectives?|goals?)\b"),
        ("satuan", r"^(satuan|sat|unit|units)$|^satuan\s"),
        ("penjelasan", r"^(penjelasan|analisis|analisa|uraian penjelasan)|faktor (pendukung|pendorong|penghambat)"),
        ("keterangan", r"^(keterangan|ket|remarks?|notes?)$|^keterangan\s"),
        ("polaritas", r"^(polaritas|polarisasi|sifat|sifat indikator|tipe indikator|jenis indikator)$"),
        ("predikat", r"^(predikat|kategori|kriteria)(\s|$)"),
        # The program/kegiatan name column of a Renja form, or the indicator column of a health sheet.
        # A whole heading made of these words only: "Program/Kegiatan", "Urusan/Bidang Urusan Pemerintahan Daerah
        # dan Program/Kegiatan", "Upaya Kesehatan" (not "Program Penunjang Urusan", a program's name).
        ("program", r"^(?:(?:urusan|bidang|pemerintahan|daerah|program|kegiatan|sub|subkegiatan|upaya|kesehatan"
                    r"|jenis|pelayanan|uraian|nama|dan|atau)(?: |$))+$"),
    )
)
_BUDGET_TOKEN = re.compile(r"^(rp|rp \w+|\(rp\)|anggaran|keuangan|pagu|dana|biaya|rupiah)$")
_KINERJA_TOKEN = re.compile(r"^(k|kinerja|fisik|output|outcome|volume|vol)$")
_BUDGET_WORD = re.compile(r"anggaran|pagu|keuangan|\brp\b|rupiah|serapan|\bdana\b|biaya")
_BOTH = re.compile(r"kinerja (dan|&) (realisasi )?anggaran|kinerja (dan|&) keuangan")
_QUARTER = re.compile(r"^(?:(?:tw|triwulan|trw|tri wulan|triw|kuartal|q)\s*)?(i{1,3}|iv|[1-4])$")
_PERIOD_IN_TEXT = re.compile(r"\b(?:tw|triwulan|trw|kuartal)\s*(i{1,3}|iv|[1-4])$")
_QUARTER_WORD = re.compile(r"\b(tw|triwulan|trw|kuartal)\b")
_SEMESTER = re.compile(r"^semester\s*(i{1,2}|[12])$")
_MONTHS = ("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober",
           "november", "desember")
_MONTH = re.compile(r"^(" + "|".join(m[:3] for m in _MONTHS) + r"|agt|ags|aug|may|oct|dec)[a-z]*$")
_MONTH_ALIAS = {"agt": "agu", "ags": "agu", "aug": "agu", "may": "mei", "oct": "okt", "dec": "des"}
_CUMULATIVE = re.compile(r"\b(s ?d|sd|sampai dengan|kumulatif|jumlah|total|tahunan|akhir tahun|setahun|1 tahun)\b")
_UPTO_YEAR = re.compile(r"\b(?:s ?d|sd|sampai dengan)\b[^0-9]{0,40}?((?:19|20)\d\d)\b")
_RENSTRA = re.compile(r"renstra|rpjmd|rpjmn|akhir periode|jangka menengah|lima tahun|5 tahun")
_THIS_YEAR = re.compile(r"\brenja\b|\brkpd\b|tahun berjalan|dievaluasi|\bpk\b|perjanjian kinerja|\bdpa\b")
_PRIOR = re.compile(r"tahun lalu|tahun sebelumnya|sebelumnya|kondisi awal|baseline|tahun n ?1\b|capaian awal")
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_REVISED = re.compile(r"\b(revisi|perubahan|setelah perubahan|pk perubahan|refocusing)\b")
_ORIGINAL = re.compile(r"\b(awal|murni|sebelum perubahan|sebelum revisi)\b")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
# A column-number label: "1", "(2)", "13 = 9+10+11+12", "8=(7/6)", "14 = 13/8 x 100".
_COLNUM = re.compile(r"^\(?\s*(\d{1,2})\s*\)?(?:\s*=\s*[\d\s()+\-x×*/:.,%]+)?$", re.I)


# The words a heading of the indicator column, or of a program/kegiatan one, may start with (besides naming
# "indikator" anywhere): what locating looks for before it reads a header band.
HEADER_WORDS = ("iku", "ikk", "kpi", "urusan", "bidang", "program", "kegiatan", "sub", "upaya", "jenis", "uraian",
                "nama")


# What may name an indicator column or a program/kegiatan one (a cheap test before role_of).
HEADER_HINT = re.compile(rf"indikator|indicator|^\s*(?:{'|'.join(HEADER_WORDS)})", re.IGNORECASE)


@lru_cache(maxsize=8192)
def role_of(text: Any) -> str | None:
    """The role one heading text names, or None: 'Target Renja 2024' -> 'target'."""
    t = norm(text)
    if not t:
        return None
    for role, pat in _ROLE_RULES:
        if pat.search(t):
            return role
    return None


def column_number(v: Any) -> int | None:
    """The number of a column-number label (2, '(2)', '13 = 9+10+11+12'), or None."""
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return int(v) if float(v).is_integer() and 0 < v < 100 else None
    m = _COLNUM.match(str(v).strip()) if isinstance(v, str) else None
    return int(m.group(1)) if m else None


@dataclass(slots=True)
class Column:
    """One column of a header band, with what its path says."""

    col: int
    path: tuple[str, ...]  # heading texts top to bottom, merged cells counted once
    number: str | None = None  # its label in the column-number row ("13 = 9+10+11+12")
    role: str | None = None
    budget: bool = False  # an anggaran (Rp) column, not kinerja
    period: int | None = None  # quarter 1-4 or month 1-12 (see `period_kind`)
    period_kind: str | None = None  # "tw" | "bulan" | "semester"
    cumulative: bool = False  # "s/d TW", "Jumlah", "Total", a year column beside quarters
    upto_period: int | None = None  # "s/d TW III" -> 3
    year: int | None = None
    upto_year: int | None = None  # "s/d Tahun 2024": the Renstra realisasi up to that year
    renstra: bool = False
    this_year: bool = False  # Renja / RKPD / tahun berjalan / PK
    prior: bool = False  # tahun lalu, kondisi awal
    percent: bool = False  # the path says % or persen

    @property
    def title(self) -> str:
        return " > ".join(self.path)


@dataclass(slots=True)
class Band:
    rows: tuple[int, ...]  # heading rows (without the column-number row)
    last_row: int  # the last row of the header, the column-number row included
    columns: dict[int, Column]
    number_row: int | None = None


@dataclass(slots=True)
class Resolved:
    """The columns taken from a band: one per role, plus the year's other figures."""

    columns: dict[str, int]  # role -> column (the year's target, realisasi, capaian; indikator, ...)
    titles: dict[str, str]  # role (and extra role) -> header path of the column taken
    extra: dict[str, int] = field(default_factory=dict)  # target_rp, realisasi_rp, capaian_rp, realisasi_lalu...
    periods: dict[str, list[int]] = field(default_factory=dict)  # "realisasi" -> quarter/month columns in order
    period_kind: str | None = None
    spans: dict[str, tuple[int, ...]] = field(default_factory=dict)  # role -> columns its merged heading covers
    year: int | None = None  # the year the columns taken speak of
    percent: frozenset[str] = frozenset()


class Grid(Protocol):
    merged_top: dict[tuple[int, int], tuple[int, int]]

    def get(self, r: int, c: int) -> Any: ...
    def get_merged(self, r: int, c: int) -> Any: ...
    def row_texts(self, r: int) -> list[tuple[int, Any]]: ...


# ---------------------------------------------------------------------------------------------- the band


def is_column_number_row(grid: Grid, r: int) -> bool:
    """1 2 3 ..., (1) (2) (3) ..., with formula-like labels: ascending, distinct, starting at 1 or 2."""
    cells = grid.row_texts(r)
    if len(cells) < 3:
        return False
    nums = []
    for _, v in cells:
        n = column_number(v)
        if n is None:
            return False
        nums.append(n)
    return nums[0] <= 2 and all(a < b for a, b in zip(nums, nums[1:]))


def _is_year(v: Any) -> bool:
    if isinstance(v, bool):
        return False
    if isinstance(v, (int, float)):
        return float(v).is_integer() and 1990 <= v <= 2100
    return isinstance(v, str) and bool(re.fullmatch(r"\s*(?:(?:tahun|th|thn)\.?\s*)?(?:19|20)\d\d\s*", v, re.I))


def _sub_header_row(grid: Grid, r: int, anchor: int, name_cols: tuple[int, ...], top_cols: set[int]) -> bool:
    """Does row r continue the header band begun at `anchor`?

    A heading row holds short texts, years or K/Rp under the band's columns, and nothing of its own in the
    indicator/name columns (blank or covered by a heading merged from above). A row that names an indicator
    and carries values is data, whatever its cells look like.
    """
    cells = grid.row_texts(r)
    if not cells:
        return False
    for c in name_cols:
        if grid.get(r, c) not in (None, "") and not _merged_from(grid, r, c, anchor):
            return False
    under_group = 0
    for c, v in cells:
        if isinstance(v, bool):
            return False
        if isinstance(v, (int, float)):
            if not _is_year(v):
                return False
        elif isinstance(v, str):
            t = v.strip()
            if len(t) > 160 or t.endswith(":") and len(cells) == 1:
                return False
        else:
            return False  # a date or something else: data
        if c in top_cols or _merged_from(grid, r, c, anchor):
            under_group += 1
    # one lone text under no heading is a section row or a note, not a sub-header
    return under_group >= 1 and (len(cells) >= 2 or _under_wide_group(grid, r, cells[0][0], anchor))


def _merged_from(grid: Grid, r: int, c: int, anchor: int) -> bool:
    top = grid.merged_top.get((r, c))
    return top is not None and anchor <= top[0] < r


def _under_wide_group(grid: Grid, r: int, c: int, anchor: int) -> bool:
    for rr in range(r - 1, anchor - 1, -1):
        top = grid.merged_top.get((rr, c)) or (rr, c)
        if grid.merged_top.get((top[0], top[1] + 1)) == top or grid.merged_top.get((top[0], c + 1)) == top:
            return True
    return False


def read_band(grid: Grid, anchor: int, max_col: int = MAX_HEADER_COLS) -> Band | None:
    """The header band that starts at row `anchor` (the row that names the indicator column), or None."""
    top_cells = [(c, v) for c, v in grid.row_texts(anchor) if c <= max_col]
    if not any(isinstance(v, str) for _, v in top_cells):
        return None
    name_cols = tuple(c for c, v in top_cells if isinstance(v, str)
                      and role_of(v) in ("indikator", "no", "sasaran", "program", "kode"))
    top_cols = {c for c, _ in top_cells}
    for (_rr, cc), (tr, _tc) in grid.merged_top.items():
        if tr == anchor and cc <= max_col:
            top_cols.add(cc)
    rows = [anchor]
    number_row = None
    r = anchor + 1
    while r < anchor + MAX_BAND_ROWS + 1:
        if is_column_number_row(grid, r):
            number_row = r
            break
        if not _sub_header_row(grid, r, anchor, name_cols, top_cols):
            if not grid.row_texts(r) and r == anchor + 1 and is_column_number_row(grid, r + 1):
                r += 1
                continue
            break
        rows.append(r)
        top_cols.update(c for c, _ in grid.row_texts(r))
        r += 1
    last = number_row or rows[-1]
    top_cols = _one_block(top_cols, name_cols, max_col)
    columns: dict[int, Column] = {}
    for c in sorted(top_cols):
        if c > max_col:
            continue
        path: list[str] = []
        seen_tops: set[tuple[int, int]] = set()
        for i, hr in enumerate(rows):
            top = grid.merged_top.get((hr, c), (hr, c))
            if top in seen_tops:
                continue
            seen_tops.add(top)
            v = grid.get(*top)
            if v is None or (isinstance(v, str) and not v.strip()):
                v = _unmerged_group(grid, rows, i, c)
                if v is None:
                    continue
            text = str(int(v)) if isinstance(v, float) and v.is_integer() else clean(v)
            if not path or path[-1] != text:
                path.append(text)
        if not path:
            continue
        num = grid.get(number_row, c) if number_row else None
        columns[c] = describe(Column(c, tuple(path), clean(num) if num is not None else None))
    _periods_without_heading(columns)
    return Band(tuple(rows), last, columns, number_row)


def _periods_without_heading(columns: dict[int, Column]) -> None:
    """`TARGET | TW I | TW II | TW III | TW IV | CAPAIAN` or `Jan .. Des | S.D. DES`: quarters or months with no
    Realisasi over them are the realisasi, and the total right after them (Jumlah, Total, s/d) too."""
    run: list[Column] = []
    for c in sorted(columns):
        col = columns[c]
        if col.role is None and col.period is not None and not col.budget:
            col.role = "realisasi"
            run.append(col)
        elif run and col.role is None and not col.budget and (col.cumulative or col.upto_period):
            col.role = "realisasi"
            col.cumulative = True
            run = []
        elif col.role is not None or col.period is None:
            run = []


def _one_block(cols: set[int], name_cols: tuple[int, ...], max_col: int) -> set[int]:
    """The header's own columns: the run around the indicator column, ended by two empty columns in a row (a
    chart's data or notes to the right on the same rows is another table)."""
    if not cols:
        return cols
    start = min(name_cols) if name_cols else min(cols)
    block = {start}
    for step in (1, -1):
        c, gap = start, 0
        while 1 <= c + step <= max_col and gap < 2:
            c += step
            if c in cols:
                block.add(c)
                gap = 0
            else:
                gap += 1
    return block & cols


def _unmerged_group(grid: Grid, rows: list[int], i: int, c: int) -> Any:
    """The heading of a group whose merge was lost: written over its first column only, with sub-headings
    (K | Rp, TW I | TW II) under every column of it. Column c takes the heading to its left when c and that
    heading's column both have sub-headings in the next band row and no heading of their own in between."""
    if i + 1 >= len(rows) or grid.merged_top.get((rows[i], c)) is not None:
        return None
    below = rows[i + 1]
    if _blank_cell(grid.get_merged(below, c)):
        return None
    for cc in range(c - 1, max(0, c - 12), -1):
        if grid.merged_top.get((rows[i], cc)) is not None:
            return None  # a real merge ends here: its columns are its own
        if _blank_cell(grid.get_merged(below, cc)):
            return None  # the sub-headings stop: no group reaches c
        v = grid.get(rows[i], cc)
        if not _blank_cell(v):
            return v
    return None


def _blank_cell(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def describe(col: Column) -> Column:
    """Fill a column's role and attributes from its path (deepest role-naming text decides the role)."""
    levels = [norm(t) for t in col.path]
    for i, t in reversed(list(enumerate(levels))):
        if i > 0 and (_KINERJA_TOKEN.match(t) or _BUDGET_TOKEN.match(t) or t in ("%", "persen")):
            continue  # "Kinerja | Keuangan" under a group say K or Rp; a "Kinerja" column alone is a capaian
        role = role_of(t)
        if role is not None:
            col.role = role
            break
        if _ROLE_RULES[2][1].search(t):  # a count behind a cakupan: no role, whatever is above it
            break
    if col.role == "realisasi" and len(levels) > 1 and levels[-1] in ("%", "persen", "% capaian"):
        col.role = "capaian"  # Realisasi TW I > K | Rp | %: the quarter's rate of achievement
    # kinerja or anggaran: the deepest K / Rp token decides; else a budget word not in "kinerja dan anggaran"
    for t in reversed(levels):
        if _KINERJA_TOKEN.match(t):
            break
        if _BUDGET_TOKEN.match(t):
            col.budget = True
            break
        if _BUDGET_WORD.search(t) and not _BOTH.search(t):
            col.budget = True
            break
    quarterly_context = any(_QUARTER_WORD.search(t) for t in levels)
    for t in reversed(levels):
        m = _QUARTER.match(t)
        if m and (quarterly_context or not t.isdigit() and len(t) > 2 or t.startswith(("tw", "triwulan"))):
            g = m.group(1)
            col.period, col.period_kind = (_ROMAN.get(g) or int(g)), "tw"
            break
        m = _SEMESTER.match(t)
        if m:
            g = m.group(1)
            col.period, col.period_kind = (_ROMAN.get(g) or int(g)) * 2, "tw"
            break
        m = _MONTH.match(t)
        if m:
            key = _MONTH_ALIAS.get(m.group(1), m.group(1))
            col.period, col.period_kind = [x[:3] for x in _MONTHS].index(key) + 1, "bulan"
            break
    whole = " | ".join(levels)
    if col.period is None and _CUMULATIVE.search(whole):
        col.cumulative = True
    m = _UPTO_YEAR.search(whole)
    if m and not re.search(r"\b(s ?d|sd|sampai dengan) (tw|triwulan|bulan|semester)", whole):
        col.upto_year = int(m.group(1))
    for t in reversed(levels):
        y = _YEAR.search(t)
        if y:
            col.year = int(y.group(1))
            break
    col.renstra = bool(_RENSTRA.search(whole))
    col.this_year = bool(_THIS_YEAR.search(whole))
    col.prior = bool(_PRIOR.search(whole))
    col.percent = any("%" in t or "persen" in t for t in levels)
    for t in reversed(levels if col.period is None and not col.upto_period else ()):
        m = _PERIOD_IN_TEXT.search(t)
        if m is None:
            continue
        if _CUMULATIVE.search(t):
            col.cumulative = True  # "Realisasi s/d TW III": the year so far, not one quarter
            col.upto_period = _ROMAN.get(m.group(1)) or int(m.group(1))
        else:
            g = m.group(1)
            col.period, col.period_kind = (_ROMAN.get(g) or int(g)), "tw"
            col.cumulative = False
        break
    return col


def is_header(band: Band) -> bool:
    """A performance table: an indicator (or program/kegiatan) column and at least two of target,
    realisasi and capaian that are kinerja, not only anggaran."""
    roles = {c.role for c in band.columns.values() if not c.budget}
    has_name = "indikator" in roles or "program" in roles
    return has_name and len({"target", "realisasi", "capaian"} & roles) >= 2 and (
        "indikator" in roles or {"target", "realisasi"} <= roles
    )
