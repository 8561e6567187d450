"""evaluate_table's memory over the 40-rule workload, in a process of its own:

    python -m benchmarks.memory --rows 1000000

tracemalloc does not see Arrow's memory, so this reads Arrow's own count
(`pyarrow.total_allocated_bytes`) before and after the call, and again after a garbage
collection: Arrow memory that only a collection frees is held by reference cycles left behind
by the call, not by the report. The process's peak resident memory during the call (VmHWM,
reset just before it through /proc/self/clear_refs) is what the call needs at its height. All
against the input table's `nbytes`. Prints JSON.
"""

from __future__ import annotations

import argparse
import gc
import json
import time
from pathlib import Path

import pyarrow as pa

import perfrules

from . import tables, workload


def _status(field: str) -> int:
    """A /proc/self/status figure, in bytes."""
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise LookupError(field)


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5", encoding="ascii")
    except OSError:
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, required=True)
    options = parser.parse_args()
    ruleset = perfrules.compile(workload.ruleset_text())
    table = tables.workload_table(options.rows)
    ruleset.evaluate_table(table.slice(0, 1000), as_of=workload.AS_OF)  # imports and caches warm
    gc.collect()
    pa.default_memory_pool().release_unused()
    arrow_before, rss_before = pa.total_allocated_bytes(), _status("VmRSS")
    reset = _reset_peak()
    start = time.perf_counter()
    report = ruleset.evaluate_table(table, as_of=workload.AS_OF)
    seconds = time.perf_counter() - start
    peak = _status("VmHWM")
    held = pa.total_allocated_bytes() - arrow_before
    gc.collect()
    retained = pa.total_allocated_bytes() - arrow_before
    assert report.num_rows == table.num_rows
    print(
        json.dumps(
            {
                "rows": table.num_rows,
                "seconds": seconds,
                "table_bytes": table.nbytes,
                "arrow_held_after_call_bytes": held,
                "held_vs_table": held / table.nbytes,
                "arrow_retained_bytes": retained,
                "retained_vs_table": retained / table.nbytes,
                "peak_rss_added_bytes": peak - rss_before if reset else None,
                "peak_vs_table": (peak - rss_before) / table.nbytes if reset else None,
                "memory_pool": pa.default_memory_pool().backend_name,
            }
        )
    )


if __name__ == "__main__":
    main()
