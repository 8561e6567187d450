"""An exported sheet as data, before any workbook: what each cell holds and how Excel shows it.

The 绩效自评表, 监控表 and 目标表 are laid out once here (export_sheets.py), then either written
into a new workbook (xlsx_layout.py) or into a province's own template (xlsx_template.py), so the
two cannot disagree about a value. Nothing here imports openpyxl.
"""

from __future__ import annotations

from datetime import date

import attrs

SHEETS = ("self-evaluation", "monitoring", "targets")
"""The sheets perfrules exports: 绩效自评表, 绩效监控表, 绩效目标表."""

GENERAL = "General"
RATE = "0.00%"
MONEY = "#,##0.00"
DATE = "yyyy-mm-dd"


@attrs.frozen
class ExportCell:
    """A value to write and the number format Excel shows it with: text, a number (a rate as its
    fraction, an amount, a score) or a date. None leaves the cell empty."""

    value: str | float | date | None
    number_format: str = GENERAL


EMPTY = ExportCell(None)


@attrs.frozen
class GridColumn:
    """One column of the indicator grid: the field it holds (the key a template's header maps to),
    its header, its width in characters, and whether its text reads better left-aligned."""

    field: str
    header: str
    width: float
    left: bool = False


@attrs.frozen
class GridRow:
    """One row of the grid, a cell per column; `colour` tints the row's 预警灯 (monitoring)."""

    cells: tuple[ExportCell, ...]
    colour: str | None = None

    def by_field(self, columns: tuple[GridColumn, ...]) -> dict[str, ExportCell]:
        return {column.field: cell for column, cell in zip(columns, self.cells, strict=True)}


@attrs.frozen
class MoneyBlock:
    """The money block above the grid: a label down its left side, a header, and its rows."""

    label: str
    header: tuple[str, ...]
    rows: tuple[tuple[ExportCell, ...], ...]


@attrs.frozen
class ExportedSheet:
    """A whole sheet, top to bottom, as provinces lay it out (docs/tables.md, "Export")."""

    kind: str
    name: str
    """The worksheet's tab: 绩效自评表, 绩效监控表 or 绩效目标表."""
    title: str
    year: str | None
    identity: tuple[tuple[str, ExportCell], ...]
    money: MoneyBlock | None
    columns: tuple[GridColumn, ...]
    rows: tuple[GridRow, ...]
    totals: GridRow | None
    notes: tuple[tuple[str, str], ...]
    """Free-text rows under the grid (评价结论, 存在问题, 改进措施), label → text."""
    signatures: str


def merged_runs(rows: tuple[GridRow, ...], column: int) -> list[tuple[int, int]]:
    """(first, last) row index of each run the 一级 (column 0) or 二级 (column 1) cell is merged over,
    as printed tables merge them: two or more rows in a row with the same 一级 (and 二级); a blank
    cell is never merged."""
    runs = []
    start = 0
    for index in range(1, len(rows) + 1):
        label = rows[start].cells[column].value
        key = [cell.value for cell in rows[start].cells[: column + 1]]
        if index < len(rows) and label and [cell.value for cell in rows[index].cells[: column + 1]] == key:
            continue
        if label and index - start > 1:
            runs.append((start, index - 1))
        start = index
    return runs
