"""Self-evaluation scoring (绩效自评), by the rules of 财预〔2020〕10号 as provincial systems apply them.

Every choice a province makes differently is a field of `ScoringPolicy`; docs/scoring.md states
each rule with a worked example. Scores are exact fractions until each indicator's score is
rounded (half-up, to `places`); totals add the rounded scores, as the published forms do.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from ..engine.facts import BAND_SUFFIX, NOT_APPLICABLE, SCORE_SUFFIX, Invalid, is_blank, read_number
from ..engine.results import IndicatorResult
from ..engine.status import Status
from ..errors import FactsError, UsageError
from ..errors.text import shown
from ..language.checked import part_fact
from ..language.limits import Limits
from ..quantities.arithmetic import fraction_text, plain, rounded, setting
from ..quantities.comparators import Comparator
from ..quantities.values import Quantity, readable
from .protocols import EvaluatedReport

BANDS = (
    ("达成年度指标", Fraction(4, 5), Fraction(1)),
    ("部分达成年度指标并具有一定效果", Fraction(3, 5), Fraction(4, 5)),
    ("未达成年度指标且效果较差", Fraction(0), Fraction(3, 5)),
)
"""Qualitative bands: name, lower bound and upper bound as shares of the weight."""

GRADES = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"), (Decimal(0), "差"))


def _positive_places(_instance: object, _attribute: object, value: object) -> None:
    if type(value) is not int or not 0 <= value <= 4:
        raise UsageError(f"places must be a whole number from 0 to 4, not {shown(value)}")


def _reverse(_instance: object, _attribute: object, value: object) -> None:
    if value not in ("linear", "ratio"):
        raise UsageError(f"reverse must be 'linear' or 'ratio', not {shown(value)}")


def _qualitative_default(_instance: object, _attribute: object, value: object) -> None:
    if value not in ("full", "lower"):
        raise UsageError(f"qualitative must be 'full' or 'lower', not {shown(value)}")


def _decimal(value: object) -> Decimal:
    return setting(value)


@attrs.frozen
class ScoringPolicy:
    """How to score; every field is a choice real provincial systems make differently."""

    reverse: str = attrs.field(default="linear", validator=_reverse)
    """For ≤ and < targets missed: "linear" falls to 0 at twice the target, "ratio" scores t/a."""
    places: int = attrs.field(default=2, validator=_positive_places)
    """Decimal places each indicator's score is rounded to (half-up); 0 for whole points."""
    exclude_not_applicable: bool = False
    """Leave out indicators listed under 不适用 and rescale the rest to 100."""
    overachievement: Decimal = attrs.field(default=Decimal("1.3"), converter=_decimal)
    """An actual at or above this multiple of its target asks for an explanation."""
    execution_floor: Decimal = attrs.field(default=Decimal("0.9"), converter=_decimal)
    """Budget execution below this share asks for an explanation."""
    execution_indicator: str = "预算执行率"
    qualitative: str = attrs.field(default="full", validator=_qualitative_default)
    """A met qualitative indicator without a reviewer's score: "full" weight, as published tables give
    it, or "lower", the top band's lower bound (80%), the conservative reading."""


@attrs.frozen
class ScoreRow:
    """One row of the 绩效自评表."""

    name: str
    group: tuple[str, ...]
    target: str
    actual: str
    status: str
    weight: Decimal
    score: Decimal | None
    band: str | None = None
    defaulted: bool = False
    flags: tuple[str, ...] = ()
    computed: Decimal | None = None
    """The score perfrules computes, shown beside a reviewer's given score (`NAME:得分`) when they differ."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "group": list(self.group),
            "target": self.target,
            "actual": self.actual,
            "status": self.status,
            "weight": format(self.weight, "f"),
            "score": None if self.score is None else format(self.score, "f"),
            "band": self.band,
            "defaulted": self.defaulted,
            "flags": list(self.flags),
            "computed": None if self.computed is None else format(self.computed, "f"),
        }


@attrs.frozen
class GroupScore:
    path: tuple[str, ...]
    weight: Decimal
    score: Decimal

    def to_dict(self) -> dict[str, Any]:
        return {"group": list(self.path), "weight": format(self.weight, "f"), "score": format(self.score, "f")}


@attrs.frozen
class Scorecard:
    """The scored table: rows, group subtotals, total and grade, and which weights applied."""

    as_of: date | None
    rows: tuple[ScoreRow, ...]
    groups: tuple[GroupScore, ...]
    total: Decimal
    grade: str
    basis: str
    policy: ScoringPolicy
    weight: Decimal = Decimal(100)
    """The weights of the indicators scored, together: 100 unless rounding or exclusions say otherwise."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "weights": self.basis,
            "policy": {
                "reverse": self.policy.reverse,
                "places": self.policy.places,
                "exclude_not_applicable": self.policy.exclude_not_applicable,
                "overachievement": plain(self.policy.overachievement),
                "execution_floor": plain(self.policy.execution_floor),
                "qualitative": self.policy.qualitative,
            },
            "rows": [row.to_dict() for row in self.rows],
            "groups": [group.to_dict() for group in self.groups],
            "weight": format(self.weight, "f"),
            "total": format(self.total, "f"),
            "grade": self.grade,
        }


