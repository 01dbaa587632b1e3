"""The ``indikator`` command line (click): the commands. With :mod:`.support`, the only modules
that print and exit.

Exit codes (PRODUCT.md §8): 0 success; 1 invalid definitions or unreadable
data files; 2 usage errors (click's own). Missing data and undefined results
are not failures. No traceback ever reaches the user: an unexpected error is
reported as an internal error with exit code 1.
"""
from __future__ import annotations

import dataclasses
import sys

import click

from ..diagnostics import has_errors
from ..messages.os_errors import os_reason
from .. import formats
from .usage import Choice, DateTime, IntRange
from .support import Boundary, CHART_OUT_HELP, DATA_HELP, DEBUG_HELP, HOLDERS_HELP, PERIOD_HELP, REPORT_OUT_HELP, eval_chunked, group_lang_option, lang_option, load_checked, load_data, load_for_command, load_roster, no_cache_option, not_found, out_extensions, parse_period_option, preflight, print_diagnostics, progress, say_in, stop_on_data_errors, stream_output, summary_of, warn_no_data, warn_unknown_entity, write_output, version_option


@click.group(cls=Boundary, context_settings={"help_option_names": ["-h", "--help"]})
@version_option
@group_lang_option
@click.option("--debug", is_flag=True, expose_value=False, help=DEBUG_HELP)
def main() -> None:
    """indikator — pohon kinerja (SAKIP performance trees) in YAML: check, evaluate, chart, report."""


