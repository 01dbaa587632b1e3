"""Capaian (achievement), its cap, and the predikat — PRODUCT.md §6, vectorized.

Each rule is a small function over arrays: the achievement of every entity
for one indicator is a few numpy operations. Undefined results (a zero
target, a zero actual under ``inverse``) mark the entity ``undefined`` with a
message; they never raise and never give infinity.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from ..data.periods import Period, parse_period
from ..model import Indicator, Scale, Target, TargetValue
from ..messages import Problem
from .compile import EvalContext

#: what weighted_mean averages → the word's catalog code
_WORD = {"indicator": "w-indicator", "supporting element": "w-supporting-element"}
from .values import Vec, round_half_away


def target_for(target: Target | None, period: Period) -> tuple[TargetValue | None, str | None]:
    """The target for ``period``: the exact key, else the annual target of the year P ends in.

    Returns the value and the key it came from (for ``explain``).
    """
    if target is None:
        return None, None
    if target.single is not None:
        return target.single, "(one target for every period)"
    # keyed by span, as the data store does: ``2024-S1`` is exact for ``2024-01..2024-06``;
    # the first key of a span counts. One scan, no dict: a region asks 12,600 times.
    want = (period.start_month, period.end_month)
    year = period.year_end()
    annual = (year * 12, year * 12 + 11)
    fallback = None
    spans = _SPANS
    for key, value in target.by_period:
        span = spans.get(key) or span_of(key)
        if span == want:
            return value, key
        if fallback is None and span == annual:
            fallback = (value, key)
    return fallback if fallback is not None else (None, None)


_SPANS: dict[str, tuple[int, int]] = {}


def span_of(key: str) -> tuple[int, int]:
    """(first, last month) of a target's period key, parsed once per distinct key: a region's
    12,600 targets name a handful of years, and every evaluation asked again."""
    span = _SPANS.get(key)
    if span is None:
        p = parse_period(key)
        span = _SPANS[key] = (p.start_month, p.end_month)
    return span


def _ratio(ctx: EvalContext, num: np.ndarray, den: np.ndarray | float, why: str) -> Vec:
    """``num / den × 100``; where ``den`` is 0, undefined with the problem coded ``why``."""
    den = np.broadcast_to(np.asarray(den, dtype=np.float64), num.shape)
    zero = (den == 0) & ~np.isnan(num)
    with np.errstate(all="ignore"):
        out = np.where(zero, np.nan, num / np.where(den == 0, 1.0, den) * 100.0)
    ctx.problem(zero, Problem(why))
    return Vec(out, zero)


def positive(ctx: EvalContext, actual: Vec, t: TargetValue) -> Vec:
    return _ratio(ctx, actual.value, t.number, "ach-target-zero-positive")


def negative(ctx: EvalContext, actual: Vec, t: TargetValue) -> Vec:
    if t.number == 0:
        return _ratio(ctx, actual.value, 0.0, "ach-target-zero-negative")
    with np.errstate(over="ignore", invalid="ignore"):    # a huge actual: inf, caught by achievement()
        out = np.maximum((2 * t.number - actual.value) / t.number * 100.0, 0.0)
    return Vec(np.where(np.isnan(actual.value), np.nan, out), np.zeros(len(actual), dtype=bool))


def inverse(ctx: EvalContext, actual: Vec, t: TargetValue) -> Vec:
    num = np.where(np.isnan(actual.value), np.nan, float(t.number))
    return _ratio(ctx, num, actual.value, "ach-actual-zero-inverse")


def in_range(ctx: EvalContext, actual: Vec, t: TargetValue) -> Vec:
    a = actual.value
    lo, hi = float(t.min), float(t.max)
    below = a < lo
    above = a > hi
    out = np.where(np.isnan(a), np.nan, 100.0)
    und = np.zeros(len(actual), dtype=bool)
    if below.any():
        if lo == 0:  # pragma: no cover - a < 0 with min 0
            und |= below
            ctx.problem(below, Problem("ach-range-min-zero"))
        else:
            out = np.where(below, a / lo * 100.0, out)
    if above.any():
        if hi == 0:
            und |= above
            ctx.problem(above, Problem("ach-range-max-zero"))
        else:
            with np.errstate(over="ignore"):        # far above the range overflows to -inf: 0 after the floor
                out = np.where(above, np.maximum((2 * hi - a) / (hi if hi else 1.0) * 100.0, 0.0), out)
    out = np.where(und, np.nan, out)
    return Vec(out, und)


def grade(ctx: EvalContext, actual: Vec, t: TargetValue, grades: tuple[str, ...]) -> Vec:
    """100 when the actual grade reaches the target, else rank(actual) / rank(target) × 100."""
    rank_t = grades.index(t.grade) + 1
    a = actual.value
    out = np.where(np.isnan(a), np.nan, np.where(a >= rank_t, 100.0, a / rank_t * 100.0))
    return Vec(out, np.zeros(len(actual), dtype=bool))


def achievement(ind: Indicator, actual: Vec, t: TargetValue | None, ctx: EvalContext,
                formula: Callable | None, grades: tuple[str, ...]) -> tuple[Vec, str]:
    """The achievement of every entity, after the cap; and the method's name (for explain)."""
    n = len(actual)
    if t is None:
        missing = Vec.full(n, np.nan)
        ctx.problem(~actual.undefined, Problem("ach-no-target", {"period": str(ctx.period)}))
        return _carry_undefined(missing, actual), "none (no target)"
    if ind.achievement_method == "formula" and formula is not None:
        target_vec = Vec.full(n, _target_number(t, grades))
        ctx.self_values = {"actual": actual, "target": target_vec}
        result = formula(ctx)
        method = "formula"
    elif t.grade is not None:
        result, method = grade(ctx, actual, t, grades), "grade"
    elif t.is_range:
        result, method = in_range(ctx, actual, t), "range"
    elif ind.polarity == "negative" and ind.achievement_method == "inverse":
        result, method = inverse(ctx, actual, t), "inverse"
    elif ind.polarity == "negative":
        result, method = negative(ctx, actual, t), "negative"
    elif ind.achievement_method == "inverse":
        result, method = inverse(ctx, actual, t), "inverse"
    else:
        result, method = positive(ctx, actual, t), "positive"
    if ind.cap is not None:
        result = Vec(np.where(np.isnan(result.value), np.nan, np.minimum(result.value, ind.cap)),
                     result.undefined)
    inf = np.isinf(result.value)
    if inf.any():  # §5: never infinity (a tiny target, an overflow)
        ctx.problem(inf, Problem("ach-overflow", {"where": ctx.formula_name}))
        result = Vec(np.where(inf, np.nan, result.value), result.undefined | inf)
    return _carry_undefined(result, actual), method


