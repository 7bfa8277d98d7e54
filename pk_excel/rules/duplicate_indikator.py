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
from collections import Counter
from collections.abc import Iterator

from ..config import Config
from ..model import Document, Finding, Indicator
from . import _doc
from .base import anchor, finding

ID = "duplicate-indikator"
SEVERITY = "warning"
SUMMARY = "Indikator yang sama muncul dua kali pada tingkat yang sama dengan angka berbeda"
SUMMARY_EN = "The same indikator twice at the same level with different numbers"


# The bytes an ASCII name for comparison drops: all but lower-case letters and digits (`_doc.norm_name`).
_NOT_ALNUM = bytes(b for b in range(128) if not (chr(b).isdigit() or chr(b).islower()))


def _loose(name: str | None) -> bytes:
    """`_doc.norm_name` without its spaces (as UTF-8): two names the rule compares as equal have the same."""
    if name is not None and name.isascii():
        return name.lower().encode("ascii").translate(None, _NOT_ALNUM)
    return _doc.norm_name.__wrapped__(name).replace(" ", "").encode()


def check(doc: Document, config: Config) -> Iterator[Finding]:
    rule = sys.modules[__name__]
    # Only a name that occurs twice at one level of one table can be a duplicate: rows whose loose name
    # (cheaper than the rule's own) is alone there are left out before the names are read.
    keys = [(ind.table, ind.level, _loose(ind.indikator)) for ind in doc.indicators]
    counts = Counter(keys)
    first: dict[tuple, Indicator] = {}
    names: dict[str | None, str] = {}  # each distinct name normalised once (a large table overflows the cache)
    for ind in (ind for ind, key in zip(doc.indicators, keys, strict=True) if counts[key] > 1):
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
