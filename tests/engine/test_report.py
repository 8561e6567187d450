"""The report's public surface (what scoring, monitoring and callers read of an evaluation) and
the general path's outcomes, each with the words it gives people."""

from datetime import date
from decimal import Decimal

import pytest

import perfrules
from perfrules import FactsError, Quantity, Status, UnknownName, UsageError

YEAR_END = date(2023, 12, 31)


@pytest.fixture(scope="module")
def rules():
    """Compiled in each test session, so that every run (and every mutant) compiles it afresh."""
    return perfrules.compile(
        "year 2023\nfact 成本 in 万元\n"
        "率 := 甲 / 乙 × 100%\n率 >= 90% 6月底前\n"
        "满意度 == 满意\n成本 <= 90 万元\n检查 >= 4 次 by 2023-06-30\n"
    )


def test_value_of_gives_a_fact_in_its_own_unit_a_label_or_nothing(rules):
    report = rules.evaluate({"成本": "800,000 元", "满意度": "很满意", "检查": 5}, as_of=YEAR_END)
    assert report.value_of("成本") == Quantity(Decimal(80), "万元")
    assert report.value_of("满意度") == "很满意"
    assert report.value_of("检查") == Quantity(Decimal(5), "次")
    assert report.value_of("甲") is None


def test_value_of_a_name_that_is_not_a_fact_suggests_the_nearest(rules):
    report = rules.evaluate({}, as_of=YEAR_END)
    with pytest.raises(UnknownName) as caught:
        report.value_of("满意程度")
    assert str(caught.value) == "满意程度 is not a fact of this ruleset; did you mean 满意度?"
    with pytest.raises(UnknownName, match=r"^满意 is not a fact of this ruleset$"):
        report.value_of("满意")
    with pytest.raises(UnknownName, match=r"^满意度度 is not a fact of this ruleset; did you mean 满意度\?$"):
        report.value_of("满意度度")


def test_value_of_a_fact_that_cannot_be_used_says_why(rules):
    report = rules.evaluate({"成本": "abc"}, as_of=YEAR_END)
    with pytest.raises(FactsError) as caught:
        report.value_of("成本")
    assert str(caught.value) == "“成本”的数据无法使用：应为数值，而不是 “abc”"


def test_base_converts_by_the_rulesets_units(rules):
    report = rules.evaluate({}, as_of=YEAR_END)
    assert report.base(Quantity(Decimal(2), "万元")) == Decimal(20000)
    assert report.base(Quantity(Decimal("2.5"), "%")) == Decimal("0.025")
    assert report.base(Quantity(Decimal(7), "")) == Decimal(7)
    with pytest.raises(UsageError, match=r"^斤 is not a unit of this ruleset$"):
        report.base(Quantity(Decimal(2), "斤"))


def test_looking_up_a_name_that_cannot_be_a_key_is_an_unknown_name(rules):
    report = rules.evaluate({}, as_of=YEAR_END)
    with pytest.raises(UnknownName, match="is not an indicator of this ruleset"):
        report[["成本"]]  # type: ignore[index]
    assert ["成本"] not in report


def test_a_report_without_a_date_says_so_in_json():
    report = perfrules.compile("巡察 >= 2 轮\n").evaluate({"巡察": 3})
    assert report.to_dict()["as_of"] is None
    assert repr(report) == "<Report as_of=None MET=1>"


def test_reprs_count_every_status(rules):
    report = rules.evaluate({"成本": 100, "检查": 1, "满意度": "满意"}, as_of=YEAR_END)
    assert repr(report) == "<Report as_of=2023-12-31 MISSING=1, MET=1, NOT_MET=2>"


def test_batch_statuses_come_one_fact_set_at_a_time(rules):
    batch = rules.evaluate_many([{"成本": 80}, {"成本": 100, "检查": 5}], as_of=YEAR_END)
    assert list(batch.statuses()) == [
        [Status.MISSING, Status.MISSING, Status.MET, Status.MISSING],
        [Status.MISSING, Status.MISSING, Status.NOT_MET, Status.MET],
    ]


def test_a_formula_input_given_only_after_the_deadline_is_late(rules):
    """Nothing in force on the deadline, the input given later: not met, saying when it was."""
    facts = {"甲": [{"value": 9, "date": "2023-07-05"}], "乙": 10}
    result = rules.evaluate(facts, as_of=YEAR_END)["率"]
    assert (result.status, result.met_on, result.value) == (Status.NOT_MET, date(2023, 7, 5), None)
    assert result.reason == "截止日期2023-06-30时缺少“甲”的数据，未达到目标≥90%；2023-07-05才达到，已逾期"


def test_a_formula_met_only_after_its_deadline_says_when(rules):
    facts = {"甲": [{"value": 8, "date": "2023-01-01"}, {"value": 9, "date": "2023-08-01"}], "乙": 10}
    result = rules.evaluate(facts, as_of=YEAR_END)["率"]
    assert (result.status, result.met_on) == (Status.NOT_MET, date(2023, 8, 1))
    assert "2023-08-01才达到，已逾期" in result.reason


