"""The command line: parse options, call the library, render, exit code. Nothing heavy at import time.

Exit codes: 0 no error findings; 1 error findings (warnings too with --strict); 2 a file could not be
checked, or the command was used wrongly; 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import contextlib
import copy
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperCommand, TyperGroup

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130

# typer's own words in the help screens, said in Indonesian like the rest of the help.
_HELP_WORDS = {
    "ARGUMENTS_PANEL_TITLE": "Argumen",
    "OPTIONS_PANEL_TITLE": "Opsi",
    "COMMANDS_PANEL_TITLE": "Perintah",
    "DEFAULT_STRING": "[bawaan: {}]",
    "REQUIRED_LONG_STRING": "[wajib]",
    "ERRORS_PANEL_TITLE": "Kesalahan",
    "ABORTED_TEXT": "Dibatalkan.",
    "RICH_HELP": "Lihat [blue]'{command_path} {help_option}'[/] untuk bantuan.",
    "RANGE_STRING": "",  # "[x>=1]": the help text says it in words
}
_HELP_OPTION = "Tampilkan bantuan ini lalu keluar."
_TYPE_WORDS = {"text": "<teks>", "str": "<teks>", "string": "<teks>", "path": "<jalur>"}


# click's usage errors (English) and how they read in Indonesian, by pattern.
_USAGE_WORDS = (
    (r"^No such option: (\S+)(?: \(Possible options: (.+)\)| Did you mean (.+)\?)?$",
     lambda m: f"Opsi tidak dikenal: {m[1]}" + (f" (mungkin: {m[2] or m[3]})" if m[2] or m[3] else "")),
    (r"^No such command '(.+)'\.(?: Did you mean '(.+)'\?)?$",
     lambda m: f"Perintah tidak dikenal: '{m[1]}'." + (f" Maksud Anda '{m[2]}'?" if m[2] else "")),
    (r"^Missing argument '(.+)'\.$", lambda m: f"Argumen {m[1]} belum diisi."),
    (r"^Missing option '(.+)'\.$", lambda m: f"Opsi {m[1]} belum diisi."),
    (r"^Option '(.+)' requires an argument\.$", lambda m: f"Opsi {m[1]} memerlukan nilai."),
    (r"^Got unexpected extra arguments? \((.*)\)$", lambda m: f"Argumen tambahan tidak dikenal ({m[1]})."),
    (r"^Invalid value for (.+?): (.*)$", lambda m: f"Nilai tidak sah untuk {m[1]}: {_value_words(m[2])}"),
)


def _value_words(text: str) -> str:
    import re

    for pattern, say in (
        (r"^(.+) is not a valid (?:int|integer)(?: range)?\.$", "{0} bukan bilangan bulat yang sah."),
        (r"^(.+) is not a valid float(?: range)?\.$", "{0} bukan angka yang sah."),
        (r"^(.+) is not in the range (.+)\.$", "{0} di luar rentang {1}."),
        (r"^(.+) is not one of (.+)\.$", "{0} bukan salah satu dari {1}."),
        (r"^(.+) is not a valid boolean\.$", "{0} bukan ya/tidak yang sah."),
    ):
        m = re.match(pattern, text)
        if m:
            return say.format(*m.groups())
    return text


def _usage_in_indonesian(message: str) -> str:
    import re

    for pattern, say in _USAGE_WORDS:
        m = re.match(pattern, message)
        if m:
            return say(m)
    return message


@contextlib.contextmanager
def _usage_errors_in_indonesian(asked: set[str]):
    """Re-say a usage error raised inside in Indonesian (typer's panel words too), unless English is asked."""
    try:
        from typer._click.exceptions import UsageError  # typer carries its own click
    except ImportError:  # pragma: no cover - an older typer on the real click
        from click.exceptions import UsageError

    try:
        yield
    except UsageError as e:
        if "en" not in asked:
            _indonesian_help()
            said = _usage_in_indonesian(e.format_message())
            e.format_message = lambda said=said: said  # type: ignore[method-assign]
        raise


def _lang_asked(args: list[str]) -> set[str]:
    """The language(s) a command line asks for with --lang (to leave English usage errors in English)."""
    out = set()
    for i, a in enumerate(args):
        if a == "--lang" and i + 1 < len(args):
            out.add(args[i + 1])
        elif a.startswith("--lang="):
            out.add(a.split("=", 1)[1])
    return out


def _indonesian_help() -> None:
    """Set typer's help words (module globals it reads while it renders) to Indonesian; only when a help
    screen or a usage error is shown, so that a normal run does not import rich."""
    from typer import rich_utils

    for name, text in _HELP_WORDS.items():
        setattr(rich_utils, name, text)


class _HelpInIndonesian:
    """Mixed into typer's command and group classes: the help option, "Usage:" and the panels in Indonesian."""

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = _HELP_OPTION
        return option

    def get_usage(self, ctx) -> str:
        import re

        usage = super().get_usage(ctx)  # type: ignore[misc]
        for english, indonesian in (
            ("Usage: ", "Pemakaian: "), ("[OPTIONS]", "[OPSI]"), ("COMMAND [ARGS]...", "PERINTAH [ARGUMEN]..."),
        ):  # fmt: skip
            usage = usage.replace(english, indonesian, 1)
        return re.sub(r"\{([A-Z.\[\]]+)\}", r"\1", usage)  # typer writes a list argument as {BERKAS...}

    def parse_args(self, ctx, args):
        """A usage error (an unknown option, a value that is not a number) is said in Indonesian too, unless
        the command line asks for English."""
        asked = _lang_asked(list(args))  # before parsing: click consumes the list it is given
        with _usage_errors_in_indonesian(asked):
            return super().parse_args(ctx, args)  # type: ignore[misc]

    def resolve_command(self, ctx, args):
        """For the group: "No such command 'chek'" said in Indonesian too."""
        with _usage_errors_in_indonesian(_lang_asked(sys.argv[1:])):
            return super().resolve_command(ctx, args)  # type: ignore[misc]

    def format_help(self, ctx, formatter) -> None:
        _indonesian_help()
        for param in getattr(self, "params", []):
            # An argument's type is shown by its English name (<text>, <path>): say it in Indonesian.
            word = _TYPE_WORDS.get(getattr(param.type, "name", ""))
            if param.param_type_name == "argument" and word is not None:
                param.type = copy.copy(param.type)
                param.type.get_metavar = lambda *args, word=word, **kwargs: word
        super().format_help(ctx, formatter)  # type: ignore[misc]


class _Command(_HelpInIndonesian, TyperCommand):
    pass


class _Group(_HelpInIndonesian, TyperGroup):
    pass


app = typer.Typer(
    cls=_Group,
    name="pk-excel",
    help="Memeriksa tabel pengukuran Perjanjian Kinerja (PK) dalam berkas Excel dan menulis salinan tervalidasi.\n\n"
    "Pesan dan isi salinan dalam bahasa Inggris: --lang en.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Lang(str, Enum):
    id = "id"
    en = "en"


class Format(str, Enum):
    text = "text"
    json = "json"


LangOpt = Annotated[Lang | None, typer.Option("--lang", help="Bahasa pesan dan isi salinan: id (bawaan) atau en.")]
ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", metavar="BERKAS", help="Berkas konfigurasi pk-excel.toml (bawaan: di samping berkas)."),
]
JobsOpt = Annotated[
    int | None,
    typer.Option("--jobs", "-j", min=1, metavar="N", help="Jumlah proses paralel untuk folder, minimal 1 (bawaan: jumlah inti CPU)."),
]
RecursiveOpt = Annotated[bool, typer.Option("--recursive", "-r", help="Periksa juga subfolder.")]


def _show_version(value: bool) -> None:
    if value:
        from . import __version__

        sys.stdout.write(f"pk-excel {__version__}\n")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Tampilkan versi pk-excel lalu keluar."),
    ] = False,
) -> None:
    """Memeriksa tabel pengukuran Perjanjian Kinerja (PK) dalam berkas Excel dan menulis salinan tervalidasi.

    Pesan dan isi salinan dalam bahasa Inggris: --lang en.
    """


