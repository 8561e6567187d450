"""Timing helpers shared by the sections: medians over repeats, engines interleaved."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any


def median_time(run: Callable[[], Any], repeats: int, budget: float | None = None) -> float:
    """The median of `repeats` runs; fewer (at least one) once `budget` seconds have been spent."""
    times: list[float] = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
        if budget is not None and sum(times) > budget:
            break
    return statistics.median(times)


def interleaved(
    runs: dict[str, Callable[[], Any]], repeats: int, budget: float | None = None, *, keep: bool = True
) -> tuple[dict[str, float], dict[str, Any]]:
    """Each run once per round, in turn, for `repeats` rounds (fewer, at least one, once `budget`
    seconds have been spent): the median seconds of each, and (with `keep`) what each returned
    last, for checking its answers without running it again. Without `keep` no answer outlives
    its run, so that none weighs on the garbage collector while the next engine is timed."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    last: dict[str, Any] = {}
    spent = 0.0
    for _ in range(repeats):
        if budget is not None and spent > budget:
            break
        for name, run in runs.items():
            last[name] = None  # let the previous answer go before timing the next
            start = time.perf_counter()
            answer = run()
            times[name].append(time.perf_counter() - start)
            last[name] = answer if keep else None
            del answer
            spent += times[name][-1]
    return {name: statistics.median(values) for name, values in times.items()}, last
