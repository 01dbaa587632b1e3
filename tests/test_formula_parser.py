"""Formula front end: precedence, aliases, names, positions and error messages."""
from __future__ import annotations

import time

import pytest

from indikator.diagnostics import Locator, MappedLocator, Span
from indikator.formula import (
    MAX_DEPTH,
    Binary,
    Boolean,
    Call,
    Name,
    Number,
    Percent,
    String,
    Unary,
    depth,
    names,
    parse_formula,
    to_text,
    walk,
)
from indikator.formula import functions, parser


def N(text: str) -> Name:
    return Name(text)


def L(text: str, field: str | None = None) -> Name:
    return Name(text, braced=True, field=field)


def num(v: float) -> Number:
    return Number(float(v))


def ok(text: str, locator: Locator | None = None):
    expr, diags = parse_formula(text, locator)
    assert diags == [], [d.message for d in diags]
    assert expr is not None
    return expr


def fails(text: str, locator: Locator | None = None):
    expr, diags = parse_formula(text, locator)
    assert expr is None
    assert len(diags) >= 1
    return diags[0]


# --------------------------------------------------------------------------
# structure

a, b, c = N("a"), N("b"), N("c")

PARSES = [
    # the documents' percentage idiom: (a / b) * (100%)
    ("a / b × 100%", Binary("*", Binary("/", a, b), Percent(num(100)))),
    ("a / b * 100 %", Binary("*", Binary("/", a, b), Percent(num(100)))),
    ("98%", Percent(num(98))),
    ("(a / b)%", Percent(Binary("/", a, b))),
    ("-x%", Unary("-", Percent(N("x")))),
    ("2^3%", Binary("^", num(2), Percent(num(3)))),
    ("a ÷ b", Binary("/", a, b)),
    # arithmetic precedence and associativity
    ("1 + 2 * 3", Binary("+", num(1), Binary("*", num(2), num(3)))),
    ("(1 + 2) * 3", Binary("*", Binary("+", num(1), num(2)), num(3))),
    ("a - b - c", Binary("-", Binary("-", a, b), c)),
    ("a / b / c", Binary("/", Binary("/", a, b), c)),
    ("-2^2", Unary("-", Binary("^", num(2), num(2)))),
    ("2^3^2", Binary("^", num(2), Binary("^", num(3), num(2)))),
    ("2^-1", Binary("^", num(2), Unary("-", num(1)))),
    ("(-2)^2", Binary("^", Unary("-", num(2)), num(2))),
    ("a * -b", Binary("*", a, Unary("-", b))),
    ("- - a", Unary("-", Unary("-", a))),
    ("+a", Unary("+", a)),
    ("a - -b", Binary("-", a, Unary("-", b))),
    # logic and comparisons
    ("not a and b", Binary("and", Unary("not", a), b)),
    ("not a == b", Unary("not", Binary("==", a, b))),
    ("a or b and c", Binary("or", a, Binary("and", b, c))),
    ("a and b or c", Binary("or", Binary("and", a, b), c)),
    ("a + 1 >= b * 2", Binary(">=", Binary("+", a, num(1)), Binary("*", b, num(2)))),
    ("a < b and b <= c", Binary("and", Binary("<", a, b), Binary("<=", b, c))),
    ("a != b", Binary("!=", a, b)),
    ("a > b", Binary(">", a, b)),
    ("not not a", Unary("not", Unary("not", a))),
    # Indonesian spellings normalise to English
    ("a dan b", Binary("and", a, b)),
    ("a atau b", Binary("or", a, b)),
    ("tidak a", Unary("not", a)),
    ("tidak a dan b atau c", Binary("or", Binary("and", Unary("not", a), b), c)),
    ("jumlah(a, b)", Call("sum", (a, b))),
    ("rata2(children.achievement)", Call("avg", (N("children.achievement"),))),
    ("mean(a)", Call("avg", (a,))),
    ("banyak(a)", Call("count", (a,))),
    ("jika(a > 0, a, 0)", Call("if", (Binary(">", a, num(0)), a, num(0)))),
    ("SUM(a)", Call("sum", (a,))),
    # names
    ("s2.cakupan_ktp.target", N("s2.cakupan_ktp.target")),
    ("children.achievement", N("children.achievement")),
    ("android + dana + notes + orange", Binary("+", Binary("+", Binary("+", N("android"), N("dana")),
                                                               N("notes")), N("orange"))),
    ("_x1", N("_x1")),
    ("{Jumlah penduduk wajib KTP}", L("Jumlah penduduk wajib KTP")),
    ("{  Jumlah penduduk  }", L("Jumlah penduduk")),
    ("{Persentase (%) capaian}.target", L("Persentase (%) capaian", "target")),
    ("{X}.actual + {Y}.achievement", Binary("+", L("X", "actual"), L("Y", "achievement"))),
    ("{Jumlah penduduk memiliki KTP-el} / {Jumlah penduduk wajib KTP} × 100%",
     Binary("*", Binary("/", L("Jumlah penduduk memiliki KTP-el"), L("Jumlah penduduk wajib KTP")),
            Percent(num(100)))),
    # literals
    ('"BB"', String("BB")),
    ("'BB'", String("BB")),
    (r'"a\"b"', String('a"b')),
    ('grade == "AA"', Binary("==", N("grade"), String("AA"))),
    ("true", Boolean(True)),
    ("false or true", Binary("or", Boolean(False), Boolean(True))),
    ("12", num(12)),
    ("12.5", num(12.5)),
    ("1e3", num(1000)),
    ("2.5E-2", num(0.025)),
    # calls and whitespace
    ("round(a / b, 2)", Call("round", (Binary("/", a, b), num(2)))),
    ("clamp(x, 0, 120)", Call("clamp", (N("x"), num(0), num(120)))),
    ("lag(x, 1)", Call("lag", (N("x"), num(1)))),
    ("round(x)", Call("round", (N("x"),))),
    ("sum(a)%", Percent(Call("sum", (a,)))),
    ("\n  a\n  +\tb\n", Binary("+", a, b)),
    ("a\u00a0+\u00a0b", Binary("+", a, b)),
]


