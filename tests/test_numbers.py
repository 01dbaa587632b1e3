"""Number text in machine format and Indonesian formatting (PRODUCT.md §7)."""
from __future__ import annotations

import math

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from indikator.data.numbers import NumberError, parse_number, parse_numbers


@pytest.mark.parametrize("text, value", [
    ("1234.5", 1234.5),
    ("-3", -3.0),
    ("+3", 3.0),
    ("1e3", 1000.0),
    ("0.5", 0.5),
    (".5", 0.5),
    ("  42  ", 42.0),
    ("98%", 98.0),
    ("70.30 %", 70.3),
    ("Rp 5000", 5000.0),
])
def test_machine_format(text, value):
    assert parse_number(text) == value
    assert parse_number(text, "C") == value


@pytest.mark.parametrize("text", ["", "   ", "\t"])
@pytest.mark.parametrize("locale", ["C", "id"])
def test_empty_is_missing(text, locale):
    assert parse_number(text, locale) is None


@pytest.mark.parametrize("text, fragment", [
    ("92,85", "--locale id"),
    ("92,85", "92.85"),
    ("1,234", "depends on the locale"),
    ("1.234.567", "depends on the locale"),
    ("Rp 7.042.932.613,-", "--locale id"),
    ("abc", "not a number"),
    ("81.10 (Nilai)", "not a number"),
    ("nan", "empty"),
    ("inf", "not a number"),
    ("-", "empty"),
    ("1_000", "not a number"),
    ("0x10", "not a number"),
    ("Rp", "not a number"),
])
def test_machine_format_errors(text, fragment):
    with pytest.raises(NumberError) as exc:
        parse_number(text, "C")
    assert fragment in str(exc.value)


@pytest.mark.parametrize("text, value", [
    ("1.234.567", 1234567.0),
    ("92,85", 92.85),
    ("Rp 7.042.932.613,-", 7042932613.0),
    ("Rp. 5.922.644.078,-", 5922644078.0),
    ("Rp.5.922.644.078", 5922644078.0),
    ("rp 1.000", 1000.0),
    ("70,30%", 70.3),
    ("70,30 %", 70.3),
    ("1.234", 1234.0),
    ("1234,5", 1234.5),
    ("-1.234,5", -1234.5),
    ("0,5", 0.5),
    ("100", 100.0),
    ("Rp\u00a07.042.932.613,-", 7042932613.0),
])
def test_indonesian(text, value):
    assert parse_number(text, "id") == value


@pytest.mark.parametrize("text, fragment", [
    ("70.30", "did you mean"),
    ("70.30%", "Indonesian formatting"),
    ("1.5", "did you mean"),
    ("1234.5", "Indonesian formatting"),
    ("81,10 (Nilai)", "not a number"),
    ("92,", "comma"),
    ("satu", "not a number"),
])
def test_indonesian_errors(text, fragment):
    with pytest.raises(NumberError) as exc:
        parse_number(text, "id")
    assert fragment in str(exc.value)


def test_unknown_locale():
    with pytest.raises(NumberError):
        parse_number("1", "en")


# -- vectorized ---------------------------------------------------------------

def _same(a: np.ndarray, b: list[float | None]) -> bool:
    return all((math.isnan(x) and y is None) or x == y for x, y in zip(a.tolist(), b))


@pytest.mark.parametrize("locale, texts", [
    ("C", ["1", "2.5", "", None, "1e3", " 7 ", "98%", "Rp 5", "-0.25"]),
    ("id", ["1.234.567", "92,85", "", None, "Rp 7.042.932.613,-", "70,30%", "5", "1e3",
            "-1.234,5", "1.234"]),
])
@pytest.mark.parametrize("as_arrow", [False, True])
def test_parse_numbers_matches_scalar(locale, texts, as_arrow):
    values = pa.array(texts, pa.string()) if as_arrow else texts
    out, errors = parse_numbers(values, locale)
    assert errors == []
    assert out.dtype == np.float64
    assert _same(out, [None if t is None else parse_number(t, locale) for t in texts])


def test_parse_numbers_reports_errors_by_index():
    out, errors = parse_numbers(["1", "92,85", "", "x", "3"], "C")
    assert [i for i, _ in errors] == [1, 3]
    assert "--locale id" in str(errors[0][1])   # a Problem: its English sentence
    assert out[0] == 1 and out[4] == 3
    assert np.isnan(out[1]) and np.isnan(out[2]) and np.isnan(out[3])


@pytest.mark.parametrize("arr, expected", [
    (pa.array([1, None, 3], pa.int64()), [1.0, None, 3.0]),
    (pa.array([1.5, None], pa.float64()), [1.5, None]),
    (pa.chunked_array([pa.array(["1", ""]), pa.array(["2,5"])]), None),
    (pa.array(["1", "2", "1", None]).dictionary_encode(), [1.0, 2.0, 1.0, None]),
])
def test_parse_numbers_arrow_types(arr, expected):
    out, errors = parse_numbers(arr, "C")
    if expected is None:  # chunked: the error index is global
        assert errors and errors[0][0] == 2
        assert out[0] == 1.0 and np.isnan(out[1])
    else:
        assert errors == []
        assert _same(out, expected)


def test_parse_numbers_mixed_python_objects():
    out, errors = parse_numbers([1, 2.5, "3,5", None, True], "id")
    assert out[:3].tolist() == [1.0, 2.5, 3.5]
    assert np.isnan(out[3])
    assert [i for i, _ in errors] == [4]


def test_parse_numbers_caps_errors():
    out, errors = parse_numbers(["x"] * 50, "C", max_errors=5)
    assert len(errors) == 5
    assert np.isnan(out).all()


@given(st.lists(st.one_of(
    st.floats(allow_nan=False, allow_infinity=False, width=32).map(repr),
    st.integers(-10**9, 10**9).map(str),
    st.text(alphabet="0123456789.,-Rp% ", max_size=12),
    st.none()), max_size=30), st.sampled_from(["C", "id"]))
def test_vectorized_agrees_with_scalar(texts, locale):
    out, errors = parse_numbers(pa.array(texts, pa.string()), locale, max_errors=None)
    bad = dict(errors)
    for i, t in enumerate(texts):
        if t is None:
            assert math.isnan(out[i])
            continue
        try:
            want = parse_number(t, locale)
        except NumberError:
            assert i in bad
            continue
        assert i not in bad
        assert (want is None and math.isnan(out[i])) or out[i] == want


@pytest.mark.parametrize("text", ["1e309", "-1e309", "1E400"])
def test_overflowing_numbers_are_errors_not_infinity(text):
    with pytest.raises(NumberError, match="too large"):
        parse_number(text)
    values, errors = parse_numbers([text, "3"])
    assert np.isnan(values[0]) and values[1] == 3.0
    assert errors and errors[0][0] == 0 and "too large" in str(errors[0][1])
