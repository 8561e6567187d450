"""Columnar peers of `Ruleset.evaluate_table`: DuckDB queries and polars expressions written from
benchmarks/specs.py, each giving every indicator's status code per row, as perfrules does.

  DuckDB, exact     DECIMAL columns; a rate N/D × 100 op t decided as N·100 op t·D (mirrored
                    when D < 0), so nothing is rounded. DuckDB's own DECIMAL division returns a
                    DOUBLE, which is why the exact query never divides.
  DuckDB, DOUBLE    DOUBLE columns and the division as written, as an analyst would write it.
  polars, Decimal   Decimal columns and the division as written: polars keeps the dividend's scale
                    and rounds the quotient to it (899.99 / 1000.00 = 0.90).
  polars, Decimal, cross-multiplied   exact, as the DuckDB query.
  polars, Float64   Float64 columns and the division as written.
Each engine runs on one thread (DuckDB `SET threads=1`, POLARS_MAX_THREADS=1) and gets its input
in its own form, built untimed: DuckDB a table of its own, polars a DataFrame.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from . import specs
from .specs import MET, MISSING, NOT_MET, All, Quantity, Ratio, Spec

os.environ.setdefault("POLARS_MAX_THREADS", "1")  # read once, when polars is first imported


@dataclass(frozen=True)
class Engine:
    """`prepare` turns an Arrow table into the engine's input (untimed), `run` decides every status
    (timed) and `codes` turns its output into {indicator: int8 Arrow array} (untimed)."""

    name: str
    prepare: Callable[[Any], Any]
    run: Callable[[Any], Any]
    codes: Callable[[Any], dict[str, Any]]


def available(rules: list[Spec], as_of: date) -> list[Engine]:
    """Every installed peer, for these rules as of this day."""
    found = []
    for build in (_duckdb_engines, _polars_engines):
        try:
            found += build(rules, as_of)
        except ImportError:
            continue
    return found


def float_table(table: Any) -> Any:
    """The table with its decimal columns as float64: what a caller holding floats has."""
    import pyarrow as pa

    columns = {}
    for field, column in zip(table.schema, table.columns, strict=True):
        columns[field.name] = column.cast(pa.float64()) if pa.types.is_decimal(field.type) else column
    return pa.table(columns)


# DuckDB


def _duckdb_engines(rules: list[Spec], as_of: date) -> list[Engine]:
    import duckdb

    def prepare(table: Any) -> Any:
        connection = duckdb.connect()
        connection.execute("SET threads=1")
        connection.register("arrow_input", table)
        connection.execute("CREATE TABLE facts AS SELECT * FROM arrow_input")
        connection.unregister("arrow_input")
        return connection

    def engine(name: str, exact: bool, convert: Callable[[Any], Any]) -> Engine:
        query = sql(rules, as_of, exact=exact)
        return Engine(
            name,
            lambda table: prepare(convert(table)),
            lambda connection: connection.sql(query).to_arrow_table(),
            lambda result: {column: result.column(column).combine_chunks() for column in result.column_names},
        )

    return [
        engine("DuckDB, DECIMAL, exact", True, lambda table: table),
        engine("DuckDB, DOUBLE", False, float_table),
    ]


def sql(rules: list[Spec], as_of: date, *, exact: bool) -> str:
    """One SELECT giving every indicator's status code (TINYINT) per row of `facts`."""
    columns = ",\n  ".join(
        f"CAST({_sql_status(rule, as_of, exact)} AS TINYINT) AS {_name(rule.indicator)}" for rule in rules
    )
    return f"SELECT\n  {columns}\nFROM facts"


def _name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _day(day: date) -> str:
    return f"DATE '{day.isoformat()}'"


def _case(cases: list[tuple[str, int]], otherwise: int) -> str:
    return "CASE " + " ".join(f"WHEN {test} THEN {code}" for test, code in cases) + f" ELSE {otherwise} END"


def _sql_late(column: str, deadline: date, as_of: date) -> list[tuple[str, int]]:
    """A dated value after the day it is read on: not yet known (after as_of), else late."""
    dated, on = _name(column + "@date"), _day(specs.read_on(deadline, as_of))
    return [(f"{dated} > {on} AND {dated} > {_day(as_of)}", MISSING), (f"{dated} > {on}", NOT_MET)]


def _sql_status(rule: Spec, as_of: date, exact: bool) -> str:
    if isinstance(rule, All):
        return "GREATEST(" + ", ".join(_sql_status(part, as_of, exact) for part in rule.parts) + ")"
    unmet = specs.unmet(rule.deadline, as_of)
    if isinstance(rule, Ratio):
        return _case(_sql_ratio(rule, exact), unmet)
    value = _name(rule.column)
    if isinstance(rule, Quantity):
        met = f"{value} {_sql_op(rule.op)} {rule.target}"
        cases = [(f"{value} IS NULL", MISSING)]
    else:
        accepted = ", ".join("'" + word + "'" for word in rule.accepted())
        met = f"trim({value}) IN ({accepted})"
        cases = [(f"{value} IS NULL OR trim({value}) = ''", MISSING)]
    if rule.dated:
        cases += _sql_late(rule.column, rule.deadline, as_of)
    return _case([*cases, (met, MET)], unmet)


