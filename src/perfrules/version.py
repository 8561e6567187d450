"""The version of perfrules, in one place (the package, its command and its build read it)."""

__version__ = "0.1.0"
