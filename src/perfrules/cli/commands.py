"""The commands that read a ruleset and facts and print one result: check, eval, score, monitor
and explain."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Sequence
from typing import Any

from ..api import load, load_facts
from ..assessment.monitoring import MonitoringPolicy
from ..assessment.scoring import ScoringPolicy
from ..errors import RulesetError, UsageError
from ..errors.text import printable
from ..reports import terminal
from ..reports.evaluation import render_json, render_table
from ..reports.sheets import render
from .sources import ruleset_files


def check(options: argparse.Namespace) -> int:
    """Every file's problems; exit 1 when any has errors (or, with --strict, warnings)."""
    failed = 0
    found: list[dict[str, Any]] = []
    for name in ruleset_files(options.rulesets):
        try:
            ruleset = load(name)
        except RulesetError as error:
            failed += 1
            if options.format == "json":
                found.extend(item.to_dict(options.language) for item in error.diagnostics)
            else:
                _to_stderr(error.render(options.language), options)
            continue
        warnings = ruleset.warnings
        failed += bool(warnings and options.strict)
        if options.format == "json":
            found.extend(item.to_dict(options.language) for item in warnings)
            continue
        for warning in warnings:
            _to_stderr(warning.render(options.language), options)
        if not options.quiet:
            year = f", year {ruleset.year}" if ruleset.year else ""
            noted = f", {len(warnings)} warning(s)" if warnings else ""
            print(f"{name}: ok, {len(ruleset.indicators)} indicators, {len(ruleset.formulas)} formulas{year}{noted}")
    if options.format == "json":
        print(json.dumps(found, ensure_ascii=False, indent=2))
    return 1 if failed else 0


def _to_stderr(message: str, options: argparse.Namespace) -> None:
    text = printable(message, keep="\n")
    print(terminal.diagnostics(text) if terminal.wants_colour(sys.stderr, options.color) else text, file=sys.stderr)


def terminal_width() -> int | None:
    """The terminal's width when the output goes to one (`COLUMNS` if set); a file or a pipe gets
    every cell whole."""
    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


def evaluate(options: argparse.Namespace) -> int:
    ruleset = load(options.ruleset)
    facts = load_facts(options.facts)
    report = ruleset.evaluate(facts, as_of=options.as_of)
    if options.format == "json":
        text = render_json(report, options.output_language)
    else:
        text = render_table(report, ruleset.department, options.output_language, terminal_width())
        text = terminal.statuses(text) if terminal.wants_colour(sys.stdout, options.color) else text
    sys.stdout.write(text)
    return 0


def explain(options: argparse.Namespace) -> int:
    ruleset = load(options.ruleset)
    report = ruleset.evaluate(load_facts(options.facts), as_of=options.as_of)
    sys.stdout.write(report.explain(options.name, options.output_language))
    return 0


def sheet(options: argparse.Namespace) -> int:
    ruleset = load(options.ruleset)
    report = ruleset.evaluate(load_facts(options.facts), as_of=options.as_of)
    title = ruleset.department or options.ruleset
    if options.command == "score":
        sheet: Any = report.score(scoring_policy(options.policy))
    else:
        sheet = report.monitor(MonitoringPolicy(tolerance=options.tolerance))
    sys.stdout.write(render(sheet, options.format, title, options.output_language, terminal_width()))
    return 0


_POLICY_CHOICES = {
    "reverse": "reverse",
    "places": "places",
    "exclude-na": "exclude_not_applicable",
    "overachievement": "overachievement",
    "execution-floor": "execution_floor",
    "qualitative": "qualitative",
}


def scoring_policy(texts: Sequence[str]) -> ScoringPolicy:
    """`reverse=ratio,places=0,exclude-na` (from one or more --policy options) → a ScoringPolicy
    (for `score` and `export`)."""
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
