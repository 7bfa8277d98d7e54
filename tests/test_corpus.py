"""Other programs' workbooks (`../shared/corpus/xlsx/`, 1,350 files; skipped where absent): pk-excel's reader
gives the values openpyxl gives, refuses none that openpyxl opens and hangs on none; the patch writer's copy
of a varied subset is sound (`test_ooxml_repros.copy_problems`).

Each file runs in a worker process with a limit of `_LIMIT` CPU seconds (enforced in the worker; the waiting
side gives up after `_WALL` seconds of silence), so a file that hangs fails the test with its name instead of
hanging the suite. No
assertion here is about speed.

Benign differences from openpyxl, each counted and allowed (anything else fails):
- `not-a-worksheet`: openpyxl lists macro sheets (`xl/macrosheets/`) and dialog sheets as worksheets;
  pk-excel reads worksheets only, as it skips chartsheets.
- `strict`: openpyxl reads no sheet of a Strict Open XML package (it knows only the transitional
  namespaces); those are compared with python-calamine instead.
- `openpyxl-cannot-open`: openpyxl fails on the package (a style, pivot or part it insists on) where pk-excel
  reads it; those are compared with python-calamine too, both ways (every value calamine reads is ours, and
  every value of ours calamine reads). Where calamine itself reads a value otherwise than openpyxl, the
  difference is counted under its own name: `calamine-date` (a date format without a time gives a date, not
  a datetime at midnight), `calamine-iso-text` (a `t="d"` cell stays text), `calamine-trims-text` (a `<t>`
  without `xml:space="preserve"` is trimmed, one of spaces only is none), `calamine-error` (an error cell has
  no value).
- `recalc-zero`: in a workbook that asks for a full recalculation on load (`fullCalcOnLoad`), a formula's
  cached 0 is no result to pk-excel (XlsxWriter stores 0 without computing; see `workbook.Book`).
- `hyperlink-target`: openpyxl gives an empty cell that carries a hyperlink the link's target as value.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import multiprocessing
import re
import shutil
import signal
import subprocess
import warnings
import zipfile
from collections import Counter
from pathlib import Path

import pytest

CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus" / "xlsx"
FILES = sorted(p for p in CORPUS.glob("*") if p.suffix.lower() in (".xlsx", ".xlsm")) if CORPUS.is_dir() else []
_LIMIT = 60  # CPU seconds for one file: real files take well under one
_WALL = 900  # seconds without an answer from a worker: stuck without spending CPU (a busy CI machine is slow, not stuck)

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not FILES, reason="../shared/corpus/xlsx is not here")]


class _Timeout(Exception):
    pass


def _alarm(*_args: object) -> None:
    raise _Timeout


def _run_all(fn, files: list[Path]) -> list[dict]:
    """`fn(path)` for every file in two worker processes, each call limited to `_LIMIT` seconds."""
    ctx = multiprocessing.get_context("fork")
    results = []
    with ctx.Pool(2, maxtasksperchild=100) as pool:
        it = pool.imap(fn, files)  # chunksize 1: an iterator that waits with a timeout
        for path in files:
            try:
                results.append(it.next(timeout=_WALL))
            except multiprocessing.TimeoutError:
                pool.terminate()
                pytest.fail(f"{path.name}: no answer in {_WALL} s (hangs)")
    return results


def _limited(fn, path: Path) -> dict:
    # The limit counts the worker's CPU time (ITIMER_PROF), not the clock: a loop that never ends is caught, and
    # a machine shared with other jobs does not make a slow file look like a hang.
    signal.signal(signal.SIGPROF, _alarm)
    signal.setitimer(signal.ITIMER_PROF, _LIMIT)
    try:
        return fn(path)
    except _Timeout:
        return {"file": path.name, "hang": True}
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)


# --- reading ---------------------------------------------------------------------------------------------


def _same(got, want) -> bool:
    if isinstance(got, bool) or isinstance(want, bool):
        return got is want
    if isinstance(got, (int, float)) and isinstance(want, (int, float)):
        return got == want or (math.isnan(got) and math.isnan(want)) or abs(got - want) <= 1e-9 * abs(want)
    return got == want and type(got) is type(want)


def _not_worksheets(path: Path) -> set[str]:
    """Titles of the workbook's sheets that are no worksheet (macro, dialog and chart sheets)."""
    from defusedxml.ElementTree import fromstring

    from pk_excel import opc

    with zipfile.ZipFile(path) as zf:
        part = opc.main_part(zf)
        assert part is not None
        rels = {rel.id: rel.type for rel in opc.read_rels(zf, part)}
        out = set()
        for el in fromstring(zf.read(part)).iter():
            if el.tag.endswith("}sheet"):
                rid = next((v for k, v in el.attrib.items() if k.endswith("}id")), "")
                if not rels.get(rid, "").endswith("/worksheet"):
                    out.add(el.get("name", ""))
    return out


