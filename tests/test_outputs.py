"""Issue 14, points 1-3: no output replaces another, and pk-excel's own outputs are not taken for inputs."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import build_pk
from typer.testing import CliRunner

from pk_excel import batch, collect, watcher
from pk_excel.cli import app
from pk_excel.config import Options
from pk_excel.marks import is_untouched_output, own_kind
from pk_excel.model import FileReport
from pk_excel.output import output_path

ROWS = [
    "Sasaran Strategis",
    ["1", "Meningkatnya kepuasan masyarakat", "Indeks Kepuasan Masyarakat", "85,00", "82,71", "97,31%", "SKM"],
]


def pk(path: Path, unit: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return build_pk(path, ROWS, title=("PENGUKURAN PERJANJIAN KINERJA TAHUN 2023", unit))


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def unit_of(path: Path) -> str:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    return str(wb.worksheets[0].cell(2, 1).value)


def resave(path: Path) -> None:
    """What a person does: open the copy, change a cell, save (openpyxl writes a new zip, no stamp)."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb.worksheets[0].cell(1, 30).value = "diubah"
    wb.save(path)


# --- 1. no output overwrites another --------------------------------------------------------------------


def test_recursive_out_keeps_subfolders_and_rekap_points_at_each_copy(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for sub in ("dinkes", "bajeng", "kelurahan"):
        pk(tmp_path / "masuk" / sub / "PK 2024.xlsx", f"UNIT {sub.upper()}")
    result = run("check", "masuk", "-r", "--out", "hasil", "--rekap", "rekap.xlsx", "-j", "2", "--format", "json")
    assert result.exit_code == 0, result.output
    files = json.loads(result.stdout)["files"]
    outputs = {Path(f["path"]).parent.name: Path(f["output"]) for f in files}
    assert len(set(outputs.values())) == 3
    for sub, out in outputs.items():
        assert out == Path("hasil") / sub / "PK 2024.checked.xlsx"
        assert unit_of(out) == f"UNIT {sub.upper()}"
    from openpyxl import load_workbook

    ws = load_workbook("rekap.xlsx")["Rekap"]
    links = {ws.cell(r, 1).value: ws.cell(r, 12).hyperlink.target for r in range(2, 5)}
    assert len(set(links.values())) == 3
    for name, target in links.items():
        assert name.endswith("/PK 2024.xlsx") and name.split("/")[0] in target


def test_inputs_meeting_at_one_output_get_distinct_names_whatever_the_jobs(tmp_path, monkeypatch):
    folder = tmp_path / "masuk"
    for name in ("PK 2024.xlsx", "PK 2024.xls", "PK 2024.ods", "Lain.xlsx"):
        pk(folder / name, "UNIT")
    seen: dict[int, dict[str, Path]] = {}

    def fake(path: str, options: Options) -> FileReport:
        p = Path(path)
        fmt = "xlsx" if p.suffix != ".xlsm" else "xlsm"
        out = output_path(p, Path(options.out_dir) if options.out_dir else None, fmt, options.out_stem)
        return FileReport(path=path, status="ok", output=str(out))

    monkeypatch.setattr(batch, "_check_file", fake)
    for jobs in (1, 2):
        report = batch.check_paths([folder], Options(write=True), jobs=jobs)
        seen[jobs] = {Path(f.path).name: Path(f.output).name for f in report.files}
    assert seen[1] == seen[2] == {
        "Lain.xlsx": "Lain.checked.xlsx",
        "PK 2024.ods": "PK 2024 (ods).checked.xlsx",
        "PK 2024.xls": "PK 2024 (xls).checked.xlsx",
        "PK 2024.xlsx": "PK 2024.checked.xlsx",
    }


def test_files_named_alike_given_one_by_one_into_one_out_folder(tmp_path):
    a = pk(tmp_path / "a" / "PK.xlsx", "UNIT A")
    b = pk(tmp_path / "b" / "PK.xlsx", "UNIT B")
    report = batch.check_paths([a, b], Options(write=True, out_dir=str(tmp_path / "hasil")), jobs=1)
    outs = [Path(f.output) for f in report.files]
    assert [o.name for o in outs] == ["PK.checked.xlsx", "PK (2).checked.xlsx"]
    assert [unit_of(o) for o in outs] == ["UNIT A", "UNIT B"]


# --- 2. template never overwrites -----------------------------------------------------------------------


def test_template_refuses_an_existing_file_unless_forced(tmp_path):
    target = pk(tmp_path / "pk-2025.xlsx", "KECAMATAN TERISI")
    before = target.read_bytes()
    result = run("template", str(target), "--tahun", "2025")
    assert result.exit_code == 2
    assert "--force" in result.stderr
    assert target.read_bytes() == before
    result = run("template", str(target), "--tahun", "2025", "--force")
    assert result.exit_code == 0, result.output
    assert target.read_bytes() != before
    assert own_kind(target) == "template"


# --- 3. pk-excel's own outputs are not inputs -----------------------------------------------------------


def test_rekap_and_template_in_the_folder_are_skipped(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pk(tmp_path / "masuk" / "a.xlsx", "UNIT A")
    assert run("template", "masuk/templat.xlsx", "--tahun", "2025").exit_code == 0
    for _ in range(2):
        result = run("check", "masuk", "--rekap", "masuk/rekap.xlsx", "--format", "json")
        assert result.exit_code == 0, result.output
        files = json.loads(result.stdout)["files"]
        assert [Path(f["path"]).name for f in files] == ["a.xlsx"]
    assert own_kind(tmp_path / "masuk" / "rekap.xlsx") == "rekap"
    assert sorted(p.name for p in (tmp_path / "masuk").iterdir()) == [
        "a.checked.xlsx", "a.xlsx", "rekap.xlsx", "templat.xlsx",
    ]  # fmt: skip
    # The rekap stays skipped after a person saved it; the template is checked once it was filled in.
    resave(tmp_path / "masuk" / "rekap.xlsx")
    shutil.copy(tmp_path / "masuk" / "a.xlsx", tmp_path / "masuk" / "templat.xlsx")
    files, _ = collect.collect([tmp_path / "masuk"])
    assert [f.name for f in files] == ["a.xlsx", "templat.xlsx"]
    wb_template = tmp_path / "templat2.xlsx"
    assert run("template", str(wb_template), "--tahun", "2025").exit_code == 0
    resave(wb_template)
    assert [f.name for f in collect.collect([wb_template.parent])[0]] == ["templat2.xlsx"]


def test_checking_a_checked_copy_writes_it_again_not_checked_checked(tmp_path):
    src = pk(tmp_path / "X.xlsx", "UNIT X")
    first = batch.check_paths([src], Options(write=True), jobs=1).files[0]
    out = Path(first.output)
    assert out.name == "X.checked.xlsx" and is_untouched_output(out)
    again = batch.check_paths([out], Options(write=True), jobs=1).files[0]
    assert again.status != "error", again.error
    assert Path(again.output) == out
    assert not (tmp_path / "X.checked.checked.xlsx").exists()
    with zipfile.ZipFile(out) as zf:
        assert sum(n.startswith("xl/worksheets/") and n.endswith(".xml") for n in zf.namelist()) == 4


def test_folder_skips_an_untouched_copy_and_checks_an_edited_one(tmp_path):
    folder = tmp_path / "masuk"
    pk(folder / "X.xlsx", "UNIT X")
    report = batch.check_paths([folder], Options(write=True), jobs=1)
    assert [Path(f.path).name for f in report.files] == ["X.xlsx"]
    report = batch.check_paths([folder], Options(write=True), jobs=1)
    assert [Path(f.path).name for f in report.files] == ["X.xlsx"]  # the copy is pk-excel's, untouched
    copy = folder / "X.checked.xlsx"
    resave(copy)
    assert not is_untouched_output(copy)
    report = batch.check_paths([folder], Options(write=True), jobs=1)
    by_name = {Path(f.path).name: f for f in report.files}
    assert sorted(by_name) == ["X.checked.xlsx", "X.xlsx"]
    # The edited copy is rewritten in place; the original's copy goes beside it, not over it.
    assert Path(by_name["X.checked.xlsx"].output) == copy
    assert Path(by_name["X.xlsx"].output).name == "X (2).checked.xlsx"
    assert is_untouched_output(copy)


@pytest.mark.parametrize("name", ["~$X.checked.xlsx", ".X.checked.xlsx"])
def test_lock_and_hidden_copies_stay_skipped(tmp_path, name):
    pk(tmp_path / name, "UNIT")
    assert collect.collect([tmp_path])[0] == []


def test_watch_keeps_the_copies_of_files_named_alike_apart(tmp_path, monkeypatch):
    import threading
    import time

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    pk(inbox / "PK 2024.xlsx", "UNIT XLSX")
    (inbox / "PK 2024.xls").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)  # any content: the fake checks it
    seen: dict[str, str] = {}

    def fake(path: str, options: Options) -> FileReport:
        p = Path(path)
        out = output_path(p, Path(options.out_dir), "xlsx", options.out_stem)
        seen[p.name] = out.name
        return FileReport(path=path, status="ok", output=str(out))

    monkeypatch.setattr(batch, "_check_file", fake)
    stop = threading.Event()
    t = threading.Thread(target=watcher.watch, args=(inbox, Options(write=True)),
                         kwargs={"stop": stop, "settle": 0.2, "log": lambda _: None}, daemon=True)  # fmt: skip
    t.start()
    end = time.monotonic() + 10
    while len(seen) < 2 and time.monotonic() < end:
        time.sleep(0.05)
    stop.set()
    t.join(timeout=10)
    assert seen == {"PK 2024.xlsx": "PK 2024.checked.xlsx", "PK 2024.xls": "PK 2024 (xls).checked.xlsx"}


def test_a_users_workbook_named_checked_is_never_written_over(tmp_path):
    src = pk(tmp_path / "Y.checked.xlsx", "UNIT Y")  # the user's own file, not pk-excel's
    before = src.read_bytes()
    fr = batch.check_paths([src], Options(write=True), jobs=1).files[0]
    assert fr.status != "error", fr.error
    assert Path(fr.output).name == "Y.checked.checked.xlsx" and src.read_bytes() == before


def test_a_copy_holding_a_persons_work_is_never_replaced_by_the_originals_copy(tmp_path):
    folder = tmp_path / "masuk"
    pk(folder / "X.xlsx", "UNIT X")
    batch.check_paths([folder], Options(write=True), jobs=1)
    copy = folder / "X.checked.xlsx"
    resave(copy)  # the evaluator corrects the copy
    edited = copy.read_bytes()
    # Checking the original alone does not write over the corrected copy.
    fr = batch.check_paths([folder / "X.xlsx"], Options(write=True), jobs=1).files[0]
    assert Path(fr.output).name == "X (2).checked.xlsx" and copy.read_bytes() == edited
    # The folder: the corrected copy is checked in place; on the next run too, the original's copy goes aside.
    batch.check_paths([folder], Options(write=True), jobs=1)
    kept = copy.read_bytes()
    report = batch.check_paths([folder], Options(write=True), jobs=1)
    assert [(Path(f.path).name, Path(f.output).name) for f in report.files] == [("X.xlsx", "X (2).checked.xlsx")]
    assert copy.read_bytes() == kept


# --- found by a fresh review (each pinned) ------------------------------------------------------------------


def test_a_shells_star_xlsx_skips_pk_excels_own_outputs(tmp_path):
    """`pk-excel check *.xlsx --rekap rekap.xlsx` a second time: the shell names the copies and the rekap."""
    a, b = pk(tmp_path / "a.xlsx", "DINAS A"), pk(tmp_path / "b.xlsx", "DINAS B")
    rekap = tmp_path / "rekap.xlsx"
    assert run("check", str(a), str(b), "-q", "--rekap", str(rekap)).exit_code in (0, 1)
    names = sorted(str(p) for p in tmp_path.glob("*.xlsx"))  # what the shell expands *.xlsx to now
    res = run("check", *names, "-q", "--rekap", str(rekap))
    assert res.exit_code in (0, 1), res.output
    assert sorted(p.name for p in tmp_path.glob("*.xlsx")) == [
        "a.checked.xlsx", "a.xlsx", "b.checked.xlsx", "b.xlsx", "rekap.xlsx"]
    files, _ = collect.collect(names)
    assert sorted(p.name for p in files) == ["a.xlsx", "b.xlsx"]


def test_a_copy_of_another_input_is_not_replaced_in_a_later_run(tmp_path):
    x = tmp_path / "x"
    pk(x / "PK 2024.xlsx", "DINAS XLSX")
    from openpyxl import load_workbook

    wb = load_workbook(x / "PK 2024.xlsx")
    wb.save(x / "PK 2024.xlsm")  # a second input that would meet at the same copy name
    assert run("check", str(x / "PK 2024.xlsx"), "-q").exit_code in (0, 1)
    copy = x / "PK 2024.checked.xlsx"
    before = copy.read_bytes()
    assert run("check", str(x / "PK 2024.xlsm"), "-q").exit_code in (0, 1)
    assert copy.read_bytes() == before  # the .xlsx's copy is still the .xlsx's
    others = sorted(p.name for p in x.glob("PK 2024 (*).checked.xls*"))
    assert others == ["PK 2024 (2).checked.xlsx"]  # an .xlsm without macros: its copy is an .xlsx


def test_config_that_is_a_folder_or_has_a_bom(tmp_path):
    good = pk(tmp_path / "in" / "pk.xlsx", "DINAS")
    res = run("check", str(good), "--no-write", "--config", str(tmp_path / "in"))
    assert res.exit_code == 2 and "Traceback" not in res.output and "folder" in res.output
    toml = tmp_path / "pk-excel.toml"
    toml.write_bytes(b"\xef\xbb\xbflang = 'en'\n")  # Notepad's "UTF-8 with BOM"
    res = run("check", str(good), "--no-write", "--config", str(toml))
    assert res.exit_code in (0, 1) and "indicator" in res.output


@pytest.mark.parametrize("option", [["--tolerance", "-5"], ["--cap", "-10"], ["--max-ratio", "0"]])
def test_nonsense_limits_on_the_command_line_are_refused(tmp_path, option):
    good = pk(tmp_path / "pk.xlsx", "DINAS")
    assert run("check", str(good), "--no-write", *option).exit_code == 2


def test_rekap_of_an_empty_folder_is_like_check(tmp_path):
    empty = tmp_path / "kosong"
    empty.mkdir()
    res = run("rekap", str(empty), "-o", str(tmp_path / "r.xlsx"), "--format", "json")
    assert res.exit_code == 2 and json.loads(res.stdout)["error_code"] == "no-workbooks"
    assert not (tmp_path / "r.xlsx").exists()


def test_a_missing_signature_is_not_pinned_on_an_indicator_row(tmp_path):
    path = build_pk(tmp_path / "pk.xlsx", ROWS, signature=None)
    from pk_excel import check

    fr = check(path).files[0]
    (f,) = [f for f in fr.findings if f.rule == "signature-incomplete"]
    assert f.row not in {i.row for i in fr.document.indicators}


# --- found by the review of the one-writer rebuild (each pinned) ------------------------------------------------


def test_a_fallback_name_never_replaces_another_inputs_copy_or_a_persons_work(tmp_path):
    """PK.xlsx, then PK.xlsm (no macros: an .xlsx copy) and PK.ods each checked alone: every input keeps its
    own copy; an edited fallback copy is not written over by the next input either."""
    from openpyxl import load_workbook
    from test_convert import build_ods

    x = tmp_path / "x"
    pk(x / "PK.xlsx", "DINAS XLSX")
    load_workbook(x / "PK.xlsx").save(x / "PK.xlsm")
    build_ods(x / "PK.ods")
    for name in ("PK.xlsx", "PK.xlsm"):
        assert run("check", str(x / name), "-q").exit_code in (0, 1)
    second = x / "PK (2).checked.xlsx"
    resave(second)  # a person corrects the .xlsm's copy
    edited = second.read_bytes()
    res = run("check", str(x / "PK.ods"), "-q")
    assert res.exit_code in (0, 1), res.output
    assert second.read_bytes() == edited
    assert (x / "PK (3).checked.xlsx").is_file()


def test_a_macro_workbook_named_xlsx_and_an_xlsm_get_two_copies(tmp_path):
    """The copy's kind is decided from the content (guard), in planning as in writing: two inputs that would
    both make PK.checked.xlsm get two names."""
    x = tmp_path / "x"
    base = pk(x / "base.xlsx", "DINAS")
    for name in ("PK.xlsm", "PK.xlsx"):
        with zipfile.ZipFile(base) as zin, zipfile.ZipFile(x / name, "w", zipfile.ZIP_DEFLATED) as zout:
            for item in zin.infolist():
                data = zin.read(item)
                if item.filename == "[Content_Types].xml":
                    data = data.replace(
                        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                    )
                zout.writestr(item, data)
            zout.writestr("xl/vbaProject.bin", name.encode() * 64)
    base.unlink()
    report = batch.check_paths([x], Options(write=True), jobs=1)
    outs = sorted(Path(f.output).name for f in report.files if f.output)
    assert len(outs) == 2 and all(o.endswith(".checked.xlsm") for o in outs), outs
    for f in report.files:
        with zipfile.ZipFile(f.output) as zf:  # each copy carries its own input's macros
            assert zf.read("xl/vbaProject.bin") == Path(f.path).name.encode() * 64


@pytest.mark.parametrize("damage", ["root-rels-cut", "root-rels-garbage", "no-content-types"])
def test_a_package_part_the_copy_must_edit_is_damaged_one_line_not_an_internal_error(tmp_path, damage):
    """The reader does without a damaged _rels/.rels or a missing [Content_Types].xml; the copy cannot (it
    adds relationships and content types there): the file gets the usual 'damaged' line and exit 2."""
    src = pk(tmp_path / "src.xlsx", "DINAS")
    bad = tmp_path / "PK.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "_rels/.rels" and damage == "root-rels-cut":
                data = data[:120]
            elif item.filename == "_rels/.rels" and damage == "root-rels-garbage":
                data = b"<Relationships><Relationship Id=rId1 Target=\x00 garbage"
            elif item.filename == "[Content_Types].xml" and damage == "no-content-types":
                continue
            zout.writestr(item, data)
    no_write = run("check", str(bad), "--no-write", "-q")
    assert no_write.exit_code in (0, 1), no_write.output  # readable: the check itself runs
    res = run("check", str(bad), "-q")
    assert res.exit_code == 2
    assert "rusak" in res.output and "internal" not in res.output and "Traceback" not in res.output
    assert not (tmp_path / "PK.checked.xlsx").exists()


def test_a_second_run_gives_the_same_package_when_added_columns_cover_precise_widths(tmp_path):
    """Excel writes widths such as 12.5703125: they are recorded and put back exactly (review)."""
    from openpyxl import load_workbook

    from pk_excel.cellref import col_letter

    src = pk(tmp_path / "w.xlsx", "DINAS")
    wb = load_workbook(src)
    ws = wb.worksheets[0]
    for c in range(ws.max_column + 1, ws.max_column + 8):
        ws.column_dimensions[col_letter(c)].width = 12.5703125
    wb.save(src)
    from test_ooxml_repros import frozen_clock, parts

    copy = tmp_path / "w.checked.xlsx"
    with frozen_clock():
        assert run("check", str(src), "-q").exit_code in (0, 1)
        first = parts(copy)
        assert run("check", str(copy), "-q").exit_code in (0, 1)
        second = parts(copy)
    assert first == second


def test_a_refusal_names_the_file_with_its_folder(tmp_path):
    """Two files of one name in two subfolders, neither with a PK table: each line says which (review)."""
    from openpyxl import Workbook

    for sub in ("a", "b"):
        (tmp_path / "in" / sub).mkdir(parents=True)
        wb = Workbook()
        wb.active["A1"] = "bukan tabel PK"
        wb.save(tmp_path / "in" / sub / "PK.xlsx")
    res = run("check", "-r", "-q", "--no-write", str(tmp_path / "in"))
    assert res.exit_code == 2, res.output
    for sub in ("a", "b"):
        assert str(tmp_path / "in" / sub / "PK.xlsx") + ": tidak ditemukan tabel" in res.output


def test_a_folder_of_only_pk_excels_own_copies_says_why_nothing_is_checked(tmp_path):
    """The folder is not empty: it holds untouched copies, which are not checked again; the line says so
    instead of 'no workbooks here' (review)."""
    src = pk(tmp_path / "PK.xlsx", "DINAS")
    assert run("check", str(src), "-q", "--out", str(tmp_path / "hasil")).exit_code in (0, 1)
    res = run("check", str(tmp_path / "hasil"), "-q")
    assert res.exit_code == 2
    assert "hanya ada 1 berkas hasil pk-excel yang belum diubah" in res.output, res.output
    empty = tmp_path / "kosong"
    empty.mkdir()
    res = run("check", str(empty), "-q", "--lang", "en")
    assert res.exit_code == 2 and "no .xlsx, .xlsm, .xls or .ods files here" in res.output
