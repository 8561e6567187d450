"""The indicators pass: each name once, each part once within its compound, every target checked
against its subject (a label against a label fact, a quantity against the subject's dimension),
and every deadline a date. The weights pass then reads the checked indicators."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from datetime import date

from ...errors import Diagnostic, Span
from ...quantities.arithmetic import CONTEXT
from ...quantities.comparators import Comparator
from ...quantities.units import Unit
from .. import syntax
from ..checked import CheckedCondition, CheckedIndicator, CheckedTarget, part_fact
from ..weights import assign
from .deadlines import deadline
from .formulas import declare_hint
from .scope import Scope

_Piece = tuple[str, str, syntax.Comparison, syntax.Deadline | None]
"""(label, subject fact, comparison, written deadline) of one condition."""


def indicators(scope: Scope) -> Iterator[Diagnostic]:
    seen: dict[str, Span] = {}
    checked = []
    for indicator in scope.document.indicators:
        name = indicator.name
        if name.text in seen:
            yield scope.say.duplicate_name(name.span, name.text, "indicator", scope.line_of(seen[name.text]))
            continue
        seen[name.text] = name.span
        pieces = yield from _pieces(scope, indicator)
        conditions: list[CheckedCondition] = []
        for label, subject, comparison, written in pieces:
            due = deadline(scope, written)
            if isinstance(due, Diagnostic):
                yield due
                due = None
            condition = yield from _condition(scope, label, subject, comparison, due)
            if condition is not None:
                conditions.append(condition)
        deadlines = [condition.deadline for condition in conditions if condition.deadline is not None]
        checked.append(
            CheckedIndicator(
                name=name.text,
                group=indicator.group,
                conditions=tuple(conditions),
                compound=isinstance(indicator, syntax.Compound),
                deadline=max(deadlines) if deadlines else None,
                weight=indicator.weight.amount if indicator.weight else None,
                description=indicator.description,
                span=indicator.span,
            )
        )
    scope.indicators = tuple(checked)


def _pieces(
    scope: Scope, indicator: syntax.SimpleIndicator | syntax.Compound
) -> Generator[Diagnostic, None, list[_Piece]]:
    """The indicator's conditions (the generator's return value); a part named twice reported."""
    name = indicator.name.text
    if isinstance(indicator, syntax.SimpleIndicator):
        return [(name, name, indicator.comparison, indicator.deadline)]
    parts_seen: dict[str, Span] = {}
    pieces: list[_Piece] = []
    for part in indicator.parts:
        if part.name.text in parts_seen:
            line = scope.line_of(parts_seen[part.name.text])
            yield scope.say.duplicate_name(part.name.span, part.name.text, "part", line)
            continue
        parts_seen[part.name.text] = part.name.span
        pieces.append((part.name.text, part_fact(name, part.name.text), part.comparison, part.deadline))
    return pieces


def _subject_unit(scope: Scope, subject: str) -> Unit | None:
    """The unit the subject is measured in; None for a label fact or one not seen yet."""
    if subject in scope.dimensions:
        return scope.displays[subject]
    if subject in scope.constants:
        return scope.constants[subject][1]
    if subject in scope.label_facts or subject not in scope.fact_units:
        return None
    return scope.fact_units[subject][0]


def _condition(
    scope: Scope, label: str, subject: str, comparison: syntax.Comparison, due: date | None
) -> Generator[Diagnostic, None, CheckedCondition | None]:
    """The checked condition (the generator's return value), or None after its problem."""
    if subject in scope.defined and subject not in scope.dimensions and subject not in scope.constants:
        return None  # a formula in a cycle or ill-typed, or a constant with an unknown unit: reported
    subject_unit = _subject_unit(scope, subject)
    target = comparison.target
    if isinstance(target, syntax.Measured):
        return (yield from _measured(scope, label, subject, target, subject_unit, due))
    if isinstance(target, syntax.LabelLiteral):
        if subject_unit is not None:
            yield scope.say.label_where_number(target.span, subject, target.text)
            return None
        scale = scope.scales.get(target.text)
        if comparison.op.ordering and scale is None:
            operator = scope.source.original(comparison.op_span)
            yield scope.say.unordered_label(comparison.op_span, target.text, operator)
            return None
        scale_order = scale[0] if scale else None
        checked = CheckedTarget(comparison.op, None, None, None, target.text, scale_order, comparison.basis)
        return CheckedCondition(label, subject, checked, due, None)
    unit = subject_unit if target.unit is None else scope.unit(target.unit, target.unit_span)
    if isinstance(unit, Diagnostic):
        yield unit
        return None
    assert unit is not None, "a subject compared with a number has its unit by now (the implied-facts pass)"
    if subject_unit is not None and subject_unit.dimension != unit.dimension:
        hint = declare_hint(scope, subject, unit.dimension / subject_unit.dimension)
        span = target.unit_span or target.span
        yield scope.say.dimension_mismatch(span, subject_unit.describe(), unit.describe(), "compare", hint)
        return None
    base = CONTEXT.multiply(target.amount, unit.factor)
    checked = CheckedTarget(comparison.op, target.amount, unit, base, None, None, comparison.basis)
    return CheckedCondition(label, subject, checked, due, unit)


def _measured(
    scope: Scope, label: str, subject: str, target: syntax.Measured, subject_unit: Unit | None, due: date | None
) -> Generator[Diagnostic, None, CheckedCondition | None]:
    """A row with no target: it records its fact, in the unit written or as text."""
    if target.unit is None:
        if subject_unit is not None:  # a formula or a quantity fact, recorded in its own unit
            return CheckedCondition(label, subject, _recorded(subject_unit), due, subject_unit)
        return CheckedCondition(label, subject, _recorded(None), due, None)
    unit = scope.unit(target.unit, target.unit_span)
    if isinstance(unit, Diagnostic):
        yield unit
        return None
    assert unit is not None
    if subject_unit is not None and subject_unit.dimension != unit.dimension:
        hint = declare_hint(scope, subject, unit.dimension / subject_unit.dimension)
        yield scope.say.dimension_mismatch(target.span, subject_unit.describe(), unit.describe(), "compare", hint)
        return None
    return CheckedCondition(label, subject, _recorded(unit), due, unit)


def _recorded(unit: Unit | None) -> CheckedTarget:
    return CheckedTarget(Comparator.EQ, None, unit, None, None, None, None, measured=True)


def weights(scope: Scope) -> Iterator[Diagnostic]:
    """Each indicator's weight: written, shared out within its group, or left to the ministry's rule."""
    scope.weights, problems = assign(scope.document, scope.indicators, scope.say)
    yield from problems
