"""Validated YAML records → the frozen model, one record at a time.

Each record (element, indicator, variable, …) is checked with its pydantic
model on its own, so one bad indicator does not hide the problems of the
others: ``check`` must report every problem. Shapes that pydantic would
report as a confusing union (targets, budgets) and enumerations whose
Indonesian spellings we accept are read here with messages a planner can act
on. Formulas are parsed here, with a locator that maps every character back
into the YAML file.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from ..data.periods import PeriodError, parse_period
from ..diagnostics import Diagnostic, Span, did_you_mean, error
from ..formula import parse_formula
from ..model import (Budget, BudgetValue, Element, Holder, Indicator, LEVEL_ALIASES, PredicateBand,
                     Scale, Target, TargetValue, Variable)
from .aliases import fold_budget, fold_record, original_path
from .schema import (ACHIEVEMENT_METHODS, AGGREGATIONS, ALIASES, ELEMENT_ACHIEVEMENT, POLARITIES,
                     DefinitionFile, ElementDef, HolderDef, IndicatorDef, VariableDef)
from .yaml_source import PositionedDoc

_TYPE_WORDS = {
    "string_type": "text", "int_type": "a number", "float_type": "a number",
    "list_type": "a list", "dict_type": "a mapping (key: value)", "model_type": "a mapping (key: value)",
    "model_attributes_type": "a mapping (key: value)", "bool_type": "true or false",
}
_KIND_WORDS = {"file": "the file's top level", "element": "element", "indicator": "indicator",
               "variable": "variable", "holder": "holder", "band": "scale band"}


@dataclass
class FileContext:
    """What a file sets for all its elements."""

    doc: PositionedDoc
    agency: str | None = None
    predicate_scale: str | None = None


@dataclass
class RawSet:
    """What the records of all files gave, before the set-wide rules run."""

    elements: list[Element] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    variables: list[Variable] = field(default_factory=list)
    scales: list[Scale] = field(default_factory=list)
    levels: list[tuple[tuple[str, ...], Span]] = field(default_factory=list)
    broken_ids: set[str] = field(default_factory=set)   # records we could not build (errors reported)


def span_of(doc: PositionedDoc, folded_path: tuple) -> Span:
    return doc.span(original_path(doc, folded_path))


def _validate(model: type[BaseModel], data: Any, kind: str, path: tuple, doc: PositionedDoc,
              diags: list[Diagnostic]) -> bool:
    """Check one record against its pydantic model; turn its errors into diagnostics."""
    try:
        model.model_validate(data)
        return True
    except ValidationError as exc:
        diags.extend(_pydantic_diagnostics(exc, model, data, kind, path, doc))
        return False


def _pydantic_diagnostics(exc: ValidationError, model: type[BaseModel], data: Any, kind: str,
                          path: tuple, doc: PositionedDoc) -> list[Diagnostic]:
    per_path: dict[tuple, dict] = {}
    for err in exc.errors():
        loc, node, sub_kind = [], data, kind
        for step in err["loc"]:
            if isinstance(node, dict) and step in node:
                loc.append(step)
                node = node[step]
                sub_kind = {"indicators": "indicator", "holders": "holder", "variables": "variable",
                            "elements": "element"}.get(step, sub_kind)
            elif isinstance(node, list) and isinstance(step, int) and step < len(node):
                loc.append(step)
                node = node[step]
            elif err["type"] in ("extra_forbidden", "missing") and step == err["loc"][-1]:
                loc.append(step)
            # else: a union branch tag such as 'list[str]' — not part of the data path
        key = tuple(loc)
        entry = per_path.setdefault(key, {"types": [], "err": err, "kind": sub_kind})
        entry["types"].append(err["type"])
    out = []
    for loc, entry in per_path.items():
        err, types, sub_kind = entry["err"], entry["types"], entry["kind"]
        where = _KIND_WORDS.get(sub_kind, sub_kind)
        name = loc[-1] if loc else ""
        if err["type"] == "extra_forbidden":
            fields = _fields_for(sub_kind)
            out.append(error("unknown-key", f"unknown key '{name}' in {where}",
                             span_of(doc, path + loc), did_you_mean(str(name), fields)))
        elif err["type"] == "missing":
            alias = next((a for a, e in ALIASES.get(sub_kind, {}).items() if e == name), None)
            also = f" (or '{alias}')" if alias else ""
            out.append(error("missing-key", f"{where} is missing the required key '{name}'{also}",
                             span_of(doc, path + loc[:-1])))
        elif err["type"] == "string_pattern_mismatch" and name == "id":
            out.append(error("bad-id", f"'{err.get('input')}' is not a valid id: begin with a letter or '_', "
                                       "then only letters, digits, '_', '.' or '-'",
                             doc.value_span(original_path(doc, path + loc))))
        elif err["type"] == "literal_error":
            expected = err.get("ctx", {}).get("expected", "")
            got = err.get("input")
            options = [o.strip(" '") for o in expected.replace(" or ", ", ").split(",")]
            out.append(error("bad-value", f"'{name}' must be one of {expected}; got {got!r}",
                             doc.value_span(original_path(doc, path + loc)),
                             did_you_mean(str(got), options)))
        else:
            words = sorted({_TYPE_WORDS.get(t, t.replace("_", " ")) for t in types})
            got = err.get("input")
            hint = ""
            if isinstance(got, (int, float)) and "text" in words and not isinstance(got, bool):
                hint = " (put it in quotes)"
            out.append(error("bad-type", f"'{name}' must be {' or '.join(words)}; got {got!r}{hint}",
                             doc.value_span(original_path(doc, path + loc))))
    return out


def _fields_for(kind: str) -> list[str]:
    model = {"file": DefinitionFile, "element": ElementDef, "indicator": IndicatorDef,
             "variable": VariableDef, "holder": HolderDef}.get(kind)
    names = list(model.model_fields) if model else []
    return names + list(ALIASES.get(kind, {}))


def build_file(doc: PositionedDoc, raw: RawSet, diags: list[Diagnostic]) -> None:
    """Read one file's records into ``raw``; every problem becomes a diagnostic."""
    if not isinstance(doc.data, dict):
        what = "empty" if doc.data is None else f"a {type(doc.data).__name__}"
        diags.append(error("top-level", f"the top level of a definition file must be a mapping "
                                        f"(version, elements, …); this file is {what}",
                           Span(doc.file, 1, 1)))
        return
    top = fold_record(doc.data, "file", (), doc, diags)
    header = {k: v for k, v in top.items() if k not in ("elements", "variables", "scales")}
    for k in ("elements", "variables"):
        if k in top and not isinstance(top[k], list):
            diags.append(error("bad-type", f"'{k}' must be a list", span_of(doc, (k,))))
    if "scales" in top:
        header["scales"] = top["scales"]
    if not _validate(DefinitionFile, header, "file", (), doc, diags):
        if "version" not in header:
            return
    ctx = FileContext(doc, _str_or_none(top.get("agency")), _str_or_none(top.get("predicate_scale")))
    if isinstance(top.get("levels"), list) and all(isinstance(x, str) for x in top["levels"]):
        # declared levels take the same Indonesian aliases as an element's level (visi → vision)
        raw.levels.append((tuple(LEVEL_ALIASES.get(x, x) for x in top["levels"]), span_of(doc, ("levels",))))
    if isinstance(top.get("scales"), dict):
        _build_scales(top["scales"], doc, raw)
    for i, item in enumerate(top.get("variables") or [] if isinstance(top.get("variables"), list) else []):
        _build_variable(item, ("variables", i), doc, raw, diags)
    for i, item in enumerate(top.get("elements") or [] if isinstance(top.get("elements"), list) else []):
        _build_element(item, ("elements", i), ctx, raw, diags)