@pytest.mark.parametrize("text,expected", PARSES, ids=[p[0] for p in PARSES])
def test_parses_to(text, expected):
    assert ok(text) == expected


@pytest.mark.parametrize("text", [p[0] for p in PARSES])
def test_print_parse_round_trip(text):
    expr = ok(text)
    assert ok(to_text(expr)) == expr


@pytest.mark.parametrize("text,expected", [
    ("a / b × 100%", "a / b * 100%"),
    ("(a + b) * c", "(a + b) * c"),
    ("a - (b - c)", "a - (b - c)"),
    ("(a - b) - c", "a - b - c"),
    ("(2^3)^2", "(2^3)^2"),
    ("2^(3^2)", "2^3^2"),
    ("(-2)^2", "(-2)^2"),
    ("-(2^2)", "-2^2"),
    ("tidak a dan b", "not a and b"),
    ("(a < b) < c", "(a < b) < c"),
    ("1 + (not x)", "1 + (not x)"),
    ("jumlah(a, b)", "sum(a, b)"),
    ("{ Label  x }.target", "{Label  x}.target"),
    ("1e3", "1e3"),
    ("'BB'", '"BB"'),
    ("((a))", "a"),
])
def test_canonical_text(text, expected):
    assert to_text(ok(text)) == expected


def test_printer_without_source_text():
    assert to_text(Binary("*", Number(0.5), Number(2.0))) == "0.5 * 2"
    assert to_text(Name("and")) == "{and}"
    assert to_text(Name("has space")) == "{has space}"
    with pytest.raises(ValueError):
        to_text(Number(-1.0))


def test_number_keeps_source_text_but_compares_by_value():
    expr = ok("1e3")
    assert isinstance(expr, Number) and expr.text == "1e3"
    assert expr == Number(1000.0)


def test_walk_and_names():
    expr = ok("sum({A}, b.target) / c * 100%")
    kinds = [type(n).__name__ for n in walk(expr)]
    assert kinds == ["Binary", "Binary", "Call", "Name", "Name", "Name", "Percent", "Number"]
    assert [n.text for n in names(expr)] == ["A", "b.target", "c"]
    assert depth(expr) == 4


def test_walk_is_iterative():
    expr: object = Number(1.0)
    for _ in range(5000):
        expr = Unary("-", expr)
    assert sum(1 for _ in walk(expr)) == 5001
    assert depth(expr) == 5001


# --------------------------------------------------------------------------
# positions


def test_node_spans_from_default_locator():
    expr = ok("a + {Jumlah x}")
    assert expr.span == Span("<formula>", 1, 1, 1, 15)
    assert expr.right.span == Span("<formula>", 1, 5, 1, 15)


def test_node_spans_shifted_by_locator():
    text = "a +\n  {B}.target"
    expr = ok(text, Locator(text, "defs/dukcapil.yaml", line=12, col=18))
    assert expr.left.span == Span("defs/dukcapil.yaml", 12, 18, 12, 19)
    # second line of a block scalar: columns count from the line start
    assert expr.right.span.line == 13 and expr.right.span.col == 3


