"""Hypothesis strategies shared by the layers' tests."""

from datetime import date

from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark

from perfrules.language import parser_tables
from perfrules.language.parser import grammar_text

GRAMMAR = parser_tables.build(grammar_text())
"""The ruleset grammar as lark analyses it, for generating text from it."""


def terminals() -> dict[str, st.SearchStrategy[str]]:
    """Realistic values for the grammar's terminals: table-like names, units, numbers and dates."""
    names = st.text(alphabet=st.sampled_from("巡察工作监督平台完成率“”《》abcXYZ_"), min_size=1, max_size=6).filter(
        lambda name: not name[0].isdigit()
    )
    dates = st.dates(min_value=date(1900, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat)
    return {
        "NAME": names,
        "QUOTED_NAME": names.map(lambda name: f"`{name}`"),
        "UNIT": st.sampled_from(["次", "轮", "人次", "%", "元", "万元", "篇", "斤"]),
        "STRING": st.sampled_from(['"说明"', '"a\\"b"', '""']),
        "NUMBER": st.from_regex(r"[0-9]{1,4}(\.[0-9]{1,3})?|[0-9]{1,3}(,[0-9]{3}){1,2}", fullmatch=True),
        "INT": st.integers(min_value=0, max_value=10000).map(str),
        "DATE": dates | st.sampled_from(["2023-02-30", "2023-13-01"]),
        "MONTH_END": st.integers(min_value=0, max_value=14).map(lambda month: f"{month}月底前"),
        "DAY_BEFORE": st.sampled_from(["12月31日前", "2月30日前", "2024年2月29日前"]),
        "YEAR_END": st.sampled_from(["年底前", "2024年年底前"]),
        "COMMENT": st.just("# 注释"),
        "WS": st.sampled_from([" ", "\t", "\u3000"]),
    }


def ruleset_texts() -> st.SearchStrategy[str]:
    """Text the grammar derives: valid in form, but with every semantic problem possible."""
    return from_lark(GRAMMAR, explicit=terminals())
