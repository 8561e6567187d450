"""Warnings about forms tables print that perfrules takes, but reads in a way worth a second look:
a label that states a quantity, a schedule phrase with no date, a rate with no unit, 12月前 read
generously, a limit written with no comparator (成本控制率, a rate, is not one), a unit column or
指标值类型 that contradicts the target. Each says what perfrules read and how to write what the
table means."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import date

from ...errors import Diagnostic
from ...quantities.comparators import Comparator
from .. import syntax
from ..parser import deadline_in_label
from .scope import Scope

_QUANTITY = re.compile(
    r"([0-9]+(?:\.[0-9]+)?)\s*(百分比|[万亿千]?元|萬元|[\u4e00-\u9fff]{1,2}?)(?=$|[^\u4e00-\u9fff]|以|内|左右)"
)
"""A number with a unit inside a label: 年度预算220万元."""
_AT_MOST = re.compile(r"不超过|不高于|以内|以下|控制在|内$|预算内")
_AT_LEAST = re.compile(r"不低于|不少于|至少|以上|达到")
_SCHEDULE = re.compile(
    r"^(?:按月|按季|按年|按周|按进度|按计划|按期|按时|及时|定期|适时|如期)|计划完成时间|规定时间|时限内"
)
_LIMIT_NAME = re.compile(r"控制在|控制|成本|投诉|事故|差错|超支|违规|违纪|不超过")
_NARRATIVE = re.compile(r"[,;。，；]|.{25}")
"""A label written as prose (a narrative row's target): its numbers tell a story, not a target."""
_MONTH_BEFORE = re.compile(r"[0-9]{1,2}月前")


def is_limit(name: str) -> bool:
    """A name that states a limit (成本控制数, 投诉次数): its bare target is a most, not a least.
    A rate or degree (成本控制率, 满意度) is not one: more of it is better."""
    return bool(_LIMIT_NAME.search(name)) and not name.endswith(("率", "度"))


def printed_forms(scope: Scope) -> Iterator[Diagnostic]:
    for indicator in scope.document.indicators:
        if not isinstance(indicator, syntax.SimpleIndicator):
            continue
        name, comparison = indicator.name.text, indicator.comparison
        yield from _target(scope, name, comparison)
        yield from _columns(scope, indicator)
        if indicator.deadline is not None:
            yield from _month_before(scope, indicator.deadline)


def _target(scope: Scope, name: str, comparison: syntax.Comparison) -> Iterator[Diagnostic]:
    target = comparison.target
    if isinstance(target, syntax.LabelLiteral) and comparison.op is Comparator.EQ:
        if _SCHEDULE.search(target.text):
            yield scope.say.no_date(target.span, target.text)
        elif (deadline := deadline_in_label(target.text)) is not None:
            start, spelling = deadline
            yield scope.say.mistyped_deadline(target.span, target.text, target.text[:start] + spelling, spelling)
        elif not _NARRATIVE.search(target.text) and (suggestion := _quantitative(name, target.text)) is not None:
            yield scope.say.label_holds_quantity(target.span, target.text, suggestion)
    if not isinstance(target, syntax.QuantityLiteral):
        return
    written = scope.source.original(target.span)
    if target.unit is None and name.endswith("率"):
        yield scope.say.rate_without_unit(target.span, name, written)
    if comparison.implicit and is_limit(name):
        yield scope.say.implicit_direction(target.span, name, written)


def _quantitative(name: str, label: str) -> str | None:
    """The comparison a label that states a quantity stands for, if it states one."""
    found = _QUANTITY.search(label)
    limit = _AT_MOST.search(label)
    if found is None and limit is None and not _AT_LEAST.search(label):
        return None
    op = "<=" if limit or (not _AT_LEAST.search(label) and re.search("预算|成本|费用|支出", name + label)) else ">="
    if found is None:
        return f"{op} N 万元"
    amount, unit = found.groups()
    return f"{op} {amount} {unit}"  # a label never holds %: the grammar reads it as a unit column


def _columns(scope: Scope, indicator: syntax.SimpleIndicator) -> Iterator[Diagnostic]:
    target = indicator.comparison.target
    column = target.column if isinstance(target, (syntax.QuantityLiteral, syntax.LabelLiteral)) else None
    written = scope.source.original(target.span)
    if column is not None:
        unit = scope.units.get(column.unit)
        if isinstance(target, syntax.LabelLiteral):
            yield scope.say.unit_column(column.span, column.unit, written, "is a label", "是文字")
        elif unit is not None and isinstance(target, syntax.QuantityLiteral) and target.unit is not None:
            own = scope.units.get(target.unit)
            if own is not None and own.dimension != unit.dimension:
                yield scope.say.unit_column(
                    column.span, column.unit, written, f"is in {own.name}", f"的单位是 {own.name}"
                )
    kind = indicator.value_kind
    if kind is None:
        return
    if kind.text == "定量" and isinstance(target, syntax.LabelLiteral):
        yield scope.say.value_kind(kind.span, kind.text, written, "is a label", "是文字")
    elif kind.text == "定性" and isinstance(target, syntax.QuantityLiteral):
        yield scope.say.value_kind(kind.span, kind.text, written, "is a number", "是数值")


def _month_before(scope: Scope, deadline: syntax.Deadline) -> Iterator[Diagnostic]:
    if _MONTH_BEFORE.search(deadline.text) is None:
        return
    # Warnings run on a ruleset without problems: a month deadline has its month and a year by now.
    year, month = deadline.year or scope.year, deadline.month
    assert year is not None
    assert month is not None
    day = date(year, month, calendar.monthrange(year, month)[1])
    earlier = f"{month - 1}月底前" if month > 1 else f"{year - 1}年12月底前"
    yield scope.say.month_before(deadline.span, deadline.text, day.isoformat(), earlier)
