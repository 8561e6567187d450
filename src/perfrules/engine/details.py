"""What a reason names in detail: why a fact cannot be read (engine/facts.py), why facts that came
with their own units do not fit a formula (engine/dimensions.py), and how a value was read past what
was written around it (≥266米 read as 266 米).

Each is a `Detail`: a stable code (docs/api.md, `detail_code` in JSON) and the values it names,
said within the reason in the reason's language. The tables live here rather than beside the reader,
which they would crowd; the reader only names a code and its values, and only when it refuses a value.
"""

from __future__ import annotations

from typing import Any

from ..errors.phrases import Phrase, Wording

ZH = {
    # why a fact cannot be read
    "not-a-number": "应为数值，而不是 ${given}",
    "unsupported-type": "应为数值，而不是 ${type} 类型的值",
    "not-finite": "${given} 不是有限的数值",
    "too-many-digits": "数值超过${digits}位有效数字，无法精确表示",
    "out-of-range": "数值超出范围：数量级应在10^±${exponent}以内",
    "inexact-conversion": "${given} 换算为基本单位后无法精确表示",
    "exponent": "${given} 用了科学计数法；数值要完整书写，如 1000，而不是 1e3",
    "bad-grouping": "${given} 的千位分隔符位置不对：每三位一组，如 1,000,000",
    "unknown-unit": "未知单位 ${unit}",
    "other-dimension": "单位 ${unit} 与 ${expected} 不是同一量纲",
    "mixed-dimensions": "各次记录的单位 ${first} 与 ${second} 不是同一量纲",
    "not-a-label": "应为标签（如“完成”），而不是 ${given}",
    "empty-label": "标签为空",
    "text-too-long": "文字过长：${length} 个字符，至多 ${limit} 个",
    "hidden-character": "${given} 含有不可见字符或控制字符 ${char}，请删除",
    "bad-date": "日期应写作 YYYY-MM-DD，而不是 ${given}",
    "no-such-date": "日期 ${given} 不存在",
    "history-item-undated": '历史记录中的每一项都应带日期，如 {"value": …, "date": "2023-06-30"}，而不是 ${given}',
    "dated-value-keys": "带日期的值应恰有 value 和 date 两个键，而不是 ${keys}",
    "same-day-twice": "同一天 ${day} 有两条记录",
    # why facts that came with their own units do not fit a formula
    "units-cannot-add": "按事实自带的单位，${left}与${right}不能相加",
    "units-cannot-subtract": "按事实自带的单位，${left}与${right}不能相减",
    "formula-in-other-dimension": "按事实自带的单位，“${name}”算得${found}，而规则集按${expected}比较",
    # said within details
    "written-as": "实际值写作“${written}”，按 ${read} 计",
    "ratio-or-plain-number": "比率或纯数值",
    "long-integer": "${digits} 位的整数",
    "empty-object": "空对象",
}

EN = {
    "not-a-number": "expected a number, not ${given}",
    "unsupported-type": "expected a number, not a value of type ${type}",
    "not-finite": "${given} is not a finite number",
    "too-many-digits": "the number has more than ${digits} significant digits, which cannot be held exactly",
    "out-of-range": "the number is out of range: its order of magnitude must be within 10^±${exponent}",
    "inexact-conversion": "${given} cannot be held exactly once converted to the base unit",
    "exponent": "${given} uses scientific notation; write the number out in full, as 1000, not 1e3",
    "bad-grouping": "${given} has its thousands separators in the wrong places: group digits by three, as 1,000,000",
    "unknown-unit": "unknown unit ${unit}",
    "other-dimension": "the unit ${unit} is not of the same dimension as ${expected}",
    "mixed-dimensions": "the records' units ${first} and ${second} are not of the same dimension",
    "not-a-label": "expected a label (such as “完成”), not ${given}",
    "empty-label": "the label is empty",
    "text-too-long": "the text is too long: ${length} characters, at most ${limit}",
    "hidden-character": "${given} holds an invisible or control character, ${char}: delete it",
    "bad-date": "a date must be written YYYY-MM-DD, not ${given}",
    "no-such-date": "the date ${given} does not exist",
    "history-item-undated": (
        'each item of a history needs a date, as in {"value": …, "date": "2023-06-30"}, not ${given}'
    ),
    "dated-value-keys": "a dated value needs exactly the keys value and date, not ${keys}",
    "same-day-twice": "there are two records for the same day, ${day}",
    "units-cannot-add": "in the units the facts came with, ${left} and ${right} cannot be added",
    "units-cannot-subtract": "in the units the facts came with, ${left} and ${right} cannot be subtracted",
    "formula-in-other-dimension": (
        "in the units the facts came with, “${name}” comes out as ${found}, but the ruleset compares it as ${expected}"
    ),
    "written-as": "the actual is written “${written}”, read as ${read}",
    "ratio-or-plain-number": "a ratio or a plain number",
    "long-integer": "a ${digits}-digit integer",
    "empty-object": "an empty object",
}

WORDING: Wording = {"zh": ZH, "en": EN}

UNREADABLE = (
    "not-a-number",
    "unsupported-type",
    "not-finite",
    "too-many-digits",
    "out-of-range",
    "inexact-conversion",
    "exponent",
    "bad-grouping",
    "unknown-unit",
    "other-dimension",
    "mixed-dimensions",
    "not-a-label",
    "empty-label",
    "text-too-long",
    "hidden-character",
    "bad-date",
    "no-such-date",
    "history-item-undated",
    "dated-value-keys",
    "same-day-twice",
)
"""The codes of why a fact cannot be read (an `invalid-fact` reason's `detail_code`)."""
UNFIT = ("units-cannot-add", "units-cannot-subtract", "formula-in-other-dimension")
"""The codes of why facts' own units do not fit a formula (a `units-disagree` reason's `detail_code`)."""
DETAILS = UNREADABLE + UNFIT


class Detail(Phrase):
    """A detail a reason names, worded by this module's tables."""

    __slots__ = ()

    def wording(self) -> Wording:
        return WORDING


def detail(code: str, /, **values: Any) -> Detail:
    """A detail of this code naming these values."""
    return Detail(code, tuple(values.items()))
