"""The header block above an indicator grid: the title (and the table's kind and year in it), the
budget unit's name, and the money: a target table's 预算情况 lines (部门预算总额(元) 11,961,500.0)
or a self-evaluation's 预算执行 block (年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分)."""

from __future__ import annotations

import re
import unicodedata

import attrs

from .grid import Grid
from .headers import PINYIN, TRADITIONAL
from .model import BudgetLine, Flag

_YEAR = re.compile(r"((?:19|20)[0-9]{2})\s*年")
_DEPARTMENT_LABELS = (
    "部门(单位)名称",
    "单位名称",
    "部门名称",
    "预算单位",
    "预算部门",
    "部门",
    "实施单位",
    "项目实施单位",
    "项目执行单位",
    "执行单位",
    "填报单位",
    "单位",
    "主管部门",
)
"""Labels of the budget unit's name, the surest first (the table's own unit before its superior)."""
_INLINE = re.compile(r"(?:部门|单位)(?:\(单位\))?(?:名称)?[:：]\s*(\S+)")
_MONEY_SECTION = re.compile(r"^(预算情况|预算安排|资金情况|项目资金|预算执行情况|年度预算|部门预算|资金投入)")
_MONEY_UNIT = re.compile(r"[(（]\s*(万元|元|亿元)\s*[)）]|(?:金额)?单位[:：]\s*(万元|元|亿元)")
_AMOUNT = re.compile(r"^[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?$")
_NUMBERING = re.compile(r"^\s*(?:[0-9]+[、.．]|[(（][0-9]+[)）]|[一二三四五六七八九十]+[、.])\s*")
_GROUP = re.compile(r"^([\u4e00-\u9fff]{2,10})[:：]\s*")
_EXECUTION_HEADERS = {
    "年初预算数": "initial",
    "年初预算": "initial",
    "全年预算数": "budget",
    "调整后预算数": "budget",
    "全年预算数(A)": "budget",
    "全年执行数": "executed",
    "预算执行数": "executed",
    "全年执行数(B)": "executed",
    "执行率": "rate",
    "预算执行率": "rate",
    "执行率(B/A)": "rate",
    "分值": "weight",
    "权重": "weight",
    "得分": "score",
    "1-6月执行数": "executed",
    "全年预计执行数": "forecast",
}


@attrs.define
class Block:
    title: str = ""
    kind: str = "目标表"
    department: str | None = None
    year: int | None = None
    budget: tuple[BudgetLine, ...] = ()
    execution: dict[str, str] = attrs.Factory(dict)
    flags: list[Flag] = attrs.Factory(list)
    goals: list[tuple[str, str]] = attrs.Factory(list)


def _key(text: str) -> str:
    """A label as compared: NFKC, no spaces, simplified characters, no trailing colon or `*`."""
    text = PINYIN.sub("", re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))).translate(TRADITIONAL)
    return text.strip("*★").rstrip(":：")


def header_block(grid: Grid, end: int) -> Block:
    block = Block()
    texts = [[cell.text for cell in row] for row in grid.rows[:end]]
    lines = [" ".join(dict.fromkeys(text for text in row if text)) for row in texts]
    titled = [line for line in lines if "表" in line]
    block.title = next(
        (line for line in titled if "绩效" in line), titled[0] if titled else next(filter(None, lines), "")
    )
    for line in lines:
        found = _YEAR.search(line)
        if found:
            block.year = int(found.group(1))
            break
    whole = " ".join(lines)
    block.kind = "自评表" if "自评" in whole else "监控表" if "监控" in whole else "目标表"
    block.department = _department(texts)
    block.goals = _goals(grid, end)
    _money(grid, end, block)
    return block


_GOAL = re.compile(r"(年度履职目标|年度总体目标|年度绩效目标|绩效目标|年度目标|总体目标|预期目标)$")


def _goals(grid: Grid, end: int) -> list[tuple[str, str]]:
    """The text beside each goal label above the grid, and where it is."""
    goals = []
    for index, row in enumerate(grid.rows[:end]):
        texts = [cell.text for cell in row]
        for column, text in enumerate(texts):
            if _GOAL.search(_key(text)):
                value = next((other for other in texts[column + 1 :] if other and other != text), "")
                if value:
                    goals.append((value, grid.place(index, texts.index(value))))
                break
    return goals


