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
from ..messages import Problem, render
from ..output.files import write_atomically
from .layout_cache import laid_out

FORMATS = formats.CHART              # extension → format (indikator/formats.py)


class RenderError(Exception):
    """Graphviz could not render the graph (e.g. ``dot`` is not installed): a catalog message,
    said in the run's language by :meth:`text`."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(render(problem.code, problem.params, "en"))
        self.problem = problem

    def text(self, lang: str) -> str:
        return render(self.problem.code, self.problem.params, lang)


def output_format(path: str) -> str | None:
    return FORMATS.get(os.path.splitext(path)[1].lower())


def graph_bytes(graph: graphviz.Digraph, fmt: str, cache: bool = False) -> bytes:
    """The chart in ``fmt``; with ``cache`` Graphviz's output for the same DOT text is reused
    (render/layout_cache.py: the commands pass it unless ``--no-cache``)."""
    if fmt == "dot":
        return graph.source.encode("utf-8")
    try:
        return laid_out(graph.source, fmt, lambda: graph.pipe(format=fmt), cache)
    except graphviz.ExecutableNotFound as exc:
        raise RenderError(Problem("render-no-dot", {})) from exc
    except graphviz.CalledProcessError as exc:
        msg = (exc.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        raise RenderError(Problem("render-dot-failed", {"words": msg[-1] if msg else str(exc)})) from exc


def write_graph(graph: graphviz.Digraph, path: str, cache: bool = False) -> None:
    fmt = output_format(path)
    if fmt is None:
        raise RenderError(Problem("render-unknown-format", {"path": path}))
    write_atomically(path, graph_bytes(graph, fmt, cache))


def page_path(path: str, suffix: str) -> str:
    """``chart.svg`` + ``Disdukcapil`` → ``chart-Disdukcapil.svg`` (safe file-name characters only)."""
    base, ext = os.path.splitext(path)
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in suffix).strip("_") or "page"
    return f"{base}-{safe}{ext}"
