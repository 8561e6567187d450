"""Reading facts, one rule per test: numbers, units, labels, dates, histories, every INVALID reason
word for word, how a refused value is quoted, and which facts the fast readers take.

The fast path is detected by making the general path raise (as tests/engine/test_fast_path.py does):
a plain number or label within bounds must be decided without it, with the same result.
"""

from datetime import date, datetime
from decimal import Decimal

import pytest

import perfrules
from perfrules import FactsError, Limits, Quantity, Status
from perfrules.engine.facts import MISSING, SLOW
from perfrules.engine.general import General

D = Decimal
YEAR_END = date(2023, 12, 31)

RULESET = (
    "year 2023\n巡察 >= 2 轮\n平台 == 完成\n成本 <= 90 万元\n参与 >= 2 万人\n培训: 培训 >= 5 次 and 测试 == 完成\n"
)
UNDATED = '历史记录中的每一项都应带日期，如 {"value": …, "date": "2023-06-30"}，而不是 '


def doubles():
    return perfrules.compile("unit 双 = 2 次\nfact 鞋 in 次\n鞋 >= 5 次\nfact 袜 in 双\n袜 >= 5 次\n")


def result(facts, name, rules=None, as_of=YEAR_END):
    """`name`'s result; the rules, unless given, compiled afresh, so that each test (and each
    mutant under mutation testing) compiles them and reads facts with what compiling made."""
    rules = rules if rules is not None else perfrules.compile(RULESET)
    return rules.evaluate(facts, as_of=as_of)[name]


def reason(name, raw, rules=None):
    """The reason of an indicator whose one fact is `raw`, which must be INVALID."""
    outcome = result({name: raw}, name, rules)
    assert outcome.status is Status.INVALID
    return outcome.reason


@pytest.fixture
def fast_only(monkeypatch):
    """Make the general path raise, so that only facts the fast path decides can be evaluated."""

    def general(*_arguments):
        raise AssertionError("the general path was taken")

    monkeypatch.setattr(General, "fallback", general)


# numbers with units


@pytest.mark.parametrize(
    ("raw", "amount"),
    [
        ("3 轮", D(3)),
        ("3轮", D(3)),
        (" 1,234.5 轮 ", D("1234.5")),
        ("1,234,567", D(1234567)),
        ("+3 轮", D(3)),
        ("- 3 轮", D(-3)),
        ("-1,000.25", D("-1000.25")),
        ("０.５ 轮", D("0.5")),
        ("2", D(2)),
        (3, D(3)),
        (2.5, D("2.5")),
        (0.1, D("0.1")),
        (D("2.50"), D("2.50")),
    ],
)
def test_numbers_are_read_with_signs_separators_and_units(raw, amount):
    """Numbers, with or without the unit, a sign and thousands separators, are read exactly."""
    assert result({"巡察": raw}, "巡察").value == Quantity(amount, "轮")


@pytest.mark.parametrize(
    ("raw", "amount", "status"),
    [
        ("1,234.5 万元", D("1234.5"), Status.NOT_MET),
        ("900,001 元", D("90.0001"), Status.NOT_MET),
        ("900,000 元", D(90), Status.MET),
        ("0.9 亿元", D(9000), Status.NOT_MET),
        ("89 万元", D(89), Status.MET),
        (900000, D(900000), Status.NOT_MET),
    ],
)
def test_money_in_another_unit_converts_exactly(raw, amount, status):
    """A fact in 元 or 亿元 for a target in 万元 is converted exactly; a bare number is in the target's unit."""
    outcome = result({"成本": raw}, "成本")
    assert (outcome.status, outcome.value) == (status, Quantity(amount, "万元"))


def test_a_declared_unit_converts_facts_by_its_factor():
    """With `unit 双 = 2 次`, "3 双" is 6 次, and a bare 3 for a fact declared in 双 is 6 次 too."""
    report = doubles().evaluate({"鞋": "3 双", "袜": 3})
    assert (report["鞋"].status, report["鞋"].value) == (Status.MET, Quantity(D(6), "次"))
    assert (report["袜"].status, report["袜"].value) == (Status.MET, Quantity(D(6), "次"))
    assert doubles().evaluate({"袜": D("2.4")})["袜"].value == Quantity(D("4.8"), "次")
    history = [{"value": D(2), "date": "2023-01-01"}]
    assert doubles().evaluate({"袜": history, "鞋": [{"value": "2 双", "date": "2023-01-01"}]})["袜"].value == Quantity(
        D(4), "次"
    )


