"""Figures in messages and tables, as the reader's language writes them (``71,73`` / ``71.73``)."""
from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from babel.numbers import format_decimal

from ..messages.language import language
from .exact import round_half_away


def fig(x: Fraction, decimals: int, lang: str) -> str:
    """``x`` rounded half away from zero to ``decimals`` places, grouped, in ``lang``'s format."""
    r = round_half_away(x, decimals)
    d = Decimal(r.numerator) / Decimal(r.denominator)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(d, format=pattern, locale=language(lang).locale,
                          decimal_quantization=True)
