"""Numbers, units and quantities pinned with exact values, at and around their edges.

Rounding (half away from zero by default, half-even where asked, ties included), the bounds of
numbers (digits, exponents both ways, the integer bound), policy settings and the messages that
quote them, plain and readable formatting, dimensions and their names, and the built-in units.
"""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

import perfrules
from perfrules import MonitoringPolicy, Quantity, RulesetError, ScoringPolicy, Target, UsageError
from perfrules.quantities.arithmetic import (
    bounds,
    bounds_problem,
    fraction_text,
    integer_bound,
    number_text,
    plain,
    rounded,
)
from perfrules.quantities.units import PERCENT, PLAIN, RATIO, Dimension, Unit, builtin_units

D = Decimal
F = Fraction
YEAR_END = date(2023, 12, 31)


def setting_error(value):
    """The message of the UsageError a scoring setting of `value` raises."""
    with pytest.raises(UsageError) as caught:
        ScoringPolicy(overachievement=value)
    return str(caught.value)


# rounding


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (D("2.5"), 0, "3"),
        (D("-2.5"), 0, "-3"),
        (D("3.5"), 0, "4"),
        (D("0.5"), 0, "1"),
        (D("0.125"), 2, "0.13"),
        (D("-0.125"), 2, "-0.13"),
        (F(5, 2), 0, "3"),
        (D("2.4999999999"), 0, "2"),
        (D("2.5000000001"), 0, "3"),
    ],
)
def test_rounding_is_half_away_from_zero_by_default(value, places, expected):
    """Without half_even a tie rounds away from zero, on both sides of zero."""
    assert str(rounded(value, places)) == expected


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (D("2.5"), 0, "2"),
        (D("3.5"), 0, "4"),
        (D("4.5"), 0, "4"),
        (D("5.5"), 0, "6"),
        (D("0.5"), 0, "0"),
        (D("-2.5"), 0, "-2"),
        (D("0.125"), 2, "0.12"),
        (D("0.135"), 2, "0.14"),
        (D("2.5000000001"), 0, "3"),
        (D("2.4999999999"), 0, "2"),
    ],
)
def test_half_even_rounding_sends_ties_to_the_even_neighbour(value, places, expected):
    """With half_even a tie goes to the even last digit (2.5 → 2, 3.5 → 4, 4.5 → 4); non-ties round normally."""
    assert str(rounded(value, places, half_even=True)) == expected


def test_rounding_keeps_trailing_zeros_and_never_writes_minus_zero():
    """rounded() keeps the places asked for (9.50), and a negative that rounds to nothing is 0.00, not -0.00."""
    assert str(rounded(D("9.5"), 2)) == "9.50"
    assert str(rounded(D("-0.001"), 2)) == "0.00"
    assert str(rounded(0, 1)) == "0.0"


# fraction_text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (F(36, 5), "7.2"),
        (F(5, 4), "1.25"),
        (F(1, 5), "0.2"),
        (F(1, 25), "0.04"),
        (F(1, 125), "0.008"),
        (F(3, 40), "0.075"),
        (F(7), "7"),
        (F(1, 10**30), "0.000000000000000000000000000001"),
        (F(1, 5**24), "0.000000000000000016777216"),
        (F(-3, 8), "-0.375"),
    ],
)
def test_a_terminating_fraction_is_written_exactly(value, expected):
    """A fraction whose denominator has only 2s and 5s is written in full, however many places it needs."""
    assert fraction_text(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (F(100, 3), "≈33.3333"),
        (F(2, 3), "≈0.6667"),
        (F(-2, 3), "≈-0.6667"),
        (F(1, 6), "≈0.1667"),
        (F(1, 2**61 + 2), "≈0"),
    ],
)
def test_a_repeating_fraction_is_rounded_and_marked(value, expected):
    """Any other fraction is rounded to four places and marked ≈, even when its denominator is nearly a power of 2."""
    assert fraction_text(value) == expected


