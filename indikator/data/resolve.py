"""The §7 rules of PRODUCT.md over ``m`` columns at once, one named step per rule.

:class:`~indikator.data.store.DataStore` answers "variable V in period P" for every entity
(``m`` = entities + the entity-less column) and ``explain`` answers it for one column with a
trace of the points used; both run the same :class:`Resolution`, so what ``explain`` shows is
what ``eval`` computed. The steps, in the order :meth:`Resolution.run` takes them:

1. :func:`split_keys` -- the period keys of V that equal P's span and those strictly inside it;
2. :meth:`Resolution.exact_key` -- an exact key with a value wins (rule 1);
3. :meth:`Resolution.aggregation_known` -- an unknown ``period_aggregation`` is an error (6);
4. :func:`aggregation_order` / :func:`parts_disjoint` -- the order in which parts combine;
5. :meth:`Resolution.aggregate_inside` -- the parts combined with the aggregation, empty
   values skipped and counted (rules 2, 3), overlapping parts of a sum reported (rule 5);
6. :meth:`Resolution.finish` -- "aggregation needed but not declared" (6), the mean's
   division, and which keys supplied the answer.

It knows nothing of files or entities' names: the store hands it, per period key, the key's
effective values over the columns (rule 4, entities override, is the store's ``eff``), how to
name a column in a message and where a data row sits in its file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np

from ..diagnostics import Diagnostic, Span, did_you_mean, error
from ..messages import Problem
from .periods import Period

AGGREGATIONS = ("sum", "last", "mean", "min", "max")
MAX_ERRORS = 20

# Effective data of one period key over the m columns: (values, present, row_of)
Effective = tuple[np.ndarray, np.ndarray, Callable[[int], int | None]]
Keys = Sequence[tuple[Period, int]]


@dataclass
class Point:
    """A data point shown by ``explain``: its key, value and origin."""

    period: str
    value: float
    file: str
    line: int


def split_keys(groups: Keys, period: Period) -> tuple[list[tuple[Period, int]],
                                                       list[tuple[Period, int]]]:
    """The keys whose span equals P's (``2024`` and ``2024-01..2024-12`` alike: rule 1) and
    those lying strictly inside P (the parts of rule 2). A key that only overlaps P, or lies
    outside it, plays no part: half a quarter's figure cannot be cut out of it."""
    exact = [(p, g) for p, g in groups if p.same_span(period)]
    inside = [(p, g) for p, g in groups if period.contains(p) and not p.same_span(period)]
    return exact, inside


def aggregation_order(inside: Keys, agg: str | None) -> list[tuple[Period, int]]:
    """The parts in the order they combine. For ``last`` by end, then start: the last part
    written wins, so the latest end wins and, on equal ends, the later start -- the shorter,
    more specific figure. For the others by start, then end (the order only matters for the
    overlap check and for which keys are listed as used)."""
    if agg == "last":
        return sorted(inside, key=lambda pg: (pg[0].end_month, pg[0].start_month))
    return sorted(inside, key=lambda pg: (pg[0].start_month, pg[0].end_month))


def parts_disjoint(order: Keys, agg: str | None) -> bool:
    """Whether the parts of a ``sum`` cannot double count (rule 5) for anyone: when each part
    starts after every earlier one has ended (the months of a quarter, say), no entity can
    have overlapping points, and the per-entity overlap bookkeeping is skipped."""
    disjoint = agg == "sum"
    end_so_far = -1
    for q, _ in order:
        disjoint = disjoint and q.start_month > end_so_far
        end_so_far = max(end_so_far, q.end_month)
    return disjoint


