from conftest import rules_fired

ROWS = [
    "Sasaran Strategis",
    ["", "Meningkatnya kepuasan", "Indeks Kepuasan Masyarakat", "85", "85", "100%", "SKM"],
]


def test_program_without_amount_fires_on_its_name(check_rows, make_pk):
    from openpyxl import load_workbook

    from pk_excel import check

    path = make_pk(ROWS, programs=[("Program A", "1.000.000"), ("Program B", "2.000.000"), ("Program C", "")])
    fr = check(path).files[0]
    found = [f for f in fr.findings if f.rule == "program-anggaran-count"]
    assert [f.severity for f in found] == ["error"]
    assert load_workbook(path).active[found[0].cell].value == "Program C"
    assert "ada 3 program dan 2 anggaran" in found[0].message_id
    assert "3 programs and 2 amounts" in found[0].message_en


def test_amount_without_program_fires_on_the_amount(make_pk):
    from openpyxl import load_workbook

    from pk_excel import check

    path = make_pk(ROWS, programs=[("Program A", "1.000.000"), ("", "2.000.000")], programs_side_by_side=True)
    fr = check(path).files[0]
    found = [f for f in fr.findings if f.rule == "program-anggaran-count"]
    assert len(found) == 1
    assert load_workbook(path).active[found[0].cell].value == "2.000.000"
    assert "ada 1 program dan 2 anggaran" in found[0].message_id


def test_dash_amount_counts_as_no_amount(check_rows):
    fr = check_rows(
        ROWS, programs=[("Program A", "1.000.000"), ("Program B", "-")], programs_side_by_side=True
    )
    assert [f.message_id.split(":")[0] for f in fr.findings if f.rule == "program-anggaran-count"] == [
        "Program ini tidak memiliki anggaran"
    ]


def test_paired_lists_and_no_block_are_silent(check_rows):
    paired = check_rows(ROWS, programs=[("Program A", "3.447.564.346"), ("Program B", "Rp 1.612.808.953")])
    assert rules_fired(paired, "program-anggaran-count") == []
    assert rules_fired(check_rows(ROWS), "program-anggaran-count") == []


def test_bajeng_sample_is_silent(bajeng_sample):
    from pk_excel import check

    fr = check(bajeng_sample).files[0]
    assert len(fr.document.programs) == 2
    assert rules_fired(fr, "program-anggaran-count") == []
