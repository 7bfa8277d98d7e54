"""The page's words for the templates, in one language: `texts(lang)`. The words themselves are
`pk_excel.texts`'s (`PAGE`, in its "web page" section); the severity words are `severity.py`'s, so the page
says them as the terminal and the copy do."""

from __future__ import annotations

from ..severity import SEVERITIES, word
from ..texts import PAGE, lang_of, pick


def texts(lang: str | None) -> dict[str, str]:
    """Every word of the page in `lang` (Indonesian unless "en"), for the templates: `t.title`, `t.severity_error`."""
    said = lang_of(lang)
    out = {key: pick(text, said) for key, text in PAGE.items()}
    out["lang"] = said
    out["switch_lang"] = "id" if said == "en" else "en"  # the language the switch turns the page to
    out.update({f"severity_{s}": word(s, said) for s in SEVERITIES})
    return out
