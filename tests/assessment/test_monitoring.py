"""Each monitoring rule of docs/scoring.md pinned with worked numbers: which budget line and which
executed amount are used (declared by the ruleset or not), the warning at and beyond the
tolerance, rounding of progress and percentages, and each indicator's outlook at its boundaries:
不可能 only for a target that can no longer be met, 缺数据 for a row with no data."""

from datetime import date
from decimal import Decimal

import pytest

import perfrules
from perfrules import FactsError, MonitoringPolicy, UsageError
from perfrules.assessment.monitoring import LIGHTS

D = Decimal
MID_YEAR = date(2023, 6, 30)  # 181 of 365 days: 时间进度 0.4959


def sheet(text, facts, as_of=MID_YEAR, policy=None):
    return perfrules.compile("year 2023\n" + text).evaluate(facts, as_of=as_of).monitor(policy)


def budget(lines, unit="元"):
    body = "".join(f"    {name} := {amount} {unit}\n" for name, amount in lines)
    return f"budget {{\n{body}}}\nfact 执行数 in {unit}\n巡察工作 >= 2 轮\n"


def outlook(text, facts, as_of=MID_YEAR):
    """(likelihood, light, reason) of the one indicator."""
    (row,) = sheet(text, facts, as_of).rows
    return row.likelihood, row.light, row.reason


# budget execution


def test_the_budget_is_the_line_named_total_wherever_it_stands():
    """部门预算总额 is 年初预算数 even when another line comes first: 30 of 100 万元 → 0.3."""
    result = sheet(budget([("其他", 50), ("部门预算总额", 100)], "万元"), {"执行数": 30})
    assert result.to_dict()["budget"] == {"amount": "100", "unit": "万元"}
    assert result.execution_progress == D("0.3000")


def test_without_a_total_line_the_budget_is_the_first_line():
    """With no 部门预算总额, the first budget line is 年初预算数: 30 of 50 万元 → 0.6."""
    result = sheet(budget([("年初预算", 50), ("其他", 100)], "万元"), {"执行数": 30})
    assert result.to_dict()["budget"] == {"amount": "50", "unit": "万元"}
    assert result.execution_progress == D("0.6000")


def test_a_budget_of_zero_gives_no_execution_progress_and_no_warning():
    """部门预算总额 of 0 元: nothing to divide by, so no progress, no deviation, no warning."""
    result = sheet(budget([("部门预算总额", 0)]), {"执行数": 10})
    data = result.to_dict()
    assert data["budget"] == {"amount": "0", "unit": "元"}
    assert data["executed"] == {"amount": "10", "unit": "元"}
    assert (data["execution_progress"], data["deviation"], data["warning"]) == (None, None, None)
    assert data["time_progress"] == "0.4959"


def test_the_executed_amount_is_the_one_in_force_on_the_as_of_date():
    """A history of 执行数 (30 万元 in March, 60 in September) is read at 2023-06-30: 30 万元."""
    facts = {"执行数": [{"value": 30, "date": "2023-03-31"}, {"value": 60, "date": "2023-09-30"}]}
    result = sheet(budget([("部门预算总额", 100)], "万元"), facts)
    assert result.to_dict()["executed"] == {"amount": "30", "unit": "万元"}
    assert result.execution_progress == D("0.3000")


def test_progress_is_rounded_half_even_to_four_places():
    """12,345 of 100,000 元 is 0.12345, shown 0.1234 (half to even)."""
    result = sheet(budget([("部门预算总额", 100_000)]), {"执行数": 12_345})
    assert result.execution_progress == D("0.1234")
    assert result.to_dict()["execution_progress"] == "0.1234"


def test_a_lag_of_exactly_the_tolerance_is_no_warning_and_one_yuan_more_is():
    """Budget 3,650 元 at 2023-06-30: 1,445 元 lags time by exactly 10 points (no warning); 1,444 元 does warn."""
    text = budget([("部门预算总额", 3650)])
    exact = sheet(text, {"执行数": 1445})
    assert (exact.deviation, exact.warning) == (D("-0.1000"), None)
    behind = sheet(text, {"执行数": 1444})
    assert behind.warning == "预算执行进度 39.56% 落后时间进度 49.59% 超过 10%"


def test_the_warning_shows_the_tolerance_as_a_percentage_rounded_half_even():
    """A tolerance of 0.12345 is shown as 12.34% (two places, half to even)."""
    policy = MonitoringPolicy(tolerance="0.12345")
    result = sheet(budget([("部门预算总额", 100)], "万元"), {"执行数": 30}, policy=policy)
    assert result.warning == "预算执行进度 30% 落后时间进度 49.59% 超过 12.34%"


