"""Numbers in definition files as planners write them (PRODUCT.md §7.1).

Indonesian documents write ``78.000`` for seventy-eight thousand and ``81,33`` for 81.33;
YAML reads the first as 78.0 and the second as text. A file may declare how its numbers
are written (``number_format: id`` or ``C``, alias ``format_angka``); without a
declaration a value whose reading depends on it is an error that shows both readings and
both fixes — never a silent guess. The loader keeps the position of every value, so
``78.000`` is judged by its own text (:meth:`PositionedDoc.source_text`), not as 78.0.

Indonesian text is read by :func:`indikator.data.numbers.parse_number` (Babel, strict), the
same reader the data files use with ``--locale id``. Messages come from
``messages/catalog_numbers.py``; this module never prints.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..data.numbers import NumberError, decimal_fix, parse_number
from ..diagnostics import Diagnostic, Span, error, warning
from ..messages import Problem
from ..model import NON_COUNT_UNITS as MODEL_NON_COUNT_UNITS
from .aliases import original_path
from .yaml_source import PositionedDoc

#: a dot followed by exactly three digits, non-zero integer part: 78.000, 24.975, 1.500 — and
#: at most three digits before it, since only then is the Indonesian reading (thousands) a
#: number at all (1234.500 can only be a decimal)
AMBIGUOUS_DOT = re.compile(r"[+-]?[1-9][0-9]{0,2}\.[0-9]{3}")
_MACHINE = re.compile(r"[+-]?(?:[0-9][0-9_]*(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_NUMERICISH = re.compile(r"[+-]?[0-9][0-9.,_]*")
_RP = re.compile(r"^[Rr][Pp]\.?\s*")
_TAIL = re.compile(r"(?:,-|\s*%)\s*$")

#: units that are not counts: a fraction is normal for them (§7.1, last rule); kept in the
#: model so the engine reads it without importing the loader (and pydantic) on a warm run
NON_COUNT_UNITS = MODEL_NON_COUNT_UNITS


class Text(str):
    """A definition value that is text and not a number (a grade, or a slip)."""


def _fmt(x: float) -> str:
    return f"{x:.15g}" if x != int(x) or abs(x) >= 1e15 else str(int(x))


def _what(what: str) -> Any:
    """The word for what holds a number (target, actual) in the message's language."""
    return Problem(f"w-{what}") if what in ("target", "actual") else what


def split_message_params(a: Any, b: Any) -> dict:
    return {"a": a, "b": b}


