"""pk-excel benchmark (issue 8): pk-excel against the floor a Python tool cannot beat, measured in the same run.

    python benchmarks/run.py                 # every case, about 5 minutes on 2 cores
    python benchmarks/run.py --quick         # fewer runs, a smaller folder, smaller value sample
    python benchmarks/run.py --cases cold,folder

Cases (names for --cases): cold, startup, folder, large, values. Inputs are built in code (xlsxwriter) once and
cached under the temp directory; the cold case uses samples/pk-kecamatan-bajeng-2023.xlsx from the checkout.
Every command runs in a fresh process; runs of pk-excel and of its floor alternate, so load on the machine
falls on both alike. Times are medians of wall-clock seconds (CPU seconds, user + sys, are in the notes);
peak memory is the child's maximum RSS. The value parser runs in this process and is rated on CPU time.
The script prints one table and PASS/FAIL per target, and exits 1 when a target fails.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "pk-kecamatan-bajeng-2023.xlsx"
BUILD_VERSION = 1  # bump when the generated workbooks change, so stale caches are rebuilt
CACHE = Path(tempfile.gettempdir()) / f"pk-excel-bench-v{BUILD_VERSION}"
CASES = ("cold", "startup", "folder", "large", "values")
HEAVY = ("pandas", "openpyxl")

# ------------------------------------------------------------------------------------------------ workbooks

_SASARAN = (
    "Meningkatnya kepuasan masyarakat terhadap pelayanan publik",
    "Meningkatnya akuntabilitas penyelenggaraan pemerintahan kecamatan",
    "Tersedianya sarana dan prasarana pelayanan yang memadai",
    "Meningkatnya tindak lanjut pengaduan masyarakat",
    "Tersalurkannya usulan masyarakat dalam perencanaan pembangunan",
    "Terlaksananya survei kepuasan masyarakat",
    "Meningkatnya cakupan pelayanan kesehatan dasar",
    "Menurunnya angka kasus demam berdarah",
)
_UNITS = ("unit", "dokumen", "orang", "kali", "usulan", "SOP", "tim", "kegiatan", "laporan", "desa")
_PLACES = ("di kecamatan", "di kelurahan", "di desa", "pada unit layanan", "bidang pelayanan", "tahun berjalan")
_SECTIONS = ("Sasaran Strategis", "Sasaran Program", "Sasaran Kegiatan")


def _id_number(x: float, decimals: int) -> str:
    """85.0 -> '85,00'; 1500 -> '1.500' (Indonesian grouping and decimal comma)."""
    text = f"{x:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _capaian(t: float, r: float) -> float:
    return round(r / t * 100, 2) if t else 0.0


def _indicator_row(rng: random.Random, r: int, no: int) -> tuple[list, str | None]:
    """The cells of one indicator row (B..G; NO in A is added by the caller), and its capaian formula if any."""
    sasaran = rng.choice(_SASARAN)
    kind = rng.random()
    formula = None
    if kind < 0.30:  # percent as text, sometimes with a slip in the typed capaian
        t = rng.choice((100, 100, 95, 90, 80, 75))
        real = round(rng.uniform(0.6, 1.05) * t, rng.choice((0, 2)))
        cap = _capaian(t, real) + (1.5 if rng.random() < 0.1 else 0)  # a typing slip in one row of ten
        row = ["Persentase layanan yang memiliki SOP", f"{t}%", f"{_id_number(real, 2 if real % 1 else 0)}%",
               f"{_id_number(cap, 2)}%"]
    elif kind < 0.55:  # count with a unit
        unit = rng.choice(_UNITS)
        t = rng.randint(1, 400)
        real = rng.randint(0, t + 5)
        row = [f"Jumlah {unit} yang tersedia", f"{t} {unit}", f"{real} {unit}" if real else "-",
               f"{_id_number(_capaian(t, real), 2)}%" if real else "0%"]
    elif kind < 0.65:  # IKM with its category
        t, real = 85.0, round(rng.uniform(70, 95), 2)
        label = "Sangat Baik" if real >= 88.31 else "Baik" if real >= 76.61 else "Kurang Baik"
        row = ["Indeks Kepuasan Masyarakat (IKM)", "85,00 (Baik)", f"{_id_number(real, 2)} ({label})",
               f"{_id_number(_capaian(t, real), 2)}%"]
    elif kind < 0.72:  # grade, or not yet measured
        row = ["Nilai SAKIP", rng.choice(("BB", "A", "B")), rng.choice(("N/A", "B", "BB", "-")), "N/A"]
    elif kind < 0.90:  # numbers with a capaian formula (the cached result is written, as Excel would)
        t = round(rng.uniform(10, 1000), rng.choice((0, 2)))
        real = round(t * rng.uniform(0.5, 1.2), 2)
        formula = f"=ROUND(E{r}/D{r}*100,2)"
        row = ["Jumlah peserta pelatihan", t, real, _capaian(t, real)]
    else:  # money-like numbers typed as text
        t = rng.randint(100, 9_000) * 1_000_000
        real = int(t * rng.uniform(0.7, 1.0))
        row = ["Realisasi pendapatan (Rp)", _id_number(t, 0), _id_number(real, 0), f"{_id_number(_capaian(t, real), 2)}%"]
    row[0] = f"{row[0]} {rng.choice(_PLACES)} {no}"  # names differ, as in a real table
    penjelasan = rng.choice(("Hasil SKM Tahun 2023", "Sesuai jadwal", f"{no} kegiatan terlaksana", ""))
    return [str(no), sasaran, *row[:1], *row[1:], penjelasan], formula


def build_pk(path: Path, n_indicators: int, seed: int) -> Path:
    """A PK measurement sheet as Bajeng types it: title, header, section rows, indicator rows, programs, signature."""
    import xlsxwriter

    rng = random.Random(seed)
    tmp = path.with_suffix(".tmp.xlsx")
    wb = xlsxwriter.Workbook(str(tmp))
    ws = wb.add_worksheet("PK 2023")
    bold = wb.add_format({"bold": True, "align": "center", "valign": "vcenter", "text_wrap": True})
    head = wb.add_format({"bold": True, "border": 1, "align": "center", "bg_color": "#D9D9D9", "text_wrap": True})
    box = wb.add_format({"border": 1, "valign": "top", "text_wrap": True})
    num = wb.add_format({"border": 1, "valign": "top", "num_format": "#,##0.00"})
    section = wb.add_format({"bold": True, "border": 1})
    for col, width in enumerate((5, 40, 40, 14, 14, 12, 40)):
        ws.set_column(col, col, width)
    ws.merge_range(0, 0, 0, 6, "PENGUKURAN PERJANJIAN KINERJA TAHUN 2023", bold)
    ws.merge_range(1, 0, 1, 6, f"KECAMATAN CONTOH {seed} KABUPATEN GOWA", bold)
    for c, text in enumerate(("NO", "SASARAN", "INDIKATOR KINERJA", "TARGET", "REALISASI", "CAPAIAN",
                              "PENJELASAN KINERJA")):
        ws.write_string(3, c, text, head)
    row = 4
    per_section = max(6, n_indicators // 3) if n_indicators <= 60 else 40
    for i in range(n_indicators):
        if i % per_section == 0:
            ws.merge_range(row, 0, row, 6, _SECTIONS[(i // per_section) % 3], section)
            row += 1
        cells, formula = _indicator_row(rng, row + 1, i + 1)
        for c, v in enumerate(cells):
            if isinstance(v, str):
                ws.write_string(row, c, v, box)
            elif c == 5 and formula:
                ws.write_formula(row, c, formula, num, v)
            else:
                ws.write_number(row, c, v, num)
        row += 1
    row += 1
    ws.write_string(row, 1, "PROGRAM", section)
    ws.write_string(row + 1, 1, "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota")
    ws.write_string(row + 2, 1, "Program Pemberdayaan Masyarakat Desa dan Kelurahan")
    ws.write_string(row + 4, 1, "ANGGARAN", section)
    ws.write_string(row + 5, 1, _id_number(rng.randint(1_000, 5_000) * 1_000_000 + rng.randint(0, 999_999), 0))
    ws.write_string(row + 6, 1, _id_number(rng.randint(500, 3_000) * 1_000_000 + rng.randint(0, 999_999), 0))
    row += 8
    for k, line in enumerate(("Bajeng, 26 Februari 2024", "CAMAT BAJENG", "", "", "SITI HAERANI, S.Sos",
                              "NIP. 19711010 199312 2 003", "Pangkat : Pembina / IV.a")):
        if line:
            ws.merge_range(row + k, 5, row + k, 6, line)
    wb.close()
    os.replace(tmp, path)
    return path


def cached_sheet(n_indicators: int, seed: int = 1) -> Path:
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"pk-{n_indicators}-rows-{seed}.xlsx"
    return path if path.exists() else build_pk(path, n_indicators, seed)


def cached_folder(n_files: int) -> Path:
    """n_files seed-sized workbooks (18 indicators, different numbers in each)."""
    folder = CACHE / f"folder-{n_files}"
    if not (folder.is_dir() and len(list(folder.glob("*.xlsx"))) == n_files):
        shutil.rmtree(folder, ignore_errors=True)
        tmp = CACHE / f"folder-{n_files}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        for i in range(n_files):
            build_pk(tmp / f"pk-unit-{i:03d}.xlsx", 18, 1000 + i)
        os.replace(tmp, folder)
    return folder


# ------------------------------------------------------------------------------------------------ running


@dataclass
class Run:
    wall: float
    cpu: float
    rss_mb: float
    rc: int
    out: bytes = b""
    err: bytes = b""


def run(cmd: list[str], *, env: dict[str, str] | None = None, capture: bool = False) -> Run:
    """One fresh process: wall time, CPU time (user + sys, its children included) and peak RSS (os.wait4)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out if capture else subprocess.DEVNULL, stderr=err, env=env, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode, out.read(),
                   err.read())


