"""The one shape every reader produces: a sheet's cells as a rectangle of text as the sheet shows
it (a merged range's text in each slot it covers, a number under its format), a formula never
computed marked, so that mapping and review never depend on the file format."""

from __future__ import annotations

import attrs


@attrs.frozen
class Cell:
    """One slot of the grid, as the sheet shows it (a merged range's text in every slot it covers)."""

    text: str
    uncomputed: bool = False
    """A formula the file holds without a computed value (openpyxl writes such formulas)."""


BLANK = Cell("")


@attrs.frozen
class Grid:
    """A table as read: rows of cells, all rows as wide as the widest; `sheet` names it in
    review messages (a sheet name, "表 2", a PDF page)."""

    sheet: str
    rows: tuple[tuple[Cell, ...], ...]
    low_confidence: bool = False
    """Read from a layout guessed from a drawing (PDF): every row deserves a look."""
    positional: bool = True
    """Columns line up with the header (a real sheet); False for flattened text, where a row may
    have lost the empty cells a merge covered."""

    def place(self, row: int, column: int) -> str:
        """A slot as a reader finds it: `Sheet1!E7` for a sheet, `表1 第7行第5列` for a table."""
        if self.positional:
            return f"{self.sheet}!{column_letters(column)}{row + 1}"
        return f"{self.sheet} 第{row + 1}行第{column + 1}列"


def column_letters(column: int) -> str:
    """0 → A, 25 → Z, 26 → AA: the column names spreadsheets show."""
    letters = ""
    column += 1
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def rectangle(rows: list[list[Cell]]) -> tuple[tuple[Cell, ...], ...]:
    """Rows padded with blanks to the widest; trailing blank rows dropped."""
    while rows and not any(cell.text for cell in rows[-1]):
        rows.pop()
    width = max((len(row) for row in rows), default=0)
    return tuple(tuple(row) + (BLANK,) * (width - len(row)) for row in rows)


def spread(rows: list[list[Cell]], merges: list[tuple[int, int, int, int]]) -> None:
    """Fill each merged range (first row, first column, last row, last column; inclusive) with
    its top-left slot's text."""
    for top, left, bottom, right in merges:
        if top >= len(rows):
            continue
        while len(rows[top]) <= left:
            rows[top].append(BLANK)
        anchor = rows[top][left]
        for row in range(top, min(bottom, len(rows) - 1) + 1):
            line = rows[row]
            while len(line) <= right:
                line.append(BLANK)
            for column in range(left, right + 1):
                if (row, column) != (top, left):
                    line[column] = anchor
