"""Run one adversarial case in this process and print what happened as JSON.

Started by tests/untrusted/test_adversarial.py, one process per case, under an address-space limit, so
that a case that hangs, recurses or balloons cannot take the test run (or the machine) with it.
"""

from __future__ import annotations

import contextlib
import io
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
from perfrules.errors.text import hidden  # noqa: E402


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
        if "$names" in value:
            return [f"指标{index}" for index in range(value["$names"])]
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
    if "json_repeat" in case:
        return perfrules.parse_facts("".join(piece * count for piece, count in case["json_repeat"]))
    facts = decode(case.get("facts", {}))
    if facts.pop("$nonstring_key", False):
        facts[1] = 2
        facts[(3, 4)] = 5
    unknown = facts.pop("$unknown", 0)
    facts.update({f"unknown{index}": index for index in range(unknown)})
    return facts


def write_file(spec: dict[str, Any]) -> Path:
    """A file made of repeated pieces, written in chunks so that making it costs no memory."""
    path = Path(tempfile.mkdtemp()) / spec.get("name", "case")
    with path.open("wb") as file:
        for piece, count in spec["repeat"]:
            data = piece.encode("utf-8")
            chunk = max(1, (1 << 20) // max(1, len(data)))
            while count > 0:
                file.write(data * min(chunk, count))
                count -= chunk
    return path


def run_call(case: dict[str, Any]) -> Any:
    """One call of the API or the command line that a case names, with its arguments."""
    from perfrules.cli import main

    call = case["call"]
    if call == "limits":
        return perfrules.Limits(**case["limits"])
    if call == "load":
        return perfrules.load(write_file(case["file"]))
    if call == "load_facts":
        return perfrules.load_facts(write_file(case["file"]))
    if call == "cli":
        paths = {name: str(write_file(spec)) for name, spec in case.get("files", {}).items()}
        argv = [paths.get(argument, argument) for argument in case["argv"]]
        stdout, stderr = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            code = main(argv)
        if "internal error" in stderr.getvalue():
            raise AssertionError(stderr.getvalue())
        if code:
            raise perfrules.UsageError(stderr.getvalue().strip() or f"exit code {code}")
        return stdout.getvalue()[:2000]
    ruleset = perfrules.compile(case["ruleset"])
    as_of = date.fromisoformat(case["as_of"])
    if call == "evaluate_many":
        return [report.to_dict() for report in ruleset.evaluate_many(decode(case["fact_sets"]), as_of=as_of)]
    report = ruleset.evaluate(facts_of(case), as_of=as_of)
    if call == "score":
        return json.dumps(report.score(perfrules.ScoringPolicy(**decode(case.get("policy", {})))).to_dict())
    if call == "monitor":
        return json.dumps(report.monitor(perfrules.MonitoringPolicy(**decode(case.get("policy", {})))).to_dict())
    if call == "explain":
        return report.explain(case["indicator"])
    if call == "status":
        return report.status(case["indicator"])
    raise ValueError(f"unknown call {call}")


def run(kind: str, case: dict[str, Any]) -> dict[str, Any]:
    if kind == "calls":
        result = run_call(case)
        text = result if isinstance(result, str) else repr(result)
        for expected in case.get("contains", []):
            if expected not in text:
                raise AssertionError(f"{expected!r} is not in {text[:2000]!r}")
        return {"outcome": "ok", "statuses": {}}
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
    reasons = " ".join(item["reason"] for item in data["indicators"])
    for expected in case.get("reasons", []):
        if expected not in reasons:
            raise AssertionError(f"{expected!r} is not among the reasons: {reasons[:2000]!r}")
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
            "unsaid": [expected for expected in case.get("says", []) if expected not in message],
            "message_chars": len(message),
            "hidden_characters": any(hidden(char) for char in message if char != "\n"),
        }
    except BaseException as error:  # the promise under test: nothing else may escape
        result = {"outcome": "escaped", "type": type(error).__name__, "traceback": traceback.format_exc()[-3000:]}
    result["seconds"] = time.perf_counter() - start
    result["memory_mib"] = peak_mib() - before
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
