"""Numbers in the penjelasan that state the target, realisasi or capaian differently from the row.

Read only statements: "X ... dari target Y", "target Y", "realisasi X", "terealisasi X", "capaian X%",
"tercapai X%", "X% dari ... target"; a bare "X dari Y" (often the basis of a rate: "6 kematian dari 6.977
kelahiran") counts only when it is exactly the row's target and realisasi swapped. Other numbers
("11 Layanan dengan 11 SOP", "sebanyak 1 pengaduan", SK numbers, years) are ignored. Numbers are compared
at the precision the text gives them. Error when target and realisasi are clearly swapped, warning when a
stated number merely differs.

Passing:  | ... | 65 usulan | 38 usulan | 58,46% | Jumlah usulan 58,46% dari jumlah usulan yang ditargetkan |
Failing:  | ... | 65 usulan | 38 usulan | 58,46% | 65 usulan terealisasi dari target 38 usulan | ->
          "Penjelasan tertukar: menyebut realisasi 65 dan target 38, padahal tabel mencatat target 65 dan
          realisasi 38."
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass

from ..config import Config
from ..model import Document, Finding, Indicator
from . import _indikator as h
from .base import finding

ID = "penjelasan-contradicts"
SEVERITY = "warning"
SUMMARY = "Angka target, realisasi atau capaian dalam penjelasan berbeda dengan tabel"
SUMMARY_EN = "Target, realisasi or capaian stated in the penjelasan differ from the table"

_NUM = r"(?<![\w/.,-])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\w/]|[.,]\d)"
_GAP = r"[^.;:\d]{0,25}?"
_YEAR = r"(?:\s+kinerja)?(?:\s+(?:tahun|th\.?)\s+(?:19|20)\d\d)?"
_FILL = _YEAR + r"(?:\s*(?:sebesar|sebanyak|mencapai|yaitu|adalah|=|:))?\s*"

_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    # "65 usulan terealisasi dari target 38 usulan", "80% dari target 100%"
    ("RT", re.compile(_NUM + r"\s*%?" + _GAP + r"\bdari\s+(?:total\s+)?target" + _FILL + _NUM)),
    # "target 65 usulan ... realisasi 38"
    ("T", re.compile(r"\b(?:target(?:nya)?|ditargetkan)\b" + _FILL + _NUM)),
    ("R", re.compile(r"\b(?:realisasi(?:nya)?|terealisasi)\b" + _FILL + _NUM)),
    ("C", re.compile(r"\b(?:capaian(?:nya)?|tercapai|persentase capaian)\b" + _FILL + _NUM + r"\s*%")),
    # "58,46% dari jumlah usulan yang ditargetkan"
    ("C", re.compile(_NUM + r"\s*%\s*dari\b[^.;\d]{0,60}?\b(?:target|ditargetkan)\b")),
)
_DIGIT = re.compile(r"\d")
# Every pattern above (and _X_OF_Y) names one of these words: "dari", "target"/"ditargetkan",
# "realisasi"/"terealisasi", "capaian"/"tercapai".
_KEYWORDS = ("dari", "target", "realisasi", "capai")
_X_OF_Y = re.compile(_NUM + r"(?:\s+[a-z]+){0,2}\s+dari\s+(?:total\s+|jumlah\s+)?" + _NUM)


@dataclass(frozen=True)
class Stated:
    what: str  # "T" | "R" | "C"
    value: float
    decimals: int
    text: str


def _read(s: str) -> tuple[float, int]:
    whole, _, frac = s.replace(".", "").partition(",")
    return float(f"{whole}.{frac}" if frac else whole), len(frac)


def _is_year(s: str) -> bool:
    return re.fullmatch(r"(19|20)\d\d", s) is not None


def statements(text: str) -> list[Stated]:
    """Target/realisasi/capaian statements in a penjelasan (`what` "T", "R", "C")."""
    low = text.lower()
    taken: list[tuple[int, int]] = []
    out: list[Stated] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    for kind, pat in _PATTERNS:
        for m in pat.finditer(low):
            spans = [(i, m.span(i)) for i in range(1, (m.lastindex or 0) + 1) if m.group(i) is not None]
            if not all(free(*sp) for _, sp in spans):
                continue
            groups = [m.group(i) for i, _ in spans]
            if any(_is_year(g) for g in groups) and kind != "C":
                continue
            taken.extend(sp for _, sp in spans)
            whats = ("R", "T") if kind == "RT" else (kind,)
            for what, g in zip(whats, groups):
                v, d = _read(g)
                out.append(Stated(what, v, d, text[m.start() : m.end()].strip()))
    return out


def x_of_y(text: str) -> list[tuple[Stated, Stated]]:
    """Bare "X dari Y" pairs, read as (realisasi X, target Y).

    Such a pair is often the basis of a rate or percentage ("6 kematian ibu dari 6.977 kelahiran hidup",
    "146 dari 150 desa"), not the target: it is used only to spot numbers that are exactly swapped.
    """
    out = []
    for m in _X_OF_Y.finditer(text.lower()):
        if any(_is_year(m.group(i)) for i in (1, 2)):
            continue
        x, dx = _read(m.group(1))
        y, dy = _read(m.group(2))
        snippet = text[m.start() : m.end()].strip()
        out.append((Stated("R", x, dx, snippet), Stated("T", y, dy, snippet)))
    return out


def _eq(stated: Stated, x: float | None) -> bool:
    return (
        x is not None and abs(round(x, stated.decimals) - stated.value) < 10 ** -(stated.decimals + 3) + 1e-9
    )


def _row_numbers(ind: Indicator) -> dict[str, float | None]:
    c = h.typed_capaian(ind)
    return {
        "T": h.number_of(ind.target),
        "R": h.number_of(ind.realisasi),
        "C": c if c is not None else ind.capaian_hitung,
    }


def _swapped(t: Stated | None, r: Stated | None, row: dict[str, float | None]) -> bool:
    return (
        t is not None
        and r is not None
        and row["T"] is not None
        and row["R"] is not None
        and not _eq(t, row["T"])
        and _eq(t, row["R"])
        and _eq(r, row["T"])
    )


_NAMES = {"T": ("target", "target"), "R": ("realisasi", "realisasi"), "C": ("capaian", "capaian")}


def _stated(text: str) -> tuple[list[Stated], list[tuple[Stated, Stated]]]:
    """What a penjelasan states: its statements, else its bare "X dari Y" pairs."""
    if _DIGIT.search(text) is None:
        return [], []  # every statement names a number
    low = text.lower()
    if not any(word in low for word in _KEYWORDS):
        return [], []  # no pattern can match without one of its words
    said = statements(text)
    return said, [] if said else x_of_y(text)


def check(doc: Document, config: Config) -> Iterator[Finding]:
    me = sys.modules[__name__]
    read: dict[str, tuple[list[Stated], list[tuple[Stated, Stated]]]] = {}  # each distinct text read once

    def states(text: str) -> bool:
        said, x_y = read[text] = _stated(text)
        return bool(said or x_y)

    # The text column picks the rows whose penjelasan states something (each distinct text read once).
    (texts,) = h.columns(doc, config, "penjelasan_text")
    for k in h.rows(h.each_distinct(texts, states)):
        ind = doc.indicators[k]
        cell = ind.cells.get("penjelasan")
        if cell is None or not isinstance(cell.value, str):
            continue
        said, x_y = read[cell.value] if cell.value in read else _stated(cell.value)
        if not said and not x_y:
            continue  # nothing stated, nothing to compare
        row = _row_numbers(ind)
        by = {s.what: s for s in reversed(said)}  # first statement of each kind
        pairs = [(by.get("T"), by.get("R"))] if said else [(t, r) for r, t in x_y]
        swapped = next((p for p in pairs if _swapped(*p, row)), None)
        if swapped is not None:
            t, r = swapped
            T, R = row["T"], row["R"]
            assert t is not None and r is not None and T is not None and R is not None  # _swapped said so
            found = f"realisasi {h.num(r.value)}, target {h.num(t.value)}"
            yield finding(
                me,
                message_id=(
                    f'Penjelasan tertukar: "{r.text}" menyebut realisasi {h.num(r.value)} dan target '
                    f"{h.num(t.value)}, padahal tabel mencatat target {h.num(T)} dan realisasi "
                    f"{h.num(R)}."
                ),
                message_en=(
                    f'The penjelasan swaps the numbers: "{r.text}" states realisasi {h.num_en(r.value)} and '
                    f"target {h.num_en(t.value)}, but the table records target {h.num_en(T)} and "
                    f"realisasi {h.num_en(R)}."
                ),
                cell=cell,
                indicator=ind,
                severity="error",
                found=found,
                expected=f"realisasi {h.num(R)}, target {h.num(T)}",
            )
            continue
        known = {k: x for k, x in row.items() if x is not None}
        diffs = [s for s in by.values() if s.what in known and not _eq(s, known[s.what])]
        if not diffs:
            continue
        parts = []
        parts_en = []
        for s in sorted(diffs, key=lambda s: "TRC".index(s.what)):
            name, name_en = _NAMES[s.what]
            unit = "%" if s.what == "C" else ""
            parts.append(f"{name} {h.num(s.value)}{unit} (tabel: {h.num(known[s.what])}{unit})")
            parts_en.append(f"{name_en} {h.num_en(s.value)}{unit} (table: {h.num_en(known[s.what])}{unit})")
        yield finding(
            me,
            message_id=f"Penjelasan menyebut {', '.join(parts)}. Mohon samakan penjelasan dengan tabel.",
            message_en=f"The penjelasan states {', '.join(parts_en)}. Please make it agree with the table.",
            cell=cell,
            indicator=ind,
            found="; ".join(s.text for s in diffs),
            expected=", ".join(
                f"{_NAMES[s.what][0]} {h.num(known[s.what])}{'%' if s.what == 'C' else ''}" for s in diffs
            ),
        )
