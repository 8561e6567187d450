"""Every error the service answers, as an RFC 9457 problem document (`application/problem+json`)
with a stable `type` per kind of error, so that a client can branch on it without reading words.

A problem's `type` is a relative URI, `/problems/<kind>`, that the service itself answers with the
kind's title and status (so that it resolves against whichever host the client called).
"""

from __future__ import annotations

from typing import Any

KINDS: dict[str, tuple[int, str]] = {
    "invalid-json": (400, "The request body is not JSON"),
    "invalid-request": (400, "The request cannot be answered as it is made"),
    "unauthorized": (401, "A bearer token is required"),
    "not-found": (404, "There is nothing at this address"),
    "unknown-ruleset": (404, "No ruleset is registered under this id"),
    "method-not-allowed": (405, "This address does not take this method"),
    "version-mismatch": (409, "The registered ruleset has another version"),
    "body-too-large": (413, "The request body is larger than the service accepts"),
    "unsupported-media-type": (415, "The request body must be application/json"),
    "invalid-ruleset": (422, "The ruleset has errors"),
    "invalid-facts": (422, "The facts cannot be used"),
    "too-many-rulesets": (507, "The service holds as many registered rulesets as it may"),
    "time-limit": (503, "The request took longer than the service allows"),
    "internal": (500, "The service failed; the request may be retried"),
}
"""Each kind of problem → (HTTP status, title)."""

MEDIA_TYPE = "application/problem+json"


class Problem(Exception):
    """An answer that is an error: its kind (a key of KINDS), what went wrong, and any members the
    kind adds (`diagnostics` for a ruleset with errors)."""

    def __init__(self, kind: str, detail: str, extra: dict[str, Any] | None = None) -> None:
        super().__init__(kind, detail)
        self.kind = kind
        self.detail = detail
        self.extra = extra or {}

    @property
    def status(self) -> int:
        return KINDS[self.kind][0]

    def document(self, instance: str | None = None) -> dict[str, Any]:
        """The problem document: type, title, status, detail (and the request's path, and extras)."""
        status, title = KINDS[self.kind]
        document: dict[str, Any] = {"type": f"/problems/{self.kind}", "title": title, "status": status}
        document["detail"] = self.detail
        if instance is not None:
            document["instance"] = instance
        document.update(self.extra)
        return document


def kind_document(kind: str) -> dict[str, Any] | None:
    """What `/problems/<kind>` says of a kind of problem, or None for a kind that does not exist."""
    if kind not in KINDS:
        return None
    status, title = KINDS[kind]
    return {"type": f"/problems/{kind}", "title": title, "status": status}
