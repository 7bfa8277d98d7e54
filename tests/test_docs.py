"""The README is a contract: its commands, its rule table, its options and exit codes match the code."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from pk_excel.cli import app
from pk_excel.rules.registry import all_rules

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands_and_ci_runs_the_second():
    blocks = re.findall(r"```sh\n(.*?)```", README, re.S)
    install_and_check, tests = blocks[0].strip().splitlines()
    assert "pip install" in install_and_check and "pk-excel check" in install_and_check
    assert "samples/pk-kecamatan-bajeng-2023.xlsx" in install_and_check
    assert "pytest" in tests
    assert tests in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_rule_table_matches_the_catalogue():
    rows = re.findall(r"^\| `([a-z-]+)` \| (error|warning|info) \| (.+?) \|$", README, re.M)
    assert rows == [(m.ID, m.SEVERITY, m.SUMMARY) for m in all_rules()]


def test_rule_table_matches_pk_excel_rules(tmp_path, monkeypatch):
    """The README's table is what `pk-excel rules --lang en` prints (ID, level), without a pk-excel.toml."""
    from typer.testing import CliRunner

    monkeypatch.chdir(tmp_path)
    printed = CliRunner().invoke(app, ["rules", "--lang", "en"]).stdout
    listed = [tuple(line.split()[:2]) for line in printed.splitlines()]
    rows = re.findall(r"^\| `([a-z-]+)` \| (error|warning|info) \| .+? \|$", README, re.M)
    assert rows == listed


def test_every_rule_is_documented_in_code():
    for m in all_rules():
        doc = m.__doc__ or ""
        assert "Passing" in doc and ("Failing" in doc or "Info" in doc), m.ID
        assert m.SEVERITY in ("error", "warning", "info") and m.SUMMARY and m.SUMMARY_EN
        assert m.__name__.rsplit(".", 1)[1] == m.ID.replace("-", "_")


def test_every_command_and_option_is_in_the_readme():
    group = typer.main.get_command(app)
    for name, cmd in group.commands.items():
        assert f"pk-excel {name}" in README, name
        if name == "check":
            for param in cmd.params:
                if type(param).__name__ == "TyperOption":
                    assert any(opt in README for opt in param.opts), param.opts


def test_exit_codes_documented():
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 130 |"):
        assert code in README
