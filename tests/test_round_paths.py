"""round_half_away: the one-number path (Python floats, engine/values.py) gives exactly what the
array path (numpy) gives, sign of zero included."""
import math as _math

import numpy as _np
import pytest
from hypothesis import given as _given, settings as _settings, strategies as _st

from indikator.engine.values import round_half_away as _rha

_EDGES = [0.0, -0.0, _math.nan, _math.inf, -_math.inf, 75.995, 1.005, -1.005, 0.5, 2.5, -2.5, 91.0 - 1e-14,
          72.8 / 80 * 100, 7042932613.0, 12345678.46, 2.0 ** 52, 2.0 ** 52 + 1, 1e300, -1e-300, 5e-324]
_EDGES += [s * 10.0 ** k * f for k in range(-8, 20) for f in (1.0, 1 - 2 ** -52, 1 + 2 ** -52, 0.5, 0.995)
           for s in (1, -1)]


def _same(a: float, b: float) -> bool:
    return (_math.isnan(a) and _math.isnan(b)) or (a == b and _math.copysign(1, a) == _math.copysign(1, b))


@pytest.mark.parametrize("digits", [0, 1, 2, 3])
def test_round_half_away_one_number_equals_the_array_path_on_edges(digits):
    arr = _rha(_np.array(_EDGES + [0.0]), digits)          # two or more: the numpy path
    for x, want in zip(_EDGES, arr):
        assert _same(float(_rha(_np.array([x]), digits)[0]), float(want)), x


@_settings(max_examples=400, deadline=None)
@_given(_st.floats(allow_nan=True, allow_infinity=True), _st.integers(0, 4))
def test_round_half_away_one_number_equals_the_array_path(x, digits):
    want = float(_rha(_np.array([x, 0.0]), digits)[0])
    assert _same(float(_rha(_np.array([x]), digits)[0]), want)
