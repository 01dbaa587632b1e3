"""Property tests for the formula language: print → parse round trip; random text never crashes."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indikator.diagnostics import Locator
from indikator.formula import (
    Binary,
    Boolean,
    Call,
    Name,
    Number,
    Percent,
    String,
    Unary,
    depth,
    parse_formula,
    to_text,
)
from indikator.formula.ast import LABEL_FIELDS
from indikator.formula.functions import FUNCTIONS
from indikator.formula.parser import MAX_DEPTH, MAX_LENGTH

SETTINGS = settings(max_examples=250, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

KEYWORDS = {"and", "dan", "or", "atau", "not", "tidak", "true", "false"}

# ---------------------------------------------------------------------------
# random ASTs of the shapes the parser produces

identifier = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,8}", fullmatch=True)
bare_names = st.lists(identifier, min_size=1, max_size=3).map(".".join) \
    .filter(lambda t: t not in KEYWORDS).map(Name)
label_text = st.text(st.characters(blacklist_characters="{}", blacklist_categories=("Cs",)),
                     min_size=1, max_size=20).map(str.strip).filter(bool)
braced_names = st.builds(lambda t, f: Name(t, braced=True, field=f),
                         label_text, st.none() | st.sampled_from(sorted(LABEL_FIELDS)))
numbers = (st.integers(0, 10**6).map(float)
           | st.floats(min_value=0, max_value=1e300, allow_nan=False, allow_infinity=False)
           ).map(Number)
leaves = (numbers
          | st.text(max_size=10).map(String)
          | st.booleans().map(Boolean)
          | bare_names
          | braced_names)


def _calls(children: st.SearchStrategy) -> st.SearchStrategy:
    def build(name: str, data: st.DataObject) -> Call:
        spec = FUNCTIONS[name]
        hi = spec.max_args if spec.max_args is not None else spec.min_args + 3
        args = data.draw(st.lists(children, min_size=spec.min_args, max_size=hi))
        return Call(name, tuple(args))
    return st.builds(build, st.sampled_from(sorted(FUNCTIONS)), st.data())


def _extend(children: st.SearchStrategy) -> st.SearchStrategy:
    return (st.builds(Binary, st.sampled_from(["+", "-", "*", "/", "^", "<", "<=", ">", ">=",
                                               "==", "!=", "and", "or"]), children, children)
            | st.builds(Unary, st.sampled_from(["-", "+", "not"]), children)
            | st.builds(Percent, children)
            | _calls(children))


asts = st.recursive(leaves, _extend, max_leaves=25)


@SETTINGS
@given(asts)
def test_print_then_parse_gives_the_same_ast(expr):
    text = to_text(expr)
    # st.recursive bounds leaves, not depth: only trees within the limits are printable formulas
    if depth(expr) > MAX_DEPTH or len(text) > MAX_LENGTH:
        return
    parsed, diags = parse_formula(text)
    assert diags == [], (text, [d.message for d in diags])
    assert parsed == expr, text
    assert to_text(parsed) == text  # canonical text is a fixed point


# ---------------------------------------------------------------------------
# random text: only ever an AST or diagnostics

formula_alphabet = st.sampled_from(list("()()(){}{}\"'%^*/+-<>=!,. ×÷\n\t0123456789eabxyz_")
                                   + ["and ", " or ", "not ", "dan ", "sum(", "jumlah(",
                                      "round(", "{Jumlah x}", ".target", "100%", "true", "1e3"])
formula_like = st.lists(formula_alphabet, max_size=60).map("".join)
any_text = st.text(max_size=200)


def _check_parse_result(text: str, locator: Locator | None = None) -> None:
    expr, diags = parse_formula(text, locator)
    if expr is None:
        assert diags, text
        assert all(d.severity == "error" and d.span is not None for d in diags)
        assert all(d.code in {"formula-syntax", "formula-too-long", "formula-too-deep",
                              "unknown-function", "function-arity"} for d in diags)
        assert all(d.span.line >= 1 and d.span.col >= 1 for d in diags)
    else:
        assert diags == []
        # whatever parsed also prints to text that parses back to the same tree
        again, diags2 = parse_formula(to_text(expr))
        assert diags2 == [] and again == expr, text


@SETTINGS
@given(any_text)
def test_random_unicode_text_never_raises(text):
    _check_parse_result(text)


@SETTINGS
@given(formula_like)
def test_formula_like_text_never_raises(text):
    _check_parse_result(text)


@SETTINGS
@given(formula_like, st.integers(1, 500), st.integers(1, 80))
def test_diagnostics_are_shifted_by_the_locator(text, line, col):
    plain, diags = parse_formula(text)
    shifted, diags2 = parse_formula(text, Locator(text, "defs/x.yaml", line=line, col=col))
    assert plain == shifted
    assert [d.message for d in diags] == [d.message for d in diags2]
    for d, d2 in zip(diags, diags2):
        assert d2.span.file == "defs/x.yaml"
        assert d2.span.line == d.span.line + line - 1
        if d.span.line == 1:
            assert d2.span.col == d.span.col + col - 1


@SETTINGS
@given(st.lists(st.sampled_from(["(", ")", "-", "not ", "^", "1", "f(", "+", " "]),
                min_size=100, max_size=1500).map("".join))
def test_nesting_never_overflows_the_stack(text):
    _check_parse_result(text)