def _str_or_none(v: Any) -> str | None:
    return v if isinstance(v, str) else None


def _build_scales(scales: dict, doc: PositionedDoc, raw: RawSet) -> None:
    for name, spec in scales.items():
        span = span_of(doc, ("scales", name))
        if isinstance(spec, list) and spec and all(isinstance(x, str) for x in spec):
            raw.scales.append(Scale(str(name), "ordinal", grades=tuple(spec), span=span))
        elif isinstance(spec, list) and all(isinstance(x, dict) for x in spec):
            bands = []
            for b in spec:
                b = {ALIASES["band"].get(k, k): v for k, v in b.items()}
                if isinstance(b.get("min"), (int, float)) and isinstance(b.get("label"), str):
                    bands.append(PredicateBand(float(b["min"]), b["label"], b.get("color")))
            bands.sort(key=lambda band: -band.min)
            raw.scales.append(Scale(str(name), "predicate", bands=tuple(bands), span=span))


def _build_variable(item: Any, path: tuple, doc: PositionedDoc, raw: RawSet,
                    diags: list[Diagnostic]) -> None:
    if not isinstance(item, dict):
        diags.append(error("bad-type", "a variable must be a mapping (id, label, …)", span_of(doc, path)))
        return
    rec = fold_record(item, "variable", path, doc, diags)
    if not _validate(VariableDef, rec, "variable", path, doc, diags):
        if isinstance(rec.get("id"), str):
            raw.broken_ids.add(rec["id"])
        return
    agg = rec.get("period_aggregation")
    raw.variables.append(Variable(rec["id"], rec.get("label"), rec.get("unit"), rec.get("source"),
                                  AGGREGATIONS[agg] if agg else None, span_of(doc, path + ("id",))))


