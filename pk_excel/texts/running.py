"""The running stage's texts: the command line, collect, pool, progress, watch, the report, the
configuration, the rekap."""

from __future__ import annotations

from typing import Final

from .core import Text

# --- the command line ---------------------------------------------------------------------------------------

OUT_NOT_A_FOLDER = Text(
    "{out}: bukan folder; pilih folder lain dengan --out.",
    "{out}: not a folder; choose another folder with --out.",
)
OUT_CANNOT_BE_MADE = Text(
    "{out}: folder keluaran tidak dapat dibuat ({reason}); pilih folder lain dengan --out.",
    "{out}: the output folder cannot be created ({reason}); choose another folder with --out.",
)
INTERRUPTED_KEPT = Text(
    "Dihentikan. Salinan yang sudah selesai tetap tersimpan.", "Interrupted. Finished copies are kept."
)
INTERRUPTED = Text("Dihentikan.", "Interrupted.")
NO_WORKBOOKS = Text(
    "{where}: tidak ada berkas .xlsx, .xlsm, .xls, atau .ods di sini; sebutkan berkas buku kerja atau folder "
    "yang berisinya.",
    "{where}: no .xlsx, .xlsm, .xls or .ods files here; name a workbook file or a folder that holds workbooks.",
)
ONLY_OWN_OUTPUTS = Text(
    "{where}: hanya ada {n} berkas hasil pk-excel yang belum diubah (salinan tervalidasi, rekap, templat); "
    "berkas itu tidak diperiksa lagi. Periksa berkas aslinya, atau ubah dan simpan salinannya lebih dulu.",
    "{where}: only {n} pk-excel output(s) nobody has changed (validated copies, rekap, template); they are not "
    "checked again. Check the original workbooks, or edit and save a copy first.",
)
REKAP_ALSO_WRITTEN = Text("Rekap: {path}", "Summary workbook: {path}")
REKAP_WRITTEN = Text("Rekap ditulis: {path}", "Summary workbook written: {path}")
RULE_USUALLY = Text("bawaan", "usually")
TEMPLATE_NOT_XLSX = Text(
    "{target}: nama templat harus berakhiran .xlsx (mis. {example}).",
    "{target}: the template's name must end in .xlsx (e.g. {example}).",
)
TEMPLATE_NOT_WRITTEN = Text(
    "{target}: templat tidak dapat ditulis ({reason}).", "{target}: the template cannot be written ({reason})."
)
TEMPLATE_WRITTEN = Text("Templat ditulis: {path}", "Template written: {path}")
TEMPLATE_YEAR = Text("tahun tidak valid: {tahun} (contoh: 2025)", "invalid year: {tahun} (e.g. 2025)")
TEMPLATE_EXISTS = Text(
    "{out}: berkas sudah ada dan tidak ditimpa; pilih nama lain atau tambahkan --force untuk menggantinya",
    "{out}: the file exists and is not overwritten; choose another name or add --force to replace it",
)
FOLDER_NOT_FOUND = Text("{folder}: folder tidak ditemukan.", "{folder}: folder not found.")
WATCHING = Text("Memantau {folder} (Ctrl-C untuk berhenti)...", "Watching {folder} (Ctrl-C to stop)...")
STOPPED = Text("Berhenti.", "Stopped.")
WEB_MISSING = Text(
    'Halaman web memerlukan paket tambahan ({names}); pasang dengan: pip install "pk-excel[web]"',
    'The web page needs extra packages ({names}); install them with: pip install "pk-excel[web]"',
)
WEB_CANNOT_START = Text(
    "{where}: halaman web tidak dapat dibuka ({reason}); pilih port lain dengan --port.",
    "{where}: the web page cannot be started ({reason}); choose another port with --port.",
)
WEB_OPEN = Text(
    "pk-excel: buka {url} di peramban. Tekan Ctrl-C untuk berhenti.",
    "pk-excel: open {url} in your browser. Ctrl-C to stop.",
)
WEB_OPEN_TO_OTHERS = Text(
    "Perhatian: komputer lain di jaringan ini dapat membuka halaman ini di {url} - gunakan hanya di jaringan "
    "kantor yang tepercaya.",
    "Note: other computers on this network can open this page at {url} - use it only on a trusted office "
    "network.",
)

# --- checking many files: collect, pool, progress -----------------------------------------------------------

FILE_NOT_FOUND = Text("{path}: berkas tidak ditemukan", "{path}: file not found")
INTERNAL_ERROR = Text(
    "{path}: terjadi kesalahan internal saat memeriksa berkas ini ({detail})",
    "{path}: internal error while checking this file ({detail})",
)
FAILED = Text("GAGAL", "FAILED")  # a file that could not be checked, in a progress line
N_FAILED = Text("{n} gagal", "{n} failed")
CHECKING = Text("Memeriksa", "Checking")

# --- the report on the terminal -----------------------------------------------------------------------------

REPORT_SEVERITY = Text("Tingkat", "Severity")
REPORT_CELL = Text("Sel", "Cell")
REPORT_RULE = Text("Aturan", "Rule")
REPORT_MESSAGE = Text("Pesan", "Message")
REPORT_OUTPUT = Text("Salinan tervalidasi: {path}", "Validated copy: {path}")
REPORT_CLEAN = Text("Tidak ada temuan.", "No findings.")
REPORT_MORE = Text(
    "... dan {more} lain (lihat lembar Temuan pada salinan tervalidasi).",
    "... and {more} more (see the Temuan sheet of the validated copy).",
)
REPORT_TOTAL = Text(
    "Jumlah: {files}, {errors}, {warnings}, {failed} gagal diperiksa",
    "Total: {files}, {errors}, {warnings}, {failed} could not be checked",
)

