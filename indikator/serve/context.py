"""What the views of ``indikator serve`` share: the workspace and snapshot of this request, the
chosen period, the page context every template gets, and small answers (attachments, the
page for definitions that do not load).
"""
from __future__ import annotations

import logging
import os
import re
from urllib.parse import urlencode

from flask import Response, abort, g, render_template, request, url_for
from markupsafe import Markup

from ..data.periods import PeriodError, parse_period
from ..diagnostics import has_errors
from ..messages.language import LANGS, language
from .i18n import texts
from .workspace import Workspace

log = logging.getLogger("indikator.serve")

MAX_SOURCE_LINES = 3000
TEXT_FILES = (".yaml", ".yml", ".csv", ".json", ".txt")


# --------------------------------------------------------------------------- helpers for the views
def workspace() -> Workspace:
    from flask import current_app

    return current_app.extensions["indikator"]["workspace"]


def snapshot():
    """The workspace as the files are now (reloaded if they changed), kept for this request."""
    if "snap" not in g:
        g.snap = workspace().current()
    return g.snap


def chosen_period(snap):
    """(Period or None, problem text or None) from ``?period=``, else the default period."""
    from flask import current_app

    from .periods import default_period

    text = request.args.get("period")
    problem = None
    if text:
        try:
            return parse_period(text), None
        except PeriodError as exc:
            problem = exc.render(g.lang)
    given = current_app.extensions["indikator"]["default_period"]
    with snap.lock:
        default = snap.charts.get(("default-period", given), lambda: default_period(snap, given))
    if default is None:
        return None, problem
    try:
        return parse_period(default), problem
    except PeriodError as exc:
        return None, problem or exc.render(g.lang)


def href(endpoint: str, **params) -> str:
    """A URL that keeps the page's period and language unless told otherwise; None drops a parameter."""
    keep = {"period": request.args.get("period"), "lang": g.get("lang") if g.get("lang") != default_lang() else None}
    path_args = {k: params.pop(k) for k in list(params) if k in _PATH_ARGS.get(endpoint, ())}
    query = {**keep, **params}
    query = {k: v for k, v in query.items() if v is not None and v != ""}
    anchor = query.pop("_anchor", None)
    url = url_for(endpoint, **path_args)
    if query:
        url += "?" + urlencode(query)
    if anchor:
        url += "#" + str(anchor)
    return url


_PATH_ARGS = {"element": ("el_id",), "explain_view": ("ind_id",), "source": ("name",),
              "download": ("what", "fmt"), "static": ("filename",)}


def ink(color: str | None) -> str:
    """Black or white text, whichever reads better on ``color`` (``#rrggbb``)."""
    m = re.fullmatch(r"#?([0-9a-fA-F]{6})(?:[0-9a-fA-F]{2})?", (color or "").strip())
    if not m:
        return "#111111"
    r, gr, b = (int(m.group(1)[i:i + 2], 16) / 255 for i in (0, 2, 4))
    lum = 0.2126 * r ** 2.2 + 0.7152 * gr ** 2.2 + 0.0722 * b ** 2.2
    return "#111111" if lum > 0.22 else "#ffffff"


def level_class(level_key: str) -> str:
    return "lvl-" + re.sub(r"[^a-z_]", "", level_key or "")


def default_lang() -> str:
    """The page's language when the address names none (``serve --lang``)."""
    return g.get("default_lang") or language(None).code


def page_context(**kw) -> dict:
    """What every page template needs: texts, language, the snapshot's summary (once per request)."""
    if "base" not in g:
        g.base = _make_base()
    return {**g.base, **kw}


def _make_base() -> dict:
    base = {"t": g.get("t") or texts(default_lang()), "lang": g.get("lang") or default_lang(),
            "default_lang": default_lang(), "languages": LANGS, "snap": None, "period": None,
            "choices": [], "n_errors": 0, "n_warnings": 0, "root_name": ""}
    try:
        snap = snapshot()
        base["snap"] = snap
        base["root_name"] = os.path.basename(os.path.normpath(snap.root)) or snap.root
        diags = snap.diagnostics
        base["n_errors"] = sum(d.is_error for d in diags)
        base["n_warnings"] = len(diags) - base["n_errors"]
        from .periods import period_choices

        period, problem = chosen_period(snap)
        base["period"] = period
        base["period_problem"] = problem
        if snap.dset is not None:
            with snap.lock:
                base["choices"] = snap.charts.get(("choices", base["lang"]),
                                                  lambda: period_choices(snap, base["lang"]))
        if period is not None and all(c.key != period.key for c in base["choices"]):
            from .periods import PeriodChoice

            base["choices"] = [PeriodChoice(period.key, period.key, "", False)] + base["choices"]
    except Exception:
        log.exception("cannot prepare the page header")
    return base


def broken_page():
    """The page shown instead of any view while the files do not check."""
    from .pages import shown_diagnostics

    snap = snapshot()
    errors = [d for d in snap.diagnostics if d.is_error] or snap.diagnostics
    return render_template("broken.html", **page_context(), diagnostics=shown_diagnostics(snap, errors, g.lang)), 200


def attachment(data: bytes, filename: str, mimetype: str) -> Response:
    resp = Response(data, content_type=mimetype)
    resp.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return resp


def safe_markup(svg: str) -> Markup:
    """The chart, already checked by :func:`~indikator.serve.tree.clean_svg`."""
    return Markup(svg)  # noqa: S704 - checked SVG from Graphviz with escaped labels


def is_ok() -> bool:
    snap = snapshot()
    return snap.ok and not has_errors(snap.diagnostics)


def not_found():
    abort(404)
