"""The fast path decides plain facts by itself, and decides them as the general path does.

tests/engine/test_fast_path.py compares whole reports, which cannot tell a fast step that gives up
(and leaves the fact to the general path) from one that decides: both give the same report. Here
each step of a plan is run on its own: for a plain value (a number within bounds, a label the
ruleset names, either one with a date, or nothing at all; a formula's inputs all given, undated,
in the unit of bare numbers or not)
it must return a record, never hand over, and its record must be the general path's, outcome
included.
"""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfrules.engine.compiler import compile_program
from perfrules.engine.general import General
from perfrules.engine.plan import Plan
from perfrules.engine.status import INVALID, STATUS_ORDER
from perfrules.errors import Source
from perfrules.language.build import build
from perfrules.language.check import check
from perfrules.language.parser import parse

TEXT = (
    "year 2023\n"
    "scale 不满意 < 基本满意 < 满意\n"
    "检查 >= 4 次 by 2023-06-30\n"
    "平台 == 完成 10月底前\n"
    "满意度 >= 基本满意\n"
    "率 := 甲 / 乙 × 100%\n"
    "率 >= 90%\n"
    "成本 <= 90 万元\n"
    "均摊 := 成本 / 2\n"
    "均摊 <= 40 万元\n"
    "培训: 培训 >= 5 次 and 测试 >= 5 次 by 2023-09-30\n"
)


def program_of(text: str):
    source = Source(text, "<plan>")
    return compile_program(check(build(parse(source), source), source))


PROGRAM = program_of(TEXT)
# Days on and around the deadlines (06-30, 09-30, 10-31, 12-31), so that a dated value falls on
# a deadline or on the evaluation day as often as between them.
DAYS = st.sampled_from(
    [date(2023, month, day) for month, day in ((1, 1), (6, 29), (6, 30), (7, 1), (9, 30), (10, 31), (11, 1))]
    + [date(2023, 12, 31), date(2024, 1, 1)]
)
NUMBERS = st.one_of(
    st.integers(min_value=-3, max_value=120), st.decimals(min_value=-3, max_value=200, places=2, allow_nan=False)
)
LABELS = st.sampled_from(["完成", "未完成", "满意"])
SCALE = st.sampled_from(["满意", "基本满意", "不满意"])  # a label outside the scale is not plain


def dated(values):
    return values | st.builds(lambda value, day: {"value": value, "date": day.isoformat()}, values, DAYS)


FACTS = st.fixed_dictionaries(
    {},
    optional={
        "检查": dated(NUMBERS),
        "平台": dated(LABELS),
        "满意度": dated(SCALE),
        "甲": NUMBERS,
        "乙": st.integers(min_value=1, max_value=100) | st.decimals(min_value=1, max_value=100, places=1),
        "成本": dated(NUMBERS),
        "培训.培训": dated(NUMBERS),
        "培训.测试": dated(NUMBERS),
    },
)


@given(facts=FACTS, as_of=DAYS)
def test_each_step_decides_plain_facts_as_the_general_path_does(facts, as_of):
    plan = Plan(PROGRAM, as_of)
    general = General(PROGRAM, plan, facts)
    values = dict(PROGRAM.constants)
    for indicator, steps in zip(PROGRAM.indicators, plan.parts, strict=True):
        for condition, step in zip(indicator.conditions, steps, strict=True):
            given = [facts.get(name) for name in condition.inputs]
            if condition.formulas and any(value is None or isinstance(value, dict) for value in given):
                continue  # a formula missing an input, or reading a dated one, is left to the general path
            record = step(facts, values)
            assert record is not None, f"{condition.subject} was handed to the general path"
            assert record == general.decide(condition), condition.subject


@pytest.mark.parametrize(
    ("value", "day", "as_of", "status", "met_on"),
    [
        (5, "2023-07-01", date(2023, 12, 31), "NOT_MET", date(2023, 7, 1)),  # met, after the deadline
        (5, "2023-07-01", date(2023, 7, 1), "NOT_MET", date(2023, 7, 1)),  # observed on the day asked about
        (3, "2023-07-01", date(2023, 12, 31), "NOT_MET", None),  # after the deadline, and not met then either
        (5, "2023-07-02", date(2023, 7, 1), "MISSING", None),  # observed after the day asked about
        (5, "2023-06-30", date(2023, 12, 31), "MET", None),  # on the deadline
    ],
)
def test_a_value_dated_around_the_deadline_is_decided_by_the_step(value, day, as_of, status, met_on):
    """Nothing in force on the deadline and a value after it: NOT_MET, with when it was met, if it was."""
    plan = Plan(PROGRAM, as_of)
    facts = {"检查": {"value": value, "date": day}}
    (condition,) = PROGRAM.indicators[0].conditions
    record = plan.parts[0][0](facts, {})
    assert record == General(PROGRAM, plan, facts).decide(condition)
    assert STATUS_ORDER[record[0]].name == status
    assert (record[2].met_on if record[2] is not None else None) == met_on


def test_a_formula_input_at_the_bound_is_read_in_full_and_refused():
    """The largest whole number a fact may hold is taken as it is; one more is not, by either path."""
    program = program_of("f := a + 1\nf >= 1\n")
    plan = Plan(program, None)
    (condition,) = program.indicators[0].conditions
    largest = 10**34 - 1
    for value, taken in ((largest, True), (-largest, True), (largest + 1, False), (-largest - 1, False)):
        values: dict = {}
        try:
            record = plan.parts[0][0]({"a": value}, values)
        except ArithmeticError:
            record = None
        assert ("a" in values) is taken, value
        general = General(program, plan, {"a": value}).decide(condition)
        assert (general[0] == INVALID) is not taken  # refused exactly when it is not taken
        assert record is None or record == general


def test_a_decimal_formula_input_is_taken_as_it_is():
    plan = Plan(PROGRAM, date(2023, 12, 31))
    values: dict = {}
    rate = PROGRAM.indicators[3]
    record = plan.parts[3][0]({"甲": Decimal("9.5"), "乙": 10}, values)
    assert record[1] == Decimal("95") / 100 and values["甲"] == Decimal("9.5")
    assert rate.name == "率"
