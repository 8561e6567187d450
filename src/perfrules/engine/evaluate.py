"""Evaluation: facts and an as-of date → a report, for one fact set or a batch.

Every indicator is decided by its fast step (engine/plan.py) where its facts are plain, else by
the general path (engine/general.py); the records go into a report that builds results when
they are looked at (engine/results.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from ..errors import UsageError
from .factset import fact_set, fact_sets
from .general import General, guarded
from .generated import generated
from .plan import Plan
from .program import OutsideScale, Program
from .report import AnyReport, Reports


def resolve_as_of(as_of: Any, program: Program) -> date | None:
    """The evaluation date: the caller's, else the ruleset's year end; never the clock."""
    if isinstance(as_of, datetime):
        return as_of.date()
    if isinstance(as_of, date):
        return as_of
    if as_of is not None:
        raise UsageError(f"as_of must be a date or datetime, not {type(as_of).__name__}")
    if program.year is not None:
        return date(program.year, 12, 31)
    if any(indicator.deadline is not None for indicator in program.indicators):
        raise UsageError("as_of is required: the ruleset has deadlines but declares no year")
    return None


def evaluate(kind: type[AnyReport], program: Program, plan: Plan, facts: Any) -> AnyReport:
    """Decide every indicator for one fact set; the report (of `kind`) keeps a copy of the facts."""
    facts = fact_set(program, facts, copy=True)
    records, general = decide(program, plan, facts)
    return kind(program, plan, facts, records, general)


def evaluate_batch(kind: type[AnyReport], program: Program, plan: Plan, batch: Iterable[Any]) -> Reports[AnyReport]:
    """Decide many fact sets; the reports share one flat list of records."""
    kept: list[Mapping[str, Any]] = []
    flat: list[Any] = []
    generals: dict[int, General] = {}
    for index, facts in enumerate(fact_sets(batch)):
        facts = fact_set(program, facts, copy=False)
        records, general = decide(program, plan, facts)
        kept.append(facts)
        flat.extend(records)
        if general is not None:
            generals[index] = general
    return Reports(kind, program, plan, kept, flat, generals)


def decide(program: Program, plan: Plan, facts: Mapping[str, Any]) -> tuple[list[Any], General | None]:
    """Each indicator's record: by its fast step, else (for those the steps gave up on) in full."""
    values = dict(program.constants)
    fast = plan.generated or generated(program, plan)
    try:
        records = fast(facts, values)
    except (ArithmeticError, OutsideScale):
        records = [guarded(step, facts, values) for step in plan.steps]
    general = None
    if None in records:
        general = General(program, plan, facts)
        for position, record in enumerate(records):
            if record is None:
                records[position] = general.fallback(position, values)
    return records, general
