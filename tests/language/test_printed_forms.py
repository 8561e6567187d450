"""Forms real tables print (issue 13), each read as the table means it: headings, names, deadlines,
rows with only a deadline or with no target, and weights printed on rows only."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

import perfrules
from perfrules import Status
from perfrules.quantities.values import Measure, Target

YEAR_END = date(2023, 12, 31)


def only(text):
    (indicator,) = perfrules.compile("year 2023\n" + text).indicators
    return indicator


# headings and names


@pytest.mark.parametrize(
    ("heading", "name"),
    [("产 出 指 标", "产出指标"), ("经济效益 指标", "经济效益指标"), ("效 益 指 标(100分)", "效益指标")],
)
def test_a_spaced_or_wrapped_heading_reads_as_one_name(heading, name):
    indicator = only(f"一级指标 {heading}\nx >= 1 次\n")
    assert indicator.group == (name,)


@pytest.mark.parametrize(
    "name",
    [
        "服务周期内,市民对空气质量改善的满意程度",
        "服务周期内，市民对空气质量改善的满意程度",
        "重.要设备维修维保验收合格率",
        "业(yè)务工作支出到位率",
        "甲;乙",
    ],
)
def test_names_keep_the_punctuation_tables_print_inside_them(name):
    assert only(f"{name} >= 95%\n").name in (name, name.replace("，", ","))


def test_a_label_may_be_a_sentence():
    target = only("社会效益 开展研究、学术交流,举办活动5场;成效明显。\n").target
    assert target == Target("==", "开展研究、学术交流,举办活动5场;成效明显。")


def test_a_number_still_ends_a_name_at_a_comma_before_a_digit():
    with pytest.raises(perfrules.RulesetError):
        perfrules.compile("甲,1 >= 95%\n")


def test_the_box_drawing_double_line_is_equality():
    assert only("政策知晓率 ═ 100%\n").target == Target("==", perfrules.Quantity(Decimal(100), "%"))


# deadlines


@pytest.mark.parametrize(
    ("written", "due"),
    [
        ("12月", date(2023, 12, 31)),
        ("6月", date(2023, 6, 30)),
        ("2023年6月", date(2023, 6, 30)),
        ("于11月前完成", date(2023, 11, 30)),
        ("11月前", date(2023, 11, 30)),
        ("11月底", date(2023, 11, 30)),
        ("9月份", date(2023, 9, 30)),
        ("12月31日", date(2023, 12, 31)),
        ("于12月31日前完成", date(2023, 12, 31)),
        ("年内", date(2023, 12, 31)),
        ("年底", date(2023, 12, 31)),
        ("年底前完成", date(2023, 12, 31)),
        ("上半年", date(2023, 6, 30)),
        ("2023年上半年", date(2023, 6, 30)),
        ("下半年", date(2023, 12, 31)),
    ],
)
def test_deadlines_as_tables_print_them(written, due):
    assert only(f"巡察 >= 2 轮 {written}\n").deadline == due
    assert only(f"平台 == 上线 {written}\n").deadline == due


def test_a_deadline_glued_to_a_label_is_still_a_deadline():
    indicator = only("验收 == 完成于11月前完成\n")
    assert (indicator.target, indicator.deadline) == (Target("==", "完成"), date(2023, 11, 30))


def test_a_word_merely_starting_like_a_deadline_is_a_label():
    assert only("检查 == 年底检查\n").target == Target("==", "年底检查")
    assert only("执行率 上半年执行率\n").target == Target("==", "上半年执行率")


def test_a_month_deadline_needs_the_year():
    with pytest.raises(perfrules.RulesetError, match="year"):
        perfrules.compile("巡察 >= 2 轮 12月\n")


# rows with only a deadline, and rows with no target


def test_a_row_with_only_a_deadline_is_a_task_due_then():
    indicator = only("项目完成时间 2023年10月\n")
    assert (indicator.target, indicator.deadline) == (Target("==", "完成"), date(2023, 10, 31))
    rules = perfrules.compile("year 2023\n项目完成时间 2023年10月 weight 100\n")
    assert rules.evaluate({"项目完成时间": "完成"}, as_of=YEAR_END)["项目完成时间"].status is Status.MET
    late = rules.evaluate({"项目完成时间": {"value": "完成", "date": "2023-11-02"}}, as_of=YEAR_END)
    assert late["项目完成时间"].status is Status.NOT_MET


def test_a_bare_month_right_after_a_name_is_a_count_of_months():
    indicator = only("服务周期 6月\n")
    assert (indicator.target, indicator.deadline) == (Target(">=", perfrules.Quantity(Decimal(6), "月")), YEAR_END)


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("预算执行率 %\n", Measure("%")),
        ("执行数 in 万元\n", Measure("万元")),
        ("规章制度建立与否\n", Measure("")),
        ('社会效益 "开展研究，举办活动"\n', Measure("")),
    ],
)
def test_a_row_with_no_target_records_a_value(text, measure):
    assert only(text).target == measure


def test_a_recorded_row_has_a_status_of_its_own():
    rules = perfrules.compile("year 2023\n预算执行率 % weight 50\n规章制度建立与否 weight 50\n")
    report = rules.evaluate({"预算执行率": "95.5%", "规章制度建立与否": "是"}, as_of=YEAR_END)
    assert [result.status for result in report.values()] == [Status.RECORDED, Status.RECORDED]
    assert report["预算执行率"].to_dict()["target"] == {"measured": True, "unit": "%"}
    assert report["预算执行率"].reason == "截至2023-12-31填报为95.5%；本行无指标值，不判断是否达成"
    assert rules.evaluate({}, as_of=YEAR_END)["预算执行率"].status is Status.MISSING
    assert rules.evaluate({"预算执行率": "完成了"}, as_of=YEAR_END)["预算执行率"].status is Status.INVALID


def test_a_recorded_row_is_recorded_column_by_column_too():
    pa = pytest.importorskip("pyarrow")
    rules = perfrules.compile("year 2023\n预算执行率 %\n规章制度建立与否\n")
    table = pa.table(
        {
            "预算执行率": pa.array([Decimal("0.955"), None], pa.decimal128(6, 3)),
            "规章制度建立与否": ["是", None],
        }
    )
    report = rules.evaluate_table(table, as_of=YEAR_END)
    assert report.status("预算执行率").to_pylist() == ["RECORDED", "MISSING"]
    assert report.status("规章制度建立与否").to_pylist() == ["RECORDED", "MISSING"]


def test_a_formula_recorded_with_no_target():
    rules = perfrules.compile("year 2023\nfact 甲 in 元\nfact 乙 in 元\n率 := 甲 / 乙 × 100%\n率 %\n")
    result = rules.evaluate({"甲": 9, "乙": 10}, as_of=YEAR_END)["率"]
    assert (result.status, str(result.value)) == (Status.RECORDED, "90%")


# weights printed on rows only


def test_a_heading_printing_no_weight_weighs_what_its_rows_add_up_to():
    text = (
        "year 2023\n"
        "一级指标 产出指标\n二级指标 数量指标\na >= 1 次 weight 40\n二级指标 质量指标\nb >= 1 次 weight 20\n"
        "一级指标 效益指标\nc >= 1 次 weight 40\n"
    )
    weights = perfrules.compile(text).indicators
    assert [indicator.weight for indicator in weights] == [Decimal(40), Decimal(20), Decimal(40)]
    card = perfrules.compile(text).evaluate({"a": 1, "b": 0, "c": 1}, as_of=YEAR_END).score()
    assert [(group.path, group.weight) for group in card.groups] == [
        (("产出指标",), Decimal("60.00")),
        (("产出指标", "数量指标"), Decimal("40.00")),
        (("产出指标", "质量指标"), Decimal("20.00")),
        (("效益指标",), Decimal("40.00")),
    ]


def test_rows_adding_up_to_less_than_the_whole_are_still_an_error():
    with pytest.raises(perfrules.RulesetError, match="add up to 90"):
        perfrules.compile("一级指标 产出指标\na >= 1 次 weight 60\n一级指标 效益指标\nb >= 1 次 weight 30\n")


def test_an_empty_heading_takes_no_share():
    text = "一级指标 工作目标\na >= 1 次\n二级指标 生态效益指标\n一级指标 履职效益\nb >= 1 次\n一级指标 满意度\n"
    weights = perfrules.compile(text)._program.weights
    assert weights.indicators == {"a": Fraction(50), "b": Fraction(50)}
    assert weights.groups[("工作目标", "生态效益指标")] == 0
    assert weights.groups[("满意度",)] == 0


# standards, unit columns and 指标值类型 as printed after the target


def test_a_standard_in_its_own_column():
    assert str(only("车辆数 10辆 计划标准\n").target) == "≥10 辆（计划标准）"
    assert str(only("空气质量 优良 行业标准\n").target) == "=优良（行业标准）"


def test_a_period_is_due_at_the_end_of_its_last_month():
    indicator = only("服务周期 2023.07-2024.01 计划标准\n")
    assert (str(indicator.target), indicator.deadline) == ("=完成（计划标准）", date(2024, 1, 31))
    assert only("服务周期 2023年7月至2023年11月\n").deadline == date(2023, 11, 30)


def test_a_rate_unit_after_a_target():
    rules = perfrules.compile("year 2023\n按时发放 ≥ 1 人/年\n")
    assert str(rules.indicators[0].target) == "≥1 人/年"
    assert rules.evaluate({"按时发放": "2 人/年"}, as_of=YEAR_END)["按时发放"].status is Status.MET
    assert rules.evaluate({"按时发放": "2 人"}, as_of=YEAR_END)["按时发放"].status is Status.INVALID


def test_a_rate_unit_is_never_read_inside_a_formula():
    rules = perfrules.compile("人均 := 100元 / 人数\n人均 >= 1\n")
    assert rules.evaluate({"人数": 50})["人均"].status is Status.MET


def warnings(text):
    return [(warning.code, warning.line) for warning in perfrules.compile("year 2023\n" + text).warnings]


@pytest.mark.parametrize(
    ("row", "code"),
    [
        ("成本 年度预算220万元", "label-holds-quantity"),
        ("成本 控制在预算内", "label-holds-quantity"),
        ("提交报告及时性 在项目计划完成时间内完成", "no-date"),
        ("工作安排时间 按月安排", "no-date"),
        ("资金拨付 及时", "no-date"),
        ("完工率 100", "rate-without-unit"),
        ("验收 == 完成 于12月前完成", "month-before"),
        ("控制在预算成本内 250万", "implicit-direction"),
        ("投诉 3 次", "implicit-direction"),
        ("金额 28.8萬元 %", "unit-column"),
        ("运转 应保尽保 %", "unit-column"),
        ("运转 应保尽保 定量", "value-kind"),
        ("车辆 10辆 定性", "value-kind"),
    ],
)
def test_printed_forms_worth_a_second_look_are_warned(row, code):
    assert (code, 2) in warnings(row + "\n")


@pytest.mark.parametrize(
    "row",
    [
        "完工率 100%",
        "成本 ≤ 220 万元",
        "验收 == 完成 11月底前",
        "投诉 < 3 次",
        "车辆 10辆 定量",
        "运转 应保尽保 定性",
        "完成率 完成",
    ],
)
def test_plain_forms_are_not_warned(row):
    assert warnings(row + "\n") == []


def test_the_warnings_say_what_to_write():
    (quantity,) = perfrules.compile("成本 年度预算220万元\n").warnings
    assert quantity.hint == "if the table means a number, write it as one: `<= 220 万元`"
    (month,) = perfrules.compile("year 2023\n验收 == 完成 于3月前完成\n").warnings
    assert month.message == "于3月前完成 is read as the end of that month (2023-03-31)"
    assert month.hint == "if the table means before that month begins, write the month before: `2月底前`"


def test_a_limit_against_an_amount_the_table_does_not_write_says_to_write_it():
    with pytest.raises(perfrules.RulesetError) as caught:
        perfrules.compile("成本 不超过预算\n")
    (problem,) = caught.value.diagnostics
    assert (problem.code, problem.message) == (
        "unordered-label",
        "不超过 needs a number, but 预算 names an amount without giving it",
    )
    assert problem.hint.startswith("write the amount as the target, e.g. `不超过 220 万元`")


@pytest.mark.parametrize(
    "row",
    [
        "社会效益 开展研究、学术交流等工作,先后举办有社会影响力的活动5场;成效明显。",
        "成本控制率 100%",
        "满意度 开展了共计十二场涉及全体干部职工的学习教育培训活动并取得明显成效",
    ],
)
def test_prose_and_rates_are_not_taken_for_amounts_or_limits(row):
    assert warnings(row + "\n") == []


@pytest.mark.parametrize(
    ("row", "hint"),
    [
        ("资金 年度预算220万元", "`<= 220 万元`"),
        ("受益人数 约1000人", "`>= 1000 人`"),
        ("覆盖率 覆盖率95百分比以上", "`>= 95 百分比`"),
        ("参保人数 达标人数1000人以上", "`>= 1000 人`"),
    ],
)
def test_the_quantitative_form_suggested_follows_the_label(row, hint):
    (warning,) = perfrules.compile(row + "\n").warnings
    assert warning.hint.endswith(hint)


def test_a_row_with_no_target_reads_so_in_reports():
    assert (Measure("%").readable(), Measure("").readable()) == ("（无指标值，填报%）", "（无指标值）")
    assert str(Measure("万元")) == "（无指标值，填报万元）"


def test_a_heading_left_empty_by_its_empty_subheadings_takes_no_share_and_neither_do_they():
    text = "一级指标 工作目标\na >= 1 次\n一级指标 满意度\n二级指标 服务对象满意度\n二级指标 社会公众满意度\n"
    weights = perfrules.compile(text)._program.weights
    assert weights.indicators == {"a": Fraction(100)}
    assert {path: weights.groups[path] for path in weights.groups if path[0] == "满意度"} == {
        ("满意度",): 0,
        ("满意度", "服务对象满意度"): 0,
        ("满意度", "社会公众满意度"): 0,
    }


def test_before_february_is_the_end_of_january():
    (warning,) = perfrules.compile("year 2023\n验收 == 完成 于2月前完成\n").warnings
    assert warning.hint.endswith("`1月底前`")


@pytest.mark.parametrize(
    ("text", "basis"),
    [
        (
            "一级指标 预算执行\n预算执行率 >= 90%\n一级指标 产出指标\na >= 1 次\n一级指标 效益指标\nb >= 1 次\n",
            "ministry",
        ),
        ("一级指标 预算执行\n预算执行率 >= 90%\nc >= 1 次\n一级指标 产出指标\na >= 1 次\n", "equal"),
    ],
)
def test_the_ministry_split_takes_a_group_holding_only_the_budget_row(text, basis):
    assert perfrules.compile(text)._program.weights.basis == basis