def _target_number(t: TargetValue, grades: tuple[str, ...]) -> float:
    if t.grade is not None and t.grade in grades:
        return float(grades.index(t.grade) + 1)
    return float(t.number) if t.number is not None else np.nan


def _carry_undefined(result: Vec, actual: Vec) -> Vec:
    """An undefined actual makes the achievement undefined too (not merely missing)."""
    und = result.undefined | actual.undefined
    value = np.where(und, np.nan, result.value)
    return Vec(value, und)


def predicate_index(scale: Scale, achievement: np.ndarray) -> np.ndarray:
    """Index of the band of each achievement (-1 when missing).

    The achievement is rounded to two decimals first (half away from zero):
    the figure the tables show decides the predikat, so 91,00 is always
    Sangat Tinggi whatever noise the arithmetic left.
    """
    shown = round_half_away(achievement, 2)
    out = np.full(achievement.shape, -1, dtype=np.int16)
    for i in range(len(scale.bands) - 1, -1, -1):
        out[shown >= scale.bands[i].min] = i
    return out


def weighted_mean(parts: list[tuple[str, Vec, float]], problems: list, what: str) -> Vec:
    """The weighted mean of ``parts`` (id, achievement, weight) per entity; a part without a
    value is left out, with a problem naming it; weights adding up to 0 make it undefined."""
    n = len(parts[0][1])
    num = np.zeros(n)
    den = np.zeros(n)
    counted = np.zeros(n, dtype=bool)
    for pid, vec, w in parts:
        ok = ~np.isnan(vec.value)
        counted |= ok
        num[ok] += vec.value[ok] * w
        den[ok] += w
        left_out = ~ok
        # per entity: one entity's undefined achievement must not relabel another's missing one
        for mask, why in ((left_out & vec.undefined, "w-undefined"), (left_out & ~vec.undefined, "w-missing")):
            if mask.any():
                problems.append((mask, Problem("eng-left-out", {"what": Problem(_WORD[what]), "id": pid,
                                                                "why": Problem(why)})))
    with np.errstate(all="ignore"):
        out = np.where(den > 0, num / np.where(den == 0, 1, den), np.nan)
    zero = counted & (den == 0)
    if zero.any():
        problems.append((zero, Problem("eng-weights-zero-indicators" if what == "indicator"
                                       else "eng-weights-zero-elements")))
    return Vec(out, zero)


