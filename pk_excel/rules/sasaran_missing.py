"""An indicator row with no sasaran at all, in a table that has a SASARAN column.

A sasaran written once above several indicator rows (blank or merged cells under it) is carried down by
the reader and does not fire; only a row with no sasaran above it in its section does. A table whose
SASARAN column is empty on every row is silent (its sasaran are named elsewhere).

Passing:  | Meningkatnya kepuasan masyarakat | Indeks Kepuasan Masyarakat | ... |  and the blank-sasaran
          rows under it
Failing:  the first row after "Sasaran Program" with an empty SASARAN cell ->
          "Indikator ini tidak memiliki sasaran. Mohon isi sasaran yang diukur indikator ini."
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from ..config import Config
from ..model import Document, Finding
from . import _doc
from .base import finding

ID = "sasaran-missing"
SEVERITY = "warning"
SUMMARY = "Indikator tanpa sasaran"
SUMMARY_EN = "Indicator rows with no sasaran"


def check(doc: Document, config: Config) -> Iterator[Finding]:
    # A table whose SASARAN column is empty throughout names its sasaran elsewhere (in the section rows,
    # in a Renstra sheet): only a table that fills the column is held to it.
    filled = [bool((ind.sasaran or "").strip()) for ind in doc.indicators]
    fills = {ind.table for ind, has in zip(doc.indicators, filled, strict=True) if has}
    for ind in (ind for ind, has in zip(doc.indicators, filled, strict=True) if not has):
        table = _doc.table_of(doc, ind)
        if (
            table is None
            or "sasaran" not in table.columns
            or ind.table not in fills
            or (ind.sasaran or "").strip()
        ):
            continue
        yield finding(
            sys.modules[__name__],
            sheet=ind.sheet,
            row=ind.row,
            coord=_doc.row_coord(table, ind, "sasaran"),
            indicator=ind,
            message_id="Indikator ini tidak memiliki sasaran. Mohon isi sasaran yang diukur indikator ini.",
            message_en="This indikator has no sasaran. Please fill in the sasaran it measures.",
            found="(kosong)",
        )
