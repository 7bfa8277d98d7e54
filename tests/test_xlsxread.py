"""The fast .xlsx reader (`xlsxread`) agrees with openpyxl cell by cell, and `open_book`/`read_document` use it."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from conftest import SAMPLES, Fmt, build_pk
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pk_excel import xlsxread, xlsxsheet
from pk_excel.bookdata import MAX_SCAN_COLS, WorkbookData
from pk_excel.cellref import col_letter
from pk_excel.config import Limits
from pk_excel.formula_tokens import translate
from pk_excel.locate import read_document
from pk_excel.marks import MARK_PROPERTY, Marks, read_marks_data
from pk_excel.model import FileReport, PkError
from pk_excel.workbook import open_book
from pk_excel.xlsxread import read_xlsx

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def assert_agrees(path: Path, limits: Limits | None = None) -> WorkbookData:
    """Every cell openpyxl loads (within the scan limits) has the same value/formula/format in the data."""
    import openpyxl

    limits = limits or Limits()
    data = read_xlsx(path, "xlsx", limits)
    with open(path, "rb") as fh:
        wb = openpyxl.load_workbook(fh, data_only=False, rich_text=False)
    assert [s.title for s in data.sheets] == wb.sheetnames
    props = {p.name: str(p.value) for p in wb.custom_doc_props}
    assert data.custom_props == props
    assert data.date1904 == (wb.epoch.year == 1904)
    for sd, ws in zip(data.sheets, wb.worksheets):
        assert sd.state == ws.sheet_state
        assert set(sd.merged) == {(r.min_row, r.min_col, r.max_row, r.max_col) for r in ws.merged_cells.ranges}
        n = 0
        for (r, c), cell in ws._cells.items():
            v = cell.value
            if v is None or r > limits.max_rows or c > MAX_SCAN_COLS:
                continue
            n += 1
            row = sd.values.get(r)
            assert row is not None and c <= len(row), (sd.title, r, c)
            assert sd.formats[r][c - 1] == cell.number_format, (sd.title, r, c)
            if cell.data_type == "f":
                text = v if isinstance(v, str) else v.text
                assert sd.formulas[(r, c)] == text, (sd.title, r, c)
            else:
                got = row[c - 1]
                assert got == v and type(got) is type(v), (sd.title, r, c, got, v)
                assert (r, c) not in sd.formulas
        assert sd.n_cells == n
        assert sd.max_col >= max((c for (_, c) in ws._cells), default=0)
    return data


# --- workbooks from the test factory, the samples, openpyxl and XlsxWriter ----------------------------------

ROW = ["1", "Meningkatnya kepuasan", "Indeks Kepuasan Masyarakat", "85,00", "82,71", "97,31%", "Hasil SKM"]


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"number_row": True, "start_col": 3},
        {"programs": [("Program A", "Rp 1.000.000"), ("Program B", 2500000)], "programs_side_by_side": True},
        {"extra_sheets": {"Catatan": [["x", 1, 2.5]]}, "title": None},
    ],
)
def test_factory_workbooks(tmp_path, kwargs):
    rows = [
        "Sasaran Strategis",
        ROW,
        ["2", "S", "Persentase", Fmt(0.85, "0.00%"), Fmt(0.9, "0%"), "=E9/D9*100", None],
    ]
    assert_agrees(build_pk(tmp_path / "pk.xlsx", rows, **kwargs))


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.xlsx")), ids=lambda p: p.name)
def test_samples(path):
    assert_agrees(path)


def test_openpyxl_written_values(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "PK"
    ws["A1"] = dt.datetime(2024, 2, 26, 13, 30)
    ws["A2"] = dt.date(2023, 12, 31)
    ws["A3"] = dt.time(8, 15)
    ws["A4"] = dt.timedelta(hours=30)
    ws["A5"] = True
    ws["A6"] = 0.9731
    ws["A6"].number_format = "0.00%"
    ws["A7"] = 12
    ws["A8"] = 1.5e20
    ws["A9"] = "=SUM(A6:A7)"
    ws["A10"] = "teks <dengan> & \"kutip\" 'tunggal'"
    ws["A11"] = "baris\nbaru"
    ws["B1"] = 5
    ws["B1"].number_format = '#,##0.00 "Rp"'
    ws["C3"].number_format = "0.0"  # styled, empty
    ws.merge_cells("D1:E2")
    hidden = wb.create_sheet("Tersembunyi")
    hidden.sheet_state = "hidden"
    hidden["A1"] = "x"
    very = wb.create_sheet("Sangat")
    very.sheet_state = "veryHidden"
    very["A1"] = 1
    from openpyxl.packaging.custom import StringProperty

    wb.custom_doc_props.append(StringProperty(name=MARK_PROPERTY, value="0.3.0"))
    path = tmp_path / "op.xlsx"
    wb.save(path)
    data = assert_agrees(path)
    assert data.custom_props == {MARK_PROPERTY: "0.3.0"}
    assert [s.state for s in data.sheets] == ["visible", "hidden", "veryHidden"]
    assert data.sheets[0].max_col == 5


def test_xlsxwriter_written_values(tmp_path):
    import xlsxwriter

    path = tmp_path / "xw.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Data")
    bold = wb.add_format({"bold": True})
    pct = wb.add_format({"num_format": "0.00%"})
    date = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws.write_string("A1", "Indeks Kepuasan Masyarakat")
    ws.write_string("A2", "a\r\nb\x01c_x0041_d")
    ws.write_string("A3", "plain _x000D_ lit")
    ws.write_rich_string("A4", "Realisasi ", bold, "tebal", " biasa")
    ws.write_number("B1", 0.9731, pct)
    ws.write_datetime("B2", dt.datetime(2024, 1, 31), date)
    ws.write_boolean("B3", False)
    ws.write_formula("C1", "=B1*100", None, 97.31)
    ws.write_formula("C2", "=1/0", None, "#DIV/0!")
    ws.write_formula("C3", '="a"&"<b"', None, "a<b")
    ws.write_formula("C4", "=TRUE()", None, True)
    ws.write_formula("C5", "=B1-1")  # never computed: 0 in a workbook that asks for recalculation
    ws.write_array_formula("D1:D1", "{=SUM(B1:B2)}", None, 5)
    ws.write_blank("F9", None, bold)  # styled, empty: counts for max_col only
    ws.merge_range("G1:H2", "gabung", bold)
    wb.close()
    data = assert_agrees(path)
    sd = data.sheets[0]
    assert data.recalc is True
    assert sd.values[1][2] == 97.31 and sd.values[2][2] == "#DIV/0!" and sd.values[3][2] == "a<b"
    assert sd.values[4][2] is True and sd.values[5][2] is None
    assert sd.values[4][0] == "Realisasi tebal biasa"
    assert sd.max_col == 8


def test_inline_strings_and_constant_memory(tmp_path):
    import xlsxwriter

    path = tmp_path / "cm.xlsx"
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("PK")
    for r in range(50):
        ws.write_string(r, 0, f"baris {r} & <{r}>")
        ws.write_number(r, 1, r * 1.5)
    wb.close()
    assert_agrees(path)


# --- hand-made XML -----------------------------------------------------------------------------------------


def make_xlsx(
    path: Path,
    sheets: list[bytes],
    *,
    sst: bytes | None = None,
    styles: bytes | None = None,
    workbook_pr: bytes = b"",
    absolute: bool = False,
    names: list[str] | None = None,
) -> Path:
    """A minimal package from raw sheet XML parts (openpyxl can read it)."""
    names = names or [f"S{i + 1}" for i in range(len(sheets))]
    ct = [
        b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'spreadsheetml.sheet.main+xml"/>'
    ]
    rels = [b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">']
    sheet_els = []
    for i, _ in enumerate(sheets, 1):
        ct.append(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-'
            f'officedocument.spreadsheetml.worksheet+xml"/>'.encode()
        )
        target = f"/xl/worksheets/sheet{i}.xml" if absolute else f"worksheets/sheet{i}.xml"
        rels.append(f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="{target}"/>'.encode())
        sheet_els.append(f'<sheet name="{names[i - 1]}" sheetId="{i}" r:id="rId{i}"/>'.encode())
    files = {}
    if sst is not None:
        ct.append(
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
            b'officedocument.spreadsheetml.sharedStrings+xml"/>'
        )
        rels.append(f'<Relationship Id="rIdS" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'.encode())
        files["xl/sharedStrings.xml"] = sst
    if styles is not None:
        ct.append(
            b'<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            b'spreadsheetml.styles+xml"/>'
        )
        rels.append(f'<Relationship Id="rIdT" Type="{REL}/styles" Target="styles.xml"/>'.encode())
        files["xl/styles.xml"] = styles
    ct.append(b"</Types>")
    rels.append(b"</Relationships>")
    files["[Content_Types].xml"] = b"".join(ct)
    files["_rels/.rels"] = (
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    files["xl/_rels/workbook.xml.rels"] = b"".join(rels)
    files["xl/workbook.xml"] = (
        f'<workbook xmlns="{MAIN}" xmlns:r="{REL}">'.encode()
        + workbook_pr
        + b"<sheets>"
        + b"".join(sheet_els)
        + b"</sheets></workbook>"
    )
    for i, xml in enumerate(sheets, 1):
        files[f"xl/worksheets/sheet{i}.xml"] = xml
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return path


def sheet(rows: bytes, tail: bytes = b"", prefix: str = "") -> bytes:
    if prefix:
        return (
            f'<?xml version="1.0" encoding="UTF-8"?>\r\n<{prefix}:worksheet xmlns:{prefix}="{MAIN}">'
            f"<{prefix}:sheetData>".encode()
            + rows
            + f"</{prefix}:sheetData>".encode()
            + tail
            + f"</{prefix}:worksheet>".encode()
        )
    return f'<worksheet xmlns="{MAIN}"><sheetData>'.encode() + rows + b"</sheetData>" + tail + b"</worksheet>"


STYLES = (
    f'<styleSheet xmlns="{MAIN}"><numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>'
    '<numFmt numFmtId="165" formatCode="0.0&quot; %&quot;"/></numFmts>'
    '<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="10"/><xf numFmtId="165"/>'
    '<xf numFmtId="46"/><xf numFmtId="14"/></cellXfs></styleSheet>'
).encode()


def test_prefixed_namespace_and_missing_r(tmp_path):
    rows = (
        b'<x:row r="2" spans="1:4"><x:c r="B2" t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c>'
        b'<x:c s="2"><x:v>0.5</x:v></x:c></x:row>'
        b'<x:row><x:c><x:v>7</x:v></x:c><x:c r="D3" t="b"><x:v>1</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c>'
        b'<x:c t="str"><x:v>a &amp; b &#x41;&#66;</x:v></x:c><x:c><x:v/></x:c></x:row>'
        b'<x:row r="5"/><x:row><x:c r="A6" s="1"><x:v>45000</x:v></x:c><x:c s="4"><x:v>1.25</x:v></x:c>'
        b'<x:c s="3"><x:v>12</x:v></x:c><x:c t="inlineStr"><x:is><x:t>in\r\nline</x:t></x:is></x:c></x:row>'
    )
    sst = (
        f'<x:sst xmlns:x="{MAIN}"><x:si><x:t>satu</x:t></x:si>'
        f'<x:si><x:r><x:t>du</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve">a </x:t></x:r>'
        f"<x:rPh sb=\"0\" eb=\"1\"><x:t>phonetic</x:t></x:rPh></x:si></x:sst>"
    ).encode()
    tail = b'<x:mergeCells count="1"><x:mergeCell ref="F1:G3"/></x:mergeCells>'
    rows += b'<x:row r="7"><x:c r="A7" t="str"><x:v>a &amp; b &#x41;&#66;</x:v></x:c></x:row>'
    path = make_xlsx(tmp_path / "ns.xlsx", [sheet(rows, tail, "x")], sst=sst, styles=STYLES)
    data = assert_agrees(path)
    sd = data.sheets[0]
    assert sd.values[2] == [None, "satu", "dua ", 0.5]
    assert sd.values[3] == [7, None, None, True, "#N/A"]  # F3, G3: inside the merged F1:G3, as in openpyxl
    assert sd.values[6][0] == dt.datetime(2023, 3, 15) and sd.formats[6][0] == "dd/mm/yyyy"
    assert sd.values[6][1] == dt.timedelta(days=1.25)
    assert sd.values[6][3] == "in\nline" and sd.values[7] == ["a & b AB"]
    assert sd.merged == [(1, 6, 3, 7)] and sd.max_col == 7


SHARED = (
    b'<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><f t="shared" ref="C1:D3" si="0">'
    b"A1+$B$1+B$1+$A1+SUM(A1:B1)+Lain!A1+'Sheet Dua'!B2+LOG10(A1)+&quot;A1&quot;&amp;A:A+1:1</f><v>3</v></c>"
    b'<c r="D1"><f t="shared" si="0"/><v>4</v></c></row>'
    b'<row r="2"><c r="C2"><f t="shared" si="0"/></c><c r="D2"><f t="shared" si="0"/></c>'
    b'<c r="E2"><f t="array" ref="E2:E3">SUM(A1:A2*B1:B2)</f><v>9</v></c></row>'
    b'<row r="3"><c r="C3"><f t="shared" si="0"/></c><c r="D3"><f t="shared" si="0"/></c>'
    b'<c r="E3"><f t="shared" ref="E3:E4" si="1">IF(A3  &gt;  0,  "x A3",A3)</f></c></row>'
    b'<row r="4"><c r="E4"><f t="shared" si="1"/></c></row>'
)


def test_shared_formulas_translated_like_openpyxl(tmp_path):
    path = make_xlsx(tmp_path / "sf.xlsx", [sheet(SHARED), sheet(b"")], names=["PK", "Lain"])
    data = assert_agrees(path)
    f = data.sheets[0].formulas
    assert f[(3, 4)] == "=B3+$B$1+C$1+$A3+SUM(B3:C3)+Lain!B3+'Sheet Dua'!C4+LOG10(B3)+\"A1\"&B:B+3:3"
    assert f[(2, 5)] == "=SUM(A1:A2*B1:B2)"
    assert f[(4, 5)] == '=IF(A4 > 0, "x A3",A4)'


@pytest.mark.parametrize(
    "formula",
    [
        "=A1+B2",
        "=$A$1*B$2-$C3",
        "=SUM(Lain!A1:B5)/COUNT('PK 2023'!C:C)",
        '=IF(A1="B2";"ya";"tidak")',
        "=LOG10(A1)+ROUND(B1,2)",
        "=1.5E+3*A1%",
        "={1,2;3,4}",
        "=Table1[[#This Row],[Target]]",
        "=A1:A3 B2:B4",
        "=-A1^2",
        "=#REF!+A1",
        "=namaku+A1",
    ],
)
def test_translate_matches_openpyxl(formula):
    from openpyxl.formula.translate import Translator

    for dest in ("C5", "B2", "E10"):
        want = Translator(formula, "B2").translate_formula(dest)
        r, c = {"C5": (5, 3), "B2": (2, 2), "E10": (10, 5)}[dest]
        assert translate(formula, r - 2, c - 2) == want


def test_translate_out_of_range_gives_ref_error():
    assert translate("=A1+B2", -1, 0) == "=#REF!+B1"


def test_1904_dates(tmp_path):
    rows = b'<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="1"><v>45000.5</v></c><c r="C1" s="5"><v>30</v></c></row>'
    path = make_xlsx(tmp_path / "mac.xlsx", [sheet(rows)], styles=STYLES, workbook_pr=b'<workbookPr date1904="1"/>')
    data = assert_agrees(path)
    assert data.date1904 and data.sheets[0].values[1][1] == dt.datetime(2027, 3, 16, 12, 0)


def test_absolute_targets_and_chartsheet_skipped(tmp_path):
    path = make_xlsx(tmp_path / "abs.xlsx", [sheet(b'<row r="1"><c r="A1"><v>1</v></c></row>')], absolute=True)
    assert read_xlsx(path, "xlsx", Limits()).sheets[0].values == {1: [1]}


def test_limits_and_scan_columns(tmp_path):
    far = col_letter(MAX_SCAN_COLS + 5)
    rows = (
        f'<row r="1"><c r="A1"><v>1</v></c><c r="{far}1"><v>2</v></c></row>'
        '<row r="30"><c r="A30"><v>3</v></c></row>'
    ).encode()
    path = make_xlsx(tmp_path / "lim.xlsx", [sheet(rows)])
    sd = assert_agrees(path, Limits(max_rows=10)).sheets[0]
    assert sd.values == {1: [1]} and sd.n_cells == 1 and sd.max_col == MAX_SCAN_COLS + 5


def test_chunk_boundaries_change_nothing(tmp_path, monkeypatch):
    import xlsxwriter

    path = tmp_path / "banyak.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("PK")
    for r in range(300):
        ws.write_string(r, 0, f"indikator {r} & <b>")
        ws.write_number(r, 1, r / 7)
        ws.write_formula(r, 2, f"=B{r + 1}*2", None, r * 2 + 0.5)
    ws.merge_range("E1:F2", "m")
    wb.close()
    whole = read_xlsx(path, "xlsx", Limits())
    monkeypatch.setattr(xlsxread, "_CHUNK", 37)
    cut = read_xlsx(path, "xlsx", Limits())
    assert cut.sheets == whole.sheets
    assert_agrees(path)


@pytest.mark.parametrize(
    "part",
    [
        b"<worksheet><sheetData><row",
        f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c>'.encode(),
        f'<worksheet xmlns="{MAIN}"><sheetData></sheetData>'.encode(),
        b"",
    ],
)
def test_cut_off_parts_are_corrupt(tmp_path, part):
    path = make_xlsx(tmp_path / "rusak.xlsx", [part])
    with pytest.raises(ValueError):
        read_xlsx(path, "xlsx", Limits())
    with pytest.raises(PkError) as err:
        open_book(path)
    assert err.value.code == "corrupt"


# --- integration -------------------------------------------------------------------------------------------


def test_open_book_reads_once_and_never_loads_openpyxl(tmp_path, monkeypatch):
    import openpyxl

    from pk_excel import xlsxread
    from pk_excel.config import Options
    from pk_excel.validated import output_path, write_validated

    path = build_pk(tmp_path / "pk.xlsx", ["Sasaran", ROW])
    calls = []
    real = xlsxread.read_xlsx
    monkeypatch.setattr(xlsxread, "read_xlsx", lambda *a: calls.append(a[0]) or real(*a))
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: pytest.fail("openpyxl on the checking path"))
    book = open_book(path)
    doc = read_document(book)
    assert doc.tables and calls == [path]
    assert book.data is not None and book.sheet_titles == ["PK"]
    report = FileReport(path=str(path), status="ok", document=doc)
    write_validated(book, report, output_path(path, None, "xlsx"), Options())
    assert calls == [path]


def test_marks_from_data(tmp_path):
    """The marks sheet (very hidden, its JSON in chunks of one cell each) and the custom property, read back
    from what the reader read."""
    import openpyxl
    from openpyxl.packaging.custom import StringProperty

    from pk_excel.marks import MARKS_MAGIC, MARKS_SHEET

    path = build_pk(tmp_path / "pk.xlsx", ["Sasaran", ROW])
    wb = openpyxl.load_workbook(path)
    wb.create_sheet("Temuan")
    marks = Marks(version="0.3.0", sheets={"Temuan"}, columns={"PK": (8, 9)}, cells={"PK": {"F7": {"fill": None}}})
    marks.cells["PK"]["G7"] = {"author": "x" * 40_000}  # JSON longer than one cell: several chunks
    ws = wb.create_sheet(MARKS_SHEET)
    ws.sheet_state = "veryHidden"
    marks.sheets.add(MARKS_SHEET)
    text = marks.to_json()
    ws.cell(1, 1).value = MARKS_MAGIC
    for i in range(0, len(text), 30_000):
        ws.cell(2 + i // 30_000, 1).value = text[i : i + 30_000]
    wb.custom_doc_props.append(StringProperty(name=MARK_PROPERTY, value="0.3.0"))
    wb["PK"]["H7"] = "Temuan pk-excel"
    out = tmp_path / "keluar.xlsx"
    wb.save(out)
    got = read_marks_data(read_xlsx(out, "xlsx", Limits()))
    assert got == Marks.from_json(text) and got.is_output and got.columns == {"PK": (8, 9)}
    assert got.sheets == {"Temuan", MARKS_SHEET}
    assert read_marks_data(read_xlsx(path, "xlsx", Limits())) == Marks()


_cell_values = st.one_of(
    st.integers(min_value=-(2**53), max_value=2**53),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.booleans(),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=20).filter(
        lambda s: not s.startswith("=")
    ),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(_cell_values, min_size=1, max_size=5), min_size=1, max_size=6))
def test_property_openpyxl_roundtrip(tmp_path, rows):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    path = tmp_path / "prop.xlsx"
    wb.save(path)
    assert_agrees(path)


def test_shared_formula_translation_is_bounded():
    """A master longer than Excel allows, or one past the sheet's budget, keeps its own text (no hang)."""
    budget = [30]
    short = xlsxsheet._Shared("=A1*2", 1, 1, budget)
    assert short.at(3, 1) == "=A3*2" and budget == [25]
    long = xlsxsheet._Shared("=" + "+".join(["A1"] * 3000), 1, 1, [10**9])
    assert long.at(5, 1) == long.text  # 8,999 characters: more than Excel's 8,192
    assert [short.at(r, 1) for r in range(2, 9)][-1] == "=A1*2"  # the budget ran out


