"""formula.py: references, relative shapes and the safe evaluator."""

from __future__ import annotations

import pytest

from pk_excel.formula import evaluate, references, relative_shape

CELLS = {"E8": 85.0, "F8": 82.71, "E9": 0.0, "F9": 10.0, "E10": 4.0, "G8": 97.31}


def lookup(ref: str):
    return CELLS.get(ref)


@pytest.mark.parametrize(
    "formula, expected",
    [
        ("=F8/E8*100", 82.71 / 85 * 100),
        ("=ROUND(F8/E8*100;2)", 97.31),
        ("=ROUND(F8/E8*100,2)", 97.31),
        ("=ROUND(F8/E8*100; 0)", 97.0),
        ("=ROUNDUP(F8/E8*100;1)", 97.4),
        ("=ROUNDDOWN(F8/E8*100;1)", 97.3),
        ("=ROUND(2.675,2)", 2.68),  # half away from zero, as Excel (Python's round gives 2.67)
        ("=ROUND(-2.5,0)", -3.0),
        ("=ROUND(1234,-2)", 1200.0),
        ("=F8/E8", 82.71 / 85),
        ("=IFERROR(F9/E9*100;0)", 0.0),
        ('=IFERROR(F8/E8*100;"-")', 82.71 / 85 * 100),
        ("=IF(E9=0;0;F9/E9*100)", 0.0),
        ("=IF(E8>0,F8/E8*100,0)", 82.71 / 85 * 100),
        ("=IF(E8<>0;F8/E8*100;0)", 82.71 / 85 * 100),
        ('=IF(X1="";0;1)', 0.0),
        ("=IF(E8>=85;1;2)", 1.0),
        ("=IF(E8<=84;1;2)", 2.0),
        ("=(2*E8-F8)/E8*100", (2 * 85 - 82.71) / 85 * 100),
        ("=SUM(E8:E10)", 89.0),
        ("=SUM(E8,F8)", 167.71),
        ("=AVERAGE(E8:E10)", 89.0 / 3),
        ("=AVERAGE(E8:E11)", 89.0 / 3),  # blanks in a range are skipped
        ("=MIN(E8:E10)", 0.0),
        ("=MAX(E8;F8;100)", 100.0),
        ("=ABS(F8-E8)", 85 - 82.71),
        ("=50%", 0.5),
        ("=F8/E8%", 82.71 / 0.85),
        ("=2^3", 8.0),
        ("=-2^2", 4.0),  # Excel: negation binds tighter than ^
        ("=2*-3", -6.0),
        ("=1+2*3", 7.0),
        ("=(1+2)*3", 9.0),
        ("=$F$8/$E$8*100", 82.71 / 85 * 100),
        ("= f8 / e8 * 100", 82.71 / 85 * 100),
        ("=round(97,31;1)", 97.3),  # locale text: with ';' the comma is a decimal comma
        ("=1.5E2", 150.0),
        ("100", 100.0),
    ],
)
def test_evaluate(formula, expected):
    got = evaluate(formula, lookup)
    assert got == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize(
    "formula",
    [
        "=F9/E9*100",  # #DIV/0!
        "=F8/X1*100",  # blank in arithmetic
        "=VLOOKUP(A1,B1:C3,2)",  # unknown function
        "=Sheet2!F8/E8",  # another sheet
        '="a"&"b"',
        '=IFERROR(F9/E9;"-")',  # text result
        "=F8/",
        "=(F8",
        "=F8)",
        "=__import__('os')",
        "=ROUND(F8)/",
        "=AVERAGE(X1:X3)",
        "=E8:E10",
        "=10^1000",
        "=" + "(" * 500 + "1" + ")" * 500,
        "=" + "-" * 500 + "1",
        '="abc',
        "",
    ],
)
def test_evaluate_gives_none(formula):
    assert evaluate(formula, lookup) is None


def test_lookup_receives_plain_coordinates():
    seen = []

    def spy(ref):
        seen.append(ref)
        return 1.0

    assert evaluate("=$F$8+e9", spy) == 2.0
    assert seen == ["F8", "E9"]


