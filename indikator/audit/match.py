"""Matching a table's rows to the indicators of a definition set (``--defs``).

A row names its indicator as the document does; it is matched by id or by name, case-
and space-insensitively. A row that matches nothing gets a note with the closest names
(difflib), so a typo in the report ("Admuduk") shows up instead of a silent skip. A
matched row takes its polarity and predicate scale from the definitions and, when data
and a period are given, what the engine itself computes for that indicator.
"""
from __future__ import annotations

import difflib
import math
from typing import Any

from ..messages import Problem
from .checks import RowInfo
from .headers import normalise
from .numfmt import fig


def _unit(text: str) -> str:
    u = normalise(text)
    return "%" if u in ("%", "persen", "percent") else u


class DefsMatcher:
    """Row → :class:`RowInfo`, from a checked :class:`~indikator.model.DefinitionSet`."""

    def __init__(self, dset: Any, results: dict[str, dict] | None, period_key: str | None, lang: str) -> None:
        self.dset = dset
        self.results = results or {}
        self.period_key = period_key
        self.lang = lang
        self.by_key: dict[str, str] = {}
        for ind in dset.indicators.values():
            self.by_key.setdefault(normalise(ind.id), ind.id)
            self.by_key.setdefault(normalise(ind.name), ind.id)
        self.notes: list[Problem] = []
        self._seen: set[str] = set()

    def __call__(self, text: str, shared: dict[str, str]) -> RowInfo:
        key = normalise(text)
        ind_id = self.by_key.get(key)
        if ind_id is None and shared.get("kode"):
            ind_id = self.by_key.get(normalise(shared["kode"]))
        if ind_id is None:
            if key and key not in self._seen:
                self._seen.add(key)
                close = difflib.get_close_matches(key, list(self.by_key), n=1, cutoff=0.75)
                if close:
                    self.notes.append(Problem("audit-unmatched-suggest", {"name": text, "suggestion":
                                                                          self.by_key[close[0]]}))
                else:
                    self.notes.append(Problem("audit-unmatched", {"name": text}))
            return RowInfo(key, text)
        ind = self.dset.indicators[ind_id]
        unit = shared.get("satuan")
        if unit and ind.unit and _unit(unit) != _unit(ind.unit) and ind_id not in self._seen:
            self._seen.add(ind_id)
            self.notes.append(Problem("audit-unit-differs", {"name": text, "unit": unit, "id": ind_id,
                                                             "defined": ind.unit}))
        polarity = "inverse" if ind.achievement_method == "inverse" else ind.polarity
        return RowInfo(ind_id, ind_id, polarity, ind.predicate_scale, self._engine(ind_id))

    def _engine(self, ind_id: str) -> Problem | None:
        rec = self.results.get(ind_id)
        if rec is None:
            return None
        from fractions import Fraction

        def show(x: Any) -> str:
            if x is None or (isinstance(x, float) and math.isnan(x)):
                return "-"
            if isinstance(x, str):
                return x
            return fig(Fraction(str(x)), 2, self.lang)

        return Problem("audit-engine", {"period": self.period_key, "actual": show(rec.get("actual")),
                                        "achievement": show(rec.get("achievement")),
                                        "predicate": rec.get("predicate") or "-"})
