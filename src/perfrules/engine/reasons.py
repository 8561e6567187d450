"""Every sentence evaluation says to people: the reason of each result, and warnings about facts.

A reason is one sentence naming the date the values were read on, the value, the target and, when
it matters, the deadline. Each is a `Phrase`: a stable code (docs/api.md lists them) and the
values it names, built from a record's status, value and `Outcome` (engine/status.py), never
parsed back. Its words are the tables below, one per language: Chinese (the default) and English.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from ..errors.phrases import Phrase, Wording
from ..errors.text import printable, shown
from ..quantities.arithmetic import PRECISION
from .details import Detail
from .status import Outcome, Status, Why

ZH = {
    "recorded": "截至${read_on}填报为${value}；本行无指标值，不判断是否达成${note}",
    "met": "截至${read_on}为${value}，达到目标${target}${note}",
    "met-asserted": "截至${read_on}填报为“${word}”，认定达到目标${target}（填报人认定，非实测值）",
    "pending": "截至${read_on}为${value}，尚未达到目标${target}，截止日期${deadline}${note}",
    "missing": "截至${as_of}缺少${names}的数据",
    "missing-at-deadline": "截止日期${read_on}时缺少${names}的数据，未达到目标${target}${note}",
    "missing-at-deadline-late": (
        "截止日期${read_on}时缺少${names}的数据，未达到目标${target}；${met_on}才达到，已逾期${note}"
    ),
    "not-met": "截至${read_on}为${value}，未达到目标${target}${note}",
    "not-met-late": "截至${read_on}为${value}，未达到目标${target}；${met_on}才达到，已逾期${note}",
    "invalid-fact": "“${name}”的数据无法使用：${detail}",
    "units-disagree": "${detail}",
    "word-in-formula": "“${name}”填报为“${word}”，但它要参与公式计算，需要数值",
    "division-by-zero": "计算“${name}”时除数为零",
    "too-precise": "计算“${name}”时结果超过${digits}位有效数字，无法精确表示",
    "out-of-range": "计算“${name}”时结果超出精确计算范围",
    "outside-scale": "“${label}”不在目标${target}所属的等级中",
    "compound-met": "各分项均达到目标：${parts}",
    "compound-unmet": "${parts}",
    # said within reasons: the values in force without an as-of date, and how a value was read
    "latest": "最新",
    "read-as": "（${detail}）",
    "unit-from-fact": "（规则集未给单位，按事实自带的单位${unit}计）",
    # warnings about facts
    "fact-not-text": "事实名应为文字，已忽略 ${key}",
    "fact-shadows-formula": "事实“${key}”与公式同名，已忽略：事实不能覆盖公式",
    "fact-shadows-constant": "事实“${key}”与预算常量同名，已忽略：事实不能覆盖预算常量",
    "fact-unused": "事实“${key}”未被任何指标或公式使用${near}",
    "fact-written-otherwise": (
        "事实“${key}”未被使用：规则集中的名称写作“${name}”（全角与半角字符视为同一名称，请按此写法给出）"
    ),
    "near-name": "；是否应为“${name}”？",
}

EN = {
    "recorded": (
        "as of ${read_on} it was reported as ${value}; this row has no target, so attainment is not judged${note}"
    ),
    "met": "as of ${read_on} the value was ${value}, meeting the target ${target}${note}",
    "met-asserted": (
        "as of ${read_on} it was reported as “${word}”, taken as meeting the target ${target}"
        " (asserted by the reporter, not measured)"
    ),
    "pending": (
        "as of ${read_on} the value was ${value}, not yet meeting the target ${target}; deadline ${deadline}${note}"
    ),
    "missing": "as of ${as_of} there is no data for ${names}",
    "missing-at-deadline": (
        "on the deadline ${read_on} there was no data for ${names}: the target ${target} was not met${note}"
    ),
    "missing-at-deadline-late": (
        "on the deadline ${read_on} there was no data for ${names}: the target ${target} was not met;"
        " met only on ${met_on}, after the deadline${note}"
    ),
    "not-met": "as of ${read_on} the value was ${value}, not meeting the target ${target}${note}",
    "not-met-late": (
        "as of ${read_on} the value was ${value}, not meeting the target ${target};"
        " met only on ${met_on}, after the deadline${note}"
    ),
    "invalid-fact": "the data for “${name}” cannot be used: ${detail}",
    "units-disagree": "${detail}",
    "word-in-formula": "“${name}” is reported as “${word}”, but it feeds a formula, which needs a number",
    "division-by-zero": "division by zero computing “${name}”",
    "too-precise": "computing “${name}” needs more than ${digits} significant digits, which cannot be held exactly",
    "out-of-range": "computing “${name}” goes beyond the range of exact arithmetic",
    "outside-scale": "“${label}” is not in the scale of the target ${target}",
    "compound-met": "every part meets its target: ${parts}",
    "compound-unmet": "${parts}",
    "latest": "the latest data",
    "read-as": " (${detail})",
    "unit-from-fact": " (the ruleset gives no unit: read in the fact's own unit, ${unit})",
    "fact-not-text": "a fact's name must be text; ignored ${key}",
    "fact-shadows-formula": "the fact “${key}” has a formula's name and is ignored: a fact cannot override a formula",
    "fact-shadows-constant": (
        "the fact “${key}” has a budget constant's name and is ignored: a fact cannot override a budget constant"
    ),
    "fact-unused": "the fact “${key}” is not used by any indicator or formula${near}",
    "fact-written-otherwise": (
        "the fact “${key}” is not used: the ruleset writes the name “${name}”"
        " (full-width and half-width characters are one name; give it as the ruleset writes it)"
    ),
    "near-name": "; did you mean “${name}”?",
}

WORDING: Wording = {"zh": ZH, "en": EN}

REASONS = (
    "recorded",
    "met",
    "met-asserted",
    "pending",
    "missing",
    "missing-at-deadline",
    "missing-at-deadline-late",
    "not-met",
    "not-met-late",
    "invalid-fact",
    "units-disagree",
    "word-in-formula",
    "division-by-zero",
    "too-precise",
    "out-of-range",
    "outside-scale",
    "compound-met",
    "compound-unmet",
)
"""The codes an `IndicatorResult` may carry (`reason_code`)."""
WARNINGS = ("fact-not-text", "fact-shadows-formula", "fact-shadows-constant", "fact-unused", "fact-written-otherwise")
"""The codes of a report's warnings about facts (`warning_codes`)."""
NOTE_CODES = (Why.ASSERTED.value, Why.READ_AS.value, Why.UNIT_FROM_FACT.value)
"""The codes of notes on how a value was read (`note_code`): asserted by a word, read past what was
written around it, or in the unit the fact came with."""


