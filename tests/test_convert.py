""".xls and .ods inputs: made a plain .xlsx (values, merges, widths, sheet names and states) that the one writer,
the patch writer, then marks. The .ods is built here in code; the PK tables as .xls/.ods come from LibreOffice
(skipped where `soffice` is not installed)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import pytest
from conftest import build_pk
from test_ooxml_repros import ROWS, frozen_clock, malformed, opens, parts, untyped

from pk_excel.checker import check_file
from pk_excel.config import Options
from pk_excel.convert import CONVERTED
from pk_excel.marks import read_marks_data
from pk_excel.model import FileReport, Finding
from pk_excel.validated import output_path, write_validated
from pk_excel.workbook import open_book

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"


def _cell(value, span: tuple[int, int] | None = None) -> str:
    spans = f' table:number-columns-spanned="{span[1]}" table:number-rows-spanned="{span[0]}"' if span else ""
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, dt.date):
        return (f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}"{spans}>'
                f"<text:p>{value.isoformat()}</text:p></table:table-cell>")  # fmt: skip
    if isinstance(value, (int, float)):
        return (f'<table:table-cell office:value-type="float" office:value="{value}"{spans}>'
                f"<text:p>{value}</text:p></table:table-cell>")  # fmt: skip
    text = escape(value)
    return f'<table:table-cell office:value-type="string"{spans}><text:p>{text}</text:p></table:table-cell>'


def build_ods(path: Path) -> Path:
    """Two sheets: PK (a merged title over A1:D1, column B 5 cm wide, text, numbers, a date, text that looks
    like a formula) and Catatan (a merged range C2:C3)."""
    pk_rows = [
        [(_cell("PENGUKURAN KINERJA 2024", (1, 4))), "<table:covered-table-cell/>" * 3],
        [_cell("No"), _cell("Indikator"), _cell("Target"), _cell("Realisasi"), _cell("Tanggal")],
        [_cell(1), _cell("Indeks Kepuasan"), _cell(85), _cell(82.71), _cell(dt.date(2024, 2, 26))],
        [_cell(2), _cell("=1+1"), _cell("100%"), _cell(None), _cell("Catatan & lain")],
        ['<table:table-cell office:value-type="percentage" office:value="0.9731"><text:p>97,31%</text:p>'
         '</table:table-cell>', '<table:table-cell office:value-type="currency" office:currency="IDR" '
         'office:value="3447564346"><text:p>Rp3.447.564.346</text:p></table:table-cell>'],
    ]
    note_rows = [[_cell(None)], [_cell(None), _cell(None), _cell("sasaran", (2, 1))],
                 [_cell(None), _cell(None), "<table:covered-table-cell/>"]]  # fmt: skip

    def table(name: str, rows: list[list[str]], columns: str) -> str:
        body = "".join(f"<table:table-row>{''.join(r)}</table:table-row>" for r in rows)
        return f'<table:table table:name="{name}">{columns}{body}</table:table>'

    columns = ('<table:table-column table:style-name="co1"/><table:table-column table:style-name="co2"/>'
               '<table:table-column table:style-name="co1" table:number-columns-repeated="1021"/>')  # fmt: skip
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="{OFFICE}" '
        f'xmlns:table="{TABLE}" xmlns:text="{TEXT}" xmlns:style="{STYLE}" xmlns:fo="{FO}" office:version="1.2">'
        "<office:automatic-styles>"
        '<style:style style:name="co1" style:family="table-column">'
        '<style:table-column-properties style:column-width="2.258cm"/></style:style>'
        '<style:style style:name="co2" style:family="table-column">'
        '<style:table-column-properties style:column-width="5cm"/></style:style>'
        "</office:automatic-styles><office:body><office:spreadsheet>"
        + table("PK", pk_rows, columns)
        + table("Catatan", note_rows, "")
        + "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        zf.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def findings_report(path: Path) -> FileReport:
    findings = [
        Finding("capaian-wrong", "error", "PK", "D3", 3, "Realisasi salah", "Wrong realisasi", found="82,71"),
        Finding("value-text", "warning", "PK", "C4", 4, "Persen sebagai teks", "Percent as text"),
        Finding("title-merged", "info", "PK", "C1", 1, "Judul digabung", "Merged title"),  # inside A1:D1
    ]
    return FileReport(path=str(path), status="findings", findings=findings)


def write(path: Path, out: Path, report: FileReport | None = None, lang: str = "id") -> list[str]:
    return write_validated(open_book(path), report or findings_report(path), out, Options(lang=lang))


def calamine_values(path: Path, sheet: str) -> list[list]:
    from python_calamine import CalamineWorkbook

    with open(path, "rb") as fh:
        return CalamineWorkbook.from_filelike(fh).get_sheet_by_name(sheet).to_python()


# --- an .ods built in code --------------------------------------------------------------------------------------


def test_ods_becomes_a_marked_xlsx(tmp_path):
    src = build_ods(tmp_path / "pk.ods")
    out = output_path(src, None, "ods")
    assert out.name == "pk.checked.xlsx"
    warnings = write(src, out)
    assert warnings == [CONVERTED["ods"][0]]
    assert malformed(out) == [] and untyped(out) == [] and opens(out) == []

    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["PK", "Catatan", "Temuan", "Ringkasan", "_pk_excel"]
    ws = wb["PK"]
    assert [ws.cell(3, c).value for c in range(1, 6)] == [1, "Indeks Kepuasan", 85, 82.71, dt.datetime(2024, 2, 26)]
    assert ws["B4"].value == "=1+1" and ws["B4"].data_type == "s"  # text that looks like a formula stays text
    assert ws["E4"].value == "Catatan & lain"
    assert ws["A5"].value == pytest.approx(0.9731) and ws["A5"].number_format == "0.00%"
    assert ws["B5"].value == 3447564346 and ws["B5"].number_format == "#,##0"
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:D1"}
    assert {str(r) for r in wb["Catatan"].merged_cells.ranges} == {"C2:C3"}
    assert wb["Catatan"]["C2"].value == "sasaran"
    # 5 cm = 189 px and 2.258 cm = 85 px; the stored width counts the cell's 5 px of padding too
    assert ws.column_dimensions["B"].width == pytest.approx(189 / 7, abs=0.2)
    assert ws.column_dimensions["A"].width == pytest.approx(85 / 7, abs=0.2)

    # the marks: fills, notes, the added sheets
    assert ws["D3"].fill.fgColor.rgb.endswith("FFC7CE") and ws["D3"].comment.text.startswith("pk-excel:")
    assert ws["C4"].fill.fgColor.rgb.endswith("FFEB9C")
    assert ws["A1"].fill.fgColor.rgb.endswith("DDEBF7")  # C1 lies in the merged title: its top-left
    temuan = [[c.value for c in row] for row in wb["Temuan"].iter_rows(min_row=2)]
    assert [r[9] for r in temuan] == ["title-merged", "capaian-wrong", "value-text"]
    ringkasan = [r[0] for r in wb["Ringkasan"].iter_rows(values_only=True, max_col=1)]
    assert CONVERTED["ods"][0] in ringkasan
    lines = {r[0]: r[1] for r in wb["Ringkasan"].iter_rows(values_only=True, max_col=2) if r[0]}
    assert lines["Berkas"] == "pk.ods"

    # calamine reads every value of the input from the copy
    before = calamine_values(src, "PK")
    after = calamine_values(out, "PK")
    for r, row in enumerate(before):
        for c, v in enumerate(row):
            if v not in (None, ""):
                assert after[r][c] == v, (r, c)


def test_ods_number_formats_reach_the_model(tmp_path):
    """A percentage cell reads as an .xlsx's does: its number with the format that shows it as percent."""
    sheet = open_book(build_ods(tmp_path / "pk.ods")).data.sheet("PK")
    assert sheet.values[5][:2] == [pytest.approx(0.9731), 3447564346]
    assert sheet.formats[5][:2] == ["0.00%", "#,##0"]
    assert sheet.formats[3][:4] == ["General"] * 4


