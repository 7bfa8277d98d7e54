"""The forms offices fill besides the PK table (issue 12): each layout built in code, read as an evaluator reads
it. The kinds come from `../shared/repros/` (small copies of published workbooks); each is varied here so that
the rule, not the file, is what passes.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import Fmt

import pk_excel
from pk_excel.config import Options, config_from_dict
from pk_excel.header import column_number, role_of
from pk_excel.report import to_json


def check(path, config=None):
    fr = pk_excel.check(path, Options(config=config) if config is not None else None).files[0]
    assert fr.status != "error", fr.error
    return fr


def readings(fr):
    return {i.row: (i.target.number, i.realisasi.number, i.capaian_hitung) for i in fr.document.indicators}


def serious(fr, severities=("error", "warning")):
    return [(f.rule, f.cell) for f in fr.findings if f.severity in severities]


def letters(fr, table=0):
    from pk_excel.cellref import col_letter

    t = fr.document.tables[table]
    return {role: col_letter(c) for role, c in t.columns.items()}


# ------------------------------------------------------------------------------------------------ header texts


@pytest.mark.parametrize(
    "text, role",
    [
        ("Realisasi Capaian Kinerja Renstra Perangkat Daerah sampai dengan Renja Tahun 2024", "realisasi"),
        ("REALISASI CAPAIAN", "realisasi"),
        ("Tingkat capaian/realisasi (%)", "capaian"),
        ("Tingkat Realisasi (%)", "capaian"),
        ("Target Kinerja Capaian Program (Renstra SKPD) Tahun 2013", "target"),
        ("Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan (Tahun 2025) yang dievaluasi", "target"),
        ("Target Sasaran", None),  # a puskesmas's people to reach: a count behind the cakupan
        ("Pencapaian Riil", None),
        ("Cakupan (%)", "realisasi"),
        ("% Cakupan", "realisasi"),
        ("Kinerja (%)", "capaian"),
        ("Program/Kegiatan", "program"),
        ("Upaya Kesehatan", "program"),
        ("Jenis Kegiatan", "program"),
        ("Program Penunjang Urusan Pemerintahan", None),  # a program's name, not a heading
        ("Indikator Kinerja Program (Outcome)/Kegiatan (Output) yang sangat panjang " * 3, "indikator"),
    ],
)
def test_heading_roles_read_from_the_start_of_the_heading(text, role):
    assert role_of(text) == role


@pytest.mark.parametrize("label, n", [(1, 1), ("(2)", 2), ("13 = 9+10+11+12", 13), ("8=(7/6)", 8),
                                      ("14 = 13/8 x 100", 14), ("10=(5+7+9)", 10), ("Target", None), (2024, None)])
def test_column_number_labels(label, n):
    assert column_number(label) == n


# ------------------------------------------------------------------------------------------------ Renja 86/2017


def renja_rows(year=2025, t10=(4, 1, 1, 1, 0, 3, 75), rp_rate=80):
    """Permendagri 86/2017 'Evaluasi terhadap hasil Renja': groups over two rows, K / Rp, column numbers."""
    tw = t10[1:5]
    return [
        ["Evaluasi Terhadap Hasil Renja Perangkat Daerah"],
        ["Dinas Contoh Kabupaten Contoh"],
        [f"Periode Pelaksanaan: Tahun {year}"],
        [],
        ["No", "Sasaran", "Program/Kegiatan", "Indikator Kinerja Program (Outcome)/Kegiatan (Output)", "Satuan",
         f"Target Renstra Perangkat Daerah pada Tahun {year + 5} (Akhir Periode Renstra)", "",
         f"Realisasi Capaian Kinerja Renstra Perangkat Daerah sampai dengan Renja Tahun {year - 1}", "",
         f"Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan (Tahun {year}) yang dievaluasi", "",
         "Realisasi Kinerja Pada Triwulan", "", "", "", "", "", "", "",
         "Realisasi Capaian Kinerja dan Anggaran Renja Perangkat Daerah yang Dievaluasi", "",
         f"Realisasi Kinerja dan Anggaran Renstra Perangkat Daerah s/d Tahun {year}", "",
         f"Tingkat Capaian Kinerja dan Realisasi Anggaran Renja Perangkat Daerah Tahun {year} (%)", "",
         "Unit Penanggung Jawab"],
        ["", "", "", "", "", "", "", "", "", "", "", "I", "", "II", "", "III", "", "IV", ""],
        ["", "", "", "", ""] + ["K", "Rp."] * 10,
        [1, 2, 3, 4, 5, 6, "", 7, "", 8, "", 9, "", 10, "", 11, "", 12, "", "13 = 9+10+11+12", "",
         "14 = 7+13", "", "15 = 13/8 x 100", "", 16],
        ["", "", "Program Perencanaan", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",
         "", "", "", "", ""],
        [1, "Meningkatnya kualitas perencanaan", "Kegiatan Penyusunan Dokumen", "Persentase dokumen tepat waktu",
         "%", 100, 50_000_000, 60, 30_000_000, 100, 10_000_000, 25, 2_000_000, 25, 2_000_000, 25, 2_000_000, 25,
         2_000_000, 100, 8_000_000, 100, 38_000_000, 100, rp_rate, "Bidang Perencanaan"],
        [2, "Meningkatnya kualitas perencanaan", "Kegiatan Evaluasi Kinerja", "Jumlah laporan evaluasi kinerja",
         "laporan", 20, 50_000_000, 12, 30_000_000, t10[0], 10_000_000, tw[0], 2_000_000, tw[1], 2_000_000, tw[2],
         2_000_000, tw[3], 2_000_000, t10[5], 8_000_000, 12 + t10[5], 38_000_000, t10[6], 80, "Bidang Evaluasi"],
        [],
        ["Rata-rata capaian kinerja (%)", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",
         "", "", "", "", 87.5],
        ["Predikat kinerja", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",
         "Tinggi"],
    ]


RENJA_MERGES = ("F5:G6", "H5:I6", "J5:K6", "L5:S5", "L6:M6", "N6:O6", "P6:Q6", "R6:S6", "T5:U6", "V5:W6", "X5:Y6",
                "A5:A7", "B5:B7", "C5:C7", "D5:D7", "E5:E7", "Z5:Z7")


def test_renja_86_2017_reads_the_years_columns(make_grid):
    fr = check(make_grid(renja_rows(), RENJA_MERGES))
    assert readings(fr) == {10: (100, 100, 100), 11: (4, 3, 75)}
    t = fr.document.tables[0]
    assert letters(fr)["target"] == "J" and letters(fr)["realisasi"] == "T" and letters(fr)["capaian"] == "X"
    assert t.layout == "renja" and t.year == 2025 and len(t.periods) == 4
    assert t.titles["target"].endswith("> K") and "Tahun Berjalan" in t.titles["target"]
    ind = fr.document.indicators[1]
    assert ind.cells["target_rp"].coord == "K11" and ind.cells["capaian_rp"].coord == "Y11"
    assert ind.level == "kegiatan" and ind.program == "Kegiatan Evaluasi Kinerja"
    assert [s.kind for s in t.summaries] == ["rata-rata", "predikat"]
    assert serious(fr) == []


def test_renja_header_rows_are_not_indicators_and_rp_is_anggaran(make_grid):
    fr = check(make_grid(renja_rows(), RENJA_MERGES))
    assert sorted(readings(fr)) == [10, 11]  # not the I-IV, K/Rp, column-number or program rows
    cols = to_json(pk_excel.check(make_grid(renja_rows(), RENJA_MERGES)))["files"][0]["tables"][0]["columns"]
    assert cols["realisasi_rp"]["column"] == "U" and cols["realisasi_lalu"]["column"] == "H"
    assert cols["target_renstra"]["column"] == "F" and cols["realisasi_renstra"]["column"] == "V"


def test_renja_year_realisasi_against_its_quarters(make_grid):
    # quarters 1 1 1 0 but the year says 4: neither their sum nor the last quarter
    fr = check(make_grid(renja_rows(t10=(4, 1, 1, 1, 0, 4, 100)), RENJA_MERGES))
    assert ("realisasi-triwulan", "T11") in serious(fr)
    # a typed 0 over quarters that hold values
    fr = check(make_grid(renja_rows(t10=(4, 1, 1, 1, 0, 0, 0)), RENJA_MERGES))
    (f,) = [f for f in fr.findings if f.rule == "realisasi-triwulan"]
    assert f.cell == "T11" and "diketik 0" in f.message()


def test_renja_rates_accept_the_last_quarter(make_grid):
    rows = renja_rows()
    rows[9][11:19] = [20, 2_000_000, 50, 2_000_000, 80, 2_000_000, 100, 2_000_000]  # cumulative %: last = year
    fr = check(make_grid(rows, RENJA_MERGES))
    assert not [f for f in fr.findings if f.rule == "realisasi-triwulan"]


def test_renja_anggaran_rate_and_renstra_cumulative(make_grid):
    rows = renja_rows(rp_rate=85)
    rows[10][21] = 14  # s/d this year: 12 + 3 = 15
    fr = check(make_grid(rows, RENJA_MERGES))
    assert ("anggaran-capaian-wrong", "Y10") in serious(fr)
    assert ("renstra-kumulatif", "V11") in serious(fr)
    wrong = next(f for f in fr.findings if f.rule == "anggaran-capaian-wrong")
    assert wrong.expected == "80,00%" and "Rp8.000.000" in wrong.message()


def test_renja_capaian_error_lands_on_the_k_cell(make_grid):
    fr = check(make_grid(renja_rows(t10=(4, 1, 1, 1, 0, 3, 80)), RENJA_MERGES))
    assert ("capaian-wrong", "X11") in serious(fr)


def test_renja_year_from_the_title_when_columns_name_several(make_grid):
    fr = check(make_grid(renja_rows(year=2024), RENJA_MERGES))
    assert fr.document.tables[0].year == 2024 and letters(fr)["target"] == "J"


# ------------------------------------------------------------------------------------------------ 54/2010 J-1


def j1_rows(j9=100, j10=75):
    return [
        [],
        [],
        ["", "Rekapitulasi Evaluasi Hasil Pelaksanaan Renja SKPD dan Pencapaian Renstra SKPD s/d Tahun 2014"],
        ["", "Provinsi Contoh"],
        [],
        ["", "Kode", "Program/Kegiatan", "Indikator Kinerja Program (outcomes)/ Kegiatan (output)", "",
         "Target Kinerja Capaian Program (Renstra SKPD) Tahun 2013",
         "Realisasi Target Kinerja Hasil Program dan Keluaran Kegiatan s/d Tahun 2014",
         "Target dan Realisasi Kinerja Program dan Kegiatan Tahun 2014", "", "",
         "Target Program dan Kegiatan (Renja SKPD 2015)", "Perkiraan Realisasi Capaian Target Renstra SKPD s/d 2015"],
        ["", "", "", "", "", "", "", "Target Renja SKPD Tahun 2014", "Realisasi Renja SKPD Tahun 2014",
         "Tingkat Realisasi (%)", "", "Realisasi Capaian Program dan Kegiatan s/d tahun 2015",
         "Tingkat Capaian Realisasi Target Renstra (%)"],
        ["", 1, 2, "", 3, 4, 5, 6, 7, "8=(7/6)", 9, "10=(5+7+9)", "11=(10/4)"],
        ["", "1.01.01", "Program perencanaan contoh", "-", "Dokumen rencana kerja yang tersusun", 4, 1, 1, 1, j9, 1,
         3, 75],
        ["", "", "", "-", "Laporan kinerja triwulanan yang tersusun", 4, 1, 4, 3, j10, 1, 5, 125],
    ]


J1_MERGES = ("L6:M6", "G6:G7", "D6:E7", "K6:K7", "F6:F7", "H6:J6", "B6:B7", "C6:C7")


def test_j1_takes_the_renja_year_not_renstra(make_grid):
    fr = check(make_grid(j1_rows(), J1_MERGES))
    assert readings(fr) == {9: (1, 1, 100), 10: (4, 3, 75)}
    assert letters(fr)["target"] == "H" and letters(fr)["realisasi"] == "I" and letters(fr)["capaian"] == "J"
    assert [i.indikator for i in fr.document.indicators] == ["Dokumen rencana kerja yang tersusun",
                                                             "Laporan kinerja triwulanan yang tersusun"]
    assert serious(fr) == []


def test_j1_wrong_year_capaian_is_found_in_its_column(make_grid):
    fr = check(make_grid(j1_rows(j10=80), J1_MERGES))
    assert serious(fr) == [("capaian-wrong", "J10")]


# ------------------------------------------------------------------------------------------------ PK variants


def test_realisasi_capaian_heading_is_the_realisasi(make_pk):
    header = ["NO", "SASARAN", "INDIKATOR KINERJA", "SATUAN", "TARGET", "REALISASI CAPAIAN", "KETERANGAN"]
    rows = [[1, "S", "Persentase layanan sesuai standar", "%", 90, 81, ""],
            [2, "S", "Jumlah inovasi layanan", "inovasi", 4, 5, ""]]
    fr = check(make_pk(rows, header=header))
    assert readings(fr) == {5: (90, 81, 90), 6: (4, 5, 125)}
    assert serious(fr) == []


@pytest.mark.parametrize("filled_2025, want", [(False, (4, 4, 100)), (True, (4, 5, 125))])
def test_years_side_by_side_take_the_latest_year_with_realisasi(make_grid, filled_2025, want):
    rows = [
        ["PENCAPAIAN KINERJA DINAS CONTOH"],
        ["KABUPATEN CONTOH"],
        [],
        ["No", "Indikator", "Satuan", "Target Renstra", "", "", "Realisasi", "", "Catatan"],
        ["", "", "", 2024, 2025, 2026, 2024, 2025, ""],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)"],
        [1, "Jumlah dokumen perencanaan yang tersusun", "dokumen", 4, 4, 5, 4, 5 if filled_2025 else None],
        [2, "Persentase pegawai yang mengikuti pelatihan", "%", 60, 70, 80, 66, 77 if filled_2025 else None],
    ]
    fr = check(make_grid(rows, ("D4:F4", "G4:H4")))
    assert sorted(readings(fr)) == [7, 8]
    assert readings(fr)[7] == want
    assert fr.document.tables[0].year == (2025 if filled_2025 else 2024)
    assert serious(fr) == []


def test_years_side_by_side_for_the_titles_year(make_grid):
    rows = [
        ["CAPAIAN KINERJA TAHUN 2020"],
        [],
        ["No", "Indikator", "Target", "", "Realisasi", "", "Capaian (%)", ""],
        ["", "", 2019, 2020, 2019, 2020, 2019, 2020],
        [1, "Indeks kepuasan masyarakat", 80, 82, 81, 83, 101.25, 101.22],
        [2, "Jumlah inovasi", 3, 4, 3, 2, 100, 50],
    ]
    fr = check(make_grid(rows, ("C3:D3", "E3:F3", "G3:H3")))
    assert letters(fr)["target"] == "D" and letters(fr)["realisasi"] == "F" and letters(fr)["capaian"] == "H"
    assert serious(fr) == []


def test_sub_items_named_with_their_parent(make_pk):
    header = ["NO", "SASARAN", "INDIKATOR KINERJA", "SATUAN", "TARGET", "REALISASI", "CAPAIAN (%)", "PENJELASAN"]
    rows = [
        [1, "Meningkatnya kualitas kebijakan", "Jumlah rumusan kebijakan bidang:"],
        ["", "", "a. Pertanian", "dokumen", 3, 3, "100%"],
        ["", "", "b. Perikanan", "dokumen", 1, 1, "100%"],
        [2, "Meningkatnya kualitas data", "Jumlah dokumen data sub sektor:"],
        ["", "", "a. Pertanian", "dokumen", 1, 1, "100%"],
        ["", "", "b. Perikanan", "dokumen", 2, 2, "100%"],
    ]
    fr = check(make_pk(rows, header=header))
    names = [i.indikator for i in fr.document.indicators]
    assert names == ["Jumlah rumusan kebijakan bidang: a. Pertanian", "Jumlah rumusan kebijakan bidang: b. Perikanan",
                     "Jumlah dokumen data sub sektor: a. Pertanian", "Jumlah dokumen data sub sektor: b. Perikanan"]
    assert [i.sasaran for i in fr.document.indicators][2] == "Meningkatnya kualitas data"
    assert serious(fr) == []


def test_summary_rows_are_summaries_and_checked(make_grid):
    def rows(avg="=AVERAGE(F5:F6)", predikat="Tinggi"):
        return [
            ["PENGUKURAN KINERJA TAHUN 2024"],
            ["DINAS CONTOH"],
            [],
            ["NO", "INDIKATOR KINERJA", "SATUAN", "TARGET", "REALISASI", "CAPAIAN (%)"],
            [1, "Jumlah dokumen yang tersusun", "dokumen", 4, 4, "=E5/D5*100"],
            [2, "Jumlah laporan yang tersusun", "laporan", 12, 9, "=E6/D6*100"],
            ["Rata-rata capaian kinerja (%)", "", "", "", "", avg],
            ["", "", "", "=SUM(D5:D6)", "=SUM(E5:E6)", "=SUM(F5:F6)"],
            ["Predikat kinerja", "", "", "", "", predikat],
        ]

    fr = check(make_grid(rows(), ("A7:E7", "A9:E9")))
    assert sorted(readings(fr)) == [5, 6]
    assert [(s.row, s.kind) for s in fr.document.tables[0].summaries] == [(7, "rata-rata"), (8, "jumlah"),
                                                                          (9, "predikat")]
    assert serious(fr) == []
    fr = check(make_grid(rows(avg=90, predikat="Sangat Tinggi"), ("A7:E7", "A9:E9")))
    assert [(f.rule, f.cell) for f in fr.findings if f.rule == "summary-wrong"] == [("summary-wrong", "F7"),
                                                                                    ("summary-wrong", "F9")]


def test_an_indicator_named_jumlah_is_not_a_summary(make_pk):
    fr = check(make_pk([[1, "S", "Jumlah kegiatan yang terlaksana", "10", "", "", ""]]))
    assert [i.indikator for i in fr.document.indicators] == ["Jumlah kegiatan yang terlaksana"]


def test_merged_indicator_heading_takes_the_text_not_the_dash(make_grid):
    rows = [
        ["PENGUKURAN KINERJA TAHUN 2024"],
        [],
        ["No", "Indikator Kinerja", "", "Target", "Realisasi", "Capaian (%)"],
        [1, "-", "Persentase arsip tertata", 100, 90, 90],
        [2, "", "Jumlah dokumen", 4, 4, 100],
    ]
    fr = check(make_grid(rows, ("B3:C3",)))
    assert [i.indikator for i in fr.document.indicators] == ["Persentase arsip tertata", "Jumlah dokumen"]
    assert all(i.shift == 0 for i in fr.document.indicators) and serious(fr) == []


# ------------------------------------------------------------------------------------------------ periods


def test_quarters_only_counts_are_summed_rates_take_the_last(make_grid):
    rows = [
        ["PENGUKURAN KINERJA TRIWULAN TAHUN 2024"],
        [],
        ["No", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "", "", "", "Capaian"],
        ["", "", "", "", "TW I", "TW II", "TW III", "TW IV", ""],
        [1, "Jumlah dokumen", "dokumen", 4, 1, 1, 1, 1, "100%"],
        [2, "Persentase pegawai terlatih", "%", 80, 20, 40, 60, 84, "105%"],
        [3, "Jumlah laporan", "laporan", 12, 3, 6, 9, 12, "100%"],  # typed cumulatively: TW IV is the year
        [4, "Jumlah kegiatan", "kegiatan", 10, 2, 2, 2, None, ""],
    ]
    fr = check(make_grid(rows, ("E3:H3",)))
    inds = {i.row: i for i in fr.document.indicators}
    assert [(inds[r].realisasi.number, inds[r].realisasi_derived) for r in (5, 6, 7, 8)] == [
        (4, "jumlah"), (84, "terakhir"), (12, "terakhir"), (6, "jumlah")]
    assert inds[8].capaian_hitung == 60
    assert not [f for f in fr.findings if f.severity == "error"]


def test_months_then_jumlah_take_the_total(make_grid):
    rows = [
        ["MONITORING KINERJA TAHUN 2024"],
        [],
        ["No", "Indikator Kinerja", "Target", "Realisasi", "", "", "", "Capaian (%)"],
        ["", "", "", "Januari", "Februari", "Maret", "Jumlah", ""],
        [1, "Jumlah pelatihan", 12, 1, 2, 1, 4, 33.33],
        [2, "Jumlah pelayanan", 100, 10, 10, 10, 25, 25],
    ]
    fr = check(make_grid(rows, ("D3:G3",)))
    assert letters(fr)["realisasi"] == "G" and fr.document.tables[0].period_kind == "bulan"
    assert [(f.rule, f.cell) for f in fr.findings if f.severity == "warning"] == [("realisasi-triwulan", "G6")]


def test_realisasi_sd_tw_is_the_years_figure(make_pk):
    header = ["NO", "SASARAN", "INDIKATOR KINERJA", "TARGET", "Realisasi TW III", "Realisasi s/d TW III", "CAPAIAN"]
    fr = check(make_pk([[1, "S", "Jumlah dokumen", 10, 2, 7, "70%"]], header=header))
    assert letters(fr)["realisasi"] == "F" and serious(fr) == []


# ------------------------------------------------------------------------------------------------ other sectors


def test_puskesmas_sheet_with_cakupan_and_numbered_sections(make_grid):
    rows = [
        ["PENILAIAN KINERJA PUSKESMAS CONTOH TAHUN 2024"],
        [],
        ["No", "Upaya Kesehatan", "Satuan", "Target Sasaran", "Pencapaian Riil", "Cakupan (%)", "Target (%)",
         "Kinerja (%)"],
        ["2.1.", "UKM Esensial"],
        [1, "Cakupan kunjungan ibu hamil K4", "ibu hamil", 400, 360, 90, 95, 94.74],
        [2, "Cakupan persalinan di fasilitas", "ibu bersalin", 380, 361, 95, 100, 95],
        ["", "2.2. UKM Pengembangan"],
        [3, "Cakupan pembinaan UKK", "pos", 10, 8, 80, 80, 100],
    ]
    fr = check(make_grid(rows))
    assert letters(fr)["indikator"] == "B" and letters(fr)["target"] == "G" and letters(fr)["realisasi"] == "F"
    assert letters(fr)["capaian"] == "H"
    assert readings(fr) == {5: (95, 90, pytest.approx(94.736842)), 6: (100, 95, 95), 8: (80, 80, 100)}
    assert serious(fr) == []


def test_program_headed_table_with_targets_is_a_performance_table(make_pk):
    header = ["No", "Program", "Target", "Realisasi", "Capaian"]
    rows = [[1, "Persentase balita ditimbang", "85%", "80%", "94,12%"], [2, "Jumlah posyandu aktif", 20, 22, "110%"]]
    fr = check(make_pk(rows, header=header))
    assert len(fr.document.indicators) == 2 and serious(fr) == []


# ------------------------------------------------------------------------------------------------ value faults


def test_realisasi_that_excel_turned_into_a_date(make_pk):
    rows = [[1, "S", "Rata-rata nilai kepuasan layanan", Fmt(dt.datetime(2024, 10, 9), "dd/mm/yyyy"), "95,79%", ""]]
    header = ["NO", "SASARAN", "INDIKATOR KINERJA", "TARGET", "REALISASI", "CAPAIAN", "PENJELASAN"]
    rows[0].insert(3, 9.5)
    fr = check(make_pk(rows, header=header))
    (f,) = [f for f in fr.findings if f.rule == "value-date"]
    assert f.cell == "E5" and f.severity == "warning"
    assert "9 Oktober 2024" in f.message() and "9,10" in f.message() and "95,79%" in f.message()


def test_nip_as_a_number_beside_its_label(make_pk):
    signature = ("Contoh, 15 Januari 2025", "KEPALA DINAS", "", "BUDI, S.Sos")
    path = make_pk([[1, "S", "Persentase layanan", "100%", "100%", "100%", ""]], signature=signature)
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb.active
    last = ws.max_row + 1
    ws.cell(last, 6, "NIP.")
    ws.cell(last, 7, 197503122000031004)  # Excel keeps 15 digits of it
    ws.cell(last + 1, 6, "NIP :")
    wb.save(path)
    fr = check(path)
    assert fr.document.signature.nip_cell.coord == f"G{last}"
    (f,) = [f for f in fr.findings if f.rule == "nip-invalid"]
    assert f.cell == f"G{last}" and "15 digit" in f.message() and "1,97503E+17" in f.message()
    assert not any("tidak ditemukan" in x.message() for x in fr.findings)


def test_nip_shown_in_scientific_notation_text(make_pk):
    signature = ("Contoh, 15 Januari 2025", "KEPALA DINAS", "", "BUDI, S.Sos", "NIP. 1,97503E+17")
    fr = check(make_pk([[1, "S", "Persentase layanan", "100%", "100%", "100%", ""]], signature=signature))
    (f,) = [f for f in fr.findings if f.rule == "nip-invalid"]
    assert "15 digit" in f.message()


def test_typed_capaian_at_its_precision_whatever_the_decimal_mark(make_pk):
    rows = [[1, "S", "Persentase kelulusan", "85", "94,13", "110.7", ""],
            [2, "S", "Persentase arsip", "90.3%", "90.3%", "100%", ""]]
    fr = check(make_pk(rows))
    assert [(f.rule, f.cell) for f in fr.findings if f.rule in ("capaian-wrong", "value-format")] == []


def test_polarity_from_whole_phrases_and_the_authors_words(make_pk):
    rows = [[1, "S", "Persentase mata kuliah dengan metode kasus (case method)", "50", "60", "120%", ""],
            [2, "S", "Jumlah kasus DBD", "10", "8", "120%", ""],
            [3, "S", "Lama waktu layanan izin", "5 hari", "4 hari", "120%", "semakin kecil semakin baik"]]
    fr = check(make_pk(rows))
    pol = {i.row: (i.polaritas, i.polaritas_source) for i in fr.document.indicators}
    assert pol[5] == ("positif", "bawaan") and pol[6][0] == "negatif" and pol[7] == ("negatif", "keterangan")


def test_real_over_achievement_is_not_implausible_but_a_slip_is(make_pk):
    rows = [[1, "S", "Jumlah publikasi internasional", "1,5", "6,5", "433%", ""],
            [2, "S", "Persentase layanan", "0,85", "85", "10000%", ""]]
    fr = check(make_pk(rows))
    assert [f.cell for f in fr.findings if f.rule == "capaian-implausible"] == ["F6"]


# ------------------------------------------------------------------------------------------------ config, report


def test_config_names_the_year_and_columns(make_grid):
    rows = [
        ["LAPORAN KINERJA"],
        [],
        ["No", "Indikator", "Target", "", "Realisasi", "", "Keterangan"],
        ["", "", 2023, 2024, 2023, 2024, ""],
        [1, "Jumlah dokumen", 4, 5, 4, 5, ""],
    ]
    path = make_grid(rows, ("C3:D3", "E3:F3"))
    assert letters(check(path))["target"] == "D"
    cfg = config_from_dict({"tabel": {"tahun": 2023}})
    fr = check(path, cfg)
    assert letters(fr)["target"] == "C" and letters(fr)["realisasi"] == "E"
    cfg = config_from_dict({"tabel": {"kolom": {"realisasi": "E"}}})
    assert letters(check(path, cfg))["realisasi"] == "E"


@pytest.mark.parametrize("bad", [{"tahun": "2024"}, {"kolom": {"target": "12"}}, {"kolom": {"nama": "A"}}, {"x": 1}])
def test_config_tabel_errors_name_the_key(bad):
    from pk_excel.model import PkError

    with pytest.raises(PkError) as e:
        config_from_dict({"tabel": bad})
    assert e.value.code == "config"


def test_json_says_which_column_each_role_came_from(make_grid):
    report = pk_excel.check(make_grid(renja_rows(), RENJA_MERGES))
    doc = json.loads(json.dumps(to_json(report)))
    (table,) = doc["files"][0]["tables"]
    assert table["layout"] == "renja" and table["year"] == 2025 and table["periods"] == ["L", "N", "P", "R"]
    assert table["columns"]["target"]["column"] == "J"
    assert "Tingkat Capaian" in table["columns"]["capaian"]["header"]
    assert [s["kind"] for s in table["summaries"]] == ["rata-rata", "predikat"]


def test_renja_official_form_whose_only_capaian_is_the_renstras(make_grid):
    """Permendagri 86/2017's own form has no capaian of the year, only the Renstra's (15 = 14/6 x 100): it is
    never taken as the year's; the year's capaian is computed, the Renstra's is checked against 14/6."""
    rows = renja_rows()
    rows[4][23] = "Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra Perangkat Daerah s/d Tahun 2025 (%)"
    fr = check(make_grid(rows, RENJA_MERGES))
    assert "capaian" not in fr.document.tables[0].columns
    assert fr.document.tables[0].extra_columns["capaian_renstra"] == 24
    assert readings(fr) == {10: (100, 100, 100), 11: (4, 3, 75)} and serious(fr) == []
    rows[10][23] = 80
    fr = check(make_grid(rows, RENJA_MERGES))
    assert ("renstra-kumulatif", "X11") in serious(fr)


