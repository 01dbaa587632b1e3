"""One columnar pass for the entity-less evaluation (``eval`` without ``--entity``).

A region's tree evaluated without ``--entity`` is 12,600 indicators on an axis of one
column. Evaluated one by one, each runs its compiled closure, target, achievement, cap and
predicate on one-element arrays: about 0.2 ms of Python per indicator for microseconds of
arithmetic. Here indicators whose evaluation has the same *shape* are evaluated together,
as the columns of one array, so the Python work is paid once per shape:

* a formula's **shape** is its AST with every reference and every number replaced by a
  numbered slot (``a / max(b, 1) * 10`` and ``c / max(d, 1) * 10`` are one shape; a
  reference keeps its kind -- variable, another indicator's field, ``children.<field>``
  and how many indicators that is); an indicator without a formula (its own data) is the
  shape ``own``. The shape is compiled once (:func:`compile.compile_formula`), and column
  ``j`` of a slot reads indicator ``j``'s variable, constant or indicator
  (:class:`_Columns`);
* indicators are grouped by shape, the achievement rule (:func:`achievement.achievement_kind`),
  the grade scale and the predicate scale, and by *level*: an indicator that reads another
  one is evaluated after it, so a level reads the results of the levels before it;
* targets, caps and the count-unit check are per column
  (:func:`achievement.achievement_columns`); aggregates reduce each column alone (numpy sums
  a column of ``k`` values pairwise, a matrix row by row).

**Exactness.** The pass records no diagnostic. A column's messages are the one-indicator
path's, built the way batch.py builds a position's: the group's problems are written with a
placeholder for the indicator (``where``), with the shape's formula nodes for the formula's
text, and -- where the words differ per column (the variable without data, the indicator
without an actual, the fractional count) -- one problem per column (:class:`_PerColumn`);
column ``j`` keeps the problems its mask has, in the order they arose, each with the
placeholder set to its id and every formula node set to the node at the same place in its
own formula (:meth:`_State.column_problems`). So "no data" and "no target" (the year before
of a report: no target, no data) are answered here, as missing with the same messages. Any
column the pass cannot word exactly -- a conflict the store reports, an undefined value, a
problem whose words it does not know -- is *not* taken from the pass: it is left to the
one-indicator path (``Engine.indicator_result``), which then runs in the plan's order exactly
as without this pass, messages, diagnostics and all. So is every indicator the pass does not
do: an achievement formula (with a target), ``wavg``, a ``self`` reference, ``prev``/``lag``
of another indicator, a range with one bound, a formula that did not compile, and everything
that reads one of those. What the pass keeps is the same floats and the same messages the
one-indicator path gives (the same element-wise operations; tests/test_columnar.py compares
both on every example and on generated sets).

Which entries: the indicators of every element evaluated on the entity-less axis, and of
every position whose single holder it evaluates instead (one person, one number,
positions.py); an axis of more than one entity is left to batch.py and the engine.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from ..formula import ast as A
from ..messages import Problem
from ..model import NON_COUNT_UNITS, POSITION_LEVEL, Ref
from .achievement import METHOD_NAMES, achievement_columns, achievement_kind, predicate_index, target_for
from .batch import entityless_value
from .compile import CompileError, EvalContext, FormulaText, compile_formula
from .entityless import entityless_values
from .positions import holder_axis_for, is_entityless
from .results import Axis, IndicatorResult
from .values import Vec

if TYPE_CHECKING:  # pragma: no cover
    from .evaluate import Engine

#: Stands for the indicator in the (discarded) problems of a column evaluation.
PLACEHOLDER = "\x00col\x00"
_OWN = ("own",)            # the shape of an indicator without a formula: its own data
_NUM, _VAR = ("n",), ("v",)
_BAD = object()            # a series the store reports something about
#: the mask of a problem of a one-entity result (read-only: results share it)
_ONE = np.ones(1, bool)
_ONE.flags.writeable = False
#: the method :func:`achievement.achievement` names, per kind ("none": no target for the period)
_METHODS = {**METHOD_NAMES, "none": "none (no target)"}
#: what ``Engine._field`` says when another indicator's field has no value
_NO_FIELD = {"actual": "eng-no-actual", "target": "eng-no-target-of", "achievement": "eng-no-achievement"}


class _PerColumn:
    """A problem whose words differ per column (which variable has no data, which indicator
    no actual): ``items[j]`` is column ``j``'s, as the one-indicator path words it."""

    __slots__ = ("items",)

    def __init__(self, items: list) -> None:
        self.items = items


