"""Deadlines as dates: `10月底前` needs the ruleset's year, and a written date must exist."""

from __future__ import annotations

import calendar
from datetime import date

from ...errors import Diagnostic
from .. import syntax
from .scope import Scope

YEARS = range(1900, 10000)
"""The years a ruleset or a deadline may name (the bad-year message says so)."""


def deadline(scope: Scope, written: syntax.Deadline | None) -> date | Diagnostic | None:
    """The date a condition is due: the written one, or the year's last day when none is written
    (None without a year); the problem when the written date does not exist."""
    if written is None:
        return date(scope.year, 12, 31) if scope.year is not None else None
    year = written.year if written.year is not None else scope.year
    if year is None:
        return scope.say.needs_year(written.span, written.text)
    if year not in YEARS:
        return scope.say.bad_year(written.span, str(year))
    month = written.month or 12
    if not 1 <= month <= 12:
        return scope.say.invalid_date(written.span, written.text, "there are only 12 months", "一年只有 12 个月")
    last = calendar.monthrange(year, month)[1]
    day = written.day if written.day is not None else last
    if not 1 <= day <= last:
        return scope.say.invalid_date(
            written.span, written.text, f"{year}-{month:02d} has {last} days", f"{year}年{month}月只有 {last} 天"
        )
    return date(year, month, day)
