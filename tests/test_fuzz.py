"""Fuzzing real workbooks: whatever the mutation, pk-excel ends with findings or a clean error.

Starting points are the sample workbooks and a conftest-factory workbook. Each example applies a few
mutations (cell values and types, formula-looking text, merged ranges, deleted or renamed header cells,
shuffled / inserted / deleted rows, number formats), saves the result, and checks it with a validated copy
written. The run must never end with an "internal" error (a traceback caught by the checker), and a
written copy must be a readable workbook.
"""

from __future__ import annotations

import contextlib
import datetime
import random
import tempfile
import zipfile
from pathlib import Path

import hostile_factory as hf
import pytest
from conftest import SAMPLES, build_pk
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from pk_excel import Options
from pk_excel.checker import check_file

HEADER_WORDS = ("NO", "SASARAN", "INDIKATOR", "TARGET", "REALISASI", "CAPAIAN", "SATUAN", "PENJELASAN",
                "KETERANGAN", "PROGRAM", "ANGGARAN", "KINERJA")

# Text that looks like what people type in PK tables, and text that looks like formulas.
_TYPED = st.sampled_from([
    "85,00", "82, 71 (Baik)", "97,31%", "100,00%", "0%", "-", "–", "N/A", "n/a", "BB", "A", "6 unit",
    "65 usulan", "80 - 90 %", "Rp 1,5 M", "Rp. 275.000.000", "3.447.564.346", "12 kali", "30 menit",
    "NIP. 19711010 199312 2 003", "Pembina / IV.a", "Tercapai", "Belum tercapai", "1.1.1", "(3)", "#DIV/0!",
    "1e308", "-0", "0,0000001", "999999999999999999999", "٣٤", "１２３", "12\u00a0345,6", "50%%", "%",
])
_FORMULAS = st.sampled_from([
    "=F8/E8*100", "=ROUND(F9/E9*100,2)", "=IFERROR(F10/E10*100,0)", "=(2*E9-F9)/E9*100", "=SUM(A1:A3)",
    "=A1", "=1/0", "=)(", "=", "==1", "='[lain.xlsx]Sheet1'!A1", "=Sheet9!Z99", "=XFD1048576*2", "=\"a\"&\"b\"",
    "=E5/0", "=F8/E8*100%", "=INDIRECT(\"A\"&1)", "=HYPERLINK(\"http://127.0.0.1/\",\"x\")", "=#REF!/E8",
])
_SAFE_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40
).filter(lambda s: not s.startswith("="))
VALUES = st.one_of(
    st.none(),
    st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.booleans(),
    _TYPED,
    _FORMULAS,
    _SAFE_TEXT,
    st.dates(min_value=datetime.date(1900, 3, 1), max_value=datetime.date(2100, 1, 1)),
)
FORMATS = st.sampled_from(["General", "0.00%", "0%", "#,##0", "0.00", "@", "dd/mm/yyyy", '"Rp"#,##0', ";;;"])

MUTATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("set"), st.integers(0, 10**6), st.integers(0, 10**6), VALUES),
        st.tuples(st.just("format"), st.integers(0, 10**6), st.integers(0, 10**6), FORMATS),
        st.tuples(st.just("header"), st.integers(0, 10**6), st.one_of(st.none(), _SAFE_TEXT, _TYPED)),
        st.tuples(st.just("merge"), st.integers(0, 10**6), st.integers(0, 10**6), st.integers(0, 3),
                  st.integers(0, 3)),
        st.tuples(st.just("unmerge"), st.integers(0, 10**6)),
        st.tuples(st.just("shuffle"), st.integers(0, 2**32 - 1)),
        st.tuples(st.just("insert"), st.integers(0, 10**6), st.integers(1, 3)),
        st.tuples(st.just("delete"), st.integers(0, 10**6), st.integers(1, 3)),
    ),
    min_size=1,
    max_size=8,
)


def _factory_book(folder: Path) -> Path:
    return build_pk(
        folder / "pabrik.xlsx",
        hf.GOOD_ROWS + [["3", "", "Persentase dokumen", "100%", "95 %", "=F8/E8*100", "Data"]],
        number_row=True,
        programs=[("Program Penunjang", "3.447.564.346"), ("Program Pelayanan", "Rp 1,5 M")],
    )


@pytest.fixture(scope="module")
def bases(tmp_path_factory) -> list[Path]:
    paths = sorted(SAMPLES.glob("*.xlsx"))
    paths.append(_factory_book(tmp_path_factory.mktemp("pabrik")))
    return paths


