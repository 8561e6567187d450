"""Evaluation: facts and an as-of date → a status, a value and a reason per indicator.

With e = min(as_of, deadline), a condition is MET when it holds on the values in force on e;
PENDING when the deadline is still ahead and it does not hold yet; NOT_MET when the deadline
has passed and it did not hold on the deadline (a later observation does not change that, the
reason only says when it was met); MISSING when an input has nothing in force on e and, after
the deadline, nothing up to as_of either; INVALID when a fact cannot be used.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal, Inexact
from typing import TYPE_CHECKING, Any, overload

import attrs

from ..assessment.monitoring import LIKELIHOOD_SUFFIX
from ..assessment.scoring import BAND_SUFFIX, NOT_APPLICABLE, SCORE_SUFFIX
from ..errors import FactsError, UnknownName, UsageError
from ..errors.text import printable, shown
from ..language.checker import FactSpec, part_fact
from ..quantities.arithmetic import CONTEXT, PRECISION, integer_bound
from ..quantities.units import Unit
from ..quantities.values import Quantity, Target, Value, readable, value_json
from .compiler import CompiledCondition, CompiledFormula, CompiledIndicator, OutsideScale, Program
from .facts import MISSING, SLOW, Invalid, Timeline, limits_bounds, read_fact

if TYPE_CHECKING:
    from ..assessment.monitoring import MonitoringPolicy, MonitoringSheet
    from ..assessment.scoring import Scorecard, ScoringPolicy


class Status(enum.Enum):
    """Outcome of one indicator as of a date."""

    MET = "MET"
    PENDING = "PENDING"
    NOT_MET = "NOT_MET"
    MISSING = "MISSING"
    INVALID = "INVALID"

    def __str__(self) -> str:
        return self.value


# Records carry statuses as small integers, ordered so that a compound's status is the largest
# of its parts' (NOT_MET, else INVALID, else MISSING, else PENDING, else MET); integers also keep
# the records out of the garbage collector's way in large batches.
STATUS_ORDER = (Status.MET, Status.PENDING, Status.MISSING, Status.INVALID, Status.NOT_MET)
_MET, _PENDING, _MISSING, _INVALID, _NOT_MET = range(5)


@attrs.frozen
class IndicatorResult:
    """One indicator's outcome. For a compound indicator, `value` and `target` map part → item."""

    name: str
    group: tuple[str, ...]
    status: Status
    value: Value | dict[str, Value | None] | None
    target: Target | dict[str, Target]
    deadline: date | None
    final: bool
    reason: str
    parts: tuple[IndicatorResult, ...] = ()
    met_on: date | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "name": self.name,
            "group": list(self.group),
            "status": self.status.value,
            "value": value_json(self.value),
            "target": _target_json(self.target),
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "final": self.final,
            "reason": self.reason,
        }
        if self.met_on is not None:
            data["met_on"] = self.met_on.isoformat()
        if self.parts:
            data["parts"] = [part.to_dict() for part in self.parts]
        return data


def _target_json(target: Target | dict[str, Target]) -> Any:
    if isinstance(target, Target):
        return target.to_json()
    return {name: part.to_json() for name, part in target.items()}


