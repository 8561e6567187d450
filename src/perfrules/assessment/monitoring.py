"""Mid-year monitoring (绩效监控, the "双监控" of 财预〔2019〕136号): budget execution against the
passing of the year, and for each indicator how likely its target is to be met.

时间进度 is the share of the year elapsed on the as-of date (that day included); 预算执行进度 is
executed / budget; a warning is raised when execution lags time by more than the tolerance.
完成目标可能性: a target met already is 确定能 (green); a deadline passed unmet is 不可能 (red);
a fact `指标:可能性` gives it explicitly; otherwise a count or amount that must reach a target by its
deadline is projected at its pace so far (linear from the start of the year): reaching the target
is 有可能 (yellow), falling short is 不可能 (red); anything else not yet met is 有可能 (yellow).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from ..engine.facts import LIKELIHOOD_SUFFIX, is_blank
from ..engine.results import IndicatorResult
from ..engine.status import Status
from ..errors import FactsError, UnknownName, UsageError
from ..errors.text import shown
from ..quantities.arithmetic import plain, rounded, setting
from ..quantities.comparators import Comparator
from ..quantities.values import Quantity, readable
from .protocols import EvaluatedReport

LIGHTS = {"确定能": "green", "有可能": "yellow", "不可能": "red"}


def _tolerance(value: object) -> Decimal:
    return setting(value, most=Decimal(1))


@attrs.frozen
class MonitoringPolicy:
    tolerance: Decimal = attrs.field(default=Decimal("0.1"), converter=_tolerance)
    """How far (a share of the year) execution may lag time before a warning: 0.1 is 10 points."""
    executed_facts: tuple[str, ...] = ("执行数", "预算执行数", "预算完成数")
    """Facts holding the amount executed so far; the first one present is used."""
    budget_name: str = "部门预算总额"
    """The budget constant holding 年初预算数 (else the budget's first line)."""


@attrs.frozen
class MonitorRow:
    name: str
    group: tuple[str, ...]
    target: str
    current: str
    deadline: date | None
    likelihood: str
    light: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "group": list(self.group),
            "target": self.target,
            "current": self.current,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "likelihood": self.likelihood,
            "light": self.light,
            "reason": self.reason,
        }


@attrs.frozen
class MonitoringSheet:
    """The 监控表: budget execution against time, and each indicator's outlook."""

    as_of: date
    time_progress: Decimal
    budget: Quantity | None
    executed: Quantity | None
    execution_progress: Decimal | None
    deviation: Decimal | None
    warning: str | None
    rows: tuple[MonitorRow, ...]

    def to_dict(self) -> dict[str, Any]:
        def share(value: Decimal | None) -> str | None:
            return None if value is None else plain(value)

        return {
            "as_of": self.as_of.isoformat(),
            "budget": None if self.budget is None else self.budget.to_json(),
            "executed": None if self.executed is None else self.executed.to_json(),
            "time_progress": share(self.time_progress),
            "execution_progress": share(self.execution_progress),
            "deviation": share(self.deviation),
            "warning": self.warning,
            "indicators": [row.to_dict() for row in self.rows],
        }


def percent(share: Decimal) -> str:
    return plain(rounded(Fraction(share) * 100, 2, half_even=True)) + "%"


def monitor(report: EvaluatedReport, policy: MonitoringPolicy | None = None) -> MonitoringSheet:
    policy = policy or MonitoringPolicy()
    if report.as_of is None:
        raise UsageError("monitoring needs an as-of date")
    as_of = report.as_of
    year = report.year or as_of.year
    start = date(year, 1, 1)
    days = (date(year, 12, 31) - start).days + 1
    elapsed = min(max((as_of - start).days + 1, 0), days)
    time_share = Fraction(elapsed, days)
    budget = _budget(report, policy)
    executed = _executed(report, policy)
    execution = deviation = None
    warning = None
    if budget is not None and executed is not None and budget[0]:
        execution = executed[0] / budget[0]
        deviation = execution - time_share
        if -deviation > Fraction(policy.tolerance):
            warning = (
                f"预算执行进度 {percent(_decimal(execution))} 落后时间进度 {percent(_decimal(time_share))}"
                f" 超过 {percent(policy.tolerance)}"
            )
    facts = report.facts
    rows = tuple(_row(report[name], facts, as_of, start) for name in report)
    return MonitoringSheet(
        as_of=as_of,
        time_progress=_decimal(time_share),
        budget=None if budget is None else budget[1],
        executed=None if executed is None else executed[1],
        execution_progress=None if execution is None else _decimal(execution),
        deviation=None if deviation is None else _decimal(deviation),
        warning=warning,
        rows=rows,
    )


