import pytest
from conftest import rules_fired

from pk_excel.rules.keterangan_contradicts import claim

HEADER = ["NO", "SASARAN", "INDIKATOR KINERJA", "TARGET", "REALISASI", "CAPAIAN", "PENJELASAN", "KETERANGAN"]
IKM = ["1", "Kepuasan", "Indeks Kepuasan Masyarakat", "85", "82,71", "97,31%"]
SOP = ["2", "SOP", "Jumlah SOP", "11", "11", "100%"]


def test_fires_when_keterangan_says_met_but_not(check_rows):
    fr = check_rows(
        ["Sasaran Strategis", IKM + ["", "Tercapai"], SOP + ["", "Belum tercapai"]], header=HEADER
    )
    assert rules_fired(fr, "keterangan-contradicts") == [
        ("keterangan-contradicts", "H6"),
        ("keterangan-contradicts", "H7"),
    ]


def test_fires_on_exceeded_claim_at_exactly_100(check_rows):
    fr = check_rows(["Sasaran Strategis", SOP + ["Melampaui target", ""]], header=HEADER)
    assert rules_fired(fr, "keterangan-contradicts") == [("keterangan-contradicts", "G6")]


def test_silent_when_consistent(check_rows):
    fr = check_rows(
        [
            "Sasaran Strategis",
            IKM + ["Target belum tercapai karena ...", "Tidak Tercapai"],
            SOP + ["Seluruh SOP tersusun", "Tercapai"],
            ["3", "SAKIP", "Nilai SAKIP", "BB", "N/A", "N/A", "", "Belum tercapai"],
        ],
        header=HEADER,
    )
    assert rules_fired(fr, "keterangan-contradicts") == []


@pytest.mark.parametrize(
    "text, strict, expected",
    [
        ("Belum tercapai", False, "tidak tercapai"),
        ("Tercapai", False, "tercapai"),
        ("TIDAK TERCAPAI", False, "tidak tercapai"),
        ("Melampaui target", False, "melampaui"),
        ("Usulan yang tercapai sebanyak 38", True, None),
        ("Target telah tercapai", True, "tercapai"),
    ],
)
def test_claim(text, strict, expected):
    got = claim(text, strict)
    assert (got[0] if got else None) == expected


def test_only_texts_naming_capai_or_target_can_claim():
    """The rule reads a keterangan or penjelasan only when it names "capai" or "target" (`_may_claim`): no
    claim is ever found in another text."""
    from pk_excel.rules.keterangan_contradicts import _may_claim

    texts = ["Tercapai", "Belum tercapai", "melampaui TARGET", "Sesuai target", "Sesuai jadwal", "", "Baik",
             "tdk  capai", "sudah memenuhi target", "Hasil SKM Tahun 2023", "capaian 100%", "di atas target"]
    for text in texts:
        for strict in (False, True):
            if not _may_claim(text):
                assert claim(text, strict) is None, text
    assert not _may_claim("Sesuai jadwal") and _may_claim("Target tercapai")
