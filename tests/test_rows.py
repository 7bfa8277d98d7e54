"""The cheap tests locating puts before its general row tests (rows.PlainRows, rows.marked_rows, the text kind
screens, Grid.cells, one_space): each answers exactly what the test it stands for would, on any text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pk_excel.blocks import ANGGARAN_HDR, NIP_LABEL, SIGN_DATE
from pk_excel.grid import SPACES, CellPlan, Grid, one_space
from pk_excel.header import HEADER_HINT, norm
from pk_excel.rows import (
    _SUMMARY_LABEL,
    _SUMMARY_WORD,
    _VALUEISH,
    END_MARK,
    _may_mark,
    fresh_text_kind,
    marked_rows,
    may_label,
)

# Pieces real cells are made of, the marks and their near misses among them: texts built from them hit the
# corners of the joined search (case, punctuation between words, text before and after, non-ASCII letters).
WORDS = [
    "indikator", "Indicator", "INDIKATOR KINERJA", "iku", "IKK", "kpi", "urusan", "Bidang", "program", "PROGRAM",
    "kegiatan", "sub", "upaya", "jenis", "uraian", "nama", "anggaran", "ANGGARAN", "pagu", "alokasi", "jumlah",
    "Jumlah", "mengetahui", "pihak", "pertama", "kedua", "rp", "rupiah", "NIP", "nip.", "NI PPPK", "nipppk",
    "Bajeng", "Sungguminasa", "tanggal", "26", "Februari", "2024", "12/02/2024", "Persentase", "Nilai", "Indeks",
    "kepuasan", "İndikator", "ſub", "Anggaran–Rp", "Kelvin", "85,00", "(Baik)", "%",
]
SEPARATORS = ["", " ", "  ", ", ", ",", ". ", ": ", "-", "/", "\n", "\t", "_", "\xa0", " – "]
texts = st.lists(st.tuples(st.sampled_from(SEPARATORS), st.sampled_from(WORDS)), min_size=1, max_size=6).map(
    lambda parts: "".join(sep + word for sep, word in parts)
)


def grid_of(rows: list[list]) -> Grid:
    values = {r: list(row) for r, row in enumerate(rows, 1)}
    formats = {r: ["General"] * len(row) for r, row in values.items()}
    n = sum(len(row) for row in values.values())
    return Grid("S", values, {}, formats, {}, len(values), n, None, sorted(values))


def exact_marks(v: str) -> bool:
    """What locate._maybe_header_row (its hint) and is_end_row test each text for."""
    mark = len(v) <= 40 and v.lstrip()[:1] in "PpAaMmJj" and bool(END_MARK.match(norm(v)) or ANGGARAN_HDR.match(norm(v)))
    sign = "," in v and bool(SIGN_DATE.match(v))
    nip = v.lstrip()[:1] in ("n", "N") and bool(NIP_LABEL.match(v))
    return bool(HEADER_HINT.search(v)) or mark or sign or nip


@settings(max_examples=600, deadline=None)
@given(st.lists(texts, min_size=1, max_size=4), st.integers(0, 3))
def test_marked_rows_holds_every_row_a_mark_could_begin(cells, blanks):
    """The joined search may mark more rows than needed, never fewer: a row none of whose texts it marks is
    neither a header nor an end row."""
    row = [None] * blanks + [*cells, 12.5]
    grid = grid_of([["NO", "URAIAN"], row, [1, "Meningkatnya pelayanan", 85.0]])
    if any(exact_marks(t) for t in cells):
        assert 2 in marked_rows(grid)
    if any(_may_mark(t) for t in cells if not t.isascii()):
        assert 2 in marked_rows(grid)  # a text that is not ASCII is tested on its own, by _may_mark
    assert _may_mark("Meningkatnya pelayanan") is False and 3 not in marked_rows(grid)


def test_marked_rows_reads_the_sheet_in_blocks_and_finds_each_row():
    rows = [["1", f"Jumlah peserta pelatihan {i}", "100%", "90%"] for i in range(10_000)]
    for r in (1, 4095, 4096, 4097, 8192, 9999):
        rows[r - 1] = [None, "ANGGARAN"] if r % 2 else ["Bajeng, 26 Februari 2024"]
    rows[5000 - 1] = ["İNDİKATOR KİNERJA"]  # not ASCII: tested on its own
    rows[6000 - 1] = ["Indeks kepuasan – layanan", "85,00 (Baik)"]  # not ASCII, and no mark
    assert marked_rows(grid_of(rows)) == [1, 4095, 4096, 4097, 5000, 8192, 9999]


def reference_kind(v: str) -> str:
    s = v.strip()
    return "blank" if not s else ("num" if _VALUEISH.match(s) else "text")


values_like = st.text(alphabet="0123456789.,% -+()rRpPiIdDnNaAbBcCwWtTjJkKsSxX/#–ı²\xa0\t", max_size=14)


@settings(max_examples=2000, deadline=None)
@given(st.one_of(values_like, st.sampled_from(["85,00 (Baik)", "100%", "5%%", "1 000", "Rp 3.000", "IDR 5",
                                                "n/a", "N/A", "Aa", "aaa", "tw", "Tmp", "wtp ", "12 kg", "Jumlah 5",
                                                "  ", "7 %", "%5", "5%5", "1.,.", "(5)", "ı5", "Indeks", "rp 5", "RP.5",
                                                "Rpx", "idr 10", "IDRx", "Idr", "Nilai", "tmp", "wdp", "n/a ",
                                                "İdr 5", "ıdr 5"])))
def test_text_kind_screens_answer_what_the_regex_answers(v):
    assert fresh_text_kind(v) == reference_kind(v)


@given(st.text(alphabet="ab \t\n\r\xa0\u2003\u2028\x1c.", max_size=12))
def test_one_space_folds_white_space_as_the_regex_does(text):
    assert one_space(text) == SPACES.sub(" ", text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(st.none(), st.integers(0, 9), st.text("ab ", max_size=2)), min_size=0, max_size=7),
    st.sets(st.integers(1, 8), max_size=3),
    st.lists(st.integers(-1, 9), max_size=6),
    st.one_of(st.none(), st.integers(2, 8)),
)
def test_grid_cells_are_the_cells_grid_cell_gives(row, formula_cols, cols, skip_from_col):
    values = {3: row}
    formats = {3: [f"fmt{c}" for c in range(1, len(row) + 1)]}
    formulas = {(3, c): f"=A{c}" for c in formula_cols}
    grid = Grid("S", values, formulas, formats, {}, 3, len(row), skip_from_col, [3])
    plan = CellPlan((f"k{i}", c) for i, c in enumerate(cols))
    want = {f"k{i}": cell for i, c in enumerate(cols) if (cell := grid.cell(3, c)) is not None}
    assert grid.cells(3, plan) == want
    assert grid.cells(4, plan) == {}


def test_joined_search_words_are_whole_alternatives():
    """_MAYBE_MARK is built from the words grouped by their first letter: the grouping keeps every word."""
    from pk_excel.rows import _MAYBE_MARK

    for word in ("iku", "ikk", "program", "pihak", "pagu", "jenis", "jumlah  anggaran", "nip", "ni pppk",
                 "mengetahui", "alokasi", "anggaran", "upaya", "uraian", "urusan", "sub", "nama"):
        assert _MAYBE_MARK.search(f"\x00 {word}\x00"), word
    assert not _MAYBE_MARK.search("\x00jumlah peserta\x00nilai sakip\x00persentase\x00")
    assert re.compile(_MAYBE_MARK.pattern)  # a plain pattern, no flags needed


LABEL_WORDS = ["Jumlah", "TOTAL", "jumlah total", "Grand", "Sub", "subtotal", "Rata", "rata-rata", "Rerata", "Nilai",
               "Predikat", "kategori", "Capaian", "NKO", "Indeks", "akhir", "kinerja", "keseluruhan", "skor", "opd",
               "tahun", "2024", "%", "(%)", "peserta", "Jumlahnya", "nko_2", "Persentase", "İndeks", "capaian"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(SEPARATORS + ["%", " %", "-"]), st.sampled_from(LABEL_WORDS)), min_size=1,
                max_size=5).map(lambda parts: "".join(sep + word for sep, word in parts)))
def test_may_label_answers_what_the_label_patterns_answer(text):
    t = norm(text)
    assert may_label(text) == bool(_SUMMARY_LABEL.match(t) or _SUMMARY_WORD.match(t))
