"""Babel's fixed-point number patterns (``#,##0`` and ``#,##0.00…``) without Babel's per-call cost.

A region's chart and report show tens of thousands of numbers, most of them distinct
(achievements are ratios), and ``babel.numbers.format_decimal`` costs ~40 µs a call: it
parses the locale identifier and the pattern and looks the symbols up every time. Here the
locale's symbols and the pattern's sign affixes are asked from Babel once per (locale,
digits); each number then takes the same steps :meth:`babel.numbers.NumberPattern.apply`
takes for these patterns -- ``Decimal(str(x))``, sign apart, ``normalize``, ``quantize`` in
the current decimal context (so the same rounding and the same ``InvalidOperation`` beyond
its precision), then the digits grouped by three -- with Python's own ``format`` doing the
grouping. Anything outside that plain case (infinity, NaN, a pattern whose grouping is not
three) goes to Babel itself. ``tests/test_numtext.py`` checks the two agree, with
hypothesis, for the locales of both languages and 0-4 decimals.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from babel.numbers import format_decimal


def pattern_of(digits: int) -> str:
    return "#,##0." + "0" * digits if digits else "#,##0"


@lru_cache(maxsize=64)
def _plan(locale: str, digits: int) -> tuple | None:
    """(quantum, translation table, negative prefix, positive prefix, suffixes) for the plain
    case, or None when the pattern is not the plain grouped-by-three one."""
    from babel.numbers import get_decimal_symbol, get_group_symbol, parse_pattern

    pattern = parse_pattern(pattern_of(digits))
    if tuple(pattern.grouping) != (3, 3) or pattern.exp_prec or pattern.scale or pattern.frac_prec != (digits, digits):
        return None
    if any("'" in a for a in (*pattern.prefix, *pattern.suffix)):
        return None
    table = str.maketrans({",": get_group_symbol(locale), ".": get_decimal_symbol(locale)})
    quantum = Decimal(1).scaleb(-digits)
    return quantum, table, pattern.prefix, pattern.suffix


def format_fixed(number, digits: int, locale: str, quantize: bool = True) -> str:
    """``format_decimal(number, format=pattern_of(digits), locale=locale,
    decimal_quantization=quantize)``, the same text, faster (``locale``: Babel's identifier)."""
    plan = _plan(locale, digits)
    value = number if isinstance(number, Decimal) else Decimal(str(number))
    if plan is None or not value.is_finite():
        return format_decimal(number, format=pattern_of(digits), locale=locale,
                              decimal_quantization=quantize)
    quantum, table, prefix, suffix = plan
    negative = int(value.is_signed())
    value = abs(value).normalize()
    if not quantize:
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and -exponent > digits:     # more decimals than the pattern: Babel keeps them
            return format_decimal(number, format=pattern_of(digits), locale=locale,
                                  decimal_quantization=False)
    text = format(value.quantize(quantum), ",f").translate(table)
    return prefix[negative] + text + suffix[negative]
