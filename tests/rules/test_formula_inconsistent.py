from conftest import rules_fired


def rows(*formulas):
    out = ["Sasaran Kegiatan"]
    for i, f in enumerate(formulas):
        r = 6 + i
        out.append([str(i + 1), "Sasaran", f"Jumlah dokumen {i}", 10 + i, 9, f.format(r=r), ""])
    return out


def test_formula_inconsistent(check_rows):
    fr = check_rows(rows("=E{r}/D{r}*100", "=E{r}/D{r}*100", "=D{r}/E{r}*100", "=E{r}/D{r}*100"))
    assert rules_fired(fr, "formula-inconsistent") == [("formula-inconsistent", "F8")]
    fr = check_rows(rows("=E{r}/D{r}*100", "=E{r}/D{r}*100", "=e{r}/d{r}*100"))
    assert rules_fired(fr, "formula-inconsistent") == []


def test_wrappers_around_the_same_ratio_are_the_same_shape():
    from pk_excel.rules.formula_inconsistent import core

    assert core("IFERROR(RC[-1]/RC[-2],0)") == core("ROUND(RC[-1]/RC[-2],4)") == "RC[-1]/RC[-2]"
    assert core("ROUND(IFERROR(RC[-1]/RC[-2]*100,0),2)") == "RC[-1]/RC[-2]*100"
    assert core("RC[-2]/RC[-1]*100") != core("ROUND(RC[-1]/RC[-2]*100,2)")
