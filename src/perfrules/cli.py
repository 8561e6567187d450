"""The `perfrules` command: check and evaluate rulesets; bad input exits 1 with a message."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from datetime import date
from typing import NoReturn

from . import __version__
from .api import load, load_facts
from .errors import PerfRulesError
from .output import render_json, render_table

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
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    checker = commands.add_parser("check", help="check a ruleset and report every problem")
    checker.add_argument("ruleset")
    evaluator = commands.add_parser("eval", help="evaluate facts against a ruleset")
    evaluator.add_argument("ruleset")
    evaluator.add_argument("--facts", required=True, help="JSON object of fact name to value")
    evaluator.add_argument("--as-of", type=_as_of, help="evaluation date, YYYY-MM-DD (default: the ruleset's year end)")
    evaluator.add_argument("--format", choices=("table", "json"), default="table")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    options = _arguments().parse_args(argv)
    try:
        if options.command == "check":
            return _check(options.ruleset)
        return _eval(options)
    except PerfRulesError as error:
        print(error, file=sys.stderr)
        return 1
    except Exception as error:  # a bug in perfrules: say so plainly, without a traceback
        if os.environ.get("PERFRULES_DEBUG"):
            raise
        print(f"perfrules: internal error, please report it: {type(error).__name__}: {error}", file=sys.stderr)
        return 1


def _check(path: str) -> int:
    ruleset = load(path)
    year = f", year {ruleset.year}" if ruleset.year else ""
    print(f"{path}: ok, {len(ruleset.indicators)} indicators, {len(ruleset.formulas)} formulas{year}")
    return 0


def _eval(options: argparse.Namespace) -> int:
    ruleset = load(options.ruleset)
    facts = load_facts(options.facts)
    report = ruleset.evaluate(facts, as_of=options.as_of)
    text = render_json(report) if options.format == "json" else render_table(report, ruleset)
    sys.stdout.write(text)
    return 0


def run() -> NoReturn:
    """Console-script entry point."""
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(1)
