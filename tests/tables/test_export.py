"""`perfrules export`: the 绩效自评表, 监控表 and 目标表 as .xlsx, read back with openpyxl and with
python-calamine: merges, number formats, the scorecard's values, print setup, no formulas, target
cells the language reads back into the same target, filling a province's template, and every
error said as a perfrules message."""

import datetime
import io
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.styles import Border, Font, Side
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

import perfrules
from perfrules.cli import main
from perfrules.quantities.values import Measure
from perfrules.tables.export import exported_sheet, write_workbook
from perfrules.tables.export_model import ExportCell
from perfrules.tables.xlsx_layout import put

from ..conftest import ROOT, SEED, SEED_FACTS

MIDYEAR = ROOT / "rulesets" / "zhengzhou-jingkai-jijian-2023.midyear.facts.json"
SHEET_NAMES = {"self-evaluation": "绩效自评表", "monitoring": "绩效监控表", "targets": "绩效目标表"}
ARGUMENTS = {
    "self-evaluation": ["--facts", SEED_FACTS],
    "monitoring": ["--facts", MIDYEAR, "--as-of", "2023-06-30"],
    "targets": [],
}
CUSTOM = """department "测试单位"
year 2023
scale 不满意 < 基本满意 < 满意
budget {
    部门预算总额 := 500 万元
    其他资金 := 20,000 元
}
fact 甲 in 元
fact 乙 in 元
基数 := 甲 + 乙
比率一 := 甲 / 基数 × 100%
比率二 := 乙 / 基数 × 100%
综合率 := (比率一 + 比率二) / 2
独立一 >= 1 次 weight 2
独立二 >= 2 次 weight 3
一级指标 产出指标
二级指标 数量指标
平台建设 == 完成 10月底前 weight 10
    "按期完成平台建设"
覆盖率 >= 90% (历史标准) by 2023-11-30 weight 10
精确率 == 100% weight 10
降幅 >= -5% weight 10
满意程度 >= 满意 weight 10
差评 != 差 weight 10
培训: 培训 >= 5 次 2023年6月30日前 and 验收 == 通过 weight 10
综合率 >= 50% weight 10
    "两项比率的平均"
执行金额 <= 300 万元 weight 5
二级指标 记录
执行进度 % weight 5
情况说明 weight 5
"""
CUSTOM_FACTS = {
    "独立一": 1,
    "独立二": "2次",
    "平台建设": "完成",
    "覆盖率": "95%",
    "精确率": "100%",
    "降幅": "-3%",
    "满意程度": "满意",
    "差评": "=1+1",
    "培训": {"培训": 6},
    "甲": 30,
    "乙": 70,
    "执行金额": "250 万元",
    "执行进度": "80%",
    "情况说明": "#N/A",
    "执行数": "400 万元",
}
BARE = "甲 >= 1 次\n乙 == 完成\n"
"""No department, no year, no budget, no groups, no deadlines: no as-of date either."""


def invoke(capsys, *argv):
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """Each sheet of the seed, written by the command."""
    folder = tmp_path_factory.mktemp("export")
    paths = {}
    for sheet, extra in ARGUMENTS.items():
        paths[sheet] = folder / f"{sheet}.xlsx"
        argv = ["export", SEED, "--sheet", sheet, "-o", paths[sheet], *extra]
        assert main([str(arg) for arg in argv]) == 0
    return paths


def worksheet(path_or_stream):
    return load_workbook(path_or_stream).active


def header_row(sheet):
    """The grid's header: the row whose third cell says 三级指标."""
    return next(row for row in range(1, sheet.max_row + 1) if sheet.cell(row, 3).value == "三级指标")


def grid_rows(sheet):
    """The indicator rows: from under the header to the first row without a name."""
    first = header_row(sheet) + 1
    last = next(row for row in range(first, sheet.max_row + 2) if sheet.cell(row, 3).value is None)
    return range(first, last)


def by_name(sheet):
    return {sheet.cell(row, 3).value: row for row in grid_rows(sheet)}


def expected_runs(sheet, column):
    """The (first, last) rows 一级 (column 1) or 二级 (column 2) should be merged over, from the ruleset."""
    ruleset = perfrules.load(SEED)
    keys = [indicator.group[:column] for indicator in ruleset.indicators]
    first = header_row(sheet) + 1
    runs, start = [], 0
    for index in range(1, len(keys) + 1):
        if index == len(keys) or keys[index] != keys[start]:
            if index - start > 1:
                runs.append((first + start, first + index - 1))
            start = index
    return runs


def calamine_rows(path):
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    return sheet, sheet.to_python(skip_empty_area=False)


# the seed, every sheet


@pytest.mark.parametrize("sheet", list(SHEET_NAMES))
def test_each_sheet_is_written_by_the_command(exported, sheet):
    """The command writes a workbook whose one sheet is named as the form, titled with the unit and year."""
    workbook = load_workbook(exported[sheet])
    assert workbook.sheetnames == [SHEET_NAMES[sheet]]
    active = workbook.active
    assert active["A1"].value == f"郑州经济技术开发区纪检监察工委 {SHEET_NAMES[sheet]}"
    assert active["A2"].value == "（2023年度）"
    assert active["A3"].value == "单位名称" and active["B3"].value == "郑州经济技术开发区纪检监察工委"
    assert f"A1:{get_column_letter(active.max_column)}1" in {str(merged) for merged in active.merged_cells.ranges}