def _build_element(item: Any, path: tuple, ctx: FileContext, raw: RawSet,
                   diags: list[Diagnostic]) -> None:
    doc = ctx.doc
    if not isinstance(item, dict):
        diags.append(error("bad-type", "an element must be a mapping (id, level, …)", span_of(doc, path)))
        return
    rec = fold_record(item, "element", path, doc, diags)
    indicators = rec.pop("indicators", None)
    holders = rec.get("holders")
    if isinstance(holders, list):
        rec["holders"] = [fold_record(h, "holder", path + ("holders", j), doc, diags) if isinstance(h, dict) else h
                          for j, h in enumerate(holders)]
    if "budget" in rec:
        rec["budget"] = fold_budget(rec["budget"], path + ("budget",), doc, diags)
    ok = _validate(ElementDef, rec, "element", path, doc, diags)
    el_id = rec.get("id") if isinstance(rec.get("id"), str) else None
    if not ok:
        if el_id:
            raw.broken_ids.add(el_id)
    ind_ids: list[str] = []
    scale = _str_or_none(rec.get("predicate_scale")) or ctx.predicate_scale
    if indicators is not None and not isinstance(indicators, list):
        diags.append(error("bad-type", "'indicators' must be a list", span_of(doc, path + ("indicators",))))
        indicators = []
    for j, ind in enumerate(indicators or []):
        built = _build_indicator(ind, path + ("indicators", j), el_id or "?", scale, doc, raw, diags)
        if built:
            ind_ids.append(built)
    if not ok or el_id is None:
        return
    level = rec["level"]
    level = LEVEL_ALIASES.get(level, level)
    supports = rec.get("supports") or []
    if isinstance(supports, str):
        supports = [supports]
    sup_spans = tuple(doc.value_span(original_path(doc, path + ("supports", k)))
                      if isinstance(rec.get("supports"), list) else span_of(doc, path + ("supports",))
                      for k in range(len(supports)))
    budget = _read_budget(rec.get("budget"), path + ("budget",), doc, diags)
    el_holders = tuple(Holder(str(h["id"]), h.get("name"), span_of(doc, path + ("holders", j)))
                       for j, h in enumerate(rec.get("holders") or []))
    ach = rec.get("achievement")
    raw.elements.append(Element(
        id=el_id, level=level, statement=rec.get("statement"), supports=tuple(supports),
        agency=rec.get("agency") or ctx.agency, indicators=tuple(ind_ids),
        achievement=ELEMENT_ACHIEVEMENT[ach] if ach else None, budget=budget,
        predicate_scale=scale or "", owner=rec.get("owner"), holders=el_holders,
        span=span_of(doc, path + ("id",)), supports_spans=sup_spans,
        level_span=doc.value_span(original_path(doc, path + ("level",))),
    ))


