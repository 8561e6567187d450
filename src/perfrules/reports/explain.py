"""`perfrules explain`: a trace (engine/trace.py) as text, in Chinese or English: the indicator's
definition, every sub-expression's value, the facts it read (with their dates) and why its status
is what it is."""

from __future__ import annotations

from datetime import date

from ..engine.trace import FactTrace, FormulaTrace, NodeTrace, ReadingTrace, Trace
from ..errors.phrases import language_of
from ..quantities.arithmetic import CONTEXT
from ..quantities.values import Quantity, readable
from .wording import word


def explain(trace: Trace, language: str = "zh") -> str:
    """A plain-text explanation of one indicator (or formula)."""
    language = language_of(language)
    lines: list[str] = []
    definition, result = trace.definition, trace.result
    if definition is not None and result is not None:
        group = " / ".join(definition.group) or word("no-group", language)
        lines += [
            word("explain-title", language, name=trace.name, group=group),
            word("explain-definition", language, source=definition.source, line=definition.line, text=definition.text),
        ]
        if definition.description:
            lines.append(word("explain-about", language, text=definition.description.splitlines()[0]))
        deadline = result.deadline or word("none", language)
        lines += [
            word("explain-target", language, target=readable(result.target), deadline=deadline),
            word("explain-status", language, status=result.status.value, reason=result.reason_in(language)),
        ]
    for reading in trace.readings:
        lines += _reading(reading, language)
    return "\n".join(lines) + "\n"


def _reading(reading: ReadingTrace, language: str) -> list[str]:
    said = reading.day_said
    day = said.isoformat() if isinstance(said, date) else said.text(language)
    lines = ["", word("explain-read-on", language, day=day)]
    if reading.formula is not None:
        lines += _tree(reading.formula, "  ", language)
    lines.append(word("explain-facts", language))
    lines += ["    " + _fact(fact, day, language) for fact in reading.facts]
    return lines


def _tree(formula: FormulaTrace, indent: str, language: str) -> list[str]:
    """The formula as a tree, each sub-expression with its value on the day."""
    value = word("cannot-compute", language) if formula.value is None else readable(formula.value)
    lines = [f"{indent}{formula.name} := {formula.text}  = {value}"]
    stack: list[tuple[NodeTrace, str, bool]] = [
        (operand, indent, index == len(formula.root.operands) - 1)
        for index, operand in reversed(list(enumerate(formula.root.operands)))
    ]
    while stack:
        node, prefix, last = stack.pop()
        lines.append(f"{prefix}{'└─ ' if last else '├─ '}{node.text} = {_node_value(node, language)}")
        prefix += "   " if last else "│  "
        for index, operand in reversed(list(enumerate(node.operands))):
            stack.append((operand, prefix, index == len(node.operands) - 1))
    return lines


def _node_value(node: NodeTrace, language: str) -> str:
    if node.source == "none":
        return word("no-value", language)
    if node.source is not None:
        return word("node-source", language, value=_number(node.value), source=word(node.source, language))
    return word("cannot-compute", language) if node.value is None else _number(node.value)


def _number(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return readable(Quantity(CONTEXT.plus(value), ""))  # type: ignore[arg-type]


def _fact(fact: FactTrace, day: str, language: str) -> str:
    if not fact.given:
        return word("fact-not-given", language, name=fact.name)
    if fact.problem is not None:
        return word("fact-unusable", language, name=fact.name, problem=fact.problem.text(language))
    in_force = _shown(fact.in_force, language)
    if fact.history:
        observed = word("between", language).join(
            f"{when.isoformat()} {_shown(value, language)}" for when, value in fact.history
        )
        return word("fact-history", language, name=fact.name, observed=observed, day=day, value=in_force)
    return word("fact-undated", language, name=fact.name, value=in_force)


def _shown(value: Quantity | str | None, language: str) -> str:
    if value is None:
        return word("nothing-before", language)
    return value if isinstance(value, str) else readable(value)
