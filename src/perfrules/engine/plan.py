"""The fast path: per evaluation date, one closure per condition that decides it from plain facts.

Plain means a number or a label, or one dated value. A step returns a record (engine/status.py),
or None to hand the condition to the general path (engine/general.py), which is the definition
every step must agree with (a differential property test holds them together). A step applies
the very checks the general path applies, through the same readers and bounds; what it skips is
only work, never a check.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from ..language.checked import FactSpec
from ..quantities.arithmetic import integer_bound
from .facts import SLOW, iso_date, limits_bounds
from .program import CompiledCondition, Program
from .status import MET, MISSING, NOT_MET, PENDING, RECORDED, Outcome, Why

Step = Callable[[Mapping[str, Any], dict[str, Any]], Any]


class Plan:
    """Per evaluation date: each condition's day e, whether it is final, and its fast step.

    With e = min(as_of, deadline), a condition is decided on the values in force on e.
    """

    def __init__(self, program: Program, as_of: date | None) -> None:
        self.program = program
        self.as_of = as_of
        # With no as-of date (no year, no deadlines) the latest value of each fact is in force.
        self.day = as_of if as_of is not None else date.max
        self.index = {indicator.name: position for position, indicator in enumerate(program.indicators)}
        self.generated: Any = None
        """The plan's generated function (engine/generated.py), made at its first evaluation."""
        self.parts: list[tuple[Step, ...]] = []
        self.steps: list[Step] = []
        for indicator in program.indicators:
            parts = tuple(self._step(condition, program) for condition in indicator.conditions)
            self.parts.append(parts)
            self.steps.append(_compound_step(parts) if indicator.compound else parts[0])

    def __reduce__(self) -> tuple[type[Plan], tuple[Program, date | None]]:
        """A plan pickles as its program and date; its steps and generated code are made again."""
        return Plan, (self.program, self.as_of)

    def final(self, deadline: date | None) -> bool:
        return deadline is None or self.day >= deadline

    def when(self, condition: CompiledCondition) -> date:
        """The day a condition's values are read on: its deadline once passed, else the as-of date."""
        deadline = condition.deadline
        return deadline if deadline is not None and self.day >= deadline else self.day

    def _step(self, condition: CompiledCondition, program: Program) -> Step:
        if not condition.formulas and len(condition.inputs) == 1:
            return self._fact_step(condition, program)
        return self._formula_step(condition, program)

    def _fact_step(self, condition: CompiledCondition, program: Program) -> Step:
        """A condition on one fact: plain, or one dated value."""
        test = condition.test
        met, not_met, absent, slow = RECORDED if condition.measured else MET, NOT_MET, ABSENT, SLOW
        unmet = not_met if self.final(condition.deadline) else PENDING
        (name,) = condition.inputs
        read = program.readers[name]
        missing = (MISSING, None, Outcome(Why.MISSING, (name,)))
        on, as_of = self.when(condition), self.day
        quick = quick_type(program.facts[name])
        quick_labels = program.labels
        attainment = program.attainment if program.facts[name].is_label else ()
        largest = integer_bound(program.limits.max_digits, program.limits.max_exponent)
        dated, known_dates = _dated, DAYS.get

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
            # The commonest plain values are taken as they are: whole numbers within the bounds
            # for a quantity in its base unit, and labels the ruleset itself names.
            if kind is quick and (raw in quick_labels if kind is str else -largest < raw < largest):
                value = raw
            elif raw is absent or raw is None:  # None is the commonest blank cell (see cells.is_blank)
                return missing
            else:
                value = read(raw)
                if value is slow:
                    return None
            met_now = test(value)
            if not met_now and value in attainment:
                return None  # a word asserting the target was met (完成): the general path says so
            if day is not None and day > on:
                # Nothing in force on e: still missing, or observed after the deadline.
                if day > as_of:
                    return missing
                return (not_met, None, Outcome(Why.MISSING_AT_DEADLINE, (name,), met_on=day if met_now else None))
            return (met, value, None) if met_now else (unmet, value, None)

        return fact_step

    def _formula_step(self, condition: CompiledCondition, program: Program) -> Step:
        """A condition on a formula (or a budget constant): its inputs plain and undated."""
        test = condition.test
        met, absent, slow = RECORDED if condition.measured else MET, ABSENT, SLOW
        unmet = NOT_MET if self.final(condition.deadline) else PENDING
        subject = condition.subject
        chain = tuple((formula.name, formula.function) for formula in condition.formulas)
        inputs = tuple((name, program.readers[name], quick_type(program.facts[name])) for name in condition.inputs)
        largest = integer_bound(program.limits.max_digits, program.limits.max_exponent)
        within = limits_bounds(program.limits).plus

        def formula_step(facts: Mapping[str, Any], values: dict[str, Any]) -> Any:
            if subject not in values:
                for name, read, quick_type in inputs:
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
            return (met, value, None) if test(value) else (unmet, value, None)

        return formula_step


def quick_type(spec: FactSpec) -> type | None:
    """The raw type a fact's value may have to be taken as it is: str for a label, int for a
    quantity whose base unit is the unit of bare numbers; None when every value needs reading."""
    if spec.is_label:
        return str
    return int if spec.unit is not None and spec.unit.factor == 1 else None


def _compound_step(parts: tuple[Step, ...]) -> Step:
    def compound_step(facts: Mapping[str, Any], values: dict[str, Any]) -> Any:
        records = tuple(part(facts, values) for part in parts)
        return None if None in records else records

    return compound_step


DAYS: dict[str, date] = {}
"""ISO date strings already parsed; facts repeat the same few hundred days."""


def _dated(raw: dict[str, Any]) -> date | None:
    """The date of a plain dated value {"value": V, "date": "YYYY-MM-DD"}, else None."""
    text = raw.get("date")
    if len(raw) != 2 or "value" not in raw or type(text) is not str:
        return None
    day = DAYS.get(text)
    if day is None:
        day = iso_date(text)
        if day is not None and len(DAYS) < 100_000:
            DAYS[text] = day
    return day


class _Absent:
    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Any = _Absent()
"""A fact not given at all (None is a value a caller may give)."""
