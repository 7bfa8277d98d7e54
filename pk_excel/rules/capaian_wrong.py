"""A typed capaian that differs from ours at the precision it was typed with.

Ours is realisasi ÷ target × 100 (positive polarity) or, for a lower-is-better indicator, either
(2 × target − realisasi) ÷ target × 100 or target ÷ realisasi × 100 (both are in use; either is accepted).
A capaian that fits only a lower-is-better formula on an indicator with no such sign is left to
`polarity-inverted`, which asks the author to confirm instead.

A typed capaian exactly at a usual cap (100, 110, 120, 150, 200 %) below the computed one is an info: it looks
capped (set `[capaian] batas_atas` to say so).

Passing:  | Indeks Kepuasan Masyarakat | 85,00 | 82,71 | 97,31% |   (97% or 97,3% pass too)
Failing:  | Indeks Kepuasan Masyarakat | 85,00 | 82,71 | 95,00% | ->
          "Capaian tercatat 95,00%, seharusnya 97,31% (realisasi 82,71 ÷ target 85 × 100)."
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from ..config import Config
from ..model import Document, Finding, Indicator
from . import _indikator as h
from .base import finding

# Caps e-SAKIP apps and offices put on capaian (domain.md, Caps): a typed capaian exactly at one of them,
# below the computed one, is a capped capaian, not a miscalculation.
_CAPS = (100.0, 105.0, 110.0, 115.0, 120.0, 125.0, 150.0, 200.0)

ID = "capaian-wrong"
SEVERITY = "error"
SUMMARY = "Capaian yang diketik berbeda dengan hasil hitung realisasi terhadap target"
SUMMARY_EN = "Typed capaian differs from the one computed from target and realisasi"


def _how(ind: Indicator) -> tuple[str, str]:
    """The computation behind our capaian, with the row's numbers, in both languages."""
    t, r = ind.target, ind.realisasi
    rt, rt_en = h.value_text(r), h.value_text_en(r)
    if t is not None and t.kind == "range":
        tt = h.shown(t)
        return (
            f"realisasi {rt} terhadap rentang target {tt}",
            f"realisasi {rt_en} against the target range {tt}",
        )
    tn, rn = h.number_of(t), h.number_of(r)
    if tn is None or rn is None:
        return "", ""
    T, R = h.num(tn), h.num(rn)
    T_en, R_en = h.num_en(tn), h.num_en(rn)
    if ind.status_reason == "target-nol-negatif":
        return (
            f"target 0 pada indikator yang makin kecil makin baik: realisasi {R} "
            + ("berarti tercapai, 100%" if rn <= 0 else "di atas 0 berarti tidak tercapai, 0%"),
            f"target 0 on a lower-is-better indicator: realisasi {R_en} "
            + ("means achieved, 100%" if rn <= 0 else "above 0 means not achieved, 0%"),
        )
    if ind.polaritas == "negatif":
        alt = (
            f" atau {h.pct(ind.capaian_alt)} (target ÷ realisasi × 100)"
            if ind.capaian_alt is not None
            else ""
        )
        alt_en = (
            f" or {h.pct_en(ind.capaian_alt)} (target ÷ realisasi × 100)"
            if ind.capaian_alt is not None
            else ""
        )
        return (
            f"polaritas negatif: (2 × target {T} − realisasi {R}) ÷ target {T} × 100{alt}",
            f"negative polarity: (2 × target {T_en} − realisasi {R_en}) ÷ target {T_en} × 100{alt_en}",
        )
    return f"realisasi {R} ÷ target {T} × 100", f"realisasi {R_en} ÷ target {T_en} × 100"


def check(doc: Document, config: Config) -> Iterator[Finding]:
    import numpy as np

    me = sys.modules[__name__]
    # The columns pick the rows whose typed capaian differs from ours at its typed precision (the test of
    # `scales.same_at_precision`, a hair looser so that no row on the edge is missed); each is judged below.
    recorded, ours, half = h.columns(doc, config, "capaian", "capaian_hitung", "decimals_half")
    with np.errstate(invalid="ignore"):
        differs = ~(np.abs(recorded - ours) <= half + config.tolerance + 1e-9 - 1e-12)
    for k in h.rows(differs & ~np.isnan(recorded) & ~np.isnan(ours)):
        ind = doc.indicators[k]
        typed = ind.capaian
        if typed is None or h.typed_capaian(ind) is None or ind.capaian_hitung is None:
            continue
        if h.same(typed, ind.capaian_hitung, config):
            continue
        if (
            ind.polaritas == "negatif"
            and ind.capaian_alt is not None
            and h.same(typed, ind.capaian_alt, config)
        ):
            continue
        if h.looks_inverted(ind, config):
            continue
        # Nobody declared a polarity, the name reads lower-is-better and the author used such a formula.
        if (
            not h.polarity_declared(ind)
            and h.has_negative_sign(ind.indikator)
            and h.inverted_fit(ind, config)
        ):
            continue
        if (
            config.cap is None
            and typed.number in _CAPS
            and ind.capaian_hitung > typed.number
            and typed.number >= 100
        ):
            # 120% typed where 130,43% is computed: the author capped it, as many e-SAKIP apps do
            cell, coord = h.place(doc, ind, "capaian")
            found = h.value_text(typed, ind.cells.get("capaian"))
            yield finding(
                me,
                severity="info",
                message_id=(f"Capaian tercatat {found}, sedangkan hasil hitungnya {h.pct(ind.capaian_hitung)}: "
                            f"tampaknya dibatasi {h.num(typed.number)}%. Bila kantor Anda memakai batas ini, "
                            f"nyatakan di pk-excel.toml ([capaian] batas_atas = {h.num_en(typed.number)})."),
                message_en=(f"Capaian recorded as {h.value_text_en(typed, ind.cells.get('capaian'))}, computed "
                            f"{h.pct_en(ind.capaian_hitung)}: it seems capped at {h.num_en(typed.number)}%. If your "
                            f"office uses this cap, set it in pk-excel.toml ([capaian] batas_atas)."),
                cell=cell,
                coord=coord,
                indicator=ind,
                found=found,
                expected=h.pct(ind.capaian_hitung),
            )
            continue
        how, how_en = _how(ind)
        found = h.value_text(typed, ind.cells.get("capaian"))
        found_en = h.value_text_en(typed, ind.cells.get("capaian"))
        expected, expected_en = h.pct(ind.capaian_hitung), h.pct_en(ind.capaian_hitung)
        cell, coord = h.place(doc, ind, "capaian")
        extra, extra_en = "", ""
        f = h.formulas(ind, config)
        if f is not None and ind.polaritas == "positif" and h.polarity_declared(ind):
            _, inv = f.fits(typed, config)
            if inv is not None:
                text = h.FORMULA_TEXT[inv][0]
                extra = f" Capaian tercatat sesuai rumus polaritas negatif ({text}), padahal polaritasnya "
                extra += "positif."
                extra_en = (
                    f" The typed capaian fits a lower-is-better formula ({text}), but polarity is positive."
                )
        yield finding(
            me,
            message_id=f"Capaian tercatat {found}, seharusnya {expected} ({how}).{extra}",
            message_en=f"Capaian recorded as {found_en}, should be {expected_en} ({how_en}).{extra_en}",
            cell=cell,
            coord=coord,
            indicator=ind,
            found=found,
            expected=expected,
        )
