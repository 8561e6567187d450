"""The adversarial corpus: every input ends in a result or a perfrules error, within 200 MB.

Cases are data (tests/untrusted/adversarial/*.json), each with the outcome it expects; each runs in its own
process (tests/untrusted/adversarial/run_case.py) under an address-space limit. Time is not asserted: a
generous ceiling only catches a hang, and `python -m benchmarks.adversarial` measures each case
against the 2-second promise on a quiet machine.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.process

HERE = Path(__file__).parent / "adversarial"
RULESETS = json.loads((HERE / "rulesets.json").read_text(encoding="utf-8"))
FACTS = json.loads((HERE / "facts.json").read_text(encoding="utf-8"))
CALLS = json.loads((HERE / "calls.json").read_text(encoding="utf-8"))
HANG_SECONDS = 60
"""Far above any case's time on a busy machine: reached only by a hang."""
MEMORY_MIB = 200
MESSAGE_CHARS = 20_000
"""No error message grows with its input."""


def params(kind, cases):
    return [pytest.param(kind, case, id=f"{kind}:{case['category']}:{case['name']}") for case in cases]


@pytest.mark.parametrize(
    ("kind", "case"), params("ruleset", RULESETS) + params("facts", FACTS) + params("calls", CALLS)
)
def test_adversarial_case(kind, case):
    completed = subprocess.run(
        [sys.executable, str(HERE / "run_case.py"), kind],
        input=json.dumps(case, ensure_ascii=False),
        capture_output=True,
        text=True,
        timeout=HANG_SECONDS,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    result = json.loads(completed.stdout)
    assert result["outcome"] != "escaped", result["traceback"]
    assert result["outcome"] == ("error" if case["expect"] == "error" else "ok"), result
    if result["outcome"] == "error":
        assert result["message"].strip()
        assert not result["hidden_characters"], result["message"]
        assert result["message_chars"] <= MESSAGE_CHARS, result["message_chars"]
        if "code" in case:
            assert case["code"] in result["codes"], result
        assert not result["unsaid"], result["message"]
    for name, status in case.get("statuses", {}).items():
        assert result["statuses"][name] == status, result
    assert result["memory_mib"] <= MEMORY_MIB, result["memory_mib"]


def test_corpus_is_large_enough():
    assert len(RULESETS) >= 120
    assert len(FACTS) >= 40
    cases = RULESETS + FACTS + CALLS
    assert len({case["name"] for case in cases}) == len(cases)
