"""Reading number text from data files, in machine format or Indonesian formatting.

PRODUCT.md §7: by default numbers are in machine format (``1234.5``) and a
``,`` inside a number is an error, because ``92,85`` means 92.85 to an
Indonesian reader and 9285 to an English one. With ``--locale id`` Indonesian
formatting is read through Babel (``1.234.567``, ``92,85``,
``Rp 7.042.932.613,-``, ``70,30%``). A value whose reading depends on the
locale is never guessed: it is an error whose message says why.

Decisions (also in the docstrings below):

* Empty text or whitespace is *missing* (``None``/NaN), never zero.
* Decorations that do not depend on the locale are stripped in both locales:
  a leading ``Rp``/``Rp.`` (any case), a trailing ``,-`` (the rupiah "no cents"
  mark) and a trailing ``%``. A percentage keeps its value (``70,30%`` → 70.3):
  percentages are 0–100 everywhere in indikator.
* In the ``id`` locale ``.`` only groups thousands, so ``70.30`` is an error
  (did you mean ``70,30`` or ``7.030``?) while ``1.234`` is 1234.
* Trailing words (``81,10 (Nilai)``), ``nan``, ``inf``, ``-`` are errors.

This module must not print or know about files: it raises :class:`NumberError`
(per value) or returns ``(index, message)`` pairs (vectorized); readers add the
file position.
"""
from __future__ import annotations

import math

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Sequence

from babel.numbers import NumberFormatError, parse_decimal

from ..messages import Message, Problem, one_of

if TYPE_CHECKING:  # the array functions import them when called: definitions load without numpy
    import numpy as np
    import pyarrow as pa

LOCALES = ("C", "id")

# Decorations, identical for both locales (Python `re`, used per value).
_RP = re.compile(r"^[Rr][Pp]\.?\s*")
_TAIL_DASH = re.compile(r",-\s*$")
_PCT = re.compile(r"\s*%$")

# Machine format: what float() accepts minus nan/inf/underscores/hex.
_MACHINE = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
_MACHINE_RE = re.compile(f"^{_MACHINE}$")
# Indonesian formatting that can be converted without Babel: grouped with '.'
# in threes or ungrouped, optional ',' decimals. Babel strict agrees on these.
_ID_FAST = r"[+-]?(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,[0-9]+)?"
# What may reach Babel at all: digits, separators, sign, exponent.
_ID_SHAPE = re.compile(r"^[+-]?[0-9][0-9.,]*(?:[eE][+-]?[0-9]+)?$")

# PRODUCT.md §7.1: a dot followed by exactly three digits, non-zero integer part (4.624,
# 1.500) is thousands to an Indonesian reader and a decimal to a machine: in the C locale
# it is an error, never a guess.
_AMBIGUOUS = r"[+-]?[1-9][0-9]{0,2}\.[0-9]{3}"
_AMBIGUOUS_RE = re.compile(f"^{_AMBIGUOUS}$")


def decimal_fix(raw: str) -> str:
    """``78.000`` → ``78.0``, ``24.975`` → ``24.9750``: the same decimal, unambiguous."""
    whole, _, frac = raw.partition(".")
    frac = frac.rstrip("0")
    if len(frac) == 3:
        frac += "0"
    return f"{whole}.{frac or '0'}"


def ambiguous_message(raw: str, core: str) -> Problem:
    """Why ``4.624`` is refused in the C locale: both readings and both fixes."""
    sign = "-" if core.startswith("-") else ""
    digits = core.lstrip("+-")
    return Problem("data-number-ambiguous", {
        "text": raw, "id_reading": sign + digits.replace(".", ""), "c_reading": f"{float(core):g}",
        "c_fix": sign + decimal_fix(digits)})


