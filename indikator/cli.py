"""The ``indikator`` command line (click). The only module that prints and exits.

Exit codes (PRODUCT.md §8): 0 success; 1 invalid definitions or unreadable
data files; 2 usage errors (click's own). Missing data and undefined results
are not failures. No traceback ever reaches the user: an unexpected error is
reported as an internal error with exit code 1.
"""
from __future__ import annotations

import json
import sys
from typing import Sequence

import click

from .diagnostics import Diagnostic, SourceTexts, format_text, has_errors, sort_key


def _print_diagnostics(diags: Sequence[Diagnostic], sources: SourceTexts | None, fmt: str = "text",
                       stream=None) -> None:
    stream = stream or sys.stderr
    ordered = sorted(diags, key=sort_key)
    if fmt == "json":
        click.echo(json.dumps([d.to_json() for d in ordered], ensure_ascii=False, indent=2))
        return
    for d in ordered:
        click.echo(format_text(d, sources), file=stream)


PERIOD_HELP = ("2024, 2024-S1, 2024-Q3, 2024-09, 2024-Q1..2024-Q3, or as reports write it: "
               "'TW III 2024', 's.d. TW III 2024', 'Semester I 2024', 'Januari 2024', 'TA 2024'.")
HOLDERS_HELP = ("Roster of position holders (CSV, XLSX or Parquet; columns position,id,name or "
                "jabatan,nip,nama), merged with the YAML holders.")


NO_CACHE_HELP = "Load the definitions afresh: neither read nor write the model cache (PRODUCT.md §13)."


def no_cache_option(fn):
    """``--no-cache`` for every command that loads a definition set."""
    return click.option("--no-cache", "no_cache", is_flag=True, help=NO_CACHE_HELP)(fn)


def progress(description: str, total: float | None = None):
    from .progress import progress as bar

    return bar(description, total)


def _summary(diags: Sequence[Diagnostic]) -> str:
    n_err = sum(d.is_error for d in diags)
    n_warn = len(diags) - n_err
    return f"{n_err} error{'s' * (n_err != 1)}, {n_warn} warning{'s' * (n_warn != 1)}"


def _lang() -> str:
    """Language of the boundary's own messages: INDIKATOR_LANG when set, else English, as the
    existing commands print (their defaults change in one place later, §12)."""
    import os

    from .messages import LANGS

    lang = os.environ.get("INDIKATOR_LANG", "").strip().lower()
    return lang if lang in LANGS else "en"


def _say(code: str, **params) -> str:
    from .messages import render as render_message

    return render_message(code, params, _lang())


DEBUG_HELP = "Show the Python traceback of an internal error (also: INDIKATOR_DEBUG=1)."


class _Boundary(click.Group):
    """The one error boundary (PRODUCT.md §8, v2): whatever a command raises ends as a
    message and an exit code, never a traceback. An output that cannot be written is
    "cannot write PATH: reason" (exit 1; exit 2 when the output is one of the run's inputs);
    SIGTERM/SIGHUP remove the temporary file and exit 128+signal; anything unexpected is one
    line naming it an internal error (exit 1), with the traceback only under ``--debug`` or
    INDIKATOR_DEBUG=1. Standard output is flushed here, inside the boundary, so a closed or
    full stdout is reported too instead of Python's "Exception ignored" at exit."""

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        cmd.params.append(click.Option(["--debug"], is_flag=True, expose_value=False, help=DEBUG_HELP))
        super().add_command(cmd, name)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):  # noqa: ANN001
        import os

        from .output.files import Interrupted, OutputError, install_signal_cleanup, restore_signals

        argv = list(sys.argv[1:] if args is None else args)
        debug = "--debug" in argv or os.environ.get("INDIKATOR_DEBUG", "") not in ("", "0")
        previous_handlers = install_signal_cleanup()
        if sys.stdout is None:   # started with stdout closed (``>&-``): writes fail, and are reported
            from .output.stdout import closed_stdout

            sys.stdout = closed_stdout()
        code: int | str | None = 0
        stdout_failed = False
        try:
            super().main(argv, prog_name, complete_var, standalone_mode, **extra)
        except SystemExit as exc:
            code = exc.code
        except OutputError as exc:
            _err(_say(exc.code, **exc.params))
            code = 2 if exc.usage else 1
        except OSError as exc:   # an OSError no stage turned into a message: say what and where
            if exc.filename is None:   # every file is named by its stage: this is click.echo's stdout
                stdout_failed = True
                _err(_say("cannot-write", path=_say("stdout-name"), reason=exc.strerror or str(exc)))
            else:
                _err(_say("os-error", path=exc.filename, reason=exc.strerror or str(exc)))
            code = 1
        except Interrupted as exc:
            _err(_say("interrupted", signal=exc.name))
            code = 128 + exc.signum
        except Exception as exc:  # the boundary: nothing escapes as a traceback
            if debug:
                import traceback

                traceback.print_exc()
            from .output.stdout import describe

            _err(_say("internal-error", what=describe(exc)))
            code = 1
        code = _flush_stdout(code, stdout_failed)
        restore_signals(previous_handlers)
        sys.exit(code)


