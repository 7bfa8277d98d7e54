"""Capaian, recomputed for the whole indicator table at once (pandas, numpy).

`measure(doc, options)` reads the indicator table as columns and fills each indicator's computed fields:
- the target, realisasi and capaian cells parsed role by role, each distinct raw value once (`ValueColumn`:
  the distinct Values and each row's index into them); the steps a row may need beyond its own cell (a
  formula no spreadsheet computed, an IKM letter, `1,2 M` in a money row, a ratio as a percentage, the year
  from the quarters) run only on the rows the value columns say they can change;
- polarity from what the rows state, each source asked once per distinct text; capaian by the rules of
  domain.md on whole columns: positive R / T x 100; negative (2T - R) / T x 100 (the SKP rule), with
  T / R x 100 kept as the accepted alternative; range targets: inside 100, above divide by the upper bound,
  below by the lower bound (for negative polarity the mirror image); grade targets: ordinal comparison, no
  numeric capaian; zero, missing or non-numeric target, missing realisasi: no capaian, and the status says
  why; status and predikat by their conditions as columns;
- the table left in `doc.frame` (one DataFrame, one row per indicator): what was read (numbers, each value's
  kind, unit, label and notes, the capaian formulas, the penjelasan and keterangan texts), what each formula
  gives, what was decided. The rules pick their rows from it.
"""

from __future__ import annotations

import math
import re
import weakref
from collections.abc import Callable, Iterable, Sequence
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from .model import Value
from .polarity import (
    config_polarity,
    lexicon_polarity_hint,
    name_polarity,
    polarity_from_text,
    said_polarity,
)
from .scales import is_ikm_name, numeric, same_at_precision

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pandas as pd

    from .config import Config, Options
    from .model import Cell, Document, Indicator, Table


# -------------------------------------------------------------------------------------- what a name says

# Words in an indicator name that say lower is better. Only used to stay silent (never to accuse).
NEGATIVE_WORDS = re.compile(
    r"\b(angka kematian|kematian|prevalensi|kemiskinan|miskin|pengangguran|jumlah kasus|kasus|"
    r"waktu (?:penyelesaian|pelayanan|tunggu|proses)|lama (?:waktu|penyelesaian|proses)|stunting|gizi buruk|"
    r"kecelakaan|kriminalitas|pelanggaran|tunggakan|kerugian|penyimpangan|inflasi|gini|kesenjangan|"
    r"kebakaran|banjir|genangan|sengketa|keluhan|temuan|kerusakan|rusak|putus sekolah|buta aksara|"
    r"kumuh|polusi|pencemaran|penyakit|insiden|kejadian|korban)\b"
)
SAKIP_NAME = re.compile(r"\bsakip\b|akuntabilitas\s+kinerja|\blakip\b|\bakip\b")
PERSENTASE_NAME = re.compile(r"\b(persentase|prosentase|presentase|persentasi)\b|%")
SPACE = re.compile(r"\s+")


# ------------------------------------------------------------------------------------------ value columns


class ValueColumn:
    """One role's values down the indicator table: `values` holds the Values, `codes` each row's index into it
    (the rows that read the same raw value share one frozen Value). What the column says about its values
    (`per_value`) is computed once per Value held and spread over the rows with numpy."""

    __slots__ = ("_index", "codes", "values")

    def __init__(self, values: list[Value], codes: list[int]) -> None:
        self.values = values
        self.codes = codes
        self._index: npt.NDArray[np.intp] | None = None  # `codes` as a numpy array, made when first needed

    @classmethod
    def of(cls, row_values: Iterable[Value | None]) -> ValueColumn:
        """The column of these per-row values (None reads as an empty cell), each distinct Value held once."""
        seen: dict[int, int] = {}  # id(value) -> its index in `values` (which keeps it alive)
        values: list[Value] = []
        codes = []
        for v in row_values:
            v = _EMPTY if v is None else v
            code = seen.get(id(v))
            if code is None:
                code = seen[id(v)] = len(values)
                values.append(v)
            codes.append(code)
        return cls(values, codes)

    def set(self, row: int, v: Value) -> None:
        """Row `row` now holds `v`."""
        self.codes[row] = len(self.values)
        self.values.append(v)
        self._index = None

    def rows(self) -> list[Value]:
        """Each row's Value, in row order."""
        values = self.values
        return [values[c] for c in self.codes]

    def index(self) -> npt.NDArray[np.intp]:
        """`codes` as a numpy array: a column of the Values held, indexed with it, is the rows' column."""
        import numpy as np

        if self._index is None:
            self._index = np.array(self.codes, dtype=np.intp)
        return self._index

    def per_value(self, fn: Callable[[Value], Any], dtype: Any) -> npt.NDArray[Any]:
        """`fn(value)` for every row as a numpy column of `dtype`, `fn` called once per Value held."""
        return self.per_value_of(map(fn, self.values), dtype)

    def per_value_of(self, answers: Iterable[Any], dtype: Any) -> npt.NDArray[Any]:
        """A column of `dtype` for every row from one answer per Value held (in `values` order)."""
        import numpy as np

        return np.fromiter(answers, dtype=dtype, count=len(self.values))[self.index()]


