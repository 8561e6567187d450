"""The generator's state for one chunk of indicators: the names it binds (the only globals the
generated function sees), the locals it makes, and the parts every condition shares (the quick
check of a raw value, the test against a target, the record)."""

from __future__ import annotations

import ast
from decimal import Decimal
from typing import Any

from ...language import syntax
from ...quantities.arithmetic import CONTEXT, EXACT, integer_bound
from ..facts import SLOW, limits_bounds
from ..plan import ABSENT, DAYS, Plan
from ..program import CompiledCondition, Program
from ..status import MET, NOT_MET, PENDING, RECORDED
from .nodes import OPERATORS, assign, call, compare, load, record

LOCALS = ("facts", "values", "get", "raw", "value", "text", "day")
"""The locals every generated function may use; the emitter adds `r…`, `f…` and `v…`."""


class Emitter:
    """Builds one plan's function: constants bound by generated names, statements in order."""

    def __init__(self, program: Program, plan: Plan) -> None:
        self.program = program
        self.plan = plan
        self.namespace: dict[str, Any] = {"__builtins__": {}}
        self.bound: dict[int, str] = {}
        self.locals: set[str] = set(LOCALS)
        self.held: dict[str, str] = {}
        """Each fact read and formula computed in this chunk → the local holding its value."""
        self.largest = integer_bound(program.limits.max_digits, program.limits.max_exponent)
        self.within = limits_bounds(program.limits).plus
        for name, value in (
            ("ABSENT", ABSENT),
            ("SLOW", SLOW),
            ("type", type),
            ("Decimal", Decimal),
            ("str_type", str),
            ("int_type", int),
            ("dict_type", dict),
            ("length", len),
            ("days", DAYS),
            ("clean", set(program.labels)),
        ):
            self.namespace[name] = value
        self.operations: dict[tuple[str, bool], ast.Name] = {
            (operator, rounded): self.bind(method)
            for rounded, context in ((False, EXACT), (True, CONTEXT))
            for operator, method in (
                ("+", context.add),
                ("-", context.subtract),
                ("*", context.multiply),
                ("/", context.divide),
            )
        }
        self.operations["negate", True] = self.bind(CONTEXT.minus)
        self.lowest, self.highest = self.bind(-self.largest), self.bind(self.largest)

    def bind(self, value: Any) -> ast.Name:
        """A name for `value` in the function's namespace (the same object, the same name)."""
        name = self.bound.get(id(value))
        if name is None:
            name = self.bound[id(value)] = f"k{len(self.bound)}"
            self.namespace[name] = value
        return load(name)

    def local(self, prefix: str) -> str:
        name = f"{prefix}{len(self.locals)}"
        self.locals.add(name)
        return name

    def verdict(
        self, condition: CompiledCondition, value: ast.expr, out: str, attained: bool, whole: bool = False
    ) -> list[ast.stmt]:
        """`out` = the record of `value` against the target: met, or pending or not met; None for
        a word asserting the target was met (完成), which the general path words."""
        met = RECORDED if condition.measured else MET
        unmet = NOT_MET if self.plan.final(condition.deadline) else PENDING
        if condition.measured:
            return [assign(out, record(ast.Constant(met), value))]
        unmet_record = self.unless_attained(value, out, record(ast.Constant(unmet), value), attained)
        met_record = assign(out, record(ast.Constant(met), value))
        return [ast.If(self.test(condition, value, whole), [met_record], unmet_record)]

    def test(self, condition: CompiledCondition, value: ast.expr, whole: bool) -> ast.expr:
        """`value OP target`, the target first (`5 <= value`) as the compiled test has it; a
        `whole` number against a whole target as ints (the same answer, without converting)."""
        if condition.measured:
            return ast.Constant(True)
        if condition.target_label is None:
            target = condition.target_base
            assert target is not None
            bound = self.bind(int(target) if whole and target == target.to_integral_value() else target)
            return compare(bound, OPERATORS[condition.op.mirror](), value)
        if not condition.op.ordering:
            return compare(ast.Constant(condition.target_label), OPERATORS[condition.op.mirror](), value)
        return call(self.bind(condition.test), value)  # a scale's order; raises OutsideScale

    def unless_attained(self, value: ast.expr, out: str, record: ast.expr, attained: bool) -> list[ast.stmt]:
        """`out` = `record`, or None for an attainment word (完成) given for a label not met."""
        if not attained:
            return [assign(out, record)]
        attainment = self.bind(self.program.attainment)
        return [ast.If(compare(value, ast.In(), attainment), [assign(out, ast.Constant(None))], [assign(out, record)])]

    def quick(self, kind: type | None, raw: ast.expr) -> ast.expr | None:
        """The check that a raw value is taken as it is (see plan.fact_step), or None."""
        if kind is str:
            return ast.BoolOp(
                ast.And(),
                [
                    compare(call(load("type"), raw), ast.Is(), load("str_type")),
                    compare(raw, ast.In(), load("clean")),
                ],
            )
        if kind is int:
            within = ast.Compare(self.lowest, [ast.Lt(), ast.Lt()], [raw, self.highest])
            return ast.BoolOp(ast.And(), [compare(call(load("type"), raw), ast.Is(), load("int_type")), within])
        return None

    def operand(self, name: str) -> ast.expr:
        """A name in a formula: its local, or a budget constant's value."""
        if name in self.held:
            return load(self.held[name])
        return self.bind(self.program.constants[name])


class Expressions(syntax.Fold[ast.expr]):
    """A formula as one expression over the chunk's locals and bound constants, with the
    compiler's arithmetic (engine/compiler.py `Builder`): + − × exact until a quotient is
    involved, then rounded in the documented context."""

    def __init__(self, generator: Emitter) -> None:
        self.generator = generator
        self.rounded_formulas = generator.program.rounded
        self.rounded: dict[int, bool] = {}

    def literal(self, node: syntax.Literal) -> ast.expr:
        self.rounded[id(node)] = False
        unit = self.generator.program.units[node.unit] if node.unit is not None else None
        return self.generator.bind(CONTEXT.multiply(node.amount, unit.factor) if unit else node.amount)

    def reference(self, node: syntax.Reference) -> ast.expr:
        self.rounded[id(node)] = self.rounded_formulas.get(node.name, False)
        return self.generator.operand(node.name)

    def unary(self, node: syntax.Unary, operand: ast.expr) -> ast.expr:
        self.rounded[id(node)] = self.rounded[id(node.operand)]
        return call(self.generator.operations["negate", True], operand) if node.op == "-" else operand

    def binary(self, node: syntax.Binary, left: ast.expr, right: ast.expr) -> ast.expr:
        inexact = self.rounded[id(node.left)] or self.rounded[id(node.right)]
        self.rounded[id(node)] = node.op == "/" or inexact
        return call(self.generator.operations[node.op, inexact or node.op == "/"], left, right)
