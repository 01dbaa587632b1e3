"""Building the report's tables once from the engine's results (see :mod:`.model`).
"""
from __future__ import annotations

import re
import numpy as np
from ..data.periods import Period, PeriodError, parse_period
from ..messages import render
from ..messages.language import LANGUAGES, language, words
from ..model import POSITION_LEVEL, DefinitionSet, Element, Scale, TargetValue, scale_title
from ..output.reasons import reasons
from .footnotes import Footnoter, marker, period_words, plain_reasons
from ..engine.results import STATUS_NAMES, ElementResult, Evaluation, IndicatorResult, messages_at
from .tables import AgencySection, Column, IndividualSection, Mark, OBJECTIVE_LEVEL, ObjectiveSection, Range, Report, Row, ScaleLegend, SignatureBlock, Table, Value
from .words import TEXT, period_label, year_before


def _num(x) -> float | None:
    if x is None:
        return None
    x = float(x)
    return None if np.isnan(x) else x


def _target_value(t: TargetValue | None) -> Value:
    if t is None:
        return None
    if t.grade is not None:
        return t.grade
    if t.is_range:
        return Range(float(t.min), float(t.max))
    return None if t.number is None else float(t.number)


def _mark(scale: Scale, predicate: np.ndarray, i: int, status: str, lang: str) -> Mark:
    p = int(predicate[i])
    if p >= 0:
        band = scale.bands[p]
        return Mark(band.label, band.color, "ok")
    return Mark(TEXT[lang]["missing" if status != "error" else "error"], None, status)


def _status_of(value: float | None, undefined: bool) -> str:
    if undefined:
        return "error"
    return "missing" if value is None else "ok"


