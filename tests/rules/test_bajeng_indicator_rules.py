"""The Bajeng seed gives exactly the evaluator's indicator findings (domain.md), no error on a correct row."""

from pk_excel import check

MINE = {
    "capaian-wrong",
    "capaian-without-realisasi",
    "capaian-missing",
    "target-missing",
    "target-zero",
    "capaian-implausible",
    "label-contradicts-value",
    "unit-mismatch",
    "persentase-unit",
    "penjelasan-contradicts",
    "keterangan-contradicts",
    "polarity-inverted",
    "polarity-inferred",
    "value-format",
    "formula-reference",
    "formula-inconsistent",
    "formula-recomputed",
}


def test_bajeng_indicator_findings(bajeng_sample):
    fr = check(bajeng_sample).files[0]
    got = sorted((f.rule, f.severity, f.cell) for f in fr.findings if f.rule in MINE)
    assert got == sorted(
        [
            ("value-format", "info", "E6"),  # "82, 71 (Baik)"
            ("persentase-unit", "warning", "D13"),  # "Persentase usulan ..." in usulan
            ("penjelasan-contradicts", "error", "G13"),  # "65 usulan terealisasi dari target 38 usulan"
            ("capaian-without-realisasi", "info", "E20"),  # "-" with 0%: read as 0
            ("capaian-without-realisasi", "info", "E21"),
        ]
    )
