"""The reports' own words (titles, headers, labels) in step: every key worded in both languages,
with the same placeholders, and a status label for every status."""

import pytest

from perfrules import Status, UsageError
from perfrules.errors.phrases import placeholders
from perfrules.reports import wording


def test_both_languages_word_every_key_with_the_same_placeholders():
    """Except the status cell: the English table prints MET, not met MET."""
    assert wording.ZH.keys() == wording.EN.keys()
    for key, words in wording.ZH.items():
        if key == "status-cell":
            assert placeholders(wording.EN[key]) == {"status"}
        else:
            assert placeholders(words) == placeholders(wording.EN[key]), key


@pytest.mark.parametrize("status", list(Status))
def test_every_status_has_a_label_in_both_languages(status):
    assert wording.status_label(status, "zh") != wording.status_label(status, "en")


def test_a_word_in_an_unknown_language_is_a_usage_error():
    with pytest.raises(UsageError, match="language must be one of 'zh', 'en', not 'ja'"):
        wording.word("status", "ja")
