"""Columnar engines side by side: `Ruleset.evaluate_table` against DuckDB and polars (engines.py).

For each table (the 40-rule workload, its boundary variant, the seed ruleset's varied facts) every
engine decides every indicator for every row, interleaved, medians over repeats, each on one
thread (pyarrow too, for the comparison). Each peer's status codes are compared cell for cell
with perfrules' (`ColumnarReport.codes`), and perfrules' columnar codes with its row-wise ones on
a sample of rows. Also here: evaluate_table's cost per rule-evaluation as rules grow (40 → 4000)
and, in a process of its own (benchmarks/memory.py), its memory over a million rows.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import perfrules
from perfrules.engine.columnar import rows_as_facts

from . import engines, specs, tables, timing, workload

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "rulesets" / "zhengzhou-jingkai-jijian-2023.perf"
PERFRULES = "perfrules evaluate_table"
WIDE = {"max_indicators": 100_000, "max_formulas": 100_000, "max_statements": 100_000, "max_source_chars": 10**7}


def section(rows: int, boundary_rows: int, repeats: int, sample: int, budget: float) -> dict[str, Any]:
    """The 40-rule workload and the seed at `rows` rows, the boundary workload at `boundary_rows`.

    Rows perfrules cannot decide by columns (on a rate's exact target, a word asserting a label
    target) it decides row by row, so the boundary and seed tables take it far longer: after
    `budget` seconds no further round starts.
    """
    import pyarrow as pa

    threads = pa.cpu_count()
    pa.set_cpu_count(1)
    try:
        ruleset = perfrules.compile(workload.ruleset_text())
        rules, as_of = specs.workload_specs(), workload.AS_OF
        table = tables.workload_table(rows)
        results = [compare("40-rule workload", table, ruleset, rules, as_of, repeats, sample, budget)]
        boundary = tables.boundary_table(table.slice(0, boundary_rows))
        del table
        results.append(
            compare("boundary: rates on the 90% line", boundary, ruleset, rules, as_of, repeats, sample, budget)
        )
        del boundary
        seed, seed_table = perfrules.load(SEED), tables.seed_table(rows)
        results.append(
            compare("seed ruleset", seed_table, seed, specs.seed_specs(), tables.SEED_AS_OF, repeats, sample, budget)
        )
    finally:
        pa.set_cpu_count(threads)
    return {"threads": 1, "tables": results}


def compare(
    label: str,
    table: Any,
    ruleset: perfrules.Ruleset,
    rules: list[specs.Spec],
    as_of: date,
    repeats: int,
    sample: int,
    budget: float,
) -> dict[str, Any]:
    peers = engines.available(rules, as_of)
    inputs = {engine.name: engine.prepare(table) for engine in peers}
    runs = {PERFRULES: lambda: ruleset.evaluate_table(table, as_of=as_of)}
    for engine in peers:
        runs[engine.name] = lambda engine=engine: engine.run(inputs[engine.name])
    seconds, outputs = timing.interleaved(runs, repeats, budget)
    report = outputs.pop(PERFRULES)
    truth = {name: report.codes(name) for name in report}
    cells = table.num_rows * len(truth)
    rows = [_row(PERFRULES, seconds[PERFRULES], seconds[PERFRULES], cells, {})]
    for engine in peers:
        wrong = disagreements(truth, engine.codes(outputs.pop(engine.name)))
        rows.append(_row(engine.name, seconds[engine.name], seconds[PERFRULES], cells, wrong))
    outputs.clear()
    inputs.clear()  # the peers' copies of the table
    result = {
        "table": label,
        "rows": table.num_rows,
        "indicators": len(truth),
        "as_of": as_of.isoformat(),
        "engines": rows,
        "rowwise_sample": _rowwise(ruleset, table, truth, as_of, sample),
    }
    _print(result)
    return result


def _row(name: str, seconds: float, perfrules_seconds: float, cells: int, wrong: dict[str, int]) -> dict[str, Any]:
    return {
        "engine": name,
        "seconds": seconds,
        "cells_per_second": cells / seconds,
        "time_vs_perfrules": seconds / perfrules_seconds,
        "disagreements": sum(wrong.values()),
        "disagreements_by_indicator": {name: count for name, count in wrong.items() if count},
    }


def disagreements(truth: dict[str, Any], codes: dict[str, Any]) -> dict[str, int]:
    """Per indicator, the rows whose code differs from perfrules' (an absent column: every row)."""
    import pyarrow.compute as pc

    wrong = {}
    for name, expected in truth.items():
        got = codes.get(name)
        if got is None:
            wrong[name] = len(expected)
            continue
        same = pc.fill_null(pc.equal(expected, got.cast(expected.type)), False)
        wrong[name] = len(expected) - pc.sum(same).as_py()
    return wrong


