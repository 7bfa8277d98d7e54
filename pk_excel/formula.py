"""Auditing and evaluating the simple formulas users write for capaian.

Owns: the cell references of a formula (`references`), its relative R1C1-like shape for spotting a formula
that differs from its neighbours (`relative_shape`), and a small, safe evaluator (`evaluate`) for what users
type in a capaian column: arithmetic, `%`, parentheses, same-sheet cell references, ROUND/ROUNDUP/ROUNDDOWN,
IFERROR, IF with simple comparisons, SUM, AVERAGE, ABS, MIN, MAX. Argument separators `,` and `;` are both
accepted (Indonesian Excel shows `;`). Anything else evaluates to None. A recursive-descent parser: no eval().
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from .cellref import col_letter
from .formula_tokens import FormulaSyntaxError, Token, reference, tokenize

__all__ = ["FormulaError", "evaluate", "references", "references_at", "relative_shape"]

_MAX_EXPAND = 10_000  # cells of a range expanded by `references`; larger ranges give their two corners
_MAX_DEPTH = 100


class FormulaError(ValueError):
    """The formula is outside the small language we read."""


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # num, str, ref, func, op, lpar, rpar, sep, end
    text: str
    # For refs: sheet, (row, col, row_abs, col_abs) of the first corner, and of the second for a range.
    sheet: str | None = None
    a: tuple[int, int, bool, bool] | None = None
    b: tuple[int, int, bool, bool] | None = None


_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")  # a function's name
_NUM_RE = re.compile(r"\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?")
_DIGITS_RE = re.compile(r"\d+")
_SIMPLE = {"open": "lpar", "close": "rpar", "sep": "sep", "op": "op"}


def _next_kind(raw: list[Token], i: int) -> str:
    """The kind of the first token from `raw[i]` on that is not white space ("" at the end)."""
    while i < len(raw) and raw[i].kind == "space":
        i += 1
    return raw[i].kind if i < len(raw) else ""


def _tokenize(formula: str) -> list[_Tok]:
    return list(_tokenize_cached(formula))


@lru_cache(maxsize=4096)
def _tokenize_cached(formula: str) -> tuple[_Tok, ...]:
    return tuple(_tokenize_uncached(formula))


def _tokenize_uncached(formula: str) -> list[_Tok]:
    """The formula in the tokens the parser reads (from `formula_tokens.tokenize`): white space dropped,
    references read, a name followed by "(" a function. With `;` as argument separator a comma between digits
    is a decimal comma (Indonesian locale text). Raises FormulaError for anything outside the small language."""
    text = formula.strip().removeprefix("=")
    try:
        raw = tokenize(text)
    except FormulaSyntaxError as e:
        raise FormulaError(str(e)) from None
    comma_decimal = any(kind == "sep" and t == ";" for kind, t in raw)
    toks: list[_Tok] = []
    i, n = 0, len(raw)
    while i < n:
        kind, t = raw[i]
        i += 1
        if kind == "space":
            continue
        if kind in _SIMPLE:
            toks.append(_Tok(_SIMPLE[kind], t))
        elif kind == "string":
            toks.append(_Tok("str", t[1:-1].replace('""', '"')))
        elif kind == "func" and _NAME_RE.fullmatch(t):
            toks.append(_Tok("func", t.upper()))
        elif kind in ("operand", "func"):
            ref = reference(t) if kind == "operand" else None
            if ref is not None:
                toks.append(_Tok("ref", t, sheet=ref.sheet, a=ref.a, b=ref.b))
            elif kind == "operand" and _next_kind(raw, i) == "open" and _NAME_RE.fullmatch(t):
                toks.append(_Tok("func", t.upper()))  # a name, white space, then "("
            elif comma_decimal and _DIGITS_RE.fullmatch(t):
                if raw[i : i + 1] == [("sep", ",")] and i + 1 < n and raw[i + 1].kind == "operand" \
                        and _DIGITS_RE.fullmatch(raw[i + 1].text):  # fmt: skip
                    t = f"{t}.{raw[i + 1].text}"
                    i += 2
                toks.append(_Tok("num", t))
            elif not comma_decimal and _NUM_RE.fullmatch(t):
                toks.append(_Tok("num", t))
            elif t.upper() in ("TRUE", "FALSE"):
                toks.append(_Tok("num", "1" if t.upper() == "TRUE" else "0"))
            else:
                raise FormulaError(f"unexpected {t!r}")
        else:  # an error literal, an array constant
            raise FormulaError(f"unexpected {t!r}")
    toks.append(_Tok("end", ""))
    return toks


def _expand(a: tuple[int, int, bool, bool], b: tuple[int, int, bool, bool] | None) -> list[tuple[int, int]]:
    if b is None:
        return [(a[0], a[1])]
    r1, r2 = sorted((a[0], b[0]))
    c1, c2 = sorted((a[1], b[1]))
    if (r2 - r1 + 1) * (c2 - c1 + 1) > _MAX_EXPAND:
        return [(a[0], a[1]), (b[0], b[1])]
    return [(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]


def references(formula: str) -> list[tuple[str | None, int, int]]:
    """Every cell the formula refers to, as (sheet or None, row, col), 1-based, in order of appearance.

    Ranges are expanded (`SUM(E8:E10)` gives three cells); a range over more than 10,000 cells gives its two
    corners. A formula we cannot tokenize gives [].
    """
    try:
        toks = _tokenize(formula)
    except FormulaError:
        return []
    out: list[tuple[str | None, int, int]] = []
    for t in toks:
        if t.kind == "ref" and t.a is not None:
            out.extend((t.sheet, r, c) for r, c in _expand(t.a, t.b))
    return out


def _shape_corner(corner: tuple[int, int, bool, bool], row: int, col: int) -> str:
    r, c, r_abs, c_abs = corner
    rs = f"R{r}" if r_abs else ("R" if r == row else f"R[{r - row}]")
    cs = f"C{c}" if c_abs else ("C" if c == col else f"C[{c - col}]")
    return rs + cs


def relative_shape(formula: str, row: int, col: int) -> str:
    """The formula in a relative R1C1-like notation, as seen from the cell (row, col).

    `=F8/E8*100` in G8 and `=F9/E9*100` in G9 both give `R[0]...`-style text `RC[-1]/RC[-2]*100`, so
    formulas copied down a column share one shape. Case, spaces and the separator (`;` or `,`) are
    normalised. A formula we cannot tokenize is returned upper-cased without spaces. A formula copied down a
    column is read once (`_copy_of`).
    """
    copy = _copy_of(formula, row, col)
    return copy.shape if copy is not None else _shape(formula, row, col)


def references_at(formula: str, row: int, col: int) -> list[tuple[str | None, int, int]]:
    """`references(formula)` of the formula in cell (row, col): a formula copied down a column is read once
    (`_copy_of`), its copies' references are its own moved to their rows."""
    copy = _copy_of(formula, row, col)
    if copy is None or copy.refs is None:
        return references(formula)
    out: list[tuple[str | None, int, int]] = []
    for sheet, a, b in copy.refs:
        if row != copy.row:
            # a copy in another row: each relative row of the formula read is that formula's own row (see
            # above), and the copy's is the copy's row
            a = a if a[2] else (row, a[1], a[2], a[3])
            b = b if b is None or b[2] else (row, b[1], b[2], b[3])
        out.extend((sheet, r, c) for r, c in _expand(a, b))
    return out