def _apply(ws, mutation) -> None:
    """One mutation on the sheet that holds the table; coordinates wrap into the used area (+ a margin)."""
    from openpyxl.cell.cell import MergedCell

    kind = mutation[0]
    rows, cols = max(ws.max_row, 1) + 2, max(ws.max_column, 1) + 2
    if kind == "set":
        _, r, c, value = mutation
        cell = ws.cell(row=r % rows + 1, column=c % cols + 1)
        if not isinstance(cell, MergedCell):
            cell.value = value
    elif kind == "format":
        _, r, c, fmt = mutation
        ws.cell(row=r % rows + 1, column=c % cols + 1).number_format = fmt
    elif kind == "header":
        _, i, value = mutation
        heads = [
            c for row in ws.iter_rows() for c in row
            if isinstance(c.value, str) and len(c.value) < 60 and any(w in c.value.upper() for w in HEADER_WORDS)
            and not isinstance(c, MergedCell)
        ]
        if heads:
            heads[i % len(heads)].value = value
    elif kind == "merge":
        _, r, c, dr, dc = mutation
        r0, c0 = r % rows + 1, c % cols + 1
        if dr or dc:
            ws.merge_cells(start_row=r0, start_column=c0, end_row=r0 + dr, end_column=c0 + dc)
    elif kind == "unmerge":
        ranges = list(ws.merged_cells.ranges)
        if ranges:
            ws.unmerge_cells(str(ranges[mutation[1] % len(ranges)]))
    elif kind == "shuffle":
        rng = random.Random(mutation[1])
        lo = rng.randint(1, rows)
        hi = min(rows, lo + rng.randint(1, 12))
        snapshot = {
            r: [(c.value if not isinstance(c, MergedCell) else None) for c in ws[r]] for r in range(lo, hi + 1)
        }
        order = list(snapshot)
        rng.shuffle(order)
        for target, source in zip(snapshot, order):
            for col, value in enumerate(snapshot[source], start=1):
                cell = ws.cell(row=target, column=col)
                if not isinstance(cell, MergedCell):
                    cell.value = value
    elif kind == "insert":
        ws.insert_rows(mutation[1] % rows + 1, mutation[2])
    elif kind == "delete":
        ws.delete_rows(mutation[1] % rows + 1, mutation[2])


def _table_sheet(wb):
    """The sheet with the most text cells: the PK table in every base workbook."""
    return max(wb.worksheets, key=lambda ws: sum(isinstance(c.value, str) for row in ws.iter_rows() for c in row))


def check_mutated(base: Path, mutations: list, folder: Path):
    """Mutate a copy of `base`, save it in `folder`, check it with a written copy; return (path, report)."""
    from openpyxl import load_workbook

    wb = load_workbook(base)
    ws = _table_sheet(wb)
    for mutation in mutations:
        # openpyxl's own bookkeeping fails on some sequences (unmerging a range that delete_rows moved);
        # such a mutation is skipped: it says nothing about pk-excel.
        with contextlib.suppress(KeyError, ValueError, IndexError):
            _apply(ws, mutation)
    path = folder / "mutasi.xlsx"
    try:
        wb.save(path)
    except (KeyError, ValueError, TypeError, IndexError):
        reject()  # openpyxl cannot write this sheet at all: not an input pk-excel can ever see
    before = path.read_bytes()
    out = folder / "keluar"
    report = check_file(path, Options(write=True, out_dir=str(out)))
    assert path.read_bytes() == before, "the input was changed"
    return path, report


def assert_clean(path: Path, report) -> None:
    assert report.status in ("ok", "findings", "error")
    if report.status == "error":
        assert report.error_code and report.error_code != "internal", report.error
        assert "\n" not in (report.error or "") and path.name in report.error, report.error
        assert report.output is None
        return
    assert not any(w.startswith("Traceback") for w in report.warnings), report.warnings
    assert report.output and Path(report.output).is_file()
    with zipfile.ZipFile(report.output) as zf:
        assert zf.testzip() is None
    for f in report.findings:
        assert f.message("id") and f.message("en")


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)
@given(which=st.integers(0, 3), mutations=MUTATIONS)
def test_mutated_workbooks_end_in_findings_or_a_clean_error(bases, which, mutations):
    base = bases[which % len(bases)]
    with tempfile.TemporaryDirectory() as d:
        path, report = check_mutated(base, mutations, Path(d))
        assert_clean(path, report)


def test_the_fuzzer_reaches_the_checker(bases, tmp_path):
    """Unmutated bases check cleanly, so a failure above comes from the mutation, not the setup."""
    for i, base in enumerate(bases):
        folder = tmp_path / str(i)
        folder.mkdir()
        _, report = check_mutated(base, [("format", 0, 0, "General")], folder)
        assert report.status == "findings" or report.status == "ok", report.error
        assert report.document is not None and report.document.indicators


# --- regressions found by the fuzzer --------------------------------------------------------------------------


def test_overlapping_merged_ranges_on_a_finding_cell(tmp_path):
    """Minimised from the fuzzer (kelurahan sample: delete rows, merge, insert rows). Excel repairs such
    files, but they exist: pk-excel must still check them and write its copy."""
    from openpyxl import load_workbook

    rows = hf.GOOD_ROWS + [["3", "Meningkatnya layanan", "Jumlah dokumen", "10", "8", "90%", "Data"]]
    path = build_pk(tmp_path / "tumpang.xlsx", rows)
    plain = check_file(path, Options())
    assert [(f.rule, f.cell) for f in plain.findings] == [("capaian-wrong", "F8")]
    wb = load_workbook(path)
    wb.active.merge_cells("E8:F8")
    wb.active.merge_cells("F8:F9")
    wb.save(path)
    report = check_file(path, Options(write=True, out_dir=str(tmp_path / "keluar")))
    assert_clean(path, report)
    assert report.status != "error", report.error