def _say(msg: str) -> None:
    """A message for the user: stderr, one line."""
    sys.stderr.write(msg.rstrip("\n") + "\n")


def _options(
    paths: list[str],
    *,
    lang: Lang | None,
    config: Path | None,
    write: bool,
    out: Path | None,
    strict: bool = False,
    cap: float | None = None,
    tolerance: float | None = None,
    max_unpacked_mb: int | None = None,
    max_ratio: float | None = None,
):
    from dataclasses import replace

    from .config import Options, load_config

    near = paths[0] if paths and not any(ch in paths[0] for ch in "*?[") else None
    cfg = load_config(config, near=near)
    if cap is not None:
        cfg = replace(cfg, cap=cap)
    if tolerance is not None:
        cfg = replace(cfg, tolerance=tolerance)
    limits = cfg.limits
    if max_unpacked_mb is not None:
        limits = replace(limits, max_unpacked_bytes=max_unpacked_mb * 1024 * 1024)
    if max_ratio is not None:
        limits = replace(limits, max_member_ratio=max_ratio)
    cfg = replace(cfg, limits=limits)
    return Options(
        config=cfg,
        write=write,
        out_dir=str(out) if out else None,
        strict=strict,
        lang=lang.value if lang else None,
    )


@app.command(cls=_Command)
def check(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="BERKAS...", help="Berkas .xlsx/.xlsm/.xls/.ods, folder, atau pola (*.xlsx).", show_default=False),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", metavar="FOLDER",
            help="Folder untuk salinan tervalidasi; subfolder masukan ikut dipertahankan (bawaan: di samping berkas asli).",
        ),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="text atau json (satu dokumen JSON ke stdout).")] = Format.text,
    lang: LangOpt = None,
    config: ConfigOpt = None,
    strict: Annotated[bool, typer.Option("--strict", help="Peringatan juga membuat kode keluar 1.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Hanya ringkasan per berkas.")] = False,
    no_write: Annotated[bool, typer.Option("--no-write", help="Jangan menulis salinan tervalidasi.")] = False,
    jobs: JobsOpt = None,
    recursive: RecursiveOpt = False,
    rekap: Annotated[
        Path | None, typer.Option("--rekap", metavar="BERKAS", help="Tulis juga rekap gabungan (.xlsx).")
    ] = None,
    cap: Annotated[
        float | None, typer.Option("--cap", metavar="N", min=1, help="Batas atas capaian hitung dalam persen, mis. 120.")
    ] = None,
    tolerance: Annotated[
        float | None,
        typer.Option("--tolerance", metavar="P", min=0, help="Toleransi tambahan (poin persen) saat membandingkan capaian."),
    ] = None,
    max_unpacked_mb: Annotated[
        int | None,
        typer.Option("--max-unpacked-mb", metavar="MB", min=1, help="Batas ukuran isi berkas setelah dibuka (MB, bawaan 1024)."),
    ] = None,
    max_ratio: Annotated[
        float | None, typer.Option("--max-ratio", metavar="R", min=1, help="Batas rasio kompresi satu bagian (bawaan 200).")
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Tampilkan rincian kesalahan internal.")] = False,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Kode keluar 0 walau ada temuan (berkas rusak tetap 2).")
    ] = False,
) -> None:
    """Periksa berkas atau folder PK dan tulis salinan tervalidasi (FILE.checked.xlsx)."""
    from .model import PkError

    try:
        options = _options(
            paths,
            lang=lang,
            config=config,
            write=not no_write,
            out=out,
            strict=strict,
            cap=cap,
            tolerance=tolerance,
            max_unpacked_mb=max_unpacked_mb,
            max_ratio=max_ratio,
        )
    except PkError as e:
        _say(e.message(lang.value if lang else "id"))
        raise typer.Exit(EXIT_ERROR) from None
    language = options.language
    if out is not None and not no_write:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError):
            _say(
                f"{out}: bukan folder; pilih folder lain dengan --out."
                if language != "en"
                else f"{out}: not a folder; choose another folder with --out."
            )
            raise typer.Exit(EXIT_ERROR) from None
        except OSError as e:
            _say(
                f"{out}: folder keluaran tidak dapat dibuat ({e.strerror}); pilih folder lain dengan --out."
                if language != "en"
                else f"{out}: the output folder cannot be created ({e.strerror}); choose another folder with --out."
            )
            raise typer.Exit(EXIT_ERROR) from None
    from .batch import check_paths, make_progress

    progress = None if quiet or fmt == Format.json else make_progress(sys.stderr, language)
    try:
        report = check_paths(paths, options, jobs=jobs, recursive=recursive, progress=progress)
    except KeyboardInterrupt:
        _say("Dihentikan. Salinan yang sudah selesai tetap tersimpan." if language != "en" else "Interrupted. Finished copies are kept.")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    if not report.files:
        _nothing_to_check(report, paths, fmt, language)
    from .batch import LineProgress

    for fr in report.files:
        if fr.status == "error":
            if not isinstance(progress, LineProgress):  # the progress lines already named it
                _say(fr.error or fr.path)
            if verbose:
                for w in fr.warnings:
                    if w.startswith("Traceback"):
                        _say(w)
    if rekap is not None:
        from .rekap import write_rekap

        try:
            path = write_rekap(report, rekap, language)
            _say(("Rekap: " if language != "en" else "Summary workbook: ") + str(path))
        except PkError as e:
            _say(e.message(language))
            raise typer.Exit(EXIT_ERROR) from None
    if fmt == Format.json:
        from .report import dump_json

        dump_json(report, sys.stdout, language)
    else:
        from .report import render_terminal

        render_terminal(report, language, quiet=quiet)
    code = report.exit_code(strict)
    raise typer.Exit(0 if exit_zero and code == EXIT_FINDINGS else code)


