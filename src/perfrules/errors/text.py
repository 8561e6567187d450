"""Text as people see it: characters that would not show as themselves, terminal widths, short
quotations of values, and the name a typo most likely meant."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

_HIDDEN = frozenset(["Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"])
_REFUSED = frozenset(["Cc", "Cf", "Cs", "Zl", "Zp"])


def hidden(char: str) -> bool:
    """Whether a character would not show as itself: controls, format and bidi characters, …"""
    if " " <= char <= "~":
        return False
    return unicodedata.category(char) in _HIDDEN


def refused(char: str) -> bool:
    """Whether text from users may not hold this character: controls (tab, CR and LF aside, which
    only rulesets allow), format characters (zero-width, bidirectional), surrogates and the Unicode
    line separators; they make different text look the same or reorder what a reader sees."""
    if " " <= char <= "~":
        return False
    return unicodedata.category(char) in _REFUSED


def printable(text: str, keep: str = "") -> str:
    """`text` with every hidden character (see `hidden`) written as U+XXXX."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(f"U+{ord(char):04X}" if hidden(char) and char not in keep else char for char in text)


def shown(value: object, limit: int = 40) -> str:
    """A value quoted in a message, as Python would write it but never longer than `limit`
    characters, with hidden characters spelled U+XXXX: messages must not grow with the input."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**limit:
        return f"a whole number of more than {limit} digits"
    if isinstance(value, str):
        text = repr(value[:limit]) + ("…" if len(value) > limit else "")
    elif isinstance(value, (list, tuple, dict, set, frozenset)) and len(value) > 5:
        text = f"a {type(value).__name__} of {len(value):,} items"
    else:
        text = repr(value)
        text = text if len(text) <= limit else text[:limit] + "…"
    return printable(text)


def char_width(char: str) -> int:
    """Terminal columns a character takes: East Asian wide and full-width take two."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def text_width(text: str) -> int:
    return sum(char_width(char) for char in text)


def pad(text: str, width: int, *, right: bool = False) -> str:
    """Pad `text` with spaces to `width` terminal columns."""
    fill = " " * max(0, width - text_width(text))
    return fill + text if right else text + fill


def closest_name(name: str, known: Iterable[str]) -> str | None:
    """The name in `known` nearest to `name` by edit distance, when `name` is likely a typo of it."""
    if len(name) < 3:
        return None  # short names are near everything
    best, best_distance = None, 3
    candidates = sorted(known)
    for candidate in candidates:
        if abs(len(candidate) - len(name)) >= best_distance:
            continue
        distance = _distance(name, candidate, best_distance)
        if distance < best_distance:
            best, best_distance = candidate, distance
            if distance == 1:  # only the name itself (distance 0) could still come first
                break
    if best_distance == 1 and name in candidates:
        best, best_distance = name, 0
    limit = 1 if len(name) <= 4 else 2
    return best if best is not None and best_distance <= limit else None


class NearNames:
    """`closest_name` against one fixed set of names, asked many times: each name is indexed by
    the strings left after deleting up to one, and up to two, of its characters, so that a question
    compares only the names that share one with it (every name within that many edits does)
    instead of every name."""

    INDEXED = 24
    """Longer names, rare, are compared directly (their deletions would be many)."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = frozenset(names)
        self.once: dict[str, set[str]] = {}
        self.twice: dict[str, set[str]] = {}
        self.long: list[str] = []
        for name in self.names:
            if len(name) > self.INDEXED:
                self.long.append(name)
                continue
            for variant in _deletions(name, 1):
                self.once.setdefault(variant, set()).add(name)
            for variant in _deletions(name, 2):
                self.twice.setdefault(variant, set()).add(name)

    def closest(self, name: str, besides: str | None = None) -> str | None:
        """What `closest_name(name, names - {besides})` says."""
        if len(name) < 3:
            return None
        candidates: set[str] = set()
        if len(name) <= self.INDEXED + 2:
            edits = 1 if len(name) <= 4 else 2  # as far as closest_name looks
            index = self.once if edits == 1 else self.twice
            for variant in _deletions(name, edits):
                candidates.update(index.get(variant, ()))
        if len(name) >= self.INDEXED - 1:
            candidates.update(self.long)
        if besides is not None:
            candidates.discard(besides)
        return closest_name(name, candidates)


def _deletions(name: str, most: int) -> set[str]:
    """`name` with up to `most` (1 or 2) of its characters deleted."""
    once = {name[:index] + name[index + 1 :] for index in range(len(name))}
    if most == 1:
        return {name} | once
    twice = {variant[:index] + variant[index + 1 :] for variant in once for index in range(len(variant))}
    return {name} | once | twice


def _distance(first: str, second: str, cap: int) -> int:
    """Levenshtein distance, giving up (returning cap) once it reaches cap: only the cells within
    cap - 1 of the diagonal are worked out, as any path through another costs cap or more."""
    if abs(len(first) - len(second)) >= cap:
        return cap
    width = len(second)
    previous = list(range(width + 1))
    for row, char in enumerate(first, start=1):
        low, high = max(1, row - cap + 1), min(width, row + cap - 1)
        current = [cap] * (width + 1)
        current[0] = row if row < cap else cap
        for column in range(low, high + 1):
            current[column] = min(
                previous[column] + 1, current[column - 1] + 1, previous[column - 1] + (char != second[column - 1])
            )
        if min(current[low - 1 : high + 1]) >= cap:
            return cap
        previous = current
    return min(previous[-1], cap)