class Reason(Phrase):
    """A reason, or a warning about facts, worded by this module's tables."""

    __slots__ = ()

    def wording(self) -> Wording:
        return WORDING


def said(code: str, /, parts: tuple[tuple[str, Phrase], ...] = (), **values: Any) -> Reason:
    """A reason of this code naming these values (and said of these parts)."""
    return Reason(code, tuple(values.items()), parts)


def reason(
    status: Status,
    value: str,
    target: str,
    read_on: date | None,
    as_of: date | None,
    deadline: date | None,
    outcome: Outcome | None,
) -> Phrase:
    """The reason of a simple condition: `value` and `target` as people read them, `read_on` the
    day its values were read on (its deadline, once passed), `as_of` the evaluation date (None:
    there is none, and the values read are the latest)."""
    read, noted = day_said(read_on), note(outcome)
    if status is Status.RECORDED:
        return said("recorded", read_on=read, value=value, note=noted)
    if status is Status.MET:
        if outcome is not None and outcome.why is Why.ASSERTED:
            return said("met-asserted", read_on=read, word=outcome.detail, target=target)
        return said("met", read_on=read, value=value, target=target, note=noted)
    if status is Status.INVALID:
        assert outcome is not None
        return problem(outcome)
    if status is Status.PENDING:
        return said("pending", read_on=read, value=value, target=target, deadline=deadline, note=noted)
    if status is Status.MISSING:
        assert outcome is not None
        return said("missing", as_of=day_said(as_of), names=outcome.names)
    late = "-late" if outcome is not None and outcome.met_on is not None else ""
    met_on = outcome.met_on if outcome is not None else None
    if outcome is not None and outcome.why is Why.MISSING_AT_DEADLINE:
        names = outcome.names
        return said(f"missing-at-deadline{late}", read_on=read, names=names, target=target, met_on=met_on, note=noted)
    return said(f"not-met{late}", read_on=read, value=value, target=target, met_on=met_on, note=noted)


