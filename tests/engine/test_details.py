"""What reasons name in detail, as codes and words: every reader code (why a fact cannot be read)
and every dimension code (why facts' own units do not fit a formula) reached by a real evaluation,
with the Chinese and English reason and `detail_code` in to_dict(); the notes on how a value was
read with their `note_code`; and the detail tables in step."""

from datetime import date
from decimal import Decimal

import pytest

import perfrules
from perfrules.engine import details, reasons
from perfrules.engine.facts import Invalid, read_fact
from perfrules.errors.phrases import placeholders
from perfrules.language.checked import FactSpec
from perfrules.language.limits import Limits

YEAR_END = date(2023, 12, 31)
RULESET = "year 2023\n巡察 >= 2 轮\n平台 == 完成\n成本 <= 90 万元\n"
THIRDS = "unit 组 = 3 次\nfact 组数 in 组\n组数 >= 1 组\n"
UNDECLARED = "year 2023\nr := a * 2\nr >= 1\n"
UNDATED = '{"value": …, "date": "2023-06-30"}'

READER = [
    ("not-a-number", RULESET, "巡察", "abc", "应为数值，而不是 “abc”", "expected a number, not “abc”"),
    ("not-a-number", RULESET, "巡察", True, "应为数值，而不是 True", "expected a number, not True"),
    (
        "unsupported-type",
        RULESET,
        "巡察",
        1j,
        "应为数值，而不是 complex 类型的值",
        "expected a number, not a value of type complex",
    ),
    ("not-finite", RULESET, "巡察", float("inf"), "inf 不是有限的数值", "inf is not a finite number"),
    (
        "too-many-digits",
        RULESET,
        "巡察",
        10**40,
        "数值超过34位有效数字，无法精确表示",
        "the number has more than 34 significant digits, which cannot be held exactly",
    ),
    (
        "out-of-range",
        RULESET,
        "巡察",
        Decimal("1E+101"),
        "数值超出范围：数量级应在10^±100以内",
        "the number is out of range: its order of magnitude must be within 10^±100",
    ),
    (
        "inexact-conversion",
        THIRDS,
        "组数",
        Decimal("9.999999999999999999999999999999999E-30"),
        "0.00000000000000000000000000000999999999 换算为基本单位后无法精确表示",
        "0.00000000000000000000000000000999999999 cannot be held exactly once converted to the base unit",
    ),
    (
        "exponent",
        RULESET,
        "巡察",
        "1e3",
        "“1e3” 用了科学计数法；数值要完整书写，如 1000，而不是 1e3",
        "“1e3” uses scientific notation; write the number out in full, as 1000, not 1e3",
    ),
    (
        "bad-grouping",
        RULESET,
        "巡察",
        "1,00",
        "“1,00” 的千位分隔符位置不对：每三位一组，如 1,000,000",
        "“1,00” has its thousands separators in the wrong places: group digits by three, as 1,000,000",
    ),
    ("unknown-unit", RULESET, "巡察", "3 斤", "未知单位 斤", "unknown unit 斤"),
    (
        "other-dimension",
        RULESET,
        "成本",
        "120 次",
        "单位 次 与 万元 不是同一量纲",
        "the unit 次 is not of the same dimension as 万元",
    ),
    (
        "mixed-dimensions",
        UNDECLARED,
        "a",
        [{"value": "100 元", "date": "2023-03-31"}, {"value": "3 次", "date": "2023-06-30"}],
        "各次记录的单位 元 与 次 不是同一量纲",
        "the records' units 元 and 次 are not of the same dimension",
    ),
    ("not-a-label", RULESET, "平台", 5, "应为标签（如“完成”），而不是 5", "expected a label (such as “完成”), not 5"),
    (
        "not-a-label",
        RULESET,
        "平台",
        10**40,
        "应为标签（如“完成”），而不是 41 位的整数",
        "expected a label (such as “完成”), not a 41-digit integer",
    ),
    (
        "text-too-long",
        RULESET,
        "平台",
        "完" * 20_000,
        "文字过长：20,000 个字符，至多 4,000 个",
        "the text is too long: 20,000 characters, at most 4,000",
    ),
    (
        "hidden-character",
        RULESET,
        "平台",
        "完成\u200b",
        "“完成U+200B” 含有不可见字符或控制字符 U+200B，请删除",
        "“完成U+200B” holds an invisible or control character, U+200B: delete it",
    ),
    (
        "bad-date",
        RULESET,
        "巡察",
        [{"value": 3, "date": "2023/06/30"}],
        "日期应写作 YYYY-MM-DD，而不是 “2023/06/30”",
        "a date must be written YYYY-MM-DD, not “2023/06/30”",
    ),
    (
        "no-such-date",
        RULESET,
        "巡察",
        [{"value": 3, "date": "2023-02-30"}],
        "日期 2023-02-30 不存在",
        "the date 2023-02-30 does not exist",
    ),
    (
        "history-item-undated",
        RULESET,
        "巡察",
        [3],
        f"历史记录中的每一项都应带日期，如 {UNDATED}，而不是 3",
        f"each item of a history needs a date, as in {UNDATED}, not 3",
    ),
    (
        "dated-value-keys",
        RULESET,
        "巡察",
        {"value": 3},
        "带日期的值应恰有 value 和 date 两个键，而不是 value",
        "a dated value needs exactly the keys value and date, not value",
    ),
    (
        "dated-value-keys",
        RULESET,
        "巡察",
        {},
        "带日期的值应恰有 value 和 date 两个键，而不是 空对象",
        "a dated value needs exactly the keys value and date, not an empty object",
    ),
    (
        "same-day-twice",
        RULESET,
        "巡察",
        [{"value": 3, "date": "2023-06-30"}, {"value": 4, "date": "2023-06-30"}],
        "同一天 2023-06-30 有两条记录",
        "there are two records for the same day, 2023-06-30",
    ),
]

