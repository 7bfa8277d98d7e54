"""A program's (or kegiatan's) anggaran against the sum of the kegiatan (or sub kegiatan) under it.

On the Renja evaluation form (Permendagri 86/2017) a program line holds the anggaran of its kegiatan added up,
often as a SUM formula, and a kegiatan line that of its sub kegiatan. Each Rp column (target, realisasi per
year) is checked when the parent and all its children have a number, and the parent is a formula or has two
children or more (under a typed amount, one child shown may be one of several); a child with several
indicator rows counts once.

Passing:  | Program A | Rp 30.000.000 |  | Kegiatan A.1 | Rp 10.000.000 |  | Kegiatan A.2 | Rp 20.000.000 |
Failing:  | Program A | Rp 35.000.000 | (children 10.000.000 + 20.000.000) ->
          "Anggaran Program A tercatat Rp35.000.000, padahal jumlah anggaran kegiatan di bawahnya Rp30.000.000."
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from ..config import Config
from ..model import Document, Finding, Group
from ..value_notes import fmt_rupiah as _rp
from ..values import money_of
from .base import finding

ID = "anggaran-induk"
SEVERITY = "warning"
SUMMARY = "Anggaran program atau kegiatan yang berbeda dengan jumlah anggaran kegiatan di bawahnya"
SUMMARY_EN = "A program's or kegiatan's anggaran that differs from the sum of those under it"

_DEPTH = {"program": 1, "kegiatan": 2, "subkegiatan": 3}
_CHILD = {"program": "kegiatan", "kegiatan": "sub kegiatan"}
_CHILD_EN = {"program": "kegiatan", "kegiatan": "sub-kegiatan"}
_WHAT = {"target_rp": ("anggaran", "budget"), "realisasi_rp": ("realisasi anggaran", "budget realisation")}


def _amount(g: Group, key: str) -> float | None:
    return money_of(g.cells.get(key))


def check(doc: Document, config: Config) -> Iterator[Finding]:
    me = sys.modules[__name__]
    for table in doc.tables:
        groups = [g for g in table.groups if g.level in _DEPTH]
        for i, parent in enumerate(groups):
            depth = _DEPTH[parent.level]  # type: ignore[index]
            children: list[Group] = []
            for g in groups[i + 1:]:
                d = _DEPTH[g.level]  # type: ignore[index]
                if d <= depth:
                    break
                if d == depth + 1:
                    children.append(g)
            if not children:
                continue
            for key, (what_id, what_en) in _WHAT.items():
                if key in parent.cells and not parent.cells[key].formula and len(children) < 2:
                    continue  # one kegiatan shown under a typed amount: the form may list only some of them
                total = _amount(parent, key)
                parts = [_amount(c, key) for c in children]
                if total is None or any(p is None for p in parts):
                    continue
                want = sum(parts)  # type: ignore[arg-type]
                if abs(total - want) <= 0.5:
                    continue
                yield finding(
                    me,
                    cell=parent.cells[key],
                    message_id=(f"{what_id.capitalize()} {parent.name} tercatat {_rp(total)}, padahal jumlah "
                                f"{what_id} {_CHILD[parent.level]} di bawahnya {_rp(want)} "  # type: ignore[index]
                                f"({len(children)} {_CHILD[parent.level]})."),  # type: ignore[index]
                    message_en=(f"The {what_en} of {parent.name} is {_rp(total)}, while its "
                                f"{len(children)} {_CHILD_EN[parent.level]} add up to {_rp(want)}."),  # type: ignore[index]
                    found=_rp(total),
                    expected=_rp(want),
                )
