"""The perfrules command in-process: check's formats and --strict, score and monitor in every
format, --policy parsing, explain, the language of messages, and how main() and run() end when
standard streams are closed, broken or full, or something unexpected goes wrong."""

import contextlib
import io
import json
import os
import runpy
import stat
import sys

import pytest

from perfrules import __version__, cli
from perfrules.cli import main, run

from ..conftest import ROOT, SEED, SEED_FACTS

MIDYEAR = ROOT / "rulesets" / "zhengzhou-jingkai-jijian-2023.midyear.facts.json"

WARNED = "year 2023\n甲 := 1 + 2\n乙 := 3\n甲 >= 0\n"
CLEAN = "year 2023\nfact 预算完成数 in 元\nfact 预算数 in 元\n执行率 := 预算完成数 / 预算数 × 100%\n执行率 >= 90%\n"


def invoke(capsys, *argv):
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def write(tmp_path, text, name="rules.perf"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# check


def test_check_json_of_a_clean_ruleset_is_an_empty_list(tmp_path, capsys):
    """`check --format json` on a ruleset without problems prints [] and exits 0, even with --strict."""
    path = write(tmp_path, CLEAN)
    assert invoke(capsys, "check", "--format", "json", path) == (0, "[]\n", "")
    assert invoke(capsys, "check", "--strict", "--format", "json", path) == (0, "[]\n", "")


def test_check_strict_turns_warnings_into_exit_1_in_both_formats(tmp_path, capsys):
    """--strict exits 1 (problems found) on warnings alone, in text and json; the warning itself is
    still reported."""
    path = write(tmp_path, WARNED)
    code, out, err = invoke(capsys, "check", "--strict", path)
    assert code == 1
    assert out == f"{path}: ok, 1 indicators, 2 formulas, year 2023, 1 warning(s)\n"
    assert f"{path}:3:1: warning[unused-formula]: formula 乙 is not used by any indicator or formula" in err
    code, out, _ = invoke(capsys, "check", "--strict", "--format", "json", path)
    assert code == 1
    assert [item["code"] for item in json.loads(out)] == ["unused-formula"]


def test_check_without_a_year_says_nothing_of_one(tmp_path, capsys):
    """The summary line names the year only when the ruleset declares one."""
    path = write(tmp_path, "巡察工作 >= 2 轮\n")
    assert invoke(capsys, "check", path) == (0, f"{path}: ok, 1 indicators, 0 formulas\n", "")


def test_check_json_errors_are_in_the_chosen_language(tmp_path, capsys):
    """`--language zh check --format json` gives each error's message and hint in Chinese."""
    path = write(tmp_path, "year 2023\n巡察工作 >= 2 轮 by 2023-13-01\n")
    code, out, _ = invoke(capsys, "--language", "zh", "check", "--format", "json", path)
    assert code == 1
    (item,) = json.loads(out)
    assert item["code"] == "invalid-date" and item["severity"] == "error"
    assert (item["line"], item["column"]) == (2, 16)
    assert "2023-13-01" in item["message"] and not item["message"].isascii()


def test_the_environment_chooses_the_language(tmp_path, monkeypatch, capsys):
    """Diagnostics follow LC_ALL/LANG: Chinese for zh_*, English otherwise or when nothing is set."""
    path = write(tmp_path, "year 2023\n巡察工作 >= 2 轮 by 2023-13-01\n")
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)
    assert ": error[invalid-date]" in invoke(capsys, "check", path)[2]
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert ": 错误[invalid-date]" in invoke(capsys, "check", path)[2]
    monkeypatch.setenv("LC_ALL", "C.UTF-8")  # LC_ALL outranks LANG
    assert ": error[invalid-date]" in invoke(capsys, "check", path)[2]


# the language of results: --language, else the locale