def test_ods_copy_in_english(tmp_path):
    src = build_ods(tmp_path / "pk.ods")
    out = tmp_path / "pk.checked.xlsx"
    assert write(src, out, lang="en") == [CONVERTED["ods"][1]]
    assert openpyxl.load_workbook(out)["Temuan"]["B1"].value == "Severity"


def test_second_run_on_a_converted_copy_gives_the_same_package(tmp_path):
    src = build_ods(tmp_path / "pk.ods")
    first, second = tmp_path / "satu" / "pk.checked.xlsx", tmp_path / "dua" / "pk.checked.xlsx"
    with frozen_clock():
        write(src, first)
        assert write(first, second, findings_report(first)) == []  # the copy is an .xlsx now
    a, b = parts(first), parts(second)
    assert sorted(a) == sorted(b)
    assert [n for n in a if a[n] != b[n]] == []
    marks = read_marks_data(open_book(second).data)
    assert marks.source == "pk.ods" and marks.saving == [CONVERTED["ods"][0]]


def test_conversion_keeps_every_column(tmp_path):
    """The model keeps the columns locating needs; the copy keeps all of them."""
    src = build_ods(tmp_path / "lebar.ods")
    content = zipfile.ZipFile(src).read("content.xml").decode()
    far = "".join("<table:table-cell/>" for _ in range(80)) + '<table:table-cell office:value-type="string">' \
        "<text:p>jauh di kanan</text:p></table:table-cell>"
    content = content.replace("</table:table-row></table:table>", far + "</table:table-row></table:table>", 1)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(tmp_path / "jauh.ods", "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, content if info.filename == "content.xml" else zin.read(info))
    out = tmp_path / "jauh.checked.xlsx"
    write(tmp_path / "jauh.ods", out, FileReport(path="jauh.ods", status="ok"))
    ws = openpyxl.load_workbook(out)["PK"]
    assert ws.cell(5, 83).value == "jauh di kanan"  # after the 2 cells of row 5 and 80 empty ones


def test_conversion_failure_is_one_clean_error(tmp_path, monkeypatch):
    import errno

    from pk_excel import convert
    from pk_excel.model import PkError

    src = build_ods(tmp_path / "pk.ods")

    def full(*_args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(convert, "to_xlsx", full)
    out = tmp_path / "keluar" / "pk.checked.xlsx"
    with pytest.raises(PkError) as info:
        write(src, out)
    assert info.value.code == "write-failed" and "disk penuh" in info.value.message("id")
    assert not out.exists()


# --- PK tables saved by LibreOffice as .xls and .ods -------------------------------------------------------------


@pytest.fixture(scope="module")
def lo_tables(tmp_path_factory):
    soffice = shutil.which("soffice")
    if not soffice:
        pytest.skip("soffice not installed: cannot build .xls/.ods")
    d = tmp_path_factory.mktemp("lo")
    src = build_pk(d / "pk.xlsx", ROWS)
    wb = openpyxl.load_workbook(src)
    wb.create_sheet("Tersembunyi")["A1"] = "rahasia"
    wb["Tersembunyi"].sheet_state = "hidden"
    wb.save(src)
    out = {}
    for fmt in ("ods", "xls"):
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{d}/profile", "--headless", "--convert-to", fmt,
             "--outdir", str(d), str(src)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
        if not (d / f"pk.{fmt}").exists():
            pytest.skip(f"soffice did not produce .{fmt}")
        out[fmt] = d / f"pk.{fmt}"
    return out


@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt", ["ods", "xls"])
def test_libreoffice_table_checked_and_checked_again(lo_tables, fmt, tmp_path):
    src = tmp_path / f"pk.{fmt}"
    shutil.copy(lo_tables[fmt], src)
    with frozen_clock():
        report = check_file(src, Options(write=True, out_dir=str(tmp_path / "out1")))
        assert report.status == "findings", report.error
        first = Path(report.output)
        assert first.name == "pk.checked.xlsx"
        assert report.warnings == [CONVERTED[fmt][0]]
        again = check_file(first, Options(write=True, out_dir=str(tmp_path / "out2")))
        second = Path(again.output)
    assert malformed(first) == [] and untyped(first) == [] and opens(first) == []
    wb = openpyxl.load_workbook(first)
    assert wb.sheetnames[:4] == ["PK", "Tersembunyi", "Temuan", "Ringkasan"]
    assert wb["Tersembunyi"].sheet_state == "hidden" and wb["Tersembunyi"]["A1"].value == "rahasia"
    before = open_book(src).data.sheet("PK")
    ws = wb["PK"]
    for r, row in before.values.items():
        for c, v in enumerate(row, 1):
            if v is not None:
                assert ws.cell(r, c).value == v, (r, c)
    assert {(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges} >= set(before.merged)
    assert any(ws[ref].comment is not None for ref in ("F6", "F7"))
    assert wb["Temuan"].max_row > 1
    a, b = parts(first), parts(second)  # the second run writes the same package
    assert sorted(a) == sorted(b) and [n for n in a if a[n] != b[n]] == []


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="soffice (LibreOffice) is not installed")
def test_converted_copy_opens_in_libreoffice(tmp_path):
    src = build_ods(tmp_path / "pk.ods")
    out = tmp_path / "pk.checked.xlsx"
    write(src, out)
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to",
         "csv", "--outdir", str(tmp_path / "csv"), str(out)],
        check=False, capture_output=True, timeout=180, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "csv" / "pk.checked.csv").read_text(encoding="utf-8", errors="replace")
    assert "Indeks Kepuasan" in text and "=1+1" in text


