"""The topological order computed without networkx is networkx's own, edge for edge.

``indikator.graph.order`` replaces ``nx.topological_sort`` on the check's path (its import
is a noticeable share of a cold ``check``); the evaluation order it gives must be the very
order networkx gave, and a graph with a cycle must be told apart.
"""
from __future__ import annotations

import networkx as nx
from hypothesis import given, settings, strategies as st

from indikator.graph.order import add_edge, adjacency, as_digraph, topological_order

edges = st.lists(st.tuples(st.integers(0, 14), st.integers(0, 14)), max_size=40)


def _both(n: int, es: list[tuple[int, int]]) -> tuple[dict, nx.DiGraph]:
    nodes = [f"n{k}" for k in range(n)]
    adj = adjacency(nodes)
    g = nx.DiGraph()
    g.add_nodes_from(nodes)
    for u, v in es:
        add_edge(adj, f"n{u}", f"n{v}")
        g.add_edge(f"n{u}", f"n{v}")
    return adj, g


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 12), edges)
def test_same_order_as_networkx_or_none_on_a_cycle(n, es):
    adj, g = _both(n, es)
    ours = topological_order(adj)
    if nx.is_directed_acyclic_graph(g):
        assert ours == list(nx.topological_sort(g))
    else:
        assert ours is None


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 12), edges.map(lambda es: [(min(u, v), max(u, v)) for u, v in es if u != v]))
def test_acyclic_graphs_in_networkx_order(n, es):
    """Edges from lower to higher numbers never close a cycle: every example has an order."""
    adj, g = _both(n, es)
    assert topological_order(adj) == list(nx.topological_sort(g))


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 12), edges)
def test_as_digraph_keeps_nodes_and_edges_in_order(n, es):
    adj, g = _both(n, es)
    h = as_digraph(adj)
    assert list(h.nodes) == list(g.nodes)
    assert [list(h.successors(u)) for u in h] == [list(g.successors(u)) for u in g]
