"""What each row under a header is: a section or numbered heading, a summary (rata-rata, jumlah, predikat),
a Renja form's program or kegiatan line, a sub-item of a parent, the rest of a wrapped name, or an indicator
(and how far it sits off the header's columns)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from itertools import accumulate, chain
from typing import Any

from .blocks import ANGGARAN_HDR, NIP_LABEL, SIGN_DATE
from .grid import DASH, SPACES, Grid, blank, cell_text
from .header import HEADER_HINT, HEADER_WORDS, column_number, norm
from .model import Level, Summary, Table

_SECTION = re.compile(
    r"^(?:[ivx]+|[a-h]|\d+)?\s*(?:sasaran\s+)?(strategis|program|kegiatan|sub\s*kegiatan|subkegiatan)\b"
)


_SECTION_LEVEL: dict[str, Level] = {
    "strategis": "strategis",
    "program": "program",
    "kegiatan": "kegiatan",
    "subkegiatan": "subkegiatan",
}


END_MARK = re.compile(r"^(program|anggaran|program anggaran|mengetahui|pihak pertama|pihak kedua)$")


# What a target/realisasi/capaian cell holds: numbers with units or labels, percents, ranges, missing marks,
# grades. Used only to align a row with the header (is this row shifted?).
_NUM = r"[-+(]?\s*\d[\d.,\s]*\)?"


_VALUEISH = re.compile(
    rf"^(?:rp\.?\s*|idr\s*)?{_NUM}(?:\s*(?:-|–|s\.?\s*d\.?|s/d|sampai)\s*{_NUM})?\s*%?\s*"
    r"(?:[a-z][a-z ./²³-]{0,30})?\s*(?:\([a-z .]{1,25}\))?$"
    r"|^(?:n/?a|-|–|—|#n/a|#div/0!|#value!|aa|a|bb|b|cc|c|d|wtp|wdp|tw|tmp)$",
    re.I,
)


# ASCII letters no _VALUEISH text starts with (a value starts with a digit, a sign, "(", Rp / IDR, or is a
# missing mark or grade: n/a, aa..d, wtp, tw, tmp): a text starting with one of them is a text, no regex needed.
_TEXT_START = frozenset("efghjklmopqsuvxyzEFGHJKLMOPQSUVXYZ")


NUMERIC_ROLES = ("target", "realisasi", "capaian")


def section_level(grid: Grid, r: int, table: Table) -> tuple[Level | None, str | None] | None:
    """(level, sasaran named in the row) of a section row, or None; level None: a sasaran heading only.

    "Sasaran Strategis", "I | SASARAN STRATEGIS", "A. Sasaran Program", "Kegiatan", and
    "Sasaran Strategis 1 : Meningkatnya kepuasan masyarakat" (the sasaran of the rows below).
    """
    cells = grid.row_texts(r)
    if not cells or len(cells) > 2:
        return None
    for role in NUMERIC_ROLES:
        col = table.columns.get(role)
        if col and not blank(grid.get(r, col)):
            return None
    for _, v in cells:
        if not isinstance(v, str):
            continue
        head, sep, rest = v.partition(":")
        t = re.sub(r"^(?:[ivx]+|[a-h]|\d+(?:\s\d+)*)\s+", "", norm(head))
        t = re.sub(r"\s+\d+$", "", t)  # "sasaran strategis 1"
        if len(t) > 40:
            continue
        m = _SECTION.match(t)
        # "Program Penunjang Urusan ..." names a program; a section row says Sasaran, or is one or two words.
        if m and m.end() == len(t) and ("sasaran" in t or len(t.split()) <= 2):
            level = _SECTION_LEVEL[m.group(1).replace(" ", "")]
            named = SPACES.sub(" ", rest.strip()) if sep and "sasaran" in t else ""
            return level, named or None
        if t == "sasaran" and sep and len(rest.strip()) >= 3:
            return None, SPACES.sub(" ", rest.strip())  # "Sasaran 1 : Meningkatnya ...": the level stays
    return None


def is_end_row(grid: Grid, r: int, table: Table) -> bool:
    cells = grid.row_texts(r)
    if not cells:
        return False
    # "PROGRAM" / "ANGGARAN" alone, or a PROGRAM | ANGGARAN header row, with no values where values go.
    marks = [
        c
        for c, v in cells
        if isinstance(v, str)
        and len(v) <= 40
        and v.lstrip()[:1] in "PpAaMmJj"  # program, anggaran, mengetahui, pihak, jumlah anggaran
        and (END_MARK.match(norm(v)) or ANGGARAN_HDR.match(norm(v)))
    ]
    if marks and not has_values(grid, r, table):
        if len(cells) > 1:
            return True  # a PROGRAM | ANGGARAN header row
        # "PROGRAM" alone: the block below, unless indicator rows follow (then it named a section).
        seen = 0
        for nr in range(r + 1, min(r + 8, grid.n_rows + 1)):
            if grid.row_texts(nr):
                seen += 1
                if has_values(grid, nr, table) and cell_kind(grid.get(nr, table.columns["indikator"])) == "text":
                    return False
                if seen >= 3:
                    break
        return True
    # a signature's date needs a comma, a NIP label starts with N: most rows are ruled out without a regex
    return any(isinstance(v, str) and (("," in v and SIGN_DATE.match(v)) or (v.lstrip()[:1] in _N and NIP_LABEL.match(v)))
               for _, v in cells)


_N = ("n", "N")


def has_values(grid: Grid, r: int, table: Table) -> bool:
    return any(
        cell_kind(grid.get(r, table.columns[role])) == "num" for role in ("target", "realisasi") if role in table.columns
    )


_KINDS: dict[str, str] = {}  # cell_kind of each distinct text seen (cleared when it grows past _KINDS_MAX)
_KINDS_MAX = 1 << 16


def forget_cell_kinds() -> None:
    """Drop the texts `cell_kind` remembered (after a workbook is located: they belong to its cells)."""
    _KINDS.clear()
    _MAYBE_LABEL.clear()


def text_kind(v: str) -> str:
    """cell_kind of a text not seen before (remembered)."""
    if len(_KINDS) >= _KINDS_MAX:
        _KINDS.clear()
    kind = _KINDS[v] = fresh_text_kind(v)
    return kind


def fresh_text_kind(v: str) -> str:
    """cell_kind of a text, not remembered (for texts seldom seen twice, an indicator's name)."""
    s = v.strip()
    if not s:
        return "blank"
    first = s[0]
    if first in _TEXT_START:
        return "text"
    if first.isascii() and first.isalpha() and len(s) > 3 and s[:2].lower() != "rp" and s[:3].lower() != "idr":
        return "text"  # a value that starts with a letter is Rp / IDR and a number, or a mark of 3 letters at most
    # a plain number or percent ("105,95%", "3.760.000.000") matches _VALUEISH: told without the regex
    if first in _DIGITS and not (s[:-1] if s[-1] == "%" else s).strip(_NUMBER_CHARS):
        return "num"
    return "num" if _VALUEISH.match(s) else "text"


_DIGITS = frozenset("0123456789")
_NUMBER_CHARS = "0123456789., "  # a digit, then only these, then perhaps one "%"


def cell_kind(v: Any) -> str:
    """A coarse guess of what a cell holds, to align a row with the header: 'num', 'text' or 'blank'."""
    if v is None:
        return "blank"
    if type(v) is str:
        return _KINDS.get(v) or text_kind(v)
    if type(v) is float or type(v) is int:
        return "num"
    if blank(v):
        return "blank"
    if isinstance(v, bool):
        return "text"
    if isinstance(v, (int, float)) or hasattr(v, "year"):
        return "num"
    return "num" if _VALUEISH.match(str(v).strip()) else "text"


def _fit(grid: Grid, r: int, table: Table, shift: int) -> int:
    """How well the row's cells fit their roles when read `shift` columns off the header."""
    score = 0
    cols = table.columns
    for role in NUMERIC_ROLES:
        if role in cols:
            k = cell_kind(grid.get(r, cols[role] + shift))
            score += 2 if k == "num" else (-2 if k == "text" else 0)
    if "indikator" in cols:
        k = cell_kind(name_text(grid, r, table, shift))
        score += 2 if k == "text" else (-2 if k == "num" else -1)
    if "penjelasan" in cols:
        k = cell_kind(grid.get(r, cols["penjelasan"] + shift))
        score += 1 if k in ("text", "blank") else -1
    return score


def row_shift(grid: Grid, r: int, table: Table) -> int:
    """How many columns the row's data sits off the header (-1, 0 or 1)."""
    return shift_of(grid, r, table, _fit(grid, r, table, 0))


def shift_of(grid: Grid, r: int, table: Table, base: int) -> int:
    """row_shift of a row whose fit where it is (_fit at shift 0) is `base`."""
    if base >= 7:
        return 0
    leftmost = min(table.columns.values())
    rightmost = max(table.columns.values())
    tries = [
        s for s in (-1, 1)
        # the leftmost column may fall off the sheet only when it is the NO column
        if not (leftmost + s < 1 and table.columns.get("no") != leftmost)
        # the column the row moved away from is empty: the first one for a shift right, the last for a left
        and blank(grid.get(r, leftmost if s > 0 else rightmost))
    ]
    if not tries or not any(
        cell_kind(grid.get(r, c + s)) == "num"
        for s in (-1, 0, 1)
        for role, c in table.columns.items()
        if role in NUMERIC_ROLES
    ):
        return 0  # no shift to try, or a caption or a note: nothing to align
    best, best_shift = base, 0
    for s in tries:
        sc = _fit(grid, r, table, s)
        if sc > best + 2:
            best, best_shift = sc, s
    return best_shift


_CAPTION_SASARAN = re.compile(r"^\s*sasaran(?:\s+(?:strategis|program|kegiatan))?\s*\d*\s*[:.]\s*(.{3,})$", re.I)


def caption_sasaran(grid: Grid, table: Table) -> str | None:
    """'Sasaran 2: Meningkatnya ...' written just above a table (LKjIP 'Tabel 3.x' per sasaran)."""
    for r in range(table.header_rows[0] - 1, max(0, table.header_rows[0] - 4), -1):
        for _, v in grid.row_texts(r):
            if isinstance(v, str):
                m = _CAPTION_SASARAN.match(v)
                if m:
                    return SPACES.sub(" ", m.group(1).strip())
    return None


def is_continuation(grid: Grid, r: int, table: Table, shift: int) -> bool:
    """A row holding only the rest of the indicator name above it (no NO, no sasaran of its own, no values)."""
    cols = table.columns
    for role in ("no", "satuan", "penjelasan"):
        if role in cols and not blank(grid.get(r, cols[role] + shift)):
            return False
    if "sasaran" in cols:
        c = cols["sasaran"] + shift
        top = grid.merged_top.get((r, c))
        if not blank(grid.get(r, c)) and top is None:
            return False
    text = cell_text(grid.get(r, cols["indikator"] + shift))
    no_merged = "no" in cols and grid.merged_top.get((r, cols["no"] + shift)) is not None
    return text[:1].islower() or text[:1] in "(-–&/," or no_merged


# Labels of summary rows. "Jumlah" alone (or of capaian/nilai), never "Jumlah kegiatan ...", an indicator's name.
_SUMMARY_FIRST = frozenset("jtgsrnpkci")  # the first letters of every summary label below
_SUMMARY_LABEL = re.compile(
    r"^(?:(?:jumlah|total|jumlah total|grand total|sub ?total)(?: (?:keseluruhan|capaian|nilai|skor|capaian kinerja))?"
    r"|(?:rata rata|rerata|nilai rata rata)(?: (?:capaian|kinerja|nilai|skor|persen|%|indikator|iku|ikk|sasaran"
    r"|keseluruhan|opd|perangkat daerah|program|kegiatan|tahun \d{4}|\d{4}))*"
    r"|(?:predikat|kategori|nilai akhir)(?: (?:capaian|kinerja|nilai|opd|perangkat daerah|sasaran|program|kegiatan"
    r"|iku|tahun \d{4}|\d{4}))*)\s*%?$"
)


_SUMMARY_WORD = re.compile(r"^(?:predikat|kategori|rata rata|rerata|nilai rata rata|(?:nilai )?capaian (?:kinerja )?"
                           r"rata rata|nilai kinerja organisasi|nko|total nilai|nilai akhir|indeks capaian kinerja)\b")


_AGGREGATE = re.compile(r"^=\s*(?:ROUND\s*\(\s*)?(SUM|AVERAGE|SUBTOTAL|AVERAGEA|MEDIAN)\s*\(", re.I)


SUB_ITEM = re.compile(r"^\s*(?:[a-z]|\d{1,2}|[ivx]{1,4})[.)]\s+\S|^\s*[-–•]\s+\S", re.I)


_NUMBERED_SECTION = re.compile(r"^\s*(?:\d+\.\d+(?:\.\d+)*\.?|[IVX]+\.|[A-H]\.)\s+\S")




_RENJA_LEVEL = re.compile(r"^(urusan|bidang urusan|program|kegiatan|sub kegiatan|subkegiatan)\b")


_RENJA_LEVELS: dict[str, Level | None] = {
    "urusan": None, "bidang urusan": None, "program": "program", "kegiatan": "kegiatan",
    "sub kegiatan": "subkegiatan", "subkegiatan": "subkegiatan",
}


def summary_row(grid: Grid, r: int, table: Table, name: str) -> Summary | None:
    """A row that sums up the rows above it (rata-rata, jumlah, predikat), labelled or a bare SUM/AVERAGE."""
    cols = table.columns
    value_cols = [cols[role] for role in NUMERIC_ROLES if role in cols]
    label = None
    label_col = 0
    first_value = min(value_cols) if value_cols else 0
    for c, v in grid.row_texts(r):
        if first_value and c >= first_value and label is None:
            break
        if isinstance(v, str) and v.lstrip()[:1].lower() not in _SUMMARY_FIRST and not DASH.match(v) \
                and column_number(v) is None:
            return None  # most rows: an indicator's own text, which no summary label starts like
        if isinstance(v, str) and (_SUMMARY_LABEL.match(norm(v)) or _SUMMARY_WORD.match(norm(v)) and len(v) <= 80
                                   and not row_has_values(grid, r, table, ("target", "realisasi"))
                                   and (len(grid.row_texts(r)) > 1 or ":" in v)):
            # "Predikat Kinerja: Tinggi", "Capaian kinerja rata-rata OPD": summary words over no target or
            # realisasi of their own ("Rata-rata lama rawat inap" with a target is an indicator)
            label, label_col = SPACES.sub(" ", v.strip()), c
            break
        if isinstance(v, str) and not DASH.match(v) and column_number(v) is None:
            return None  # a text of its own before the values: an indicator or a heading
    kind = None
    if label is not None:
        t = norm(label)
        kind = "predikat" if t.startswith(("predikat", "kategori")) else (
            "rata-rata" if "rata rata" in t or "rerata" in t else "jumlah")
    elif not name:
        for role in NUMERIC_ROLES:
            f = grid.formulas.get((r, cols[role])) if role in cols else None
            m = _AGGREGATE.match(f) if f else None
            if m:
                kind = "jumlah" if m.group(1).upper() in ("SUM", "SUBTOTAL") else "rata-rata"
                break
    if kind is None:
        return None
    out = Summary(grid.sheet, r, kind, label)
    for role in (*NUMERIC_ROLES, "predikat"):
        if role in cols:
            cell = grid.cell(r, cols[role])
            if cell is not None:
                out.cells[role] = cell
    if label_col:
        after = next(((c, v) for c, v in grid.row_texts(r) if c > label_col), None)
        nilai = grid.cell(r, after[0]) if after is not None else (
            grid.cell(r, label_col) if ":" in (label or "") else None)  # "Predikat kinerja: Tinggi"
        if nilai is not None:
            out.cells["nilai"] = nilai
    return out


def row_has_values(grid: Grid, r: int, table: Table, roles=NUMERIC_ROLES) -> bool:
    return any(not blank(grid.get(r, table.columns[role])) for role in roles if role in table.columns)


def name_text(grid: Grid, r: int, table: Table, shift: int) -> str:
    """The indicator's text: under a heading merged over two columns, the cell that has it (not a '-')."""
    cols = [table.columns["indikator"]]
    if table.extra_columns:
        cols += [c for k, c in sorted(table.extra_columns.items()) if k.startswith("indikator_")]
    first = ""
    for c in cols:
        t = cell_text(grid.get_merged(r, c + shift))
        if t and not DASH.match(t):
            return t
        first = first or t
    return first


def renja_level(grid: Grid, r: int, table: Table, shift: int) -> tuple[str, Level | None] | None:
    """(program/kegiatan name, level) from the Renja form's Program/Kegiatan column (or its kode)."""
    col = table.columns.get("program")
    if col is None:
        return None
    text = cell_text(grid.get(r, col + shift))
    if not text or DASH.match(text):
        return None
    m = _RENJA_LEVEL.match(norm(text))
    level: Level | None
    if m:
        level = _RENJA_LEVELS[m.group(1)]
    else:
        kode = cell_text(grid.get(r, table.columns["kode"] + shift)) if "kode" in table.columns else ""
        parts = [p for p in re.split(r"[.\s]+", kode) if p.isdigit()]
        level = {0: None, 1: None, 2: None, 3: "program", 4: "kegiatan", 5: "kegiatan"}.get(len(parts), "subkegiatan")
        if not parts:
            level = "program"
    return SPACES.sub(" ", text), level


def next_is_sub_item(grid: Grid, r: int, table: Table, shift: int) -> bool:
    nxt = grid.rows_from(r + 1)[:1]
    return bool(nxt) and bool(SUB_ITEM.match(name_text(grid, nxt[0], table, shift))) and row_has_values(
        grid, nxt[0], table)


_SECTION_NO = re.compile(r"^\s*(?:\d+\.\d+(?:\.\d+)*\.?|[IVX]{1,4}\.?|[A-H]\.)\s*$")


_PLAIN_NO = re.compile(r"^\s*(\d{1,2})\.?\s*$")


def numbered_heading(grid: Grid, r: int, table: Table, shift: int, name: str) -> bool:
    """Does a row without values read as a heading? '2.1. UKM Esensial', 'II. UPAYA ...', 'B. ...', such a
    number in the NO column, a name in capitals ('UPAYA KESEHATAN MASYARAKAT'), or a plain '1.' whose next
    numbered row goes one level deeper ('1.1.', 'a.'). A satuan says it is an indicator not yet filled."""
    if "satuan" in table.columns and not blank(grid.get(r, table.columns["satuan"] + shift)):
        return False
    if _NUMBERED_SECTION.match(name):
        return True
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) >= 6 and len(name.split()) >= 2 and all(ch.isupper() for ch in letters):
        return True
    no = table.columns.get("no")
    if no is None:
        return False
    label = cell_text(grid.get(r, no + shift))
    if _SECTION_NO.match(label):
        return True
    m = _PLAIN_NO.match(label)
    if m:
        for nr in grid.rows_from(r + 1)[:3]:
            nxt = cell_text(grid.get(nr, no + shift)) or name_text(grid, nr, table, shift)
            if nxt:
                return nxt.startswith(f"{m.group(1)}.") and nxt[len(m.group(1)) + 1:][:1].isdigit() or bool(
                    re.match(r"^[a-z][.)]", nxt))
    return False