UNFIT = [
    (
        "units-cannot-add",
        "r := a + b",
        {"a": "100 元", "b": "3 次"},
        "按事实自带的单位，元与次不能相加",
        "in the units the facts came with, 元 and 次 cannot be added",
    ),
    (
        "units-cannot-subtract",
        "r := a - b",
        {"a": "100 元", "b": 3},
        "按事实自带的单位，元与比率或纯数值不能相减",
        "in the units the facts came with, 元 and a ratio or a plain number cannot be subtracted",
    ),
    (
        "formula-in-other-dimension",
        "r := a / b × 100%",
        {"a": "100 元", "b": "3 次"},
        "按事实自带的单位，“r”算得元·次^-1，而规则集按比率或纯数值比较",
        "in the units the facts came with, “r” comes out as 元·次^-1, but the ruleset compares it as a ratio or"
        " a plain number",
    ),
]

NOTES = [
    (
        "read-as",
        "巡察 >= 2 轮",
        {"巡察": "≥3轮"},
        "met",
        "截至2023-12-31为3 轮，达到目标≥2 轮（实际值写作“≥3轮”，按 3 轮 计）",
        "as of 2023-12-31 the value was 3 轮, meeting the target ≥2 轮 (the actual is written “≥3轮”, read as 3 轮)",
    ),
    (
        "unit-from-fact",
        "x >= 100",
        {"x": "100%"},
        "met",
        "截至2023-12-31为100%，达到目标≥100（规则集未给单位，按事实自带的单位%计）",
        "as of 2023-12-31 the value was 100%, meeting the target ≥100"
        " (the ruleset gives no unit: read in the fact's own unit, %)",
    ),
    (
        "asserted",
        "x <= 30 万元",
        {"x": "完成"},
        "met-asserted",
        "截至2023-12-31填报为“完成”，认定达到目标≤30 万元（填报人认定，非实测值）",
        "as of 2023-12-31 it was reported as “完成”, taken as meeting the target ≤30 万元"
        " (asserted by the reporter, not measured)",
    ),
]


def evaluated(text, facts, name):
    return perfrules.compile(text).evaluate(facts, as_of=YEAR_END)[name]


def codes(result, language):
    data = result.to_dict(language)
    return data["reason"], data["reason_code"], data.get("detail_code"), data.get("note_code")


