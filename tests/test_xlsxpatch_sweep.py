"""The patch writer on packages written by other authors than openpyxl and XlsxWriter: LibreOffice Calc,
Excel (notes with revision ids, Strict Open XML, x14ac rows), other generators (cells without `r`, absolute
part names, single-quoted attributes) and a checked copy saved again by LibreOffice.

Each input is built in code: an openpyxl workbook whose parts are then edited as text into the shape the
other author writes. Each of these once broke the output (a sweep over 42 differently-authored workbooks
found them): a checked copy re-saved by LibreOffice marked twice, Excel's note revision ids unbound, new note
shapes beside openpyxl's VML unbound, a second xmlns:r in a Strict workbook, single-quoted attributes."""

from __future__ import annotations

import re
import shutil
import subprocess
import warnings
import xml.dom.minidom
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from conftest import build_pk
from openpyxl.comments import Comment

from pk_excel.checker import check_file
from pk_excel.config import Options

ROWS = [
    "Sasaran Strategis",
    ["1", "Meningkatnya kepuasan", "Indeks Kepuasan Masyarakat", "85,00", "82,71", "90%", "Hasil SKM"],
    ["2", "Meningkatnya kualitas", "Persentase dokumen selesai", "100%", "80%", "100%", "Tercapai"],
]
MARKED = ("F6", "F7")  # capaian-wrong on both indicator rows (title, blank, header, section come first)
STRICT_NS = [
    (b"http://schemas.openxmlformats.org/spreadsheetml/2006/main", b"http://purl.oclc.org/ooxml/spreadsheetml/main"),
    (
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        b"http://purl.oclc.org/ooxml/officeDocument/relationships",
    ),
]
XR = (
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="xr" '
    'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision"'
)
X14AC = (
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" '
    'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"'
)


def rewrite(src: Path, dst: Path, edit: Callable[[str, bytes], bytes]) -> Path:
    """A copy of the package `src` with every part passed through `edit(name, data)`."""
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            zo.writestr(info.filename, edit(info.filename, zi.read(info)))
    return dst


def pk(tmp_path: Path, name: str = "pk.xlsx", notes_on: tuple[str, ...] = ()) -> Path:
    path = build_pk(tmp_path / name, ROWS)
    if notes_on:
        wb = openpyxl.load_workbook(path)
        for coord in notes_on:
            wb["PK"][coord].comment = Comment("Catatan pengguna", "Operator")
        wb.save(path)
    return path


def check(path: Path, out: Path):
    report = check_file(path, Options(write=True, out_dir=str(out)))
    assert report.status == "findings", report.error
    return report


def malformed_parts(path: Path) -> list[str]:
    """XML parts of the package that are not well-formed (Excel repairs or refuses those)."""
    bad = []
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.endswith((".xml", ".rels", ".vml")):
                try:
                    xml.dom.minidom.parseString(zf.read(name))
                except Exception as e:  # noqa: BLE001 - any parser error is the finding
                    bad.append(f"{name}: {e}")
    return bad


def load_clean(path: Path) -> openpyxl.Workbook:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return openpyxl.load_workbook(path)


def findings(report) -> list[tuple[str, str | None]]:
    return sorted((f.rule, f.cell) for f in report.findings)


def assert_sound(src: Path, tmp_path: Path) -> None:
    """The copy is well-formed, loads, marks the cells, and checking it again changes nothing."""
    first = check(src, tmp_path / "out1")
    out = Path(first.output)
    assert malformed_parts(out) == []
    wb = load_clean(out)
    for coord in MARKED:
        assert wb["PK"][coord].fill.fill_type == "solid", coord
    second = check(out, tmp_path / "out2")
    assert findings(second) == findings(first)
    again = load_clean(Path(second.output))
    assert again.sheetnames == wb.sheetnames
    assert again["PK"].max_column == wb["PK"].max_column


# --- inputs that work -------------------------------------------------------------------------------------


def _cells_without_r(name: str, data: bytes) -> bytes:
    if name.startswith("xl/worksheets/sheet"):
        return re.sub(rb'(<c\b[^>]*?) r="[A-Z]+\d+"', rb"\1", data)
    return data


def _absolute_targets(name: str, data: bytes) -> bytes:
    if name == "xl/_rels/workbook.xml.rels":
        return re.sub(rb'Target="(?!/)([^"]+)"', rb'Target="/xl/\1"', data)
    return data


def _excel_rows(name: str, data: bytes) -> bytes:
    """Excel's worksheet: mc:Ignorable x14ac on the root, spans and x14ac:dyDescent on every row."""
    if not name.startswith("xl/worksheets/sheet"):
        return data
    text = data.decode()
    text = re.sub(r"<worksheet\b([^>]*)>", lambda m: f"<worksheet{m.group(1)} {X14AC}>", text, count=1)
    text = re.sub(r'<row r="(\d+)"', r'<row r="\1" spans="1:7" x14ac:dyDescent="0.25"', text)
    return text.encode()