def _err(text: str) -> None:
    try:
        click.echo(f"error: {text}", err=True)
    except (OSError, ValueError):  # stderr itself is gone: the exit code is all that is left
        pass


def _flush_stdout(code, failed: bool = False):  # noqa: ANN001, ANN202
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
            _err(_say("cannot-write", path=_say("stdout-name"), reason=exc.strerror or str(exc)))
    except ValueError:  # closed file object
        return code
    from .output.stdout import silence

    silence(stream)   # keep the interpreter's final flush quiet
    return 1 if code in (0, None) else code


@click.group(cls=_Boundary, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="indikator")
@click.option("--debug", is_flag=True, expose_value=False, help=DEBUG_HELP)
def main() -> None:
    """indikator — pohon kinerja (SAKIP performance trees) in YAML: check, evaluate, chart, report."""


@main.command()
@click.argument("path", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Treat warnings (coverage gaps) as errors.")
@click.option("--holders", "holders_path", type=click.Path(), default=None, help=HOLDERS_HELP)
@no_cache_option
def check(path: str, fmt: str, strict: bool, holders_path: str | None, no_cache: bool) -> None:
    """Load, parse and validate the definition set at PATH; report every problem."""
    from .load import load_definitions

    dset, diags = load_definitions(path, cache=not no_cache)
    if holders_path and dset is not None:
        from .data.roster import read_roster, roster_coverage

        with progress("reading holders"):
            roster, rdiags = read_roster(holders_path, dset)
        diags = list(diags) + rdiags
        if roster is not None:
            diags = roster_coverage(dset, roster, diags)
    if strict:
        diags = [Diagnostic("error", d.code, d.message, d.span, d.suggestions, d.notes) for d in diags]
    sources = dset.sources if dset else None
    if fmt == "json":
        _print_diagnostics(diags, sources, "json")
    else:
        _print_diagnostics(diags, sources, "text", stream=sys.stdout)
        if dset is not None and not has_errors(diags):
            click.echo(f"{path}: {len(dset.elements)} elements, {len(dset.indicators)} indicators, "
                       f"{len(dset.files)} files: {_summary(diags)}")
        else:
            click.echo(f"{path}: {_summary(diags)}")
    sys.exit(1 if has_errors(diags) else 0)


def _load_checked(path: str, no_cache: bool = False):
    """Load and check definitions (from the model cache unless ``no_cache``); print problems;
    exit 1 when they have errors."""
    from .load import load_definitions

    with progress("reading definitions"):
        dset, diags = load_definitions(path, cache=not no_cache)
    if has_errors(diags) or dset is None:
        _print_diagnostics([d for d in diags if d.is_error], dset.sources if dset else None)
        click.echo(f"{path}: {_summary(diags)}; nothing evaluated", err=True)
        sys.exit(1)
    # the definitions live as long as the command: keep the cyclic garbage collector from
    # walking their millions of objects again at every collection during the evaluation
    import gc

    gc.freeze()
    return dset


def _expand_data_paths(paths: Sequence[str]) -> list[str]:
    """A folder given to --data stands for every data file in it (sorted, not recursive)."""
    import os

    from .data.readers import EXTENSIONS

    out: list[str] = []
    for p in paths:
        try:
            names = os.listdir(p) if os.path.isdir(p) else None
        except OSError:
            names = None   # an unreadable folder: the reader names it and why
        found = sorted(os.path.join(p, f) for f in names or ()
                       if os.path.splitext(f)[1].lower() in EXTENSIONS and not f.startswith("."))
        if found:
            out += found
        else:   # a file, or a folder without data files: the reader says which and why
            out.append(p)
    return out


def _load_data(paths: Sequence[str], locale: str, dset):
    from .data import DataStore, read_data

    if not paths:
        return None
    with progress("reading data"):
        table, diags = read_data(_expand_data_paths(paths), locale)
    if has_errors(diags) or table is None:
        _print_diagnostics([d for d in diags if d.is_error], None)
        click.echo(f"data: {_summary(diags)}; nothing evaluated", err=True)
        sys.exit(1)
    holders = [h.id for h, _ in dset.holders()]
    return DataStore(table, extra_entities=holders)


def _load_roster(holders_path: str | None, dset):
    """The roster file merged with the YAML holders (None without --holders); exit 1 on errors."""
    if not holders_path:
        return None
    from .data.roster import read_roster

    with progress("reading holders"):
        roster, diags = read_roster(holders_path, dset)
    if has_errors(diags) or roster is None:
        _print_diagnostics([d for d in diags if d.is_error], None)
        click.echo(f"holders: {_summary(diags)}; nothing evaluated", err=True)
        sys.exit(1)
    if diags:
        _print_diagnostics(diags, None)
    return roster


def _stop_on_data_errors(diagnostics: Sequence[Diagnostic]) -> None:
    """Invalid data found while evaluating (overlapping points of a sum variable, an
    aggregation needed but not declared): report it and write nothing (exit 1)."""
    if has_errors(diagnostics):
        _print_diagnostics([d for d in diagnostics if d.is_error], None)
        click.echo("data: invalid for this period; nothing written", err=True)
        sys.exit(1)


def _warn_unknown_entity(entity: str | None, store, dset, roster) -> None:  # noqa: ANN001
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
    click.echo("warning: " + _say("entity-unknown", entity=entity), err=True)


def _period(text: str, lang: str | None = None):
    """The period of --period (§7.2 spellings accepted); a refused one is a usage error (exit 2)
    listing the accepted forms and the closest reading."""
    from .data import PeriodError, parse_period

    if any(ch.isdigit() and not ch.isascii() for ch in text):
        raise click.BadParameter(_say("period-non-ascii", text=text), param_hint="--period")
    try:
        return parse_period(text)
    except PeriodError as exc:
        raise click.BadParameter(exc.render(lang), param_hint="--period")


def _warn_no_data(store, period, lang: str | None) -> None:
    """One warning line on stderr when no data point lies in the period (§7.2)."""
    from .data.coverage import no_data_problem
    from .messages import render as render_message

    problem = no_data_problem(store.table if store is not None else None, period)
    if problem is not None:
        word = "peringatan" if (lang or "id") == "id" else "warning"
        click.echo(f"{word}: {render_message(problem.code, problem.params, lang)}", err=True)


def _preflight(out_paths: Sequence[str], path: str, data_paths: Sequence[str] = (),
               holders_path: str | None = None) -> None:
    """Check every output before any work (a missing folder fails at once, not after a minute
    of evaluation) and refuse an output that is one of the run's own input files."""
    import os

    from .load.loader import find_files
    from .output.files import check_output

    inputs: list[str] = []
    if os.path.exists(path):
        inputs += find_files(path)
    inputs += _expand_data_paths(data_paths)
    if holders_path:
        inputs.append(holders_path)
    for out in out_paths:
        check_output(out, inputs)


class _stdout_errors:
    """``with _stdout_errors():`` -- a failed write to stdout (full, closed) becomes
    :class:`~indikator.output.files.OutputError` naming standard output; a reader that went
    away (EPIPE) is left to click, which ends quietly."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type, exc, tb) -> None:  # noqa: ANN001
        import errno

        from .output.files import OutputError

        if exc_type is not None and issubclass(exc_type, OSError) and exc.errno != errno.EPIPE:
            raise OutputError(_say("stdout-name"), exc.strerror or str(exc)) from exc


def _write_output(text: str, out_path: str | None) -> None:
    if out_path is None:
        with _stdout_errors():
            click.echo(text, nl=False)
        return
    from .output.files import write_atomically

    write_atomically(out_path, text.encode("utf-8"))


@main.command(name="eval")
@click.argument("path", type=click.Path())
@click.option("--data", "data_paths", multiple=True, type=click.Path(), help="Data file (CSV, YAML, JSON, XLSX, Parquet) or a folder of them; repeatable.")
@click.option("--period", "period_text", required=True, help=PERIOD_HELP)
@click.option("--entity", default=None, help="An entity id (region code, NIP) or 'all'.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--lang", type=click.Choice(["id", "en"]), default="en", show_default=True)
@click.option("--locale", type=click.Choice(["C", "id"]), default="C", show_default=True,
              help="How numbers in data files are written: C (1234.5) or id (1.234,5).")
@click.option("--efficiency", type=click.Choice(["difference", "ratio"]), default="difference", show_default=True,
              help="Budget efficiency: achievement − absorption, or achievement / absorption × 100.")
@click.option("-o", "--output", "out_path", type=click.Path(), default=None, help="Write to a file instead of stdout.")
@click.option("--holders", "holders_path", type=click.Path(), default=None, help=HOLDERS_HELP)
@click.option("--chunk-rows", type=click.IntRange(min=1), default=None, metavar="N",
              help="With --entity all and Parquet data sorted by entity: read and evaluate about N data rows "
                   "at a time (bounded memory for millions of holders; rows come chunk by chunk).")
@click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="With --chunk-rows: chunks evaluated at the same time, in as many processes.")
@no_cache_option
def eval_(path: str, data_paths: tuple[str, ...], period_text: str, entity: str | None, fmt: str, lang: str,
          locale: str, efficiency: str, out_path: str | None, holders_path: str | None,
          chunk_rows: int | None, jobs: int, no_cache: bool) -> None:
    """Evaluate the definitions at PATH against data for one period."""
    from .engine import Engine
    from .output.evaluation import render

    period = _period(period_text, lang)
    if chunk_rows is not None and (entity != "all" or fmt == "table"):
        raise click.BadParameter("needs --entity all and --format csv or json", param_hint="--chunk-rows")
    if out_path is not None:
        _preflight([out_path], path, data_paths, holders_path)
    dset = _load_checked(path, no_cache)
    roster = _load_roster(holders_path, dset)
    if chunk_rows is not None:
        _eval_chunked(dset, roster, data_paths, locale, efficiency, period, fmt, out_path, chunk_rows, jobs)
        return
    store = _load_data(data_paths, locale, dset)
    _warn_no_data(store, period, lang)
    _warn_unknown_entity(entity, store, dset, roster)
    engine = Engine(dset, store, efficiency, roster=roster)
    engine.progress = True
    evaluation = engine.evaluate(period, entity)
    _stop_on_data_errors(evaluation.diagnostics)
    if fmt in ("csv", "json"):
        _stream_output(evaluation, fmt, out_path)
    else:
        _write_output(render(evaluation, fmt, lang), out_path)


def _eval_chunked(dset, roster, data_paths, locale: str, efficiency: str, period, fmt: str, out_path: str | None,
                  chunk_rows: int, jobs: int = 1) -> None:
    from .engine import Engine
    from .engine.chunked import ChunkError, run

    engine = Engine(dset, None, efficiency, roster=roster)
    try:
        with progress("evaluating chunks") as task:
            diags = run(engine, _expand_data_paths(data_paths), locale, period, fmt, out_path, chunk_rows, task,
                        jobs)
    except ChunkError as exc:
        diags = exc.diagnostics
    if has_errors(diags):
        _print_diagnostics([d for d in diags if d.is_error], None)
        click.echo("data: invalid or not chunkable; nothing written", err=True)
        sys.exit(1)


def _stream_output(evaluation, fmt: str, out_path: str | None) -> None:
    """CSV column-wise (output/columnar.py) and JSON record by record, straight to stdout or
    to the file (atomically): millions of rows are never one string in memory."""
    import io

    from .output.files import atomic_writer

    def write(binary) -> None:
        if fmt == "csv":
            from .output.columnar import write_csv

            write_csv(evaluation, binary)
        else:
            from .output.evaluation import write_json

            text = io.TextIOWrapper(binary, encoding="utf-8", newline="\n", write_through=False)
            write_json(evaluation, text)
            text.flush()
            text.detach()

    if out_path is None:
        with _stdout_errors():
            sys.stdout.flush()
            stdout = sys.stdout.buffer  # click.get_binary_stream is deprecated (Click 9)
            write(stdout)
            stdout.flush()
    else:
        with atomic_writer(out_path) as fh:
            write(fh)


@main.command()
@click.argument("path", type=click.Path())
@click.argument("indicator")
@click.option("--data", "data_paths", multiple=True, type=click.Path(), help="Data file; repeatable.")
@click.option("--period", "period_text", required=True)
@click.option("--entity", default=None, help="An entity id (region code, NIP).")
@click.option("--locale", type=click.Choice(["C", "id"]), default="C", show_default=True)
@click.option("--holders", "holders_path", type=click.Path(), default=None, help=HOLDERS_HELP)
@no_cache_option
def explain(path: str, indicator: str, data_paths: tuple[str, ...], period_text: str, entity: str | None,
            locale: str, holders_path: str | None, no_cache: bool) -> None:
    """Show how INDICATOR's actual, achievement and predicate came about."""
    from .diagnostics import did_you_mean
    from .engine import Engine
    from .engine.explain import explain as derive, render_text

    period = _period(period_text, "en")
    dset = _load_checked(path, no_cache)
    if indicator not in dset.indicators:
        hint = did_you_mean(indicator, dset.indicators)
        raise click.BadParameter(f"no indicator '{indicator}'"
                                 + (f"; did you mean: {', '.join(hint)}?" if hint else ""), param_hint="INDICATOR")
    roster = _load_roster(holders_path, dset)
    store = _load_data(data_paths, locale, dset)
    _warn_no_data(store, period, "en")
    _warn_unknown_entity(entity, store, dset, roster)
    engine = Engine(dset, store, roster=roster)
    click.echo(render_text(derive(engine, indicator, period, entity)), nl=False)
    if has_errors(engine.diagnostics):
        _print_diagnostics([d for d in engine.diagnostics if d.is_error], None)
        sys.exit(1)


@main.command()
@click.argument("path", type=click.Path())
@click.option("--data", "data_paths", multiple=True, type=click.Path(), help="Data file; repeatable.")
@click.option("--period", "period_text", default=None, help="Period to show figures for (needs --data).")
@click.option("--root", default=None, help="Draw only the branch below this element id.")
@click.option("--depth", type=click.IntRange(min=0), default=None, help="Number of levels below the root.")
@click.option("--split", type=click.Choice(["none", "agency"]), default="none", show_default=True,
              help="'agency': one page per agency (OUT-<agency>.ext) plus the region levels (OUT-region.ext).")
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True)
@click.option("--locale", type=click.Choice(["C", "id"]), default="C", show_default=True)
@click.option("-o", "--output", "out_path", required=True, type=click.Path(), help="OUT: .svg, .png, .pdf or .dot")
@click.option("--page", type=click.Choice(["a4", "none"]), default=None,
              help="a4: split into readable A4 landscape pages (default for .pdf); .svg/.png write OUT-01, OUT-02, …")