def _read_roles(inds: list[Indicator], tables: list[Table], uncomputed: dict[str, list[int]]
                ) -> tuple[dict[str, ValueColumn], dict[str, tuple[Cell | None, ...]]]:
    """The target, realisasi and capaian cells of every row (role -> the rows' cells, None where a row has
    none) parsed (`values.parse`; a capaian always as a percent, the others as their table's header says),
    each role's distinct raw values once. The rows whose cell is a formula that no spreadsheet computed (no
    cached value) go to `uncomputed[role]`."""
    roles = ("target", "realisasi", "capaian")
    get = attrgetter("cells")
    # each row's cells read once for the three roles (a dict lookup per row and role is the cost here)
    per_role = zip(*[(c.get("target"), c.get("realisasi"), c.get("capaian")) for c in map(get, inds)], strict=True)
    cols, cells_of = {}, {}
    for role, cells in zip(roles, per_role, strict=True):
        percent = [True if role == "capaian" else role in t.percent_columns for t in tables]
        uncomputed[role].extend(k for k, c in enumerate(cells) if c is not None and c.value is None and c.formula)
        cols[role] = _read_cells(cells, role, [percent[ind.table] for ind in inds] if len(set(percent)) > 1
                                 else bool(percent and percent[0]))
        cells_of[role] = cells
    return cols, cells_of


def _read_cells(cells: Sequence[Cell | None], role: str, percent: bool | list[bool]) -> ValueColumn:
    """These cells of `role` parsed, each distinct raw value once: a text by itself (a number format does not
    change how a text reads), any other value with its type and format; `percent`: the percent flag of all
    rows, or of each row (then part of the key)."""
    from . import values

    parse = values.parse
    keys: list[Any] = [None if c is None else c.value if c.value.__class__ is str else (
        c.value, c.value.__class__, c.number_format) for c in cells]
    if isinstance(percent, list):
        keys = list(zip(percent, keys, strict=True))
    index: dict[Any, int] = {}  # key -> its place among the distinct keys, in order of first row
    # the codes in one comprehension of dict.setdefault: no Python-level branch per row
    try:
        codes = [index.setdefault(key, len(index)) for key in keys]
        distinct = list(index)
    except TypeError:  # an unhashable value: every row read on its own
        codes, distinct = list(range(len(keys))), keys
    pairs = distinct if isinstance(percent, list) else [(percent, key) for key in distinct]
    # each distinct key read: a text by itself, any other value with its format; None: no cell
    return ValueColumn([_EMPTY if key is None else parse(key, "General", role, pct) if key.__class__ is str
                        else parse(key[0], key[2], role, pct) for pct, key in pairs], codes)


# ------------------------------------------------------------------------------------------------ measure


def warm() -> None:
    """Import the table engine (pandas, numpy) now rather than at the first `measure`: a process pool's parent
    calls it so that forked workers start with it loaded."""
    import numpy  # noqa: F401
    import pandas  # noqa: F401


