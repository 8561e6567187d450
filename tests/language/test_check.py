"""The checker's passes, one test per problem a pass can find that the golden errors and the
conformance cases do not already pin: each with its code, its position and its wording."""

import pytest

import perfrules
from perfrules import RulesetError


def problems(text: str) -> list[tuple[str, int, int]]:
    with pytest.raises(RulesetError) as caught:
        perfrules.compile(text)
    return [(diagnostic.code, diagnostic.line, diagnostic.column) for diagnostic in caught.value.diagnostics]


def message(text: str) -> str:
    with pytest.raises(RulesetError) as caught:
        perfrules.compile(text)
    return str(caught.value)


def test_a_budget_constant_in_an_unknown_unit():
    assert problems("budget {\n  项目经费 := 3 斤\n}\n") == [("unknown-unit", 2, 13)]


def test_a_budget_constant_named_twice():
    text = "budget {\n  项目经费 := 3 元\n  项目经费 := 4 元\n}\n"
    assert problems(text) == [("duplicate-name", 3, 3)]
    assert "项目经费 is already defined on line 2 (budget constant)" in message(text)


def test_a_formula_named_like_a_budget_constant():
    assert problems("budget {\n  项目经费 := 3 元\n}\n项目经费 := 4 元\n") == [("duplicate-name", 4, 1)]


def test_a_fact_declared_twice():
    text = "fact 甲 in 元\nfact 甲 in 元\n甲 >= 1 元\n"
    assert problems(text) == [("duplicate-name", 2, 6)]
    assert "甲 is already defined on line 1 (fact)" in message(text)


def test_a_fact_declared_in_an_unknown_unit():
    assert problems("fact 甲 in 斤\n甲 >= 1\n") == [("unknown-unit", 1, 11)]


def test_a_formula_declared_as_a_fact():
    text = "乙 := 1 元\nfact 乙 in 元\n乙 >= 1 元\n"
    assert problems(text) == [("not-a-fact", 2, 6)]
    assert "乙 is a formula, not a fact" in message(text)


def test_a_number_in_a_formula_with_an_unknown_unit():
    assert problems("甲 := 乙 * 3 斤\n甲 >= 1\n") == [("unknown-unit", 1, 12)]


def test_a_formula_reading_an_ill_typed_formula_is_reported_once_at_the_cause():
    assert problems("甲 := 乙 + 3 元\n丙 := 甲 * 2\n丙 >= 1\n") == [("dimension-mismatch", 1, 8)]


def test_a_unit_defined_over_an_unknown_unit():
    assert problems("unit 甲 = 3 乙\n指标 >= 1 甲\n") == [("unknown-unit", 1, 12), ("unknown-unit", 2, 9)]


@pytest.mark.parametrize(
    ("deadline", "column"), [("1899年6月底前", 11), ("0000年年底前", 11), ("by 1000-01-01", 14), ("by 0000-01-01", 14)]
)
def test_a_deadline_year_outside_1900_to_9999(deadline, column):
    text = f"指标 >= 1 次 {deadline}\n"
    assert problems(text) == [("invalid-date", 1, column)]
    year = int(deadline.removeprefix("by ")[:4])
    assert f"year {year} is out of range (1900-9999)" in message(text)


def test_the_first_and_last_years_are_deadline_years():
    rules = perfrules.compile("指标 >= 1 次 by 1900-01-01\n乙 >= 1 次 by 9999-12-31\n")
    assert [str(indicator.deadline) for indicator in rules.indicators] == ["1900-01-01", "9999-12-31"]


def test_weights_of_a_group_exceeding_it_with_unweighted_siblings():
    text = "一级指标 产出指标 weight 100\n甲 >= 1 次 weight 80\n乙 >= 1 次 weight 30\n丙 >= 1 次\n"
    assert problems(text) == [("weights", 1, 6)]
    assert "group 产出指标 has weight 100, but its parts add up to 110" in message(text)


def test_top_level_weights_exceeding_100_with_unweighted_siblings():
    text = "甲 >= 1 次 weight 80\n乙 >= 1 次 weight 30\n丙 >= 1 次\n"
    assert problems(text) == [("weights", 3, 1)]
    assert "the weights should add up to 100, but they add up to 110" in message(text)


def test_a_mismatch_with_no_unit_to_suggest_has_no_hint():
    text = "fact 丙 in 元\nfact 丁 in 元\n甲 := 乙 + 丙 * 丁\n甲 >= 1\n"
    assert problems(text) == [("dimension-mismatch", 3, 8)]
    assert "hint" not in message(text)


@pytest.mark.parametrize(("declaration", "shown"), [("`两个 字`", "两个 字"), ("次2", "次2"), ("x_y", "x_y")])
def test_a_unit_that_could_not_follow_a_number(declaration, shown):
    text = f"unit {declaration}\n甲 >= 1\n"
    assert problems(text) == [("invalid-unit", 1, 6)]
    assert f"unit {shown} could not be written after a number" in message(text)


def test_an_impossible_day_says_how_many_days_the_month_has_in_both_languages():
    with pytest.raises(RulesetError) as caught:
        perfrules.compile("year 2023\n指标 >= 1 次 by 2023-02-30\n")
    assert "2023-02 has 28 days" in caught.value.render("en")
    assert "2023年2月只有 28 天" in caught.value.render("zh")


def test_a_headings_weight_as_printed_counts_as_its_weight():
    """`产出指标(50分)` and `（50分）` are `weight 50`, checked against their parts the same way."""
    printed = perfrules.compile("一级指标 产出指标(50分)\n甲 >= 1 次\n一级指标 效益指标（50分）\n乙 >= 1 次\n")
    written = perfrules.compile("一级指标 产出指标 weight 50\n甲 >= 1 次\n一级指标 效益指标 weight 50\n乙 >= 1 次\n")
    assert printed.evaluate({}).weights == written.evaluate({}).weights
    assert printed.evaluate({}).weights.groups[("产出指标",)] == 50
    text = "一级指标 产出指标(60分)\n甲 >= 1 次 weight 50\n一级指标 效益指标(40分)\n乙 >= 1 次\n"
    assert problems(text) == [("weights", 1, 6)]
