"""§7.1's count check (a fractional actual of a count gets a message) marks exactly the
finite values more than 1e-9 away from a whole number, whatever the array: hypothesis against
the plain definition."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np
from hypothesis import given, settings, strategies as st

from indikator.engine.positions import fractional_count
from indikator.engine.values import Vec


class _Ctx:
    def __init__(self) -> None:
        self.problems: list = []

    def problem(self, mask, msg) -> None:
        self.problems.append((mask.copy(), msg))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.floats(allow_nan=True, allow_infinity=True, width=64),
                          st.integers(-10**6, 10**6).map(float),
                          st.integers(-10**6, 10**6).map(lambda k: k + 1e-10),
                          st.integers(-10**6, 10**6).map(lambda k: k + 2e-9)), max_size=40))
def test_fraction_mask_is_the_definition(values):
    v = np.array(values, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        want = np.isfinite(v) & (np.abs(v - np.round(v)) > 1e-9)
    ctx = _Ctx()
    fractional_count(SimpleNamespace(unit="orang"), Vec(v, np.zeros(len(v), bool)), ctx, "IKI")
    if want.any():
        assert len(ctx.problems) == 1 and np.array_equal(ctx.problems[0][0], want)
        i = int(np.flatnonzero(want)[0])
        assert ctx.problems[0][1].params["value"] == f"{v[i]:g}"
    else:
        assert ctx.problems == []


def test_percentages_are_never_counts():
    ctx = _Ctx()
    fractional_count(SimpleNamespace(unit="%"), Vec(np.array([1.5]), np.zeros(1, bool)), ctx, "IKI")
    assert ctx.problems == []
