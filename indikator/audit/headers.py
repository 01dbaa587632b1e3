"""Finding the columns of a reported table from its headers (PRODUCT.md §11).

Tables copied from an LKjIP carry the document's own wording — "Capaian %",
"Realisasi Tw III Tahun 2024", "Indikator Sasaran", "Capaian realisasi anggaran %" —
often over two or three header rows (a year or "Triwulan IV" above or below the
"Realisasi | %" pair). This module turns those rows into one text per column and the
text into a *role* (the §11 column names, in their Indonesian form) and a *year*:

* a header spread over several rows is joined top to bottom; a merged upper cell
  ("Target" over "2022 | 2023") is carried right over the blank cells beneath which
  a lower row has text;
* the role is decided by keywords, most specific first ("Capaian realisasi anggaran"
  is ``serapan`` before it is ``capaian``; "Cara Pengukuran Indikator" is not the
  indicator);
* by position where the words alone do not decide: a second "Realisasi" after a
  budget column is the budget's realisation, and a bare "%" is the capaian of the
  realisasi before it, or the absorption when that was the budget's;
* a column per predicate label ("Sangat Berhasil | Berhasil | …", Dumai's Tabel 4)
  is read as one ``predikat`` column spread over several cells.

A year in a header (2022, 2023) puts the column in that year's group; columns without
a year join the latest year's group, so a table comparing two years is audited per year.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

REQUIRED = ("indikator", "target", "realisasi", "capaian")
MEASURES = ("target", "realisasi", "capaian", "predikat")

_YEAR = re.compile(r"\b(19[5-9][0-9]|20[0-9][0-9])\b")
_WORD = re.compile(r"[^\w%#]+", re.UNICODE)

# (role, patterns): the first role whose pattern occurs in the normalised header wins.
_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ignore", ("cara pengukuran", "cara perhitungan", "formula", "formulasi", "rumus", "sumber data",
                "keterangan", "ket", "tingkat efisiensi", "efisiensi", "efficiency", "daya anggaran")),
    ("serapan", ("serapan", "penyerapan", "absorption", "capaian realisasi anggaran", "capaian serap",
                 "capaian anggaran", "realisasi anggaran %", "capaian keuangan")),
    ("realisasi_anggaran", ("realisasi anggaran", "realisasi keuangan", "realisasi belanja", "spent",
                            "budget spent")),
    ("pagu", ("pagu", "ceiling", "alokasi anggaran", "anggaran", "budget")),
    ("predikat", ("predikat", "predicate", "atribut", "kategori", "rating")),
    ("polaritas", ("polaritas", "polarity", "sifat indikator")),
    ("satuan", ("satuan", "unit")),
    ("indikator", ("indikator", "indicator")),
    ("capaian", ("capaian", "achievement", "persentase capaian", "% capaian")),
    ("realisasi", ("realisasi", "actual", "capaian realisasi")),
    ("target", ("target",)),
    ("kode", ("kode", "code", "id")),
    ("no", ("no", "nomor", "#", "number")),
    ("program", ("program", "kegiatan")),
    ("ignore", ("sasaran", "uraian", "tujuan", "objective", "goal")),
)


def normalise(text: str) -> str:
    """Lower case, punctuation as spaces, one space between words (``%`` and ``#`` kept)."""
    return " ".join(_WORD.sub(" ", str(text).casefold().replace("_", " ")).split())


def _has(norm: str, pattern: str) -> bool:
    return re.search(r"(?:^|\s)" + re.escape(pattern) + r"(?:\s|$)", norm) is not None


def keyword_role(text: str) -> str | None:
    """The role the header's words name, without looking at its neighbours (``None``: no keyword)."""
    norm = _YEAR.sub(" ", normalise(text))
    norm = " ".join(norm.split())
    if not norm:
        return None
    for role, patterns in _RULES:
        if any(_has(norm, p) for p in patterns):
            return role
    if "%" in norm:
        return "percent"
    return None


def year_of(text: str) -> int | None:
    years = _YEAR.findall(str(text))
    return int(years[-1]) if years else None


def is_year_cell(text: str) -> bool:
    return bool(re.fullmatch(r"\s*(?:tahun\s*)?(19[5-9][0-9]|20[0-9][0-9])\s*", str(text), re.IGNORECASE))


@dataclass
class Column:
    index: int
    header: str
    role: str
    year: int | None


@dataclass
class Group:
    """The measure columns of one year (or of the whole table): role → column index."""

    year: int | None
    columns: dict[str, int] = field(default_factory=dict)
    # a predicate spread over one column per label: column index → label
    label_columns: dict[int, str] = field(default_factory=dict)

    def has(self, role: str) -> bool:
        return role in self.columns or (role == "predikat" and bool(self.label_columns))


@dataclass
class Layout:
    """What the header rows say: the shared columns, the per-year groups, what was not found."""

    header_rows: list[int]                  # 0-based indexes of the rows that form the header
    columns: list[Column]
    shared: dict[str, int]                  # no, indikator, satuan, polaritas, kode, program, budget roles
    groups: list[Group]
    missing: list[str]                      # required roles found in no group

    @property
    def first_data_row(self) -> int:
        return max(self.header_rows) + 1


def _is_header_word_row(cells: list[str]) -> bool:
    """A continuation row of a header: only years and column words ("Realisasi", "%")."""
    texts = [c for c in cells if c.strip()]
    if not texts:
        return False
    return all(is_year_cell(t) or keyword_role(t) not in (None, "program", "ignore") for t in texts)


def _is_header_row(cells: list[str]) -> bool:
    roles = {keyword_role(c) for c in cells if c.strip()}
    return "indikator" in roles and bool(roles & {"target", "realisasi", "capaian"})


def combine(rows: list[list[str]]) -> list[str]:
    """One header text per column from several header rows, merged cells carried right."""
    width = max(len(r) for r in rows)
    grid = [list(r) + [""] * (width - len(r)) for r in rows]
    for i, row in enumerate(grid[:-1]):
        below = grid[i + 1:]
        carry = ""
        for j in range(width):
            if row[j].strip():
                carry = row[j].strip()
            elif carry and any(b[j].strip() for b in below):
                row[j] = carry
            else:
                carry = ""
    return [" ".join(grid[i][j].strip() for i in range(len(grid)) if grid[i][j].strip()) for j in range(width)]


def find_layout(rows: list[list[str]], scale_labels: dict[str, str], scan: int = 15) -> Layout | None:
    """The header of a table whose rows are ``rows`` (cell texts), or ``None`` when none is found.

    ``scale_labels`` maps a normalised predicate label to the label as written (every label of the
    known scales), to recognise a predicate spread over one column per label.
    """
    start = next((i for i, r in enumerate(rows[:scan]) if _is_header_row(r)), None)
    if start is None:
        return None
    header_rows = [start]
    if start > 0 and any(is_year_cell(c) for c in rows[start - 1]):
        header_rows.insert(0, start - 1)
    nxt = start + 1
    while nxt < len(rows) and len(header_rows) < 4 and _is_header_word_row(rows[nxt]):
        header_rows.append(nxt)
        nxt += 1
    texts = combine([rows[i] for i in header_rows])
    return _assign(texts, header_rows, scale_labels)


def _assign(texts: list[str], header_rows: list[int], scale_labels: dict[str, str]) -> Layout:
    columns: list[Column] = []
    last_measure: str | None = None     # the last realisasi-like column seen: "kinerja" or "anggaran"
    seen_budget = False
    for j, text in enumerate(texts):
        role = keyword_role(text) or "ignore"
        norm = normalise(text)
        if norm in scale_labels:
            role = "label:" + scale_labels[norm]
        if role == "realisasi" and seen_budget:
            role = "realisasi_anggaran"
        if role == "percent" or (role == "capaian" and last_measure == "anggaran"):
            role = "serapan" if last_measure == "anggaran" else "capaian"
        if role in ("pagu", "realisasi_anggaran", "serapan"):
            seen_budget = True
            last_measure = "anggaran"
        elif role in ("realisasi", "target"):
            last_measure = "kinerja"
        columns.append(Column(j, text, role, year_of(text)))
    measure_years = sorted({c.year for c in columns if c.role in MEASURES and c.year is not None})
    latest = measure_years[-1] if measure_years else None
    groups: dict[int | None, Group] = {}
    shared: dict[str, int] = {}
    for c in columns:
        if c.role in MEASURES or c.role.startswith("label:"):
            year = c.year if len(measure_years) > 1 and c.year is not None else latest
            g = groups.setdefault(year, Group(year))
            if c.role.startswith("label:"):
                g.label_columns[c.index] = c.role[len("label:"):]
            else:
                g.columns.setdefault(c.role, c.index)
        elif c.role != "ignore":
            shared.setdefault(c.role, c.index)
    ordered = [groups[y] for y in sorted(groups, key=lambda y: (y is None, y or 0))]
    # a spread predicate needs at least two label columns to be one
    for g in ordered:
        if len(g.label_columns) < 2:
            g.label_columns.clear()
    missing = []
    if "indikator" not in shared:
        missing.append("indikator")
    for role in ("target", "realisasi", "capaian"):
        if not any(role in g.columns for g in ordered):
            missing.append(role)
    return Layout(header_rows, columns, shared, ordered, missing)
