"""The engine's reasons as numbered footnotes in plain words (PRODUCT.md §9).

The Keterangan column of a report belongs to the planner (the ``note`` column of the data
files); why a figure is missing or undefined goes to a footnote under the table, said as a
planner would say it: periods as "Triwulan I s.d. III 2023", variables by their label,
indicators and elements by their name, never an internal id or a canonical period key.
The sentences come from the message catalog (``catalog_documents``), so both languages
stay complete.

The engine's problems are catalog codes with parameters (``Problem``); this module groups
them by code and says them as whole sentences for documents, naming variables by label and
indicators by name. A problem it has no document sentence for is said with its own catalog
text, so nothing is lost.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..data.periods import PeriodError, parse_period
from ..messages import Problem, render, say
from ..output.reasons import group_problems

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def period_words(key: str, lang: str) -> str:
    """A canonical key as a planner writes it ("2023-Q1..2023-Q3" → "Triwulan I s.d. III 2023")."""
    from .words import period_label

    try:
        return period_label(parse_period(key), lang)
    except (PeriodError, ValueError):
        return key


def marker(refs: list[int]) -> str:
    """Footnote numbers as superscript text ("¹,³"): the same in HTML, Markdown, XLSX and DOCX."""
    return ",".join(str(k).translate(SUPERSCRIPT) for k in refs)


def plain_reasons(messages: list, lang: str, names: dict[str, str], labels: dict[str, str],
                  lead_period: str | None = None) -> list[str]:
    """The engine's problems for one figure as whole sentences in ``lang``, grouped by their
    codes (never by reading a sentence back).

    ``names`` maps indicator and element ids to their names, ``labels`` variable ids to their
    labels. Problems about missing data are merged per period into one sentence listing what
    is missing. With ``lead_period`` (a canonical key), sentences that do not name a period
    themselves are led by that period in words (the comparison table mixes two periods).
    """
    def who(p: Problem, field: str) -> str:
        var = p.params.get("variable")
        if var is not None and var in labels:
            return labels[var]
        text = str(p.params.get(field, ""))
        return labels.get(text) or names.get(text, text)

    def key_of(p: Problem) -> tuple[tuple[str, str], str] | None:
        if p.code in ("eng-no-data", "eng-no-actual"):
            key = ("doc-no-data" if p.code == "eng-no-data" else "doc-no-actual", str(p.params.get("period")))
            return key, who(p, "what" if p.code == "eng-no-data" else "indicator")
        if p.code == "eng-left-out":
            what, why = p.params.get("what"), p.params.get("why")
            kind = "indicator" if getattr(what, "code", "") == "w-indicator" else "element"
            undefined = getattr(why, "code", "") == "w-undefined"
            ident = str(p.params.get("id", ""))
            return (f"doc-left-out-{kind}" + ("-undefined" if undefined else ""), ""), f"“{names.get(ident, ident)}”"
        return None

    slots, grouped = group_problems(messages, key_of)
    has_gap = any(k[0] in ("doc-no-data", "doc-no-actual") for k in grouped)
    out: list[str] = []
    for slot in slots:
        dated = True
        if isinstance(slot, tuple):
            code, period = slot
            if period:
                text = render(code, {"period": period_words(period, lang), "what": ", ".join(grouped[slot])}, lang)
            else:
                text = render(code, {"names": ", ".join(grouped[slot])}, lang)
                dated = False
        elif isinstance(slot, Problem):
            if has_gap and slot.code in ("eng-skipped-one", "eng-skipped-many"):
                continue
            text, dated = _one(slot, lang, who)
        else:
            text, dated = str(slot), False
        if lead_period and not dated:
            text = render("doc-in-period", {"period": period_words(lead_period, lang), "text": text}, lang)
        if text not in out:
            out.append(text)
    return out


def _one(p: Problem, lang: str, who) -> tuple[str, bool]:
    """One problem as a sentence, and whether the sentence names its period."""
    code, params = p.code, p.params
    if code == "eng-data-error":
        return render("doc-data-error", {"what": who(p, "what"), "period": period_words(str(params["period"]), lang),
                                         "reason": say(params.get("error", ""), lang)}, lang), True
    if code in ("ach-no-target", "eng-no-target-of"):
        return render("doc-no-target", {"period": period_words(str(params.get("period")), lang)}, lang), True
    if code in ("eng-skipped-one", "eng-skipped-many"):
        return render("doc-skipped", {"count": params.get("k")}, lang), False
    if code in ("ach-target-zero-positive", "ach-target-zero-negative"):
        return render("doc-target-zero", {}, lang), False
    if code in ("eng-division-by-zero", "eng-wavg-zero-weights"):
        return render("doc-division-by-zero", {"formula": params.get("text")}, lang), False
    if code == "eng-element-no-indicators":
        return render("doc-no-indicators", {}, lang), False
    if code in ("eng-element-no-indicator-parts", "eng-element-no-child-parts"):
        word = Problem("w-indicator" if code == "eng-element-no-indicator-parts" else "w-supporting-element")
        return render("doc-no-children", {"what": word}, lang), False
    return p.render(lang), False


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