def _calamine_values(path: Path) -> dict[str, dict[tuple[int, int], object]]:
    from python_calamine import CalamineWorkbook

    cw = CalamineWorkbook.from_path(str(path))
    out = {}
    for name in cw.sheet_names:
        sheet = cw.get_sheet_by_name(name)
        cells = {}
        for i, row in enumerate(sheet.to_python(skip_empty_area=False)):  # from A1, whatever `sheet.start` says
            for j, v in enumerate(row):
                if v not in ("", None):
                    cells[(i + 1, j + 1)] = v
        out[name] = cells
    return out


_ERRORS = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA")


def _calamine_benign(got: object, want: object) -> str | None:
    """The name of a known, benign way calamine reads a value otherwise than openpyxl (and pk-excel); None."""
    if isinstance(got, dt.datetime) and type(want) is dt.date and got == dt.datetime.combine(want, dt.time()):
        return "calamine-date"  # a date format without a time: calamine gives a date, openpyxl a datetime
    if isinstance(got, (dt.datetime, dt.date, dt.time)) and isinstance(want, str):
        try:
            parsed = dt.datetime.fromisoformat(want.replace("Z", "+00:00")).replace(tzinfo=None)
        except ValueError:
            return None
        if got in (parsed, parsed.date(), parsed.time()):
            return "calamine-iso-text"  # a `t="d"` cell: calamine gives its text, openpyxl a date
    if isinstance(got, str) and isinstance(want, str) and got.strip() == want:
        return "calamine-trims-text"  # a <t> without xml:space="preserve": calamine trims it, openpyxl does not
    return None


def _against_calamine(res: dict, path: Path, ours: dict, max_rows: int, max_cols: int) -> None:
    """Every value python-calamine reads (within the scan limits) is the one pk-excel read. calamine gives
    every number as a float and a date as date/datetime/time/timedelta; a text that calamine reads as a date
    (a `t="d"` cell) compares by its text."""
    reference = _calamine_values(path)
    for title, sd in ours.items():
        for (r, c), want in reference.get(title, {}).items():
            if r > max_rows or c > max_cols:
                continue
            row = sd.values.get(r, [])
            got = row[c - 1] if c <= len(row) else None
            res["cells"] += 1
            if isinstance(want, float) and isinstance(got, (int, float)) and not isinstance(got, bool):
                ok = _same(float(got), want)
            elif isinstance(want, (dt.date, dt.time, dt.timedelta)) or isinstance(got, str):
                ok = got == want or str(got) == str(want)
            else:
                ok = _same(got, want)
            if ok:
                continue
            benign = _calamine_benign(got, want)
            if benign:
                res["benign"][benign] += 1
            else:
                res["diffs"].append((title, r, c, repr(got)[:80], repr(want)[:80]))
        cells = reference.get(title, {})
        for r, row in sd.values.items():
            for c, got in enumerate(row, 1):
                if got in (None, "") or (r, c) in cells:
                    continue
                if isinstance(got, str) and not got.strip():
                    res["benign"]["calamine-trims-text"] += 1
                elif got in _ERRORS:
                    res["benign"]["calamine-error"] += 1  # calamine gives an error cell no value
                else:
                    res["diffs"].append((title, r, c, repr(got)[:80], "no value in calamine"))
    res["diffs"] = res["diffs"][:10]


