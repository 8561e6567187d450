"""Run the benchmarks: `python -m benchmarks [--quick] [--write] [--sections ...]`.

Measures, in one process and one run (scaling points and memory in child processes):
  1. workload: the 40-rule workload one fact set at a time: perfrules (`evaluate` on decimals and
     on floats, `evaluate_many`, the columnar engine), hand-written lambdas and every installed
     peer, as ratios to the lambdas; `Report.count` against a sum over `Report.statuses()`;
  2. seed: the seed ruleset: `perfrules check` as a fresh process against `python -c pass`,
     compile time cold and warm, evaluating one fact set and many;
  3. columnar: `evaluate_table` against DuckDB (exact DECIMAL and DOUBLE queries) and polars
     (Decimal and Float64) on the 40-rule workload, its boundary variant and the seed ruleset,
     with every peer's status cells checked against perfrules';
  4. rules: compile time and evaluate_table's cost per rule-evaluation at 40 → 4000 rules, and
     evaluate_table's memory over a million rows;
  5. scaling: streamed fact sets (10k → 1M) and rules (40 → 4000) one fact set at a time: time
     and peak memory;
  6. distributed: the seed ruleset over a million rows in process and on a two-worker Dask
     cluster (`perfrules.dask`), with the cost of moving the rows apart from evaluating them;
  7. service: `perfrules serve` under load on loopback (single and batch evaluation), beside the
     in-process cost, and the per-request cost of the ASGI frameworks considered.
Figures are medians over repeats, engines interleaved. `--write` records them in
benchmarks/README.md, benchmarks/results.json and benchmarks/scaling.png.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import Any

from . import columnar, distributed, report, rowwise, seed, service

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SECTIONS = ("workload", "seed", "columnar", "rules", "scaling", "distributed", "service")
PACKAGES = (
    "perfrules",
    "lark",
    "attrs",
    "pyarrow",
    "numpy",
    "duckdb",
    "polars",
    "cel-python",
    "rule-engine",
    "zen-engine",
    "json-logic-qubit",
    "pandas",
    "dask",
    "distributed",
    "starlette",
    "uvicorn",
    "litestar",
)


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
    for package in PACKAGES:
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


def scaling_section(set_points: list[int], rule_points: list[int], rule_sets: int) -> dict[str, list[dict[str, Any]]]:
    """Row-wise scaling points, each in a process of its own (benchmarks/scale.py)."""

    def point(sets: int, copies: int, pool: int = 10_000) -> dict[str, Any]:
        command = [sys.executable, "-m", "benchmarks.scale", "--sets", str(sets), "--copies", str(copies)]
        output = subprocess.run(
            [*command, "--pool", str(pool)], capture_output=True, text=True, check=True, cwd=ROOT
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


def options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sets", type=int, default=10_000, help="fact sets in the 40-rule workload")
    parser.add_argument(
        "--peer-sets", type=int, default=1_000, help="fact sets for the peers (the slowest take minutes)"
    )
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--columnar-rows", type=int, default=1_000_000, help="rows of the workload and seed tables")
    parser.add_argument("--boundary-rows", type=int, default=100_000, help="rows of the boundary table")
    parser.add_argument("--distributed-rows", type=int, default=1_000_000, help="rows of the distributed section")
    parser.add_argument("--sections", default=",".join(SECTIONS), help=f"comma-separated, of: {', '.join(SECTIONS)}")
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run (under a minute)")
    parser.add_argument("--no-scaling", action="store_true", help="leave out the scaling section")
    parser.add_argument("--write", action="store_true", help="record the figures in benchmarks/")
    parser.add_argument("--json", type=Path, help="also save this run's figures as JSON here")
    parsed = parser.parse_args()
    parsed.sections = [name.strip() for name in parsed.sections.split(",") if name.strip()]
    unknown = set(parsed.sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    if parsed.write and set(SECTIONS) - {"scaling"} - set(parsed.sections):
        parser.error("--write records a whole run: leave out --sections (--no-scaling may stay)")
    if parsed.no_scaling and "scaling" in parsed.sections:
        parsed.sections.remove("scaling")
    if parsed.quick:
        parsed.sets, parsed.peer_sets, parsed.repeats = 1_000, 200, 3
        parsed.columnar_rows, parsed.boundary_rows, parsed.distributed_rows = 10_000, 5_000, 20_000
    return parsed


def main() -> None:
    chosen = options()
    quick, sections = chosen.quick, chosen.sections
    results: dict[str, Any] = {"date": time.strftime("%Y-%m-%d"), "machine": machine(), "quick": quick}
    results["workload_sets"], results["peer_sets"] = chosen.sets, min(chosen.peer_sets, chosen.sets)
    if "workload" in sections:
        print("40-rule workload, one fact set at a time", flush=True)
        results["workload"] = rowwise.workload_section(chosen.sets, results["peer_sets"], chosen.repeats)
        results["count"] = rowwise.count_section(chosen.sets, chosen.repeats)
    if "seed" in sections:
        print("seed ruleset", flush=True)
        results["seed"] = seed.seed_section(chosen.repeats, 10_000 if quick else 100_000)
    if "columnar" in sections:
        print("columnar engines side by side", flush=True)
        budget = 5.0 if quick else 120.0
        results["columnar"] = columnar.section(
            chosen.columnar_rows, chosen.boundary_rows, chosen.repeats, 500 if quick else 2_000, budget
        )
        _lambda_ratio(results)
    if "rules" in sections:
        print("rules: compile and evaluate_table", flush=True)
        results["rules"] = columnar.rules_section(
            [40, 400] if quick else [40, 400, 4_000], 2_000 if quick else 10_000, 3
        )
        print("memory of evaluate_table", flush=True)
        results["memory"] = columnar.memory_section(100_000 if quick else 1_000_000)
    if "scaling" in sections:
        print("scaling, one fact set at a time", flush=True)
        sets = [2_000, 20_000] if quick else [10_000, 100_000, 1_000_000]
        rules = [40, 400] if quick else [40, 400, 4_000]
        results["scaling"] = scaling_section(sets, rules, 200 if quick else 2_000)
        if chosen.write:
            report.plot(results["scaling"], HERE / "scaling.png")
    if "distributed" in sections:
        print("distributed: in process and on a two-worker Dask cluster", flush=True)
        results["distributed"] = distributed.section(chosen.distributed_rows, 2 if quick else 3)
    if "service" in sections:
        print("service: perfrules serve under load on loopback", flush=True)
        results["service"] = service.measure(200 if quick else 2_000, 10.0 if quick else 60.0)
        print(json.dumps(results["service"], indent=2), flush=True)
    if chosen.json:
        chosen.json.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if chosen.write:
        report.write(results)


def _lambda_ratio(results: dict[str, Any]) -> None:
    """perfrules' columnar throughput on the 40-rule workload against the lambdas' (row by row)."""
    if not results.get("workload"):
        return
    lambdas = results["workload"][0]["evaluations_per_second"]
    table = results["columnar"]["tables"][0]
    perfrules_row = table["engines"][0]
    ratio = perfrules_row["cells_per_second"] / lambdas
    results["columnar"]["lambda_throughput_ratio"] = ratio
    print(f"  perfrules columnar over {table['rows']:,} rows: {ratio:.1f}× the lambdas' throughput", flush=True)


if __name__ == "__main__":
    main()