def test_the_command_says_where_it_wrote(capsys, tmp_path):
    code, out, err = invoke(capsys, "export", SEED, "--sheet", "targets", "-o", tmp_path / "目标表.xlsx")
    assert (code, err) == (0, "")
    assert out == f"{tmp_path / '目标表.xlsx'}: targets sheet written, 34 indicators\n"


@pytest.mark.parametrize("sheet", list(SHEET_NAMES))
def test_every_indicator_is_present_once_in_source_order(exported, sheet):
    active = worksheet(exported[sheet])
    names = [active.cell(row, 3).value for row in grid_rows(active)]
    assert names == [indicator.name for indicator in perfrules.load(SEED).indicators]


@pytest.mark.parametrize("sheet", list(SHEET_NAMES))
def test_levels_are_merged_over_exactly_their_rows(exported, sheet):
    """一级 and 二级 are merged down each run of rows, in openpyxl's reading and calamine's alike."""
    active = worksheet(exported[sheet])
    rows = grid_rows(active)
    for column, letter in ((1, "A"), (2, "B")):
        merged = sorted(
            (merged.min_row, merged.max_row)
            for merged in active.merged_cells.ranges
            if merged.min_col == merged.max_col == column and merged.min_row >= rows.start
        )
        assert merged == expected_runs(active, column), letter
        calamine, _ = calamine_rows(exported[sheet])
        seen = sorted(
            (top + 1, bottom + 1)
            for (top, left), (bottom, right) in calamine.merged_cell_ranges
            if left == right == column - 1 and top + 1 >= rows.start
        )
        assert seen == merged
    assert expected_runs(active, 1)[0] == (rows.start, rows.start + 5)  # 工作目标管理 over its six rows


@pytest.mark.parametrize("sheet", list(SHEET_NAMES))
def test_the_print_setup_is_a4_landscape_one_page_wide_with_the_header_on_every_page(exported, sheet):
    active = worksheet(exported[sheet])
    assert active.page_setup.orientation == "landscape"
    assert int(active.page_setup.paperSize) == 9
    assert active.page_setup.fitToWidth == 1
    assert active.sheet_properties.pageSetUpPr.fitToPage is True
    row = header_row(active)
    assert active.print_title_rows == f"${row}:${row}"
    assert active.cell(row, 1).value == "一级指标"


@pytest.mark.parametrize("sheet", list(SHEET_NAMES))
def test_no_cell_is_a_formula_and_calamine_reads_the_same_values(exported, sheet):
    """Every value is stored, none computed on opening: calamine, which reads only stored values, sees
    exactly what openpyxl sees, and nothing blank where openpyxl has a value."""
    active = worksheet(exported[sheet])
    _, seen = calamine_rows(exported[sheet])
    for row in active.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
            value = cell.value
            other = seen[cell.row - 1][cell.column - 1] if cell.row <= len(seen) else ""
            if value is None:
                assert other == "", cell.coordinate
            elif isinstance(value, datetime.datetime):
                assert other == value.date(), cell.coordinate
            else:
                assert other == value, cell.coordinate


@pytest.mark.parametrize("sheet", list(SHEET_NAMES))
def test_cells_use_one_font_and_merged_labels_wrap_and_centre(exported, sheet):
    active = worksheet(exported[sheet])
    row = header_row(active) + 1
    assert {active.cell(row, column).font.name for column in range(1, active.max_column + 1)} == {"宋体"}
    level1 = active.cell(row, 1)
    assert level1.alignment.wrap_text and level1.alignment.vertical == "center"
    assert level1.border.left.style == "thin"
    assert active.column_dimensions["C"].width == 26


def test_the_self_evaluation_holds_the_scorecards_values(exported, seed, seed_facts):
    """分值, 得分, the total and the grade are the scorecard's, as numbers under 0.00."""
    card = seed.evaluate(seed_facts).score()
    active = worksheet(exported["self-evaluation"])
    rows = by_name(active)
    for scored in card.rows:
        weight, score = active.cell(rows[scored.name], 6), active.cell(rows[scored.name], 7)
        assert weight.value == pytest.approx(float(scored.weight))
        assert score.value == pytest.approx(float(scored.score))
        assert weight.number_format == score.number_format == "0.00"
    totals = grid_rows(active).stop
    assert active.cell(totals, 1).value == "合计"
    assert active.cell(totals, 6).value == pytest.approx(100)
    assert active.cell(totals, 7).value == pytest.approx(float(card.total)) == pytest.approx(82.57)
    assert active.cell(totals, 8).value == "等级 良"
    assert active.cell(totals + 1, 1).value == "评价结论"
    assert active.cell(totals + 1, 2).value == "总分 82.57，等级 良"
    assert [active.cell(totals + offset, 1).value for offset in (2, 3)] == ["存在问题", "改进措施"]
    assert active.cell(active.max_row, 1).value.startswith("单位负责人：")
    assert "填报人：" in active.cell(active.max_row, 1).value


