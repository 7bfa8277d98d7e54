"""pk-excel: checks Indonesian Perjanjian Kinerja measurement workbooks.

    >>> import pk_excel
    >>> report = pk_excel.check("pk-kecamatan-bajeng-2023.xlsx")
    >>> report.files[0].findings[0].message()

`check` returns a `Report` (one `FileReport` per workbook); `Options` says what to write and how to judge.
Nothing heavy is imported until a check starts.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .config import Config, Limits, Options, load_config, make_options
from .model import Document, FileReport, Finding, Indicator, PkError, Report

__version__ = "0.1.0"

__all__ = [
    "Config",
    "Document",
    "FileReport",
    "Finding",
    "Indicator",
    "Limits",
    "Options",
    "PkError",
    "Report",
    "check",
    "load_config",
    "make_options",
    "__version__",
]


def check(
    paths: str | Path | Iterable[str | Path],
    options: Options | None = None,
    *,
    jobs: int | None = 1,
    recursive: bool = False,
) -> Report:
    """Check workbooks (files, folders or glob patterns) and return the report.

    Nothing is written unless `options.write` is True (then each validated workbook goes beside its input,
    or into `options.out_dir`). Without options, a `pk-excel.toml` beside the first path is used if present.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    paths = list(paths)
    if options is None:
        options = make_options(near=paths[0] if paths else None)
    if len(paths) == 1 and Path(paths[0]).is_file():
        from .checker import check_file

        return Report([check_file(paths[0], options)])
    from .batch import check_paths

    return check_paths(paths, options, jobs=jobs, recursive=recursive)
