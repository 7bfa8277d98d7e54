"""Discovers the rule modules of this package and runs them. Imports nothing heavy."""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..config import Config
    from ..model import Document, Finding

_NOT_RULES = {"registry", "base"}


@lru_cache(maxsize=1)
def all_rules() -> tuple[ModuleType, ...]:
    """Every rule module, sorted by ID."""
    from . import __path__ as pkg_path

    mods = []
    for info in pkgutil.iter_modules(pkg_path):
        if info.name in _NOT_RULES or info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"{__package__}.{info.name}")
        if hasattr(mod, "ID") and hasattr(mod, "check"):
            mods.append(mod)
    return tuple(sorted(mods, key=lambda m: m.ID))


def get_rule(rule_id: str) -> ModuleType:
    for mod in all_rules():
        if mod.ID == rule_id:
            return mod
    raise KeyError(rule_id)


def run(doc: Document, config: Config) -> list[Finding]:
    """All findings of all rules on a measured document, sorted by position.

    A rule the configuration turns off (`[aturan] id = "off"`) is not run; one given another level has
    every finding at that level."""
    from dataclasses import replace

    findings: list[Finding] = []
    levels = dict(config.rules)
    for mod in all_rules():
        level = levels.get(mod.ID)
        if level == "off":
            continue
        if level is None:
            findings.extend(mod.check(doc, config))
        else:
            findings.extend(f if f.severity == level else replace(f, severity=level) for f in mod.check(doc, config))
    findings.sort(key=lambda f: f.sort_key())
    return findings
