"""Capaian, recomputed for the whole indicator table at once (pandas).

`measure(doc, options)` parses every target/realisasi/capaian cell (each distinct raw value once), decides
polarity, computes capaian by the rules of domain.md, and fills the indicator's computed fields:
- positive: R / T x 100; negative: (2T - R) / T x 100 (the SKP rule), with T / R x 100 kept as the accepted
  alternative; range targets: inside 100, above divide by the upper bound, below by the lower bound
  (for negative polarity the mirror image); grade targets: ordinal comparison, no numeric capaian;
- zero, missing or non-numeric target, missing realisasi: no capaian, and the status says why.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .model import Value
from .polarity import (
    POSITIVE_RE,
    config_polarity,
    lexicon_polarity,
    lexicon_polarity_hint,
    polarity_from_text,
    said_polarity,
)
from .scales import IKM_NAME, is_ikm_name, numeric, same_at_precision

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pandas as pd

    from .config import Config, Options
    from .model import Document, Indicator


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

# name column -> (its pattern, substrings without which an ASCII name cannot match it, or None)
NAME_TESTS: dict[str, tuple[re.Pattern[str], tuple[str, ...] | None]] = {
    "negative_word": (NEGATIVE_WORDS, None),
    "ikm": (IKM_NAME, ("kepuasan", "ikm", "skm")),
    "sakip": (SAKIP_NAME, ("akip", "akuntabilitas")),
    "persentase": (PERSENTASE_NAME, None),
    "higher_is_better": (POSITIVE_RE, None),
}


def _tester(pattern: re.Pattern[str], needles: tuple[str, ...] | None) -> Callable[[str], bool]:
    search = pattern.search
    if needles is None:
        return lambda t: search(t) is not None
    return lambda t: (not t.isascii() or any(n in t for n in needles)) and search(t) is not None


def name_columns(inds: list[Indicator]) -> dict[str, npt.NDArray[np.bool_]]:
    """What each indicator's name says, as bool columns (`NAME_TESTS`, on the name lower-cased with its spaces
    collapsed): a lower-is-better word, higher-is-better words, IKM, SAKIP, a percentage. Each distinct name is
    normalised and tested once."""
    import numpy as np

    tests = [(col, _tester(pattern, needles)) for col, (pattern, needles) in NAME_TESTS.items()]
    seen: dict[str, int] = {}  # distinct name -> its row in `rows`
    rows: list[tuple[bool, ...]] = []
    which = np.empty(len(inds), dtype=np.intp)
    for k, ind in enumerate(inds):
        name = ind.indikator or ""
        at = seen.get(name)
        if at is None:
            t = SPACE.sub(" ", name.lower()).strip()
            at = seen[name] = len(rows)
            rows.append(tuple(test(t) for _, test in tests))
        which[k] = at
    table = np.array(rows, dtype=bool).reshape(len(rows), len(tests))[which]
    return {col: table[:, i] for i, (col, _) in enumerate(tests)}


# ------------------------------------------------------------------------------------------------ measure


def warm() -> None:
    """Import the table engine (pandas, numpy) now rather than at the first `measure`: a process pool's parent
    calls it so that forked workers start with it loaded."""
    import numpy  # noqa: F401
    import pandas  # noqa: F401


def measure(doc: Document, options: Options) -> None:
    """Parse and recompute every indicator of `doc` in place, as `options.config` says (tolerance, cap,
    polarity, predikat scale)."""
    config = options.config
    import numpy as np
    import pandas as pd  # the table engine: imported where the table work starts

    from . import values
    from .formula import evaluate

    inds = doc.indicators
    if not inds:
        return
    tables = doc.tables
    cache: dict[tuple, Value] = {}
    lookups: dict[str, Any] = {}

    def parse(cell, role: str, pct: bool) -> Value:
        if cell is None:
            return _EMPTY
        raw = cell.value
        key = (raw, type(raw), cell.number_format, role, pct)
        try:
            v = cache.get(key)
        except TypeError:  # an unhashable value: parse it on its own
            return values.parse(raw, cell.number_format, role, pct)
        if v is None:
            v = values.parse(raw, cell.number_format, role, pct)
            cache[key] = v
        return v

    # 1. Normalise: every distinct raw value parsed once.
    for ind in inds:
        pct = tables[ind.table].percent_columns
        ind.target = parse(ind.cells.get("target"), "target", "target" in pct)
        ind.realisasi = parse(ind.cells.get("realisasi"), "realisasi", "realisasi" in pct)
        for role in ("target", "realisasi"):
            cell = ind.cells.get(role)
            if cell is not None and cell.formula and cell.value is None:
                # a formula never computed by a spreadsheet (=SUM of the quarters, =6*2): evaluate it
                if ind.sheet not in lookups:
                    lookups[ind.sheet] = _lookup(doc, ind.sheet)
                result = evaluate(cell.formula, lookups[ind.sheet])
                if result is not None:
                    setattr(ind, role, values.parse(result, cell.number_format, role, role in pct))
        if is_ikm_name(ind.indikator):
            ind.target, ind.realisasi = _as_ikm(ind.target), _as_ikm(ind.realisasi)
        _money_units(ind)
        if ind.target.kind == "percent" or _PERCENT_NAME.match(ind.indikator or ""):
            # "79/80", "158 dari 160 perkara" as the realisasi of a percentage indicator
            for role in ("target", "realisasi"):
                v = getattr(ind, role)
                if v.kind in ("text", "number") and (r := values.ratio_as_percent(v.raw)) is not None:
                    setattr(ind, role, r)
        cap_cell = ind.cells.get("capaian")
        ind.capaian = parse(cap_cell, "capaian", True)
        if cap_cell is not None and cap_cell.formula and cap_cell.value is None:
            # A formula never computed by a spreadsheet: evaluate the simple forms users write.
            if ind.sheet not in lookups:
                lookups[ind.sheet] = _lookup(doc, ind.sheet)
            result = evaluate(cap_cell.formula, lookups[ind.sheet])
            if result is not None:
                ind.formula_result = result
                ind.capaian = values.parse(result, cap_cell.number_format, "capaian", True)
        if not ind.satuan:
            ind.satuan = ind.target.unit if ind.target.unit and ind.target.unit != "%" else None
        if ind.periods and tables[ind.table].columns.get("realisasi") == tables[ind.table].periods[-1]:
            _realisasi_from_periods(ind, [parse(c, "realisasi", "realisasi" in pct) for c in ind.periods], config)

    # 2. The table as columns: numbers, the capaian of every formula, what the typed capaian fits.
    cols = _columns(inds, config)
    T = cols["target"]
    R = cols["realisasi"]
    meant_zero = cols["meant_zero"]
    R_eff = np.where(meant_zero, 0.0, R)

    # 3. Polarity: what the row states (column, configuration, words, a bound, the lexicon) ...
    pol, src = stated_polarity(inds, config)
    # ... else the typed capaian: it fits a lower-is-better formula and not R / T (unless the name reads as
    # higher-is-better), else positive by default.
    unknown = np.fromiter((p is None for p in pol), bool, len(pol))
    by_capaian = (
        unknown
        & ~np.isnan(cols["typed"]) & ~np.isnan(T) & ~np.isnan(R) & (T != 0) & (R != 0)
        & ~cols["fits_pos"] & (cols["fits_neg"] | cols["fits_inv"])
    )
    for u in np.flatnonzero(unknown).tolist():
        if by_capaian[u] and lexicon_polarity_hint(inds[u].indikator):
            pol[u], src[u] = "negatif", "capaian"
        else:
            pol[u], src[u] = "positif", "bawaan"
    polaritas = np.array(pol, dtype=object)
    is_neg = polaritas == "negatif"
    hitung = np.where(is_neg, cols["neg"], cols["pos"])
    if config.cap is not None:
        hitung = np.minimum(hitung, config.cap)

    # 4. Status and capaian as columns (the kinds of target and realisasi decide the reason) ...
    which, cap = _status_columns(inds, T, R_eff, hitung, is_neg, meant_zero)
    # ... but for the rows a column cannot judge: two grades on their scale, a range target against a number.
    for k in np.flatnonzero((which == _GRADES) | (which == _RANGE)).tolist():
        t, r = inds[k].target, inds[k].realisasi
        assert t is not None and r is not None  # set in step 1
        if which[k] == _GRADES:
            which[k] = _compare_grades(t, r)
        elif t.low is None:
            which[k] = _NOT_NUMBER
        else:
            c = _range_capaian(t.low, t.high, R[k], bool(is_neg[k]))
            which[k] = _MET if c >= 100 - 1e-9 else _UNMET
            cap[k] = c if config.cap is None else min(c, config.cap)
    finite = np.isfinite(cap)
    alt = np.where(is_neg & finite, cols["inv"], np.nan)
    # rounded as Python rounds (correctly, unlike numpy's scaled rounding): the reports show these numbers
    capaian_hitung = _rounded(cap, finite)
    capaian_alt = _rounded(alt, np.isfinite(alt))
    hit = np.array([math.nan if x is None else x for x in capaian_hitung], dtype=float)
    predikat = predikat_column(hit, config)
    status = np.array(_STATUS, dtype=object)[which]
    reason = np.array(_REASON, dtype=object)[which]

    # 5. The table, built once from its columns: what was read, what each formula gives, what was decided.
    doc.frame = pd.DataFrame({
        **cols,
        **name_columns(inds),
        "polaritas": polaritas,
        "polaritas_source": np.array(src, dtype=object),
        "capaian_hitung": hit,
        "capaian_alt": np.array([math.nan if x is None else x for x in capaian_alt], dtype=float),
        "status": status,
        "status_reason": reason,
        "predikat": np.array(predikat, dtype=object),
    })
    for ind, p, s, st, why, c, a, pr in zip(inds, pol, src, status.tolist(), reason.tolist(), capaian_hitung,
                                           capaian_alt, predikat, strict=True):
        ind.polaritas, ind.polaritas_source = p, s
        ind.status, ind.status_reason = st, why
        ind.capaian_hitung, ind.capaian_alt, ind.predikat = c, a, pr


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
    inds: list[Indicator],
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
    `R` is the realisasi with the meant zeros, `hitung` the capaian of the row's formula after the cap."""
    import numpy as np

    n = len(inds)
    tk = np.array([i.target.kind if i.target is not None else "empty" for i in inds], dtype=object)
    rk = np.array([i.realisasi.kind if i.realisasi is not None else "empty" for i in inds], dtype=object)
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


