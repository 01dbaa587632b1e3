"""Output files: a failed or interrupted run never leaves a half-written file (PRODUCT.md §8).

* A regular file (or a missing one) is written to a temporary file in the same
  folder and moved into place with :func:`os.replace`, atomic on POSIX and
  Windows. A symbolic link keeps pointing where it pointed: the file it resolves
  to is the one replaced.
* A device, FIFO or socket (``/dev/null``, ``/dev/stdout``, a named pipe, or a
  link to one) is written through, never replaced: renaming over ``/dev/null``
  would delete the system's device when run as root.
* Every temporary file is registered while it lives and removed when the write
  fails, and on SIGINT, SIGTERM and SIGHUP (:func:`install_signal_cleanup`, set
  up by the command line: the handlers turn the signal into an
  :class:`Interrupted` exception, so ``finally`` blocks run and the
  temporary file goes away before the process ends).
* :func:`check_output` is the pre-flight check the command line runs before any
  work: the folder exists and is writable, the name is not empty or too long,
  the path is not a folder and not one of the run's own inputs.

Failures are raised as :class:`OutputError` (a code of the message catalog and
its parameters); this module never prints or exits.
"""
from __future__ import annotations

import errno
import os
import signal
import stat
import tempfile
from contextlib import contextmanager
from typing import BinaryIO, Iterable, Iterator

from ..messages.os_errors import os_reason

TEMP_PREFIX = ".indikator-"
TEMP_SUFFIX = ".tmp"

#: Temporary files alive right now (removed by the signal handler as well as by their owner).
_LIVE: set[str] = set()
_OWNER_PID: int | None = None


class OutputError(Exception):
    """An output that cannot be written: ``code`` names the catalog message.

    ``usage`` is true when the command line itself is wrong (an output over one of
    the run's inputs: exit 2); otherwise the place cannot be written (exit 1).
    """

    def __init__(self, path: str, reason: object = "", code: str = "cannot-write", usage: bool = False,
                 **extra: str) -> None:
        super().__init__(f"{path}: {reason or code}")
        self.path = path
        self.reason = reason
        self.code = code
        self.usage = usage
        self.extra = extra

    @property
    def params(self) -> dict[str, object]:
        return {"path": self.path, "reason": self.reason, **self.extra}


class Interrupted(BaseException):
    """SIGTERM or SIGHUP arrived (a BaseException, like KeyboardInterrupt: no ``except
    Exception`` in a reader may swallow it on its way to the command line)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name


def _reason(exc: OSError):  # noqa: ANN202 - a Problem, said in the run's language
    return os_reason(exc)


def _remove_live() -> None:
    for tmp in list(_LIVE):
        try:
            os.unlink(tmp)
        except OSError:
            pass
        _LIVE.discard(tmp)


def _on_signal(signum: int, frame) -> None:  # noqa: ANN001 - signal handler signature
    if os.getpid() != _OWNER_PID:
        # a forked worker (``eval --jobs``): die as the signal says, the parent cleans up
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    _remove_live()
    raise Interrupted(signum)


def install_signal_cleanup() -> dict[int, object]:
    """Turn SIGTERM and SIGHUP into :class:`Interrupted` in this process (SIGINT already
    raises KeyboardInterrupt); only from the main thread, where Python allows it. Returns the
    previous handlers, for :func:`restore_signals` (the command line run in-process, as the
    tests do, leaves the host process as it found it)."""
    global _OWNER_PID
    _OWNER_PID = os.getpid()
    previous: dict[int, object] = {}
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is None:  # pragma: no cover - Windows has no SIGHUP
            continue
        try:
            previous[signum] = signal.signal(signum, _on_signal)
        except ValueError:  # pragma: no cover - not the main thread (e.g. embedded)
            break
    return previous


def restore_signals(previous: dict[int, object]) -> None:
    for signum, handler in previous.items():
        try:
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
        except (ValueError, TypeError):  # pragma: no cover - not the main thread
            pass


@contextmanager
def temporary_file(folder: str | None) -> Iterator[tuple[int, str]]:
    """``(fd, path)`` of a new temporary file in ``folder`` (the system's when None),
    removed when the block ends unless the caller renamed it away (then it is gone anyway)."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=folder)
    except OSError as exc:
        raise OutputError(folder or tempfile.gettempdir(), _reason(exc)) from exc
    _LIVE.add(tmp)
    try:
        yield fd, tmp
    finally:
        _LIVE.discard(tmp)
        try:
            os.unlink(tmp)
        except OSError:
            pass


def _is_special(path: str) -> bool:
    """Whether ``path`` (links followed) exists and is not a regular file or folder."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _mode_for(path: str) -> int:
    """The mode of the file being replaced, else what a plain ``open`` would give (0666 & ~umask)."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def check_output(path: str, inputs: Iterable[str] = ()) -> None:
    """Raise :class:`OutputError` when ``path`` cannot be written, before any work is done.

    ``inputs`` are the run's own files (definitions, data, roster): an output that
    resolves to one of them is refused (``usage``), so ``-o tree.yaml`` never writes
    JSON over a definition file.
    """
    if not path or not path.strip():
        raise OutputError(repr(path), code="output-empty-name")
    real = os.path.realpath(path)
    _check_not_input(path, real, inputs)
    if os.path.isdir(real):
        raise OutputError(path, os_reason(errno.EISDIR))
    if _is_special(real):
        if not os.access(real, os.W_OK):
            raise OutputError(path, os_reason(errno.EACCES))
        return
    folder = os.path.dirname(real) or "."
    if not os.path.isdir(folder):
        shown = os.path.dirname(path) or "."
        raise OutputError(path, code="output-no-folder", folder=shown)
    name = os.path.basename(real)
    try:
        limit = os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):  # pragma: no cover - not POSIX
        limit = 255
    if limit and len(os.fsencode(name)) > limit:
        raise OutputError(path, os_reason(errno.ENAMETOOLONG))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(path, os_reason(errno.EACCES))
    if os.path.exists(real) and not os.access(real, os.W_OK) and os.geteuid() != 0:
        raise OutputError(path, os_reason(errno.EACCES))