# --- every producer's spelling of the same XML (issue 13) ----------------------------------------------------
# The reader runs on expat: self-closing elements, prefixes, quotes, spacing inside tags and extension elements
# are handled by construction. Each case is one kind of spelling; openpyxl is the reference where it reads it.

STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"


@pytest.mark.parametrize(
    "sst",
    [
        f'<sst xmlns="{MAIN}"/>',
        f'<sst xmlns="{MAIN}" count="0" uniqueCount="0" />',
        f'<x:sst xmlns:x="{MAIN}"\n   count="0"/>',
        f"<sst xmlns='{MAIN}'></sst >",
    ],
)
def test_empty_shared_strings_in_any_spelling(tmp_path, sst):
    rows = b'<row r="1"><c r="A1"><v>1</v></c></row>'
    path = make_xlsx(tmp_path / "sst.xlsx", [sheet(rows)], sst=sst.encode())
    assert assert_agrees(path).sheets[0].values == {1: [1]}


@pytest.mark.parametrize(
    "data",
    ["<sheetData/>", "<sheetData />", "<sheetData\n/>", "<sheetData></sheetData >", "<x:sheetData xmlns:x='{MAIN}' />"],
)
def test_empty_sheet_data_in_any_spelling(tmp_path, data):
    empty = f'<worksheet xmlns="{MAIN}"><dimension ref="A1"/>{data.format(MAIN=MAIN)}<pageMargins left="0.7"/>'
    empty += "</worksheet>"
    full = sheet(b'<row r="1"><c r="A1"><v>1</v></c></row>')
    data_ = assert_agrees(make_xlsx(tmp_path / "sd.xlsx", [full, empty.encode()]))
    assert data_.sheets[1].values == {} and data_.sheets[0].values == {1: [1]}


