"""Dimensions checked at evaluation, for facts that bring their own unit.

The checker proves every formula well-typed with the units the ruleset states. A fact the ruleset
gives no unit (an undeclared input of a formula) is a plain number there; when its values come with
a unit (`"11,000,000 元"`), the formula is checked again with that unit before its value is used:
元 ÷ 元 is a ratio and fine, 元 + 次 is not, and neither is a result of another dimension than the
one the indicator compares (元 where a share is expected).
"""

from __future__ import annotations

from collections.abc import Mapping

from ..language import syntax
from ..quantities.units import PLAIN, Dimension
from .program import Program


class _Mismatch(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def formula_problem(program: Program, name: str, given: Mapping[str, Dimension]) -> str | None:
    """Why formula `name` cannot be computed with facts in the `given` dimensions (None when it can)."""
    try:
        found = _dimension(program, program.expressions[name], given)
    except _Mismatch as mismatch:
        return mismatch.reason
    expected = _checked(program, name)
    if found != expected:
        return f"按事实自带的单位，“{name}”算得{_text(found)}，而规则集按{_text(expected)}比较"
    return None


def _checked(program: Program, name: str) -> Dimension:
    return next(formula.dimension for formula in program.checked.formulas if formula.name == name)


def _dimension(program: Program, node: syntax.Expr, given: Mapping[str, Dimension]) -> Dimension:
    if isinstance(node, syntax.Literal):
        return program.units[node.unit].dimension if node.unit else PLAIN.dimension
    if isinstance(node, syntax.Reference):
        return _reference(program, node.name, given)
    if isinstance(node, syntax.Unary):
        return _dimension(program, node.operand, given)
    assert isinstance(node, syntax.Binary)
    left = _dimension(program, node.left, given)
    right = _dimension(program, node.right, given)
    if node.op == "*":
        return left * right
    if node.op == "/":
        return left / right
    if left != right:
        action = "相加" if node.op == "+" else "相减"
        raise _Mismatch(f"按事实自带的单位，{_text(left)}与{_text(right)}不能{action}")
    return left


def _reference(program: Program, name: str, given: Mapping[str, Dimension]) -> Dimension:
    if name in given:
        return given[name]
    if name in program.expressions:
        return _dimension(program, program.expressions[name], given)
    if name in program.checked.constants:
        return program.checked.constants[name][1].dimension
    unit = program.facts[name].unit
    return unit.dimension if unit is not None else PLAIN.dimension


def _text(dimension: Dimension) -> str:
    return "比率或纯数值" if not dimension.powers else str(dimension)
