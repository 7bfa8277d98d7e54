from conftest import Shift, rules_fired


def row(no, sasaran, indikator, target="10", realisasi="10", capaian="100%", penjelasan="Tercapai"):
    return [no, sasaran, indikator, target, realisasi, capaian, penjelasan]


def test_rows_shifted_left_fire_once_each_on_their_first_cell(check_rows):
    fr = check_rows(
        [
            "Sasaran Kegiatan",
            row("", "Tersedianya SOP", "Jumlah SOP pelayanan yang disusun", "11 SOP", "11 SOP"),
            None,
            Shift(
                -1,
                row(
                    "", "Terverifikasinya pengaduan", "Persentase pengaduan yang diverifikasi", "100%", "100%"
                ),
            ),
            Shift(-1, row("", "Terlaksananya tindak lanjut", "Persentase pengaduan yang ditindaklanjuti")),
        ]
    )
    assert rules_fired(fr, "row-shifted") == [("row-shifted", "A8"), ("row-shifted", "A9")]
    f = next(f for f in fr.findings if f.rule == "row-shifted")
    assert f.severity == "warning"
    assert "ke kiri" in f.message_id and "NO" in f.message_id
    assert "left" in f.message_en
    assert f.indikator == "Persentase pengaduan yang diverifikasi"


def test_row_shifted_right_says_right(check_rows):
    fr = check_rows(
        ["Sasaran Strategis", row(1, "S1", "Indikator A"), Shift(1, row("", "S2", "Indikator B"))]
    )
    found = [f for f in fr.findings if f.rule == "row-shifted"]
    assert [(f.cell, f.row) for f in found] == [("C7", 7)]
    assert "ke kanan" in found[0].message_id
    assert "di luar tabel" in found[0].message_id  # its penjelasan sits in H, past the last header column


def test_rows_under_their_header_are_silent(check_rows):
    fr = check_rows(["Sasaran Strategis", row(1, "S1", "Indikator A"), row(2, "S2", "Indikator B")])
    assert rules_fired(fr, "row-shifted") == []


def test_bajeng_sample_gives_four_shifted_rows(bajeng_sample):
    from pk_excel import check

    fr = check(bajeng_sample).files[0]
    assert [f.cell for f in fr.findings if f.rule == "row-shifted"] == ["A23", "A24", "A25", "A26"]
