"""Layer 8, the `perfrules` command: check, evaluate, score, monitor, explain, format and stream
rulesets, and import and export tables; imports `perfrules.tables`, `perfrules.api` and everything
below them.

Bad input exits 1 with a perfrules message (never a traceback); a closed or full output, or a
reader that went away, is said plainly; an internal error is reported as one.
"""

from __future__ import annotations

import argparse
import contextlib
import contextvars
import io
import locale
import os
import re
import sys
from collections.abc import Sequence
from datetime import date
from typing import NoReturn

from .. import files
from ..errors import PerfRulesError, RulesetError, UsageError
from ..errors.phrases import LANGUAGES
from ..reports import terminal
from ..reports.sheets import FORMATS
from ..reports.terminal import COLOURS
from ..tables.export_model import SHEETS
from ..version import __version__
from . import commands
from .console import console_shows_colour
from .formatting import fmt
from .output import add_output, forgiving_streams, written_to
from .stream import eval_many
from .wording import nearest_choice, said

PROBLEMS = 1
"""The exit status when the input has problems: errors in a ruleset, facts or a table file, the
warnings `check --strict` refuses, a review list `import` asks to look at."""
USAGE = 2
"""The exit status of a command that cannot be carried out as asked: a bad option, date or
policy, a file that cannot be read or written."""

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


