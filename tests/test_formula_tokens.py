"""`formula_tokens`: one tokenizer for the reader's shared formulas and for `formula`'s audit. Its tokens join
back to the text; `translate` moves a formula as openpyxl's Translator does (the reader is compared with
openpyxl cell by cell); `reference` reads what `formula` needs of a reference."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pk_excel.formula_tokens import FormulaSyntaxError, Reference, reference, tokenize, translate

# Formulas as producers write them: references of every kind, names, functions with prefixes, strings with
# doubled quotes, errors, arrays, structured and external references, percent, comparison, space.
FORMULAS = [
    "=A1+B2",
    "=$A$1*B$2+$C3",
    "=SUM(A1:B10)/COUNT(A1:A10)",
    "=ROUND(F8/E8*100,2)",
    "=IF(E8=0,0,F8/E8*100)",
    "=IFERROR(F8/E8;0)",
    "='Data 2023'!B5+Sheet1!C7:D9",
    "='It''s'!A1",
    "=Sheet1!#REF!+#N/A",
    '=IF(A1="",""""&B1&"""",C1)',
    "=A:A",
    "=SUM(3:5)",
    "=$A:B",
    "=A1:B2:C3",
    "=_xlfn.IFERROR(A1,0)",
    "=_xlfn.XLOOKUP(A2,Table1[Key],Table1[[#This Row],[Value]])",
    "=[1]Sheet1!A1*2",
    "={1,2;3,4}*A1",
    "=SUM({1,2,3})",
    "=1.5E+3*A1-2E-2",
    "=A1%*-B1^2",
    "=A1<>B1",
    "=A1>=B1",
    "=Target*2+Rate",
    "=A1 + B1",
    "=SUM(A1:A3 A2:B2)",
    "=TRUE+FALSE",
    "=XFD1+ZZ9",
    "=@A1:A10",
    "=OFFSET(A1,1,1)",
    "=COUNTIF(B:B,\">=\"&A1)",
]
MOVES = [(1, 0), (0, 1), (5, 3), (-1, 0), (0, -1), (-3, -2)]


@pytest.mark.parametrize("formula", FORMULAS)
def test_translate_as_openpyxl(formula):
    from openpyxl.formula.translate import Translator, TranslatorError

    compared = 0
    for dr, dc in MOVES:
        dest = f"{chr(ord('D') + dc)}{5 + dr}"
        try:
            want = Translator(formula, "D5").translate_formula(dest)
        except TranslatorError:  # a reference moved off the sheet: openpyxl raises, the reader writes #REF!
            assert "#REF!" in translate(formula, dr, dc)
            continue
        assert translate(formula, dr, dc) == want, (formula, dr, dc)
        compared += 1
    assert compared >= 3


def test_translate_moves_off_the_sheet_to_ref_error():
    assert translate("=A1+B$1+$C2", -1, -1) == "=#REF!+A$1+$C1"
    assert translate("=ZZZ1", 0, 1) == "=#REF!"


def test_translate_refuses_what_it_cannot_tokenize():
    for bad in ('="open', "='sheet", "=[1", "=#BAD", "=SUM(A1))", "=(A1}"):
        with pytest.raises(FormulaSyntaxError):
            translate(bad, 1, 0)
    assert translate("no formula", 1, 1) == "no formula"


@pytest.mark.parametrize("formula", FORMULAS)
def test_tokens_join_back_to_the_text(formula):
    tokens = tokenize(formula[1:])
    assert "".join(t.text for t in tokens) == formula[1:]


def test_token_kinds():
    kinds = [(t.kind, t.text) for t in tokenize("ROUND('A b'!C1 ,2)%&\"x\"<>#N/A")]
    assert kinds == [
        ("func", "ROUND"), ("open", "("), ("operand", "'A b'!C1"), ("space", " "), ("sep", ","),
        ("operand", "2"), ("close", ")"), ("op", "%"), ("op", "&"), ("string", '"x"'), ("op", "<>"),
        ("error", "#N/A"),
    ]  # fmt: skip
    assert [t.kind for t in tokenize("{1,2}")] == ["array_open", "operand", "sep", "operand", "array_close"]
    assert [t.text for t in tokenize("1E+5-2")] == ["1E+5", "-", "2"]  # a sign inside a number's exponent


def test_reference():
    assert reference("B5") == Reference(None, (5, 2, False, False), None)
    assert reference("$B$5:c9") == Reference(None, (5, 2, True, True), (9, 3, False, False))
    assert reference("'It''s'!A1") == Reference("It's", (1, 1, False, False), None)
    assert reference("Data.2023!A1").sheet == "Data.2023"
    for other in ("A:A", "3:5", "Target", "1.5", "Table1[Key]", "[1]Sheet1!A1", "A1:B2:C3", "ABCD1"):
        assert reference(other) is None, other


_PIECES = st.sampled_from(
    ["A1", "$B$2", "C3:D4", "Sheet1!", "'S 1'!", "SUM(", "(", ")", ",", ";", "+", "-", "*", "/", "^", "&", "=",
     "<", ">", "%", " ", '"t"', "#REF!", "1", "2.5", "E", "TRUE", "{", "}", ":", "Name"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=12).map("".join))
def test_property_tokens_join_back_and_translate_agrees_with_openpyxl(body):
    from openpyxl.formula.translate import Translator

    try:
        tokens = tokenize(body)
    except FormulaSyntaxError:
        return
    assert "".join(t.text for t in tokens) == body
    if any(a.kind == "operand" and b.kind == "string" for a, b in zip(tokens, tokens[1:])):
        return  # `A1:"t"`, which Excel never writes: openpyxl puts the string before the operand
    try:
        want = Translator("=" + body, "D5").translate_formula("F8")
    except Exception:  # noqa: BLE001 - openpyxl refuses it: nothing to compare
        return
    try:
        got = translate("=" + body, 3, 2)
    except FormulaSyntaxError:
        return  # brackets that do not match: the reader keeps the master's text
    assert got == want
