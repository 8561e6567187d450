"""`perfrules fmt`: rewrite rulesets in the canonical layout, each file replaced whole or not at
all; with --check, change nothing and show the diff; with --normalize, comparators in ASCII."""

from __future__ import annotations

import argparse
import difflib
import os
import shutil
import sys
import tempfile
from pathlib import Path

from .. import files
from ..errors import UsageError
from ..language.formatter import format_text
from ..language.limits import Limits
from .sources import ruleset_files


def fmt(options: argparse.Namespace) -> int:
    """Format each file (or stdin to stdout); with --check, only report what would change."""
    limits = Limits()
    changed = 0
    for name in ruleset_files(options.files):
        if name == "-":
            text = files.decode(files.ruleset_bytes(files.STDIN, limits), "<stdin>")
            formatted = format_text(text, "<stdin>", normalize=options.normalize)
            if options.check:
                changed += formatted != text
                sys.stdout.write(_diff(text, formatted, "<stdin>"))
            else:
                sys.stdout.write(formatted)
            continue
        path = Path(name)
        text = files.decode(files.ruleset_bytes(path, limits), name)
        formatted = format_text(text, name, normalize=options.normalize)
        if formatted == text:
            continue
        changed += 1
        if options.check:
            sys.stdout.write(_diff(text, formatted, name))
        else:
            _replace(path, formatted)
            if not options.quiet:
                print(f"formatted {name}", file=sys.stderr)
    return 1 if options.check and changed else 0


def _replace(path: Path, text: str) -> None:
    """Write `text` over a file all at once or not at all: a failed write never leaves it cut short.

    The new text goes to a file beside it, which then takes its place with its permissions; a file
    its owner made read-only stays as it is.
    """
    target = path.resolve()
    if not os.access(target, os.W_OK):
        raise UsageError(f"cannot write {path}: Permission denied")
    temporary = None
    try:
        with tempfile.NamedTemporaryFile("wb", dir=target.parent, prefix=".perfrules-", delete=False) as file:
            temporary = Path(file.name)
            file.write(text.encode("utf-8"))
        shutil.copymode(target, temporary)
        os.replace(temporary, target)
    except OSError as error:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise UsageError(f"cannot write {path}: {error.strerror or error}") from None


def _diff(before: str, after: str, name: str) -> str:
    lines = difflib.unified_diff(
        before.splitlines(True), after.splitlines(True), f"{name} (as written)", f"{name} (formatted)"
    )
    return "".join(lines)