def test_the_self_evaluation_writes_actuals_as_numbers_with_formats(exported):
    """A rate is its fraction under 0.00%, a count keeps its word, a qualitative actual is text;
    the 偏差原因 are the ones `perfrules score` prints."""
    active = worksheet(exported["self-evaluation"])
    rows = by_name(active)
    rate = active.cell(rows["预算执行率"], 5)
    assert rate.value == pytest.approx(0.9408786941) and rate.number_format == "0.00%"
    count = active.cell(rows["民生领域专项监督检查"], 5)
    assert count.value == 18 and count.number_format == 'General"次"'
    assert active.cell(rows["资产管理规范性"], 5).value == "基本规范"
    assert active.cell(rows["纪检监察干部培训"], 5).value == "培训6次；知识测试5次"
    assert active.cell(rows["上级纪委会机关满意度"], 5).value is None
    assert active.cell(rows["上级纪委会机关满意度"], 8).value == "缺数据"
    assert active.cell(rows["民生领域专项监督检查"], 8).value == "未达成目标"


def test_the_self_evaluation_money_block_scores_budget_execution(exported):
    """The budget's own line: 年初预算数, 全年执行数 and the rate, 分值 and 得分 of 预算执行率."""
    active = worksheet(exported["self-evaluation"])
    assert active["A5"].value == "项目资金（元）"
    assert [active.cell(5, column).value for column in range(2, 8)] == [
        "资金项目",
        "年初预算数",
        "全年执行数",
        "执行率",
        "分值",
        "得分",
    ]
    assert [active.cell(6, column).value for column in range(2, 8)] == pytest.approx(
        ["部门预算总额", 11961500, 11254320.5, 0.9408786941, 3.33, 3.33]
    )
    assert [active.cell(6, column).number_format for column in range(3, 8)] == [
        "#,##0.00",
        "#,##0.00",
        "0.00%",
        "0.00",
        "0.00",
    ]
    assert [active.cell(7, column).value for column in range(2, 5)] == ["政府预算资金", 11961500, None]
    assert "A5:A11" in {str(merged) for merged in active.merged_cells.ranges}


def test_the_monitoring_sheet_is_the_monitor_commands(exported, seed):
    """Budget execution against time as numbers, each row's target, value so far, deadline as a
    date, likelihood, light (its colour) and reason."""
    active = worksheet(exported["monitoring"])
    assert [active.cell(6, column).value for column in range(2, 7)] == pytest.approx(
        [11961500, 4186525, 0.35, 0.4959, -0.1459]
    )
    assert active.cell(6, 4).number_format == "0.00%"
    assert active.cell(6, 7).value.startswith("预算执行进度 35% 落后时间进度")
    assert [active.cell(header_row(active), column).value for column in range(4, 10)] == [
        "指标值",
        "当前值",
        "截止日期",
        "完成目标可能性",
        "预警灯",
        "原因",
    ]
    rows = by_name(active)
    platform = rows["监督平台建设"]
    assert active.cell(platform, 4).value == "完成 2023年10月31日前"
    assert active.cell(platform, 6).value == datetime.datetime(2023, 10, 31)
    assert active.cell(platform, 6).number_format == "yyyy-mm-dd"
    assert [active.cell(platform, column).value for column in (7, 8, 9)] == ["有可能", "● 黄", "按填报"]
    assert active.cell(platform, 8).font.color.rgb.endswith("F9A825")
    assert active.cell(rows["绩效目标编制完成率"], 8).font.color.rgb.endswith("2E7D32")
    assert active.cell(rows["预算执行率"], 5).value == pytest.approx(0.35)


def test_the_targets_sheet_prints_targets_weights_and_formulas(exported):
    """No weight in the ruleset: empty weight cells and no totals; a formula's definitions follow
    the description, those it reads first, as the ruleset writes them."""
    active = worksheet(exported["targets"])
    rows = by_name(active)
    assert {active.cell(row, 5).value for row in rows.values()} == {None}
    assert active.cell(rows["预算调整率"], 4).value == "≤20%"
    explanation = active.cell(rows["预算调整率"], 6).value.split("\n")
    assert explanation[-2:] == ["年初预算数=部门预算总额", "预算调整率=(预算调整数 - 年初预算数) / 年初预算数 × 100%"]
    assert explanation[0].startswith("预算调整率=(预算调整数-年初预算数)")
    assert explanation[1].startswith("预算调整数:部门在本年度内")
    assert active.cell(rows["巡察工作"], 6).value.startswith("坚守政治监督定位")
    assert active.cell(grid_rows(active).stop, 1).value is None  # no 合计 without weights
    assert [active.cell(row, 3).value for row in (5, 6)] == [11961500, 11961500]


