"""Messages as codes with parameters, rendered from one catalog per language (PRODUCT.md §12).

A stage that has something to tell the user returns a :class:`Problem` — a code and its
parameters — or a :class:`~indikator.diagnostics.Diagnostic` whose text was rendered from
this catalog. The sentence is made here, at the edge, in the language the user chose;
nobody parses a sentence back.

The catalog is split by area into ``catalog_*.py`` modules beside this one, each holding a
``MESSAGES`` dict ``{code: {"en": template, "id": template}}``; they are discovered
automatically, so adding an area's messages touches one file. Templates use
``str.format`` fields; both languages of a code must use the same fields
(``tests/test_messages.py`` keeps that true).

This module must not print, exit or raise to the user: an unknown code renders as the
code and its parameters, so a missing entry shows up in a test, not as a crash.
"""
from __future__ import annotations

import importlib
import os
import pkgutil
import string
from dataclasses import dataclass, field
from typing import Any, Mapping, Union

from .language import DEFAULT as DEFAULT_LANG, LANGS   # the languages: lang_<code>.py beside this module


@dataclass(frozen=True, slots=True)
class Problem:
    """What went wrong, as data: a catalog code and the values its template names."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def render(self, lang: str | None = None) -> str:
        return render(self.code, self.params, lang)

    def __hash__(self) -> int:  # results are grouped and cached by problem (values are str/int/Problem)
        return hash((self.code, tuple(sorted(self.params.items()))))

    def __str__(self) -> str:
        return self.render("en")

    def with_value(self, old: Any, new: Any) -> "Problem":
        """This problem with every parameter equal to ``old`` (nested problems too) set to ``new``
        (a batch evaluates many positions' copies of one indicator and names each afterwards)."""
        params = {k: (v.with_value(old, new) if isinstance(v, Problem) else new if v == old else v)
                  for k, v in self.params.items()}
        return Problem(self.code, params)


#: A message as a value: a problem rendered at the edge, or (from code not converted yet, or a
#: library's own words) a text.
Message = Union["Problem", str]


def say(message: Message, lang: str | None = None) -> str:
    """``message`` in ``lang``: a problem rendered, a text as it is."""
    return message.render(lang) if isinstance(message, Problem) else str(message)


def one_of(items: "list[Message]") -> Message:
    """``a``, ``a or b``, ``a, b or c`` as one message, said in any language."""
    if not items:
        return ""
    head = items[0]
    for item in items[1:-1]:
        head = Problem("list-comma", {"a": head, "b": item})
    return Problem("list-or", {"a": head, "b": items[-1]}) if len(items) > 1 else head


def default_lang() -> str:
    """``INDIKATOR_LANG`` when it names a known language, else Indonesian."""
    lang = os.environ.get("INDIKATOR_LANG", "").strip().lower()
    return lang if lang in LANGS else DEFAULT_LANG


def _load_catalog() -> dict[str, dict[str, str]]:
    catalog: dict[str, dict[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not info.name.startswith("catalog_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for code, templates in module.MESSAGES.items():
            if code in catalog:
                raise ValueError(f"message code {code!r} defined twice (again in {info.name})")
            catalog[code] = dict(templates)
    return catalog


CATALOG: dict[str, dict[str, str]] = _load_catalog()


def template_fields(template: str) -> set[str]:
    """The ``{field}`` names a template uses (for the catalog's completeness test)."""
    return {name.split(".")[0].split("[")[0]
            for _, name, _, _ in string.Formatter().parse(template) if name}


def render(code: str, params: Mapping[str, Any] | None = None, lang: str | None = None) -> str:
    """The message for ``code`` in ``lang`` (default :func:`default_lang`), fields filled in."""
    lang = lang if lang in LANGS else default_lang()
    # a parameter may itself be a problem (a word, a place in a formula): said in the same language
    params = {k: (v.render(lang) if isinstance(v, Problem) else v) for k, v in (params or {}).items()}
    templates = CATALOG.get(code)
    if templates is None:
        return code + (": " + ", ".join(f"{k}={v}" for k, v in params.items()) if params else "")
    template = templates.get(lang) or templates.get("en") or code
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template
