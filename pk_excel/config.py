"""Options for one run and the per-office configuration (`pk-excel.toml`).

Configuration is what differs between offices (polarity per indicator, capaian cap, predicate scale,
tolerance, language, limits). It is read from `pk-excel.toml` beside the workbooks or named with `--config`;
CLI options override it. Errors in it are PkError("config", ...) with a clear message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .model import PkError
from .severity import Level, Severity, parse_level
from .texts import (
    CONFIG_COLUMN_LETTER,
    CONFIG_IS_A_FOLDER,
    CONFIG_LANG,
    CONFIG_NOT_A_TABLE,
    CONFIG_NOT_FOUND,
    CONFIG_NOT_POSITIVE,
    CONFIG_POLARITY,
    CONFIG_PREDIKAT,
    CONFIG_RULE_LEVEL,
    CONFIG_RULES_TABLE,
    CONFIG_UNKNOWN_KEY,
    CONFIG_UNKNOWN_ROLE,
    CONFIG_UNKNOWN_RULE,
    CONFIG_UNKNOWN_SECTION,
    CONFIG_UNREADABLE,
    CONFIG_YEAR,
    Lang,
    Text,
    lang_of,
)

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
    rules: tuple[tuple[str, Level], ...] = ()
    source: str | None = None  # the file it came from
    year: int | None = None  # [tabel] tahun: the reporting year when the workbook does not say it
    columns: tuple[tuple[str, int], ...] = ()  # [tabel.kolom] role = "J": columns a layout cannot tell unaided

    def rule_level(self, rule_id: str, default: Severity) -> Level:
        """The level of a rule in this configuration: "off" or a severity (`default` unless set)."""
        return dict(self.rules).get(rule_id, default)


@dataclass(frozen=True)
class Options:
    """One run: what to write where, and how to judge. The one object that carries the configuration, the
    limits and the language to every stage (`make_options` builds it as the command line and the page do)."""

    config: Config = field(default_factory=Config)
    write: bool = False  # write the validated workbook
    out_dir: str | None = None
    # The validated copy's name before ".checked.xlsx" (default: the input's); set per file by a run that
    # would otherwise give two inputs one output.
    out_stem: str | None = None
    strict: bool = False
    lang: str | None = None  # overrides config.lang

    @property
    def language(self) -> Lang:
        """The language of messages and of the copy: `lang` when given, else the configuration's."""
        return lang_of(self.lang or self.config.lang)

    @property
    def limits(self) -> Limits:
        return self.config.limits


def make_options(
    config: str | Path | None = None,
    *,
    near: str | Path | None = None,
    lang: str | None = None,
    write: bool = False,
    out_dir: str | Path | None = None,
    strict: bool = False,
    cap: float | None = None,
    tolerance: float | None = None,
    max_unpacked_mb: int | None = None,
    max_ratio: float | None = None,
) -> Options:
    """The Options of one run: the configuration `config` names, or the `pk-excel.toml` found `near` the first
    input (a glob pattern is not a place), with the command line's values over it. Raises PkError("config")."""
    if near is not None and any(ch in str(near) for ch in "*?["):
        near = None
    cfg = load_config(config, near=near)
    if cap is not None:
        cfg = replace(cfg, cap=cap)
    if tolerance is not None:
        cfg = replace(cfg, tolerance=tolerance)
    limits = cfg.limits
    if max_unpacked_mb is not None:
        limits = replace(limits, max_unpacked_bytes=max_unpacked_mb * 1024 * 1024)
    if max_ratio is not None:
        limits = replace(limits, max_member_ratio=max_ratio)
    return Options(
        config=replace(cfg, limits=limits),
        write=write,
        out_dir=str(out_dir) if out_dir is not None else None,
        strict=strict,
        lang=lang,
    )