ENGLISH = [
    (["eval", SEED, "--facts", MIDYEAR, "--as-of", "2023-06-30"], ["indicator  ", "↳ as of 2023-06-30 the value"]),
    (["eval", SEED, "--facts", MIDYEAR, "--as-of", "2023-06-30", "--format", "json"], ['"reason_code": "pending"']),
    (["explain", SEED, "预算执行率", "--facts", MIDYEAR, "--as-of", "2023-06-30"], ["  status  PENDING: as of"]),
    *(
        (["score", SEED, "--facts", MIDYEAR, "--as-of", "2023-06-30", "--format", form], ["target not met"])
        for form in ("table", "json", "md", "csv", "html")
    ),
    *(
        (["monitor", SEED, "--facts", MIDYEAR, "--as-of", "2023-06-30", "--format", form], ["may be met", "no data"])
        for form in ("table", "json", "md", "csv", "html")
    ),
]


@pytest.mark.parametrize(
    ("argv", "marks"), ENGLISH, ids=[" ".join(map(str, argv[:1] + argv[-1:])) for argv, _ in ENGLISH]
)
def test_language_en_gives_english_results_in_every_format(capsys, argv, marks):
    """--language en: English reasons, headers and labels; no words of perfrules' own in Chinese
    (JSON keeps a qualitative band and a grade as facts and forms write them: 达成年度指标, 优)."""
    code, out, err = invoke(capsys, "--language", "en", *argv)
    assert (code, err) == (0, "")
    assert all(mark in out for mark in marks), out[:800]
    if "json" in argv:
        data = json.loads(out)
        for row in data.get("rows", []):
            row["band"] = None
        data["grade"] = None
        out = json.dumps(data, ensure_ascii=False)
    for word in ("截至", "达到目标", "缺数据", "未达成", "有可能", "三级指标", "状态", "合计", "取值日"):
        assert word not in out, word
    chinese = invoke(capsys, "--language", "zh", *argv)[1]
    assert "截至" in chinese or "缺数据" in chinese


@pytest.mark.parametrize(
    ("environment", "english"),
    [
        ({}, False),
        ({"LANG": "C.UTF-8"}, False),
        ({"LANG": "POSIX"}, False),
        ({"LANG": "zh_CN.UTF-8"}, False),
        ({"LANG": "en_US.UTF-8"}, True),
        ({"LANG": "zh_CN.UTF-8", "LC_ALL": "en_GB.UTF-8"}, True),
        ({"LANG": "de_DE.UTF-8"}, True),
    ],
)
def test_the_locale_chooses_the_language_of_results(monkeypatch, capsys, environment, english):
    """Results are English under a locale of another language than Chinese, and Chinese, the
    tables' own language, under a Chinese locale or none (C, POSIX, nothing set)."""
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    code, out, _ = invoke(capsys, "eval", SEED, "--facts", MIDYEAR, "--as-of", "2023-06-30")
    assert code == 0
    assert ("↳ as of 2023-06-30" in out, "↳ 截至2023-06-30" in out) == (english, not english)
    other = "zh" if english else "en"
    assert ("↳ as of" in invoke(capsys, "--language", other, "eval", SEED, "--facts", MIDYEAR)[1]) is not english


def test_eval_many_speaks_the_chosen_language(tmp_path, capsys):
    lines = write(tmp_path, '{"巡察工作": 1}\n{"巡察工作": 3}\n', "facts.jsonl")
    code, out, _ = invoke(capsys, "--language", "en", "eval-many", SEED, "--facts", lines)
    assert code == 0
    rows = [
        next(row for row in json.loads(line)["indicators"] if row["name"] == "巡察工作") for line in out.splitlines()
    ]
    assert [(row["reason_code"], row["reason"][:16]) for row in rows] == [
        ("not-met", "as of 2023-12-31"),
        ("met", "as of 2023-12-31"),
    ]


# score and monitor


