"""What stands around a table: the title (unit and year), the PROGRAM / ANGGARAN block under it, and the
signature block (place and date, position, name, pangkat, NIP)."""

from __future__ import annotations

import re
from typing import Any

from .cellref import coord
from .grid import DASH, SPACES, Grid, cell_text
from .header import is_column_number_row, norm
from .model import Cell, Document, Program, Signature

YEAR = re.compile(r"\b(20\d\d|19\d\d)\b")


YEAR_RANGE = re.compile(r"\b(?:19|20)\d\d\s*(?:-|–|—|s\.?\s?d\.?|s/d|sampai(?: dengan)?)\s*(?:19|20)\d\d\b", re.I)


TAHUN_YEAR = re.compile(r"\btahun\s+(?:anggaran\s+)?(20\d\d|19\d\d)\b", re.I)


UNIT_WORDS = (
    r"kecamatan|kelurahan|desa|dinas|badan|kantor|sekretariat|inspektorat|satuan|rsud|rumah sakit|puskesmas|"
    r"bagian|biro|upt|uptd|kementerian|direktorat|balai|lembaga|bappeda|bapenda|bpkad|bkpsdm|satpol"
)


UNIT_SPECIFIC = re.compile(rf"^({UNIT_WORDS})\b", re.I)


UNIT_GENERAL = re.compile(r"^(pemerintah|kabupaten|kota|provinsi)\b", re.I)


DATE_PART = r"(?:\d{1,2}[\s\-/]+)?[A-Za-z]{3,12}\.?[\s\-/]+\d{4}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}"


SIGN_DATE = re.compile(rf"^\s*[A-Za-z][\w .'-]{{1,40}},\s*(?:tanggal\s+|tgl\.?\s+)?(?:{DATE_PART})\s*$", re.I)


NIP_LABEL = re.compile(r"^\s*(nip|ni\s*pppk|nipppk)\b\.?\s*:?\s*", re.I)


PROGRAM_HDR = re.compile(r"^(program|nama program|program kegiatan|program dan kegiatan|uraian program)$")


ANGGARAN_HDR = re.compile(
    r"^(anggaran|pagu|pagu anggaran|jumlah anggaran|anggaran rp|anggaran rupiah|alokasi anggaran)$"
)


REALISASI_ANGG = re.compile(r"^realisasi( anggaran)?( rp)?$")


TOTAL = re.compile(r"^(jumlah|total|jumlah total|total anggaran|jumlah anggaran)$")


def _year_of(texts: list[str]) -> int | None:
    """The year a title names ("... TAHUN 2024"); None for a range ("Tahun 2021 - 2023": several years)."""
    for pattern in (TAHUN_YEAR, YEAR):
        for text in texts:
            if YEAR_RANGE.search(text):
                continue  # "Tahun 2021 - 2023", "Renstra 2021-2026": several years, none is the report's
            m = pattern.search(text)
            if m:
                return int(m.group(1))
    return None


def title_year(grid: Grid, first: int, last: int) -> int | None:
    """The year the lines above a table (rows first..last, the last 12 at most) name, or None."""
    return _year_of([SPACES.sub(" ", v.strip()) for r in range(max(first, last - 12), last + 1)
                     for _, v in grid.row_texts(r) if isinstance(v, str)])


def read_title(grid: Grid, doc: Document, first: int, last: int) -> None:
    lines: list[tuple[int, int, str]] = []
    for r in range(max(first, last - 12), last + 1):
        for c, v in grid.row_texts(r):
            if isinstance(v, str):
                lines.append((r, c, SPACES.sub(" ", v.strip())))
    if not lines:
        return
    title_line = next((ln for ln in lines if re.search(r"kinerja|lkjip|lakip|pengukuran", ln[2], re.I)), lines[0])
    doc.title = title_line[2]
    doc.title_cell = grid.cell(title_line[0], title_line[1])
    doc.year = _year_of([text for _, _, text in lines])
    for pattern in (UNIT_SPECIFIC, UNIT_GENERAL):
        for _, _, text in lines:
            if pattern.match(text):
                doc.unit = text
                break
        if doc.unit is not None:
            break
    if doc.unit is None:
        # "PENGUKURAN KINERJA DINAS X TAHUN 2024": the unit may sit inside the title line.
        m = re.search(rf"\b((?:{UNIT_WORDS})\b.*?)(?:\s+tahun\b.*)?$", doc.title or "", re.I)
        if m:
            doc.unit = m.group(1).strip()


