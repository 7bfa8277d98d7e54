"""Hostile XML inside packages guard lets through: what the reader (`xlsxread`, on expat) and the patch
writer (`package`, `sheetpatch`, `notes`, `xlsxpatch`, regular expressions over text) do with markup built to mislead or stall them.

Time is proven without a wall clock: each slow case measures the CPU time of the same work at two sizes
(n and 4n) in one fresh interpreter and bounds the growth, so a quadratic scan fails the test on a busy
machine as on an idle one, and a linear one passes on both. Each case here once hung the check, misread a
value or broke the copy.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import openpyxl
import pytest
from test_xlsxread import MAIN, make_xlsx

from pk_excel import guard
from pk_excel.checker import check_file
from pk_excel.config import Limits, Options
from pk_excel.model import PkError
from pk_excel.xlsxread import read_xlsx

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEAD = ["NO", "SASARAN", "INDIKATOR KINERJA", "TARGET", "REALISASI", "CAPAIAN", "PENJELASAN"]
# Capaian 90,31% is wrong (82,71 / 85 = 97,31%): F2 is always marked, so row 2 is always patched.
ROWS = [
    ["1", "Meningkatnya kepuasan", "Indeks Kepuasan Masyarakat", "85,00", "82,71", "90,31%", "Hasil SKM"],
    ["2", "Meningkatnya akuntabilitas", "Nilai SAKIP", "70", "72,5", "103,57%", "Hasil evaluasi"],
]


def _cell(ref: str, text: str, attrs: str = "") -> str:
    return f'<c r="{ref}"{attrs} t="inlineStr"><is><t>{text}</t></is></c>'


def pk_rows(after: dict[tuple[int, int], str] | None = None, attrs: dict[str, str] | None = None) -> bytes:
    """The PK table (header on row 1); `after[(row, col)]` is raw XML put after that cell (1-based),
    `attrs[ref]` extra attributes on a cell."""
    after, attrs = after or {}, attrs or {}
    out = []
    for r, row in enumerate([HEAD, *ROWS], start=1):
        cells = []
        for c, value in enumerate(row, start=1):
            ref = f"{'ABCDEFG'[c - 1]}{r}"
            cells.append(_cell(ref, value, attrs.get(ref, "")) + after.get((r, c), ""))
        out.append(f'<row r="{r}">{"".join(cells)}</row>')
    return "".join(out).encode()


def worksheet(rows: bytes, prolog: bytes = b"") -> bytes:
    return prolog + f'<worksheet xmlns="{MAIN}"><sheetData>'.encode() + rows + b"</sheetData></worksheet>"


def pk_book(path: Path, rows: bytes | None = None, *, sheet_xml: bytes | None = None, sst: bytes | None = None,
            extra: dict[str, bytes] | None = None) -> Path:  # fmt: skip
    make_xlsx(path, [sheet_xml if sheet_xml is not None else worksheet(rows or pk_rows())], sst=sst, names=["PK"])
    if extra:
        with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
            for name, data in extra.items():
                zf.writestr(name, data)
    return path


def values(path: Path) -> dict[int, list]:
    return read_xlsx(path, "xlsx", Limits()).sheets[0].values


def cell(path: Path, ref: str):
    """The value the reader gives cell `ref` (A1..H9) of the first sheet, None when it has none."""
    row = values(path).get(int(ref[1:]), [])
    c = ord(ref[0]) - 64
    return row[c - 1] if c <= len(row) else None


def written(path: Path, out: Path) -> Path:
    """Check `path` and write its validated copy; the copy must exist."""
    report = check_file(path, Options(write=True, out_dir=str(out)))
    assert report.status != "error", report.findings
    copies = list(out.glob("*.checked.xlsx"))
    assert copies, "no validated copy written"
    return copies[0]


def assert_well_formed(path: Path) -> None:
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.endswith((".xml", ".rels", ".vml")):
                ET.fromstring(zf.read(name))
    openpyxl.load_workbook(path)


# How time grows with the input, measured without a wall clock: the CPU seconds (`time.process_time`) of the
# same work on an input of size n and of size 4n, in one fresh interpreter, the best of three runs each.
# Linear work grows about 4x, a quadratic scan 16x: the bound sits between with a wide margin, and a run
# that takes under FLOOR CPU seconds at 4n is linear enough whatever the ratio (a quadratic scan of these
# inputs takes minutes). The subprocess timeout only keeps a hang from hanging the suite.
GROWTH_BOUND = 12.0
FLOOR = 0.25
HANG = 600

_MEASURE = """
    import sys, time
    from pathlib import Path

    def read(path):
        from pk_excel.config import Limits
        from pk_excel.xlsxread import read_xlsx
        try:
            read_xlsx(Path(path), "xlsx", Limits())
        except ValueError:
            pass  # refusing the part is fine; taking minutes to do it is not

    def check(path):
        import tempfile
        from pk_excel.checker import check_file
        from pk_excel.config import Options
        with tempfile.TemporaryDirectory() as out:
            check_file(path, Options(write=True, out_dir=out))

    work = {"read": read, "check": check}[sys.argv[1]]

    def cpu(path):
        started = time.process_time()
        work(path)
        return time.process_time() - started

    cpu(sys.argv[2])  # imports and caches
    # Interleaved, so that both sizes run under the same load of a shared machine (CPU time per instruction
    # changes when another process shares the core); the least of each.
    runs = [(cpu(sys.argv[2]), cpu(sys.argv[3])) for _ in range(3)]
    print(min(s for s, _ in runs), min(t for _, t in runs))
