"""Each scoring rule of docs/scoring.md pinned with worked numbers, at and around its boundaries:
the comparators' rules, the strict-target step, qualitative bands, exclusions, flags, group order,
the policy's places and the scorecard's JSON."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

import perfrules
from perfrules import FactsError, ScoringPolicy, UsageError
from perfrules.assessment.scoring import quantitative_share

D = Decimal
F = Fraction
TOP, MIDDLE, BOTTOM = "达成年度指标", "部分达成年度指标并具有一定效果", "未达成年度指标且效果较差"


def card(text, facts, policy=None, as_of=date(2023, 12, 31)):
    return perfrules.compile("year 2023\n" + text).evaluate(facts, as_of=as_of).score(policy)


def only(text, facts, policy=None):
    """The one row of a one-indicator ruleset (weight 100)."""
    (row,) = card(text, facts, policy).rows
    return row


# places


def test_four_places_is_the_finest_rounding_allowed():
    """places=4 is accepted and rounds each score to four decimals (2 of ≥3 → 66.6667)."""
    row = only("x >= 3 次\n", {"x": 2}, ScoringPolicy(places=4))
    assert (row.weight, row.score) == (D("100.0000"), D("66.6667"))


def test_five_places_is_refused():
    """places=5 is a usage error naming the allowed range."""
    with pytest.raises(UsageError) as caught:
        ScoringPolicy(places=5)
    assert str(caught.value) == "places must be a whole number from 0 to 4, not 5"


# quantitative rules


def test_a_zero_target_other_than_equality_scores_a_miss_as_zero():
    """≥ 0 missed (a negative actual) and ≤ 0 missed score 0, not the `= 0` rule's full share."""
    assert quantitative_share(">=", F(0), F(-5), False, "linear") == 0
    assert quantitative_share("<=", F(0), F(3), False, "linear") == 0
    assert only("x >= 0 次\n", {"x": -5}).score == D("0.00")
    assert only("事故 <= 0 起\n", {"事故": 3}).score == D("0.00")


def test_an_equal_to_zero_target_gives_nothing_for_any_positive_actual():
    """`= 0`: an actual of 1, or even ½, earns 0; a negative one counts as 0 and earns the share."""
    assert quantitative_share("==", F(0), F(1), False, "linear") == 0
    assert quantitative_share("==", F(0), F(1, 2), False, "linear") == 0
    assert quantitative_share("==", F(0), F(-3), False, "linear") == 1
    assert only("事故 == 0 起\n", {"事故": 1}).score == D("0.00")


def test_an_equal_to_nonzero_target_is_scored_as_at_least():
    """`= t` with t ≠ 0 scores a / t (t = 1, a = ½ → ½; 8 of 10 → 80.00), capped at the full share."""
    assert quantitative_share("==", F(1), F(1, 2), False, "linear") == F(1, 2)
    assert quantitative_share("==", F(10), F(15), False, "linear") == 1
    assert only("x == 10 次\n", {"x": 8}).score == D("80.00")


def test_a_missed_not_equal_target_scores_nothing():
    """≠ 5 missed (the actual is 5) scores 0, not a / t."""
    assert quantitative_share("!=", F(5), F(5), False, "linear") == 0
    assert only("x != 5 次\n", {"x": 5}).score == D("0.00")


def test_targets_below_one_are_scored_by_the_ordinary_rules():
    """A target of 0.8 missed at 0.6 scores 75.00; a ceiling of 0.5 passed at 0.6 scores 80.00 (linear)."""
    assert quantitative_share(">=", F(1, 2), F(1, 4), False, "linear") == F(1, 2)
    assert only("系数 >= 0.8\n", {"系数": "0.6"}).score == D("75.00")
    assert only("系数 <= 0.5\n", {"系数": "0.6"}).score == D("80.00")


def test_strictly_less_than_missed_falls_linearly_like_at_most():
    """< 20% missed at 25% scores 75.00 and at 40% nothing, as ≤ does."""
    assert only("x < 20%\n", {"x": 25}).score == D("75.00")
    assert only("x < 20%\n", {"x": 40}).score == D("0.00")


def test_the_linear_reverse_rule_reaches_zero_at_twice_the_target():
    """≤ 20% (w = 10): 39% → 0.50, 40% → 0.00, 41% → 0.00."""
    text = "x <= 20% weight 10\ny >= 1 次\n"
    assert [card(text, {"x": actual, "y": 1}).rows[0].score for actual in (39, 40, 41)] == [
        D("0.50"),
        D("0.00"),
        D("0.00"),
    ]


