"""Distributed: the seed ruleset over a million rows in process and on a two-worker Dask cluster.

The rows are the seed table of the columnar section (benchmarks/tables.py), as a pyarrow-backed
pandas frame in partitions. Measured, interleaved, medians over repeats:
  - in process, one thread: `evaluate_table` on the Arrow table (the engine alone), the batch
    function on it (the engine and the text status columns it hands back), and the frame's
    partitions through `perfrules.dask`'s partition function (pandas → Arrow → the batch function
    → pandas: what each task does), also with an identity batch function;
  - on a `distributed.LocalCluster` of two worker processes, one thread each: loading the frame
    into the workers; `perfrules.dask.evaluate` on the loaded frame with the result kept on the
    workers and gathered to the client; the same pipeline with an identity batch function (same
    conversions, same output columns, no evaluation), kept and gathered, which is the cost of
    moving the rows through Dask; and the whole trip from the client's frame.
Each worker compiles the ruleset once, from the batch function's pickled text, on its first
task: that first run is timed apart from the rest.

`python -m benchmarks.distributed [--rows N]` runs this section alone and prints its table.
"""

from __future__ import annotations

import argparse
import json
import pickle
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import perfrules

from . import tables, timing

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "rulesets" / "zhengzhou-jingkai-jijian-2023.perf"
WORKERS = 2
PARTITIONS = 8


class Identity:
    """A batch function that moves the rows as evaluation does, without evaluating: the input
    read from pandas, and one status column per indicator (all MET, built as the real ones are)."""

    def __init__(self, function: Any) -> None:
        self.input_schema = function.input_schema
        self.schema = function.schema

    def __call__(self, table: Any) -> Any:
        import numpy
        import pyarrow as pa
        import pyarrow.compute as pc

        names = pa.array([status.value for status in perfrules.Status])
        codes = pa.array(numpy.zeros(table.num_rows, numpy.int8))
        columns = [pc.take(names, codes) for _ in self.schema]
        return pa.RecordBatch.from_arrays(columns, schema=self.schema)


def section(rows: int, repeats: int) -> dict[str, Any]:
    """The figures, or an empty dict (and a note) when Dask is not installed."""
    try:
        import distributed
        import pandas as pd
        import pyarrow as pa
    except ImportError:
        print("  skipped: needs Dask (pip install 'perfrules[dask]')", flush=True)
        return {}
    ruleset = perfrules.load(SEED)
    table = tables.seed_table(rows)
    frame = table.to_pandas(types_mapper=pd.ArrowDtype)
    function = ruleset.batch_function(table.schema, as_of=tables.SEED_AS_OF)
    threads = pa.cpu_count()
    pa.set_cpu_count(1)  # this process evaluates on one thread, as each worker does
    try:
        with (
            warnings.catch_warnings(),
            distributed.LocalCluster(
                n_workers=WORKERS, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
            ) as cluster,
            distributed.Client(cluster) as client,
        ):
            warnings.filterwarnings("ignore", message="Sending large graph")  # the frame travels in the graph
            runs, first = _cluster_runs(client, ruleset, frame, function)
            runs = {**_local_runs(ruleset, table, frame, function), **runs}
            seconds, _ = timing.interleaved(runs, repeats, keep=False)  # under the same load, turn by turn
            worker_threads = sorted(client.run(pa.cpu_count).values())
    finally:
        pa.set_cpu_count(threads)
    sample = min(rows, 100_000)
    result = {
        "rows": rows,
        "indicators": len(ruleset.indicators),
        "partitions": PARTITIONS,
        "workers": WORKERS,
        "worker_arrow_threads": worker_threads,
        "table_bytes": table.nbytes,
        "output_bytes": function(table.slice(0, sample)).nbytes * rows // sample,
        "batch_function_pickled_bytes": len(pickle.dumps(function)),
        "seconds": {**seconds, "cluster_first_evaluate_kept": first},
    }
    _print(result)
    return result


