"""Summarise `mutmut results --all true` (read on standard input): the mutation score per module.

A mutant is killed when a test fails on it (a timeout counts: the mutant made a test hang).
Mutants listed in scripts/mutation_equivalents.txt, each with the reason no test can tell it from
the original, are left out of the score; every other mutant that survives is printed.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

EQUIVALENTS = Path(__file__).with_name("mutation_equivalents.txt")
LINE = re.compile(r"^\s*(perfrules\.[\w.]+?)\.(x\S+?__mutmut_\d+): (.+)$")


def equivalents() -> dict[str, str]:
    """Mutant name → why it is equivalent, from `name  # reason` lines."""
    found = {}
    for line in EQUIVALENTS.read_text(encoding="utf-8").splitlines():
        name, _, reason = line.partition("#")
        if name.strip():
            found[name.strip()] = reason.strip()
    return found


def main() -> int:
    known = equivalents()
    counts: dict[str, Counter[str]] = {}
    survivors: list[str] = []
    seen: set[str] = set()
    for line in sys.stdin:
        match = LINE.match(line)
        if match is None:
            continue
        module, mutant, status = match.groups()
        name = f"{module}.{mutant}"
        seen.add(name)
        tally = counts.setdefault(module, Counter())
        if name in known:
            tally["equivalent"] += 1
        elif status in ("killed", "timeout"):
            tally["killed"] += 1
        else:
            tally["survived"] += 1
            survivors.append(f"{name}: {status}")
    stale = sorted(set(known) - seen)
    total = Counter()
    print(f"{'module':32s} {'killed':>7s} {'survived':>8s} {'equivalent':>10s} {'score':>7s}")
    for module in sorted(counts):
        tally = counts[module]
        total.update(tally)
        print(f"{module:32s} {tally['killed']:7d} {tally['survived']:8d} {tally['equivalent']:10d} {score(tally):>7s}")
    print(f"{'all':32s} {total['killed']:7d} {total['survived']:8d} {total['equivalent']:10d} {score(total):>7s}")
    if survivors:
        print("\nsurvived:")
        print("\n".join(f"  {item}" for item in survivors))
    if stale:
        print("\nlisted as equivalent but no longer produced (remove them):")
        print("\n".join(f"  {name}" for name in stale))
    return 0


def score(tally: Counter[str]) -> str:
    scored = tally["killed"] + tally["survived"]
    return f"{100 * tally['killed'] / scored:.1f}%" if scored else "—"


if __name__ == "__main__":
    sys.exit(main())
