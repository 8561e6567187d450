"""The one plain-text table layout every report uses: columns as wide as their widest cell on a
terminal (a Chinese character takes two), separated by two spaces, with no trailing blanks; on a
terminal narrower than the table, the widest columns give way (their cells cut with `…`) and long
lines wrap."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from ..errors.text import char_width, pad, text_width

NARROWEST = 6
"""A column never shrinks below this many terminal columns: room for a status or a date's start."""


def widths(rows: Sequence[Sequence[str]]) -> list[int]:
    """Each column's width: its widest cell's, in terminal columns."""
    return [max(text_width(cell) for cell in column) for column in zip(*rows, strict=True)] if rows else []


def fit(column_widths: Sequence[int], room: int | None, indent: int = 0, keep: Collection[int] = ()) -> list[int]:
    """The widths narrowed, widest first, until a row with its separators fits in `room` terminal
    columns (no limit when `room` is None), none below NARROWEST; the columns in `keep` (a status,
    a date) stay whole."""
    fitted = list(column_widths)
    shrinking = [index for index in range(len(fitted)) if index not in keep]
    if room is None or not shrinking:
        return fitted
    excess = indent + sum(fitted) + 2 * max(len(fitted) - 1, 0) - room
    while excess > 0:
        widest = max(shrinking, key=lambda index: fitted[index])
        if fitted[widest] <= NARROWEST:
            break
        fitted[widest] -= 1
        excess -= 1
    return fitted


def cut(text: str, width: int) -> str:
    """`text` in at most `width` terminal columns, its end replaced by `…` when it is longer."""
    if text_width(text) <= width:
        return text
    kept, used = [], 1
    for char in text:
        used += char_width(char)
        if used > width:
            break
        kept.append(char)
    return "".join(kept) + "…"


def line(cells: Sequence[str], column_widths: Sequence[int], indent: str = "") -> str:
    """One row, each cell cut or padded to its column's width."""
    shown = (pad(cut(cell, width), width) for cell, width in zip(cells, column_widths, strict=True))
    return (indent + "  ".join(shown)).rstrip()


def wrap(text: str, room: int | None, indent: str, following: str) -> list[str]:
    """`text` after `indent`, in lines of at most `room` terminal columns, continued after
    `following`; a line breaks at its last space when it has one (English), else between
    characters (Chinese has no spaces)."""
    if room is None or text_width(indent + text) <= room:
        return [indent + text]
    lines: list[str] = []
    prefix, body = indent, ""
    used = text_width(prefix)
    by_words = 4 * sum(char_width(char) > 1 for char in text) < len(text)  # mostly English
    for char in text:
        if body and used + char_width(char) > room:
            head, space, tail = body.rpartition(" ") if by_words and char != " " else ("", "", body)
            lines.append(prefix + (head if space and head else body))
            prefix, body = following, (tail if space and head else "")
            used = text_width(prefix + body)
        if char == " " and not body and lines:
            continue  # a line does not start with the space it broke at
        body += char
        used += char_width(char)
    return [*lines, prefix + body]
