"""One workbook, end to end: guard -> open -> locate -> measure -> rules -> validated copy.

`check_file` never raises for a bad file: it returns a FileReport with status "error" and a one-line
message. Only KeyboardInterrupt goes through (the batch runner stops cleanly on it).
"""

from __future__ import annotations

import gc
import traceback
from pathlib import Path

from . import texts
from .config import Options, load_config
from .model import FileReport, PkError
from .texts import pick


def check_file(path: str | Path, options: Options | None = None) -> FileReport:
    """Check one workbook (see the module docstring). The cyclic garbage collector pauses meanwhile: the
    stages build hundreds of thousands of small acyclic objects for a large sheet (cells, values,
    indicators), and its repeated passes over them cost a fifth of locating; it resumes afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _check_file(path, options)
    finally:
        if was_enabled:
            gc.enable()


def _check_file(path: str | Path, options: Options | None) -> FileReport:
    path = Path(path)
    if options is None:
        try:
            options = Options(config=load_config(near=path))
        except PkError as e:
            return _error(path, e, "id")
    lang = options.language
    report = FileReport(path=str(path), lang=lang)
    try:
        from . import readahead
        from .workbook import open_book

        if readahead.worth_it(path, options):
            book = readahead.open_book_beside(path, options, lambda: readahead.warm_up(options.write))
        else:
            book = open_book(path, options)
        # imported after reading: beside it, in this process, when the workbook is read in another
        from . import rules
        from .locate import read_document
        from .measure import measure

        doc = read_document(book, options)
        measure(doc, options)
        report.document = doc
        report.findings = rules.run(doc, options)
        doc.frame = None  # the columns served the rules; the report and the copy read the indicators
        serious = any(f.severity in ("error", "warning") for f in report.findings)
        report.status = "findings" if serious else "ok"
        if book.source_format in ("xls", "ods") and not options.write:
            report.warnings.append(pick(texts.SAVED_AS_XLSX, lang))
        if options.write:
            from .validated import output_path, write_validated

            out_dir = Path(options.out_dir) if options.out_dir else None
            out = output_path(path, out_dir, book.source_format, options.out_stem)
            report.warnings.extend(write_validated(book, report, out, options))
            report.output = str(out)
    except PkError as e:
        return _error(path, e, lang)
    except KeyboardInterrupt:
        raise
    except MemoryError:
        return _error(
            path,
            PkError("too-large", *texts.CHECK_OUT_OF_MEMORY.format(name=path.name)),
            lang,
        )
    except Exception as e:  # noqa: BLE001 - a defect of ours or an unforeseen file: one line, the details kept for -v
        err = PkError("internal", *texts.CHECK_INTERNAL.format(name=path.name, error=f"{type(e).__name__}: {e}"))
        failed = _error(path, err, lang)
        failed.warnings.append(traceback.format_exc())
        return failed
    return report


def _error(path: Path, e: PkError, lang: str) -> FileReport:
    def named(msg: str) -> str:
        """The message names the file as the user gave it (with its folder): in a folder of OPD subfolders
        two files may share a name."""
        where = str(path)
        if where in msg:
            return msg
        if msg.startswith(f"{path.name}: "):
            return where + msg[len(path.name):]
        return f"{where}: {msg}"

    return FileReport(path=str(path), status="error", error=named(e.message(lang)), error_code=e.code, lang=lang,
                      error_other=named(e.message("id" if lang == "en" else "en")))
