"""Positions inside block scalars: the quick one-line alignment gives exactly what the greedy
character-by-character alignment gives (``formula: >`` with the formula on the next line is
how planners write long formulas, and every formula message points into it)."""
from __future__ import annotations

import pytest
from hypothesis import assume, given, settings, strategies as st

from indikator.load.yaml_source import ScalarPos, _greedy_alignment, _one_line_alignment, load_yaml

HEADS = [">", "|", ">-", "|-", ">+", "|+", "> # min avg", "|2", ">  # a.b"]
line_text = st.text(alphabet="abmin()/×%.,_ 0123456789{}-+*<>=\"'#:", min_size=1, max_size=40)


def _positions(doc, path):
    node = doc.str_nodes[path]
    return ScalarPos(*doc.scalars[path]), node.value


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(HEADS), line_text, st.sampled_from(["", "\n", "\n\n", "\n  \n"]),
       st.sampled_from(["", "x: 1\n"]))
def test_quick_alignment_is_the_greedy_one(head, line, after, before):
    text = f"{before}formula: {head}\n    {line}\n{after}y: 2\n"
    doc, diags = load_yaml("f.yaml", text)
    assume(doc is not None and not diags and isinstance(doc.data, dict) and ("formula",) in doc.str_nodes)
    pos, value = _positions(doc, ("formula",))
    quick = _one_line_alignment("f.yaml", text, pos, value)
    slow = _greedy_alignment("f.yaml", text, pos, value)
    if quick is not None:
        assert (quick.points, quick.end) == (slow.points, slow.end)


@pytest.mark.parametrize("head", [">", "|", ">-", "|+"])
def test_the_usual_block_formula_takes_the_quick_way(head):
    text = f"formula: {head}\n  min(a.actual / a.target × 100%, 120)\n"
    doc, _ = load_yaml("f.yaml", text)
    pos, value = _positions(doc, ("formula",))
    quick = _one_line_alignment("f.yaml", text, pos, value)
    assert quick is not None
    assert quick.position(0) == (2, 3)              # the 'm' of min
    assert (quick.points, quick.end) == (lambda s: (s.points, s.end))(_greedy_alignment("f.yaml", text, pos, value))


def test_a_first_character_seen_earlier_takes_the_greedy_way():
    text = "formula: >  # min here\n  min(a, b)\n"
    doc, _ = load_yaml("f.yaml", text)
    pos, value = _positions(doc, ("formula",))
    assert _one_line_alignment("f.yaml", text, pos, value) is None
