"""Compile a formula AST once into a vectorized computation over all entities.

:func:`compile_formula` walks the AST *once* and returns a closure; calling
the closure with an :class:`EvalContext` computes the formula for every
entity at once with numpy. The tree is never walked per entity, so the cost
of a formula is a handful of array operations whatever the number of
entities. ``explain`` uses the same closures on a context of one entity.

Missing values propagate through arithmetic; aggregates skip them and say how
many they skipped; division by zero and other undefined operations mark the
entity ``undefined`` and add a message naming the formula — never an
exception, never infinity (PRODUCT.md §5).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Protocol, Union

import numpy as np

from ..formula import ast as A
from ..data.periods import PeriodError
from ..formula.printer import to_text
from ..messages import Problem
from ..model import Ref
from .values import Vec, combine_undefined, round_half_away

Value = Union[Vec, list]
Compiled = Callable[["EvalContext"], Value]


class ValueSource(Protocol):
    """What a compiled formula reads: data variables and other indicators, at any period."""

    def variable(self, var_id: str, period: Any, ctx: "EvalContext") -> Vec: ...
    def indicator(self, ind_id: str, fld: str, period: Any, ctx: "EvalContext") -> Vec: ...
    def children(self, element_id: str, fld: str, period: Any, ctx: "EvalContext") -> list[Vec]: ...


@dataclass
class EvalContext:
    n: int
    period: Any                         # indikator.data.periods.Period
    source: ValueSource
    formula_name: Problem               # where: Problem("where-formula", {"indicator": "cakupan_ktp"})
    grades: tuple[str, ...] = ()        # the ordinal scale for "BB" literals, if any
    self_values: dict[str, Vec] = field(default_factory=dict)   # actual/target in achievement formulas
    problems: list[tuple[np.ndarray, Problem]] = field(default_factory=list)
    entities: Any = None                # the entity selection, passed through to the source
    # columns are different indicators (engine/columnar.py), not entities of one: an aggregate
    # then reduces each column alone, exactly as for a one-entity evaluation (see _aggregate)
    columnar: bool = False

    def shifted(self, period: Any) -> "EvalContext":
        return EvalContext(self.n, period, self.source, self.formula_name, self.grades, self.self_values,
                           self.problems, self.entities, self.columnar)

    def problem(self, mask: np.ndarray, message: Problem) -> None:
        if mask.any():
            self.problems.append((mask, message))


class CompileError(Exception):
    """Raised for a construct the checker should have refused; reported as a diagnostic.
    ``problem`` says it in any language (``str(exc)`` is the English)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.render("en"))
        self.problem = problem


def compile_formula(expr: A.Expr, refs: dict[tuple, Ref]) -> Compiled:
    """Turn an AST into a closure over an :class:`EvalContext` (done once per formula)."""
    return _compile(expr, refs)


class FormulaText:
    """A node's formula text, printed on first use. Only messages show it, and printing every
    operator and call of a region's 12,600 formulas when the engine is made took longer than
    compiling them; f-strings (``f"… '{text}' …"``) print it when a message is written."""

    __slots__ = ("node", "_text")

    def __init__(self, node: A.Expr) -> None:
        self.node = node
        self._text: str | None = None

    def __str__(self) -> str:
        if self._text is None:
            self._text = to_text(self.node)
        return self._text

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def _vec(v: Value, ctx: EvalContext, what: str) -> Vec:
    if isinstance(v, list):
        raise CompileError(Problem("cmp-needs-one-value", {"what": what}))
    return v


def _compile(node: A.Expr, refs: dict[tuple, Ref]) -> Compiled:
    if isinstance(node, A.Number):
        x = float(node.value)
        return lambda ctx: Vec.full(ctx.n, x)
    if isinstance(node, A.Boolean):
        x = 1.0 if node.value else 0.0
        return lambda ctx: Vec.full(ctx.n, x)
    if isinstance(node, A.String):
        text = node.value

        def grade(ctx: EvalContext) -> Vec:
            if text in ctx.grades:
                return Vec.full(ctx.n, float(ctx.grades.index(text) + 1))
            v = Vec.full(ctx.n, np.nan)
            v.undefined[:] = True
            ctx.problem(v.undefined, Problem("eng-not-a-grade", {"text": text, "where": ctx.formula_name}))
            return v
        return grade
    if isinstance(node, A.Percent):
        return _compile(node.operand, refs)   # 98% is 98: percentages are 0–100 everywhere
    if isinstance(node, A.Name):
        return _compile_name(node, refs)
    if isinstance(node, A.Unary):
        inner = _compile(node.operand, refs)
        op = node.op
        if op == "-":
            return lambda ctx: _map1(_vec(inner(ctx), ctx, "'-'"), np.negative)
        if op == "+":
            return lambda ctx: _vec(inner(ctx), ctx, "'+'")
        return lambda ctx: _map1(_vec(inner(ctx), ctx, "'not'"), lambda x: np.where(np.isnan(x), np.nan, x == 0))
    if isinstance(node, A.Binary):
        return _compile_binary(node, refs)
    if isinstance(node, A.Call):
        return _compile_call(node, refs)
    raise CompileError(Problem("cmp-cannot-compile", {"node": type(node).__name__}))


