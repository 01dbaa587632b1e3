"""The chunked reader's duplicate check says "no point given twice" exactly when that is
true, whether the rows are sorted by entity (checked slice by slice, an entity's cells carried
into the next slice) or not (one bitmap of every cell): hypothesis against a plain set."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from indikator.data import chunks
from indikator.data.periods import parse_period
from indikator.data.table import DataTable

PERIODS = [parse_period(k) for k in ("2024-01", "2024-02", "2024-03")]


def _table(ent, var, per) -> DataTable:
    n = len(ent)
    return DataTable(np.array(ent, np.int32), [f"E{i}" for i in range(max(ent, default=-1) + 1)],
                     np.array(per, np.int32), PERIODS, np.array(var, np.int32), ["a", "b"],
                     np.zeros(n))


rows = st.lists(st.tuples(st.integers(-1, 6), st.integers(0, 1), st.integers(0, 2)), max_size=40)


@settings(max_examples=300, deadline=None)
@given(rows, st.booleans(), st.sampled_from([1, 2, 3, 5, 1 << 20]))
def test_no_duplicates_is_the_set_check(points, sort, step):
    if sort:
        points = sorted(points, key=lambda p: p[0])
    want = len(set(points)) == len(points)
    t = _table([p[0] for p in points], [p[1] for p in points], [p[2] for p in points])
    saved = chunks._DUP_STEP
    chunks._DUP_STEP = step
    try:
        assert chunks.no_duplicates(t) == want
    finally:
        chunks._DUP_STEP = saved


@pytest.mark.parametrize("step", [1, 2, 4])
def test_a_duplicate_split_across_slices_is_found(step):
    # entity 1 spans three slices; its repeated cell is at both ends
    t = _table([0, 1, 1, 1, 1, 1, 2], [0, 0, 1, 0, 1, 0, 0], [0, 0, 0, 1, 1, 0, 0])
    saved = chunks._DUP_STEP
    chunks._DUP_STEP = step
    try:
        assert chunks._no_duplicates_sorted(t) is False
        assert chunks.no_duplicates(t) is False
    finally:
        chunks._DUP_STEP = saved