class _Unknown(Exception):
    """A problem the pass cannot word as the one-indicator path does."""


class _Refuse(Exception):
    """The formula has something the pass does not do."""


@dataclass(slots=True)
class _Unit:
    """One indicator at one store column: what its evaluation reads and how it is grouped."""

    ind: Any
    col: int
    binds: list = field(default_factory=list)   # per slot: ("n", x) | ("v", var) | ("i", unit) | ("c", units)
    key: Any = None
    target: Any = None
    target_key: str | None = None
    kind: str = ""
    grades: tuple[str, ...] = ()
    level: int = 0
    ok: bool = False
    result: tuple | None = None                  # (group arrays, column) once evaluated
    problems: list = field(default_factory=list)  # the column's messages, as the one-indicator path's


def run(engine: "Engine", plan: list[tuple[str, Axis]], period) -> None:
    """Evaluate what it can of ``plan``'s entity-less indicators in one columnar pass and put
    the results in the engine's memo, where ``Engine.evaluate`` finds them."""
    _evaluate(engine, _entries(engine, plan, period), period)


def run_indicators(engine: "Engine", wanted: list[tuple[str, Axis]], period) -> None:
    """Evaluate what it can of the indicators ``wanted`` (id, axis of one entity) in one
    columnar pass, with what they read, and put their results in the engine's memo, where
    ``Engine.indicator_result`` finds them: a report's year before, for the indicators its
    comparison tables show."""
    dset = engine.dset
    entries = {}
    for ind_id, axis in wanted:
        if (len(axis) == 1 and ind_id in dset.indicators
                and not engine.has_result("indicator", (ind_id, period.key, axis.key))):
            entries.setdefault((ind_id, axis.key), (ind_id, axis, None))
    _evaluate(engine, list(entries.values()), period)


def _evaluate(engine: "Engine", entries: list[tuple[str, Axis, Axis | None]], period) -> None:
    if not entries:
        return
    state = _State(engine, period)
    for ind_id, axis, _ in entries:
        state.unit(ind_id, state.column(axis))
    groups: dict[tuple, list[_Unit]] = {}
    wanted: dict[str, str | None] = {}
    variables = engine.dset.variables
    for u in state.units.values():
        if u.key is not None:
            groups.setdefault((u.level, u.key), []).append(u)
            for b in u.binds:
                if b[0] == "v":
                    wanted.setdefault(b[1], variables[b[1]].period_aggregation)
                elif b[0] == "o":
                    wanted.setdefault(b[1], b[2])
    if state.one_column and engine.store is not None:
        state.fast = {v: (wanted[v], x) for v, x in entityless_values(engine.store, period, wanted).items()}
    for (level, key), units in sorted(groups.items(), key=lambda kv: kv[0][0]):
        state.evaluate(key, units)
    pkey = period.key
    for ind_id, axis, main in entries:
        u = state.units[(ind_id, state.column(axis))]
        # a position's single holder with messages: positions.indicator_mean words its mean
        if u.ok and (main is None or not u.problems):
            engine.remember("indicator", (ind_id, pkey, axis.key), _result(engine, u, axis, period))
            if main is not None:
                engine.remember("mean", (ind_id, pkey, main.key), _holder_mean(u, main, period))


