"""What the commands share: the error boundary, the --lang and --no-cache options, loading with
its problems printed, the pre-flight of outputs, the streamed writers. Part of the command line
(with :mod:`indikator.cli`, the only modules that print and exit).
"""
from __future__ import annotations

import json
import sys
from typing import Sequence
import click
from ..diagnostics import Diagnostic, SourceTexts, format_text, has_errors, sort_key
from .. import formats
from ..messages import LANGS, Problem, default_lang, one_of, render as render_message
from ..messages.os_errors import os_reason
from .usage import Choice, Command, HelpInLanguage, boundary_lang, lang_in, said, set_boundary_lang


def lang_option(command):
    """``--lang id|en`` (PRODUCT.md §12): the language of every message; default Indonesian, or
    the environment's INDIKATOR_LANG, or a ``--lang`` given before the command
    (``indikator --lang en eval …``: the boundary read it from the command line)."""
    return click.option("--lang", type=Choice(LANGS), default=boundary_lang, show_default="id, or $INDIKATOR_LANG",
                        help="Language of the messages and labels.")(command)


def group_lang_option(group):
    """``indikator --lang en COMMAND …``: the same choice given before the command; the
    command's own ``--lang`` takes it as its default (both read by :func:`lang_in`)."""
    return click.option("--lang", type=Choice(LANGS), expose_value=False, is_eager=True,
                        help="Language of the messages and labels.")(group)


def version_option(group):
    """``--version`` said in the run's language (click's own says "version" in English)."""
    def show(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
        if not value or ctx.resilient_parsing:
            return
        from importlib.metadata import version

        click.echo(say_in("cli-version", prog=ctx.find_root().info_name, version=version("indikator")))
        ctx.exit()

    return click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=show,
                        help="Show the version and exit.")(group)


def say_in(code: str, lang: str | None = None, **params) -> str:
    """The message ``code`` in ``lang``; without one (the error boundary, which speaks before
    and after any command parsed its --lang) in the command line's ``--lang`` (its default:
    INDIKATOR_LANG, else id; :func:`indikator.cli.usage.lang_in`)."""
    return render_message(code, params, lang or boundary_lang())


def print_diagnostics(diags: Sequence[Diagnostic], sources: SourceTexts | None, fmt: str = "text",
                       stream=None, lang: str | None = None) -> None:
    stream = stream or sys.stderr
    ordered = sorted(diags, key=sort_key)
    if fmt == "json":
        click.echo(json.dumps([d.to_json(lang) for d in ordered], ensure_ascii=False, indent=2))
        return
    for d in ordered:
        click.echo(format_text(d, sources, lang), file=stream)


PERIOD_HELP = ("2024, 2024-S1, 2024-Q3, 2024-09, 2024-Q1..2024-Q3, or as reports write it: "
               "'TW III 2024', 's.d. TW III 2024', 'Semester I 2024', 'Januari 2024', 'TA 2024'.")


HOLDERS_HELP = (f"Roster of position holders ({formats.listed(formats.names(formats.ROSTER))}; columns "
                "position,id,name or jabatan,nip,nama), merged with the YAML holders.")


DATA_HELP = f"Data file ({', '.join(formats.names(formats.DATA))}) or a folder of them; repeatable."


REPORT_OUT_HELP = "OUT: " + formats.listed(formats.extensions(formats.REPORT))


CHART_OUT_HELP = "OUT: " + formats.listed(formats.extensions(formats.CHART))


def out_extensions(table) -> Problem | str:
    return one_of(formats.extensions(table))


NO_CACHE_HELP = "Load the definitions afresh: neither read nor write the model cache (PRODUCT.md §13)."


def no_cache_option(fn):
    """``--no-cache`` for every command that loads a definition set."""
    return click.option("--no-cache", "no_cache", is_flag=True, help=NO_CACHE_HELP)(fn)


def progress(description: str, total: float | None = None):
    from ..progress import progress as bar

    return bar(description, total)


def summary_of(diags: Sequence[Diagnostic], lang: str | None = None) -> str:
    n_err = sum(d.is_error for d in diags)
    n_warn = len(diags) - n_err
    return render_message("cli-summary", {
        "errors": Problem("cli-errors-one" if n_err == 1 else "cli-errors-many", {"n": n_err}),
        "warnings": Problem("cli-warnings-one" if n_warn == 1 else "cli-warnings-many", {"n": n_warn})}, lang)


