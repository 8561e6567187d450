"""Diagnostics: a problem in ruleset text with its position, rendered one way everywhere.

Every message about ruleset text is written once here, as a named constructor, so the wording
stays consistent and later catalogues (translations, docs) have one place to read.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

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

    @property
    def line(self) -> int:
        return self.source.line_column(self.span.start)[0]

    @property
    def column(self) -> int:
        return self.source.line_column(self.span.start)[1]

    def render(self) -> str:
        """`file:line:col: error: message`, the author's line, and a caret under the column."""
        line, column = self.line, self.column
        text = self.source.line_text(line)
        before = text[: column - 1]
        underlined = self.source.text[self.span.start : self.span.end].split("\n")[0].split("\r")[0]
        underlined = underlined[: max(0, len(text) - (column - 1))] or " "
        # Hidden characters are shown as U+XXXX, on the line and in the caret's reckoning alike.
        shown = printable(text, keep="\t")
        padding = "".join("\t" if char == "\t" else " " * _width(char) for char in before)
        marker = "^" + "~" * max(0, sum(_width(char) for char in underlined) - 1)
        rendered = [
            f"{printable(self.source.name)}:{line}:{column}: {self.severity}[{self.code}]: {self.message}",
            f"    {shown}",
            f"    {padding}{marker}",
        ]
        if self.hint:
            rendered.append(f"    hint: {self.hint}")
        return "\n".join(rendered)


def _width(char: str) -> int:
    return 6 if hidden(char) and char != "\t" else char_width(char)


def _number(value: Any) -> str:
    """A weight for a message: exact, as a decimal where it is one."""
    from .arithmetic import CONTEXT, plain

    fraction = Fraction(value)
    if fraction.denominator == 1:
        return str(fraction.numerator)
    quotient = CONTEXT.divide(Decimal(fraction.numerator), Decimal(fraction.denominator))
    return "≈" + plain(quotient.quantize(Decimal("0.0001")))