def test_the_ratio_reverse_policy_scores_target_over_actual():
    """reverse=ratio: ≤ 20% at 25% → 8.00 of 10; < 20% at 40% → 5.00; ≤ 0.5 at 1 → 50.00 of 100."""
    ratio = ScoringPolicy(reverse="ratio")
    assert card("x <= 20% weight 10\ny >= 1 次\n", {"x": 25, "y": 1}, ratio).rows[0].score == D("8.00")
    assert card("x < 20% weight 10\ny >= 1 次\n", {"x": 40, "y": 1}, ratio).rows[0].score == D("5.00")
    assert only("系数 <= 0.5\n", {"系数": 1}, ratio).score == D("50.00")


def test_the_ratio_reverse_rule_with_an_actual_of_zero_or_less_is_the_full_share():
    """reverse=ratio: t / a is not taken when a ≤ 0; nothing done stays within the ceiling (share 1)."""
    assert quantitative_share("<=", F(20), F(0), False, "ratio") == 1
    assert quantitative_share("<", F(20), F(-3), False, "ratio") == 1
    assert quantitative_share("<=", F(1, 2), F(1), False, "ratio") == F(1, 2)
    assert quantitative_share("<", F(1, 2), F(3, 4), False, "ratio") == F(2, 3)


def test_a_strict_target_missed_at_its_boundary_is_one_step_below_its_shown_weight():
    """Three equal rows (33.33 each): > 10 missed at 10 scores 33.32 (places 2) and 33.3332 (places 4)."""
    text = "a > 10 次\nb >= 1 次\nc >= 1 次\n"
    facts = {"a": 10, "b": 1, "c": 1}
    assert [row.score for row in card(text, facts).rows] == [D("33.32"), D("33.33"), D("33.33")]
    assert card(text, facts, ScoringPolicy(places=4)).rows[0].score == D("33.3332")


def test_a_strict_target_missed_with_a_weight_of_one_step_or_less():
    """Weight 1, > 10 missed at 10: 0.99 (places 2), and 0 in whole points, never the full weight."""
    text = "x > 10 次 weight 1\ny >= 1 次 weight 99\n"
    facts = {"x": 10, "y": 1}
    assert card(text, facts).rows[0].score == D("0.99")
    assert card(text, facts, ScoringPolicy(places=0)).rows[0].score == D("0")


def test_a_target_missed_for_want_of_a_value_on_its_deadline_scores_nothing():
    """NOT_MET because nothing was in force on the deadline (a value came later): 0.00."""
    facts = {"x": [{"value": 0, "date": "2023-07-15"}]}
    row = only("x <= 5 次 by 2023-06-30\n", facts)
    assert (row.status, row.actual, row.score) == ("NOT_MET", "—", D("0.00"))


# compound indicators


def test_a_compound_averages_its_parts_shares_with_an_overshot_equality_capped():
    """Parts = 10 at 15 (share 1, not 1.5) and ≥ 10 at 5 (share ½) → 75.00."""
    row = only("c: a == 10 次 and b >= 10 次\n", {"c.a": 15, "c.b": 5})
    assert (row.status, row.score) == ("NOT_MET", D("75.00"))


def test_a_compound_with_a_label_part_uses_the_band_default_for_it():
    """A met label part without a score counts its whole share ((1 + 0.5) / 2 → 75.00), or 0.8 of it
    under the conservative policy ((0.8 + 0.5) / 2 → 65.00)."""
    row = only("c: a == 完成 and b >= 10 次\n", {"c.a": "完成", "c.b": 5})
    assert row.score == D("75.00")
    lower = only("c: a == 完成 and b >= 10 次\n", {"c.a": "完成", "c.b": 5}, ScoringPolicy(qualitative="lower"))
    assert lower.score == D("65.00")


def test_a_reviewer_score_of_zero_for_an_unmet_label_part_counts_nothing():
    """An unmet label part given the score 0 adds nothing: only the met part's half, 50.00."""
    # The part's score is given under both names it could be read by: the part's own name (read
    # today) and its fact name c.a (see the xfail test on names colliding below).
    facts = {"c.a": "未完成", "c.b": 10, "a:得分": 0, "c.a:得分": 0}
    row = only("c: a == 完成 and b >= 10 次\n", facts)
    assert (row.status, row.score) == ("NOT_MET", D("50.00"))


