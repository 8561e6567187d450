"""Every sentence evaluation says to people: the reason of each result, and warnings about facts.

Reasons are Chinese, one sentence, and name the date the values were read on, the value, the
target and, when it matters, the deadline. They are built from a record's status, value and
`Outcome` (engine/status.py), never parsed back.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ..errors.text import printable, shown
from ..quantities.arithmetic import PRECISION
from .status import Outcome, Status, Why


def reason(
    status: Status,
    value: str,
    target: str,
    read_on: str,
    as_of: str,
    deadline: date | None,
    outcome: Outcome | None,
) -> str:
    """The reason of a simple condition: `value` and `target` as people read them, `read_on` the
    day its values were read on (its deadline, once passed), `as_of` the evaluation date."""
    if status is Status.RECORDED:
        return f"截至{read_on}填报为{value}；本行无指标值，不判断是否达成"
    if status is Status.MET:
        if outcome is not None and outcome.why is Why.ASSERTED:
            return f"截至{read_on}填报为“{outcome.detail}”，认定达到目标{target}（填报人认定，非实测值）"
        return f"截至{read_on}为{value}，达到目标{target}"
    if status is Status.INVALID:
        assert outcome is not None
        return problem(outcome)
    if status is Status.PENDING:
        return f"截至{read_on}为{value}，尚未达到目标{target}，截止日期{deadline}"
    if status is Status.MISSING:
        assert outcome is not None
        return f"截至{as_of}缺少{_names(outcome.names)}的数据"
    if outcome is not None and outcome.why is Why.MISSING_AT_DEADLINE:
        sentence = f"截止日期{read_on}时缺少{_names(outcome.names)}的数据，未达到目标{target}"
    else:
        sentence = f"截至{read_on}为{value}，未达到目标{target}"
    if outcome is not None and outcome.met_on is not None:
        sentence += f"；{outcome.met_on.isoformat()}才达到，已逾期"
    return sentence


def problem(outcome: Outcome) -> str:
    """Why a condition could not be decided (an INVALID result)."""
    why, names = outcome.why, outcome.names
    if why is Why.INVALID_FACT:
        return f"“{names[0]}”的数据无法使用：{outcome.detail}"
    if why is Why.WORD_IN_FORMULA:
        return f"“{names[0]}”填报为“{outcome.detail}”，但它要参与公式计算，需要数值"
    if why is Why.DIVISION_BY_ZERO:
        return f"计算“{names[0]}”时除数为零"
    if why is Why.TOO_PRECISE:
        return f"计算“{names[0]}”时结果超过{PRECISION}位有效数字，无法精确表示"
    if why is Why.OUT_OF_RANGE:
        return f"计算“{names[0]}”时结果超出精确计算范围"
    assert why is Why.OUTSIDE_SCALE
    return f"“{outcome.detail}”不在目标{names[0]}所属的等级中"


def compound_reason(status: Status, parts: Sequence[tuple[str, Status, str]]) -> str:
    """The reason of a compound indicator from its parts' (name, status, reason)."""
    if status is Status.MET:
        return "各分项均达到目标：" + "；".join(f"{name}：{text}" for name, _status, text in parts)
    return "；".join(f"{name}：{text}" for name, part_status, text in parts if part_status is not Status.MET)


def _names(names: tuple[str, ...]) -> str:
    return "、".join(f"“{name}”" for name in names)


def key_not_text(key: object) -> str:
    return f"事实名应为文字，已忽略 {shown(key)}"


def fact_shadows(key: str, formula: bool) -> str:
    kind = "公式" if formula else "预算常量"
    return f"事实“{key}”与{kind}同名，已忽略：事实不能覆盖{kind}"


def fact_unused(key: str) -> str:
    return f"事实“{printable(key if len(key) <= 100 else key[:100] + '…')}”未被任何指标或公式使用"


def fact_written_otherwise(key: str, name: str) -> str:
    """A key in full-width (or other compatibility) forms of a fact's name, given through the API."""
    return (
        f"事实“{printable(key)}”未被使用：规则集中的名称写作“{printable(name)}”"
        "（全角与半角字符视为同一名称，请按此写法给出）"
    )


def day_text(day: date | None) -> str:
    """A day as reasons name it: without an as-of date, the values in force are the latest."""
    return "最新" if day is None else day.isoformat()