# --- the configuration (pk-excel.toml) ----------------------------------------------------------------------
# Each is said after the configuration file's name ("pk-excel.toml: ...").

CONFIG_IS_A_FOLDER = Text("berkas konfigurasi yang disebut adalah folder", "the configuration named is a folder")
CONFIG_NOT_FOUND = Text("berkas konfigurasi tidak ditemukan", "configuration file not found")
CONFIG_UNREADABLE = Text("konfigurasi tidak dapat dibaca ({reason})", "configuration cannot be parsed ({reason})")
CONFIG_UNKNOWN_SECTION = Text("bagian tidak dikenal: {names}", "unknown section(s): {names}")
CONFIG_LANG = Text("lang harus 'id' atau 'en'", "lang must be 'id' or 'en'")
CONFIG_NOT_A_TABLE = Text("[{section}] harus berupa tabel", "[{section}] must be a table")
CONFIG_POLARITY = Text(
    "polaritas '{name}' harus positif atau negatif", "polarity of '{name}' must be positif or negatif"
)
CONFIG_UNKNOWN_KEY = Text("kunci tidak dikenal di [{section}]: {key}", "unknown key in [{section}]: {key}")
CONFIG_NOT_POSITIVE = Text("{key} harus angka positif", "{key} must be a positive number")
CONFIG_PREDIKAT = Text(
    "[predikat] harus berupa tabel label = batas bawah", "[predikat] must be a table of label = lower bound"
)
CONFIG_YEAR = Text("tabel.tahun harus tahun empat angka", "tabel.tahun must be a four-digit year")
CONFIG_UNKNOWN_ROLE = Text(
    "peran kolom tidak dikenal di [tabel.kolom]: {role}", "unknown role in [tabel.kolom]: {role}"
)
CONFIG_COLUMN_LETTER = Text(
    'tabel.kolom.{role} harus huruf kolom, mis. "J"', 'tabel.kolom.{role} must be a column letter, e.g. "J"'
)
CONFIG_RULES_TABLE = Text(
    '[aturan] harus berupa tabel ID aturan = "off" | "error" | "warning" | "info"',
    '[aturan] must be a table of rule ID = "off" | "error" | "warning" | "info"',
)
CONFIG_UNKNOWN_RULE = Text(
    "aturan tidak dikenal: aturan.{key} (lihat daftar dengan `pk-excel rules`)",
    "unknown rule: aturan.{key} (see the list with `pk-excel rules`)",
)
CONFIG_RULE_LEVEL = Text(
    'aturan.{key} harus "off", "error", "warning", atau "info" (bukan {level})',
    'aturan.{key} must be "off", "error", "warning" or "info" (not {level})',
)

# --- the rekap (rekap.py): its columns, the words in its cells --------------------------------------------

REKAP_FILE_COLUMNS: Final[tuple[Text, ...]] = (
    Text("Berkas", "File"),
    Text("Unit", "Unit"),
    Text("Tahun", "Year"),
    Text("Indikator", "Indicators"),
    Text("Kesalahan", "Errors"),
    Text("Peringatan", "Warnings"),
    Text("Info", "Info"),
    Text("Rata-rata capaian (%)", "Mean capaian (%)"),
    Text("Tercapai (%)", "Tercapai (%)"),
    Text("Status pemeriksaan", "Check status"),
    Text("Keterangan", "Note"),
    Text("Hasil validasi", "Validated workbook"),
)
REKAP_INDICATOR_COLUMNS: Final[tuple[Text, ...]] = (
    Text("Berkas", "File"),
    Text("Unit", "Unit"),
    Text("Tingkat", "Level"),
    Text("Sasaran", "Sasaran"),
    Text("Indikator", "Indikator"),
    Text("Satuan", "Satuan"),
    Text("Target", "Target"),
    Text("Realisasi", "Realisasi"),
    Text("Capaian tercatat (%)", "Capaian as typed (%)"),
    Text("Capaian hitung (%)", "Capaian computed (%)"),
    Text("Polaritas", "Polarity"),
    Text("Status", "Status"),
    Text("Predikat", "Predikat"),
)
REKAP_FINDING_COLUMNS: Final[tuple[Text, ...]] = (
    Text("Berkas", "File"),
    Text("Tingkat", "Severity"),
    Text("Lembar", "Sheet"),
    Text("Sel", "Cell"),
    Text("Aturan", "Rule"),
    Text("Indikator", "Indikator"),
    Text("Pesan", "Message"),
    Text("ID aturan", "Rule ID"),
)
REKAP_CHART_COLUMNS: Final[tuple[Text, ...]] = (
    Text("Unit", "Unit"),
    Text("Rata-rata capaian (%)", "Mean capaian (%)"),
)
REKAP_CHART_TITLE = Text("Peringkat unit menurut rata-rata capaian", "Units ranked by mean capaian")
REKAP_NO_CHART = Text("Tidak ada capaian yang dapat dihitung, sehingga grafik tidak dibuat.", "No capaian could be computed, so there is no chart.")
# A table"s level (model.LEVELS), as the rekap names it.
LEVEL_NAMES: Final[dict[str, Text]] = {
    "strategis": Text("Strategis", "Strategic"),
    "program": Text("Program", "Program"),
    "kegiatan": Text("Kegiatan", "Activity"),
    "subkegiatan": Text("Sub Kegiatan", "Sub-activity"),
}
# A file"s check status (FileReport.status), as the rekap says it.
CHECK_STATUS: Final[dict[str, Text]] = {
    "ok": Text("bersih", "clean"),
    "findings": Text("ada temuan", "findings"),
    "error": Text("gagal diperiksa", "could not be checked"),
}

