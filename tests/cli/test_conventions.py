"""The conventions a terminal user relies on: several rulesets and directories for `check`,
`-q/--quiet`, standard input read once, "did you mean" for a mistyped command or choice, argparse
and usage errors in Chinese, eval-many refusing a JSON array or document in one line and carrying
a unit's id, and colour on Windows consoles switched on through colorama."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import colorama
import pytest

from perfrules.cli import main
from perfrules.cli.console import console_shows_colour
from perfrules.cli.wording import _SHAPES, said

from ..conftest import SEED, SEED_FACTS

GOOD = "year 2023\n巡察工作 >= 2 轮\n"
BAD = "year 2023\n巡察工作 >= 2 论\n"
WARNED = "year 2023\n巡察工作 >= 2 轮\n没用上 := 巡察工作 * 2\n"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    try:
        code = main([str(argument) for argument in argv])
    except SystemExit as ended:  # argparse's own exit, after its message
        code = int(ended.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def stdin_with(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode()), encoding="utf-8"))


def test_check_takes_several_files_and_directories(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path, "a.perf", GOOD)
    write(tmp_path, "folder/b.perf", GOOD)
    write(tmp_path, "folder/deeper/c.perf", BAD)
    write(tmp_path, "folder/notes.txt", "not a ruleset")
    code, out, err = run(capsys, "check", good, tmp_path / "folder")
    assert code == 1
    assert out.splitlines() == [
        f"{good}: ok, 1 indicators, 0 formulas, year 2023",
        f"{tmp_path / 'folder' / 'b.perf'}: ok, 1 indicators, 0 formulas, year 2023",
    ]
    assert err.startswith(f"{tmp_path / 'folder' / 'deeper' / 'c.perf'}:2:11: error[unknown-unit]")


def test_check_json_of_several_files_is_one_list_naming_each_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad, warned = write(tmp_path, "bad.perf", BAD), write(tmp_path, "warned.perf", WARNED)
    code, out, _ = run(capsys, "check", bad, warned, "--format", "json")
    assert code == 1
    assert [(item["file"], item["severity"]) for item in json.loads(out)] == [
        (str(bad), "error"),
        (str(warned), "warning"),
    ]


def test_check_strict_fails_on_any_files_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good, warned = write(tmp_path, "good.perf", GOOD), write(tmp_path, "warned.perf", WARNED)
    assert run(capsys, "check", good, warned)[0] == 0
    assert run(capsys, "check", good, warned, "--strict")[0] == 1


def test_a_directory_without_rulesets_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("check", "fmt"):
        assert run(capsys, command, tmp_path) == (2, "", f"{tmp_path}: a directory with no *.perf ruleset in it\n")


def test_quiet_keeps_problems_and_drops_summaries(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good, warned = write(tmp_path, "good.perf", GOOD), write(tmp_path, "warned.perf", WARNED)
    code, out, err = run(capsys, "check", "-q", good, warned)
    assert (code, out) == (0, "")
    assert "warning[unused-formula]" in err
    assert run(capsys, "-q", "check", good) == (0, "", "")
    messy = write(tmp_path, "messy.perf", "year 2023\n巡察工作>=2 轮\n")
    assert run(capsys, "fmt", "--quiet", messy) == (0, "", "")
    assert messy.read_text(encoding="utf-8") == "year 2023\n巡察工作 >= 2 轮\n"


def test_quiet_eval_many_draws_no_bar_and_no_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    facts = write(tmp_path, "facts.jsonl", '{"巡察工作": 2}\noops\n')
    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    assert main(["eval-many", "-q", str(write(tmp_path, "r.perf", GOOD)), "--facts", str(facts)]) == 1
    assert screen.getvalue() == ""
    assert len(capsys.readouterr().out.splitlines()) == 2


@pytest.mark.parametrize(
    "argv",
    [["eval", "-", "--facts", "-"], ["check", "-", "-"], ["fmt", "-", "-"], ["explain", "-", "x", "--facts", "-"]],
)
def test_standard_input_is_read_once(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin_with(monkeypatch, GOOD)
    assert run(capsys, *argv) == (2, "", "standard input can be read only once; give the others as files\n")


@pytest.mark.parametrize("command", ["check", "eval", "score", "monitor", "explain"])
def test_every_reading_command_takes_the_ruleset_from_standard_input(
    command: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin_with(monkeypatch, SEED.read_text(encoding="utf-8"))
    extra = {"check": [], "explain": ["巡察工作"], "monitor": ["--as-of", "2023-06-30"]}.get(command, [])
    facts = [] if command == "check" else ["--facts", str(SEED_FACTS)]
    code, out, err = run(capsys, command, "-", *extra, *facts)
    assert (code, err) == (0, "")
    assert "巡察工作" in out or "ok, 34 indicators" in out


def test_the_facts_come_from_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin_with(monkeypatch, SEED_FACTS.read_text(encoding="utf-8"))
    code, out, _ = run(capsys, "eval", SEED, "--facts", "-", "--format", "json")
    assert code == 0 and json.loads(out)["indicators"]


@pytest.mark.parametrize(
    ("argv", "suggestion"),
    [
        (["chek", "x"], "; did you mean check?"),
        (["evla", "x"], "; did you mean eval?"),
        (["eval", "x", "--facts", "y", "--format", "jsn"], "; did you mean json?"),
        (["--language", "zh", "scroe", "x"], "；是否应为 score？"),
    ],
)
def test_a_mistyped_command_or_choice_gets_a_suggestion(
    argv: list[str], suggestion: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.rstrip("\n").endswith(suggestion)


def test_no_suggestion_when_nothing_is_close(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "zzzzzz")
    assert code == 2 and "did you mean" not in err


@pytest.mark.parametrize(
    ("argv", "usage", "message"),
    [
        (["--language", "zh", "eval", "x"], "用法：perfrules eval", "perfrules eval: 错误：缺少必需的参数：--facts"),
        (
            ["eval", "x", "--facts", "y", "--as-of", "2023-02-30", "--language=zh"],
            "用法：perfrules eval",
            "perfrules eval: 错误：参数 --as-of：2023-02-30 不是真实存在的日期",
        ),
        (
            ["eval", "x", "--facts", "y", "--bogus"],
            "usage: perfrules",
            "perfrules: error: unrecognized arguments: --bogus",
        ),
    ],
)
def test_argparse_speaks_the_chosen_language(
    argv: list[str], usage: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert err.startswith(usage)
    assert err.rstrip("\n").splitlines()[-1] == message


def test_the_locale_chooses_the_language_of_parsing_errors(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PERFRULES_LANG", "zh")
    assert run(capsys, "eval")[2].startswith("用法：")


def test_usage_errors_are_said_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "无.perf"
    assert run(capsys, "--language", "zh", "check", missing) == (2, "", f"无法读取 {missing}：没有这个文件或目录\n")


EXAMPLES = [
    ("the following arguments are required: --facts", "缺少必需的参数：--facts"),
    ("unrecognized arguments: --x", "无法识别的参数：--x"),
    ("argument --facts: expected one argument", "参数 --facts 需要一个值"),
    (
        "argument --format: invalid choice: 'x' (choose from 'table', 'json')",
        "参数 --format 的值 'x' 无效（可选：'table', 'json'）",
    ),
    ("argument -q/--quiet: ignored explicit argument 'x'", "参数 -q/--quiet 不接受值 'x'"),
    ("ambiguous option: --f could match --facts, --format", "选项 --f 有歧义，可能是 --facts, --format"),
    ("argument --as-of: '2023' is not a date written YYYY-MM-DD", "参数 --as-of：“2023”不是 YYYY-MM-DD 格式的日期"),
    ("'2023' is not a date written YYYY-MM-DD", "“2023”不是 YYYY-MM-DD 格式的日期"),
    ("2023-02-30 is not a real date", "2023-02-30 不是真实存在的日期"),
    ("cannot read a.perf: Permission denied", "无法读取 a.perf：没有权限"),
    ("cannot write out.txt: No space left on device", "无法写入 out.txt：磁盘已满"),
    ("rules: a directory with no *.perf ruleset in it", "rules：目录中没有 *.perf 规则文件"),
    ("a.perf: not valid UTF-8 at byte 7", "a.perf：第 7 字节起不是有效的 UTF-8"),
    ("unknown encoding 'x'; utf-8 and gb18030 are common", "未知的编码 'x'；常用的是 utf-8 和 gb18030"),
    (
        "out.txt: gbk cannot hold '↳' (U+21B3); write it as utf-8 (the default) instead",
        "out.txt：gbk 编码无法写出 '↳' (U+21B3)；请改用 utf-8（默认）",
    ),
    ("standard output is closed, so the result cannot be written", "标准输出已关闭，无法写出结果"),
    ("unknown policy choice 'x'; the choices are reverse, places", "未知的评分规则选项 'x'；可选：reverse, places"),
    ("the policy choice places is given twice", "评分规则选项 places 给了两次"),
    ("the policy choice exclude-na takes no value", "评分规则选项 exclude-na 不带值"),
    ("the policy choice places needs a value: places=…", "评分规则选项 places 需要一个值：places=…"),
    ("places must be a whole number from 0 to 4, not '9'", "places 应为 0 到 4 的整数，而不是 '9'"),
    ("the self-evaluation sheet needs --facts", "生成 self-evaluation 表需要 --facts"),
    (
        "the monitoring sheet needs --as-of, the date it is made on (YYYY-MM-DD)",
        "监控表需要 --as-of，即监控日期（YYYY-MM-DD）",
    ),
    (
        "f.json: the facts file has 9,000 bytes; at most 10 are allowed",
        "f.json：事实文件有 9,000 字节，最多允许 10 字节",
    ),
    ("<facts>: the facts are longer than the 10 bytes allowed", "<facts>：事实超过了允许的 10 字节"),
    ("f.json: the key 'a' appears twice", "f.json：键 'a' 出现了两次"),
    (
        "f.json: the keys 'Ａ' and 'A' are the same name, A, given twice",
        "f.json：键 'Ａ' and 'A' 是同一个名称 A，给了两次",
    ),
    ("f.json: NaN is not a number JSON allows", "f.json：NaN 不是 JSON 允许的数"),
    ("f.json:3:7: invalid JSON: Expecting value", "f.json:3:7：JSON 格式错误：Expecting value"),
    ("f.json: cannot be read: nested too deeply", "f.json：嵌套太深，无法读取"),
    ("f.json: facts must be a JSON object of fact name to value", "f.json：事实应为 JSON 对象（事实名到值）"),
    (
        "f.json is a JSON array, not JSON Lines: eval-many reads one fact set per line (…)",
        "f.json 是一个 JSON 数组，不是 JSON Lines：eval-many 每行读一组事实（`jq -c '.[]'` 可拆开数组）",
    ),
    (
        "f.json is one JSON document spread over several lines, not JSON Lines: eval-many reads (…)",
        "f.json 是跨多行的一个 JSON 文档，不是 JSON Lines：eval-many 每行读一组事实（单个文档请用 `perfrules eval`）",
    ),
    (
        'perfrules: 2 line(s) could not be evaluated; see their "error" field',
        'perfrules：2 行无法求值，见这些行的 "error" 字段',
    ),
    ("standard input can be read only once; give the others as files", "标准输入只能读取一次；其余的请以文件给出"),
]


@pytest.mark.parametrize(("english", "chinese"), EXAMPLES)
def test_each_message_shape_in_chinese(english: str, chinese: str) -> None:
    assert said(english, "zh") == chinese
    assert said(english, "en") == english


def test_every_shape_has_an_example() -> None:
    used = {index for english, _ in EXAMPLES for index, (shape, _) in enumerate(_SHAPES) if shape.fullmatch(english)}
    assert used == set(range(len(_SHAPES)))


def test_a_message_of_unknown_shape_stays_as_written() -> None:
    assert said("something new; did you mean x?", "zh") == "something new；是否应为 x？"
    assert said("something new", "zh") == "something new"


def test_eval_many_refuses_a_json_array_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    facts = write(tmp_path, "facts.json", '[{"巡察工作": 2},\n {"巡察工作": 3}]\n')
    code, out, err = run(capsys, "eval-many", write(tmp_path, "r.perf", GOOD), "--facts", facts)
    assert (code, out) == (1, "")
    assert err == (
        f"{facts} is a JSON array, not JSON Lines: eval-many reads one fact set per line "
        "(`jq -c '.[]'` splits an array; `perfrules eval` takes a single document)\n"
    )


def test_eval_many_refuses_a_document_over_several_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin_with(monkeypatch, '\n{\n  "巡察工作": 2\n}\n')
    code, out, err = run(capsys, "eval-many", write(tmp_path, "r.perf", GOOD), "--facts", "-")
    assert (code, out) == (1, "")
    assert err.startswith("standard input is one JSON document spread over several lines, not JSON Lines")
    assert len(err.splitlines()) == 1


def test_eval_many_names_the_line_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    facts = write(tmp_path, "facts.jsonl", '{"巡察工作": 2}\n{"巡察工作": \n[1]\n{"a": 1, "a": 2}\n')
    code, out, _ = run(capsys, "eval-many", write(tmp_path, "r.perf", GOOD), "--facts", facts, "--statuses")
    assert code == 1
    assert [json.loads(line) for line in out.splitlines()][1:] == [
        {"line": 2, "error": "column 10: invalid JSON: Expecting value"},
        {"line": 3, "error": "facts must be a JSON object of fact name to value"},
        {"line": 4, "error": "the key 'a' appears twice"},
    ]


def test_eval_many_carries_each_units_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    facts = write(tmp_path, "facts.jsonl", '{"单位编码": "A01", "巡察工作": 2}\n{"单位编码": 102, "巡察工作": 1}\n{}\n')
    code, out, _ = run(
        capsys, "eval-many", write(tmp_path, "r.perf", GOOD), "--facts", facts, "--id", "单位编码", "--statuses"
    )
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(row["id"], row["statuses"]["巡察工作"]) for row in rows] == [
        ("A01", "MET"),
        (102, "NOT_MET"),
        (None, "MISSING"),
    ]
    whole = json.loads(
        run(capsys, "eval-many", tmp_path / "r.perf", "--facts", facts, "--id", "单位编码")[1].splitlines()[0]
    )
    assert whole["id"] == "A01" and "单位编码" not in json.dumps(whole["warnings"], ensure_ascii=False)


def test_colour_is_switched_on_for_a_windows_console(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(colorama, "just_fix_windows_console", lambda: calls.append("fixed"))
    assert console_shows_colour("win32") is True
    assert calls == ["fixed"]
    assert console_shows_colour("linux") is True
    assert calls == ["fixed"]


def test_a_windows_console_without_colorama_stays_plain(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "colorama", None)
    assert console_shows_colour("win32") is False
    monkeypatch.setattr(sys, "platform", "win32")
    screen = Terminal()
    monkeypatch.setattr(sys, "stdout", screen)
    assert main(["eval", str(SEED), "--facts", str(SEED_FACTS)]) == 0
    assert "\x1b[" not in screen.getvalue() and "巡察工作" in screen.getvalue()
    assert main(["eval", str(SEED), "--facts", str(SEED_FACTS), "--color", "always"]) == 0
    assert "\x1b[" in screen.getvalue()


@pytest.mark.parametrize("command", [["eval"], ["score"], ["monitor", "--as-of", "2023-06-30"]])
def test_a_table_fits_a_narrow_terminal_and_a_file_keeps_every_cell(
    command: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from perfrules.errors.text import text_width

    monkeypatch.setenv("COLUMNS", "72")
    screen = Terminal()
    monkeypatch.setattr(sys, "stdout", screen)
    argv = [command[0], str(SEED), "--facts", str(SEED_FACTS), *command[1:], "--color", "never"]
    assert main(argv) == 0
    narrow = screen.getvalue().splitlines()
    monkeypatch.undo()
    assert main(argv) == 0
    whole = capsys.readouterr().out.splitlines()
    table_lines = [each for each in narrow if "  " in each.strip()]
    assert table_lines and all(text_width(each) <= 72 for each in table_lines)
    assert any("…" in each for each in narrow) and not any("…" in each for each in whole)
    assert max(map(text_width, whole)) > 72


def test_docs_cli_names_every_command_and_option() -> None:
    import argparse

    from perfrules.cli import _arguments

    from ..conftest import ROOT

    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    parser = _arguments()
    (commands,) = [action for action in parser._actions if isinstance(action, argparse._SubParsersAction)]
    options = {option for action in parser._actions for option in action.option_strings}
    for name, command in commands.choices.items():
        assert f"### `{name} " in text, name
        options.update(option for action in command._actions for option in action.option_strings)
    missing = sorted(option for option in options if f"`{option}" not in text and f"{option} " not in text)
    assert missing == []


def test_a_facts_error_is_said_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    facts = write(tmp_path, "f.json", '{"a": 1, "a": 2}')
    code, _, err = run(capsys, "--language", "zh", "eval", write(tmp_path, "r.perf", GOOD), "--facts", facts)
    assert (code, err) == (1, f"{facts}：键 'a' 出现了两次\n")