@pytest.mark.parametrize(("code", "text", "name", "raw", "zh", "en"), READER, ids=[case[0] for case in READER])
def test_each_reader_code_is_the_detail_of_an_invalid_fact_in_both_languages(code, text, name, raw, zh, en):
    """The reason names why in the language it is read in; JSON carries the reader's code beside it."""
    result = evaluated(text, {name: raw}, name if name != "a" else "r")
    assert (result.status, result.reason_code, result.detail_code, result.note_code) == (
        perfrules.Status.INVALID,
        "invalid-fact",
        code,
        None,
    )
    assert result.reason == f"“{name}”的数据无法使用：{zh}"
    assert result.reason_in("en") == f"the data for “{name}” cannot be used: {en}"
    assert codes(result, "zh") == (result.reason, "invalid-fact", code, None)
    assert codes(result, "en") == (result.reason_in("en"), "invalid-fact", code, None)


def test_every_reader_code_is_reached_above_but_an_empty_label():
    """A label that normalises to nothing is refused by the reader, but evaluation never hands it one:
    text of spaces only is a blank cell, a missing fact (no character normalises to spaces only)."""
    assert {case[0] for case in READER} | {"empty-label"} == set(details.UNREADABLE)
    read = read_fact(FactSpec("平台", None), "", {}, Limits())
    assert isinstance(read, Invalid) and read.detail.code == "empty-label"
    assert (read.reason, read.detail.text("en")) == ("标签为空", "the label is empty")


@pytest.mark.parametrize(("code", "formula", "facts", "zh", "en"), UNFIT, ids=[case[0] for case in UNFIT])
def test_each_dimension_code_says_why_units_do_not_fit_in_both_languages(code, formula, facts, zh, en):
    result = evaluated(f"year 2023\n{formula}\nr >= 90%\n", facts, "r")
    assert (result.reason_code, result.detail_code, result.reason, result.reason_in("en")) == (
        "units-disagree",
        code,
        zh,
        en,
    )
    assert codes(result, "zh") == (zh, "units-disagree", code, None)
    assert codes(result, "en") == (en, "units-disagree", code, None)


def test_every_dimension_code_is_reached_above():
    assert {case[0] for case in UNFIT} == set(details.UNFIT)


@pytest.mark.parametrize(("code", "line", "facts", "reason_code", "zh", "en"), NOTES, ids=[case[0] for case in NOTES])
def test_each_note_on_how_a_value_was_read_has_its_code(code, line, facts, reason_code, zh, en):
    result = evaluated(f"year 2023\n{line}\n", facts, next(iter(facts)))
    assert (result.reason_code, result.note_code, result.detail_code) == (reason_code, code, None)
    assert (result.reason, result.reason_in("en")) == (zh, en)
    assert codes(result, "zh") == (zh, reason_code, None, code)
    assert codes(result, "en") == (en, reason_code, None, code)


def test_every_note_code_is_reached_above_and_a_plain_value_has_none():
    assert {case[0] for case in NOTES} == set(reasons.NOTE_CODES)
    result = evaluated("year 2023\nx >= 2 次\n", {"x": 3}, "x")
    assert (result.note_code, result.detail_code) == (None, None)
    assert {"note_code", "detail_code"}.isdisjoint(result.to_dict())


def test_a_compound_carries_detail_codes_on_its_parts():
    result = evaluated(
        "year 2023\n培训: 培训 >= 5 次 and 考核 == 合格\n", {"培训": {"培训": "abc", "考核": "合格"}}, "培训"
    )
    data = result.to_dict("en")
    assert "detail_code" not in data
    assert [part.get("detail_code") for part in data["parts"]] == ["not-a-number", None]
    assert data["parts"][0]["reason"] == "the data for “培训.培训” cannot be used: expected a number, not “abc”"


def test_the_detail_tables_word_every_code_with_the_same_placeholders():
    assert details.ZH.keys() == details.EN.keys()
    for code, words in details.ZH.items():
        assert placeholders(words) == placeholders(details.EN[code]), code
    assert set(details.DETAILS) <= details.ZH.keys()
    assert len(set(details.DETAILS)) == len(details.DETAILS)
