"""The seed ruleset: start-up as a fresh process, compile time cold and warm, evaluating its facts.

Start-up is `perfrules check` on the seed ruleset (the installed command) as a ratio to
`python -c pass`, the two run in turn, medians: what perfrules adds to an interpreter's start.
Child processes write and reuse bytecode (in a cache folder of their own, outside the tree, even
where PYTHONDONTWRITEBYTECODE is set), as an installed wheel's modules have theirs; whether the
analysed parser tables are installed (a wheel ships them, an editable install does not, and
then each process analyses the grammar afresh) is recorded beside the figures.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path
from typing import Any

import perfrules

from .timing import median_time

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "rulesets" / "zhengzhou-jingkai-jijian-2023.perf"
SEED_FACTS = ROOT / "rulesets" / "zhengzhou-jingkai-jijian-2023.facts.json"
COLD = "import time; t = time.perf_counter(); import perfrules; perfrules.load(%r); print(time.perf_counter() - t)"


def check_command() -> list[str]:
    """The installed `perfrules` command beside this interpreter, else `python -m perfrules`."""
    script = Path(sys.executable).parent / "perfrules"
    if script.exists():
        return [str(script)]
    found = shutil.which("perfrules")
    return [found] if found else [sys.executable, "-m", "perfrules"]


def child_environment() -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    environment["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "perfrules-bench-pycache")
    return environment


def parser_tables_installed() -> bool:
    return resources.files("perfrules.language").joinpath("grammar", "indicator.lark.json").is_file()


def _run(command: list[str]) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True, env=child_environment()).stdout


def _seconds(command: list[str]) -> float:
    start = time.perf_counter()
    _run(command)
    return time.perf_counter() - start


def startup(repeats: int) -> dict[str, Any]:
    check = [*check_command(), "check", str(SEED)]
    empty = [sys.executable, "-c", "pass"]
    _run(check)  # writes the bytecode cache
    check_times, empty_times = [], []
    for _ in range(repeats):
        check_times.append(_seconds(check))
        empty_times.append(_seconds(empty))
    return {
        "check_fresh_process_ms": statistics.median(check_times) * 1000,
        "python_pass_ms": statistics.median(empty_times) * 1000,
        "check_vs_python_pass": statistics.median(check_times) / statistics.median(empty_times),
        "parser_tables_installed": parser_tables_installed(),
    }


def seed_section(repeats: int, many: int) -> dict[str, Any]:
    cold = [float(_run([sys.executable, "-c", COLD % str(SEED)])) for _ in range(repeats)]
    warm = median_time(lambda: perfrules.load(SEED), max(repeats, 20))
    ruleset = perfrules.load(SEED)
    facts = perfrules.load_facts(SEED_FACTS)
    one = median_time(lambda: ruleset.evaluate(facts), 2000)
    one_dict = median_time(lambda: ruleset.evaluate(facts).to_dict(), 200)
    batch = median_time(lambda: ruleset.evaluate_many([facts] * many), max(1, repeats // 2))
    result = {
        "indicators": len(ruleset.indicators),
        "compile_cold_process_ms": statistics.median(cold) * 1000,
        **startup(max(repeats, 7)),
        "compile_warm_ms": warm * 1000,
        "evaluate_one_us": one * 1e6,
        "evaluate_one_to_dict_us": one_dict * 1e6,
        "evaluate_many_sets": many,
        "evaluate_many_s": batch,
    }
    for key, value in result.items():
        shown = f"{value:,.2f}" if isinstance(value, float) else str(value) if isinstance(value, bool) else f"{value:,}"
        print(f"  {key:28s} {shown}", flush=True)
    return result
