"""Data in YAML and JSON files (PRODUCT.md §7).
"""
from __future__ import annotations

import json
import math
from typing import Any
import numpy as np
import re
import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from ...messages import Problem
from ...yaml_depth import nesting_error
from ..numbers import NumberError, ambiguous_message, parse_number
from ..periods import Period, PeriodError, parse_period
from ..table import DataTable, encode_strings, segments_from_lines
from ..filereport import FileReport
from ..tabular import split_labels


#: Digits of a YAML/JSON number beyond which it is refused (a float holds ~17; int() stops at 4,300).
MAX_DIGITS = 400


_AMBIGUOUS_DOT = re.compile(r"[+-]?[1-9][0-9]{0,2}\.[0-9]{3}")   # 4.624 (PRODUCT.md §7.1)


_NULL = "tag:yaml.org,2002:null"


_INT = "tag:yaml.org,2002:int"


_FLOAT = "tag:yaml.org,2002:float"


_STR = "tag:yaml.org,2002:str"


_BOOL = "tag:yaml.org,2002:bool"


def _compose(path: str, text: str, rep: FileReport) -> tuple[yaml.Node | None, bool]:
    """The node tree with positions; (None, False) after reporting a syntax error.

    JSON is read through the YAML composer too (for positions); the rare JSON
    that YAML 1.1 rejects is read with ``json`` and positions fall back to line 1.
    """
    is_json = path.lower().endswith(".json")
    too_deep = nesting_error(path, text)   # deep nesting would overflow the stack (or C's)
    if too_deep is not None:
        span = too_deep.span
        problem = too_deep.problem
        if is_json and problem is not None:
            problem = Problem("json-too-deep", problem.params)
        rep.add("data-unreadable", problem or too_deep.message, span.line if span else 1, span.col if span else 1)
        return None, False
    if is_json:  # JSON is checked as JSON (YAML would accept e.g. a trailing comma)
        try:
            # an integer too long for Python's int() is left to the value check, with its position
            obj = json.loads(text, parse_int=lambda t: int(t) if len(t) <= MAX_DIGITS else math.inf)
        except json.JSONDecodeError as jexc:
            rep.add("data-unreadable", Problem("data-json-invalid", {"reason": jexc.msg}), jexc.lineno, jexc.colno)
            return None, False
        except RecursionError:
            rep.add("data-unreadable", Problem("json-recursion"))
            return None, False
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader), True
    except yaml.MarkedYAMLError as exc:
        if is_json:
            return yaml.compose(json.dumps(obj), Loader=yaml.SafeLoader), False
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        rep.add("data-unreadable", Problem("data-yaml-invalid", {"reason": str(exc.problem or exc)}), line, col)
        return None, False
    except yaml.YAMLError as exc:
        rep.add("data-unreadable", Problem("data-yaml-invalid", {"reason": str(exc)}))
        return None, False


def read_yaml(path: str, locale: str, rep: FileReport) -> DataTable | None:
    with open(path, encoding="utf-8-sig") as f:
        text = f.read()
    root, positioned = _compose(path, text, rep)
    if root is None:
        return None if rep.counts else _build_points(rep, [], locale)
    is_json = path.lower().endswith(".json")

    def pos(node: yaml.Node) -> tuple[int, int]:
        if not positioned:
            return 1, 1
        return node.start_mark.line + 1, node.start_mark.column + 1

    if not isinstance(root, yaml.MappingNode):
        rep.add("data-unreadable", Problem("yaml-data-not-mapping"), *pos(root))
        return None
    points: list[tuple[str | None, Period, str, float, int]] = []
    constructor = SafeConstructor()

    def period_block(entity: str | None, key: yaml.Node, block: yaml.Node) -> None:
        try:
            period = parse_period(str(key.value))
        except PeriodError as exc:
            rep.add("data-period", exc.problem or str(exc), *pos(key))
            return
        if not isinstance(block, yaml.MappingNode):
            rep.add("data-row", Problem("yaml-period-not-mapping", {"period": str(period)}), *pos(block))
            return
        for vk, vv in block.value:
            name = str(vk.value).strip() if isinstance(vk, yaml.ScalarNode) else ""
            line, col = pos(vk)
            if not name:
                rep.add("data-variable", Problem("yaml-variable-empty"), line, col)
                continue
            value = _scalar_value(vv, locale, is_json, constructor, rep, pos(vv))
            if value is not _BAD:
                points.append((entity, period, name, value, line))

    for key, block in root.value:
        if not isinstance(key, yaml.ScalarNode) or key.tag == _NULL:
            rep.add("data-row", Problem("yaml-top-key"), *pos(key))
            continue
        nested = (isinstance(block, yaml.MappingNode) and block.value
                  and all(isinstance(v, yaml.MappingNode) for _, v in block.value))
        if nested:  # {entity: {period: {variable: value}}}
            entity = str(key.value).strip()
            for pk, pv in block.value:
                period_block(entity, pk, pv)
        else:  # {period: {variable: value}}
            period_block(None, key, block)
    return _build_points(rep, points, locale)


