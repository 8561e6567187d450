"""An exported sheet written into a new workbook, laid out as provinces print the forms: the title
over every column, identity rows, the money block, the indicator grid with 一级 and 二级 merged
down their rows, the totals, the free-text rows and the signatures; 宋体, thin borders, wrapped
and vertically centred text, A4 landscape fitted to the page width, the grid's header repeated
on every printed page.

Cells hold values, never formulas: openpyxl cannot store a formula's result, and calamine, pandas
and upload systems would read its cell as blank.
"""

from __future__ import annotations

import re
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Border, Font, Side  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.worksheet.page import PageMargins  # type: ignore[import-untyped]

from ..errors.text import text_width
from .export_model import GENERAL, ExportCell, ExportedSheet, GridRow, MoneyBlock, merged_runs

FONT_NAME = "宋体"
_BODY = Font(name=FONT_NAME, size=11)
_BOLD = Font(name=FONT_NAME, size=11, bold=True)
_TITLE = Font(name=FONT_NAME, size=16, bold=True)
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""Control characters an .xlsx cannot hold (openpyxl refuses them)."""
_TITLE_HEIGHT = 30
_NOTE_HEIGHT = 48
_LINE_HEIGHT = 14.25
"""Points per line of 11-point 宋体, what Excel gives a row of one line."""

Worksheet = Any
"""An openpyxl worksheet (openpyxl has no type information)."""


def put(cell: Any, content: ExportCell) -> None:
    """A value into a cell as Excel should hold it. Text stays text even when it starts with "="
    (the target `=100%`) or spells an error (#N/A): openpyxl would store a formula or an error."""
    value = content.value
    if isinstance(value, str):
        value = _ILLEGAL.sub("", value)
    cell.value = value
    if isinstance(value, str) and cell.data_type != "s":
        cell.data_type = "s"
        cell.quotePrefix = True  # and Excel keeps it text when someone edits it
    if content.number_format != GENERAL:
        cell.number_format = content.number_format


def new_workbook(content: ExportedSheet) -> Any:
    """A workbook of one worksheet holding the sheet."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = content.name
    _Layout(sheet, content).write()
    return workbook


class _Layout:
    """Writes the sheet's parts top to bottom; `row` is the next free row."""

    def __init__(self, sheet: Worksheet, content: ExportedSheet) -> None:
        self.sheet = sheet
        self.content = content
        self.width = len(content.columns)
        self.row = 1

    def write(self) -> None:
        content = self.content
        self.banner(ExportCell(content.title), _TITLE, _TITLE_HEIGHT)
        if content.year is not None:
            self.banner(ExportCell(content.year), _BOLD, None)
        for label, value in content.identity:
            self.labelled(label, value, None)
        if content.money is not None:
            self.money(content.money)
        header_row = self.row
        self.grid()
        for label, text in content.notes:
            self.labelled(label, ExportCell(text or None), _NOTE_HEIGHT)
        self.row += 1  # a blank line above the signatures
        self.banner(ExportCell(content.signatures), _BODY, _TITLE_HEIGHT, _LEFT)
        for index, column in enumerate(content.columns, start=1):
            self.sheet.column_dimensions[get_column_letter(index)].width = column.width
        _print_setup(self.sheet, header_row)

    def cell(self, column: int, content: ExportCell, font: Any, alignment: Any, *, last: int | None = None) -> Any:
        """A boxed cell at the current row, merged rightwards to column `last` if given."""
        target = self.sheet.cell(row=self.row, column=column)
        put(target, content)
        target.font, target.alignment, target.border = font, alignment, _BOX
        if last is not None and last > column:
            self.sheet.merge_cells(start_row=self.row, start_column=column, end_row=self.row, end_column=last)
        return target

    def banner(self, content: ExportCell, font: Any, height: float | None, alignment: Any = _CENTRE) -> None:
        """A row with one unboxed cell across every column: the title, the year, the signatures."""
        target = self.sheet.cell(row=self.row, column=1)
        put(target, content)
        target.font, target.alignment = font, alignment
        self.sheet.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=self.width)
        if height is not None:
            self.sheet.row_dimensions[self.row].height = height
        self.row += 1

    def labelled(self, label: str, value: ExportCell, height: float | None) -> None:
        """A label in the first column and its value across the others (单位名称, 评价结论)."""
        self.cell(1, ExportCell(label), _BOLD, _CENTRE)
        self.cell(2, value, _BODY, _LEFT, last=self.width)
        if height is not None:
            self.sheet.row_dimensions[self.row].height = height
        self.row += 1

    def money(self, block: MoneyBlock) -> None:
        """The label down the first column, then the header and each row; a row's last cell reaches
        the last column."""
        first = self.row
        self.cell(1, ExportCell(block.label), _BOLD, _CENTRE)
        header = tuple(ExportCell(text) for text in block.header)
        for cells, font in ((header, _BOLD), *((row, _BODY) for row in block.rows)):
            for index, content in enumerate(cells, start=2):
                self.cell(index, content, font, _CENTRE, last=self.width if index == len(cells) + 1 else None)
            self.row += 1
        self.sheet.merge_cells(start_row=first, start_column=1, end_row=self.row - 1, end_column=1)

    def grid(self) -> None:
        """The header, the indicator rows with 一级 and 二级 merged down their runs, and the totals."""
        columns = self.content.columns
        for index, header in enumerate(columns, start=1):
            self.cell(index, ExportCell(header.header), _BOLD, _CENTRE)
        self.row += 1
        first = self.row
        for row in self.content.rows:
            self.grid_row(row)
        for level in (0, 1):
            for start, end in merged_runs(self.content.rows, level):
                self.sheet.merge_cells(
                    start_row=first + start, start_column=level + 1, end_row=first + end, end_column=level + 1
                )
        if self.content.totals is not None:
            self.totals(self.content.totals)

    def grid_row(self, row: GridRow) -> None:
        lines = 1
        for index, (column, content) in enumerate(zip(self.content.columns, row.cells, strict=True), start=1):
            font = _BODY
            if column.field == "light" and row.colour is not None:
                font = Font(name=FONT_NAME, size=11, color=row.colour.lstrip("#").upper())
            self.cell(index, content, font, _LEFT if column.left else _CENTRE)
            if isinstance(content.value, str):
                lines = max(lines, wrapped_lines(content.value, column.width))
        if lines > 1:  # wrapped text: no reader sizes the row for it (Excel only when it edits the row)
            slack = 0.5 if lines > 2 else 0  # fonts print some characters wider than their count
            self.sheet.row_dimensions[self.row].height = (lines + slack) * _LINE_HEIGHT
        self.row += 1

    def totals(self, row: GridRow) -> None:
        """合计 across the empty cells after it, then the totals in their columns."""
        cells = row.cells
        span = next((index for index, cell in enumerate(cells[1:], start=1) if cell.value is not None), len(cells))
        self.cell(1, cells[0], _BOLD, _CENTRE, last=span)
        for index in range(span, len(cells)):
            self.cell(index + 1, cells[index], _BOLD, _LEFT if self.content.columns[index].left else _CENTRE)
        self.row += 1


def wrapped_lines(text: str, width: float) -> int:
    """The lines a wrapped cell of `width` characters takes (a Chinese character is two wide)."""
    room = max(1, int(width) - 1)
    return sum(max(1, -(-text_width(line) // room)) for line in text.split("\n"))


def _print_setup(sheet: Worksheet, header_row: int) -> None:
    """A4 landscape, every column on the page's width, the grid's header on every page, and page
    numbers in the footer."""
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the grid needs
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.oddFooter.center.text = "&P / &N"
