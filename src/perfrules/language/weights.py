"""Weights (分值): given in the ruleset, checked to add up, or filled in by the documented default.

Weights flow top-down from 100. At each level, the children that carry a weight keep it; the
ones that do not share what is left equally. Where every child carries a weight, they must add
up to their parent's (and the top level to 100), or the checker says which group and both sums.
With no weight anywhere, the first level follows the Ministry of Finance's split when its groups
are the ministry's (预算执行率 10, 产出指标 50, 效益指标 30, 满意度指标 10; without 满意度 its 10
goes to 效益), and equal shares otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Protocol

import attrs

from ..errors import Diagnostic, Span
from . import syntax
from .messages import Messages

MINISTRY = {"产出指标": Fraction(50), "效益指标": Fraction(30), "满意度指标": Fraction(10)}
EXECUTION = "预算执行率"

EXPLICIT = "explicit"
MINISTRY_DEFAULT = "ministry"
EQUAL_SHARES = "equal"


@attrs.frozen
class Weights:
    """Each indicator's weight, each group's, and which rule produced them."""

    indicators: dict[str, Fraction]
    groups: dict[tuple[str, ...], Fraction]
    basis: str


@attrs.define
class _Node:
    name: str
    weight: Decimal | None
    span: Span
    children: list[_Node] = attrs.Factory(list)
    indicator: bool = False


class Weighted(Protocol):
    """What the weights need of a checked indicator."""

    @property
    def name(self) -> str: ...
    @property
    def group(self) -> tuple[str, ...]: ...
    @property
    def weight(self) -> Decimal | None: ...
    @property
    def span(self) -> Span: ...


def assign(
    program: syntax.Document, indicators: Sequence[Weighted], messages: Messages
) -> tuple[Weights, list[Diagnostic]]:
    """Weights for the checked indicators (in source order) of a program."""
    root, explicit = _tree(program, indicators)
    empty = _prune_empty(root, ())
    _sum_up(root)
    shares: dict[int, Fraction] = {}
    basis = EXPLICIT if explicit else EQUAL_SHARES
    if not explicit:
        ministry = _ministry(root)
        if ministry is not None:
            basis = MINISTRY_DEFAULT
            for child in root.children:
                shares[id(child)] = ministry[child.name]
    weights, problems = _share_out(root, shares, messages)
    weights.groups.update({path: Fraction(0) for path in empty})
    return attrs.evolve(weights, basis=basis), problems


def _prune_empty(node: _Node, path: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Take out the headings with no indicator under them (a table's empty rows); they take no
    share of any weight. Their paths, for the weights of groups (0)."""
    empty: list[tuple[str, ...]] = []
    for child in list(node.children):
        if child.indicator:
            continue
        empty.extend(_prune_empty(child, (*path, child.name)))
        if not child.children:
            node.children.remove(child)
            empty.append((*path, child.name))
    return empty


def _sum_up(node: _Node) -> None:
    """A heading that prints no weight, over children that all carry one, weighs their sum: tables
    that print weights on rows only (产出指标 over rows of 20 and 30 weighs 50)."""
    for child in node.children:
        if not child.indicator:
            _sum_up(child)
    if node.weight is None and node.children and all(child.weight is not None for child in node.children):
        node.weight = sum((child.weight for child in node.children if child.weight is not None), Decimal(0))


def _tree(program: syntax.Document, indicators: Sequence[Weighted]) -> tuple[_Node, bool]:
    """The groups and indicators as a tree under a root of 100, and whether any weight is written."""
    root = _Node("", Decimal(100), Span(0, 0))
    nodes: dict[tuple[str, ...], _Node] = {(): root}
    written = {group.path: group for group in program.groups}

    def node_for(path: tuple[str, ...]) -> _Node:
        if path not in nodes:
            parent = node_for(path[:-1])
            heading = written.get(path)
            weight = heading.weight.amount if heading and heading.weight else None
            node = _Node(path[-1], weight, heading.span if heading else Span(0, 0))
            parent.children.append(node)
            nodes[path] = node
        return nodes[path]

    for group in program.groups:
        node_for(group.path)
    for indicator in indicators:
        weight = indicator.weight
        node_for(indicator.group).children.append(_Node(indicator.name, weight, indicator.span, indicator=True))
    explicit = any(node.weight is not None for node in nodes.values() if node is not root) or any(
        indicator.weight is not None for indicator in indicators
    )
    return root, explicit


def _share_out(root: _Node, shares: dict[int, Fraction], messages: Messages) -> tuple[Weights, list[Diagnostic]]:
    """Weights top-down from 100: written ones kept, `shares` (node id → share) given, the rest
    of each parent's weight split equally among the children with neither."""
    problems: list[Diagnostic] = []
    result_indicators: dict[str, Fraction] = {}
    result_groups: dict[tuple[str, ...], Fraction] = {}
    stack: list[tuple[_Node, tuple[str, ...], Fraction]] = [(root, (), Fraction(100))]
    while stack:
        node, path, weight = stack.pop()
        if node.indicator:
            result_indicators[node.name] = weight
            continue
        if path:
            result_groups[path] = weight
        if not node.children:
            continue
        given = [child for child in node.children if child.weight is not None]
        given_sum = sum((Fraction(child.weight) for child in given if child.weight is not None), Fraction(0))
        rest = [child for child in node.children if child.weight is None and id(child) not in shares]
        if not rest and not any(id(child) in shares for child in node.children) and given_sum != weight:
            span = node.span if path else node.children[0].span
            problems.append(messages.weights_do_not_add_up(span, node.name or None, weight, given_sum))
        left = (
            weight - given_sum - sum((shares[id(child)] for child in node.children if id(child) in shares), Fraction(0))
        )
        if rest and left < 0:
            span = node.span if path else rest[0].span
            problems.append(messages.weights_do_not_add_up(span, node.name or None, weight, given_sum))
            left = Fraction(0)
        for child in node.children:
            if child.weight is not None:
                share = Fraction(child.weight)
            elif id(child) in shares:
                share = shares[id(child)]
            else:
                share = left / len(rest)
            stack.append((child, path + ((child.name,) if not child.indicator else ()), share))
    return Weights(result_indicators, result_groups, EXPLICIT), problems


def _ministry(root: _Node) -> dict[str, Fraction] | None:
    """The ministry's first-level split, when the first level is the ministry's."""
    names = [child.name for child in root.children]
    groups = [name for name in names if name in MINISTRY]
    others = [child for child in root.children if child.name not in MINISTRY]
    if not groups or any(not _is_execution(child) for child in others) or len(set(names)) != len(names):
        return None
    split = {name: MINISTRY[name] for name in groups}
    if "满意度指标" not in split and "效益指标" in split:
        split["效益指标"] += MINISTRY["满意度指标"]
    for child in others:
        split[child.name] = Fraction(10)
    total = sum(split.values(), Fraction(0))
    return {name: share * 100 / total for name, share in split.items()}


def _is_execution(node: _Node) -> bool:
    if node.indicator:
        return node.name == EXECUTION
    return len(node.children) == 1 and _is_execution(node.children[0])
