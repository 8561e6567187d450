"""Each monitoring rule of docs/scoring.md pinned with worked numbers: which budget line and which
executed amount are used, the warning at and beyond the tolerance, rounding of progress and
percentages, and the projection of each indicator's outlook at its boundaries."""

from datetime import date
from decimal import Decimal

import pytest

import perfrules
from perfrules import FactsError, MonitoringPolicy, UsageError

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


def test_a_ceiling_not_yet_kept_is_not_projected():
    """≤ 10 次 at 12 before its deadline: 有可能, 尚未达到目标 (a ceiling has no pace to project)."""
    assert outlook("x <= 10 次\n", {"x": 12}) == ("有可能", "yellow", "尚未达到目标")


@pytest.mark.parametrize(("text", "actual"), [("系数 >= 20\n", 5), ("系数 >= 90%\n", 40)])
def test_plain_numbers_and_rates_are_not_projected(text, actual):
    """A plain number (5 of ≥ 20) or a rate (40% of ≥ 90%) is 有可能 without projection."""
    assert outlook(text, {"系数": actual}) == ("有可能", "yellow", "尚未达到目标")


def test_a_strictly_more_than_count_is_projected():
    """> 20 次 with 10 by 2023-06-30 projects to 10 × 365 / 181 ≈ 20.2: 有可能."""
    assert outlook("x > 20 次\n", {"x": 10}) == ("有可能", "yellow", "按当前进度，截止日期前预计可达 20.2 次")


def test_a_count_is_projected_from_the_first_day_of_the_year():
    """On 1 January (one day gone) 1 次 projects to 365 次, short of ≥ 400: 不可能."""
    assert outlook("x >= 400 次\n", {"x": 1}, as_of=date(2023, 1, 1)) == (
        "不可能",
        "red",
        "按当前进度，截止日期前预计只有 365 次",
    )


def test_the_projection_is_shown_rounded_half_even_to_one_place():
    """On 4 January 1 次 projects to 365 / 4 = 91.25, shown 91.2."""
    assert outlook("x >= 100 次\n", {"x": 1}, as_of=date(2023, 1, 4)) == (
        "不可能",
        "red",
        "按当前进度，截止日期前预计只有 91.2 次",
    )


def test_a_projection_reaching_the_target_exactly_is_possible():
    """On 14 March (73 days, a fifth of the year) 4 次 projects to exactly 20 of ≥ 20: 有可能."""
    assert outlook("x >= 20 次\n", {"x": 4}, as_of=date(2023, 3, 14)) == (
        "有可能",
        "yellow",
        "按当前进度，截止日期前预计可达 20 次",
    )


def test_an_unmet_indicator_without_a_deadline_does_not_speak_of_one():
    """With no year and no deadline an indicator is final at once: unmet, but no deadline has passed."""
    rules = perfrules.compile("巡察工作 >= 2 轮\n")
    (row,) = rules.evaluate({"巡察工作": 1}, as_of=MID_YEAR).monitor().rows
    assert (row.likelihood, row.reason) == ("不可能", "未达到目标")


def test_an_executed_amount_the_ruleset_does_not_know_is_passed_over_for_the_next():
    """执行数 given but not a fact of this ruleset: 预算完成数 (the next of the policy's) is used."""
    text = "budget {\n    部门预算总额 := 100 元\n}\nfact 预算完成数 in 元\n巡察工作 >= 2 轮\n"
    result = sheet(text, {"执行数": 90, "预算完成数": 30})
    assert result.execution_progress == D("0.3000")


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
