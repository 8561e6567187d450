"""Every message about ruleset text, as data: one table of English and Chinese wording and hints.

Each entry is keyed by the message's name and carries its stable diagnostic code (several
messages may share a code: three ways of being too long are all `too-long`). Wording uses
`string.Template` placeholders filled with the values a message names. `messages.Messages` has
one one-line constructor per entry, so that callers name what they report and this table stays
the one place the words live. `docs/diagnostics.md` documents every code of this table (a test
checks).
"""

from __future__ import annotations

import attrs


@attrs.frozen
class Message:
    code: str
    en: str
    zh: str
    hint_en: str | None = None
    hint_zh: str | None = None
    severity: str = "error"


def _m(code: str, en: str, zh: str, hint_en: str | None = None, hint_zh: str | None = None) -> Message:
    return Message(code, en, zh, hint_en, hint_zh)


def _w(code: str, en: str, zh: str, hint_en: str | None = None, hint_zh: str | None = None) -> Message:
    return Message(code, en, zh, hint_en, hint_zh, severity="warning")


MESSAGES: dict[str, Message] = {
    # text and size
    "encoding": _m(
        "encoding",
        "the file is not valid UTF-8: byte $byte (0x$hex) cannot be decoded",
        "文件不是有效的 UTF-8：第 $byte 个字节（0x$hex）无法解码",
    ),
    "invisible": _m(
        "invalid-text",
        "invisible or control character $code ($name)",
        "不可见字符或控制字符 $code（$name）",
        "such characters make different text look the same; delete it",
        "这类字符会让不同的文字看起来一样，请删除",
    ),
    "too-many-marks": _m(
        "invalid-text", "more than $limit combining marks on one character", "一个字符上的组合符号超过 $limit 个"
    ),
    "too-long": _m(
        "too-long",
        "the ruleset has $length characters; at most $limit are allowed",
        "规则集有 $length 个字符，至多允许 $limit 个",
    ),
    "file-too-long": _m(
        "too-long",
        "the file has $size bytes, more than the $limit characters a ruleset may have",
        "文件有 $size 个字节，超过规则集至多允许的 $limit 个字符",
    ),
    "line-too-long": _m(
        "too-long",
        "this line has $length characters; at most $limit are allowed",
        "这一行有 $length 个字符，至多允许 $limit 个",
    ),
    "too-many": _m(
        "too-many",
        "the ruleset has $count $kind; at most $limit are allowed",
        "规则集有 $count $kind_zh，至多允许 $limit",
    ),
    # syntax
    "syntax": _m("syntax", "unexpected $found$expected", "此处不应出现$found_zh$expected_zh", "$hint", "$hint_zh"),
    "bad-character": _m("syntax", "unexpected character $char", "此处不应出现字符 $char", "$hint", "$hint_zh"),
    "unit-operator": _m(
        "syntax",
        "a unit is defined with =, not $text: `unit 千元 = 1000 元`",
        "单位用 = 定义，而不是 $text：`unit 千元 = 1000 元`",
    ),
    "scale-operator": _m(
        "syntax", "scales are written from low to high with <, not $text", "等级用 < 从低到高书写，而不是 $text"
    ),
    "orphan-description": _m(
        "orphan-description",
        "a description must follow the indicator or formula it describes",
        "说明文字必须紧跟在它所说明的指标或公式之后",
    ),
    # numbers and dates
    "too-many-digits": _m(
        "invalid-number",
        "$text has more than $limit significant digits; it could not be held exactly",
        "$text 的有效数字超过 $limit 位，无法精确表示",
    ),
    "too-large": _m(
        "invalid-number", "$text is out of range: at most 10^$limit either way", "$text 超出范围：数量级至多 10^±$limit"
    ),
    "invalid-date": _m("invalid-date", "impossible date $text: $why", "日期 $text 不存在：$why_zh"),
    "bad-year": _m("invalid-date", "year $text is out of range (1900-9999)", "年份 $text 超出范围（1900–9999）"),
    "missing-year": _m(
        "missing-year",
        "deadline $text needs the ruleset's year",
        "截止日期 $text 需要规则集的年度",
        "declare it once, e.g. `year 2023`, or write the date in full: `by 2023-10-31`",
        "声明一次年度，如 `year 2023`，或写出完整日期：`by 2023-10-31`",
    ),
    "duplicate-year": _m("duplicate-year", "the year is already declared as $first", "年度已经声明为 $first"),
    "duplicate-department": _m("duplicate-department", "the department is already declared", "部门已经声明过"),
    # names
    "duplicate-name": _m(
        "duplicate-name", "$name is already defined on line $line ($kind)", "$name 已在第 $line 行定义（$kind_zh）"
    ),
    "not-a-fact": _m(
        "not-a-fact",
        "$name is a $kind, not a fact; only facts take a unit",
        "$name 是$kind_zh，不是事实；只有事实才能声明单位",
    ),
    "not-a-value": _m(
        "not-a-value", "$name is an indicator with several parts, not a value", "$name 是含多个分项的指标，不是一个数值"
    ),
    # units and dimensions
    "unknown-unit": _m(
        "unknown-unit",
        "unknown unit $unit",
        "未知单位 $unit",
        "if it is a unit of its own, declare it: `unit $unit`",
        "如果这是一个单独的计量单位，请声明：`unit $unit`",
    ),
    "unknown-unit-near": _m(
        "unknown-unit",
        "unknown unit $unit",
        "未知单位 $unit",
        "did you mean $candidate? If not, declare $declare",
        "是否想写 $candidate？如果不是，请声明 $declare_zh",
    ),
    "unknown-unit-multiple": _m(
        "unknown-unit",
        "unknown unit $unit",
        "未知单位 $unit",
        "declare it as a multiple of $base: `unit $unit = $factor $base`",
        "请声明为 $base 的倍数：`unit $unit = $factor $base`",
    ),
    "unknown-unit-rate": _m(
        "unknown-unit",
        "unknown unit $unit",
        "未知单位 $unit",
        "$unit is a rate of two units, known once both are: declare $declare",
        "$unit 由“/”两侧的单位组成，两者都已知才可用：请声明 $declare_zh",
    ),
    "unknown-unit-deadline": _m(
        "unknown-unit",
        "unknown unit $unit",
        "未知单位 $unit",
        "did you mean the deadline $deadline?",
        "是否想写截止日期 $deadline？",
    ),
    "unit-redefined": _m(
        "unit-redefined", "unit $unit is already defined and cannot be redefined", "单位 $unit 已有定义，不能重新定义"
    ),
    "unit-word": _m(
        "invalid-unit",
        "unit $unit could not be written after a number: a unit is letters or characters only",
        "单位 $unit 无法写在数字后面：单位只能由字母或汉字组成",
    ),
    "nonpositive-unit": _m(
        "invalid-unit", "unit $unit must be a positive multiple of another unit", "单位 $unit 必须是另一个单位的正倍数"
    ),
    "unit-cycle": _m("unit-cycle", "units defined in a circle: $chain", "单位循环定义：$chain"),
    "dimension-mismatch": _m(
        "dimension-mismatch",
        "cannot $action $left and $right: different dimensions",
        "$left_zh 与 $right_zh 量纲不同，不能$action_zh",
        "$hint",
        "$hint_zh",
    ),
    # labels and scales
    "unordered-label": _m(
        "unordered-label",
        "$comparator needs an order, but $label is not in any declared scale",
        "$comparator 需要顺序，但 $label 不在任何已声明的等级中",
        "declare one, e.g. `scale 不满意 < 基本满意 < 满意`, or compare with ==",
        "先声明等级，如 `scale 不满意 < 基本满意 < 满意`，或改用 == 比较",
    ),
    "unordered-amount": _m(
        "unordered-label",
        "$comparator needs a number, but $label names an amount without giving it",
        "$comparator 需要数值，但 $label 只说了是哪笔金额，没有写出数额",
        "write the amount as the target, e.g. `$comparator 220 万元`, or declare it in `budget { ... }`"
        " and compare a formula with it",
        "请写出数额作为指标值，如 `$comparator 220 万元`；或在 `budget { ... }` 中声明该金额，用公式与之比较",
    ),
    "duplicate-label": _m(
        "duplicate-label", "$label is already in the scale on line $line", "$label 已在第 $line 行的等级中"
    ),
    "label-where-number": _m(
        "type-mismatch", "$name is a number, but its target $label is a label", "$name 是数值，但目标 $label 是文字标签"
    ),
    "number-where-label": _m(
        "type-mismatch", "$name holds a label, but is used here as a number", "$name 是文字标签，这里却当作数值使用"
    ),
    # formulas
    "formula-cycle": _m("formula-cycle", "formulas refer to each other in a circle: $chain", "公式循环引用：$chain"),
    "too-deep": _m(
        "too-deep",
        "formula $name is nested $depth levels deep; at most $limit are allowed",
        "公式 $name 嵌套 $depth 层，至多允许 $limit 层",
        "split it into helper formulas",
        "拆成几个辅助公式",
    ),
    "formula-chain": _m(
        "too-deep",
        "formula $name ends a chain of $depth formulas; at most $limit are allowed",
        "公式 $name 处在 $depth 个公式相互引用的链条末端，至多允许 $limit 个",
    ),
    # weights
    "group-weights": _m(
        "weights",
        "group $group has weight $weight, but its parts add up to $total",
        "指标组 $group 的分值为 $weight，但其下各项合计 $total",
    ),
    "total-weights": _m(
        "weights",
        "the weights should add up to $weight, but they add up to $total",
        "分值合计应为 $weight，实际合计 $total",
    ),
    # warnings
    "unused-formula": _w(
        "unused-formula", "formula $name is not used by any indicator or formula", "公式 $name 没有被任何指标或公式用到"
    ),
    "near-miss": _w(
        "unknown-name",
        "$name is not defined, so it is read as a fact",
        "$name 没有定义，按事实读取",
        "did you mean $candidate?",
        "是否想写 $candidate？",
    ),
    "outside-year": _w(
        "deadline-outside-year",
        "deadline $text is outside the ruleset's year $year",
        "截止日期 $text 不在本规则集的年度 $year 内",
    ),
    "never-met": _w("never-met", "this target can never be met: $why", "这个目标不可能达到：$why_zh"),
    "label-holds-quantity": _w(
        "label-holds-quantity",
        "target $label is read as a label, compared word for word, but it states a quantity",
        "指标值 $label 按文字比较，但它写的是一个数量",
        "if the table means a number, write it as one: `$suggestion`",
        "如果表中指的是数值，请写成 `$suggestion`",
    ),
    "no-date": _w(
        "no-date",
        "$label says when, but carries no date: it is compared as a label",
        "$label 说的是时间要求，但没有具体日期：按文字比较",
        "a deadline such as `10月底前` or `by 2023-10-31` lets perfrules check the date",
        "写上截止日期（如 `10月底前`），perfrules 才能检查时间",
    ),
    "mistyped-deadline": _w(
        "no-date",
        "$label says when, but carries no date: it is compared as a label",
        "$label 说的是时间要求，但没有具体日期：按文字比较",
        "did you mean `$suggestion`, with the deadline $deadline? Written so, perfrules checks the date",
        "是否想写 `$suggestion`（截止日期 $deadline）？这样写，perfrules 才能检查时间",
    ),
    "rate-without-unit": _w(
        "rate-without-unit",
        "$name is a rate, but its target $target has no unit",
        "$name 是比率，但指标值 $target 没有单位",
        "if it is a percentage, write `$target%`; a fact given with a unit is compared in that unit",
        "如果是百分比，请写 `$target%`；带单位填报的实际值按其单位比较",
    ),
    "month-before": _w(
        "month-before",
        "$text is read as the end of that month ($day)",
        "$text 按该月月底（$day）理解",
        "if the table means before that month begins, write the month before: `$earlier`",
        "如果表中指该月开始之前，请写 `$earlier`",
    ),
    "implicit-direction": _w(
        "implicit-direction",
        "no comparator: $name is read as at least $target, but its name speaks of a limit",
        "未写比较符：$name 按“不低于 $target”理解，但名称说的是上限",
        "if the table means at most, write `<= $target`",
        "如果表中指不超过，请写 `<= $target`",
    ),
    "unit-column": _w(
        "unit-column",
        "the unit column says $column, but the target $target $why",
        "计量单位一栏写的是 $column，但指标值 $target $why_zh",
    ),
    "value-kind": _w(
        "value-kind",
        "the row is marked $kind, but its target $target $why",
        "该行指标值类型为 $kind，但指标值 $target $why_zh",
    ),
}
"""Message name → its code, severity, and wording in English and Chinese."""

KINDS_ZH = {
    "formula": "公式",
    "indicator": "指标",
    "budget constant": "预算常量",
    "fact": "事实",
    "part": "分项",
    "indicators": "个指标",
    "formulas": "个公式",
    "lines of statements": "行语句",
}
ACTIONS_ZH = {"add": "相加", "subtract": "相减", "compare": "比较"}
