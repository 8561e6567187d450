"""Every public callable says in its docstring which perfrules errors it raises, and says true.

`RAISES` is the API's contract, written once: each public function of `perfrules.__all__`, each
public method of an exported class (its `__getitem__` too), and each constructor callers call,
with the perfrules errors it raises. The docstring's `Raises …` clause names exactly those (or
none, as in "Raises nothing."), and each one listed is made to happen by `TRIGGERS`.
Properties only read what is there, and are left out.
"""

import inspect
import re
from decimal import Decimal
from types import SimpleNamespace

import pytest

import perfrules
from perfrules import (
    FactsError,
    Limits,
    MonitoringPolicy,
    PerfRulesError,
    Quantity,
    RulesetError,
    ScoringPolicy,
    Target,
    UnknownName,
    UsageError,
)

from ..conftest import ROOT

EXCEPTIONS = {
    name: item
    for name in perfrules.__all__
    if isinstance(item := getattr(perfrules, name), type) and issubclass(item, PerfRulesError)
}
CONSTRUCTORS = (Limits, MonitoringPolicy, Quantity, ScoringPolicy, Target)
"""The classes callers make themselves; the rest they receive."""
LANGUAGE = {UsageError}
"""What every method taking a language raises for one that is neither "zh" nor "en"."""

RAISES: dict[str, set[type[PerfRulesError]]] = {
    "compile": {RulesetError, UsageError},
    "load": {RulesetError, UsageError},
    "load_facts": {FactsError, UsageError},
    "parse_facts": {FactsError, UsageError},
    "score": {FactsError, UsageError},
    "monitor": {FactsError, UsageError},
    "Limits": {UsageError},
    "MonitoringPolicy": {UsageError},
    "Quantity": set(),
    "ScoringPolicy": {UsageError},
    "Target": {UsageError},
    "Ruleset.evaluate": {FactsError, UsageError},
    "Ruleset.evaluate_many": {FactsError, UsageError},
    "Ruleset.iter_evaluate": {FactsError, UsageError},
    "Ruleset.evaluate_table": {UsageError},
    "Ruleset.batch_function": {UsageError},
    "Report.__getitem__": {UnknownName},
    "Report.status": {UnknownName},
    "Report.statuses": set(),
    "Report.codes": set(),
    "Report.count": {UsageError},
    "Report.value_of": {FactsError, UnknownName},
    "Report.base": {UsageError},
    "Report.warnings_in": LANGUAGE,
    "Report.to_dict": LANGUAGE,
    "Report.trace": {UnknownName},
    "Report.explain": {UnknownName, UsageError},
    "Report.score": {FactsError, UsageError},
    "Report.monitor": {FactsError, UsageError},
    "Reports.__getitem__": set(),
    "Reports.statuses": set(),
    "Reports.count": {UsageError},
    "ColumnarReport.codes": {UnknownName},
    "ColumnarReport.status": {UnknownName},
    "ColumnarReport.value": {UnknownName},
    "ColumnarReport.value_field": {UnknownName},
    "ColumnarReport.to_table": set(),
    "BatchFunction.projected": set(),
    "IndicatorResult.to_dict": LANGUAGE,
    "IndicatorResult.reason_in": LANGUAGE,
    "Scorecard.to_dict": LANGUAGE,
    "ScoreRow.flags_in": LANGUAGE,
    "ScoreRow.to_dict": LANGUAGE,
    "GroupScore.to_dict": set(),
    "MonitoringSheet.warning_in": LANGUAGE,
    "MonitoringSheet.to_dict": LANGUAGE,
    "MonitorRow.likelihood_in": LANGUAGE,
    "MonitorRow.reason_in": LANGUAGE,
    "MonitorRow.to_dict": LANGUAGE,
    "Phrase.text": LANGUAGE,
    "Phrase.wording": set(),
    "RulesetError.render": set(),
    "Diagnostic.text": set(),
    "Diagnostic.render": set(),
    "Diagnostic.to_dict": set(),
    "Source.span": set(),
    "Source.original": set(),
    "Source.line_column": set(),
    "Source.line_text": set(),
    "Quantity.readable": set(),
    "Quantity.to_json": set(),
    "Target.readable": set(),
    "Target.to_json": set(),
    "Measure.readable": set(),
    "Measure.to_json": set(),
    "Comparator.written": set(),
    "Comparator.written_after": set(),
    "Unit.describe": set(),
    "Dimension.of": set(),
}

OWNED_ELSEWHERE: dict[str, str] = {}
"""Docstrings not yet saying what they raise, with why; each xfails strictly, so it is noticed when fixed."""


def public_callables():
    """Name → function or class, for everything `RAISES` should list."""
    found = {}
    for name in perfrules.__all__:
        item = getattr(perfrules, name)
        if not isinstance(item, type):
            found[name] = item
            continue
        if item in CONSTRUCTORS:
            found[name] = item
        for klass in item.__mro__:
            if not klass.__module__.startswith("perfrules"):
                continue
            for attribute, member in vars(klass).items():
                if attribute.startswith("_") and attribute != "__getitem__":
                    continue
                function = member.__func__ if isinstance(member, classmethod | staticmethod) else member
                if inspect.isfunction(function):
                    found.setdefault(f"{name}.{attribute}", function)
    return found


