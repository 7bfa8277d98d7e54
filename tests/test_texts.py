"""texts.py and severity.py: the one place for the words of the running stage, the report, the configuration
and the page, and for severities; config.make_options, which builds every run's Options."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pk_excel import severity, texts
from pk_excel.cli import app
from pk_excel.config import Limits, Options, make_options
from pk_excel.model import SEVERITIES, PkError
from pk_excel.texts import Text, counted, lang_of, pick


def _fields(s: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(s) if name is not None}


def _texts_of(module: object) -> dict[str, Text]:
    """Every Text of a module: alone, or in a tuple or a dict of them (the rekap's columns, NOUNS...)."""
    out: dict[str, Text] = {}
    for name, value in vars(module).items():
        if isinstance(value, Text):
            out[f"texts.{name}"] = value
        elif isinstance(value, tuple) and value and all(isinstance(v, Text) for v in value):
            out |= {f"texts.{name}[{i}]": v for i, v in enumerate(value)}
        elif isinstance(value, dict) and value and all(isinstance(v, Text) for v in value.values()):
            out |= {f"texts.{name}[{k!r}]": v for k, v in value.items()}
    return out


ALL_TEXTS = _texts_of(texts)
ALL_TEXTS |= {f"severity.MEANING[{k!r}]": v for k, v in severity.MEANING.items()}


@pytest.mark.parametrize("name", sorted(ALL_TEXTS))
def test_every_text_is_said_in_both_languages_with_the_same_fields(name):
    text = ALL_TEXTS[name]
    assert text.id.strip() and text.en.strip(), name
    assert _fields(text.id) == _fields(text.en), name


def test_the_rekap_and_the_counted_nouns_are_among_them():
    assert "texts.REKAP_FILE_COLUMNS[0]" in ALL_TEXTS and "texts.NOUNS['error']" in ALL_TEXTS
    assert "texts.CHECK_STATUS['error']" in ALL_TEXTS


def test_the_reading_and_writing_stages_and_the_copy_are_among_them():
    for name in ("texts.REFUSED_CORRUPT", "texts.NOT_A_WORKBOOK_KINDS['pdf']", "texts.ZIP_BOMB_RATIO",
                 "texts.REFUSED_UNREADABLE", "texts.WRITE_DISK_FULL", "texts.CONVERTED['ods']",
                 "texts.ADDED_COLUMNS[0]", "texts.STATUS_WORDS['tercapai']", "texts.TEMUAN_COLUMNS[9]",
                 "texts.RINGKASAN_LEVELS['program']", "texts.CHART_TOO_MANY", "texts.PAGE['title']",
                 "texts.TEMPLATE_GUIDE_SHEET", "texts.TEMPLATE_VALUE_MSG", "texts.TEMPLATE_GUIDE_LINES[11]"):
        assert name in ALL_TEXTS, name


def test_a_text_field_is_said_in_each_language():
    size = Text("1,5 MB", "1.5 MB")
    said = texts.REFUSED_ARCHIVE_TOO_LARGE.format(size=size, limit=size)
    assert said.id.startswith("arsip terlalu besar (1,5 MB; batas 1,5 MB)")
    assert said.en.startswith("the archive is too large (1.5 MB; limit 1.5 MB)")
    assert pick(texts.LOCK_OWNER, "en", owner=Text("x", "y")) == " by y"


def test_pick_is_indonesian_unless_english_is_asked():
    t = Text("{n} berkas", "{n} files")
    assert pick(t, None, n=2) == pick(t, "id", n=2) == pick(t, "fr", n=2) == "2 berkas"
    assert pick(t, "en", n=2) == "2 files"
    assert pick(t, "en") == "{n} files"  # no fields given: said as it is (a brace in a name stays)
    assert lang_of("en") == "en" and lang_of(None) == lang_of("") == lang_of("ID") == "id"


def test_format_fills_both_languages_for_an_error():
    said = texts.FILE_NOT_FOUND.format(path="a{b}.xlsx")
    assert said == Text("a{b}.xlsx: berkas tidak ditemukan", "a{b}.xlsx: file not found")
    error = PkError("not-found", *said)
    assert error.message("en") == "a{b}.xlsx: file not found"
    assert texts.CONFIG_LANG.prefixed("x.toml: ").en == "x.toml: lang must be 'id' or 'en'"


def test_counted_plurals_in_english_only():
    assert counted(1, "error", "en") == "1 error"
    assert counted(0, "warning", "en") == "0 warnings"
    assert counted(2, "info", "en") == "2 info"
    assert counted(2, "error", "id") == "2 kesalahan"
    assert counted(3, "finding") == "3 temuan"


def test_severities_in_one_place():
    assert severity.SEVERITIES == SEVERITIES == ("error", "warning", "info")
    assert [severity.SEVERITY_RANK[s] for s in SEVERITIES] == [0, 1, 2]
    assert severity.words("id") == {"error": "kesalahan", "warning": "peringatan", "info": "info"}
    assert list(severity.words("en").values()) == ["error", "warning", "info"]
    assert severity.level_word("off", "id") == "mati" and severity.level_word("off", "en") == "off"
    assert set(severity.FILL) == set(SEVERITIES) == set(severity.MEANING)


@pytest.mark.parametrize(
    ("said", "level"),
    [("off", "off"), ("Mati", "off"), (" kesalahan ", "error"), ("ERROR", "error"), ("peringatan", "warning"),
     ("warning", "warning"), ("info", "info"), ("fatal", None), ("", None)],
)  # fmt: skip
def test_a_rule_level_is_read_in_either_language(said, level):
    assert severity.parse_level(said) == level


def test_make_options_puts_the_command_line_over_the_configuration(tmp_path):
    (tmp_path / "pk-excel.toml").write_text("lang = 'en'\n[capaian]\nbatas_atas = 150\n[batas]\nmax_rows = 10\n")
    book = tmp_path / "pk.xlsx"
    options = make_options(near=book, write=True, out_dir=tmp_path / "hasil", cap=120, max_unpacked_mb=2)
    assert options.config.cap == 120 and options.language == "en"
    assert options.limits is options.config.limits
    assert options.limits.max_rows == 10 and options.limits.max_unpacked_bytes == 2 * 1024 * 1024
    assert options.out_dir == str(tmp_path / "hasil") and options.write
    assert make_options(near=book, lang="id").language == "id"
    # a glob pattern is not a place: no pk-excel.toml is looked for "near" it
    assert make_options(near=str(tmp_path / "*.xlsx")).config == make_options().config
    assert Options().limits == Limits()


def test_batas_that_is_not_a_table_is_one_line(tmp_path):
    (tmp_path / "pk-excel.toml").write_text("batas = 5\n")
    with pytest.raises(PkError) as e:
        make_options(near=tmp_path)
    assert e.value.code == "config" and e.value.message("en").endswith("[batas] must be a table")
    result = CliRunner().invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 2 and "[batas] harus berupa tabel" in result.output
    assert "Traceback" not in result.output


def test_serve_reads_the_configuration_it_is_given(tmp_path: Path):
    result = CliRunner().invoke(app, ["serve", "--no-browser", "--config", str(tmp_path / "tidak-ada.toml")])
    assert result.exit_code == 2
    assert "berkas konfigurasi tidak ditemukan" in result.output and "Traceback" not in result.output


def test_a_system_refusal_is_said_in_indonesian_not_in_the_systems_english():
    import errno

    denied = OSError(errno.EACCES, "Permission denied")
    line = pick(texts.OUT_CANNOT_BE_MADE, "id", out="D:/hasil", reason=texts.os_reason(denied))
    assert "izin ditolak" in line and "Permission" not in line
    assert "permission denied" in pick(texts.OUT_CANNOT_BE_MADE, "en", out="x", reason=texts.os_reason(denied))
    assert texts.os_reason(OSError(errno.ENOSPC, "No space left on device")).id == "ruang disk penuh"
    # An unusual cause keeps the system's own words (better than nothing), in both languages.
    odd = texts.os_reason(OSError(errno.ELOOP, "Too many levels of symbolic links"))
    assert odd == Text("Too many levels of symbolic links", "Too many levels of symbolic links")
    assert texts.os_reason(OSError("no errno at all")).id == "no errno at all"


def test_the_command_line_says_why_an_output_folder_cannot_be_made_in_indonesian(tmp_path, monkeypatch):
    import errno

    sample = Path(__file__).parent.parent / "samples" / "pk-kecamatan-bajeng-2023.xlsx"

    def refuse(self, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(Path, "mkdir", refuse)
    result = CliRunner().invoke(app, ["check", str(sample), "--out", str(tmp_path / "baru"), "-q"])
    assert result.exit_code != 0
    assert "izin ditolak" in result.output and "Permission denied" not in result.output


def test_a_write_that_the_system_refuses_is_explained_in_indonesian(tmp_path):
    import errno

    from pk_excel.output import write_error

    err = write_error(OSError(errno.EBUSY, "Device or resource busy"), tmp_path / "x.checked.xlsx", "write")
    assert "sedang dipakai program lain" in err.message("id") and "Device" not in err.message("id")
    assert "in use by another program" in err.message("en")
