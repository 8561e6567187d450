"""The indexed near-name search answers exactly what the plain one answers, for names short and
long, with the name asked about left out."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from perfrules.errors.text import NearNames, closest_name

letters = st.sampled_from("ab巡察工作率x1")
names = st.text(alphabet=letters, min_size=0, max_size=30)


@given(st.sets(names, max_size=25), names)
def test_the_index_agrees_with_the_plain_search(known: set[str], asked: str) -> None:
    index = NearNames(known)
    assert index.closest(asked) == closest_name(asked, known)
    assert index.closest(asked, besides=asked) == closest_name(asked, known - {asked})


def test_long_names_are_found_by_direct_comparison() -> None:
    long = "年度重点工作任务完成情况及其成效评价指标体系之一的得分"
    assert len(long) > NearNames.INDEXED
    index = NearNames([long, "巡察工作"])
    assert index.closest(long[:-1] + "二") == long
    assert index.closest("巡查工作") == "巡察工作"
    assert index.closest("ab") is None
