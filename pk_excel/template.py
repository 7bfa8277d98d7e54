"""The blank standard PK measurement workbook (`pk-excel template`).

Owns the layout of the template: title, header, column-number row, the four section blocks with empty
indicator rows, a safe CAPAIAN formula per row, the PROGRAM/ANGGARAN block, the signature block, print
setup, data validation and the "Petunjuk" sheet. The layout constants are public so tests (and anyone
filling the template by program) can address the cells without guessing.

Everything in the table stays in Bahasa Indonesia (it is an Indonesian government document); `lang="en"`
only changes the instruction sheet and the input messages a user sees while typing, whose words are
`texts`' (`texts/writing.py`, its "blank template" section).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from .marks import KIND_PROPERTY
from .model import LEVELS, PkError
from .output import TEMPLATE, save_atomic
from .texts import (
    CONFIG_LANG,
    LANGS,
    TEMPLATE_CAPAIAN_MSG,
    TEMPLATE_CAPAIAN_TITLE,
    TEMPLATE_EXISTS,
    TEMPLATE_GUIDE_LINES,
    TEMPLATE_GUIDE_SHEET,
    TEMPLATE_GUIDE_TITLE,
    TEMPLATE_MONEY_ERROR,
    TEMPLATE_MONEY_MSG,
    TEMPLATE_MONEY_TITLE,
    TEMPLATE_POLARITY_ERROR,
    TEMPLATE_POLARITY_MSG,
    TEMPLATE_POLARITY_TITLE,
    TEMPLATE_VALUE_MSG,
    TEMPLATE_VALUE_TITLE,
    TEMPLATE_YEAR,
    pick,
)

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook

MAIN_SHEET = "Pengukuran Kinerja"

TITLE_ROW = 1
UNIT_ROW = 2
HEADER_ROW = 4
NUMBER_ROW = 5  # the "(1) (2) (3) ..." row under the header
FIRST_DATA_ROW = 6  # the first section row ("Sasaran Strategis")
# Empty indicator rows under each section row. Kept below 4: the reader ends a table after 4 blank rows.
ROWS_PER_SECTION = 3

# role -> column letter of the measurement table
COLUMNS: dict[str, str] = {
    "no": "A",
    "sasaran": "B",
    "indikator": "C",
    "satuan": "D",
    "target": "E",
    "realisasi": "F",
    "capaian": "G",
    "penjelasan": "H",
    "polaritas": "I",
}
TEMPLATE_HEADERS: tuple[str, ...] = (
    "NO",
    "SASARAN",
    "INDIKATOR KINERJA",
    "SATUAN",
    "TARGET",
    "REALISASI",
    "CAPAIAN (%)",
    "PENJELASAN KINERJA",
    "POLARITAS",
)
FIRST_COL = COLUMNS["no"]
LAST_COL = COLUMNS["polaritas"]

SECTION_LABELS: dict[str, str] = {
    "strategis": "Sasaran Strategis",
    "program": "Sasaran Program",
    "kegiatan": "Sasaran Kegiatan",
    "subkegiatan": "Sasaran Sub Kegiatan",
}
# level -> row of its section label; level -> rows left empty for its indicators
SECTION_ROWS: dict[str, int] = {
    level: FIRST_DATA_ROW + i * (ROWS_PER_SECTION + 1) for i, level in enumerate(LEVELS)
}
INDICATOR_ROWS: dict[str, tuple[int, ...]] = {
    level: tuple(range(row + 1, row + 1 + ROWS_PER_SECTION)) for level, row in SECTION_ROWS.items()
}
LAST_TABLE_ROW = max(INDICATOR_ROWS[LEVELS[-1]])

# PROGRAM / ANGGARAN block, side by side under the table.
PROGRAM_HEADER_ROW = LAST_TABLE_ROW + 2
PROGRAM_ROWS: tuple[int, ...] = tuple(range(PROGRAM_HEADER_ROW + 1, PROGRAM_HEADER_ROW + 6))
PROGRAM_TOTAL_ROW = PROGRAM_ROWS[-1] + 1
PROGRAM_COLUMNS: dict[str, str] = {
    "no": "A",
    "program": "B",  # merged B:D
    "anggaran": "E",
    "realisasi_anggaran": "F",
    "serapan": "G",
    "keterangan": "H",
}
PROGRAM_HEADERS: tuple[str, ...] = (
    "NO",
    "PROGRAM",
    "ANGGARAN (Rp)",
    "REALISASI ANGGARAN (Rp)",
    "SERAPAN (%)",
    "KETERANGAN",
)

# Signature block at the right of the sheet (merged G:I on each line).
SIGNATURE_COLUMN = "G"
SIGNATURE_LAST_COLUMN = "I"
SIGNATURE_ROWS: dict[str, int] = {
    "date": PROGRAM_TOTAL_ROW + 2,
    "position": PROGRAM_TOTAL_ROW + 3,
    "name": PROGRAM_TOTAL_ROW + 7,
    "nip": PROGRAM_TOTAL_ROW + 8,
    "pangkat": PROGRAM_TOTAL_ROW + 9,
}
LAST_ROW = SIGNATURE_ROWS["pangkat"]

_WIDTHS = {"A": 6, "B": 32, "C": 38, "D": 12, "E": 13, "F": 13, "G": 12, "H": 42, "I": 12}


def capaian_formula(row: int) -> str:
    """The CAPAIAN cell of one indicator row.

    Empty until target and realisasi are both typed; empty (not an error) when either is text such as
    `6 unit` or `N/A`, or the target is 0, so the user may type the capaian by hand there. A row marked
    negatif in POLARITAS uses (2*target - realisasi) / target * 100.
    """
    c = COLUMNS
    t, r, p = f"{c['target']}{row}", f"{c['realisasi']}{row}", f"{c['polaritas']}{row}"
    return (
        f'=IF(OR({t}="",{r}=""),"",IF(AND(ISNUMBER({t}),ISNUMBER({r})),'
        f'IF({t}=0,"",ROUND(IF({p}="negatif",(2*{t}-{r})/{t},{r}/{t})*100,2)),""))'
    )


def serapan_formula(row: int) -> str:
    """SERAPAN (%) of one program row: realisasi anggaran / anggaran * 100; empty when not computable."""
    a = f"{PROGRAM_COLUMNS['anggaran']}{row}"
    r = f"{PROGRAM_COLUMNS['realisasi_anggaran']}{row}"
    return (
        f'=IF(OR({a}="",{r}=""),"",IF(AND(ISNUMBER({a}),ISNUMBER({r})),'
        f'IF({a}=0,"",ROUND({r}/{a}*100,2)),""))'
    )


def write_template(
    path: str | os.PathLike[str], tahun: int, unit: str, lang: str = "id", *, force: bool = False
) -> Path:
    """Write the blank PK measurement workbook for `tahun` and `unit` to `path` (atomically); return the path.

    An existing file is never replaced unless `force` (it may be a filled workbook). Raises
    PkError("template", ...) for an implausible year or language, PkError("output-exists", ...) for an
    existing file, PkError("write-failed", ...) when the file cannot be written.
    """
    if isinstance(tahun, bool) or not isinstance(tahun, int) or not 2000 <= tahun <= 2100:
        raise PkError("template", *TEMPLATE_YEAR.format(tahun=repr(tahun)))
    if lang not in LANGS:
        raise PkError("template", *CONFIG_LANG)
    out = Path(path)
    if not force and (out.exists() or out.is_symlink()):
        raise PkError("output-exists", *TEMPLATE_EXISTS.format(out=out), path=str(out))
    save_atomic(lambda tmp: _build(tmp, tahun, (unit or "").strip(), lang), out, what=TEMPLATE)
    return out


def _build(filename: str, tahun: int, unit: str, lang: str) -> None:
    import xlsxwriter

    # text never becomes a formula (a unit named "=1+1"): the template's own formulas use write_formula
    wb = xlsxwriter.Workbook(filename, {"strings_to_formulas": False})
    wb.set_properties(
        {
            "title": f"Pengukuran Perjanjian Kinerja Tahun {tahun}",
            "subject": unit or "Perjanjian Kinerja",
            "author": "pk-excel",
            "keywords": "Perjanjian Kinerja, pengukuran kinerja, LKjIP",
        }
    )
    wb.set_custom_property(KIND_PROPERTY, "template")
    base = {"font_name": "Arial", "font_size": 10, "valign": "top", "text_wrap": True}

    def fmt(**kw: object) -> Format:
        return wb.add_format({**base, **kw})

    f_title = fmt(bold=True, font_size=12, align="center", valign="vcenter", text_wrap=False)
    f_head = fmt(bold=True, align="center", valign="vcenter", border=1, bg_color="#D9E1F2")
    f_num = fmt(italic=True, align="center", border=1, bg_color="#F2F2F2", font_size=9)
    f_section = fmt(bold=True, border=1, bg_color="#EDEDED")
    f_text = fmt(border=1)
    f_no = fmt(border=1, align="center", num_format="@")
    f_value = fmt(border=1, align="center")
    f_capaian = fmt(border=1, align="center", num_format="0.00", bg_color="#FFF9E6")
    f_pol = fmt(border=1, align="center")
    f_money = fmt(border=1, num_format="#,##0")
    f_money_total = fmt(border=1, bold=True, num_format="#,##0")
    f_total_label = fmt(border=1, bold=True, align="right")
    f_sig = fmt(align="center", text_wrap=False)
    f_sig_name = fmt(align="center", bold=True, underline=True, text_wrap=False)

    ws = wb.add_worksheet(MAIN_SHEET)
    for letter, width in _WIDTHS.items():
        ws.set_column(f"{letter}:{letter}", width)

    span = f"{FIRST_COL}{{r}}:{LAST_COL}{{r}}"
    ws.merge_range(span.format(r=TITLE_ROW), f"PENGUKURAN PERJANJIAN KINERJA TAHUN {tahun}", f_title)
    ws.merge_range(span.format(r=UNIT_ROW), unit.upper() or "NAMA UNIT KERJA", f_title)
    ws.set_row(TITLE_ROW - 1, 18)
    ws.set_row(UNIT_ROW - 1, 18)

    letters = list(COLUMNS.values())
    for i, (letter, text) in enumerate(zip(letters, TEMPLATE_HEADERS)):
        ws.write(f"{letter}{HEADER_ROW}", text, f_head)
        ws.write(f"{letter}{NUMBER_ROW}", f"({i + 1})", f_num)
    ws.set_row(HEADER_ROW - 1, 30)

    c = COLUMNS
    for level in LEVELS:
        row = SECTION_ROWS[level]
        ws.merge_range(span.format(r=row), SECTION_LABELS[level], f_section)
        for r in INDICATOR_ROWS[level]:
            ws.write_blank(f"{c['no']}{r}", None, f_no)
            for role in ("sasaran", "indikator", "satuan", "penjelasan"):
                ws.write_blank(f"{c[role]}{r}", None, f_text)
            for role in ("target", "realisasi"):
                ws.write_blank(f"{c[role]}{r}", None, f_value)
            # cached result "" so a viewer that does not recalculate shows an empty cell, not 0
            ws.write_formula(f"{c['capaian']}{r}", capaian_formula(r), f_capaian, "")
            ws.write_blank(f"{c['polaritas']}{r}", None, f_pol)

    first, last = FIRST_DATA_ROW, LAST_TABLE_ROW
    ws.data_validation(
        f"{c['target']}{first}:{c['realisasi']}{last}",
        {"validate": "any", "input_title": pick(TEMPLATE_VALUE_TITLE, lang), "input_message": pick(TEMPLATE_VALUE_MSG, lang)},
    )
    ws.data_validation(
        f"{c['capaian']}{first}:{c['capaian']}{last}",
        {"validate": "any", "input_title": pick(TEMPLATE_CAPAIAN_TITLE, lang), "input_message": pick(TEMPLATE_CAPAIAN_MSG, lang)},
    )
    ws.data_validation(
        f"{c['polaritas']}{first}:{c['polaritas']}{last}",
        {
            "validate": "list",
            "source": ["positif", "negatif"],
            "input_title": pick(TEMPLATE_POLARITY_TITLE, lang),
            "input_message": pick(TEMPLATE_POLARITY_MSG, lang),
            "error_title": pick(TEMPLATE_POLARITY_TITLE, lang),
            "error_message": pick(TEMPLATE_POLARITY_ERROR, lang),
        },
    )

    # PROGRAM / ANGGARAN
    p = PROGRAM_COLUMNS
    hr = PROGRAM_HEADER_ROW
    ws.write(f"{p['no']}{hr}", PROGRAM_HEADERS[0], f_head)
    ws.merge_range(f"{p['program']}{hr}:D{hr}", PROGRAM_HEADERS[1], f_head)
    for key, text in zip(("anggaran", "realisasi_anggaran", "serapan", "keterangan"), PROGRAM_HEADERS[2:]):
        ws.write(f"{p[key]}{hr}", text, f_head)
    ws.set_row(hr - 1, 30)
    for r in PROGRAM_ROWS:
        ws.write_blank(f"{p['no']}{r}", None, f_no)
        ws.merge_range(f"{p['program']}{r}:D{r}", "", f_text)
        ws.write_blank(f"{p['anggaran']}{r}", None, f_money)
        ws.write_blank(f"{p['realisasi_anggaran']}{r}", None, f_money)
        ws.write_formula(f"{p['serapan']}{r}", serapan_formula(r), f_capaian, "")
        ws.write_blank(f"{p['keterangan']}{r}", None, f_text)
    tr, r0, r1 = PROGRAM_TOTAL_ROW, PROGRAM_ROWS[0], PROGRAM_ROWS[-1]
    ws.merge_range(f"{p['no']}{tr}:D{tr}", "JUMLAH", f_total_label)
    for key in ("anggaran", "realisasi_anggaran"):
        col = p[key]
        ws.write_formula(f"{col}{tr}", f"=SUM({col}{r0}:{col}{r1})", f_money_total, 0)
    ws.write_formula(f"{p['serapan']}{tr}", serapan_formula(tr), f_capaian, "")
    ws.write_blank(f"{p['keterangan']}{tr}", None, f_text)
    money = f"{p['anggaran']}{r0}:{p['realisasi_anggaran']}{r1}"
    ws.data_validation(
        money,
        {
            "validate": "decimal",
            "criteria": ">=",
            "value": 0,
            "input_title": pick(TEMPLATE_MONEY_TITLE, lang),
            "input_message": pick(TEMPLATE_MONEY_MSG, lang),
            "error_type": "warning",
            "error_title": pick(TEMPLATE_MONEY_TITLE, lang),
            "error_message": pick(TEMPLATE_MONEY_ERROR, lang),
        },
    )

    # Signature block: place and date of signing (year after the measured year), position, name, NIP, rank.
    sig = {
        "date": (f"................., ........................ {tahun + 1}", f_sig),
        "position": ("(Jabatan)", f_sig),
        "name": ("(Nama Lengkap dan Gelar)", f_sig_name),
        "nip": ("NIP. ", f_sig),
        "pangkat": ("Pangkat : ", f_sig),
    }
    for key, (text, f) in sig.items():
        r = SIGNATURE_ROWS[key]
        ws.merge_range(f"{SIGNATURE_COLUMN}{r}:{SIGNATURE_LAST_COLUMN}{r}", text, f)

    ws.freeze_panes(NUMBER_ROW, 0)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(HEADER_ROW - 1, NUMBER_ROW - 1)
    ws.print_area(f"{FIRST_COL}1:{LAST_COL}{LAST_ROW}")
    ws.center_horizontally()
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.set_footer("&L&8Pengukuran Perjanjian Kinerja&R&8Halaman &P dari &N")
    ws.activate()

    _write_guide(wb, lang)
    wb.close()


_GUIDE_WIDTH = 100


def _write_guide(wb: Workbook, lang: str) -> None:
    title = pick(TEMPLATE_GUIDE_TITLE, lang)
    lines = [pick(line, lang) for line in TEMPLATE_GUIDE_LINES]
    ws = wb.add_worksheet(pick(TEMPLATE_GUIDE_SHEET, lang))
    ws.set_column("A:A", 5)
    ws.set_column("B:B", _GUIDE_WIDTH)
    ws.write("A1", title, wb.add_format({"bold": True, "font_size": 12, "font_name": "Arial"}))
    body = wb.add_format({"font_name": "Arial", "font_size": 10, "text_wrap": True, "valign": "top"})
    num = wb.add_format({"font_name": "Arial", "font_size": 10, "valign": "top", "align": "right"})
    for i, line in enumerate(lines):
        ws.write_number(i + 2, 0, i + 1, num)
        ws.write_string(i + 2, 1, line, body)
        # xlsxwriter cannot autofit wrapped rows; size them from the text length
        ws.set_row(i + 2, 14 * (1 + len(line) // int(_GUIDE_WIDTH * 1.25)))
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