@click.option("--ids", is_flag=True, help="Show element ids in the boxes.")
@no_cache_option
def render(path: str, data_paths: tuple[str, ...], period_text: str | None, root: str | None,
           depth: int | None, split: str, lang: str, locale: str, out_path: str, page: str | None = None,
           ids: bool = False, no_cache: bool = False) -> None:
    """Draw the cascading chart (pohon kinerja) of the definitions at PATH."""
    from .diagnostics import did_you_mean
    from .render import RenderError, RenderOptions, build_graph, output_format, page_path, write_graph

    if output_format(out_path) is None:
        raise click.BadParameter("OUT must end in .svg, .png, .pdf or .dot", param_hint="-o")
    if data_paths and not period_text:
        raise click.BadParameter("--data needs --period", param_hint="--period")
    period = _period(period_text, lang) if period_text else None
    _preflight([out_path], path, data_paths)
    dset = _load_checked(path, no_cache)
    if root is not None and root not in dset.elements:
        hint = did_you_mean(root, dset.elements)
        raise click.BadParameter(f"no element '{root}'" + (f"; did you mean: {', '.join(hint)}?" if hint else ""),
                                 param_hint="--root")
    evaluation = None
    if period is not None:
        from .engine import Engine

        store = _load_data(data_paths, locale, dset)
        _warn_no_data(store, period, lang)
        evaluation = Engine(dset, store).evaluate(period, None)
        _stop_on_data_errors(evaluation.diagnostics)   # as eval and report: no chart of invalid data
    if page is None:
        whole = root is not None or depth is not None or split != "none"
        page = "a4" if output_format(out_path) == "pdf" and not whole else "none"
    if page == "a4":
        if root is not None or depth is not None or split != "none":
            raise click.BadParameter("--page a4 splits the whole chart itself; leave out --root, --depth and "
                                     "--split, or give --page none", param_hint="--page")
        from .render.pages import render_pages
        from .report.model import period_label

        try:
            written, warnings = render_pages(dset, evaluation, RenderOptions(lang=lang, ids=ids), out_path,
                                             period_label(period, lang) if period is not None else None)
        except RenderError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)
        for w in warnings:
            click.echo(f"warning: {w}", err=True)
        for target in written:
            click.echo(f"wrote {target}")
        return
    pages: list[tuple[str, RenderOptions]] = []
    if split == "agency":
        from .render.page_names import agency_pages

        agencies = sorted({e.agency for e in dset.elements.values() if e.agency})
        named = agency_pages(out_path, agencies)
        pages += [(target, RenderOptions(root, depth, lang, agency=a, ids=ids)) for a, target in named]
        _preflight([target for target, _ in pages], path, data_paths)
    else:
        pages.append((out_path, RenderOptions(root, depth, lang, ids=ids)))
    try:
        for target, opts in pages:
            write_graph(build_graph(dset, evaluation, opts), target)
            click.echo(f"wrote {target}")
    except RenderError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)


