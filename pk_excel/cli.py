"""The command line: parse options, call the library, render, exit code. Nothing heavy at import time.

Exit codes: 0 no error findings; 1 error findings (warnings too with --strict); 2 a file could not be
checked, or the command was used wrongly; 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from .clihelp import Command, Group, lang_asked
from .texts import (
    FOLDER_NOT_FOUND,
    INTERRUPTED,
    INTERRUPTED_KEPT,
    NO_WORKBOOKS,
    ONLY_OWN_OUTPUTS,
    OUT_CANNOT_BE_MADE,
    OUT_NOT_A_FOLDER,
    REKAP_ALSO_WRITTEN,
    REKAP_WRITTEN,
    RULE_USUALLY,
    STOPPED,
    TEMPLATE_NOT_WRITTEN,
    TEMPLATE_NOT_XLSX,
    TEMPLATE_WRITTEN,
    WATCHING,
    WEB_CANNOT_START,
    WEB_MISSING,
    Text,
    os_reason,
    pick,
)

if TYPE_CHECKING:
    from .config import Options
    from .model import PkError, Report

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130

app = typer.Typer(
    cls=Group,
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


def _tell(text: Text, lang: str | None, **fields: object) -> None:
    """`text` for the user in `lang`: stderr, one line."""
    _say(pick(text, lang, **fields))


def _fail(error: PkError, lang: str | None) -> NoReturn:
    """A file or a configuration pk-excel cannot use: its one line, exit 2."""
    _say(error.message(lang or "id"))
    raise typer.Exit(EXIT_ERROR) from None


def _options(
    paths: Sequence[str],
    lang: Lang | None,
    config: Path | None,
    *,
    write: bool,
    out: Path | None = None,
    strict: bool = False,
    cap: float | None = None,
    tolerance: float | None = None,
    max_unpacked_mb: int | None = None,
    max_ratio: float | None = None,
) -> Options:
    """The run's Options (`config.make_options`); a configuration that cannot be read: one line, exit 2."""
    from .config import make_options
    from .model import PkError

    try:
        return make_options(
            config, near=paths[0] if paths else None, lang=lang.value if lang else None, write=write, out_dir=out,
            strict=strict, cap=cap, tolerance=tolerance, max_unpacked_mb=max_unpacked_mb, max_ratio=max_ratio,
        )  # fmt: skip
    except PkError as e:
        _fail(e, lang.value if lang else None)


@app.command(cls=Command)
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

    options = _options(
        paths, lang, config, write=not no_write, out=out, strict=strict, cap=cap, tolerance=tolerance,
        max_unpacked_mb=max_unpacked_mb, max_ratio=max_ratio,
    )  # fmt: skip
    language = options.language
    if out is not None and not no_write:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError):
            _tell(OUT_NOT_A_FOLDER, language, out=out)
            raise typer.Exit(EXIT_ERROR) from None
        except OSError as e:
            _tell(OUT_CANNOT_BE_MADE, language, out=out, reason=os_reason(e))
            raise typer.Exit(EXIT_ERROR) from None
    from .batch import check_paths
    from .progress import LineProgress, make_progress

    if _leaving and len(paths) == 1 and os.path.isfile(paths[0]):
        import gc

        # One workbook, then the program ends (`run`): the garbage collector, paused during the check, would
        # go once through everything the check built when it resumes (~60 ms on 20,000 rows), for nothing.
        gc.disable()
    progress = None if quiet or fmt == Format.json else make_progress(sys.stderr, language)
    try:
        report = check_paths(paths, options, jobs=jobs, recursive=recursive, progress=progress)
    except KeyboardInterrupt:
        _tell(INTERRUPTED_KEPT, language)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    if not report.files:
        _nothing_to_check(report, paths, fmt, language, recursive)
    for fr in report.files:
        if fr.status == "error":
            if not isinstance(progress, LineProgress):  # the progress lines already named it
                _say(fr.error or fr.path)
            if verbose:
                for w in fr.warnings:
                    if w.startswith("Traceback"):
                        _say(w)
    try:
        if rekap is not None:
            from .rekap import write_rekap

            try:
                _tell(REKAP_ALSO_WRITTEN, language, path=write_rekap(report, rekap, language))
            except PkError as e:
                _fail(e, language)
        if fmt == Format.json:
            from .report import dump_json

            dump_json(report, sys.stdout, language)
        else:
            from .report import render_terminal

            render_terminal(report, language, quiet=quiet)
    except KeyboardInterrupt:  # the copies are written; the report on the screen was cut short
        _tell(INTERRUPTED_KEPT, language)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    code = report.exit_code(strict)
    raise typer.Exit(0 if exit_zero and code == EXIT_FINDINGS else code)


