"""What pk-excel says to its users, in Bahasa Indonesia (the default) and English: one place for the texts.

A `Text` is the pair; `pick(text, lang)` says it in one language (filling `{name}` fields when given) and
`Text.format` fills both, e.g. for a `PkError`, which carries both messages: ``PkError(code, *text.format(...))``.
A field's value may itself be a `Text` (a detail, a size written in each language's style): it is said in each
language.

Here, by section: the running stage (command line, collect, pool, progress, watch), the report, the
configuration, the rekap, the web page (its words, `PAGE`, which `web/texts.py` gives the templates in one
language; its refusals of what a visitor sent), the reading stage (the guard's refusals, the workbook's), the
writing stage (an output's refusals and write failures, the conversion warning of an .xls/.ods), the validated
copy's words (added columns, legend, notes, status words, the Temuan and Ringkasan sheets, the chart) and the
blank template's (its guide sheet and input messages; the table itself stays in Bahasa Indonesia).
Not here, by design: a rule's finding messages stay with the rule (a rule is one module: ID, severity,
docstring, messages; `rules/`); severity words are `severity.py`'s.
Nothing here imports anything: every stage may use it.
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
        """Both languages with their `{name}` fields filled; a field that is itself a `Text` (a detail, a size
        written in each language's style) is said in each language."""
        return Text(self.id.format(**_said(fields, "id")), self.en.format(**_said(fields, "en")))

    def prefixed(self, prefix: str) -> Text:
        """Both languages after the same prefix (a file's name: ``"x.xlsx: "``)."""
        return Text(prefix + self.id, prefix + self.en)


def lang_of(lang: str | None) -> Lang:
    """Any language asked (None, "", "id", "en", ...) as one pk-excel speaks: English only when asked."""
    return "en" if lang == "en" else "id"


def pick(text: Text, lang: str | None, /, **fields: object) -> str:
    """`text` in `lang` (Indonesian unless "en"), with its `{name}` fields filled when any are given."""
    said = text.en if lang == "en" else text.id
    return said.format(**_said(fields, lang_of(lang))) if fields else said


def _said(fields: dict[str, object], lang: Lang) -> dict[str, object]:
    """The fields, each `Text` among them in `lang`."""
    return {k: (v.en if lang == "en" else v.id) if isinstance(v, Text) else v for k, v in fields.items()}


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

# --- the web page (web/; `web.texts.texts` gives them to the templates by language) -----------------------------
# Findings bring their own messages; the severity words are `severity.py`'s, so the page says them as the
# terminal and the copy do.

PAGE: Final[dict[str, Text]] = {
    'title': Text('Pemeriksa Perjanjian Kinerja', 'Perjanjian Kinerja checker'),
    'tagline': Text(
        'Periksa tabel pengukuran PK sebelum ditandatangani. Berkas Anda tetap di komputer ini.',
        'Check a PK measurement table before it is signed. Your files stay on this computer.',
    ),
    'noscript': Text(
        'Halaman ini memerlukan JavaScript. Aktifkan JavaScript di peramban, lalu muat ulang halaman.',
        'This page needs JavaScript. Turn it on in the browser, then reload the page.',
    ),
    'step1': Text('1. Pilih berkas', '1. Choose files'),
    'drop': Text('Tarik berkas Excel ke sini', 'Drag Excel files here'),
    'drop_or': Text('atau', 'or'),
    'choose_files': Text('Pilih berkas…', 'Choose files…'),
    'choose_folder': Text('Pilih folder…', 'Choose a folder…'),
    'accepts': Text(
        'Boleh satu berkas, beberapa berkas, satu folder, atau satu berkas .zip berisi folder (.xlsx, '
        '.xlsm, .xls, .ods). Batas {mb} MB sekali kirim.',
        'One file, several files, a folder, or one .zip of a folder (.xlsx, .xlsm, .xls, .ods). Up to {mb} '
        'MB at a time.',
    ),
    'chosen': Text('Dipilih: {n} berkas', 'Chosen: {n} files'),
    'start': Text('Periksa sekarang', 'Check now'),
    'step2': Text('2. Pemeriksaan', '2. Checking'),
    'uploading': Text('Mengunggah berkas… {pct}%', 'Uploading… {pct}%'),
    'queued': Text('Menunggu giliran…', 'Waiting for its turn…'),
    'checking': Text('Memeriksa {done} dari {total} berkas', 'Checking: {done} of {total} done'),
    'checking_now': Text('Sedang diperiksa: {name}', 'Now checking: {name}'),
    'found_so_far': Text(
        'Sejauh ini: {e} kesalahan, {w} peringatan, {x} gagal diperiksa',
        'So far: errors {e}, warnings {w}, could not be checked {x}',
    ),
    'step3': Text('3. Hasil', '3. Results'),
    'again': Text('Periksa berkas lain', 'Check other files'),
    'forget': Text('Selesai — hapus berkas dari komputer ini', 'Done — delete the files from this computer'),
    'failed_job': Text(
        'Pemeriksaan gagal karena kesalahan di pk-excel. Coba lagi; bila terulang, laporkan dengan berkasnya.',
        'The check failed because of a defect in pk-excel. Try again; if it happens again, report it with '
        'the file.',
    ),
    'expired': Text(
        'Hasil ini sudah dihapus. Pilih berkas lagi untuk memeriksa.',
        'These results were deleted. Choose files again to check them.',
    ),
    'network': Text(
        'Halaman tidak dapat menghubungi pk-excel. Apakah jendela pk-excel masih terbuka?',
        'The page cannot reach pk-excel. Is the pk-excel window still open?',
    ),
    'nothing': Text('Pilih minimal satu berkas lebih dulu.', 'Choose at least one file first.'),
    'summary': Text(
        '{f} berkas diperiksa: {e} kesalahan, {w} peringatan, {i} info, {x} gagal diperiksa.',
        'Files checked: {f}. Errors: {e}, warnings: {w}, info: {i}, could not be checked: {x}.',
    ),
    'download_all': Text('Unduh semua salinan tervalidasi (.zip)', 'Download all validated copies (.zip)'),
    'download_one': Text('Unduh salinan tervalidasi', 'Download the validated copy'),
    'download_rekap': Text('Unduh rekap (.xlsx)', 'Download the summary workbook (.xlsx)'),
    'status_error': Text('Gagal diperiksa', 'Could not be checked'),
    'status_errors': Text('Ada kesalahan', 'Errors'),
    'status_warnings': Text('Ada peringatan', 'Warnings'),
    'status_ok': Text('Bersih', 'Clean'),
    'show_details': Text('Lihat rincian ▾', 'Show details ▾'),
    'hide_details': Text('Tutup rincian ▴', 'Hide details ▴'),
    'counts': Text(
        '{e} kesalahan · {w} peringatan · {i} info · {n} indikator',
        'errors: {e} · warnings: {w} · info: {i} · indicators: {n}',
    ),
    'sev': Text('Tingkat', 'Severity'),
    'cell': Text('Sel', 'Cell'),
    'msg': Text('Pesan', 'Message'),
    'found': Text('Tertulis', 'Found'),
    'expected': Text('Seharusnya', 'Expected'),
    'rule': Text('Aturan', 'Rule'),
    'clean': Text(
        'Tidak ada temuan. Tabel ini sesuai aturan yang diperiksa.',
        'No findings. The table passes every rule checked.',
    ),
    'more': Text(
        '… dan {n} temuan lain: lihat lembar Temuan di salinan tervalidasi.',
        '… and {n} more findings: see the Temuan sheet of the validated copy.',
    ),
    'notes': Text('Catatan saat menyimpan salinan', 'Notes from saving the copy'),
    'how_read': Text(
        'Cara membaca: merah = kesalahan (angka atau pernyataan salah), kuning = peringatan (perlu '
        'dilihat), biru = info (dibaca dengan asumsi). Di salinan tervalidasi, sel yang sama diberi warna '
        'dan catatan; lembar Temuan dan Ringkasan ada di akhir.',
        'How to read it: red = error (a number or statement is wrong), yellow = warning (needs a look), '
        'blue = info (read with an assumption). The validated copy marks the same cells with colours and '
        'notes; the Temuan and Ringkasan sheets are at its end.',
    ),
    'template_title': Text('Templat kosong', 'Blank template'),
    'template_text': Text(
        'Belum punya tabel? Unduh templat standar beserta petunjuk pengisiannya.',
        'No table yet? Download the standard template with its filling guide.',
    ),
    'tahun': Text('Tahun', 'Year'),
    'unit': Text('Nama unit kerja', 'Name of the unit'),
    'unit_placeholder': Text('mis. Kecamatan Bajeng', 'e.g. Kecamatan Bajeng'),
    'template_button': Text('Unduh templat (.xlsx)', 'Download the template (.xlsx)'),
    'privacy': Text(
        'Berkas hanya diproses di komputer ini dan dihapus setelah selesai; tidak ada yang dikirim ke '
        'internet.',
        'Files are processed on this computer only and deleted when you are done; nothing goes to the '
        'internet.',
    ),
    'switch': Text('English', 'Bahasa Indonesia'),
    'error_too_big': Text(
        'Berkas yang dikirim terlalu besar (batas {mb} MB sekali kirim). Kirim lebih sedikit berkas '
        'sekaligus.',
        'The upload is too large (limit {mb} MB at a time). Send fewer files at once.',
    ),
    'error_too_many': Text(
        'Terlalu banyak berkas sekaligus (batas {n}). Bagi menjadi beberapa kiriman.',
        'Too many files at once (limit {n}). Split them into several uploads.',
    ),
    'error_busy': Text(
        'pk-excel sedang sibuk dengan banyak pemeriksaan. Tunggu sebentar lalu coba lagi.',
        'pk-excel is busy with many checks. Wait a moment and try again.',
    ),
    'error_form': Text(
        'Kiriman tidak dapat dibaca. Pilih berkas lagi lalu coba sekali lagi.',
        'The upload cannot be read. Choose the files again and retry.',
    ),
    'error_not_found': Text(
        'Hasil ini tidak ditemukan atau sudah dihapus.',
        'These results were not found or have been deleted.',
    ),
    'error_template': Text(
        'Tahun harus berupa angka antara 2000 dan 2100.',
        'The year must be a number between 2000 and 2100.',
    ),
    'error_origin': Text(
        'Permintaan ditolak: hanya halaman pk-excel sendiri yang boleh mengirim berkas.',
        "Request refused: only pk-excel's own page may send files.",
    ),
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

# --- the guard's refusals (guard.py, zipcheck.py, through refusals.py) ----------------------------------------
# Each is said after the file's name ("x.xlsx: ..."; `refusals.fail`). A size is a `Text` field
# (`refusals.size`): "1,5 MB" in Indonesian, "1.5 MB" in English.

REFUSED_NOT_FOUND = Text(
    "berkas tidak ditemukan; periksa nama dan foldernya.", "file not found; check its name and folder."
)
REFUSED_NO_ACCESS = Text(
    "berkas tidak dapat diakses ({reason}); periksa nama dan foldernya.",
    "file cannot be accessed ({reason}); check its name and folder.",
)
REFUSED_NO_PERMISSION = Text(
    "berkas tidak dapat dibaca (izin ditolak); minta izin baca atau salin berkas ke folder Anda sendiri.",
    "the file cannot be read (permission denied); ask for read access or copy it to your own folder.",
)
REFUSED_IS_A_FOLDER = Text(
    "ini sebuah folder, bukan berkas buku kerja; sebutkan berkas di dalamnya atau periksa foldernya.",
    "this is a folder, not a workbook file; name a file inside it or check the folder itself.",
)
REFUSED_NOT_A_REGULAR_FILE = Text(
    "ini bukan berkas biasa; sebutkan berkas buku kerja .xlsx.",
    "this is not a regular file; name an .xlsx workbook file.",
)
REFUSED_EMPTY = Text(
    "berkas kosong (0 byte), mungkin gagal disimpan atau diunduh; minta atau simpan ulang salinannya.",
    "the file is empty (0 bytes), perhaps a failed save or download; ask for or save a new copy.",
)
REFUSED_TOO_LARGE = Text(
    "berkas terlalu besar ({size}; batas {limit}); pisahkan isinya atau naikkan batas max_file_bytes di [batas] "
    "pk-excel.toml.",
    "the file is too large ({size}; limit {limit}); split it, or raise max_file_bytes under [batas] in "
    "pk-excel.toml.",
)
REFUSED_ARCHIVE_TOO_LARGE = Text(
    "arsip terlalu besar ({size}; batas {limit}); kirim lebih sedikit berkas.",
    "the archive is too large ({size}; limit {limit}); send fewer files.",
)
REFUSED_CORRUPT = Text(
    "berkas rusak atau tidak lengkap ({detail}); buka dan simpan ulang di Excel, atau minta salinan baru.",
    "the file is damaged or incomplete ({detail}); open and re-save it in Excel, or ask for a new copy.",
)
REFUSED_ENCRYPTED = Text(
    "buku kerja dilindungi kata sandi; buka di Excel, hapus kata sandinya (File > Info > Lindungi Buku "
    "Kerja > Enkripsi dengan Kata Sandi), simpan, lalu periksa lagi.",
    "the workbook is password-protected; open it in Excel, remove the password (File > Info > Protect "
    "Workbook > Encrypt with Password), save, and check it again.",
)
REFUSED_NOT_A_WORKBOOK = Text(
    "bukan buku kerja Excel atau LibreOffice; buka di aplikasinya lalu simpan sebagai .xlsx.",
    "not an Excel or LibreOffice workbook; open it in its application and save it as .xlsx.",
)
REFUSED_NOT_A_WORKBOOK_BUT = Text(
    "bukan buku kerja, melainkan {what}; pk-excel memeriksa berkas .xlsx, .xlsm, .xls, dan .ods: "
    "minta atau simpan versi .xlsx-nya.",
    "not a workbook but {what}; pk-excel checks .xlsx, .xlsm, .xls and .ods files: ask for or save "
    "an .xlsx version.",
)
# What a file that is not a workbook is instead (the {what} of REFUSED_NOT_A_WORKBOOK_BUT), by what shows it.
NOT_A_WORKBOOK_KINDS: Final[dict[str, Text]] = {
    "pdf": Text("berkas PDF", "a PDF file"),
    "rtf": Text("dokumen RTF", "an RTF document"),
    "png": Text("gambar PNG", "a PNG image"),
    "jpeg": Text("gambar JPEG", "a JPEG image"),
    "gif": Text("gambar GIF", "a GIF image"),
    "rar": Text("arsip RAR", "a RAR archive"),
    "7z": Text("arsip 7-Zip", "a 7-Zip archive"),
    "gzip": Text("arsip GZIP", "a GZIP archive"),
    "xml2003": Text("lembar kerja XML 2003", "an XML Spreadsheet 2003 file"),
    "html": Text("halaman web (HTML) yang diberi nama buku kerja", "a web page (HTML) named like a workbook"),
    "xml": Text("berkas XML", "an XML file"),
    "csv": Text("berkas teks (mungkin CSV)", "a text file (perhaps CSV)"),
    "text": Text("berkas teks", "a text file"),
    "odt": Text("dokumen teks OpenDocument (.odt)", "an OpenDocument text (.odt)"),
    "odp": Text("presentasi OpenDocument (.odp)", "an OpenDocument presentation (.odp)"),
    "xlsb": Text(
        "buku kerja biner Excel (.xlsb), yang belum didukung", "an Excel binary workbook (.xlsb), not yet supported"
    ),
    "docx": Text("dokumen Word", "a Word document"),
    "pptx": Text("presentasi PowerPoint", "a PowerPoint presentation"),
    "zip": Text("arsip ZIP biasa", "a plain ZIP archive"),
    "doc": Text("dokumen Word (.doc)", "a Word document (.doc)"),
    "ppt": Text("presentasi PowerPoint (.ppt)", "a PowerPoint presentation (.ppt)"),
    "ole": Text("berkas Office lama yang bukan buku kerja", "an old Office file, not a workbook"),
    "no-sheets": Text("buku kerja tanpa lembar kerja", "a workbook without worksheets"),
}
NOT_A_WORKBOOK_OPENDOCUMENT = Text("berkas OpenDocument ({mime})", "an OpenDocument file ({mime})")
# The details of REFUSED_CORRUPT. Some say the system's own reason in English only, after the English text.
CORRUPT_UNREADABLE_ID: Final = "gagal dibaca"  # in English, the system's reason alone
CORRUPT_ZIP = Text("arsip zip terpotong atau rusak", "zip archive truncated or damaged")  # English: + ": reason"
CORRUPT_OLE = Text("wadah OLE rusak", "damaged OLE container")  # English: + ": reason"
CORRUPT_NO_CONTENT = Text("content.xml tidak ada", "content.xml is missing")
CORRUPT_NO_WORKBOOK_PART = Text("bagian xl/workbook.xml tidak ada", "the part xl/workbook.xml is missing")
CORRUPT_NO_LOCAL_HEADER = Text("header bagian '{name}' tidak ditemukan", "no local header for '{name}'")
REFUSED_LOCK_FILE = Text(
    "ini berkas kunci sementara, dibuat saat '{target}' sedang dibuka{by}; "
    "periksa '{target}' sebagai gantinya (sebaiknya setelah berkas itu disimpan dan ditutup).",
    "this is a temporary lock file, created while '{target}' is open{by}; "
    "check '{target}' instead (preferably after it has been saved and closed).",
)
REFUSED_LOCK_FILE_ALONE = Text(
    "ini berkas kunci sementara Office/LibreOffice{by}, bukan buku kerja, dan buku kerjanya tidak ada "
    "di folder yang sama; abaikan berkas ini atau hapus setelah aplikasinya ditutup.",
    "this is a temporary Office/LibreOffice lock file{by}, not a workbook, and its workbook is not in "
    "the same folder; ignore it, or delete it once the application is closed.",
)
LOCK_OWNER = Text(" oleh {owner}", " by {owner}")  # the {by} of a lock file whose owner is known
REFUSED_UNSAFE_PART = Text(
    "berkas ditolak demi keamanan: bagian {part} memuat deklarasi DTD atau entitas; "
    "buka dan simpan ulang di Excel, lalu periksa lagi.",
    "file refused for safety: part {part} declares a DTD or entities; open and re-save "
    "it in Excel, then check it again.",
)
REFUSED_ZIP_BOMB = Text("berkas ditolak demi keamanan: {why}; {todo}.", "file refused for safety: {why}; {todo}.")
# The {todo} of REFUSED_ZIP_BOMB: past a limit of [batas], or a package that is broken whatever the limits.
ZIP_BOMB_RAISE_LIMIT = Text(
    "jika berkas ini memang asli, naikkan batasnya di [batas] pk-excel.toml",
    "if the file is genuine, raise the limit under [batas] in pk-excel.toml",
)
ZIP_BOMB_RESAVE = Text(
    "jika berkas ini memang asli, buka dan simpan ulang di Excel, atau minta salinan baru",
    "if the file is genuine, open and re-save it in Excel, or ask for a new copy",
)
# The {why} of REFUSED_ZIP_BOMB.
ZIP_BOMB_MEMBERS = Text(
    "arsipnya berisi {n} bagian (batas {limit})", "the archive holds {n} members (limit {limit})"
)
ZIP_BOMB_UNPACKED = Text(
    "isinya akan berukuran {size} setelah dibuka (batas {limit})", "it would unpack to {size} (limit {limit})"
)
ZIP_BOMB_RATIO = Text(
    "bagian '{name}' dimampatkan {ratio:.0f} kali (batas {limit:.0f})",
    "member '{name}' is compressed {ratio:.0f} times (limit {limit:.0f})",
)
ZIP_BOMB_SIZE_DIFFERS = Text(
    "ukuran bagian '{name}' tidak sama dengan yang dinyatakan di daftar isi arsip",
    "the size of member '{name}' differs from the one in the archive directory",
)
ZIP_BOMB_SHARED_DATA = Text(
    "bagian '{first}' dan '{second}' memakai data yang sama", "members '{first}' and '{second}' share the same data"
)

# --- reading a workbook (workbook.py) -------------------------------------------------------------------------
# Each is said after the file's name.

REFUSED_UNSAFE_XML = Text(
    "berkas ditolak demi keamanan: XML di dalamnya memuat deklarasi entitas atau rujukan luar "
    "({detail}); buka dan simpan ulang di Excel, lalu periksa lagi.",
    "file refused for safety: its XML declares entities or external references ({detail}); "
    "open and re-save it in Excel, then check it again.",
)
REFUSED_UNREADABLE = Text(
    "berkas rusak dan tidak dapat dibaca ({detail}); buka dan simpan ulang di Excel, atau minta "
    "salinan baru.",
    "the file is damaged and cannot be read ({detail}); open and re-save it in Excel, or ask for "
    "a new copy.",
)
OUT_OF_MEMORY: Final = "tidak cukup memori / out of memory"  # the {detail} of REFUSED_UNREADABLE, in both

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


# --- locating the tables (locate) ----------------------------------------------------------------------------

SHEETS_TOO_LARGE = Text(
    "{name}: lembar terlalu besar untuk diperiksa (lebih dari {cells} sel).",
    "{name}: sheets too large to check (more than {cells} cells).",
)
NO_TABLE = Text(
    "{name}: tidak ditemukan tabel pengukuran kinerja (kolom Indikator, Target, Realisasi, Capaian). "
    "Periksa judul kolomnya.",
    "{name}: no performance measurement table found (columns Indikator, Target, Realisasi, Capaian). "
    "Check the column headings.",
)

# --- checking one file (checker) -----------------------------------------------------------------------------

SAVED_AS_XLSX = Text(
    "Salinan tervalidasi disimpan sebagai .xlsx (format asli tidak dapat ditulis ulang).",
    "The validated copy is saved as .xlsx (the original format cannot be written back).",
)
CHECK_OUT_OF_MEMORY = Text(
    "{name}: memori tidak cukup untuk memeriksa berkas ini.", "{name}: not enough memory to check this file."
)
CHECK_INTERNAL = Text(
    "{name}: pemeriksaan gagal karena kesalahan internal ({error}). Mohon laporkan beserta berkasnya.",
    "{name}: the check failed on an internal error ({error}). Please report it with the file.",
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