@main.command()
@click.argument("path", type=click.Path())
@click.option("--data", "data_paths", multiple=True, type=click.Path(),
              help="Data file (CSV, YAML, JSON, XLSX, Parquet) or folder; repeatable.")
@click.option("--period", "period_text", required=True, help=PERIOD_HELP)
@click.option("--entity", default=None, help="An entity id (region code, NIP) or 'all'.")
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True)
@click.option("--locale", type=click.Choice(["C", "id"]), default="C", show_default=True,
              help="How numbers in data files are written: C (1234.5) or id (1.234,5).")
@click.option("--efficiency", type=click.Choice(["difference", "ratio"]), default="difference", show_default=True,
              help="Budget efficiency: achievement − absorption, or achievement / absorption × 100.")
@click.option("-o", "--output", "out_path", required=True, type=click.Path(),
              help="OUT: .html, .md, .xlsx, .docx or .pdf")
@click.option("--holders", "holders_path", type=click.Path(), default=None, help=HOLDERS_HELP)
@click.option("--date", "sign_date", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Date of the signature block (YYYY-MM-DD); default today.")
@no_cache_option
def report(path: str, data_paths: tuple[str, ...], period_text: str, entity: str | None, lang: str, locale: str,
           efficiency: str, out_path: str, holders_path: str | None, sign_date=None, no_cache: bool = False) -> None:
    """Write the measurement report (LKjIP tables) of the definitions at PATH to OUT."""
    from .engine import Engine
    from .output.files import write_atomically
    from .report import build_report, render_report, report_format

    fmt = report_format(out_path)
    if fmt is None:
        raise click.BadParameter(f"OUT must end in .html, .md, .xlsx, .docx or .pdf, not '{out_path}'",
                                 param_hint="-o")
    period = _period(period_text, lang)
    _preflight([out_path], path, data_paths, holders_path)
    dset = _load_checked(path, no_cache)
    roster = _load_roster(holders_path, dset)
    store = _load_data(data_paths, locale, dset)
    _warn_no_data(store, period, lang)
    _warn_unknown_entity(entity, store, dset, roster)
    engine = Engine(dset, store, efficiency, roster=roster)
    engine.progress = True
    rep, diagnostics = build_report(engine, period, entity, lang, sign_date.date() if sign_date else None)
    _stop_on_data_errors(diagnostics)
    from .report.pdf import PdfError

    try:
        data = render_report(rep, fmt)
    except PdfError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    write_atomically(out_path, data)
    click.echo(f"wrote {out_path}")


@main.command()
@click.argument("path", type=click.Path())
@click.option("--data", "data_paths", multiple=True, type=click.Path(),
              help="Data file (CSV, YAML, JSON, XLSX, Parquet) or folder; repeatable.")
@click.option("--period", "period_text", default=None,
              help="Period shown first (default: the one most of the data is given for).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but 127.0.0.1/localhost opens the page to the network.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="0 picks a free port.")
@click.option("--locale", type=click.Choice(["C", "id"]), default="C", show_default=True,
              help="How numbers in data files are written: C (1234.5) or id (1.234,5).")
@click.option("--efficiency", type=click.Choice(["difference", "ratio"]), default="difference", show_default=True)
@no_cache_option
def serve(path: str, data_paths: tuple[str, ...], period_text: str | None, host: str, port: int, locale: str,
          efficiency: str, no_cache: bool) -> None:
    """Open the definitions at PATH and their data as a local web page (read-only; reloads on save)."""
    import logging
    import os

    from .serve import Workspace, create_app, make_server

    if period_text:
        _period(period_text)
    if not os.path.exists(path):
        raise click.BadParameter(f"no such file or folder: {path}", param_hint="PATH")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    workspace = Workspace(path, data_paths, locale, efficiency, cache=not no_cache)
    app = create_app(workspace, period_text, host)
    try:
        server = make_server(app, host, port)
    except OSError as exc:
        click.echo(f"error: cannot listen on {host}:{port}: {exc.strerror or exc}", err=True)
        sys.exit(1)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"indikator serve: http://{shown}:{server.server_port}/  ({path}; Ctrl+C stops)")
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}: anyone who can reach this address can read the page", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@main.command()
@click.argument("path", type=click.Path())
@click.option("--period", "year", required=True, type=click.IntRange(1000, 9999), metavar="YEAR",
              help="The year the form is for: columns TW I–IV (and months where a variable needs them).")