def test_sub_items_under_a_parent_without_colon_and_other_markers(make_pk):
    rows = [
        [1, "S", "Jumlah sarana yang dibangun"],
        ["", "", "1) Jalan desa", "4 km", "4 km", "100%", ""],
        ["", "", "2) Jembatan", "2 unit", "1 unit", "50%", ""],
        [2, "S", "Indeks kepuasan masyarakat", "80", "82", "102,5%", ""],
    ]
    fr = check(make_pk(rows))
    assert [i.indikator for i in fr.document.indicators] == [
        "Jumlah sarana yang dibangun: 1) Jalan desa", "Jumlah sarana yang dibangun: 2) Jembatan",
        "Indeks kepuasan masyarakat"]


@pytest.mark.parametrize("label, value", [("Predikat Kinerja: Tinggi", None), ("Capaian kinerja rata-rata", "87,5%"),
                                          ("JUMLAH", "=SUM(F5:F6)"), ("Nilai rata-rata capaian sasaran", 87.5)])
def test_summary_labels(make_pk, label, value):
    rows = [[1, "S", "Jumlah dokumen", "4", "4", "100%", ""], [2, "S", "Jumlah laporan", "12", "9", "75%", ""],
            ["", label, "", "", "", value, ""]]
    fr = check(make_pk(rows))
    assert len(fr.document.indicators) == 2 and len(fr.document.tables[0].summaries) == 1
    assert serious(fr) == []


