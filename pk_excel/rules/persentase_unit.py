"""A "Persentase ..." indicator (Persentase/Prosentase/Presentase, or "%" in its name) measured in a count.

A percentage needs a percent target; `65 usulan` is a count, so either the name or the unit is wrong.
One finding per row: on the target cell, else the realisasi cell, else the SATUAN cell.

Passing:  | Persentase layanan yang memiliki SOP | 100% | 100% | 100% |
Failing:  | Persentase usulan masyarakat yang diakomodir | 65 usulan | 38 usulan | 58,46% | ->
          "Indikator persentase, tetapi target ditulis dalam satuan "usulan" (65 usulan). ..."
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

from ..config import Config
from ..model import Document, Finding
from . import _indikator as h
from .base import finding

ID = "persentase-unit"
SEVERITY = "warning"
SUMMARY = "Indikator persentase yang diukur dengan satuan hitungan (mis. usulan, unit)"
SUMMARY_EN = "A percentage indicator measured in a count unit"

_NOT_COUNT = re.compile(r"%|persen|prosen|percent|rasio|indeks|nilai|poin|skor")


def check(doc: Document, config: Config) -> Iterator[Finding]:
    import numpy as np

    me = sys.modules[__name__]
    # The columns pick the rows with a number in a unit that is not a percentage (or a satuan column); the
    # name is read for those.
    counted = np.zeros(len(doc.indicators), dtype=bool)
    for role in ("target", "realisasi"):
        kind, unit = h.columns(doc, config, f"{role}_kind", f"{role}_unit")
        counted |= (kind == "number") & h.each_distinct(unit, lambda u: not _NOT_COUNT.search(u.lower()))
    counted[h.table_rows(doc, config, "satuan")] = True
    for k in h.rows(counted):
        ind = doc.indicators[k]
        if not h.is_persentase(ind.indikator):
            continue
        hit = None
        for role in ("target", "realisasi"):
            v = getattr(ind, role)
            if v is not None and v.kind == "number" and v.unit and not _NOT_COUNT.search(v.unit.lower()):
                hit = (role, v.unit, h.shown(v))
                break
        if hit is None:
            sat = ind.cells.get("satuan")
            text = h.norm(sat.value if sat is not None and isinstance(sat.value, str) else None)
            if text and sat is not None and not _NOT_COUNT.search(text):
                hit = ("satuan", sat.value.strip(), sat.value.strip())
        if hit is None:
            continue
        role, unit, shown = hit
        cell, coord = h.place(doc, ind, role)
        where = {"target": "target", "realisasi": "realisasi", "satuan": "satuan"}[role]
        yield finding(
            me,
            message_id=(
                f'Indikator persentase, tetapi {where} ditulis dalam satuan "{unit}" ({shown}). '
                "Mohon tulis target dan realisasi dalam persen, atau ubah nama indikator."
            ),
            message_en=(
                f'A percentage indicator, but its {where} is in "{unit}" ({shown}). '
                "Please give target and realisasi in percent, or rename the indicator."
            ),
            cell=cell,
            coord=coord,
            indicator=ind,
            found=shown,
            expected="%",
        )
