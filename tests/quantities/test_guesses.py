"""What an unknown unit word most likely is: the table of characters typed by mistake, typos of
built-in and declared units, magnitudes before a known unit, rates, and nothing where nothing fits."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfrules.quantities.guesses import (
    CONFUSED_WITH,
    INTENDED,
    MAGNITUDES,
    Declaration,
    UnitGuess,
    guess_unit,
    likely_unit,
)
from perfrules.quantities.units import Dimension, Unit, builtin_units

BUILTIN = builtin_units()


def with_units(*names: str) -> dict[str, Unit]:
    """The built-in units and these declared ones."""
    return BUILTIN | {name: Unit(name, Dimension.of(name), Decimal(1)) for name in names}


def test_each_mistyped_character_stands_for_one_unit_character_and_is_no_unit_itself():
    """A typed character names one meant character, never itself, and is not a unit of its own."""
    typed = [char for typos in CONFUSED_WITH.values() for char in typos]
    assert len(typed) == len(set(typed)) == len(INTENDED)
    assert all(typed != meant for typed, meant in INTENDED.items())
    assert not set(typed) & set(BUILTIN)
    assert not set(typed) & set(CONFUSED_WITH)


def test_each_meant_character_is_written_in_a_built_in_unit_or_a_magnitude():
    """The table covers the characters of built-in units and magnitudes, and nothing else."""
    characters = {char for name in [*BUILTIN, *MAGNITUDES] for char in name}
    assert set(CONFUSED_WITH) <= characters


@pytest.mark.parametrize(
    ("word", "meant"),
    [
        ("论", "轮"),
        ("伦", "轮"),
        ("欠", "次"),
        ("扁", "篇"),
        ("各", "个"),
        ("圆", "元"),
        ("干元", "千元"),
        ("万圆", "万元"),
        ("人欠", "人次"),
        ("小是", "小时"),
        ("公理", "公里"),
        ("平方咪", "平方米"),
        ("人次次", "人次"),
        ("kms", "km"),
    ],
)
def test_a_typo_of_a_built_in_unit_is_named(word, meant):
    """One character typed for another that sounds or looks alike, one doubled, or a Latin slip."""
    assert guess_unit(word, BUILTIN) == UnitGuess(meant, (Declaration(word),))


def test_a_typo_of_a_declared_unit_is_named():
    """Units the ruleset declares are suggested as built-in ones are."""
    assert likely_unit("场欠", with_units("场次")) == "场次"
    assert likely_unit("场欠", BUILTIN) is None


@pytest.mark.parametrize("word", ["斤", "分", "方", "顷", "棵", "万人天", "公斤", "cn", "月底钱"])
def test_nothing_is_suggested_when_nothing_is_near(word):
    """A unit of its own (斤, 分 for a score, 方 for a cubic metre) is not taken for a typo."""
    assert guess_unit(word, BUILTIN) == UnitGuess(None, (Declaration(word),))


def test_a_known_unit_is_never_taken_for_a_typo():
    """A word that is itself a unit is never said to mean another."""
    assert likely_unit("论", with_units("论")) is None


@pytest.mark.parametrize(
    ("word", "factor", "base"),
    [("千次", 1000, "次"), ("万人次", 10000, "人次"), ("十万元", 100000, "元"), ("千万元", 10000000, "元")],
)
def test_a_magnitude_before_a_known_unit_is_a_multiple_of_it(word, factor, base):
    """千次 is 1000 次, not a typo of 千元: the longest magnitude is read first."""
    assert guess_unit(word, BUILTIN) == UnitGuess(None, (Declaration(word, factor, base),))


def test_a_magnitude_before_a_declared_unit_is_a_multiple_of_it():
    assert guess_unit("万场次", with_units("场次")).declarations == (Declaration("万场次", 10000, "场次"),)


def test_a_magnitude_before_a_percentage_is_no_multiple():
    assert guess_unit("千百分比", BUILTIN).declarations == (Declaration("千百分比"),)


def test_a_rate_names_its_unknown_parts():
    """公斤/亩 is known once 公斤 is: declare the part, not the rate (which cannot be declared)."""
    assert guess_unit("公斤/亩", BUILTIN) == UnitGuess(None, (Declaration("公斤"),), rate=True)
    assert guess_unit("千人/年", BUILTIN) == UnitGuess(None, (Declaration("千人", 1000, "人"),), rate=True)
    assert guess_unit("人/约", BUILTIN) == UnitGuess("人/月", (Declaration("约"),), rate=True)
    assert guess_unit("公斤/约", BUILTIN).near is None


UNIT_CHARACTERS = sorted({char for name in BUILTIN for char in name if not name.isascii()})
ALPHABET = sorted({*UNIT_CHARACTERS, *INTENDED, *"".join(MAGNITUDES), *"斤棵顷分方"})


@given(st.text(alphabet=ALPHABET, min_size=1, max_size=4), st.lists(st.sampled_from(ALPHABET), max_size=2))
def test_a_suggestion_is_always_a_known_unit_and_never_the_word(word, declared):
    """Whatever the word and whatever the ruleset declares, a suggested unit is known, and is not the word."""
    known = with_units(*declared)
    if word in known:
        return
    guess = guess_unit(word, known)
    if guess.near is not None:
        assert guess.near != word
        assert all(part in known for part in guess.near.split("/"))
    for declaration in guess.declarations:
        assert declaration.word not in known
        if declaration.base is not None:
            assert declaration.base in known
            assert MAGNITUDES[declaration.word[: -len(declaration.base)]] == declaration.factor
