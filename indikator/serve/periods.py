"""The periods offered by the page's period selector, and the default one.

The choices come from the data: every period key at which some variable has
rows (``DataStore.periods_for``), and, for every year found there, the
periods a planner reports on — the year, its semesters and quarters and the
year-to-date ranges ``Y-Q1..Y-Q2`` and ``Y-Q1..Y-Q3`` (triwulan II and III
of the LKjIP). Without data, the years of the targets are used instead.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..data.periods import Period, PeriodError, parse_period
from ..messages.language import language, words


@dataclass(frozen=True)
class PeriodChoice:
    key: str
    label: str
    group: str        # the year, for <optgroup>
    in_data: bool     # some data is keyed exactly so


def _label(p: Period, lang: str) -> str:
    g = p.granularity
    W, part = words("web", lang), language(lang).part
    if g == "year":
        return f"{p.key} — " + W["p_year"]
    if g == "semester":
        n = p.key[-1]
        return f"{p.key} — " + W["p_semester"].format(n=part(int(n)))
    if g == "quarter":
        n = int(p.key[-1])
        return f"{p.key} — " + W["p_quarter"].format(n=part(n))
    if g == "month":
        return p.key
    # a range: year to date when it starts at the year's first month
    if p.start_month % 12 == 0 and p.end_month // 12 == p.start_month // 12 and (p.end_month + 1) % 3 == 0:
        q = (p.end_month % 12 + 1) // 3
        return f"{p.key} — " + W["p_ytd_quarter"].format(n=part(q))
    return p.key


def _order(p: Period) -> tuple:
    rank = {"year": 0, "semester": 1, "quarter": 2, "range": 3, "month": 4}[p.granularity]
    return (p.end_month // 12, rank, p.start_month, p.end_month)


def data_periods(snapshot) -> list[Period]:
    """Every period key found in the data files, distinct."""
    store = snapshot.store
    if store is None:
        return []
    seen: dict[str, Period] = {}
    for var in store.variables():
        for p in store.periods_for(var):
            seen.setdefault(p.key, p)
    return list(seen.values())


def _target_years(dset) -> set[int]:
    years: set[int] = set()
    for ind in dset.indicators.values():
        if ind.target is None:
            continue
        for key, _ in ind.target.by_period:
            try:
                years.add(parse_period(key).year_end())
            except PeriodError:
                continue
    return years


def period_choices(snapshot, lang: str = "id") -> list[PeriodChoice]:
    found = data_periods(snapshot)
    exact = {p.key for p in found}
    years = {p.year_end() for p in found} | {p.year_start() for p in found}
    if not years and snapshot.dset is not None:
        years = _target_years(snapshot.dset)
    periods: dict[str, Period] = {p.key: p for p in found}
    for y in years:
        for text in (f"{y}", f"{y}-S1", f"{y}-S2", f"{y}-Q1", f"{y}-Q2", f"{y}-Q3", f"{y}-Q4",
                     f"{y}-Q1..{y}-Q2", f"{y}-Q1..{y}-Q3"):
            try:
                p = parse_period(text)
            except PeriodError:
                continue
            periods.setdefault(p.key, p)
    ordered = sorted(periods.values(), key=_order)
    return [PeriodChoice(p.key, _label(p, lang), str(p.end_month // 12), p.key in exact) for p in ordered]


def default_period(snapshot, given: str | None = None) -> str | None:
    """The period shown first: ``--period`` if given, else the data key most variables are
    given at (the report the data was collected for), the latest on a tie."""
    if given:
        return given
    store = snapshot.store
    if store is not None:
        count: dict[str, int] = {}
        by_key: dict[str, Period] = {}
        for var in store.variables():
            for p in store.periods_for(var):
                count[p.key] = count.get(p.key, 0) + 1
                by_key[p.key] = p
        if count:
            return max(count, key=lambda k: (count[k], by_key[k].end_month, -by_key[k].start_month))
    choices = period_choices(snapshot)
    years = [c.key for c in choices if len(c.key) == 4]
    return years[-1] if years else None