# INVALID reasons, word for word


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("x" * 40, "应为数值，而不是 “" + "x" * 40 + "”"),
        ("x" * 41, "应为数值，而不是 “" + "x" * 40 + "…”"),
        ("很多", "应为数值，而不是 “很多”"),
        (True, "应为数值，而不是 True"),
        ((1, 2), "应为数值，而不是 tuple 类型的值"),
        ({1}, "应为数值，而不是 set 类型的值"),
        (float("inf"), "inf 不是有限的数值"),
        (D("-Infinity"), "-Infinity 不是有限的数值"),
        (D("sNaN"), "sNaN 不是有限的数值"),
        ("1e3", "“1e3” 用了科学计数法；数值要完整书写，如 1000，而不是 1e3"),
        ("2.5E-1 轮", "“2.5E-1 轮” 用了科学计数法；数值要完整书写，如 1000，而不是 1e3"),
        ("1,00,000", "“1,00,000” 的千位分隔符位置不对：每三位一组，如 1,000,000"),
        ("1,0000", "“1,0000” 的千位分隔符位置不对：每三位一组，如 1,000,000"),
        ("3 斤", "未知单位 斤"),
        ("3 元", "单位 元 与 轮 不是同一量纲"),
        ("3%", "单位 % 与 轮 不是同一量纲"),
        ("完\u200b成", "“完U+200B成” 含有不可见字符或控制字符 U+200B，请删除"),
        (D("1E-150"), "数值超出范围：数量级应在10^±100以内"),
        (D("-1E-101"), "数值超出范围：数量级应在10^±100以内"),
        (D("1E+101"), "数值超出范围：数量级应在10^±100以内"),
        (D("1234567890123456789012345678901234E+100"), "数值超出范围：数量级应在10^±100以内"),
        (D("12345678901234567890123456789012345"), "数值超过34位有效数字，无法精确表示"),
        (10**34, "数值超过34位有效数字，无法精确表示"),
        (-(10**34), "数值超过34位有效数字，无法精确表示"),
        pytest.param(10**5000, "数值超过34位有效数字，无法精确表示", id="10**5000"),
    ],
)
def test_a_number_fact_that_cannot_be_read_says_why(raw, why):
    """Each way a number is refused gives its own reason, quoting the value as given."""
    assert reason("巡察", raw) == "“巡察”的数据无法使用：" + why


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        (5, "应为标签（如“完成”），而不是 5"),
        (500, "应为标签（如“完成”），而不是 500"),
        (-7, "应为标签（如“完成”），而不是 -7"),
        (1.5, "应为标签（如“完成”），而不是 1.5"),
        (D("2.50"), "应为标签（如“完成”），而不是 2.50"),
        (10**39, "应为标签（如“完成”），而不是 1" + "0" * 39),
        (10**40, "应为标签（如“完成”），而不是 41 位的整数"),
        (-(10**40), "应为标签（如“完成”），而不是 41 位的整数"),
        pytest.param(10**4000 - 1, "应为标签（如“完成”），而不是 4000 位的整数", id="10**4000-1"),
        pytest.param(10**4000, "应为标签（如“完成”），而不是 4000+ 位的整数", id="10**4000"),
        pytest.param(10**5000, "应为标签（如“完成”），而不是 4000+ 位的整数", id="10**5000"),
        (("a" * 50,), "应为标签（如“完成”），而不是 ('" + "a" * 38),
        ("完成\x00", "“完成U+0000” 含有不可见字符或控制字符 U+0000，请删除"),
    ],
)
def test_a_label_fact_that_cannot_be_read_says_why(raw, why):
    """A label must be non-empty text; anything else is quoted short (long integers by their length)."""
    assert reason("平台", raw) == "“平台”的数据无法使用：" + why


def test_a_decimal_quoted_in_a_reason_is_cut_to_forty_characters():
    """A Decimal that cannot be converted to the base unit is quoted plainly, in at most 40 characters."""
    rules = perfrules.compile("unit 组 = 3 次\nfact 组数 in 组\n组数 >= 1 组\n")
    raw = D("9.999999999999999999999999999999999E-30")  # 34 digits; times 3 needs 35
    assert reason("组数", raw, rules) == (
        "“组数”的数据无法使用：0.00000000000000000000000000000999999999 换算为基本单位后无法精确表示"
    )
    large = perfrules.compile("x >= 1 亿元\n", limits=Limits(max_exponent=1000))
    assert reason("x", D("9E+1000"), large) == "“x”的数据无法使用：9E+1000 换算为基本单位后无法精确表示"


