"""One LALR parse per token shape (formula/parser.py): a formula whose shape was parsed before
gets exactly the AST -- node kinds, values, names and spans -- and the diagnostics a full parse
gives it."""
from __future__ import annotations

import pytest

from indikator.formula import parser as P
from indikator.formula import parse_formula

PAIRS = [
    ("min(a.k1.actual / a.k1.target × 100%, 120)", "min(b.k22.actual / b.k9.target × 100%, 7)"),
    ("x + y * 2", "foo - bar / 3.5"),
    ("{Jumlah dokumen} / {Jumlah permohonan} * 100", "{Warga} / {Penduduk total} * 100"),
    ("if(a > 1 and not b, 'ya', \"tidak\")", "if(c >= 2 and not d, 'x', \"y\")"),
    ("-2^-1 + prev(x)", "-3^-4 + prev(zz)"),
    ("sum(a, b, c)", "xyz(a, b, c)"),            # the same shape, an unknown function
    ("round(a, 1, 2)", "round(b, 3, 4)"),        # the same shape, too many arguments
    ("1e400 + a", "2e500 + b"),                  # a number too large
]


def _fresh(text):
    P._SHAPES.clear()
    P._TREES.clear()
    return parse_formula(text)


@pytest.mark.parametrize("first, second", PAIRS)
def test_a_formula_of_a_known_shape_gets_what_a_full_parse_gives(first, second):
    want = _fresh(second)
    P._SHAPES.clear()
    P._TREES.clear()
    parse_formula(first)
    shape = tuple(t.type for t in P._lex(second))
    got = parse_formula(second)
    assert got == want
    if not want[1]:
        assert shape in P._SHAPES          # the second one really came from the template


def test_syntax_errors_are_never_templates():
    P._SHAPES.clear()
    ast, diags = parse_formula("a + * b")
    assert ast is None and diags
    assert not P._SHAPES
