"""An indicator row without a target (empty, `-`, N/A): nothing can be measured against it.

Passing:  | Nilai SAKIP | BB | N/A | N/A |
Failing:  | Jumlah SOP |  (empty) | 11 SOP | 100% | -> "Target belum diisi; capaian tidak dapat dihitung."
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from ..config import Config
from ..model import Document, Finding
from . import _indikator as h
from .base import finding

ID = "target-missing"
SEVERITY = "warning"
SUMMARY = "Target indikator belum diisi"
SUMMARY_EN = "Indicator without a target"


def check(doc: Document, config: Config) -> Iterator[Finding]:
    me = sys.modules[__name__]
    (kind,) = h.columns(doc, config, "target_kind")
    for k in h.rows(h.has_kind(kind, "missing", "empty")):
        ind = doc.indicators[k]
        t = ind.target
        if t is not None and not t.is_missing:
            continue
        if not h.has_column(doc, ind, "target"):
            continue
        # A row holding nothing but a number and a label (a section heading read as a row) is not judged.
        if not any(role in ind.cells for role in ("indikator", "realisasi", "capaian", "penjelasan")):
            continue
        cell, coord = h.place(doc, ind, "target")
        if cell is not None and cell.formula and cell.value is None:
            # a formula nobody computed (another sheet's cell): its value is unknown, not missing
            formula = h.formula_text(cell)
            yield finding(
                me,
                severity="info",
                message_id=(f"Target berupa rumus {formula} tanpa hasil tersimpan yang tidak dapat dihitung "
                            "pk-excel; buka dan simpan berkas di Excel agar nilainya terbaca."),
                message_en=(f"The target is a formula {formula} with no stored result that pk-excel cannot "
                            "compute; open and save the file in Excel so that its value can be read."),
                cell=cell, coord=coord, indicator=ind, found=formula, expected=None,
            )
            continue
        shown = h.shown(t, cell)
        written = "" if shown == "(kosong)" else f' (tertulis "{shown}")'
        written_en = "" if shown == "(kosong)" else f' (written "{shown}")'
        yield finding(
            me,
            message_id=f"Target belum diisi{written}; capaian tidak dapat dihitung.",
            message_en=f"No target given{written_en}; capaian cannot be computed.",
            cell=cell,
            coord=coord,
            indicator=ind,
            found=shown,
            expected="target diisi",
        )