def test_spacing_quotes_attribute_order_and_prefixes(tmp_path):
    """One row spelled five ways a parser takes alike: the values are the same every time."""
    spellings = [
        b'<row r="1"><c r="A1" s="1"><v>45000</v></c><c r="B1" t="s"><v>0</v></c><c r="C1"><v>2.5</v></c></row>',
        b"<row r='1' ><c s='1' r='A1' ><v >45000</v ></c ><c t = 's' r = 'B1'><v>0</v></c><c r='C1'><v>2.5</v></c></row >",
        b'<row r="1">\n  <c r="A1" s="1">\n    <v>45000</v>\n  </c>\n  <c r="B1" t="s"><v>0</v></c>\n'
        b'  <c r="C1"><!-- x --><v>2<![CDATA[.]]>5</v></c>\n</row>',
        f'<y:row xmlns:y="{MAIN}" r="1"><y:c r="A1" s="1"><y:v>45000</y:v></y:c><c r="B1" t="s"><v>0</v></c>'
        f'<y:c r="C1"><y:v>2.5</y:v></y:c></y:row>'.encode(),
        b'<row r="1"><c r="A1" s="1"><v>45000</v><z:v xmlns:z="urn:z">9</z:v></c>'
        b'<c r="B1" t="s" xmlns:q="urn:other"><q:v>7</q:v><v>0</v></c><c r="C1"><v>2.5</v></c></row>',
    ]
    sst = f'<sst xmlns="{MAIN}"><si><t>satu</t></si></sst>'.encode()
    want = {1: [dt.datetime(2023, 3, 15), "satu", 2.5]}
    for i, rows in enumerate(spellings):
        path = make_xlsx(tmp_path / f"s{i}.xlsx", [sheet(rows)], sst=sst, styles=STYLES)
        assert read_xlsx(path, "xlsx", Limits()).sheets[0].values == want, i
        assert_agrees(path)


