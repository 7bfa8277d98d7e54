from conftest import rules_fired

IKM = ["1", "Meningkatnya kepuasan", "Indeks Kepuasan Masyarakat"]


def test_fires_on_unit_slip(check_rows):
    fr = check_rows(["Sasaran Strategis", IKM + ["0,85", "85", "100%", ""]])
    assert rules_fired(fr, "capaian-implausible") == [("capaian-implausible", "F6")]
    f = next(f for f in fr.findings if f.rule == "capaian-implausible")
    assert "10.000" in f.message_id and "0,85" in f.message_id


def test_fires_on_typed_above_limit(check_rows):
    fr = check_rows(["Sasaran Strategis", IKM + ["85", "82,71", "973,1%", ""]])
    assert rules_fired(fr, "capaian-implausible") == [("capaian-implausible", "F6")]


def test_silent_on_plausible(check_rows):
    fr = check_rows(
        ["Sasaran Strategis", IKM + ["85", "82,71", "97,31%", ""], IKM + ["50", "90", "180%", ""]]
    )
    assert rules_fired(fr, "capaian-implausible") == []
