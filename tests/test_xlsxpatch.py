"""The patch writer on packages openpyxl and XlsxWriter never write: prefixed namespaces, Excel's
mc:AlternateContent, cells and rows that do not exist yet, the user's defined names and properties, and text
that XML cannot hold as it is. Every output must load in openpyxl (and LibreOffice, where installed)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from test_annotate import sheet_xml
from test_xlsxread import STYLES, make_xlsx, sheet

from pk_excel.validated import write_validated
from pk_excel.checker import check_file
from pk_excel.config import Options
from pk_excel.model import Document, FileReport, Finding
from pk_excel.xmltext import insert_before, text_xml
from pk_excel.workbook import open_book

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def xrow(r: int, values: list, p: str = "x:") -> bytes:
    cells = []
    for c, v in enumerate(values):
        if v is None:
            continue
        ref = f"{chr(65 + c)}{r}"
        if isinstance(v, str):
            cells.append(f'<{p}c r="{ref}" t="inlineStr"><{p}is><{p}t>{v}</{p}t></{p}is></{p}c>')
        else:
            cells.append(f'<{p}c r="{ref}"><{p}v>{v}</{p}v></{p}c>')
    return f'<{p}row r="{r}">{"".join(cells)}</{p}row>'.encode()


HEADER = ["NO", "SASARAN", "INDIKATOR KINERJA", "TARGET", "REALISASI", "CAPAIAN", "PENJELASAN"]


def prefixed_pk(path: Path) -> Path:
    rows = (
        xrow(1, ["PENGUKURAN KINERJA TAHUN 2023"])
        + xrow(3, HEADER)
        + xrow(4, ["Sasaran Strategis"])
        + xrow(5, [1, "Meningkatnya kualitas layanan", "Persentase dokumen selesai", "100%", "80%", "100%", "Tercapai"])
        + xrow(6, [2, "Meningkatnya kualitas layanan", "Jumlah kader terlatih", 10, 10, "100%", "Sudah dilatih"])
    )
    tail = (
        b'<x:pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
        + f'<mc:AlternateContent xmlns:mc="{MC}"><mc:Choice Requires="x14"><x:controls/></mc:Choice>'.encode()
        + b"</mc:AlternateContent>"
    )
    return make_xlsx(path, [sheet(rows, tail, "x")], styles=STYLES, names=["PK"])


def one_row_pk():
    """An openpyxl workbook: sheet PK, the header in row 1 and one indicator whose capaian is typed wrong."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "PK"
    for c, text in enumerate(HEADER, start=1):
        ws.cell(1, c, text)
    ws.append([1, "Sasaran", "Jumlah kader", 10, 8, "100%", "ok"])
    return wb, ws


def rgb(cell) -> str:
    return (cell.fill.fgColor.rgb or "")[-6:] if cell.fill.fill_type else ""


def test_prefixed_sheet_keeps_its_prefix_and_schema_order(tmp_path: Path):
    src = prefixed_pk(tmp_path / "ns.xlsx")
    report = check_file(src, Options(write=True, out_dir=str(tmp_path / "out")))
    assert report.status == "findings", report.error
    assert any(f.rule == "capaian-wrong" and f.cell == "F5" for f in report.findings)
    out = Path(report.output)
    xml = sheet_xml(out, "PK")
    assert "<c " not in xml and '<x:c r="I3"' in xml  # added cells speak the sheet's prefix
    assert xml.index("<x:legacyDrawing") < xml.index("<mc:AlternateContent")  # before Excel's wrapper
    assert xml.index("<x:pageMargins") < xml.index("<x:legacyDrawing")
    assert 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"' in xml
    ws = openpyxl.load_workbook(out)["PK"]
    assert rgb(ws["F5"]) == "FFC7CE" and ws["F5"].comment.text.startswith("pk-excel:")
    assert ws["I3"].value == "Capaian (hitung)" and ws["I5"].value == 80


