"""Source text, spans and the per-cluster NFKC normalisation that maps back to it.

Authors write full-width digits, brackets and operators; the grammar wants ASCII. Normalising
the whole text would lose the author's positions, so each character cluster (a character and
its combining marks) is normalised on its own and every normalised character remembers the
original offset it came from. Positions reported to people are always in the author's text.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from functools import cached_property

import attrs

_FULLWIDTH_DIGITS = frozenset(chr(c) for c in range(0xFF10, 0xFF1A))


@attrs.frozen
class Span:
    """Half-open range of offsets into the author's (original) text."""

    start: int
    end: int


def _normalize_cluster(cluster: str) -> str:
    normalized = unicodedata.normalize("NFKC", cluster)
    # Superscripts, circled and parenthesised numbers must not turn silently into digits.
    if normalized != cluster and cluster[0] not in _FULLWIDTH_DIGITS and any(char.isdigit() for char in normalized):
        return cluster
    return normalized


def normalize(text: str) -> tuple[str, list[int] | None]:
    """NFKC-normalise `text` per cluster; also return, per output char, its original offset.

    The offset list has one extra entry, the original length, so that an end offset maps too.
    `None` means the text was already normal and offsets are the identity.
    """
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return text, None
    pieces: list[str] = []
    origin: list[int] = []
    start = 0
    for line in text.splitlines(keepends=True):  # most lines are normal already: taken whole
        if line.isascii() or unicodedata.is_normalized("NFKC", line):
            pieces.append(line)
            origin.extend(range(start, start + len(line)))
        else:
            _normalize_line(line, start, pieces, origin)
        start += len(line)
    origin.append(len(text))
    return "".join(pieces), origin


def _normalize_line(line: str, start: int, pieces: list[str], origin: list[int]) -> None:
    """One line normalised cluster by cluster (a character and the marks combining with it)."""
    index = 0
    length = len(line)
    while index < length:
        end = index + 1
        while end < length and unicodedata.combining(line[end]):
            end += 1
        normalized = _normalize_cluster(line[index:end])
        pieces.append(normalized)
        origin.extend([start + index] * len(normalized))
        index = end


class Source:
    """A named ruleset text, its normalised form, and line/column arithmetic on the original."""

    def __init__(self, text: str, name: str = "<string>") -> None:
        if text.startswith("\ufeff"):
            text = text[1:]
        self.name = name
        self.text = text

    @cached_property
    def _normal(self) -> tuple[str, list[int] | None]:
        # Lazy, so that limits on the raw text are checked before normalisation runs.
        return normalize(self.text)

    @property
    def normalized(self) -> str:
        return self._normal[0]

    @property
    def _origin(self) -> list[int] | None:
        return self._normal[1]

    def span(self, start: int, end: int) -> Span:
        """Span in the original text for a normalised range [start, end). Raises nothing."""
        origin = self._origin
        if origin is None:
            return Span(start, end)
        first = origin[min(start, len(origin) - 1)]
        if end <= start:
            return Span(first, first)
        # The last normalised character came from a cluster; the span covers that whole cluster.
        following = end
        while following < len(origin) - 1 and origin[following] == origin[end - 1]:
            following += 1
        return Span(first, origin[following])

    def original(self, span: Span) -> str:
        """The author's text under a span. Raises nothing."""
        return self.text[span.start : span.end]

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        text = self.text
        index = 0
        length = len(text)
        while index < length:
            char = text[index]
            if char == "\r":
                if index + 1 < length and text[index + 1] == "\n":
                    index += 1
                starts.append(index + 1)
            elif char == "\n":
                starts.append(index + 1)
            index += 1
        return starts

    def line_column(self, offset: int) -> tuple[int, int]:
        """1-based line and 1-based code-point column of an original offset. Raises nothing."""
        starts = self._line_starts
        line = bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    def line_text(self, line: int) -> str:
        """A line of the author's text (1-based), without its line break. Raises IndexError for a
        line the text does not have (no perfrules error)."""
        starts = self._line_starts
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")
