"""The data-entry workbook generated from the definitions (``indikator template``, PRODUCT.md §10).

A planner fills numbers into Excel; the form is laid out so that what they fill is, unchanged,
a wide data file (:mod:`indikator.data.wide`) that ``--data FORM.xlsx`` reads back:

* a first sheet ``Petunjuk`` with short instructions in Indonesian;
* one sheet per agency: a row per data variable its indicators read and per indicator that
  takes its actual from data under its own id, with id, label, kind, unit, source and
  aggregation, then one column per period of the year (TW I–IV; and the months, where a
  variable sums monthly flows — ``period_aggregation: sum``);
* with ``entity_all``, one sheet per position with holders: the same rows once per holder,
  with the NIP and name in front (individual indicators are one person, one number).

The cells a planner must not change (ids, labels, headers) are locked by sheet protection
(no password: it guards against slips, not people); the cells to fill are unlocked and
validated as numbers (or as the grades of the indicator's grade scale). A cell that does not
apply to a row (quarters of a monthly variable, months of a quarterly one) is grey and locked,
so a sum variable can never be filled twice over the same months.

This module writes bytes; it does not print, and it does not decide where the file goes.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.datavalidation import DataValidation

from ..data.wide import column_letter
from ..model import POSITION_LEVEL, DefinitionSet

QUARTERS = ("TW I", "TW II", "TW III", "TW IV")
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember")
KIND_LABEL = {"variable": "variabel", "indicator": "indikator"}
AGG_LABEL = {"sum": "jumlah", "last": "terakhir", "mean": "rata-rata", "min": "min", "max": "maks"}

_HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
_LOCKED_FILL = PatternFill("solid", fgColor="F2F2F2")
_NA_FILL = PatternFill("solid", fgColor="BFBFBF")
_INPUT_FILL = PatternFill("solid", fgColor="FFFFFF")
_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_UNLOCKED = Protection(locked=False)
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


@dataclass
class Row:
    """One row of the form: a data variable, or an indicator whose actual is data under its id."""

    id: str
    label: str
    kind: str                     # "variable" or "indicator"
    unit: str
    source: str
    aggregation: str | None
    grades: tuple[str, ...] = ()  # a grade-valued indicator: the cell takes one of these

    @property
    def monthly(self) -> bool:
        """Flows summed over months are entered per month; everything else per quarter."""
        return self.aggregation == "sum"


@dataclass
class SheetPlan:
    title: str
    heading: str
    rows: list[Row] = field(default_factory=list)
    holders: list[tuple[str, str]] = field(default_factory=list)   # (NIP, name); empty: no NIP column


def plan(dset: DefinitionSet, entity_all: bool = False, roster=None) -> list[SheetPlan]:
    """What goes on which sheet. Every (id, entity) appears once in the whole workbook: a
    variable read by the indicators of two agencies is entered on the first agency's sheet."""
    sheets: dict[str, SheetPlan] = {}
    taken: set[str] = set()
    positions: list[SheetPlan] = []
    for el in dset.elements.values():
        rows = [r for ind_id in el.indicators for r in _rows_of(dset, ind_id)]
        if el.level == POSITION_LEVEL and entity_all:
            holders = _holders(dset, el.id, roster)
            if holders and rows:
                positions.append(SheetPlan(el.id, el.statement or el.id, _unique(rows), holders))
                continue
            # a position without holders is evaluated on the entity-less data: its rows go with its agency
        agency = el.agency or "Umum"
        sheet = sheets.setdefault(agency, SheetPlan(agency, agency))
        for r in rows:
            if r.id not in taken:
                taken.add(r.id)
                sheet.rows.append(r)
    out = [s for s in sheets.values() if s.rows] + positions
    used: set[str] = {"petunjuk"}
    for s in out:
        s.title = _sheet_title(s.title, used)
    return out


