"""One audit run as the command line asks for it: definitions, data, the table, in that order.

Kept apart from :mod:`indikator.audit` so the table checks do not depend on the loader or
the engine: ``--defs`` and ``--data`` only add what the definitions say about a row.
"""
from __future__ import annotations

from typing import Any

from . import AuditResult, audit_table
from .match import DefsMatcher


def engine_records(dset: Any, store: Any, period: Any) -> dict[str, dict]:
    """The engine's §8 record of every indicator (the entity-less one) for the period."""
    from ..engine import Engine

    evaluation = Engine(dset, store).evaluate(period, None)
    out: dict[str, dict] = {}
    for res in evaluation.indicators:
        for rec in res.records():
            out.setdefault(rec["id"], rec)
    return out


def audit_with_defs(path: str, dset: Any, store: Any, period: Any, *, locale: str, scale: str | None,
                    lang: str) -> AuditResult:
    """Audit ``path`` with rows matched to ``dset``'s indicators (and the engine's figures with data)."""
    records = engine_records(dset, store, period) if store is not None and period is not None else None
    matcher = DefsMatcher(dset, records, period.key if period is not None else None, lang)
    result = audit_table(path, locale=locale, scale=scale, lang=lang, dset=dset, describe=matcher)
    result.notes.extend(matcher.notes)
    return result


__all__ = ["audit_with_defs", "engine_records"]
