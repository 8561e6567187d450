"""The importer's pure parts pinned on their edges: formulas found in explanations, targets read
in every form, flattened text split into cells, column letters, merges past a short row, and the
review list's own shapes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from perfrules.tables.align import align, fit
from perfrules.tables.flat import read_text
from perfrules.tables.formulas import WrittenFormula, formulas_in
from perfrules.tables.grid import BLANK, Cell, column_letters, spread
from perfrules.tables.importer import import_bytes
from perfrules.tables.model import Field, Row
from perfrules.tables.review import CODES, render_text
from perfrules.tables.targets import reading

SRC = Path(__file__).parents[2] / "src" / "perfrules" / "tables"


def row(**cells: str) -> Row:
    fields = {Field(key): value for key, value in cells.items()}
    return Row("产出指标", "数量指标", {Field.NAME: "完成率", **fields}, {}, place="A1")


@pytest.mark.parametrize(
    ("explanation", "found"),
    [
        ("完成率=完成数÷计划数×100%，", [WrittenFormula("完成率", "完成率", "完成数/计划数×100%")]),
        ("部门完成率=甲/乙。完成率=丙/丁", [WrittenFormula("完成率", "完成率", "丙/丁")]),
        ("完成率=甲/乙；完成率=丙/丁", [WrittenFormula("完成率", "完成率", "丙/丁")]),
        ("部门完成率=甲/乙", [WrittenFormula("完成率", "部门完成率", "甲/乙")]),
        ("完成率=100%", []),
        ("别的率=甲/乙", []),
        (
            "完成率=(实际数-年初数)/年初数×100%。年初数=预算总额",
            [
                WrittenFormula("年初数", "年初数", "预算总额"),
                WrittenFormula("完成率", "完成率", "(实际数-年初数)/年初数×100%"),
            ],
        ),
    ],
)
def test_the_formula_an_explanation_defines_the_indicator_by(explanation: str, found: list[WrittenFormula]) -> None:
    assert formulas_in("完成率", explanation) == found


def test_a_formula_under_another_name_must_share_four_final_characters() -> None:
    assert formulas_in("甲制完成率", "乙制完成率=甲/乙") == [WrittenFormula("甲制完成率", "乙制完成率", "甲/乙")]
    assert formulas_in("甲乙完成率", "丙丁完成率=甲/乙") == []


@pytest.mark.parametrize(
    ("cells", "text", "codes"),
    [
        ({"target": "≥满意"}, "≥满意", []),
        ({"comparator": "=", "target": "满意"}, "= 满意", []),
        ({"comparator": "＝", "target": "满意"}, "= 满意", []),
        ({"target": "292百分比"}, ">= 292百分比", ["comparator-read-as-2"]),
        ({"target": "2,280次"}, ">= 2,280次", ["comparator-read-as-2"]),
        ({"target": "2.5%"}, ">= 2.5%", ["comparator-inferred"]),
        ({"target": "1", "unit": "%"}, ">= 1%", ["percent-ambiguous", "comparator-inferred"]),
    ],
)
def test_a_target_reads_as_printed_and_says_what_it_doubts(cells: dict[str, str], text: str, codes: list[str]) -> None:
    found = reading(row(**cells))
    assert found is not None
    assert (found.text, [code for code, _, _ in found.doubts]) == (text, codes)


def test_a_fraction_under_percent_says_what_it_would_be_as_a_percentage() -> None:
    found = reading(row(target="1", unit="%"))
    assert found is not None
    assert found.doubts[0][2] == "度量单位为 %，指标值却是 1：是 1% 还是 1（即 100%）？按 1% 读"


def test_text_splits_on_tabs_whatever_its_line_ends_and_paragraph_tags_break_lines() -> None:
    (grid,) = read_text("甲\t乙\r\n丙\t<p>丁</p><p>戊</p>\r己\t<b>庚</b>")
    assert [[cell.text for cell in line] for line in grid.rows] == [["甲", "乙"], ["丙", "丁\n戊"], ["己", "庚"]]
    assert not grid.positional and grid.place(1, 1) == "文本 第2行第2列"


@pytest.mark.parametrize(("column", "letters"), [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA")])
def test_columns_are_named_as_spreadsheets_name_them(column: int, letters: str) -> None:
    assert column_letters(column) == letters


def test_a_merge_starting_past_a_short_row_pads_it_with_blanks() -> None:
    rows = [[Cell("甲")], [BLANK]]
    spread(rows, [(0, 3, 1, 3), (2, 0, 2, 0)])
    assert [[cell.text for cell in line] for line in rows] == [["甲", "", "", ""], ["", "", "", ""]]


def test_a_review_list_without_a_written_ruleset_names_no_file() -> None:
    (result,) = import_bytes(
        "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t培训人次\t300人次\n".encode(), "t.txt"
    )
    assert render_text([(result, None)]).splitlines()[0] == "t.txt（文本）: 1 个指标，待核对 1 处"


def test_every_code_the_importer_raises_has_a_title() -> None:
    raised = set()
    for path in SRC.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        raised |= set(re.findall(r'Flag\(\s*"([a-z0-9-]+)"', text)) | set(
            re.findall(r'\(\s*"([a-z0-9-]+)",\s*Field\.', text)
        )
    assert raised and raised <= set(CODES)


FITS = [
    (Field.LEVEL1, "产出指标", 2),
    (Field.LEVEL1, "产 出 指 标", 2),
    (Field.LEVEL1, "效益指标(20分)", 2),
    (Field.LEVEL1, "某某工作", 0),
    (Field.LEVEL1, "100", -3),
    (Field.LEVEL1, "甲" * 21, -3),
    (Field.LEVEL2, "经济效益指标", 2),
    (Field.NAME, "培训人次", 3),
    (Field.NAME, "满意度", 1),
    (Field.NAME, "时 效", 1),
    (Field.NAME, "100", -2),
    (Field.NAME, "≥", -2),
    (Field.NAME, "大于等于", -2),
    (Field.NAME, "甲" * 60, 3),
    (Field.NAME, "甲" * 61, -2),
    (Field.COMPARATOR, "≥", 4),
    (Field.COMPARATOR, "大于等于", 4),
    (Field.COMPARATOR, "小于等于", 4),
    (Field.COMPARATOR, "等于", 4),
    (Field.COMPARATOR, "大于", 4),
    (Field.COMPARATOR, "小于", 4),
    (Field.COMPARATOR, "有效", -5),
    (Field.UNIT, "人次", 3),
    (Field.UNIT, "有效", -3),
    (Field.VALUE_KIND, "定量", 4),
    (Field.VALUE_KIND, "定性", 4),
    (Field.VALUE_KIND, "是", -3),
    (Field.WEIGHT, "10", 2),
    (Field.WEIGHT, "十分", -3),
    (Field.SCORE, "9.5", 2),
    (Field.TARGET, "≥90%", 3),
    (Field.TARGET, "100", 3),
    (Field.TARGET, "甲" * 10, 3),
    (Field.TARGET, "甲" * 11, 1),
    (Field.TARGET, "产出指标", -1),
    (Field.ACTUAL, "98%", 2),
    (Field.ACTUAL, "达成预期指标", 2),
    (Field.ACTUAL, "完成", 2),
    (Field.ACTUAL, "甲" * 8, 2),
    (Field.ACTUAL, "甲" * 9, 0),
    (Field.FORECAST, "甲" * 9, 0),
    (Field.LIKELIHOOD, "确定能", 3),
    (Field.LIKELIHOOD, "有可能", 3),
    (Field.LIKELIHOOD, "不可能", 3),
    (Field.LIKELIHOOD, "其他", -1),
    (Field.EXPLANATION, "甲" * 21, 2),
    (Field.EXPLANATION, "甲" * 20, 0),
    (Field.DEVIATION, "", 0),
]
"""How well each kind of text suits each column: the scale a flattened row is realigned by."""


@pytest.mark.parametrize(("field", "text", "score"), FITS)
def test_how_well_a_cell_suits_a_column(field: Field, text: str, score: int) -> None:
    assert fit(field, text) == score


def test_a_short_row_is_realigned_only_when_that_fits_strictly_better() -> None:
    fields = [Field.LEVEL1, Field.LEVEL2, Field.NAME, Field.TARGET, Field.EXPLANATION]
    assert align(["绩效监控完成率", "100%", "按要求实施绩效监控的项目数量占项目总数的比重"], fields) == [2, 3, 4]
    assert align(
        ["履职目标实现", "年度工作目标完成率", "100%", "通过开展纪检监察监督工作为营商环境提供保障"], fields
    ) == [
        1,
        2,
        3,
        4,
    ]
    assert align(["产出指标", "数量指标"], fields) == [0, 1]
