"""Property tests of comparator, unit, arithmetic and deadline semantics."""

import operator
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from hypothesis import assume, given
from hypothesis import strategies as st

import perfrules
from perfrules import Status

OPERATORS = {
    ">=": operator.ge,
    "<=": operator.le,
    "==": operator.eq,
    "!=": operator.ne,
    ">": operator.gt,
    "<": operator.lt,
}
NEGATION = {">=": "<", "<": ">=", "<=": ">", ">": "<=", "==": "!=", "!=": "=="}

exact = st.decimals(min_value=-(10**12), max_value=10**12, allow_nan=False, allow_infinity=False, places=4)
comparators = st.sampled_from(sorted(OPERATORS))


def evaluate(text, facts, as_of=None):
    return perfrules.compile(text).evaluate(facts, as_of=as_of)


def literal(value: Decimal) -> str:
    return format(value, "f")


@given(x=exact, t=exact, op=comparators)
def test_comparison_is_met_exactly_when_it_holds(x, t, op):
    status = evaluate(f"指标 {op} {literal(t)} 元\n", {"指标": x})["指标"].status
    assert status is (Status.MET if OPERATORS[op](x, t) else Status.NOT_MET)


@given(x=exact, t=exact)
def test_trichotomy(x, t):
    rules = perfrules.compile(f"小于 < {literal(t)} 次\n等于 == {literal(t)} 次\n大于 > {literal(t)} 次\n")
    report = rules.evaluate({"小于": x, "等于": x, "大于": x})
    assert sum(result.status is Status.MET for result in report.values()) == 1


@given(x=exact, t=exact, op=comparators)
def test_negation_duality(x, t, op):
    rules = perfrules.compile(f"甲 {op} {literal(t)} 次\n乙 {NEGATION[op]} {literal(t)} 次\n")
    report = rules.evaluate({"甲": x, "乙": x})
    assert {report["甲"].status, report["乙"].status} == {Status.MET, Status.NOT_MET}


@given(x=exact, t=exact, op=comparators)
def test_wan_yuan_and_yuan_agree(x, t, op):
    in_wan = evaluate(f"成本 {op} {literal(t)} 万元\n", {"成本": f"{literal(x)} 元"})["成本"].status
    in_yuan = evaluate(f"成本 {op} {literal(t * 10000)} 元\n", {"成本": x})["成本"].status
    assert in_wan is in_yuan


@given(x=exact, t=exact, op=comparators)
def test_percent_and_ratio_agree(x, t, op):
    as_percent = evaluate(f"比率 {op} {literal(t)}%\n", {"比率": f"{literal(x)}%"})["比率"].status
    as_ratio = evaluate(f"比率 {op} {literal(t / 100)}\n", {"比率": x / 100})["比率"].status
    formula = evaluate(f"比率 := 甲 / 乙 × 100%\n比率 {op} {literal(t)}%\n", {"甲": x, "乙": 100})["比率"].status
    assert as_percent is as_ratio is formula


small = st.decimals(min_value=-(10**6), max_value=10**6, allow_nan=False, allow_infinity=False, places=6)


@given(a=small, b=small, c=small, d=small)
def test_addition_subtraction_multiplication_are_exact(a, b, c, d):
    report = evaluate("值 := 甲 + 乙 - 丙 × 丁\n值 >= 0\n", {"甲": a, "乙": b, "丙": c, "丁": d})
    value = report.formulas["值"].amount
    assert Fraction(value) == Fraction(a) + Fraction(b) - Fraction(c) * Fraction(d)


@given(a=small, b=small)
def test_division_is_rounded_to_34_significant_digits(a, b):
    assume(b != 0)
    value = evaluate("值 := 甲 ÷ 乙\n值 >= 0\n", {"甲": a, "乙": b}).formulas["值"].amount
    exact_value = Fraction(a) / Fraction(b)
    if exact_value == 0:
        assert value == 0
        return
    unit_in_last_place = Fraction(10) ** (value.adjusted() - 33)
    assert abs(Fraction(value) - exact_value) <= unit_in_last_place / 2


observations = st.lists(
    st.tuples(st.integers(min_value=0, max_value=730), st.integers(min_value=0, max_value=10)),
    max_size=6,
    unique_by=lambda pair: pair[0],
)


@given(
    history=observations,
    first=st.integers(min_value=0, max_value=400),
    later=st.integers(min_value=0, max_value=400),
    op=comparators,
)
def test_status_never_changes_once_final(history, first, later, op):
    start = date(2023, 1, 1)
    deadline = date(2023, 10, 31)
    facts = {"检查": [{"value": count, "date": (start + timedelta(days=day)).isoformat()} for day, count in history]}
    rules = perfrules.compile(f"检查 {op} 4 次 by 2023-10-31\n")
    first_day = deadline + timedelta(days=first)
    second_day = first_day + timedelta(days=later)
    one = rules.evaluate(facts, as_of=first_day)["检查"]
    two = rules.evaluate(facts, as_of=second_day)["检查"]
    assert one.final and two.final
    if one.status is Status.MISSING:
        assert two.status in (Status.MISSING, Status.NOT_MET)
    else:
        assert two.status is one.status
        assert two.value == one.value


labels = ["不满意", "基本满意", "满意", "非常满意"]


@given(actual=st.sampled_from(labels), wanted=st.sampled_from(labels), op=comparators)
def test_scale_order_matches_rank_order(actual, wanted, op):
    rules = perfrules.compile(f"scale {' < '.join(labels)}\n满意度 {op} {wanted}\n")
    status = rules.evaluate({"满意度": actual})["满意度"].status
    holds = OPERATORS[op](labels.index(actual), labels.index(wanted))
    assert status is (Status.MET if holds else Status.NOT_MET)