def _check_rc(name: str, r: Run, ok: tuple[int, ...] = (0, 1)) -> None:
    if r.rc not in ok:
        tail = (r.err or b"").decode(errors="replace")[-2000:]
        raise SystemExit(f"{name}: exit code {r.rc}\n{tail}")


def alternate(cmds: dict[str, list[str]], runs: int, *, fresh_out: dict[str, Path] | None = None,
              ok: dict[str, tuple[int, ...]] | None = None) -> dict[str, list[Run]]:
    """Run each command `runs` times, interleaved (a, b, a, b ...), emptying its output folder before each run."""
    results: dict[str, list[Run]] = {k: [] for k in cmds}
    for _ in range(runs):
        for name, cmd in cmds.items():
            if fresh_out and name in fresh_out:
                shutil.rmtree(fresh_out[name], ignore_errors=True)
                fresh_out[name].mkdir(parents=True)
            r = run(cmd, capture=True)
            _check_rc(name, r, (ok or {}).get(name, (0, 1)))
            results[name].append(r)
    return results


def med(rs: list[Run], attr: str = "wall") -> float:
    return statistics.median(getattr(r, attr) for r in rs)


def pk_cmd() -> list[str]:
    script = Path(sys.executable).parent / "pk-excel"
    return [str(script)] if script.exists() else [sys.executable, "-m", "pk_excel.cli"]


