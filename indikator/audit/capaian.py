"""Capaian by polarity over exact numbers (PRODUCT.md §6, as §11 recomputes it).

The same rules as :mod:`indikator.engine.achievement`, but on :class:`~fractions.Fraction`
and for one value, so the audit can take the image of an interval: each function is
monotone, or (``range``) rises to a plateau of 100 and falls, which is what
:func:`indikator.audit.exact.image` needs (``peak`` is a point of the plateau).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Callable

from .exact import Shown

HUNDRED = Fraction(100)

POLARITY_WORDS = {
    "positive": "positive", "positif": "positive", "+": "positive", "naik": "positive", "maksimal": "positive",
    "negative": "negative", "negatif": "negative", "-": "negative", "turun": "negative", "minimal": "negative",
    "range": "range", "rentang": "range", "interval": "range", "stabil": "range",
    "inverse": "inverse", "kebalikan": "inverse",
}

_RANGE = re.compile(r"^\s*(.+?)\s*(?:–|—|s\.?\s*/?\s*d\.?|sampai(?:\s+dengan)?|to|-)\s*(.+?)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class TargetSpec:
    """A reported target: one exact number, or a {min, max} range."""

    number: Shown | None = None
    low: Shown | None = None
    high: Shown | None = None

    @property
    def is_range(self) -> bool:
        return self.low is not None

    def text(self) -> str:
        if self.is_range:
            return f"{self.low.text}–{self.high.text}"
        return self.number.text if self.number else ""


def polarity_of(text: str) -> str | None:
    return POLARITY_WORDS.get(" ".join(text.casefold().split()))


def range_target(text: str, read: Callable[[str], Shown | None]) -> TargetSpec | None:
    """``70 - 80``, ``70–80``, ``70 s.d 80`` as a range target, when both ends are numbers."""
    m = _RANGE.match(text)
    if not m:
        return None
    lo, hi = read(m.group(1)), read(m.group(2))
    if lo is None or hi is None or lo.value > hi.value:
        return None
    return TargetSpec(low=lo, high=hi)


Fn = Callable[[Fraction], Fraction]


def capaian_function(polarity: str, target: TargetSpec) -> tuple[Fn, Fraction | None, str] | None:
    """``(f, peak, formula)`` for the polarity, or ``None`` where the capaian is undefined (target 0).

    ``formula`` is a template over ``{a}`` (the realisasi) and ``{t}``/``{lo}``/``{hi}`` for
    messages, e.g. ``{a} / {t} × 100``.
    """
    if target.is_range or polarity == "range":
        lo = target.low.value if target.is_range else target.number.value
        hi = target.high.value if target.is_range else target.number.value
        if lo <= 0 or hi <= 0:
            return None

        def f_range(a: Fraction) -> Fraction:
            if a < lo:
                return a / lo * HUNDRED
            if a > hi:
                return max((2 * hi - a) / hi * HUNDRED, Fraction(0))
            return HUNDRED
        return f_range, lo, "range"
    t = target.number.value
    if t == 0:
        return None
    if polarity == "negative":
        return (lambda a: max((2 * t - a) / t * HUNDRED, Fraction(0))), None, "(2 × {t} − {a}) / {t} × 100"
    if polarity == "inverse":
        return (lambda a: t / a * HUNDRED if a > 0 else Fraction(10) ** 12), None, "{t} / {a} × 100"
    return (lambda a: a / t * HUNDRED), None, "{a} / {t} × 100"


def single_target(value: Shown | None) -> TargetSpec | None:
    return TargetSpec(number=value) if value is not None else None

