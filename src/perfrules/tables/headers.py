"""Which column is which: the header texts tables print for each field (TABLES.md §1.2), found
in one header row or two (a parent over its parts: 年度指标值 over 指标性质 | 指标值 | 度量单位)."""

from __future__ import annotations

import re
import unicodedata

from .grid import Grid
from .model import Field

SYNONYMS: dict[Field, tuple[str, ...]] = {
    Field.ORGANIZATION: ("单位名称", "部门(单位)名称", "预算单位"),
    Field.PROJECT: ("项目名称",),
    Field.LEVEL1: ("一级指标",),
    Field.LEVEL2: ("二级指标",),
    Field.NAME: ("三级指标", "指标名称", "指标内容", "考核指标", "绩效指标名称", "三级指标名称"),
    Field.COMPARATOR: ("指标性质", "比较符", "运算符号", "符号"),
    Field.TARGET: (
        "指标值",
        "年度指标值",
        "目标值",
        "目标值(标准)",
        "年度工作目标",
        "年度目标值",
        "指标目标值",
        "绩效目标值",
        "预期目标值",
        "全年指标值",
        "年度绩效指标值",
        "指标值及单位",
        "当年预期实现值",
        "预期实现值",
        "年度指标值(A)",
    ),
    Field.UNIT: ("度量单位", "计量单位", "单位"),
    Field.STANDARD: ("绩效标准", "指标值确定依据", "标准", "目标值确定依据"),
    Field.VALUE_KIND: ("指标值类型", "指标属性", "指标类型"),
    Field.WEIGHT: ("分值", "权重", "权数", "指标分值", "指标权重", "分值(权重)"),
    Field.EXPLANATION: ("指标解释", "指标说明", "指标值说明", "指标定义", "计算方法"),
    Field.SCORING_RULE: ("评分标准", "评(扣)分标准", "扣分标准", "评分规则", "评分细则"),
    Field.ACTUAL: (
        "实际完成值",
        "完成值",
        "全年实际值",
        "实际值",
        "实际完成情况",
        "全年实际完成值",
        "半年度指标执行情况",
        "执行情况",
        "指标执行情况",
        "完成情况",
    ),
    Field.SCORE: ("得分", "考评得分", "自评得分", "评价得分"),
    Field.DEVIATION: (
        "偏差原因分析及改进措施",
        "未完成原因分析",
        "原因",
        "偏差原因",
        "偏差原因分析",
        "未完成原因分析及改进措施",
        "偏差原因及改进措施",
    ),
    Field.FORECAST: ("全年预计完成情况", "预计完成情况", "全年预计完成值", "全年预计完成"),
    Field.LIKELIHOOD: ("完成目标可能性", "完成可能性", "能否完成目标"),
    Field.NOTE: ("备注",),
}
_SUFFIXES = re.compile(r"\((?:[0-9.\-]+分|[A-Z]|万元|元|%)\)$")
_MONTHS = re.compile(r"^1-[0-9]{1,2}月(?:执行情况|完成情况|实际完成值)$")
_PREFIXES = ((Field.LIKELIHOOD, "完成目标可能性"), (Field.DEVIATION, "偏差原因"), (Field.ACTUAL, "实际完成值"))
PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]+\)")
TRADITIONAL = str.maketrans(
    "級標稱單權實際績評說數計質類釋項內準備註應預濟會態時滿門",
    "级标称单权实际绩评说数计质类释项内准备注应预济会态时满门",
)
"""Traditional forms of the characters headers and headings use (a mirror may print 指標)."""
_BY_TEXT = {text: field for field, texts in SYNONYMS.items() for text in texts}


def normal(text: str) -> str:
    """A header as compared: NFKC (full-width brackets and letters as ASCII), no spaces or line
    breaks, a trailing (A) / (50分) / (万元) dropped."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    text = PINYIN.sub("", text).translate(TRADITIONAL).lstrip("*★")
    return _SUFFIXES.sub("", text)


def field_of(text: str) -> Field | None:
    """The field a header cell names, if it names one."""
    key = normal(text)
    if not key:
        return None
    if key in _BY_TEXT:
        return _BY_TEXT[key]
    if _MONTHS.match(key):
        return Field.ACTUAL
    return next((field for field, prefix in _PREFIXES if key.startswith(prefix)), None)


def fields_of(row: tuple[str, ...]) -> list[Field | None]:
    return [field_of(text) for text in row]


def is_header(fields: list[Field | None]) -> bool:
    """A grid's header row names the indicator column and at least one other field (or, in a
    table of two levels, 二级指标 and the target)."""
    found = {field for field in fields if field is not None}
    return (Field.NAME in found and len(found) >= 2) or {Field.LEVEL2, Field.TARGET} <= found


def header_rows(grid: Grid) -> list[int]:
    """The rows that start an indicator grid (a file may hold 长期 and 年度 grids)."""
    starts: list[int] = []
    for index, row in enumerate(grid.rows):
        header = is_header(fields_of(tuple(cell.text for cell in row)))
        if header and (not starts or index != starts[-1] + 1):
            starts.append(index)
    return starts


def _named(texts: list[tuple[str, ...]], index: int) -> list[Field | None] | None:
    if not 0 <= index < len(texts):
        return None
    fields = fields_of(texts[index])
    return fields if len({field for field in fields if field is not None}) >= 2 else None


def columns(grid: Grid, start: int) -> tuple[list[Field | None], int]:
    """The field of each column and the first data row, joining a two-row header (a parent
    over its parts): the lower row's field where it names one, else the upper row's."""
    texts = [tuple(cell.text for cell in row) for row in grid.rows]
    chosen = fields_of(texts[start])
    below, above = _named(texts, start + 1), _named(texts, start - 1)
    if below is not None:
        upper, lower, first = chosen, below, start + 2
    elif above is not None and Field.NAME not in above:
        upper, lower, first = above, chosen, start + 1
    else:
        return _two_levels(_without_repeats(chosen)), start + 1
    if grid.positional:
        joined = [mine if mine is not None else theirs for mine, theirs in zip(lower, upper, strict=True)]
    else:
        joined = _flattened(lower if Field.NAME in lower else upper, upper if Field.NAME in lower else lower)
    return _two_levels(_without_repeats(joined)), first


def _flattened(parts: list[Field | None], parents: list[Field | None]) -> list[Field | None]:
    """A two-row header flattened to text: the row with the indicator column lists the parent's
    parts; the other row's fields that come after the parent (实际完成值, 分值, 得分 …) follow."""
    trimmed = list(parts)
    while trimmed and trimmed[-1] is None:
        trimmed.pop()
    present = {field for field in trimmed if field is not None}
    return trimmed + [field for field in parents if field is not None and field not in present]


def _two_levels(fields: list[Field | None]) -> list[Field | None]:
    """A table of two levels (一级指标 | 二级指标 | 指标值) names its indicators in the 二级 column."""
    if Field.NAME in fields:
        return fields
    shifted = {Field.LEVEL2: Field.NAME, Field.LEVEL1: Field.LEVEL2}
    return [shifted.get(field, field) if field is not None else None for field in fields]


def _without_repeats(fields: list[Field | None]) -> list[Field | None]:
    """A merged header repeats across the columns it covers: the first column keeps the field."""
    seen: set[Field] = set()
    result: list[Field | None] = []
    for field in fields:
        result.append(None if field in seen else field)
        if field is not None:
            seen.add(field)
    return result