def grade(total: Decimal) -> str:
    """优 [90, 100], 良 [80, 90), 中 [60, 80), 差 [0, 60)."""
    return next(name for floor, name in GRADES if total >= floor)


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


def score(report: EvaluatedReport, policy: ScoringPolicy | None = None) -> Scorecard:
    """Score an evaluated report (its ruleset's weights, its facts for bands and scores)."""
    policy = policy or ScoringPolicy()
    weights = report.weights
    facts = report.facts
    excluded = _not_applicable(facts, report) if policy.exclude_not_applicable else set()
    applicable = sum((weights.indicators[name] for name in report if name not in excluded), Fraction(0))
    scale = Fraction(100) / applicable if excluded and applicable else Fraction(1)
    step = Fraction(1, 10**policy.places)
    rows = []
    for name in report:
        result = report[name]
        weight = weights.indicators[name] * scale
        if name in excluded:
            rows.append(_row(result, _round(Fraction(0), policy), None, None, False, ("不适用",)))
            continue
        share, band, defaulted = _share(result, result.name, weight, facts, policy, report.limits)
        earned = share * weight
        if result.status is not Status.MET and band is None and _round(earned, policy) >= _round(weight, policy):
            # Only a met indicator shows the full weight, rounding included: 99.97% of ≥100% at 10 is 9.99.
            earned = max(Fraction(_round(weight, policy)) - step, Fraction(0))
        flags = _flags(result, policy)
        computed = None
        given = None if band is not None else _given_score(result.name, weight, facts, report.limits)
        if given is not None:
            computed, earned = _round(earned, policy), given
            if _round(given, policy) != computed:
                flags = (*flags, f"得分为填报值（计算得分 {computed}）")
        row = _row(result, _round(weight, policy), _round(earned, policy), band, defaulted, flags)
        rows.append(attrs.evolve(row, computed=computed) if computed is not None else row)
    groups = _groups(rows, weights.groups, scale, excluded, policy)
    total = _round(sum((Fraction(row.score) for row in rows if row.score is not None), Fraction(0)), policy)
    scored = sum((weights.indicators[name] * scale for name in report if name not in excluded), Fraction(0))
    return Scorecard(
        report.as_of, tuple(rows), groups, total, grade(total), weights.basis, policy, _round(scored, policy)
    )


def _round(value: Fraction, policy: ScoringPolicy) -> Decimal:
    """Half-up to the policy's places, on the exact fraction (not a 28-digit approximation of it)."""
    return rounded(value, policy.places)


def _not_applicable(facts: Mapping[str, Any], report: EvaluatedReport) -> set[str]:
    listed = facts.get(NOT_APPLICABLE, [])
    if not isinstance(listed, list) or not all(isinstance(name, str) for name in listed):
        raise FactsError(f"“{NOT_APPLICABLE}” must list indicator names")
    unknown = [name for name in listed if name not in report]
    if unknown:
        more = f" and {len(unknown) - 5:,} more" if len(unknown) > 5 else ""
        names = "、".join(shown(name) for name in unknown[:5]) + more
        raise FactsError(f"“{NOT_APPLICABLE}” names indicators the ruleset does not have: {names}")
    return set(listed)