# ---------------------------------------------------------------------------- the builder
class _Builder:
    def __init__(self, engine, period: Period, entity: str | None, lang: str):
        self.engine = engine
        self.dset: DefinitionSet = engine.dset
        self.period = period
        self.entity = entity
        self.lang = lang
        self.T = TEXT[lang]
        self.names: dict[str, str] = {i.id: i.name for i in self.dset.indicators.values()}
        self.names.update({e.id: e.statement or e.id for e in self.dset.elements.values()})
        self.children: dict[str, list[str]] = {}
        for el in self.dset.elements.values():
            for p in el.supports:
                self.children.setdefault(p, []).append(el.id)
        self.labels: dict[str, str] = {v.id: v.label or v.id for v in self.dset.variables.values()}
        self._planner_notes = _index_notes(getattr(getattr(engine, "store", None), "table", None))

    def _plain(self, problems: list, i: int, lead: str | None = None) -> list[str]:
        """The reasons behind one entity's result as footnote sentences (§9)."""
        return plain_reasons(messages_at(problems, i), self.lang, self.names, self.labels, lead)

    def _note(self, ids: list[str], i: int, axis, fn: Footnoter | None = None,
              why: list[str] | None = None) -> tuple[str, list[int]]:
        """The Keterangan cell: the planner's notes for these ids in this period, then footnote markers."""
        entity = axis.labels[i] if axis is not None else None
        texts: list[str] = []
        for key in ids:
            for ent in ((None, entity) if entity is not None else (None,)):
                for p, text in self._planner_notes.get((ent, key), ()):
                    if self.period.contains(p) and text not in texts:
                        texts.append(text)
        refs = fn.refs(why) if (fn is not None and why) else []
        cell = "; ".join(texts)
        if refs:
            cell = (cell + " " if cell else "") + marker(refs)
        return cell, refs

    def _data_ids(self, indicator_id: str) -> list[str]:
        """The indicator's id and the variables its formula reads: where its planner notes may sit."""
        ids = [indicator_id]
        for ref in self.dset.refs.get(indicator_id, {}).values():
            if getattr(ref, "kind", "") == "variable" and ref.id not in ids:
                ids.append(ref.id)
        return ids

    def _why(self, problems: list, i: int) -> list[str]:
        """The reasons (for this period) behind one entity's result, short and named."""
        return reasons(messages_at(problems, i), self.lang, self.period.key, "", names=self.names)

    # -- entry point -----------------------------------------------------------------------
    def build(self) -> tuple[Report, list]:
        engine, period = self.engine, self.period
        ev = engine.evaluate(period, self.entity)
        self.ind = _index_ind(ev)
        self.els = _index_el(ev)
        self.agency_res = {(a.agency, a.axis.key): a for a in ev.agencies}
        self.prev = year_before(period)

        main_axis = next((r.axis for r in ev.elements if r.element.level != POSITION_LEVEL), None)
        agencies: list[AgencySection] = []
        order = self._agencies()
        if self.prev is not None and main_axis is not None:
            # the year before, for what the comparison tables show (and what that reads), ahead
            # and as columns; _previous then finds it
            engine.prepare(self.prev, [(ind_id, main_axis) for _, objectives in order for el in objectives
                                       for ind_id in self._indicators(el)])
        if main_axis is not None:
            for i, label in enumerate(main_axis.labels):
                for name, objectives in order:
                    agencies.append(self._agency(name, objectives, main_axis, i, label))
        for n, a in enumerate(agencies, 1):
            a.number = n
        individuals = self._individuals(ev)
        # the year before was evaluated only for what the comparison tables show (_previous);
        # the engine keeps every diagnostic of both periods
        diagnostics = list(engine.diagnostics)
        report = Report(
            title=self.T["title"], lang=self.lang, period=period.key, period_label=period_label(period, self.lang),
            previous=self.prev.key if self.prev else None,
            previous_label=period_label(self.prev, self.lang) if self.prev else None,
            entity=self.entity, agencies=agencies, individuals=individuals,
            legends=self._legends(), efficiency=engine.efficiency)
        _unique_sheets(report)
        return report, diagnostics

    def _agencies(self) -> list[tuple[str, list[Element]]]:
        """Agencies in file order, each with its strategic objectives (file order)."""
        by: dict[str, list[Element]] = {}
        for el in self.dset.elements.values():
            if el.level == OBJECTIVE_LEVEL:
                by.setdefault(el.agency or "", []).append(el)
        return list(by.items())

    # -- one agency ------------------------------------------------------------------------
    def _agency(self, name: str, objectives: list[Element], axis, i: int, entity: str | None) -> AgencySection:
        T = self.T
        sections = [self._objective(n, el, axis, i) for n, el in enumerate(objectives, 1)]
        a = self.agency_res.get((name, axis.key))
        if a is not None:
            ach = _num(a.achievement.value[i])
            mark = _mark(a.scale, a.predicate, i, "ok" if ach is not None else "missing", self.lang)
        else:
            ach, mark = None, Mark(T["missing"], None, "missing")
        label = name or "-"
        summary = self._summary(label, sections, objectives, axis, i, ach, mark)
        if entity is not None:
            summary.key += f"-{_slug(entity)}"
        return AgencySection(label, entity, ach, mark, summary, sections)

    def _summary(self, agency: str, sections, objectives, axis, i, ach, mark) -> Table:
        T = self.T
        cols = [Column("no", T["no"], "int", width=5), Column("objective", T["objective"], "text", width=48),
                Column("n", T["n_ind"], "int", width=10), Column("ach", T["achievement"], "pct", width=11),
                Column("pred", T["predicate"], "mark", width=14), Column("ceiling", T["ceiling"], "money", width=18),
                Column("spent", T["spent"], "money", width=18), Column("abs", T["absorption"], "pct", width=10),
                Column("eff", T["efficiency"], "pct", width=10), Column("notes", T["notes"], "notes", width=40)]
        rows = []
        fn = Footnoter()
        for s, el in zip(sections, objectives):
            r = self.els[(el.id, axis.key)]
            b = r.budget
            why = self._plain(r.problems, i) + ([] if b else [render("doc-no-budget", {}, self.lang)])
            note, refs = self._note([el.id], i, axis, fn, why)
            rows.append(Row({"no": s.number, "objective": s.statement, "n": len(el.indicators),
                             "ach": s.achievement, "pred": s.mark,
                             "ceiling": _num(b.ceiling) if b else None, "spent": _num(b.spent) if b else None,
                             "abs": _num(b.absorption) if b else None, "eff": r.efficiency(i) if b else None,
                             "notes": note}, refs=refs))
        ceiling, spent = self._agency_budget([el.id for el in objectives], axis)
        absorption = spent / ceiling * 100.0 if (ceiling and spent is not None) else None
        eff = None
        if absorption is not None and ach is not None:
            eff = (ach - absorption) if self.engine.efficiency != "ratio" else (
                ach / absorption * 100.0 if absorption else None)
        why = [] if ach is not None else [render("doc-no-objective-achievement", {}, self.lang)]
        note, refs = self._note([], i, axis, fn, why)
        rows.append(Row({"no": "", "objective": T["agency_total"], "n": sum(len(el.indicators) for el in objectives),
                         "ach": ach, "pred": mark, "ceiling": ceiling, "spent": spent, "abs": absorption,
                         "eff": eff, "notes": note}, kind="total", refs=refs))
        title = T["t_summary"].format(agency=agency)
        return _footnoted(Table(f"summary-{_slug(agency)}", T["s_summary"], title, cols, rows, [T["n_summary"]],
                                "objective"), fn)

    def _agency_budget(self, roots: list[str], axis) -> tuple[float | None, float | None]:
        """Sum of the topmost elements below the objectives that have a budget of their own."""
        picked: list[str] = []
        seen: set[str] = set()

        def walk(eid: str) -> None:
            if eid in seen:
                return
            seen.add(eid)
            el = self.dset.elements[eid]
            if el.level == POSITION_LEVEL:
                return
            r = self.els.get((eid, axis.key))
            if r is not None and r.budget is not None and r.budget.own:
                picked.append(eid)
                return
            for c in self.children.get(eid, []):
                walk(c)

        for root in roots:
            walk(root)
        if not picked:
            return None, None
        ceiling = spent = None
        for eid in picked:
            b = self.els[(eid, axis.key)].budget
            if b.ceiling is not None:
                ceiling = (ceiling or 0.0) + b.ceiling
            if b.spent is not None:
                spent = (spent or 0.0) + b.spent
        return ceiling, spent

    # -- one strategic objective -----------------------------------------------------------
    def _objective(self, n: int, el: Element, axis, i: int) -> ObjectiveSection:
        r = self.els[(el.id, axis.key)]
        ach = _num(r.achievement.value[i])
        status = _status_of(ach, bool(r.achievement.undefined[i]))
        mark = _mark(r.scale, r.predicate, i, status, self.lang)
        tables = [self._pk(n, el, r, axis, i, ach, mark), self._comparison(n, el, axis, i)]
        budget = self._budget(n, el, axis, i)
        if budget is not None:
            tables.append(budget)
        suffix = f"-{_slug(axis.labels[i])}" if axis.labels[i] is not None else ""
        for t in tables:
            t.key += suffix
        return ObjectiveSection(n, el.id, el.statement or el.id, ach, mark, tables)

    def _indicator_cells(self, r: IndicatorResult, i: int) -> dict[str, Value]:
        ach = _num(r.achievement.value[i])
        status = STATUS_NAMES[int(r.status[i])]
        return {"unit": r.indicator.unit or "", "target": _target_value(r.target),
                "actual": _actual(r, i), "ach": ach,
                "pred": _mark(r.scale, r.predicate, i, status, self.lang)}

    def _pk(self, n, el, er: ElementResult, axis, i, ach, mark) -> Table:
        T = self.T
        cols = [Column("no", T["no"], "int", width=5), Column("indicator", T["indicator"], "text", width=50),
                Column("unit", T["unit"], "text", width=9), Column("target", T["target"], "num", width=11),
                Column("actual", T["actual"], "num", width=11), Column("ach", T["achievement"], "pct", width=11),
                Column("pred", T["predicate"], "mark", width=14), Column("notes", T["notes"], "notes", width=45)]
        rows = []
        sources: list[str] = []
        fn = Footnoter()
        for k, ind_id in enumerate(self._indicators(el), 1):
            r = self.ind[(ind_id, axis.key)]
            note, refs = self._note(self._data_ids(ind_id), i, axis, fn, self._plain(r.problems, i))
            cells = {"no": k, "indicator": r.indicator.name, **self._indicator_cells(r, i), "notes": note}
            rows.append(Row(cells, refs=refs))
            if r.indicator.source:
                sources.append(f"{k}. {r.indicator.source}")
        note, refs = self._note([el.id], i, axis, fn, self._plain(er.problems, i))
        rows.append(Row({"no": "", "indicator": T["objective_total"], "unit": "", "target": "", "actual": "",
                         "ach": ach, "pred": mark, "notes": note}, kind="total", refs=refs))
        notes = [T["n_pk"]]
        if sources:
            notes.append(f"{T['sources']}: " + "; ".join(sources))
        return _footnoted(Table(f"pk-{_slug(el.id)}", T["s_pk"].format(n=n), f"{T['t_pk'].format(n=n)}", cols,
                                rows, notes), fn)

    def _previous(self, ind_id: str, axis):
        """The indicator's result a year before, on the same entities: evaluated on demand, so
        the report pays for the year before only the indicators it shows (and what they read),
        not a second evaluation of the whole set."""
        if self.prev is None:
            return None
        return self.engine.indicator_result(ind_id, self.prev, axis)

    def _indicators(self, el: Element) -> list[str]:
        return [i for i in el.indicators if i in self.dset.indicators]

    def _comparison(self, n, el, axis, i) -> Table:
        T = self.T
        prev = self.prev
        cur_label, prev_label = period_label(self.period, self.lang), (
            period_label(prev, self.lang) if prev else "-")
        rows = []
        end_years: list[int] = []
        fn = Footnoter()
        for k, ind_id in enumerate(self._indicators(el), 1):
            r = self.ind[(ind_id, axis.key)]
            rp = self._previous(ind_id, axis)
            notes: list[str] = []
            cells: dict[str, Value] = {"no": k, "indicator": r.indicator.name, "unit": r.indicator.unit or ""}
            if rp is not None:
                cells.update({"p_target": _target_value(rp.target), "p_actual": _actual(rp, i),
                              "p_ach": _num(rp.achievement.value[i])})
                notes += self._plain(rp.problems, i, prev.key)
            else:
                cells.update({"p_target": None, "p_actual": None, "p_ach": None})
                notes.append(render("doc-no-previous", {}, self.lang))
            cells.update({"target": _target_value(r.target), "actual": _actual(r, i),
                          "ach": _num(r.achievement.value[i])})
            notes += self._plain(r.problems, i, self.period.key)
            year, end_target = _end_target(r.indicator.target)
            if end_target is None:
                cells.update({"e_target": None, "e_ach": None})
                notes.append(render("doc-no-end-target", {}, self.lang))
            else:
                end_years.append(year)
                value, msgs = self._achievement_against(r, i, end_target)
                cells.update({"e_target": _target_value(end_target), "e_ach": value})
                if end_target != r.target:      # the same target: its problems are told above
                    notes += [render("doc-in-period", {"period": f"{T['renstra']} {year}", "text": t}, self.lang)
                              for t in plain_reasons(msgs, self.lang, self.names, self.labels)]
            cells["notes"], refs = self._note(self._data_ids(ind_id), i, axis, fn, notes)
            rows.append(Row(cells, refs=refs))
        renstra = T["renstra"] + (f" {max(end_years)}" if end_years and len(set(end_years)) == 1 else "")
        cols = [Column("no", T["no"], "int", width=5), Column("indicator", T["indicator"], "text", width=40),
                Column("unit", T["unit"], "text", width=9),
                Column("p_target", T["target"], "num", prev_label, 10),
                Column("p_actual", T["actual"], "num", prev_label, 10),
                Column("p_ach", T["achievement"], "pct", prev_label, 10),
                Column("target", T["target"], "num", cur_label, 10),
                Column("actual", T["actual"], "num", cur_label, 10),
                Column("ach", T["achievement"], "pct", cur_label, 10),
                Column("e_target", T["renstra_target"], "num", renstra, 10),
                Column("e_ach", T["renstra_ach"], "pct", renstra, 10),
                Column("notes", T["notes"], "notes", width=45)]
        title = T["t_cmp"].format(prev=prev_label)
        return _footnoted(Table(f"cmp-{_slug(el.id)}", T["s_cmp"].format(n=n), title, cols, rows, [T["n_cmp"]]), fn)

    def _achievement_against(self, r: IndicatorResult, i: int, target: TargetValue) -> tuple[float | None, list[str]]:
        """The achievement of this period's actual against another target (the Renstra end target)."""
        return self.engine.achievement_against(r, i, target)

    def _budget(self, n, el: Element, axis, i) -> Table | None:
        T = self.T
        top = self.els[(el.id, axis.key)]
        if top.budget is None:
            return None
        rows: list[Row] = []
        seen: set[str] = set()
        fn = Footnoter()
        L = self.lang

        def row(r: ElementResult, depth: int, kind: str, parent: str | None) -> Row:
            b = r.budget
            notes: list[str] = []
            if b.key is not None and _period_key(b.key) != self.period.key:
                notes.append(render("doc-budget-year", {"period": period_words(_period_key(b.key), L)}, L))
            if b.ceiling is None:
                notes.append(render("doc-no-ceiling", {}, L))
            elif b.ceiling == 0:
                notes.append(render("doc-ceiling-zero", {}, L))
            if b.spent is None:
                notes.append(render("doc-no-spent", {"period": period_words(self.period.key, L)}, L))
            if not b.own:
                notes.append(_sentence(T["r_summed"]))
            if parent is not None and len(r.element.supports) > 1:
                others = [self.names.get(p, p) for p in r.element.supports if p != parent]
                notes.append(_sentence(T["r_crosscut"].format(ids="; ".join(others))))
            notes += self._plain(r.problems, i)
            note, refs = self._note([r.element.id], i, axis, fn, notes)
            return Row({"level": words("levels", self.lang).get(r.element.level, r.element.level),
                        "element": r.element.statement or r.element.id,
                        "ceiling": _num(b.ceiling), "spent": _num(b.spent), "abs": _num(b.absorption),
                        "ach": _num(r.achievement.value[i]), "eff": r.efficiency(i),
                        "notes": note}, kind=kind, indent=depth, refs=refs)

        def walk(eid: str, depth: int) -> None:
            for c in self.children.get(eid, []):
                if c in seen or self.dset.elements[c].level == POSITION_LEVEL:
                    continue
                r = self.els.get((c, axis.key))
                if r is None or r.budget is None:
                    continue
                seen.add(c)
                rows.append(row(r, depth, "data", eid))
                walk(c, depth + 1)

        rows.append(row(top, 0, "total", None))
        walk(el.id, 1)
        for k, rw in enumerate(rows):
            rw.cells["no"] = k if k else ""
        cols = [Column("no", T["no"], "int", width=5), Column("level", T["level"], "text", width=14),
                Column("element", T["element"], "text", width=48),
                Column("ceiling", T["ceiling"], "money", width=18), Column("spent", T["spent"], "money", width=18),
                Column("abs", T["absorption"], "pct", width=10), Column("ach", T["perf"], "pct", width=11),
                Column("eff", T["efficiency"], "pct", width=10), Column("notes", T["notes"], "notes", width=45)]
        note = T["n_budget_ratio"] if self.engine.efficiency == "ratio" else T["n_budget_difference"]
        return _footnoted(Table(f"budget-{_slug(el.id)}", T["s_budget"].format(n=n), T["t_budget"].format(n=n),
                                cols, rows, [note], "element"), fn)

    # -- individual indicators ------------------------------------------------------------
    def _individuals(self, ev: Evaluation) -> list[IndividualSection]:
        T = self.T
        from ..engine.batch import holders_axis, roster_of

        roster = roster_of(self.engine)          # the YAML holders merged with --holders
        entity_is_holder = roster.is_holder(self.entity)
        held = set(roster.positions_of(self.entity)) if entity_is_holder else set()
        by_agency: dict[str, list[Row]] = {}
        fns: dict[str, Footnoter] = {}
        for el in self.dset.elements.values():
            if el.level != POSITION_LEVEL or not self._indicators(el):
                continue
            names = roster.holder_names(el.id)
            if entity_is_holder:
                if el.id not in held:
                    continue
                axis = self.engine.axis(self.entity, [self.entity])
            elif roster.count(el.id):
                axis = holders_axis(self.engine, el.id)
            else:
                axis = self.engine.axis("null", [None])
            rows = by_agency.setdefault(el.agency or "", [])
            fn = fns.setdefault(el.agency or "", Footnoter())
            rows.append(Row({}, kind="group", label=el.statement or el.id))
            er = self.engine.element_result(el.id, self.period, axis)
            results = [self.engine.indicator_result(ind_id, self.period, axis) for ind_id in self._indicators(el)]
            for i, nip in enumerate(axis.labels):
                name = names.get(nip, "") if nip is not None else T["no_holder"]
                for k, r in enumerate(results, 1):
                    note, refs = self._note(self._data_ids(r.indicator.id), i, axis, fn, self._plain(r.problems, i))
                    cells = {"no": k, "nip": nip if nip is not None else "", "name": name,
                             "indicator": r.indicator.name, **self._indicator_cells(r, i), "notes": note}
                    rows.append(Row(cells, cont=k > 1, refs=refs))
                ach = _num(er.achievement.value[i])
                status = _status_of(ach, bool(er.achievement.undefined[i]))
                note, refs = self._note([el.id], i, axis, fn, self._plain(er.problems, i))
                rows.append(Row({"no": "", "nip": nip if nip is not None else "", "name": name,
                                 "indicator": T["holder_total"], "unit": "", "target": "", "actual": "",
                                 "ach": ach, "pred": _mark(er.scale, er.predicate, i, status, self.lang),
                                 "notes": note}, kind="total", cont=True, refs=refs))
            if not entity_is_holder and len(axis.labels) > 1:
                # one person, one number: the position's own figure is its holders' mean, as
                # eval without --entity, render and serve show it (engine/positions.py)
                pm = self.engine.element_result(el.id, self.period, self.engine.axis("null", [None]))
                ach = _num(pm.achievement.value[0])
                status = _status_of(ach, bool(pm.achievement.undefined[0]))
                rows.append(Row({"no": "", "nip": "", "name": "",
                                 "indicator": T["position_mean"].format(n=len(axis.labels)), "unit": "",
                                 "target": "", "actual": "", "ach": ach,
                                 "pred": _mark(pm.scale, pm.predicate, 0, status, self.lang), "notes": ""},
                                kind="total"))
        cols = [Column("no", T["no"], "int", width=5), Column("nip", T["nip"], "text", width=20, repeat=False),
                Column("name", T["name"], "text", width=22, repeat=False),
                Column("indicator", T["indicator"], "text", width=46), Column("unit", T["unit"], "text", width=9),
                Column("target", T["target"], "num", width=11), Column("actual", T["actual"], "num", width=11),
                Column("ach", T["achievement"], "pct", width=11), Column("pred", T["predicate"], "mark", width=14),
                Column("notes", T["notes"], "notes", width=40)]
        out = []
        for agency, rows in by_agency.items():
            label = agency or "-"
            out.append(IndividualSection(label, _footnoted(Table(f"iki-{_slug(label)}", T["s_iki"],
                                                                 T["t_iki"].format(agency=label), cols, rows,
                                                                 [T["n_iki"]]), fns[agency])))
        return out

    # -- legend ----------------------------------------------------------------------------
    def _legends(self) -> list[ScaleLegend]:
        """The predicate scales the tables use, for the legend."""
        scales: dict[str, Scale] = {}
        for r in list(self.els.values()) + list(self.ind.values()):
            if r.scale.kind == "predicate":
                scales.setdefault(r.scale.name, r.scale)
        out = []
        for name, scale in scales.items():
            bands = []
            upper = None
            for b in scale.bands:
                lo = None if b.min == float("-inf") else float(b.min)
                bands.append((b.label, lo, upper, b.color))
                upper = lo
            out.append(ScaleLegend(name, bands, scale_title(scale, self.lang)))
        return out


