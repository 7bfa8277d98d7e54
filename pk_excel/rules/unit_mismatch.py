"""Target and realisasi written in different units (`6 unit` vs `6 orang`, `100%` vs `11 SOP`).

Case, spacing, a final period and simple plurals are ignored (`Unit`/`unit`, `dokumen`/`dokumen-dokumen`);
a value without a unit beside one with a unit is not judged (a percent column may hold plain numbers).

Passing:  | Jumlah sarana | 6 unit | 6 Unit | 100% |
Failing:  | Jumlah sarana | 6 unit | 6 orang | 100% | ->
          "Satuan realisasi (orang) berbeda dengan satuan target (unit). ..."
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

from ..config import Config
from ..model import Document, Finding, Value
from . import _indikator as h
from .base import finding

ID = "unit-mismatch"
SEVERITY = "warning"
SUMMARY = "Satuan target dan realisasi berbeda"
SUMMARY_EN = "Target and realisasi in different units"

_PERCENT = {"%", "persen", "prosen", "percent"}


def unit_key(v: Value | None) -> str | None:
    """A unit for comparison, or None when the value carries none."""
    if v is None or v.is_missing or v.number is None:
        return None
    if v.kind == "percent":
        return "%"
    return unit_words(v.unit) if v.unit else None


def unit_words(unit: str) -> str | None:
    """A unit written for comparison (`unit_key` of a value with this unit)."""
    words = []
    for w in re.sub(r"[^\w%\s-]", " ", unit.lower()).split():
        m = re.fullmatch(r"(\w+)-\1", w)  # Indonesian reduplication: dokumen-dokumen
        w = m.group(1) if m else w
        if len(w) > 3 and w.endswith("s") and not w.endswith("ss") and w not in ("kasus", "paket"):
            w = w[:-1]  # English plural: units, documents
        words.append(w)
    key = " ".join(words)
    return "%" if key in _PERCENT else key or None


def check(doc: Document, config: Config) -> Iterator[Finding]:
    import numpy as np

    me = sys.modules[__name__]
    # The columns pick the rows whose target and realisasi units (each distinct unit read once) differ; each
    # is judged below.
    keys = []
    for role in ("target", "realisasi"):
        kind, unit = h.columns(doc, config, f"{role}_kind", f"{role}_unit")
        keys.append(np.where(kind == "percent", "%", h.map_distinct(unit, unit_words)))
    differ = (keys[0] != None) & (keys[1] != None) & (keys[0] != keys[1])  # noqa: E711 - elementwise
    for k in h.rows(differ):
        ind = doc.indicators[k]
        ut, ur = unit_key(ind.target), unit_key(ind.realisasi)
        if ut is None or ur is None or ut == ur:
            continue
        shown_t = "%" if ut == "%" else ((ind.target.unit if ind.target else None) or ut)
        shown_r = "%" if ur == "%" else ((ind.realisasi.unit if ind.realisasi else None) or ur)
        cell, coord = h.place(doc, ind, "realisasi")
        yield finding(
            me,
            message_id=(
                f"Satuan realisasi ({shown_r}) berbeda dengan satuan target ({shown_t}): "
                f"target {h.shown(ind.target)}, realisasi {h.shown(ind.realisasi)}. "
                "Capaian hanya bermakna bila keduanya bersatuan sama."
            ),
            message_en=(
                f"Realisasi unit ({shown_r}) differs from the target unit ({shown_t}): "
                f"target {h.shown_en(ind.target)}, realisasi {h.shown_en(ind.realisasi)}. "
                "Capaian is meaningful only when both share a unit."
            ),
            cell=cell,
            coord=coord,
            indicator=ind,
            found=shown_r,
            expected=shown_t,
        )
