from conftest import rules_fired


def test_info_when_lexicon_decides(check_rows):
    fr = check_rows(
        ["Sasaran Strategis", ["1", "Kematian", "Angka kematian bayi", "12", "13,47", "87,75%", ""]]
    )
    got = [f for f in fr.findings if f.rule == "polarity-inferred"]
    assert [(f.cell, f.severity) for f in got] == [("F6", "info")]
    assert "kematian" in got[0].message_id and "nama indikator" in got[0].message_id


def test_info_when_typed_capaian_decides(check_rows):
    fr = check_rows(["Sasaran Strategis", ["1", "Layanan", "Lama antrean loket", "10", "12", "80%", ""]])
    got = [f for f in fr.findings if f.rule == "polarity-inferred"]
    assert [(f.cell, f.severity) for f in got] == [("F6", "info")]
    assert "capaian tercatat 80%" in got[0].message_id


def test_silent_when_declared_or_default(check_rows):
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
    fr = check_rows(
        [
            "Sasaran Strategis",
            ["1", "Kematian", "Angka kematian bayi", "12", "13,47", "87,75%", "", "Negatif"],
            ["2", "Layanan", "Jumlah SOP", "10", "10", "100%", "", ""],
        ],
        header=header,
    )
    assert rules_fired(fr, "polarity-inferred") == []