def _nothing_to_check(report, paths, fmt, language: str) -> None:
    """No workbook among `paths`: one line, a JSON document that says why when JSON was asked, exit 2."""
    where = ", ".join(str(p) for p in paths)
    message = (
        f"{where}: tidak ada berkas .xlsx, .xlsm, .xls, atau .ods di sini; sebutkan berkas buku kerja atau "
        "folder yang berisinya."
        if language != "en"
        else f"{where}: no .xlsx, .xlsm, .xls or .ods files here; name a workbook file or a folder that holds "
        "workbooks."
    )
    _say(message)
    if fmt == Format.json:  # a script still gets one JSON document, saying why it is empty
        import json

        from .report import to_json

        doc = {**to_json(report, language), "error": message, "error_code": "no-workbooks"}
        json.dump(doc, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    raise typer.Exit(EXIT_ERROR)


@app.command("rules", cls=_Command)
def rules_cmd(
    lang: LangOpt = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="text (bawaan) atau json (ke stdout).")] = Format.text,
    config: Annotated[
        Path | None,
        typer.Option("--config", metavar="BERKAS", help="Berkas konfigurasi pk-excel.toml (bawaan: yang ada di folder ini)."),
    ] = None,
) -> None:
    """Daftar aturan pemeriksaan: ID, tingkat yang berlaku (bagian aturan di pk-excel.toml), yang diperiksa."""
    from .config import load_config
    from .model import PkError
    from .report import SEVERITY_WORD
    from .rules.registry import all_rules

    try:
        cfg = load_config(config, near=Path.cwd())
    except PkError as e:
        _say(e.message(lang.value if lang else "id"))
        raise typer.Exit(EXIT_ERROR) from None
    language = lang.value if lang else cfg.lang
    en = language == "en"
    words = {**SEVERITY_WORD["en" if en else "id"], "off": "off" if en else "mati"}
    rows = [(m.ID, m.SEVERITY, cfg.rule_level(m.ID, m.SEVERITY), m.SUMMARY_EN if en else m.SUMMARY) for m in all_rules()]
    if fmt == Format.json:
        import json

        json.dump(
            [{"id": i, "severity": d, "level": lv, "summary": t} for i, d, lv, t in rows],
            sys.stdout, ensure_ascii=False, indent=2,
        )  # fmt: skip
        sys.stdout.write("\n")
        return
    width = max(len(i) for i, *_ in rows)
    level_width = max(len(w) for w in words.values())
    usual = "usually" if en else "bawaan"
    for rule_id, default, level, summary in rows:
        changed = f" ({usual}: {words[default]})" if level != default else ""
        sys.stdout.write(f"{rule_id:<{width}}  {words[level]:<{level_width}}  {summary}{changed}\n")


