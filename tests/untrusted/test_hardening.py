"""Every error path found by hostile testing ends in a clear perfrules error, one test per path.

Issue 11's inputs: unknown names, things that are not batches, limits and settings beyond their
bounds, reviewers' scores and likelihoods of the wrong kind, oversized facts, numbers written in
ways facts refuse, hidden characters in fact text, thousands of problems in one ruleset.
"""

import json
import pickle
import sys
from datetime import date
from decimal import Decimal

import pytest

import perfrules
from perfrules import FactsError, Limits, RulesetError, Status, UsageError
from perfrules.cli import main

from ..conftest import SEED


@pytest.fixture(scope="module")
def rules():
    """Compiled in each test session, so that every run (and every mutant) compiles it afresh."""
    return perfrules.compile(
        "year 2023\nfact 预算完成数 in 元\nfact 预算数 in 元\nscale 不满意 < 满意\n"
        "预算执行率 := (预算完成数 / 预算数) × 100%\n预算执行率 >= 90%\n"
        "巡察工作 >= 2 轮\n满意度 >= 满意\n平台 == 完成\n"
    )


YEAR_END = date(2023, 12, 31)


# unknown names


def test_an_unknown_indicator_is_a_perfrules_error_and_a_key_error(rules):
    report = rules.evaluate({})
    with pytest.raises(
        perfrules.PerfRulesError, match="巡查工作 is not an indicator of this ruleset; did you mean 巡察工作"
    ):
        report.status("巡查工作")
    with pytest.raises(KeyError):
        report["nonexistent"]
    assert "nonexistent" not in report and report.get("nonexistent") is None
    assert [1] not in report


def test_an_unknown_column_of_a_columnar_report(rules):
    pa = pytest.importorskip("pyarrow")
    columns = rules.evaluate_table(pa.table({"巡察工作": [1, 2]}))
    with pytest.raises(UsageError, match="did you mean 巡察工作"):
        columns.status("巡查工作")
    with pytest.raises(UsageError):
        columns.value("nonexistent")


def test_explain_an_unknown_name(rules):
    with pytest.raises(UsageError, match="is not an indicator or a formula of this ruleset; did you mean 预算执行率"):
        _explained(rules.evaluate({}), "预算执行")


def test_a_failed_lookup_costs_no_search(rules):
    """Looking up a million names that are not there stays linear: suggestions wait for the message."""
    report = rules.evaluate({})
    assert sum(f"指标{index}" in report for index in range(200_000)) == 0


# batches


@pytest.mark.parametrize("batch", [None, 5, "巡察工作", b"x", {"巡察工作": 1}])
def test_what_is_not_a_batch_is_a_usage_error(batch, rules):
    with pytest.raises(UsageError, match="batch"):
        rules.evaluate_many(batch)
    with pytest.raises(UsageError, match="batch"):
        list(rules.iter_evaluate(batch))


def test_a_batch_of_what_is_not_facts_is_a_facts_error(rules):
    with pytest.raises(FactsError, match="mapping"):
        rules.evaluate_many([{"巡察工作": 1}, None])


# limits


@pytest.mark.parametrize(
    ("field", "ceiling"),
    [
        ("max_digits", 34),
        ("max_exponent", 1000),
        ("max_nesting", 200),
        ("max_source_chars", 64_000_000),
        ("max_facts_bytes", 2_000_000_000),
    ],
)
def test_limits_have_ceilings(field, ceiling):
    assert getattr(Limits(**{field: ceiling}), field) == ceiling
    for bad in (ceiling + 1, 10**9 if ceiling < 10**9 else 10**10, 0, True, "5", 1.5):
        with pytest.raises(UsageError, match=field):
            Limits(**{field: bad})


def test_a_formula_at_the_nesting_ceiling_evaluates_from_deep_in_a_call_stack():
    """Evaluation recurses once per nesting level: the ceiling keeps far from Python's limit."""
    limits = Limits(max_nesting=200)
    rules = perfrules.compile("x := " + "-(" * 199 + "a" + ")" * 199 + "\nx >= 0\n", limits=limits)

    def deep(levels):
        return deep(levels - 1) if levels else rules.evaluate({"a": -1}).formulas["x"]

    assert deep(sys.getrecursionlimit() - 350).amount == 1  # -1 negated 199 times


# settings


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1e-999999999", "exponent notation"),
        ("1E+5", "exponent notation"),
        ("١.٣", "ASCII digits"),
        ("1,3", "ASCII digits"),
        ("NaN", "ASCII digits"),
        ("-1", "0 or more"),
        (Decimal("NaN"), "finite"),
        (Decimal("1E-999999999"), r"beyond 10\^±100"),
        (Decimal("1E+101"), r"beyond 10\^±100"),
        (Decimal("1." + "0" * 40), "more than 34 significant digits"),
        (10**40, "longer than 34 significant digits"),
        (True, "not a number"),
        ([1.3], "not a number"),
    ],
)
def test_a_setting_out_of_bounds(value, message):
    with pytest.raises(UsageError, match=message):
        perfrules.ScoringPolicy(overachievement=value)