class Report(Mapping[str, IndicatorResult]):
    """Indicator name → result, in source order; formula values and warnings beside them.

    Results are built when first looked at: evaluation itself only decides statuses and values,
    which is what keeps batches fast.
    """

    __slots__ = ("_facts", "_formulas", "_plan", "_program", "_records", "_results", "_run", "_warnings")

    def __init__(
        self,
        program: Program,
        plan: _Plan,
        facts: Mapping[str, Any],
        records: list[Any],
        run: _Run | None,
    ) -> None:
        self._program = program
        self._plan = plan
        self._facts = facts
        self._records = records
        self._run = run
        self._results: dict[str, IndicatorResult] | None = None
        self._warnings: tuple[str, ...] | None = None
        self._formulas: dict[str, Quantity | None] | None = None

    @property
    def as_of(self) -> date | None:
        """The evaluation date (None when the ruleset has neither a year nor deadlines)."""
        return self._plan.as_of

    def _runner(self) -> _Run:
        if self._run is None:
            self._run = _Run(self._program, self._plan, self._facts)
        return self._run

    def __getitem__(self, name: str) -> IndicatorResult:
        if self._results is None:
            self._results = {}
        result = self._results.get(name)
        if result is None:
            index = self._position(name)
            result = self._results[name] = self._runner().result(index, self._records[index])
        return result

    def _position(self, name: str) -> int:
        position = self._plan.index.get(name) if isinstance(name, str) else None
        if position is None:
            raise UnknownName(name, "an indicator", self._plan.index)
        return position

    def __contains__(self, name: object) -> bool:
        return name in self._plan.index if isinstance(name, str) else False

    def __iter__(self) -> Iterator[str]:
        return iter(self._plan.index)

    def __len__(self) -> int:
        return len(self._records)

    def status(self, name: str) -> Status:
        """The status alone, without building the result."""
        return _status(self._records[self._position(name)])

    def statuses(self) -> list[Status]:
        """Every indicator's status, in source order, without building results."""
        return [_status(record) for record in self._records]

    @property
    def warnings(self) -> tuple[str, ...]:
        """Facts the ruleset does not use, and facts that tried to override a formula."""
        if self._warnings is None:
            self._warnings = _warnings(self._program, self._facts)
        return self._warnings

    @property
    def formulas(self) -> dict[str, Quantity | None]:
        """Formula name → value on the evaluation date (None when it cannot be computed)."""
        if self._formulas is None:
            self._formulas = self._runner().formula_values()
        return self._formulas

    def __repr__(self) -> str:
        counts: dict[str, int] = {}
        for status in self.statuses():
            counts[status.value] = counts.get(status.value, 0) + 1
        summary = ", ".join(f"{status}={count}" for status, count in counts.items())
        return f"<Report as_of={self.as_of} {summary}>"

    def score(self, policy: ScoringPolicy | None = None) -> Scorecard:
        """The self-evaluation (绩效自评表) of this report: scores, subtotals, total and grade."""
        from ..assessment.scoring import score

        return score(self, policy)

    def monitor(self, policy: MonitoringPolicy | None = None) -> MonitoringSheet:
        """The monitoring sheet (绩效监控表) as of this report's date."""
        from ..assessment.monitoring import monitor

        return monitor(self, policy)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: no floats, numbers as exact decimal strings with their unit."""
        return {
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "indicators": [self[name].to_dict() for name in self],
            "formulas": {name: value_json(value) for name, value in self.formulas.items()},
            "warnings": list(self.warnings),
        }


def resolve_as_of(as_of: Any, program: Program, has_deadlines: bool) -> date | None:
    """The evaluation date: the caller's, else the ruleset's year end; never the clock."""
    if isinstance(as_of, datetime):
        return as_of.date()
    if isinstance(as_of, date):
        return as_of
    if as_of is not None:
        raise UsageError(f"as_of must be a date or datetime, not {type(as_of).__name__}")
    if program.year is not None:
        return date(program.year, 12, 31)
    if has_deadlines:
        raise UsageError("as_of is required: the ruleset has deadlines but declares no year")
    return None


# A record is what evaluation decides for one indicator: (status, value) or
# (status, value, detail, met_on) for a simple indicator, a tuple of part records for a compound.
_MISSING_AT_DEADLINE = "missing-at-deadline"


def _code(record: Any) -> int:
    first = record[0]
    if type(first) is int:
        return first
    return max(int(part[0]) for part in record)


def _status(record: Any) -> Status:
    return STATUS_ORDER[_code(record)]


class _Plan:
    """Per evaluation date: each condition's day e, whether it is final, and its fast step."""

    def __init__(self, program: Program, as_of: date | None) -> None:
        self.as_of = as_of
        # With no as-of date (no year, no deadlines) the latest value of each fact is in force.
        self.day = as_of if as_of is not None else date.max
        self.index = {indicator.name: position for position, indicator in enumerate(program.indicators)}
        self.parts: list[tuple[Any, ...]] = []
        self.steps: list[Any] = []
        for indicator in program.indicators:
            parts = tuple(self._step(condition, program) for condition in indicator.conditions)
            self.parts.append(parts)
            self.steps.append(_compound_step(parts) if indicator.compound else parts[0])

    def day_text(self, day: date) -> str:
        """A day as reasons name it; without an as-of date, the values in force are the latest."""
        return "最新" if self.as_of is None else day.isoformat()

    def final(self, deadline: date | None) -> bool:
        return deadline is None or self.day >= deadline

    def when(self, condition: CompiledCondition) -> date:
        deadline = condition.deadline
        return deadline if deadline is not None and self.day >= deadline else self.day

    def _step(self, condition: CompiledCondition, program: Program) -> Any:
        """A closure deciding the condition from plain facts, or None to take the general path.

        Plain means a number or label, or one dated value; histories and anything unusual go
        the general way, which is the definition the fast path must agree with.
        """
        test = condition.test
        met, not_met, absent, slow = _MET, _NOT_MET, _ABSENT, SLOW
        unmet = not_met if self.final(condition.deadline) else _PENDING
        readers = tuple((name, program.readers[name]) for name in condition.inputs)
        subject = condition.subject
        # The commonest plain values are accepted before any call: whole numbers within the
        # bounds for a quantity in its base unit, and labels the ruleset itself names. Both
        # steps use this one test; anything else goes through the fact's reader.
        largest = integer_bound(program.limits.max_digits, program.limits.max_exponent)
        quick_labels = program.labels
        if not condition.formulas and len(readers) == 1:
            ((name, read),) = readers
            missing = (_MISSING, None, f"“{name}”")
            missing_at_deadline = _MISSING_AT_DEADLINE + f"“{name}”"
            on, as_of = self.when(condition), self.day
            quick_type = _quick_type(program.facts[name])
            dated, known_dates = _dated, _DATES.get

            def fact_step(facts: Mapping[str, Any], values: dict[str, Any]) -> Any:
                raw = facts.get(name, absent)
                kind = type(raw)
                day = None
                if kind is dict:
                    text = raw.get("date")
                    day = known_dates(text) if type(text) is str and len(raw) == 2 and "value" in raw else None
                    if day is None:
                        day = dated(raw)
                        if day is None:
                            return None
                    raw = raw["value"]
                    kind = type(raw)
                if kind is quick_type and (raw in quick_labels if kind is str else -largest < raw < largest):
                    value = raw
                elif raw is absent:
                    return missing
                else:
                    value = read(raw)
                    if value is slow:
                        return None
                if day is not None and day > on:
                    # Nothing in force on e: still missing, or observed after the deadline.
                    if day > as_of:
                        return missing
                    return (not_met, None, missing_at_deadline, day if test(value) else None)
                return (met, value) if test(value) else (unmet, value)

            return fact_step
        chain = tuple((formula.name, formula.function) for formula in condition.formulas)
        quick_inputs = tuple((name, read, _quick_type(program.facts[name])) for name, read in readers)
        within = limits_bounds(program.limits).plus

        def formula_step(facts: Mapping[str, Any], values: dict[str, Any]) -> Any:
            if subject not in values:
                for name, read, quick_type in quick_inputs:
                    if name not in values:
                        # Only undated values are the same on every day, so only they share `values`.
                        raw = facts.get(name, absent)
                        kind = type(raw)
                        if kind is quick_type and -largest < raw < largest:
                            values[name] = raw
                        elif kind is Decimal and quick_type is int and raw.is_finite():
                            within(raw)  # the readers' own bounds; beyond them it raises, and goes the general way
                            values[name] = raw
                        else:
                            value = read(raw)
                            if value is slow:
                                return None
                            values[name] = value
                for formula, function in chain:
                    if formula not in values:
                        values[formula] = function(values)
            value = values[subject]
            return (met, value) if test(value) else (unmet, value)

        return formula_step


