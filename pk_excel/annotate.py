"""The validated workbook: the user's sheets with findings marked, plus the sheets Temuan and Ringkasan.

Owns where the output goes (`output_path`), writing it atomically and only over pk-excel's own output
(`write_validated`), the fills and notes on the cells findings point to, the computed columns right of each
table, the Temuan and Ringkasan sheets, and the fidelity warnings: what an openpyxl save loses from the
input (`fidelity_warnings`). What pk-excel adds is recorded by `marks` so a second run starts from the user's
workbook.
Every text taken from a workbook is written as a string, never as a formula.
"""

from __future__ import annotations

import errno
import os
import posixpath
import re
import tempfile
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from .cellref import MergedIndex, col_letter, split
from .config import Options
from .marks import (
    ADDED_SHEETS,
    MARK_PROPERTY,
    NOTE_AUTHOR,
    NOTE_SEPARATOR,
    Marks,
    fill_to_xml,
    read_marks,
    set_text,
    stamp,
    strip_marks,
    write_marks,
)
from .model import LEVELS, SEVERITY_RANK, Document, FileReport, Finding, Indicator, PkError, Table

NOTE_MAX = 32_767  # characters Excel keeps in a note (and in a cell)
_NOTE_MIN = 200  # room below which no note is added to a user's note
CHART_INDICATORS = 60  # indicators charted one by one on Ringkasan; more are charted per predikat
FILL_COLOUR = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}
HEADER_FILL = "1F4E78"

_SEVERITY = {
    "id": {"error": "Kesalahan", "warning": "Peringatan", "info": "Info"},
    "en": {"error": "Error", "warning": "Warning", "info": "Info"},
}
_LEGEND = {
    "id": {
        "title": "Keterangan warna pk-excel",
        "error": "Kesalahan: nilai salah atau tidak konsisten",
        "warning": "Peringatan: perlu diperiksa",
        "info": "Info: catatan cara nilai dibaca",
    },
    "en": {
        "title": "pk-excel colour legend",
        "error": "Error: a wrong or inconsistent value",
        "warning": "Warning: please check",
        "info": "Info: a note on how the value was read",
    },
}
_ADDED_COLUMNS = {
    "id": ("Capaian (hitung)", "Selisih", "Status", "Predikat", "Temuan"),
    "en": ("Capaian (computed)", "Difference", "Status", "Predikat", "Findings"),
}
_ADDED_WIDTHS = (19, 10, 18, 16, 60)
_STATUS_EN = {
    "tercapai": "achieved",
    "tidak tercapai": "not achieved",
    "belum ada data": "no data yet",
    "tidak dapat dihitung": "cannot be computed",
}
_STATUSES = ("tercapai", "tidak tercapai", "belum ada data", "tidak dapat dihitung")
_TEMUAN_HEADERS = {
    "id": (
        "No",
        "Tingkat",
        "Lembar",
        "Sel",
        "Aturan",
        "Indikator",
        "Pesan",
        "Nilai tercatat",
        "Nilai seharusnya",
        "ID aturan",
    ),
    "en": (
        "No",
        "Severity",
        "Sheet",
        "Cell",
        "Rule",
        "Indikator",
        "Message",
        "Value found",
        "Expected value",
        "Rule ID",
    ),
}
# Narrow enough that a landscape A4 page, one page wide, keeps the text readable.
_TEMUAN_WIDTHS = (5, 11, 14, 7, 20, 28, 56, 16, 16, 12)
_LINE_HEIGHT = 15.0  # points per line of 11-point text
_BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip

# Fidelity: what an openpyxl save loses, as (Indonesian, English).
_FIDELITY = {
    "shapes": (
        "Bentuk, kotak teks, dan gambar garis (selain grafik dan gambar) tidak ikut tersimpan.",
        "Shapes, text boxes and drawings (other than charts and pictures) are not kept in the output.",
    ),
    "smartart": ("Diagram SmartArt tidak ikut tersimpan.", "SmartArt diagrams are not kept."),
    "sparklines": ("Sparkline (grafik mini dalam sel) tidak ikut tersimpan.", "Sparklines are not kept."),
    "x14-validation": (
        "Sebagian validasi data (daftar dari lembar lain, format Excel 2010+) tidak ikut tersimpan.",
        "Some data validations (lists from other sheets, Excel 2010+ format) are not kept.",
    ),
    "x14-conditional": (
        "Sebagian format bersyarat (bilah data, ikon, format Excel 2010+) dapat hilang atau berubah.",
        "Some conditional formats (data bars, icon sets, Excel 2010+ format) may be lost or changed.",
    ),
    "extensions": (
        "Sebagian fitur lanjutan Excel pada lembar kerja (extLst) tidak ikut tersimpan.",
        "Some advanced Excel sheet features (extLst) are not kept.",
    ),
    "slicers": (
        "Slicer dan timeline tidak ikut tersimpan.",
        "Slicers and timelines are not kept.",
    ),
    "controls": (
        "Kontrol formulir dan ActiveX (tombol, kotak centang) tidak ikut tersimpan.",
        "Form and ActiveX controls (buttons, check boxes) are not kept.",
    ),
    "images": (
        "Gambar tidak ikut tersimpan (modul Pillow tidak tersedia).",
        "Pictures are not kept (the Pillow module is not available).",
    ),
    "images-emf": (
        "Gambar berformat WMF/EMF tidak ikut tersimpan.",
        "Pictures in WMF/EMF format are not kept.",
    ),
    "images-in-cell": (
        "Gambar di dalam sel (Excel 365) tidak ikut tersimpan.",
        "Pictures placed in cells (Excel 365) are not kept.",
    ),
    "header-images": (
        "Gambar di header/footer cetak tidak ikut tersimpan.",
        "Pictures in the print header/footer are not kept.",
    ),
    "charts": (
        "Grafik ditulis ulang; sebagian format grafik dapat berubah.",
        "Charts are rewritten; some chart formatting may change.",
    ),
    "formulas": (
        (
            "Rumus disimpan tanpa hasil terakhirnya: nilainya tampil setelah dihitung ulang "
            "(Excel menghitung ulang saat berkas dibuka)."
        ),
        (
            "Formulas are saved without their last results: values show after recalculation "
            "(Excel recalculates when the file is opened)."
        ),
    ),
    "vba": (
        "Makro (VBA) tidak ikut tersimpan di berkas keluaran.",
        "Macros (VBA) are not kept in the output.",
    ),
    "pivot": (
        "Tabel pivot disimpan ulang; segarkan (Refresh) tabel pivot setelah membuka berkas.",
        "Pivot tables are rewritten; refresh them after opening the file.",
    ),
    "threaded": (
        "Komentar berutas (threaded comments) menjadi catatan biasa; balasannya tidak ikut tersimpan.",
        "Threaded comments are kept as plain notes; their replies are not kept.",
    ),
    "converted": (
        "Berkas .xls/.ods disimpan sebagai .xlsx: hanya nilai yang terbawa; format, rumus, dan makro tidak.",
        "The .xls/.ods file is saved as .xlsx: only values are carried over, not formats, formulas, macros.",
    ),
}


def _version() -> str:
    """The version that writes the output (the package's single source, see pyproject.toml)."""
    from . import __version__

    return __version__


OUTPUT_MARK = ".checked"


