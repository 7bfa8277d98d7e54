"""The validated workbook: fills, notes, added columns, Temuan, Ringkasan, safe text, atomic write,
idempotence, macros kept. Inputs are built in code; outputs are opened and inspected, never byte-compared."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.comments import Comment
from openpyxl.styles import Border, Font, PatternFill, Side

from pk_excel import marking, output, summary
from pk_excel.config import Options
from pk_excel.marks import MARK_PROPERTY, NOTE_AUTHOR, read_marks_data
from pk_excel.validated import output_path, write_validated
from pk_excel.workbook import open_book
from pk_excel.model import Document, FileReport, Finding, Indicator, PkError, Program, Table, Value

FORMULA_TEXT = "=1+1"
HYPERLINK_TEXT = '=HYPERLINK("http://x","y")'
THIN = Side(style="thin")
HEADER_FILL = "D9D9D9"
USER_FILL = "FFFF00"


def set_text(cell, text: str) -> None:
    """Write `text` as a string, never as a formula (a penjelasan like `=1+1` must stay text)."""
    cell.value = text
    cell.data_type = "s"


def build_input(path: Path, *, extra_sheet: str | None = None, image: bool = False) -> Path:
    """A small PK table: title, two-row header (names + column numbers), three indicator rows."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "PK"
    ws["A1"] = "PENGUKURAN PERJANJIAN KINERJA TAHUN 2023"
    ws.merge_cells("A1:G1")
    heads = ["NO", "SASARAN", "INDIKATOR KINERJA", "TARGET", "REALISASI", "CAPAIAN", "PENJELASAN KINERJA"]
    for col, text in enumerate(heads, start=1):
        cell = ws.cell(3, col, text)
        cell.font = Font(bold=True, color="000080")
        cell.fill = PatternFill("solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
        cell.border = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
        ws.cell(4, col, f"({col})")
    ws["A5"] = "Sasaran Strategis"
    rows = [
        (
            1,
            "Meningkatnya kepuasan masyarakat",
            "Indeks Kepuasan Masyarakat (IKM)",
            "85,00 (Baik)",
            "82, 71 (Baik)",
            "97%",
            FORMULA_TEXT,
        ),
        (2, None, "Persentase usulan masyarakat yang diakomodir", 65, 38, "=E7/D7*100", HYPERLINK_TEXT),
        (3, "Tersedianya SOP", "Jumlah SOP pelayanan", "11 SOP", "11 SOP", "100%", "+62 811 1234 5678"),
    ]
    for r, values in enumerate(rows, start=6):
        for col, value in enumerate(values, start=1):
            cell = ws.cell(r, col)
            if isinstance(value, str) and not value.startswith("=E"):
                set_text(cell, value)  # penjelasan like "=1+1" is text in the input
            else:
                cell.value = value
            cell.border = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
    ws.merge_cells("B6:B7")
    ws["E6"].fill = PatternFill("solid", start_color=USER_FILL, end_color=USER_FILL)
    ws["F6"].comment = Comment("Dari laporan SKM", "Budi")
    ws.column_dimensions["C"].width = 40
    ws.print_area = "A1:G8"
    if extra_sheet:
        wb.create_sheet(extra_sheet)["A1"] = "catatan pengguna"
    if image:
        from openpyxl.drawing.image import Image as XLImage
        from PIL import Image as PILImage

        png = path.parent / "logo.png"
        PILImage.new("RGB", (20, 20), (200, 0, 0)).save(png)
        ws.add_image(XLImage(str(png)), "J20")
    wb.save(path)
    return path


def pct(x: float) -> Value:
    return Value(raw=f"{x}%", kind="percent", number=x)


def build_report(path: Path) -> FileReport:
    table = Table(
        sheet="PK",
        header_rows=(3, 4),
        columns={
            "no": 1,
            "sasaran": 2,
            "indikator": 3,
            "target": 4,
            "realisasi": 5,
            "capaian": 6,
            "penjelasan": 7,
        },
        first_row=5,
        last_row=8,
        sections=[(5, "strategis")],
    )
    inds = [
        Indicator(
            sheet="PK",
            row=6,
            table=0,
            level="strategis",
            sasaran="Meningkatnya kepuasan masyarakat",
            indikator="Indeks Kepuasan Masyarakat (IKM)",
            capaian=pct(97.0),
            capaian_hitung=97.30588,
            status="tidak tercapai",
            predikat="Sangat Tinggi",
        ),
        Indicator(
            sheet="PK",
            row=7,
            table=0,
            level="strategis",
            sasaran="Meningkatnya kepuasan masyarakat",
            indikator=HYPERLINK_TEXT,
            capaian=None,
            capaian_hitung=58.461538,
            status="tidak tercapai",
            predikat="Rendah",
        ),
        Indicator(
            sheet="PK",
            row=8,
            table=0,
            level="program",
            sasaran="Tersedianya SOP",
            indikator="Jumlah SOP pelayanan",
            capaian=pct(100.0),
            capaian_hitung=100.0,
            status="tercapai",
            predikat="Sangat Tinggi",
        ),
    ]
    programs = [
        Program(
            sheet="PK",
            row=12,
            name="Program Penunjang",
            name_cell="B12",
            anggaran=Value(raw="3.447.564.346", kind="money", number=3447564346.0),
        ),
        Program(
            sheet="PK",
            row=13,
            name="Program Pemberdayaan",
            name_cell="B13",
            anggaran=Value(raw="1.612.808.953", kind="money", number=1612808953.0),
        ),
    ]
    doc = Document(
        path=str(path),
        sheets=["PK"],
        tables=[table],
        indicators=inds,
        programs=programs,
        unit="-1+2 Kecamatan Bajeng",
        year=2023,
    )
    findings = [
        Finding(
            "CAP-001",
            "error",
            "PK",
            "F6",
            6,
            "Capaian tidak sesuai hitungan",
            "Capaian does not match the computation",
            found="97%",
            expected="97,31%",
            indikator="Indeks Kepuasan Masyarakat (IKM)",
        ),
        Finding(
            "VAL-001",
            "info",
            "PK",
            "F6",
            6,
            "Persen ditulis sebagai teks",
            "Percent written as text",
            indikator="Indeks Kepuasan Masyarakat (IKM)",
        ),
        Finding(
            "VAL-002",
            "warning",
            "PK",
            "E6",
            6,
            "Spasi setelah koma desimal",
            "Space after the decimal comma",
            found="82, 71",
            expected="82,71",
        ),
        Finding(
            "PEN-001",
            "warning",
            "PK",
            "G7",
            7,
            "Penjelasan tidak sesuai angka",
            "Penjelasan contradicts values",
            found=FORMULA_TEXT,
            expected="+62 811",
            indikator=HYPERLINK_TEXT,
        ),
        Finding(
            "SAS-001",
            "info",
            "PK",
            "B7",
            7,
            "Sasaran diambil dari sel gabungan",
            "Sasaran from a merged cell",
        ),
        Finding(
            "TTD-001", "error", None, None, None, "Blok tanda tangan tidak ditemukan", "No signature block"
        ),
    ]
    return FileReport(path=str(path), status="findings", document=doc, findings=findings)


def book_of(path: Path, fmt: str = "xlsx"):
    """The input as `write_validated` gets it: opened by `open_book`."""
    book = open_book(path, Options())
    assert book.data is not None and book.source_format == fmt
    return book


def marks_of(path: Path):
    return read_marks_data(open_book(path, Options()).data)


def unmarked(path: Path, tmp_path: Path):
    """The copy at `path` checked again with nothing to report: pk-excel's earlier marks are taken out and
    none are added to the user's sheets. Returns the copy's openpyxl workbook."""
    out = tmp_path / "tanpa-tanda.checked.xlsx"
    report = FileReport(path=str(path), status="ok", document=None, findings=[])
    write_validated(book_of(path), report, out, Options())
    return openpyxl.load_workbook(out)


def run(path: Path, lang: str = "id", out: Path | None = None) -> tuple[Path, list[str]]:
    out = out or output_path(path, None, "xlsx")
    warnings = write_validated(book_of(path), build_report(path), out, Options(lang=lang))
    return out, warnings


def rgb(cell) -> str:
    return (cell.fill.fgColor.rgb or "")[-6:] if cell.fill.fill_type else ""


def sheet_xml(path: Path, title: str) -> str:
    """The raw XML of the sheet titled `title` in the workbook at `path`."""
    with zipfile.ZipFile(path) as zf:
        wbxml = zf.read("xl/workbook.xml").decode()
        rels = zf.read("xl/_rels/workbook.xml.rels").decode()
        rid = re.search(rf'<sheet [^>]*name="{re.escape(title)}"[^>]*r:id="(\w+)"', wbxml).group(1)
        target = re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"', rels) or re.search(
            rf'Target="([^"]+)"[^>]*Id="{rid}"', rels
        )
        name = target.group(1).lstrip("/")
        return zf.read(name if name.startswith("xl/") else "xl/" + name).decode()


