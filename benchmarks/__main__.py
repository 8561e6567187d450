"""Run the benchmarks: `python -m benchmarks [--quick] [--write]`.

Measures, in one process and one run (scaling points in child processes for their memory):
  1. the 40-rule workload on seeded random fact sets: perfrules, hand-written lambdas and every
     installed peer, as evaluations per second and as a ratio to the lambdas;
  2. the seed ruleset: compile time cold and warm, `perfrules check` as a fresh process,
     evaluating one fact set and 100,000;
  3. scaling with fact sets (10k, 100k, 1M) and rules (40, 400, 4000): time and peak memory.
Figures are medians over repeats, engines interleaved. `--write` records them in
benchmarks/README.md, benchmarks/results.json and benchmarks/scaling.png.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

import perfrules

from . import peers, workload

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEED = ROOT / "rulesets" / "zhengzhou-jingkai-jijian-2023.perf"
SEED_FACTS = ROOT / "rulesets" / "zhengzhou-jingkai-jijian-2023.facts.json"


def median_time(run: Callable[[], Any], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def machine() -> dict[str, Any]:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for package in (
        "perfrules",
        "lark",
        "attrs",
        "pyarrow",
        "cel-python",
        "rule-engine",
        "zen-engine",
        "json-logic-qubit",
    ):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            continue
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "versions": versions,
    }


def workload_section(sets: int, peer_sets: int, repeats: int) -> list[dict[str, Any]]:
    records = workload.records(sets)
    truth = [[rule(record) for rule in workload.lambda_rules()] for record in records]
    rules = workload.lambda_rules()
    ruleset = perfrules.compile(workload.ruleset_text())
    facts = [workload.perfrules_facts(record) for record in records]
    as_of = workload.AS_OF

    def lambdas() -> None:
        for record in records:
            [rule(record) for rule in rules]

    def one_at_a_time() -> None:
        evaluate = ruleset.evaluate
        for fact_set in facts:
            evaluate(fact_set, as_of=as_of)

    def batch() -> None:
        ruleset.evaluate_many(facts, as_of=as_of)

    engines: list[tuple[str, Callable[[], Any], int, Callable[[], list[list[bool]]] | None]] = [
        ("hand-written lambdas", lambdas, sets, None),
        ("perfrules Ruleset.evaluate", one_at_a_time, sets, lambda: _met(ruleset, facts)),
        ("perfrules Ruleset.evaluate_many", batch, sets, None),
    ]
    if _has_arrow():
        table = workload.arrow_table(records)

        def columnar() -> None:
            ruleset.evaluate_table(table, as_of=as_of)

        def columnar_met() -> list[list[bool]]:
            report = ruleset.evaluate_table(table, as_of=as_of)
            columns = [report.status(name).to_pylist() for name in report]
            return [[column[row] == "MET" for column in columns] for row in range(sets)]

        engines.append(("perfrules columnar (Arrow)", columnar, sets, columnar_met))
    for name, convert, evaluate in peers.available():
        inputs = [convert(record) for record in records[:peer_sets]]

        def run(inputs: list[Any] = inputs, evaluate: Callable[[Any], list[bool]] = evaluate) -> None:
            for item in inputs:
                evaluate(item)

        def check(inputs: list[Any] = inputs, evaluate: Callable[[Any], list[bool]] = evaluate) -> list[list[bool]]:
            return [evaluate(item) for item in inputs]

        engines.append((name, run, len(inputs), check))
    timings: dict[str, list[float]] = {name: [] for name, *_ in engines}
    for _ in range(repeats):
        for name, run, _count, _check in engines:
            start = time.perf_counter()
            run()
            timings[name].append(time.perf_counter() - start)
    rows = []
    lambda_rate = 40 * sets / statistics.median(timings["hand-written lambdas"])
    for name, _run, count, check in engines:
        rate = 40 * count / statistics.median(timings[name])
        agreement = None
        if check is not None:
            answers = check()
            agreement = sum(
                a == b for got, want in zip(answers, truth, strict=False) for a, b in zip(got, want, strict=True)
            )
            agreement = agreement / (40 * len(answers))
        rows.append(
            {
                "engine": name,
                "fact_sets": count,
                "evaluations_per_second": rate,
                "lambda_time_ratio": lambda_rate / rate,
                "agreement": agreement,
            }
        )
        print(f"  {name:36s} {rate:14,.0f} evals/s  {lambda_rate / rate:7.2f}× lambdas' time", flush=True)
    return rows


def _has_arrow() -> bool:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


def columnar_section(rows: int, repeats: int, lambda_rate: float) -> dict[str, Any] | None:
    """The columnar engine over `rows` rows: a 10,000-row table repeated, to keep generation short."""
    if not _has_arrow():
        return None
    import pyarrow as pa

    base = workload.arrow_table(workload.records(10_000))
    table = pa.concat_tables([base] * (rows // base.num_rows)).combine_chunks()
    ruleset = perfrules.compile(workload.ruleset_text())
    seconds = median_time(lambda: ruleset.evaluate_table(table, as_of=workload.AS_OF), repeats)
    rate = 40 * table.num_rows / seconds
    print(
        f"  columnar over {table.num_rows:,} rows: {seconds:.2f} s, {rate:,.0f} evals/s, "
        f"{rate / lambda_rate:.1f}× the lambdas' throughput",
        flush=True,
    )
    return {
        "rows": table.num_rows,
        "seconds": seconds,
        "evaluations_per_second": rate,
        "lambda_throughput_ratio": rate / lambda_rate,
    }


def _met(ruleset: perfrules.Ruleset, facts: list[dict[str, Any]]) -> list[list[bool]]:
    met = perfrules.Status.MET
    return [
        [status is met for status in ruleset.evaluate(fact_set, as_of=workload.AS_OF).statuses()] for fact_set in facts
    ]


def seed_section(repeats: int, many: int) -> dict[str, Any]:
    code = "import time; t = time.perf_counter(); import perfrules; perfrules.load(%r); print(time.perf_counter() - t)"
    cold = [
        float(
            subprocess.run([sys.executable, "-c", code % str(SEED)], capture_output=True, text=True, check=True).stdout
        )
        for _ in range(repeats)
    ]
    check_times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "perfrules", "check", str(SEED)], capture_output=True, check=True)
        check_times.append(time.perf_counter() - start)
    warm = median_time(lambda: perfrules.load(SEED), max(repeats, 20))
    ruleset = perfrules.load(SEED)
    facts = perfrules.load_facts(SEED_FACTS)
    one = median_time(lambda: ruleset.evaluate(facts), 2000)
    one_dict = median_time(lambda: ruleset.evaluate(facts).to_dict(), 200)
    batch = median_time(lambda: ruleset.evaluate_many([facts] * many), max(1, repeats // 2))
    result = {
        "indicators": len(ruleset.indicators),
        "compile_cold_process_ms": statistics.median(cold) * 1000,
        "check_fresh_process_ms": statistics.median(check_times) * 1000,
        "compile_warm_ms": warm * 1000,
        "evaluate_one_us": one * 1e6,
        "evaluate_one_to_dict_us": one_dict * 1e6,
        "evaluate_many_sets": many,
        "evaluate_many_s": batch,
    }
    for key, value in result.items():
        print(f"  {key:28s} {value:,.2f}" if isinstance(value, float) else f"  {key:28s} {value:,}", flush=True)
    return result


def scaling_section(set_points: list[int], rule_points: list[int], rule_sets: int) -> dict[str, list[dict[str, Any]]]:
    def point(sets: int, copies: int, pool: int = 10_000) -> dict[str, Any]:
        output = subprocess.run(
            [
                sys.executable,
                "-m",
                "benchmarks.scale",
                "--sets",
                str(sets),
                "--copies",
                str(copies),
                "--pool",
                str(pool),
            ],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout
        data: dict[str, Any] = json.loads(output)
        print(
            f"  {data['sets']:>9,} fact sets × {data['rules']:>5,} rules: "
            f"{data['seconds']:8.2f} s, peak {data['peak_mib']:7.1f} MiB",
            flush=True,
        )
        return data

    return {
        "fact_sets": [point(sets, 1) for sets in set_points],
        # A smaller pool for wide rulesets: 4000 rules read 6000 facts per fact set.
        "rules": [point(rule_sets, rules // 40, pool=200) for rules in rule_points],
    }


def plot(scaling: dict[str, list[dict[str, Any]]], path: Path) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    figure, (left, right) = plt.subplots(1, 2, figsize=(9, 3.4))
    for axis, key, label in ((left, "fact_sets", "fact sets (40 rules)"), (right, "rules", "rules per ruleset")):
        points = scaling[key]
        xs = [point["sets"] if key == "fact_sets" else point["rules"] for point in points]
        axis.plot(xs, [point["seconds"] for point in points], "o-", color="tab:blue")
        axis.set_xscale("log")
        axis.set_yscale("log")
        axis.set_xlabel(label)
        axis.set_ylabel("seconds", color="tab:blue")
        memory = axis.twinx()
        memory.plot(xs, [point["peak_mib"] for point in points], "s--", color="tab:orange")
        memory.set_ylabel("peak MiB", color="tab:orange")
        memory.set_ylim(bottom=0)
    figure.suptitle("perfrules: time and peak memory as fact sets (streamed) and rules grow")
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    return True


def markdown(results: dict[str, Any]) -> str:
    info = results["machine"]
    lines = [
        f"Measured {results['date']} on {info['cpu']} ({info['cores']} cores), "
        f"Python {info['python']}, {info['system']}.",
        "Versions: " + ", ".join(f"{name} {version}" for name, version in info["versions"].items()) + ".",
        "",
        f"### 40-rule workload ({results['workload_sets']:,} seeded fact sets; "
        f"peers on the first {results['peer_sets']:,})",
        "",
        "| engine | evaluations/s | time vs lambdas | agrees with lambdas |",
        "| --- | ---: | ---: | ---: |",
    ]
    for row in results["workload"]:
        agreement = "—" if row["agreement"] is None else f"{row['agreement']:.2%}"
        lines.append(
            f"| {row['engine']} | {row['evaluations_per_second']:,.0f} "
            f"| {row['lambda_time_ratio']:.2f}× | {agreement} |"
        )
    seed = results["seed"]
    lines += [
        "",
        f"### Seed ruleset ({seed['indicators']} indicators)",
        "",
        "| measure | value |",
        "| --- | ---: |",
        f"| compile, cold process (import + load) | {seed['compile_cold_process_ms']:.1f} ms |",
        f"| `perfrules check`, fresh process | {seed['check_fresh_process_ms']:.0f} ms |",
        f"| compile, warm | {seed['compile_warm_ms']:.2f} ms |",
        f"| evaluate one fact set | {seed['evaluate_one_us']:.1f} µs |",
        f"| evaluate one fact set and build every result (`to_dict`) | {seed['evaluate_one_to_dict_us']:.0f} µs |",
        f"| evaluate {seed['evaluate_many_sets']:,} fact sets (`evaluate_many`) | {seed['evaluate_many_s']:.2f} s |",
    ]
    if results.get("columnar"):
        columnar = results["columnar"]
        lines += [
            "",
            f"### Columnar (Arrow) over {columnar['rows']:,} rows",
            "",
            f"{columnar['seconds']:.2f} s for 40 rules × {columnar['rows']:,} rows: "
            f"{columnar['evaluations_per_second']:,.0f} "
            f"evaluations/s, {columnar['lambda_throughput_ratio']:.1f}× the lambdas' throughput.",
        ]
    if results.get("scaling"):
        lines += [
            "",
            "### Scaling",
            "",
            "| fact sets | rules | seconds | peak memory |",
            "| ---: | ---: | ---: | ---: |",
        ]
        for key in ("fact_sets", "rules"):
            for point in results["scaling"][key]:
                lines.append(
                    f"| {point['sets']:,} | {point['rules']:,} | {point['seconds']:.2f} | {point['peak_mib']:.0f} MiB |"
                )
        lines += ["", "![scaling](scaling.png)"]
    return "\n".join(lines)


def write(results: dict[str, Any]) -> None:
    (HERE / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    readme = HERE / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- results -->", "<!-- /results -->"
    before, rest = text.split(start, 1)
    after = rest.split(end, 1)[1]
    readme.write_text(f"{before}{start}\n{markdown(results)}\n{end}{after}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sets", type=int, default=10_000, help="fact sets in the 40-rule workload")
    parser.add_argument(
        "--peer-sets", type=int, default=1_000, help="fact sets for the peers (the slowest take minutes)"
    )
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    parser.add_argument("--no-scaling", action="store_true")
    parser.add_argument("--write", action="store_true", help="record the figures in benchmarks/")
    options = parser.parse_args()
    if options.quick:
        options.sets, options.peer_sets, options.repeats = 1_000, 200, 3
    results: dict[str, Any] = {"date": time.strftime("%Y-%m-%d"), "machine": machine()}
    results["workload_sets"], results["peer_sets"] = options.sets, min(options.peer_sets, options.sets)
    print("40-rule workload", flush=True)
    results["workload"] = workload_section(options.sets, results["peer_sets"], options.repeats)
    lambda_rate = results["workload"][0]["evaluations_per_second"]
    print("columnar", flush=True)
    results["columnar"] = columnar_section(100_000 if options.quick else 1_000_000, options.repeats, lambda_rate)
    print("seed ruleset", flush=True)
    results["seed"] = seed_section(options.repeats, 10_000 if options.quick else 100_000)
    if not options.no_scaling:
        print("scaling", flush=True)
        sets = [2_000, 20_000] if options.quick else [10_000, 100_000, 1_000_000]
        rules = [40, 400] if options.quick else [40, 400, 4_000]
        results["scaling"] = scaling_section(sets, rules, 200 if options.quick else 2_000)
        if options.write:
            plot(results["scaling"], HERE / "scaling.png")
    if options.write:
        write(results)


if __name__ == "__main__":
    main()
