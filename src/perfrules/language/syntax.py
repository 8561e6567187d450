"""The typed syntax tree: frozen nodes with spans; nothing downstream of build.py sees lark.

Named `syntax` (not `ast`) so that it can never shadow the standard library's module.

Names and labels hold their NFKC-normalised text (what matching uses); descriptions and the
department hold the author's own text.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Generic, TypeVar

import attrs

from ..errors import Span
from ..quantities.comparators import Comparator

T = TypeVar("T")


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
    column: Column | None = None


@attrs.frozen
class Column:
    """A unit printed in its own column after the target (计量单位): `28.8萬元 %`, `應保盡保 %`."""

    unit: str
    span: Span


@attrs.frozen
class LabelLiteral:
    text: str
    span: Span
    column: Column | None = None


@attrs.frozen
class Measured:
    """No target: the row records a value, in `unit` (预算执行率 %) or as text (None: 是/否, a narrative)."""

    unit: str | None
    unit_span: Span | None
    span: Span


TargetLiteral = QuantityLiteral | LabelLiteral | Measured


@attrs.frozen
class Comparison:
    """`op target`; `implicit` when no comparator was written (≥ for a number, = for a label)."""

    op: Comparator
    op_span: Span
    target: TargetLiteral
    implicit: bool
    basis: str | None = None
    """The standard the target is set by (历史标准, 计划标准, 行业标准), as written after it."""


@attrs.frozen
class Deadline:
    """A deadline as written: any of year/month/day may be absent until the checker resolves it.

    kind is "date" (by YYYY-MM-DD), "month-end" (10月底前, 12月, 于12月前完成), "day" (12月31日前),
    "year-end" (年底前, 年内), "half-year" (上半年: 06-30) or "period" (2023.07-2024.01: its last month's end).
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
class SimpleIndicator:
    name: Name
    comparison: Comparison
    deadline: Deadline | None
    weight: Weight | None
    description: str | None
    group: tuple[str, ...]
    span: Span
    value_kind: Name | None = None
    """指标值类型 as printed after the target: 定量 or 定性."""


@attrs.frozen
class CompoundPart:
    name: Name
    comparison: Comparison
    deadline: Deadline | None
    span: Span


@attrs.frozen
class Compound:
    """An indicator that needs every part; each part names a fact of its own: `整体.部分`."""

    name: Name
    parts: tuple[CompoundPart, ...]
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
    """`unit 场` (a new counting word) or `unit 千元 = 1000 元`; `operator` is the comparator written."""

    name: Name
    definition: QuantityLiteral | None
    operator: tuple[Comparator, Span] | None
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
    operators: tuple[tuple[Comparator, Span], ...]
    span: Span


@attrs.frozen
class Attainment:
    """`attainment 完成 达标`: the words that assert a target was met, replacing the default list."""

    words: tuple[Name, ...]
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
class Document:
    """A whole ruleset file, statements sorted by kind and kept in source order."""

    departments: tuple[Department, ...]
    years: tuple[Year, ...]
    units: tuple[UnitDeclaration, ...]
    facts: tuple[FactDeclaration, ...]
    scales: tuple[Scale, ...]
    budget: tuple[BudgetEntry, ...]
    formulas: tuple[Formula, ...]
    indicators: tuple[SimpleIndicator | Compound, ...]
    orphans: tuple[OrphanDescription, ...]
    groups: tuple[Group, ...] = ()
    attainments: tuple[Attainment, ...] = ()


def children(node: Expr) -> tuple[Expr, ...]:
    """A node's operands, left to right (none for literals and references)."""
    if isinstance(node, Binary):
        return (node.left, node.right)
    if isinstance(node, Unary):
        return (node.operand,)
    return ()


def postorder(expr: Expr) -> list[Expr]:
    """Sub-expressions children first, without recursion (depth is the author's choice)."""
    order: list[Expr] = []
    stack: list[tuple[Expr, bool]] = [(expr, False)]
    while stack:
        node, expanded = stack.pop()
        operands = children(node)
        if expanded or not operands:
            order.append(node)
            continue
        stack.append((node, True))
        stack.extend((operand, False) for operand in reversed(operands))
    return order


class Fold(Generic[T]):
    """A bottom-up walk over an expression, one method per kind of node, without recursion.

    Every walker over expressions (typing, compiling, columns, traces) is a Fold: each node's
    method receives the results of its operands, and `run` returns the root's. `results` keeps
    every node's result (by node identity) for walkers that need more than the root's.
    """

    def literal(self, node: Literal) -> T:
        raise NotImplementedError

    def reference(self, node: Reference) -> T:
        raise NotImplementedError

    def unary(self, node: Unary, operand: T) -> T:
        raise NotImplementedError

    def binary(self, node: Binary, left: T, right: T) -> T:
        raise NotImplementedError

    def run(self, expr: Expr) -> T:
        self.results: dict[int, T] = {}
        results = self.results
        for node in postorder(expr):
            if isinstance(node, Binary):
                result = self.binary(node, results[id(node.left)], results[id(node.right)])
            elif isinstance(node, Unary):
                result = self.unary(node, results[id(node.operand)])
            elif isinstance(node, Reference):
                result = self.reference(node)
            else:
                result = self.literal(node)
            results[id(node)] = result
        return results[id(expr)]


def references(expr: Expr) -> tuple[str, ...]:
    """The names an expression refers to, each once, in the order written."""
    return tuple(dict.fromkeys(node.name for node in postorder(expr) if isinstance(node, Reference)))


def depth(expr: Expr) -> int:
    """How deeply operators nest: 1 for a name or a number."""
    return _Depth().run(expr)


class _Depth(Fold[int]):
    def literal(self, node: Literal) -> int:
        return 1

    def reference(self, node: Reference) -> int:
        return 1

    def unary(self, node: Unary, operand: int) -> int:
        return operand + 1

    def binary(self, node: Binary, left: int, right: int) -> int:
        return max(left, right) + 1
