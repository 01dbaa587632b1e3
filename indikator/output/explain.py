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

def method_text(method: str, lang: str | None) -> str:
    """The engine's achievement method in words: catalog code ``method-<name>`` (catalog_explain.py)."""
    code = "method-none" if method == "none (no target)" else f"method-{method}"
    return render(code, {}, lang) if code in CATALOG else method


def fmt_plain(x: Any) -> str:
    """A value as explain prints it: up to six significant digits, large ones whole."""
    if x is None:
        return "-"
    if isinstance(x, float):
        return f"{x:.6g}" if abs(x) < 1e6 else f"{x:.0f}"
    return str(x)


def origin_text(o: Origin, lang: str | None, fmt=fmt_plain, with_place: bool = True) -> str:
    """One origin line: its message with the value filled in (``fmt`` formats it), then the
    data file and row it came from."""
    what = o.what
    if isinstance(what, Problem) and what.code in ("x-used", "x-value-of"):
        what = Problem(what.code, {**what.params, "value": fmt(o.value)})
    text = say(what, lang)
    if with_place and o.file is not None:
        text += f"  ({o.file}:{o.line})"
    return text


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
        lines.append(f"    {s.name}{when} = {fmt_plain(s.value)}   ← {say(s.means, lang)}")
        for o in s.origin:
            lines.append(f"        {origin_text(o, lang)}")
    lines.append("  " + t("x-actual", value=fmt_plain(r.actual_display(0))))
    if r.target is None:
        lines.append("  " + t("x-no-target", period=d.period.key))
    else:
        lines.append("  " + t("x-target", target=r.target.describe(), key=r.target_key))
    lines.append("  " + t("x-method", method=method_text(r.method, lang))
                 + (t("x-polarity", polarity=ind.polarity) if r.method in ("positive", "negative") else ""))
    ach = r.achievement.value[0]
    if ind.cap is not None:
        lines.append("  " + t("x-cap", cap=f"{ind.cap:g}"))
    else:
        lines.append("  " + t("x-no-cap"))
    lines.append("  " + t("x-achievement", value=fmt_plain(None if np.isnan(ach) else float(ach))))
    p = int(r.predicate[0])
    if p >= 0:
        band = r.scale.bands[p]
        shown = float(round_half_away(np.array([ach]), 2)[0])
        bound = "" if band.min == float("-inf") else f" (≥ {band.min:g})"
        lines.append("  " + t("x-predicate", label=band.label, bound=bound, scale=r.scale.name,
                              rounded=f"{shown:.2f}"))
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
