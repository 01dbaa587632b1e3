"""An existing PK / Renstra / IKI table → a definition set (``indikator import``, PRODUCT.md §10).

The table is what planners already have in Excel or copied from Word: a column for the
sasaran (strategis, program or kegiatan), one for the indicator, and some of satuan, target
(one column, or one per year), formulasi / cara pengukuran, sumber data, penanggung jawab,
and for IKI tables the jabatan. Headers are matched loosely (Indonesian or English, case and
punctuation ignored). Cells left empty under a filled one — merged cells in Word and Excel —
carry down. Element columns right of the indicator column belong to a side table (Kupang's
program budgets) and are ignored.

Prose formulas go through :mod:`indikator.entry.prose`; every distinct operand label becomes
one declared variable (an id derived from the label, the label kept exactly), unless it is
the name of an imported indicator, which the formula then reads. A formula that cannot be
translated stays as a comment above its indicator, which gets no formula.

The result is YAML text with Indonesian keys and the original text in comments, plus what
was translated and what not; this module does not write files or print.
"""
from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..messages import render
from ..data.numbers import NumberError, is_label, parse_number
from ..model import BUILTIN_SCALES
from .prose import Translation, translate

#: Header words → column role. The first matching entry wins; a header is compared in lower
#: case with punctuation as spaces ("Penjelasan/ Formulasi Perhitungan" → "penjelasan formulasi …").
COLUMNS: tuple[tuple[str, str], ...] = (
    (r"^(no|nomor|no urut)$", "no"),
    (r"^(jabatan|position|nama jabatan)\b", "position"),
    (r"^(indikator|indicator|iku|iki)\b", "indicator"),
    (r"\b(formulasi|formula|rumus|cara pengukuran|penjelasan|cara perhitungan|definisi operasional)\b", "formula"),
    (r"^(sumber data|sumber|source|data source)\b", "source"),
    (r"^(penanggung jawab|owner|pj)\b", "owner"),
    (r"^(satuan|unit)\b", "unit"),
    (r"^(target|sasaran target)\b|^\d{4}$", "target"),
    (r"^(sasaran strategis|sasaran pd|sasaran|strategic objective|objective)\b", "agency_objective"),
    (r"^(sasaran program|program)\b", "program"),
    (r"^(sasaran kegiatan|kegiatan|activity)\b", "activity"),
    (r"^(sasaran sub kegiatan|sub kegiatan|sub activity)\b", "sub_activity"),
    (r"^(tujuan|tujuan pd)\b", "agency_goal"),
)
LEVEL_ORDER = ("agency_goal", "agency_objective", "program", "activity", "sub_activity")
LEVEL_KEY = {"agency_goal": "tujuan_pd", "agency_objective": "sasaran_strategis", "program": "program",
             "activity": "kegiatan", "sub_activity": "sub_kegiatan", "position": "jabatan"}
ID_PREFIX = {"agency_goal": "tujuan", "agency_objective": "ss", "program": "prog", "activity": "keg",
             "sub_activity": "subkeg", "position": "jab"}
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_NUMBERING = re.compile(r"^\s*\d{1,2}[.)]?\s+(?=\D)")
_NUMBER_WITH_UNIT = re.compile(r"^\s*([-+]?\d[\d.,]*)\s*(%|\((?P<paren>[^)]*)\)|(?P<word>[A-Za-z][A-Za-z /]*))?\s*$")
_PERCENT_NAME = re.compile(r"^\s*(persentase|presentase|prosentase)\b", re.I)
MISSING_TEXTS = {"", "-", "na", "n/a", "n.a", "n.a.", "—"}


@dataclass
class Column:
    index: int
    role: str
    header: str
    year: int | None = None


@dataclass
class Indicator:
    row: int
    id: str
    name: str
    unit: str | None
    targets: dict[int | None, Any]
    target_notes: list[str]
    formula_text: str | None
    translation: Translation | None
    source: str | None
    owner: str | None
    grade_scale: str | None = None
    formula: str | None = None


@dataclass
class Element:
    id: str
    level: str
    statement: str
    supports: list[str]
    indicators: list[Indicator] = field(default_factory=list)


@dataclass
class Variable:
    id: str
    label: str


@dataclass
class ImportResult:
    """The YAML text and the counts ``import`` reports."""

    yaml: str = ""
    elements: list[Element] = field(default_factory=list)
    variables: list[Variable] = field(default_factory=list)
    formulas: int = 0                     # indicators with a formula text
    translated: int = 0
    untranslated: list[tuple[int, str, str, str]] = field(default_factory=list)  # (row, indicator, text, reason)
    problems: list[tuple[str, dict, int]] = field(default_factory=list)           # (code, params, row)

    @property
    def indicators(self) -> list[Indicator]:
        return [i for e in self.elements for i in e.indicators]


