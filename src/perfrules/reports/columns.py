"""The one plain-text table layout every report uses: columns as wide as their widest cell on a
terminal (a Chinese character takes two), separated by two spaces, with no trailing blanks."""

from __future__ import annotations

from collections.abc import Sequence

from ..errors.text import pad, text_width


def widths(rows: Sequence[Sequence[str]]) -> list[int]:
    """Each column's width: its widest cell's, in terminal columns."""
    return [max(text_width(cell) for cell in column) for column in zip(*rows, strict=True)] if rows else []


def line(cells: Sequence[str], column_widths: Sequence[int], indent: str = "") -> str:
    """One row, each cell padded to its column's width."""
    return (indent + "  ".join(pad(cell, width) for cell, width in zip(cells, column_widths, strict=True))).rstrip()
