"""A "Tercapai" / "Belum tercapai" / "Tidak tercapai" / "Melampaui target" statement contradicting our status.

Read in the KETERANGAN cell (any mention) and in the penjelasan (only phrases about the target: "target
tercapai", "belum/tidak tercapai", "melampaui target"). "Belum tercapai" contains "tercapai": the negative
phrase is matched first. Rows without a status (belum ada data, tidak dapat dihitung) are not judged.

Passing:  | ... | 100% | 100% | 100% | Tercapai |
Failing:  | ... | 85,00 | 82,71 | 97,31% | Tercapai | ->
          "Keterangan menyatakan "tercapai", padahal target tidak tercapai: realisasi 82,71 terhadap
          target 85 (capaian 97,31%)."
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

from ..config import Config
from ..model import Document, Finding, Indicator
from . import _indikator as h
from .base import finding

ID = "keterangan-contradicts"
SEVERITY = "error"
SUMMARY = "Keterangan tercapai/tidak tercapai yang bertentangan dengan hasil pengukuran"
SUMMARY_EN = "A met/not-met statement contradicting the measured status"

_NOT_MET = re.compile(
    r"\b(?:belum|tidak|tdk|blm)\s+(?:ter)?capai\b|\b(?:belum|tidak|tdk|blm)\s+(?:mencapai|memenuhi)\s+target\b"
)
_EXCEEDED = re.compile(r"\b(?:melampaui|melebihi|di\s*atas)\s+target\b")
_MET_ANY = re.compile(r"\btercapai\b|\bmencapai\s+target\b|\bmemenuhi\s+target\b|\bsesuai\s+target\b")
_MET_TARGET = re.compile(
    r"\btarget\s+(?:telah\s+|sudah\s+)?(?:tercapai|terpenuhi)\b|\b(?:telah|sudah)\s+(?:mencapai|memenuhi)\s+target\b"
)


# Every pattern above names "capai" (tercapai, mencapai) or "target".
_WORDS = ("capai", "target")


def _may_claim(text: str | None) -> bool:
    """Could `text` state a claim at all (one of `_WORDS` in it)? Most penjelasan texts cannot."""
    if not text:
        return False
    low = text.lower()
    return any(word in low for word in _WORDS)


def claim(text: str, strict: bool) -> tuple[str, str] | None:
    """(claim, phrase): claim "tidak tercapai" | "melampaui" | "tercapai"; `strict` for penjelasan text."""
    low = h.norm(text)
    m = _NOT_MET.search(low)
    if m:
        return "tidak tercapai", m.group(0)
    m = _EXCEEDED.search(low)
    if m:
        return "melampaui", m.group(0)
    m = (_MET_TARGET if strict else _MET_ANY).search(low)
    if m:
        return "tercapai", m.group(0)
    return None


def _facts(ind: Indicator) -> tuple[str, str]:
    t, r = ind.target, ind.realisasi
    c = f" (capaian {h.pct(ind.capaian_hitung)})" if ind.capaian_hitung is not None else ""
    c_en = f" (capaian {h.pct_en(ind.capaian_hitung)})" if ind.capaian_hitung is not None else ""
    return (
        f"realisasi {h.value_text(r)} terhadap target {h.value_text(t)}{c}",
        f"realisasi {h.value_text_en(r)} against target {h.value_text_en(t)}{c_en}",
    )


def check(doc: Document, config: Config) -> Iterator[Finding]:
    import numpy as np

    me = sys.modules[__name__]
    # The columns pick the rows with a status and a keterangan or penjelasan that names "capai" or "target"
    # (each distinct text looked at once); each is judged below.
    status, keterangan, penjelasan = h.columns(doc, config, "status", "keterangan_text", "penjelasan_text")
    said = h.each_distinct(keterangan, _may_claim) | h.each_distinct(penjelasan, _may_claim)
    for k in h.rows(np.isin(status, ("tercapai", "tidak tercapai")) & said):
        ind = doc.indicators[k]
        if ind.status not in ("tercapai", "tidak tercapai"):
            continue
        for role, strict in (("keterangan", False), ("penjelasan", True)):
            cell = ind.cells.get(role)
            if cell is None or not isinstance(cell.value, str):
                continue
            got = claim(cell.value, strict)
            if got is None:
                continue
            what, phrase = got
            exceeded = ind.capaian_hitung is not None and ind.capaian_hitung > 100 + 1e-9
            if what == "tercapai" and ind.status == "tercapai":
                continue
            if what == "tidak tercapai" and ind.status == "tidak tercapai":
                continue
            if what == "melampaui" and exceeded:
                continue
            if what == "melampaui" and ind.status == "tercapai" and ind.capaian_hitung is None:
                continue  # a grade met: no number to say it was exceeded or not
            if ind.status == "tercapai":
                truth = "tercapai" if not exceeded else "melampaui target"
                truth_en = "met" if not exceeded else "exceeded"
            else:
                truth, truth_en = "tidak tercapai", "not met"
            facts, facts_en = _facts(ind)
            label = "Keterangan" if role == "keterangan" else "Penjelasan"
            yield finding(
                me,
                message_id=f'{label} menyatakan "{phrase}", padahal target {truth}: {facts}.',
                message_en=f'The {role} says "{phrase}", but the target is {truth_en}: {facts_en}.',
                cell=cell,
                indicator=ind,
                found=phrase,
                expected=truth,
            )
            break
