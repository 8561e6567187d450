"""Dimensions checked at evaluation, for facts that bring their own unit.

The checker proves every formula well-typed with the units the ruleset states. A fact the ruleset
gives no unit (an undeclared input of a formula) is a plain number there; when its values come with
a unit (`"11,000,000 元"`), the formula is checked again with that unit before its value is used:
元 ÷ 元 is a ratio and fine, 元 + 次 is not, and neither is a result of another dimension than the
one the indicator compares (元 where a share is expected).
"""

from __future__ import annotations

from collections.abc import Mapping

from ..errors.phrases import Phrase
from ..language import syntax
from ..quantities.units import PLAIN, Dimension
from .details import detail
from .program import Program


class _Mismatch(Exception):
    """Why a formula's dimensions do not fit, raised from deep in the walk to its top."""

    def __init__(self, reason: Phrase) -> None:
        super().__init__()
        self.reason = reason


def formula_problem(program: Program, name: str, given: Mapping[str, Dimension]) -> Phrase | None:
    """Why formula `name` cannot be computed with facts in the `given` dimensions (None when it can):
    a code and the dimensions it names (engine/details.py)."""
    try:
        found = _dimension(program, program.expressions[name], given)
    except _Mismatch as mismatch:
        return mismatch.reason
    expected = _checked(program, name)
    if found != expected:
        return detail("formula-in-other-dimension", name=name, found=_said(found), expected=_said(expected))
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
        code = "units-cannot-add" if node.op == "+" else "units-cannot-subtract"
        raise _Mismatch(detail(code, left=_said(left), right=_said(right)))
    return left


def _reference(program: Program, name: str, given: Mapping[str, Dimension]) -> Dimension:
    if name in given:
        return given[name]
    if name in program.expressions:
        return _dimension(program, program.expressions[name], given)
    if name in program.checked.constants:
        return program.checked.constants[name][1].dimension
    unit = program.facts[name].unit
    assert unit is not None  # the checker lets no label into a formula
    return unit.dimension


def _said(dimension: Dimension) -> str | Phrase:
    """A dimension as the checker's diagnostics name it: its base units, or a ratio or plain number."""
    return detail("ratio-or-plain-number") if not dimension.powers else str(dimension)