def test_a_score_given_for_an_indicator_does_not_score_a_compound_part_of_the_same_name():
    """The reviewer's score for indicator a (45 of 50) leaves compound c's part a at its default: c = 50.00."""
    text = "a == 完成 weight 50\nc: a == 完成 and b >= 10 次 weight 50\n"
    rows = card(text, {"a": "完成", "a:得分": 45, "c.a": "完成", "c.b": 10}).rows
    assert [row.score for row in rows] == [D("45.00"), D("50.00")]


# qualitative bands


QUALITATIVE = "社会效益 == 良好 weight 10\n其他 >= 1 次\n"


@pytest.mark.parametrize(
    ("band", "given", "expected"),
    [
        (TOP, 8, D("8.00")),
        (TOP, 10, D("10.00")),
        (MIDDLE, 6, D("6.00")),
        (MIDDLE, "7.99", D("7.99")),
        (BOTTOM, 0, D("0.00")),
        (BOTTOM, "5.99", D("5.99")),
    ],
)
def test_a_given_score_on_a_band_bound_is_accepted(band, given, expected):
    """Each band includes its lower bound; the top band (w = 10: [8, 10]) includes its upper bound too."""
    row = card(QUALITATIVE, {"社会效益": "良好", "社会效益:档次": band, "社会效益:得分": given}).rows[0]
    assert (row.band, row.score, row.defaulted) == (band, expected, False)


@pytest.mark.parametrize(
    ("band", "given", "message"),
    [
        (TOP, "7.99", "“社会效益”的得分 7.99 不在“达成年度指标”的分数段内（8–10）"),
        (TOP, "10.01", "“社会效益”的得分 10.01 不在“达成年度指标”的分数段内（8–10）"),
        (MIDDLE, 8, "“社会效益”的得分 8 不在“部分达成年度指标并具有一定效果”的分数段内（6–8，不含上限）"),
        (MIDDLE, "5.99", "“社会效益”的得分 5.99 不在“部分达成年度指标并具有一定效果”的分数段内（6–8，不含上限）"),
        (BOTTOM, 6, "“社会效益”的得分 6 不在“未达成年度指标且效果较差”的分数段内（0–6，不含上限）"),
    ],
)
def test_a_given_score_outside_its_band_is_refused_naming_the_range(band, given, message):
    """Below a band, or at or above a lower band's upper bound, is a FactsError quoting the range in points."""
    with pytest.raises(FactsError) as caught:
        card(QUALITATIVE, {"社会效益": "良好", "社会效益:档次": band, "社会效益:得分": given})
    assert str(caught.value) == message


def test_an_unknown_band_is_refused_listing_the_bands():
    """A band that is not one of the three is a FactsError listing them, 、-separated, and quoting it."""
    with pytest.raises(FactsError) as caught:
        card(QUALITATIVE, {"社会效益:档次": "很好"})
    assert str(caught.value) == f"“社会效益:档次” must be one of {TOP}、{MIDDLE}、{BOTTOM}, not '很好'"


def test_a_qualitative_indicator_of_weight_zero_takes_a_score_of_zero():
    """Weight 0: the top band is [0, 0], a given 0 is accepted and scores 0.00."""
    facts = {"社会效益": "良好", "社会效益:得分": 0, "x": 1}
    rows = card("社会效益 == 良好 weight 0\nx >= 1 次 weight 100\n", facts).rows
    assert [(row.band, row.score) for row in rows] == [(TOP, D("0.00")), (None, D("100.00"))]


# exclusions


EXCLUSIONS = "一级指标 甲\na >= 1 次 weight 30\nb >= 1 次 weight 20\n一级指标 乙\nc >= 1 次 weight 50\n"


def test_an_excluded_row_has_no_score_and_says_not_applicable():
    """With exclude-na an excluded row scores None, is not defaulted, and carries the one flag 不适用."""
    result = card(EXCLUSIONS, {"a": 1, "b": 1, "c": 1, "不适用": ["a"]}, ScoringPolicy(exclude_not_applicable=True))
    row = result.rows[0]
    assert (row.score, row.defaulted, row.flags) == (None, False, ("不适用",))
    data = result.to_dict()["rows"][0]
    assert (data["score"], data["defaulted"], data["flags"], data["band"]) == (None, False, ["不适用"], None)
    assert Decimal(data["weight"]) == 0


