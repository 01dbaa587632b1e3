"""The report's tables as plain dataclasses: cells, rows, tables, sections, the report.

Built once by :mod:`.build`; the writers (:mod:`.markdown`, :mod:`.html`, :mod:`.xlsx`) only lay
them out. Values stay unrounded numbers; ``None`` means missing or undefined.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Union


OBJECTIVE_LEVEL = "agency_objective"


# ---------------------------------------------------------------------------- cells and tables
@dataclass(frozen=True)
class Mark:
    """A predicate (with its band colour) or, when there is none, the status shown instead."""

    text: str
    color: str | None = None
    status: str = "ok"          # ok | missing | error


@dataclass(frozen=True)
class Range:
    """A {min, max} target of a range indicator."""

    min: float
    max: float


Value = Union[float, int, str, Mark, Range, None]


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    fmt: str = "text"           # text | int | num | pct | money | mark | notes
    group: str | None = None    # a header spanning adjacent columns with the same group
    width: int = 12             # characters (XLSX); relative width in HTML
    repeat: bool = True         # False: blank on continuation rows in HTML/Markdown (NIP, name)


@dataclass
class Row:
    cells: dict[str, Value]
    kind: str = "data"          # data | total | group
    indent: int = 0             # depth in the cascade (budget table)
    label: str = ""             # text of a group row (spans the whole table)
    cont: bool = False          # continues the group of the row above (same holder)
    refs: list[int] = field(default_factory=list)   # footnote numbers of the table (engine's reasons)


@dataclass
class Table:
    key: str                    # unique in the report: HTML anchors, XLSX sheet names
    sheet: str                  # a short name for the XLSX sheet (made unique by the writer)
    title: str
    columns: list[Column]
    rows: list[Row]
    notes: list[str] = field(default_factory=list)
    label_col: str = "indicator"    # the column that carries group and total labels, and the indent
    footnotes: list[str] = field(default_factory=list)   # the engine's reasons, numbered from 1 (§9)

    @property
    def has_groups(self) -> bool:
        return any(c.group for c in self.columns)


@dataclass
class ObjectiveSection:
    number: int
    id: str
    statement: str
    achievement: float | None
    mark: Mark
    tables: list[Table]


@dataclass
class AgencySection:
    name: str
    entity: str | None
    achievement: float | None
    mark: Mark
    summary: Table
    objectives: list[ObjectiveSection]
    number: int = 1


@dataclass
class IndividualSection:
    agency: str
    table: Table


@dataclass
class ScaleLegend:
    name: str
    bands: list[tuple[str, float | None, float | None, str | None]]   # label, from, below, colour
    title: str = ""             # the scale named in full ("Permendagri Nomor 86 Tahun 2017")


@dataclass
class SignatureBlock:
    """The signature block of PK and LKjIP (§9), every line as it is printed."""

    place_date: str             # "Malili, 31 Desember 2023"
    position: str
    name: str
    nip: str                    # "NIP. 1970…"


@dataclass
class Report:
    title: str
    lang: str
    period: str
    period_label: str
    previous: str | None
    previous_label: str | None
    entity: str | None
    agencies: list[AgencySection]
    individuals: list[IndividualSection]
    legends: list[ScaleLegend]
    efficiency: str
    notes: list[str] = field(default_factory=list)
    agency: str = ""                            # the title block's agency (all agencies of the report)
    signature: SignatureBlock | None = None     # from the agency's `signatory` and --date

    def tables(self) -> Iterator[Table]:
        """Every table in reading order."""
        for a in self.agencies:
            yield a.summary
            for o in a.objectives:
                yield from o.tables
        for s in self.individuals:
            yield s.table