@pytest.fixture
def src(tmp_path: Path) -> Path:
    return build_input(tmp_path / "pk.xlsx")


# --- where it goes -----------------------------------------------------------------------------------


def test_output_path_names(tmp_path: Path):
    assert output_path(Path("/d/FILE.xlsx"), None, "xlsx") == Path("/d/FILE.checked.xlsx")
    assert output_path(Path("/d/FILE.xlsm"), None, "xlsm") == Path("/d/FILE.checked.xlsm")
    assert output_path(Path("/d/FILE.xls"), None, "xls") == Path("/d/FILE.checked.xlsx")
    assert output_path(Path("/d/FILE.ods"), tmp_path, "ods") == tmp_path / "FILE.checked.xlsx"


def test_input_bytes_untouched(src: Path):
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    out, _ = run(src)
    assert out.exists() and out != src
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before


def test_refuses_to_write_over_the_input(src: Path):
    with pytest.raises(PkError) as e:
        write_validated(book_of(src), build_report(src), src, Options())
    assert e.value.code == "write-failed"


def test_refuses_foreign_output_but_replaces_its_own(src: Path):
    out = output_path(src, None, "xlsx")
    foreign = openpyxl.Workbook()
    foreign.active["A1"] = "milik pengguna"
    foreign.save(out)
    before = out.read_bytes()
    with pytest.raises(PkError) as e:
        run(src)
    assert e.value.code == "output-exists"
    assert out.read_bytes() == before
    out.unlink()
    run(src)
    run(src)  # pk-excel's own output is replaced without complaint
    assert MARK_PROPERTY in openpyxl.load_workbook(out).custom_doc_props.names


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_failed_replace_leaves_nothing(src: Path, monkeypatch):
    out = output_path(src, None, "xlsx")

    def boom(a, b):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(output.os, "replace", boom)
    with pytest.raises(PkError) as e:
        run(src)
    assert e.value.code == "write-failed"
    assert "\n" not in e.value.message("id")
    assert not out.exists()
    assert leftovers(src.parent) == []