def _footnoted(table: Table, fn: Footnoter) -> Table:
    """The table with its footnotes: kept as a list, and printed as numbered lines before its notes."""
    table.footnotes = list(fn.texts)
    table.notes = fn.lines() + table.notes
    return table


def _sentence(text: str) -> str:
    return (text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")) if text else text


def _index_notes(table) -> dict[tuple[str | None, str], list]:
    """(entity, variable) → [(period, text)] from the data files' note column."""
    out: dict[tuple[str | None, str], list] = {}
    for entity, period, variable, text in getattr(table, "notes", None) or ():
        out.setdefault((entity, variable), []).append((period, text))
    for lst in out.values():
        lst.sort(key=lambda pt: (pt[0].start_month, pt[0].end_month))
    return out


def _actual(r: IndicatorResult, i: int) -> Value:
    a = r.actual_display(i)
    return a if isinstance(a, str) or a is None else float(a)


def _end_target(target) -> tuple[int | None, TargetValue | None]:
    """The target of the last year in the indicator's target map (the Renstra end target)."""
    if target is None or not target.by_period:
        return None, None
    best: tuple[int, TargetValue] | None = None
    for key, value in target.by_period:
        try:
            p = parse_period(key)
        except PeriodError:
            continue
        if p.granularity == "year" and (best is None or p.year_start() > best[0]):
            best = (p.year_start(), value)
    return best if best else (None, None)


def _period_key(text: str) -> str:
    try:
        return parse_period(text).key
    except PeriodError:
        return text


def _index_ind(ev: Evaluation) -> dict[tuple[str, str], IndicatorResult]:
    return {(r.indicator.id, r.axis.key): r for r in ev.indicators}


def _index_el(ev: Evaluation) -> dict[tuple[str, str], ElementResult]:
    return {(r.element.id, r.axis.key): r for r in ev.elements}


def _slug(text: str | None) -> str:
    s = re.sub(r"[^A-Za-z0-9]+", "-", text or "").strip("-").lower()
    return s or "x"


_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def _unique_sheets(report: Report) -> None:
    """XLSX sheet names: at most 31 characters, none of []:*?/\\, unique (case-insensitively)."""
    several_agencies = len(report.agencies) > 1
    used: set[str] = set()
    for a in report.agencies:
        prefix = f"{a.number} " if several_agencies else ""
        tables = [a.summary] + [t for o in a.objectives for t in o.tables]
        for t in tables:
            t.sheet = prefix + t.sheet
    if len(report.individuals) > 1:
        for k, s in enumerate(report.individuals, 1):
            s.table.sheet = f"{s.table.sheet} {k}"
    for t in report.tables():
        base = _SHEET_BAD.sub("-", t.sheet)[:31].strip() or "Sheet"
        name, k = base, 2
        while name.lower() in used:
            suffix = f" ({k})"
            name = base[:31 - len(suffix)] + suffix
            k += 1
        used.add(name.lower())
        t.sheet = name


def signature_block(dset: DefinitionSet, agencies: list[str], when, lang: str) -> SignatureBlock | None:
    """The signature block of the report's (first) agency that has a ``signatory``, dated ``when``.

    The date is written as in Indonesian letters with ``--lang id`` ("31 Desember 2023"), by Babel.
    """
    from babel.dates import format_date

    sig = next((dset.signatories[a] for a in agencies if a in dset.signatories), None)
    if sig is None:
        return None
    date_text = format_date(when, "d MMMM y", locale=language(lang).locale)
    place_date = render("doc-place-date", {"place": sig.place, "date": date_text}, lang) if sig.place else date_text
    return SignatureBlock(place_date, sig.position or "", sig.name or "",
                          render("doc-nip", {"nip": sig.nip}, lang) if sig.nip else "")


def build_report(engine, period: Period | str, entity: str | None = None, lang: str = "id",
                 date=None) -> tuple[Report, list]:
    """Build every table of the report once; return it with the engine's diagnostics.

    ``engine`` is an :class:`~indikator.engine.Engine`; it is asked for
    ``period``, for the same span a year earlier, and for each position per holder.
    """
    if isinstance(period, str):
        period = parse_period(period)
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language '{lang}'; use id or en")
    report, diagnostics = _Builder(engine, period, entity, lang).build()
    import datetime

    names = list(dict.fromkeys([a.name for a in report.agencies] + [s.agency for s in report.individuals]))
    report.agency = ", ".join(n for n in names if n and n != "-")
    report.signature = signature_block(engine.dset, names, date or datetime.date.today(), lang)
    return report, diagnostics