def test_extension_elements_in_another_namespace_are_not_cells(tmp_path):
    tail = (
        b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
        b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
        b'<x14:dataValidations xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main" count="1">'
        b"<x14:dataValidation><x14:formula1><xm:f>Lain!$A$1:$A$3</xm:f></x14:formula1><xm:sqref>B1</xm:sqref>"
        b"</x14:dataValidation></x14:dataValidations></ext></extLst>"
    )
    path = make_xlsx(tmp_path / "ext.xlsx", [sheet(b'<row r="1"><c r="A1"><v>1</v></c></row>', tail)])
    sd = assert_agrees(path).sheets[0]
    assert sd.values == {1: [1]} and sd.formulas == {}


def test_rich_inline_string_with_phonetic_run(tmp_path):
    rows = (
        b'<row r="1"><c r="A1" t="inlineStr"><is><r><rPr><b/></rPr><t>Real</t></r><r><t xml:space="preserve">'
        b'isasi </t></r><rPh sb="0" eb="1"><t>x</t></rPh></is></c><c r="B1" t="inlineStr"><is/></c>'
        b'<c r="C1" t="inlineStr"><is><t/></is></c></row>'
    )
    sd = assert_agrees(make_xlsx(tmp_path / "rich.xlsx", [sheet(rows)])).sheets[0]
    assert sd.values[1][0] == "Realisasi "


