"""Evaluation: facts and an as-of date → a status, a value and a reason per indicator.

With e = min(as_of, deadline), a condition is MET when it holds on the values in force on e;
PENDING when the deadline is still ahead and it does not hold yet; NOT_MET when the deadline
has passed and it did not hold on the deadline (a later observation does not change that, the
reason only says when it was met); MISSING when an input has nothing in force on e and, after
the deadline, nothing up to as_of either; INVALID when a fact cannot be used.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import attrs

from .arithmetic import CONTEXT
from .checker import part_fact
from .compiler import CompiledCondition, CompiledIndicator, OutsideScale, Program
from .errors import FactsError, UsageError
from .facts import MISSING, Invalid, Timeline, read_fact
from .units import Unit
from .values import Quantity, Target, Value, readable, value_json


class Status(enum.Enum):
    """Outcome of one indicator as of a date."""

    MET = "MET"
    PENDING = "PENDING"
    NOT_MET = "NOT_MET"
    MISSING = "MISSING"
    INVALID = "INVALID"

    def __str__(self) -> str:
        return self.value


_COMPOUND_ORDER = (Status.NOT_MET, Status.INVALID, Status.MISSING, Status.PENDING)


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
    """Indicator name → result, in source order; formula values and warnings beside them."""

    def __init__(
        self,
        as_of: date | None,
        results: dict[str, IndicatorResult],
        formulas: dict[str, Quantity | None],
        warnings: tuple[str, ...],
    ) -> None:
        self.as_of = as_of
        self._results = results
        self.formulas = formulas
        self.warnings = warnings

    def __getitem__(self, name: str) -> IndicatorResult:
        return self._results[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._results)

    def __len__(self) -> int:
        return len(self._results)

    def __repr__(self) -> str:
        counts: dict[str, int] = {}
        for result in self._results.values():
            counts[result.status.value] = counts.get(result.status.value, 0) + 1
        summary = ", ".join(f"{status}={count}" for status, count in counts.items())
        return f"<Report as_of={self.as_of} {summary}>"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: no floats, numbers as exact decimal strings with their unit."""
        return {
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "indicators": [result.to_dict() for result in self._results.values()],
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


def evaluate(program: Program, facts: Any, as_of: date | None) -> Report:
    if not isinstance(facts, Mapping):
        raise FactsError(f"facts must be a mapping of fact name to value, not {type(facts).__name__}")
    table = _FactTable(program, facts)
    run = _Evaluation(program, table, as_of)
    results = {indicator.name: run.indicator(indicator) for indicator in program.indicators}
    moment = run.moment(run.day)
    formulas = {name: moment.formula_value(name) for name in program.formulas}
    return Report(as_of, results, formulas, table.warnings)


class _FactTable:
    """Raw facts, read lazily against what the ruleset expects of each."""

    def __init__(self, program: Program, raw: Mapping[Any, Any]) -> None:
        self.program = program
        self.raw: dict[str, Any] = {}
        self.timelines: dict[str, Timeline | Invalid] = {}
        warnings = []
        compounds = {indicator.name: indicator for indicator in program.indicators if indicator.compound}
        for key, value in raw.items():
            if not isinstance(key, str):
                raise FactsError(f"fact names must be strings, not {key!r}")
            if key in compounds and isinstance(value, dict) and not {"value", "date"} & set(value):
                for part, part_value in value.items():
                    self.raw[part_fact(key, str(part))] = part_value
            else:
                self.raw[key] = value
        for key in self.raw:
            if key in program.formula_inputs or key in program.constants:
                kind = "公式" if key in program.formula_inputs else "预算常量"
                warnings.append(f"事实“{key}”与{kind}同名，已忽略：事实不能覆盖{kind}")
            elif key not in program.facts:
                warnings.append(f"事实“{key}”未被任何指标或公式使用")
        self.warnings = tuple(warnings)

    def timeline(self, name: str) -> Timeline | Invalid | None:
        if name in self.timelines:
            return self.timelines[name]
        if name not in self.raw:
            return None
        timeline = read_fact(self.program.facts[name], self.raw[name], self.program.units)
        self.timelines[name] = timeline
        return timeline


class _Moment:
    """Values in force on one day, computed at most once per evaluation."""

    def __init__(self, program: Program, table: _FactTable, day: date) -> None:
        self.table = table
        self.day = day
        self.values: dict[str, Any] = dict(program.constants)
        self.states: dict[str, Any] = {}
        self.failures: dict[str, str] = {}
        self.program = program

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

    def compute(self, condition: CompiledCondition) -> str | None:
        """Compute the formulas a condition needs; a reason when one cannot be computed."""
        for formula in condition.formulas:
            if formula.name in self.values:
                continue
            failure = self.failures.get(formula.name)
            if failure is None:
                try:
                    self.values[formula.name] = formula.function(self.values)
                    continue
                except ZeroDivisionError:
                    failure = f"计算“{formula.name}”时除数为零"
                except ArithmeticError:
                    failure = f"计算“{formula.name}”时结果超出精确计算范围"
                self.failures[formula.name] = failure
            return failure
        return None

    def formula_value(self, name: str) -> Quantity | None:
        inputs = self.program.formula_inputs[name]
        invalid, missing = self.check_inputs(inputs)
        if invalid or missing:
            return None
        formula = self.program.formulas[name]
        if name not in self.values and name not in self.failures:
            try:
                self.values[name] = formula.function(self.values)
            except ArithmeticError:
                self.failures[name] = "error"
        if name not in self.values:
            return None
        return _quantity(self.values[name], formula.display)


def _quantity(value: Decimal, unit: Unit) -> Quantity:
    return Quantity(CONTEXT.divide(value, unit.factor), unit.name)


@attrs.frozen
class _Outcome:
    kind: str  # met, unmet, missing, invalid
    value: Any = None
    detail: str = ""
    missing: tuple[str, ...] = ()


class _Evaluation:
    def __init__(self, program: Program, table: _FactTable, as_of: date | None) -> None:
        self.program = program
        self.table = table
        self.as_of = as_of
        self.day = as_of if as_of is not None else date.max
        self.moments: dict[date, _Moment] = {}

    def moment(self, day: date) -> _Moment:
        moment = self.moments.get(day)
        if moment is None:
            moment = self.moments[day] = _Moment(self.program, self.table, day)
        return moment

    def indicator(self, indicator: CompiledIndicator) -> IndicatorResult:
        parts = tuple(self.condition(condition, indicator) for condition in indicator.conditions)
        if not indicator.compound:
            return parts[0]
        statuses = {part.status for part in parts}
        status = next((candidate for candidate in _COMPOUND_ORDER if candidate in statuses), Status.MET)
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
            final=self._final(indicator.deadline),
            reason=reason,
            parts=parts,
        )

    def _final(self, deadline: date | None) -> bool:
        return deadline is None or self.day >= deadline

    def outcome(self, condition: CompiledCondition, day: date) -> _Outcome:
        moment = self.moment(day)
        invalid, missing = moment.check_inputs(condition.inputs)
        if invalid:
            name, problem = invalid[0]
            return _Outcome("invalid", detail=f"“{name}”的数据无法使用：{problem.reason}")
        if missing:
            return _Outcome("missing", detail="、".join(f"“{name}”" for name in missing), missing=tuple(missing))
        failure = moment.compute(condition)
        if failure is not None:
            return _Outcome("invalid", detail=failure)
        value = moment.values[condition.subject]
        try:
            met = condition.test(value)
        except OutsideScale:
            return _Outcome("invalid", value, f"“{value}”不在目标{condition.target}所属的等级中")
        return _Outcome("met" if met else "unmet", value)

    def condition(self, condition: CompiledCondition, indicator: CompiledIndicator) -> IndicatorResult:
        deadline = condition.deadline
        final = self._final(deadline)
        day = self.day if deadline is None or final is False else deadline
        outcome = self.outcome(condition, day)
        met_on = None
        shown = self._value(outcome.value, condition)
        target = condition.target
        said, goal = readable(shown), target.readable()
        when = day.isoformat() if day != date.max else "最新"
        if outcome.kind == "met":
            status, reason = Status.MET, f"截至{when}为{said}，达到目标{goal}"
        elif outcome.kind == "invalid":
            status, reason = Status.INVALID, outcome.detail
        elif not final:
            if outcome.kind == "missing":
                status, reason = Status.MISSING, f"截至{when}缺少{outcome.detail}的数据"
            else:
                status = Status.PENDING
                reason = f"截至{when}为{said}，尚未达到目标{goal}，截止日期{deadline}"
        elif outcome.kind == "missing" and self._still_missing(outcome.missing):
            status, reason = Status.MISSING, f"截至{self._as_of_text()}缺少{outcome.detail}的数据"
        else:
            status = Status.NOT_MET
            if outcome.kind == "missing":
                reason = f"截止日期{when}时缺少{outcome.detail}的数据，未达到目标{goal}"
            else:
                reason = f"截至{when}为{said}，未达到目标{goal}"
            met_on = self._met_on(condition, self._later(condition, day))
            if met_on is not None:
                reason += f"；{met_on.isoformat()}才达到，已逾期"
        return IndicatorResult(
            name=condition.name if indicator.compound else indicator.name,
            group=indicator.group,
            status=status,
            value=shown,
            target=target,
            deadline=deadline,
            final=final,
            reason=reason,
            met_on=met_on,
        )

    def _still_missing(self, names: tuple[str, ...]) -> bool:
        """Whether an input missing on the deadline still has nothing in force on as_of."""
        moment = self.moment(self.day)
        return any(moment.fact(name) is MISSING for name in names)

    def _as_of_text(self) -> str:
        return self.day.isoformat() if self.day != date.max else "最新"

    def _later(self, condition: CompiledCondition, deadline: date) -> list[date]:
        """Observation dates of the condition's inputs after the deadline, up to as_of."""
        if self.day <= deadline:
            return []
        dates: set[date] = set()
        for name in condition.inputs:
            timeline = self.table.timeline(name)
            if isinstance(timeline, Timeline):
                dates.update(timeline.dates_between(deadline, self.day))
        return sorted(dates)

    def _met_on(self, condition: CompiledCondition, dates: list[date]) -> date | None:
        for day in dates:
            if self.outcome(condition, day).kind == "met":
                return day
        return None

    def _value(self, value: Any, condition: CompiledCondition) -> Value | None:
        if value is None or isinstance(value, str):
            return value
        display = condition.display
        assert display is not None
        return _quantity(value, display)