@dataclass
class Resolution:
    """One derivation of variable V in period P over ``m`` columns, built step by step.

    ``eff(g)`` gives period key ``g``'s effective values over the columns, ``who(col)`` the
    name of column ``col`` for a message, ``span(row)`` and ``provenance(row)`` where a data
    row comes from. With ``track`` the points of column 0 are recorded for ``explain``.
    """

    variable: str
    period: Period
    m: int
    eff: Callable[[int], Effective]
    who: Callable[[int], str]
    span: Callable[[int | None], Span | None]
    provenance: Callable[[int], tuple[str, int]]
    track: bool = False
    result: np.ndarray = field(init=False)
    skipped: np.ndarray = field(init=False)
    used: list[str] = field(default_factory=list)
    diags: list[Diagnostic] = field(default_factory=list)
    trace: dict = field(default_factory=lambda: {"rule": "missing", "used": [], "skipped": []})

    def __post_init__(self) -> None:
        self.result = np.full(self.m, np.nan)
        self.skipped = np.zeros(self.m, np.int32)

    def run(self, groups: Keys, aggregation: str | None):
        """All of §7 for V's period keys ``groups``; returns (values, skipped, used keys,
        diagnostics, trace). Aggregating is skipped when the exact keys answered everyone."""
        exact, inside = split_keys(groups, self.period)
        self.exact_key(exact)
        need = np.isnan(self.result)
        if inside and need.any() and self.aggregation_known(aggregation):
            order = aggregation_order(inside, aggregation)
            self.aggregate_inside(order, aggregation, need)
        return self.result, self.skipped, self.used, self.diags, self.trace

    def point(self, p: Period, value: float, row_of: Callable[[int], int | None]) -> Point:
        """Column 0's point at key ``p`` for ``explain``, with the file and line of its row."""
        row = row_of(0)
        f, line = self.provenance(row) if row is not None else ("", 0)
        return Point(p.key, value, f, line)

    def exact_key(self, exact: Keys) -> None:
        """Rule 1: a point at exactly P's span that has a value is the answer. An empty one
        does not win (it falls through to the parts) and is counted as skipped. Two exact
        keys of one span (``2024`` and ``2024-01..2024-12``) that disagree are an error."""
        result, m = self.result, self.m
        source = np.full(m, -1, np.int32)
        for j, (p, g) in enumerate(exact):
            vals, present, row_of = self.eff(g)
            has = present & ~np.isnan(vals)
            self.skipped += present & ~has
            if self.track and present[0] and not has[0]:
                self.trace["skipped"].append(self.point(p, float("nan"), row_of))
            clash = has & ~np.isnan(result) & (vals != result)
            if clash.any():
                col = int(np.flatnonzero(clash)[-1])
                self.diags.append(error("data-conflict", Problem("data-conflict", {
                    "variable": self.variable, "a": exact[int(source[col])][0].key, "b": p.key,
                    "who": self.who(col)}), self.span(row_of(col))))
            take = has & np.isnan(result)
            if take.any():
                result[take] = vals[take]
                source[take] = j
                self.used.append(p.key)
                if self.track:
                    self.trace["rule"] = "exact"
                    self.trace["used"].append(self.point(p, float(vals[0]), row_of))

    def aggregation_known(self, agg: str | None) -> bool:
        """Rule 6, first half: an aggregation that is not one of §7's is an error with a
        suggestion (a missing one is only an error if a part actually had to be combined,
        which :meth:`finish` decides)."""
        if agg is not None and agg not in AGGREGATIONS:
            self.diags.append(error("data-aggregation", Problem("data-unknown-aggregation", {
                "variable": self.variable, "aggregation": agg, "choices": ", ".join(AGGREGATIONS)}),
                suggestions=did_you_mean(agg, AGGREGATIONS)))
            return False
        return True

    def aggregate_inside(self, order: Keys, agg: str | None, need: np.ndarray) -> None:
        """Rules 2 and 3 for the columns that rule 1 left without an answer (``need``): each
        part's values are combined with ``agg``; empty values are skipped and counted, never
        read as zero."""
        m = self.m
        parts = _Parts(m, agg)
        need_all = bool(need.all())
        disjoint = parts_disjoint(order, agg)
        for k, (p, g) in enumerate(order):
            vals, present, row_of = self.eff(g)
            nan_vals = np.isnan(vals)
            has = ~nan_vals
            has &= present
            nan_vals &= present                       # present but empty: skipped
            if not need_all:
                has &= need
                nan_vals &= need
            self.skipped += nan_vals
            if self.track and present[0] and need[0] and np.isnan(vals[0]):
                self.trace["skipped"].append(self.point(p, float("nan"), row_of))
            parts.contributed.append(bool(has.any()))
            if not parts.contributed[-1]:
                continue
            parts.needed_keys.append(p.key)
            if agg is None:
                continue
            if agg == "sum" and not disjoint:
                self.overlaps(parts, order, k, has, row_of)
            parts.combine(vals, has, k)
            if self.track and has[0]:
                self.trace["used"].append(self.point(p, float(vals[0]), row_of))
        self.finish(parts, order, agg, need)

    def overlaps(self, parts: "_Parts", order: Keys, k: int, has: np.ndarray,
                 row_of: Callable[[int], int | None]) -> None:
        """Rule 5: part ``k`` of a sum starting before a part already summed for the same
        column has ended (a quarter and its months) would count twice. Those columns are
        marked bad (left missing) and each pair of keys is reported once, naming a column --
        the entity-less one when it is among them, else the first entity."""
        p = order[k][0]
        ov = has & (parts.max_end >= p.start_month)
        if ov.any():
            parts.bad |= ov
            for other in np.unique(parts.max_key[ov]):
                if (int(other), k) in parts.reported or len(self.diags) >= MAX_ERRORS:
                    continue
                parts.reported.add((int(other), k))
                cols = np.flatnonzero(ov & (parts.max_key == other))
                col = int(cols[-1]) if cols[-1] == self.m - 1 else int(cols[0])
                q = order[int(other)][0]
                more = Problem("data-and-more-bare", {"n": len(cols) - 1}) if len(cols) > 1 else ""
                self.diags.append(error("data-overlap", Problem("data-overlap", {
                    "variable": self.variable, "a": q.key, "b": p.key, "who": self.who(col),
                    "more": more, "period": self.period.key}), self.span(row_of(col))))
        upd = has & (p.end_month > parts.max_end)
        parts.max_end[upd] = p.end_month
        parts.max_key[upd] = k

    def finish(self, parts: "_Parts", order: Keys, agg: str | None, need: np.ndarray) -> None:
        """Rule 6, second half, and the answer: parts that had to be combined without a
        declared aggregation are an error naming them; otherwise the columns with at least
        one part and no overlap get the combined value (the mean divided by its count), and
        the keys that supplied it are listed -- for ``last`` only the winning ones."""
        if agg is None:
            if parts.needed_keys:
                self.diags.append(error("data-aggregation", Problem("data-needs-aggregation", {
                    "variable": self.variable, "period": self.period.key,
                    "keys": ", ".join(parts.needed_keys), "choices": ", ".join(AGGREGATIONS)})))
            return
        acc = parts.acc
        got = need & (parts.count > 0) & ~parts.bad
        if agg == "mean":
            acc[got] = acc[got] / parts.count[got]
        self.result[got] = acc[got]
        if agg == "last":
            winners = sorted(set(int(k) for k in np.unique(parts.win[got]) if k >= 0))
            self.used.extend(order[k][0].key for k in winners)
            if self.track and got[0]:
                key = order[int(parts.win[0])][0].key
                self.trace["used"] = [pt for pt in self.trace["used"] if pt.period == key]
        else:
            self.used.extend(order[k][0].key for k, c in enumerate(parts.contributed) if c)
        if self.track:
            if got[0]:
                self.trace["rule"] = agg
            elif parts.bad[0]:
                self.trace["rule"] = "error"


