"""One reader for what users hand perfrules as files: rulesets and facts, from a path or, as `-`,
standard input. UTF-8 with or without a BOM; sizes bounded before anything is parsed; invalid
UTF-8 named by its byte; facts as strict JSON (exact numbers, no duplicate keys, no NaN)."""

from __future__ import annotations

import json
import os
import sys
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from os import PathLike
from pathlib import Path
from typing import Any, BinaryIO

from .errors import FactsError, RulesetError, Source, Span, UsageError
from .errors.text import printable, shown
from .language.limits import Limits
from .language.messages import Messages

STDIN = "-"
"""The name that stands for standard input wherever a file is read."""


def read(path: str | PathLike[str], limit: int) -> tuple[bytes, int]:
    """At most `limit` bytes of a file (or of standard input for `-`), and its whole size (more
    than `limit` when cut)."""
    if str(path) == STDIN:
        data = sys.stdin.buffer.read(limit + 1)
        return data[:limit], len(data)
    try:
        with Path(path).open("rb") as file:
            data = file.read(limit + 1)
            if len(data) <= limit:
                return data, len(data)
            try:
                size = os.fstat(file.fileno()).st_size
            except OSError:  # pragma: no cover - a file that cannot be stat'ed once opened
                size = len(data)
            return data[:limit], max(size, len(data))
    except OSError as error:
        raise UsageError(f"cannot read {printable(str(path))}: {error.strerror or error}") from None
    except ValueError as error:  # a NUL in the name
        raise UsageError(f"cannot read {printable(str(path))}: {error}") from None
    except TypeError as error:  # not a path at all
        raise UsageError(f"cannot read {shown(path)}: {error}") from None


def open_binary(path: str | PathLike[str]) -> tuple[BinaryIO, int | None]:
    """A file (or standard input for `-`) opened for reading as a stream, and its size if known."""
    if str(path) == STDIN:
        return sys.stdin.buffer, None
    try:
        stream = Path(path).open("rb")  # noqa: SIM115 - the caller closes it
    except (OSError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise UsageError(f"cannot read {printable(str(path))}: {reason}") from None
    return stream, os.fstat(stream.fileno()).st_size


def decode(data: bytes, name: str) -> str:
    """UTF-8 text (a BOM dropped), or a UsageError naming the first byte that is not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UsageError(f"{printable(name)}: not valid UTF-8 at byte {error.start}") from None


def ruleset_bytes(path: str | PathLike[str], limits: Limits) -> bytes:
    """A ruleset file's bytes, never more than the longest allowed ruleset could take (4 bytes a
    character); a RulesetError pointing at where the limit falls when the file is longer."""
    size_limit = 4 * limits.max_source_chars + 4
    data, size = read(path, size_limit)
    if size > size_limit:
        source = Source(data.decode("utf-8", errors="replace"), str(path))
        span = Span(limits.max_source_chars, limits.max_source_chars + 1)
        raise RulesetError([Messages(source).file_too_long(span, size, limits.max_source_chars)])
    return data


def read_ruleset(path: str | PathLike[str], limits: Limits) -> str:
    """A ruleset file's text; a RulesetError (with its position) when too long or not UTF-8."""
    data = ruleset_bytes(path, limits)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        source = Source(data.decode("utf-8", errors="replace"), str(path))
        offset = len(data[: error.start].decode("utf-8", errors="replace"))
        diagnostic = Messages(source).encoding(Span(offset, offset + 1), error.start, data[error.start])
        raise RulesetError([diagnostic]) from None


def load_facts(path: str | PathLike[str], *, limits: Limits | None = None) -> dict[str, Any]:
    """Read a JSON facts file (or standard input for `-`) strictly: numbers stay exact, duplicate
    keys and NaN are errors. A file larger than `Limits.max_facts_bytes` is refused unparsed."""
    limits = limits if limits is not None else Limits()
    data, size = read(path, limits.max_facts_bytes)
    if size > limits.max_facts_bytes:
        raise FactsError(f"{path}: the facts file has {size:,} bytes; at most {limits.max_facts_bytes:,} are allowed")
    try:
        return parse_facts(data.decode("utf-8-sig"), str(path), limits=limits)
    except UnicodeDecodeError as error:
        raise FactsError(f"{path}: not valid UTF-8 at byte {error.start}") from None


def parse_facts(text: str, name: str = "<facts>", *, limits: Limits | None = None) -> dict[str, Any]:
    """Parse JSON facts text strictly (see `load_facts`)."""
    return _parsed(text, f"{name}: ", lambda error: f"{name}:{error.lineno}:{error.colno}: ", limits)


def parse_fact_line(text: str, *, limits: Limits | None = None) -> dict[str, Any]:
    """One line of a JSON Lines file, parsed as `parse_facts` does; its errors name the column
    only, as the caller names the line."""
    return _parsed(text, "", lambda error: f"column {error.colno}: ", limits)


def _parsed(
    text: str, prefix: str, located: Callable[[json.JSONDecodeError], str], limits: Limits | None
) -> dict[str, Any]:
    if not isinstance(text, str):
        raise UsageError(f"facts text must be a str, not {type(text).__name__}")
    limit = (limits if limits is not None else Limits()).max_facts_bytes
    if len(text) > limit or (4 * len(text) > limit and len(text.encode("utf-8", "surrogatepass")) > limit):
        raise FactsError(f"{prefix}the facts are longer than the {limit:,} bytes allowed")
    facts = strict_json(
        text,
        lambda message: FactsError(prefix + message),
        lambda error: FactsError(f"{located(error)}invalid JSON: {error.msg}"),
    )
    if not isinstance(facts, dict):
        raise FactsError(f"{prefix}facts must be a JSON object of fact name to value")
    return facts


def strict_json(
    text: str, fail: Callable[[str], Exception], syntax: Callable[[json.JSONDecodeError], Exception]
) -> Any:
    """JSON as perfrules reads facts: numbers exact (Decimal, long integers too), keys read as the
    ruleset reads names (NFKC) with a key given twice refused, NaN and Infinity refused. The
    error is `fail(message)`, or `syntax(error)` for text that is not JSON."""

    def unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        # Keys are read as the ruleset reads names (NFKC), so that `足额保障率（参保率）` copied
        # from a printed table is the indicator `足额保障率(参保率)`.
        result: dict[str, Any] = {}
        written: dict[str, str] = {}
        for key, value in pairs:
            fact = unicodedata.normalize("NFKC", key)
            if fact in result:
                if written[fact] == key:
                    raise fail(f"the key {key!r} appears twice")
                both = f"{written[fact]!r} and {key!r}"
                raise fail(f"the keys {both} are the same name, {fact}, given twice")
            result[fact] = value
            written[fact] = key
        return result

    def reject(token: str) -> Any:
        raise fail(f"{token} is not a number JSON allows")

    try:
        return json.loads(
            text, parse_float=Decimal, parse_int=_json_integer, object_pairs_hook=unique, parse_constant=reject
        )
    except json.JSONDecodeError as error:
        raise syntax(error) from None
    except RecursionError:
        raise fail("cannot be read: nested too deeply") from None


def _json_integer(text: str) -> int | Decimal:
    """A JSON integer: long ones as Decimal, so that reading them never hits Python's limit on
    converting long digit strings (the fact's own bounds then say what is wrong with it)."""
    return int(text) if len(text) <= 40 else Decimal(text)