def _entries(engine: "Engine", plan, period) -> list[tuple[str, Axis, Axis | None]]:
    """(indicator, axis of one column, the entity-less axis when that is a position's single
    holder) that ``Engine.evaluate`` asks for and nothing has evaluated yet."""
    dset = engine.dset
    out = []
    for el_id, axis in plan:
        if not is_entityless(axis):
            continue
        hax = holder_axis_for(engine, el_id, axis)
        main = None
        if hax is not None:
            if len(hax) != 1:
                continue
            axis, main = hax, axis
        for ind_id in dset.elements[el_id].indicators:
            if ind_id in dset.indicators and not engine.has_result("indicator", (ind_id, period.key, axis.key)):
                out.append((ind_id, axis, main))
    return out


def _holder_mean(u: _Unit, main: Axis, period) -> IndicatorResult:
    """positions.indicator_mean over one holder: the holder's own figures, ``mean over the 1
    holder(s)`` (``np.mean`` of one number is that number)."""
    g, j = u.result
    ach, und = float(g["ach"][j]), bool(g["ach_und"][j])
    counted = 0 if ach != ach else 1
    ach_vec = Vec(np.array([ach]), np.array([False if counted else und]))
    if u.grades:
        actual = Vec(np.array([np.nan]), np.zeros(1, bool))
    else:
        a = float(g["actual"][j])
        actual = Vec(np.array([a]), np.array([False if a == a else bool(g["actual_und"][j])]))
    problems = [(np.ones(1, bool), Problem("position-holder-mean", {"holders": 1, "counted": counted}))]
    return IndicatorResult(u.ind, main, period, u.target, u.target_key, actual, ach_vec, _METHODS[u.kind],
                           g["scale"], g["pred"][j:j + 1], problems, ())


def _result(engine: "Engine", u: _Unit, axis: Axis, period) -> IndicatorResult:
    g, j = u.result
    s = slice(j, j + 1)
    return IndicatorResult(u.ind, axis, period, u.target, u.target_key,
                           Vec(g["actual"][s], g["actual_und"][s]), Vec(g["ach"][s], g["ach_und"][s]),
                           _METHODS[u.kind], g["scale"], g["pred"][s], u.problems, u.grades)