def measure(doc: Document, options: Options) -> None:
    """Parse and recompute every indicator of `doc` in place, as `options.config` says (tolerance, cap,
    polarity, predikat scale), and leave the table in `doc.frame`."""
    config = options.config
    import numpy as np  # the table engine (numpy, pandas): imported where the table work starts

    from . import values

    inds = doc.indicators
    if not inds:
        return
    n = len(inds)
    tables = doc.tables
    lookups: dict[str, Any] = {}

    def computed(cell: Cell, sheet: str) -> float | None:
        """What a formula no spreadsheet computed gives (=SUM of the quarters, =6*2, =F8/E8*100), or None."""
        from .formula import evaluate

        if sheet not in lookups:
            lookups[sheet] = _lookup(doc, sheet)
        return evaluate(cell.formula or "", lookups[sheet])

    # 1. Normalise, a column at a time: every distinct raw value parsed once ...
    uncomputed: dict[str, list[int]] = {"target": [], "realisasi": [], "capaian": []}
    cols, cells = _read_roles(inds, tables, uncomputed)
    for ind, target, realisasi in zip(inds, cols["target"].rows(), cols["realisasi"].rows(), strict=True):
        ind.target, ind.realisasi = target, realisasi

    def changed(rows: Iterable[int]) -> None:
        for k in rows:
            cols["target"].set(k, inds[k].target or _EMPTY)  # (never None after the reading above)
            cols["realisasi"].set(k, inds[k].realisasi or _EMPTY)

    def either(mask: Callable[[ValueColumn], npt.NDArray[np.bool_]]) -> list[int]:
        """The rows where `mask` holds on the target column or on the realisasi column."""
        return np.flatnonzero(mask(cols["target"]) | mask(cols["realisasi"])).tolist()

    # ... then what a row needs beyond its own cell, each step on the rows it can change, in the order a row
    # goes through them: formulas nobody computed (=SUM of the quarters, =6*2) evaluated,
    for role in ("target", "realisasi"):
        for k in uncomputed[role]:
            ind, cell = inds[k], inds[k].cells[role]
            result = computed(cell, ind.sheet)
            if result is not None:
                pct = role in tables[ind.table].percent_columns
                setattr(ind, role, values.parse(result, cell.number_format, role, pct))
        changed(uncomputed[role])
    # a lone A-D on an IKM indicator read as the IKM mutu letter,
    ikm = [k for k in either(_grades) if is_ikm_name(inds[k].indikator)]
    for k in ikm:
        inds[k].target, inds[k].realisasi = _as_ikm(inds[k].target), _as_ikm(inds[k].realisasi)  # type: ignore[arg-type]
    changed(ikm)
    # `1,2 M` in a money row read as miliar,
    money = either(_money_scaled)
    for k in money:
        _money_units(inds[k])
    changed(money)
    # "79/80", "158 dari 160 perkara" as the realisasi of a percentage indicator,
    ratios = either(_ratios)
    for k in ratios:
        ind = inds[k]
        if ind.target.kind == "percent" or _PERCENT_NAME.match(ind.indikator or ""):  # type: ignore[union-attr]
            for role in ("target", "realisasi"):
                v = getattr(ind, role)
                if v.kind in ("text", "number") and (ratio := values.ratio_as_percent(v.raw)) is not None:
                    setattr(ind, role, ratio)
    changed(ratios)
    # the capaian, its formula evaluated where no spreadsheet computed it,
    capaian = cols["capaian"]
    for ind, typed in zip(inds, capaian.rows(), strict=True):
        ind.capaian = typed
    for k in uncomputed["capaian"]:
        ind, cell = inds[k], inds[k].cells["capaian"]
        result = computed(cell, ind.sheet)
        if result is not None:
            ind.formula_result = result
            ind.capaian = values.parse(result, cell.number_format, "capaian", True)
            capaian.set(k, ind.capaian)
    # the satuan a target's unit gives,
    for ind, unit in zip(inds, cols["target"].per_value(_satuan_of, object).tolist(), strict=True):
        if not ind.satuan:
            ind.satuan = unit
    # and the year's realisasi from its quarters or months when the table has no year column.
    by_periods = [i for i, t in enumerate(tables) if t.periods and t.columns.get("realisasi") == t.periods[-1]]
    table_of = np.fromiter((ind.table for ind in inds), dtype=np.intp, count=n)
    for k in np.flatnonzero(np.isin(table_of, by_periods)).tolist() if by_periods else ():
        ind = inds[k]
        if ind.periods:
            pct = "realisasi" in tables[ind.table].percent_columns
            periods = [_EMPTY if c is None else values.parse(c.value, c.number_format, "realisasi", pct)
                       for c in ind.periods]
            _realisasi_from_periods(ind, periods, config)
            cols["realisasi"].set(k, ind.realisasi or _EMPTY)

    # 2. The table as columns: numbers, the capaian of every formula, what the typed capaian fits.
    formula = np.array([c is not None and bool(c.formula) for c in cells["capaian"]], dtype=bool)
    about = {role: _value_columns(col) for role, col in cols.items()}
    table = _columns(about, formula, config)
    T = table["target"]
    R = table["realisasi"]
    meant_zero = table["meant_zero"]
    R_eff = np.where(meant_zero, 0.0, R)

    # 3. Polarity: what the row states (column, configuration, words, a bound, the lexicon) ...
    texts = _cell_texts(inds, ("polaritas", "penjelasan", "keterangan"), _table_roles(tables))
    pol, src = stated_polarity(inds, config, cols["target"], texts)
    # ... else the typed capaian: it fits a lower-is-better formula and not R / T (unless the name reads as
    # higher-is-better), else positive by default.
    unknown = pol == None  # noqa: E711 - elementwise
    by_capaian = (
        unknown
        & ~np.isnan(table["typed"]) & ~np.isnan(T) & ~np.isnan(R) & (T != 0) & (R != 0)
        & ~table["fits_pos"] & (table["fits_neg"] | table["fits_inv"])
    )
    pol[unknown], src[unknown] = "positif", "bawaan"
    for k in np.flatnonzero(by_capaian).tolist():
        if lexicon_polarity_hint(inds[k].indikator):
            pol[k], src[k] = "negatif", "capaian"
    is_neg = pol == "negatif"
    hitung = np.where(is_neg, table["neg"], table["pos"])
    if config.cap is not None:
        hitung = np.minimum(hitung, config.cap)

    # 4. Status and capaian as columns (the kinds of target and realisasi decide the reason) ...
    which, cap = _status_columns(about["target"]["kind"], about["realisasi"]["kind"], T, R_eff, hitung, is_neg,
                                 meant_zero)
    # ... but for the rows a column cannot judge: two grades on their scale, a range target against a number.
    for k in np.flatnonzero((which == _GRADES) | (which == _RANGE)).tolist():
        t, r = inds[k].target, inds[k].realisasi
        assert t is not None and r is not None  # set in step 1
        if which[k] == _GRADES:
            which[k] = _compare_grades(t, r)
        elif t.low is None:
            which[k] = _NOT_NUMBER
        else:
            ranged = _range_capaian(t.low, t.high, R[k], bool(is_neg[k]))
            which[k] = _MET if ranged >= 100 - 1e-9 else _UNMET
            cap[k] = ranged if config.cap is None else min(ranged, config.cap)
    alt = np.where(is_neg & np.isfinite(cap), table["inv"], np.nan)
    # rounded as Python's round() rounds (`_rounded`): the reports show these numbers
    hit, capaian_hitung = _rounded(cap)
    alt, capaian_alt = _rounded(alt)
    predikat = predikat_column(hit, config)
    status = np.array(_STATUS, dtype=object)[which]
    reason = np.array(_REASON, dtype=object)[which]

    # 5. The table, built once from its columns: what was read, what each formula gives, what was decided.
    doc.frame = _frame({
        "table": table_of,
        **table,
        **{f"{role}_{name}": about[role][name] for role in about for name in _FRAME_VALUE_COLUMNS},
        "capaian_formula": formula,
        "capaian_uncomputed": _rows_mask(n, uncomputed["capaian"]),
        **_text_columns(texts, n),
        "polaritas": pol,
        "polaritas_source": src,
        "capaian_hitung": hit,
        "capaian_alt": alt,
        "status": status,
        "status_reason": reason,
        "predikat": np.array(predikat, dtype=object),
    })
    for ind, p, s, st, why, c, a, pr in zip(inds, pol.tolist(), src.tolist(), status.tolist(), reason.tolist(),
                                           capaian_hitung, capaian_alt, predikat, strict=True):
        ind.polaritas, ind.polaritas_source = p, s
        ind.status, ind.status_reason = st, why
        ind.capaian_hitung, ind.capaian_alt, ind.predikat = c, a, pr


