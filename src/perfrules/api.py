"""The public entry points: compile text or load a file into a `Ruleset`, evaluate it into a
`Report`, and score, monitor or explain a report."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal
from os import PathLike
from typing import Any

import attrs

from . import files
from .assessment.monitoring import MonitoringPolicy, MonitoringSheet
from .assessment.monitoring import monitor as _monitor
from .assessment.scoring import Scorecard, ScoringPolicy
from .assessment.scoring import score as _score
from .engine import report as engine_report
from .engine.compiler import compile_program
from .engine.evaluate import evaluate, evaluate_batch, resolve_as_of
from .engine.factset import fact_sets as batch
from .engine.plan import Plan
from .engine.program import CompiledIndicator, Program
from .engine.report import Reports
from .errors import Diagnostic, Source, UsageError
from .language.build import build
from .language.check import check
from .language.checked import CheckedIndicator, part_fact
from .language.limits import Limits, check_text
from .language.parser import parse
from .quantities.values import Measure, Quantity, Target
from .reports.explain import explain as _explain

load_facts = files.load_facts
parse_facts = files.parse_facts


class Report(engine_report.EvaluationReport):
    """Indicator name → result, in source order; formula values and warnings beside them.

    Results are built when first looked at. A report scores itself into a self-evaluation
    (绩效自评表), monitors itself into a monitoring sheet (绩效监控表), and explains any indicator.
    """

    __slots__ = ()

    def score(self, policy: ScoringPolicy | None = None) -> Scorecard:
        """The self-evaluation (绩效自评表) of this report: scores, subtotals, total and grade."""
        return _score(self, policy)

    def monitor(self, policy: MonitoringPolicy | None = None) -> MonitoringSheet:
        """The monitoring sheet (绩效监控表) as of this report's date."""
        return _monitor(self, policy)

    def explain(self, name: str, language: str = "zh") -> str:
        """One indicator (or formula) explained: definition, formula tree with every value, facts,
        status; in "zh" or "en"."""
        return _explain(self.trace(name), language)


def score(report: engine_report.EvaluationReport, policy: ScoringPolicy | None = None) -> Scorecard:
    """The self-evaluation of an evaluated report (the same as `report.score(policy)`)."""
    return _score(report, policy)


def monitor(report: engine_report.EvaluationReport, policy: MonitoringPolicy | None = None) -> MonitoringSheet:
    """The monitoring sheet of an evaluated report (the same as `report.monitor(policy)`)."""
    return _monitor(report, policy)


@attrs.frozen
class Part:
    """One part of a compound indicator; it reads the fact named `fact`."""

    name: str
    fact: str
    target: Target
    deadline: date | None


@attrs.frozen
class Indicator:
    """An indicator as defined in the ruleset (三级指标)."""

    name: str
    group: tuple[str, ...]
    target: Target | Measure | dict[str, Target]
    deadline: date | None
    weight: Decimal | None
    description: str | None
    parts: tuple[Part, ...] = ()


class Ruleset:
    """A compiled ruleset: compiled once, evaluated against any number of fact sets."""

    def __init__(self, program: Program) -> None:
        checked = program.checked
        self.source = checked.source.name
        self.department = checked.department
        self.year = checked.year
        self.budget: dict[str, Quantity] = {item.name: Quantity(item.amount, item.unit.name) for item in checked.budget}
        self.formulas: dict[str, str | None] = {formula.name: formula.description for formula in checked.formulas}
        self.indicators: tuple[Indicator, ...] = tuple(
            _definition(indicator, compiled)
            for indicator, compiled in zip(checked.indicators, program.indicators, strict=True)
        )
        self.warnings: tuple[Diagnostic, ...] = checked.warnings
        """Things allowed but worth a second look (an unused formula, a likely typo, …)."""
        self._program = program
        self._plans: dict[date | None, Plan] = {}

    def __repr__(self) -> str:
        return f"<Ruleset {self.source} indicators={len(self.indicators)} formulas={len(self.formulas)}>"

    def evaluate(self, facts: Mapping[str, Any], *, as_of: date | datetime | None = None) -> Report:
        """Evaluate facts as of a date (default: the ruleset's year end); never reads the clock."""
        return evaluate(Report, self._program, self._plan(as_of), facts)

    def evaluate_many(
        self, fact_sets: Iterable[Mapping[str, Any]], *, as_of: date | datetime | None = None
    ) -> Reports[Report]:
        """Evaluate many fact sets as of one date; a sequence of reports in input order.

        The reports refer to the given fact sets (no copies): leave those unchanged while using them.
        """
        return evaluate_batch(Report, self._program, self._plan(as_of), fact_sets)

    def iter_evaluate(
        self, fact_sets: Iterable[Mapping[str, Any]], *, as_of: date | datetime | None = None
    ) -> Iterator[Report]:
        """Like `evaluate_many`, one report at a time, for streams larger than memory."""
        plan = self._plan(as_of)
        program = self._program
        for facts in batch(fact_sets):
            yield evaluate(Report, program, plan, facts)

    def evaluate_table(self, table: Any, *, as_of: date | datetime | None = None) -> Any:
        """Evaluate an Arrow table, one row per unit and one column per fact (`perfrules[arrow]`).

        Returns a `perfrules.engine.columnar.ColumnarReport` with a status column per indicator.
        """
        from .engine.columnar import evaluate_table  # the optional pyarrow, only when asked for

        return evaluate_table(self._program, self._plan(as_of), table)

    def _plan(self, as_of: Any) -> Plan:
        """The plan for an evaluation date, made once per date (a few dozen kept)."""
        day = resolve_as_of(as_of, self._program)
        plan = self._plans.get(day)
        if plan is None:
            if len(self._plans) >= 64:
                self._plans.clear()
            plan = self._plans[day] = Plan(self._program, day)
        return plan


def _definition(indicator: CheckedIndicator, compiled: CompiledIndicator) -> Indicator:
    if not indicator.compound:
        condition = compiled.conditions[0]
        return Indicator(
            indicator.name,
            indicator.group,
            condition.target,
            condition.deadline,
            indicator.weight,
            indicator.description,
        )
    parts = []
    for condition in compiled.conditions:
        assert isinstance(condition.target, Target)  # a compound's parts always have a target
        parts.append(
            Part(condition.name, part_fact(indicator.name, condition.name), condition.target, condition.deadline)
        )
    return Indicator(
        indicator.name,
        indicator.group,
        {part.name: part.target for part in parts},
        indicator.deadline,
        indicator.weight,
        indicator.description,
        tuple(parts),
    )


def compile(text: str, *, source: str = "<string>", limits: Limits | None = None) -> Ruleset:  # noqa: A001
    """Compile ruleset text; raises `RulesetError` listing every problem with its position.

    `limits` bounds untrusted input (see `perfrules.Limits`); the defaults suit real tables.
    """
    if not isinstance(text, str):
        raise UsageError(f"ruleset text must be a str, not {type(text).__name__}")
    limits = limits if limits is not None else Limits()
    if not isinstance(limits, Limits):
        raise UsageError(f"limits must be a perfrules.Limits, not {type(limits).__name__}")
    origin = Source(text, str(source))
    problem = check_text(origin, limits)
    if problem is not None:
        raise problem
    checked = check(build(parse(origin), origin), origin, limits)
    return Ruleset(compile_program(checked, limits))


def load(path: str | PathLike[str], *, limits: Limits | None = None) -> Ruleset:
    """Read a UTF-8 ruleset file (a BOM is allowed; `-` is standard input) and compile it."""
    limits = limits if limits is not None else Limits()
    return compile(files.read_ruleset(path, limits), source=str(path), limits=limits)
