"""A diagnostic: a problem in ruleset text with its position, rendered one way everywhere.

`file:line:col: severity[code]: message`, the author's line (an excerpt of a long one) and a
caret under the problem; hidden characters spelled U+XXXX on the line and in the caret's
reckoning alike. The wording of each message is the language layer's (language/messages.py).
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from .source import Source, Span
from .text import char_width, hidden, printable


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
        """(message, hint) in a language: "en" or "zh". Raises nothing: any other is English."""
        if language == "zh" and self.zh[0]:
            return self.zh
        return self.message, self.hint

    def to_dict(self, language: str = "en") -> dict[str, object]:
        """JSON-ready: code, severity, message and hint in `language`, file, and the start and end
        as 1-based lines and columns of the author's text. Raises nothing: any language but "zh"
        is English."""
        message, hint = self.text(language)
        end_line, end_column = self.source.line_column(max(self.span.end, self.span.start))
        return {
            "code": self.code,
            "severity": self.severity,
            "message": message,
            "hint": hint,
            "file": self.source.name,
            "line": self.line,
            "column": self.column,
            "end_line": end_line,
            "end_column": end_column,
        }

    def render(self, language: str = "en") -> str:
        """`file:line:col: error[code]: message`, the author's line, and a caret under the column.

        A long line is shown as an excerpt around the caret, so no message grows with the input.
        Raises nothing: a language other than "zh" is English.
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
MORE_PROBLEMS = "more-problems"
"""The code of the note that closes a capped list of diagnostics."""


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
                MORE_PROBLEMS,
                f"{count:,} more problem(s) not shown",
                where.source,
                where.span,
                "fix the ones shown and check again",
                severity="note",
                zh=(f"另有 {count:,} 个问题未显示", "先改正上面列出的问题，再检查一次"),
            )
        )
    return tuple(kept)
