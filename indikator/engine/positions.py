"""One person, one number (PRODUCT.md §7, v2): a position's figure without ``--entity``.

A position (``jabatan``) with holders is evaluated per holder. Without ``--entity`` its
element record used to be computed from the entity-less data, so the chart showed one
figure for a Kepala Dinas and the report (per holder) another. Here the entity-less record
of a position with holders is the mean over its holders' achievements — the same mean
:func:`batch.position_rollup` gives a parent with ``achievement: children`` — with a message
naming how many holders it covers; its indicators' records are the holders' means too.
Every view (eval, render, report, serve) asks the engine for these records, so all show
the same number.
"""
from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

import numpy as np

from ..messages import Problem
from ..model import NON_COUNT_UNITS, POSITION_LEVEL
from .achievement import predicate_index
from .batch import holders_axis
from .results import Axis, ElementResult, IndicatorResult
from .values import Vec

if TYPE_CHECKING:  # pragma: no cover
    from .evaluate import Engine


def is_entityless(axis: Axis) -> bool:
    """The axis of ``eval`` without ``--entity`` (one column, no entity)."""
    return len(axis.labels) == 1 and axis.labels[0] is None


def holder_axis_for(engine: "Engine", el_id: str, axis: Axis) -> Axis | None:
    """The holders' axis when ``el_id`` is a position with holders evaluated on the
    entity-less axis (its figure is then the holders' mean), else None."""
    if not is_entityless(axis) or engine.dset.elements[el_id].level != POSITION_LEVEL:
        return None
    hax = holders_axis(engine, el_id)
    return hax if hax is not None and len(hax) else None


def _mean(v: Vec) -> tuple[Vec, int]:
    ok = ~np.isnan(v.value)
    if ok.any():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            return Vec(np.array([float(np.mean(v.value[ok]))]), np.zeros(1, bool)), int(ok.sum())
    undefined = bool(len(v.undefined)) and bool(v.undefined.all())
    return Vec(np.array([np.nan]), np.array([undefined])), 0


def _message(n: int, counted: int) -> Problem:
    return Problem("position-holder-mean", {"holders": n, "counted": counted})


def element_mean(engine: "Engine", el_id: str, period, axis: Axis, hax: Axis) -> ElementResult:
    """The position's entity-less element record: its holders' mean achievement."""
    per_holder = engine.element_result(el_id, period, hax)
    ach, counted = _mean(per_holder.achievement)
    problems = [(np.ones(1, bool), _message(len(hax), counted))]
    return ElementResult(per_holder.element, axis, period, ach, per_holder.scale,
                         predicate_index(per_holder.scale, ach.value), per_holder.budget,
                         per_holder.efficiency_method, problems)


def indicator_mean(engine: "Engine", ind_id: str, period, axis: Axis, hax: Axis) -> IndicatorResult:
    """A position's indicator without ``--entity``: the mean over its holders (the actual's
    mean only for numbers; a mean grade is no grade)."""
    r = engine.indicator_result(ind_id, period, hax)
    ach, counted = _mean(r.achievement)
    actual = _mean(r.actual)[0] if not r.grades else Vec(np.array([np.nan]), np.zeros(1, bool))
    problems = [(np.ones(1, bool), _message(len(hax), counted))]
    return IndicatorResult(r.indicator, axis, period, r.target, r.target_key, actual, ach, r.method,
                           r.scale, predicate_index(r.scale, ach.value), problems, ())


def fractional_count(ind, actual: Vec, ctx, name: str) -> None:
    """§7.1: a count (any unit but %, persen, indeks, nilai, skor, rasio) with a fractional
    actual gets a message: ``1.234`` documents read as 1.234 is the usual slip."""
    if ind.unit.strip().lower() in NON_COUNT_UNITS:
        return
    v = actual.value
    with np.errstate(invalid="ignore"):
        frac = np.isfinite(v) & (np.abs(v - np.round(v)) > 1e-9)
    if frac.any():
        i = int(np.flatnonzero(frac)[0])
        ctx.problem(frac, Problem("count-fraction", {"indicator": name, "unit": ind.unit, "what": Problem("w-actual"),
                                                     "value": f"{v[i]:g}"}))
