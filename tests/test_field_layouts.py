"""Layouts real offices send to an Inspektorat, built in code, read the way a careful evaluator reads them.

Each factory writes one workbook of a layout the samples do not have (an e-SAKIP export, LKjIP "Tabel 3.x"
tables, a Dinas PUPR, a Puskesmas, a Bappeda, an RSUD, a kelurahan with text targets, quarterly columns,
year-comparison columns, Sasaran Sub Kegiatan, a Polaritas column, cached formulas from XlsxWriter, merged
multi-row cells, one sheet per quarter). Most rows are correct; a few carry a planted error. The tests assert
what the evaluator expects: the reading (level, sasaran, indikator, numbers, programs, signature, year), the
planted errors found, and no finding on a correct row. Each defect these layouts exposed (budget columns
read as realisasi, quarterly sub-columns, a second table on a sheet, wrapped names, "rusak" polarity, ...)
is pinned by the test of its layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import pk_excel

SIGN_2024 = (
    "Sungguminasa, 14 Februari 2025",
    "KEPALA DINAS",
    "",
    "",
    "Ir. ANDI MAKMUR, M.T.",
    "Pembina Utama Muda",
    "NIP. 19700512 199803 1 009",
)


@dataclass(frozen=True)
class F:
    """A cell value with a number format."""

    value: Any
    fmt: str


def _put(ws, r: int, c: int, v: Any) -> None:
    if v is None or v == "":
        return
    if isinstance(v, F):
        cell = ws.cell(row=r, column=c, value=v.value)
        cell.number_format = v.fmt
    else:
        ws.cell(row=r, column=c, value=v)


def _rows(ws, top: int, rows: list[list[Any]], col: int = 1) -> int:
    """Write rows from `top`; return the next free row."""
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            _put(ws, top + i, col + j, v)
    return top + len(rows)


def _signature(ws, top: int, col: int, lines=SIGN_2024) -> None:
    for i, line in enumerate(lines):
        _put(ws, top + i, col, line)


def _new(path: Path, title: str = "PK"):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = title
    return wb, ws


# ------------------------------------------------------------------------------------------------ factories


def esakip_export(path: Path) -> Path:
    """An e-SAKIP export: header at row 1, no title; Capaian (%) as plain numbers; a Predikat column.

    Planted: C5 capaian 112,50 for 96/90 (should be 106,67); Predikat "Sangat Tinggi" at G6 for 70,00.
    """
    wb, ws = _new(path, "Export")
    _rows(ws, 1, [
        ["Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "Capaian (%)", "Predikat"],
        ["Meningkatnya akuntabilitas kinerja", "Nilai SAKIP Perangkat Daerah", "Nilai", 70, 72.5, 103.57, "Sangat Tinggi"],
        ["", "Persentase rekomendasi hasil pemeriksaan yang ditindaklanjuti", "%", 90, 96, 112.5, "Sangat Tinggi"],
        ["Meningkatnya kualitas pelayanan publik", "Indeks Kepuasan Masyarakat", "Indeks", 80, 84.25, 105.31, "Sangat Tinggi"],
        ["", "Persentase pengaduan yang diselesaikan", "%", 100, 70, 70, "Sangat Tinggi"],
        ["", "Jumlah inovasi pelayanan publik", "inovasi", 4, 3, 75, "Sedang"],
    ])
    wb.save(path)
    return path


def lkjip_tabel3(path: Path) -> Path:
    """LKjIP chapter III: one sheet, a 'Tabel 3.x' per sasaran, each a small table with its own header.

    Planted: F15 capaian 95,00% for 86,5 / 90 (should be 96,11%).
    """
    wb, ws = _new(path, "Bab III")
    _rows(ws, 1, [
        ["CAPAIAN KINERJA DINAS PENDIDIKAN KABUPATEN GOWA TAHUN 2024"],
        [],
        ["Tabel 3.1"],
        ["Sasaran 1: Meningkatnya akses pendidikan dasar"],
        ["No", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "Capaian"],
        [1, "Angka Partisipasi Murni SD", "%", "98,50", "97,80", "99,29%"],
        [2, "Angka Partisipasi Murni SMP", "%", "85,00", "86,12", "101,32%"],
        [],
        ["Tabel 3.2"],
        ["Sasaran 2: Meningkatnya mutu pendidikan"],
        ["No", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "Capaian"],
        [1, "Persentase sekolah terakreditasi minimal B", "%", "80", "82,5", "103,13%"],
        [2, "Rata-rata nilai Asesmen Nasional", "nilai", "70", "68,6", "98,00%"],
        [],
        [3, "Persentase guru bersertifikat pendidik", "%", "90", "86,5", "95,00%"],
    ])
    _signature(ws, 17, 5, (
        "Sungguminasa, 20 Februari 2025",
        "KEPALA DINAS PENDIDIKAN",
        "",
        "Drs. H. MUHAMMAD ARIF, M.Pd",
        "Pembina Utama Muda (IV/c)",
        "NIP. 19680303 199203 1 011",
    ))
    wb.save(path)
    return path


def dinas_pupr(path: Path) -> Path:
    """Dinas PUPR: kilometres and percent of road condition, negative indicators (rusak, kumuh, genangan).

    Planted: G10 'Panjang jalan kabupaten dalam kondisi rusak berat' target 45 km, realisasi 52 km, capaian
    typed 115,56% (R/T, the positive formula on a lower-is-better indicator); G12 'Luas kawasan kumuh'
    capaian 90,00% for target 120 Ha, realisasi 118,5 Ha (should be 101,25% or 101,27%).
    """
    wb, ws = _new(path, "PK 2024")
    _rows(ws, 1, [
        ["PENGUKURAN KINERJA"],
        ["DINAS PEKERJAAN UMUM DAN PENATAAN RUANG KABUPATEN GOWA"],
        ["TAHUN 2024"],
        [],
        ["NO", "SASARAN", "INDIKATOR KINERJA", "SATUAN", "TARGET", "REALISASI", "CAPAIAN", "KETERANGAN"],
        ["Sasaran Strategis"],
        [1, "Meningkatnya kualitas infrastruktur jalan", "Persentase panjang jalan kabupaten dalam kondisi mantap",
         "%", "75,00%", "72,50%", "96,67%", ""],
        [2, "", "Panjang jalan kabupaten dalam kondisi baik", "km", "312,4 km", "318,75 km", "102,03%", ""],
        [3, "", "Panjang jalan kabupaten dalam kondisi rusak sedang", "km", "60 km", "54 km", "110,00%", ""],
        [4, "", "Panjang jalan kabupaten dalam kondisi rusak berat", "km", "45 km", "52 km", "115,56%", ""],
        [5, "Meningkatnya kualitas permukiman", "Persentase rumah tangga dengan akses air minum layak", "%",
         "88", "89,4", "101,59%", ""],
        [6, "", "Luas kawasan kumuh", "Ha", "120", "118,5", "90,00%", ""],
        [7, "", "Luas genangan banjir di kawasan perkotaan", "Ha", "35", "30", "114,29%", ""],
    ])
    _signature(ws, 15, 6, SIGN_2024)
    wb.save(path)
    return path


def puskesmas(path: Path) -> Path:
    """A Puskesmas: rates per 100.000 KH, prevalences, cakupan; values typed with units and commas.

    Planted: F9 'Prevalensi stunting (baduta)' 14,2 -> 15,8 typed 111,27% (R/T on a lower-is-better
    indicator; should be 88,73% or 89,87%); F12 'Persentase kasus TB yang ditangani' 90 / 72 typed 90,00%
    (should be 80,00%).
    """
    wb, ws = _new(path, "PK Puskesmas")
    _rows(ws, 1, [
        ["PENGUKURAN KINERJA TAHUN 2024"],
        ["UPTD PUSKESMAS BAJENG"],
        [],
        ["NO", "SASARAN", "INDIKATOR KINERJA", "TARGET", "REALISASI", "CAPAIAN", "PENJELASAN"],
        ["Sasaran Strategis"],
        [1, "Meningkatnya derajat kesehatan masyarakat", "Angka Kematian Ibu (per 100.000 KH)", "80", "75",
         "106,25%", "2 kasus kematian ibu"],
        [2, "", "Angka Kematian Bayi (per 1.000 KH)", "8,5", "9,1", "92,94%", ""],
        [3, "", "Prevalensi stunting pada balita", "14,2%", "12,9%", "109,15%", ""],
        [4, "", "Prevalensi stunting (baduta)", "14,2%", "15,8%", "111,27%", ""],
        [5, "Meningkatnya cakupan pelayanan kesehatan", "Cakupan pelayanan K4 ibu hamil", "95%", "97,3%",
         "102,42%", ""],
        [6, "", "Cakupan imunisasi dasar lengkap", "95%", "91,2%", "96,00%", ""],
        [7, "", "Persentase kasus TB yang ditangani", "90%", "72%", "90,00%", ""],
    ])
    _signature(ws, 14, 5, (
        "Bajeng, 10 Januari 2025",
        "Kepala UPTD Puskesmas Bajeng",
        "",
        "dr. NURHAYATI",
        "Penata Tk. I / III.d",
        "NIP. 19850214 201001 2 015",
    ))
    wb.save(path)
    return path


def bappeda(path: Path) -> Path:
    """Bappeda: IPM, kemiskinan, TPT, pertumbuhan ekonomi, gini ratio (macro indicators, small decimals).

    Planted: G9 TPT 4,50 -> 4,92 typed 109,33% (R/T: wrong for a negative; should be 90,67% or 91,46%).
    """
    wb, ws = _new(path, "IKU")
    _rows(ws, 1, [
        ["PENGUKURAN KINERJA SASARAN STRATEGIS"],
        ["BADAN PERENCANAAN PEMBANGUNAN DAERAH KABUPATEN GOWA"],
        ["TAHUN 2023"],
        [],
        ["NO", "SASARAN STRATEGIS", "INDIKATOR KINERJA UTAMA", "SATUAN", "TARGET 2023", "REALISASI 2023",
         "CAPAIAN (%)"],
        [1, "Meningkatnya kualitas pembangunan manusia", "Indeks Pembangunan Manusia (IPM)", "poin", "71,80",
         "72,15", "100,49"],
        [2, "Menurunnya kemiskinan dan pengangguran", "Persentase penduduk miskin", "%", "7,60", "7,54", "100,79"],
        [3, "", "Tingkat Pengangguran Terbuka (TPT)", "%", "4,50", "4,92", "109,33"],
        [4, "Meningkatnya pertumbuhan ekonomi", "Laju pertumbuhan ekonomi", "%", "5,20", "5,05", "97,12"],
        [5, "", "Gini ratio", "poin", "0,365", "0,372", "98,08"],
    ])
    _signature(ws, 12, 6, (
        "Sungguminasa, 28 Februari 2024",
        "KEPALA BAPPEDA",
        "",
        "Dr. H. SYAMSUL BAHRI, S.E., M.Si",
        "Pembina Utama Muda / IV.c",
        "NIP. 19720817 199903 1 004",
    ))
    wb.save(path)
    return path


def rsud(path: Path) -> Path:
    """An RSUD: BOR and ALOS as range targets, waktu tunggu with a ceiling '≤ 60 menit', NDR per mil.

    Planted: G10 'Waktu tunggu rawat jalan' capaian 80,00% for ≤ 60 menit / 48 menit (should be tercapai,
    120% or 125%).
    """
    wb, ws = _new(path, "Pengukuran")
    _rows(ws, 1, [
        ["PENGUKURAN KINERJA RSUD SYEKH YUSUF TAHUN 2024"],
        [],
        ["NO", "SASARAN", "INDIKATOR KINERJA", "SATUAN", "TARGET", "REALISASI", "CAPAIAN", "KET"],
        ["Sasaran Strategis"],
        [1, "Meningkatnya mutu pelayanan rumah sakit", "Bed Occupancy Rate (BOR)", "%", "60 - 85 %", "78,4 %",
         "100%", ""],
        [2, "", "Average Length of Stay (ALOS)", "hari", "6 - 9 hari", "4,8 hari", "80,00%", ""],
        [3, "", "Net Death Rate (NDR)", "‰", "25", "21,3", "114,80%", ""],
        [4, "", "Rata-rata waktu tunggu pelayanan resep obat jadi", "menit", "30", "24", "120,00%", ""],
        [5, "", "Waktu tunggu rawat jalan", "menit", "≤ 60 menit", "48 menit", "80,00%", ""],
        [6, "Meningkatnya kepuasan pasien", "Indeks Kepuasan Masyarakat", "nilai", "82,00", "84,10",
         "102,56%", "B (Baik)"],
    ])
    _signature(ws, 13, 6, (
        "Sungguminasa, 30 Januari 2025",
        "DIREKTUR RSUD SYEKH YUSUF",
        "",
        "dr. HJ. ANDI RAHMAWATI, Sp.PD",
        "Pembina Tk. I / IV.b",
        "NIP. 19750101 200212 2 006",
    ))
    wb.save(path)
    return path


def kelurahan_text(path: Path) -> Path:
    """A kelurahan: text targets ('Terlaksana', 'Ada', '1 Dokumen'), 'Tersedia'; capaian typed 100%.

    Planted: F10 'Penyusunan profil kelurahan' target 1 dokumen, realisasi 0 dokumen, capaian typed 100%.
    """
    wb, ws = _new(path, "PK Kelurahan")
    _rows(ws, 1, [
        ["PENGUKURAN PERJANJIAN KINERJA TAHUN 2024"],
        ["KELURAHAN KALEBAJENG KECAMATAN BAJENG"],
        [],
        ["NO", "SASARAN", "INDIKATOR KINERJA", "TARGET", "REALISASI", "CAPAIAN", "KETERANGAN"],
        ["Sasaran Program"],
        [1, "Meningkatnya partisipasi masyarakat", "Terlaksananya Musrenbang Kelurahan", "Terlaksana",
         "Terlaksana", "100%", "Tercapai"],
        [2, "", "Tersedianya data kependudukan", "Ada", "Ada", "100%", "Tercapai"],
        [3, "", "Jumlah kegiatan gotong royong", "12 kali", "14 kali", "116,67%", "Tercapai"],
        [4, "Meningkatnya tertib administrasi", "Persentase surat keterangan selesai tepat waktu", "100%",
         "98%", "98%", "Tidak tercapai"],
        [5, "", "Penyusunan profil kelurahan", "1 dokumen", "0 dokumen", "100%", "Tercapai"],
    ])
    _signature(ws, 13, 5, (
        "Kalebajeng, 8 Januari 2025",
        "LURAH KALEBAJENG",
        "",
        "MUHAMMAD YUSUF, S.STP",
        "Penata / III.c",
        "NIP. 19900707 201209 1 001",
    ))
    wb.save(path)
    return path


def quarterly_columns(path: Path) -> Path:
    """Target | Realisasi TW I..IV (two-row header, 'Realisasi' merged over four) | Capaian.

    TW IV is cumulative (the year's realisasi). Planted: I9 capaian 98,00% for 100 / 94 (should be 94,00%).
    """
    wb, ws = _new(path, "PK 2024")
    _rows(ws, 1, [
        ["PENGUKURAN KINERJA TRIWULANAN TAHUN 2024"],
        ["BADAN PENDAPATAN DAERAH KABUPATEN GOWA"],
        [],
        ["NO", "INDIKATOR KINERJA", "SATUAN", "TARGET", "REALISASI", "", "", "", "CAPAIAN (%)"],
        ["", "", "", "", "TW I", "TW II", "TW III", "TW IV", ""],
        ["Sasaran Strategis"],
        [1, "Persentase realisasi Pendapatan Asli Daerah", "%", 100, 22.5, 48.1, 73.6, 101.2, 101.2],
        [2, "Rasio PAD terhadap total pendapatan", "%", 12, 3.1, 6.4, 9.2, 12.6, 105],
        [3, "Persentase objek pajak yang terdata", "%", 100, 30, 55, 80, 94, 98],
    ])
    ws.merge_cells("E4:H4")
    for col in "ABCDI":
        ws.merge_cells(f"{col}4:{col}5")
    _signature(ws, 11, 8, SIGN_2024)
    wb.save(path)
    return path


def year_comparison(path: Path) -> Path:
    """'Target 2024 | Realisasi 2023 | Realisasi 2024 | Capaian 2024': this year's realisasi must be read.

    Planted: G8 capaian 104,00% for 88 / 90,2 (should be 102,50%); correct G7 would look wrong if the
    2023 column were read.
    """
    wb, ws = _new(path, "Pengukuran")
    _rows(ws, 1, [
        ["PENGUKURAN KINERJA KECAMATAN PALLANGGA TAHUN 2024"],
        [],
        ["NO", "SASARAN", "INDIKATOR KINERJA", "TARGET 2024", "REALISASI 2023", "REALISASI 2024",
         "CAPAIAN 2024 (%)", "KETERANGAN"],
        ["Sasaran Strategis"],
        [1, "Meningkatnya kualitas pelayanan", "Indeks Kepuasan Masyarakat", "85", "81,20", "86,40", "101,65", ""],
        [2, "", "Persentase pelayanan administrasi tepat waktu", "95", "92", "96,5", "101,58", ""],
        [3, "", "Persentase desa/kelurahan yang tertib administrasi", "88", "85", "90,2", "104,00", ""],
    ])
    _signature(ws, 10, 6, (
        "Pallangga, 5 Februari 2025",
        "CAMAT PALLANGGA",
        "",
        "ANDI SUKARDI, S.Sos., M.Si",
        "Pembina / IV.a",
        "NIP. 19760506 199703 1 002",
    ))
    wb.save(path)
    return path


def sub_kegiatan(path: Path) -> Path:
    """A PK with four levels (Sasaran Strategis / Program / Kegiatan / Sub Kegiatan) and side-by-side
    PROGRAM | ANGGARAN | KETERANGAN below.

    Planted: G14 capaian 100% for 12 / 10 laporan (should be 83,33%).
    """
    wb, ws = _new(path, "PK")
    _rows(ws, 1, [
        ["PENGUKURAN PERJANJIAN KINERJA TAHUN 2024"],
        ["SEKRETARIAT DPRD KABUPATEN GOWA"],
        [],
        ["NO", "SASARAN", "INDIKATOR KINERJA", "SATUAN", "TARGET", "REALISASI", "CAPAIAN", "PENJELASAN"],
        ["I", "SASARAN STRATEGIS"],
        [1, "Meningkatnya kinerja fungsi DPRD", "Persentase Perda yang ditetapkan tepat waktu", "%", "100%",
         "100%", "100%", ""],
        ["II", "SASARAN PROGRAM"],
        [1, "Meningkatnya dukungan pelaksanaan fungsi DPRD", "Persentase rapat DPRD yang terfasilitasi", "%",
         "100%", "100%", "100%", ""],
        ["III", "SASARAN KEGIATAN"],
        [1, "Terlaksananya pembahasan Raperda", "Jumlah Raperda yang dibahas", "Raperda", "8", "9", "112,50%",
         ""],
        ["IV", "SASARAN SUB KEGIATAN"],
        [1, "Terselenggaranya rapat paripurna", "Jumlah rapat paripurna yang terlaksana", "kali", "24", "26",
         "108,33%", ""],
        [2, "Tersusunnya laporan reses", "Jumlah laporan reses yang tersusun", "laporan", "12", "12", "100%", ""],
        [3, "Tersusunnya laporan kunjungan kerja", "Jumlah laporan kunjungan kerja", "laporan", "12", "10",
         "100%", ""],
        [],
        ["NO", "PROGRAM", "", "ANGGARAN", "KETERANGAN"],
        [1, "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", "", "Rp 12.450.000.000", "APBD"],
        [2, "Program Dukungan Pelaksanaan Tugas dan Fungsi DPRD", "", "Rp 8.735.250.000", "APBD"],
    ])
    _signature(ws, 20, 6, (
        "Sungguminasa, 3 Februari 2025",
        "SEKRETARIS DPRD",
        "",
        "Drs. ABDUL RAHMAN, M.Si",
        "Pembina Utama Muda / IV.c",
        "NIP. 19680808 199003 1 012",
    ))
    wb.save(path)
    return path


def polaritas_column(path: Path) -> Path:
    """A 'Polaritas' column (Positif / Negatif, Maximize / Minimize) decides the formula.

    Planted: H7 'Jumlah pelanggaran Perda' Negatif, 50 -> 62, typed 124,00% (R/T); correct rows use
    (2T - R)/T.
    """
    wb, ws = _new(path, "PK")
    _rows(ws, 1, [
        ["PENGUKURAN KINERJA SATUAN POLISI PAMONG PRAJA TAHUN 2024"],
        [],
        ["NO", "SASARAN", "INDIKATOR KINERJA", "POLARITAS", "SATUAN", "TARGET", "REALISASI", "CAPAIAN (%)"],
        [1, "Meningkatnya ketertiban umum", "Persentase penegakan Perda", "Positif", "%", "85", "88,4", "104,00"],
        [2, "", "Jumlah gangguan trantibum", "Negatif", "kejadian", "40", "36", "110,00"],
        [3, "", "Jumlah pelanggaran Perda", "Negatif", "kasus", "50", "62", "124,00"],
        [4, "", "Rasio Satpol PP per 10.000 penduduk", "Maximize", "rasio", "1,5", "1,2", "80,00"],
        [5, "", "Waktu respon pengaduan", "Minimize", "jam", "24", "18", "125,00"],
    ])
    _signature(ws, 10, 7, SIGN_2024)
    wb.save(path)
    return path


def cached_formulas(path: Path) -> Path:
    """XlsxWriter file whose capaian cells are formulas with cached results (as Excel would have left them).

    Planted: G8 '=F7/E8*100' refers to another row's realisasi (cached 63,33 from that wrong formula; the
    row's own 85 / 90 gives 94,44). G9 carries XlsxWriter's cached 0 (never computed; the formula gives 110).
    """
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("PK 2024")
    ws.write(0, 0, "PENGUKURAN KINERJA DINAS KOMUNIKASI DAN INFORMATIKA TAHUN 2024")
    header = ["NO", "SASARAN", "INDIKATOR KINERJA", "SATUAN", "TARGET", "REALISASI", "CAPAIAN (%)"]
    for c, h in enumerate(header):
        ws.write(2, c, h)
    ws.write(3, 0, "Sasaran Strategis")
    data = [
        (1, "Meningkatnya tata kelola SPBE", "Indeks SPBE", "indeks", 2.6, 2.85),
        (2, "", "Persentase OPD terhubung jaringan intranet", "%", 80, 95),
        (3, "", "Persentase layanan publik berbasis elektronik", "%", 60, 57),
        (4, "Meningkatnya keterbukaan informasi", "Persentase informasi publik yang dipublikasikan", "%", 90, 85),
        (5, "", "Jumlah aduan yang ditindaklanjuti", "aduan", 120, 132),
    ]
    for i, (no, sas, ind, sat, t, r) in enumerate(data):
        row = 4 + i
        x = row + 1  # Excel row number
        ws.write(row, 0, no)
        if sas:
            ws.write(row, 1, sas)
        ws.write(row, 2, ind)
        ws.write(row, 3, sat)
        ws.write_number(row, 4, t)
        ws.write_number(row, 5, r)
        if x == 8:  # row 8: a copy slip refers to F7
            ws.write_formula(row, 6, "=F7/E8*100", None, 57 / 90 * 100)
        elif x == 9:
            ws.write_formula(row, 6, "=F9/E9*100", None, 0)
        else:
            ws.write_formula(row, 6, f"=F{x}/E{x}*100", None, r / t * 100)
    ws.write(11, 5, "Sungguminasa, 10 Februari 2025")
    ws.write(12, 5, "KEPALA DINAS KOMINFO")
    ws.write(15, 5, "ANDI ZULKARNAIN, S.Kom., M.M")
    ws.write(16, 5, "Pembina / IV.a")
    ws.write(17, 5, "NIP. 19790303 200501 1 007")
    wb.close()
    return path


def merged_multirow(path: Path) -> Path:
    """Sasaran merged over several rows; NO merged too; an indicator whose long name wraps into the row below
    (row 10, no values there); target/realisasi typed with thousands dots.

    Planted: F9 capaian 95,00% for 2.500 / 2.310 (should be 92,40%).
    """
    wb, ws = _new(path, "PK")
    _rows(ws, 1, [
        ["PENGUKURAN KINERJA TAHUN 2024"],
        ["DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KABUPATEN GOWA"],
        [],
        ["NO", "SASARAN", "INDIKATOR KINERJA", "TARGET", "REALISASI", "CAPAIAN", "PENJELASAN"],
        [1, "Meningkatnya kualitas pelayanan administrasi kependudukan",
         "Persentase penduduk yang memiliki KTP-el", "98%", "98,6%", "100,61%", ""],
        ["", "", "Persentase anak yang memiliki KIA", "40%", "44,2%", "110,50%", ""],
        ["", "", "Persentase kepemilikan akta kelahiran anak usia 0-18 tahun", "95%", "93,1%", "98,00%", ""],
        [2, "Meningkatnya pemanfaatan data kependudukan", "Jumlah lembaga pengguna yang memanfaatkan data",
         "25 lembaga", "27 lembaga", "108,00%", ""],
        ["", "", "Jumlah dokumen kependudukan yang diterbitkan melalui layanan", "2.500", "2.310", "95,00%", ""],
        ["", "", "jemput bola", "", "", "", ""],
    ])
    ws.merge_cells("A5:A7")
    ws.merge_cells("B5:B7")
    ws.merge_cells("A8:A10")
    ws.merge_cells("B8:B10")
    _signature(ws, 13, 5, SIGN_2024)
    wb.save(path)
    return path


def sheet_per_quarter(path: Path) -> Path:
    """One sheet per quarter ('TW I'..'TW IV'), same table, cumulative realisasi.

    Planted: 'TW III'!F6 capaian 80,00% for 100 / 72 (should be 72,00%).
    """
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    real = {"TW I": (20, 1), "TW II": (45, 2), "TW III": (72, 3), "TW IV": (101, 4)}
    for name, (r, q) in real.items():
        ws = wb.create_sheet(name)
        cap = f"{r:.2f}".replace(".", ",") + "%"
        if name == "TW III":
            cap = "80,00%"
        _rows(ws, 1, [
            [f"PENGUKURAN KINERJA TRIWULAN {['I', 'II', 'III', 'IV'][q - 1]} TAHUN 2024"],
            ["DINAS SOSIAL KABUPATEN GOWA"],
            [],
            ["NO", "SASARAN", "INDIKATOR KINERJA", "TARGET", "REALISASI", "CAPAIAN"],
            ["Sasaran Strategis"],
            [1, "Meningkatnya perlindungan sosial", "Persentase PPKS yang mendapat bantuan sosial", "100%",
             f"{r}%", cap],
        ])
        _signature(ws, 9, 5, SIGN_2024)
    wb.save(path)
    return path


def seed_style_percent_format(path: Path) -> Path:
    """Percent cells stored as ratios with a '0.00%' format (as Excel does when a user types 97,31%), a
    number row '(1) (2) ...' under the header, and PROGRAM / ANGGARAN as two lists.

    Planted: F9 capaian 0,9 (90,00%) for 50 / 40 (should be 80,00%).
    """
    wb, ws = _new(path, "PK 2024")
    pct = "0.00%"
    _rows(ws, 1, [
        ["PENGUKURAN KINERJA TAHUN 2024"],
        ["KECAMATAN BONTONOMPO KABUPATEN GOWA"],
        [],
        ["NO", "SASARAN", "INDIKATOR KINERJA", "TARGET", "REALISASI", "CAPAIAN", "PENJELASAN KINERJA"],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
        ["Sasaran Strategis"],
        [1, "Meningkatnya kualitas pelayanan", "Persentase layanan PATEN tepat waktu", F(0.95, pct),
         F(0.9712, pct), F(1.0223, pct), ""],
        [2, "", "Persentase pengaduan yang ditindaklanjuti", F(1, pct), F(1, pct), F(1, pct), ""],
        [3, "", "Persentase desa yang menyampaikan laporan tepat waktu", F(0.5, pct), F(0.4, pct),
         F(0.9, pct), ""],
        [],
        ["PROGRAM"],
        [],
        ["Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"],
        ["Program Penyelenggaraan Pemerintahan dan Pelayanan Publik"],
        [],
        ["ANGGARAN"],
        [],
        [F(1612808953, "#,##0")],
        ["Rp. 415.250.000,00"],
    ])
    _signature(ws, 22, 6, (
        "Bontonompo, 26 Februari 2025",
        "CAMAT BONTONOMPO",
        "",
        "H. MUSTAMIN, S.Sos",
        "Pembina / IV.a",
        "NIP. 19700101 199303 1 010",
    ))
    wb.save(path)
    return path


LAYOUTS = {
    f.__name__: f
    for f in (
        esakip_export,
        lkjip_tabel3,
        dinas_pupr,
        puskesmas,
        bappeda,
        rsud,
        kelurahan_text,
        quarterly_columns,
        year_comparison,
        sub_kegiatan,
        polaritas_column,
        cached_formulas,
        merged_multirow,
        sheet_per_quarter,
        seed_style_percent_format,
    )
}


def kinerja_anggaran_groups(path: Path) -> Path:
    """The LKjIP efficiency table: KINERJA (Target | Realisasi | %) beside ANGGARAN (Pagu | Realisasi | %),
    two header rows; the second realisasi and % belong to the budget.

    Planted: F8 capaian 95,00 for 80 / 72 (should be 90,00).
    """
    wb, ws = _new(path, "Efisiensi")
    _rows(ws, 1, [
        ["PENGUKURAN KINERJA DAN ANGGARAN TAHUN 2024"],
        ["DINAS PERTANIAN KABUPATEN GOWA"],
        [],
        ["NO", "SASARAN", "INDIKATOR KINERJA", "KINERJA", "", "", "ANGGARAN", "", ""],
        ["", "", "", "TARGET", "REALISASI", "CAPAIAN (%)", "PAGU (Rp)", "REALISASI (Rp)", "SERAPAN (%)"],
        [1, "Meningkatnya produksi pertanian", "Produksi padi", "185.000 ton", "192.400 ton", "104,00",
         "Rp 2.450.000.000", "Rp 2.301.500.000", "93,94"],
        [2, "", "Produktivitas jagung", "5,8 ton/ha", "5,6 ton/ha", "96,55", "Rp 1.200.000.000",
         "Rp 1.104.000.000", "92,00"],
        [3, "", "Persentase kelompok tani yang aktif", "80%", "72%", "95,00", "Rp 350.000.000", "Rp 329.000.000",
         "94,00"],
    ])
    for rng in ("A4:A5", "B4:B5", "C4:C5", "D4:F4", "G4:I4"):
        ws.merge_cells(rng)
    _signature(ws, 11, 7, SIGN_2024)
    wb.save(path)
    return path


def sasaran_heading_rows(path: Path) -> Path:
    """No SASARAN column: each sasaran is a full-width heading row ('Sasaran Strategis 1 : ...') merged across
    the table, its indicators below it.

    Planted: E8 capaian 110,00% for 20 / 21 (should be 105,00%).
    """
    wb, ws = _new(path, "PK")
    _rows(ws, 1, [
        ["PENGUKURAN KINERJA TAHUN 2024"],
        ["DINAS PARIWISATA DAN KEBUDAYAAN KABUPATEN GOWA"],
        [],
        ["NO", "INDIKATOR KINERJA", "TARGET", "REALISASI", "CAPAIAN", "KETERANGAN"],
        ["Sasaran Strategis 1 : Meningkatnya kunjungan wisatawan"],
        [1, "Jumlah kunjungan wisatawan nusantara", "450.000 orang", "472.350 orang", "104,97%", ""],
        ["Sasaran Strategis 2 : Meningkatnya pelestarian budaya"],
        [2, "Jumlah event budaya yang terselenggara", "20 event", "21 event", "110,00%", ""],
        [3, "Jumlah cagar budaya yang ditetapkan", "4 objek", "4 objek", "100%", ""],
    ])
    ws.merge_cells("A5:F5")
    ws.merge_cells("A7:F7")
    _signature(ws, 12, 5, SIGN_2024)
    wb.save(path)
    return path


def two_signatures(path: Path) -> Path:
    """A PK signed by two parties: PIHAK KEDUA (Bupati, no NIP) on the left, PIHAK PERTAMA (Kepala Dinas,
    with NIP and pangkat) on the right; mixed percent forms (text '100%', number 100, ratio 0.985 with '0%').

    Planted: pangkat 'Penata Muda / III.c' (III/c is Penata): pangkat-golongan.
    """
    wb, ws = _new(path, "PK 2024")
    _rows(ws, 1, [
        ["PENGUKURAN PERJANJIAN KINERJA TAHUN 2024"],
        ["DINAS PERPUSTAKAAN DAN KEARSIPAN KABUPATEN GOWA"],
        [],
        ["NO", "SASARAN", "INDIKATOR KINERJA", "SATUAN", "TARGET", "REALISASI", "CAPAIAN"],
        ["Sasaran Strategis"],
        [1, "Meningkatnya minat baca masyarakat", "Tingkat Gemar Membaca Masyarakat", "nilai", "62,50", "64,12",
         "102,59%"],
        [2, "", "Persentase arsip yang terkelola sesuai standar", "%", "100%", 100, "100%"],
        [3, "", "Persentase perangkat daerah yang tertib arsip", "%", F(0.95, "0%"), F(0.935, "0.0%"),
         F(0.9842, "0.00%")],
    ])
    _rows(ws, 11, [
        ["", "PIHAK KEDUA", "", "", "PIHAK PERTAMA"],
        ["", "BUPATI GOWA", "", "", "Sungguminasa, 15 Januari 2025"],
        ["", "", "", "", "KEPALA DINAS PERPUSTAKAAN DAN KEARSIPAN"],
        [],
        [],
        ["", "Dr. ADNAN PURICHTA ICHSAN, S.H., M.H.", "", "", "HASNAWATI, S.Sos., M.Si"],
        ["", "", "", "", "Penata Muda / III.c"],
        ["", "", "", "", "NIP. 19810412 200604 2 011"],
    ])
    wb.save(path)
    return path


def target_column_wrong_year(path: Path) -> Path:
    """Title 2024 but the header still says 'Target 2023 | Realisasi 2023' (last year's file reused), and
    a summary row 'Rata-rata capaian' under the indicators.

    Planted: year-mismatch (D4/E4 say 2023, the title 2024).
    """
    wb, ws = _new(path, "PK")
    _rows(ws, 1, [
        ["PENGUKURAN KINERJA KECAMATAN SOMBA OPU TAHUN 2024"],
        [],
        ["NO", "SASARAN", "INDIKATOR KINERJA", "TARGET 2023", "REALISASI 2023", "CAPAIAN (%)"],
        [1, "Meningkatnya pelayanan publik", "Indeks Kepuasan Masyarakat", "82", "83,5", "101,83"],
        [2, "", "Persentase penyelesaian sengketa batas desa", "100", "100", "100,00"],
        ["", "Rata-rata capaian", "", "", "", "100,91"],
    ])
    _signature(ws, 9, 5, (
        "Sungguminasa, 12 Februari 2025",
        "CAMAT SOMBA OPU",
        "",
        "ANDI RIZKY, S.STP., M.Si",
        "Penata Tk. I / III.d",
        "NIP. 19880808 201001 1 003",
    ))
    wb.save(path)
    return path


LAYOUTS.update({f.__name__: f for f in (kinerja_anggaran_groups, sasaran_heading_rows, two_signatures,
                                         target_column_wrong_year)})


# ------------------------------------------------------------------------------------------------ helpers

_CACHE: dict[str, Any] = {}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """run(name) -> FileReport of that layout, built and checked once per module (nothing written)."""
    folder = tmp_path_factory.mktemp("field")

    def _run(name: str):
        if name not in _CACHE:
            path = LAYOUTS[name](folder / f"{name}.xlsx")
            fr = pk_excel.check(path).files[0]
            assert fr.status != "error", fr.error
            _CACHE[name] = fr
        return _CACHE[name]

    return _run


def serious(fr, sheet: bool = False) -> set[tuple]:
    """(rule, cell) of every error and warning; with sheet=True, (rule, sheet, cell)."""
    return {
        (f.rule, f.sheet, f.cell) if sheet else (f.rule, f.cell)
        for f in fr.findings
        if f.severity in ("error", "warning")
    }


def by_row(fr) -> dict[int, Any]:
    return {i.row: i for i in fr.document.indicators}


def rows_of(fr) -> list[int]:
    return [i.row for i in fr.document.indicators]


# ------------------------------------------------------------------------------------------------ e-SAKIP export


def test_esakip_export_reading(run):
    fr = run("esakip_export")
    ind = by_row(fr)
    assert rows_of(fr) == [2, 3, 4, 5, 6]
    assert ind[3].sasaran == "Meningkatnya akuntabilitas kinerja" and ind[3].sasaran_carried
    assert ind[6].sasaran == "Meningkatnya kualitas pelayanan publik"
    assert ind[6].satuan == "inovasi"
    assert (ind[2].target.number, ind[2].realisasi.number, ind[2].capaian.number) == (70, 72.5, 103.57)


def test_esakip_export_findings(run):
    fr = run("esakip_export")
    assert serious(fr) == {("capaian-wrong", "F3"), ("label-contradicts-value", "G5")}
    g5 = next(f for f in fr.findings if f.cell == "G5")
    assert "Sedang" in g5.message()


# ------------------------------------------------------------------------------------------------ LKjIP Tabel 3.x


def test_lkjip_tabel3_planted_error_found(run):
    fr = run("lkjip_tabel3")
    assert ("capaian-wrong", "F15") in serious(fr)
    assert fr.document.year == 2024
    assert fr.document.signature.golongan == "IV/c"


def test_lkjip_tabel3_two_tables(run):
    fr = run("lkjip_tabel3")
    assert len(fr.document.tables) == 2
    assert rows_of(fr) == [6, 7, 12, 13, 15]


def test_lkjip_tabel3_no_false_warnings(run):
    fr = run("lkjip_tabel3")
    assert serious(fr) == {("capaian-wrong", "F15")}


def test_lkjip_tabel3_sasaran_from_caption(run):
    ind = by_row(run("lkjip_tabel3"))
    assert ind[6].sasaran == "Meningkatnya akses pendidikan dasar"
    assert ind[15].sasaran == "Meningkatnya mutu pendidikan"


# ------------------------------------------------------------------------------------------------ Dinas PUPR


def test_dinas_pupr_reading(run):
    fr = run("dinas_pupr")
    ind = by_row(fr)
    assert fr.document.unit == "DINAS PEKERJAAN UMUM DAN PENATAAN RUANG KABUPATEN GOWA"
    assert fr.document.year == 2024
    assert (ind[8].target.number, ind[8].realisasi.number, ind[8].satuan) == (312.4, 318.75, "km")
    assert all(i.level == "strategis" for i in ind.values())
    assert ind[12].polaritas == ind[13].polaritas == "negatif"
    assert ind[9].polaritas == "negatif"  # from its typed capaian


def test_dinas_pupr_no_false_positives(run):
    fr = run("dinas_pupr")
    assert serious(fr) <= {("capaian-wrong", "G10"), ("polarity-inverted", "G10"), ("capaian-wrong", "G12")}
    assert ("capaian-wrong", "G12") in serious(fr)


def test_dinas_pupr_rusak_is_negative(run):
    fr = run("dinas_pupr")
    assert by_row(fr)[10].polaritas == "negatif"
    assert {r for r, c in serious(fr) if c == "G10"}


# ------------------------------------------------------------------------------------------------ Puskesmas


def test_puskesmas(run):
    fr = run("puskesmas")
    ind = by_row(fr)
    assert [ind[r].polaritas for r in (6, 7, 8, 9)] == ["negatif"] * 4
    assert ind[12].polaritas == "positif"  # "kasus ... yang ditangani"
    assert ind[8].target.number == 14.2 and ind[8].realisasi.number == 12.9
    assert serious(fr) == {("capaian-wrong", "F9"), ("capaian-wrong", "F12")}
    assert fr.document.signature.golongan == "III/d"


# ------------------------------------------------------------------------------------------------ Bappeda


def test_bappeda_macro_indicators(run):
    fr = run("bappeda")
    ind = by_row(fr)
    assert fr.document.year == 2023
    assert ind[6].polaritas == "positif" and ind[9].polaritas == "positif"
    assert ind[7].polaritas == ind[8].polaritas == ind[10].polaritas == "negatif"
    assert (ind[10].target.number, ind[10].realisasi.number) == (0.365, 0.372)
    assert ind[8].sasaran == "Menurunnya kemiskinan dan pengangguran"
    assert serious(fr) == {("capaian-wrong", "G8")}


# ------------------------------------------------------------------------------------------------ RSUD


def test_rsud(run):
    fr = run("rsud")
    ind = by_row(fr)
    assert ind[5].target.kind == "range" and ind[5].status == "tercapai"
    assert ind[9].target.number == 60 and ind[9].status == "tercapai"
    assert ind[7].polaritas == "negatif"
    assert serious(fr) == {("capaian-wrong", "G9")}


# ------------------------------------------------------------------------------------------------ kelurahan


def test_kelurahan_text_targets(run):
    fr = run("kelurahan_text")
    ind = by_row(fr)
    assert all(i.level == "program" for i in ind.values())
    assert ind[6].status == "tidak dapat dihitung"  # a text target: no capaian, and no error on it
    assert ind[8].satuan == "kali"
    assert serious(fr) == {("capaian-wrong", "F10"), ("keterangan-contradicts", "G10")}


# ------------------------------------------------------------------------------------------------ quarterly columns


def test_quarterly_columns_reads_tw_iv(run):
    fr = run("quarterly_columns")
    ind = by_row(fr)
    assert rows_of(fr) == [7, 8, 9]
    assert [ind[r].realisasi.number for r in (7, 8, 9)] == [101.2, 12.6, 94]
    assert ind[7].cells["realisasi"].coord == "H7"


def test_quarterly_columns_no_false_errors(run):
    assert serious(run("quarterly_columns")) == {("capaian-wrong", "I9")}


# ------------------------------------------------------------------------------------------------ year comparison


def test_year_comparison_reads_this_year(run):
    fr = run("year_comparison")
    ind = by_row(fr)
    assert [ind[r].cells["realisasi"].coord for r in (5, 6, 7)] == ["F5", "F6", "F7"]
    assert ind[7].realisasi.number == 90.2
    assert serious(fr) == {("capaian-wrong", "G7")}


# ------------------------------------------------------------------------------------------------ Sub Kegiatan


def test_sub_kegiatan_levels_and_programs(run):
    fr = run("sub_kegiatan")
    ind = by_row(fr)
    assert [ind[r].level for r in (6, 8, 10, 12, 13, 14)] == [
        "strategis", "program", "kegiatan", "subkegiatan", "subkegiatan", "subkegiatan"]
    assert ind[14].sasaran == "Tersusunnya laporan kunjungan kerja"
    assert [(p.name[:20], p.anggaran.number) for p in fr.document.programs] == [
        ("Program Penunjang Ur", 12_450_000_000), ("Program Dukungan Pel", 8_735_250_000)]
    assert fr.document.signature.golongan == "IV/c"
    assert serious(fr) == {("capaian-wrong", "G14")}


# ------------------------------------------------------------------------------------------------ Polaritas column


def test_polaritas_column(run):
    fr = run("polaritas_column")
    ind = by_row(fr)
    assert [(ind[r].polaritas, ind[r].polaritas_source) for r in (4, 5, 7, 8)] == [
        ("positif", "kolom"), ("negatif", "kolom"), ("positif", "kolom"), ("negatif", "kolom")]
    assert serious(fr) == {("capaian-wrong", "H6")}


# ------------------------------------------------------------------------------------------------ cached formulas


def test_cached_formulas(run):
    fr = run("cached_formulas")
    ind = by_row(fr)
    assert ind[5].capaian.number == pytest.approx(2.85 / 2.6 * 100)  # the cached result is read
    assert ind[9].formula_result == pytest.approx(110)  # XlsxWriter's cached 0 is not trusted
    assert ("formula-reference", "G8") in serious(fr)
    assert {c for _, c in serious(fr)} == {"G8"}
    assert ("formula-recomputed", "G9") in {(f.rule, f.cell) for f in fr.findings}


# ------------------------------------------------------------------------------------------------ merged rows


def test_merged_multirow_sasaran_carried(run):
    fr = run("merged_multirow")
    ind = by_row(fr)
    assert ind[7].sasaran == "Meningkatnya kualitas pelayanan administrasi kependudukan" and ind[7].sasaran_carried
    assert (ind[9].target.number, ind[9].realisasi.number) == (2500, 2310)
    assert ("capaian-wrong", "F9") in serious(fr)


def test_merged_multirow_wrapped_name(run):
    fr = run("merged_multirow")
    assert rows_of(fr) == [5, 6, 7, 8, 9]
    assert by_row(fr)[9].indikator.endswith("layanan jemput bola")
    assert serious(fr) == {("capaian-wrong", "F9")}


# ------------------------------------------------------------------------------------------------ sheet per quarter


def test_sheet_per_quarter(run):
    fr = run("sheet_per_quarter")
    assert [(i.sheet, i.realisasi.number) for i in fr.document.indicators] == [
        ("TW I", 20), ("TW II", 45), ("TW III", 72), ("TW IV", 101)]
    assert serious(fr, sheet=True) == {("capaian-wrong", "TW III", "F6")}


# ------------------------------------------------------------------------------------------------ percent formats


def test_percent_format_and_program_lists(run):
    fr = run("seed_style_percent_format")
    ind = by_row(fr)
    assert (ind[7].target.number, ind[7].realisasi.number, ind[7].capaian.number) == pytest.approx(
        (95, 97.12, 102.23))
    assert [p.anggaran.number for p in fr.document.programs] == [1_612_808_953, 415_250_000]
    assert serious(fr) == {("capaian-wrong", "F9")}


# ------------------------------------------------------------------------------------------------ kinerja | anggaran


def test_kinerja_anggaran_reads_kinerja_realisasi(run):
    fr = run("kinerja_anggaran_groups")
    ind = by_row(fr)
    assert [ind[r].cells["realisasi"].coord for r in (6, 7, 8)] == ["E6", "E7", "E8"]
    assert ind[6].realisasi.number == 192_400


def test_kinerja_anggaran_no_false_errors(run):
    assert serious(run("kinerja_anggaran_groups")) == {("capaian-wrong", "F8")}


def test_capaian_wrong_message_explains_money(tmp_path):
    from conftest import build_pk

    path = build_pk(tmp_path / "rp.xlsx", ["Sasaran Strategis", [
        "1", "Meningkatnya PAD", "Realisasi penerimaan retribusi", "Rp 1.000.000.000", "Rp 900.000.000", "95%", ""]])
    fr = pk_excel.check(path).files[0]
    [f] = [f for f in fr.findings if f.rule == "capaian-wrong"]
    assert "()" not in f.message() and "()" not in f.message("en")
    assert "900.000.000" in f.message()


# ------------------------------------------------------------------------------------------------ sasaran heading rows


def test_sasaran_heading_rows_planted_error(run):
    assert ("capaian-wrong", "E8") in serious(run("sasaran_heading_rows"))


def test_sasaran_heading_rows_reading(run):
    fr = run("sasaran_heading_rows")
    ind = by_row(fr)
    assert fr.document.tables[0].columns.get("no") == 1
    assert rows_of(fr) == [6, 8, 9]
    assert ind[6].sasaran == "Meningkatnya kunjungan wisatawan"
    assert ind[9].sasaran == "Meningkatnya pelestarian budaya"
    assert ind[6].level == "strategis"


# ------------------------------------------------------------------------------------------------ two signatures


def test_two_signatures_and_percent_forms(run):
    fr = run("two_signatures")
    ind = by_row(fr)
    sig = fr.document.signature
    assert (sig.name, sig.nip, sig.golongan) == ("HASNAWATI, S.Sos., M.Si", "198104122006042011", "III/c")
    assert (ind[8].target.number, ind[8].realisasi.number, ind[8].capaian.number) == pytest.approx((95, 93.5, 98.42))
    assert serious(fr) == {("pangkat-golongan", "E17")}


# ------------------------------------------------------------------------------------------------ wrong-year header


def test_target_column_wrong_year(run):
    fr = run("target_column_wrong_year")
    assert rows_of(fr) == [4, 5]  # the 'Rata-rata capaian' row is a summary, not an indicator
    assert {r for r, _ in serious(fr)} == {"year-mismatch"}


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_every_layout_is_checked_without_internal_error(run, name):
    fr = run(name)
    assert fr.status in ("ok", "findings")
    assert all(f.message() and f.message("en") for f in fr.findings)