def _shape(formula: str, row: int, col: int) -> str:
    """`relative_shape`, read from the formula's tokens."""
    try:
        toks = _tokenize(formula)
    except FormulaError:
        return re.sub(r"\s+", "", formula).upper()
    parts: list[str] = []
    for t in toks:
        if t.kind == "ref" and t.a is not None:
            s = (f"'{t.sheet}'!" if t.sheet else "") + _shape_corner(t.a, row, col)
            if t.b is not None:
                s += ":" + _shape_corner(t.b, row, col)
            parts.append(s)
        elif t.kind == "sep":
            parts.append(",")
        elif t.kind == "func":
            parts.append(t.text)
        elif t.kind == "str":
            parts.append('"' + t.text.replace('"', '""') + '"')
        elif t.kind == "num":
            parts.append(_num_text(float(t.text)))
        else:
            parts.append(t.text)
    return "".join(parts)


# --- formulas copied down a column ------------------------------------------------------------------------
#
# A column of capaian formulas is mostly one formula copied down (=F8/E8*100, =F9/E9*100, ...): their texts
# differ only where a reference names the cell's own row. `_template` writes those places as `_HERE`. The
# first formula of a template (in its column) is read in full; when every place written `_HERE` is the row
# of a relative reference and every relative reference names the formula's own row (`_copyable`), any other
# formula of the template is that one moved to another row: the same shape, its references moved.

