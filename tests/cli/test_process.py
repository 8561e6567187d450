"""The command as a process meets its environment: closed and broken pipes, read-only files,
bytes that are not UTF-8, dumb terminals and NO_COLOR. Each ends in a clear message or quiet
success, never an internal error; colour is tested on a real pseudo-terminal."""

import json
import os
import pty
import resource
import signal
import subprocess
import sys

import pytest

from ..conftest import SEED, SEED_FACTS

pytestmark = pytest.mark.process

COMMAND = [sys.executable, "-m", "perfrules"]


def perfrules(*argv, **options):
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8", **options.pop("env", {})}
    environment.pop("PERFRULES_DEBUG", None)
    return subprocess.run(
        [*COMMAND, *map(str, argv)], capture_output=True, env=environment, timeout=120, check=False, **options
    )


def test_closed_standard_output_is_an_error_not_a_crash():
    done = subprocess.run(
        [*COMMAND, "eval", str(SEED), "--facts", str(SEED_FACTS)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        pass_fds=(),
        timeout=120,
        check=False,
        preexec_fn=lambda: os.close(1),
    )
    assert done.returncode == 2
    assert b"standard output is closed" in done.stderr
    assert b"internal error" not in done.stderr


def test_closed_standard_error_still_writes_the_result():
    done = subprocess.run(
        [*COMMAND, "eval", str(SEED), "--facts", str(SEED_FACTS), "--format", "json"],
        stdout=subprocess.PIPE,
        timeout=120,
        check=False,
        preexec_fn=lambda: os.close(2),
    )
    assert done.returncode == 0
    assert len(json.loads(done.stdout)["indicators"]) == 34


def test_a_reader_that_goes_away_is_not_blamed_on_the_facts_file(tmp_path):
    lines = tmp_path / "many.jsonl"
    lines.write_text("".join(json.dumps({"巡察工作": index}) + "\n" for index in range(20_000)), encoding="utf-8")
    reader = subprocess.Popen(
        [*COMMAND, "eval-many", str(SEED), "--facts", str(lines)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    first = reader.stdout.readline()
    reader.stdout.close()  # like `| head -1`
    _, error = reader.communicate(timeout=120)
    assert json.loads(first)["line"] == 1
    assert b"cannot read" not in error
    assert b"internal error" not in error
    assert error == b""


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files; the next test covers failed writes")
def test_fmt_leaves_a_read_only_file_alone(tmp_path):
    target = tmp_path / "locked.perf"
    target.write_text("巡察工作  >=   2 轮\n", encoding="utf-8")
    target.chmod(0o444)
    done = perfrules("fmt", target)
    assert done.returncode == 1
    assert f"cannot write {target}: Permission denied".encode() in done.stderr
    assert target.read_text(encoding="utf-8") == "巡察工作  >=   2 轮\n"


def test_fmt_never_leaves_a_file_cut_short(tmp_path):
    """A write that fails (here: no room for a single byte) reports it and keeps the file whole."""
    target = tmp_path / "full.perf"
    target.write_text("巡察工作  >=   2 轮\n", encoding="utf-8")

    def no_room():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))

    done = perfrules("fmt", target, preexec_fn=no_room)
    assert done.returncode == 2
    assert f"cannot write {target}: File too large".encode() in done.stderr
    assert target.read_text(encoding="utf-8") == "巡察工作  >=   2 轮\n"
    assert [path.name for path in tmp_path.iterdir()] == ["full.perf"]


def test_fmt_keeps_the_files_permissions(tmp_path):
    target = tmp_path / "kept.perf"
    target.write_text("巡察工作  >=   2 轮\n", encoding="utf-8")
    target.chmod(0o640)
    done = perfrules("fmt", target)
    assert done.returncode == 0, done.stderr
    assert target.read_text(encoding="utf-8") == "巡察工作 >= 2 轮\n"
    assert target.stat().st_mode & 0o777 == 0o640


def test_invalid_utf8_on_standard_input_is_named_with_its_byte():
    done = perfrules("fmt", "-", input=b"x >= 1\n\xff\xfe\n")
    assert done.returncode == 2
    assert done.stderr.decode() == "<stdin>: not valid UTF-8 at byte 7\n"


def run_on_a_terminal(argv, env):
    """Run the command with its standard error on a real pseudo-terminal; what the terminal shows."""
    controller, terminal = pty.openpty()
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8", **env}
    for name in ("NO_COLOR", "TERM"):
        if name not in env:
            environment.pop(name, None)
    done = subprocess.run(
        [*COMMAND, *argv], stdout=terminal, stderr=terminal, env=environment, timeout=120, check=False
    )
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    return done.returncode, shown


@pytest.mark.parametrize(
    ("env", "coloured"),
    [
        ({"TERM": "xterm-256color"}, True),
        ({"TERM": "dumb"}, False),
        ({"TERM": "xterm", "NO_COLOR": "1"}, False),
        ({"TERM": "xterm", "NO_COLOR": ""}, True),
    ],
)
def test_colour_follows_the_terminal_and_no_color(env, coloured):
    code, shown = run_on_a_terminal(["eval", str(SEED), "--facts", str(SEED_FACTS)], env)
    assert code == 0
    assert (b"\x1b[" in shown) is coloured


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["score", SEED, "--facts", SEED_FACTS, "--policy", "places=٣"], "places must be a whole number from 0 to 4"),
        (["score", SEED, "--facts", SEED_FACTS, "--policy", "overachievement=١.٣"], "ASCII digits"),
        (["score", SEED, "--facts", SEED_FACTS, "--policy", "places=1,places=2"], "given twice"),
        (["score", SEED, "--facts", SEED_FACTS, "--policy", "places=1", "--policy", "places=2"], "given twice"),
        (["monitor", SEED, "--facts", SEED_FACTS, "--as-of", "2023-06-30", "--tolerance", "٠.١"], "ASCII digits"),
        (["eval", SEED, "--facts", SEED_FACTS, "--as-of", "٢٠٢٣-٠٦-٣٠"], "YYYY-MM-DD"),
    ],
)
def test_settings_take_ascii_digits_and_each_choice_once(argv, message):
    done = perfrules(*argv)
    assert done.returncode == 2
    assert message in done.stderr.decode()


def test_a_fifty_megabyte_ruleset_is_measured_and_not_echoed(tmp_path):
    path = tmp_path / "huge.perf"
    with path.open("wb") as file:
        for _ in range(50):
            file.write(b"x" * 1_000_000)
    done = perfrules("check", path)
    assert done.returncode == 1
    message = done.stderr.decode()
    assert "the file has 50,000,000 bytes, more than the 256,000 characters a ruleset may have" in message
    assert len(message) < 2_000
