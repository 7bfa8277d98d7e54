"""Options for one run and the per-office configuration (`pk-excel.toml`).

Configuration is what differs between offices (polarity per indicator, capaian cap, predicate scale,
tolerance, language, limits). It is read from `pk-excel.toml` beside the workbooks or named with `--config`;
CLI options override it. Errors in it are PkError("config", ...) with a clear message.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .model import PkError

CONFIG_NAME = "pk-excel.toml"

# Capaian predicate (LKjIP practice, after Permendagri 86/2017): lower bounds, best first.
DEFAULT_PREDIKAT: tuple[tuple[float, str], ...] = (
    (91.0, "Sangat Tinggi"),
    (76.0, "Tinggi"),
    (66.0, "Sedang"),
    (51.0, "Rendah"),
    (float("-inf"), "Sangat Rendah"),
)


@dataclass(frozen=True)
class Limits:
    """What makes a workbook too big or suspicious to open. All are options (README: Limits)."""

    max_file_bytes: int = 200 * 1024 * 1024
    max_unpacked_bytes: int = 1024 * 1024 * 1024  # declared uncompressed size of all zip members
    max_member_ratio: float = 200.0  # compression ratio of one member (zip bombs reach 1000+)
    max_members: int = 10_000
    ratio_min_bytes: int = 10 * 1024 * 1024  # the ratio test applies to members larger than this
    max_rows: int = 200_000  # rows of one sheet the reader looks at
    max_cells: int = 5_000_000  # cells of one workbook the reader looks at


@dataclass(frozen=True)
class Config:
    lang: str = "id"
    polarity: tuple[tuple[str, str], ...] = ()  # (lower-cased substring of an indicator name, positif|negatif)
    cap: float | None = None  # cap on computed capaian (None: no cap)
    predikat: tuple[tuple[float, str], ...] = DEFAULT_PREDIKAT
    tolerance: float = 0.0  # extra slack (percent points) when comparing a typed capaian
    implausible_high: float = 200.0
    limits: Limits = field(default_factory=Limits)
    # [aturan]: (rule ID, "off" | "error" | "warning" | "info"), the office's own level for a rule.
    rules: tuple[tuple[str, str], ...] = ()
    source: str | None = None  # the file it came from
    year: int | None = None  # [tabel] tahun: the reporting year when the workbook does not say it
    columns: tuple[tuple[str, int], ...] = ()  # [tabel.kolom] role = "J": columns a layout cannot tell unaided

    def rule_level(self, rule_id: str, default: str) -> str:
        """The level of a rule in this configuration: "off" or a severity (`default` unless set)."""
        return dict(self.rules).get(rule_id, default)


@dataclass(frozen=True)
class Options:
    """One run: what to write where, and how to judge."""

    config: Config = field(default_factory=Config)
    write: bool = False  # write the validated workbook
    out_dir: str | None = None
    # The validated copy's name before ".checked.xlsx" (default: the input's); set per file by a run that
    # would otherwise give two inputs one output.
    out_stem: str | None = None
    strict: bool = False
    lang: str | None = None  # overrides config.lang

    @property
    def language(self) -> str:
        return self.lang or self.config.lang


def _err(msg_id: str, msg_en: str, path: str) -> PkError:
    return PkError("config", f"{path}: {msg_id}", f"{path}: {msg_en}", path=path)


def load_config(path: str | Path | None = None, *, near: str | Path | None = None) -> Config:
    """Read `path`, or the `pk-excel.toml` in the folder `near` (a file's or folder's location), or defaults."""
    if path is None and near is not None:
        p = Path(near)
        folder = p if p.is_dir() else p.parent
        candidate = folder / CONFIG_NAME
        path = candidate if candidate.is_file() else None
    if path is None:
        return Config()
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8-sig"))  # Notepad's "UTF-8 with BOM" too
    except IsADirectoryError:
        raise _err("berkas konfigurasi yang disebut adalah folder", "the configuration named is a folder",
                   str(p)) from None
    except FileNotFoundError:
        raise _err("berkas konfigurasi tidak ditemukan", "configuration file not found", str(p)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise _err(f"konfigurasi tidak dapat dibaca ({e})", f"configuration cannot be parsed ({e})", str(p)) from None
    return config_from_dict(data, str(p))


_KNOWN = {"lang", "polaritas", "capaian", "predikat", "batas", "aturan", "tabel"}

# What [aturan] accepts for a rule, in either language, and the level it means.
RULE_LEVELS = {
    "off": "off", "mati": "off",
    "error": "error", "kesalahan": "error",
    "warning": "warning", "peringatan": "warning",
    "info": "info",
}  # fmt: skip


def config_from_dict(data: dict[str, Any], source: str = "<config>") -> Config:
    unknown = set(data) - _KNOWN
    if unknown:
        names = ", ".join(sorted(unknown))
        raise _err(f"bagian tidak dikenal: {names}", f"unknown section(s): {names}", source)
    cfg = Config(source=source)
    if "lang" in data:
        if data["lang"] not in ("id", "en"):
            raise _err("lang harus 'id' atau 'en'", "lang must be 'id' or 'en'", source)
        cfg = replace(cfg, lang=data["lang"])
    pol = data.get("polaritas", {})
    if not isinstance(pol, dict):
        raise _err("[polaritas] harus berupa tabel", "[polaritas] must be a table", source)
    pairs = []
    for name, val in pol.items():
        v = str(val).strip().lower()
        v = {"naik": "positif", "turun": "negatif", "maximize": "positif", "minimize": "negatif"}.get(v, v)
        if v not in ("positif", "negatif"):
            raise _err(
                f"polaritas '{name}' harus positif atau negatif",
                f"polarity of '{name}' must be positif or negatif",
                source,
            )
        pairs.append((re.sub(r"\s+", " ", name.strip().lower()), v))
    cfg = replace(cfg, polarity=tuple(pairs))
    cap = data.get("capaian", {})
    if not isinstance(cap, dict):
        raise _err("[capaian] harus berupa tabel", "[capaian] must be a table", source)
    for key in cap:
        if key not in ("batas_atas", "toleransi", "tidak_wajar_di_atas"):
            raise _err(f"kunci tidak dikenal di [capaian]: {key}", f"unknown key in [capaian]: {key}", source)
    if "batas_atas" in cap:
        cfg = replace(cfg, cap=_number(cap["batas_atas"], "capaian.batas_atas", source, allow_zero=False))
    if "toleransi" in cap:
        cfg = replace(cfg, tolerance=_number(cap["toleransi"], "capaian.toleransi", source))
    if "tidak_wajar_di_atas" in cap:
        cfg = replace(
            cfg, implausible_high=_number(cap["tidak_wajar_di_atas"], "capaian.tidak_wajar_di_atas", source)
        )
    if "predikat" in data:
        cfg = replace(cfg, predikat=_predikat(data["predikat"], source))
    if "tabel" in data:
        cfg = _tabel(cfg, data["tabel"], source)
    if "aturan" in data:
        cfg = replace(cfg, rules=_rules(data["aturan"], source))
    if "batas" in data:
        lim = data["batas"]
        fields = Limits.__dataclass_fields__
        kw = {}
        for key, val in lim.items():
            if key not in fields:
                raise _err(f"kunci tidak dikenal di [batas]: {key}", f"unknown key in [batas]: {key}", source)
            kw[key] = _number(val, f"batas.{key}", source, allow_zero=False)
            if fields[key].type in ("int", int):
                kw[key] = int(kw[key])
        cfg = replace(cfg, limits=replace(cfg.limits, **kw))
    return cfg


def _number(val: Any, key: str, source: str, *, allow_zero: bool = True) -> float:
    if isinstance(val, bool) or not isinstance(val, (int, float)) or val < 0 or (not allow_zero and val == 0):
        raise _err(f"{key} harus angka positif", f"{key} must be a positive number", source)
    return float(val)


def _predikat(val: Any, source: str) -> tuple[tuple[float, str], ...]:
    """[predikat] as a table of label = lower bound, e.g. {"Sangat Tinggi" = 91, "Tinggi" = 76, ...}."""
    if not isinstance(val, dict) or not val:
        raise _err(
            "[predikat] harus berupa tabel label = batas bawah",
            "[predikat] must be a table of label = lower bound",
            source,
        )
    items = sorted(((_number(v, f"predikat.{k}", source), str(k)) for k, v in val.items()), reverse=True)
    lowest = items[-1]
    return tuple(items[:-1]) + ((float("-inf"), lowest[1]),)


_COLUMN_ROLES = ("no", "sasaran", "indikator", "satuan", "target", "realisasi", "capaian", "penjelasan", "keterangan",
                 "polaritas", "predikat")


def _tabel(cfg: Config, val: Any, source: str) -> Config:
    """[tabel]: `tahun = 2025` (the reporting year) and [tabel.kolom] `target = "J"` (role = column letter)."""
    from .cellref import col_number

    if not isinstance(val, dict):
        raise _err("[tabel] harus berupa tabel", "[tabel] must be a table", source)
    for key in val:
        if key not in ("tahun", "kolom"):
            raise _err(f"kunci tidak dikenal di [tabel]: {key}", f"unknown key in [tabel]: {key}", source)
    if "tahun" in val:
        y = val["tahun"]
        if isinstance(y, bool) or not isinstance(y, int) or not 1990 <= y <= 2100:
            raise _err("tabel.tahun harus tahun empat angka", "tabel.tahun must be a four-digit year", source)
        cfg = replace(cfg, year=y)
    kolom = val.get("kolom", {})
    if not isinstance(kolom, dict):
        raise _err("[tabel.kolom] harus berupa tabel", "[tabel.kolom] must be a table", source)
    cols = []
    for role, letter in kolom.items():
        if role not in _COLUMN_ROLES:
            raise _err(f"peran kolom tidak dikenal di [tabel.kolom]: {role}", f"unknown role in [tabel.kolom]: {role}",
                       source)
        if not isinstance(letter, str) or not re.fullmatch(r"[A-Za-z]{1,3}", letter.strip()):
            raise _err(f"tabel.kolom.{role} harus huruf kolom, mis. \"J\"",
                       f"tabel.kolom.{role} must be a column letter, e.g. \"J\"", source)
        cols.append((role, col_number(letter.strip().upper())))
    return replace(cfg, columns=tuple(cols))


def _rules(val: Any, source: str) -> tuple[tuple[str, str], ...]:
    """[aturan] as a table of rule ID = level, e.g. {numbering = "off", "capaian-missing" = "error"}."""
    if not isinstance(val, dict):
        raise _err(
            '[aturan] harus berupa tabel ID aturan = "off" | "error" | "warning" | "info"',
            '[aturan] must be a table of rule ID = "off" | "error" | "warning" | "info"',
            source,
        )
    known = rule_ids()
    pairs = []
    for key, level in val.items():
        rule_id = str(key).strip().lower().replace("_", "-")
        if rule_id not in known:
            raise _err(
                f"aturan tidak dikenal: aturan.{key} (lihat daftar dengan `pk-excel rules`)",
                f"unknown rule: aturan.{key} (see the list with `pk-excel rules`)",
                source,
            )
        word = RULE_LEVELS.get(level.strip().lower()) if isinstance(level, str) else None
        if word is None:
            raise _err(
                f'aturan.{key} harus "off", "error", "warning", atau "info" (bukan {level!r})',
                f'aturan.{key} must be "off", "error", "warning" or "info" (not {level!r})',
                source,
            )
        pairs.append((rule_id, word))
    return tuple(pairs)


def rule_ids() -> frozenset[str]:
    """The IDs of the rules, from the names of the modules in pk_excel/rules/ (a rule's module is named after
    its ID, `capaian_wrong.py` for `capaian-wrong`; tests/test_docs.py keeps them so). Read from the folder,
    not by importing the rules: configuration comes before them."""
    folder = Path(__file__).parent / "rules"
    return frozenset(
        p.stem.replace("_", "-") for p in folder.glob("*.py") if not p.stem.startswith("_") and p.stem not in
        ("registry", "base")
    )
