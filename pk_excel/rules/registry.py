"""Discovers the rule modules of this package and runs them. Imports nothing heavy."""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..config import Options
    from ..model import Document, Finding

_NOT_RULES = {"registry", "base"}


# Each rule's short name, as an evaluator would say it (Temuan, the notes, the added column), in Indonesian
# and English. A test keeps one entry per rule.
RULE_NAMES: dict[str, tuple[str, str]] = {
    "anggaran-capaian-wrong": ("Realisasi anggaran salah hitung", "Budget rate miscomputed"),
    "anggaran-induk": ("Anggaran induk tidak sesuai", "Parent budget does not add up"),
    "anggaran-unparsed": ("Anggaran tidak terbaca", "Budget unreadable"),
    "capaian-implausible": ("Capaian tidak wajar", "Implausible capaian"),
    "capaian-missing": ("Capaian belum diisi", "Capaian missing"),
    "capaian-without-realisasi": ("Capaian tanpa realisasi", "Capaian without realisasi"),
    "capaian-wrong": ("Capaian salah hitung", "Capaian miscomputed"),
    "duplicate-indikator": ("Indikator ganda", "Duplicate indikator"),
    "formula-inconsistent": ("Rumus capaian tidak seragam", "Inconsistent capaian formula"),
    "formula-recomputed": ("Rumus dihitung ulang", "Formula recomputed"),
    "formula-reference": ("Rumus merujuk sel lain", "Formula refers elsewhere"),
    "keterangan-contradicts": ("Keterangan bertentangan", "Keterangan contradicts"),
    "label-contradicts-value": ("Label tidak sesuai nilai", "Label contradicts value"),
    "nip-invalid": ("NIP tidak sah", "Invalid NIP"),
    "no-data": ("Belum ada data", "No data yet"),
    "numbering": ("Penomoran", "Numbering"),
    "pangkat-golongan": ("Pangkat dan golongan", "Rank and grade"),
    "penjelasan-contradicts": ("Penjelasan bertentangan", "Penjelasan contradicts"),
    "persentase-unit": ("Satuan persentase", "Percentage unit"),
    "polarity-inferred": ("Polaritas disimpulkan", "Polarity inferred"),
    "polarity-inverted": ("Polaritas terbalik", "Polarity inverted"),
    "realisasi-triwulan": ("Realisasi triwulan tidak sesuai", "Quarters do not match"),
    "renstra-kumulatif": ("Kumulatif Renstra tidak sesuai", "Renstra cumulative does not add up"),
    "program-anggaran-count": ("Jumlah program dan anggaran", "Programs and budgets count"),
    "row-shifted": ("Baris bergeser", "Row shifted"),
    "sasaran-missing": ("Sasaran kosong", "Sasaran missing"),
    "signature-incomplete": ("Tanda tangan belum lengkap", "Signature incomplete"),
    "summary-wrong": ("Ringkasan tabel tidak sesuai", "Summary row does not match"),
    "table-empty": ("Tabel kosong", "Empty table"),
    "target-missing": ("Target belum diisi", "Target missing"),
    "target-zero": ("Target nol", "Zero target"),
    "unit-mismatch": ("Satuan berbeda", "Unit mismatch"),
    "value-format": ("Penulisan angka", "Number format"),
    "value-date": ("Angka menjadi tanggal", "Number became a date"),
    "value-not-numeric": ("Nilai bukan angka", "Value not numeric"),
    "year-mismatch": ("Tahun tidak sesuai", "Year mismatch"),
}


def rule_name(rule_id: str, lang: str = "id") -> str:
    """The rule's short name in `lang` ("Capaian salah hitung"); the ID itself for an unknown rule."""
    names = RULE_NAMES.get(rule_id)
    if names is None:
        return rule_id
    return names[1] if lang == "en" else names[0]


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
        if rule_id == mod.ID:
            return mod
    raise KeyError(rule_id)


def run(doc: Document, options: Options) -> list[Finding]:
    """All findings of all rules on a measured document, sorted by position. Each rule reads
    `options.config` (`check(doc, config)`, within the rules stage).

    A rule the configuration turns off (`[aturan] id = "off"`) is not run; one given another level has
    every finding at that level."""
    from dataclasses import replace

    config = options.config
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
