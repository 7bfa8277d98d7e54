"""Choosing, from a header band (`header.read_band`), the columns of the reporting year's values.

`resolve(band, year, has_data, overrides) -> Resolved` picks, for each role, the column of the reporting year
(Permendagri 86/2017 "Evaluasi terhadap hasil Renja", 54/2010 tables J-1/J-2, LKjIP and PK tables; see
domain.md): the year's target (not the Renstra end-of-period one), the year's cumulative realisasi (a year or
"s/d TW" column, else the quarters themselves, summed later by `measure`), the year's tingkat capaian (not the
Renstra one). In a table of years side by side it is the latest year that has a realisasi, unless the title or
the configuration names one. Nothing here parses values or makes findings.
"""

from __future__ import annotations

import re

from .header import _ORIGINAL, _REVISED, Band, Column, Resolved, norm


def resolve(band: Band, year: int | None, has_data, overrides: dict[str, int] | None = None) -> Resolved:
    """Pick a column per role for the reporting `year` (None: decided here, see the module docstring).

    `has_data(col) -> bool` says whether the rows below the band hold anything in a column (a year of a
    multi-year table with no realisasi yet is not the report's year). `overrides` (role -> column, from
    ``pk-excel.toml``) win over what the headings say.
    """
    cols = list(band.columns.values())
    kin = [c for c in cols if not c.budget]
    bud = [c for c in cols if c.budget]
    year = _pick_year(kin, year, has_data)
    out = Resolved(columns={}, titles={}, year=None)
    for role in ("no", "kode", "sasaran", "indikator", "program", "satuan", "penjelasan", "keterangan", "polaritas",
                 "predikat"):
        found = [c for c in cols if c.role == role]
        if found:
            out.columns[role] = found[0].col
            out.titles[role] = found[0].title
            span = [found[0].col]
            while (nxt := band.columns.get(span[-1] + 1)) is not None and nxt.role == role and nxt.path == found[0].path:
                span.append(nxt.col)
            if len(span) > 1:
                out.spans[role] = tuple(span)
    if "indikator" not in out.columns and "program" in out.columns:
        # a health or monitoring sheet whose indicator column is headed Program / Kegiatan / Upaya
        out.columns["indikator"] = out.columns.pop("program")
        out.titles["indikator"] = out.titles.pop("program")
        if "program" in out.spans:
            out.spans["indikator"] = out.spans.pop("program")
    for role in ("target", "realisasi", "capaian"):
        cands = [c for c in kin if c.role == role]
        chosen = _choose(role, cands, year, has_data)
        if chosen is not None:
            out.columns[role] = chosen.col
            out.titles[role] = chosen.title
        # quarters (or months) of the year: checked against the year's realisasi, or summed when alone
        per = [c for c in cands if c.period is not None and _same_year(c, year) and not c.renstra]
        if role == "realisasi" and len(per) >= 2:
            kind = per[0].period_kind
            per = sorted((c for c in per if c.period_kind == kind), key=lambda c: (c.period, c.col))
            out.periods["realisasi"] = [c.col for c in per]
            out.period_kind = kind
            if chosen is not None and chosen.period is not None:
                # only quarters: the year's realisasi is derived from them (`measure`: the sum for counts,
                # the last one for rates); the column kept is the last period's
                out.columns[role] = per[-1].col
                out.titles[role] = " + ".join(c.title for c in per)
        bchosen = _choose(role, [c for c in bud if (c.role == role or (role == "target" and _is_pagu(c)))
                                 and c.period is None], year, has_data)
        if bchosen is not None:
            out.extra[f"{role}_rp"] = bchosen.col
            out.titles[f"{role}_rp"] = bchosen.title
    caps = [c for c in kin if c.role == "capaian" and not _foreign(c, year)]
    if "realisasi" not in out.columns and len(caps) >= 2 and "target" in out.columns:
        # Target | Capaian | Persentase Capaian: the plain "Capaian" is the value realised, the other the rate
        plain = [c for c in caps if re.match(r"^(capaian|pencapaian)\b", norm(c.path[-1]))
                 and not re.search(r"%|persen", norm(c.path[-1]))]
        if plain:
            out.columns["realisasi"], out.titles["realisasi"] = plain[0].col, plain[0].title
            rest = [c for c in caps if c is not plain[0]]
            out.columns["capaian"], out.titles["capaian"] = rest[-1].col, rest[-1].title
    if "realisasi" not in out.columns and "capaian" in out.columns and "target" in out.columns:
        # An IKU recap (Target | Capaian): the "capaian" is the value realised (31,25% of graduates employed
        # against a target of 40%), the PK capaian is that against the target (domain.md, IKU recaps).
        out.columns["realisasi"] = out.columns.pop("capaian")
        out.titles["realisasi"] = out.titles.pop("capaian")
    # Capaian per quarter (TW I..IV %, or s/d TW n %): checked against the quarters' realisasi.
    taken = set(out.columns.values())
    for c in kin:
        n = c.period or c.upto_period
        if c.role == "capaian" and n and c.col not in taken and c.period_kind != "bulan" and _same_year(c, year):
            out.extra.setdefault(f"capaian_tw{n}", c.col)
            out.titles.setdefault(f"capaian_tw{n}", c.title)
    # The Renstra view of the Renja form: realisasi up to last year, up to this year, its target and capaian.
    for name, pick in (
        ("realisasi_lalu", lambda c: c.role == "realisasi" and (
            c.prior or year is not None and c.upto_year == year - 1)),
        ("realisasi_renstra", lambda c: c.role == "realisasi" and c.renstra and not c.prior and (
            c.upto_year >= year if year is not None and c.upto_year else c.cumulative)),
        ("target_renstra", lambda c: c.role == "target" and c.renstra and (
            year is None or c.year is None or c.year != year)),
        ("capaian_renstra", lambda c: c.role == "capaian" and (c.renstra or c.upto_year is not None)),
    ):
        hit = [c for c in kin if pick(c) and c.col not in taken]
        if hit:
            out.extra[name] = hit[0].col
            out.titles[name] = hit[0].title
            taken.add(hit[0].col)
    for role, override in (overrides or {}).items():
        out.columns[role] = override
        col = band.columns.get(override)
        out.titles[role] = col.title if col else f"(pk-excel.toml) {role}"
    year_cols = [band.columns[c] for r, c in out.columns.items() if r in ("target", "realisasi", "capaian")
                 and c in band.columns]
    years = [c.year for c in year_cols if c.year]
    out.year = years[0] if years else (year if any(c.year for c in kin) else None)
    out.percent = frozenset(r for r, c in out.columns.items() if c in band.columns and band.columns[c].percent)
    return out