@pytest.mark.parametrize("text,offset", [
    ("a + * b", 4),
    ("a +", 3),
    ("(a + b", 6),
    ("a ? b", 2),
    ("sum(a b)", 6),
])
def test_error_position_shifted_by_locator(text, offset):
    d = fails(text, Locator(text, "defs/x.yaml", line=7, col=11))
    assert d.code == "formula-syntax"
    assert (d.span.file, d.span.line, d.span.col) == ("defs/x.yaml", 7, 11 + offset)


def test_error_position_on_later_line():
    text = "a +\n    b *\n    )"
    d = fails(text, Locator(text, "f.yaml", line=3, col=10))
    assert (d.span.line, d.span.col) == (5, 5)
    assert "unexpected ')'" in d.message


def test_error_position_through_mapped_locator():
    # as if the YAML loader had unfolded a quoted scalar: char i sits at (40, 20 + 2*i)
    text = "a + ) b"
    points = [(40, 20 + 2 * i) for i in range(len(text))]
    loc = MappedLocator(text, "defs/mapped.yaml", points, end=(40, 20 + 2 * len(text)))
    d = fails(text, loc)
    assert (d.span.file, d.span.line, d.span.col) == ("defs/mapped.yaml", 40, 28)
    d = fails("a +", MappedLocator("a +", "m.yaml", [(3, 5), (3, 6), (3, 7)], end=(3, 8)))
    assert (d.span.line, d.span.col) == (3, 8)
    expr = ok("a + b", MappedLocator("a + b", "m.yaml",
                                            [(9, 1 + i) for i in range(5)], end=(9, 6)))
    assert expr.right.span.col == 5


# --------------------------------------------------------------------------
# syntax errors in words


@pytest.mark.parametrize("text,col,keywords", [
    (")", 1, ["unexpected ')'", "expected a number", "a name", "'('"]),
    ("a +", 4, ["unexpected end of formula", "expected a number"]),
    ("(a + b", 7, ["unexpected end of formula", "')'"]),
    ("a b", 3, ["unexpected name 'b'", "expected an operator or the end of the formula"]),
    ("round(x 2)", 9, ["unexpected number 2", "an operator", "','", "')'"]),
    ("a < b < c", 7, ["unexpected '<'"]),
    ("1 + and", 5, ["unexpected 'and'", "expected a number"]),
    ("f(1,)", 5, ["unexpected ')'"]),
    ("x)", 2, ["unexpected ')'", "the end of the formula"]),
    ("a = b", 3, ["unexpected character '='", "'=='"]),
    ("a & b", 3, ["'&'", "'and'"]),
    ('"abc', 1, ["unterminated string"]),
    ("{abc + 1", 1, ["unclosed '{'"]),
    ("a }", 3, ["unexpected '}'"]),
    ("{X}.foo", 4, [".target, .actual or .achievement"]),
    ("1.", 2, ["decimal point"]),
    ("1e999", 1, ["too large"]),
    ("{  }", 1, ["empty label"]),
    ("   ", 1, ["empty formula"]),
    ("“BB”", 1, ["straight"]),
    ("a \u200b b", 3, ["U+200B"]),
    ("a ≤ b", 3, ["'<='"]),
])
def test_syntax_error_messages(text, col, keywords):
    d = fails(text)
    assert d.code == "formula-syntax"
    assert d.severity == "error"
    assert (d.span.line, d.span.col) == (1, col)
    for word in keywords:
        assert word in d.message, d.message


@pytest.mark.parametrize("text,note", [
    ("a < b < c", "cannot be chained"),
    ("92,85", "decimal point"),
    ("2 x", "missing"),
    ("(a + b", "not closed"),
    ("a + b)", "no matching"),
])
def test_syntax_error_notes(text, note):
    d = fails(text)
    assert any(note in n for n in d.notes), d.notes


def test_uppercase_keyword_suggests_lowercase():
    d = fails("a AND b")
    assert d.suggestions == ("and",)


@pytest.mark.parametrize("text", [
    "and + 1", "1 + dan", "or", "atau(1)", "1 + not", "tidak", "x + true(1)",
])
def test_keywords_are_reserved(text):
    assert fails(text).code == "formula-syntax"


def test_keyword_inside_dotted_name_is_part_of_the_name():
    # one token: only a whole bare name is checked against the reserved words
    assert ok("false.x + a.and") == Binary("+", N("false.x"), N("a.and"))


# --------------------------------------------------------------------------
# functions


