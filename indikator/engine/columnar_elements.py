"""Element roll-ups of the entity-less evaluation as columns (after engine/columnar.py).

An element's achievement is the weighted mean of its indicators' achievements (or of its
supporting elements', ``achievement: children``). On the entity-less axis that is, for a
region, 4,200 weighted means of one-element arrays. Here elements with the same number of
parts are one group: column ``j`` of part ``i`` is element ``j``'s ``i``-th part, the
weights are per column, and the sum runs part by part in the same order as
:func:`achievement.weighted_mean` -- the same floats.

**Exactness.** A roll-up is taken here only when every part is already evaluated (in the
engine's memo: nothing is evaluated here, so no diagnostic moves), no part is left out
(a missing or undefined achievement writes a message) and the weights do not add up to 0.
Anything else -- a position, ``achievement: children`` over a position, an element without
parts, one whose part the columnar pass left to the one-indicator path -- is left to
``Engine.element_result``, as without this module.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..model import POSITION_LEVEL
from .achievement import predicate_index
from .positions import holder_axis_for, is_entityless
from .results import Axis, ElementResult
from .values import Vec

if TYPE_CHECKING:  # pragma: no cover
    from .evaluate import Engine


def run(engine: "Engine", plan: list[tuple[str, Axis]], period) -> None:
    """Put the roll-up of every element of ``plan`` on the entity-less axis that can be
    taken as a column into the engine's memo."""
    dset = engine.dset
    pkey = period.key
    todo: dict[str, Axis] = {}
    for el_id, axis in plan:
        if not is_entityless(axis) or engine.has_result("element", (el_id, pkey, axis.key)):
            continue
        hax = holder_axis_for(engine, el_id, axis)
        if hax is None:
            if dset.elements[el_id].level != POSITION_LEVEL:
                todo[el_id] = axis
        elif len(hax) == 1 and not engine.has_result("element", (el_id, pkey, hax.key)):
            todo[el_id] = hax       # a position's single holder (its mean: positions.element_mean)
    level: dict[str, int | None] = {}
    parts: dict[str, list] = {}

    def plan_of(el_id: str) -> int | None:
        """The element's level (0: reads indicators; n + 1: reads elements of level n); None
        when it is left to the engine."""
        if el_id in level:
            return level[el_id]
        level[el_id] = None            # a cycle (refused by check) stays None
        el = dset.elements[el_id]
        axis = todo.get(el_id)
        if axis is None:
            return None
        got: list = []
        lv = 0
        if el.indicators:
            for ind_id in el.indicators:
                if ind_id not in dset.indicators:
                    continue
                key = (ind_id, pkey, axis.key)
                if not engine.has_result("indicator", key):
                    return None
                r = engine.indicator_result(ind_id, period, axis)      # in the memo: nothing runs
                got.append((r.achievement, dset.indicators[ind_id].weight))
        elif el.achievement == "children":
            for child in engine.children_of(el_id):
                if dset.elements[child].level == POSITION_LEVEL or todo.get(child) is not axis:
                    return None
                lc = plan_of(child)
                if lc is None:
                    return None
                got.append((child, 1.0))
                lv = max(lv, lc + 1)
        if not got:
            return None
        parts[el_id] = got
        level[el_id] = lv
        return lv

    groups: dict[tuple, list[str]] = {}
    for el_id in todo:
        lv = plan_of(el_id)
        if lv is not None:
            el = dset.elements[el_id]
            groups.setdefault((lv, len(parts[el_id]), id(engine.scale(el.predicate_scale))), []).append(el_id)
    plan_of = None      # a closure that calls itself is a reference cycle: let reference counting free it
    done: dict[str, tuple] = {}
    for key in sorted(groups, key=lambda k: k[0]):
        _group(engine, groups[key], parts, done, todo, period)


def _group(engine: "Engine", members: list[str], parts: dict, done: dict, todo: dict, period) -> None:
    n, k = len(members), len(parts[members[0]])
    value = np.empty((n, k))
    undefined = np.zeros((n, k), bool)
    weight = np.empty((n, k))
    usable = np.ones(n, bool)
    for j, el_id in enumerate(members):
        for i, (part, w) in enumerate(parts[el_id]):
            if isinstance(part, str):                 # a supporting element, rolled up before
                hit = done.get(part)
                if hit is None:
                    usable[j] = False
                    value[j, i] = np.nan
                    weight[j, i] = w
                    continue
                value[j, i], undefined[j, i] = hit
            else:
                value[j, i], undefined[j, i] = part.value[0], part.undefined[0]
            weight[j, i] = w
    # achievement.weighted_mean, column by column: a left-out part or weights adding up to 0
    # write a message, so those elements are left to the engine
    num = np.zeros(n)
    den = np.zeros(n)
    counted = np.zeros(n, bool)
    for i in range(k):
        v = value[:, i]
        ok = ~np.isnan(v)
        counted |= ok
        usable &= ok
        num = np.where(ok, num + v * weight[:, i], num)
        den = np.where(ok, den + weight[:, i], den)
    usable &= ~(counted & (den == 0))
    with np.errstate(all="ignore"):
        out = np.where(den > 0, num / np.where(den == 0, 1, den), np.nan)
    zero = np.zeros(n, bool)
    first = engine.dset.elements[members[0]]
    scale = engine.scale(first.predicate_scale)
    pred = predicate_index(scale, out)
    pkey = period.key
    for j, el_id in enumerate(members):
        if not usable[j]:
            continue
        axis = todo[el_id]
        done[el_id] = (out[j], zero[j])
        engine.remember("element", (el_id, pkey, axis.key), ElementResult(
            engine.dset.elements[el_id], axis, period, Vec(out[j:j + 1], zero[j:j + 1]), scale, pred[j:j + 1],
            engine.budget(el_id, period), engine.efficiency, []))