def py(code: str) -> list[str]:
    return [sys.executable, "-c", code]


LOAD_SAVE = "import openpyxl, sys; wb = openpyxl.load_workbook(sys.argv[1]); wb.save(sys.argv[2])"
POOL_FLOOR = """
import os, sys
from concurrent.futures import ProcessPoolExecutor
import openpyxl

def one(job):
    wb = openpyxl.load_workbook(job[0])
    wb.save(job[1])

if __name__ == "__main__":
    src, dst, jobs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    todo = [(os.path.join(src, n), os.path.join(dst, n)) for n in sorted(os.listdir(src)) if n.endswith(".xlsx")]
    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(one, todo))
"""


# The physical floor (issue 16): what reading the values and copying the package cost at the least, with the
# table engine imported: python-calamine reads every sheet, every zip member is copied with deflate.
PHYSICAL = """
import sys, zipfile
import pandas
from python_calamine import CalamineWorkbook

def one(src, dst):
    wb = CalamineWorkbook.from_path(src)
    for name in wb.sheet_names:
        wb.get_sheet_by_name(name).to_python()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, zin.read(info.filename), compress_type=zipfile.ZIP_DEFLATED)

if __name__ == "__main__":
    if sys.argv[1] == "--pool":
        import os
        from concurrent.futures import ProcessPoolExecutor
        src, dst, jobs = sys.argv[2], sys.argv[3], int(sys.argv[4])
        names = [n for n in sorted(os.listdir(src)) if n.endswith(".xlsx")]
        with ProcessPoolExecutor(jobs) as pool:
            list(pool.map(one, [os.path.join(src, n) for n in names], [os.path.join(dst, n) for n in names]))
    else:
        one(sys.argv[1], sys.argv[2])
"""

