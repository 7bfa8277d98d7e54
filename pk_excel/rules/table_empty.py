"""A table header (NO / SASARAN / INDIKATOR / TARGET / REALISASI ...) with no indicator row under it.

An empty table is usually a template not filled in yet, or rows the reader could not recognise (all
indicator names blank, values in the wrong columns); either way nothing in it was checked.

Passing:  a header followed by indicator rows
Failing:  a header followed by nothing (or only section rows) ->
          "Tabel ini tidak memiliki baris indikator; tidak ada yang dapat diperiksa."
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from ..config import Config
from ..model import Document, Finding
from . import _doc
from .base import finding

ID = "table-empty"
SEVERITY = "warning"
SUMMARY = "Tabel yang memiliki judul kolom tetapi tidak memiliki baris indikator"
SUMMARY_EN = "A table with a header but no indicator rows"


def check(doc: Document, config: Config) -> Iterator[Finding]:
    used = {ind.table for ind in doc.indicators}
    for i, table in enumerate(doc.tables):
        if i in used:
            continue
        yield finding(
            sys.modules[__name__],
            sheet=table.sheet,
            row=table.header_rows[0] if table.header_rows else None,
            coord=_doc.header_coord(table, "indikator", "sasaran", "no", "target"),
            message_id=(
                "Tabel ini tidak memiliki baris indikator; tidak ada yang dapat diperiksa. "
                "Mohon isi nama indikator dan nilainya di bawah judul kolom."
            ),
            message_en=(
                "This table has no indicator rows; nothing in it could be checked. "
                "Please fill in the indikator names and their values under the header."
            ),
        )