def test_unknown_function_suggests_near_miss():
    d = fails("sun(a, b) / 2")
    assert d.code == "unknown-function"
    assert "'sun'" in d.message
    assert "sum" in d.suggestions
    assert (d.span.col, d.span.end_col) == (1, 4)


def test_unknown_function_suggests_indonesian_alias():
    d = fails("x + jumlh(a)")
    assert d.code == "unknown-function"
    assert d.suggestions[0] == "jumlah"
    assert d.span.col == 5


def test_dotted_call_is_unknown_function():
    assert fails("a.sum(1)").code == "unknown-function"


@pytest.mark.parametrize("text,message", [
    ("round(x, 1, 2)", "round expects 1 to 2 arguments, got 3"),
    ("abs(x, y)", "abs expects 1 argument, got 2"),
    ("sum()", "sum expects at least 1 argument, got 0"),
    ("jika(a, b)", "jika expects 3 arguments, got 2"),
    ("wavg(x)", "wavg expects 2 arguments, got 1"),
    ("lag(x)", "lag expects 2 arguments, got 1"),
])
def test_function_arity(text, message):
    d = fails(text)
    assert d.code == "function-arity"
    assert d.message == message


def test_several_semantic_errors_are_all_reported():
    _, diags = parse_formula("sun(x) + abs(1, 2) + {}")
    assert [d.code for d in diags] == ["unknown-function", "function-arity", "formula-syntax"]


@pytest.mark.parametrize("name,canonical", [
    ("sum", "sum"), ("jumlah", "sum"), ("avg", "avg"), ("mean", "avg"), ("rata2", "avg"),
    ("count", "count"), ("banyak", "count"), ("if", "if"), ("jika", "if"),
    ("min", "min"), ("max", "max"), ("median", "median"), ("wavg", "wavg"), ("round", "round"),
    ("abs", "abs"), ("floor", "floor"), ("ceil", "ceil"), ("sqrt", "sqrt"), ("clamp", "clamp"),
    ("coalesce", "coalesce"), ("isnull", "isnull"), ("pct", "pct"), ("prev", "prev"), ("lag", "lag"),
])
def test_function_registry(name, canonical):
    spec = functions.lookup(name)
    assert spec is not None and spec.name == canonical


def test_aggregates():
    assert functions.aggregates() >= {"sum", "avg", "min", "max", "count", "median", "wavg"}
    assert "round" not in functions.aggregates()


# --------------------------------------------------------------------------
# limits: length and depth, never a RecursionError


def _limit(text: str):
    start = time.perf_counter()
    expr, diags = parse_formula(text)
    assert time.perf_counter() - start < 2.0
    assert expr is None and len(diags) == 1
    return diags[0]


def test_deep_parentheses_under_length_limit():
    d = _limit("(" * 1999 + "1" + ")" * 1999)
    assert d.code == "formula-too-deep"
    assert d.message == "formula nested too deeply (more than 64 levels)"
    assert d.span.col == MAX_DEPTH + 1


def test_5000_deep_parentheses():
    """10,001 characters: the length check runs first and refuses it cheaply."""
    assert _limit("(" * 5000 + "1" + ")" * 5000).code == "formula-too-long"
    # the bracket pre-scan alone also stops at level 65, without parsing
    assert parser._bracket_overflow("(" * 5000 + "1" + ")" * 5000) == MAX_DEPTH


@pytest.mark.parametrize("text", [
    "-" * 3000 + "1",
    "- " * 1900 + "1",
    "^".join(["1"] * 1900),
    "not " * 900 + "x",
    "+".join(["1"] * 1900),
    "f(" * 1000,
    "sum(" * 65 + "1" + ")" * 65,
])
def test_too_deep(text):
    assert len(text) <= 4000
    assert _limit(text).code == "formula-too-deep"


def test_depth_limit_is_exact():
    ok("(" * MAX_DEPTH + "1" + ")" * MAX_DEPTH)
    ok("-" * (MAX_DEPTH - 1) + "1")
    assert fails("-" * MAX_DEPTH + "1").code == "formula-too-deep"
    assert fails("(" * (MAX_DEPTH + 1) + "1" + ")" * (MAX_DEPTH + 1)).code == "formula-too-deep"


def test_brackets_inside_strings_and_labels_do_not_count():
    ok('"' + "(" * 200 + '" == x')
    ok("{" + "(" * 200 + "}")


def test_10000_char_formula():
    d = _limit("a + " * 2500)
    assert d.code == "formula-too-long"
    assert "10000 characters" in d.message and "4000" in d.message


def test_length_limit_is_exact():
    text = "x" * 4000
    assert ok(text) == Name(text)
    assert fails(text + "x").code == "formula-too-long"