def test_fraction_text_takes_the_places_asked_for():
    """fraction_text(value, places) rounds a repeating fraction to that many places."""
    assert fraction_text(F(2, 3), 2) == "≈0.67"
    assert fraction_text(F(2, 3), 0) == "≈1"


# plain and number_text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", "0"),
        ("-0.00", "0"),
        ("1.500", "1.5"),
        ("100", "100"),
        ("1E+3", "1000"),
        ("120.0", "120"),
        ("-0.0500", "-0.05"),
        ("1E-5", "0.00001"),
    ],
)
def test_plain_writes_decimals_without_exponent_or_trailing_zeros(value, expected):
    """plain() writes every number in full, dropping fractional trailing zeros (and the point they leave)."""
    assert plain(D(value)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1.5", "1.5"),
        ("-7", "-7"),
        ("1E+30", "1000000000000000000000000000000"),
        ("1E+31", "1E+31"),
        ("-1E+31", "-1E+31"),
        ("1E-30", "0.000000000000000000000000000001"),
        ("1E-31", "1E-31"),
        ("1.5E+150", "1.5E+150"),
        ("1E-150", "1E-150"),
        ("NaN", "NaN"),
        ("-Infinity", "-Infinity"),
    ],
)
def test_number_text_is_plain_up_to_thirty_places_and_scientific_beyond(value, expected):
    """A number quoted in a message is plain while its magnitude is within 10^±30, else written 1E+31 (capital E)."""
    assert number_text(D(value)) == expected


# bounds


@pytest.mark.parametrize(
    ("number", "problem"),
    [
        ("1E+100", None),
        ("9.999999999999999999999999999999999E+100", None),
        ("1E-100", None),
        ("0", None),
        ("1E+101", "exponent"),
        ("1E-101", "exponent"),
        ("1E-150", "exponent"),
        ("-1E-150", "exponent"),
        ("1234567890123456789012345678901234E+100", "exponent"),
        ("1234567890123456789012345678901234", None),
        ("12345678901234567890123456789012345", "digits"),
        ("1." + "0" * 34, "digits"),
    ],
)
def test_bounds_problem_names_the_bound_a_number_breaks(number, problem):
    """Within 34 digits and 10^±100 a number is fine; else "digits" if it has too many, "exponent" otherwise."""
    assert bounds_problem(bounds(34, 100), D(number)) == problem


def test_bounds_tell_a_magnitude_problem_from_a_digits_problem_at_exactly_the_digit_limit():
    """A number with exactly as many digits as allowed but too large or too small breaks the exponent bound."""
    within = bounds(3, 5)
    assert bounds_problem(within, D("1.23E+5")) is None
    assert bounds_problem(within, D("1.23E+6")) == "exponent"
    assert bounds_problem(within, D("1.23E-6")) == "exponent"
    assert bounds_problem(within, D("1.234")) == "digits"


@pytest.mark.parametrize(
    ("digits", "exponent", "bound"), [(34, 100, 10**34), (34, 3, 10**4), (6, 4, 10**5), (3, 10, 10**3)]
)
def test_integer_bound_is_ten_to_the_smaller_of_digits_and_exponent_plus_one(digits, exponent, bound):
    """integer_bound(d, e) is 10**min(d, e + 1): whole numbers below it in size keep both bounds, it does not."""
    assert integer_bound(digits, exponent) == bound
    within = bounds(digits, exponent)
    assert bounds_problem(within, D(bound - 1)) is None
    assert bounds_problem(within, D(-(bound - 1))) is None
    assert bounds_problem(within, D(bound)) is not None
    assert bounds_problem(within, D(-bound)) is not None


