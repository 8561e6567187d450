"""Colour on Windows consoles: a console there shows ANSI colour only once it is switched on, which
colorama (the `cli` extra) does; without it, `--color auto` stays plain on Windows."""

from __future__ import annotations

import sys


def console_shows_colour(platform: str | None = None) -> bool:
    """Whether a terminal on this platform can show colour, switching it on where needed
    (`colorama.just_fix_windows_console`, which does nothing elsewhere or when done already)."""
    if (platform or sys.platform) != "win32":
        return True
    try:
        import colorama
    except ImportError:
        return False
    colorama.just_fix_windows_console()
    return True
