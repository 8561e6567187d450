"""Flags, outlooks and warnings as codes and words: every code scoring and monitoring give, reached
by a real sheet, with its Chinese and English text and its code in to_dict(); and the wording table
in step (the same codes and placeholders in both languages)."""

from datetime import date

import pytest

import perfrules
from perfrules import MonitoringPolicy, ScoringPolicy
from perfrules.assessment import wording
from perfrules.errors.phrases import placeholders

YEAR_END = date(2023, 12, 31)
MID_YEAR = date(2023, 6, 30)

FLAGS = [
    ("not-met", "x >= 2 次\n", {"x": 1}, None, "未达成目标", "target not met"),
    ("no-data", "x >= 2 次\n", {}, None, "缺数据", "no data"),
    ("not-applicable", "x >= 2 次\n", {"x": 1, "不适用": ["x"]}, None, "不适用", "not applicable"),
    ("overachieved", "x >= 10 次\n", {"x": 13}, None, "超过目标30%以上", "over 30% above the target"),
    (
        "execution-below-floor",
        "预算执行率 >= 80%\n",
        {"预算执行率": "85%"},
        None,
        "预算执行率低于90%",
        "budget execution below 90%",
    ),
    (
        "no-score-given",
        '社会效益 "开展研究"\n',
        {"社会效益": "举办活动5场"},
        None,
        "无指标值，未填报得分（:得分），计 0 分",
        "no target and no reviewer's score (:得分): scored 0",
    ),
    (
        "given-score",
        "x = 100%\n",
        {"x": "98%", "x:得分": 90},
        ScoringPolicy(places=1),
        "得分为填报值（计算得分 98.0）",
        "the reviewer's score (computed score 98.0)",
    ),
]


@pytest.mark.parametrize(("code", "text", "facts", "policy", "zh", "en"), FLAGS, ids=[case[0] for case in FLAGS])
def test_each_flag_has_its_code_and_both_texts(code, text, facts, policy, zh, en):
    (row,) = perfrules.compile("year 2023\n" + text).evaluate(facts, as_of=YEAR_END).score(policy).rows
    at = row.flag_codes.index(code)
    assert (row.flags[at], row.flags_in("zh")[at], row.flags_in("en")[at]) == (zh, zh, en)
    data, english = row.to_dict(), row.to_dict("en")
    assert (data["flags"][at], data["flag_codes"][at], english["flags"][at], english["flag_codes"]) == (
        zh,
        code,
        en,
        data["flag_codes"],
    )


OUTLOOKS = [
    ("met", "x >= 2 次\n", {"x": 3}, "certain", "已达到目标", "the target is met"),
    (
        "deadline-passed",
        "x >= 20 次 by 2023-05-31\n",
        {"x": 8},
        "impossible",
        "截止日期已过，未达到目标",
        "the deadline has passed and the target was not met",
    ),
    ("as-given", "x >= 20 次\n", {"x": 2, "x:可能性": "确定能"}, "certain", "按填报", "as reported"),
    (
        "invalid-data",
        "x >= 20 次\n",
        {"x": "很多"},
        "possible",
        "数据无效：“x”的数据无法使用：应为数值，而不是 “很多”",
        "invalid data: the data for “x” cannot be used: expected a number, not “很多”",
    ),
    ("no-data", "x >= 20 次\n", {}, "possible", "缺数据", "no data"),
    (
        "no-data-deadline-passed",
        "x >= 20 次 by 2023-05-31\n",
        {},
        "possible",
        "缺数据，截止日期已过",
        "no data, and the deadline has passed",
    ),
    ("no-target", "覆盖率 %\n", {"覆盖率": "50%"}, "possible", "无指标值", "no target"),
    ("not-yet-met", "x >= 90%\n", {"x": "40%"}, "possible", "尚未达到目标", "the target is not met yet"),
    (
        "beyond-limit",
        "培训费 <= 30 万元\n",
        {"培训费": 40},
        "impossible",
        "已累计 40 万元，超出目标 ≤30 万元，累计数不会减少",
        "40 万元 so far, beyond the target ≤30 万元: a total does not fall",
    ),
    (
        "nothing-yet",
        "x >= 1 次\n",
        {"x": 0},
        "possible",
        "当前为 0 次，截止日期前仍可完成目标 ≥1 次",
        "0 次 so far; the target ≥1 次 can still be reached by the deadline",
    ),
    (
        "on-pace",
        "x > 20 次\n",
        {"x": 10},
        "possible",
        "按当前进度线性推算，截止日期前预计可达 20.2 次",
        "at the pace so far, 20.2 次 is expected by the deadline",
    ),
    (
        "behind-pace",
        "x >= 5 次\n",
        {"x": 2},
        "possible",
        "按当前进度线性推算，截止日期前预计只有 4 次，需加快进度",
        "at the pace so far, only 4 次 is expected by the deadline; work must speed up",
    ),
    (
        "part-cannot-be-met",
        "培训: 次数 >= 5 次 and 费用 <= 3 万元\n",
        {"培训": {"次数": 2, "费用": 4}},
        "impossible",
        "费用：已累计 4 万元，超出目标 ≤3 万元，累计数不会减少",
        "费用: 4 万元 so far, beyond the target ≤3 万元: a total does not fall",
    ),
    (
        "parts-outlook",
        "培训: 培训 >= 5 次 and 测试 >= 5 次\n",
        {"培训": {"培训": 3, "测试": 2}},
        "possible",
        "培训：按当前进度线性推算，截止日期前预计可达 6 次；"
        "测试：按当前进度线性推算，截止日期前预计只有 4 次，需加快进度",
        "培训: at the pace so far, 6 次 is expected by the deadline;"
        " 测试: at the pace so far, only 4 次 is expected by the deadline; work must speed up",
    ),
]