DEBUG_HELP = "Show the Python traceback of an internal error (also: INDIKATOR_DEBUG=1)."


class Boundary(HelpInLanguage, click.Group):
    """The one error boundary (PRODUCT.md §8, v2): whatever a command raises ends as a
    message and an exit code, never a traceback. An output that cannot be written is
    "cannot write PATH: reason" (exit 1; exit 2 when the output is one of the run's inputs);
    SIGTERM/SIGHUP remove the temporary file and exit 128+signal; anything unexpected is one
    line naming it an internal error (exit 1), with the traceback only under ``--debug`` or
    INDIKATOR_DEBUG=1. Standard output is flushed here, inside the boundary, so a closed or
    full stdout is reported too instead of Python's "Exception ignored" at exit."""

    command_class = Command     # extra arguments refused in the run's language

    def make_context(self, info_name, args, parent=None, **extra):  # noqa: ANN001, ANN201
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as exc:   # the group's own options: said in the run's language
            raise said(exc, self) from None
        except KeyboardInterrupt:
            raise ctrl_c() from None

    def invoke(self, ctx: click.Context):  # noqa: ANN201
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:   # a command's usage errors: said in the run's language
            raise said(exc, self) from None
        except KeyboardInterrupt:         # click would say "Aborted!" in English and exit 1
            raise ctrl_c() from None

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        cmd.params.append(click.Option(["--debug"], is_flag=True, expose_value=False, help=DEBUG_HELP))
        super().add_command(cmd, name)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):  # noqa: ANN001
        import os

        from ..output.files import Interrupted, OutputError, install_signal_cleanup, restore_signals

        argv = list(sys.argv[1:] if args is None else args)
        set_boundary_lang(lang_in(argv))     # the boundary speaks the run's --lang (§12)
        debug = "--debug" in argv or os.environ.get("INDIKATOR_DEBUG", "") not in ("", "0")
        previous_handlers = install_signal_cleanup()
        if sys.stdout is None:   # started with stdout closed (``>&-``): writes fail, and are reported
            from ..output.stdout import closed_stdout

            sys.stdout = closed_stdout()
        code: int | str | None = 0
        stdout_failed = False
        try:
            super().main(argv, prog_name, complete_var, standalone_mode, **extra)
        except SystemExit as exc:
            code = exc.code
        except OutputError as exc:
            print_error(say_in(exc.code, **exc.params))
            code = 2 if exc.usage else 1
        except OSError as exc:   # an OSError no stage turned into a message: say what and where
            if exc.filename is None:   # every file is named by its stage: this is click.echo's stdout
                stdout_failed = True
                print_error(say_in("cannot-write", path=say_in("stdout-name"), reason=os_reason(exc)))
            else:
                print_error(say_in("os-error", path=exc.filename, reason=os_reason(exc)))
            code = 1
        except Interrupted as exc:
            print_error(say_in("interrupted", signal=exc.name))
            code = 128 + exc.signum
        except Exception as exc:  # the boundary: nothing escapes as a traceback
            if debug:
                import traceback

                traceback.print_exc()
            from ..output.stdout import describe

            print_error(say_in("internal-error", what=describe(exc)))
            code = 1
        code = flush_stdout(code, stdout_failed)
        restore_signals(previous_handlers)
        sys.exit(code)


def ctrl_c() -> BaseException:
    """Ctrl-C (SIGINT) said like SIGTERM and SIGHUP: the catalog's "interrupted" message in the
    run's language and exit 128 + 2, as a shell reports it. The temporary output file is already
    gone: KeyboardInterrupt ran the ``finally`` blocks on its way here."""
    import signal

    from ..output.files import Interrupted

    return Interrupted(signal.SIGINT)


def print_error(text: str) -> None:
    try:
        click.echo(f"{say_in('severity-error')}: {text}", err=True)
    except (OSError, ValueError):  # stderr itself is gone: the exit code is all that is left
        pass


def flush_stdout(code, failed: bool = False):  # noqa: ANN001, ANN202
    """Flush stdout inside the boundary: a full (/dev/full) or closed stdout is a message and
    exit 1, not Python's "Exception ignored" at shutdown. A reader that went away (EPIPE,
    ``| head``) ends quietly, as every Unix tool does."""
    import errno

    stream = sys.stdout
    if stream is None:
        return code
    try:
        if not failed:
            stream.flush()
            return code
    except OSError as exc:
        failed = True
        if exc.errno != errno.EPIPE:
            print_error(say_in("cannot-write", path=say_in("stdout-name"), reason=os_reason(exc)))
    except ValueError:  # closed file object
        return code
    from ..output.stdout import silence

    silence(stream)   # keep the interpreter's final flush quiet
    return 1 if code in (0, None) else code


