"""Running the service: uvicorn on the app, in one process or in several worker processes (which
each build their app from settings passed in the environment, uvicorn's way for workers)."""

from __future__ import annotations

import json
import os
from typing import Any

import uvicorn

from ..language.limits import Limits
from .app import Settings, create_app

ENVIRONMENT = "PERFRULES_SERVICE_SETTINGS"
"""Where worker processes find the settings: JSON of `Settings` but the limits (the defaults)."""


def serve(settings: Settings, host: str, port: int, workers: int = 1) -> None:
    """Answer on `host:port` until stopped (Ctrl-C)."""
    common: dict[str, Any] = {"host": host, "port": port, "log_level": "info", "server_header": False}
    if workers == 1:
        uvicorn.run(create_app(settings), **common)
        return
    os.environ[ENVIRONMENT] = json.dumps(
        {"token": settings.token, "max_body": settings.max_body, "time_limit": settings.time_limit}
    )
    uvicorn.run("perfrules.service.serving:from_environment", factory=True, workers=workers, **common)


def from_environment() -> Any:
    """The app of a worker process, from the settings its parent left in the environment."""
    given = json.loads(os.environ[ENVIRONMENT])
    return create_app(Settings(given["token"], given["max_body"], given["time_limit"], Limits()))