def test_disk_full_leaves_nothing(src: Path, monkeypatch):
    out = output_path(src, None, "xlsx")
    book = book_of(src)

    def full(*args):
        Path(args[-1]).write_bytes(b"PK partial")
        raise OSError(errno.ENOSPC, "No space left on device")

    from pk_excel import package

    monkeypatch.setattr(package.Package, "write", full)
    with pytest.raises(PkError) as e:
        write_validated(book, build_report(src), out, Options())
    assert e.value.code == "write-failed"
    assert "disk penuh" in e.value.message("id")
    assert "disk full" in e.value.message("en")
    assert not out.exists()
    assert leftovers(src.parent) == []


def test_unwritable_folder_simulated(src: Path, monkeypatch):
    def denied(**kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(output.tempfile, "mkstemp", denied)
    with pytest.raises(PkError) as e:
        run(src)
    assert e.value.code == "write-failed"
    assert "folder tidak dapat ditulisi" in e.value.message("id")
    assert not output_path(src, None, "xlsx").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into a read-only folder")
def test_unwritable_folder(src: Path, tmp_path: Path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(PkError) as e:
            write_validated(book_of(src), build_report(src), locked / "x.checked.xlsx", Options())
        assert "folder tidak dapat ditulisi" in e.value.message("id")
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


# --- the user's sheet --------------------------------------------------------------------------------


def test_fills_by_worst_severity_and_shared_notes(src: Path):
    out, _ = run(src)
    ws = openpyxl.load_workbook(out)["PK"]
    assert rgb(ws["F6"]) == "FFC7CE"  # error + info: the error decides
    assert rgb(ws["E6"]) == "FFEB9C"
    assert rgb(ws["G7"]) == "FFEB9C"
    assert rgb(ws["B6"]) == "DDEBF7"  # B7 is inside the merged B6:B7
    assert rgb(ws["D6"]) == ""  # no finding, no fill
    assert ws["D6"].comment is None

    note = ws["F6"].comment
    assert note.author == NOTE_AUTHOR
    assert note.text.startswith("Dari laporan SKM")  # the user's note first
    assert note.text.count("pk-excel") >= 1
    assert "CAP-001" in note.text and "VAL-001" in note.text
    assert "Seharusnya: 97,31%" in note.text
    assert "Tercatat: 82, 71" in ws["E6"].comment.text
    assert "Dari laporan SKM" not in ws["E6"].comment.text


def test_everything_else_stays(src: Path):
    out, _ = run(src)
    ws = openpyxl.load_workbook(out)["PK"]
    assert "A1:G1" in {str(r) for r in ws.merged_cells.ranges}
    assert "B6:B7" in {str(r) for r in ws.merged_cells.ranges}
    assert ws.column_dimensions["C"].width == 40
    assert ws.print_area == "'PK'!$A$1:$G$8"
    assert ws["F7"].value == "=E7/D7*100" and ws["F7"].data_type == "f"
    assert ws["D7"].value == 65
    assert ws["C3"].font.bold


def test_added_columns(src: Path):
    out, _ = run(src)
    ws = openpyxl.load_workbook(out)["PK"]
    # last used column G (7), one empty gap column H, ours from I (9) to M (13)
    assert ws["H3"].value is None
    assert [ws.cell(3, c).value for c in range(9, 14)] == [
        "Capaian (hitung)",
        "Selisih",
        "Status",
        "Predikat",
        "Temuan",
    ]
    assert [ws.cell(4, c).value for c in range(9, 14)] == ["(8)", "(9)", "(10)", "(11)", "(12)"]
    head = ws["I3"]
    assert head.font.bold and head.font.color.rgb.endswith("000080")
    assert rgb(head) == HEADER_FILL
    assert head.border.left.style == "thin"

    assert ws["I6"].value == pytest.approx(97.31) and ws["I6"].number_format == "0.00"
    assert ws["J6"].value == pytest.approx(-0.31)
    assert ws["K6"].value == "Tidak tercapai"
    assert ws["L6"].value == "Sangat Tinggi"
    assert ws["M6"].value == "VAL-002, CAP-001, VAL-001"  # rule IDs of the row, in position order
    assert ws["J7"].value is None  # no typed capaian: no selisih
    assert ws["K8"].value == "Tercapai" and ws["M8"].value is None
    # the legend under the table, in our columns
    legend = {ws.cell(r, 9).value: rgb(ws.cell(r, 9)) for r in range(10, 14)}
    assert legend["Kesalahan: nilai salah atau tidak konsisten"] == "FFC7CE"
    assert legend["Peringatan: perlu diperiksa"] == "FFEB9C"
    assert any(v == "DDEBF7" for v in legend.values())


def test_temuan_sheet(src: Path):
    out, _ = run(src)
    wb = openpyxl.load_workbook(out)
    ws = wb["Temuan"]
    assert [c.value for c in ws[1]] == [
        "No",
        "Tingkat",
        "Lembar",
        "Sel",
        "Aturan",
        "Indikator",
        "Pesan",
        "Nilai tercatat",
        "Nilai seharusnya",
        "ID aturan",
    ]
    assert ws.max_row == 7
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:J7"
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    assert rows[0][4] == "TTD-001" and rows[0][2] is None  # document-level finding first
    assert [r[4] for r in rows[1:]] == ["VAL-002", "CAP-001", "VAL-001", "SAS-001", "PEN-001"]
    assert [r[1] for r in rows[:3]] == ["Kesalahan", "Peringatan", "Kesalahan"]
    links = {ws.cell(r, 5).value: ws.cell(r, 4).hyperlink for r in range(2, 8)}
    assert links["TTD-001"] is None
    assert links["CAP-001"].location == "'PK'!F6"
    assert links["SAS-001"].location == "'PK'!B6"  # a merged cell jumps to its top-left
    assert ws.column_dimensions["G"].width >= 40
    assert ws["G2"].alignment.wrap_text


def test_ringkasan_sheet(src: Path):
    out, warnings = run(src)
    wb = openpyxl.load_workbook(out)
    ws = wb["Ringkasan"]
    table = {r[0]: r[1] for r in ws.iter_rows(values_only=True, max_col=2) if r[0] is not None}
    assert table["Unit kerja"] == "-1+2 Kecamatan Bajeng"
    assert table["Tahun"] == 2023
    assert table["Berkas"] == "pk.xlsx"
    assert table["Kesalahan"] == 2 and table["Peringatan"] == 2 and table["Info"] == 2
    assert table["Tidak tercapai"] == 2 and table["Tercapai"] == 1
    assert table["Sasaran Strategis"] == pytest.approx((97.30588 + 58.461538) / 2, abs=0.01)
    assert table["Sasaran Program"] == pytest.approx(100.0)
    assert table["Total anggaran (Rp)"] == 3447564346 + 1612808953
    assert "Kesalahan: nilai salah atau tidak konsisten" in table
    texts = [r[0] for r in ws.iter_rows(values_only=True, max_col=1)]
    assert warnings == [] and "Tidak ada; semua isi berkas tersimpan." in texts  # every part is kept
    assert len(ws._charts) == 1
    chart = ws._charts[0]
    assert type(chart).__name__ == "BarChart" and chart.type == "bar"  # horizontal bars, names beside them


def test_formula_like_text_stays_text_everywhere(src: Path):
    out, _ = run(src)
    wb = openpyxl.load_workbook(out)
    assert wb["PK"]["G6"].value == FORMULA_TEXT and wb["PK"]["G6"].data_type == "s"
    assert wb["PK"]["G7"].value == HYPERLINK_TEXT and wb["PK"]["G7"].data_type == "s"
    temuan = wb["Temuan"]
    pen = next(r for r in temuan.iter_rows(min_row=2) if r[4].value == "PEN-001")
    assert pen[7].value == FORMULA_TEXT and pen[7].data_type == "s"
    assert pen[8].value == "+62 811" and pen[8].data_type == "s"
    assert pen[5].value == HYPERLINK_TEXT and pen[5].data_type == "s"
    assert wb["Ringkasan"]["B3"].value == "-1+2 Kecamatan Bajeng"
    for title in ("PK", "Temuan", "Ringkasan"):
        formulas = re.findall(r'<c r="([A-Z]+\d+)"[^>]*>(?:(?!</c>).)*<f[ >]', sheet_xml(out, title))
        assert formulas == (["F7"] if title == "PK" else []), title


def test_shared_string_formula_text_survives_load_and_save(tmp_path: Path):
    """Text like '=1+1' written by Excel as a shared string stays text after openpyxl loads and saves it."""
    import xlsxwriter

    path = tmp_path / "shared.xlsx"
    xw = xlsxwriter.Workbook(str(path))
    sheet = xw.add_worksheet("PK")
    sheet.write_string(0, 0, FORMULA_TEXT)
    sheet.write_string(1, 0, "@SUM(A1)")
    xw.close()
    assert "<f>" not in sheet_xml(path, "PK")
    wb = openpyxl.load_workbook(path)
    assert wb["PK"]["A1"].data_type == "s"
    out = tmp_path / "again.xlsx"
    wb.save(out)
    xml = sheet_xml(out, "PK")
    assert "<f>" not in xml and "=1+1" in xml
    assert openpyxl.load_workbook(out)["PK"]["A1"].value == FORMULA_TEXT


def test_english(src: Path):
    out, _ = run(src, lang="en")
    wb = openpyxl.load_workbook(out)
    assert {"Temuan", "Ringkasan"} <= set(wb.sheetnames)
    assert wb["Temuan"]["B1"].value == "Severity"
    assert wb["Temuan"]["B2"].value == "Error"
    ws = wb["PK"]
    assert ws["I3"].value == "Capaian (computed)"
    assert ws["K6"].value == "Not achieved"
    assert "Expected: 97,31%" in ws["F6"].comment.text
    assert "Capaian does not match" in ws["F6"].comment.text


# --- marks and a second run --------------------------------------------------------------------------


def test_read_marks(src: Path):
    assert not marks_of(src).is_output
    out, _ = run(src)
    marks = marks_of(out)
    assert marks.is_output
    assert marks.sheets == {"Temuan", "Ringkasan", "_pk_excel"}
    assert marks.columns == {"PK": (9, 13)}
    wb = openpyxl.load_workbook(out)
    assert wb["_pk_excel"].sheet_state == "veryHidden"


def test_strip_marks_restores_the_user_workbook(src: Path, tmp_path: Path):
    out, _ = run(src)
    wb = unmarked(out, tmp_path)
    original = openpyxl.load_workbook(src)
    assert wb.sheetnames == [*original.sheetnames, "Temuan", "Ringkasan", "_pk_excel"]
    ws = wb["PK"]
    assert ws.max_column == 7
    assert ws["F6"].comment.text == "Dari laporan SKM" and ws["F6"].comment.author == "Budi"
    assert ws["E6"].comment is None
    assert rgb(ws["E6"]) == USER_FILL  # the user's own fill comes back
    assert rgb(ws["F6"]) == ""
    assert ws.column_dimensions["C"].width == 40 and ws.print_area == "'PK'!$A$1:$G$8"
    assert MARK_PROPERTY in wb.custom_doc_props.names  # the new copy's own


def snapshot(path: Path) -> dict:
    wb = openpyxl.load_workbook(path)
    shot = {"sheets": wb.sheetnames, "states": [ws.sheet_state for ws in wb.worksheets]}
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        shot[ws.title] = {
            c.coordinate: (c.value, c.comment.text if c.comment else None, rgb(c))
            for row in ws.iter_rows()
            for c in row
            if c.value is not None or c.comment is not None or c.fill.fill_type
        }
    shot["Ringkasan"] = {k: v for k, v in shot["Ringkasan"].items() if k != "B6"}  # check time
    return shot


def test_second_run_on_the_output_is_identical(src: Path):
    first, _ = run(src)
    second = src.parent / "again.checked.xlsx"
    write_validated(book_of(first), build_report(first), second, Options())
    a, b = snapshot(first), snapshot(second)
    assert a["sheets"] == b["sheets"] == ["PK", "Temuan", "Ringkasan", "_pk_excel"]
    b["Ringkasan"] = {k: v for k, v in b["Ringkasan"].items() if k != "B5"}  # the file name differs
    a["Ringkasan"] = {k: v for k, v in a["Ringkasan"].items() if k != "B5"}
    assert a == b
    assert "Tidak ada; semua isi berkas tersimpan." in [v[0] for v in b["Ringkasan"].values()]  # nothing lost
    note = openpyxl.load_workbook(second)["PK"]["F6"].comment.text
    assert note.count("Dari laporan SKM") == 1 and note.count("CAP-001") == 1


def test_added_columns_stay_clear_of_styled_cells(tmp_path: Path):
    src = build_input(tmp_path / "pk.xlsx")
    wb = openpyxl.load_workbook(src)
    wb["PK"]["J6"].fill = PatternFill("solid", start_color="00FF00", end_color="00FF00")
    wb.save(src)
    out, _ = run(src)
    assert marks_of(out).columns == {"PK": (12, 16)}  # after J, one gap column
    wb = unmarked(out, tmp_path)
    assert rgb(wb["PK"]["J6"]) == "00FF00" and wb["PK"].max_column == 10


def test_user_sheet_named_temuan_is_kept(tmp_path: Path):
    src = build_input(tmp_path / "pk.xlsx", extra_sheet="Temuan")
    out, _ = run(src)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:4] == ["PK", "Temuan", "Temuan (pk-excel)", "Ringkasan"]
    assert wb["Temuan"]["A1"].value == "catatan pengguna"
    again = tmp_path / "again.checked.xlsx"
    write_validated(book_of(out), build_report(out), again, Options())
    assert openpyxl.load_workbook(again).sheetnames == wb.sheetnames


# --- what is kept --------------------------------------------------------------------------------------


def test_images_are_kept(tmp_path: Path):
    src = build_input(tmp_path / "pk.xlsx", image=True)
    out, warnings = run(src)
    with zipfile.ZipFile(out) as zf:
        assert any(n.startswith("xl/media/") for n in zf.namelist())
    assert not any("Gambar" in w or "kotak teks" in w for w in warnings)  # a picture is not a shape


def make_xlsm(src: Path, dst: Path) -> bytes:
    """Turn an openpyxl .xlsx into a minimal macro workbook: a (fake) vbaProject.bin with its part and rel."""
    vba = b"\xd0\xcf\x11\xe0fake vba project"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                ).replace(
                    b"</Types>",
                    b'<Override PartName="/xl/vbaProject.bin" '
                    b'ContentType="application/vnd.ms-office.vbaProject"/>'
                    b"</Types>",
                )
            elif item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/'
                    b'vbaProject" Target="vbaProject.bin"/></Relationships>',
                )
            zout.writestr(item, data)
        zout.writestr("xl/vbaProject.bin", vba)
    return vba


