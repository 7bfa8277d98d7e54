"""Every assumption the value parser made while reading a target, realisasi, capaian or program anggaran.

One finding per note, on the cell, with the note's own severity (info for a reading that is almost surely
right, such as a space after the comma; warning for a real ambiguity, such as `1.5`).

Passing:  | Indeks Kepuasan Masyarakat | 85,00 | 82,71 | 97,31% |
Info:     | Indeks Kepuasan Masyarakat | 85,00 | 82, 71 | 97,31% | ->
          "Realisasi: "82, 71" dibaca 82,71 (ada spasi di dekat koma)."
Warning:  | ... | 1.5 | ... | -> "Target: "1.5" dibaca 1,5: titik dibaca sebagai desimal (gaya Inggris), ..."
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from ..config import Config
from ..model import Cell, Document, Finding, Indicator, Value
from . import _indikator as h
from .base import finding

ID = "value-format"
SEVERITY = "info"
SUMMARY = "Penulisan angka yang dibaca dengan asumsi (spasi, titik/koma desimal, rasio)"
SUMMARY_EN = "Values read with an assumption (spaces, decimal point or comma, ratios)"

_ROLES = (
    ("target", "Target", "Target"),
    ("realisasi", "Realisasi", "Realisasi"),
    ("capaian", "Capaian", "Capaian"),
)


def _notes(
    v: Value | None,
    cell: Cell | None,
    label: str,
    label_en: str,
    ind: Indicator | None,
    coord: str | None = None,
) -> Iterator[Finding]:
    if v is None or not v.notes or (cell is None and coord is None):
        return
    me = sys.modules[__name__]
    seen = set()
    for note in v.notes:
        if (note.code, note.message_id) in seen:
            continue
        seen.add((note.code, note.message_id))
        yield finding(
            me,
            message_id=f"{label}: {note.message_id.rstrip('.')}.",
            message_en=f"{label_en}: {note.message_en.rstrip('.')}.",
            cell=cell,
            indicator=ind,
            severity=note.severity,
            found=str(v.raw).strip() if v.raw is not None else None,
            expected=None,
        )


def check(doc: Document, config: Config) -> Iterator[Finding]:
    # The columns pick the rows where the parser noted an assumption in some value.
    notes = h.columns(doc, config, *(f"{role}_notes" for role, _, _ in _ROLES))
    for k in h.rows(notes[0] | notes[1] | notes[2]):
        ind = doc.indicators[k]
        for role, label, label_en in _ROLES:
            cell = ind.cells.get(role)
            if role == "capaian" and ind.formula_result is not None:
                continue  # our own reading of a formula result: formula-recomputed speaks for it
            yield from _notes(getattr(ind, role), cell, label, label_en, ind)
    for prog in doc.programs:
        if prog.anggaran_cell is not None:
            yield from _notes(
                prog.anggaran, prog.anggaran_cell, f"Anggaran {prog.name}", f"Anggaran {prog.name}", None
            )