def _share(
    result: IndicatorResult,
    name: str,
    weight: Fraction,
    facts: Mapping[str, Any],
    policy: ScoringPolicy,
    limits: Limits,
) -> tuple[Fraction, str | None, bool]:
    """(share of the weight, qualitative band, whether a band's default score was used).

    `name` is the one under which a reviewer's band and score are given: a compound's part is
    `整体.部分` and is worth an equal part of the compound's weight.
    """
    if result.parts:
        part_weight = weight / len(result.parts)
        parts = [_share(part, part_fact(name, part.name), part_weight, facts, policy, limits) for part in result.parts]
        share = sum((part_share for part_share, _band, _defaulted in parts), Fraction(0)) / len(parts)
        return share, None, any(defaulted for _share_, _band, defaulted in parts)
    status = result.status
    if isinstance(result.target.value, str):  # type: ignore[union-attr]
        return _qualitative(result, name, weight, facts, policy, limits)
    if status is Status.MET and result.asserted:  # 完成 on a quantity: the reviewer asserts it was met
        return Fraction(1), None, False
    if status in (Status.MISSING, Status.INVALID) or not isinstance(result.value, Quantity):
        return Fraction(0), None, False
    target = Fraction(result.target.value.amount)  # type: ignore[union-attr]
    actual = Fraction(result.value.amount)
    share = quantitative_share(result.target.comparator, target, actual, status is Status.MET, policy.reverse)  # type: ignore[union-attr]
    return share, None, False


def _given_score(name: str, weight: Fraction, facts: Mapping[str, Any], limits: Limits) -> Fraction | None:
    """A reviewer's score for a quantitative indicator (`NAME:得分`), within 0..weight."""
    given = facts.get(name + SCORE_SUFFIX)
    if is_blank(given):
        return None
    read = read_number(given, limits)
    if isinstance(read, Invalid):
        raise FactsError(f"“{name}{SCORE_SUFFIX}” cannot be used: {read.reason}")
    points = Fraction(read)
    if not 0 <= points <= weight:
        raise FactsError(f"“{name}”的得分 {plain(read)} 不在 0–{_text(weight)} 之内（分值 {_text(weight)}）")
    return points


def _qualitative(
    result: IndicatorResult,
    name: str,
    weight: Fraction,
    facts: Mapping[str, Any],
    policy: ScoringPolicy,
    limits: Limits,
) -> tuple[Fraction, str, bool]:
    band_name = facts.get(name + BAND_SUFFIX)
    if is_blank(band_name):
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
        raise FactsError(f"“{name}{SCORE_SUFFIX}” cannot be used: {read.reason}")
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


def _flags(result: IndicatorResult, policy: ScoringPolicy) -> tuple[str, ...]:
    flags = []
    if result.status is not Status.MET:
        flags.append("未达成目标")
    values = [result] if not result.parts else list(result.parts)
    for item in values:
        target = item.target.value if not isinstance(item.target, dict) else None
        if (
            isinstance(item.value, Quantity)
            and isinstance(target, Quantity)
            and item.target.comparator in (Comparator.GE, Comparator.GT, Comparator.EQ)  # type: ignore[union-attr]
            and target.amount > 0
            and Fraction(item.value.amount) >= Fraction(target.amount) * Fraction(policy.overachievement)
        ):
            flags.append(f"超过目标{fraction_text((Fraction(policy.overachievement) - 1) * 100)}%以上")
            break
    if result.name == policy.execution_indicator and isinstance(result.value, Quantity):
        share = Fraction(result.value.amount) / (100 if result.value.unit == "%" else 1)
        if share < policy.execution_floor:
            flags.append(f"预算执行率低于{fraction_text(Fraction(policy.execution_floor) * 100)}%")
    return tuple(flags)


def _row(
    result: IndicatorResult,
    weight: Decimal,
    earned: Decimal | None,
    band: str | None,
    defaulted: bool,
    flags: tuple[str, ...],
) -> ScoreRow:
    return ScoreRow(
        name=result.name,
        group=result.group,
        target=readable(result.target),
        actual=readable(result.value),
        status=result.status.value,
        weight=weight,
        score=earned,
        band=band,
        defaulted=defaulted,
        flags=flags,
    )


def _groups(
    rows: list[ScoreRow],
    weights: dict[tuple[str, ...], Fraction],
    scale: Fraction,
    excluded: set[str],
    policy: ScoringPolicy,
) -> tuple[GroupScore, ...]:
    totals: dict[tuple[str, ...], Fraction] = {}
    for row in rows:
        for depth in range(1, len(row.group) + 1):
            path = row.group[:depth]
            totals[path] = totals.get(path, Fraction(0)) + Fraction(row.score or 0)
    ordered = sorted(totals, key=lambda path: [_first(rows, path[: depth + 1]) for depth in range(len(path))])
    result = []
    for path in ordered:
        members = [row for row in rows if row.group[: len(path)] == path]
        weight = sum((Fraction(row.weight) for row in members), Fraction(0)) if excluded else weights[path] * scale
        result.append(GroupScore(path, _round(weight, policy), _round(totals[path], policy)))
    return tuple(result)


def _first(rows: list[ScoreRow], path: tuple[str, ...]) -> int:
    return next(index for index, row in enumerate(rows) if row.group[: len(path)] == path)