@main.command()
@click.argument("path", type=click.Path())
@click.option("--format", "fmt", type=Choice(["text", "json"]), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Treat warnings (coverage gaps) as errors.")
@click.option("--holders", "holders_path", type=click.Path(), default=None, help=HOLDERS_HELP)
@lang_option
@no_cache_option
def check(path: str, fmt: str, strict: bool, holders_path: str | None, lang: str, no_cache: bool) -> None:
    """Load, parse and validate the definition set at PATH; report every problem."""
    dset, diags = load_for_command(path, no_cache)
    if holders_path and dset is not None:
        from ..data.roster import read_roster, roster_coverage

        with progress("reading holders"):
            roster, rdiags = read_roster(holders_path, dset)
        diags = list(diags) + rdiags
        if roster is not None:
            diags = roster_coverage(dset, roster, diags)
    if strict:
        diags = [d.with_severity("error") for d in diags]
    sources = dset.sources if dset else None
    if fmt == "json":
        print_diagnostics(diags, sources, "json", lang=lang)
    else:
        print_diagnostics(diags, sources, "text", stream=sys.stdout, lang=lang)
        if dset is not None and not has_errors(diags):
            click.echo(say_in("cli-check-ok", lang, path=path, elements=len(dset.elements),
                            indicators=len(dset.indicators), files=len(dset.files), summary=summary_of(diags, lang)))
        else:
            click.echo(say_in("cli-check-summary", lang, path=path, summary=summary_of(diags, lang)))
    sys.exit(1 if has_errors(diags) else 0)


@main.command(name="eval")
@click.argument("path", type=click.Path())
@click.option("--data", "data_paths", multiple=True, type=click.Path(), help=DATA_HELP)
@click.option("--period", "period_text", required=True, help=PERIOD_HELP)
@click.option("--entity", default=None, help="An entity id (region code, NIP) or 'all'.")
@click.option("--format", "fmt", type=Choice(["table", "json", "csv"]), default="table", show_default=True)
@lang_option
@click.option("--locale", type=Choice(["C", "id"]), default="C", show_default=True,
              help="How numbers in data files are written: C (1234.5) or id (1.234,5).")
@click.option("--efficiency", type=Choice(["difference", "ratio"]), default="difference", show_default=True,
              help="Budget efficiency: achievement − absorption, or achievement / absorption × 100.")
@click.option("-o", "--output", "out_path", type=click.Path(), default=None, help="Write to a file instead of stdout.")
@click.option("--holders", "holders_path", type=click.Path(), default=None, help=HOLDERS_HELP)
@click.option("--chunk-rows", type=IntRange(min=1), default=None, metavar="N",
              help="With --entity all and Parquet data sorted by entity: read and evaluate about N data rows "
                   "at a time (bounded memory for millions of holders; rows come chunk by chunk).")
@click.option("--jobs", type=IntRange(min=1), default=1, show_default=True,
              help="With --chunk-rows: chunks evaluated at the same time, in as many processes.")
@no_cache_option
def eval_(path: str, data_paths: tuple[str, ...], period_text: str, entity: str | None, fmt: str, lang: str,
          locale: str, efficiency: str, out_path: str | None, holders_path: str | None,
          chunk_rows: int | None, jobs: int, no_cache: bool) -> None:
    """Evaluate the definitions at PATH against data for one period."""
    from ..engine import Engine
    from ..output.evaluation import render

    period = parse_period_option(period_text, lang)
    if chunk_rows is not None and (entity != "all" or fmt == "table"):
        raise click.BadParameter(say_in("cli-chunk-needs", lang), param_hint="--chunk-rows")
    if out_path is not None:
        preflight([out_path], path, data_paths, holders_path)
    dset = load_checked(path, lang, no_cache)
    roster = load_roster(holders_path, dset, lang)
    if chunk_rows is not None:
        eval_chunked(dset, roster, data_paths, locale, efficiency, period, fmt, out_path, chunk_rows, jobs, lang)
        return
    store = load_data(data_paths, locale, dset, lang)
    warn_no_data(store, period, lang)
    warn_unknown_entity(entity, store, dset, roster, lang)
    engine = Engine(dset, store, efficiency, roster=roster)
    engine.progress = True
    evaluation = engine.evaluate(period, entity)
    stop_on_data_errors(evaluation.diagnostics, lang)
    evaluation = dataclasses.replace(evaluation, lang=lang)      # the writers say messages in it
    if fmt in ("csv", "json"):
        stream_output(evaluation, fmt, out_path, lang)
    else:
        write_output(render(evaluation, fmt, lang), out_path)


@main.command()
@click.argument("path", type=click.Path())
@click.argument("indicator")
@click.option("--data", "data_paths", multiple=True, type=click.Path(), help="Data file; repeatable.")
@click.option("--period", "period_text", required=True)
@click.option("--entity", default=None, help="An entity id (region code, NIP).")
@click.option("--locale", type=Choice(["C", "id"]), default="C", show_default=True)
@click.option("--holders", "holders_path", type=click.Path(), default=None, help=HOLDERS_HELP)
@lang_option
@no_cache_option
def explain(path: str, indicator: str, data_paths: tuple[str, ...], period_text: str, entity: str | None,
            locale: str, holders_path: str | None, lang: str, no_cache: bool) -> None:
    """Show how INDICATOR's actual, achievement and predicate came about."""
    from ..engine import Engine
    from ..engine.explain import explain as derive
    from ..output.explain import render_text

    period = parse_period_option(period_text, lang)
    dset = load_checked(path, lang, no_cache)
    if indicator not in dset.indicators:
        raise click.BadParameter(not_found("cli-no-indicator", indicator, dset.indicators, lang),
                                 param_hint="INDICATOR")
    roster = load_roster(holders_path, dset, lang)
    store = load_data(data_paths, locale, dset, lang)
    warn_no_data(store, period, lang)
    warn_unknown_entity(entity, store, dset, roster, lang)
    engine = Engine(dset, store, roster=roster)
    click.echo(render_text(derive(engine, indicator, period, entity), lang), nl=False)
    if has_errors(engine.diagnostics):
        print_diagnostics([d for d in engine.diagnostics if d.is_error], None, lang=lang)
        sys.exit(1)


@main.command()
@click.argument("path", type=click.Path())
@click.option("--data", "data_paths", multiple=True, type=click.Path(), help="Data file; repeatable.")
@click.option("--period", "period_text", default=None, help="Period to show figures for (needs --data).")
@click.option("--root", default=None, help="Draw only the branch below this element id.")
@click.option("--depth", type=IntRange(min=0), default=None, help="Number of levels below the root.")
@click.option("--split", type=Choice(["none", "agency"]), default="none", show_default=True,
              help="'agency': one page per agency (OUT-<agency>.ext) plus the region levels (OUT-region.ext).")
@lang_option
@click.option("--locale", type=Choice(["C", "id"]), default="C", show_default=True)
@click.option("-o", "--output", "out_path", required=True, type=click.Path(), metavar="OUT", help=CHART_OUT_HELP)
@click.option("--page", type=Choice(["a4", "none"]), default=None,
              help="a4: split into readable A4 landscape pages (default for .pdf); .svg/.png write OUT-01, OUT-02, …")
@click.option("--ids", is_flag=True, help="Show element ids in the boxes.")
@no_cache_option
def render(path: str, data_paths: tuple[str, ...], period_text: str | None, root: str | None,
           depth: int | None, split: str, lang: str, locale: str, out_path: str, page: str | None = None,
           ids: bool = False, no_cache: bool = False) -> None:
    """Draw the cascading chart (pohon kinerja) of the definitions at PATH."""
    from ..render import RenderError, RenderOptions, build_graph, output_format, write_graph

    if output_format(out_path) is None:
        raise click.BadParameter(say_in("cli-out-extension", lang, extensions=out_extensions(formats.CHART)),
                                 param_hint="-o")
    if data_paths and not period_text:
        raise click.BadParameter(say_in("cli-data-needs-period", lang), param_hint="--period")
    period = parse_period_option(period_text, lang) if period_text else None
    preflight([out_path], path, data_paths)
    dset = load_checked(path, lang, no_cache)
    if root is not None and root not in dset.elements:
        raise click.BadParameter(not_found("cli-no-element", root, dset.elements, lang), param_hint="--root")
    evaluation = None
    if period is not None:
        from ..engine import Engine

        store = load_data(data_paths, locale, dset, lang)
        warn_no_data(store, period, lang)
        evaluation = Engine(dset, store).evaluate(period, None)
        stop_on_data_errors(evaluation.diagnostics, lang)   # as eval and report: no chart of invalid data
    if page is None:
        whole = root is not None or depth is not None or split != "none"
        page = "a4" if output_format(out_path) == "pdf" and not whole else "none"
    if page == "a4":
        if root is not None or depth is not None or split != "none":
            raise click.BadParameter(say_in("cli-page-a4-whole", lang), param_hint="--page")
        from ..render.pages import render_pages
        from ..report.words import period_label

        try:
            written, warnings = render_pages(dset, evaluation, RenderOptions(lang=lang, ids=ids), out_path,
                                             period_label(period, lang) if period is not None else None, cache=not no_cache)
        except RenderError as exc:
            click.echo(say_in("cli-error", lang, reason=exc.text(lang)), err=True)
            sys.exit(1)
        for w in warnings:
            click.echo(f"{say_in('severity-warning', lang)}: {w}", err=True)
        for target in written:
            click.echo(say_in("cli-wrote", lang, path=target))
        return
    pages: list[tuple[str, RenderOptions]] = []
    if split == "agency":
        from ..render.page_names import agency_pages

        agencies = sorted({e.agency for e in dset.elements.values() if e.agency})
        named = agency_pages(out_path, agencies)
        pages += [(target, RenderOptions(root, depth, lang, agency=a, ids=ids)) for a, target in named]
        preflight([target for target, _ in pages], path, data_paths)
    else:
        pages.append((out_path, RenderOptions(root, depth, lang, ids=ids)))
    try:
        if len(pages) == 1:
            write_graph(build_graph(dset, evaluation, pages[0][1]), pages[0][0], cache=not no_cache)
        else:   # one file per agency: all of them, or none (output/files.py)
            from ..output.files import write_files_atomically
            from ..render.write import graph_bytes

            write_files_atomically([(target, graph_bytes(build_graph(dset, evaluation, opts), output_format(target),
                                                         not no_cache)) for target, opts in pages])
        for target, _ in pages:
            click.echo(say_in("cli-wrote", lang, path=target))
    except RenderError as exc:
        click.echo(say_in("cli-error", lang, reason=exc.text(lang)), err=True)
        sys.exit(1)


@main.command()
@click.argument("path", type=click.Path())
@click.option("--data", "data_paths", multiple=True, type=click.Path(),
              help=DATA_HELP)
@click.option("--period", "period_text", required=True, help=PERIOD_HELP)
@click.option("--entity", default=None, help="An entity id (region code, NIP) or 'all'.")
@lang_option
@click.option("--locale", type=Choice(["C", "id"]), default="C", show_default=True,
              help="How numbers in data files are written: C (1234.5) or id (1.234,5).")
@click.option("--efficiency", type=Choice(["difference", "ratio"]), default="difference", show_default=True,
              help="Budget efficiency: achievement − absorption, or achievement / absorption × 100.")
@click.option("-o", "--output", "out_path", required=True, type=click.Path(), metavar="OUT", help=REPORT_OUT_HELP)
@click.option("--holders", "holders_path", type=click.Path(), default=None, help=HOLDERS_HELP)
@click.option("--date", "sign_date", type=DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Date of the signature block (YYYY-MM-DD); default today.")
@no_cache_option
def report(path: str, data_paths: tuple[str, ...], period_text: str, entity: str | None, lang: str, locale: str,
           efficiency: str, out_path: str, holders_path: str | None, sign_date=None, no_cache: bool = False) -> None:
    """Write the measurement report (LKjIP tables) of the definitions at PATH to OUT."""
    from ..engine import Engine
    from ..output.files import write_atomically
    from ..report import build_report, render_report, report_format

    fmt = report_format(out_path)
    if fmt is None:
        raise click.BadParameter(say_in("cli-out-extension-not", lang, extensions=out_extensions(formats.REPORT),
                                      path=out_path), param_hint="-o")
    period = parse_period_option(period_text, lang)
    preflight([out_path], path, data_paths, holders_path)
    from contextlib import nullcontext

    from ..report.pdf import PdfError
    from .support import paused_gc

    # the collector rests from the load to the built report: the definitions are frozen out
    # of it before it runs again (load_checked), and the results and tables live until the
    # command ends (support.paused_gc); and while the file is written, but for a PDF (its
    # printer's box trees are cycles that a long layout must be able to free)
    with paused_gc(freeze=True):
        dset = load_checked(path, lang, no_cache)
        roster = load_roster(holders_path, dset, lang)
        store = load_data(data_paths, locale, dset, lang)
        warn_no_data(store, period, lang)
        warn_unknown_entity(entity, store, dset, roster, lang)
        engine = Engine(dset, store, efficiency, roster=roster)
        engine.progress = True
        rep, diagnostics = build_report(engine, period, entity, lang, sign_date.date() if sign_date else None)
    stop_on_data_errors(diagnostics, lang)
    try:
        with paused_gc(freeze=True) if fmt != "pdf" else nullcontext():
            data = render_report(rep, fmt)
            write_atomically(out_path, data)
    except PdfError as exc:
        click.echo(say_in("cli-error", lang, reason=exc.text(lang)), err=True)
        sys.exit(1)
    click.echo(say_in("cli-wrote", lang, path=out_path))


@main.command()
@click.argument("path", type=click.Path())
@click.option("--data", "data_paths", multiple=True, type=click.Path(),
              help=DATA_HELP)
@click.option("--period", "period_text", default=None,
              help="Period shown first (default: the one most of the data is given for).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but 127.0.0.1/localhost opens the page to the network.")
@click.option("--port", type=IntRange(0, 65535), default=8000, show_default=True, help="0 picks a free port.")
@click.option("--locale", type=Choice(["C", "id"]), default="C", show_default=True,
              help="How numbers in data files are written: C (1234.5) or id (1.234,5).")
@click.option("--efficiency", type=Choice(["difference", "ratio"]), default="difference", show_default=True)
@lang_option
@no_cache_option
def serve(path: str, data_paths: tuple[str, ...], period_text: str | None, host: str, port: int, locale: str,
          efficiency: str, lang: str, no_cache: bool) -> None:
    """Open the definitions at PATH and their data as a local web page (read-only; reloads on save)."""
    import logging
    import os

    from ..serve import Workspace, create_app, make_server, warm_up

    if period_text:
        parse_period_option(period_text, lang)
    if not os.path.exists(path):
        raise click.BadParameter(say_in("cli-no-such-path", lang, path=path), param_hint="PATH")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    workspace = Workspace(path, data_paths, locale, efficiency, cache=not no_cache, lang=lang)
    app = create_app(workspace, period_text, host, lang=lang)
    try:
        server = make_server(app, host, port)
    except OSError as exc:
        click.echo(say_in("cli-cannot-listen", lang, host=host, port=port, reason=os_reason(exc)), err=True)
        sys.exit(1)
    shown = f"[{host}]" if ":" in host else host
    click.echo(say_in("cli-serving", lang, url=f"http://{shown}:{server.server_port}/", path=path))
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(say_in("cli-serve-open", lang, host=host), err=True)
    warm_up(app)              # the first view is loaded, evaluated and drawn before it is asked for
    from ..output.files import Interrupted

    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    except Interrupted as exc:   # SIGTERM/SIGHUP are how a service manager stops a server: not an error
        click.echo(say_in("serve-stopped", lang, signal=exc.name), err=True)
    finally:
        server.server_close()


@main.command()
@click.argument("path", type=click.Path())
@click.option("--period", "year", required=True, type=IntRange(1000, 9999), metavar="YEAR",
              help="The year the form is for: columns TW I–IV (and months where a variable needs them).")
@click.option("--entity", type=Choice(["all"]), default=None,
              help="'all': also one sheet per position, a block of rows per holder (NIP).")
@click.option("--holders", "holders_path", type=click.Path(), default=None, help=HOLDERS_HELP)
@lang_option
@click.option("-o", "--output", "out_path", required=True, type=click.Path(), help="FORM.xlsx")
@no_cache_option
def template(path: str, year: int, entity: str | None, holders_path: str | None, lang: str,
             out_path: str, no_cache: bool = False) -> None:
    """Write a data-entry workbook (Excel) for the definitions at PATH; --data FORM.xlsx reads it back."""
    from ..entry.form import plan, write_form
    from ..messages import render as msg
    from ..output.files import write_atomically

    if not out_path.lower().endswith((".xlsx", ".xlsm")):
        raise click.BadParameter(msg("form-not-xlsx", {"path": out_path}, lang), param_hint="-o")
    preflight([out_path], path, (), holders_path)
    dset = load_checked(path, lang, no_cache)
    roster = load_roster(holders_path, dset, lang)
    entity_all = entity == "all"
    try:
        write_atomically(out_path, write_form(dset, year, entity_all, roster))
    except OSError as exc:
        click.echo(msg("severity-error", {}, lang) + ": " + msg("cannot-write", {"path": out_path, "reason": os_reason(exc)}, lang), err=True)
        sys.exit(1)
    sheets = plan(dset, entity_all, roster)
    rows = sum(len(s.rows) * max(1, len(s.holders)) for s in sheets)
    click.echo(msg("form-written", {"path": out_path, "sheets": len(sheets), "rows": rows}, lang))


#: what stops an import before anything is written (the rest are warnings beside the written file)
IMPORT_ERRORS = ("import-no-indicator-column", "import-formula-without-value")


@main.command(name="import")
@click.argument("sheet", type=click.Path())
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False), metavar="OUT_DIR",
              help="Folder for the definition set (created if missing).")
