"""Packages as other programs write them (issue 13): each kind the reader or the patch writer once got wrong.

Each file in `../shared/repros/ooxml/` is a test (skipped where that folder is absent), and each kind is also
rebuilt here in code from a PK table written by openpyxl, so that the suite covers it without shared/.
`assert_sound_copy` is what every copy must be; `test_corpus.py` runs it over other programs' packages.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import posixpath
import re
import warnings
import xml.parsers.expat
import zipfile
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from conftest import build_pk

from pk_excel.cellref import col_letter
from pk_excel.checker import check_file
from pk_excel.config import Limits, Options
from pk_excel.model import FileReport, Finding
from pk_excel.workbook import open_book
from pk_excel.xlsxread import read_xlsx

SHARED = Path(__file__).parents[1].parent / "shared"
REPROS = SHARED / "repros" / "ooxml"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ROWS = [
    "Sasaran Strategis",
    ["1", "Meningkatnya kepuasan", "Indeks Kepuasan Masyarakat", "85,00", "82,71", "90%", "Hasil SKM"],
    ["2", "Meningkatnya kualitas", "Persentase dokumen selesai", "100%", "80%", "100%", "Tercapai"],
]
MARKED = ("F6", "F7")  # capaian-wrong on both indicator rows

# Parts the patch writer may change or add; every other part of the input is copied byte for byte.
_WRITER_TOUCHES = re.compile(
    r"^\[Content_Types\]\.xml$|_rels/|^docProps/custom\.xml$|/styles\.xml$|/comments[^/]*\.xml$|/comments/|\.vml$"
    r"|/worksheets/[^/]+\.xml$|/drawings/drawing[^/]*\.xml$|/charts/chart[^/]*\.xml$"
)


def rewrite(src: Path, dst: Path, edit) -> Path:
    """A copy of the package `src` with each part passed through `edit(name, data)`, which gives the new
    (name, data), or None to leave the part out."""
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            got = edit(info.filename, zi.read(info))
            if got is not None:
                zo.writestr(got[0], got[1])
    return dst


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist() if not n.endswith("/")}


def malformed(path: Path) -> list[str]:
    bad = []
    for name, data in parts(path).items():
        if name.endswith((".xml", ".rels", ".vml")):
            try:
                xml.parsers.expat.ParserCreate(namespace_separator=" ").Parse(data, True)
            except xml.parsers.expat.ExpatError as e:
                bad.append(f"{name}: {e}")
    return bad


def untyped(path: Path) -> list[str]:
    """Parts that [Content_Types].xml gives no type (neither a Default for the extension nor an Override)."""
    got = parts(path)
    ct = got.get("[Content_Types].xml", b"").decode("utf-8", "replace")
    defaults = {m.lower() for m in re.findall(r"""Extension\s*=\s*["']([^"']*)["']""", ct)}
    overrides = {m.lstrip("/").lower() for m in re.findall(r"""PartName\s*=\s*["']([^"']*)["']""", ct)}
    out = []
    for name in got:
        base = posixpath.basename(name)
        ext = base.rsplit(".", 1)[1].lower() if "." in base else ""
        if name != "[Content_Types].xml" and name.lower() not in overrides and ext not in defaults:
            out.append(name)
    return out


def opens(path: Path) -> list[str]:
    """What openpyxl and python-calamine say when they open the package (nothing when both open it)."""
    out = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with open(path, "rb") as fh:
                openpyxl.load_workbook(fh)
    except Exception as e:  # noqa: BLE001 - any failure is the finding
        out.append(f"openpyxl: {type(e).__name__}: {e}"[:300])
    try:
        from python_calamine import CalamineWorkbook

        cw = CalamineWorkbook.from_path(str(path))
        for name in cw.sheet_names:
            cw.get_sheet_by_name(name).to_python()
    except Exception as e:  # noqa: BLE001
        out.append(f"calamine: {type(e).__name__}: {e}"[:300])
    return out


def _case_twins(path: Path) -> list[str]:
    """Part names that stand twice in the zip, the same or but for case (OPC compares them without case)."""
    with zipfile.ZipFile(path) as zf:
        seen = Counter(n.lower() for n in zf.namelist())
    return [n for n, k in seen.items() if k > 1]


def _tool(message: str) -> str:
    return message.split(":", 1)[0]


def copy_problems(src: Path, copy: Path) -> list[str]:
    """What is wrong with the copy: XML not well-formed where the input's was, a part the writer added
    without a content type, openpyxl or calamine refusing it where they open the input, a value of the
    input's sheets lost, a part the writer has no business with changed."""
    problems = [f"not well-formed: {m}" for m in set(malformed(copy)) - set(malformed(src))]
    problems += [f"no content type: {n}" for n in set(untyped(copy)) - set(untyped(src))]
    if b"/[Content_Types].xml" in parts(copy).get("[Content_Types].xml", b"") and b"/[Content_Types].xml" not in (
        parts(src).get("[Content_Types].xml", b"")
    ):
        problems.append("[Content_Types].xml lists itself")
    was = {_tool(m) for m in opens(src)}
    problems += [f"does not open: {m}" for m in opens(copy) if _tool(m) not in was]
    problems += [f"two parts named {n!r}" for n in set(_case_twins(copy)) - set(_case_twins(src))]
    before, after = parts(src), parts(copy)
    ours = {_workbook_part(before), _root_target(before, "custom-properties|customProperties", ""),
            *_workbook_targets(before, "worksheet|styles")}  # fmt: skip
    for name, data in before.items():
        if not _WRITER_TOUCHES.search(name) and name not in ours and after.get(name, data) != data:
            problems.append(f"changed: {name}")
    a = read_xlsx(src, "xlsx", Limits())
    try:
        b = read_xlsx(copy, "xlsx", Limits())
    except Exception as e:  # noqa: BLE001 - the copy must read like any input
        return [*problems, f"copy not read: {type(e).__name__}: {e}"]
    got = {s.title: s for s in b.sheets}
    for sd in a.sheets:
        out = got.get(sd.title)
        if out is None:
            problems.append(f"sheet lost: {sd.title}")
            continue
        for r, row in sd.values.items():
            kept = out.values.get(r, [])
            for c, v in enumerate(row, 1):
                if v is not None and (c > len(kept) or kept[c - 1] != v):
                    problems.append(f"value lost: {sd.title}!{col_letter(c)}{r} {v!r}")
    return problems


