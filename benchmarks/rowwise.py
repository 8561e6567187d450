"""The 40-rule workload one fact set at a time: perfrules, hand-written lambdas and the peers.

Engines are interleaved and timed by medians over repeats. Each perfrules figure is a ratio to the
lambdas over the same records: `Ruleset.evaluate` on exact decimals against lambdas over decimals,
and on floats against lambdas over floats; `evaluate_many` per fact set; the columnar engine over
the same records as an Arrow table. Each engine's answers are checked against the exact lambdas'.
Also: counting MET results with `Report.count` against a `sum` over `Report.statuses()`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import perfrules

from . import peers, timing, workload

LAMBDAS = "hand-written lambdas"
FLOAT_LAMBDAS = "hand-written lambdas (floats)"

Check = Callable[[], list[list[bool]]] | None
Engine = tuple[str, Callable[[], Any], int, str, Check]
"""(name, run, fact sets, the lambdas it is compared with, a check of its answers or None)"""


def workload_section(sets: int, peer_sets: int, repeats: int) -> list[dict[str, Any]]:
    records = workload.records(sets)
    rules = workload.lambda_rules()
    truth = [[rule(record) for rule in rules] for record in records]
    ruleset = perfrules.compile(workload.ruleset_text())
    facts = [workload.perfrules_facts(record) for record in records]
    float_records = [workload.with_floats(record) for record in records]
    float_facts = [workload.perfrules_facts(record) for record in float_records]
    as_of = workload.AS_OF

    def lambdas(records: list[dict[str, Any]] = records) -> None:
        for record in records:
            [rule(record) for rule in rules]

    def one_at_a_time(facts: list[dict[str, Any]] = facts) -> None:
        evaluate = ruleset.evaluate
        for fact_set in facts:
            evaluate(fact_set, as_of=as_of)

    engines: list[Engine] = [
        (LAMBDAS, lambdas, sets, LAMBDAS, None),
        ("perfrules Ruleset.evaluate", one_at_a_time, sets, LAMBDAS, lambda: _met(ruleset, facts)),
        ("perfrules Ruleset.evaluate_many", lambda: ruleset.evaluate_many(facts, as_of=as_of), sets, LAMBDAS, None),
        (FLOAT_LAMBDAS, lambda: lambdas(float_records), sets, FLOAT_LAMBDAS, None),
        (
            "perfrules Ruleset.evaluate (floats)",
            lambda: one_at_a_time(float_facts),
            sets,
            FLOAT_LAMBDAS,
            lambda: _met(ruleset, float_facts),
        ),
    ]
    if _has_arrow():
        engines.append(_columnar(ruleset, records))
    for name, convert, evaluate in peers.available():
        inputs = [convert(record) for record in records[:peer_sets]]

        def run(inputs: list[Any] = inputs, evaluate: Callable[[Any], list[bool]] = evaluate) -> None:
            for item in inputs:
                evaluate(item)

        def check(inputs: list[Any] = inputs, evaluate: Callable[[Any], list[bool]] = evaluate) -> list[list[bool]]:
            return [evaluate(item) for item in inputs]

        engines.append((name, run, len(inputs), LAMBDAS, check))
    seconds, _outputs = timing.interleaved({name: run for name, run, *_ in engines}, repeats, keep=False)
    return _rows(engines, seconds, truth)


def _rows(engines: list[Engine], seconds: dict[str, float], truth: list[list[bool]]) -> list[dict[str, Any]]:
    """Per engine: evaluations per second, the time as a ratio to its lambdas', agreement."""
    rates = {name: 40 * count / seconds[name] for name, _run, count, *_ in engines}
    rows = []
    for name, _run, count, baseline, check in engines:
        ratio = rates[baseline] / rates[name]
        rows.append(
            {
                "engine": name,
                "fact_sets": count,
                "evaluations_per_second": rates[name],
                "baseline": baseline,
                "lambda_time_ratio": ratio,
                "agreement": None if check is None else _agreement(check(), truth),
            }
        )
        print(f"  {name:36s} {rates[name]:14,.0f} evals/s  {ratio:7.2f}× the time of {baseline}", flush=True)
    return rows


def _columnar(ruleset: perfrules.Ruleset, records: list[dict[str, Any]]) -> Engine:
    table = workload.arrow_table(records)

    def met() -> list[list[bool]]:
        report = ruleset.evaluate_table(table, as_of=workload.AS_OF)
        columns = [report.codes(name).to_pylist() for name in report]
        return [[column[row] == perfrules.Status.MET.code for column in columns] for row in range(table.num_rows)]

    run = lambda: ruleset.evaluate_table(table, as_of=workload.AS_OF)  # noqa: E731
    return "perfrules columnar (Arrow)", run, table.num_rows, LAMBDAS, met


def _agreement(answers: list[list[bool]], truth: list[list[bool]]) -> float:
    same = sum(a == b for got, want in zip(answers, truth, strict=False) for a, b in zip(got, want, strict=True))
    return same / (40 * len(answers))


def _has_arrow() -> bool:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


def _met(ruleset: perfrules.Ruleset, facts: list[dict[str, Any]]) -> list[list[bool]]:
    met = perfrules.Status.MET
    return [
        [status is met for status in ruleset.evaluate(fact_set, as_of=workload.AS_OF).statuses()] for fact_set in facts
    ]


def count_section(sets: int, repeats: int) -> dict[str, Any]:
    """`report.count(Status.MET)` against `sum(status is Status.MET for status in report.statuses())`."""
    ruleset = perfrules.compile(workload.ruleset_text())
    reports = [
        ruleset.evaluate(workload.perfrules_facts(record), as_of=workload.AS_OF) for record in workload.records(sets)
    ]
    met = perfrules.Status.MET

    def count() -> int:
        return sum(report.count(met) for report in reports)

    def by_statuses() -> int:
        return sum(sum(status is met for status in report.statuses()) for report in reports)

    seconds, outputs = timing.interleaved({"count": count, "sum": by_statuses}, repeats)
    assert outputs["count"] == outputs["sum"], outputs
    result = {
        "reports": sets,
        "count_us": seconds["count"] / sets * 1e6,
        "sum_us": seconds["sum"] / sets * 1e6,
        "count_vs_sum": seconds["count"] / seconds["sum"],
    }
    print(
        f"  report.count(MET) {result['count_us']:.2f} µs, sum over statuses() {result['sum_us']:.2f} µs "
        f"per report: {result['count_vs_sum']:.2f}× the time",
        flush=True,
    )
    return result