def _map1(v: Vec, fn: Callable[[np.ndarray], np.ndarray]) -> Vec:
    with np.errstate(all="ignore"):
        return Vec(np.asarray(fn(v.value), dtype=np.float64), v.undefined.copy())


def _no_infinity(ctx: EvalContext, out: np.ndarray, und: np.ndarray, text: str) -> np.ndarray:
    """Mark results that overflowed to ±infinity undefined (§5: never infinity); return ``und``."""
    inf = np.isinf(out) & ~und
    if inf.any():
        ctx.problem(inf, Problem("eng-overflow", {"text": text, "where": ctx.formula_name}))
        out[inf] = np.nan
        und = und | inf
    return und


def _limit_problems(ctx: EvalContext, start: int, end: int | None, keep: np.ndarray) -> None:
    """Keep the problems added since ``start`` (up to ``end``) only for the entities in ``keep``:
    the branch of an ``if`` not taken, a ``coalesce`` default not needed, say nothing."""
    end = len(ctx.problems) if end is None else end
    kept = [(mask & keep, msg) for mask, msg in ctx.problems[start:end] if (mask & keep).any()]
    ctx.problems[start:end] = kept


def _compile_name(node: A.Name, refs: dict[tuple, Ref]) -> Compiled:
    ref = refs.get((node.text, node.braced, node.field))
    if ref is None:
        raise CompileError(Problem("cmp-unresolved", {"name": node.text}))
    if ref.kind == "variable":
        return lambda ctx: ctx.source.variable(ref.id, ctx.period, ctx)
    if ref.kind == "indicator":
        return lambda ctx: ctx.source.indicator(ref.id, ref.field, ctx.period, ctx)
    if ref.kind == "children":
        return lambda ctx: ctx.source.children(ref.id, ref.field, ctx.period, ctx)
    fld = ref.field
    return lambda ctx: ctx.self_values[fld]


_ARITH = {
    "+": np.add, "-": np.subtract, "*": np.multiply,
}
_COMPARE = {
    "<": np.less, "<=": np.less_equal, ">": np.greater, ">=": np.greater_equal,
    "==": np.equal, "!=": np.not_equal,
}


def _compile_binary(node: A.Binary, refs: dict[tuple, Ref]) -> Compiled:
    left, right = _compile(node.left, refs), _compile(node.right, refs)
    op = node.op
    text = FormulaText(node)

    def run(ctx: EvalContext) -> Vec:
        s0 = len(ctx.problems)
        a = _vec(left(ctx), ctx, f"'{op}'")
        s1 = len(ctx.problems)
        b = _vec(right(ctx), ctx, f"'{op}'")
        und = combine_undefined(a, b)
        x, y = a.value, b.value
        with np.errstate(all="ignore"):
            if op in _ARITH:
                out = _ARITH[op](x, y)
            elif op == "/":
                zero = (y == 0) & ~np.isnan(x)
                out = np.where(zero, np.nan, x / np.where(y == 0, 1.0, y))
                ctx.problem(zero & ~und, Problem("eng-division-by-zero", {"text": text, "where": ctx.formula_name}))
                und = und | zero
            elif op == "^":
                out = np.power(x, y)
                bad = ~np.isfinite(out) & ~np.isnan(x) & ~np.isnan(y)
                ctx.problem(bad & ~und, Problem("eng-undefined-here", {"text": text, "where": ctx.formula_name}))
                out = np.where(bad, np.nan, out)
                und = und | bad
            elif op in _COMPARE:
                out = np.where(np.isnan(x) | np.isnan(y), np.nan, _COMPARE[op](x, y))
            elif op in ("and", "or"):
                # false and missing (or undefined) is false; true and missing is missing; dually for or.
                # A side that decides the result makes the other side's problems irrelevant there.
                if op == "and":
                    da, db = x == 0, y == 0
                    out = np.where(da | db, 0.0, np.where(np.isnan(x) | np.isnan(y), np.nan, 1.0))
                else:
                    da, db = (x != 0) & ~np.isnan(x), (y != 0) & ~np.isnan(y)
                    out = np.where(da | db, 1.0, np.where(np.isnan(x) | np.isnan(y), np.nan, 0.0))
                und = und & ~(da | db)
                _limit_problems(ctx, s1, None, ~da)
                _limit_problems(ctx, s0, s1, ~db)
            else:
                raise CompileError(Problem("cmp-unknown-operator", {"op": op}))
        out = np.asarray(out, dtype=np.float64)
        und = _no_infinity(ctx, out, und, text)
        out[und] = np.nan
        return Vec(out, und)
    return run