def _rounded(x: npt.NDArray[np.float64], finite: npt.NDArray[np.bool_]) -> list[float | None]:
    return [round(v, 6) if ok else None for v, ok in zip(x.tolist(), finite.tolist(), strict=True)]


def stated_polarity(inds: list[Indicator], config: Config) -> tuple[list[str | None], list[str | None]]:
    """(polarity, source) per indicator from what the row states, in order: a POLARITAS column ("kolom"),
    the configuration ("konfigurasi"), the author's words ("keterangan"), a bound in the target ("target":
    "Maks 10 hari" is lower-is-better), the lexicon over the name ("leksikon"); (None, None) when none says."""
    pol: list[str | None] = [None] * len(inds)
    src: list[str | None] = [None] * len(inds)
    lexicon: dict[str, str | None] = {}  # each distinct name looked up once
    configured = bool(config.polarity)
    for k, ind in enumerate(inds):
        cells = ind.cells
        p = polarity_from_text(cells["polaritas"].text) if "polaritas" in cells else None
        if p:
            pol[k], src[k] = p, "kolom"
            continue
        p = config_polarity(ind.indikator, config) if configured else None
        if p:
            pol[k], src[k] = p, "konfigurasi"
            continue
        p = said_polarity(ind.indikator, ind.satuan, *(cells[r].text for r in ("penjelasan", "keterangan")
                                                       if r in cells))
        if p:
            pol[k], src[k] = p, "keterangan"
            continue
        bound = (ind.target.label or "")[:1] if ind.target is not None else ""
        if bound in ("≤", "<", "≥", ">"):
            # "Maks 10 hari" is an upper bound: lower is better; "Min 80%" a lower one
            pol[k], src[k] = ("negatif" if bound in ("≤", "<") else "positif"), "target"
            continue
        name = ind.indikator
        if name not in lexicon:
            lexicon[name] = lexicon_polarity.__wrapped__(name)  # the table's own memo, not the shared cache
        p = lexicon[name]
        if p:
            pol[k], src[k] = p, "leksikon"
    return pol, src