def test_an_xls_without_widths_gets_columns_as_wide_as_their_text_and_prints_one_page_wide(tmp_path, monkeypatch):
    """calamine gives no column widths for an .xls: the copy's columns follow their text (within a bound)
    rather than Excel's default, and the sheet prints landscape, one page wide (review)."""
    import re

    from pk_excel import convert, workbook
    from pk_excel.workbook import Book, PlainSheet

    name = "Persentase pengaduan masyarakat yang ditindaklanjuti"  # 52 characters
    sheet = PlainSheet("PK", "visible", [["No", "Indikator", "Target"], [1, name, 100], [2, name * 3, 90]], [])
    monkeypatch.setattr(workbook, "read_plain", lambda *a: [sheet])
    out = tmp_path / "copy.xlsx"
    book = Book(path=tmp_path / "PK.xls", kind="xls", source_format="xls", data=None)  # type: ignore[arg-type]
    convert.to_xlsx(book, out, Options().limits)
    xml = zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml").decode()
    widths = {int(m.group(1)): float(m.group(2)) for m in re.finditer(r'<col min="(\d+)" max="\d+" width="([\d.]+)"', xml)}
    assert 30 < widths[2] <= convert.AUTOFIT_MAX_PX / 7 + 1  # the long names' column: wide, within the bound
    assert 'orientation="landscape"' in xml and 'fitToHeight="0"' in xml


def test_an_ods_is_read_once_for_the_check_and_its_copy(tmp_path, monkeypatch):
    """The copy is made from what calamine read when the book was opened: the file is not read twice."""
    from pk_excel import workbook

    src = build_ods(tmp_path / "PK.ods")
    calls = []
    real = workbook.read_plain
    monkeypatch.setattr(workbook, "read_plain", lambda *a: calls.append(a) or real(*a))
    fr = check_file(src, Options(write=True))
    assert fr.output and Path(fr.output).is_file()
    assert len(calls) == 1