def test_an_unfilled_rata_rata_indicator_stays_an_indicator(make_pk):
    fr = check(make_pk([[1, "S", "Rata-rata lama rawat inap", "", "", "", ""],
                        [2, "S", "Jumlah dokumen", "4", "4", "100%", ""]]))
    assert [i.indikator for i in fr.document.indicators][0] == "Rata-rata lama rawat inap"


def test_group_headings_not_merged_still_name_their_columns(make_grid):
    """Merges lost (an export, a copy): the group heading stands over its first column only."""
    rows = [
        ["EVALUASI RENJA TAHUN 2025"],
        [],
        ["No", "Program/Kegiatan", "Indikator Kinerja", "Target Renja Tahun 2025", "", "Realisasi Tahun 2025", "",
         "Tingkat Capaian (%)", ""],
        ["", "", "", "K", "Rp", "K", "Rp", "K", "Rp"],
        [1, "Program A", "Jumlah dokumen", 4, 1_000_000, 3, 900_000, 75, 90],
    ]
    fr = check(make_grid(rows))
    assert letters(fr)["target"] == "D" and letters(fr)["realisasi"] == "F" and letters(fr)["capaian"] == "H"
    ind = fr.document.indicators[0]
    assert ind.cells["realisasi_rp"].coord == "G5" and serious(fr) == []