def _check_not_input(path: str, real: str, inputs: Iterable[str]) -> None:
    try:
        out_stat = os.stat(real)
    except OSError:
        out_stat = None
    for inp in inputs:
        same = os.path.realpath(inp) == real
        if not same and out_stat is not None:
            try:
                st = os.stat(inp)
                same = (st.st_dev, st.st_ino) == (out_stat.st_dev, out_stat.st_ino)
            except OSError:
                same = False
        if same:
            raise OutputError(path, code="output-is-input", usage=True, input=inp)


class atomic_writer:
    """``with atomic_writer(path) as fh:`` -- a binary file written in place of ``path`` only when
    the block ends without an exception and without :meth:`cancel` (streamed output too big to
    hold as one bytes object). Devices and FIFOs are written through. Any ``OSError`` of the
    write becomes :class:`OutputError` naming ``path``."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._tmp: str | None = None
        self._fh: BinaryIO | None = None
        self._cancelled = False

    def cancel(self) -> None:
        """Keep the old file: the block ends without replacing it."""
        self._cancelled = True

    def __enter__(self) -> BinaryIO:
        if not self.path:
            raise OutputError(repr(self.path), code="output-empty-name")
        real = os.path.realpath(self.path)
        try:
            if _is_special(real):
                self._fh = open(real, "wb", buffering=1 << 16)  # noqa: SIM115 - closed in __exit__
                return self._fh
            folder = os.path.dirname(real) or "."
            fd, self._tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=folder)
        except OSError as exc:
            raise OutputError(self.path, _reason(exc)) from exc
        _LIVE.add(self._tmp)
        self._real = real
        self._fh = os.fdopen(fd, "wb", buffering=1 << 20)
        return self._fh

    def __exit__(self, exc_type, exc, tb) -> None:  # noqa: ANN001
        fh, tmp = self._fh, self._tmp
        commit = exc_type is None and not self._cancelled
        try:
            try:
                if commit:
                    fh.flush()
                    if tmp is not None:
                        os.fsync(fh.fileno())
            finally:
                try:
                    fh.close()
                except OSError:
                    if commit:
                        raise
            if commit and tmp is not None:
                os.chmod(tmp, _mode_for(self._real))   # mkstemp makes 0600; a report is an ordinary file
                os.replace(tmp, self._real)
                _LIVE.discard(tmp)
                self._tmp = None
        except OSError as err:
            raise OutputError(self.path, _reason(err)) from err
        finally:
            if self._tmp is not None:
                _LIVE.discard(self._tmp)
                try:
                    os.unlink(self._tmp)
                except OSError:
                    pass
                self._tmp = None
        if exc_type is not None and issubclass(exc_type, OSError) and fh is not None:
            # a write inside the block failed (a full disk): name the output, not errno
            raise OutputError(self.path, _reason(exc)) from exc


def write_atomically(path: str, data: bytes) -> None:
    """``data`` in place of ``path`` (atomically for a regular file, through for a device)."""
    with atomic_writer(path) as fh:
        fh.write(data)


def write_files_atomically(files: list[tuple[str, bytes]]) -> None:
    """Several outputs that belong together (a chart's pages, one file per agency) as one:
    every file is written to its temporary file and synced first, and only when all of them are
    written are they moved into place. A failure at page 7 (a full disk) leaves every old page
    as it was — never new pages 1–6 beside an old page 7. Devices are written through, last."""
    staged: list[tuple[str | None, str, str, bytes | None]] = []     # (temporary, real path, path, data)
    try:
        for path, data in files:
            if not path:
                raise OutputError(repr(path), code="output-empty-name")
            real = os.path.realpath(path)
            if _is_special(real):
                staged.append((None, real, path, data))
                continue
            try:
                fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=os.path.dirname(real) or ".")
            except OSError as exc:
                raise OutputError(path, _reason(exc)) from exc
            _LIVE.add(tmp)
            staged.append((tmp, real, path, None))
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.chmod(tmp, _mode_for(real))
            except OSError as exc:
                raise OutputError(path, _reason(exc)) from exc
        for tmp, real, path, data in staged:
            try:
                if tmp is None:
                    with open(real, "wb") as fh:
                        fh.write(data or b"")
                else:
                    os.replace(tmp, real)
                    _LIVE.discard(tmp)
            except OSError as exc:
                raise OutputError(path, _reason(exc)) from exc
    finally:
        for tmp, *_ in staged:
            if tmp is not None and tmp in _LIVE:
                _LIVE.discard(tmp)
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