@pytest.mark.parametrize(
    ("form", "marks"),
    [
        ("table", ["绩效自评表", "总分 ", "合计"]),
        ("md", ["| 一级指标 |", "|---"]),
        ("csv", ["一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因"]),
        ("html", ["<table", "</html>"]),
    ],
)
def test_score_in_every_format_titled_by_the_file_without_a_department(tmp_path, capsys, form, marks):
    """score renders each format; a ruleset without a department is titled by its path."""
    path = write(tmp_path, CLEAN)
    facts = write(tmp_path, '{"预算完成数": 95, "预算数": 100}', "facts.json")
    code, out, err = invoke(capsys, "score", path, "--facts", facts, "--format", form)
    assert (code, err) == (0, "")
    assert all(mark in out for mark in marks), out[:500]
    if form != "csv":
        assert f"{path} 绩效自评表" in out


@pytest.mark.parametrize(
    ("form", "marks"),
    [
        ("table", ["郑州经济技术开发区纪检监察工委 绩效监控表", "11,961,500 元  4,186,525 元  35%"]),
        (
            "md",
            [
                "# 郑州经济技术开发区纪检监察工委 绩效监控表",
                "| 11,961,500 元 | 4,186,525 元 | 35% | 49.59% | -14.59% | 无 |",
            ],
        ),
        (
            "csv",
            [
                "一级指标,二级指标,三级指标,指标值,当前值,截止日期,完成目标可能性,预警灯,原因\n",
                ",预算执行率,≥90%,35%,2023-12-31,有可能,● 黄,尚未达到目标\n",
            ],
        ),
        ("html", ["<title>郑州经济技术开发区纪检监察工委 绩效监控表</title>", ">预算执行进度</text>"]),
    ],
)
def test_monitor_in_every_format(capsys, form, marks):
    """monitor renders the seed's mid-year sheet in each format: execution against time, and each light."""
    code, out, err = invoke(
        capsys, "monitor", SEED, "--facts", MIDYEAR, "--as-of", "2023-06-30", "--tolerance", "0.2", "--format", form
    )
    assert (code, err) == (0, "")
    assert all(mark in out for mark in marks), out[:500]


def test_policy_choices_from_several_options_with_blanks_and_spaces(capsys):
    """--policy items may be spread over options, spaced, and separated by empty items."""
    code, out, _ = invoke(
        capsys,
        "score",
        SEED,
        "--facts",
        SEED_FACTS,
        "--format",
        "json",
        "--policy",
        " reverse = ratio ,, places=0,",
        "--policy",
        "exclude-na,overachievement=1.5,execution-floor=0.8,qualitative=lower",
    )
    assert code == 0
    assert json.loads(out)["policy"] == {
        "reverse": "ratio",
        "places": 0,
        "exclude_not_applicable": True,
        "overachievement": "1.5",
        "execution_floor": "0.8",
        "qualitative": "lower",
    }


@pytest.mark.parametrize(
    ("policy", "message"),
    [
        ("speed=fast", "unknown policy choice 'speed=fast'; the choices are reverse, places, exclude-na,"),
        ("exclude-na=yes", "the policy choice exclude-na takes no value"),
        ("exclude-na,exclude-na", "the policy choice exclude-na is given twice"),
        ("places=", "the policy choice places needs a value: places=…"),
        ("reverse", "the policy choice reverse needs a value: reverse=…"),
        ("places=5", "places must be a whole number from 0 to 4, not '5'"),
    ],
)
def test_bad_policy_choices_exit_2_with_a_message(capsys, policy, message):
    """Each malformed --policy is refused with a message that says what is wrong, before any output."""
    code, out, err = invoke(capsys, "score", SEED, "--facts", SEED_FACTS, "--policy", policy)
    assert (code, out) == (2, "")
    assert err.startswith(message)


# explain