# Where pk-excel's time goes, stage by stage, in one fresh process (CPU seconds).
STAGES = """
import json, sys, time
from pathlib import Path
t0 = time.process_time()
from pk_excel import rules
from pk_excel.validated import output_path, write_validated
from pk_excel.config import Options
from pk_excel.locate import read_document
from pk_excel.measure import measure
from pk_excel.model import FileReport
from pk_excel.workbook import open_book
t = {"import": time.process_time() - t0}
path, out = Path(sys.argv[1]), Path(sys.argv[2])
options = Options(write=True, out_dir=str(out))
def lap(name, start):
    t[name] = time.process_time() - start
    return time.process_time()
import gc
gc.disable()  # as checker.check_file does while it checks a workbook
s = time.process_time()
book = open_book(path, options); s = lap("read", s)
doc = read_document(book, options); s = lap("locate", s)
measure(doc, options); s = lap("measure", s)
report = FileReport(path=str(path), document=doc, findings=rules.run(doc, options)); s = lap("rules", s)
write_validated(book, report, output_path(path, out, book.source_format), options); s = lap("write", s)
print(json.dumps(t))
"""


def stage_times(path: Path, out: Path) -> str:
    """'import 0.45 · read 0.40 · locate 0.90 ...' (CPU seconds of each stage, one fresh process)."""
    import json

    out.mkdir(parents=True, exist_ok=True)
    r = run(py(STAGES) + [str(path), str(out)], capture=True)
    if r.rc != 0:
        return "stages: " + (r.err or b"").decode(errors="replace").strip().splitlines()[-1][:120]
    times = json.loads(r.out.decode().strip().splitlines()[-1])
    return "stages (cpu s): " + " · ".join(f"{k} {v:.2f}" for k, v in times.items())


# ------------------------------------------------------------------------------------------------ report


@dataclass
class Row:
    case: str
    pk: str
    floor: str
    ratio: str
    target: str
    ok: bool | None  # None: no target on this line
    extra: str = ""


@dataclass
class Bench:
    runs: int
    quick: bool
    rows: list[Row] = field(default_factory=list)
    work: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="pk-bench-")))

    def add(self, *args, **kw) -> None:
        row = Row(*args, **kw)
        self.rows.append(row)
        mark = "" if row.ok is None else ("PASS" if row.ok else "FAIL")
        print(f"  {row.case}: {row.pk} vs {row.floor} ({row.ratio}) {row.target} {mark} {row.extra}".rstrip(),
              flush=True)

    def out(self, name: str) -> Path:
        return self.work / name


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "-"


def _indicators_in(summary: bytes) -> str:
    """The indicator count in `pk-excel check -q` output ("...; 4000 indikator"): the table must be read whole,
    or the timing means nothing."""
    m = re.search(rb"(\d[\d.,]*) (?:indikator|indicators?)\b", summary)
    return m.group(1).decode().replace(".", "").replace(",", "") if m else "?"


def case_cold(b: Bench) -> None:
    print(f"cold check of {SAMPLE.name} ({b.runs} runs each)", flush=True)
    out_pk, out_floor = b.out("cold-pk"), b.out("cold-floor")
    out_floor.mkdir(exist_ok=True)
    cmds = {
        "pk": [*pk_cmd(), "check", str(SAMPLE), "--out", str(out_pk), "-q"],
        "floor": py("import pandas; " + LOAD_SAVE) + [str(SAMPLE), str(out_floor / SAMPLE.name)],
    }
    ok = {"pk": (0, 1)}
    fl = shutil.which("frictionless", path=str(Path(sys.executable).parent)) or shutil.which("frictionless")
    if fl:
        cmds["frictionless"] = [fl, "validate", str(SAMPLE)]
        ok["frictionless"] = (0, 1)
    physical = b.out("physical.py")
    physical.write_text(PHYSICAL)
    cmds["physical"] = [sys.executable, str(physical), str(SAMPLE), str(out_floor / ("p-" + SAMPLE.name))]
    run(cmds["pk"])  # warm the disk cache; not counted
    res = alternate(cmds, b.runs, fresh_out={"pk": out_pk}, ok=ok)
    phys = med(res["physical"])
    pk0 = med(res["pk"])
    b.add("cold check vs physical floor", f"{pk0:.2f} s", f"{phys:.2f} s import pandas+calamine+copy",
          _ratio(pk0, phys), "<= 1.20x", pk0 / phys <= 1.2, f"[{stage_times(SAMPLE, b.out('stages-cold'))}]")
    assert any(out_pk.glob("*.checked.xlsx")), "pk-excel check wrote no validated workbook"
    pk, floor = med(res["pk"]), med(res["floor"])
    b.add("cold check (Bajeng)", f"{pk:.2f} s", f"{floor:.2f} s pandas+openpyxl load/save", _ratio(pk, floor),
          "<= 1.50x", pk / floor <= 1.5,
          f"[cpu {med(res['pk'], 'cpu'):.2f} vs {med(res['floor'], 'cpu'):.2f} s]")
    if fl:
        fr = med(res["frictionless"])
        b.add("cold check vs frictionless", f"{pk:.2f} s", f"{fr:.2f} s frictionless validate", _ratio(pk, fr),
              "<= 1.00x", pk / fr <= 1.0, f"[cpu {med(res['frictionless'], 'cpu'):.2f} s]")
    else:
        b.add("cold check vs frictionless", f"{pk:.2f} s", "not installed", "-", "<= 1.00x", None)


