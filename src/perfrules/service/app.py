"""The ASGI application (Starlette): routes, the bearer token, the body limit, the time limit,
and every error as a problem document, never a traceback.

Starlette was chosen by measuring (benchmarks/service.py): its per-request cost is about half
Litestar's, and unlike FastAPI it validates nothing per request that the handlers do not check
themselves, which matters for batches.
"""

from __future__ import annotations

import hmac
import json
import logging
import re
from collections.abc import Callable
from importlib import resources
from typing import Any

import anyio
import attrs
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from ..language.limits import Limits
from ..version import __version__
from . import handlers
from .problems import MEDIA_TYPE, Problem, kind_document
from .requests import body_object
from .rulesets import Rulesets

LOG = logging.getLogger("perfrules.service")
JSON = "application/json"
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; "
        "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-cache",
}
"""The playground page runs only its own script and talks only to its own service (CodeMirror
writes its own style element, hence inline styles)."""
NAME = r"[A-Za-z0-9._\-]{1,64}"
"""A registered ruleset's id."""


@attrs.frozen
class Settings:
    """How the service runs: the token it requires (None: none), the largest body it reads, the
    longest a request may take, and the limits on rulesets and facts."""

    token: str | None = None
    max_body: int = 1024 * 1024
    time_limit: float = 10.0
    limits: Limits = attrs.field(factory=Limits)
    kept_rulesets: int = 64


def create_app(settings: Settings | None = None) -> Starlette:
    """The service's application, with its own rulesets (nothing is shared between two apps)."""
    settings = settings or Settings()
    service = _Service(settings, Rulesets(settings.limits, settings.kept_rulesets))
    routes: list[BaseRoute] = [
        Route("/healthz", service.healthz, methods=["GET"]),
        Route("/openapi.json", service.openapi, methods=["GET"]),
        Route("/problems/{kind}", service.problem_kind, methods=["GET"]),
        Route("/v1/check", service.endpoint(handlers.check), methods=["POST"]),
        Route("/v1/evaluate", service.endpoint(handlers.evaluate), methods=["POST"]),
        Route("/v1/evaluate-batch", service.endpoint(handlers.evaluate_batch), methods=["POST"]),
        Route("/v1/score", service.endpoint(handlers.score), methods=["POST"]),
        Route("/v1/monitor", service.endpoint(handlers.monitor), methods=["POST"]),
        Route("/v1/explain", service.endpoint(handlers.explain), methods=["POST"]),
        Route("/v1/rulesets/{name}", service.registered, methods=["GET", "PUT", "DELETE"]),
    ]
    playground = resources.files("perfrules.service").joinpath("playground")
    if playground.joinpath("index.html").is_file():
        routes.append(Route("/", service.page, methods=["GET"]))
        routes.append(Mount("/static", StaticFiles(directory=str(playground)), name="static"))
    handlers_by_error: Any = {HTTPException: service.http_error, Exception: service.failure}
    app = Starlette(
        routes=routes, exception_handlers=handlers_by_error, middleware=[Middleware(GZipMiddleware, minimum_size=1024)]
    )
    app.state.rulesets = service.rulesets
    return app