_ROW_RUN = re.compile(r"(?<=[A-Za-z])(\d+)")  # digits after a letter: an A1 reference's row (or not)
_HERE = "\x00"  # the formula's own row in a template (never in a formula read from a sheet)


@dataclass(slots=True)
class _Copy:
    row: int  # the row of the formula read in full
    shape: str
    refs: tuple[tuple[str | None, tuple[int, int, bool, bool], tuple[int, int, bool, bool] | None], ...] | None
    copyable: bool  # the template's formulas in other rows are this one moved (see above)


_COPIES: dict[tuple[str, int], _Copy] = {}
_COPIES_LIMIT = 1 << 14  # templates remembered (the cache is emptied when full)


@lru_cache(maxsize=1 << 14)  # the rules ask for one cell's shape and its references
def _template(formula: str, row: int) -> str | None:
    """`formula` with each run of digits that follows a letter and reads `row` written `_HERE`
    (`=F8/E8*100` in row 8 -> `=F<HERE>/E<HERE>*100`); None for a formula holding `_HERE` itself."""
    if _HERE in formula:
        return None
    here = str(row)
    parts = _ROW_RUN.split(formula)
    parts[1::2] = [_HERE if digits == here else digits for digits in parts[1::2]]
    return "".join(parts)


def _copy_of(formula: str, row: int, col: int) -> _Copy | None:
    """The formula this one is (a copy of), read in full, when that is known (see above); else None."""
    template = _template(formula, row)
    if template is None:
        return None
    key = (template, col)
    copy = _COPIES.get(key)
    if copy is None:
        if len(_COPIES) >= _COPIES_LIMIT:
            _COPIES.clear()
        refs = _reference_tokens(formula)
        copy = _COPIES[key] = _Copy(row, _shape(formula, row, col), refs, refs is not None and _copyable(formula, row))
    return copy if row == copy.row or copy.copyable else None


def _copyable(formula: str, row: int) -> bool:
    """Every run of digits after a letter that reads `row` is the row of a relative reference, and every
    relative reference is to `row`: the formula's copies in other rows differ from it only in those rows."""
    from .formula_tokens import relative_rows

    text = formula.strip().removeprefix("=")
    here = str(row)
    own = {m.start() for m in _ROW_RUN.finditer(text) if m.group() == here}
    rows: set[int] = set()
    at = 0
    try:
        tokens = tokenize(text)
    except FormulaSyntaxError:
        return False
    for kind, token in tokens:  # the tokens join back to the text: `at` is where each one starts
        if kind == "operand":
            for offset, digits in relative_rows(token) or ():
                if digits != here:
                    return False
                rows.add(at + offset)
        at += len(token)
    return rows == own


def _reference_tokens(formula: str) -> tuple[tuple[str | None, tuple[int, int, bool, bool],
                                                   tuple[int, int, bool, bool] | None], ...] | None:
    """(sheet, first corner, second corner) of each reference of the formula, in order; None when the formula
    cannot be tokenized."""
    try:
        toks = _tokenize(formula)
    except FormulaError:
        return None
    return tuple((t.sheet, t.a, t.b) for t in toks if t.kind == "ref" and t.a is not None)


def _num_text(x: float) -> str:
    return str(int(x)) if x.is_integer() else repr(x)


# ---- evaluation -------------------------------------------------------------------------------------------


class _Err(Exception):
    """An Excel error value (#DIV/0!, #VALUE!) raised while evaluating; IFERROR catches it."""


class _Blank:
    """A referenced cell with no numeric value: equal to "" and 0 in comparisons, an error in arithmetic."""


_BLANK = _Blank()


@dataclass(frozen=True, slots=True)
class _Range:
    cells: tuple[str, ...]


Lookup = Callable[[str], "float | None"]
Node = tuple[Any, ...]  # ("num", 1.0), ("ref", _Tok), ("bin", "+", Node, Node), ("call", "SUM", [Node, ...]), ...
Scalar = float | str | _Blank


