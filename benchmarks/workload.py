"""The 40-rule workload, its seeded random fact sets, and the same rules as hand-written lambdas.

Four families of ten rules each, as issue 3 states them:
  x >= k                      a count against a target
  (a / b) * 100 >= 90         a rate from two amounts of money
  done <= deadline            a completion date against a deadline
  s == '完成'                 a label
Each engine receives the same records in its own native form; building those forms is not timed.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

FAMILY_SIZE = 10
DEADLINE = "2023-10-31"
AS_OF = date(2023, 12, 31)


def rule_names(copies: int = 1) -> list[tuple[str, str, str, str]]:
    """Per rule group: the fact names (count, amount pair prefix, done, label) for each copy."""
    return [(f"x{index}", f"{index}", f"done{index}", f"s{index}") for index in range(1, FAMILY_SIZE * copies + 1)]


def thresholds(copies: int = 1) -> list[int]:
    rng = random.Random(7)
    return [rng.randint(3, 7) for _ in range(FAMILY_SIZE * copies)]


def ruleset_text(copies: int = 1) -> str:
    """The workload as a perfrules ruleset: 40 rules per copy."""
    lines = ["year 2023"]
    for (count, pair, done, label), k in zip(rule_names(copies), thresholds(copies), strict=True):
        lines.append(f"{count} >= {k} 次")
        lines.append(f"r{pair} := a{pair} / b{pair} * 100")
        lines.append(f"r{pair} >= 90")
        lines.append(f"{done} == 完成 by {DEADLINE}")
        lines.append(f"{label} == 完成")
    return "\n".join(lines) + "\n"


def records(count: int, *, copies: int = 1, seed: int = 20231231) -> list[dict[str, Any]]:
    """Seeded random records: counts, amounts in yuan (exact), completion dates, labels."""
    rng = random.Random(seed)
    start = date(2023, 1, 1)
    result = []
    for _ in range(count):
        record: dict[str, Any] = {}
        for counter, pair, done, label in rule_names(copies):
            record[counter] = rng.randint(0, 10)
            budget = rng.randint(1_000_000, 20_000_000)
            record[f"a{pair}"] = Decimal(rng.randint(budget * 80 // 100, budget)) / 100
            record[f"b{pair}"] = Decimal(budget) / 100
            record[done] = (start + timedelta(days=rng.randint(0, 364))).isoformat() if rng.random() < 0.9 else None
            record[label] = "完成" if rng.random() < 0.7 else "未完成"
        result.append(record)
    return result


def with_floats(record: dict[str, Any]) -> dict[str, Any]:
    """The same record with its amounts as floats, as a caller holding floats would give them."""
    return {name: float(value) if isinstance(value, Decimal) else value for name, value in record.items()}


def perfrules_facts(record: dict[str, Any]) -> dict[str, Any]:
    """perfrules' form: a completion is the label 完成 observed on its date."""
    facts = {}
    for name, value in record.items():
        if name.startswith("done"):
            if value is not None:
                facts[name] = {"value": "完成", "date": value}
        else:
            facts[name] = value
    return facts


def lambda_rules(copies: int = 1) -> list[Any]:
    """The pure-Python ceiling: one closure per rule over the native record."""
    rules = []
    for (counter, pair, done, label), k in zip(rule_names(copies), thresholds(copies), strict=True):
        a, b = f"a{pair}", f"b{pair}"
        rules.append(lambda f, counter=counter, k=k: f[counter] >= k)
        rules.append(lambda f, a=a, b=b: f[a] / f[b] * 100 >= 90)
        rules.append(lambda f, done=done: f[done] is not None and f[done] <= DEADLINE)
        rules.append(lambda f, label=label: f[label] == "完成")
    return rules


def expressions(copies: int = 1, *, dates_as_strings: bool = True) -> list[tuple[str, str]]:
    """The rules as (key, expression) in the C-like syntax most engines share.

    ISO dates compare as strings; engines that only compare dates as dates get `date(...)`.
    """
    result = []
    for (counter, pair, done, label), k in zip(rule_names(copies), thresholds(copies), strict=True):
        result.append((f"c_{counter}", f"{counter} >= {k}"))
        result.append((f"c_r{pair}", f"a{pair} / b{pair} * 100 >= 90"))
        due = f'{done} <= "{DEADLINE}"' if dates_as_strings else f'date({done}) <= date("{DEADLINE}")'
        result.append((f"c_{done}", f'{done} != "" and {due}'))
        result.append((f"c_{label}", f'{label} == "完成"'))
    return result


def engine_facts(record: dict[str, Any]) -> dict[str, Any]:
    """Peers' form: JSON-like values (floats for money, "" for not done)."""
    facts: dict[str, Any] = {}
    for name, value in record.items():
        if isinstance(value, Decimal):
            facts[name] = float(value)
        elif value is None:
            facts[name] = ""
        else:
            facts[name] = value
    return facts


def arrow_table(rows: list[dict[str, Any]], copies: int = 1) -> Any:
    """The records as one Arrow table: exact decimals, completion dates as date32."""
    import pyarrow as pa

    columns: dict[str, Any] = {}
    for counter, pair, done, label in rule_names(copies):
        columns[counter] = pa.array([row[counter] for row in rows], pa.int64())
        for side in ("a", "b"):
            columns[f"{side}{pair}"] = pa.array([row[f"{side}{pair}"] for row in rows], pa.decimal128(12, 2))
        columns[done] = pa.array(["完成" if row[done] else None for row in rows], pa.string())
        columns[done + "@date"] = pa.array(
            [date.fromisoformat(row[done]) if row[done] else None for row in rows], pa.date32()
        )
        columns[label] = pa.array([row[label] for row in rows], pa.string())
    return pa.table(columns)
