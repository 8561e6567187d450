"""Evaluation reports and explanations of the seed ruleset, pinned by golden files: every status,
value, target, deadline, reason and formula value as the JSON report and the table show them, in
Chinese and (files named `.en.`) in English.

Set PERFRULES_REGOLD=1 to rewrite the golden files after a deliberate change, then review them.
"""

import os
from datetime import date
from pathlib import Path

import pytest

import perfrules
from perfrules.reports.evaluation import render_json, render_table

from ..conftest import ROOT, SEED, SEED_FACTS

GOLDEN = Path(__file__).parent / "golden" / "reports"
MIDYEAR = ROOT / "rulesets" / "zhengzhou-jingkai-jijian-2023.midyear.facts.json"
CASES = {
    "yearend": (SEED_FACTS, None),
    "midyear": (MIDYEAR, date(2023, 6, 30)),
    "late": (SEED_FACTS, date(2024, 3, 31)),
    "empty": (None, date(2023, 10, 31)),
}
EXPLAINED = ["预算执行率", "监督平台建设", "纪检监察干部培训", "绩效自评完成率", "前两种形态占比", "年初预算数"]


def report_of(case):
    facts, as_of = CASES[case]
    rules = perfrules.load(SEED)
    return rules, rules.evaluate(perfrules.load_facts(facts) if facts else {}, as_of=as_of)


def check(rendered, name):
    expected = GOLDEN / name
    if os.environ.get("PERFRULES_REGOLD"):
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(rendered, encoding="utf-8")
    assert rendered == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", sorted(CASES))
def test_report_json_is_golden(case):
    _, report = report_of(case)
    check(render_json(report), f"eval-{case}.json")


@pytest.mark.parametrize("case", sorted(CASES))
def test_report_table_is_golden(case):
    rules, report = report_of(case)
    check(render_table(report, rules.department), f"eval-{case}.table")


@pytest.mark.parametrize("case", ["yearend", "midyear", "empty"])
def test_explanations_are_golden(case):
    _rules, report = report_of(case)
    text = "\n".join(_explained(report, name) for name in EXPLAINED)
    check(text.replace(str(SEED), "seed.perf"), f"explain-{case}.txt")


def _explained(report, name, language="zh"):
    """The explanation `perfrules explain` prints for one indicator or formula of a report."""
    return report.explain(name, language)


@pytest.mark.parametrize("case", ["yearend", "midyear"])
def test_english_reports_are_golden(case):
    """`--language en`: the same report with English reasons, headers and labels, codes unchanged."""
    rules, report = report_of(case)
    check(render_json(report, "en"), f"eval-{case}.en.json")
    check(render_table(report, rules.department, "en"), f"eval-{case}.en.table")
    zh, en = report.to_dict(), report.to_dict("en")
    assert [row["reason_code"] for row in zh["indicators"]] == [row["reason_code"] for row in en["indicators"]]


def test_english_explanations_are_golden():
    _rules, report = report_of("midyear")
    text = "\n".join(_explained(report, name, "en") for name in EXPLAINED)
    check(text.replace(str(SEED), "seed.perf"), "explain-midyear.en.txt")