def output_stem(input_path: Path) -> str:
    """The name an output starts with: the input's stem, without `.checked` when the input is itself a
    validated copy (checking X.checked.xlsx writes X.checked.xlsx again, not X.checked.checked.xlsx)."""
    path = Path(input_path)
    stem = path.stem
    if stem.lower().endswith(OUTPUT_MARK) and len(stem) > len(OUTPUT_MARK):
        # Only pk-excel's own copy is rewritten in place; a workbook of the user's named so keeps its name.
        if not path.exists() or is_pk_output(path):
            stem = stem[: -len(OUTPUT_MARK)]
    return stem


def output_path(input_path: Path, out_dir: Path | None, source_format: str, stem: str | None = None) -> Path:
    """FILE.xlsx -> FILE.checked.xlsx beside it (or in `out_dir`); .xlsm stays .xlsm; .xls/.ods -> .xlsx.

    `stem` replaces the input's name (a run gives two inputs that would meet at one output distinct names)."""
    input_path = Path(input_path)
    ext = ".xlsm" if source_format == "xlsm" else ".xlsx"
    folder = Path(out_dir) if out_dir is not None else input_path.parent
    return folder / f"{stem or output_stem(input_path)}{OUTPUT_MARK}{ext}"


def is_pk_output(path: Path) -> bool:
    """True when `path` is a workbook pk-excel wrote (it carries the `pk-excel` custom property)."""
    try:
        with zipfile.ZipFile(path) as zf:
            data = zf.read("docProps/custom.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    return re.search(rb'name="' + MARK_PROPERTY.encode() + rb'"', data) is not None


def write_openpyxl_copy(book: Any, report: FileReport, out_path: Path, options: Options) -> list[str]:
    """The validated copy of a workbook the patch writer cannot take (.xls/.ods converted, an .xlsx carrying
    macros), through openpyxl; `validated.write_validated` chooses. Returns the fidelity warnings.

    `book.wb` (the openpyxl Workbook, loaded once with formulas) is changed in place: pk-excel's earlier marks
    are stripped, then the findings of `report` are marked. The input file is never written.
    """
    lang = "en" if options.language == "en" else "id"
    out_path = Path(out_path)
    input_path = Path(getattr(book, "path", None) or report.path)
    source_format = getattr(book, "source_format", "xlsx")
    wb = book.wb
    warnings = fidelity_warnings(input_path, source_format, lang, frozenset(read_marks(wb).sheets))
    vba = getattr(wb, "vba_archive", None) is not None
    if vba and out_path.suffix.lower() != ".xlsm":
        # A macro workbook saved under .xlsx is refused by Excel; drop the macros and say so.
        wb.vba_archive = None
        warnings.append(_FIDELITY["vba"][lang == "en"])
    elif not vba and out_path.suffix.lower() == ".xlsm" and source_format == "xlsm":
        warnings.append(_FIDELITY["vba"][lang == "en"])

    strip_marks(wb)
    marks = Marks(is_output=True, version=_version())
    doc = report.document
    findings = sorted(report.findings, key=Finding.sort_key)
    anchors = _Anchors()
    _mark_cells(wb, findings, marks, lang, anchors)
    if doc is not None:
        _add_columns(wb, doc, findings, marks, lang, anchors)
    temuan = _unique_title(wb, ADDED_SHEETS[0])
    _write_temuan(wb.create_sheet(temuan), wb, findings, lang, anchors)
    marks.sheets.add(temuan)
    ringkasan = _unique_title(wb, ADDED_SHEETS[1])
    _write_ringkasan(
        wb.create_sheet(ringkasan), input_path, doc, findings, warnings, lang, options.config.predikat
    )
    marks.sheets.add(ringkasan)
    write_marks(wb, marks)

    from openpyxl.packaging.custom import StringProperty

    wb.custom_doc_props.append(StringProperty(name=MARK_PROPERTY, value=marks.version))
    if _FIDELITY["formulas"][lang == "en"] in warnings:
        # Formulas lose their cached results in an openpyxl save: ask Excel to recalculate on open.
        wb.calculation.fullCalcOnLoad = True
    save_atomic(wb, out_path, input_path.name)
    return warnings


def patchable(book: Any, source_format: str) -> bool:
    """True when the copy can be written by patching the input's package (`xlsxpatch`): an .xlsx/.xlsm
    read by `xlsxread` (a pk-excel output too: its earlier marks are stripped in place), unless it is an
    .xlsx carrying macros (Excel refuses those; the openpyxl writer drops the macros and says so)."""
    data = getattr(book, "data", None)
    if data is None or source_format not in ("xlsx", "xlsm"):
        return False
    if source_format == "xlsx":
        try:
            with zipfile.ZipFile(book.path) as zf:
                return not any(n.lower() == "xl/vbaproject.bin" for n in zf.namelist())
        except (OSError, zipfile.BadZipFile):
            return False
    return True


# --- where it goes ---------------------------------------------------------------------------------


def refuse_unsafe_target(input_path: Path, out_path: Path) -> None:
    same = out_path.resolve() == input_path.resolve()
    if not same and out_path.exists() and input_path.exists():
        same = os.path.samefile(out_path, input_path)
    if same and is_pk_output(input_path):
        return  # a validated copy checked again is rewritten in place (atomically, marks refreshed)
    if same:
        raise PkError(
            "write-failed",
            f"{out_path}: berkas keluaran tidak boleh sama dengan berkas masukan",
            f"{out_path}: the output must not be the input file",
            path=str(out_path),
        )
    if out_path.exists() and not is_pk_output(out_path):
        raise PkError(
            "output-exists",
            f"{out_path}: berkas sudah ada dan bukan keluaran pk-excel; tidak ditimpa",
            f"{out_path}: the file exists and is not a pk-excel output; not overwritten",
            path=str(out_path),
        )


def _write_error(exc: BaseException, out_path: Path, stage: str) -> PkError:
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        msg_id = "disk penuh; kosongkan ruang disk atau pilih folder lain dengan --out, lalu periksa lagi"
        msg_en = "disk full; free some space or choose another folder with --out, then check again"
    elif isinstance(exc, PermissionError) and stage == "replace":
        msg_id = "berkas keluaran tidak dapat diganti (mungkin sedang dibuka di aplikasi lain); tutup berkas itu lalu periksa lagi"
        msg_en = "the output cannot be replaced (it may be open in another application); close it and check again"
    elif isinstance(exc, PermissionError) or (
        isinstance(exc, OSError) and exc.errno in (errno.EROFS, errno.EACCES)
    ):
        msg_id = "folder tidak dapat ditulisi; pilih folder lain dengan --out atau minta izin tulis"
        msg_en = "folder is not writable; choose another folder with --out or ask for write access"
    elif isinstance(exc, OSError):
        reason = exc.strerror or str(exc)
        msg_id, msg_en = (
            f"berkas keluaran tidak dapat ditulis ({reason}); pilih folder lain dengan --out",
            f"the output cannot be written ({reason}); choose another folder with --out",
        )
    else:
        msg_id = f"berkas keluaran tidak dapat ditulis ({type(exc).__name__}: {exc})"
        msg_en = f"the output cannot be written ({type(exc).__name__}: {exc})"
    return PkError("write-failed", f"{out_path}: {msg_id}", f"{out_path}: {msg_en}", path=str(out_path))


def save_atomic(wb, out_path: Path, source: str | None = None) -> None:
    """Save to a temporary file in the output's folder, stamp it (`marks.stamp`, naming `source`, the
    input's name), then rename over the output: never a partial file.

    `wb` is an openpyxl Workbook, or a function that writes the output to the path it is given."""
    folder = out_path.parent
    tmp: str | None = None
    stage = "folder"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{out_path.stem}.", suffix=".tmp", dir=folder)
        os.close(fd)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the output a normal file's mode
        stage = "save"
        if callable(wb):
            wb(tmp)
        else:
            wb.save(tmp)
        stamp(tmp, source)
        stage = "replace"
        os.replace(tmp, out_path)
        tmp = None
    except Exception as exc:  # openpyxl raises its own errors too; every failure becomes one clean line
        raise _write_error(exc, out_path, stage) from exc
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


# --- fidelity --------------------------------------------------------------------------------------

_SHAPE = re.compile(rb"<(?:\w+:)?(?:sp|grpSp|cxnSp)[\s>]|txBody")
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_SHEET = re.compile(r"^xl/(?:worksheets|chartsheets)/[^/]+\.xml$")
_DRAWING = re.compile(r"^xl/drawings/[^/]+\.xml$")
_MAX_SCAN = 64 * 1024 * 1024  # bytes of one sheet scanned for formulas and extensions


def fidelity_warnings(
    path: Path, source_format: str, lang: str = "id", skip_sheets: frozenset[str] = frozenset()
) -> list[str]:
    """What saving this workbook through openpyxl loses, in `lang` (from the input's zip, without parsing it).

    `skip_sheets`: sheets whose parts are pk-excel's own (its chart on Ringkasan is no loss of the user's).
    """
    en = lang == "en"
    if source_format in ("xls", "ods"):
        return [_FIDELITY["converted"][en]]
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile):
        return []
    found: set[str] = set()
    with zf:
        names = zf.namelist()
        owned = _owned_parts(zf, skip_sheets) if skip_sheets else set()
        for name in names:
            low = name.lower()
            if name in owned:
                continue
            if _DRAWING.match(name):
                if _SHAPE.search(_read_head(zf, name, _MAX_SCAN)):
                    found.add("shapes")
            elif low.startswith("xl/diagrams/"):
                found.add("smartart")
            elif low.startswith("xl/media/"):
                if low.endswith((".emf", ".wmf")):
                    found.add("images-emf")
                elif not _has_pillow():
                    found.add("images")
            elif low.startswith("xl/richdata/"):
                found.add("images-in-cell")
            elif low.startswith(("xl/slicers/", "xl/slicercaches/", "xl/timelines/", "xl/timelinecaches/")):
                found.add("slicers")
            elif low.startswith(("xl/ctrlprops/", "xl/activex/")):
                found.add("controls")
            elif low.startswith("xl/charts/chart"):
                found.add("charts")
            elif low.startswith("xl/pivottables/"):
                found.add("pivot")
            elif low.startswith("xl/threadedcomments/"):
                found.add("threaded")
            elif low == "xl/vbaproject.bin" and source_format != "xlsm":
                found.add("vba")
            elif _SHEET.match(name):
                found |= _scan_sheet(zf, name)
    return [_FIDELITY[key][en] for key in _FIDELITY if key in found]


