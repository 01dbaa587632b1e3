"""Usage errors in the chosen language: click's own frame and messages said from our catalog.

click words its usage errors in English through the process-wide GNU ``gettext`` domain;
translating them that way means compiled ``.mo`` files and a global ``textdomain`` switch
for every library in the process (pallets/click#2706). Instead the boundary catches
:class:`click.UsageError` and says it again from the facts the exception carries — the option
or command name and click's close matches (``NoSuchOption``, ``NoSuchCommand``), the missing
parameter (``MissingParameter``), the option that needs a value (``BadOptionUsage``) — with the
codes of ``messages/catalog_usage.py``. The parameter types whose failures click words itself
(``Choice``, ``IntRange``, ``DateTime``) and the extra-arguments check are ours here, so their
sentences are ours too.

The boundary's language is the command line's ``--lang`` (its default: INDIKATOR_LANG, else
Indonesian), found before click parses anything — a usage error may come before ``--lang``
is read, or instead of it.
"""
from __future__ import annotations

import datetime
import inspect
import re
from contextvars import ContextVar
from typing import Any, Sequence

import click

from ..messages import CATALOG, LANGS, default_lang, one_of, render
from ..messages.language import words

_LANG: ContextVar[str | None] = ContextVar("indikator_boundary_lang", default=None)


def lang_in(argv: Sequence[str]) -> str:
    """The language a command line asks for with ``--lang X`` / ``--lang=X`` (the last one, as
    click takes it), else the default; an unknown value is the default (click says why)."""
    found = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else (
            arg[len("--lang="):] if arg.startswith("--lang=") else None)
        if value in LANGS:
            found = value
    return found or default_lang()


def set_boundary_lang(lang: str) -> None:
    _LANG.set(lang)


def boundary_lang() -> str:
    """The language of this run's usage errors and boundary messages."""
    return _LANG.get() or default_lang()


def say(code: str, **params: Any) -> str:
    return render(code, params, boundary_lang())


_PLACEHOLDER = re.compile(r"\bINTEGER RANGE\b|\b[A-Z][A-Z_]*\b")


def placeholder(text: str) -> str:
    """click's placeholders in ``text`` (``[OPTIONS]``, ``COMMAND [ARGS]...``, ``PATH``,
    ``INTEGER RANGE``) in the run's language; other words (a choice list ``[C|id]``) as they are."""
    table = words("metavars", boundary_lang())
    return _PLACEHOLDER.sub(lambda m: table.get(m.group(0), m.group(0)), text)


def usage_pieces(ctx: click.Context) -> str:
    return placeholder(" ".join(ctx.command.collect_usage_pieces(ctx)))


# ---------------------------------------------------------------------------- our parameter types
class Choice(click.Choice):
    """click.Choice whose refusal is said in the run's language."""

    def get_invalid_choice_message(self, value: Any, ctx: click.Context | None) -> str:
        return say("usage-not-one-of", value=value, choices=", ".join(f"'{c}'" for c in self.choices))


class IntRange(click.IntRange):
    """click.IntRange whose refusals (not a number, out of range) are said in the run's language."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            try:
                int(str(value).strip())
            except ValueError:
                self.fail(say("usage-not-integer", value=value), param, ctx)
            self.fail(say("usage-out-of-range", value=value, range=self.bounds()), param, ctx)

    def bounds(self) -> str:
        if self.min is not None and self.max is not None:
            return say("usage-range-between", min=self.min, max=self.max)
        return say("usage-range-min", min=self.min) if self.min is not None else say("usage-range-max", max=self.max)


class DateTime(click.DateTime):
    """click.DateTime whose refusal is said in the run's language (formats as ``YYYY-MM-DD``)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, datetime.datetime):
            return value
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            shown = " / ".join(f.replace("%Y", "YYYY").replace("%m", "MM").replace("%d", "DD") for f in self.formats)
            self.fail(say("usage-bad-date", value=value, formats=shown), param, ctx)