def assert_sound_copy(src: Path, copy: Path) -> None:
    """The copy is well-formed wherever the input was, gives every part it adds a content type, opens in
    openpyxl and calamine wherever the input did, keeps every value of the input's sheets, and leaves the
    parts the writer has no business with byte for byte."""
    assert copy_problems(src, copy) == []


def _root_target(package: dict[str, bytes], rel_type: str, default: str) -> str:
    """The part the package's own relationships (_rels/.rels) name for `rel_type` (a regex of its end)."""
    rels = package.get("_rels/.rels", b"").decode("utf-8", "replace")
    for m in re.finditer(r"<(?:\w+:)?Relationship\b[^>]*>", rels):
        if re.search(rf"""Type=["'][^"']*/(?:{rel_type})["']""", m.group(0)):
            target = re.search(r"""Target=["']([^"']+)["']""", m.group(0))
            if target:
                return target.group(1).lstrip("/")
    return default


def _workbook_part(package: dict[str, bytes]) -> str:
    return _root_target(package, "officeDocument", "xl/workbook.xml")


def _workbook_targets(package: dict[str, bytes], rel_type: str) -> list[str]:
    """The parts the workbook's relationships name for `rel_type` (a regex of the type's end), wherever they
    are (a package may keep its sheet and styles at the zip's root)."""
    wb = _workbook_part(package)
    folder, _, name = wb.rpartition("/")
    rels = package.get(posixpath.join(folder, "_rels", name + ".rels"), b"").decode("utf-8", "replace")
    out = []
    for m in re.finditer(r"<(?:\w+:)?Relationship\b[^>]*>", rels):
        target = re.search(r"""Target\s*=\s*["']([^"']+)["']""", m.group(0))
        if target and re.search(rf"""Type\s*=\s*["'][^"']*/(?:{rel_type})["']""", m.group(0)):
            t = target.group(1)
            out.append(t.lstrip("/") if t.startswith("/") else posixpath.normpath(posixpath.join(folder, t)))
    return out


class _FrozenClock(dt.datetime):
    @classmethod
    def now(cls, tz=None):  # noqa: ANN001 - datetime's own signature
        return cls(2026, 11, 29, 10, 30)


@contextlib.contextmanager
def frozen_clock():
    """The Ringkasan says when the file was checked: two runs compared part for part run at one time."""
    from pk_excel import summary

    real = summary.datetime
    summary.datetime = _FrozenClock  # type: ignore[misc]
    try:
        yield
    finally:
        summary.datetime = real  # type: ignore[misc]