@pytest.mark.parametrize("sheet", list(SHEET_NAMES))
def test_the_api_writes_what_the_command_writes(exported, seed, sheet):
    facts = {"self-evaluation": SEED_FACTS, "monitoring": MIDYEAR, "targets": None}[sheet]
    as_of = datetime.date(2023, 6, 30) if sheet == "monitoring" else None
    report = None if facts is None else seed.evaluate(perfrules.load_facts(facts), as_of=as_of)
    stream = io.BytesIO()
    write_workbook(seed, report, sheet, stream)
    mine = worksheet(io.BytesIO(stream.getvalue()))
    theirs = worksheet(exported[sheet])
    assert [[cell.value for cell in row] for row in mine.iter_rows()] == [
        [cell.value for cell in row] for row in theirs.iter_rows()
    ]


def test_target_cells_read_back_into_the_same_targets(seed):
    """The 指标值 cell, written as an indicator of its own, compiles to the very target and deadline."""
    for ruleset in (seed, perfrules.compile(CUSTOM)):
        content = exported_sheet(ruleset, None, "targets")
        for indicator, row in zip(ruleset.indicators, content.rows, strict=True):
            cell = row.cells[3].value or ""
            joined = f": {cell.replace('；', ' and ')}" if indicator.parts else f" {cell}"
            line = indicator.name + joined
            again = perfrules.compile(f"year 2023\nscale 不满意 < 基本满意 < 满意\n{line}\n").indicators[0]
            assert (again.target, again.deadline, again.parts) == (
                indicator.target,
                indicator.deadline,
                indicator.parts,
            )


def test_target_cells_print_as_tables_do():
    content = exported_sheet(perfrules.compile(CUSTOM), None, "targets")
    targets = {row.cells[2].value: row.cells[3].value for row in content.rows}
    assert targets == {
        "独立一": "≥1次",
        "独立二": "≥2次",
        "平台建设": "完成 2023年10月31日前",
        "覆盖率": "≥90%（历史标准） 2023年11月30日前",
        "精确率": "=100%",
        "降幅": "≥-5%",
        "满意程度": "≥满意",
        "差评": "≠差",
        "培训": "培训≥5次 2023年6月30日前；验收=通过",
        "综合率": "≥50%",
        "执行金额": "≤300万元",
        "执行进度": "%",
        "情况说明": None,
    }


CORPUS = sorted(path for path in (ROOT / "tests" / "tables").iterdir() if (path / "ruleset.perf").is_file())


@pytest.mark.parametrize("folder", CORPUS, ids=lambda folder: folder.name)
def test_published_tables_export_every_sheet_and_their_targets_read_back(folder):
    """Each table of the corpus that compiles gives all three sheets, and each 指标值 cell compiles
    back to its indicator's target and deadline."""
    try:
        ruleset = perfrules.load(folder / "ruleset.perf")
    except perfrules.RulesetError:
        pytest.skip("the table does not compile yet (test_corpus.py lists the forms it waits for)")
    facts_file = folder / "facts.json"
    facts = perfrules.load_facts(facts_file) if facts_file.is_file() else {}
    as_of = datetime.date(ruleset.year or 2023, 12, 31)
    report = ruleset.evaluate(facts, as_of=as_of)
    for sheet in SHEET_NAMES:
        stream = io.BytesIO()
        write_workbook(ruleset, report, sheet, stream)
        assert load_workbook(stream).sheetnames == [SHEET_NAMES[sheet]]
    header = "" if ruleset.year is None else f"year {ruleset.year}\n"
    content = exported_sheet(ruleset, None, "targets")
    for indicator, row in zip(ruleset.indicators, content.rows, strict=True):
        cell = row.cells[3].value or ""
        line = indicator.name + (f": {cell.replace('；', ' and ')}" if indicator.parts else f" {cell}")
        again = perfrules.compile(f"{header}{line}\n").indicators[0]
        assert (again.target, again.deadline) == (indicator.target, indicator.deadline), line


# a ruleset with weights, a budget in two units, measured rows and awkward actuals


@pytest.fixture(scope="module")
def custom():
    ruleset = perfrules.compile(CUSTOM)
    return ruleset, ruleset.evaluate(CUSTOM_FACTS)


def test_given_weights_are_printed_with_their_total(custom):
    ruleset, _ = custom
    stream = io.BytesIO()
    write_workbook(ruleset, None, "targets", stream)
    active = worksheet(stream)
    rows = by_name(active)
    assert active.cell(rows["平台建设"], 5).value == 10 and active.cell(rows["平台建设"], 5).number_format == "0.00"
    totals = grid_rows(active).stop
    assert [active.cell(totals, column).value for column in (1, 5)] == ["合计", 100]
    assert f"A{totals}:D{totals}" in {str(merged) for merged in active.merged_cells.ranges}
    assert active.cell(rows["综合率"], 6).value.split("\n") == [
        "两项比率的平均",
        "基数=甲 + 乙",
        "比率一=甲 / 基数 × 100%",
        "比率二=乙 / 基数 × 100%",
        "综合率=(比率一 + 比率二) / 2",
    ]
    assert active["A4"].value == "项目资金（万元）"
    assert (active["C5"].value, active["C5"].number_format) == (500, "#,##0.00")
    assert (active["C6"].value, active["C6"].number_format) == (20000, '#,##0.00"元"')


