"""The rulesets a command is given: files, directories (every `*.perf` under them, in order), or
`-` for standard input."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from .. import files
from ..errors import UsageError
from ..errors.text import printable


def ruleset_files(names: Sequence[str]) -> Iterator[str]:
    """Each name as given, a directory replaced by the `*.perf` files under it; a directory
    without one is a usage error, not a silent success."""
    for name in names:
        if name == files.STDIN:
            yield name
            continue
        try:
            found = sorted(Path(name).rglob("*.perf")) if Path(name).is_dir() else None
        except (OSError, ValueError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            raise UsageError(f"cannot read {printable(name)}: {reason}") from None
        if found is None:
            yield name
        elif not found:
            raise UsageError(f"{printable(name)}: a directory with no *.perf ruleset in it")
        else:
            yield from map(str, found)
