"""Compiler: the checked ruleset → frozen evaluator callables, built once.

Each formula becomes a closure over its operands, built bottom-up without recursion; each
condition knows, ahead of time, every fact it transitively reads and every formula it needs
in dependency order, so evaluation never looks at the syntax tree again.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import partial
from typing import Any

import attrs

from ..language import syntax as ast
from ..language.checker import CheckedCondition, CheckedRuleset, CheckedTarget, FactSpec
from ..language.limits import Limits
from ..language.weights import Weights
from ..quantities.arithmetic import CONTEXT, EXACT
from ..quantities.units import Unit
from ..quantities.values import Quantity, Target
from .facts import fast_reader

Values = dict[str, Any]
FormulaFunction = Callable[[Values], Decimal]

_ORDER = {
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
    "==": operator.eq,
    "!=": operator.ne,
}


class OutsideScale(Exception):
    """A label compared by order that is not in the target's scale."""


@attrs.frozen
class CompiledFormula:
    name: str
    function: FormulaFunction = attrs.field(repr=False)
    display: Unit
    description: str | None


@attrs.frozen
class CompiledCondition:
    name: str
    subject: str
    test: Callable[[Any], bool] = attrs.field(repr=False)
    inputs: tuple[str, ...]
    formulas: tuple[CompiledFormula, ...]
    deadline: date | None
    target: Target
    display: Unit | None
    op: str
    target_base: Decimal | None
    target_label: str | None
    scale: dict[str, int] | None


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
    facts: dict[str, FactSpec]
    readers: dict[str, Callable[[Any], Any]] = attrs.field(repr=False)
    labels: frozenset[str]
    limits: Limits
    weights: Weights
    budget: tuple[tuple[str, Decimal, Unit], ...]
    compound_names: frozenset[str]
    units: dict[str, Unit]
    indicators: tuple[CompiledIndicator, ...]
    year: int | None


def compile_program(checked: CheckedRuleset, limits: Limits | None = None) -> Program:
    limits = limits or Limits()
    constants = {name: value for name, (value, _unit) in checked.constants.items()}
    formulas: dict[str, CompiledFormula] = {}
    rounded: dict[str, bool] = {}
    inputs: dict[str, tuple[str, ...]] = {}
    needs: dict[str, tuple[CompiledFormula, ...]] = {}
    for formula in checked.formulas:
        function, rounded[formula.name] = _compile_expr(formula.expr, checked, rounded)
        compiled = CompiledFormula(formula.name, function, formula.display, formula.description)
        formulas[formula.name] = compiled
        facts: dict[str, None] = {}
        chain: dict[str, CompiledFormula] = {}
        for reference in formula.references:
            if reference in formulas:
                facts.update(dict.fromkeys(inputs[reference]))
                chain.update({needed.name: needed for needed in needs[reference]})
            elif reference not in constants:
                facts[reference] = None
        chain[formula.name] = compiled
        inputs[formula.name] = tuple(facts)
        needs[formula.name] = tuple(chain.values())
    indicators = []
    for indicator in checked.indicators:
        conditions = tuple(
            _compile_condition(condition, formulas, inputs, needs, constants) for condition in indicator.conditions
        )
        indicators.append(
            CompiledIndicator(indicator.name, indicator.group, conditions, indicator.compound, indicator.deadline)
        )
    return Program(
        constants=constants,
        formulas=formulas,
        formula_inputs=inputs,
        formula_chains=needs,
        facts=checked.facts,
        readers={name: fast_reader(spec, limits) for name, spec in checked.facts.items()},
        limits=limits,
        weights=checked.weights,
        budget=tuple((item.name, constants[item.name], item.unit) for item in checked.budget),
        compound_names=frozenset(indicator.name for indicator in indicators if indicator.compound),
        labels=_labels(checked, limits),
        units=checked.units,
        indicators=tuple(indicators),
        year=checked.year,
    )


def _labels(checked: CheckedRuleset, limits: Limits) -> frozenset[str]:
    """Every label the ruleset names that a fact may hold: already normal and free of hidden
    characters, so a fact equal to one needs no further check (only its length)."""
    labels: set[str] = set()
    for indicator in checked.indicators:
        for condition in indicator.conditions:
            if condition.target.label is not None:
                labels.add(condition.target.label)
                labels.update(condition.target.scale or ())
    return frozenset(label for label in labels if len(label) <= limits.max_fact_chars)


def public_target(target: CheckedTarget) -> Target:
    if target.label is not None:
        return Target(target.op, target.label)
    assert target.amount is not None and target.unit is not None
    return Target(target.op, Quantity(target.amount, target.unit.name))


