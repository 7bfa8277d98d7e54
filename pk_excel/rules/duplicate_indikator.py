"""The same indikator twice in one table at the same level with different target or realisasi.

Names are compared with case, punctuation and spacing ignored. The same indikator at different levels
(cascading from Sasaran Program to Sasaran Kegiatan) is normal, and so is a repeat with the same numbers;
both are silent. The finding sits on the later row's indikator cell and names the earlier row.

Passing:  "Jumlah SOP" 11 / 11 (Program) and "Jumlah SOP" 11 / 11 (Kegiatan)
Failing:  "Jumlah SOP" 11 / 11 and "jumlah  SOP." 12 / 10, both under Sasaran Kegiatan ->
          "Indikator ini sudah ada pada baris 14 (target 11, realisasi 11) dengan angka berbeda ..."
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from ..config import Config
from ..model import Document, Finding, Indicator
from . import _doc
from .base import anchor, finding

ID = "duplicate-indikator"
SEVERITY = "warning"
SUMMARY = "Indikator yang sama muncul dua kali pada tingkat yang sama dengan angka berbeda"
SUMMARY_EN = "The same indikator twice at the same level with different numbers"


def check(doc: Document, config: Config) -> Iterator[Finding]:
    rule = sys.modules[__name__]
    first: dict[tuple, Indicator] = {}
    names: dict[str | None, str] = {}  # each distinct name normalised once (a large table overflows the cache)
    for ind in doc.indicators:
        name = names.get(ind.indikator)
        if name is None:
            name = names[ind.indikator] = _doc.norm_name.__wrapped__(ind.indikator)
        if not name:
            continue
        key = (ind.table, ind.level, name)
        earlier = first.get(key)
        if earlier is None:
            first[key] = ind
            continue
        same = _doc.value_key(earlier.target) == _doc.value_key(ind.target) and _doc.value_key(
            earlier.realisasi
        ) == _doc.value_key(ind.realisasi)
        if same:
            continue
        before = f"target {_doc.shown(earlier.target)}, realisasi {_doc.shown(earlier.realisasi)}"
        here = f"target {_doc.shown(ind.target)}, realisasi {_doc.shown(ind.realisasi)}"
        yield finding(
            rule,
            cell=anchor(ind, "indikator", "sasaran"),
            indicator=ind,
            message_id=(
                f"Indikator ini sudah ada pada baris {earlier.row} ({before}) dengan angka berbeda "
                f"({here}) pada tingkat yang sama. Mohon pastikan angka yang benar, atau bedakan nama indikatornya."
            ),
            message_en=(
                f"This indikator already appears on row {earlier.row} ({before}) with different numbers "
                f"({here}) at the same level. Please confirm which numbers are right, or name the indikators "
                f"apart."
            ),
            found=here,
            expected=before,
        )
