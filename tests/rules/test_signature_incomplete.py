from conftest import rules_fired

ROWS = [
    "Sasaran Strategis",
    ["", "Meningkatnya kepuasan", "Indeks Kepuasan Masyarakat", "85", "85", "100%", "SKM"],
]


def test_missing_nip_of_a_civil_servant_is_a_warning(check_rows):
    sig = (
        "Contoh, 26 Februari 2024",
        "CAMAT CONTOH",
        "",
        "",
        "SITI HAERANI, S.Sos",
        "NIP.",
        "Pangkat : Pembina / IV.a",
    )
    fr = check_rows(ROWS, signature=sig)
    found = [f for f in fr.findings if f.rule == "signature-incomplete"]
    assert [(f.cell, f.severity) for f in found] == [("F8", "warning")]
    assert found[0].message_id == "Blok tanda tangan belum lengkap: NIP belum dicantumkan."


def test_elected_head_signs_without_nip(check_rows):
    sig = ("Sungguminasa, 20 Februari 2024", "BUPATI GOWA", "", "", "ADNAN PURICHTA ICHSAN")
    fr = check_rows(ROWS, signature=sig)
    assert rules_fired(fr, "signature-incomplete") == []


def test_date_without_place_and_day(check_rows):
    sig = ("Februari 2024", "CAMAT CONTOH", "", "", "SITI HAERANI, S.Sos", "NIP. 19711010 199312 2 003")
    fr = check_rows(ROWS, signature=sig)
    found = [f for f in fr.findings if f.rule == "signature-incomplete"]
    assert len(found) == 1 and "tempat" in found[0].message_id


def test_no_signature_block_is_one_info(check_rows):
    fr = check_rows(ROWS, signature=None)
    assert [f.severity for f in fr.findings if f.rule == "signature-incomplete"] == ["info"]


def test_complete_block_is_silent(check_rows, bajeng_sample):
    from pk_excel import check

    assert rules_fired(check_rows(ROWS), "signature-incomplete") == []
    assert rules_fired(check(bajeng_sample).files[0], "signature-incomplete") == []
