"""The checker: names, units, types, formula cycles, deadlines and weights, every problem collected.

A pass is a function of the `Scope` that yields the problems it finds and records what it learns
in the scope for the passes after it; `check` runs them in order, raises every problem together
(in source order, so an author sees all of them in one run), and otherwise builds the checked
ruleset the compiler works from: units resolved, every fact's kind and unit known, formulas in
dependency order with their dimensions, deadlines as dates, and the warnings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ...errors import Diagnostic, RulesetError, Source
from .. import syntax
from ..checked import ATTAINMENT_WORDS, CheckedFormula, CheckedRuleset, FactSpec
from ..limits import Limits
from ..messages import Messages
from .declarations import header, implied_facts, names, numbers, orphans, sizes
from .formulas import formulas
from .indicators import indicators, weights
from .lints import lints
from .scope import Scope
from .units import scales, units

__all__ = ["check"]

Pass = Callable[[Scope], Iterator[Diagnostic]]

PASSES: tuple[Pass, ...] = (
    numbers,
    header,
    units,
    scales,
    names,
    implied_facts,
    formulas,
    indicators,
    weights,
    orphans,
)
"""In the order they run: each reads only what the passes before it recorded."""


def check(document: syntax.Document, source: Source, limits: Limits | None = None) -> CheckedRuleset:
    """Check a document; raise `RulesetError` with every problem found, in source order."""
    scope = Scope(document, source, limits or Limits(), Messages(source))
    problems = list(sizes(scope))
    if not problems:
        for run in PASSES:
            problems.extend(run(scope))
    if problems:
        raise RulesetError(_in_source_order(problems))
    facts = {name: FactSpec(name, unit) for name, (unit, _span) in scope.fact_units.items()}
    facts.update({name: FactSpec(name, None, scale) for name, scale in scope.label_facts.items()})
    assert scope.weights is not None
    return CheckedRuleset(
        source=source,
        department=scope.department,
        year=scope.year,
        units=scope.units,
        constants=scope.constants,
        budget=scope.budget,
        formulas=tuple(
            CheckedFormula(
                formula.name.text,
                formula.expr,
                scope.dimensions[formula.name.text],
                scope.displays[formula.name.text],
                syntax.references(formula.expr),
                formula.description,
            )
            for formula in scope.ordered
        ),
        facts=facts,
        indicators=scope.indicators,
        weights=scope.weights,
        warnings=tuple(_in_source_order(list(lints(scope)))),
        attainment=_attainment(document),
    )


def _attainment(document: syntax.Document) -> frozenset[str]:
    """The words that assert a target was met: the ruleset's own, when it writes any statement."""
    if not document.attainments:
        return ATTAINMENT_WORDS
    return frozenset(word.text for statement in document.attainments for word in statement.words)


def _in_source_order(found: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(found, key=lambda item: (item.span.start, item.span.end))
