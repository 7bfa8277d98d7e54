"""The rekap: one consolidated workbook (and JSON) over every file of a batch.

Sheets: "Rekap" (one row per file, with a link to its validated workbook), "Indikator" (every indicator of
every file), "Temuan" (every finding) and "Grafik" (units ranked by mean capaian, with a bar chart). Written
with xlsxwriter, atomically. Every text that came from a user's workbook is written with `write_string`, so no
cell of the rekap is ever a formula, a number or a link made from user data.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .marks import KIND_PROPERTY
from .model import Indicator, PkError, Report, Value
from .output import REKAP, save_atomic
from .rules.registry import rule_name
from .severity import word
from .summary import row_height
from .texts import (
    CHECK_STATUS,
    LEVEL_NAMES,
    REKAP_CHART_COLUMNS,
    REKAP_CHART_TITLE,
    REKAP_FILE_COLUMNS,
    REKAP_FINDING_COLUMNS,
    REKAP_INDICATOR_COLUMNS,
    REKAP_NO_CHART,
    lang_of,
    pick,
)

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.worksheet import Worksheet

# Statuses that say nothing about being met: left out of the share of indicators tercapai.
_NOT_MEASURED = ("belum ada data", "tidak dapat dihitung")
_MAX_TEXT = 32767  # Excel's limit for one cell

# Sheet names stay the same in both languages, so scripts reading the rekap find them.
SHEETS = ("Rekap", "Indikator", "Temuan", "Grafik")


def _finite(x: float | None) -> float | None:
    return x if isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x) else None


def _value_cell(v: Value | None) -> float | str | None:
    """A Value as the rekap shows it: its number when it has one, else the text the user typed."""
    if v is None:
        return None
    number = _finite(v.number)
    if number is not None and v.kind in ("number", "percent", "money"):
        return number
    if v.raw is None or v.raw == "":
        return None
    return str(v.raw)


def _stats(keys: list[Any], hitung: list[float | None], statuses: list[str | None]) -> dict[Any, dict[str, Any]]:
    """Per key (a file, or one key for all): indicators, mean capaian_hitung, share tercapai — with pandas,
    over the whole consolidated indicator table at once."""
    import pandas as pd

    df = pd.DataFrame({"key": keys, "hitung": pd.to_numeric(pd.Series(hitung, dtype="float64")), "status": statuses})
    df.loc[~df["hitung"].between(-1e300, 1e300), "hitung"] = float("nan")  # inf/nan are not capaian
    measured = df[df["status"].notna() & ~df["status"].isin(_NOT_MEASURED)]
    by_key = df.groupby("key", sort=False)
    count = by_key.size()
    mean = by_key["hitung"].mean()
    share = measured.groupby("key", sort=False)["status"].agg(lambda s: 100.0 * (s == "tercapai").mean())
    out = {}
    for key in count.index:
        m = mean.get(key)
        sh = share.get(key)
        out[key] = {
            "indicators": int(count[key]),
            "capaian_mean": None if m is None or pd.isna(m) else float(m),
            "tercapai_share": None if sh is None or pd.isna(sh) else float(sh),
        }
    return out


def _file_stats(report: Report) -> list[dict[str, Any]]:
    keys, hitung, statuses = [], [], []
    for k, fr in enumerate(report.files):
        for ind in fr.document.indicators if fr.document else []:
            keys.append(k)
            hitung.append(_finite(ind.capaian_hitung))
            statuses.append(ind.status)
    stats = _stats(keys, hitung, statuses) if keys else {}
    empty = {"indicators": 0, "capaian_mean": None, "tercapai_share": None}
    return [stats.get(k, empty) for k in range(len(report.files))]


def file_labels(paths: list[str]) -> list[str]:
    """How the rekap names each file: its name, or, where two files share a name (dinkes/PK 2024.xlsx and
    bajeng/PK 2024.xlsx), its path below the folder all of them are in."""
    names = [Path(p).name for p in paths]
    if len({n.casefold() for n in names}) == len(names):
        return names
    absolute = [os.path.abspath(p) for p in paths]
    try:
        common = os.path.commonpath([os.path.dirname(a) for a in absolute])
    except ValueError:  # different drives
        return [str(p) for p in paths]
    return [Path(os.path.relpath(a, common)).as_posix() for a in absolute]


def rekap_rows(report: Report, lang: str = "id") -> dict[str, list[dict[str, Any]]]:
    """The rekap as plain data: {"files": [...], "indicators": [...], "findings": [...]}.

    Numbers stay numbers (None when absent); codes stay codes (severity "error", level "program", status
    "tercapai"); finding messages are in `lang`.
    """
    lang = lang_of(lang)
    files, indicators, findings = [], [], []
    per_file = _file_stats(report)
    names = file_labels([fr.path for fr in report.files])
    for k, fr in enumerate(report.files):
        doc = fr.document
        name = names[k]
        unit = doc.unit if doc else None
        files.append(
            {
                "file": name,
                "path": fr.path,
                "unit": unit,
                "year": doc.year if doc else None,
                **per_file[k],
                "errors": fr.count("error"),
                "warnings": fr.count("warning"),
                "info": fr.count("info"),
                "status": fr.status,
                "error": fr.error,
                "error_code": fr.error_code,
                "output": fr.output,
            }
        )
        for ind in doc.indicators if doc else []:
            indicators.append(_indicator_row(name, unit, ind))
        for f in fr.findings:
            findings.append(
                {
                    "file": name,
                    "severity": f.severity,
                    "sheet": f.sheet,
                    "cell": f.cell,
                    "rule": f.rule,
                    "rule_name": rule_name(f.rule, lang),
                    "indikator": f.indikator,
                    "message": f.message(lang),
                }
            )
    return {"files": files, "indicators": indicators, "findings": findings}


def _indicator_row(name: str, unit: str | None, ind: Indicator) -> dict[str, Any]:
    return {
        "file": name,
        "unit": unit,
        "sheet": ind.sheet,
        "row": ind.row,
        "level": ind.level,
        "sasaran": ind.sasaran,
        "indikator": ind.indikator,
        "satuan": ind.satuan,
        "target": _value_cell(ind.target),
        "realisasi": _value_cell(ind.realisasi),
        "capaian_tercatat": _value_cell(ind.capaian),
        "capaian_hitung": _finite(ind.capaian_hitung),
        "polaritas": ind.polaritas,
        "status": ind.status,
        "predikat": ind.predikat,
    }


def _ranking(files: list[dict[str, Any]]) -> list[tuple[str, float]]:
    """(label, mean capaian) per file that has a mean, best first; a file without a unit shows its name."""
    rows = [(f["unit"] or f["file"], f["capaian_mean"]) for f in files if f["capaian_mean"] is not None]
    return sorted(rows, key=lambda r: (-r[1], r[0]))


def rekap_json(report: Report, lang: str = "id") -> dict[str, Any]:
    """The rekap for `--format json`: totals, the ranking and the rows of `rekap_rows`."""
    rows = rekap_rows(report, lang)
    files = rows["files"]
    inds = rows["indicators"]
    total = (
        _stats([0] * len(inds), [i["capaian_hitung"] for i in inds], [i["status"] for i in inds])[0]
        if inds
        else {"capaian_mean": None, "tercapai_share": None}
    )
    return {
        "summary": {
            "files": len(files),
            "failed": sum(1 for f in files if f["status"] == "error"),
            "indicators": len(rows["indicators"]),
            "errors": sum(f["errors"] for f in files),
            "warnings": sum(f["warnings"] for f in files),
            "info": sum(f["info"] for f in files),
            "capaian_mean": total["capaian_mean"],
            "tercapai_share": total["tercapai_share"],
            "exit_code": report.exit_code(),
        },
        "ranking": [{"unit": label, "capaian_mean": mean} for label, mean in _ranking(files)],
        **rows,
    }


# --- the workbook -------------------------------------------------------------------------------------------


class _Writer:
    """Cell writing that never lets user text become a formula, number or link."""

    def __init__(self, ws: Worksheet, formats: dict[str, Format]):
        self.ws = ws
        self.formats = formats

    def text(self, row: int, col: int, value: Any, fmt: str | None = None) -> None:
        if value is None or value == "":
            return
        self.ws.write_string(row, col, str(value)[:_MAX_TEXT], self.formats.get(fmt) if fmt else None)

    def number(self, row: int, col: int, value: Any, fmt: str | None = None) -> None:
        x = _finite(value)
        if x is not None:
            self.ws.write_number(row, col, x, self.formats.get(fmt) if fmt else None)

    def value(self, row: int, col: int, value: Any, fmt: str | None = None) -> None:
        if isinstance(value, str):
            self.text(row, col, value)
        else:
            self.number(row, col, value, fmt)


def _link_target(output: str, rekap_dir: Path) -> str | None:
    """The validated workbook as an external link, relative to the rekap when possible."""
    try:
        target = os.path.relpath(Path(output).resolve(), rekap_dir.resolve())
    except ValueError:  # another drive on Windows
        target = str(Path(output).resolve())
    if "#" in target or len(target) > 2000:  # '#' would start an anchor; Excel caps link length
        return None
    return "external:" + target


def _header(w: _Writer, headers: Sequence[str], widths: Sequence[float]) -> None:
    for col, (title, width) in enumerate(zip(headers, widths, strict=True)):
        w.text(0, col, title, "header")
        w.ws.set_column(col, col, width)
    # a wrapped heading ("Rata-rata capaian (%)") gets the height it needs: LibreOffice and print keep it
    w.ws.set_row(0, row_height(list(headers), tuple(widths)))
    w.ws.freeze_panes(1, 0)


def _refuse_foreign(path: Path) -> None:
    """A rekap replaces only an earlier rekap of pk-excel's (its `pk-excel-kind` property), never a user's
    workbook or any other file: PkError("output-exists") otherwise."""
    from .marks import own_kind

    if path.is_dir() or (path.exists() and own_kind(path) != "rekap"):
        raise PkError(
            "output-exists",
            f"{path}: sudah ada berkas lain di sana (bukan rekap pk-excel); rekap tidak ditulis. Pilih nama lain.",
            f"{path}: another file is there (not a pk-excel summary workbook); the summary was not written. "
            "Choose another name.",
            path=str(path),
        )


def write_rekap(report: Report, path: Path, lang: str = "id") -> Path:
    """Write the rekap to `path` atomically (a temp file beside it, then os.replace) and return the path."""
    import xlsxwriter
    from xlsxwriter.utility import xl_rowcol_to_cell

    lang = lang_of(lang)
    path = Path(path)
    _refuse_foreign(path)
    rows = rekap_rows(report, lang)
    columns = {
        name: [pick(t, lang) for t in texts]
        for name, texts in (
            ("rekap", REKAP_FILE_COLUMNS), ("indikator", REKAP_INDICATOR_COLUMNS), ("temuan", REKAP_FINDING_COLUMNS),
            ("grafik", REKAP_CHART_COLUMNS),
        )
    }  # fmt: skip
    names = SHEETS

    def build(tmp: str) -> None:
        wb = xlsxwriter.Workbook(
            tmp,
            {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False},
        )
        wb.set_custom_property(KIND_PROPERTY, "rekap")  # a folder scan never takes the rekap for a PK table
        formats = {
            "header": wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True}),
            "pct": wb.add_format({"num_format": "0.00"}),
            "num": wb.add_format({"num_format": "#,##0.##"}),
            "error": wb.add_format({"font_color": "#9C0006"}),
            "red": wb.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"}),
            "amber": wb.add_format({"bg_color": "#FFEB9C", "font_color": "#9C5700"}),
            "green": wb.add_format({"bg_color": "#C6EFCE", "font_color": "#006100"}),
            "link": wb.add_format({"font_color": "blue", "underline": 1}),
            "note": wb.add_format({"italic": True}),
            "wrap": wb.add_format({"text_wrap": True, "valign": "top"}),
            "error_wrap": wb.add_format({"font_color": "#9C0006", "text_wrap": True, "valign": "top"}),
        }

        # Rekap: one row per file.
        w = _Writer(wb.add_worksheet(names[0]), formats)
        _header(w, columns["rekap"], [32, 32, 7, 10, 10, 11, 7, 14, 12, 18, 50, 32])
        for r, f in enumerate(rows["files"], 1):
            w.text(r, 0, f["file"])
            w.text(r, 1, f["unit"])
            w.number(r, 2, f["year"])
            if f["status"] != "error":
                w.number(r, 3, f["indicators"])
                w.number(r, 4, f["errors"])
                w.number(r, 5, f["warnings"])
                w.number(r, 6, f["info"])
            w.number(r, 7, f["capaian_mean"], "pct")
            w.number(r, 8, f["tercapai_share"], "pct")
            w.text(
                r, 9, pick(CHECK_STATUS[f["status"]], lang), "error" if f["status"] == "error" else None
            )
            w.text(r, 10, f["error"])
            if f["output"]:
                url = _link_target(f["output"], path.parent)
                label = Path(f["output"]).name
                if url is None or w.ws.write_url(r, 11, url, formats["link"], string=label) < 0:
                    w.text(r, 11, label)
        n_files = len(rows["files"])
        if n_files:
            w.ws.autofilter(0, 0, n_files, len(columns["rekap"]) - 1)
            w.ws.conditional_format(1, 7, n_files, 7, {"type": "data_bar", "bar_color": "#63BE7B"})

        # Indikator: every indicator of every file.
        w = _Writer(wb.add_worksheet(names[1]), formats)
        _header(w, columns["indikator"], [28, 28, 12, 40, 40, 12, 12, 12, 12, 12, 10, 18, 14])
        for r, i in enumerate(rows["indicators"], 1):
            w.text(r, 0, i["file"])
            w.text(r, 1, i["unit"])
            w.text(r, 2, pick(LEVEL_NAMES[i["level"]], lang) if i["level"] in LEVEL_NAMES else i["level"])
            w.text(r, 3, i["sasaran"])
            w.text(r, 4, i["indikator"])
            w.text(r, 5, i["satuan"])
            w.value(r, 6, i["target"], "num")
            w.value(r, 7, i["realisasi"], "num")
            w.value(r, 8, i["capaian_tercatat"], "pct")
            w.number(r, 9, i["capaian_hitung"], "pct")
            w.text(r, 10, i["polaritas"])
            w.text(r, 11, i["status"])
            w.text(r, 12, i["predikat"])
        n_ind = len(rows["indicators"])
        if n_ind:
            w.ws.autofilter(0, 0, n_ind, len(columns["indikator"]) - 1)
            for col in (8, 9):
                first = xl_rowcol_to_cell(1, col, row_abs=False, col_abs=True)
                # Formula rules, because a blank or text cell compares as 0 with a plain "< 50" rule.
                for fmt, test in (
                    ("red", f"{first}<50"),
                    ("amber", f"AND({first}>=50,{first}<90)"),
                    ("green", f"{first}>=90"),
                ):
                    w.ws.conditional_format(
                        1,
                        col,
                        n_ind,
                        col,
                        {
                            "type": "formula",
                            "criteria": f"=AND(ISNUMBER({first}),{test})",
                            "format": formats[fmt],
                        },
                    )

        # Temuan: every finding of every file.
        w = _Writer(wb.add_worksheet(names[2]), formats)
        widths = (24, 11, 14, 7, 20, 30, 60, 12)
        _header(w, columns["temuan"], list(widths))
        for r, f in enumerate(rows["findings"], 1):
            cells = (
                f["file"], word(f["severity"], lang), f["sheet"], f["cell"], f["rule_name"], f["indikator"],
                f["message"], f["rule"],
            )  # fmt: skip
            for col, value in enumerate(cells):
                fmt = "error_wrap" if col == 1 and f["severity"] == "error" else "wrap"
                w.text(r, col, value, fmt)
            # LibreOffice and print keep a stored row height: give each row the lines its text needs.
            w.ws.set_row(r, row_height(cells, widths))
        if rows["findings"]:
            w.ws.autofilter(0, 0, len(rows["findings"]), len(columns["temuan"]) - 1)

        # Grafik: the units ranked by mean capaian, best on top.
        ws = wb.add_worksheet(names[3])
        w = _Writer(ws, formats)
        _header(w, columns["grafik"], [40, 18])
        ranking = _ranking(rows["files"])
        for r, (label, mean) in enumerate(ranking, 1):
            w.text(r, 0, label)
            w.number(r, 1, mean, "pct")
        if ranking:
            chart = wb.add_chart({"type": "bar"})
            chart.add_series(
                {
                    "name": columns["grafik"][1],
                    "categories": [names[3], 1, 0, len(ranking), 0],
                    "values": [names[3], 1, 1, len(ranking), 1],
                    "data_labels": {"value": True, "num_format": "0.00"},
                    "fill": {"color": "#4472C4"},
                }
            )
            chart.set_title({"name": pick(REKAP_CHART_TITLE, lang)})
            chart.set_legend({"none": True})
            # Bar charts plot the first category at the bottom; reverse it and keep the value axis below.
            chart.set_y_axis({"reverse": True, "crossing": "max"})
            chart.set_x_axis({"min": 0, "num_format": "0"})
            chart.set_size({"width": 720, "height": max(288, 24 * len(ranking) + 96)})
            ws.insert_chart(1, 3, chart)
            ws.fit_to_pages(1, 1)  # the chart on one page, never cut across two
        else:
            w.text(1, 0, pick(REKAP_NO_CHART, lang), "note")
        for sheet in wb.worksheets():
            _print_setup(sheet)
        wb.close()

    # A temporary file beside the rekap, then os.replace: a failure leaves no temp file and the old rekap.
    save_atomic(build, path, what=REKAP)
    return path


def _print_setup(ws: Worksheet) -> None:
    """Every rekap sheet prints landscape on A4, one page wide, its header row on every page (the Grafik
    sheet, already fit to one page, keeps that)."""
    ws.set_landscape()
    ws.set_paper(9)
    if not ws.fit_page:
        ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