def _rowwise(ruleset: perfrules.Ruleset, table: Any, truth: dict[str, Any], as_of: date, sample: int) -> dict[str, int]:
    """perfrules' columnar codes against its row-wise ones (`Report.codes`) on the first rows."""
    names = list(truth)
    columns = [truth[name].slice(0, sample).to_pylist() for name in names]
    wrong = 0
    for row, facts in enumerate(rows_as_facts(table.slice(0, sample))):
        codes = ruleset.evaluate(facts, as_of=as_of).codes()
        wrong += sum(code != column[row] for code, column in zip(codes, columns, strict=True))
    return {"rows": min(sample, table.num_rows), "disagreements": wrong}


def _print(result: dict[str, Any]) -> None:
    print(f"  {result['table']}: {result['rows']:,} rows × {result['indicators']} indicators, as of {result['as_of']}")
    for row in result["engines"]:
        worst = sorted(row["disagreements_by_indicator"].items(), key=lambda item: -item[1])[:3]
        where = f"  ({', '.join(f'{name} {count:,}' for name, count in worst)})" if worst else ""
        print(
            f"    {row['engine']:38s} {row['seconds']:7.3f} s {row['time_vs_perfrules']:7.3g}× perfrules' time  "
            f"{row['disagreements']:>9,} cells disagree{where}",
            flush=True,
        )
    sample = result["rowwise_sample"]
    print(
        f"    columnar vs row-wise on {sample['rows']:,} rows: {sample['disagreements']:,} cells disagree", flush=True
    )


def rules_section(points: list[int], table_rows: int, repeats: int) -> list[dict[str, Any]]:
    """Per rule count: compile time (warm) and evaluate_table's cost per rule-evaluation."""
    limits = perfrules.Limits(**WIDE)
    perfrules.compile(workload.ruleset_text())  # load the parser once: compile times are warm
    result = []
    for rules in points:
        copies = rules // 40
        text = workload.ruleset_text(copies)
        compile_seconds = timing.median_time(lambda text=text: perfrules.compile(text, limits=limits), repeats, 10)
        ruleset = perfrules.compile(text, limits=limits)
        table = tables.workload_table(table_rows, base_rows=200) if copies == 1 else _wide_table(copies, table_rows)
        seconds = timing.median_time(
            lambda ruleset=ruleset, table=table: ruleset.evaluate_table(table, as_of=workload.AS_OF), repeats, 10
        )
        point = {
            "rules": 40 * copies,
            "compile_ms": compile_seconds * 1000,
            "rows": table.num_rows,
            "evaluate_table_s": seconds,
            "ns_per_rule_evaluation": seconds / (40 * copies * table.num_rows) * 1e9,
        }
        print(
            f"  {point['rules']:>5,} rules: compile {point['compile_ms']:9.1f} ms; evaluate_table over "
            f"{point['rows']:,} rows {seconds:7.3f} s, {point['ns_per_rule_evaluation']:7.1f} ns per rule-evaluation",
            flush=True,
        )
        result.append(point)
    return result


def _wide_table(copies: int, rows: int, pool: int = 200) -> Any:
    """`rows` rows for `copies` copies of the workload: a pool of 200 records repeated."""
    import pyarrow as pa

    base = workload.arrow_table(workload.records(pool, copies=copies), copies)
    return pa.concat_tables([base] * max(1, rows // pool)).combine_chunks()


def memory_section(rows: int) -> dict[str, Any]:
    """evaluate_table's memory over `rows` rows of the workload, measured in a fresh process."""
    output = subprocess.run(
        [sys.executable, "-m", "benchmarks.memory", "--rows", str(rows)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    data: dict[str, Any] = json.loads(output)
    mib = 1 << 20
    print(
        f"  {data['rows']:,} rows: input table {data['table_bytes'] / mib:,.0f} MiB; after the call Arrow holds "
        f"{data['arrow_held_after_call_bytes'] / mib:,.1f} MiB more ({data['held_vs_table']:.1%} of the table), "
        f"the report alone {data['arrow_retained_bytes'] / mib:,.1f} MiB ({data['retained_vs_table']:.1%}); "
        f"peak RSS +{data['peak_rss_added_bytes'] / mib:,.1f} MiB ({data['peak_vs_table']:.1%})",
        flush=True,
    )
    return data