CALLABLES = public_callables()


def raises_clause(docstring: str) -> str | None:
    """The docstring's `Raises …` clause: from a sentence starting "Raises" to the paragraph's end."""
    match = re.search(r"(?:^|(?<=[.;]\s))Raises\b.*?(?=\n\s*\n|\Z)", docstring, re.DOTALL | re.MULTILINE)
    return None if match is None else match.group(0)


def test_the_table_lists_every_public_callable_and_nothing_else():
    assert sorted(CALLABLES) == sorted(RAISES)


def test_every_error_raised_is_exported():
    assert all(error in EXCEPTIONS.values() for errors in RAISES.values() for error in errors)


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=OWNED_ELSEWHERE[name]))
        if name in OWNED_ELSEWHERE
        else name
        for name in sorted(RAISES)
    ],
)
def test_the_docstring_names_exactly_the_errors_raised(name):
    """A `Raises` clause naming every perfrules error of the table and no other ("Raises nothing.")."""
    clause = raises_clause(inspect.getdoc(CALLABLES[name]) or "")
    assert clause is not None, f"{name} does not say what it raises"
    named = {word for word in re.findall(r"\b[A-Z]\w+\b", clause) if word in EXCEPTIONS}
    assert named == {error.__name__ for error in RAISES[name]}, clause


def documented_calls() -> dict[str, set[str]]:
    """docs/api.md's table of errors: call → the errors it names."""
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    section = text.split("\n## Errors\n", 1)[1].split("\n## ", 1)[0]
    calls: dict[str, set[str]] = {}
    for row in re.findall(r"^\| (`.*)$", section, re.MULTILINE):
        names, errors = row.split(" | ")[:2]
        for name in re.findall(r"`([^`]+)`", names):
            key = name.removeprefix("perfrules.").replace("[name]", ".__getitem__")
            calls[key] = set(re.findall(r"`(\w+)`", errors))
    return calls


def test_the_table_in_the_docs_agrees():
    """docs/api.md lists every call that raises a perfrules error, with the errors it raises."""
    raising = {name: {error.__name__ for error in errors} for name, errors in RAISES.items() if errors}
    assert documented_calls() == raising


def test_the_clause_is_found_where_it_is_written():
    clause = "Raises UsageError when asked wrongly."
    assert raises_clause(f"Does a thing.\n\n{clause}") == clause
    assert raises_clause("Does a thing. Raises nothing.") == "Raises nothing."
    assert raises_clause("Raises\nUnknownName for a name.\n\nMore.") == "Raises\nUnknownName for a name."
    assert raises_clause("Never raises UsageError.") is None


RULES = """year 2023
fact 支出数 in 元
fact 预算数 in 元
执行率 := 支出数 / 预算数 × 100%
执行率 >= 90%
巡察工作 >= 2 轮
"""


@pytest.fixture(scope="module")
def given(tmp_path_factory):
    """A ruleset, a report of it, its score and monitoring sheets, and a folder for files."""
    rules = perfrules.compile(RULES)
    report = rules.evaluate({"支出数": "不详", "预算数": 100, "巡察工作": 1})
    folder = tmp_path_factory.mktemp("files")
    (folder / "bad.perf").write_text("巡察工作 >=\n", encoding="utf-8")
    (folder / "list.json").write_text("[1]", encoding="utf-8")
    return SimpleNamespace(
        rules=rules, report=report, card=report.score(), sheet=report.monitor(), folder=folder, no_such="没有"
    )


def columnar(given):
    """The ruleset's columnar report of a one-row table (skipped without pyarrow)."""
    pa = pytest.importorskip("pyarrow")
    return given.rules.evaluate_table(pa.table({"巡察工作": [3]}))


