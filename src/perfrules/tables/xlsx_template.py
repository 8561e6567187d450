"""An exported sheet written into a province's own .xlsx template, keeping the template's styles.

The grid's header row is found by its texts, read by the importer's own table of header synonyms
(`headers.field_of`, TABLES.md §1.2), so a column the importer reads is a column the exporter
fills. What goes where:

    一级指标                                   → the group's first level (merged down its rows)
    二级指标                                   → the group's second level (merged down its rows)
    三级指标, 指标名称, 指标内容, 考核指标       → the indicator's name
    指标值, 年度指标值, 目标值, 年度目标值 …     → the target as tables print it (`≥90%`, `相关`)
    实际完成值, 完成值, 实际值, 执行情况 …       → the actual (monitoring: the value so far)
    分值, 权重, 权数                           → the weight
    得分, 考评得分, 自评得分                    → the score
    偏差原因分析及改进措施, 偏差原因, 原因 …     → the deviation notes (monitoring: the reason)
    指标解释, 指标说明, 指标值说明               → the description and formulas (目标表)
    完成目标可能性                             → the likelihood (监控表)

Only the columns both the template and the sheet have are written; a header the importer's table
names in another way (指标性质, 度量单位, 评分标准, 备注) is left as the template has it. The
header is the first row naming 三级指标 (or a synonym) and one of 指标值, 实际完成值, 分值 or 得分;
a second header row under it (a parent over its parts) refines the columns. Rows are written from
the row under the header down to the first row saying 合计, 总分, 评价结论 or the like; when the
template has fewer rows, rows are inserted there, styled like its last grid row. A 合计/总分 row
gets the totals in its empty (or formula) cells; an empty cell beside 单位名称 gets the unit's name.
"""

from __future__ import annotations

import itertools
import unicodedata
from copy import copy
from os import PathLike
from typing import IO, Any

from openpyxl import load_workbook  # type: ignore[import-untyped]
from openpyxl.cell.cell import MergedCell  # type: ignore[import-untyped]

from ..errors import UsageError
from .export_model import ExportedSheet, GridRow, merged_runs
from .headers import field_of
from .model import Field
from .xlsx_layout import put

Worksheet = Any
"""An openpyxl worksheet (openpyxl has no type information)."""

_LEVELS = ("level1", "level2", "name")
_VALUES = frozenset(("target", "actual", "weight", "score"))
_TOTALS = ("合计", "总分", "总计")
_ENDS = (*_TOTALS, "评价结论", "存在问题", "改进措施", "说明", "注", "单位负责人", "项目负责人", "填报人", "填表人")
"""What the first cell of the row after a grid says."""
_UNIT_LABELS = ("单位名称", "部门名称", "部门(单位)名称", "单位(部门)名称", "预算单位", "填报单位")
_SEARCHED_ROWS = 100
"""How far down a template's grid header is looked for."""


def fill_template(template: str | PathLike[str] | IO[bytes], content: ExportedSheet) -> Any:
    """The template's workbook with the sheet written into its grid."""
    try:
        workbook = load_workbook(template)
    except Exception as error:  # openpyxl raises many kinds on a file that is not an .xlsx workbook
        raise UsageError(f"cannot read the template {_named(template)} as an .xlsx workbook: {error}") from None
    for sheet in (workbook.active, *(sheet for sheet in workbook.worksheets if sheet is not workbook.active)):
        found = _header(sheet)
        if found is not None:
            header_row, columns = found
            _Filling(sheet, content, columns, _first_data_row(sheet, header_row, columns)).write()
            _unit_name(sheet, header_row, content)
            return workbook
    raise UsageError(
        f"the template {_named(template)} has no indicator grid header: a row naming 三级指标 (or 指标名称) "
        "and one of 指标值, 实际完成值, 分值 or 得分"
    )


def _named(template: object) -> str:
    return f"“{template}”" if isinstance(template, str | PathLike) else "(a stream)"


def _text(value: object) -> str:
    return unicodedata.normalize("NFKC", value).strip() if isinstance(value, str) else ""


def _fields(sheet: Worksheet, row: int) -> list[tuple[int, str]]:
    """(column, field) for each header text of a row that names a field."""
    found = []
    for cell in sheet[row]:
        field = field_of(_text(cell.value))
        if field is not None:
            found.append((cell.column, field.value))
    return found


def _header(sheet: Worksheet) -> tuple[int, dict[str, int]] | None:
    """The grid's header row and each field's column: the level columns where they first appear,
    any other field first right of the indicator's name (a 权重 left of 二级 is a group's weight)."""
    for row in range(1, min(sheet.max_row, _SEARCHED_ROWS) + 1):
        found = _fields(sheet, row)
        name = next((column for column, field in found if field == Field.NAME.value), None)
        if name is None:
            continue
        columns: dict[str, int] = {}
        for column, field in found:
            if field not in columns and (field in _LEVELS or column > name):
                columns[field] = column
        if _VALUES & columns.keys():
            return row, columns
    return None


def _first_data_row(sheet: Worksheet, header_row: int, columns: dict[str, int]) -> int:
    """The row under the header, or under a second header row (its cell under 三级指标 empty or
    merged, its texts naming fields), whose fields then refine the columns."""
    below = header_row + 1
    parts = _fields(sheet, below)
    name = sheet.cell(row=below, column=columns["name"])
    if isinstance(name, MergedCell) or (parts and _text(name.value) == ""):
        columns.update((field, column) for column, field in parts if column > columns["name"])
        return below + 1
    return below


def _label(sheet: Worksheet, row: int) -> str:
    """The first text of a row, without spaces."""
    for cell in sheet[row]:
        text = "".join(_text(cell.value).split())
        if text:
            return text
    return ""