def test_monitoring_without_a_date_says_exactly_why():
    """No as-of date at all: the usage error says exactly that monitoring needs one."""
    with pytest.raises(UsageError) as caught:
        perfrules.compile("x >= 1 次\n").evaluate({}).monitor()
    assert str(caught.value) == "monitoring needs an as-of date"


def test_an_unknown_likelihood_is_refused_listing_the_three():
    """A 可能性 fact that is not 确定能/有可能/不可能 is a FactsError listing them and quoting it."""
    with pytest.raises(FactsError) as caught:
        sheet("平台 == 完成\n", {"平台:可能性": "大概"})
    assert str(caught.value) == "“平台:可能性” must be one of 确定能、有可能、不可能, not '大概'"


# outlook


def test_an_indicator_without_a_deadline_has_a_null_deadline_in_json():
    """No year and no deadline: the row's JSON deadline is null (here 3 of ≥ 2 次, 确定能)."""
    result = perfrules.compile("x >= 2 次\n").evaluate({"x": 3}, as_of=MID_YEAR).monitor()
    (row,) = result.to_dict()["indicators"]
    assert (row["deadline"], row["likelihood"], row["light"], row["reason"]) == (None, "确定能", "green", "已达到目标")


@pytest.mark.parametrize(
    ("text", "actual", "reason"),
    [
        ("x <= 10 次\n", 12, "已累计 12 次，超出目标 ≤10 次，累计数不会减少"),
        ("培训费 <= 30 万元\n", 40, "已累计 40 万元，超出目标 ≤30 万元，累计数不会减少"),
        ("x < 10 次\n", 10, "已累计 10 次，超出目标 <10 次，累计数不会减少"),
        ("安全事故 == 0 起\n", 1, "已累计 1 起，超出目标 =0 起，累计数不会减少"),
    ],
)
def test_a_total_already_beyond_its_limit_can_no_longer_be_met(text, actual, reason):
    """Counts and money spent only grow: 12 of ≤ 10 次, 40 of ≤ 30 万元, 10 of < 10 次, one 起 of
    = 0 起, all in June, are 不可能 (red) though the deadline is ahead."""
    assert outlook(text, {text.split()[0]: actual}) == ("不可能", "red", reason)


@pytest.mark.parametrize(
    ("text", "actual"),
    [("x <= 5%\n", 7), ("办结时限 <= 5 天\n", 7), ("人均培训费 <= 500 元\n", 600), ("单价 <= 80 元\n", 90)],
)
def test_a_limit_on_what_may_fall_again_is_not_yet_lost(text, actual):
    """A rate, a duration, an average or a price beyond its limit in June may come back: 有可能."""
    assert outlook(text, {text.split()[0]: actual}) == ("有可能", "yellow", "尚未达到目标")


def test_an_equality_count_below_its_target_is_projected_like_a_floor():
    """= 4 次 with 1 by 2023-06-30 projects to 1 × 365 / 181 ≈ 2 次: 有可能, the pace must quicken."""
    assert outlook("x == 4 次\n", {"x": 1}) == (
        "有可能",
        "yellow",
        "按当前进度线性推算，截止日期前预计只有 2 次，需加快进度",
    )


@pytest.mark.parametrize(("text", "actual"), [("系数 >= 20\n", 5), ("系数 >= 90%\n", 40)])
def test_plain_numbers_and_rates_are_not_projected(text, actual):
    """A plain number (5 of ≥ 20) or a rate (40% of ≥ 90%) is 有可能 without projection."""
    assert outlook(text, {"系数": actual}) == ("有可能", "yellow", "尚未达到目标")


def test_a_strictly_more_than_count_is_projected():
    """> 20 次 with 10 by 2023-06-30 projects to 10 × 365 / 181 ≈ 20.2: 有可能."""
    assert outlook("x > 20 次\n", {"x": 10}) == (
        "有可能",
        "yellow",
        "按当前进度线性推算，截止日期前预计可达 20.2 次",
    )


def test_a_count_is_projected_from_the_first_day_of_the_year():
    """On 1 January (one day gone) 1 次 projects to 365 次, short of ≥ 400: 有可能, the pace must
    quicken; a projection is no proof that the target is lost."""
    assert outlook("x >= 400 次\n", {"x": 1}, as_of=date(2023, 1, 1)) == (
        "有可能",
        "yellow",
        "按当前进度线性推算，截止日期前预计只有 365 次，需加快进度",
    )


def test_the_projection_is_shown_rounded_half_even_to_one_place():
    """On 4 January 1 次 projects to 365 / 4 = 91.25, shown 91.2."""
    assert outlook("x >= 100 次\n", {"x": 1}, as_of=date(2023, 1, 4)) == (
        "有可能",
        "yellow",
        "按当前进度线性推算，截止日期前预计只有 91.2 次，需加快进度",
    )


