"""What each endpoint does with a request body, as plain functions of the body and the service's
rulesets: no HTTP here, so that each is tested and timed on its own (the app runs them in a
thread, within the request's time limit)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import api
from ..api import Report, Ruleset
from ..errors import FactsError, RulesetError, UsageError
from .problems import Problem
from .requests import Fields
from .rulesets import Rulesets, version_of


def check(body: dict[str, Any], rulesets: Rulesets) -> dict[str, Any]:
    """`POST /v1/check`: whether the ruleset compiles, and every diagnostic (warnings too)."""
    fields = Fields(body)
    text = fields.text("ruleset")
    language = fields.language()
    fields.done()
    assert text is not None
    try:
        warnings = api.compile(text, source="ruleset", limits=rulesets.limits).warnings
    except RulesetError as error:
        return {"ok": False, "diagnostics": [item.to_dict(language) for item in error.diagnostics]}
    return {"ok": True, "diagnostics": [item.to_dict(language) for item in warnings]}


def evaluate(body: dict[str, Any], rulesets: Rulesets) -> dict[str, Any]:
    """`POST /v1/evaluate`: exactly `Report.to_dict()`."""
    report, fields = _report(body, rulesets)
    language = fields.language()
    fields.done()
    return report.to_dict(language)


def evaluate_batch(body: dict[str, Any], rulesets: Rulesets) -> dict[str, Any]:
    """`POST /v1/evaluate-batch`: the reports in order; a fact set that cannot be used gets its
    own problem in its place, and the others go on."""
    fields = Fields(body)
    ruleset = _ruleset(fields, rulesets)
    fact_sets = fields.items("fact_sets")
    as_of = fields.day()
    language = fields.language()
    fields.done()
    reports: list[dict[str, Any]] = []
    for position, facts in enumerate(fact_sets):
        try:
            if not isinstance(facts, dict):
                raise FactsError("a fact set must be a JSON object of fact name to value")
            reports.append(ruleset.evaluate(facts, as_of=as_of).to_dict(language))
        except (FactsError, UsageError) as error:
            kind = "invalid-facts" if isinstance(error, FactsError) else "invalid-request"
            reports.append({"error": Problem(kind, f"fact_sets[{position}]: {error}").document()})
    return {"reports": reports}


def score(body: dict[str, Any], rulesets: Rulesets) -> dict[str, Any]:
    """`POST /v1/score`: the self-evaluation (绩效自评) of the facts, by `policy`."""
    return _assessed(body, rulesets, Fields.scoring, Report.score)


def monitor(body: dict[str, Any], rulesets: Rulesets) -> dict[str, Any]:
    """`POST /v1/monitor`: the monitoring sheet (绩效监控) of the facts, by `policy`."""
    return _assessed(body, rulesets, Fields.monitoring, Report.monitor)


def explain(body: dict[str, Any], rulesets: Rulesets) -> dict[str, Any]:
    """`POST /v1/explain`: how one indicator (or formula) came to its result, as `perfrules explain`."""
    report, fields = _report(body, rulesets)
    name = fields.text("name")
    language = fields.language()
    fields.done()
    assert name is not None
    return {"name": name, "text": _facts_problem(lambda: report.explain(name, language))}


def register(name: str, body: dict[str, Any], rulesets: Rulesets) -> tuple[bool, dict[str, Any]]:
    """`PUT /v1/rulesets/{id}`: (whether the id is new, what is registered)."""
    fields = Fields(body)
    text = fields.text("ruleset")
    language = fields.language()
    fields.done()
    assert text is not None
    created, ruleset = rulesets.register(name, text, language)
    return created, described(name, text, ruleset, language)


def described(name: str, text: str, ruleset: Ruleset, language: str = "zh") -> dict[str, Any]:
    """A registered ruleset as `GET /v1/rulesets/{id}` shows it."""
    return {
        "id": name,
        "version": version_of(text),
        "indicators": len(ruleset.indicators),
        "formulas": len(ruleset.formulas),
        "warnings": [item.to_dict(language) for item in ruleset.warnings],
        "ruleset": text,
    }


def _ruleset(fields: Fields, rulesets: Rulesets) -> Ruleset:
    """The ruleset a request names: its text, or the id it is registered under (and a version)."""
    text = fields.text("ruleset", required=False)
    name = fields.text("ruleset_id", required=False)
    version = fields.text("version", required=False)
    if (text is None) == (name is None):
        raise Problem("invalid-request", "give either 'ruleset' (its text) or 'ruleset_id' (a registered one)")
    if text is not None:
        return rulesets.compiled(text, fields.language())
    assert name is not None
    return rulesets.by_name(name, version)


def _report(body: dict[str, Any], rulesets: Rulesets) -> tuple[Report, Fields]:
    fields = Fields(body)
    ruleset = _ruleset(fields, rulesets)
    facts = fields.mapping("facts")
    as_of = fields.day()
    report = _facts_problem(lambda: ruleset.evaluate(facts or {}, as_of=as_of))
    return report, fields


def _assessed(
    body: dict[str, Any], rulesets: Rulesets, policy_of: Callable[[Fields], Any], assess: Callable[..., Any]
) -> dict[str, Any]:
    """A report's score or monitoring sheet (`assess`), by the policy the body gives."""
    report, fields = _report(body, rulesets)
    policy = policy_of(fields)
    language = fields.language()
    fields.done()
    sheet: dict[str, Any] = _facts_problem(lambda: assess(report, policy).to_dict(language))
    return sheet


def _facts_problem(work: Any) -> Any:
    """`work()`, its perfrules errors said as problems: facts that cannot be used, or a request
    that cannot be answered (an as-of date the ruleset needs, a name it does not define)."""
    try:
        return work()
    except FactsError as error:
        raise Problem("invalid-facts", str(error)) from None
    except UsageError as error:
        raise Problem("invalid-request", str(error)) from None
