"""Rows of the seed ruleset's facts as a finance department's table has them, for the tests of
the distributed adapters (tests/dask, tests/spark): one generator, so that both engines are held
to `evaluate_table` on the same kinds of columns."""

from datetime import date, datetime, timedelta, timezone

import numpy
import pyarrow as pa

KEY = "单位编码"
AS_OF = date(2023, 11, 15)
"""Mid-November: 10月底前 has passed, year-end targets are pending, some dates lie ahead."""
LABELS = {"年度履职目标相关性": "相关", "预算编制完整性": "完整", "资金使用合规性": "合规", "社会效益": "良好"}


def seed_rows(rows: int, seed: int = 17, *, evenings: bool = False, empty_reports: bool = False) -> pa.Table:
    """The seed ruleset's facts over `rows` rows: decimals, floats with NaN, whole numbers, text
    with units, labels as reviewers write them, dates, nulls, a column the ruleset does not read,
    and a unique key. `evenings`: one date column as timestamps late in the UTC day (on a clock
    east of UTC, half of them the next day); `empty_reports`: one fact's column nothing but nulls."""
    rng = numpy.random.default_rng(seed)

    def missing(share: float = 0.03) -> numpy.ndarray:
        return rng.random(rows) < share

    def money(cents: numpy.ndarray) -> pa.Array:
        exact = pa.array(cents, pa.int64(), mask=missing()).cast(pa.decimal128(19, 0))
        return exact.view(pa.decimal128(19, 2)).cast(pa.decimal128(16, 2))

    def words(choices: list, weights: list[float]) -> pa.Array:
        picked = rng.choice(len(choices), rows, p=numpy.array(weights) / sum(weights))
        return pa.array([choices[index] for index in picked], pa.string())

    def days(low: int, high: int) -> pa.Array:
        start = (date(2023, 1, 1) - date(1970, 1, 1)).days
        return pa.array(rng.integers(low, high, rows) + start, pa.int32(), mask=missing()).view(pa.date32())

    def late_in_the_day(low: int, high: int) -> pa.Array:
        start = datetime(2023, 1, 1, 12, tzinfo=timezone.utc)
        stamps = [
            start + timedelta(days=int(day), minutes=int(minute))
            for day, minute in zip(rng.integers(low, high, rows), rng.integers(0, 720, rows), strict=True)
        ]
        return pa.array(stamps, pa.timestamp("us", tz="UTC"), mask=missing())

    budget = rng.integers(900_000_000, 1_400_000_000, rows)
    columns = {KEY: pa.array([f"U{number:06d}" for number in rng.permutation(rows)], pa.string())}
    columns["预算数"] = money(numpy.where(rng.random(rows) < 0.01, 0, budget))
    columns["预算完成数"] = money((budget * rng.uniform(0.8, 1.02, rows)).astype(numpy.int64))
    procurement = rng.integers(1_000_000, 3_000_000, rows).astype(numpy.float64)
    columns["政府采购预算数"] = pa.array(procurement, mask=missing())
    columns["实际政府采购金额"] = pa.array(numpy.round(procurement * rng.uniform(0.8, 1.0, rows), 2))
    columns["年度工作目标完成率"] = pa.array(rng.choice([100.0, 99.5, 100.5, 0.1 + 0.2, numpy.nan], rows))
    for name, target in LABELS.items():
        columns[name] = words([target, "基本" + target, "完成", f" {target} ", "", None], [70, 10, 5, 5, 5, 5])
    columns["上级纪委会机关满意度"] = words(["满意", "基本满意", "不满意", "非常满意", None], [60, 20, 5, 5, 10])
    columns["监督平台建设"] = words(["完成", "未完成", "已完成", None], [70, 15, 5, 10])
    columns["监督平台建设@date"] = days(150, 365)
    columns["八项规定监督检查"] = pa.array(rng.integers(2, 7, rows), mask=missing())
    columns["八项规定监督检查@date"] = late_in_the_day(300, 330) if evenings else days(0, 400)
    columns["巡察工作"] = words(["2", "1", "3", "2 轮", "两轮", None], [50, 20, 15, 8, 2, 5])
    columns["开展警示教育"] = pa.array(rng.integers(3, 9, rows), pa.int32(), mask=missing())
    for part in ("培训", "知识测试"):
        columns[f"纪检监察干部培训.{part}"] = pa.array(rng.integers(3, 8, rows), mask=missing())
    reports = words(["7 篇", "5", "3篇", "", None], [40, 20, 20, 10, 10])
    columns["纪检监察信息报送"] = pa.nulls(rows, pa.null()) if empty_reports else reports
    columns["备注"] = words(["", "抽查", None], [80, 10, 10])
    return pa.table(columns)