class _Parser:
    def __init__(self, toks: list[_Tok]):
        self.toks = toks
        self.i = 0
        self.depth = 0

    def peek(self) -> _Tok:
        return self.toks[self.i]

    def take(self) -> _Tok:
        t = self.toks[self.i]
        self.i += 1
        return t

    def expect(self, kind: str) -> _Tok:
        t = self.take()
        if t.kind != kind:
            raise FormulaError(f"expected {kind}, got {t.text!r}")
        return t

    def parse(self) -> Node:
        node = self.comparison()
        if self.peek().kind != "end":
            raise FormulaError(f"unexpected {self.peek().text!r}")
        return node

    # Precedence (Excel): comparison < & < + - < * / < ^ < % < unary minus.
    def comparison(self) -> Node:
        left = self.concat()
        while self.peek().kind == "op" and self.peek().text in ("=", "<>", "<", ">", "<=", ">="):
            op = self.take().text
            left = ("cmp", op, left, self.concat())
        return left

    def concat(self) -> Node:
        left = self.additive()
        if self.peek().kind == "op" and self.peek().text == "&":
            raise FormulaError("text concatenation is not supported")
        return left

    def additive(self) -> Node:
        left = self.term()
        while self.peek().kind == "op" and self.peek().text in ("+", "-"):
            op = self.take().text
            left = ("bin", op, left, self.term())
        return left

    def term(self) -> Node:
        left = self.power()
        while self.peek().kind == "op" and self.peek().text in ("*", "/"):
            op = self.take().text
            left = ("bin", op, left, self.power())
        return left

    def power(self) -> Node:
        left = self.percent()
        while self.peek().kind == "op" and self.peek().text == "^":
            self.take()
            left = ("bin", "^", left, self.percent())
        return left

    def percent(self) -> Node:
        node = self.unary()
        while self.peek().kind == "op" and self.peek().text == "%":
            self.take()
            node = ("pct", node)
        return node

    def unary(self) -> Node:
        t = self.peek()
        if t.kind == "op" and t.text in ("+", "-"):
            self.take()
            self.depth += 1
            if self.depth > _MAX_DEPTH:
                raise FormulaError("too deep")
            node = self.unary()
            self.depth -= 1
            return ("neg", node) if t.text == "-" else node
        return self.primary()

    def primary(self) -> Node:
        t = self.take()
        if t.kind == "num":
            return ("num", float(t.text))
        if t.kind == "str":
            return ("str", t.text)
        if t.kind == "ref":
            return ("ref", t)
        if t.kind == "lpar":
            self.depth += 1
            if self.depth > _MAX_DEPTH:
                raise FormulaError("too deep")
            node = self.comparison()
            self.expect("rpar")
            self.depth -= 1
            return node
        if t.kind == "func":
            self.expect("lpar")
            self.depth += 1
            if self.depth > _MAX_DEPTH:
                raise FormulaError("too deep")
            args = []
            if self.peek().kind != "rpar":
                while True:
                    if self.peek().kind in ("sep", "rpar"):
                        args.append(("str", ""))  # an omitted argument, as in IF(x;;0)
                    else:
                        args.append(self.comparison())
                    if self.peek().kind == "sep":
                        self.take()
                        continue
                    break
            self.expect("rpar")
            self.depth -= 1
            return ("call", t.text, args)
        raise FormulaError(f"unexpected {t.text!r}")


def _compare(op: str, a: Any, b: Any) -> bool:
    """`a op b` for two numbers or two texts; `op` one of = <> < > <= >=."""
    return {
        "=": a == b,
        "<>": a != b,
        "<": a < b,
        ">": a > b,
        "<=": a <= b,
        ">=": a >= b,
    }[op]


def _round(x: float, digits: float, mode: str) -> float:
    n = int(digits)
    try:
        q = Decimal(1).scaleb(-n)
        return float(Decimal(repr(x)).quantize(q, rounding=mode))
    except InvalidOperation as e:
        raise _Err("round") from e


