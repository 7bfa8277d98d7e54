"""An indicator without a realisasi yet (`N/A`, `-`, empty) and no capaian: "belum ada data", not zero.

Missing is not zero: the capaian is not computed and the indicator is left out of averages. This finding
only says so, so the evaluator sees which indicators are still open (and the penjelasan, if it gives a reason).
A capaian typed beside a missing realisasi is `capaian-without-realisasi`, not this rule.

Passing:  | Indeks Kepuasan Masyarakat | 85,00 | 82,71 | 97,31% |
Failing:  | Nilai SAKIP | BB | N/A | N/A | Belum ada nilai LHE dari Inspektorat | ->
          "Realisasi belum ada ("N/A"): capaian tidak dihitung, status belum ada data. Alasan tercatat: ..."
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from ..config import Config
from ..model import Document, Finding
from . import _indikator as h
from .base import finding

ID = "no-data"
SEVERITY = "info"
SUMMARY = "Realisasi belum ada data: capaian tidak dihitung (bukan nol)"
SUMMARY_EN = "Realisasi not available yet: capaian not computed (not zero)"


def check(doc: Document, config: Config) -> Iterator[Finding]:
    import numpy as np

    me = sys.modules[__name__]
    status, typed = h.columns(doc, config, "status", "typed")
    for k in h.rows((status == "belum ada data") & np.isnan(typed)):
        ind = doc.indicators[k]
        if ind.status != "belum ada data" or (ind.capaian is not None and ind.capaian.number is not None):
            continue
        cell = ind.cells.get("realisasi") or ind.cells.get("capaian") or ind.cells.get("indikator")
        written = cell.text if cell is not None and ind.cells.get("realisasi") is cell else ""
        shown = f'"{written}"' if written else "kosong"
        shown_en = f'"{written}"' if written else "empty"
        reason = ind.cells.get("penjelasan") or ind.cells.get("keterangan")
        why_id = f" Alasan tercatat: {reason.text}" if reason is not None and reason.text.strip() else ""
        why_en = f" Reason given: {reason.text}" if reason is not None and reason.text.strip() else ""
        yield finding(
            me,
            message_id=f"Realisasi belum ada ({shown}): capaian tidak dihitung, status belum ada data.{why_id}",
            message_en=f"No realisasi yet ({shown_en}): capaian not computed, status no data yet.{why_en}",
            cell=cell,
            indicator=ind,
            found=written or None,
            expected=None,
        )
