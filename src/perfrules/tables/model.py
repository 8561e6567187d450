"""The canonical table every file maps onto (TABLES.md §5): what the table says about itself
(kind, unit, year, money), its indicator rows with the cells they came from, and the review
flags raised on the way. The stage's output type, kept apart from the code that fills it."""

from __future__ import annotations

import enum

import attrs


class Field(enum.Enum):
    """A column of an indicator grid, whatever the table calls it."""

    ORGANIZATION = "organization"
    PROJECT = "project"
    LEVEL1 = "level1"
    LEVEL2 = "level2"
    NAME = "name"
    COMPARATOR = "comparator"
    TARGET = "target"
    UNIT = "unit"
    STANDARD = "standard"
    VALUE_KIND = "value_kind"
    WEIGHT = "weight"
    EXPLANATION = "explanation"
    SCORING_RULE = "scoring_rule"
    ACTUAL = "actual"
    SCORE = "score"
    DEVIATION = "deviation"
    FORECAST = "forecast"
    LIKELIHOOD = "likelihood"
    NOTE = "note"


@attrs.frozen
class Flag:
    """Something a person must look at: a stable code, the row's indicator (None for the
    table), where in the file, and what perfrules read and why it doubts it (Chinese, the
    reviewer's language)."""

    code: str
    name: str | None
    place: str
    message: str

    def to_dict(self) -> dict[str, str | None]:
        return {"code": self.code, "indicator": self.name, "cell": self.place, "message": self.message}


@attrs.frozen
class Row:
    """One indicator row: each field's text as printed, and where each came from."""

    level1: str
    level2: str
    cells: dict[Field, str]
    places: dict[Field, str]
    level1_weight: str | None = None
    level2_weight: str | None = None
    place: str = ""
    """The row's name cell, for the review list."""

    def get(self, field: Field) -> str:
        return self.cells.get(field, "")

    @property
    def name(self) -> str:
        return self.get(Field.NAME)


@attrs.frozen
class BudgetLine:
    """A money block line: its label and amount as printed, and the amount's unit."""

    label: str
    amount: str
    unit: str
    place: str
    group: str | None = None


@attrs.frozen
class TableDoc:
    """One table (one grid) of a file, mapped."""

    source: str
    sheet: str
    kind: str
    title: str
    department: str | None
    year: int | None
    rows: tuple[Row, ...]
    budget: tuple[BudgetLine, ...]
    execution: dict[str, str]
    """The self-evaluation's 预算执行 line (总额): its 执行率, 分值 (weight) and 得分 as printed."""
    columns: tuple[Field, ...]
    flags: tuple[Flag, ...]
    low_confidence: bool = False
    goals: tuple[tuple[str, str], ...] = ()
    """The goals the header block states (年度履职目标, 年度总体目标 …) and where each is."""
