"""render/dotlines.py writes the same node and edge lines as the graphviz package itself."""
from __future__ import annotations

import graphviz
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indikator.render.dotlines import DotLines

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
NAMES = st.one_of(TEXT, st.sampled_from(["e_a", "e_a:b", "e_a:b:n", "node", "e_1.5", "e_x y", 'e_"q"', "e_\\"]))
pytestmark = pytest.mark.filterwarnings("ignore:expect syntax error")   # odd strings the package warns about

LABELS = st.one_of(st.none(), TEXT, st.builds(lambda t: f"<<B>{t}</B>>", st.text("abc <>&", max_size=6)))
ATTRS = st.dictionaries(st.sampled_from(["color", "fillcolor", "style", "shape", "margin", "penwidth"]),
                        st.one_of(TEXT, st.sampled_from(["#ffffff55", "filled,rounded", "0.05", "box", ""])),
                        max_size=5)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(NAMES, LABELS, ATTRS), min_size=1, max_size=6))
def test_nodes_as_graphviz_writes_them(nodes):
    ours, theirs, lines = graphviz.Digraph(), graphviz.Digraph(), DotLines()
    for name, label, attrs in nodes * 2:           # twice: the second time from the caches
        lines.node(ours, name, label, **attrs)
        theirs.node(name, label, **attrs)
    assert ours.source == theirs.source


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(NAMES, NAMES, ATTRS), min_size=1, max_size=6))
def test_edges_as_graphviz_writes_them(edges):
    ours, theirs, lines = graphviz.Digraph(), graphviz.Digraph(), DotLines()
    for tail, head, attrs in edges * 2:
        lines.edge(ours, tail, head, **attrs)
        theirs.edge(tail, head, **attrs)
    assert ours.source == theirs.source
