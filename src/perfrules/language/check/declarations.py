"""Passes over the declarations: sizes and numbers within the limits, the header (department and
year), budget constants, formula names, declared facts, and the facts indicators imply."""

from __future__ import annotations

from collections.abc import Iterator

from ...errors import Diagnostic
from ...quantities.arithmetic import CONTEXT
from ...quantities.units import PLAIN, Unit
from .. import syntax
from ..checked import BudgetItem
from .deadlines import YEARS
from .scope import Scope, conditions


def sizes(scope: Scope) -> Iterator[Diagnostic]:
    """Too many indicators or formulas: checked first, and nothing more once it fails."""
    document, limits = scope.document, scope.limits
    for items, kind, limit in (
        (document.indicators, "indicators", limits.max_indicators),
        (document.formulas, "formulas", limits.max_formulas),
    ):
        if len(items) > limit:
            yield scope.say.too_many(items[limit].span, kind, len(items), limit)


def numbers(scope: Scope) -> Iterator[Diagnostic]:
    """Every number written in the ruleset fits the engine exactly and in range."""
    document, limits = scope.document, scope.limits
    literals: list[syntax.QuantityLiteral | syntax.Literal | syntax.Weight] = [
        unit.definition for unit in document.units if unit.definition is not None
    ]
    literals.extend(entry.amount for entry in document.budget)
    for formula in document.formulas:
        literals.extend(node for node in syntax.postorder(formula.expr) if isinstance(node, syntax.Literal))
    for indicator in document.indicators:
        comparisons = (
            [indicator.comparison]
            if isinstance(indicator, syntax.SimpleIndicator)
            else [part.comparison for part in indicator.parts]
        )
        literals.extend(c.target for c in comparisons if isinstance(c.target, syntax.QuantityLiteral))
        if indicator.weight is not None:
            literals.append(indicator.weight)
    for literal in literals:
        amount = literal.amount
        text = scope.source.original(literal.span)
        if len(amount.as_tuple().digits) > limits.max_digits:
            yield scope.say.too_many_digits(literal.span, text, limits.max_digits)
        elif amount and abs(amount.adjusted()) > limits.max_exponent:
            yield scope.say.too_large(literal.span, text, limits.max_exponent)


def header(scope: Scope) -> Iterator[Diagnostic]:
    """One department and one year, at most; the year within 1900–9999."""
    departments = scope.document.departments
    for extra in departments[1:]:
        yield scope.say.duplicate_department(extra.span)
    scope.department = departments[0].text if departments else None
    for year in scope.document.years:
        if year.value not in YEARS:
            yield scope.say.bad_year(year.span, str(year.value))
        elif scope.year is None:
            scope.year = year.value
        else:
            yield scope.say.duplicate_year(year.span, scope.year)


def names(scope: Scope) -> Iterator[Diagnostic]:
    """Budget constants and formulas, each name once; declared facts, each once and not a constant
    or formula; compound indicators' names."""
    document = scope.document
    budget = []
    for entry in document.budget:
        unit = scope.unit(entry.amount.unit, entry.amount.unit_span)
        if isinstance(unit, Diagnostic):
            yield unit
        duplicate = _define(scope, entry.name, "budget constant")
        if duplicate is not None:
            yield duplicate
        elif isinstance(unit, Unit):
            scope.constants[entry.name.text] = (CONTEXT.multiply(entry.amount.amount, unit.factor), unit)
            budget.append(BudgetItem(entry.name.text, entry.path, entry.amount.amount, unit))
    scope.budget = tuple(budget)
    for formula in document.formulas:
        duplicate = _define(scope, formula.name, "formula")
        if duplicate is not None:
            yield duplicate
        else:
            scope.formulas[formula.name.text] = formula
    for declaration in document.facts:
        name = declaration.name.text
        if name in scope.defined:
            yield scope.say.declared_non_fact(declaration.name.span, name, scope.defined[name][0])
        elif name in scope.declared_facts:
            line = scope.line_of(scope.fact_units[name][1])
            yield scope.say.duplicate_name(declaration.name.span, name, "fact", line)
        else:
            unit = scope.unit(declaration.unit, declaration.unit_span)
            if isinstance(unit, Diagnostic):
                yield unit
            elif unit is not None:
                scope.declared_facts.add(name)
                scope.fact_units[name] = (unit, declaration.name.span)
    scope.compound_names = {item.name.text for item in document.indicators if isinstance(item, syntax.Compound)}


def _define(scope: Scope, name: syntax.Name, kind: str) -> Diagnostic | None:
    existing = scope.defined.get(name.text)
    if existing is not None:
        return scope.say.duplicate_name(name.span, name.text, existing[0], scope.line_of(existing[1]))
    scope.defined[name.text] = (kind, name.span)
    return None


def implied_facts(scope: Scope) -> Iterator[Diagnostic]:
    """An undeclared fact takes the unit of the target it is compared with, or its labels' scale."""
    for subject, _name, comparison in conditions(scope.document):
        if subject in scope.defined:
            continue
        target = comparison.target
        if isinstance(target, syntax.Measured):
            recorded = scope.units.get(target.unit) if target.unit is not None else None
            if target.unit is None and subject not in scope.fact_units:
                scope.label_facts[subject] = None
            elif recorded is not None and subject not in scope.fact_units:
                scope.fact_units[subject] = (recorded, target.span)
            continue
        if isinstance(target, syntax.LabelLiteral):
            if subject not in scope.fact_units:
                scale = scope.scales.get(target.text)
                scope.label_facts[subject] = scale[0] if scale else None
            continue
        if target.unit is None:
            unit: Unit | None = scope.fact_units[subject][0] if subject in scope.fact_units else PLAIN
        else:
            unit = scope.units.get(target.unit)
        if unit is not None and subject not in scope.fact_units:  # an unknown unit is reported with the indicator
            scope.fact_units[subject] = (unit, target.span)
    yield from ()


def orphans(scope: Scope) -> Iterator[Diagnostic]:
    """A description with nothing before it to describe."""
    for orphan in scope.document.orphans:
        yield scope.say.orphan_description(orphan.span)
