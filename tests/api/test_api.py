"""The Python API at its edges: reprs, arguments of the wrong type, batches sliced and streamed,
fact keys that are not text, dates given as date objects, the plan cache over many dates, and the
score and monitoring sheets given facts or dates they cannot use."""

import re
from datetime import date, datetime, timedelta
from fractions import Fraction

import pytest

import perfrules
from perfrules import FactsError, Limits, ScoringPolicy, Status, UsageError
from perfrules.quantities.arithmetic import fraction_text
from perfrules.reports.evaluation import render_table
from perfrules.reports.sheets import render

from ..conftest import ROOT, SEED

MIDYEAR = ROOT / "rulesets" / "zhengzhou-jingkai-jijian-2023.midyear.facts.json"


@pytest.fixture(scope="module")
def rules():
    """Compiled in each test session, so that every run (and every mutant) compiles it afresh."""
    return perfrules.compile("year 2023\n巡察工作 >= 2 轮\n")


@pytest.fixture(scope="module")
def budget():
    """Compiled in each test session, so that every run (and every mutant) compiles it afresh."""
    return perfrules.compile(
        "year 2023\nfact 预算完成数 in 元\nfact 预算数 in 元\n"
        "执行率 := 预算完成数 / 预算数 × 100%\n执行率 >= 90%\n巡察工作 >= 2 轮\n"
    )


def test_reprs_name_the_counts(budget, rules):
    """A ruleset's repr gives its source and counts; a report's, its date and status counts."""
    assert repr(rules) == "<Ruleset <string> indicators=1 formulas=0>"
    assert repr(rules.evaluate({"巡察工作": 3})) == "<Report as_of=2023-12-31 MET=1>"
    assert repr(budget.evaluate({"巡察工作": 1})) == "<Report as_of=2023-12-31 MISSING=1, NOT_MET=1>"


def test_a_fact_name_that_is_not_text_is_ignored_with_a_note_in_the_table(rules):
    """A fact keyed by a number is ignored; the table says so under 提示 and has no 公式 section."""
    report = rules.evaluate({5: 1, "巡察工作": 3})
    assert report["巡察工作"].status is Status.MET
    table = render_table(report, rules.department)
    assert table.endswith("\n\n提示\n  事实名应为文字，已忽略 5\n")
    assert "公式" not in table


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: perfrules.compile("x >= 1\n", limits="strict"), "limits must be a perfrules.Limits, not str"),
        (lambda: perfrules.compile("x >= 1\n", limits=Limits), "limits must be a perfrules.Limits, not type"),
        (lambda: perfrules.load(123), "cannot read 123: "),
        (lambda: perfrules.load_facts(None), "cannot read None: "),
    ],
)
def test_arguments_of_the_wrong_type_are_usage_errors(call, message):
    """Limits that are not Limits, and paths that are not paths, are refused as usage errors."""
    with pytest.raises(UsageError) as caught:
        call()
    assert str(caught.value).startswith(message)


def test_a_facts_file_that_is_not_utf8_names_the_byte(tmp_path):
    """A facts file that is not UTF-8 is a facts error naming the file and the byte."""
    path = tmp_path / "facts.json"
    path.write_bytes(b'{"a": "\xff"}')
    with pytest.raises(FactsError, match=r"facts\.json: not valid UTF-8 at byte 7"):
        perfrules.load_facts(path)


def test_a_batch_can_be_sliced_and_streamed_as_statuses(rules):
    """A batch sliced gives reports in order; statuses() gives each fact set's statuses."""
    batch = rules.evaluate_many([{"巡察工作": 1}, {"巡察工作": 2}, {}])
    assert [report["巡察工作"].status for report in batch[0:2]] == [Status.NOT_MET, Status.MET]
    assert [report["巡察工作"].status for report in batch[::-2]] == [Status.MISSING, Status.NOT_MET]
    assert list(batch.statuses()) == [[Status.NOT_MET], [Status.MET], [Status.MISSING]]


def test_dates_may_be_given_as_date_or_datetime_objects():
    """A dated fact's date may be a date or a datetime, not only ISO text."""
    rules = perfrules.compile("year 2023\n巡察工作 >= 2 轮 by 2023-06-30\n")
    on_time = {"巡察工作": {"value": 3, "date": date(2023, 6, 1)}}
    late = {"巡察工作": {"value": 3, "date": datetime(2023, 7, 1, 9, 30)}}
    assert rules.evaluate(on_time)["巡察工作"].status is Status.MET
    assert rules.evaluate(late)["巡察工作"].status is Status.NOT_MET


def test_a_whole_number_too_large_for_a_machine_word_is_still_exact(rules):
    """A fact of 10^20 (past 64 bits) is read exactly and compared."""
    result = rules.evaluate({"巡察工作": 10**20})["巡察工作"]
    assert result.status is Status.MET
    assert result.value.amount == 10**20


