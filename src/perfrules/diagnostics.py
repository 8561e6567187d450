"""Diagnostics: a problem in ruleset text with its position, rendered one way everywhere.

Every message about ruleset text is written once here, as a named constructor, so the wording
stays consistent and later catalogues (translations, docs) have one place to read.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

import attrs

from .arithmetic import fraction_text
from .errors import hidden, printable
from .source import Source, Span, char_width


@attrs.frozen
class Diagnostic:
    """A positioned problem in ruleset text."""

    code: str
    message: str
    source: Source = attrs.field(eq=False, repr=False)
    span: Span
    hint: str | None = None
    severity: str = "error"
    zh: tuple[str, str | None] = ("", None)
    """The message and hint in Chinese."""

    @property
    def line(self) -> int:
        return self.source.line_column(self.span.start)[0]

    @property
    def column(self) -> int:
        return self.source.line_column(self.span.start)[1]

    def text(self, language: str = "en") -> tuple[str, str | None]:
        """(message, hint) in a language: "en" or "zh"."""
        if language == "zh" and self.zh[0]:
            return self.zh
        return self.message, self.hint

    def render(self, language: str = "en") -> str:
        """`file:line:col: error[code]: message`, the author's line, and a caret under the column.

        A long line is shown as an excerpt around the caret, so no message grows with the input.
        """
        message, hint = self.text(language)
        severity = _SEVERITY_ZH[self.severity] if language == "zh" else self.severity
        line, column = self.line, self.column
        text = self.source.line_text(line)
        first, last = column - 1, column - 1 + max(1, self.span.end - self.span.start)
        start, end = _window(text, first)
        before = text[start:first]
        underlined = self.source.text[self.span.start : self.span.end].split("\n")[0].split("\r")[0]
        underlined = underlined[: max(0, min(last, end) - first)] or " "
        # Hidden characters are shown as U+XXXX, on the line and in the caret's reckoning alike.
        shown = ("…" if start else "") + printable(text[start:end], keep="\t") + ("…" if end < len(text) else "")
        padding = (" " if start else "") + "".join("\t" if char == "\t" else " " * _width(char) for char in before)
        marker = "^" + "~" * max(0, sum(_width(char) for char in underlined) - 1)
        rendered = [
            f"{printable(self.source.name)}:{line}:{column}: {severity}[{self.code}]: {message}",
            f"    {shown}",
            f"    {padding}{marker}",
        ]
        if hint:
            rendered.append(f"    {'提示' if language == 'zh' else 'hint'}: {hint}")
        return "\n".join(rendered)


ECHO_CHARS = 120
"""Longest stretch of a source line echoed under a message."""
MAX_PER_LINE = 5
"""Problems kept for one line; the rest are counted."""
MAX_DIAGNOSTICS = 100
"""Problems kept in all; the rest are counted."""
_SEVERITY_ZH = {"error": "错误", "warning": "警告", "note": "注"}


def _width(char: str) -> int:
    return 6 if hidden(char) and char != "\t" else char_width(char)


def _window(text: str, first: int) -> tuple[int, int]:
    """The stretch of a line to echo: all of it when it fits ECHO_CHARS columns, else some
    context before the caret and more after it (a hidden character counts as its U+XXXX)."""
    widths = [max(1, _width(char)) for char in text]  # combining marks take room in the text
    if sum(widths) <= ECHO_CHARS:
        return 0, len(text)
    start, budget = min(first, len(text)), ECHO_CHARS // 3
    while start > 0 and budget >= widths[start - 1]:
        start -= 1
        budget -= widths[start]
    end, budget = start, ECHO_CHARS
    while end < len(text) and budget >= widths[end]:
        budget -= widths[end]
        end += 1
    return start, max(end, min(first + 1, len(text)))


def capped(diagnostics: Sequence[Diagnostic], uncounted: int = 0) -> tuple[Diagnostic, ...]:
    """At most MAX_PER_LINE diagnostics per line and MAX_DIAGNOSTICS in all, then a note saying
    how many more there were (`uncounted` are more still, found but never made)."""
    kept: list[Diagnostic] = []
    per_line: dict[tuple[str, int], int] = {}
    dropped: list[Diagnostic] = []
    for diagnostic in diagnostics:
        key = (diagnostic.source.name, diagnostic.line)
        if per_line.get(key, 0) >= MAX_PER_LINE or len(kept) >= MAX_DIAGNOSTICS:
            dropped.append(diagnostic)
            continue
        per_line[key] = per_line.get(key, 0) + 1
        kept.append(diagnostic)
    count = len(dropped) + uncounted
    if count:
        where = dropped[0] if dropped else kept[-1]
        kept.append(
            Diagnostic(
                "more-problems",
                f"{count:,} more problem(s) not shown",
                where.source,
                where.span,
                "fix the ones shown and check again",
                severity="note",
                zh=(f"另有 {count:,} 个问题未显示", "先改正上面列出的问题，再检查一次"),
            )
        )
    return tuple(kept)


def _number(value: Any) -> str:
    """A weight for a message: exact, as a decimal where it is one."""
    return fraction_text(value)


_KINDS = {
    "formula": "公式",
    "indicator": "指标",
    "budget constant": "预算常量",
    "fact": "事实",
    "part": "分项",
    "indicators": "个指标",
    "formulas": "个公式",
    "lines of statements": "行语句",
}
_ACTIONS = {"add": "相加", "subtract": "相减", "compare": "比较"}


def _zh_dimension(text: str) -> str:
    return {"a ratio": "比率", "a plain number": "纯数值"}.get(text, text)


class Messages:
    """Named constructors for every diagnostic about ruleset text, in English and in Chinese."""

    def __init__(self, source: Source) -> None:
        self.source = source

    def _make(
        self, code: str, span: Span, message: str, hint: str | None = None, zh: str = "", zh_hint: str | None = None
    ) -> Diagnostic:
        return Diagnostic(code, message, self.source, span, hint, zh=(zh, zh_hint))

    def _warn(
        self, code: str, span: Span, message: str, hint: str | None = None, zh: str = "", zh_hint: str | None = None
    ) -> Diagnostic:
        return Diagnostic(code, message, self.source, span, hint, severity="warning", zh=(zh, zh_hint))

    def unused_formula(self, span: Span, name: str) -> Diagnostic:
        return self._warn(
            "unused-formula",
            span,
            f"formula {name} is not used by any indicator or formula",
            zh=f"公式 {name} 没有被任何指标或公式用到",
        )

    def near_miss(self, span: Span, name: str, candidate: str) -> Diagnostic:
        return self._warn(
            "unknown-name",
            span,
            f"{name} is not defined, so it is read as a fact",
            f"did you mean {candidate}?",
            zh=f"{name} 没有定义，按事实读取",
            zh_hint=f"是否想写 {candidate}？",
        )

    def outside_year(self, span: Span, text: str, year: int) -> Diagnostic:
        return self._warn(
            "deadline-outside-year",
            span,
            f"deadline {text} is outside the ruleset's year {year}",
            zh=f"截止日期 {text} 不在本规则集的年度 {year} 内",
        )

    def never_met(self, span: Span, why: str, zh_why: str) -> Diagnostic:
        return self._warn("never-met", span, f"this target can never be met: {why}", zh=f"这个目标不可能达到：{zh_why}")

    def syntax(
        self,
        span: Span,
        found: tuple[str, str],
        expected: tuple[list[str], list[str]],
        hint: tuple[str, str] | None = None,
    ) -> Diagnostic:
        wanted, zh_wanted = ", ".join(expected[0]), "、".join(expected[1])
        message = f"unexpected {found[0]}" + (f"; expected {wanted}" if wanted else "")
        zh = f"此处不应出现{found[1]}" + (f"；应为{zh_wanted}" if zh_wanted else "")
        return self._make("syntax", span, message, hint[0] if hint else None, zh, hint[1] if hint else None)

    def bad_character(self, span: Span, char: str) -> Diagnostic:
        shown = char if char.isprintable() else f"U+{ord(char):04X}"
        if char == ",":
            hint: str | None = "thousands separators group exactly three digits: 11,961,500.00"
            zh_hint: str | None = "千位分隔符每三位一组：11,961,500.00"
        elif char in "()[]{}-. ":
            hint = "names holding brackets, spaces, '-' or '.' go between backticks, like `部门(单位)预算`"
            zh_hint = "含括号、空格、“-”或“.”的名称要用反引号括起来，如 `部门(单位)预算`"
        else:
            hint = zh_hint = None
        return self._make(
            "syntax", span, f"unexpected character {shown!r}", hint, f"此处不应出现字符 {shown!r}", zh_hint
        )

    def invalid_date(self, span: Span, text: str, why: str, zh_why: str) -> Diagnostic:
        return self._make("invalid-date", span, f"impossible date {text}: {why}", zh=f"日期 {text} 不存在：{zh_why}")

    def needs_year(self, span: Span, text: str) -> Diagnostic:
        return self._make(
            "missing-year",
            span,
            f"deadline {text} needs the ruleset's year",
            "declare it once, e.g. `year 2023`, or write the date in full: `by 2023-10-31`",
            f"截止日期 {text} 需要规则集的年度",
            "声明一次年度，如 `year 2023`，或写出完整日期：`by 2023-10-31`",
        )

    def duplicate_year(self, span: Span, first: int) -> Diagnostic:
        return self._make(
            "duplicate-year", span, f"the year is already declared as {first}", zh=f"年度已经声明为 {first}"
        )

    def bad_year(self, span: Span, text: str) -> Diagnostic:
        return self._make(
            "invalid-date", span, f"year {text} is out of range (1900-9999)", zh=f"年份 {text} 超出范围（1900–9999）"
        )

    def duplicate_department(self, span: Span) -> Diagnostic:
        return self._make("duplicate-department", span, "the department is already declared", zh="部门已经声明过")

    def duplicate_name(self, span: Span, name: str, kind: str, line: int) -> Diagnostic:
        return self._make(
            "duplicate-name",
            span,
            f"{name} is already defined on line {line} ({kind})",
            zh=f"{name} 已在第 {line} 行定义（{_KINDS.get(kind, kind)}）",
        )

    def unknown_unit(self, span: Span, unit: str) -> Diagnostic:
        return self._make(
            "unknown-unit",
            span,
            f"unknown unit {unit}",
            f"declare it with `unit {unit}`, or as a multiple of another: `unit {unit} = 1000 元`",
            f"未知单位 {unit}",
            f"用 `unit {unit}` 声明，或声明为其他单位的倍数：`unit {unit} = 1000 元`",
        )

    def unit_redefined(self, span: Span, unit: str) -> Diagnostic:
        return self._make(
            "unit-redefined",
            span,
            f"unit {unit} is already defined and cannot be redefined",
            zh=f"单位 {unit} 已有定义，不能重新定义",
        )

    def unit_word(self, span: Span, unit: str) -> Diagnostic:
        return self._make(
            "invalid-unit",
            span,
            f"unit {unit} could not be written after a number: a unit is letters or characters only",
            zh=f"单位 {unit} 无法写在数字后面：单位只能由字母或汉字组成",
        )

    def unit_operator(self, span: Span, text: str) -> Diagnostic:
        return self._make(
            "syntax",
            span,
            f"a unit is defined with =, not {text}: `unit 千元 = 1000 元`",
            zh=f"单位用 = 定义，而不是 {text}：`unit 千元 = 1000 元`",
        )

    def unit_cycle(self, span: Span, names: list[str]) -> Diagnostic:
        chain = " → ".join(names)
        return self._make("unit-cycle", span, f"units defined in a circle: {chain}", zh=f"单位循环定义：{chain}")

    def nonpositive_unit(self, span: Span, unit: str) -> Diagnostic:
        return self._make(
            "invalid-unit",
            span,
            f"unit {unit} must be a positive multiple of another unit",
            zh=f"单位 {unit} 必须是另一个单位的正倍数",
        )

    def dimension_mismatch(
        self, span: Span, left: str, right: str, action: str, hint: tuple[str, str] | None = None
    ) -> Diagnostic:
        return self._make(
            "dimension-mismatch",
            span,
            f"cannot {action} {left} and {right}: different dimensions",
            hint[0] if hint else None,
            f"{_zh_dimension(left)} 与 {_zh_dimension(right)} 量纲不同，不能{_ACTIONS.get(action, action)}",
            hint[1] if hint else None,
        )

    def unordered_label(self, span: Span, label: str, comparator: str) -> Diagnostic:
        return self._make(
            "unordered-label",
            span,
            f"{comparator} needs an order, but {label} is not in any declared scale",
            "declare one, e.g. `scale 不满意 < 基本满意 < 满意`, or compare with ==",
            f"{comparator} 需要顺序，但 {label} 不在任何已声明的等级中",
            "先声明等级，如 `scale 不满意 < 基本满意 < 满意`，或改用 == 比较",
        )

    def label_in_two_scales(self, span: Span, label: str, line: int) -> Diagnostic:
        return self._make(
            "duplicate-label",
            span,
            f"{label} is already in the scale on line {line}",
            zh=f"{label} 已在第 {line} 行的等级中",
        )

    def scale_operator(self, span: Span, text: str) -> Diagnostic:
        return self._make(
            "syntax",
            span,
            f"scales are written from low to high with <, not {text}",
            zh=f"等级用 < 从低到高书写，而不是 {text}",
        )

    def label_where_number(self, span: Span, name: str, label: str) -> Diagnostic:
        return self._make(
            "type-mismatch",
            span,
            f"{name} is a number, but its target {label} is a label",
            zh=f"{name} 是数值，但目标 {label} 是文字标签",
        )

    def number_where_label(self, span: Span, name: str) -> Diagnostic:
        return self._make(
            "type-mismatch",
            span,
            f"{name} holds a label, but is used here as a number",
            zh=f"{name} 是文字标签，这里却当作数值使用",
        )

    def declared_non_fact(self, span: Span, name: str, kind: str) -> Diagnostic:
        return self._make(
            "not-a-fact",
            span,
            f"{name} is a {kind}, not a fact; only facts take a unit",
            zh=f"{name} 是{_KINDS.get(kind, kind)}，不是事实；只有事实才能声明单位",
        )

    def formula_cycle(self, span: Span, names: list[str]) -> Diagnostic:
        chain = " → ".join(names)
        return self._make(
            "formula-cycle", span, f"formulas refer to each other in a circle: {chain}", zh=f"公式循环引用：{chain}"
        )

    def compound_as_value(self, span: Span, name: str) -> Diagnostic:
        return self._make(
            "not-a-value",
            span,
            f"{name} is an indicator with several parts, not a value",
            zh=f"{name} 是含多个分项的指标，不是一个数值",
        )

    def too_deep(self, span: Span, name: str, depth: int, limit: int) -> Diagnostic:
        return self._make(
            "too-deep",
            span,
            f"formula {name} is nested {depth} levels deep; at most {limit} are allowed",
            "split it into helper formulas",
            f"公式 {name} 嵌套 {depth} 层，至多允许 {limit} 层",
            "拆成几个辅助公式",
        )

    def too_long(self, span: Span, length: int, limit: int) -> Diagnostic:
        return self._make(
            "too-long",
            span,
            f"the ruleset has {length:,} characters; at most {limit:,} are allowed",
            zh=f"规则集有 {length:,} 个字符，至多允许 {limit:,} 个",
        )

    def file_too_long(self, span: Span, size: int, limit: int) -> Diagnostic:
        return self._make(
            "too-long",
            span,
            f"the file has {size:,} bytes, more than the {limit:,} characters a ruleset may have",
            zh=f"文件有 {size:,} 个字节，超过规则集至多允许的 {limit:,} 个字符",
        )

    def line_too_long(self, span: Span, length: int, limit: int) -> Diagnostic:
        return self._make(
            "too-long",
            span,
            f"this line has {length:,} characters; at most {limit:,} are allowed",
            zh=f"这一行有 {length:,} 个字符，至多允许 {limit:,} 个",
        )

    def too_many_marks(self, span: Span, limit: int) -> Diagnostic:
        return self._make(
            "invalid-text",
            span,
            f"more than {limit} combining marks on one character",
            zh=f"一个字符上的组合符号超过 {limit} 个",
        )

    def invisible(self, span: Span, char: str) -> Diagnostic:
        name = unicodedata.name(char, "unnamed")
        return self._make(
            "invalid-text",
            span,
            f"invisible or control character U+{ord(char):04X} ({name})",
            "such characters make different text look the same; delete it",
            f"不可见字符或控制字符 U+{ord(char):04X}（{name}）",
            "这类字符会让不同的文字看起来一样，请删除",
        )

    def too_many(self, span: Span, kind: str, count: int, limit: int) -> Diagnostic:
        return self._make(
            "too-many",
            span,
            f"the ruleset has {count:,} {kind}; at most {limit:,} are allowed",
            zh=f"规则集有 {count:,} {_KINDS.get(kind, kind)}，至多允许 {limit:,}",
        )

    def too_many_digits(self, span: Span, text: str, limit: int) -> Diagnostic:
        return self._make(
            "invalid-number",
            span,
            f"{text} has more than {limit} significant digits; it could not be held exactly",
            zh=f"{text} 的有效数字超过 {limit} 位，无法精确表示",
        )

    def too_large(self, span: Span, text: str, limit: int) -> Diagnostic:
        return self._make(
            "invalid-number",
            span,
            f"{text} is out of range: at most 10^{limit} either way",
            zh=f"{text} 超出范围：数量级至多 10^±{limit}",
        )

    def formula_chain(self, span: Span, name: str, depth: int, limit: int) -> Diagnostic:
        return self._make(
            "too-deep",
            span,
            f"formula {name} ends a chain of {depth} formulas; at most {limit} are allowed",
            zh=f"公式 {name} 处在 {depth} 个公式相互引用的链条末端，至多允许 {limit} 个",
        )

    def weights_do_not_add_up(self, span: Span, group: str | None, weight: Any, total: Any) -> Diagnostic:
        if group:
            message = f"group {group} has weight {_number(weight)}, but its parts add up to {_number(total)}"
            zh = f"指标组 {group} 的分值为 {_number(weight)}，但其下各项合计 {_number(total)}"
        else:
            message = f"the weights should add up to {_number(weight)}, but they add up to {_number(total)}"
            zh = f"分值合计应为 {_number(weight)}，实际合计 {_number(total)}"
        return self._make("weights", span, message, zh=zh)

    def orphan_description(self, span: Span) -> Diagnostic:
        return self._make(
            "orphan-description",
            span,
            "a description must follow the indicator or formula it describes",
            zh="说明文字必须紧跟在它所说明的指标或公式之后",
        )
