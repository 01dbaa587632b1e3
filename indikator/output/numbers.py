"""Numbers for a person to read: one rounding, one look, one missing mark, in the chosen language.

Every shown number — ``eval``'s table, the report (HTML, Markdown, Word, PDF), the chart, the
web page, ``audit``'s table — goes through this module, so a figure reads the same everywhere:

- rounded for display only, half away from zero (PRODUCT.md §8, §7.1), with the engine's own
  :func:`~indikator.engine.values.round_one` — the rounding the predicates are taken from, so
  ``72.84499999999998`` (72.845 after float noise) shows ``72,85`` wherever its predicate is
  that of 72.85;
- separators of the language (``7.042.932.613``, ``100,75`` in Indonesian) from Babel, through the
  language's locale (:func:`indikator.messages.language.language`);
- :func:`number` with a fixed number of decimals (achievements: always two); :func:`amount` as
  planners write targets and actuals (``78.000``, ``98``, ``92,85``: no decimals when the value
  rounded to two is whole); a range target (``{"min", "max"}``, or anything with ``min`` and
  ``max``) as its two bounds, each an amount (``80–90,50``);
- a value that is not there (``None``, NaN) as :data:`MISSING` (docs/decisions.md: one mark,
  the hyphen the planners' own tables use, for every output; an output that needs another — an
  empty CSV cell — passes ``missing=``).

Each distinct shown value is formatted by Babel once per process (~40 µs a call; a region's
chart shows 43,674 numbers, a few thousand distinct once rounded): after the rounding, a
number costs one dict lookup.
"""
from __future__ import annotations

import math
from typing import Any

from babel.numbers import format_decimal, format_scientific

from ..engine.values import round_one
from ..messages.language import language
from .numtext import format_fixed

#: The one mark for a value that is not there (docs/decisions.md, "One missing mark").
MISSING = "-"
#: Between the bounds of a range target: an en dash, as documents write ``80–90``.
RANGE_DASH = "–"

_SHOWN: dict[tuple, str] = {}
_MAX_SHOWN = 1_000_000


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _bounds(x: Any) -> tuple[Any, Any] | None:
    """A range target's bounds: the engine's ``{"min", "max"}`` dict or a value with ``min``/``max``."""
    if isinstance(x, dict):
        return (x["min"], x["max"]) if "min" in x and "max" in x else None
    lo, hi = getattr(x, "min", None), getattr(x, "max", None)
    return (lo, hi) if _is_number(lo) and _is_number(hi) else None


def number(x: Any, lang: str, digits: int = 2, missing: str = MISSING) -> str:
    """``x`` rounded half away from zero to ``digits`` decimals, all of them shown, in ``lang``.

    Text (a grade such as ``BB``) is shown as it is; a range as its bounds (:func:`amount`)."""
    if x is None:
        return missing
    if not _is_number(x):
        if isinstance(x, str):
            return x
        b = _bounds(x)
        if b is None:
            return str(x)
        return f"{amount(b[0], lang, missing)}{RANGE_DASH}{amount(b[1], lang, missing)}"
    x = float(x)
    if x != x:
        return missing
    return _shown(round_one(x, digits), digits, lang)


def _shown(r: float, digits: int, lang: str) -> str:
    """An already rounded value as text: one dict lookup, Babel the first time only."""
    key = (r, digits, lang, r < 0 or (r == 0 and math.copysign(1.0, r) < 0))   # -0.0 == 0.0 as keys
    hit = _SHOWN.get(key)
    if hit is None:
        try:
            hit = format_fixed(r, digits, language(lang).locale)   # Babel, its locale and pattern parsed once (numtext.py)
        except ArithmeticError:   # decimal.InvalidOperation: beyond Babel's precision (1e300)
            hit = f"{r:.6g}"
        if len(_SHOWN) < _MAX_SHOWN:
            _SHOWN[key] = hit
    return hit