class _Parts:
    """The running combination of the parts over the columns: the accumulator, how many
    parts each column took, the winning part of ``last``, and a sum's overlap bookkeeping
    (the latest end summed so far per column and which part it came from)."""

    def __init__(self, m: int, agg: str | None) -> None:
        self.agg = agg
        self.acc = np.zeros(m) if agg in ("sum", "mean") else np.full(m, np.nan)
        self.count = np.zeros(m, np.int32)
        self.bad = np.zeros(m, bool)
        self.max_end = np.full(m, -1, np.int64)
        self.max_key = np.full(m, -1, np.int32)
        self.win = np.full(m, -1, np.int32)
        self.contributed: list[bool] = []
        self.needed_keys: list[str] = []
        self.reported: set[tuple[int, int]] = set()

    def combine(self, vals: np.ndarray, has: np.ndarray | bool, k: int) -> None:
        """Fold part ``k``'s values into the columns where it has one (``has``)."""
        agg, acc = self.agg, self.acc
        if agg in ("sum", "mean"):
            np.add(acc, vals, out=acc, where=has)
        elif agg == "min":
            np.fmin(acc, vals, out=acc, where=has)
        elif agg == "max":
            np.fmax(acc, vals, out=acc, where=has)
        elif agg == "last":
            np.copyto(acc, vals, where=has)
            np.copyto(self.win, np.int32(k), where=has)
        self.count += has