def patched_copy(src: Path, dst: Path, cells: int = 3) -> Path:
    """The patch writer called directly (the workbook need not hold a PK table): a finding of each
    severity on the first `cells` values of the first two sheets, so it restyles cells, writes notes and
    adds its sheets."""
    from pk_excel.marks import read_marks_data
    from pk_excel.xlsxpatch import write_patched

    book = open_book(src)
    ours = read_marks_data(book.data).sheets  # on pk-excel's own output: its Temuan, Ringkasan, marks
    findings = []
    for sd in [s for s in book.data.sheets if s.title not in ours][:2]:
        spots = [(r, c) for r in sorted(sd.values) for c, v in enumerate(sd.values[r], 1) if v is not None]
        for k, (r, c) in enumerate(spots[:cells]):
            sev = ("error", "warning", "info")[k % 3]
            findings.append(Finding("capaian-wrong", sev, sd.title, f"{col_letter(c)}{r}", r, "pesan", "message"))
    report = FileReport(path=str(src), status="findings", findings=findings)
    write_patched(book, report, lambda write: write(str(dst)), "id", Options().config.predikat)
    return dst


def checked(src: Path, out: Path) -> Path:
    report = check_file(src, Options(write=True, out_dir=str(out)))
    assert report.status == "findings", report.error
    return Path(report.output)


def pk(tmp_path: Path, name: str = "pk.xlsx") -> Path:
    return build_pk(tmp_path / name, ROWS)


# --- the shared files ---------------------------------------------------------------------------------------

_REPRO_FILES = sorted(REPROS.glob("*.xlsx")) if REPROS.is_dir() else []
_READ_WANT = {
    "r1_empty_sst.xlsx": {"PK": {2: ["Jumlah kader", 10, dt.datetime(2024, 1, 31), None]}},
    "r2_sheetdata_space.xlsx": {"Kosong": {}},
    "r4_iso_date.xlsx": {"PK": {3: [None, None, dt.date(2024, 1, 31)]}},
    "r5_cached_date.xlsx": {"PK": {2: ["Jumlah kader", 10, dt.datetime(2024, 1, 31), dt.datetime(2024, 2, 1)]}},
}


@pytest.mark.skipif(not _REPRO_FILES, reason="../shared/repros/ooxml is not here")
@pytest.mark.parametrize("path", _REPRO_FILES, ids=lambda p: p.name)
def test_shared_repro_is_read_and_its_copy_is_sound(tmp_path, path):
    book = open_book(path)  # none is refused
    sheets = {s.title: s.values for s in book.data.sheets}
    for title, rows in _READ_WANT.get(path.name, {}).items():
        for r, want in rows.items() if rows else [(None, None)]:
            if r is None:
                assert sheets[title] == {}
            else:
                assert sheets[title][r] == want, (title, r)
    copy = patched_copy(path, tmp_path / "salinan.xlsx")
    assert_sound_copy(path, copy)
    if path.name.startswith("w3_"):
        assert_fonts_kept(path, copy)


def _font_of_each_format(path: Path) -> list[str]:
    from pk_excel.styles import Styles

    with zipfile.ZipFile(path) as zf:
        styles = Styles(zf.read("xl/styles.xml").decode("utf-8"))
    return [styles.font_xml(i) for i in range(styles.start["cellXfs"])]


def assert_fonts_kept(src: Path, copy: Path) -> None:
    """Every cell format of the input still points at the same font in the copy."""
    before, after = _font_of_each_format(src), _font_of_each_format(copy)
    assert after[: len(before)] == before
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(copy) as b:
        original, written = a.read("xl/styles.xml").decode(), b.read("xl/styles.xml").decode()
    fonts = re.search(r"<fonts\b[^>]*>(.*?)</fonts>", original, re.S).group(1)  # type: ignore[union-attr]
    assert fonts in written  # the user's fonts, AlternateContent and all, as they were


# --- each kind rebuilt in code --------------------------------------------------------------------------------


_AC_FONT = (
    '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
    '<mc:Choice xmlns:hs="http://schemas.haansoft.com/office/spreadsheet/8.0" Requires="hs"><font hs:extension="1">'
    '<sz val="9"/><name val="Calibri"/></font></mc:Choice><mc:Fallback><font><sz val="9"/><name val="Calibri"/>'
    "</font></mc:Fallback></mc:AlternateContent>"
)


def ac_styles_pk(tmp_path: Path) -> Path:
    """Hancell and newer Excel wrap a font in mc:AlternateContent inside <fonts>: one font index."""

    def edit(name, data):
        if name == "xl/styles.xml":
            text = data.decode()
            first_font = re.compile(r"(<fonts\b[^>]*>)(<font>.*?</font>)", re.S)
            text = first_font.sub(lambda m: m.group(1) + m.group(2) + _AC_FONT, text, count=1)
            n = len(re.findall(r"<font>", re.search(r"<fonts\b.*?</fonts>", text, re.S).group(0)))
            text = re.sub(r'<fonts count="\d+"', f'<fonts count="{n}"', text)
            return name, text.encode()
        return name, data

    return rewrite(pk(tmp_path), tmp_path / "ac.xlsx", edit)