def heavy_imports(args: list[str]) -> list[str]:
    """Top-level packages among HEAVY that `pk-excel ARGS` imports (PYTHONPROFILEIMPORTTIME lists every import)."""
    env = dict(os.environ, PYTHONPROFILEIMPORTTIME="1")
    proc = subprocess.run([*pk_cmd(), *args], capture_output=True, env=env, cwd=ROOT)
    if proc.returncode != 0:
        raise SystemExit(f"pk-excel {' '.join(args)}: exit code {proc.returncode}\n{proc.stderr.decode()[-2000:]}")
    found = set()
    for line in proc.stderr.decode(errors="replace").splitlines():
        if line.startswith("import time:") and line.count("|") == 2:
            top = line.rsplit("|", 1)[1].strip().split(".")[0]
            if top in HEAVY:
                found.add(top)
    return sorted(found)


def case_startup(b: Bench) -> None:
    print(f"startup: pk-excel --help and rules ({b.runs} runs each)", flush=True)
    cmds = {"help": [*pk_cmd(), "--help"], "rules": [*pk_cmd(), "rules"], "floor": py("import typer")}
    res = alternate(cmds, b.runs, ok={"help": (0,), "rules": (0,), "floor": (0,)})
    floor = med(res["floor"])
    for name in ("help", "rules"):
        t = med(res[name])
        args = ["--help"] if name == "help" else ["rules"]
        heavy = heavy_imports(args)
        b.add(f"pk-excel {args[0]}", f"{t:.2f} s", f"{floor:.2f} s python -c 'import typer'", _ratio(t, floor),
              "no pandas/openpyxl", not heavy, f"[imports: {', '.join(heavy) or 'none heavy'}]")


def case_folder(b: Bench) -> None:
    n = 40 if b.quick else 200
    print(f"folder of {n} seed-sized workbooks, --jobs 2 (building inputs if needed)", flush=True)
    folder = cached_folder(n)
    floor_script = b.out("pool_floor.py")
    floor_script.write_text(POOL_FLOOR)
    out_pk, out_floor = b.out("folder-pk"), b.out("folder-floor")
    cmds = {
        "pk": [*pk_cmd(), "check", str(folder), "--jobs", "2", "--out", str(out_pk), "-q"],
        "floor": [sys.executable, str(floor_script), str(folder), str(out_floor), "2"],
    }
    physical = b.out("physical.py")
    physical.write_text(PHYSICAL)
    out_phys = b.out("folder-physical")
    cmds["physical"] = [sys.executable, str(physical), "--pool", str(folder), str(out_phys), "2"]
    runs = max(1, min(b.runs, 3))
    res = alternate(cmds, runs, fresh_out={"pk": out_pk, "floor": out_floor, "physical": out_phys})
    written = len(list(out_pk.glob("*.checked.xlsx")))
    pk, floor = med(res["pk"]), med(res["floor"])
    phys = med(res["physical"])
    b.add(f"folder of {n}, vs physical floor", f"{n / pk:.1f} files/s", f"{n / phys:.1f} files/s calamine+copy "
          "pool of 2", _ratio(pk, phys), ">= 100 files/s or <= 1.50x", n / pk >= 100 or pk / phys <= 1.5)
    b.add(f"folder of {n}, --jobs 2", f"{n / pk:.1f} files/s", f"{n / floor:.1f} files/s openpyxl pool of 2",
          _ratio(pk, floor), ">= 40 files/s", n / pk >= 40,
          f"[{pk:.2f} s vs {floor:.2f} s; {written}/{n} written]")
    b.add(f"folder of {n}, time vs floor", f"{pk:.2f} s", f"{floor:.2f} s", _ratio(pk, floor), "<= 1.30x",
          pk / floor <= 1.3)


