"""Limits on untrusted input, checked before the expensive work they protect.

Rulesets and facts come from users and uploads. Each limit has a default that real target
tables stay far below, can be raised or lowered per call, and when exceeded gives an ordinary
error with a position (for text) or an INVALID result (for a fact), never a hang or a crash.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import attrs

from ..errors import Diagnostic, RulesetError, Source, Span, UsageError
from ..errors.diagnostic import MAX_DIAGNOSTICS, MAX_PER_LINE
from ..errors.text import refused
from ..quantities.arithmetic import DEFAULT_EXPONENT, EXPONENT_CEILING, PRECISION
from .messages import Messages


def _within(most: int) -> Any:
    """A validator: a whole number from 1 to `most`, else a UsageError naming the field."""

    def validate(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
        if type(value) is not int or not 1 <= value <= most:
            shown = repr(value) if type(value) is not int or abs(value) < 10**12 else "a larger number"
            raise UsageError(f"Limits.{attribute.name} must be a whole number from 1 to {most:,}, not {shown}")

    return validate


@attrs.frozen
class Limits:
    """Bounds on ruleset text and fact values; pass one to `perfrules.compile(..., limits=)`.

    Each may be lowered or raised up to a ceiling beyond which the bound would no longer protect
    anything (a formula nested deeper than Python's stack, more digits than the engine holds).

    Raises UsageError for a bound that is not a whole number or lies outside its range.
    """

    max_source_chars: int = attrs.field(default=256_000, validator=_within(64_000_000))
    """Characters in one ruleset (the seed table is about 14,000)."""
    max_line_chars: int = attrs.field(default=4_000, validator=_within(1_000_000))
    """Characters in one line; a statement is one line, so this bounds each statement's work."""
    max_nesting: int = attrs.field(default=100, validator=_within(200))
    """Depth of one formula's expression (operators and signs nested in one another)."""
    max_statements: int = attrs.field(default=5_000, validator=_within(1_000_000))
    """Lines that are neither blank nor comments, counted before parsing (the seed has about 110)."""
    max_indicators: int = attrs.field(default=2_000, validator=_within(100_000))
    max_formulas: int = attrs.field(default=2_000, validator=_within(100_000))
    max_formula_depth: int = attrs.field(default=200, validator=_within(10_000))
    """Longest chain of formulas each referring to the next."""
    max_digits: int = attrs.field(default=PRECISION, validator=_within(PRECISION))
    """Significant digits of a number, written or given as a fact: what the engine holds exactly."""
    max_exponent: int = attrs.field(default=DEFAULT_EXPONENT, validator=_within(EXPONENT_CEILING))
    """Largest power of ten of a number's magnitude (either way): 1E999999999 is refused."""
    max_combining_marks: int = attrs.field(default=30, validator=_within(1_000))
    """Combining marks on one character (Unicode's stream-safe limit); bounds normalisation."""
    max_fact_chars: int = attrs.field(default=4_000, validator=_within(1_000_000))
    """Characters in one textual fact value (a label or a number with its unit)."""
    max_facts_bytes: int = attrs.field(default=16_000_000, validator=_within(2_000_000_000))
    """Bytes of one facts document (a JSON file, or one line of JSON Lines), checked before parsing."""


# Characters that change how text looks without being seen, or break it into lines the eye does
# not see: controls, format characters (bidirectional overrides, "Trojan Source"; zero-width
# spaces that make two names look alike), surrogates, and the Unicode line separators.
_ALLOWED = frozenset("\t\n\r")
_LINES = re.compile(r"[^\r\n]*")
_STATEMENT = re.compile(r"^[ \t\u3000]*[^\s#]", re.MULTILINE)


def check_text(source: Source, limits: Limits) -> RulesetError | None:
    """Problems with the raw text, found before it is normalised or parsed (None when clean).

    However many stray characters a text holds, only the first few per line and a hundred in
    all become diagnostics; the rest are counted, so a hostile text costs a scan, not a report.
    """
    say = Messages(source)
    text = source.text
    if len(text) > limits.max_source_chars:
        start = limits.max_source_chars
        return RulesetError([say.too_long(Span(start, start + 1), len(text), limits.max_source_chars)])
    for line in _LINES.finditer(text):
        if line.end() - line.start() > limits.max_line_chars:
            start = line.start() + limits.max_line_chars
            length = line.end() - line.start()
            return RulesetError([say.line_too_long(Span(start, start + 1), length, limits.max_line_chars)])
    for statements, statement in enumerate(_STATEMENT.finditer(text), start=1):
        if statements > limits.max_statements:
            span = Span(statement.end() - 1, statement.end())
            count = len(_STATEMENT.findall(text))
            return RulesetError([say.too_many(span, "lines of statements", count, limits.max_statements)])
    if not any(char not in _ALLOWED and (unicodedata.combining(char) or refused(char)) for char in set(text)):
        return None  # no character is a stray or a mark: each distinct one is looked at once
    return _strays(source, limits, say)


def _strays(source: Source, limits: Limits, say: Messages) -> RulesetError | None:
    """Stray characters and runs of combining marks, by offset, the first few per line."""
    text = source.text
    problems: list[Diagnostic] = []
    uncounted = 0
    per_line: dict[int, int] = {}
    marks = 0
    ascii_only = text.isascii()
    for offset, char in enumerate(text):
        if ascii_only:
            stray = (char < " " or char == "\x7f") and char not in _ALLOWED
        elif unicodedata.combining(char):
            marks += 1
            if marks > limits.max_combining_marks:
                problems.append(say.too_many_marks(Span(offset, offset + 1), limits.max_combining_marks))
                break
            continue
        else:
            marks = 0
            stray = char not in _ALLOWED and refused(char)
        if not stray:
            continue
        number = source.line_column(offset)[0]
        per_line[number] = per_line.get(number, 0) + 1
        if per_line[number] > MAX_PER_LINE + 1 or len(problems) > MAX_DIAGNOSTICS:
            uncounted += 1
        else:
            problems.append(say.invisible(Span(offset, offset + 1), char))
    if not problems:
        return None
    problems.sort(key=lambda problem: problem.span.start)
    return RulesetError(problems, uncounted=uncounted)