def test_ungrouped_rows_are_never_merged(custom):
    ruleset, report = custom
    stream = io.BytesIO()
    write_workbook(ruleset, report, "self-evaluation", stream)
    active = worksheet(stream)
    first = header_row(active) + 1
    assert [active.cell(first + offset, 1).value for offset in (0, 1, 2)] == [None, None, "产出指标"]
    column_a = [merged for merged in active.merged_cells.ranges if merged.min_col == merged.max_col == 1]
    assert all(merged.min_row >= first + 2 or merged.max_row < first for merged in column_a)


def test_text_that_looks_like_a_formula_or_an_error_stays_text(custom):
    """`=1+1` and `#N/A` given as actuals are words: stored as text (marked so for Excel), never a
    formula or an error."""
    ruleset, report = custom
    stream = io.BytesIO()
    write_workbook(ruleset, report, "self-evaluation", stream)
    active = worksheet(io.BytesIO(stream.getvalue()))
    rows = by_name(active)
    for name, text in (("差评", "=1+1"), ("情况说明", "#N/A"), ("精确率", "=100%")):
        column = 4 if name == "精确率" else 5
        cell = active.cell(rows[name], column)
        assert (cell.value, cell.data_type) == (text, "s")
        assert cell.quotePrefix
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(stream.getvalue()))
    seen = workbook.get_sheet_by_index(0).to_python()
    assert seen[rows["差评"] - 1][4] == "=1+1"


def test_a_character_a_workbook_cannot_hold_is_dropped():
    cell = Workbook().active["A1"]
    put(cell, ExportCell("甲\x01乙\x1f"))
    assert (cell.value, cell.data_type) == ("甲乙", "s")


def test_values_of_every_kind_get_their_number_format(custom):
    ruleset, report = custom
    content = exported_sheet(ruleset, report, "self-evaluation")
    actual = {row.cells[2].value: row.cells[4] for row in content.rows}
    assert (actual["执行金额"].value, actual["执行金额"].number_format) == (250, '#,##0.00"万元"')
    assert (actual["降幅"].value, actual["降幅"].number_format) == (pytest.approx(-0.03), "0.00%")
    assert actual["培训"].value == "培训6次；验收—"
    assert actual["情况说明"].value == "#N/A"
    plain = perfrules.compile("year 2023\n件数 >= 3\n")
    content = exported_sheet(plain, plain.evaluate({"件数": 4}), "self-evaluation")
    assert content.rows[0].cells[3].value == "≥3"
    assert (content.rows[0].cells[4].value, content.rows[0].cells[4].number_format) == (4, "General")


def test_the_money_block_without_a_scored_execution_row_shows_execution_progress(custom):
    """No 预算执行率 indicator: the rate is executed / budget, from the facts, and no points."""
    ruleset, report = custom
    content = exported_sheet(ruleset, report, "self-evaluation")
    assert content.money is not None
    main_line = content.money.rows[0]
    assert [cell.value for cell in main_line] == ["部门预算总额", 500, 400, pytest.approx(0.8), None, None]
    assert [cell.value for cell in content.money.rows[1]] == ["其他资金", 20000, None, None, None, None]
    assert content.money.rows[1][1].number_format == '#,##0.00"元"'


def test_the_places_of_the_scoring_policy_set_the_score_format(custom, capsys, tmp_path):
    path = tmp_path / "自评表.xlsx"
    code, _, _ = invoke(
        capsys, "export", SEED, "--sheet", "self-evaluation", "--facts", SEED_FACTS, "-o", path, "--policy", "places=0"
    )
    assert code == 0
    active = worksheet(path)
    row = by_name(active)["预算执行率"]
    assert active.cell(row, 7).number_format == "0"
    assert active.cell(row, 7).value == 3


def test_a_bare_ruleset_has_no_year_no_money_and_no_as_of_row():
    ruleset = perfrules.compile(BARE)
    report = ruleset.evaluate({"甲": 2})
    assert report.as_of is None
    content = exported_sheet(ruleset, report, "self-evaluation")
    assert (content.title, content.year, content.money) == ("绩效自评表", None, None)
    assert [label for label, _ in content.identity] == ["单位名称"]
    assert [row.cells[3].value for row in content.rows] == ["≥1次", "完成"]
    stream = io.BytesIO()
    write_workbook(ruleset, report, "self-evaluation", stream)
    active = worksheet(stream)
    assert active["A1"].value == "绩效自评表" and active["A2"].value == "单位名称"
    assert active.print_title_rows == "$3:$3"


def test_a_budget_without_an_as_of_date_leaves_execution_blank():
    ruleset = perfrules.compile("budget {\n    总额 := 10 万元\n}\n预算执行率 %\n")
    report = ruleset.evaluate({"预算执行率": "90%"})
    content = exported_sheet(ruleset, report, "self-evaluation")
    assert content.money is not None
    assert [cell.value for cell in content.money.rows[0]][:4] == ["总额", 10, None, pytest.approx(0.9)]
    monitored = exported_sheet(ruleset, ruleset.evaluate({}, as_of=datetime.date(2023, 6, 30)), "monitoring")
    assert monitored.money is not None and monitored.money.rows[0][1].value is None


