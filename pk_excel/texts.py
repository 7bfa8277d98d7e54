"""What pk-excel says to its users, in Bahasa Indonesia (the default) and English: one place for the texts.

A `Text` is the pair; `pick(text, lang)` says it in one language (filling `{name}` fields when given) and
`Text.format` fills both, e.g. for a `PkError`, which carries both messages: ``PkError(code, *text.format(...))``.
So far the running stage (command line, collect, pool, progress, watch, the page's refusals), the report,
the configuration and the rekap say their texts from here (the page's own words are `web/texts.py`'s, as pairs);
the other stages keep their own until they move them here (see docs/DESIGN.md).
Severity words are in `severity.py`. Nothing here imports anything: every stage may use it.
"""

from __future__ import annotations

from typing import Final, Literal, NamedTuple

Lang = Literal["id", "en"]
LANGS: Final[tuple[Lang, ...]] = ("id", "en")


class Text(NamedTuple):
    """One message in both languages. Fields are written `{name}`, as for str.format."""

    id: str
    en: str

    def format(self, **fields: object) -> Text:
        """Both languages with their `{name}` fields filled."""
        return Text(self.id.format(**fields), self.en.format(**fields))

    def prefixed(self, prefix: str) -> Text:
        """Both languages after the same prefix (a file's name: ``"x.xlsx: "``)."""
        return Text(prefix + self.id, prefix + self.en)


def lang_of(lang: str | None) -> Lang:
    """Any language asked (None, "", "id", "en", ...) as one pk-excel speaks: English only when asked."""
    return "en" if lang == "en" else "id"


def pick(text: Text, lang: str | None, /, **fields: object) -> str:
    """`text` in `lang` (Indonesian unless "en"), with its `{name}` fields filled when any are given."""
    said = text.en if lang == "en" else text.id
    return said.format(**fields) if fields else said


# --- counting: "2 kesalahan", "2 errors" ----------------------------------------------------------------------

# English nouns take an "s" when there is not exactly one; Indonesian nouns do not change.
NOUNS: Final[dict[str, Text]] = {
    "error": Text("kesalahan", "error"),
    "warning": Text("peringatan", "warning"),
    "info": Text("info", "info"),
    "file": Text("berkas", "file"),
    "indicator": Text("indikator", "indicator"),
    "finding": Text("temuan", "finding"),
}


def counted(n: int, noun: str, lang: str | None = "id") -> str:
    """'1 error', '2 errors', '0 errors'; '2 kesalahan'. "info" stays as it is in both languages."""
    word = pick(NOUNS[noun], lang)
    if lang == "en" and n != 1 and noun != "info":
        word += "s"
    return f"{n} {word}"


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
    "Perhatian: komputer lain dapat membuka halaman ini melalui {host}.",
    "Note: other computers can reach this page through {host}.",
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

# --- the page's refusals of what a visitor sent (web/jobs.py) -------------------------------------------------

UPLOAD_TOO_LARGE = Text(
    "berkas terlalu besar (batas {mb} MB); pisahkan isinya menjadi beberapa buku kerja.",
    "the file is too large (limit {mb} MB); split it into smaller workbooks.",
)
ARCHIVE_DAMAGED = Text("{shown}: arsip rusak ({reason}); buat ulang berkas .zip-nya.",
                       "{shown}: the archive is damaged ({reason}); make the .zip again.")
ARCHIVE_EMPTY = Text("{shown}: arsip ini tidak berisi buku kerja ({kinds}).",
                     "{shown}: the archive holds no workbook ({kinds}).")
REKAP_NAME = Text("rekap-pk.xlsx", "pk-summary.xlsx")  # the rekap a visitor downloads
# A hint to edit pk-excel.toml, said to a visitor (who cannot edit the server's) as what they can do instead.
CONFIG_HINTS_FOR_VISITORS: Final[tuple[tuple[str, str], ...]] = (
    ("jika berkas ini memang asli, naikkan batasnya di [batas] pk-excel.toml",
     "jika berkas ini memang asli, minta pengelola halaman ini menaikkan batasnya"),
    ("if the file is genuine, raise the limit under [batas] in pk-excel.toml",
     "if the file is genuine, ask whoever runs this page to raise the limit"),
    ("pisahkan isinya atau naikkan batas max_file_bytes di [batas] pk-excel.toml.",
     "pisahkan isinya menjadi beberapa berkas."),
    ("split it, or raise max_file_bytes under [batas] in pk-excel.toml.", "split it into several files."),
)