"""


def growth(tmp_path: Path, build, n: int, work: str = "read") -> tuple[float, float]:
    """(CPU seconds at size n, at size 4n) of `work` ("read" or "check") on `build(path, size)`."""
    small = build(tmp_path / "n.xlsx", n)
    large = build(tmp_path / "4n.xlsx", 4 * n)
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(_MEASURE), work, str(small), str(large)],
                          timeout=HANG, check=True, capture_output=True, text=True)  # fmt: skip
    t_small, t_large = (float(x) for x in done.stdout.split())
    return t_small, t_large


def assert_linear(tmp_path: Path, build, n: int, work: str = "read") -> None:
    t_small, t_large = growth(tmp_path, build, n, work)
    assert t_large < max(GROWTH_BOUND * t_small, FLOOR), f"n: {t_small:.3f} s, 4n: {t_large:.3f} s"


def test_growth_measure_tells_quadratic_from_linear(tmp_path, monkeypatch):
    """The measure itself: a reader made quadratic on purpose fails the bound that the real one passes."""
    quadratic = tmp_path / "slow.py"
    quadratic.write_text(
        "import time, zipfile\n"
        "def read_xlsx(path, kind, limits):\n"
        "    n = zipfile.ZipFile(path).read('xl/worksheets/sheet1.xml').count(b'<row')\n"
        "    sum(i * j for i in range(n) for j in range(n))\n"
    )
    code = textwrap.dedent(_MEASURE).replace("from pk_excel.xlsxread import read_xlsx", "from slow import read_xlsx")
    build = lambda path, n: pk_book(path, pk_rows() + b'<row r="30"/>' * n)  # noqa: E731
    small, large = build(tmp_path / "a.xlsx", 2_000), build(tmp_path / "b.xlsx", 8_000)
    done = subprocess.run([sys.executable, "-c", code, "read", str(small), str(large)], timeout=HANG, check=True,
                          capture_output=True, text=True, cwd=tmp_path, env={**__import__("os").environ,
                          "PYTHONPATH": str(tmp_path)})  # fmt: skip
    t_small, t_large = (float(x) for x in done.stdout.split())
    assert t_large >= max(GROWTH_BOUND * t_small, FLOOR)


# --- what is handled ------------------------------------------------------------------------------------


def test_cdata_and_escaped_markup_read_and_written_right(tmp_path):
    rows = pk_rows(after={
        (2, 7): _cell("H2", "<![CDATA[x<y & z]]>"),
        (3, 7): _cell("H3", "a&lt;/row&gt;b &lt;/sheetData&gt;"),
    })  # fmt: skip
    src = pk_book(tmp_path / "cdata.xlsx", rows)
    assert cell(src, "H2") == "x<y & z"
    assert cell(src, "H3") == "a</row>b </sheetData>"
    assert_well_formed(written(src, tmp_path / "out"))


def test_undeclared_entity_is_refused_and_nothing_is_fetched(tmp_path):
    # `&x;` without a declaration is not well-formed XML (Excel refuses it too): the file is reported as
    # damaged, one clean error, and `x` is never looked up anywhere.
    from pk_excel.model import PkError
    from pk_excel.workbook import open_book

    rows = pk_rows(after={(2, 7): _cell("H2", "&x; &#65; &amp;")})
    with pytest.raises(PkError) as e:
        open_book(pk_book(tmp_path / "ent.xlsx", rows))
    assert e.value.code == "corrupt"
    assert cell(pk_book(tmp_path / "ok.xlsx", pk_rows(after={(2, 7): _cell("H2", "&#65; &amp;")})), "H2") == "A &"


def test_commented_out_cell_is_not_read(tmp_path):
    rows = pk_rows(after={(2, 4): '<!-- <c r="E2" t="inlineStr"><is><t>999</t></is></c> -->'})
    assert cell(pk_book(tmp_path / "cmt.xlsx", rows), "E2") == "82,71"


def test_external_relationship_targets_are_not_opened(tmp_path):
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rX" Type="{REL}/hyperlink" Target="http://127.0.0.1:9/x" TargetMode="External"/>'
        "</Relationships>"
    ).encode()
    src = pk_book(tmp_path / "ext.xlsx", extra={"xl/worksheets/_rels/sheet1.xml.rels": rels})
    assert cell(src, "F2") == "90,31%"
    assert_well_formed(written(src, tmp_path / "out"))


# --- regular-expression blowups -------------------------------------------------------------------------


def test_unclosed_comment_openers_read_in_linear_time(tmp_path):
    assert_linear(tmp_path, lambda path, n: pk_book(path, pk_rows() + b'<row r="30">' + b"<!--" * n + b"</row>"), 100_000)


def test_unclosed_cells_read_in_linear_time(tmp_path):
    assert_linear(tmp_path, lambda path, n: pk_book(path, pk_rows() + b'<row r="30">' + b"<c>" * n + b"</row>"), 100_000)


def test_unclosed_rows_refused_in_linear_time(tmp_path):
    assert_linear(tmp_path, lambda path, n: pk_book(path, pk_rows() + b"<row>" * n), 100_000)


def test_unclosed_shared_string_items_read_in_linear_time(tmp_path):
    def build(path: Path, n: int) -> Path:
        return pk_book(path, sst=f'<sst xmlns="{MAIN}">'.encode() + b"<si>" * n + b"</sst>")

    assert_linear(tmp_path, build, 100_000)


def test_long_shared_formula_read_in_bounded_time(tmp_path):
    master = "+".join(["A1"] * 6_000)

    def build(path: Path, n: int) -> Path:
        cells = [f'<row r="30"><c r="H30"><f t="shared" ref="H30:H{30 + n}" si="0">{master}</f><v>1</v></c></row>']
        cells += [f'<row r="{r}"><c r="H{r}"><f t="shared" si="0"/><v>1</v></c></row>' for r in range(31, 31 + n)]
        return pk_book(path, pk_rows() + "".join(cells).encode())

    assert_linear(tmp_path, build, 2_000)


def test_many_large_merges_read_in_bounded_time(tmp_path):
    def build(path: Path, rows: int) -> Path:
        body = "".join(f'<row r="{r}"><c r="BH{r}"><v>1</v></c></row>' for r in range(10, 10 + rows))
        merges = "".join(f'<mergeCell ref="B{10 + i}:BF{10 + rows - 1}"/>' for i in range(40))
        xml = (
            f'<worksheet xmlns="{MAIN}"><sheetData>'.encode() + pk_rows() + body.encode()
            + f'</sheetData><mergeCells count="40">{merges}</mergeCells></worksheet>'.encode()
        )  # fmt: skip
        return pk_book(path, sheet_xml=xml)

    assert_linear(tmp_path, build, 10_000)


def test_unclosed_comments_in_the_notes_part_written_in_linear_time(tmp_path):
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rC" Type="{REL}/comments" Target="../comments1.xml"/></Relationships>'
    ).encode()

    def build(path: Path, n: int) -> Path:
        comments = (
            f'<comments xmlns="{MAIN}"><authors><author>x</author></authors><commentList>'.encode()
            + b"<comment>" * n + b"</commentList></comments>"
        )  # fmt: skip
        return pk_book(path, extra={"xl/worksheets/_rels/sheet1.xml.rels": rels, "xl/comments1.xml": comments})

    assert_linear(tmp_path, build, 50_000, work="check")


# --- correctness traps ----------------------------------------------------------------------------------


def test_cdata_holding_a_closing_t_tag(tmp_path):
    src = pk_book(tmp_path / "t.xlsx", pk_rows(after={(2, 7): _cell("H2", "<![CDATA[a</t>b]]>")}))
    assert cell(src, "H2") == "a</t>b"


def test_cdata_holding_a_closing_row_tag(tmp_path):
    src = pk_book(tmp_path / "r.xlsx", pk_rows(after={(2, 7): _cell("H2", "<![CDATA[a</row>b]]>")}))
    assert cell(src, "H2") == "a</row>b"
    assert_well_formed(written(src, tmp_path / "out"))


def test_processing_instruction_inside_a_row(tmp_path):
    src = pk_book(tmp_path / "pi.xlsx", pk_rows(after={(2, 4): "<?pk </row> ?>"}))
    assert (cell(src, "E2"), cell(src, "F2")) == ("82,71", "90,31%")


def test_comment_holding_a_closing_row_tag_in_a_marked_row(tmp_path):
    src = pk_book(tmp_path / "cr.xlsx", pk_rows(after={(2, 4): "<!-- </row> -->"}))
    assert_well_formed(written(src, tmp_path / "out"))


def test_commented_out_cell_stays_commented_in_the_copy(tmp_path):
    src = pk_book(tmp_path / "cc.xlsx", pk_rows(after={(2, 5): '<!-- <c r="F2"><v>1</v></c> -->'}))
    copy = written(src, tmp_path / "out")
    with zipfile.ZipFile(copy) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml")
    assert sheet.count(b'<c r="F2"') == 1


def test_comment_holding_a_closing_sheetdata_tag(tmp_path):
    src = pk_book(tmp_path / "sd.xlsx", pk_rows(after={(1, 7): "<!-- </sheetData> -->"}))
    assert cell(src, "A3") == "2"


def test_greater_than_in_an_attribute_value(tmp_path):
    src = pk_book(tmp_path / "gt.xlsx", pk_rows(attrs={"F2": ' foo="a>b"'}))
    assert cell(src, "F2") == "90,31%"
    assert_well_formed(written(src, tmp_path / "out"))


def test_utf16_sheet_is_written(tmp_path):
    xml = ('<?xml version="1.0" encoding="UTF-16"?>' + worksheet(pk_rows()).decode()).encode("utf-16")
    src = pk_book(tmp_path / "u16.xlsx", sheet_xml=xml)
    assert cell(src, "F2") == "90,31%"
    assert_well_formed(written(src, tmp_path / "out"))


def test_doctype_after_a_long_prolog_is_refused(tmp_path):
    prolog = b'<?xml version="1.0"?><!--' + b" " * 70_000 + b'--><!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
    src = pk_book(tmp_path / "dtd.xlsx", sheet_xml=worksheet(pk_rows(), prolog))
    with pytest.raises(PkError) as e:
        guard.inspect(src)
    assert e.value.code == "unsafe-xml"


@pytest.mark.parametrize("spaces", [65_480, 65_536, 70_000, 1_100_000])
def test_long_prologs_are_read_on_until_their_end(tmp_path, spaces):
    """Guard reads a part's first 64 KB, and on up to 1 MB while no root element has begun: a DOCTYPE after a
    comment that ends near or past 64 KB is found; a prolog past 1 MB is refused whatever follows it."""
    comment = b'<?xml version="1.0"?><!--' + b" " * spaces + b"-->"
    clean = pk_book(tmp_path / "clean.xlsx", sheet_xml=worksheet(pk_rows(), comment))
    dtd = pk_book(tmp_path / "dtd.xlsx", sheet_xml=worksheet(pk_rows(), comment + b"<!DOCTYPE worksheet>"))
    if spaces < 1_000_000:
        assert guard.inspect(clean) == "xlsx"
    for path in (dtd,) if spaces < 1_000_000 else (clean, dtd):
        with pytest.raises(PkError) as e:
            guard.inspect(path)
        assert e.value.code == "unsafe-xml"


def _events(data: bytes) -> list[tuple]:
    """The document as expat reads it (elements, attributes, text; comments and instructions have no handler):
    what `clean_xml` must keep."""
    import xml.parsers.expat

    out: list[tuple] = []
    p = xml.parsers.expat.ParserCreate()
    p.buffer_text = True
    p.StartElementHandler = lambda name, attrs: out.append(("start", name, sorted(attrs.items())))
    p.EndElementHandler = lambda name: out.append(("end", name))
    p.CharacterDataHandler = lambda text: out.append(("text", text))
    p.Parse(data, True)
    merged: list[tuple] = []  # text split around a dropped comment is one text
    for e in out:
        if e[0] == "text" and merged and merged[-1][0] == "text":
            merged[-1] = ("text", merged[-1][1] + e[1])
        else:
            merged.append(e)
    return merged


def _random_part(rng) -> bytes:
    """A well-formed part mixing what `clean_xml` cleans: comments, CDATA and instructions (at the start too,
    with targets like 'xml-stylesheet'), end tags with spaces, '>' in values of either quote, and '>', '=' and
    quotes in text."""
    def text():
        return "".join(rng.choice(["a", " ", ">", "=", '"', "'", "&amp;", "&lt;", "?", "!", "-", "]]", "\n"])
                       for _ in range(rng.randint(0, 5))).replace("]]>", "]]&gt;") + "."  # ']]>': not in text

    def value(q):
        return q + "".join(rng.choice(["a", ">", "=", " ", "?", "!", "&gt;", "-", "'" if q == '"' else '"'])
                           for _ in range(rng.randint(0, 4))) + q

    def odd(top=False):
        inner = "".join(rng.choice(["a", ">", "<", "?", "!", " ", "]", "'", '"', "="]) for _ in range(rng.randint(0, 6)))
        kind = rng.choice([0, 2] if top else [0, 1, 2])  # no CDATA outside the root
        if kind == 0:
            return "<!--" + inner.replace("-", "") + "-->"
        if kind == 1:
            return "<![CDATA[" + inner.replace("]]>", "") + "]]>"
        return "<?" + rng.choice(["pi", "xml-stylesheet", "xmlfoo", "mso-application"]) + " " + inner.replace("?>", "") + "?>"

    QUOTES = ["\"", "'"]

    def space():
        return rng.choice(["", " ", "\n", "\t", "\r\n"])

    def element(depth):
        name = rng.choice(["c", "row", "x:c", "v", "t", "é"])
        attrs = "".join(f" {rng.choice(['r', 's', 'x:y', 'é'])}{i}{space()}={space()}{value(rng.choice(QUOTES))}"
                        for i in range(rng.randint(0, 3)))
        if depth > 3 or rng.random() < 0.3:
            return f"<{name}{attrs}{space()}/>"
        kids = "".join(rng.choice([text, odd, lambda: element(depth + 1)])() for _ in range(rng.randint(0, 3)))
        return f"<{name}{attrs}{space()}>{kids}</{name}{space()}>"

    head = rng.choice(["", '<?xml version="1.0"?>', "<?xml version='1.0' encoding='UTF-8'?>\r\n",
                       "<?xml-stylesheet href='a'?>", "<?xmlfoo?>", '<?xml version="1.0"?><?xml-x a>b?>'])
    return (head + (odd(True) if rng.random() < 0.3 else "") + element(0) + (odd(True) if rng.random() < 0.2 else "")).encode()


def test_clean_xml_keeps_the_document_and_leaves_what_the_writer_misreads():
    """On thousands of random well-formed parts: what `clean_xml` gives reads as the same document, and holds
    no comment, CDATA, instruction (but the declaration), spaced end tag or '>' in a value."""
    import random
    import re

    from pk_excel.xmlparse import clean_xml

    name = rb"""[^\s=/<>"'!?]+"""  # any character a name may hold, non-ASCII too
    TAG = re.compile(rb"<(?:/?" + name + rb"(?:\s+" + name + rb"""\s*=\s*(?:"[^"]*"|'[^']*'))*\s*/?|\?xml[^>]*\?)>""")
    rng = random.Random(20261130)
    for _ in range(4000):
        part = _random_part(rng)
        cleaned = clean_xml(part)
        assert _events(cleaned) == _events(part), part
        assert not re.search(rb"<!--|<!\[CDATA\[|<\?(?!xml[\s?])|</[^\s<>/]+\s+>", cleaned), part
        for tag in re.findall(rb"<[^>]*>", cleaned):  # cut at each '>', the tags are whole: none is in a value
            assert TAG.fullmatch(tag), (part, tag)


def test_a_long_tag_with_gt_in_values_and_a_non_ascii_name_is_cleaned_in_linear_time(tmp_path):
    """'>' in thousands of attribute values of one cell, then an attribute named in Indonesian with an accent:
    the writer's cleaning escapes them in one pass (a pattern that backtracked from each such value took the
    square of the tag's length: 40 s for 20,000 attributes)."""

    def build(path: Path, n: int) -> Path:
        attrs = "".join(f' a{k}="x>y"' for k in range(n))
        return pk_book(path, pk_rows(attrs={"F2": attrs + ' catatan_é="1"'}))

    assert_linear(tmp_path, build, 2_500, work="check")


def test_gt_in_a_value_of_a_tag_with_a_non_ascii_name_is_escaped():
    from pk_excel.xmlparse import clean_xml

    part = '<r><é a="1>2" b=\'3>4\'/><c é="5>6">7 > 8</c></r>'.encode()
    assert clean_xml(part) == '<r><é a="1&gt;2" b=\'3&gt;4\'/><c é="5&gt;6">7 > 8</c></r>'.encode()