def _local_runs(ruleset: Any, table: Any, frame: Any, function: Any) -> dict[str, Callable[[], Any]]:
    from perfrules.dask import evaluate_partition

    size = -(-len(frame) // PARTITIONS)
    parts = [frame.iloc[start : start + size] for start in range(0, len(frame), size)]
    identity = Identity(function)
    return {
        "in_process_evaluate_table": lambda: ruleset.evaluate_table(table, as_of=tables.SEED_AS_OF),
        "in_process_batch_function": lambda: function(table),
        "in_process_partitions": lambda: [evaluate_partition(part, function) for part in parts],
        "in_process_identity": lambda: [evaluate_partition(part, identity) for part in parts],
    }


def _cluster_runs(client: Any, ruleset: Any, frame: Any, function: Any) -> tuple[dict[str, Callable[[], Any]], float]:
    """The cluster's runs over the frame loaded into the workers, and the time of the first
    evaluation there (each worker compiles the ruleset on its first task)."""
    import dask.dataframe as dd
    import distributed

    import perfrules.dask
    from perfrules.dask import evaluate_partition

    def load() -> Any:
        loaded = client.persist(dd.from_pandas(frame, npartitions=PARTITIONS, sort=False))
        distributed.wait(loaded)
        return loaded

    loaded = load()
    identity = Identity(function)

    def evaluated() -> Any:
        return perfrules.dask.evaluate(ruleset, loaded, as_of=tables.SEED_AS_OF)

    def moved() -> Any:
        return loaded.map_partitions(evaluate_partition, identity, meta=evaluated()._meta)

    def kept(collection: Any) -> None:
        distributed.wait(client.persist(collection))

    start = time.perf_counter()
    kept(evaluated())
    first = time.perf_counter() - start
    runs = {
        "cluster_load": load,
        "cluster_evaluate_kept": lambda: kept(evaluated()),
        "cluster_identity_kept": lambda: kept(moved()),
        "cluster_evaluate_gathered": lambda: evaluated().compute(),
        "cluster_identity_gathered": lambda: moved().compute(),
        "cluster_whole_trip": lambda: perfrules.dask.evaluate(
            ruleset, dd.from_pandas(frame, npartitions=PARTITIONS, sort=False), as_of=tables.SEED_AS_OF
        ).compute(),
    }
    return runs, first


LABELS = {
    "in_process_evaluate_table": "in process: `evaluate_table` on the Arrow table",
    "in_process_batch_function": "in process: the batch function on the Arrow table (statuses as text)",
    "in_process_partitions": "in process: the partitions through the partition function",
    "in_process_identity": "in process: the same with the identity batch function",
    "cluster_load": "cluster: load the frame into the workers",
    "cluster_first_evaluate_kept": "cluster: first evaluation, kept on the workers (compiles the ruleset)",
    "cluster_evaluate_kept": "cluster: evaluate, kept on the workers",
    "cluster_identity_kept": "cluster: identity, kept on the workers",
    "cluster_evaluate_gathered": "cluster: evaluate, gathered to the client",
    "cluster_identity_gathered": "cluster: identity, gathered to the client",
    "cluster_whole_trip": "cluster: the whole trip from the client's frame (load, evaluate, gather)",
}


def markdown(result: dict[str, Any]) -> list[str]:
    """The section's table: rows per second and time against `evaluate_table` in process."""
    base = result["seconds"]["in_process_evaluate_table"]
    lines = [
        "| measure | seconds | rows/s | time vs evaluate_table |",
        "| --- | ---: | ---: | ---: |",
    ]
    for key, label in LABELS.items():
        seconds = result["seconds"][key]
        lines.append(f"| {label} | {seconds:.3f} | {result['rows'] / seconds:,.0f} | {seconds / base:.2f}× |")
    return lines


def _print(result: dict[str, Any]) -> None:
    mib = 1 << 20
    print(
        f"  {result['rows']:,} rows × {result['indicators']} indicators in {result['partitions']} partitions, "
        f"{result['workers']} workers; table {result['table_bytes'] / mib:,.0f} MiB, statuses "
        f"{result['output_bytes'] / mib:,.0f} MiB, batch function pickled {result['batch_function_pickled_bytes']:,} B",
        flush=True,
    )
    base = result["seconds"]["in_process_evaluate_table"]
    for key, label in LABELS.items():
        seconds = result["seconds"][key]
        print(f"    {label:78s} {seconds:7.3f} s {result['rows'] / seconds:>12,.0f} rows/s {seconds / base:6.2f}×")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.distributed", description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also save the figures as JSON here")
    chosen = parser.parse_args()
    result = section(chosen.rows, chosen.repeats)
    if result:
        print("\n".join(markdown(result)))
    if chosen.json:
        chosen.json.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
