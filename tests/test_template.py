"""The blank template: layout, formats and validation; filled in as a user would; read back by the checker."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from pk_excel import template as tpl
from pk_excel.model import LEVELS, PkError
from pk_excel.template import (
    COLUMNS,
    HEADER_ROW,
    INDICATOR_ROWS,
    NUMBER_ROW,
    PROGRAM_COLUMNS,
    PROGRAM_HEADER_ROW,
    PROGRAM_ROWS,
    PROGRAM_TOTAL_ROW,
    SECTION_ROWS,
    SIGNATURE_COLUMN,
    SIGNATURE_ROWS,
    TEMPLATE_HEADERS,
    write_template,
)

C = COLUMNS
P = PROGRAM_COLUMNS


@pytest.fixture
def blank(tmp_path) -> Path:
    return write_template(tmp_path / "pk-template-2025.xlsx", 2025, "Kecamatan Bajeng Kabupaten Gowa")


def _main(path: Path, **kw):
    return openpyxl.load_workbook(path, **kw)[tpl.MAIN_SHEET]


# ------------------------------------------------------------------------------------------------ layout


def test_returns_the_path_and_leaves_no_temp_file(tmp_path, blank):
    assert blank == tmp_path / "pk-template-2025.xlsx" and blank.is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pk-template-2025.xlsx"]
    assert oct(blank.stat().st_mode & 0o777) != oct(0o600)


def test_sheets_title_and_header(blank):
    wb = openpyxl.load_workbook(blank)
    assert wb.sheetnames == [tpl.MAIN_SHEET, "Petunjuk"]
    ws = wb[tpl.MAIN_SHEET]
    assert ws["A1"].value == "PENGUKURAN PERJANJIAN KINERJA TAHUN 2025"
    assert ws["A2"].value == "KECAMATAN BAJENG KABUPATEN GOWA"
    letters = list(C.values())
    assert [ws[f"{c}{HEADER_ROW}"].value for c in letters] == list(TEMPLATE_HEADERS)
    assert TEMPLATE_HEADERS[:8] == (
        "NO", "SASARAN", "INDIKATOR KINERJA", "SATUAN", "TARGET", "REALISASI", "CAPAIAN (%)",
        "PENJELASAN KINERJA",
    )
    assert [ws[f"{c}{NUMBER_ROW}"].value for c in letters] == [f"({i})" for i in range(1, len(letters) + 1)]
    assert all(ws[f"{c}{HEADER_ROW}"].font.b and ws[f"{c}{HEADER_ROW}"].border.left.style for c in letters)


def test_sections_with_empty_indicator_rows(blank):
    ws = _main(blank)
    labels = {level: ws[f"A{row}"].value for level, row in SECTION_ROWS.items()}
    assert labels == {
        "strategis": "Sasaran Strategis", "program": "Sasaran Program", "kegiatan": "Sasaran Kegiatan",
        "subkegiatan": "Sasaran Sub Kegiatan",
    }
    for level in LEVELS:
        rows = INDICATOR_ROWS[level]
        assert rows[0] == SECTION_ROWS[level] + 1 and len(rows) >= 3
        for r in rows:
            assert all(ws[f"{C[role]}{r}"].value is None for role in ("no", "sasaran", "indikator", "target"))
            assert ws[f"{C['indikator']}{r}"].border.left.style == "thin"


def test_capaian_formula_refers_to_its_own_row(blank):
    ws = _main(blank)
    for rows in INDICATOR_ROWS.values():
        for r in rows:
            f = ws[f"{C['capaian']}{r}"].value
            assert f == tpl.capaian_formula(r)
            assert f.startswith(f'=IF(OR(E{r}="",F{r}=""),""') and f"ROUND(" in f and f'I{r}="negatif"' in f
            assert ws[f"{C['capaian']}{r}"].number_format == "0.00"


def test_formats_freeze_and_print_setup(blank):
    ws = _main(blank)
    assert ws.freeze_panes == f"A{NUMBER_ROW + 1}"
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == f"${HEADER_ROW}:${NUMBER_ROW}"
    assert ws[f"{P['anggaran']}{PROGRAM_ROWS[0]}"].number_format == "#,##0"
    assert ws[f"{C['no']}{INDICATOR_ROWS['program'][0]}"].number_format == "@"
    assert ws[f"{C['indikator']}{INDICATOR_ROWS['program'][0]}"].alignment.wrap_text
    assert ws.column_dimensions["C"].width > ws.column_dimensions["A"].width


def test_data_validation(blank):
    ws = _main(blank)
    by_range = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    first, last = SECTION_ROWS["strategis"], INDICATOR_ROWS[LEVELS[-1]][-1]
    pol = by_range[f"{C['polaritas']}{first}:{C['polaritas']}{last}"]
    assert pol.type == "list" and pol.formula1 == '"positif,negatif"'
    values = by_range[f"{C['target']}{first}:{C['realisasi']}{last}"]
    assert values.type is None and "N/A" in values.prompt  # an input message only: users type "6 unit"
    money = by_range[f"{P['anggaran']}{PROGRAM_ROWS[0]}:{P['realisasi_anggaran']}{PROGRAM_ROWS[-1]}"]
    assert (money.type, money.operator, money.formula1, money.errorStyle) == (
        "decimal", "greaterThanOrEqual", "0", "warning",
    )


def test_program_block_and_signature(blank):
    ws = _main(blank)
    assert ws[f"{P['program']}{PROGRAM_HEADER_ROW}"].value == "PROGRAM"
    assert ws[f"{P['anggaran']}{PROGRAM_HEADER_ROW}"].value == "ANGGARAN (Rp)"
    assert ws[f"A{PROGRAM_TOTAL_ROW}"].value == "JUMLAH"
    assert ws[f"{P['anggaran']}{PROGRAM_TOTAL_ROW}"].value == (
        f"=SUM(E{PROGRAM_ROWS[0]}:E{PROGRAM_ROWS[-1]})"
    )
    sig = {k: ws[f"{SIGNATURE_COLUMN}{r}"].value for k, r in SIGNATURE_ROWS.items()}
    assert sig["date"].endswith("2026")  # the measurement of 2025 is signed in 2026
    assert sig["nip"].startswith("NIP.") and sig["pangkat"].startswith("Pangkat :")


def test_petunjuk_sheet(blank):
    ws = openpyxl.load_workbook(blank)["Petunjuk"]
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)
    for needle in ("Satu baris untuk satu indikator", "koma desimal", "N/A", "negatif", "pk-excel check"):
        assert needle in text


def test_english_instructions_keep_the_indonesian_table(tmp_path):
    path = write_template(tmp_path / "t.xlsx", 2024, "Dinas Kesehatan", lang="en")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [tpl.MAIN_SHEET, "Instructions"]
    assert wb[tpl.MAIN_SHEET][f"C{HEADER_ROW}"].value == "INDIKATOR KINERJA"
    assert "One row per indicator" in "\n".join(str(c.value) for c in wb["Instructions"]["B"])


@pytest.mark.parametrize("tahun", [1999, 3000, "2025", True])
def test_rejects_an_implausible_year(tmp_path, tahun):
    with pytest.raises(PkError) as e:
        write_template(tmp_path / "t.xlsx", tahun, "X")
    assert e.value.code == "template"
    assert not list(tmp_path.iterdir())


def test_unwritable_folder_is_a_pk_error(tmp_path):
    with pytest.raises(PkError) as e:
        write_template(tmp_path / "missing" / "t.xlsx", 2025, "X")
    assert e.value.code == "write-failed"


def test_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "t.xlsx"
    target.write_bytes(b"old")

    def boom(*_args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(tpl, "_build", boom)
    with pytest.raises(PkError) as info:  # any failure is one clean line, the old file untouched
        write_template(target, 2025, "X", force=True)
    assert info.value.code == "write-failed" and "templat tidak dapat ditulis" in info.value.message("id")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["t.xlsx"]


# ------------------------------------------------------------------------------------ filled as a user would

FILLED = {
    # level: [(no, sasaran or None when carried, indikator, satuan, target, realisasi, polaritas)]
    "strategis": [
        ("1", "Meningkatnya kepuasan masyarakat terhadap pelayanan publik",
         "Indeks Kepuasan Masyarakat (IKM)",
         "nilai", 85, 82.71, None),
        ("2", None, "Persentase pengaduan yang ditindaklanjuti", "%", 100, 100, None),
    ],
    "program": [
        ("1", "Meningkatnya sarana dan prasarana pelayanan publik",
         "Jumlah sarana dan prasarana yang memadai",
         "unit", "6 unit", "6 unit", None),
        ("2", "Meningkatnya kecepatan pelayanan", "Rata-rata waktu penyelesaian layanan", "hari", 3, 2.5,
         "negatif"),
    ],
    "kegiatan": [
        ("1.1", "Tersedianya SOP pelayanan", "Jumlah SOP pelayanan yang disusun", "SOP", 11, 11, None),
    ],
    "subkegiatan": [
        ("1.1.1", "Tersedianya maklumat pelayanan", "Jumlah maklumat pelayanan yang tersedia", "dokumen",
         1, "-", None),
    ],
}
PROGRAMS = [
    ("Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", 3447564346, 3301250000, "APBD"),
    ("Program Pemberdayaan Masyarakat Desa dan Kelurahan", 1612808953, 1500000000, "APBD"),
]
SIGNATURE = {
    "date": "Bajeng, 26 Februari 2026",
    "position": "CAMAT BAJENG",
    "name": "SITI HAERANI, S.Sos",
    "nip": "NIP. 19711010 199312 2 003",
    "pangkat": "Pangkat : Pembina / IV.a",
}


def _fill(src: Path, dst: Path) -> Path:
    wb = openpyxl.load_workbook(src)
    ws = wb[tpl.MAIN_SHEET]
    for level, items in FILLED.items():
        for r, item in zip(INDICATOR_ROWS[level], items):
            no, sasaran, indikator, satuan, target, realisasi, polaritas = item
            ws[f"{C['no']}{r}"] = no
            ws[f"{C['sasaran']}{r}"] = sasaran
            ws[f"{C['indikator']}{r}"] = indikator
            ws[f"{C['satuan']}{r}"] = satuan
            ws[f"{C['target']}{r}"] = target
            ws[f"{C['realisasi']}{r}"] = realisasi
            ws[f"{C['polaritas']}{r}"] = polaritas
            if isinstance(target, str):  # the formula stays empty for text; the user types the capaian
                ws[f"{C['capaian']}{r}"] = 100
    for r, (name, pagu, real, ket) in zip(PROGRAM_ROWS, PROGRAMS):
        ws[f"{P['no']}{r}"] = str(r - PROGRAM_ROWS[0] + 1)
        ws[f"{P['program']}{r}"] = name
        ws[f"{P['anggaran']}{r}"] = pagu
        ws[f"{P['realisasi_anggaran']}{r}"] = real
        ws[f"{P['keterangan']}{r}"] = ket
    for key, text in SIGNATURE.items():
        ws[f"{SIGNATURE_COLUMN}{SIGNATURE_ROWS[key]}"] = text
    wb.save(dst)
    return dst


@pytest.fixture
def filled(tmp_path, blank) -> Path:
    return _fill(blank, tmp_path / "pk-bajeng-2025.xlsx")


def test_filled_template_keeps_values_and_formulas(filled):
    ws = _main(filled)
    r = INDICATOR_ROWS["program"][0]
    assert ws[f"{C['target']}{r}"].value == "6 unit" and ws[f"{C['capaian']}{r}"].value == 100
    r = INDICATOR_ROWS["strategis"][0]
    assert (ws[f"{C['target']}{r}"].value, ws[f"{C['realisasi']}{r}"].value) == (85, 82.71)
    assert ws[f"{C['capaian']}{r}"].value == tpl.capaian_formula(r)
    assert ws[f"{P['anggaran']}{PROGRAM_ROWS[0]}"].value == 3447564346
    assert ws[f"{SIGNATURE_COLUMN}{SIGNATURE_ROWS['name']}"].value == "SITI HAERANI, S.Sos"


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_capaian_formula_results_in_a_spreadsheet(tmp_path, filled):
    """LibreOffice recalculates the filled template: numbers give capaian, text gives an empty cell."""
    profile = (tmp_path / "lo-profile").as_uri()
    out = tmp_path / "out"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx",
         "--outdir", str(out), str(filled)],
        check=True, capture_output=True, timeout=180,
    )
    ws = _main(out / filled.name, data_only=True)
    col = C["capaian"]
    cap = {level: [ws[f"{col}{r}"].value for r in rows[:2]] for level, rows in INDICATOR_ROWS.items()}
    assert cap["strategis"] == [97.31, 100]
    assert cap["program"] == [100, 116.67]  # typed by hand; negatif: (2*3 - 2.5) / 3 * 100
    assert cap["kegiatan"][0] == 100
    assert cap["subkegiatan"][0] in (None, "")  # realisasi "-": no capaian, no error
    assert ws[f"{P['serapan']}{PROGRAM_ROWS[0]}"].value == round(3301250000 / 3447564346 * 100, 2)
    assert ws[f"{P['anggaran']}{PROGRAM_TOTAL_ROW}"].value == 3447564346 + 1612808953


def test_checker_reads_the_filled_template_back(filled):
    """Needs the reader (pk_excel.check); fails until it exists."""
    import pk_excel

    report = pk_excel.check(filled)
    doc = report.files[0].document
    assert doc is not None
    expected = [(level, *item) for level, items in FILLED.items() for item in items]
    assert len(doc.indicators) == len(expected)
    sasaran_above = None
    for ind, (level, _no, sasaran, indikator, satuan, target, realisasi, polaritas) in zip(
        doc.indicators, expected
    ):
        assert ind.level == level
        assert ind.indikator == indikator
        assert ind.satuan == satuan
        if sasaran is None:
            assert ind.sasaran == sasaran_above and ind.sasaran_carried
        else:
            assert ind.sasaran == sasaran
            sasaran_above = sasaran
        want_t = target if isinstance(target, (int, float)) else 6
        assert ind.target.number == pytest.approx(want_t)
        if realisasi == "-":
            assert ind.realisasi.is_missing
        else:
            want_r = realisasi if isinstance(realisasi, (int, float)) else 6
            assert ind.realisasi.number == pytest.approx(want_r)
        if polaritas:
            assert (ind.polaritas, ind.polaritas_source) == ("negatif", "kolom")
    assert [(p.name, p.anggaran.number, p.realisasi_anggaran.number) for p in doc.programs] == [
        (name, pagu, real) for name, pagu, real, _ in PROGRAMS
    ]
    sig = doc.signature
    assert (sig.name, sig.nip, sig.golongan) == ("SITI HAERANI, S.Sos", "197110101993122003", "IV/a")
    assert (sig.place, sig.date) == ("Bajeng", dt.date(2026, 2, 26))
    assert doc.year == 2025


def test_a_unit_that_looks_like_a_formula_stays_text(tmp_path):
    import openpyxl

    from pk_excel.template import write_template

    out = tmp_path / "t.xlsx"
    write_template(out, tahun=2025, unit="=1+1")
    ws = openpyxl.load_workbook(out).worksheets[0]
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "1+1" in c.value]
    assert cells and all(c.data_type == "s" for c in cells)


def test_a_template_name_that_is_not_xlsx_is_refused(tmp_path):
    from typer.testing import CliRunner

    from pk_excel.cli import app

    res = CliRunner().invoke(app, ["template", str(tmp_path / "t.csv")])
    assert res.exit_code == 2 and ".xlsx" in res.output and not (tmp_path / "t.csv").exists()
