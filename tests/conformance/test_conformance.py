"""The language's conformance cases, as data: every `*.json` file here is a list of cases, each a
ruleset with what it must compile to, the results it must give for facts on a date, or the
error it must raise. One parametrised test runs them all; an implementation of the language in
another engine (columnar, a service, a browser) can run the same files.

A file is `{"about": "...", "cases": [case, ...]}`; a case is

    {"name": "...", "ruleset": "text",
     "indicators": {"名称": {"comparator": ">=", "target": "≥3 次", "deadline": "2023-10-31" | null,
                             "weight": "10" | null, "group": ["一级", "二级"], "description": "…" | null}},
     "warnings": ["code", ...],
     "evaluations": [{"facts": {...}, "as_of": "2023-12-31" | null,
                      "expect": {"名称": {"status": "MET", "value": "3 次" | null, "final": true,
                                          "met_on": "2023-11-20" | null, "reason_contains": "..."},
                                 "formula 名称": "value as text" | null}}],
     "error": {"codes": ["code", ...], "line": 1, "column": 5, "contains": "text"}}

`ruleset` and one of `indicators`/`warnings`/`evaluations` or `error` are required; every other
key is optional, and only the keys a case gives are checked. `indicators`, when given, names every
indicator of the ruleset in source order (`{}` for one whose definition is not checked). Unknown
keys fail the case, so a misspelt expectation can never pass silently. Values are compared as
text: `str()` of the exact value, never a float.
"""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import perfrules
from perfrules import RulesetError

HERE = Path(__file__).parent
CASE_KEYS = {"name", "ruleset", "indicators", "warnings", "evaluations", "error"}
INDICATOR_KEYS = {"comparator", "target", "deadline", "weight", "group", "description"}
EVALUATION_KEYS = {"facts", "as_of", "expect"}
RESULT_KEYS = {"status", "value", "final", "met_on", "reason_contains"}
ERROR_KEYS = {"codes", "line", "column", "contains"}


def load_cases() -> list[Any]:
    cases = []
    for path in sorted(HERE.glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)  # facts stay exact
        assert set(document) == {"about", "cases"}, path.name
        for case in document["cases"]:
            cases.append(pytest.param(case, id=f"{path.stem}: {case['name']}"))
    return cases


CASES = load_cases()


def test_there_are_cases_in_every_file():
    assert len(CASES) >= 100
    assert all(json.loads(path.read_text(encoding="utf-8"))["cases"] for path in HERE.glob("*.json"))


@pytest.mark.parametrize("case", CASES)
def test_conformance(case):
    assert set(case) <= CASE_KEYS and {"name", "ruleset"} <= set(case), sorted(set(case) - CASE_KEYS)
    if "error" in case:
        assert set(case) == {"name", "ruleset", "error"}
        check_error(case["ruleset"], case["error"])
        return
    assert set(case) & {"indicators", "warnings", "evaluations"}, "a case must expect something"
    rules = perfrules.compile(case["ruleset"])
    if "indicators" in case:
        assert list(case["indicators"]) == [indicator.name for indicator in rules.indicators]
    for name, expected in case.get("indicators", {}).items():
        check_indicator(rules, name, expected)
    if "warnings" in case:
        assert [warning.code for warning in rules.warnings] == case["warnings"]
    for evaluation in case.get("evaluations", []):
        assert set(evaluation) <= EVALUATION_KEYS and "expect" in evaluation, evaluation
        as_of = evaluation.get("as_of")
        report = rules.evaluate(evaluation.get("facts", {}), as_of=date.fromisoformat(as_of) if as_of else None)
        for name, expected in evaluation["expect"].items():
            if name.startswith("formula "):
                value = report.formulas[name.removeprefix("formula ")]
                assert (None if value is None else str(value)) == expected, name
            else:
                check_result(report[name], expected)


def check_indicator(rules: perfrules.Ruleset, name: str, expected: dict[str, Any]) -> None:
    assert set(expected) <= INDICATOR_KEYS, sorted(set(expected) - INDICATOR_KEYS)
    (indicator,) = [item for item in rules.indicators if item.name == name]
    shown = {
        "comparator": lambda: indicator.target.comparator,
        "target": lambda: indicator.target.readable(),
        "deadline": lambda: indicator.deadline.isoformat() if indicator.deadline else None,
        "weight": lambda: None if indicator.weight is None else str(indicator.weight),
        "group": lambda: list(indicator.group),
        "description": lambda: indicator.description,
    }
    for key, value in expected.items():
        assert shown[key]() == value, f"{name}: {key}"


def check_result(result: perfrules.IndicatorResult, expected: dict[str, Any]) -> None:
    assert set(expected) <= RESULT_KEYS, sorted(set(expected) - RESULT_KEYS)
    shown = {
        "status": lambda: result.status.value,
        "value": lambda: None if result.value is None else str(result.value),
        "final": lambda: result.final,
        "met_on": lambda: result.met_on.isoformat() if result.met_on else None,
    }
    for key, value in expected.items():
        if key == "reason_contains":
            assert value in result.reason, result.reason
        else:
            assert shown[key]() == value, f"{result.name}: {key}"


def check_error(text: str, expected: dict[str, Any]) -> None:
    assert set(expected) <= ERROR_KEYS and expected, sorted(set(expected) - ERROR_KEYS)
    with pytest.raises(RulesetError) as caught:
        perfrules.compile(text)
    error = caught.value
    if "codes" in expected:
        assert [diagnostic.code for diagnostic in error.diagnostics] == expected["codes"]
    if "line" in expected:
        assert error.line == expected["line"]
    if "column" in expected:
        assert error.column == expected["column"]
    if "contains" in expected:
        assert expected["contains"] in str(error)
