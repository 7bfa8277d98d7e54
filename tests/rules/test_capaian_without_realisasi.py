from conftest import rules_fired

ROW = ["1", "Tersedianya SOP", "Jumlah SOP pelayanan"]


def test_fires_when_capaian_but_no_realisasi(check_rows):
    fr = check_rows(["Sasaran Kegiatan", ROW + ["11 SOP", "-", "100%", ""]])
    assert rules_fired(fr, "capaian-without-realisasi") == [("capaian-without-realisasi", "F6")]
    f = fr.findings[[x.rule for x in fr.findings].index("capaian-without-realisasi")]
    assert f.severity == "error" and "100%" in f.message_id


def test_zero_capaian_with_dash_is_info(check_rows):
    fr = check_rows(["Sasaran Kegiatan", ROW + ["1 dokumen", "-", "0%", "Belum disusun"]])
    got = [f for f in fr.findings if f.rule == "capaian-without-realisasi"]
    assert [(f.severity, f.cell) for f in got] == [("info", "E6")]


def test_silent_when_both_missing_or_realisasi_present(check_rows):
    fr = check_rows(
        [
            "Sasaran Strategis",
            ["1", "Akuntabilitas", "Nilai SAKIP", "BB", "N/A", "N/A", "Belum ada nilai LHE"],
            ROW + ["11 SOP", "11 SOP", "100%", ""],
        ]
    )
    assert rules_fired(fr, "capaian-without-realisasi") == []
