from conftest import rules_fired


def rows(*formulas):
    out = ["Sasaran Kegiatan"]
    for i, f in enumerate(formulas):
        r = 6 + i
        out.append([str(i + 1), "Sasaran", f"Jumlah dokumen {i}", 10 + i, 9, f.format(r=r), ""])
    return out


def test_formula_recomputed_says_the_value(check_rows):
    fr = check_rows(rows("=ROUND(E{r}/D{r}*100;2)"))
    got = [f for f in fr.findings if f.rule == "formula-recomputed"]
    assert [(f.cell, f.severity) for f in got] == [("F6", "info")]
    assert got[0].message_id.endswith("pk-excel menghitungnya: 90,00%.")
    assert rules_fired(fr, "capaian-missing") == []


def test_formula_recomputed_cannot_evaluate(check_rows):
    fr = check_rows(rows("=VLOOKUP(E{r};A1:B2;2)"))
    got = [f for f in fr.findings if f.rule == "formula-recomputed"]
    assert len(got) == 1 and "tidak dapat dihitung" in got[0].message_id


def test_formula_recomputed_silent_on_typed(check_rows):
    fr = check_rows(["Sasaran Kegiatan", ["1", "S", "Jumlah dokumen", "10", "9", "90%", ""]])
    assert rules_fired(fr, "formula-recomputed") == []
