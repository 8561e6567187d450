"""The HTTP service (`perfrules serve`, the `service` extra): the API over HTTP for back ends in
any language, and the playground page. `app` builds the Starlette application; `handlers` does
each endpoint's work on plain values; `requests` reads and checks bodies; `rulesets` keeps
compiled and registered rulesets; `problems` says every error as an RFC 9457 problem document;
`openapi.json` describes it all (docs/service.md)."""

from .app import Settings, create_app

__all__ = ["Settings", "create_app"]
