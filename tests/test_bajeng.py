"""The source table (Kecamatan Bajeng 2023), end to end: what the reader gives and what a careful evaluator
finds by hand (shared/domain.md), on the right cells, and no error on a correct row."""

from __future__ import annotations

import json

import pytest

import pk_excel
from pk_excel.report import to_json


@pytest.fixture(scope="module")
def bajeng():
    from conftest import SAMPLES

    return pk_excel.check(SAMPLES / "pk-kecamatan-bajeng-2023.xlsx").files[0]


def test_eighteen_indicators_with_levels(bajeng):
    inds = bajeng.document.indicators
    assert len(inds) == 18
    levels = [i.level for i in inds]
    assert levels == ["strategis"] * 2 + ["program"] * 6 + ["kegiatan"] * 10


def test_ikm_numbers(bajeng):
    ikm = bajeng.document.indicators[0]
    assert ikm.sasaran == "Meningkatnya kepuasan masyarakat terhadap pelayanan publik"
    assert ikm.indikator == "Indeks Kepuasan Masyarakat (IKM)"
    assert (ikm.target.number, ikm.realisasi.number, ikm.capaian.number) == (85.0, 82.71, 97.31)
    assert ikm.capaian_hitung == pytest.approx(97.3059, abs=1e-4)
    assert ikm.status == "tidak tercapai"
    assert ikm.predikat == "Sangat Tinggi"


def test_sakip_grade_and_na_kept_as_text(bajeng):
    j = to_json(pk_excel.Report([bajeng]))["files"][0]["indicators"][1]
    assert j["indikator"] == "Nilai SAKIP"
    assert (j["target"], j["realisasi"], j["capaian_tercatat"], j["capaian_hitung"]) == (None, None, None, None)
    assert (j["target_tercatat"], j["realisasi_tercatat"]) == ("BB", "N/A")
    assert j["status"] == "belum ada data"


def test_four_shifted_rows_read_right(bajeng):
    last4 = bajeng.document.indicators[-4:]
    assert [i.shift for i in last4] == [-1] * 4
    assert [i.indikator for i in last4] == [
        "Persentase pengaduan yang diverifikasi",
        "Persentase pengaduan yang ditindaklanjuti",
        "Jumlah usulan masyarakat",
        "Jumlah pengguna layanan yang mengisi kuesioner",
    ]
    assert last4[2].target.number == 65 and last4[2].realisasi.number == 38 and last4[2].capaian.number == 58.46
    assert last4[3].sasaran == "Terlaksananya survei kepuasan masyarakat"


def test_programs_and_signature(bajeng):
    doc = bajeng.document
    assert [(p.name, p.anggaran.number) for p in doc.programs] == [
        ("Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", 3447564346),
        ("Program Pemberdayaan Masyarakat Desa dan Kelurahan", 1612808953),
    ]
    sig = doc.signature
    assert (sig.name, sig.nip, sig.pangkat, sig.golongan) == ("SITI HAERANI, S.Sos", "197110101993122003", "Pembina", "IV/a")
    assert (doc.unit, doc.year) == ("KECAMATAN BAJENG KABUPATEN GOWA", 2023)


def _by_rule(fr):
    out: dict[str, list[str]] = {}
    for f in fr.findings:
        out.setdefault(f.rule, []).append(f.cell)
    return out


def test_the_evaluators_findings_on_the_right_cells(bajeng):
    found = _by_rule(bajeng)
    assert found["penjelasan-contradicts"] == ["G13"]  # "65 usulan terealisasi dari target 38 usulan"
    assert "D13" in found["persentase-unit"]  # a "Persentase" indicator measured in "usulan"
    assert found["row-shifted"] == ["A23", "A24", "A25", "A26"]
    assert "E6" in found["value-format"]  # "82, 71"
    assert found["no-data"] == ["E7"]  # SAKIP N/A: no data, not an arithmetic error


def test_no_error_on_a_correct_row(bajeng):
    errors = [(f.rule, f.cell) for f in bajeng.findings if f.severity == "error"]
    assert errors == [("penjelasan-contradicts", "G13")]
    warned_rows = {f.row for f in bajeng.findings if f.severity == "warning"}
    assert warned_rows == {13, 23, 24, 25, 26}


def test_json_schema_fields(bajeng, tmp_path):
    doc = to_json(pk_excel.Report([bajeng]))
    text = json.dumps(doc, ensure_ascii=False)
    f = json.loads(text)["files"][0]
    assert set(f) >= {"path", "status", "error", "output", "indicators", "findings"}
    assert f["status"] == "findings" and f["error"] is None and f["output"] is None
    ind = f["indicators"][0]
    assert set(ind) >= {"sheet", "row", "level", "sasaran", "indikator", "satuan", "target", "realisasi",
                        "capaian_tercatat", "capaian_hitung", "polaritas", "status", "predikat"}
    assert (ind["target"], ind["realisasi"], ind["capaian_tercatat"], ind["capaian_hitung"]) == (85, 82.71, 97.31, 97.305882)
    finding = f["findings"][0]
    assert set(finding) >= {"rule", "severity", "sheet", "cell", "row", "message"}
    assert f["indicators"][3]["target"] == 100  # "100%" -> 100 percent points


def test_the_json_report_is_written_in_batches(bajeng):
    """`--format json` writes the document about a megabyte at a time: token by token, an unbuffered stdout
    (PYTHONUNBUFFERED, an IDE's console) made one system call per token - seconds for a large sheet's report;
    in one string, a large report took twice the memory."""
    import io

    from pk_excel.report import dump_json, write_json

    class Counting(io.StringIO):
        sizes: list[int]

        def write(self, s):
            self.sizes.append(len(s))
            return super().write(s)

    out = Counting()
    out.sizes = []
    dump_json(pk_excel.Report([bajeng]), out)
    assert len(out.sizes) == 1 and json.loads(out.getvalue()) == to_json(pk_excel.Report([bajeng]))
    big = {"rows": [{"indikator": f"Indikator {i}", "capaian": i / 7} for i in range(60_000)]}
    out = Counting()
    out.sizes = []
    write_json(big, out)
    assert 2 <= len(out.sizes) <= 8 and max(out.sizes) < 1.2 * 2**20 and json.loads(out.getvalue()) == big