@click.option("--year", type=IntRange(1000, 9999), default=None,
              help="Year of a 'Target' column without one (default: the year in the title above the table).")
@click.option("--agency", default=None, help="perangkat_daerah of the imported elements.")
@lang_option
def import_(sheet: str, out_dir: str, year: int | None, agency: str | None, lang: str) -> None:
    """Turn an existing PK / Renstra / IKI table (XLSX or CSV) into a definition set in OUT_DIR."""
    import os

    import zipfile
    from typing import Any, NoReturn

    from openpyxl.utils.exceptions import InvalidFileException

    from ..data.filereport import library_said, unreadable_reason
    from ..data.formats.rows import CsvRowError
    from ..messages import Problem
    from ..entry.importer import import_table
    from ..input_paths import why_unreadable
    from ..messages import render as msg
    from ..output.files import write_atomically

    def unreadable(reason: Any, line: int | None = None, column: int | None = None) -> NoReturn:
        where = sheet if line is None else f"{sheet}:{line}" + (f":{column}" if column else "")
        click.echo(f"{where}: {msg('severity-error', {}, lang)}: " + msg("import-unreadable", {"path": sheet, "reason": reason},
                                                                          lang), err=True)
        sys.exit(1)

    problem = why_unreadable(sheet)     # missing, a folder, no permission: said in the language
    if problem is not None:
        unreadable(problem)
    try:
        res = import_table(sheet, year, agency)
    except CsvRowError as exc:
        unreadable(Problem("csv-quote-open", {"field": exc.field}) if exc.unclosed else
                   Problem("csv-malformed", {"reason": exc.reason}), exc.line, exc.field)
    except (OSError, UnicodeDecodeError) as exc:
        unreadable(unreadable_reason(exc))
    except (ValueError, KeyError, zipfile.BadZipFile, InvalidFileException) as exc:   # a damaged workbook
        unreadable(library_said(exc))
    for code, params, row in res.problems:
        severity = "error" if code in IMPORT_ERRORS else "warning"
        click.echo(f"{sheet}:{row}: {msg('severity-' + severity, {}, lang)}: {msg(code, params, lang)}", err=True)
    if not res.elements or any(code in IMPORT_ERRORS for code, _, _ in res.problems):
        sys.exit(1)
    for row, indicator, _text, reason in res.untranslated:
        why = msg(reason, {"detail": ""}, lang).rstrip(": ")
        click.echo(f"{sheet}:{row}: {msg('severity-warning', {}, lang)}: " + msg("import-untranslated", {"indicator": indicator, "why": why},
                                                       lang), err=True)
    target = os.path.join(out_dir, os.path.splitext(os.path.basename(sheet))[0] + ".yaml")
    try:
        os.makedirs(out_dir, exist_ok=True)
        from ..output.files import check_output

        check_output(target, [sheet])        # never over the table being imported
        write_atomically(target, res.yaml.encode("utf-8"))
    except OSError as exc:
        click.echo(msg("severity-error", {}, lang) + ": " + msg("cannot-write", {"path": target, "reason": os_reason(exc)}, lang), err=True)
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
@click.option("--locale", type=Choice(["id", "C"]), default="id", show_default=True,
              help="How the table writes numbers: id (1.234,5) or C (1234.5).")