def _rows_of(dset: DefinitionSet, ind_id: str) -> list[Row]:
    ind = dset.indicators[ind_id]
    grades = tuple(dset.scales[ind.grade_scale].grades) if ind.grade_scale in dset.scales else ()
    if ind.formula is None:
        var = dset.variables.get(ind.id)
        return [Row(ind.id, ind.name, "indicator", ind.unit or "", ind.source or "",
                    (var.period_aggregation if var else None) or "last", grades)]
    rows = []
    for ref in dset.refs.get(ind_id, {}).values():
        if ref.kind != "variable" or ref.id not in dset.variables:
            continue
        v = dset.variables[ref.id]
        rows.append(Row(v.id, v.label or v.id, "variable", v.unit or "", v.source or "",
                        v.period_aggregation))
    return rows


def _unique(rows: list[Row]) -> list[Row]:
    seen: set[str] = set()
    return [r for r in rows if not (r.id in seen or seen.add(r.id))]


def _holders(dset: DefinitionSet, position: str, roster) -> list[tuple[str, str]]:
    if roster is not None:
        names = roster.holder_names(position)
        return [(nip, names.get(nip, "")) for nip in roster.holder_ids(position)]
    return [(h.id, h.name or "") for h in dset.elements[position].holders]


def _sheet_title(text: str, used: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique ignoring case."""
    base = _BAD_SHEET_CHARS.sub("-", text).strip("' ") or "Sheet"
    title, n = base[:31], 2
    while title.lower() in used:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(title.lower())
    return title


# -- writing -------------------------------------------------------------------------

def write_form(dset: DefinitionSet, year: int, entity_all: bool = False, roster=None) -> bytes:
    """The workbook as bytes (written atomically by the caller)."""
    sheets = plan(dset, entity_all, roster)
    wb = Workbook()
    _instructions(wb.active, dset, year, sheets)
    for s in sheets:
        _sheet(wb.create_sheet(s.title), s, year)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def period_headers(year: int, with_months: bool) -> list[tuple[str, str]]:
    """(header text, "quarter"/"month") of the period columns: ``TW I 2024`` … ``Desember 2024``."""
    cols = [(f"{q} {year}", "quarter") for q in QUARTERS]
    if with_months:
        cols += [(f"{m} {year}", "month") for m in MONTHS]
    return cols


def _sheet(ws, s: SheetPlan, year: int) -> None:
    fixed = (["NIP", "Nama"] if s.holders else []) + ["id", "Uraian", "Jenis", "Satuan", "Sumber data", "Agregasi"]
    periods = period_headers(year, any(r.monthly for r in s.rows))
    header_row, first = 4, 5
    ncols = len(fixed) + len(periods)
    ws["A1"] = f"Formulir isian data — {s.heading} — Tahun {year}"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = ("Isi sel putih saja, dengan angka. Sel abu-abu tidak berlaku untuk baris itu. "
                "Sel kosong berarti data belum ada (bukan nol).")
    ws["A2"].font = Font(italic=True, color="595959")
    for j, text in enumerate(fixed + [h for h, _ in periods], start=1):
        c = ws.cell(header_row, j, text)
        c.font = Font(bold=True, color="FFFFFF")
        c.fill = _HEADER_FILL
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        c.border = _BORDER
    number_dv = DataValidation(type="decimal", operator="between", formula1="-1000000000000000",
                               formula2="1000000000000000", allow_blank=True, showErrorMessage=True,
                               errorTitle="Bukan angka", error="Isi sel ini dengan angka saja (tanpa satuan atau "
                               "teks). Kosongkan bila data belum ada.",
                               promptTitle="Angka", prompt="Isi dengan angka; kosong = belum ada data.",
                               showInputMessage=True)
    ws.add_data_validation(number_dv)
    grade_dvs: dict[tuple[str, ...], DataValidation] = {}
    r = first
    for nip, name in (s.holders or [(None, None)]):
        for row in s.rows:
            values = ([nip, name] if s.holders else []) + [row.id, row.label, KIND_LABEL[row.kind], row.unit,
                                                           row.source, AGG_LABEL.get(row.aggregation or "", "")]
            for j, v in enumerate(values, start=1):
                c = ws.cell(r, j, v)
                c.fill = _LOCKED_FILL
                c.border = _BORDER
                c.alignment = Alignment(vertical="top", wrap_text=j == len(fixed) - 4)
                if s.holders and j == 1:
                    c.number_format = "@"     # a NIP is text: 18 digits are more than Excel keeps
            dv = number_dv
            if row.grades:
                dv = grade_dvs.get(row.grades)
                if dv is None:
                    dv = DataValidation(type="list", formula1='"' + ",".join(row.grades) + '"', allow_blank=True,
                                        showErrorMessage=True, errorTitle="Bukan nilai",
                                        error="Pilih salah satu: " + ", ".join(row.grades))
                    ws.add_data_validation(dv)
                    grade_dvs[row.grades] = dv
            for j, (_, kind) in enumerate(periods, start=len(fixed) + 1):
                c = ws.cell(r, j)
                c.border = _BORDER
                if (kind == "month") == row.monthly:
                    c.protection = _UNLOCKED
                    c.fill = _INPUT_FILL
                    dv.add(c.coordinate)
                else:
                    c.fill = _NA_FILL
            r += 1
    widths = ([20, 28] if s.holders else []) + [22, 48, 11, 11, 24, 11]
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[column_letter(j)].width = w
    for j in range(len(fixed) + 1, ncols + 1):
        ws.column_dimensions[column_letter(j)].width = 13
    ws.row_dimensions[header_row].height = 30
    ws.freeze_panes = ws.cell(first, len(fixed) + 1)
    ws.protection.sheet = True
    ws.protection.formatColumns = False   # widening a column stays allowed
    ws.protection.formatRows = False


def _instructions(ws, dset: DefinitionSet, year: int, sheets: list[SheetPlan]) -> None:
    ws.title = "Petunjuk"
    lines = [
        (f"Formulir isian data kinerja — Tahun {year}", Font(bold=True, size=14)),
        ("", None),
        ("Cara mengisi", Font(bold=True)),
        ("1. Setiap sheet berikut memuat satu perangkat daerah (atau satu jabatan beserta pemegangnya).", None),
        ("2. Satu baris = satu data (variabel) atau satu indikator yang realisasinya diisi langsung.", None),
        ("3. Isi hanya sel putih, dengan angka saja (tanpa satuan, tanpa 'Rp', tanpa '%'); "
         "persen ditulis 0–100, mis. 98,5.", None),
        ("4. Data yang dijumlahkan (agregasi 'jumlah', mis. dokumen tercetak) diisi per bulan: "
         "jumlah pada bulan itu saja.", None),
        ("5. Data lain (agregasi 'terakhir', mis. jumlah penduduk ber-KTP) diisi per triwulan: "
         "keadaan pada akhir triwulan itu (bukan selisihnya).", None),
        ("6. Sel kosong berarti data belum ada — jangan diisi 0 bila datanya memang belum ada.", None),
        ("7. Sel abu-abu dan kolom id/uraian dikunci: jangan mengubah id, nama sheet, atau baris judul.", None),
        ("", None),
        ("Sesudah diisi", Font(bold=True)),
        (f"Hitung capaian, mis. s.d. Triwulan III: indikator eval DEFINISI --data FORMULIR.xlsx "
         f"--period {year}-Q1..{year}-Q3", Font(name="Consolas")),
        ("Kesalahan isian ditunjukkan per sel, mis. FORMULIR.xlsx:Disdukcapil:G7.", None),
        ("", None),
        ("Isi formulir", Font(bold=True)),
    ]
    lines += [(f"• {s.title}: {len(s.rows)} baris" + (f" × {len(s.holders)} pemegang jabatan" if s.holders else ""),
               None) for s in sheets]
    for i, (text, font) in enumerate(lines, start=1):
        c = ws.cell(i, 1, text)
        if font is not None:
            c.font = font
    ws.column_dimensions["A"].width = 110
    ws.protection.sheet = True