def load_checked(path: str, lang: str | None = None, no_cache: bool = False):
    """Load and check definitions (from the model cache unless ``no_cache``); print problems;
    exit 1 when they have errors."""
    with progress("reading definitions"):
        dset, diags = load_for_command(path, no_cache)
    if has_errors(diags) or dset is None:
        print_diagnostics([d for d in diags if d.is_error], dset.sources if dset else None, lang=lang)
        click.echo(say_in("cli-nothing-evaluated", lang, what=path, summary=summary_of(diags, lang)), err=True)
        sys.exit(1)
    return dset


def load_for_command(path: str, no_cache: bool = False):
    """``load_definitions`` for a command that keeps the set until it exits.

    The definitions live as long as the command, so once loaded they are frozen out of the
    cyclic garbage collector (``gc.freeze``) *before* it runs again: otherwise the first
    allocation after loading starts a collection over the millions of objects loading made
    (none of them garbage; about a quarter of a cold ``check``), and later collections during
    the evaluation walk them again. The collector is paused while loading for the same
    reason (the loader does that too; here it also covers the moment the loader resumes it).
    """
    import gc

    from ..load import load_definitions

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return load_definitions(path, cache=not no_cache)
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def load_data(paths: Sequence[str], locale: str, dset, lang: str | None = None):
    from ..data import DataStore, read_data
    from ..data.paths import expand_data_paths

    if not paths:
        return None
    with progress("reading data"):
        table, diags = read_data(expand_data_paths(paths), locale)
    if has_errors(diags) or table is None:
        print_diagnostics([d for d in diags if d.is_error], None, lang=lang)
        click.echo(say_in("cli-nothing-evaluated", lang, what=Problem("w-data"), summary=summary_of(diags, lang)),
                   err=True)
        sys.exit(1)
    holders = [h.id for h, _ in dset.holders()]
    return DataStore(table, extra_entities=holders)


def load_roster(holders_path: str | None, dset, lang: str | None = None):
    """The roster file merged with the YAML holders (None without --holders); exit 1 on errors."""
    if not holders_path:
        return None
    from ..data.roster import read_roster

    with progress("reading holders"):
        roster, diags = read_roster(holders_path, dset)
    if has_errors(diags) or roster is None:
        print_diagnostics([d for d in diags if d.is_error], None, lang=lang)
        click.echo(say_in("cli-nothing-evaluated", lang, what=Problem("w-holders"), summary=summary_of(diags, lang)),
                   err=True)
        sys.exit(1)
    if diags:
        print_diagnostics(diags, None, lang=lang)
    return roster


def stop_on_data_errors(diagnostics: Sequence[Diagnostic], lang: str | None = None) -> None:
    """Invalid data found while evaluating (overlapping points of a sum variable, an
    aggregation needed but not declared): report it and write nothing (exit 1)."""
    if has_errors(diagnostics):
        print_diagnostics([d for d in diagnostics if d.is_error], None, lang=lang)
        click.echo(say_in("cli-data-invalid-period", lang), err=True)
        sys.exit(1)


def warn_unknown_entity(entity: str | None, store, dset, roster, lang: str | None = None) -> None:  # noqa: ANN001
    """``--entity NIP`` that is in no data row, no YAML holder and no roster row: the figures are
    the entity-less ones, labelled with that id -- say so (a typo in a NIP is easy to make)."""
    if entity in (None, "all"):
        return
    if store is not None and store.entity_index(entity) is not None:
        return
    if any(h.id == entity for h, _ in dset.holders()):
        return
    if roster is not None:
        import pyarrow.compute as pc

        if pc.any(pc.equal(roster.ids, entity)).as_py():
            return
    click.echo(say_in("severity-warning", lang) + ": " + say_in("entity-unknown", lang, entity=entity), err=True)


