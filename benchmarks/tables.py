"""The Arrow tables of the columnar comparison, seeded, built with numpy (a million rows in seconds):

- `workload_table`: the 40-rule workload, 10,000 seeded records (benchmarks/workload.py) repeated;
- `boundary_table`: the same with every rate's amounts planted on the 90% line (a = 0.9·b
  exactly, in cents) or one cent either side of it, where floating point misjudges;
- `seed_table`: the seed ruleset's facts varied row by row: amounts around the seed's, counts,
  labels as reviewers write them (the target word, another word, 完成 for the target, padded
  with spaces, blank, absent), dated values around the deadlines.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy
import pyarrow as pa

from . import specs, workload

SEED_AS_OF = date(2023, 11, 15)
"""The seed table is decided mid-November: 10月底前 has passed (NOT_MET), year-end targets are
still PENDING, and some dated values lie after the as-of date (MISSING)."""


def workload_table(rows: int, base_rows: int = 10_000) -> Any:
    base = workload.arrow_table(workload.records(min(rows, base_rows)))
    repeats = max(1, rows // base.num_rows)
    return pa.concat_tables([base] * repeats).combine_chunks() if repeats > 1 else base


def boundary_table(table: Any, seed: int = 90) -> Any:
    """`table` with each rate's amounts on the 90% line (half the cells) or a cent either side."""
    rng = numpy.random.default_rng(seed)
    rows = table.num_rows
    for _count, pair, _done, _label in workload.rule_names():
        budget = 10 * rng.integers(100_000, 2_000_001, rows)  # whole dimes: 0.9 of it is whole cents
        actual = budget * 9 // 10 + rng.choice(numpy.array([0, 0, -1, 1]), rows)
        for side, cents in (("a", actual), ("b", budget)):
            name = f"{side}{pair}"
            table = table.set_column(table.column_names.index(name), name, _money(cents, None, 12))
    return table


def _money(cents: Any, missing: Any, precision: int = 14) -> Any:
    """int64 cents as decimal128(precision, 2), with nulls where `missing` is set."""
    wide = pa.array(cents, pa.int64(), mask=missing).cast(pa.decimal128(19, 0))
    return wide.view(pa.decimal128(19, 2)).cast(pa.decimal128(precision, 2))


def _days(days: Any, missing: Any) -> Any:
    start = (date(2023, 1, 1) - date(1970, 1, 1)).days
    return pa.array(days + start, pa.int32(), mask=missing).view(pa.date32())


def _choice(rng: Any, rows: int, words: list[str | None], weights: list[float]) -> Any:
    """Strings drawn from `words` (None: absent), by a dictionary decoded once."""
    index = rng.choice(len(words), rows, p=numpy.array(weights) / sum(weights)).astype(numpy.int32)
    absent = numpy.array([word is None for word in words])[index]
    dictionary = pa.array([word or "" for word in words], pa.string())
    return pa.DictionaryArray.from_arrays(pa.array(index, mask=absent), dictionary).cast(pa.string())


def seed_table(rows: int, seed: int = 2023) -> Any:
    """The seed's facts varied over `rows` rows (seeded): one column per fact, `NAME@date` for dated ones."""
    rng = numpy.random.default_rng(seed)
    columns: dict[str, Any] = {}
    for name, target in (*specs.SEED_LABELS, *specs.SEED_LABELS_2, ("社会效益", "良好")):
        words = [target, "基本" + target, "不" + target, "完成", f" {target} ", "", None]
        columns[name] = _choice(rng, rows, words, [70, 10, 5, 4, 3, 3, 5])
    columns["上级纪委会机关满意度"] = _choice(
        rng, rows, ["满意", "基本满意", "不满意", "非常满意", "完成", None], [60, 20, 5, 3, 2, 10]
    )
    columns.update(_seed_money(rng, rows))
    columns.update(_seed_counts(rng, rows))
    columns["监督平台建设"] = _choice(rng, rows, ["完成", "未完成", "已完成", "达标", None], [60, 20, 5, 5, 10])
    columns["监督平台建设@date"] = _days(rng.integers(150, 365, rows), rng.random(rows) < 0.05)
    percent = numpy.where(rng.random(rows) < 0.4, 1000, rng.integers(900, 1001, rows))
    columns["年度工作目标完成率"] = _money(percent * 10, rng.random(rows) < 0.02, 6).cast(pa.decimal128(5, 1))
    return pa.table(columns)


def _seed_money(rng: Any, rows: int) -> dict[str, Any]:
    """Amounts in yuan around the seed's: budget ±20%, execution 80–102%, adjustments, 三公经费 …"""

    def missing() -> Any:
        return rng.random(rows) < 0.02

    def share(of: Any, low: float, high: float) -> Any:
        return (of * rng.uniform(low, high, rows)).astype(numpy.int64)

    budget = rng.integers(956_920_000, 1_435_380_000, rows)  # 11,961,500.00 yuan ± 20%, in cents
    procurement = rng.integers(150_000_000, 250_000_000, rows)
    three = numpy.where(rng.random(rows) < 0.03, 0, rng.integers(3_000_000, 6_000_000, rows))
    allocated = numpy.where(rng.random(rows) < 0.5, 0, rng.integers(10_000_000, 100_000_000, rows))
    refined = numpy.where(rng.random(rows) < 0.5, allocated, share(allocated, 0.9, 1.0))
    return {
        "预算完成数": _money(share(budget, 0.8, 1.02), missing()),
        "预算数": _money(budget, missing()),
        "预算调整数": _money(share(numpy.full(rows, 1_196_150_000), 0.9, 1.3), missing()),
        "结转结余总额": _money(share(budget, 0.0, 0.3), missing()),
        "本年度“三公经费”实际支出数": _money(share(three, 0.0, 0.3), missing()),
        "“三公经费”预算数": _money(three, missing()),
        "实际政府采购金额": _money(share(procurement, 0.8, 1.0), missing()),
        "政府采购预算数": _money(procurement, missing()),
        "已细化到具体市县和承担单位的资金数": _money(refined, missing()),
        "部门参与分配资金总数": _money(allocated, missing()),
    }


def _seed_counts(rng: Any, rows: int) -> dict[str, Any]:
    """Whole numbers: projects done of projects due (some of none), 件 of the 四种形态, times done."""

    def count(values: Any) -> Any:
        return pa.array(values, pa.int64(), mask=rng.random(rows) < 0.02)

    columns = {}
    for _name, done, total in specs.SEED_WORK_RATES:
        if total not in columns:
            totals = rng.integers(0, 6, rows)
            columns[total] = count(totals)
        else:
            totals = columns[total].fill_null(0).to_numpy()
        columns[done] = count(numpy.maximum(totals - rng.integers(0, 3, rows) // 2, 0))
    cases = rng.integers(30, 81, rows)
    columns["前两种形态处理件数"] = count((cases * rng.uniform(0.6, 0.95, rows)).astype(numpy.int64))
    columns["“四种形态”处理总件数"] = count(cases)
    for name, target in specs.SEED_COUNTS:
        columns[name] = count(rng.integers(max(target - 2, 0), target + 3, rows))
    columns["八项规定监督检查@date"] = _days(rng.integers(0, 400, rows), rng.random(rows) < 0.05)
    for part in ("培训", "知识测试"):
        columns[f"纪检监察干部培训.{part}"] = count(rng.integers(3, 9, rows))
    columns["纪检监察信息报送"] = count(rng.integers(2, 10, rows))
    return columns