def plain_fact():
    return perfrules.compile("x := a + 1\nx >= 2\n")


def test_a_fact_feeding_a_formula_without_a_unit_takes_the_unit_it_comes_with():
    """A fact with no declared unit is a plain number; given with a unit, the formula is checked with
    that unit when it is evaluated: 3% is a ratio and fits, 3 元 added to 1 does not."""
    assert plain_fact().evaluate({"a": "3%"}).formulas["x"] == Quantity(D("1.03"), "")
    refused = plain_fact().evaluate({"a": "3 元"})["x"]
    assert refused.status is Status.INVALID
    assert refused.reason == "按事实自带的单位，元与比率或纯数值不能相加"
    assert plain_fact().evaluate({"a": "3 元"}).formulas["x"] is None


def test_facts_with_units_into_a_share_are_checked_when_evaluated():
    """预算执行率 := (预算完成数 / 预算数) × 100%, neither declared: 元 ÷ 万元 is a ratio; 元 ÷ 次 is not."""
    rules = perfrules.compile("year 2023\n预算执行率 := (预算完成数 / 预算数) × 100%\n预算执行率 ≥ 90%\n")
    met = rules.evaluate({"预算完成数": "11,000,000 元", "预算数": "1200 万元"}, as_of=YEAR_END)
    assert (met["预算执行率"].status, str(met.formulas["预算执行率"])) == (
        Status.MET,
        "91.66666666666666666666666666666667%",
    )
    wrong = rules.evaluate({"预算完成数": "11,000,000 元", "预算数": "12 次"}, as_of=YEAR_END)["预算执行率"]
    assert (wrong.status, wrong.reason) == (
        Status.INVALID,
        "按事实自带的单位，“预算执行率”算得元·次^-1，而规则集按比率或纯数值比较",
    )
    mixed = rules.evaluate({"预算完成数": "11,000,000 元", "预算数": 12_000_000}, as_of=YEAR_END)["预算执行率"]
    assert mixed.status is Status.INVALID


def test_one_fact_given_in_two_dimensions_is_invalid():
    history = [{"value": "3 元", "date": "2023-01-01"}, {"value": "3 次", "date": "2023-02-01"}]
    result = plain_fact().evaluate({"a": history})["x"]
    assert (result.status, result.reason) == (Status.INVALID, "“a”的数据无法使用：各次记录的单位 元 与 次 不是同一量纲")


def test_a_bare_target_compares_in_the_unit_the_fact_comes_with():
    """完工率 100 with 100%: the target is read in %, and the reason says so."""
    rules = perfrules.compile("year 2023\n完工率 100\n资金金额 43.2\n")
    report = rules.evaluate({"完工率": "100%", "资金金额": "37.24 万元"}, as_of=YEAR_END)
    assert (report["完工率"].status, report["完工率"].value) == (Status.MET, Quantity(D(100), "%"))
    assert report["完工率"].reason == "截至2023-12-31为100%，达到目标≥100（规则集未给单位，按事实自带的单位%计）"
    assert (report["资金金额"].status, report["资金金额"].value) == (Status.NOT_MET, Quantity(D("37.24"), "万元"))
    card = report.score()
    assert [row.score for row in card.rows] == [D("50.00"), D("43.10")]


@pytest.mark.parametrize(("written", "status"), [("≥266米", "MET"), ("≥ 265 米", "NOT_MET"), ("不少于266米", "MET")])
def test_an_actual_copied_with_its_comparator_is_read_as_its_number(written, status):
    rules = perfrules.compile("year 2023\n安装坡面水标尺 ≥266米\n")
    result = rules.evaluate({"安装坡面水标尺": written}, as_of=YEAR_END)["安装坡面水标尺"]
    assert result.status.value == status
    assert "按 26" in result.reason and written in result.reason


# text length


