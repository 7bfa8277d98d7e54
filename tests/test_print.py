"""Issue 14, point 6: the validated copy reads like an evaluator's marked-up copy, on screen and on paper."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from pk_excel import Options, check
from pk_excel.summary import TEMUAN_WIDTHS as _TEMUAN_WIDTHS, row_height, text_lines
from pk_excel.rekap import write_rekap
from pk_excel.rules.registry import RULE_NAMES, all_rules

WRONG = ["1", "Meningkatnya kepuasan masyarakat", "Indeks Kepuasan Masyarakat", "85,00", "82,71", "90%", "SKM"]
OK = ["2", "Meningkatnya pelayanan", "Persentase layanan ber-SOP", "100%", "100%", "100%", "Semua layanan"]


def checked(path: Path, **kw) -> Path:
    report = check(path, Options(write=True, **kw))
    fr = report.files[0]
    assert fr.status != "error", fr.error
    return Path(fr.output)


def test_every_rule_has_a_name_in_both_languages():
    assert set(RULE_NAMES) == {m.ID for m in all_rules()}
    assert all(name_id and name_en for name_id, name_en in RULE_NAMES.values())


def test_temuan_and_notes_name_the_rule_in_words(make_pk):
    out = checked(make_pk(["Sasaran Strategis", WRONG]))
    wb = openpyxl.load_workbook(out)
    temuan = wb["Temuan"]
    header = [c.value for c in temuan[1]]
    rows = [dict(zip(header, (c.value for c in r))) for r in temuan.iter_rows(min_row=2)]
    wrong = next(r for r in rows if r["ID aturan"] == "capaian-wrong")
    assert wrong["Aturan"] == "Capaian salah hitung"
    assert temuan.column_dimensions["J"].width <= 14  # the ID stays in a narrow column
    note = wb["PK"]["F6"].comment.text
    assert "Capaian salah hitung:" in note and "capaian-wrong" not in note
    added = [c.value for c in wb["PK"][6] if c.value]
    assert "Capaian salah hitung" in added and "capaian-wrong" not in added


def test_wrapped_temuan_rows_get_a_height_for_their_lines(make_pk):
    long = WRONG[:6] + ["x " * 200]
    out = checked(make_pk(["Sasaran Strategis", WRONG, long]))
    temuan = openpyxl.load_workbook(out)["Temuan"]
    for r in range(2, temuan.max_row + 1):
        values = [c.value for c in temuan[r]]
        height = temuan.row_dimensions[r].height
        assert height is not None and height >= 15 * text_lines(values[6], _TEMUAN_WIDTHS[6])


def test_text_lines_and_row_height():
    assert text_lines("", 10) == 1 and text_lines("a\nb\nc", 10) == 3
    assert text_lines("kata " * 30, 20) > 5
    assert row_height(("satu", "dua"), (10, 10)) == 17


def test_user_sheet_prints_without_the_added_columns_and_keeps_its_own_area(make_pk, tmp_path):
    out = checked(make_pk(["Sasaran Strategis", WRONG, OK]))
    ws = openpyxl.load_workbook(out)["PK"]
    assert ws.print_area.split("!")[-1].startswith("$A$1:$G$")  # the user's columns A:G, not pk-excel's
    again = checked(out)  # a second run replaces its own area, it does not add another
    assert openpyxl.load_workbook(again)["PK"].print_area == ws.print_area
    # A print area the user set stays as it is.
    src = make_pk(["Sasaran Strategis", WRONG], name="sendiri.xlsx")
    wb = openpyxl.load_workbook(src)
    wb["PK"].print_area = "A1:C10"
    wb.save(src)
    assert openpyxl.load_workbook(checked(src))["PK"].print_area.endswith("$A$1:$C$10")


def test_ringkasan_chart_is_horizontal_with_whole_names_and_no_axis_title(make_pk):
    import zipfile

    name = "Persentase fasilitas pelayanan kesehatan yang terakreditasi paripurna oleh lembaga independen"
    out = checked(make_pk(["Sasaran Strategis", WRONG, ["3", "Sasaran", name, "10", "0", "0%", ""]]))
    with zipfile.ZipFile(out) as zf:
        chart = next(zf.read(n).decode() for n in zf.namelist() if n.startswith("xl/charts/chart"))
    assert '<c:barDir val="bar"/>' in chart
    assert name in chart  # the whole name
    assert "<c:valAx>" in chart and "<c:title>" not in chart.split("<c:valAx>", 1)[1]
    assert "<c:showVal val=\"1\"/>" in chart  # a 0% bar still shows its value


def test_rekap_is_set_up_to_print(make_pk, tmp_path):
    path = make_pk(["Sasaran Strategis", WRONG])
    report = check(path)
    rekap = write_rekap(report, tmp_path / "rekap.xlsx")
    wb = openpyxl.load_workbook(rekap)
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (None, 1), ws.title  # 1 is the default
        if ws.title != "Grafik":
            assert ws.print_title_rows.replace("$", "") == "1:1", ws.title


@pytest.mark.libreoffice
@pytest.mark.skipif(
    __import__("shutil").which("soffice") is None or __import__("shutil").which("pdftotext") is None,
    reason="soffice (LibreOffice) or pdftotext (poppler-utils) is not installed",
)
def test_libreoffice_prints_the_users_sheet_as_set_and_temuan_whole(tmp_path):
    """Through LibreOffice: pk-excel's added columns are not on the user's pages, which come first as in
    the original, then Temuan."""
    import shutil
    import subprocess

    from conftest import SAMPLES

    src = tmp_path / "pk-kecamatan-bajeng-2023.xlsx"
    shutil.copy(SAMPLES / src.name, src)
    out = checked(src)

    def pdf_text(path: Path) -> list[str]:
        subprocess.run(
            ["soffice", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless", "--convert-to", "pdf",
             "--outdir", str(tmp_path / "pdf"), str(path)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
        pdf = tmp_path / "pdf" / (path.stem + ".pdf")
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True)
        return text.stdout.split("\f")

    original, copy = pdf_text(src), pdf_text(out)
    user_pages = copy[: len(original) - 1]  # the trailing "" after the last form feed
    assert all("Selisih" not in page for page in user_pages)  # pk-excel's columns are off the user's pages
    assert "ID aturan" in "".join(copy[len(original) - 1 :])  # Temuan printed after them



def test_ringkasan_never_leaves_a_heading_at_the_foot_of_a_page():
    from pk_excel.summary import PAGE_HEIGHT_PT, Line, page_breaks

    lines = [Line("x")] * 28 + [Line("Keterangan", kind="heading"), Line("a"), Line("b"), Line("c"), Line(kind="blank")]
    assert page_breaks(lines) == [28]  # the heading starts page 2 with its lines
    assert page_breaks([Line("x")] * 10) == []
    assert PAGE_HEIGHT_PT < 21 / 2.54 * 72  # less than a landscape A4 page is high