def _rels(zf: zipfile.ZipFile, part: str) -> dict[str, str]:
    """Relationship id -> target part of `part`, read with a regex (ids and targets are plain attributes)."""
    folder, name = posixpath.split(part)
    try:
        data = zf.read(posixpath.join(folder, "_rels", name + ".rels")).decode("utf-8", "replace")
    except KeyError:
        return {}
    out = {}
    for attrs in re.findall(r"<Relationship\b([^>]*)>", data):
        rid = re.search(r'\bId="([^"]+)"', attrs)
        target = re.search(r'\bTarget="([^"]+)"', attrs)
        if rid and target and 'TargetMode="External"' not in attrs:
            t = target.group(1)
            out[rid.group(1)] = (
                t.lstrip("/") if t.startswith("/") else posixpath.normpath(posixpath.join(folder, t))
            )
    return out


def _owned_parts(zf: zipfile.ZipFile, sheets: frozenset[str]) -> set[str]:
    """The parts (sheet XML, drawings, charts) that belong to the sheets titled in `sheets`."""
    from xml.sax.saxutils import unescape

    from .xlsxread import workbook_part

    try:
        part = workbook_part(zf, set(zf.namelist()))  # named by _rels/.rels, not always xl/workbook.xml
        wbxml = zf.read(part).decode("utf-8", "replace")
    except Exception:  # noqa: BLE001 - a damaged package: nothing owned to report
        return set()
    ids = _rels(zf, part)
    owned: set[str] = set()
    for attrs in re.findall(r"<(?:\w+:)?sheet\b([^>]*)>", wbxml):
        name = re.search(r'\bname="([^"]*)"', attrs)
        rid = re.search(r'\br:id="([^"]+)"', attrs)
        if (
            name
            and rid
            and unescape(name.group(1), {"&quot;": '"', "&apos;": "'"}) in sheets
            and rid.group(1) in ids
        ):
            todo = [ids[rid.group(1)]]
            while todo:
                part = todo.pop()
                if part not in owned:
                    owned.add(part)
                    todo.extend(t for t in _rels(zf, part).values() if t.startswith("xl/"))
    return owned


def _has_pillow() -> bool:
    from importlib.util import find_spec

    return find_spec("PIL") is not None


def _read_head(zf: zipfile.ZipFile, name: str, limit: int) -> bytes:
    with zf.open(name) as fh:
        return fh.read(limit)


def _scan_sheet(zf: zipfile.ZipFile, name: str) -> set[str]:
    """Formulas and x14 extensions of one sheet, read in chunks (sheets can be large)."""
    found: set[str] = set()
    tail = b""
    seen = 0
    ext_parts: list[bytes] = []
    with zf.open(name) as fh:
        while seen < _MAX_SCAN:
            chunk = fh.read(1 << 20)
            if not chunk:
                break
            seen += len(chunk)
            data = tail + chunk
            if "formulas" not in found and _FORMULA.search(data):
                found.add("formulas")
            if b"legacyDrawingHF" in data:
                found.add("header-images")
            pos = data.find(b"extLst")
            if pos >= 0:
                ext_parts.append(data[max(pos - 16, 0) :])
            elif ext_parts:
                ext_parts.append(chunk)
            tail = data[-64:]
    if ext_parts:
        ext = b"".join(ext_parts)
        if b"sparklineGroup" in ext:
            found.add("sparklines")
        if b"dataValidation" in ext:
            found.add("x14-validation")
        if b"conditionalFormatting" in ext:
            found.add("x14-conditional")
        if b"slicerList" in ext or b"timelineRef" in ext:
            found.add("slicers")
        if not found & {"sparklines", "x14-validation", "x14-conditional", "slicers"}:
            found.add("extensions")
    return found


# --- the user's sheets: fills and notes --------------------------------------------------------------


