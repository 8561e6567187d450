"""Evaluation where the conformance data cannot say it: Python's own fact types (floats, Decimals, NaN),
compound parts, a report's warnings and order, as-of dates as datetimes, and the errors `evaluate`
raises. The status rules over facts and dates are data in tests/conformance/*.json."""

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


# Unusable values JSON can write are cases in tests/conformance/facts.json; these are Python's own.
@pytest.mark.parametrize("bad", [float("inf"), float("-inf"), Decimal("Infinity"), Decimal("sNaN")])
def test_unusable_numbers_are_invalid(bad, platform):
    result = status(platform, {"巡察": bad}, OCT31, "巡察")
    assert result.status is Status.INVALID
    assert result.reason


# Integers and text are cases in tests/conformance/facts.json; these are Python floats and Decimals.
@pytest.mark.parametrize(("good", "amount"), [(2.5, "2.5"), (0.1, "0.1"), (Decimal("2.50"), "2.5")])
def test_numbers_in_every_accepted_form(good, amount, platform):
    result = status(platform, {"巡察": good}, OCT31, "巡察")
    assert result.value == Quantity(Decimal(amount), "轮")


def test_float_is_read_through_its_repr_not_its_binary_value():
    rules = perfrules.compile("比例 >= 0.3\n")
    assert rules.evaluate({"比例": 0.1 + 0.2})["比例"].value.amount == Decimal("0.30000000000000004")


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
