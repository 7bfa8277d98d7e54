"""The data pk-excel passes from stage to stage: cells, values, indicators, findings, reports.

The flow is one way: file -> guard -> workbook -> locate -> values -> measure -> rules -> report / the copy (marking, summary -> xlsxpatch).
Nothing here imports openpyxl, pandas or numpy at run time, so the CLI can start without them (the indicator
table's DataFrame type is named for type checkers only).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from .cellref import col_letter

if TYPE_CHECKING:
    import pandas as pd

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}

Level = Literal["strategis", "program", "kegiatan", "subkegiatan"]
LEVELS: tuple[Level, ...] = ("strategis", "program", "kegiatan", "subkegiatan")

# Column roles the reader recognises in a header.
ROLES = (
    "no",
    "sasaran",
    "indikator",
    "satuan",
    "target",
    "realisasi",
    "capaian",
    "penjelasan",
    "keterangan",
    "polaritas",
    "predikat",
)


class PkError(Exception):
    """This file could not be checked. Carries a stable code and a message in both languages.

    `code` is a short stable name ("corrupt-zip", "encrypted", "no-table", ...) listed in the README;
    the CLI prints one line naming the file and exits 2.
    """

    def __init__(self, code: str, message_id: str, message_en: str, *, path: str | None = None):
        super().__init__(message_en)
        self.code = code
        self.message_id = message_id
        self.message_en = message_en
        self.path = path

    def message(self, lang: str = "id") -> str:
        return self.message_en if lang == "en" else self.message_id


class Cell(NamedTuple):
    """One cell of the user's sheet as the reader saw it.

    `value` is what the cell holds (for a formula cell: the cached result when the file has one, else None),
    `formula` the formula text (``=F8/E8*100``) or None, `number_format` Excel's format code.

    A named tuple (immutable, compared and hashed by its fields) rather than a dataclass: locating a large
    sheet makes one for every value an indicator keeps (140,000 on 20,000 rows), and a tuple is made in a
    third of the time (`grid.make_cell`).
    """

    sheet: str
    row: int
    col: int
    value: Any
    number_format: str = "General"
    formula: str | None = None

    @property
    def coord(self) -> str:
        """'F12' (computed: a large sheet has a hundred thousand cells, their strings add up)."""
        return f"{col_letter(self.col)}{self.row}"

    @property
    def text(self) -> str:
        """The cell as a user would read it on screen (best effort), for messages."""
        v = self.value
        if v is None:
            return self.formula or ""
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return str(v)


@dataclass(frozen=True, slots=True)
class Note:
    """Something the value parser assumed while reading a cell (becomes a finding)."""

    code: str  # e.g. "space-in-number", "ambiguous-decimal-point"
    severity: Severity
    message_id: str
    message_en: str


@dataclass(frozen=True, slots=True)
class Grade:
    """An ordinal grade: SAKIP AA..D, IKM mutu A..D, Opini BPK WTP..TMP. Higher rank is better."""

    scale: str  # "sakip" | "ikm" | "opini"
    code: str  # "BB", "WTP", "B"
    rank: int


@dataclass(frozen=True, slots=True)
class Value:
    """A typed reading of one cell.

    kind: "number" | "percent" | "range" | "grade" | "missing" | "text" | "empty" | "money" | "date"
    `number` is the numeric value (percent points for percentages: 97,31% -> 97.31; money in rupiah);
    `low`/`high` the bounds of a range; `unit` the unit after the number ("unit", "usulan", "%");
    `label` a qualitative label beside it ("Baik"); `grade` for grade cells; `form` says how it was written
    ("numeric", "text", "percent-text", "percent-format", "percent-column", "missing-dash", ...);
    `decimals` how many decimals the user typed (for comparing at typed precision), None when not typed.
    """

    raw: Any
    kind: str
    number: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    label: str | None = None
    grade: Grade | None = None
    form: str = ""
    decimals: int | None = None
    notes: tuple[Note, ...] = ()
    date: Any = None  # datetime.date for kind == "date"

    @property
    def is_missing(self) -> bool:
        return self.kind in ("missing", "empty")


@dataclass(slots=True)
class Indicator:
    """One indicator row of a PK table, raw cells first, then what `measure` computed."""

    sheet: str
    row: int
    table: int  # index of the table in Document.tables
    level: Level | None
    sasaran: str | None
    indikator: str
    satuan: str | None = None
    sasaran_carried: bool = False  # sasaran taken from a row above (blank or merged)
    shift: int = 0  # columns the row's data sits off the header (-1 left, +1 right)
    no: Cell | None = None
    cells: dict[str, Cell] = field(default_factory=dict)  # role -> cell (target, realisasi, capaian, ...)
    # Filled by measure:
    target: Value | None = None
    realisasi: Value | None = None
    capaian: Value | None = None  # the capaian as typed (or the formula's result)
    capaian_hitung: float | None = None
    capaian_alt: float | None = None  # the other accepted formula for negative polarity (T/R*100)
    polaritas: str | None = None  # "positif" | "negatif"
    polaritas_source: str | None = None  # "kolom" | "konfigurasi" | "keterangan" | "target" | "leksikon" | "capaian" | "bawaan"
    status: str | None = None  # "tercapai" | "tidak tercapai" | "belum ada data" | "tidak dapat dihitung"
    status_reason: str | None = None
    predikat: str | None = None
    formula_result: float | None = None  # a capaian formula evaluated by us
    periods: list[Cell | None] = field(default_factory=list)  # realisasi per quarter/month (Table.periods)
    realisasi_derived: str | None = None  # "jumlah" | "terakhir": realisasi taken from the periods, not a column
    program: str | None = None  # the program/kegiatan the row belongs to (Renja form)
    parent: str | None = None  # the heading a sub-item ("a. Pertanian") is named with
    numbered: dict[int, Cell] = field(default_factory=dict)  # column -> cell, for the column-number row's sums

    def cell(self, role: str) -> Cell | None:
        return self.cells.get(role)


@dataclass(slots=True)
class Table:
    """A PK measurement table found on a sheet."""

    sheet: str
    header_rows: tuple[int, ...]  # 1-based rows of the header (one or two), plus a column-number row if any
    columns: dict[str, int]  # role -> 1-based column
    first_row: int
    last_row: int
    header_year: int | None = None  # "Target 2024" -> 2024
    percent_columns: frozenset[str] = frozenset()  # roles whose header says (%)
    sections: list[tuple[int, Level]] = field(default_factory=list)  # (row, level) of section rows
    titles: dict[str, str] = field(default_factory=dict)  # role -> header path of the column taken
    extra_columns: dict[str, int] = field(default_factory=dict)  # target_rp, realisasi_rp, realisasi_lalu, ...
    periods: list[int] = field(default_factory=list)  # the year's realisasi per quarter/month, in order
    period_kind: str | None = None  # "tw" | "bulan"
    year: int | None = None  # the reporting year the columns were chosen for
    summaries: list[Summary] = field(default_factory=list)  # rata-rata / jumlah / predikat rows under the table
    layout: str = "pk"  # "pk" | "renja" (Permendagri 86/2017 or 54/2010 evaluation form)
    numbers: dict[int, str] = field(default_factory=dict)  # column -> its label in the column-number row ("13 = 9+10")
    formula_columns: tuple[int, ...] = ()  # the columns that labels' arithmetic names (their cells: Indicator.numbered)
    groups: list[Group] = field(default_factory=list)  # the Renja form's urusan / program / kegiatan lines, in order
    signature: tuple[tuple[int, str], ...] = ()  # (column, header path) of every header column
    title_year: int | None = None  # the year the lines above this table name (its sheet's own title)


@dataclass(slots=True)
class Group:
    """A line of the Renja form that opens an urusan, program, kegiatan or sub kegiatan (with or without an
    indicator of its own), with its anggaran cells (`target_rp`, `realisasi_rp`, ...)."""

    sheet: str
    row: int
    level: Level | None  # None: an urusan or bidang urusan
    name: str
    cells: dict[str, Cell] = field(default_factory=dict)


@dataclass(slots=True)
class Summary:
    """A row that sums up the indicators above it: "Rata-rata capaian kinerja (%)", an unlabelled SUM/AVERAGE
    row, "Predikat kinerja". `kind`: "rata-rata" | "jumlah" | "predikat"; `cells` role -> the cell in that
    role's column (capaian, target, realisasi, predikat)."""

    sheet: str
    row: int
    kind: str
    label: str | None
    cells: dict[str, Cell] = field(default_factory=dict)