# ---------------------------------------------------------------------------- functions

def _flatten(values: list[Value]) -> list[Vec]:
    out: list[Vec] = []
    for v in values:
        out.extend(v if isinstance(v, list) else [v])
    return out


def _aggregate(name: str, reducer: Callable[[np.ndarray], np.ndarray], text: str,
               empty_is_zero: bool = False) -> Callable:
    """An aggregate over all values of all arguments, skipping (and reporting) missing ones."""
    def run(ctx: EvalContext, args: list[Value]) -> Vec:
        vecs = _flatten(args)
        if not vecs:
            return Vec.full(ctx.n, 0.0 if empty_is_zero else np.nan)
        m = np.vstack([v.value for v in vecs])
        und = np.zeros(ctx.n, dtype=bool)
        for v in vecs:
            und |= v.undefined
        present = ~np.isnan(m)
        n_present = present.sum(axis=0)
        skipped = len(vecs) - n_present
        with np.errstate(all="ignore"):
            if ctx.columnar and m.size and not (name in ("min", "max") and not (m == 0).any()):
                # numpy adds a (k, 1) column as x0 + (x1 + x2 + ...) but a (k, n) matrix row by
                # row, so a column's sum depends on n: reduce column by column, as for one entity.
                # (A minimum or maximum is one of the values whatever the order, but for ±0.)
                out = _per_column(reducer, m)
            else:
                out = reducer(m) if m.size else np.full(ctx.n, np.nan)
        out = np.where(n_present == 0, 0.0 if empty_is_zero else np.nan, out)
        out = np.asarray(out, dtype=np.float64)
        und = _no_infinity(ctx, out, und, text)
        out[und] = np.nan
        _report_skipped(ctx, np.where(und, 0, skipped), name, text)
        return Vec(out, und)
    return run


def _report_skipped(ctx: EvalContext, skipped: np.ndarray, name: str, text: str) -> None:
    if not skipped.any():
        return
    for k in np.unique(skipped[skipped > 0]):
        ctx.problem(skipped == k, Problem("eng-skipped-one" if k == 1 else "eng-skipped-many",
                                          {"fn": name, "text": text, "k": int(k)}))


def _per_column(reducer: Callable, m: np.ndarray) -> np.ndarray:
    """``reducer`` of each column of ``m`` alone, as a ``(k, 1)`` array (the columnar pass)."""
    import warnings
    raw = reducer.raw
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.array([raw(np.ascontiguousarray(m[:, j:j + 1]), axis=0)[0] for j in range(m.shape[1])],
                        dtype=np.float64)


def _median(m: np.ndarray) -> np.ndarray:
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.nanmedian(m, axis=0)


_median.raw = np.nanmedian


def _nan_reduce(fn):
    def run(m: np.ndarray) -> np.ndarray:
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            return fn(m, axis=0)
    run.raw = fn
    return run


def _count(ctx: EvalContext, args: list[Value]) -> Vec:
    vecs = _flatten(args)
    if not vecs:
        return Vec.full(ctx.n, 0.0)
    m = np.vstack([v.value for v in vecs])
    out = (~np.isnan(m)).sum(axis=0).astype(np.float64)
    und = np.zeros(ctx.n, dtype=bool)
    for v in vecs:
        und |= v.undefined   # an undefined value is not a missing one: the count is undefined too
    out[und] = np.nan
    return Vec(out, und)


