"""The public entry points: compile text or load a file into a `Ruleset`, evaluate it into a
`Report`, and score, monitor or explain a report."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
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
from .engine.columnar.batches import BatchFunction
from .engine.columnar.report import ColumnarReport
from .engine.compiler import compile_program
from .engine.evaluate import evaluate, evaluate_batch, resolve_as_of
from .engine.factset import fact_sets as batch
from .engine.plan import Plan
from .engine.program import CompiledIndicator, Program
from .engine.report import Reports
from .errors import Diagnostic, Source, UsageError
from .errors.text import shown
from .language.build import build
from .language.check import check
from .language.checked import CheckedIndicator, part_fact
from .language.limits import Limits, check_text
from .language.parser import parse
from .quantities.values import Measure, Quantity, Target
from .reports.explain import explain as _explain


class Report(engine_report.EvaluationReport):
    """Indicator name → result, in source order; formula values and warnings beside them.

    Results are built when first looked at. A report scores itself into a self-evaluation
    (绩效自评表), monitors itself into a monitoring sheet (绩效监控表), and explains any indicator.
    """

    __slots__ = ()

    def score(self, policy: ScoringPolicy | None = None) -> Scorecard:
        """The self-evaluation (绩效自评表) of this report: scores, subtotals, total and grade.

        Raises FactsError when a scoring fact (`不适用`, `NAME:档次`, `NAME:得分`) cannot be used;
        UsageError when `policy` is not a ScoringPolicy.
        """
        return _score(self, policy)

    def monitor(self, policy: MonitoringPolicy | None = None) -> MonitoringSheet:
        """The monitoring sheet (绩效监控表) as of this report's date.

        Raises UsageError when the report has no as-of date or `policy` is not a MonitoringPolicy;
        FactsError when the amount executed or a `NAME:可能性` fact cannot be used.
        """
        return _monitor(self, policy)

    def explain(self, name: str, language: str = "zh") -> str:
        """One indicator (or formula) explained: definition, formula tree with every value, facts,
        status; in "zh" or "en".

        Raises UnknownName for a name that is neither an indicator nor a formula; UsageError for
        a language other than "zh" or "en".
        """
        return _explain(self.trace(name), language)


def score(report: engine_report.EvaluationReport, policy: ScoringPolicy | None = None) -> Scorecard:
    """The self-evaluation of an evaluated report (the same as `report.score(policy)`).

    Raises FactsError when a scoring fact (`不适用`, `NAME:档次`, `NAME:得分`) cannot be used;
    UsageError when `policy` is not a ScoringPolicy.
    """
    return _score(report, policy)


def monitor(report: engine_report.EvaluationReport, policy: MonitoringPolicy | None = None) -> MonitoringSheet:
    """The monitoring sheet of an evaluated report (the same as `report.monitor(policy)`).

    Raises UsageError when the report has no as-of date or `policy` is not a MonitoringPolicy;
    FactsError when the amount executed or a `NAME:可能性` fact cannot be used.
    """
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

    source: str
    """The name it was compiled under (a file's path, or `<string>`)."""
    department: str | None
    year: int | None
    budget: dict[str, Quantity]
    formulas: dict[str, str | None]
    """Formula name → its description."""
    indicators: tuple[Indicator, ...]
    warnings: tuple[Diagnostic, ...]
    """Things allowed but worth a second look (an unused formula, a likely typo, …)."""

    def __init__(self, program: Program) -> None:
        checked = program.checked
        self.source = checked.source.name
        self.department = checked.department
        self.year = checked.year
        self.budget = {item.name: Quantity(item.amount, item.unit.name) for item in checked.budget}
        self.formulas = {formula.name: formula.description for formula in checked.formulas}
        self.indicators = tuple(
            _definition(indicator, compiled)
            for indicator, compiled in zip(checked.indicators, program.indicators, strict=True)
        )
        self.warnings = checked.warnings
        self._program = program
        self._plans: dict[date | None, Plan] = {}

    def __repr__(self) -> str:
        return f"<Ruleset {self.source} indicators={len(self.indicators)} formulas={len(self.formulas)}>"

    def __reduce__(self) -> tuple[type[Ruleset], tuple[Program]]:
        """A ruleset pickles as its source text, name and limits (never compiled code), and is
        compiled again, once per process, where it is loaded."""
        return Ruleset, (self._program,)

    def evaluate(self, facts: Mapping[str, Any], *, as_of: date | datetime | None = None) -> Report:
        """Evaluate facts as of a date (default: the ruleset's year end); never reads the clock.

        Raises FactsError when `facts` is not a mapping; UsageError when `as_of` is not a date, or
        is left out of a ruleset that has deadlines but no year. Facts that are merely wrong make
        INVALID results, not errors.
        """
        return evaluate(Report, self._program, self._plan(as_of), facts)

    def evaluate_many(
        self, fact_sets: Iterable[Mapping[str, Any]], *, as_of: date | datetime | None = None
    ) -> Reports[Report]:
        """Evaluate many fact sets as of one date; a sequence of reports in input order.

        The reports refer to the given fact sets (no copies): leave those unchanged while using them.

        Raises UsageError when `fact_sets` is not an iterable of fact sets or `as_of` cannot be
        used (as for `evaluate`); FactsError when one of them is not a mapping.
        """
        return evaluate_batch(Report, self._program, self._plan(as_of), fact_sets)

    def iter_evaluate(
        self,
        fact_sets: Iterable[Mapping[str, Any]],
        *,
        as_of: date | datetime | None = None,
        progress: Callable[[int], object] | None = None,
    ) -> Iterator[Report]:
        """Like `evaluate_many`, one report at a time, for streams larger than memory;
        `progress`, if given, is called after each report with the number made so far (to show
        a long batch's progress).

        Raises UsageError at once when `fact_sets` is not an iterable of fact sets, `as_of`
        cannot be used (as for `evaluate`) or `progress` is not callable; FactsError, when
        reached, for a fact set that is not a mapping.
        """
        plan = self._plan(as_of)
        if progress is not None and not callable(progress):
            raise UsageError(f"progress must be a function of the count done, not {shown(progress)}")
        return _reports(self._program, plan, batch(fact_sets), progress)

    def evaluate_table(
        self, table: Any, *, as_of: date | datetime | None = None, keep: Sequence[str] = ()
    ) -> ColumnarReport:
        """Evaluate a table, one row per unit and one column per fact (`perfrules[arrow]`), into a
        `ColumnarReport` with a status column per indicator; `keep` names key columns (单位编码)
        that its `to_table()` carries, so that results join back.

        The table may be a pyarrow Table or RecordBatch, or anything with the Arrow stream
        interface (a pandas or polars DataFrame, a DuckDB relation). A quantity's column may hold
        integers, decimals, floats (read as `Decimal(repr(x))`) or text with units; nulls, NaN and
        blank text are missing.

        Raises UsageError when pyarrow is not installed, when `table` is not a table Arrow can
        read, when a column is of a type its fact cannot have (binary for a quantity, numbers for
        a label, a date column of another type), for a `keep` column the table lacks, or when
        `as_of` cannot be used (as for `evaluate`).
        """
        from .engine.columnar.evaluation import evaluate_table  # the optional pyarrow, only when asked for

        return evaluate_table(self._program, self._plan(as_of), table, keep)

    def batch_function(
        self, schema: Any, *, as_of: date | datetime | None = None, keep: Sequence[str] = ()
    ) -> BatchFunction:
        """A function from one Arrow RecordBatch of `schema` to one RecordBatch of its `.schema`
        (the `keep` columns, then `指标.status` text per indicator), for any engine that runs a
        Python function over Arrow batches (`perfrules.dask`, `perfrules.spark`). It pickles as
        the ruleset's source text.

        Raises UsageError when pyarrow is not installed, when `schema` is not a pyarrow.Schema,
        when a column is of a type its fact cannot have, for a `keep` column the schema lacks, or
        when `as_of` cannot be used (as for `evaluate`).
        """
        return BatchFunction(self._program, resolve_as_of(as_of, self._program), schema, keep)

    def _plan(self, as_of: Any) -> Plan:
        """The plan for an evaluation date, made once per date (a few dozen kept)."""
        day = resolve_as_of(as_of, self._program)
        plan = self._plans.get(day)
        if plan is None:
            if len(self._plans) >= 64:
                self._plans.clear()
            plan = self._plans[day] = Plan(self._program, day)
        return plan


def _reports(
    program: Program, plan: Plan, fact_sets: Iterable[Mapping[str, Any]], progress: Callable[[int], object] | None
) -> Iterator[Report]:
    """The reports of `iter_evaluate`, made as they are asked for (its checks are made before)."""
    for count, facts in enumerate(fact_sets, start=1):
        report = evaluate(Report, program, plan, facts)
        if progress is not None:
            progress(count)
        yield report


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
    """Compile ruleset text; `limits` bounds untrusted input (see `perfrules.Limits`), and the
    defaults suit real tables.

    Raises RulesetError listing every problem with its position; UsageError when `text` is not
    a str or `limits` not a Limits.
    """
    if not isinstance(text, str):
        raise UsageError(f"ruleset text must be a str, not {type(text).__name__}")
    limits = _limits(limits)
    origin = Source(text, str(source))
    problem = check_text(origin, limits)
    if problem is not None:
        raise problem
    checked = check(build(parse(origin), origin), origin, limits)
    return Ruleset(compile_program(checked, limits, (restored_program, (text, str(source), limits))))


_RESTORED: dict[tuple[str, str, Limits], Program] = {}
_RESTORED_KEPT = 16


def restored_program(text: str, source: str, limits: Limits) -> Program:
    """A pickled program where it is loaded: compiled again from its text, once per process (the
    last few kept), so that a ruleset sent to many tasks is compiled once per worker."""
    key = (text, source, limits)
    program = _RESTORED.get(key)
    if program is None:
        if len(_RESTORED) >= _RESTORED_KEPT:
            del _RESTORED[next(iter(_RESTORED))]
        program = _RESTORED[key] = compile(text, source=source, limits=limits)._program
    return program


def load(path: str | PathLike[str], *, limits: Limits | None = None) -> Ruleset:
    """Read a UTF-8 ruleset file (a BOM is allowed; `-` is standard input) and compile it.

    Raises RulesetError listing every problem with its position (a file too long or not UTF-8
    among them); UsageError when the file cannot be read or `limits` is not a Limits.
    """
    limits = _limits(limits)
    return compile(files.read_ruleset(path, limits), source=str(path), limits=limits)


def load_facts(path: str | PathLike[str], *, limits: Limits | None = None) -> dict[str, Any]:
    """Read a JSON facts file (or standard input for `-`) strictly: numbers stay exact (Decimal),
    duplicate keys and NaN are errors; a file larger than `Limits.max_facts_bytes` is refused unparsed.

    Raises FactsError when the file is not strict JSON facts (too large, not UTF-8, malformed,
    a key twice, not an object); UsageError when it cannot be read or `limits` is not a Limits.
    """
    return files.load_facts(path, limits=_limits(limits))


def parse_facts(text: str, name: str = "<facts>", *, limits: Limits | None = None) -> dict[str, Any]:
    """Parse JSON facts text strictly (see `load_facts`); `name` says where it came from in errors.

    Raises FactsError when the text is not strict JSON facts; UsageError when `text` is not a str
    or `limits` is not a Limits.
    """
    return files.parse_facts(text, name, limits=_limits(limits))


def _limits(limits: object) -> Limits:
    """The limits a caller gave, else the defaults; a UsageError for anything else."""
    if limits is None:
        return Limits()
    if not isinstance(limits, Limits):
        raise UsageError(f"limits must be a perfrules.Limits, not {type(limits).__name__}")
    return limits