@pytest.mark.parametrize("edit", [_cells_without_r, _absolute_targets, _excel_rows], ids=lambda f: f.__name__[1:])
def test_generator_quirks_are_patched_soundly(tmp_path: Path, edit):
    src = rewrite(pk(tmp_path, "base.xlsx"), tmp_path / "quirk.xlsx", edit)
    assert_sound(src, tmp_path)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_authored_package_with_notes_picture_panes_print_area(tmp_path: Path):
    """LibreOffice's own styles, shared strings, rels and VML; the parts pk-excel need not touch stay
    byte-identical and the user's note on a marked cell is merged, once, on every run."""
    from openpyxl.drawing.image import Image as XLImage
    from PIL import Image

    src = build_pk(tmp_path / "deco.xlsx", ROWS, extra_sheets={"Lampiran": [["Catatan", "isi"]]})
    wb = openpyxl.load_workbook(src)
    ws = wb["PK"]
    ws["F6"].comment = Comment("Catatan pengguna", "Operator")
    Image.new("RGB", (40, 20), (200, 30, 30)).save(tmp_path / "pic.png")
    ws.add_image(XLImage(str(tmp_path / "pic.png")), "I12")
    ws.freeze_panes = "A5"
    ws.print_area = "A1:G15"
    wb.save(src)
    lo = tmp_path / "lo"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--convert-to", "xlsx",
         "--outdir", str(lo), str(src)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    authored = lo / "deco.xlsx"
    assert_sound(authored, tmp_path)
    out = Path(check(authored, tmp_path / "out3").output)
    with zipfile.ZipFile(authored) as zi, zipfile.ZipFile(out) as zo:
        names = set(zo.namelist())
        for name in zi.namelist():
            assert name in names, name
            if name.startswith(("xl/media/", "xl/drawings/drawing", "xl/sharedStrings", "docProps/core", "xl/theme")):
                assert zi.read(name) == zo.read(name), name
    note = load_clean(out)["PK"]["F6"].comment.text
    assert note.startswith("Catatan pengguna") and note.count("Capaian salah hitung") == 1


# --- known failures ---------------------------------------------------------------------------------------


def test_checked_copy_saved_again_by_libreoffice_is_not_marked_twice(tmp_path: Path):
    out = Path(check(pk(tmp_path), tmp_path / "out1").output)

    def as_calc_saves_it(name: str, data: bytes) -> bytes:
        return data.replace(b'state="veryHidden"', b'state="hidden"') if name == "xl/workbook.xml" else data

    resaved = rewrite(out, tmp_path / "resaved.xlsx", as_calc_saves_it)
    again = Path(check(resaved, tmp_path / "out2").output)
    before, after = load_clean(out), load_clean(again)
    assert after.sheetnames == before.sheetnames
    assert after["PK"].max_column == before["PK"].max_column


def test_excel_notes_with_revision_ids_stay_well_formed(tmp_path: Path):
    def excel_comments(name: str, data: bytes) -> bytes:
        if not re.match(r"xl/comments.*\.xml$", name):
            return data
        text = re.sub(r"<comments\b", f"<comments {XR}", data.decode(), count=1)
        text = re.sub(r"(<comment\b[^>]*)>", r'\1 xr:uid="{00000000-0006-0000-0000-000000000001}">', text)
        return text.encode()

    # A note pk-excel leaves as it is (B2) and notes on both marked cells: ours are merged into those, so
    # no VML shape is added and only the comments part is rewritten.
    src = rewrite(pk(tmp_path, "noted.xlsx", notes_on=("B2", *MARKED)), tmp_path / "excel.xlsx", excel_comments)
    out = Path(check(src, tmp_path / "out").output)
    assert malformed_parts(out) == []
    note = load_clean(out)["PK"]["F6"].comment.text
    assert note.startswith("Catatan pengguna") and "Capaian salah hitung" in note


def test_new_notes_beside_openpyxl_notes_keep_the_vml_well_formed(tmp_path: Path):
    src = pk(tmp_path, notes_on=("A1",))  # a note on a cell pk-excel does not mark: ours get new shapes
    out = Path(check(src, tmp_path / "out").output)
    assert malformed_parts(out) == []


def test_strict_open_xml_workbook(tmp_path: Path):
    def strict(name: str, data: bytes) -> bytes:
        if name.endswith((".xml", ".rels")):
            for old, new in STRICT_NS:
                data = data.replace(old, new)
        return data

    src = rewrite(pk(tmp_path), tmp_path / "strict.xlsx", strict)
    out = Path(check(src, tmp_path / "out").output)
    assert malformed_parts(out) == []


def test_single_quoted_attributes(tmp_path: Path):
    def single_quotes(name: str, data: bytes) -> bytes:
        if name not in ("xl/workbook.xml", "xl/worksheets/sheet1.xml"):
            return data
        text = data.decode()
        start = text.find("?>") + 2 if text.startswith("<?xml") else 0
        return (text[:start] + re.sub(r'(\s[\w:]+)="([^"\']*)"', r"\1='\2'", text[start:])).encode()

    src = rewrite(pk(tmp_path), tmp_path / "quotes.xlsx", single_quotes)
    out = Path(check(src, tmp_path / "out").output)
    assert malformed_parts(out) == []
    ws = load_clean(out)["PK"]
    assert ws["F6"].fill.fill_type == "solid"
    assert ws["I4"].value == "Capaian (hitung)" and ws["A5"].value == "Sasaran Strategis"