@dataclass(slots=True)
class Program:
    sheet: str
    row: int
    name: str
    name_cell: str | None
    anggaran: Value | None = None
    anggaran_cell: Cell | None = None
    realisasi_anggaran: Value | None = None
    realisasi_cell: Cell | None = None


@dataclass(slots=True)
class Signature:
    sheet: str
    place: str | None = None
    date: Any = None  # datetime.date
    date_cell: Cell | None = None
    position: str | None = None  # jabatan
    name: str | None = None
    name_cell: Cell | None = None
    nip: str | None = None  # 18 digits, no spaces
    nip_cell: Cell | None = None
    pangkat: str | None = None
    golongan: str | None = None  # "IV/a"
    pangkat_cell: Cell | None = None


@dataclass(slots=True)
class Document:
    """Everything read from one workbook."""

    path: str
    sheets: list[str]
    tables: list[Table] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    programs: list[Program] = field(default_factory=list)
    amounts_unpaired: list[Cell] = field(default_factory=list)  # ANGGARAN cells with no program
    programs_unpaired: list[Program] = field(default_factory=list)
    signature: Signature | None = None
    unit: str | None = None  # "Kecamatan Bajeng Kabupaten Gowa"
    year: int | None = None  # from the title
    title: str | None = None
    title_cell: Cell | None = None
    reader_notes: list[Finding] = field(default_factory=list)  # findings made while reading (shifted rows…)
    # The indicator table (pandas): one row per indicator, in `indicators` order, with what `measure` read and
    # computed (numbers, the capaian of each formula, polarity, status, predikat); set by `measure`, read by the
    # rules that compare columns (which add the name columns). None before measuring.
    frame: pd.DataFrame | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class Finding:
    """One discrepancy. Findings are data; they never raise."""

    rule: str
    severity: Severity
    sheet: str | None
    cell: str | None
    row: int | None
    message_id: str
    message_en: str
    found: str | None = None
    expected: str | None = None
    indikator: str | None = None

    def message(self, lang: str = "id") -> str:
        return self.message_en if lang == "en" else self.message_id

    def sort_key(self) -> tuple:
        from .cellref import cell_sort_key

        return (self.sheet or "", self.row or 0, cell_sort_key(self.cell), SEVERITY_RANK[self.severity], self.rule)

    def to_json(self, lang: str = "id") -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "sheet": self.sheet,
            "cell": self.cell,
            "row": self.row,
            "message": self.message(lang),
            "found": self.found,
            "expected": self.expected,
            "indikator": self.indikator,
        }


@dataclass(slots=True)
class FileReport:
    path: str
    status: Literal["ok", "findings", "error"] = "ok"
    error: str | None = None
    error_code: str | None = None
    output: str | None = None
    document: Document | None = None
    findings: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # fidelity losses and other notes for the user
    lang: str = "id"
    error_other: str | None = None  # `error` in the other language (a page may switch language afterwards)

    def error_in(self, lang: str) -> str | None:
        """The error line in `lang` ("id" | "en") when the report has it, else the one it has."""
        return self.error if lang == self.lang or not self.error_other else self.error_other

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def exit_code(self) -> int:
        return exit_code_for([self])


@dataclass(slots=True)
class Report:
    files: list[FileReport] = field(default_factory=list)

    def exit_code(self, strict: bool = False) -> int:
        return exit_code_for(self.files, strict)


def exit_code_for(files: list[FileReport], strict: bool = False) -> int:
    """0: no error findings; 1: error findings (warnings too with strict); 2: a file could not be checked."""
    code = 0
    for f in files:
        if f.status == "error":
            return 2
        if f.count("error") or (strict and f.count("warning")):
            code = 1
    return code


def plain(obj: Any) -> Any:
    """asdict for JSON, dropping nothing."""
    return asdict(obj)