def test_settings_in_bounds_are_exact():
    assert perfrules.ScoringPolicy(overachievement=1.3).overachievement == Decimal("1.3")
    assert perfrules.ScoringPolicy(overachievement=" 2 ").overachievement == Decimal(2)
    assert perfrules.MonitoringPolicy(tolerance=Decimal("0.05")).tolerance == Decimal("0.05")
    with pytest.raises(UsageError, match="from 0 to 1"):
        perfrules.MonitoringPolicy(tolerance="1.5")


def test_a_setting_quoted_in_a_message_is_short():
    with pytest.raises(UsageError) as caught:
        perfrules.ScoringPolicy(reverse="x" * 100_000)
    assert len(str(caught.value)) < 200


# reviewers' scores and likelihoods


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("1e999999999", "scientific notation"),
        (Decimal("1E+999999999"), "out of range"),
        ([8], "expected a number"),
        (True, "expected a number"),
        ("很多", "expected a number"),
        ("9", "不在“达成年度指标”的分数段内"),
    ],
)
def test_a_score_fact_of_the_wrong_kind(given, message, rules):
    report = rules.evaluate({"平台": "完成", "平台:得分": given})
    with pytest.raises(FactsError, match=message):
        report.score()


@pytest.mark.parametrize("band", [["达成年度指标"], {"a": 1}, 3, "很好"])
def test_a_band_fact_of_the_wrong_kind(band, rules):
    with pytest.raises(FactsError, match="档次"):
        rules.evaluate({"平台": "完成", "平台:档次": band}).score()


@pytest.mark.parametrize("likelihood", [["确定能"], {"a": 1}, 3, "大概"])
def test_a_likelihood_fact_of_the_wrong_kind(likelihood, rules):
    with pytest.raises(FactsError, match="可能性"):
        rules.evaluate({"平台:可能性": likelihood}, as_of=date(2023, 6, 30)).monitor()


def test_a_long_list_of_unknown_names_not_applicable_is_summed_up(rules):
    facts = {"不适用": [f"指标{index}" for index in range(100_000)]}
    with pytest.raises(FactsError) as caught:
        rules.evaluate(facts).score(perfrules.ScoringPolicy(exclude_not_applicable=True))
    assert "and 99,995 more" in str(caught.value)
    assert len(str(caught.value)) < 500


# facts


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("1e3", "科学计数法"),
        ("2.5E-1 轮", "科学计数法"),
        ("1,00,000", "千位分隔符"),
        ("1,000,00", "千位分隔符"),
        ("1,0000", "千位分隔符"),
        ("2\u200b 轮", "U+200B"),
        ("٣ 轮", "应为数值"),
        (Decimal("1E+150"), "数量级应在10^±100以内"),
        (10**40, "超过34位有效数字"),
        (Decimal("1." + "0" * 40), "超过34位有效数字"),
    ],
)
def test_numbers_facts_refuse_say_why(raw, reason, rules):
    result = rules.evaluate({"巡察工作": raw})["巡察工作"]
    assert result.status is Status.INVALID
    assert reason in result.reason


@pytest.mark.parametrize("label", ["完\u200b成", "完成\x00", "\u202e完成"])
def test_labels_with_hidden_characters_are_invalid_and_spelled_out(label, rules):
    result = rules.evaluate({"平台": label})["平台"]
    assert result.status is Status.INVALID
    assert "U+" in result.reason
    assert all(char.isprintable() for char in result.reason)


def test_a_json_integer_of_five_thousand_digits_is_an_invalid_fact(rules):
    facts = perfrules.parse_facts('{"巡察工作": 1' + "0" * 5000 + "}")
    result = rules.evaluate(facts)["巡察工作"]
    assert result.status is Status.INVALID
    assert "set_int_max_str_digits" not in result.reason


def test_facts_documents_are_bounded_in_size(tmp_path):
    limits = Limits(max_facts_bytes=1000)
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"巡察工作": "x" * 2000}), encoding="utf-8")
    with pytest.raises(FactsError, match="at most 1,000 are allowed"):
        perfrules.load_facts(path, limits=limits)
    with pytest.raises(FactsError, match="longer than the 1,000 bytes allowed"):
        perfrules.parse_facts(path.read_text(encoding="utf-8"), limits=limits)
    with pytest.raises(FactsError, match="longer than the 1,000 bytes allowed"):
        perfrules.parse_facts("{}" + " " * 300 + '"完成"' * 100, limits=limits)
    assert perfrules.load_facts(path)["巡察工作"] == "x" * 2000


