"""Limits on untrusted input, checked before the expensive work they protect.

Rulesets and facts come from users and uploads. Each limit has a default that real target
tables stay far below, can be raised or lowered per call, and when exceeded gives an ordinary
error with a position (for text) or an INVALID result (for a fact), never a hang or a crash.
"""

from __future__ import annotations

import re
import unicodedata

import attrs

from .diagnostics import Diagnostic, Messages
from .errors import UsageError
from .source import Source, Span


def _positive(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if type(value) is not int or not 1 <= value <= 10**9:
        raise UsageError(f"Limits.{attribute.name} must be a whole number from 1 to 10^9, not {value!r}")


_POSITIVE = _positive


@attrs.frozen
class Limits:
    """Bounds on ruleset text and fact values; pass one to `perfrules.compile(..., limits=)`."""

    max_source_chars: int = attrs.field(default=256_000, validator=_POSITIVE)
    """Characters in one ruleset (the seed table is about 14,000)."""
    max_line_chars: int = attrs.field(default=4_000, validator=_POSITIVE)
    """Characters in one line; a statement is one line, so this bounds each statement's work."""
    max_nesting: int = attrs.field(default=100, validator=_POSITIVE)
    """Depth of one formula's expression (operators and signs nested in one another)."""
    max_statements: int = attrs.field(default=5_000, validator=_POSITIVE)
    """Lines that are neither blank nor comments, counted before parsing (the seed has about 110)."""
    max_indicators: int = attrs.field(default=2_000, validator=_POSITIVE)
    max_formulas: int = attrs.field(default=2_000, validator=_POSITIVE)
    max_formula_depth: int = attrs.field(default=200, validator=_POSITIVE)
    """Longest chain of formulas each referring to the next."""
    max_digits: int = attrs.field(default=34, validator=_POSITIVE)
    """Significant digits of a number, written or given as a fact: what the engine holds exactly."""
    max_exponent: int = attrs.field(default=100, validator=_POSITIVE)
    """Largest power of ten of a number's magnitude (either way): 1E999999999 is refused."""
    max_combining_marks: int = attrs.field(default=30, validator=_POSITIVE)
    """Combining marks on one character (Unicode's stream-safe limit); bounds normalisation."""
    max_fact_chars: int = attrs.field(default=4_000, validator=_POSITIVE)
    """Characters in one textual fact value (a label or a number with its unit)."""


# Characters that change how text looks without being seen, or break it into lines the eye does
# not see: controls, format characters (bidirectional overrides, "Trojan Source"; zero-width
# spaces that make two names look alike), surrogates, and the Unicode line separators.
_REFUSED = frozenset(["Cc", "Cf", "Cs", "Zl", "Zp"])
_ALLOWED = frozenset("\t\n\r")
_LINES = re.compile(r"[^\r\n]*")
_STATEMENT = re.compile(r"^[ \t\u3000]*[^\s#]", re.MULTILINE)


def check_text(source: Source, limits: Limits) -> list[Diagnostic]:
    """Problems with the raw text, found before it is normalised or parsed."""
    say = Messages(source)
    text = source.text
    if len(text) > limits.max_source_chars:
        start = limits.max_source_chars
        return [say.too_long(Span(start, start + 1), len(text), limits.max_source_chars)]
    for line in _LINES.finditer(text):
        if line.end() - line.start() > limits.max_line_chars:
            start = line.start() + limits.max_line_chars
            return [say.line_too_long(Span(start, start + 1), line.end() - line.start(), limits.max_line_chars)]
    for statements, statement in enumerate(_STATEMENT.finditer(text), start=1):
        if statements > limits.max_statements:
            span = Span(statement.end() - 1, statement.end())
            return [say.too_many(span, "lines of statements", len(_STATEMENT.findall(text)), limits.max_statements)]
    problems: list[Diagnostic] = []
    if text.isascii():
        for offset, char in enumerate(text):
            if (char < " " or char == "\x7f") and char not in _ALLOWED:
                problems.append(say.invisible(Span(offset, offset + 1), char))
        return problems
    marks = 0
    for offset, char in enumerate(text):
        if unicodedata.combining(char):
            marks += 1
            if marks > limits.max_combining_marks:
                problems.append(say.too_many_marks(Span(offset, offset + 1), limits.max_combining_marks))
                return problems
            continue
        marks = 0
        if char not in _ALLOWED and unicodedata.category(char) in _REFUSED:
            problems.append(say.invisible(Span(offset, offset + 1), char))
    return problems
