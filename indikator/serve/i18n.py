"""The words of the web page, in Indonesian (the default) and English.

Column names of the measurement tables come from
the ``table`` words of :mod:`indikator.messages.language`, so the page, the terminal table
and the reports call a figure by the same name; this module adds the words
only the page needs.
"""
from __future__ import annotations

from ..messages.language import ByLanguage, level_name, words

#: The page's own words by language (indikator/messages/lang_<code>.py, table "web").
UI = ByLanguage("web")


def texts(lang: str) -> dict[str, str]:
    """UI words and the measurement-table labels of ``lang`` in one dictionary."""
    return {**words("table", lang), **words("web", lang)}


__all__ = ["UI", "level_name", "texts"]