def _compile_condition(
    condition: CheckedCondition,
    formulas: dict[str, CompiledFormula],
    inputs: dict[str, tuple[str, ...]],
    needs: dict[str, tuple[CompiledFormula, ...]],
    constants: dict[str, Decimal],
) -> CompiledCondition:
    subject = condition.subject
    if subject in formulas:
        facts, chain = inputs[subject], needs[subject]
    elif subject in constants:
        facts, chain = (), ()
    else:
        facts, chain = (subject,), ()
    return CompiledCondition(
        name=condition.name,
        subject=subject,
        test=_test(condition.target),
        inputs=facts,
        formulas=chain,
        deadline=condition.deadline,
        target=public_target(condition.target),
        display=condition.display,
        op=condition.target.op,
        target_base=condition.target.base,
        target_label=condition.target.label,
        scale=condition.target.scale,
    )


# `value OP target` as the target's own comparison, one C call: `value >= 5` is `5 <= value`.
_REFLECTED = {">=": "le", "<=": "ge", ">": "lt", "<": "gt", "==": "eq", "!=": "ne"}
_NUMBER_METHODS = {
    "le": Decimal.__le__,
    "ge": Decimal.__ge__,
    "lt": Decimal.__lt__,
    "gt": Decimal.__gt__,
    "eq": Decimal.__eq__,
    "ne": Decimal.__ne__,
}
_LABEL_METHODS = {"eq": str.__eq__, "ne": str.__ne__}


def _test(target: CheckedTarget) -> Callable[[Any], bool]:
    compare: Callable[[Any, Any], bool] = _ORDER[target.op]
    if target.label is None:
        assert target.base is not None
        return partial(_NUMBER_METHODS[_REFLECTED[target.op]], target.base)
    label = target.label
    if target.op in ("==", "!="):
        return partial(_LABEL_METHODS[_REFLECTED[target.op]], label)
    ranks = target.scale
    assert ranks is not None
    wanted = ranks[label]

    def ordered(value: Any) -> bool:
        rank = ranks.get(value)
        if rank is None:
            raise OutsideScale(value)
        return compare(rank, wanted)

    return ordered


def _compile_expr(
    expr: ast.Expr, checked: CheckedRuleset, rounded_formulas: dict[str, bool]
) -> tuple[FormulaFunction, bool]:
    """The formula's function, and whether its value can be rounded (it depends on a quotient)."""
    built: dict[int, FormulaFunction] = {}
    rounded: dict[int, bool] = {}
    for node in ast.postorder(expr):
        if isinstance(node, ast.Reference):
            rounded[id(node)] = rounded_formulas.get(node.name, False)
        elif isinstance(node, ast.Literal):
            rounded[id(node)] = False
        elif isinstance(node, ast.Unary):
            rounded[id(node)] = rounded[id(node.operand)]
        else:
            rounded[id(node)] = node.op == "/" or rounded[id(node.left)] or rounded[id(node.right)]
        built[id(node)] = _compile_node(node, built, checked, rounded)
    return built[id(expr)], rounded[id(expr)]


def _compile_node(
    node: ast.Expr, built: dict[int, FormulaFunction], checked: CheckedRuleset, rounded: dict[int, bool]
) -> FormulaFunction:
    if isinstance(node, ast.Literal):
        unit = checked.units[node.unit] if node.unit is not None else None
        value = CONTEXT.multiply(node.amount, unit.factor) if unit else node.amount
        return lambda values: value
    if isinstance(node, ast.Reference):
        name = node.name
        return operator.itemgetter(name)
    if isinstance(node, ast.Unary):
        operand = built[id(node.operand)]
        if node.op == "-":
            return lambda values: CONTEXT.minus(operand(values))
        return operand
    return _binary(node, built, rounded)


def _binary(node: ast.Binary, built: dict[int, FormulaFunction], rounded: dict[int, bool]) -> FormulaFunction:
    """A binary operation, fused with operands that are plain references (the common case).

    +, − and × of exact operands must stay exact (EXACT raises rather than round); once a
    quotient is involved the documented rounding context applies.
    """
    left, right = built[id(node.left)], built[id(node.right)]
    left_name = node.left.name if isinstance(node.left, ast.Reference) else None
    right_name = node.right.name if isinstance(node.right, ast.Reference) else None
    if node.op == "/":
        divide = CONTEXT.divide
        if left_name is not None and right_name is not None:

            def divide_names(values: Values) -> Decimal:
                divisor = values[right_name]
                if not divisor:
                    raise ZeroDivisionError("division by zero")
                return divide(values[left_name], divisor)

            return divide_names

        def divide_any(values: Values) -> Decimal:
            dividend = left(values)  # left to right, so the first failing operand names the error
            divisor = right(values)
            if not divisor:
                raise ZeroDivisionError("division by zero")
            return divide(dividend, divisor)

        return divide_any
    context = CONTEXT if rounded[id(node.left)] or rounded[id(node.right)] else EXACT
    apply = {"+": context.add, "-": context.subtract, "*": context.multiply}[node.op]
    if isinstance(node.right, ast.Literal):
        constant = right(_NO_VALUES)
        if left_name is not None:
            return lambda values: apply(values[left_name], constant)
        return lambda values: apply(left(values), constant)
    if left_name is not None and right_name is not None:
        return lambda values: apply(values[left_name], values[right_name])
    return lambda values: apply(left(values), right(values))


_NO_VALUES: Values = {}