def _decimal(value: Fraction) -> Decimal:
    return rounded(value, 4, half_even=True)


def _budget(report: EvaluatedReport, policy: MonitoringPolicy) -> tuple[Fraction, Quantity] | None:
    """年初预算数: the budget line named by the policy, else the budget's first line."""
    lines = report.budget
    if not lines:
        return None
    name = policy.budget_name if policy.budget_name in lines else next(iter(lines))
    return Fraction(report.base(lines[name])), lines[name]


def _executed(report: EvaluatedReport, policy: MonitoringPolicy) -> tuple[Fraction, Quantity] | None:
    """The amount executed so far: the first of the policy's facts that is given."""
    for name in policy.executed_facts:
        if name not in report.facts:
            continue
        try:
            value = report.value_of(name)
        except UnknownName:
            continue  # given, but not a fact of this ruleset
        except FactsError as error:
            raise FactsError(f"“{name}” cannot be read as the amount executed: {error}") from None
        if value is None:
            continue  # given blank
        if not isinstance(value, Quantity):
            raise FactsError(f"“{name}” cannot be read as the amount executed")
        return Fraction(report.base(value)), value
    return None


def _row(result: IndicatorResult, facts: Mapping[str, Any], as_of: date, start: date) -> MonitorRow:
    status = result.status
    given = facts.get(result.name + LIKELIHOOD_SUFFIX)
    given = None if is_blank(given) else given
    if given is not None and (not isinstance(given, str) or given not in LIGHTS):
        raise FactsError(f"“{result.name}{LIKELIHOOD_SUFFIX}” must be one of {'、'.join(LIGHTS)}, not {shown(given)}")
    if status is Status.MET:
        likelihood, reason = "确定能", "已达到目标"
    elif status is Status.NOT_MET:
        likelihood, reason = "不可能", "截止日期已过，未达到目标" if result.deadline else "未达到目标"
    elif given is not None:
        likelihood, reason = given, "按填报"
    elif status is Status.INVALID:
        likelihood, reason = "不可能", result.reason
    elif status is Status.MISSING:
        likelihood, reason = "有可能", "尚无数据"
    else:
        likelihood, reason = _projection(result, as_of, start)
    return MonitorRow(
        name=result.name,
        group=result.group,
        target=readable(result.target),
        current=readable(result.value),
        deadline=result.deadline,
        likelihood=likelihood,
        light=LIGHTS[likelihood],
        reason=reason,
    )


def _projection(result: IndicatorResult, as_of: date, start: date) -> tuple[str, str]:
    """A number to reach by its deadline, projected at its pace so far."""
    target = result.target.value if not isinstance(result.target, dict) else None
    if (
        not isinstance(result.value, Quantity)
        or not isinstance(target, Quantity)
        or target.unit in ("", "%")  # rates and plain numbers do not accumulate: no pace to project
        or result.target.comparator not in (Comparator.GE, Comparator.GT)  # type: ignore[union-attr]
        or result.deadline is None
    ):
        return "有可能", "尚未达到目标"
    elapsed = (as_of - start).days + 1
    span = (result.deadline - start).days + 1
    if elapsed <= 0:
        return "有可能", "尚未开始"
    projected = Fraction(result.value.amount) * span / elapsed
    shown = readable(Quantity(rounded(projected, 1, half_even=True), result.value.unit))
    if projected >= Fraction(target.amount):
        return "有可能", f"按当前进度，截止日期前预计可达 {shown}"
    return "不可能", f"按当前进度，截止日期前预计只有 {shown}"