def test_styles_with_alternate_content_fonts(tmp_path):
    src = ac_styles_pk(tmp_path)
    copy = checked(src, tmp_path / "out")
    assert_sound_copy(src, copy)
    assert_fonts_kept(src, copy)
    copy2 = patched_copy(src, tmp_path / "direct.xlsx")
    assert_sound_copy(src, copy2)


def override_only_pk(tmp_path: Path) -> Path:
    """LibreOffice up to 6.x lists every part by <Override> and has no <Default Extension="rels">."""

    def edit(name, data):
        if name == "[Content_Types].xml":
            text = data.decode()
            text = re.sub(r"<Default [^>]*/>", "", text)
            overrides = "".join(
                f'<Override PartName="/{n}" ContentType="{t}"/>'
                for n, t in (
                    ("_rels/.rels", "application/vnd.openxmlformats-package.relationships+xml"),
                    ("xl/_rels/workbook.xml.rels", "application/vnd.openxmlformats-package.relationships+xml"),
                )
            )
            return name, text.replace("</Types>", overrides + "</Types>").encode()
        return name, data

    return rewrite(pk(tmp_path), tmp_path / "lo.xlsx", edit)


def test_override_only_content_types(tmp_path):
    src = override_only_pk(tmp_path)
    assert untyped(src) == []
    copy = checked(src, tmp_path / "out")
    assert untyped(copy) == []
    assert_sound_copy(src, copy)


_HF_VML = (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" '
    'data="1"/></o:shapelayout><v:shape id="CH" o:spid="_x0000_s1025" type="#_x0000_t75" '
    'style="position:absolute;width:50pt;height:20pt;z-index:1"><v:imagedata o:relid="rId1" o:title="logo"/>'
    "<o:lock v:ext=\"edit\" rotation=\"t\"/></v:shape></xml>"
)


def header_picture_pk(tmp_path: Path) -> Path:
    """A sheet with a header/footer picture (legacyDrawingHF and its own VML)."""
    png = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\0" * 20

    def edit(name, data):
        if name == "xl/worksheets/sheet1.xml":
            text = data.decode()
            if "xmlns:r=" not in text[:500]:
                text = text.replace("<worksheet ", f'<worksheet xmlns:r="{REL}" ', 1)
            text = text.replace("</worksheet>", '<headerFooter><oddHeader>&amp;C&amp;G</oddHeader></headerFooter>'
                                                '<legacyDrawingHF r:id="rIdHF"/></worksheet>')  # fmt: skip
            return name, text.encode()
        return name, data

    src = rewrite(pk(tmp_path), tmp_path / "hf.xlsx", edit)
    with zipfile.ZipFile(src, "a") as zf:
        zf.writestr("xl/worksheets/_rels/sheet1.xml.rels", (
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rIdHF" Type="{REL}/vmlDrawing" Target="../drawings/vmlDrawingHF1.vml"/></Relationships>'
        ))  # fmt: skip
        zf.writestr("xl/drawings/vmlDrawingHF1.vml", _HF_VML)
        zf.writestr("xl/drawings/_rels/vmlDrawingHF1.vml.rels", (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/image" Target="../media/image1.png"/></Relationships>'
        ))  # fmt: skip
        zf.writestr("xl/media/image1.png", png)
    ct = parts(src)["[Content_Types].xml"].decode()
    src = rewrite(src, tmp_path / "hf2.xlsx", lambda n, d: (n, ct.replace(
        "</Types>", '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>'
        '<Default Extension="png" ContentType="image/png"/></Types>').encode()) if n == "[Content_Types].xml" else (n, d))  # fmt: skip
    return src


def test_notes_beside_a_header_picture_go_in_their_own_vml(tmp_path):
    """The notes' boxes are not put in the header picture's VML, and the sheet gets a <legacyDrawing> so
    that they show."""
    src = header_picture_pk(tmp_path)
    copy = checked(src, tmp_path / "out")
    assert_sound_copy(src, copy)
    got = parts(copy)
    assert got["xl/drawings/vmlDrawingHF1.vml"] == _HF_VML.encode()
    sheet = got["xl/worksheets/sheet1.xml"].decode()
    legacy = re.search(r'<legacyDrawing r:id="([^"]+)"/>', sheet)
    assert legacy is not None and "<legacyDrawingHF" in sheet
    assert sheet.index("<legacyDrawing ") < sheet.index("<legacyDrawingHF")  # schema order
    rels = got["xl/worksheets/_rels/sheet1.xml.rels"].decode()
    target = re.search(rf'Id="{legacy.group(1)}"[^>]*Target="([^"]+)"', rels) or re.search(
        rf'Target="([^"]+)"[^>]*Id="{legacy.group(1)}"', rels
    )
    vml = got[posixpath.normpath(posixpath.join("xl/worksheets", target.group(1)))].decode()
    assert vml.count('ObjectType="Note"') == len(MARKED)
    wb = openpyxl.load_workbook(copy)
    assert all(wb["PK"][c].comment is not None for c in MARKED)


