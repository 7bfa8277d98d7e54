"""Issue 14, points 5 and 8: the words pk-excel says about a file's state, its help, and per-office rule levels."""

from __future__ import annotations

import json
import re

import pytest
import typer.main
from typer.testing import CliRunner

from pk_excel import progress
from pk_excel.cli import app
from pk_excel.config import config_from_dict
from pk_excel.model import FileReport, Finding, PkError
from pk_excel.rules.registry import all_rules

WRONG = ["", "Meningkatnya kepuasan", "Indeks Kepuasan Masyarakat", "85,00", "82,71", "90%", "SKM"]


def run(*args, **kw):
    return CliRunner().invoke(app, [str(a) for a in args], **kw)


def report_with(errors: int, warnings: int = 0) -> FileReport:
    findings = [Finding("capaian-wrong", "error", "PK", f"F{6 + i}", 6 + i, "salah", "wrong") for i in range(errors)]
    findings += [Finding("target-missing", "warning", "PK", f"D{9 + i}", 9 + i, "t", "t") for i in range(warnings)]
    return FileReport(path="pk.xlsx", status="findings" if findings else "ok", findings=findings, output="pk.checked.xlsx")


# --- 5. status words --------------------------------------------------------------------------------------


def test_watch_says_what_check_says_and_never_ok_before_errors():
    fr = report_with(2, 1)
    line = progress.watch_line(fr, "id")
    assert not line.startswith("OK")
    assert line == f"{progress.summary_line(fr, 'id')} -> pk.checked.xlsx"
    assert "2 kesalahan, 1 peringatan" in line


@pytest.mark.parametrize(("errors", "text"), [(0, "0 errors"), (1, "1 error,"), (2, "2 errors")])
def test_english_counts_are_pluralised(errors, text):
    assert text in progress.watch_line(report_with(errors, 1), "en")
    assert "1 warning " in progress.watch_line(report_with(errors, 1), "en") + " "


def test_english_terminal_summary_is_pluralised(make_pk):
    res = run("check", make_pk([WRONG]), "--no-write", "--lang", "en")
    assert "1 error," in res.stdout and "1 errors" not in res.stdout
    assert "1 indicator" in res.stdout and "1 indicators" not in res.stdout


def test_rules_shows_severities_in_the_chosen_language():
    ids = run("rules").stdout
    assert re.search(r"^capaian-wrong\s+kesalahan\s", ids, re.M)
    assert re.search(r"^capaian-missing\s+peringatan\s", ids, re.M)
    assert not re.search(r"\s(error|warning)\s", ids)
    en = run("rules", "--lang", "en").stdout
    assert re.search(r"^capaian-wrong\s+error\s", en, re.M)


def _help_screens():
    group = typer.main.get_command(app)
    yield ["--help"]
    for name in group.commands:
        yield [name, "--help"]


@pytest.mark.parametrize("args", list(_help_screens()), ids=lambda a: " ".join(a))
def test_help_is_indonesian_and_describes_every_option(args):
    res = run(*args, env={"COLUMNS": "200"})
    text = res.stdout
    assert res.exit_code == 0
    for english in ("{", "Usage", "Show this message", "[default", "[required]", "Options", "Arguments", "x>=", "<str>", "<path>"):
        assert english not in text, english
    group = typer.main.get_command(app)
    if len(args) == 2:
        for param in group.commands[args[0]].params:
            assert param.help, (args[0], param.name)


def test_version():
    from pk_excel import __version__

    res = run("--version")
    assert res.exit_code == 0 and res.stdout.strip() == f"pk-excel {__version__}"


def test_check_of_an_empty_folder_in_json_is_a_json_document(tmp_path):
    res = run("check", tmp_path, "--format", "json")
    assert res.exit_code == 2
    doc = json.loads(res.stdout)
    assert doc["files"] == [] and doc["error_code"] == "no-workbooks"


# --- 8. per-office rule levels ----------------------------------------------------------------------------


def test_rule_turned_off_or_given_another_level(make_pk, tmp_path):
    numbering_gap = [["1", "Sasaran", "Indikator A", "10", "10", "100%", ""], ["3", "", "Indikator B", "10", "5", "50%", ""]]
    path = make_pk(numbering_gap)
    plain = json.loads(run("check", path, "--no-write", "--format", "json").stdout)["files"][0]["findings"]
    assert any(f["rule"] == "numbering" for f in plain)
    (tmp_path / "pk-excel.toml").write_text('[aturan]\nnumbering = "off"\n"capaian-wrong" = "warning"\n')
    res = run("check", path, "--no-write", "--format", "json")
    found = json.loads(res.stdout)["files"][0]["findings"]
    assert not any(f["rule"] == "numbering" for f in found)
    wrong = make_pk([WRONG], name="salah.xlsx")
    res = run("check", wrong, "--no-write", "--format", "json")
    found = json.loads(res.stdout)["files"][0]["findings"]
    assert {f["severity"] for f in found if f["rule"] == "capaian-wrong"} == {"warning"}
    assert res.exit_code == 0  # no error left


def test_rules_lists_the_effective_level(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pk-excel.toml").write_text('[aturan]\nnumbering = "off"\n"capaian-missing" = "error"\n')
    out = run("rules").stdout
    assert re.search(r"^numbering\s+mati\s.*\(bawaan: peringatan\)$", out, re.M)
    assert re.search(r"^capaian-missing\s+kesalahan\s", out, re.M)
    rows = {r["id"]: r for r in json.loads(run("rules", "--format", "json").stdout)}
    assert rows["numbering"]["level"] == "off" and rows["numbering"]["severity"] == "warning"
    assert rows["capaian-wrong"]["level"] == rows["capaian-wrong"]["severity"] == "error"


@pytest.mark.parametrize(
    ("table", "key"),
    [({"numberin": "off"}, "aturan.numberin"), ({"numbering": "keras"}, "aturan.numbering"),
     ({"numbering": 1}, "aturan.numbering")],
)  # fmt: skip
def test_invalid_rule_settings_are_config_errors_naming_the_key(table, key):
    with pytest.raises(PkError) as exc:
        config_from_dict({"aturan": table}, "pk-excel.toml")
    assert exc.value.code == "config" and key in exc.value.message("id") and key in exc.value.message("en")


def test_every_rule_can_be_set():
    levels = {m.ID: "info" for m in all_rules()}
    assert dict(config_from_dict({"aturan": levels}).rules) == levels


@pytest.mark.parametrize("args, said", [
    (["check", "--jobs", "x", "a.xlsx"], "bukan bilangan bulat"),
    (["check", "--nope", "a.xlsx"], "Opsi tidak dikenal"),
    (["check"], "belum diisi"),
    (["chek"], "Perintah tidak dikenal"),
])
def test_usage_errors_are_said_in_indonesian(args, said):
    res = run(*args, env={"COLUMNS": "200"})
    assert res.exit_code == 2
    assert said in res.output and "Invalid value" not in res.output and "Try '" not in res.output


def test_usage_errors_stay_english_when_english_is_asked():
    res = run("check", "--jobs", "x", "a.xlsx", "--lang", "en", env={"COLUMNS": "200"})
    assert res.exit_code == 2 and "is not a valid" in res.output
