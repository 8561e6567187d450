"""Mid-year monitoring (绩效监控, the "双监控" of 财预〔2019〕136号): budget execution against the
passing of the year, and for each indicator how likely its target is to be met.

时间进度 is the share of the year elapsed on the as-of date (that day included); 预算执行进度 is
executed / budget; a warning is raised when execution lags time by more than the tolerance.
完成目标可能性: a target met already is 确定能 (green); 不可能 (red) is said only of a target that can
no longer be met (its deadline passed unmet, or a count or amount that only grows already beyond
its limit), so that a red light always asks for a cause; a fact `指标:可能性` gives it
explicitly; anything else not yet met is 有可能 (yellow), with a reason: 缺数据, 数据无效, or a
count or amount projected at its pace so far, which says whether the pace must quicken.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from ..engine.cells import is_blank
from ..engine.facts import EXECUTED_FACTS, LIKELIHOOD_SUFFIX, Invalid, read_fact
from ..engine.facts import MISSING as NOTHING
from ..engine.results import IndicatorResult
from ..engine.status import Status
from ..errors import FactsError, UnknownName, UsageError
from ..errors.phrases import Phrase, Reasoned, language_of
from ..errors.text import shown
from ..language.checked import FactSpec
from ..quantities.arithmetic import CONTEXT, plain, rounded, setting
from ..quantities.comparators import Comparator
from ..quantities.units import RATIO, Dimension, Unit
from ..quantities.values import Quantity, Target, readable
from .protocols import EvaluatedReport
from .wording import said

LIGHTS = {"确定能": "green", "有可能": "yellow", "不可能": "red"}
LIKELIHOOD_CODES = {"确定能": "certain", "有可能": "possible", "不可能": "impossible"}
"""完成目标可能性 as a fact gives it (`指标:可能性`) → its stable code."""

_NOT_GROWING = frozenset(Dimension.of(word) for word in ("天", "小时", "年", "月", "周", "日", "米", "平方米", "亩"))
"""Durations, lengths and areas: a limit on them (办结时限 ≤ 5 天) is not a limit on a total."""
_PER_UNIT = ("人均", "户均", "次均", "平均", "单价", "单位成本", "每")
"""Words naming an average or a price (人均费用 ≤ 500 元): it may fall again, so it is not a total."""


def _tolerance(value: object) -> Decimal:
    return setting(value, most=Decimal(1))


@attrs.frozen
class MonitoringPolicy:
    """How to monitor: the tolerance for execution lagging time, and where the amounts are.

    Raises UsageError for a tolerance that is not a number from 0 to 1.
    """

    tolerance: Decimal = attrs.field(default=Decimal("0.1"), converter=_tolerance)
    """How far (a share of the year) execution may lag time before a warning: 0.1 is 10 points."""
    executed_facts: tuple[str, ...] = EXECUTED_FACTS
    """Facts holding the amount executed so far; the first one present is used."""
    budget_name: str = "部门预算总额"
    """The budget constant holding 年初预算数 (else the budget's first line)."""


@attrs.frozen
class MonitorRow(Reasoned):
    """One row of the 监控表; its 完成目标可能性 and reason are codes with words in either language."""

    name: str
    group: tuple[str, ...]
    target: str
    current: str
    deadline: date | None
    likelihood_code: str
    """certain, possible or impossible (docs/api.md)."""
    light: str
    reasoning: Phrase

    @property
    def likelihood(self) -> str:
        """完成目标可能性 in Chinese: 确定能, 有可能 or 不可能."""
        return self.likelihood_in("zh")

    def likelihood_in(self, language: str) -> str:
        """完成目标可能性 in "zh" or "en". Raises UsageError for any other language."""
        return said(self.likelihood_code).text(language)

    def to_dict(self, language: str = "zh") -> dict[str, Any]:
        """JSON-ready; texts in `language` ("zh" or "en") beside their codes. Raises UsageError for
        any other language."""
        return {
            "name": self.name,
            "group": list(self.group),
            "target": self.target,
            "current": self.current,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "likelihood": self.likelihood_in(language),
            "likelihood_code": self.likelihood_code,
            "light": self.light,
            "reason": self.reasoning.text(language),
            "reason_code": self.reasoning.code,
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
    alert: Phrase | None
    """Execution lagging time beyond the tolerance (code execution-behind), else None."""
    rows: tuple[MonitorRow, ...]

    @property
    def warning(self) -> str | None:
        """The budget's warning in Chinese, if any."""
        return self.warning_in("zh")

    @property
    def warning_code(self) -> str | None:
        """The warning's stable code (execution-behind), if any."""
        return None if self.alert is None else self.alert.code

    def warning_in(self, language: str) -> str | None:
        """The budget's warning in "zh" or "en", if any. Raises UsageError for any other language."""
        language = language_of(language)
        return None if self.alert is None else self.alert.text(language)

    def to_dict(self, language: str = "zh") -> dict[str, Any]:
        """JSON-ready; texts in `language` ("zh" or "en") beside their codes. Raises UsageError for
        any other language."""
        language = language_of(language)

        def share(value: Decimal | None) -> str | None:
            return None if value is None else plain(value)

        return {
            "as_of": self.as_of.isoformat(),
            "budget": None if self.budget is None else self.budget.to_json(),
            "executed": None if self.executed is None else self.executed.to_json(),
            "time_progress": share(self.time_progress),
            "execution_progress": share(self.execution_progress),
            "deviation": share(self.deviation),
            "warning": self.warning_in(language),
            "warning_code": self.warning_code,
            "indicators": [row.to_dict(language) for row in self.rows],
        }


def percent(share: Decimal) -> str:
    return plain(rounded(Fraction(share) * 100, 2, half_even=True)) + "%"


def monitor(report: EvaluatedReport, policy: MonitoringPolicy | None = None) -> MonitoringSheet:
    """The monitoring sheet of an evaluated report (see the module's docstring)."""
    if policy is None:
        policy = MonitoringPolicy()
    elif not isinstance(policy, MonitoringPolicy):
        raise UsageError(f"policy must be a perfrules.MonitoringPolicy, not {type(policy).__name__}")
    if report.as_of is None:
        raise UsageError("monitoring needs an as-of date")
    as_of = report.as_of
    year = report.year or as_of.year
    start = date(year, 1, 1)
    days = (date(year, 12, 31) - start).days + 1
    elapsed = min(max((as_of - start).days + 1, 0), days)
    time_share = Fraction(elapsed, days)
    budget = _budget(report, policy)
    executed = _executed(report, policy, "元" if budget is None else budget[1].unit)
    execution = deviation = None
    warning = None
    if budget is not None and executed is not None and budget[0]:
        execution = executed[0] / budget[0]
        deviation = execution - time_share
        if -deviation > Fraction(policy.tolerance):
            warning = said(
                "execution-behind",
                execution=percent(_decimal(execution)),
                time=percent(_decimal(time_share)),
                tolerance=percent(policy.tolerance),
            )
    facts = report.facts
    rows = tuple(_row(report[name], facts, as_of, start, report.units) for name in report)
    return MonitoringSheet(
        as_of=as_of,
        time_progress=_decimal(time_share),
        budget=None if budget is None else budget[1],
        executed=None if executed is None else executed[1],
        execution_progress=None if execution is None else _decimal(execution),
        deviation=None if deviation is None else _decimal(deviation),
        alert=warning,
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


def _executed(report: EvaluatedReport, policy: MonitoringPolicy, unit: str) -> tuple[Fraction, Quantity] | None:
    """The amount executed so far: the first of the policy's facts that is given, whether the ruleset
    declares it or not (monitoring facts often come beside a target table that never names them)."""
    for name in policy.executed_facts:
        if is_blank(report.facts.get(name)):
            continue  # not given, or given blank
        try:
            value = report.value_of(name)
        except UnknownName:
            value = _undeclared(report, name, unit)
        except FactsError as error:
            raise FactsError(f"“{name}” cannot be read as the amount executed: {error}") from None
        if value is None:
            continue  # nothing in force on the as-of date
        if not isinstance(value, Quantity):
            raise FactsError(f"“{name}” cannot be read as the amount executed")
        return Fraction(report.base(value)), value
    return None


def _undeclared(report: EvaluatedReport, name: str, unit_name: str) -> Quantity | None:
    """A fact the ruleset does not declare, read as an amount in the budget's unit: a bare number
    is in that unit, as the 监控表 prints 执行数 beside 年初预算数; "120 万元" names its own."""
    unit = report.units[unit_name]  # a budget line's own unit (a declared one too), or 元
    read = read_fact(FactSpec(name, unit), report.facts[name], report.units, report.limits)
    if isinstance(read, Invalid):
        raise FactsError(f"“{name}” cannot be read as the amount executed: {read.detail.text('en')}")
    assert report.as_of is not None
    amount = read.at(report.as_of)
    if amount is NOTHING:
        return None
    return Quantity(CONTEXT.divide(amount, unit.factor), unit.name)


def _row(
    result: IndicatorResult, facts: Mapping[str, Any], as_of: date, start: date, units: Mapping[str, Unit]
) -> MonitorRow:
    status = result.status
    given = facts.get(result.name + LIKELIHOOD_SUFFIX)
    given = None if is_blank(given) else given
    if given is not None and (not isinstance(given, str) or given not in LIGHTS):
        raise FactsError(f"“{result.name}{LIKELIHOOD_SUFFIX}” must be one of {'、'.join(LIGHTS)}, not {shown(given)}")
    reason: Phrase
    if status is Status.MET:
        likelihood, reason = "确定能", said("met")
    elif status is Status.NOT_MET:
        likelihood, reason = "不可能", said("deadline-passed" if result.deadline else "unmet")
    elif given is not None:
        likelihood, reason = given, said("as-given")
    elif status is Status.INVALID:
        likelihood, reason = "有可能", said("invalid-data", reason=result.reasoning)
    elif status is Status.MISSING:
        passed = result.final and result.deadline is not None
        likelihood, reason = "有可能", said("no-data-deadline-passed" if passed else "no-data")
    else:
        likelihood, reason = _outlook(result, as_of, start, units)
    return MonitorRow(
        name=result.name,
        group=result.group,
        target=readable(result.target),
        current=readable(result.value),
        deadline=result.deadline,
        likelihood_code=LIKELIHOOD_CODES[likelihood],
        light=LIGHTS[likelihood],
        reasoning=reason,
    )


def _outlook(result: IndicatorResult, as_of: date, start: date, units: Mapping[str, Unit]) -> tuple[str, Phrase]:
    """Not met yet: 不可能 only when a total is already beyond its limit; else 有可能, projected."""
    if result.parts:
        return _compound_outlook(result, as_of, start, units)
    if not isinstance(result.target, Target):
        return "有可能", said("no-target")  # a row that records a value has no target to reach
    value, target, comparator = result.value, result.target.value, result.target.comparator
    if (
        not isinstance(value, Quantity)
        or not isinstance(target, Quantity)
        or target.unit in ("", "%")  # rates and plain numbers do not accumulate: no pace to project
        or value.unit != target.unit
    ):
        return "有可能", said("not-yet-met")
    beyond = Fraction(value.amount) > Fraction(target.amount) or comparator is Comparator.LT
    if (
        comparator in (Comparator.LE, Comparator.LT, Comparator.EQ)
        and beyond
        and _accumulates(result.name, units[target.unit])
    ):
        return "不可能", said("beyond-limit", value=readable(value), target=readable(result.target))
    if comparator in (Comparator.GE, Comparator.GT, Comparator.EQ) and result.deadline is not None:
        return _projection(result, value, target, as_of, start)
    return "有可能", said("not-yet-met")


def _accumulates(name: str, known: Unit) -> bool:
    """Whether a quantity only grows through the year: money spent and things counted, not a duration,
    a length or an area, and not an average or a price."""
    if known.dimension == RATIO or known.dimension in _NOT_GROWING:
        return False
    return not any(word in name for word in _PER_UNIT)


def _compound_outlook(
    result: IndicatorResult, as_of: date, start: date, units: Mapping[str, Unit]
) -> tuple[str, Phrase]:
    """A compound is 不可能 when one part can no longer be met; else each pending part's outlook."""
    pending = [part for part in result.parts if part.status is Status.PENDING]
    outlooks = [(part.name, *_outlook(part, as_of, start, units)) for part in pending]
    for name, likelihood, reason in outlooks:
        if likelihood == "不可能":
            return likelihood, said("part-cannot-be-met", ((name, reason),))
    # A compound pending is so because a part is: there is always a part's outlook to give.
    parts = tuple((name, reason) for name, _likelihood, reason in outlooks)
    return "有可能", said("parts-outlook", parts)


def _projection(
    result: IndicatorResult, value: Quantity, target: Quantity, as_of: date, start: date
) -> tuple[str, Phrase]:
    """A count or amount to reach by its deadline, projected linearly at its pace so far. Falling short
    is 有可能, never 不可能: a once-a-year activity has no pace in June, and work may quicken."""
    assert result.deadline is not None
    elapsed = (as_of - start).days + 1
    span = (result.deadline - start).days + 1
    if elapsed <= 0:
        return "有可能", said("not-started")
    if not value.amount:
        return "有可能", said("nothing-yet", value=readable(value), target=readable(result.target))
    projected = Fraction(value.amount) * span / elapsed
    expected = readable(Quantity(rounded(projected, 1, half_even=True), value.unit))
    if projected >= Fraction(target.amount):
        return "有可能", said("on-pace", expected=expected)
    return "有可能", said("behind-pace", expected=expected)
