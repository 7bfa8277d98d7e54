"""The NO column of a table that numbers its rows: a number missing, skipped, repeated or out of order.

Accepted: `1`, `1.`, `1)`, hierarchical `1.1`, `1.2`, `2`; numbering restarting at 1 under each section
heading (Sasaran Strategis / Program / Kegiatan, a repeated "Sasaran Kegiatan", a program's name: any row
between two indicator rows that is not itself an indicator) or running on across sections; a number only on the first row of
a sasaran (the rows under it carry the sasaran down); roman numerals and letters (section labels) are left
alone. A table whose NO column is empty throughout is silent: leaving NO blank is a layout choice, not a
wrong statement, and the evaluator of the seed does not report it. Rows that lost their NO because they
are shifted are reported by `row-shifted`, not here.

Passing:  NO 1, 2, 3 | 1, 2 (new section) | 1, 2 | Program B | 1, 2 | 1, 1.1, 1.2, 2
Failing:  NO 1, 2, 4 -> "Nomor melompat dari 2 ke 4; seharusnya 3."
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

from ..config import Config
from ..model import Document, Finding, Indicator
from . import _doc
from .base import finding

ID = "numbering"
SEVERITY = "warning"
SUMMARY = "Penomoran kolom NO: nomor kosong, melompat, ganda, atau tidak berurutan"
SUMMARY_EN = "NO column numbering: numbers missing, skipped, repeated or out of order"

_NUM = re.compile(r"^(\d{1,4}(?:\.\d{1,4})*)\s*[.)]?$")


def _number(ind: Indicator) -> tuple[int, ...] | str | None:
    """The row's NO as a tuple (`1.2` -> (1, 2)); "label" for roman numerals, letters or other text;
    None when blank."""
    cell = ind.no
    if cell is None or cell.value is None:
        return None
    v = cell.value
    if isinstance(v, bool):
        return "label"
    if isinstance(v, int):
        return (v,) if v >= 0 else "label"
    if isinstance(v, float):
        if v.is_integer():
            return (int(v),)
        v = repr(v)  # 1.1 typed into an English-locale Excel arrives as a float
    s = str(v).strip()
    if not s:
        return None
    m = _NUM.match(s)
    if not m:
        return "label"
    return tuple(int(p) for p in m.group(1).split("."))


def _fmt(t: tuple[int, ...]) -> str:
    return ".".join(str(p) for p in t)


def _successors(p: tuple[int, ...]) -> set[tuple[int, ...]]:
    out = {p + (1,)}
    for k in range(len(p)):
        out.add(p[:k] + (p[k] + 1,))
    return out


def _follows(p: tuple[int, ...], t: tuple[int, ...]) -> bool:
    """t may come right after p: the next number at some depth, a first child, or (hierarchical numbering
    that names its parent in an earlier section: 1.3 -> 2.1, 1.1.2 -> 2.1.1) the first child of a later
    parent."""
    if t in _successors(p):
        return True
    return len(t) == len(p) > 1 and t[-1] == 1 and t[:-1] > p[:-1]


def _coord(doc: Document, ind: Indicator) -> str | None:
    if ind.no is not None:
        return ind.no.coord
    return _doc.row_coord(_doc.table_of(doc, ind), ind, "no")


def _counts_up(rows: list[Indicator]) -> bool:
    """The common table, read cheaply: every row the rule judges is numbered, each whole number one more than
    the number before it (section labels between them allowed), so nothing is missing, skipped, repeated or
    out of order. False sends the table the full way."""
    prev: int | None = None
    for ind in rows:
        if ind.parent is not None:
            continue  # a sub-item carries its parent's number
        v = ind.no.value if ind.no is not None else None
        if v.__class__ is str and v.isdecimal():  # (what _number reads in a plain "12")
            t: tuple[int, ...] | str | None = (int(v),) if len(v) <= 4 else "label"
        else:
            t = _number(ind)
        if t is None:
            if ind.shift:
                continue  # shifted and without a number: left to row-shifted
            return False  # a row without a number
        if not isinstance(t, tuple):
            continue  # a section label
        if len(t) != 1 or (prev is not None and t[0] != prev + 1):
            return False
        prev = t[0]
    return True


def _check_table(doc: Document, rows: list[Indicator]) -> Iterator[Finding]:
    rule = sys.modules[__name__]
    table = _doc.table_of(doc, rows[0])
    if table is None or "no" not in table.columns or _counts_up(rows):
        return
    indicator_rows = {ind.row for ind in rows}
    # shifted rows: row-shifted says it; the items of a numbered parent ("1 | ... perkara:" then "- Perdata",
    # "- Pidana") carry its number
    # (a row shifted right keeps its number one column over: it still counts in the sequence)
    rows = [ind for ind in rows if ind.parent is None and (ind.shift == 0 or _number(ind) is not None)]
    numbers = {id(ind): _number(ind) for ind in rows}
    numbered = [ind for ind in rows if numbers[id(ind)] is not None]
    if not numbered:
        return
    # Per-sasaran numbering leaves the rows under a sasaran blank; per-indicator numbering numbers them too.
    per_indicator = any(ind.sasaran_carried for ind in numbered)
    missing = [ind for ind in rows if numbers[id(ind)] is None and (per_indicator or not ind.sasaran_carried)]
    if len(missing) > len(numbered):
        total = len(missing) + len(numbered)
        yield finding(
            rule,
            sheet=table.sheet,
            row=table.header_rows[0] if table.header_rows else None,
            coord=_doc.header_coord(table, "no"),
            message_id=(
                f"Kolom NO hanya terisi pada {len(numbered)} dari {total} baris indikator; "
                f"mohon lengkapi atau kosongkan seluruhnya."
            ),
            message_en=(
                f"The NO column is filled on only {len(numbered)} of {total} indicator rows; "
                f"please complete it or leave it empty throughout."
            ),
            found=f"{len(numbered)} dari {total} baris bernomor",
        )
    else:
        for ind in missing:
            yield finding(
                rule,
                sheet=ind.sheet,
                row=ind.row,
                coord=_coord(doc, ind),
                indicator=ind,
                message_id="Nomor (NO) baris ini kosong, padahal baris lain di tabel ini bernomor.",
                message_en="This row has no number (NO), while the other rows of the table are numbered.",
                found="(kosong)",
            )
    yield from _sequence(doc, rows, numbers, {id(ind) for ind in missing}, indicator_rows)


def _sequence(
    doc: Document, rows: list[Indicator], numbers: dict, missing: set[int], indicator_rows: set[int]
) -> Iterator[Finding]:
    rule = sys.modules[__name__]
    prev: tuple[int, ...] | None = None
    last_row: int | None = None
    level = rows[0].level
    seen: dict[tuple[int, ...], int] = {}
    skipped = 0  # rows without a number since prev: 1, (blank), 3 is one missing number, not also a gap
    new_section = False
    for ind in rows:
        t = numbers[id(ind)]
        new_section = new_section or ind.level != level
        # A heading between two indicator rows (a section row, a program's name) opens a new list.
        if last_row is not None and any(r not in indicator_rows for r in range(last_row + 1, ind.row)):
            new_section = True
        last_row = ind.row
        level = ind.level
        if id(ind) in missing:
            skipped += 1
            continue
        if not isinstance(t, tuple):
            new_section = new_section or t == "label"  # "II", "B.": a section label opens a new list
            continue
        ok = prev is None or _follows(prev, t)
        if not ok and prev is not None and skipped and len(t) == len(prev) and t[:-1] == prev[:-1]:
            ok = prev[-1] < t[-1] <= prev[-1] + 1 + skipped
        restart = not ok and new_section and t[-1] == 1
        if restart:
            seen = {}
        elif not ok and prev is not None:  # (prev is None: ok)
            expected = prev[:-1] + (prev[-1] + 1,)
            if t in seen:
                mid = f"Nomor {_fmt(t)} sudah dipakai pada baris {seen[t]}; seharusnya {_fmt(expected)}."
                men = f"Number {_fmt(t)} is already used on row {seen[t]}; it should be {_fmt(expected)}."
            elif t > expected:
                mid = f"Nomor melompat dari {_fmt(prev)} ke {_fmt(t)}; seharusnya {_fmt(expected)}."
                men = f"The numbering jumps from {_fmt(prev)} to {_fmt(t)}; it should be {_fmt(expected)}."
            else:
                mid = f"Nomor {_fmt(t)} tidak berurutan setelah nomor {_fmt(prev)}; seharusnya {_fmt(expected)}."
                men = f"Number {_fmt(t)} is out of order after {_fmt(prev)}; it should be {_fmt(expected)}."
            yield finding(
                rule,
                cell=ind.no,
                indicator=ind,
                message_id=mid,
                message_en=men,
                found=_fmt(t),
                expected=_fmt(expected),
            )
        seen.setdefault(t, ind.row)
        prev = t
        skipped = 0
        new_section = False


def check(doc: Document, config: Config) -> Iterator[Finding]:
    by_table: dict[int, list[Indicator]] = {}
    for ind in doc.indicators:
        by_table.setdefault(ind.table, []).append(ind)
    for rows in by_table.values():
        yield from _check_table(doc, rows)
