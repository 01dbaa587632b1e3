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
from indikator.formula.parser import MAX_DEPTH, MAX_LENGTH, parse_formula
from indikator.formula.printer import to_text

__all__ = [
    "BINARY_OPS", "UNARY_OPS", "FUNCTIONS", "MAX_DEPTH", "MAX_LENGTH",
    "Binary", "Boolean", "Call", "Expr", "FunctionSpec", "Name", "Number", "Percent",
    "String", "Unary",
    "calls", "children", "depth", "lookup", "names", "parse_formula", "to_text", "walk",
]
