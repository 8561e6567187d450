"""The `perfrules` command: check and evaluate rulesets; bad input exits 1 with a message."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO, NoReturn

from .api import Ruleset, load, load_facts, parse_facts
from .assessment.monitoring import MonitoringPolicy
from .assessment.scoring import ScoringPolicy
from .errors import Diagnostic, FactsError, PerfRulesError, RulesetError, UsageError
from .errors.text import printable
from .language.limits import Limits
from .reports import terminal
from .reports.evaluation import render_json, render_table
from .reports.sheets import FORMATS, render
from .version import __version__

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(1, f"{self.prog}: error: {message}\n")


def _as_of(text: str) -> date:
    if not _ISO_DATE.fullmatch(text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text} is not a real date") from None


def _arguments() -> argparse.ArgumentParser:
    parser = _Parser(prog="perfrules", description="Check and evaluate performance target tables (绩效目标表).")
    parser.add_argument("--version", action="version", version=f"perfrules {__version__}")
    parser.add_argument(
        "--language",
        choices=("zh", "en"),
        default=_default_language(),
        help="language of diagnostics (default: Chinese when LANG/LC_ALL is Chinese, else English)",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    checker = commands.add_parser("check", help="check a ruleset and report every problem")
    checker.add_argument("ruleset")
    checker.add_argument("--format", choices=("text", "json"), default="text")
    checker.add_argument("--strict", action="store_true", help="exit 2 when there are warnings")
    evaluator = commands.add_parser("eval", help="evaluate facts against a ruleset")
    evaluator.add_argument("ruleset")
    evaluator.add_argument("--facts", required=True, help="JSON object of fact name to value")
    evaluator.add_argument("--as-of", type=_as_of, help="evaluation date, YYYY-MM-DD (default: the ruleset's year end)")
    evaluator.add_argument("--format", choices=("table", "json"), default="table")
    scorer = commands.add_parser("score", help="score the self-evaluation (绩效自评表)")
    scorer.add_argument("ruleset")
    scorer.add_argument("--facts", required=True, help="JSON object of fact name to value")
    scorer.add_argument("--as-of", type=_as_of, help="evaluation date, YYYY-MM-DD (default: the ruleset's year end)")
    scorer.add_argument(
        "--policy",
        action="append",
        default=[],
        help="comma-separated choices: reverse=linear|ratio, places=0..4, exclude-na, "
        "overachievement=1.3, execution-floor=0.9 (may be repeated)",
    )
    scorer.add_argument("--format", choices=FORMATS, default="table")
    watcher = commands.add_parser("monitor", help="the mid-year monitoring sheet (绩效监控表)")
    watcher.add_argument("ruleset")
    watcher.add_argument("--facts", required=True, help="JSON object of fact name to value")
    watcher.add_argument("--as-of", type=_as_of, required=True, help="monitoring date, YYYY-MM-DD")
    watcher.add_argument("--tolerance", default="0.1", help="lag of execution behind time that warns (share)")
    watcher.add_argument("--format", choices=FORMATS, default="table")
    formatter = commands.add_parser("fmt", help="rewrite rulesets in the canonical layout")
    formatter.add_argument("files", nargs="+", help="ruleset files, or - for standard input")
    formatter.add_argument("--check", action="store_true", help="change nothing; exit 1 and show a diff if needed")
    explainer = commands.add_parser("explain", help="explain one indicator: formulas, facts and status")
    explainer.add_argument("ruleset")
    explainer.add_argument("name", help="an indicator (or formula) name")
    explainer.add_argument("--facts", required=True, help="JSON object of fact name to value")
    explainer.add_argument("--as-of", type=_as_of, help="evaluation date, YYYY-MM-DD (default: the ruleset's year end)")
    streamer = commands.add_parser(
        "eval-many", help="evaluate a JSON-lines file of fact sets, one report per line (streams)"
    )
    streamer.add_argument("ruleset")
    streamer.add_argument("--facts", required=True, help="JSON lines, one fact set per line; - reads stdin")
    streamer.add_argument("--as-of", type=_as_of, help="evaluation date, YYYY-MM-DD (default: the ruleset's year end)")
    streamer.add_argument(
        "--statuses", action="store_true", help="print only each indicator's status, not the whole report"
    )
    return parser


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
    language = _default_language()
    try:
        options = _arguments().parse_args(argv)
        language = options.language
        return _run(options)
    except PerfRulesError as error:
        message = error.render(language) if isinstance(error, RulesetError) else str(error)
        print(terminal.diagnostics(message) if terminal.wants_colour(sys.stderr) else message, file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (`perfrules eval ... | head`): stop quietly, and let the
        # interpreter's final flush of standard output go nowhere instead of failing again.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as error:  # the output cannot be written: a full disk, a device gone
        print(f"perfrules: cannot write the output: {error.strerror or error}", file=sys.stderr)
        return 1
    except Exception as error:  # a bug in perfrules: say so plainly, without a traceback
        if os.environ.get("PERFRULES_DEBUG"):
            raise
        print(f"perfrules: internal error, please report it: {type(error).__name__}: {error}", file=sys.stderr)
        return 1


def _run(options: argparse.Namespace) -> int:
    if options.command == "check":
        return _check(options)
    if options.command == "eval-many":
        return _eval_many(options)
    if options.command in ("score", "monitor"):
        return _sheet(options)
    if options.command == "fmt":
        return _fmt(options)
    if options.command == "explain":
        ruleset = load(options.ruleset)
        report = ruleset.evaluate(load_facts(options.facts), as_of=options.as_of)
        sys.stdout.write(report.explain(options.name))
        return 0
    return _eval(options)


def _check(options: argparse.Namespace) -> int:
    """Errors exit 1; warnings alone exit 0, or 2 with --strict."""
    path = options.ruleset
    try:
        ruleset = load(path)
    except RulesetError as error:
        if options.format != "json":
            raise
        print(
            json.dumps(
                [_diagnostic(item, options.language) for item in error.diagnostics], ensure_ascii=False, indent=2
            )
        )
        return 1
    warnings = ruleset.warnings
    if options.format == "json":
        print(json.dumps([_diagnostic(item, options.language) for item in warnings], ensure_ascii=False, indent=2))
    else:
        for warning in warnings:
            text = printable(warning.render(options.language), keep="\n")
            print(terminal.diagnostics(text) if terminal.wants_colour(sys.stderr) else text, file=sys.stderr)
        year = f", year {ruleset.year}" if ruleset.year else ""
        noted = f", {len(warnings)} warning(s)" if warnings else ""
        print(f"{path}: ok, {len(ruleset.indicators)} indicators, {len(ruleset.formulas)} formulas{year}{noted}")
    return 2 if warnings and options.strict else 0


def _default_language() -> str:
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def _diagnostic(item: Diagnostic, language: str) -> dict[str, Any]:
    end_line, end_column = item.source.line_column(max(item.span.end, item.span.start))
    message, hint = item.text(language)
    return {
        "code": item.code,
        "severity": item.severity,
        "message": message,
        "hint": hint,
        "file": item.source.name,
        "line": item.line,
        "column": item.column,
        "end_line": end_line,
        "end_column": end_column,
    }


def _eval(options: argparse.Namespace) -> int:
    ruleset = load(options.ruleset)
    facts = load_facts(options.facts)
    report = ruleset.evaluate(facts, as_of=options.as_of)
    if options.format == "json":
        text = render_json(report)
    else:
        text = render_table(report, ruleset.department)
        text = terminal.statuses(text) if terminal.wants_colour(sys.stdout) else text
    sys.stdout.write(text)
    return 0


def _fmt(options: argparse.Namespace) -> int:
    """Format each file (or stdin to stdout); with --check, only report what would change."""
    from .language.formatter import format_text

    changed = 0
    for name in options.files:
        if name == "-":
            text = _decode(sys.stdin.buffer.read(), "<stdin>")
            formatted = format_text(text, "<stdin>")
            if options.check:
                changed += formatted != text
                sys.stdout.write(_diff(text, formatted, "<stdin>"))
            else:
                sys.stdout.write(formatted)
            continue
        try:
            paths = sorted(Path(name).rglob("*.perf")) if Path(name).is_dir() else [Path(name)]
        except (OSError, ValueError) as error:
            raise UsageError(f"cannot read {printable(name)}: {_reason(error)}") from None
        for path in paths:
            try:
                data = path.read_bytes()
            except (OSError, ValueError) as error:
                raise UsageError(f"cannot read {printable(str(path))}: {_reason(error)}") from None
            text = _decode(data, str(path))
            formatted = format_text(text, str(path))
            if formatted == text:
                continue
            changed += 1
            if options.check:
                sys.stdout.write(_diff(text, formatted, str(path)))
            else:
                _replace(path, formatted)
                print(f"formatted {path}", file=sys.stderr)
    return 1 if options.check and changed else 0


def _replace(path: Path, text: str) -> None:
    """Write `text` over a file all at once or not at all: a failed write never leaves it cut short.

    The new text goes to a file beside it, which then takes its place with its permissions; a file
    its owner made read-only stays as it is.
    """
    target = path.resolve()
    if not os.access(target, os.W_OK):
        raise UsageError(f"cannot write {path}: Permission denied")
    temporary = None
    try:
        with tempfile.NamedTemporaryFile("wb", dir=target.parent, prefix=".perfrules-", delete=False) as file:
            temporary = Path(file.name)
            file.write(text.encode("utf-8"))
        shutil.copymode(target, temporary)
        os.replace(temporary, target)
    except OSError as error:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise UsageError(f"cannot write {path}: {error.strerror or error}") from None


def _reason(error: Exception) -> str:
    """Why a file could not be opened, as the system says it ("No such file or directory")."""
    return str(error.strerror) if isinstance(error, OSError) and error.strerror else str(error)


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UsageError(f"{name}: not valid UTF-8 at byte {error.start}") from None


def _diff(before: str, after: str, name: str) -> str:
    import difflib

    lines = difflib.unified_diff(
        before.splitlines(True), after.splitlines(True), f"{name} (as written)", f"{name} (formatted)"
    )
    return "".join(lines)


_POLICY_CHOICES = {
    "reverse": "reverse",
    "places": "places",
    "exclude-na": "exclude_not_applicable",
    "overachievement": "overachievement",
    "execution-floor": "execution_floor",
}


def _policy(texts: Sequence[str]) -> ScoringPolicy:
    """`reverse=ratio,places=0,exclude-na` (from one or more --policy options) → a ScoringPolicy."""
    choices: dict[str, Any] = {}
    for item in (part.strip() for text in texts for part in text.split(",")):
        if not item:
            continue
        key, equals, value = (piece.strip() for piece in item.partition("="))
        field = _POLICY_CHOICES.get(key)
        if field is None:
            raise UsageError(f"unknown policy choice {item!r}; the choices are {', '.join(_POLICY_CHOICES)}")
        if field in choices:
            raise UsageError(f"the policy choice {key} is given twice")
        if key == "exclude-na":
            if equals:
                raise UsageError("the policy choice exclude-na takes no value")
            choices[field] = True
        elif not value:
            raise UsageError(f"the policy choice {key} needs a value: {key}=…")
        elif key == "places":
            if value not in ("0", "1", "2", "3", "4"):
                raise UsageError(f"places must be a whole number from 0 to 4, not {value!r}")
            choices[field] = int(value)
        else:
            choices[field] = value
    return ScoringPolicy(**choices)


def _sheet(options: argparse.Namespace) -> int:
    ruleset = load(options.ruleset)
    report = ruleset.evaluate(load_facts(options.facts), as_of=options.as_of)
    title = ruleset.department or options.ruleset
    if options.command == "score":
        sheet: Any = report.score(_policy(options.policy))
    else:
        sheet = report.monitor(MonitoringPolicy(tolerance=options.tolerance))
    sys.stdout.write(render(sheet, options.format, title))
    return 0


def _eval_many(options: argparse.Namespace) -> int:
    """Stream: read a line, evaluate it, write a line; memory stays flat however long the file."""
    ruleset = load(options.ruleset)
    ruleset.evaluate({}, as_of=options.as_of)  # an unusable as_of fails here, before any output
    if options.facts == "-":
        return _stream(ruleset, options, sys.stdin.buffer, None)
    try:
        source = open(options.facts, "rb")  # noqa: SIM115 - closed below, around the stream only
    except (OSError, ValueError) as error:
        raise UsageError(f"cannot read {printable(options.facts)}: {_reason(error)}") from None
    with source:
        return _stream(ruleset, options, source, os.fstat(source.fileno()).st_size)


def _lines(source: BinaryIO, limit: int) -> Iterator[tuple[bytes | None, int]]:
    """Each line without its line break (None for one longer than `limit` bytes, skipped without
    being held) and its length in the file."""
    while True:
        line = source.readline(limit + 3)  # room for the longest allowed line and a CRLF
        if not line:
            return
        length = len(line)
        while not line.endswith(b"\n") and length > limit:
            rest = source.readline(1 << 20)
            if not rest:
                break
            length += len(rest)
            line = rest
        content = line.rstrip(b"\r\n") if length == len(line) else None
        yield (content if content is not None and len(content) <= limit else None), length


def _stream(ruleset: Ruleset, options: argparse.Namespace, source: BinaryIO, size: int | None) -> int:
    progress = _Progress(size) if sys.stderr.isatty() else None
    failures = 0
    write = sys.stdout.write
    limit = Limits().max_facts_bytes
    for number, (line, length) in enumerate(_lines(source, limit), start=1):
        if progress is not None:
            progress.advance(length)
        if line is not None and not line.strip():
            continue
        try:
            if line is None:
                raise FactsError(f"line {number}: {length:,} bytes, longer than the {limit:,} allowed for a fact set")
            facts = parse_facts(line.decode("utf-8-sig"), f"line {number}")
            report = ruleset.evaluate(facts, as_of=options.as_of)
            if options.statuses:
                output: dict[str, Any] = {
                    "line": number,
                    "statuses": {name: status.value for name, status in zip(report, report.statuses(), strict=True)},
                }
            else:
                output = {"line": number, **report.to_dict()}
        except UnicodeDecodeError as error:
            failures += 1
            output = {"line": number, "error": f"not valid UTF-8 at byte {error.start} of the line"}
        except PerfRulesError as error:
            failures += 1
            output = {"line": number, "error": str(error)}
        write(json.dumps(output, ensure_ascii=False) + "\n")
    if progress is not None:
        progress.finish()
    if failures:
        print(f'perfrules: {failures} line(s) could not be evaluated; see their "error" field', file=sys.stderr)
    return 1 if failures else 0


class _Progress:
    """A one-line progress bar on a terminal's stderr, redrawn at most ten times a second."""

    def __init__(self, size: int | None) -> None:
        self.size = size
        self.done = 0
        self.lines = 0
        self.start = self.shown = time.monotonic()

    def advance(self, length: int) -> None:
        self.done += length
        self.lines += 1
        now = time.monotonic()
        if now - self.shown >= 0.1:
            self.shown = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        rate = self.lines / max(now - self.start, 1e-9)
        if self.size:
            share = min(self.done / self.size, 1.0)
            bar = "#" * int(share * 30)
            text = f"\r[{bar:<30}] {share:6.1%}  {self.lines:,} fact sets  {rate:,.0f}/s"
        else:
            text = f"\r{self.lines:,} fact sets  {rate:,.0f}/s"
        sys.stderr.write(text)
        sys.stderr.flush()

    def finish(self) -> None:
        self._draw(time.monotonic())
        sys.stderr.write("\n")


def run() -> NoReturn:
    """Console-script entry point."""
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(1)
