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
