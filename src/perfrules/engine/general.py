"""The general path, which defines evaluation: every fact read in full, on every day it matters.

With e = min(as_of, deadline), a condition is MET when it holds on the values in force on e;
PENDING when the deadline is still ahead and it does not hold yet; NOT_MET when the deadline
has passed and it did not hold on the deadline (a later observation does not change that, the
record only says when it was met); MISSING when an input has nothing in force on e and, after
the deadline, nothing up to as_of either; INVALID when a fact cannot be used or a formula cannot
be computed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal, Inexact, Overflow, Underflow
from typing import Any

from ..quantities.arithmetic import CONTEXT
from ..quantities.units import Unit
from ..quantities.values import Quantity
from .cells import is_blank
from .dimensions import formula_problem
from .facts import MISSING as NOTHING
from .facts import Invalid, Timeline, read_fact
from .plan import ABSENT, Plan
from .program import CompiledCondition, CompiledFormula, OutsideScale, Program
from .status import INVALID, MET, MISSING, NOT_MET, NOTES, PENDING, RECORDED, Outcome, Why


class FactTable:
    """Raw facts, read lazily against what the ruleset expects of each."""

    def __init__(self, program: Program, raw: Mapping[str, Any]) -> None:
        self.program = program
        self.raw = raw
        self.timelines: dict[str, Timeline | Invalid | None] = {}

    def timeline(self, name: str) -> Timeline | Invalid | None:
        """The fact read in full (None when it was not given)."""
        if name in self.timelines:
            return self.timelines[name]
        raw = self.raw.get(name, ABSENT)
        if raw is ABSENT or is_blank(raw):
            timeline = None
        else:
            program = self.program
            timeline = read_fact(program.facts[name], raw, program.units, program.limits, program.attainment)
        self.timelines[name] = timeline
        return timeline


class Moment:
    """Values in force on one day, each fact read and each formula computed at most once."""

    def __init__(self, program: Program, table: FactTable, day: date) -> None:
        self.table = table
        self.day = day
        self.values: dict[str, Any] = dict(program.constants)
        self.states: dict[str, Any] = {}
        self.failures: dict[str, Outcome] = {}

    def fact(self, name: str) -> Any:
        """The fact's value on this day, `facts.MISSING` for nothing in force, or `Invalid`."""
        state = self.states.get(name)
        if state is None:
            timeline = self.table.timeline(name)
            if timeline is None:
                state = NOTHING
            elif isinstance(timeline, Invalid):
                state = timeline
            else:
                state = timeline.at(self.day)
            self.states[name] = state
            if state is not NOTHING and not isinstance(state, Invalid):
                self.values[name] = state
        return state

    def problem(self, inputs: tuple[str, ...], computed: bool = True) -> Outcome | None:
        """Why these inputs cannot be used on this day: the first invalid one, else every missing one.
        Inputs to be `computed` with need numbers: an attainment word (完成) given for one is unusable."""
        missing = []
        for name in inputs:
            state = self.fact(name)
            if state is NOTHING:
                missing.append(name)
            elif isinstance(state, Invalid):
                return Outcome(Why.INVALID_FACT, (name,), state.detail)
            elif computed and isinstance(state, str) and not self.table.program.facts[name].is_label:
                return Outcome(Why.WORD_IN_FORMULA, (name,), state)
        return Outcome(Why.MISSING, tuple(missing)) if missing else None

    def compute(self, formulas: tuple[CompiledFormula, ...]) -> Outcome | None:
        """Compute formulas in order; why the first that cannot be computed could not be."""
        for formula in formulas:
            if formula.name in self.values:
                continue
            failure = self.failures.get(formula.name)
            if failure is None:
                try:
                    self.values[formula.name] = formula.function(self.values)
                    continue
                except ZeroDivisionError:
                    failure = Outcome(Why.DIVISION_BY_ZERO, (formula.name,))
                except (Overflow, Underflow):  # both are kinds of Inexact: asked first
                    failure = Outcome(Why.OUT_OF_RANGE, (formula.name,))
                except Inexact:
                    failure = Outcome(Why.TOO_PRECISE, (formula.name,))
                self.failures[formula.name] = failure
            return failure
        return None


