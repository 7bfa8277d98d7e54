"""Capaian recomputed by the rules of domain.md: polarity and its source, ranges, grades, missing and zero
targets, caps, typed precision, and the official scales."""

from __future__ import annotations

import pytest

from pk_excel.config import Config, Options, config_from_dict
from pk_excel.scales import ikm_category, predikat_of, same_at_precision, sakip_grade
from pk_excel.values import parse


def _ind(check_rows, name, target, realisasi, capaian="", header=None, extra=None, options=None):
    row = ["1", "Sasaran", name, target, realisasi, capaian, ""] + (extra or [])
    kw = {"header": header} if header else {}
    if options is not None:
        kw["options"] = options
    fr = check_rows([row], **kw)
    assert fr.status != "error", fr.error
    return fr.document.indicators[0], fr


def test_positive(check_rows):
    ind, _ = _ind(check_rows, "Jumlah kader terlatih", "120", "90")
    assert ind.capaian_hitung == 75 and ind.polaritas == "positif" and ind.polaritas_source == "bawaan"
    assert ind.status == "tidak tercapai" and ind.predikat == "Sedang"


def test_negative_from_lexicon_uses_2t_minus_r(check_rows):
    ind, _ = _ind(check_rows, "Angka Kematian Bayi per 1.000 KH", "12", "13,47")
    assert ind.polaritas == "negatif" and ind.polaritas_source == "leksikon"
    assert ind.capaian_hitung == pytest.approx((2 * 12 - 13.47) / 12 * 100)
    assert ind.capaian_alt == pytest.approx(12 / 13.47 * 100)
    assert ind.status == "tidak tercapai"


def test_penurunan_is_higher_is_better(check_rows):
    ind, _ = _ind(check_rows, "Persentase penurunan angka kematian ibu", "10%", "12%")
    assert ind.polaritas == "positif" and ind.capaian_hitung == pytest.approx(120)


def test_polarity_column_wins_over_lexicon(check_rows):
    header = ["NO", "SASARAN", "INDIKATOR KINERJA", "TARGET", "REALISASI", "CAPAIAN", "PENJELASAN", "POLARITAS"]
    ind, _ = _ind(check_rows, "Jumlah kasus yang dilayani", "100", "120", header=header, extra=["Positif"])
    assert (ind.polaritas, ind.polaritas_source) == ("positif", "kolom")
    assert ind.capaian_hitung == pytest.approx(120)


def test_polarity_from_configuration(check_rows):
    cfg = config_from_dict({"polaritas": {"rata-rata lama rawat inap": "negatif"}})
    ind, _ = _ind(check_rows, "Rata-rata lama rawat inap pasien", "5", "4", options=Options(config=cfg))
    assert (ind.polaritas, ind.polaritas_source) == ("negatif", "konfigurasi")
    assert ind.capaian_hitung == pytest.approx(120) and ind.status == "tercapai"


def test_range_target(check_rows):
    inside, _ = _ind(check_rows, "Persentase A", "80 - 90 %", "85%")
    above, _ = _ind(check_rows, "Persentase B", "80 s.d. 90", "99")
    below, _ = _ind(check_rows, "Persentase C", "80 - 90 %", "72%")
    assert inside.capaian_hitung == 100 and inside.status == "tercapai"
    assert above.capaian_hitung == pytest.approx(110)
    assert below.capaian_hitung == pytest.approx(90) and below.status == "tidak tercapai"


def test_grade_targets_compare_on_the_ordinal_scale(check_rows):
    met, _ = _ind(check_rows, "Opini BPK", "WTP", "WTP")
    missed, _ = _ind(check_rows, "Nilai SAKIP", "BB", "B")
    assert (met.status, met.capaian_hitung) == ("tercapai", None)
    assert missed.status == "tidak tercapai"


@pytest.mark.parametrize(
    "target, realisasi, status, reason",
    [
        ("", "10", "tidak dapat dihitung", "target-kosong"),
        ("0", "10", "tidak dapat dihitung", "target-nol"),
        ("Terlaksana", "10", "tidak dapat dihitung", "target-bukan-angka"),
        ("10", "N/A", "belum ada data", "realisasi-kosong"),
        ("10", "-", "belum ada data", "realisasi-kosong"),
    ],
)
def test_cannot_compute_says_why_and_never_divides(check_rows, target, realisasi, status, reason):
    ind, _ = _ind(check_rows, "Jumlah dokumen", target, realisasi)
    assert (ind.status, ind.status_reason, ind.capaian_hitung) == (status, reason, None)


def test_dash_with_zero_capaian_means_zero(check_rows):
    ind, _ = _ind(check_rows, "Jumlah maklumat pelayanan", "1 dokumen", "-", "0%")
    assert (ind.capaian_hitung, ind.status, ind.status_reason) == (0, "tidak tercapai", "realisasi-nol-dari-capaian")


def test_cap_is_an_option(check_rows):
    ind, _ = _ind(check_rows, "Jumlah kader", "10", "30", options=Options(config=Config(cap=120)))
    assert ind.capaian_hitung == 120


@pytest.mark.parametrize(
    "typed, computed, same",
    [("97,31%", 97.305882, True), ("97%", 97.3, True), ("97,13%", 97.31, False), ("58,46%", 58.461538, True),
     ("100%", 100.4, True), ("100%", 100.6, False)],
)
def test_typed_capaian_compared_at_its_precision(typed, computed, same):
    assert same_at_precision(parse(typed, role="capaian"), computed) is same


@pytest.mark.parametrize(
    "x, expected",
    [(88.31, ("A", "Sangat Baik")), (88.30, ("B", "Baik")), (82.71, ("B", "Baik")), (76.61, ("B", "Baik")),
     (76.60, ("C", "Kurang Baik")), (65.0, ("C", "Kurang Baik")), (64.99, ("D", "Tidak Baik")),
     (3.6, ("A", "Sangat Baik")), (3.1, ("B", "Baik"))],
)
def test_ikm_scale(x, expected):
    assert ikm_category(x) == expected


@pytest.mark.parametrize("x, grade", [(95, "AA"), (90, "A"), (80.5, "A"), (80, "BB"), (70.01, "BB"), (61, "B"), (55, "CC"), (40, "C"), (30, "D")])
def test_sakip_scale_bounds_are_strict(x, grade):
    assert sakip_grade(x) == grade


@pytest.mark.parametrize("x, label", [(97.31, "Sangat Tinggi"), (91, "Sangat Tinggi"), (90.9, "Tinggi"), (76, "Tinggi"),
                                      (70, "Sedang"), (58.46, "Rendah"), (50, "Sangat Rendah"), (0, "Sangat Rendah")])
def test_predikat_scale(x, label):
    assert predikat_of(x, Config()) == label


def test_predikat_scale_is_configurable():
    cfg = config_from_dict({"predikat": {"Baik": 80, "Cukup": 60, "Kurang": 0}})
    assert [predikat_of(x, cfg) for x in (85, 70, 10)] == ["Baik", "Cukup", "Kurang"]


def test_each_distinct_value_read_once_by_its_kind_format_and_percent_flag():
    """`_read_cells` reads each distinct raw value once: a text alike under any number format, a number with
    its type and format (1, 1.0 and True apart), the percent flag part of the key where rows differ in it;
    an unhashable value (never from a reader) has every row read on its own. Each row gets what
    `values.parse` gives its cell."""
    from pk_excel.measure import _read_cells
    from pk_excel.model import Cell

    raws = [("97,31%", "General"), ("97,31%", "0.00"), (1, "General"), (1.0, "General"), (True, "General"),
            (0.5, "0.00%"), (0.5, "General"), ("6 unit", "General"), (None, "General"), ("6 unit", "@")]
    cells = [Cell("PK", k + 5, 4, raw, fmt) for k, (raw, fmt) in enumerate(raws)] + [None]
    flags = [k % 2 == 0 for k in range(len(cells))]
    for percent in (False, True, flags):
        col = _read_cells(cells, "target", percent)
        want = [parse(c.value, c.number_format, "target", percent if isinstance(percent, bool) else flags[k])
                if c is not None else None for k, c in enumerate(cells)]
        got = col.rows()
        assert [v.kind for v in got[:-1]] == [v.kind for v in want[:-1]] and got == [*want[:-1], got[-1]]
        assert got[-1].kind == "empty"
        assert type(got[2].raw) is int and type(got[3].raw) is float and got[4].kind == "text"
    col = _read_cells([Cell("PK", 5, 4, ["x"]), Cell("PK", 6, 4, "85")], "target", False)
    assert [v.kind for v in col.rows()] == ["text", "number"]


def test_lexicons_find_what_their_alternation_finds():
    """The polarity lexicons search as a trie of their words (`polarity.Words`), with re.ASCII on an ASCII
    text: they find a word exactly where the plain `\\b(?:w1|w2|...)\\b` does, in any text."""
    import random
    import re

    from pk_excel.polarity import NEGATIVE_LEXICON, POSITIVE_OVERRIDES, Words

    rng = random.Random(16)
    for words in (NEGATIVE_LEXICON, POSITIVE_OVERRIDES, ("a", "ab", "abc", "b c", "x-y")):
        plain = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b")
        trie = Words(words)
        pieces = [*words, " ", "-", "é", "ab", "kasus", "s", "2", "_", "İ", "."]
        for _ in range(3000):
            text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
            assert (plain.search(text) is None) == (trie.search(text) is None), (words[:3], text)


def test_percentage_names_ruled_out_by_substrings_first():
    """`is_persentase` rules a name out when it holds neither "sentas" nor "%", as the pattern would."""
    from pk_excel.measure import PERSENTASE_NAME
    from pk_excel.rules._indikator import is_persentase, norm

    names = ["Persentase layanan", "PROSENTASE x", "presentase  y", "Persentasi", "Jumlah (%)", "persentasenya",
             "Jumlah SOP", "", "Tingkat 100 %", "Sentase"]
    for name in names:
        assert is_persentase(name) == bool(PERSENTASE_NAME.search(norm(name))), name


def test_capaian_rounded_as_python_rounds():
    """`_rounded` rounds the whole column in numpy and only the values near a half (or past 2**52) in Python:
    every value comes out as round(x, 6) gives it, the sign of a zero included."""
    import math
    import random

    import numpy as np

    from pk_excel.measure import _rounded

    rng = random.Random(16)
    xs = [rng.uniform(-1e3, 1e3) for _ in range(3000)] + [(rng.randint(-10**9, 10**9) + 0.5) / 1e6 for _ in range(3000)]
    xs += [rng.uniform(-1e12, 1e12) for _ in range(1000)] + [0.0, -0.0, -1e-7, 5e-7, 2.5e-6, 1.0000005, 4.5e9, 1e16,
                                                              2**52 / 1e6, 97.3058823529, math.inf, math.nan]
    column, out = _rounded(np.array(xs))
    for x, c, o in zip(xs, column.tolist(), out, strict=True):
        if not math.isfinite(x):
            assert o is None and c != c
        else:
            assert o == c == round(x, 6) and math.copysign(1, o) == math.copysign(1, round(x, 6)), x
