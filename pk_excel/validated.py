"""The validated copy: which writer writes it, where, and never over the input.

An .xlsx/.xlsm read by the streaming reader is patched in place of its own parts (`xlsxpatch`); anything else
(.xls/.ods converted to .xlsx, an .xlsx carrying macros) goes through openpyxl (`annotate.write_openpyxl_copy`).
What the copy says (notes, added columns, Temuan, Ringkasan) is planned in `annotate`, writer-free; this module
is the only one that knows both writers, so neither imports the other.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .annotate import output_path, patchable, refuse_unsafe_target, save_atomic, write_openpyxl_copy
from .config import Options
from .model import FileReport

__all__ = ["output_path", "write_validated"]


def write_validated(book: Any, report: FileReport, out_path: Path, options: Options) -> list[str]:
    """Write the validated copy of `book` (a `workbook.Book`) to `out_path` atomically; return the fidelity
    warnings for the terminal (what the copy could not keep). Raises PkError("write-failed" / "output-exists")
    when the copy cannot be written; the input file is never written."""
    out_path = Path(out_path)
    input_path = Path(getattr(book, "path", None) or report.path)
    refuse_unsafe_target(input_path, out_path)
    source_format = getattr(book, "source_format", "xlsx")
    if patchable(book, source_format):
        from .xlsxpatch import write_patched

        lang = "en" if options.language == "en" else "id"
        return write_patched(
            book, report, lambda write: save_atomic(write, out_path, input_path.name), lang, options.config.predikat
        )
    return write_openpyxl_copy(book, report, out_path, options)
