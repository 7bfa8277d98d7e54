"""The sheet patch's fast paths and the general ones they fall back to: a row that only gains its block is
extended as it is written, its look read from its source cell found by reference (read in order when a cell
may lack its reference); a marked cell found by reference is restyled in place (a marked cell that is not
there goes in between, the row read in order); the package reads and copies large parts a batch at a time;
a Temuan line's height wrapped only when it does not fit."""

from __future__ import annotations

import random
import re
import zipfile
from pathlib import Path

from pk_excel.package import Package
from pk_excel.sheetpatch import SheetEdits, patch_sheet
from pk_excel.summary import text_lines

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def sheet(rows: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="{MAIN}"><dimension ref="A1:C3"/>'
            f"<sheetData>{rows}</sheetData></worksheet>").encode()  # fmt: skip


def patched(xml: bytes, edits: SheetEdits) -> str:
    return b"".join(patch_sheet(xml, edits, {}).pieces()).decode()


def blocks(rows: dict[int, tuple]) -> SheetEdits:
    """Edits giving each row its block of two cells from column E, formatted from the row's cell in column C:
    a number cell takes 100 + that cell's format, a text cell 200 + it."""
    ed = SheetEdits()
    ed.blocks.update(rows)
    ed.block_first, ed.block_source = 5, lambda row: 3
    ed.block_style = lambda s, text: (200 if text else 100) + s
    return ed


def row_xml(out: str, r: int) -> str:
    return re.search(rf'<row r="{r}".*?</row>', out).group(0)


def test_a_row_that_only_gains_its_block_takes_the_look_of_its_source_cell():
    xml = sheet('<row r="1" spans="1:3"><c r="A1"><v>1</v></c><c r="C1" s="7"/></row>'
                '<row r="2" spans="1:3" ht="20"><c r="A2"><v>2</v></c></row>')  # fmt: skip
    out = patched(xml, blocks({1: (1.5, "Tercapai"), 2: (None, "x & y")}))
    assert row_xml(out, 1) == ('<row r="1"><c r="A1"><v>1</v></c><c r="C1" s="7"/><c r="E1" s="107"><v>1.5</v></c>'
                               '<c r="F1" s="207" t="inlineStr"><is><t xml:space="preserve">Tercapai</t></is></c></row>')  # fmt: skip
    # no source cell: its format is 0; the spans hint goes, the other attributes stay
    assert row_xml(out, 2) == ('<row r="2" ht="20"><c r="A2"><v>2</v></c><c r="E2" s="100"/>'
                               '<c r="F2" s="200" t="inlineStr"><is><t xml:space="preserve">x &amp; y</t></is></c></row>')  # fmt: skip
    assert '<dimension ref="A1:F3"/>' in out


def test_a_row_whose_cells_may_lack_their_references_is_read_in_order():
    # C1 is written without its reference: found by its place, not by r="C1" (the fallback of the fast path)
    xml = sheet('<row r="1"><c r="A1"><v>1</v></c><c><v>2</v></c><c s="9"><v>3</v></c></row>')
    out = patched(xml, blocks({1: (4.0, None)}))
    assert '<c r="E1" s="109"><v>4.0</v></c>' in row_xml(out, 1)


def test_a_marked_cell_is_restyled_in_place_and_one_not_there_goes_in_between():
    xml = sheet('<row r="1"><c r="A1" s="2"><v>1</v></c><c r="C1"><v>3</v></c></row>'
                '<row r="2"><c r="A2"><v>1</v></c><c r="C2"><v>3</v></c></row>')  # fmt: skip
    ed = blocks({1: (1.0, None), 2: (2.0, None)})
    ed.restyle[(1, 1)] = lambda s: 50 + s  # found by reference: restyled where it is
    ed.restyle[(2, 2)] = lambda s: 60 + s  # B2 is not there: the row is read in order, B2 goes between A2 and C2
    out = patched(xml, ed)
    assert row_xml(out, 1) == '<row r="1"><c r="A1" s="52"><v>1</v></c><c r="C1"><v>3</v></c><c r="E1" s="100"><v>1.0</v></c><c r="F1" s="100"/></row>'
    assert row_xml(out, 2) == '<row r="2"><c r="A2"><v>1</v></c><c r="B2" s="60"/><c r="C2"><v>3</v></c><c r="E2" s="100"><v>2.0</v></c><c r="F2" s="100"/></row>'


def test_rows_not_there_yet_and_prefixed_sheets():
    xml = sheet('<row r="2"><c r="C2" s="3"/></row>').replace(b"<row", b"<x:row").replace(b"</row", b"</x:row")
    xml = xml.replace(b"<c ", b"<x:c ").replace(b"sheetData>", b"x:sheetData>").replace(b'<worksheet xmlns="', b'<worksheet xmlns:x="')
    out = patched(xml, blocks({1: (1.0, None), 2: (2.0, None), 4: (None, "z")}))
    assert [int(r) for r in re.findall(r'<x:row r="(\d+)"', out)] == [1, 2, 4]
    assert '<x:c r="E2" s="103"><x:v>2.0</x:v></x:c>' in out and '<x:c r="F4" s="200" t="inlineStr">' in out


def _lines_by_words(text, width: float) -> int:
    """text_lines word by word, as it was before it told a line that fits without wrapping it."""
    if text is None or text == "":
        return 1
    per_line = max(1, int(width * 1.1) - 1)
    lines = 0
    for part in str(text).split("\n"):
        words, used, n = part.replace("-", "- ").split(" "), 0, 1
        for word in words:
            size = len(word)
            if used and used + 1 + size > per_line:
                n += 1
                used = 0
            while size > per_line:
                n += 1
                size -= per_line
            used += size + (1 if used else 0)
        lines += n
    return lines


def test_lines_that_fit_are_counted_as_wrapping_would():
    random.seed(3)
    for _ in range(50_000):
        text = "".join(random.choice("ab -\n") for _ in range(random.randint(0, 40)))
        width = random.choice([1, 2, 5, 11, 20])
        assert text_lines(text, width) == _lines_by_words(text, width), (text, width)


def test_large_parts_are_read_and_copied_a_batch_at_a_time(tmp_path: Path):
    big = "".join(f"<si><t>teks nomor {i}</t></si>" for i in range(40_000)).encode()  # over 256 KB
    src = tmp_path / "in.zip"
    with zipfile.ZipFile(src, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/sharedStrings.xml", big)
        zf.writestr("[Content_Types].xml", b"<Types/>")
    with zipfile.ZipFile(src) as zf:
        pkg = Package(zf)
        assert pkg.read("xl/sharedStrings.xml") == big
        pkg.write(str(tmp_path / "out.zip"))
    with zipfile.ZipFile(tmp_path / "out.zip") as zf:
        assert zf.read("xl/sharedStrings.xml") == big and zf.testzip() is None


def test_a_marked_rows_cells_count_towards_the_dimension():
    # the sheet says A1:C3, but row 2 has a cell in D: marking row 2 makes the dimension hold it (as reading
    # the row cell by cell did), whether the marked cell is found by reference or is not there yet
    for marked in (1, 2):
        ed = SheetEdits()
        ed.restyle[(2, marked)] = lambda s: 5
        out = patched(sheet('<row r="2"><c r="A2"><v>1</v></c><c r="D2"><v>4</v></c></row>'), ed)
        assert '<dimension ref="A1:D3"/>' in out, marked