def test_the_monitoring_sheet_without_a_budget_has_no_money_block():
    ruleset = perfrules.compile("year 2023\n巡察 >= 2 轮\n")
    content = exported_sheet(ruleset, ruleset.evaluate({"巡察": 1}, as_of=datetime.date(2023, 6, 30)), "monitoring")
    assert content.money is None
    assert content.rows[0].cells[5].value == datetime.date(2023, 12, 31)


def test_sheets_in_english():
    ruleset = perfrules.compile(CUSTOM)
    content = exported_sheet(ruleset, ruleset.evaluate(CUSTOM_FACTS), "self-evaluation", language="en")
    assert content.title == "测试单位 self-evaluation (绩效自评表)"
    assert content.columns[-1].header == "reasons for deviation and measures"
    assert content.money is not None and content.money.label == "funds (万元)"
    assert isinstance(ruleset.indicators[-2].target, Measure)


# templates


def _boxed(sheet, rows, columns, font):
    side = Side(style="thin")
    for row in rows:
        for column in columns:
            cell = sheet.cell(row, column)
            cell.font = font
            cell.border = Border(left=side, right=side, top=side, bottom=side)


def self_evaluation_template(path):
    """A province's 自评表: three sample rows (一级 merged down them, 偏差原因 across two columns),
    备注 down the grid and the totals, 合计 with a typed 分值 and a 得分 formula, 评价结论 below."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "自评表"
    sheet["A1"] = "项目支出绩效自评表"
    sheet.merge_cells("A1:J1")
    sheet["A2"] = "单位名称"
    sheet.merge_cells("B2:J2")
    headers = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    for column, text in enumerate([*headers, None, "备注"], start=1):
        sheet.cell(3, column, text)
    sheet.merge_cells("H3:I3")
    _boxed(sheet, range(4, 7), range(1, 11), Font(name="仿宋", size=10))
    for row in (4, 5, 6):
        sheet.merge_cells(f"H{row}:I{row}")
        sheet.row_dimensions[row].height = 22
    sheet["A4"] = "示例"
    sheet["C4"] = "指标1："
    sheet.merge_cells("A4:A6")
    sheet.merge_cells("J4:J7")
    sheet["A7"] = "合计"
    sheet.merge_cells("A7:C7")
    sheet["F7"] = 100
    sheet["G7"] = "=SUM(G4:G6)"
    sheet["A8"] = "评价结论"
    sheet.merge_cells("B8:J8")
    sheet.row_dimensions[8].height = 40
    workbook.save(path)


def test_a_template_is_filled_keeping_its_styles(capsys, tmp_path, seed, seed_facts):
    template, output = tmp_path / "模板.xlsx", tmp_path / "自评表.xlsx"
    self_evaluation_template(template)
    code, _, err = invoke(
        capsys,
        "export",
        SEED,
        "--sheet",
        "self-evaluation",
        "--facts",
        SEED_FACTS,
        "-o",
        output,
        "--template",
        template,
    )
    assert (code, err) == (0, ""), err
    card = seed.evaluate(seed_facts).score()
    sheet = load_workbook(output).active
    assert sheet.title == "自评表" and sheet["A1"].value == "项目支出绩效自评表"
    assert sheet["B2"].value == "郑州经济技术开发区纪检监察工委"
    names = [sheet.cell(row, 3).value for row in range(4, 38)]
    assert names == [row.name for row in card.rows]
    assert sheet.cell(38, 1).value == "合计" and sheet.cell(39, 1).value == "评价结论"
    merged = {str(merged) for merged in sheet.merged_cells.ranges}
    assert {"A38:C38", "B39:J39", "J4:J38", "A4:A9", "B4:B6"} <= merged
    assert all(f"H{row}:I{row}" in merged for row in range(4, 38))
    assert "A4:A6" not in merged
    assert sheet.row_dimensions[39].height == 40 and sheet.row_dimensions[30].height == 22
    assert sheet["C30"].font.name == "仿宋" and sheet["C30"].border.left.style == "thin"
    rows = {sheet.cell(row, 3).value: row for row in range(4, 38)}
    rate = sheet.cell(rows["预算执行率"], 5)
    assert rate.value == pytest.approx(0.9408786941) and rate.number_format == "0.00%"
    assert sheet.cell(rows["预算执行率"], 8).value is None
    assert sheet.cell(rows["上级纪委会机关满意度"], 8).value == "缺数据"
    assert sheet["F38"].value == 100  # typed in the template: kept
    assert sheet["G38"].value == pytest.approx(82.57) and sheet["G38"].data_type == "n"
    assert sheet["H38"].value == "等级 良"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def targets_template(path):
    """A 目标表 with a two-row header (年度指标值 over 指标性质 | 指标值 | 度量单位), two 原因 columns,
    ten sample rows, the unit already named, and a note under the grid."""
    workbook = Workbook()
    sheet = workbook.active
    sheet["A1"], sheet["B1"] = "单位名称：", "某单位"
    for column, text in enumerate(
        ["一级指标", "二级指标", "三级指标", "年度指标值", None, None, "分值", "指标值说明", "原因", "偏差原因"],
        start=1,
    ):
        sheet.cell(2, column, text)
    for column, text in ((4, "指标性质"), (5, "指标值"), (6, "度量单位")):
        sheet.cell(3, column, text)
    for letter in "ABCGHIJ":
        sheet.merge_cells(f"{letter}2:{letter}3")
    sheet.merge_cells("D2:F2")
    sheet["C4"] = "……"
    sheet["C10"] = "……"
    sheet["A14"] = "注：……"
    workbook.save(path)


def test_a_two_row_header_refines_the_columns_and_unused_rows_are_emptied(tmp_path):
    template = tmp_path / "目标表模板.xlsx"
    targets_template(template)
    ruleset = perfrules.compile(CUSTOM)
    stream = io.BytesIO()
    write_workbook(ruleset, None, "targets", stream, template=template)
    sheet = worksheet(stream)
    assert sheet["B1"].value == "某单位"
    assert [sheet.cell(row, 3).value for row in range(4, 14)] == [
        indicator.name for indicator in ruleset.indicators[:10]
    ]
    stream = io.BytesIO()
    small = perfrules.compile('department "小单位"\nyear 2023\n巡察 >= 2 轮 weight 60\n平台 == 完成 weight 40\n')
    write_workbook(small, None, "targets", stream, template=template)
    sheet = worksheet(stream)
    assert [sheet.cell(4, column).value for column in range(1, 8)] == [None, None, "巡察", None, "≥2轮", None, 60]
    assert sheet["C10"].value is None and sheet["A14"].value == "注：……"
    assert sheet["B1"].value == "某单位"


def test_cells_the_template_merges_across_the_row_are_left_to_their_anchor(tmp_path, seed):
    """一级 and 二级 merged across each row (A:B): the anchor gets 一级, and no merge down the column
    overlaps one across the row."""
    workbook = Workbook()
    sheet = workbook.active
    for column, text in enumerate(["一级指标", "二级指标", "三级指标", "指标值", "分值"], start=1):
        sheet.cell(1, column, text)
    sheet.merge_cells("A2:B2")
    template = io.BytesIO()
    workbook.save(template)
    template.seek(0)
    stream = io.BytesIO()
    write_workbook(seed, None, "targets", stream, template=template)
    filled = worksheet(stream)
    merged = list(filled.merged_cells.ranges)
    assert len(merged) == 34 and all(str(item) == f"A{item.min_row}:B{item.min_row}" for item in merged)
    assert filled["A2"].value == "工作目标管理" and filled["A7"].value == "工作目标管理"
    assert isinstance(filled["B2"], MergedCell)
    assert filled["C35"].value == "前两种形态占比" and filled["D35"].value == "≥75%"


def test_a_template_with_a_header_only_gets_every_row(tmp_path):
    """No sample rows and no level columns: rows are added under the header, unstyled."""
    workbook = Workbook()
    sheet = workbook.active
    for column, text in enumerate(["三级指标", "指标值", "完成值", "完成目标可能性", "原因"], start=1):
        sheet.cell(1, column, text)
    template = tmp_path / "监控表模板.xlsx"
    workbook.save(template)
    ruleset = perfrules.compile("year 2023\n巡察 >= 2 轮\n平台 == 完成 10月底前\n")
    report = ruleset.evaluate({"巡察": 1}, as_of=datetime.date(2023, 6, 30))
    stream = io.BytesIO()
    write_workbook(ruleset, report, "monitoring", stream, template=template)
    filled = worksheet(stream)
    assert [[cell.value for cell in row] for row in filled.iter_rows(min_row=2)] == [
        ["巡察", "≥2轮", 1, "有可能", "按当前进度线性推算，截止日期前预计可达 2 轮"],
        ["平台", "完成 2023年10月31日前", None, "有可能", "缺数据"],
    ]
    assert filled["C2"].number_format == 'General"轮"'


def test_a_template_ending_with_its_two_row_header_gets_every_row(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet["A1"], sheet["B1"], sheet["B2"] = "三级指标", "年度指标值", "指标值"
    sheet.merge_cells("A1:A2")
    template = io.BytesIO()
    workbook.save(template)
    stream = io.BytesIO()
    write_workbook(perfrules.compile("year 2023\n巡察 >= 2 轮\n"), None, "targets", stream, template=template)
    assert [[cell.value for cell in row] for row in worksheet(stream).iter_rows(min_row=3)] == [["巡察", "≥2轮"]]


# errors


def test_without_openpyxl_the_command_says_which_extra_to_install(capsys, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    code, out, err = invoke(capsys, "export", SEED, "--sheet", "targets", "-o", tmp_path / "目标表.xlsx")
    assert (code, out) == (2, "")
    assert err == "writing .xlsx needs openpyxl: install perfrules[tables]\n"
    assert not (tmp_path / "目标表.xlsx").exists()


def test_a_template_that_is_not_a_workbook_is_refused(capsys, tmp_path):
    template = tmp_path / "模板.xlsx"
    template.write_text("not a workbook", encoding="utf-8")
    code, _, err = invoke(
        capsys, "export", SEED, "--sheet", "targets", "-o", tmp_path / "out.xlsx", "--template", template
    )
    assert code == 2
    assert err.startswith(f"cannot read the template “{template}” as an .xlsx workbook: ")
    assert "Traceback" not in err and not (tmp_path / "out.xlsx").exists()


def test_a_template_without_a_grid_header_is_refused(capsys, tmp_path):
    """A row naming 三级指标 with no value column is no grid header (a 权重 left of it does not count)."""
    workbook = Workbook()
    for column, text in enumerate(["权重", "三级指标", "备注"], start=1):
        workbook.active.cell(1, column, text)
    workbook.create_sheet("说明")["A1"] = "填表说明"
    template = tmp_path / "模板.xlsx"
    workbook.save(template)
    code, _, err = invoke(
        capsys, "export", SEED, "--sheet", "targets", "-o", tmp_path / "out.xlsx", "--template", template
    )
    assert code == 2
    assert err == (
        f"the template “{template}” has no indicator grid header: a row naming 三级指标 (or 指标名称) "
        "and one of 指标值, 实际完成值, 分值 or 得分\n"
    )
    with pytest.raises(perfrules.UsageError, match=r"the template \(a stream\) has no"):
        write_workbook(perfrules.load(SEED), None, "targets", io.BytesIO(), template=io.BytesIO(template.read_bytes()))


def test_an_unknown_sheet_is_refused(capsys, tmp_path):
    """A usage error from the command line (exit 1, argparse's usage line), a UsageError from the API."""
    with pytest.raises(SystemExit) as caught:
        main(["export", str(SEED), "--sheet", "score", "-o", str(tmp_path / "out.xlsx")])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "argument --sheet: invalid choice: 'score'" in err and "Traceback" not in err
    with pytest.raises(
        perfrules.UsageError, match="sheet must be one of self-evaluation, monitoring, targets, not 'score'"
    ):
        exported_sheet(perfrules.load(SEED), None, "score")


def test_monitoring_without_an_as_of_date_is_refused(capsys, tmp_path):
    code, out, err = invoke(
        capsys, "export", SEED, "--sheet", "monitoring", "--facts", MIDYEAR, "-o", tmp_path / "x.xlsx"
    )
    assert (code, out) == (2, "")
    assert err == "the monitoring sheet needs --as-of, the date it is made on (YYYY-MM-DD)\n"


def test_a_sheet_of_results_without_facts_is_refused(capsys, tmp_path):
    code, _, err = invoke(capsys, "export", SEED, "--sheet", "self-evaluation", "-o", tmp_path / "x.xlsx")
    assert (code, err) == (2, "the self-evaluation sheet needs --facts\n")
    with pytest.raises(perfrules.UsageError, match="the monitoring sheet needs a report"):
        exported_sheet(perfrules.load(SEED), None, "monitoring")


def test_an_unwritable_output_is_said_plainly(capsys, tmp_path):
    target = tmp_path / "no such folder" / "目标表.xlsx"
    code, out, err = invoke(capsys, "export", SEED, "--sheet", "targets", "-o", target)
    assert (code, out) == (2, "")
    assert err == f"cannot write {target}: No such file or directory\n"


def test_a_policy_of_the_wrong_kind_is_refused(seed, seed_facts):
    report = seed.evaluate(seed_facts)
    with pytest.raises(perfrules.UsageError, match="the self-evaluation sheet takes a ScoringPolicy"):
        exported_sheet(seed, report, "self-evaluation", policy=perfrules.MonitoringPolicy())
    with pytest.raises(perfrules.UsageError, match="the monitoring sheet takes a MonitoringPolicy"):
        exported_sheet(seed, report, "monitoring", policy=perfrules.ScoringPolicy())
    with pytest.raises(perfrules.UsageError, match="the targets sheet takes no policy"):
        exported_sheet(seed, report, "targets", policy=perfrules.ScoringPolicy())
    with pytest.raises(perfrules.UsageError, match="language must be one of"):
        exported_sheet(seed, report, "targets", language="fr")
    assert exported_sheet(seed, report, "monitoring", policy=perfrules.MonitoringPolicy()).kind == "monitoring"


def test_a_row_of_wrapped_text_is_as_tall_as_its_lines(tmp_path: Path) -> None:
    """No reader sizes a row to its wrapped text (LibreOffice printed such rows over each other):
    a row whose 指标值说明 takes four lines is four lines tall, a one-line row keeps the default."""
    from perfrules.tables.xlsx_layout import wrapped_lines

    assert wrapped_lines("一二三四五", 11) == 1
    assert wrapped_lines("一二三四五六", 11) == 2
    assert wrapped_lines("甲\n乙", 40) == 2
    text = (
        'year 2023\n一级指标 产出指标\n二级指标 数量指标\n培训人次 >= 300 人次\n    "' + "说明" * 60 + '"\n短 >= 1 次\n'
    )
    ruleset = perfrules.compile(text)
    write_workbook(ruleset, None, "targets", tmp_path / "t.xlsx")
    sheet = load_workbook(tmp_path / "t.xlsx").active
    rows = {sheet.cell(row, 3).value: sheet.row_dimensions[row].height for row in range(1, sheet.max_row + 1)}
    assert rows["培训人次"] >= 3 * 14.25 and rows["短"] is None