def note(outcome: Outcome | None) -> Phrase | str:
    """How a value was read, said after the reason when it was not a plain value."""
    if outcome is None:
        return ""
    if outcome.why is Why.READ_AS:
        return said("read-as", detail=outcome.detail)
    if outcome.why is Why.UNIT_FROM_FACT:
        return said("unit-from-fact", unit=outcome.detail)
    return ""


def problem(outcome: Outcome) -> Phrase:
    """Why a condition could not be decided (an INVALID result)."""
    why, names = outcome.why, outcome.names
    if why is Why.INVALID_FACT:
        return said("invalid-fact", name=names[0], detail=outcome.detail)
    if why is Why.UNITS_DISAGREE:
        return said("units-disagree", detail=outcome.detail)
    if why is Why.WORD_IN_FORMULA:
        return said("word-in-formula", name=names[0], word=outcome.detail)
    if why is Why.DIVISION_BY_ZERO:
        return said("division-by-zero", name=names[0])
    if why is Why.TOO_PRECISE:
        return said("too-precise", name=names[0], digits=PRECISION)
    if why is Why.OUT_OF_RANGE:
        return said("out-of-range", name=names[0])
    assert why is Why.OUTSIDE_SCALE
    return said("outside-scale", label=outcome.detail, target=names[0])


def detail_code(reasoning: Phrase) -> str | None:
    """The code of the detail a reason names: why a fact cannot be read, or why facts' own units do
    not fit a formula (engine/details.py)."""
    detail = _value(reasoning, "detail")
    return detail.code if isinstance(detail, Detail) else None


def note_code(reasoning: Phrase) -> str | None:
    """The code of the note a reason says on how its value was read, if it says one."""
    if reasoning.code == "met-asserted":
        return Why.ASSERTED.value
    noted = _value(reasoning, "note")
    return noted.code if isinstance(noted, Reason) else None


def _value(phrase: Phrase, name: str) -> Any:
    return next((value for key, value in phrase.values if key == name), None)


def compound_reason(status: Status, parts: Sequence[tuple[str, Status, Phrase]]) -> Phrase:
    """The reason of a compound indicator from its parts' (name, status, reason)."""
    if status is Status.MET:
        return said("compound-met", tuple((name, part) for name, _status, part in parts))
    unmet = tuple((name, part) for name, part_status, part in parts if part_status is not Status.MET)
    return said("compound-unmet", unmet)


def key_not_text(key: object) -> Phrase:
    return said("fact-not-text", key=shown(key))


def fact_shadows(key: str, formula: bool) -> Phrase:
    return said("fact-shadows-formula" if formula else "fact-shadows-constant", key=key)


def fact_unused(key: str, near: str | None = None) -> Phrase:
    """A fact no indicator or formula reads; `near`, the fact the ruleset reads that it likely means."""
    meant = said("near-name", name=printable(near)) if near is not None else ""
    return said("fact-unused", key=printable(key if len(key) <= 100 else key[:100] + "…"), near=meant)


def fact_written_otherwise(key: str, name: str) -> Phrase:
    """A key in full-width (or other compatibility) forms of a fact's name, given through the API."""
    return said("fact-written-otherwise", key=printable(key), name=printable(name))


def day_said(day: date | None) -> date | Reason:
    """A day as reasons name it: without an as-of date, the values in force are the latest."""
    return _LATEST if day is None else day


_LATEST = said("latest")
