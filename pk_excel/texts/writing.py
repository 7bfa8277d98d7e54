"""The writing stage's texts: an output's refusals and write failures, the conversion warning, the
validated copy's words (added columns, legend, notes, Temuan, Ringkasan, chart) and the blank template's."""

from __future__ import annotations

from typing import Final

from .core import Text

# --- writing an output (output.py: the copy, the rekap, the template) -------------------------------------------
# Each is said after the output's name.

OUTPUT_IS_INPUT = Text(
    "berkas keluaran tidak boleh sama dengan berkas masukan", "the output must not be the input file"
)
OUTPUT_EXISTS = Text(
    "berkas sudah ada dan bukan keluaran pk-excel; tidak ditimpa",
    "the file exists and is not a pk-excel output; not overwritten",
)
# What an output is called in a write error (the {what} below).
OUTPUT_COPY = Text("berkas keluaran", "the output")
OUTPUT_REKAP = Text("rekap", "the summary workbook")
OUTPUT_TEMPLATE = Text("templat", "the template")
# The {out} below, for an output whose folder `--out` can change (the validated copy).
WRITE_OR_OUT = Text(" atau pilih folder lain dengan --out", " or choose another folder with --out")
WRITE_DISK_FULL = Text(
    "disk penuh; kosongkan ruang disk{out}, lalu coba lagi", "disk full; free some space{out}, then try again"
)
WRITE_OPEN_ELSEWHERE = Text(
    "{what} tidak dapat diganti (mungkin sedang dibuka di aplikasi lain); tutup berkas itu lalu coba lagi",
    "{what} cannot be replaced (it may be open in another application); close it and try again",
)
WRITE_NOT_WRITABLE = Text(
    "folder tidak dapat ditulisi; minta izin tulis{out}", "folder is not writable; ask for write access{out}"
)
WRITE_FAILED = Text("{what} tidak dapat ditulis ({reason})", "{what} cannot be written ({reason})")
WRITE_ELSEWHERE = Text("; pilih folder lain dengan --out", "; choose another folder with --out")

# --- the validated copy of an .xls/.ods (convert.py) ------------------------------------------------------------

# What the conversion leaves behind, by the input's format: an .ods keeps its column widths, an .xls does not.
CONVERTED: Final[dict[str, Text]] = {
    "ods": Text(
        "Berkas .ods disimpan sebagai .xlsx: nilai, sel gabungan, lebar kolom, dan nama lembar terbawa; "
        "format sel, rumus (hanya hasilnya), grafik, gambar, catatan, dan makro tidak terbawa.",
        "The .ods file is saved as .xlsx: values, merged cells, column widths and sheet names are kept; "
        "cell formatting, formulas (only their results), charts, pictures, notes and macros are not.",
    ),
    "xls": Text(
        "Berkas .xls disimpan sebagai .xlsx: nilai, sel gabungan, dan nama lembar terbawa; lebar kolom, "
        "format sel, rumus (hanya hasilnya), grafik, gambar, catatan, dan makro tidak terbawa.",
        "The .xls file is saved as .xlsx: values, merged cells and sheet names are kept; column widths, "
        "cell formatting, formulas (only their results), charts, pictures, notes and macros are not.",
    ),
}

# --- the validated copy: the user's sheets (marking.py) ------------------------------------------------------

LEGEND_TITLE = Text("Keterangan warna pk-excel", "pk-excel colour legend")
# The five columns added right of each table.
ADDED_COLUMNS: Final[tuple[Text, ...]] = (
    Text("Capaian (hitung)", "Capaian (computed)"),
    Text("Selisih", "Difference"),
    Text("Status", "Status"),
    Text("Predikat", "Predikat"),
    Text("Temuan", "Findings"),
)
# An indicator's status (model: Indicator.status), in the added column and on Ringkasan; any other status is
# said as it is.
STATUS_WORDS: Final[dict[str, Text]] = {
    "tercapai": Text("tercapai", "achieved"),
    "tidak tercapai": Text("tidak tercapai", "not achieved"),
    "belum ada data": Text("belum ada data", "no data yet"),
    "tidak dapat dihitung": Text("tidak dapat dihitung", "cannot be computed"),
}
NOTE_FOUND = Text("Tercatat", "Found")  # in a cell's note, before the value found
NOTE_EXPECTED = Text("Seharusnya", "Expected")

# --- the validated copy: the Temuan and Ringkasan sheets (summary.py) ------------------------------------------

