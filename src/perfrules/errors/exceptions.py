"""One exception root, so callers catch `PerfRulesError` and nothing else escapes the API."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .diagnostic import Diagnostic, capped
from .text import closest_name, printable


class PerfRulesError(ValueError):
    """Base of every error perfrules raises on bad input.

    Its message never holds raw control, bidirectional or other invisible characters: they are
    spelled U+XXXX, so that an error shown in a terminal or a log shows what is really there.
    """

    def __init__(self, message: str) -> None:
        super().__init__(printable(message, keep="\n"))


class RulesetError(PerfRulesError):
    """Problems in ruleset text; carries the diagnostics found, first one first.

    `line` and `column` (1-based, code points in the author's line) are the first problem's;
    `str()` renders the diagnostics with the source line and a caret. At most a few problems per
    line and a hundred in all are kept (one line of a thousand stray characters is one problem
    told five times, not a thousand); a last note says how many more there were. Rendering
    waits until the text is asked for.
    """

    diagnostics: tuple[Diagnostic, ...]
    line: int
    column: int
    message: str
    """The first problem's message."""

    def __init__(self, diagnostics: Sequence[Diagnostic], *, uncounted: int = 0) -> None:
        if not diagnostics:
            raise ValueError("RulesetError needs at least one diagnostic")
        self.diagnostics = capped(diagnostics, uncounted)
        first = self.diagnostics[0]
        self.line = first.line
        self.column = first.column
        self.message = first.message
        self._rendered: str | None = None
        Exception.__init__(self)

    def __str__(self) -> str:
        if self._rendered is None:
            self._rendered = self.render()
        return self._rendered

    def __reduce__(self) -> tuple[type[RulesetError], tuple[tuple[Diagnostic, ...]]]:
        return (RulesetError, (self.diagnostics,))

    def render(self, language: str = "en") -> str:
        """Every diagnostic kept, in English ("en") or Chinese ("zh").

        Raises nothing: a language other than "zh" is English.
        """
        return printable("\n".join(diagnostic.render(language) for diagnostic in self.diagnostics), keep="\n")


class FactsError(PerfRulesError):
    """Facts that cannot be read at all (not a mapping, malformed JSON, duplicate keys)."""


class UsageError(PerfRulesError):
    """A call or command that cannot be carried out as asked (a missing as_of, a bad date)."""


class TableFileError(PerfRulesError):
    """A file that cannot be read as a table: an unknown or legacy format (with the conversion that
    helps), a damaged workbook, a document with no table, or a missing reader (`perfrules[tables]`)."""


class UnknownName(UsageError, KeyError):
    """A name the ruleset does not define, looked up in a report or asked to be explained.

    Also a KeyError, so that a report keeps behaving as a mapping (`in`, `.get()`). The message,
    with its "did you mean", is worked out only when shown: a failed lookup costs no search.
    """

    name: object
    """The name looked up, as given."""

    def __init__(self, name: object, kind: str, known: Iterable[str]) -> None:
        Exception.__init__(self, name)
        self.name = name
        self._kind = kind
        self._known = known
        self._message: str | None = None

    def __str__(self) -> str:
        if self._message is None:
            shown_name = printable(str(self.name)[:100])
            nearest = closest_name(self.name, self._known) if isinstance(self.name, str) else None
            hint = f"; did you mean {nearest}?" if nearest else ""
            self._message = f"{shown_name} is not {self._kind} of this ruleset{hint}"
        return self._message
