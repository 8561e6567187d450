"""One exception root, so callers catch `PerfRulesError` and nothing else escapes the API."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .diagnostics import Diagnostic


class PerfRulesError(ValueError):
    """Base of every error perfrules raises on bad input."""


class RulesetError(PerfRulesError):
    """Problems in ruleset text; carries every diagnostic found, first one first.

    `line` and `column` (1-based, code points in the author's line) are the first problem's;
    `str()` renders all of them with the source line and a caret.
    """

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        if not diagnostics:
            raise ValueError("RulesetError needs at least one diagnostic")
        self.diagnostics = tuple(diagnostics)
        first = self.diagnostics[0]
        self.line = first.line
        self.column = first.column
        self.message = first.message
        super().__init__("\n".join(diagnostic.render() for diagnostic in self.diagnostics))


class FactsError(PerfRulesError):
    """Facts that cannot be read at all (not a mapping, malformed JSON, duplicate keys)."""


class UsageError(PerfRulesError):
    """A call or command that cannot be carried out as asked (a missing as_of, a bad date)."""
