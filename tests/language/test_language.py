"""Every construct of the indicator language, as real tables write it."""

from datetime import date
from decimal import Decimal

import pytest

import perfrules
from perfrules import Quantity, RulesetError, Status, Target


def only(text: str) -> perfrules.Indicator:
    (indicator,) = perfrules.compile(text).indicators
    return indicator


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        (">=", ">="),
        ("≥", ">="),
        ("≧", ">="),
        ("＞＝", ">="),
        ("不少于", ">="),
        ("不低于", ">="),
        ("至少", ">="),
        ("<=", "<="),
        ("≤", "<="),
        ("≦", "<="),
        ("＜＝", "<="),
        ("不超过", "<="),
        ("不高于", "<="),
        ("==", "=="),
        ("=", "=="),
        ("＝", "=="),
        ("﹦", "=="),
        ("!=", "!="),
        ("≠", "!="),
        (">", ">"),
        ("＞", ">"),
        ("<", "<"),
        ("＜", "<"),
    ],
)
def test_comparator_spellings(written, canonical):
    """ASCII, Unicode, full-width and phrase comparators all mean the same six comparisons."""
    assert only(f"检查 {written} 3 次\n").target.comparator == canonical
    assert only(f"检查{written}3次\n").target.comparator == canonical


def test_phrases_split_from_names_without_spaces():
    """The seed writes 述责述廉活动不少于1次: the phrase ends the name."""
    indicator = only("述责述廉活动不少于1次\n")
    assert indicator.name == "述责述廉活动"
    assert indicator.target == Target(">=", Quantity(Decimal(1), "次"))


def test_missing_comparator_means_at_least_for_numbers_and_equal_for_labels():
    assert only("专项资金细化率 100%\n").target.comparator == ">="
    assert only("预算编制完整性 完整\n").target == Target("==", "完整")


@pytest.mark.parametrize(
    ("written", "amount"),
    [("11,961,500.00", "11961500.00"), ("1,000", "1000"), ("-5", "-5"), ("+2.5", "2.5"), ("0.001", "0.001")],
)
def test_numbers_are_exact_with_thousands_separators_and_signs(written, amount):
    assert only(f"指标 >= {written} 元\n").target.value == Quantity(Decimal(amount), "元")


def test_full_width_digits_and_brackets_read_as_ascii():
    rules = perfrules.compile("比率 := （甲 ＋ 乙） ÷ ２\n比率 ≥ １０\n")
    assert rules.indicators[0].target.value.amount == 10
    assert rules.evaluate({"甲": 8, "乙": 12})["比率"].value == Quantity(Decimal(10), "")


def test_unit_words_lex_longest_first():
    assert only("受教育 >= 5 人次\n").target.value.unit == "人次"
    assert only("受教育 >= 5 人\n").target.value.unit == "人"


def test_counting_words_are_separate_dimensions():
    with pytest.raises(RulesetError, match="different dimensions"):
        perfrules.compile("甲 := 乙 + 3 轮\n乙 := 2 次\n")


def test_declared_conversion_joins_two_counting_words():
    rules = perfrules.compile("unit 轮 = 3 次\n巡察 >= 2 轮\n")
    assert rules.evaluate({"巡察": "6 次"})["巡察"].status is Status.MET
    assert rules.evaluate({"巡察": "5 次"})["巡察"].status is Status.NOT_MET


def test_declared_units_and_chains():
    rules = perfrules.compile("unit 场\nunit 千场 = 1000 场\n活动 >= 2 千场\n")
    assert rules.evaluate({"活动": "2,000 场"})["活动"].status is Status.MET


def test_money_converts_exactly_between_yuan_and_wan_yuan():
    rules = perfrules.compile("成本 <= 90 万元\n")
    assert rules.evaluate({"成本": "900,000 元"})["成本"].status is Status.MET
    assert rules.evaluate({"成本": "900,000.01 元"})["成本"].status is Status.NOT_MET
    assert rules.evaluate({"成本": 90})["成本"].status is Status.MET


