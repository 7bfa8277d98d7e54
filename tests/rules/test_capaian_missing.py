from conftest import rules_fired

ROW = ["1", "Tersedianya SOP", "Jumlah SOP pelayanan"]


def test_fires_when_no_capaian(check_rows):
    fr = check_rows(["Sasaran Kegiatan", ROW + ["11 SOP", "10 SOP", "", "ket"]])
    assert rules_fired(fr, "capaian-missing") == [("capaian-missing", "F6")]
    f = next(f for f in fr.findings if f.rule == "capaian-missing")
    assert f.expected == "90,91%"


def test_silent_with_capaian_or_formula(check_rows):
    fr = check_rows(
        [
            "Sasaran Kegiatan",
            ROW + ["11 SOP", "11 SOP", "100%", ""],
            ["2", "Tersedianya SOP", "Jumlah tim", 4, 3, "=E7/D7*100", ""],
            ["3", "Tersedianya SOP", "Jumlah dokumen", "BB", "N/A", "", ""],
        ]
    )
    assert rules_fired(fr, "capaian-missing") == []
