"""AST → canonical formula text.

Used by ``explain``, error notes and reports to show a formula the same way
whatever spelling the planner used, and by the round-trip tests: for every
AST the parser can produce, ``parse_formula(to_text(ast))`` gives back an
equal AST. The output uses ASCII operators and English keywords and only the
parentheses the precedence rules require.

This module does not validate names or functions; it prints what it is given.
"""
from __future__ import annotations

import math
import re

from indikator.formula.ast import Binary, Boolean, Call, Expr, Name, Number, Percent, String, Unary

# Binding strength, higher binds tighter (mirrors grammar/formula.lark).
_OR, _AND, _NOT, _CMP, _SUM, _PRODUCT, _SIGN, _POWER, _PERCENT, _ATOM = range(1, 11)

_BINARY_LEVEL = {
    "or": _OR, "and": _AND,
    "<": _CMP, "<=": _CMP, ">": _CMP, ">=": _CMP, "==": _CMP, "!=": _CMP,
    "+": _SUM, "-": _SUM,
    "*": _PRODUCT, "/": _PRODUCT,
    "^": _POWER,
}
_SPACED = {"or", "and", "<", "<=", ">", ">=", "==", "!=", "+", "-", "*", "/"}

_BARE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*\Z")
_KEYWORDS = frozenset({"and", "dan", "or", "atau", "not", "tidak", "true", "false"})


def to_text(expr: Expr) -> str:
    """Canonical text of ``expr`` with minimal parentheses.

    Raises ``ValueError`` for a tree no formula text can express (a label
    containing braces, a non-finite or negative number, an unknown operator):
    such trees are built by code, never by the parser.
    """
    return _print(expr)[0]


def _wrap(part: tuple[str, int], min_level: int) -> str:
    text, level = part
    return text if level >= min_level else f"({text})"


def _print(node: Expr) -> tuple[str, int]:
    """(text, binding level of its outermost construct).

    Recursive: the parser bounds the depth of every tree it returns, so this
    stays far from Python's recursion limit.
    """
    if isinstance(node, Number):
        return _number(node), _ATOM
    if isinstance(node, String):
        escaped = node.value.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{escaped}"', _ATOM
    if isinstance(node, Boolean):
        return ("true" if node.value else "false"), _ATOM
    if isinstance(node, Name):
        return _name(node), _ATOM
    if isinstance(node, Call):
        args = ", ".join(_print(a)[0] for a in node.args)
        return f"{node.name}({args})", _ATOM
    if isinstance(node, Percent):
        return _wrap(_print(node.operand), _ATOM) + "%", _PERCENT
    if isinstance(node, Unary):
        if node.op == "not":
            return "not " + _wrap(_print(node.operand), _NOT), _NOT
        if node.op in ("-", "+"):
            return node.op + _wrap(_print(node.operand), _SIGN), _SIGN
        raise ValueError(f"unknown unary operator {node.op!r}")
    if isinstance(node, Binary):
        return _binary(node)
    raise ValueError(f"not a formula node: {node!r}")


def _binary(node: Binary) -> tuple[str, int]:
    level = _BINARY_LEVEL.get(node.op)
    if level is None:
        raise ValueError(f"unknown binary operator {node.op!r}")
    left, right = _print(node.left), _print(node.right)
    if node.op == "^":
        # right-associative; the base is a postfix-level operand, the exponent may carry a sign
        return f"{_wrap(left, _PERCENT)}^{_wrap(right, _SIGN)}", _POWER
    if level == _CMP:
        # non-associative: neither side may be a bare comparison
        lhs, rhs = _wrap(left, _CMP + 1), _wrap(right, _CMP + 1)
    else:
        # left-associative: same level on the left, tighter on the right
        lhs, rhs = _wrap(left, level), _wrap(right, level + 1)
    sep = f" {node.op} " if node.op in _SPACED else node.op
    return f"{lhs}{sep}{rhs}", level


def _number(node: Number) -> str:
    value = node.value
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"number {value!r} has no formula literal (use unary minus for negatives)")
    if node.text is not None and _same_number(node.text, value):
        return node.text
    if value == 0:
        return "0"  # also for -0.0, which has no literal of its own
    if value.is_integer() and value < 1e16:
        return str(int(value))
    text = repr(float(value))
    if _THOUSANDS_LOOKALIKE.fullmatch(text):   # 1.125 reads as thousands to a planner (§7.1)
        text += "0"
    return text


_THOUSANDS_LOOKALIKE = re.compile(r"[1-9][0-9]{0,2}\.[0-9]{3}")


def _same_number(text: str, value: float) -> bool:
    try:
        return re.fullmatch(r"[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?", text) is not None \
            and float(text) == value
    except ValueError:
        return False


def _name(node: Name) -> str:
    if not node.braced and _BARE_NAME.match(node.text) and node.text not in _KEYWORDS:
        return node.text + (f".{node.field}" if node.field else "")
    if "{" in node.text or "}" in node.text:
        raise ValueError(f"label {node.text!r} cannot be written in braces")
    return "{" + node.text + "}" + (f".{node.field}" if node.field else "")
