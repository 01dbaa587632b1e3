"""Prose formulas of existing tables → the formula language (PRODUCT.md §10).

"Jumlah Penduduk Usia > 17 yang Ber KTP-EL X 100 Jumlah Penduduk Usia > 17" (a fraction whose
bar the PDF extraction lost), "A dibagi B dikali 100%", "(A + B + C) / D x 100", "A / B × 100%"
and the LaTeX ``\\frac{A}{B}`` of extracted PDFs all become ``{A} / {B} × 100``, with the
operand labels kept exactly as written, so each can be declared as a data variable.

The structure is a small Lark grammar (``grammar/prose.lark``); the words that make an
operator and the shape each parse becomes are the two halves of one translation table below
(:data:`SPELLINGS`, :data:`SHAPES`). A text that does not parse, or that holds no arithmetic
at all (a description such as "Jumlah Inovasi yang dilaksanakan"), is not translated: the
result says why, and the caller keeps the original text for the planner.

This module is pure: text in, a :class:`Translation` out. It never evaluates anything.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lark import Lark, Token, Transformer
from lark.exceptions import LarkError

from ..formula.parser import grammar_text

#: The translation table, part 1: every spelling of an operator in the documents, as one
#: regular expression per terminal (case-insensitive, whole words), with its priority over
#: a plain word of a label and what it means in the formula language.
SPELLINGS: dict[str, tuple[str, int, str]] = {
    #          spellings                                                          priority  means
    "DIV":     (r"(?:\/|÷|di\s*bagi(?:\s+dengan)?)(?![\w-])", 3, "/"),
    "MUL":     (r"(?:[x×*]|di\s*kali(?:kan)?|\\times|\\cdot)(?![\w-])", 3, "×"),
    "HUNDRED": (r"(?:100|seratus)(?![\w.,])", 3, "100"),
    "PCT":     (r"(?:%|\\%|persen(?![\w-]))", 4, ""),          # 100% is 100 (§5): the sign adds nothing
    "PLUS":    (r"(?:\+|ditambah(?:\s+dengan)?(?![\w-]))", 3, "+"),
    "SUM":     (r"(?:\\sum|Σ|∑)", 3, ""),                       # "Σ Penduduk …" is the total: the label itself
    "FRAC":    (r"\\d?frac", 3, ""),
    "TEXTOPEN": (r"\\(?:text|mathrm|textrm|textit)\{", 3, ""),
}

#: The translation table, part 2: each shape of the grammar → the formula it becomes.
#: ``{num}``/``{den}`` are the printed operands (a sum in parentheses), ``{scale}`` is
#: `` × 100`` when the text multiplies by a hundred. A fraction whose bar was lost
#: ("A X 100 B") always meant A / B × 100.
SHAPES: dict[str, str] = {
    "divide": "{num} / {den}{scale}",
    "fraction": "{num} / {den}{scale}",
    "lost_bar": "{num} / {den} × 100",
    "plain": "{num}{scale}",
}

_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")


@dataclass(frozen=True)
class Translation:
    """The formula (``None`` when not translated), its operand labels in order, and why not."""

    source: str
    formula: str | None
    operands: tuple[str, ...] = ()
    reason: str | None = None            # a message code of catalog_entry when not translated
    detail: str = ""
    scaled: bool = False                 # multiplies by 100 (a percentage)


@lru_cache(maxsize=1)
def parser() -> Lark:
    text = grammar_text("prose.lark")
    terminals = "\n".join(f"{name}.{prio}: /{rx}/i" for name, (rx, prio, _) in SPELLINGS.items())
    return Lark(text + "\n" + terminals + "\n", parser="lalr", lexer="contextual", start="start",
                maybe_placeholders=False)


# -- the tree → printable pieces ------------------------------------------------------

@dataclass(frozen=True)
class Label:
    text: str


@dataclass(frozen=True)
class Number:
    text: str


@dataclass(frozen=True)
class Sum:
    terms: tuple


class _Build(Transformer):
    """Parse tree → operands; ``source`` is the text the token positions point into."""

    def __init__(self, source: str) -> None:
        super().__init__()
        self.source = source

    def label(self, tokens: list[Token]):
        words = [t for t in tokens if t.type != "SUM"]
        if not words:
            raise ValueError("empty label")
        text = " ".join(self.source[words[0].start_pos:words[-1].end_pos].split())
        return Number(text.replace(",", ".")) if _NUMBER.match(text) else Label(text)

    def part(self, children):
        terms = tuple(c for c in children if not isinstance(c, Token))
        return terms[0] if len(terms) == 1 else Sum(terms)

    def group(self, children):
        inner = [c for c in children if not isinstance(c, Token) and c is not _SCALE]
        if _SCALE in children:          # \text{A × 100}: the hundred applies to the whole
            return ("scaled", inner[0])
        return inner[0]

    def scale(self, _):
        return _SCALE

    def frac(self, children):
        inner = [c for c in children if not isinstance(c, Token)]
        scaled = _SCALE in inner
        parts = [c for c in inner if c is not _SCALE]
        return ("frac", parts[0], parts[1], scaled)

    def divide(self, children):
        parts = [c for c in children if not isinstance(c, Token) and c is not _SCALE]
        return ("divide", parts[0], parts[1], _SCALE in children)

    def lost_bar(self, children):
        parts = [c for c in children if not isinstance(c, Token) and c is not _SCALE]
        return ("lost_bar", parts[0], parts[1], True)

    def fraction(self, children):
        frac = children[0]
        return ("fraction", frac[1], frac[2], frac[3] or _SCALE in children[1:])

    def plain(self, children):
        parts = [c for c in children if not isinstance(c, Token) and c is not _SCALE]
        return ("plain", parts[0], None, _SCALE in children)

    def start(self, children):
        return [c for c in children if not isinstance(c, Token)][0]

    body = start


_SCALE = object()


def _unwrap(node, operands: list[str]) -> tuple[str, bool]:
    """Printed operand (and whether a ``× 100`` sat inside it)."""
    if isinstance(node, tuple) and node and node[0] == "scaled":
        text, _ = _unwrap(node[1], operands)
        return text, True
    if isinstance(node, Label):
        if node.text not in operands:
            operands.append(node.text)
        return "{" + node.text + "}", False
    if isinstance(node, Number):
        return node.text, False
    if isinstance(node, Sum):
        printed, scaled = [], False
        for t in node.terms:
            p, s = _unwrap(t, operands)
            printed.append(p)
            scaled |= s
        return "(" + " + ".join(printed) + ")", scaled
    raise ValueError(f"unexpected node {node!r}")


def translate(text: str) -> Translation:
    """Translate one prose formula; never raises."""
    source = " ".join(str(text).split())
    if not source:
        return Translation(source, None, reason="import-formula-empty")
    try:
        tree = parser().parse(source)
        shape, num, den, scaled = _Build(source).transform(tree)
    except (LarkError, ValueError, IndexError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return Translation(source, None, reason="import-formula-unparsed", detail=detail[:120])
    operands: list[str] = []
    num_text, inner = _unwrap(num, operands)
    if shape == "plain":
        if isinstance(num, (Label, Number)) and not scaled:
            return Translation(source, None, reason="import-formula-no-arithmetic")
        num_text = num_text[1:-1] if isinstance(num, Sum) else num_text
        formula = SHAPES[shape].format(num=num_text, scale=" × 100" if scaled or inner else "")
        return Translation(source, formula, tuple(operands), scaled=scaled or inner)
    den_text, den_inner = _unwrap(den, operands)
    scaled = scaled or inner or den_inner
    formula = SHAPES[shape].format(num=num_text, den=den_text, scale=" × 100" if scaled else "")
    return Translation(source, formula, tuple(operands), scaled=scaled or shape == "lost_bar")