def _nothing_to_check(report: Report, paths: Sequence[str], fmt: Format, language: str,
                      recursive: bool = False) -> NoReturn:  # fmt: skip
    """No workbook among `paths`: one line, a JSON document that says why when JSON was asked, exit 2. When
    the folders hold only pk-excel's own untouched outputs, the line says so."""
    from .collect import own_outputs

    where = ", ".join(str(p) for p in paths)
    own = own_outputs(paths, recursive)
    message = pick(ONLY_OWN_OUTPUTS if own else NO_WORKBOOKS, language, where=where, n=own)
    _say(message)
    if fmt == Format.json:  # a script still gets one JSON document, saying why it is empty
        from .report import to_json, write_json

        write_json({**to_json(report, language), "error": message, "error_code": "no-workbooks"}, sys.stdout)
    raise typer.Exit(EXIT_ERROR)


@app.command("rules", cls=Command)
def rules_cmd(
    lang: LangOpt = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="text (bawaan) atau json (ke stdout).")] = Format.text,
    config: Annotated[
        Path | None,
        typer.Option("--config", metavar="BERKAS", help="Berkas konfigurasi pk-excel.toml (bawaan: yang ada di folder ini)."),
    ] = None,
) -> None:
    """Daftar aturan pemeriksaan: ID, tingkat yang berlaku (bagian aturan di pk-excel.toml), yang diperiksa."""
    from .rules.registry import all_rules
    from .severity import LEVELS, level_word

    options = _options([str(Path.cwd())], lang, config, write=False)
    cfg, language = options.config, options.language
    en = language == "en"
    words = {level: level_word(level, language) for level in LEVELS}
    rows = [(m.ID, m.SEVERITY, cfg.rule_level(m.ID, m.SEVERITY), m.SUMMARY_EN if en else m.SUMMARY) for m in all_rules()]
    if fmt == Format.json:
        from .report import write_json

        write_json([{"id": i, "severity": d, "level": lv, "summary": t} for i, d, lv, t in rows], sys.stdout)
        return
    width = max(len(i) for i, *_ in rows)
    level_width = max(len(w) for w in words.values())
    usual = pick(RULE_USUALLY, language)
    for rule_id, default, level, summary in rows:
        changed = f" ({usual}: {words[default]})" if level != default else ""
        sys.stdout.write(f"{rule_id:<{width}}  {words[level]:<{level_width}}  {summary}{changed}\n")


@app.command(cls=Command)
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
        _tell(TEMPLATE_NOT_XLSX, language, target=target, example=target.with_suffix(".xlsx").name)
        raise typer.Exit(EXIT_ERROR)
    try:
        path = write_template(target, year, unit, lang=language, force=force)
    except PkError as e:
        _fail(e, language)
    except OSError as e:
        _tell(TEMPLATE_NOT_WRITTEN, language, target=target, reason=os_reason(e))
        raise typer.Exit(EXIT_ERROR) from None
    _tell(TEMPLATE_WRITTEN, language, path=path)