class NumberError(ValueError):
    """Text that is not a number in the chosen locale; ``problem`` says why in any language
    (``str()`` is the English sentence, as for :class:`~indikator.data.periods.PeriodError`)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.render("en"))
        self.problem = problem


def check_locale(locale: str) -> None:
    if locale not in LOCALES:
        raise NumberError(Problem("data-locale-unknown", {"locale": locale}))


def _strip_decorations(text: str) -> str:
    s = _RP.sub("", text)
    s = _TAIL_DASH.sub("", s)
    s = _PCT.sub("", s)
    return s.strip()


def parse_number(text: str, locale: str = "C", allow_ambiguous: bool = False) -> float | None:
    """The number in ``text``, ``None`` for an empty value; :class:`NumberError` otherwise.

    ``locale`` is ``"C"`` (machine format, ``.`` decimal point, ``,`` is an
    error because its reading depends on the locale) or ``"id"`` (Indonesian
    formatting, read with Babel in strict mode so ``70.30`` is an error rather
    than 7030 or 70.3). In ``"C"``, ``4.624`` (three digits after the dot, one to three
    before) is refused as ambiguous (§7.1) unless ``allow_ambiguous`` (the audit of a
    reported table, which judges figures by their shown digits, keeps its own reading).
    """
    check_locale(locale)
    raw = text.strip()
    if not raw:
        return None
    core = _strip_decorations(raw)
    if not core:
        raise NumberError(Problem("data-not-a-number", {"text": raw}))
    if locale == "C":
        if not allow_ambiguous and _AMBIGUOUS_RE.match(core):
            raise NumberError(ambiguous_message(raw, core))
        if _MACHINE_RE.match(core):
            value_c = float(core)
            if math.isinf(value_c):
                raise NumberError(Problem("data-number-too-large", {"text": raw}))
            return value_c
        if re.fullmatch(r"[+-]?[0-9][0-9.,]*", core) and ("," in core or core.count(".") > 1):
            raise NumberError(_locale_message(raw, core))
        raise NumberError(_not_a_number(raw))
    # Indonesian formatting.
    if core.endswith(","):
        raise NumberError(Problem("data-number-trailing-comma", {"text": raw}))
    if not _ID_SHAPE.match(core):
        raise NumberError(_not_a_number(raw))
    try:
        value: Decimal = parse_decimal(core, locale="id", strict=True)
    except (NumberFormatError, ArithmeticError, ValueError) as exc:  # Babel may trip on odd input
        sugg = getattr(exc, "suggestions", None) or []
        hint = Problem("data-number-did-you-mean", {"options": one_of([f"'{s}'" for s in sugg])}) if sugg else ""
        raise NumberError(Problem("data-number-not-id", {"text": raw, "hint": hint})) from None
    if not value.is_finite() or math.isinf(float(value)):
        raise NumberError(Problem("data-number-too-large", {"text": raw}))
    return float(value)


def _locale_message(raw: str, core: str) -> Problem:
    """Why ``92,85`` is refused in machine format: name both readings."""
    try:
        as_id = parse_number(core, "id")
        reading: Message = Problem("data-number-id-reading", {"value": f"{as_id:.15g}"})   # 1234567.5, not 1.23457e+06
    except NumberError:
        reading = ""
    return Problem("data-number-comma", {"text": raw, "reading": reading})


def _not_a_number(raw: str) -> Problem:
    low = raw.lower()
    if low in ("nan", "na", "n/a", "-", "null", "none", "inf", "-inf", "infinity"):
        return Problem("data-number-missing-spelt", {"text": raw})
    return Problem("data-number-words", {"text": raw})


# -- text values (grades) ---------------------------------------------------

_LABEL_RE = re.compile(r"^[A-Za-z][A-Za-z ]{0,39}[+-]?$")
_NOT_LABELS = {"nan", "na", "n a", "null", "none", "inf", "infinity", "rp", "e"}


def is_label(text: str) -> bool:
    """True for text that can be a grade such as ``BB`` or ``Sangat Baik``.

    Grades are data too (§5, §6: an indicator with a ``grade_scale`` takes its
    actual from the data under its own id). Only letters and spaces, with an
    optional trailing ``+``/``-``, qualify, so a mistyped number (``92,85``,
    ``81,10 (Nilai)``) is never mistaken for one, and the usual spellings of
    "missing" (``nan``, ``null``) are not grades either.
    """
    t = text.strip()
    return bool(_LABEL_RE.match(t)) and t.lower() not in _NOT_LABELS


# -- vectorized --------------------------------------------------------------

def parse_numbers(values: Sequence[str | None] | pa.Array | pa.ChunkedArray,
                  locale: str = "C", max_errors: int | None = 1000,
                  ) -> tuple[np.ndarray, list[tuple[int, Problem]]]:
    """Parse a whole column: ``(float64 array with NaN for missing, [(index, message)])``.

    Built for columns of tens of millions of values: numeric Arrow arrays are
    cast as they are; text is trimmed, stripped of decorations and classified
    with vectorized regular expressions, and only the values that the fast
    forms do not cover go through :func:`parse_number` one by one. Once
    ``max_errors`` errors are collected the remaining unusual values are not
    examined (the column is unusable anyway) and are left NaN.
    """
    import numpy as np
    import pyarrow as pa
    check_locale(locale)
    if isinstance(values, pa.ChunkedArray):
        outs: list[np.ndarray] = []
        errors: list[tuple[int, Problem]] = []
        offset = 0
        for chunk in values.chunks:
            budget = None if max_errors is None else max_errors - len(errors)
            out, errs = _parse_array(chunk, locale, budget)
            outs.append(out)
            errors.extend((i + offset, m) for i, m in errs)
            offset += len(chunk)
        out = np.concatenate(outs) if outs else np.empty(0, dtype=np.float64)
        return _refuse_infinite(out, errors, max_errors)
    if not isinstance(values, pa.Array):
        try:
            values = pa.array(values, type=pa.string())
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            return _refuse_infinite(*_parse_objects(values, locale, max_errors), max_errors)
    return _refuse_infinite(*_parse_array(values, locale, max_errors), max_errors)


def _refuse_infinite(out: np.ndarray, errors: list[tuple[int, Problem]], max_errors: int | None,
                     ) -> tuple[np.ndarray, list[tuple[int, Problem]]]:
    """``1e309`` overflows to infinity; it is an error in the data, never a value."""
    import numpy as np
    bad = np.isinf(out)
    if bad.any():
        known = {i for i, _ in errors}
        for i in np.flatnonzero(bad):
            if max_errors is not None and len(errors) >= max_errors:
                break
            if int(i) not in known:
                errors.append((int(i), Problem("data-value-too-large")))
        out = np.where(bad, np.nan, out)
    return out, errors


def _parse_objects(values: Sequence, locale: str, max_errors: int | None,
                   ) -> tuple[np.ndarray, list[tuple[int, Problem]]]:
    """Slow path for Python sequences that mix numbers and text."""
    import numpy as np
    out = np.full(len(values), np.nan)
    errors: list[tuple[int, Problem]] = []
    for i, v in enumerate(values):
        if v is None:
            continue
        if isinstance(v, bool):
            errors.append((i, Problem("data-not-a-number", {"text": str(v)})))
        elif isinstance(v, (int, float)):
            out[i] = float(v)
        else:
            try:
                r = parse_number(str(v), locale)
            except NumberError as exc:
                errors.append((i, exc.problem))
                continue
            if r is not None:
                out[i] = r
        if max_errors is not None and len(errors) >= max_errors:
            break
    return out, errors


def _to_numpy_float(arr: pa.Array) -> np.ndarray:
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    return pc.cast(arr, pa.float64()).to_numpy(zero_copy_only=False).astype(np.float64, copy=False)


def _parse_array(arr: pa.Array, locale: str, max_errors: int | None,
                 ) -> tuple[np.ndarray, list[tuple[int, Problem]]]:
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    t = arr.type
    if pa.types.is_dictionary(t):
        # Parse each distinct text once, then spread by the indices.
        dvals, derrs = _parse_array(arr.dictionary, locale, None)
        idx = arr.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
        out = np.where(idx >= 0, dvals[np.maximum(idx, 0)] if len(dvals) else np.nan, np.nan)
        errors: list[tuple[int, Problem]] = []
        if derrs:
            bad = dict(derrs)
            bad_mask = np.isin(idx, np.fromiter(bad.keys(), dtype=np.int64))
            for i in np.flatnonzero(bad_mask)[: max_errors]:
                errors.append((int(i), bad[int(idx[i])]))
        return out.astype(np.float64), errors
    if pa.types.is_null(t):
        return np.full(len(arr), np.nan), []
    if pa.types.is_boolean(t):
        return np.full(len(arr), np.nan), [
            (i, Problem("data-not-a-number", {"text": str(v)})) for i, v in enumerate(arr.to_pylist())
            if v is not None][: max_errors]
    if pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_decimal(t):
        return _to_numpy_float(arr), []
    if not (pa.types.is_string(t) or pa.types.is_large_string(t)):
        return np.full(len(arr), np.nan), [(0, Problem("data-column-type", {"type": str(t)}))]

    s = pc.utf8_trim(arr, characters=" \t\r\n\u00a0")
    s = pc.replace_substring_regex(s, pattern=r"^[Rr][Pp]\.?[\s\x{00A0}]*", replacement="")
    s = pc.replace_substring_regex(s, pattern=r",-[\s\x{00A0}]*$", replacement="")
    s = pc.replace_substring_regex(s, pattern=r"[\s\x{00A0}]*%$", replacement="")
    missing = pc.fill_null(pc.equal(pc.utf8_length(pc.utf8_trim(arr, characters=" \t\r\n\u00a0")), 0), True)
    out = np.full(len(arr), np.nan)
    if locale == "C":
        fast = pc.and_(pc.fill_null(pc.match_substring_regex(s, f"^{_MACHINE}$"), False),
                       pc.invert(pc.fill_null(pc.match_substring_regex(s, f"^{_AMBIGUOUS}$"), False)))
        converted = s
    else:
        fast = pc.fill_null(pc.match_substring_regex(s, f"^{_ID_FAST}$"), False)
        converted = pc.replace_substring(pc.replace_substring(s, ".", ""), ",", ".")
    fast_np = fast.to_numpy(zero_copy_only=False)
    if fast_np.any():
        vals = _to_numpy_float(pc.if_else(fast, converted, pa.scalar(None, pa.string())))
        out[fast_np] = vals[fast_np]
    rest = np.flatnonzero(~fast_np & ~missing.to_numpy(zero_copy_only=False))
    errors = []
    if len(rest):
        texts = arr.take(pa.array(rest)).to_pylist()
        for i, text in zip(rest.tolist(), texts):
            if max_errors is not None and len(errors) >= max_errors:
                break
            try:
                r = parse_number(text, locale)
            except NumberError as exc:
                errors.append((i, exc.problem))
                continue
            if r is not None:
                out[i] = r
    return out, errors
