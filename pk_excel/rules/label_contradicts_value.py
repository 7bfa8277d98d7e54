"""A label typed beside a value that contradicts the value on its own scale.

Judged only where the scale is known: IKM/SKM indicators (name says "kepuasan masyarakat", IKM or SKM) on
PermenPANRB 14/2017 (`82,71 (Sangat Baik)` is Baik; letter labels `(B)` too), SAKIP indicators (SAKIP,
"akuntabilitas kinerja") on the SAKIP grades (`75 (A)`: 70–80 is BB), and the capaian predicate (a PREDIKAT
column, or a predicate label beside the capaian) on the configured predicate scale. Other indicators'
labels are never judged.

Passing:  | Indeks Kepuasan Masyarakat | 85,00 (Baik) | 82, 71 (Baik) | 97,31% |
Failing:  | Indeks Kepuasan Masyarakat | 85,00 (Baik) | 82,71 (Sangat Baik) | ... | ->
          "Nilai 82,71 berlabel "Sangat Baik", padahal pada skala IKM (PermenPANRB 14/2017) nilai itu
          B (Baik)."
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from functools import lru_cache

from ..config import Config
from ..model import Cell, Document, Finding, Indicator, Value
from ..scales import ikm_category, predikat_of, sakip_grade
from . import _indikator as h
from .base import finding

ID = "label-contradicts-value"
SEVERITY = "error"
SUMMARY = "Label kualitatif (IKM, SAKIP, predikat) tidak sesuai dengan nilainya"
SUMMARY_EN = "A qualitative label (IKM, SAKIP, predikat) contradicts its value"

_PREFIX = re.compile(r"^(?:(?:predikat|kategori|mutu(?: pelayanan)?|nilai|kinerja)\b[\s:.=-]*)+")
_SAKIP_CODES = ("AA", "A", "BB", "B", "CC", "C", "D")
_IKM_NAMES = {"sangat baik": "A", "baik": "B", "kurang baik": "C", "tidak baik": "D"}


@lru_cache(maxsize=4096)
def _label(text: str | None) -> str:
    return _PREFIX.sub("", h.norm(text).strip(" .()[]")).strip()


def _ikm_contradiction(v: Value) -> tuple[str, str, str] | None:
    """(label as typed, expected letter, expected name) when the label does not fit the number."""
    if v.number is None or not v.label:
        return None
    lab = _label(v.label)
    if lab.upper() in ("A", "B", "C", "D"):
        code = lab.upper()
    elif lab in _IKM_NAMES:
        code = _IKM_NAMES[lab]
    else:
        return None
    letter, name = ikm_category(v.number)
    if code == letter:
        return None
    return v.label, letter, name


def _sakip_contradiction(v: Value) -> tuple[str, str] | None:
    if v.number is None or not v.label:
        return None
    lab = _label(v.label).upper()
    if lab not in _SAKIP_CODES:
        return None
    grade = sakip_grade(v.number)
    return None if grade == lab else (v.label, grade)


def _predikat_label(text: str | None, config: Config) -> str | None:
    lab = _label(text)
    for _, name in config.predikat:
        if lab == name.lower():
            return name
    return None


def _value_labels(doc: Document, ind: Indicator) -> Iterator[tuple[str, Finding]]:
    me = sys.modules[__name__]
    for role in ("target", "realisasi"):
        v: Value | None = getattr(ind, role)
        if v is None or v.kind not in h.NUMERIC_KINDS:
            continue
        bad, bad_grade = _ikm_contradiction(v), _sakip_contradiction(v)
        if bad is None and bad_grade is None:
            continue  # the label fits the value on both scales: the name need not be read
        ikm = h.is_ikm(ind)
        if not ikm and not h.is_sakip(ind):
            continue  # only IKM and SAKIP names carry a scale
        cell, coord = h.place(doc, ind, role)
        x = h.num(v.number) if v.number is not None else ""
        x_en = h.num_en(v.number) if v.number is not None else ""
        if ikm:
            if bad:
                lab, letter, name = bad
                yield (
                    role,
                    finding(
                        me,
                        message_id=(
                            f'Nilai {x} berlabel "{lab}", padahal pada skala IKM (PermenPANRB 14/2017) '
                            f"nilai itu {letter} ({name})."
                        ),
                        message_en=(
                            f'Value {x_en} is labelled "{lab}", but on the IKM scale (PermenPANRB 14/2017) '
                            f"it is {letter} ({name})."
                        ),
                        cell=cell,
                        coord=coord,
                        indicator=ind,
                        found=lab,
                        expected=f"{letter} ({name})",
                    ),
                )
        elif bad_grade:
            lab, grade = bad_grade
            yield (
                role,
                finding(
                    me,
                    message_id=(
                        f'Nilai {x} berpredikat "{lab}", padahal pada skala SAKIP (PermenPANRB 88/2021) '
                        f"nilai itu {grade}."
                    ),
                    message_en=(
                        f'Value {x_en} is graded "{lab}", but on the SAKIP scale (PermenPANRB 88/2021) '
                        f"it is {grade}."
                    ),
                    cell=cell,
                    coord=coord,
                    indicator=ind,
                    found=lab,
                    expected=grade,
                ),
            )


def _predikat(doc: Document, ind: Indicator, config: Config) -> Iterator[Finding]:
    me = sys.modules[__name__]
    x = h.typed_capaian(ind)
    if x is None:
        x = ind.capaian_hitung
    if x is None:
        return
    expected = predikat_of(x, config)
    candidates: list[tuple[Cell | None, str | None, str]] = []
    pcell = ind.cells.get("predikat")
    if pcell is not None and isinstance(pcell.value, str):
        candidates.append((pcell, pcell.coord, pcell.value))
    if ind.capaian is not None and ind.capaian.label:
        ccell, ccoord = h.place(doc, ind, "capaian")
        candidates.append((ccell, ccoord, ind.capaian.label))
    for cell, coord, text in candidates:
        typed = _predikat_label(text, config)
        if typed is None or typed == expected:
            continue
        yield finding(
            me,
            message_id=(
                f'Predikat "{text.strip()}" tidak sesuai dengan capaian {h.pct(x)}: seharusnya "{expected}".'
            ),
            message_en=(
                f'Predicate "{text.strip()}" does not fit capaian {h.pct_en(x)}: it should be "{expected}".'
            ),
            cell=cell,
            coord=coord,
            indicator=ind,
            found=text.strip(),
            expected=expected,
        )


def check(doc: Document, config: Config) -> Iterator[Finding]:
    # The columns pick the rows with a label to judge: a labelled number in the target or realisasi, a
    # labelled capaian, a PREDIKAT cell; each is judged below (the name is read only where a label does not
    # fit its value on the IKM or the SAKIP scale).
    t_label, t_kind, r_label, r_kind, c_label = h.columns(
        doc, config, "target_label", "target_kind", "realisasi_label", "realisasi_kind", "capaian_label")
    labelled = (((t_label != None) & h.has_kind(t_kind, *h.NUMERIC_KINDS))  # noqa: E711 - elementwise
                | ((r_label != None) & h.has_kind(r_kind, *h.NUMERIC_KINDS)))  # noqa: E711
    candidates = labelled | (c_label != None)  # noqa: E711
    candidates[h.table_rows(doc, config, "predikat")] = True
    for k in h.rows(candidates):
        ind = doc.indicators[k]
        if labelled[k]:
            for _, f in _value_labels(doc, ind):
                yield f
        if "predikat" in ind.cells or (ind.capaian is not None and ind.capaian.label):
            yield from _predikat(doc, ind, config)
