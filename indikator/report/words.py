"""The report's words and periods in Indonesian and English (``TEXT``, :func:`period_label`).
"""
from __future__ import annotations

from ..data.periods import Period, PeriodError, parse_period
from ..messages.language import ByLanguage, language


# ---------------------------------------------------------------------------- words
#: The report's words by language (indikator/messages/lang_<code>.py, table "report").
TEXT = ByLanguage("report")


def period_label(period: Period, lang: str = "id") -> str:
    """A period as a planner writes it: ``Triwulan I s.d. III 2024``, ``Semester I 2024``."""
    T = TEXT[lang]
    part = language(lang).part
    if period.granularity == "range":
        a_key, b_key = period.key.split("..")
        a, b = parse_period(a_key), parse_period(b_key)
        if (a.granularity == b.granularity and a.granularity in ("quarter", "semester")
                and a.year_start() == b.year_start()):
            n_a = (a.start_month % 12) // (3 if a.granularity == "quarter" else 6)
            n_b = (b.start_month % 12) // (3 if b.granularity == "quarter" else 6)
            return T["range_same"].format(g=T["gw"][a.granularity], a=part(n_a + 1), b=part(n_b + 1),
                                          y=a.year_start())
        return f"{period_label(a, lang)} {T['through']} {period_label(b, lang)}"
    y = period.year_start()
    m0 = period.start_month % 12
    if period.granularity == "year":
        return T["year"].format(y=y)
    if period.granularity == "semester":
        return T["semester"].format(n=part(m0 // 6 + 1), y=y)
    if period.granularity == "quarter":
        return T["quarter"].format(n=part(m0 // 3 + 1), y=y)
    return f"{language(lang).month(m0 + 1)} {y}"


def year_before(period: Period) -> Period | None:
    """The same span one year earlier: ``2024-Q3`` → ``2023-Q3``, ``2024-Q1..2024-Q3`` → ``2023-Q1..2023-Q3``."""
    try:
        if period.granularity == "range":
            return period.lag(1)
        return parse_period(f"{period.year_start() - 1:04d}{period.key[4:]}")
    except PeriodError:
        return None