class _Styles:
    """Cell styles set once per distinct key, then copied.

    openpyxl hashes every Font, Border, Fill or Alignment assigned to a cell to find its index in the
    workbook's style lists; on 20,000 rows that hashing is most of the time. The result of styling a cell is
    its StyleArray (the indices), which depends only on the cell's style before and on what is assigned:
    style the first cell of each (key, style before) the slow way and give the others a copy of its array.
    `key` must name everything `style(cell, *args)` reads besides the cell's own style.

    Cells made by `new_cell` share one StyleArray per look (100,000 added cells would hold 12 MB of copies);
    openpyxl's style setters edit a cell's array in place, so `apply` gives a cell its own array before
    styling it, and nothing else may restyle those cells in place.
    """

    def __init__(self) -> None:
        self._done: dict[tuple, Any] = {}

    def apply(self, cell, key: tuple, style, *args: Any) -> None:
        from copy import copy

        before = tuple(cell._style) if cell._style is not None else None
        done = self._done.get((key, before), self)
        if done is self:
            if cell._style is not None:
                cell._style = copy(cell._style)  # it may be shared (see new_cell)
            style(cell, *args)
            self._done[(key, before)] = copy(cell._style)
        else:
            cell._style = copy(done)

    def new_cell(self, ws, row: int, col: int, key: tuple, style, *args: Any):
        """The cell at (row, col) styled as `apply` does; made directly when it is new (ws.cell is slower)."""
        done = self._done.get((key, None), self) if (row, col) not in ws._cells else self
        if done is self:
            cell = ws.cell(row, col)
            self.apply(cell, key, style, *args)
            return cell
        from openpyxl.cell.cell import Cell

        cell = Cell(ws, row=row, column=col)
        cell._style = done  # shared, never edited in place (see the class docstring)
        ws._add_cell(cell)
        return cell


class _Anchors:
    """The top-left cell of the merged range a cell lies in (openpyxl cells), from one `MergedIndex` per
    sheet. `forget(ws)` after merging cells on `ws`."""

    def __init__(self) -> None:
        self._sheets: dict[str, MergedIndex] = {}

    def forget(self, ws) -> None:
        self._sheets.pop(ws.title, None)

    def cell(self, ws, row: int, col: int):
        index = self._sheets.get(ws.title)
        if index is None:
            ranges = ((r.min_row, r.min_col, r.max_row, r.max_col) for r in ws.merged_cells.ranges)
            index = self._sheets[ws.title] = MergedIndex(ranges)
        hit = index.top_left(row, col)
        if hit is None:
            return ws.cell(row, col)
        from openpyxl.cell.cell import MergedCell

        anchor = ws.cell(*hit)
        if isinstance(anchor, MergedCell):  # overlapping ranges: the top-left is inside another range
            own = ws.cell(row, col)
            return own if not isinstance(own, MergedCell) else anchor
        return anchor

    def ref(self, ws, ref: str):
        """The cell a reference points to; inside a merged range, its top-left cell."""
        row, col = split(ref.split(":", 1)[0])
        return self.cell(ws, row, col)


def _assign(cell, attrs: tuple[tuple[str, Any], ...]) -> None:
    """Set style attributes on a cell (a `_Styles` style; its key names what `attrs` holds)."""
    for name, value in attrs:
        setattr(cell, name, value)


def _solid(colour: str):
    from openpyxl.styles import PatternFill

    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


def _note_line(f: Finding, lang: str) -> str:
    from .rules.registry import rule_name

    label = _SEVERITY[lang][f.severity]
    lines = [f"[{label}] {rule_name(f.rule, lang)}: {f.message(lang)}"]
    found_label, expected_label = ("Tercatat", "Seharusnya") if lang == "id" else ("Found", "Expected")
    if f.found not in (None, ""):
        lines.append(f"{found_label}: {f.found}")
    if f.expected not in (None, ""):
        lines.append(f"{expected_label}: {f.expected}")
    return "\n".join(lines)


def note_text(group: list[Finding], lang: str) -> str:
    """pk-excel's note on one cell: every finding on it, most serious first."""
    return "pk-excel:\n" + "\n\n".join(_note_line(f, lang) for f in group)


def merge_note(user_text: str | None, ours: str) -> str | None:
    """The note text of a cell: the user's own note (if any), the separator, then ours; None when the
    user's note leaves no room (the findings stay on Temuan)."""
    before = user_text.rstrip("\n") + NOTE_SEPARATOR if user_text is not None else ""
    room = NOTE_MAX - len(before)
    if room < _NOTE_MIN:
        return None
    if len(ours) > room:
        ours = ours[: room - 1] + "…"
    return before + ours


