"""`explain` for every shape of input: formula trees with signs, budget constants, division by
zero and missing inputs; facts missing, unusable, dated or in larger units; descriptions and
compound indicators; a formula asked for by name."""

from datetime import date

import pytest

import perfrules


@pytest.fixture(scope="module")
def rules():
    """Compiled in each test session, so that every run (and every mutant) compiles it afresh."""
    return perfrules.compile(
        "year 2023\n"
        "budget {\n    总预算 := 100 万元\n}\n"
        "fact 支出 in 万元\nfact 甲 in 元\nfact 乙 in 元\n"
        "执行率 := 支出 / 总预算 × 100%\n执行率 >= 90%\n"
        '    "执行率=支出/总预算。\\n第二行不显示"\n'
        "比率 := 甲 / 乙 × 100%\n比率 >= 90%\n"
        "负数 := -甲 + 1 元\n负数 <= 0\n"
        "培训: 培训次数 >= 5 次 and 测试次数 >= 5 次 by 2023-06-30\n"
    )


def test_a_formula_tree_with_a_budget_constant_and_a_dated_fact_in_wan_yuan(rules):
    """Nodes show values in base units, constants and facts are labelled, the history is in 万元."""
    report = rules.evaluate(
        {"支出": [{"value": "80 万元", "date": "2023-06-30"}, {"value": "95", "date": "2023-11-30"}]},
        as_of=date(2023, 12, 31),
    )
    assert _explained(report, "执行率").splitlines() == [
        "执行率（未分组）",
        "  定义  <string>:9: 执行率 >= 90%",
        "  说明  执行率=支出/总预算。",
        "  目标  ≥90%，截止 2023-12-31",
        "  状态  MET：截至2023-12-31为95%，达到目标≥90%",
        "",
        "  取值日 2023-12-31",
        "  执行率 := 支出 / 总预算 × 100%  = 95%",
        "  ├─ 支出 / 总预算 = 0.95",
        "  │  ├─ 支出 = 950,000（事实）",
        "  │  └─ 总预算 = 1,000,000（预算常量）",
        "  └─ 100% = 1",
        "  用到的事实",
        "    支出：2023-06-30 80 万元，2023-11-30 95 万元；2023-12-31 时有效的是 95 万元",
    ]


def test_division_by_zero_cannot_be_computed_and_says_so(rules):
    """A zero divisor leaves the formula and the quotient uncomputed, shown as —（无法计算）."""
    text = _explained(rules.evaluate({"甲": 5, "乙": 0}), "比率")
    assert "  状态  INVALID：计算“比率”时除数为零" in text
    assert "  比率 := 甲 / 乙 × 100%  = —（无法计算）" in text
    assert "  ├─ 甲 / 乙 = —（无法计算）" in text
    assert "  │  └─ 乙 = 0（事实）" in text
    assert "    乙：0 元（不带日期，任何一天都有效）" in text


def test_missing_inputs_are_shown_without_values_and_as_not_provided(rules):
    """A fact not given has no value in the tree and is listed as 未提供; nothing is computed."""
    text = _explained(rules.evaluate({"甲": 5}), "比率")
    assert "  状态  MISSING：截至2023-12-31缺少“乙”的数据" in text
    assert "  │  ├─ 甲 = 5（事实）" in text
    assert "  │  └─ 乙 = —（无值）" in text
    assert text.endswith("  用到的事实\n    甲：5 元（不带日期，任何一天都有效）\n    乙：未提供\n")


def test_an_unusable_fact_is_listed_with_its_reason(rules):
    """A fact that cannot be read is listed as 无法使用 with the reason, and the tree has no value for it."""
    text = _explained(rules.evaluate({"甲": "abc", "乙": 3}), "负数")
    assert "  状态  INVALID：“甲”的数据无法使用：应为数值，而不是 “abc”" in text
    assert "  ├─ -甲 = —（无法计算）" in text
    assert "  │  └─ 甲 = —（无值）" in text
    assert "    甲：无法使用（应为数值，而不是 “abc”）" in text
    english = rules.evaluate({"甲": "abc", "乙": 3}).explain("负数", "en")
    assert "    甲: cannot be used (expected a number, not “abc”)" in english


