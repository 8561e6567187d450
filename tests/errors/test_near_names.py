"""The indexed near-name search answers exactly what the plain one answers, for names short and
long, with the name asked about left out."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from perfrules.errors.text import NearNames, _distance, closest_name

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


def levenshtein(first: str, second: str) -> int:
    previous = list(range(len(second) + 1))
    for row, char in enumerate(first, start=1):
        current = [row]
        for column, other in enumerate(second, start=1):
            current.append(min(previous[column] + 1, current[column - 1] + 1, previous[column - 1] + (char != other)))
        previous = current
    return previous[-1]


@given(names, names, st.integers(min_value=1, max_value=4))
def test_the_banded_distance_is_the_edit_distance_up_to_its_cap(first: str, second: str, cap: int) -> None:
    assert _distance(first, second, cap) == min(levenshtein(first, second), cap)


@given(st.sets(names, max_size=25), names)
def test_the_search_is_the_first_nearest_name_in_order(known: set[str], asked: str) -> None:
    """What closest_name answers: the first name (sorted) at the least distance, within reach."""
    reach = 1 if len(asked) <= 4 else 2
    at = {name: levenshtein(asked, name) for name in known}
    nearest = min(at.values(), default=None)
    expected = min(name for name in known if at[name] == nearest) if nearest is not None else None
    if len(asked) < 3 or nearest is None or nearest > reach:
        expected = None
    assert closest_name(asked, known) == expected
