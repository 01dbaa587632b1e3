"""Cascading charts (pohon kinerja) with Graphviz: build the graph, write it by extension."""
from .cascade import RenderOptions, build_graph
from .write import RenderError, output_format, page_path, write_graph

__all__ = ["RenderOptions", "RenderError", "build_graph", "output_format", "page_path", "write_graph"]
