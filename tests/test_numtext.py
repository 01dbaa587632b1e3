"""The fixed-point formatter (indikator.output.numtext) gives Babel's own format_decimal text, digit for digit."""
from __future__ import annotations

import decimal
from decimal import Decimal

import pytest
from babel.numbers import format_decimal
from hypothesis import example, given, settings
from hypothesis import strategies as st

from indikator.output.numtext import format_fixed, pattern_of


def babel(number, digits: int, lang: str, quantize: bool = True) -> str:
    return format_decimal(number, format=pattern_of(digits), locale=lang,
                          decimal_quantization=quantize)


def same(number, digits: int, lang: str, quantize: bool = True) -> None:
    try:
        want = babel(number, digits, lang, quantize)
    except decimal.InvalidOperation:
        with pytest.raises(decimal.InvalidOperation):
            format_fixed(number, digits, lang, quantize)
        return
    assert format_fixed(number, digits, lang, quantize) == want


EDGES = [0.0, -0.0, 0.005, -0.005, 0.015, 1.005, 2.675, 75.995, -75.995, 999.995, 999999.995, 1234.5, -1234.5,
         1e15 + 0.13, 1e16, 1.5e17, 1e21, 1e22, 7042932613.0, 123456789012345.67, 5e-324, 1e-7, -1e-7,
         1.7976931348623157e308, 1e27, 1e28, 1e29, float("inf"), float("-inf"), 100.0, 99.99999999]


@pytest.mark.parametrize("number", EDGES)
@pytest.mark.parametrize("digits", [0, 1, 2, 4])
@pytest.mark.parametrize("lang", ["id", "en_US"])
def test_edges_as_babel(number, digits, lang):
    same(number, digits, lang)


@pytest.mark.parametrize("text", ["0", "-0", "-0.00", "15", "15.00", "7042932613", "0.10", "-1234.50", "1E+20",
                                  "12.345", "-0.001", "1E-30"])
@pytest.mark.parametrize("digits", [0, 2])
@pytest.mark.parametrize("lang", ["id", "en_US"])
@pytest.mark.parametrize("quantize", [True, False])
def test_decimals_as_babel(text, digits, lang, quantize):
    same(Decimal(text), digits, lang, quantize)


@settings(max_examples=400, deadline=None)
@given(st.floats(allow_nan=False), st.integers(0, 4), st.sampled_from(["id", "en_US"]))
@example(0.125, 2, "id")
def test_floats_as_babel(number, digits, lang):
    same(number, digits, lang)


@settings(max_examples=300, deadline=None)
@given(st.decimals(allow_nan=False, allow_infinity=False, places=None), st.integers(0, 3),
       st.sampled_from(["id", "en_US"]), st.booleans())
def test_any_decimal_as_babel(number, digits, lang, quantize):
    same(number, digits, lang, quantize)


def test_nan_goes_to_babel():
    assert format_fixed(float("nan"), 2, "id") == babel(float("nan"), 2, "id")
