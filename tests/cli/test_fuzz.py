"""Fuzzing the command itself: generated argument lists, standard input, environments and output
streams (closed, or a reader gone away) never produce an internal error or a traceback.

Every run exits 0, 1 or 2 (or argparse's own exit for --help and bad usage) with, when it fails,
a message on standard error.
"""

import contextlib
import io
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfrules.cli import main

from ..conftest import ROOT, SEED, SEED_FACTS

PLACE = Path(tempfile.mkdtemp(prefix="perfrules-fuzz-"))
FILES = {
    "seed": shutil.copy(SEED, PLACE / "seed.perf"),
    "facts": shutil.copy(SEED_FACTS, PLACE / "facts.json"),
    "midyear": shutil.copy(ROOT / "rulesets" / "zhengzhou-jingkai-jijian-2023.midyear.facts.json", PLACE / "mid.json"),
}
for name, content in {
    "broken.perf": "year 2023\n巡察工作 >= 2 轮 by 2023-13-01\n预算执行率 = 1\n".encode(),
    "empty": b"",
    "garbage": bytes(range(256)),
    "bom.perf": "\ufeff巡察工作  >=  2 轮\r\n".encode(),
    "lines.jsonl": '{"巡察工作": 1}\n\n{"巡察工作": "x"}\n[1]\n{bad\n'.encode(),
    "bad.json": b'{"a": 1, "a": 2}',
    "array.json": b"[1, 2]",
    "nan.json": b'{"x": NaN}',
    "deep.json": b"[" * 5000 + b"]" * 5000,
}.items():
    (PLACE / name).write_bytes(content)
    FILES[name] = PLACE / name
(PLACE / "folder").mkdir()
(PLACE / "folder" / "inner.perf").write_text("x >= 1\n", encoding="utf-8")
FILES["folder"] = PLACE / "folder"
FILES["absent"] = PLACE / "absent.perf"

paths = st.sampled_from([*map(str, FILES.values()), "-"])
junk = st.text(max_size=12)
values = st.one_of(
    paths,
    junk,
    st.sampled_from(
        [
            "2023-06-30",
            "9999-12-31",
            "0001-01-01",
            "2023-02-30",
            "٢٠٢٣-٠٦-٣٠",
            "table",
            "json",
            "md",
            "csv",
            "html",
            "text",
            "zh",
            "en",
            "0.1",
            "1e-999999999",
            "-1",
            "places=0",
            "reverse=ratio,exclude-na",
            "places=٣",
            "overachievement=1e999999999",
            "execution-floor=0.95,places=2,places=3",
            "巡察工作",
            "预算执行率",
            "巡查工作",
        ]
    ),
)
OPTIONS = [
    "--facts",
    "--as-of",
    "--format",
    "--policy",
    "--tolerance",
    "--language",
    "--strict",
    "--check",
    "--normalize",
    "--statuses",
    "--help",
    "--version",
    "--nonsense",
]
COMMANDS = ["check", "eval", "eval-many", "score", "monitor", "fmt", "explain", "nonsense", ""]


@st.composite
def argument_lists(draw):
    argv = []
    if draw(st.booleans()):
        argv += ["--language", draw(st.sampled_from(["zh", "en", "fr"]))]
    command = draw(st.sampled_from(COMMANDS))
    if command:
        argv.append(command)
    argv += draw(st.lists(paths, min_size=0, max_size=2))
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        option = draw(st.sampled_from(OPTIONS))
        argv.append(option)
        if option not in ("--strict", "--check", "--statuses", "--help", "--version") and draw(st.booleans()):
            argv.append(draw(values))
    if draw(st.integers(min_value=0, max_value=9)) == 0:
        argv.append(draw(junk))
    return argv


class GoneAway(io.StringIO):
    """A standard output whose reader has gone away after a little output."""

    def write(self, text):
        if self.tell() + len(text) > 200:
            raise BrokenPipeError(32, "Broken pipe")
        return super().write(text)


environments = st.fixed_dictionaries(
    {
        "TERM": st.sampled_from([None, "dumb", "xterm-256color", ""]),
        "NO_COLOR": st.sampled_from([None, "", "1"]),
        "LANG": st.sampled_from([None, "zh_CN.UTF-8", "C", "POSIX", "", "tr_TR.UTF-8", "zh_TW.Big5", "x"]),
        "LC_ALL": st.sampled_from([None, "zh_CN.GBK", "C.UTF-8", ""]),
    }
)


@given(
    argv=argument_lists(),
    stdin=st.one_of(st.binary(max_size=64), st.sampled_from([b"x >= 1\n", b'{"x": 1}\n', b"\xff\xfe"])),
    environment=environments,
    output=st.sampled_from(["normal", "gone away", "closed"]),
)
def test_the_command_never_fails_internally(argv, stdin, environment, output):
    stderr = io.StringIO()
    stdout = {"normal": io.StringIO(), "gone away": GoneAway(), "closed": None}[output]
    with pytest.MonkeyPatch.context() as patch:
        for name, value in environment.items():
            if value is None:
                patch.delenv(name, raising=False)
            else:
                patch.setenv(name, value)
        patch.delenv("PERFRULES_DEBUG", raising=False)
        patch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
        patch.setattr(sys, "stdout", stdout)
        patch.setattr(sys, "stderr", stderr)
        try:
            code = main(argv)
        except SystemExit as ended:  # argparse: --help, --version, usage errors
            code = ended.code
        finally:
            with contextlib.suppress(Exception):
                sys.stdout.flush()
    message = stderr.getvalue()
    assert "internal error" not in message, (argv, message)
    assert "Traceback" not in message, (argv, message)
    assert code in (0, 1, 2), (argv, code, message)
    if code and output == "normal":
        assert message.strip(), (argv, code)
