"""The Renstra columns of the Renja evaluation form: realisasi up to this year, and its tingkat capaian.

On the Permendagri 86/2017 form, "Realisasi kinerja Renstra s/d tahun berjalan" (14 = 7 + 13) is the realisasi
up to last year plus the year's realisasi (for counts; percentages and indices are not cumulative and are left
alone), and "Tingkat capaian Renstra (%)" (15 = 14/6 x 100) is that realisasi against the Renstra target.

Passing:  | s/d tahun lalu 12 | tahun ini 3 | s/d tahun ini 15 |
Failing:  | s/d tahun lalu 12 | tahun ini 3 | s/d tahun ini 14 | ->
          "Realisasi Renstra s/d tahun ini tercatat 14, seharusnya 15 (s/d tahun lalu 12 + tahun ini 3)."
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

from ..config import Config
from ..measure import is_rate
from ..model import Document, Finding
from ..values import parse
from . import _indikator as h
from .base import finding

ID = "renstra-kumulatif"
SEVERITY = "warning"
SUMMARY = "Realisasi Renstra s/d tahun ini (tahun lalu + tahun ini) atau tingkat capaian Renstra yang tidak sesuai"
SUMMARY_EN = "Renstra realisasi up to this year (last year's + this year's) or Renstra capaian that does not add up"


def form_terms(table, col: int) -> tuple[str, list[int]] | None:
    """The arithmetic the form writes over a column ("10=(5+7+9)" -> ("+", [cols of 5, 7, 9]);
    "15 = 14/6 x 100" -> ("/", [cols of 14, 6])), or None when it writes none or names unknown columns."""
    label = table.numbers.get(col, "")
    if "=" not in label:
        return None
    expr = label.split("=", 1)[1].replace(" ", "").strip("()")
    expr = re.sub(r"[x×*]100$", "", expr).strip("()")
    by_number: dict[int, int] = {}
    for c, text in table.numbers.items():
        m = re.match(r"^\(?(\d{1,2})", text)
        if m:
            by_number.setdefault(int(m.group(1)), c)
    for op in ("+", "/"):
        parts = expr.replace("(", "").replace(")", "").split(op)
        if len(parts) >= 2 and all(p.isdigit() and int(p) in by_number for p in parts):
            if op == "/" and len(parts) != 2:
                return None
            return op, [by_number[int(p)] for p in parts]
    return None


def _value(ind, col: int):
    cell = ind.numbered.get(col) or next((c for c in ind.cells.values() if c.col == col), None)
    return None if cell is None else parse(cell.value, cell.number_format, "realisasi").number


def check(doc: Document, config: Config) -> Iterator[Finding]:
    yield from _cumulative(doc, config)
    yield from _renstra_capaian(doc, config)


def _renstra_capaian(doc: Document, config: Config) -> Iterator[Finding]:
    from ..scales import same_at_precision

    me = sys.modules[__name__]
    for k in h.table_rows(doc, config, "capaian_renstra"):
        ind = doc.indicators[k]
        cells = [ind.cells.get(role) for role in ("realisasi_renstra", "target_renstra", "capaian_renstra")]
        if cells[2] is not None:
            terms = form_terms(doc.tables[ind.table], cells[2].col)
            if terms is not None and terms[0] == "/":
                # the form's own division ("11=(10/4)", "15 = 14/6 x 100")
                found = [ind.numbered.get(col) or next((c for c in ind.cells.values() if c.col == col), None)
                         for col in terms[1]]
                cells = [found[0], found[1], cells[2]]
        r_cell, t_cell, c_cell = cells
        if r_cell is None or t_cell is None or c_cell is None:
            continue
        r, t, c = (parse(x.value, x.number_format, role)
                   for x, role in ((r_cell, "realisasi"), (t_cell, "target"), (c_cell, "capaian")))
        if r.number is None or not t.number or c.number is None:
            continue
        want = r.number / t.number * 100
        if same_at_precision(c, want, config.tolerance):
            continue
        yield finding(
            me,
            cell=c_cell,
            indicator=ind,
            message_id=(f"Tingkat capaian Renstra tercatat {c_cell.text}, seharusnya {h.pct(want)} (realisasi "
                        f"s/d tahun ini {h.num(r.number)} ÷ target Renstra {h.num(t.number)} × 100)."),
            message_en=(f"Renstra capaian recorded as {c_cell.text}, should be {h.pct_en(want)} (realisasi up to "
                        f"this year {h.num_en(r.number)} ÷ Renstra target {h.num_en(t.number)} × 100)."),
            found=c_cell.text,
            expected=h.pct(want),
        )


def _cumulative(doc: Document, config: Config) -> Iterator[Finding]:
    me = sys.modules[__name__]
    for k in h.table_rows(doc, config, "realisasi_renstra"):
        ind = doc.indicators[k]
        lalu, upto = ind.cells.get("realisasi_lalu"), ind.cells.get("realisasi_renstra")
        year = h.number_of(ind.realisasi)
        if upto is None or is_rate(ind):
            continue
        b = parse(upto.value, upto.number_format, "realisasi").number
        terms = form_terms(doc.tables[ind.table], upto.col)
        if terms is not None and terms[0] == "+":
            # the form's own sum ("10=(5+7+9)": up to last year + this year + next year's target)
            values = [_value(ind, c) for c in terms[1]]
            if b is None or any(v is None for v in values):
                continue
            want = sum(values)
            parts_id = " + ".join(h.num(v) for v in values)
            parts_en = " + ".join(h.num_en(v) for v in values)
            if abs(want - b) <= 1e-6 * max(1.0, abs(b)):
                continue
            yield finding(me, cell=upto, indicator=ind,
                          message_id=(f"Realisasi Renstra s/d tahun ini tercatat {h.num(b)}, seharusnya {h.num(want)} "
                                      f"({doc.tables[ind.table].numbers[upto.col]}: {parts_id})."),
                          message_en=(f"Renstra realisasi up to this year recorded as {h.num_en(b)}, should be "
                                      f"{h.num_en(want)} ({doc.tables[ind.table].numbers[upto.col]}: {parts_en})."),
                          found=h.num(b), expected=h.num(want))
            continue
        if lalu is None or year is None:
            continue
        a = parse(lalu.value, lalu.number_format, "realisasi").number
        if a is None or b is None or abs(a + year - b) <= 1e-6 * max(1.0, abs(b)):
            continue
        yield finding(
            me,
            cell=upto,
            indicator=ind,
            message_id=(f"Realisasi Renstra s/d tahun ini tercatat {h.num(b)}, seharusnya {h.num(a + year)} "
                        f"(s/d tahun lalu {h.num(a)} + tahun ini {h.num(year)})."),
            message_en=(f"Renstra realisasi up to this year recorded as {h.num_en(b)}, should be "
                        f"{h.num_en(a + year)} (up to last year {h.num_en(a)} + this year {h.num_en(year)})."),
            found=h.num(b),
            expected=h.num(a + year),
        )
