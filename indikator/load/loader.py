"""Load a definition set: one folder (or file) → a merged, checked :class:`DefinitionSet`.

One ordered pipeline, as in beancount's loader: find the files, read each
safely with positions, build its records, merge, then run the set-wide rules
of :mod:`indikator.graph`. Every stage adds diagnostics; nothing here prints
or exits.
"""
from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from pathlib import Path

from ..diagnostics import Diagnostic, SourceTexts, Span, error
from ..input_paths import why_unreadable
from ..messages import Problem
from ..model import BUILTIN_SCALES, DEFAULT_LEVELS, DefinitionSet
from .build import RawSet, build_file
from .yaml_source import load_yaml

YAML_SUFFIXES = (".yaml", ".yml")


def find_files(root: str) -> list[str]:
    """Every ``*.yaml``/``*.yml`` under ``root`` (or ``root`` itself), in a stable order."""
    p = Path(root)
    if not p.is_dir():
        return [str(p)]
    # every entry named *.yaml that is not a folder, also when it cannot be read (a dangling
    # link, a loop, a FIFO, a device): loading names it as an error, never skips it silently
    files = [str(f) for f in p.rglob("*") if f.suffix.lower() in YAML_SUFFIXES and not f.is_dir()]
    return sorted(files)


def display_name(path: str) -> str:
    """Paths as the planner typed them, relative to the current folder where possible."""
    try:
        rel = os.path.relpath(path)
        return path if rel.startswith("..") else rel
    except ValueError:  # pragma: no cover - other drive on Windows
        return path


@contextmanager
def _cyclic_gc_paused():
    """Loading allocates millions of long-lived objects (nodes, spans, records) and
    frees almost none; the cyclic collector would rescan them again and again
    (a third of the CPU time on a large set). Reference counting still frees
    everything; cycles left behind are collected once the collector resumes."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_definitions(root: str) -> tuple[DefinitionSet | None, list[Diagnostic]]:
    """Load, merge and check every definition file under ``root``.

    Returns the set (also when it has errors, as far as it could be built, so
    that ``check`` can report everything) or ``None`` when nothing could be read.
    """
    with _cyclic_gc_paused():
        return _load_definitions(root)


def _load_definitions(root: str) -> tuple[DefinitionSet | None, list[Diagnostic]]:
    diags: list[Diagnostic] = []
    problem = why_unreadable(root, folder_ok=True)
    if problem is not None:
        if problem.code == "path-missing":
            return None, [error("no-such-path", f"no such file or folder: {root}")]
        return None, [error("unreadable", problem.render("en"))]
    files = find_files(root)
    if not files:
        return None, [error("no-definitions", f"no *.yaml or *.yml files under {root}", Span(root, 1, 1))]
    sources = SourceTexts()
    raw = RawSet()
    shown_files = []
    for path in files:
        name = display_name(path)
        shown_files.append(name)
        problem = why_unreadable(path)
        if problem is not None:   # checked before open: a FIFO would block it forever
            diags.append(error("unreadable", Problem(problem.code, {**problem.params, "path": name}).render("en"),
                               Span(name, 1, 1)))
            continue
        try:
            with open(path, "rb") as fh:
                data = fh.read()
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            # point at the offending byte: line as counted in bytes, column in bytes of that line
            line = data.count(b"\n", 0, exc.start) + 1
            col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
            diags.append(error("unreadable", f"file is not UTF-8 text ({exc.reason} at byte {exc.start}); "
                                             "save it as UTF-8", Span(name, line, col)))
            continue
        except OSError as exc:
            diags.append(error("unreadable", f"cannot read file: {exc.strerror}", Span(name, 1, 1)))
            continue
        sources.add(name, text)
        doc, yd = load_yaml(name, text)
        diags.extend(yd)
        if doc is None:
            continue
        build_file(doc, raw, diags)

    from ..graph.rules import assemble  # the set-wide rules need the whole set
    dset, gd = assemble(root, shown_files, raw, sources)
    diags.extend(gd)
    return dset, diags


def merged_levels(raw: RawSet, diags: list[Diagnostic]) -> tuple[str, ...]:
    """The declared ``levels`` (all files that declare them must agree), else the default ones."""
    if not raw.levels:
        return DEFAULT_LEVELS
    first, first_span = raw.levels[0]
    for levels, span in raw.levels[1:]:
        if levels != first:
            diags.append(error("levels-conflict",
                               f"'levels' differs from the one declared at {first_span}; declare it once",
                               span))
    if len(set(first)) != len(first):
        diags.append(error("levels-duplicate", "'levels' lists a level twice", first_span))
    return first


def all_scales(raw: RawSet, diags: list[Diagnostic]) -> dict:
    scales = dict(BUILTIN_SCALES)
    seen: dict[str, Span | None] = {}
    for s in raw.scales:
        if s.name in seen:
            diags.append(error("duplicate-scale", f"scale '{s.name}' is defined twice (also at {seen[s.name]})",
                               s.span))
            continue
        seen[s.name] = s.span
        scales[s.name] = s
    return scales