class _Service:
    """The routes' shared state: settings and rulesets."""

    def __init__(self, settings: Settings, rulesets: Rulesets) -> None:
        self.settings = settings
        self.rulesets = rulesets
        self._token = settings.token.encode("utf-8") if settings.token is not None else None

    async def healthz(self, _request: Request) -> Response:
        return _json({"status": "ok", "version": __version__})

    async def openapi(self, _request: Request) -> Response:
        document = resources.files("perfrules.service").joinpath("openapi.json").read_bytes()
        return Response(document, media_type=JSON)

    async def problem_kind(self, request: Request) -> Response:
        document = kind_document(request.path_params["kind"])
        if document is None:
            return _problem(Problem("not-found", "there is no such kind of problem"), request)
        return _json(document)

    async def page(self, _request: Request) -> Response:
        page = resources.files("perfrules.service").joinpath("playground", "index.html").read_bytes()
        return Response(page, media_type="text/html; charset=utf-8", headers=PAGE_HEADERS)

    def endpoint(self, handler: Callable[[dict[str, Any], Rulesets], dict[str, Any]]) -> Callable[..., Any]:
        """A POST endpoint: the token, the body (bounded, JSON), then `handler` in a thread."""

        async def answer(request: Request) -> Response:
            try:
                self._authorize(request)
                body = body_object(await self._body(request))
                return _json(await self._within_time(lambda: handler(body, self.rulesets)))
            except Problem as problem:
                return _problem(problem, request)

        return answer

    async def registered(self, request: Request) -> Response:
        """`GET`, `PUT` and `DELETE /v1/rulesets/{id}`."""
        try:
            self._authorize(request)
            name = request.path_params["name"]
            if not _is_name(name):
                raise Problem("invalid-request", "a ruleset id is 1 to 64 letters, digits, '.', '_' or '-'")
            if request.method == "DELETE":
                self.rulesets.remove(name)
                return Response(status_code=204)
            if request.method == "GET":
                text = self.rulesets.text(name)
                ruleset = await self._within_time(lambda: self.rulesets.compiled(text))
                return _json(handlers.described(name, text, ruleset))
            body = body_object(await self._body(request))
            created, described = await self._within_time(lambda: handlers.register(name, body, self.rulesets))
            return _json(described, 201 if created else 200)
        except Problem as problem:
            return _problem(problem, request)

    async def http_error(self, request: Request, error: Exception) -> Response:
        status = error.status_code if isinstance(error, HTTPException) else 500
        kind = {404: "not-found", 405: "method-not-allowed"}.get(status, "invalid-request")
        return _problem(Problem(kind, f"{request.method} {request.url.path}"), request)

    async def failure(self, request: Request, error: Exception) -> Response:
        """Anything unforeseen: logged here with its traceback, answered without one."""
        LOG.exception("request failed: %s %s", request.method, request.url.path)
        return _problem(Problem("internal", "an unexpected error; it has been logged"), request)

    def _authorize(self, request: Request) -> None:
        if self._token is None:
            return
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode("utf-8"), self._token):
            raise Problem("unauthorized", "send the service's token as 'Authorization: Bearer TOKEN'")

    async def _body(self, request: Request) -> bytes:
        """The body, read no further than the limit."""
        limit = self.settings.max_body
        media = request.headers.get("content-type", JSON).split(";")[0].strip().lower()
        if media != JSON and not media.endswith("+json"):
            raise Problem("unsupported-media-type", f"the body must be {JSON}, not {media}")
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise Problem("body-too-large", f"the body is {int(declared):,} bytes; the limit is {limit:,}")
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise Problem("body-too-large", f"the body is over the limit of {limit:,} bytes")
            chunks.append(chunk)
        return b"".join(chunks)

    async def _within_time(self, work: Callable[[], Any]) -> Any:
        """`work()` in a worker thread; past the time limit the answer is a problem (the thread
        finishes in the background: Python cannot stop it, the limits on input bound it)."""
        try:
            with anyio.fail_after(self.settings.time_limit):
                return await anyio.to_thread.run_sync(work, abandon_on_cancel=True)
        except TimeoutError:
            raise Problem("time-limit", f"the request took over {self.settings.time_limit:g} s") from None


def _is_name(name: str) -> bool:
    return re.fullmatch(NAME, name) is not None


def _json(data: Any, status: int = 200) -> Response:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Response(body, status_code=status, media_type=JSON)


def _problem(problem: Problem, request: Request) -> Response:
    body = json.dumps(problem.document(request.url.path), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    headers = {"WWW-Authenticate": 'Bearer realm="perfrules"'} if problem.kind == "unauthorized" else None
    return Response(body, status_code=problem.status, media_type=MEDIA_TYPE, headers=headers)
