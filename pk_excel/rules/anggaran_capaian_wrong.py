"""The typed tingkat realisasi anggaran (%) against realisasi anggaran ÷ pagu × 100.

The Renja evaluation form (Permendagri 86/2017) splits each column group into K (kinerja) and Rp (anggaran);
its "Tingkat capaian kinerja dan realisasi anggaran (%)" has an Rp column too. The serapan anggaran is
realisasi anggaran ÷ anggaran (pagu) × 100 (domain.md, Budget); compared at the precision typed.

Passing:  | Rp target 10.000.000 | Rp realisasi 8.000.000 | Rp % 80 |
Failing:  | Rp target 10.000.000 | Rp realisasi 8.000.000 | Rp % 85 | ->
          "Tingkat realisasi anggaran tercatat 85, seharusnya 80,00% (realisasi anggaran Rp8.000.000 ÷
          anggaran Rp10.000.000 × 100)."
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from ..config import Config
from ..model import Document, Finding
from ..scales import same_at_precision
from ..value_notes import fmt_rupiah as _rp
from ..values import parse, parse_money
from . import _indikator as h
from .base import finding

ID = "anggaran-capaian-wrong"
SEVERITY = "error"
SUMMARY = "Tingkat realisasi anggaran (%) yang diketik berbeda dengan realisasi anggaran ÷ pagu × 100"
SUMMARY_EN = "Typed budget realisation rate (%) differs from realisasi anggaran ÷ pagu × 100"


def check(doc: Document, config: Config) -> Iterator[Finding]:
    me = sys.modules[__name__]
    for row in h.table_rows(doc, config, "target_rp", "realisasi_rp", "capaian_rp"):
        ind = doc.indicators[row]
        t_cell, r_cell, c_cell = (ind.cells.get(k) for k in ("target_rp", "realisasi_rp", "capaian_rp"))
        if t_cell is None or r_cell is None or c_cell is None:
            continue
        t = parse_money(t_cell.value, t_cell.number_format)
        r = parse_money(r_cell.value, r_cell.number_format)
        typed = parse(c_cell.value, c_cell.number_format, "capaian", True)
        if t is None or r is None or t.number in (None, 0) or r.number is None or typed.number is None:
            continue
        want = r.number / t.number * 100
        if same_at_precision(typed, want, config.tolerance):
            continue
        shown = c_cell.text
        yield finding(
            me,
            cell=c_cell,
            indicator=ind,
            message_id=(f"Tingkat realisasi anggaran tercatat {shown}, seharusnya {h.pct(want)} (realisasi anggaran "
                        f"{_rp(r.number)} ÷ anggaran {_rp(t.number)} × 100)."),
            message_en=(f"Budget realisation rate recorded as {shown}, should be {h.pct_en(want)} (realisasi "
                        f"anggaran {_rp(r.number)} ÷ anggaran {_rp(t.number)} × 100)."),
            found=shown,
            expected=h.pct(want),
        )
