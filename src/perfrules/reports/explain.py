"""`perfrules explain`: one indicator, its definition, every sub-expression's value, the facts it
read (with their dates) and why its status is what it is."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..api import Ruleset
from ..engine.compiler import _compile_expr
from ..engine.facts import MISSING, Invalid, Timeline
from ..engine.runtime import Report
from ..errors import UnknownName
from ..language import syntax as ast
from ..quantities.arithmetic import CONTEXT
from ..quantities.values import Quantity, readable


def explain(ruleset: Ruleset, report: Report, name: str) -> str:
    """A plain-text explanation of one indicator (or formula) in an evaluated report."""
    context = _Context(ruleset)
    checked, formulas = context.checked, context.formulas
    indicator = next((item for item in checked.indicators if item.name == name), None)
    if indicator is None and name not in formulas:
        raise UnknownName(name, "an indicator or a formula", [*(item.name for item in checked.indicators), *formulas])
    source = checked.source
    lines: list[str] = []
    run = report._runner()
    if indicator is not None:
        result = report[name]
        line = source.line_column(indicator.span.start)[0]
        lines += [
            f"{name}（{' / '.join(indicator.group) or '未分组'}）",
            f"  定义  {source.name}:{line}: {source.line_text(line).strip()}",
        ]
        if indicator.description:
            lines.append(f"  说明  {indicator.description.splitlines()[0]}")
        lines += [
            f"  目标  {readable(result.target)}，截止 {result.deadline or '无'}",
            f"  状态  {result.status.value}：{result.reason}",
        ]
        subjects = [condition.subject for condition in indicator.conditions]
        day_of = {
            condition.subject: run.plan.when(_compiled(report, name, condition.subject))
            for condition in indicator.conditions
        }
    else:
        subjects = [name]
        day_of = {name: run.day}
    for subject in subjects:
        day = day_of[subject]
        moment = run.moment(day)
        lines.append("")
        lines.append(f"  取值日 {run.plan.day_text(day)}")
        if subject in formulas:
            lines += _tree(context, subject, moment, "  ")
        inputs = report._program.formula_inputs.get(subject, (subject,)) if subject in formulas else (subject,)
        lines.append("  用到的事实")
        for fact in inputs:
            lines.append("    " + _fact(report, run, fact, day))
    return "\n".join(lines) + "\n"


def _compiled(report: Report, name: str, subject: str) -> Any:
    indicator = next(item for item in report._program.indicators if item.name == name)
    return next(condition for condition in indicator.conditions if condition.subject == subject)


def _tree(context: _Context, name: str, moment: Any, indent: str) -> list[str]:
    """The formula as a tree, each sub-expression with its value on the moment's day."""
    formulas, source = context.formulas, context.checked.source
    formula = formulas[name]
    invalid, missing = moment.check_inputs(context.program.formula_inputs[name])
    if not invalid and not missing:
        moment.compute(context.program.formula_chains[name])
    value = moment.values.get(name)
    lines = [f"{indent}{name} := {source.original(formula.expr.span)}  = {_shown(value, formula.display)}"]
    stack: list[tuple[ast.Expr, str, bool]] = [(formula.expr, indent, True)]
    while stack:
        node, prefix, last = stack.pop()
        if node is not formula.expr:
            branch = "└─ " if last else "├─ "
            lines.append(f"{prefix}{branch}{source.original(node.span)} = {_value(node, moment, context)}")
            prefix += "   " if last else "│  "
        children = _children(node)
        for index, child in reversed(list(enumerate(children))):
            stack.append((child, prefix, index == len(children) - 1))
    return lines


def _children(node: ast.Expr) -> list[ast.Expr]:
    if isinstance(node, ast.Binary):
        return [node.left, node.right]
    if isinstance(node, ast.Unary):
        return [node.operand]
    return []


def _value(node: ast.Expr, moment: Any, context: _Context) -> str:
    if isinstance(node, ast.Reference):
        if node.name in moment.values:
            kind = (
                "公式"
                if node.name in context.formulas
                else "预算常量"
                if node.name in context.program.constants
                else "事实"
            )
            return f"{_number(moment.values[node.name])}（{kind}）"
        return "—（无值）"
    try:
        function, _rounded = _compile_expr(node, context.checked, context.rounded)
        return _number(function(moment.values))
    except (KeyError, ArithmeticError):
        return "—（无法计算）"


class _Context:
    """What drawing formula trees needs: the checked ruleset, its program, which formulas round."""

    def __init__(self, ruleset: Ruleset) -> None:
        self.checked = ruleset._checked
        self.program = ruleset._program
        self.formulas = {formula.name: formula for formula in self.checked.formulas}
        self.rounded: dict[str, bool] = {}
        for formula in self.checked.formulas:
            _function, self.rounded[formula.name] = _compile_expr(formula.expr, self.checked, self.rounded)


def _number(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return readable(Quantity(CONTEXT.plus(value), ""))


def _shown(value: Any, display: Any) -> str:
    if value is None:
        return "—（无法计算）"
    return readable(Quantity(CONTEXT.divide(value, display.factor), display.name))


def _fact(report: Report, run: Any, name: str, day: date) -> str:
    spec = report._program.facts.get(name)
    raw = report._facts.get(name)
    if raw is None:
        return f"{name}：未提供"
    timeline = run._table.timeline(name) if run._table is not None else None
    if isinstance(timeline, Invalid):
        return f"{name}：无法使用（{timeline.reason}）"
    if isinstance(timeline, Timeline) and timeline.dates:
        observed = "，".join(
            f"{when.isoformat()} {_fact_value(value, spec)}"
            for when, value in zip(timeline.dates, timeline.values, strict=True)
        )
        when = run.plan.day_text(day)
        return f"{name}：{observed}；{when} 时有效的是 {_fact_value(timeline.at(day), spec)}"
    value = timeline.constant if isinstance(timeline, Timeline) else raw
    return f"{name}：{_fact_value(value, spec)}（不带日期，任何一天都有效）"


def _fact_value(value: Any, spec: Any) -> str:
    if value is MISSING:
        return "无（此前没有记录）"
    if isinstance(value, str) or spec is None or spec.unit is None:
        return str(value)
    return readable(Quantity(CONTEXT.divide(value, spec.unit.factor), spec.unit.name))
