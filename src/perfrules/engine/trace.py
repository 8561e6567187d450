"""Traces: how one indicator (or formula) came to its result, for `perfrules explain` to show.

Where the indicator is defined, the day each of its conditions was read on, every
sub-expression of its formula with its value (computed by the very functions that computed the
formula), and every fact it read, with its history and the value in force that day. Traces hold
data, not text: reports/explain.py renders them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from ..errors.phrases import Phrase
from ..language import syntax
from ..quantities.values import Quantity
from . import reasons
from .compiler import Builder
from .facts import MISSING as NOTHING
from .facts import Invalid, Timeline
from .general import General, Moment, shown_quantity
from .plan import Plan
from .program import Program
from .results import IndicatorResult


@attrs.frozen
class NodeTrace:
    """A sub-expression as written, and its value on the day (None when it has none)."""

    text: str
    value: Decimal | str | None
    source: str | None
    """For a name: "fact", "formula", "constant", or "none" when nothing is in force; None for
    anything else (a number, a sign, an operation)."""
    operands: tuple[NodeTrace, ...]


@attrs.frozen
class FormulaTrace:
    """A formula as written, its value on the day, and the tree of its sub-expressions."""

    name: str
    text: str
    value: Quantity | None
    """In the formula's display unit; None when it cannot be computed."""
    root: NodeTrace


@attrs.frozen
class FactTrace:
    """A fact read: whether it was given, its history, and the value in force on the day."""

    name: str
    given: bool
    problem: Phrase | None
    """Why the fact cannot be used: the reader's code and values (engine/details.py)."""
    history: tuple[tuple[date, Quantity | str], ...]
    """Dated observations, oldest first (empty for a value given without a date)."""
    in_force: Quantity | str | None
    """The value in force on the day read (None when nothing was)."""


@attrs.frozen
class ReadingTrace:
    """One condition's subject (a fact or a formula) as read on its day."""

    subject: str
    day: date
    day_said: date | Phrase
    """The day as reasons name it (the latest values, without an as-of date)."""
    formula: FormulaTrace | None
    facts: tuple[FactTrace, ...]


@attrs.frozen
class DefinitionTrace:
    """Where an indicator is defined: the file, the line and its text, its group and description."""

    source: str
    line: int
    text: str
    group: tuple[str, ...]
    description: str | None


@attrs.frozen
class Trace:
    """How an indicator (or a formula) came to its result, as `Report.trace` returns it."""

    name: str
    definition: DefinitionTrace | None
    """Where an indicator is defined (None when a formula is traced)."""
    result: IndicatorResult | None
    readings: tuple[ReadingTrace, ...]


def trace_of(program: Program, plan: Plan, general: General, name: str, result: IndicatorResult | None) -> Trace:
    if name in plan.index:
        indicator = program.indicators[plan.index[name]]
        checked = program.checked
        written = next(item for item in checked.indicators if item.name == name)
        source = checked.source
        line = source.line_column(written.span.start)[0]
        definition = DefinitionTrace(
            source.name, line, source.line_text(line).strip(), written.group, written.description
        )
        days = [(condition.subject, plan.when(condition)) for condition in indicator.conditions]
    else:
        definition = None
        days = [(name, plan.day)]
    readings = tuple(_reading(program, plan, general, subject, day) for subject, day in days)
    return Trace(name, definition, result, readings)


def _reading(program: Program, plan: Plan, general: General, subject: str, day: date) -> ReadingTrace:
    moment = general.moment(day)
    formula = _formula(program, moment, subject) if subject in program.formulas else None
    inputs = program.formula_inputs[subject] if subject in program.formulas else (subject,)
    facts = tuple(_fact(program, general, fact, day) for fact in inputs)
    return ReadingTrace(subject, day, reasons.day_said(day if plan.as_of is not None else None), formula, facts)


def _formula(program: Program, moment: Moment, name: str) -> FormulaTrace:
    if moment.problem(program.formula_inputs[name]) is None:
        moment.compute(program.formula_chains[name])
    expr = program.expressions[name]
    builder = Builder(program.units, program.rounded)
    builder.run(expr)
    root = _NodeTracer(program, moment, builder.results).run(expr)
    value = moment.values.get(name)
    display = program.formulas[name].display
    source = program.checked.source
    shown = None if value is None else shown_quantity(value, display)
    return FormulaTrace(name, source.original(expr.span), shown, root)


class _NodeTracer(syntax.Fold[NodeTrace]):
    """Each sub-expression's value on the moment's day, by the function that computed it."""

    def __init__(self, program: Program, moment: Moment, functions: dict[int, Any]) -> None:
        self.program = program
        self.moment = moment
        self.functions = functions
        self.source = program.checked.source

    def _node(self, node: syntax.Expr, operands: tuple[NodeTrace, ...]) -> NodeTrace:
        try:
            value = self.functions[id(node)](self.moment.values)
        except (KeyError, ArithmeticError):
            value = None
        return NodeTrace(self.source.original(node.span), value, None, operands)

    def literal(self, node: syntax.Literal) -> NodeTrace:
        return self._node(node, ())

    def reference(self, node: syntax.Reference) -> NodeTrace:
        name = node.name
        if name not in self.moment.values:
            return NodeTrace(self.source.original(node.span), None, "none", ())
        kind = "formula" if name in self.program.formulas else "constant" if name in self.program.constants else "fact"
        return NodeTrace(self.source.original(node.span), self.moment.values[name], kind, ())

    def unary(self, node: syntax.Unary, operand: NodeTrace) -> NodeTrace:
        return self._node(node, (operand,))

    def binary(self, node: syntax.Binary, left: NodeTrace, right: NodeTrace) -> NodeTrace:
        return self._node(node, (left, right))


def _fact(program: Program, general: General, name: str, day: date) -> FactTrace:
    spec = program.facts.get(name)
    if general.facts.get(name) is None:
        return FactTrace(name, False, None, (), None)
    timeline = general.table.timeline(name)
    if isinstance(timeline, Invalid):
        return FactTrace(name, True, timeline.detail, (), None)
    assert isinstance(timeline, Timeline)

    def shown(value: Any) -> Quantity | str | None:
        if value is NOTHING:
            return None
        if isinstance(value, str) or spec is None or spec.unit is None:
            return value  # type: ignore[no-any-return]
        return shown_quantity(value, spec.unit)

    history = tuple((when, shown(value)) for when, value in zip(timeline.dates, timeline.values, strict=True))
    return FactTrace(name, True, None, history, shown(timeline.at(day)))  # type: ignore[arg-type]
