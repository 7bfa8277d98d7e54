"""no-data: a realisasi not available yet is said once, as info, never as a zero or an arithmetic error."""

from conftest import rules_fired


def test_fires_on_na_realisasi_with_the_reason(check_rows):
    fr = check_rows([["", "Akuntabilitas", "Nilai SAKIP", "BB", "N/A", "N/A", "Belum ada nilai LHE dari Inspektorat"]])
    assert rules_fired(fr, "no-data") == [("no-data", "E5")]
    (f,) = [f for f in fr.findings if f.rule == "no-data"]
    assert f.severity == "info" and "Belum ada nilai LHE" in f.message() and "belum ada data" in f.message()
    assert not [x for x in fr.findings if x.severity == "error"]


def test_silent_when_realisasi_is_there(check_rows):
    fr = check_rows([["", "Kepuasan", "Indeks Kepuasan Masyarakat", "85,00", "82,71", "97,31%", ""]])
    assert rules_fired(fr, "no-data") == []


def test_silent_when_a_capaian_is_typed_beside_the_dash(check_rows):
    # "-" with 0% is read as 0 (capaian-without-realisasi says so); not "no data"
    fr = check_rows([["", "Maklumat", "Jumlah maklumat pelayanan", "1 dokumen", "-", "0%", ""]])
    assert rules_fired(fr, "no-data") == []