# -- reading the sheet -------------------------------------------------------------------------

def read_rows(path: str) -> tuple[list[tuple[int, list[Any]]], str | None]:
    """(line or row number, cells) of the first sheet (XLSX) or of the CSV, and the sheet title;
    read through the grid reader ``audit`` shares (data/formats/grid.py). Raises
    :class:`~indikator.data.formats.grid.FormulaWithoutValue` and
    :class:`~indikator.data.formats.rows.CsvRowError`."""
    from ..data.formats.grid import read_csv_grid, read_xlsx_grids

    grid = read_xlsx_grids(path, first_only=True)[0] if path.lower().endswith((".xlsx", ".xlsm")) \
        else read_csv_grid(path)
    return list(zip(grid.lines, grid.values)), grid.title


def _norm(cell: Any) -> str:
    text = unicodedata.normalize("NFKC", str(cell or "")).lower()
    return " ".join(re.sub(r"[^\w%]+", " ", text).split())


def map_header(cells: list[Any]) -> list[Column]:
    out = []
    for i, cell in enumerate(cells):
        name = _norm(cell)
        if not name:
            continue
        for pattern, role in COLUMNS:
            if re.search(pattern, name):
                years = _YEAR.findall(name)
                out.append(Column(i, role, str(cell).strip(), int(years[0]) if len(years) == 1 else None))
                break
    return out


def _cell(cells: list[Any], i: int) -> Any:
    v = cells[i] if i < len(cells) else None
    if isinstance(v, str):
        v = " ".join(v.split())
        return v or None
    return v


# -- building -----------------------------------------------------------------------------------

def import_table(path: str, year: int | None = None, agency: str | None = None) -> ImportResult:
    """Read the table at ``path`` into definitions (see the module docstring)."""
    from ..data.formats.grid import FormulaWithoutValue

    res = ImportResult()
    try:
        rows, title = read_rows(path)
    except FormulaWithoutValue as exc:   # §8: never a silently empty cell (a target lost without a word)
        res.problems.append(("import-formula-without-value", {"cell": exc.cell, "formula": exc.formula}, exc.row))
        return res
    header_at = next((k for k, (_, cells) in enumerate(rows[:40])
                      if any(c.role == "indicator" for c in map_header(cells))), None)
    if header_at is None:
        res.problems.append(("import-no-indicator-column", {}, 1))
        return res
    hrow, hcells = rows[header_at]
    cols = map_header(hcells)
    ind_col = next(c for c in cols if c.role == "indicator")
    if year is None:
        above = " ".join(str(c) for _, cells in rows[:header_at] for c in cells if c) + " " + (title or "")
        found = set(_YEAR.findall(above))
        year = int(found.pop()) if len(found) == 1 else None
    levels = [c for c in cols if c.role in LEVEL_ORDER and c.index < ind_col.index]
    ignored = [c for c in cols if c.role in LEVEL_ORDER and c.index > ind_col.index]
    for c in ignored:
        res.problems.append(("import-side-column", {"column": c.header}, hrow))
    position_col = next((c for c in cols if c.role == "position"), None)
    role = {c.role: c for c in cols if c.role not in LEVEL_ORDER}
    targets = [c for c in cols if c.role == "target"]

    current: dict[str, str | None] = {c.role: None for c in levels}
    elements: dict[tuple, Element] = {}
    counters: dict[str, int] = {}
    current_position: str | None = None
    ids: set[str] = set()

    def element(level: str, statement: str, parent: str | None, key: tuple) -> Element:
        el = elements.get(key)
        if el is None:
            counters[level] = counters.get(level, 0) + 1
            el = Element(f"{ID_PREFIX[level]}{counters[level]}", level, statement, [])
            elements[key] = el
        if parent and parent not in el.supports:   # a position under a second sasaran supports both
            el.supports.append(parent)
        return el

    header_name = _norm(_cell(hcells, ind_col.index))
    for r, cells in rows[header_at + 1:]:
        if _norm(_cell(cells, ind_col.index)) == header_name:     # the header repeated on the next page
            continue
        if position_col is not None and _cell(cells, position_col.index) is not None:
            if str(_cell(cells, position_col.index)) != current_position:
                current = {c.role: None for c in levels}    # a new position's block: nothing carries over
            current_position = str(_cell(cells, position_col.index))
        # carry down: a filled cell starts a new element; the levels below it start empty
        for k, c in enumerate(levels):
            text = _cell(cells, c.index)
            if text is not None:
                current[c.role] = str(text)
                for lower in levels[k + 1:]:
                    current[lower.role] = None
        name = _cell(cells, ind_col.index)
        if name is None or not str(name).strip():
            continue
        name = _NUMBERING.sub("", str(name)).strip()
        if not name:
            continue
        owner_el = _owner_element(levels, current, current_position, element)
        if owner_el is None:
            res.problems.append(("import-no-element", {"indicator": name}, r))
            continue
        ind = _indicator(r, name, cells, role, targets, year, ids)
        owner_el.indicators.append(ind)
    res.elements = [e for e in elements.values()]
    _formulas(res)
    res.yaml = to_yaml(res, agency, path)
    return res


