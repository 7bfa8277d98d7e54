"""The report as JSON (a stable, documented schema) and as terminal output.

JSON numbers for percentages are percent points (97,31% -> 97.31); null where there is none.
"""

from __future__ import annotations

import datetime as _dt
import json
import sys
from typing import IO, TYPE_CHECKING, Any, TextIO

from .model import FileReport, Indicator, Report, Value
from .model import Table as PkTable
from .severity import SEVERITIES, Severity, words
from .texts import (
    REPORT_CELL,
    REPORT_CLEAN,
    REPORT_MESSAGE,
    REPORT_MORE,
    REPORT_OUTPUT,
    REPORT_RULE,
    REPORT_SEVERITY,
    REPORT_TOTAL,
    counted,
    pick,
)

if TYPE_CHECKING:
    from rich.console import Console

SCHEMA_VERSION = 1


def _num(v: Value | None) -> float | None:
    if v is None or v.kind not in ("number", "percent", "money") or v.number is None:
        return None
    return _round(v.number)


def _round(x: float | None) -> float | None:
    if x is None:
        return None
    r = round(float(x), 6)
    return int(r) if r.is_integer() and abs(r) < 2**53 else r


def _raw(v: Value | None) -> Any:
    if v is None or v.raw is None:
        return None
    raw = v.raw
    if isinstance(raw, (_dt.date, _dt.datetime)):
        return raw.isoformat()
    if isinstance(raw, float):
        return _round(raw)
    return raw if isinstance(raw, (str, int, bool)) else str(raw)


def _realisasi(ind: Indicator) -> float | None:
    """The realisasi as pk-excel read it: a `-` (or blank) beside the author's own typed 0% capaian is 0
    (`capaian-without-realisasi` says "dibaca 0"); beside a formula's 0% it stays missing (null)."""
    capaian = ind.cells.get("capaian")
    if ind.status_reason == "realisasi-nol-dari-capaian" and not (capaian is not None and capaian.formula):
        return 0
    return _num(ind.realisasi)


def indicator_json(ind: Indicator) -> dict[str, Any]:
    t, r, c = ind.target, ind.realisasi, ind.capaian
    return {
        "sheet": ind.sheet,
        "row": ind.row,
        "level": ind.level,
        "sasaran": ind.sasaran,
        "indikator": ind.indikator,
        "satuan": ind.satuan,
        "target": _num(t),
        "realisasi": _realisasi(ind),
        "capaian_tercatat": _num(c),
        "capaian_hitung": _round(ind.capaian_hitung),
        "target_tercatat": _raw(t),
        "realisasi_tercatat": _raw(r),
        "capaian_teks": _raw(c),
        "target_jenis": t.kind if t else None,
        "realisasi_jenis": r.kind if r else None,
        "target_rentang": [_round(t.low), _round(t.high)] if t is not None and t.kind == "range" else None,
        "target_nilai_mutu": t.grade.code if t is not None and t.grade else None,
        "realisasi_nilai_mutu": r.grade.code if r is not None and r.grade else None,
        "capaian_rumus": ind.cells["capaian"].formula if "capaian" in ind.cells else None,
        "polaritas": ind.polaritas,
        "polaritas_sumber": ind.polaritas_source,
        "status": ind.status,
        "status_alasan": ind.status_reason,
        "predikat": ind.predikat,
        "geser_kolom": ind.shift,
        "realisasi_dari_periode": ind.realisasi_derived,
        "program": ind.program,
        "sel": {role: cell.coord for role, cell in ind.cells.items()},
    }


def table_json(t: PkTable) -> dict[str, Any]:
    """Which column was taken for each role, and by which header path ("Target ... > K")."""
    from .cellref import col_letter

    cols = {**t.columns, **t.extra_columns}
    return {
        "sheet": t.sheet,
        "header_rows": list(t.header_rows),
        "first_row": t.first_row,
        "last_row": t.last_row,
        "layout": t.layout,
        "year": t.year,
        "columns": {
            role: {"column": col_letter(c), "header": t.titles.get(role)} for role, c in sorted(cols.items(), key=lambda x: x[1])
        },
        "periods": [col_letter(c) for c in t.periods],
        "summaries": [{"row": s.row, "kind": s.kind, "label": s.label} for s in t.summaries],
    }


def file_json(fr: FileReport, lang: str = "id") -> dict[str, Any]:
    doc = fr.document
    out: dict[str, Any] = {
        "path": fr.path,
        "status": fr.status,
        "error": fr.error,
        "error_code": fr.error_code,
        "output": fr.output,
        "unit": doc.unit if doc else None,
        "year": doc.year if doc else None,
        "title": doc.title if doc else None,
        "counts": {s: fr.count(s) for s in SEVERITIES},
        "tables": [table_json(t) for t in doc.tables] if doc else [],
        "indicators": [indicator_json(i) for i in doc.indicators] if doc else [],
        "programs": [],
        "signature": None,
        "findings": [f.to_json(lang) for f in fr.findings],
        "warnings": [w for w in fr.warnings if not w.startswith("Traceback")],
    }
    if doc:
        out["programs"] = [
            {
                "sheet": p.sheet,
                "row": p.row,
                "program": p.name,
                "anggaran": _num(p.anggaran),
                "anggaran_tercatat": _raw(p.anggaran),
                "anggaran_sel": p.anggaran_cell.coord if p.anggaran_cell else None,
                "realisasi_anggaran": _num(p.realisasi_anggaran),
            }
            for p in doc.programs
        ]
        s = doc.signature
        if s is not None:
            out["signature"] = {
                "sheet": s.sheet,
                "place": s.place,
                "date": s.date.isoformat() if s.date else None,
                "position": s.position,
                "name": s.name,
                "nip": s.nip,
                "pangkat": s.pangkat,
                "golongan": s.golongan,
            }
    return out


