"""What perfrules says to people about results, kept as a stable code and the values it names.

A `Phrase` is worded in Chinese (the tables' own language, the default) or English when it is
read, from a wording table of `string.Template`s by code, one table per language, which the
layer that says it owns: engine/reasons.py for reasons, assessment/wording.py for flags and
outlooks, reports/wording.py for headers and labels. Each layer's kind of phrase names its
table. Programs read the code, never the words.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Mapping
from datetime import date
from typing import Any, NamedTuple

from .exceptions import UsageError
from .text import shown

LANGUAGES = ("zh", "en")
"""Chinese first: it is the default everywhere a language may be chosen."""

Wording = Mapping[str, Mapping[str, str]]
"""Language → code → `string.Template` text."""

_LISTS = {"zh": ("、", "；", "：", "“", "”"), "en": (", ", "; ", ": ", "“", "”")}
"""Per language: between listed names, between parts, after a part's name, and quotes."""


def language_of(language: object) -> str:
    """`language` when it is one perfrules speaks, else a UsageError naming the choices."""
    if language not in LANGUAGES:
        raise UsageError(f"language must be one of {', '.join(map(repr, LANGUAGES))}, not {shown(language)}")
    assert isinstance(language, str)
    return language


class Phrase(NamedTuple):
    """A code and the values its words name; `parts` are (name, phrase) said one after another,
    each after its name (a compound indicator's parts). Values may be text, dates, tuples of names
    (listed, quoted) or phrases (said in the same language). A tuple, as results are built by
    the million in batches; a kind of phrase says which table words it (`wording`)."""

    code: str
    values: tuple[tuple[str, Any], ...] = ()
    parts: tuple[tuple[str, Phrase], ...] = ()

    def wording(self) -> Wording:
        """Language → code → template: the table of the layer that says this kind of phrase.
        Raises NotImplementedError on a bare Phrase (no perfrules error)."""
        raise NotImplementedError  # each layer's kind of phrase names its table

    def text(self, language: str = "zh") -> str:
        """The words in "zh" or "en". Raises UsageError for any other language."""
        template = self.wording()[language_of(language)][self.code]
        values = {name: _shown(value, language) for name, value in self.values}
        if self.parts:
            between, after = _LISTS[language][1:3]
            values["parts"] = between.join(f"{name}{after}{part.text(language)}" for name, part in self.parts)
        return fill(template, values)


class Reasoned:
    """Something said with a reason (`reasoning`, a Phrase): its stable code for programs and its
    words in either language, the same three ways wherever perfrules gives a reason."""

    __slots__ = ()
    reasoning: Phrase

    @property
    def reason(self) -> str:
        """The reason in Chinese, the tables' language."""
        return self.reasoning.text("zh")

    @property
    def reason_code(self) -> str:
        """The reason's stable code (docs/api.md), for programs: never parse the text."""
        return self.reasoning.code

    def reason_in(self, language: str) -> str:
        """The reason in "zh" or "en". Raises UsageError for any other language."""
        return self.reasoning.text(language)


def fill(template: str, values: Mapping[str, Any]) -> str:
    """A `string.Template` with its placeholders filled (never `str.format`, which would read
    attribute and index syntax in what it is given: docs/security.md)."""
    return _compiled(template).substitute(values)


def _shown(value: Any, language: str) -> Any:
    if type(value) is str:
        return value
    if isinstance(value, Phrase):
        return value.text(language)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        listed, _between, _after, opening, closing = _LISTS[language]
        return listed.join(f"{opening}{name}{closing}" for name in value)
    return value  # a number, filled as str.format writes it


@functools.cache
def _compiled(template: str) -> string.Template:
    """Each wording's template, parsed once."""
    return string.Template(template)


def placeholders(template: str) -> set[str]:
    """The names a template fills (for checking that every language's wording names the same)."""
    return {
        match.group("named") or match.group("braced")
        for match in string.Template.pattern.finditer(template)
        if match.group("named") or match.group("braced")
    }
