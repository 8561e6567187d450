"""The fast path for plain facts decides exactly what the general path decides.

A plain value v and the one-observation history [{"value": v, "date": "1900-01-01"}] mean the
same thing, but only the first takes the fast path; every report must agree, statuses, values,
reasons and formula values included. Rulesets, limits and facts are generated: plain, dated and
histories; in bounds and out; ints, Decimals, floats, strings with and without units, labels.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import perfrules
from perfrules.engine import plan
from perfrules.engine.general import General

RULESET = (
    "year 2023\n"
    "scale 不满意 < 基本满意 < 满意\n"
    "检查 >= 4 次 by 2023-06-30\n"
    "平台 == 完成 10月底前\n"
    "满意度 >= 基本满意\n"
    "率 := 甲 / 乙 × 100%\n"
    "率 >= 90%\n"
    "成本 <= 90 万元\n"
    "培训: 培训 >= 5 次 and 测试 >= 5 次 by 2023-09-30\n"
)


@pytest.fixture(scope="module")
def rules():
    """Compiled in each test session, so that every run (and every mutant) compiles it afresh."""
    return perfrules.compile(RULESET)


@pytest.fixture
def fresh_rules():
    """Compiled for the one test: its plans (the fast steps) are made while the test runs."""
    return perfrules.compile(RULESET)


NAMES = ["检查", "平台", "满意度", "甲", "乙", "成本", "培训.培训", "培训.测试"]

LABELS = ["完成", "未完成", "满意", "基本满意", "不满意", "很好", "达成预期指标", "达标"]
days = st.dates(min_value=date(2023, 1, 1), max_value=date(2024, 6, 30))
plain = st.one_of(
    st.integers(min_value=-5, max_value=2_000_000),
    st.decimals(min_value=-10, max_value=10**7, places=2, allow_nan=False, allow_infinity=False),
    st.floats(min_value=-10, max_value=1e6, allow_nan=False),
    st.sampled_from([*LABELS, " 完成", "完成 ", "很好 ", "5 次", "95%", "", True, None]),
)
dated = st.builds(lambda value, day: {"value": value, "date": day.isoformat()}, plain, days)
odd = st.sampled_from(
    [
        {"value": 1, "date": "2023-02-30"},
        {"value": 1, "date": "2023-W01-1"},  # an ISO week date, which date.fromisoformat takes
        {"value": 1, "date": "20230102"},
        {"value": 1, "date": "２０２３-01-02"},
        {"value": 1, "date": ["2023-01-02"]},
        {"value": 1, "date": 20230102},
        {"valu": 1, "date": "2023-01-02"},
        {"value": 1},
        {"date": "2023-01-01"},
        [1],
    ]
)
fact = st.one_of(plain, dated, odd)
fact_sets = st.dictionaries(st.sampled_from(NAMES), fact)


def as_history(value):
    """The same fact as a history, which only the general path reads."""
    if isinstance(value, dict) and set(value) == {"value", "date"}:
        return [value]
    if isinstance(value, (dict, list)):
        return value
    return [{"value": value, "date": "1900-01-01"}]


def agree(rules, facts, as_of):
    fast = rules.evaluate(facts, as_of=as_of).to_dict()
    general = rules.evaluate({name: as_history(value) for name, value in facts.items()}, as_of=as_of).to_dict()
    assert fast == general


@given(facts=fact_sets, as_of=days)
def test_fast_and_general_paths_agree(facts, as_of, rules):
    agree(rules, facts, as_of)


# Generated rulesets: a few indicators of every kind, formulas over shared inputs, and limits
# tight enough that generated facts fall on both sides of every bound.

LIMITS = [
    perfrules.Limits(),
    perfrules.Limits(max_digits=6, max_exponent=4),
    perfrules.Limits(max_digits=34, max_exponent=3),
    perfrules.Limits(max_digits=3, max_exponent=10, max_fact_chars=3),
]
COMPARATORS = [">=", "<=", ">", "<", "==", "!="]
DEADLINES = ["", " by 2023-06-30", " 10月底前", " by 2024-03-31"]
INPUTS = ["甲", "乙", "丙"]


def _formula(tree):
    if isinstance(tree, str):
        return tree
    operator, left, right = tree
    return f"({_formula(left)} {operator} {_formula(right)})"


# Amounts in 元: sums and differences of amounts, and amounts scaled by plain numbers.
amounts = st.recursive(
    st.sampled_from([*INPUTS, "3 元", "1 万元"]),
    lambda children: st.one_of(
        st.tuples(st.sampled_from(["+", "-"]), children, children),
        st.tuples(st.sampled_from(["*", "/"]), children, st.sampled_from(["2", "0.5", "100%", "3"])),
    ),
    max_leaves=4,
)


@st.composite
def rulesets(draw):
    """(ruleset text, {fact name: kind}) where kind is "count", "money", "label", "scale" or "input"."""
    lines = ["year 2023", "scale 不满意 < 基本满意 < 满意", "fact 甲 in 元", "fact 乙 in 元", "fact 丙 in 元"]
    facts = {}
    for index in range(draw(st.integers(min_value=1, max_value=5))):
        kind = draw(st.sampled_from(["count", "money", "label", "scale", "formula", "compound"]))
        op = draw(st.sampled_from(COMPARATORS))
        deadline = draw(st.sampled_from(DEADLINES))
        number = draw(st.sampled_from(["0", "1", "5", "2.5", "999", "0.001"]))
        name = f"指标{index}"
        if kind == "count":
            lines.append(f"{name} {op} {number} 次{deadline}")
            facts[name] = "count"
        elif kind == "money":
            if draw(st.booleans()):
                lines.append(f"fact {name} in 万元")
            lines.append(f"{name} {op} {number} {draw(st.sampled_from(['元', '万元']))}{deadline}")
            facts[name] = "money"
        elif kind == "label":
            lines.append(f"{name} {draw(st.sampled_from(['==', '!=']))} 完成{deadline}")
            facts[name] = "label"
        elif kind == "scale":
            lines.append(f"{name} {op} {draw(st.sampled_from(['不满意', '基本满意', '满意']))}{deadline}")
            facts[name] = "scale"
        elif kind == "formula":
            tree = draw(amounts)
            text = _formula(tree)
            ratio = f"({text}) / 甲 × 100%"
            lines.append(f"公式{index} := {ratio}")
            lines.append(f"公式{index} {op} {number}%{deadline}")
            facts.update(dict.fromkeys(["甲", *(name for name in INPUTS if name in text)], "input"))
        else:
            lines.append(f"{name}: 甲项 {op} {number} 次 and 乙项 == 完成{deadline}")
            facts[f"{name}.甲项"] = "count"
            facts[f"{name}.乙项"] = "label"
    return "\n".join(lines) + "\n", facts


numbers = st.one_of(
    st.integers(min_value=-(10**6), max_value=10**6),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.sampled_from([10**k for k in (3, 4, 5, 6, 33, 34, 35, 40)] + [-(10**34), 10**34 - 1, 0]),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.decimals(min_value=-(10**6), max_value=10**6, places=3, allow_nan=False, allow_infinity=False),
    st.sampled_from([Decimal("1E+150"), Decimal("1E-150"), Decimal("-0"), Decimal("1.000000"), Decimal("sNaN")]),
    st.floats(),
    st.floats(min_value=-(10**7), max_value=10**7),
    st.sampled_from([True, False, None]),
)
texts = st.one_of(
    st.sampled_from(
        [
            "5",
            "5 次",
            " 5 次 ",
            "1,234.5 万元",
            "12 元",
            "1e3",
            "1,00,000",
            "95%",
            "五",
            "完成",
            " 完成",
            "完成 ",
            "未完成",
            "满意",
            "基本满意",
            "不满意",
            "ｘ",
            "完\u200b成",
            "完成\x00",
            "",
            "   ",
            "完成完成",
            "１２",
            "٣",
        ]
    ),
    st.text(max_size=6),
)
raw_values = st.one_of(numbers, texts)
observations = st.builds(lambda value, day: {"value": value, "date": day.isoformat()}, raw_values, days)
values = st.one_of(
    raw_values,
    raw_values,
    observations,
    st.lists(observations, max_size=3),
    st.sampled_from([{"value": 1, "date": "2023-02-30"}, {"value": 1}, {"date": "2023-01-01"}, [1], {}]),
)


CASES = {
    "source": rulesets(),
    "limits": st.sampled_from(LIMITS),
    "chosen": st.dictionaries(st.sampled_from(["甲", "乙", "丙", *(f"指标{i}" for i in range(5))]), values),
    "as_of": st.dates(min_value=date(2022, 12, 1), max_value=date(2024, 6, 30)),
}
"""A generated ruleset, limits, facts drawn for it (spread over its facts by `spread`) and a date:
what every test holding two evaluations of one ruleset together draws."""


@example(
    source=("year 2023\nfact 甲 in 元\nfact 乙 in 元\n公式 := 甲 / 乙 × 100%\n公式 >= 90%\n", {"甲": "input"}),
    limits=perfrules.Limits(),
    chosen={"甲": Decimal("1E+150"), "乙": 1},
    as_of=date(2023, 12, 31),
)
@example(
    source=("year 2023\nfact 甲 in 元\nfact 乙 in 元\n公式 := 甲 / 乙 × 100%\n公式 >= 90%\n", {"甲": "input"}),
    limits=perfrules.Limits(),
    chosen={"甲": 10**34 + 1, "乙": 1},
    as_of=date(2023, 12, 31),
)
@example(
    source=("year 2023\n指标 >= 1 次\n", {"指标": "count"}),
    limits=perfrules.Limits(max_digits=34, max_exponent=3),
    chosen={"指标": 10**10},
    as_of=date(2023, 12, 31),
)
@example(
    source=("year 2023\n指标 == 完成\n", {"指标": "label"}),
    limits=perfrules.Limits(max_fact_chars=1),
    chosen={"指标": "完成"},
    as_of=date(2023, 12, 31),
)
@given(**CASES)
def test_paths_agree_on_generated_rulesets_limits_and_facts(source, limits, chosen, as_of):
    text, facts = source
    rules = perfrules.compile(text, limits=limits)
    agree(rules, spread(chosen, facts), as_of)


def spread(chosen: dict, facts: dict) -> dict:
    """The drawn values spread over the facts a generated ruleset reads, compound parts included."""
    names = sorted(facts)
    return {
        (names[index % len(names)] if name not in facts else name): value
        for index, (name, value) in enumerate(sorted(chosen.items()))
    }


PLAIN_FACTS = {
    "检查": 5,
    "平台": "完成",
    "满意度": "满意",
    "甲": 9,
    "乙": Decimal(10),
    "成本": 80,
    "培训": {"培训": 6, "测试": Decimal(4)},
}


def test_plain_facts_take_the_fast_path(monkeypatch, rules):
    """Plain numbers and labels within bounds are decided without the general path."""

    def general(*_arguments):
        raise AssertionError("the general path was taken")

    monkeypatch.setattr(General, "fallback", general)
    facts = PLAIN_FACTS
    report = rules.evaluate(facts, as_of=date(2023, 12, 31))
    assert report.statuses() == [perfrules.Status.MET] * 5 + [perfrules.Status.NOT_MET]
    dated_fact = {**facts, "检查": {"value": 5, "date": "2023-01-02"}}  # one dated value is plain too
    assert rules.evaluate(dated_fact, as_of=date(2023, 12, 31))["检查"].status is perfrules.Status.MET
    with pytest.raises(AssertionError, match="general path"):
        rules.evaluate({**facts, "甲": [{"value": 9, "date": "2023-01-01"}]})


def test_dated_values_take_the_fast_path_on_days_not_seen_before(monkeypatch, fresh_rules):
    """A day the fast path has not parsed yet is parsed there, not left to the general path."""

    def general(*_arguments):
        raise AssertionError("the general path was taken")

    monkeypatch.setattr(General, "fallback", general)
    plan.DAYS.clear()  # a cache of days already parsed: empty it, so that every day is new
    for offset in range(3):
        day = date(2023, 1, 1) + timedelta(days=offset)
        facts = {**PLAIN_FACTS, "检查": {"value": 5, "date": day.isoformat()}}
        assert fresh_rules.evaluate(facts, as_of=date(2023, 12, 31))["检查"].status is perfrules.Status.MET


def test_a_dated_value_with_a_wrong_key_is_invalid_even_on_a_known_day(fresh_rules):
    rules = fresh_rules
    as_of = date(2023, 12, 31)
    known = {**PLAIN_FACTS, "检查": {"value": 5, "date": "2023-01-02"}}
    assert rules.evaluate(known, as_of=as_of)["检查"].status is perfrules.Status.MET  # the day is now known
    for wrong in ({"valu": 5, "date": "2023-01-02"}, {"value": 5, "date": "2023-01-02", "note": "x"}):
        assert rules.evaluate({**known, "检查": wrong}, as_of=as_of)["检查"].status is perfrules.Status.INVALID


def test_batch_matches_one_at_a_time(rules):
    fact_sets = [{"检查": count, "甲": Decimal(count), "乙": 5} for count in range(10)]
    one_by_one = [rules.evaluate(facts, as_of=date(2023, 7, 1)).to_dict() for facts in fact_sets]
    batch = [report.to_dict() for report in rules.evaluate_many(fact_sets, as_of=date(2023, 7, 1))]
    assert batch == one_by_one
