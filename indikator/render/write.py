"""Write a cascade graph to ``.dot``, ``.svg``, ``.png`` or ``.pdf``, atomically.

The format comes from the file's extension. Rendering goes through the
Graphviz ``dot`` program (``graphviz.Digraph.pipe``), so nothing is written
when ``dot`` fails; the result is then written with a temp file and rename.
Large regions can be split into one page per agency (``--split agency``):
each agency's branch with the region levels above it.
"""
from __future__ import annotations

import os

import graphviz

from .. import formats
from ..output.files import write_atomically

FORMATS = formats.CHART              # extension → format (indikator/formats.py)


class RenderError(Exception):
    """Graphviz could not render the graph (e.g. ``dot`` is not installed)."""


def output_format(path: str) -> str | None:
    return FORMATS.get(os.path.splitext(path)[1].lower())


def graph_bytes(graph: graphviz.Digraph, fmt: str) -> bytes:
    if fmt == "dot":
        return graph.source.encode("utf-8")
    try:
        return graph.pipe(format=fmt)
    except graphviz.ExecutableNotFound as exc:
        raise RenderError("Graphviz's 'dot' program is not installed (apt-get install graphviz)") from exc
    except graphviz.CalledProcessError as exc:
        msg = (exc.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        raise RenderError("Graphviz failed: " + (msg[-1] if msg else str(exc))) from exc


def write_graph(graph: graphviz.Digraph, path: str) -> None:
    fmt = output_format(path)
    if fmt is None:
        raise RenderError(f"unknown output format for {path}; use .svg, .png, .pdf or .dot")
    write_atomically(path, graph_bytes(graph, fmt))


def page_path(path: str, suffix: str) -> str:
    """``chart.svg`` + ``Disdukcapil`` → ``chart-Disdukcapil.svg`` (safe file-name characters only)."""
    base, ext = os.path.splitext(path)
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in suffix).strip("_") or "page"
    return f"{base}-{safe}{ext}"