def test_xlsm_keeps_its_macros(tmp_path: Path):
    src = tmp_path / "pk.xlsm"
    vba = make_xlsm(build_input(tmp_path / "base.xlsx"), src)
    out = output_path(src, None, "xlsm")
    assert out.name == "pk.checked.xlsm"
    warnings = write_validated(book_of(src, "xlsm"), build_report(src), out, Options())
    with zipfile.ZipFile(out) as zf:
        assert zf.read("xl/vbaProject.bin") == vba
        assert b"macroEnabled" in zf.read("[Content_Types].xml")
        assert b"vbaProject" in zf.read("xl/_rels/workbook.xml.rels")
    assert warnings == []
    assert openpyxl.load_workbook(out, keep_vba=True)["PK"]["F6"].comment.author == NOTE_AUTHOR
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out) as zout:  # the macro parts, byte for byte
        assert zout.getinfo("xl/vbaProject.bin").CRC == zin.getinfo("xl/vbaProject.bin").CRC


# --- LibreOffice -------------------------------------------------------------------------------------


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="soffice (LibreOffice) is not installed")
def test_output_converts_to_pdf(src: Path, tmp_path: Path):
    out, _ = run(src)
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            str(out),
        ],
        check=False,
        capture_output=True,
        timeout=180,
        text=True,
    )
    pdf = tmp_path / "pdf" / (out.stem + ".pdf")
    assert result.returncode == 0, result.stderr
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")