class Messages:
    """Named constructors for every diagnostic perfrules reports about ruleset text."""

    def __init__(self, source: Source) -> None:
        self.source = source

    def _make(self, code: str, span: Span, message: str, hint: str | None = None) -> Diagnostic:
        return Diagnostic(code, message, self.source, span, hint)

    def _warn(self, code: str, span: Span, message: str, hint: str | None = None) -> Diagnostic:
        return Diagnostic(code, message, self.source, span, hint, severity="warning")

    def unused_formula(self, span: Span, name: str) -> Diagnostic:
        return self._warn("unused-formula", span, f"formula {name} is not used by any indicator or formula")

    def near_miss(self, span: Span, name: str, candidate: str) -> Diagnostic:
        return self._warn(
            "unknown-name", span, f"{name} is not defined, so it is read as a fact", f"did you mean {candidate}?"
        )

    def outside_year(self, span: Span, text: str, year: int) -> Diagnostic:
        return self._warn("deadline-outside-year", span, f"deadline {text} is outside the ruleset's year {year}")

    def never_met(self, span: Span, why: str) -> Diagnostic:
        return self._warn("never-met", span, f"this target can never be met: {why}")

    def syntax(self, span: Span, found: str, expected: list[str], hint: str | None = None) -> Diagnostic:
        wanted = ", ".join(expected)
        message = f"unexpected {found}" + (f"; expected {wanted}" if wanted else "")
        return self._make("syntax", span, message, hint)

    def bad_character(self, span: Span, char: str) -> Diagnostic:
        shown = char if char.isprintable() else f"U+{ord(char):04X}"
        if char == ",":
            hint: str | None = "thousands separators group exactly three digits: 11,961,500.00"
        elif char in "()[]{}-. ":
            hint = "names holding brackets, spaces, '-' or '.' go between backticks, like `部门(单位)预算`"
        else:
            hint = None
        return self._make("syntax", span, f"unexpected character {shown!r}", hint)

    def invalid_date(self, span: Span, text: str, why: str) -> Diagnostic:
        return self._make("invalid-date", span, f"impossible date {text}: {why}")

    def needs_year(self, span: Span, text: str) -> Diagnostic:
        return self._make(
            "missing-year",
            span,
            f"deadline {text} needs the ruleset's year",
            "declare it once, e.g. `year 2023`, or write the date in full: `by 2023-10-31`",
        )

    def duplicate_year(self, span: Span, first: int) -> Diagnostic:
        return self._make("duplicate-year", span, f"the year is already declared as {first}")

    def bad_year(self, span: Span, text: str) -> Diagnostic:
        return self._make("invalid-date", span, f"year {text} is out of range (1900-9999)")

    def duplicate_department(self, span: Span) -> Diagnostic:
        return self._make("duplicate-department", span, "the department is already declared")

    def duplicate_name(self, span: Span, name: str, kind: str, line: int) -> Diagnostic:
        return self._make("duplicate-name", span, f"{name} is already defined on line {line} ({kind})")

    def unknown_unit(self, span: Span, unit: str) -> Diagnostic:
        return self._make(
            "unknown-unit",
            span,
            f"unknown unit {unit}",
            f"declare it with `unit {unit}`, or as a multiple of another: `unit {unit} = 1000 元`",
        )

    def unit_redefined(self, span: Span, unit: str) -> Diagnostic:
        return self._make("unit-redefined", span, f"unit {unit} is already defined and cannot be redefined")

    def unit_word(self, span: Span, unit: str) -> Diagnostic:
        return self._make(
            "invalid-unit",
            span,
            f"unit {unit} could not be written after a number: a unit is letters or characters only",
        )

    def unit_operator(self, span: Span, text: str) -> Diagnostic:
        return self._make("syntax", span, f"a unit is defined with =, not {text}: `unit 千元 = 1000 元`")

    def unit_cycle(self, span: Span, names: list[str]) -> Diagnostic:
        return self._make("unit-cycle", span, "units defined in a circle: " + " → ".join(names))

    def nonpositive_unit(self, span: Span, unit: str) -> Diagnostic:
        return self._make("invalid-unit", span, f"unit {unit} must be a positive multiple of another unit")

    def dimension_mismatch(self, span: Span, left: str, right: str, action: str, hint: str | None = None) -> Diagnostic:
        return self._make("dimension-mismatch", span, f"cannot {action} {left} and {right}: different dimensions", hint)

    def unordered_label(self, span: Span, label: str, comparator: str) -> Diagnostic:
        return self._make(
            "unordered-label",
            span,
            f"{comparator} needs an order, but {label} is not in any declared scale",
            "declare one, e.g. `scale 不满意 < 基本满意 < 满意`, or compare with ==",
        )

    def label_in_two_scales(self, span: Span, label: str, line: int) -> Diagnostic:
        return self._make("duplicate-label", span, f"{label} is already in the scale on line {line}")

    def scale_operator(self, span: Span, text: str) -> Diagnostic:
        return self._make("syntax", span, f"scales are written from low to high with <, not {text}")

    def label_where_number(self, span: Span, name: str, label: str) -> Diagnostic:
        return self._make("type-mismatch", span, f"{name} is a number, but its target {label} is a label")

    def number_where_label(self, span: Span, name: str) -> Diagnostic:
        return self._make("type-mismatch", span, f"{name} holds a label, but is used here as a number")

    def declared_non_fact(self, span: Span, name: str, kind: str) -> Diagnostic:
        return self._make("not-a-fact", span, f"{name} is a {kind}, not a fact; only facts take a unit")

    def formula_cycle(self, span: Span, names: list[str]) -> Diagnostic:
        return self._make("formula-cycle", span, "formulas refer to each other in a circle: " + " → ".join(names))

    def compound_as_value(self, span: Span, name: str) -> Diagnostic:
        return self._make("not-a-value", span, f"{name} is an indicator with several parts, not a value")

    def too_deep(self, span: Span, name: str, depth: int, limit: int) -> Diagnostic:
        return self._make(
            "too-deep",
            span,
            f"formula {name} is nested {depth} levels deep; at most {limit} are allowed",
            "split it into helper formulas",
        )

    def too_long(self, span: Span, length: int, limit: int) -> Diagnostic:
        return self._make("too-long", span, f"the ruleset has {length:,} characters; at most {limit:,} are allowed")

    def line_too_long(self, span: Span, length: int, limit: int) -> Diagnostic:
        return self._make("too-long", span, f"this line has {length:,} characters; at most {limit:,} are allowed")

    def too_many_marks(self, span: Span, limit: int) -> Diagnostic:
        return self._make("invalid-text", span, f"more than {limit} combining marks on one character")

    def invisible(self, span: Span, char: str) -> Diagnostic:
        return self._make(
            "invalid-text",
            span,
            f"invisible or control character U+{ord(char):04X} ({unicodedata.name(char, 'unnamed')})",
            "such characters make different text look the same; delete it",
        )

    def too_many(self, span: Span, kind: str, count: int, limit: int) -> Diagnostic:
        return self._make("too-many", span, f"the ruleset has {count:,} {kind}; at most {limit:,} are allowed")

    def too_many_digits(self, span: Span, text: str, limit: int) -> Diagnostic:
        return self._make(
            "invalid-number", span, f"{text} has more than {limit} significant digits; it could not be held exactly"
        )

    def too_large(self, span: Span, text: str, limit: int) -> Diagnostic:
        return self._make("invalid-number", span, f"{text} is out of range: at most 10^{limit} either way")

    def formula_chain(self, span: Span, name: str, depth: int, limit: int) -> Diagnostic:
        return self._make(
            "too-deep", span, f"formula {name} ends a chain of {depth} formulas; at most {limit} are allowed"
        )

    def weights_do_not_add_up(self, span: Span, group: str | None, weight: Any, total: Any) -> Diagnostic:
        if group:
            message = f"group {group} has weight {_number(weight)}, but its parts add up to {_number(total)}"
        else:
            message = f"the weights should add up to {_number(weight)}, but they add up to {_number(total)}"
        return self._make("weights", span, message)

    def orphan_description(self, span: Span) -> Diagnostic:
        return self._make(
            "orphan-description",
            span,
            "a description must follow the indicator or formula it describes",
        )
