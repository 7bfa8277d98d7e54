"""value-not-numeric: words where the row needs a number, so the capaian cannot be verified."""

from conftest import rules_fired


def test_fires_on_words_beside_a_numeric_target(check_rows):
    fr = check_rows([["", "Sasaran", "Jumlah dokumen", "4 dokumen", "lihat lampiran", "100%", ""]])
    assert rules_fired(fr, "value-not-numeric") == [("value-not-numeric", "E5")]
    f = next(f for f in fr.findings if f.rule == "value-not-numeric")
    assert "lihat lampiran" in f.message() and f.severity == "warning"


def test_silent_on_numbers_grades_missing_and_qualitative_rows(check_rows):
    rows = [
        ["", "S", "Jumlah dokumen", "4 dokumen", "4 dokumen", "100%", ""],
        ["", "S", "Nilai SAKIP", "BB", "N/A", "N/A", ""],
        ["", "S", "Opini BPK", "WTP", "WTP", "", ""],
        ["", "S", "Terlaksananya musrenbang", "Terlaksana", "Terlaksana", "", ""],
    ]
    fr = check_rows(rows)
    assert rules_fired(fr, "value-not-numeric") == []


def test_silent_on_a_qualitative_row_with_a_typed_capaian(check_rows):
    fr = check_rows([["", "S", "Terlaksananya musrenbang", "Terlaksana", "Terlaksana", "100%", "Tercapai"]])
    assert rules_fired(fr, "value-not-numeric") == []