def decimals(x: Any) -> int:
    """The decimals a planner writes ``x`` with: 0 when ``x`` rounded to two decimals is whole
    (``78000``, ``98``, ``12.001``), else 2 (``92.85``)."""
    if not _is_number(x):
        return 2
    r = round_one(float(x), 2)
    return 0 if r == r and abs(r) != math.inf and r == math.floor(r) else 2


def amount(x: Any, lang: str, missing: str = MISSING) -> str:
    """A target, actual, budget or data value as planners write it (``78.000``, ``98``, ``92,85``)."""
    if not _is_number(x):
        return number(x, lang, 2, missing)
    x = float(x)
    if x != x:
        return missing
    r = round_one(x, 2)
    # whole once rounded to two decimals: that is also its rounding to none (one rounding, not two)
    whole = abs(r) != math.inf and r == math.floor(r)
    return _shown(r, 0 if whole else 2, lang)


def precise(x: Any, lang: str, missing: str = MISSING) -> str:
    """A value as a derivation shows it (``explain``): up to six significant digits, whole from
    a million up, no grouping — the formula's substitutions — in the language (``99,7257`` in
    Indonesian, ``99.7257`` in English; a small value in decimals, ``0,0000001``, not Python's
    ``1e-07``). Babel formats each distinct value once (Babel's significant-digits pattern)."""
    if x is None:
        return missing
    if not _is_number(x):
        b = _bounds(x)
        return f"{precise(b[0], lang)}{RANGE_DASH}{precise(b[1], lang)}" if b else str(x)
    x = float(x)
    if x != x:
        return missing
    if abs(x) == math.inf:
        return f"{x:g}"
    key = (x, lang, math.copysign(1.0, x) < 0)
    hit = _PRECISE.get(key)
    if hit is None:
        locale = language(lang).locale
        if 0 < abs(x) < 1e-9:      # a dust of float noise: in Babel's scientific notation (1,5E-12)
            hit = format_scientific(x, format="0.#####E0", locale=locale)
        else:
            hit = format_decimal(x, format="@#####" if 0 < abs(x) < 1e6 else "0", locale=locale,
                                 group_separator=False)
        if len(_PRECISE) < _MAX_SHOWN:
            _PRECISE[key] = hit
    return hit


_PRECISE: dict[tuple, str] = {}


def percent(x: Any, lang: str, missing: str = MISSING) -> str:
    """An achievement (already × 100) with two decimals and the percent sign placed as the
    language's locale places it (CLDR, through Babel: ``97,47%`` in Indonesian and English, as
    the spec and most of the planners' documents write it); a missing value is :data:`MISSING`
    alone, never ``- %``. The headlines of the report, the chart and the web page use it."""
    text = number(x, lang, 2, missing)
    if text == missing or not _is_number(x):
        return text
    prefix, suffix = _percent_affixes(lang)
    return f"{prefix}{text}{suffix}"


_AFFIXES: dict[str, tuple[str, str]] = {}


def _percent_affixes(lang: str) -> tuple[str, str]:
    """What the locale's percent pattern writes before and after the digits (``("", "%")`` for id)."""
    hit = _AFFIXES.get(lang)
    if hit is None:
        from babel import Locale

        pattern = Locale.parse(language(lang).locale).percent_formats[None]
        hit = _AFFIXES[lang] = (pattern.prefix[0], pattern.suffix[0])
    return hit


#: The report's column formats, by name (report/tables.py ``Column.fmt``).
FORMATS = ("int", "num", "pct", "money")


def figure(x: Any, fmt: str, lang: str, missing: str = MISSING) -> str:
    """A figure in one of the report's column formats: ``pct`` two decimals always (``100,75``),
    ``int`` none, ``num`` and ``money`` as :func:`amount`."""
    if fmt == "pct":
        return number(x, lang, 2, missing)
    if fmt == "int" and _is_number(x):
        return number(x, lang, 0, missing)
    return amount(x, lang, missing)