def note_height(text: str) -> int:
    """Height (px) of a note box that shows `text` at the note width (320 px)."""
    lines = sum(1 + len(line) // 48 for line in text.split("\n"))
    return min(40 + 15 * lines, 420)


def _mark_cells(wb, findings: list[Finding], marks: Marks, lang: str, anchors: _Anchors) -> None:
    from openpyxl.cell.cell import MergedCell
    from openpyxl.comments import Comment

    by_cell: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    cells: dict[tuple[str, str], Any] = {}
    sheets = {ws.title: ws for ws in wb.worksheets}
    for f in findings:
        if not f.sheet or not f.cell or f.sheet not in sheets:
            continue
        try:
            cell = anchors.ref(sheets[f.sheet], f.cell)
        except ValueError:
            continue
        if isinstance(cell, MergedCell):
            continue  # overlapping merged ranges leave no writable cell: the finding stays on Temuan
        key = (f.sheet, cell.coordinate)
        by_cell[key].append(f)
        cells.setdefault(key, cell)

    styles = _Styles()
    fills = {sev: (("fill", _solid(colour)),) for sev, colour in FILL_COLOUR.items()}
    xml: dict[int, str] = {}  # fill index -> its XML: the same few fills recur on every marked cell

    def fill_xml(cell) -> str:
        fill_id = cell._style.fillId if cell._style is not None else 0
        text = xml.get(fill_id)
        if text is None:
            text = xml[fill_id] = fill_to_xml(cell.fill)
        return text

    for (sheet, coord), group in by_cell.items():
        cell = cells[(sheet, coord)]
        worst = min(group, key=lambda f: SEVERITY_RANK[f.severity]).severity
        rec: dict[str, Any] = {"fill": fill_xml(cell) if cell.fill.fill_type else None}
        styles.apply(cell, ("fill", worst), _assign, fills[worst])
        rec["ours"] = fill_xml(cell)
        marks.cells.setdefault(sheet, {})[coord] = rec

        ours = note_text(group, lang)
        user = cell.comment
        shared = user is not None and user.author != NOTE_AUTHOR
        text = merge_note(user.text if shared else None, ours)
        if text is None:
            continue  # the user's note fills the cell's note already: the findings are on Temuan
        if shared:
            rec["author"] = user.author
        cell.comment = Comment(text, NOTE_AUTHOR, height=note_height(text), width=320)


# --- the user's sheets: computed columns right of each table ------------------------------------------


def _last_used_col(ws) -> int:
    """The last column holding a value, a style or a note: our columns must not touch the user's cells."""
    last = max(
        (c.column for c in ws._cells.values() if c.value is not None or c.has_style or c.comment is not None),
        default=0,
    )
    for rng in ws.merged_cells.ranges:
        last = max(last, rng.max_col)
    return last


_NUMBER_ROW = re.compile(r"^\(?(\d+)\)?$")


def _is_number_row(ws, row: int, table: Table) -> bool:
    values = [ws.cell(row, c).value for c in table.columns.values()]
    values = [v for v in values if v not in (None, "")]
    return bool(values) and all(_NUMBER_ROW.match(str(v).strip()) for v in values)


def _copy_header_style(dst, src, anchor) -> None:
    from copy import copy

    from openpyxl.styles import Alignment

    dst.font = copy(anchor.font)
    dst.fill = copy(anchor.fill)
    dst.border = copy(src.border)
    dst.alignment = Alignment(horizontal="center", vertical="center", wrap_text=anchor.alignment.wrap_text)


def _status_text(status: str | None, lang: str) -> str | None:
    if not status:
        return None
    text = _STATUS_EN.get(status, status) if lang == "en" else status
    return text[:1].upper() + text[1:]


def _add_columns(
    wb, doc: Document, findings: list[Finding], marks: Marks, lang: str, anchors: _Anchors
) -> None:
    """Five computed columns right of the sheet's content, one line per indicator row.

    Row heights stay as the user set them, so the Temuan column lists only the rule IDs of the row (short,
    one line); the messages are in the notes and on the Temuan sheet.
    """
    tables_by_sheet: dict[str, list[Table]] = defaultdict(list)
    for t in doc.tables:
        if t.sheet in wb.sheetnames:
            tables_by_sheet[t.sheet].append(t)
    row_findings: dict[tuple[str, int], list[Finding]] = defaultdict(list)
    for f in findings:
        if f.sheet and f.row:
            row_findings[(f.sheet, f.row)].append(f)
    headers = _ADDED_COLUMNS[lang]
    styles = _Styles()

    for sheet, tables in tables_by_sheet.items():
        ws = wb[sheet]
        user_last_row = ws.max_row
        first = _last_used_col(ws) + 2  # one empty column between the user's content and ours
        cols = range(first, first + len(headers))
        for t in tables:
            _write_added_header(ws, t, first, headers, anchors, styles)
        for ind in doc.indicators:
            if ind.sheet != sheet:
                continue
            found = row_findings.get((sheet, ind.row), [])
            _write_indicator_row(ws, ind, first, found, lang, tables, styles)
        legend_row = max(t.last_row for t in tables) + 2
        _write_legend(ws, legend_row, first, lang)

        widths: dict[int, float | None] = {}
        for col, width in zip(cols, _ADDED_WIDTHS):
            letter = col_letter(col)
            covering = [d for d in ws.column_dimensions.values() if d.min and d.max and d.min <= col <= d.max]
            if any(d.min != d.max for d in covering):
                continue  # a width set over a range of columns: leave it, splitting it would change the sheet
            dim = ws.column_dimensions.get(letter)
            widths[col] = dim.width if dim is not None and dim.customWidth else None
            ws.column_dimensions[letter].width = width
        marks.columns[sheet] = (first, cols[-1])
        marks.widths[sheet] = widths
        if not ws.print_area:
            # The sheet prints as the user set it: our columns stay off the page (and off a fit-to-width).
            area = print_area(ws.title, first - 2, user_last_row)
            ws.print_area = area.split("!", 1)[1]
            marks.print_areas[sheet] = area


def print_area(title: str, last_col: int, last_row: int) -> str:
    """The print area of a user's sheet without pk-excel's added columns: 'PK'!$A$1:$H$40."""
    return f"{_quote_sheet(title)}!$A$1:${col_letter(max(last_col, 1))}${max(last_row, 1)}"


def _write_added_header(
    ws, t: Table, first: int, headers: tuple[str, ...], anchors: _Anchors, styles: _Styles
) -> None:
    rows = list(t.header_rows) or [max(t.first_row - 1, 1)]
    src_col = max(t.columns.values())
    number_rows = [r for r in rows if len(rows) > 1 and _is_number_row(ws, r, t)]
    text_rows = [r for r in rows if r not in number_rows]
    for r in rows:
        src = ws.cell(r, src_col)
        anchor = anchors.cell(ws, r, src_col)
        key = ("header", tuple(src._style or ()), tuple(anchor._style or ()))
        for i, _ in enumerate(headers):
            styles.apply(ws.cell(r, first + i), key, _copy_header_style, src, anchor)
    for i, text in enumerate(headers):
        set_text(ws.cell(text_rows[0], first + i), text)
        if len(text_rows) > 1 and text_rows[-1] - text_rows[0] == len(text_rows) - 1:
            ws.merge_cells(
                start_row=text_rows[0], start_column=first + i, end_row=text_rows[-1], end_column=first + i
            )
            anchors.forget(ws)
    for r in number_rows:
        last = ws.cell(r, src_col).value
        m = _NUMBER_ROW.match(str(last).strip()) if last is not None else None
        if not m:
            continue
        n = int(m.group(1))
        for i in range(len(headers)):
            if isinstance(last, (int, float)):
                ws.cell(r, first + i).value = n + 1 + i
            else:
                set_text(
                    ws.cell(r, first + i),
                    f"({n + 1 + i})" if str(last).strip().startswith("(") else str(n + 1 + i),
                )


def _write_indicator_row(
    ws, ind: Indicator, first: int, found: list[Finding], lang: str, tables: list[Table], styles: _Styles
) -> None:
    table = next((t for t in tables if t.first_row <= ind.row <= t.last_row), tables[0])
    src = ws.cell(ind.row, max(table.columns.values()))
    values = indicator_values(ind, found, lang)
    src_style = tuple(src._style) if src._style is not None else None
    for i, value in enumerate(values):
        text = isinstance(value, str)
        cell = styles.new_cell(ws, ind.row, first + i, ("row", src_style, text), _row_style, src, text)
        if text:
            set_text(cell, value)
        else:
            cell.value = value


def indicator_values(ind: Indicator, found: list[Finding], lang: str) -> list[Any]:
    """The five added cells of an indicator row: capaian (hitung), selisih, status, predikat, rule names."""
    from .rules.registry import rule_name

    hitung = round(ind.capaian_hitung, 2) if ind.capaian_hitung is not None else None
    typed = ind.capaian.number if ind.capaian is not None else None
    selisih = (
        round(typed - ind.capaian_hitung, 2) if typed is not None and ind.capaian_hitung is not None else None
    )
    values: list[Any] = [
        hitung,
        selisih,
        _status_text(ind.status, lang),
        ind.predikat,
        # The rules' names only (short, one line): the messages are in the notes and on Temuan.
        ", ".join(dict.fromkeys(rule_name(f.rule, lang) for f in found)) or None,
    ]
    return values


def _row_style(cell, src, text: bool) -> None:
    """An added cell of an indicator row: the border, font and vertical alignment of the row's last cell."""
    from copy import copy

    from openpyxl.styles import Alignment

    cell.border = copy(src.border)
    cell.font = copy(src.font)
    cell.alignment = Alignment(vertical=src.alignment.vertical)
    if not text:
        cell.number_format = "0.00"


def _write_legend(ws, row: int, first: int, lang: str) -> None:
    from openpyxl.styles import Font

    set_text(ws.cell(row, first), _LEGEND[lang]["title"])
    ws.cell(row, first).font = Font(bold=True)
    for i, sev in enumerate(("error", "warning", "info"), start=1):
        cell = ws.cell(row + i, first)
        cell.fill = _solid(FILL_COLOUR[sev])
        set_text(cell, _LEGEND[lang][sev])


# --- added sheets -------------------------------------------------------------------------------------


def _unique_title(wb, base: str) -> str:
    if base not in wb.sheetnames:
        return base
    title = f"{base} (pk-excel)"
    n = 2
    while title in wb.sheetnames:
        title = f"{base} (pk-excel {n})"
        n += 1
    return title


def _quote_sheet(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


def _header_row(ws, row: int, headers: tuple[str, ...], widths: tuple[int, ...] | None = None) -> None:
    from openpyxl.styles import Alignment, Font

    styles = _Styles()
    look = (
        ("font", Font(bold=True, color="FFFFFF")),
        ("fill", _solid(HEADER_FILL)),
        ("alignment", Alignment(vertical="center", wrap_text=True)),
    )
    for i, text in enumerate(headers, start=1):
        cell = ws.cell(row, i)
        set_text(cell, text)
        styles.apply(cell, ("header",), _assign, look)
        if widths:
            ws.column_dimensions[col_letter(i)].width = widths[i - 1]


def _put(cell, value: Any) -> None:
    if isinstance(value, str):
        set_text(cell, value)
    else:
        cell.value = value


def _write_temuan(ws, wb, findings: list[Finding], lang: str, anchors: _Anchors) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.hyperlink import Hyperlink

    _header_row(ws, 1, _TEMUAN_HEADERS[lang], _TEMUAN_WIDTHS)
    wrap = Alignment(wrap_text=True, vertical="top")
    link_font = Font(color="0563C1", underline="single")
    fills = {sev: _solid(colour) for sev, colour in FILL_COLOUR.items()}
    styles = _Styles()

    def wrapped(cell) -> None:
        cell.alignment = wrap

    def severity(sev: str):
        def style(cell) -> None:
            cell.alignment = wrap
            cell.fill = fills[sev]

        return style

    def linked(cell) -> None:
        cell.alignment = wrap
        cell.font = link_font

    sheets = {s.title: s for s in wb.worksheets}
    for n, f in enumerate(findings, start=1):
        row = n + 1
        target = None
        if f.sheet in sheets and f.cell:
            try:
                target = anchors.ref(sheets[f.sheet], f.cell).coordinate
            except ValueError:
                target = None
        values = temuan_values(n, f, lang)
        ws.row_dimensions[row].height = row_height(values, _TEMUAN_WIDTHS)
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row, col)
            _put(cell, value)
            if col == 2:
                styles.apply(cell, ("severity", f.severity), severity(f.severity))
            elif col == 4 and target is not None:
                cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"{_quote_sheet(f.sheet)}!{target}")
                styles.apply(cell, ("link",), linked)
            else:
                styles.apply(cell, ("wrap",), wrapped)
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    _fit_to_width(ws)
    ws.auto_filter.ref = f"A1:{col_letter(len(_TEMUAN_HEADERS[lang]))}{len(findings) + 1}"