def values_follow(grid: Grid, r: int, table: Table, shift: int) -> bool:
    """Do indicator rows with values follow, past other headings (I > 1. > 1.1. > a.)?"""
    for nr in grid.rows_from(r + 1)[:6]:
        if row_has_values(grid, nr, table):
            return True
        name = name_text(grid, nr, table, shift)
        if not name or not numbered_heading(grid, nr, table, shift, name):
            return False
    return False


_NOTE = re.compile(
    r"^(faktor (pendorong|pendukung|penghambat|penyebab)|tindak lanjut|catatan|keterangan ?:|sumber( data)? ?:|"
    r"analisis|kendala|permasalahan|rekomendasi|solusi|langkah|upaya (yang|perbaikan)|kesimpulan|note|source)\b"
)


def is_note_row(grid: Grid, r: int, table: Table, name: str) -> bool:
    """A row of narrative under or inside a table, not an indicator: "Faktor pendorong ...", "Tindak lanjut
    ...", "Catatan: ...", or any lone text merged across three columns or more (a note across the table).
    Sasaran and section rows are recognised before this."""
    if _NOTE.match(norm(name)):
        return True
    cells = grid.row_texts(r)
    if len(cells) != 1:
        return False
    c = cells[0][0]
    width = 1
    while grid.merged_top.get((r, c + width)) == (r, c):
        width += 1
    col = table.columns.get("indikator", 0)
    return width >= 3 and c <= col < c + width


