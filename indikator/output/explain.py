"""``indikator explain`` as text, in English or Indonesian.

The derivation (:mod:`indikator.engine.explain`) holds values and
:class:`~indikator.messages.Problem` codes; this module only lays them out and
says them in the chosen language. The web page lays out the same derivation
(:func:`indikator.serve.pages.explain_view`).
"""
from __future__ import annotations

from typing import Any

import numpy as np

from ..engine.explain import Derivation, Origin
from ..engine.results import STATUS_NAMES
from ..engine.values import round_half_away
from ..messages import CATALOG, Problem, render, say
from .numbers import number, precise

def method_text(method: str, lang: str | None) -> str:
    """The engine's achievement method in words: catalog code ``method-<name>`` (catalog_explain.py)."""
    code = "method-none" if method == "none (no target)" else f"method-{method}"
    return render(code, {}, lang) if code in CATALOG else method


def polarity_word(polarity: str, lang: str | None) -> str:
    """An indicator's polarity as a planner writes it in ``lang`` (``positif``); catalog code
    ``polarity-<name>``, else the keyword itself."""
    code = f"polarity-{polarity}"
    return render(code, {}, lang) if code in CATALOG else polarity


def fmt_plain(x: Any, lang: str | None = "en") -> str:
    """A value as explain prints it: up to six significant digits, large ones whole, in the
    language's decimal sign (:func:`indikator.output.numbers.precise`)."""
    return precise(x, lang or "en")


def origin_text(o: Origin, lang: str | None, fmt=None, with_place: bool = True) -> str:
    """One origin line: its message with the value filled in (``fmt`` formats it), then the
    data file and row it came from."""
    what = o.what
    fmt = fmt or (lambda x: fmt_plain(x, lang))
    if isinstance(what, Problem) and what.code in ("x-used", "x-value-of"):
        what = Problem(what.code, {**what.params, "value": fmt(o.value)})
    text = say(what, lang)
    if with_place and o.file is not None:
        text += f"  ({o.file}:{o.line})"
    return text


def _target(tv, lang: str | None) -> str:  # noqa: ANN001 - a TargetValue
    """A target as explain prints it: a grade as written, a number or range as :func:`fmt_plain`."""
    if tv.grade is not None or (tv.number is None and not tv.is_range):
        return tv.describe()
    return fmt_plain({"min": tv.min, "max": tv.max} if tv.is_range else tv.number, lang)


def render_text(d: Derivation, lang: str | None = None) -> str:
    r = d.result
    ind = d.indicator

    def t(code: str, **params) -> str:
        return render(code, params, lang)

    entity = d.entity if d.entity is not None else t("x-no-entity")
    lines = [f"{ind.id} — {ind.name}", "  " + t("x-element", id=ind.element),
             "  " + t("x-period", period=d.period.key), "  " + t("x-entity", entity=entity)]
    if d.note:
        lines.append("  " + t("x-note", note=d.note))
    if d.formula:
        lines.append("  " + t("x-formula-at", at=d.formula_at, formula=d.formula))
    else:
        lines.append("  " + t("x-no-formula"))
    for s in d.steps:
        when = t("x-in-period", period=s.period) if s.period != d.period.key else ""
        lines.append(f"    {s.name}{when} = {fmt_plain(s.value, lang)}   ← {say(s.means, lang)}")
        for o in s.origin:
            lines.append(f"        {origin_text(o, lang)}")
    lines.append("  " + t("x-actual", value=fmt_plain(r.actual_display(0), lang)))
    if r.target is None:
        lines.append("  " + t("x-no-target", period=d.period.key))
    else:
        lines.append("  " + t("x-target", target=_target(r.target, lang), key=r.target_key))
    lines.append("  " + t("x-method", method=method_text(r.method, lang))
                 + (t("x-polarity", polarity=polarity_word(ind.polarity, lang)) if r.method in ("positive", "negative") else ""))
    ach = r.achievement.value[0]
    if ind.cap is not None:
        lines.append("  " + t("x-cap", cap=fmt_plain(ind.cap, lang)))
    else:
        lines.append("  " + t("x-no-cap"))
    lines.append("  " + t("x-achievement", value=fmt_plain(None if np.isnan(ach) else float(ach), lang)))
    p = int(r.predicate[0])
    if p >= 0:
        band = r.scale.bands[p]
        shown = float(round_half_away(np.array([ach]), 2)[0])
        bound = "" if band.min == float("-inf") else f" (≥ {fmt_plain(band.min, lang)})"
        lines.append("  " + t("x-predicate", label=band.label, bound=bound, scale=r.scale.name,
                              rounded=number(shown, lang, 2)))
    else:
        lines.append("  " + t("x-no-predicate", scale=r.scale.name))
    lines.append("  " + t("x-status-line", status=status_word(STATUS_NAMES[int(r.status[0])], lang)))
    for mask, m in r.problems:
        if mask[0]:
            lines.append(f"    {say(m, lang)}")
    return "\n".join(lines) + "\n"


def status_word(status: str, lang: str | None) -> str:
    """``ok``/``missing``/``error`` in ``lang`` (English: the JSON status itself)."""
    return render("status-" + status, {}, lang)