def _quick_type(spec: FactSpec) -> type | None:
    """The raw type a fact's value may have to be taken as it is: str for a label, int for a
    quantity whose base unit is the unit of bare numbers; None when every value needs reading."""
    if spec.is_label:
        return str
    return int if spec.unit is not None and spec.unit.factor == 1 else None


def _compound_step(parts: tuple[Any, ...]) -> Any:
    def compound_step(facts: Mapping[str, Any], values: dict[str, Any]) -> Any:
        records = tuple(part(facts, values) for part in parts)
        return None if None in records else records

    return compound_step


_DATES: dict[str, date] = {}
"""ISO date strings already parsed; facts repeat the same few hundred days."""


def _dated(raw: dict[str, Any]) -> date | None:
    """The date of a plain dated value {"value": V, "date": "YYYY-MM-DD"}, else None."""
    if len(raw) != 2 or "value" not in raw:
        return None
    text = raw.get("date")
    day = _DATES.get(text) if type(text) is str else None
    if day is not None:
        return day
    if type(text) is not str or len(text) != 10 or not text.isascii() or text[4] != "-" or text[7] != "-":
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    if len(_DATES) < 100_000:
        _DATES[text] = day
    return day


class _Absent:
    def __repr__(self) -> str:
        return "ABSENT"


