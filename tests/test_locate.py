"""The reader: each layout real offices use, built in code, read the way an evaluator reads it."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import Fmt, Shift

import pk_excel
from pk_excel.locate import header_role


def read(path):
    fr = pk_excel.check(path).files[0]
    assert fr.status != "error", fr.error
    return fr.document


ROW_IKM = ["", "Meningkatnya kepuasan masyarakat", "Indeks Kepuasan Masyarakat (IKM)", "85,00 (Baik)", "82, 71 (Baik)", "97,31%", "Hasil SKM"]
ROW_SOP = ["", "Tersedianya prosedur", "Persentase layanan yang memiliki SOP", "100%", "100%", "100%", "11 SOP"]


@pytest.mark.parametrize(
    "text, role",
    [
        ("NO", "no"),
        ("No.", "no"),
        ("SASARAN", "sasaran"),
        ("Sasaran Strategis", "sasaran"),
        ("INDIKATOR KINERJA", "indikator"),
        ("Indikator Kinerja Utama (IKU)", "indikator"),
        ("IKU", "indikator"),
        ("SATUAN", "satuan"),
        ("TARGET", "target"),
        ("Target 2024", "target"),
        ("Target Kinerja Tahunan", "target"),
        ("REALISASI", "realisasi"),
        ("Realisasi 2024", "realisasi"),
        ("Realisasi TW IV", "realisasi"),
        ("CAPAIAN", "capaian"),
        ("Capaian (%)", "capaian"),
        ("% Capaian Kinerja", "capaian"),
        ("Capaian Terhadap Target Tahun %", "capaian"),
        ("PENJELASAN KINERJA", "penjelasan"),
        ("Keterangan", "keterangan"),
        ("Faktor Pendukung/Penghambat", "penjelasan"),
        ("Polaritas", "polaritas"),
        ("Predikat", "predikat"),
        ("Meningkatnya kepuasan masyarakat", None),
        ("Program Penunjang Urusan", None),
    ],
)
def test_header_names_and_variants(text, role):
    assert header_role(text) == role


def test_plain_layout_reads_levels_sasaran_and_values(make_pk):
    doc = read(make_pk(["Sasaran Strategis", ROW_IKM, "Sasaran Program", ROW_SOP]))
    ikm, sop = doc.indicators
    assert (ikm.level, sop.level) == ("strategis", "program")
    assert ikm.sasaran == "Meningkatnya kepuasan masyarakat"
    assert (ikm.target.number, ikm.realisasi.number, ikm.capaian.number) == (85.0, 82.71, 97.31)
    assert ikm.cells["target"].coord == "D6" and ikm.cells["capaian"].coord == "F6"
    assert doc.year == 2023 and doc.unit == "KECAMATAN CONTOH KABUPATEN CONTOH"


def test_sub_kegiatan_and_numbered_sections(make_pk):
    rows = [
        ["I", "SASARAN STRATEGIS"],
        ["1", "Sasaran A", "Indikator A", "10", "10", "100%"],
        ["A.", "Sasaran Kegiatan"],
        ["1.1", "Sasaran B", "Indikator B", "10", "5", "50%"],
        "Sasaran Sub Kegiatan",
        ["1.1.1", "Sasaran C", "Indikator C", "4 dokumen", "4 dokumen", "100%"],
    ]
    doc = read(make_pk(rows))
    assert [i.level for i in doc.indicators] == ["strategis", "kegiatan", "subkegiatan"]


def test_sasaran_carried_down_when_blank_or_merged(make_pk, tmp_path):
    from openpyxl import load_workbook

    rows = [
        "Sasaran Program",
        ["", "Meningkatnya pelayanan", "Indikator 1", "10", "10", "100%"],
        ["", "", "Indikator 2", "10", "8", "80%"],
        ["", "Sasaran lain", "Indikator 3", "10", "9", "90%"],
        ["", "", "Indikator 4", "10", "9", "90%"],
    ]
    path = make_pk(rows)
    wb = load_workbook(path)
    wb.active.merge_cells("B8:B9")  # "Sasaran lain" merged over its two rows
    wb.save(path)
    doc = read(path)
    assert [i.sasaran for i in doc.indicators] == ["Meningkatnya pelayanan"] * 2 + ["Sasaran lain"] * 2
    assert [i.sasaran_carried for i in doc.indicators] == [False, True, False, True]


def test_two_row_header_with_merged_group_and_column_numbers(make_pk, tmp_path):
    from openpyxl import load_workbook

    header = ["NO", "SASARAN STRATEGIS", "INDIKATOR KINERJA UTAMA", "SATUAN", "KINERJA TAHUN 2024", "", "", "PENJELASAN"]
    header2 = ["", "", "", "", "TARGET", "REALISASI", "CAPAIAN (%)", ""]
    rows = [[1, "Meningkatnya derajat kesehatan", "Usia Harapan Hidup", "tahun", 70.5, 70.82, 100.45, "BPS"]]
    path = make_pk(rows, header=header, header2=header2, number_row=True, title=("PENGUKURAN KINERJA TAHUN 2024", "DINAS KESEHATAN"))
    wb = load_workbook(path)
    ws = wb.active
    ws.merge_cells("E4:G4")
    for col in "ABCDH":
        ws.merge_cells(f"{col}4:{col}5")
    wb.save(path)
    doc = read(path)
    (table,) = doc.tables
    assert table.columns == {"no": 1, "sasaran": 2, "indikator": 3, "satuan": 4, "target": 5, "realisasi": 6, "capaian": 7, "penjelasan": 8}
    assert table.header_year == 2024 and "capaian" in table.percent_columns
    (ind,) = doc.indicators
    assert ind.row == 7 and ind.satuan == "tahun"  # the (1) (2) ... row was skipped
    assert (ind.target.number, ind.realisasi.number, ind.capaian.number) == (70.5, 70.82, 100.45)


def test_table_anywhere_on_the_sheet_with_variant_names(make_pk):
    header = ["Sasaran", "Indikator Kinerja", "Target Kinerja Tahunan", "Realisasi", "% Capaian Kinerja", "Keterangan"]
    rows = [["Sasaran A", "Indikator A", "80 - 90 %", "87,5%", "100%", "Tercapai"]]
    doc = read(make_pk(rows, header=header, start_col=3, blank_before_header=4))
    (ind,) = doc.indicators
    assert ind.cells["target"].coord.startswith("E")
    assert ind.target.kind == "range" and (ind.target.low, ind.target.high) == (80, 90)
    assert ind.capaian_hitung == 100 and ind.status == "tercapai"


def test_numeric_and_percent_formatted_cells(make_pk):
    rows = [
        ["1", "S", "Persentase desa UCI", Fmt(0.95, "0.00%"), Fmt(0.9731, "0.00%"), Fmt(1.0243, "0.00%"), ""],
        ["2", "S", "Jumlah kader", 120, 90, 75, ""],
    ]
    doc = read(make_pk(rows))
    uci, kader = doc.indicators
    assert (uci.target.number, uci.realisasi.number) == (95.0, 97.31)
    assert uci.capaian.number == pytest.approx(102.43)
    assert kader.capaian_hitung == 75


def test_row_shifted_left_and_right_is_read_right(make_pk):
    rows = [
        "Sasaran Kegiatan",
        ROW_SOP,
        Shift(-1, ["", "Sasaran kiri", "Indikator kiri", "100%", "90%", "90%", "geser kiri"]),
        Shift(1, ["", "Sasaran kanan", "Indikator kanan", "100%", "80%", "80%", "geser kanan"]),
    ]
    doc = read(make_pk(rows))
    sop, left, right = doc.indicators
    assert (sop.shift, left.shift, right.shift) == (0, -1, 1)
    assert left.indikator == "Indikator kiri" and left.realisasi.number == 90 and left.sasaran == "Sasaran kiri"
    assert left.cells["penjelasan"].text == "geser kiri" and "no" not in left.cells
    assert right.indikator == "Indikator kanan" and right.capaian.number == 80


def test_capaian_formulas_without_cached_results_are_evaluated(make_pk):
    rows = [
        ["1", "S", "Indikator A", 85, 82.71, "=ROUND(E5/D5*100,2)", ""],
        ["2", "S", "Indikator B", 10, 5, "=IFERROR(E6/D6*100;0)", ""],
    ]
    doc = read(make_pk(rows))
    a, b = doc.indicators
    assert a.cells["capaian"].formula == "=ROUND(E5/D5*100,2)"
    assert a.capaian.number == pytest.approx(97.31) and a.formula_result == pytest.approx(97.31)
    assert b.capaian.number == pytest.approx(50)


def test_programs_as_two_lists_and_side_by_side(make_pk):
    programs = [("Program Penunjang Urusan", "3.447.564.346"), ("Program Pemberdayaan", "Rp 1,5 M")]
    for side in (False, True):
        doc = read(make_pk([ROW_IKM], programs=programs, programs_side_by_side=side))
        assert [(p.name, p.anggaran.number) for p in doc.programs] == [
            ("Program Penunjang Urusan", 3447564346),
            ("Program Pemberdayaan", 1_500_000_000),
        ]
        assert not doc.programs_unpaired and not doc.amounts_unpaired


def test_program_without_amount_is_unpaired(make_pk, tmp_path):
    programs = [("Program A", "1.000.000"), ("Program B", None)]
    doc = read(make_pk([ROW_IKM], programs=programs))
    assert [p.name for p in doc.programs] == ["Program A"]
    assert [p.name for p in doc.programs_unpaired] == ["Program B"]


def test_signature_block_in_both_orders(make_pk):
    doc = read(make_pk([ROW_IKM]))
    sig = doc.signature
    assert (sig.place, sig.date) == ("Contoh", dt.date(2024, 2, 26))
    assert (sig.position, sig.name, sig.nip) == ("CAMAT CONTOH", "SITI HAERANI, S.Sos", "197110101993122003")
    assert (sig.pangkat, sig.golongan) == ("Pembina", "IV/a")
    other = ("Sukamaju, 17 Februari 2025", "KEPALA DINAS", "", "dr. ANDI RIZAL, M.Kes", "Pembina Utama Muda (IV/c)", "NIP. 19750312 200212 1 004")
    sig = read(make_pk([ROW_IKM], signature=other)).signature
    assert (sig.name, sig.pangkat, sig.golongan, sig.nip) == ("dr. ANDI RIZAL, M.Kes", "Pembina Utama Muda", "IV/c", "197503122002121004")


def test_elected_head_signs_without_nip(make_pk):
    sig = read(make_pk([ROW_IKM], signature=("Sungguminasa, 5 Maret 2024", "BUPATI GOWA", "", "", "ADNAN PURICHTA ICHSAN"))).signature
    assert sig.name == "ADNAN PURICHTA ICHSAN" and sig.position == "BUPATI GOWA" and sig.nip is None


def test_two_tables_on_two_sheets_and_a_sheet_without_table(make_pk, tmp_path):
    from openpyxl import load_workbook

    path = make_pk([ROW_IKM], extra_sheets={"Catatan": [["Catatan rapat"], ["tidak ada tabel di sini"]]})
    wb = load_workbook(path)
    ws2 = wb.create_sheet("TW IV")
    ws2.append(["NO", "SASARAN", "INDIKATOR KINERJA", "TARGET", "REALISASI", "CAPAIAN", "PENJELASAN"])
    ws2.append([1, "Sasaran", "Indikator lain", "10", "10", "100%", ""])
    wb.save(path)
    doc = read(path)
    assert [t.sheet for t in doc.tables] == ["PK", "TW IV"]
    assert [(i.sheet, i.indikator) for i in doc.indicators] == [("PK", "Indeks Kepuasan Masyarakat (IKM)"), ("TW IV", "Indikator lain")]


def test_workbook_without_a_table_is_a_clear_error(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["Daftar hadir rapat"])
    wb.save(tmp_path / "bukan-pk.xlsx")
    fr = pk_excel.check(tmp_path / "bukan-pk.xlsx").files[0]
    assert fr.status == "error" and fr.error_code == "no-table"
    assert "bukan-pk.xlsx" in fr.error and "tidak ditemukan tabel" in fr.error


def test_repeated_columns_pick_this_years_realisasi(make_pk):
    header = ["NO", "SASARAN", "INDIKATOR KINERJA", "Realisasi 2023", "Target 2024", "Realisasi 2024", "Capaian 2024 (%)",
              "Target Akhir Renstra 2026"]
    rows = [["1", "S", "Jumlah desa mandiri", "8", "10", "9", "90", "15"]]
    doc = read(make_pk(rows, header=header))
    table = doc.tables[0]
    assert (table.columns["target"], table.columns["realisasi"], table.columns["capaian"]) == (5, 6, 7)
    assert table.header_year == 2024
    assert doc.indicators[0].capaian_hitung == 90


def test_quarterly_realisasi_takes_the_cumulative_column(make_pk):
    header = ["NO", "SASARAN", "INDIKATOR KINERJA", "TARGET", "Realisasi TW I", "Realisasi TW II", "Realisasi TW III",
              "Realisasi TW IV", "CAPAIAN"]
    rows = [["1", "S", "Jumlah dokumen", "4", "1", "2", "3", "4", "100%"]]
    doc = read(make_pk(rows, header=header))
    assert doc.tables[0].columns["realisasi"] == 8 and doc.indicators[0].realisasi.number == 4


def test_summary_row_is_not_an_indicator(make_pk):
    rows = [ROW_IKM, ROW_SOP, ["", "Rata-rata capaian", "", "", "", "98,65%", ""]]
    doc = read(make_pk(rows))
    assert [i.indikator for i in doc.indicators] == ["Indeks Kepuasan Masyarakat (IKM)", "Persentase layanan yang memiliki SOP"]


# ---------------------------------------------------------------------------------------------- plain rows


def _both_ways(path, monkeypatch):
    """The Document read with rows.PlainRows and marked_rows, and read by the general path alone (every row
    tried as a header, every row through each general test)."""
    from pk_excel import locate, rows, workbook

    book = workbook.open_book(path)
    fast = locate.read_document(book)
    with monkeypatch.context() as m:
        m.setattr(rows.PlainRows, "read", lambda self, r: None)
        m.setattr(locate, "marked_rows", lambda grid: list(grid.rows))
        general = locate.read_document(book)
    return book, fast, general


def _plain(book, doc, table=0):
    """The rows PlainRows takes as plain, of the table's sheet."""
    from pk_excel.grid import grid_from_data
    from pk_excel.config import Limits
    from pk_excel.rows import PlainRows, marked_rows

    t = doc.tables[table]
    sd = next(s for s in book.data.sheets if s.title == t.sheet)
    grid = grid_from_data(sd, Limits(), None)
    reader = PlainRows(grid, t, set(marked_rows(grid)))
    return {r for r in range(t.first_row, grid.n_rows + 1) if reader.read(r) is not None}