def test_a_text_fact_may_be_exactly_as_long_as_allowed():
    """A fact of max_fact_chars characters is read; one more is refused, counting with separators."""
    rules = perfrules.compile("year 2023\n巡察 >= 2 轮\n平台 == 完成\n", limits=Limits(max_fact_chars=3))
    dated = [{"value": "未完成", "date": "2023-01-01"}]
    report = rules.evaluate({"巡察": "3 轮", "平台": dated}, as_of=YEAR_END)
    assert (report["巡察"].status, report["巡察"].value) == (Status.MET, Quantity(D(3), "轮"))
    assert (report["平台"].status, report["平台"].value) == (Status.NOT_MET, "未完成")
    too_long = rules.evaluate({"巡察": "3  轮", "平台": " 完成 "}, as_of=YEAR_END)
    assert too_long["巡察"].reason == "“巡察”的数据无法使用：文字过长：4 个字符，至多 3 个"
    assert too_long["平台"].reason == "“平台”的数据无法使用：文字过长：4 个字符，至多 3 个"
    wide = perfrules.compile("平台 == 完成\n", limits=Limits(max_fact_chars=1000))
    assert reason("平台", "x" * 1234, wide) == "“平台”的数据无法使用：文字过长：1,234 个字符，至多 1,000 个"


def test_labels_are_normalised_and_trimmed():
    """Labels are NFKC-normalised and trimmed: " 完成 " and full-width forms match their plain spelling."""
    assert result({"平台": " 完成 "}, "平台").status is Status.MET
    assert result({"平台": "\u3000完成\n"}, "平台").status is Status.MET
    assert result({"平台": "完 成"}, "平台").value == "完 成"
    assert result({"平台": "ＯＫ"}, "平台").value == "OK"


# dates and histories


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ({"value": 1}, "带日期的值应恰有 value 和 date 两个键，而不是 value"),
        ({"value": 1, "day": "2023-01-01"}, "带日期的值应恰有 value 和 date 两个键，而不是 value, day"),
        (
            {"value": 1, "date": "2023-01-01", "note": "x"},
            "带日期的值应恰有 value 和 date 两个键，而不是 value, date, note",
        ),
        ({}, "带日期的值应恰有 value 和 date 两个键，而不是 空对象"),
        ({"value": 1, "date": "2023/06/30"}, "日期应写作 YYYY-MM-DD，而不是 “2023/06/30”"),
        ({"value": 1, "date": "2023-6-30"}, "日期应写作 YYYY-MM-DD，而不是 “2023-6-30”"),
        ({"value": 1, "date": 20230630}, "日期应写作 YYYY-MM-DD，而不是 20230630"),
        ({"value": 1, "date": None}, "日期应写作 YYYY-MM-DD，而不是 None"),
        ({"value": 1, "date": "2023-02-30"}, "日期 2023-02-30 不存在"),
        ({"value": 1, "date": "2023-13-01"}, "日期 2023-13-01 不存在"),
        ({"value": "x", "date": "2023-01-01"}, "应为数值，而不是 “x”"),
        ([5], UNDATED + "5"),
        (
            [[0] * 30],
            UNDATED + "[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ",
        ),
        ([{"value": 1}], "带日期的值应恰有 value 和 date 两个键，而不是 value"),
        (
            [
                {"value": 1, "date": "2023-06-30"},
                {"value": 3, "date": "2023-03-01"},
                {"value": 3, "date": "2023-06-30"},
            ],
            "同一天 2023-06-30 有两条记录",
        ),
    ],
)
def test_a_dated_fact_that_cannot_be_read_says_why(raw, why):
    """Dated values need exactly value and date, an existing YYYY-MM-DD day, and one value per day."""
    assert reason("巡察", raw) == "“巡察”的数据无法使用：" + why


def test_dates_may_be_given_as_date_objects():
    """A date or datetime object is as good as its ISO text; a datetime counts by its day."""
    history = [{"value": 1, "date": date(2023, 3, 1)}, {"value": 3, "date": datetime(2023, 9, 30, 23, 59)}]
    assert result({"巡察": history}, "巡察", as_of=date(2023, 9, 29)).value == Quantity(D(1), "轮")
    assert result({"巡察": history}, "巡察", as_of=date(2023, 9, 30)).value == Quantity(D(3), "轮")


