"""Text columns read from Parquet as dictionaries are encoded to the same codes and texts as the
plain texts: several row groups, dictionaries in the same order or not, nulls, blanks and
surrounding spaces (the texts in order of first appearance, null and blank -1)."""
from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings, strategies as st

from indikator.data.table import encode_strings

WORDS = ["a", "b", " a", "c ", "", None, "d", "panjang sekali"]


def _reference(values):
    texts: list[str] = []
    codes = []
    for v in values:
        t = None if v is None else v.strip(" \t\r\n\u00a0") or None
        if t is None:
            codes.append(-1)
            continue
        if t not in texts:
            texts.append(t)
        codes.append(texts.index(t))
    return codes, texts


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12), min_size=1, max_size=5))
def test_dictionary_columns_encode_like_plain_text(tmp_path_factory, groups):
    path = tmp_path_factory.mktemp("enc") / "t.parquet"
    with pq.ParquetWriter(path, pa.schema([("x", pa.string())])) as w:
        for g in groups:                                      # one row group each
            w.write_table(pa.table({"x": pa.array(g, pa.string())}))
    column = pq.read_table(path, read_dictionary=["x"]).column(0)
    assert pa.types.is_dictionary(column.type)
    codes, texts = encode_strings(column)
    flat = [v for g in groups for v in g]
    assert (codes.tolist(), texts) == _reference(flat)


@pytest.mark.parametrize("groups", [[["a", "b"], ["a", "b"], ["a", "b"]],     # every dictionary alike
                                    [["a", "b"], ["b", "a"]], [["a"], ["b", "a"], ["c", "b"]],
                                    [["a", "b"], ["c", "d", "c"], ["e"]],           # sorted ids: shifted
                                    [["", "a"], ["b", " c "], [None, "d"]]])
def test_row_groups_with_alike_and_reordered_dictionaries(tmp_path, groups):
    path = tmp_path / "t.parquet"
    with pq.ParquetWriter(path, pa.schema([("x", pa.string())])) as w:
        for g in groups:
            w.write_table(pa.table({"x": pa.array(g, pa.string())}))
    codes, texts = encode_strings(pq.read_table(path, read_dictionary=["x"]).column(0))
    assert (codes.tolist(), texts) == _reference([v for g in groups for v in g])
