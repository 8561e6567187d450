"""`perfrules serve`: the HTTP service and its playground (the `service` extra), on loopback
unless told otherwise, with a bearer token read from a file."""

from __future__ import annotations

import argparse
import ipaddress
import sys
from pathlib import Path

from ..errors import UsageError


def serve_command(options: argparse.Namespace) -> int:
    try:
        from ..service.app import Settings
        from ..service.serving import serve
    except ImportError:
        raise UsageError("perfrules serve needs the service extra: pip install 'perfrules[service]'") from None
    token = _token(options.token_file) if options.token_file else None
    if token is None and not _loopback(options.host):
        warning = f"serving on {options.host} without --token-file: anyone who can reach it may use it"
        print(f"perfrules: warning: {warning}", file=sys.stderr)
    if options.workers < 1 or options.max_body < 1 or options.time_limit <= 0:
        raise UsageError("--workers, --max-body and --time-limit must be positive")
    settings = Settings(token=token, max_body=options.max_body, time_limit=options.time_limit)
    serve(settings, options.host, options.port, options.workers)
    return 0


def _token(path: str) -> str:
    try:
        token = Path(path).read_text(encoding="utf-8").strip()
    except OSError as error:
        raise UsageError(f"cannot read the token file {path}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise UsageError(f"the token file {path} is not UTF-8 text") from None
    if not token or any(char.isspace() for char in token):
        raise UsageError(f"the token file {path} must hold one token, without spaces")
    return token


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
