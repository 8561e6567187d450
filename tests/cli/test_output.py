"""Where output goes and in which language: a console that cannot show a character gets a `?`,
never a crash; `-o/--output` writes UTF-8 (or the `--encoding` asked for, refusing clearly what it
cannot hold); the language comes from `--language` before or after the command, PERFRULES_LANG,
the locale variables, or on Windows the platform's locale."""

from __future__ import annotations

import locale
import os
import subprocess
import sys
from pathlib import Path

import pytest

from perfrules.cli import main

from ..conftest import SEED, SEED_FACTS

EVAL = ["eval", str(SEED), "--facts", str(SEED_FACTS)]


@pytest.mark.process
def test_a_gbk_console_gets_a_substitute_not_a_crash() -> None:
    environment = {**os.environ, "PYTHONIOENCODING": "gbk"}
    environment.pop("PERFRULES_DEBUG", None)
    done = subprocess.run([sys.executable, "-m", "perfrules", *EVAL], capture_output=True, env=environment, check=False)
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("gbk")
    assert "↳" not in text and "?" in text and "巡察工作" in text


def test_output_goes_to_a_utf8_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*EVAL, "-o", str(tmp_path / "out.txt")]) == 0
    assert capsys.readouterr().out == ""
    assert "↳" in (tmp_path / "out.txt").read_text(encoding="utf-8")


def test_output_in_another_encoding_says_what_it_cannot_hold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*EVAL, "--format", "json", "-o", str(tmp_path / "gb.json"), "--encoding", "gb18030"]) == 0
    assert "巡察工作" in (tmp_path / "gb.json").read_bytes().decode("gb18030")
    assert main([*EVAL, "-o", str(tmp_path / "gbk.txt"), "--encoding", "gbk"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"{tmp_path / 'gbk.txt'}: gbk cannot hold '↳' (U+21B3); write it as utf-8 (the default) instead"
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--encoding", "klingon"], "unknown encoding 'klingon'; utf-8 and gb18030 are common"),
        ([], "cannot write {path}: No such file or directory"),
    ],
)
def test_output_that_cannot_be_written_is_said_plainly(
    arguments: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "missing" / "out.txt"
    assert main([*EVAL, "-o", str(path), *arguments]) == 2
    assert capsys.readouterr().err.strip() == message.replace("{path}", str(path))


@pytest.mark.parametrize("command", ["check", "eval", "score", "monitor", "explain", "eval-many"])
def test_every_command_that_prints_takes_output(command: str, tmp_path: Path) -> None:
    arguments = {
        "check": ["check", str(SEED)],
        "eval": EVAL,
        "score": ["score", str(SEED), "--facts", str(SEED_FACTS)],
        "monitor": ["monitor", str(SEED), "--facts", str(SEED_FACTS), "--as-of", "2023-06-30"],
        "explain": ["explain", str(SEED), "巡察工作", "--facts", str(SEED_FACTS)],
        "eval-many": ["eval-many", str(SEED), "--facts", str(tmp_path / "facts.jsonl")],
    }[command]
    (tmp_path / "facts.jsonl").write_text('{"巡察工作": 2}\n', encoding="utf-8")
    assert main([*arguments, "-o", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out").read_text(encoding="utf-8")


def test_the_language_after_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    main([*EVAL, "--language", "en"])
    assert "as of 2023-12-31" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("environment", "platform", "expected"),
    [
        ({"PERFRULES_LANG": "en", "LANG": "zh_CN.UTF-8"}, "linux", "as of"),
        ({"PERFRULES_LANG": "zh"}, "linux", "截至"),
        ({}, "win32", "截至"),
    ],
)
def test_the_language_from_the_environment_or_the_platform(
    environment: dict[str, str],
    platform: str,
    expected: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(locale, "getlocale", lambda: ("Chinese (Simplified)_China", "936"))
    main(EVAL)
    assert expected in capsys.readouterr().out


def test_windows_diagnostics_follow_the_platform_locale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bad.perf").write_text("year 2023\n巡察工作 >= 2 论\n", encoding="utf-8")
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(locale, "getlocale", lambda: ("Chinese (Simplified)_China", "936"))
    assert main(["check", str(tmp_path / "bad.perf")]) == 1
    assert f"{tmp_path / 'bad.perf'}:2:11: 错误[unknown-unit]: 未知单位 论" in capsys.readouterr().err
    monkeypatch.setattr(sys, "platform", "linux")
    assert main(["check", str(tmp_path / "bad.perf")]) == 1
    assert "error[unknown-unit]: unknown unit 论" in capsys.readouterr().err


@pytest.mark.parametrize(("choice", "coloured"), [("always", True), ("never", False), ("auto", False)])
def test_colour_as_asked(choice: str, coloured: bool, capsys: pytest.CaptureFixture[str]) -> None:
    """`--color` before or after the command; `auto` colours only a terminal (not this capture)."""
    main(["--color", choice, *EVAL])
    assert ("\x1b[" in capsys.readouterr().out) is coloured
    main([*EVAL, "--color", choice])
    assert ("\x1b[" in capsys.readouterr().out) is coloured


def test_never_means_never_even_for_errors_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bad.perf").write_text("year 2023\n巡察工作 >= 2 论\n", encoding="utf-8")
    assert main(["--color", "always", "check", str(tmp_path / "bad.perf")]) == 1
    assert "\x1b[" in capsys.readouterr().err
    assert main(["check", str(tmp_path / "bad.perf"), "--color", "never"]) == 1
    assert "\x1b[" not in capsys.readouterr().err
