from conftest import rules_fired


def test_fires_on_different_units(check_rows):
    fr = check_rows(
        [
            "Sasaran Program",
            ["1", "Sarana memadai", "Jumlah sarana", "6 unit", "6 orang", "100%", ""],
            ["2", "SOP", "Jumlah SOP", "100%", "11 SOP", "100%", ""],
        ]
    )
    assert rules_fired(fr, "unit-mismatch") == [("unit-mismatch", "E6"), ("unit-mismatch", "E7")]


def test_silent_on_same_unit_case_plural_or_bare(check_rows):
    fr = check_rows(
        [
            "Sasaran Program",
            ["1", "Sarana memadai", "Jumlah sarana", "6 unit", "6 Unit", "100%", ""],
            ["2", "Sarana memadai", "Jumlah dokumen", "2 dokumen", "2 dokumen-dokumen", "100%", ""],
            ["3", "Sarana memadai", "Jumlah peserta", "5 unsur masyarakat", "5", "100%", ""],
            ["4", "Layanan", "Persentase layanan", "100%", "100", "100%", ""],
        ]
    )
    assert rules_fired(fr, "unit-mismatch") == []
