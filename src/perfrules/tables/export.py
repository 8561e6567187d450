"""Sheets a finance office can hand in, as .xlsx: the 绩效自评表, 绩效监控表 and 绩效目标表 of a
ruleset and its report, in a new workbook laid out as provinces print them, or in a province's
own template.

openpyxl (the `tables` extra) is imported only when a workbook is written, so that the rest of
perfrules, its command line included, works without it.
"""

from __future__ import annotations

import io
from os import PathLike, fspath
from pathlib import Path
from typing import IO

from ..api import Report, Ruleset
from ..assessment.monitoring import MonitoringPolicy
from ..assessment.scoring import ScoringPolicy
from ..errors import UsageError
from ..errors.phrases import language_of
from ..errors.text import shown
from . import export_sheets
from .export_model import SHEETS, ExportedSheet

__all__ = ["SHEETS", "exported_sheet", "write_workbook"]

Output = str | PathLike[str] | IO[bytes]
"""A file name, or a binary stream (an open file, `io.BytesIO`)."""


def exported_sheet(
    ruleset: Ruleset,
    report: Report | None,
    sheet: str,
    *,
    policy: ScoringPolicy | MonitoringPolicy | None = None,
    language: str = "zh",
) -> ExportedSheet:
    """The sheet as data, every cell's value and number format, before any workbook is made.

    `report` is the ruleset evaluated against the year's facts; the targets sheet needs none.
    `policy` is a `ScoringPolicy` for the self-evaluation, a `MonitoringPolicy` for monitoring.
    """
    language = language_of(language)
    if sheet not in SHEETS:
        raise UsageError(f"sheet must be one of {', '.join(SHEETS)}, not {shown(sheet)}")
    if report is None:
        if sheet != "targets":
            raise UsageError(f"the {sheet} sheet needs a report: the ruleset evaluated against its facts")
        report = ruleset.evaluate({})  # no facts: only the formulas' texts are read from it
    if sheet == "self-evaluation":
        if policy is not None and not isinstance(policy, ScoringPolicy):
            raise _wrong_policy(sheet, ScoringPolicy, policy)
        return export_sheets.self_evaluation(ruleset, report, policy, language)
    if sheet == "monitoring":
        if policy is not None and not isinstance(policy, MonitoringPolicy):
            raise _wrong_policy(sheet, MonitoringPolicy, policy)
        return export_sheets.monitoring(ruleset, report, policy, language)
    if policy is not None:
        raise UsageError("the targets sheet takes no policy")
    return export_sheets.targets(ruleset, report, language)


def _wrong_policy(sheet: str, expected: type, given: object) -> UsageError:
    return UsageError(f"the {sheet} sheet takes a {expected.__name__}, not {shown(given)}")


def write_workbook(
    ruleset: Ruleset,
    report: Report | None,
    sheet: str,
    output: Output,
    *,
    policy: ScoringPolicy | MonitoringPolicy | None = None,
    template: str | PathLike[str] | IO[bytes] | None = None,
    language: str = "zh",
) -> None:
    """Write `sheet` ("self-evaluation", "monitoring" or "targets") as an .xlsx workbook to `output`.

    Values are the ones perfrules computed, as numbers with number formats (rates as fractions
    under `0.00%`, amounts under `#,##0.00`, scores under `0.00`), never formulas. With a
    `template` (an .xlsx file a province hands out), its grid is filled in and its styles kept
    (docs/tables.md, "Export"). Nothing is written when anything fails.
    """
    content = exported_sheet(ruleset, report, sheet, policy=policy, language=language)
    _require_openpyxl()
    from . import xlsx_layout, xlsx_template  # the optional openpyxl, only when a workbook is written

    workbook = xlsx_layout.new_workbook(content) if template is None else xlsx_template.fill_template(template, content)
    buffer = io.BytesIO()
    workbook.save(buffer)
    _save(buffer.getvalue(), output)


def _require_openpyxl() -> None:
    """A UsageError naming the extra to install when openpyxl is missing."""
    try:
        import openpyxl  # type: ignore[import-untyped]  # noqa: F401
    except ImportError:
        raise UsageError("writing .xlsx needs openpyxl: install perfrules[tables]") from None


def _save(data: bytes, output: Output) -> None:
    """The whole workbook at once, so a failure leaves no half-written file behind."""
    if not isinstance(output, str | PathLike):
        output.write(data)
        return
    try:
        Path(output).write_bytes(data)
    except OSError as error:
        raise UsageError(f"cannot write {fspath(output)}: {error.strerror or error}") from None