def _department(rows: list[list[str]]) -> str | None:
    found: dict[str, str] = {}
    for row in rows:
        for index, text in enumerate(row):
            key = re.sub(r"\(盖章\)", "", _key(text))
            if key in _DEPARTMENT_LABELS and key not in found:
                value = next((other for other in row[index + 1 :] if other and _key(other) != _key(text)), "")
                if value and _key(value) not in _DEPARTMENT_LABELS:
                    found[key] = value.strip()
            inline = _INLINE.search(unicodedata.normalize("NFKC", text))
            if inline and "部门" not in found and not _MONEY_UNIT.search(text):  # 金额单位:元 names no unit
                found["部门"] = inline.group(1)
    return next((found[label] for label in _DEPARTMENT_LABELS if label in found), None)


def _money(grid: Grid, end: int, block: Block) -> None:
    """The money lines under a 预算情况 / 项目资金 label: a self-evaluation's execution block when
    its columns are named, else label-and-amount lines."""
    rows = [[cell.text for cell in row] for row in grid.rows[:end]]
    for index, row in enumerate(rows):
        named: dict[int, str] = {}
        for column, text in enumerate(row):
            role = _EXECUTION_HEADERS.get(_key(text))
            if role is not None and role not in named.values():  # a merged header repeats: its first column
                named[column] = role
        if len(named) >= 2:
            _execution(grid, rows, index, named, block)
            return
    lines: list[BudgetLine] = []
    unit, group, inside = "元", None, False
    for index, row in enumerate(rows):
        cells = [(column, text) for column, text in enumerate(row) if text]
        if not cells:
            continue
        first = _key(cells[0][1])
        if _MONEY_SECTION.match(first):
            inside = True
            cells = cells[1:] if len(cells) > 1 and not _AMOUNT.match(_key(cells[1][1])) else cells
        elif not inside or row[0]:
            inside = False
            continue
        label_column, label = cells[0]
        unit = _unit(label) or _unit(" ".join(row)) or unit
        name, group = _budget_name(label, group)
        amount = next((text for column, text in cells[1:] if column > label_column), "")
        place = grid.place(index, label_column)
        if not amount:
            continue
        if _AMOUNT.match(_key(amount)):
            lines.append(BudgetLine(name, _key(amount), unit, place, group))
        elif re.search("[0-9]", amount):  # words alone are the block's own column headers (金额)
            block.flags.append(
                Flag("budget-unreadable", None, place, f"预算“{name}”一格不是金额（{_short(amount)}），未读入")
            )
    block.budget = tuple(lines)


def _unit(text: str) -> str | None:
    found = _MONEY_UNIT.search(unicodedata.normalize("NFKC", text))
    return (found.group(1) or found.group(2)) if found else None


def _budget_name(label: str, group: str | None) -> tuple[str, str | None]:
    """`1、资金来源: (1) 政府预算资金` → 政府预算资金 in group 资金来源; `(2) 单位资金` stays in it."""
    text = _MONEY_UNIT.sub("", unicodedata.normalize("NFKC", label)).strip()
    numbered_top = re.match(r"^\s*[0-9]+[、.]", text) is not None
    text = _NUMBERING.sub("", text)
    found = _GROUP.match(text)
    if found:
        group, text = found.group(1), text[found.end() :]
    elif numbered_top or not re.match(r"^\s*[(（]", unicodedata.normalize("NFKC", label)):
        group = None
    return _NUMBERING.sub("", text).strip(), group


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 20 else text[:20] + "…"


def _execution(grid: Grid, rows: list[list[str]], header: int, named: dict[int, str], block: Block) -> None:
    """A self-evaluation's money block: its 总额 line's 执行率, 分值 and 得分, and where it is."""
    for index in range(header + 1, len(rows)):
        row = rows[index]
        if not any("总额" in _key(text) for text in row):
            continue
        filled = [text for text in row if text]
        if len(row) - row[::-1].index(filled[-1]) > max(named):
            values = {role: row[column] for column, role in named.items() if column < len(row) and row[column]}
        else:  # a flattened line that lost its blank cells
            values = _right_aligned(row, named)
        block.execution = dict(values, place=grid.place(index, 0))
        return


def _right_aligned(row: list[str], named: dict[int, str]) -> dict[str, str]:
    """A flattened money line lost its blank cells: its numbers fill the named columns from the
    right, prose (a 原因 column) left aside."""
    numbers = [text for text in row[1:] if re.match(r"^[0-9./%,\-—]+$", _key(text))]
    roles = [role for _, role in sorted(named.items())]
    return dict(zip(reversed(roles), reversed(numbers), strict=False))
