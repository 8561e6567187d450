"""What the generated function says for each condition: a fact's (plain, dated or to be read) and
a formula's (inputs read once per chunk into locals, formulas computed inline)."""

from __future__ import annotations

import ast

from ...language import syntax
from ..plan import Step, quick_type
from ..program import CompiledCondition
from ..status import MISSING, NOT_MET, Outcome, Why
from .emitter import Emitter, Expressions
from .nodes import assign, call, compare, load

INLINE_DEPTH = 24
"""Formulas nested deeper than this are called, not written out."""
CLEAN_LABELS = 10_000
"""Labels remembered as read (per chunk), beyond the ruleset's own."""


def function(emitter: Emitter, positions: range) -> ast.Module:
    """`decide(facts, values)`: the records of the indicators at `positions`, in order."""
    body: list[ast.stmt] = [assign("get", ast.Attribute(load("facts"), "get", ast.Load()))]
    results: list[ast.expr] = []
    for position in positions:
        indicator = emitter.program.indicators[position]
        parts = []
        for part, step in zip(indicator.conditions, emitter.plan.parts[position], strict=True):
            out = emitter.local("r")
            body += condition(emitter, part, step, out)
            parts.append(out)
        if indicator.compound:
            out = emitter.local("r")
            missing = ast.BoolOp(ast.Or(), [compare(load(part), ast.Is(), ast.Constant(None)) for part in parts])
            body.append(
                assign(out, ast.IfExp(missing, ast.Constant(None), ast.Tuple(list(map(load, parts)), ast.Load())))
            )
            parts = [out]
        results.append(load(parts[0]))
    body.append(ast.Return(ast.List(results, ast.Load())))
    arguments = ast.arguments([], [ast.arg("facts"), ast.arg("values")], None, [], [], None, [])
    decide = ast.FunctionDef("decide", arguments, body, [], None, type_comment=None)
    return ast.Module([decide], [])


def condition(emitter: Emitter, condition: CompiledCondition, step: Step, out: str) -> list[ast.stmt]:
    if not condition.formulas and len(condition.inputs) == 1:
        return fact_condition(emitter, condition, step, out)
    return formula_condition(emitter, condition, step, out)


def fact_condition(emitter: Emitter, condition: CompiledCondition, step: Step, out: str) -> list[ast.stmt]:
    """A condition on one fact: a plain value, or one dated on a day already seen, inline;
    a value to read, by its reader; anything else by its step."""
    (name,) = condition.inputs
    spec = emitter.program.facts[name]
    attained = spec.is_label and bool(emitter.program.attainment)
    raw, value = load("raw"), load("value")
    by_step: list[ast.stmt] = [assign(out, call(emitter.bind(step), load("facts"), load("values")))]
    quick = emitter.quick(quick_type(spec), raw)
    verdict = emitter.verdict(condition, raw, out, attained, whole=quick_type(spec) is int)
    known: list[ast.stmt] = []
    if spec.is_label:  # a label read once is taken as it is from then on
        room = compare(call(load("length"), load("clean")), ast.Lt(), ast.Constant(CLEAN_LABELS))
        known.append(ast.If(room, [ast.Expr(call(ast.Attribute(load("clean"), "add", ast.Load()), value))], []))
    known += emitter.verdict(condition, value, out, attained)
    by_reader: list[ast.stmt] = [
        assign("value", call(emitter.bind(emitter.program.readers[name]), raw)),
        ast.If(compare(value, ast.Is(), load("SLOW")), [assign(out, ast.Constant(None))], known),
    ]
    blank = ast.BoolOp(ast.Or(), [compare(raw, ast.Is(), load("ABSENT")), compare(raw, ast.Is(), ast.Constant(None))])
    missing = emitter.bind((MISSING, None, Outcome(Why.MISSING, (name,))))
    is_dict = compare(call(load("type"), raw), ast.Is(), load("dict_type"))
    observed = dated(emitter, condition, quick, out, by_step, attained, whole=quick_type(spec) is int)
    chain: list[ast.stmt] = [ast.If(is_dict, observed, [ast.If(blank, [assign(out, missing)], by_reader)])]
    if quick is not None:
        chain = [ast.If(quick, verdict, chain)]
    return [assign("raw", call(load("get"), ast.Constant(name), load("ABSENT"))), *chain]