class _State:
    """The units of one pass, their shapes and their results."""

    def __init__(self, engine: "Engine", period) -> None:
        self.engine = engine
        self.dset = engine.dset
        self.period = period
        self.units: dict[tuple[str, int], _Unit] = {}
        self.series: dict[tuple, Any] = {}
        self.fast: dict[str, tuple[str | None, float]] = {}    # the period's values from entityless.py
        self.labels: dict[str, tuple] = {}     # variable → (aggregation, what "no data" calls it)
        store = engine.store
        # without a row that names an entity every store column reads the entity-less values:
        # a position's holder then evaluates exactly as the entity-less axis, once for both
        self.one_column = store is None or not bool((store.table.entity_codes >= 0).any())

    def column(self, axis: Axis) -> int:
        """The store column a one-entity axis reads (-1: any column reads the same)."""
        return -1 if self.one_column else int(axis.cols[0])

    # ------------------------------------------------------------------ planning
    def unit(self, ind_id: str, col: int) -> _Unit | None:
        """The unit of ``ind_id`` at ``col`` with its dependencies (None: not an indicator);
        its ``key`` is None when the pass does not evaluate it."""
        k = (ind_id, col)
        u = self.units.get(k)
        if u is not None:
            return u
        ind = self.dset.indicators.get(ind_id)
        if ind is None:
            return None
        u = self.units[k] = _Unit(ind, col)
        try:
            self._plan(u)
        except _Refuse:
            u.key = None
        return u

    def _plan(self, u: _Unit) -> None:
        ind = u.ind
        spec = self.engine.columnar_cache.get(("spec", ind.id), _BAD)
        if spec is _BAD:
            spec = self._spec(ind)
        if spec is None:
            raise _Refuse
        shape, template, grades, scale_id = spec
        t, u.target_key = target_for(ind.target, self.period)
        u.target = t
        u.grades = grades
        # no target for the period: missing, whatever the rule (achievement.achievement)
        kind = "none" if t is None else achievement_kind(ind, t, grades)
        if kind is None:
            raise _Refuse
        u.kind = kind
        level = 0
        for b in template:
            if b[0] == "i":
                dep = self.unit(b[1], u.col)
                if dep.key is None:
                    raise _Refuse
                level = max(level, dep.level + 1)
                u.binds.append(("i", dep))
            elif b[0] == "c":
                deps = tuple(self.unit(i, u.col) for i in b[1])
                for d in deps:
                    if d.key is None:
                        raise _Refuse
                    level = max(level, d.level + 1)
                u.binds.append(("c", deps))
            else:
                u.binds.append(b)
        u.level = level
        u.key = (shape, kind, grades, scale_id)

    def _spec(self, ind) -> tuple | None:
        """The indicator's shape, what its slots read -- ``("n", x)``, ``("v", variable)``,
        ``("o", id, aggregation)`` (its own data), ``("i", indicator)``, ``("c", indicators)``
        --, its grades and predicate scale; None when the pass does not do it (a refused
        formula, a NaN cap, a formula the pass does not do). It depends on the definitions
        alone, so the engine keeps it for every pass (a report's year before plans the same
        tree)."""
        engine, dset = self.engine, self.dset
        grades = dset.scales[ind.grade_scale].grades if ind.grade_scale in dset.scales else ()
        scale_id = id(engine.scale(ind.predicate_scale))
        spec = None
        if engine.refused(ind.id) or (ind.cap is not None and ind.cap != ind.cap):
            pass
        elif ind.formula is None:
            var = dset.variables.get(ind.id)
            agg = var.period_aggregation if var and var.period_aggregation else "last"
            spec = (_OWN, (("o", ind.id, agg),), grades, scale_id)
        else:
            binds: list = []
            try:
                shape, shifted = self._shape(ind.formula, self.dset.refs.get(ind.id, {}), binds)
                if shifted and any(b[0] in ("i", "c") for b in binds):
                    raise _Refuse
                if self.compiled_shape(shape) is not None:
                    spec = (shape, tuple(binds), grades, scale_id)
            except _Refuse:
                pass
        engine.columnar_cache[("spec", ind.id)] = spec
        return spec

    def compiled_shape(self, shape: tuple) -> tuple | None:
        """(the shape's closure, where each of its nodes sits), compiled once per engine (None:
        the compiler refuses it)."""
        cache = self.engine.columnar_cache
        key = ("shape", shape)
        if key not in cache:
            try:
                ast = _to_ast(shape, [0])
                cache[key] = (compile_formula(ast, _slot_refs(ast)), _paths(ast))
            except CompileError:
                cache[key] = None
        return cache[key]

    def _shape(self, node: A.Expr, refs: dict, binds: list) -> tuple[tuple, bool]:
        """``node``'s shape as nested tuples, its references and numbers as slots (read by
        ``binds`` in the order they are met), and whether it has ``prev``/``lag``. Tuples
        rather than AST nodes: hashing a frozen dataclass tree runs Python for every node.
        (A method, not a recursive closure: a closure that calls itself is a reference cycle,
        and it kept the whole pass alive until the garbage collector ran.)"""
        shifted = [False]
        return self._walk(node, refs, binds, shifted), shifted[0]

    def _walk(self, n: A.Expr, refs: dict, binds: list, shifted: list) -> tuple:
        t = type(n)
        if t is A.Number:
            binds.append(("n", float(n.value)))
            return _NUM
        if t is A.Name:
            return self._slot(refs.get((n.text, n.braced, n.field)), binds)
        if t is A.Binary:
            return ("B", n.op, self._walk(n.left, refs, binds, shifted), self._walk(n.right, refs, binds, shifted))
        if t is A.Call:
            if n.name == "wavg":
                raise _Refuse
            if n.name in ("prev", "lag"):
                shifted[0] = True
                # lag's steps are read when the formula is compiled: they stay in the shape
                return ("C", n.name, (self._walk(n.args[0], refs, binds, shifted),)
                        + tuple(("raw", a) for a in n.args[1:]))
            return ("C", n.name, tuple(self._walk(a, refs, binds, shifted) for a in n.args))
        if t is A.Percent:
            return ("%", self._walk(n.operand, refs, binds, shifted))
        if t is A.Unary:
            return ("U", n.op, self._walk(n.operand, refs, binds, shifted))
        if t is A.String or t is A.Boolean:
            return ("raw", n)
        raise _Refuse

    def _slot(self, ref: Ref | None, binds: list) -> tuple:
        if ref is None:
            raise _Refuse
        dset = self.dset
        if ref.kind == "variable":
            if ref.id not in dset.variables:
                raise _Refuse
            binds.append(("v", ref.id))
            return _VAR
        if ref.kind == "indicator":
            if ref.id not in dset.indicators:
                raise _Refuse
            binds.append(("i", ref.id))
            return ("i", ref.field)
        if ref.kind == "children":
            ids = []
            for child in self.engine.children_of(ref.id):
                el = dset.elements[child]
                if el.level == POSITION_LEVEL:
                    continue
                ids.extend(i for i in el.indicators if i in dset.indicators)
            binds.append(("c", tuple(ids)))
            return ("c", ref.field, len(ids))
        raise _Refuse     # ``self``: only in achievement formulas

    # ---------------------------------------------------------------- evaluation
    def value(self, var_id: str, period, aggregation: str | None, grades: tuple, col: int) -> Any:
        """The variable's value at store column ``col`` (``_BAD``: the store reports
        something about it, so the one-indicator path must say it)."""
        hit = self.fast.get(var_id)
        if hit is not None and hit[0] == aggregation and period is self.period:
            return hit[1]
        k = (var_id, period.key, aggregation, grades)
        full = self.series.get(k)
        if full is None and self.one_column and self.engine.store is not None:
            # no row names an entity: the store's entity-less derivation with plain floats
            # (batch.py), without asking the store per variable whether it has entity rows
            x = entityless_value(self.engine.store, var_id, period, aggregation)
            if x is not None:
                full = self.series[k] = np.full(1, x)
        if full is None:
            got, diags = self.engine.quiet_series(var_id, period, aggregation, grades)
            full = self.series[k] = _BAD if diags else got
        if full is _BAD:
            return _BAD
        return float(full[col] if len(full) > 1 else full[0])

    def evaluate(self, key: tuple, units: list[_Unit]) -> None:
        """Evaluate one group (one shape, rule and scales) as columns; keep the columns whose
        messages it words as the one-indicator path does."""
        shape, kind, grades, _ = key
        n = len(units)
        src = _Columns(self, units)
        ctx = EvalContext(n, self.period, src, Problem("where-formula", {"indicator": PLACEHOLDER}), grades,
                          columnar=True)
        try:
            if shape is _OWN:
                actual = src.own(ctx)
            else:
                actual = self.compiled_shape(shape)[0](ctx)
                if isinstance(actual, list):
                    return
            self._count_fraction(ctx, units, actual, grades)
            ach_ctx = EvalContext(n, self.period, src, Problem("where-achievement", {"indicator": PLACEHOLDER}),
                                  grades, problems=ctx.problems, columnar=True)
            if kind == "none":      # achievement.achievement without a target
                ach_ctx.problem(~actual.undefined, Problem("ach-no-target", {"period": str(self.period)}))
                ach = Vec(np.full(n, np.nan), actual.undefined.copy())
            else:
                number, low, high, cap = _targets(units, kind, grades)
                ach = achievement_columns(kind, ach_ctx, actual, number, low, high, cap)
        except Exception:   # noqa: BLE001 - whatever it is, the one-indicator path raises or says it
            return
        bad = src.bad | actual.undefined | ach.undefined
        scale = self.engine.scale(units[0].ind.predicate_scale)
        arrays = {"actual": actual.value, "actual_und": actual.undefined, "ach": ach.value,
                  "ach_und": ach.undefined, "scale": scale, "pred": predicate_index(scale, ach.value)}
        paths = None if shape is _OWN else self.compiled_shape(shape)[1]
        per_column = self._per_column(ctx.problems, bad)
        for j, u in enumerate(units):
            if bad[j]:
                continue
            mine = per_column.get(j)
            if mine:
                try:
                    u.problems = self.column_problems(mine, u, paths)
                except _Unknown:
                    continue
            u.ok = True
            u.result = (arrays, j)

    @staticmethod
    def _count_fraction(ctx: EvalContext, units: list[_Unit], actual: Vec, grades: tuple) -> None:
        """positions.fractional_count, column by column: a count with a fractional actual."""
        v = actual.value
        with np.errstate(invalid="ignore"):
            frac = np.isfinite(v) & (np.abs(v - np.round(v)) > 1e-9)
        if not frac.any():      # whole numbers or none (a year without data): no count to ask about
            return
        n = len(units)
        frac &= np.fromiter((bool(u.ind.unit) and not grades
                             and u.ind.unit.strip().lower() not in NON_COUNT_UNITS for u in units), bool, n)
        if frac.any():
            ctx.problem(frac, _PerColumn([
                Problem("count-fraction", {"indicator": u.ind.id, "unit": u.ind.unit, "what": Problem("w-actual"),
                                           "value": f"{v[j]:g}"}) if frac[j] else None
                for j, u in enumerate(units)]))

    @staticmethod
    def _per_column(problems: list, bad: np.ndarray) -> dict[int, list]:
        """Column → its problems in the order they arose: ``(problem, worded)``, worded False
        when the placeholder or a formula node is still to be set for the column. A column
        with a problem the pass cannot word is marked in ``bad``."""
        out: dict[int, list] = {}
        for mask, p in problems:
            cols = np.flatnonzero(mask).tolist()
            if isinstance(p, _PerColumn):
                items = p.items
                for j in cols:
                    out.setdefault(j, []).append((items[j], True))
                continue
            try:
                item = (p, not _needs_wording(p))
            except _Unknown:
                bad[cols] = True
                continue
            for j in cols:
                out.setdefault(j, []).append(item)
        return out

    def column_problems(self, mine: list, u: _Unit, paths: dict | None) -> list:
        """A column's problems as the one-indicator path gives them for ``u``: the
        placeholder set to the indicator's id and each formula node of the shape set to the
        node at the same place in the indicator's formula."""
        texts: dict[int, FormulaText] = {}
        return [(_ONE, p if worded else self._word(p, u, paths, texts)) for p, worded in mine]

    def _word(self, p: Problem, u: _Unit, paths: dict | None, texts: dict) -> Problem:
        params = {}
        for k, v in p.params.items():
            if isinstance(v, Problem):
                v = self._word(v, u, paths, texts)
            elif isinstance(v, FormulaText):
                v = self._text(v, u, paths, texts)
            elif isinstance(v, str):
                if PLACEHOLDER in v:
                    if v != PLACEHOLDER:
                        raise _Unknown
                    v = u.ind.id
            elif not isinstance(v, (int, float)):
                raise _Unknown
            params[k] = v
        return Problem(p.code, params)

    @staticmethod
    def _text(t: FormulaText, u: _Unit, paths: dict | None, texts: dict) -> FormulaText:
        """The one-indicator path's text of the node at ``t``'s place in ``u``'s formula."""
        path = paths.get(id(t.node)) if paths is not None else None
        if path is None or u.ind.formula is None:
            raise _Unknown
        hit = texts.get(id(t.node))
        if hit is None:
            node = u.ind.formula
            for i in path:
                node = _kids(node)[i]
            hit = texts[id(t.node)] = FormulaText(node)
        return hit


