"""What the validated copy's own sheets say, writer-free: the Temuan rows (one per finding, the rule by its
name, row heights that fit the wrapped text), the Ringkasan lines (unit, year, file, the columns compared,
counts per severity and status, mean capaian per level, budget, legend, notes on saving), where its printout
breaks pages, and the chart it draws (`ChartPlan`: per indicator, or per predikat past `CHART_INDICATORS`).
The writer turns these into sheets; `rekap` sizes its rows with `row_height` too. The words are `texts`'
(TEMUAN_COLUMNS, RINGKASAN_*, TABLE_*, CHART_*).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from . import texts
from .cellref import col_letter
from .marking import LEGEND, SEVERITY_TEXT, status_text
from .model import LEVELS, Document, Finding, Indicator
from .rules.registry import rule_name
from .severity import SEVERITIES, Severity
from .texts import LANGS, Text, pick

CHART_INDICATORS = 60  # indicators charted one by one on Ringkasan; more are charted per predikat


_STATUSES = ("tercapai", "tidak tercapai", "belum ada data", "tidak dapat dihitung")


# The Temuan sheet's headers, by language (`texts.TEMUAN_COLUMNS`).
TEMUAN_HEADERS: dict[str, tuple[str, ...]] = {lang: tuple(pick(t, lang) for t in texts.TEMUAN_COLUMNS) for lang in LANGS}


# Narrow enough that a landscape A4 page, one page wide, keeps the text readable.
TEMUAN_WIDTHS = (5, 11, 14, 7, 20, 28, 56, 16, 16, 12)


_LINE_HEIGHT = 15.0  # points per line of 11-point text


def version() -> str:
    """The version that writes the output (the package's single source, see pyproject.toml)."""
    from . import __version__

    return __version__


def temuan_values(n: int, f: Finding, lang: str) -> tuple[Any, ...]:
    """One row of the Temuan sheet (see `TEMUAN_HEADERS`): the rule by its name, its ID last."""
    return (
        n, SEVERITY_TEXT[lang][f.severity], f.sheet, f.cell, rule_name(f.rule, lang), f.indikator, f.message(lang),
        f.found, f.expected, f.rule,
    )  # fmt: skip


@functools.lru_cache(maxsize=64)  # a few column widths, asked for on every cell
def _per_line(width: float) -> int:
    """Characters of ordinary text on one line of a column `width` wide: a little more than the width,
    whose unit is the digit "0"."""
    return max(1, int(width * 1.1) - 1)


def text_lines(text: Any, width: float) -> int:
    """How many lines `text` takes wrapped in a column `width` characters wide (explicit line breaks too)."""
    if text is None or text == "":
        return 1
    per_line = _per_line(width)
    lines = 0
    for part in str(text).split("\n"):
        if len(part) + part.count("-") <= per_line:
            lines += 1  # the whole line fits, even with a break after each hyphen (most cells: a number, a word)
            continue
        # A line may also break after a hyphen (label-contradicts-value): count those as word ends too.
        words, used, n = part.replace("-", "- ").split(" "), 0, 1
        for word in words:
            size = len(word)
            if used and used + 1 + size > per_line:
                n += 1
                used = 0
            while size > per_line:  # a word longer than the line breaks anywhere
                n += 1
                size -= per_line
            used += size + (1 if used else 0)
        lines += n
    return lines


def row_height(values: Sequence[Any], widths: Sequence[float],
               memo: dict[tuple[str, float], int] | None = None) -> float:  # fmt: skip
    """The height (points) of a row of wrapped cells, so that no line is cut off or drawn over the next row:
    LibreOffice and print use the stored height, they do not grow a row to fit its text. `memo` keeps the
    lines of texts wrapped before (a sheet of findings repeats its messages)."""
    most = 1
    for value, width in zip(values, widths):
        if value is None:
            continue
        text = value if isinstance(value, str) else str(value)
        # Most cells (a number, a word) fit on one line: told without wrapping them (see `text_lines`).
        if len(text) + text.count("-") <= _per_line(width) and "\n" not in text:
            continue
        if memo is None:
            most = max(most, text_lines(text, width))
            continue
        lines = memo.get((text, width))
        if lines is None:
            lines = memo[(text, width)] = text_lines(text, width)
        most = max(most, lines)
    return _LINE_HEIGHT * most + 2


def _when(now: datetime, lang: str) -> str:
    if lang == "en":
        return now.strftime("%d %B %Y %H:%M")
    return texts.CHECKED_AT_ID.format(day=now.day, month=texts.MONTHS_ID[now.month - 1], year=now.year,
                                      time=f"{now:%H.%M}")  # fmt: skip


@dataclass
class Line:
    """One line of the Ringkasan sheet, whatever writes it.

    `kind`: "title" (large, bold), "blank", "heading" (bold label), "line" (label and value), "legend" (a
    label in a severity's fill) or "wide" (a long text across both columns, wrapped). `fill`: the severity
    whose colour fills the label cell.
    """

    label: str = ""
    value: Any = None
    fmt: str | None = None
    kind: str = "line"
    fill: Severity | None = None


def _table_lines(doc: Document | None, lang: str) -> list[Line]:
    """Per table: its form, and which column was read as the year's target, realisasi and capaian (with the
    header path), so that an evaluator sees at once what pk-excel compared."""

    out: list[Line] = []
    for t in doc.tables if doc else []:
        where = f"{t.sheet}!{t.header_rows[0] if t.header_rows else t.first_row}"
        form = pick(texts.TABLE_LAYOUTS.get(t.layout, texts.TABLE_LAYOUTS["pk"]), lang)
        if t.periods:
            kind = texts.TABLE_PERIODS["bulan" if t.period_kind == "bulan" else "triwulan"]
            form += f", {len(t.periods)} {pick(kind, lang)}"
        out.append(Line(pick(texts.RINGKASAN_TABLE, lang, where=where), form))
        for role in ("target", "realisasi", "capaian"):
            col = t.columns.get(role)
            role_label = f"  {pick(texts.TABLE_ROLES[role], lang)}"
            if col is None:
                if role == "capaian":
                    out.append(Line(role_label, pick(texts.RINGKASAN_CAPAIAN_COMPUTED, lang)))
                continue
            title = _short_path(t.titles.get(role) or "")
            out.append(Line(role_label, f"{col_letter(col)}: {title}" if title else col_letter(col)))
    return out


def _short_path(title: str, width: int = 60) -> str:
    """A header path cut to fit one Ringkasan line: each heading shortened alike, the last one kept whole
    ('Target Kinerja dan Anggaran Renja Perangkat Daerah ... > K' -> 'Target Kinerja dan Anggaran… > K')."""
    parts = title.split(" > ")
    if len(title) <= width:
        return title
    if len(parts) == 1:
        return title[: width - 1].rstrip() + "…"
    keep = parts[-1] if len(parts[-1]) < width // 2 else parts[-1][: width // 2 - 1] + "…"
    room = max(8, (width - len(keep) - 3 * (len(parts) - 1)) // max(1, len(parts) - 1))
    head = [p if len(p) <= room else p[: room - 1].rstrip() + "…" for p in parts[:-1]]
    return " > ".join(head + [keep])


def ringkasan_lines(
    input_path: Path, doc: Document | None, findings: list[Finding], warnings: list[str], lang: str
) -> list[Line]:
    """The Ringkasan sheet, line by line from row 1 (the chart's data follows, see `chart_plan`)."""

    def say(text: Text) -> str:
        return pick(text, lang)

    out = [Line(say(texts.RINGKASAN_TITLE), kind="title")]
    blank = Line(kind="blank")
    out.append(blank)
    out.append(Line(say(texts.RINGKASAN_UNIT), doc.unit if doc and doc.unit else "-"))
    year = doc.year if doc and doc.year else next((t.year for t in (doc.tables if doc else []) if t.year), None)
    out.append(Line(say(texts.RINGKASAN_YEAR), year or "-"))
    out.append(Line(say(texts.RINGKASAN_FILE), input_path.name))
    out.extend(_table_lines(doc, lang))
    out.append(Line(say(texts.RINGKASAN_CHECKED_AT), _when(datetime.now(), lang)))
    out.append(Line(say(texts.RINGKASAN_VERSION), version()))
    out.append(blank)

    out.append(Line(say(texts.RINGKASAN_FINDINGS), kind="heading"))
    counts = Counter(f.severity for f in findings)
    for sev in SEVERITIES:
        out.append(Line(SEVERITY_TEXT[lang][sev], counts.get(sev, 0), fill=sev))
    out.append(blank)

    indicators = doc.indicators if doc else []
    out.append(Line(say(texts.RINGKASAN_BY_STATUS), kind="heading"))
    status_counts = Counter(ind.status for ind in indicators)
    for status in list(_STATUSES) + sorted(s for s in status_counts if s and s not in _STATUSES):
        out.append(Line(status_text(status, lang) or "", status_counts.get(status, 0)))
    if status_counts.get(None):
        out.append(Line(say(texts.RINGKASAN_NO_STATUS), status_counts[None]))
    out.append(blank)

    out.append(Line(say(texts.RINGKASAN_MEAN_CAPAIAN), kind="heading"))
    for level in LEVELS:
        values = [i.capaian_hitung for i in indicators if i.level == level and i.capaian_hitung is not None]
        label = say(texts.RINGKASAN_LEVELS[level])
        out.append(Line(label, round(sum(values) / len(values), 2) if values else "-", "0.00"))
    out.append(blank)

    programs = doc.programs if doc else []
    out.append(Line(say(texts.RINGKASAN_BUDGET), kind="heading"))
    pagu = [p.anggaran.number for p in programs if p.anggaran is not None and p.anggaran.number is not None]
    real = [
        p.realisasi_anggaran.number
        for p in programs
        if p.realisasi_anggaran is not None and p.realisasi_anggaran.number is not None
    ]
    n_programs = len(programs)
    if not programs and doc is not None:
        # the Renja form: the programs' Rp columns (target and realisasi of the year)
        groups = [g for t in doc.tables for g in t.groups if g.level == "program"]
        n_programs = len(groups)
        from .values import money_of

        pagu = [x for g in groups if (x := money_of(g.cells.get("target_rp"))) is not None]
        real = [x for g in groups if (x := money_of(g.cells.get("realisasi_rp"))) is not None]
    out.append(Line(say(texts.RINGKASAN_PROGRAMS), n_programs))
    out.append(Line(say(texts.RINGKASAN_PAGU), sum(pagu) if pagu else "-", "#,##0"))
    if real:
        out.append(Line(say(texts.RINGKASAN_BUDGET_SPENT), sum(real), "#,##0"))
        if pagu and sum(pagu) > 0:
            out.append(Line(say(texts.RINGKASAN_ABSORPTION), round(sum(real) / sum(pagu) * 100, 2), "0.00"))
    out.append(blank)

    out.append(Line(LEGEND[lang]["title"], kind="heading"))
    for sev in SEVERITIES:
        out.append(Line(LEGEND[lang][sev], kind="legend", fill=sev))
    out.append(blank)

    out.append(Line(say(texts.RINGKASAN_SAVING), kind="heading"))
    for w in warnings or [say(texts.RINGKASAN_ALL_KEPT)]:
        out.append(Line(w, kind="wide"))
    return out


# Printable height of a landscape A4 page at the margins pk-excel's sheets use (0.75" top and bottom), in
# points, less a little for rounding in LibreOffice and Excel.
PAGE_HEIGHT_PT = 470.0


def page_breaks(lines: list[Line]) -> list[int]:
    """Rows after which Ringkasan's printout starts a new page, so that no heading is left at the foot of a
    page without its lines: a section (a heading up to the next blank line) that does not fit in what is
    left of the page starts the next one."""
    heights = [wide_height(line.label) if line.kind == "wide" else _LINE_HEIGHT for line in lines]
    breaks: list[int] = []
    used = 0.0
    row = 0
    while row < len(lines):
        end = row + 1
        if lines[row].kind == "heading":
            while end < len(lines) and lines[end].kind != "blank":
                end += 1
        size = sum(heights[row:end])
        if used and used + size > PAGE_HEIGHT_PT and size <= PAGE_HEIGHT_PT:
            breaks.append(row)  # after row `row` (1-based), i.e. before this section
            used = 0.0
        used += size
        row = end
    return breaks


def wide_height(text: str) -> float:
    """Row height (points) of a wrapped text across Ringkasan's two columns."""
    return 15 * (1 + len(text) // 70)


RINGKASAN_WIDTHS = (34, 60)


@dataclass
class ChartPlan:
    """The chart on Ringkasan and the data it draws, written below the summary lines.

    `kind` "indicator": capaian (hitung) per indicator (columns: name, capaian); "predikat": the number of
    indicators per predikat, with `note` saying why. Either is drawn as horizontal bars, first at the top,
    each with its value written at its end (a 0% bar still shows "0"), the whole names beside them; below
    the data, on a page of its own.
    """

    kind: str
    title: str
    header: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    note: str | None = None

    width_cm = 25.0  # a landscape A4 page, one page wide

    @property
    def height_cm(self) -> float:
        """Room for each bar and its name on two lines, at most a landscape page (about 17 cm)."""
        return min(max(8.0, 2.5 + 0.75 * len(self.rows)), CHART_MAX_HEIGHT_CM)


CHART_MAX_HEIGHT_CM = 16.5


def chart_row(plan: ChartPlan, head: int) -> int:
    """The row (1-based) the chart starts in: a page of its own after the data block headed at `head`; the
    page break goes right above it."""
    return head + len(plan.rows) + 2


def chart_plan(
    indicators: list[Indicator], lang: str, predikat: tuple[tuple[float, str], ...]
) -> ChartPlan | None:
    """What Ringkasan charts: per indicator up to `CHART_INDICATORS`, else the count per predikat."""
    measured = [i for i in indicators if i.capaian_hitung is not None]
    if not measured:
        return None
    if len(measured) <= CHART_INDICATORS:
        rows = [(f"{n}. {ind.indikator}", round(ind.capaian_hitung or 0.0, 2)) for n, ind in enumerate(measured, start=1)]
        return ChartPlan(
            "indicator",
            pick(texts.CHART_PER_INDICATOR, lang),
            (pick(texts.CHART_INDICATOR, lang), pick(texts.ADDED_COLUMNS[0], lang)),
            rows,
        )
    counts = Counter(ind.predikat for ind in measured)
    labels = _predikat_labels(predikat, lang)
    order = list(labels) + sorted(str(p) for p in counts if p and p not in labels)
    n = Text(f"{len(measured):,}".replace(",", "."), f"{len(measured):,}")
    note = pick(texts.CHART_TOO_MANY, lang, limit=CHART_INDICATORS, n=n, column=texts.ADDED_COLUMNS[0])
    return ChartPlan(
        "predikat",
        pick(texts.CHART_PER_PREDIKAT, lang),
        (pick(texts.CHART_PREDIKAT, lang), pick(texts.CHART_COUNT, lang)),
        [(labels.get(key, key), counts.get(key, 0)) for key in order],
        note,
    )


def chart_layout(plan: ChartPlan, row: int) -> tuple[int, int | None, int]:
    """(title row, note row or None, header row) of the chart's data block starting at `row`."""
    if plan.note is None:
        return row, None, row + 1
    return row, row + 1, row + 2


def _predikat_labels(predikat: tuple[tuple[float, str], ...], lang: str) -> dict[str, str]:
    """Predikat -> its label with the range, e.g. "Sangat Tinggi (≥ 91)", "Sangat Rendah (< 51)"."""

    def num(x: float) -> str:
        text = f"{x:g}"
        return text if lang == "en" else text.replace(".", ",")

    labels: dict[str, str] = {}
    previous: float | None = None
    for bound, label in predikat:
        if bound == float("-inf"):
            labels.setdefault(label, f"{label} (< {num(previous)})" if previous is not None else label)
        else:
            labels.setdefault(label, f"{label} (≥ {num(bound)})")
        previous = bound
    return labels
