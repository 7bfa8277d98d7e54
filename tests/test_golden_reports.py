"""The JSON report of every known workbook is the one recorded before the speed work (issue 16): the proof that
making the table engine faster changed no result.

Workbooks: the samples, the repros in `../shared/repros/` (and its `ooxml/` folder; skipped where absent), the
field layouts of `test_field_layouts.py` (built in code), and two benchmark-style sheets (built by
`benchmarks/run.py`'s generator with fixed seeds). Each report is taken in Bahasa Indonesia (whole) and in
English (the findings' messages), normalised (the file's name instead of its path; no output path), and
compared with `tests/data/reports/<name>.json`.

The golden files were written by the code as it was before the change (`PK_EXCEL_GOLDEN=write pytest
tests/test_golden_reports.py`); rewrite them only for a change of result that is meant, and say so in the
commit.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

import pk_excel
from pk_excel.config import Options
from pk_excel.model import Report
from pk_excel.report import to_json

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "data" / "reports"
REPROS = ROOT.parent / "shared" / "repros"
WRITE = os.environ.get("PK_EXCEL_GOLDEN") == "write"

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_field_layouts import LAYOUTS  # noqa: E402


def _bench_module() -> Any:
    spec = importlib.util.spec_from_file_location("pk_bench_run", ROOT / "benchmarks" / "run.py")
    assert spec is not None and spec.loader is not None
    mod = sys.modules.get(spec.name)
    if mod is None:
        mod = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = mod  # its dataclasses look their module up there
        spec.loader.exec_module(mod)
    return mod


def _bench_sheet(n: int, seed: int):
    def build(path: Path) -> Path:
        return _bench_module().build_pk(path, n, seed)

    return build


def _cases() -> dict[str, Any]:
    """name -> a Path, or a builder(path) -> Path."""
    cases: dict[str, Any] = {f"sample-{p.stem}": p for p in sorted((ROOT / "samples").glob("*.xlsx"))}
    for folder, prefix in ((REPROS, "repro"), (REPROS / "ooxml", "ooxml")):
        for p in sorted(folder.glob("*.xlsx")) if folder.is_dir() else []:
            cases[f"{prefix}-{p.stem}"] = p
    for name, build in sorted(LAYOUTS.items()):
        cases[f"layout-{name}"] = build
    cases["bench-150-seed-3"] = _bench_sheet(150, 3)
    cases["bench-60-seed-11"] = _bench_sheet(60, 11)
    return cases


CASES = _cases()


def normalised(report: Report, report_en: Report) -> dict[str, Any]:
    """The report as JSON without what differs from run to run or machine to machine: the path becomes the
    file's name (in a refusal's line too), the output path is dropped; the English messages of the findings are added."""
    doc = to_json(report, "id")
    en = to_json(report_en, "en")
    for f, f_en in zip(doc["files"], en["files"], strict=True):
        for key in ("error", "error_other"):  # a refusal names the file with its folder: the name only here
            if isinstance(f.get(key), str):
                f[key] = f[key].replace(f["path"], Path(f["path"]).name)
        f["path"] = Path(f["path"]).name
        f.pop("output", None)
        f["findings_en"] = [x.get("message") for x in f_en["findings"]]
    doc.pop("version", None)
    return doc


@pytest.mark.parametrize("name", sorted(CASES))
def test_report_unchanged(name: str, tmp_path: Path) -> None:
    source = CASES[name]
    path = source if isinstance(source, Path) else source(tmp_path / f"{name}.xlsx")
    got = normalised(
        pk_excel.check(path, options=Options(write=False)),
        pk_excel.check(path, options=Options(write=False, lang="en")),
    )
    golden = GOLDEN / f"{name}.json"
    text = json.dumps(got, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if WRITE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden report for {name}: run PK_EXCEL_GOLDEN=write once, before a change"
    want = json.loads(golden.read_text(encoding="utf-8"))
    assert json.loads(text) == want


def test_golden_files_all_have_a_case() -> None:
    """A golden file whose workbook is gone would never be compared again: every one belongs to a case."""
    if not REPROS.is_dir():
        pytest.skip("../shared/repros is absent")
    stored = {p.stem for p in GOLDEN.glob("*.json")}
    assert stored <= set(CASES), sorted(stored - set(CASES))
    assert len(stored) >= 20