def parse_period_option(text: str, lang: str | None = None):
    """The period of --period (§7.2 spellings accepted); a refused one is a usage error (exit 2)
    listing the accepted forms and the closest reading."""
    from ..data import PeriodError, parse_period

    if any(ch.isdigit() and not ch.isascii() for ch in text):
        raise click.BadParameter(say_in("period-non-ascii", lang, text=text), param_hint="--period")
    try:
        return parse_period(text)
    except PeriodError as exc:
        raise click.BadParameter(exc.render(lang), param_hint="--period")


def warn_no_data(store, period, lang: str | None) -> None:
    """One warning line on stderr when no data point lies in the period (§7.2)."""
    from ..data.coverage import no_data_problem

    problem = no_data_problem(store.table if store is not None else None, period)
    if problem is not None:
        click.echo(f"{say_in('severity-warning', lang)}: {problem.render(lang)}", err=True)


def preflight(out_paths: Sequence[str], path: str, data_paths: Sequence[str] = (),
               holders_path: str | None = None) -> None:
    """Check every output before any work (a missing folder fails at once, not after a minute
    of evaluation) and refuse an output that is one of the run's own input files."""
    import os

    from ..data.paths import expand_data_paths
    from ..load.loader import find_files
    from ..output.files import check_output

    inputs: list[str] = []
    if os.path.exists(path):
        inputs += find_files(path)
    inputs += expand_data_paths(data_paths)
    if holders_path:
        inputs.append(holders_path)
    for out in out_paths:
        check_output(out, inputs)


class stdout_errors:
    """``with stdout_errors():`` -- a failed write to stdout (full, closed) becomes
    :class:`~indikator.output.files.OutputError` naming standard output; a reader that went
    away (EPIPE) is left to click, which ends quietly."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type, exc, tb) -> None:  # noqa: ANN001
        import errno

        from ..output.files import OutputError

        if exc_type is not None and issubclass(exc_type, OSError) and exc.errno != errno.EPIPE:
            raise OutputError(say_in("stdout-name"), os_reason(exc)) from exc


def write_output(text: str, out_path: str | None) -> None:
    if out_path is None:
        with stdout_errors():
            click.echo(text, nl=False)
        return
    from ..output.files import write_atomically

    write_atomically(out_path, text.encode("utf-8"))


def eval_chunked(dset, roster, data_paths, locale: str, efficiency: str, period, fmt: str, out_path: str | None,
                  chunk_rows: int, jobs: int = 1, lang: str | None = None) -> None:
    from ..engine import Engine
    from ..data.chunks import ChunkError
    from ..data.paths import expand_data_paths
    from ..output.chunked import run

    engine = Engine(dset, None, efficiency, roster=roster)
    try:
        with progress("evaluating chunks") as task:
            sys.stdout.flush()
            diags = run(engine, expand_data_paths(data_paths), locale, period, fmt, out_path, chunk_rows, task,
                        jobs, stdout=None if out_path else sys.stdout.buffer, lang=lang)
    except ChunkError as exc:
        diags = exc.diagnostics
    if has_errors(diags):
        print_diagnostics([d for d in diags if d.is_error], None, lang=lang)
        click.echo(say_in("cli-data-not-chunkable", lang), err=True)
        sys.exit(1)


def stream_output(evaluation, fmt: str, out_path: str | None, lang: str | None = None) -> None:
    """CSV column-wise (output/columnar.py) and JSON record by record, straight to stdout or
    to the file (atomically): millions of rows are never one string in memory."""
    import io

    from ..output.files import atomic_writer

    def write(binary) -> None:
        if fmt == "csv":
            from ..output.columnar import write_csv

            write_csv(evaluation, binary)
        else:
            from ..output.evaluation import write_json

            text = io.TextIOWrapper(binary, encoding="utf-8", newline="\n", write_through=False)
            write_json(evaluation, text)
            text.flush()
            text.detach()

    if out_path is None:
        with stdout_errors():
            sys.stdout.flush()
            stdout = sys.stdout.buffer  # click.get_binary_stream is deprecated (Click 9)
            write(stdout)
            stdout.flush()
    else:
        with atomic_writer(out_path) as fh:
            write(fh)


def not_found(code: str, name: str, known, lang: str | None) -> str:
    """"no indicator 'x'" with the near misses, in ``lang``."""
    from ..diagnostics import did_you_mean

    what = Problem(code, {"id": name})
    hint = did_you_mean(name, known)
    return render_message("cli-did-you-mean", {"what": what, "names": ", ".join(hint)}, lang) if hint else what.render(lang)
