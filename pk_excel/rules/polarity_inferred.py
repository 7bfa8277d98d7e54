"""Polarity decided by inference, not declared: by the lexicon of indicator names, or by the typed capaian
fitting only one formula. An info saying which source decided, so the author can declare it instead.

Passing:  | Angka kematian ibu | 100 | 90 | 110% | Negatif |   (declared in a POLARITAS column)
Info:     | Angka kematian ibu | 100 | 90 | 110% | ->
          "Polaritas negatif (makin kecil makin baik) ditentukan dari nama indikator (kata "kematian"). ..."
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from ..config import Config
from ..model import Document, Finding
from . import _indikator as h
from .base import finding

ID = "polarity-inferred"
SEVERITY = "info"
SUMMARY = "Polaritas indikator disimpulkan dari nama indikator atau dari capaian yang diketik"
SUMMARY_EN = "Indicator polarity inferred from its name or from the typed capaian"

_POL = {
    "positif": ("positif (makin besar makin baik)", "positive (higher is better)"),
    "negatif": ("negatif (makin kecil makin baik)", "negative (lower is better)"),
}


def _word(name: str) -> str | None:
    from ..polarity import NEGATIVE_LEXICON, POSITIVE_OVERRIDES

    low = name.lower()
    found = [w for w in NEGATIVE_LEXICON + POSITIVE_OVERRIDES if w in low]
    return max(found, key=len) if found else None


def check(doc: Document, config: Config) -> Iterator[Finding]:
    import numpy as np

    me = sys.modules[__name__]
    source, polarity = h.columns(doc, config, "polaritas_source", "polaritas")
    for k in h.rows(np.isin(source, ("leksikon", "capaian")) & np.isin(polarity, tuple(_POL))):
        ind = doc.indicators[k]
        if ind.polaritas_source not in ("leksikon", "capaian") or ind.polaritas not in _POL:
            continue
        if h.looks_inverted(ind, config):
            continue  # polarity-inverted asks instead
        pol, pol_en = _POL[ind.polaritas]
        if ind.polaritas_source == "leksikon":
            word = _word(ind.indikator)
            src = f'nama indikator (kata "{word}")' if word else "nama indikator"
            src_en = f'the indicator name (the word "{word}")' if word else "the indicator name"
        else:
            typed = h.value_text(ind.capaian, ind.cells.get("capaian"))
            typed_en = h.value_text_en(ind.capaian, ind.cells.get("capaian"))
            src = f"capaian tercatat {typed}, yang hanya sesuai dengan rumus polaritas negatif"
            src_en = f"the recorded capaian {typed_en}, which fits only a lower-is-better formula"
        cell, coord = h.place(doc, ind, "capaian", "indikator")
        yield finding(
            me,
            message_id=(
                f"Polaritas {pol} ditentukan dari {src}. Bila keliru, nyatakan polaritas di kolom POLARITAS "
                "atau di pk-excel.toml."
            ),
            message_en=(
                f"Polarity {pol_en} was decided from {src_en}. If wrong, state it in a POLARITAS column or "
                "in pk-excel.toml."
            ),
            cell=cell,
            coord=coord,
            indicator=ind,
            found=ind.polaritas,
            expected=None,
        )
