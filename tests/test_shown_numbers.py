"""One formatter for every shown number (indikator/output/numbers.py): one rounding, one look,
one missing mark, whichever output asks — eval's table, the report, the chart, the web page."""
from __future__ import annotations

import math

import numpy as np
import pytest
from pathlib import Path
from hypothesis import given, settings, strategies as st

from indikator.engine.values import round_half_away
from indikator.output import numbers
from indikator.output.evaluation import fmt_number, fmt_value
from indikator.output.numbers import MISSING, amount, figure, number
from indikator.render.cascade import _figure as chart_figure
from indikator.report.display import display
from indikator.report.tables import Range
from indikator.serve.pages import fmt_value as page_value


@pytest.mark.parametrize("x, lang, digits, shown", [
    (100.75, "id", 2, "100,75"),
    (100.75, "en", 2, "100.75"),
    (7042932613.0, "id", 0, "7.042.932.613"),
    (1234567.891, "en", 2, "1,234,567.89"),
    (1.005, "id", 2, "1,01"),                      # 1.00499999… as a float: the planner's 1,01
    (72.84499999999998, "id", 2, "72,85"),         # 72.845 after float noise (the report said 72,84)
    (-2.5, "id", 0, "-3"),                         # half away from zero, not to even
    (2.5, "id", 0, "3"),
    (0.125, "en", 2, "0.13"),
    (1e300, "id", 2, "1e+300"),                    # beyond Babel's precision: still a number
])
def test_number_rounds_half_away_in_the_language(x, lang, digits, shown):
    assert number(x, lang, digits) == shown


@pytest.mark.parametrize("x, shown", [
    (78000.0, "78.000"), (98, "98"), (92.85, "92,85"), (12.001, "12"), (12.005, "12,01"),
    (0.0049999999996, "0,01"), ({"min": 80, "max": 90.5}, "80–90,50"), (Range(80.0, 90.0), "80–90"),
    ("BB", "BB"),
])
def test_amount_is_how_planners_write_targets_and_actuals(x, shown):
    assert amount(x, "id") == shown


@pytest.mark.parametrize("missing", [None, float("nan"), np.float64("nan")])
def test_one_missing_mark_for_every_output(missing):
    shown = {fmt_number(missing, "id"), fmt_value(missing, "id"), display(missing, "num", "id"),
             display(missing, "pct", "id"), page_value(missing, "id"), chart_figure(missing, "num", "id"),
             figure(missing, "money", "en")}
    assert shown == {MISSING}
    assert number(missing, "id", missing="") == ""      # an output that needs another mark asks by name


@pytest.mark.parametrize("x", [72.84499999999998, 12.001, 0.0049999999996, 7042932613.5, 99.995, -0.5,
                               {"min": 80, "max": 90.5}, 1e300, math.inf])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_output_shows_a_figure_alike(x, lang):
    """eval's table, the report, the web page and the chart show a target the same way, and an
    achievement the same way (they had three formatters that disagreed on these values)."""
    assert fmt_value(x, lang) == display(x, "num", lang) == page_value(x, lang) == chart_figure(x, "num", lang)
    assert fmt_number(x, lang) == display(x, "pct", lang)


@settings(max_examples=300, deadline=None)
@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False), st.sampled_from([0, 2]))
def test_the_shown_figure_is_the_engines_rounding(x, digits):
    """What is shown is the figure the predicates are taken from (the vector rounding), in
    machine form with lang en once the separators are taken out."""
    rounded = float(round_half_away(np.array([x, 0.0]), digits)[0])
    shown = number(x, "en", digits).replace(",", "")
    assert float(shown) == rounded
    assert len(shown.partition(".")[2]) == digits


def test_each_distinct_value_is_formatted_once(monkeypatch):
    calls = []
    real = numbers.format_fixed         # Babel's text (output/numtext.py)
    monkeypatch.setattr(numbers, "_SHOWN", {})
    monkeypatch.setattr(numbers, "format_fixed", lambda *a, **k: calls.append(a) or real(*a, **k))
    for _ in range(3):
        for x in (91.004, 91.0, 90.996, 12.5):          # 91,00 three ways, and 12,50
            number(x, "id")
    assert len(calls) == 2


@pytest.mark.parametrize("x, lang, shown", [
    (99.7326, "id", "99,7326"), (99.7326, "en", "99.7326"), (100.74912, "id", "100,749"),
    (7042932613.4, "id", "7042932613"), (120, "id", "120"), (1e-7, "id", "0,0000001"), (None, "id", MISSING),
    (5.16134846e-05, "id", "0,0000516135"), (-3.25, "en", "-3.25"), (0.0, "id", "0"), (0, "en", "0"), (-1.5e-12, "id", "-1,5E-12"),
    ({"min": 80, "max": 90.5}, "id", "80–90,5"), ("BB", "id", "BB"),
])
def test_explain_shows_six_significant_digits_in_the_language(x, lang, shown):
    assert numbers.precise(x, lang) == shown


@pytest.mark.parametrize("value, lang, shown", [
    (97.4699, "id", "97,47%"), (97.47, "en", "97.47%"), (100.0, "id", "100,00%"), (-3.5, "id", "-3,50%"),
    (None, "id", "-"), (float("nan"), "en", "-"),
])
def test_a_headline_percent_is_placed_as_the_locale_places_it(value, lang, shown):
    """CLDR's percent pattern (Babel) puts the sign right after the digits in id and en, as the
    spec writes ``70,30%``; a missing value is the missing mark alone, never ``- %``."""
    from indikator.output.numbers import percent

    assert percent(value, lang) == shown


def test_every_headline_writes_the_same_percent(tmp_path):
    """The report (HTML, Markdown), the chart and the web page's summary write an agency's
    achievement the same way: ``97,47%``."""
    import re

    from helpers import run_cli

    luwu = Path(__file__).resolve().parent.parent / "definitions" / "luwu-timur"
    args = ["--data", str(luwu / "data"), "--period", "2024-Q1..2024-Q3", "--lang", "id"]
    texts = {}
    for out in ("r.html", "r.md", "c.dot"):
        command = "render" if out.endswith(".dot") else "report"
        r = run_cli(command, str(luwu), *args, "-o", str(tmp_path / out))
        assert r.exit_code == 0, r.output
        texts[out] = (tmp_path / out).read_text(encoding="utf-8")
    for out, text in texts.items():
        assert "97,47%" in text or "87,46%" in text, out
        assert not re.search(r"\d,\d\d %", text), (out, re.findall(r".{20}\d,\d\d %.{5}", text)[:3])