# ---------------------------------------------------------------------------------------------- plain rows


def _by_first_letter(words: Iterable[str]) -> str:
    """An alternation of regex fragments grouped by their first letter ("a(?:nggaran|lokasi)|b(?:idang)"): the
    engine tries one group per text instead of every word."""
    groups: dict[str, list[str]] = {}
    for w in sorted(words):
        groups.setdefault(w[0], []).append(w[1:])
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


# Where a header or the end of the table could begin, searched in texts lower-cased and joined, each after a
# "\x00": a cell starting like a header (locate._maybe_header_row, besides "indikator" anywhere), a PROGRAM /
# ANGGARAN mark (END_MARK, ANGGARAN_HDR) or a NIP label (NIP_LABEL). Looser than those tests on purpose: a text
# it does not match is none of them.
_MAYBE_MARK = re.compile(
    r"\x00\s*(?:" + _by_first_letter([*HEADER_WORDS, "anggaran", "mengetahui", "pihak", "pagu", "alokasi",
                                      r"jumlah[^a-z0-9]+anggaran", r"ni\s*p"]) + ")"
)


# SIGN_DATE's "Place, 26 Februari 2024" in the same joined texts (the last one followed by a "\x00" too): a
# comma, and a cell that ends in a year after it. Kept apart from _MAYBE_MARK, which only ever starts at a
# "\x00" and so is searched fast.
_MAYBE_SIGN_DATE = re.compile(r",[^\x00,]*\d{4}\s*\x00")


