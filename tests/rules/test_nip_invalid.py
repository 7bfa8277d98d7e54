import pytest
from conftest import DEFAULT_SIGNATURE, rules_fired

ROWS = [
    "Sasaran Strategis",
    ["", "Meningkatnya kepuasan", "Indeks Kepuasan Masyarakat", "85", "85", "100%", "SKM"],
]


def with_nip(line):
    sig = list(DEFAULT_SIGNATURE)
    sig[5] = line
    return tuple(sig)


@pytest.mark.parametrize(
    ("nip", "says"),
    [
        ("NIP. 19711010 199312 3 003", "digit ke-15"),  # gender digit 3
        ("NIP. 19711310 199312 2 003", "tanggal lahir"),  # month 13 of birth
        ("NIP. 19711010 198512 2 003", "usia 18"),  # TMT CPNS at 14
        ("NIP. 19711010 199312 2 03", "18 digit"),  # 17 digits
    ],
)
def test_malformed_nip_fires_once_on_its_cell(check_rows, nip, says):
    fr = check_rows(ROWS, signature=with_nip(nip))
    found = [f for f in fr.findings if f.rule == "nip-invalid"]
    assert [(f.cell, f.severity) for f in found] == [("F13", "error")]
    assert says in found[0].message_id


@pytest.mark.parametrize(
    "nip",
    [
        "NIP. 19711010 199312 2 003",
        "NIP. 19711010 199312 2003",  # the seed's 8-6-4 grouping
        "NIP 197110101993122003",
        "NI PPPK. 19850315 2021 21 2 001",  # digits 13-14 are a PPPK code, not a month
    ],
)
def test_valid_nip_is_silent(check_rows, nip):
    assert rules_fired(check_rows(ROWS, signature=with_nip(nip)), "nip-invalid") == []


def test_bajeng_sample_is_silent(bajeng_sample):
    from pk_excel import check

    assert rules_fired(check(bajeng_sample).files[0], "nip-invalid") == []