@app.command(cls=_Command)
def template(
    out: Annotated[
        Path | None, typer.Argument(metavar="[BERKAS]", help="Berkas keluaran (bawaan: pk-template-TAHUN.xlsx).")
    ] = None,
    tahun: Annotated[int | None, typer.Option("--tahun", metavar="TAHUN", help="Tahun kinerja (bawaan: tahun ini).")] = None,
    unit: Annotated[
        str, typer.Option("--unit", metavar="NAMA", help='Nama unit, mis. "Kecamatan Bajeng" (bawaan: NAMA UNIT KERJA).', show_default=False)
    ] = "NAMA UNIT KERJA",
    lang: LangOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Ganti berkas yang sudah ada.")] = False,
) -> None:
    """Tulis templat kosong tabel pengukuran PK; berkas yang sudah ada tidak ditimpa (kecuali --force)."""
    import datetime

    from .model import PkError
    from .template import write_template

    year = tahun or datetime.date.today().year
    target = out or Path(f"pk-template-{year}.xlsx")
    language = lang.value if lang else "id"
    if target.suffix.lower() != ".xlsx":
        # the template is an .xlsx workbook: another extension would make Excel refuse to open it
        _say(
            f"{target}: nama templat harus berakhiran .xlsx (mis. {target.with_suffix('.xlsx').name})."
            if language != "en"
            else f"{target}: the template's name must end in .xlsx (e.g. {target.with_suffix('.xlsx').name})."
        )
        raise typer.Exit(EXIT_ERROR)
    try:
        path = write_template(target, year, unit, lang=language, force=force)
    except PkError as e:
        _say(e.message(language))
        raise typer.Exit(EXIT_ERROR) from None
    except OSError as e:
        _say(
            f"{target}: templat tidak dapat ditulis ({e.strerror or e})."
            if language != "en"
            else f"{target}: the template cannot be written ({e.strerror or e})."
        )
        raise typer.Exit(EXIT_ERROR) from None
    _say(("Templat ditulis: " if lang != Lang.en else "Template written: ") + str(path))


