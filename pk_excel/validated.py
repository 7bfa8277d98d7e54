"""The validated copy: one writer for every format, where it goes, and never over the input.

An .xlsx/.xlsm is patched part by part (`xlsxpatch.write_patched`): every part pk-excel does not mark is
copied byte for byte, macros (`vbaProject.bin`) included. An .xls/.ods is first made a plain .xlsx
(`convert.to_xlsx`: values, merged ranges, widths, sheet names and states) in a temporary file, which the
same writer then marks; the copy is `<stem>.checked.xlsx` and one warning says what the conversion leaves
behind. What the copy says is planned in `marking` and `summary`, writer-free; where it goes in `output`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Options
from .model import FileReport, PkError
from .output import output_path, refuse_unsafe_target, save_atomic, write_error
from .texts import lang_of

if TYPE_CHECKING:  # pragma: no cover
    from .workbook import Book

__all__ = ["output_path", "write_validated"]


def write_validated(book: Book, report: FileReport, out_path: Path, options: Options) -> list[str]:
    """Write the validated copy of `book` to `out_path` atomically; return the fidelity warnings for the
    terminal (what the copy could not keep: for an .xls/.ods, what the conversion to .xlsx leaves out; none
    for an .xlsx/.xlsm). Raises PkError("write-failed" / "output-exists") when the copy cannot be written;
    the input file is never written."""
    from .xlsxpatch import write_patched

    out_path = Path(out_path)
    input_path = Path(book.path)
    refuse_unsafe_target(input_path, out_path)
    lang = lang_of(options.language)
    predikat = options.config.predikat

    def save(write):
        save_atomic(write, out_path, input_path.name)

    if book.source_format not in ("xls", "ods"):
        return write_patched(book, report, save, lang, predikat)

    from .convert import conversion_warning, to_xlsx
    from .workbook import Book as _Book
    from .xlsxread import read_xlsx

    warnings = [conversion_warning(book.source_format, lang)]
    limits = options.config.limits
    try:
        scratch_dir = tempfile.TemporaryDirectory(prefix=".pk-excel-")  # removed whatever happens
    except OSError as exc:  # no room or no right in the temporary folder: one line, as for the copy itself
        raise write_error(exc, out_path, "save") from exc
    with scratch_dir as scratch:
        tmp = Path(scratch) / "plain.xlsx"
        try:
            to_xlsx(book, tmp, limits)
            plain = _Book(tmp, "xlsx", "xlsx", read_xlsx(tmp, "xlsx", limits))
        except PkError:
            raise
        except Exception as exc:
            raise write_error(exc, out_path, "save") from exc
        write_patched(plain, report, save, lang, predikat, source=input_path, warnings=warnings)
    return warnings