def dated(
    emitter: Emitter,
    condition: CompiledCondition,
    quick: ast.expr | None,
    out: str,
    by_step: list[ast.stmt],
    attained: bool,
    whole: bool,
) -> list[ast.stmt]:
    """{"value": V, "date": D} with D a day already parsed and V taken as it is: decided on the
    day the condition is read on, or, observed after its deadline, as missing then (met
    later or not); anything else by the step."""
    if quick is None:
        return by_step
    raw, text, day = load("raw"), load("text"), load("day")
    shape = ast.BoolOp(
        ast.And(),
        [
            compare(call(load("length"), raw), ast.Eq(), ast.Constant(2)),
            compare(ast.Constant("value"), ast.In(), raw),
        ],
    )
    late = _late(emitter, condition, out, attained, whole)
    value = [assign("raw", ast.Subscript(raw, ast.Constant("value"), ast.Load()))]
    on_time = [*value, ast.If(quick, emitter.verdict(condition, raw, out, attained, whole), by_step)]
    after = [*value, ast.If(quick, late, by_step)]
    choice = ast.If(
        compare(day, ast.Is(), ast.Constant(None)),
        by_step,
        [
            ast.If(
                compare(day, ast.LtE(), emitter.bind(emitter.plan.when(condition))),
                on_time,
                [ast.If(compare(day, ast.LtE(), emitter.bind(emitter.plan.day)), after, by_step)],
            )
        ],
    )
    is_text = compare(call(load("type"), text), ast.Is(), load("str_type"))
    inside = [
        assign("text", call(ast.Attribute(raw, "get", ast.Load()), ast.Constant("date"))),
        assign(
            "day",
            ast.IfExp(is_text, call(ast.Attribute(load("days"), "get", ast.Load()), text), ast.Constant(None)),
        ),
        choice,
    ]
    return [ast.If(shape, inside, by_step)]


def formula_condition(emitter: Emitter, condition: CompiledCondition, step: Step, out: str) -> list[ast.stmt]:
    """A condition on a formula: each input read once per chunk into a local (SLOW when it
    needs more than a quick read, which leaves the condition to the general path), each
    formula computed once per chunk, inline; a formula too deep to write out, by the step."""
    expressions = [emitter.program.expressions[formula.name] for formula in condition.formulas]
    if any(syntax.depth(expression) > INLINE_DEPTH for expression in expressions):
        # Python's parser and compiler recurse on nesting: such a formula is not written out.
        return [assign(out, call(emitter.bind(step), load("facts"), load("values")))]
    statements: list[ast.stmt] = []
    for name in condition.inputs:
        if name not in emitter.held:
            emitter.held[name] = emitter.local("f")
            statements += read(emitter, name, emitter.held[name])
    for formula, expression in zip(condition.formulas, expressions, strict=True):
        if formula.name not in emitter.held:
            held = [emitter.held[name] for name in syntax.references(expression) if name in emitter.held]
            value = Expressions(emitter).run(expression)
            checks: list[ast.expr] = [compare(load(name), ast.Is(), load("SLOW")) for name in held]
            if checks:  # an input that needs more than a quick read: the formula is SLOW too
                slow = checks[0] if len(checks) == 1 else ast.BoolOp(ast.Or(), checks)
                value = ast.IfExp(slow, load("SLOW"), value)
            emitter.held[formula.name] = emitter.local("v")
            statements.append(assign(emitter.held[formula.name], value))
    subject = emitter.operand(condition.subject)
    verdict = emitter.verdict(condition, subject, out, attained=False)
    if isinstance(subject, ast.Name) and subject.id in emitter.locals:
        verdict = [ast.If(compare(subject, ast.Is(), load("SLOW")), [assign(out, ast.Constant(None))], verdict)]
    return statements + verdict


def read(emitter: Emitter, name: str, local: str) -> list[ast.stmt]:
    """`local` = the raw fact taken as it is, or bounded, or read by its reader (maybe SLOW)."""
    spec = emitter.program.facts[name]
    raw = load("raw")
    statements: list[ast.stmt] = [assign(local, call(emitter.bind(emitter.program.readers[name]), raw))]
    kind = quick_type(spec)
    if kind is int:
        finite = call(ast.Attribute(raw, "is_finite", ast.Load()))
        decimal = ast.BoolOp(ast.And(), [compare(call(load("type"), raw), ast.Is(), load("Decimal")), finite])
        bounded = [ast.Expr(call(emitter.bind(emitter.within), raw)), assign(local, raw)]
        statements = [ast.If(decimal, bounded, statements)]
    quick = emitter.quick(kind, raw)
    if quick is not None:
        statements = [ast.If(quick, [assign(local, raw)], statements)]
    return [assign("raw", call(load("get"), ast.Constant(name), load("ABSENT"))), *statements]


def _late(emitter: Emitter, condition: CompiledCondition, out: str, attained: bool, whole: bool) -> list[ast.stmt]:
    """A value observed after the deadline, by the as-of date: missing on the deadline, and met
    on its day (or not met at all)."""
    raw, day = load("raw"), load("day")
    name = condition.inputs[0]
    late_met = ast.Tuple(
        [
            ast.Constant(NOT_MET),
            ast.Constant(None),
            call(
                emitter.bind(Outcome),
                emitter.bind(Why.MISSING_AT_DEADLINE),
                emitter.bind((name,)),
                ast.Constant(""),
                day,
            ),
        ],
        ast.Load(),
    )
    late_unmet = emitter.bind((NOT_MET, None, Outcome(Why.MISSING_AT_DEADLINE, (name,))))
    return [
        ast.If(
            emitter.test(condition, raw, whole),
            [assign(out, late_met)],
            emitter.unless_attained(raw, out, late_unmet, attained),
        )
    ]