def test_cells_and_rows_that_do_not_exist_yet(tmp_path: Path):
    src = prefixed_pk(tmp_path / "ns.xlsx")
    report = FileReport(
        path=str(src),
        document=Document(path=str(src), sheets=["PK"]),
        findings=[
            Finding("PEN-001", "warning", "PK", "H5", 5, "Sel kosong", "Empty cell"),  # the row has no H
            Finding("TTD-002", "error", "PK", "C9", 9, "Baris kosong", "Empty row"),  # no row 9 at all
            Finding("TTD-003", "info", "PK", "B2", 2, "Baris kosong", "Empty row"),  # no row 2, between 1 and 3
        ],
    )
    out = tmp_path / "ns.checked.xlsx"
    assert write_validated(open_book(src), report, out, Options()) == []
    xml = sheet_xml(out, "PK")
    rows = [int(r) for r in re.findall(r'<x:row r="(\d+)"', xml)]
    assert rows == sorted(rows) and {2, 9} <= set(rows)
    row5 = re.search(r'<x:row r="5".*?</x:row>', xml).group(0)
    cols = re.findall(r'<x:c r="([A-Z]+)5"', row5)
    assert cols == sorted(cols, key=lambda c: (len(c), c)) and "H" in cols
    ws = openpyxl.load_workbook(out)["PK"]
    assert rgb(ws["H5"]) == "FFEB9C" and rgb(ws["C9"]) == "FFC7CE" and rgb(ws["B2"]) == "DDEBF7"
    assert ws["C9"].comment.text.startswith("pk-excel:") and ws["B2"].comment is not None


def test_defined_names_properties_and_difficult_text(tmp_path: Path):
    wb, ws = one_row_pk()
    ws.print_area = "A1:G2"
    from openpyxl.packaging.custom import StringProperty

    wb.custom_doc_props.append(StringProperty(name="Pemilik", value="Bagian Organisasi"))
    src = tmp_path / "pk.xlsx"
    wb.save(src)
    odd = "a < b & c > d _x0041_ tab\there"
    report = FileReport(
        path=str(src),
        document=Document(path=str(src), sheets=["PK"]),
        findings=[Finding("VAL-009", "warning", "PK", "E2", 2, odd, odd, found=odd)],
    )
    out = tmp_path / "pk.checked.xlsx"
    write_validated(open_book(src), report, out, Options())
    back = openpyxl.load_workbook(out)
    assert back["PK"].print_area == "'PK'!$A$1:$G$2"
    assert back.custom_doc_props["Pemilik"].value == "Bagian Organisasi"
    assert "pk-excel" in back.custom_doc_props.names
    temuan = back["Temuan"]
    assert temuan["G2"].value == odd and temuan["H2"].value == odd
    assert back["PK"]["E2"].comment.text.endswith(odd)
    assert back.defined_names.get("_xlnm.Print_Titles", None) is None  # only local names were added
    assert temuan.print_title_rows.replace("$", "") == "1:1"


def test_text_xml_escapes_what_xml_cannot_hold():
    assert text_xml("a<b>&c") == "a&lt;b&gt;&amp;c"
    assert text_xml("x\x0by") == "x_x000B_y"
    assert text_xml("_x0041_") == "_x0041_"  # read back as written by openpyxl and pk-excel's reader


def test_insert_before_respects_schema_order_and_wrappers():
    tail = f'<pageMargins/><mc:AlternateContent xmlns:mc="{MC}"><mc:Choice><controls/></mc:Choice></mc:AlternateContent></worksheet>'
    out = insert_before(tail, "<legacyDrawing/>", ("legacyDrawingHF", "controls", "extLst"), "</worksheet>")
    assert out.startswith("<pageMargins/><legacyDrawing/><mc:AlternateContent")
    closed = "<mc:AlternateContent><mc:Choice/></mc:AlternateContent><controls/></worksheet>"
    out = insert_before(closed, "<X/>", ("controls",), "</worksheet>")
    assert out == "<mc:AlternateContent><mc:Choice/></mc:AlternateContent><X/><controls/></worksheet>"
    assert insert_before("<a/></worksheet>", "<X/>", ("extLst",), "</worksheet>") == "<a/><X/></worksheet>"


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="soffice (LibreOffice) is not installed")
def test_prefixed_output_opens_in_libreoffice(tmp_path: Path):
    src = prefixed_pk(tmp_path / "ns.xlsx")
    report = check_file(src, Options(write=True, out_dir=str(tmp_path / "out")))
    profile = tmp_path / "lo-profile"
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "csv",
         "--outdir", str(tmp_path / "csv"), report.output],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    csv = tmp_path / "csv" / (Path(report.output).stem + ".csv")
    assert done.returncode == 0 and csv.exists(), done.stderr
    text = csv.read_text(encoding="utf-8", errors="replace")
    assert "Capaian (hitung)" in text and "Jumlah kader terlatih" in text


