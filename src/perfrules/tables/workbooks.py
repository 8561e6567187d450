"""Workbooks into grids: .xlsx through openpyxl (values, the values cached beside formulas, number
formats and merged ranges), .xls through xlrd (the only reader that gives an .xls cell's number
format, so that 92% stays 92% and not 0.92), .ods and .xlsb through python-calamine."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from decimal import Decimal
from io import BytesIO
from typing import Any

from ..errors import TableFileError
from .grid import BLANK, Cell, Grid, rectangle, spread

MAX_SLOTS = 500_000
"""Cells a sheet may span (rows × columns); real tables use a few thousand."""


def missing(package: str) -> TableFileError:
    """The error for a reader that is not installed, naming the extra that brings it."""
    return TableFileError(f"reading this file needs {package}: pip install 'perfrules[tables]'")


def text_of(value: Any, number_format: str | None = None) -> Cell:
    """A stored value as the sheet shows it: a fraction under a percent format as a percentage,
    whole numbers without `.0`, dates as YYYY-MM-DD."""
    if value is None or value == "":
        return BLANK
    if isinstance(value, bool):
        return Cell("是" if value else "否")
    if isinstance(value, datetime.datetime):
        shown = value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
        return Cell(shown)
    if isinstance(value, datetime.date):
        return Cell(value.isoformat())
    if isinstance(value, int | float | Decimal):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if not number.is_finite():
            return Cell(str(value))
        if number_format and "%" in number_format:
            return Cell(_plain(number * 100) + "%")
        return Cell(_plain(number))
    return Cell(str(value))


def _plain(number: Decimal) -> str:
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def _check_size(sheet: str, rows: int, columns: int) -> None:
    if rows * columns > MAX_SLOTS:
        raise TableFileError(
            f"sheet {sheet} spans {rows} rows × {columns} columns, more than a table has ({MAX_SLOTS} cells)"
        )


def read_xlsx(data: bytes) -> list[Grid]:
    try:
        import openpyxl  # type: ignore[import-untyped]
    except ImportError:
        raise missing("openpyxl") from None
    try:
        formulas = openpyxl.load_workbook(BytesIO(data), data_only=False)
        values = openpyxl.load_workbook(BytesIO(data), data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise TableFileError(f"this .xlsx workbook cannot be read: {error}") from None
    return [_openpyxl_sheet(kept, cached) for kept, cached in zip(formulas.worksheets, values.worksheets, strict=True)]


def _openpyxl_sheet(kept: Any, cached: Any) -> Grid:
    _check_size(kept.title, kept.max_row, kept.max_column)
    rows: list[list[Cell]] = []
    for formula_row, value_row in zip(
        kept.iter_rows(max_col=kept.max_column), cached.iter_rows(max_col=kept.max_column), strict=False
    ):
        line = []
        for formula, value in zip(formula_row, value_row, strict=False):
            if formula.data_type == "f" and value.value is None:
                line.append(Cell("", uncomputed=True))
            else:
                line.append(text_of(value.value, value.number_format))
        rows.append(line)
    spread(rows, [(r.min_row - 1, r.min_col - 1, r.max_row - 1, r.max_col - 1) for r in kept.merged_cells.ranges])
    return Grid(kept.title, rectangle(rows))


def read_xls(data: bytes) -> list[Grid]:
    try:
        import xlrd  # type: ignore[import-untyped]
    except ImportError:
        raise missing("xlrd") from None
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True)
    except Exception as error:
        raise TableFileError(
            f"this .xls workbook cannot be read ({error}); if WPS or an old Excel made it, convert it: "
            "soffice --headless --convert-to xlsx FILE"
        ) from None
    return [_xlrd_sheet(book, sheet, xlrd) for sheet in book.sheets()]


def _xlrd_sheet(book: Any, sheet: Any, xlrd: Any) -> Grid:
    _check_size(sheet.name, sheet.nrows, sheet.ncols)
    rows = [list(_xlrd_row(book, sheet, row, xlrd)) for row in range(sheet.nrows)]
    spread(rows, [(top, left, bottom - 1, right - 1) for top, bottom, left, right in sheet.merged_cells])
    return Grid(sheet.name, rectangle(rows))


def _xlrd_row(book: Any, sheet: Any, row: int, xlrd: Any) -> Iterator[Cell]:
    for column in range(sheet.ncols):
        cell = sheet.cell(row, column)
        if cell.ctype == xlrd.XL_CELL_DATE:
            yield text_of(xlrd.xldate_as_datetime(cell.value, book.datemode))
        elif cell.ctype == xlrd.XL_CELL_NUMBER:
            key = book.xf_list[cell.xf_index].format_key
            yield text_of(cell.value, book.format_map[key].format_str if key in book.format_map else None)
        elif cell.ctype in (xlrd.XL_CELL_TEXT, xlrd.XL_CELL_BOOLEAN):
            yield text_of(cell.value if cell.ctype == xlrd.XL_CELL_TEXT else bool(cell.value))
        else:
            yield BLANK


def read_calamine(data: bytes) -> list[Grid]:
    """.ods and .xlsb: values and merged ranges; these formats keep no number format calamine reads."""
    try:
        import python_calamine as calamine
    except ImportError:
        raise missing("python-calamine") from None
    try:
        book = calamine.CalamineWorkbook.from_filelike(BytesIO(data))
        sheets = [(name, book.get_sheet_by_name(name)) for name in book.sheet_names]
    except Exception as error:
        raise TableFileError(f"this workbook cannot be read: {error}") from None
    grids = []
    for name, sheet in sheets:
        _check_size(name, sheet.height, sheet.width)
        rows = [[text_of(value) for value in row] for row in sheet.to_python(skip_empty_area=False)]
        spread(rows, [(top, left, bottom, right) for (top, left), (bottom, right) in sheet.merged_cell_ranges or ()])
        grids.append(Grid(name, rectangle(rows)))
    return grids