class General:
    """The general path of one evaluation: what the fast steps gave up on, decided in full."""

    def __init__(self, program: Program, plan: Plan, facts: Mapping[str, Any]) -> None:
        self.program = program
        self.plan = plan
        self.facts = facts
        self.day = plan.day
        self.table = FactTable(program, facts)
        self.moments: dict[date, Moment] = {}

    def fallback(self, position: int, values: dict[str, Any]) -> Any:
        """An indicator's record: each part by its fast step where it can, else in full."""
        indicator = self.program.indicators[position]
        records = []
        for condition, step in zip(indicator.conditions, self.plan.parts[position], strict=True):
            record = guarded(step, self.facts, values)
            records.append(self.decide(condition) if record is None else record)
        return tuple(records) if indicator.compound else records[0]

    def moment(self, day: date) -> Moment:
        moment = self.moments.get(day)
        if moment is None:
            moment = self.moments[day] = Moment(self.program, self.table, day)
        return moment

    def decide(self, condition: CompiledCondition) -> Any:
        """The condition's record (see engine/status.py)."""
        final = self.plan.final(condition.deadline)
        day = self.plan.when(condition)
        met, value, outcome = self._on(condition, day)
        note = outcome if outcome is not None and outcome.why in NOTES else None
        problem = None if note is not None else outcome
        if met:
            return (RECORDED if condition.measured else MET, value, note)
        if problem is not None and problem.why is not Why.MISSING:
            return (INVALID, value, problem)
        if not final:
            return (PENDING, value, note) if problem is None else (MISSING, None, problem)
        if problem is not None:
            now = self.moment(self.day)
            if any(now.fact(name) is NOTHING for name in problem.names):
                return (MISSING, None, problem)
            late = self._met_on(condition, day)
            return (NOT_MET, None, Outcome(Why.MISSING_AT_DEADLINE, problem.names, met_on=late))
        late = self._met_on(condition, day)
        return (NOT_MET, value, note if late is None else Outcome(Why.LATE, met_on=late))

    def _on(self, condition: CompiledCondition, day: date) -> tuple[bool, Any, Outcome | None]:
        """(met, value, outcome) on a day. The outcome is the problem when an input is missing or
        unusable, a formula cannot be computed, or a label is outside the target's scale; else a
        note on how the value was read (status.NOTES), if anything needs saying."""
        moment = self.moment(day)
        problem = moment.problem(condition.inputs, bool(condition.formulas)) or moment.compute(condition.formulas)
        if problem is None and condition.formulas:
            problem = self._disagreement(condition.inputs, condition.subject)
        if problem is not None:
            return False, None, problem
        value = moment.values[condition.subject]
        note = self._note(condition)
        units = {} if condition.formulas else self._units(condition.inputs)
        if units and not isinstance(value, str):  # a bare target, in the unit the fact came in
            unit = units[condition.subject]
            written = CONTEXT.divide(value, unit.factor)
            met = condition.test(written)
            return met, Quantity(written, unit.name), note or Outcome(Why.UNIT_FROM_FACT, detail=unit.name)
        asserted = isinstance(value, str) and value in self.program.attainment
        if asserted and condition.target_label is None:  # a quantity read as a word: an attainment word
            return True, value, Outcome(Why.ASSERTED, detail=value)
        try:
            if condition.test(value):
                return True, value, note
        except OutsideScale:
            if not asserted:
                return False, value, Outcome(Why.OUTSIDE_SCALE, (str(condition.target),), str(value))
        if asserted:
            return True, value, Outcome(Why.ASSERTED, detail=value)
        return False, value, note

    def _disagreement(self, inputs: tuple[str, ...], formula: str) -> Outcome | None:
        """Why a formula cannot be computed with the units its facts came with, if it cannot."""
        units = self._units(inputs)
        if not units:
            return None
        given = {name: unit.dimension for name, unit in units.items()}
        disagreement = formula_problem(self.program, formula, given)
        return None if disagreement is None else Outcome(Why.UNITS_DISAGREE, detail=disagreement)

    def _units(self, inputs: tuple[str, ...]) -> dict[str, Unit]:
        """The units facts without one in the ruleset came with, by fact."""
        units = {}
        for name in inputs:
            timeline = self.table.timeline(name)
            if isinstance(timeline, Timeline) and timeline.unit is not None:
                units[name] = timeline.unit
        return units

    def _note(self, condition: CompiledCondition) -> Outcome | None:
        """How an input was read, when it was not written as a plain value (≥266米 read as 266 米)."""
        for name in condition.inputs:
            timeline = self.table.timeline(name)
            if isinstance(timeline, Timeline) and timeline.note is not None:
                return Outcome(Why.READ_AS, detail=timeline.note)
        return None

    def _met_on(self, condition: CompiledCondition, deadline: date) -> date | None:
        """The first day after the deadline, up to as_of, on which the condition held."""
        if self.day <= deadline:
            return None
        dates: set[date] = set()
        for name in condition.inputs:
            timeline = self.table.timeline(name)
            if isinstance(timeline, Timeline):
                dates.update(timeline.dates_between(deadline, self.day))
        for day in sorted(dates):
            if self._on(condition, day)[0]:
                return day
        return None

    def formula_values(self) -> dict[str, Quantity | None]:
        """Each formula's value on the evaluation date, in its display unit (None when it cannot be computed)."""
        moment = self.moment(self.day)
        values: dict[str, Quantity | None] = {}
        for name, formula in self.program.formulas.items():
            inputs = self.program.formula_inputs[name]
            problem = (
                moment.problem(inputs)
                or moment.compute(self.program.formula_chains[name])
                or self._disagreement(inputs, name)
            )
            values[name] = None if problem is not None else shown_quantity(moment.values[name], formula.display)
        return values


def guarded(step: Any, facts: Mapping[str, Any], values: dict[str, Any]) -> Any:
    """A fast step's record, or None when it raised (the general path will say why)."""
    try:
        return step(facts, values)
    except (ArithmeticError, OutsideScale):
        return None


def shown_quantity(value: Any, unit: Unit) -> Quantity:
    """A value held in its dimension's base unit, shown in `unit`."""
    return Quantity(CONTEXT.divide(value, unit.factor) if unit.factor != 1 else Decimal(value), unit.name)
