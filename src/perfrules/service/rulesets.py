"""Compiled rulesets kept between requests: by content (a back end that resends the same text
compiles it once), and registered under an id (`PUT /v1/rulesets/{id}`), versioned by content
hash, so that a back end need not resend it. Both are bounded."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

from .. import api
from ..api import Ruleset
from ..errors import RulesetError
from ..language.limits import Limits
from .problems import Problem


def version_of(text: str) -> str:
    """A ruleset's version: the first 16 hex digits of its text's SHA-256."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


class Rulesets:
    """The service's rulesets: compiled ones by version (least recently used dropped first), and
    the registered texts by id (refused beyond `most_registered`)."""

    def __init__(self, limits: Limits, kept: int = 64, most_registered: int = 1024) -> None:
        self.limits = limits
        self.kept = kept
        self.most_registered = most_registered
        self._compiled: OrderedDict[str, Ruleset] = OrderedDict()
        self._registered: dict[str, str] = {}
        self._lock = threading.Lock()

    def compiled(self, text: str, language: str = "zh") -> Ruleset:
        """The ruleset of `text`, compiled once while it is kept; Problem with its diagnostics."""
        version = version_of(text)
        with self._lock:
            ruleset = self._compiled.get(version)
            if ruleset is not None:
                self._compiled.move_to_end(version)
                return ruleset
        try:
            ruleset = api.compile(text, source="ruleset", limits=self.limits)
        except RulesetError as error:
            diagnostics = [item.to_dict(language) for item in error.diagnostics]
            count = len(diagnostics)
            raise Problem(
                "invalid-ruleset", f"the ruleset has {count} error(s)", {"diagnostics": diagnostics}
            ) from None
        with self._lock:
            self._compiled[version] = ruleset
            while len(self._compiled) > self.kept:
                self._compiled.popitem(last=False)
        return ruleset

    def register(self, name: str, text: str, language: str = "zh") -> tuple[bool, Ruleset]:
        """Compile and keep `text` under `name`: (whether the name is new, the ruleset)."""
        ruleset = self.compiled(text, language)
        with self._lock:
            created = name not in self._registered
            if created and len(self._registered) >= self.most_registered:
                raise Problem("too-many-rulesets", f"{self.most_registered} rulesets are registered; delete one first")
            self._registered[name] = text
        return created, ruleset

    def text(self, name: str) -> str:
        with self._lock:
            text = self._registered.get(name)
        if text is None:
            raise Problem("unknown-ruleset", f"no ruleset is registered as {name!r}")
        return text

    def by_name(self, name: str, version: str | None) -> Ruleset:
        """A registered ruleset; Problem when there is none, or it is not the version asked for."""
        text = self.text(name)
        if version is not None and version != version_of(text):
            raise Problem("version-mismatch", f"{name!r} is version {version_of(text)}, not {version}")
        return self.compiled(text)

    def remove(self, name: str) -> None:
        with self._lock:
            if self._registered.pop(name, None) is None:
                raise Problem("unknown-ruleset", f"no ruleset is registered as {name!r}")