def test_iso_date_cells_as_openpyxl_gives_them(tmp_path):
    rows = (
        b'<row r="1"><c r="A1" t="d"><v>2024-01-31</v></c><c r="B1" t="d" s="1"><v>2024-01-31T10:30:00</v></c>'
        b'<c r="C1" t="d"><v>10:30:00</v></c><c r="D1" s="1" t="d"><v>2024-02-29T00:00:00.5Z</v></c>'
        b"</row>"
    )
    path = make_xlsx(tmp_path / "iso.xlsx", [sheet(rows)], styles=STYLES)
    odd = make_xlsx(tmp_path / "odd.xlsx", [sheet(b'<row r="1"><c r="A1" t="d"><v>bukan tanggal</v></c></row>')])
    sd = read_xlsx(path, "xlsx", Limits()).sheets[0]
    import openpyxl

    with open(path, "rb") as fh:
        ws = openpyxl.load_workbook(fh).active
    want = [ws.cell(1, c).value for c in range(1, 5)]
    assert sd.values[1][:4] == want
    assert sd.values[1][0] == dt.date(2024, 1, 31) and sd.values[1][1] == dt.datetime(2024, 1, 31, 10, 30)
    # openpyxl refuses the whole file; the one odd cell keeps its text
    assert read_xlsx(odd, "xlsx", Limits()).sheets[0].values == {1: ["bukan tanggal"]}