def _elementwise(fn: Callable[..., np.ndarray], undefined_when: Callable[..., np.ndarray] | None = None,
                 why: str = "eng-undefined-here") -> Callable:
    """``why``: the catalog code of the problem where ``undefined_when`` holds."""
    def run(ctx: EvalContext, args: list[Value], text: str) -> Vec:
        vecs = [_vec(a, ctx, text) for a in args]
        und = combine_undefined(*vecs) if vecs else np.zeros(ctx.n, dtype=bool)
        xs = [v.value for v in vecs]
        with np.errstate(all="ignore"):
            out = np.asarray(fn(*xs), dtype=np.float64)
            if undefined_when is not None:
                present = ~np.any([np.isnan(x) for x in xs], axis=0)
                bad = undefined_when(*xs) & ~und & present
                ctx.problem(bad, Problem(why, {"text": text, "where": ctx.formula_name}))
                und = und | bad
        out = out.copy()
        und = _no_infinity(ctx, out, und, text)
        out[und] = np.nan
        return Vec(out, und)
    return run


def _round(x: np.ndarray, n: np.ndarray | None = None) -> np.ndarray:
    if n is None:
        return round_half_away(x, 0)
    digits = np.unique(n[~np.isnan(n)])
    out = np.full(x.shape, np.nan)
    for d in digits:
        sel = n == d
        # digits from data may be anything: beyond ±20 rounding is the number itself (or 0),
        # and 10 ** 1e9 would overflow (check bounds the written-out ones to ±15)
        out[sel] = round_half_away(x[sel], int(np.clip(np.trunc(d), -20, 20)))
    return out


def _wavg(ctx: EvalContext, args: list[Value], text: str) -> Vec:
    values, weights = (_flatten([a]) for a in args)
    if len(values) != len(weights):
        v = Vec.full(ctx.n, np.nan)
        v.undefined[:] = True
        ctx.problem(v.undefined, Problem("eng-wavg-mismatch", {"text": text, "values": len(values),
                                                               "weights": len(weights)}))
        return v
    if not values:
        return Vec.full(ctx.n, np.nan)
    vm = np.vstack([v.value for v in values])
    wm = np.vstack([w.value for w in weights])
    und = np.zeros(ctx.n, dtype=bool)
    for v in values + weights:
        und |= v.undefined
    use = ~np.isnan(vm) & ~np.isnan(wm)
    skipped = (~use).sum(axis=0)
    wsum = np.where(use, wm, 0).sum(axis=0)
    with np.errstate(all="ignore"):
        out = np.where(use, vm * wm, 0).sum(axis=0) / wsum
    nothing = use.sum(axis=0) == 0
    zero = (wsum == 0) & ~nothing & ~und
    ctx.problem(zero, Problem("eng-wavg-zero-weights", {"text": text, "where": ctx.formula_name}))
    out = np.where(nothing | zero | und, np.nan, out)
    _report_skipped(ctx, np.where(und, 0, skipped), "wavg", text)
    return Vec(out, _no_infinity(ctx, out, und | zero, text))


def _coalesce(ctx: EvalContext, args: list[Compiled], text: str) -> Vec:
    first = _vec(args[0](ctx), ctx, text)
    out = first.value.copy()
    und = first.undefined.copy()
    for arg in args[1:]:
        fill = np.isnan(out) & ~und
        start = len(ctx.problems)
        v = _vec(arg(ctx), ctx, text)
        _limit_problems(ctx, start, None, fill)
        out = np.where(fill, v.value, out)
        und = np.where(fill, v.undefined, und)
    return Vec(out, und)


def _if(ctx: EvalContext, args: list[Compiled], text: str) -> Vec:
    """The chosen branch only: ``if(b == 0, 0, a / b)`` is 0, not a division by zero."""
    c = _vec(args[0](ctx), ctx, text)
    known = ~np.isnan(c.value)
    take_a = known & (c.value != 0)
    take_b = known & (c.value == 0)
    s1 = len(ctx.problems)
    a = _vec(args[1](ctx), ctx, text)
    s2 = len(ctx.problems)
    b = _vec(args[2](ctx), ctx, text)
    _limit_problems(ctx, s2, None, take_b)
    _limit_problems(ctx, s1, s2, take_a)
    out = np.where(take_a, a.value, np.where(take_b, b.value, np.nan))
    und = c.undefined | (take_a & a.undefined) | (take_b & b.undefined)
    out[und] = np.nan
    return Vec(out, und)


def _isnull(ctx: EvalContext, args: list[Value], text: str) -> Vec:
    v = _vec(args[0], ctx, text)
    out = v.missing.astype(np.float64)
    out[v.undefined] = np.nan   # undefined is not missing: isnull(a / 0) is undefined, not 0
    return Vec(out, v.undefined.copy())


