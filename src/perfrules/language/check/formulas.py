"""The formulas pass: dependency order with every cycle reported, nesting and chain limits, and
each formula's dimension through every operator, with the unit its value is shown in."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from decimal import Decimal

from ...errors import Diagnostic
from ...quantities.units import PERCENT, PLAIN, RATIO, Dimension, Unit
from .. import syntax
from .scope import Scope


def formulas(scope: Scope) -> Iterator[Diagnostic]:
    ordered = yield from _order(scope)
    chains: dict[str, int] = {}
    limits = scope.limits
    for formula in ordered:
        name = formula.name.text
        depth = syntax.depth(formula.expr)
        if depth > limits.max_nesting:
            yield scope.say.too_deep(formula.name.span, name, depth, limits.max_nesting)
            continue
        chain = 1 + max((chains.get(reference, 0) for reference in syntax.references(formula.expr)), default=0)
        chains[name] = chain
        if chain > limits.max_formula_depth:
            yield scope.say.formula_chain(formula.name.span, name, chain, limits.max_formula_depth)
            continue
        typing = _Dimensions(scope)
        dimension = typing.run(formula.expr)
        yield from typing.problems
        scope.formula_facts[name] = tuple(
            dict.fromkeys(
                fact
                for reference in syntax.references(formula.expr)
                for fact in (scope.formula_facts.get(reference, ()) if reference in scope.formulas else (reference,))
                if fact in scope.fact_units
            )
        )
        if dimension is not None:
            scope.dimensions[name] = dimension
            scope.displays[name] = _display(scope, formula.expr, dimension)
    scope.ordered = [formula for formula in ordered if formula.name.text in scope.dimensions]


def _order(scope: Scope) -> Generator[Diagnostic, None, list[syntax.Formula]]:
    """Formulas in dependency order (the generator's return value); each cycle reported at each of
    its formulas, and its members left out."""
    formulas = scope.formulas
    state: dict[str, int] = {}
    ordered: list[syntax.Formula] = []
    for root in formulas:
        if root in state:
            continue
        stack = [(root, iter(syntax.references(formulas[root].expr)))]
        path = [root]
        state[root] = 1
        while stack:
            name, pending = stack[-1]
            child = next((reference for reference in pending if reference in formulas), None)
            if child is None:
                stack.pop()
                path.pop()
                state[name] = 2
                ordered.append(formulas[name])
            elif state.get(child) == 1:
                cycle = path[path.index(child) :]
                scope.cyclic.update(cycle)
                first = min(cycle, key=lambda member: formulas[member].span.start)
                rotated = cycle[cycle.index(first) :] + cycle[: cycle.index(first)]
                for member in rotated:  # the whole cycle, at each of its formulas
                    yield scope.say.formula_cycle(formulas[member].name.span, [*rotated, first])
            elif child not in state:
                state[child] = 1
                path.append(child)
                stack.append((child, iter(syntax.references(formulas[child].expr))))
    return [formula for formula in ordered if formula.name.text not in scope.cyclic]


class _Dimensions(syntax.Fold["Dimension | None"]):
    """Each node's dimension, or None once a problem in it has been found (and kept in `problems`)."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.problems: list[Diagnostic] = []

    def literal(self, node: syntax.Literal) -> Dimension | None:
        unit = self.scope.unit(node.unit, node.unit_span)
        if isinstance(unit, Diagnostic):
            self.problems.append(unit)
            return None
        return unit.dimension if unit else None

    def reference(self, node: syntax.Reference) -> Dimension | None:
        scope, name = self.scope, node.name
        if name in scope.dimensions:
            return scope.dimensions[name]
        if name in scope.constants:
            return scope.constants[name][1].dimension
        if scope.defined.get(name, ("fact", None))[0] == "formula":
            return None  # in a cycle or ill-typed: reported already
        if name in scope.compound_names:
            self.problems.append(scope.say.compound_as_value(node.span, name))
            return None
        if name in scope.label_facts:
            self.problems.append(scope.say.number_where_label(node.span, name))
            return None
        if name not in scope.fact_units:
            scope.fact_units[name] = (PLAIN, node.span)
        return scope.fact_units[name][0].dimension

    def unary(self, node: syntax.Unary, operand: Dimension | None) -> Dimension | None:
        return operand

    def binary(self, node: syntax.Binary, left: Dimension | None, right: Dimension | None) -> Dimension | None:
        if left is None or right is None:
            return None
        if node.op == "*":
            return left * right
        if node.op == "/":
            return left / right
        if left != right:
            action = "add" if node.op == "+" else "subtract"
            hint = _unit_hint(self.scope, node.left, right) or _unit_hint(self.scope, node.right, left)
            self.problems.append(self.scope.say.dimension_mismatch(node.op_span, str(left), str(right), action, hint))
            return None
        return left


def _unit_hint(scope: Scope, node: syntax.Expr, other: Dimension) -> tuple[str, str] | None:
    """Suggest declaring the unit of a plain fact that meets a quantity with a unit."""
    if not isinstance(node, syntax.Reference) or node.name in scope.declared_facts or other == RATIO:
        return None
    if scope.fact_units.get(node.name, (None,))[0] is not PLAIN:
        return None
    unit = next((unit for unit in scope.units.values() if unit.dimension == other and unit.factor == 1), None)
    if unit is None:
        return None
    return (
        f"declare its unit: `fact {node.name} in {unit.name}`",
        f"声明它的单位：`fact {node.name} in {unit.name}`",
    )


def declare_hint(scope: Scope, formula: str, missing: Dimension) -> tuple[str, str] | None:
    """When a formula reads facts with no declared unit (plain numbers), suggest declaring one."""
    plain = [name for name in scope.formula_facts.get(formula, ()) if scope.fact_units.get(name, (None,))[0] is PLAIN]
    if not plain:
        return None
    powers = missing.powers
    dimension = Dimension.of(powers[0][0]) if len(powers) == 1 and abs(powers[0][1]) == 1 else None
    units = scope.units.values()
    unit = next((unit.name for unit in units if unit.dimension == dimension and unit.factor == 1), "元")
    example = f"`fact {plain[0]} in {unit}`"
    names = "、".join(plain)
    return (
        f"{names} has no declared unit, so it is read as a plain number; declare it, e.g. {example}",
        f"{names} 没有声明单位，按纯数值计算；请声明单位，如 {example}",
    )


def _display(scope: Scope, expr: syntax.Expr, dimension: Dimension) -> Unit:
    """The unit a formula's value is shown in: % for a ratio written `… × 100%` (or `100% × …`).

    `× 100%` only marks a ratio as a percentage: on an amount it changes nothing, so 元 × 100%
    stays 元 and comparing it with a % target is the dimension error it is.
    """
    if dimension == RATIO:
        return PERCENT if times_hundred_percent(expr) else PLAIN
    if len(dimension.powers) == 1 and dimension.powers[0][1] == 1:
        known = scope.units.get(dimension.powers[0][0])
        if known is not None and known.factor == 1 and known.dimension == dimension:
            return known
    return Unit(str(dimension), dimension, Decimal(1))


def times_hundred_percent(expr: syntax.Expr) -> bool:
    """`… × 100%` or `100% × …`: the way tables mark a ratio as a percentage."""
    return (
        isinstance(expr, syntax.Binary)
        and expr.op == "*"
        and (hundred_percent(expr.right) or hundred_percent(expr.left))
    )


def hundred_percent(expr: syntax.Expr) -> bool:
    return isinstance(expr, syntax.Literal) and expr.unit == "%" and expr.amount == 100