def test_excluding_rescales_rows_groups_and_the_scorecard_weight():
    """a (30 of 甲's 50) excluded: b 20 → 28.57, c 50 → 71.43; 甲 weighs 28.57, 乙 71.43, the card 100.00."""
    result = card(EXCLUSIONS, {"a": 1, "b": 1, "c": 1, "不适用": ["a"]}, ScoringPolicy(exclude_not_applicable=True))
    assert [row.weight for row in result.rows] == [D("0"), D("28.57"), D("71.43")]
    assert [(group.path, group.weight, group.score) for group in result.groups] == [
        (("甲",), D("28.57"), D("28.57")),
        (("乙",), D("71.43"), D("71.43")),
    ]
    assert (result.weight, result.total, result.grade) == (D("100.00"), D("100.00"), "优")


def test_excluding_every_indicator_leaves_nothing_scored():
    """Every indicator not applicable: no scores, groups and the card weigh 0.00 and total 0.00."""
    facts = {"不适用": ["a", "b", "c"]}
    result = card(EXCLUSIONS, facts, ScoringPolicy(exclude_not_applicable=True))
    assert [row.score for row in result.rows] == [None, None, None]
    assert [(group.weight, group.score) for group in result.groups] == [(D("0.00"), D("0.00"))] * 2
    assert (result.weight, result.total) == (D("0.00"), D("0.00"))


def unknown_not_applicable(names):
    with pytest.raises(FactsError) as caught:
        card("x >= 1 次\n", {"不适用": names}, ScoringPolicy(exclude_not_applicable=True))
    return str(caught.value)


def test_unknown_not_applicable_names_are_quoted_up_to_five():
    """One, two or five unknown names are all quoted, 、-separated, with no count of more."""
    prefix = "“不适用” names indicators the ruleset does not have: "
    assert unknown_not_applicable(["甲"]) == prefix + "'甲'"
    assert unknown_not_applicable(["甲", "乙"]) == prefix + "'甲'、'乙'"
    five = ["n1", "n2", "n3", "n4", "n5"]
    assert unknown_not_applicable(five) == prefix + "'n1'、'n2'、'n3'、'n4'、'n5'"


def test_a_sixth_unknown_not_applicable_name_is_counted_not_quoted():
    """Six unknown names: the first five quoted and " and 1 more"."""
    message = unknown_not_applicable(["n1", "n2", "n3", "n4", "n5", "n6"])
    assert message == "“不适用” names indicators the ruleset does not have: 'n1'、'n2'、'n3'、'n4'、'n5' and 1 more"


# flags


OVER = "超过目标30%以上"


@pytest.mark.parametrize(
    ("text", "actual", "flags"),
    [
        ("x >= 10 次\n", 13, (OVER,)),
        ("x >= 10 次\n", "12.99", ()),
        ("x > 10 次\n", 13, (OVER,)),
        ("x == 10 次\n", 13, ("未达成目标", OVER)),
        ("x >= 0 次\n", 0, ()),
    ],
)
def test_the_overachievement_flag_starts_at_exactly_130_percent(text, actual, flags):
    """≥, > and = targets are flagged from 1.3 × target (13 of 10, not 12.99); a zero target never is."""
    assert only(text, {"x": actual}).flags == flags


def test_a_compound_is_flagged_when_one_part_overachieves():
    """A compound whose part b reaches 13 of ≥ 10 is flagged 超过目标30%以上 (its whole target is no number)."""
    row = only("c: a >= 10 次 and b >= 10 次\n", {"c.a": 10, "c.b": 13})
    assert (row.status, row.flags) == ("MET", (OVER,))


@pytest.mark.parametrize(
    ("target", "actual", "flags"),
    [
        ("90%", 90, ()),
        ("90%", "89.99", ("未达成目标", "预算执行率低于90%")),
        ("0.9", "0.95", ()),
        ("0.9", "0.9", ()),
        ("0.9", "0.85", ("未达成目标", "预算执行率低于90%")),
    ],
)
def test_the_execution_floor_flag_is_below_ninety_percent_in_percent_or_as_a_ratio(target, actual, flags):
    """预算执行率 at exactly 90% (or 0.9) is not flagged; below it is, whether given in % or as a plain ratio."""
    assert only(f"预算执行率 >= {target}\n", {"预算执行率": actual}).flags == flags


# groups and JSON


