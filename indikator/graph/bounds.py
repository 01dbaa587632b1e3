"""Rules that ``check`` runs so that ``eval`` cannot trip later (PRODUCT.md §8, v2).

A definition set that passes ``check`` must evaluate: constant arguments of
``lag`` and ``round`` within the range the engine can compute, weights and caps
finite and not negative, scales with at least one band and finite bounds. Each
rule returns diagnostics (codes ``bad-argument``, ``bad-weight``, ``bad-cap``,
``bad-scale``); the rules are appended to :data:`indikator.graph.rules.RULES`.
"""
from __future__ import annotations

import math

from ..diagnostics import Diagnostic, error
from ..formula.ast import Binary, Call, Name, Percent, Unary, constant_value, walk
from ..formula.functions import aggregates
from ..messages import Problem
from ..model import DefinitionSet

#: ``lag(x, n)``: periods back (or forward when negative). 1,000 years of months is far
#: beyond any plan; the engine's years run 1000..9999 anyway.
MAX_LAG = 1000
#: ``round(x, n)``: digits; a float holds about 17, so more is the number unchanged.
MAX_ROUND_DIGITS = 15


def _msg(code: str, **params) -> Problem:
    return Problem(code, params)


def check_constant_arguments(dset: DefinitionSet) -> list[Diagnostic]:
    """``lag`` steps: a whole number, written as one, within ±MAX_LAG; ``round`` digits: a
    whole number within ±MAX_ROUND_DIGITS when written as a number."""
    out: list[Diagnostic] = []
    for ind in dset.indicators.values():
        for formula in (ind.formula, ind.achievement_formula):
            if formula is None:
                continue
            for node in walk(formula):
                if not isinstance(node, Call) or len(node.args) < 2 or node.name not in ("lag", "round"):
                    continue
                arg = node.args[1]
                value = constant_value(arg)
                span = getattr(arg, "span", None) or node.span or ind.formula_span or ind.span
                limit = MAX_LAG if node.name == "lag" else MAX_ROUND_DIGITS
                if value is None:
                    if node.name == "lag":
                        out.append(error("bad-argument", _msg("arg-not-constant", function="lag",
                                                             limit=limit), span))
                    continue
                if not math.isfinite(value) or value != int(value) or abs(value) > limit:
                    out.append(error("bad-argument", _msg("arg-out-of-bounds", function=node.name,
                                                         value=_shown(value), limit=limit), span))
    return out


def _shown(value: float) -> str:
    """The value as the YAML file spells it (the message points there): ``-5``, ``1.5``, and
    ``.nan``, ``.inf``, ``-.inf`` rather than Python's ``nan`` and ``inf``, which no planner typed."""
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    return f"{value:g}"


def check_weights_and_caps(dset: DefinitionSet) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for ind in dset.indicators.values():
        if not math.isfinite(ind.weight) or ind.weight < 0:
            out.append(error("bad-weight", _msg("bad-weight", id=ind.id, value=_shown(ind.weight)), ind.span))
        if ind.cap is not None and (not math.isfinite(ind.cap) or ind.cap < 0):
            out.append(error("bad-cap", _msg("bad-cap", id=ind.id, value=_shown(ind.cap)), ind.span))
    return out


def check_budgets(dset: DefinitionSet) -> list[Diagnostic]:
    """Pagu and realisasi anggaran are finite amounts, 0 or more: ``.nan`` passed ``check`` and then
    stopped ``eval --format json`` (JSON has no NaN), and ``.inf`` would show as a row of the report."""
    out: list[Diagnostic] = []
    owners = [*dset.elements.values(), *dset.indicators.values()]
    for owner in owners:
        budget = owner.budget
        if budget is None:
            continue
        values = ([("", budget.single)] if budget.single is not None else []) + list(budget.by_period)
        for period, value in values:
            for part, amount in (("ceiling", value.ceiling), ("spent", value.spent)):
                if amount is not None and (not math.isfinite(amount) or amount < 0):
                    out.append(error("bad-budget", _msg(f"bad-budget-{part}", id=owner.id,
                                                        period=period or "-", value=_shown(amount)),
                                     budget.span or owner.span))
    return out


def check_scale_bounds(dset: DefinitionSet) -> list[Diagnostic]:
    """User scales only (the built-in ones end with an open band at -inf on purpose)."""
    out: list[Diagnostic] = []
    for scale in dset.scales.values():
        if scale.span is None:
            continue
        if scale.kind == "predicate":
            if not scale.bands:
                out.append(error("bad-scale", _msg("scale-empty", name=scale.name), scale.span))
            for band in scale.bands:
                if not math.isfinite(band.min):
                    out.append(error("bad-scale", _msg("scale-bound", name=scale.name, label=band.label,
                                                       value=_shown(band.min)), scale.span))
        elif not scale.grades:
            out.append(error("bad-scale", _msg("scale-empty", name=scale.name), scale.span))
    return out


def check_lists(dset: DefinitionSet) -> list[Diagnostic]:
    """``children.achievement`` is a list of values: only an aggregate (``avg``, ``sum`` …) takes
    it; an operator, another function, or the formula itself needs one value."""
    out: list[Diagnostic] = []
    folds = aggregates()
    for ind in dset.indicators.values():
        refs = dset.refs.get(ind.id, {})
        for formula in (ind.formula, ind.achievement_formula):
            if formula is None:
                continue
            bad: list = []
            if _is_list(formula, refs, folds, bad) and not bad:
                bad.append(formula)
            for node in bad[:1]:
                span = getattr(node, "span", None) or ind.formula_span or ind.span
                out.append(error("list-value", _msg("list-needs-aggregate"), span))
    return out


def _is_list(node, refs: dict, folds: frozenset, bad: list) -> bool:  # noqa: ANN001
    """Whether ``node`` gives a list; nodes that need one value but get a list go to ``bad``.
    Recursive, within the parser's depth bound."""
    if isinstance(node, Name):
        ref = refs.get((node.text, node.braced, node.field))
        return ref is not None and ref.kind == "children"
    if isinstance(node, Call):
        lists = [_is_list(a, refs, folds, bad) for a in node.args]
        if node.name in folds:
            return False
        if node.name in ("prev", "lag"):
            return bool(lists) and lists[0]
        if any(lists):
            bad.append(node)
        return False
    if isinstance(node, (Unary, Percent)):
        if _is_list(node.operand, refs, folds, bad):
            bad.append(node)
        return False
    if isinstance(node, Binary):
        left = _is_list(node.left, refs, folds, bad)
        right = _is_list(node.right, refs, folds, bad)
        if left or right:
            bad.append(node)
        return False
    return False


RULES = [check_constant_arguments, check_weights_and_caps, check_budgets, check_scale_bounds, check_lists]
