"""Formulas over facts the ruleset gives no unit, checked with the units the facts come with."""

from datetime import date

import pytest

import perfrules
from perfrules import Status

YEAR_END = date(2023, 12, 31)


def status(text, facts):
    rules = perfrules.compile("year 2023\n" + text)
    name = rules.indicators[-1].name
    return rules.evaluate(facts, as_of=YEAR_END)[name]


@pytest.mark.parametrize(
    ("text", "facts", "expected"),
    [
        # a product is not a quotient: 元 × 元 is no ratio
        ("率 := a * b\n率 >= 1\n", {"a": "2 元", "b": "3 元"}, Status.INVALID),
        ("率 := a / b\n率 >= 0.5\n", {"a": "2 元", "b": "3 元"}, Status.MET),
        # a sign keeps the dimension of what it signs
        ("差 := -a + b\n差 >= 0\n", {"a": "2 元", "b": "3 次"}, Status.INVALID),
        ("率 := (-a + b) / b\n率 >= 0.1\n", {"a": "2 元", "b": "3 元"}, Status.MET),
        # through another formula
        ("比 := a / b\n率 := 比 × 100%\n率 >= 60%\n", {"a": "2 万元", "b": "30000 元"}, Status.MET),
        ("比 := a / b\n率 := 比 × 100%\n率 >= 60%\n", {"a": "2 万元", "b": "3 次"}, Status.INVALID),
        # against a budget constant, in its unit
        ("budget {\n    总额 := 3 万元\n}\n额 := a * 总额\n额 >= 1 万元\n", {"a": "50%"}, Status.MET),
        # against a declared fact, in its unit
        ("fact 乙 in 元\n额 := a * 乙\n额 >= 1 万元\n", {"a": "50%", "乙": 30000}, Status.MET),
        # a number with a unit in the formula, signed, and inside another formula
        ("额 := a * 2 元\n额 >= 1 元\n", {"a": "50%"}, Status.MET),
        ("额 := a * -(2 元)\n额 <= 0 元\n", {"a": "50%"}, Status.MET),
        ("额 := a * 2 元\n总 := 额 + 额\n总 >= 1 元\n", {"a": "50%"}, Status.MET),
    ],
)
def test_units_facts_come_with_are_checked_through_every_operator(text, facts, expected):
    assert status(text, facts).status is expected


def test_the_reason_names_the_formula_and_the_dimensions():
    result = status("率 := a * b\n率 >= 1\n", {"a": "2 元", "b": "3 元"})
    assert result.reason == "按事实自带的单位，“率”算得元^2，而规则集按比率或纯数值比较"
    assert result.to_dict()["detail_code"] == "formula-in-other-dimension"
