"""`perfrules import`: a table file (Excel, WPS, Word, HTML, SpreadsheetML, text or PDF) into a
ruleset and facts, and the review list of every cell to look at. Exit 0 when nothing needs a
look, 1 when something does."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..errors import UsageError
from ..tables.importer import import_table
from ..tables.review import render_json, render_text
from ..tables.writer import Imported


def _numbered(path: str | None, number: int) -> str | None:
    """The file for the n-th table of a file: the path given, then `name-2.perf`, `name-3.perf`."""
    if path is None or number == 1:
        return path
    base = Path(path)
    return str(base.with_name(f"{base.stem}-{number}{base.suffix}"))


def _write(path: str, text: str) -> None:
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror or error}") from None


def import_command(options: argparse.Namespace) -> int:
    results = import_table(options.file)
    written: list[tuple[Imported, str | None]] = []
    for number, imported in enumerate(results, 1):
        ruleset_path = _numbered(options.output, number)
        facts_path = _numbered(options.facts, number)
        if ruleset_path is not None:
            _write(ruleset_path, imported.text)
        if facts_path is not None:
            _write(facts_path, json.dumps(imported.facts or {}, ensure_ascii=False, indent=2) + "\n")
        written.append((imported, ruleset_path))
    if options.format == "json":
        if options.output is None:
            document = json.loads(render_json(written))
            for table, (imported, _) in zip(document["tables"], written, strict=True):
                table["text"] = imported.text
                table["facts"] = imported.facts
            sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        else:
            sys.stdout.write(render_json(written))
    else:
        if options.output is None:
            sys.stdout.write("\n".join(imported.text for imported, _ in written))
        (sys.stderr if options.output is None else sys.stdout).write(render_text(written))
    return 1 if any(imported.flags for imported, _ in written) else 0
