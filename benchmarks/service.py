"""The HTTP service under load on loopback: `perfrules serve` as a real process (one worker), the
seed ruleset registered once and evaluated by id, single fact sets and batches of 100, from a few
client threads on keep-alive connections. Reports requests (and fact sets) per second and p50/p99
latency, beside the in-process cost of the same work (reading the JSON body, evaluating, writing
the report's JSON), and the per-request cost of the ASGI frameworks considered (Starlette, the one
used, against Litestar). Bounded in count and in time: `python -m benchmarks.service`.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "rulesets" / "zhengzhou-jingkai-jijian-2023.perf"
FACTS = ROOT / "rulesets" / "zhengzhou-jingkai-jijian-2023.facts.json"
CLIENTS = 4
BATCH = 100


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000, help="single evaluations (batches: a tenth)")
    parser.add_argument("--seconds", type=float, default=30.0, help="stop each run after this long")
    options = parser.parse_args()
    print(json.dumps(measure(options.requests, options.seconds), indent=2, ensure_ascii=False))


def measure(requests: int, seconds: float) -> dict[str, Any]:
    facts = json.loads(FACTS.read_text(encoding="utf-8"))
    single = {"ruleset_id": "seed", "facts": facts, "as_of": "2023-09-30"}
    batch = {"ruleset_id": "seed", "fact_sets": [facts] * BATCH, "as_of": "2023-09-30"}
    port = _free_port()
    command = [sys.executable, "-m", "perfrules", "serve", "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(port)
        registration = {"ruleset": SEED.read_text(encoding="utf-8")}
        status, _ = _call(http.client.HTTPConnection("127.0.0.1", port), "PUT", "/v1/rulesets/seed", registration)
        assert status in (200, 201), status
        served = {
            "single": _load(port, "/v1/evaluate", single, requests, seconds),
            "batch": _load(port, "/v1/evaluate-batch", batch, max(1, requests // 10), seconds),
        }
    finally:
        server.terminate()
        server.wait(timeout=30)
    served["batch"]["fact_sets_per_second"] = round(served["batch"]["requests_per_second"] * BATCH, 1)
    in_process = {"single": _in_process(single, requests), "batch": _in_process(batch, max(1, requests // 10))}
    for kind in ("single", "batch"):
        # Throughput served against one in-process loop doing the same work back to back; latency
        # includes waiting behind the other clients' requests (CLIENTS clients, one worker).
        served[kind]["in_process_ms"] = in_process[kind]
        served[kind]["throughput_of_in_process"] = round(
            served[kind]["requests_per_second"] * in_process[kind] / 1000, 2
        )
    return {"clients": CLIENTS, "batch_size": BATCH, **served, "frameworks": frameworks()}


def _load(port: int, path: str, body: dict[str, Any], count: int, seconds: float) -> dict[str, Any]:
    """`count` requests from CLIENTS threads, each on its own keep-alive connection."""
    latencies: list[float] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    share = [count // CLIENTS + (1 if index < count % CLIENTS else 0) for index in range(CLIENTS)]

    def client(number: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port)
        mine = []
        for _ in range(number):
            if time.monotonic() > deadline:
                break
            start = time.perf_counter()
            status, _answer = _call(connection, "POST", path, body)
            mine.append(time.perf_counter() - start)
            assert status == 200, status
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(number,)) for number in share]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    latencies.sort()
    return {
        "requests": len(latencies),
        "requests_per_second": round(len(latencies) / elapsed, 1),
        "p50_ms": round(1000 * statistics.median(latencies), 2),
        "p99_ms": round(1000 * latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))], 2),
    }


def _in_process(body: dict[str, Any], count: int) -> float:
    """Milliseconds per request of the same work without HTTP: the body's JSON read, the handler,
    the answer's JSON written (the ruleset compiled once beforehand, as the service keeps it)."""
    from perfrules.language.limits import Limits
    from perfrules.service import handlers
    from perfrules.service.requests import body_object
    from perfrules.service.rulesets import Rulesets

    rulesets = Rulesets(Limits())
    rulesets.register("seed", SEED.read_text(encoding="utf-8"))
    handler = handlers.evaluate_batch if "fact_sets" in body else handlers.evaluate
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    times = []
    for _ in range(min(count, 500)):
        start = time.perf_counter()
        json.dumps(handler(body_object(data), rulesets), ensure_ascii=False).encode("utf-8")
        times.append(time.perf_counter() - start)
    return round(1000 * statistics.median(times), 3)


def frameworks() -> dict[str, float]:
    """Microseconds per request of a JSON echo in each ASGI framework installed (no network)."""
    found: dict[str, Any] = {}
    try:
        from starlette.applications import Starlette
        from starlette.requests import Request
        from starlette.responses import Response
        from starlette.routing import Route

        async def starlette_echo(request: Request) -> Response:
            return Response(json.dumps({"n": len(json.loads(await request.body()))}), media_type="application/json")

        found["starlette"] = Starlette(routes=[Route("/v1/evaluate", starlette_echo, methods=["POST"])])
    except ImportError:
        pass
    try:
        from litestar import Litestar, post
        from litestar import Request as LitestarRequest
        from litestar import Response as LitestarResponse

        names = {"LitestarRequest": LitestarRequest, "LitestarResponse": LitestarResponse}

        @post("/v1/evaluate", status_code=200, signature_namespace=names)
        async def litestar_echo(request: LitestarRequest) -> LitestarResponse:  # type: ignore[type-arg]
            data = json.dumps({"n": len(json.loads(await request.body()))}).encode()
            return LitestarResponse(content=data, media_type="application/json")

        found["litestar"] = Litestar(route_handlers=[litestar_echo], openapi_config=None)
    except ImportError:
        pass
    return {name: asyncio.run(_per_call(app)) for name, app in found.items()}


async def _per_call(app: Any, count: int = 20_000) -> float:
    body = json.dumps({str(index): index for index in range(40)}).encode()
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
        "path": "/v1/evaluate", "raw_path": b"/v1/evaluate", "query_string": b"", "root_path": "",
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 8000),
    }  # fmt: skip

    async def once() -> None:
        sent = []

        async def receive() -> dict[str, Any]:
            if sent:
                return {"type": "http.disconnect"}
            sent.append(True)
            return {"type": "http.request", "body": body, "more_body": False}

        statuses = []

        async def send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                statuses.append(message["status"])

        await app(scope, receive, send)
        assert statuses == [200], statuses

    await once()
    start = time.perf_counter()
    for _ in range(count):
        await once()
    return round((time.perf_counter() - start) / count * 1e6, 1)


def _call(connection: http.client.HTTPConnection, method: str, path: str, body: dict[str, Any]) -> tuple[int, bytes]:
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    connection.request(method, path, data, {"content-type": "application/json"})
    answer = connection.getresponse()
    return answer.status, answer.read()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the service did not start")


if __name__ == "__main__":
    main()