def _frame(columns: dict[str, npt.NDArray[Any]]) -> pd.DataFrame:
    """The DataFrame of these columns, built in one call; an object column stays object (pandas 3 would make
    a column of texts its string dtype: a copy per column, and None read back as NaN). The columns, made
    read-only, stay beside it while it lives (`frame_columns`)."""
    import pandas as pd

    index = pd.RangeIndex(len(next(iter(columns.values()))))  # one index object: nothing to align
    frame = pd.DataFrame({name: pd.Series(column, index=index, dtype=object, copy=False)
                          if column.dtype == object else column for name, column in columns.items()},
                         index=index, copy=False)
    for column in columns.values():
        column.flags.writeable = False
    _BUILT_FROM[id(frame)] = columns
    weakref.finalize(frame, _BUILT_FROM.pop, id(frame), None)
    return frame


# The numpy columns each living frame was built from: a DataFrame gives a column in tens of microseconds,
# and the rules of a folder of small tables read some thirty per file.
_BUILT_FROM: dict[int, dict[str, npt.NDArray[Any]]] = {}


def frame_columns(frame: pd.DataFrame) -> dict[str, npt.NDArray[Any]] | None:
    """The read-only numpy columns `measure` (or `indicator_frame`) built `frame` from, the same values as
    its columns; None for a frame built otherwise."""
    return _BUILT_FROM.get(id(frame))


def _grades(col: ValueColumn) -> npt.NDArray[np.bool_]:
    return col.per_value(attrgetter("kind"), object) == "grade"


def _money_scaled(col: ValueColumn) -> npt.NDArray[np.bool_]:
    """The values whose unit is a money scale word (`1,2 M`, `150 jt`), which `_money_units` may read as rupiah
    (each distinct unit tested once)."""
    units = list(map(attrgetter("unit"), col.values))
    scale = {u: u is not None and u.lower().rstrip(".") in _MONEY_UNITS for u in set(units)}
    return col.per_value_of(map(scale.__getitem__, units), bool)


def _ratios(col: ValueColumn) -> npt.NDArray[np.bool_]:
    """The texts and numbers that state a ratio (`79/80`, `158 dari 160 perkara`: `values.ratio_of`)."""
    from .values import ratio_of

    return col.per_value_of((v.kind in ("text", "number") and ratio_of(v.raw) is not None for v in col.values), bool)


def _satuan_of(v: Value) -> str | None:
    """The satuan a target's unit gives a row without one (`6 unit` -> unit; not %)."""
    return v.unit if v.unit and v.unit != "%" else None


def _has_formula(inds: list[Indicator], role: str) -> npt.NDArray[np.bool_]:
    """Whether each row's cell of `role` holds a formula."""
    import numpy as np

    return np.array([(cell := ind.cells.get(role)) is not None and bool(cell.formula) for ind in inds], dtype=bool)


def _rows_mask(n: int, rows: list[int]) -> npt.NDArray[np.bool_]:
    import numpy as np

    mask = np.zeros(n, dtype=bool)
    mask[rows] = True
    return mask


def _value_columns(col: ValueColumn) -> dict[str, npt.NDArray[Any]]:
    """What the rules pick rows by, per role: the value's kind, unit and label (None when it has none), whether
    the parser noted an assumption reading it (`notes`); and for arithmetic its `number` (NaN: none) and
    `half`, half a unit of the decimals it was typed with (2 when not fixed). Each Value held is read once."""
    import numpy as np

    count = len(col.values)
    values = col.values if count else [_EMPTY]  # (zip of nothing unpacks to nothing; no row reads it)
    kind, number, unit, label, decimals, notes = zip(
        *map(attrgetter("kind", "number", "unit", "label", "decimals", "notes"), values), strict=True)
    count = len(values)
    halves = {d: 0.5 * 10 ** (-(2 if d is None else d)) for d in set(decimals)}  # as same_at_precision has it
    per_value = {
        "kind": np.fromiter(kind, dtype=object, count=count),
        "unit": np.fromiter(unit, dtype=object, count=count),
        "label": np.fromiter(label, dtype=object, count=count),
        "notes": np.fromiter(map(bool, notes), dtype=bool, count=count),
        "number": np.fromiter(number, dtype=float, count=count),
        "half": np.fromiter(map(halves.__getitem__, decimals), dtype=float, count=count),
    }
    return {name: column[col.index()] for name, column in per_value.items()}


_FRAME_VALUE_COLUMNS = ("kind", "unit", "label", "notes")  # of `_value_columns`, the frame's `<role>_<name>`


# Status codes of `_status_columns`: index into _STATUS and _REASON.
(_MET, _UNMET, _GRADES, _NO_REALISASI, _GRADE_ONE, _TARGET_MISSING, _RANGE, _NOT_NUMBER, _TARGET_NAN, _ZERO_MET,
 _ZERO_UNMET, _ZERO, _MEANT_ZERO, _GRADE_MET, _GRADE_UNMET) = range(15)
_STATUS = ("tercapai", "tidak tercapai", None, "belum ada data", "tidak dapat dihitung", "tidak dapat dihitung", None,
           "tidak dapat dihitung", "tidak dapat dihitung", "tercapai", "tidak tercapai", "tidak dapat dihitung",
           "tidak tercapai", "tercapai", "tidak tercapai")
_REASON = (None, None, None, "realisasi-kosong", "nilai-mutu", "target-kosong", None, "realisasi-bukan-angka",
           "target-bukan-angka", "target-nol-negatif", "target-nol-negatif", "target-nol", "realisasi-nol-dari-capaian",
           "nilai-mutu", "nilai-mutu")