_ABSENT: Any = _Absent()


def evaluate(program: Program, plan: _Plan, facts: Any) -> Report:
    """Decide every indicator: the fast step where facts are plain, the general path elsewhere."""
    # A shallow copy: results, formulas and warnings are worked out from it later, on demand.
    facts = _facts(program, facts, copy=True)
    records, run = _decide(program, plan, facts)
    return Report(program, plan, facts, records, run)


def evaluate_batch(program: Program, plan: _Plan, fact_sets: Iterable[Any]) -> Reports:
    """Decide many fact sets; the reports share one flat list of records."""
    kept: list[Mapping[str, Any]] = []
    flat: list[Any] = []
    runs: dict[int, _Run] = {}
    for index, facts in enumerate(fact_sets_of(fact_sets)):
        facts = _facts(program, facts, copy=False)
        records, run = _decide(program, plan, facts)
        kept.append(facts)
        flat.extend(records)
        if run is not None:
            runs[index] = run
    return Reports(program, plan, kept, flat, runs)


def fact_sets_of(fact_sets: Any) -> Iterable[Any]:
    """The fact sets of a batch, or a UsageError for what is not a batch of them."""
    if isinstance(fact_sets, Mapping):
        raise UsageError("a batch is a sequence of fact sets, not one mapping; evaluate one fact set with evaluate()")
    if isinstance(fact_sets, (str, bytes)) or not isinstance(fact_sets, Iterable):
        raise UsageError(f"a batch is an iterable of fact sets (mappings), not {type(fact_sets).__name__}")
    return fact_sets


def _facts(program: Program, facts: Any, *, copy: bool) -> Mapping[str, Any]:
    if type(facts) is not dict and not isinstance(facts, Mapping):
        raise FactsError(f"facts must be a mapping of fact name to value, not {type(facts).__name__}")
    if program.compound_names and any(name in facts for name in program.compound_names):
        return _flatten(program, facts)
    return dict(facts) if copy or type(facts) is not dict else facts


def _decide(program: Program, plan: _Plan, facts: Mapping[str, Any]) -> tuple[list[Any], _Run | None]:
    values = dict(program.constants)
    steps = plan.steps
    try:
        records = [step(facts, values) for step in steps]
    except (ArithmeticError, OutsideScale):
        records = [_guarded(step, facts, values) for step in steps]
    run = None
    if None in records:
        run = _Run(program, plan, facts)
        for position, record in enumerate(records):
            if record is None:
                records[position] = run.fallback(position, values)
    return records, run


