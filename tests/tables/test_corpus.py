"""The published tables of this folder, each written in the language as printed (`ruleset.perf`), run
against what was published: their actuals (`facts.json`) must give the statuses, scores and
likelihoods the table prints (`cases.json`).

Nothing in a ruleset is tidied to make it compile. A table printing forms perfrules does not take yet
lists them under `failing`, and its tests are marked xfail(strict): the suite stays green today and
turns red the day perfrules takes those forms, when the mark must go. A form failing at the stage
"compile" fails both tests; one failing at "results" only the comparison with the published table.

`cases.json` is

    {"as_of": "YYYY-MM-DD", "policy": {"places": 0} (ScoringPolicy's fields; optional),
     "budget_row": {"name": "预算执行率", "weight": "10"} (the money block's scored row; optional),
     "expect": {"名称": {"status": "MET", "score": "10.00" | null, "likelihood": "确定能"}},
     "total_score": "96.00" | null,
     "failing": [{"row": "…", "form": "…", "stage": "compile" | "results"}],
     "notes": "…"}

Only the keys a case gives are checked, and a null score is not; scores compare as numbers.
"""

import json
import unicodedata
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import perfrules

HERE = Path(__file__).parent
TABLES = sorted(path for path in HERE.iterdir() if path.is_dir() and path.name[:2].isdigit())  # NN-*: not files/
CASE_KEYS = {"as_of", "policy", "budget_row", "expect", "total_score", "failing", "notes"}
EXPECT_KEYS = {"status", "score", "likelihood"}
FAILING_KEYS = {"row", "form", "stage"}
RAISED_AT = {"compile": perfrules.RulesetError, "results": AssertionError}
STAGES = set(RAISED_AT)


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def read_case(table: Path) -> dict[str, Any]:
    case = read_json(table / "cases.json")
    assert set(case) <= CASE_KEYS and {"as_of", "expect", "failing"} <= set(case), sorted(set(case) ^ CASE_KEYS)
    return case


def tables_failing_at(stages: set[str]) -> list[Any]:
    """One parameter per table, xfail(strict) naming the forms that fail at one of `stages`.

    The mark expects the exception those stages raise, so that a table failing some other way (a
    wrong case, a crash) is a failure, not an expected one.
    """
    params = []
    for table in TABLES:
        failing = [item for item in read_case(table)["failing"] if item["stage"] in stages]
        forms = "; ".join(f"{item['row']}: {item['form']}" for item in failing)
        raises = tuple(dict.fromkeys(RAISED_AT[item["stage"]] for item in failing))
        marks = [pytest.mark.xfail(strict=True, raises=raises, reason=f"perfrules does not take yet: {forms}")]
        params.append(pytest.param(table, id=table.name, marks=marks if failing else []))
    return params


def test_every_table_is_written_out():
    """Every table (13 at least) has its ruleset, facts and cases, and each failing form says where it fails."""
    assert len(TABLES) >= 13
    for table in TABLES:
        assert {"ruleset.perf", "facts.json", "cases.json"} <= {path.name for path in table.iterdir()}, table.name
        for item in read_case(table)["failing"]:
            assert set(item) == FAILING_KEYS and item["stage"] in STAGES, (table.name, item)


@pytest.mark.parametrize("table", tables_failing_at({"compile"}))
def test_compiles_without_errors(table):
    """The table as printed compiles, as `perfrules check` would pass it: warnings allowed, no error."""
    perfrules.load(table / "ruleset.perf")


@pytest.mark.parametrize("table", tables_failing_at(STAGES))
def test_results_match_the_published_table(table):
    """Every printed row is an indicator with its printed weight, and gives what the table publishes."""
    case = read_case(table)
    rules = perfrules.load(table / "ruleset.perf")
    printed = [
        (read_as_name(row["name"]), Decimal(row["weight"]) if row["weight"] else None)
        for row in read_json(table / "expected.json")["indicators"]
    ]
    if "budget_row" in case:  # the money block's 预算执行 row, written first as the table prints it
        printed.insert(0, (case["budget_row"]["name"], Decimal(case["budget_row"]["weight"])))
    assert [(indicator.name, indicator.weight) for indicator in rules.indicators] == printed
    facts = perfrules.load_facts(table / "facts.json")
    report = rules.evaluate(facts, as_of=date.fromisoformat(case["as_of"]))
    assert computed(report, case) == published(case)


def read_as_name(printed: str) -> str:
    """A printed name as the language reads it: full-width forms are their ASCII ones (NFKC)."""
    return unicodedata.normalize("NFKC", printed)


def published(case: dict[str, Any]) -> dict[str, Any]:
    """What the table publishes, in the shape of `computed`: scores as numbers, null scores left out."""
    shown: dict[str, Any] = {}
    for name, expected in case["expect"].items():
        assert set(expected) <= EXPECT_KEYS and expected, (name, sorted(set(expected) - EXPECT_KEYS))
        shown[name] = {
            key: Decimal(value) if key == "score" else value
            for key, value in expected.items()
            if not (key == "score" and value is None)
        }
    if case.get("total_score") is not None:
        shown["total"] = Decimal(case["total_score"])
    return shown


def computed(report: perfrules.Report, case: dict[str, Any]) -> dict[str, Any]:
    """What perfrules gives for each expectation `case` holds, and nothing more."""
    expectations = case["expect"]
    scored = case.get("total_score") is not None or any(
        expected.get("score") is not None for expected in expectations.values()
    )
    card = perfrules.score(report, perfrules.ScoringPolicy(**case.get("policy", {}))) if scored else None
    monitored = any("likelihood" in expected for expected in expectations.values())
    sheet = perfrules.monitor(report) if monitored else None
    scores = {row.name: row.score for row in card.rows} if card else {}
    likelihoods = {row.name: row.likelihood for row in sheet.rows} if sheet else {}
    shown: dict[str, Any] = {}
    for name, expected in expectations.items():
        values = {}
        if "status" in expected:
            values["status"] = report[name].status.value
        if expected.get("score") is not None:
            values["score"] = scores[name]
        if "likelihood" in expected:
            values["likelihood"] = likelihoods[name]
        shown[name] = values
    if case.get("total_score") is not None:
        shown["total"] = card.total
    return shown
