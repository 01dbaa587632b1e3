"""The engine's messages made short for a table cell: grouped, named, in the chosen language.

Used by the terminal table of ``eval`` and by the report (both lay out what was
computed once; neither computes).
"""
from __future__ import annotations

import re

REASON_TEXT = {
    "id": {
        "r_no_data": "tidak ada data {p}: {what}",
        "r_no_actual": "tidak ada realisasi {p}: {what}",
        "r_no_data_s": "tidak ada data: {what}",
        "r_no_actual_s": "tidak ada realisasi: {what}",
        "r_no_target_s": "tidak ada target",
        "r_skipped": "{fn}() melewati {k} nilai kosong",
        "r_no_target": "tidak ada target untuk {p}",
        "r_target0": "target 0: capaian tidak terdefinisi",
        "r_left_out": "{what} {ids} tidak ikut dirata-rata (capaian tidak ada)",
        "r_left_out_undef": "{what} {ids} tidak ikut dirata-rata (capaian tidak terdefinisi)",
        "r_no_indicators": "tanpa indikator dan tanpa 'capaian: anak'",
        "r_no_children": "tidak ada {what} untuk diambil capaiannya",
        "w_indicator": "indikator",
        "w_element": "elemen pendukung",
    },
    "en": {
        "r_no_data": "no data {p}: {what}",
        "r_no_actual": "no actual {p}: {what}",
        "r_no_data_s": "no data: {what}",
        "r_no_actual_s": "no actual: {what}",
        "r_no_target_s": "no target",
        "r_skipped": "{fn}() skipped {k} missing value(s)",
        "r_no_target": "no target for {p}",
        "r_target0": "target is 0: achievement undefined",
        "r_left_out": "{what} {ids} left out of the mean (achievement missing)",
        "r_left_out_undef": "{what} {ids} left out of the mean (achievement undefined)",
        "r_no_indicators": "no indicators and no 'achievement: children'",
        "r_no_children": "no {what} to take the achievement from",
        "w_indicator": "indicator",
        "w_element": "supporting element",
    },
}


_NO_DATA = re.compile(r"^no data for '(?P<what>.*)' in (?P<p>\S+)$")
_NO_ACTUAL = re.compile(r"^'(?P<what>[^']*)' has no actual in (?P<p>\S+)$")
_SKIPPED = re.compile(r"^(?P<fn>\w+)\(\) in '.*' skipped (?P<k>\d+) missing values?$", re.S)
_NO_TARGET = re.compile(r"^no target for (?P<p>\S+)$")
_TARGET0 = re.compile(r"^target is 0: ")
_NO_INDICATORS = re.compile(r"^element \S+ has neither indicators nor 'achievement: children'$")
_NO_CHILDREN = re.compile(r"^element \S+ has no (?P<what>indicator|supporting element)s to take the achievement from$")
_LEFT_OUT = re.compile(r"^(?P<what>indicator|supporting element) (?P<id>\S+) left out of the mean "
                       r"\(its achievement is (?P<why>missing|undefined)\)$")


def reasons(messages: list[str], lang: str, period: str | None = None, label: str | None = None,
            names: dict[str, str] | None = None) -> list[str]:
    """The engine's messages made short for a table cell.

    Repeated "no data for X in P" messages become one "no data P: X, Y, Z";
    the formula text is dropped from "skipped" messages, and they are left out
    when a "no data" message already explains the gap. With ``lang`` id the
    known messages are said in Indonesian; any other message is kept as the
    engine wrote it. With ``period``, the reasons are for that period: they
    come as one text led by ``label`` (default: the period key) and do not
    repeat the period inside. ``names`` turns indicator and element ids into
    the names a planner knows.
    """
    T = REASON_TEXT[lang]
    names = names or {}
    grouped: dict[tuple[str, str], list[str]] = {}
    slots: list = []
    for msg in messages:
        m = _NO_DATA.match(msg) or _NO_ACTUAL.match(msg)
        if m:
            kind = "r_no_data" if m.re is _NO_DATA else "r_no_actual"
            key = (kind, m.group("p"))
        else:
            m = _LEFT_OUT.match(msg)
            if m:
                key = ("r_left_out" if m.group("why") == "missing" else "r_left_out_undef", m.group("what"))
            else:
                slots.append(msg)
                continue
        if key not in grouped:
            grouped[key] = []
            slots.append(key)
        item = m.group("what") if key[0] in ("r_no_data", "r_no_actual") else m.group("id")
        if key[0] != "r_no_data":
            item = names.get(item, item)
        if item not in grouped[key]:
            grouped[key].append(item)
    has_gap = any(k[0] in ("r_no_data", "r_no_actual") for k in grouped)
    text: list[str] = []
    for slot in slots:
        if isinstance(slot, str):
            if has_gap and _SKIPPED.match(slot):
                continue
            t = _one_reason(slot, T, period)
        elif slot[0] in ("r_no_data", "r_no_actual"):
            what = ", ".join(grouped[slot])
            t = (T[slot[0] + "_s"].format(what=what) if slot[1] == period
                 else T[slot[0]].format(p=slot[1], what=what))
        else:
            what = T["w_indicator"] if slot[1] == "indicator" else T["w_element"]
            t = T[slot[0]].format(what=what, ids=", ".join(f"“{x}”" for x in grouped[slot]))
        if t not in text:
            text.append(t)
    if period is not None and text:
        lead = period if label is None else label
        return [(f"{lead}: " if lead else "") + "; ".join(text)]
    return text


def _one_reason(msg: str, T: dict, period: str | None = None) -> str:
    m = _SKIPPED.match(msg)
    if m:
        return T["r_skipped"].format(fn=m.group("fn"), k=m.group("k"))
    m = _NO_TARGET.match(msg)
    if m:
        return T["r_no_target_s"] if m.group("p") == period else T["r_no_target"].format(p=m.group("p"))
    if _TARGET0.match(msg):
        return T["r_target0"]
    if _NO_INDICATORS.match(msg):
        return T["r_no_indicators"]
    m = _NO_CHILDREN.match(msg)
    if m:
        return T["r_no_children"].format(what=T["w_indicator" if m.group("what") == "indicator" else "w_element"])
    return msg