class Reports(Sequence[Report]):
    """The reports of `Ruleset.evaluate_many`, in input order, built when looked at.

    They refer to the caller's fact sets rather than copies (a batch is large): do not change
    the fact sets while their reports are in use.
    """

    __slots__ = ("_facts", "_plan", "_program", "_records", "_runs", "_width")

    def __init__(
        self,
        program: Program,
        plan: _Plan,
        facts: list[Mapping[str, Any]],
        records: list[Any],
        runs: dict[int, _Run],
    ) -> None:
        self._program = program
        self._plan = plan
        self._facts = facts
        self._records = records
        self._runs = runs
        self._width = len(plan.steps)

    def __len__(self) -> int:
        return len(self._facts)

    @overload
    def __getitem__(self, index: int) -> Report: ...

    @overload
    def __getitem__(self, index: slice) -> list[Report]: ...

    def __getitem__(self, index: int | slice) -> Report | list[Report]:
        if isinstance(index, slice):
            return [self[position] for position in range(*index.indices(len(self)))]
        position = range(len(self))[index]
        start = position * self._width
        records = self._records[start : start + self._width]
        return Report(self._program, self._plan, self._facts[position], records, self._runs.get(position))

    def statuses(self) -> Iterator[list[Status]]:
        """Each report's statuses, without building reports."""
        width = self._width
        for start in range(0, len(self._records), width):
            yield [_status(record) for record in self._records[start : start + width]]


def _guarded(step: Any, facts: Mapping[str, Any], values: dict[str, Any]) -> Any:
    try:
        return step(facts, values)
    except (ArithmeticError, OutsideScale):
        return None


def _flatten(program: Program, facts: Mapping[str, Any]) -> dict[str, Any]:
    """Nested compound facts, {"培训": {"培训": 6}}, as their own names: "培训.培训"."""
    flat: dict[str, Any] = {}
    for key, value in facts.items():
        if key in program.compound_names and isinstance(value, dict) and not {"value", "date"} & set(value):
            for part, part_value in value.items():
                flat[part_fact(key, str(part))] = part_value
        else:
            flat[key] = value
    return flat


_ANNOTATIONS = (BAND_SUFFIX, SCORE_SUFFIX, LIKELIHOOD_SUFFIX)


def _annotation(key: Any, names: set[str]) -> bool:
    """Facts for scoring and monitoring: 指标:档次, 指标:得分, 指标:可能性, and 不适用."""
    if key == NOT_APPLICABLE:
        return True
    if not isinstance(key, str):
        return False
    return any(key.endswith(suffix) and key[: -len(suffix)] in names for suffix in _ANNOTATIONS)


def _warnings(program: Program, facts: Mapping[str, Any]) -> tuple[str, ...]:
    warnings = []
    names = {indicator.name for indicator in program.indicators}
    for key in facts:
        if key in program.facts or _annotation(key, names):
            continue
        if not isinstance(key, str):
            warnings.append(f"事实名应为文字，已忽略 {shown(key)}")
        elif key in program.formulas or key in program.constants:
            kind = "公式" if key in program.formulas else "预算常量"
            warnings.append(f"事实“{key}”与{kind}同名，已忽略：事实不能覆盖{kind}")
        else:
            name = printable(key if len(key) <= 100 else key[:100] + "…")
            warnings.append(f"事实“{name}”未被任何指标或公式使用")
    return tuple(warnings)


class _FactTable:
    """Raw facts, read lazily against what the ruleset expects of each."""

    def __init__(self, program: Program, raw: Mapping[str, Any]) -> None:
        self.program = program
        self.raw = raw
        self.timelines: dict[str, Timeline | Invalid | None] = {}

    def timeline(self, name: str) -> Timeline | Invalid | None:
        if name in self.timelines:
            return self.timelines[name]
        raw = self.raw.get(name, _ABSENT)
        timeline = (
            None
            if raw is _ABSENT
            else read_fact(self.program.facts[name], raw, self.program.units, self.program.limits)
        )
        self.timelines[name] = timeline
        return timeline


