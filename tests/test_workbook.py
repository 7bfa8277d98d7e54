"""workbook.open_book: one safe load into one model, cached formula results, .xls/.ods through calamine and
their validated copies (a plain .xlsx the patch writer marks)."""

from __future__ import annotations

import datetime
import re
import shutil
import struct
import subprocess
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from pk_excel.config import Config, Limits, Options
from pk_excel.model import PkError
from pk_excel.cellref import split
from pk_excel.workbook import open_book

SHEET1 = "xl/worksheets/sheet1.xml"


def value(book, sheet: str, ref: str):
    """The value `book` read at `sheet`!`ref` (None when empty)."""
    r, c = split(ref)
    row = book.data.sheet(sheet).values.get(r, [])
    return row[c - 1] if c <= len(row) else None


def _openpyxl_book(path: Path, title: str = "PK") -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws["A1"] = "PENGUKURAN KINERJA"
    ws["A2"] = "Indeks Kepuasan Masyarakat"
    ws["B2"] = 85
    ws["C2"] = 82.71
    ws["D2"] = "=C2/B2*100"
    ws.merge_cells("A4:C4")
    ws["A4"] = "Sasaran gabungan"
    wb.save(path)
    return path


def _rezip(src: Path, dst: Path, replace: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, replace.get(info.filename, zin.read(info.filename)))
    return dst


