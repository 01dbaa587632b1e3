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
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from ..data.periods import PeriodError, parse_period
from ..diagnostics import Diagnostic, Span, did_you_mean, error
from ..formula import parse_formula
from ..messages import Problem, one_of
from ..model import (Budget, BudgetValue, Element, Holder, Indicator, LEVEL_ALIASES, PredicateBand,
                     Scale, Signatory, Target, TargetValue, Variable)
from .aliases import fold_budget, fold_record, original_path
from .numbers import NumberReader, Text
from .schema import (ACHIEVEMENT_METHODS, AGGREGATIONS, ALIASES, ELEMENT_ACHIEVEMENT, POLARITIES,
                     DefinitionFile, ElementDef, HolderDef, IndicatorDef, VariableDef)
from .yaml_source import PositionedDoc

_TYPE_WORDS = {   # pydantic's error type → the catalog code of the word for what was expected
    "string_type": "wt-text", "int_type": "wt-number", "float_type": "wt-number",
    "list_type": "wt-list", "dict_type": "wt-mapping", "model_type": "wt-mapping",
    "model_attributes_type": "wt-mapping", "bool_type": "wt-bool",
}
_KIND_WORDS = {"file": "wk-file", "element": "wk-element", "indicator": "wk-indicator",
               "variable": "wk-variable", "holder": "wk-holder", "band": "wk-band"}


def _either(words: list) -> Any:
    """``a``, ``a or b``, ``a or b or c`` as one message (each word a problem or a text)."""
    out = words[0]
    for w in words[1:]:
        out = Problem("w-or", {"a": out, "b": w})
    return out


@dataclass
class FileContext:
    """What a file sets for all its elements."""

    doc: PositionedDoc
    agency: str | None = None
    predicate_scale: str | None = None
    numbers: NumberReader | None = None