def test_percent_is_a_ratio():
    rules = perfrules.compile("比例 := 甲 / 乙\n比例 >= 100%\n")
    assert rules.evaluate({"甲": 3, "乙": 3})["比例"].status is Status.MET
    assert rules.evaluate({"甲": 3, "乙": 3})["比例"].value == Quantity(Decimal(100), "%")


def test_fact_declaration_gives_bare_numbers_their_unit():
    rules = perfrules.compile("fact 支出 in 万元\nfact 预算 in 元\n执行率 := 支出 / 预算 × 100%\n执行率 >= 90%\n")
    report = rules.evaluate({"支出": 9, "预算": 100000})
    assert report["执行率"].value == Quantity(Decimal(90), "%")


def test_labels_and_scales():
    rules = perfrules.compile("scale 不满意 < 基本满意 < 满意\n满意度 >= 基本满意\n")
    assert rules.evaluate({"满意度": "满意"})["满意度"].status is Status.MET
    assert rules.evaluate({"满意度": "不满意"})["满意度"].status is Status.NOT_MET
    assert rules.evaluate({"满意度": "很好"})["满意度"].status is Status.INVALID


def test_ordering_an_unordered_label_is_a_compile_error():
    with pytest.raises(RulesetError, match="not in any declared scale") as caught:
        perfrules.compile("满意度 >= 满意\n")
    assert (caught.value.line, caught.value.column) == (1, 5)


@pytest.mark.parametrize(
    ("written", "deadline"),
    [
        ("by 2023-10-31", date(2023, 10, 31)),
        ("10月底前", date(2023, 10, 31)),
        ("2月底前", date(2023, 2, 28)),
        ("12月31日前", date(2023, 12, 31)),
        ("年底前", date(2023, 12, 31)),
        ("2024年6月底前", date(2024, 6, 30)),
        ("by 2024-02-29", date(2024, 2, 29)),
        ("", date(2023, 12, 31)),
    ],
)
def test_deadlines(written, deadline):
    assert only(f"year 2023\n平台建设 == 完成 {written}\n").deadline == deadline


def test_year_may_be_declared_anywhere():
    assert only("平台建设 == 完成 10月底前\nyear 2023\n").deadline == date(2023, 10, 31)


def test_no_year_means_no_default_deadline():
    assert only("巡察 >= 2 轮\n").deadline is None


def test_formulas_as_the_seed_writes_them():
    rules = perfrules.compile(
        "预算调整率 := (预算调整数-年初预算数)/年初预算数×100%\n"
        "结转结余率 := 结转结余总额/预算数*100%\n"
        "预算调整率 <= 20%\n结转结余率 ≤ 20%\n"
    )
    report = rules.evaluate({"预算调整数": 110, "年初预算数": 100, "结转结余总额": 5, "预算数": 100})
    assert report.formulas["预算调整率"] == Quantity(Decimal(10), "%")
    assert report.formulas["结转结余率"] == Quantity(Decimal(5), "%")


def test_formulas_refer_to_constants_and_formulas():
    rules = perfrules.compile(
        "budget {\n    部门预算总额 := 100 万元\n}\nfact 执行数 in 元\n年初预算数 := 部门预算总额\n"
        "执行率 := 执行数 / 年初预算数 × 100%\n执行率 >= 90%\n"
    )
    report = rules.evaluate({"执行数": 950000})
    assert report["执行率"].value == Quantity(Decimal(95), "%")
    assert report.formulas["年初预算数"] == Quantity(Decimal(1000000), "元")


def test_a_plain_fact_divided_by_money_is_not_a_percentage():
    """Without its unit, 执行数 is a plain number, so 执行数 / 预算 is per 元: the hint says to declare it."""
    with pytest.raises(RulesetError) as caught:
        perfrules.compile("budget {\n    预算 := 100 万元\n}\n执行率 := 执行数 / 预算 × 100%\n执行率 >= 90%\n")
    (problem,) = caught.value.diagnostics
    assert problem.code == "dimension-mismatch"
    assert problem.hint is not None and "`fact 执行数 in 元`" in problem.hint


def test_formula_without_percent_is_shown_in_its_dimension():
    rules = perfrules.compile("差额 := 甲 - 乙\nfact 甲 in 元\nfact 乙 in 万元\n差额 >= 0 元\n")
    assert rules.evaluate({"甲": 20000, "乙": 1}).formulas["差额"] == Quantity(Decimal(10000), "元")