def _part(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return zf.read(name)


def _error(path, options=None) -> PkError:
    with pytest.raises(PkError) as info:
        open_book(path, options)
    err = info.value
    assert str(path) in err.message_id and str(path) in err.message_en
    return err


# --- safety ------------------------------------------------------------------------------------------------


def test_openpyxl_parses_with_defusedxml():
    import openpyxl.xml
    from openpyxl.xml import functions

    assert openpyxl.xml.DEFUSEDXML is True, "defusedxml must be installed and OPENPYXL_DEFUSEDXML not False"
    assert functions.iterparse.__module__.startswith("defusedxml")


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE worksheet [\n<!ENTITY lol "lol">\n'
    + b"".join(
        b'<!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
)

EXTERNAL_ENTITY = (
    b'<?xml version="1.0"?>\n<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>'
)


def test_billion_laughs_refused_quickly_with_bounded_memory(tmp_path):
    path = _rezip(_openpyxl_book(tmp_path / "asli.xlsx"), tmp_path / "tawa.xlsx", {SHEET1: BILLION_LAUGHS})
    tracemalloc.start()
    started = time.process_time()  # CPU seconds: a busy machine does not stretch them
    try:
        err = _error(path)
        elapsed = time.process_time() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert err.code == "unsafe-xml"
    assert elapsed < 5
    assert peak < 64 * 1024 * 1024  # the expansion would be 10**9 "lol"s


def test_external_entity_refused(tmp_path):
    path = _rezip(_openpyxl_book(tmp_path / "asli.xlsx"), tmp_path / "xxe.xlsx", {SHEET1: EXTERNAL_ENTITY})
    err = _error(path)
    assert err.code == "unsafe-xml" and "keamanan" in err.message_id


def _with_shared_strings(path: Path) -> Path:
    """An XlsxWriter workbook (XlsxWriter, unlike openpyxl, writes a shared string table)."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("PK")
    ws.write_string("A1", "Indeks Kepuasan Masyarakat")
    ws.write_formula("B1", "=A1", None, "x")
    wb.close()
    return path


def test_entity_in_shared_strings_refused(tmp_path):
    src = _with_shared_strings(tmp_path / "asli.xlsx")
    sst = (
        b'<?xml version="1.0"?>\n<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">]>\n'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&a;</t></si></sst>'
    )
    assert value(open_book(src), "PK", "A1") == "Indeks Kepuasan Masyarakat"
    path = _rezip(src, tmp_path / "sst.xlsx", {"xl/sharedStrings.xml": sst})
    assert _error(path).code == "unsafe-xml"


def test_broken_xml_is_corrupt(tmp_path):
    path = _rezip(
        _openpyxl_book(tmp_path / "asli.xlsx"),
        tmp_path / "patah.xlsx",
        {SHEET1: b"<worksheet><sheetData><row"},
    )
    err = _error(path)
    assert err.code == "corrupt" and "rusak" in err.message_id


def test_bad_crc_is_corrupt(tmp_path):
    src = _openpyxl_book(tmp_path / "asli.xlsx")
    path = tmp_path / "crc.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename))
    data = bytearray(path.read_bytes())
    pos = data.index(b"Indeks Kepuasan")  # stored, so the text is in the file: change it, keep the CRC
    data[pos] = ord("X")
    path.write_bytes(bytes(data))
    assert _error(path).code == "corrupt"


def test_member_longer_than_declared_is_not_inflated(tmp_path):
    """Both headers declare 100 bytes for a sheet part that inflates to more: zipfile stops at the declared
    size and the CRC fails, so the reader never holds more than was declared."""
    src = _openpyxl_book(tmp_path / "asli.xlsx")
    path = tmp_path / "pendek.xlsx"
    shutil.copy(src, path)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(SHEET1)
    assert info.file_size > 100
    struct.pack_into("<I", data, info.header_offset + 22, 100)
    pos = data.index(b"PK\x01\x02")
    while True:
        (nlen,) = struct.unpack_from("<H", data, pos + 28)
        if bytes(data[pos + 46 : pos + 46 + nlen]) == SHEET1.encode():
            struct.pack_into("<I", data, pos + 24, 100)
            break
        pos = data.index(b"PK\x01\x02", pos + 4)
    path.write_bytes(bytes(data))
    assert _error(path).code == "corrupt"


def test_guard_runs_first(tmp_path):
    path = tmp_path / "kosong.xlsx"
    path.write_bytes(b"")
    assert _error(path).code == "empty-file"


# --- one load, formulas kept ---------------------------------------------------------------------------------


def test_one_load_and_formulas_kept(tmp_path, monkeypatch):
    import openpyxl

    calls = []
    real = openpyxl.load_workbook

    def counting(*args, **kw):
        calls.append(kw)
        return real(*args, **kw)

    monkeypatch.setattr(openpyxl, "load_workbook", counting)
    book = open_book(_openpyxl_book(tmp_path / "pk.xlsx"))
    assert book.data.sheet("PK").formulas == {(2, 4): "=C2/B2*100"}
    assert book.formula_cells("PK") == {"D2": None}  # openpyxl writes no cached value
    assert book.cached("PK", "D2") is None
    assert book.has_cached_values is False
    assert calls == []  # the model is read once, by the streaming reader; no openpyxl load
    assert book.kind == book.source_format == "xlsx"


def test_merged_cells_kept(tmp_path):
    book = open_book(_openpyxl_book(tmp_path / "pk.xlsx"))
    assert book.data.sheet("PK").merged == [(4, 1, 4, 3)]


def test_xlsx_named_xls_is_read_as_xlsx(tmp_path):
    src = _openpyxl_book(tmp_path / "pk.xlsx")
    renamed = tmp_path / "pk.xls"
    shutil.copy(src, renamed)
    book = open_book(renamed)
    assert book.kind == "xlsx" and value(book, "PK", "B2") == 85


def test_xlsm_keeps_vba(tmp_path):
    src = _openpyxl_book(tmp_path / "pk.xlsx")
    ct = _part(src, "[Content_Types].xml").replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    )
    path = _rezip(src, tmp_path / "makro.xlsm", {"[Content_Types].xml": ct})
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("xl/vbaProject.bin", b"vba")
    book = open_book(path)
    assert book.kind == "xlsm"
    from pk_excel.model import FileReport
    from pk_excel.validated import output_path, write_validated

    out = output_path(path, None, book.source_format)
    assert out.name == "makro.checked.xlsm"
    assert write_validated(book, FileReport(path=str(path), status="ok"), out, Options()) == []
    with zipfile.ZipFile(out) as zf:
        assert zf.read("xl/vbaProject.bin") == b"vba"  # byte for byte
        assert b"macroEnabled" in zf.read("[Content_Types].xml")
    import openpyxl

    assert openpyxl.load_workbook(out, keep_vba=True).sheetnames[0] == "PK"


# --- cached values -----------------------------------------------------------------------------------------


def _xlsxwriter_book(path: Path) -> Path:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Data & Capaian")
    ws.write_number("B2", 85)
    ws.write_number("C2", 82.71)
    ws.write_formula("D2", "=C2/B2*100", None, 97.31)
    ws.write_formula("D3", "=1/0", None, "#DIV/0!")
    ws.write_formula("D4", '="a"&"<b"', None, "a<b")
    ws.write_formula("D5", "=TRUE()", None, True)
    ws.write_formula("D6", "=B2-85")  # never computed: XlsxWriter stores 0
    other = wb.add_worksheet("Lain")
    other.write_formula("A1", "=2*3", None, 6)
    wb.close()
    return path


def test_cached_values_typed(tmp_path):
    book = open_book(_xlsxwriter_book(tmp_path / "xw.xlsx"))
    sheet = "Data & Capaian"
    assert book.formula_cells(sheet) == {
        "D2": 97.31,
        "D3": "#DIV/0!",
        "D4": "a<b",
        "D5": True,
        "D6": None,  # XlsxWriter's 0 in a workbook that asks for a full recalculation is not a result
    }
    assert book.cached(sheet, "$d$2") == 97.31
    assert book.cached(sheet, "B2") is None  # not a formula
    assert book.cached("Lain", "A1") == 6.0
    assert book.cached("Tidak Ada", "A1") is None
    assert book.has_cached_values is True
    assert book.data.sheet(sheet).formulas[(2, 4)] == "=C2/B2*100"


def test_xlsxwriter_without_values_has_no_cached_values(tmp_path):
    import xlsxwriter

    path = tmp_path / "nol.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet("PK").write_formula("A1", "=1+1")
    wb.close()
    assert b"<v>0</v>" in _part(path, SHEET1)
    book = open_book(path)
    assert book.formula_cells("PK") == {"A1": None}
    assert book.has_cached_values is False


def _patched_cache(tmp_path: Path, value: bytes, t: bytes = b"", recalc: bool = False) -> Path:
    """An openpyxl workbook whose D2 formula gets a cached <v>, as Excel or LibreOffice would store it."""
    src = _openpyxl_book(tmp_path / "asli.xlsx")
    sheet = _part(src, SHEET1)
    new = re.sub(
        rb'<c r="D2"([^>]*)><f>(.*?)</f><v\s*/>',
        rb'<c r="D2"\1' + t + rb"><f>\2</f><v>" + value + b"</v>",
        sheet,
    )
    assert new != sheet
    wbxml = _part(src, "xl/workbook.xml")
    if not recalc:
        wbxml = wbxml.replace(b' fullCalcOnLoad="1"', b"")
    return _rezip(src, tmp_path / "cache.xlsx", {SHEET1: new, "xl/workbook.xml": wbxml})


def test_cached_value_patched_into_sheet_xml(tmp_path):
    book = open_book(_patched_cache(tmp_path, b"97.305882352941"))
    assert book.cached("PK", "D2") == pytest.approx(97.305882352941)
    assert book.has_cached_values is True


def test_cached_zero_trusted_when_no_recalc_asked(tmp_path):
    assert open_book(_patched_cache(tmp_path, b"0")).cached("PK", "D2") == 0.0


def test_cached_zero_not_trusted_when_recalc_asked(tmp_path):
    assert open_book(_patched_cache(tmp_path, b"0", recalc=True)).cached("PK", "D2") is None


def test_cached_shared_string(tmp_path):
    src = _with_shared_strings(tmp_path / "asli.xlsx")
    sheet = _part(src, SHEET1)
    new = sheet.replace(b't="str"><f>A1</f><v>x</v>', b't="s"><f>A1</f><v>0</v>')
    assert new != sheet
    book = open_book(_rezip(src, tmp_path / "sst.xlsx", {SHEET1: new}))
    assert book.cached("PK", "B1") == "Indeks Kepuasan Masyarakat"


def test_cached_values_across_chunk_boundaries(tmp_path, monkeypatch):
    import xlsxwriter

    from pk_excel import xlsxread

    path = tmp_path / "banyak.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("PK")
    for r in range(300):
        ws.write_number(r, 0, r)
        ws.write_formula(r, 1, f"=A{r + 1}*2", None, r * 2 + 0.5)
        ws.write_formula(r, 2, f'="x"&A{r + 1}', None, f"x{r}")
    wb.close()
    expected = {}
    for r in range(300):
        expected[f"B{r + 1}"] = r * 2 + 0.5
        expected[f"C{r + 1}"] = f"x{r}"
    monkeypatch.setattr(xlsxread, "_CHUNK", 37)  # every cell is cut somewhere
    book = open_book(path)
    assert book.formula_cells("PK") == expected


def test_formula_cells_read_once(tmp_path, monkeypatch):
    from pk_excel import xlsxread

    book = open_book(_xlsxwriter_book(tmp_path / "xw.xlsx"))
    calls = []
    real = xlsxread.read_xlsx
    monkeypatch.setattr(xlsxread, "read_xlsx", lambda *a: calls.append(a) or real(*a))
    assert book.cached("Data & Capaian", "D2") == 97.31
    assert calls == []  # the fast reader's data already holds the cached results: no second pass
    for _ in range(3):
        assert book.cached("Data & Capaian", "D2") == 97.31
    assert calls == []  # nor later: a Book always holds its model (no second read with default limits)


# --- .xls and .ods through calamine ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """An .xlsx written by openpyxl, converted by LibreOffice to .ods and .xls."""
    soffice = shutil.which("soffice")
    if not soffice:
        pytest.skip("soffice not installed: cannot build .ods/.xls")
    from openpyxl import Workbook

    d = tmp_path_factory.mktemp("lo")
    wb = Workbook()
    ws = wb.active
    ws.title = "PK"
    ws["A1"] = "PENGUKURAN KINERJA"
    ws.merge_cells("A1:D1")
    ws["A3"] = 5
    ws["B3"] = 97.31
    ws["C3"] = datetime.date(2024, 2, 26)
    ws["D3"] = "85,00"
    ws["E3"] = "=A3*2"
    hidden = wb.create_sheet("Catatan")
    hidden["C4"] = "sasaran"
    hidden.merge_cells("C4:C6")
    src = d / "pk.xlsx"
    wb.save(src)
    out = {}
    for fmt in ("ods", "xls"):
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{d}/profile",
                "--headless",
                "--convert-to",
                fmt,
                "--outdir",
                str(d),
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        if not (d / f"pk.{fmt}").exists():
            pytest.skip(f"soffice did not produce .{fmt}")
        out[fmt] = d / f"pk.{fmt}"
    return out


@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt", ["ods", "xls"])
def test_calamine_formats(converted, fmt):
    book = open_book(converted[fmt])
    assert book.kind == book.source_format == fmt
    assert book.sheet_titles == ["PK", "Catatan"]
    assert value(book, "PK", "A1") == "PENGUKURAN KINERJA"
    assert value(book, "PK", "A3") == 5 and isinstance(value(book, "PK", "A3"), int)
    assert value(book, "PK", "B3") == pytest.approx(97.31)
    assert value(book, "PK", "C3") in (datetime.date(2024, 2, 26), datetime.datetime(2024, 2, 26))
    assert value(book, "PK", "D3") == "85,00"
    assert value(book, "PK", "E3") == 10  # calamine gives the value; formulas are not exposed
    assert book.formula_cells("PK") == {} and book.cached("PK", "E3") is None
    assert book.data.sheet("PK").merged == [(1, 1, 1, 4)]
    assert book.data.sheet("Catatan").merged == [(4, 3, 6, 3)]
    assert value(book, "Catatan", "C4") == "sasaran"
    assert book.data.sheet("PK").max_col == 5 and max(book.data.sheet("PK").values) == 3


@pytest.mark.libreoffice
def test_calamine_row_limit(converted):
    options = Options(config=Config(limits=Limits(max_rows=1)))
    book = open_book(converted["ods"], options)
    assert value(book, "PK", "A1") == "PENGUKURAN KINERJA" and value(book, "PK", "A3") is None


@pytest.mark.libreoffice
def test_calamine_text_that_looks_like_a_formula_stays_text(tmp_path):
    soffice = shutil.which("soffice")
    if not soffice:
        pytest.skip("soffice not installed")
    from openpyxl import Workbook

    wb = Workbook()
    cell = wb.active["A1"]
    cell.value = "=bukan rumus"
    cell.data_type = "s"
    src = tmp_path / "teks.xlsx"
    wb.save(src)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "ods",
            "--outdir",
            str(tmp_path),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    ods = tmp_path / "teks.ods"
    if not ods.exists():
        pytest.skip("soffice did not produce .ods")
    book = open_book(ods)
    assert value(book, "Sheet", "A1") == "=bukan rumus"
    from pk_excel.model import FileReport
    from pk_excel.validated import output_path, write_validated

    out = output_path(ods, None, "ods")
    write_validated(book, FileReport(path=str(ods), status="ok"), out, Options())
    from openpyxl import load_workbook

    cell = load_workbook(out)["Sheet"]["A1"]  # the copy keeps it as text, never a formula
    assert cell.value == "=bukan rumus" and cell.data_type == "s"