def test_facts_text_must_be_text():
    with pytest.raises(UsageError, match="must be a str"):
        perfrules.parse_facts(b"{}")


def test_deeply_nested_json_facts():
    with pytest.raises(FactsError, match=r"nested too deeply|invalid JSON"):
        perfrules.parse_facts("[" * 100_000 + "]" * 100_000)


# dates


def test_the_last_representable_day_is_a_day_not_latest():
    rules = perfrules.compile("year 2023\nx >= 2 次\n")
    assert rules.evaluate({"x": 1}, as_of=date(9999, 12, 31))["x"].reason == "截至2023-12-31为1 次，未达到目标≥2 次"
    undated = perfrules.compile("x >= 2 次\n")
    assert undated.evaluate({"x": 1})["x"].reason == "截至最新为1 次，未达到目标≥2 次"
    late = perfrules.compile("x >= 2 次 by 9999-12-31\n").evaluate({"x": 1}, as_of=date(9999, 12, 31))
    assert late["x"].reason == "截至9999-12-31为1 次，未达到目标≥2 次"


# rulesets with very many problems


def test_a_thousand_stray_characters_on_one_line_are_five_problems_and_a_count():
    with pytest.raises(RulesetError) as caught:
        perfrules.compile("x >= 1\n" + "\x00" * 1000 + "\n")
    codes = [item.code for item in caught.value.diagnostics]
    assert codes == ["invalid-text"] * 5 + ["more-problems"]
    assert caught.value.diagnostics[-1].message == "995 more problem(s) not shown"
    assert len(str(caught.value)) < 5_000


def test_problems_on_many_lines_stop_at_a_hundred():
    with pytest.raises(RulesetError) as caught:
        perfrules.compile("x\u200b >= 1\n" * 3000)
    diagnostics = caught.value.diagnostics
    assert len(diagnostics) == 101
    assert diagnostics[-1].code == "more-problems"
    assert diagnostics[-1].message == "2,900 more problem(s) not shown"
    assert diagnostics[-1].render("zh").startswith("<string>:101:2: 注[more-problems]: 另有 2,900 个问题未显示")


def test_checker_problems_are_capped_too():
    text = "".join(f"甲{index} >= 1 次 by 2023-13-01\n" for index in range(300))
    with pytest.raises(RulesetError) as caught:
        perfrules.compile(text)
    assert len(caught.value.diagnostics) == 101
    assert caught.value.diagnostics[-1].message == "200 more problem(s) not shown"


def test_an_error_in_a_long_line_echoes_an_excerpt():
    with pytest.raises(RulesetError) as caught:
        perfrules.compile("甲" * 3900 + " >= 1 次 by 2023-13-01\n")
    rendered = str(caught.value)
    assert len(rendered) < 500
    echoed = rendered.splitlines()[1]
    assert echoed.startswith("    …甲") and echoed.endswith("by 2023-13-01")


def test_check_json_lists_the_note(tmp_path, capsys):
    path = tmp_path / "many.perf"
    path.write_text("x >= 1\n" + "\x00" * 50 + "\n", encoding="utf-8")
    assert main(["check", str(path), "--format", "json"]) == 1
    listed = json.loads(capsys.readouterr().out)
    assert [item["severity"] for item in listed] == ["error"] * 5 + ["note"]
    assert listed[-1]["code"] == "more-problems"


def test_a_ruleset_error_survives_pickling():
    """Errors cross process boundaries (multiprocessing pickles them) whole."""
    with pytest.raises(RulesetError) as caught:
        perfrules.compile("x >= 1 次 by 2023-13-01\n")
    copy = pickle.loads(pickle.dumps(caught.value))
    assert str(copy) == str(caught.value)
    assert [item.code for item in copy.diagnostics] == ["invalid-date"]


def test_a_ruleset_file_much_too_long_reports_its_real_size(tmp_path):
    path = tmp_path / "long.perf"
    path.write_bytes(b"x" * 3_000_000)
    with pytest.raises(RulesetError, match="the file has 3,000,000 bytes, more than the 256,000 characters"):
        perfrules.load(path)
    with pytest.raises(RulesetError, match="the ruleset has 300,000 characters"):
        perfrules.compile("x" * 300_000)


def test_the_seed_compiles_under_tight_but_sufficient_limits():
    rules = perfrules.load(SEED, limits=Limits(max_digits=12, max_exponent=8, max_fact_chars=40))
    assert len(rules.indicators) == 34


def _explained(report, name):
    """The explanation `perfrules explain` prints for one indicator or formula of a report."""
    return report.explain(name)
