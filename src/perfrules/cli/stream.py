"""`perfrules eval-many`: a JSON-lines file of fact sets in, one report per line out, streamed so
that memory stays flat however long the file; a line that cannot be evaluated gets an error
line, and the others go on."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from collections.abc import Iterator
from typing import Any, BinaryIO

from .. import files
from ..api import Ruleset, load, parse_facts
from ..errors import FactsError, PerfRulesError
from ..language.limits import Limits


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
    progress = Progress(size) if sys.stderr.isatty() else None
    failures = 0
    write = sys.stdout.write
    limit = Limits().max_facts_bytes
    for number, (line, length) in enumerate(_lines(source, limit), start=1):
        if progress is not None:
            progress.advance(length)
        if line is not None and not line.strip():
            continue
        try:
            if line is None:
                raise FactsError(f"line {number}: {length:,} bytes, longer than the {limit:,} allowed for a fact set")
            facts = parse_facts(line.decode("utf-8-sig"), f"line {number}")
            report = ruleset.evaluate(facts, as_of=options.as_of)
            if options.statuses:
                output: dict[str, Any] = {
                    "line": number,
                    "statuses": {name: status.value for name, status in zip(report, report.statuses(), strict=True)},
                }
            else:
                output = {"line": number, **report.to_dict(options.output_language)}
        except UnicodeDecodeError as error:
            failures += 1
            output = {"line": number, "error": f"not valid UTF-8 at byte {error.start} of the line"}
        except PerfRulesError as error:
            failures += 1
            output = {"line": number, "error": str(error)}
        write(json.dumps(output, ensure_ascii=False) + "\n")
    if progress is not None:
        progress.finish()
    if failures:
        print(f'perfrules: {failures} line(s) could not be evaluated; see their "error" field', file=sys.stderr)
    return 1 if failures else 0


class Progress:
    """A one-line progress bar on a terminal's stderr, redrawn at most ten times a second."""

    def __init__(self, size: int | None) -> None:
        self.size = size
        self.done = 0
        self.lines = 0
        self.start = self.shown = time.monotonic()

    def advance(self, length: int) -> None:
        self.done += length
        self.lines += 1
        now = time.monotonic()
        if now - self.shown >= 0.1:
            self.shown = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        rate = self.lines / max(now - self.start, 1e-9)
        if self.size:
            share = min(self.done / self.size, 1.0)
            bar = "#" * int(share * 30)
            text = f"\r[{bar:<30}] {share:6.1%}  {self.lines:,} fact sets  {rate:,.0f}/s"
        else:
            text = f"\r{self.lines:,} fact sets  {rate:,.0f}/s"
        sys.stderr.write(text)
        sys.stderr.flush()

    def finish(self) -> None:
        self._draw(time.monotonic())
        sys.stderr.write("\n")