@dataclass
class RawSet:
    """What the records of all files gave, before the set-wide rules run."""

    elements: list[Element] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    variables: list[Variable] = field(default_factory=list)
    scales: list[Scale] = field(default_factory=list)
    signatories: list[Signatory] = field(default_factory=list)
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
                            "elements": "element", "scales": "band"}.get(step, sub_kind)
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
        where = Problem(_KIND_WORDS[sub_kind]) if sub_kind in _KIND_WORDS else sub_kind
        name = loc[-1] if loc else ""
        if err["type"] == "extra_forbidden":
            fields = _fields_for(sub_kind)
            out.append(error("unknown-key", Problem("ld-unknown-key", {"key": name, "where": where}),
                             span_of(doc, path + loc), did_you_mean(str(name), fields)))
        elif err["type"] == "missing":
            alias = next((a for a, e in ALIASES.get(sub_kind, {}).items() if e == name), None)
            also = Problem("ld-or-alias", {"alias": alias}) if alias else ""
            out.append(error("missing-key", Problem("ld-missing-key", {"where": where, "key": name, "also": also}),
                             span_of(doc, path + loc[:-1])))
        elif err["type"] == "string_pattern_mismatch" and name == "id":
            out.append(error("bad-id", Problem("ld-bad-id", {"id": err.get("input")}),
                             doc.value_span(original_path(doc, path + loc))))
        elif err["type"] == "literal_error":
            expected = err.get("ctx", {}).get("expected", "")
            got = err.get("input")
            options = [o.strip(" '") for o in expected.replace(" or ", ", ").split(",")]
            # pydantic's "'a', 'b' or 'c'" (each as pydantic wrote it), joined in the message's language
            said = one_of([o.strip() for o in expected.replace(" or ", ", ").split(",")])
            out.append(error("bad-value", Problem("ld-bad-value", {"key": name, "expected": said, "got": repr(got)}),
                             doc.value_span(original_path(doc, path + loc)),
                             did_you_mean(str(got), options)))
        else:
            words = sorted({Problem(_TYPE_WORDS[t]) if t in _TYPE_WORDS else t.replace("_", " ") for t in types},
                           key=str)
            got = err.get("input")
            hint: Any = ""
            if isinstance(got, (int, float)) and Problem("wt-text") in words and not isinstance(got, bool):
                hint = Problem("ld-quote-hint")
            out.append(error("bad-type", Problem("ld-bad-type", {"key": name, "types": _either(words), "got": repr(got),
                                                                 "hint": hint}),
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
        what = (Problem("ld-top-level-empty") if doc.data is None
                else Problem("ld-top-level", {"type": type(doc.data).__name__}))
        diags.append(error("top-level", what,
                           Span(doc.file, 1, 1)))
        return
    top = fold_record(doc.data, "file", (), doc, diags)
    header = {k: v for k, v in top.items() if k not in ("elements", "variables", "scales")}
    for k in ("elements", "variables"):
        if k in top and not isinstance(top[k], list):
            diags.append(error("bad-type", Problem("ld-must-be-list", {"key": k}), span_of(doc, (k,))))
    fmt = top.get("number_format")
    nums = NumberReader(doc, fmt if fmt in ("id", "C") else None)

    if "scales" in top:
        header["scales"] = _scale_numbers(_fold_scales(top["scales"], doc, diags), nums, diags)
    if isinstance(top.get("signatory"), dict):
        header["signatory"] = fold_record(top["signatory"], "signatory", ("signatory",), doc, diags)
    if not _validate(DefinitionFile, header, "file", (), doc, diags):
        if "version" not in header:
            return
    ctx = FileContext(doc, _str_or_none(top.get("agency")), _str_or_none(top.get("predicate_scale")), nums)
    if isinstance(top.get("levels"), list) and all(isinstance(x, str) for x in top["levels"]):
        # declared levels take the same Indonesian aliases as an element's level (visi → vision)
        raw.levels.append((tuple(LEVEL_ALIASES.get(x, x) for x in top["levels"]), span_of(doc, ("levels",))))
    if isinstance(top.get("scales"), dict):
        _build_scales(header["scales"], doc, raw)
    if "signatory" in top:
        _build_signatory(header.get("signatory"), ctx, doc, raw, diags)
    for i, item in enumerate(top.get("variables") or [] if isinstance(top.get("variables"), list) else []):
        _build_variable(item, ("variables", i), doc, raw, diags)
    for i, item in enumerate(top.get("elements") or [] if isinstance(top.get("elements"), list) else []):
        _build_element(item, ("elements", i), ctx, raw, diags)


def _str_or_none(v: Any) -> str | None:
    return v if isinstance(v, str) else None


def _fold_scales(scales: Any, doc: PositionedDoc, diags: list[Diagnostic]) -> Any:
    """Scales with Indonesian keys folded: the ``{title, bands}`` form and each band's ``warna``."""
    if not isinstance(scales, dict):
        return scales
    out = {}
    for name, spec in scales.items():
        if isinstance(spec, dict):
            spec = fold_record(spec, "scale", ("scales", name), doc, diags)
            if isinstance(spec.get("bands"), list):
                spec["bands"] = [{ALIASES["band"].get(k, k): v for k, v in b.items()} if isinstance(b, dict) else b
                                 for b in spec["bands"]]
        elif isinstance(spec, list):
            spec = [{ALIASES["band"].get(k, k): v for k, v in b.items()} if isinstance(b, dict) else b for b in spec]
        out[name] = spec
    return out


def _scale_numbers(scales: Any, nums: NumberReader, diags: list[Diagnostic]) -> Any:
    """The scales with each band's ``min`` read as the file writes numbers (§7.1), so a
    ``91,00`` is read (or reported once) instead of dropping its band; a reported value
    becomes 0 so the band's shape is not reported again."""
    if not isinstance(scales, dict):
        return scales
    out = {}
    for name, spec in scales.items():
        bands_path: tuple = ("scales", name)
        inner = spec
        if isinstance(spec, dict) and isinstance(spec.get("bands"), list):   # the {title, bands} form
            bands_path, inner = ("scales", name, "bands"), spec["bands"]
        if isinstance(inner, list) and inner and all(isinstance(b, dict) for b in inner):
            bands = []
            for j, b in enumerate(inner):
                b = dict(b)
                if "min" in b and b["min"] is not None and not isinstance(b["min"], bool):
                    v = nums.read(b["min"], bands_path + (j, "min"), diags)
                    if isinstance(v, float) and not isinstance(v, Text):
                        b["min"] = v
                    elif v is None:          # reported as ambiguous or malformed
                        b["min"] = 0.0
                bands.append(b)
            spec = {**spec, "bands": bands} if isinstance(spec, dict) else bands
        out[name] = spec
    return out


def _build_signatory(rec: Any, ctx: FileContext, doc: PositionedDoc, raw: RawSet,
                     diags: list[Diagnostic]) -> None:
    """The signatory of the file's agency; a file without ``agency`` has nobody to sign for."""
    span = span_of(doc, ("signatory",))
    if ctx.agency is None:
        diags.append(error("signatory-without-agency", Problem("ld-signatory-without-agency"), span))
        return
    if not isinstance(rec, dict):
        return
    text = {k: (str(rec[k]).strip() if isinstance(rec.get(k), (str, int)) else None)
            for k in ("name", "nip", "position", "place")}
    raw.signatories.append(Signatory(ctx.agency, text["name"], text["nip"], text["position"], text["place"], span))


def _build_scales(scales: dict, doc: PositionedDoc, raw: RawSet) -> None:
    for name, spec in scales.items():
        span = span_of(doc, ("scales", name))
        title = None
        if isinstance(spec, dict):
            title = spec.get("title") if isinstance(spec.get("title"), str) else None
            spec = spec.get("bands") if isinstance(spec.get("bands"), list) else []
        if isinstance(spec, list) and spec and all(isinstance(x, str) for x in spec):
            raw.scales.append(Scale(str(name), "ordinal", grades=tuple(spec), span=span))
        elif isinstance(spec, list) and all(isinstance(x, dict) for x in spec):
            bands = []
            for b in spec:
                b = {ALIASES["band"].get(k, k): v for k, v in b.items()}
                if isinstance(b.get("min"), (int, float)) and isinstance(b.get("label"), str):
                    bands.append(PredicateBand(float(b["min"]), b["label"], b.get("color")))
            bands.sort(key=lambda band: -band.min)
            raw.scales.append(Scale(str(name), "predicate", bands=tuple(bands), span=span, title=title))


def _build_variable(item: Any, path: tuple, doc: PositionedDoc, raw: RawSet,
                    diags: list[Diagnostic]) -> None:
    if not isinstance(item, dict):
        diags.append(error("bad-type", Problem("ld-variable-mapping"), span_of(doc, path)))
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
        diags.append(error("bad-type", Problem("ld-element-mapping"), span_of(doc, path)))
        return
    rec = fold_record(item, "element", path, doc, diags)
    indicators = rec.pop("indicators", None)
    holders = rec.get("holders")
    if isinstance(holders, list):
        rec["holders"] = [fold_record(h, "holder", path + ("holders", j), doc, diags) if isinstance(h, dict) else h
                          for j, h in enumerate(holders)]
    if "budget" in rec:
        rec["budget"] = fold_budget(rec["budget"], path + ("budget",), doc, diags)
    n_before = len(diags)
    budget = _read_budget(rec.get("budget"), path + ("budget",), ctx.numbers, diags)
    budget_bad = any(d.is_error for d in diags[n_before:])
    rec.pop("budget", None)
    ok = _validate(ElementDef, rec, "element", path, doc, diags) and not budget_bad
    el_id = rec.get("id") if isinstance(rec.get("id"), str) else None
    if not ok:
        if el_id:
            raw.broken_ids.add(el_id)
    ind_ids: list[str] = []
    scale = _str_or_none(rec.get("predicate_scale")) or ctx.predicate_scale
    if indicators is not None and not isinstance(indicators, list):
        diags.append(error("bad-type", Problem("ld-must-be-list", {"key": "indicators"}),
                           span_of(doc, path + ("indicators",))))
        indicators = []
    for j, ind in enumerate(indicators or []):
        built = _build_indicator(ind, path + ("indicators", j), el_id or "?", scale, ctx.numbers, raw, diags)
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


def _build_indicator(item: Any, path: tuple, element: str, scale: str | None, nums: NumberReader,
                     raw: RawSet, diags: list[Diagnostic]) -> str | None:
    doc = nums.doc
    if not isinstance(item, dict):
        diags.append(error("bad-type", Problem("ld-indicator-mapping"),
                           span_of(doc, path)))
        return None
    rec = fold_record(item, "indicator", path, doc, diags)
    if "budget" in rec:
        rec["budget"] = fold_budget(rec["budget"], path + ("budget",), doc, diags)
    ind_id = rec.get("id") if isinstance(rec.get("id"), str) else None
    n_before = len(diags)
    for k in nums.split_values(item, path, diags):   # {target: 81,33} split at its comma
        rec.pop(ALIASES["indicator"].get(k, k) if isinstance(k, str) else k, None)
    for key in ("cap", "weight"):
        if rec.get(key) is not None:
            v = nums.read(rec[key], path + (key,), diags)
            if isinstance(v, Text):
                diags.append(error("bad-type", Problem("number-not-number", {"what": key, "text": repr(rec[key])}),
                               doc.value_span(original_path(doc, path + (key,)))))
                v = None
            rec[key] = v
    target_value, budget_value = rec.pop("target", None), rec.pop("budget", None)
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
    unit = rec.get("unit") if isinstance(rec.get("unit"), str) else None
    grade_scale = rec.get("grade_scale") if isinstance(rec.get("grade_scale"), str) else None
    target = _read_target(target_value, path + ("target",), nums, diags, _TargetOf(ind_id or "?", unit, grade_scale))
    budget = _read_budget(budget_value, path + ("budget",), nums, diags)
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


#: the built-in grades, so that ``target: BB`` without a grade_scale is still told about grades
_SAKIP_GRADES = {"D", "C", "CC", "B", "BB", "A", "AA"}


@dataclass(frozen=True)
class _TargetOf:
    """What a target's message needs to know about its indicator."""

    indicator: str
    unit: str | None
    grade_scale: str | None


def _one_target(v: Any, path: tuple, nums: NumberReader, diags: list[Diagnostic],
                of: _TargetOf) -> TargetValue | None:
    doc = nums.doc
    if isinstance(v, dict) and set(v) == {"min", "max"}:
        n = len(diags)
        lo, hi = nums.read(v["min"], path + ("min",), diags), nums.read(v["max"], path + ("max",), diags)
        if isinstance(lo, float) and isinstance(hi, float) and lo <= hi:
            return TargetValue(min=lo, max=hi)
        if len(diags) == n:
            diags.append(error("bad-target", Problem("ld-range-target"), span_of(doc, path)))
        return None
    if isinstance(v, (int, float, str)) and not isinstance(v, bool) and (not isinstance(v, str) or v.strip()):
        n = len(diags)
        value = nums.read(v, path, diags)
        if isinstance(value, float) and not isinstance(value, Text) and math.isfinite(value):
            nums.count_warning(of.indicator, of.unit, "target", value, path, diags)
            return _number_target(value)
        if isinstance(value, float) and not isinstance(value, Text):
            # YAML 1.1 reads 1e400 (no dot) as text and .inf as infinity: a number, never a grade
            diags.append(error("bad-target", Problem("target-not-finite", {"value": str(v).strip()}),
                               doc.value_span(original_path(doc, path))))
            return None
        if len(diags) > n:
            return None
        if isinstance(value, Text) and isinstance(v, str):
            text = v.strip()
            if of.grade_scale or text in _SAKIP_GRADES:
                return TargetValue(grade=text)
            diags.append(error("bad-target", Problem("number-text", {
                "what": Problem("w-target"), "text": text,
                "grade_hint": ""}), doc.value_span(original_path(doc, path))))
            return None
    diags.append(error("bad-target", Problem("ld-bad-target", {"got": repr(v)}),
                       doc.value_span(original_path(doc, path))))
    return None


#: one TargetValue per distinct number (they are frozen): a region repeats a few hundred
#: numbers over 60,000 targets; 0 is left out (0.0 and -0.0 are equal keys)
_NUMBER_TARGETS: dict[float, TargetValue] = {}


def _number_target(value: float) -> TargetValue:
    tv = _NUMBER_TARGETS.get(value)
    if tv is None:
        tv = TargetValue(number=value)
        if value and len(_NUMBER_TARGETS) < 65536:
            _NUMBER_TARGETS[value] = tv
    return tv


def _read_target(v: Any, path: tuple, nums: NumberReader, diags: list[Diagnostic],
                 of: _TargetOf) -> Target | None:
    if v is None:
        return None
    doc = nums.doc
    span = span_of(doc, path)
    if isinstance(v, dict) and not (set(v) == {"min", "max"}):
        items = []
        split = nums.split_values(v, path, diags)
        for key, value in v.items():
            if key in split:
                continue
            canon = _period_key(key, path, doc, diags)
            if canon is None:
                continue
            if type(value) is int:        # what _one_target gives a whole number, without its steps
                items.append((canon, _number_target(float(value))))
                continue
            tv = _one_target(value, path + (key,), nums, diags, of)
            if tv is not None:
                items.append((canon, tv))
        return Target(by_period=tuple(items), span=span)
    tv = _one_target(v, path, nums, diags, of)
    return Target(single=tv, span=span) if tv else None


# period key as written → (canonical key, None) or (None, the reason); few distinct keys
_PERIOD_KEYS: dict[str, tuple[str | None, str | None]] = {}


def _period_key(key: Any, path: tuple, doc: PositionedDoc, diags: list[Diagnostic]) -> str | None:
    """The canonical key of a target/budget map key (§7.2 spellings accepted), or None after
    reporting why it is not a period."""
    text = str(key)
    if text in _PERIOD_KEYS:
        canon, problem = _PERIOD_KEYS[text]
    else:
        try:
            canon, problem = parse_period(text).key, None
        except PeriodError as exc:
            canon, problem = None, (exc.problem if exc.problem is not None else str(exc))
        if len(_PERIOD_KEYS) < 4096:
            _PERIOD_KEYS[text] = (canon, problem)
    if canon is not None:
        return canon
    diags.append(error("bad-period", Problem("ld-bad-period-key", {"problem": problem}), span_of(doc, path + (key,))))
    return None



def _one_budget(v: Any, path: tuple, nums: NumberReader, diags: list[Diagnostic]) -> BudgetValue | None:
    doc = nums.doc
    if isinstance(v, dict) and set(v) <= {"ceiling", "spent"} and "ceiling" in v:
        n = len(diags)
        ceiling = nums.read(v.get("ceiling"), path + ("ceiling",), diags)
        spent = nums.read(v.get("spent"), path + ("spent",), diags) if v.get("spent") is not None else None
        if len(diags) > n:
            return None
        if isinstance(ceiling, float) and not isinstance(ceiling, Text) and (
                spent is None or (isinstance(spent, float) and not isinstance(spent, Text))):
            return BudgetValue(ceiling, spent)
        for key, value in (("ceiling", ceiling), ("spent", spent)):
            if isinstance(value, Text):
                diags.append(error("bad-budget", Problem("number-text", {
                    "what": Problem("w-budget"), "text": str(value), "grade_hint": ""}),
                    doc.value_span(original_path(doc, path + (key,)))))
                return None
    diags.append(error("bad-budget", Problem("ld-bad-budget"),

                       span_of(doc, path)))
    return None


def _read_budget(v: Any, path: tuple, nums: NumberReader, diags: list[Diagnostic]) -> Budget | None:
    if v is None:
        return None
    doc = nums.doc
    span = span_of(doc, path)
    if isinstance(v, dict) and v and not (set(v) & {"ceiling", "spent"}):
        items = []
        for key, value in v.items():
            canon = _period_key(key, path, doc, diags)
            if canon is None:
                continue
            bv = _one_budget(value, path + (key,), nums, diags)
            if bv is not None:
                items.append((canon, bv))
        return Budget(by_period=tuple(items), span=span)
    bv = _one_budget(v, path, nums, diags)
    return Budget(single=bv, span=span) if bv else None
