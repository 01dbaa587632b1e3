"""Load a definition set: one folder (or file) → a merged, checked :class:`DefinitionSet`.

One ordered pipeline, as in beancount's loader: find the files, read each
safely with positions, build its records, merge them (:func:`assemble`, here:
merging is the loader's job), run the set-wide checks of
:mod:`indikator.graph.rules` (diagnostics only), then resolve the formulas'
names into a new set (:mod:`indikator.graph.resolve`). Every stage adds
diagnostics; nothing here prints or exits.
"""
from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, SourceTexts, Span, error, sort_key
from ..input_paths import why_unreadable
from ..messages import Problem
from ..model import BUILTIN_SCALES, DEFAULT_LEVELS, DefinitionSet, Element, Indicator

if TYPE_CHECKING:
    from .build import RawSet

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


def load_definitions(root: str, cache: bool = False) -> tuple[DefinitionSet | None, list[Diagnostic]]:
    """Load, merge and check every definition file under ``root``.

    Returns the set (also when it has errors, as far as it could be built, so
    that ``check`` can report everything) or ``None`` when nothing could be read.
    With ``cache`` the result is taken from (and kept in) the model cache of
    :mod:`indikator.load.cache` while the files, their names and the program are
    unchanged; the commands pass ``cache=True`` unless ``--no-cache`` is given.
    """
    with _cyclic_gc_paused():
        problem = why_unreadable(root, folder_ok=True)
        if problem is not None:
            if problem.code == "path-missing":
                return None, [error("no-such-path", Problem("load-no-such-path", {"path": root}))]
            return None, [error("unreadable", problem)]
        paths = find_files(root)
        if not paths:
            return None, [error("no-definitions", Problem("load-no-definitions", {"path": root}), Span(root, 1, 1))]
        files, unreadable, failed = _read_files(paths)
        if not cache or unreadable:
            return _load_files(root, [display_name(p) for p in paths], files, unreadable, failed)
        from . import cache as model_cache

        key = model_cache.cache_key(root, files)
        hit = model_cache.load_entry(root, key)
        if hit is not None:
            dset, diags = hit
            dset.sources = _texts(files)[0]
            return dset, list(diags)
        dset, diags = _load_files(root, [f.name for f in files], files, [], [])
        if dset is not None:
            kept = dset.sources
            dset.sources = SourceTexts()   # the texts are re-read anyway to compute the key
            try:
                model_cache.store_entry(root, key, (dset, tuple(diags)))
            finally:
                dset.sources = kept
        return dset, diags


def _read_files(paths: list[str]) -> tuple[list, list[Diagnostic], list[str]]:
    """Every file's bytes, an ``unreadable`` diagnostic for each one the system would not give,
    and the names of those whose reading failed (their follow-ons are skipped)."""
    from .cache import SourceFile

    files, diags, failed = [], [], []
    for path in paths:
        name = display_name(path)
        problem = why_unreadable(path)
        if problem is not None:   # checked before open: a FIFO would block it forever
            diags.append(error("unreadable", Problem(problem.code, {**problem.params, "path": name}),
                               Span(name, 1, 1)))
            continue
        try:
            with open(path, "rb") as fh:
                files.append(SourceFile(path, name, fh.read()))
        except OSError as exc:
            from ..messages.os_errors import os_reason

            diags.append(error("unreadable", Problem("load-cannot-read", {"reason": os_reason(exc)}), Span(name, 1, 1)))
            failed.append(name)
    return files, diags, failed


def _texts(files: list) -> tuple[SourceTexts, list[tuple[str, str | None]], list[Diagnostic]]:
    """Decode each file as UTF-8 (a BOM allowed); point at the first bad byte otherwise."""
    sources = SourceTexts()
    texts: list[tuple[str, str | None]] = []
    diags: list[Diagnostic] = []
    for f in files:
        try:
            text = f.data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            # point at the offending byte: line as counted in bytes, column in bytes of that line
            data = f.data
            line = data.count(b"\n", 0, exc.start) + 1
            col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
            diags.append(error("unreadable", Problem("load-not-utf8", {"reason": exc.reason, "byte": exc.start}),
                               Span(f.name, line, col)))
            texts.append((f.name, None))
            continue
        sources.add(f.name, text)
        texts.append((f.name, text))
    return sources, texts, diags


def _load_files(root: str, shown_files: list[str], files: list, unreadable: list[Diagnostic],
                failed_reads: list[str]) -> tuple[DefinitionSet | None, list[Diagnostic]]:
    sources, texts, decode_diags = _texts(files)
    # every file's problems in file order, as they are found (the note on skipped follow-ons
    # goes to the first failed file's error)
    early: dict[str, list[Diagnostic]] = {}
    for d in list(unreadable) + decode_diags:
        early.setdefault(d.span.file if d.span else "", []).append(d)
    text_of = dict(texts)
    failed: list[str] = []      # files that could not be read or parsed at all
    diags: list[Diagnostic] = list(early.pop("", []))
    # imported here: a warm load from the model cache needs neither the YAML reader, nor the
    # schema (pydantic builds its validators on import), nor the formula parser, nor the checks
    from ..graph.resolve import resolve
    from ..graph.rules import run_rules
    from .build import RawSet, build_file
    from .grammar_cache import prepare_formula_parser
    from .yaml_source import load_yaml

    prepare_formula_parser()
    raw = RawSet()
    for name in shown_files:
        diags.extend(early.pop(name, []))
        if name in failed_reads:
            failed.append(name)
            continue
        if name not in text_of:
            continue                                    # refused before reading (why_unreadable)
        text = text_of[name]
        if text is None:
            failed.append(name)
            continue
        doc, yd = load_yaml(name, text)
        diags.extend(yd)
        if doc is None:
            failed.append(name)
            continue
        build_file(doc, raw, diags)

    for rest in early.values():
        diags.extend(rest)
    gd: list[Diagnostic] = []
    dset = assemble(root, shown_files, raw, sources, gd)
    dset, names = resolve(dset)            # a new set: formulas' names and evaluation order
    gd.extend(names)
    gd.extend(run_rules(dset))             # checks on it: diagnostics only, the set unchanged
    if failed and len(failed) < len(shown_files):
        diags = _skip_follow_ons(diags, gd, failed)
    else:
        diags.extend(gd)
    return dset, diags


