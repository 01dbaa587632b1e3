"""What depends on the language, behind one small API: ``language(lang)`` and ``words(table, lang)``.

The messages (codes rendered from the ``catalog_*.py`` templates) are one half of a language;
this is the other: Babel's locale for numbers and dates, the month names, how parts of a year
are numbered (``Triwulan III`` or ``Q3``), how the default levels and built-in scales are
named, and the words of the tables, the report, the chart and the web page. Each language is one
module, ``lang_<code>.py`` beside this one, discovered automatically; nobody else tests
``lang == "id"``: a third language is one new module (and its templates in the catalogs).

An unknown language code falls back to the default one (Indonesian, §12), here and only here.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping

DEFAULT = "id"   # the users are Indonesian planners (PRODUCT.md §12)
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


@dataclass(frozen=True, slots=True)
class Language:
    """One language's facts; the words are looked up with :func:`words`."""

    code: str
    name: str
    locale: str                       # Babel's locale for numbers and dates
    months: tuple[str, ...]           # January … December
    roman_parts: bool                 # Triwulan III (True) or Q3 (False)
    words: Mapping[str, Mapping[str, Any]]

    def part(self, n: int) -> str:
        """The ``n``-th (1-based) quarter or semester of a year as this language numbers it."""
        return _ROMAN[n - 1] if self.roman_parts else str(n)

    def month(self, n: int) -> str:
        """Month ``n`` (1–12) by name."""
        return self.months[n - 1]


def _discover() -> dict[str, Language]:
    found: dict[str, Language] = {}
    here = [str(Path(__file__).parent)]
    for info in sorted(pkgutil.iter_modules(here), key=lambda m: m.name):
        if not info.name.startswith("lang_"):
            continue
        m = importlib.import_module(f"{__package__}.{info.name}")
        code = info.name[len("lang_"):]
        found[code] = Language(code, m.NAME, m.LOCALE, tuple(m.MONTHS), m.ROMAN_PARTS, m.WORDS)
    # the default first: --lang's choices and help list it first
    return {DEFAULT: found[DEFAULT], **{k: v for k, v in found.items() if k != DEFAULT}}


LANGUAGES: dict[str, Language] = _discover()
LANGS: tuple[str, ...] = tuple(LANGUAGES)


def language(lang: str | None) -> Language:
    """The language ``lang`` names; an unknown or missing code is the default language."""
    found = LANGUAGES.get(lang) if lang else None
    return found if found is not None else LANGUAGES[DEFAULT]


def words(table: str, lang: str | None) -> Mapping[str, Any]:
    """One table of words (``report``, ``table``, ``web``, ``chart``, ``levels``, ``scales``) in ``lang``."""
    return language(lang).words[table]


def level_name(level: str, lang: str | None) -> str:
    """A level as tables, charts and pages name it (``Sasaran Strategis``); a custom level by its
    key with spaces."""
    return language(lang).words["levels"].get(level) or level.replace("_", " ")


class ByLanguage(Mapping[str, Mapping[str, Any]]):
    """A table of words as ``TABLE[lang]`` for every language (the form older callers and the
    templates index); unknown codes fall back to the default language."""

    def __init__(self, table: str) -> None:
        self.table = table

    def __getitem__(self, lang: str) -> Mapping[str, Any]:
        return words(self.table, lang)

    def __iter__(self) -> Iterator[str]:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)

    def __contains__(self, lang: object) -> bool:
        return lang in LANGUAGES

    def get(self, lang, default=None):  # noqa: ANN001, ANN201 - Mapping.get, with the fallback
        return words(self.table, lang)