def test_explain_a_formula_that_is_not_an_indicator(tmp_path, capsys):
    """explain on a formula name alone shows its tree, its value and the facts it read."""
    path = write(tmp_path, "year 2023\nfact 甲 in 元\n总额 := 甲 + 5 元\n比例 := 总额 / 10 元\n比例 >= 1\n")
    facts = write(tmp_path, '{"甲": 15}', "facts.json")
    code, out, _ = invoke(capsys, "explain", path, "总额", "--facts", facts)
    assert code == 0
    assert out.splitlines() == [
        "",
        "  取值日 2023-12-31",
        "  总额 := 甲 + 5 元  = 20 元",
        "  ├─ 甲 = 15（事实）",
        "  └─ 5 元 = 5",
        "  用到的事实",
        "    甲：15 元（不带日期，任何一天都有效）",
    ]


# the end of main(): errors, closed and broken streams


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_a_ruleset_error_on_a_terminal_is_coloured(tmp_path, monkeypatch, capsys):
    """A ruleset error shown on a terminal's stderr has its severity coloured; exit 1."""
    path = write(tmp_path, "year 2023\n巡察工作 >= 2 轮 by 2023-13-01\n")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    assert main(["--language", "en", "check", str(path)]) == 1
    assert f"{path}:2:16: \x1b[31;1merror\x1b[0m[invalid-date]: impossible date 2023-13-01" in screen.getvalue()


def test_closed_standard_output_is_reported_on_stderr(monkeypatch, capsys):
    """Started with stdout closed, eval says the result cannot be written, and exits 1."""
    monkeypatch.setattr(sys, "stdout", None)
    assert main(["eval", str(SEED), "--facts", str(SEED_FACTS)]) == 2
    assert capsys.readouterr().err == "standard output is closed, so the result cannot be written\n"


