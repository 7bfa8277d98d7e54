"""Helpers shared by the indicator rules: numbers of a row, formatting for messages, name tests, formulas."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..cellref import coord
from ..config import Config
from ..measure import NEGATIVE_WORDS, PERSENTASE_NAME, SAKIP_NAME, SPACE, map_distinct
from ..model import Cell, Document, Indicator, Value
from ..polarity import _POSITIVE_RE
from ..scales import IKM_NAME, same_at_precision
from ..value_notes import fmt_number

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pandas as pd

NUMERIC_KINDS = ("number", "percent", "money")


@lru_cache(maxsize=16384)
def norm(text: str | None) -> str:
    return SPACE.sub(" ", (text or "").lower()).strip()


@lru_cache(maxsize=16384)
def has_negative_sign(name: str | None) -> bool:
    return bool(NEGATIVE_WORDS.search(norm(name)))


@lru_cache(maxsize=16384)
def _is_ikm_name(name: str | None) -> bool:
    return bool(IKM_NAME.search(norm(name)))


@lru_cache(maxsize=16384)
def _is_sakip_name(name: str | None) -> bool:
    return bool(SAKIP_NAME.search(norm(name)))


def table_frame(doc: Document, config: Config) -> pd.DataFrame:
    """`doc.frame`: the indicator table `measure` left, one row per indicator (numbers, the capaian of each
    formula, `rule_fits_*`, polarity, status, each value's kind, unit, label and notes, the formula and text
    columns: `measure.indicator_frame`), read back from the indicators when the document was not measured."""
    frame = doc.frame
    if frame is None or len(frame) != len(doc.indicators) or "target_kind" not in frame.columns:
        from ..measure import indicator_frame

        frame = doc.frame = indicator_frame(doc.indicators, config)
    return frame


def columns(doc: Document, config: Config, *names: str) -> list[npt.NDArray[Any]]:
    """The frame's columns `names` as read-only numpy arrays (`table_frame`): the arrays `measure` built the
    frame from when it did (`measure.frame_columns`), else read from the DataFrame."""
    from ..measure import frame_columns

    frame = table_frame(doc, config)
    built = frame_columns(frame)
    if built is not None and all(name in built for name in names):
        return [built[name] for name in names]
    out = []
    for name in names:
        column = frame[name].to_numpy()
        column.flags.writeable = False
        out.append(column)
    return out


def rows(mask: npt.NDArray[np.bool_]) -> list[int]:
    """The rows (indices into `doc.indicators`) where `mask` holds, in order."""
    import numpy as np

    return np.flatnonzero(mask).tolist()


def table_rows(doc: Document, config: Config, *roles: str) -> list[int]:
    """The rows of the tables that have a column for each of `roles` (a header column or an extra one such as
    `target_rp`): an indicator's cells are its table's columns (`locate`), so no other row has all of them."""
    tables = [i for i, t in enumerate(doc.tables) if all(r in t.columns or r in t.extra_columns for r in roles)]
    return rows_in_tables(doc, config, tables)


def rows_in_tables(doc: Document, config: Config, tables: list[int]) -> list[int]:
    """The rows of these tables (indices into `doc.tables`)."""
    import numpy as np

    if len(tables) == len(doc.tables):
        return list(range(len(doc.indicators)))
    if not tables:
        return []
    (table,) = columns(doc, config, "table")
    return np.flatnonzero(np.isin(table, tables)).tolist()


def each_distinct(texts: npt.NDArray[np.object_], test: Callable[[str], bool]) -> npt.NDArray[np.bool_]:
    """`test` of each row's text (a text column of the frame: `keterangan_text`, `target_unit`, ...) as a bool
    column, False where the row has none; `test` runs once per distinct text."""
    return map_distinct(texts, test).astype(bool)



def has_kind(kind: npt.NDArray[np.object_], *kinds: str) -> npt.NDArray[np.bool_]:
    """Where a kind column (`target_kind`, ...) holds one of `kinds`."""
    import numpy as np

    out = np.zeros(len(kind), dtype=bool)
    for k in kinds:
        out |= kind == k
    return out


def is_ikm(ind: Indicator) -> bool:
    return _is_ikm_name(ind.indikator)


def is_sakip(ind: Indicator) -> bool:
    return _is_sakip_name(ind.indikator)


def is_persentase(name: str | None) -> bool:
    """The name says percentage (`PERSENTASE_NAME`). Every word the pattern finds holds "sentas" or "%": a
    name without either is ruled out by substring tests first (the pattern runs over thousands of names)."""
    low = (name or "").lower()
    if "sentas" not in low and "%" not in low:
        return False
    return bool(PERSENTASE_NAME.search(norm(name)))


def number_of(v: Value | None) -> float | None:
    """The number of a plain number or percent value (not a range, grade or text)."""
    if v is None or v.kind not in NUMERIC_KINDS or v.number is None:
        return None
    return v.number


def num(x: float, decimals: int | None = None) -> str:
    return fmt_number(x, decimals)


def num_en(x: float, decimals: int | None = None) -> str:
    if decimals is None:
        return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}".rstrip("0").rstrip(".")
    return f"{x:,.{max(decimals, 0)}f}"


def pct(x: float, decimals: int | None = 2) -> str:
    return num(x, decimals) + "%"


def pct_en(x: float, decimals: int | None = 2) -> str:
    return num_en(x, decimals) + "%"


def shown(v: Value | None, cell: Cell | None = None) -> str:
    """A value as the user typed it, for messages."""
    raw = v.raw if v is not None else (cell.value if cell is not None else None)
    if raw is None:
        return "(kosong)"
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return str(raw).strip() or "(kosong)"


def shown_en(v: Value | None, cell: Cell | None = None) -> str:
    s = shown(v, cell)
    return "(empty)" if s == "(kosong)" else s


def value_text(v: Value | None, cell: Cell | None = None) -> str:
    """A number as typed when it was typed as text, else formatted (a percent cell 0.9731 -> 97,31%)."""
    if v is not None and v.number is not None and not isinstance(v.raw, str):
        if v.kind == "percent":
            return pct(v.number, v.decimals if v.decimals is not None else 2)
        return num(v.number, v.decimals)
    return shown(v, cell)


def value_text_en(v: Value | None, cell: Cell | None = None) -> str:
    if v is not None and v.number is not None and not isinstance(v.raw, str):
        if v.kind == "percent":
            return pct_en(v.number, v.decimals if v.decimals is not None else 2)
        return num_en(v.number, v.decimals)
    return shown_en(v, cell)


def place(doc: Document, ind: Indicator, *roles: str) -> tuple[Cell | None, str | None]:
    """(cell, coord) of the first role the row has a cell or a column for (coord shifted like the row)."""
    for role in roles:
        cell = ind.cells.get(role)
        if cell is not None:
            return cell, cell.coord
    table = doc.tables[ind.table] if 0 <= ind.table < len(doc.tables) else None
    for role in roles:
        if table is not None and role in table.columns:
            col = table.columns[role] + ind.shift
            if col >= 1:
                return None, coord(ind.row, col)
    return None, None


def has_column(doc: Document, ind: Indicator, role: str) -> bool:
    if role in ind.cells:
        return True
    table = doc.tables[ind.table] if 0 <= ind.table < len(doc.tables) else None
    return table is not None and role in table.columns


def typed_capaian(ind: Indicator) -> float | None:
    """The capaian as the author wrote it (or their formula's result), percent points."""
    return number_of(ind.capaian)


def same(typed: Value, computed: float, config: Config) -> bool:
    """The typed value equals `computed` at its typed precision (plus the configured tolerance)."""
    return same_at_precision(typed, computed, config.tolerance)


def capped(x: float, config: Config) -> float:
    return min(x, config.cap) if config.cap is not None else x


@dataclass(frozen=True)
class Formulas:
    """The capaian of a row by each formula in use (percent points, after the configured cap)."""

    positive: float | None  # R / T * 100
    negative: float | None  # (2T - R) / T * 100
    inverse: float | None  # T / R * 100

    def fits(self, typed: Value, config: Config) -> tuple[bool, str | None]:
        """(fits R/T, name of the first inverted formula it fits or None)."""
        pos = self.positive is not None and same(typed, self.positive, config)
        inv = None
        if self.negative is not None and same(typed, self.negative, config):
            inv = "negative"
        elif self.inverse is not None and same(typed, self.inverse, config):
            inv = "inverse"
        return pos, inv


def formulas(ind: Indicator, config: Config) -> Formulas | None:
    t, r = number_of(ind.target), number_of(ind.realisasi)
    if t is None or r is None or t == 0:
        return None
    pos = capped(r / t * 100, config)
    neg = capped((2 * t - r) / t * 100, config)
    inv = capped(t / r * 100, config) if r != 0 else None
    return Formulas(pos, neg, inv)


def polarity_declared(ind: Indicator) -> bool:
    """Polarity stated by the table (a POLARITAS column) or by the office's configuration."""
    return ind.polaritas_source in ("kolom", "konfigurasi")


def inverted_fit(ind: Indicator, config: Config) -> str | None:
    """The lower-is-better formula ("negative" | "inverse") the typed capaian fits while R/T does not."""
    typed = ind.capaian
    if typed is None or typed_capaian(ind) is None:
        return None
    f = formulas(ind, config)
    if f is None:
        return None
    pos, inv = f.fits(typed, config)
    return None if pos else inv


@lru_cache(maxsize=16384)
def says_higher_is_better(name: str | None) -> bool:
    """The name says more is better in words ("pengaduan yang diselesaikan", "kasus yang ditangani")."""
    return bool(_POSITIVE_RE.search(norm(name)))


def looks_inverted(ind: Indicator, config: Config) -> tuple[str, float] | None:
    """The typed capaian fits only a lower-is-better formula on a positive indicator whose polarity nobody
    declared and whose name gives no sign of being lower-is-better (Indeks ..., Cakupan ..., Usia Harapan
    Hidup): the classic slip of computing target ÷ realisasi. Measure keeps such rows positive.

    Returns (formula name "negative" | "inverse", the R/T capaian it should be) or None.
    """
    if ind.polaritas != "positif" or polarity_declared(ind) or has_negative_sign(ind.indikator):
        return None
    if says_higher_is_better(ind.indikator):
        return None  # "... yang diselesaikan / ditangani": the name states it; T ÷ R is then just wrong
    typed = ind.capaian
    if typed is None or typed_capaian(ind) is None:
        return None
    f = formulas(ind, config)
    if f is None or f.positive is None:
        return None
    pos, inv = f.fits(typed, config)
    if pos or inv is None:
        return None
    # R = T makes every formula give 100; an exact fit then says nothing about polarity.
    return inv, f.positive


FORMULA_TEXT = {
    "positive": ("realisasi ÷ target × 100", "realisasi ÷ target × 100"),
    "negative": ("(2 × target − realisasi) ÷ target × 100", "(2 × target − realisasi) ÷ target × 100"),
    "inverse": ("target ÷ realisasi × 100", "target ÷ realisasi × 100"),
}


def formula_text(cell: Cell) -> str:
    """A formula cell's formula as Excel shows it, with its "=" ("F8/E8*100" -> "=F8/E8*100")."""
    f = cell.formula or ""
    return f if f.startswith("=") else "=" + f


def formula_cell(ind: Indicator) -> Cell | None:
    c = ind.cells.get("capaian")
    return c if c is not None and c.formula else None
