"""The engine's reasons as numbered footnotes in plain words (PRODUCT.md §9).

The Keterangan column of a report belongs to the planner (the ``note`` column of the data
files); why a figure is missing or undefined goes to a footnote under the table, said as a
planner would say it: periods as "Triwulan I s.d. III 2023", variables by their label,
indicators and elements by their name, never an internal id or a canonical period key.
The sentences come from the message catalog (``catalog_documents``), so both languages
stay complete.

The engine still speaks in English sentences with the ids in them; this module is the one
place that turns them into words for documents. A sentence it does not know is kept as the
engine wrote it, so nothing is lost.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..data.periods import PeriodError, parse_period
from ..messages import render

_NO_DATA = re.compile(r"^no data for '(?P<what>.*)' in (?P<p>\S+)$")
_DATA_ERROR = re.compile(r"^data error for '(?P<what>.*)' in (?P<p>\S+): (?P<reason>.*)$", re.S)
_NO_ACTUAL = re.compile(r"^'(?P<what>[^']*)' has no actual in (?P<p>\S+)$")
_SKIPPED = re.compile(r"^(?P<fn>\w+)\(\) in '.*' skipped (?P<k>\d+) missing values?$", re.S)
_NO_TARGET = re.compile(r"^'?(?P<what>[^' ]*)'? ?has no target in (?P<p>\S+)$|^no target for (?P<p2>\S+)$")
_TARGET0 = re.compile(r"^target is 0: ")
_DIV0 = re.compile(r"^division by zero \(pembagian dengan nol\) in '(?P<f>.*)'", re.S)
_NO_INDICATORS = re.compile(r"^element \S+ has neither indicators nor 'achievement: children'$")
_NO_CHILDREN = re.compile(r"^element \S+ has no (?P<what>indicator|supporting element)s to take the achievement from$")
_LEFT_OUT = re.compile(r"^(?P<what>indicator|supporting element) (?P<id>\S+) left out of the mean "
                       r"\(its achievement is (?P<why>missing|undefined)\)$")
_LABELLED = re.compile(r"^(?P<label>.*) \((?P<id>[A-Za-z_][A-Za-z0-9_.-]*)\)$")

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def period_words(key: str, lang: str) -> str:
    """A canonical key as a planner writes it ("2023-Q1..2023-Q3" → "Triwulan I s.d. III 2023")."""
    from .model import period_label

    try:
        return period_label(parse_period(key), lang)
    except (PeriodError, ValueError):
        return key


def marker(refs: list[int]) -> str:
    """Footnote numbers as superscript text ("¹,³"): the same in HTML, Markdown, XLSX and DOCX."""
    return ",".join(str(k).translate(SUPERSCRIPT) for k in refs)


def plain_reasons(messages: list[str], lang: str, names: dict[str, str], labels: dict[str, str],
                  lead_period: str | None = None) -> list[str]:
    """The engine's messages for one figure as whole sentences in ``lang``.

    ``names`` maps indicator and element ids to their names, ``labels`` variable ids to their
    labels. Messages about missing data are merged per period into one sentence listing what
    is missing. With ``lead_period`` (a canonical key), sentences that do not name a period
    themselves are led by that period in words (the comparison table mixes two periods).
    """
    def who(text: str) -> str:
        m = _LABELLED.match(text)
        if m and m.group("id") in labels:
            return m.group("label")
        return labels.get(text) or names.get(text, text)

    grouped: dict[tuple[str, str], list[str]] = {}
    slots: list = []
    for msg in messages:
        m = _NO_DATA.match(msg) or _NO_ACTUAL.match(msg)
        if m:
            key = ("doc-no-data" if m.re is _NO_DATA else "doc-no-actual", m.group("p"))
            item = who(m.group("what"))
        else:
            m = _LEFT_OUT.match(msg)
            if not m:
                slots.append(msg)
                continue
            kind = "indicator" if m.group("what") == "indicator" else "element"
            key = (f"doc-left-out-{kind}" + ("-undefined" if m.group("why") == "undefined" else ""), "")
            item = f"“{names.get(m.group('id'), m.group('id'))}”"
        if key not in grouped:
            grouped[key] = []
            slots.append(key)
        if item not in grouped[key]:
            grouped[key].append(item)
    has_gap = any(k[0] in ("doc-no-data", "doc-no-actual") for k in grouped)
    out: list[str] = []
    for slot in slots:
        dated = True
        if isinstance(slot, tuple):
            code, p = slot
            if p:
                text = render(code, {"period": period_words(p, lang), "what": ", ".join(grouped[slot])}, lang)
            else:
                text = render(code, {"names": ", ".join(grouped[slot])}, lang)
                dated = False
        else:
            if has_gap and _SKIPPED.match(slot):
                continue
            text, dated = _one(slot, lang, who)
        if lead_period and not dated:
            text = render("doc-in-period", {"period": period_words(lead_period, lang), "text": text}, lang)
        if text not in out:
            out.append(text)
    return out


def _one(msg: str, lang: str, who) -> tuple[str, bool]:
    """One message as a sentence, and whether the sentence names its period."""
    m = _DATA_ERROR.match(msg)
    if m:
        return render("doc-data-error", {"what": who(m.group("what")), "period": period_words(m.group("p"), lang),
                                         "reason": m.group("reason")}, lang), True
    m = _NO_TARGET.match(msg)
    if m:
        return render("doc-no-target", {"period": period_words(m.group("p") or m.group("p2"), lang)}, lang), True
    m = _SKIPPED.match(msg)
    if m:
        return render("doc-skipped", {"count": m.group("k")}, lang), False
    if _TARGET0.match(msg):
        return render("doc-target-zero", {}, lang), False
    m = _DIV0.match(msg)
    if m:
        return render("doc-division-by-zero", {"formula": m.group("f")}, lang), False
    if _NO_INDICATORS.match(msg):
        return render("doc-no-indicators", {}, lang), False
    m = _NO_CHILDREN.match(msg)
    if m:
        what = {"id": {"indicator": "indikator", "supporting element": "elemen pendukung"},
                "en": {"indicator": "indicator", "supporting element": "supporting element"}}
        return render("doc-no-children", {"what": what.get(lang, what["en"])[m.group("what")]}, lang), False
    return msg, False


@dataclass
class Footnoter:
    """Numbers the footnotes of one table: the same sentence keeps its number across rows."""

    texts: list[str] = field(default_factory=list)

    def refs(self, sentences: list[str]) -> list[int]:
        out = []
        for s in sentences:
            if s not in self.texts:
                self.texts.append(s)
            k = self.texts.index(s) + 1
            if k not in out:
                out.append(k)
        return sorted(out)

    def lines(self) -> list[str]:
        """The footnotes as numbered lines for under the table."""
        return [f"{marker([k])} {t}" for k, t in enumerate(self.texts, 1)]
