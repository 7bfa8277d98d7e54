"""Builds the sample PK measurement workbooks in samples/ (run: python samples/build_samples.py [OUT_DIR]).

Each workbook is typed the way real authors type theirs, with openpyxl, so formulas carry no cached results
(like a file never opened in Excel). The output is byte-reproducible: the document dates and the zip entry
times are fixed. samples/README.md lists what each sample holds and which slips are planted in it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

HERE = Path(__file__).resolve().parent
FIXED_TIME = dt.datetime(2024, 3, 1, 8, 0, 0)
ZIP_TIME = (2024, 3, 1, 8, 0, 0)

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(bold=True)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
CENTER_TOP = Alignment(horizontal="center", vertical="top", wrap_text=True)
HEAD_FILL = PatternFill("solid", fgColor="D9D9D9")

SAMPLES = ("pk-kecamatan-bajeng-2023.xlsx", "pk-dinas-kesehatan-2024.xlsx", "pk-kelurahan-2024.xlsx",
           "evaluasi-renja-dinas-pupr-2025.xlsx")


# ----------------------------------------------------------------------------------------------- helpers


def _new_book(title: str, sheet: str) -> tuple[Workbook, Worksheet]:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    props = wb.properties
    props.creator = "Sub Bagian Perencanaan"
    props.lastModifiedBy = "Sub Bagian Perencanaan"
    props.title = title
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    return wb, ws


def _widths(ws: Worksheet, widths: dict[str, float]) -> None:
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width


def _put(ws: Worksheet, ref: str, value: Any, *, fmt: str | None = None, font: Font | None = None,
         align: Alignment | None = None) -> None:
    cell = ws[ref]
    cell.value = value
    if fmt:
        cell.number_format = fmt
    if font:
        cell.font = font
    if align:
        cell.alignment = align


def _row(ws: Worksheet, row: int, first_col: int, values: Sequence[Any]) -> None:
    """Write values left to right from first_col; None leaves the cell empty."""
    for i, value in enumerate(values):
        if value is not None:
            ws.cell(row=row, column=first_col + i, value=value)


def _style_block(ws: Worksheet, rows: Iterable[int], first_col: int, last_col: int, *,
                 border: bool = True, align: Alignment = WRAP_TOP) -> None:
    for r in rows:
        for c in range(first_col, last_col + 1):
            cell = ws.cell(row=r, column=c)
            if border:
                cell.border = BOX
            cell.alignment = align


def _header(ws: Worksheet, row: int, first_col: int, texts: Sequence[str]) -> None:
    for i, text in enumerate(texts):
        cell = ws.cell(row=row, column=first_col + i, value=text)
        cell.font = BOLD
        cell.alignment = CENTER
        cell.border = BOX
        cell.fill = HEAD_FILL


def _fit_rows(ws: Worksheet, rows: Iterable[int]) -> None:
    """Set row heights for wrapped text, as Excel does when the author types (openpyxl cannot measure).

    Merged cells are left out: their text spreads over several columns or rows.
    """
    ranges = list(ws.merged_cells.ranges)
    for r in rows:
        lines = 1
        for cell in ws[r]:
            text = cell.value
            if not isinstance(text, str) or text.startswith("=") or not cell.alignment.wrap_text:
                continue
            if any(cell.coordinate in rng for rng in ranges):
                continue
            width = ws.column_dimensions[get_column_letter(cell.column)].width or 8.43
            lines = max(lines, -(-len(text) // max(int(width * 1.1), 1)))
        if lines > 1:
            ws.row_dimensions[r].height = 13 * lines + 2


def _save(wb: Workbook, path: Path) -> Path:
    """Save with fixed dates: openpyxl stamps `modified` and the zip entry times with the clock."""
    buf = io.BytesIO()
    wb.save(buf)
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp.encode() + rb"\g<2>",
                    data,
                )
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, data)
    path.write_bytes(out.getvalue())
    return path


# ------------------------------------------------------------------------ a) Kecamatan Bajeng, as typed

BAJENG_HEADERS = (
    "NO", "SASARAN", "INDIKATOR KINERJA", "TARGET", "REALISASI", "CAPAIAN", "PENJELASAN KINERJA",
)

# The source table as its authors typed it: every value is text. (sasaran, indikator, target, realisasi,
# capaian, penjelasan); NO stays empty.
BAJENG_ROWS: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = (
    ("Sasaran Strategis", (
        ("Meningkatnya kepuasan masyarakat terhadap pelayanan publik", "Indeks Kepuasan Masyarakat (IKM)",
         "85,00 (Baik)", "82, 71 (Baik)", "97,31%", "Hasil SKM Tahun 2023"),
        ("Meningkatkan akuntabilitas penyelenggaraan pemerintahan kecamatan", "Nilai SAKIP",
         "BB", "N/A", "N/A", "Belum ada nilai LHE dari Inspektorat"),
    )),
    ("Sasaran Program", (
        ("Meningkatnya sarana dan prasana pelayanan publik memadai",
         "Jumlah sarana dan prasarana yang memadai",
         "6 unit", "6 unit", "100%",
         "ruang pelayanan, loket pelayanan, ruang tunggu, area parkir, jalan landai, dan toilet ramah "
         "disabilitas"),
        ("Tersedianya prosedur pelayanan yang efisien", "Persentase layanan yang memiliki SOP",
         "100%", "100%", "100%", "11 Layanan dengan 11 SOP"),
        ("Meningkatnya pelayanan kepada masyarakat sesuai standar pelayanan", "Persentase layanan sesuai SP",
         "100%", "100%", "100%", "Pelayanan berdasarkan Standar Pelayanan"),
        ("Meningkatnya tindak lanjut pengaduan masyarakat",
         "Persentase tindak lanjut pengaduan yang tersedia",
         "100%", "100%", "100%", "Jumlah pengaduan sebanyak 1 pengaduan yang telah ditindaklanjuti."),
        ("Meningkatnya usulan masyarakat yang diakomodir", "Persentase usulan masyarakat yang diakomodir",
         "65 usulan", "38 usulan", "58,46%", "65 usulan terealisasi dari target 38 usulan"),
        ("Meningkatnya evaluasi pelayanan", "Persentase hasil SKM yang ditindaklanjuti",
         "100%", "100%", "100%", "Hasil SKM telah ditindaklanjuti"),
    )),
    ("Sasaran Kegiatan", (
        ("Tersedianya sarana pelayanan yang memadai", "Jumlah sarana pelayanan yang tersedia",
         "4 unit", "4 unit", "100%", "Ruang pelayanan, loket pelayanan, ruang tunggu, area parkir."),
        ("Tersedianya sarana bagi kelompok rentan", "Jumlah sarana bagi kelompok rentan",
         "2 unit", "2 unit", "100%", "Jalan landai dan toilet ramah disabilitas"),
        ("Terbentuknya tim penyusun SOP", "Jumlah tim penyusunan SOP", "1 tim", "1 tim", "100%",
         "Tim penyusun SOP berdasarkan SK Camat Nomor: 02/Kep-KSO/III/2023 tentang Pembentukan Tim Penyusun "
         "Standar Operaional Prosedur (SOP) Pelayanan Kec. Bajeng"),
        ("Tersedianya SOP pelayanan di setiap jenis pelayanan", "Jumlah SOP pelayanan yang disusun",
         "11 SOP", "11 SOP", "100%",
         "SOP Pelayanan Kec. Bajeng berjumlah 11 SOP sesuai dengan jumlah layanan."),
        ("Tersedianya maklumat pelayanan", "Jumlah maklumat pelayanan yang tersedia", "1 dokumen", "-", "0%",
         "Penanggung jawab bagian pelayanan belum menyusun maklumat pelayanan."),
        ("Terlaksananya forum konsultasi publik", "Jumlah unsur masyarakat yang hadir dalam FKP",
         "5 unsur masyarakat", "-", "0%",
         "FKP tidak dilaksanakan karena tidak ada penambahan SP atau revisi SP."),
    )),
)

# After a blank line the source lost its NO cell: these rows sit one column to the left.
BAJENG_SHIFTED: tuple[tuple[str, ...], ...] = (
    ("Terverifikasinya pengaduan masyarakat", "Persentase pengaduan yang diverifikasi",
     "100%", "100%", "100%",
     "Pengaduan langsung maupun online"),
    ("Terlaksananya tindak lanjut pengaduan masyarakat", "Persentase pengaduan yang ditindaklanjuti",
     "100%", "100%", "100%", "Jumlah pengaduan sebanyak 1 pengaduan yang telah ditindaklanjuti."),
    ("Tersalurkannya usulan masyarakat dalam perencanaan pembangunan", "Jumlah usulan masyarakat",
     "65 usulan", "38 usulan", "58,46%", "Jumlah usulan 58,46% dari jumlah usulan yang ditargetkan"),
    ("Terlaksananya survei kepuasan masyarakat", "Jumlah pengguna layanan yang mengisi kuesioner",
     "300 orang", "300 orang", "100,00%", "300 orang pengguna layanan yang mengisi kuesioner"),
)
BAJENG_PROGRAMS = (
    "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
    "Program Pemberdayaan Masyarakat Desa dan Kelurahan",
)
BAJENG_ANGGARAN = ("3.447.564.346", "1.612.808.953")
BAJENG_SIGNATURE = (
    "Bajeng, 26 Februari 2024",
    "CAMAT BAJENG",
    None,
    None,
    None,
    "SITI HAERANI, S.Sos",
    "NIP. 19711010 199312 2003",
    "Pangkat : Pembina / IV.a",
)


def build_bajeng(path: Path) -> Path:
    wb, ws = _new_book("Pengukuran Perjanjian Kinerja Tahun 2023 Kecamatan Bajeng", "PK 2023")
    _widths(ws, {"A": 18, "B": 32, "C": 32, "D": 14, "E": 14, "F": 11, "G": 44})
    titles = ("PENGUKURAN PERJANJIAN KINERJA TAHUN 2023", "KECAMATAN BAJENG KABUPATEN GOWA")
    for row, text in enumerate(titles, start=1):
        _put(ws, f"A{row}", text, font=Font(bold=True, size=12), align=CENTER)
        ws.merge_cells(f"A{row}:G{row}")
    _header(ws, 4, 1, BAJENG_HEADERS)

    row = 5
    for label, items in BAJENG_ROWS:
        _put(ws, f"A{row}", label, font=BOLD)
        _style_block(ws, [row], 1, 7)
        row += 1
        for item in items:
            _row(ws, row, 2, item)
            _style_block(ws, [row], 1, 7)
            row += 1
    row += 1  # the blank line of the source
    for item in BAJENG_SHIFTED:
        _row(ws, row, 1, item)
        _style_block(ws, [row], 1, 7)
        row += 1

    # PROGRAM and ANGGARAN as two lists, in order, the way the source lists them.
    row += 1
    _put(ws, f"B{row}", "PROGRAM", font=BOLD)
    row += 2
    for name in BAJENG_PROGRAMS:
        _put(ws, f"B{row}", name)
        row += 1
    row += 1
    _put(ws, f"B{row}", "ANGGARAN", font=BOLD)
    row += 2
    for amount in BAJENG_ANGGARAN:
        _put(ws, f"B{row}", amount, align=Alignment(horizontal="left"))
        row += 1

    row += 1
    for i, text in enumerate(BAJENG_SIGNATURE):
        r = row + i
        if text is not None:
            font = Font(bold=True, underline="single") if text.startswith("SITI") else None
            _put(ws, f"F{r}", text, font=font, align=Alignment(horizontal="center"))
        ws.merge_cells(f"F{r}:G{r}")

    _fit_rows(ws, range(1, ws.max_row + 1))
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    return _save(wb, path)


# ----------------------------------------------------------------------- b) Dinas Kesehatan, two-row header

DINAS_UNIT = "DINAS KESEHATAN KABUPATEN SUKAMAJU"
PCT = "0.00%"


def build_dinas(path: Path) -> Path:
    wb, ws = _new_book("Pengukuran Kinerja Dinas Kesehatan 2024", "Pengukuran Kinerja")
    _widths(ws, {"A": 7, "B": 30, "C": 40, "D": 13, "E": 16, "F": 16, "G": 13, "H": 40})
    titles = ("PENGUKURAN PERJANJIAN KINERJA TAHUN 2024", "DINAS KESEHATAN", "KABUPATEN SUKAMAJU")
    for i, text in enumerate(titles, start=1):
        _put(ws, f"A{i}", text, font=Font(bold=True, size=12), align=CENTER)
        ws.merge_cells(f"A{i}:H{i}")

    # Two-row header: single columns merged down, "KINERJA TAHUN 2024" merged across its three columns.
    for col, text in (("A", "NO"), ("B", "SASARAN STRATEGIS"), ("C", "INDIKATOR KINERJA UTAMA"),
                      ("D", "SATUAN"), ("H", "PENJELASAN")):
        _put(ws, f"{col}5", text)
        ws.merge_cells(f"{col}5:{col}6")
    _put(ws, "E5", "KINERJA TAHUN 2024")
    ws.merge_cells("E5:G5")
    _row(ws, 6, 5, ("TARGET", "REALISASI", "CAPAIAN (%)"))
    _row(ws, 7, 1, [f"({i})" for i in range(1, 9)])
    ws.row_dimensions[5].height = 18
    ws.row_dimensions[6].height = 18
    for r in (5, 6, 7):
        for c in range(1, 9):
            cell = ws.cell(row=r, column=c)
            cell.border = BOX
            cell.alignment = CENTER
            if r < 7:
                cell.font = BOLD
                cell.fill = HEAD_FILL

    # (row, no, sasaran, indikator, satuan, target, realisasi, capaian, penjelasan, value format)
    # Sections: (row, roman numeral, label).
    sections = ((8, "I", "SASARAN STRATEGIS"), (13, "II", "SASARAN PROGRAM"), (19, "III", "SASARAN KEGIATAN"),
                (24, "IV", "SASARAN SUB KEGIATAN"))
    rows: tuple[tuple[Any, ...], ...] = (
        (9, 1, "Meningkatnya derajat kesehatan masyarakat", "Angka Kematian Ibu (AKI)", "per 100.000 KH",
         98, 86, "=ROUND((2*E9-F9)/E9*100,2)", "6 kematian ibu dari 6.977 kelahiran hidup", None),
        (10, 2, None, "Angka Kematian Bayi (AKB)", "per 1.000 KH", 12, 13.47, "=E10/F10*100",
         "94 kematian bayi dari 6.977 kelahiran hidup", None),
        (11, 3, None, "Prevalensi Stunting", "%", 0.215, 0.238, "=ROUND((2*E11-F11)/E11*100,2)",
         "Hasil SSGI 2024; prevalensi naik", PCT),
        (12, 4, "Meningkatnya umur harapan hidup", "Usia Harapan Hidup (UHH)", "tahun", 70.5, 70.82,
         "=IFERROR(F12/E12*100,0)", "Data BPS Kabupaten Sukamaju", None),
        (14, 1, "Meningkatnya upaya kesehatan masyarakat",
         "Persentase desa/kelurahan UCI (Universal Child Immunization)", "%", 0.95, 0.9731,
         "=ROUND(F14/E14*100,2)", "146 dari 150 desa/kelurahan mencapai UCI", PCT),
        (15, 2, None, "Jumlah kasus DBD", "kasus", 120, 134, 111.67,
         "Kasus DBD meningkat pada musim hujan triwulan I", None),
        (16, 3, None, "Persentase ibu hamil mendapatkan pelayanan antenatal sesuai standar", "%", 100, 94.6,
         "=F16/E16*100", "Kunjungan K6 belum merata di wilayah kepulauan", None),
        (17, 4, "Meningkatnya mutu pelayanan kesehatan",
         "Indeks Kepuasan Masyarakat (IKM) pelayanan kesehatan", "nilai", 85, "90,12 (Baik)", 106.02,
         "Hasil SKM 19 puskesmas", None),
        (18, 5, None, "Persentase puskesmas terakreditasi paripurna", "%", 50, 47.37, "=ROUND(F18/E18*100,2)",
         "9 dari 19 puskesmas terakreditasi paripurna", None),
        (20, "1.1", "Meningkatnya cakupan imunisasi dasar",
         "Persentase bayi usia 0-11 bulan yang mendapat imunisasi dasar lengkap", "%", 95, 92.4,
         "=F20/E20*100", "6.124 dari 6.628 bayi", None),
        (21, "1.2", "Terkendalinya penyakit menular",
         "Persentase orang terduga TBC mendapatkan pelayanan sesuai standar", "%", 100, 87.3,
         "=F22/E22*100", "Pelacakan kontak belum optimal", None),
        (22, "1.3", None, "Persentase kasus DBD yang ditangani sesuai standar", "%", 100, 100,
         "=ROUND(F22/E22*100,2)", "Seluruh kasus ditangani", None),
        (23, "2.1", "Meningkatnya ketersediaan obat dan perbekalan kesehatan",
         "Persentase ketersediaan obat esensial di puskesmas", "%", 0.9, 0.93, 130.33,
         "Pengadaan melalui e-katalog", "0%"),
        (25, "1.1.1", "Terlaksananya pelayanan imunisasi",
         "Jumlah bayi yang mendapatkan imunisasi dasar lengkap",
         "orang", 6628, 6124, "=IFERROR(F25/E25*100,0)", "Sweeping imunisasi dilaksanakan triwulan IV", None),
        (26, "1.1.2", "Tersedianya data surveilans penyakit", "Jumlah dokumen laporan surveilans", "dokumen",
         12, 12, "=IFERROR(F26/E26*100,0)", "Laporan bulanan lengkap", None),
        (27, "2.1.1", "Terdistribusinya obat ke fasilitas kesehatan",
         "Jumlah puskesmas yang menerima distribusi obat", "puskesmas", 19, 19, 100, "Distribusi triwulanan",
         None),
        (28, "2.1.2", "Terlaksananya pemantauan penggunaan obat rasional",
         "Jumlah laporan pemantauan penggunaan obat rasional", "laporan", 4, "-", "=IFERROR(F28/E28*100,0)",
         "Laporan triwulan IV belum diterima", None),
    )
    for r, roman, label in sections:
        _put(ws, f"A{r}", roman, font=BOLD)
        _put(ws, f"B{r}", label, font=BOLD)
        ws.merge_cells(f"B{r}:H{r}")
        _style_block(ws, [r], 1, 8)
    for r, no, sasaran, indikator, satuan, target, realisasi, capaian, penjelasan, vfmt in rows:
        _row(ws, r, 1, (no, sasaran, indikator, satuan, target, realisasi, capaian, penjelasan))
        _style_block(ws, [r], 1, 8)
        for col in "ADEFG":
            ws[f"{col}{r}"].alignment = CENTER_TOP
        if vfmt:
            ws[f"E{r}"].number_format = vfmt
            ws[f"F{r}"].number_format = vfmt
        ws[f"G{r}"].number_format = "0.00"
    # A sasaran spanning its indicator rows, merged vertically.
    for span in ("B9:B11", "B14:B16", "B17:B18", "B21:B22"):
        ws.merge_cells(span)

    # PROGRAM / ANGGARAN side by side, amounts as numbers.
    _header(ws, 30, 1, ("NO", "PROGRAM"))
    _header(ws, 30, 5, ("ANGGARAN (Rp)", "REALISASI (Rp)", "SERAPAN (%)", "KETERANGAN"))
    _style_block(ws, [30], 3, 4, align=CENTER)
    ws.merge_cells("B30:D30")
    programs = (
        ("Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", 28456120500, 26982331750, "APBD"),
        ("Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat", 41238900000,
         38117455210, "APBD, DAK"),
        ("Program Peningkatan Kapasitas Sumber Daya Manusia Kesehatan", 1250000000, 1198760000, "APBD"),
        ("Program Sediaan Farmasi, Alat Kesehatan dan Makanan Minuman", 875500000, 812430500, "APBD"),
        ("Program Pemberdayaan Masyarakat Bidang Kesehatan", 640000000, 601225000, "APBD"),
    )
    for i, (name, pagu, real, ket) in enumerate(programs):
        r = 31 + i
        _row(ws, r, 1, (i + 1, name, None, None, pagu, real, f"=ROUND(F{r}/E{r}*100,2)", ket))
        ws.merge_cells(f"B{r}:D{r}")
    _row(ws, 36, 1, ("JUMLAH", None, None, None, "=SUM(E31:E35)", "=SUM(F31:F35)", "=ROUND(F36/E36*100,2)"))
    ws.merge_cells("A36:D36")
    _style_block(ws, range(31, 37), 1, 8)
    for r in range(31, 37):
        ws[f"E{r}"].number_format = "#,##0"
        ws[f"F{r}"].number_format = "#,##0"
        ws[f"G{r}"].number_format = "0.00"
        ws[f"A{r}"].alignment = CENTER_TOP
    ws["A36"].font = BOLD
    ws["A36"].alignment = Alignment(horizontal="right")

    signature = (
        (38, "Sukamaju, 17 Februari 2025", None),
        (39, "KEPALA DINAS KESEHATAN", BOLD),
        (40, "KABUPATEN SUKAMAJU", BOLD),
        (44, "dr. ANDI MUHAMMAD RIZAL, M.Kes", Font(bold=True, underline="single")),
        (45, "Pembina Utama Muda (IV/c)", None),
        (46, "NIP. 19750312 200212 1 004", None),
    )
    for r, text, font in signature:
        _put(ws, f"F{r}", text, font=font, align=Alignment(horizontal="center"))
        ws.merge_cells(f"F{r}:H{r}")

    ws.freeze_panes = "A8"
    ws.print_title_rows = "5:7"
    _fit_rows(ws, range(1, ws.max_row + 1))
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    return _save(wb, path)


# --------------------------------------------------------------------- c) Kelurahan: table from column B


def build_kelurahan(path: Path) -> Path:
    wb, ws = _new_book("Pengukuran Kinerja Kelurahan Bukit Indah 2024", "Lampiran")
    _widths(ws, {"A": 3, "B": 6, "C": 30, "D": 36, "E": 15, "F": 13, "G": 13, "H": 26})
    titles = (
        "LAPORAN PENGUKURAN KINERJA TAHUN 2024",
        "KELURAHAN BUKIT INDAH",
        "KECAMATAN SUKAMAJU TIMUR KOTA SUKAMAJU",
    )
    for i, text in enumerate(titles, start=1):
        _put(ws, f"B{i}", text, font=Font(bold=True, size=12), align=CENTER)
        ws.merge_cells(f"B{i}:H{i}")
    _put(ws, "B5", "Tabel 3.1 Pengukuran Kinerja Kelurahan Bukit Indah Tahun 2024", font=Font(italic=True))
    _header(ws, 7, 2, ("No.", "Sasaran", "Indikator Kinerja", "Target Kinerja Tahunan", "Realisasi",
                       "% Capaian Kinerja", "Keterangan"))

    sections = ((8, "Sasaran Strategis"), (12, "Sasaran Program"), (16, "Sasaran Kegiatan"))
    rows: tuple[tuple[Any, ...], ...] = (
        (9, "1.", "Meningkatnya kualitas pelayanan publik kelurahan", "Indeks Kepuasan Masyarakat (IKM)",
         "A", "B", "n/a", "Belum tercapai"),
        (10, "2.", None, "Persentase layanan administrasi yang selesai tepat waktu", "80 - 90 %", "87,5 %",
         "100 %", "Tercapai"),
        (11, "3.", "Meningkatnya akuntabilitas kinerja kelurahan", "Nilai AKIP kelurahan", "BB", "B",
         "\u2013",
         "Belum tercapai"),
        (13, "1.", "Meningkatnya partisipasi masyarakat dalam perencanaan pembangunan",
         "Persentase kehadiran unsur masyarakat dalam Musrenbang kelurahan", "75 %", "82.71 %", "110,28 %",
         "Tercapai"),
        (14, "2.", None, "Jumlah kegiatan gotong royong yang terlaksana", "12 kali", "10 kali", "83,33 %",
         "Belum tercapai"),
        (15, "3.", "Terwujudnya ketenteraman dan ketertiban umum",
         "Jumlah gangguan trantibum yang tertangani",
         "24 kasus", "\u2013", "\u2013", "Data belum direkap"),
        (17, "1.", "Terlaksananya pemutakhiran data kependudukan", "Persentase data penduduk yang mutakhir",
         "100 %", "96,4 %", "96,40 %", "Belum tercapai"),
        (18, "2.", None, "Jumlah dokumen profil kelurahan", "1 dokumen", "1 dokumen", "100 %", "Tercapai"),
        (19, "3.", "Meningkatnya kecepatan pelayanan surat keterangan",
         "Rata-rata waktu penyelesaian surat keterangan", "30 menit", "25 menit", "116,67 %", "Tercapai"),
        (20, "4.", "Terlaksananya pemberdayaan kelompok masyarakat", "Jumlah kelompok PKK yang dibina",
         "8 kelompok", "n/a", "n/a", "Laporan belum masuk"),
    )
    for r, label in sections:
        _put(ws, f"B{r}", label, font=Font(bold=True, italic=True))
        ws.merge_cells(f"B{r}:H{r}")
        _style_block(ws, [r], 2, 8)
    for r, *values in rows:
        _row(ws, r, 2, values)
        _style_block(ws, [r], 2, 8)
        for col in "BEFG":
            ws[f"{col}{r}"].alignment = CENTER_TOP

    _header(ws, 22, 2, ("No.", "Program", None, "Anggaran", "Keterangan"))
    ws.merge_cells("C22:D22")
    programs = (
        ("1.", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", "Rp 1,5 M", "APBD"),
        ("2.", "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik", "Rp. 275.000.000", "APBD"),
        ("3.", "Program Pemberdayaan Masyarakat Desa dan Kelurahan", "Rp 425 juta", "APBD (Dana Kelurahan)"),
    )
    for i, (no, name, amount, ket) in enumerate(programs):
        r = 23 + i
        _row(ws, r, 2, (no, name, None, amount, ket))
        ws.merge_cells(f"C{r}:D{r}")
    _style_block(ws, range(23, 26), 2, 6)

    signature = (
        (28, "Sukamaju, 20 Januari 2025", None),
        (29, "LURAH BUKIT INDAH", BOLD),
        (33, "MUHAMMAD ARIF, S.STP., M.Si", Font(bold=True, underline="single")),
        (34, "Penata Tk. I (III/d)", None),
        (35, "NIP. 198604122008011002", None),
    )
    for r, text, font in signature:
        _put(ws, f"G{r}", text, font=font, align=Alignment(horizontal="center"))
        ws.merge_cells(f"G{r}:H{r}")

    _fit_rows(ws, range(1, ws.max_row + 1))
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    return _save(wb, path)


def build_renja(path: Path) -> Path:
    """The Permendagri 86/2017 form 'Evaluasi terhadap hasil Renja', filled after TW IV (see README.md)."""
    wb, ws = _new_book("Evaluasi Hasil Renja Dinas PUPR 2025", "Evaluasi Renja TW IV")
    _widths(ws, {"A": 4, "B": 22, "C": 11, "D": 30, "E": 30, "F": 9})
    for col in range(7, 27):
        ws.column_dimensions[get_column_letter(col)].width = 9 if col % 2 else 13
    ws.column_dimensions["AA"].width = 16
    titles = (
        "EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH",
        "DINAS PEKERJAAN UMUM DAN PENATAAN RUANG KABUPATEN SUKAMAJU",
        "PERIODE PELAKSANAAN: TAHUN 2025 (TRIWULAN IV)",
    )
    for i, text in enumerate(titles, start=1):
        _put(ws, f"A{i}", text, font=Font(bold=True, size=12), align=CENTER)
        ws.merge_cells(f"A{i}:AA{i}")
    groups = (
        ("G", "H", "Target Renstra Perangkat Daerah pada Tahun 2026 (Akhir Periode Renstra Perangkat Daerah)"),
        ("I", "J", "Realisasi Capaian Kinerja Renstra Perangkat Daerah sampai dengan Renja Perangkat Daerah "
                   "Tahun Lalu (2024)"),
        ("K", "L", "Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan (2025) yang Dievaluasi"),
        ("M", "T", "Realisasi Kinerja Pada Triwulan"),
        ("U", "V", "Realisasi Capaian Kinerja dan Anggaran Renja Perangkat Daerah yang Dievaluasi"),
        ("W", "X", "Realisasi Kinerja dan Anggaran Renstra Perangkat Daerah s/d Tahun 2025"),
        ("Y", "Z", "Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra Perangkat Daerah s/d Tahun 2025 (%)"),
    )
    _header(ws, 5, 1, ("No", "Sasaran", "Kode", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan",
                       "Indikator Kinerja Program (outcome)/ Kegiatan (output)", "Satuan"))
    _header(ws, 5, 27, ("Unit Perangkat Daerah Penanggung Jawab",))
    for first, last, text in groups:
        _header(ws, 5, col_index(first), (text,))
        ws.merge_cells(f"{first}5:{last}{5 if first == 'M' else 6}")
    for i, q in enumerate(("I", "II", "III", "IV")):
        c = 13 + 2 * i
        _header(ws, 6, c, (q,))
        ws.merge_cells(start_row=6, start_column=c, end_row=6, end_column=c + 1)
    for col in "ABCDEF":
        ws.merge_cells(f"{col}5:{col}7")
    ws.merge_cells("AA5:AA7")
    _header(ws, 7, 7, ["K", "Rp"] * 10)
    numbers = [1, 2, 3, 4, 5, "", 6, "", 7, "", 8, "", 9, "", 10, "", 11, "", 12, "", "13 = 9+10+11+12", "",
               "14 = 7+13", "", "15 = 14/6 x 100", "", 16]
    _header(ws, 8, 1, [str(n) for n in numbers])
    rows: tuple[tuple[Any, ...], ...] = (
        (9, None, None, "1.03", "URUSAN PEMERINTAHAN BIDANG PEKERJAAN UMUM DAN PENATAAN RUANG"),
        (10, 1, "Meningkatnya kualitas infrastruktur jalan", "1.03.10",
         "Program Penyelenggaraan Jalan", "Persentase jalan kabupaten dalam kondisi mantap", "%",
         85, 60_000_000_000, 78, 9_800_000_000, 80, 11_000_000_000, 76, 1_400_000_000, 77, 3_000_000_000,
         79, 3_300_000_000, 81, 3_000_000_000, 81, 10_700_000_000, 81, 20_500_000_000, "95,29", "34,17",
         "Bidang Bina Marga"),
        (11, 2, None, "1.03.10.2.01", "Kegiatan Penyelenggaraan Jalan Kabupaten/Kota",
         "Panjang jalan yang direkonstruksi", "km", 60, 40_000_000_000, 22, 7_000_000_000, 12,
         8_000_000_000, 2, 1_000_000_000, 3, 2_000_000_000, 4, 2_500_000_000, 3, 2_300_000_000, 12,
         7_800_000_000, 34, 14_800_000_000, "65,67", "37,00", "Bidang Bina Marga"),
        (12, 3, None, "1.03.10.2.02", "Kegiatan Pembangunan Jembatan",
         "Jumlah jembatan yang dibangun", "unit", 10, 15_000_000_000, 4, 2_800_000_000, 2, 3_000_000_000,
         0, 0, 1, 1_200_000_000, 0, 800_000_000, 1, 900_000_000, 0, 2_900_000_000, 4, 5_700_000_000,
         "40,00", "38,00", "Bidang Bina Marga"),
        (13, 4, "Meningkatnya layanan air minum", "1.03.03", "Program Pengelolaan dan Pengembangan Sistem "
         "Penyediaan Air Minum", "Persentase rumah tangga dengan akses air minum layak", "%",
         90, 25_000_000_000, 71, 4_100_000_000, 76, 5_000_000_000, 72, 600_000_000, 73, 1_400_000_000,
         75, 1_500_000_000, 77, 1_400_000_000, 77, 4_900_000_000, 77, 9_000_000_000, "85,56", "36,00",
         "Bidang Cipta Karya"),
    )
    for r, *values in rows:
        _row(ws, r, 1, values)
        _style_block(ws, [r], 1, 27)
        for c in range(7, 27):
            if isinstance(ws.cell(r, c).value, (int, float)):
                ws.cell(r, c).number_format = "#,##0"
    _put(ws, "A15", "Rata-rata capaian kinerja Renstra (%)", font=BOLD)
    ws.merge_cells("A15:X15")
    _put(ws, "Y15", "71,63")
    _put(ws, "A16", "Predikat kinerja", font=BOLD)
    ws.merge_cells("A16:X16")
    _put(ws, "Y16", "Sedang")
    signature = (
        (19, "Sukamaju, 15 Januari 2026", None),
        (20, "KEPALA DINAS PEKERJAAN UMUM DAN PENATAAN RUANG", BOLD),
        (24, "Ir. HENDRA WIJAYA, M.T.", Font(bold=True, underline="single")),
        (25, "Pembina Tk. I / IV.b", None),
        (26, "NIP.", None),
    )
    for r, text, font in signature:
        _put(ws, f"W{r}", text, font=font)
    ws["X26"] = 197203152000031000  # typed as a number: Excel kept 15 digits
    ws["X26"].number_format = "0"
    _fit_rows(ws, range(5, 14))
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.freeze_panes = "G9"
    return _save(wb, path)


def col_index(letter: str) -> int:
    from openpyxl.utils import column_index_from_string

    return column_index_from_string(letter)


# ---------------------------------------------------------------------------------------------- entry


def build(out_dir: str | Path = HERE) -> list[Path]:
    """Write the samples into out_dir; return their paths in SAMPLES order."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    builders = (build_bajeng, build_dinas, build_kelurahan, build_renja)
    return [builder(out / name) for builder, name in zip(builders, SAMPLES)]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    for path in build(args[0] if args else HERE):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
