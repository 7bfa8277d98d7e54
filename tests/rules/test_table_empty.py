from conftest import rules_fired


def test_header_with_only_a_section_row_fires_on_the_header(check_rows):
    fr = check_rows(["Sasaran Strategis"])
    found = [f for f in fr.findings if f.rule == "table-empty"]
    assert [(f.cell, f.severity) for f in found] == [("C4", "warning")]
    assert found[0].message_id.startswith("Tabel ini tidak memiliki baris indikator")


def test_table_with_rows_is_silent(check_rows, bajeng_sample):
    from pk_excel import check

    fr = check_rows(
        ["Sasaran Strategis", ["", "S1", "Indeks Kepuasan Masyarakat", "85", "85", "100%", "SKM"]]
    )
    assert rules_fired(fr, "table-empty") == []
    assert rules_fired(check(bajeng_sample).files[0], "table-empty") == []
