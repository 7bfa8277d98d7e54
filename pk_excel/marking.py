"""What the validated copy marks on the user's own sheets, writer-free: the fill of each severity, the note on
a marked cell (pk-excel's text, joined to the user's own note), the five computed columns right of each table
(headers, widths, each indicator row's values), the colour legend under them and the print area that leaves
them off the page. The writer (`xlsxpatch`) decides where these go in the package; nothing here knows XML.
The words are `texts`' (ADDED_COLUMNS, LEGEND_TITLE, STATUS_WORDS, NOTE_*), by language here.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from . import texts
from .cellref import col_letter
from .marks import NOTE_SEPARATOR
from .model import Finding, Indicator
from .rules.registry import rule_name
from .severity import FILL, MEANING, SEVERITIES, words
from .texts import LANGS, pick

NOTE_MAX = 32_767  # characters Excel keeps in a note (and in a cell)


_NOTE_MIN = 200  # room below which no note is added to a user's note


FILL_COLOUR = FILL  # a finding's cell fill by severity (`severity.FILL`, the same in the rekap)


HEADER_FILL = "1F4E78"


# A severity's word as the copy's cells and headings show it ("Kesalahan", "Warning").
SEVERITY_TEXT: dict[str, dict[str, str]] = {lang: {s: w.capitalize() for s, w in words(lang).items()} for lang in LANGS}


# The colour legend beside the added columns and on Ringkasan: each severity's word and what it means.
LEGEND: dict[str, dict[str, str]] = {
    lang: {
        "title": pick(texts.LEGEND_TITLE, lang),
        **{s: f"{SEVERITY_TEXT[lang][s]}: {pick(MEANING[s], lang)}" for s in SEVERITIES},
    }
    for lang in LANGS
}


# The headers of the five added columns, by language (`texts.ADDED_COLUMNS`).
ADDED_COLUMNS: dict[str, tuple[str, ...]] = {lang: tuple(pick(t, lang) for t in texts.ADDED_COLUMNS) for lang in LANGS}


ADDED_WIDTHS = (19, 10, 18, 16, 60)


STATUS_EN = {status: t.en for status, t in texts.STATUS_WORDS.items()}  # (`texts.STATUS_WORDS`)


NUMBER_ROW = re.compile(r"^\(?(\d+)\)?$")


def _note_line(f: Finding, lang: str) -> str:
    label = SEVERITY_TEXT[lang][f.severity]
    lines = [f"[{label}] {rule_name(f.rule, lang)}: {f.message(lang)}"]
    found_label, expected_label = pick(texts.NOTE_FOUND, lang), pick(texts.NOTE_EXPECTED, lang)
    if f.found not in (None, ""):
        lines.append(f"{found_label}: {f.found}")
    if f.expected not in (None, ""):
        lines.append(f"{expected_label}: {f.expected}")
    return "\n".join(lines)


def note_text(group: list[Finding], lang: str) -> str:
    """pk-excel's note on one cell: every finding on it, most serious first."""
    return "pk-excel:\n" + "\n\n".join(_note_line(f, lang) for f in group)


def merge_note(user_text: str | None, ours: str) -> str | None:
    """The note text of a cell: the user's own note (if any), the separator, then ours; None when the
    user's note leaves no room (the findings stay on Temuan)."""
    before = user_text.rstrip("\n") + NOTE_SEPARATOR if user_text is not None else ""
    room = NOTE_MAX - len(before)
    if room < _NOTE_MIN:
        return None
    if len(ours) > room:
        ours = ours[: room - 1] + "…"
    return before + ours


def note_height(text: str) -> int:
    """Height (px) of a note box that shows `text` at the note width (320 px)."""
    lines = sum(1 + len(line) // 48 for line in text.split("\n"))
    return min(40 + 15 * lines, 420)


@functools.lru_cache(maxsize=256)  # a handful of statuses, asked for on every indicator row
def status_text(status: str | None, lang: str) -> str | None:
    if not status:
        return None
    text = STATUS_EN.get(status, status) if lang == "en" else status
    return text[:1].upper() + text[1:]


def indicator_values(ind: Indicator, found: list[Finding], lang: str) -> list[Any]:
    """The five added cells of an indicator row: capaian (hitung), selisih, status, predikat, rule names."""
    return list(indicator_rows([ind], [found], lang)[0])


def indicator_rows(indicators: list[Indicator], found: list[list[Finding]], lang: str) -> list[tuple[Any, ...]]:
    """`indicator_values` of each indicator (`found`: the findings on its row), made column by column: a
    large sheet has tens of thousands."""
    hitung = [ind.capaian_hitung for ind in indicators]
    typed = [ind.capaian.number if ind.capaian is not None else None for ind in indicators]
    return list(
        zip(
            [round(h, 2) if h is not None else None for h in hitung],
            # (+ 0.0: a difference that rounds to nothing is 0, never -0, which LibreOffice shows as "-0")
            [round(t - h, 2) + 0.0 if t is not None and h is not None else None for t, h in zip(typed, hitung)],
            [status_text(ind.status, lang) for ind in indicators],
            [ind.predikat for ind in indicators],
            # The rules' names only (short, one line): the messages are in the notes and on Temuan.
            [_rule_names(f, lang) if f else None for f in found],
        )
    )


def _rule_names(found: list[Finding], lang: str) -> str | None:
    return ", ".join(dict.fromkeys(rule_name(f.rule, lang) for f in found)) or None


def print_area(title: str, last_col: int, last_row: int) -> str:
    """The print area of a user's sheet without pk-excel's added columns: 'PK'!$A$1:$H$40."""
    return f"{quote_sheet(title)}!$A$1:${col_letter(max(last_col, 1))}${max(last_row, 1)}"


def quote_sheet(title: str) -> str:
    """A sheet title as a reference names it, always quoted (a quote in it doubled): PK -> 'PK'."""
    return "'" + title.replace("'", "''") + "'"