@pytest.mark.parametrize("date1904", [False, True])
def test_cached_formula_results_in_a_date_format_are_dates(tmp_path, date1904):
    import openpyxl

    rows = (
        b'<row r="1"><c r="A1" s="1"><v>45322</v></c><c r="B1" s="1"><f>A1+1</f><v>45323</v></c>'
        b'<c r="C1" s="4"><f>A1/24</f><v>1.5</v></c><c r="D1" s="2"><f>A1/100</f><v>0.5</v></c>'
        b'<c r="E1" s="1" t="str"><f>TEXT(A1,"d")</f><v>31</v></c></row>'
    )
    pr = b'<extLst/><workbookPr defaultThemeVersion="1" date1904="1"/>' if date1904 else b""
    path = make_xlsx(tmp_path / "cached.xlsx", [sheet(rows)], styles=STYLES, workbook_pr=pr)
    data = read_xlsx(path, "xlsx", Limits())
    with open(path, "rb") as fh:
        ws = openpyxl.load_workbook(fh, data_only=True).active
    got = data.sheets[0].values[1]
    assert got == [ws.cell(1, c).value for c in range(1, 6)]
    assert isinstance(got[1], dt.datetime) and isinstance(got[2], dt.timedelta) and got[3] == 0.5


@pytest.mark.parametrize(
    "pr",
    [
        b'<workbookPr date1904="1"/>',
        b"<workbookPr defaultThemeVersion='166925' date1904='true' />",
        b'<fileVersion appName="xl"/><workbookPr filterPrivacy="1" date1904="1"/>'
        b'<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        b'<mc:Choice Requires="x15"><x15ac:absPath xmlns:x15ac="http://schemas.microsoft.com/office/'
        b'spreadsheetml/2010/11/ac" url="C:\\x\\"/></mc:Choice></mc:AlternateContent>',
        b'<workbookPr date1904="1"><extLst><ext uri="{x}"/></extLst></workbookPr>',
    ],
)
def test_1904_flag_in_any_spelling(tmp_path, pr):
    rows = b'<row r="1"><c r="A1" s="1"><v>45000</v></c></row>'
    data = assert_agrees(make_xlsx(tmp_path / "mac.xlsx", [sheet(rows)], styles=STYLES, workbook_pr=pr))
    assert data.date1904 and data.sheets[0].values[1] == [dt.datetime(2027, 3, 16)]


