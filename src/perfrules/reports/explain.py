"""`perfrules explain`: a trace (engine/trace.py) as text: the indicator's definition, every
sub-expression's value, the facts it read (with their dates) and why its status is what it is."""

from __future__ import annotations

from ..engine.trace import FactTrace, FormulaTrace, NodeTrace, Reading, Trace
from ..quantities.arithmetic import CONTEXT
from ..quantities.values import Quantity, readable

_SOURCES = {"formula": "公式", "constant": "预算常量", "fact": "事实"}


def explain(trace: Trace) -> str:
    """A plain-text explanation of one indicator (or formula)."""
    lines: list[str] = []
    definition, result = trace.definition, trace.result
    if definition is not None and result is not None:
        lines += [
            f"{trace.name}（{' / '.join(definition.group) or '未分组'}）",
            f"  定义  {definition.source}:{definition.line}: {definition.text}",
        ]
        if definition.description:
            lines.append(f"  说明  {definition.description.splitlines()[0]}")
        lines += [
            f"  目标  {readable(result.target)}，截止 {result.deadline or '无'}",
            f"  状态  {result.status.value}：{result.reason}",
        ]
    for reading in trace.readings:
        lines += _reading(reading)
    return "\n".join(lines) + "\n"


def _reading(reading: Reading) -> list[str]:
    lines = ["", f"  取值日 {reading.day_text}"]
    if reading.formula is not None:
        lines += _tree(reading.formula, "  ")
    lines.append("  用到的事实")
    lines += ["    " + _fact(fact, reading.day_text) for fact in reading.facts]
    return lines


def _tree(formula: FormulaTrace, indent: str) -> list[str]:
    """The formula as a tree, each sub-expression with its value on the day."""
    value = "—（无法计算）" if formula.value is None else readable(formula.value)
    lines = [f"{indent}{formula.name} := {formula.text}  = {value}"]
    stack: list[tuple[NodeTrace, str, bool]] = [
        (operand, indent, index == len(formula.root.operands) - 1)
        for index, operand in reversed(list(enumerate(formula.root.operands)))
    ]
    while stack:
        node, prefix, last = stack.pop()
        lines.append(f"{prefix}{'└─ ' if last else '├─ '}{node.text} = {_node_value(node)}")
        prefix += "   " if last else "│  "
        for index, operand in reversed(list(enumerate(node.operands))):
            stack.append((operand, prefix, index == len(node.operands) - 1))
    return lines


def _node_value(node: NodeTrace) -> str:
    if node.source == "none":
        return "—（无值）"
    if node.source is not None:
        return f"{_number(node.value)}（{_SOURCES[node.source]}）"
    return "—（无法计算）" if node.value is None else _number(node.value)


def _number(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return readable(Quantity(CONTEXT.plus(value), ""))  # type: ignore[arg-type]


def _fact(fact: FactTrace, day_text: str) -> str:
    if not fact.given:
        return f"{fact.name}：未提供"
    if fact.problem is not None:
        return f"{fact.name}：无法使用（{fact.problem}）"
    if fact.history:
        observed = "，".join(f"{when.isoformat()} {_shown(value)}" for when, value in fact.history)
        return f"{fact.name}：{observed}；{day_text} 时有效的是 {_shown(fact.in_force)}"
    return f"{fact.name}：{_shown(fact.in_force)}（不带日期，任何一天都有效）"


def _shown(value: Quantity | str | None) -> str:
    if value is None:
        return "无（此前没有记录）"
    return value if isinstance(value, str) else readable(value)