def test_references():
    assert references("=F8/E8*100") == [(None, 8, 6), (None, 8, 5)]
    assert references("=ROUND($F$8/E8*100;2)") == [(None, 8, 6), (None, 8, 5)]
    assert references("=SUM(E8:E10)") == [(None, 8, 5), (None, 9, 5), (None, 10, 5)]
    assert references("='Data PK'!F8/Sheet2!E8") == [("Data PK", 8, 6), ("Sheet2", 8, 5)]
    assert references("=SUM(A1:XFD1048576)") == [(None, 1, 1), (None, 1048576, 16384)]
    assert references("=LOG10(100)") == []
    assert references("=IFERROR(F8/E8;0)") == [(None, 8, 6), (None, 8, 5)]
    assert references('=IF(A1="x";1;0)') == [(None, 1, 1)]
    assert references('="F8"') == []
    assert references("=(") == []


def test_relative_shape_same_for_copied_formulas():
    assert relative_shape("=F8/E8*100", 8, 7) == relative_shape("=F9/E9*100", 9, 7)
    assert relative_shape("=F8/E8*100", 8, 7) == "RC[-1]/RC[-2]*100"
    assert relative_shape("=ROUND(F8/E8*100;2)", 8, 7) == relative_shape("=round(F9/E9*100, 2)", 9, 7)


def test_relative_shape_differs():
    assert relative_shape("=F9/E8*100", 9, 7) != relative_shape("=F9/E9*100", 9, 7)
    assert relative_shape("=F8/E8*100", 8, 7) != relative_shape("=E8/F8*100", 8, 7)
    assert relative_shape("=$F$8/E9*100", 9, 7) == "R8C6/RC[-2]*100"
    assert relative_shape("=SUM(E8:E10)", 11, 5) == "SUM(R[-3]C:R[-1]C)"


def test_never_uses_python_eval(monkeypatch):
    import builtins

    def boom(*a, **k):
        raise AssertionError("eval called")

    monkeypatch.setattr(builtins, "eval", boom)
    assert evaluate("=1+1", lookup) == 2.0


def test_copied_formulas_read_once_give_what_each_one_reads(monkeypatch):
    """A formula copied down a column is read in full once (`_copy_of`); its copies in other rows get its shape
    and its references moved to their rows. Every other formula of the same row-free text (a row number that
    is not a relative reference to the own row: a number, a function name, a sheet, a text, another row, an
    absolute row, a mixed range) is read in full: each gives exactly what reading it alone gives."""
    import random

    from pk_excel import formula

    monkeypatch.setattr(formula, "_COPIES", {})
    forms = ["=F{r}/E{r}*100", "= f{r} / e{r} * 100", "=ROUND(IFERROR(F{r}/E{r}*100;0);2)", "=$F{r}/$E{r}",
             "=SUM(E{r}:G{r})", "=F{r}/E{o}*100", "=F$8/E{r}", "=SUM(E{r}:E$12)", "=1E{r}*E{r}", "=LOG{r}(2)",
             "='Data {r}'!E{r}", "=Sheet{r}!E{r}", '="F{r}"&E{r}', "=ABCD{r}/E{r}", "=F{r}*{r}", "=F{r}1/E{r}",
             "=E1{r}", "=F{r}/#REF!", "=F{r}:F{p}", "=MAX(F{r},E{r},D{o})", "={{1,2}}*F{r}", "=IF(F{r}>E{r};1,5;0)"]
    rng = random.Random(16)
    for form in forms:
        for row in [8, 9, 10, 99, 100, 101, 1000] + rng.sample(range(1, 5000), 20):
            text = form.format(r=row, o=max(1, row - 1), p=row + 3)
            for col in (5, 7):
                assert relative_shape(text, row, col) == formula._shape(text, row, col), (text, row, col)
                assert formula.references_at(text, row, col) == references(text), (text, row, col)
    copied = {template.replace("\x00", "{r}") for (template, _), copy in formula._COPIES.items() if copy.copyable}
    assert "=F{r}/E{r}*100" in copied and "=SUM(E{r}:G{r})" in copied
    assert not copied & {"=1E{r}*E{r}", "=LOG{r}(2)", "=Sheet{r}!E{r}", "=F{r}/E{o}*100"}