@click.option("--entity", type=click.Choice(["all"]), default=None,
              help="'all': also one sheet per position, a block of rows per holder (NIP).")
@click.option("--holders", "holders_path", type=click.Path(), default=None, help=HOLDERS_HELP)
@click.option("--lang", type=click.Choice(["id", "en"]), default=None, help="Language of messages (default: id).")
@click.option("-o", "--output", "out_path", required=True, type=click.Path(), help="FORM.xlsx")
@no_cache_option
def template(path: str, year: int, entity: str | None, holders_path: str | None, lang: str | None,
             out_path: str, no_cache: bool = False) -> None:
    """Write a data-entry workbook (Excel) for the definitions at PATH; --data FORM.xlsx reads it back."""
    from .entry.form import plan, write_form
    from .messages import default_lang, render as msg
    from .output.files import write_atomically

    lang = lang or default_lang()
    if not out_path.lower().endswith((".xlsx", ".xlsm")):
        raise click.BadParameter(msg("form-not-xlsx", {"path": out_path}, lang), param_hint="-o")
    _preflight([out_path], path, (), holders_path)
    dset = _load_checked(path, no_cache)
    roster = _load_roster(holders_path, dset)
    entity_all = entity == "all"
    try:
        write_atomically(out_path, write_form(dset, year, entity_all, roster))
    except OSError as exc:
        click.echo("error: " + msg("cannot-write", {"path": out_path, "reason": exc.strerror or exc}, lang), err=True)
        sys.exit(1)
    sheets = plan(dset, entity_all, roster)
    rows = sum(len(s.rows) * max(1, len(s.holders)) for s in sheets)
    click.echo(msg("form-written", {"path": out_path, "sheets": len(sheets), "rows": rows}, lang))