def test_a_projection_reaching_the_target_exactly_is_possible():
    """On 14 March (73 days, a fifth of the year) 4 次 projects to exactly 20 of ≥ 20: 有可能."""
    assert outlook("x >= 20 次\n", {"x": 4}, as_of=date(2023, 3, 14)) == (
        "有可能",
        "yellow",
        "按当前进度线性推算，截止日期前预计可达 20 次",
    )


def test_a_once_a_year_activity_not_yet_held_in_june_is_possible():
    """述责述廉活动 ≥ 1 次, held once a year, at 0 次 on 2023-06-30: 有可能 (never 不可能), not projected."""
    assert outlook("述责述廉活动 >= 1 次\n", {"述责述廉活动": 0}) == (
        "有可能",
        "yellow",
        "当前为 0 次，截止日期前仍可完成目标 ≥1 次",
    )


def test_a_deadline_passed_unmet_can_no_longer_be_met():
    """≥ 20 次 by 2023-05-31 with 8 on 2023-06-30: the deadline has passed, 不可能 (red)."""
    assert outlook("x >= 20 次 by 2023-05-31\n", {"x": 8}) == ("不可能", "red", "截止日期已过，未达到目标")


def test_a_row_with_no_data_says_so():
    """Nothing given by 2023-06-30: 缺数据, yellow (no data is no judgement either way)."""
    assert outlook("x >= 20 次\n", {}) == ("有可能", "yellow", "缺数据")


def test_a_row_with_no_data_past_its_deadline_says_both():
    """Nothing given for a 2023-05-31 deadline, on 2023-06-30: still 缺数据, and the deadline has passed."""
    assert outlook("x >= 20 次 by 2023-05-31\n", {}) == ("有可能", "yellow", "缺数据，截止日期已过")


def test_invalid_data_asks_for_a_correction_not_a_verdict():
    """A count given as 很多: 数据无效 with the reason, yellow; bad data does not lose a target."""
    likelihood, light, reason = outlook("x >= 20 次\n", {"x": "很多"})
    assert (likelihood, light) == ("有可能", "yellow")
    assert reason.startswith("数据无效：") and "很多" in reason


@pytest.mark.parametrize("given", ["确定能", "不可能"])
def test_a_likelihood_the_unit_states_is_kept(given):
    """The unit's own 可能性 stands over a projection: 2 of ≥ 20 次 in June, stated 确定能 or 不可能."""
    assert outlook("x >= 20 次\n", {"x": 2, "x:可能性": given}) == (given, LIGHTS[given], "按填报")


def test_a_compound_is_lost_when_one_part_is():
    """培训 ≥ 5 次 and 费用 ≤ 3 万元: 4 万元 spent in June loses the whole indicator, said of its part."""
    text = "培训: 次数 >= 5 次 and 费用 <= 3 万元\n"
    assert outlook(text, {"培训": {"次数": 2, "费用": 4}}) == (
        "不可能",
        "red",
        "费用：已累计 4 万元，超出目标 ≤3 万元，累计数不会减少",
    )


def test_a_compound_not_yet_met_gives_each_pending_parts_outlook():
    """培训 3 of ≥ 5 次 (≈6 by year end) and 测试 2 of ≥ 5 次 (≈4) in June: 有可能, part by part."""
    text = "培训: 培训 >= 5 次 and 测试 >= 5 次\n"
    likelihood, light, reason = outlook(text, {"培训": {"培训": 3, "测试": 2}})
    assert (likelihood, light) == ("有可能", "yellow")
    assert reason.split("；") == [
        "培训：按当前进度线性推算，截止日期前预计可达 6 次",
        "测试：按当前进度线性推算，截止日期前预计只有 4 次，需加快进度",
    ]


def test_an_unmet_indicator_without_a_deadline_does_not_speak_of_one():
    """With no year and no deadline an indicator is final at once: unmet, but no deadline has passed."""
    rules = perfrules.compile("巡察工作 >= 2 轮\n")
    (row,) = rules.evaluate({"巡察工作": 1}, as_of=MID_YEAR).monitor().rows
    assert (row.likelihood, row.reason) == ("不可能", "未达到目标")


UNDECLARED = "budget {\n    部门预算总额 := 1000 万元\n}\n巡察工作 >= 2 轮\n"
"""A ruleset that declares none of 执行数, 预算执行数, 预算完成数."""


@pytest.mark.parametrize(
    "facts",
    [{"执行数": "120 万元"}, {"执行数": 120}, {"预算执行数": D("120")}, {"预算完成数": "1,200,000 元"}],
)
def test_an_executed_amount_the_ruleset_does_not_declare_is_found(facts):
    """120 万元 of a 1,000 万元 budget, however written: 0.12; a bare number is in the budget's unit."""
    result = sheet(UNDECLARED, facts)
    assert result.to_dict()["executed"] == {"amount": "120", "unit": "万元"}
    assert result.execution_progress == D("0.1200")


