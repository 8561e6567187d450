"""Facts, as-of dates and statuses: the evaluation rules, one behaviour per test."""

from datetime import date, datetime
from decimal import Decimal

import pytest

import perfrules
from perfrules import FactsError, Quantity, Status, UsageError


@pytest.fixture(scope="module")
def platform():
    """Compiled in each test session, so that every run (and every mutant) compiles it afresh."""
    return perfrules.compile("year 2023\n监督平台建设 == 完成 10月底前\n巡察 >= 2 轮\n")


OCT31 = date(2023, 10, 31)


def status(rules, facts, as_of, name):
    return rules.evaluate(facts, as_of=as_of)[name]


def history(*pairs):
    return [{"value": value, "date": day} for value, day in pairs]


def test_met_before_the_deadline_is_met_and_not_final(platform):
    result = status(platform, {"监督平台建设": "完成"}, date(2023, 6, 1), "监督平台建设")
    assert (result.status, result.final) == (Status.MET, False)


def test_not_yet_met_before_the_deadline_is_pending(platform):
    result = status(platform, {"巡察": 1}, date(2023, 6, 1), "巡察")
    assert result.status is Status.PENDING
    assert result.value == Quantity(Decimal(1), "轮")


def test_not_met_on_the_deadline_is_not_met(platform):
    assert status(platform, {"巡察": 1}, date(2023, 12, 31), "巡察").status is Status.NOT_MET


def test_value_in_force_is_the_latest_observation_on_or_before_the_day(platform):
    facts = {"巡察": history((1, "2023-03-01"), (2, "2023-09-01"))}
    assert status(platform, facts, date(2023, 8, 31), "巡察").status is Status.PENDING
    assert status(platform, facts, date(2023, 9, 1), "巡察").status is Status.MET


def test_met_after_the_deadline_is_still_not_met_and_says_when(platform):
    facts = {"监督平台建设": history(("未完成", "2023-06-30"), ("完成", "2023-11-20"))}
    result = status(platform, facts, date(2023, 12, 31), "监督平台建设")
    assert result.status is Status.NOT_MET
    assert result.met_on == date(2023, 11, 20)
    assert result.value == "未完成"
    assert "2023-11-20" in result.reason


def test_label_then_relapse_compares_the_value_in_force_on_the_deadline(platform):
    facts = {"监督平台建设": history(("完成", "2023-05-01"), ("未完成", "2023-10-01"))}
    assert status(platform, facts, date(2023, 12, 31), "监督平台建设").status is Status.NOT_MET


def test_nothing_in_force_on_the_deadline_but_a_later_observation_is_not_met(platform):
    facts = {"监督平台建设": history(("完成", "2023-11-05"))}
    result = status(platform, facts, date(2023, 12, 31), "监督平台建设")
    assert result.status is Status.NOT_MET
    assert result.met_on == date(2023, 11, 5)


def test_nothing_in_force_and_nothing_later_is_missing(platform):
    assert status(platform, {}, date(2023, 12, 31), "监督平台建设").status is Status.MISSING
    facts = {"监督平台建设": history(("完成", "2024-02-01"))}
    assert status(platform, facts, date(2023, 12, 31), "监督平台建设").status is Status.MISSING


def test_missing_wins_over_pending(platform):
    assert status(platform, {}, date(2023, 6, 1), "巡察").status is Status.MISSING


def test_invalid_wins_over_missing_within_one_condition():
    rules = perfrules.compile("率 := 甲 / 乙\n率 >= 1\n")
    assert rules.evaluate({"甲": "很多"})["率"].status is Status.INVALID


def test_one_bad_fact_never_stops_the_rest(platform):
    report = platform.evaluate({"巡察": True, "监督平台建设": "完成"}, as_of=OCT31)
    assert report["巡察"].status is Status.INVALID
    assert report["监督平台建设"].status is Status.MET