def _targets(units: list[_Unit], kind: str, grades: tuple) -> tuple[np.ndarray, ...]:
    n = len(units)
    nan = float("nan")
    if kind == "grade":
        number = np.fromiter((grades.index(u.target.grade) + 1 for u in units), np.float64, n)
    else:
        number = np.fromiter((nan if u.target.number is None else u.target.number for u in units), np.float64, n)
    low = np.fromiter((nan if u.target.min is None else u.target.min for u in units), np.float64, n)
    high = np.fromiter((nan if u.target.max is None else u.target.max for u in units), np.float64, n)
    cap = np.fromiter((nan if u.ind.cap is None else u.ind.cap for u in units), np.float64, n)
    return number, low, high, cap


def _to_ast(shape: tuple, count: list[int]) -> A.Expr:
    """The formula a shape stands for, its slots as names (``\x00v3``: slot 3, a variable;
    ``\x00i4.target``: slot 4, another indicator's target) numbered in the order
    :meth:`_State._shape` bound them."""
    tag = shape[0]
    if tag in ("n", "v", "i", "c"):
        k = count[0]
        count[0] += 1
        return A.Name(f"\x00{tag}{k}" + "".join(f".{x}" for x in shape[1:]))
    if tag == "raw":
        return shape[1]
    if tag == "B":
        return A.Binary(shape[1], _to_ast(shape[2], count), _to_ast(shape[3], count))
    if tag == "C":
        return A.Call(shape[1], tuple(_to_ast(a, count) for a in shape[2]))
    if tag == "%":
        return A.Percent(_to_ast(shape[1], count))
    return A.Unary(shape[1], _to_ast(shape[2], count))