def _read(path: Path) -> dict:
    """pk-excel's reading of one file against openpyxl's (calamine's for Strict packages and for packages
    openpyxl cannot open)."""
    import openpyxl

    from pk_excel.bookdata import MAX_SCAN_COLS
    from pk_excel.model import PkError
    from pk_excel.workbook import open_book

    res: dict = {"file": path.name, "benign": Counter(), "diffs": [], "cells": 0}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with open(path, "rb") as fh:
                wb = openpyxl.load_workbook(fh, data_only=True, rich_text=False)
    except Exception as e:  # noqa: BLE001 - a file openpyxl cannot open: pk-excel may refuse it too
        wb = None
        res["openpyxl"] = f"{type(e).__name__}: {e}"[:200]
    try:
        data = open_book(path).data
    except PkError as e:
        res["refused"] = f"{e.code}: {e}"[:300]
        return res
    except Exception as e:  # noqa: BLE001 - anything but PkError is a crash
        res["crash"] = f"{type(e).__name__}: {e}"[:300]
        return res
    from pk_excel.config import Limits

    max_rows = Limits().max_rows
    ours = {s.title: s for s in data.sheets}
    if wb is None:
        # openpyxl cannot open it (its style or pivot parsing fails, a part it insists on is missing): calamine
        # is the reference instead.
        res["benign"]["openpyxl-cannot-open"] += 1
        _against_calamine(res, path, ours, max_rows, MAX_SCAN_COLS)
        return res
    theirs = {ws.title: ws for ws in wb.worksheets}
    if ours and not theirs:
        res["benign"]["strict"] += 1
        _against_calamine(res, path, ours, max_rows, MAX_SCAN_COLS)
        return res
    skipped = _not_worksheets(path)
    for title in theirs:
        if title not in ours:
            if title in skipped:
                res["benign"]["not-a-worksheet"] += 1
            else:
                res["diffs"].append((title, 0, 0, "sheet not read", ""))
    for title, sd in ours.items():
        ws = theirs.get(title)
        if ws is None:
            res["diffs"].append((title, 0, 0, "", "sheet openpyxl does not have"))
            continue
        cells = ws._cells
        for (r, c), cell in cells.items():
            if r > max_rows or c > MAX_SCAN_COLS:
                continue
            want = cell.value
            row = sd.values.get(r, [])
            got = row[c - 1] if c <= len(row) else None
            if want is None and got is None:
                continue
            res["cells"] += 1
            if _same(got, want):
                continue
            if got is None and want == 0 and data.recalc and (r, c) in sd.formulas:
                res["benign"]["recalc-zero"] += 1
            elif got is None and cell.hyperlink is not None and want == cell.hyperlink.target:
                res["benign"]["hyperlink-target"] += 1
            else:
                res["diffs"].append((title, r, c, repr(got)[:80], repr(want)[:80]))
        for r, row in sd.values.items():
            for c, got in enumerate(row, 1):
                if got is not None and (r, c) not in cells:
                    res["diffs"].append((title, r, c, repr(got)[:80], "no cell in openpyxl"))
    res["diffs"] = res["diffs"][:10]
    return res


def _read_limited(path: Path) -> dict:
    return _limited(_read, path)


def test_reader_agrees_with_openpyxl_on_other_programs_files():
    results = _run_all(_read_limited, FILES)
    hangs = [r["file"] for r in results if r.get("hang")]
    crashes = [(r["file"], r["crash"]) for r in results if "crash" in r]
    refused = [(r["file"], r["refused"]) for r in results if "refused" in r and "openpyxl" not in r]
    differ = [(r["file"], r["diffs"]) for r in results if r.get("diffs")]
    benign = sum((r.get("benign", Counter()) for r in results), Counter())
    agreed = [r for r in results if "refused" not in r and not r.get("diffs")]  # with openpyxl, or calamine
    both = [r for r in results if "openpyxl" in r and "refused" in r]
    summary = (
        f"{len(agreed)} of {len(FILES)} files read alike ({sum(r['cells'] for r in agreed)} cells); "
        f"{len(both)} refused by both; benign: {dict(benign)}"
    )
    print(summary)
    assert hangs == [], summary
    assert crashes == [], summary
    assert refused == [], summary  # none refused that openpyxl opens
    assert differ == [], summary
    assert len(agreed) > 0.9 * len(FILES), summary  # the corpus is there and was read, not skipped


# --- writing ---------------------------------------------------------------------------------------------

