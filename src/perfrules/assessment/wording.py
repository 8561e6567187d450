"""Every word scoring and monitoring say, as data: one table per language, by stable code.

Flags are the 偏差原因 a 绩效自评表 row asks to explain; outlooks are a 监控表 row's 完成目标可能性
and its reason; the warning is the budget's. Records keep the code and the values (a `Phrase`);
the words are rendered in Chinese or English when read. docs/api.md lists every code (a test
checks).
"""

from __future__ import annotations

from typing import Any

from ..errors.phrases import Phrase, Wording

ZH = {
    # flags of a 绩效自评表 row
    "not-met": "未达成目标",
    "no-data": "缺数据",
    "not-applicable": "不适用",
    "overachieved": "超过目标${percent}%以上",
    "execution-below-floor": "预算执行率低于${percent}%",
    "no-score-given": "无指标值，未填报得分（:得分），计 0 分",
    "given-score": "得分为填报值（计算得分 ${computed}）",
    # 完成目标可能性
    "certain": "确定能",
    "possible": "有可能",
    "impossible": "不可能",
    # the reason of a 监控表 row
    "met": "已达到目标",
    "deadline-passed": "截止日期已过，未达到目标",
    "unmet": "未达到目标",
    "as-given": "按填报",
    "invalid-data": "数据无效：${reason}",
    "no-data-deadline-passed": "缺数据，截止日期已过",
    "no-target": "无指标值",
    "not-yet-met": "尚未达到目标",
    "beyond-limit": "已累计 ${value}，超出目标 ${target}，累计数不会减少",
    "not-started": "尚未开始",
    "nothing-yet": "当前为 ${value}，截止日期前仍可完成目标 ${target}",
    "on-pace": "按当前进度线性推算，截止日期前预计可达 ${expected}",
    "behind-pace": "按当前进度线性推算，截止日期前预计只有 ${expected}，需加快进度",
    "part-cannot-be-met": "${parts}",
    "parts-outlook": "${parts}",
    # the budget's warning on a 监控表
    "execution-behind": "预算执行进度 ${execution} 落后时间进度 ${time} 超过 ${tolerance}",
}

EN = {
    "not-met": "target not met",
    "no-data": "no data",
    "not-applicable": "not applicable",
    "overachieved": "over ${percent}% above the target",
    "execution-below-floor": "budget execution below ${percent}%",
    "no-score-given": "no target and no reviewer's score (:得分): scored 0",
    "given-score": "the reviewer's score (computed score ${computed})",
    "certain": "will be met",
    "possible": "may be met",
    "impossible": "cannot be met",
    "met": "the target is met",
    "deadline-passed": "the deadline has passed and the target was not met",
    "unmet": "the target was not met",
    "as-given": "as reported",
    "invalid-data": "invalid data: ${reason}",
    "no-data-deadline-passed": "no data, and the deadline has passed",
    "no-target": "no target",
    "not-yet-met": "the target is not met yet",
    "beyond-limit": "${value} so far, beyond the target ${target}: a total does not fall",
    "not-started": "the year has not started",
    "nothing-yet": "${value} so far; the target ${target} can still be reached by the deadline",
    "on-pace": "at the pace so far, ${expected} is expected by the deadline",
    "behind-pace": "at the pace so far, only ${expected} is expected by the deadline; work must speed up",
    "part-cannot-be-met": "${parts}",
    "parts-outlook": "${parts}",
    "execution-behind": "budget execution ${execution} lags the time elapsed ${time} by more than ${tolerance}",
}

WORDING: Wording = {"zh": ZH, "en": EN}

FLAGS = (
    "not-met",
    "no-data",
    "not-applicable",
    "overachieved",
    "execution-below-floor",
    "no-score-given",
    "given-score",
)
LIKELIHOODS = ("certain", "possible", "impossible")
OUTLOOKS = (
    "met",
    "deadline-passed",
    "unmet",
    "as-given",
    "invalid-data",
    "no-data",
    "no-data-deadline-passed",
    "no-target",
    "not-yet-met",
    "beyond-limit",
    "not-started",
    "nothing-yet",
    "on-pace",
    "behind-pace",
    "part-cannot-be-met",
    "parts-outlook",
)
"""The reasons of a 监控表 row (no-data is also a flag: the same words)."""
WARNINGS = ("execution-behind",)


class Remark(Phrase):
    """A flag, an outlook or a warning of a sheet, worded by this module's tables."""

    __slots__ = ()

    def wording(self) -> Wording:
        return WORDING


def said(code: str, /, parts: tuple[tuple[str, Phrase], ...] = (), **values: Any) -> Remark:
    """A remark of this code naming these values (and said of these parts)."""
    return Remark(code, tuple(values.items()), parts)
