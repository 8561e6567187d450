"""Attainment words as actuals: a reviewer writing 完成 or 达成预期指标 asserts the target was met."""

from datetime import date
from decimal import Decimal

import pytest

import perfrules
from perfrules import Status
from perfrules.reports.evaluation import render_table

YEAR_END = date(2023, 12, 31)
RULES = (
    "year 2023\n"
    "scale 不满意 < 基本满意 < 满意\n"
    "成本控制数 ≤ 30 万元\n"
    "经费支出合规性 严格执行相关制度规定\n"
    "监督平台建设 == 完成\n"
    "满意度 >= 基本满意\n"
    "fact 预算完成数 in 元\n"
    "fact 预算数 in 元\n"
    "预算执行率 := (预算完成数 / 预算数) × 100%\n"
    "预算执行率 ≥ 90%\n"
    "培训: 培训 >= 5 次 and 考核 == 合格\n"
)


@pytest.fixture(scope="module")
def rules():
    return perfrules.compile(RULES)


def evaluate(rules, facts, as_of=YEAR_END):
    return rules.evaluate(facts, as_of=as_of)


def test_a_word_on_a_quantity_target_is_asserted_met(rules):
    result = evaluate(rules, {"成本控制数": "完成"})["成本控制数"]
    assert (result.status, result.value, result.asserted) == (Status.MET, "完成", True)
    assert result.reason == "截至2023-12-31填报为“完成”，认定达到目标≤30 万元（填报人认定，非实测值）"
    assert result.to_dict()["asserted"] is True


def test_a_word_on_a_label_target_is_asserted_met(rules):
    result = evaluate(rules, {"经费支出合规性": "达成预期指标"})["经费支出合规性"]
    assert (result.status, result.asserted) == (Status.MET, True)


def test_the_target_label_itself_is_measured_not_asserted(rules):
    result = evaluate(rules, {"监督平台建设": "完成"})["监督平台建设"]
    assert (result.status, result.asserted) == (Status.MET, False)
    assert "asserted" not in result.to_dict()


def test_a_word_on_a_scale_target_is_asserted_rather_than_outside_the_scale(rules):
    result = evaluate(rules, {"满意度": "达标"})["满意度"]
    assert (result.status, result.asserted) == (Status.MET, True)


def test_a_word_for_an_input_of_a_formula_is_invalid(rules):
    result = evaluate(rules, {"预算完成数": "完成", "预算数": 100})["预算执行率"]
    assert result.status is Status.INVALID
    assert result.reason == "“预算完成数”填报为“完成”，但它要参与公式计算，需要数值"


def test_other_words_stay_invalid_or_unmet(rules):
    report = evaluate(rules, {"成本控制数": "良好", "经费支出合规性": "良好"})
    assert report["成本控制数"].status is Status.INVALID
    assert report["经费支出合规性"].status is Status.NOT_MET


def test_a_compound_met_by_an_asserted_part_is_marked_asserted(rules):
    result = evaluate(rules, {"培训.培训": 5, "培训.考核": "已完成"})["培训"]
    assert (result.status, result.asserted) == (Status.MET, True)
    assert [part.asserted for part in result.parts] == [False, True]


def test_an_asserted_word_dated_after_the_deadline_is_late():
    rules = perfrules.compile("year 2023\n平台 == 上线 10月底前\n")
    result = rules.evaluate({"平台": [{"value": "完成", "date": "2023-11-15"}]}, as_of=YEAR_END)["平台"]
    assert (result.status, result.met_on) == (Status.NOT_MET, date(2023, 11, 15))


def test_a_ruleset_sets_its_own_words():
    rules = perfrules.compile("attainment 达标\n成本 ≤ 30 万元\n平台 == 上线\n")
    report = rules.evaluate({"成本": "达标", "平台": "完成"})
    assert report["成本"].asserted and report["成本"].status is Status.MET
    assert report["平台"].status is Status.NOT_MET
    assert rules.evaluate({"成本": "完成"})["成本"].status is Status.INVALID


def test_an_empty_attainment_statement_turns_assertions_off():
    rules = perfrules.compile("attainment\n成本 ≤ 30 万元\n")
    assert rules.evaluate({"成本": "完成"})["成本"].status is Status.INVALID


def test_attainment_is_a_keyword_only_as_a_whole_word():
    rules = perfrules.compile("attainments >= 1 次\n")
    assert rules.evaluate({"attainments": 1})["attainments"].status is Status.MET


def test_the_table_marks_an_asserted_value():
    rules = perfrules.compile("year 2023\n成本控制数 ≤ 30 万元\n")
    table = render_table(rules.evaluate({"成本控制数": "完成"}, as_of=YEAR_END))
    assert "完成（认定）" in table
    assert "认定达到目标" in table


def test_an_asserted_quantity_scores_the_full_weight():
    rules = perfrules.compile("year 2023\n成本控制数 ≤ 30 万元 weight 90\n其他 >= 1 次 weight 10\n")
    card = rules.evaluate({"成本控制数": "完成", "其他": 1}, as_of=YEAR_END).score()
    assert [row.score for row in card.rows] == [Decimal("90.00"), Decimal("10.00")]


def test_evaluate_table_sends_asserted_rows_to_the_row_wise_evaluator():
    pa = pytest.importorskip("pyarrow")
    rules = perfrules.compile("year 2023\n合规性 == 严格执行\n平台 == 完成\n")
    table = pa.table({"合规性": ["达成预期指标", "严格执行", "良好", None], "平台": ["完成", "达标", "未完成", "完成"]})
    columnar = rules.evaluate_table(table, as_of=YEAR_END)
    assert columnar.status("合规性").to_pylist() == ["MET", "MET", "NOT_MET", "MISSING"]
    assert columnar.status("平台").to_pylist() == ["MET", "MET", "NOT_MET", "MET"]
