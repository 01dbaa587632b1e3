"""Period keys and their algebra (PRODUCT.md §7)."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indikator.data.periods import Period, PeriodError, parse_period


@pytest.mark.parametrize("text, gran, start, end", [
    ("2024", "year", (2024, 1), (2024, 12)),
    ("2024-S1", "semester", (2024, 1), (2024, 6)),
    ("2024-S2", "semester", (2024, 7), (2024, 12)),
    ("2024-Q1", "quarter", (2024, 1), (2024, 3)),
    ("2024-Q3", "quarter", (2024, 7), (2024, 9)),
    ("2024-Q4", "quarter", (2024, 10), (2024, 12)),
    ("2024-01", "month", (2024, 1), (2024, 1)),
    ("2024-09", "month", (2024, 9), (2024, 9)),
    ("2024-12", "month", (2024, 12), (2024, 12)),
    ("2024-Q1..2024-Q3", "range", (2024, 1), (2024, 9)),
    ("2024-01..2024-09", "range", (2024, 1), (2024, 9)),
    ("2023-Q4..2024-Q1", "range", (2023, 10), (2024, 3)),
    ("2024-S1..2024-09", "range", (2024, 1), (2024, 9)),
])
def test_parse(text, gran, start, end):
    p = parse_period(text)
    assert p.granularity == gran
    assert p.start_month == start[0] * 12 + start[1] - 1
    assert p.end_month == end[0] * 12 + end[1] - 1
    assert str(p) == text


@pytest.mark.parametrize("text, canonical", [
    (" 2024-q2 ", "2024-Q2"),
    ("2024-s1", "2024-S1"),
    ("2024-q1 .. 2024-q3", "2024-Q1..2024-Q3"),
])
def test_canonical_key(text, canonical):
    assert parse_period(text).key == canonical
    assert parse_period(text) == parse_period(canonical)


@pytest.mark.parametrize("text, fragment", [
    ("", "not a period"),
    ("24", "not a period"),
    ("2024-Q5", "not a period"),
    ("2024-S3", "not a period"),
    ("2024-13", "month 13"),
    ("2024-00", "month 00"),
    ("2024-1", "not a period"),
    ("2024/01", "not a period"),
    ("2024-Q3..2024-Q1", "starts after it ends"),
    ("2024..2024-Q1", "starts after it ends"),
    ("2024-Q1..", "range"),
    ("2024-Q1..2024-Q2..2024-Q3", "range"),
    ("TW5 2024", "not a period"),
])
def test_parse_errors(text, fragment):
    with pytest.raises(PeriodError) as exc:
        parse_period(text)
    assert fragment in str(exc.value)
    assert isinstance(exc.value, ValueError)


def test_contains_spec_example():
    """§7: for 2024-Q1..2024-Q3 a 2024-S1 value counts, and for 2024-Q1 it does not."""
    s1 = parse_period("2024-S1")
    assert parse_period("2024-Q1..2024-Q3").contains(s1)
    assert not parse_period("2024-Q1").contains(s1)
    assert parse_period("2024-Q1").overlaps(s1)


@pytest.mark.parametrize("a, b, contains, overlaps", [
    ("2024", "2024-Q3", True, True),
    ("2024", "2024", True, True),
    ("2024-Q1", "2024-03", True, True),
    ("2024-Q1", "2024-04", False, False),
    ("2024-Q2", "2024-S1", False, True),
    ("2023", "2024-01", False, False),
    ("2024-01..2024-12", "2024", True, True),
])
def test_contains_overlaps(a, b, contains, overlaps):
    pa, pb = parse_period(a), parse_period(b)
    assert pa.contains(pb) is contains
    assert pa.overlaps(pb) is overlaps
    assert pb.overlaps(pa) is overlaps


@pytest.mark.parametrize("text, year", [
    ("2024", 2024), ("2024-Q4", 2024), ("2023-Q4..2024-Q1", 2024), ("2024-01", 2024),
])
def test_year_end(text, year):
    assert parse_period(text).year_end() == year


@pytest.mark.parametrize("text, prev", [
    ("2024", "2023"),
    ("2024-Q1", "2023-Q4"),
    ("2024-Q3", "2024-Q2"),
    ("2024-S1", "2023-S2"),
    ("2024-03", "2024-02"),
    ("2024-01", "2023-12"),
    ("2024-Q1..2024-Q3", "2023-Q2..2023-Q4"),
    ("2024-Q2..2024-Q3", "2023-Q4..2024-Q1"),
    ("2024-01..2024-09", "2023-04..2023-12"),
])
def test_prev(text, prev):
    assert str(parse_period(text).prev()) == prev


@pytest.mark.parametrize("text, n, lagged", [
    ("2024-Q1", 4, "2023-Q1"),
    ("2024-Q1", 2, "2023-Q3"),
    ("2024-03", 12, "2023-03"),
    ("2024", 3, "2021"),
    ("2024-S2", 1, "2024-S1"),
    ("2024-Q1..2024-Q3", 1, "2023-Q1..2023-Q3"),
    ("2024-Q1..2024-Q3", 2, "2022-Q1..2022-Q3"),
    ("2024-Q3", 0, "2024-Q3"),
    ("2024-Q3", -1, "2024-Q4"),
])
def test_lag(text, n, lagged):
    assert str(parse_period(text).lag(n)) == lagged


def test_range_prev_falls_back_to_months_when_unaligned():
    p = parse_period("2024-Q1..2024-04")
    assert p.months == 4
    assert str(p.prev()) == "2023-09..2023-12"
    assert Period.span(2024 * 12, 2024 * 12, "quarter", "quarter").key == "2024-01..2024-01"


# -- properties --------------------------------------------------------------

years = st.integers(1900, 2100)
simple = st.one_of(
    years.map(lambda y: Period.of("year", y)),
    st.tuples(years, st.integers(1, 2)).map(lambda t: Period.of("semester", *t)),
    st.tuples(years, st.integers(1, 4)).map(lambda t: Period.of("quarter", *t)),
    st.tuples(years, st.integers(1, 12)).map(lambda t: Period.of("month", *t)),
)


@st.composite
def ranges(draw):
    a, b = draw(simple), draw(simple)
    if (a.start_month, a.end_month) > (b.start_month, b.end_month):
        a, b = b, a
    if a.end_month > b.end_month or a.start_month > b.start_month:
        return draw(simple)
    return parse_period(f"{a}..{b}")


periods = st.one_of(simple, ranges())


@given(periods)
def test_roundtrip(p):
    assert parse_period(str(p)) == p
    assert parse_period(str(p).lower()) == p


@given(periods, st.integers(-30, 30), st.integers(-30, 30))
def test_lag_composes(p, n, k):
    assert p.lag(n).lag(k) == p.lag(n + k)
    assert p.lag(n).lag(-n) == p


@given(periods)
def test_prev_is_adjacent_and_same_length(p):
    q = p.prev()
    assert q.end_month == p.start_month - 1
    assert q.months == p.months
    assert parse_period(str(q)) == q
    if p.granularity != "range":
        assert q == p.lag(1)
        assert q.granularity == p.granularity


@given(periods)
def test_range_lag_shifts_whole_years(p):
    q = p.lag(1)
    if p.granularity == "range":
        assert q.start_month == p.start_month - 12
        assert q.end_month == p.end_month - 12


@given(periods, periods)
def test_contains_implies_overlaps(a, b):
    if a.contains(b):
        assert a.overlaps(b)
        assert a.start_month <= b.start_month <= b.end_month <= a.end_month
    assert a.overlaps(b) == b.overlaps(a)
