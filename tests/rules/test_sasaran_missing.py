from conftest import rules_fired


def row(no, sasaran, indikator, target="10", realisasi="10", capaian="100%", penjelasan="Tercapai"):
    return [no, sasaran, indikator, target, realisasi, capaian, penjelasan]


def test_first_row_of_a_section_without_sasaran_fires_on_the_sasaran_cell(check_rows):
    fr = check_rows(
        [
            "Sasaran Strategis",
            row("", "Meningkatnya kepuasan", "Indeks Kepuasan Masyarakat"),
            row("", "", "Nilai SAKIP"),  # carried down from the row above: fine
            "Sasaran Program",
            row("", "", "Persentase layanan yang memiliki SOP"),
        ]
    )
    found = [f for f in fr.findings if f.rule == "sasaran-missing"]
    assert [(f.cell, f.severity, f.indikator) for f in found] == [
        ("B9", "warning", "Persentase layanan yang memiliki SOP")
    ]


def test_sasaran_column_empty_throughout_is_silent(check_rows):
    fr = check_rows(
        ["Sasaran Strategis", row("", "", "Indeks Kepuasan Masyarakat"), row("", "", "Nilai SAKIP")]
    )
    assert rules_fired(fr, "sasaran-missing") == []


def test_bajeng_sample_is_silent(bajeng_sample):
    from pk_excel import check

    assert rules_fired(check(bajeng_sample).files[0], "sasaran-missing") == []
