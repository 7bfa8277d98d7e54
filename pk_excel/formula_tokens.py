"""Formula text in tokens, in one place: the reader moves shared formulas with it (`translate`) and `formula`
audits and evaluates capaian formulas with it (`tokenize`, `reference`).

`tokenize(body)` splits a formula (without its leading "=") into `Token(kind, text)`s that join back to the
text exactly. Kinds:

- `operand`: a run that is neither operator, separator, bracket, string nor space: a cell or range reference
  with its sheet (`'Data 2023'!$B$5:B9`, `Sheet1!#REF!`), a number (`1.5E+3`), TRUE/FALSE, a defined name, an
  external or structured reference (`[1]Sheet1!A1`, `Table1[[#This Row],[Col]]`);
- `func`: a function's name, written right before its "(" (the "(" is the next token, `open`);
- `string` (`"say ""hi"" twice"`), `error` (`#DIV/0!`), `op` (`+ - * / ^ & = < > <= >= <> %`), `sep` (`,` `;`),
  `open`/`close` (parentheses), `array_open`/`array_close` (braces), `space` (a run of white space).

It reads operands as openpyxl's formula tokenizer does, so `translate` gives the text openpyxl's Translator
gives (the reader is compared with openpyxl cell by cell). Raises `FormulaSyntaxError` (a ValueError) for an
unterminated string, quoted name or bracket, or a character that cannot start any token.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .cellref import col_letter, col_number

__all__ = ["Corner", "FormulaSyntaxError", "Reference", "Token", "reference", "relative_rows", "tokenize", "translate"]


class FormulaSyntaxError(ValueError):
    """The text is not a formula this tokenizer reads."""


class Token(NamedTuple):
    kind: str
    text: str


_ERROR = r"\#(?:NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A|GETTING_DATA)"
_PLAIN = r"""[^\s"'\#\[,;(){}+\-*/^&=<>%!]"""  # what an operand is made of between its special pieces
# One piece of an operand: a quoted sheet name, a bracketed part (external book, structured reference), a "!"
# that no error literal follows, or a plain character.
_PIECE = rf"""(?:'(?:[^']|'')*'|\[(?:[^\[\]]|\[[^\[\]]*\])*\]|!(?!{_ERROR})|{_PLAIN})"""
_TOKEN = re.compile(
    rf"""
    (?P<space>\s+)
  | (?P<string>"(?:[^"]|"")*")
  | (?P<error>{_ERROR})
  | (?P<number>(?:\d+(?:\.\d*)?|\.\d+)[Ee][+-]\d+(?!{_PLAIN}|['\[!]))
  | (?P<error_ref>{_PIECE}*!{_ERROR})  # `Sheet1!#REF!`: an operand that an error ends (never a function's name)
  | (?P<operand>{_PIECE}+)(?P<call>\()?
  | (?P<op><>|<=|>=|[+\-*/^&=<>%])
  | (?P<sep>[,;])
  | (?P<open>\()
  | (?P<close>\))
  | (?P<array_open>\{{)
  | (?P<array_close>\}})
  | (?P<bad>.)
    """,
    re.VERBOSE | re.DOTALL,
)


def tokenize(body: str) -> list[Token]:
    """The tokens of a formula's text (without its leading "="), white space included, in order. Raises
    FormulaSyntaxError for text no token can start (an unterminated string, quote or bracket)."""
    return [Token(kind, text) for kind, text in _tokenize(body)]


@lru_cache(maxsize=8192)
def _tokenize(body: str) -> tuple[tuple[str, str], ...]:
    """`tokenize` as plain (kind, text) pairs, cached: the cells of a shared formula all move one master."""
    out: list[tuple[str, str]] = []
    add = out.append
    for m in _TOKEN.finditer(body):
        kind = m.lastgroup
        if kind == "operand" or kind == "number" or kind == "error_ref":
            add(("operand", m.group()))
        elif kind == "call":
            add(("func", m.group("operand")))
            add(("open", "("))
        elif kind == "bad":
            raise FormulaSyntaxError(f"unexpected {m.group()!r} at {m.start()}")
        else:
            add((kind or "bad", m.group()))
    return tuple(out)


# --- references ---------------------------------------------------------------------------------------------

Corner = tuple[int, int, bool, bool]  # (row, col, row absolute, col absolute)


class Reference(NamedTuple):
    """A cell or a rectangular range written in A1 style: its sheet (None for the formula's own) and corners."""

    sheet: str | None
    a: Corner
    b: Corner | None  # the second corner of a range


_CELL = r"(\$?)([A-Za-z]{1,3})(\$?)(\d+)"
_REF = re.compile(rf"(?:(?:'((?:[^']|'')+)'|([A-Za-z_][\w.]*))!)?{_CELL}(?::{_CELL})?")


def reference(operand: str) -> Reference | None:
    """An operand that is a cell or a range of cells (`B5`, `$B$5:C9`, `'Data 2023'!B5`) read; None for anything
    else (a whole row or column, a name, an external or structured reference, a number)."""
    m = _REF.fullmatch(operand)
    if m is None:
        return None
    sheet = m.group(1).replace("''", "'") if m.group(1) else m.group(2)
    a = (int(m.group(6)), col_number(m.group(4)), bool(m.group(5)), bool(m.group(3)))
    b = (int(m.group(10)), col_number(m.group(8)), bool(m.group(9)), bool(m.group(7))) if m.group(8) else None
    return Reference(sheet, a, b)


def relative_rows(operand: str) -> list[tuple[int, str]] | None:
    """The rows a reference writes without `$`, as (offset in the operand, digits): `E8:$F$10` -> [(1, "8")];
    None for an operand that is not a cell or range reference."""
    m = _REF.fullmatch(operand)
    if m is None:
        return None
    return [(m.start(digits), m.group(digits)) for dollar, digits in ((5, 6), (9, 10))
            if m.group(digits) is not None and not m.group(dollar)]


# --- moving a shared formula -------------------------------------------------------------------------------

_ROW_RANGE = re.compile(r"(\$?[1-9][0-9]{0,6}):(\$?[1-9][0-9]{0,6})$")
_COL_RANGE = re.compile(r"(\$?[A-Za-z]{1,3}):(\$?[A-Za-z]{1,3})$")
_CELL_REF = re.compile(r"(\$?[A-Za-z]{1,3})(\$?[1-9][0-9]{0,6})$")
_LAST_COL = 18278  # ZZZ: the largest column three letters write


class _OutOfRange(Exception):
    pass


def _shift_row(s: str, d: int) -> str:
    if s.startswith("$"):
        return s
    n = int(s) + d
    if n <= 0:
        raise _OutOfRange
    return str(n)


def _shift_col(s: str, d: int) -> str:
    if s.startswith("$"):
        return s
    n = col_number(s) + d
    if not 1 <= n <= _LAST_COL:
        raise _OutOfRange
    return col_letter(n)


def _shift_range(text: str, dr: int, dc: int) -> str:
    ws = ""
    if "!" in text:
        sheet, text = text.rsplit("!", 1)
        ws = sheet + "!"
    m = _ROW_RANGE.match(text)
    if m:
        return ws + _shift_row(m.group(1), dr) + ":" + _shift_row(m.group(2), dr)
    m = _COL_RANGE.match(text)
    if m:
        return ws + _shift_col(m.group(1), dc) + ":" + _shift_col(m.group(2), dc)
    if ":" in text:
        return ws + ":".join(_shift_range(piece, dr, dc) for piece in text.split(":"))
    m = _CELL_REF.match(text)
    if m is None:
        return text  # a defined name
    return ws + _shift_col(m.group(1), dc) + _shift_row(m.group(2), dr)


def _moved(operand: str, dr: int, dc: int) -> str:
    """An operand moved by (dr, dc) rows and columns: relative references shift, everything else stays; a
    reference moved off the sheet becomes #REF!."""
    if operand.startswith(("#", '"')) or operand in ("TRUE", "FALSE"):
        return operand
    try:
        float(operand)
        return operand
    except ValueError:
        pass
    try:
        return _shift_range(operand, dr, dc)
    except _OutOfRange:
        return "#REF!"


_CLOSING = {"open": ("close", ")"), "array_open": ("array_close", "}")}


def translate(formula: str, dr: int, dc: int) -> str:
    """A shared formula ("=...") moved by (dr, dc), token by token as openpyxl's Translator moves it (a run of
    white space is written as its first character, as openpyxl does). Text without "=" is returned as it is.
    Raises FormulaSyntaxError (a ValueError) for a formula it cannot tokenize or whose brackets do not match."""
    if not formula.startswith("="):
        return formula
    out = ["="]
    add = out.append
    stack: list[str] = []
    prev = ""
    for kind, text in _tokenize(formula[1:]):
        if kind == "operand":
            add(_moved(text, dr, dc))
        elif kind == "space":
            add(text[0])
        elif kind in _CLOSING:
            if kind == "array_open" and prev in ("operand", "func"):
                raise FormulaSyntaxError("unexpected {")
            stack.append(_CLOSING[kind][0])
            add(text)
        elif kind in ("close", "array_close"):
            if not stack or stack.pop() != kind:
                raise FormulaSyntaxError("mismatched brackets")
            add(text)
        elif kind == "error":
            add(_moved(text, dr, dc))
        else:  # func, string, op, sep
            add(text)
        prev = kind
    return "".join(out)
