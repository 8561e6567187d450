"""Each limit on ruleset text, lowered, gives one positioned diagnostic in both languages (line
length, statements, combining marks, indicators, formulas, digits, magnitude, formula chains), and
the error types keep their messages short, cached and picklable."""

import pytest

import perfrules
from perfrules import Limits, RulesetError, ScoringPolicy, UsageError
from perfrules.cli import main


def problem(text, **limits):
    with pytest.raises(RulesetError) as caught:
        perfrules.compile(text, limits=Limits(**limits))
    return caught.value


def test_a_line_longer_than_allowed_points_just_past_the_limit():
    """A line over max_line_chars is reported at the first character past the limit, with its length."""
    error = problem("x >= 1\n" + "y" * 20 + " >= 1\n", max_line_chars=10)
    (diagnostic,) = error.diagnostics
    assert (diagnostic.code, error.line, error.column) == ("too-long", 2, 11)
    assert (
        str(error).splitlines()[0]
        == "<string>:2:11: error[too-long]: this line has 25 characters; at most 10 are allowed"
    )
    assert error.render("zh").splitlines()[0] == "<string>:2:11: 错误[too-long]: 这一行有 25 个字符，至多允许 10 个"


def test_a_line_of_exactly_the_limit_is_allowed():
    """A line of exactly max_line_chars characters compiles."""
    rules = perfrules.compile("y" * 5 + " >= 1\n", limits=Limits(max_line_chars=10))
    assert [item.name for item in rules.indicators] == ["yyyyy"]


def test_too_many_statements_are_counted_past_blank_lines_and_comments():
    """Statements over max_statements are counted (comments and blank lines are not) at the first one too many."""
    error = problem("a >= 1\n# note\n\nb >= 1\n  c >= 1\nd >= 1\n", max_statements=2)
    (diagnostic,) = error.diagnostics
    assert (diagnostic.code, error.line, error.column) == ("too-many", 5, 3)
    assert diagnostic.message == "the ruleset has 4 lines of statements; at most 2 are allowed"
    assert error.render("zh").splitlines()[0].endswith("规则集有 4 行语句，至多允许 2")


def test_statements_up_to_the_limit_compile():
    """Exactly max_statements statements, with comments between them, compile."""
    rules = perfrules.compile("# head\na >= 1\n\n# c\nb >= 1\n", limits=Limits(max_statements=2))
    assert len(rules.indicators) == 2


def test_too_many_combining_marks_on_one_character():
    """A character carrying more than max_combining_marks marks is reported at the first mark too many."""
    error = problem("x >= 1\nn\u0301\u0301\u0301\u0301 >= 1\n", max_combining_marks=3)
    (diagnostic,) = error.diagnostics
    assert (diagnostic.code, error.line, error.column) == ("invalid-text", 2, 5)
    assert diagnostic.message == "more than 3 combining marks on one character"
    assert "一个字符上的组合符号超过 3 个" in error.render("zh")


def test_combining_marks_are_counted_per_character():
    """Marks on different characters do not add up: three on each of two characters are within a limit of 3."""
    text = "# a\u0301\u0301\u0301e\u0301\u0301\u0301\nx >= 1\n"
    rules = perfrules.compile(text, limits=Limits(max_combining_marks=3))
    assert len(rules.indicators) == 1