def _owner_element(levels, current, position, element) -> Element | None:
    """The element an indicator row belongs to: the position (IKI tables), else the lowest
    filled level; each level supports the one above it."""
    parent: Element | None = None
    chain: list[str] = []
    for c in levels:
        text = current.get(c.role)
        if text is None:
            continue
        chain.append(text)
        parent = element(c.role, text, parent.id if parent else None, (c.role, *chain))
    if position is not None:
        statement = position
        el = element("position", statement, parent.id if parent else None, ("position", position))
        return el
    return parent


def _indicator(r: int, name: str, cells, role: dict, targets: list[Column], year: int | None,
               ids: set[str]) -> Indicator:
    get = lambda k: _cell(cells, role[k].index) if k in role else None  # noqa: E731
    unit = get("unit")
    values: dict[int | None, Any] = {}
    notes: list[str] = []
    unit_hint = None
    for c in targets:
        raw = _cell(cells, c.index)
        if raw is None:
            continue
        value, hint = target_value(raw)
        key = c.year if c.year is not None else year
        if value is None:
            if str(raw).strip().lower() not in MISSING_TEXTS:
                notes.append(f"target {key or ''} tidak terbaca: {raw}".replace("  ", " "))
            continue
        values[key] = value
        unit_hint = unit_hint or hint
    text = get("formula")
    return Indicator(r, _unique_id(slug(name, 48), ids), name, str(unit) if unit is not None else unit_hint,
                     values, notes, str(text) if text is not None else None, None,
                     str(get("source")) if get("source") is not None else None,
                     str(get("owner")) if get("owner") is not None else None)


def target_value(raw: Any) -> tuple[float | str | None, str | None]:
    """A target cell → (number or grade, unit read from it): ``80,15`` → 80.15, ``98 %`` → (98, "%"),
    ``81,00 (Nilai)`` → (81, "nilai"), ``15 OPD`` → (15, "OPD"), ``BB`` → "BB"; else (None, None)."""
    if isinstance(raw, bool):
        return None, None
    if isinstance(raw, (int, float)):
        return float(raw), None
    text = str(raw).strip()
    m = _NUMBER_WITH_UNIT.match(text)
    if m:
        number = m.group(1)
        unit = "%" if m.group(2) == "%" else (m.group("paren") or m.group("word") or None)
        for locale in ("id", "C"):   # documents write 78.000 for 78000; 98.21 is read as C after id refuses it
            try:
                value = parse_number(number, locale)
            except NumberError:
                continue
            if value is not None:
                return value, (unit.strip().lower() if unit and unit.lower() == "nilai" else unit)
    if is_label(text) and text.upper() == text:
        return text, None
    return None, None


def slug(text: str, limit: int = 60) -> str:
    """An id from a label: ASCII, lower case, words joined by ``_``, at most ``limit`` characters
    (cut at a word), never starting with a digit."""
    text = text.replace(">", " lebih dari ").replace("<", " kurang dari ").replace("%", " persen ")
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_)
    out = ""
    for w in words:
        if len(out) + len(w) + (1 if out else 0) > limit:
            break
        out = f"{out}_{w}" if out else w
    out = out or "v"
    return out if not out[0].isdigit() else f"v_{out}"


def _unique_id(base: str, taken: set[str]) -> str:
    out, n = base, 2
    while out in taken:
        out, n = f"{base}_{n}", n + 1
    taken.add(out)
    return out


def _key(label: str) -> str:
    return " ".join(label.lower().split())