class _Moment:
    """Values in force on one day, computed at most once per evaluation."""

    def __init__(self, program: Program, table: _FactTable, day: date) -> None:
        self.program = program
        self.table = table
        self.day = day
        self.values: dict[str, Any] = dict(program.constants)
        self.states: dict[str, Any] = {}
        self.failures: dict[str, str] = {}

    def fact(self, name: str) -> Any:
        """The fact's value on this day, MISSING, or Invalid."""
        state = self.states.get(name)
        if state is None:
            timeline = self.table.timeline(name)
            if timeline is None:
                state = MISSING
            elif isinstance(timeline, Invalid):
                state = timeline
            else:
                state = timeline.at(self.day)
            self.states[name] = state
            if state is not MISSING and not isinstance(state, Invalid):
                self.values[name] = state
        return state

    def check_inputs(self, inputs: tuple[str, ...]) -> tuple[list[tuple[str, Invalid]], list[str]]:
        invalid, missing = [], []
        for name in inputs:
            state = self.fact(name)
            if state is MISSING:
                missing.append(name)
            elif isinstance(state, Invalid):
                invalid.append((name, state))
        return invalid, missing

    def compute(self, formulas: tuple[CompiledFormula, ...]) -> str | None:
        """Compute formulas in order; the reason when one cannot be computed."""
        for formula in formulas:
            if formula.name in self.values:
                continue
            failure = self.failures.get(formula.name)
            if failure is None:
                try:
                    self.values[formula.name] = formula.function(self.values)
                    continue
                except ZeroDivisionError:
                    failure = f"计算“{formula.name}”时除数为零"
                except Inexact:
                    failure = f"计算“{formula.name}”时结果超过{PRECISION}位有效数字，无法精确表示"
                except ArithmeticError:
                    failure = f"计算“{formula.name}”时结果超出精确计算范围"
                self.failures[formula.name] = failure
            return failure
        return None


def _quantity(value: Any, unit: Unit) -> Quantity:
    return Quantity(CONTEXT.divide(value, unit.factor) if unit.factor != 1 else Decimal(value), unit.name)


