"""The compiled program: the compiler's output, and everything evaluation needs of a ruleset.

Frozen and built once per ruleset; evaluation reads it and never changes it, which is what lets
one compiled ruleset serve many threads.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from ..language import syntax
from ..language.checked import CheckedRuleset, FactSpec
from ..language.limits import Limits
from ..language.weights import Weights
from ..quantities.comparators import Comparator
from ..quantities.units import Unit
from ..quantities.values import Measure, Target

Values = dict[str, Any]
FormulaFunction = Callable[[Values], Decimal]


class OutsideScale(Exception):
    """A label compared by order that is not in the target's scale."""


@attrs.frozen
class CompiledFormula:
    name: str
    function: FormulaFunction = attrs.field(repr=False)
    display: Unit
    """The unit its value is shown in."""


@attrs.frozen
class CompiledCondition:
    """One comparison: an indicator's, or one part of a compound indicator."""

    name: str
    subject: str
    """What is compared: a fact, a formula or a budget constant."""
    test: Callable[[Any], bool] = attrs.field(repr=False)
    inputs: tuple[str, ...]
    """Every fact the subject reads, formulas followed through."""
    formulas: tuple[CompiledFormula, ...]
    """The formulas to compute, in dependency order, the subject last."""
    deadline: date | None
    target: Target | Measure
    display: Unit | None
    op: Comparator
    target_base: Decimal | None
    """A quantity target in its dimension's base unit (None for a label)."""
    target_label: str | None
    scale: dict[str, int] | None
    measured: bool = False
    """No target: a value given is RECORDED, not MET."""


@attrs.frozen
class CompiledIndicator:
    name: str
    group: tuple[str, ...]
    conditions: tuple[CompiledCondition, ...]
    compound: bool
    deadline: date | None


@attrs.frozen
class Program:
    """Everything evaluation needs, and nothing it would have to recompute per call."""

    constants: dict[str, Decimal]
    formulas: dict[str, CompiledFormula]
    formula_inputs: dict[str, tuple[str, ...]]
    formula_chains: dict[str, tuple[CompiledFormula, ...]]
    expressions: dict[str, syntax.Expr] = attrs.field(repr=False)
    """Each formula's expression, for what works column by column or shows a formula's parts."""
    rounded: dict[str, bool]
    """Whether a formula's value may have been rounded (it depends on a quotient)."""
    facts: dict[str, FactSpec]
    readers: dict[str, Callable[[Any], Any]] = attrs.field(repr=False)
    labels: frozenset[str]
    limits: Limits
    weights: Weights
    budget: tuple[tuple[str, Decimal, Unit], ...]
    """(name, amount in the base unit, unit written) of each budget line, in source order."""
    compound_names: frozenset[str]
    units: dict[str, Unit]
    attainment: frozenset[str]
    """Words that, given as an indicator's actual, assert its target was met (language/checked.py)."""
    indicators: tuple[CompiledIndicator, ...]
    year: int | None
    checked: CheckedRuleset = attrs.field(repr=False, eq=False)
    """The ruleset as checked: where each indicator is written, for traces and columns."""
    rebuilt_by: tuple[Callable[..., Program], tuple[Any, ...]] | None = attrs.field(default=None, repr=False, eq=False)
    """How to compile this program again from its source (a function and its arguments, given by
    whoever compiled it): what a pickle of it holds, never compiled code."""

    def __reduce__(self) -> tuple[Callable[..., Program], tuple[Any, ...]]:
        if self.rebuilt_by is None:
            raise TypeError("this program was compiled without its source and cannot be pickled")
        return self.rebuilt_by