def test_predikat_in_its_label_cell_is_checked(make_pk):
    rows = [[1, "S", "Jumlah dokumen", "4", "4", "100%", ""], [2, "S", "Jumlah laporan", "12", "9", "75%", ""],
            ["", "Predikat Kinerja: Sangat Tinggi"]]
    fr = check(make_pk(rows))
    assert [(f.rule, f.cell, f.expected) for f in fr.findings if f.rule == "summary-wrong"] == [
        ("summary-wrong", "B7", "Tinggi")]


def test_quarter_capaian_that_contradicts_the_quarters(make_grid):
    """TW IV shows 100% while every quarter's K is 0."""
    rows = [
        ["MONITORING RENJA TAHUN 2024"],
        [],
        ["No", "Indikator Kinerja", "Target", "Realisasi Triwulan I", "", "", "Realisasi Triwulan II", "", "",
         "Realisasi Triwulan III", "", "", "Realisasi Triwulan IV", "", "", "Realisasi Tahun 2024", "Capaian (%)"],
        ["", "", "", "K", "Rp", "%", "K", "Rp", "%", "K", "Rp", "%", "K", "Rp", "%", "", ""],
        [1, "Jumlah dokumen", 4, 1, 100, 25, 1, 100, 50, 1, 100, 75, 1, 100, 100, 4, 100],
        [2, "Jumlah laporan", 4, 0, 100, 0, 0, 100, 0, 0, 100, 0, 0, 100, 100, 0, 0],
    ]
    merges = ("D3:F3", "G3:I3", "J3:L3", "M3:O3", "P3:P4", "Q3:Q4")
    fr = check(make_grid(rows, merges))
    assert letters(fr)["realisasi"] == "P" and letters(fr)["capaian"] == "Q"
    assert [(f.rule, f.cell) for f in fr.findings if f.severity != "info"] == [("realisasi-triwulan", "O6")]


