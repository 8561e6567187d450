"""The perfrules command: check and eval, and a clear exit 1 for every kind of bad input."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from perfrules.cli import main

from ..conftest import SEED, SEED_FACTS

EVERY_PROBLEM = Path(__file__).parents[1] / "language" / "golden" / "errors" / "every-problem-at-once.perf"


def run(capsys, *argv):
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_check_the_seed(capsys):
    code, out, err = run(capsys, "check", SEED)
    assert code == 0
    assert "ok, 34 indicators, 13 formulas, year 2023" in out
    assert err == ""


def test_check_reports_position_and_caret(tmp_path, capsys):
    path = tmp_path / "bad.perf"
    path.write_text("year 2023\n巡察工作 >= 2 轮 by 2023-13-01\n", encoding="utf-8")
    code, out, err = run(capsys, "check", path)
    assert code == 1
    assert out == ""
    assert f"{path}:2:16: error[invalid-date]: impossible date 2023-13-01" in err
    assert err.splitlines()[2].strip() == "^~~~~~~~~~"


def test_eval_json_has_every_indicator_and_formula(capsys):
    code, out, _ = run(capsys, "eval", SEED, "--facts", SEED_FACTS, "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert len(report["indicators"]) == 34
    assert all(item["status"] in {"MET", "PENDING", "NOT_MET", "MISSING", "INVALID"} for item in report["indicators"])
    assert report["formulas"]["预算执行率"]["unit"] == "%"


def test_eval_table_is_grouped(capsys):
    code, out, _ = run(capsys, "eval", SEED, "--facts", SEED_FACTS, "--as-of", "2023-06-30")
    assert code == 0
    assert "截至 2023-06-30" in out
    assert "产出指标 / 重点工作任务完成" in out
    assert "进行中 PENDING" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["eval", SEED, "--facts", SEED_FACTS, "--as-of", "2023-13-01"], "not a real date"),
        (["eval", SEED, "--facts", SEED_FACTS, "--as-of", "20231231"], "YYYY-MM-DD"),
        (["eval", SEED, "--facts", "absent.json"], "cannot read absent.json"),
        (["check", "absent.perf"], "cannot read absent.perf"),
        (["eval", SEED], "--facts"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_arguments_exit_2_with_a_message(capsys, argv, message):
    with pytest.raises(SystemExit) as caught:
        code = main([str(arg) for arg in argv])
        raise SystemExit(code)
    assert caught.value.code == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"巡察工作": 1, "巡察工作": 2}', "appears twice"),
        ('{"巡察工作": NaN}', "NaN"),
        ("[1, 2]", "JSON object"),
        ('{"巡察工作": ', "invalid JSON"),
    ],
)
def test_bad_facts_files_exit_1(tmp_path, capsys, content, message):
    facts = tmp_path / "facts.json"
    facts.write_text(content, encoding="utf-8")
    code, _, err = run(capsys, "eval", SEED, "--facts", facts)
    assert code == 1
    assert message in err


@pytest.mark.process
def test_installed_command_prints_no_traceback(tmp_path):
    bad = tmp_path / "bad.perf"
    bad.write_bytes(b"\xff\xfe\x00")
    result = subprocess.run(
        [sys.executable, "-m", "perfrules", "check", str(bad)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "not valid UTF-8" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.process
def test_eval_many_streams_json_lines_and_reports_bad_lines(tmp_path):
    facts = tmp_path / "facts.jsonl"
    facts.write_text('{"巡察工作": 3}\n\n{"巡察工作": "x"}\nnot json\n{"巡察工作": [1]}\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "perfrules", "eval-many", str(SEED), "--facts", str(facts), "--statuses"],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["line"] for line in lines] == [1, 3, 4, 5]
    assert lines[0]["statuses"]["巡察工作"] == "MET"
    assert lines[1]["statuses"]["巡察工作"] == "INVALID"
    assert "invalid JSON" in lines[2]["error"]
    assert lines[3]["statuses"]["巡察工作"] == "INVALID"
    assert result.returncode == 1
    assert "1 line(s) could not be evaluated" in result.stderr
    assert "\r" not in result.stderr  # no progress bar when stderr is not a terminal


@pytest.mark.process
def test_eval_many_reads_stdin_and_prints_whole_reports():
    result = subprocess.run(
        [sys.executable, "-m", "perfrules", "eval-many", str(SEED), "--facts", "-", "--as-of", "2023-06-30"],
        input='{"巡察工作": 1}\n',
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    (report,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert report["as_of"] == "2023-06-30"
    row = next(item for item in report["indicators"] if item["name"] == "巡察工作")
    assert row["status"] == "PENDING"


def test_progress_estimates_the_total_from_the_bytes_read(capsys):
    """Half the file read in one line of a hundred bytes: about two fact sets in all, so the time
    left is known before the end; at the end the total is the count."""
    from perfrules.cli.progress import Progress

    progress = Progress(size=100, stream=sys.stderr)
    progress.advance(50)
    assert progress.bar.total == 2
    progress.advance(20)
    assert progress.bar.total == 3
    progress.finish()
    assert progress.bar.total == 2
    assert "2/2 fact sets" in capsys.readouterr().err


def test_check_warnings_json_and_strict(tmp_path, capsys):
    path = tmp_path / "warn.perf"
    path.write_text(
        "year 2023\n甲 := 预算完成数 - 1\n乙 := 预算完成 * 2\n甲 >= 0\n乙 >= 0\n丙 := 1\n", encoding="utf-8"
    )
    code, out, err = run(capsys, "check", path)
    assert code == 0
    assert "3 warning(s)" in out
    assert "did you mean 预算完成数?" in err
    assert run(capsys, "check", "--strict", path)[0] == 1
    code, out, _ = run(capsys, "check", "--format", "json", path)
    items = json.loads(out)
    assert code == 0
    assert {item["code"] for item in items} == {"unknown-name", "unused-formula"}
    assert all(item["severity"] == "warning" for item in items)
    assert items[-1]["line"] == 6 and items[-1]["column"] == 1


def test_check_json_errors(capsys):
    code, out, _ = run(capsys, "check", "--format", "json", EVERY_PROBLEM)
    items = json.loads(out)
    assert code == 1
    assert [item["code"] for item in items] == ["unknown-unit", "unordered-label", "dimension-mismatch", "invalid-date"]
    assert items[0] | {"file": ""} == {
        "code": "unknown-unit",
        "severity": "error",
        "message": "unknown unit 斤",
        "hint": "if it is a unit of its own, declare it: `unit 斤`",
        "file": "",
        "line": 2,
        "column": 9,
        "end_line": 2,
        "end_column": 10,
    }


def test_explain_shows_definition_formula_tree_facts_and_status(capsys):
    code, out, _ = run(capsys, "explain", SEED, "预算调整率", "--facts", SEED_FACTS)
    assert code == 0
    assert "定义  " in out and "预算调整率 <= 20%" in out
    assert "预算调整率 := (预算调整数 - 年初预算数) / 年初预算数 × 100%  = ≈5.02%" in out
    assert "(预算调整数 - 年初预算数) = 600,000" in out
    assert "年初预算数 = 11,961,500（公式）" in out
    assert "预算调整数：12,561,500 元（不带日期，任何一天都有效）" in out
    assert "状态  MET" in out


def test_explain_a_late_completion_shows_the_history(capsys):
    code, out, _ = run(capsys, "explain", SEED, "监督平台建设", "--facts", SEED_FACTS)
    assert code == 0
    assert "2023-06-30 未完成，2023-11-20 完成；2023-10-31 时有效的是 未完成" in out
    assert "2023-11-20才达到" in out


def test_explain_an_unknown_name(capsys):
    code, _, err = run(capsys, "explain", SEED, "不存在", "--facts", SEED_FACTS)
    assert code == 2
    assert "不存在 is not an indicator or a formula of this ruleset" in err


def test_explain_suggests_the_name_meant(capsys):
    code, _, err = run(capsys, "explain", SEED, "巡查工作", "--facts", SEED_FACTS)
    assert code == 2
    assert "did you mean 巡察工作?" in err