def _unit_name(sheet: Worksheet, header_row: int, content: ExportedSheet) -> None:
    """The unit's name into the empty cell right of a 单位名称 label above the grid."""
    department = content.identity[0][1]
    if department.value is None:
        return
    for row in sheet.iter_rows(min_row=1, max_row=header_row - 1):
        for left, right in itertools.pairwise(row):
            label = "".join(_text(left.value).rstrip(":：").split())
            if label in _UNIT_LABELS and not isinstance(right, MergedCell) and right.value is None:
                put(right, department)


class _Filling:
    """Writes the grid's rows from `first` down, inserting rows the template lacks."""

    def __init__(self, sheet: Worksheet, content: ExportedSheet, columns: dict[str, int], first: int) -> None:
        self.sheet = sheet
        self.content = content
        self.columns = {field: column for field, column in columns.items() if field in _written(content)}
        self.first = first
        self.end = next(
            (row for row in range(first, sheet.max_row + 1) if _label(sheet, row).startswith(_ENDS)),
            sheet.max_row + 1,
        )

    def write(self) -> None:
        rows = self.content.rows
        sheet = self.sheet
        self.unmerge_columns()
        room = self.end - self.first
        if len(rows) > room:
            self.insert(len(rows) - room, model=self.end - 1 if room else None)
        for offset in range(max(room, len(rows))):
            cells = rows[offset].by_field(self.content.columns) if offset < len(rows) else {}
            for field, column in self.columns.items():
                target = sheet.cell(row=self.first + offset, column=column)
                if isinstance(target, MergedCell):
                    continue  # inside a merge the template makes across the row: its anchor holds the text
                if field in cells:
                    put(target, cells[field])
                else:
                    target.value = None  # a row the sheet does not need: the template's sample text goes
        for level, field in enumerate(("level1", "level2")):
            if field in self.columns:
                self.merge_runs(rows, level, self.columns[field])
        if self.content.totals is not None and _label(sheet, self.end).startswith(_TOTALS):
            self.totals(self.content.totals)

    def unmerge_columns(self) -> None:
        """Undo the template's merges down the grid's rows (a sample 一级 over sample rows)."""
        for merged in list(self.sheet.merged_cells.ranges):
            if merged.min_row >= self.first and merged.max_row < self.end and merged.max_row > merged.min_row:
                self.sheet.unmerge_cells(merged.coord)

    def merge_runs(self, rows: tuple[GridRow, ...], level: int, column: int) -> None:
        sheet = self.sheet
        for start, end in merged_runs(rows, level):
            cells = [sheet.cell(row=self.first + offset, column=column) for offset in range(start, end + 1)]
            if not any(isinstance(cell, MergedCell) or _merged_at(sheet, cell.coordinate) for cell in cells):
                sheet.merge_cells(
                    start_row=self.first + start, start_column=column, end_row=self.first + end, end_column=column
                )

    def totals(self, totals: GridRow) -> None:
        """The totals into the 合计 row's cells the template left empty or computed by a formula
        (openpyxl would save the formula without its result, which readers see as blank)."""
        cells = totals.by_field(self.content.columns)
        for field, column in self.columns.items():
            target = self.sheet.cell(row=self.end, column=column)
            if field in _LEVELS or isinstance(target, MergedCell) or cells[field].value is None:
                continue
            if target.value is None or target.data_type == "f":
                put(target, cells[field])

    def insert(self, count: int, model: int | None) -> None:
        """`count` rows before the grid's end, styled like row `model`; merges and row heights from
        the end down move with them (openpyxl moves cells only)."""
        sheet = self.sheet
        at = self.end
        moved = [merged for merged in sheet.merged_cells.ranges if merged.max_row >= at]
        bounds = [(merged.min_row, merged.min_col, merged.max_row, merged.max_col) for merged in moved]
        for merged in moved:
            sheet.unmerge_cells(merged.coord)
        heights = {row: sheet.row_dimensions[row].height for row in list(sheet.row_dimensions) if row >= at}
        sheet.insert_rows(at, count)
        for min_row, min_col, max_row, max_col in bounds:
            top = min_row + count if min_row >= at else min_row
            sheet.merge_cells(start_row=top, start_column=min_col, end_row=max_row + count, end_column=max_col)
        for row in heights:
            sheet.row_dimensions[row].height = None
        for row, height in heights.items():
            sheet.row_dimensions[row + count].height = height
        if model is not None:
            self.style_like(model, range(at, at + count))
        self.end += count

    def style_like(self, model: int, rows: range) -> None:
        """New rows styled like the template's last grid row, with its merges across columns."""
        sheet = self.sheet
        across = [merged for merged in sheet.merged_cells.ranges if merged.min_row == merged.max_row == model]
        for row in rows:
            for column in range(1, sheet.max_column + 1):
                source, target = sheet.cell(row=model, column=column), sheet.cell(row=row, column=column)
                target.font, target.border, target.fill = copy(source.font), copy(source.border), copy(source.fill)
                target.alignment, target.protection = copy(source.alignment), copy(source.protection)
                target.number_format = source.number_format
            sheet.row_dimensions[row].height = sheet.row_dimensions[model].height
            for merged in across:
                sheet.merge_cells(start_row=row, start_column=merged.min_col, end_row=row, end_column=merged.max_col)


def _written(content: ExportedSheet) -> set[str]:
    return {column.field for column in content.columns}


def _merged_at(sheet: Worksheet, coordinate: str) -> bool:
    return any(coordinate in merged for merged in sheet.merged_cells.ranges)