_REDUCERS = {
    "sum": _nan_reduce(np.nansum),
    "avg": _nan_reduce(np.nanmean),
    "min": _nan_reduce(np.nanmin),
    "max": _nan_reduce(np.nanmax),
    "median": _median,
}

_ELEMENTWISE = {
    "abs": _elementwise(np.abs),
    "floor": _elementwise(lambda x: np.floor(round_half_away(x, 9))),
    "ceil": _elementwise(lambda x: np.ceil(round_half_away(x, 9))),
    "sqrt": _elementwise(np.sqrt, lambda x: x < 0, "eng-sqrt-negative"),
    "round": _elementwise(_round),
    "clamp": _elementwise(lambda x, lo, hi: np.minimum(np.maximum(x, lo), hi)),
    "pct": _elementwise(lambda a, b: a / np.where(b == 0, 1.0, b) * 100.0, lambda a, b: b == 0,
                        "eng-division-by-zero"),
}


def _compile_call(node: A.Call, refs: dict[tuple, Ref]) -> Compiled:
    name = node.name
    args = [_compile(a, refs) for a in node.args]
    text = FormulaText(node)
    if name in ("prev", "lag"):
        inner = args[0]
        steps_node = node.args[1] if name == "lag" and len(node.args) > 1 else None
        steps_value = A.constant_value(steps_node) if steps_node is not None else 1.0
        if steps_value is None:
            raise CompileError(Problem("cmp-lag-steps"))
        steps = int(steps_value)

        def shifted(ctx: EvalContext) -> Value:
            try:
                period = ctx.period.prev() if name == "prev" else ctx.period.lag(steps)
            except PeriodError as exc:   # before year 1000 or after 9999: no data there, missing
                missing = Vec.full(ctx.n, np.nan)
                ctx.problem(np.ones(ctx.n, bool), Problem("eng-outside-calendar", {"text": text,
                                                                                   "reason": exc.problem or str(exc)}))
                return missing
            return inner(ctx.shifted(period))
        return shifted
    if name in _REDUCERS:
        agg = _aggregate(name, _REDUCERS[name], text)
        return lambda ctx: agg(ctx, [a(ctx) for a in args])
    if name == "count":
        return lambda ctx: _count(ctx, [a(ctx) for a in args])
    if name == "wavg":
        return lambda ctx: _wavg(ctx, [a(ctx) for a in args], text)
    if name == "coalesce":
        return lambda ctx: _coalesce(ctx, args, text)
    if name == "if":
        return lambda ctx: _if(ctx, args, text)
    if name == "isnull":
        return lambda ctx: _isnull(ctx, [a(ctx) for a in args], text)
    if name in _ELEMENTWISE:
        fn = _ELEMENTWISE[name]
        return lambda ctx: fn(ctx, [a(ctx) for a in args], text)
    raise CompileError(Problem("cmp-unknown-function", {"name": name}))


_KNOWN_CALLS = frozenset(_REDUCERS) | frozenset(_ELEMENTWISE) | {"count", "wavg", "coalesce", "if", "isnull"}


def compile_problem(expr: A.Expr, refs: dict[tuple, Ref]) -> Problem | None:
    """The :class:`CompileError` problem :func:`compile_formula` would raise for ``expr``, else
    None -- without building the closures. The engine compiles a formula when it first
    evaluates it (the columnar pass evaluates most of a region's without their own closure),
    yet reports a formula it refuses when it is made, as before; so this walks the tree in
    the order the compiler does and stops where it would raise (tests/test_columnar.py
    compares both)."""
    stack: list[tuple[A.Expr, bool]] = [(expr, False)]
    while stack:
        node, after = stack.pop()
        t = type(node)
        if after:                       # a call, once its arguments are compiled
            if node.name in ("prev", "lag"):
                if node.name == "lag" and len(node.args) > 1 and A.constant_value(node.args[1]) is None:
                    return Problem("cmp-lag-steps")
            elif node.name not in _KNOWN_CALLS:
                return Problem("cmp-unknown-function", {"name": node.name})
        elif t is A.Number or t is A.Boolean or t is A.String:
            continue
        elif t is A.Name:
            if refs.get((node.text, node.braced, node.field)) is None:
                return Problem("cmp-unresolved", {"name": node.text})
        elif t is A.Percent or t is A.Unary:
            stack.append((node.operand, False))
        elif t is A.Binary:
            stack.append((node.right, False))
            stack.append((node.left, False))
        elif t is A.Call:
            stack.append((node, True))
            stack.extend((a, False) for a in reversed(node.args))
        else:
            return Problem("cmp-cannot-compile", {"node": t.__name__})
    return None