_STRICT = [
    (MAIN, "http://purl.oclc.org/ooxml/spreadsheetml/main"),
    (REL, "http://purl.oclc.org/ooxml/officeDocument/relationships"),
    ("http://schemas.openxmlformats.org/drawingml/2006/main", "http://purl.oclc.org/ooxml/drawingml/main"),
]


def strict_pk(tmp_path: Path) -> Path:
    def edit(name, data):
        for old, new in _STRICT:
            data = data.replace(old.encode(), new.encode())
        return name, data

    return rewrite(pk(tmp_path), tmp_path / "strict.xlsx", edit)


def test_strict_package_stays_in_one_namespace_family(tmp_path):
    src = strict_pk(tmp_path)
    copy = patched_copy(src, tmp_path / "copy.xlsx")
    before = parts(src)
    transitional = [
        n for n, d in parts(copy).items()
        if d != before.get(n) and re.search(rb"schemas\.openxmlformats\.org/(spreadsheetml|drawingml|officeDocument)", d)
    ]  # fmt: skip
    assert transitional == []
    assert malformed(copy) == [] and untyped(copy) == []
    rels = parts(copy)["_rels/.rels"].decode()
    assert "purl.oclc.org/ooxml/officeDocument/relationships/customProperties" in rels
    sheets = read_xlsx(copy, "xlsx", Limits()).sheets
    assert [s.title for s in sheets][:1] == ["PK"] and sheets[0].values == read_xlsx(src, "xlsx", Limits()).sheets[0].values


@pytest.mark.parametrize("quote", ['"', "'"])
def test_workbook_part_not_named_workbook_xml(tmp_path, quote):
    def edit(name, data):
        rename = {"xl/workbook.xml": "xl/buku.xml", "xl/_rels/workbook.xml.rels": "xl/_rels/buku.xml.rels"}
        data = data.replace(b"xl/workbook.xml", b"xl/buku.xml")
        if name == "_rels/.rels":
            data = data.replace(b'"', quote.encode())
        return rename.get(name, name), data

    src = rewrite(pk(tmp_path), tmp_path / "buku.xlsx", edit)
    assert "xl/workbook.xml" not in parts(src)
    copy = checked(src, tmp_path / "out")
    assert_sound_copy(src, copy)
    book = parts(copy)["xl/buku.xml"].decode()
    assert "Temuan" in book and "xl/workbook.xml" not in parts(copy)


def test_duplicate_cell_refs_and_rows(tmp_path):
    """A broken writer puts the same cell, or the same row, twice: the copy is still sound."""

    def edit(name, data):
        if name == "xl/worksheets/sheet1.xml":
            text = data.decode()
            text = re.sub(r'(<c r="G7"[^>]*>.*?</c>)', r"\1\1", text, count=1, flags=re.S)
            row = re.search(r'<row r="6".*?</row>', text, re.S).group(0)  # type: ignore[union-attr]
            text = text.replace(row, row + row, 1)
            return name, text.encode()
        return name, data

    src = rewrite(pk(tmp_path), tmp_path / "dup.xlsx", edit)
    copy = checked(src, tmp_path / "out")
    assert malformed(copy) == []
    wb = openpyxl.load_workbook(copy)
    assert all(wb["PK"][c].fill.fill_type == "solid" for c in MARKED)
    assert_sound_copy(src, copy)