def test_strict_namespace_is_read(tmp_path):
    xml = (
        f'<worksheet xmlns="{STRICT}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1">'
        f'<v>45000</v></c></row></sheetData><mergeCells><mergeCell ref="C1:D1"/></mergeCells></worksheet>'
    ).encode()
    sst = f'<sst xmlns="{STRICT}"><si><t>satu</t></si></sst>'.encode()
    styles = STYLES.replace(MAIN.encode(), STRICT.encode())
    sd = read_xlsx(make_xlsx(tmp_path / "strict.xlsx", [xml], sst=sst, styles=styles), "xlsx", Limits()).sheets[0]
    assert sd.values == {1: ["satu", dt.datetime(2023, 3, 15)]} and sd.merged == [(1, 3, 1, 4)]


def test_duplicate_cell_refs_last_one_counts(tmp_path):
    rows = b'<row r="1"><c r="A1"><v>1</v></c><c r="A1"><v>2</v></c><c r="B1"><f>A1</f><v>3</v></c><c r="B1"><v>4</v></c></row>'
    sd = assert_agrees(make_xlsx(tmp_path / "dup.xlsx", [sheet(rows)])).sheets[0]
    assert sd.values == {1: [2, 4]} and sd.n_cells == 2 and sd.formulas == {}


def test_1904_flag_not_overwritten_by_an_extension_element_of_the_same_name(tmp_path):
    """Excel writes x15:workbookPr (chartTrackingRefBase) in the workbook's extLst: not the main one."""
    pr = (
        b'<workbookPr date1904="1"/><extLst><ext uri="{140A7094-0E35-4892-8432-C4D2E57EDEB5}" '
        b'xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">'
        b'<x15:workbookPr chartTrackingRefBase="1"/></ext></extLst>'
    )
    rows = b'<row r="1"><c r="A1" s="1"><v>1</v></c></row>'
    data = read_xlsx(make_xlsx(tmp_path / "x15.xlsx", [sheet(rows)], styles=STYLES, workbook_pr=pr), "xlsx", Limits())
    assert data.date1904 and data.sheets[0].values[1] == [dt.datetime(1904, 1, 2)]


def test_empty_cached_result_is_none(tmp_path):
    rows = b'<row r="1"><c r="A1" t="str"><f>""</f><v></v></c><c r="B1" t="str"><f>"x"</f><v/></c></row>'
    data = assert_agrees(make_xlsx(tmp_path / "leer.xlsx", [sheet(rows)]))
    assert data.sheets[0].values == {1: [None, None]} and len(data.sheets[0].formulas) == 2


