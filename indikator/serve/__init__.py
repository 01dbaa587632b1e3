"""``indikator serve``: a local, read-only web workspace over one definition set and its data.

The page shows the cascading tree (the Graphviz chart of :mod:`indikator.render`,
coloured by predicate for the chosen period, with pan and zoom), each element's
indicators with their figures, the ``explain`` derivation of an indicator, the
positions with their holders' IKI, the check diagnostics, and downloads of the
report and the chart. It reloads the files when they change (:mod:`.workspace`).

Built on Flask (Werkzeug serves it, Jinja2 renders it with autoescaping). It
binds to 127.0.0.1 unless told otherwise, answers GET only, writes nothing, and
shows no file but the definition and data files it was given.
"""
from .app import create_app, warm_up
from .workspace import Workspace

__all__ = ["Workspace", "create_app", "make_server", "warm_up"]


def make_server(app, host: str = "127.0.0.1", port: int = 8000):
    """A threaded Werkzeug server for ``app`` (``port`` 0 picks a free port: see ``server.port``)."""
    from werkzeug.serving import make_server as _make

    return _make(host, port, app, threaded=True)