def test_earlier_fill_is_taken_back_after_another_program_rewrote_the_styles(tmp_path: Path):
    """LibreOffice re-saves a checked copy with fills as FF-alpha colours, renumbered formats and the marks
    sheet merely hidden: the next run still recognises its own fill and puts the user's back."""
    wb, ws = one_row_pk()
    from openpyxl.styles import PatternFill

    ws["D2"].fill = PatternFill("solid", start_color="FFFF00", end_color="FFFF00")  # the user's own yellow
    src = tmp_path / "pk.xlsx"
    wb.save(src)

    def report(path: Path, cells: list[str]) -> FileReport:
        return FileReport(
            path=str(path),
            document=Document(path=str(path), sheets=["PK"]),
            findings=[Finding("VAL-009", "error", "PK", c, 2, "Nilai aneh", "Odd value") for c in cells],
        )

    first = tmp_path / "pk.checked.xlsx"
    write_validated(open_book(src), report(src, ["D2", "E2"]), first, Options())
    resaved = tmp_path / "resaved.xlsx"
    with zipfile.ZipFile(first) as zin, zipfile.ZipFile(resaved, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/styles.xml":
                data = data.replace(b'rgb="00FFC7CE"', b'rgb="FFFFC7CE"')
            elif item.filename == "xl/workbook.xml":
                data = data.replace(b'state="veryHidden"', b'state="hidden"')
            zout.writestr(item, data)
    second = tmp_path / "again.checked.xlsx"
    write_validated(open_book(resaved), report(resaved, []), second, Options())  # the findings were fixed
    back = openpyxl.load_workbook(second)
    assert back.sheetnames == ["PK", "Temuan", "Ringkasan", "_pk_excel"]
    assert rgb(back["PK"]["D2"]) == "FFFF00"  # the user's yellow is back
    assert rgb(back["PK"]["E2"]) == ""
    assert back["PK"]["D2"].comment is None and back["PK"]["E2"].comment is None


def test_no_added_columns_when_the_sheet_is_styled_to_its_last_column(tmp_path: Path):
    from openpyxl.styles import PatternFill

    wb, ws = one_row_pk()
    ws.cell(2, 16_384).fill = PatternFill("solid", start_color="EEEEEE", end_color="EEEEEE")  # XFD2
    src = tmp_path / "lebar.xlsx"
    wb.save(src)
    report = check_file(src, Options(write=True, out_dir=str(tmp_path / "out")))
    assert report.status == "findings", report.error
    out = openpyxl.load_workbook(report.output)
    assert out["PK"].max_column == 16_384 and out["PK"]["XFD2"].value is None  # nothing written past XFD
    assert rgb(out["PK"]["F2"]) == "FFC7CE" and out["Temuan"].max_row > 1


def test_added_columns_are_shown_where_the_template_hides_unused_columns(tmp_path: Path):
    wb, ws = one_row_pk()
    ws.column_dimensions.group("H", "XFD", hidden=True)  # everything right of the table hidden
    src = tmp_path / "tersembunyi.xlsx"
    wb.save(src)
    report = check_file(src, Options(write=True, out_dir=str(tmp_path / "out")))
    xml = sheet_xml(Path(report.output), "PK")
    from pk_excel.xmltext import attrs

    cols = {}
    for tag in re.findall(r"<col\b([^>]*)>", xml):
        a = attrs(tag)
        cols[(int(a["min"]), int(a["max"]))] = a.get("hidden") == "1"
    assert cols[(8, 8)] and cols[(14, 16384)]  # H and O.. stay hidden
    assert all(not cols[(c, c)] for c in range(9, 14))  # I..M, pk-excel's columns, are shown
    assert openpyxl.load_workbook(report.output)["PK"]["I1"].value == "Capaian (hitung)"


def test_merged_index_targets_top_left_cells_and_gives_up_inside_overlaps():
    from pk_excel.cellref import MergedIndex

    index = MergedIndex([(3, 2, 5, 2), (6, 4, 7, 5), (7, 5, 8, 6), (10, 1, 600, 10)])  # E7 in two; one large
    assert index.target(4, 2) == (3, 2) and index.target(3, 2) == (3, 2)  # B4 -> B3
    assert index.target(1, 1) == (1, 1)  # not merged
    assert index.target(300, 7) == (10, 1)  # inside the large range
    assert index.target(7, 5) == (6, 4)  # E7: the first range holding it (D6:E7) wins
    # F8: its range E7:F8 starts inside D6:E7, and F8 itself is covered: no cell can hold a mark
    assert index.target(8, 6) is None
