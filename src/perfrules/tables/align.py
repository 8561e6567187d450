"""Putting a flattened row's cells back under their columns. Text copied out of a page or a PDF
keeps one cell for a merged range and drops the slots a merge covered, so a row may have fewer
cells than the header has columns; which column each cell belongs to is the assignment, in order,
that fits every cell's text best (a comparator under 指标性质, a number under 分值, prose under
指标解释)."""

from __future__ import annotations

import re
import unicodedata

from ..language.checked import ATTAINMENT_WORDS
from ..quantities.comparators import Comparator
from ..quantities.units import builtin_units
from .headers import PINYIN, TRADITIONAL
from .model import Field

_NUMBER = re.compile(r"^[+-]?[0-9][0-9,]*(?:\.[0-9]+)?$")
_TARGETISH = re.compile(
    r"^(?:[≥≤≧≦<>=═＞＜＝]|不少于|不低于|不超过|不高于|至少|达到)?\s*[+-]?[0-9][0-9,]*(?:\.[0-9]+)?\s*\S{0,6}$"
)
_HEADING = re.compile(r"(指标|管理|效益|满意度|目标|产出|成本|质量|数量|时效)[(（]?[0-9.\-]*分?[)）]?$")
UNITS = frozenset(builtin_units()) - {"万", "亿"}
"""The units a unit column holds: every unit the language knows (a bare 万 is a scale, not a unit)."""
_WORDS = frozenset(
    [
        "完成",
        "满意",
        "良好",
        "有效",
        "显著",
        "明显",
        "合格",
        "达标",
        "相关",
        "科学",
        "合理",
        "完整",
        "真实",
        "合规",
        "健全",
        "公开",
        "规范",
        "是",
        "否",
        "达到",
        "提高",
        "提升",
        "改善",
        "降低",
        "减少",
        "增加",
        "持续",
        "长期",
        "逐步",
        "及时",
        "按时",
        "优",
        "良",
        "中",
        "差",
    ]
)


def _comparator(text: str) -> bool:
    try:
        Comparator.written(text)
    except KeyError:
        return text in ("大于等于", "小于等于", "等于", "大于", "小于")
    return True


def _heading(text: str) -> bool:
    """Words a heading ends with (经济效益指标, 产 出 指 标, 时效), unless they say something was
    attained (达成预期指标)."""
    return bool(_HEADING.search(text.replace(" ", ""))) and text not in ATTAINMENT_WORDS


def fit(field: Field, text: str) -> int:
    """How well a cell's text suits a column: positive when it looks like what the column holds."""
    text = PINYIN.sub("", unicodedata.normalize("NFKC", text).strip()).translate(TRADITIONAL)
    if not text:
        return 0
    long = len(text) > 20
    heading = _heading(text)
    if heading and field not in (Field.LEVEL1, Field.LEVEL2, Field.NAME):
        return -1  # a heading's words (经济效益指标, 时效) are never a value
    if field in (Field.LEVEL1, Field.LEVEL2):
        return 2 if heading and not long else (0 if not long and not _NUMBER.match(text) else -3)
    if field is Field.NAME:
        if _NUMBER.match(text) or _comparator(text) or len(text) > 60:
            return -2
        return 1 if heading else 3
    if field is Field.COMPARATOR:
        return 4 if _comparator(text) else -5
    if field is Field.UNIT:
        return 3 if text in UNITS else -3
    if field is Field.VALUE_KIND:
        return 4 if text in ("定量", "定性") else -3
    if field in (Field.WEIGHT, Field.SCORE):
        return 2 if _NUMBER.match(text) else -3
    if field is Field.TARGET:
        return 3 if _TARGETISH.match(text) or (len(text) <= 10 and not _NUMBER.match(text)) else 1
    if field in (Field.ACTUAL, Field.FORECAST):
        return 2 if _TARGETISH.match(text) or text in _WORDS or len(text) <= 8 else 0
    if field is Field.LIKELIHOOD:
        return 3 if text in ("确定能", "有可能", "完全可能", "可能", "不可能", "能", "否", "是") else -1
    return 2 if long else 0  # prose: 指标解释, 评分标准, 偏差原因, 备注


def align(cells: list[str], fields: list[Field]) -> list[int]:
    """The column (index into `fields`, which outnumber the cells) of each cell: where it stands,
    unless another in-order assignment (skipped columns allowed) fits the cells strictly better;
    among those, ties go to skipping columns on the left, as merges covered them."""
    count, width = len(cells), len(fields)
    standing = sum(fit(field, cell) for field, cell in zip(fields, cells, strict=False))
    lowest = -(10**9)
    best = [[lowest] * (width + 1) for _ in range(count + 1)]
    best[count] = [0] * (width + 1)
    for cell in range(count - 1, -1, -1):
        for column in range(width - 1, -1, -1):
            take = best[cell + 1][column + 1]
            if take > lowest:
                take += fit(fields[column], cells[cell])
            best[cell][column] = max(take, best[cell][column + 1])
    if best[0][0] <= standing:
        return list(range(count))
    placed, column = [], 0
    for cell in range(count):
        while best[cell][column + 1] >= best[cell][column] and width - column - 1 >= count - cell:
            column += 1
        placed.append(column)
        column += 1
    return placed
