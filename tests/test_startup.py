"""`pk-excel --help` and `pk-excel rules` must start instantly: they may not import pandas or openpyxl.

Each command runs in a fresh interpreter (a module imported by an earlier test would hide the import), once
in-process through typer's CliRunner with `sys.modules` inspected afterwards, and once as the real command
line with `-X importtime`, which lists every module the interpreter loaded.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("pandas", "openpyxl")

COMMANDS = [
    ["--help"],
    ["rules"],
    ["rules", "--format", "json"],
    ["rules", "--lang", "en"],
    ["check", "--help"],
]

_IN_PROCESS = """
import json, sys
from typer.testing import CliRunner
from pk_excel.cli import app
result = CliRunner().invoke(app, json.loads(sys.argv[1]))
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(json.loads(sys.argv[2])))
print(json.dumps({"exit_code": result.exit_code, "output": result.output, "heavy": heavy}))
"""


def in_process(args: list[str], prelude: str = "") -> dict:
    code = prelude + _IN_PROCESS
    proc = subprocess.run(
        [sys.executable, "-c", code, json.dumps(args), json.dumps(HEAVY)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def imported_by_command_line(args: list[str], prelude: str = "") -> tuple[int, set[str]]:
    """Top-level packages a real `pk-excel ARGS` process imports, read from `python -X importtime`."""
    code = prelude + "import sys; from pk_excel.cli import main; sys.argv = ['pk-excel', *sys.argv[1:]]; main()"
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code, *args], capture_output=True, text=True, timeout=60
    )
    names = set()
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and line.count("|") == 2:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return proc.returncode, names


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_cli_runner_does_not_import_heavy_packages(args):
    result = in_process(args)
    assert result["exit_code"] == 0, result["output"]
    assert result["output"].strip()
    assert result["heavy"] == [], f"pk-excel {' '.join(args)} imported {result['heavy']}"


@pytest.mark.parametrize("args", [["--help"], ["rules"]], ids=" ".join)
def test_command_line_does_not_import_heavy_packages(args):
    code, names = imported_by_command_line(args)
    assert code == 0
    assert "pk_excel" in names  # the listing is real: our own package shows up in it
    assert not names & set(HEAVY), f"pk-excel {' '.join(args)} imported {sorted(names & set(HEAVY))}"


def test_rules_lists_every_rule_without_heavy_imports():
    result = in_process(["rules", "--format", "json"])
    rules = json.loads(result["output"])
    assert len(rules) >= 10
    assert all(r["id"] and r["severity"] in ("error", "warning", "info") for r in rules)
    assert result["heavy"] == []


@pytest.mark.parametrize("package", HEAVY)
def test_detection_catches_a_heavy_import(package):
    # The checks above must be able to fail: an import slipped in before the CLI runs is seen by both.
    assert package in in_process(["--help"], prelude=f"import {package}\n")["heavy"]
    _, names = imported_by_command_line(["--help"], prelude=f"import {package}; ")
    assert package in names


def test_checking_an_xlsx_reads_it_once_without_openpyxl(tmp_path):
    """The common path reads the .xlsx with pk-excel's streaming reader and patches the copy: openpyxl (a
    second, far slower load of the same file) is never imported. The indicator table is measured in pandas
    (the design's table engine), imported where measuring starts: a check imports it, `--help` and `rules`
    (above) do not."""
    from pathlib import Path

    sample = Path(__file__).parent.parent / "samples" / "pk-kecamatan-bajeng-2023.xlsx"
    code, names = imported_by_command_line(["check", str(sample), "--out", str(tmp_path / "out"), "-q"])
    assert code == 1  # the sample has an error finding
    assert (tmp_path / "out" / "pk-kecamatan-bajeng-2023.checked.xlsx").is_file()
    assert "pandas" in names and "numpy" in names
    assert "openpyxl" not in names


def test_pandas_is_imported_where_measuring_starts():
    """Reading and locating a workbook do not import pandas; `measure` does, and leaves the table in
    `doc.frame` as a DataFrame, one row per indicator in `doc.indicators` order."""
    code = """
import json, sys
from pathlib import Path
from pk_excel.config import Options
from pk_excel.locate import read_document
from pk_excel.workbook import open_book
options = Options(write=False)
doc = read_document(open_book(Path(sys.argv[1]), options), options)
before = "pandas" in sys.modules
from pk_excel.measure import measure
after_import = "pandas" in sys.modules
measure(doc, options)
import pandas as pd
frame = doc.frame
print(json.dumps({
    "before": before, "after_import": after_import, "dataframe": isinstance(frame, pd.DataFrame),
    "rows": len(frame), "indicators": len(doc.indicators),
    "hitung": [None if x != x else x for x in frame["capaian_hitung"].tolist()],
    "expected": [i.capaian_hitung for i in doc.indicators],
    "status": frame["status"].tolist(), "expected_status": [i.status for i in doc.indicators],
}))
"""
    from pathlib import Path

    sample = Path(__file__).parent.parent / "samples" / "pk-kecamatan-bajeng-2023.xlsx"
    proc = subprocess.run([sys.executable, "-c", code, str(sample)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    assert got["before"] is False and got["after_import"] is False
    assert got["dataframe"] and got["rows"] == got["indicators"] > 0
    assert got["hitung"] == got["expected"]
    assert got["status"] == got["expected_status"]


_GC_AFTER = """
import gc, os, sys
from pk_excel import batch

def collections():
    return sum(g["collections"] for g in gc.get_stats())

before = []
real = batch._check_file
def check_file(*a, **k):
    before.append(collections())
    return real(*a, **k)
batch._check_file = check_file
real_exit = os._exit
def leave(code):
    print("collections since the first check:", collections() - before[0], file=sys.stderr, flush=True)
    real_exit(code)
os._exit = leave
from pk_excel.cli import run
run()
"""


@pytest.mark.parametrize("inputs", [1, 2])
def test_the_program_spends_no_collection_on_a_single_checked_workbook(tmp_path, inputs):
    """`pk-excel check one.xlsx` ends once the workbook is checked: the garbage collector, paused during the
    check, stays paused (resumed, it would first go through everything the check built: ~60 ms on 20,000 rows).
    With more than one workbook it resumes between them, or cycles would pile up."""
    from pathlib import Path

    sample = Path(__file__).parent.parent / "samples" / "pk-kecamatan-bajeng-2023.xlsx"
    files = [sample, Path(__file__).parent.parent / "samples" / "pk-kelurahan-2024.xlsx"][:inputs]
    proc = subprocess.run([sys.executable, "-c", _GC_AFTER, "check", *map(str, files), "--out", str(tmp_path), "-q",
                           "--jobs", "1"], capture_output=True, text=True, timeout=120)  # fmt: skip
    assert proc.returncode in (0, 1), proc.stderr
    since = int(proc.stderr.rsplit("collections since the first check:", 1)[1])
    assert (since == 0) == (inputs == 1), proc.stderr