TEMUAN_COLUMNS: Final[tuple[Text, ...]] = (
    Text("No", "No"),
    Text("Tingkat", "Severity"),
    Text("Lembar", "Sheet"),
    Text("Sel", "Cell"),
    Text("Aturan", "Rule"),
    Text("Indikator", "Indikator"),
    Text("Pesan", "Message"),
    Text("Nilai tercatat", "Value found"),
    Text("Nilai seharusnya", "Expected value"),
    Text("ID aturan", "Rule ID"),
)
RINGKASAN_TITLE = Text("pk-excel: ringkasan pemeriksaan", "pk-excel: check summary")
RINGKASAN_UNIT = Text("Unit kerja", "Unit")
RINGKASAN_YEAR = Text("Tahun", "Year")
RINGKASAN_FILE = Text("Berkas", "File")
RINGKASAN_TABLE = Text("Tabel ({where})", "Table ({where})")
# A table's form (model: Table.layout), and its periods (Table.period_kind).
TABLE_LAYOUTS: Final[dict[str, Text]] = {
    "pk": Text("Pengukuran kinerja (PK/LKjIP)", "Performance measurement (PK/LKjIP)"),
    "renja": Text(
        "Evaluasi hasil Renja (Permendagri 86/2017, 54/2010)", "Renja evaluation (Permendagri 86/2017, 54/2010)"
    ),
}
TABLE_PERIODS: Final[dict[str, Text]] = {
    "triwulan": Text("triwulan", "quarters"),
    "bulan": Text("bulan", "months"),
}
# The columns compared, by role.
TABLE_ROLES: Final[dict[str, Text]] = {
    "target": Text("Target", "Target"),
    "realisasi": Text("Realisasi", "Realisasi"),
    "capaian": Text("Capaian", "Capaian"),
}
RINGKASAN_CAPAIAN_COMPUTED = Text(
    "dihitung pk-excel (tabel tidak memuat capaian tahun ini)",
    "computed by pk-excel (the table has no capaian of the year)",
)
RINGKASAN_CHECKED_AT = Text("Waktu pemeriksaan", "Checked at")
RINGKASAN_VERSION = Text("Versi pk-excel", "pk-excel version")
RINGKASAN_FINDINGS = Text("Jumlah temuan", "Findings")
RINGKASAN_BY_STATUS = Text("Indikator menurut status", "Indicators by status")
RINGKASAN_NO_STATUS = Text("Tanpa status", "No status")
RINGKASAN_MEAN_CAPAIAN = Text("Rata-rata capaian (hitung) per tingkat", "Mean capaian (computed) per level")
# A level's line under RINGKASAN_MEAN_CAPAIAN (model.LEVELS): the form's own words, in both languages.
RINGKASAN_LEVELS: Final[dict[str, Text]] = {
    "strategis": Text("Sasaran Strategis", "Sasaran Strategis"),
    "program": Text("Sasaran Program", "Sasaran Program"),
    "kegiatan": Text("Sasaran Kegiatan", "Sasaran Kegiatan"),
    "subkegiatan": Text("Sasaran Sub Kegiatan", "Sasaran Sub Kegiatan"),
}
RINGKASAN_BUDGET = Text("Anggaran", "Budget")
RINGKASAN_PROGRAMS = Text("Jumlah program", "Programs")
RINGKASAN_PAGU = Text("Total anggaran (Rp)", "Total anggaran (Rp)")
RINGKASAN_BUDGET_SPENT = Text("Total realisasi anggaran (Rp)", "Total realisasi anggaran (Rp)")
RINGKASAN_ABSORPTION = Text("Serapan anggaran (%)", "Budget absorption (%)")
RINGKASAN_SAVING = Text("Catatan penyimpanan", "Notes on saving")
RINGKASAN_ALL_KEPT = Text("Tidak ada; semua isi berkas tersimpan.", "None; everything is kept.")
# The date and time of the check: Indonesian month names (English writes its own).
MONTHS_ID: Final[tuple[str, ...]] = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
CHECKED_AT_ID = "{day} {month} {year} pukul {time}"  # in English: strftime("%d %B %Y %H:%M")
# The chart on Ringkasan: per indicator, or per predikat past summary.CHART_INDICATORS.
CHART_PER_INDICATOR = Text("Capaian (hitung) per indikator, %", "Capaian (computed) per indicator, %")
CHART_INDICATOR = Text("Indikator", "Indikator")
CHART_PER_PREDIKAT = Text("Jumlah indikator per predikat capaian", "Indicators per capaian predikat")
CHART_PREDIKAT = Text("Predikat", "Predikat")
CHART_COUNT = Text("Jumlah indikator", "Indicators")
CHART_TOO_MANY = Text(
    "Grafik per indikator hanya dibuat untuk paling banyak {limit} indikator; berkas ini "
    'memiliki {n} indikator dengan capaian terhitung. Capaian tiap indikator ada di kolom "{column}" di kanan '
    "tabel.",
    "A chart per indicator is drawn for at most {limit} indicators; this file has {n} "
    'indicators with a computed capaian. Each one is in the column "{column}" right of the table.',
)


