"""NIP / NI PPPK and pangkat-golongan reading from the signature block."""

from __future__ import annotations

import datetime as dt

import pytest

from pk_excel.nip import GOLONGAN_PANGKAT, PANGKAT_GOLONGAN, Nip, parse_nip, parse_pangkat

TODAY = dt.date(2024, 3, 1)


def codes(nip: Nip) -> set[str]:
    return {p[0] for p in nip.problems}


@pytest.mark.parametrize(
    "text",
    [
        "19711010 199312 2003",
        "19711010 199312 2 003",
        "NIP. 197110101993122003",
        "NIP 19711010 199312 2 003",
        "NIP. 19711010 199312 2003",
        "NIP: 19711010.199312.2.003",
        "197110101993122003",
        "SITI HAERANI, S.Sos / NIP. 19711010 199312 2003",
    ],
)
def test_seed_nip_in_any_grouping(text):
    nip = parse_nip(text, today=TODAY)
    assert nip == Nip("197110101993122003", "pns", dt.date(1971, 10, 10), dt.date(1993, 12, 1), 2, "003", ())
    assert nip.valid
    assert nip.formatted() == "19711010 199312 2 003"


def test_male_nip():
    nip = parse_nip("NIP. 19800512 200501 1 002", today=TODAY)
    assert nip.gender == 1 and nip.kind == "pns" and nip.valid


def test_pppk():
    nip = parse_nip("19850315 202121 2 001", today=TODAY)
    assert nip.kind == "pppk"
    assert nip.birth == dt.date(1985, 3, 15)
    assert nip.tmt == 2021
    assert nip.pppk_code == "21"
    assert nip.gender == 2 and nip.sequence == "001"
    assert nip.valid
    assert nip.formatted() == "19850315 2021 21 2 001"


def test_pppk_by_label_even_when_code_looks_like_a_month():
    nip = parse_nip("NI PPPK 199001012022011001", today=TODAY)
    assert nip.kind == "pppk" and nip.tmt == 2022 and nip.valid


def test_pppk_year_before_2019_is_a_broken_pns_nip():
    nip = parse_nip("198503152010212001", today=TODAY)
    assert nip.kind == "pns"
    assert "tmt-invalid" in codes(nip)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("NIP. 19711010 199312 200", "wrong-length"),
        ("NIP. 19711010 199312 20033", "wrong-length"),
        ("19711310 199312 2 003", "birth-invalid"),
        ("19710230 199312 2 003", "birth-invalid"),
        ("19711010 199300 2 003", "tmt-invalid"),
        ("19711010 198512 2 003", "tmt-before-18"),
        ("19711010 202512 2 003", "tmt-future"),
        ("19711010 199312 3 003", "gender-invalid"),
        ("19711010 199312 2 000", "sequence-zero"),
    ],
)
def test_invalid_nip(text, problem):
    nip = parse_nip(text, today=TODAY)
    assert nip is not None
    assert problem in codes(nip)
    assert not nip.valid
    for code, msg_id, msg_en in nip.problems:
        assert msg_id and msg_en and msg_id != msg_en


def test_wrong_length_keeps_digits_and_no_kind():
    nip = parse_nip("NIP. 1971101019931", today=TODAY)
    assert nip.digits == "1971101019931" and nip.kind is None
    assert nip.problems[0][1] == "NIP harus 18 digit, tertulis 13 digit"


def test_eighteen_years_boundary():
    assert parse_nip("19750601 199306 1 001", today=TODAY).valid
    assert "tmt-before-18" in codes(parse_nip("19750601 199305 1 001", today=TODAY))


def test_nip_stored_as_number():
    nip = parse_nip(197110101993122003, today=TODAY)
    assert nip.digits == "197110101993122003"
    assert "stored-as-number" in codes(nip)
    lost = parse_nip(1.97110101993122e17, today=TODAY)
    assert "stored-as-number" in codes(lost)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "SITI HAERANI, S.Sos",
        "Pangkat : Pembina / IV.a",
        "Bajeng, 26 Februari 2024",
        "Telp. 0411-123456",
        None,
        12,
    ],
)
def test_no_nip(text):
    assert parse_nip(text, today=TODAY) is None


# --- pangkat / golongan ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pangkat", "golongan", "consistent"),
    [
        ("Pembina / IV.a", "Pembina", "IV/a", True),
        ("Pangkat : Pembina / IV.a", "Pembina", "IV/a", True),
        ("Pembina (IV/a)", "Pembina", "IV/a", True),
        ("Pembina, IV a", "Pembina", "IV/a", True),
        ("Pembina Tk. I / IV.b", "Pembina Tk. I", "IV/b", True),
        ("Pembina Tingkat I (IV/b)", "Pembina Tk. I", "IV/b", True),
        ("Penata Muda Tingkat I (III/b)", "Penata Muda Tk. I", "III/b", True),
        ("Penata Muda Tk.I, III/b", "Penata Muda Tk. I", "III/b", True),
        ("Pembina Utama Muda, IV/c", "Pembina Utama Muda", "IV/c", True),
        ("Pembina Utama Madya / IV.d", "Pembina Utama Madya", "IV/d", True),
        ("Pembina Utama (IV/e)", "Pembina Utama", "IV/e", True),
        ("Penata / III.c", "Penata", "III/c", True),
        ("Penata Tk. I / III.d", "Penata Tk. I", "III/d", True),
        ("Pengatur Muda / II.a", "Pengatur Muda", "II/a", True),
        ("Juru Muda Tk. I (I/b)", "Juru Muda Tk. I", "I/b", True),
        ("Gol. III/a", None, "III/a", None),
        ("IV/a", None, "IV/a", None),
        ("(IV/a)", None, "IV/a", None),
        ("IV a", None, "IV/a", None),
        ("iv/a", None, "IV/a", None),
        ("Penata Muda Tk. I", "Penata Muda Tk. I", None, None),
        ("Pembina", "Pembina", None, None),
        ("Pembina / IV.b", "Pembina", "IV/b", False),
        ("Penata / IV.a", "Penata", "IV/a", False),
        ("Pembina Utama Muda / IV.a", "Pembina Utama Muda", "IV/a", False),
    ],
)
def test_parse_pangkat(text, pangkat, golongan, consistent):
    p = parse_pangkat(text)
    assert (p.pangkat, p.golongan, p.consistent) == (pangkat, golongan, consistent)
    if golongan:
        assert p.expected_pangkat == GOLONGAN_PANGKAT[golongan]
    if pangkat:
        assert p.expected_golongan == PANGKAT_GOLONGAN[pangkat]


@pytest.mark.parametrize(
    "text", ["SITI HAERANI, S.Sos", "Camat Bajeng", "IKM", "Tahun 2023", "", None, "I/e"]
)
def test_no_pangkat(text):
    assert parse_pangkat(text) is None


def test_table_is_complete_and_invertible():
    assert len(GOLONGAN_PANGKAT) == 17
    assert all(PANGKAT_GOLONGAN[p] == g for g, p in GOLONGAN_PANGKAT.items())
    assert GOLONGAN_PANGKAT["IV/a"] == "Pembina" and GOLONGAN_PANGKAT["III/b"] == "Penata Muda Tk. I"