def test_a_history_is_read_in_date_order_whatever_order_it_is_given_in():
    """Observations given out of order are sorted by date: the value in force is the latest on or before the day."""
    history = [
        {"value": 3, "date": "2023-09-30"},
        {"value": 1, "date": "2023-03-31"},
        {"value": 2, "date": "2023-06-30"},
    ]
    in_force = {day: result({"巡察": history}, "巡察", as_of=day).value for day in (date(2023, 5, 1), date(2023, 7, 1))}
    assert in_force == {date(2023, 5, 1): Quantity(D(1), "轮"), date(2023, 7, 1): Quantity(D(2), "轮")}
    assert result({"巡察": history}, "巡察").status is Status.MET


# reviewers' scores


def test_a_score_fact_with_a_unit_is_refused_as_an_unknown_unit():
    """A reviewer's score is a plain number: "8 次" names its unit as unknown, in a FactsError."""
    rules = perfrules.compile("year 2023\n平台 == 完成\n")
    report = rules.evaluate({"平台": "完成", "平台:得分": "8 次"}, as_of=YEAR_END)
    with pytest.raises(FactsError) as caught:
        report.score()
    assert str(caught.value) == "“平台:得分” cannot be used: unknown unit 次"
    scored = rules.evaluate({"平台": "完成", "平台:得分": " 95.5 "}, as_of=YEAR_END).score()
    assert scored.rows[0].score == D("95.50")


# the fast readers


def test_labels_not_named_in_the_ruleset_take_the_fast_path(fast_only):
    """Printable, normalised labels without surrounding spaces are taken as they are, one character long or more."""
    for label in ("否", "未完成", "完 成", "基本完成"):
        outcome = result({"平台": label}, "平台")
        assert (outcome.status, outcome.value) == (Status.NOT_MET, label)
    dated = {"value": "否", "date": "2023-01-02"}
    assert result({"平台": dated}, "平台").value == "否"


def test_a_label_exactly_as_long_as_allowed_takes_the_fast_path(fast_only):
    """A label of max_fact_chars characters is plain; it needs no general reading."""
    rules = perfrules.compile("平台 == 完成\n", limits=Limits(max_fact_chars=3))
    assert rules.evaluate({"平台": "未完成"})["平台"].value == "未完成"


@pytest.mark.parametrize("label", ["", " 完成", "完成 ", "ＯＫ", "完成" * 2001])
def test_labels_that_need_reading_take_the_general_path(fast_only, label):
    """Empty, padded, not normalised or too long labels are read the general way."""
    with pytest.raises(AssertionError, match="general path"):
        result({"平台": label}, "平台")


@pytest.mark.parametrize(
    ("raw", "amount"),
    [
        (D("2.50"), D("2.50")),
        (D("-3"), D(-3)),
        (D("1E+100"), D("1E+100")),
        (D("1E-100"), D("1E-100")),
        (10**34 - 1, D(10**34 - 1)),
        (-(10**34 - 1), D(-(10**34 - 1))),
    ],
)
def test_plain_numbers_in_a_base_unit_take_the_fast_path(fast_only, raw, amount):
    """Ints below the integer bound and Decimals within bounds, for a fact in its base unit, are read fast."""
    assert result({"巡察": raw}, "巡察").value == Quantity(amount, "轮")


@pytest.mark.parametrize(
    ("raw", "amount"),
    [
        (80, D(80)),
        (-5, D(-5)),
        (D("12.5"), D("12.5")),
        (D("0.0001"), D("0.0001")),
        (10**34 - 1, D(10**34 - 1)),
        (-(10**34 - 1), D(-(10**34 - 1))),
    ],
)
def test_plain_numbers_in_a_scaled_unit_take_the_fast_path(fast_only, raw, amount):
    """Ints and Decimals for a fact in 万元 are scaled fast and shown back in 万元."""
    outcome = result({"成本": raw}, "成本")
    assert outcome.value == Quantity(amount, "万元")


def test_plain_numbers_in_a_declared_unit_are_scaled_by_its_factor_on_the_fast_path(fast_only):
    """A bare number for a fact declared in a unit of factor 2 is doubled on the fast path too."""
    report = doubles().evaluate({"袜": 3})
    assert (report["袜"].status, report["袜"].value) == (Status.MET, Quantity(D(6), "次"))
    assert doubles().evaluate({"袜": D("2.5")})["袜"].value == Quantity(D(5), "次")


@pytest.mark.parametrize("name", ["巡察", "成本"])
@pytest.mark.parametrize("raw", [10**34, -(10**34), 10**40])
def test_integers_at_the_bound_are_refused(name, raw):
    """|n| = 10**34 is beyond 34 digits, for a base unit and a scaled one alike: INVALID, never a value."""
    assert reason(name, raw) == f"“{name}”的数据无法使用：数值超过34位有效数字，无法精确表示"


