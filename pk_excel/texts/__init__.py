"""What pk-excel says to its users, in Bahasa Indonesia (the default) and English: one place for the texts.

A `Text` is the pair; `pick(text, lang)` says it in one language (filling `{name}` fields when given) and
`Text.format` fills both, e.g. for a `PkError`, which carries both messages: ``PkError(code, *text.format(...))``.
A field's value may itself be a `Text` (a detail, a size written in each language's style): it is said in each
language.

Here, by section: the running stage (command line, collect, pool, progress, watch), the report, the
configuration, the rekap, the web page (its words, `PAGE`, which `web/texts.py` gives the templates in one
language; its refusals of what a visitor sent), the reading stage (the guard's refusals, the workbook's), the
writing stage (an output's refusals and write failures, the conversion warning of an .xls/.ods), the validated
copy's words (added columns, legend, notes, status words, the Temuan and Ringkasan sheets, the chart) and the
blank template's (its guide sheet and input messages; the table itself stays in Bahasa Indonesia).
Not here, by design: a rule's finding messages stay with the rule (a rule is one module: ID, severity,
docstring, messages; `rules/`); severity words are `severity.py`'s.
The package holds the pair and its helpers (`core`) and one module per stage's texts (`running`, `web`,
`reading`, `writing`); every name is imported here, so callers say `texts.NAME`. Nothing here imports
another pk-excel module: every stage may use it.
"""

from .core import *  # noqa: F403
from .core import _said  # noqa: F401 - the fields of a Text said in one language
from .reading import *  # noqa: F403
from .running import *  # noqa: F403
from .web import *  # noqa: F403
from .writing import *  # noqa: F403
