"""`perfrules export`: a ruleset and its facts as an .xlsx sheet a finance office can hand in (the
绩效自评表, 绩效监控表 or 绩效目标表), in a new workbook or a province's own template."""

from __future__ import annotations

import argparse

from ..api import load, load_facts
from ..assessment.monitoring import MonitoringPolicy
from ..assessment.scoring import ScoringPolicy
from ..errors import UsageError
from ..tables.export import write_workbook
from .commands import scoring_policy


def export(options: argparse.Namespace) -> int:
    """Write the sheet; say where, on standard output."""
    sheet = options.sheet
    if sheet != "targets" and options.facts is None:
        raise UsageError(f"the {sheet} sheet needs --facts")
    if sheet == "monitoring" and options.as_of is None:
        raise UsageError("the monitoring sheet needs --as-of, the date it is made on (YYYY-MM-DD)")
    ruleset = load(options.ruleset)
    facts = {} if options.facts is None else load_facts(options.facts)
    report = ruleset.evaluate(facts, as_of=options.as_of)
    policy: ScoringPolicy | MonitoringPolicy | None = None
    if sheet == "self-evaluation":
        policy = scoring_policy(options.policy)
    elif sheet == "monitoring":
        policy = MonitoringPolicy(tolerance=options.tolerance)
    write_workbook(
        ruleset,
        report,
        sheet,
        options.output,
        policy=policy,
        template=options.template,
        language=options.output_language,
    )
    print(f"{options.output}: {sheet} sheet written, {len(ruleset.indicators)} indicators")
    return 0
