"""The command line: parse options, call the library, render, exit code. Nothing heavy at import time.

Exit codes: 0 no error findings; 1 error findings (warnings too with --strict); 2 a file could not be
checked, or the command was used wrongly; 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130

app = typer.Typer(
    name="pk-excel",
    help="Memeriksa tabel pengukuran Perjanjian Kinerja (PK) dalam berkas Excel dan menulis salinan tervalidasi.\n\n"
    "Checks Indonesian Perjanjian Kinerja measurement workbooks and writes a validated copy.",
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


LangOpt = Annotated[Optional[Lang], typer.Option("--lang", help="Bahasa pesan: id (bawaan) atau en.")]
ConfigOpt = Annotated[
    Optional[Path], typer.Option("--config", help="Berkas konfigurasi pk-excel.toml (bawaan: di samping berkas).")
]


def _say(msg: str) -> None:
    """A message for the user: stderr, one line."""
    sys.stderr.write(msg.rstrip("\n") + "\n")


def _options(
    paths: list[str],
    *,
    lang: Optional[Lang],
    config: Optional[Path],
    write: bool,
    out: Optional[Path],
    strict: bool = False,
    cap: Optional[float] = None,
    tolerance: Optional[float] = None,
    max_unpacked_mb: Optional[int] = None,
    max_ratio: Optional[float] = None,
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


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Berkas .xlsx/.xlsm/.xls/.ods, folder, atau pola (*.xlsx).")],
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Folder untuk salinan tervalidasi.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="text (bawaan) atau json (ke stdout).")] = Format.text,
    lang: LangOpt = None,
    config: ConfigOpt = None,
    strict: Annotated[bool, typer.Option("--strict", help="Peringatan juga membuat kode keluar 1.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Hanya ringkasan per berkas.")] = False,
    no_write: Annotated[bool, typer.Option("--no-write", help="Jangan menulis salinan tervalidasi.")] = False,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Jumlah proses (bawaan: inti CPU).")] = None,
    recursive: Annotated[bool, typer.Option("--recursive", "-r", help="Termasuk subfolder.")] = False,
    rekap: Annotated[Optional[Path], typer.Option("--rekap", help="Tulis rekap gabungan (.xlsx).")] = None,
    cap: Annotated[Optional[float], typer.Option("--cap", help="Batas atas capaian hitung, mis. 120.")] = None,
    tolerance: Annotated[Optional[float], typer.Option("--tolerance", help="Toleransi (poin persen).")] = None,
    max_unpacked_mb: Annotated[
        Optional[int], typer.Option("--max-unpacked-mb", help="Batas ukuran isi berkas setelah dibuka (MB).")
    ] = None,
    max_ratio: Annotated[Optional[float], typer.Option("--max-ratio", help="Batas rasio kompresi.")] = None,
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
        where = ", ".join(paths)
        _say(
            f"{where}: tidak ada berkas .xlsx, .xlsm, .xls, atau .ods di sini; sebutkan berkas buku kerja atau "
            "folder yang berisinya."
            if language != "en"
            else f"{where}: no .xlsx, .xlsm, .xls or .ods files here; name a workbook file or a folder that holds "
            "workbooks."
        )
        raise typer.Exit(EXIT_ERROR)
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


@app.command("rules")
def rules_cmd(
    lang: LangOpt = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="text atau json.")] = Format.text,
) -> None:
    """Daftar aturan pemeriksaan (ID, tingkat, yang diperiksa)."""
    from .rules.registry import all_rules

    en = lang == Lang.en
    rows = [(m.ID, m.SEVERITY, m.SUMMARY_EN if en else m.SUMMARY) for m in all_rules()]
    if fmt == Format.json:
        import json

        json.dump([{"id": i, "severity": s, "summary": t} for i, s, t in rows], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    width = max(len(i) for i, _, _ in rows)
    for rule_id, severity, summary in rows:
        sys.stdout.write(f"{rule_id:<{width}}  {severity:<7}  {summary}\n")


@app.command()
def template(
    out: Annotated[Optional[Path], typer.Argument(help="Berkas keluaran (bawaan: pk-template-TAHUN.xlsx).")] = None,
    tahun: Annotated[Optional[int], typer.Option("--tahun", help="Tahun kinerja (bawaan: tahun ini).")] = None,
    unit: Annotated[str, typer.Option("--unit", help='Nama unit, mis. "Kecamatan Bajeng".')] = "NAMA UNIT KERJA",
    lang: LangOpt = None,
) -> None:
    """Tulis templat kosong tabel pengukuran PK (xlsxwriter)."""
    import datetime

    from .model import PkError
    from .template import write_template

    year = tahun or datetime.date.today().year
    target = out or Path(f"pk-template-{year}.xlsx")
    language = lang.value if lang else "id"
    try:
        path = write_template(target, year, unit, lang=language)
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


@app.command("rekap")
def rekap_cmd(
    paths: Annotated[list[str], typer.Argument(help="Folder atau berkas yang direkap.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Berkas rekap .xlsx.")] = Path("rekap.xlsx"),
    fmt: Annotated[Format, typer.Option("--format", "-f", help="text (tulis .xlsx) atau json (stdout).")] = Format.text,
    lang: LangOpt = None,
    config: ConfigOpt = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1)] = None,
    recursive: Annotated[bool, typer.Option("--recursive", "-r")] = False,
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


@app.command()
def watch(
    inbox: Annotated[Path, typer.Argument(help="Folder yang dipantau.")],
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Folder untuk salinan tervalidasi.")] = None,
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


@app.command()
def serve(
    host: Annotated[
        str, typer.Option("--host", help="Alamat yang didengar (bawaan 127.0.0.1: hanya komputer ini).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port (bawaan 0: port bebas).")] = 0,
    no_browser: Annotated[bool, typer.Option("--no-browser", help="Jangan membuka peramban.")] = False,
    lang: LangOpt = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Jumlah proses (bawaan: inti CPU).")] = None,
    max_upload_mb: Annotated[
        int, typer.Option("--max-upload-mb", min=1, help="Batas ukuran sekali unggah (MB, bawaan 200).")
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