_LANGUAGE: contextvars.ContextVar[str] = contextvars.ContextVar("language", default="en")
"""The language of messages while the command line is parsed, before the options are known."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """Exit 2 with the usage, the message in the chosen language and, for a mistyped choice
        (`perfrules chek`), the choice it was likely meant to be."""
        mistyped = re.search(r"invalid choice: '(.*)' \(choose from (.*)\)", message)
        if mistyped:
            nearest = nearest_choice(mistyped.group(1), re.findall(r"'([^']*)'", mistyped.group(2)))
            message += f"; did you mean {nearest}?" if nearest else ""
        chinese = _LANGUAGE.get() == "zh"
        usage = self.format_usage()
        sys.stderr.write(usage.replace("usage: ", "用法：", 1) if chinese else usage)
        self.exit(USAGE, f"{self.prog}: {'错误：' if chinese else 'error: '}{said(message, _LANGUAGE.get())}\n")


def _as_of(text: str) -> date:
    if not _ISO_DATE.fullmatch(text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text} is not a real date") from None


def _arguments() -> argparse.ArgumentParser:
    """Every command and option (a flat list of declarations, long because there are nine commands)."""
    parser = _Parser(prog="perfrules", description="Check and evaluate performance target tables (绩效目标表).")
    parser.add_argument("--version", action="version", version=f"perfrules {__version__}")
    parser.add_argument(
        "--color",
        choices=COLOURS,
        default="auto",
        help="colour: auto (on a terminal, unless NO_COLOR is set), always or never",
    )
    parser.add_argument(
        "--language",
        choices=LANGUAGES,
        help="language of diagnostics, reasons, sheets and explanations (default: the locale's: "
        "diagnostics are Chinese when LANG/LC_ALL is Chinese, else English; results are English "
        "when the locale names another language, else Chinese)",
    )
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="only results and problems: no summary lines, notes or progress bar",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    checker = commands.add_parser("check", help="check rulesets and report every problem")
    checker.add_argument("rulesets", nargs="+", help="ruleset files, directories of *.perf, or - for standard input")
    checker.add_argument("--format", choices=("text", "json"), default="text")
    checker.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    add_output(checker)
    evaluator = commands.add_parser("eval", help="evaluate facts against a ruleset")
    evaluator.add_argument("ruleset")
    _facts_and_date(evaluator)
    evaluator.add_argument("--format", choices=("table", "json"), default="table")
    add_output(evaluator)
    scorer = commands.add_parser("score", help="score the self-evaluation (绩效自评表)")
    scorer.add_argument("ruleset")
    _facts_and_date(scorer)
    scorer.add_argument(
        "--policy",
        action="append",
        default=[],
        help="comma-separated choices: reverse=linear|ratio, places=0..4, exclude-na, "
        "overachievement=1.3, execution-floor=0.9 (may be repeated)",
    )
    scorer.add_argument("--format", choices=FORMATS, default="table")
    add_output(scorer)
    watcher = commands.add_parser("monitor", help="the mid-year monitoring sheet (绩效监控表)")
    watcher.add_argument("ruleset")
    watcher.add_argument("--facts", required=True, help="JSON object of fact name to value")
    watcher.add_argument("--as-of", type=_as_of, required=True, help="monitoring date, YYYY-MM-DD")
    watcher.add_argument("--tolerance", default="0.1", help="lag of execution behind time that warns (share)")
    watcher.add_argument("--format", choices=FORMATS, default="table")
    add_output(watcher)
    formatter = commands.add_parser("fmt", help="rewrite rulesets in the canonical layout")
    formatter.add_argument("files", nargs="+", help="ruleset files, or - for standard input")
    formatter.add_argument("--check", action="store_true", help="change nothing; exit 1 and show a diff if needed")
    formatter.add_argument(
        "--normalize",
        action="store_true",
        help="write comparators in ASCII (不少于, ≥ → >=); by default they stay as written",
    )
    explainer = commands.add_parser("explain", help="explain one indicator: formulas, facts and status")
    explainer.add_argument("ruleset")
    explainer.add_argument("name", help="an indicator (or formula) name")
    _facts_and_date(explainer)
    add_output(explainer)
    streamer = commands.add_parser(
        "eval-many", help="evaluate a JSON-lines file of fact sets, one report per line (streams)"
    )
    streamer.add_argument("ruleset")
    _facts_and_date(streamer, facts="JSON lines, one fact set per line; - reads stdin")
    streamer.add_argument(
        "--statuses", action="store_true", help="print only each indicator's status, not the whole report"
    )
    streamer.add_argument(
        "--id",
        metavar="KEY",
        help='the key naming each unit (such as 单位编码): taken out of its facts and written as "id" on its line',
    )
    add_output(streamer)
    importer = commands.add_parser(
        "import", help="read a table file (xlsx, xls, docx, HTML, PDF, text) into a ruleset, with a review list"
    )
    importer.add_argument("file", help="the table file, sniffed by its content; - reads stdin")
    importer.add_argument("-o", "--output", help="write the ruleset here (default: standard output)")
    importer.add_argument("--facts", help="write the table's actuals, scores and likelihoods here as JSON")
    importer.add_argument("--format", choices=("text", "json"), default="text", help="the review list's format")
    exporter = commands.add_parser("export", help="write the self-evaluation, monitoring or targets sheet as .xlsx")
    exporter.add_argument("ruleset")
    exporter.add_argument("--sheet", choices=SHEETS, required=True, help="which sheet to write")
    exporter.add_argument("-o", "--output", required=True, help="the .xlsx file to write")
    exporter.add_argument("--facts", help="JSON object of fact name to value; - reads stdin (not needed for targets)")
    exporter.add_argument("--as-of", type=_as_of, help="evaluation date, YYYY-MM-DD (required for monitoring)")
    exporter.add_argument("--policy", action="append", default=[], help="self-evaluation scoring choices, as for score")
    exporter.add_argument("--tolerance", default="0.1", help="monitoring: lag of execution behind time that warns")
    exporter.add_argument("--template", help="fill this .xlsx template (a province's own form) instead")
    server = commands.add_parser("serve", help="the HTTP service and its playground page (the service extra)")
    server.add_argument("--host", default="127.0.0.1", help="the address to listen on (default: loopback only)")
    server.add_argument("--port", type=int, default=8000, help="the port (default: 8000)")
    server.add_argument("--token-file", help="a file holding the bearer token every /v1 request must send")
    server.add_argument("--workers", type=int, default=1, help="worker processes (default: 1)")
    server.add_argument("--max-body", type=int, default=1024 * 1024, help="the largest request body, in bytes")
    server.add_argument("--time-limit", type=float, default=10.0, help="the longest a request may take, in seconds")
    for command in commands.choices.values():  # `--language`, `--color`, `--quiet` also after the command's name
        command.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        command.add_argument("--language", choices=LANGUAGES, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        command.add_argument("--color", choices=COLOURS, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return parser


def _facts_and_date(
    command: argparse.ArgumentParser, facts: str = "JSON object of fact name to value; - reads stdin"
) -> None:
    command.add_argument("--facts", required=True, help=facts)
    command.add_argument("--as-of", type=_as_of, help="evaluation date, YYYY-MM-DD (default: the ruleset's year end)")


class _ClosedOutput(io.TextIOBase):
    """Standard output when the process was started with it closed (`perfrules eval … >&-`)."""

    def write(self, text: str) -> int:
        raise UsageError("standard output is closed, so the result cannot be written")

    def isatty(self) -> bool:
        return False


class _Discard(io.TextIOBase):
    """Standard error when it is closed: messages have nowhere to go, and are dropped."""

    def write(self, text: str) -> int:
        return len(text)

    def isatty(self) -> bool:
        return False


def main(argv: Sequence[str] | None = None) -> int:
    if sys.stdout is None:
        sys.stdout = _ClosedOutput()
    if sys.stderr is None:
        sys.stderr = _Discard()
    forgiving_streams()
    arguments = list(sys.argv[1:] if argv is None else argv)
    language = _asked_language(arguments) or _default_language()
    _LANGUAGE.set(language)
    colour = "auto"
    try:
        options = _arguments().parse_args(arguments)
        if options.color == "auto" and not console_shows_colour():
            options.color = "never"
        colour = options.color
        options.output_language = options.language or _output_language()
        options.language = language = options.language or language
        return _run(options)
    except PerfRulesError as error:
        message = error.render(language) if isinstance(error, RulesetError) else said(str(error), language)
        print(terminal.diagnostics(message) if terminal.wants_colour(sys.stderr, colour) else message, file=sys.stderr)
        return USAGE if isinstance(error, UsageError) else PROBLEMS
    except BrokenPipeError:
        # The reader went away (`perfrules eval ... | head`): stop quietly, and let the
        # interpreter's final flush of standard output go nowhere instead of failing again.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as error:  # the output cannot be written: a full disk, a device gone
        print(f"perfrules: cannot write the output: {error.strerror or error}", file=sys.stderr)
        return USAGE
    except Exception as error:  # a bug in perfrules: say so plainly, without a traceback
        if os.environ.get("PERFRULES_DEBUG"):
            raise
        print(f"perfrules: internal error, please report it: {type(error).__name__}: {error}", file=sys.stderr)
        return 1


def _import(options: argparse.Namespace) -> int:
    """`import`, whose modules (the whole tables layer) load only when it runs, so that every
    other command starts without them."""
    from .importing import import_command

    return import_command(options)


def _export(options: argparse.Namespace) -> int:
    """`export`, loaded only when it runs (as `import`)."""
    from .exporting import export

    return export(options)


def _serve(options: argparse.Namespace) -> int:
    """`serve`, loaded only when it runs (as `import`)."""
    from .serving import serve_command

    return serve_command(options)


_COMMANDS = {
    "check": commands.check,
    "eval": commands.evaluate,
    "score": commands.sheet,
    "monitor": commands.sheet,
    "explain": commands.explain,
    "fmt": fmt,
    "eval-many": eval_many,
    "export": _export,
    "import": _import,
    "serve": _serve,
}


def _run(options: argparse.Namespace) -> int:
    named = [options.ruleset if "ruleset" in options else None, options.facts if "facts" in options else None]
    named += options.rulesets if "rulesets" in options else options.files if "files" in options else []
    if named.count(files.STDIN) > 1:
        raise UsageError("standard input can be read only once; give the others as files")
    with written_to(options):
        return _COMMANDS[options.command](options)


def _asked_language(arguments: Sequence[str]) -> str | None:
    """The language `--language` asks for, found before the command line is parsed so that
    parsing errors are said in it too."""
    for index, argument in enumerate(arguments):
        if argument == "--":
            return None
        value = arguments[index + 1] if argument == "--language" and index + 1 < len(arguments) else None
        value = argument.partition("=")[2] if argument.startswith("--language=") else value
        if value in LANGUAGES:
            return value
    return None


def _locale() -> str:
    """The user's language, lower case: PERFRULES_LANG, else the POSIX locale variables, else
    the platform's own (the `locale` module: Windows names it `Chinese (Simplified)_China`)."""
    for variable in ("PERFRULES_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable)
        if value:
            return value.lower()
    if sys.platform != "win32":  # elsewhere the variables above are the locale
        return ""
    return (locale.getlocale()[0] or "").lower()


def _chinese(name: str) -> bool:
    return name.startswith(("zh", "chinese"))


def _default_language() -> str:
    """Diagnostics: Chinese when the locale is Chinese, else English."""
    return "zh" if _chinese(_locale()) else "en"


def _output_language() -> str:
    """Reasons, sheets and explanations: English when the locale names a language other than
    Chinese; Chinese, the tables' own, when it is Chinese or names none (C, POSIX, nothing set)."""
    name = _locale()
    return "zh" if name.split(".")[0] in ("", "c", "posix") or _chinese(name) else "en"


def run() -> NoReturn:
    """Console-script entry point."""
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(1)