class _Run:
    """The general path of one evaluation, and the results built from its records."""

    def __init__(self, program: Program, plan: _Plan, facts: Mapping[str, Any]) -> None:
        self.program = program
        self.plan = plan
        self.facts = facts
        self.day = plan.day
        self._table: _FactTable | None = None
        self.moments: dict[date, _Moment] = {}

    def fallback(self, position: int, values: dict[str, Any]) -> Any:
        """Decide an indicator the fast step gave up on: each part fast if it can, else generally."""
        conditions = self.program.indicators[position].conditions
        records = []
        for condition, step in zip(conditions, self.plan.parts[position], strict=True):
            record = _guarded(step, self.facts, values)
            records.append(self.general(condition) if record is None else record)
        return tuple(records) if self.program.indicators[position].compound else records[0]

    # the general path: dated values, histories, and anything that is not plain

    def moment(self, day: date) -> _Moment:
        moment = self.moments.get(day)
        if moment is None:
            if self._table is None:
                self._table = _FactTable(self.program, self.facts)
            moment = self.moments[day] = _Moment(self.program, self._table, day)
        return moment

    def outcome(self, condition: CompiledCondition, day: date) -> tuple[str, Any, str, tuple[str, ...]]:
        """(kind, value, detail, missing inputs) with kind met, unmet, missing or invalid."""
        moment = self.moment(day)
        invalid, missing = moment.check_inputs(condition.inputs)
        if invalid:
            name, problem = invalid[0]
            return "invalid", None, f"“{name}”的数据无法使用：{problem.reason}", ()
        if missing:
            return "missing", None, "、".join(f"“{name}”" for name in missing), tuple(missing)
        failure = moment.compute(condition.formulas)
        if failure is not None:
            return "invalid", None, failure, ()
        value = moment.values[condition.subject]
        try:
            met = condition.test(value)
        except OutsideScale:
            return "invalid", value, f"“{value}”不在目标{condition.target}所属的等级中", ()
        return ("met" if met else "unmet"), value, "", ()

    def general(self, condition: CompiledCondition) -> tuple[int, Any, str, date | None]:
        final = self.plan.final(condition.deadline)
        day = self.plan.when(condition)
        kind, value, detail, missing = self.outcome(condition, day)
        if kind == "met":
            return _MET, value, "", None
        if kind == "invalid":
            return _INVALID, value, detail, None
        if not final:
            return (_MISSING, None, detail, None) if kind == "missing" else (_PENDING, value, "", None)
        if kind == "missing":
            moment = self.moment(self.day)
            if any(moment.fact(name) is MISSING for name in missing):
                return _MISSING, None, detail, None
            detail = _MISSING_AT_DEADLINE + detail
        return _NOT_MET, value, detail, self._met_on(condition, day)

    def _met_on(self, condition: CompiledCondition, deadline: date) -> date | None:
        """The first day after the deadline, up to as_of, on which the condition held."""
        if self.day <= deadline:
            return None
        table = self._table
        assert table is not None
        dates: set[date] = set()
        for name in condition.inputs:
            timeline = table.timeline(name)
            if isinstance(timeline, Timeline):
                dates.update(timeline.dates_between(deadline, self.day))
        for day in sorted(dates):
            if self.outcome(condition, day)[0] == "met":
                return day
        return None

    # results, built on demand

    def result(self, position: int, record: Any) -> IndicatorResult:
        indicator = self.program.indicators[position]
        if not indicator.compound:
            return self._part(indicator, indicator.conditions[0], record, indicator.name)
        parts = tuple(
            self._part(indicator, condition, part, condition.name)
            for condition, part in zip(indicator.conditions, record, strict=True)
        )
        status = _status(record)
        if status is Status.MET:
            reason = "各分项均达到目标：" + "；".join(f"{part.name}：{part.reason}" for part in parts)
        else:
            reason = "；".join(f"{part.name}：{part.reason}" for part in parts if part.status is not Status.MET)
        return IndicatorResult(
            name=indicator.name,
            group=indicator.group,
            status=status,
            value={part.name: part.value for part in parts},  # type: ignore[misc]
            target={part.name: part.target for part in parts},  # type: ignore[misc]
            deadline=indicator.deadline,
            final=self.plan.final(indicator.deadline),
            reason=reason,
            parts=parts,
        )

    def _part(
        self, indicator: CompiledIndicator, condition: CompiledCondition, record: Any, name: str
    ) -> IndicatorResult:
        status, value = STATUS_ORDER[record[0]], record[1]
        detail = record[2] if len(record) > 2 else ""
        met_on = record[3] if len(record) > 3 else None
        shown = _shown(value, condition)
        said, goal = readable(shown), condition.target.readable()
        day = self.plan.when(condition)
        when = self.plan.day_text(day)
        if status is Status.MET:
            reason = f"截至{when}为{said}，达到目标{goal}"
        elif status is Status.INVALID:
            reason = detail
        elif status is Status.PENDING:
            reason = f"截至{when}为{said}，尚未达到目标{goal}，截止日期{condition.deadline}"
        elif status is Status.MISSING:
            as_of = self.plan.day_text(self.day)
            reason = f"截至{as_of}缺少{detail}的数据"
        elif detail.startswith(_MISSING_AT_DEADLINE):
            reason = f"截止日期{when}时缺少{detail[len(_MISSING_AT_DEADLINE) :]}的数据，未达到目标{goal}"
        else:
            reason = f"截至{when}为{said}，未达到目标{goal}"
        if met_on is not None:
            reason += f"；{met_on.isoformat()}才达到，已逾期"
        return IndicatorResult(
            name=name,
            group=indicator.group,
            status=status,
            value=shown,
            target=condition.target,
            deadline=condition.deadline,
            final=self.plan.final(condition.deadline),
            reason=reason,
            met_on=met_on,
        )

    def formula_values(self) -> dict[str, Quantity | None]:
        moment = self.moment(self.day)
        values: dict[str, Quantity | None] = {}
        for name, formula in self.program.formulas.items():
            invalid, missing = moment.check_inputs(self.program.formula_inputs[name])
            failure = None if invalid or missing else moment.compute(self.program.formula_chains[name])
            ok = not invalid and not missing and failure is None
            values[name] = _quantity(moment.values[name], formula.display) if ok else None
        return values


def _shown(value: Any, condition: CompiledCondition) -> Value | None:
    if value is None or isinstance(value, str):
        return value
    display = condition.display
    assert display is not None
    return _quantity(value, display)