def _status_columns(
    tk: npt.NDArray[np.object_],
    rk: npt.NDArray[np.object_],
    T: npt.NDArray[np.float64],
    R: npt.NDArray[np.float64],
    hitung: npt.NDArray[np.float64],
    negative: npt.NDArray[np.bool_],
    meant_zero: npt.NDArray[np.bool_],
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.float64]]:
    """(status code, capaian) per indicator, the first condition that holds deciding, in this order:

    a grade on either side (two grades: `_GRADES`, compared row by row; realisasi missing; else not
    computable), target missing, a range target (realisasi missing; a number: `_RANGE`, row by row; else not a
    number), target not a number, target 0 (lower is better with a realisasi: 0 against 0 is achieved, 100%,
    above 0 is not, 0%; else not computable), realisasi meant as 0 (not achieved: 0%, or the negative formula),
    realisasi missing, realisasi or capaian not a number; else achieved when R >= T (R <= T lower is better).
    `tk`, `rk` are the kinds of target and realisasi, `R` the realisasi with the meant zeros, `hitung` the
    capaian of the row's formula after the cap."""
    import numpy as np

    n = len(tk)
    t_missing = (tk == "missing") | (tk == "empty")
    r_missing = (rk == "missing") | (rk == "empty")
    t_grade, r_grade = tk == "grade", rk == "grade"
    t_range = tk == "range"
    r_nan = np.isnan(R)
    zero = T == 0
    zero_scored = zero & negative & ~r_missing & ~r_nan
    # (condition, code): the first that holds decides; written last to first, so an earlier one overwrites
    decided = (
        (t_grade & r_grade, _GRADES), ((t_grade | r_grade) & r_missing, _NO_REALISASI), (t_grade | r_grade, _GRADE_ONE),
        (t_missing, _TARGET_MISSING),
        (t_range & r_missing, _NO_REALISASI), (t_range & ((rk == "number") | (rk == "percent")), _RANGE),
        (t_range, _NOT_NUMBER),
        (np.isnan(T), _TARGET_NAN),
        (zero_scored & (R <= 0), _ZERO_MET), (zero_scored, _ZERO_UNMET), (zero, _ZERO),
        (meant_zero, _MEANT_ZERO),
        (r_missing, _NO_REALISASI), (r_nan, _NOT_NUMBER), (~np.isfinite(hitung), _NOT_NUMBER),
        (np.where(negative, R <= T, R >= T), _MET),
    )
    which = np.full(n, _UNMET, dtype=np.intp)
    for condition, code in reversed(decided):
        which[condition] = code
    computed = (which == _MET) | (which == _UNMET) | ((which == _MEANT_ZERO) & negative)
    cap = np.where(computed, hitung, np.nan)
    cap[which == _ZERO_MET] = 100.0
    cap[(which == _ZERO_UNMET) | ((which == _MEANT_ZERO) & ~negative)] = 0.0
    return which, cap


def _compare_grades(t: Value, r: Value) -> int:
    """The status code of a grade realisasi against a grade target (on their scale)."""
    from .grades import compare_grades

    assert r.grade is not None and t.grade is not None  # kind "grade" carries one
    try:
        return _GRADE_MET if compare_grades(r.grade, t.grade) >= 0 else _GRADE_UNMET
    except ValueError:  # grades of scales that cannot be compared (WTP vs BB)
        return _GRADE_ONE


def _rounded(x: npt.NDArray[np.float64]) -> tuple[npt.NDArray[np.float64], list[float | None]]:
    """`x` rounded to 6 decimals as Python's round() does (the double nearest to the decimal rounded half to
    even), as a column (NaN where not finite) and as a list (None).

    numpy rounds `x * 1e6` to an integer and divides: the same number unless the product falls within its
    own rounding error of a half (there the two may pick different neighbours) or has no fraction left (over
    2**52). Those few, and only those, are rounded by Python."""
    import numpy as np

    finite = np.isfinite(x)
    with np.errstate(invalid="ignore", over="ignore"):
        scaled = x * 1e6
        whole = np.rint(scaled)
        fraction = np.abs(scaled - np.trunc(scaled))
        column = np.where(finite, whole / 1e6, np.nan)
        doubtful = finite & ((np.abs(fraction - 0.5) <= 4 * np.spacing(np.abs(scaled))) | ~(np.abs(scaled) < 2.0**52))
    for k in np.flatnonzero(doubtful).tolist():
        column[k] = round(float(x[k]), 6)
    out: list[float | None] = column.tolist()
    if not finite.all():
        out = [None if v != v else v for v in out]  # NaN: not finite
    return column, out


