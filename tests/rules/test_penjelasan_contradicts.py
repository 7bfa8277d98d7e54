import pytest
from conftest import rules_fired

from pk_excel.rules.penjelasan_contradicts import statements

USULAN = ["1", "Usulan diakomodir", "Jumlah usulan masyarakat", "65 usulan", "38 usulan", "58,46%"]


def test_swapped_numbers_are_an_error(check_rows):
    fr = check_rows(["Sasaran Program", USULAN + ["65 usulan terealisasi dari target 38 usulan"]])
    got = [f for f in fr.findings if f.rule == "penjelasan-contradicts"]
    assert [(f.cell, f.severity) for f in got] == [("G6", "error")]
    assert "tertukar" in got[0].message_id


def test_differing_number_is_a_warning(check_rows):
    fr = check_rows(["Sasaran Program", USULAN + ["Realisasi sebanyak 40 usulan dari target 65 usulan"]])
    got = [f for f in fr.findings if f.rule == "penjelasan-contradicts"]
    assert [(f.cell, f.severity) for f in got] == [("G6", "warning")]
    assert "40" in got[0].message_id


def test_bare_x_of_y_swapped(check_rows):
    fr = check_rows(["Sasaran Program", USULAN + ["65 dari 38 usulan diakomodir"]])
    assert rules_fired(fr, "penjelasan-contradicts") == [("penjelasan-contradicts", "G6")]


@pytest.mark.parametrize(
    "text",
    [
        "Jumlah usulan 58,46% dari jumlah usulan yang ditargetkan",
        "38 dari 65 usulan diakomodir",
        "11 Layanan dengan 11 SOP",
        "Jumlah pengaduan sebanyak 1 pengaduan yang telah ditindaklanjuti.",
        "Tim penyusun SOP berdasarkan SK Camat Nomor: 02/Kep-KSO/III/2023 tentang Pembentukan Tim",
        "Hasil SKM Tahun 2023",
        "Target tahun 2023 sebesar 65 usulan, realisasi 38 usulan, capaian 58,5%",
        "6 kematian ibu dari 6.977 kelahiran hidup",
    ],
)
def test_silent(check_rows, text):
    fr = check_rows(["Sasaran Program", USULAN + [text]])
    assert rules_fired(fr, "penjelasan-contradicts") == []


def test_statements_reader():
    got = statements("Target tahun 2023 sebesar 1.250 dengan realisasi 1.100,5 sehingga capaian 88,04%")
    assert [(s.what, s.value, s.decimals) for s in got] == [
        ("T", 1250.0, 0),
        ("R", 1100.5, 1),
        ("C", 88.04, 2),
    ]
    assert statements("SK Nomor 02/Kep-KSO/III/2023") == []
