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


def test_formula_that_hides_a_missing_realisasi_is_a_warning(check_rows):
    fr = check_rows([["", "Sasaran", "Jumlah laporan", "4", "-", "=IFERROR(E5/D5*100,0)", ""]])
    found = [f for f in fr.findings if f.rule == "capaian-without-realisasi"]
    assert [(f.severity, f.cell) for f in found] == [("warning", "F5")]
    assert "berasal dari rumus" in found[0].message() and "dibaca 0" not in found[0].message()
    from pk_excel.report import indicator_json

    assert indicator_json(fr.document.indicators[0])["realisasi"] is None  # missing, as the message says


def test_dash_beside_a_typed_zero_is_zero_in_the_message_and_the_json(check_rows):
    from pk_excel.report import indicator_json

    fr = check_rows([["", "Sasaran", "Jumlah maklumat", "1 dokumen", "-", "0%", ""]])
    found = [f for f in fr.findings if f.rule == "capaian-without-realisasi"]
    assert [f.severity for f in found] == ["info"] and "dibaca 0" in found[0].message()
    assert indicator_json(fr.document.indicators[0])["realisasi"] == 0


def test_the_dinas_kesehatan_sample_plants_the_hidden_missing_realisasi():
    from conftest import SAMPLES

    from pk_excel import check

    fr = check(SAMPLES / "pk-dinas-kesehatan-2024.xlsx").files[0]
    hidden = [f for f in fr.findings if f.rule == "capaian-without-realisasi" and f.cell == "G28"]
    assert [f.severity for f in hidden] == ["warning"]
