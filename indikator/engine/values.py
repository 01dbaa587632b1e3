"""Vectorized values: one number per entity, with "missing" and "undefined" kept apart.

A :class:`Vec` is a float64 array over the entities being evaluated, plus a
boolean mask of entities whose value is *undefined* (a division by zero, the
square root of a negative number). A NaN that is not undefined is *missing*
(an input value is absent). The two must stay apart because PRODUCT.md gives
them different statuses (``missing`` vs ``error``) and different messages.

Booleans are 1.0/0.0. A list of values (``children.actual``, the arguments of
``sum``) is a plain Python list of Vecs.

This module does arithmetic only; it knows nothing of formulas or data.
"""
from __future__ import annotations

import math

from dataclasses import dataclass

import numpy as np

_ERR_SCALE = 1e-9  # relative noise killed before "half away from zero" rounding


@dataclass(slots=True)
class Vec:
    value: np.ndarray          # float64, NaN where missing or undefined
    undefined: np.ndarray      # bool, True where the value is undefined (status error)

    @classmethod
    def full(cls, n: int, x: float) -> "Vec":
        return cls(np.full(n, x, dtype=np.float64), np.zeros(n, dtype=bool))

    @classmethod
    def of(cls, value: np.ndarray, undefined: np.ndarray | None = None) -> "Vec":
        value = np.asarray(value, dtype=np.float64)
        if undefined is None:
            undefined = np.zeros(value.shape, dtype=bool)
        return cls(value, undefined)

    def __len__(self) -> int:
        return self.value.shape[0]

    @property
    def missing(self) -> np.ndarray:
        return np.isnan(self.value) & ~self.undefined

    def take(self, idx: np.ndarray) -> "Vec":
        return Vec(self.value[idx], self.undefined[idx])


def combine_undefined(*vs: Vec) -> np.ndarray:
    out = vs[0].undefined.copy()
    for v in vs[1:]:
        out |= v.undefined
    return out


def round_half_away(x: np.ndarray, ndigits: int = 2) -> np.ndarray:
    """Round half away from zero, as planners and spreadsheets do.

    Binary floating point stores 72.8/80*100 as 90.99999999999999 and 1.005
    as 1.00499999…; the figure a planner sees is 91 and 1.01. So values are
    first snapped to 9 significant digits after scaling, killing noise far
    below the shown precision, then rounded half away from zero.
    """
    if type(x) is np.ndarray and x.shape == (1,) and x.dtype == np.float64:
        return np.array([round_one(float(x[0]), ndigits)])
    x = np.asarray(x, dtype=np.float64)
    scale = 10.0 ** ndigits
    with np.errstate(invalid="ignore", over="ignore"):
        y = np.abs(x) * scale
        mag = np.where(y > 0, np.floor(np.log10(np.where(y > 0, y, 1.0))), 0.0)
        # keep 9 significant digits, but never snap coarser than a thousandth of the unit
        # rounded to: 7042932613 must stay 7042932613, 12345678.46 must round to 12345678.
        # The snap multiplies and divides by exact powers of ten (integers held as floats):
        # multiplying by an inexact 1e-5 left 7599.49999… for 75.995 under numpy 2.4's pow.
        # Past 2**52 a float has no fraction left to snap.
        # (nan_to_num and clip spelled with plain ufuncs: the same numbers without their Python
        # wrappers, which cost more than the arithmetic for the one-entity arrays of a region)
        k = np.minimum(np.maximum(8 - np.where(np.isfinite(mag), mag, 0.0), 3), 22).astype(np.int64)
        p = _POW10[k]
        y = np.where(y < 2.0 ** 52, np.round(y * p) / p, y)
        return np.sign(x) * np.floor(y + 0.5) / scale


_POW10 = np.array([float(10 ** i) for i in range(23)])   # exact: 10**22 is the last power a float holds
_POW10_FLOATS = [float(10 ** i) for i in range(23)]


def round_one(x: float, ndigits: int) -> float:
    """:func:`round_half_away` of one number with Python floats: the same IEEE operations in
    the same order (``round`` of a float is half-even like ``np.round``), for the one-entity
    arrays of an entity-less evaluation, where numpy's per-call cost was 80 % of the time.
    tests/test_round_paths.py compares both paths."""
    scale = 10.0 ** ndigits
    if x != x:
        return x
    y = abs(x) * scale
    sign = 1.0 if x > 0 else (-1.0 if x < 0 else 0.0)     # np.sign(-0.0) is 0.0
    if y == math.inf:
        return sign * y / scale
    mag = math.floor(math.log10(y)) if y > 0 else 0.0
    k = int(min(max(8 - mag, 3), 22))
    p = _POW10_FLOATS[k]
    if y < 2.0 ** 52:
        y = round(y * p) / p
    return sign * math.floor(y + 0.5) / scale
