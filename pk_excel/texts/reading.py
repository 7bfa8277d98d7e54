"""The reading stage's texts: the guard's refusals, the workbook's, locating's and the checker's."""

from __future__ import annotations

from typing import Final

from .core import Text

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
CORRUPT_SHEET_PART_MISSING = Text(
    "isi lembar {names} tidak ada di dalam berkas", "the contents of sheet {names} are missing from the file"
)
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


