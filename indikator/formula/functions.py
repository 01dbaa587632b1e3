"""The registry of formula functions: names, aliases, arity (PRODUCT.md §5).

Metadata only. The parser uses it to canonicalise names (``jumlah`` → ``sum``)
and to reject unknown functions and wrong argument counts with a position;
the engine looks up how to *evaluate* each canonical name on its own side.
Keeping the list here, in one table, means a new function is one line, and
the parser, the engine and the docs cannot disagree about what exists.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..messages import Problem


@dataclass(frozen=True, slots=True)
class FunctionSpec:
    """What the front end needs to know about one function.

    ``max_args`` is ``None`` for variadic functions. ``aggregate`` functions
    accept lists (``children.achievement``) as well as several scalar
    arguments, and skip missing values.
    """

    name: str
    min_args: int
    max_args: int | None
    signature: str
    aggregate: bool = False
    aliases: tuple[str, ...] = ()

    def accepts(self, count: int) -> bool:
        """Whether ``count`` arguments is a valid call."""
        return count >= self.min_args and (self.max_args is None or count <= self.max_args)

    def arity(self) -> Problem:
        """:meth:`arity_text` as a message in any language."""
        lo, hi = self.min_args, self.max_args

        def args(n: int) -> Problem:
            return Problem("fx-args-one" if n == 1 else "fx-args-many", {"n": n})

        if hi is None:
            return Problem("fx-args-at-least", {"args": args(lo)})
        if lo == hi:
            return args(lo)
        return Problem("fx-args-range", {"lo": lo, "args": args(hi)})

    def arity_text(self) -> str:
        """``1 argument``, ``1 to 2 arguments``, ``at least 1 argument`` — for messages."""
        lo, hi = self.min_args, self.max_args

        def plural(n: int) -> str:
            return "argument" if n == 1 else "arguments"

        if hi is None:
            return f"at least {lo} {plural(lo)}"
        if lo == hi:
            return f"{lo} {plural(lo)}"
        return f"{lo} to {hi} {plural(hi)}"


_SPECS: tuple[FunctionSpec, ...] = (
    # aggregates: lists and/or several arguments
    FunctionSpec("sum", 1, None, "sum(x, ...)", aggregate=True, aliases=("jumlah",)),
    FunctionSpec("avg", 1, None, "avg(x, ...)", aggregate=True, aliases=("mean", "rata2")),
    FunctionSpec("min", 1, None, "min(x, ...)", aggregate=True),
    FunctionSpec("max", 1, None, "max(x, ...)", aggregate=True),
    FunctionSpec("count", 1, None, "count(x, ...)", aggregate=True, aliases=("banyak",)),
    FunctionSpec("median", 1, None, "median(x, ...)", aggregate=True),
    FunctionSpec("wavg", 2, 2, "wavg(values, weights)", aggregate=True),
    # scalar arithmetic
    FunctionSpec("round", 1, 2, "round(x, n)"),
    FunctionSpec("abs", 1, 1, "abs(x)"),
    FunctionSpec("floor", 1, 1, "floor(x)"),
    FunctionSpec("ceil", 1, 1, "ceil(x)"),
    FunctionSpec("sqrt", 1, 1, "sqrt(x)"),
    FunctionSpec("clamp", 3, 3, "clamp(x, lo, hi)"),
    FunctionSpec("pct", 2, 2, "pct(a, b)"),
    # conditions and missing values
    FunctionSpec("if", 3, 3, "if(cond, a, b)", aliases=("jika",)),
    FunctionSpec("coalesce", 1, None, "coalesce(a, b, ...)"),
    FunctionSpec("isnull", 1, 1, "isnull(x)"),
    # periods
    FunctionSpec("prev", 1, 1, "prev(x)"),
    FunctionSpec("lag", 2, 2, "lag(x, n)"),
)

#: Canonical name → spec.
FUNCTIONS: dict[str, FunctionSpec] = {s.name: s for s in _SPECS}

#: Every accepted spelling (canonical names and aliases, lowercase) → spec.
_BY_SPELLING: dict[str, FunctionSpec] = {}
for _spec in _SPECS:
    for _spelling in (_spec.name, *_spec.aliases):
        assert _spelling not in _BY_SPELLING, f"duplicate function name {_spelling}"
        _BY_SPELLING[_spelling] = _spec


def lookup(name: str) -> FunctionSpec | None:
    """The spec for ``name`` (canonical or alias, any letter case), or ``None``.

    Case-insensitive because planners copy formulas from documents that write
    ``SUM`` or ``Jumlah``; keywords, by contrast, are lowercase only.
    """
    return _BY_SPELLING.get(name.lower())


def all_spellings() -> tuple[str, ...]:
    """Every accepted function name, for did-you-mean suggestions."""
    return tuple(_BY_SPELLING)


def aggregates() -> frozenset[str]:
    """Canonical names of the aggregate functions."""
    return frozenset(s.name for s in _SPECS if s.aggregate)
