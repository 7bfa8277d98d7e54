from conftest import rules_fired


def rows(*formulas):
    out = ["Sasaran Kegiatan"]
    for i, f in enumerate(formulas):
        r = 6 + i
        out.append([str(i + 1), "Sasaran", f"Jumlah dokumen {i}", 10 + i, 9, f.format(r=r), ""])
    return out


def test_formula_reference_fires_on_another_row(check_rows):
    fr = check_rows(rows("=E{r}/D{r}*100", "=E6/D6*100", "=ROUND(E{r}/D{r}*100;2)"))
    assert rules_fired(fr, "formula-reference") == [("formula-reference", "F7")]
    f = next(f for f in fr.findings if f.rule == "formula-reference")
    assert f.severity == "error" and "D7" in f.message_id and "E7" in f.message_id


def test_formula_reference_silent(check_rows):
    fr = check_rows(rows("=E{r}/D{r}*100", "=IFERROR(E{r}/D{r}*100;0)", "=IF(D{r}=0;0;E{r}/D{r}*100)"))
    assert rules_fired(fr, "formula-reference") == []
