"""The value parser against a table of cell values as Indonesian users type them (seed, domain.md)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from pk_excel.model import Grade
from pk_excel.values import (
    IKM_LABELS,
    NOTE_CODES,
    compare_grades,
    find_date,
    fmt_number,
    fmt_percent,
    grade_of,
    parse,
    parse_date,
    parse_money,
)

_UNSET = object()


def case(raw, kind, number=_UNSET, *, unit=_UNSET, label=_UNSET, decimals=_UNSET, notes=(), form=_UNSET,
         low=_UNSET, high=_UNSET, grade=_UNSET, nf="General", role=None, pc=False, id=None):  # fmt: skip
    expected = {"kind": kind, "notes": tuple(notes)}
    for name, val in (("number", number), ("unit", unit), ("label", label), ("decimals", decimals),
                      ("form", form), ("low", low), ("high", high), ("grade", grade)):  # fmt: skip
        if val is not _UNSET:
            expected[name] = val
    opts = {"number_format": nf, "role": role, "percent_column": pc}
    return pytest.param(raw, opts, expected, id=id or f"{raw!r}-{role or ''}{'-pc' if pc else ''}")


# Ranks written out here (not taken from the module) so a wrong rank table fails these tests.
def SAKIP(code: str) -> Grade:
    return Grade("sakip", code, {"AA": 7, "A": 6, "BB": 5, "B": 4, "CC": 3, "C": 2, "D": 1}[code])


def IKM(code: str) -> Grade:
    return Grade("ikm", code, {"A": 4, "B": 3, "C": 2, "D": 1}[code])


def OPINI(code: str) -> Grade:
    return Grade("opini", code, {"WTP": 4, "WDP": 3, "TW": 2, "TMP": 1}[code])


CASES = [
    # --- empty and missing
    case(None, "empty"),
    case("", "empty"),
    case("   ", "empty"),
    case("\u00a0", "empty"),
    case("N/A", "missing", form="na"),
    case("n/a", "missing", form="na"),
    case("NA", "missing", form="na"),
    case("n.a.", "missing", form="na"),
    case("-", "missing", form="dash"),
    case("–", "missing", form="dash"),
    case("—", "missing", form="dash"),
    case(" - ", "missing", form="dash"),
    case("--", "missing", form="dash"),
    case("#N/A", "missing", form="error-value"),
    case("#DIV/0!", "missing", form="error-value"),
    case("#VALUE!", "missing", form="error-value"),
    case("#REF!", "missing", form="error-value"),
    case("#NAME?", "missing", form="error-value"),
    case("belum ada data", "missing", form="text"),
    case("Belum ada data", "missing", form="text"),
    case("Tidak ada data", "missing", form="text"),
    case("Belum tersedia", "missing", form="text"),
    case("Belum ada nilai LHE dari Inspektorat", "missing", form="text", role="realisasi"),
    case("Belum ada nilai LHE dari Inspektorat", "text", role=None),
    case(float("nan"), "missing", form="error-value"),
    # --- plain numbers, Indonesian style
    case("97", "number", 97.0, decimals=0, unit=None),
    case("97,31", "number", 97.31, decimals=2),
    case("0,5", "number", 0.5, decimals=1),
    case("1.234,5", "number", 1234.5, decimals=1),
    case("3.447.564.346", "number", 3447564346.0, decimals=0),
    case("1.612.808.953", "number", 1612808953.0, decimals=0),
    case("1.612.808.953,00", "number", 1612808953.0, decimals=2),
    case("1.000", "number", 1000.0, decimals=0),
    case("12.500", "number", 12500.0, decimals=0),
    case("100", "number", 100.0, decimals=0),
    case("0", "number", 0.0, decimals=0),
    case("0,00", "number", 0.0, decimals=2),
    case("85,00", "number", 85.0, decimals=2),
    case("82,71", "number", 82.71, decimals=2),
    case("3,5324", "number", 3.5324, decimals=4),
    case("-5", "number", -5.0, decimals=0),
    case("- 5", "number", -5.0),
    case("+5", "number", 5.0),
    case("−12,5", "number", -12.5, decimals=1),
    case("-1.234,56", "number", -1234.56, decimals=2),
    case("(1.234)", "number", -1234.0, notes=("negative-in-parentheses",)),
    case("97.", "number", 97.0, decimals=0),
    case("100,", "number", 100.0, decimals=0),
    case("1.000.000.", "number", 1000000.0),
    case("\u00a097,31\u00a0", "number", 97.31),
    case("3\u202f447\u202f564", "number", 3447564.0),
    case("1 000 000", "number", 1000000.0),
    case("0,9731", "number", 0.9731, decimals=4),
    case("2023", "number", 2023.0),
    # --- typing slips and ambiguity
    case("82, 71", "number", 82.71, decimals=2, notes=("space-in-number",)),
    case("82 ,71", "number", 82.71, decimals=2, notes=("space-in-number",)),
    case("82 , 71", "number", 82.71, notes=("space-in-number",)),
    case("1.5", "number", 1.5, decimals=1, notes=("ambiguous-decimal-point",)),
    case("82.71", "number", 82.71, decimals=2, notes=("ambiguous-decimal-point",)),
    case("0.5", "number", 0.5, notes=("ambiguous-decimal-point",)),
    case("0.500", "number", 0.5, decimals=3, notes=("ambiguous-decimal-point",)),
    case("12.5000", "number", 12.5, decimals=4, notes=("ambiguous-decimal-point",)),
    case("1.500", "number", 1500.0, notes=()),
    case("1.500", "percent", 1500.0, role="capaian", notes=("dot-grouping-assumed",)),
    case("1,234.5", "number", 1234.5, decimals=1, notes=("english-number-format",)),
    case("3,447,564,346", "number", 3447564346.0, notes=("english-number-format",)),
    case("1,234,567.89", "number", 1234567.89, notes=("english-number-format",)),
    case("1,500", "number", 1.5, decimals=3, notes=("ambiguous-decimal-comma",)),
    case("0,500", "number", 0.5, decimals=3, notes=()),
    case("1.2.3", "text"),
    case("1.23,4", "text"),
    case("10 15", "text"),
    # --- percent
    case("97,31%", "percent", 97.31, unit="%", decimals=2, form="percent-text"),
    case("97,31 %", "percent", 97.31, unit="%", decimals=2, form="percent-text"),
    case("97,31\u00a0%", "percent", 97.31, form="percent-text"),
    case("100%", "percent", 100.0, decimals=0, form="percent-text"),
    case("100 %", "percent", 100.0, form="percent-text"),
    case("100,00%", "percent", 100.0, decimals=2),
    case("58,46%", "percent", 58.46, decimals=2),
    case("0%", "percent", 0.0, decimals=0),
    case("-3,5%", "percent", -3.5),
    case("97.31%", "percent", 97.31),  # a percent's decimal point cannot be a thousands separator: no note
    case("90.3%", "percent", 90.3, decimals=1),
    case("110.7", "percent", 110.7, decimals=1, role="capaian"),  # a typed capaian, any decimal mark
    case("110.7", "number", 110.7, decimals=1, notes=("ambiguous-decimal-point",), role="target"),
    case("82, 71%", "percent", 82.71, notes=("space-in-number",)),
    case("85 persen", "percent", 85.0, unit="%"),
    case("97,31% (Sangat Tinggi)", "percent", 97.31, label="Sangat Tinggi"),
    case("97,31%", "percent", 97.31, pc=True, form="percent-text"),
    case("97,31", "percent", 97.31, pc=True, form="percent-column", decimals=2),
    case("100", "percent", 100.0, pc=True, form="percent-column"),
    case("97,31", "percent", 97.31, role="capaian", form="capaian-number"),
    case("100", "percent", 100.0, role="capaian", form="capaian-number"),
    case(0.9731, "percent", 97.31, nf="0.00%", form="percent-format", decimals=2, unit="%"),
    case(1, "percent", 100.0, nf="0%", form="percent-format", decimals=0),
    case(0.5846, "percent", 58.46, nf="0.00%", role="capaian", form="percent-format"),
    case(97.31, "percent", 97.31, nf='0.00"%"', form="percent-format-literal", decimals=2),
    case(97.31, "percent", 97.31, pc=True, form="percent-column", decimals=None),
    case(97.31, "percent", 97.31, role="capaian", form="capaian-number"),
    case(100, "percent", 100.0, role="capaian", form="capaian-number"),
    case(0.9731, "percent", 97.31, role="capaian", form="capaian-number", notes=("ratio-as-percent",)),
    case(1, "percent", 100.0, role="capaian", notes=("ratio-as-percent",)),
    case(0, "percent", 0.0, role="capaian", notes=()),
    case(58.46, "percent", 58.46, nf="0.00", role="capaian", decimals=2, notes=()),
    # --- numeric cells
    case(97.31, "number", 97.31, form="numeric", decimals=None),
    case(6, "number", 6.0, form="numeric"),
    case(85.0, "number", 85.0, nf="0.00", decimals=2),
    case(3447564346, "number", 3447564346.0, nf="#,##0", decimals=0),
    case(1234.5, "number", 1234.5, nf='_-* #,##0.00_-;-* #,##0.00_-;_-* "-"??_-;_-@_-', decimals=2),
    case(Decimal("12.5"), "number", 12.5),
    case(True, "text", form="boolean"),
    case(float("inf"), "missing", form="error-value"),
    # --- value + unit + label
    case("6 unit", "number", 6.0, unit="unit", decimals=0, label=None),
    case("4 unit", "number", 4.0, unit="unit"),
    case("2 unit", "number", 2.0, unit="unit"),
    case("65 usulan", "number", 65.0, unit="usulan"),
    case("38 usulan", "number", 38.0, unit="usulan"),
    case("300 orang", "number", 300.0, unit="orang"),
    case("1 dokumen", "number", 1.0, unit="dokumen"),
    case("11 SOP", "number", 11.0, unit="SOP"),
    case("1 tim", "number", 1.0, unit="tim"),
    case("5 unsur masyarakat", "number", 5.0, unit="unsur masyarakat"),
    case("12 kali/tahun", "number", 12.0, unit="kali/tahun"),
    case("3 hari kerja", "number", 3.0, unit="hari kerja"),
    case("1.250 jiwa", "number", 1250.0, unit="jiwa"),
    case("2,5 km", "number", 2.5, unit="km", decimals=1),
    case("6 unit", "number", 6.0, unit="unit", pc=True),
    case("6 unit", "number", 6.0, unit="unit", role="capaian"),
    case("85,00 (Baik)", "number", 85.0, label="Baik", decimals=2, grade=IKM("B")),
    case("82, 71 (Baik)", "number", 82.71, label="Baik", decimals=2, notes=("space-in-number",)),
    case("82,71 (B)", "number", 82.71, label="B", grade=IKM("B")),
    case("88,31 (Sangat Baik)", "number", 88.31, label="Sangat Baik", grade=IKM("A")),
    case("3,06 (Baik)", "number", 3.06, label="Baik"),
    case("75,50 (BB)", "number", 75.5, label="BB", grade=SAKIP("BB")),
    case("100 dari 110 organisasi", "number", 100.0, unit="organisasi", label="dari 110"),
    case("25 dari 30", "number", 25.0, unit=None, label="dari 30"),
    case("5 juta jiwa", "number", 5_000_000.0, unit="jiwa", decimals=None),
    case("2 ribu", "number", 2000.0, unit=None),
    case("≥ 80%", "percent", 80.0, label="≥", notes=("bound-in-target",)),
    case(">= 80 %", "percent", 80.0, label="≥", notes=("bound-in-target",)),
    case("minimal 80%", "percent", 80.0, label="≥", notes=("bound-in-target",)),
    case("maksimal 5 hari", "number", 5.0, unit="hari", label="≤", notes=("bound-in-target",)),
    case("< 10 kasus", "number", 10.0, unit="kasus", label="<", notes=("bound-in-target",)),
    case("11 Layanan dengan 11 SOP", "text"),
    case("65 usulan terealisasi dari target 38 usulan", "text"),
    case("Jumlah pengaduan sebanyak 1 pengaduan", "text"),
    # --- money
    case("Rp 3.447.564.346", "money", 3447564346.0, unit="Rp", form="money-text"),
    case("Rp. 1.612.808.953,00", "money", 1612808953.0, decimals=2),
    case("Rp1.612.808.953", "money", 1612808953.0),
    case("RP 500.000", "money", 500000.0),
    case("Rp 1.500.000,-", "money", 1500000.0),
    case("Rp. 250.000.000,-", "money", 250000000.0),
    case("1.500.000,-", "money", 1500000.0),
    case("IDR 5 juta", "money", 5_000_000.0),
    case("Rp 1,5 M", "money", 1_500_000_000.0, decimals=None),
    case("Rp 1,5 miliar", "money", 1_500_000_000.0),
    case("Rp 2 milyar", "money", 2_000_000_000.0),
    case("Rp 2 T", "money", 2e12),
    case("Rp 1,2 triliun", "money", 1.2e12),
    case("Rp 500 rb", "money", 500_000.0),
    case("Rp 750 ribu", "money", 750_000.0),
    case("Rp 3,4 jt", "money", 3_400_000.0),
    case("(Rp 1.234)", "money", -1234.0, notes=("negative-in-parentheses",)),
    case("-Rp 1.234", "money", -1234.0),
    case("3.447.564.346", "money", 3447564346.0, role="anggaran"),
    case("1,5 M", "money", 1_500_000_000.0, role="anggaran"),
    case(3447564346, "money", 3447564346.0, role="anggaran", form="numeric"),
    case(1612808953.0, "money", 1612808953.0, nf='"Rp"#,##0', form="numeric"),
    case(1612808953.0, "money", 1612808953.0, nf="[$Rp-421]#,##0.00", decimals=2),
    case("-", "missing", role="anggaran"),
    case("Rp -", "missing", form="dash"),
    case("2 M", "number", 2.0, unit="M"),
    # --- grades
    case("BB", "grade", grade=SAKIP("BB")),
    case("AA", "grade", grade=SAKIP("AA")),
    case("CC", "grade", grade=SAKIP("CC")),
    case("bb", "grade", grade=SAKIP("BB")),
    case("A", "grade", grade=SAKIP("A"), notes=("grade-scale-assumed",)),
    case("B", "grade", grade=SAKIP("B"), notes=("grade-scale-assumed",)),
    case("D", "grade", grade=SAKIP("D"), notes=("grade-scale-assumed",)),
    case("Predikat BB", "grade", grade=SAKIP("BB")),
    case("Nilai SAKIP: BB", "grade", grade=SAKIP("BB")),
    case("SAKIP A", "grade", grade=SAKIP("A"), notes=()),
    case("BB (Sangat Baik)", "grade", grade=SAKIP("BB")),
    case("A (Memuaskan)", "grade", grade=SAKIP("A")),
    case("IKM B", "grade", grade=IKM("B")),
    case("B (Baik)", "grade", grade=IKM("B")),
    case("A (Sangat Baik)", "grade", grade=IKM("A")),
    case("C (Kurang Baik)", "grade", grade=IKM("C")),
    case("Baik", "grade", grade=IKM("B")),
    case("Sangat Baik", "grade", grade=IKM("A")),
    case("Kurang Baik", "grade", grade=IKM("C")),
    case("Tidak Baik", "grade", grade=IKM("D")),
    case("Mutu B", "grade", grade=IKM("B")),
    case("WTP", "grade", grade=OPINI("WTP")),
    case("WDP", "grade", grade=OPINI("WDP")),
    case("TW", "grade", grade=OPINI("TW")),
    case("TMP", "grade", grade=OPINI("TMP")),
    case("Opini WTP", "grade", grade=OPINI("WTP")),
    case("Wajar Tanpa Pengecualian", "grade", grade=OPINI("WTP")),
    case("WTP (Wajar Tanpa Pengecualian)", "grade", grade=OPINI("WTP")),
    case("Wajar Dengan Pengecualian", "grade", grade=OPINI("WDP")),
    case("Tidak Menyatakan Pendapat", "grade", grade=OPINI("TMP")),
    case("E", "text"),
    case("BBB", "text"),
    # --- ranges
    case("80 - 90 %", "range", low=80.0, high=90.0, unit="%"),
    case("80–90%", "range", low=80.0, high=90.0, unit="%"),
    case("80% - 90%", "range", low=80.0, high=90.0, unit="%"),
    case("80 s.d. 90", "range", low=80.0, high=90.0, unit=None),
    case("80 s/d 90", "range", low=80.0, high=90.0),
    case("80 sd 90 %", "range", low=80.0, high=90.0, unit="%"),
    case("80 sampai dengan 90", "range", low=80.0, high=90.0),
    case("7-8 bulan", "range", low=7.0, high=8.0, unit="bulan"),
    case("76,61 - 88,30", "range", low=76.61, high=88.3, decimals=2),
    case("2023-2024", "range", low=2023.0, high=2024.0),
    case("90 - 80 %", "range", low=80.0, high=90.0, notes=("range-reversed",)),
    case("80 - 90", "range", low=80.0, high=90.0, unit="%", pc=True),
    case("1.000 - 2.000 orang", "range", low=1000.0, high=2000.0, unit="orang"),
    # --- dates
    case("26 Februari 2024", "date", form="date-text"),
    case("26-02-2024", "date"),
    case("26/02/2024", "date"),
    case("Februari 2024", "date"),
    case(dt.datetime(2024, 2, 26, 0, 0), "date", form="date-cell"),
    case(dt.date(2024, 2, 26), "date", form="date-cell"),
    # --- other text
    case("=1+1", "text"),
    case("=F8/E8*100", "text"),
    case("Hasil SKM Tahun 2023", "text"),
    case("ruang pelayanan, loket pelayanan", "text"),
    case("Tahun 2023", "text"),
    case("TW I", "text"),
    case(dt.time(10, 30), "text"),
    case(object(), "text", id="object"),
    case([1, 2], "text", id="list"),
]


@pytest.mark.parametrize(("raw", "opts", "expected"), CASES)
def test_parse_table(raw, opts, expected):
    v = parse(raw, **opts)
    assert v.raw is raw or v.raw == raw  # equal strings share one cached reading
    got = {"kind": v.kind, "notes": tuple(n.code for n in v.notes)}
    for name in expected:
        if name not in got:
            got[name] = getattr(v, name)
    for name in ("number", "low", "high"):
        if expected.get(name) is not None:
            assert got[name] == pytest.approx(expected[name], rel=1e-12), name
            got[name] = expected[name]
    assert got == expected


def test_table_is_large_enough():
    assert len(CASES) >= 150


def test_dates_in_table():
    assert parse("26 Februari 2024").date == dt.date(2024, 2, 26)
    assert parse(dt.datetime(2024, 2, 26, 9, 15)).date == dt.date(2024, 2, 26)
    assert parse("Februari 2024").date == dt.date(2024, 2, 1)


def test_every_note_has_known_code_and_severity():
    for p in CASES:
        raw, opts, _ = p.values
        for n in parse(raw, **opts).notes:
            assert NOTE_CODES[n.code] == n.severity
            assert n.message_id and n.message_en and n.message_id != n.message_en


def test_space_note_message_names_the_reading():
    (note,) = parse("82, 71").notes
    assert note.message_id == '"82, 71" dibaca 82,71 (ada spasi di dekat koma)'
    assert "82.71" in note.message_en


def test_ambiguous_decimal_point_message():
    (note,) = parse("1.5").notes
    assert note.severity == "warning"
    assert "titik dibaca sebagai desimal (gaya Inggris)" in note.message_id
    assert "1,5" in note.message_id


def test_ratio_note_message():
    (note,) = parse(0.9731, role="capaian").notes
    assert note.message_id == "nilai 0,9731 di kolom capaian dibaca sebagai rasio: 97,31%"


def test_parse_is_cached_but_raw_kept():
    a = parse("97,31%")
    b = parse("97,31%")
    assert a == b and a.raw == "97,31%"
    assert parse("97,31", role="capaian").kind == "percent"
    assert parse("97,31").kind == "number"


def test_parse_money_helper():
    assert parse_money("Rp 1,5 M").number == 1_500_000_000
    assert parse_money("3.447.564.346").kind == "money"
    assert parse_money(1612808953, "#,##0").number == 1612808953
    assert parse_money("N/A").kind == "missing"
    assert parse_money("belum dianggarkan").kind == "text"


# --- Babel agreement for plain number strings ------------------------------------------------------------


def _plain_number_strings():
    out = []
    for p in CASES:
        raw, opts, expected = p.values
        if (
            isinstance(raw, str)
            and expected["kind"] == "number"
            and expected.get("unit") is None
            and expected.get("label") is None
            and opts["role"] is None
            and not opts["percent_column"]
        ):
            out.append(raw)
    return out


PLAIN = _plain_number_strings()


def test_babel_plain_set_is_meaningful():
    assert len(PLAIN) >= 30


@pytest.mark.parametrize("s", PLAIN)
def test_babel_agrees(s):
    babel_numbers = pytest.importorskip("babel.numbers")
    try:
        expected = babel_numbers.parse_decimal(s.strip(), locale="id", strict=True)
    except babel_numbers.NumberFormatError:
        pytest.skip("Babel rejects this form")
    assert parse(s).number == pytest.approx(float(expected), rel=1e-15, abs=1e-12)


def test_babel_accepts_most_of_them():
    from babel.numbers import NumberFormatError, parse_decimal

    accepted = 0
    for s in PLAIN:
        try:
            parse_decimal(s.strip(), locale="id", strict=True)
            accepted += 1
        except NumberFormatError:
            pass
    assert accepted >= 20


# --- grades ------------------------------------------------------------------------------------------------


def test_ikm_labels():
    assert IKM_LABELS == {"A": "Sangat Baik", "B": "Baik", "C": "Kurang Baik", "D": "Tidak Baik"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BB", SAKIP("BB")),
        ("A", SAKIP("A")),
        ("Predikat SAKIP B", SAKIP("B")),
        ("IKM A", IKM("A")),
        ("Baik", IKM("B")),
        ("WTP", OPINI("WTP")),
        ("Tidak Wajar", OPINI("TW")),
        ("Disclaimer", OPINI("TMP")),
        ("Sangat Memuaskan", SAKIP("AA")),
        ("baik sekali", None),
        ("", None),
        ("Nilai", None),
    ],
)
def test_grade_of(text, expected):
    assert grade_of(text) == expected


def test_grade_of_scale_hint_and_non_text():
    assert grade_of("B", scale="ikm") == IKM("B")
    assert grade_of(3) is None
    assert grade_of(None) is None


def test_compare_grades():
    assert compare_grades(SAKIP("A"), SAKIP("BB")) == 1
    assert compare_grades(SAKIP("BB"), SAKIP("BB")) == 0
    assert compare_grades(SAKIP("B"), SAKIP("BB")) == -1
    assert compare_grades(OPINI("WDP"), OPINI("WTP")) == -1
    # a single letter is re-read on the other side's scale
    assert compare_grades(IKM("A"), SAKIP("BB")) == 1
    assert compare_grades(SAKIP("BB"), IKM("B")) == 1
    assert compare_grades(IKM("B"), SAKIP("B")) == 0
    with pytest.raises(ValueError):
        compare_grades(OPINI("WTP"), SAKIP("BB"))
    with pytest.raises(ValueError):
        compare_grades(IKM("B"), OPINI("TW"))


def test_grade_order_sakip_full_scale():
    order = ["D", "C", "CC", "B", "BB", "A", "AA"]
    grades = [grade_of(c, scale="sakip") for c in order]
    assert [g.rank for g in grades] == [1, 2, 3, 4, 5, 6, 7]


# --- dates -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("26 Februari 2024", dt.date(2024, 2, 26)),
        ("26 februari 2024", dt.date(2024, 2, 26)),
        ("26 Pebruari 2024", dt.date(2024, 2, 26)),
        ("26 Feb 2024", dt.date(2024, 2, 26)),
        ("26 Feb. 2024", dt.date(2024, 2, 26)),
        ("26-Feb-2024", dt.date(2024, 2, 26)),
        ("1 Januari 2024", dt.date(2024, 1, 1)),
        ("17 Agustus 2023", dt.date(2023, 8, 17)),
        ("17 Agt 2023", dt.date(2023, 8, 17)),
        ("17 Agu 2023", dt.date(2023, 8, 17)),
        ("17 Ags 2023", dt.date(2023, 8, 17)),
        ("5 Mei 2023", dt.date(2023, 5, 5)),
        ("31 Okt 2023", dt.date(2023, 10, 31)),
        ("30 Nop 2023", dt.date(2023, 11, 30)),
        ("31 Des 2023", dt.date(2023, 12, 31)),
        ("Senin, 26 Februari 2024", dt.date(2024, 2, 26)),
        ("26-02-2024", dt.date(2024, 2, 26)),
        ("26/02/2024", dt.date(2024, 2, 26)),
        ("26.02.2024", dt.date(2024, 2, 26)),
        ("26/02/24", dt.date(2024, 2, 26)),
        ("2024-02-26", dt.date(2024, 2, 26)),
        ("February 26, 2024", dt.date(2024, 2, 26)),
        ("26 February 2024", dt.date(2024, 2, 26)),
        ("Februari 2024", dt.date(2024, 2, 1)),
        ("Des 2023", dt.date(2023, 12, 1)),
        (dt.datetime(2024, 2, 26, 13, 5), dt.date(2024, 2, 26)),
        (dt.date(2024, 2, 26), dt.date(2024, 2, 26)),
        ("30 Februari 2024", None),
        ("26-13-2024", None),
        ("Bajeng, 26 Februari 2024", None),
        ("2024", None),
        (45348, None),
        (None, None),
        ("", None),
    ],
)
def test_parse_date(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bajeng, 26 Februari 2024", dt.date(2024, 2, 26)),
        ("Sungguminasa,   2 Januari 2024", dt.date(2024, 1, 2)),
        ("Makassar, 05-03-2024", dt.date(2024, 3, 5)),
        ("Ditetapkan di Gowa pada tanggal 10 Jan 2024", dt.date(2024, 1, 10)),
        ("Gowa, Februari 2024", dt.date(2024, 2, 1)),
        ("Bajeng, 30 Februari 2024", None),
        ("NIP. 19711010 199312 2003", None),
        ("tanpa tanggal", None),
        (None, None),
    ],
)
def test_find_date(text, expected):
    assert find_date(text) == expected


# --- formatting ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "decimals", "expected"),
    [
        (97.31, None, "97,31"),
        (97.3058, None, "97,31"),
        (3447564346, None, "3.447.564.346"),
        (1612808953.0, 2, "1.612.808.953,00"),
        (1.5, None, "1,5"),
        (100.0, None, "100"),
        (0, 2, "0,00"),
        (-1234.5, 1, "-1.234,5"),
        (-0.001, 2, "0,00"),
        (58.4615, 2, "58,46"),
    ],
)
def test_fmt_number(x, decimals, expected):
    assert fmt_number(x, decimals) == expected


def test_fmt_percent():
    assert fmt_percent(97.3058) == "97,31%"
    assert fmt_percent(100, 0) == "100%"
    assert fmt_percent(58.4615, None) == "58,46%"


def test_fmt_number_roundtrip():
    for x in (97.31, 3447564346, 1234.5, 0.5, 58.46):
        s = fmt_number(x, 2)
        assert parse(s).number == pytest.approx(x)
    assert parse(fmt_number(float("nan"))).kind == "missing"


def test_ratio_ruled_out_by_substrings_only_in_ascii():
    """`ratio_of` rules an ASCII text without "/", "dari" or "of" out before its pattern; any other text (a
    non-ASCII one may fold to those words) is read by the pattern: both give what the pattern alone gives."""
    from pk_excel.values import _RATIO, ratio_of

    texts = ["79/80", "158 dari 160 perkara", "158 DARI 160", "3 OF 4", "3 of 4 desa", "6 unit", "97,31%",
             "158 darı 160", "158 DARİ 160", "10 ⁄ 20", "1/0", "", " 5 / 6 ", "of", "kantor 5 dari"]
    for text in texts:
        m = _RATIO.match(text)
        want = None
        if m is not None:
            a, b = (float(x.replace(",", ".")) for x in m.group(1, 2))
            want = (a, b) if b > 0 else None
        assert ratio_of(text) == want, text
