"""Passes over units and scales: declared units resolved to a base unit and an exact factor (every
circle reported), and scales ordering labels from low to high."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ...errors import Diagnostic
from ...quantities.arithmetic import CONTEXT
from ...quantities.comparators import Comparator
from ...quantities.guesses import guess_unit
from ...quantities.units import FIXED_UNITS, Dimension, Unit
from .. import syntax
from .scope import Scope, conditions

_UNIT_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fffA-Za-z\u00b2\u00b3]+")
"""What the grammar reads as a unit after a number (its UNIT terminal, % aside)."""


def units(scope: Scope) -> Iterator[Diagnostic]:
    yield from _declared(scope)
    _rates(scope)


def _rates(scope: Scope) -> None:
    """Units per time or per head written after a target (1 人/年): the quotient of two known units."""
    for _subject, _name, comparison in conditions(scope.document):
        target = comparison.target
        written = target.unit if isinstance(target, syntax.QuantityLiteral) else None
        if written is None or "/" not in written or written in scope.units:
            continue
        numerator, denominator = (scope.units.get(part) for part in written.split("/", 1))
        if numerator is not None and denominator is not None:
            dimension = numerator.dimension / denominator.dimension
            scope.units[written] = Unit(written, dimension, CONTEXT.divide(numerator.factor, denominator.factor))


def _declared(scope: Scope) -> Iterator[Diagnostic]:
    pending: dict[str, syntax.UnitDeclaration] = {}
    for declaration in scope.document.units:
        name = declaration.name.text
        if not _UNIT_WORD.fullmatch(name):
            yield scope.say.unit_word(declaration.name.span, name)
        elif declaration.operator is not None and declaration.operator[0] is not Comparator.EQ:
            span = declaration.operator[1]
            yield scope.say.unit_operator(span, scope.source.original(span))
        elif name in FIXED_UNITS or name in pending:
            yield scope.say.unit_redefined(declaration.name.span, name)
        elif declaration.definition is None:
            scope.units.setdefault(name, Unit(name, Dimension.of(name), Decimal(1)))
        elif declaration.definition.unit is None or declaration.definition.amount <= 0:
            yield scope.say.nonpositive_unit(declaration.definition.span, name)
        else:
            pending[name] = declaration
    while pending:
        ready = [name for name, declaration in pending.items() if _unit_of(declaration) not in pending]
        if not ready:
            yield from _cycles(scope, pending)
            return
        for name in ready:
            declaration = pending.pop(name)
            definition = declaration.definition
            assert definition is not None
            base = scope.units.get(_unit_of(declaration))
            if base is None:
                unknown = _unit_of(declaration)
                yield scope.say.unknown_unit(
                    definition.unit_span or definition.span, unknown, guess_unit(unknown, scope.units)
                )
                continue
            scope.units[name] = Unit(name, base.dimension, CONTEXT.multiply(definition.amount, base.factor))


def _cycles(scope: Scope, pending: dict[str, syntax.UnitDeclaration]) -> Iterator[Diagnostic]:
    reported: set[str] = set()
    for name, declaration in pending.items():
        if name in reported:
            continue
        chain = [name]
        following = _unit_of(declaration)
        while following in pending and following not in chain:
            chain.append(following)
            following = _unit_of(pending[following])
        cycle = chain[chain.index(following) :] if following in chain else chain
        reported.update(chain)
        yield scope.say.unit_cycle(declaration.name.span, [*cycle, cycle[0]])


def _unit_of(declaration: syntax.UnitDeclaration) -> str:
    definition = declaration.definition
    assert definition is not None and definition.unit is not None
    return definition.unit


def scales(scope: Scope) -> Iterator[Diagnostic]:
    for index, scale in enumerate(scope.document.scales):
        for operator, span in scale.operators:
            if operator is not Comparator.LT:
                yield scope.say.scale_operator(span, scope.source.original(span))
        ranks: dict[str, int] = {}
        for rank, label in enumerate(scale.labels):
            previous = scope.scales.get(label.text)
            if previous is not None or label.text in ranks:
                first = scope.document.scales[previous[1]] if previous else scale
                yield scope.say.label_in_two_scales(label.span, label.text, scope.line_of(first.span))
                continue
            ranks[label.text] = rank
        for label_text in ranks:
            scope.scales[label_text] = (ranks, index)