def stated_polarity(inds: list[Indicator], config: Config, targets: ValueColumn | None = None,
                    texts: dict[str, npt.NDArray[np.object_] | None] | None = None
                    ) -> tuple[npt.NDArray[np.object_], npt.NDArray[np.object_]]:
    """(polarity, source) per indicator as object columns, from what the row states, in order: a POLARITAS
    column ("kolom"), the configuration ("konfigurasi"), the author's words in the name, satuan, penjelasan
    or keterangan ("keterangan"), a bound in the target ("target": "Maks 10 hari" is lower-is-better), the
    lexicon over the name ("leksikon"); None, None where none says. Each source is asked only for the rows
    the sources before it left open, once per distinct text. `targets` (the target column) and `texts` (the
    polaritas, penjelasan and keterangan cells' texts: `_cell_texts`) when the caller has them."""
    import numpy as np

    n = len(inds)
    pol = np.full(n, None, dtype=object)
    src = np.full(n, None, dtype=object)
    open_ = np.ones(n, dtype=bool)

    def decide(said: npt.NDArray[np.object_], source: str) -> None:
        hit = open_ & (said != None)  # noqa: E711 - elementwise
        pol[hit], src[hit] = said[hit], source
        open_[hit] = False

    if texts is None:
        texts = _cell_texts(inds, ("polaritas", "penjelasan", "keterangan"))
    names = [ind.indikator for ind in inds]
    # each distinct name read once, for what its words say and what the lexicon says (`name_polarity`)
    seen: dict[str, tuple[str | None, str | None]] = {}
    read = [(None, None) if name is None else seen[name] if name in seen
            else seen.setdefault(name, name_polarity(name)) for name in names]
    in_words, by_lexicon = (np.fromiter(said, dtype=object, count=n) for said in zip(*read)) if n else (pol, pol)
    if texts["polaritas"] is not None:
        decide(map_distinct(texts["polaritas"], polarity_from_text), "kolom")
    if config.polarity:
        decide(map_distinct(names, lambda name: config_polarity(name, config)), "konfigurasi")
    decide(in_words, "keterangan")
    for said in ([ind.satuan for ind in inds], texts["penjelasan"], texts["keterangan"]):
        if said is not None:
            decide(map_distinct(said, said_polarity), "keterangan")
    if targets is None:
        targets = ValueColumn.of(ind.target for ind in inds)
    # "Maks 10 hari" is an upper bound: lower is better; "Min 80%" a lower one
    decide(targets.per_value(lambda v: _BOUND_POLARITY.get((v.label or "")[:1]), object), "target")
    decide(by_lexicon, "leksikon")
    return pol, src


_BOUND_POLARITY = {"≤": "negatif", "<": "negatif", "≥": "positif", ">": "positif"}


def _cell_texts(inds: list[Indicator], roles: tuple[str, ...], present: Iterable[str] | None = None
                ) -> dict[str, npt.NDArray[np.object_] | None]:
    """Each row's cell text (`Cell.text`) in each of `roles` as object columns, None where the row has no cell;
    `present`: the roles rows can have cells in (None: any), a role outside it gets None for the column."""
    import numpy as np

    out: dict[str, npt.NDArray[np.object_] | None] = {}
    for role in roles:
        if present is not None and role not in present:
            out[role] = None
        else:
            cells = [ind.cells.get(role) for ind in inds]
            # a text cell's text is its value (Cell.text, without the property's call per row)
            out[role] = np.array([c if c is None else v if (v := c.value).__class__ is str else c.text
                                  for c in cells], dtype=object)
    return out


def _text_columns(texts: dict[str, npt.NDArray[np.object_] | None], n: int) -> dict[str, npt.NDArray[np.object_]]:
    """The frame's `penjelasan_text` and `keterangan_text` of `_cell_texts`."""
    import numpy as np

    return {f"{role}_text": np.full(n, None, dtype=object) if (column := texts[role]) is None else column
            for role in ("penjelasan", "keterangan")}


def _table_roles(tables: list[Table]) -> set[str]:
    """The roles of every table's columns: an indicator's cells are its table's columns (`locate`)."""
    return {role for t in tables for role in (*t.columns, *t.extra_columns)}


def map_distinct(texts: Sequence[str | None] | npt.NDArray[np.object_], fn: Callable[[str], Any]
                 ) -> npt.NDArray[np.object_]:
    """`fn(text)` for every row's text as an object column, `fn` called once per distinct text; None where the
    row has no text. (The rules use it on the frame's text columns too.)"""
    import numpy as np

    seen: dict[str, Any] = {}
    rows = texts.tolist() if isinstance(texts, np.ndarray) else texts
    return np.array([None if t is None else seen[t] if t in seen else seen.setdefault(t, fn(t))
                     for t in rows], dtype=object)


def indicator_frame(inds: list[Indicator], config: Config) -> pd.DataFrame:
    """The indicator table as `measure` leaves it in `doc.frame`, one row per indicator (same order), read
    back from the indicators' fields; the rules build it this way for a document that was not measured."""
    import numpy as np

    n = len(inds)
    cols = {role: ValueColumn.of(getattr(ind, role) for ind in inds) for role in ("target", "realisasi", "capaian")}
    formula = _has_formula(inds, "capaian")

    def field(name: str, dtype: Any) -> npt.NDArray[Any]:
        got = [getattr(ind, name) for ind in inds]
        return np.array([np.nan if x is None else x for x in got], dtype=float) if dtype is float else np.array(
            got, dtype=dtype)

    about = {role: _value_columns(col) for role, col in cols.items()}
    return _frame({
        "table": np.fromiter((ind.table for ind in inds), dtype=np.intp, count=n),
        **_columns(about, formula, config),
        **{f"{role}_{name}": about[role][name] for role in about for name in _FRAME_VALUE_COLUMNS},
        "capaian_formula": formula,
        "capaian_uncomputed": np.fromiter(
            ((c := ind.cells.get("capaian")) is not None and bool(c.formula) and c.value is None for ind in inds),
            dtype=bool, count=n),
        **_text_columns(_cell_texts(inds, ("penjelasan", "keterangan")), n),
        "polaritas": field("polaritas", object),
        "polaritas_source": field("polaritas_source", object),
        "capaian_hitung": field("capaian_hitung", float),
        "capaian_alt": field("capaian_alt", float),
        "status": field("status", object),
        "status_reason": field("status_reason", object),
        "predikat": field("predikat", object),
    })


