"""Locating, measuring and the rules grow linearly with the table (issue 16): the work is counted, never timed.

The same generator as `benchmarks/run.py` writes a sheet of N and of 2N indicator rows; pk-excel reads each and
a profiler counts every Python call made inside `pk_excel` by locating, measuring and the rules. A stage that
rescans earlier rows for each row (quadratic) would roughly quadruple its count when N doubles; linear work
doubles it. Caches are emptied before each count so both sizes start alike.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

from pk_excel.config import Options
from pk_excel.locate import read_document
from pk_excel.measure import measure
from pk_excel.rules import run as run_rules
from pk_excel.workbook import open_book

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = str(ROOT / "pk_excel")


def _bench() -> Any:
    spec = importlib.util.spec_from_file_location("pk_bench_run", ROOT / "benchmarks" / "run.py")
    assert spec is not None and spec.loader is not None
    mod = sys.modules.get(spec.name)
    if mod is None:
        mod = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = mod
        spec.loader.exec_module(mod)
    return mod


def _forget_caches() -> None:
    import functools
    import gc

    from pk_excel import values
    from pk_excel.rows import forget_cell_kinds

    forget_cell_kinds()
    values._text_cache_clear()
    for obj in gc.get_objects():
        if isinstance(obj, functools._lru_cache_wrapper) and getattr(obj, "__module__", "").startswith("pk_excel"):
            obj.cache_clear()


def _calls(path: Path) -> dict[str, int]:
    """Python calls into pk_excel per stage (locate, measure, rules) for one workbook."""
    options = Options(write=False)
    book = open_book(path, options)
    counts = {"locate": 0, "measure": 0, "rules": 0}
    stage = ""

    def count(frame: Any, event: str, arg: Any) -> None:
        if event == "call" and frame.f_code.co_filename.startswith(PACKAGE):
            counts[stage] += 1

    _forget_caches()
    sys.setprofile(count)
    try:
        stage = "locate"
        doc = read_document(book, options)
        stage = "measure"
        measure(doc, options)
        stage = "rules"
        run_rules(doc, options)
    finally:
        sys.setprofile(None)
    assert len(doc.indicators) > 0
    return counts


@pytest.mark.slow
def test_work_grows_linearly_with_the_table(tmp_path: Path) -> None:
    bench = _bench()
    small = bench.build_pk(tmp_path / "small.xlsx", 600, 5)
    large = bench.build_pk(tmp_path / "large.xlsx", 1200, 5)
    _calls(small)  # imports and one-time setup out of the way
    a, b = _calls(small), _calls(large)
    for stage in a:
        ratio = b[stage] / a[stage]
        # doubling the rows doubles the work (plus a little for the longer tail of rows below the table)
        assert 1.6 <= ratio <= 2.3, (stage, a[stage], b[stage], round(ratio, 2))
