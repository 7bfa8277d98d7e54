"""The package is linted and type-checked by the suite (issue 13): `ruff check pk_excel` and `mypy` (its
configuration in pyproject.toml: `packages = ["pk_excel"]`) run with this interpreter and report nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

def _run(*args: str, cache: Path | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", *args]
    if cache is not None:
        command += ["--cache-dir", str(cache)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_is_clean():
    proc = _run("ruff", "check", "--no-cache", "pk_excel")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _mypy_errors(cache: Path) -> tuple[int, list[str]]:
    proc = _run("mypy", cache=cache)
    assert "error: No module named mypy" not in proc.stderr, proc.stderr
    return proc.returncode, [line for line in proc.stdout.splitlines() if ": error:" in line]


def test_mypy_is_clean(tmp_path):
    """Every module of the package, stage entry points typed with the real types (no `Any` at a boundary)."""
    code, errors = _mypy_errors(tmp_path / "mypy-cache")
    assert errors == [] and code == 0, "\n".join(errors)