@dataclass
class NumberReader:
    """Reads the numbers of one definition file in its declared ``number_format``."""

    doc: PositionedDoc
    fmt: str | None          # "id", "C" or None (undeclared)

    def _span(self, opath: tuple) -> Span:
        return self.doc.value_span(opath)

    def _err(self, diags: list[Diagnostic], code: str, params: dict, opath: tuple) -> None:
        diags.append(error(code, Problem(code, params), self._span(opath)))   # said in the run's language

    def read(self, value: Any, folded_path: tuple, diags: list[Diagnostic]) -> float | Text | None:
        """The number ``value`` stands for; :class:`Text` for text that is no number;
        ``None`` after reporting an ambiguous or malformed one."""
        if isinstance(value, bool) or value is None:
            return Text(str(value)) if isinstance(value, bool) else None
        if isinstance(value, int):
            return float(value)          # the common case first: no path needed (large sets)
        if isinstance(value, float):
            if self.fmt != "id" and not (abs(value) < 1000):
                return value             # at least four digits before the dot: never ambiguous
            opath = original_path(self.doc, folded_path)
            raw = self.doc.source_text(opath)
            if raw is None or (self.fmt != "id" and "." in raw and not AMBIGUOUS_DOT.fullmatch(raw.strip())
                               and _MACHINE.fullmatch(raw.strip())):
                return value             # 81.33: the same in every reading
            return self._from_text(raw.strip(), opath, diags, was_float=value)
        if isinstance(value, str):
            return self._from_text(value.strip(), original_path(self.doc, folded_path), diags)
        return None

    def _from_text(self, text: str, opath: tuple, diags: list[Diagnostic],
                   was_float: float | None = None) -> float | Text | None:
        core = _TAIL.sub("", _RP.sub("", text)).strip()
        if was_float is not None and "e" in core.lower() and _MACHINE.fullmatch(core):
            return was_float          # 1.0e-308: machine format whatever the file declares
        if not core or not _NUMERICISH.fullmatch(core):
            return Text(text) if not _MACHINE.fullmatch(core) else float(core.replace("_", ""))
        if self.fmt == "id":
            try:
                v = parse_number(text, "id")
            except NumberError:
                hint = ""
                if _MACHINE.fullmatch(core) and "." in core:
                    hint = f"; write {core.replace('.', ',')}, or declare number_format: C for {core}"
                self._err(diags, "number-not-id", {"text": text, "hint": hint}, opath)
                return None
            return v
        if _MACHINE.fullmatch(core) and (self.fmt == "C" or not AMBIGUOUS_DOT.fullmatch(core)):
            return was_float if was_float is not None else float(core.replace("_", ""))
        if self.fmt == "C":
            fix = _indonesian_reading(core)
            self._err(diags, "number-comma-in-c",
                      {"text": text, "fix": _fmt(fix) if fix is not None else "1234.5"}, opath)
            return None
        id_value = _indonesian_reading(core)
        if AMBIGUOUS_DOT.fullmatch(core):
            self._err(diags, "number-ambiguous-dot",
                      {"text": text, "id_reading": _fmt(float(core.replace(".", ""))), "c_reading": _fmt(float(core)),
                       "id_fix": core.replace(".", ""), "c_fix": decimal_fix(core)}, opath)
        elif "," in core and id_value is not None:
            en = _english_reading(core)
            if en is not None:
                self._err(diags, "number-ambiguous-comma",
                          {"text": text, "id_reading": _fmt(id_value), "en_reading": _fmt(en),
                           "id_fix": _fmt(id_value), "en_fix": _fmt(en)}, opath)
            else:
                self._err(diags, "number-ambiguous-dots" if "." in core else "number-comma",
                          {"text": text, "id_reading": _fmt(id_value), "id_fix": _fmt(id_value)}, opath)
        elif id_value is not None:
            self._err(diags, "number-ambiguous-dots",
                      {"text": text, "id_reading": _fmt(id_value), "id_fix": _fmt(id_value)}, opath)
        else:
            return Text(text)
        return None

    def split_values(self, mapping: dict, folded_path: tuple, diags: list[Diagnostic]) -> set:
        """Keys of a flow mapping that a decimal comma split (``{2024: 81,33, 2025: 82}``).

        YAML ends a flow value at a comma, so ``81,33`` arrives as ``2024: 81`` and a
        stray key ``33`` without a value. That shape is reported once, at the value, and
        both pieces are returned so nobody reports them again.
        """
        out: set = set()
        items = list(mapping.items())
        opath = None
        lines = None
        for (k0, v0), (k1, v1) in zip(items, items[1:]):
            if v1 is not None or isinstance(v0, bool) or not isinstance(v0, int) or k0 in out:
                continue
            if not isinstance(k1, int) or isinstance(k1, bool):
                continue
            opath = opath or original_path(self.doc, folded_path)
            span = self.doc.value_spans.get(opath + (k0,))
            if span is None or span[2] is None:
                continue
            lines = lines or self.doc.text.splitlines()
            line = lines[span[2] - 1] if span[2] - 1 < len(lines) else ""
            rest = line[span[3] - 1:]
            if re.match(rf",{k1}\b", rest) or re.match(rf",0*{k1}\b", rest):
                digits = re.match(r",([0-9]+)", rest).group(1)
                code = "number-split"   # the caret spans both pieces: 81,33
                whole = Span(self.doc.file, span[0], span[1], span[2], span[3] + 1 + len(digits))
                diags.append(error(code, Problem(code, {"a": v0, "b": digits}), whole))
                out.update((k0, k1))
        return out

    def count_warning(self, indicator: str, unit: str | None, what: str, value: float,
                      folded_path: tuple, diags: list[Diagnostic]) -> None:
        """A fractional target of a count (§7.1): ``1.234`` documents was probably 1234."""
        if unit is None or value == int(value):
            return
        if unit.strip().lower() in NON_COUNT_UNITS:
            return
        code = "count-fraction"
        diags.append(warning(code, Problem(code, {"indicator": indicator, "unit": unit, "what": _what(what),
                                                 "value": _fmt(value)}),
                             self._span(original_path(self.doc, folded_path))))


def _indonesian_reading(core: str) -> float | None:
    try:
        return parse_number(core, "id")
    except NumberError:
        return None


def _english_reading(core: str) -> float | None:
    """``1,500`` with ',' grouping thousands; None when the commas do not group in threes."""
    if re.fullmatch(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?", core):
        return float(core.replace(",", ""))
    return None