def _sql_ratio(rule: Ratio, exact: bool) -> list[tuple[str, int]]:
    numerator = _name(rule.numerator)
    if rule.offset:
        numerator = f"({numerator} - {rule.offset})"
    cases = [(" OR ".join(f"{_name(name)} IS NULL" for name in rule.inputs()), MISSING)]
    if isinstance(rule.denominator, str):
        denominator = _name(rule.denominator)
        cases.append((f"{denominator} = 0", specs.INVALID))
    else:
        denominator = str(rule.denominator)
    op, target = _sql_op(rule.op), rule.percent
    if not exact:
        return [*cases, (f"{numerator} / {denominator} * 100 {op} {target}", MET)]
    above = f"{numerator} * 100 {op} {target} * {denominator}"
    if not isinstance(rule.denominator, str):
        assert rule.denominator > 0
        return [*cases, (above, MET)]
    below = f"{numerator} * 100 {_sql_op(specs.MIRRORED[rule.op])} {target} * {denominator}"
    return [*cases, (f"({denominator} > 0 AND {above}) OR ({denominator} < 0 AND {below})", MET)]


def _sql_op(op: str) -> str:
    return "=" if op == "==" else op


# polars


def _polars_engines(rules: list[Spec], as_of: date) -> list[Engine]:
    import polars as pl

    def engine(name: str, convert: Callable[[Any], Any], exact: bool, decimal: bool) -> Engine:
        expressions = [
            _polars_status(rule, as_of, exact, decimal).cast(pl.Int8).alias(rule.indicator) for rule in rules
        ]
        return Engine(
            name,
            lambda table: pl.from_arrow(convert(table)),
            lambda frame: frame.select(expressions),
            lambda result: {column: result[column].to_arrow() for column in result.columns},
        )

    return [
        engine("polars, Decimal, division as written", lambda table: table, False, True),
        engine("polars, Decimal, cross-multiplied", lambda table: table, True, True),
        engine("polars, Float64", float_table, False, False),
    ]


def _polars_chain(cases: list[tuple[Any, int]], otherwise: int) -> Any:
    import polars as pl

    test, code = cases[0]
    chain = pl.when(test).then(code)
    for test, code in cases[1:]:
        chain = chain.when(test).then(code)
    return chain.otherwise(otherwise)


def _polars_status(rule: Spec, as_of: date, exact: bool, decimal: bool) -> Any:
    import polars as pl

    if isinstance(rule, All):
        return pl.max_horizontal([_polars_status(part, as_of, exact, decimal) for part in rule.parts])
    unmet = specs.unmet(rule.deadline, as_of)
    if isinstance(rule, Ratio):
        return _polars_chain(_polars_ratio(rule, exact, decimal), unmet)
    value = pl.col(rule.column)
    if isinstance(rule, Quantity):
        met = _compare(value, rule.op, _number(rule.target, decimal))
        cases = [(value.is_null(), MISSING)]
    else:
        stripped = value.str.strip_chars(" ")
        met = stripped.is_in(list(rule.accepted()))
        cases = [(value.is_null() | (stripped == ""), MISSING)]
    if rule.dated:
        dated, on = pl.col(rule.column + "@date"), pl.lit(specs.read_on(rule.deadline, as_of))
        cases += [((dated > on) & (dated > pl.lit(as_of)), MISSING), (dated > on, NOT_MET)]
    return _polars_chain([*cases, (met, MET)], unmet)


def _polars_ratio(rule: Ratio, exact: bool, decimal: bool) -> list[tuple[Any, int]]:
    import polars as pl

    numerator = pl.col(rule.numerator)
    if rule.offset:
        numerator = numerator - _number(rule.offset, decimal)
    missing = pl.any_horizontal([pl.col(name).is_null() for name in rule.inputs()])
    cases = [(missing, MISSING)]
    if isinstance(rule.denominator, str):
        denominator = pl.col(rule.denominator)
        cases.append((denominator == 0, specs.INVALID))
    else:
        denominator = _number(rule.denominator, decimal)
    target = _number(rule.percent, decimal)
    if not exact:
        return [*cases, (_compare(numerator / denominator * 100, rule.op, target), MET)]
    above = _compare(numerator * 100, rule.op, denominator * target)
    if not isinstance(rule.denominator, str):
        return [*cases, (above, MET)]
    below = _compare(numerator * 100, specs.MIRRORED[rule.op], denominator * target)
    return [*cases, (((denominator > 0) & above) | ((denominator < 0) & below), MET)]


def _number(value: Decimal, decimal: bool) -> Any:
    import polars as pl

    return pl.lit(value) if decimal else pl.lit(float(value))


def _compare(left: Any, op: str, right: Any) -> Any:
    if op == ">=":
        return left >= right
    if op == "<=":
        return left <= right
    if op == ">":
        return left > right
    if op == "<":
        return left < right
    return left == right