def is_block_stop(grid: Grid, r: int) -> bool:
    return any(isinstance(v, str) and (SIGN_DATE.match(v) or NIP_LABEL.match(v)) for _, v in grid.row_texts(r))


def read_programs(grid: Grid, doc: Document, start: int, stop: int) -> None:
    for r in range(start, stop):
        if is_block_stop(grid, r):
            return
        heads = {c: norm(v) for c, v in grid.row_texts(r) if isinstance(v, str)}
        prog_col = next((c for c, t in heads.items() if PROGRAM_HDR.match(t)), None)
        if prog_col is None:
            continue
        angg_col = next((c for c, t in heads.items() if ANGGARAN_HDR.match(t)), None)
        real_col = next((c for c, t in heads.items() if REALISASI_ANGG.match(t)), None)
        if angg_col is not None:
            _programs_side_by_side(grid, doc, r, stop, prog_col, angg_col, real_col)
        else:
            _programs_in_lists(grid, doc, r, stop)
        return


def _programs_side_by_side(grid, doc, hr, stop, prog_col, angg_col, real_col) -> None:
    from .values import parse_money

    blank = 0
    for r in range(hr + 1, stop):
        if is_block_stop(grid, r) or is_column_number_row(grid, r):
            if is_block_stop(grid, r):
                break
            continue
        name = cell_text(grid.get_merged(r, prog_col)) or cell_text(grid.get(r, prog_col + 1))
        amount = grid.cell(r, angg_col)
        if not name and amount is None:
            blank += 1
            if blank >= 2 and doc.programs or blank >= 4:
                break
            continue
        blank = 0
        if TOTAL.match(norm(name)) or any(TOTAL.match(norm(v)) for _, v in grid.row_texts(r)[:2]):
            break
        prog = Program(grid.sheet, r, name, coord(r, prog_col) if name else None)
        if amount is not None:
            prog.anggaran = parse_money(amount.value, amount.number_format)
            prog.anggaran_cell = amount
        if real_col:
            rc = grid.cell(r, real_col)
            if rc is not None:
                prog.realisasi_anggaran = parse_money(rc.value, rc.number_format)
                prog.realisasi_cell = rc
        if not name:
            doc.amounts_unpaired.append(amount)
        elif amount is None:
            doc.programs_unpaired.append(prog)
        else:
            doc.programs.append(prog)


def _programs_in_lists(grid, doc, hr, stop) -> None:
    """PROGRAM, its names one per row; then ANGGARAN, its amounts one per row, in the same order."""
    from .values import parse_money

    names: list[tuple[int, int, str]] = []
    amounts: list[Cell] = []
    mode = "names"
    blank = 0
    for r in range(hr + 1, stop):
        if is_block_stop(grid, r):
            break
        cells = grid.row_texts(r)
        if not cells:
            blank += 1
            if blank >= 3 and (amounts or (names and blank >= 4)):
                break
            continue
        blank = 0
        c, v = cells[0]
        t = norm(v)
        if ANGGARAN_HDR.match(t):
            mode = "amounts"
            continue
        if mode == "names":
            if isinstance(v, str):
                names.append((r, c, SPACES.sub(" ", v.strip())))
        else:
            if TOTAL.match(t):
                break
            cell = grid.cell(r, c)
            if cell is not None:
                amounts.append(cell)
    for i, (nr, nc, name) in enumerate(names):
        prog = Program(grid.sheet, nr, name, coord(nr, nc))
        if i < len(amounts):
            prog.anggaran = parse_money(amounts[i].value, amounts[i].number_format)
            prog.anggaran_cell = amounts[i]
            doc.programs.append(prog)
        else:
            doc.programs_unpaired.append(prog)
    doc.amounts_unpaired.extend(amounts[len(names):])


def _is_pangkat_line(text: str) -> bool:
    from .nip import parse_pangkat

    if _PANGKAT_WORD.match(text):
        return True
    p = parse_pangkat(text)
    return p is not None and bool(p.pangkat or p.golongan) and "," not in text.split("(")[0]


_PANGKAT_WORD = re.compile(r"^\s*(pangkat|gol\.?|golongan)\b", re.I)