# settings


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (True, "True is not a number"),
        ([1.3], "list is not a number"),
        (None, "NoneType is not a number"),
        (-5, "-5 is not usable here: expected a number of 0 or more"),
        (-500, "-500 is not usable here: expected a number of 0 or more"),
        (-1.5, "-1.5 is not usable here: expected a number of 0 or more"),
        ("-1", "'-1' is not usable here: expected a number of 0 or more"),
        (D("-7"), "-7 is not usable here: expected a number of 0 or more"),
        (D("-1E+30"), "-1000000000000000000000000000000 is not usable here: expected a number of 0 or more"),
        (D("-1E+31"), "-1E+31 is not usable here: expected a number of 0 or more"),
        (10**34, "10000000000000000000000000000000000 is longer than 34 significant digits"),
        (-(10**34), "-10000000000000000000000000000000000 is longer than 34 significant digits"),
        (10**39, "1000000000000000000000000000000000000000 is longer than 34 significant digits"),
        (10**40, "a long integer is longer than 34 significant digits"),
        (-(10**40), "a long integer is longer than 34 significant digits"),
        (D("NaN"), "NaN is not a finite number"),
        (D("Infinity"), "Infinity is not a finite number"),
        (D("1E-150"), "1E-150 is out of range: beyond 10^±100"),
        (D("1.5E-101"), "1.5E-101 is out of range: beyond 10^±100"),
        (D("1E+101"), "1E+101 is out of range: beyond 10^±100"),
        (
            D("1234567890123456789012345678901234E+100"),
            "1.234567890123456789012345678901234E+133 is out of range: beyond 10^±100",
        ),
        (
            D("12345678901234567890123456789012345"),
            "1.2345678901234567890123456789012345E+34 is out of range: more than 34 significant digits",
        ),
        ("1e3", "'1e3' is in exponent notation, which is not accepted: write the number in full"),
        ("abc", "'abc' is not a number written in ASCII digits, like 0.1 or 1.3"),
    ],
)
def test_a_refused_setting_says_why_quoting_it(value, message):
    """Each way a setting is refused has its own message, quoting the value as given (ints, Decimals, text)."""
    assert setting_error(value) == message


def test_a_setting_with_too_many_trailing_zeros_is_quoted_with_them():
    """1.0000000000000000000000000000000000 has 35 significant digits; the message must not call it 1."""
    message = setting_error(D("1." + "0" * 34))
    assert message == "1.0000000000000000000000000000000000 is out of range: more than 34 significant digits"


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("y" * 38, "'" + "y" * 38 + "'"),
        ("y" * 39, "'" + "y" * 39 + "…"),
        ("x" * 100, "'" + "x" * 39 + "…"),
    ],
)
def test_a_setting_is_quoted_in_at_most_forty_characters(text, quoted):
    """A quoted setting of up to 40 characters is shown whole; a longer one is cut to 40 and marked …."""
    assert setting_error(text) == f"{quoted} is not a number written in ASCII digits, like 0.1 or 1.3"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, D(0)),
        (341, D(341)),
        (10**34 - 1, D(10**34 - 1)),
        ("0", D(0)),
        (" 2.50 ", D("2.50")),
        (1.3, D("1.3")),
        (D("1E+100"), D("1E+100")),
        (D("1E-100"), D("1E-100")),
    ],
)
def test_settings_in_bounds_are_taken_exactly(value, expected):
    """Zero, 34-digit integers and numbers at 10^±100 are usable settings, kept exactly as given."""
    taken = ScoringPolicy(overachievement=value).overachievement
    assert taken == expected
    assert str(taken) == str(expected)


def test_a_bounded_setting_accepts_both_ends_and_nothing_beyond():
    """A tolerance is a number from 0 to 1: 0 and 1 are accepted, a hair above 1 is refused with the range."""
    assert MonitoringPolicy(tolerance=0).tolerance == 0
    assert MonitoringPolicy(tolerance=1).tolerance == 1
    assert MonitoringPolicy(tolerance="1.0").tolerance == 1
    with pytest.raises(UsageError) as caught:
        MonitoringPolicy(tolerance=D("1.0000000001"))
    assert str(caught.value) == "1.0000000001 is not usable here: expected a number from 0 to 1"


