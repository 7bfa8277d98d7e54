"""The command line's help screens and usage errors in Bahasa Indonesia, like the rest of pk-excel.

typer (and the click it carries) say their panel titles, "Usage:", the help option and usage errors in
English. `Command` and `Group` (given to typer as `cls=`) say them in Indonesian, unless the command line asks
for English with `--lang en`. Nothing heavy is imported: rich only when a help screen or a usage error is shown.
"""

from __future__ import annotations

import contextlib
import copy
import re
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from typer.core import TyperCommand, TyperGroup

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
_USAGE_WORDS: tuple[tuple[str, Callable[[re.Match[str]], str]], ...] = (
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
    for pattern, say in _USAGE_WORDS:
        m = re.match(pattern, message)
        if m:
            return say(m)
    return message


@contextlib.contextmanager
def _usage_errors_in_indonesian(asked: set[str]) -> Iterator[None]:
    """Re-say a usage error raised inside in Indonesian (typer's panel words too), unless English is asked."""
    try:
        from typer._click.exceptions import UsageError  # typer carries its own click
    except ImportError:  # pragma: no cover - an older typer on the real click
        from click.exceptions import UsageError  # type: ignore[assignment]

    try:
        yield
    except UsageError as e:
        if "en" not in asked:
            _indonesian_help()
            said = _usage_in_indonesian(e.format_message())

            def in_indonesian() -> str:
                return said

            e.format_message = in_indonesian  # type: ignore[method-assign]
        raise


def lang_asked(args: list[str]) -> set[str]:
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


if TYPE_CHECKING:
    from typer._click.core import Command as _Base
    from typer._click.core import Context
    from typer._click.formatting import HelpFormatter
    from typer.core import TyperOption
else:
    _Base = object


class _HelpInIndonesian(_Base):
    """Mixed into typer's command and group classes: the help option, "Usage:" and the panels in Indonesian."""

    def get_help_option(self, ctx: Context) -> TyperOption | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _HELP_OPTION
        return option

    def get_usage(self, ctx: Context) -> str:
        usage = super().get_usage(ctx)
        for english, indonesian in (
            ("Usage: ", "Pemakaian: "), ("[OPTIONS]", "[OPSI]"), ("COMMAND [ARGS]...", "PERINTAH [ARGUMEN]..."),
        ):  # fmt: skip
            usage = usage.replace(english, indonesian, 1)
        return re.sub(r"\{([A-Z.\[\]]+)\}", r"\1", usage)  # typer writes a list argument as {BERKAS...}

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        """A usage error (an unknown option, a value that is not a number) is said in Indonesian too, unless
        the command line asks for English."""
        asked = lang_asked(list(args))  # before parsing: click consumes the list it is given
        with _usage_errors_in_indonesian(asked):
            return super().parse_args(ctx, args)

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        _indonesian_help()
        for param in self.params:
            # An argument's type is shown by its English name (<text>, <path>): say it in Indonesian.
            word = _TYPE_WORDS.get(getattr(param.type, "name", ""))
            if param.param_type_name == "argument" and word is not None:
                param.type = copy.copy(param.type)
                param.type.get_metavar = _metavar(word)  # type: ignore[method-assign]
        super().format_help(ctx, formatter)


def _metavar(word: str) -> Callable[..., str]:
    def metavar(*args: Any, **kwargs: Any) -> str:
        return word

    return metavar


class Command(_HelpInIndonesian, TyperCommand):
    """A typer command whose help and usage errors are said in Indonesian."""


class Group(_HelpInIndonesian, TyperGroup):
    """The typer group (`pk-excel`): its help and usage errors, and an unknown command, said in Indonesian."""

    def resolve_command(self, ctx: Context, args: list[str]) -> tuple[str | None, Any, list[str]]:
        """An unknown command ("No such command 'chek'") said in Indonesian too."""
        with _usage_errors_in_indonesian(lang_asked(sys.argv[1:])):
            return super().resolve_command(ctx, args)
