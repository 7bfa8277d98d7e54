from conftest import rules_fired


def test_fires_on_empty_and_dash_target(check_rows):
    fr = check_rows(
        [
            "Sasaran Kegiatan",
            ["1", "Tersedianya SOP", "Jumlah SOP pelayanan", "", "11 SOP", "100%", ""],
            ["2", "Tersedianya SOP", "Jumlah tim", "-", "1 tim", "", ""],
        ]
    )
    assert rules_fired(fr, "target-missing") == [("target-missing", "D6"), ("target-missing", "D7")]


def test_silent_with_target(check_rows):
    fr = check_rows(
        [
            "Sasaran Strategis",
            ["1", "Akuntabilitas", "Nilai SAKIP", "BB", "N/A", "N/A", "Belum ada nilai LHE"],
            ["2", "Tersedianya SOP", "Jumlah SOP", "11 SOP", "11 SOP", "100%", ""],
        ]
    )
    assert rules_fired(fr, "target-missing") == []