def test_iku_recap_whose_capaian_is_the_value_realised(make_pk):
    header = ["No", "Sasaran", "Indikator Kinerja Utama", "Target", "Capaian", "Keterangan"]
    rows = [[1, "Meningkatnya lulusan", "Persentase lulusan yang bekerja", "40%", "31,25%", ""],
            [2, "Meningkatnya lulusan", "Jumlah publikasi internasional", "10", "12", ""]]
    fr = check(make_pk(rows, header=header))
    assert letters(fr)["realisasi"] == "E" and "capaian" not in fr.document.tables[0].columns
    assert readings(fr) == {5: (40, 31.25, 78.125), 6: (10, 12, 120)}
    assert not [f for f in fr.findings if f.severity == "error"]


# ------------------------------------------------------------------------------------------------ variants a
# tester found (each pinned: the kind, not the file)


def test_renja_sub_row_kinerja_keuangan(make_grid):
    """Sub-row 'Kinerja | Keuangan' instead of 'K | Rp' (it used to give no-table)."""
    rows = renja_rows()
    rows[6] = ["", "", "", "", ""] + ["Kinerja", "Keuangan"] * 10
    fr = check(make_grid(rows, RENJA_MERGES))
    assert letters(fr)["target"] == "J" and letters(fr)["realisasi"] == "T"
    assert readings(fr) == {10: (100, 100, 100), 11: (4, 3, 75)} and serious(fr) == []