def nip_text(v: Any) -> str:
    """A NIP cell as text. A NIP typed as a number kept only Excel's 15 significant digits: shown as those
    digits padded with zeros (what the cell now holds), for the NIP rule to report."""
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, float) and v.is_integer() or isinstance(v, int):
        digits = (f"{float(v):.15g}") if abs(v) >= 1e15 else str(int(v))
        if "e" in digits:
            mant, exp = digits.split("e")
            whole = mant.replace(".", "")
            digits = whole + "0" * (int(exp) + 1 - len(whole))
        return digits
    return cell_text(v)


def read_signature(grid: Grid, doc: Document, start: int, stop: int) -> None:
    from .dates import find_date, parse_date
    from .nip import parse_pangkat

    nip_pos = None
    date_pos = None
    for r in grid.rows_from(start):
        if r >= stop:
            break
        for c, v in grid.row_texts(r):
            if not isinstance(v, str):
                continue
            if date_pos is None and SIGN_DATE.match(v):
                date_pos = (r, c)
            elif NIP_LABEL.match(v) and nip_pos is None:
                nip_pos = (r, c)
        if nip_pos and r > nip_pos[0] + 2:
            break
    if date_pos is None and nip_pos is None:
        return
    sig = Signature(sheet=grid.sheet)
    if date_pos:
        dcell = grid.cell(*date_pos)
        sig.date_cell = dcell
        text = cell_text(dcell.value if dcell is not None else None)
        sig.place = text.split(",")[0].strip() or None
        sig.date = find_date(text) or parse_date(text.split(",", 1)[-1].strip())
    if date_pos:
        col, top = (nip_pos or date_pos)[1], date_pos[0] + 1
    else:
        assert nip_pos is not None  # one of the two was found (see above)
        col, top = nip_pos[1], max(start, nip_pos[0] - 8)
    bottom = nip_pos[0] if nip_pos else min(top + 10, stop)
    lines = []
    for r in range(top, bottom):
        found = next(((cc, x) for cc, x in grid.row_texts(r) if abs(cc - col) <= 1 and isinstance(x, str)), None)
        if found:
            lines.append((r, found[0], cell_text(found[1])))
    if len(lines) > 1 and _is_pangkat_line(lines[-1][2]):
        pr, pc, ptext = lines.pop()  # name, pangkat, NIP: the line above the NIP is the pangkat
        p = parse_pangkat(ptext)
        if p is not None:  # _is_pangkat_line read it
            sig.pangkat, sig.golongan, sig.pangkat_cell = p.pangkat, p.golongan, grid.cell(pr, pc)
    if lines:
        nr, nc, name = lines[-1]
        sig.name = name
        sig.name_cell = grid.cell(nr, nc)
        if len(lines) > 1:
            sig.position = " ".join(t for _, _, t in lines[:-1])
    if nip_pos:
        ncell = grid.cell(*nip_pos)
        written = NIP_LABEL.sub("", cell_text(ncell.value if ncell is not None else None)).strip()
        if not written:
            # "NIP." in one cell, the NIP in the next one (often typed as a number)
            beside = next(((c, v) for c, v in grid.row_texts(nip_pos[0])
                           if nip_pos[1] < c <= nip_pos[1] + 4 and not DASH.match(cell_text(v).strip(":= "))), None)
            if beside is not None:
                ncell = grid.cell(nip_pos[0], beside[0])
                written = nip_text(beside[1])
        sig.nip_cell = ncell
        digits = re.sub(r"\D", "", written)
        # 18 digits however grouped; anything else is kept as written for the NIP rule to report
        sig.nip = digits if digits and re.fullmatch(r"[\d\s.\-]+", written) else (written or None)
        for r in range(nip_pos[0] + 1, min(nip_pos[0] + 3, stop) if sig.pangkat_cell is None else 0):
            for c, v in grid.row_texts(r):
                if isinstance(v, str) and abs(c - col) <= 2:
                    p = parse_pangkat(v)
                    if p is not None and (p.pangkat or p.golongan):
                        sig.pangkat, sig.golongan = p.pangkat, p.golongan
                        sig.pangkat_cell = grid.cell(r, c)
                        break
            if sig.pangkat_cell:
                break
    if doc.signature is None:
        doc.signature = sig
