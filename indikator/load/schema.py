"""The shape of a definition file, as pydantic models: one source for checks and JSON Schema.

These models describe what a planner may *write* (English keys; the
Indonesian aliases are listed in :data:`ALIASES` and folded in before
validation by :mod:`indikator.load.aliases`). They check structure and simple
types only. Values whose rules need the whole set (levels, references,
formulas) or whose shapes are unions that pydantic would report confusingly
(targets, budgets) are typed loosely here and checked in
:mod:`indikator.load.build` with precise messages.

The JSON Schema in ``docs/indikator.schema.json`` is generated from these
models by :func:`json_schema` (``python -m indikator.load.schema``), so the
editor completion a planner sees is the same contract the loader enforces.
"""
from __future__ import annotations

import json
from typing import Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt, StrictStr

Number = Union[StrictInt, StrictFloat]

# Indonesian aliases per record kind (PRODUCT.md §2). Keys of each table are
# the alias, values the English key. Records not listed take no aliases.
ALIASES: dict[str, dict[str, str]] = {
    "file": {"versi": "version", "format_angka": "number_format", "penandatangan": "signatory", "perangkat_daerah": "agency", "skala_predikat": "predicate_scale",
             "skala": "scales", "tingkatan": "levels", "variabel": "variables", "elemen": "elements"},
    "element": {"tingkat": "level", "uraian": "statement", "mendukung": "supports",
                "perangkat_daerah": "agency", "indikator": "indicators", "capaian": "achievement",
                "anggaran": "budget", "skala_predikat": "predicate_scale",
                "penanggung_jawab": "owner", "pemegang": "holders"},
    "indicator": {"nama": "name", "satuan": "unit", "polaritas": "polarity", "rumus": "formula",
                  "capaian": "achievement", "batas_capaian": "cap", "bobot": "weight",
                  "sumber_data": "source", "penanggung_jawab": "owner",
                  "skala_predikat": "predicate_scale", "skala_nilai": "grade_scale",
                  "anggaran": "budget"},
    "variable": {"satuan": "unit", "sumber_data": "source", "agregasi_periode": "period_aggregation"},
    "holder": {"nama": "name"},
    "budget": {"pagu": "ceiling", "realisasi": "spent"},
    "band": {"warna": "color"},
    "scale": {"judul": "title", "kelas": "bands"},
    "signatory": {"nama": "name", "jabatan": "position", "tempat": "place"},
    "range": {},
}

AGGREGATIONS = {"sum": "sum", "last": "last", "mean": "mean", "min": "min", "max": "max",
                "jumlah": "sum", "terakhir": "last", "rata2": "mean", "maks": "max"}
POLARITIES = {"positive": "positive", "negative": "negative", "range": "range",
              "positif": "positive", "negatif": "negative", "rentang": "range"}
ELEMENT_ACHIEVEMENT = {"children": "children", "anak": "children"}
ACHIEVEMENT_METHODS = {"inverse": "inverse", "kebalikan": "inverse"}
#: Identifiers of elements, indicators and variables (PRODUCT.md §2).
ID_PATTERN = r"^[A-Za-z_][A-Za-z0-9_.-]*$"


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class VariableDef(_Record):
    """A data variable: what a number in the data files means."""

    id: StrictStr = Field(description="identifier used in formulas and data files", pattern=ID_PATTERN)
    label: StrictStr | None = Field(None, description="human label; `{label}` in formulas matches it")
    unit: StrictStr | None = Field(None, description="unit (alias `satuan`)")
    source: StrictStr | None = Field(None, description="data source (alias `sumber_data`)")
    period_aggregation: Literal[tuple(AGGREGATIONS)] | None = Field(  # type: ignore[valid-type]
        None, description="how points inside a longer period combine: sum (flows), last (stocks), "
                          "mean, min, max (alias `agregasi_periode`)")


class HolderDef(_Record):
    """A person holding a position; the id is the NIP and becomes an entity."""

    id: StrictStr | StrictInt = Field(description="NIP (employee number)")
    name: StrictStr | None = Field(None, description="name (alias `nama`)")


class IndicatorDef(_Record):
    """An indicator: a measurable statement with a formula, a target and a polarity."""

    id: StrictStr = Field(description="identifier, unique in the whole set", pattern=ID_PATTERN)
    name: StrictStr = Field(description="indicator name (alias `nama`)")
    unit: StrictStr | None = Field(None, description="`%`, `indeks`, `nilai` or a count noun")
    polarity: Literal[tuple(POLARITIES)] | None = Field(None)  # type: ignore[valid-type]
    formula: StrictStr | Number | None = Field(None, description="formula giving the actual value (alias `rumus`)")
    achievement: StrictStr | None = Field(None, description="custom achievement formula or method (`inverse`)")
    target: Any = Field(None, description="number, grade, {min, max}, or a map period → one of those")
    cap: Number | None = Field(None, description="ceiling for achievement, e.g. 120 (alias `batas_capaian`)")
    weight: Number | None = Field(None, description="weight in the element's mean (alias `bobot`)")
    source: StrictStr | None = Field(None, description="data source (alias `sumber_data`)")
    owner: StrictStr | None = Field(None, description="id of the responsible position (alias `penanggung_jawab`)")
    predicate_scale: StrictStr | None = Field(None, description="predicate scale name (alias `skala_predikat`)")
    grade_scale: StrictStr | None = Field(None, description="ordinal scale of a grade-valued indicator")
    budget: Any = Field(None, description="budget of this indicator's work (as for an element)")


