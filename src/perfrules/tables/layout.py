"""A grid mapped onto the canonical table: the header block above the indicator grid (title,
unit, year, money), the grid's rows under their headings with weights read out of the headings,
and the flags for what does not look like a row."""

from __future__ import annotations

import re
import unicodedata

import attrs

from .align import align
from .block import header_block
from .grid import Cell, Grid
from .headers import TRADITIONAL, columns, header_rows
from .model import Field, Flag, Row, TableDoc

_END = re.compile(
    r"^(合计|总分|总计|评价结论|存在问题|改进措施|其他需要说明|注[:：]|说明[:：]|项目负责人|填报|填表人|单位负责人|财务负责人|财政部门审核|审核意见|偏差|相关建议)"
)
_WEIGHT = re.compile(r"[(（]\s*([0-9]+(?:\.[0-9]+)?)\s*分\s*[)）]\s*$|\s+([0-9]+(?:\.[0-9]+)?)\s*分$")
_RANGE = re.compile(r"[(（]\s*[0-9.]+\s*[-—~～]\s*[0-9.]+\s*[)）]\s*分?\s*$")
_NUMBERED = re.compile(r"^(?:指标\s*[0-9一二三四五六七八九十]+\s*[:：]?|★)\s*|\s*★$")
_PLACEHOLDER = re.compile(r"^(?:[.…。·]+|\*+|\*+[\u4e00-\u9fff]{0,2}|/|-|—+|无|暂无)$")
_SCOPE = (Field.ORGANIZATION, Field.PROJECT)
"""Columns a grid of several units or projects prints their names in, merged down their rows."""
_SCORING = re.compile(r"扣分|满分|不得分|酌情")
_CJK_BREAK = re.compile(r"(?<=[\u3400-\u9fff\uff08\uff09()])\n(?=[\u3400-\u9fff\uff08\uff09()])")


def one_line(text: str) -> str:
    """A wrapped cell on one line: the break between two Chinese characters vanishes, others are spaces."""
    return _CJK_BREAK.sub("", text).replace("\n", " ").strip()


def heading(text: str) -> tuple[str, str | None, str | None]:
    """A heading cell's name, its printed weight (产出指标(50分) → 50) and a weight range it printed
    instead ((40-50)分), which no single weight can stand for."""
    text = one_line(text)
    ranged = _RANGE.search(text)
    if ranged:
        return text[: ranged.start()].strip(), None, ranged.group(0).strip()
    found = _WEIGHT.search(text)
    if found:
        return text[: found.start()].strip(), found.group(1) or found.group(2), None
    return text, None, None


def row_texts(row: tuple[Cell, ...]) -> list[str]:
    """A flattened row's cells up to its last non-empty one."""
    texts = [cell.text for cell in row]
    while texts and not texts[-1]:
        texts.pop()
    return texts


def map_grid(grid: Grid, source: str) -> list[TableDoc]:
    """Every indicator grid of one sheet or table, each with the header block above it; a grid
    holding several projects (a 项目名称 column) as one table per project."""
    starts = header_rows(grid)
    if not starts:
        return []
    block = header_block(grid, starts[0])
    docs = []
    for number, start in enumerate(starts):
        fields, first = columns(grid, start)
        end = starts[number + 1] if number + 1 < len(starts) else len(grid.rows)
        rows, flags = _rows(grid, fields, first, end)
        doc = TableDoc(
            source=source,
            sheet=grid.sheet,
            kind=block.kind,
            title=block.title,
            department=block.department,
            year=block.year,
            rows=tuple(rows),
            budget=block.budget,
            execution=block.execution,
            goals=tuple(block.goals),
            columns=tuple(field for field in fields if field is not None),
            flags=tuple(block.flags) + tuple(flags),
            low_confidence=grid.low_confidence,
        )
        docs.extend(_by_project(doc))
    return docs


def _by_project(doc: TableDoc) -> list[TableDoc]:
    """One table per project of a grid that lists several (a merged 项目名称 down each one's rows),
    since each project's weights add up on their own; table-wide flags go with the first."""
    projects: dict[str, list[Row]] = {}
    current = ""
    for row in doc.rows:
        current = one_line(row.get(Field.PROJECT)) or current
        projects.setdefault(current, []).append(row)
    if len(projects) < 2:
        unit = next((one_line(row.get(Field.ORGANIZATION)) for row in doc.rows if row.get(Field.ORGANIZATION)), None)
        return [attrs.evolve(doc, department=doc.department or unit)]
    split: list[TableDoc] = []
    unit = None
    for number, (project, rows) in enumerate(projects.items()):
        names = {row.name for row in rows}
        flags = tuple(flag for flag in doc.flags if flag.name in names or (flag.name is None and number == 0))
        title = f"{doc.title}\n项目：{project}" if project else doc.title
        unit = next((one_line(row.get(Field.ORGANIZATION)) for row in rows if row.get(Field.ORGANIZATION)), unit)
        split.append(
            attrs.evolve(
                doc,
                rows=tuple(rows),
                flags=flags,
                title=title,
                sheet=f"{doc.sheet}（{project}）",
                department=doc.department or unit,
            )
        )
    return split