@pytest.mark.parametrize("header", [
    ["No", "Indikator Kinerja Utama", "Satuan", "Target", "Capaian", "Persentase Capaian"],
    ["NO", "INDIKATOR KINERJA UTAMA", "SATUAN", "TARGET 2024", "CAPAIAN 2024", "% CAPAIAN"],
])
def test_iku_recap_with_a_capaian_and_its_percentage(make_grid, header):
    rows = [["REKAP CAPAIAN IKU TAHUN 2024"], [], header,
            [1, "Persentase lulusan yang bekerja", "%", "40%", "31,25%", "78,13%"],
            [2, "Jumlah publikasi internasional", "judul", 12, 16, "133,33%"]]
    fr = check(make_grid(rows))
    assert letters(fr)["realisasi"] == "E" and letters(fr)["capaian"] == "F"
    assert readings(fr) == {4: (40, 31.25, 78.125), 5: (12, 16, pytest.approx(133.333333))}
    assert serious(fr) == []


def test_quarters_with_no_realisasi_heading(make_pk):
    header = ["NO", "INDIKATOR KINERJA", "SATUAN", "TARGET", "TW I", "TW II", "TW III", "TW IV", "CAPAIAN (%)"]
    rows = [[1, "Jumlah pelatihan", "kali", 12, 3, 3, 3, 3, 100], [2, "Persentase layanan tepat waktu", "%", 90, 85, 88,
                                                                     90, 91, "101,11"]]
    fr = check(make_pk(rows, header=header))
    assert readings(fr)[5] == (12, 12, 100) and readings(fr)[6][1] == 91
    assert serious(fr) == []


def test_months_abbreviated_with_a_running_total(make_pk):
    months = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agt", "Sep", "Okt", "Nov", "Des"]
    header = ["NO", "JENIS LAYANAN / INDIKATOR", "TARGET TAHUNAN", *months, "S.D. DES", "% CAPAIAN"]
    rows = [[1, "Jumlah dokumen perizinan terbit", 2400, *([200] * 11), 150, 2350, "97,92%"]]
    fr = check(make_pk(rows, header=header))
    assert letters(fr)["realisasi"] == "P" and letters(fr)["capaian"] == "Q"
    assert fr.document.tables[0].period_kind == "bulan" and serious(fr) == []


