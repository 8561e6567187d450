"""`perfrules serve` for real: uvicorn on a loopback port, in one process and with worker
processes, with a token read from a file; and its usage errors."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

pytest.importorskip("uvicorn")
pytestmark = pytest.mark.process


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def request(url, body=None, token=None):
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data, headers), timeout=10) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def started(arguments, port):
    process = subprocess.Popen(
        [sys.executable, "-m", "perfrules", "serve", "--port", str(port), *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if request(f"http://127.0.0.1:{port}/healthz")[0] == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise AssertionError(process.communicate()[0])


@pytest.mark.parametrize("workers", ["1", "2"])
def test_the_service_answers_on_loopback_with_its_token(tmp_path, workers):
    (tmp_path / "token").write_text("t0ken-of-the-day\n", encoding="utf-8")
    port = free_port()
    process = started(["--token-file", str(tmp_path / "token"), "--workers", workers], port)
    try:
        base = f"http://127.0.0.1:{port}"
        body = {"ruleset": "year 2023\n巡察工作 >= 2 轮\n", "facts": {"巡察工作": 2}}
        status, problem = request(f"{base}/v1/evaluate", body)
        assert (status, problem["type"]) == (401, "/problems/unauthorized")
        status, report = request(f"{base}/v1/evaluate", body, token="t0ken-of-the-day")
        assert status == 200 and report["indicators"][0]["status"] == "MET"
    finally:
        process.send_signal(signal.SIGINT)
        output = process.communicate(timeout=30)[0]
    assert "Uvicorn running on http://127.0.0.1:" in output


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "cannot read the token file"), ("", "must hold one token"), ("two words", "must hold one token")],
)
def test_a_token_file_that_cannot_be_used(tmp_path, content, message):
    token = tmp_path / "token"
    if content is not None:
        token.write_text(content, encoding="utf-8")
    ran = subprocess.run(
        [sys.executable, "-m", "perfrules", "serve", "--token-file", str(token)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ran.returncode == 2 and message in ran.stderr


def test_without_the_service_extra_the_extra_is_named():
    script = (
        "import sys; sys.modules['uvicorn'] = None; from perfrules.cli import run; "
        "sys.argv = ['perfrules', 'serve']; run()"
    )
    ran = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert ran.returncode == 2 and "pip install 'perfrules[service]'" in ran.stderr


def test_serving_beyond_loopback_without_a_token_warns(capsys, monkeypatch):
    from perfrules.cli import serving
    from perfrules.service import serving as service_serving

    served = []
    monkeypatch.setattr(service_serving, "serve", lambda settings, host, port, workers: served.append((host, port)))
    options = type("Options", (), {"host": "0.0.0.0", "port": 9, "token_file": None, "workers": 1})()
    options.max_body, options.time_limit = 1000, 1.0
    assert serving.serve_command(options) == 0
    assert served == [("0.0.0.0", 9)]
    assert "without --token-file" in capsys.readouterr().err
    assert serving._loopback("127.0.0.1") and serving._loopback("::1") and serving._loopback("localhost")
    assert not serving._loopback("example.org")


def test_the_environment_carries_settings_to_worker_processes(monkeypatch):
    from perfrules.service import serving

    monkeypatch.setenv(serving.ENVIRONMENT, json.dumps({"token": "x", "max_body": 10, "time_limit": 2.5}))
    app = serving.from_environment()
    assert app.routes
    assert os.environ[serving.ENVIRONMENT]