def _is_pagu(c: Column) -> bool:
    return any(re.match(r"^(pagu|anggaran|alokasi)", norm(t)) for t in c.path[-1:])


def _same_year(c: Column, year: int | None) -> bool:
    return c.year is None or year is None or c.year == year


def _pick_year(kin: list[Column], hint: int | None, has_data) -> int | None:
    """The reporting year: the title's (or configured) year when the year's columns name it; else the latest
    year of a multi-year realisasi that holds something; else a year the target, realisasi and capaian
    columns share; else the hint."""

    def years(role: str) -> set[int]:
        return {c.year for c in kin if c.role == role and c.year and not (c.renstra or c.prior or c.upto_year)}

    named = years("target") | years("realisasi") | years("capaian")
    targets = years("target")
    if hint is not None and (hint in targets or not targets and (hint in named or not named)):
        return hint
    real = sorted({c.year for c in kin if c.role == "realisasi" and c.year and not c.upto_year})
    if len(real) > 1:
        return _year_from_realisasi(kin, has_data)
    shared = [y for y in sorted(named, reverse=True)
              if sum(y in years(role) for role in ("target", "realisasi", "capaian")) >= 2]
    if shared:
        return shared[0]
    return hint if hint is not None else (real[0] if real else None)


def _year_from_realisasi(kin: list[Column], has_data) -> int | None:
    """Years side by side: the latest year whose realisasi column holds something."""
    years = sorted({c.year for c in kin if c.role == "realisasi" and c.year and not c.upto_year}, reverse=True)
    if len(years) < 2:
        return years[0] if years else None
    for y in years:
        if any(c.role == "realisasi" and c.year == y and has_data(c.col) for c in kin):
            return y
    return years[-1]


def _foreign(c: Column, year: int | None) -> bool:
    """A figure of another period than the reporting year: the Renstra's, up to a year, last year's."""
    return (c.renstra and not c.this_year and (c.year is None or c.year != year)) or c.upto_year is not None \
        or c.prior or (year is not None and c.year is not None and c.year != year)


def _choose(role: str, cands: list[Column], year: int | None, has_data) -> Column | None:
    if role == "capaian":
        # the year's capaian is never the Renstra's (Permendagri 86/2017 has only that one: 15 = 14/6 x 100);
        # without a capaian of the year, pk-excel computes it
        cands = [c for c in cands if not _foreign(c, year)]
    if not cands:
        return None
    if len(cands) == 1:
        return cands[0]

    def score(c: Column) -> float:
        s = 0.0
        if year is not None and c.year is not None:
            s += 4 if c.year == year else (-8 if c.year > year else -6)
        if c.upto_year is not None:
            s -= 5 if role != "target" else 2  # the Renstra figure up to a year, not the year's own
        if c.renstra:
            s -= 3
        if c.this_year:
            s += 2
        if role == "target":
            # "Target PK Awal | Target PK Revisi": the revised target is the one measured against
            if _REVISED.search(c.title.lower()):
                s += 1.5
            elif _ORIGINAL.search(c.title.lower()):
                s -= 1
        if c.prior:
            s -= 6
        if c.period is not None:
            s -= 2 + (4 - min(c.period, 4)) * 0.1  # a later quarter is nearer the year's figure
        elif c.cumulative:
            s += 1 + (c.upto_period or 4) * 0.1
        if role != "target" and not has_data(c.col):
            s -= 0.5
        return s

    ranked = sorted(cands, key=lambda c: (score(c), c.col if role != "target" else -c.col))
    return ranked[-1]