def test_a_reopened_group_keeps_its_subgroups_together_in_first_appearance_order():
    """一级指标 A reopened after C: groups are A, A/B, A/D, C (each after its parent, parents by first row)."""
    text = "一级指标 A\n二级指标 B\nx >= 1 次\n一级指标 C\ny >= 1 次\n一级指标 A\n二级指标 D\nz >= 1 次\n"
    result = card(text, {"x": 1, "y": 1, "z": 1})
    assert [(group.path, group.weight) for group in result.groups] == [
        (("A",), D("50.00")),
        (("A", "B"), D("25.00")),
        (("A", "D"), D("25.00")),
        (("C",), D("50.00")),
    ]


def test_a_scorecard_without_a_date_has_a_null_as_of_in_json():
    """A ruleset with neither year nor deadlines scores with as_of None, and its JSON says null."""
    result = perfrules.compile("x >= 1 次\n").evaluate({"x": 1}).score()
    assert result.as_of is None
    assert result.to_dict()["as_of"] is None


def test_json_numbers_are_plain_decimals_with_the_policy_places():
    """Weights, scores, subtotals and total are decimal strings with `places` decimals (2, or 0)."""
    text = "一级指标 甲\na >= 3 次\n一级指标 乙\nb >= 1 次\n"
    data = card(text, {"a": 2, "b": 1}).to_dict()
    assert [(row["weight"], row["score"]) for row in data["rows"]] == [("50.00", "33.33"), ("50.00", "50.00")]
    assert data["groups"] == [
        {"group": ["甲"], "weight": "50.00", "score": "33.33"},
        {"group": ["乙"], "weight": "50.00", "score": "50.00"},
    ]
    assert (data["weight"], data["total"], data["grade"]) == ("100.00", "83.33", "良")
    whole = card(text, {"a": 2, "b": 1}, ScoringPolicy(places=0)).to_dict()
    assert [(row["weight"], row["score"]) for row in whole["rows"]] == [("50", "33"), ("50", "50")]
    assert (whole["weight"], whole["total"], whole["policy"]["places"]) == ("100", "83", 0)


# compound parts and reviewers' scores


def test_a_part_is_scored_within_its_equal_share_of_the_compound():
    """Each of two parts is worth half of weight 100: a reviewer's score for part a lies in its band of 50."""
    row = only("c: a == 完成 and b >= 10 次\n", {"c.a": "完成", "c.a:得分": 45, "c.b": 10})
    assert row.score == D("95.00")  # 45 of 50 for a, 50 of 50 for b
    with pytest.raises(FactsError, match=r"“c\.a”的得分 90 不在“达成年度指标”的分数段内（40–50）"):
        only("c: a == 完成 and b >= 10 次\n", {"c.a": "完成", "c.a:得分": 90, "c.b": 10})


def test_a_compound_whose_label_part_took_its_band_default_says_so():
    """A label part scored at its band's lower bound marks the compound's row as defaulted."""
    row = only("c: a == 完成 and b >= 10 次\n", {"c.a": "完成", "c.b": 10}, ScoringPolicy(qualitative="lower"))
    assert (row.score, row.defaulted) == (D("90.00"), True)
    assert only("c: a == 完成 and b >= 10 次\n", {"c.a": "完成", "c.b": 10}).defaulted is False
    assert only("c: a >= 1 次 and b >= 10 次\n", {"c.a": 1, "c.b": 10}).defaulted is False


def test_an_excluded_row_keeps_the_places_of_its_weight():
    """A row left out as not applicable shows weight 0 with the policy's places, like every other weight."""
    policy = ScoringPolicy(exclude_not_applicable=True)
    rows = card("x >= 1 次\ny >= 1 次\n", {"x": 1, "不适用": ["y"]}, policy).rows
    assert [row.to_dict()["weight"] for row in rows] == ["100.00", "0.00"]


# reviewers' scores on quantitative indicators


def test_a_given_score_on_a_quantitative_indicator_is_its_score_with_the_computed_one_beside_it():
    """政策知晓率 = 100% at weight 10 with 98% computes 9.80; the reviewer gave 9."""
    text = "政策知晓率 = 100% weight 10\n其他 >= 1 次 weight 90\n"
    row = card(text, {"政策知晓率": "98%", "政策知晓率:得分": 9, "其他": 1}).rows[0]
    assert (row.score, row.computed) == (D("9.00"), D("9.80"))
    assert row.flags == ("未达成目标", "得分为填报值（计算得分 9.80）")
    assert row.to_dict()["computed"] == "9.80"


def test_a_given_score_equal_to_the_computed_one_raises_no_flag():
    row = only("x >= 10 次\n", {"x": 5, "x:得分": "50"})
    assert (row.score, row.computed, row.flags) == (D("50.00"), D("50.00"), ("未达成目标",))


