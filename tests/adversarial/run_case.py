"""Run one adversarial case in this process and print what happened as JSON.

Started by tests/test_adversarial.py, one process per case, under an address-space limit, so
that a case that hangs, recurses or balloons cannot take the test run (or the machine) with it.
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
import traceback
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

import perfrules  # noqa: E402
from perfrules.errors import hidden  # noqa: E402


def peak_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def text_of(case: dict[str, Any]) -> str:
    if "repeat" in case:
        return "".join(piece * count for piece, count in case["repeat"])
    return str(case["text"])


def decode(value: Any) -> Any:
    """Facts JSON cannot hold: {"$decimal": "sNaN"}, {"$float": "inf"}, {"$int_digits": 5000}."""
    if isinstance(value, dict):
        if "$decimal" in value:
            return Decimal(value["$decimal"])
        if "$float" in value:
            return float(value["$float"])
        if "$int_digits" in value:
            return 10 ** value["$int_digits"]
        if "$history" in value:
            return [
                {"value": 3, "date": date.fromordinal(700_000 + day).isoformat()} for day in range(value["$history"])
            ]
        return {key: decode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [decode(item) for item in value]
    return value


def facts_of(case: dict[str, Any]) -> Any:
    if "json" in case:
        return perfrules.parse_facts(case["json"])
    facts = decode(case.get("facts", {}))
    if facts.pop("$nonstring_key", False):
        facts[1] = 2
        facts[(3, 4)] = 5
    unknown = facts.pop("$unknown", 0)
    facts.update({f"unknown{index}": index for index in range(unknown)})
    return facts


def run(kind: str, case: dict[str, Any]) -> dict[str, Any]:
    as_of = date.fromisoformat(case["as_of"])
    if kind == "facts":
        ruleset = perfrules.compile(case["ruleset"])
    elif "bytes_hex" in case:
        path = Path(tempfile.mkdtemp()) / "case.perf"
        path.write_bytes(bytes.fromhex(case["bytes_hex"]))
        ruleset = perfrules.load(path)
    else:
        ruleset = perfrules.compile(text_of(case))
    report = ruleset.evaluate(facts_of(case), as_of=as_of)
    data = report.to_dict()
    return {"outcome": "ok", "statuses": {item["name"]: item["status"] for item in data["indicators"]}}


def main() -> None:
    kind = sys.argv[1]
    case = json.loads(sys.stdin.read())
    before = peak_mib()
    start = time.perf_counter()
    try:
        result = run(kind, case)
    except perfrules.PerfRulesError as error:
        message = str(error)
        result = {
            "outcome": "error",
            "type": type(error).__name__,
            "codes": [item.code for item in error.diagnostics] if isinstance(error, perfrules.RulesetError) else [],
            "message": message[:2000],
            "hidden_characters": any(hidden(char) for char in message if char != "\n"),
        }
    except BaseException as error:  # the promise under test: nothing else may escape
        result = {"outcome": "escaped", "type": type(error).__name__, "traceback": traceback.format_exc()[-3000:]}
    result["seconds"] = time.perf_counter() - start
    result["memory_mib"] = peak_mib() - before
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