def test_a_sign_is_a_branch_with_its_operand_below(rules):
    """A negated operand is drawn as its own node with the operand as its only child."""
    lines = _explained(rules.evaluate({"甲": 5}), "负数").splitlines()
    assert lines[lines.index("  负数 := -甲 + 1 元  = -4 元") :] == [
        "  负数 := -甲 + 1 元  = -4 元",
        "  ├─ -甲 = -5",
        "  │  └─ 甲 = 5（事实）",
        "  └─ 1 元 = 1",
        "  用到的事实",
        "    甲：5 元（不带日期，任何一天都有效）",
    ]


def test_an_indicator_without_a_description_has_no_description_line(rules):
    """Only indicators with a description get a 说明 line."""
    text = _explained(rules.evaluate({"甲": 5, "乙": 5}), "比率")
    assert "说明" not in text
    assert text.startswith("比率（未分组）\n  定义  <string>:12: 比率 >= 90%\n  目标  ≥90%")


def test_a_compound_indicator_explains_each_part_on_its_own_day(rules):
    """Each part of a compound indicator is read on its own deadline and lists its own fact."""
    text = _explained(rules.evaluate({"培训": {"培训次数": 6}}), "培训")
    assert text.split("\n\n")[1:] == [
        "  取值日 2023-12-31\n  用到的事实\n    培训.培训次数：6 次（不带日期，任何一天都有效）",
        "  取值日 2023-06-30\n  用到的事实\n    培训.测试次数：未提供\n",
    ]


def test_a_formula_by_name_is_explained_on_the_evaluation_day():
    """A formula (not an indicator) asked for by name gets its tree on the report's day, without a header."""
    rules = perfrules.compile("year 2023\nfact 甲 in 元\n和 := 甲 + 2 元\n倍 := 和 * 2\n倍 >= 1 元\n")
    report = rules.evaluate({"甲": 1}, as_of=date(2023, 6, 30))
    assert _explained(report, "和") == (
        "\n  取值日 2023-06-30\n  和 := 甲 + 2 元  = 3 元\n  ├─ 甲 = 1（事实）\n  └─ 2 元 = 2\n"
        "  用到的事实\n    甲：1 元（不带日期，任何一天都有效）\n"
    )
    lines = _explained(report, "倍").splitlines()
    assert "  │  └─ 和 = 3（公式）" not in lines  # 和 is a leaf here: the formula, not its inside
    assert "  ├─ 和 = 3（公式）" in lines


@pytest.fixture(scope="module")
def late():
    """Compiled in each test session, so that every run (and every mutant) compiles it afresh."""
    return perfrules.compile("year 2023\n巡察工作 >= 2 轮 by 2023-06-30\n平台 == 完成 by 2023-06-30\n")


LATE_FACTS = {"巡察工作": [{"value": 2, "date": "2023-07-01"}], "平台": [{"value": "完成", "date": "2023-07-01"}]}


def test_a_quantity_observed_only_after_its_deadline_is_explained(late):
    """A quantity first observed after its deadline is explained: its history, and no value on the deadline."""
    text = _explained(late.evaluate(LATE_FACTS), "巡察工作")
    assert "    巡察工作：2023-07-01 2 轮；2023-06-30 时有效的是" in text


def test_a_label_observed_only_after_its_deadline_shows_no_internal_word(late):
    """A label first observed after its deadline is explained without an internal placeholder word."""
    text = _explained(late.evaluate(LATE_FACTS), "平台")
    assert "    平台：2023-07-01 完成；2023-06-30 时有效的是" in text
    assert "MISSING" not in text.split("用到的事实")[1]


def _explained(report, name):
    """The explanation `perfrules explain` prints for one indicator or formula of a report."""
    return report.explain(name)
