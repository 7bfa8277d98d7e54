from conftest import rules_fired

IKM = ["1", "Meningkatnya kepuasan", "Indeks Kepuasan Masyarakat"]


def test_fires_on_wrong_capaian(check_rows):
    fr = check_rows(["Sasaran Strategis", IKM + ["85,00", "82,71", "95,00%", "Hasil SKM"]])
    assert rules_fired(fr, "capaian-wrong") == [("capaian-wrong", "F6")]
    f = next(f for f in fr.findings if f.rule == "capaian-wrong")
    assert f.severity == "error"
    assert "95,00%" in f.message_id and "97,31%" in f.message_id and "82,71" in f.message_id
    assert f.expected == "97,31%"


def test_silent_at_typed_precision(check_rows):
    for typed in ("97,31%", "97%", "97,3%"):
        fr = check_rows(["Sasaran Strategis", IKM + ["85,00", "82,71", typed, "Hasil SKM"]])
        assert rules_fired(fr, "capaian-wrong") == [], typed


def test_negative_polarity_accepts_either_formula(check_rows):
    name = ["1", "Menurunnya kematian", "Angka kematian ibu"]
    for typed in ("90%", "90,91%"):  # (2T - R) / T and T / R
        fr = check_rows(["Sasaran Strategis", name + ["100", "110", typed, ""]])
        assert rules_fired(fr, "capaian-wrong") == [], typed
    fr = check_rows(["Sasaran Strategis", name + ["100", "110", "110%", ""]])
    assert rules_fired(fr, "capaian-wrong") == [("capaian-wrong", "F6")]


def test_rules_read_a_frame_built_elsewhere_alike(check_rows):
    """The rules read the numpy columns `measure` built the frame from; a frame built otherwise (a copy) is
    read through pandas, with the same findings."""
    from pk_excel.config import Options
    from pk_excel.rules import run

    fr = check_rows(["Sasaran Strategis", IKM + ["85,00", "82,71", "95,00%", "Hasil SKM"],
                     ["2", "S", "Jumlah SOP", "11 SOP", "10 unit", "", "Tercapai"]])
    doc = fr.document
    from pk_excel.measure import measure

    measure(doc, Options())
    first = run(doc, Options())
    doc.frame = doc.frame.copy()
    assert run(doc, Options()) == first and any(f.rule == "capaian-wrong" for f in first)
