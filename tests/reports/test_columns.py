"""Tables on a narrow terminal: columns give way widest first (never below six columns, never the
kept ones), cut cells end in `…`, long reasons wrap, and nothing is lost when there is room."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from perfrules.errors.text import text_width
from perfrules.reports.columns import NARROWEST, cut, fit, line, wrap

texts = st.text(alphabet=st.sampled_from("ab c巡察工作≥%次，"), max_size=60)


@given(texts, st.integers(min_value=1, max_value=40))
def test_a_cut_cell_fits_and_keeps_its_start(text: str, width: int) -> None:
    shown = cut(text, width)
    assert text_width(shown) <= width
    assert shown == text or (shown.endswith("…") and text.startswith(shown[:-1]))


@given(st.lists(st.integers(min_value=1, max_value=40), min_size=1, max_size=8), st.integers(10, 200))
def test_fitted_columns_fit_unless_all_are_at_their_narrowest(widths: list[int], room: int) -> None:
    fitted = fit(widths, room, indent=2)
    assert all(min(width, NARROWEST) <= new <= width for width, new in zip(widths, fitted, strict=True))
    total = 2 + sum(fitted) + 2 * (len(fitted) - 1)
    assert total <= room or all(
        new == min(width, NARROWEST) or new <= NARROWEST for width, new in zip(widths, fitted, strict=True)
    )


def test_widest_columns_give_way_first_and_kept_ones_stay() -> None:
    assert fit([20, 10, 6, 8, 10], 50, indent=2) == [8, 9, 6, 8, 9]
    assert fit([20, 16, 10], 40, keep=(1,)) == [10, 16, 10]
    assert fit([20, 16, 10], None) == [20, 16, 10]
    assert fit([20], 5, keep=(0,)) == [20]


def test_a_line_cuts_and_pads_its_cells() -> None:
    assert line(["纪检监察干部培训", "达成 MET", "x"], [9, 8, 1], indent="  ") == "  纪检监察…  达成 MET  x"


@given(texts, st.integers(min_value=12, max_value=60))
def test_wrapped_lines_fit_and_keep_every_character(text: str, room: int) -> None:
    lines = wrap(text, room, "  ↳ ", "    ")
    assert all(text_width(each) <= room for each in lines)
    assert lines[0].startswith("  ↳ ")
    rejoined = "".join(each[4:] for each in lines)
    assert rejoined.replace(" ", "") == text.replace(" ", "")


def test_english_wraps_at_spaces_and_chinese_between_characters() -> None:
    english = "as of 2023-10-31 the value was 4 次, not yet meeting the target"
    assert wrap(english, 40, "  ↳ ", "    ") == [
        "  ↳ as of 2023-10-31 the value was 4 次,",
        "    not yet meeting the target",
    ]
    assert wrap("截至2023-10-31为4 次，尚未达到目标≥6 次", 30, "  ↳ ", "    ") == [
        "  ↳ 截至2023-10-31为4 次，尚未",
        "    达到目标≥6 次",
    ]
    assert wrap("short", None, "  ↳ ", "    ") == ["  ↳ short"]
