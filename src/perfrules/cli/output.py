"""Where a command's output goes: standard output that never fails on a character the console's
encoding lacks (a Chinese Windows console is GBK), or the file `-o/--output` names, UTF-8 unless
`--encoding` says otherwise."""

from __future__ import annotations

import argparse
import codecs
import contextlib
import io
import sys
from collections.abc import Iterator
from pathlib import Path

from ..errors import UsageError
from ..errors.text import printable


def forgiving_streams() -> None:
    """Standard output and error write `?` for a character their encoding cannot hold, rather
    than stop the command halfway with an encoding error."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")


def add_output(command: argparse.ArgumentParser) -> None:
    """`-o/--output` and `--encoding` for a command that prints its result (`import` and `export`
    have an `-o` of their own: the file they make)."""
    command.set_defaults(redirected=True)
    command.add_argument("-o", "--output", help="write the result to this file instead of standard output")
    command.add_argument(
        "--encoding", default="utf-8", help="the output file's encoding (default utf-8; gb18030 for old systems)"
    )


@contextlib.contextmanager
def written_to(options: argparse.Namespace) -> Iterator[None]:
    """Standard output sent to `options.output` for the duration, if one is named."""
    path = options.output if "redirected" in options else None
    if path is None:
        yield
        return
    try:
        encoding = codecs.lookup(options.encoding).name
    except LookupError:
        raise UsageError(f"unknown encoding {printable(options.encoding)!r}; utf-8 and gb18030 are common") from None
    try:
        file = Path(path).open("w", encoding=encoding, newline="")  # noqa: SIM115 - closed below
    except OSError as error:
        raise UsageError(f"cannot write {printable(path)}: {error.strerror or error}") from None
    try:
        with file, contextlib.redirect_stdout(file):
            yield
    except UnicodeEncodeError as error:
        character = error.object[error.start]
        raise UsageError(
            f"{printable(path)}: {encoding} cannot hold {character!r} (U+{ord(character):04X}); "
            "write it as utf-8 (the default) instead"
        ) from None
