"""The engine's problems made short for a table cell: grouped by code, named, in one language.

Used by the terminal table of ``eval``, the report and the web page (they lay out what
was computed once; none of them computes). The problems are
:class:`~indikator.messages.Problem` values: their code says what kind of gap it is and
their parameters what it is about, so nothing here reads a sentence back.
"""
from __future__ import annotations

from typing import Sequence

from ..messages import Message, Problem, render, say

#: codes whose items are gathered into one reason per (kind, period)
_GAPS = {"eng-no-data": ("reason-no-data", "what"), "eng-no-actual": ("reason-no-actual", "indicator")}
_SKIPPED = ("eng-skipped-one", "eng-skipped-many")
_TARGET_ZERO = ("ach-target-zero-positive", "ach-target-zero-negative")
_NO_PARTS = {"eng-element-no-indicator-parts": "w-indicator", "eng-element-no-child-parts": "w-supporting-element"}


def reasons(problems: Sequence[Message], lang: str, period: str | None = None, label: str | None = None,
            names: dict[str, str] | None = None) -> list[str]:
    """The problems of one result, short, for a table cell.

    Repeated "no data for X in P" problems become one "no data P: X, Y, Z"; the
    formula text is dropped from "skipped" problems, and they are left out when a
    "no data" one already explains the gap. Any other problem is said in full. With
    ``period``, the reasons are for that period: they come as one text led by ``label``
    (default: the period key) and do not repeat the period inside. ``names`` turns
    indicator and element ids into the names a planner knows.
    """
    names = names or {}

    def key_of(p: Problem) -> tuple[tuple, str] | None:
        if p.code in _GAPS:
            code, field = _GAPS[p.code]
            item = str(p.params.get(field, ""))
            return (code, p.params.get("period")), (item if p.code == "eng-no-data" else names.get(item, item))
        if p.code == "eng-left-out":
            why, what = p.params.get("why"), p.params.get("what")
            undefined = isinstance(why, Problem) and why.code == "w-undefined"
            ident = str(p.params.get("id", ""))
            return ((("reason-left-out-undefined" if undefined else "reason-left-out"),
                     what.code if isinstance(what, Problem) else str(what)), names.get(ident, ident))
        return None

    slots, grouped = group_problems(problems, key_of)
    has_gap = any(k[0] in ("reason-no-data", "reason-no-actual") for k in grouped)
    text: list[str] = []
    for slot in slots:
        if isinstance(slot, tuple):
            code, arg = slot
            if code in ("reason-no-data", "reason-no-actual"):
                what = ", ".join(grouped[slot])
                t = (render(code + "-here", {"what": what}, lang) if arg == period
                     else render(code, {"period": arg, "what": what}, lang))
            else:
                t = render(code, {"what": Problem(arg), "ids": ", ".join(f"“{x}”" for x in grouped[slot])}, lang)
        elif isinstance(slot, Problem):
            if has_gap and slot.code in _SKIPPED:
                continue
            t = _one_reason(slot, lang, period)
        else:
            t = say(slot, lang)
        if t not in text:
            text.append(t)
    if period is not None and text:
        lead = period if label is None else label
        joined = "; ".join(text)
        return [render("reason-lead", {"lead": lead, "reasons": joined}, lang) if lead else joined]
    return text


def group_problems(problems: Sequence[Message], key_of) -> tuple[list, dict[tuple, list[str]]]:
    """Problems in order, those that ``key_of`` maps to ``(key, item)`` merged into one slot per
    key (its items in order, without repeats); the others kept as they are.

    Returns the slots (a key tuple or the problem itself) and the items of each key: the one
    grouping behind the table's short reasons and the documents' footnotes.
    """
    grouped: dict[tuple, list[str]] = {}
    slots: list = []
    for p in problems:
        found = key_of(p) if isinstance(p, Problem) else None
        if found is None:
            slots.append(p)
            continue
        key, item = found
        if key not in grouped:
            grouped[key] = []
            slots.append(key)
        if item not in grouped[key]:
            grouped[key].append(item)
    return slots, grouped


def _one_reason(p: Problem, lang: str, period: str | None = None) -> str:
    if p.code in _SKIPPED:
        return render("reason-skipped", {"fn": p.params.get("fn"), "k": p.params.get("k")}, lang)
    if p.code == "ach-no-target":
        return (render("reason-no-target-here", {}, lang) if p.params.get("period") == period
                else render("reason-no-target", {"period": p.params.get("period")}, lang))
    if p.code in _TARGET_ZERO:
        return render("reason-target-zero", {}, lang)
    if p.code == "eng-element-no-indicators":
        return render("reason-no-indicators", {}, lang)
    if p.code in _NO_PARTS:
        return render("reason-no-children", {"what": Problem(_NO_PARTS[p.code])}, lang)
    return p.render(lang)