@app.command("rekap", cls=Command)
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

    options = _options(paths, lang, config, write=False)
    language = options.language
    from .batch import check_paths
    from .progress import make_progress

    try:
        report = check_paths(
            paths, options, jobs=jobs, recursive=recursive,
            progress=None if fmt == Format.json else make_progress(sys.stderr, language),
        )
    except KeyboardInterrupt:
        raise typer.Exit(EXIT_INTERRUPTED) from None
    if not report.files:
        _nothing_to_check(report, paths, fmt, language, recursive)
    for fr in report.files:
        if fr.status == "error":
            _say(fr.error or fr.path)
    if fmt == Format.json:
        from .rekap import rekap_json
        from .report import write_json

        write_json(rekap_json(report, language), sys.stdout, default=str)
    else:
        from .rekap import write_rekap

        try:
            path = write_rekap(report, out, language)
        except PkError as e:
            _fail(e, language)
        _tell(REKAP_WRITTEN, language, path=path)
    raise typer.Exit(report.exit_code())


@app.command(cls=Command)
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

    if not inbox.is_dir():
        _tell(FOLDER_NOT_FOUND, lang.value if lang else None, folder=inbox)
        raise typer.Exit(EXIT_ERROR)
    options = _options([str(inbox)], lang, config, write=True, out=out)
    if out is not None:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError):
            _tell(OUT_NOT_A_FOLDER, options.language, out=out)
            raise typer.Exit(EXIT_ERROR) from None
        except OSError as e:
            _tell(OUT_CANNOT_BE_MADE, options.language, out=out, reason=os_reason(e))
            raise typer.Exit(EXIT_ERROR) from None
    from .watcher import watch as run_watch

    stop = threading.Event()
    _tell(WATCHING, options.language, folder=inbox)
    try:
        run_watch(inbox, options, stop=stop, log=_say)
    except KeyboardInterrupt:
        stop.set()
        _tell(STOPPED, options.language)
        raise typer.Exit(EXIT_INTERRUPTED) from None


@app.command(cls=Command)
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
    config: Annotated[
        Path | None,
        typer.Option("--config", metavar="BERKAS", help="Berkas konfigurasi pk-excel.toml (bawaan: yang ada di folder ini)."),
    ] = None,
) -> None:
    """Buka halaman web pk-excel di peramban: unggah berkas, lihat temuan, unduh salinan tervalidasi."""
    from . import web

    needed = web.missing()
    if needed:
        _tell(WEB_MISSING, lang.value if lang else None, names=", ".join(needed))
        raise typer.Exit(EXIT_ERROR)
    options = _options([str(Path.cwd())], lang, config, write=True)
    language = options.language
    try:
        web.serve(host, port, options=options, open_browser=not no_browser, jobs=jobs, max_upload_mb=max_upload_mb,
                  log=_say)
    except OSError as e:
        _tell(WEB_CANNOT_START, language, where=f"{host}:{port}", reason=os_reason(e))
        raise typer.Exit(EXIT_ERROR) from None
    except KeyboardInterrupt:
        raise typer.Exit(EXIT_INTERRUPTED) from None


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        _tell(INTERRUPTED, "en" if "en" in lang_asked(sys.argv[1:]) else "id")
        sys.exit(EXIT_INTERRUPTED)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


_leaving = False  # True in the `pk-excel` program (`run`), which ends with its command: nothing outlives it


def run() -> None:
    """The `pk-excel` program: `main()`, then exit without tearing the interpreter down.

    Every output is written (atomically) and every pool is shut down by the time `main()` returns; what
    is left is freeing pandas' thousands of objects one by one, about a tenth of a second of a cold check.
    So flush the streams and leave with the exit code. `main()` itself raises SystemExit as usual, for
    callers in the same process.
    """
    global _leaving
    _leaving = True
    import signal

    # A supervisor's or `kill`'s stop ends the run as Ctrl-C does: temporary files removed, finished outputs
    # kept, a read-ahead child and a pool's workers stopped, exit code 130.
    signal.signal(signal.SIGTERM, _interrupt)
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
