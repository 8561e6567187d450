"""Two source trees side by side: `python -m benchmarks.compare BEFORE_SRC AFTER_SRC [--rounds 5]`.

Each round runs the 40-rule workload once per tree, alternating, each in a fresh process with that
tree's `src` first on the path: `Ruleset.evaluate` one fact set at a time and `evaluate_table` over
Arrow, each as a ratio to the hand-written lambdas timed in the same process. Medians over rounds
are printed per tree with the change from the first to the second, so a refactoring (or a speed-up)
is judged on one machine in one run, not against figures written down another day.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

PROBE = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
import perfrules
from benchmarks import workload

assert perfrules.__file__.startswith(sys.argv[1]), perfrules.__file__
sets = int(sys.argv[2])
records = workload.records(sets)
facts = [workload.perfrules_facts(record) for record in records]
rules = workload.lambda_rules()
ruleset = perfrules.compile(workload.ruleset_text())
table = workload.arrow_table(records * 10)


def timed(run, repeats=7):
    # The fastest of a few runs: what the code costs, with the least of the machine's noise.
    best = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        best.append(time.perf_counter() - start)
    return min(best)


def lambdas():
    for record in records:
        [rule(record) for rule in rules]


def evaluate():
    for fact_set in facts:
        ruleset.evaluate(fact_set, as_of=workload.AS_OF)


float_records = [workload.with_floats(record) for record in records]
float_facts = [workload.perfrules_facts(record) for record in float_records]


def float_lambdas():
    for record in float_records:
        [rule(record) for rule in rules]


def evaluate_floats():
    for fact_set in float_facts:
        ruleset.evaluate(fact_set, as_of=workload.AS_OF)


lambda_seconds = timed(lambdas)
print(json.dumps({
    "evaluate": timed(evaluate) / lambda_seconds,
    "evaluate_floats": timed(evaluate_floats) / timed(float_lambdas),
    "evaluate_many": timed(lambda: ruleset.evaluate_many(facts, as_of=workload.AS_OF)) / lambda_seconds,
    "evaluate_table": timed(lambda: ruleset.evaluate_table(table, as_of=workload.AS_OF)) / (10 * lambda_seconds),
}))
"""


def probe(source: Path, sets: int) -> dict[str, float]:
    environment = {**os.environ, "PYTHONPATH": str(HERE.parent)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(source.resolve()), str(sets)],
        capture_output=True,
        text=True,
        env=environment,
        check=True,
    )
    result: dict[str, float] = json.loads(done.stdout)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path, help="the src folder of the first tree")
    parser.add_argument("after", type=Path, help="the src folder of the second tree")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--sets", type=int, default=5_000, help="fact sets per timing")
    options = parser.parse_args()
    ratios: dict[str, dict[str, list[float]]] = {"before": {}, "after": {}}
    for round_number in range(options.rounds):
        for side, source in (("before", options.before), ("after", options.after)):
            for measure, ratio in probe(source, options.sets).items():
                ratios[side].setdefault(measure, []).append(ratio)
        print(f"round {round_number + 1}/{options.rounds} done", file=sys.stderr)
    for measure in ratios["before"]:
        before = statistics.median(ratios["before"][measure])
        after = statistics.median(ratios["after"][measure])
        print(
            f"{measure:15s} before {before:6.2f}× lambdas  after {after:6.2f}× lambdas  "
            f"change {100 * (after / before - 1):+5.1f}%"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
