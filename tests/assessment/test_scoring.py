"""Scoring (绩效自评) and monitoring (绩效监控): each rule, and its properties."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfrules
from perfrules import ScoringPolicy
from perfrules.assessment.scoring import grade, quantitative_share

OPS = [">=", ">", "<=", "<", "==", "!="]
amounts = st.decimals(min_value=-50, max_value=500, places=2, allow_nan=False, allow_infinity=False)
targets = st.decimals(min_value=0, max_value=200, places=2, allow_nan=False, allow_infinity=False)


def card(text, facts, policy=None, as_of=date(2023, 12, 31)):
    return perfrules.compile("year 2023\n" + text).evaluate(facts, as_of=as_of).score(policy)


@given(op=st.sampled_from(OPS), target=targets, actual=amounts, reverse=st.sampled_from(["linear", "ratio"]))
def test_every_score_lies_in_zero_to_weight_and_is_full_exactly_when_met(op, target, actual, reverse):
    result = card(f"x {op} {target} 次 weight 100\n", {"x": actual}, ScoringPolicy(reverse=reverse))
    (row,) = result.rows
    assert Decimal(0) <= row.score <= row.weight
    if op == "==" and target == 0:
        return  # the zero-target rule scores the clamped actual (docs/scoring.md)
    assert (row.score == row.weight) == (row.status == "MET")


@given(
    op=st.sampled_from([">=", ">", "<=", "<"]),
    target=targets.filter(lambda value: value > 0),
    low=amounts,
    high=amounts,
    reverse=st.sampled_from(["linear", "ratio"]),
)
def test_score_is_monotone_in_the_actual(op, target, low, high, reverse):
    low, high = sorted([low, high])
    scores = [
        card(f"x {op} {target} 次 weight 100\n", {"x": value}, ScoringPolicy(reverse=reverse)).rows[0].score
        for value in (low, high)
    ]
    if op in (">=", ">"):
        assert scores[0] <= scores[1]
    else:
        assert scores[0] >= scores[1]


@given(values=st.lists(amounts, min_size=3, max_size=3), places=st.sampled_from([0, 2]))
def test_totals_are_the_sums_of_the_rounded_rows(values, places):
    text = "一级指标 甲\na >= 10 次\nb <= 20 次\n一级指标 乙\nc >= 30 次\n"
    result = card(text, dict(zip("abc", values, strict=True)), ScoringPolicy(places=places))
    assert result.total == sum(row.score for row in result.rows)
    for group in result.groups:
        assert group.score == sum(row.score for row in result.rows if row.group[: len(group.path)] == group.path)


def test_grade_boundaries_are_exact():
    assert [grade(Decimal(value)) for value in ("100", "90", "89.99", "80", "79.99", "60", "59.99", "0")] == [
        "优",
        "优",
        "良",
        "良",
        "中",
        "中",
        "差",
        "差",
    ]


def test_quantitative_rules_with_worked_numbers():
    assert quantitative_share(">=", Fraction(20), Fraction(18), False, "linear") == Fraction(9, 10)
    assert quantitative_share("<=", Fraction(20), Fraction(25), False, "linear") == Fraction(3, 4)
    assert quantitative_share("<=", Fraction(20), Fraction(40), False, "linear") == 0
    assert quantitative_share("<=", Fraction(20), Fraction(25), False, "ratio") == Fraction(4, 5)
    assert quantitative_share("==", Fraction(0), Fraction(0), True, "linear") == 1
    assert quantitative_share("==", Fraction(0), Fraction(3), False, "linear") == 0
    assert quantitative_share(">=", Fraction(20), Fraction(-5), False, "linear") == 0


def test_a_strict_target_missed_at_the_boundary_is_not_full():
    (row,) = card("x > 10 次 weight 100\n", {"x": 10}).rows
    assert (row.status, row.score) == ("NOT_MET", Decimal("99.99"))


def test_a_share_that_would_round_to_the_full_weight_stays_below_it():
    """99.97% of a ≥ 100% target at weight 10 earns 9.997: shown 9.99, not the full 10.00."""
    text = "率 >= 100% weight 10\n其他 >= 1 次 weight 90\n"
    (row, _other) = card(text, {"率": "99.97%", "其他": 1}).rows
    assert (row.status, row.score) == ("NOT_MET", Decimal("9.99"))
    (row, _other) = card(text, {"率": "99.94%", "其他": 1}).rows
    assert row.score == Decimal("9.99")  # 9.994 rounds to 9.99 as it would anyway
    (row, _other) = card(text, {"率": "99.5%", "其他": 1}).rows
    assert row.score == Decimal("9.95")


def test_qualitative_bands_and_given_scores():
    text = "社会效益 == 良好 weight 60\n满意度 == 满意 weight 40\n"
    result = card(text, {"社会效益": "良好", "满意度": "一般"})
    assert [(row.band, row.score, row.defaulted) for row in result.rows] == [
        ("达成年度指标", Decimal("60.00"), False),
        ("未达成年度指标且效果较差", Decimal("0.00"), True),
    ]
    lower = card(text, {"社会效益": "良好", "满意度": "一般"}, perfrules.ScoringPolicy(qualitative="lower"))
    assert [(row.score, row.defaulted) for row in lower.rows] == [(Decimal("48.00"), True), (Decimal("0.00"), True)]
    given = card(text, {"社会效益": "良好", "社会效益:档次": "部分达成年度指标并具有一定效果", "社会效益:得分": 45})
    assert (given.rows[0].band, given.rows[0].score, given.rows[0].defaulted) == (
        "部分达成年度指标并具有一定效果",
        Decimal("45.00"),
        False,
    )
    with pytest.raises(perfrules.FactsError, match="不在"):
        card(text, {"社会效益:档次": "部分达成年度指标并具有一定效果", "社会效益:得分": 50})
    with pytest.raises(perfrules.FactsError, match="must be one of"):
        card(text, {"社会效益:档次": "很好"})


def test_not_applicable_indicators_are_excluded_and_the_rest_rescaled():
    text = "a >= 1 次 weight 50\nb >= 1 次 weight 30\nc >= 1 次 weight 20\n"
    facts = {"a": 1, "b": 0, "c": 1, "不适用": ["b"]}
    kept = card(text, facts)
    assert kept.total == Decimal("70.00")
    rescaled = card(text, facts, ScoringPolicy(exclude_not_applicable=True))
    assert [row.weight for row in rescaled.rows] == [Decimal("71.43"), Decimal("0.00"), Decimal("28.57")]
    assert rescaled.total == Decimal("100.00")
    assert rescaled.grade == "优"
    assert not perfrules.compile(text).evaluate(facts).warnings


def test_flags_for_overachievement_execution_and_misses():
    text = "预算执行率 >= 90% weight 50\n检查 >= 10 次 weight 50\n"
    rows = card(text, {"预算执行率": 85, "检查": 13}).rows
    assert rows[0].flags == ("未达成目标", "预算执行率低于90%")
    assert rows[1].flags == ("超过目标30%以上",)


def test_whole_points():
    (row,) = card("x >= 3 次 weight 100\n", {"x": 2}, ScoringPolicy(places=0)).rows
    assert row.score == Decimal("67")


def test_default_weights_follow_the_ministry_split_where_groups_match():
    text = (
        "预算执行率 >= 90%\n一级指标 产出指标\na >= 1\nb >= 1\n一级指标 效益指标\nc >= 1\n一级指标 满意度指标\nd >= 1\n"
    )
    result = card(text, {})
    assert result.basis == "ministry"
    assert [row.weight for row in result.rows] == [
        Decimal("10.00"),
        Decimal("25.00"),
        Decimal("25.00"),
        Decimal("30.00"),
        Decimal("10.00"),
    ]
    no_satisfaction = card("一级指标 产出指标\na >= 1\n一级指标 效益指标\nc >= 1\n", {})
    assert [row.weight for row in no_satisfaction.rows] == [Decimal("55.56"), Decimal("44.44")]


def test_weights_that_do_not_add_up_are_positioned_errors():
    with pytest.raises(
        perfrules.RulesetError, match="group 产出指标 has weight 60, but its parts add up to 50"
    ) as caught:
        perfrules.compile("一级指标 产出指标 weight 60\na >= 1 weight 50\n一级指标 效益指标 weight 40\nb >= 1\n")
    assert (caught.value.line, caught.value.column) == (1, 6)


def test_policy_fields_are_checked():
    with pytest.raises(perfrules.UsageError):
        ScoringPolicy(reverse="sideways")
    with pytest.raises(perfrules.UsageError):
        ScoringPolicy(places=7)


def test_monitoring_time_progress_execution_and_outlook():
    text = "budget {\n  部门预算总额 := 100 万元\n}\nfact 执行数 in 万元\n检查 >= 12 次\n平台 == 完成 10月底前\n"
    rules = perfrules.compile("year 2023\n" + text)
    sheet = rules.evaluate({"执行数": 30, "检查": 7, "平台": "未完成"}, as_of=date(2023, 6, 30)).monitor()
    assert sheet.time_progress == Decimal("0.4959")
    assert sheet.execution_progress == Decimal("0.3000")
    assert sheet.warning is not None
    assert [(row.likelihood, row.light) for row in sheet.rows] == [("有可能", "yellow"), ("有可能", "yellow")]
    slow = rules.evaluate({"执行数": 50, "检查": 5}, as_of=date(2023, 6, 30)).monitor()
    assert slow.warning is None
    assert (slow.rows[0].likelihood, slow.rows[0].reason) == (
        "有可能",
        "按当前进度线性推算，截止日期前预计只有 10.1 次，需加快进度",
    )
    late = rules.evaluate({"检查": 12, "平台": "未完成"}, as_of=date(2023, 11, 30)).monitor()
    assert [row.likelihood for row in late.rows] == ["确定能", "不可能"]