# dimensions and units


def test_dimensions_multiply_and_divide_by_adding_powers():
    """元×元 is 元^2, (元^2)×(元^2) is 元^4, 次/元 is 元^-1·次, 元/元 is a ratio."""
    money, count = Dimension.of("元"), Dimension.of("次")
    square = money * money
    assert square == Dimension((("元", 2),))
    assert str(square) == "元^2"
    assert str(square * square) == "元^4"
    assert str(square / money) == "元"
    assert str(square / (money * money * money)) == "元^-1"
    assert str(count / money) == "元^-1·次"
    assert str(money * count) == "元·次"
    assert money / money == RATIO
    assert str(money / money) == "a ratio"


def test_a_plain_unit_describes_itself_and_named_units_by_name():
    """A unit is described by its name, the nameless one as "a plain number"."""
    assert PLAIN.describe() == "a plain number"
    assert PLAIN.describe("zh") == "纯数值"
    assert builtin_units()["万元"].describe("zh") == "万元"
    assert PERCENT.describe() == "%"
    assert builtin_units()["万元"].describe() == "万元"


def test_dimension_names_appear_in_messages():
    """Dimension errors name a ratio, a plain number, powers and products as such."""
    cases = {
        "fact a in 元\nfact b in 元\nx := a / b + 3 元\nx >= 2 元\n": "cannot add a ratio and 元: different dimensions",
        "x := a + 1\nx >= 2 元\n": "cannot compare a plain number and 元: different dimensions",
        "fact a in 元\nx := a * a * a * a\nx >= 2 元\n": "cannot compare 元^4 and 元: different dimensions",
        "fact a in 元\nfact b in 次\nx := a * b\nx >= 2 元\n": "cannot compare 元·次 and 元: different dimensions",
    }
    for text, message in cases.items():
        with pytest.raises(RulesetError) as caught:
            perfrules.compile(text)
        assert caught.value.diagnostics[0].message == message


def test_formula_values_are_shown_in_units_named_after_their_dimension():
    """A formula of 元 × 次 is shown in 元·次, 元 × 元 in 元^2, 元 / 次 in 元·次^-1, 元 / 元 as a plain number."""
    rules = perfrules.compile(
        "fact a in 元\nfact b in 次\nx := a * b\ny := a * a\nz := a / b\nw := a / a\np := a / a × 100%\nc >= 1 次\n"
    )
    formulas = rules.evaluate({"a": D("2.5"), "b": 4}).formulas
    assert formulas == {
        "x": Quantity(D("10.0"), "元·次"),
        "y": Quantity(D("6.25"), "元^2"),
        "z": Quantity(D("0.625"), "元·次^-1"),
        "w": Quantity(D(1), ""),
        "p": Quantity(D(100), "%"),
    }


@pytest.mark.parametrize(
    ("name", "base", "factor"),
    [
        ("%", None, D("0.01")),
        ("元", "元", D(1)),
        ("千元", "元", D(1000)),
        ("万元", "元", D(10000)),
        ("亿元", "元", D(100000000)),
        ("人", "人", D(1)),
        ("人次", "人次", D(1)),
        ("万人", "人", D(10000)),
        ("万人次", "人次", D(10000)),
        ("米", "米", D(1)),
        ("千米", "米", D(1000)),
        ("次", "次", D(1)),
        ("轮", "轮", D(1)),
    ],
)
def test_builtin_units_have_their_names_dimensions_and_factors(name, base, factor):
    """Each built-in unit is its name, its base dimension and an exact factor: 万人 is 10000 人, 千米 is 1000 米."""
    dimension = RATIO if base is None else Dimension.of(base)
    assert builtin_units()[name] == Unit(name, dimension, factor)