def _kids(node: A.Expr) -> tuple:
    """A node's operands in the order :func:`_to_ast` builds them (the same in a shape and
    in the formula it stands for)."""
    t = type(node)
    if t is A.Binary:
        return (node.left, node.right)
    if t is A.Call:
        return tuple(node.args)
    if t is A.Percent or t is A.Unary:
        return (node.operand,)
    return ()


def _paths(shape: A.Expr) -> dict[int, tuple[int, ...]]:
    """id(node) → where the node sits in the shape, as operand indices from the root."""
    out: dict[int, tuple[int, ...]] = {}
    stack = [(shape, ())]
    while stack:
        node, path = stack.pop()
        out[id(node)] = path
        stack.extend((k, path + (i,)) for i, k in enumerate(_kids(node)))
    return out


def _slot_refs(shape: A.Expr) -> dict[tuple, Ref]:
    """What the slots of a shape stand for: every slot is read from :class:`_Columns`."""
    refs: dict[tuple, Ref] = {}
    for n in A.names(shape):
        kind = n.text[1]
        if kind in ("n", "v"):
            refs[(n.text, False, None)] = Ref("variable", n.text)
        else:
            parts = n.text[2:].split(".")
            refs[(n.text, False, None)] = Ref("indicator" if kind == "i" else "children", n.text, parts[1])
    return refs


