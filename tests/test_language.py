"""What depends on the language sits behind one API (indikator/messages/language.py): each
language one module with the same tables and keys, nobody else branching on ``lang == "id"``."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from indikator.data.periods import parse_period
from indikator.messages import language as language_module
from indikator.messages import template_fields
from indikator.messages.language import LANGUAGES, Language, language, level_name, words
from indikator.report.words import period_label

PACKAGE = Path(language_module.__file__).parent.parent
TABLES = sorted(LANGUAGES["id"].words)


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_every_language_has_every_word(code, table):
    """The same keys, and the same {fields} in each template, as the default language."""
    ours, default = words(table, code), words(table, "id")
    assert set(ours) == set(default)
    for key, text in default.items():
        if isinstance(text, str):
            assert template_fields(ours[key]) == template_fields(text), (table, key)


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_every_language_has_its_facts(code):
    lang = language(code)
    assert len(lang.months) == 12 and all(lang.months)
    from babel import Locale

    assert Locale.parse(lang.locale)      # Babel knows the locale


def test_an_unknown_language_is_the_default_one():
    assert language("xx") is language(None) is LANGUAGES["id"]
    assert level_name("agency_objective", "xx") == "Sasaran Strategis"
    assert level_name("unit_kerja", "en") == "unit kerja"


def test_nobody_else_branches_on_the_language():
    """Outside indikator/messages/, no module or template tests which language it is: a third
    language is a new lang_<code>.py (and its catalog templates), nothing else."""
    pattern = re.compile(r"""lang\s*[!=]=\s*['"]|['"](id|en)['"]\s*[!=]=\s*lang\b""")
    hits = [f"{f.relative_to(PACKAGE)}:{n}" for f in sorted(PACKAGE.rglob("*"))
            if f.suffix in (".py", ".html", ".j2") and "messages" not in f.relative_to(PACKAGE).parts
            for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert not hits, hits


def test_a_third_language_needs_only_its_module(monkeypatch):
    """A made-up language registered like a lang_<code>.py module: period labels and level
    names follow it without a change anywhere else."""
    en = LANGUAGES["en"]
    xx = Language("xx", "Test", "de", tuple(m.upper() for m in en.months), True,
                  {**en.words, "levels": {**en.words["levels"], "program": "PROGRAMM"}})
    monkeypatch.setitem(LANGUAGES, "xx", xx)
    assert period_label(parse_period("2024-Q3"), "xx") == "QIII 2024"      # its numbering, the words of en
    assert period_label(parse_period("2024-05"), "xx") == "MAY 2024"
    assert level_name("program", "xx") == "PROGRAMM"
    from indikator.output.numbers import number

    assert number(1234.5, "xx") == "1.234,50"      # Babel's German separators
