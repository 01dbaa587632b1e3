"""The Flask application of ``indikator serve``: routes over one :class:`Workspace`.

Every route is a GET (Flask adds HEAD); nothing here writes a file —
downloads are made in memory. The only files read for a request are the
package's own static assets (Flask's ``send_from_directory``, which refuses
``..``) and, for the source view, the definition and data files the workspace
listed, looked up by exact name in :attr:`Snapshot.files` — a path that is not
one of them is a 404, whatever ``..``, ``%2e%2e`` or absolute path it spells.

Templates are Jinja2 with autoescaping on, so every statement, name and
message is shown as text. The only markup inserted unescaped is the chart
SVG, which :func:`indikator.serve.tree.clean_svg` has checked. Responses carry
a Content-Security-Policy that allows scripts from this server only.

An exception in a view never stops the server: it is logged and answered
with an error page.
"""
from __future__ import annotations

import logging
import threading

from flask import Flask, Response, g, render_template, request
from werkzeug.exceptions import HTTPException

from ..messages.language import LANGS
from . import routes
from .context import href, ink, level_class, page_context
from .i18n import texts
from .workspace import Workspace

log = logging.getLogger("indikator.serve")

LOOPBACK = ("127.0.0.1", "localhost", "::1")
CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")


def create_app(workspace: Workspace, default_period: str | None = None, host: str = "127.0.0.1",
               lang: str = "id") -> Flask:
    """The app for ``workspace``. ``host`` is the address it is bound to: when that is a
    loopback address, requests naming another host (DNS rebinding) are refused. ``lang`` is
    the page's language when the address does not choose one (``?lang=en``)."""
    app = Flask(__name__, static_folder="static", template_folder="templates")
    app.jinja_options = {**app.jinja_options, "autoescape": True}
    app.config.update(JSON_AS_ASCII=False, MAX_CONTENT_LENGTH=1024,
                      TRUSTED_HOSTS=["localhost", "127.0.0.1"] if host in LOOPBACK else None)
    app.extensions["indikator"] = {"workspace": workspace, "default_period": default_period}

    @app.before_request
    def _context() -> None:
        g.lang = request.args.get("lang") if request.args.get("lang") in LANGS else lang
        g.default_lang = lang          # the page's language without ?lang= (links leave it out)
        g.t = texts(g.lang)

    @app.after_request
    def _headers(resp: Response) -> Response:
        resp.headers.setdefault("Content-Security-Policy", CSP)
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["X-Frame-Options"] = "DENY"
        resp.headers["Referrer-Policy"] = "no-referrer"
        resp.headers.setdefault("Cache-Control", "no-store")
        return resp

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        if exc.code == 404:
            return render_template("not_found.html", **page_context()), 404
        return exc

    @app.errorhandler(Exception)
    def _crash(exc: Exception):
        log.exception("error while answering %s", request.full_path)
        try:
            return render_template("error.html", **page_context(), error=repr(exc)), 500
        except Exception:  # the error page itself failed: plain text
            log.exception("the error page failed")
            return Response("internal error; see the server log", status=500, mimetype="text/plain")

    app.jinja_env.globals.update(href=href, level_class=level_class)
    app.jinja_env.filters["ink"] = ink

    routes.register(app)
    return app


def warm_up(app: Flask) -> threading.Thread:
    """Answer the first view once in the background, as soon as the server listens.

    The first view of a region loads the model, evaluates the default period and draws the
    top levels (seconds); every later visit takes them from the snapshot's caches. Asking for
    ``/`` here, through Flask's own test client and with the server's defaults, fills exactly
    those caches while the planner is still switching to the browser; a request that comes
    sooner waits on the same locks and is answered from the same work, never twice."""

    def run() -> None:
        try:
            with app.test_client() as client:
                client.get("/")
        except Exception:  # pragma: no cover - a failure here shows again on the real request
            log.exception("warming up the first view failed")

    thread = threading.Thread(target=run, name="indikator-warm-up", daemon=True)
    thread.start()
    return thread
