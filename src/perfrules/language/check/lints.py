"""Warnings: what is allowed but worth a second look. Run only on a ruleset with no problems.

A formula nothing reads, a name one letter away from a known one, a deadline outside the
ruleset's year, and targets that can never be met (a count below zero, a share above 100%).
"""

from __future__ import annotations

from collections.abc import Iterator

from ...errors import Diagnostic
from ...errors.text import NearNames
from ...quantities.comparators import Comparator
from .. import syntax
from .formulas import hundred_percent, times_hundred_percent
from .printed import printed_forms
from .scope import Scope


def lints(scope: Scope) -> Iterator[Diagnostic]:
    yield from _unused_formulas(scope)
    yield from _near_misses(scope)
    yield from _targets(scope)
    yield from printed_forms(scope)


def _unused_formulas(scope: Scope) -> Iterator[Diagnostic]:
    formulas = {formula.name.text: formula for formula in scope.ordered}
    used: set[str] = set()
    pending = [condition.subject for indicator in scope.indicators for condition in indicator.conditions]
    while pending:
        name = pending.pop()
        if name in formulas and name not in used:
            used.add(name)
            pending.extend(syntax.references(formulas[name].expr))
    for name, formula in formulas.items():
        if name not in used:
            yield scope.say.unused_formula(formula.name.span, name)


def _near_misses(scope: Scope) -> Iterator[Diagnostic]:
    """A fact a formula reads that nothing declares, one edit from a name that is declared."""
    known = set(scope.defined) | scope.declared_facts | {item.name.text for item in scope.document.indicators}
    references = [
        node
        for formula in scope.ordered
        for node in syntax.postorder(formula.expr)
        if isinstance(node, syntax.Reference)
    ]
    read = {node.name for node in references}
    names = NearNames(known | read) if any(node.name not in known for node in references) else None
    for node in references:
        if names is not None and node.name not in known:
            candidate = names.closest(node.name, besides=node.name)
            if candidate is not None:
                yield scope.say.near_miss(node.span, node.name, candidate)


def _targets(scope: Scope) -> Iterator[Diagnostic]:
    formulas = {formula.name.text: formula for formula in scope.ordered}
    for indicator in scope.document.indicators:
        pieces = (
            [(indicator.name.text, indicator.comparison, indicator.deadline)]
            if isinstance(indicator, syntax.SimpleIndicator)
            else [(part.name.text, part.comparison, part.deadline) for part in indicator.parts]
        )
        for name, comparison, deadline in pieces:
            if deadline is not None and scope.year is not None:
                year = deadline.year if deadline.year is not None else scope.year
                if year != scope.year:
                    yield scope.say.outside_year(deadline.span, deadline.text, scope.year)
            target = comparison.target
            if not isinstance(target, syntax.QuantityLiteral):
                continue
            unit = scope.units.get(target.unit) if target.unit else None
            counting = unit is not None and unit.dimension.powers and unit.name != "%"
            if counting and (
                (comparison.op is Comparator.LT and target.amount <= 0)
                or (comparison.op is Comparator.LE and target.amount < 0)
            ):
                yield scope.say.never_met(
                    comparison.op_span, f"{name} counts, so it is never below zero", f"{name} 是计数，不会小于零"
                )
            formula = formulas.get(name)
            if (
                formula is not None
                and _is_share(formula.expr)
                and target.unit == "%"
                and (
                    (comparison.op in (Comparator.GE, Comparator.EQ) and target.amount > 100)
                    or (comparison.op is Comparator.GT and target.amount >= 100)
                )
            ):
                yield scope.say.never_met(
                    target.span, f"{name} is a share of a whole, at most 100%", f"{name} 是部分占整体的比例，至多 100%"
                )


def _is_share(expr: syntax.Expr) -> bool:
    """`a / b × 100%` (or `100% × (a / b)`): a part over its whole."""
    if not (times_hundred_percent(expr) and isinstance(expr, syntax.Binary)):
        return False
    quotient = expr.left if hundred_percent(expr.right) else expr.right
    return (
        isinstance(quotient, syntax.Binary)
        and quotient.op == "/"
        and isinstance(quotient.left, syntax.Reference)
        and isinstance(quotient.right, syntax.Reference)
    )