def test_title_with_a_year_range_reads_the_latest_year(make_grid):
    rows = [["PERBANDINGAN CAPAIAN KINERJA TAHUN 2021 - 2023"], [],
            ["No", "Indikator", "Tahun 2021", "", "", "Tahun 2022", "", "", "Tahun 2023", "", ""],
            ["", "", "Target", "Realisasi", "Capaian (%)"] * 1 + ["Target", "Realisasi", "Capaian (%)"] * 2,
            [1, "Indeks kepuasan masyarakat", 60, 61, 101.67, 65, 66, 101.54, 70, 72, 102.86],
            [2, "Jumlah inovasi", 6, 6, 100, 8, 7, 87.5, 10, 9, 90]]
    rows[3] = ["", ""] + ["Target", "Realisasi", "Capaian (%)"] * 3
    fr = check(make_grid(rows, ("C3:E3", "F3:H3", "I3:K3")))
    assert letters(fr)["target"] == "I" and letters(fr)["realisasi"] == "J" and letters(fr)["capaian"] == "K"
    assert fr.document.year is None and serious(fr) == []


def test_puskesmas_headings_on_several_levels(make_grid):
    rows = [["PENILAIAN KINERJA PUSKESMAS TAHUN 2024"], [],
            ["NO", "UPAYA KESEHATAN", "SATUAN", "TARGET SASARAN", "PENCAPAIAN RIIL", "CAKUPAN (%)", "TARGET (%)",
             "KINERJA (%)"],
            ["I", "UKM ESENSIAL DAN KEPERAWATAN KESEHATAN MASYARAKAT"],
            ["1.", "Pelayanan Kesehatan Ibu dan Anak"],
            ["1.1.", "Kesehatan Ibu"],
            ["a.", "Cakupan kunjungan ibu hamil K4", "bumil", 400, 360, 90, 95, 94.74],
            ["b.", "Cakupan persalinan oleh nakes", "bulin", 380, 361, 95, 100, 95],
            ["2", "PELAYANAN GIZI MASYARAKAT"],
            [1, "Cakupan balita ditimbang", "balita", 1000, 850, 85, 85, 100]]
    fr = check(make_grid(rows))
    assert sorted(readings(fr)) == [7, 8, 10]
    assert serious(fr) == []


def test_renja_summary_typed_under_the_realisasi_of_a_form_without_capaian(make_grid):
    rows = renja_rows()
    rows[4][23] = "Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra Perangkat Daerah s/d Tahun 2025 (%)"
    rows[12] = ["Rata-rata capaian kinerja (%)"] + [""] * 18 + [87.5]  # in T, under the year's realisasi
    rows[13] = ["Predikat kinerja"] + [""] * 18 + ["Tinggi"]
    fr = check(make_grid(rows, RENJA_MERGES))
    assert [f for f in fr.findings if f.rule == "summary-wrong"] == []


def test_the_forms_own_arithmetic_for_the_renstra_cumulative(make_grid):
    """J-1's '10=(5+7+9)': up to last year + this year + next year's target, not 7 + 13."""
    rows = j1_rows()  # L9 = 1 + 1 + 1 = 3, L10 = 1 + 3 + 1 = 5; M = L / F x 100
    fr = check(make_grid(rows, J1_MERGES))
    assert [f for f in fr.findings if f.rule == "renstra-kumulatif"] == []
    rows[9][11] = 6
    fr = check(make_grid(rows, J1_MERGES))
    found = {(f.cell, f.expected) for f in fr.findings if f.rule == "renstra-kumulatif"}
    assert ("L10", "5") in found and ("M10", "150,00%") in found  # 6 / 4 x 100 is not the 125 typed


def test_rehabilitated_or_built_is_higher_is_better(make_pk):
    rows = [[1, "S", "Jumlah rumah tidak layak huni yang direhab", "100", "80", "80%", ""],
            [2, "S", "Jumlah rumah tidak layak huni yang dibangun", "50", "45", "90%", ""]]
    fr = check(make_pk(rows))
    assert {i.polaritas for i in fr.document.indicators} == {"positif"} and serious(fr, ("error",)) == []


def test_nip_past_a_colon_cell(make_pk):
    signature = ("Contoh, 15 Januari 2025", "KEPALA DINAS", "", "BUDI, S.Sos")
    path = make_pk([[1, "S", "Persentase layanan", "100%", "100%", "100%", ""]], signature=signature)
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb.active
    last = ws.max_row + 1
    ws.cell(last, 5, "NIP")
    ws.cell(last, 6, ":")
    ws.cell(last, 7, 197503122000031000)
    wb.save(path)
    fr = check(path)
    assert [f.cell for f in fr.findings if f.rule == "nip-invalid"] == [f"G{last}"]


def test_program_anggaran_against_its_kegiatan(make_grid):
    rows = [["EVALUASI HASIL RENJA TAHUN 2024"], [],
            ["No", "Kode", "Program/Kegiatan", "Indikator Kinerja", "Target Renja 2024", "",
             "Realisasi Tahun 2024", "", "Tingkat Capaian (%)", ""],
            ["", "", "", "", "K", "Rp", "K", "Rp", "K", "Rp"],
            [1, "1.02.01", "Program Pelayanan Kesehatan", "Persentase desa sehat", 80, "=F6+F8", 80, "=H6+H8", 100, 90],
            [2, "1.02.01.2.01", "Kegiatan Imunisasi", "Jumlah balita diimunisasi", 100, 10_000_000, 100, 9_000_000,
             100, 90],
            [3, "", "", "Jumlah posyandu aktif", 10, 10_000_000, 10, 9_000_000, 100, 90],
            [4, "1.02.01.2.02", "Kegiatan Gizi", "Jumlah balita ditimbang", 200, 20_000_000, 200, 18_000_000, 100, 90]]
    path = make_grid(rows, ("E3:F3", "G3:H3", "I3:J3"))
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb.active
    ws["F5"], ws["H5"] = 30_000_000, 27_000_000  # as a spreadsheet would have computed the SUMs
    wb.save(path)
    fr = check(path)
    assert [f for f in fr.findings if f.rule == "anggaran-induk"] == []
    ws["F5"] = 35_000_000
    wb.save(path)
    fr = check(path)
    (f,) = [f for f in fr.findings if f.rule == "anggaran-induk"]
    assert f.cell == "F5" and f.expected == "Rp30.000.000" and "2 kegiatan" in f.message()


def test_realisasi_written_as_a_ratio_on_a_percentage_indicator(make_pk):
    rows = [[1, "S", "Persentase perkara yang diselesaikan tepat waktu", "100%", "79/80", "98,75%", ""],
            [2, "S", "Persentase sisa perkara yang diselesaikan", "100%", "158 dari 160 perkara", "98,75", ""]]
    fr = check(make_pk(rows))
    assert [i.realisasi.number for i in fr.document.indicators] == [98.75, 98.75]
    assert serious(fr) == []
    assert [f.severity for f in fr.findings if f.rule == "value-format"] == ["info", "info"]