class _Columns:
    """The value source of one group: column ``j`` of a slot is unit ``j``'s binding. A column
    whose value the one-indicator path would get with a message is marked in ``bad``."""

    def __init__(self, state: _State, units: list[_Unit]) -> None:
        self.state = state
        self.units = units
        self.bad = np.zeros(len(units), bool)

    @staticmethod
    def _index(text: str) -> int:
        return int(text[2:].split(".")[0])

    def _data(self, ctx: EvalContext, reads: list[tuple[str, str | None, str]], period, grades) -> Vec:
        """The values of ``reads`` (variable, aggregation, what the message calls it) per
        column; a missing one says ``Engine.data_values``'s "no data"."""
        n = len(self.units)
        out = np.empty(n)
        for j, (var_id, agg, _) in enumerate(reads):
            x = self.state.value(var_id, period, agg, grades, self.units[j].col)
            if x is _BAD:
                self.bad[j] = True
                x = np.nan
            out[j] = x
        missing = np.isnan(out)
        if missing.any():
            pkey = period.key
            ctx.problem(missing, _PerColumn([
                Problem("eng-no-data", {"what": label, "period": pkey, "variable": var_id}) if missing[j] else None
                for j, (var_id, _, label) in enumerate(reads)]))
        return Vec(out, np.zeros(n, bool))

    def own(self, ctx: EvalContext) -> Vec:
        return self._data(ctx, [(u.binds[0][1], u.binds[0][2], u.ind.id) for u in self.units], ctx.period,
                          ctx.grades)

    def variable(self, var_id: str, period, ctx: EvalContext) -> Vec:
        k = self._index(var_id)
        if var_id[1] == "n":
            return Vec(np.fromiter((u.binds[k][1] for u in self.units), np.float64, len(self.units)),
                       np.zeros(len(self.units), bool))
        labels = self.state.labels
        reads = []
        for u in self.units:
            vid = u.binds[k][1]
            hit = labels.get(vid)
            if hit is None:
                var = self.state.dset.variables[vid]
                hit = labels[vid] = (var.period_aggregation, f"{var.label} ({vid})" if var.label else vid)
            reads.append((vid, hit[0], hit[1]))
        return self._data(ctx, reads, period, ctx.grades)

    def _field(self, deps: list[_Unit], fld: str, period, ctx: EvalContext) -> Vec:
        n = len(deps)
        value = np.full(n, np.nan)
        if period.key != self.state.period.key:
            self.bad[:] = True
            return Vec(value, np.zeros(n, bool))
        und = np.zeros(n, bool)
        for j, d in enumerate(deps):
            if not d.ok:
                self.bad[j] = True
                continue
            g, i = d.result
            if fld == "actual":
                value[j], und[j] = g["actual"][i], g["actual_und"][i]
            elif fld == "achievement":
                value[j], und[j] = g["ach"][i], g["ach_und"][i]
            else:
                value[j] = _target_field(d)
        missing = np.isnan(value)
        if missing.any():
            code, pkey = _NO_FIELD[fld], self.state.period.key
            ctx.problem(missing, _PerColumn([Problem(code, {"indicator": d.ind.id, "period": pkey}) if missing[j]
                                             else None for j, d in enumerate(deps)]))
        return Vec(value, und)

    def indicator(self, slot: str, fld: str, period, ctx: EvalContext) -> Vec:
        k = self._index(slot)
        return self._field([u.binds[k][1] for u in self.units], fld, period, ctx)

    def children(self, slot: str, fld: str, period, ctx: EvalContext) -> list[Vec]:
        k = self._index(slot)
        count = len(self.units[0].binds[k][1])
        return [self._field([u.binds[k][1][i] for u in self.units], fld, period, ctx) for i in range(count)]


def _needs_wording(p: Problem) -> bool:
    """Whether ``p`` names the placeholder or a formula node (a column words it for its own
    indicator); :class:`_Unknown` for a value the pass does not know how to word."""
    need = False
    for v in p.params.values():
        if isinstance(v, Problem):
            need = _needs_wording(v) or need
        elif isinstance(v, FormulaText):
            need = True
        elif isinstance(v, str):
            need = need or PLACEHOLDER in v
        elif not isinstance(v, (int, float)):
            raise _Unknown
    return need


def _target_field(u: _Unit) -> float:
    """``Engine._field``'s target of an indicator the pass evaluated."""
    t = u.target
    if t is None or t.is_range:
        return np.nan
    if t.grade is not None:
        return float(u.grades.index(t.grade) + 1) if t.grade in u.grades else np.nan
    return float(t.number)