@app.command("rekap", cls=_Command)
def rekap_cmd(
    paths: Annotated[
        list[str], typer.Argument(metavar="BERKAS...", help="Folder, berkas, atau pola (*.xlsx) yang direkap.")
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", metavar="BERKAS", help="Berkas rekap .xlsx (bawaan: rekap.xlsx).", show_default=False)
    ] = Path("rekap.xlsx"),
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="text (tulis berkas .xlsx) atau json (ke stdout).")
    ] = Format.text,
    lang: LangOpt = None,
    config: ConfigOpt = None,
    jobs: JobsOpt = None,
    recursive: RecursiveOpt = False,
) -> None:
    """Rekap gabungan sebuah folder: satu baris per berkas, semua indikator, semua temuan."""
    from .model import PkError

    try:
        options = _options(paths, lang=lang, config=config, write=False, out=None)
    except PkError as e:
        _say(e.message(lang.value if lang else "id"))
        raise typer.Exit(EXIT_ERROR) from None
    language = options.language
    from .batch import check_paths, make_progress

    try:
        report = check_paths(
            paths, options, jobs=jobs, recursive=recursive,
            progress=None if fmt == Format.json else make_progress(sys.stderr, language),
        )
    except KeyboardInterrupt:
        raise typer.Exit(EXIT_INTERRUPTED) from None
    if not report.files:
        _nothing_to_check(report, paths, fmt, language)
    for fr in report.files:
        if fr.status == "error":
            _say(fr.error or fr.path)
    if fmt == Format.json:
        import json

        from .rekap import rekap_json

        json.dump(rekap_json(report, language), sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        from .rekap import write_rekap

        try:
            path = write_rekap(report, out, language)
        except PkError as e:
            _say(e.message(language))
            raise typer.Exit(EXIT_ERROR) from None
        _say(("Rekap ditulis: " if language != "en" else "Summary workbook written: ") + str(path))
    raise typer.Exit(report.exit_code())


@app.command(cls=_Command)
def watch(
    inbox: Annotated[Path, typer.Argument(metavar="FOLDER", help="Folder yang dipantau.")],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="FOLDER", help="Folder untuk salinan tervalidasi (bawaan: folder yang dipantau)."),
    ] = None,
    lang: LangOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Pantau folder: setiap berkas yang masuk diperiksa sekali setelah lengkap. Ctrl-C untuk berhenti."""
    import threading

    from .model import PkError

    if not inbox.is_dir():
        _say(f"{inbox}: folder tidak ditemukan." if lang != Lang.en else f"{inbox}: folder not found.")
        raise typer.Exit(EXIT_ERROR)
    try:
        options = _options([str(inbox)], lang=lang, config=config, write=True, out=out)
    except PkError as e:
        _say(e.message(lang.value if lang else "id"))
        raise typer.Exit(EXIT_ERROR) from None
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    from .batch import watch as run_watch

    stop = threading.Event()
    _say(
        f"Memantau {inbox} (Ctrl-C untuk berhenti)..." if options.language != "en" else f"Watching {inbox} (Ctrl-C to stop)..."
    )
    try:
        run_watch(inbox, options, stop=stop, log=_say)
    except KeyboardInterrupt:
        stop.set()
        _say("Berhenti." if options.language != "en" else "Stopped.")
        raise typer.Exit(EXIT_INTERRUPTED) from None


@app.command(cls=_Command)
def serve(
    host: Annotated[
        str, typer.Option("--host", metavar="ALAMAT", help="Alamat yang didengar (bawaan 127.0.0.1: hanya komputer ini).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, metavar="PORT", help="Port (bawaan 0: port bebas).")] = 0,
    no_browser: Annotated[bool, typer.Option("--no-browser", help="Jangan membuka peramban.")] = False,
    lang: LangOpt = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, metavar="N", help="Jumlah proses (bawaan: inti CPU).")] = None,
    max_upload_mb: Annotated[
        int, typer.Option("--max-upload-mb", min=1, metavar="MB", help="Batas ukuran sekali unggah (MB, bawaan 200).")
    ] = 200,
) -> None:
    """Buka halaman web pk-excel di peramban: unggah berkas, lihat temuan, unduh salinan tervalidasi."""
    from . import web

    language = lang.value if lang else "id"
    needed = web.missing()
    if needed:
        _say(
            f"Halaman web memerlukan paket tambahan ({', '.join(needed)}); pasang dengan: pip install \"pk-excel[web]\""
            if language != "en"
            else f"The web page needs extra packages ({', '.join(needed)}); install them with: pip install \"pk-excel[web]\""
        )
        raise typer.Exit(EXIT_ERROR)
    try:
        web.serve(host, port, open_browser=not no_browser, jobs=jobs, max_upload_mb=max_upload_mb, lang=language,
                  log=_say)
    except OSError as e:
        _say(
            f"{host}:{port}: halaman web tidak dapat dibuka ({e.strerror or e}); pilih port lain dengan --port."
            if language != "en"
            else f"{host}:{port}: the web page cannot be started ({e.strerror or e}); choose another port with --port."
        )
        raise typer.Exit(EXIT_ERROR) from None
    except KeyboardInterrupt:
        raise typer.Exit(EXIT_INTERRUPTED) from None


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        _say("Dihentikan.")
        sys.exit(EXIT_INTERRUPTED)


def run() -> None:
    """The `pk-excel` program: `main()`, then exit without tearing the interpreter down.

    Every output is written (atomically) and every pool is shut down by the time `main()` returns; what
    is left is freeing pandas' thousands of objects one by one, about a tenth of a second of a cold check.
    So flush the streams and leave with the exit code. `main()` itself raises SystemExit as usual, for
    callers in the same process.
    """
    code: int = 0
    try:
        main()
    except SystemExit as e:
        if isinstance(e.code, int):
            code = e.code
        elif e.code is not None:
            _say(str(e.code))
            code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe (`| head`): nothing more can be said
        pass
    os._exit(code)


if __name__ == "__main__":
    run()