def temuan_values(n: int, f: Finding, lang: str) -> tuple[Any, ...]:
    """One row of the Temuan sheet (see `_TEMUAN_HEADERS`): the rule by its name, its ID last."""
    from .rules.registry import rule_name

    return (
        n, _SEVERITY[lang][f.severity], f.sheet, f.cell, rule_name(f.rule, lang), f.indikator, f.message(lang),
        f.found, f.expected, f.rule,
    )  # fmt: skip


def text_lines(text: Any, width: float) -> int:
    """How many lines `text` takes wrapped in a column `width` characters wide (explicit line breaks too)."""
    if text is None or text == "":
        return 1
    per_line = max(1, int(width * 1.1) - 1)  # ordinary text is a little narrower than the width's unit "0"
    lines = 0
    for part in str(text).split("\n"):
        # A line may also break after a hyphen (label-contradicts-value): count those as word ends too.
        words, used, n = part.replace("-", "- ").split(" "), 0, 1
        for word in words:
            size = len(word)
            if used and used + 1 + size > per_line:
                n += 1
                used = 0
            while size > per_line:  # a word longer than the line breaks anywhere
                n += 1
                size -= per_line
            used += size + (1 if used else 0)
        lines += n
    return lines


def row_height(values: tuple[Any, ...] | list[Any], widths: tuple[float, ...]) -> float:
    """The height (points) of a row of wrapped cells, so that no line is cut off or drawn over the next row:
    LibreOffice and print use the stored height, they do not grow a row to fit its text."""
    return _LINE_HEIGHT * max(text_lines(v, w) for v, w in zip(values, widths)) + 2


def _when(now: datetime, lang: str) -> str:
    if lang == "en":
        return now.strftime("%d %B %Y %H:%M")
    return f"{now.day} {_BULAN[now.month - 1]} {now.year} pukul {now:%H.%M}"


@dataclass
class Line:
    """One line of the Ringkasan sheet, whatever writes it.

    `kind`: "title" (large, bold), "blank", "heading" (bold label), "line" (label and value), "legend" (a
    label in a severity's fill) or "wide" (a long text across both columns, wrapped). `fill`: the severity
    whose colour fills the label cell.
    """

    label: str = ""
    value: Any = None
    fmt: str | None = None
    kind: str = "line"
    fill: str | None = None


_LAYOUT = {
    "pk": ("Pengukuran kinerja (PK/LKjIP)", "Performance measurement (PK/LKjIP)"),
    "renja": ("Evaluasi hasil Renja (Permendagri 86/2017, 54/2010)", "Renja evaluation (Permendagri 86/2017, 54/2010)"),
}
_ROLE_TEXT = {"target": ("Target", "Target"), "realisasi": ("Realisasi", "Realisasi"),
              "capaian": ("Capaian", "Capaian")}


def _table_lines(doc: Document | None, lang: str) -> list[Line]:
    """Per table: its form, and which column was read as the year's target, realisasi and capaian (with the
    header path), so that an evaluator sees at once what pk-excel compared."""
    from .cellref import col_letter

    en = lang == "en"
    out: list[Line] = []
    for t in doc.tables if doc else []:
        where = f"{t.sheet}!{t.header_rows[0] if t.header_rows else t.first_row}"
        form = _LAYOUT.get(t.layout, _LAYOUT["pk"])[en]
        if t.periods:
            kind = ("triwulan", "quarters") if t.period_kind != "bulan" else ("bulan", "months")
            form += f", {len(t.periods)} {kind[en]}"
        out.append(Line(("Tabel" if not en else "Table") + f" ({where})", form))
        for role in ("target", "realisasi", "capaian"):
            col = t.columns.get(role)
            if col is None:
                if role == "capaian":
                    out.append(Line(f"  {_ROLE_TEXT[role][en]}", "dihitung pk-excel (tabel tidak memuat capaian "
                                    "tahun ini)" if not en else "computed by pk-excel (the table has no capaian "
                                    "of the year)"))
                continue
            title = _short_path(t.titles.get(role) or "")
            out.append(Line(f"  {_ROLE_TEXT[role][en]}", f"{col_letter(col)}: {title}" if title else col_letter(col)))
    return out


