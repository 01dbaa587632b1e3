"""Does any data point fall in the requested period? (PRODUCT.md §7.2, last paragraph)

``eval --period 2025`` on data that stops in 2024 completes with a table of dashes; a
planner who mistyped the year must be told so, once, not left to wonder. This module only
answers the question as a :class:`~indikator.messages.Problem`; the command line prints it.
"""
from __future__ import annotations

from ..messages import Problem
from .periods import Period, _fixed


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
        return Problem("period-no-data", {"period": period.key, "first": "-", "last": "-"})
    first = _fixed("month", min(p.start_month for p in periods)).key
    last = _fixed("month", max(p.end_month for p in periods)).key
    return Problem("period-no-data", {"period": period.key, "first": first, "last": last})