def test_plain_rows_read_the_document_the_general_path_reads(make_pk, monkeypatch):
    """Most rows are read through one cheap test; every row it does not vouch for (a section, a heading over
    sub-items, a shifted row, a summary, a name starting like a header or an end mark, a signature's date)
    takes the general path, and the Document is the same either way."""
    rows = [
        "Sasaran Strategis",  # 5: a section
        ["1", "Meningkatnya kepuasan", "Indeks Kepuasan Masyarakat (IKM)", "85,00 (Baik)", "82,71 (Baik)", "97,31%", "Hasil SKM"],
        ["2", "", "Persentase layanan yang memiliki SOP", "100%", "100%", "100%", ""],  # 7: sasaran carried
        ["3", "", "Jumlah dokumen perencanaan yang", "", "", "", ""],  # 8: no values
        ["", "", "disusun tepat waktu", "5 dokumen", "5 dokumen", "100%", ""],  # 9: the name wrapped, values here
        Shift(1, ["4", "Meningkatnya akuntabilitas", "Nilai SAKIP", "BB", "B", "N/A", ""]),  # 10: one column right
        ["5", "", "Jumlah rumusan kebijakan bidang:", "", "", "", ""],  # 11: a heading over sub-items
        ["", "", "a. Pertanian", "3 dokumen", "3 dokumen", "100%", ""],  # 12: a sub-item, named with its heading
        ["", "", "b. Perikanan", "2 dokumen", "1 dokumen", "50%", ""],
        ["6", "", "Indeks kepuasan – layanan publik", 80, 82, 102.5, "naik ≥ 2%"],  # 14: not ASCII, still plain
        ["7", "", "Cakupan pelayanan", "Baik", "Baik", "100%", ""],  # 15: text targets, asked of row_shift
        ["8", "", "Jumlah anggaran", "5", "5", "100%", ""],  # 16: starts like an end mark
        ["9", "", "Program kerja yang terlaksana", "4", "4", "100%", ""],  # 17: starts like a header
        ["10", "", "Persentase ASN, tenaga kontrak yang dilatih", "80%", "85%", "106%", ""],  # 18: a comma
        ["11", "", "Nilai IKM, survei 2024", "80", "85", "106%", ""],  # 19: a comma and a year, like a date
        ["", "Rata-rata capaian", "", "", "", "95%", ""],  # 20: a summary
        "Sasaran Program",  # 21
        ["12", "Meningkatnya kualitas layanan", "Jumlah pengaduan yang ditindaklanjuti", "10", "12", "120%", ""],
    ]
    path = make_pk(rows, programs=[("Program Penunjang Urusan", 1_000_000)])
    book, fast, general = _both_ways(path, monkeypatch)
    assert fast == general
    assert [i.indikator for i in fast.indicators][:4] == [
        "Indeks Kepuasan Masyarakat (IKM)", "Persentase layanan yang memiliki SOP",
        "Jumlah dokumen perencanaan yang disusun tepat waktu", "Nilai SAKIP"]
    plain = _plain(book, fast)
    assert plain == {6, 7, 9, 12, 13, 14, 15, 18, 22}
    assert not plain & {5, 8, 10, 11, 16, 17, 19, 20, 21}  # each of these takes the general path


def test_plain_rows_with_merged_cells_read_as_the_general_path_reads(make_grid, monkeypatch):
    """A sasaran merged down over its indicators is read from its top cell (and carried); a name merged over
    two rows takes the general path."""
    header = ["NO", "SASARAN", "INDIKATOR KINERJA", "TARGET", "REALISASI", "CAPAIAN"]
    data = [
        header,
        ["1", "Meningkatnya kepuasan", "Indeks Kepuasan Masyarakat", "85", "82", "96,47%"],
        ["2", None, "Persentase layanan ber-SOP", "100%", "90%", "90%"],
        ["3", None, "Jumlah inovasi layanan", "2", "3", "150%"],
        ["4", "Meningkatnya akuntabilitas", "Nilai SAKIP kecamatan", "70", "72", "102,86%"],
        ["5", None, None, "5", "5", "100%"],
    ]
    path = make_grid(data, merges=("B2:B4", "C5:C6"))
    book, fast, general = _both_ways(path, monkeypatch)
    assert fast == general
    assert [i.sasaran_carried for i in fast.indicators] == [False, True, True, False, True]
    assert _plain(book, fast) == {2, 3, 4, 5}  # row 6's name is the merged one above it: the general path
