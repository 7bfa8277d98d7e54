"""Severities, in one place: their names and order (most severe first), their words in both languages, what
each means, the level a rule can be set to in `[aturan]`, and the colour a finding's cell gets.

The names and the order are those of the data (`model.Severity`, `model.SEVERITIES`, `model.SEVERITY_RANK`,
re-exported here); every stage that shows or compares a severity takes them from this module.
"""

from __future__ import annotations

from typing import Final, Literal

from .model import SEVERITIES, SEVERITY_RANK, Severity
from .texts import NOUNS, Text, pick

__all__ = [
    "FILL",
    "LEVELS",
    "LEVEL_WORDS",
    "MEANING",
    "OFF",
    "SEVERITIES",
    "SEVERITY_RANK",
    "WORD",
    "Level",
    "Severity",
    "level_word",
    "parse_level",
    "word",
    "words",
]

# The words are the nouns `texts.counted` counts with ("2 kesalahan", "2 errors").
WORD: Final[dict[Severity, Text]] = {s: NOUNS[s] for s in SEVERITIES}
# What each severity says about a cell (the colour legend of the validated copy, the page's "how to read").
MEANING: Final[dict[Severity, Text]] = {
    "error": Text("nilai salah atau tidak konsisten", "a wrong or inconsistent value"),
    "warning": Text("perlu diperiksa", "please check"),
    "info": Text("catatan cara nilai dibaca", "a note on how the value was read"),
}
# The fill of a marked cell (RGB), the same in the validated copy and the rekap.
FILL: Final[dict[Severity, str]] = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}

# A rule's level in `[aturan]`: a severity, or off.
Level = Literal["off", "error", "warning", "info"]
LEVELS: Final[tuple[Level, ...]] = ("off", *SEVERITIES)
OFF: Final = Text("mati", "off")
LEVEL_WORDS: Final[dict[Level, Text]] = {"off": OFF, "error": WORD["error"], "warning": WORD["warning"],
                                          "info": WORD["info"]}


def word(severity: Severity, lang: str | None = "id") -> str:
    """'kesalahan', 'error', ... (lower case; `.capitalize()` for a heading)."""
    return pick(WORD[severity], lang)


def words(lang: str | None = "id") -> dict[Severity, str]:
    """Every severity's word in `lang`, in order."""
    return {s: pick(WORD[s], lang) for s in SEVERITIES}


def level_word(level: Level, lang: str | None = "id") -> str:
    """A rule's level as `pk-excel rules` shows it: 'mati', 'kesalahan', ... or 'off', 'error', ..."""
    return pick(LEVEL_WORDS[level], lang)


def parse_level(text: str) -> Level | None:
    """A level as `[aturan]` may write it, in either language ("peringatan", "Warning", "mati"); else None."""
    said = text.strip().lower()
    for level, pair in LEVEL_WORDS.items():
        if said in (level, pair.id, pair.en):
            return level
    return None
