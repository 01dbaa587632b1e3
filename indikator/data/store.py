"""Answering "what is variable V in period P, for every entity?" (PRODUCT.md §7).

A :class:`DataStore` is built once from a :class:`~indikator.data.table.DataTable`.
It groups the rows by (variable, period key) -- one stable radix sort -- and
afterwards answers each question with a few vectorized scatters over the
dense entity axis (``dense[codes] = values``), never a Python loop per entity.
The entity axis has one extra column at the end for the entity-less result,
so "data without an entity" and "data of entity E" go through the same code.

Rules, in order (§7):

1. **Exact key wins.** A data point whose span equals P's span (``2024`` or,
   equally, ``2024-01..2024-12`` for P = ``2024``) and that has a value is the
   answer. An exact point whose value is empty does not win: the rule falls
   through to (2) and the empty point is counted as skipped.
2. **Aggregate what lies inside.** Otherwise the points whose whole span lies
   strictly inside P and have a value are combined with the variable's
   ``period_aggregation``: ``sum``, ``mean``, ``min``, ``max``, or ``last`` --
   the point with the latest end; on equal ends the shorter span (the later
   start) wins, being the more specific figure.
3. **Missing is not zero.** Empty values are skipped and counted.
4. **Entities override.** For each period key, an entity's own row replaces
   the entity-less row (even an empty one: the entity's data says "unknown");
   entity-less rows apply to every entity.
5. **No double counting.** Points of a ``sum`` variable whose spans overlap
   (months and the quarter holding them) are an error naming both periods and
   an entity; the affected results are left missing.
6. **Aggregation needed but not declared** (or unknown) is an error.

This module must not read files or know about formulas; it returns its errors
as :class:`~indikator.diagnostics.Diagnostic` values inside the result.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np

from ..messages import Problem
from ..diagnostics import Diagnostic, Span, error
from .periods import Period
from .resolve import (AGGREGATIONS, MAX_ERRORS, Effective, Point, Resolution, aggregation_order,
                      combine_dense, combine_sparse, parts_disjoint, split_keys)
from .table import DataTable

__all__ = ["AGGREGATIONS", "DataStore", "Explanation", "Point", "Series"]


@dataclass
class Series:
    """One variable in one period over the dense entity axis.

    ``values[i]`` is the result for ``store.entity_ids()[i]`` (NaN = missing);
    ``default`` is the result of the entity-less data (what an evaluation
    without ``--entity`` shows). ``skipped``/``skipped_default`` count the empty
    points that were passed over, for "n values missing" messages.
    ``used_periods`` are the keys that supplied at least one value.
    """

    variable: str
    period: Period
    values: np.ndarray
    default: float
    skipped: np.ndarray
    skipped_default: int
    used_periods: tuple[str, ...] = ()
    known: bool = True
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)


@dataclass
class Explanation:
    """How one entity's value was derived, for ``indikator explain``."""

    variable: str
    period: Period
    entity: str | None
    value: float
    rule: str                      # "exact", "sum", "last", ..., or "missing"
    used: list[Point]
    skipped: list[Point]
    diagnostics: list[Diagnostic] = field(default_factory=list)