@pytest.mark.parametrize(
    ("target", "fact", "value", "status"),
    [
        ("参与 >= 2 万人", "25,000 人", Quantity(D("2.5"), "万人"), "MET"),
        ("参与 >= 2 万人", "1.5 万人", Quantity(D("1.5"), "万人"), "NOT_MET"),
        ("参与 >= 20000 人", "2 万人", Quantity(D(20000), "人"), "MET"),
        ("人次数 >= 3 万人次", "29,999 人次", Quantity(D("2.9999"), "万人次"), "NOT_MET"),
        ("里程 >= 1.5 千米", "1,500 米", Quantity(D("1.5"), "千米"), "MET"),
        ("里程 >= 1.5 千米", "1.499 千米", Quantity(D("1.499"), "千米"), "NOT_MET"),
        ("金额 >= 1 亿元", "9,999.5 万元", Quantity(D("0.99995"), "亿元"), "NOT_MET"),
        ("金额 >= 1 亿元", "100,000,000 元", Quantity(D(1), "亿元"), "MET"),
        ("金额 <= 5 千元", "5,000.01 元", Quantity(D("5.00001"), "千元"), "NOT_MET"),
    ],
)
def test_scaled_units_convert_exactly_and_show_in_the_targets_unit(target, fact, value, status):
    """A fact in 人, 米 or 元 converts exactly into 万人, 千米 or 亿元 (and back) and shows in the target's unit."""
    rules = perfrules.compile(target + "\n")
    name = target.split()[0]
    result = rules.evaluate({name: fact})[name]
    assert (result.status.value, result.value) == (status, value)


def test_scaled_units_of_another_dimension_are_refused():
    """万人 is not 万元 and 千米 is not 千元: a fact in the wrong one is INVALID."""
    rules = perfrules.compile("参与 >= 2 万人\n里程 >= 1 千米\n")
    report = rules.evaluate({"参与": "3 万元", "里程": "2 千元"})
    assert report["参与"].reason == "“参与”的数据无法使用：单位 万元 与 万人 不是同一量纲"
    assert report["里程"].reason == "“里程”的数据无法使用：单位 千元 与 千米 不是同一量纲"


# quantities


@pytest.mark.parametrize(
    ("amount", "unit", "text"),
    [
        ("5", "元", "5 元"),
        ("1234567.50", "万元", "1234567.5 万元"),
        ("95.5", "%", "95.5%"),
        ("3", "", "3"),
        ("-2.50", "次", "-2.5 次"),
        ("0.000", "%", "0%"),
    ],
)
def test_a_quantity_prints_plainly_with_its_unit(amount, unit, text):
    """str(Quantity) is the plain number, then a space and the unit, except for % and plain numbers."""
    assert str(Quantity(D(amount), unit)) == text


@pytest.mark.parametrize(
    ("amount", "unit", "text"),
    [
        ("1234567.891", "元", "1,234,567.891 元"),
        ("-1234567.891", "元", "-1,234,567.891 元"),
        ("1.234", "", "1.234"),
        ("1.2345", "%", "1.2345%"),
        ("1.23456", "%", "≈1.23%"),
        ("-1.23456", "万元", "≈-1.23 万元"),
        ("0.125000", "元", "≈0.13 元"),
        ("-0.125000", "元", "≈-0.13 元"),
        ("0.135000", "", "≈0.14"),
        ("2.50000", "元", "2.5 元"),
        ("1000", "", "1,000"),
        ("-1000.50", "次", "-1,000.5 次"),
        ("1E+3", "元", "1,000 元"),
        ("0", "%", "0%"),
        ("12345.999999", "元", "12,345.999999 元"),  # never rounded onto a whole number it is not
        ("12345.9999991", "元", "≈12,345.999999 元"),
        ("0.99971", "", "≈0.9997"),
        ("99.997123", "%", "≈99.997%"),
    ],
)
def test_a_readable_quantity_groups_thousands_and_rounds_beyond_four_places(amount, unit, text):
    """readable(): thousands separators; up to four decimals kept, more rounded half away from zero to two, marked ≈."""
    assert Quantity(D(amount), unit).readable() == text


