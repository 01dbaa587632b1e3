"""Periods as planners write them (PRODUCT.md §7.2): ``TW III 2024``, ``s.d. Maret 2024`` …

The canonical keys (``2024-Q3``) are read by :mod:`indikator.data.periods`; this module
reads the spellings of Indonesian reports and returns the same :class:`Period`, so every
output shows the canonical key whatever was written. It is the one place that knows these
spellings: ``--period``, the period column of data files, the keys of target and budget
maps and the headers of wide sheets all reach it through :func:`parse_period`
(``default_year`` for a header such as ``TW I`` or ``Januari`` that names no year).

The language is a handful of words around a year and a number, matched case-insensitively
with free spaces by the regular expressions below (each form is one expression, so the
accepted spellings can be read off the code); anything else is refused with the list of
accepted forms and, where a small repair makes it readable (``TW 3/2024``), a suggestion.
"""
from __future__ import annotations

import difflib
import re

from .periods import Period, PeriodError, UNIT_MONTHS

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
            from .periods import parse_period_key
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
