"""The sample workbooks: the build script is reproducible and writes the raw cells it means to write.

These tests look at the cells as typed (openpyxl); what the reader makes of them is tested elsewhere.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import openpyxl
import pytest

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "samples"


def _load_builder():
    spec = importlib.util.spec_from_file_location("build_samples", SAMPLES_DIR / "build_samples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


builder = _load_builder()


def _snapshot(path: Path) -> dict:
    """Everything a reader could see: values (formulas as text), number formats of filled cells, merges."""
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        cells = {
            c.coordinate: (c.value, c.number_format)
            for row in ws.iter_rows()
            for c in row
            if c.value is not None
        }
        out[ws.title] = (cells, sorted(str(r) for r in ws.merged_cells.ranges))
    return out


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("samples")
    paths = builder.build(out)
    return {p.name: p for p in paths}


@pytest.fixture(scope="module")
def bajeng():
    return openpyxl.load_workbook(SAMPLES_DIR / "pk-kecamatan-bajeng-2023.xlsx").active


@pytest.fixture(scope="module")
def dinas():
    return openpyxl.load_workbook(SAMPLES_DIR / "pk-dinas-kesehatan-2024.xlsx").active


@pytest.fixture(scope="module")
def kelurahan():
    return openpyxl.load_workbook(SAMPLES_DIR / "pk-kelurahan-2024.xlsx").active


@pytest.mark.parametrize("name", builder.SAMPLES)
def test_committed_sample_matches_the_build_script(name, rebuilt):
    committed = SAMPLES_DIR / name
    assert committed.is_file(), f"run python samples/build_samples.py to create {name}"
    assert _snapshot(rebuilt[name]) == _snapshot(committed)


def test_build_is_byte_reproducible(rebuilt, tmp_path):
    again = builder.build(tmp_path)
    for path in again:
        assert path.read_bytes() == rebuilt[path.name].read_bytes(), path.name


def test_readme_describes_every_sample():
    text = (SAMPLES_DIR / "README.md").read_text(encoding="utf-8")
    for name in builder.SAMPLES:
        assert name in text


# ------------------------------------------------------------------------------------------------ Bajeng


def test_bajeng_title_and_header(bajeng):
    assert bajeng["A1"].value == "PENGUKURAN PERJANJIAN KINERJA TAHUN 2023"
    assert bajeng["A2"].value == "KECAMATAN BAJENG KABUPATEN GOWA"
    assert bajeng["A1"].font.b and "A1:G1" in [str(r) for r in bajeng.merged_cells.ranges]
    assert [c.value for c in bajeng[4][:7]] == [
        "NO", "SASARAN", "INDIKATOR KINERJA", "TARGET", "REALISASI", "CAPAIAN", "PENJELASAN KINERJA",
    ]


def test_bajeng_sections_sit_in_column_a_and_no_stays_empty(bajeng):
    assert {r: bajeng[f"A{r}"].value for r in (5, 8, 15)} == {
        5: "Sasaran Strategis", 8: "Sasaran Program", 15: "Sasaran Kegiatan",
    }
    indicator_rows = [*range(6, 8), *range(9, 15), *range(16, 22)]
    assert all(bajeng[f"A{r}"].value is None for r in indicator_rows)
    assert all(bajeng[f"C{r}"].value for r in indicator_rows)


def test_bajeng_values_are_text_exactly_as_typed(bajeng):
    assert [bajeng[f"{c}6"].value for c in "DEF"] == ["85,00 (Baik)", "82, 71 (Baik)", "97,31%"]
    assert [bajeng[f"{c}7"].value for c in "DEF"] == ["BB", "N/A", "N/A"]
    assert [bajeng[f"{c}9"].value for c in "DEF"] == ["6 unit", "6 unit", "100%"]
    assert [bajeng[f"{c}13"].value for c in "DEFG"] == [
        "65 usulan", "38 usulan", "58,46%", "65 usulan terealisasi dari target 38 usulan",
    ]
    assert [bajeng[f"{c}20"].value for c in "DEF"] == ["1 dokumen", "-", "0%"]
    values = [bajeng[f"{c}{r}"].value for r in range(5, 27) for c in "DEF"]
    assert all(v is None or isinstance(v, str) for v in values)


def test_bajeng_last_four_rows_are_shifted_left(bajeng):
    assert all(bajeng.cell(row=22, column=c).value is None for c in range(1, 8))
    shifted = {r: [bajeng.cell(row=r, column=c).value for c in range(1, 8)] for r in range(23, 27)}
    assert shifted[23][:6] == [
        "Terverifikasinya pengaduan masyarakat", "Persentase pengaduan yang diverifikasi",
        "100%", "100%", "100%", "Pengaduan langsung maupun online",
    ]
    assert shifted[26][:5] == [
        "Terlaksananya survei kepuasan masyarakat", "Jumlah pengguna layanan yang mengisi kuesioner",
        "300 orang", "300 orang", "100,00%",
    ]
    assert all(row[6] is None for row in shifted.values())


def _column_texts(ws, letter: str) -> list[tuple[int, str]]:
    return [(c.row, c.value) for c in ws[letter] if isinstance(c.value, str)]


def test_bajeng_program_and_anggaran_are_two_lists(bajeng):
    col_b = dict((v, r) for r, v in _column_texts(bajeng, "B"))
    p, a = col_b["PROGRAM"], col_b["ANGGARAN"]
    assert p > 26 and a > p
    names = [bajeng[f"B{r}"].value for r in range(p + 1, a) if bajeng[f"B{r}"].value]
    assert names == [
        "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
        "Program Pemberdayaan Masyarakat Desa dan Kelurahan",
    ]
    amounts = [bajeng[f"B{r}"].value for r in range(a + 1, a + 5) if bajeng[f"B{r}"].value]
    assert amounts == ["3.447.564.346", "1.612.808.953"]


def test_bajeng_signature_on_the_right(bajeng):
    texts = [v for _, v in _column_texts(bajeng, "F") if not v.endswith("%")]
    assert texts[-5:] == [
        "Bajeng, 26 Februari 2024", "CAMAT BAJENG", "SITI HAERANI, S.Sos",
        "NIP. 19711010 199312 2003", "Pangkat : Pembina / IV.a",
    ]


# ------------------------------------------------------------------------------------------------- Dinas


def test_dinas_two_row_header_and_number_row(dinas):
    merged = {str(r) for r in dinas.merged_cells.ranges}
    assert {"A5:A6", "B5:B6", "C5:C6", "D5:D6", "H5:H6", "E5:G5"} <= merged
    assert [dinas[f"{c}6"].value for c in "EFG"] == ["TARGET", "REALISASI", "CAPAIAN (%)"]
    assert dinas["E5"].value == "KINERJA TAHUN 2024"
    assert [dinas.cell(row=7, column=c).value for c in range(1, 9)] == [f"({i})" for i in range(1, 9)]


def test_dinas_numbers_percent_cells_and_formulas(dinas):
    assert (dinas["E9"].value, dinas["F9"].value) == (98, 86)
    assert (dinas["E11"].value, dinas["E11"].number_format) == (0.215, "0.00%")
    assert (dinas["F14"].value, dinas["F14"].number_format) == (0.9731, "0.00%")
    assert dinas["G9"].value == "=ROUND((2*E9-F9)/E9*100,2)"
    assert dinas["G10"].value == "=E10/F10*100"
    assert dinas["G12"].value.startswith("=IFERROR(")
    assert dinas["E31"].number_format == "#,##0" and isinstance(dinas["E31"].value, int)
    assert {"B9:B11", "B14:B16"} <= {str(r) for r in dinas.merged_cells.ranges}
    assert [dinas[f"B{r}"].value for r in (8, 13, 19, 24)] == [
        "SASARAN STRATEGIS", "SASARAN PROGRAM", "SASARAN KEGIATAN", "SASARAN SUB KEGIATAN",
    ]


def test_dinas_formulas_have_no_cached_results():
    wb = openpyxl.load_workbook(SAMPLES_DIR / "pk-dinas-kesehatan-2024.xlsx", data_only=True)
    assert wb.active["G9"].value is None


def test_dinas_planted_errors(dinas):
    assert dinas["G21"].value == "=F22/E22*100"  # points at the row below
    assert dinas["G15"].value == 111.67  # positive formula on a negative indicator
    assert dinas["G23"].value == 130.33  # digits swapped: 103,33
    assert dinas["F17"].value == "90,12 (Baik)"  # 90,12 is "Sangat Baik" on the IKM scale


def test_dinas_signature(dinas):
    texts = [v for _, v in _column_texts(dinas, "F") if not v.startswith("=")]
    assert texts[-3:] == [
        "dr. ANDI MUHAMMAD RIZAL, M.Kes", "Pembina Utama Muda (IV/c)", "NIP. 19750312 200212 1 004",
    ]


# --------------------------------------------------------------------------------------------- Kelurahan


def test_kelurahan_table_starts_in_column_b_below_titles(kelurahan):
    assert all(c.value is None for c in kelurahan["A"])
    assert [kelurahan.cell(row=7, column=c).value for c in range(2, 9)] == [
        "No.", "Sasaran", "Indikator Kinerja", "Target Kinerja Tahunan", "Realisasi", "% Capaian Kinerja",
        "Keterangan",
    ]


def test_kelurahan_variants(kelurahan):
    assert (kelurahan["E9"].value, kelurahan["E10"].value) == ("A", "80 - 90 %")
    assert kelurahan["C10"].value is None  # sasaran left blank under the one above
    assert kelurahan["F13"].value == "82.71 %"
    assert kelurahan["F15"].value == "\u2013" and kelurahan["G9"].value == "n/a"
    assert kelurahan["E23"].value == "Rp 1,5 M"
    assert kelurahan["H14"].value == "Belum tercapai"


# ------------------------------------------------------------------------------------------------ Renja form


def test_renja_sample_reads_the_form_and_finds_what_is_planted():
    import pk_excel

    fr = pk_excel.check(SAMPLES_DIR / "evaluasi-renja-dinas-pupr-2025.xlsx").files[0]
    table = fr.document.tables[0]
    assert table.layout == "renja" and table.year == 2025 and "capaian" not in table.columns
    assert [(i.row, i.level) for i in fr.document.indicators] == [(10, "program"), (11, "kegiatan"),
                                                                  (12, "kegiatan"), (13, "program")]
    found = {(f.rule, f.cell) for f in fr.findings if f.severity in ("error", "warning")}
    assert found == {("realisasi-triwulan", "U12"), ("renstra-kumulatif", "Y11"), ("nip-invalid", "X26")}


def test_renja_sample_ringkasan_speaks_of_the_form():
    import pk_excel
    from pk_excel.summary import ringkasan_lines

    path = SAMPLES_DIR / "evaluasi-renja-dinas-pupr-2025.xlsx"
    fr = pk_excel.check(path).files[0]
    lines = {ln.label.strip(): ln.value for ln in ringkasan_lines(path, fr.document, fr.findings, [], "id")
             if getattr(ln, "label", None)}
    assert "Evaluasi hasil Renja" in lines["Tabel (Evaluasi Renja TW IV!5)"] and "4 triwulan" in lines[
        "Tabel (Evaluasi Renja TW IV!5)"]
    assert lines["Target"].startswith("K: ") and lines["Realisasi"].startswith("U: ")
    assert lines["Capaian"].startswith("dihitung")
    assert lines["Jumlah program"] == 2 and lines["Total anggaran (Rp)"] == 16_000_000_000