class DataStore:
    """Grouped view of a DataTable, answering :meth:`series` and :meth:`explain`.

    ``extra_entities`` extends the entity axis with ids that have no data
    (e.g. position holders), so the engine can use one axis for everything;
    they get the entity-less values.
    """

    def __init__(self, table: DataTable, extra_entities: Sequence[str] = ()) -> None:
        self.table = table
        self._entities = list(table.entities)
        # entity -> column, built on first use: an evaluation of every entity
        # never looks one up, and for 800,000 NIPs the dict costs more than
        # the arithmetic
        self._entity_index: dict[str, int] | None = None
        extras = list(dict.fromkeys(extra_entities))
        if extras:
            known = set(extras).intersection(self._entities)
            self._entities.extend(e for e in extras if e not in known)
        self._n = len(self._entities)
        self._grouping = table.grouping()
        self._var_index = {v: i for i, v in enumerate(table.variables)}
        self._entity_rows: dict[str, bool] = {}
        # variable code -> list of (Period, group index), sorted by span
        self._by_var: dict[int, list[tuple[Period, int]]] = {}
        for g in range(len(self._grouping)):
            v = int(self._grouping.group_variable[g])
            p = table.periods[int(self._grouping.group_period[g])]
            self._by_var.setdefault(v, []).append((p, g))
        for lst in self._by_var.values():
            lst.sort(key=lambda pg: (pg[0].start_month, pg[0].end_month, pg[0].key))
        #: what later stages derive once per store and keep with it (engine/batch.py's
        #: entity-less points), so they never write the store's own attributes
        self.derived: dict[str, dict] = {}

    # -- simple queries -----------------------------------------------------
    @property
    def grouping(self):
        """The rows grouped by (variable, period): what the engine's array passes read
        (engine/entityless.py) instead of asking variable by variable."""
        return self._grouping

    def variable_code(self, variable: str) -> int | None:
        """The variable's code in :attr:`grouping` (``group_variable``), None if it has no row."""
        return self._var_index.get(variable)

    def groups_of(self, code: int) -> list[tuple[Period, int]]:
        """(period, group) of a variable code, ordered by span."""
        return self._by_var.get(code, [])

    def entity_ids(self) -> list[str]:
        """All entities on the axis: those in the data, then the extra ones."""
        return list(self._entities)

    def entity_index(self, entity: str) -> int | None:
        if self._entity_index is None:
            self._entity_index = {e: i for i, e in enumerate(self._entities)}
        return self._entity_index.get(entity)

    def variables(self) -> list[str]:
        return list(self.table.variables)

    def has_variable(self, variable: str) -> bool:
        return variable in self._var_index

    def has_entity_rows(self, variable: str) -> bool:
        """Whether any row of ``variable`` names an entity (False: it is given for nobody in
        particular, an agency's indicator, and every entity gets the same value); kept per
        variable, so asking is cheap after the first time."""
        hit = self._entity_rows.get(variable)
        if hit is None:
            v = self._var_index.get(variable)
            hit = True
            if v is not None:
                codes = self.table.entity_codes
                hit = any(bool(len(r)) and int(codes[r].max()) >= 0
                          for r in (self._grouping.rows(g) for _, g in self._by_var.get(v, [])))
            self._entity_rows[variable] = hit
        return hit

    def periods_for(self, variable: str) -> list[Period]:
        """The period keys at which ``variable`` has rows, ordered by span."""
        v = self._var_index.get(variable)
        return [p for p, _ in self._by_var.get(v, [])] if v is not None else []

    # -- the rules ----------------------------------------------------------
    def series(self, variable: str, period: Period, aggregation: str | None = None,
               grades: Sequence[str] | None = None) -> Series:
        """``variable`` in ``period`` for every entity, following the rules above.

        Text values (grades such as ``BB``) become their rank in ``grades``
        (1-based, the engine's representation of a grade); a text value that is
        not in ``grades``, or any text value when ``grades`` is not given, is an
        error and counts as missing.
        """
        m = self._n + 1
        v = self._var_index.get(variable)
        if v is None:
            return Series(variable, period, np.full(self._n, np.nan), float("nan"),
                          np.zeros(self._n, np.int32), 0, (), known=False)
        rank = self._ranks(grades)
        if rank is None:
            fast = self._series_parts(v, variable, period, aggregation)
            if fast is not None:
                return fast
        problems: list[Diagnostic] = []
        out, skipped, used, diags, _ = self._resolve(
            v, variable, period, aggregation, m,
            lambda g: self._effective_all(g, rank, variable, problems), track=False)
        diags = problems + diags
        return Series(variable, period, out[:-1], float(out[-1]), skipped[:-1],
                      int(skipped[-1]), tuple(used), True, diags)

    def explain(self, variable: str, period: Period, aggregation: str | None = None,
                entity: str | None = None, grades: Sequence[str] | None = None) -> Explanation:
        """The same derivation for one entity (or the entity-less data), with its points."""
        v = self._var_index.get(variable)
        if v is None:
            return Explanation(variable, period, entity, float("nan"), "missing", [], [])
        col = -1 if entity is None else self.entity_index(entity)
        col = -2 if col is None else col
        rank = self._ranks(grades)
        problems: list[Diagnostic] = []

        def eff(g: int) -> Effective:
            rows = self._grouping.rows(g)
            codes = self.table.entity_codes[rows]
            hit = np.flatnonzero(codes == col) if col >= 0 else np.zeros(0, np.int64)
            if not len(hit):
                hit = np.flatnonzero(codes < 0)
            if not len(hit):
                return np.full(1, np.nan), np.zeros(1, bool), lambda c: None
            row = int(rows[hit[0]])
            vals = np.full(1, self.table.values[row])
            if rank is not None:
                self._apply_labels(vals, np.array([row]), np.zeros(1, np.int64), rank,
                                   variable, problems)
            return vals, np.ones(1, bool), lambda c: row

        name = Problem("w-no-entity") if entity is None else Problem("w-entity", {"entity": entity})
        out, _, _, diags, track = self._resolve(v, variable, period, aggregation, 1, eff,
                                                track=True, who=lambda c: name)
        return Explanation(variable, period, entity, float(out[0]), track["rule"],
                           track["used"], track["skipped"], problems + diags)

    # -- internals ------------------------------------------------------------
    def _series_parts(self, v: int, variable: str, period: Period,
                      aggregation: str | None) -> Series | None:
        """:meth:`series` from the variable's own rows when the answer is made of parts and
        nothing can be reported: no exact key of P, no row without an entity (rule 4 would
        spread it over everyone), a known aggregation and, for a sum, parts that cannot
        overlap -- :func:`.resolve.combine_sparse` over the parts' rows, or
        :func:`.resolve.combine_dense` over the dense grouping's rows of the parts. None
        otherwise: then the full derivation runs."""
        exact, inside = split_keys(self._by_var.get(v, []), period)
        if exact or not inside or aggregation not in AGGREGATIONS:
            return None
        order = aggregation_order(inside, aggregation)
        if aggregation == "sum" and not parts_disjoint(order, aggregation):
            return None
        dense = self._grouping.dense
        if dense is not None:
            gs = [g for _, g in order]
            if int(dense[gs, 0].max()) >= 0:
                return None
            cube = self._grouping.dense_values
            parts = [(cube[g, 1:] if cube is not None else self._dense_part(g), dense[g, 1:],
                      self._grouping.full(g)) for g in gs]
            out, skipped, win, contributed = combine_dense(parts, aggregation, self._n + 1)
        else:
            rows = [self._grouping.rows(g) for _, g in order]
            bounds = np.zeros(len(rows) + 1, np.int64)
            np.cumsum([len(r) for r in rows], out=bounds[1:])
            at = np.concatenate(rows)
            codes = self.table.entity_codes[at]
            if len(codes) and int(codes.min()) < 0:
                return None
            out, skipped, win, contributed = combine_sparse(codes, self.table.values[at], bounds.tolist(),
                                                            aggregation, self._n + 1)
        if win is not None:
            contributed = sorted(set(int(k) for k in np.unique(win) if k >= 0))
        used = tuple(order[k][0].key for k in contributed)
        return Series(variable, period, out[:-1], float(out[-1]), skipped[:-1],
                      int(skipped[-1]), used, True, [])

    def _dense_part(self, g: int) -> np.ndarray:
        """Each entity's value in dense group ``g`` (NaN where it has no row), from the rows
        when the grouping was made without its matrix of values."""
        r = self._grouping.dense[g, 1:]
        vals = self.table.values[r]                  # -1 reads the last row: masked
        vals[r < 0] = np.nan
        return vals

    def _ranks(self, grades: Sequence[str] | None) -> np.ndarray | None:
        """Rank (1-based) of each text value of the table in ``grades``; NaN if absent.
        ``None`` when the table has no text values (the common, fast case)."""
        if self.table.label_codes is None:
            return None
        order = {gr: i + 1 for i, gr in enumerate(grades or ())}
        return np.array([order.get(lb, np.nan) for lb in self.table.labels] + [np.nan])

    def _apply_labels(self, vals: np.ndarray, rows: np.ndarray, where: np.ndarray,
                      rank: np.ndarray, variable: str, problems: list[Diagnostic]) -> None:
        """Replace text values among ``rows`` by their rank, reporting unknown ones."""
        lc = self.table.label_codes[rows]
        has = lc >= 0
        if not has.any():
            return
        vals[where[has]] = rank[lc[has]]
        bad = np.flatnonzero(has & np.isnan(rank[lc]))
        if len(bad) and len(problems) < MAX_ERRORS:
            row = int(rows[bad[0]])
            text = self.table.labels[int(lc[bad[0]])]
            more = Problem("data-and-more", {"n": len(bad) - 1}) if len(bad) > 1 else ""
            problems.append(error("data-grade", Problem("data-not-a-grade", {
                "variable": variable, "value": text, "more": more}), self._span(row)))

    def _effective_all(self, g: int, rank: np.ndarray | None = None, variable: str = "",
                       problems: list[Diagnostic] | None = None) -> Effective:
        """Values of one period key over all entities plus the entity-less column."""
        if self._grouping.dense is not None and rank is None:
            return self._effective_dense(g)
        rows = self._grouping.rows(g)
        codes = self.table.entity_codes[rows]
        vals = self.table.values[rows]
        if rank is not None:
            vals = vals.copy()
            self._apply_labels(vals, rows, np.arange(len(rows)), rank, variable,
                               problems if problems is not None else [])
        m = self._n + 1
        out = np.full(m, np.nan)
        present = np.zeros(m, bool)
        if len(codes) and int(codes.min()) < 0:
            nil = codes < 0
            out[:] = vals[nil][0]
            present[:] = True
            keep = ~nil
            out[codes[keep]] = vals[keep]
            present[codes[keep]] = True
        else:
            out[codes] = vals
            present[codes] = True

        def row_of(col: int) -> int | None:
            hit = np.flatnonzero(codes == col) if col < self._n else np.zeros(0, np.int64)
            if not len(hit):
                hit = np.flatnonzero(codes < 0)
            return int(rows[hit[0]]) if len(hit) else None
        return out, present, row_of

    def _effective_dense(self, g: int) -> Effective:
        """:meth:`_effective_all` for a dense grouping: the group's row of every
        entity is at hand, so its values are one gather (no scatter)."""
        r = self._grouping.dense[g]
        ne = len(self.table.entities)
        m = self._n + 1
        ent_rows = r[1:]
        has = ent_rows >= 0
        nil_row = int(r[0])
        out = np.full(m, self.table.values[nil_row] if nil_row >= 0 else np.nan)
        np.copyto(out[:ne], self.table.values[ent_rows], where=has)   # -1 reads the last row: masked
        if nil_row >= 0:
            present = np.ones(m, bool)
        else:
            present = np.zeros(m, bool)
            present[:ne] = has

        def row_of(col: int) -> int | None:
            if col < ne and r[col + 1] >= 0:
                return int(r[col + 1])
            return nil_row if nil_row >= 0 else None
        return out, present, row_of

    def _span(self, row: int | None) -> Span | None:
        if row is None:
            return None
        f, line = self.table.provenance(row)
        return Span(f, line, 1)

    def _who_all(self, col: int) -> str:
        return Problem("w-no-entity") if col >= self._n else Problem("w-entity", {"entity": self._entities[col]})

    def _resolve(self, v: int, variable: str, period: Period, aggregation: str | None,
                 m: int, eff: Callable[[int], Effective], track: bool,
                 who: Callable[[int], str] | None = None):
        """§7 over ``m`` columns (:mod:`.resolve`, one step per rule); returns (values,
        skipped, used keys, diagnostics, trace)."""
        job = Resolution(variable, period, m, eff, who or self._who_all, self._span,
                         self.table.provenance, track)
        return job.run(self._by_var.get(v, []), aggregation)