def target_of(n: int) -> bool:
    return n >= 20_000


def case_large(b: Bench) -> None:
    sizes = (4_000,) if b.quick else (4_000, 20_000)
    for n in sizes:
        print(f"one sheet of {n:,} indicator rows (building input if needed)", flush=True)
        path = cached_sheet(n)
        out_pk, out_floor = b.out(f"large-{n}-pk"), b.out(f"large-{n}-floor")
        out_floor.mkdir(exist_ok=True)
        physical = b.out("physical.py")
        physical.write_text(PHYSICAL)
        cmds = {
            "pk": [*pk_cmd(), "check", str(path), "--out", str(out_pk), "-q"],
            "floor": py(LOAD_SAVE) + [str(path), str(out_floor / path.name)],
            "physical": [sys.executable, str(physical), str(path), str(out_floor / ("p-" + path.name))],
        }
        runs = max(1, min(b.runs, 3))
        res = alternate(cmds, runs, fresh_out={"pk": out_pk})
        pk, floor = med(res["pk"]), med(res["floor"])
        phys = med(res["physical"])
        b.add(f"{n:,} rows, vs physical floor", f"{pk:.2f} s", f"{phys:.2f} s calamine+copy+pandas",
              _ratio(pk, phys), "<= 3.00x" if target_of(n) else "", (pk / phys <= 3.0) if target_of(n) else None,
              f"[{stage_times(path, b.out(f'stages-{n}'))}]")
        found = _indicators_in(res["pk"][0].out)
        mem_pk, mem_floor = max(r.rss_mb for r in res["pk"]), max(r.rss_mb for r in res["floor"])
        target = n >= 20_000
        b.add(f"{n:,} rows, time", f"{pk:.2f} s", f"{floor:.2f} s openpyxl load/save", _ratio(pk, floor),
              "<= 1.50x" if target else "", (pk / floor <= 1.5) if target else None,
              f"[{found}/{n} indicators read; cpu {med(res['pk'], 'cpu'):.2f} vs {med(res['floor'], 'cpu'):.2f} s]")
        b.add(f"{n:,} rows, peak RSS", f"{mem_pk:.0f} MB", f"{mem_floor:.0f} MB", _ratio(mem_pk, mem_floor),
              "<= 1.50x" if target else "", (mem_pk / mem_floor <= 1.5) if target else None)  # issue 16


def realistic_values(n: int, seed: int = 8) -> list[tuple[str, str | None]]:
    """n (text, role) pairs as PK authors type them; numbers vary so the parser's cache does not answer them all."""
    rng = random.Random(seed)
    roles = ("target", "realisasi", "capaian")
    out: list[tuple[str, str | None]] = []
    for i in range(n):
        role = roles[i % 3]
        k = rng.random()
        if k < 0.22:
            s = f"{_id_number(rng.uniform(0, 100), rng.choice((0, 2, 2, 1)))}{rng.choice(('%', '%', ' %'))}"
        elif k < 0.40:
            s = f"{rng.randint(0, 500)} {rng.choice(_UNITS)}"
        elif k < 0.50:
            s = _id_number(rng.uniform(0, 1000), rng.choice((0, 2)))
        elif k < 0.58:
            s = _id_number(rng.randint(1, 9_999) * 1_000_000 + rng.randint(0, 999_999), 0)
            if rng.random() < 0.5:
                s = rng.choice(("Rp ", "Rp. ", "Rp")) + s
        elif k < 0.65:
            s = rng.choice(("-", "N/A", "n/a", "–", "belum ada data", "", "0"))
        elif k < 0.72:
            s = rng.choice(("A", "BB", "B", "CC", "AA", "Baik", "Sangat Baik"))
        elif k < 0.80:
            real = rng.uniform(60, 100)
            s = f"{_id_number(real, 2)} ({'Sangat Baik' if real >= 88.31 else 'Baik'})"
        elif k < 0.85:
            s = f"{_id_number(rng.uniform(0, 100), 2)}".replace(",", rng.choice((", ", ".", ",")), 1)
        elif k < 0.90:
            lo = rng.randint(50, 90)
            s = f"{lo} - {lo + rng.randint(1, 10)} %"
        elif k < 0.94:
            s = f"Rp {rng.randint(1, 900)} {rng.choice(('juta', 'miliar', 'M', 'jt'))}"
        elif k < 0.97:
            s = f"{rng.choice(('≥', '>=', 'min. ', 'minimal '))}{rng.randint(50, 100)}%"
        else:
            s = rng.choice(("Tercapai", "Belum tercapai", "Hasil SKM Tahun 2023", "Dalam proses"))
        out.append((s, role))
    return out


