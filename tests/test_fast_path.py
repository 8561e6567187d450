"""The fast path for plain facts decides exactly what the general path decides.

A plain value v and the one-observation history [{"value": v, "date": "1900-01-01"}] mean the
same thing, but only the first takes the fast path; every report must agree, reasons included.
"""

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

import perfrules

RULES = perfrules.compile(
    "year 2023\n"
    "scale 不满意 < 基本满意 < 满意\n"
    "检查 >= 4 次 by 2023-06-30\n"
    "平台 == 完成 10月底前\n"
    "满意度 >= 基本满意\n"
    "率 := 甲 / 乙 × 100%\n"
    "率 >= 90%\n"
    "成本 <= 90 万元\n"
    "培训: 培训 >= 5 次 and 测试 >= 5 次 by 2023-09-30\n"
)
NAMES = ["检查", "平台", "满意度", "甲", "乙", "成本", "培训.培训", "培训.测试"]

days = st.dates(min_value=date(2023, 1, 1), max_value=date(2024, 6, 30))
plain = st.one_of(
    st.integers(min_value=-5, max_value=2_000_000),
    st.decimals(min_value=-10, max_value=10**7, places=2, allow_nan=False, allow_infinity=False),
    st.floats(min_value=-10, max_value=1e6, allow_nan=False),
    st.sampled_from(["完成", "未完成", "满意", "基本满意", "不满意", "很好", " 完成", "5 次", "95%", "", True, None]),
)
dated = st.builds(lambda value, day: {"value": value, "date": day.isoformat()}, plain, days)
odd = st.sampled_from([{"value": 1, "date": "2023-02-30"}, {"value": 1}, {"date": "2023-01-01"}, [1]])
fact = st.one_of(plain, dated, odd)
fact_sets = st.dictionaries(st.sampled_from(NAMES), fact)


def as_history(value):
    if isinstance(value, dict) and set(value) == {"value", "date"}:
        return [value]
    if isinstance(value, (dict, list)):
        return value
    return [{"value": value, "date": "1900-01-01"}]


@given(facts=fact_sets, as_of=days)
def test_fast_and_general_paths_agree(facts, as_of):
    fast = RULES.evaluate(facts, as_of=as_of).to_dict()
    general = RULES.evaluate({name: as_history(value) for name, value in facts.items()}, as_of=as_of).to_dict()
    assert fast == general


def test_batch_matches_one_at_a_time():
    fact_sets = [{"检查": count, "甲": Decimal(count), "乙": 5} for count in range(10)]
    one_by_one = [RULES.evaluate(facts, as_of=date(2023, 7, 1)).to_dict() for facts in fact_sets]
    batch = [report.to_dict() for report in RULES.evaluate_many(fact_sets, as_of=date(2023, 7, 1))]
    assert batch == one_by_one
