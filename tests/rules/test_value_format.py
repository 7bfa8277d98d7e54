from conftest import rules_fired


def test_one_finding_per_note_with_its_severity(check_rows):
    fr = check_rows(
        [
            "Sasaran Strategis",
            ["1", "Kepuasan", "Indeks Kepuasan Masyarakat", "85,00 (Baik)", "82, 71 (Baik)", "97,31%", ""],
            ["2", "Layanan", "Jumlah dokumen", "1.5", "1,5", "100%", ""],
        ],
        programs=[("Program Penunjang", "1.612.808.953"), ("Program Lain", "3,447,564,346")],
    )
    got = [(f.cell, f.severity) for f in fr.findings if f.rule == "value-format"]
    assert ("E6", "info") in got and ("D7", "warning") in got
    assert len([c for c, _ in got if c in ("E6", "D7")]) == 2
    msg = next(f.message_id for f in fr.findings if f.rule == "value-format" and f.cell == "E6")
    assert msg.startswith("Realisasi:") and "82,71" in msg
    anggaran = [f for f in fr.findings if f.rule == "value-format" and f.row and f.row > 8]
    assert len(anggaran) == 1 and "Anggaran Program Lain" in anggaran[0].message_id


def test_silent_on_clean_values(check_rows):
    fr = check_rows(
        ["Sasaran Strategis", ["1", "Kepuasan", "Indeks Kepuasan Masyarakat", "85", "82,71", "97,31%", ""]]
    )
    assert rules_fired(fr, "value-format") == []