@pytest.mark.parametrize(
    ("code", "text", "facts", "likelihood", "zh", "en"), OUTLOOKS, ids=[case[0] for case in OUTLOOKS]
)
def test_each_outlook_has_its_codes_and_both_texts(code, text, facts, likelihood, zh, en):
    """The reason and the likelihood: codes on the row and in to_dict(), texts in either language."""
    (row,) = perfrules.compile("year 2023\n" + text).evaluate(facts, as_of=MID_YEAR).monitor().rows
    assert (row.reason_code, row.reason, row.reason_in("zh"), row.reason_in("en")) == (code, zh, zh, en)
    assert row.likelihood_code == likelihood
    data, english = row.to_dict(), row.to_dict("en")
    assert (data["reason"], data["reason_code"], english["reason"], english["reason_code"]) == (zh, code, en, code)
    assert (data["likelihood"], english["likelihood"]) == (row.likelihood, row.likelihood_in("en"))
    assert data["likelihood_code"] == english["likelihood_code"] == likelihood


def test_the_two_outlooks_that_need_another_year_or_no_deadline():
    """unmet: no year and no deadline, final at once; not-started: a date before the ruleset's year."""
    (unmet,) = perfrules.compile("巡察工作 >= 2 轮\n").evaluate({"巡察工作": 1}, as_of=MID_YEAR).monitor().rows
    assert (unmet.reason_code, unmet.reason, unmet.reason_in("en")) == ("unmet", "未达到目标", "the target was not met")
    rules = perfrules.compile("year 2023\nx >= 20 次\n")
    (early,) = rules.evaluate({"x": 1}, as_of=date(2022, 12, 31)).monitor().rows
    assert (early.reason_code, early.reason, early.reason_in("en")) == (
        "not-started",
        "尚未开始",
        "the year has not started",
    )
    reached = {case[0] for case in OUTLOOKS} | {"unmet", "not-started"}
    assert reached == set(wording.OUTLOOKS)


@pytest.mark.parametrize(
    ("given", "code", "en"),
    [
        ("确定能", "certain", "will be met"),
        ("有可能", "possible", "may be met"),
        ("不可能", "impossible", "cannot be met"),
    ],
)
def test_each_likelihood_has_a_code_and_both_words(given, code, en):
    rules = perfrules.compile("year 2023\nx >= 20 次\n")
    (row,) = rules.evaluate({"x": 2, "x:可能性": given}, as_of=MID_YEAR).monitor().rows
    assert (row.likelihood_code, row.likelihood, row.likelihood_in("en")) == (code, given, en)


def test_the_budget_warning_has_a_code_and_both_texts():
    text = "year 2023\nbudget {\n  部门预算总额 := 100 万元\n}\nfact 执行数 in 万元\nx >= 1 次\n"
    sheet = perfrules.compile(text).evaluate({"执行数": 30, "x": 1}, as_of=MID_YEAR).monitor(MonitoringPolicy())
    assert (sheet.warning_code, sheet.warning) == ("execution-behind", "预算执行进度 30% 落后时间进度 49.59% 超过 10%")
    assert sheet.warning_in("en") == "budget execution 30% lags the time elapsed 49.59% by more than 10%"
    data = sheet.to_dict("en")
    assert (data["warning"], data["warning_code"]) == (sheet.warning_in("en"), "execution-behind")
    calm = perfrules.compile(text).evaluate({"执行数": 60, "x": 1}, as_of=MID_YEAR).monitor()
    assert (calm.warning, calm.warning_code, calm.to_dict("en")["warning_code"]) == (None, None, None)


def test_every_flag_code_is_reached_above():
    assert {case[0] for case in FLAGS} == set(wording.FLAGS)


def test_scorecards_and_sheets_have_codes_for_every_row(seed, seed_facts):
    report = seed.evaluate(seed_facts, as_of=MID_YEAR)
    for language in ("zh", "en"):
        for row in report.score().to_dict(language)["rows"]:
            assert len(row["flag_codes"]) == len(row["flags"]) and set(row["flag_codes"]) <= set(wording.FLAGS)
        for row in report.monitor().to_dict(language)["indicators"]:
            assert row["reason_code"] in wording.OUTLOOKS and row["likelihood_code"] in wording.LIKELIHOODS


def test_an_unknown_language_is_a_usage_error(seed, seed_facts):
    report = seed.evaluate(seed_facts, as_of=MID_YEAR)
    for sheet in (report.score(), report.monitor()):
        with pytest.raises(perfrules.UsageError, match="language must be one of"):
            sheet.to_dict("de")


def test_both_languages_word_every_code_with_the_same_placeholders():
    assert wording.ZH.keys() == wording.EN.keys()
    codes = {*wording.FLAGS, *wording.LIKELIHOODS, *wording.OUTLOOKS, *wording.WARNINGS}
    assert codes == set(wording.ZH)
    for code, words in wording.ZH.items():
        assert placeholders(words) == placeholders(wording.EN[code]), code
