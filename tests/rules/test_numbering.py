import pytest
from conftest import Shift, rules_fired


def row(no, sasaran, indikator, target="10", realisasi="10", capaian="100%", penjelasan="Tercapai"):
    return [no, sasaran, indikator, target, realisasi, capaian, penjelasan]


def numbered(*nos, sections=("Sasaran Strategis",)):
    """Rows numbered `nos`; a str among them that starts with "Sasaran" is a section row."""
    out = list(sections)
    for i, no in enumerate(nos):
        out.append(
            no if isinstance(no, str) and no.startswith("Sasaran") else row(no, f"S{i}", f"Indikator {i}")
        )
    return out


def messages(fr):
    return [(f.cell, f.message_id) for f in fr.findings if f.rule == "numbering"]


def test_gap_fires_on_the_number_after_the_gap(check_rows):
    fr = check_rows(numbered(1, 2, 4))
    assert messages(fr) == [("A8", "Nomor melompat dari 2 ke 4; seharusnya 3.")]
    assert [f.severity for f in fr.findings if f.rule == "numbering"] == ["warning"]


def test_duplicate_number_names_the_first_row(check_rows):
    fr = check_rows(numbered(1, 2, 2, 3))
    assert messages(fr) == [("A8", "Nomor 2 sudah dipakai pada baris 7; seharusnya 3.")]


def test_out_of_order(check_rows):
    fr = check_rows(numbered(1, 3, 2))
    cells = [c for c, _ in messages(fr)]
    assert cells == ["A7", "A8"]  # 1 -> 3 skips 2, then 2 after 3 is out of order
    assert "tidak berurutan" in messages(fr)[1][1]


@pytest.mark.parametrize(
    "nos",
    [
        (1, 2, 3),
        ("1.", "2.", "3."),
        ("1)", "2)"),
        (1, "1.1", "1.2", 2, "2.1"),
        (1, 2, "Sasaran Program", 1, 2),  # restarts in each section
        (1, 2, "Sasaran Program", 3, 4),  # runs on across sections
        ("1.1", "1.2", "1.3", "2.1"),  # children of program 1 and 2 of the section above
        ("I", 1, 2, "II", 1),  # roman section labels in the NO column
    ],
)
def test_accepted_numbering_is_silent(check_rows, nos):
    fr = check_rows(numbered(*nos))
    assert rules_fired(fr, "numbering") == []


def test_empty_no_column_is_silent(check_rows):
    fr = check_rows(numbered("", "", "", ""))
    assert rules_fired(fr, "numbering") == []


def test_one_missing_number_fires_on_that_row_and_no_gap_after_it(check_rows):
    fr = check_rows(numbered(1, "", 3, 4))
    assert messages(fr) == [
        ("A7", "Nomor (NO) baris ini kosong, padahal baris lain di tabel ini bernomor."),
    ]


def test_mostly_empty_no_column_gives_one_finding_on_the_header(check_rows):
    fr = check_rows(numbered(1, "", "", "", ""))
    assert messages(fr) == [
        (
            "A4",
            "Kolom NO hanya terisi pada 1 dari 5 baris indikator; mohon lengkapi atau kosongkan seluruhnya.",
        )
    ]


def test_numbering_per_sasaran_leaves_carried_rows_blank(check_rows):
    fr = check_rows(
        [
            "Sasaran Strategis",
            row(1, "Sasaran satu", "Indikator A"),
            row("", "", "Indikator B"),
            row(2, "Sasaran dua", "Indikator C"),
            row("", "", "Indikator D"),
        ]
    )
    assert rules_fired(fr, "numbering") == []


def test_shifted_rows_are_left_to_row_shifted(check_rows):
    fr = check_rows(
        [
            "Sasaran Strategis",
            row(1, "S1", "Indikator A"),
            row(2, "S2", "Indikator B"),
            Shift(-1, row("", "S3", "Indikator C")),
            Shift(-1, row("", "S4", "Indikator D")),
        ]
    )
    assert rules_fired(fr, "numbering") == []
    assert len(rules_fired(fr, "row-shifted")) == 2


def test_bajeng_sample_is_silent(bajeng_sample):
    from pk_excel import check

    assert rules_fired(check(bajeng_sample).files[0], "numbering") == []


def test_numbering_restarting_under_each_heading_is_a_convention(check_rows):
    def row(n, name):
        return [str(n), f"Sasaran {name}", f"Jumlah {name}", "10", "10", "100%", ""]

    fr = check_rows(
        [
            "Sasaran Kegiatan", row(1, "a"), row(2, "b"),
            "Sasaran Kegiatan", row(1, "c"), row(2, "d"), row(3, "e"),
            "Program Penunjang Urusan Pemerintahan", row(1, "f"), row(2, "g"),
        ]
    )  # fmt: skip
    assert [f for f in fr.findings if f.rule == "numbering"] == []


def test_a_restart_without_a_heading_is_still_reported(check_rows):
    def row(n, name):
        return [str(n), f"Sasaran {name}", f"Jumlah {name}", "10", "10", "100%", ""]

    fr = check_rows(["Sasaran Kegiatan", row(1, "a"), row(2, "b"), row(1, "c")])
    assert [f.cell for f in fr.findings if f.rule == "numbering"] == ["A8"]


def test_a_row_shifted_right_keeps_its_number_in_the_sequence(check_rows):
    from conftest import Shift

    rows = [["1", "S", "Indikator A", "10", "10", "100%", ""],
            Shift(1, ["2", "S", "Indikator B", "10", "9", "90%", ""]),
            ["3", "S", "Indikator C", "10", "8", "80%", ""]]
    fr = check_rows(rows)
    assert [f for f in fr.findings if f.rule == "numbering"] == []
    assert [f.rule for f in fr.findings if f.rule == "row-shifted"] == ["row-shifted"]


def test_a_table_counting_up_is_read_cheaply_and_any_other_the_full_way(check_rows, monkeypatch):
    """`_counts_up` passes a table numbered 1, 2, 3 ... (`1.`, a label between allowed) without the full
    reading; a gap, a repeat, a blank number or a hierarchical number sends the table the full way, which
    says what it always said about it."""
    from pk_excel.rules import numbering

    full_way: list[bool] = []
    counts_up = numbering._counts_up

    def spy(rows):
        got = counts_up(rows)
        full_way.append(not got)
        return got

    monkeypatch.setattr(numbering, "_counts_up", spy)
    assert messages(check_rows(numbered(1, 2, 3, "II", 4))) == [] and full_way == [False]
    full_way.clear()
    assert messages(check_rows(numbered("1.", "2)", 3))) == [] and full_way == [False]
    for nos in ((1, 2, 4), (1, 2, 2, 3), (1, "", 3), (1, "1.1", 2)):
        full_way.clear()
        check_rows(numbered(*nos))
        assert full_way == [True], nos
    assert [c for c, _ in messages(check_rows(numbered(1, 2, 4)))] == ["A8"]