def test_readable_values_appear_in_reasons():
    """A reason shows the value as readable() writes it: separators, ≈ and the unit."""
    rules = perfrules.compile("year 2023\nfact 金额 in 元\n金额 >= 2,000,000 元\n")
    result = rules.evaluate({"金额": "1,234,567.891234 元"}, as_of=YEAR_END)["金额"]
    assert result.reason == "截至2023-12-31为≈1,234,567.89 元，未达到目标≥2,000,000 元"
    assert result.value == Quantity(D("1234567.891234"), "元")


def test_values_and_targets_in_json():
    """Quantities are {"amount", "unit"}, labels {"label"}, a compound's parts each (None when missing)."""
    rules = perfrules.compile("year 2023\n平台 == 完成\n培训: 培训 >= 5 次 and 测试 == 完成\n")
    report = rules.evaluate({"平台": "未完成", "培训": {"培训": D("6.50")}}, as_of=YEAR_END).to_dict()
    platform, training = report["indicators"]
    assert platform["value"] == {"label": "未完成"}
    assert platform["target"] == {"comparator": "==", "label": "完成"}
    assert training["value"] == {"培训": {"amount": "6.5", "unit": "次"}, "测试": None}
    assert training["target"] == {
        "培训": {"comparator": ">=", "amount": "5", "unit": "次"},
        "测试": {"comparator": "==", "label": "完成"},
    }


def test_targets_print_with_their_comparator_symbol():
    """A target prints as its symbol and value: ≥2 轮, ≠完成, ≤12.5 万元; readable() groups thousands."""
    assert str(Target(">=", Quantity(D(2), "轮"))) == "≥2 轮"
    assert str(Target("!=", "完成")) == "≠完成"
    assert str(Target("<=", Quantity(D("12.50"), "万元"))) == "≤12.5 万元"
    assert Target(">", Quantity(D(12000), "元")).readable() == ">12,000 元"


@pytest.mark.parametrize("written", ["=>", "大于等于", 3])
def test_a_target_with_something_that_is_not_a_comparator_says_so(written):
    with pytest.raises(perfrules.UsageError) as caught:
        Target(written, Quantity(D(1), "次"))
    assert str(caught.value).endswith(" is not a comparator (>=, <=, >, <, ==, != or a form tables write)")
    assert str(caught.value).startswith(repr(written) if not isinstance(written, int) else "3")


# units as tables print them


@pytest.mark.parametrize(
    ("target", "fact", "status"),
    [
        ("≥100百分比", "100%", "MET"),
        ("≥100百分比", "99百分比", "NOT_MET"),
        ("≥50厘米", "0.5 米", "MET"),
        ("≥50厘米", "49 cm", "NOT_MET"),
        ("≥80M", "80 米", "MET"),
        ("≥80M", "0.08 km", "MET"),
        ("≤2 公里", "2000 m", "MET"),
        ("≥5 毫米", "4 mm", "NOT_MET"),
        ("≤250万", 250, "MET"),
        ("≤250万", "2,500,001", "NOT_MET"),
        ("≤250万", "250万", "MET"),
        ("≤1亿", "1.5亿", "NOT_MET"),
        ("≤28.8萬元", "28.8 万元", "MET"),
        ("≤28.8萬元", "288001 元", "NOT_MET"),
    ],
)
def test_printed_units_convert_exactly(target, fact, status):
    rules = perfrules.compile(f"x {target}\n")
    assert rules.evaluate({"x": fact})["x"].status.value == status


def test_printed_units_cannot_be_redefined():
    with pytest.raises(perfrules.RulesetError, match="百分比"):
        perfrules.compile("unit 百分比 = 2 次\n")