def test_on_the_deadline_itself_nothing_is_late(rules):
    facts = {"甲": [{"value": 8, "date": "2023-01-01"}, {"value": 9, "date": "2023-06-30"}], "乙": 10}
    result = rules.evaluate(facts, as_of=date(2023, 6, 30))["率"]
    assert (result.status, result.met_on) == (Status.MET, None)
    late = rules.evaluate({"甲": [{"value": 8, "date": "2023-01-01"}], "乙": 10}, as_of=date(2023, 6, 30))["率"]
    assert (late.status, late.met_on) == (Status.NOT_MET, None)


def test_a_label_outside_the_scale_names_itself_and_the_target():
    rules = perfrules.compile("scale 不满意 < 基本满意 < 满意\n满意度 >= 基本满意\n")
    result = rules.evaluate({"满意度": [{"value": "很好", "date": "2023-01-01"}]}, as_of=YEAR_END)["满意度"]
    assert result.status is Status.INVALID
    assert "很好" in result.reason and "基本满意" in result.reason


@pytest.mark.parametrize(
    "formula",
    [
        "a / 3 * a * a * a * a * a * a * a * a * a * a",
        "a * a * a * a * a * a * a * a * a * a * a",
        "1 / a / a / a / a / a / a / a / a / a / a / a",
    ],
)
def test_a_result_beyond_ten_to_the_thousand_is_out_of_range_not_too_precise(formula):
    """An overflow or underflow is also inexact; it is named as what it is."""
    rules = perfrules.compile(f"f := {formula}\nf >= 1\n")
    for facts in ({"a": Decimal("9E+99")}, {"a": [{"value": Decimal("9E+99"), "date": "2023-01-01"}]}):
        result = rules.evaluate(facts, as_of=YEAR_END)["f"]
        assert (result.status, result.reason) == (Status.INVALID, "计算“f”时结果超出精确计算范围")


def test_a_product_too_long_to_hold_exactly_is_too_precise():
    rules = perfrules.compile("f := a * a\nf >= 1\n")
    result = rules.evaluate({"a": Decimal("1.000000000000000000001")}, as_of=YEAR_END)["f"]
    assert (result.status, result.reason) == (Status.INVALID, "计算“f”时结果超过34位有效数字，无法精确表示")


def test_met_late_is_the_first_day_after_the_deadline_the_target_held(rules):
    """A value after the deadline that still falls short is not when it was met."""
    facts = {
        "甲": [
            {"value": 8, "date": "2023-01-01"},
            {"value": 8, "date": "2023-07-01"},  # after the deadline, and still short
            {"value": 9, "date": "2023-08-01"},
        ],
        "乙": 10,
    }
    result = rules.evaluate(facts, as_of=YEAR_END)["率"]
    assert (result.status, result.met_on) == (Status.NOT_MET, date(2023, 8, 1))


def test_a_history_in_a_declared_unit_is_shown_in_that_unit():
    """Values are held in the base unit and shown in the unit they were given in, whatever its factor."""
    rules = perfrules.compile("unit 只\nunit 双 = 2 只\n手套 >= 3 双\n")
    result = rules.evaluate({"手套": [{"value": "4 双", "date": "2023-01-01"}]}, as_of=YEAR_END)["手套"]
    assert (result.status, result.value) == (Status.MET, Quantity(Decimal(4), "双"))


def test_a_report_keeps_the_facts_it_was_given_not_later_changes_to_them(rules):
    facts = {"成本": 80, "检查": [{"value": 5, "date": "2023-01-01"}]}
    report = rules.evaluate(facts, as_of=YEAR_END)
    facts["成本"] = 100
    facts["检查"].append({"value": 1, "date": "2023-02-01"})
    assert report.value_of("成本") == Quantity(Decimal(80), "万元")
    assert report.value_of("检查") == Quantity(Decimal(5), "次")
    assert report["检查"].status is Status.MET


def test_an_evaluation_date_that_is_not_a_date_names_what_it_was(rules):
    with pytest.raises(UsageError, match=r"^as_of must be a date or datetime, not str$"):
        rules.evaluate({}, as_of="2023-12-31")


def test_a_targets_standard_is_in_the_json_only_when_the_table_prints_one():
    rules = perfrules.compile("率 >= 100%(历史标准)\n量 >= 3 次\n")
    report = rules.evaluate({"率": "100%", "量": 3}).to_dict()
    targets = [indicator["target"] for indicator in report["indicators"]]
    assert targets == [
        {"comparator": ">=", "amount": "100", "unit": "%", "basis": "历史标准"},
        {"comparator": ">=", "amount": "3", "unit": "次"},
    ]
