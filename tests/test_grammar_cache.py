"""The formula grammar's LALR tables kept between runs (indikator/load/grammar_cache.py): a
parser read back gives exactly what a freshly built one gives, and a file that is not ours,
damaged or foreign is never used."""
from __future__ import annotations

import os

import pytest

from indikator.formula import parser as P
from indikator.load import grammar_cache as G

FORMULAS = [
    "min(a.k1.actual / a.k1.target × 100%, 120)", "x + y * 2", "{Jumlah dokumen} / {Jumlah permohonan} * 100",
    "if(a > 1 and not b, 'ya', \"tidak\")", "-2^-1 + prev(x)", "sum(a, b, c)", "round(a, 1, 2)",
    "1 + and", "a + * b", "min(a, ", "a ) b", "x dan tidak y", "78.000 + a", "'unterminated", "a.b.c %",
]


@pytest.fixture()
def fresh(tmp_path, monkeypatch):
    monkeypatch.setenv("INDIKATOR_CACHE_DIR", str(tmp_path))
    saved = list(P._PARSERS)
    P._PARSERS.clear()
    P._SHAPES.clear()
    P._TREES.clear()
    yield tmp_path
    P._PARSERS[:] = saved
    P._SHAPES.clear()
    P._TREES.clear()


def _answers():
    P._SHAPES.clear()
    P._TREES.clear()
    return [P.parse_formula(f) for f in FORMULAS]


def test_a_parser_read_back_parses_as_a_built_one(fresh, monkeypatch):
    want = _answers()                       # built on first use
    P._PARSERS.clear()
    G.prepare_formula_parser()              # builds and writes the tables
    assert len(list(fresh.glob("grammar-*.lark"))) == 1
    P._PARSERS.clear()

    def must_not_build():
        raise AssertionError("the tables were computed again")

    monkeypatch.setattr(P, "build_parser", must_not_build)
    G.prepare_formula_parser()              # reads them back
    assert _answers() == want


@pytest.mark.parametrize("spoil", ["damaged", "empty", "group-writable"])
def test_a_file_we_cannot_trust_or_read_is_not_used(fresh, spoil):
    G.prepare_formula_parser()
    (entry,) = fresh.glob("grammar-*.lark")
    if spoil == "damaged":
        entry.write_bytes(entry.read_bytes()[:100])
    elif spoil == "empty":
        entry.write_bytes(b"")
    else:
        os.chmod(entry, 0o664)
    P._PARSERS.clear()
    built = []
    real = P.build_parser
    P.build_parser = lambda: built.append(1) or real()
    try:
        G.prepare_formula_parser()
    finally:
        P.build_parser = real
    assert built == [1]
    assert P.parse_formula("a + b")[0] is not None


def test_another_grammar_has_another_file(fresh):
    assert G.entry_for("start: NAME") != G.entry_for(P.grammar_text())