@click.option("--format", "fmt", type=Choice(["table", "json", "xlsx"]), default="table", show_default=True)
@lang_option
@click.option("-o", "--output", "out_path", type=click.Path(), default=None,
              help="Write to a file (needed for --format xlsx).")
@no_cache_option
def audit(table: str, defs_path: str | None, data_paths: tuple[str, ...], period_text: str | None,
          scale: str | None, locale: str, fmt: str, lang: str, out_path: str | None,
          no_cache: bool) -> None:
    """Recompute a table copied from a report (TABLE.xlsx or .csv) and list its slips (PRODUCT.md §11)."""
    import os

    from ..audit import TableError, audit_table
    from ..audit.output import to_json, to_table, to_xlsx
    from ..messages import render

    if data_paths and not (defs_path and period_text):
        raise click.UsageError(say_in("usage-audit-data-needs", lang))
    if fmt == "xlsx" and not out_path:
        raise click.UsageError(say_in("usage-audit-xlsx-needs-out", lang))
    inputs = [table] + ([defs_path] if defs_path else []) + list(data_paths)
    if out_path and any(os.path.exists(p) and os.path.exists(out_path) and os.path.samefile(p, out_path)
                        for p in inputs):
        raise click.UsageError(say_in("usage-audit-out-is-input", lang, path=out_path))
    if out_path:   # the folder, the name, and every definition file, before any work
        preflight([out_path], defs_path or table, [table, *data_paths])
    from ..input_paths import why_unreadable

    problem = why_unreadable(table)   # before open: a FIFO would block it, a folder is not "missing"
    if problem is not None and problem.code != "path-missing":
        click.echo(f"{say_in('severity-error', lang)}: {problem.render(lang)}", err=True)
        sys.exit(1)
    period = parse_period_option(period_text, lang) if period_text else None
    dset = load_checked(defs_path, lang, no_cache) if defs_path else None
    known = ["permendagri86", "berhasil"] + sorted(dset.scales if dset else [])
    if scale is not None and scale not in known:
        raise click.BadParameter(render("audit-scale-unknown", {"scale": scale, "known": ", ".join(known)}, lang),
                                 param_hint="--scale")
    try:
        if dset is not None:
            from ..audit.run import audit_with_defs

            store = load_data(data_paths, "C", dset, lang) if data_paths else None  # --locale is the table's
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
            from ..output.files import write_atomically

            write_atomically(out_path, to_xlsx(result, lang))
        else:
            write_output(to_json(result) if fmt == "json" else to_table(result, lang), out_path)
    except OSError as exc:
        click.echo(render("cannot-write", {"path": out_path or "stdout", "reason": os_reason(exc)}, lang),
                   err=True)
        sys.exit(1)


def run() -> None:  # pragma: no cover - thin wrapper used by `python -m indikator`
    main()
