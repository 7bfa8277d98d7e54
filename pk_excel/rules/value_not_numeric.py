"""A target or realisasi that is not a number where the row is otherwise numeric: capaian cannot be checked.

A realisasi typed as words ("sesuai target", "lihat lampiran") beside a numeric target (or the other way
round) leaves the capaian unverifiable. Qualitative rows (both sides words, like "Terlaksana" /
"Terlaksana" with 100%), grades (BB, WTP), ranges and missing values (`-`, `N/A`) are not this rule's
business.

Passing:  | Jumlah dokumen | 4 dokumen | 4 dokumen | 100% |
Failing:  | Jumlah dokumen | 4 dokumen | lihat lampiran | 100% | ->
          "Realisasi "lihat lampiran" bukan angka, sehingga capaian 100% tidak dapat diperiksa. ..."
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from ..config import Config
from ..model import Document, Finding
from . import _indikator as h
from .base import finding

ID = "value-not-numeric"
SEVERITY = "warning"
SUMMARY = "Target atau realisasi berupa teks pada baris yang berisi angka, sehingga capaian tidak dapat diperiksa"
SUMMARY_EN = "Target or realisasi written as text in a numeric row, so capaian cannot be checked"

_NUMERIC = ("number", "percent", "money")
_ROLE_ID = {"target": "Target", "realisasi": "Realisasi"}


def check(doc: Document, config: Config) -> Iterator[Finding]:
    me = sys.modules[__name__]
    # The columns pick the rows with a text on one side and a number on the other.
    t_kind, r_kind = h.columns(doc, config, "target_kind", "realisasi_kind")
    t_text, r_text = t_kind == "text", r_kind == "text"
    numeric_t, numeric_r = h.has_kind(t_kind, *_NUMERIC), h.has_kind(r_kind, *_NUMERIC)
    for k in h.rows((t_text & numeric_r) | (r_text & numeric_t)):
        ind = doc.indicators[k]
        t, r, c = ind.target, ind.realisasi, ind.capaian
        if t is None or r is None:
            continue
        typed_capaian = c is not None and c.number is not None
        for role, v, other in (("target", t, r), ("realisasi", r, t)):
            if v.kind != "text":
                continue
            if other.kind not in _NUMERIC:
                continue  # a qualitative row (words on both sides), or the other side is missing too
            cell = ind.cells.get(role)
            written = cell.text if cell is not None else str(v.raw)
            if len(written) > 80:
                written = written[:79] + "…"
            cap_id = f" capaian {c.raw}" if typed_capaian and c is not None else " capaian"
            yield finding(
                me,
                message_id=(
                    f'{_ROLE_ID[role]} "{written}" bukan angka, sehingga{cap_id} tidak dapat diperiksa. '
                    f"Mohon tulis {role} sebagai angka (mis. 4 dokumen, 85,5%)."
                ),
                message_en=(
                    f'{_ROLE_ID[role]} "{written}" is not a number, so the capaian cannot be checked. '
                    f"Please write the {role} as a number (e.g. 4 dokumen, 85,5%)."
                ),
                cell=cell,
                indicator=ind,
                found=written,
                expected="angka",
            )
