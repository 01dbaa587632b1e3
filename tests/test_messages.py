"""The message catalog (PRODUCT.md §12): every code in both languages, with the same fields."""
from __future__ import annotations

import pytest

from indikator.messages import CATALOG, LANGS, Problem, render, template_fields

CODES = sorted(CATALOG)


@pytest.mark.parametrize("code", CODES)
def test_every_code_has_both_languages_with_the_same_fields(code: str) -> None:
    templates = CATALOG[code]
    assert set(templates) == set(LANGS), code
    fields = {lang: template_fields(templates[lang]) for lang in LANGS}
    assert fields["id"] == fields["en"], (code, fields)


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("lang", LANGS)
def test_every_code_renders(code: str, lang: str) -> None:
    params = {name: f"<{name}>" for name in template_fields(CATALOG[code][lang])}
    text = render(code, params, lang)
    assert text
    for name in params:                      # every field filled in (literal braces such as {min, max} may stay)
        assert "{" + name + "}" not in text, text
    for value in params.values():
        assert value in text


def test_lang_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INDIKATOR_LANG", "en")
    assert Problem("cannot-write", {"path": "x", "reason": "y"}).render() == "cannot write x: y"
    monkeypatch.setenv("INDIKATOR_LANG", "id")
    assert Problem("cannot-write", {"path": "x", "reason": "y"}).render() == "tidak dapat menulis x: y"
    monkeypatch.delenv("INDIKATOR_LANG")
    assert render("cannot-write", {"path": "x", "reason": "y"}).startswith("tidak dapat")


def test_unknown_code_shows_code_and_params() -> None:
    assert render("no-such-code", {"a": 1}, "en") == "no-such-code: a=1"
