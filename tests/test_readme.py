"""README's opening commands are the ones CI runs, and its examples hold."""

import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import perfrules

from .conftest import ROOT


def readme_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text)


def test_readme_opens_with_the_main_job_and_the_tests():
    main_job, tests = readme_commands()[:2]
    assert "perfrules eval rulesets/zhengzhou-jingkai-jijian-2023.perf" in main_job
    assert tests.endswith("pytest")


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci.splitlines()


def test_readme_python_example():
    rules = perfrules.load(ROOT / "rulesets" / "zhengzhou-jingkai-jijian-2023.perf")
    report = rules.evaluate(
        {"巡察工作": "2 轮", "监督平台建设": [{"value": "完成", "date": "2023-09-30"}], "开展警示教育": 4},
        as_of=date(2023, 10, 31),
    )
    assert report["巡察工作"].status is perfrules.Status.MET
    assert report["监督平台建设"].status is perfrules.Status.MET
    assert report["开展警示教育"].status is perfrules.Status.PENDING
    assert report["开展警示教育"].reason == "截至2023-10-31为4 次，尚未达到目标≥6 次，截止日期2023-12-31"
    assert report["开展警示教育"].reason_code == "pending"
    assert report["开展警示教育"].reason_in("en").startswith("as of 2023-10-31 the value was 4 次, not yet meeting")


@pytest.mark.process
def test_the_tour_runs_verbatim_after_the_set_up(tmp_path):
    """Every line of the README's shell blocks after the two set-up commands, run as a reader
    would in one shell beside the repository's rulesets: activation first, nothing refused."""
    activate = Path(sys.prefix) / "bin" / "activate"
    if not activate.exists():
        pytest.skip("the tests are not running in a virtual environment that can be activated")
    shutil.copytree(ROOT / "rulesets", tmp_path / "rulesets")
    (tmp_path / ".venv").symlink_to(sys.prefix, target_is_directory=True)
    blocks = re.findall(r"```sh\n(.*?)\n```", (ROOT / "README.md").read_text(encoding="utf-8"), re.DOTALL)
    lines = [line for block in blocks[2:] for line in block.splitlines() if line.strip()]
    assert lines[0] == ". .venv/bin/activate"
    script = "".join(f'{line}\necho "status $?" >&2\n' for line in lines)
    environment = {key: value for key, value in os.environ.items() if key != "PERFRULES_DEBUG"}
    environment["PATH"] = "/usr/bin:/bin"  # only the activation puts perfrules on the path
    done = subprocess.run(["bash", "-c", script], cwd=tmp_path, capture_output=True, text=True, env=environment)
    statuses = [int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("status ")]
    assert len(statuses) == len(lines), done.stderr
    for line, status in zip(lines, statuses, strict=True):
        allowed = (0, 1) if line.startswith("perfrules import") else (0,)  # 1: cells to review
        assert status in allowed, (line, done.stderr)
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert (tmp_path / "report.json").exists() and (tmp_path / "自评表.xlsx").exists()
    assert "MET" in done.stdout and "| 三级指标 |" in done.stdout
