"""Time and memory of every adversarial case: `python -m benchmarks.adversarial [--write]`.

The test suite checks what each hostile input ends in and bounds its memory, but asserts no time
(a busy machine must not fail a right answer). This measures each case in its own process, the
way the tests run it, against the promise of docs/security.md: at most 2 s and 200 MB on a quiet
machine. `--write` records the figures in benchmarks/adversarial.json. The exit status is 1 when
a case breaks the promise.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CASES = HERE.parent / "tests" / "untrusted" / "adversarial"
SECONDS = 2.0
MEMORY_MIB = 200.0


def cases() -> list[tuple[str, dict[str, Any]]]:
    found = []
    for kind, file in (("ruleset", "rulesets.json"), ("facts", "facts.json"), ("calls", "calls.json")):
        found += [(kind, case) for case in json.loads((CASES / file).read_text(encoding="utf-8"))]
    return found


def measure(kind: str, case: dict[str, Any]) -> dict[str, Any]:
    completed = subprocess.run(
        [sys.executable, str(CASES / "run_case.py"), kind],
        input=json.dumps(case, ensure_ascii=False),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result = json.loads(completed.stdout)
    return {
        "case": f"{kind}: {case['category']}: {case['name']}",
        "outcome": result["outcome"],
        "seconds": round(result["seconds"], 4),
        "memory_mib": round(result["memory_mib"], 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="record the figures in benchmarks/adversarial.json")
    options = parser.parse_args()
    results = [measure(kind, case) for kind, case in cases()]
    slowest = sorted(results, key=lambda item: item["seconds"], reverse=True)
    largest = sorted(results, key=lambda item: item["memory_mib"], reverse=True)
    print(f"{len(results)} cases; escaped: {sum(item['outcome'] == 'escaped' for item in results)}")
    print("slowest:")
    for item in slowest[:8]:
        print(f"  {item['seconds']:8.3f} s  {item['case']}")
    print("largest memory growth:")
    for item in largest[:5]:
        print(f"  {item['memory_mib']:8.1f} MB  {item['case']}")
    broken = [item for item in results if item["seconds"] > SECONDS or item["memory_mib"] > MEMORY_MIB]
    for item in broken:
        print(f"BROKEN PROMISE: {item}")
    if options.write:
        (HERE / "adversarial.json").write_text(
            json.dumps({"cases": len(results), "results": results}, ensure_ascii=False, indent=1) + "\n",
            encoding="utf-8",
        )
    return 1 if broken or any(item["outcome"] == "escaped" for item in results) else 0


if __name__ == "__main__":
    sys.exit(main())
