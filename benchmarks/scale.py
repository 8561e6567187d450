"""One scaling point, run in its own process so that its peak memory is its own.

    python -m benchmarks.scale --sets 100000 --copies 1

Fact sets stream from a pool of generated records (generation is not timed) through
`Ruleset.iter_evaluate`, one report at a time, the way a batch job over a large file runs.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import time

import perfrules

from . import workload


def _peak_kib() -> int:
    """This process's peak resident memory; ru_maxrss would include the parent's before exec."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sets", type=int, required=True)
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--pool", type=int, default=10_000)
    options = parser.parse_args()
    pool = [
        workload.perfrules_facts(record)
        for record in workload.records(min(options.pool, options.sets), copies=options.copies)
    ]
    # 4000 rules is past the default limits for untrusted text; raise them for this trusted one.
    wide = perfrules.Limits(
        max_indicators=100_000, max_formulas=100_000, max_statements=100_000, max_source_chars=10**7
    )
    ruleset = perfrules.compile(workload.ruleset_text(options.copies), limits=wide)
    stream = itertools.islice(itertools.cycle(pool), options.sets)
    reports = 0
    start = time.perf_counter()
    for _report in ruleset.iter_evaluate(stream, as_of=workload.AS_OF):
        reports += 1
    seconds = time.perf_counter() - start
    peak_kib = _peak_kib()
    rules = len(ruleset.indicators)
    assert reports == options.sets
    print(json.dumps({"sets": options.sets, "rules": rules, "seconds": seconds, "peak_mib": peak_kib / 1024}))


if __name__ == "__main__":
    main()
