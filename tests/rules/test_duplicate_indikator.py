from conftest import rules_fired


def row(no, sasaran, indikator, target="10", realisasi="10", capaian="100%", penjelasan="Tercapai"):
    return [no, sasaran, indikator, target, realisasi, capaian, penjelasan]


def test_same_name_same_level_different_numbers_fires_on_the_later_row(check_rows):
    fr = check_rows(
        [
            "Sasaran Kegiatan",
            row("", "Tersedianya SOP", "Jumlah SOP pelayanan yang disusun", "11 SOP", "11 SOP"),
            row("", "Tersedianya maklumat", "Jumlah maklumat pelayanan", "1 dokumen", "1 dokumen"),
            row(
                "",
                "Tersedianya SOP baru",
                "jumlah  SOP pelayanan yang disusun.",
                "12 SOP",
                "10 SOP",
                "83,33%",
            ),
        ]
    )
    found = [f for f in fr.findings if f.rule == "duplicate-indikator"]
    assert [(f.cell, f.severity) for f in found] == [("C8", "warning")]
    assert "baris 6" in found[0].message_id
    assert "target 11 SOP, realisasi 11 SOP" in found[0].message_id
    assert "target 12 SOP, realisasi 10 SOP" in found[0].message_id


def test_cascading_same_name_at_different_levels_is_silent(check_rows):
    fr = check_rows(
        [
            "Sasaran Program",
            row("", "Tersedianya SOP", "Jumlah SOP pelayanan", "11 SOP", "11 SOP"),
            "Sasaran Kegiatan",
            row("", "Tersusunnya SOP", "Jumlah SOP pelayanan", "11 SOP", "11 SOP"),
        ]
    )
    assert rules_fired(fr, "duplicate-indikator") == []


def test_same_name_same_numbers_is_silent(check_rows):
    fr = check_rows(
        [
            "Sasaran Kegiatan",
            row("", "Sasaran A", "Persentase pengaduan yang ditindaklanjuti", "100%", "100%"),
            row("", "Sasaran B", "Persentase Pengaduan yang Ditindaklanjuti", "100 %", "100%"),
        ]
    )
    assert rules_fired(fr, "duplicate-indikator") == []


def test_similar_but_different_names_are_silent(check_rows):
    fr = check_rows(
        [
            "Sasaran Program",
            row("", "A", "Persentase tindak lanjut pengaduan yang tersedia", "100%", "100%"),
            row("", "B", "Persentase usulan masyarakat yang diakomodir", "65 usulan", "38 usulan", "58,46%"),
            "Sasaran Kegiatan",
            row("", "C", "Persentase pengaduan yang ditindaklanjuti", "100%", "90%", "90%"),
            row("", "D", "Jumlah usulan masyarakat", "60 usulan", "38 usulan", "63,33%"),
        ]
    )
    assert rules_fired(fr, "duplicate-indikator") == []


def test_bajeng_sample_is_silent(bajeng_sample):
    from pk_excel import check

    assert rules_fired(check(bajeng_sample).files[0], "duplicate-indikator") == []


def test_loose_names_keep_every_pair_the_rule_compares():
    """Rows are picked by a name cheaper than the rule's own (`_loose`): two names the rule reads as one
    always share it, ASCII or not."""
    import random
    import string

    from pk_excel.rules._doc import norm_name
    from pk_excel.rules.duplicate_indikator import _loose

    rng = random.Random(16)
    chars = string.printable + "éÉßİıÅ\u00a0\u2013"
    for _ in range(5000):
        a = "".join(rng.choice(chars) for _ in range(rng.randint(0, 14)))
        assert _loose(a) == norm_name(a).replace(" ", "").encode(), repr(a)
    assert _loose("Jumlah  SOP.") == _loose("jumlah sop") != _loose("Jumlah SOP 2")
