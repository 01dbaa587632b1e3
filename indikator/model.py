"""The checked model of a definition set: what every later stage reads.

Frozen dataclasses, built once by :mod:`indikator.load`. Names are the
English keys of PRODUCT.md §2; Indonesian aliases never reach this far.
Every object keeps the :class:`~indikator.diagnostics.Span` it came from so
that graph rules, the engine and ``explain`` can point back into the files.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from .diagnostics import Span, SourceTexts
from .messages.language import ByLanguage, words

DEFAULT_LEVELS: tuple[str, ...] = (
    "vision", "mission", "goal", "objective", "agency_goal", "agency_objective",
    "program", "activity", "sub_activity", "position",
)
LEVEL_ALIASES: dict[str, str] = {
    "visi": "vision", "misi": "mission", "tujuan": "goal", "sasaran": "objective",
    "tujuan_pd": "agency_goal", "sasaran_pd": "agency_objective", "sasaran_strategis": "agency_objective",
    "kegiatan": "activity", "sub_kegiatan": "sub_activity", "jabatan": "position",
}
POSITION_LEVEL = "position"
#: units that are not counts: a fraction is normal for them (§7.1, last rule)
NON_COUNT_UNITS = frozenset({"%", "persen", "indeks", "nilai", "skor", "rasio"})
# How the default levels are named in tables, charts and pages: indikator/messages/lang_<code>.py.
LEVEL_LABELS = ByLanguage("levels")

Polarity = Literal["positive", "negative", "range"]
Aggregation = Literal["sum", "last", "mean", "min", "max"]


@dataclass(frozen=True, slots=True)
class TargetValue:
    """One target: a number, a grade (text on an ordinal scale) or a {min, max} range."""

    number: float | None = None
    grade: str | None = None
    min: float | None = None
    max: float | None = None

    @property
    def is_range(self) -> bool:
        return self.min is not None or self.max is not None

    def describe(self) -> str:
        if self.grade is not None:
            return self.grade
        if self.is_range:
            return f"{self.min:g}–{self.max:g}"
        return f"{self.number:g}" if self.number is not None else "-"


@dataclass(frozen=True, slots=True)
class Target:
    """An indicator's targets: one value for every period, or values keyed by period."""

    single: TargetValue | None = None
    by_period: tuple[tuple[str, TargetValue], ...] = ()
    span: Span | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class BudgetValue:
    ceiling: float | None
    spent: float | None


@dataclass(frozen=True, slots=True)
class Budget:
    """Pagu and realisasi, for every period or keyed by period (like targets)."""

    single: BudgetValue | None = None
    by_period: tuple[tuple[str, BudgetValue], ...] = ()
    span: Span | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Variable:
    id: str
    label: str | None
    unit: str | None
    source: str | None
    period_aggregation: Aggregation | None
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Holder:
    id: str
    name: str | None
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    element: str
    name: str
    unit: str | None
    polarity: Polarity
    formula_text: str | None
    formula: Any            # indikator.formula.ast node, or None (actual from data under the id)
    achievement_method: str | None    # None (by polarity), "inverse", or "formula"
    achievement_formula: Any          # AST over `actual` and `target` when method == "formula"
    target: Target | None
    cap: float | None
    weight: float
    source: str | None
    owner: str | None
    predicate_scale: str
    grade_scale: str | None
    budget: Budget | None
    span: Span = field(compare=False)
    formula_span: Span | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Element:
    id: str
    level: str
    statement: str | None
    supports: tuple[str, ...]
    agency: str | None
    indicators: tuple[str, ...]     # indicator ids, in file order
    achievement: str | None         # "children" or None
    budget: Budget | None
    predicate_scale: str
    owner: str | None
    holders: tuple[Holder, ...]
    span: Span = field(compare=False)
    supports_spans: tuple[Span, ...] = field(default=(), compare=False)
    level_span: Span | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class PredicateBand:
    min: float
    label: str
    color: str | None


@dataclass(frozen=True, slots=True)
class Scale:
    """A predicate scale (bands, highest first) or an ordinal grade scale (grades, lowest first)."""

    name: str
    kind: Literal["predicate", "ordinal"]
    bands: tuple[PredicateBand, ...] = ()
    grades: tuple[str, ...] = ()
    span: Span | None = field(default=None, compare=False)
    title: str | None = None        # the scale's full name in documents (custom scales, §9)


def scale_title(scale: "Scale", lang: str = "id") -> str:
    """The scale as a document names it: its ``title``, the built-in's full name, else its key."""
    if scale.title:
        return scale.title
    return words("scales", lang).get(scale.name) or scale.name


@dataclass(frozen=True, slots=True)
class Signatory:
    """Who signs an agency's documents (§9): the signature block's name, NIP, position and place."""

    agency: str
    name: str | None = None
    nip: str | None = None
    position: str | None = None
    place: str | None = None
    span: Span | None = field(default=None, compare=False)


BUILTIN_SCALES: dict[str, Scale] = {
    "permendagri86": Scale("permendagri86", "predicate", (
        PredicateBand(91, "Sangat Tinggi", "#1a9850"),
        PredicateBand(76, "Tinggi", "#91cf60"),
        PredicateBand(66, "Sedang", "#fee08b"),
        PredicateBand(51, "Rendah", "#fc8d59"),
        PredicateBand(float("-inf"), "Sangat Rendah", "#d73027"),
    )),
    "berhasil": Scale("berhasil", "predicate", (
        PredicateBand(85, "Sangat Berhasil", "#1a9850"),
        PredicateBand(70, "Berhasil", "#91cf60"),
        PredicateBand(55, "Cukup Berhasil", "#fee08b"),
        PredicateBand(float("-inf"), "Tidak Berhasil", "#d73027"),
    )),
    "sakip": Scale("sakip", "ordinal", grades=("D", "C", "CC", "B", "BB", "A", "AA")),
}
DEFAULT_PREDICATE_SCALE = "permendagri86"


@dataclass(frozen=True, slots=True)
class Ref:
    """What a name in a formula stands for, once resolved by the graph rules.

    ``kind`` is ``indicator`` (``id`` an indicator, ``field`` one of actual,
    target, achievement), ``variable`` (``id`` a data variable), ``children``
    (the indicators of the supporting elements, ``field`` as for indicators),
    or ``self`` (``actual``/``target`` inside an achievement formula).
    """

    kind: Literal["indicator", "variable", "children", "self"]
    id: str
    field: str = "actual"


@dataclass
class DefinitionSet:
    """Everything loaded from one folder, merged and checked."""

    root: str
    files: list[str]
    levels: tuple[str, ...]
    elements: dict[str, Element]
    indicators: dict[str, Indicator]
    variables: dict[str, Variable]
    scales: dict[str, Scale]
    sources: SourceTexts
    # formula name → what it stands for, per indicator: refs[indicator_id][(text, braced, field)]
    refs: dict[str, dict[tuple, "Ref"]] = field(default_factory=dict)
    # indicator ids in an order where every indicator comes after those it reads
    evaluation_order: list[str] = field(default_factory=list)
    # ids of records that could not be built (their errors already reported): references to
    # them are not reported again as unknown
    broken_ids: frozenset[str] = frozenset()
    # agency name → who signs its documents (the ``signatory`` of the file that sets that agency)
    signatories: dict[str, "Signatory"] = field(default_factory=dict)

    def level_rank(self, level: str) -> int:
        """0 for the top level; larger is lower in the cascade."""
        return self.levels.index(level)

    def holders(self) -> list[tuple[Holder, Element]]:
        return [(h, e) for e in self.elements.values() for h in e.holders]
