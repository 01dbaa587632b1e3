"""Graphviz body lines as :meth:`graphviz.Digraph.node` and ``.edge`` write them, each distinct
id and attribute set quoted once.

A region's chart has 4,200 boxes, 4,300 edges and a rank line per box; the ``graphviz``
package quotes every id, attribute name and value anew on each call (three regular
expressions a string), which took as long as building all the labels. The boxes of a chart
share a handful of attribute sets (a fill colour per predicate), and every id is quoted
once here and reused by its box, its rank line and its edges. The quoting itself is still
the package's (:func:`graphviz.quoting.quote`, ``quote_edge``, ``attr_list``); only the
line around it (``\\t{name}{attributes}\\n``, ``\\t{tail} -> {head}{attributes}\\n``) is
written here, and ``tests/test_render_lines.py`` checks it against the package's own lines.
"""
from __future__ import annotations

from graphviz import quoting


class DotLines:
    """Appends node and edge lines to a (sub)graph's ``body``, the package's text exactly."""

    def __init__(self) -> None:
        self._names: dict[str, str] = {}
        self._ends: dict[str, str] = {}
        self._attrs: dict[tuple, str] = {}

    def name(self, node: str) -> str:
        q = self._names.get(node)
        if q is None:
            q = self._names[node] = quoting.quote(node)
        return q

    def end(self, node: str) -> str:
        """An edge end (``quote_edge``: a ``:`` starts a port)."""
        q = self._ends.get(node)
        if q is None:
            q = self._ends[node] = quoting.quote_edge(node)
        return q

    def attrs(self, label: str | None, attrs: dict[str, str]) -> str:
        """``graphviz.quoting.attr_list(label, kwargs=attrs)``; the part without the label is
        made once per distinct attribute set."""
        key = tuple(sorted(attrs.items()))
        rest = self._attrs.get(key)
        if rest is None:
            rest = self._attrs[key] = quoting.a_list(None, kwargs=attrs)
        if label is None:
            return f" [{rest}]" if rest else ""
        head = f"label={quoting.quote(label)}"
        return f" [{head} {rest}]" if rest else f" [{head}]"

    def node(self, graph, node: str, label: str | None = None, **attrs: str) -> None:
        graph.body.append(f"\t{self.name(node)}{self.attrs(label, attrs)}\n")

    def edge(self, graph, tail: str, head: str, **attrs: str) -> None:
        graph.body.append(f"\t{self.end(tail)} -> {self.end(head)}{self.attrs(None, attrs)}\n")
