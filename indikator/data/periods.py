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

import difflib
import re
from dataclasses import dataclass
from typing import Literal

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
_FORMS = Problem("period-forms")


class PeriodError(ValueError):
    """Text that is not a period key. The message says what is accepted.

    ``problem`` (a catalog code and its parameters) lets the command line say the
    same in the user's language; ``str()`` is the English sentence. Raised with a
    :class:`~indikator.messages.Problem` alone, the English is rendered from it.
    """

    def __init__(self, message: "str | Problem", problem: "Problem | None" = None) -> None:
        if isinstance(message, Problem):
            message, problem = message.render("en"), message
        super().__init__(message)
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
        return fixed_period(granularity, start)

    @staticmethod
    def span(start_month: int, end_month: int, start_gran: str = "month",
             end_gran: str = "month") -> "Period":
        """A range over the given months, its ends written in the given notations
        where they align (else as months)."""
        if end_month < start_month:
            raise PeriodError(Problem("period-range-backwards"))
        start_gran = start_gran if start_gran in UNIT_MONTHS else "month"
        end_gran = end_gran if end_gran in UNIT_MONTHS else "month"
        su, eu = UNIT_MONTHS[start_gran], UNIT_MONTHS[end_gran]
        # An end is written in its notation only where that unit aligns and fits
        # inside the range; otherwise as a month, so the key always parses back.
        sg = start_gran if start_month % su == 0 and start_month + su - 1 <= end_month else "month"
        eg = end_gran if (end_month + 1) % eu == 0 and end_month - eu + 1 >= start_month else "month"
        a = fixed_period(sg, start_month - start_month % UNIT_MONTHS[sg])
        b = fixed_period(eg, end_month - end_month % UNIT_MONTHS[eg])
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
        return fixed_period(self.granularity, self.start_month - shift)


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(Problem("period-year-range", {"year": year, "lo": MIN_YEAR, "hi": MAX_YEAR}))


def fixed_period(granularity: str, start: int) -> Period:
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
        raise PeriodError(Problem("period-not-a-period", {"text": whole, "forms": _FORMS}))
    year = int(m.group("year"))
    _check_year(year)
    if m.group("sn"):
        return Period.of("semester", year, int(m.group("sn")))
    if m.group("qn"):
        return Period.of("quarter", year, int(m.group("qn")))
    if m.group("m"):
        month = int(m.group("m"))
        if not 1 <= month <= 12:
            raise PeriodError(Problem("period-bad-month", {"text": whole, "month": m.group("m")}))
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
        raise PeriodError(Problem("period-not-a-period", {"text": text, "forms": _FORMS}))
    whole = text.strip()
    if ".." in whole:
        parts = whole.split("..")
        if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
            raise PeriodError(Problem("period-not-a-range", {"text": whole}))
        a = _parse_simple(parts[0].strip(), whole)
        b = _parse_simple(parts[1].strip(), whole)
        if a.start_month > b.start_month or a.end_month > b.end_month:
            raise PeriodError(Problem("period-starts-after", {"text": whole, "a": a.key, "b": b.key}))
        return Period(a.start_month, b.end_month, "range", f"{a.key}..{b.key}",
                      a.granularity, b.granularity)
    return _parse_simple(whole, whole)


# ---------------------------------------------------------------- periods as reports write them
# Periods as planners write them (PRODUCT.md §7.2): ``TW III 2024``, ``s.d. Maret 2024`` …
# 
# The canonical keys (``2024-Q3``) are read by :mod:`indikator.data.periods`; this module
# reads the spellings of Indonesian reports and returns the same :class:`Period`, so every
# output shows the canonical key whatever was written. It is the one place that knows these
# spellings: ``--period``, the period column of data files, the keys of target and budget
# maps and the headers of wide sheets all reach it through :func:`parse_period`
# (``default_year`` for a header such as ``TW I`` or ``Januari`` that names no year).
# 
# The language is a handful of words around a year and a number, matched case-insensitively
# with free spaces by the regular expressions below (each form is one expression, so the
# accepted spellings can be read off the code); anything else is refused with the list of
# accepted forms and, where a small repair makes it readable (``TW 3/2024``), a suggestion.

#: The accepted spellings, shown in the message of a refused period (§7.2 table).
ACCEPTED_FORMS = ("2024, 2024-S1, 2024-Q3, 2024-09, 2024-Q1..2024-Q3; "
                  "TW3 2024, TW III 2024, Triwulan III 2024, 2024-TW3, Q3 2024; "
                  "s.d. TW III 2024, TW I-III 2024, TW I s.d. III 2024; "
                  "Semester I 2024, S1 2024, Smt 1 2024; Januari 2024, Jan 2024; "
                  "s.d. Maret 2024; Tahun 2024, TA 2024")

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10,
          "xi": 11, "xii": 12}

