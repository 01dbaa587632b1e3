"""Evaluation results, kept as columns (one array per field) until they are written.

For 800,000 entities a Python dict per record would cost more than the
evaluation itself, so results stay columnar and :meth:`IndicatorResult.records`
/ :meth:`ElementResult.records` produce the §8 records lazily, one at a time,
for the writers in :mod:`indikator.output`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

import numpy as np

from ..messages import Problem, say
from ..model import Element, Indicator, Scale, TargetValue
from .values import Vec

OK, MISSING, ERROR = 0, 1, 2
STATUS_NAMES = ("ok", "missing", "error")


@dataclass(frozen=True)
class Axis:
    """The entities one result covers: labels as shown, and columns in the data store.

    ``cols[i]`` indexes the store's entity axis; the store's last column (``n``)
    is the entity-less data.
    """

    key: str
    labels: tuple[str | None, ...]
    cols: np.ndarray

    def __len__(self) -> int:
        # the columns, one per label: a numpy length, not a call into the labels' sequence
        # (the writers ask it of each of a national chunk's 10,000 results several times)
        return self.cols.shape[0]


def _status(value: Vec) -> np.ndarray:
    st = np.where(np.isnan(value.value), MISSING, OK).astype(np.int8)
    st[value.undefined] = ERROR
    return st


def _status_at(value: Vec, i: int) -> int:
    """``_status(value)[i]``."""
    if value.undefined[i]:
        return ERROR
    return MISSING if np.isnan(value.value[i]) else OK


def messages_at(problems: list[tuple[np.ndarray, Problem]], i: int) -> list[Problem]:
    """The problems of entity ``i``, each once, in the order they arose."""
    out: list[Problem] = []
    for mask, msg in problems:
        if mask[i] and msg not in out:
            out.append(msg)
    return out


def _num(x: float) -> float | None:
    return None if x is None or np.isnan(x) else float(x)


@dataclass
class IndicatorResult:
    indicator: Indicator
    axis: Axis
    period: Any
    target: TargetValue | None
    target_key: str | None
    actual: Vec
    achievement: Vec
    method: str
    scale: Scale
    predicate: np.ndarray
    problems: list[tuple[np.ndarray, Problem]] = field(default_factory=list)
    grades: tuple[str, ...] = ()

    @property
    def status(self) -> np.ndarray:
        st = np.maximum(_status(self.actual), _status(self.achievement))
        return st

    def status_at(self, i: int) -> int:
        """``status[i]``, without building the whole column: the web page's summary asks it of
        12,600 one-entity results, where six NumPy calls a result cost more than the summary."""
        return max(_status_at(self.actual, i), _status_at(self.achievement, i))

    def target_display(self) -> Any:
        t = self.target
        if t is None:
            return None
        if t.grade is not None:
            return t.grade
        if t.is_range:
            return {"min": t.min, "max": t.max}
        return t.number

    def actual_display(self, i: int) -> Any:
        x = self.actual.value[i]
        if np.isnan(x):
            return None
        if self.grades:
            k = int(round(x))
            return self.grades[k - 1] if 1 <= k <= len(self.grades) else float(x)
        return float(x)

    def records(self, lang: str | None = None) -> Iterator[dict]:
        """The §8 JSON records, one per entity."""
        ind = self.indicator
        status = self.status
        target = self.target_display()
        for i, entity in enumerate(self.axis.labels):
            p = int(self.predicate[i])
            yield {
                "id": ind.id, "element": ind.element, "entity": entity, "name": ind.name,
                "unit": ind.unit, "target": target, "actual": self.actual_display(i),
                "achievement": _num(self.achievement.value[i]),
                "predicate": self.scale.bands[p].label if p >= 0 else None,
                "status": STATUS_NAMES[int(status[i])],
                "messages": [say(m, lang) for m in messages_at(self.problems, i)],
            }


@dataclass
class BudgetResult:
    ceiling: float | None
    spent: float | None
    key: str | None
    own: bool            # False when summed from the supporting elements

    @property
    def absorption(self) -> float | None:
        if self.ceiling in (None, 0) or self.spent is None:
            return None
        return self.spent / self.ceiling * 100.0


@dataclass
class ElementResult:
    element: Element
    axis: Axis
    period: Any
    achievement: Vec
    scale: Scale
    predicate: np.ndarray
    budget: BudgetResult | None
    efficiency_method: str = "difference"
    problems: list[tuple[np.ndarray, Problem]] = field(default_factory=list)

    def efficiency(self, i: int) -> float | None:
        if self.budget is None:
            return None
        absorption = self.budget.absorption
        ach = self.achievement.value[i]
        if absorption is None or np.isnan(ach):
            return None
        if self.efficiency_method == "ratio":
            return None if absorption == 0 else float(ach / absorption * 100.0)
        return float(ach - absorption)

    def records(self, lang: str | None = None) -> Iterator[dict]:
        el = self.element
        status = _status(self.achievement)
        for i, entity in enumerate(self.axis.labels):
            p = int(self.predicate[i])
            budget = None
            if self.budget is not None:
                budget = {"ceiling": self.budget.ceiling, "spent": self.budget.spent,
                          "absorption": self.budget.absorption, "efficiency": self.efficiency(i)}
            yield {
                "id": el.id, "level": el.level, "entity": entity,
                "achievement": _num(self.achievement.value[i]),
                "predicate": self.scale.bands[p].label if p >= 0 else None,
                "budget": budget, "status": STATUS_NAMES[int(status[i])],
                "messages": [say(m, lang) for m in messages_at(self.problems, i)],
            }


@dataclass
class AgencyResult:
    """An agency's overall achievement: the mean of its agency_objective elements."""

    agency: str
    axis: Axis
    achievement: Vec
    scale: Scale
    predicate: np.ndarray
    objectives: tuple[str, ...]

    def records(self, lang: str | None = None) -> Iterator[dict]:
        for i, entity in enumerate(self.axis.labels):
            p = int(self.predicate[i])
            yield {"agency": self.agency, "entity": entity,
                   "achievement": _num(self.achievement.value[i]),
                   "predicate": self.scale.bands[p].label if p >= 0 else None,
                   "objectives": list(self.objectives)}


@dataclass
class Evaluation:
    period: Any
    indicators: list[IndicatorResult]
    elements: list[ElementResult]
    agencies: list[AgencyResult]
    diagnostics: list = field(default_factory=list)
    lang: str | None = None     # the language writers say the messages in (None: the default, §12)
