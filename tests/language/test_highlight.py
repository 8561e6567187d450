"""The Pygments lexer (registered as an entry point) and colour on terminals."""

import pytest

pygments = pytest.importorskip("pygments")
from pygments import lex  # noqa: E402
from pygments.token import Error, Keyword, Name, Number, Operator  # noqa: E402

from perfrules.language.highlight import PerfRulesLexer  # noqa: E402
from perfrules.reports import terminal  # noqa: E402

from ..conftest import SEED  # noqa: E402


def test_the_seed_lexes_without_errors():
    tokens = list(lex(SEED.read_text(encoding="utf-8"), PerfRulesLexer()))
    assert not [value for kind, value in tokens if kind is Error]


def test_tokens_are_classified_as_the_language_reads_them():
    tokens = [
        (kind, value) for kind, value in lex("述责述廉活动不少于1次 by 2023-12-31\n", PerfRulesLexer()) if value.strip()
    ]
    assert tokens[:4] == [(Name, "述责述廉活动"), (Operator.Word, "不少于"), (Number, "1"), (Name.Builtin, "次")]
    assert (Keyword, "by") in tokens


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("覆盖率 95%以上\n", [(Name, "覆盖率"), (Number, "95"), (Name.Builtin, "%"), (Operator.Word, "以上")]),
        ("成本 30万元以内\n", [(Name, "成本"), (Number, "30"), (Name.Builtin, "万元"), (Operator.Word, "以内")]),
        ("人数 100 人以下\n", [(Name, "人数"), (Number, "100"), (Name.Builtin, "人"), (Operator.Word, "以下")]),
        ("合格率 达到95%\n", [(Name, "合格率"), (Operator.Word, "达到"), (Number, "95"), (Name.Builtin, "%")]),
        ("验收 == 达到预期\n", [(Name, "验收"), (Operator, "=="), (Name, "达到预期")]),
        ("县级以上医院 >= 3 个\n", [(Name, "县级以上医院"), (Operator, ">="), (Number, "3"), (Name.Builtin, "个")]),
    ],
)
def test_comparators_around_a_number_are_operators_and_only_there(line, expected):
    assert [(kind, value) for kind, value in lex(line, PerfRulesLexer()) if value.strip()] == expected


def test_the_lexer_is_registered_with_pygments():
    from importlib.metadata import entry_points

    from pygments.lexers import get_lexer_by_name

    if not any(point.name == "perfrules" for point in entry_points(group="pygments.lexers")):
        pytest.skip("perfrules is not installed as a distribution here")
    assert isinstance(get_lexer_by_name("perfrules"), PerfRulesLexer)


def test_colour_only_on_terminals_without_no_color(monkeypatch):
    class Terminal:
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert terminal.wants_colour(Terminal())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not terminal.wants_colour(Terminal())


def test_coloured_diagnostics_keep_their_text():
    import re

    import perfrules

    with pytest.raises(perfrules.RulesetError) as caught:
        perfrules.compile("巡察工作 >= 2 斤\n")
    plain = str(caught.value)
    coloured = terminal.diagnostics(plain)
    assert "\x1b[" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain
