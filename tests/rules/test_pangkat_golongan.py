import pytest
from conftest import DEFAULT_SIGNATURE, rules_fired

ROWS = [
    "Sasaran Strategis",
    ["", "Meningkatnya kepuasan", "Indeks Kepuasan Masyarakat", "85", "85", "100%", "SKM"],
]


def with_pangkat(line):
    return DEFAULT_SIGNATURE[:6] + (line,)


def test_pangkat_not_matching_golongan_fires_on_its_cell(check_rows):
    fr = check_rows(ROWS, signature=with_pangkat("Pangkat : Pembina / III.d"))
    found = [f for f in fr.findings if f.rule == "pangkat-golongan"]
    assert [(f.cell, f.severity) for f in found] == [("F14", "error")]
    assert found[0].message_id == (
        "Pangkat Pembina tidak sesuai dengan golongan III/d: Pembina adalah golongan IV/a, "
        "golongan III/d berpangkat Penata Tk. I."
    )


@pytest.mark.parametrize(
    "line", ["Pangkat : Pembina / IV.a", "Penata Muda Tingkat I (III/b)", "Pembina Utama Muda, IV/c", "IV/a"]
)
def test_consistent_or_partial_is_silent(check_rows, line):
    assert rules_fired(check_rows(ROWS, signature=with_pangkat(line)), "pangkat-golongan") == []


def test_bajeng_sample_is_silent(bajeng_sample):
    from pk_excel import check

    assert rules_fired(check(bajeng_sample).files[0], "pangkat-golongan") == []
