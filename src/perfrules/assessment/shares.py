"""The share of its weight each kind of indicator earns (see docs/scoring.md): quantitative by its
comparator, qualitative by the reviewer's band, rows with no target by the rule for their kind."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from ..engine.cells import is_blank
from ..engine.facts import BAND_SUFFIX, SCORE_SUFFIX, Invalid, read_number
from ..engine.results import IndicatorResult
from ..engine.status import Status
from ..errors import FactsError
from ..errors.text import shown
from ..language.limits import Limits
from ..quantities.arithmetic import fraction_text, plain
from ..quantities.comparators import Comparator
from ..quantities.values import Quantity
from .policy import ScoringPolicy

BANDS = (
    ("达成年度指标", Fraction(4, 5), Fraction(1)),
    ("部分达成年度指标并具有一定效果", Fraction(3, 5), Fraction(4, 5)),
    ("未达成年度指标且效果较差", Fraction(0), Fraction(3, 5)),
)
"""Qualitative bands: name, lower bound and upper bound as shares of the weight."""


def quantitative_share(op: Comparator | str, target: Fraction, actual: Fraction, met: bool, reverse: str) -> Fraction:
    """The share of the weight a quantitative indicator earns, before rounding (see docs/scoring.md)."""
    op = Comparator.written(op) if not isinstance(op, Comparator) else op
    actual = max(actual, Fraction(0))
    if op is Comparator.EQ and target == 0:
        return Fraction(1) if actual <= 0 else Fraction(0)
    if met:
        return Fraction(1)
    if op is Comparator.NE:
        return Fraction(0)
    if target <= 0:
        return Fraction(0)
    if op in (Comparator.LE, Comparator.LT):
        if reverse == "ratio":
            return target / actual if actual > 0 else Fraction(1)
        if actual >= 2 * target:
            return Fraction(0)
        return 1 - (actual - target) / target
    return min(actual / target, Fraction(1))


YES = frozenset(["是", "有", "已建立", "已制定", "已出台", "已落实"])
"""Answers of a yes/no row (规章制度建立与否) that earn its weight."""
NO = frozenset(["否", "无", "未建立", "未制定", "未出台", "未落实"])


def has_rule(result: IndicatorResult, policy: ScoringPolicy) -> bool:
    """Whether a row with no target is scored by a rule of its kind (the budget row, a yes/no row)."""
    if result.status is not Status.RECORDED:
        return True
    if isinstance(result.value, Quantity):
        return result.value.unit == "%" and result.name == policy.execution_indicator
    return result.value in YES or result.value in NO


def recorded_share(result: IndicatorResult, policy: ScoringPolicy) -> Fraction:
    """A row with no target, by the rule for its kind: the budget row earns 执行率 × 分值, capped at
    the 分值 (the ministry's rule); a yes/no row earns all for 是 and nothing for 否; any other row
    earns only the score a reviewer gives (`:得分`)."""
    value = result.value
    if result.status is not Status.RECORDED:
        return Fraction(0)
    if isinstance(value, Quantity) and value.unit == "%" and result.name == policy.execution_indicator:
        return min(max(Fraction(value.amount) / 100, Fraction(0)), Fraction(1))
    return Fraction(1) if isinstance(value, str) and value in YES else Fraction(0)


def given_score(name: str, weight: Fraction, facts: Mapping[str, Any], limits: Limits) -> Fraction | None:
    """A reviewer's score for a quantitative indicator (`NAME:得分`), within 0..weight."""
    given = facts.get(name + SCORE_SUFFIX)
    if is_blank(given):
        return None
    read = read_number(given, limits)
    if isinstance(read, Invalid):
        raise FactsError(f"“{name}{SCORE_SUFFIX}” cannot be used: {read.detail.text('en')}")
    points = Fraction(read)
    if not 0 <= points <= weight:
        raise FactsError(f"“{name}”的得分 {plain(read)} 不在 0–{_text(weight)} 之内（分值 {_text(weight)}）")
    return points


def qualitative_share(
    result: IndicatorResult,
    name: str,
    weight: Fraction,
    facts: Mapping[str, Any],
    policy: ScoringPolicy,
    limits: Limits,
) -> tuple[Fraction, str | None, bool]:
    band_name = facts.get(name + BAND_SUFFIX)
    if is_blank(band_name):
        if result.status is Status.MISSING:  # no data: no band, unless the reviewer gives one
            return Fraction(0), None, False
        band_name = BANDS[0][0] if result.status is Status.MET else BANDS[-1][0]
    bands = {band: (low, high) for band, low, high in BANDS}
    if not isinstance(band_name, str) or band_name not in bands:
        raise FactsError(f"“{name}{BAND_SUFFIX}” must be one of {'、'.join(bands)}, not {shown(band_name)}")
    low, high = bands[band_name]
    given = facts.get(name + SCORE_SUFFIX)
    if is_blank(given):
        full = band_name == BANDS[0][0] and policy.qualitative == "full"
        return (high, band_name, False) if full else (low, band_name, True)
    read = read_number(given, limits)
    if isinstance(read, Invalid):
        raise FactsError(f"“{name}{SCORE_SUFFIX}” cannot be used: {read.detail.text('en')}")
    points = Fraction(read)
    top = band_name == BANDS[0][0]
    if not (low * weight <= points and (points <= high * weight if top else points < high * weight)):
        raise FactsError(
            f"“{name}”的得分 {plain(read)} 不在“{band_name}”的分数段内"
            f"（{_text(low * weight)}–{_text(high * weight)}{'' if top else '，不含上限'}）"
        )
    return points / weight if weight else Fraction(0), band_name, False


def _text(value: Fraction) -> str:
    return fraction_text(value)
