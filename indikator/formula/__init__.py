"""The formula front end: text → positioned, normalised AST (PRODUCT.md §5).

``parse_formula`` turns a formula string into an AST plus diagnostics,
``to_text`` prints an AST back canonically. Name resolution (``graph``) and
evaluation (``engine``) live elsewhere; nothing here runs a formula.
"""
from indikator.formula.ast import (
    BINARY_OPS,
    UNARY_OPS,
    Binary,
    Boolean,
    Call,
    Expr,
    Name,
    Number,
    Percent,
    String,
    Unary,
    calls,
    children,
    depth,
    names,
    walk,
)
from indikator.formula.functions import FUNCTIONS, FunctionSpec, lookup
from indikator.formula.printer import to_text

_PARSER_NAMES = frozenset({"MAX_DEPTH", "MAX_LENGTH", "parse_formula"})


def __getattr__(name: str):
    """The parser (and Lark, which it builds on) is imported when first asked for (PEP 562):
    a command served from the model cache evaluates formula trees and never parses text."""
    if name in _PARSER_NAMES:
        from indikator.formula import parser

        return getattr(parser, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "BINARY_OPS", "UNARY_OPS", "FUNCTIONS", "MAX_DEPTH", "MAX_LENGTH",
    "Binary", "Boolean", "Call", "Expr", "FunctionSpec", "Name", "Number", "Percent",
    "String", "Unary",
    "calls", "children", "depth", "lookup", "names", "parse_formula", "to_text", "walk",
]