class _Levels:
    """The 一级 and 二级 headings in force, carried down the rows a merge covered."""

    def __init__(self) -> None:
        self.level1 = self.level2 = ""
        self.weight1: str | None = None
        self.weight2: str | None = None

    def see(self, level1: str, level2: str, place: str, flags: list[Flag]) -> None:
        if level1:
            name, weight, ranged = heading(level1)
            if name != self.level1 or weight is not None:
                self.level1, self.weight1, self.level2, self.weight2 = name, weight, "", None
            if ranged:
                flags.append(Flag("weight-range", None, place, f"一级指标“{name}”印的是分值区间{ranged}，未取分值"))
        if level2:
            name, weight, ranged = heading(level2)
            if name != self.level2 or weight is not None:
                self.level2, self.weight2 = name, weight
            if ranged:
                flags.append(Flag("weight-range", None, place, f"二级指标“{name}”印的是分值区间{ranged}，未取分值"))


@attrs.frozen
class _Placed:
    """A row's cells under their fields, where each was, and whether they had to be realigned."""

    cells: dict[Field, str]
    places: dict[Field, str]
    raw: dict[Field, Cell]
    realigned: bool


def _placed(grid: Grid, index: int, fields: list[Field | None]) -> _Placed:
    row = grid.rows[index]
    named = [(column, field) for column, field in enumerate(fields) if field is not None and column < len(row)]
    project = [(column, field) for column, field in named if field in _SCOPE]
    named = [(column, field) for column, field in named if field not in _SCOPE]
    chosen = project + named
    realigned = False
    start = named[0][0] if named else 0
    present = row_texts(row)[start:]
    if 0 < len(present) < len(named):  # a row that stops short: cells a merge or a page break swallowed
        slots = align(present, [field for _, field in named])
        chosen = project + [(start + offset, named[slot][1]) for offset, slot in enumerate(slots)]
        realigned = any(
            named[offset][1] is not field for offset, (_, field) in enumerate(chosen) if row[start + offset].text
        )
    return _Placed(
        {field: row[column].text for column, field in chosen if row[column].text},
        {field: grid.place(index, column) for column, field in chosen},
        {field: row[column] for column, field in chosen},
        realigned,
    )


def _rows(grid: Grid, fields: list[Field | None], first: int, end: int) -> tuple[list[Row], list[Flag]]:
    rows: list[Row] = []
    flags: list[Flag] = []
    levels = _Levels()
    after_break = False
    for index in range(first, end):
        if not any(cell.text or cell.uncomputed for cell in grid.rows[index]):
            after_break = bool(rows)
            continue
        lead = next(unicodedata.normalize("NFKC", cell.text) for cell in grid.rows[index] if cell.text)
        if _END.match(lead.replace(" ", "")):
            break
        placed = _placed(grid, index, fields)
        if not any(text for field, text in placed.cells.items() if field not in _SCOPE):
            continue  # a project's own line (its unit and budget), above its indicators
        level1, level2 = one_line(placed.cells.pop(Field.LEVEL1, "")), one_line(placed.cells.pop(Field.LEVEL2, ""))
        place = placed.places.get(Field.NAME, grid.place(index, 0))
        if after_break and level2 and not level1:
            flags.append(_page_break(rows[-1], heading(level2)[0]))
        after_break = False
        levels.see(level1, level2, place, flags)
        row = _row(placed, levels, place, flags)
        if row is not None:
            rows.append(row)
    return rows, flags


def _page_break(before: Row, group: str) -> Flag:
    return Flag(
        "page-break-group",
        before.name,
        before.place,
        f"分页处：下一页以二级指标“{group}”开头；合并格跨页时标签会落在后一页，分页前的几行可能属于“{group}”，请核对",
    )


def _row(placed: _Placed, levels: _Levels, place: str, flags: list[Flag]) -> Row | None:
    """One indicator row, or None for a row that is not one (flagged: a placeholder, a template
    line, a scoring rule out of place)."""
    cells = placed.cells
    printed = one_line(cells.get(Field.NAME, ""))
    name = _NUMBERED.sub("", printed).strip()
    for field, cell in placed.raw.items():
        if cell.uncomputed:
            flags.append(
                Flag(
                    "formula-uncached",
                    name or None,
                    placed.places[field],
                    "这一格是公式，但文件里没有它的计算结果（读作空白，不是 0）；请在 Excel 中重新计算后保存",
                )
            )
    if _SCORING.search(name.translate(TRADITIONAL)):
        flags.append(Flag("placeholder", None, place, f"“{name}”是评分标准的文字，不是指标名，未作为指标读入"))
        return None
    if not name or _PLACEHOLDER.match(name):
        if printed or any(text for field, text in cells.items() if field is not Field.NAME):
            flags.append(Flag("placeholder", None, place, f"占位行（{printed or '无指标名'}），未作为指标读入"))
        return None
    cells[Field.NAME] = name
    target = cells.get(Field.TARGET, "")
    if target and _PLACEHOLDER.match(unicodedata.normalize("NFKC", target).strip()):
        flags.append(
            Flag(
                "placeholder",
                name,
                placed.places.get(Field.TARGET, place),
                f"指标值为“{target}”（不适用或未填），未作为指标读入",
            )
        )
        return None
    if placed.realigned:
        flags.append(
            Flag(
                "row-realigned",
                name,
                place,
                "这一行比表头少几格（分页或合并格吞掉了空格），已按内容对齐到各列；一级、二级指标沿用上方，请核对",
            )
        )
    return Row(levels.level1, levels.level2, cells, placed.places, levels.weight1, levels.weight2, place)