_INDICATOR_WORD = re.compile(r"ndikator|ndicator")  # "indikator" anywhere names a header (HEADER_HINT)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_MARK_BLOCK = 4096  # rows searched at a time: the joined texts of a block, not of the sheet, are held at once


def marked_rows(grid: Grid) -> list[int]:
    """The rows (ascending) holding a text that could open a header or end a table (_MAYBE_MARK,
    _MAYBE_SIGN_DATE, "indikator" anywhere; a text that is not ASCII: _may_mark). Every other row is neither a
    header (locate._maybe_header_row) nor an end row (is_end_row).

    The sheet's texts are searched a block of rows at a time, each block's texts joined into one string (each
    cell after a "\x00"): the searches run in C over the block instead of in Python cell by cell.
    """
    out: list[int] = []
    stop = grid.skip_from_col
    for b in range(0, len(grid.rows), _MARK_BLOCK):
        part = grid.rows[b:b + _MARK_BLOCK]
        lists = [grid.values[r] for r in part]
        if stop:
            lists = [row[:stop - 1] for row in lists]  # pk-excel's own added columns are not the user's cells
        text = "\x00" + "\x00".join([v if type(v) is str else "" for v in chain.from_iterable(lists)]) + "\x00"
        hits: set[int] = set()
        if not text.isascii():
            # the searches below are for ASCII texts: one that is not is tested on its own, the way
            # locate._maybe_header_row and is_end_row test it
            texts = [v if type(v) is str else "" for v in chain.from_iterable(lists)]
            hits.update(k for k in set(_cells_at(text, (m.start() for m in _NON_ASCII.finditer(text))))
                        if _may_mark(texts[k]))
        low = text.lower()  # (never makes or takes a "\x00", so the cells stay where they were)
        for pattern in (_INDICATOR_WORD, _MAYBE_MARK, _MAYBE_SIGN_DATE):
            hits.update(_cells_at(low, (m.start() for m in pattern.finditer(low))))
        if hits:
            ends = list(accumulate(map(len, lists)))  # the cells of part[i] end before ends[i]
            out.extend(sorted({part[bisect_right(ends, k)] for k in hits}))
    return out


