"""Babel's fixed-point number patterns (``#,##0`` and ``#,##0.00…``), asked of Babel without its per-call set-up.

A region's chart and report show tens of thousands of numbers, most of them distinct
(achievements are ratios). ``babel.numbers.format_decimal`` parses the locale identifier and
the pattern on every call (~13 µs a number); here both are parsed once per (locale, digits)
and each number goes through Babel's own :meth:`babel.numbers.NumberPattern.apply` (~6 µs),
the very step ``format_decimal`` ends with — so the text is Babel's by construction, and
Babel's rules for rounding, signs and precision stay Babel's (the house rule: never a
hand-rolled number-locale library). ``tests/test_numtext.py`` checks the two agree, with
hypothesis, for the locales of both languages and 0-4 decimals.
"""
from __future__ import annotations

from functools import lru_cache

from babel import Locale
from babel.numbers import NumberPattern, parse_pattern


def pattern_of(digits: int) -> str:
    return "#,##0." + "0" * digits if digits else "#,##0"


class _ResolvedLocale(Locale):
    """Babel's :class:`~babel.core.Locale` with its number symbols read from Babel's CLDR data
    once. ``NumberPattern.apply`` asks for the group and decimal symbols on every call, and a
    plain Locale resolves them through two layers of Babel's alias-resolving data dictionaries
    each time (a quarter of the cost of a region chart's 21,000 figures); here the same symbols
    come from a plain dict. Everything else -- the pattern, the rounding, the text -- is Babel's."""

    _symbols: dict[str, dict[str, str]]

    @property
    def number_symbols(self):  # type: ignore[override]
        return self._symbols

    @classmethod
    def of(cls, identifier: str) -> "_ResolvedLocale":
        base = Locale.parse(identifier)
        resolved = cls(base.language, base.territory, base.script, base.variant, base.modifier)
        resolved._symbols = {system: dict(symbols) for system, symbols in base.number_symbols.items()}
        return resolved


@lru_cache(maxsize=16)
def _locale(locale: str) -> Locale:
    return _ResolvedLocale.of(locale)


@lru_cache(maxsize=64)
def _babel(locale: str, digits: int) -> tuple[Locale, NumberPattern]:
    return _locale(locale), parse_pattern(pattern_of(digits))


def format_fixed(number, digits: int, locale: str, quantize: bool = True) -> str:
    """``format_decimal(number, format=pattern_of(digits), locale=locale,
    decimal_quantization=quantize)``, the same text (``locale``: Babel's identifier)."""
    loc, pattern = _babel(locale, digits)
    return pattern.apply(number, loc, decimal_quantization=quantize)
