"""The command line, run in-process: exit codes, stdout/stderr discipline, languages, options."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from pk_excel.cli import app

runner = CliRunner()

GOOD = ["", "Sasaran", "Jumlah kader terlatih", "10", "10", "100%", "Sudah dilatih"]
WRONG = ["", "Sasaran", "Jumlah kader terlatih", "10", "8", "100%", ""]  # capaian typed wrong: 80%


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_clean_file_exits_0_and_writes_the_validated_copy(make_pk, tmp_path):
    path = make_pk([GOOD])
    out = tmp_path / "keluar"
    res = run("check", path, "--out", out)
    assert res.exit_code == 0, res.output
    assert (out / f"{path.stem}.checked.xlsx").is_file()
    assert "Salinan tervalidasi" in res.stdout


def test_error_findings_exit_1(make_pk):
    res = run("check", make_pk([WRONG]), "--no-write")
    assert res.exit_code == 1
    assert "capaian-wrong" in res.stdout


def test_exit_zero_keeps_findings_but_exits_0(make_pk):
    res = run("check", make_pk([WRONG]), "--no-write", "--exit-zero")
    assert res.exit_code == 0 and "capaian-wrong" in res.stdout


def test_strict_makes_warnings_fail(make_pk):
    warn = ["", "Sasaran", "Persentase usulan yang diakomodir", "65 usulan", "38 usulan", "58,46%", ""]
    assert run("check", make_pk([warn]), "--no-write").exit_code == 0
    assert run("check", make_pk([warn]), "--no-write", "--strict").exit_code == 1


def test_json_goes_to_stdout_alone(make_pk):
    res = run("check", make_pk([WRONG]), "--format", "json", "--no-write")
    doc = json.loads(res.stdout)
    (f,) = doc["files"]
    assert f["status"] == "findings" and f["findings"][0]["rule"] == "capaian-wrong"
    assert f["indicators"][0]["capaian_hitung"] == 80


def test_english_messages(make_pk):
    res = run("check", make_pk([WRONG]), "--format", "json", "--no-write", "--lang", "en")
    msg = json.loads(res.stdout)["files"][0]["findings"][0]["message"]
    assert "should be" in msg.lower() or "recorded" in msg.lower()


def test_bad_file_is_one_line_on_stderr_and_exit_2(tmp_path):
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    res = run("check", bad)
    assert res.exit_code == 2
    lines = [ln for ln in res.stderr.splitlines() if "rusak.xlsx" in ln]
    assert len(lines) == 1 and "Traceback" not in res.output
    assert not list(tmp_path.glob("*.checked.*"))


def test_folder_one_bad_file_does_not_stop_the_others(make_pk, tmp_path):
    folder = tmp_path / "masuk"
    folder.mkdir()
    make_pk([GOOD], name="masuk/a.xlsx")
    make_pk([WRONG], name="masuk/b.xlsx")
    (folder / "c.xlsx").write_bytes(b"")
    res = run("check", folder, "--format", "json", "-j", "1")
    files = json.loads(res.stdout)["files"]
    assert [f["status"] for f in files] == ["ok", "findings", "error"]
    assert res.exit_code == 2
    assert (folder / "a.checked.xlsx").is_file() and (folder / "b.checked.xlsx").is_file()


def test_missing_file(tmp_path):
    res = run("check", tmp_path / "tidak-ada.xlsx")
    assert res.exit_code == 2 and "tidak-ada.xlsx" in res.stderr


def test_usage_error_exits_2():
    assert run("check").exit_code == 2
    assert run("check", "x.xlsx", "--format", "yaml").exit_code == 2


def test_bad_config_is_a_clear_error(make_pk, tmp_path):
    cfg = tmp_path / "pk-excel.toml"
    cfg.write_text('[polaritas]\n"angka kematian" = "kadang"\n', encoding="utf-8")
    res = run("check", make_pk([GOOD]), "--config", cfg)
    assert res.exit_code == 2 and "polaritas" in res.stderr and "Traceback" not in res.output


def test_config_beside_the_workbook_is_used(make_pk, tmp_path):
    (tmp_path / "pk-excel.toml").write_text("[capaian]\nbatas_atas = 100\n", encoding="utf-8")
    over = ["", "Sasaran", "Jumlah kader", "10", "15", "150%", ""]
    res = run("check", make_pk([over]), "--format", "json", "--no-write")
    ind = json.loads(res.stdout)["files"][0]["indicators"][0]
    assert ind["capaian_hitung"] == 100


def test_rules_lists_the_catalogue():
    res = run("rules")
    assert res.exit_code == 0
    ids = [line.split()[0] for line in res.stdout.splitlines()]
    assert "capaian-wrong" in ids and "row-shifted" in ids and ids == sorted(ids)
    en = run("rules", "--lang", "en", "--format", "json")
    assert {r["id"] for r in json.loads(en.stdout)} == set(ids)


def test_template_command(tmp_path):
    out = tmp_path / "templat.xlsx"
    res = run("template", out, "--tahun", "2025", "--unit", "Kecamatan Bajeng")
    assert res.exit_code == 0 and out.is_file()
    from openpyxl import load_workbook

    ws = load_workbook(out).worksheets[0]
    texts = [c.value for row in ws.iter_rows(max_row=3) for c in row if c.value]
    assert any("2025" in str(t) for t in texts) and any("BAJENG" in str(t).upper() for t in texts)


def test_template_bad_year_is_one_line(tmp_path):
    res = run("template", tmp_path / "t.xlsx", "--tahun", "1800")
    assert res.exit_code == 2 and "Traceback" not in res.output


def test_input_is_never_modified(make_pk, tmp_path):
    import hashlib

    path = make_pk([WRONG])
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    run("check", path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert path.with_name(f"{path.stem}.checked.xlsx").is_file()


@pytest.mark.parametrize("cmd", [["--help"], ["check", "--help"], ["rules", "--help"], ["template", "--help"],
                                 ["rekap", "--help"], ["watch", "--help"]])
def test_help_for_every_command(cmd):
    assert run(*cmd).exit_code == 0


def test_piped_output_is_one_unwrapped_line_per_file(make_pk, tmp_path):
    folder = tmp_path / ("folder-with-a-rather-long-name-" * 3)
    folder.mkdir()
    path = make_pk([WRONG])
    target = folder / path.name
    target.write_bytes(path.read_bytes())
    res = run("check", target, "--no-write", "--quiet")
    lines = [line for line in res.stdout.splitlines() if line]
    assert len(lines) == 1 and lines[0].startswith(str(target)) and lines[0].endswith("1 indikator")


def test_the_program_exits_with_its_code_and_flushed_output(make_pk, tmp_path):
    """`pk-excel` (cli.run) leaves without interpreter teardown: the code and the last lines must survive."""
    import subprocess
    import sys

    driver = "import sys; from pk_excel.cli import run; sys.argv[0] = 'pk-excel'; run()"
    path = make_pk([WRONG])
    done = subprocess.run(
        [sys.executable, "-c", driver, "check", str(path), "--out", str(tmp_path / "keluar"), "-q"],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 1, done.stderr
    assert done.stdout.strip().endswith("1 indikator")
    assert (tmp_path / "keluar" / f"{path.stem}.checked.xlsx").is_file()
    missing = subprocess.run(
        [sys.executable, "-c", driver, "check", str(tmp_path / "tidak-ada.xlsx")],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert missing.returncode == 2 and "tidak-ada.xlsx" in missing.stderr