def test_an_undeclared_executed_amount_is_read_on_the_as_of_date():
    """A history of 执行数 not declared (30 万元 in March, 600 in September) is read at 2023-06-30."""
    facts = {"执行数": [{"value": "30 万元", "date": "2023-03-31"}, {"value": 600, "date": "2023-09-30"}]}
    assert sheet(UNDECLARED, facts).execution_progress == D("0.0300")


def test_without_a_budget_an_undeclared_executed_amount_is_in_yuan():
    """No budget lines: 120 万元 is kept as 1,200,000 元, and there is no progress to compute."""
    result = sheet("巡察工作 >= 2 轮\n", {"执行数": "120 万元"})
    assert result.to_dict()["executed"] == {"amount": "1200000", "unit": "元"}
    assert result.execution_progress is None


def test_the_first_executed_amount_given_is_used_declared_or_not():
    """执行数 (not declared) comes before 预算完成数 (declared) in the policy: 90 of 100 元 → 0.9."""
    text = "budget {\n    部门预算总额 := 100 元\n}\nfact 预算完成数 in 元\n巡察工作 >= 2 轮\n"
    result = sheet(text, {"执行数": 90, "预算完成数": 30})
    assert result.execution_progress == D("0.9000")


@pytest.mark.parametrize(
    ("given", "why"),
    [("完成", "expected a number, not “完成”"), ("120 次", "the unit 次 is not of the same dimension as 万元")],
)
def test_an_undeclared_executed_amount_that_is_no_amount_is_refused(given, why):
    with pytest.raises(FactsError) as caught:
        sheet(UNDECLARED, {"执行数": given})
    assert str(caught.value) == f"“执行数” cannot be read as the amount executed: {why}"


def test_an_executed_amount_that_is_a_label_is_refused():
    text = "budget {\n    部门预算总额 := 100 元\n}\n执行数 == 完成\n"
    with pytest.raises(FactsError) as caught:
        sheet(text, {"执行数": "完成"})
    assert str(caught.value) == "“执行数” cannot be read as the amount executed"


def test_a_blank_executed_amount_is_passed_over_for_the_next():
    """执行数 left blank, as a spreadsheet gives an empty cell: 预算执行数 (the next) is used."""
    text = "budget {\n    部门预算总额 := 100 元\n}\nfact 执行数 in 元\nfact 预算执行数 in 元\n巡察工作 >= 2 轮\n"
    result = sheet(text, {"执行数": None, "预算执行数": 40})
    assert result.execution_progress == D("0.4000")


def test_a_blank_likelihood_is_not_given():
    """`平台:可能性` left blank: the likelihood is judged as if it were not given."""
    text = "平台 == 完成 by 2023-12-31\n"
    assert outlook(text, {"平台:可能性": " "}) == outlook(text, {})


def test_an_undeclared_executed_amount_is_read_in_a_declared_budget_unit():
    """A budget line in the ruleset's own unit (千元档): a bare 执行数 is in it, "20 万元" converts to it."""
    rules = perfrules.compile(
        "year 2023\nunit 千元档 = 1000 元\nbudget {\n    部门预算总额 := 400 千元档\n}\n巡察 >= 2 轮\n"
    )
    bare = rules.evaluate({"巡察": 1, "执行数": 200}, as_of=date(2023, 6, 30)).monitor()
    named = rules.evaluate({"巡察": 1, "执行数": "20 万元"}, as_of=date(2023, 6, 30)).monitor()
    assert str(bare.executed) == str(named.executed) == "200 千元档"
    assert bare.execution_progress == named.execution_progress == Decimal("0.5")


def test_an_executed_amount_not_yet_in_force_passes_to_the_next_name():
    """执行数 observed only after the as-of date says nothing yet: 预算执行数 is read instead."""
    rules = perfrules.compile("year 2023\nbudget {\n    部门预算总额 := 100 万元\n}\n巡察 >= 2 轮\n")
    facts = {"巡察": 1, "执行数": [{"value": 90, "date": "2023-12-01"}], "预算执行数": 40}
    sheet = rules.evaluate(facts, as_of=date(2023, 6, 30)).monitor()
    assert str(sheet.executed) == "40 万元"


def test_a_limit_in_a_declared_counting_word_already_passed_cannot_be_met():
    """The ruleset's own counting words accumulate too: 12 堂 of at most 10 堂 by June is 不可能."""
    rules = perfrules.compile("year 2023\nunit 堂\n培训 <= 10 堂\n")
    sheet = rules.evaluate({"培训": 12}, as_of=date(2023, 6, 30)).monitor()
    assert sheet.rows[0].likelihood == "不可能"