# ---------------------------------------------------------------------------- --help
def help_fields() -> dict[str, Any]:
    """What the help texts take from the registry of formats (a list said in the language)."""
    from .. import formats

    return {"roster_formats": one_of(formats.names(formats.ROSTER)), "data_formats": ", ".join(formats.names(formats.DATA)),
            "report_exts": one_of(formats.extensions(formats.REPORT)),
            "chart_exts": one_of(formats.extensions(formats.CHART))}


def help_text(codes: Sequence[str], english: str, lang: str | None = None) -> str:
    """The first of ``codes`` in the catalog, in ``lang`` (the run's); else the text click was given."""
    for code in codes:
        if code in CATALOG:
            return render(code, help_fields(), lang or boundary_lang())
    return english


def command_help(name: str | None, english: str, lang: str | None = None) -> str:
    return help_text([f"help-cmd-{name}"], inspect.cleandoc(english).partition("\f")[0], lang)


def option_help(command: str | None, param: click.Parameter, english: str, lang: str | None = None) -> str:
    return help_text([f"help-{command}-{param.name}", f"help-{param.name}"], english, lang)


def _option_row(command: click.Command, param: click.Parameter, ctx: click.Context) -> tuple[str, str] | None:
    record = param.get_help_record(ctx)
    if record is None or isinstance(param, click.Argument):
        return None
    is_help = param is command.get_help_option(ctx)
    text = say("help-help") if is_help else option_help(command.name, param, getattr(param, "help", None) or "")
    extra = param.get_help_extra(ctx) if isinstance(param, click.Option) else {}
    items = []
    if "default" in extra:
        items.append(say("help-default", value="(" + say("help-lang-default") + ")" if param.name == "lang"
                         else extra["default"]))
    if "range" in extra:
        items.append(extra["range"])
    if "required" in extra:
        items.append(say("help-required"))
    if items:
        text = f"{text}  [{'; '.join(items)}]" if text else f"[{'; '.join(items)}]"
    return placeholder(record[0]), text


def short_help(text: str, limit: int) -> str:
    """A command's help in the list of commands: its first sentence, cut at a word with ``...``
    when longer than ``limit`` (as click shortens it)."""
    first = text.split(". ", 1)[0].strip()
    if len(first) <= limit:
        return first
    return first[:limit - 3].rsplit(" ", 1)[0] + "..."


class HelpInLanguage:
    """``--help`` in the run's language: click's frame (``Usage:``, ``Options``, ``Commands``,
    ``[default: …]``) and our help texts from ``messages/catalog_help.py``. English is click's own."""

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if boundary_lang() == "en":
            return super().format_usage(ctx, formatter)  # type: ignore[misc]
        formatter.write_usage(ctx.command_path, usage_pieces(ctx), prefix=say("help-usage") + " ")

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if boundary_lang() == "en":
            return super().format_help_text(ctx, formatter)  # type: ignore[misc]
        text = command_help(self.name, self.help or "")  # type: ignore[attr-defined]
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(text)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if boundary_lang() == "en":
            return super().format_options(ctx, formatter)  # type: ignore[misc]
        rows = [row for p in self.get_params(ctx) if (row := _option_row(self, p, ctx))]  # type: ignore[attr-defined]
        if rows:
            with formatter.section(say("help-options")):
                formatter.write_dl(rows)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if boundary_lang() == "en":
            return super().format_commands(ctx, formatter)  # type: ignore[misc]
        commands = [(n, c) for n in self.list_commands(ctx)  # type: ignore[attr-defined]
                    if (c := self.get_command(ctx, n)) is not None and not c.hidden]  # type: ignore[attr-defined]
        if commands:
            limit = formatter.width - 6 - max(len(n) for n, _ in commands)
            rows = [(n, short_help(command_help(n, c.help or ""), limit)) for n, c in commands]
            with formatter.section(say("help-commands")):
                formatter.write_dl(rows)