def _build_indicator(item: Any, path: tuple, element: str, scale: str | None, doc: PositionedDoc,
                     raw: RawSet, diags: list[Diagnostic]) -> str | None:
    if not isinstance(item, dict):
        diags.append(error("bad-type", "an indicator must be a mapping (id, name, formula, …)",
                           span_of(doc, path)))
        return None
    rec = fold_record(item, "indicator", path, doc, diags)
    if "budget" in rec:
        rec["budget"] = fold_budget(rec["budget"], path + ("budget",), doc, diags)
    ind_id = rec.get("id") if isinstance(rec.get("id"), str) else None
    n_before = len(diags)
    valid = _validate(IndicatorDef, rec, "indicator", path, doc, diags)
    # even a record with a schema error gets its formula and target checked: report everything
    formula = formula_text = formula_span = None
    if isinstance(rec.get("formula"), (str, int, float)):
        formula_text = str(rec["formula"])
        opath = original_path(doc, path + ("formula",))
        formula, fd = parse_formula(formula_text, doc.locator(opath, formula_text))
        diags.extend(fd)
        formula_span = doc.value_span(opath)
    method = ach_formula = None
    if isinstance(rec.get("achievement"), str):
        text = rec["achievement"].strip()
        if text.lower() in ACHIEVEMENT_METHODS:
            method = ACHIEVEMENT_METHODS[text.lower()]
        else:
            opath = original_path(doc, path + ("achievement",))
            ach_formula, fd = parse_formula(rec["achievement"], doc.locator(opath, rec["achievement"]))
            diags.extend(fd)
            method = "formula"
    target = _read_target(rec.get("target"), path + ("target",), doc, diags)
    budget = _read_budget(rec.get("budget"), path + ("budget",), doc, diags)
    pol = rec.get("polarity")
    if not valid or any(d.is_error for d in diags[n_before:]):
        if ind_id:
            raw.broken_ids.add(ind_id)
        return ind_id  # keep the id on the element; the indicator itself is not built
    raw.indicators.append(Indicator(
        id=rec["id"], element=element, name=rec["name"], unit=rec.get("unit"),
        polarity=POLARITIES[pol] if pol else "positive",
        formula_text=formula_text, formula=formula,
        achievement_method=method, achievement_formula=ach_formula, target=target,
        cap=float(rec["cap"]) if rec.get("cap") is not None else None,
        weight=float(rec["weight"]) if rec.get("weight") is not None else 1.0,
        source=rec.get("source"), owner=rec.get("owner"),
        predicate_scale=_str_or_none(rec.get("predicate_scale")) or scale or "",
        grade_scale=rec.get("grade_scale"), budget=budget,
        span=span_of(doc, path + ("id",)), formula_span=formula_span,
    ))
    return rec["id"]


def _number(v: Any) -> float | None:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
        return None
    return float(v)


_NUMERIC = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def _numeric_text(v: Any) -> bool:
    """A float (also inf/nan) or a text that is a plain decimal number such as ``1e400``."""
    if isinstance(v, float):
        return math.isinf(v)
    return isinstance(v, str) and _NUMERIC.fullmatch(v.strip()) is not None


