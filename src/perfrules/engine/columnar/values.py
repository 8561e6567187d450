"""Value columns of a columnar report: what each row compared, as exact decimals in the indicator's
display unit (named in the field's metadata), labels as text, a compound indicator's parts as a
struct. A column whose rows cannot share one decimal type (a quantity asserted by a word, 完成,
or more than 76 digits) is text, each value as the row-wise result shows it: nothing is rounded.
"""

from __future__ import annotations

from decimal import Decimal, DecimalException
from typing import Any

import pyarrow as pa

from ...quantities.arithmetic import EXACT
from ...quantities.units import Unit
from ...quantities.values import Quantity
from ..program import CompiledCondition, CompiledIndicator, Program


def value_field(program: Program, indicator: CompiledIndicator, values: list[Any], name: str) -> tuple[Any, Any]:
    """(field, array) of one indicator's values, one per row."""
    if indicator.compound:
        parts = [
            _part(program, condition, [None if value is None else value.get(condition.name) for value in values])
            for condition in indicator.conditions
        ]
        fields = [
            field.with_name(condition.name) for (field, _), condition in zip(parts, indicator.conditions, strict=True)
        ]
        array = pa.StructArray.from_arrays([array for _, array in parts], fields=fields)
        return pa.field(name, array.type), array
    field, array = _part(program, indicator.conditions[0], values)
    return field.with_name(name), array


def _part(program: Program, condition: CompiledCondition, values: list[Any]) -> tuple[Any, Any]:
    display = condition.display
    amounts = _amounts(program, values, display) if display is not None else None
    if amounts is not None and display is not None:
        try:
            array = pa.array(amounts) if any(amount is not None for amount in amounts) else None
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # beyond decimal256
            amounts = None
        else:
            array = pa.nulls(len(values), pa.decimal128(1, 0)) if array is None else array
            return pa.field("", array.type, metadata={"unit": display.name}), array
    array = pa.array([None if value is None else str(value) for value in values], pa.string())
    return pa.field("", pa.string()), array


def _amounts(program: Program, values: list[Any], display: Unit) -> list[Decimal | None] | None:
    """Each row's amount in the display unit, or None when some row's value is not one."""
    amounts: list[Decimal | None] = []
    for value in values:
        amount = _in_unit(program, value, display) if isinstance(value, Quantity) else None
        if value is not None and amount is None:
            return None
        amounts.append(amount)
    return amounts


def _in_unit(program: Program, value: Quantity, display: Unit) -> Decimal | None:
    """The amount in the display unit, exactly; None when it cannot be said exactly there."""
    if value.unit == display.name:
        return value.amount
    unit = program.units.get(value.unit)
    if unit is None or unit.dimension != display.dimension:
        return None
    try:
        return EXACT.divide(EXACT.multiply(value.amount, unit.factor), display.factor)
    except DecimalException:
        return None
