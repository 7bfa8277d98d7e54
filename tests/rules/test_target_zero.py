from conftest import rules_fired


def test_fires_on_zero_target(check_rows):
    fr = check_rows(["Sasaran Kegiatan", ["1", "Meningkatnya layanan", "Persentase desa terlayani", "0", "2", "", ""]])
    assert rules_fired(fr, "target-zero") == [("target-zero", "D6")]
    assert next(f for f in fr.findings if f.rule == "target-zero").severity == "warning"


def test_lower_is_better_zero_target_is_scored_and_only_noted(check_rows):
    """Repro 11: 0 cases against a target of 0 is achieved (100%), 2 cases is not (0%): an info, no warning."""
    fr = check_rows([
        "Sasaran Kegiatan",
        ["1", "Menurunnya kasus", "Jumlah kasus kematian ibu melahirkan", "0", "0", "100%", ""],
        ["2", "Menurunnya kasus", "Jumlah kasus gizi buruk", "0", "2", "0%", ""],
    ])
    inds = fr.document.indicators
    assert [(i.status, i.capaian_hitung) for i in inds] == [("tercapai", 100.0), ("tidak tercapai", 0.0)]
    zero = [f for f in fr.findings if f.rule == "target-zero"]
    assert [f.severity for f in zero] == ["info", "info"]
    assert not [f for f in fr.findings if f.severity in ("error", "warning")]


def test_lower_is_better_zero_target_with_a_wrong_capaian_is_an_error(check_rows):
    fr = check_rows(["Sasaran Kegiatan", ["1", "Menurunnya kasus", "Jumlah kasus gizi buruk", "0", "2", "100%", ""]])
    (wrong,) = [f for f in fr.findings if f.rule == "capaian-wrong"]
    assert "0,00%" in wrong.message() and "di atas 0" in wrong.message()


def test_silent_on_nonzero_target(check_rows):
    fr = check_rows(
        ["Sasaran Kegiatan", ["1", "Menurunnya kasus", "Jumlah kasus DBD", "10", "0", "200%", ""]]
    )
    assert rules_fired(fr, "target-zero") == []