@main.command(name="import")
@click.argument("sheet", type=click.Path())
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Folder for the definition set (created if missing).")
@click.option("--year", type=click.IntRange(1000, 9999), default=None,
              help="Year of a 'Target' column without one (default: the year in the title above the table).")
@click.option("--agency", default=None, help="perangkat_daerah of the imported elements.")
@click.option("--lang", type=click.Choice(["id", "en"]), default=None, help="Language of messages (default: id).")
def import_(sheet: str, out_dir: str, year: int | None, agency: str | None, lang: str | None) -> None:
    """Turn an existing PK / Renstra / IKI table (XLSX or CSV) into a definition set in OUT_DIR."""
    import os

    from .entry.importer import import_table
    from .messages import default_lang, render as msg
    from .output.files import write_atomically

    lang = lang or default_lang()
    try:
        res = import_table(sheet, year, agency)
    except (OSError, UnicodeDecodeError, ValueError, KeyError) as exc:
        click.echo(f"{sheet}: error: " + msg("import-unreadable", {"path": sheet, "reason": exc}, lang), err=True)
        sys.exit(1)
    for code, params, row in res.problems:
        severity = "error" if code in ("import-no-indicator-column",) else "warning"
        click.echo(f"{sheet}:{row}: {severity}: {msg(code, params, lang)}", err=True)
    if not res.elements:
        sys.exit(1)
    for row, indicator, _text, reason in res.untranslated:
        why = msg(reason, {"detail": ""}, lang).rstrip(": ")
        click.echo(f"{sheet}:{row}: warning: " + msg("import-untranslated", {"indicator": indicator, "why": why},
                                                       lang), err=True)
    target = os.path.join(out_dir, os.path.splitext(os.path.basename(sheet))[0] + ".yaml")
    try:
        os.makedirs(out_dir, exist_ok=True)
        from .output.files import check_output

        check_output(target, [sheet])        # never over the table being imported
        write_atomically(target, res.yaml.encode("utf-8"))
    except OSError as exc:
        click.echo("error: " + msg("cannot-write", {"path": target, "reason": exc.strerror or exc}, lang), err=True)
        sys.exit(1)
    click.echo(msg("import-written", {"path": target, "elements": len(res.elements),
                                      "indicators": len(res.indicators), "variables": len(res.variables),
                                      "translated": res.translated, "formulas": res.formulas}, lang))


