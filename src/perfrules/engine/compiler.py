"""Compiler: the checked ruleset → a `Program` of frozen evaluator callables, built once.

Each formula becomes a closure over its operands, built bottom-up by one fold; each condition
knows, ahead of time, every fact it transitively reads and every formula it needs in dependency
order, so evaluation never looks at the syntax tree again.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from typing import Any, NamedTuple

from ..language import syntax
from ..language.checked import CheckedCondition, CheckedRuleset, CheckedTarget
from ..language.limits import Limits
from ..quantities.arithmetic import CONTEXT, EXACT
from ..quantities.units import Unit
from ..quantities.values import Measure, Quantity, Target
from .facts import fast_reader
from .program import (
    CompiledCondition,
    CompiledFormula,
    CompiledIndicator,
    FormulaFunction,
    OutsideScale,
    Program,
    Values,
)


def compile_program(
    checked: CheckedRuleset,
    limits: Limits | None = None,
    rebuilt_by: tuple[Callable[..., Program], tuple[Any, ...]] | None = None,
) -> Program:
    """The program of a checked ruleset; `rebuilt_by` is what a pickle of it holds (Program)."""
    limits = limits or Limits()
    constants = {name: value for name, (value, _unit) in checked.constants.items()}
    formulas, rounded, inputs, needs = _formulas(checked, constants)
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
        expressions={formula.name: formula.expr for formula in checked.formulas},
        rounded=rounded,
        facts=checked.facts,
        readers={name: fast_reader(spec, limits) for name, spec in checked.facts.items()},
        limits=limits,
        weights=checked.weights,
        budget=tuple((item.name, constants[item.name], item.unit) for item in checked.budget),
        compound_names=frozenset(indicator.name for indicator in indicators if indicator.compound),
        labels=_labels(checked, limits),
        units=checked.units,
        attainment=checked.attainment,
        indicators=tuple(indicators),
        year=checked.year,
        checked=checked,
        rebuilt_by=rebuilt_by,
    )


class _Formulas(NamedTuple):
    """Each formula compiled (in dependency order), whether it rounds, the facts it reads (through
    other formulas too) and the formulas it needs, itself last."""

    compiled: dict[str, CompiledFormula]
    rounded: dict[str, bool]
    inputs: dict[str, tuple[str, ...]]
    chains: dict[str, tuple[CompiledFormula, ...]]


def _formulas(checked: CheckedRuleset, constants: dict[str, Decimal]) -> _Formulas:
    formulas: dict[str, CompiledFormula] = {}
    rounded: dict[str, bool] = {}
    inputs: dict[str, tuple[str, ...]] = {}
    needs: dict[str, tuple[CompiledFormula, ...]] = {}
    for formula in checked.formulas:
        builder = Builder(checked.units, rounded)
        function = builder.run(formula.expr)
        rounded[formula.name] = builder.rounded[id(formula.expr)]
        compiled = CompiledFormula(formula.name, function, formula.display)
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
    return _Formulas(formulas, rounded, inputs, needs)


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


def public_target(target: CheckedTarget) -> Target | Measure:
    if target.measured:
        return Measure(target.unit.name if target.unit is not None else "")
    if target.label is not None:
        return Target(target.op, target.label, target.basis)
    assert target.amount is not None and target.unit is not None
    return Target(target.op, Quantity(target.amount, target.unit.name), target.basis)


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
        measured=condition.target.measured,
    )


def _test(target: CheckedTarget) -> Callable[[Any], bool]:
    """`value OP target` as one C call with the target bound first: `value >= 5` is `5 <= value`.
    A row with no target records any value it is given."""
    if target.measured:
        return _recorded
    if target.label is None:
        assert target.base is not None
        return partial(target.op.mirror.function, target.base)
    label = target.label
    if not target.op.ordering:
        return partial(target.op.mirror.function, label)
    ranks = target.scale
    assert ranks is not None
    wanted = ranks[label]
    compare = target.op.function

    def ordered(value: Any) -> bool:
        rank = ranks.get(value)
        if rank is None:
            raise OutsideScale
        return compare(rank, wanted)

    return ordered


class Builder(syntax.Fold[FormulaFunction]):
    """Each node's function of the values in force, and whether its value may be rounded.

    +, − and × of exact operands must stay exact (EXACT raises rather than round); once a
    quotient is involved, directly or through another formula, the documented rounding context
    applies. Binary operations are fused with operands that are plain references (the common
    case), so that most formulas cost one call per operation. `results` keeps every node's
    function: explanations evaluate a formula's parts with the very functions that computed it.
    """

    def __init__(self, units: dict[str, Unit], rounded_formulas: dict[str, bool]) -> None:
        self.units = units
        self.rounded_formulas = rounded_formulas
        self.rounded: dict[int, bool] = {}

    def literal(self, node: syntax.Literal) -> FormulaFunction:
        self.rounded[id(node)] = False
        unit = self.units[node.unit] if node.unit is not None else None
        value = CONTEXT.multiply(node.amount, unit.factor) if unit else node.amount
        return lambda values: value

    def reference(self, node: syntax.Reference) -> FormulaFunction:
        self.rounded[id(node)] = self.rounded_formulas.get(node.name, False)
        return operator.itemgetter(node.name)

    def unary(self, node: syntax.Unary, operand: FormulaFunction) -> FormulaFunction:
        self.rounded[id(node)] = self.rounded[id(node.operand)]
        if node.op == "-":
            return lambda values: CONTEXT.minus(operand(values))
        return operand

    def binary(self, node: syntax.Binary, left: FormulaFunction, right: FormulaFunction) -> FormulaFunction:
        inexact = self.rounded[id(node.left)] or self.rounded[id(node.right)]
        self.rounded[id(node)] = node.op == "/" or inexact
        left_name = node.left.name if isinstance(node.left, syntax.Reference) else None
        right_name = node.right.name if isinstance(node.right, syntax.Reference) else None
        if node.op == "/":
            return _divide(left, right, left_name, right_name)
        context = CONTEXT if inexact else EXACT
        apply = {"+": context.add, "-": context.subtract, "*": context.multiply}[node.op]
        if isinstance(node.right, syntax.Literal):
            constant = right(_NO_VALUES)
            if left_name is not None:
                return lambda values: apply(values[left_name], constant)
            return lambda values: apply(left(values), constant)
        if left_name is not None and right_name is not None:
            return lambda values: apply(values[left_name], values[right_name])
        return lambda values: apply(left(values), right(values))


def _divide(
    left: FormulaFunction, right: FormulaFunction, left_name: str | None, right_name: str | None
) -> FormulaFunction:
    """A quotient, rounded to 34 digits; its operands evaluated left to right, so that the first
    failing operand names the error; a zero divisor is a ZeroDivisionError."""
    divide = CONTEXT.divide
    if left_name is not None and right_name is not None:

        def divide_names(values: Values) -> Decimal:
            divisor = values[right_name]
            if not divisor:
                raise ZeroDivisionError
            return divide(values[left_name], divisor)

        return divide_names

    def divide_any(values: Values) -> Decimal:
        dividend = left(values)
        divisor = right(values)
        if not divisor:
            raise ZeroDivisionError
        return divide(dividend, divisor)

    return divide_any


_NO_VALUES: Values = {}


def _recorded(_value: Any) -> bool:
    return True