TRIGGERS = {
    ("compile", RulesetError): lambda g: perfrules.compile("巡察工作 >=\n"),
    ("compile", UsageError): lambda g: perfrules.compile(b"x >= 1\n"),
    ("load", RulesetError): lambda g: perfrules.load(g.folder / "bad.perf"),
    ("load", UsageError): lambda g: perfrules.load(g.folder / "missing.perf"),
    ("load_facts", FactsError): lambda g: perfrules.load_facts(g.folder / "list.json"),
    ("load_facts", UsageError): lambda g: perfrules.load_facts(g.folder / "list.json", limits=100),
    ("parse_facts", FactsError): lambda g: perfrules.parse_facts('{"a": 1, "a": 2}'),
    ("parse_facts", UsageError): lambda g: perfrules.parse_facts(b"{}"),
    ("score", FactsError): lambda g: perfrules.score(g.rules.evaluate({"不适用": "巡察工作"})),
    ("score", UsageError): lambda g: perfrules.score(g.report, "linear"),
    ("monitor", FactsError): lambda g: perfrules.monitor(g.rules.evaluate({"巡察工作:可能性": "也许"})),
    ("monitor", UsageError): lambda g: perfrules.monitor(g.report, ScoringPolicy()),
    ("Limits", UsageError): lambda g: Limits(max_nesting=0),
    ("MonitoringPolicy", UsageError): lambda g: MonitoringPolicy(tolerance="一成"),
    ("ScoringPolicy", UsageError): lambda g: ScoringPolicy(places=9),
    ("Target", UsageError): lambda g: Target("≈", Quantity(Decimal(1))),
    ("Ruleset.evaluate", FactsError): lambda g: g.rules.evaluate([("巡察工作", 3)]),
    ("Ruleset.evaluate", UsageError): lambda g: g.rules.evaluate({}, as_of="2023-06-30"),
    ("Ruleset.evaluate_many", FactsError): lambda g: g.rules.evaluate_many([{}, 3]),
    ("Ruleset.evaluate_many", UsageError): lambda g: g.rules.evaluate_many({"巡察工作": 3}),
    ("Ruleset.iter_evaluate", FactsError): lambda g: list(g.rules.iter_evaluate([{}, 3])),
    ("Ruleset.iter_evaluate", UsageError): lambda g: g.rules.iter_evaluate([], as_of=2023),
    ("Ruleset.evaluate_table", UsageError): lambda g: g.rules.evaluate_table([{"巡察工作": 3}]),
    ("Report.__getitem__", UnknownName): lambda g: g.report[g.no_such],
    ("Report.status", UnknownName): lambda g: g.report.status(g.no_such),
    ("Report.count", UsageError): lambda g: g.report.count("MET"),
    ("Reports.count", UsageError): lambda g: g.rules.evaluate_many([{}]).count("MET"),
    ("Report.value_of", FactsError): lambda g: g.report.value_of("支出数"),
    ("Report.value_of", UnknownName): lambda g: g.report.value_of(g.no_such),
    ("Report.base", UsageError): lambda g: g.report.base(Quantity(Decimal(1), "光年")),
    ("Report.warnings_in", UsageError): lambda g: g.report.warnings_in("fr"),
    ("Report.to_dict", UsageError): lambda g: g.report.to_dict("fr"),
    ("Report.trace", UnknownName): lambda g: g.report.trace(g.no_such),
    ("Report.explain", UnknownName): lambda g: g.report.explain(g.no_such),
    ("Report.explain", UsageError): lambda g: g.report.explain("巡察工作", "fr"),
    ("Report.score", FactsError): lambda g: g.rules.evaluate({"巡察工作:得分": 99}).score(),
    ("Report.score", UsageError): lambda g: g.report.score(MonitoringPolicy()),
    ("Report.monitor", FactsError): lambda g: g.rules.evaluate({"执行数": "很多"}).monitor(),
    ("Report.monitor", UsageError): lambda g: perfrules.compile("巡察工作 >= 2 轮\n").evaluate({}).monitor(),
    ("ColumnarReport.codes", UnknownName): lambda g: columnar(g).codes(g.no_such),
    ("ColumnarReport.status", UnknownName): lambda g: columnar(g).status(g.no_such),
    ("ColumnarReport.value", UnknownName): lambda g: columnar(g).value(g.no_such),
    ("ColumnarReport.value_field", UnknownName): lambda g: columnar(g).value_field(g.no_such),
    ("Ruleset.batch_function", UsageError): lambda g: g.rules.batch_function({"巡察工作": "int64"}),
    ("IndicatorResult.to_dict", UsageError): lambda g: g.report["巡察工作"].to_dict("EN"),
    ("IndicatorResult.reason_in", UsageError): lambda g: g.report["巡察工作"].reason_in("english"),
    ("Scorecard.to_dict", UsageError): lambda g: g.card.to_dict("fr"),
    ("ScoreRow.flags_in", UsageError): lambda g: g.card.rows[0].flags_in("fr"),
    ("ScoreRow.to_dict", UsageError): lambda g: g.card.rows[0].to_dict("fr"),
    ("MonitoringSheet.warning_in", UsageError): lambda g: g.sheet.warning_in("fr"),
    ("MonitoringSheet.to_dict", UsageError): lambda g: g.sheet.to_dict("fr"),
    ("MonitorRow.likelihood_in", UsageError): lambda g: g.sheet.rows[0].likelihood_in("fr"),
    ("MonitorRow.reason_in", UsageError): lambda g: g.sheet.rows[0].reason_in("fr"),
    ("MonitorRow.to_dict", UsageError): lambda g: g.sheet.rows[0].to_dict("fr"),
    ("Phrase.text", UsageError): lambda g: g.report["巡察工作"].reasoning.text("fr"),
}


def test_every_error_listed_has_a_trigger_and_no_other():
    assert set(TRIGGERS) == {(name, error) for name, errors in RAISES.items() for error in errors}


@pytest.mark.parametrize(("name", "error"), sorted(TRIGGERS, key=lambda pair: (pair[0], pair[1].__name__)))
def test_each_error_listed_is_raised(given, name, error):
    """The error itself, not a kind of it (an UnknownName is a UsageError too)."""
    with pytest.raises(PerfRulesError) as caught:
        TRIGGERS[name, error](given)
    assert type(caught.value) is error, caught.value