@main.command()
@click.argument("table", type=click.Path())
@click.option("--defs", "defs_path", type=click.Path(), default=None,
              help="Definitions: rows are matched to their indicators by id or name (polarity, scale).")
@click.option("--data", "data_paths", multiple=True, type=click.Path(),
              help="With --defs and --period: data, so each finding also says what the engine computes.")
@click.option("--period", "period_text", default=None, help="Period of the data (with --data).")
@click.option("--scale", default=None, help="Predicate scale: permendagri86 (default), berhasil, or one of --defs.")
@click.option("--locale", type=click.Choice(["id", "C"]), default="id", show_default=True,
              help="How the table writes numbers: id (1.234,5) or C (1234.5).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "xlsx"]), default="table", show_default=True)
@click.option("--lang", type=click.Choice(["id", "en"]), default=None, help="Language (default: INDIKATOR_LANG, else id).")
@click.option("-o", "--output", "out_path", type=click.Path(), default=None,
              help="Write to a file (needed for --format xlsx).")
@no_cache_option
def audit(table: str, defs_path: str | None, data_paths: tuple[str, ...], period_text: str | None,
          scale: str | None, locale: str, fmt: str, lang: str | None, out_path: str | None,
          no_cache: bool) -> None:
    """Recompute a table copied from a report (TABLE.xlsx or .csv) and list its slips (PRODUCT.md §11)."""
    import os

    from .audit import TableError, audit_table
    from .audit.output import to_json, to_table, to_xlsx
    from .messages import default_lang, render

    lang = lang or default_lang()
    if data_paths and not (defs_path and period_text):
        raise click.UsageError("--data needs --defs and --period")
    if fmt == "xlsx" and not out_path:
        raise click.UsageError("--format xlsx needs -o OUT.xlsx")
    inputs = [table] + ([defs_path] if defs_path else []) + list(data_paths)
    if out_path and any(os.path.exists(p) and os.path.exists(out_path) and os.path.samefile(p, out_path)
                        for p in inputs):
        raise click.UsageError(f"{out_path} is one of the inputs; choose another output")
    if out_path:   # the folder, the name, and every definition file, before any work
        _preflight([out_path], defs_path or table, [table, *data_paths])
    from .input_paths import why_unreadable

    problem = why_unreadable(table)   # before open: a FIFO would block it, a folder is not "missing"
    if problem is not None and problem.code != "path-missing":
        click.echo(f"error: {problem.render(lang)}", err=True)
        sys.exit(1)
    period = _period(period_text) if period_text else None
    dset = _load_checked(defs_path, no_cache) if defs_path else None
    known = ["permendagri86", "berhasil"] + sorted(dset.scales if dset else [])
    if scale is not None and scale not in known:
        raise click.BadParameter(render("audit-scale-unknown", {"scale": scale, "known": ", ".join(known)}, lang),
                                 param_hint="--scale")
    try:
        if dset is not None:
            from .audit.run import audit_with_defs

            store = _load_data(data_paths, "C", dset) if data_paths else None  # --locale is the table's
            result = audit_with_defs(table, dset, store, period, locale=locale, scale=scale, lang=lang)
        else:
            result = audit_table(table, locale=locale, scale=scale, lang=lang)
    except TableError as exc:
        click.echo(exc.problem.render(lang), err=True)
        sys.exit(1)
    for note in result.notes:
        click.echo(note.render(lang), err=True)
    try:
        if fmt == "xlsx":
            from .output.files import write_atomically

            write_atomically(out_path, to_xlsx(result, lang))
        else:
            _write_output(to_json(result) if fmt == "json" else to_table(result, lang), out_path)
    except OSError as exc:
        click.echo(render("cannot-write", {"path": out_path or "stdout", "reason": exc.strerror or exc}, lang),
                   err=True)
        sys.exit(1)


def run() -> None:  # pragma: no cover - thin wrapper used by `python -m indikator`
    main()
