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

from ..engine.facts import NOT_APPLICABLE
from ..engine.results import IndicatorResult
from ..engine.status import Status
from ..errors import FactsError, UsageError
from ..errors.phrases import Phrase, language_of
from ..errors.text import shown
from ..language.checked import part_fact
from ..language.limits import Limits
from ..quantities.arithmetic import fraction_text, plain, rounded
from ..quantities.comparators import Comparator
from ..quantities.values import Measure, Quantity, Target, readable
from .policy import ScoringPolicy
from .protocols import EvaluatedReport
from .shares import BANDS, given_score, has_rule, qualitative_share, quantitative_share, recorded_share
from .wording import said

__all__ = ["BANDS", "GroupScore", "ScoreRow", "Scorecard", "ScoringPolicy", "grade", "quantitative_share", "score"]

GRADES = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"), (Decimal(0), "差"))


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
    flagged: tuple[Phrase, ...] = ()
    """What the row asks to explain (偏差原因), as codes with their values (docs/api.md)."""
    computed: Decimal | None = None
    """The score perfrules computes, shown beside a reviewer's given score (`NAME:得分`) when they differ."""

    @property
    def flags(self) -> tuple[str, ...]:
        """The flags in Chinese, as the 自评表 prints them."""
        return self.flags_in("zh")

    @property
    def flag_codes(self) -> tuple[str, ...]:
        """The flags' stable codes (docs/api.md), in the same order."""
        return tuple(flag.code for flag in self.flagged)

    def flags_in(self, language: str) -> tuple[str, ...]:
        """The flags in "zh" or "en". Raises UsageError for any other language."""
        language = language_of(language)
        return tuple(flag.text(language) for flag in self.flagged)

    def to_dict(self, language: str = "zh") -> dict[str, Any]:
        """JSON-ready; flags in `language` ("zh" or "en") beside their codes. Raises UsageError for
        any other language."""
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
            "flags": list(self.flags_in(language)),
            "flag_codes": list(self.flag_codes),
            "computed": None if self.computed is None else format(self.computed, "f"),
        }


@attrs.frozen
class GroupScore:
    """A group's subtotal (一级、二级指标): its path of group names, weight and score."""

    path: tuple[str, ...]
    weight: Decimal
    score: Decimal

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, numbers as exact decimal strings. Raises nothing."""
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

    def to_dict(self, language: str = "zh") -> dict[str, Any]:
        """JSON-ready; flags in `language` ("zh" or "en") beside their codes. Raises UsageError for
        any other language."""
        language = language_of(language)
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
            "rows": [row.to_dict(language) for row in self.rows],
            "groups": [group.to_dict() for group in self.groups],
            "weight": format(self.weight, "f"),
            "total": format(self.total, "f"),
            "grade": self.grade,
        }


def grade(total: Decimal) -> str:
    """优 [90, 100], 良 [80, 90), 中 [60, 80), 差 [0, 60)."""
    return next(name for floor, name in GRADES if total >= floor)


def score(report: EvaluatedReport, policy: ScoringPolicy | None = None) -> Scorecard:
    """Score an evaluated report (its ruleset's weights, its facts for bands and scores)."""
    if policy is None:
        policy = ScoringPolicy()
    elif not isinstance(policy, ScoringPolicy):
        raise UsageError(f"policy must be a perfrules.ScoringPolicy, not {type(policy).__name__}")
    weights = report.weights
    facts = report.facts
    not_applicable = _not_applicable(facts, report)
    excluded = not_applicable if policy.exclude_not_applicable else set()
    applicable = sum((weights.indicators[name] for name in report if name not in excluded), Fraction(0))
    scale = Fraction(100) / applicable if excluded and applicable else Fraction(1)
    step = Fraction(1, 10**policy.places)
    rows = []
    for name in report:
        result = report[name]
        weight = weights.indicators[name] * scale
        if name in not_applicable:  # shown as 不适用, never 未达成: left out, or kept at 0 as the policy says
            nothing = None if name in excluded else _round(Fraction(0), policy)
            shown_weight = _round(Fraction(0) if name in excluded else weight, policy)
            row = _row(result, shown_weight, nothing, None, False, (said("not-applicable"),))
            rows.append(attrs.evolve(row, status="NOT_APPLICABLE"))
            continue
        share, band, defaulted = _share(result, result.name, weight, facts, policy, report.limits)
        earned = share * weight
        earns_all = result.status in (Status.MET, Status.RECORDED)
        if not earns_all and band is None and _round(earned, policy) >= _round(weight, policy):
            # Only a met indicator shows the full weight, rounding included: 99.97% of ≥100% at 10 is 9.99.
            earned = max(Fraction(_round(weight, policy)) - step, Fraction(0))
        flags = _flags(result, policy)
        computed = None
        given = None if band is not None else given_score(result.name, weight, facts, report.limits)
        if given is None and isinstance(result.target, Measure) and not has_rule(result, policy):
            flags = (*flags, said("no-score-given"))
        if given is not None:
            computed, earned = _round(earned, policy), given
            if _round(given, policy) != computed:
                flags = (*flags, said("given-score", computed=computed))
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
    if isinstance(result.target, Measure):
        return recorded_share(result, policy), None, False
    if isinstance(result.target.value, str):  # type: ignore[union-attr]
        return qualitative_share(result, name, weight, facts, policy, limits)
    if status is Status.MET and result.asserted:  # 完成 on a quantity: the reviewer asserts it was met
        return Fraction(1), None, False
    if status in (Status.MISSING, Status.INVALID) or not isinstance(result.value, Quantity):
        return Fraction(0), None, False
    target = Fraction(result.target.value.amount)  # type: ignore[union-attr]
    actual = Fraction(result.value.amount)
    share = quantitative_share(result.target.comparator, target, actual, status is Status.MET, policy.reverse)  # type: ignore[union-attr]
    return share, None, False


def _flags(result: IndicatorResult, policy: ScoringPolicy) -> tuple[Phrase, ...]:
    flags = []
    if result.status is Status.MISSING:
        flags.append(said("no-data"))
    elif result.status not in (Status.MET, Status.RECORDED):
        flags.append(said("not-met"))
    values = [result] if not result.parts else list(result.parts)
    for item in values:
        target = item.target.value if isinstance(item.target, Target) else None
        if (
            isinstance(item.value, Quantity)
            and isinstance(target, Quantity)
            and item.target.comparator in (Comparator.GE, Comparator.GT, Comparator.EQ)  # type: ignore[union-attr]
            and target.amount > 0
            and Fraction(item.value.amount) >= Fraction(target.amount) * Fraction(policy.overachievement)
        ):
            flags.append(said("overachieved", percent=fraction_text((Fraction(policy.overachievement) - 1) * 100)))
            break
    if result.name == policy.execution_indicator and isinstance(result.value, Quantity):
        share = Fraction(result.value.amount) / (100 if result.value.unit == "%" else 1)
        if share < policy.execution_floor:
            flags.append(said("execution-below-floor", percent=fraction_text(Fraction(policy.execution_floor) * 100)))
    return tuple(flags)


def _row(
    result: IndicatorResult,
    weight: Decimal,
    earned: Decimal | None,
    band: str | None,
    defaulted: bool,
    flags: tuple[Phrase, ...],
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
        flagged=flags,
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
