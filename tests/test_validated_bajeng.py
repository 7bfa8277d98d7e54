"""The validated copy of the Bajeng sample: marks on the evaluator's cells, a second run changes nothing,
and a spreadsheet program opens it without a repair."""

from __future__ import annotations

import shutil
import subprocess

import pytest

import pk_excel
from pk_excel import Options


@pytest.fixture(scope="module")
def validated(tmp_path_factory):
    from conftest import SAMPLES

    out = tmp_path_factory.mktemp("validated")
    fr = pk_excel.check(SAMPLES / "pk-kecamatan-bajeng-2023.xlsx", Options(write=True, out_dir=str(out))).files[0]
    assert fr.output and fr.status == "findings"
    return fr


def test_marks_on_the_evaluators_cells(validated):
    from openpyxl import load_workbook

    wb = load_workbook(validated.output)
    ws = wb["PK 2023"]
    assert ws["G13"].comment is not None and "tertukar" in ws["G13"].comment.text
    assert ws["G13"].fill.fgColor.rgb.endswith("FFC7CE")  # error: red
    assert ws["A23"].comment is not None  # shifted row
    assert {"Temuan", "Ringkasan"} <= set(wb.sheetnames)
    assert wb["Temuan"].max_row - 1 == len(validated.findings)


def test_second_run_gives_the_same_findings_and_no_duplicates(validated, tmp_path):
    again = pk_excel.check(validated.output, Options(write=True, out_dir=str(tmp_path))).files[0]
    assert [(f.rule, f.cell) for f in again.findings] == [(f.rule, f.cell) for f in validated.findings]
    from openpyxl import load_workbook

    wb = load_workbook(again.output)
    assert sorted(wb.sheetnames) == sorted(load_workbook(validated.output).sheetnames)
    assert wb["PK 2023"]["G13"].comment.text.count("tertukar") == 1


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_it(validated, tmp_path):
    profile = (tmp_path / "profile").as_uri()
    res = subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
         validated.output],
        capture_output=True, timeout=240, text=True,
    )
    pdf = tmp_path / "pk-kecamatan-bajeng-2023.checked.pdf"
    assert res.returncode == 0 and pdf.is_file() and pdf.stat().st_size > 5000, res.stderr