class _Evaluator:
    def __init__(self, lookup: Lookup):
        self.lookup = lookup

    def value(self, node: Node) -> Scalar:
        """A scalar: float, str, or _BLANK. Raises _Err for Excel errors."""
        kind = node[0]
        if kind == "num":
            return node[1]
        if kind == "str":
            return node[1]
        if kind == "ref":
            t: _Tok = node[1]
            if t.sheet is not None:
                raise FormulaError("reference to another sheet")
            if t.b is not None or t.a is None:
                raise _Err("range used as a value")
            return self.cell(t.a[0], t.a[1])
        if kind == "neg":
            return -self.num(node[1])
        if kind == "pct":
            return self.num(node[1]) / 100.0
        if kind == "bin":
            _, op, left, right = node
            a, b = self.num(left), self.num(right)
            if op == "+":
                return a + b
            if op == "-":
                return a - b
            if op == "*":
                return a * b
            if op == "/":
                if b == 0:
                    raise _Err("#DIV/0!")
                return a / b
            try:
                r = math.pow(a, b)
            except (OverflowError, ValueError) as e:
                raise _Err("#NUM!") from e
            return r
        if kind == "cmp":
            return 1.0 if self.compare(node[1], self.value(node[2]), self.value(node[3])) else 0.0
        if kind == "call":
            return self.call(node[1], node[2])
        raise FormulaError(kind)

    def cell(self, row: int, col: int) -> Scalar:
        got = self.lookup(f"{col_letter(col)}{row}")
        if got is None:
            return _BLANK
        if isinstance(got, bool) or not isinstance(got, (int, float)) or math.isnan(got):
            return _BLANK
        return float(got)

    def num(self, node: Node) -> float:
        v = self.value(node)
        if isinstance(v, float):
            return v
        raise _Err("#VALUE!")

    @staticmethod
    def compare(op: str, a: Scalar, b: Scalar) -> bool:
        # Excel: a blank cell equals both "" and 0.
        if isinstance(a, _Blank):
            a = "" if isinstance(b, str) else 0.0
        if isinstance(b, _Blank):
            b = "" if isinstance(a, str) else 0.0
        if isinstance(a, str) and isinstance(b, str):
            return _compare(op, a.lower(), b.lower())
        if isinstance(a, str) or isinstance(b, str):
            # Excel orders every number before every text.
            return _compare(op, 1.0 if isinstance(a, str) else 0.0, 1.0 if isinstance(b, str) else 0.0)
        return _compare(op, a, b)

    def numbers(self, args: list[Node]) -> list[float]:
        """Arguments of SUM/AVERAGE/MIN/MAX: ranges skip blanks and text (as Excel does)."""
        out: list[float] = []
        for arg in args:
            if arg[0] == "ref" and arg[1].b is not None:
                t: _Tok = arg[1]
                if t.sheet is not None or t.a is None:
                    raise FormulaError("reference to another sheet")
                for r, c in _expand(t.a, t.b):
                    v = self.cell(r, c)
                    if isinstance(v, float):
                        out.append(v)
            else:
                out.append(self.num(arg))
        return out

    def call(self, name: str, args: list[Node]) -> Scalar:
        def arity(*ns: int) -> None:
            if len(args) not in ns:
                raise FormulaError(f"{name} takes {ns} arguments")

        if name == "IFERROR":
            arity(2)
            try:
                v = self.value(args[0])
                if v is _BLANK:
                    return 0.0
                return v
            except _Err:
                return self.value(args[1])
        if name == "IF":
            arity(2, 3)
            cond = self.value(args[0])
            if isinstance(cond, str):
                raise _Err("#VALUE!")
            truth = cond is not _BLANK and cond != 0
            if truth:
                return self.value(args[1])
            return self.value(args[2]) if len(args) == 3 else 0.0
        if name in ("ROUND", "ROUNDUP", "ROUNDDOWN"):
            arity(1, 2)
            digits = self.num(args[1]) if len(args) == 2 else 0.0
            mode = {"ROUND": ROUND_HALF_UP, "ROUNDUP": ROUND_UP, "ROUNDDOWN": ROUND_DOWN}[name]
            return _round(self.num(args[0]), digits, mode)
        if name == "ABS":
            arity(1)
            return abs(self.num(args[0]))
        if name in ("SUM", "AVERAGE", "MIN", "MAX"):
            if not args:
                raise FormulaError(f"{name} needs arguments")
            xs = self.numbers(args)
            if name == "SUM":
                return float(sum(xs))
            if name == "AVERAGE":
                if not xs:
                    raise _Err("#DIV/0!")
                return sum(xs) / len(xs)
            if not xs:
                return 0.0
            return min(xs) if name == "MIN" else max(xs)
        raise FormulaError(f"unsupported function {name}")


def evaluate(formula: str, lookup: Lookup) -> float | None:
    """The numeric result of a simple formula, or None when it is outside what we read or is an error.

    `lookup(coord)` returns the number in a cell of the same sheet (`"E8"`), or None when the cell is empty
    or not a number. A reference to another sheet, an unknown function, text concatenation, an Excel error
    that no IFERROR catches, or a non-numeric result all give None.
    """
    try:
        tree = _Parser(_tokenize(formula)).parse()
        result = _Evaluator(lookup).value(tree)
    except (FormulaError, _Err, RecursionError):
        return None
    if isinstance(result, float) and math.isfinite(result):
        return result
    return None
