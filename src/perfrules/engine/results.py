"""Results: what an evaluation decided about one indicator, as people and programs read it.

Evaluation itself only decides records (engine/status.py); `result_of` turns a record into an
`IndicatorResult` (value in its display unit, target, deadline, reason), which a report does
the first time a result is asked for (engine/report.py). A result keeps its reason as a code and
the values it names; the words are rendered in Chinese (by default) or English when read.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs

from ..errors.phrases import Phrase, Reasoned
from ..quantities.values import Measure, Quantity, Target, Value, readable, value_json
from . import reasons
from .general import shown_quantity
from .plan import Plan
from .program import CompiledCondition, CompiledIndicator
from .status import Status, Why, is_compound, outcome_of, status_of, value_of


@attrs.frozen
class IndicatorResult(Reasoned):
    """One indicator's outcome. For a compound indicator, `value` and `target` map part → item."""

    name: str
    group: tuple[str, ...]
    status: Status
    value: Value | dict[str, Value | None] | None
    target: Target | Measure | dict[str, Target]
    deadline: date | None
    final: bool
    reasoning: Phrase
    """Why the status is what it is: `reason_code` and the values its words name."""
    parts: tuple[IndicatorResult, ...] = ()
    met_on: date | None = None
    asserted: bool = False
    """MET because the actual is a word asserting it (完成, 达成预期指标), not a measured value."""

    @property
    def detail_code(self) -> str | None:
        """For an INVALID result, the code of why its fact cannot be read or its facts' units do not
        fit the formula (docs/api.md); None otherwise."""
        return reasons.detail_code(self.reasoning)

    @property
    def note_code(self) -> str | None:
        """The code of the note on how the value was read (asserted, read-as, unit-from-fact), if any."""
        return reasons.note_code(self.reasoning)

    def to_dict(self, language: str = "zh") -> dict[str, Any]:
        """JSON-ready: numbers as exact decimal strings; the reason in `language` ("zh" or "en")
        beside its code. Raises UsageError for any other language."""
        data: dict[str, Any] = {
            "name": self.name,
            "group": list(self.group),
            "status": self.status.value,
            "value": value_json(self.value),
            "target": _target_json(self.target),
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "final": self.final,
            "reason": self.reasoning.text(language),
            "reason_code": self.reasoning.code,
        }
        for key, code in (("detail_code", self.detail_code), ("note_code", self.note_code)):
            if code is not None:
                data[key] = code
        if self.met_on is not None:
            data["met_on"] = self.met_on.isoformat()
        if self.asserted:
            data["asserted"] = True
        if self.parts:
            data["parts"] = [part.to_dict(language) for part in self.parts]
        return data


def _target_json(target: Target | Measure | dict[str, Target]) -> Any:
    if isinstance(target, (Target, Measure)):
        return target.to_json()
    return {name: part.to_json() for name, part in target.items()}


def result_of(indicator: CompiledIndicator, record: Any, plan: Plan) -> IndicatorResult:
    """An indicator's result from its record (a compound's from its parts')."""
    if not is_compound(record):
        return _part_result(indicator, indicator.conditions[0], record, indicator.name, plan)
    parts = tuple(
        _part_result(indicator, condition, part, condition.name, plan)
        for condition, part in zip(indicator.conditions, record, strict=True)
    )
    status = status_of(record)
    return IndicatorResult(
        name=indicator.name,
        group=indicator.group,
        status=status,
        value={part.name: part.value for part in parts},  # type: ignore[misc]
        target={part.name: part.target for part in parts},  # type: ignore[misc]
        deadline=indicator.deadline,
        final=plan.final(indicator.deadline),
        reasoning=reasons.compound_reason(status, [(part.name, part.status, part.reasoning) for part in parts]),
        parts=parts,
        asserted=status is Status.MET and any(part.asserted for part in parts),
    )


def _part_result(
    indicator: CompiledIndicator, condition: CompiledCondition, record: Any, name: str, plan: Plan
) -> IndicatorResult:
    status, outcome = status_of(record), outcome_of(record)
    shown = _shown(value_of(record), condition)
    read_on = plan.when(condition) if plan.as_of is not None else None
    return IndicatorResult(
        name=name,
        group=indicator.group,
        status=status,
        value=shown,
        target=condition.target,
        deadline=condition.deadline,
        final=plan.final(condition.deadline),
        reasoning=reasons.reason(
            status, readable(shown), condition.target.readable(), read_on, plan.as_of, condition.deadline, outcome
        ),
        met_on=outcome.met_on if outcome is not None else None,
        asserted=outcome is not None and outcome.why is Why.ASSERTED,
    )


def _shown(value: Any, condition: CompiledCondition) -> Value | None:
    if value is None or isinstance(value, (str, Quantity)):  # a Quantity: shown in the unit the fact came in
        return value
    assert condition.display is not None
    return shown_quantity(value, condition.display)
