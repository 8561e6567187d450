"""The typed syntax tree: frozen nodes with spans; nothing downstream of build.py sees lark.

Names and labels hold their NFKC-normalised text (what matching uses); descriptions and the
department hold the author's own text.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from ..errors import Span


@attrs.frozen
class Name:
    text: str
    span: Span


@attrs.frozen
class QuantityLiteral:
    """A number as written, with its unit word (None for a bare number)."""

    amount: Decimal
    unit: str | None
    span: Span
    unit_span: Span | None


@attrs.frozen
class LabelLiteral:
    text: str
    span: Span


Target = QuantityLiteral | LabelLiteral


@attrs.frozen
class Comparison:
    """`op target`; `op` is canonical (>=, <=, ==, !=, >, <); `implicit` when none was written."""

    op: str
    op_span: Span
    target: Target
    implicit: bool


@attrs.frozen
class Deadline:
    """A deadline as written: any of year/month/day may be absent until the checker resolves it.

    kind is "date" (by YYYY-MM-DD), "month-end" (10月底前), "day" (12月31日前) or "year-end" (年底前).
    """

    kind: str
    year: int | None
    month: int | None
    day: int | None
    text: str
    span: Span


@attrs.frozen
class Weight:
    amount: Decimal
    span: Span


@attrs.frozen
class Indicator:
    name: Name
    comparison: Comparison
    deadline: Deadline | None
    weight: Weight | None
    description: str | None
    group: tuple[str, ...]
    span: Span


@attrs.frozen
class Part:
    name: Name
    comparison: Comparison
    deadline: Deadline | None
    span: Span


@attrs.frozen
class Compound:
    """An indicator that needs every part; each part names a fact of its own: `整体.部分`."""

    name: Name
    parts: tuple[Part, ...]
    weight: Weight | None
    description: str | None
    group: tuple[str, ...]
    span: Span


@attrs.frozen
class Literal:
    amount: Decimal
    unit: str | None
    span: Span
    unit_span: Span | None


@attrs.frozen
class Reference:
    name: str
    span: Span


@attrs.frozen
class Unary:
    op: str
    operand: Expr
    span: Span


@attrs.frozen
class Binary:
    """`op` is canonical: + - * /."""

    op: str
    left: Expr
    right: Expr
    span: Span
    op_span: Span


Expr = Literal | Reference | Unary | Binary


@attrs.frozen
class Formula:
    name: Name
    expr: Expr
    description: str | None
    span: Span


@attrs.frozen
class UnitDeclaration:
    """`unit 场` (a new counting word) or `unit 千元 = 1000 元`; `operator` is what was written."""

    name: Name
    definition: QuantityLiteral | None
    operator: tuple[str, Span] | None
    span: Span


@attrs.frozen
class FactDeclaration:
    name: Name
    unit: str
    unit_span: Span
    span: Span


@attrs.frozen
class Scale:
    labels: tuple[Name, ...]
    operators: tuple[tuple[str, Span], ...]
    span: Span


@attrs.frozen
class BudgetEntry:
    """A named constant of the budget header; `path` is its heading (资金来源, 资金结构)."""

    name: Name
    amount: QuantityLiteral
    path: tuple[str, ...]
    span: Span


@attrs.frozen
class Year:
    value: int
    span: Span


@attrs.frozen
class Department:
    text: str
    span: Span


@attrs.frozen
class OrphanDescription:
    span: Span


@attrs.frozen
class Group:
    """A 一级指标 or 二级指标 heading, with the weight (分值) it may carry."""

    path: tuple[str, ...]
    weight: Weight | None
    span: Span


@attrs.frozen
class Program:
    """A whole ruleset file, statements sorted by kind and kept in source order."""

    departments: tuple[Department, ...]
    years: tuple[Year, ...]
    units: tuple[UnitDeclaration, ...]
    facts: tuple[FactDeclaration, ...]
    scales: tuple[Scale, ...]
    budget: tuple[BudgetEntry, ...]
    formulas: tuple[Formula, ...]
    indicators: tuple[Indicator | Compound, ...]
    orphans: tuple[OrphanDescription, ...]
    groups: tuple[Group, ...] = ()


def postorder(expr: Expr) -> list[Expr]:
    """Sub-expressions children first, without recursion (depth is the author's choice)."""
    order: list[Expr] = []
    stack: list[tuple[Expr, bool]] = [(expr, False)]
    while stack:
        node, expanded = stack.pop()
        if expanded or isinstance(node, (Literal, Reference)):
            order.append(node)
            continue
        stack.append((node, True))
        if isinstance(node, Unary):
            stack.append((node.operand, False))
        else:
            stack.append((node.right, False))
            stack.append((node.left, False))
    return order
