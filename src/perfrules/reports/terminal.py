"""Colour on terminals: statuses in tables, rulesets in diagnostics. Only when the stream is a
terminal and NO_COLOR is not set; source highlighting also needs Pygments (the `highlight` extra)."""

from __future__ import annotations

import os
from typing import Protocol


class _Stream(Protocol):
    def isatty(self) -> bool: ...


_STATUS = {
    "达成 MET": "32",
    "进行中 PENDING": "33",
    "未达成 NOT_MET": "31",
    "缺数据 MISSING": "35",
    "数据无效 INVALID": "31;1",
    "MET": "32",
    "PENDING": "33",
    "NOT_MET": "31",
    "MISSING": "35",
    "INVALID": "31;1",
}
"""Status cells as the Chinese and the English tables print them (reports/wording.py)."""


COLOURS = ("auto", "always", "never")
"""When to colour (`--color`): on a terminal that can show it, always, or never."""


def wants_colour(stream: _Stream, choice: str = "auto") -> bool:
    """`always` and `never` as asked; `auto`: only on a terminal that can show it, not when
    NO_COLOR is set to anything but the empty string (no-color.org), nor on a `TERM=dumb` one."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no stream, or a closed one
        return False


def statuses(text: str) -> str:
    """Colour the status cells of an evaluation table."""
    for label, code in _STATUS.items():
        text = text.replace(f"  {label}  ", f"  \x1b[{code}m{label}\x1b[0m  ")
    return text


def diagnostics(text: str) -> str:
    """Colour rendered diagnostics: the severity, and the echoed ruleset line when Pygments is there."""
    try:
        from pygments import highlight
        from pygments.formatters import TerminalFormatter

        from ..language.highlight import PerfRulesLexer
    except ImportError:
        highlight = None
    lines = text.split("\n")
    out = []
    echo_next = False
    for line in lines:
        if ": error[" in line or ": warning[" in line:
            code = "31;1" if ": error[" in line else "33;1"
            head, _, rest = line.partition(": error[" if ": error[" in line else ": warning[")
            word = "error" if ": error[" in line else "warning"
            line = f"{head}: \x1b[{code}m{word}\x1b[0m[{rest}"
            echo_next = True
        elif echo_next and line.startswith("    ") and highlight is not None:
            line = "    " + highlight(line[4:], PerfRulesLexer(), TerminalFormatter()).rstrip("\n")
            echo_next = False
        else:
            echo_next = False
        out.append(line)
    return "\n".join(out)