def test_damaged_package_relationships_fall_back_to_the_content_types(tmp_path):
    """openpyxl finds the workbook by its content type; a damaged _rels/.rels alone refuses nothing."""
    path = make_xlsx(tmp_path / "ok.xlsx", [sheet(b'<row r="1"><c r="A1"><v>5</v></c></row>')])
    broken = tmp_path / "rels.xlsx"
    with zipfile.ZipFile(path) as zi, zipfile.ZipFile(broken, "w") as zo:
        for info in zi.infolist():
            data = zi.read(info)
            zo.writestr(info.filename, b'<?xml version="1.0"?>\nRUSAK' if info.filename == "_rels/.rels" else data)
    assert read_xlsx(broken, "xlsx", Limits()).sheets[0].values == {1: [5]}


def test_cell_references_that_only_end_like_their_row(tmp_path):
    """A cell is placed by its own reference: one of another row whose reference ends with this row's number
    ("A11" in row 1, "B25" in row 5), a row without `r`, a cell without `r` after them (the reader's shortcut
    for "letters + this row's number" gives way each time)."""
    rows = (
        b'<row r="1"><c r="A1"><v>1</v></c><c r="A11"><v>2</v></c></row>'
        b'<row r="5"><c r="B25"><v>3</v></c><c r="C5"><v>4</v></c><c><v>5</v></c></row>'
        b'<row><c r="AB6"><v>6</v></c></row><row r="12"><c r="AB12"><v>7</v></c><c r="B12"><v>8</v></c></row>'
    )
    sd = assert_agrees(make_xlsx(tmp_path / "refs.xlsx", [sheet(rows)])).sheets[0]
    assert sd.values == {1: [1], 11: [2], 25: [None, 3], 5: [None, None, 4, 5], 6: [None] * 27 + [6],
                         12: [None, 8] + [None] * 25 + [7]}  # fmt: skip
    assert sd.n_cells == 8


def test_sheet_without_a_namespace_and_mixed_spellings(tmp_path):
    """Elements of no namespace (hand-made packages) and of the Strict namespace read like the usual ones,
    each looked up among the other spellings when the transitional name does not match."""
    xml = (
        b'<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>dua</t>'
        b'</is></c><c r="C1"><f>1+1</f><v>2</v></c></row>'
        + f'<row r="2"><s:c xmlns:s="{STRICT}" r="A2"><s:v>3</s:v></s:c></row></sheetData>'.encode()
        + b'<mergeCells><mergeCell ref="D1:E1"/></mergeCells></worksheet>'
    )
    sst = b"<sst><si><t>satu</t></si></sst>"
    sd = read_xlsx(make_xlsx(tmp_path / "bare.xlsx", [xml], sst=sst), "xlsx", Limits()).sheets[0]
    assert sd.values == {1: ["satu", "dua", 2.0], 2: [3]} and sd.formulas == {(1, 3): "=1+1"}
    assert sd.merged == [(1, 4, 1, 5)] and sd.n_cells == 4


def test_shared_string_inside_another_keeps_the_indexes(tmp_path):
    """An <si> inside another (no writer makes one) is one string, and the outer one another: later indexes
    point where they did (the outer item's texts before the inner one are dropped)."""
    sst = f'<sst xmlns="{MAIN}"><si><t>a</t><si><t>b</t></si><t>c</t></si><si><t>d</t></si></sst>'.encode()
    rows = b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>'
    sd = read_xlsx(make_xlsx(tmp_path / "nested.xlsx", [sheet(rows)], sst=sst), "xlsx", Limits()).sheets[0]
    assert sd.values == {1: ["b", "b", "d"]}


def test_one_reading_of_a_parts_encoding_serves_the_reader_and_the_writer():
    from pk_excel.xmlparse import encoding_of
    from pk_excel.xmltext import xml_text, xml_utf8

    plain = b'<?xml version="1.0" encoding="UTF-8"?><a>\xc3\xa9</a>'
    assert encoding_of(plain) is None and xml_utf8(plain) is plain
    assert xml_utf8(b"\xef\xbb\xbf<a/>") == b"<a/>" and xml_text(b"\xef\xbb\xbf<a/>") == "<a/>"
    latin = '<?xml version="1.0" encoding="windows-1252"?><a>\u00e9</a>'.encode("cp1252")
    assert encoding_of(latin) == "windows-1252"
    assert xml_utf8(latin) == '<?xml version="1.0" encoding="UTF-8"?><a>\u00e9</a>'.encode()
    # A part declared ASCII is written back declared UTF-8: the copy adds text that ASCII cannot hold.
    ascii_part = b'<?xml version="1.0" encoding="us-ascii"?><a/>'
    assert xml_text(ascii_part).startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert encoding_of("<a/>".encode("utf-16")) == "utf-16"
