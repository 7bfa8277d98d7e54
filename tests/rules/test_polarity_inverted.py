from conftest import rules_fired

UHH = ["1", "Meningkatnya umur harapan hidup", "Usia Harapan Hidup"]


def test_fires_on_target_over_realisasi(check_rows):
    fr = check_rows(["Sasaran Strategis", UHH + ["70", "72", "97,22%", ""]])
    assert rules_fired(fr, "polarity-inverted") == [("polarity-inverted", "F6")]
    assert rules_fired(fr, "capaian-wrong") == []
    f = next(f for f in fr.findings if f.rule == "polarity-inverted")
    assert f.expected == "102,86%" and "target ÷ realisasi" in f.message_id


def test_declared_polarity_makes_it_capaian_wrong(check_rows):
    header = [
        "NO",
        "SASARAN",
        "INDIKATOR KINERJA",
        "TARGET",
        "REALISASI",
        "CAPAIAN",
        "PENJELASAN",
        "POLARITAS",
    ]
    fr = check_rows(["Sasaran Strategis", UHH + ["70", "72", "97,22%", "", "Positif"]], header=header)
    assert rules_fired(fr, "polarity-inverted") == []
    assert rules_fired(fr, "capaian-wrong") == [("capaian-wrong", "F6")]


def test_silent_on_right_formula_or_negative_name(check_rows):
    fr = check_rows(
        [
            "Sasaran Strategis",
            UHH + ["70", "72", "102,86%", ""],
            ["2", "Menurunnya kematian", "Angka kematian bayi", "12", "13,47", "89,09%", ""],
            ["3", "Layanan", "Jumlah SOP", "10", "10", "100%", ""],
        ]
    )
    assert rules_fired(fr, "polarity-inverted") == []