def test_a_capaian_typed_at_a_usual_cap_is_an_info(make_pk):
    rows = [[1, "S", "Persentase penerimaan negara", "92%", "120%", "120,00%", "Capaian maksimal 120%"],
            [2, "S", "Persentase layanan", "90%", "99%", "107,00%", ""],
            [3, "S", "Persentase arsip", "90%", "81%", "100%", ""]]
    fr = check(make_pk(rows))
    got = [(f.cell, f.severity) for f in fr.findings if f.rule == "capaian-wrong"]
    assert got == [("F5", "info"), ("F6", "error"), ("F7", "error")]  # 107 is no cap; 100 is below 90% computed


def test_faktor_pendorong_and_notes_under_a_form_are_not_indicators(make_grid):
    rows = renja_rows() + [
        [],
        ["Faktor pendorong keberhasilan pencapaian: dukungan anggaran dan koordinasi lintas bidang"],
        ["Faktor penghambat pencapaian kinerja: keterlambatan pengadaan barang"],
        ["Tindak lanjut yang diperlukan dalam triwulan berikutnya: percepatan pengadaan"],
        ["Program penunjang yang dicatat di sini untuk diketahui saja"],
    ]
    n = len(rows)
    fr = check(make_grid(rows, RENJA_MERGES + tuple(f"A{r}:Z{r}" for r in range(n - 3, n + 1))))
    assert sorted(readings(fr)) == [10, 11]


# ------------------------------------------------------------------------------------------------ messy data
# (a third tester's cases, each pinned)


def test_a_bound_in_the_target_gives_polarity(make_pk):
    rows = [[1, "S", "Lama penerbitan izin", "Maks 10 hari", "8 hari", "120%", ""],
            [2, "S", "Persentase layanan tepat waktu", "Min 80%", "84%", "105%", ""]]
    fr = check(make_pk(rows))
    pol = [(i.polaritas, i.polaritas_source) for i in fr.document.indicators]
    assert pol == [("negatif", "target"), ("positif", "target")] and serious(fr, ("error",)) == []


def test_treated_cases_are_higher_is_better(make_pk):
    rows = [[1, "S", "Persentase kasus TB diobati", "100", "95", "95%", ""],
            [2, "S", "Persentase kasus gizi buruk yang mendapat perawatan", "100", "90", "90%", ""]]
    fr = check(make_pk(rows))
    assert {i.polaritas for i in fr.document.indicators} == {"positif"} and serious(fr, ("error",)) == []


def test_uncomputed_formulas_in_target_and_realisasi_are_evaluated(make_pk):
    header = ["NO", "SASARAN", "INDIKATOR KINERJA", "TARGET", "REALISASI", "CAPAIAN", "TW I", "TW II", "TW III",
              "TW IV"]
    rows = [[1, "S", "Jumlah dokumen", "=6*2", "=SUM(G5:J5)", "=E5/D5*100", 3, 3, 3, 3]]
    fr = check(make_pk(rows, header=header))
    ind = fr.document.indicators[0]
    assert (ind.target.number, ind.realisasi.number, ind.capaian.number) == (12, 12, 100)
    assert serious(fr) == []


def test_a_formula_over_text_with_units_is_not_computed(make_pk):
    rows = [[1, "S", "Jumlah unit sarana", "6 unit", "6 unit", "=E5/D5*100", ""]]
    fr = check(make_pk(rows))
    (f,) = [f for f in fr.findings if f.rule == "formula-recomputed"]
    assert "tidak dapat dihitung" in f.message()


def test_a_target_formula_to_another_sheet_is_unknown_not_missing(make_pk):
    rows = [[1, "S", "Persentase layanan", "='Data'!B2", "95", "", ""]]
    fr = check(make_pk(rows))
    assert [(f.rule, f.severity) for f in fr.findings if f.rule == "target-missing"] == [("target-missing", "info")]


def _two_sheets(path, hidden=False):
    from openpyxl import Workbook

    wb = Workbook()
    for i, (title, year, typed) in enumerate((("PK 2023", 2023, "100%"), ("PK 2024", 2024, "90%"))):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = title
        for r, row in enumerate([[f"PENGUKURAN KINERJA TAHUN {year}"], ["DINAS CONTOH"], [],
                                 ["NO", "INDIKATOR KINERJA", "TARGET", "REALISASI", "CAPAIAN"],
                                 [1, "Persentase layanan", "100", "90", typed]], 1):
            for c, v in enumerate(row, 1):
                ws.cell(r, c, v)
        if i == 1:
            for r, text in ((8, "Contoh, 20 Januari 2025"), (9, "KEPALA DINAS"), (12, "BUDI, S.Sos")):
                ws.cell(r, 4, text)
    if hidden:
        wb["PK 2023"].sheet_state = "hidden"
    wb.save(path)
    return path


def test_each_sheet_is_judged_by_its_own_titles_year(tmp_path):
    fr = check(_two_sheets(tmp_path / "dua.xlsx"))
    assert [t.year for t in fr.document.tables] == [2023, 2024]
    assert not [f for f in fr.findings if f.rule == "year-mismatch"]  # PK 2024 signed January 2025: in time


def test_a_hidden_sheet_is_left_alone_when_a_visible_one_has_a_table(tmp_path):
    fr = check(_two_sheets(tmp_path / "lama.xlsx", hidden=True))
    assert {t.sheet for t in fr.document.tables} == {"PK 2024"}
    assert not [f for f in fr.findings if f.rule == "capaian-wrong"]  # the stale 100% on the hidden sheet


def test_m_and_jt_are_money_in_a_rupiah_row(make_pk):
    header = ["NO", "SASARAN", "INDIKATOR KINERJA", "SATUAN", "TARGET", "REALISASI", "CAPAIAN"]
    rows = [[1, "S", "Nilai investasi yang masuk", "Rp", "2,5 M", "2.400 juta", "96%"],
            [2, "S", "Pendapatan retribusi", "", "Rp 1,5 M", "1,2 M", "80%"]]
    fr = check(make_pk(rows, header=header))
    assert [(i.target.number, i.realisasi.number) for i in fr.document.indicators] == [
        (2.5e9, 2.4e9), (1.5e9, 1.2e9)]
    assert serious(fr, ("error",)) == []
