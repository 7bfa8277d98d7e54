"""Value parser properties: Indonesian-formatted numbers read back to themselves; parse never raises."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pk_excel.values import (
    find_date,
    fmt_number,
    grade_of,
    parse,
    parse_date,
    parse_money,
    parse_nip,
    parse_pangkat,
)

UNITS = [
    "unit",
    "orang",
    "usulan",
    "dokumen",
    "SOP",
    "tim",
    "kegiatan",
    "unsur masyarakat",
    "hari kerja",
    "desa",
]


def ungrouped(x: Decimal, decimals: int) -> str:
    return f"{x:.{decimals}f}".replace(".", ",")


@st.composite
def typed_numbers(draw):
    """(text as typed, its exact value, decimals typed)."""
    decimals = draw(st.integers(0, 4))
    units = draw(st.integers(-(10**13), 10**13))
    x = Decimal(units).scaleb(-decimals)
    grouped = draw(st.booleans())
    text = fmt_number(float(x), decimals) if grouped else ungrouped(x, decimals)
    if grouped and x != 0 and abs(x) < Decimal(10) ** -decimals:
        text = ungrouped(x, decimals)  # fmt_number drops the sign of values that round to zero
    return text, Decimal(text.replace(".", "").replace(",", ".")), decimals


def close(a: float, b: Decimal) -> bool:
    return math.isclose(a, float(b), rel_tol=1e-12, abs_tol=1e-9)


@given(typed_numbers())
def test_plain_number_reads_back(t):
    text, value, decimals = t
    v = parse(text)
    assert v.kind == "number", text
    assert close(v.number, value), text
    assert v.decimals == decimals
    assert v.notes == () or {n.code for n in v.notes} == {"ambiguous-decimal-comma"}


@given(typed_numbers(), st.sampled_from(["%", " %", "\u00a0%"]))
def test_percent_reads_back(t, sign):
    text, value, decimals = t
    v = parse(text + sign)
    assert v.kind == "percent" and v.unit == "%" and v.form == "percent-text"
    assert close(v.number, value)
    assert v.decimals == decimals


@given(typed_numbers(), st.sampled_from(["Rp ", "Rp. ", "Rp", "IDR "]))
def test_money_reads_back(t, prefix):
    text, value, _ = t
    v = parse(prefix + text)
    assert v.kind == "money" and v.unit == "Rp"
    assert close(v.number, value)


@given(typed_numbers(), st.sampled_from(UNITS))
def test_unit_reads_back(t, unit):
    text, value, decimals = t
    v = parse(f"{text} {unit}")
    assert v.kind == "number"
    assert v.unit == unit
    assert close(v.number, value)
    assert v.decimals == decimals


@given(typed_numbers(), st.sampled_from(["Baik", "Sangat Baik", "B"]))
def test_label_reads_back(t, label):
    text, value, _ = t
    v = parse(f"{text} ({label})")
    assert v.kind == "number" and v.label == label
    assert close(v.number, value)


@given(st.floats(min_value=0, max_value=10, allow_nan=False), st.integers(0, 4))
def test_percent_format_cell(x, decimals):
    fmt = "0%" if decimals == 0 else "0." + "0" * decimals + "%"
    v = parse(x, fmt)
    assert v.kind == "percent" and v.decimals == decimals
    assert math.isclose(v.number, x * 100, rel_tol=1e-9, abs_tol=1e-9)


@given(st.text(max_size=60))
def test_parse_never_raises_on_text(s):
    v = parse(s)
    assert v.raw == s
    assert v.kind in ("empty", "missing", "number", "percent", "range", "grade", "money", "date", "text")
    if v.number is not None:
        assert math.isfinite(v.number)


@given(
    st.text(alphabet="0123456789.,-–% ()Rpsd/M", max_size=25),
    st.sampled_from([None, "target", "capaian", "anggaran"]),
)
def test_parse_never_raises_on_number_like_text(s, role):
    v = parse(s, role=role)
    if v.kind in ("number", "percent", "money"):
        assert v.number is not None and math.isfinite(v.number)
    if v.kind == "range":
        assert v.low <= v.high


ANY_CELL = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(),
    st.binary(),
    st.decimals(),
    st.datetimes(),
    st.dates(),
    st.times(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.complex_numbers(),
    st.fractions(),
)


@settings(max_examples=300)
@given(ANY_CELL,
       st.one_of(st.none(), st.text(max_size=20), st.sampled_from(["0.00%", "0%", "#,##0.00", "General"])),
       st.one_of(st.none(), st.sampled_from(["target", "realisasi", "capaian", "anggaran"]), st.integers()),
       st.one_of(st.booleans(), st.none(), st.integers()))  # fmt: skip
def test_parse_never_raises_on_any_cell(raw, number_format, role, percent_column):
    v = parse(raw, number_format, role, percent_column)
    assert v.raw is raw or (type(v.raw) is type(raw) and v.raw == raw)  # equal strings share one cached reading


@given(ANY_CELL)
def test_helpers_never_raise(raw):
    parse_money(raw)
    d = parse_date(raw)
    assert d is None or isinstance(d, dt.date)
    f = find_date(raw)
    assert f is None or isinstance(f, dt.date)
    parse_nip(raw)
    parse_pangkat(raw)
    grade_of(raw)


@given(st.text(max_size=80))
def test_text_helpers_never_raise(s):
    find_date(s)
    parse_date(s)
    nip = parse_nip(s)
    assert nip is None or nip.digits.isdigit()
    parse_pangkat(s)
    grade_of(s)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
       st.sampled_from(["{d} {M} {y}", "{dd}-{mm}-{y}", "{dd}/{mm}/{y}", "{y}-{mm}-{dd}"]))  # fmt: skip
def test_dates_read_back(d, pattern):
    months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
              "Oktober",
              "November", "Desember"]  # fmt: skip
    text = pattern.format(d=d.day, dd=f"{d.day:02d}", M=months[d.month - 1], mm=f"{d.month:02d}", y=d.year)
    assert parse_date(text) == d
    assert find_date(f"Bajeng, {text}") == d
    assert parse(text).date == d


@pytest.mark.parametrize("x", [0.0, 1.0, 97.31, 3447564346.0, 1612808953.0])
def test_fmt_number_parse_inverse_for_seed_values(x):
    assert parse(fmt_number(x, 2)).number == pytest.approx(x)