def notes_pk(tmp_path: Path) -> Path:
    """The user's own notes, on a cell pk-excel marks and on one it does not."""
    from openpyxl.comments import Comment

    path = pk(tmp_path, "catatan.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["PK"][MARKED[0]].comment = Comment("Catatan pengguna", "Operator")
    wb["PK"]["B6"].comment = Comment("Catatan lain", "Operator")
    wb.save(path)
    return path


_KINDS = {
    "plain": pk,
    "notes": notes_pk,
    "ac-styles": ac_styles_pk,
    "override-only": override_only_pk,
    "header-picture": header_picture_pk,
    "strict": strict_pk,
}


@pytest.mark.parametrize("kind", sorted(_KINDS))
def test_second_run_gives_the_same_package(tmp_path, kind):
    """Checking pk-excel's own output again writes the same package, part for part: styles.xml does not
    grow, relationship ids, note shapes and the Ringkasan's file name stay."""
    with frozen_clock():
        first = checked(_KINDS[kind](tmp_path), tmp_path / "out1")
        second = checked(first, tmp_path / "out2")
    a, b = parts(first), parts(second)
    assert sorted(a) == sorted(b)
    assert [n for n in a if a[n] != b[n]] == []
    assert_sound_copy(first, second)


def test_added_header_cells_do_not_copy_an_old_mark(tmp_path):
    """The added columns take their header look from the table's last header cell; when that cell carries
    pk-excel's earlier mark, a second run takes the look it had before the mark."""
    from pk_excel.xlsxpatch import write_patched

    src = pk(tmp_path)
    report = check_file(src, Options(write=False))
    head = report.document.tables[0].header_rows[0]
    last = col_letter(max(report.document.tables[0].columns.values()))
    extra = Finding("capaian-wrong", "error", "PK", f"{last}{head}", head, "pesan", "message")

    def write(path: Path, out: Path) -> Path:
        book = open_book(path)
        rep = FileReport(path=str(path), status="findings", document=report.document,
                         findings=[*report.findings, extra])  # fmt: skip
        write_patched(book, rep, lambda w: w(str(out)), "id", Options().config.predikat)
        return out

    with frozen_clock():
        one = write(src, tmp_path / "satu.checked.xlsx")
        two = write(one, tmp_path / "dua.checked.xlsx")
    ws1, ws2 = openpyxl.load_workbook(one)["PK"], openpyxl.load_workbook(two)["PK"]
    assert ws1[f"{last}{head}"].fill.fill_type == "solid"  # the mark
    added = [c for c in ws1[head] if c.column > max(report.document.tables[0].columns.values()) + 1 and c.value]
    assert added
    for cell in added:
        assert ws1[cell.coordinate].fill.fill_type != "solid", cell.coordinate
        assert ws2[cell.coordinate].fill.fill_type == ws1[cell.coordinate].fill.fill_type, cell.coordinate
    assert parts(one)["xl/styles.xml"] == parts(two)["xl/styles.xml"]


def test_read_kinds_rebuilt_in_code(tmp_path):
    """r1, r2, r4, r5 without shared/: an empty self-closing <sst/>, `<sheetData />`, a t="d" cell, a
    date-formatted formula's cached serial (the reader's own tests cover more spellings of each)."""

    def edit(name, data):
        if name == "xl/sharedStrings.xml":
            return name, f'<?xml version="1.0"?>\n<sst xmlns="{MAIN}" count="0" uniqueCount="0" />'.encode()
        if name == "xl/worksheets/sheet1.xml":
            text = data.decode()
            text = re.sub(r'<c r="A1"[^>]*>.*?</c>', '<c r="A1" t="d"><v>2024-01-31</v></c>', text, count=1, flags=re.S)
            text = re.sub(r'<c r="B1"( s="\d+")[^>]*>.*?</c>', r'<c r="B1"\1><f>A1+1</f><v>45323</v></c>', text, count=1, flags=re.S)
            return name, text.encode()
        return name, data

    wb = openpyxl.Workbook()
    wb.active.title = "PK"
    wb.active["A1"] = "x"
    wb.active["B1"] = dt.datetime(2024, 1, 1)
    wb.active["C1"] = "y"
    wb.create_sheet("Kosong")
    wb.save(tmp_path / "base.xlsx")
    # openpyxl writes inline-less shared strings and a date format on B1; empty the shared strings only after
    # the cells no longer use them.
    src = rewrite(tmp_path / "base.xlsx", tmp_path / "kinds.xlsx", edit)

    def spaced(name, data):
        if name == "xl/worksheets/sheet2.xml":
            return name, re.sub(rb"<sheetData\s*/>|<sheetData>\s*</sheetData>", b"<sheetData />", data)
        if name == "xl/worksheets/sheet1.xml":
            return name, data.replace(b'<c r="C1" t="s"><v>1</v></c>', b"")
        return name, data

    src = rewrite(src, tmp_path / "kinds2.xlsx", spaced)
    data = open_book(src).data
    pk_sheet, empty = data.sheets
    assert pk_sheet.values[1][0] == dt.date(2024, 1, 31)
    assert pk_sheet.values[1][1] == dt.datetime(2024, 2, 1)
    assert empty.values == {}
    assert_sound_copy(src, patched_copy(src, tmp_path / "copy.xlsx"))


def _spell(kind: str):
    """A rewrite of the PK sheet into another producer's spelling of the same XML."""

    def edit(name, data):
        if name != "xl/worksheets/sheet1.xml":
            return name, data
        text = data.decode()
        if kind == "single-quotes":
            text = re.sub(r'(<(?:c|row)\b[^>]*>)', lambda m: m.group(1).replace('"', "'"), text)
        elif kind == "spaced-tags":
            text = re.sub(r"</(c|row|v|sheetData|worksheet)>", r"</\1 >", text)
            text = re.sub(r'<c r="([A-Z]+\d+)"', r'<c  r = "\1"', text)
        elif kind == "prefixed":
            text = re.sub(r"<(/?)(?!\?)(\w+)", r"<\1x:\2", text)
            text = text.replace("<x:worksheet xmlns=", "<x:worksheet xmlns:x=", 1)
        elif kind == "self-closing":
            text = text.replace("<sheetData>", "<cols/><sheetData>", 1) if "<cols" not in text else text
            text = re.sub(r"<c ([^>]*)></c>", r"<c \1 />", text)
        elif kind == "comments-cdata":
            text = text.replace("<sheetData>", "<sheetData><!-- a </row> in a comment -->", 1)
        return name, text.encode()

    return edit


@pytest.mark.parametrize("kind", ["single-quotes", "spaced-tags", "prefixed", "self-closing", "comments-cdata"])
def test_sheet_spellings_are_read_and_patched_alike(tmp_path, kind):
    plain = pk(tmp_path)
    src = rewrite(plain, tmp_path / f"{kind}.xlsx", _spell(kind))
    assert parts(src)["xl/worksheets/sheet1.xml"] != parts(plain)["xl/worksheets/sheet1.xml"]
    assert read_xlsx(src, "xlsx", Limits()).sheets[0].values == read_xlsx(plain, "xlsx", Limits()).sheets[0].values
    copy = checked(src, tmp_path / "out")
    assert_sound_copy(src, copy)
    wb = openpyxl.load_workbook(copy)
    assert all(wb["PK"][c].fill.fill_type == "solid" for c in MARKED)
    assert wb["PK"][MARKED[0]].comment is not None
    sheet = parts(copy)["xl/worksheets/sheet1.xml"].decode()
    for once in ("cols", "sheetData", "legacyDrawing", "mergeCells"):  # Excel repairs a sheet with two
        assert len(re.findall(rf"<(?:\w+:)?{once}[\s/>]", sheet)) <= 1, once


_CUSTOM = {
    "transitional-empty": '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>',
    "strict": '<Properties xmlns="http://purl.oclc.org/ooxml/officeDocument/customProperties" '
    'xmlns:vt="http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes"><property '
    'fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Dinas"><vt:lpwstr>Kesehatan</vt:lpwstr>'
    "</property></Properties>",
}


@pytest.mark.parametrize("kind", sorted(_CUSTOM))
@pytest.mark.parametrize("where", ["docProps/custom.xml", "docProps/milik.xml"])
def test_existing_custom_properties_part(tmp_path, kind, where):
    """The user's own custom properties part (empty, Strict, or not at the usual place) gets pk-excel's
    property beside the user's; a second run finds it and writes the same package."""
    strict = kind == "strict"

    def edit(name, data):
        if strict:
            for old, new in _STRICT:
                data = data.replace(old.encode(), new.encode())
        if name == "_rels/.rels":
            rel_type = ("http://purl.oclc.org/ooxml/officeDocument/relationships/customProperties" if strict
                        else REL + "/custom-properties")  # fmt: skip
            data = data.replace(b"</Relationships>", f'<Relationship Id="rIdC" Type="{rel_type}" '
                                f'Target="{where}"/></Relationships>'.encode())  # fmt: skip
        if name == "[Content_Types].xml":
            data = data.replace(b"</Types>", f'<Override PartName="/{where}" ContentType="application/vnd.'
                                f'openxmlformats-officedocument.custom-properties+xml"/></Types>'.encode())  # fmt: skip
        return name, data

    src = rewrite(pk(tmp_path), tmp_path / "custom.xlsx", edit)
    with zipfile.ZipFile(src, "a") as zf:
        zf.writestr(where, _CUSTOM[kind])
    with frozen_clock():
        first = checked(src, tmp_path / "out1")
        second = checked(first, tmp_path / "out2")
    assert malformed(first) == [] and untyped(first) == []
    got = parts(first)
    assert "pk-excel" in got[where].decode() and where.count("/") == 1
    assert got["_rels/.rels"].decode().count(where) == 1
    props = read_xlsx(first, "xlsx", Limits()).custom_props
    if strict:
        assert props["Dinas"] == "Kesehatan"
    else:
        assert_sound_copy(src, first)
    assert parts(second) == got


def test_part_names_compared_without_case(tmp_path):
    """A sheet part named Sheet1.xml whose relationships are in _rels/sheet1.xml.rels (POI writes so): the
    copy adds no part that differs from one of the input's only by case, keeps the user's note and chart
    relationships, and a second run gives the same package."""
    path = notes_pk(tmp_path)

    def edit(name, data):
        if name == "xl/worksheets/sheet1.xml":
            return "xl/worksheets/Sheet1.xml", data
        if name in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
            return name, data.replace(b"worksheets/sheet1.xml", b"worksheets/Sheet1.xml")
        return name, data

    src = rewrite(path, tmp_path / "kapital.xlsx", edit)
    assert "xl/worksheets/_rels/sheet1.xml.rels" in parts(src) and "xl/worksheets/Sheet1.xml" in parts(src)
    with frozen_clock():
        first = checked(src, tmp_path / "out1")
        second = checked(first, tmp_path / "out2")
    assert_sound_copy(src, first)
    assert _case_twins(first) == []
    # openpyxl looks for _rels/Sheet1.xml.rels by its exact name, so it sees no note here: read the part.
    notes = parts(first)["xl/comments/comment1.xml"].decode()
    assert "Catatan lain" in notes and "Catatan pengguna" in notes and notes.count("pk-excel:") == len(MARKED)
    assert parts(second) == parts(first)


def test_marked_cell_keeps_its_alignment_in_either_spelling(tmp_path):
    """A cell format whose alignment is written <alignment ...></alignment> (POI): the marked cell keeps
    its alignment, and a second run adds no format."""
    from openpyxl.styles import Alignment

    path = pk(tmp_path)
    wb = openpyxl.load_workbook(path)
    for coord in MARKED:
        wb["PK"][coord].alignment = Alignment(horizontal="center", vertical="top", wrap_text=True)
    wb.save(path)

    def edit(name, data):
        if name == "xl/styles.xml":
            return name, re.sub(rb"<(alignment|protection)\b([^>]*?)\s*/>", rb"<\1\2></\1>", data)
        return name, data

    src = rewrite(path, tmp_path / "align.xlsx", edit)
    assert b"></alignment>" in parts(src)["xl/styles.xml"]
    with frozen_clock():
        first = checked(src, tmp_path / "out1")
        second = checked(first, tmp_path / "out2")
    ws = openpyxl.load_workbook(first)["PK"]
    for coord in MARKED:
        assert ws[coord].fill.fill_type == "solid"
        assert (ws[coord].alignment.horizontal, ws[coord].alignment.wrap_text) == ("center", True), coord
    assert parts(second) == parts(first)


def test_a_part_twice_in_the_zip_is_written_once(tmp_path):
    """A zip holding one name twice (POI's duplicate-filename test file): every reader takes the last
    entry, and so does the copy, once."""
    src = pk(tmp_path)
    with zipfile.ZipFile(src) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name it is asked to write
        with zipfile.ZipFile(src, "a") as zf:
            zf.writestr("xl/worksheets/sheet1.xml", sheet)
    with zipfile.ZipFile(src) as zf:
        assert zf.namelist().count("xl/worksheets/sheet1.xml") == 2
    copy = checked(src, tmp_path / "out")
    with zipfile.ZipFile(copy) as zf:
        assert zf.namelist().count("xl/worksheets/sheet1.xml") == 1
    assert _case_twins(copy) == []
    assert_sound_copy(src, copy)


def test_styles_find_a_format_again_by_its_meaning():
    """A format and the one pk-excel derives from it and back mean the same however the user's is spelled:
    indices left out (0), apply flags, an extension list (Excel's checkbox), either spelling of an empty
    alignment. So restoring a mark finds the user's own format and a second run adds none."""
    from pk_excel.styles import Styles, solid_fill

    xml = (
        f'<styleSheet xmlns="{MAIN}"><fonts count="1"><font><sz val="11"/></font></fonts>'
        '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
        '</fill><fill><patternFill patternType="solid"><fgColor rgb="FFEEEEEE"/></patternFill></fill></fills>'
        '<borders count="1"><border/></borders><cellXfs count="2"><xf numFmtId="0" fontId="0"/>'
        '<xf fillId="2" applyFill="1"><alignment horizontal="center"></alignment><extLst><ext uri="{C7286773}" '
        'xmlns:xfpb="http://schemas.microsoft.com/office/spreadsheetml/2022/featurepropertybag">'
        '<xfpb:xfComplement i="0"/></ext></extLst></xf></cellXfs></styleSheet>'
    )
    first = Styles(xml)
    ours = first.derive(1, fillId=first.add_fill(solid_fill("FFC7CE")))
    assert 'horizontal="center"' in first.lists["cellXfs"][ours]  # the mark keeps the alignment
    again = Styles(first.serialize())
    assert again.existing(ours, fillId=2) == 1
    assert again.derive(1, fillId=again.add_fill(solid_fill("FFC7CE"))) == ours
    assert again.serialize() == first.serialize()