def _may_mark(text: str) -> bool:
    """Could this text make its row a header (a header hint, locate._maybe_header_row) or end a table (a mark,
    a signature's date or NIP label, is_end_row)? Asked of the texts the joined search cannot answer for."""
    t = norm(text)
    return bool(HEADER_HINT.search(text) or END_MARK.match(t) or ANGGARAN_HDR.match(t) or SIGN_DATE.match(text)
                or NIP_LABEL.match(text))


def _cells_at(text: str, positions: Iterable[int]) -> Iterator[int]:
    """The index of the cell each of the ascending `positions` in `text` (cells after "\x00"s) falls in; a
    position on a "\x00" falls in the cell after it."""
    seen = 0
    start = 0
    for p in positions:
        seen += text.count("\x00", start, p + 1)
        start = p + 1
        yield seen - 1


class PlainRows:
    """The cheap test for the rows most of a table is made of: an indicator's name in the indicator column, its
    values where the header says, nothing that could open a header, end the table or label a summary.

    `read(r)` gives (indicator name, sasaran text) for such a row, read the way `locate._read_rows` reads an
    indicator row; None for any other row, which then takes the general path (headers, sections, summaries,
    notes, shifted rows, wrapped names, Renja program lines). Each test here is one the general path makes, in a
    cheaper form that holds for these rows only: the answer is the same, so the Document is too.
    """

    __slots__ = ("grid", "table", "marked", "usable", "ind", "numeric", "penjelasan", "sasaran", "label_stop")

    def __init__(self, grid: Grid, table: Table, marked: set[int]) -> None:
        cols = table.columns
        self.grid = grid
        self.table = table
        self.marked = marked  # marked_rows of the sheet
        # a Renja form's program lines and a name spread over several columns take the general path
        self.usable = "indikator" in cols and "program" not in cols and not any(
            k.startswith("indikator_") for k in table.extra_columns)
        self.ind = cols.get("indikator", 0)
        self.numeric = tuple(cols[role] for role in NUMERIC_ROLES if role in cols)
        self.penjelasan = cols.get("penjelasan")
        self.sasaran = cols.get("sasaran")
        # summary_row looks for a label left of the first value column
        self.label_stop = min(self.numeric) if self.numeric else 0

    def read(self, r: int) -> tuple[str, str] | None:
        grid = self.grid
        row = grid.values.get(r)
        if row is None or not self.usable or r in self.marked:
            return None  # (a marked row is perhaps a header, or the end of the table)
        n = len(row)
        if grid.skip_from_col and grid.skip_from_col <= n:
            n = grid.skip_from_col - 1  # pk-excel's own added columns are not the user's cells
        ind = self.ind
        raw = row[ind - 1] if ind <= n else None
        if type(raw) is not str or (grid.merged_top and (r, ind) in grid.merged_top):
            return None
        kinds = _KINDS  # cell_kind's memo, read directly: this runs for every cell the test looks at
        if fresh_text_kind(raw) != "text":  # (a name is seldom seen twice: not remembered)
            return None
        # row_shift: a row that fits the header's columns well (_fit >= 7) is read where it is
        fit = 2
        has_value = False
        for c in self.numeric:
            if c <= n:
                v = row[c - 1]
                if v is not None:
                    t = type(v)
                    k = "num" if t is float or t is int else (kinds.get(v) or text_kind(v)) if t is str else cell_kind(v)
                    if k == "num":
                        fit += 2
                        has_value = True
                    elif k == "text":
                        fit -= 2
                        has_value = True
        p = self.penjelasan
        if p is not None and fit < 8:  # (with 8 the penjelasan's -1 or +1 does not matter)
            fit += -1 if p <= n and (kinds.get(row[p - 1]) or cell_kind(row[p - 1])) == "num" else 1
        if not has_value:
            return None  # a heading, a note, a wrapped name: the general path decides
        if fit < 7 and shift_of(grid, r, self.table, fit) != 0:
            return None  # (a row that fits its columns less well may sit a column off: row_shift decides)
        # is_column_number_row: the name is no column number (which starts with a digit or "("), so the row is none
        if not raw.lstrip()[:1].isalpha() and column_number(raw) is not None:
            return None
        if self._maybe_summary(row, n):
            return None
        sas = self.sasaran
        if not sas:
            return raw.strip(), ""
        top = grid.merged_top.get((r, sas)) if grid.merged_top else None
        return raw.strip(), cell_text(grid.get(*top) if top else row[sas - 1] if sas <= n else None)

    def _maybe_summary(self, row: list[Any], n: int) -> bool:
        """summary_row's label test: the first text left of the values that is no dash or column number is a
        summary label, or not (then no summary)."""
        stop = min(n, self.label_stop - 1) if self.label_stop else n
        for v in row[:stop]:
            if type(v) is not str:
                continue
            s = v.lstrip()
            if not s:
                continue
            if s.isdecimal():  # the NO column: "7" is a column number, "123" is not (and no label)
                if len(s) <= 2:
                    continue
                return False
            first = s[0]
            if not first.isalpha() and (DASH.match(v) or column_number(v) is not None):
                continue
            if first.lower() not in _SUMMARY_FIRST:
                return False
            label = _MAYBE_LABEL.get(v)
            if label is None:
                label = _MAYBE_LABEL[v] = may_label(v)
                if len(_MAYBE_LABEL) > _KINDS_MAX:
                    _MAYBE_LABEL.clear()
            return label
        return False


_MAYBE_LABEL: dict[str, bool] = {}  # text -> could it label a summary row (forgotten with the cell kinds)


def may_label(text: str) -> bool:
    """Does norm(text) match a summary label (_SUMMARY_LABEL, _SUMMARY_WORD)? Their first words are few: a text
    whose first word is another is told without norm."""
    first = _FIRST_WORD.search(text.lower())  # norm's first word (norm folds all else to spaces)
    if first is None or first.group().split("%", 1)[0] not in _LABEL_FIRST_WORDS:
        return False
    t = norm(text)
    return bool(_SUMMARY_LABEL.match(t) or _SUMMARY_WORD.match(t))


_FIRST_WORD = re.compile(r"[\w%]+")
# The words a summary label starts with ("sub total" or "subtotal"; "rata-rata" is "rata rata").
_LABEL_FIRST_WORDS = frozenset({"jumlah", "total", "grand", "sub", "subtotal", "rata", "rerata", "nilai", "predikat",
                                "kategori", "capaian", "nko", "indeks"})
