"""The formula AST: small frozen dataclasses, one per kind of expression.

The parser builds these straight from the Lark parse tree, so every later
stage (name resolution in ``graph``, compilation in ``engine``, the printer)
works on plain Python values and never on Lark objects.

Every node carries the :class:`~indikator.diagnostics.Span` of the text it
came from, already shifted into the YAML file by the parser's locator. The
span is excluded from equality and ``repr`` so that two ASTs compare
*structurally*: ``parse("a+b")`` equals ``parse(" a + b ")`` and equals a tree
built by hand in a test.

Normalisation happens at parse time so consumers see one spelling of each
thing: operators are ASCII/English (``×`` → ``*``, ``dan`` → ``and``) and
function names are canonical (``jumlah`` → ``sum``, see ``functions.py``).

This module holds data only: no parsing, no evaluation.
"""
from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as _field  # `field` is also an attribute of Name
from typing import Iterator, Union

from indikator.diagnostics import Span

#: Binary operators after normalisation, i.e. the only values of ``Binary.op``.
BINARY_OPS: frozenset[str] = frozenset(
    {"+", "-", "*", "/", "^", "<", "<=", ">", ">=", "==", "!=", "and", "or"}
)
#: Prefix operators after normalisation, i.e. the only values of ``Unary.op``.
UNARY_OPS: frozenset[str] = frozenset({"-", "+", "not"})
#: Fields a braced label may select: ``{Label}.target``.
LABEL_FIELDS: frozenset[str] = frozenset({"target", "actual", "achievement"})


@dataclass(frozen=True, slots=True)
class Number:
    """A numeric literal. ``value`` is never negative: ``-2`` is ``Unary('-', Number(2))``.

    ``text`` keeps the literal as written (``1e3``, ``98.20``) so the printer
    and ``explain`` can echo the planner's own spelling; it does not take part
    in equality.
    """

    value: float
    text: str | None = _field(default=None, compare=False)
    span: Span | None = _field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class String:
    """A string literal, e.g. a grade ``"BB"``; ``value`` is unescaped."""

    value: str
    span: Span | None = _field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Boolean:
    """``true`` or ``false``."""

    value: bool
    span: Span | None = _field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Name:
    """A reference to an indicator or a data variable, resolved later by ``graph``.

    ``text`` is the dotted identifier (``s2.cakupan_ktp.target``) when
    ``braced`` is false, or the label inside the braces, stripped of outer
    whitespace, when it is true (``{Jumlah penduduk wajib KTP}``). A bare
    name keeps its field selectors inside ``text`` because the resolver must
    decide whether ``a.b.target`` is an element path or a field; a braced
    label cannot hold a dot-suffix inside the braces, so its selector
    (``{Label}.target``) is kept apart in ``field``.
    """

    text: str
    braced: bool = False
    field: str | None = None
    span: Span | None = _field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Percent:
    """Postfix ``%``: marks ``operand`` as a percentage; the value is unchanged.

    Kept as a node (rather than dropped) so the printer round-trips ``100%``
    and units can be checked later.
    """

    operand: Expr
    span: Span | None = _field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Unary:
    """A prefix operator: ``op`` is ``-``, ``+`` or ``not``."""

    op: str
    operand: Expr
    span: Span | None = _field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Binary:
    """An infix operator; ``op`` is one of :data:`BINARY_OPS`."""

    op: str
    left: Expr
    right: Expr
    span: Span | None = _field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Call:
    """A function call; ``name`` is the canonical (English) name when the function is known."""

    name: str
    args: tuple[Expr, ...] = ()
    span: Span | None = _field(default=None, compare=False, repr=False)


Expr = Union[Number, String, Boolean, Name, Percent, Unary, Binary, Call]
#: The node classes, for ``isinstance`` checks.
NODE_TYPES: tuple[type, ...] = (Number, String, Boolean, Name, Percent, Unary, Binary, Call)


def children(node: Expr) -> tuple[Expr, ...]:
    """The direct sub-expressions of ``node``, left to right."""
    if isinstance(node, Binary):
        return (node.left, node.right)
    if isinstance(node, (Unary, Percent)):
        return (node.operand,)
    if isinstance(node, Call):
        return node.args
    return ()


def walk(expr: Expr) -> Iterator[Expr]:
    """Every node of ``expr`` in pre-order (parent first, children left to right).

    Iterative on purpose: consumers may walk trees built by hand, whose depth
    the parser's limit has not checked.
    """
    stack: list[Expr] = [expr]
    pop, push = stack.pop, stack.append
    while stack:
        node = pop()
        yield node
        kind = type(node)        # the exact classes first: every check walks every formula
        if kind is Binary:
            push(node.right)
            push(node.left)
        elif kind is Call:
            if node.args:
                stack.extend(reversed(node.args))
        elif kind is Unary or kind is Percent:
            push(node.operand)
        elif kind is not Name and kind is not Number and kind is not String and kind is not Boolean:
            stack.extend(reversed(children(node)))


def names(expr: Expr) -> tuple[Name, ...]:
    """All :class:`Name` references in ``expr``, in source order (duplicates kept)."""
    return tuple(n for n in walk(expr) if isinstance(n, Name))


def calls(expr: Expr) -> tuple[Call, ...]:
    """All :class:`Call` nodes in ``expr``, in source order."""
    return tuple(n for n in walk(expr) if isinstance(n, Call))


def depth(expr: Expr) -> int:
    """Nesting depth: 1 for a leaf, 1 + the deepest child otherwise (computed iteratively)."""
    best = 0
    stack: list[tuple[Expr, int]] = [(expr, 1)]
    while stack:
        node, d = stack.pop()
        best = max(best, d)
        stack.extend((c, d + 1) for c in children(node))
    return best


def constant_value(node: Expr) -> float | None:
    """A number written out, with its signs (``-2`` is ``Unary('-', Number(2))``), else None."""
    sign = 1.0
    while isinstance(node, Unary) and node.op in ("-", "+"):
        sign = -sign if node.op == "-" else sign
        node = node.operand
    return sign * node.value if isinstance(node, Number) else None