def _err(text: Text, path: str) -> PkError:
    said = text.prefixed(f"{path}: ")
    return PkError("config", said.id, said.en, path=path)


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
    import tomllib  # here, not at import: most runs have no config file, and the CLI starts without it

    try:
        data = tomllib.loads(p.read_text(encoding="utf-8-sig"))  # Notepad's "UTF-8 with BOM" too
    except IsADirectoryError:
        raise _err(CONFIG_IS_A_FOLDER, str(p)) from None
    except FileNotFoundError:
        raise _err(CONFIG_NOT_FOUND, str(p)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise _err(CONFIG_UNREADABLE.format(reason=e), str(p)) from None
    return config_from_dict(data, str(p))


_KNOWN = {"lang", "polaritas", "capaian", "predikat", "batas", "aturan", "tabel"}



def config_from_dict(data: dict[str, Any], source: str = "<config>") -> Config:
    unknown = set(data) - _KNOWN
    if unknown:
        names = ", ".join(sorted(unknown))
        raise _err(CONFIG_UNKNOWN_SECTION.format(names=names), source)
    cfg = Config(source=source)
    if "lang" in data:
        if data["lang"] not in ("id", "en"):
            raise _err(CONFIG_LANG, source)
        cfg = replace(cfg, lang=data["lang"])
    pol = data.get("polaritas", {})
    if not isinstance(pol, dict):
        raise _err(CONFIG_NOT_A_TABLE.format(section="polaritas"), source)
    pairs = []
    for name, val in pol.items():
        v = str(val).strip().lower()
        v = {"naik": "positif", "turun": "negatif", "maximize": "positif", "minimize": "negatif"}.get(v, v)
        if v not in ("positif", "negatif"):
            raise _err(CONFIG_POLARITY.format(name=name), source)
        pairs.append((re.sub(r"\s+", " ", name.strip().lower()), v))
    cfg = replace(cfg, polarity=tuple(pairs))
    cap = data.get("capaian", {})
    if not isinstance(cap, dict):
        raise _err(CONFIG_NOT_A_TABLE.format(section="capaian"), source)
    for key in cap:
        if key not in ("batas_atas", "toleransi", "tidak_wajar_di_atas"):
            raise _err(CONFIG_UNKNOWN_KEY.format(section="capaian", key=key), source)
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
        if not isinstance(lim, dict):
            raise _err(CONFIG_NOT_A_TABLE.format(section="batas"), source)
        fields = Limits.__dataclass_fields__
        kw: dict[str, Any] = {}
        for key, val in lim.items():
            if key not in fields:
                raise _err(CONFIG_UNKNOWN_KEY.format(section="batas", key=key), source)
            kw[key] = _number(val, f"batas.{key}", source, allow_zero=False)
            if fields[key].type in ("int", int):
                kw[key] = int(kw[key])
        cfg = replace(cfg, limits=replace(cfg.limits, **kw))
    return cfg


def _number(val: Any, key: str, source: str, *, allow_zero: bool = True) -> float:
    if isinstance(val, bool) or not isinstance(val, (int, float)) or val < 0 or (not allow_zero and val == 0):
        raise _err(CONFIG_NOT_POSITIVE.format(key=key), source)
    return float(val)


def _predikat(val: Any, source: str) -> tuple[tuple[float, str], ...]:
    """[predikat] as a table of label = lower bound, e.g. {"Sangat Tinggi" = 91, "Tinggi" = 76, ...}."""
    if not isinstance(val, dict) or not val:
        raise _err(CONFIG_PREDIKAT, source)
    items = sorted(((_number(v, f"predikat.{k}", source), str(k)) for k, v in val.items()), reverse=True)
    lowest = items[-1]
    return tuple(items[:-1]) + ((float("-inf"), lowest[1]),)


_COLUMN_ROLES = ("no", "sasaran", "indikator", "satuan", "target", "realisasi", "capaian", "penjelasan", "keterangan",
                 "polaritas", "predikat")


def _tabel(cfg: Config, val: Any, source: str) -> Config:
    """[tabel]: `tahun = 2025` (the reporting year) and [tabel.kolom] `target = "J"` (role = column letter)."""
    from .cellref import col_number

    if not isinstance(val, dict):
        raise _err(CONFIG_NOT_A_TABLE.format(section="tabel"), source)
    for key in val:
        if key not in ("tahun", "kolom"):
            raise _err(CONFIG_UNKNOWN_KEY.format(section="tabel", key=key), source)
    if "tahun" in val:
        y = val["tahun"]
        if isinstance(y, bool) or not isinstance(y, int) or not 1990 <= y <= 2100:
            raise _err(CONFIG_YEAR, source)
        cfg = replace(cfg, year=y)
    kolom = val.get("kolom", {})
    if not isinstance(kolom, dict):
        raise _err(CONFIG_NOT_A_TABLE.format(section="tabel.kolom"), source)
    cols = []
    for role, letter in kolom.items():
        if role not in _COLUMN_ROLES:
            raise _err(CONFIG_UNKNOWN_ROLE.format(role=role), source)
        if not isinstance(letter, str) or not re.fullmatch(r"[A-Za-z]{1,3}", letter.strip()):
            raise _err(CONFIG_COLUMN_LETTER.format(role=role), source)
        cols.append((role, col_number(letter.strip().upper())))
    return replace(cfg, columns=tuple(cols))


def _rules(val: Any, source: str) -> tuple[tuple[str, Level], ...]:
    """[aturan] as a table of rule ID = level, e.g. {numbering = "off", "capaian-missing" = "error"}."""
    if not isinstance(val, dict):
        raise _err(CONFIG_RULES_TABLE, source)
    known = rule_ids()
    pairs = []
    for key, level in val.items():
        rule_id = str(key).strip().lower().replace("_", "-")
        if rule_id not in known:
            raise _err(CONFIG_UNKNOWN_RULE.format(key=key), source)
        word = parse_level(level) if isinstance(level, str) else None
        if word is None:
            raise _err(CONFIG_RULE_LEVEL.format(key=key, level=repr(level)), source)
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