#: The method of :func:`achievement` for each kind of :func:`achievement_columns`.
METHOD_NAMES = {"positive": "positive", "negative": "negative", "inverse": "inverse", "range": "range",
                "grade": "grade"}


def achievement_kind(ind: Indicator, t: TargetValue, grades: tuple[str, ...]) -> str | None:
    """Which rule of :func:`achievement` applies to ``ind`` against ``t`` (None: one that
    :func:`achievement_columns` does not do -- an achievement formula, a range with one bound,
    a grade outside the scale)."""
    if ind.achievement_method == "formula":
        return None
    if t.grade is not None:
        return "grade" if t.grade in grades else None
    if t.is_range:
        return "range" if t.min is not None and t.max is not None else None
    if t.number is None:
        return None
    if ind.polarity == "negative" and ind.achievement_method != "inverse":
        return "negative"
    return "inverse" if ind.achievement_method == "inverse" else "positive"


def achievement_columns(kind: str, ctx: EvalContext, actual: Vec, number: np.ndarray, low: np.ndarray,
                        high: np.ndarray, cap: np.ndarray) -> Vec:
    """:func:`achievement` for many indicators of one ``kind`` at once, column ``j`` being
    indicator ``j`` (engine/columnar.py): the same operations on each element, with the target
    (``number``; ``low``/``high`` of a range; the grade's rank for ``grade``) and the cap
    (NaN: none) per column. Where a rule branches on the target (a zero target, a zero
    bound) each column takes its own branch; a problem is added for every column that meets
    one, as the one-indicator rule adds it."""
    a = actual.value
    with np.errstate(all="ignore"):
        if kind == "positive":
            result = _ratio(ctx, a, number, "ach-target-zero-positive")
        elif kind == "inverse":
            result = _ratio(ctx, np.where(np.isnan(a), np.nan, number), a, "ach-actual-zero-inverse")
        elif kind == "negative":
            tz = number == 0
            zero = tz & ~np.isnan(a)
            ctx.problem(zero, Problem("ach-target-zero-negative"))
            normal = np.where(np.isnan(a), np.nan,
                              np.maximum((2 * number - a) / np.where(tz, 1.0, number) * 100.0, 0.0))
            result = Vec(np.where(zero, np.nan, np.where(tz, a / 1.0 * 100.0, normal)), zero)
        elif kind == "range":
            below, above = a < low, a > high
            lo0, hi0 = low == 0, high == 0
            out = np.where(np.isnan(a), np.nan, 100.0)
            und = (below & lo0) | (above & hi0)
            ctx.problem(below & lo0, Problem("ach-range-min-zero"))
            ctx.problem(above & hi0, Problem("ach-range-max-zero"))
            out = np.where(below & ~lo0, a / np.where(lo0, 1.0, low) * 100.0, out)
            out = np.where(above & ~hi0, np.maximum((2 * high - a) / np.where(hi0, 1.0, high) * 100.0, 0.0), out)
            result = Vec(np.where(und, np.nan, out), und)
        else:   # grade: number is the target's rank
            out = np.where(np.isnan(a), np.nan, np.where(a >= number, 100.0, a / number * 100.0))
            result = Vec(out, np.zeros(len(actual), dtype=bool))
        capped = ~np.isnan(cap)
        if capped.any():
            result = Vec(np.where(capped, np.where(np.isnan(result.value), np.nan, np.minimum(result.value, cap)),
                                  result.value), result.undefined)
    inf = np.isinf(result.value)
    if inf.any():
        ctx.problem(inf, Problem("ach-overflow", {"where": ctx.formula_name}))
        result = Vec(np.where(inf, np.nan, result.value), result.undefined | inf)
    return _carry_undefined(result, actual)