def test_compound_parts_read_facts_of_their_own():
    rules = perfrules.compile("培训 >= 1 次\n干部培训: 培训 >= 5 次 and 知识测试 >= 5 次\n")
    (_simple, compound) = rules.indicators
    assert [part.fact for part in compound.parts] == ["干部培训.培训", "干部培训.知识测试"]
    report = rules.evaluate({"培训": 1, "干部培训.培训": 5, "干部培训.知识测试": 4})
    assert report["培训"].status is Status.MET
    assert report["干部培训"].status is Status.NOT_MET
    assert report["干部培训"].value == {"培训": Quantity(Decimal(5), "次"), "知识测试": Quantity(Decimal(4), "次")}


def test_groups_descriptions_and_weights():
    rules = perfrules.compile(
        '一级指标 产出指标\n二级指标 数量指标\n巡察 >= 2 轮 weight 90 "本年度开展巡察工作"\n'
        '    "不少于2轮。"\n一级指标 效益指标 weight 10\n社会效益 == 良好\n'
    )
    first, second = rules.indicators
    assert first.group == ("产出指标", "数量指标")
    assert first.weight == Decimal(90)
    assert first.description == "本年度开展巡察工作\n不少于2轮。"
    assert second.group == ("效益指标",)


def test_names_as_the_table_writes_them_and_quoted_names():
    rules = perfrules.compile(
        "“三公经费”控制率 := 本年度“三公经费”实际支出数 / “三公经费”预算数 * 100%\n"
        "“三公经费”控制率 <= 100%\n"
        "`部门(单位)-不少于项` >= 1 项\n"
        "《经开时报》信息 >= 5 篇\n"
    )
    assert [indicator.name for indicator in rules.indicators] == [
        "“三公经费”控制率",
        "部门(单位)-不少于项",
        "《经开时报》信息",
    ]


def test_comments_blank_lines_crlf_and_bom():
    text = "\ufeff# 表头\r\n\r\nyear 2023  # 年度\r\n巡察 >= 2 轮 # 注释\r巡视 >= 1 轮\n"
    assert [indicator.name for indicator in perfrules.compile(text).indicators] == ["巡察", "巡视"]


def test_keywords_are_whole_tokens():
    """Names that merely contain a keyword stay names."""
    assert only("byline >= 1 次\n").name == "byline"
    assert only("unit年度 >= 1 次\n").name == "unit年度"


def test_annual_goal_ratio_rule():
    rules = perfrules.compile(
        "前两种形态占比 := 前两种形态处理件数 / “四种形态”处理总件数 × 100%\n前两种形态占比 不低于 75%\n"
    )
    assert rules.evaluate({"前两种形态处理件数": 3, "“四种形态”处理总件数": 4})["前两种形态占比"].status is Status.MET
    assert (
        rules.evaluate({"前两种形态处理件数": 2, "“四种形态”处理总件数": 4})["前两种形态占比"].status is Status.NOT_MET
    )


def test_a_label_never_swallows_its_deadline():
    indicator = only("year 2023\n监督平台建设 == 完成10月底前\n")
    assert indicator.target == Target("==", "完成")
    assert indicator.deadline == date(2023, 10, 31)
    assert only("year 2023\n平台 完成年底前\n").deadline == date(2023, 12, 31)


def test_warnings_do_not_stop_compilation():
    rules = perfrules.compile(
        "year 2023\n率 := a / b × 100%\n率 >= 120%\n投诉 < 0 次\n平台 == 完成 2024年3月底前\n没用的 := 1\n"
    )
    assert [(item.code, item.line) for item in rules.warnings] == [
        ("never-met", 3),
        ("never-met", 4),
        ("deadline-outside-year", 5),
        ("unused-formula", 6),
    ]


def test_a_first_group_of_zero_is_not_a_thousands_group_in_a_ruleset():
    """0,500 in a ruleset is a syntax error with the grouping hint, never the number 500."""
    with pytest.raises(RulesetError) as caught:
        perfrules.compile("x >= 0,500 元\n")
    assert "thousands separators group exactly three digits" in str(caught.value)