def case_values(b: Bench) -> None:
    from pk_excel import values

    n = 200_000 if b.quick else 1_000_000
    print(f"value parser on {n:,} strings (building them)", flush=True)
    cells = realistic_values(n)
    distinct = len(set(cells))
    rates, walls = [], []
    for _ in range(max(1, min(b.runs, 3))):
        clear = getattr(values._parse_text, "cache_clear", None)  # each run starts cold, like a new process
        if clear:
            clear()
        parse = values.parse
        start, cpu = time.perf_counter(), time.process_time()
        for s, role in cells:
            parse(s, "General", role)
        # CPU time of this one thread: other processes on the machine do not slow the parser down.
        rates.append(n / (time.process_time() - cpu))
        walls.append(n / (time.perf_counter() - start))
    rate = statistics.median(rates)
    b.add("value parser", f"{rate:,.0f} cells/s", "-", "-", ">= 200,000 cells/s", rate >= 200_000,
          f"[CPU time; wall {statistics.median(walls):,.0f} cells/s; {n:,} strings, {distinct:,} distinct]")


def print_table(b: Bench) -> None:
    heads = ("case", "pk-excel", "floor", "ratio", "target", "result")
    rows = [(r.case, r.pk, r.floor, r.ratio, r.target, "" if r.ok is None else ("PASS" if r.ok else "FAIL"))
            for r in b.rows]
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(heads)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    print()
    print(line(heads))
    print(line(["-" * w for w in widths]))
    for row in rows:
        print(line(row))
    notes = [f"  {r.case}: {r.extra}" for r in b.rows if r.extra]
    if notes:
        print("\nnotes:")
        print("\n".join(notes))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer runs, 40 files, 4,000 rows only, 200,000 values")
    ap.add_argument("--cases", default=",".join(CASES), help=f"comma-separated, from: {', '.join(CASES)}")
    ap.add_argument("--runs", type=int, default=None, help="runs per command (default 5, or 2 with --quick)")
    args = ap.parse_args(argv)
    chosen = [c.strip() for c in args.cases.split(",") if c.strip()]
    unknown = [c for c in chosen if c not in CASES]
    if unknown:
        ap.error(f"unknown case(s): {', '.join(unknown)}; choose from {', '.join(CASES)}")
    b = Bench(runs=args.runs or (2 if args.quick else 5), quick=args.quick)
    # An installed package has its bytecode (pip compiles on install); an editable checkout may not, and
    # PYTHONDONTWRITEBYTECODE would keep every run compiling pk_excel from source. Compile it once, as an
    # install does, so each run pays what a user's run pays.
    import compileall

    import pk_excel

    compileall.compile_dir(str(Path(pk_excel.__file__).parent), quiet=1)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"pk-excel benchmark: {os.cpu_count()} CPUs, load average {load:.1f}, python {sys.version.split()[0]}, "
          f"inputs cached in {CACHE}", flush=True)
    funcs = {"cold": case_cold, "startup": case_startup, "folder": case_folder, "large": case_large,
             "values": case_values}
    started = time.perf_counter()
    try:
        for name in CASES:
            if name in chosen:
                funcs[name](b)
    finally:
        shutil.rmtree(b.work, ignore_errors=True)
    print_table(b)
    print(f"\ntotal {time.perf_counter() - started:.0f} s")
    return 1 if any(r.ok is False for r in b.rows) else 0


if __name__ == "__main__":
    sys.exit(main())
