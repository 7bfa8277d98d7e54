"""The package's design, asserted (issue 13): data flows one way through the stages, and no module imports
one of a later stage, at module level or inside a function; there is no import cycle."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "pk_excel"

# The stages in the order data flows (docs/DESIGN.md): a module may import its own stage or an earlier one.
STAGES: tuple[tuple[str, ...], ...] = (
    # the words, the data and options every stage shares, and pure helpers: A1 references, formula tokens,
    # the XML parser, the package's structure, the workbook model
    ("texts", "model", "severity", "cellref", "config", "opc", "xmlparse", "formula_tokens", "bookdata",
     "__version__"),
    # reading: what is safe (guard, its zip checks and refusals), the package's parts, a sheet, the workbook
    ("guard", "zipcheck", "refusals", "numfmt", "xlsxparts", "xlsxsheet", "xlsxread", "workbook", "marks"),
    ("value_notes", "grades", "dates", "nip", "numtext", "values"),  # Indonesian values
    ("grid", "header", "choose", "blocks", "rows", "locate"),  # locating the tables
    ("formula", "scales", "polarity", "measure"),  # measuring
    ("rules",),  # the rules
    ("marking", "summary", "report"),  # planning what the copy and the report say (writer-free)
    # writing: where outputs go, the package's XML, the patch writer, the .xls/.ods conversion, the outputs
    ("output", "xmltext", "package", "styles", "sheetpatch", "drawings", "workbookxml", "notes", "unmark",
     "xlsxpatch", "convert", "validated", "rekap", "template"),
    ("readahead", "checker", "collect", "progress", "batch", "watcher", "web", "clihelp", "cli", "__init__"),  # running
)
RANK = {name: i for i, names in enumerate(STAGES) for name in names}


def _imports() -> dict[str, set[str]]:
    """Top-level pk_excel module -> the pk_excel modules it imports (relative imports, anywhere in it)."""
    out: dict[str, set[str]] = defaultdict(set)
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).with_suffix("").parts
        module = rel[0]
        package = list(rel[:-1])
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package[: len(package) - (node.level - 1)]
                names = [*base, *node.module.split(".")] if node.module else [*base]
                targets = [names[0]] if names else [a.name for a in node.names]
                for target in targets:
                    if target != module:
                        out[module].add(target)
    return out


def test_every_module_has_a_stage():
    modules = {p.relative_to(PACKAGE).parts[0].removesuffix(".py") for p in PACKAGE.iterdir()
               if p.suffix == ".py" or (p.is_dir() and (p / "__init__.py").exists())}
    assert modules - set(RANK) == set(), "add the new module to a stage in STAGES"


def test_no_stage_imports_a_later_one():
    wrong = [(a, b) for a, bs in _imports().items() for b in bs if RANK[b] > RANK[a.removesuffix(".py")]]
    assert wrong == [], wrong


def test_no_import_cycle():
    graph = _imports()
    done: set[str] = set()
    stack: list[str] = []

    def visit(node: str) -> None:
        assert node not in stack, " -> ".join([*stack[stack.index(node):], node])
        if node in done:
            return
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            visit(nxt)
        stack.pop()
        done.add(node)

    for node in sorted(graph):
        visit(node)


# Each stage's entry point, as the next stage calls it: typed with the real types, never `Any`.
ENTRY_POINTS = (
    "guard:inspect", "workbook:open_book", "xlsxread:read_xlsx", "locate:read_document", "measure:measure",
    "rules.registry:run", "validated:write_validated", "xlsxpatch:write_patched", "convert:to_xlsx",
    "report:render_terminal", "rekap:write_rekap", "template:write_template", "checker:check_file",
    "batch:check_paths", "collect:collect",
)


def test_stage_entry_points_are_typed_without_any():
    import importlib
    import inspect

    loose = []
    for spec in ENTRY_POINTS:
        module, name = spec.split(":")
        fn = getattr(importlib.import_module(f"pk_excel.{module}"), name)
        hints = inspect.get_annotations(fn)
        params = [p for p in inspect.signature(fn).parameters if p not in ("self", "args", "kwargs")]
        missing = [p for p in [*params, "return"] if p not in hints]
        with_any = [k for k, v in hints.items() if "Any" in str(v)]
        if missing or with_any:
            loose.append(f"{spec}: untyped {missing}, Any in {with_any}")
    assert loose == [], loose
