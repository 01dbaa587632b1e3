"""The report's tables, built once from an evaluation into plain dataclasses.

:func:`build_report` asks the engine for the period, for the same period a
year earlier and, for the individual tables, for every position per holder;
it then lays out what an LKjIP chapter III shows (decisions in docs/report.md):

* per agency (and per entity when the report covers several): a summary of
  its strategic objectives (``agency_objective``) with the agency's overall
  achievement and total budget;
* per strategic objective: the *Pengukuran Kinerja* table, the comparison with
  the same period a year before and with the Renstra end target, and the
  budget / efficiency table of the objective and the programs and activities
  under it that have a budget;
* per agency: the individual (IKI) table, position by position and holder by
  holder.

The writers (:mod:`.markdown`, :mod:`.html`, :mod:`.xlsx`) only lay these
tables out: they never compute. Values stay unrounded numbers here; ``None``
means missing or undefined, and the row's ``Keterangan`` cell says why.

The parts live in :mod:`.tables`, :mod:`.words`, :mod:`.display`, :mod:`.build`; this module names them in one place."""
from __future__ import annotations

from .tables import AgencySection, Column, IndividualSection, Mark, OBJECTIVE_LEVEL, ObjectiveSection, Range, Report, Row, ScaleLegend, SignatureBlock, Table, Value
from .words import TEXT, period_label, year_before
from .display import MISSING_TEXT, NUMERIC_FORMATS, decimals, display, scale_text
from .build import build_report, signature_block
from ..output.reasons import reasons

__all__ = ['AgencySection', 'Column', 'IndividualSection', 'MISSING_TEXT', 'Mark', 'NUMERIC_FORMATS', 'OBJECTIVE_LEVEL', 'ObjectiveSection', 'Range', 'Report', 'Row', 'ScaleLegend', 'SignatureBlock', 'TEXT', 'Table', 'Value', 'build_report', 'decimals', 'display', 'period_label', 'reasons', 'scale_text', 'signature_block', 'year_before']
