"""The columnar CSV writes every number exactly as Python's ``repr`` (the record writer's
form), whatever the value: hypothesis over whole arrays, with repeats, NaN, infinities,
signed zeros, subnormals and the edges where either side switches to an exponent."""
from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings, strategies as st

from indikator.output import columnar

EDGES = [0.0, -0.0, 1e-4, 9.999999999999999e-05, 1e16, 9999999999999998.0, 1e15, 1e14, 1e21, 5e-324,
         math.inf, -math.inf, math.nan, 100.0, -3.0, 0.5, 2.5e-7, 1.7976931348623157e308]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(EDGES),
                          st.integers(-10**17, 10**17).map(float)), max_size=60))
def test_format_floats_is_repr(values):
    x = np.array(values + values[:5], dtype=np.float64)      # some repeats: each distinct value once
    want = ["" if v != v else repr(float(v)) for v in x.tolist()]
    assert columnar.format_floats(x).to_pylist() == want


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(alphabet='ab1,"\r\n é', max_size=6)), max_size=20),
       st.integers(0, 5))
def test_entity_texts_are_quoted_as_the_csv_module_does(texts, cut):
    import pyarrow as pa

    arr = pa.array(texts, pa.string()).slice(min(cut, len(texts)))     # slices keep their buffers
    got = columnar._quote_array(arr).to_pylist()
    want = [None if t is None else columnar.quote(t) for t in arr.to_pylist()]
    assert got == want


def _with_sample(size: int, x: np.ndarray) -> list:
    saved = columnar._SAMPLE
    columnar._SAMPLE = size
    try:
        return columnar.format_floats(x).to_pylist()
    finally:
        columnar._SAMPLE = saved


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(EDGES),
                          st.integers(-10**17, 10**17).map(float)), min_size=9, max_size=80),
       st.integers(1, 3))
def test_format_floats_is_repr_whichever_way_the_sample_says(values, times):
    """A sample of two values decides between formatting every value and formatting the
    distinct ones: either way the texts are repr's."""
    x = np.array(values * times, dtype=np.float64)
    want = ["" if v != v else repr(float(v)) for v in x.tolist()]
    assert _with_sample(2, x) == want


def test_mostly_distinct_values_are_formatted_directly(monkeypatch):
    seen = []
    real = columnar._format_distinct
    monkeypatch.setattr(columnar, "_format_distinct", lambda v: seen.append(len(v)) or real(v))
    distinct = np.arange(200, dtype=np.float64) / 7
    repeated = np.repeat(np.array([120.0, 80.5, np.nan]), 70)
    assert _with_sample(8, distinct) == [repr(float(v)) for v in distinct]
    assert _with_sample(8, repeated) == ["" if v != v else repr(float(v)) for v in repeated]
    assert seen == [200, 2]          # every value of the first; the two distinct numbers of the second
