"""Named constructors for every message about ruleset text, over the table in `wording`.

Each constructor is a one-line typed wrapper that names the values its message fills in, so a
caller says what it reports (`say.unknown_unit(span, name)`) and the words stay in the table.
"""

from __future__ import annotations

import re
import string
import unicodedata
from fractions import Fraction
from typing import Any

from ..errors import Diagnostic, Source, Span
from ..quantities.arithmetic import fraction_text
from ..quantities.guesses import Declaration, UnitGuess
from .wording import ACTIONS_ZH, KINDS_ZH, MESSAGES

_AMOUNT = re.compile(r"预算|成本|金额|资金|经费|费用")
"""Words of a label that names an amount (不超过预算), rather than a grade."""


def dimension_zh(text: str) -> str:
    """A dimension's English name (`a ratio`, `a plain number`) in Chinese; unit names stay as they are."""
    return {"a ratio": "比率", "a plain number": "纯数值"}.get(text, text)


class Messages:
    """One-line named constructors over `MESSAGES`, for one source text.

    Over 200 lines because it has one two-line method per message of the table, and nothing else.
    """

    def __init__(self, source: Source) -> None:
        self.source = source

    def make(self, key: str, span: Span, /, **values: Any) -> Diagnostic:
        """The diagnostic `key` of the table at `span`, its wording filled with `values` (the
        Chinese wording names its own `..._zh` values where a value reads differently in Chinese)."""
        message = MESSAGES[key]
        texts = {key: str(value) for key, value in values.items()}
        return Diagnostic(
            message.code,
            string.Template(message.en).substitute(texts),
            self.source,
            span,
            _fill(message.hint_en, texts),
            severity=message.severity,
            zh=(string.Template(message.zh).substitute(texts), _fill(message.hint_zh, texts)),
        )

    # text and size

    def encoding(self, span: Span, byte: int, value: int) -> Diagnostic:
        return self.make("encoding", span, byte=byte, hex=f"{value:02x}")

    def invisible(self, span: Span, char: str) -> Diagnostic:
        return self.make("invisible", span, code=f"U+{ord(char):04X}", name=unicodedata.name(char, "unnamed"))

    def too_many_marks(self, span: Span, limit: int) -> Diagnostic:
        return self.make("too-many-marks", span, limit=limit)

    def too_long(self, span: Span, length: int, limit: int) -> Diagnostic:
        return self.make("too-long", span, length=f"{length:,}", limit=f"{limit:,}")

    def file_too_long(self, span: Span, size: int, limit: int) -> Diagnostic:
        return self.make("file-too-long", span, size=f"{size:,}", limit=f"{limit:,}")

    def line_too_long(self, span: Span, length: int, limit: int) -> Diagnostic:
        return self.make("line-too-long", span, length=f"{length:,}", limit=f"{limit:,}")

    def too_many(self, span: Span, kind: str, count: int, limit: int) -> Diagnostic:
        return self.make("too-many", span, kind=kind, kind_zh=KINDS_ZH[kind], count=f"{count:,}", limit=f"{limit:,}")

    # syntax

    def syntax(
        self,
        span: Span,
        found: tuple[str, str],
        expected: tuple[list[str], list[str]],
        hint: tuple[str, str] | None = None,
    ) -> Diagnostic:
        wanted, zh_wanted = ", ".join(expected[0]), "、".join(expected[1])
        return self.make(
            "syntax",
            span,
            found=found[0],
            found_zh=found[1],
            expected=f"; expected {wanted}" if wanted else "",
            expected_zh=f"；应为{zh_wanted}" if zh_wanted else "",
            hint=hint[0] if hint else "",
            hint_zh=hint[1] if hint else "",
        )

    def bad_character(self, span: Span, char: str) -> Diagnostic:
        if char == ",":
            hints = (
                "thousands separators group exactly three digits: 11,961,500.00",
                "千位分隔符每三位一组：11,961,500.00",
            )
        elif char in "()[]{}-. ":
            hints = (
                "names holding spaces, '-', '.' or unclosed brackets go between backticks, like `部门-预算`",
                "含空格、“-”、“.”或不成对括号的名称要用反引号括起来，如 `部门-预算`",
            )
        else:
            hints = ("", "")
        shown = char if char.isprintable() else f"U+{ord(char):04X}"
        return self.make("bad-character", span, char=repr(shown), hint=hints[0], hint_zh=hints[1])

    def unit_operator(self, span: Span, text: str) -> Diagnostic:
        return self.make("unit-operator", span, text=text)

    def scale_operator(self, span: Span, text: str) -> Diagnostic:
        return self.make("scale-operator", span, text=text)

    def orphan_description(self, span: Span) -> Diagnostic:
        return self.make("orphan-description", span)

    # numbers and dates

    def too_many_digits(self, span: Span, text: str, limit: int) -> Diagnostic:
        return self.make("too-many-digits", span, text=text, limit=limit)

    def too_large(self, span: Span, text: str, limit: int) -> Diagnostic:
        return self.make("too-large", span, text=text, limit=limit)

    def invalid_date(self, span: Span, text: str, why: str, zh_why: str) -> Diagnostic:
        return self.make("invalid-date", span, text=text, why=why, why_zh=zh_why)

    def bad_year(self, span: Span, text: str) -> Diagnostic:
        return self.make("bad-year", span, text=text)

    def needs_year(self, span: Span, text: str) -> Diagnostic:
        return self.make("missing-year", span, text=text)

    def duplicate_year(self, span: Span, first: int) -> Diagnostic:
        return self.make("duplicate-year", span, first=first)

    def duplicate_department(self, span: Span) -> Diagnostic:
        return self.make("duplicate-department", span)

    # names

    def duplicate_name(self, span: Span, name: str, kind: str, line: int) -> Diagnostic:
        return self.make("duplicate-name", span, name=name, kind=kind, kind_zh=KINDS_ZH.get(kind, kind), line=line)

    def declared_non_fact(self, span: Span, name: str, kind: str) -> Diagnostic:
        return self.make("not-a-fact", span, name=name, kind=kind, kind_zh=KINDS_ZH.get(kind, kind))

    def compound_as_value(self, span: Span, name: str) -> Diagnostic:
        return self.make("not-a-value", span, name=name)

    # units and dimensions

    def unknown_unit(self, span: Span, unit: str, guess: UnitGuess | None = None) -> Diagnostic:
        """An unknown unit, with what it most likely is (a typo of a known unit, leading; a magnitude
        of one; the unknown parts of a rate); without a guess, only how to declare it."""
        if guess is None or not guess.declarations:
            return self.make("unknown-unit", span, unit=unit)
        declare = [_declaration(item) for item in guess.declarations]
        listed = {"declare": " and ".join(declare), "declare_zh": "和".join(declare)}
        if guess.near is not None:
            return self.make("unknown-unit-near", span, unit=unit, candidate=guess.near, **listed)
        if guess.rate:
            return self.make("unknown-unit-rate", span, unit=unit, **listed)
        multiple = guess.declarations[0]
        if multiple.base is not None:
            return self.make("unknown-unit-multiple", span, unit=unit, factor=multiple.factor, base=multiple.base)
        return self.make("unknown-unit", span, unit=unit)

    def deadline_as_unit(self, span: Span, unit: str, deadline: str) -> Diagnostic:
        return self.make("unknown-unit-deadline", span, unit=unit, deadline=deadline)

    def unit_redefined(self, span: Span, unit: str) -> Diagnostic:
        return self.make("unit-redefined", span, unit=unit)

    def unit_word(self, span: Span, unit: str) -> Diagnostic:
        return self.make("unit-word", span, unit=unit)

    def nonpositive_unit(self, span: Span, unit: str) -> Diagnostic:
        return self.make("nonpositive-unit", span, unit=unit)

    def unit_cycle(self, span: Span, names: list[str]) -> Diagnostic:
        return self.make("unit-cycle", span, chain=" → ".join(names))

    def dimension_mismatch(
        self, span: Span, left: str, right: str, action: str, hint: tuple[str, str] | None = None
    ) -> Diagnostic:
        return self.make(
            "dimension-mismatch",
            span,
            left=left,
            left_zh=dimension_zh(left),
            right=right,
            right_zh=dimension_zh(right),
            action=action,
            action_zh=ACTIONS_ZH[action],
            hint=hint[0] if hint else "",
            hint_zh=hint[1] if hint else "",
        )

    # labels and scales

    def unordered_label(self, span: Span, label: str, comparator: str) -> Diagnostic:
        if _AMOUNT.search(label):  # 不超过预算: a limit against an amount the table does not write
            return self.make("unordered-amount", span, label=label, comparator=comparator)
        return self.make("unordered-label", span, label=label, comparator=comparator)

    def label_in_two_scales(self, span: Span, label: str, line: int) -> Diagnostic:
        return self.make("duplicate-label", span, label=label, line=line)

    def label_where_number(self, span: Span, name: str, label: str) -> Diagnostic:
        return self.make("label-where-number", span, name=name, label=label)

    def number_where_label(self, span: Span, name: str) -> Diagnostic:
        return self.make("number-where-label", span, name=name)

    # formulas

    def formula_cycle(self, span: Span, names: list[str]) -> Diagnostic:
        return self.make("formula-cycle", span, chain=" → ".join(names))

    def too_deep(self, span: Span, name: str, depth: int, limit: int) -> Diagnostic:
        return self.make("too-deep", span, name=name, depth=depth, limit=limit)

    def formula_chain(self, span: Span, name: str, depth: int, limit: int) -> Diagnostic:
        return self.make("formula-chain", span, name=name, depth=depth, limit=limit)

    # weights

    def weights_do_not_add_up(self, span: Span, group: str | None, weight: Fraction, total: Fraction) -> Diagnostic:
        if group:
            return self.make(
                "group-weights", span, group=group, weight=fraction_text(weight), total=fraction_text(total)
            )
        return self.make("total-weights", span, weight=fraction_text(weight), total=fraction_text(total))

    # warnings

    def unused_formula(self, span: Span, name: str) -> Diagnostic:
        return self.make("unused-formula", span, name=name)

    def near_miss(self, span: Span, name: str, candidate: str) -> Diagnostic:
        return self.make("near-miss", span, name=name, candidate=candidate)

    def outside_year(self, span: Span, text: str, year: int) -> Diagnostic:
        return self.make("outside-year", span, text=text, year=year)

    def never_met(self, span: Span, why: str, zh_why: str) -> Diagnostic:
        return self.make("never-met", span, why=why, why_zh=zh_why)

    def label_holds_quantity(self, span: Span, label: str, suggestion: str) -> Diagnostic:
        return self.make("label-holds-quantity", span, label=label, suggestion=suggestion)

    def no_date(self, span: Span, label: str) -> Diagnostic:
        return self.make("no-date", span, label=label)

    def mistyped_deadline(self, span: Span, label: str, suggestion: str, deadline: str) -> Diagnostic:
        return self.make("mistyped-deadline", span, label=label, suggestion=suggestion, deadline=deadline)

    def rate_without_unit(self, span: Span, name: str, target: str) -> Diagnostic:
        return self.make("rate-without-unit", span, name=name, target=target)

    def month_before(self, span: Span, text: str, day: str, earlier: str) -> Diagnostic:
        return self.make("month-before", span, text=text, day=day, earlier=earlier)

    def implicit_direction(self, span: Span, name: str, target: str) -> Diagnostic:
        return self.make("implicit-direction", span, name=name, target=target)

    def unit_column(self, span: Span, column: str, target: str, why: str, zh_why: str) -> Diagnostic:
        return self.make("unit-column", span, column=column, target=target, why=why, why_zh=zh_why)

    def value_kind(self, span: Span, kind: str, target: str, why: str, zh_why: str) -> Diagnostic:
        return self.make("value-kind", span, kind=kind, target=target, why=why, why_zh=zh_why)


def _declaration(declaration: Declaration) -> str:
    """A unit declaration as written in a ruleset: `unit 论`, `unit 千次 = 1000 次`."""
    if declaration.base is None:
        return f"`unit {declaration.word}`"
    return f"`unit {declaration.word} = {declaration.factor} {declaration.base}`"


def _fill(template: str | None, values: dict[str, str]) -> str | None:
    """A hint filled in, or None when there is none (an empty hint is none)."""
    if template is None:
        return None
    return string.Template(template).substitute(values) or None