def _formulas(res: ImportResult) -> None:
    """Translate every formula; declare one variable per distinct operand label."""
    names = {_key(i.name): i for i in res.indicators}
    taken = {i.id for i in res.indicators}
    variables: dict[str, Variable] = {}
    for ind in res.indicators:
        if not ind.formula_text or ind.formula_text.strip().lower() in MISSING_TEXTS:
            continue
        res.formulas += 1
        t = translate(ind.formula_text)
        ind.translation = t
        if t.formula is None:
            res.untranslated.append((ind.row, ind.name, ind.formula_text, t.reason or ""))
            continue
        res.translated += 1
        formula = t.formula
        if not ind.unit and (t.scaled or _PERCENT_NAME.match(ind.name)):
            ind.unit = "%"
        reads_indicators = any(_key(label) in names for label in t.operands)
        if not t.scaled and not reads_indicators and ind.unit in ("%", "persen") and " / " in formula:
            formula += " × 100"      # a percentage written as a bare ratio of counts: the documents mean × 100
        for label in t.operands:
            own = _key(label) == _key(ind.name)     # "Jumlah KTP-el yang tercetak" counted by itself: data
            if (_key(label) in names and not own) or _key(label) in variables:
                if own:
                    formula = formula.replace("{" + label + "}", variables[_key(label)].id)
                continue
            variables[_key(label)] = Variable(_unique_id(slug(label), taken), label)
            if _key(label) in names:   # the label is also an indicator's name: read the variable by its id
                formula = formula.replace("{" + label + "}", variables[_key(label)].id)
        ind.formula = formula
    res.variables = list(variables.values())
    # grade targets: the built-in SAKIP scale when every grade is on it
    sakip = set(BUILTIN_SCALES["sakip"].grades)
    for ind in res.indicators:
        grades = {v for v in ind.targets.values() if isinstance(v, str)}
        if grades and grades <= sakip:
            ind.grade_scale = "sakip"


# -- YAML -----------------------------------------------------------------------------------

def _scalar(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**6)
    return text.strip().removesuffix("...").strip()


def _comment(prefix: str, text: str, indent: str) -> list[str]:
    return [f"{indent}# {prefix}{' '.join(text.split())}"]


def to_yaml(res: ImportResult, agency: str | None, path: str) -> str:
    out = [f"# Diimpor dari {os.path.basename(path)} oleh `indikator import`.",
           f"# {res.translated} dari {res.formulas} rumus diterjemahkan; periksa agregasi_periode variabel "
           f"dan rumus yang belum diterjemahkan (ditandai BELUM DITERJEMAHKAN).",
           "versi: 1",
           "format_angka: C   # angka di berkas ini memakai titik desimal: 98.215 berarti 98,215"]
    if agency:
        out.append(f"perangkat_daerah: {_scalar(agency)}")
    if res.variables:
        out += ["", "variabel:"]
        for v in res.variables:
            out += [f"  - id: {v.id}", f"    label: {_scalar(v.label)}",
                    "    agregasi_periode: last   # periksa: sum bila datanya dijumlahkan antar periode"]
    out += ["", "elemen:"]
    for el in res.elements:
        out += [f"  - id: {el.id}", f"    tingkat: {LEVEL_KEY[el.level]}", f"    uraian: {_scalar(el.statement)}"]
        if el.supports:
            out.append(f"    mendukung: [{', '.join(el.supports)}]")
        if not el.indicators:
            if any(el.id in other.supports for other in res.elements):
                out.append("    capaian: anak   # rata-rata capaian elemen di bawahnya")
            continue
        out.append("    indikator:")
        for ind in el.indicators:
            t = ind.translation
            if t is not None and t.formula is None:
                why = render(t.reason or "import-formula-unparsed", {"detail": t.detail}, "id")
                out += _comment(f"BELUM DITERJEMAHKAN ({why}): ", ind.formula_text or "", "      ")
            elif t is not None:
                out += _comment("rumus asli: ", ind.formula_text or "", "      ")
            for note in ind.target_notes:
                out += _comment("", note, "      ")
            out += [f"      - id: {ind.id}", f"        nama: {_scalar(ind.name)}"]
            if ind.unit:
                out.append(f"        satuan: {_scalar(str(ind.unit))}")
            if ind.grade_scale:
                out.append(f"        skala_nilai: {ind.grade_scale}")
            if ind.targets:
                if list(ind.targets) == [None]:
                    out.append(f"        target: {_scalar(ind.targets[None])}")
                else:
                    out.append("        target:")
                    out += [f"          {y}: {_scalar(v)}" for y, v in sorted(ind.targets.items(), key=lambda kv: kv[0] or 0)
                            if y is not None]
            if ind.formula:
                out.append(f"        rumus: {_scalar(ind.formula)}")
            if ind.source:
                out.append(f"        sumber_data: {_scalar(ind.source)}")
            if ind.owner:   # a name in the table, not yet the id of a position element
                out += _comment("penanggung jawab: ", ind.owner, "        ")
    return "\n".join(out) + "\n"