def test_closed_standard_error_keeps_the_result_and_the_exit_status(tmp_path, monkeypatch, capsys):
    """Started with stderr closed, warnings go nowhere but the summary is printed; errors still exit 1."""
    monkeypatch.setattr(sys, "stderr", None)
    path = write(tmp_path, WARNED)
    assert main(["check", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: ok, 1 indicators, 2 formulas, year 2023, 1 warning(s)\n"
    assert main(["check", str(write(tmp_path, "x >= 1 by 2023-13-01\n", "bad.perf"))]) == 1
    assert capsys.readouterr().out == ""


class BrokenPipe(io.TextIOBase):
    """A standard output whose reader has gone away, over a real file descriptor."""

    def __init__(self, descriptor):
        self.descriptor = descriptor

    def write(self, text):
        raise BrokenPipeError(32, "Broken pipe")

    def fileno(self):
        return self.descriptor


def test_a_broken_pipe_ends_quietly_and_points_stdout_at_devnull(tmp_path, monkeypatch, capsys):
    """When the reader goes away, the command exits 1 with no message, stdout's descriptor now /dev/null."""
    descriptor = os.open(tmp_path / "out", os.O_WRONLY | os.O_CREAT)
    try:
        monkeypatch.setattr(sys, "stdout", BrokenPipe(descriptor))
        assert main(["eval", str(SEED), "--facts", str(SEED_FACTS)]) == 1
        assert capsys.readouterr().err == ""
        now, null = os.fstat(descriptor), os.stat(os.devnull)
        assert stat.S_ISCHR(now.st_mode) and now.st_rdev == null.st_rdev
    finally:
        os.close(descriptor)


def test_a_broken_pipe_without_a_descriptor_still_ends_quietly(monkeypatch, capsys):
    """A broken standard output with no file descriptor also ends with exit 1 and no message."""

    class Detached(io.TextIOBase):
        def write(self, text):
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys, "stdout", Detached())
    assert main(["eval", str(SEED), "--facts", str(SEED_FACTS), "--format", "json"]) == 1
    assert capsys.readouterr().err == ""


DEV_FULL = "/dev/full"
needs_dev_full = pytest.mark.skipif(not os.path.exists(DEV_FULL), reason="needs /dev/full (Linux)")


def full_stdout():
    """Standard output on /dev/full, line-buffered: the first line written fails with ENOSPC."""
    return open(DEV_FULL, "w", encoding="utf-8", buffering=1)


@needs_dev_full
def test_a_full_disk_is_reported_as_such(monkeypatch, capsys):
    """Output that cannot be written (no space left) is the environment's failure, said plainly."""
    device = full_stdout()
    monkeypatch.setattr(sys, "stdout", device)
    try:
        assert main(["eval", str(SEED), "--facts", str(SEED_FACTS)]) == 2
    finally:
        monkeypatch.undo()
        with contextlib.suppress(OSError):
            device.close()
    assert capsys.readouterr().err == "perfrules: cannot write the output: No space left on device\n"


def broken_command(options):
    raise ZeroDivisionError("a fault put there by the test")


def test_an_unexpected_failure_is_one_line_without_a_traceback(monkeypatch, capsys):
    """A bug in perfrules (here a fault injected in the command) ends in exit 1 and one line naming it."""
    monkeypatch.delenv("PERFRULES_DEBUG", raising=False)
    monkeypatch.setattr(cli, "_run", broken_command)
    assert main(["check", str(SEED)]) == 1
    err = capsys.readouterr().err
    assert err == "perfrules: internal error, please report it: ZeroDivisionError: a fault put there by the test\n"


def test_perfrules_debug_lets_the_unexpected_exception_through(monkeypatch):
    """With PERFRULES_DEBUG set, the unexpected exception propagates for its traceback."""
    monkeypatch.setenv("PERFRULES_DEBUG", "1")
    monkeypatch.setattr(cli, "_run", broken_command)
    with pytest.raises(ZeroDivisionError, match="put there by the test"):
        main(["check", str(SEED)])


# run(), the console script, and python -m perfrules


def test_run_exits_with_mains_status(monkeypatch, capsys):
    """The console script exits with main()'s status: 0 for a clean check, 1 for a missing file."""
    monkeypatch.setattr(sys, "argv", ["perfrules", "check", str(SEED)])
    with pytest.raises(SystemExit) as caught:
        run()
    assert caught.value.code == 0
    assert "ok, 34 indicators" in capsys.readouterr().out
    monkeypatch.setattr(sys, "argv", ["perfrules", "check", "absent.perf"])
    with pytest.raises(SystemExit) as caught:
        run()
    assert caught.value.code == 2


def test_run_exits_130_on_interrupt(monkeypatch):
    """Ctrl-C while reading standard input exits 130, the shell's code for SIGINT, without a traceback."""

    class Interrupted(io.RawIOBase):
        def readable(self):
            return True

        def readinto(self, buffer):
            raise KeyboardInterrupt

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(Interrupted()), encoding="utf-8"))
    monkeypatch.setattr(sys, "argv", ["perfrules", "fmt", "-"])
    with pytest.raises(SystemExit) as caught:
        run()
    assert caught.value.code == 130


def test_run_exits_1_when_even_stderr_is_a_broken_pipe(tmp_path, monkeypatch):
    """An error that cannot be reported because stderr's reader went away still exits 1."""

    class Gone(io.TextIOBase):
        def write(self, text):
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys, "stderr", Gone())
    monkeypatch.setattr(sys, "argv", ["perfrules", "check", str(tmp_path / "absent.perf")])
    with pytest.raises(SystemExit) as caught:
        run()
    assert caught.value.code == 1


def test_python_dash_m_perfrules_runs_the_command(monkeypatch, capsys):
    """`python -m perfrules --version` prints the version and exits 0."""
    monkeypatch.setattr(sys, "argv", ["perfrules", "--version"])
    with pytest.raises(SystemExit) as caught:
        runpy.run_module("perfrules", run_name="__main__")
    assert caught.value.code == 0
    assert capsys.readouterr().out == f"perfrules {__version__}\n"
