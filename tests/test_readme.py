"""README's opening commands are the ones CI runs, and its examples hold."""

import re
from datetime import date

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