def combine_sparse(cols: np.ndarray, vals: np.ndarray, bounds: Sequence[int], agg: str, m: int,
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, list[int]]:
    """Rules 2 and 3 when no column has an exact key, no row lacks an entity, the aggregation
    is known and a sum's parts are disjoint -- so nothing can be reported -- computed from the
    parts' own rows instead of over all ``m`` columns per part: part ``k`` is
    ``cols[bounds[k]:bounds[k + 1]]`` (a column at most once) with its ``vals``, parts in
    :func:`aggregation_order`.

    Why: a national roster has millions of holders, each with 8 of 48 variables; a variable's
    monthly part then covers a sixth of the axis, and twelve passes over the whole axis per
    variable cost more than the rows themselves. The same operations in the same order as
    :meth:`Resolution.aggregate_inside`, so the same floats: a sum is ``0 + a + b ...`` in part
    order (``np.bincount`` adds its weights one by one in the order given), ``fmin``/``fmax``,
    the last part wins. Returns (values, skipped, winning part of ``last`` or None, indices of
    the parts that supplied a value)."""
    empty = np.isnan(vals)
    any_empty = bool(empty.any())
    skipped = np.bincount(cols[empty], minlength=m).astype(np.int32) if any_empty else np.zeros(m, np.int32)
    keep = ~empty
    contributed = [k for k in range(len(bounds) - 1)
                   if bounds[k + 1] > bounds[k] and keep[bounds[k]:bounds[k + 1]].any()]
    win = None
    if agg in ("sum", "mean"):
        c, v = (cols[keep], vals[keep]) if any_empty else (cols, vals)
        acc = np.bincount(c, weights=v, minlength=m)
        if agg == "mean":
            count = np.bincount(c, minlength=m)
        else:                                     # a sum needs only who got a value
            count = np.zeros(m, np.int8)
            count[c] = 1
    else:
        acc = np.full(m, np.nan)
        count = np.zeros(m, np.int8)              # only who got a value is asked below
        win = np.full(m, -1, np.int32) if agg == "last" else None
        for k in contributed:
            lo, hi = bounds[k], bounds[k + 1]
            c, v = cols[lo:hi], vals[lo:hi]
            if any_empty:
                h = keep[lo:hi]
                c, v = c[h], v[h]
            if agg == "min":
                acc[c] = np.fmin(acc[c], v)
            elif agg == "max":
                acc[c] = np.fmax(acc[c], v)
            else:
                acc[c] = v
                win[c] = k                        # type: ignore[index]
            count[c] = 1
    got = count > 0
    result = np.full(m, np.nan)
    if agg == "mean":
        np.divide(acc, count, out=result, where=got)
    else:
        np.copyto(result, acc, where=got)
    return result, skipped, win, contributed


def combine_dense(parts: Sequence[tuple[np.ndarray, np.ndarray, bool]], agg: str, m: int,
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, list[int]]:
    """:func:`combine_sparse` for a dense grouping, under the same conditions (no exact key,
    no row without an entity, a known aggregation, a sum's parts disjoint). Part ``k`` is
    ``(values, rows, full)`` over the table's entities: each entity's value in the part (NaN
    where it has no row or an empty one), its row (-1: none) and whether every entity has a
    row; parts in :func:`aggregation_order`.

    Why: :meth:`Resolution.aggregate_inside` spreads each part over all ``m`` columns first
    (a fresh full-length array, a copy, then a dozen masks over ``m``); 800,000 entities ×
    9 months × 10 variables made that most of the evaluation. Here each part is folded by
    :class:`_Parts` over the entities with the same operations in the same order -- the same
    floats. Columns from the entities' count on (holders without data, the entity-less
    column) stay missing. Returns (values, skipped, winning part of ``last`` or None, indices
    of the parts that supplied a value)."""
    ne = len(parts[0][0]) if parts else 0
    acc = _Parts(ne, agg)
    skipped = np.zeros(m, np.int32)
    for k, (vals, rows, full) in enumerate(parts):
        empty = np.isnan(vals)
        if empty.any():
            if not full:
                empty &= rows >= 0               # no row is not an empty value
            skipped[:ne] += empty
            has = ~np.isnan(vals)
        else:
            has = None
        acc.contributed.append(has is None or bool(has.any()))
        if acc.contributed[-1]:
            acc.combine(vals, True if has is None else has, k)   # True: every entity
    got = acc.count > 0
    result = np.full(m, np.nan)
    if agg == "mean":
        np.divide(acc.acc, acc.count, out=result[:ne], where=got)
    else:
        np.copyto(result[:ne], acc.acc, where=got)
    win = None
    if agg == "last":
        win = np.full(m, -1, np.int32)
        win[:ne][got] = acc.win[got]
    contributed = [k for k, c in enumerate(acc.contributed) if c]
    return result, skipped, win, contributed
