"""The loaded model behind ``indikator serve``: definitions, data, engine — reloaded when files change.

Like fava's ledger, one :class:`Workspace` owns everything the pages show.
On every page load :meth:`Workspace.current` compares the modification times
(and sizes) of the definition and data files with those of the last load; if
anything changed — a file edited, added or removed — it loads again through
the same pipeline as the command line (``load_definitions`` → ``read_data`` →
``DataStore`` → ``Engine``). The result is an immutable :class:`Snapshot`
with its own caches (evaluations, rendered charts), so a reload simply
replaces the snapshot and nothing stale survives.

A file that no longer checks gives a snapshot whose ``ok`` is false and whose
diagnostics say where: the pages show those instead of an old tree. Nothing
here raises to the web layer for bad input; an unexpected exception while
loading becomes an ``internal`` diagnostic and is logged.

The snapshot also knows the only files the server may show
(:attr:`Snapshot.files`): the definition files and the data files, each
under a web name; nothing else is ever read for a request.
"""
from __future__ import annotations

import gc
import logging
import os
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Callable

from ..diagnostics import Diagnostic, Span, error, has_errors
from ..messages import Problem, default_lang, render as render_message
from ..output.numbers import number

log = logging.getLogger("indikator.serve")


class LRU:
    """A small least-recently-used cache (rendered charts are large; keep a few)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._d: OrderedDict = OrderedDict()

    def get(self, key, make: Callable[[], Any]):
        if key in self._d:
            self._d.move_to_end(key)
            return self._d[key]
        value = make()
        self._d[key] = value
        while len(self._d) > self.size:
            self._d.popitem(last=False)
        return value


@dataclass
class Snapshot:
    """Everything loaded from one state of the files. Never changed after it is made."""

    fingerprint: tuple
    root: str
    dset: Any                          # DefinitionSet | None
    def_diags: list[Diagnostic]
    data_diags: list[Diagnostic]
    store: Any                         # DataStore | None
    engine: Any                        # Engine | None
    files: dict[str, str]              # web name → real path (the only files ever shown)
    web_names: dict[str, str]          # a diagnostic's file text → web name
    loaded_at: float
    load_seconds: float
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False)
    evaluations: LRU = field(default_factory=lambda: LRU(16), repr=False)
    charts: LRU = field(default_factory=lambda: LRU(24), repr=False)
    layout_cache: bool = False         # Graphviz's output reused across runs (render/layout_cache.py)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return self.def_diags + self.data_diags

    @property
    def ok(self) -> bool:
        """True when the definitions and the data load without errors: the tree can be shown."""
        return self.dset is not None and self.engine is not None and not has_errors(self.diagnostics)

    def web_name(self, file: str | None) -> str | None:
        if not file:
            return None
        return self.web_names.get(file) or self.web_names.get(os.path.realpath(file))

    def evaluate(self, period, entity: str | None = None):
        """The engine's evaluation for (period, entity), computed once per snapshot."""
        with self.lock:
            return self.evaluations.get((period.key, entity), lambda: self.engine.evaluate(period, entity))


