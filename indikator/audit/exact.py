"""Exact arithmetic for the §11 rounding rule: shown numbers, intervals, rounding half away from zero.

A figure in a published table is a rounded number: ``70,30`` stands for any value in
[70,295, 70,305]. Whether a reported capaian is a *slip* or only *rounded differently*
is decided at the edge of such intervals, where floating point would decide a tie
(``75,995`` is ``75,99499…`` as a float). Everything here is therefore in
:class:`fractions.Fraction`: the shown decimal text is exact, division is exact, and
rounding half away from zero is integer arithmetic.

Input intervals are taken closed (the half-way value itself is allowed on both sides):
where the two choices differ the audit gives the benefit of the doubt and never cries wolf.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Callable, Iterable


@dataclass(frozen=True, slots=True)
class Shown:
    """A number as the table shows it: its exact value and how many decimals it was written with."""

    value: Fraction
    decimals: int
    text: str = ""

    @property
    def half(self) -> Fraction:
        """Half a unit in the last shown place: the value stands for value ± half."""
        return Fraction(1, 2 * 10 ** self.decimals)

    def interval(self, exact: bool = False) -> "Interval":
        if exact:
            return Interval(self.value, self.value)
        return Interval(self.value - self.half, self.value + self.half)

    def as_float(self) -> float:
        return float(self.value)


@dataclass(frozen=True, slots=True)
class Interval:
    """A closed interval [lo, hi] of exact numbers."""

    lo: Fraction
    hi: Fraction

    def __add__(self, other: "Interval") -> "Interval":
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def scale(self, k: Fraction) -> "Interval":
        a, b = self.lo * k, self.hi * k
        return Interval(min(a, b), max(a, b))

    def meets(self, other: "Interval") -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def contains(self, x: Fraction) -> bool:
        return self.lo <= x <= self.hi


def shown(value: Decimal | float | int | str, decimals: int | None = None, text: str = "") -> Shown:
    """A :class:`Shown` from a Decimal (its exponent gives the decimals) or a number and its decimals."""
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    if decimals is None:
        exp = d.as_tuple().exponent
        decimals = max(0, -exp) if isinstance(exp, int) else 0
    return Shown(Fraction(d), decimals, text or str(value))


def round_half_away(x: Fraction, decimals: int) -> Fraction:
    """``x`` rounded to ``decimals`` places, ties away from zero, exactly (the figure a table shows)."""
    scale = 10 ** decimals
    n = abs(x) * scale
    q = (n.numerator * 2 + n.denominator) // (2 * n.denominator)   # floor(n + 1/2)
    return Fraction(q if x >= 0 else -q, scale)


def shows_as(x: Fraction, decimals: int) -> Interval:
    """The closed set of exact values that, rounded half away from zero, show as ``x``.

    Closed on both ends (see the module docstring): the half-way value on the far side
    is let through, so a figure is never called a slip on a tie.
    """
    h = Fraction(1, 2 * 10 ** decimals)
    return Interval(x - h, x + h)


def image(f: Callable[[Fraction], Fraction], iv: Interval, peak: Fraction | None = None) -> Interval:
    """The range of a function over an interval, for the monotone-by-pieces capaian functions.

    The capaian functions are monotone, or (``range`` polarity) rise to a plateau and fall;
    their extremes over [lo, hi] are at the ends, or at ``peak`` when it lies inside.
    """
    points = [f(iv.lo), f(iv.hi)]
    if peak is not None and iv.lo <= peak <= iv.hi:
        points.append(f(peak))
    return Interval(min(points), max(points))


def mean_interval(parts: Iterable[Interval]) -> Interval:
    parts = list(parts)
    total = Interval(Fraction(0), Fraction(0))
    for p in parts:
        total = total + p
    return total.scale(Fraction(1, len(parts)))


def sum_interval(parts: Iterable[Interval]) -> Interval:
    total = Interval(Fraction(0), Fraction(0))
    for p in parts:
        total = total + p
    return total


def judge(reported: Shown, from_shown: Fraction, reachable: Interval) -> str | None:
    """``slip``, ``rounding`` or ``None`` for a reported figure (§11).

    ``from_shown`` is the figure computed from the cells as shown; ``reachable`` the
    values the figure can take when every inexact input moves within its precision.
    A figure is a slip when no reachable value shows as it, rounded half away from zero
    or truncated (§11: "computed from unshown digits, or truncated" is rounding).
    """
    unit = Fraction(1, 10 ** reported.decimals)
    window = shows_as(reported.value, reported.decimals)
    # a truncated figure (71,428… shown as 71,42) is rounding too, never a slip
    if reported.value >= 0:
        window = Interval(window.lo, reported.value + unit)
    else:
        window = Interval(reported.value - unit, window.hi)
    if not window.meets(reachable):
        return "slip"
    if round_half_away(from_shown, reported.decimals) != reported.value:
        return "rounding"
    return None
