"""Does any data point fall in the requested period? (PRODUCT.md §7.2, last paragraph)

``eval --period 2025`` on data that stops in 2024 completes with a table of dashes; a
planner who mistyped the year must be told so, once, not left to wonder. This module only
answers the question as a :class:`~indikator.messages.Problem`; the command line prints it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyarrow.compute as pc

from ..diagnostics import Diagnostic, Span, warning
from ..messages import Problem
from .periods import Period, fixed_period

if TYPE_CHECKING:
    from ..model import DefinitionSet
    from .roster import Roster

#: the most "holds two positions" warnings listed one by one
MAX_TWICE = 100


def no_data_problem(table, period: Period) -> Problem | None:
    """A warning when no data point's span lies inside ``period`` (or there is no data at all).

    ``table`` is the :class:`~indikator.data.table.DataTable` read from the data files, or
    ``None`` when none was given. The data's extent is shown in months
    (``2023-01..2024-09``), the finest unit, so it is exact whatever the files used.
    """
    if table is None:
        return Problem("period-no-data-files", {"period": period.key})
    # the table's period dictionary holds the distinct periods of its rows: a few dozen
    # entries, whatever the number of rows (96 million in the engine benchmark)
    periods = list(table.periods) if len(table.period_codes) else []
    if any(period.contains(p) for p in periods):
        return None
    if not periods:
        return Problem("period-no-data-empty", {"period": period.key})   # not "data cover -..-"
    coarser = min((p for p in periods if p.overlaps(period)), key=lambda p: (p.months, p.start_month),
                  default=None)
    if coarser is not None:
        # "Maret 2024" on quarterly data: the data do cover March, but only inside a quarter's
        # figure, which the engine never splits (§7); name the period the planner can ask for
        return Problem("period-data-coarser", {"period": period.key, "data": coarser.key})
    first = fixed_period("month", min(p.start_month for p in periods)).key
    last = fixed_period("month", max(p.end_month for p in periods)).key
    return Problem("period-no-data", {"period": period.key, "first": first, "last": last})


HOLDER_CODES = ("position-no-holder", "holder-twice")


def holder_coverage(dset: "DefinitionSet", roster: "Roster", diags: list[Diagnostic]) -> list[Diagnostic]:
    """``diags`` with the holder coverage warnings recomputed over the merged roster:
    a position without holders; a NIP holding two positions (named at the later row)."""
    out = [d for d in diags if d.code not in HOLDER_CODES]
    counts = np.diff(roster.starts)
    for k, p in enumerate(roster.positions):
        if counts[k] == 0:
            el = dset.elements[p]
            out.append(warning("position-no-holder", Problem("chk-position-no-holder", {"id": p}), el.span))
    n = len(roster.ids)
    if n < 2:
        return out
    codes = roster.id_codes
    if codes is None:
        codes = pc.dictionary_encode(roster.ids).indices.to_numpy(zero_copy_only=False).astype(np.int64)
    pos = np.searchsorted(roster.starts, np.arange(n), side="right") - 1
    # file order of rows: YAML first (by position), then the file; the first row of a NIP
    # in that order is "first"
    order = np.lexsort((np.arange(n), codes))
    c_sorted = codes[order]
    newrun = np.ones(n, bool)
    newrun[1:] = c_sorted[1:] != c_sorted[:-1]
    first_sorted = order[np.maximum.accumulate(np.where(newrun, np.arange(n), 0))]
    first_of = np.empty(n, np.int64)
    first_of[order] = first_sorted
    twice = np.flatnonzero(pos != pos[first_of])
    if not len(twice):
        return out
    firsts = first_of[twice]
    shown_r, shown_f = twice[:MAX_TWICE], firsts[:MAX_TWICE]
    spans = roster.spans(np.concatenate([shown_r, shown_f]), dset)
    k = len(shown_r)
    for j, (r, f) in enumerate(zip(shown_r, shown_f)):
        nip = roster.ids[int(r)].as_py()
        out.append(warning("holder-twice", Problem("chk-holder-twice", {
            "holder": nip, "other": roster.positions[int(pos[f])], "at": str(spans[k + j]),
            "id": roster.positions[int(pos[r])]}), spans[j]))
    if len(twice) > MAX_TWICE:
        out.append(warning("holder-twice", Problem("roster-more-twice", {"n": len(twice) - MAX_TWICE}),
                           Span(roster.files[0], 1, 1) if roster.files else None))
    return out
