"""The parser tables shipped in the wheel load without re-analysis and parse as the grammar does."""

from importlib import resources

import pytest

from perfrules.language import parser_tables
from perfrules.language.parser import grammar_text, lark_parser

from ..conftest import SEED


def test_tables_round_trip_to_an_identical_parser():
    grammar = grammar_text()
    loaded = parser_tables.load(parser_tables.dump(parser_tables.build(grammar), grammar), grammar)
    assert loaded is not None
    text = SEED.read_text(encoding="utf-8")
    assert loaded.parse(text) == lark_parser().parse(text)


def test_tables_for_another_grammar_are_not_used():
    grammar = grammar_text()
    tables = parser_tables.dump(parser_tables.build(grammar), grammar)
    assert parser_tables.load(tables, grammar + "\n// changed\n") is None
    assert parser_tables.load("not json", grammar) is None


def test_the_installed_package_carries_tables_for_its_grammar():
    packaged = resources.files("perfrules.language").joinpath("grammar", parser_tables.TABLES_FILE)
    if not packaged.is_file():
        pytest.skip("running from a source tree (editable install): the wheel's build hook made no tables")
    assert parser_tables.load(packaged.read_text(encoding="utf-8"), grammar_text()) is not None
