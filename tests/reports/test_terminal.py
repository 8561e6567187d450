"""Colour on terminals, in-process: when it is wanted (a terminal, NO_COLOR, TERM=dumb, streams
that are missing or closed), statuses coloured in eval's table, and diagnostics coloured by
severity with the echoed ruleset line highlighted by Pygments, or left plain without it."""

import io
import re
import sys

import pytest

from perfrules.cli import main
from perfrules.reports import terminal

from ..conftest import SEED, SEED_FACTS

ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
DIAGNOSTICS = (
    "x.perf:2:16: error[invalid-date]: impossible date 2023-13-01\n"
    "    巡察工作 >= 2 轮 by 2023-13-01\n"
    "               ^~~~~~~~~~\n"
    "x.perf:3:1: warning[unused-formula]: formula 乙 is not used by any indicator or formula\n"
    "    乙 := 3\n"
    "    ^~\n"
    "    hint: remove it"
)


class Terminal(io.StringIO):
    """A stream that says it is a terminal (and, like a real one, refuses to answer once closed)."""

    def isatty(self):
        super().isatty()  # ValueError on a closed stream
        return True


@pytest.fixture
def colour_terminal(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")


def test_a_terminal_wants_colour_and_a_file_does_not(colour_terminal):
    """Colour goes to a terminal, never to a stream that is not one."""
    assert terminal.wants_colour(Terminal()) is True
    assert terminal.wants_colour(io.StringIO()) is False


@pytest.mark.parametrize(("name", "value"), [("NO_COLOR", "1"), ("NO_COLOR", "yes"), ("TERM", "dumb")])
def test_no_color_and_dumb_terminals_turn_colour_off(colour_terminal, monkeypatch, name, value):
    """NO_COLOR set to anything non-empty, or TERM=dumb, turns colour off even on a terminal."""
    monkeypatch.setenv(name, value)
    assert terminal.wants_colour(Terminal()) is False


def test_an_empty_no_color_leaves_colour_on(colour_terminal, monkeypatch):
    """NO_COLOR set to the empty string does not count (no-color.org)."""
    monkeypatch.setenv("NO_COLOR", "")
    assert terminal.wants_colour(Terminal()) is True


def test_a_missing_or_closed_stream_wants_no_colour(colour_terminal):
    """A stream without isatty, or one already closed, gets no colour instead of an error."""
    closed = Terminal()
    closed.close()
    assert terminal.wants_colour(object()) is False
    assert terminal.wants_colour(None) is False
    assert terminal.wants_colour(closed) is False


def test_every_status_label_gets_its_colour():
    """Each status cell in a table is wrapped in its own colour and reset after."""
    row = "  达成 MET  |  进行中 PENDING  |  未达成 NOT_MET  |  缺数据 MISSING  |  数据无效 INVALID  "
    assert terminal.statuses(row) == (
        "  \x1b[32m达成 MET\x1b[0m  |  \x1b[33m进行中 PENDING\x1b[0m  |  \x1b[31m未达成 NOT_MET\x1b[0m  |"
        "  \x1b[35m缺数据 MISSING\x1b[0m  |  \x1b[31;1m数据无效 INVALID\x1b[0m  "
    )


def test_english_status_cells_get_their_colours_too():
    row = "  MET  |  PENDING  |  NOT_MET  |  MISSING  |  INVALID  "
    assert terminal.statuses(row) == (
        "  \x1b[32mMET\x1b[0m  |  \x1b[33mPENDING\x1b[0m  |  \x1b[31mNOT_MET\x1b[0m  |"
        "  \x1b[35mMISSING\x1b[0m  |  \x1b[31;1mINVALID\x1b[0m  "
    )


def test_status_words_outside_cells_stay_plain():
    """A status word that is not a padded table cell (inside a reason, say) is not coloured."""
    text = "reason: 达成 MET soon\n"
    assert terminal.statuses(text) == text


def test_eval_colours_its_table_on_a_terminal_only(colour_terminal, monkeypatch, capsys):
    """eval's table on a terminal has coloured statuses; the same table to a pipe has none."""
    monkeypatch.setenv("COLUMNS", "400")  # wide enough for every cell whole
    screen = Terminal()
    monkeypatch.setattr(sys, "stdout", screen)
    assert main(["eval", str(SEED), "--facts", str(SEED_FACTS), "--as-of", "2023-06-30"]) == 0
    coloured = screen.getvalue()
    monkeypatch.undo()
    assert main(["eval", str(SEED), "--facts", str(SEED_FACTS), "--as-of", "2023-06-30"]) == 0
    plain = capsys.readouterr().out
    assert "\x1b[32m达成 MET\x1b[0m" in coloured and "\x1b[33m进行中 PENDING\x1b[0m" in coloured
    assert "\x1b[" not in plain
    assert ESCAPE.sub("", coloured) == plain


def test_diagnostics_colour_severities_and_highlight_the_echoed_line():
    """Error is bold red, warning bold yellow; the echoed line is highlighted; carets and hints stay plain."""
    coloured = terminal.diagnostics(DIAGNOSTICS)
    lines = coloured.split("\n")
    assert lines[0] == "x.perf:2:16: \x1b[31;1merror\x1b[0m[invalid-date]: impossible date 2023-13-01"
    assert lines[3].startswith("x.perf:3:1: \x1b[33;1mwarning\x1b[0m[unused-formula]: formula 乙")
    for echoed in (lines[1], lines[4]):
        assert echoed.startswith("    ") and "\x1b[" in echoed
    assert ESCAPE.sub("", lines[1]) == "    巡察工作 >= 2 轮 by 2023-13-01"
    assert ESCAPE.sub("", lines[4]) == "    乙 := 3"
    assert lines[2] == "               ^~~~~~~~~~"
    assert lines[5:] == ["    ^~", "    hint: remove it"]


def test_diagnostics_without_pygments_colour_only_the_severity(monkeypatch):
    """Without Pygments (the highlight extra), severities are still coloured and echoed lines left as written."""
    monkeypatch.setitem(sys.modules, "pygments", None)
    coloured = terminal.diagnostics(DIAGNOSTICS)
    lines = coloured.split("\n")
    assert lines[0].startswith("x.perf:2:16: \x1b[31;1merror\x1b[0m[invalid-date]")
    assert lines[3].startswith("x.perf:3:1: \x1b[33;1mwarning\x1b[0m[unused-formula]")
    assert ESCAPE.sub("", coloured) == DIAGNOSTICS
    assert lines[1] == "    巡察工作 >= 2 轮 by 2023-13-01"


def test_text_without_diagnostics_is_unchanged():
    """Lines that are not diagnostics (a plain error message) pass through untouched."""
    text = "cannot read absent.perf: No such file or directory\n    indented but not an echo"
    assert terminal.diagnostics(text) == text


def test_check_warnings_on_a_terminal_are_coloured(colour_terminal, tmp_path, monkeypatch, capsys):
    """check's warnings on a terminal's stderr are coloured; its summary on stdout is plain."""
    path = tmp_path / "warn.perf"
    path.write_text("year 2023\n甲 := 1 + 2\n乙 := 3\n甲 >= 0\n", encoding="utf-8")
    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    assert main(["--language", "en", "check", str(path)]) == 0
    shown = screen.getvalue()
    assert f"{path}:3:1: \x1b[33;1mwarning\x1b[0m[unused-formula]" in shown
    assert ESCAPE.sub("", shown.split("\n")[1]) == "    乙 := 3"
    assert capsys.readouterr().out == f"{path}: ok, 1 indicators, 2 formulas, year 2023, 1 warning(s)\n"