# What the writer's subset must hold, each by a test on the package (first files of each kind, sorted).
_KINDS = {
    "chart": lambda names, book: any(n.startswith("xl/charts/") for n in names),
    "picture": lambda names, book: any(n.startswith("xl/media/") for n in names),
    "notes": lambda names, book: any(re.match(r"xl/comments[^/]*\.xml$", n) for n in names),
    "table": lambda names, book: any(n.startswith("xl/tables/") for n in names),
    "validation": lambda names, book: b"<dataValidation" in book,
    "strict": lambda names, book: b"purl.oclc.org/ooxml" in book,
    "macros": lambda names, book: any(n.lower().endswith("vbaproject.bin") for n in names),
    "threaded-notes": lambda names, book: any("threadedComments" in n for n in names),
    "header-picture": lambda names, book: b"legacyDrawingHF" in book,
    "pivot": lambda names, book: any(n.startswith("xl/pivotTables/") for n in names),
}
_PER_KIND = 5


def _subset() -> list[Path]:
    chosen: dict[str, list[Path]] = {k: [] for k in _KINDS}
    for path in FILES:
        try:
            with zipfile.ZipFile(path) as zf:
                names = zf.namelist()
                sheets = b"".join(zf.read(n)[:200_000] for n in names if n.startswith("xl/worksheets/sheet"))
                book = sheets + b"".join(zf.read(n)[:20_000] for n in names if n == "xl/workbook.xml")
        except (zipfile.BadZipFile, OSError, RuntimeError, ValueError):
            continue
        for kind, has in _KINDS.items():
            if len(chosen[kind]) < _PER_KIND and has(names, book):
                chosen[kind].append(path)
    return sorted({p for paths in chosen.values() for p in paths})


def _write(path: Path, out: Path) -> dict:
    from test_ooxml_repros import copy_problems, frozen_clock, parts, patched_copy

    from pk_excel.model import PkError

    res: dict = {"file": path.name}
    name = f"{path.stem}.checked{path.suffix.lower()}"  # as pk-excel names it: the Ringkasan shows the name
    copy, again = out / "1" / name, out / "2" / name
    copy.parent.mkdir(exist_ok=True)
    again.parent.mkdir(exist_ok=True)
    res["copy"] = str(copy)
    try:
        with frozen_clock():
            patched_copy(path, copy)
    except PkError as e:
        res["refused"] = e.code  # the reader refused the input: nothing to write
        return res
    except Exception as e:  # noqa: BLE001 - the writer must not crash on a file the reader read
        res["problems"] = [f"crash: {type(e).__name__}: {e}"[:300]]
        return res
    res["problems"] = copy_problems(path, copy)[:10]
    try:
        with frozen_clock():
            patched_copy(copy, again)  # the same findings on pk-excel's own output: the same package
        first, second = parts(copy), parts(again)
        res["problems"] += [f"second run changed {n}" for n in sorted(set(first) | set(second))
                            if first.get(n) != second.get(n)][:5]  # fmt: skip
    except Exception as e:  # noqa: BLE001
        res["problems"].append(f"second run: {type(e).__name__}: {e}"[:300])
    return res


def _write_limited(path: Path, out: Path) -> dict:
    return _limited(functools.partial(_write, out=out), path)


def test_patch_writer_copy_of_a_varied_subset_is_sound(tmp_path):
    """Every copy is sound (`copy_problems`), a second run on it gives the same package part for part, and
    where LibreOffice is installed every copy opens in LibreOffice too."""
    subset = _subset()
    assert len(subset) >= 20
    results = _run_all(functools.partial(_write_limited, out=tmp_path), subset)
    bad = [(r["file"], r.get("problems") or "hang") for r in results if r.get("problems") or r.get("hang")]
    written = [r for r in results if "problems" in r]
    assert bad == []
    assert len(written) >= 0.8 * len(subset)
    if shutil.which("soffice") is None:
        return
    copies = [r["copy"] for r in written]
    profile = tmp_path / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "csv",
         "--outdir", str(tmp_path / "csv"), *copies],
        capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    unopened = [Path(c).name for c in copies if not (tmp_path / "csv" / (Path(c).stem + ".csv")).exists()]
    originals = {Path(r["copy"]).name: r["file"] for r in written}
    assert [originals[n] for n in unopened] == []
