from conftest import rules_fired


def test_fires_on_count_unit(check_rows):
    fr = check_rows(
        [
            "Sasaran Program",
            [
                "1",
                "Usulan diakomodir",
                "Persentase usulan masyarakat yang diakomodir",
                "65 usulan",
                "38 usulan",
                "58,46%",
                "",
            ],
        ]
    )
    assert rules_fired(fr, "persentase-unit") == [("persentase-unit", "D6")]
    assert "usulan" in next(f for f in fr.findings if f.rule == "persentase-unit").message_id


def test_silent_on_percent_or_count_indicator(check_rows):
    fr = check_rows(
        [
            "Sasaran Program",
            [
                "1",
                "SOP",
                "Persentase layanan yang memiliki SOP",
                "100%",
                "100%",
                "100%",
                "11 Layanan dengan 11 SOP",
            ],
            ["2", "Usulan", "Jumlah usulan masyarakat", "65 usulan", "38 usulan", "58,46%", ""],
            ["3", "Layanan", "Persentase layanan sesuai SP", "100", "100", "100%", ""],
        ]
    )
    assert rules_fired(fr, "persentase-unit") == []
