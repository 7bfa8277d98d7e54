"""Taking pk-excel's columns out of a sheet on a second run: its cells as pk-excel (and Excel, LibreOffice)
write them found quickly by their text, cells spelled any other way by the general pattern, and the widths
and merges where the schema puts them."""

from __future__ import annotations

from pk_excel.unmark import _strip_columns

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def test_our_columns_go_whatever_the_spelling_of_their_cells():
    xml = (
        f'<worksheet xmlns="{MAIN}"><cols><col min="9" max="9" width="19" customWidth="1"/></cols><sheetData>'
        '<row r="5"><c r="A5"><v>1</v></c><c r="I5" s="3"><v>2</v></c><c r="J5"/></row>'
        # rewritten by another program: attributes in another order, other spacing
        "<row r=\"6\"><c r=\"A6\"><v>1</v></c><c s=\"3\" r=\"I6\"><v>2</v></c><c  r=\"J6\" t=\"b\"><v>1</v></c></row>"
        '</sheetData><mergeCells count="2"><mergeCell ref="I3:I4"/><mergeCell ref="A1:C1"/></mergeCells>'
        "</worksheet>"
    )
    out = _strip_columns(xml, 9, 13, {9: None})
    assert out == (
        f'<worksheet xmlns="{MAIN}"><sheetData>'
        '<row r="5"><c r="A5"><v>1</v></c></row><row r="6"><c r="A6"><v>1</v></c></row>'
        '</sheetData><mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells></worksheet>'
    )