#: Month names and abbreviations, Indonesian and English (lower case).
MONTHS: dict[str, int] = {}
for _n, _names in enumerate((
        ("januari", "january", "jan"), ("februari", "pebruari", "february", "feb", "peb"),
        ("maret", "march", "mar"), ("april", "apr"), ("mei", "may"),
        ("juni", "june", "jun"), ("juli", "july", "jul"),
        ("agustus", "august", "agu", "agt", "ags", "aug"),
        ("september", "sept", "sep"), ("oktober", "october", "okt", "oct"),
        ("november", "nopember", "nov", "nop"), ("desember", "december", "des", "dec")), start=1):
    for _name in _names:
        MONTHS[_name] = _n

_UNIT_WORDS = {"triwulan": "quarter", "tw": "quarter", "q": "quarter",
               "semester": "semester", "smt": "semester", "sem": "semester", "s": "semester"}
_UNIT = r"(?P<unit>triwulan|tw|q|semester|smt|sem|s)\.?"
_NUM = r"(?:[0-9]{1,2}|[ivx]+)"
_UPTO = r"(?:s\.?\s*d\.?|s\s*/\s*d|sampai\s+dengan|sampai|hingga|-|–)"
_YEAR = r"(?P<year>[0-9]{4})"
_MONTH = r"(?P<month>[a-z]+)\.?"

# What stands beside the year, one expression per form. Spaces are free (\s*).
_BODIES: list[tuple[str, re.Pattern[str]]] = [(name, re.compile(rx)) for name, rx in (
    ("year", r"(?:tahun|thn|th|ta|t\.a\.|tahun\s+anggaran)?"),
    ("ytd-unit", rf"{_UPTO}\s*{_UNIT}\s*(?P<b>{_NUM})"),
    ("unit-range", rf"{_UNIT}\s*(?P<a>{_NUM})\s*{_UPTO}\s*(?:{_UNIT.replace('unit', 'unit2')}\s*)?(?P<b>{_NUM})"),
    ("unit", rf"{_UNIT}\s*-?\s*(?P<b>{_NUM})"),
    ("ytd-month", rf"{_UPTO}\s*{_MONTH}"),
    ("month", _MONTH),
)]
_WITH_YEAR_AFTER = re.compile(rf"^(?P<body>.*?)\s*{_YEAR}$")
_WITH_YEAR_BEFORE = re.compile(rf"^{_YEAR}\s*(?:-\s*)?(?P<body>.*?)$")


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _ROMAN.get(text, 0)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


def read_spelling(text: str, default_year: int | None = None) -> Period | None:
    """The period a planner's spelling means, or ``None`` when it is not one of the §7.2 forms.

    ``default_year`` is used when the text names no year (a wide sheet's ``TW I`` header
    under a ``2024`` title); without it such text is not a period.
    """
    s = _norm(text)
    candidates: list[tuple[str, int]] = []
    for rx in (_WITH_YEAR_AFTER, _WITH_YEAR_BEFORE):
        m = rx.match(s)
        if m:
            candidates.append((m.group("body").strip(), int(m.group("year"))))
    if default_year is not None:
        candidates.append((s, default_year))
    for body, year in candidates:
        p = _read_body(body, year)
        if p is not None:
            return p
    return None


def _read_body(body: str, year: int) -> Period | None:
    for name, rx in _BODIES:
        m = rx.fullmatch(body)
        if m is None:
            continue
        if name == "year":
            return Period.of("year", year)
        if name in ("month", "ytd-month"):
            month = MONTHS.get(m.group("month"))
            if month is None:
                continue
            p = Period.of("month", year, month)
            return Period.span(year * 12, p.end_month) if name == "ytd-month" and month > 1 else p
        gran = _UNIT_WORDS[m.group("unit")]
        if name == "unit-range" and m.group("unit2") and _UNIT_WORDS[m.group("unit2")] != gran:
            continue
        b = _number(m.group("b"))
        count = 12 // UNIT_MONTHS[gran]
        if not 1 <= b <= count:
            continue
        end = Period.of(gran, year, b)
        if name == "unit":
            return end
        a = _number(m.group("a")) if name == "unit-range" else 1
        if not 1 <= a <= b:
            continue
        start = Period.of(gran, year, a)
        if a == b:
            return end
        return Period(start.start_month, end.end_month, "range", f"{start.key}..{end.key}", gran, gran)
    return None


def suggest(text: str) -> str | None:
    """The canonical key of the closest readable spelling, for "did you mean …?".

    Small repairs a planner makes without thinking: other separators (``TW 3/2024``,
    ``2024.Q3``), a missing space, a misspelt word (``Triwulam III 2024``).
    """
    s = _norm(text)
    repaired = re.sub(r"[/_.,:;]+", " ", s)
    repaired = re.sub(r"([a-z])([0-9])", r"\1 \2", repaired)
    for attempt in (repaired, re.sub(r"\s+", "", repaired)):
        p = read_spelling(attempt)
        if p is None:
            try:
                p = parse_period_key(attempt.replace(" ", "-"))
            except PeriodError:
                p = None
        if p is not None:
            return p.key
    words = repaired.split()
    known = list(MONTHS) + list(_UNIT_WORDS) + ["tahun", "sd"]
    fixed = [(difflib.get_close_matches(w, known, n=1, cutoff=0.75) or [w])[0] if w.isalpha() else w
             for w in words]
    if fixed != words:
        p = read_spelling(" ".join(fixed))
        if p is not None:
            return p.key
    return None
