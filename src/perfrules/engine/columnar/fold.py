"""A formula over columns as one exact fraction N / D, by one fold in either arithmetic lane.

The row-wise evaluator defines the result: a quotient there is rounded to 34 significant digits,
and everything computed from one is rounded too. An exact fraction decides the same wherever
that rounding cannot matter, which this module makes sure of:

- a formula whose sums and differences all have exact operands (the rates and shares tables
  write: `(a - b) / c × 100%`) is off its exact value by at most n·10^-33 of it, n the number of
  operations; rows whose exact value lies that close to the target are decided row by row (in
  64-bit integers no row but one exactly on the target can be that close);
- a formula adding or subtracting a rounded value (`a / b - c / d`), where cancellation could
  make the rounding matter anywhere, is decided row by row;
- a formula without a quotient is exact both ways, but there a result of more than 34
  significant digits is an error row by row, so such columns are left to the rows too.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction as Rational
from typing import Any

from ...language import syntax
from ...quantities.arithmetic import PRECISION
from ...quantities.comparators import Comparator
from ..program import Program
from .lanes import WIDE, RowWise

Fraction = tuple[Any, Any]
"""(N, D) in a lane; D is None for 1."""


class Exactness(syntax.Fold[tuple[bool, int]]):
    """(whether the value may have been rounded row by row, how many operations produced it);
    RowWise for a sum or difference with a rounded operand."""

    def __init__(self, program: Program) -> None:
        self.program = program

    def literal(self, node: syntax.Literal) -> tuple[bool, int]:
        return False, 0

    def reference(self, node: syntax.Reference) -> tuple[bool, int]:
        if node.name in self.program.expressions:
            return Exactness(self.program).run(self.program.expressions[node.name])
        return False, 0

    def unary(self, node: syntax.Unary, operand: tuple[bool, int]) -> tuple[bool, int]:
        return operand

    def binary(self, node: syntax.Binary, left: tuple[bool, int], right: tuple[bool, int]) -> tuple[bool, int]:
        rounded = left[0] or right[0]
        if node.op in "+-" and rounded:
            raise RowWise
        return rounded or node.op == "/", left[1] + right[1] + 1


class FractionFold(syntax.Fold[Fraction]):
    """Each node as N / D in a lane, formulas followed through their names."""

    def __init__(self, program: Program, lane: Any) -> None:
        self.program = program
        self.lane = lane
        self.formulas: dict[str, Fraction] = {}

    def formula(self, name: str) -> Fraction:
        if name not in self.formulas:
            self.formulas[name] = FractionFold(self.program, self.lane).run(self.program.expressions[name])
        return self.formulas[name]

    def literal(self, node: syntax.Literal) -> Fraction:
        factor = self.program.units[node.unit].factor if node.unit is not None else Decimal(1)
        return self.lane.constant(WIDE.multiply(node.amount, factor)), None

    def reference(self, node: syntax.Reference) -> Fraction:
        name = node.name
        if name in self.program.expressions:
            return self.formula(name)
        if name in self.program.constants:
            return self.lane.constant(self.program.constants[name]), None
        return self.lane.fact(name), None

    def unary(self, node: syntax.Unary, operand: Fraction) -> Fraction:
        numerator, denominator = operand
        return (self.lane.negate(numerator) if node.op == "-" else numerator), denominator

    def binary(self, node: syntax.Binary, left: Fraction, right: Fraction) -> Fraction:
        (a, b), (c, d) = left, right
        lane = self.lane
        if node.op == "*":
            result = lane.multiply(a, c), self._product(b, d)
        elif node.op == "/":
            result = self._product(a, d), self._product(b, c)
        else:
            combine = lane.add if node.op == "+" else lane.subtract
            result = combine(self._product(a, d), self._product(c, b)), self._product(b, d)
        if result[1] is None:
            lane.exact(result[0])  # no quotient so far: row by row this was computed exactly
        return result

    def _product(self, left: Any, right: Any) -> Any:
        if left is None:
            return right
        if right is None:
            return left
        return self.lane.multiply(left, right)


def decide(lane: Any, value: Fraction, target: Decimal, op: Comparator, rounded: int | None) -> tuple[Any, Any, Any]:
    """(met, division by zero, unsure) per row for `N / D op target`; None for a mask of no rows.

    `rounded` is None for a value computed exactly row by row, else the number of operations
    that produced it; `unsure` then marks the rows where rounding could change the answer
    (the lane says which: see `FixedLane.unsure` and `DecimalLane.unsure`).
    """
    import pyarrow.compute as pc

    numerator, denominator = value
    zero = None
    if denominator is None:
        met = lane.compare(numerator, None, target, op)
    else:
        # N/D op t  <=>  N op t·D when D > 0, and the mirrored comparison when D < 0.
        positive, zero = lane.sign(denominator)
        met = lane.compare(numerator, denominator, target, op)
        if not pc.all(positive).as_py():
            met = pc.if_else(positive, met, lane.compare(numerator, denominator, target, op.mirror))
    unsure = None if rounded is None or not target else lane.unsure(numerator, denominator, target, rounded)
    return met, zero, unsure


def exact_on_target(program: Program, name: str, target: Decimal) -> bool:
    """Whether a row whose exact value is the target is computed exactly row by row too, so that
    64-bit rows need no second look: the formula is one quotient of exact values, times a literal
    at most (`a / b × 100%`), and target ÷ literal is a decimal of at most 34 digits whose product
    with the literal has at most 34 (then neither the quotient nor the product is rounded)."""
    expression: syntax.Expr = program.expressions[name]
    literal = Decimal(1)
    if isinstance(expression, syntax.Binary) and expression.op == "*":
        left, right = expression.left, expression.right
        factor = right if isinstance(right, syntax.Literal) else left if isinstance(left, syntax.Literal) else None
        if factor is None:
            return False
        expression = left if factor is right else right
        unit = program.units[factor.unit].factor if factor.unit is not None else Decimal(1)
        literal = WIDE.multiply(factor.amount, unit)
    if isinstance(expression, syntax.Reference) and expression.name in program.expressions and literal == 1:
        expression = program.expressions[expression.name]
    if not (isinstance(expression, syntax.Binary) and expression.op == "/") or not literal:
        return False
    exactness = Exactness(program)
    if exactness.run(expression.left)[0] or Exactness(program).run(expression.right)[0]:
        return False
    quotient = Rational(target) / Rational(literal)
    denominator = quotient.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    if denominator != 1:
        return False
    digits = len(WIDE.divide(Decimal(quotient.numerator), Decimal(quotient.denominator)).normalize().as_tuple().digits)
    return digits <= PRECISION and digits + len(literal.normalize().as_tuple().digits) <= PRECISION