def test_the_integer_bound_follows_a_small_exponent_limit(fast_only):
    """With max_exponent=3, ±9999 are plain and read fast; the fast step alone decides them."""
    rules = perfrules.compile("巡察 >= 2 轮\n成本 <= 90 万元\n", limits=Limits(max_exponent=3))
    assert rules.evaluate({"巡察": 9999, "成本": 9999})["巡察"].value == Quantity(D(9999), "轮")
    assert rules.evaluate({"巡察": -9999})["巡察"].value == Quantity(D(-9999), "轮")
    assert rules.evaluate({"成本": -9999})["成本"].value == Quantity(D(-9999), "万元")


@pytest.mark.parametrize("raw", [10**4, -(10**4), D("1E+4"), D("1E-4")])
def test_numbers_beyond_a_small_exponent_limit_are_refused(raw):
    """With max_exponent=3, 10**4 and 10**-4 are out of range: INVALID with the limit in the reason."""
    rules = perfrules.compile("巡察 >= 2 轮\n成本 <= 90 万元\n", limits=Limits(max_exponent=3))
    report = rules.evaluate({"巡察": raw, "成本": raw})
    assert report["巡察"].reason == "“巡察”的数据无法使用：数值超出范围：数量级应在10^±3以内"
    assert report["成本"].reason == "“成本”的数据无法使用：数值超出范围：数量级应在10^±3以内"


def test_the_integer_bound_follows_a_small_digit_limit():
    """With max_digits=3, 999 is a value and 1000 has too many digits, on either side of zero."""
    rules = perfrules.compile("巡察 >= 2 轮\n", limits=Limits(max_digits=3))
    assert rules.evaluate({"巡察": -999})["巡察"].value == Quantity(D(-999), "轮")
    for raw in (1000, -1000):
        assert reason("巡察", raw, rules) == "“巡察”的数据无法使用：数值超过3位有效数字，无法精确表示"


def test_sentinels_name_themselves():
    """MISSING and SLOW print as their names, for debugging."""
    assert (repr(MISSING), repr(SLOW)) == ("MISSING", "SLOW")


@pytest.mark.parametrize("written", ["0,500", "000,500", "0,500.5 元"])
def test_a_first_group_of_zero_is_not_a_thousands_group(written):
    """0,500 reads like a decimal comma: refused as misplaced grouping, never taken as 500."""
    result = perfrules.compile("x >= 1 元\n").evaluate({"x": written})["x"]
    assert result.status is perfrules.Status.INVALID
    assert "千位分隔符" in result.reason


def test_fact_names_written_as_printed_find_their_indicators_from_a_facts_file():
    """Full-width brackets in a facts file's keys, as tables print them, name the fact the ruleset
    reads (NFKC), compound parts included; one fact given both ways is an error, not a value lost."""
    rules = perfrules.compile("足额保障率（参保率） 100%\n培训: 培训（一） >= 5 次 and 测试 >= 1 次\n")
    facts = perfrules.parse_facts('{"足额保障率（参保率）": "100%", "培训": {"培训（一）": 6, "测试": 1}}')
    report = rules.evaluate(facts)
    assert report.statuses() == [Status.MET, Status.MET]
    assert report.warnings == ()
    with pytest.raises(FactsError) as caught:
        perfrules.parse_facts('{"足额保障率（参保率）": "100%", "足额保障率(参保率)": "90%"}')
    assert str(caught.value) == (
        "<facts>: the keys '足额保障率（参保率）' and '足额保障率(参保率)' are the same name, "
        "足额保障率(参保率), given twice"
    )


def test_a_fact_name_given_in_full_width_through_the_api_is_named_in_a_warning():
    """Evaluation takes keys as they are (normalising every key would cost every evaluation);
    a key that is a fact's name in other character forms is said, not silently unused."""
    rules = perfrules.compile("足额保障率（参保率） 100%\n")
    report = rules.evaluate({"足额保障率（参保率）": "100%"})
    assert report.statuses() == [Status.MISSING]
    assert report.warnings == (
        "事实“足额保障率（参保率）”未被使用：规则集中的名称写作“足额保障率(参保率)”"
        "（全角与半角字符视为同一名称，请按此写法给出）",
    )


