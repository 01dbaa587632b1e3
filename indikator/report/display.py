"""How a cell's value is shown: numbers rounded for display, missing marks, the scale legend.
"""
from __future__ import annotations

from ..output.numbers import FORMATS, MISSING, decimals, figure
from .tables import Mark, ScaleLegend, Value
from .words import TEXT


# ---------------------------------------------------------------------------- display
NUMERIC_FORMATS = FORMATS

#: A missing figure: the one mark of every output (docs/decisions.md, "One missing mark").
MISSING_TEXT = MISSING


def display(value: Value, fmt: str, lang: str) -> str:
    """A cell as text for HTML, Markdown and Word: a mark or text as it is, a figure through
    :func:`indikator.output.numbers.figure` (rounded for display only, half away from zero,
    as every output rounds; a range target as its bounds)."""
    if isinstance(value, Mark):
        return value.text
    if value == "":
        return ""
    return figure(value, fmt, lang)


__all__ = ["MISSING_TEXT", "NUMERIC_FORMATS", "decimals", "display", "scale_text"]


def scale_text(legend: ScaleLegend, lang: str) -> list[tuple[str, str, str | None]]:
    """(label, bounds as text, colour) for each band of a legend."""
    T = TEXT[lang]
    out = []
    for label, lo, hi, color in legend.bands:
        f = (lambda x: display(x, "num", lang))
        if lo is not None and hi is None:
            bounds = T["scale_from"].format(lo=f(lo))
        elif lo is not None:
            bounds = T["scale_between"].format(lo=f(lo), hi=f(hi))
        else:
            bounds = T["scale_below"].format(hi=f(hi)) if hi is not None else ""
        out.append((label, bounds, color))
    return out