@pytest.mark.parametrize(
    "bad",
    [
        True,
        False,
        None,
        float("nan"),
        float("inf"),
        Decimal("NaN"),
        Decimal("sNaN"),
        "很多",
        "2 元",
        "3 斤",
        [1],
        {"value": 1},
    ],
)
def test_unusable_numbers_are_invalid(bad, platform):
    result = status(platform, {"巡察": bad}, OCT31, "巡察")
    assert result.status is Status.INVALID
    assert result.reason


@pytest.mark.parametrize(
    ("good", "amount"),
    [
        (2, "2"),
        (2.5, "2.5"),
        (0.1, "0.1"),
        (Decimal("2.50"), "2.5"),
        ("2", "2"),
        ("2 轮", "2"),
        ("２轮", "2"),
        ("1,002.5轮", "1002.5"),
    ],
)
def test_numbers_in_every_accepted_form(good, amount, platform):
    result = status(platform, {"巡察": good}, OCT31, "巡察")
    assert result.value == Quantity(Decimal(amount), "轮")


def test_float_is_read_through_its_repr_not_its_binary_value():
    rules = perfrules.compile("比例 >= 0.3\n")
    assert rules.evaluate({"比例": 0.1 + 0.2})["比例"].value.amount == Decimal("0.30000000000000004")


def test_percent_indicator_reads_bare_numbers_as_percent():
    rules = perfrules.compile("满意率 >= 90%\n")
    assert rules.evaluate({"满意率": 95})["满意率"].status is Status.MET
    assert rules.evaluate({"满意率": "0.95"})["满意率"].status is Status.NOT_MET
    assert rules.evaluate({"满意率": "95.5%"})["满意率"].value == Quantity(Decimal("95.5"), "%")


def test_label_where_a_number_is_needed_and_number_where_a_label_is_needed(platform):
    assert status(platform, {"巡察": "完成"}, OCT31, "巡察").status is Status.INVALID
    assert status(platform, {"监督平台建设": 1}, OCT31, "监督平台建设").status is Status.INVALID


@pytest.mark.parametrize(
    "bad",
    [
        {"value": 1, "date": "2023-02-30"},
        {"value": 1, "date": "2023-13-01"},
        {"value": 1, "date": "20231231"},
        {"value": 1, "date": "2023/12/31"},
        {"value": 1, "date": 20231231},
        {"value": 1, "date": "2023-12-31", "note": "x"},
        [{"value": 1, "date": "2023-01-01"}, {"value": 2, "date": "2023-01-01"}],
        [1, 2],
    ],
)
def test_bad_dated_values_are_invalid(bad, platform):
    assert status(platform, {"巡察": bad}, OCT31, "巡察").status is Status.INVALID


def test_division_by_zero_is_an_invalid_result_not_a_crash():
    rules = perfrules.compile("率 := 甲 / 乙 × 100%\n率 >= 90%\n")
    report = rules.evaluate({"甲": 0, "乙": 0})
    assert report["率"].status is Status.INVALID
    assert "除数为零" in report["率"].reason
    assert report.formulas["率"] is None


def test_compound_status_combines_parts():
    rules = perfrules.compile("year 2023\n培训: 培训 >= 5 次 and 测试 >= 5 次 by 2023-06-30\n")
    as_of = date(2023, 3, 1)

    def compound(facts):
        return rules.evaluate(facts, as_of=as_of)["培训"].status

    assert compound({"培训.培训": 5, "培训.测试": 5}) is Status.MET
    assert compound({"培训.培训": 1, "培训.测试": 5}) is Status.PENDING
    assert compound({"培训.培训": 1}) is Status.MISSING
    assert compound({"培训.培训": "x"}) is Status.INVALID
    late = rules.evaluate({"培训.培训": 5, "培训.测试": 1}, as_of=date(2023, 7, 1))["培训"]
    assert late.status is Status.NOT_MET
    assert [part.status for part in late.parts] == [Status.MET, Status.NOT_MET]
    assert late.deadline == date(2023, 12, 31)


