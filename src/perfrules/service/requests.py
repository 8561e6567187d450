"""A request body read into the values an endpoint needs, each field checked, or a Problem that
names the field: JSON read as perfrules reads facts (exact numbers, NFKC keys given once)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from ..assessment.monitoring import MonitoringPolicy
from ..assessment.scoring import ScoringPolicy
from ..errors import UsageError
from ..files import strict_json
from .problems import Problem

DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
LANGUAGES = ("zh", "en")
Setting = tuple[tuple[type, ...], str]
"""A policy setting's JSON types and how to say them."""
NUMBER: Setting = ((int, Decimal), "a number")
TEXT: Setting = ((str,), "a string")
SCORING: dict[str, Setting] = {
    "reverse": TEXT,
    "places": ((int,), "a whole number"),
    "exclude_not_applicable": ((bool,), "true or false"),
    "overachievement": NUMBER,
    "execution_floor": NUMBER,
    "execution_indicator": TEXT,
    "qualitative": TEXT,
}
"""ScoringPolicy's settings as JSON gives them (docs/scoring.md): the type each must have."""
MONITORING: dict[str, Setting] = {
    "tolerance": NUMBER,
    "executed_facts": ((list,), "a list of names"),
    "budget_name": TEXT,
}


def body_object(data: bytes) -> dict[str, Any]:
    """The body as a JSON object."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Problem("invalid-json", f"the body is not UTF-8 (byte {error.start})") from None
    parsed = strict_json(
        text,
        lambda message: Problem("invalid-json", message),
        lambda error: Problem("invalid-json", f"line {error.lineno} column {error.colno}: {error.msg}"),
    )
    if not isinstance(parsed, dict):
        raise Problem("invalid-request", "the body must be a JSON object")
    return parsed


class Fields:
    """The fields of one request body, read one by one; unknown fields are refused by `done`."""

    def __init__(self, body: dict[str, Any]) -> None:
        self.body = body
        self.read: set[str] = set()

    def text(self, name: str, *, required: bool = True) -> str | None:
        value = self._get(name, required)
        if value is not None and not isinstance(value, str):
            raise _wrong(name, "a string", value)
        return value

    def mapping(self, name: str, *, required: bool = True) -> dict[str, Any] | None:
        value = self._get(name, required)
        if value is not None and not isinstance(value, dict):
            raise _wrong(name, "a JSON object", value)
        return value

    def items(self, name: str) -> list[Any]:
        value = self._get(name, True)
        if not isinstance(value, list):
            raise _wrong(name, "a JSON array", value)
        return value

    def day(self, name: str = "as_of") -> date | None:
        """A date written YYYY-MM-DD, or None when absent (the ruleset's year end)."""
        value = self.text(name, required=False)
        if value is None:
            return None
        try:
            if not DAY.fullmatch(value):
                raise ValueError
            return date.fromisoformat(value)
        except ValueError:
            raise Problem("invalid-request", f"{name} must be a date written YYYY-MM-DD, not {value!r}") from None

    def language(self) -> str:
        value = self.text("language", required=False)
        if value is None:
            return "zh"
        if value not in LANGUAGES:
            raise Problem("invalid-request", f"language must be 'zh' or 'en', not {value!r}")
        return value

    def scoring(self) -> ScoringPolicy | None:
        return self._policy(ScoringPolicy, SCORING)  # type: ignore[no-any-return]

    def monitoring(self) -> MonitoringPolicy | None:
        return self._policy(MonitoringPolicy, MONITORING)  # type: ignore[no-any-return]

    def done(self) -> None:
        """Refuse a field this endpoint does not take: a typo must not be ignored."""
        unknown = sorted(set(self.body) - self.read)
        if unknown:
            raise Problem("invalid-request", f"this endpoint takes no field {unknown[0]!r}")

    def _get(self, name: str, required: bool) -> Any:
        self.read.add(name)
        value = self.body.get(name)
        if value is None and required:
            raise Problem("invalid-request", f"the field {name!r} is required")
        return value

    def _policy(self, kind: Any, settings: dict[str, Setting]) -> Any:
        given = self.mapping("policy", required=False)
        if given is None:
            return None
        values = {}
        for key, value in given.items():
            if key not in settings:
                raise Problem("invalid-request", f"policy has no setting {key!r}; it has {', '.join(settings)}")
            kinds, expected = settings[key]
            if type(value) not in kinds or (
                expected == "a list of names" and not all(isinstance(item, str) for item in value)
            ):
                raise Problem("invalid-request", f"policy: {key} must be {expected}")
            values[key] = tuple(value) if isinstance(value, list) else value
        try:
            return kind(**values)
        except UsageError as error:
            raise Problem("invalid-request", f"policy: {error}") from None


def _wrong(name: str, expected: str, value: Any) -> Problem:
    kinds = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", int: "a number"}
    given = kinds.get(type(value), "a number")
    return Problem("invalid-request", f"the field {name!r} must be {expected}, not {given}")
