"""The progress of a stream of fact sets on a terminal: how many, how fast, and, when the file's
size is known, how long is left (tqdm, from the `cli` extra; without it, no bar)."""

from __future__ import annotations

from typing import TextIO

try:
    from tqdm import tqdm
except ImportError:  # pragma: no cover - the `cli` extra is installed with the tests
    tqdm = None

_FORMATS = (
    "{n_fmt} fact sets [{elapsed}, {rate_fmt}]",
    "{percentage:3.0f}%|{bar:20}| {n_fmt}/{total_fmt} fact sets [{elapsed}<{remaining}, {rate_fmt}]",
)
"""Without and with a known size: the count and rate, and then the share and the time left."""


class Progress:
    """A bar counting fact sets; the total is estimated from the bytes read so far, so that the
    time left is known long before the last line is."""

    def __init__(self, size: int | None, stream: TextIO) -> None:
        self.size = size or None
        self.read = 0
        self.bar = tqdm(
            file=stream,
            unit=" fact sets",
            bar_format=_FORMATS[self.size is not None],
            mininterval=0.1,
            dynamic_ncols=True,
        )

    def advance(self, length: int) -> None:
        """One more line of `length` bytes read."""
        self.read += length
        count = self.bar.n + 1
        if self.size is not None:
            self.bar.total = max(count, round(self.size * count / self.read))
        self.bar.update(1)

    def finish(self) -> None:
        if self.size is not None:
            self.bar.total = self.bar.n
        self.bar.close()


def progress(size: int | None, stream: TextIO, quiet: bool) -> Progress | None:
    """A progress bar on `stream` when it is a terminal, `--quiet` is not given, and tqdm is
    installed."""
    return Progress(size, stream) if tqdm is not None and not quiet and stream.isatty() else None