def test_compound_facts_may_be_nested():
    rules = perfrules.compile("培训: 培训 >= 5 次 and 测试 >= 5 次\n")
    assert rules.evaluate({"培训": {"培训": 6, "测试": 5}})["培训"].status is Status.MET


def test_facts_named_like_formulas_are_ignored_with_a_warning():
    rules = perfrules.compile("率 := 甲 / 乙\n率 >= 1\n")
    report = rules.evaluate({"甲": 1, "乙": 2, "率": 5, "丙": 1})
    assert report["率"].status is Status.NOT_MET
    assert any("率" in warning and "公式" in warning for warning in report.warnings)
    assert any("丙" in warning for warning in report.warnings)


def test_as_of_defaults_to_year_end_and_accepts_datetime(platform):
    assert platform.evaluate({}).as_of == date(2023, 12, 31)
    assert platform.evaluate({}, as_of=datetime(2023, 5, 6, 23, 59)).as_of == date(2023, 5, 6)


def test_as_of_is_required_with_deadlines_and_no_year():
    rules = perfrules.compile("巡察 >= 2 轮 by 2023-12-31\n")
    with pytest.raises(UsageError, match="as_of is required"):
        rules.evaluate({"巡察": 2})


def test_no_year_and_no_deadline_evaluates_on_as_of_and_is_final():
    rules = perfrules.compile("巡察 >= 2 轮\n")
    facts = {"巡察": history((1, "2023-03-01"), (2, "2023-09-01"))}
    early = rules.evaluate(facts, as_of=date(2023, 5, 1))["巡察"]
    assert (early.status, early.final, early.deadline) == (Status.NOT_MET, True, None)
    assert rules.evaluate(facts)["巡察"].status is Status.MET


def test_bad_arguments_are_perfrules_errors(platform):
    with pytest.raises(UsageError):
        platform.evaluate({}, as_of="2023-12-31")
    with pytest.raises(FactsError):
        platform.evaluate([("巡察", 1)])
    assert "已忽略 1" in platform.evaluate({1: 2}).warnings[0]
    with pytest.raises(UsageError):
        perfrules.compile(b"x >= 1\n")


def test_strict_facts_json():
    with pytest.raises(FactsError, match="twice"):
        perfrules.parse_facts('{"甲": 1, "甲": 2}')
    with pytest.raises(FactsError, match="NaN"):
        perfrules.parse_facts('{"甲": NaN}')
    with pytest.raises(FactsError, match="invalid JSON"):
        perfrules.parse_facts('{"甲": 1,}')
    with pytest.raises(FactsError, match="object"):
        perfrules.parse_facts("[1]")
    assert perfrules.parse_facts('{"甲": 0.1}')["甲"] == Decimal("0.1")


def test_report_is_a_mapping_in_source_order(platform):
    report = platform.evaluate({}, as_of=OCT31)
    assert list(report) == ["监督平台建设", "巡察"]
    assert len(report) == 2


def test_missing_input_with_nothing_up_to_as_of_stays_missing_even_if_another_input_moves():
    """MISSING is about the input that is missing, not about the others' later observations."""
    rules = perfrules.compile("year 2023\n率 := 甲 / 乙\n率 >= 1 by 2023-06-30\n")
    facts = {"甲": [{"value": 1, "date": "2023-09-01"}]}
    assert rules.evaluate(facts)["率"].status is Status.MISSING
    facts["乙"] = [{"value": 1, "date": "2023-09-01"}]
    late = rules.evaluate(facts)["率"]
    assert late.status is Status.NOT_MET
    assert late.met_on == date(2023, 9, 1)


def test_deepest_accepted_formula_evaluates():
    """A formula at the nesting limit evaluates; one level deeper is a compile error (golden)."""
    rules = perfrules.compile("x := " + "+".join(["a"] * 100) + "\nx >= 1\n")
    assert rules.evaluate({"a": 1}).formulas["x"] == Quantity(Decimal(100), "")