@pytest.mark.parametrize(
    ("text", "limits", "position", "english", "chinese"),
    [
        (
            "a >= 1\nb >= 1\nc >= 1\n",
            {"max_indicators": 2},
            (3, 1),
            "the ruleset has 3 indicators; at most 2 are allowed",
            "规则集有 3 个指标，至多允许 2",
        ),
        (
            "f := 1\ng := 2\nf >= 1\ng >= 1\n",
            {"max_formulas": 1},
            (2, 1),
            "the ruleset has 2 formulas; at most 1 are allowed",
            "规则集有 2 个公式，至多允许 1",
        ),
        (
            "a >= 123456\n",
            {"max_digits": 5},
            (1, 6),
            "123456 has more than 5 significant digits; it could not be held exactly",
            "123456 的有效数字超过 5 位，无法精确表示",
        ),
        (
            "a >= 12345\n",
            {"max_exponent": 3},
            (1, 6),
            "12345 is out of range: at most 10^3 either way",
            "12345 超出范围：数量级至多 10^±3",
        ),
        (
            "a >= 0.00001\n",
            {"max_exponent": 3},
            (1, 6),
            "0.00001 is out of range: at most 10^3 either way",
            "0.00001 超出范围：数量级至多 10^±3",
        ),
        (
            "a := b\nb := c\nc := d + 1\na >= 1\n",
            {"max_formula_depth": 2},
            (1, 1),
            "formula a ends a chain of 3 formulas; at most 2 are allowed",
            "公式 a 处在 3 个公式相互引用的链条末端，至多允许 2 个",
        ),
    ],
)
def test_checker_limits_each_give_one_positioned_diagnostic(text, limits, position, english, chinese):
    """Counts, digits, magnitudes and chains over their limits are errors at the offending item."""
    error = problem(text, **limits)
    assert len(error.diagnostics) == 1
    assert (error.line, error.column) == position
    assert error.diagnostics[0].message == english
    assert chinese in error.render("zh")


def test_check_reports_a_too_long_line_of_a_file(tmp_path, capsys):
    """`perfrules check` on a file with a line over the default 4,000 characters names it and exits 1."""
    path = tmp_path / "long.perf"
    path.write_text("x >= 1\n" + "甲" * 4001 + " >= 1\n", encoding="utf-8")
    assert main(["--language", "en", "check", str(path)]) == 1
    first = capsys.readouterr().err.splitlines()[0]
    assert first == f"{path}:2:4001: error[too-long]: this line has 4,006 characters; at most 4,000 are allowed"


# error types


def test_a_ruleset_error_needs_a_diagnostic():
    """A RulesetError without diagnostics is a programming error, refused at once."""
    with pytest.raises(ValueError, match="needs at least one diagnostic"):
        RulesetError([])


def test_a_ruleset_errors_text_is_rendered_once_and_kept():
    """str() of a RulesetError is the same object each time: rendered once, then kept."""
    error = problem("a >= 123456\n", max_digits=5)
    first = str(error)
    assert str(error) is first
    assert first.startswith("<string>:1:6: error[invalid-number]")


def test_an_unknown_names_message_is_worked_out_once():
    """An unknown name's message (with its suggestion) is the same object each time it is shown."""
    report = perfrules.compile("巡察工作 >= 2 轮\n").evaluate({})
    with pytest.raises(UsageError) as caught:
        report.status("巡查工作")
    first = str(caught.value)
    assert first == "巡查工作 is not an indicator of this ruleset; did you mean 巡察工作?"
    assert str(caught.value) is first


def test_an_unknown_name_that_is_not_text_gets_no_suggestion():
    """Looking up something that is not a string names it, and suggests nothing."""
    report = perfrules.compile("巡察工作 >= 2 轮\n").evaluate({})
    with pytest.raises(KeyError) as caught:
        report[12]
    assert str(caught.value) == "12 is not an indicator of this ruleset"


def test_a_huge_whole_number_in_a_message_is_described_not_printed():
    """A setting given as a whole number of fifty digits is described by its size in the message."""
    with pytest.raises(UsageError) as caught:
        ScoringPolicy(places=10**50)
    assert str(caught.value) == "places must be a whole number from 0 to 4, not a whole number of more than 40 digits"


def test_a_long_collection_in_a_message_is_described_by_its_length():
    """A list or dict of many items quoted in a message is described by its type and length."""
    with pytest.raises(UsageError) as caught:
        ScoringPolicy(reverse=list(range(10_000)))
    assert str(caught.value) == "reverse must be 'linear' or 'ratio', not a list of 10,000 items"
    with pytest.raises(UsageError) as caught:
        ScoringPolicy(reverse=[1, 2])
    assert str(caught.value) == "reverse must be 'linear' or 'ratio', not [1, 2]"
