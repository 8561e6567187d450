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

ATTAINMENT_WORDS = frozenset(
    [
        "完成",
        "已完成",
        "全部完成",
        "按期完成",
        "达成",
        "已达成",
        "达成预期指标",
        "达成年度指标",
        "达到",
        "已达到",
        "达标",
        "已达标",
    ]
)
"""What reviewers write as the actual to assert a target was met, rather than a measured value
(the ruleset's `attainment` statement replaces the list)."""


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
    measured: bool = False
    """No target: the row records a value (in `unit`, or as text when `unit` is None)."""


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
    attainment: frozenset[str] = ATTAINMENT_WORDS


def part_fact(compound: str, part: str) -> str:
    """The fact a compound indicator's part reads: `纪检监察干部培训.培训`."""
    return f"{compound}.{part}"
