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


def _summary(diags: Sequence[Diagnostic]) -> str:
    n_err = sum(d.is_error for d in diags)
    n_warn = len(diags) - n_err
    return f"{n_err} error{'s' * (n_err != 1)}, {n_warn} warning{'s' * (n_warn != 1)}"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="indikator")
def main() -> None:
    """indikator — pohon kinerja (SAKIP performance trees) in YAML: check, evaluate, chart, report."""


@main.command()
@click.argument("path", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Treat warnings (coverage gaps) as errors.")
def check(path: str, fmt: str, strict: bool) -> None:
    """Load, parse and validate the definition set at PATH; report every problem."""
    from .load import load_definitions

    dset, diags = load_definitions(path)
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


def run() -> None:  # pragma: no cover - thin wrapper used by `python -m indikator`
    main()
