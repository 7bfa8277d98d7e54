import pytest
from conftest import DEFAULT_SIGNATURE, rules_fired

ROWS = [
    "Sasaran Strategis",
    ["", "Meningkatnya kepuasan", "Indeks Kepuasan Masyarakat", "85", "85", "100%", "SKM"],
]


def signed(date_line):
    return (date_line,) + DEFAULT_SIGNATURE[1:]


def year_findings(fr):
    return [(f.cell, f.severity) for f in fr.findings if f.rule == "year-mismatch"]


@pytest.mark.parametrize(
    "date", ["Contoh, 26 Februari 2024", "Contoh, 2 Januari 2024", "Contoh, 31 Maret 2024"]
)
def test_measurement_signed_early_next_year_is_silent(check_rows, date):
    assert year_findings(check_rows(ROWS, signature=signed(date))) == []


@pytest.mark.parametrize(
    "date", ["Contoh, 26 Februari 2023", "Contoh, 26 Februari 2025", "Contoh, 30 Desember 2023"]
)
def test_measurement_signed_in_the_wrong_year_is_an_error(check_rows, date):
    fr = check_rows(ROWS, signature=signed(date))
    assert year_findings(fr) == [("F8", "error")]


def test_measurement_signed_late_in_the_next_year_is_a_warning(check_rows):
    fr = check_rows(ROWS, signature=signed("Contoh, 15 Juni 2024"))
    assert year_findings(fr) == [("F8", "warning")]
    f = next(f for f in fr.findings if f.rule == "year-mismatch")
    assert "terlambat" in f.message_id and "15 Juni 2024" in f.message_id
    assert "late" in f.message_en


def test_header_year_differs_from_title(check_rows):
    header = ["NO", "SASARAN", "INDIKATOR KINERJA", "TARGET 2024", "REALISASI 2024", "CAPAIAN", "PENJELASAN"]
    fr = check_rows(ROWS, header=header)
    found = [f for f in fr.findings if f.rule == "year-mismatch"]
    assert [(f.cell, f.severity) for f in found] == [("D4", "warning")]
    assert "2024" in found[0].message_id and "2023" in found[0].message_id


def test_header_year_equal_to_title_is_silent(check_rows):
    header = ["NO", "SASARAN", "INDIKATOR KINERJA", "TARGET 2023", "REALISASI 2023", "CAPAIAN", "PENJELASAN"]
    assert year_findings(check_rows(ROWS, header=header)) == []


def _perjanjian(date):
    """A Perjanjian Kinerja without realisasi (the reader reads only measurement tables, so built by hand)."""
    from pk_excel.model import Document, Signature, Table

    doc = Document(path="pk.xlsx", sheets=["PK"], title="PERJANJIAN KINERJA TAHUN 2024", year=2024)
    doc.tables.append(Table("PK", (4,), {"no": 1, "sasaran": 2, "indikator": 3, "target": 4}, 5, 6))
    doc.signature = Signature("PK", date=date)
    return doc


@pytest.mark.parametrize(
    ("day", "fires"),
    [
        ((2024, 1, 5), False),
        ((2023, 12, 20), False),
        ((2024, 7, 1), False),
        ((2025, 2, 5), True),
        ((2023, 3, 1), True),
    ],
)
def test_perjanjian_is_signed_early_in_its_own_year(day, fires):
    import datetime

    from pk_excel.config import Config
    from pk_excel.rules import get_rule

    found = list(get_rule("year-mismatch").check(_perjanjian(datetime.date(*day)), Config()))
    assert [f.severity for f in found] == (["error"] if fires else [])
    if fires:
        assert found[0].message_id.startswith("Perjanjian kinerja tahun 2024 ditandatangani")


def test_title_saying_perjanjian_over_a_measurement_accepts_either_timing(check_rows):
    title = ("PERJANJIAN KINERJA TAHUN 2023", "KECAMATAN CONTOH")
    for date in ("Contoh, 5 Januari 2023", "Contoh, 26 Februari 2024"):
        assert year_findings(check_rows(ROWS, title=title, signature=signed(date))) == []
    fr = check_rows(ROWS, title=title, signature=signed("Contoh, 26 Februari 2026"))
    assert year_findings(fr) == [("F8", "error")]


def test_quarterly_measurement_may_be_signed_within_the_year(check_rows):
    title = ("PENGUKURAN KINERJA TRIWULAN III TAHUN 2023", "KECAMATAN CONTOH")
    assert year_findings(check_rows(ROWS, title=title, signature=signed("Contoh, 10 Oktober 2023"))) == []


def test_bajeng_sample_is_silent(bajeng_sample):
    from pk_excel import check

    assert rules_fired(check(bajeng_sample).files[0], "year-mismatch") == []