def indicator_frame(inds: list[Indicator], config: Config) -> pd.DataFrame:
    """The indicator table after normalising, one row per indicator (same order), as measured before polarity
    (the columns of `_columns`); the rules build it this way for a document that was not measured."""
    import pandas as pd

    return pd.DataFrame(_columns(inds, config))


def _columns(inds: list[Indicator], config: Config) -> dict[str, npt.NDArray[Any]]:
    """The measured columns of the indicator table (name -> numpy array, one entry per indicator, same order),
    computed at once on whole columns; `measure` builds the DataFrame from them in one call (a DataFrame grown
    column by column costs tens of microseconds a column, and a folder of small tables pays it per file).

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

    n = len(inds)
    T = np.fromiter((_num(i.target) for i in inds), float, n)
    R = np.fromiter((_num(i.realisasi) for i in inds), float, n)
    C = np.fromiter((_num(i.capaian) for i in inds), float, n)
    caps = [i.capaian for i in inds]
    typed = np.fromiter((math.nan if v is None or v.number is None else v.number for v in caps), float, n)
    halves: dict[int, float] = {}
    half = np.empty(n)
    for k, v in enumerate(caps):
        d = 2 if v is None or v.decimals is None else v.decimals
        h = halves.get(d)
        if h is None:
            h = halves[d] = 0.5 * 10 ** (-d)  # as same_at_precision computes it
        half[k] = h
    r_missing = np.fromiter((i.realisasi is not None and i.realisasi.kind in ("missing", "empty") for i in inds),
                            bool, n)
    # A 0 that a capaian formula produced (=IFERROR(F/E*100,0) beside "-") says nothing of the author's intent.
    typed_cap = np.fromiter((not ((c := i.cells.get("capaian")) is not None and c.formula) for i in inds), bool, n)
    with np.errstate(divide="ignore", invalid="ignore"):
        meant_zero = r_missing & (C == 0) & ~np.isnan(T) & (T != 0) & typed_cap
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
