"""The figures of one run as Markdown (benchmarks/README.md's results block), JSON and a plot."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


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
    ]
    for part in (_workload, _seed, _columnar, _rules, _scaling):
        lines += part(results)
    return "\n".join(lines)


def _workload(results: dict[str, Any]) -> list[str]:
    if not results.get("workload"):
        return []
    lines = [
        "",
        f"### 40-rule workload, one fact set at a time ({results['workload_sets']:,} seeded fact sets; "
        f"peers on the first {results['peer_sets']:,})",
        "",
        "| engine | evaluations/s | time vs lambdas | agrees with exact lambdas |",
        "| --- | ---: | ---: | ---: |",
    ]
    for row in results["workload"]:
        agreement = "—" if row["agreement"] is None else f"{row['agreement']:.2%}"
        over = " (vs lambdas over floats)" if row.get("baseline", "").endswith("(floats)") else ""
        lines.append(
            f"| {row['engine']} | {row['evaluations_per_second']:,.0f} "
            f"| {row['lambda_time_ratio']:.2f}×{over} | {agreement} |"
        )
    if results.get("count"):
        count = results["count"]
        lines += [
            "",
            f"`report.count(Status.MET)`: {count['count_us']:.2f} µs per report, "
            f"{count['count_vs_sum']:.2f}× the time of `sum(status is Status.MET for status in report.statuses())` "
            f"({count['sum_us']:.2f} µs).",
        ]
    return lines


def _seed(results: dict[str, Any]) -> list[str]:
    seed = results.get("seed")
    if not seed:
        return []
    return [
        "",
        f"### Seed ruleset ({seed['indicators']} indicators)",
        "",
        "| measure | value |",
        "| --- | ---: |",
        f"| compile, cold process (import + load) | {seed['compile_cold_process_ms']:.1f} ms |",
        f"| `perfrules check`, fresh process | {seed['check_fresh_process_ms']:.0f} ms, "
        f"{seed['check_vs_python_pass']:.2f}× `python -c pass` ({seed['python_pass_ms']:.0f} ms) |",
        f"| parser tables installed (a wheel's; an editable install analyses the grammar in each process) "
        f"| {'yes' if seed.get('parser_tables_installed') else 'no'} |",
        f"| compile, warm | {seed['compile_warm_ms']:.2f} ms |",
        f"| evaluate one fact set | {seed['evaluate_one_us']:.1f} µs |",
        f"| evaluate one fact set and build every result (`to_dict`) | {seed['evaluate_one_to_dict_us']:.0f} µs |",
        f"| evaluate {seed['evaluate_many_sets']:,} fact sets (`evaluate_many`) | {seed['evaluate_many_s']:.2f} s |",
    ]


def _columnar(results: dict[str, Any]) -> list[str]:
    columnar = results.get("columnar")
    if not columnar:
        return []
    lines = ["", "### Columnar engines side by side (one thread each)"]
    for table in columnar["tables"]:
        sample = table["rowwise_sample"]
        lines += [
            "",
            f"**{table['table']}**: {table['rows']:,} rows × {table['indicators']} indicators, as of {table['as_of']}; "
            f"perfrules' columnar codes equal its row-wise ones on the first {sample['rows']:,} rows "
            f"({sample['disagreements']:,} cells differ).",
            "",
            "| engine | seconds | status cells/s | time vs perfrules | cells disagreeing with perfrules |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        for row in table["engines"]:
            lines.append(
                f"| {row['engine']} | {row['seconds']:.3f} | {row['cells_per_second']:,.0f} "
                f"| {row['time_vs_perfrules']:.3g}× | {row['disagreements']:,} |"
            )
    if columnar.get("lambda_throughput_ratio"):
        lines += [
            "",
            f"perfrules' columnar engine on the 40-rule workload: {columnar['lambda_throughput_ratio']:.1f}× "
            "the hand-written lambdas' throughput.",
        ]
    return lines


def _rules(results: dict[str, Any]) -> list[str]:
    lines = []
    if results.get("rules"):
        lines += [
            "",
            "### Rules: compile and evaluate_table",
            "",
            "| rules | compile (warm) | evaluate_table rows | evaluate_table | per rule-evaluation |",
            "| ---: | ---: | ---: | ---: | ---: |",
        ]
        for point in results["rules"]:
            lines.append(
                f"| {point['rules']:,} | {point['compile_ms']:.1f} ms | {point['rows']:,} "
                f"| {point['evaluate_table_s']:.3f} s | {point['ns_per_rule_evaluation']:.1f} ns |"
            )
    memory = results.get("memory")
    if memory:
        mib = 1 << 20
        peak = memory["peak_rss_added_bytes"]
        lines += [
            "",
            f"Memory of evaluate_table over {memory['rows']:,} rows "
            f"(input table {memory['table_bytes'] / mib:,.0f} MiB): right after the call Arrow holds "
            f"{memory['arrow_held_after_call_bytes'] / mib:,.1f} MiB more "
            f"({memory['held_vs_table']:.1%} of the table), "
            f"of which the report keeps {memory['arrow_retained_bytes'] / mib:,.1f} MiB "
            f"({memory['retained_vs_table']:.1%}); the rest waits for a garbage collection"
            + ("." if peak is None else f". Peak RSS rises by {peak / mib:,.1f} MiB ({memory['peak_vs_table']:.1%})."),
        ]
    return lines


def _scaling(results: dict[str, Any]) -> list[str]:
    if not results.get("scaling"):
        return []
    lines = [
        "",
        "### Scaling, one fact set at a time",
        "",
        "| fact sets | rules | seconds | peak memory |",
        "| ---: | ---: | ---: | ---: |",
    ]
    for key in ("fact_sets", "rules"):
        for point in results["scaling"][key]:
            lines.append(
                f"| {point['sets']:,} | {point['rules']:,} | {point['seconds']:.2f} | {point['peak_mib']:.0f} MiB |"
            )
    return [*lines, "", "![scaling](scaling.png)"]


def write(results: dict[str, Any]) -> None:
    (HERE / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    readme = HERE / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- results -->", "<!-- /results -->"
    before, rest = text.split(start, 1)
    after = rest.split(end, 1)[1]
    readme.write_text(f"{before}{start}\n{markdown(results)}\n{end}{after}", encoding="utf-8")
