"""The curl session in docs/service.md, run against a real `perfrules serve`: each command's
output holds every line the page shows for it (a response's other headers aside)."""

import re
import shutil
import subprocess

import pytest

from ..conftest import ROOT
from .test_serve import free_port, started

pytest.importorskip("uvicorn")
pytestmark = pytest.mark.process
SESSION = re.compile(r"## A session with curl\n\n```sh\n(.*?)```", re.DOTALL)


def commands():
    """(command, the lines shown after it) for each `$ ` command of the session."""
    text = SESSION.search((ROOT / "docs" / "service.md").read_text(encoding="utf-8")).group(1)
    found = []
    for block in text.strip().split("\n\n$ "):
        lines = block.removeprefix("$ ").splitlines()
        command = [lines.pop(0)]
        while command[-1].endswith(("\\", "|")):
            command.append(lines.pop(0))
        found.append(("\n".join(command), [line for line in lines if line]))
    return found


def test_the_session_is_what_the_service_answers():
    if shutil.which("curl") is None or shutil.which("jq") is None:
        pytest.skip("the session uses curl and jq")
    port = free_port()
    process = started([], port)
    try:
        for command, shown in commands():
            ran = subprocess.run(
                ["bash", "-c", command.replace("127.0.0.1:8000", f"127.0.0.1:{port}")],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert ran.returncode == 0, ran.stderr
            output = [
                line.strip().lower() if ":" in line and not line.startswith("{") else line.strip()
                for line in ran.stdout.splitlines()
            ]
            for line in shown:
                expected = line.lower() if ":" in line and not line.startswith("{") else line
                assert expected in output, (command, line, ran.stdout)
    finally:
        process.terminate()
        process.wait(timeout=30)
