from conftest import rules_fired


def test_fires_on_zero_target(check_rows):
    fr = check_rows(["Sasaran Kegiatan", ["1", "Menurunnya kasus", "Jumlah kasus DBD", "0", "2", "", ""]])
    assert rules_fired(fr, "target-zero") == [("target-zero", "D6")]
    assert next(f for f in fr.findings if f.rule == "target-zero").severity == "warning"


def test_silent_on_nonzero_target(check_rows):
    fr = check_rows(
        ["Sasaran Kegiatan", ["1", "Menurunnya kasus", "Jumlah kasus DBD", "10", "0", "200%", ""]]
    )
    assert rules_fired(fr, "target-zero") == []