@pytest.mark.parametrize(
    ("given", "message"), [(-1, "不在 0–100 之内"), (101, "不在 0–100 之内"), ("很高", "cannot be used")]
)
def test_a_given_score_outside_the_weight_or_unreadable_is_a_facts_error(given, message):
    with pytest.raises(perfrules.FactsError, match=message):
        only("x >= 10 次\n", {"x": 5, "x:得分": given})


def test_the_qualitative_default_is_a_policy_choice():
    with pytest.raises(perfrules.UsageError, match="qualitative must be 'full' or 'lower'"):
        ScoringPolicy(qualitative="upper")


# rows with no target


@pytest.mark.parametrize(("rate", "score"), [("86%", "8.60"), ("100%", "10.00"), ("112%", "10.00"), ("0", "0.00")])
def test_the_budget_row_earns_its_rate_times_its_weight_capped(rate, score):
    text = "预算执行率 % weight 10\n其他 >= 1 次 weight 90\n"
    row = card(text, {"预算执行率": rate, "其他": 1}).rows[0]
    assert (row.status, row.score, row.defaulted) == ("RECORDED", D(score), False)
    assert not {"未达成目标", "无指标值，未填报得分（:得分），计 0 分"} & set(row.flags)


@pytest.mark.parametrize(
    ("answer", "score"), [("是", "10.00"), ("已建立", "10.00"), ("否", "0.00"), ("未建立", "0.00")]
)
def test_a_yes_no_row_earns_all_or_nothing(answer, score):
    row = card("规章制度建立与否 weight 10\n其他 >= 1 次 weight 90\n", {"规章制度建立与否": answer, "其他": 1}).rows[0]
    assert (row.score, row.flags) == (D(score), ())


def test_a_narrative_row_earns_only_a_given_score_and_says_so():
    text = '社会效益 weight 10 "开展研究"\n其他 >= 1 次 weight 90\n'
    row = card(text, {"社会效益": "举办活动5场", "其他": 1}).rows[0]
    assert (row.score, row.flags) == (D("0.00"), ("无指标值，未填报得分（:得分），计 0 分",))
    given = card(text, {"社会效益": "举办活动5场", "社会效益:得分": 9, "其他": 1}).rows[0]
    assert (given.score, given.computed) == (D("9.00"), D("0.00"))


def test_a_missing_row_reads_missing_data_and_has_no_band():
    row = only("社会效益 == 良好\n", {})
    assert (row.score, row.band, row.flags) == (D("0.00"), None, ("缺数据",))


def test_not_applicable_rows_read_so_and_score_nothing_unless_left_out():
    text = "a >= 1 次 weight 50\nb >= 3 次 weight 50\n"
    kept = card(text, {"a": 1, "b": 1, "不适用": ["b"]}).rows[1]
    assert (kept.status, kept.score, kept.weight, kept.flags) == ("NOT_APPLICABLE", D("0.00"), D("50.00"), ("不适用",))
    left_out = card(text, {"a": 1, "b": 1, "不适用": ["b"]}, ScoringPolicy(exclude_not_applicable=True)).rows[1]
    assert (left_out.status, left_out.score, left_out.weight) == ("NOT_APPLICABLE", None, D("0.00"))


def test_a_missing_budget_row_earns_nothing_and_asks_for_no_score():
    row = card("预算执行率 % weight 10\n其他 >= 1 次 weight 90\n", {"其他": 1}).rows[0]
    assert (row.status, row.score, row.flags) == ("MISSING", D("0.00"), ("缺数据",))


@pytest.mark.parametrize("row_text", ["执行进度 % weight 10", "执行数 in 万元 weight 10"])
def test_a_recorded_amount_that_is_not_the_budget_row_earns_only_a_given_score(row_text):
    row = card(row_text + "\n其他 >= 1 次 weight 90\n", {"执行进度": "95%", "执行数": 120, "其他": 1}).rows[0]
    assert (row.score, row.flags) == (D("0.00"), ("无指标值，未填报得分（:得分），计 0 分",))


def test_a_given_score_of_zero_is_a_score():
    row = only("x >= 10 次\n", {"x": 5, "x:得分": 0})
    assert (row.score, row.computed) == (D("0.00"), D("50.00"))


def test_an_asserted_quantity_is_not_a_default():
    row = only("成本 <= 30 万元\n", {"成本": "完成"})
    assert (row.score, row.defaulted, row.flags) == (D("100.00"), False, ())
