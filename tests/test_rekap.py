"""rekap: the consolidated workbook opens, holds the right numbers, never turns user text into formulas."""

from __future__ import annotations

import zipfile

import pytest

from pk_excel.model import Document, FileReport, Finding, Indicator, Report, Value
from pk_excel.rekap import SHEETS, rekap_json, rekap_rows, write_rekap

EVIL = '=HYPERLINK("http://contoh.invalid","klik")'


def ind(
    name: str, hitung: float | None, status: str, *, level="program", target=None, capaian=None
) -> Indicator:
    return Indicator(
        "PK",
        7,
        0,
        level,
        "Meningkatnya pelayanan",
        name,
        satuan="%",
        target=target,
        capaian=capaian,
        capaian_hitung=hitung,
        status=status,
        polaritas="positif",
    )


def finding(severity: str, message: str = "Capaian tidak sesuai", indikator: str | None = "IKM") -> Finding:
    return Finding("capaian-hitung", severity, "PK", "F7", 7, message, "Capaian differs", indikator=indikator)


@pytest.fixture
def report(tmp_path) -> Report:
    out = tmp_path / "hasil" / "kecamatan-a.checked.xlsx"
    out.parent.mkdir()
    out.write_bytes(b"")
    a = FileReport(
        path=str(tmp_path / "kecamatan-a.xlsx"),
        status="findings",
        output=str(out),
        document=Document(
            path="kecamatan-a.xlsx",
            sheets=["PK"],
            unit="Kecamatan A",
            year=2023,
            indicators=[
                ind(
                    "IKM",
                    100.0,
                    "tercapai",
                    level="strategis",
                    target=Value("85,00 (Baik)", "number", number=85.0, label="Baik"),
                    capaian=Value("97,31%", "percent", number=97.31),
                ),
                ind("Persentase SOP", 50.0, "tidak tercapai"),
                ind(
                    "Nilai SAKIP",
                    None,
                    "belum ada data",
                    target=Value("BB", "grade"),
                    capaian=Value("N/A", "missing"),
                ),
                ind("Jumlah maklumat", None, "tidak dapat dihitung"),
            ],
        ),
        findings=[finding("error"), finding("warning"), finding("info", indikator=None)],
    )
    b = FileReport(
        path=str(tmp_path / "dinas-b.xlsx"),
        status="findings",
        document=Document(
            path="dinas-b.xlsx",
            sheets=["PK"],
            unit=EVIL,
            year=2024,
            indicators=[
                ind("=1+1", 120.0, "tercapai", target=Value("=SUM(A1:A9)", "text")),
                ind("@SUM(A1)", 60.0, "tercapai"),
                ind("-2+3", 90.0, "tidak tercapai"),
            ],
        ),
        findings=[finding("warning", message="=cmd|' /C calc'!A0", indikator="=1+1")],
    )
    c = FileReport(
        path=str(tmp_path / "rusak.xlsx"),
        status="error",
        error="rusak.xlsx: berkas rusak",
        error_code="corrupt",
    )
    return Report(files=[a, b, c])


def test_rekap_rows_numbers(report):
    rows = rekap_rows(report)
    a, b, c = rows["files"]
    assert (a["indicators"], a["errors"], a["warnings"], a["info"]) == (4, 1, 1, 1)
    assert a["capaian_mean"] == pytest.approx(75.0)  # mean of 100 and 50; no data is left out
    assert a["tercapai_share"] == pytest.approx(50.0)  # 1 of the 2 indicators that could be measured
    assert b["capaian_mean"] == pytest.approx(90.0) and b["tercapai_share"] == pytest.approx(200 / 3)
    assert c["status"] == "error" and c["capaian_mean"] is None and c["indicators"] == 0
    assert len(rows["indicators"]) == 7 and len(rows["findings"]) == 4
    first = rows["indicators"][0]
    assert (first["target"], first["capaian_tercatat"], first["capaian_hitung"]) == (85.0, 97.31, 100.0)
    assert rows["indicators"][2]["target"] == "BB" and rows["indicators"][2]["capaian_tercatat"] == "N/A"
    assert rows["findings"][0]["message"] == "Capaian tidak sesuai"
    assert rekap_rows(report, lang="en")["findings"][0]["message"] == "Capaian differs"


