"""How a cell's value is shown: numbers rounded for display, missing marks, the scale legend.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from ..output.numtext import format_fixed
from .tables import Mark, Range, ScaleLegend, Value
from .words import TEXT


# ---------------------------------------------------------------------------- display
NUMERIC_FORMATS = ("int", "num", "pct", "money")


MISSING_TEXT = "–"


def display(value: Value, fmt: str, lang: str) -> str:
    """A cell as text for HTML and Markdown: rounded for display only (two decimals, half away from zero).

    ``pct`` always shows two decimals (``100,75``); ``num`` and ``money``
    drop them when the rounded value is whole (``15``, ``7.042.932.613``);
    a missing value shows as an en dash, its reason being in the notes.
    """
    from ..output.evaluation import fmt_number

    if value is None:
        return MISSING_TEXT
    if value == "":
        return ""
    if isinstance(value, Mark):
        return value.text
    if isinstance(value, str):
        return value
    if isinstance(value, dict):               # a range target as the engine gives it ({"min", "max"})
        value = Range(value["min"], value["max"])
    if isinstance(value, Range):
        return f"{display(value.min, 'num', lang)}–{display(value.max, 'num', lang)}"
    if fmt == "pct":
        return fmt_number(value, lang, 2)
    digits = 0 if fmt == "int" else decimals(value)
    q = _quantize(value, digits)
    key = (q, q.is_signed(), digits, lang)       # Decimal("-0") == Decimal("0"): the sign is kept apart
    hit = _SHOWN.get(key)
    if hit is None:
        hit = format_fixed(q, digits, lang, quantize=False)   # Babel's text (output/numtext.py), faster
        if len(_SHOWN) < 1_000_000:
            _SHOWN[key] = hit
    return hit


#: Each distinct shown number (rounded to the digits shown) is formatted by Babel once per
#: process: a region's report shows tens of thousands of numbers, a few thousand distinct.
_SHOWN: dict[tuple, str] = {}


def _quantize(value: float, digits: int) -> Decimal:
    """Half away from zero on the shortest decimal text of the float: exact for rupiah amounts of any size."""
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def decimals(value: float) -> int:
    """0 when the value rounded to two decimals is whole, else 2."""
    q = _quantize(value, 2)
    return 0 if q == q.to_integral_value() else 2


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