# --- the blank template (template.py) ------------------------------------------------------------------------
# The table itself stays in Bahasa Indonesia (a government document); these are what `lang` changes: the
# guide sheet and the input messages a user sees while typing.

TEMPLATE_GUIDE_SHEET = Text("Petunjuk", "Instructions")
TEMPLATE_VALUE_TITLE = Text("Target / Realisasi", "Target / Realisasi")
TEMPLATE_VALUE_MSG = Text(
    "Ketik angka dengan koma desimal (mis. 85,5 atau 97,31%). Boleh dengan satuan (6 unit), "
    "tetapi capaian lalu diisi manual. Belum ada data: - atau N/A.",
    "Type a number (decimal comma in Indonesian Excel, e.g. 85,5 or 97,31%). A unit is allowed "
    "(6 unit), but then type the capaian yourself. No data yet: - or N/A.",
)
TEMPLATE_POLARITY_TITLE = Text("Polaritas indikator", "Indicator polarity")
TEMPLATE_POLARITY_MSG = Text(
    "positif: makin besar makin baik (kosong = positif). negatif: makin kecil makin baik, "
    "mis. angka kematian, prevalensi stunting, jumlah kasus.",
    "positif: higher is better (empty = positif). negatif: lower is better, e.g. mortality rate, "
    "stunting prevalence, number of cases.",
)
TEMPLATE_POLARITY_ERROR = Text("Pilih positif atau negatif.", "Choose positif or negatif.")
TEMPLATE_CAPAIAN_TITLE = Text("Capaian (%)", "Capaian (%)")
TEMPLATE_CAPAIAN_MSG = Text(
    "Dihitung otomatis dari target dan realisasi. Jika target/realisasi berupa teks, isi manual.",
    "Computed from target and realisasi. If either is text, type the capaian yourself.",
)
TEMPLATE_MONEY_TITLE = Text("Anggaran (Rp)", "Anggaran (Rp)")
TEMPLATE_MONEY_MSG = Text(
    "Ketik angka rupiah tanpa Rp dan tanpa titik, mis. 1612808953.",
    "Type the amount in rupiah without Rp and without dots, e.g. 1612808953.",
)
TEMPLATE_MONEY_ERROR = Text(
    "Anggaran sebaiknya berupa angka rupiah tidak negatif. Tetap simpan?",
    "Anggaran should be a non-negative amount in rupiah. Keep it anyway?",
)
# The guide sheet: its title, then its numbered lines.
TEMPLATE_GUIDE_TITLE = Text(
    "PETUNJUK PENGISIAN FORMULIR PENGUKURAN PERJANJIAN KINERJA",
    "HOW TO FILL IN THE PERJANJIAN KINERJA MEASUREMENT FORM",
)
TEMPLATE_GUIDE_LINES: Final[tuple[Text, ...]] = (
    Text(
        "Isi lembar \"Pengukuran Kinerja\". Jangan mengubah judul kolom dan baris nomor kolom "
        "(1), (2), ...",
        "Fill in the sheet \"Pengukuran Kinerja\". Do not change the column headers or the column-number "
        "row (1), (2), ...",
    ),
    Text(
        "Satu baris untuk satu indikator kinerja. Tulis indikator di bawah bagian yang sesuai: Sasaran "
        "Strategis, Sasaran Program, Sasaran Kegiatan, atau Sasaran Sub Kegiatan. Hapus bagian yang "
        "tidak digunakan, atau biarkan kosong.",
        "One row per indicator. Write each indicator under its section: Sasaran Strategis, Sasaran "
        "Program, Sasaran Kegiatan or Sasaran Sub Kegiatan. Delete a section you do not use, or leave it "
        "empty.",
    ),
    Text(
        "Jika satu sasaran memiliki beberapa indikator, tulis sasaran pada baris pertama saja dan "
        "biarkan kolom SASARAN kosong pada baris berikutnya (atau gabungkan selnya).",
        "When one sasaran has several indicators, write the sasaran on the first row only and leave the "
        "SASARAN cell empty on the following rows (or merge the cells).",
    ),
    Text(
        "Perlu baris tambahan? Sisipkan baris di dalam bagian itu, lalu salin rumus kolom CAPAIAN (%) "
        "dari baris di atasnya.",
        "Need more rows? Insert rows inside the section, then copy the CAPAIAN (%) formula from the row "
        "above.",
    ),
    Text(
        "Tulis satuan di kolom SATUAN (%, unit, orang, dokumen, nilai, per 100.000 KH), lalu isi TARGET "
        "dan REALISASI dengan angka saja, memakai koma desimal: 85,5 bukan 85.5. Persentase boleh "
        "diketik 97,31 (satuan %) atau 97,31%.",
        "Write the unit in SATUAN (%, unit, orang, dokumen, nilai, per 100.000 KH), then type TARGET and "
        "REALISASI as plain numbers with a decimal comma in Indonesian Excel: 85,5 not 85.5. "
        "A percentage may be typed 97,31 (unit %) or 97,31%.",
    ),
    Text(
        "Belum ada data realisasi: tulis - atau N/A, jangan 0. Angka 0 berarti realisasinya memang nol.",
        "No realisasi yet: write - or N/A, not 0. Zero means the realisasi really is zero.",
    ),
    Text(
        "Kolom CAPAIAN (%) terisi otomatis: realisasi / target x 100. Jika TARGET atau REALISASI berupa "
        "teks (mis. \"6 unit\", \"BB\", \"WTP\"), rumus dikosongkan; ketik capaian secara manual.",
        "CAPAIAN (%) fills itself: realisasi / target x 100. When TARGET or REALISASI is text "
        "(\"6 unit\", \"BB\", \"WTP\"), the formula stays empty; type the capaian yourself.",
    ),
    Text(
        "Indikator negatif (makin kecil makin baik: angka kematian ibu/bayi, prevalensi stunting, "
        "angka kemiskinan, jumlah kasus, waktu penyelesaian): pilih \"negatif\" di kolom POLARITAS. "
        "Capaian lalu dihitung (2 x target - realisasi) / target x 100.",
        "Negative indicators (lower is better: maternal/infant mortality, stunting prevalence, poverty "
        "rate, number of cases, processing time): choose \"negatif\" in POLARITAS. The capaian is then "
        "(2 x target - realisasi) / target x 100.",
    ),
    Text(
        "Target berupa nilai/predikat (AA, A, BB, B; WTP; mutu A-D) ditulis apa adanya. Target rentang "
        "ditulis \"80 - 90\".",
        "Grade targets (AA, A, BB, B; WTP; quality A-D) are written as they are. A range target is "
        "written \"80 - 90\".",
    ),
    Text(
        "Di bawah tabel, isi PROGRAM beserta ANGGARAN dan REALISASI ANGGARAN dalam rupiah (angka tanpa "
        "Rp dan tanpa titik). SERAPAN (%) dan JUMLAH terhitung otomatis.",
        "Below the table, list each PROGRAM with its ANGGARAN and REALISASI ANGGARAN in rupiah (numbers "
        "without Rp and without dots). SERAPAN (%) and JUMLAH are computed.",
    ),
    Text(
        "Lengkapi blok tanda tangan: tempat dan tanggal (mis. Sungguminasa, 26 Februari 2025), jabatan, "
        "nama lengkap dengan gelar, NIP (18 angka, mis. 19711010 199312 2 003) dan pangkat/golongan "
        "(mis. Pembina / IV.a). Kepala daerah tidak mencantumkan NIP dan pangkat.",
        "Complete the signature block: place and date (e.g. Sungguminasa, 26 Februari 2025), position, "
        "full name with degrees, NIP (18 digits, e.g. 19711010 199312 2 003) and rank (e.g. "
        "Pembina / IV.a). Elected heads sign without NIP and rank.",
    ),
    Text(
        "Periksa hasil pengisian dengan perintah: pk-excel check nama-berkas.xlsx . Program akan "
        "menghitung ulang capaian dan menandai sel yang perlu diperiksa.",
        "Check the filled form with: pk-excel check file-name.xlsx . It recomputes every capaian and "
        "marks the cells to look at.",
    ),
)