def assemble(root: str, files: list[str], raw: "RawSet", sources: SourceTexts,
             diags: list[Diagnostic]) -> DefinitionSet:
    """Merge the records of all files into one set (duplicate ids are reported into ``diags``,
    the first one kept)."""
    levels = merged_levels(raw, diags)
    scales = all_scales(raw, diags)
    elements: dict[str, Element] = {}
    indicators: dict[str, Indicator] = {}
    first_seen: dict[str, Span] = {}
    for item in [*raw.elements, *raw.indicators]:
        if item.id in first_seen:
            diags.append(error("duplicate-id", Problem("load-duplicate-id", {"id": item.id,
                                                                            "at": str(first_seen[item.id])}),
                               item.span))
            continue
        first_seen[item.id] = item.span
        (elements if isinstance(item, Element) else indicators)[item.id] = item
    variables = {}
    for v in raw.variables:
        if v.id in variables:
            diags.append(error("duplicate-id", Problem("load-duplicate-variable", {
                "id": v.id, "at": str(variables[v.id].span)}), v.span))
            continue
        variables[v.id] = v
    dset = DefinitionSet(root=root, files=files, levels=levels, elements=elements, indicators=indicators,
                         variables=variables, scales=scales, sources=sources, broken_ids=frozenset(raw.broken_ids))
    for sig in getattr(raw, "signatories", ()):
        if sig.agency in dset.signatories:
            diags.append(error("duplicate-signatory", Problem("load-duplicate-signatory", {
                "agency": sig.agency, "at": str(dset.signatories[sig.agency].span)}), sig.span))
            continue
        dset.signatories[sig.agency] = sig
    return dset


#: Set-wide findings that a file which failed to load can cause by itself: references to
#: what it defines, and coverage over what it holds. With such a file they are follow-ons.
FOLLOW_ON_CODES = {"unknown-reference", "unknown-name", "unknown-scale", "no-owner",
                   "no-indicators", "position-no-holder", "position-no-indicator", "holder-twice",
                   "owner-not-position"}


#: an unknown name or label (a follow-on of a failed file), by the message's code — not by its
#: English wording; a field that does not exist ('.target' of a variable) is the file's own slip
UNKNOWN_NAME_PROBLEMS = frozenset({"chk-unknown-name", "chk-unknown-label"})


def _names_unknown(d: Diagnostic) -> bool:
    return d.problem is not None and d.problem.code in UNKNOWN_NAME_PROBLEMS


def _skip_follow_ons(diags: list[Diagnostic], rule_diags: list[Diagnostic], failed: list[str]) -> list[Diagnostic]:
    """Every file's own problems, without the follow-ons of the files that failed to load.

    One indentation slip in one file otherwise gives a "no such element" in every file that
    refers to its elements, burying the one real error. The first failed file's error carries
    one note saying which checks were skipped and why.
    """
    import dataclasses

    kept = [d for d in rule_diags if d.code not in FOLLOW_ON_CODES
            or (d.code == "unknown-name" and not _names_unknown(d))]
    note = Problem("check-skipped", {"n": len(failed), "files": ", ".join(failed)})
    # the note goes to the first error of the failed files, in the order they are shown
    eligible = [k for k, d in enumerate(diags) if d.is_error and d.span is not None and d.span.file in failed]
    first = min(eligible, key=lambda k: sort_key(diags[k])) if eligible else None
    out: list[Diagnostic] = []
    for k, d in enumerate(diags):
        if k == first:
            d = dataclasses.replace(d, notes=(*d.notes, note.render("en")),
                                    note_problems=(*(d.note_problems or d.notes), note))
        out.append(d)
    return out + kept


def merged_levels(raw: "RawSet", diags: list[Diagnostic]) -> tuple[str, ...]:
    """The declared ``levels`` (all files that declare them must agree), else the default ones."""
    if not raw.levels:
        return DEFAULT_LEVELS
    first, first_span = raw.levels[0]
    for levels, span in raw.levels[1:]:
        if levels != first:
            diags.append(error("levels-conflict", Problem("load-levels-conflict", {"at": str(first_span)}), span))
    if len(set(first)) != len(first):
        diags.append(error("levels-duplicate", Problem("load-levels-duplicate"), first_span))
    return first


def all_scales(raw: "RawSet", diags: list[Diagnostic]) -> dict:
    scales = dict(BUILTIN_SCALES)
    seen: dict[str, Span | None] = {}
    for s in raw.scales:
        if s.name in seen:
            diags.append(error("duplicate-scale", Problem("load-duplicate-scale", {"name": s.name, "at": str(seen[s.name])}),
                               s.span))
            continue
        seen[s.name] = s.span
        scales[s.name] = s
    return scales