class _Bad:
    pass


class _Label(str):
    """A grade read from YAML/JSON."""


_BAD: Any = _Bad()


def _scalar_value(node: yaml.Node, locale: str, is_json: bool, constructor: SafeConstructor,
                  rep: FileReport, where: tuple[int, int]) -> float | Any:
    """The float of a YAML value node (NaN for null/empty), or _BAD after reporting."""
    if not isinstance(node, yaml.ScalarNode):
        rep.add("data-number", Problem("yaml-value-not-scalar"), *where)
        return _BAD
    if node.tag == _NULL:
        return float("nan")
    if node.tag in (_INT, _FLOAT):
        text = node.value.strip()
        digits = sum(ch.isdigit() for ch in text)
        if digits > MAX_DIGITS:
            rep.add("data-number", Problem("yaml-number-too-long", {"digits": digits, "start": text[:12]}), *where)
            return _BAD
        if (locale == "C" and not is_json and node.tag == _FLOAT and node.style is None
                and _AMBIGUOUS_DOT.fullmatch(text)):
            rep.add("data-number", ambiguous_message(text, text), *where)
            return _BAD
        if (locale == "id" and not is_json and node.tag == _FLOAT and node.style is None
                and _is_grouped_id(text)):
            rep.add("data-number", Problem("yaml-number-grouped", {
                "text": text, "yaml_reading": f"{float(text):g}", "id_reading": text.replace(".", "")}), *where)
            return _BAD
        try:
            return float(constructor.construct_object(node))
        except (ConstructorError, ValueError, TypeError):
            rep.add("data-number", Problem("data-not-a-number", {"text": text}), *where)
            return _BAD
    if node.tag == _BOOL:
        rep.add("data-number", Problem("yaml-yes-no", {"text": node.value}), *where)
        return _BAD
    try:
        value = parse_number(str(node.value), locale)
    except NumberError as exc:
        codes, labels = split_labels(rep, 1, [(0, exc.problem)], lambda i: node.value,
                                      lambda i: where)
        return _Label(labels[0]) if labels else _BAD
    return float("nan") if value is None else value


def _is_grouped_id(text: str) -> bool:
    import re
    return re.fullmatch(r"[+-]?[0-9]{1,3}(\.[0-9]{3})+", text) is not None


def _build_points(rep: FileReport, points: list[tuple[str | None, Period, str, float, int]],
                  locale: str) -> DataTable:
    """A table from already parsed points (small files: YAML/JSON)."""
    n = len(points)
    ent_codes, entities = encode_strings([p[0] for p in points])
    period_index: dict[Period, int] = {}
    periods: list[Period] = []
    pcodes = np.empty(n, np.int32)
    for i, p in enumerate(points):
        k = period_index.get(p[1])
        if k is None:
            k = period_index[p[1]] = len(periods)
            periods.append(p[1])
        pcodes[i] = k
    var_codes, variables = encode_strings([p[2] for p in points])
    values = np.array([math.nan if isinstance(p[3], _Label) else p[3] for p in points], np.float64)
    label_codes, labels = None, []
    if any(isinstance(p[3], _Label) for p in points):
        label_codes, labels = encode_strings([str(p[3]) if isinstance(p[3], _Label) else None
                                              for p in points])
    lines = np.array([p[4] for p in points], np.int64)
    seg_starts, seg_lines = segments_from_lines(lines)
    return DataTable(ent_codes, entities, pcodes, periods, var_codes, variables, values,
                     [rep.file], seg_starts, np.zeros(len(seg_starts), np.int32), seg_lines,
                     label_codes, labels)