# --- large sheets: the same output, made faster ------------------------------------------------------------


def build_long(path: Path, n: int) -> tuple[Path, FileReport]:
    """A table of `n` indicator rows whose last column alternates bold and italic, with its report."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "PK"
    heads = ["NO", "INDIKATOR KINERJA", "TARGET", "REALISASI", "CAPAIAN"]
    for col, text in enumerate(heads, start=1):
        ws.cell(1, col, text).font = Font(bold=True)
    thick = Side(style="thick")
    for i in range(n):
        row = i + 2
        for col, value in enumerate([i + 1, f"Jumlah dokumen {i + 1}", 10, 10 - i % 12, "100%"], start=1):
            ws.cell(row, col, value)
        last = ws.cell(row, 5)
        last.font = Font(bold=True) if i % 2 == 0 else Font(italic=True)
        last.border = Border(bottom=thick) if i % 3 == 0 else Border(bottom=THIN)
    wb.save(path)
    table = Table(
        sheet="PK",
        header_rows=(1,),
        columns={"no": 1, "indikator": 2, "target": 3, "realisasi": 4, "capaian": 5},
        first_row=2,
        last_row=n + 1,
    )
    scale = ((91.0, "Sangat Tinggi"), (76.0, "Tinggi"), (66.0, "Sedang"), (51.0, "Rendah"))
    inds = []
    for i in range(n):
        hitung = (10 - i % 12) * 10.0
        inds.append(
            Indicator(
                sheet="PK",
                row=i + 2,
                table=0,
                level="kegiatan",
                sasaran="Tersedianya dokumen",
                indikator=f"Jumlah dokumen {i + 1}",
                capaian=pct(100.0),
                capaian_hitung=hitung,
                status="tercapai" if hitung >= 100 else "tidak tercapai",
                predikat=next((label for bound, label in scale if hitung >= bound), "Sangat Rendah"),
            )
        )
    doc = Document(path=str(path), sheets=["PK"], tables=[table], indicators=inds)
    findings = [
        Finding("CAP-001", "error", "PK", f"E{r}", r, "Capaian tidak sesuai", "Capaian wrong")
        for r in range(3, n + 2, 5)
    ]
    return path, FileReport(path=str(path), status="findings", document=doc, findings=findings)


def test_added_cells_take_each_rows_own_style(tmp_path: Path):
    path, report = build_long(tmp_path / "panjang.xlsx", 12)
    book = book_of(path)
    out = tmp_path / "panjang.checked.xlsx"
    write_validated(book, report, out, Options())
    ws = openpyxl.load_workbook(out)["PK"]
    for row in range(2, 14):
        src = ws.cell(row, 5)
        for col in range(7, 12):
            cell = ws.cell(row, col)
            assert cell.font.bold == src.font.bold and cell.font.italic == src.font.italic, cell.coordinate
            assert cell.border.bottom.style == src.border.bottom.style, cell.coordinate
        assert ws.cell(row, 7).number_format == "0.00"  # a number
        assert ws.cell(row, 9).number_format == "General"  # a text (status)
    assert rgb(ws["E3"]) == "FFC7CE" and rgb(ws["E8"]) == "FFC7CE" and rgb(ws["E4"]) == ""
    assert ws["E3"].comment is not None and ws["E8"].comment is not None


def test_many_indicators_chart_counts_per_predikat(tmp_path: Path):
    n = summary.CHART_INDICATORS + 12
    path, report = build_long(tmp_path / "banyak.xlsx", n)
    out = tmp_path / "banyak.checked.xlsx"
    write_validated(book_of(path), report, out, Options())
    ws = openpyxl.load_workbook(out)["Ringkasan"]
    assert ws.max_row < 80  # no line per indicator
    rows = [r for r in ws.iter_rows(values_only=True, max_col=2)]
    texts = [r[0] for r in rows if isinstance(r[0], str)]
    assert any(f"paling banyak {summary.CHART_INDICATORS} indikator" in t and str(n) in t for t in texts)
    head = next(i for i, r in enumerate(rows) if r[0] == "Predikat")
    counts = {r[0]: r[1] for r in rows[head + 1 : head + 6]}
    assert list(counts) == [
        "Sangat Tinggi (≥ 91)",
        "Tinggi (≥ 76)",
        "Sedang (≥ 66)",
        "Rendah (≥ 51)",
        "Sangat Rendah (< 51)",
    ]
    assert sum(counts.values()) == n
    assert counts["Sangat Tinggi (≥ 91)"] == sum(
        1 for i in report.document.indicators if i.capaian_hitung >= 91
    )
    assert len(ws._charts) == 1 and type(ws._charts[0]).__name__ == "BarChart"

    few = build_long(tmp_path / "sedikit.xlsx", summary.CHART_INDICATORS)
    out = tmp_path / "sedikit.checked.xlsx"
    write_validated(book_of(few[0]), few[1], out, Options())
    ws = openpyxl.load_workbook(out)["Ringkasan"]
    names = [r[0] for r in ws.iter_rows(values_only=True, max_col=1)]
    assert f"{summary.CHART_INDICATORS}. Jumlah dokumen {summary.CHART_INDICATORS}" in names


def test_long_notes_stay_within_excels_limit(src: Path, tmp_path: Path):
    report = build_report(src)
    long = "x" * 40_000
    report.findings.append(Finding("VAL-009", "warning", "PK", "D8", 8, f"Nilai {long}", f"Value {long}"))
    report.findings.append(Finding("VAL-009", "warning", "PK", "C8", 8, "Nilai aneh", "Odd value"))
    full = "catatan " * 4_090  # a user note that leaves no room for ours
    wb = openpyxl.load_workbook(src)
    wb["PK"]["C8"].comment = Comment(full, "Rina")
    wb.save(src)
    book = book_of(src)
    out = tmp_path / "pk.checked.xlsx"
    write_validated(book, report, out, Options())
    ws = openpyxl.load_workbook(out)["PK"]
    assert len(ws["D8"].comment.text) <= marking.NOTE_MAX
    assert ws["D8"].comment.text.startswith("pk-excel:") and ws["D8"].comment.text.endswith("…")
    assert ws["C8"].comment.text == full and ws["C8"].comment.author == "Rina"
    assert rgb(ws["C8"]) == "FFEB9C"
    wb = unmarked(out, tmp_path / "lagi")
    assert wb["PK"]["C8"].comment.text == full and wb["PK"]["D8"].comment is None


# --- the patch writer keeps what openpyxl would lose --------------------------------------------------------


def test_patch_keeps_textboxes_formula_results_and_parts(tmp_path: Path):
    import xlsxwriter

    path = tmp_path / "shapes.xlsx"
    xw = xlsxwriter.Workbook(str(path))
    sheet = xw.add_worksheet("PK")
    sheet.write_string(0, 0, FORMULA_TEXT)
    sheet.write_number(1, 0, 2)
    sheet.write_formula(1, 1, "=A2*2", None, 4)
    sheet.insert_textbox("D2", "Catatan kepala")
    xw.close()
    report = FileReport(
        path=str(path),
        document=Document(path=str(path), sheets=["PK"]),
        findings=[Finding("VAL-009", "warning", "PK", "B2", 2, "Nilai aneh", "Odd value")],
    )
    out = tmp_path / "shapes.checked.xlsx"
    assert write_validated(book_of(path), report, out, Options()) == []
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(out) as zout:
        names = set(zout.namelist())
        for name in zin.namelist():  # every part is still there; the ones not annotated are unchanged
            assert name in names
            if name.startswith(("xl/drawings/", "xl/theme/", "docProps/app")):
                assert zout.read(name) == zin.read(name), name
        assert b"<v>4</v>" in zout.read("xl/worksheets/sheet1.xml")  # the formula keeps its result
    ws = openpyxl.load_workbook(out)["PK"]
    assert ws["A1"].value == FORMULA_TEXT and ws["A1"].data_type == "s"
    assert ws["B2"].value == "=A2*2" and rgb(ws["B2"]) == "FFEB9C"
    assert ws["B2"].comment.text.startswith("pk-excel:")


def test_a_selisih_that_rounds_to_nothing_is_zero_not_minus_zero(make_pk):
    """97,305% typed for 82,71 / 85 = 97,3059%: the difference, rounded to 2 decimals, is 0 - never the -0
    that a negative difference too small to show would give (LibreOffice shows it as "-0")."""
    import math
    import zipfile

    src = make_pk([["1", "Sasaran", "IKM", "85", "82,71", "97,305%", "Hasil SKM"]])
    from pk_excel.checker import check_file

    report = check_file(src, Options(write=True))
    ws = openpyxl.load_workbook(report.output)["PK"]
    selisih = next(ws.cell(r, 10).value for r in range(1, ws.max_row + 1) if ws.cell(r, 3).value == "IKM")
    assert selisih == 0 and math.copysign(1, selisih) == 1
    with zipfile.ZipFile(report.output) as z:
        assert b"<v>-0.0</v>" not in z.read("xl/worksheets/sheet1.xml")
