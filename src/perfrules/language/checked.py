"""The checked ruleset: what the checker hands the compiler, and the language layer's output.

Units resolved, every fact's kind and unit known, formulas in dependency order with their
dimensions and display units, deadlines as dates, weights assigned. The engine reads rulesets
only through these types (and `syntax` for formula expressions), never through the checker.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs

from ..errors import Diagnostic, Source, Span
from ..quantities.comparators import Comparator
from ..quantities.units import Dimension, Unit
from . import syntax
from .weights import Weights


@attrs.frozen
class FactSpec:
    """What a fact must hold: a quantity (bare numbers in `unit`) or a label."""

    name: str
    unit: Unit | None
    scale: dict[str, int] | None = None

    @property
    def is_label(self) -> bool:
        return self.unit is None


@attrs.frozen
class CheckedTarget:
    op: Comparator
    amount: Decimal | None
    unit: Unit | None
    base: Decimal | None
    label: str | None
    scale: dict[str, int] | None
    basis: str | None = None


@attrs.frozen
class CheckedCondition:
    name: str
    subject: str
    target: CheckedTarget
    deadline: date | None
    display: Unit | None


@attrs.frozen
class CheckedIndicator:
    name: str
    group: tuple[str, ...]
    conditions: tuple[CheckedCondition, ...]
    compound: bool
    deadline: date | None
    weight: Decimal | None
    description: str | None
    span: Span


@attrs.frozen
class CheckedFormula:
    name: str
    expr: syntax.Expr
    dimension: Dimension
    display: Unit
    references: tuple[str, ...]
    description: str | None


@attrs.frozen
class BudgetItem:
    name: str
    path: tuple[str, ...]
    amount: Decimal
    unit: Unit


@attrs.frozen
class CheckedRuleset:
    source: Source
    department: str | None
    year: int | None
    units: dict[str, Unit]
    constants: dict[str, tuple[Decimal, Unit]]
    budget: tuple[BudgetItem, ...]
    formulas: tuple[CheckedFormula, ...]
    facts: dict[str, FactSpec]
    indicators: tuple[CheckedIndicator, ...]
    weights: Weights
    warnings: tuple[Diagnostic, ...] = ()


def part_fact(compound: str, part: str) -> str:
    """The fact a compound indicator's part reads: `纪检监察干部培训.培训`."""
    return f"{compound}.{part}"