class Workspace:
    """The definition folder and data paths given to ``indikator serve``, loaded on demand."""

    def __init__(self, root: str, data_paths: tuple[str, ...] | list[str] = (), locale: str = "C",
                 efficiency: str = "difference", cache: bool = False, lang: str | None = None) -> None:
        self.root = root
        self.lang = lang            # of the server's own log lines (the pages have theirs)
        self.cache = cache          # the model cache (PRODUCT.md §13); `serve` turns it on unless --no-cache
        self.data_paths = tuple(data_paths)
        self.locale = locale
        self.efficiency = efficiency
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None

    # ------------------------------------------------------------ which files
    def allowed_roots(self) -> list[str]:
        """Folders (or single files) whose files may be shown: the definitions' and the data's."""
        return [os.path.realpath(p) for p in (self.root, *self.data_paths)]

    def _files(self) -> tuple[list[str], list[str]]:
        from ..data.paths import expand_data_paths
        from ..load.loader import find_files

        defs = find_files(self.root) if os.path.exists(self.root) else []
        data = expand_data_paths(self.data_paths)
        return defs, data

    @staticmethod
    def _stat(path: str) -> tuple:
        try:
            st = os.stat(path)
            return (path, st.st_mtime_ns, st.st_size)
        except OSError:
            return (path, None, None)

    def fingerprint(self) -> tuple:
        defs, data = self._files()
        return tuple(self._stat(p) for p in defs) + ("|",) + tuple(self._stat(p) for p in data)

    # ------------------------------------------------------------------ load
    def current(self) -> Snapshot:
        """The snapshot for the files as they are now; loads again if any of them changed."""
        with self._lock:
            try:
                fp = self.fingerprint()
            except Exception:  # pragma: no cover - listing a folder failed in a way os.stat did not catch
                log.exception("cannot list the files of %s", self.root)
                fp = ("unlistable", time.time())
            if self._snapshot is None or self._snapshot.fingerprint != fp:
                reload = self._snapshot is not None
                self._snapshot = None                 # the old model may go while the new one loads
                if reload:
                    gc.unfreeze()                     # let the collector find the old model's cycles
                was_enabled = gc.isenabled()
                gc.disable()                          # loading makes millions of objects, none of them garbage
                try:
                    self._snapshot = self._load(fp)
                finally:
                    if was_enabled:
                        gc.enable()
                if reload:
                    gc.collect()
                # the model lives as long as the snapshot: keep the collector from walking its
                # millions of objects again at every collection while the pages evaluate (as the
                # command line does after loading; 1-1.5 s of a region's first view)
                gc.freeze()
            return self._snapshot

    def _load(self, fp: tuple) -> Snapshot:
        started = time.perf_counter()
        dset = store = engine = None
        def_diags: list[Diagnostic] = []
        data_diags: list[Diagnostic] = []
        defs, data = [], []
        try:
            defs, data = self._files()
            from ..load import load_definitions

            dset, def_diags = load_definitions(self.root, cache=self.cache)
            if dset is not None and not has_errors(def_diags):
                if data:
                    from ..data import DataStore, read_data

                    table, data_diags = read_data(data, self.locale)
                    if table is not None and not has_errors(data_diags):
                        store = DataStore(table, extra_entities=[h.id for h, _ in dset.holders()])
                if not has_errors(data_diags):
                    from ..engine import Engine

                    engine = Engine(dset, store, self.efficiency)
        except Exception as exc:  # never let bad input take the server down
            log.exception("loading %s failed", self.root)
            def_diags = list(def_diags) + [error("internal", Problem("serve-internal-load", {"what": repr(exc)}),
                                                 Span(self.root, 1, 1))]
            engine = None
        files, web_names = self._web_names(defs, data)
        seconds = time.perf_counter() - started
        log.info("%s", render_message("serve-loaded", {"path": self.root, "files": len(files),
                                                       "seconds": number(seconds, self.lang or default_lang())},
                                      self.lang))
        return Snapshot(fp, self.root, dset, def_diags, data_diags, store, engine, files, web_names,
                        time.time(), seconds, layout_cache=self.cache)

    def _web_names(self, defs: list[str], data: list[str]) -> tuple[dict[str, str], dict[str, str]]:
        """Short names for the URL of each file: relative to the definition folder where
        possible, else ``data-N/…`` for the N-th ``--data`` path."""
        from ..load.loader import display_name

        root = os.path.realpath(self.root)
        root_dir = root if os.path.isdir(root) else os.path.dirname(root)
        files: dict[str, str] = {}
        names: dict[str, str] = {}

        def add(path: str, web: str) -> None:
            real = os.path.realpath(path)
            if not any(_inside(real, r) for r in self.allowed_roots()):
                return                                    # a symlink pointing elsewhere is never shown
            web = web.replace(os.sep, "/")
            if web in files and files[web] != real:
                return
            files[web] = real
            for key in (path, display_name(path), real, os.path.abspath(path)):
                names.setdefault(key, web)

        for p in defs:
            add(p, os.path.relpath(os.path.realpath(p), root_dir))
        for p in data:
            real = os.path.realpath(p)
            if _inside(real, root_dir):
                add(p, os.path.relpath(real, root_dir))
                continue
            for i, dp in enumerate(self.data_paths):
                base = os.path.realpath(dp)
                if _inside(real, base):
                    rel = os.path.relpath(real, base) if os.path.isdir(base) else os.path.basename(real)
                    add(p, f"data-{i + 1}/{rel}")
                    break
        return files, names


def _inside(path: str, root: str) -> bool:
    """True when real path ``path`` is ``root`` or lies below it."""
    try:
        return os.path.commonpath([path, root]) == root
    except ValueError:
        return False
