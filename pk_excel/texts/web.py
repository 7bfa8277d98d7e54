"""The web page's texts: its words (`PAGE`) and its refusals of what a visitor sent."""

from __future__ import annotations

from typing import Final

from .core import Text

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