def test_rekap_json_summary_and_ranking(report):
    data = rekap_json(report)
    s = data["summary"]
    assert (s["files"], s["failed"], s["indicators"], s["errors"], s["warnings"], s["info"]) == (
        3,
        1,
        7,
        1,
        2,
        1,
    )
    assert s["capaian_mean"] == pytest.approx((100 + 50 + 120 + 60 + 90) / 5)
    assert s["tercapai_share"] == pytest.approx(60.0)  # 3 of 5 measured
    assert s["exit_code"] == 2
    assert [r["unit"] for r in data["ranking"]] == [EVIL, "Kecamatan A"]


def _sheet_rows(ws):
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_rekap_workbook_opens_with_the_right_content(report, tmp_path):
    from openpyxl import load_workbook

    path = write_rekap(report, tmp_path / "rekap.xlsx")
    assert path == tmp_path / "rekap.xlsx"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    wb = load_workbook(path)
    assert wb.sheetnames == list(SHEETS)

    rekap = wb["Rekap"]
    header, a, b, c = _sheet_rows(rekap)
    assert header[:4] == ["Berkas", "Unit", "Tahun", "Indikator"]
    assert a[:9] == ["kecamatan-a.xlsx", "Kecamatan A", 2023, 4, 1, 1, 1, 75, 50]
    assert a[9] == "ada temuan" and a[11] == "kecamatan-a.checked.xlsx"
    link = rekap.cell(row=2, column=12).hyperlink
    assert link is not None and link.target.replace("\\", "/") == "hasil/kecamatan-a.checked.xlsx"
    assert b[1] == EVIL and rekap.cell(row=3, column=2).data_type == "s"
    assert (
        c[0] == "rusak.xlsx"
        and c[3] is None
        and c[9] == "gagal diperiksa"
        and c[10] == "rusak.xlsx: berkas rusak"
    )
    assert rekap.freeze_panes == "A2" and rekap.auto_filter.ref == "A1:L4"

    indikator = wb["Indikator"]
    rows = _sheet_rows(indikator)
    assert len(rows) == 8 and indikator.auto_filter.ref == "A1:M8" and indikator.freeze_panes == "A2"
    assert rows[1][2] == "Strategis" and rows[1][6:10] == [85, None, 97.31, 100]
    assert rows[3][6] == "BB" and rows[3][8] == "N/A" and rows[3][9] is None
    assert rows[5][4] == "=1+1" and rows[5][6] == "=SUM(A1:A9)" and rows[6][4] == "@SUM(A1)"
    rules = [r for cf in indikator.conditional_formatting for r in cf.rules]
    assert len(rules) == 6 and all(r.type == "expression" for r in rules)

    temuan = _sheet_rows(wb["Temuan"])
    assert temuan[0] == ["Berkas", "Tingkat", "Lembar", "Sel", "Aturan", "Indikator", "Pesan", "ID aturan"]
    assert [r[1] for r in temuan[1:]] == ["kesalahan", "peringatan", "info", "peringatan"]
    assert temuan[4][6] == "=cmd|' /C calc'!A0" and temuan[4][5] == "=1+1"

    # No cell anywhere is a formula.
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            assert all(cell.data_type != "f" for cell in row), ws.title

    grafik = _sheet_rows(wb["Grafik"])
    assert [r[:2] for r in grafik[1:3]] == [[EVIL, 90], ["Kecamatan A", 75]]
    with zipfile.ZipFile(path) as zf:
        charts = [n for n in zf.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 1
        xml = zf.read(charts[0]).decode()
    assert '<c:barDir val="bar"/>' in xml and "Grafik!$A$2:$A$3" in xml and "Grafik!$B$2:$B$3" in xml


def test_rekap_english_and_replaces_an_earlier_rekap(report, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "rekap.xlsx"
    write_rekap(report, path, lang="id")
    write_rekap(report, path, lang="en")  # pk-excel's own rekap is replaced
    wb = load_workbook(path)
    assert wb["Rekap"]["A1"].value == "File" and wb["Temuan"]["B2"].value == "error"
    assert wb["Rekap"]["J4"].value == "could not be checked"


@pytest.mark.parametrize("existing", ["text", "workbook", "folder"])
def test_rekap_never_replaces_a_file_that_is_not_a_rekap(report, tmp_path, existing):
    """`check d --rekap d/in.xlsx` used to overwrite the user's filled workbook."""
    import hashlib

    from pk_excel.model import PkError

    path = tmp_path / "in.xlsx"
    if existing == "folder":
        path.mkdir()
    elif existing == "text":
        path.write_text("versi lama")
    else:
        import shutil

        from conftest import SAMPLES

        shutil.copy(SAMPLES / "pk-kelurahan-2024.xlsx", path)
    before = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
    with pytest.raises(PkError) as e:
        write_rekap(report, path)
    assert e.value.code == "output-exists"
    if before:
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_rekap_without_any_capaian_has_no_chart(tmp_path):
    from openpyxl import load_workbook

    bad = FileReport(path="x.xlsx", status="error", error="x.xlsx: berkas rusak", error_code="corrupt")
    path = write_rekap(Report(files=[bad]), tmp_path / "rekap.xlsx")
    with zipfile.ZipFile(path) as zf:
        assert not [n for n in zf.namelist() if n.startswith("xl/charts/")]
    assert "tidak dibuat" in load_workbook(path)["Grafik"]["A2"].value


def test_rekap_that_cannot_be_written_is_one_clean_error(report, tmp_path):
    from pk_excel.model import PkError

    with pytest.raises(PkError) as info:
        write_rekap(report, tmp_path / "tidak-ada" / "rekap.xlsx")
    assert info.value.code == "write-failed" and "rekap tidak dapat ditulis" in info.value.message("id")


def test_rekap_of_a_real_batch(tmp_path):
    """Uses the real checker through batch.check_paths (needs pk_excel/checker.py)."""
    from conftest import build_pk
    from openpyxl import load_workbook

    from pk_excel.batch import check_paths
    from pk_excel.config import Options

    rows = [
        "Sasaran Strategis",
        [
            "",
            "Meningkatnya kepuasan",
            "Indeks Kepuasan Masyarakat (IKM)",
            "85,00 (Baik)",
            "82, 71 (Baik)",
            "97,31%",
            "SKM",
        ],
        ["", "Meningkatkan akuntabilitas", "Nilai SAKIP", "BB", "N/A", "N/A", "Belum ada LHE"],
        "Sasaran Program",
        [
            "",
            "Meningkatnya usulan",
            "Persentase usulan yang diakomodir",
            "65 usulan",
            "38 usulan",
            "58,46%",
            "-",
        ],
    ]
    build_pk(tmp_path / "bajeng.xlsx", rows)
    (tmp_path / "rusak.xlsx").write_bytes(b"bukan workbook")
    report = check_paths([tmp_path], Options(write=True, out_dir=str(tmp_path / "hasil")), jobs=1)
    path = write_rekap(report, tmp_path / "rekap.xlsx")
    files = rekap_rows(report)["files"]
    assert [f["file"] for f in files] == ["bajeng.xlsx", "rusak.xlsx"]
    hitung = [i.capaian_hitung for i in report.files[0].document.indicators if i.capaian_hitung is not None]
    assert len(hitung) == 2 and files[0]["capaian_mean"] == pytest.approx(sum(hitung) / 2)
    wb = load_workbook(path)
    assert wb["Rekap"]["A2"].value == "bajeng.xlsx" and wb["Rekap"]["H2"].value == pytest.approx(
        sum(hitung) / 2
    )
    assert wb["Rekap"]["L2"].hyperlink.target.replace("\\", "/") == "hasil/bajeng.checked.xlsx"
    assert wb["Rekap"]["J3"].value == "gagal diperiksa"
    assert len(list(wb["Indikator"].iter_rows())) == 4


def test_rekap_header_row_has_the_height_of_its_wrapped_headings(report, tmp_path):
    from openpyxl import load_workbook

    path = write_rekap(report, tmp_path / "rekap.xlsx")
    ws = load_workbook(path)["Rekap"]
    assert (ws.row_dimensions[1].height or 0) >= 30  # two lines at least: "Rata-rata capaian (%)"