def _one_target(v: Any, path: tuple, doc: PositionedDoc, diags: list[Diagnostic]) -> TargetValue | None:
    if isinstance(v, bool):
        pass
    elif isinstance(v, (int, float)) and _number(v) is not None:
        return TargetValue(number=float(v))
    elif isinstance(v, (int, float, str)) and _numeric_text(v):
        # YAML 1.1 reads 1e400 (no dot) as text and .inf as infinity: a number, never a grade
        number = float(v)
        if math.isfinite(number):
            return TargetValue(number=number)
        from ..messages import render

        diags.append(error("bad-target", render("target-not-finite", {"value": str(v).strip()}, "en"),
                           doc.value_span(original_path(doc, path))))
        return None
    elif isinstance(v, str) and v.strip():
        return TargetValue(grade=v.strip())
    elif isinstance(v, dict) and set(v) == {"min", "max"}:
        lo, hi = _number(v["min"]), _number(v["max"])
        if lo is not None and hi is not None and lo <= hi:
            return TargetValue(min=lo, max=hi)
        diags.append(error("bad-target", "a range target needs numbers with min ≤ max",
                           span_of(doc, path)))
        return None
    diags.append(error("bad-target", f"a target must be a number, a grade such as \"BB\", {{min, max}}, "
                                     f"or a map period → one of those; got {v!r}",
                       doc.value_span(original_path(doc, path))))
    return None


def _read_target(v: Any, path: tuple, doc: PositionedDoc, diags: list[Diagnostic]) -> Target | None:
    if v is None:
        return None
    span = span_of(doc, path)
    if isinstance(v, dict) and not (set(v) == {"min", "max"}):
        items = []
        for key, value in v.items():
            if not _period_key_ok(key, path, doc, diags):
                continue
            tv = _one_target(value, path + (key,), doc, diags)
            if tv is not None:
                items.append((str(key), tv))
        return Target(by_period=tuple(items), span=span)
    tv = _one_target(v, path, doc, diags)
    return Target(single=tv, span=span) if tv else None


_PERIOD_KEYS: dict[str, str | None] = {}   # period key → None if valid, else the reason (few distinct keys)


def _period_key_ok(key: Any, path: tuple, doc: PositionedDoc, diags: list[Diagnostic]) -> bool:
    text = str(key)
    if text in _PERIOD_KEYS:
        problem = _PERIOD_KEYS[text]
    else:
        try:
            parse_period(text)
            problem = None
        except PeriodError as exc:
            problem = str(exc)
        if len(_PERIOD_KEYS) < 4096:
            _PERIOD_KEYS[text] = problem
    if problem is None:
        return True
    diags.append(error("bad-period", f"target/budget key: {problem}", span_of(doc, path + (key,))))
    return False


def _one_budget(v: Any, path: tuple, doc: PositionedDoc, diags: list[Diagnostic]) -> BudgetValue | None:
    if isinstance(v, dict) and set(v) <= {"ceiling", "spent"} and "ceiling" in v:
        ceiling, spent = _number(v.get("ceiling")), _number(v.get("spent"))
        if ceiling is not None and (spent is not None or v.get("spent") is None):
            return BudgetValue(ceiling, spent)
    diags.append(error("bad-budget", "a budget must be {ceiling: <pagu>, spent: <realisasi>} "
                                     "(aliases pagu, realisasi) with numbers, or a map period → that",
                       span_of(doc, path)))
    return None


def _read_budget(v: Any, path: tuple, doc: PositionedDoc, diags: list[Diagnostic]) -> Budget | None:
    if v is None:
        return None
    span = span_of(doc, path)
    if isinstance(v, dict) and v and not (set(v) & {"ceiling", "spent"}):
        items = []
        for key, value in v.items():
            if not _period_key_ok(key, path, doc, diags):
                continue
            bv = _one_budget(value, path + (key,), doc, diags)
            if bv is not None:
                items.append((str(key), bv))
        return Budget(by_period=tuple(items), span=span)
    bv = _one_budget(v, path, doc, diags)
    return Budget(single=bv, span=span) if bv else None
