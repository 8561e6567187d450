"""`perfrules eval-many`: a JSON-lines file of fact sets in, one report per line out, streamed so
that memory stays flat however long the file; a line that cannot be evaluated gets an error
line, and the others go on."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

from .. import files
from ..api import Ruleset, load
from ..errors import FactsError, PerfRulesError
from ..errors.text import printable
from ..files import parse_fact_line
from ..language.limits import Limits
from .progress import progress
from .wording import said


def eval_many(options: argparse.Namespace) -> int:
    """Stream: read a line, evaluate it, write a line; memory stays flat however long the file."""
    ruleset = load(options.ruleset)
    ruleset.evaluate({}, as_of=options.as_of)  # an unusable as_of fails here, before any output
    source, size = files.open_binary(options.facts)
    with source if size is not None else contextlib.nullcontext(source):
        return _stream(ruleset, options, source, size)


def _lines(source: BinaryIO, limit: int) -> Iterator[tuple[bytes | None, int]]:
    """Each line without its line break (None for one longer than `limit` bytes, skipped without
    being held) and its length in the file."""
    while True:
        line = source.readline(limit + 3)  # room for the longest allowed line and a CRLF
        if not line:
            return
        length = len(line)
        while not line.endswith(b"\n") and length > limit:
            rest = source.readline(1 << 20)
            if not rest:
                break
            length += len(rest)
            line = rest
        content = line.rstrip(b"\r\n") if length == len(line) else None
        yield (content if content is not None and len(content) <= limit else None), length


def _stream(ruleset: Ruleset, options: argparse.Namespace, source: BinaryIO, size: int | None) -> int:
    bar = progress(size, sys.stderr, options.quiet)
    failures = 0
    write = sys.stdout.write
    limit = Limits().max_facts_bytes
    first = True
    for number, (line, length) in enumerate(_lines(source, limit), start=1):
        if bar is not None:
            bar.advance(length)
        if line is not None and not line.strip():
            continue
        if first and line is not None:
            first = False
            _json_lines_expected(line, options.facts)
        failures += _evaluated(ruleset, options, number, line, length, write)
    if bar is not None:
        bar.finish()
    if failures and not options.quiet:
        summary = f'perfrules: {failures} line(s) could not be evaluated; see their "error" field'
        print(said(summary, options.language), file=sys.stderr)
    return 1 if failures else 0


def _evaluated(
    ruleset: Ruleset,
    options: argparse.Namespace,
    number: int,
    line: bytes | None,
    length: int,
    write: Callable[[str], object],
) -> int:
    """Write one line's report (or error) and say whether it failed."""
    output: dict[str, Any] = {"line": number}
    try:
        if line is None:
            raise FactsError(f"{length:,} bytes, longer than the {Limits().max_facts_bytes:,} allowed for a fact set")
        facts = parse_fact_line(line.decode("utf-8-sig"))
        if options.id is not None:
            output["id"] = facts.pop(options.id, None)
        report = ruleset.evaluate(facts, as_of=options.as_of)
        if options.statuses:
            output["statuses"] = {name: status.value for name, status in zip(report, report.statuses(), strict=True)}
        else:
            output.update(report.to_dict(options.output_language))
    except UnicodeDecodeError as error:
        output["error"] = f"not valid UTF-8 at byte {error.start} of the line"
    except PerfRulesError as error:
        output["error"] = str(error)
    write(json.dumps(output, ensure_ascii=False, default=str) + "\n")
    return "error" in output


def _json_lines_expected(line: bytes, name: str) -> None:
    """Refuse, in one line, a JSON array or a document spread over lines where JSON Lines (one
    fact set per line) are expected, rather than report every line of it as broken."""
    text = line.decode("utf-8-sig", errors="replace").strip()
    if text.startswith("["):
        found = "a JSON array"
    else:
        try:
            json.loads(text)
            return
        except (ValueError, RecursionError) as error:
            if not isinstance(error, json.JSONDecodeError) or error.pos < len(text):
                return  # a line that is broken, not unfinished: reported as such
        found = "one JSON document spread over several lines"
    shown = "standard input" if name == files.STDIN else printable(name)
    raise FactsError(
        f"{shown} is {found}, not JSON Lines: eval-many reads one fact set per line "
        "(`jq -c '.[]'` splits an array; `perfrules eval` takes a single document)"
    )