def _short_path(title: str, width: int = 60) -> str:
    """A header path cut to fit one Ringkasan line: each heading shortened alike, the last one kept whole
    ('Target Kinerja dan Anggaran Renja Perangkat Daerah ... > K' -> 'Target Kinerja dan Anggaran… > K')."""
    parts = title.split(" > ")
    if len(title) <= width:
        return title
    if len(parts) == 1:
        return title[: width - 1].rstrip() + "…"
    keep = parts[-1] if len(parts[-1]) < width // 2 else parts[-1][: width // 2 - 1] + "…"
    room = max(8, (width - len(keep) - 3 * (len(parts) - 1)) // max(1, len(parts) - 1))
    head = [p if len(p) <= room else p[: room - 1].rstrip() + "…" for p in parts[:-1]]
    return " > ".join(head + [keep])


def ringkasan_lines(
    input_path: Path, doc: Document | None, findings: list[Finding], warnings: list[str], lang: str
) -> list[Line]:
    """The Ringkasan sheet, line by line from row 1 (the chart's data follows, see `chart_plan`)."""
    en = lang == "en"
    out = [Line("pk-excel: ringkasan pemeriksaan" if not en else "pk-excel: check summary", kind="title")]
    blank = Line(kind="blank")
    out.append(blank)
    out.append(Line("Unit kerja" if not en else "Unit", doc.unit if doc and doc.unit else "-"))
    year = doc.year if doc and doc.year else next((t.year for t in (doc.tables if doc else []) if t.year), None)
    out.append(Line("Tahun" if not en else "Year", year or "-"))
    out.append(Line("Berkas" if not en else "File", input_path.name))
    out.extend(_table_lines(doc, lang))
    out.append(Line("Waktu pemeriksaan" if not en else "Checked at", _when(datetime.now(), lang)))
    out.append(Line("Versi pk-excel" if not en else "pk-excel version", _version()))
    out.append(blank)

    out.append(Line("Jumlah temuan" if not en else "Findings", kind="heading"))
    counts = Counter(f.severity for f in findings)
    for sev in ("error", "warning", "info"):
        out.append(Line(_SEVERITY[lang][sev], counts.get(sev, 0), fill=sev))
    out.append(blank)

    indicators = doc.indicators if doc else []
    out.append(Line("Indikator menurut status" if not en else "Indicators by status", kind="heading"))
    status_counts = Counter(ind.status for ind in indicators)
    for status in list(_STATUSES) + sorted(s for s in status_counts if s and s not in _STATUSES):
        out.append(Line(_status_text(status, lang) or "", status_counts.get(status, 0)))
    if status_counts.get(None):
        out.append(Line("Tanpa status" if not en else "No status", status_counts[None]))
    out.append(blank)

    out.append(
        Line(
            "Rata-rata capaian (hitung) per tingkat" if not en else "Mean capaian (computed) per level",
            kind="heading",
        )
    )
    for level in LEVELS:
        values = [i.capaian_hitung for i in indicators if i.level == level and i.capaian_hitung is not None]
        label = {
            "strategis": "Sasaran Strategis",
            "program": "Sasaran Program",
            "kegiatan": "Sasaran Kegiatan",
            "subkegiatan": "Sasaran Sub Kegiatan",
        }[level]
        out.append(Line(label, round(sum(values) / len(values), 2) if values else "-", "0.00"))
    out.append(blank)

    programs = doc.programs if doc else []
    out.append(Line("Anggaran" if not en else "Budget", kind="heading"))
    pagu = [p.anggaran.number for p in programs if p.anggaran is not None and p.anggaran.number is not None]
    real = [
        p.realisasi_anggaran.number
        for p in programs
        if p.realisasi_anggaran is not None and p.realisasi_anggaran.number is not None
    ]
    n_programs = len(programs)
    if not programs and doc is not None:
        # the Renja form: the programs' Rp columns (target and realisasi of the year)
        groups = [g for t in doc.tables for g in t.groups if g.level == "program"]
        n_programs = len(groups)
        from .values import money_of

        pagu = [x for g in groups if (x := money_of(g.cells.get("target_rp"))) is not None]
        real = [x for g in groups if (x := money_of(g.cells.get("realisasi_rp"))) is not None]
    out.append(Line("Jumlah program" if not en else "Programs", n_programs))
    out.append(Line("Total anggaran (Rp)", sum(pagu) if pagu else "-", "#,##0"))
    if real:
        out.append(Line("Total realisasi anggaran (Rp)", sum(real), "#,##0"))
        if pagu and sum(pagu) > 0:
            out.append(
                Line(
                    "Serapan anggaran (%)" if not en else "Budget absorption (%)",
                    round(sum(real) / sum(pagu) * 100, 2),
                    "0.00",
                )
            )
    out.append(blank)

    out.append(Line(_LEGEND[lang]["title"], kind="heading"))
    for sev in ("error", "warning", "info"):
        out.append(Line(_LEGEND[lang][sev], kind="legend", fill=sev))
    out.append(blank)

    out.append(Line("Catatan penyimpanan" if not en else "Notes on saving", kind="heading"))
    for w in warnings or ["Tidak ada; semua isi berkas tersimpan." if not en else "None; everything is kept."]:
        out.append(Line(w, kind="wide"))
    return out


# Printable height of a landscape A4 page at the margins pk-excel's sheets use (0.75" top and bottom), in
# points, less a little for rounding in LibreOffice and Excel.
PAGE_HEIGHT_PT = 470.0


def page_breaks(lines: list[Line]) -> list[int]:
    """Rows after which Ringkasan's printout starts a new page, so that no heading is left at the foot of a
    page without its lines: a section (a heading up to the next blank line) that does not fit in what is
    left of the page starts the next one."""
    heights = [wide_height(line.label) if line.kind == "wide" else _LINE_HEIGHT for line in lines]
    breaks: list[int] = []
    used = 0.0
    row = 0
    while row < len(lines):
        end = row + 1
        if lines[row].kind == "heading":
            while end < len(lines) and lines[end].kind != "blank":
                end += 1
        size = sum(heights[row:end])
        if used and used + size > PAGE_HEIGHT_PT and size <= PAGE_HEIGHT_PT:
            breaks.append(row)  # after row `row` (1-based), i.e. before this section
            used = 0.0
        used += size
        row = end
    return breaks


def wide_height(text: str) -> float:
    """Row height (points) of a wrapped text across Ringkasan's two columns."""
    return 15 * (1 + len(text) // 70)


def _write_ringkasan(
    ws,
    input_path: Path,
    doc: Document | None,
    findings: list[Finding],
    warnings: list[str],
    lang: str,
    predikat: tuple[tuple[float, str], ...],
) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.pagebreak import Break

    bold = (("font", Font(bold=True)),)
    value_look = Alignment(horizontal="left", wrap_text=True, vertical="top")
    fills = {sev: (("fill", _solid(colour)),) for sev, colour in FILL_COLOUR.items()}
    styles = _Styles()
    ws.column_dimensions["A"].width = RINGKASAN_WIDTHS[0]
    ws.column_dimensions["B"].width = RINGKASAN_WIDTHS[1]
    lines = ringkasan_lines(input_path, doc, findings, warnings, lang)
    for row in page_breaks(lines):
        ws.row_breaks.append(Break(id=row))
    for row, line in enumerate(lines, start=1):
        if line.kind == "blank":
            continue
        label = ws.cell(row, 1)
        set_text(label, line.label)
        if line.kind == "title":
            label.font = Font(bold=True, size=14)
        elif line.kind == "heading":
            styles.apply(label, ("bold",), _assign, bold)
        elif line.kind == "wide":
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
            label.alignment = Alignment(wrap_text=True, vertical="top")
            ws.row_dimensions[row].height = wide_height(line.label)
        if line.fill:
            styles.apply(label, ("fill", line.fill), _assign, fills[line.fill])
        if line.value is not None:
            cell = ws.cell(row, 2)
            _put(cell, line.value)
            look = (("alignment", value_look),)
            if line.fmt and not isinstance(line.value, str):
                look += (("number_format", line.fmt),)
            styles.apply(cell, ("value", look[-1][1] if len(look) > 1 else None), _assign, look)
    _fit_to_width(ws)
    plan = chart_plan(doc.indicators if doc else [], lang, predikat)
    if plan is not None:
        _write_chart(ws, plan, len(lines) + 2)


RINGKASAN_WIDTHS = (34, 60)


def _fit_to_width(ws) -> None:
    """Print landscape, one page wide."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


@dataclass
class ChartPlan:
    """The chart on Ringkasan and the data it draws, written below the summary lines.

    `kind` "indicator": capaian (hitung) per indicator (columns: name, capaian); "predikat": the number of
    indicators per predikat, with `note` saying why. Either is drawn as horizontal bars, first at the top,
    each with its value written at its end (a 0% bar still shows "0"), the whole names beside them; below
    the data, on a page of its own.
    """

    kind: str
    title: str
    header: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    note: str | None = None

    width_cm = 25.0  # a landscape A4 page, one page wide

    @property
    def height_cm(self) -> float:
        """Room for each bar and its name on two lines, at most a landscape page (about 17 cm)."""
        return min(max(8.0, 2.5 + 0.75 * len(self.rows)), CHART_MAX_HEIGHT_CM)


CHART_MAX_HEIGHT_CM = 16.5


def chart_row(plan: ChartPlan, head: int) -> int:
    """The row (1-based) the chart starts in: a page of its own after the data block headed at `head`; the
    page break goes right above it."""
    return head + len(plan.rows) + 2


def chart_plan(
    indicators: list[Indicator], lang: str, predikat: tuple[tuple[float, str], ...]
) -> ChartPlan | None:
    """What Ringkasan charts: per indicator up to `CHART_INDICATORS`, else the count per predikat."""
    en = lang == "en"
    measured = [i for i in indicators if i.capaian_hitung is not None]
    if not measured:
        return None
    if len(measured) <= CHART_INDICATORS:
        rows = [(f"{n}. {ind.indikator}", round(ind.capaian_hitung, 2)) for n, ind in enumerate(measured, start=1)]
        return ChartPlan(
            "indicator",
            "Capaian (hitung) per indikator, %" if not en else "Capaian (computed) per indicator, %",
            ("Indikator", "Capaian (hitung)" if not en else "Capaian (computed)"),
            rows,
        )
    counts = Counter(ind.predikat for ind in measured)
    labels = _predikat_labels(predikat, lang)
    order = list(labels) + sorted(str(p) for p in counts if p and p not in labels)
    n = f"{len(measured):,}" if en else f"{len(measured):,}".replace(",", ".")
    note = (
        f"Grafik per indikator hanya dibuat untuk paling banyak {CHART_INDICATORS} indikator; berkas ini "
        f"memiliki {n} indikator dengan capaian terhitung. Capaian tiap indikator ada di kolom "
        f'"{_ADDED_COLUMNS[lang][0]}" di kanan tabel.'
        if not en
        else f"A chart per indicator is drawn for at most {CHART_INDICATORS} indicators; this file has {n} "
        f'indicators with a computed capaian. Each one is in the column "{_ADDED_COLUMNS[lang][0]}" right '
        "of the table."
    )
    return ChartPlan(
        "predikat",
        "Jumlah indikator per predikat capaian" if not en else "Indicators per capaian predikat",
        ("Predikat", "Jumlah indikator" if not en else "Indicators"),
        [(labels.get(key, key), counts.get(key, 0)) for key in order],
        note,
    )


def chart_layout(plan: ChartPlan, row: int) -> tuple[int, int | None, int]:
    """(title row, note row or None, header row) of the chart's data block starting at `row`."""
    if plan.note is None:
        return row, None, row + 1
    return row, row + 1, row + 2


def _write_chart(ws, plan: ChartPlan, row: int) -> None:
    """The chart's data below the summary, and the chart itself below that on a page of its own (openpyxl)."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.chart.axis import ChartLines
    from openpyxl.chart.label import DataLabelList
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.pagebreak import Break

    title_row, note_row, head = chart_layout(plan, row)
    set_text(ws.cell(title_row, 1), plan.title)
    ws.cell(title_row, 1).font = Font(bold=True)
    if note_row is not None and plan.note:
        set_text(ws.cell(note_row, 1), plan.note)
        ws.merge_cells(start_row=note_row, start_column=1, end_row=note_row, end_column=2)
        ws.cell(note_row, 1).alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[note_row].height = wide_height(plan.note)
    for col, text in enumerate(plan.header, 1):
        set_text(ws.cell(head, col), text)
        ws.cell(head, col).font = Font(bold=True)
    for i, values in enumerate(plan.rows, start=1):
        for col, value in enumerate(values, start=1):
            _put(ws.cell(head + i, col), value)
        ws.cell(head + i, 1).alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[head + i].height = row_height(values[:1], RINGKASAN_WIDTHS[:1])
        ws.cell(head + i, 2).alignment = Alignment(vertical="top")
        if plan.kind == "indicator":
            ws.cell(head + i, 2).number_format = "0.00"
    last = head + len(plan.rows)

    bar = BarChart()
    bar.type = "bar"  # horizontal: the names read across, beside their bars
    bar.title = plan.title
    bar.add_data(Reference(ws, min_col=2, min_row=head, max_row=last), titles_from_data=True)
    bar.set_categories(Reference(ws, min_col=1, min_row=head + 1, max_row=last))
    # The value at each bar's end, so a 0% bar is still seen (only the value: LibreOffice shows the
    # category and series names too when unset).
    bar.dataLabels = DataLabelList(
        showVal=True, showCatName=False, showSerName=False, showLegendKey=False, showPercent=False
    )
    bar.legend = None
    bar.x_axis.scaling.orientation = "maxMin"  # the first indicator at the top
    bar.y_axis.crosses = "max"  # ... and the value axis still below
    bar.y_axis.scaling.min = 0
    bar.y_axis.number_format = "0"
    bar.y_axis.majorGridlines = ChartLines()
    # openpyxl 3.1 leaves `delete` unset on axes, which newer Excel reads as hidden axes.
    bar.x_axis.delete = False
    bar.y_axis.delete = False
    bar.width = plan.width_cm
    bar.height = plan.height_cm
    at = chart_row(plan, head)
    ws.row_breaks.append(Break(id=at - 1))
    ws.add_chart(bar, f"A{at}")


def _predikat_labels(predikat: tuple[tuple[float, str], ...], lang: str) -> dict[str, str]:
    """Predikat -> its label with the range, e.g. "Sangat Tinggi (≥ 91)", "Sangat Rendah (< 51)"."""

    def num(x: float) -> str:
        text = f"{x:g}"
        return text if lang == "en" else text.replace(".", ",")

    labels: dict[str, str] = {}
    previous: float | None = None
    for bound, label in predikat:
        if bound == float("-inf"):
            labels.setdefault(label, f"{label} (< {num(previous)})" if previous is not None else label)
        else:
            labels.setdefault(label, f"{label} (≥ {num(bound)})")
        previous = bound
    return labels
