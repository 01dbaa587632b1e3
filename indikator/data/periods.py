"""Period keys and their algebra (PRODUCT.md §7).

A period is a span of whole months. Every key the product accepts -- ``2024``,
``2024-S1``, ``2024-Q3``, ``2024-09`` and ranges ``2024-Q1..2024-Q3`` -- is
represented the same way: absolute month indices ``start_month`` and
``end_month`` (inclusive, ``year * 12 + month - 1``), a granularity and the
canonical key text. Working on month indices keeps ``contains``/``overlaps``
to two integer comparisons, which the data store relies on to decide which
data points count for a requested period.

This module is pure: it knows nothing of files, diagnostics or data. It raises
:class:`PeriodError` (a ``ValueError``) on bad text; callers that read files turn
that into a :class:`~indikator.diagnostics.Diagnostic` with the position.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from ..messages import Problem

Granularity = Literal["year", "semester", "quarter", "month", "range"]

#: Months per unit of each fixed granularity.
UNIT_MONTHS: dict[str, int] = {"year": 12, "semester": 6, "quarter": 3, "month": 1}

MIN_YEAR = 1000
MAX_YEAR = 9999

_SIMPLE = re.compile(
    r"^(?P<year>\d{4})(?:-(?:(?P<s>[Ss])(?P<sn>[12])|(?P<q>[Qq])(?P<qn>[1-4])|(?P<m>\d{2})))?$"
)

FORMS = "2024, 2024-S1, 2024-Q3, 2024-09 or a range such as 2024-Q1..2024-Q3"


class PeriodError(ValueError):
    """Text that is not a period key. The message says what is accepted.

    ``problem`` (a catalog code and its parameters) lets the command line say the
    same in the user's language; ``str()`` is the English sentence.
    """

    def __init__(self, problem: "Problem | str") -> None:
        # a catalog Problem (rendered in English for str()), or a plain English sentence
        if isinstance(problem, str):
            super().__init__(problem)
            self.problem: "Problem | None" = None
        else:
            super().__init__(problem.render("en"))
            self.problem = problem

    def render(self, lang: str | None = None) -> str:
        return self.problem.render(lang) if self.problem is not None else str(self)


@dataclass(frozen=True, slots=True)
class Period:
    """A span of whole months with its canonical key.

    ``start_month``/``end_month`` are absolute month indices (inclusive).
    For a range, ``start_gran``/``end_gran`` remember how its ends were written
    (``2024-Q1..2024-Q3`` vs ``2024-01..2024-09``) so that shifted ranges keep
    the same notation; for other periods both equal ``granularity``.
    """

    start_month: int
    end_month: int
    granularity: Granularity
    key: str
    start_gran: str = ""
    end_gran: str = ""

    # -- construction -------------------------------------------------------
    @staticmethod
    def of(granularity: str, year: int, number: int = 1) -> "Period":
        """The fixed period ``number`` (1-based) of ``granularity`` in ``year``."""
        unit = UNIT_MONTHS[granularity]
        start = year * 12 + (number - 1) * unit
        return _fixed(granularity, start)

    @staticmethod
    def span(start_month: int, end_month: int, start_gran: str = "month",
             end_gran: str = "month") -> "Period":
        """A range over the given months, its ends written in the given notations
        where they align (else as months)."""
        if end_month < start_month:
            raise PeriodError("a range must not start after it ends")
        start_gran = start_gran if start_gran in UNIT_MONTHS else "month"
        end_gran = end_gran if end_gran in UNIT_MONTHS else "month"
        su, eu = UNIT_MONTHS[start_gran], UNIT_MONTHS[end_gran]
        # An end is written in its notation only where that unit aligns and fits
        # inside the range; otherwise as a month, so the key always parses back.
        sg = start_gran if start_month % su == 0 and start_month + su - 1 <= end_month else "month"
        eg = end_gran if (end_month + 1) % eu == 0 and end_month - eu + 1 >= start_month else "month"
        a = _fixed(sg, start_month - start_month % UNIT_MONTHS[sg])
        b = _fixed(eg, end_month - end_month % UNIT_MONTHS[eg])
        _check_year(a.start_month // 12)
        _check_year(b.end_month // 12)
        return Period(start_month, end_month, "range", f"{a.key}..{b.key}", sg, eg)

    # -- queries ------------------------------------------------------------
    def __str__(self) -> str:
        return self.key

    @property
    def months(self) -> int:
        """Length of the span in months."""
        return self.end_month - self.start_month + 1

    def contains(self, other: "Period") -> bool:
        """True when the whole span of ``other`` lies inside this one (equal spans included)."""
        return self.start_month <= other.start_month and other.end_month <= self.end_month

    def overlaps(self, other: "Period") -> bool:
        """True when the two spans share at least one month."""
        return self.start_month <= other.end_month and other.start_month <= self.end_month

    def same_span(self, other: "Period") -> bool:
        """True when both cover exactly the same months (``2024`` and ``2024-01..2024-12``)."""
        return self.start_month == other.start_month and self.end_month == other.end_month

    def year_end(self) -> int:
        """The year in which the period ends: its annual target applies (§7)."""
        return self.end_month // 12

    def year_start(self) -> int:
        return self.start_month // 12

    # -- shifting -----------------------------------------------------------
    def prev(self) -> "Period":
        """The previous period of the same granularity.

        ``2024-Q1`` → ``2023-Q4``; ``2024`` → ``2023``; ``2024-03`` → ``2024-02``.
        A range has no natural unit, so its previous period is the range of the
        same length that ends just before it starts: ``2024-Q2..2024-Q3`` →
        ``2023-Q4..2024-Q1``; ``2024-Q1..2024-Q3`` (9 months) → ``2023-Q2..2023-Q4``.
        The ends keep their notation where they align, else they are written as
        months. (``lag`` on a range shifts by whole years instead.)
        """
        if self.granularity == "range":
            n = self.months
            return Period.span(self.start_month - n, self.start_month - 1,
                               self.start_gran, self.end_gran)
        return self.lag(1)

    def lag(self, n: int) -> "Period":
        """``n`` periods back of the same granularity (negative ``n`` goes forward).

        A range shifts by ``n`` whole years, so a year-to-date such as
        ``2024-Q1..2024-Q3`` is compared with ``2023-Q1..2023-Q3`` (§5 ``lag``).
        """
        if self.granularity == "range":
            shift = 12 * n
            return Period.span(self.start_month - shift, self.end_month - shift,
                               self.start_gran, self.end_gran)
        shift = UNIT_MONTHS[self.granularity] * n
        _check_year((self.start_month - shift) // 12)
        return _fixed(self.granularity, self.start_month - shift)


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(f"year {year} is outside {MIN_YEAR}..{MAX_YEAR}")


def _fixed(granularity: str, start: int) -> Period:
    """The fixed period of ``granularity`` that starts at month index ``start`` (aligned)."""
    year, m0 = divmod(start, 12)
    unit = UNIT_MONTHS[granularity]
    if granularity == "year":
        key = f"{year:04d}"
    elif granularity == "semester":
        key = f"{year:04d}-S{m0 // 6 + 1}"
    elif granularity == "quarter":
        key = f"{year:04d}-Q{m0 // 3 + 1}"
    else:
        key = f"{year:04d}-{m0 + 1:02d}"
    return Period(start, start + unit - 1, granularity, key, granularity, granularity)  # type: ignore[arg-type]


def _parse_simple(text: str, whole: str) -> Period:
    m = _SIMPLE.match(text)
    if not m:
        raise PeriodError(f"'{whole}' is not a period; write {FORMS}")
    year = int(m.group("year"))
    _check_year(year)
    if m.group("sn"):
        return Period.of("semester", year, int(m.group("sn")))
    if m.group("qn"):
        return Period.of("quarter", year, int(m.group("qn")))
    if m.group("m"):
        month = int(m.group("m"))
        if not 1 <= month <= 12:
            raise PeriodError(f"'{whole}': month {m.group('m')} is not 01..12")
        return Period.of("month", year, month)
    return Period.of("year", year)


def parse_period(text: str, default_year: int | None = None) -> Period:
    """The one period parser (§7, §7.2): a canonical key or a planner's spelling.

    ``TW III 2024``, ``s.d. Maret 2024``, ``Semester I 2024``, … give the same
    :class:`Period` as ``2024-Q3``, ``2024-01..2024-03``, ``2024-S1``; its
    :attr:`Period.key` is canonical. ``default_year`` reads text that names no year
    (a wide sheet's ``TW I`` or ``Januari`` header). Text that is neither raises
    :class:`PeriodError` listing the accepted forms and, where one is close,
    suggesting it (``TW 3/2024`` → ``2024-Q3``).
    """
    try:
        return parse_period_key(text)
    except PeriodError as exc:
        first = exc
    if not isinstance(text, str):
        raise first
    from .period_spellings import read_spelling
    whole = text.strip()
    try:
        p = read_spelling(whole, default_year)
        if p is not None:
            _check_year(p.start_month // 12)
            _check_year(p.end_month // 12)
            return p
        if whole.count("..") == 1:
            a, _, b = whole.partition("..")
            pa_, pb = parse_period(a, default_year), parse_period(b, default_year)
            if pa_.start_month > pb.start_month or pa_.end_month > pb.end_month:
                raise first
            return Period(pa_.start_month, pb.end_month, "range", f"{pa_.key}..{pb.key}",
                          pa_.granularity, pb.granularity)
    except PeriodError:
        pass
    if ".." in whole or _SPECIFIC.match(whole):
        raise first          # 2024-13, 2024-Q3..2024-Q1: the specific reason says more
    raise refused(whole)


_SPECIFIC = re.compile(r"^\d{4}-\d{2}$|^\d{4}$")


def refused(text: str) -> PeriodError:
    """The error for text that is no period: the accepted forms and the closest reading."""
    from ..messages import Problem
    from .period_spellings import ACCEPTED_FORMS, suggest
    close = suggest(text)
    if close:
        problem = Problem("period-refused-suggest", {"text": text, "forms": ACCEPTED_FORMS, "suggestion": close})
    else:
        problem = Problem("period-refused", {"text": text, "forms": ACCEPTED_FORMS})
    return PeriodError(problem)


def parse_period_key(text: str) -> Period:
    """Parse a canonical period key; raise :class:`PeriodError` with a clear message if it is not one.

    Surrounding whitespace is ignored and ``s``/``q`` may be lower case; the
    resulting :attr:`Period.key` is canonical (``2024-Q1``), so two spellings of
    one key compare equal. A range ``A..B`` joins two simple keys, possibly of
    different granularities; it must not start after it ends.
    """
    if not isinstance(text, str):
        raise PeriodError(f"'{text}' is not a period; write {FORMS}")
    whole = text.strip()
    if ".." in whole:
        parts = whole.split("..")
        if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
            raise PeriodError(f"'{whole}' is not a period range; write e.g. 2024-Q1..2024-Q3")
        a = _parse_simple(parts[0].strip(), whole)
        b = _parse_simple(parts[1].strip(), whole)
        if a.start_month > b.start_month or a.end_month > b.end_month:
            raise PeriodError(f"'{whole}': the range starts after it ends "
                              f"({a.key} is not before {b.key})")
        return Period(a.start_month, b.end_month, "range", f"{a.key}..{b.key}",
                      a.granularity, b.granularity)
    return _parse_simple(whole, whole)