def to_json(report: Report, lang: str = "id") -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "files": [file_json(f, lang) for f in report.files],
    }


def dump_json(report: Report, stream: TextIO, lang: str = "id") -> None:
    write_json(to_json(report, lang), stream)


def write_json(doc: Any, stream: TextIO, **kw: Any) -> None:
    """`doc` as one indented JSON document and a newline, written to `stream` about a megabyte at a time:
    `json.dump` writes every token apart, each a system call when output is unbuffered (PYTHONUNBUFFERED,
    some IDEs), which made a 20,000-row report (~27 MB) take seconds; one string of the whole would double
    the memory a large report takes."""
    batch: list[str] = []
    held = 0
    for chunk in json.JSONEncoder(ensure_ascii=False, indent=2, **kw).iterencode(doc):
        batch.append(chunk)
        held += len(chunk)
        if held >= 1 << 20:
            stream.write("".join(batch))
            batch, held = [], 0
    batch.append("\n")
    stream.write("".join(batch))


# --------------------------------------------------------------------------------------------- terminal

# How the terminal shows each severity (rich styles).
_STYLE: dict[Severity, str] = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def render_terminal(
    report: Report, lang: str = "id", *, quiet: bool = False, limit: int = 60, console: Console | None = None
) -> None:
    """Per file: a short table of findings, the counts, the path of the validated workbook (stdout).

    On a terminal with rich; piped or redirected (or `console` not a terminal), plain lines that are never
    wrapped, one per finding, easy to grep, without importing rich. Files that could not be checked are
    printed by the CLI on stderr, one line each.
    """
    if console is None and not sys.stdout.isatty():
        _render_plain(report, lang, quiet, sys.stdout)
        return
    if console is not None and not console.is_terminal:
        _render_plain(report, lang, quiet, console.file)
        return
    from rich.console import Console
    from rich.table import Table

    console = console or Console(highlight=False)
    said = words(lang)
    for fr in report.files:
        if fr.status == "error":
            continue
        summary = _summary(fr, lang)
        if quiet:
            console.print(f"{fr.path}: {summary}", markup=False, soft_wrap=True)
            continue
        shown = fr.findings[:limit]
        console.rule(f"[bold]{fr.path}")
        if shown:
            table = Table(show_header=True, header_style="bold", expand=False, show_lines=False)
            table.add_column(pick(REPORT_SEVERITY, lang), no_wrap=True)
            table.add_column(pick(REPORT_CELL, lang), no_wrap=True)
            table.add_column(pick(REPORT_RULE, lang), no_wrap=True)
            table.add_column(pick(REPORT_MESSAGE, lang), overflow="fold", min_width=40)
            for f in shown:
                where = f"{f.sheet}!{f.cell}" if f.cell else (f"{f.sheet} r{f.row}" if f.row else (f.sheet or ""))
                table.add_row(f"[{_STYLE[f.severity]}]{said[f.severity]}", where, f.rule, f.message(lang))
            console.print(table)
            if len(fr.findings) > limit:
                console.print(pick(REPORT_MORE, lang, more=counted(len(fr.findings) - limit, "finding", lang)))
        elif not fr.findings:
            console.print(pick(REPORT_CLEAN, lang))
        console.print(summary)
        for w in fr.warnings:
            if not w.startswith("Traceback"):
                console.print(f"[yellow]! {w}")
        if fr.output:
            console.print(pick(REPORT_OUTPUT, lang, path=fr.output))
    if len(report.files) > 1:
        console.print(_total(report, lang))


def _summary(fr: FileReport, lang: str) -> str:
    """'2 kesalahan, 1 peringatan, 0 info; 12 indikator'."""
    n_ind = len(fr.document.indicators) if fr.document else 0
    counts = ", ".join(counted(fr.count(s), s, lang) for s in SEVERITIES)
    return f"{counts}; {counted(n_ind, 'indicator', lang)}"


def _total(report: Report, lang: str) -> str:
    return pick(
        REPORT_TOTAL,
        lang,
        files=counted(len(report.files), "file", lang),
        errors=counted(sum(f.count("error") for f in report.files), "error", lang),
        warnings=counted(sum(f.count("warning") for f in report.files), "warning", lang),
        failed=sum(1 for f in report.files if f.status == "error"),
    )


def _render_plain(report: Report, lang: str, quiet: bool, out: IO[str]) -> None:
    said = words(lang)
    lines: list[str] = []
    for fr in report.files:
        if fr.status == "error":
            continue
        summary = _summary(fr, lang)
        if quiet:
            lines.append(f"{fr.path}: {summary}")
            continue
        lines.append(f"== {fr.path}")
        for f in fr.findings:
            where = f"{f.sheet}!{f.cell}" if f.cell else f"{f.sheet}"
            lines.append(f"{where}  {said[f.severity]}  {f.rule}  {f.message(lang)}")
        if not fr.findings:
            lines.append(pick(REPORT_CLEAN, lang))
        lines.append(summary)
        lines.extend(f"! {w}" for w in fr.warnings if not w.startswith("Traceback"))
        if fr.output:
            lines.append(pick(REPORT_OUTPUT, lang, path=fr.output))
    if len(report.files) > 1:
        lines.append(_total(report, lang))
    out.write("".join(line + "\n" for line in lines))
    out.flush()
