import pytest
from conftest import rules_fired

ROWS = [
    "Sasaran Strategis",
    ["", "Meningkatnya kepuasan", "Indeks Kepuasan Masyarakat", "85", "85", "100%", "SKM"],
]


def test_text_amount_fires_on_its_cell(make_pk):
    from openpyxl import load_workbook

    from pk_excel import check

    path = make_pk(ROWS, programs=[("Program A", "Rp 1.000.000"), ("Program B", "lihat DPA")])
    fr = check(path).files[0]
    found = [f for f in fr.findings if f.rule == "anggaran-unparsed"]
    assert [f.severity for f in found] == ["error"]
    assert load_workbook(path).active[found[0].cell].value == "lihat DPA"
    assert found[0].message_id.startswith("Anggaran 'lihat DPA' untuk Program B tidak dapat dibaca")
    assert found[0].found == "lihat DPA"


@pytest.mark.parametrize(
    "amount", ["3.447.564.346", "Rp 1.612.808.953,00", "Rp 1,5 M", "Rp 425 juta", 1612808953]
)
def test_money_amounts_are_silent(check_rows, amount):
    fr = check_rows(ROWS, programs=[("Program A", amount)], programs_side_by_side=True)
    assert rules_fired(fr, "anggaran-unparsed") == []


def test_empty_amount_is_left_to_program_anggaran_count(check_rows):
    fr = check_rows(ROWS, programs=[("Program A", "1.000"), ("Program B", "-")], programs_side_by_side=True)
    assert rules_fired(fr, "anggaran-unparsed") == []
    assert len(rules_fired(fr, "program-anggaran-count")) == 1