def test_many_evaluation_dates_give_the_same_answers_as_few():
    """Evaluating on more dates than the plan cache holds gives each date its own correct answer."""
    rules = perfrules.compile("year 2023\n巡察工作 >= 2 轮 by 2023-06-30\n")
    facts = {"巡察工作": [{"value": 1, "date": "2023-01-01"}, {"value": 2, "date": "2023-03-11"}]}
    days = [date(2023, 1, 1) + timedelta(days=offset) for offset in range(100)]
    decided = [rules.evaluate(facts, as_of=day)["巡察工作"].status for day in days]
    assert decided == [Status.PENDING] * 69 + [Status.MET] * 31
    assert rules.evaluate(facts, as_of=days[0])["巡察工作"].status is Status.PENDING


def test_monitoring_needs_a_date():
    """A ruleset with neither year nor deadlines has no evaluation date, so it cannot be monitored."""
    report = perfrules.compile("x >= 1 次\n").evaluate({})
    assert report.as_of is None
    with pytest.raises(UsageError, match="monitoring needs an as-of date"):
        report.monitor()


def test_monitoring_refuses_an_executed_amount_it_cannot_read(budget):
    """The amount executed (预算完成数) must be readable; text that is not a number is a facts error."""
    report = budget.evaluate({"预算完成数": "abc", "预算数": 10}, as_of=date(2023, 6, 30))
    with pytest.raises(FactsError, match="“预算完成数” cannot be read as the amount executed"):
        report.monitor()


def test_monitoring_before_the_year_starts_says_not_started(rules):
    """Monitored before its year begins, an indicator below target is 有可能, 尚未开始, with no time gone."""
    sheet = rules.evaluate({"巡察工作": 1}, as_of=date(2022, 12, 31)).monitor().to_dict()
    assert sheet["time_progress"] == "0"
    assert sheet["execution_progress"] is None
    (row,) = sheet["indicators"]
    assert (row["likelihood"], row["light"], row["reason"]) == ("有可能", "yellow", "尚未开始")


def chart(page: str) -> str:
    return re.search(r"<svg.*?</svg>", page, re.S).group(0)


def test_a_monitoring_chart_without_budget_execution_has_the_time_bar_alone(rules):
    """Without budget execution the HTML chart draws the time bar only; with it, an execution bar too."""
    alone = chart(render(rules.evaluate({"巡察工作": 1}, as_of=date(2023, 6, 30)).monitor(), "html", "单位"))
    assert ">时间进度</text>" in alone
    assert ">预算执行进度</text>" not in alone
    seed = perfrules.load(SEED)
    both = chart(
        render(seed.evaluate(perfrules.load_facts(MIDYEAR), as_of=date(2023, 6, 30)).monitor(), "html", "单位")
    )
    assert ">时间进度</text>" in both and ">预算执行进度</text>" in both


def test_not_applicable_must_be_a_list_of_names(rules):
    """不适用 given as a single string instead of a list is a facts error when scoring excludes it."""
    report = rules.evaluate({"不适用": "巡察工作"})
    with pytest.raises(FactsError, match="“不适用” must list indicator names"):
        report.score(ScoringPolicy(exclude_not_applicable=True))


def test_settings_and_fractions_are_shown_exactly():
    """A whole-number setting becomes an exact Decimal; fractions show exactly or as ≈ rounded."""
    assert str(ScoringPolicy(overachievement=2).overachievement) == "2"
    assert fraction_text(Fraction(1, 8)) == "0.125"
    assert fraction_text(Fraction(1, 3)) == "≈0.3333"
    assert fraction_text(Fraction(2, 3), places=2) == "≈0.67"


def test_iter_evaluate_reports_progress_after_each_report():
    """The callback hears the count after each report is made, and only as the reports are asked for."""
    rules = perfrules.compile("year 2023\n巡察工作 >= 2 轮\n")
    heard: list[int] = []
    reports = rules.iter_evaluate(({"巡察工作": count} for count in range(3)), progress=heard.append)
    assert heard == []
    first = next(reports)
    assert heard == [1] and first["巡察工作"].status is perfrules.Status.NOT_MET
    assert [report["巡察工作"].status.value for report in reports] == ["NOT_MET", "MET"]
    assert heard == [1, 2, 3]


def test_iter_evaluate_refuses_a_progress_that_cannot_be_called():
    rules = perfrules.compile("year 2023\n巡察工作 >= 2 轮\n")
    with pytest.raises(perfrules.UsageError, match="progress must be a function of the count done, not 3"):
        rules.iter_evaluate([], progress=3)


def test_count_and_codes_without_a_status_per_indicator():
    rules = perfrules.compile("year 2023\n甲 >= 2 次\n乙 == 完成\n丙: 一 >= 1 次 and 二 >= 1 次\n")
    report = rules.evaluate({"甲": 3, "乙": "未完成", "丙": {"一": 1}}, as_of=date(2023, 12, 31))
    assert report.codes() == [Status.MET.code, Status.NOT_MET.code, Status.MISSING.code]
    assert [report.count(status) for status in (Status.MET, Status.NOT_MET, Status.MISSING)] == [1, 1, 1]
    batch = rules.evaluate_many([{"甲": 3}, {"甲": 1, "乙": "完成"}], as_of=date(2023, 12, 31))
    assert batch.count(Status.MET) == 2 and batch.count(Status.MISSING) == 3
    with pytest.raises(UsageError, match=r"count takes a Status, such as Status\.MET, not 'MET'"):
        report.count("MET")
