"""The running order of a ruleset: headings give the indicators after them their group, and a
description belongs to the statement before it. The builder makes the statements; this pass puts
them in their places and sorts them into a `syntax.Document`."""

from __future__ import annotations

from typing import Any

import attrs

from ..errors import Span
from . import syntax


@attrs.frozen
class Level:
    """A 一级指标 or 二级指标 heading, on its way to the indicators after it."""

    depth: int
    name: syntax.Name
    weight: syntax.Weight | None


@attrs.frozen
class Description:
    """A quoted line on its own, on its way to the statement before it."""

    text: str
    span: Span


def heading(depth: int, rest: tuple[Any, ...]) -> Level:
    """A heading's words joined as one name (产 出 指 标 is 产出指标), and its weight if printed."""
    weight = rest[-1] if isinstance(rest[-1], syntax.Weight) else None
    words = [word for word in rest if isinstance(word, syntax.Name)]
    name = syntax.Name("".join(word.text for word in words), Span(words[0].span.start, words[-1].span.end))
    return Level(depth, name, weight)


def assemble(statements: list[Any]) -> syntax.Document:
    """Give indicators their group, attach descriptions, and sort statements by kind.

    One pass over the statements, longer than most functions here: a heading applies to the
    statements after it and a description to the one before it, so both need the running order.
    """
    kinds: dict[type, list[Any]] = {}
    indicators: list[syntax.SimpleIndicator | syntax.Compound] = []
    formulas: list[syntax.Formula] = []
    budget: list[syntax.BudgetEntry] = []
    orphans: list[syntax.OrphanDescription] = []
    level1: str | None = None
    level2: str | None = None
    groups: list[syntax.Group] = []
    describable: list[Any] | None = None
    for statement in statements:
        if isinstance(statement, Description):
            if describable is None:
                orphans.append(syntax.OrphanDescription(statement.span))
                continue
            previous = describable[-1]
            text = statement.text if previous.description is None else previous.description + "\n" + statement.text
            describable[-1] = attrs.evolve(previous, description=text)
            continue
        describable = None
        if isinstance(statement, Level):
            if statement.depth == 1:
                level1, level2 = statement.name.text, None
                path: tuple[str, ...] = (level1,)
            else:
                level2 = statement.name.text
                path = (level1, level2) if level1 is not None else (level2,)
            groups.append(syntax.Group(path, statement.weight, statement.name.span))
        elif isinstance(statement, (syntax.SimpleIndicator, syntax.Compound)):
            group = tuple(name for name in (level1, level2) if name is not None)
            indicators.append(attrs.evolve(statement, group=group))
            describable = indicators
        elif isinstance(statement, syntax.Formula):
            formulas.append(statement)
            describable = formulas
        elif isinstance(statement, list):
            budget.extend(statement)
        else:
            kinds.setdefault(type(statement), []).append(statement)
    return syntax.Document(
        departments=tuple(kinds.get(syntax.Department, ())),
        years=tuple(kinds.get(syntax.Year, ())),
        units=tuple(kinds.get(syntax.UnitDeclaration, ())),
        facts=tuple(kinds.get(syntax.FactDeclaration, ())),
        scales=tuple(kinds.get(syntax.Scale, ())),
        budget=tuple(budget),
        formulas=tuple(formulas),
        indicators=tuple(indicators),
        orphans=tuple(orphans),
        groups=tuple(groups),
        attainments=tuple(kinds.get(syntax.Attainment, ())),
    )