def _columns(about: dict[str, dict[str, npt.NDArray[Any]]], formula: npt.NDArray[np.bool_], config: Config
             ) -> dict[str, npt.NDArray[Any]]:
    """The measured columns of the indicator table (name -> numpy array, one entry per indicator, same order),
    computed at once on whole columns from the value columns of target, realisasi and capaian (`about`, of
    `_value_columns`; `formula`: the capaian cell is a formula); `measure` builds the DataFrame from them in
    one call (a DataFrame grown column by column costs tens of microseconds a column, and a folder of small
    tables pays it per file).

    - `target`, `realisasi`, `capaian`: the numbers for arithmetic (numbers, percents, money; NaN otherwise),
      percent points for percents; `typed`: the typed capaian's number whatever its kind (NaN if none);
      `decimals_half`: half a unit of the decimals it was typed with (2 when not fixed);
    - `pos` = R / T x 100, `neg` = (2T - R) / T x 100, `inv` = T / R x 100 (NaN/inf where undefined), with R = 0
      where the author meant 0 (`meant_zero`: realisasi missing, typed capaian 0 that no formula produced,
      target a non-zero number);
    - `fits_pos`, `fits_neg`, `fits_inv`: the typed capaian equals that formula at its typed precision
      (`scales.same_at_precision`, with the configured tolerance);
    - `rule_pos`, `rule_neg`, `rule_inv`: the rules' view (R as typed, after the configured cap, `inv` NaN for
      R = 0), and `rule_fits_*` of a capaian of a numeric kind against them.
    """
    import numpy as np

    def arithmetic(role: str) -> npt.NDArray[np.float64]:
        v = about[role]
        return np.where(np.isin(v["kind"], _NUMERIC_KINDS), v["number"], np.nan)

    T, R, C = arithmetic("target"), arithmetic("realisasi"), arithmetic("capaian")
    typed = about["capaian"]["number"]
    half = about["capaian"]["half"]
    r_missing = np.isin(about["realisasi"]["kind"], ("missing", "empty"))
    # A 0 that a capaian formula produced (=IFERROR(F/E*100,0) beside "-") says nothing of the author's intent.
    with np.errstate(divide="ignore", invalid="ignore"):
        meant_zero = r_missing & (C == 0) & ~np.isnan(T) & (T != 0) & ~formula
        pos = R / T * 100
        neg = (2 * T - R) / T * 100
        inv = T / R * 100
        R0 = np.where(meant_zero, 0.0, R)
        pos = np.where(meant_zero, 0.0, pos)
        neg = np.where(meant_zero, (2 * T - R0) / T * 100, neg)
    limit = half + config.tolerance + 1e-9

    def fits(x: np.ndarray, against: np.ndarray) -> np.ndarray:
        with np.errstate(invalid="ignore"):
            return ~np.isnan(against) & ~np.isnan(x) & (np.abs(against - x) <= limit)

    usable = ~np.isnan(T) & ~np.isnan(R) & (T != 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        rule_pos = np.where(usable, R / T * 100, np.nan)
        rule_neg = np.where(usable, (2 * T - R) / T * 100, np.nan)
        rule_inv = np.where(usable & (R != 0), T / R * 100, np.nan)
    if config.cap is not None:
        rule_pos, rule_neg, rule_inv = (np.minimum(x, config.cap) for x in (rule_pos, rule_neg, rule_inv))
    return {
        "target": T, "realisasi": R, "capaian": C, "typed": typed, "decimals_half": half,
        "meant_zero": meant_zero, "pos": pos, "neg": neg, "inv": inv,
        "fits_pos": fits(pos, typed), "fits_neg": fits(neg, typed), "fits_inv": fits(inv, typed),
        "rule_pos": rule_pos, "rule_neg": rule_neg, "rule_inv": rule_inv,
        "rule_fits_pos": fits(rule_pos, C), "rule_fits_neg": fits(rule_neg, C), "rule_fits_inv": fits(rule_inv, C),
    }


_NUMERIC_KINDS = ("number", "percent", "money")  # the kinds whose number takes part in arithmetic (`numeric`)


def predikat_column(capaian: npt.NDArray[np.float64], config: Config) -> list[str | None]:
    """`scales.predikat_of` of a column of capaian (percent points, NaN: none): the first label whose lower
    bound the value reaches, else the last label."""
    import numpy as np

    x = np.asarray(capaian, dtype=float)
    bounds = config.predikat
    out = np.full(len(x), None, dtype=object)
    todo = ~np.isnan(x)
    for bound, label in bounds:
        hit = todo & (x >= bound)
        out[hit] = label
        todo &= ~hit
    if bounds:
        out[todo] = bounds[-1][1]
    return out.tolist()


_RATE_UNITS = re.compile(r"^(%|persen|indeks|index|nilai|rasio|poin|skor|point|angka|rata rata|per\b.*)$", re.I)
_RATE_NAMES = re.compile(
    r"^\W*(persentase|prosentase|presentase|indeks|index|rasio|rata-rata|rata rata|rerata|tingkat|angka|nilai|"
    r"prevalensi|cakupan|proporsi|skor|laju|pertumbuhan|ipm|ikm|opini|predikat)\b", re.I
)


_MONEY_UNITS = {"m": 1e9, "t": 1e12, "jt": 1e6, "rb": 1e3}


def _money_units(ind: Indicator) -> None:
    """`1,2 M` beside `Rp 1,5 M`, or under a satuan Rp: the M is miliar, not a unit (and `150 jt` juta)."""
    from dataclasses import replace

    sides = (ind.target, ind.realisasi)
    money_row = any(v is not None and v.kind == "money" for v in sides) or (
        (ind.satuan or "").strip().lower().rstrip(".") in ("rp", "rupiah", "idr"))
    if not money_row:
        return
    for role in ("target", "realisasi"):
        v = getattr(ind, role)
        scale = _MONEY_UNITS.get((v.unit or "").lower().rstrip(".")) if v is not None and v.kind == "number" else None
        if scale and v.number is not None:
            setattr(ind, role, replace(v, kind="money", number=v.number * scale, unit="Rp", decimals=None))


_PERCENT_NAME = re.compile(r"^\W*(persentase|prosentase|presentase|proporsi|tingkat|cakupan|rasio)\b", re.I)


def is_rate(ind: Indicator) -> bool:
    """A percentage, index or average (its year is the last period, or their average), not a count (the sum).

    Decided by the target's form (a percent), the satuan (%, indeks, nilai, rasio, per ...) or the indicator's
    name (Persentase, Indeks, Rasio, Rata-rata, Tingkat, Angka, Cakupan, ...).
    """
    if ind.target is not None and ind.target.kind in ("percent", "range", "grade"):
        return True
    if ind.satuan and _RATE_UNITS.match(ind.satuan.strip()):
        return True
    return bool(_RATE_NAMES.match(ind.indikator or ""))


def _realisasi_from_periods(ind: Indicator, vals: list[Value], config: Config) -> None:
    """The year's realisasi from its quarters or months when the table has no year column.

    A count is the sum of its periods, a rate (see `is_rate`) the last period filled. When the typed capaian
    shows the other reading (quarters typed cumulatively: TW IV already the year's count; a rate averaged),
    that one is taken. Periods not yet filled are left out.
    """
    from dataclasses import replace

    filled = [(c, v) for c, v in zip(ind.periods, vals) if c is not None and v.kind in ("number", "percent")]
    if not filled:
        return
    nums = [v.number for _, v in filled if v.number is not None]
    last_cell, last = filled[-1]
    readings = [("jumlah", math.fsum(nums)), ("terakhir", last.number)]
    if is_rate(ind):
        readings = [("terakhir", last.number), ("rata-rata", math.fsum(nums) / len(nums))]
    chosen = readings[0]
    t, c = numeric(ind.target), ind.capaian
    if t and c is not None and c.number is not None:
        for name, r in readings:
            if r is not None and any(
                same_at_precision(c, x, config.tolerance) for x in (r / t * 100, (2 * t - r) / t * 100)
            ):
                chosen = (name, r)
                break
    name, r = chosen
    ind.cells["realisasi"] = last_cell
    ind.realisasi_derived = name
    if name == "terakhir":
        ind.realisasi = last
    else:
        decimals = max((v.decimals or 0) for _, v in filled)
        ind.realisasi = replace(last, raw=r, number=r, form=f"{name}-periode", decimals=decimals, notes=())



def _range_capaian(low: float, high: float | None, r: float, negative: bool) -> float:
    high = low if high is None else high
    if low > high:
        low, high = high, low
    if low <= r <= high:
        return 100.0
    if not negative:
        return r / high * 100 if r > high else r / low * 100
    # lower is better: below the range is better than it, above is worse
    return (2 * low - r) / low * 100 if r < low else (2 * high - r) / high * 100


def _num(v: Value | None) -> float:
    x = numeric(v)
    return math.nan if x is None else float(x)


_PLAIN_NUMBER = re.compile(r"^\s*[-+]?\d+(?:[.,]\d+)?\s*%?\s*$")


def _lookup(doc: Document, sheet: str):
    """A cell lookup for formula evaluation: a cell of the indicator rows of `sheet`, parsed."""
    from . import values

    by_coord = {}
    for other in doc.indicators:
        if other.sheet == sheet:
            for cell in (*other.cells.values(), *(c for c in other.periods if c is not None),
                         *other.numbered.values()):
                by_coord[cell.coord] = cell

    from .formula import evaluate

    busy: set[str] = set()  # the cells being evaluated: a circular reference gives None, not a loop

    def lookup(ref: str) -> float | None:
        key = ref.replace("$", "").upper()
        cell = by_coord.get(key)
        if cell is None:
            return None
        if cell.formula and cell.value is None:
            # a formula never computed, referring to another one (=E5/D5*100 over =SUM(G5:J5)): evaluate it
            if key in busy or len(busy) > 8:
                return None
            busy.add(key)
            try:
                return evaluate(cell.formula, lookup)
            finally:
                busy.discard(key)
        if isinstance(cell.value, str) and not _PLAIN_NUMBER.match(cell.value):
            return None  # "6 unit" in arithmetic is #VALUE! in Excel: no result to check against
        v = values.parse(cell.value, cell.number_format)
        if v.kind == "percent" and v.number is not None and cell.number_format and "%" in cell.number_format:
            return v.number / 100  # Excel sees the ratio
        return v.number if v.kind in ("number", "percent", "money") else None

    return lookup


_EMPTY = Value(raw=None, kind="empty", form="empty")
_IKM_RANK = {"A": 4, "B": 3, "C": 2, "D": 1}


def _as_ikm(v: Value) -> Value:
    """A lone A-D on an IKM indicator is the IKM mutu letter, not a SAKIP grade: no assumption to report."""
    from dataclasses import replace

    from .model import Grade

    g = v.grade
    if v.kind != "grade" or g is None or g.scale != "sakip" or g.code not in _IKM_RANK:
        return v
    notes = tuple(n for n in v.notes if n.code != "grade-scale-assumed")
    return replace(v, grade=Grade("ikm", g.code, _IKM_RANK[g.code]), notes=notes)
