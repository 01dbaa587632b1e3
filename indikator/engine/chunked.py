"""Evaluating one chunk of holders, and the elements above them at the end (``eval
--chunk-rows``; the driver that reads, evaluates and writes chunk by chunk is
:mod:`indikator.output.chunked`: no file or stream is touched here).
"""
from __future__ import annotations

import numpy as np

from ..data.roster import Roster
from ..data.store import DataStore
from ..diagnostics import Diagnostic, error
from ..messages import Problem
from ..model import POSITION_LEVEL
from .batch import plan as plan_entities, roster_arrays
from .evaluate import Engine
from .results import Evaluation
from .values import Vec


def evaluate_holders(engine: Engine, store: DataStore, roster: Roster, period) -> Evaluation | Diagnostic:
    """The positions of ``roster`` (a chunk's holders) on ``store`` (the chunk's data); an
    error when the data names an entity that holds none of them."""
    engine.reset(store, roster)
    stray = _non_holders(engine)
    if stray is not None:
        return error("data-chunk", Problem("chunk-not-a-holder", {"entity": stray}))
    dset = engine.dset
    positions = [(el_id, ax) for el_id, ax in plan_entities(engine, "all")
                 if dset.elements[el_id].level == POSITION_LEVEL]
    return engine.evaluate(period, "all", plan=positions)


def evaluate_above(engine: Engine, store: DataStore, roster: Roster, means: dict[str, Vec],
                   period) -> Evaluation:
    """The elements that are not positions, on the data without an entity; a position counts
    with its mean over ``means`` (every holder's achievement, gathered chunk by chunk)."""
    engine.reset(store, roster)
    main = engine.axis("null", [None])
    rest = [(el.id, main) for el in engine.dset.elements.values() if el.level != POSITION_LEVEL]
    return engine.evaluate(period, "all", plan=rest, rollup_means=means)


def _non_holders(engine: Engine) -> str | None:
    """An entity of the chunk's data that is not one of the chunk's holders, if any."""
    ids = engine.store.entity_ids()
    if not ids:
        return None
    _, cols = roster_arrays(engine)
    seen = np.zeros(len(ids) + 1, bool)
    seen[cols] = True
    missing = np.flatnonzero(~seen[:len(ids)])
    return ids[int(missing[0])] if len(missing) else None
