"""Topological order of a small directed graph held as plain dicts, without networkx.

Why not networkx here: importing it costs about a tenth of a second, several percent of a
cold ``check``, and a set without cycles — every set a planner runs — needs nothing from it
but one topological sort. So the sort is done over an insertion-ordered adjacency dict, in
*exactly* networkx's order (``nx.topological_sort`` is Kahn's algorithm by generations:
nodes without predecessors in node order, then, generation by generation, each node's
successors in edge order as their last predecessor is taken; tests/test_graph_order.py
compares the two on generated graphs). When the graph has a cycle the callers fall back to
networkx's own strongly-connected-components and ``find_cycle``, so the messages about
cycles are the ones they always were.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Hashable, Iterable

if TYPE_CHECKING:
    import networkx as nx

Adjacency = dict[Hashable, dict[Hashable, None]]


def adjacency(nodes: Iterable[Hashable]) -> Adjacency:
    """An empty adjacency over ``nodes``, in their order (edges are added with :func:`add_edge`)."""
    return {n: {} for n in nodes}


def add_edge(adj: Adjacency, u: Hashable, v: Hashable) -> None:
    """The edge u → v, as ``DiGraph.add_edge`` would add it (new nodes at the end, edges once)."""
    succ = adj.get(u)
    if succ is None:
        succ = adj[u] = {}
    if v not in adj:
        adj[v] = {}
    succ[v] = None


def topological_order(adj: Adjacency) -> list | None:
    """Every node after all its predecessors, in networkx's order; None when there is a cycle
    (a self-loop included)."""
    indegree: dict[Hashable, int] = dict.fromkeys(adj, 0)
    for succ in adj.values():
        for v in succ:
            indegree[v] += 1
    order = [n for n, d in indegree.items() if d == 0]
    waiting = {n: d for n, d in indegree.items() if d > 0}
    i = 0
    while i < len(order):          # generations follow one another in this one list
        for child in adj[order[i]]:
            left = waiting[child] - 1
            if left == 0:
                order.append(child)
                del waiting[child]
            else:
                waiting[child] = left
        i += 1
    return None if waiting else order


def as_digraph(adj: Adjacency) -> "nx.DiGraph":
    """The same graph as a networkx ``DiGraph`` (same node and edge order), for the cycle
    messages."""
    import networkx as nx

    g = nx.DiGraph()
    g.add_nodes_from(adj)
    g.add_edges_from((u, v) for u, succ in adj.items() for v in succ)
    return g