@pytest.mark.parametrize("blank", [None, float("nan"), D("NaN"), "", "   ", "\u3000"])
def test_a_blank_cell_is_a_missing_fact_not_an_invalid_one(blank):
    """None, NaN and empty text are how spreadsheets and DataFrames give a cell left empty:
    missing, for a number or a label, plain, dated or in a history, as in evaluate_table."""
    for name in ("巡察", "平台"):
        assert result({name: blank}, name).status is Status.MISSING
        assert result({name: {"value": blank, "date": "2023-01-02"}}, name).status is Status.MISSING
    history = [{"value": 3, "date": "2023-01-02"}, {"value": blank, "date": "2023-02-01"}]
    assert result({"巡察": history}, "巡察").value == Quantity(D(3), "轮")
    history.append({"value": 5, "date": "2023-03-01"})  # a gap, then a value: the value is in force
    assert result({"巡察": history}, "巡察").value == Quantity(D(5), "轮")


def test_a_blank_cell_still_needs_a_real_date():
    assert result({"巡察": {"value": None, "date": "2023-02-30"}}, "巡察").status is Status.INVALID


def test_pandas_missing_values_are_blank_cells():
    import pandas

    assert result({"巡察": pandas.NA}, "巡察").status is Status.MISSING
    assert result({"巡察": pandas.NaT}, "巡察").status is Status.MISSING
    assert result({"巡察": pandas.Timestamp("2023-01-01")}, "巡察").status is Status.INVALID  # not blank


def test_a_plain_none_is_missing_on_the_fast_path(fast_only):
    """None, the commonest blank cell, is decided without the general path."""
    assert result({"巡察": None}, "巡察").status is Status.MISSING


def test_numpy_scalars_are_numbers_and_their_nan_is_blank():
    np = pytest.importorskip("numpy")
    rules = perfrules.compile("year 2023\nx >= 3 次\ny >= 0.1\n")
    report = rules.evaluate({"x": np.int64(3), "y": np.float32(0.1)}, as_of=YEAR_END)
    assert (report["x"].value, report["y"].value) == (Quantity(D(3), "次"), Quantity(D("0.1"), ""))
    assert rules.evaluate({"y": np.float64(0.1)}, as_of=YEAR_END)["y"].value == Quantity(D("0.1"), "")
    assert rules.evaluate({"x": np.uint8(5)}, as_of=YEAR_END)["x"].status is Status.MET
    assert rules.evaluate({"x": np.float64("nan"), "y": np.float32("nan")}, as_of=YEAR_END).statuses() == [
        Status.MISSING,
        Status.MISSING,
    ]
    assert rules.evaluate({"x": np.bool_(True)}, as_of=YEAR_END)["x"].status is Status.INVALID


def test_the_executed_amount_is_not_called_unused_when_there_is_a_budget():
    """Monitoring reads 执行数 against the budget, though no indicator names it."""
    with_budget = perfrules.compile("year 2023\nbudget {\n    部门预算总额 := 100 万元\n}\nx >= 1 次\n")
    assert with_budget.evaluate({"x": 1, "执行数": "40 万元"}, as_of=YEAR_END).warnings == ()
    without = perfrules.compile("year 2023\nx >= 1 次\n").evaluate({"x": 1, "执行数": "40 万元"}, as_of=YEAR_END)
    assert without.warnings == ("事实“执行数”未被任何指标或公式使用",)


def test_numpy_infinity_is_not_a_number_and_not_a_time_is_blank():
    np = pytest.importorskip("numpy")
    rules = perfrules.compile("year 2023\ny >= 0.1\n")
    assert rules.evaluate({"y": np.float32("inf")}, as_of=YEAR_END)["y"].status is Status.INVALID
    assert rules.evaluate({"y": np.datetime64("NaT")}, as_of=YEAR_END)["y"].status is Status.MISSING
    assert rules.evaluate({"y": np.timedelta64("NaT")}, as_of=YEAR_END)["y"].status is Status.MISSING


def test_a_fact_given_in_two_units_of_one_factor_shows_in_the_first():
    history = [{"value": "3 米", "date": "2023-01-01"}, {"value": "4 m", "date": "2023-02-01"}]
    result = perfrules.compile("year 2023\n长度 5\n").evaluate({"长度": history}, as_of=YEAR_END)["长度"]
    assert result.value == Quantity(D(4), "米")
