from conftest import rules_fired

IKM = ["1", "Meningkatnya kepuasan", "Indeks Kepuasan Masyarakat (IKM)"]


def test_ikm_label_contradicts(check_rows):
    fr = check_rows(["Sasaran Strategis", IKM + ["85,00 (Baik)", "82,71 (Sangat Baik)", "97,31%", ""]])
    assert rules_fired(fr, "label-contradicts-value") == [("label-contradicts-value", "E6")]
    f = next(f for f in fr.findings if f.rule == "label-contradicts-value")
    assert f.expected == "B (Baik)" and "Sangat Baik" in f.message_id


def test_ikm_letter_label(check_rows):
    fr = check_rows(["Sasaran Strategis", IKM + ["90 (B)", "82,71 (B)", "91,9%", ""]])
    assert rules_fired(fr, "label-contradicts-value") == [("label-contradicts-value", "D6")]


def test_sakip_grade_beside_value(check_rows):
    row = ["1", "Akuntabilitas", "Nilai SAKIP", "75 (A)", "80 (BB)", "106,67%", ""]
    fr = check_rows(["Sasaran Strategis", row])
    assert rules_fired(fr, "label-contradicts-value") == [("label-contradicts-value", "D6")]
    assert next(f for f in fr.findings if f.rule == "label-contradicts-value").expected == "BB"


def test_predikat_column(check_rows):
    header = ["NO", "SASARAN", "INDIKATOR KINERJA", "TARGET", "REALISASI", "CAPAIAN", "PREDIKAT"]
    fr = check_rows(
        [
            "Sasaran Kegiatan",
            ["1", "Tersedianya SOP", "Jumlah SOP", "10", "9", "90%", "Sangat Tinggi"],
            ["2", "Tersedianya SOP", "Jumlah tim", "10", "10", "100%", "Sangat Tinggi"],
        ],
        header=header,
    )
    assert rules_fired(fr, "label-contradicts-value") == [("label-contradicts-value", "G6")]


def test_silent_when_labels_fit_or_scale_unknown(check_rows):
    fr = check_rows(
        [
            "Sasaran Strategis",
            IKM + ["85,00 (Baik)", "82, 71 (Baik)", "97,31%", "Hasil SKM Tahun 2023"],
            ["2", "Akuntabilitas", "Nilai SAKIP", "BB", "N/A", "N/A", "Belum ada nilai LHE"],
            ["3", "Meningkatnya mutu", "Nilai mutu pelayanan", "85 (Sangat Baik)", "82 (Baik)", "96,47%", ""],
        ]
    )
    assert rules_fired(fr, "label-contradicts-value") == []