class Command(HelpInLanguage, click.Command):
    """A command whose help and unexpected extra arguments are said in the run's language."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        allowed = ctx.allow_extra_args
        ctx.allow_extra_args = True
        try:
            rest = super().parse_args(ctx, args)
        finally:
            ctx.allow_extra_args = allowed
        if ctx.args and not allowed and not ctx.resilient_parsing:
            raise click.UsageError(say("usage-extra-arg" if len(ctx.args) == 1 else "usage-extra-args",
                                       args=" ".join(map(str, ctx.args))), ctx)
        return rest


# ---------------------------------------------------------------------------- click's own errors
def _possible(names: Sequence[str] | None) -> str:
    if not names:
        return ""
    if len(names) == 1:
        return " " + say("usage-did-you-mean", name=names[0])
    return " " + say("usage-possible", names=", ".join(sorted(names)))


def _param_name(e: click.BadParameter) -> str:
    if e.param_hint is not None:
        hint = e.param_hint
        return " / ".join(f"'{h}'" for h in hint) if isinstance(hint, (list, tuple)) else str(hint)
    if e.param is not None:
        return placeholder(e.param.get_error_hint(e.ctx)) if e.ctx is not None else f"'{e.param.name}'"
    return ""


def message_of(e: click.UsageError, group: click.Group | None = None) -> str:
    """The error's sentence in the run's language, from the facts the exception carries."""
    if isinstance(e, click.NoSuchOption):
        return say("usage-no-such-option", option=e.option_name) + _possible(e.possibilities)
    if isinstance(e, click.exceptions.NoSuchCommand):
        return say("usage-no-such-command", command=e.command_name) + _possible(e.possibilities)
    if isinstance(e, click.MissingParameter):
        kind = e.param_type or (e.param.param_type_name if e.param is not None else "parameter")
        code = {"argument": "usage-missing-argument", "option": "usage-missing-option"}.get(kind,
                                                                                             "usage-missing-parameter")
        return say(code, name=_param_name(e))
    if isinstance(e, click.BadParameter):
        name = _param_name(e)
        return say("usage-invalid-value", name=name, message=e.message) if name else \
            say("usage-invalid-value-bare", message=e.message)
    if isinstance(e, click.BadOptionUsage):
        # click's parser raises it without a context: the option's kind says which it was
        commands = [e.ctx.command] if e.ctx is not None else (list(group.commands.values()) + [group] if group else [])
        kinds = {bool(getattr(p, "is_flag", False) or getattr(p, "count", False))
                 for c in commands for p in c.params if e.option_name in getattr(p, "opts", ())}
        if len(kinds) == 1:
            return say("usage-takes-no-value" if kinds.pop() else "usage-needs-value", option=e.option_name)
    return e.format_message()


class SaidUsageError(click.UsageError):
    """A usage error said in the run's language: the usage line, where to find help, the error
    (exit 2, as click's)."""

    def __init__(self, original: click.UsageError, group: click.Group | None = None) -> None:
        super().__init__(message_of(original, group), original.ctx)

    def show(self, file: Any = None) -> None:
        lines = []
        ctx = self.ctx
        if ctx is not None:
            pieces = usage_pieces(ctx)
            lines.append(say("usage-line", usage=f"{ctx.command_path} {pieces}".rstrip()))
            help_option = ctx.command.get_help_option(ctx)
            if help_option is not None:
                lines.append(say("usage-try-help", command=ctx.command_path, option=max(help_option.opts, key=len)))
            lines.append("")
        lines.append(say("usage-error", message=self.message))
        click.echo("\n".join(lines), file=file, err=file is None, color=ctx.color if ctx else None)


def said(e: click.UsageError, group: click.Group | None = None) -> click.UsageError:
    """``e`` said in the run's language; click's help-on-no-arguments passes as it is."""
    if isinstance(e, (SaidUsageError, click.exceptions.NoArgsIsHelpError)):
        return e
    return SaidUsageError(e, group)