class ElementDef(_Record):
    """One box of the cascade."""

    id: StrictStr = Field(description="identifier, unique in the whole set", pattern=ID_PATTERN)
    level: StrictStr = Field(description="level (alias `tingkat`): vision/visi … position/jabatan")
    statement: StrictStr | None = Field(None, description="goal statement (alias `uraian`)")
    supports: list[StrictStr] | StrictStr | None = Field(None, description="parent element ids (alias `mendukung`)")
    agency: StrictStr | None = Field(None, description="owning agency (alias `perangkat_daerah`)")
    indicators: list[IndicatorDef] | None = Field(None, description="indicators (alias `indikator`)")
    achievement: Literal[tuple(ELEMENT_ACHIEVEMENT)] | None = Field(  # type: ignore[valid-type]
        None, description="`children`: mean of the supporting elements' achievements")
    budget: Any = Field(None, description="{ceiling, spent} or a map period → that")
    predicate_scale: StrictStr | None = None
    owner: StrictStr | None = Field(None, description="id of the responsible position")
    holders: list[HolderDef] | None = Field(None, description="people holding a position (alias `pemegang`)")


class ScaleBand(_Record):
    """One band of a predicate scale: achievements ≥ ``min`` get ``label``."""

    min: Number
    label: StrictStr
    color: StrictStr | None = None


class ScaleDef(_Record):
    """A custom predicate scale with a full name for documents (``title``) and its bands."""

    title: StrictStr | None = Field(None, description="full name in documents, e.g. 'Peraturan Bupati "
                                                      "Nomor 12 Tahun 2022' (alias `judul`)")
    bands: list[ScaleBand] = Field(description="the bands, as in the plain list form (alias `kelas`)")


class SignatoryDef(_Record):
    """Who signs the agency's documents: the signature block of PK and LKjIP (§9)."""

    name: StrictStr | None = Field(None, description="name with titles, e.g. 'Drs. H. Andi Baso, M.Si' (alias `nama`)")
    nip: StrictStr | StrictInt | None = Field(None, description="NIP of the signatory")
    position: StrictStr | None = Field(None, description="position, e.g. 'Kepala Dinas' (alias `jabatan`)")
    place: StrictStr | None = Field(None, description="place of signing, e.g. 'Malili' (alias `tempat`)")


class DefinitionFile(_Record):
    """One YAML file of a definition set."""

    version: Literal[1] = Field(description="format version (alias `versi`)")
    number_format: Literal["id", "C"] | None = Field(
        None, description="how numbers are written: id (78.000, 81,33) or C (78000, 81.33) (alias `format_angka`)")
    agency: StrictStr | None = None
    predicate_scale: StrictStr | None = None
    scales: dict[StrictStr, list[ScaleBand] | list[StrictStr] | ScaleDef] | None = None
    levels: list[StrictStr] | None = None
    signatory: SignatoryDef | None = Field(None, description="who signs this agency's documents: {name, nip, "
                                                             "position, place} (alias `penandatangan`)")
    variables: list[VariableDef] | None = None
    elements: list[ElementDef] | None = None


_BUDGET_RECORD = {
    "type": "object", "additionalProperties": False,
    "properties": {"ceiling": {"type": "number"}, "spent": {"type": ["number", "null"]},
                   "pagu": {"type": "number"}, "realisasi": {"type": ["number", "null"]}},
}


def _add_aliases(defs: dict) -> None:
    """Offer the Indonesian aliases as properties too, so editors complete both."""
    kinds = {"DefinitionFile": "file", "ElementDef": "element", "IndicatorDef": "indicator",
             "VariableDef": "variable", "HolderDef": "holder", "ScaleBand": "band", "ScaleDef": "scale",
             "SignatoryDef": "signatory"}
    for name, kind in kinds.items():
        schema = defs[name]
        props = schema["properties"]
        for alias, english in ALIASES[kind].items():
            if english in props:
                props[alias] = dict(props[english])
                props[alias]["description"] = f"alias of `{english}`"
        if "required" in schema:
            # a required key may be spelled either way
            req = schema.pop("required")
            rev = {v: k for k, v in ALIASES[kind].items()}
            schema["allOf"] = [{"anyOf": [{"required": [r]}] + ([{"required": [rev[r]]}] if r in rev else [])}
                               for r in req]


def json_schema() -> dict:
    """The JSON Schema of one definition file, with both English and Indonesian keys."""
    schema = DefinitionFile.model_json_schema()
    defs = schema.setdefault("$defs", {})
    # the file itself
    defs["DefinitionFile"] = {k: v for k, v in schema.items() if k != "$defs"}
    defs["RangeTarget"] = {"type": "object", "additionalProperties": False, "required": ["min", "max"],
                           "properties": {"min": {"type": "number"}, "max": {"type": "number"}}}
    defs["BudgetField"] = {"anyOf": [_BUDGET_RECORD, {"type": "object", "additionalProperties": _BUDGET_RECORD}]}
    one_target = [{"type": "number"}, {"type": "string"}, {"$ref": "#/$defs/RangeTarget"}]
    defs["IndicatorDef"]["properties"]["target"] = {
        "description": "number, grade, {min, max}, or a map period → one of those",
        "anyOf": one_target + [{"type": "object", "additionalProperties": {"anyOf": one_target}}]}
    for model in ("IndicatorDef", "ElementDef"):
        defs[model]["properties"]["budget"] = {"description": "{ceiling, spent} or a map period → that",
                                               "$ref": "#/$defs/BudgetField"}
    _add_aliases(defs)
    for key in ("properties", "allOf", "title", "description", "type", "additionalProperties"):
        if key in defs["DefinitionFile"]:
            schema[key] = defs["DefinitionFile"][key]
    schema.pop("required", None)
    del defs["DefinitionFile"]
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "indikator definition file"
    return schema


if __name__ == "__main__":  # python -m indikator.load.schema > docs/indikator.schema.json
    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
