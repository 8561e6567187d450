"""`perfrules eval-many`, run in-process: JSON lines from a file or standard input, bad and oversized
lines as "error" lines among good ones, and the progress bar drawn when stderr is a terminal."""

import io
import json
import re
import sys

from perfrules import Limits
from perfrules.cli import main

from ..conftest import SEED

RULES = "year 2023\n巡察工作 >= 2 轮\n平台 == 完成\n"


class Terminal(io.StringIO):
    """A standard error that says it is a terminal, and keeps what was drawn on it."""

    def isatty(self):
        return True


def run(capsys, *argv):
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def stdin_with(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def lines_of(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


def ruleset(tmp_path, text=RULES):
    path = tmp_path / "rules.perf"
    path.write_text(text, encoding="utf-8")
    return path


def test_statuses_for_each_line_blank_lines_keep_their_numbers(tmp_path, capsys):
    """--statuses prints one line of statuses per fact set, numbered as in the file; blanks are skipped."""
    facts = tmp_path / "facts.jsonl"
    facts.write_text('{"巡察工作": 3, "平台": "完成"}\n\n   \n{"巡察工作": 1}\n', encoding="utf-8")
    code, out, err = run(capsys, "eval-many", ruleset(tmp_path), "--facts", facts, "--statuses")
    assert (code, err) == (0, "")
    assert lines_of(out) == [
        {"line": 1, "statuses": {"巡察工作": "MET", "平台": "MET"}},
        {"line": 4, "statuses": {"巡察工作": "NOT_MET", "平台": "MISSING"}},
    ]


def test_whole_reports_carry_the_as_of_date(tmp_path, capsys):
    """Without --statuses each line is the whole report, evaluated as of --as-of."""
    facts = tmp_path / "facts.jsonl"
    facts.write_text('{"巡察工作": 1}\n', encoding="utf-8")
    code, out, _ = run(capsys, "eval-many", ruleset(tmp_path), "--facts", facts, "--as-of", "2023-06-30")
    assert code == 0
    (report,) = lines_of(out)
    assert report["line"] == 1 and report["as_of"] == "2023-06-30"
    assert {item["name"]: item["status"] for item in report["indicators"]} == {"巡察工作": "PENDING", "平台": "MISSING"}


def test_bad_lines_become_error_lines_and_the_rest_go_on(tmp_path, capsys):
    """Malformed JSON, a non-object and bytes that are not UTF-8 each get an "error" line; exit 1."""
    facts = tmp_path / "facts.jsonl"
    facts.write_bytes(
        b'{"\xe5\xb7\xa1\xe5\xaf\x9f\xe5\xb7\xa5\xe4\xbd\x9c": 2}\n'
        b"not json\n"
        b"[1, 2]\n"
        b'{"\xff": 1}\n'
        b'{"\xe5\xb9\xb3\xe5\x8f\xb0": "\xe5\xae\x8c\xe6\x88\x90"}'
    )
    code, out, err = run(capsys, "eval-many", ruleset(tmp_path), "--facts", facts, "--statuses")
    assert code == 1
    rows = lines_of(out)
    assert [row["line"] for row in rows] == [1, 2, 3, 4, 5]
    assert rows[0]["statuses"]["巡察工作"] == "MET"
    assert "invalid JSON" in rows[1]["error"]
    assert "JSON object" in rows[2]["error"]
    assert rows[3] == {"line": 4, "error": "not valid UTF-8 at byte 2 of the line"}
    assert rows[4]["statuses"]["平台"] == "MET"  # the last line needs no newline
    assert err == 'perfrules: 3 line(s) could not be evaluated; see their "error" field\n'


def test_a_line_longer_than_the_limit_is_skipped_with_its_length(tmp_path, capsys):
    """A fact set longer than max_facts_bytes is an error line giving its length; the next line is read."""
    limit = Limits().max_facts_bytes
    facts = tmp_path / "facts.jsonl"
    with facts.open("wb") as file:
        file.write(b'{"a": "' + b"x" * (limit + 5) + b'"}\n')
        file.write(b'{"\xe5\xb7\xa1\xe5\xaf\x9f\xe5\xb7\xa5\xe4\xbd\x9c": 5}\n')
        file.write(b"y" * (limit + (1 << 20) + 3))  # a last line, with no newline, past the limit
    code, out, err = run(capsys, "eval-many", ruleset(tmp_path), "--facts", facts, "--statuses")
    assert code == 1
    rows = lines_of(out)
    assert rows[0] == {
        "line": 1,
        "error": f"{limit + 15:,} bytes, longer than the {limit:,} allowed for a fact set",
    }
    assert rows[1] == {"line": 2, "statuses": {"巡察工作": "MET", "平台": "MISSING"}}
    assert rows[2]["error"].startswith(f"{limit + (1 << 20) + 3:,} bytes, longer than")
    assert "2 line(s) could not be evaluated" in err


def a_line_of(size: int) -> bytes:
    """A fact set of exactly `size` bytes of JSON, its newline aside, meeting 巡察工作's target."""
    head = '{"巡察工作": 3, "pad": "'.encode()
    return head + b"x" * (size - len(head) - 2) + b'"}\n'


def test_a_line_just_under_the_limit_is_read(tmp_path, capsys):
    """A fact set one byte under max_facts_bytes (its newline aside) is evaluated."""
    facts = tmp_path / "facts.jsonl"
    facts.write_bytes(a_line_of(Limits().max_facts_bytes - 1))
    code, out, _ = run(capsys, "eval-many", ruleset(tmp_path), "--facts", facts, "--statuses")
    assert code == 0
    assert lines_of(out) == [{"line": 1, "statuses": {"巡察工作": "MET", "平台": "MISSING"}}]


def test_a_line_of_exactly_the_limit_is_read(tmp_path, capsys):
    """A fact set of exactly max_facts_bytes (its newline aside) is within the limit and evaluated."""
    facts = tmp_path / "facts.jsonl"
    facts.write_bytes(a_line_of(Limits().max_facts_bytes))
    code, out, _ = run(capsys, "eval-many", ruleset(tmp_path), "--facts", facts, "--statuses")
    assert lines_of(out) == [{"line": 1, "statuses": {"巡察工作": "MET", "平台": "MISSING"}}]
    assert code == 0


def test_standard_input_is_read_with_dash(tmp_path, monkeypatch, capsys):
    """`--facts -` streams standard input, one output line per fact set."""
    stdin_with(monkeypatch, '{"巡察工作": 2}\n{"巡察工作": 0}\n'.encode())
    code, out, err = run(capsys, "eval-many", ruleset(tmp_path), "--facts", "-", "--statuses")
    assert (code, err) == (0, "")
    assert [row["statuses"]["巡察工作"] for row in lines_of(out)] == ["MET", "NOT_MET"]


def test_progress_bar_on_a_terminal_ends_at_the_whole_file(tmp_path, monkeypatch, capsys):
    """On a terminal, a file's progress bar ends full, counting every line read; stdout stays clean JSON."""
    facts = tmp_path / "facts.jsonl"
    facts.write_text('{"巡察工作": 2}\n\n{"巡察工作": 3}\n', encoding="utf-8")
    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    code = main(["eval-many", str(ruleset(tmp_path)), "--facts", str(facts), "--statuses"])
    assert code == 0
    assert len(lines_of(capsys.readouterr().out)) == 2
    drawn = screen.getvalue()
    assert drawn.endswith("\n")
    last = drawn.rstrip("\n").split("\r")[-1]
    assert re.fullmatch(r"100%\|#{20}\| 3/3 fact sets \[00:[0-9]{2}<00:00, [0-9.]+ fact sets/s\]", last)


def test_progress_on_a_terminal_counts_lines_when_the_size_is_unknown(tmp_path, monkeypatch, capsys):
    """Reading standard input, whose size is unknown, the progress line counts fact sets without a bar."""
    stdin_with(monkeypatch, b'{"a": 1}\n{"a": 2}\n')
    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    assert main(["eval-many", str(ruleset(tmp_path)), "--facts", "-"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2
    last = screen.getvalue().rstrip("\n").split("\r")[-1]
    assert re.fullmatch(r"2 fact sets \[00:[0-9]{2}, [0-9.]+ fact sets/s\]", last)


def test_progress_for_an_empty_file(tmp_path, monkeypatch, capsys):
    """An empty file prints nothing on stdout, and its progress line says no fact sets were read."""
    facts = tmp_path / "empty.jsonl"
    facts.write_bytes(b"")
    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    assert main(["eval-many", str(ruleset(tmp_path)), "--facts", str(facts)]) == 0
    assert capsys.readouterr().out == ""
    assert screen.getvalue().rstrip("\n").split("\r")[-1] == "0 fact sets [00:00, ? fact sets/s]"


def test_the_error_summary_follows_the_progress_bar(tmp_path, monkeypatch, capsys):
    """On a terminal, the count of failed lines comes after the finished progress line."""
    facts = tmp_path / "facts.jsonl"
    facts.write_text("oops\n", encoding="utf-8")
    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    assert main(["eval-many", str(ruleset(tmp_path)), "--facts", str(facts)]) == 1
    assert "invalid JSON" in json.loads(capsys.readouterr().out)["error"]
    assert screen.getvalue().endswith('\nperfrules: 1 line(s) could not be evaluated; see their "error" field\n')


def test_a_facts_path_that_cannot_be_opened(tmp_path, capsys):
    """A missing facts file or a directory is a clear 'cannot read' with the reason, and no output."""
    rules = ruleset(tmp_path)
    missing = tmp_path / "absent.jsonl"
    assert run(capsys, "eval-many", rules, "--facts", missing) == (
        2,
        "",
        f"cannot read {missing}: No such file or directory\n",
    )
    assert run(capsys, "eval-many", rules, "--facts", tmp_path) == (2, "", f"cannot read {tmp_path}: Is a directory\n")


def test_an_unusable_as_of_fails_before_any_output(tmp_path, capsys):
    """A ruleset with deadlines but no year needs --as-of: the error comes before any line is read."""
    rules = ruleset(tmp_path, "巡察工作 >= 2 轮 by 2023-12-31\n")
    facts = tmp_path / "facts.jsonl"
    facts.write_text('{"巡察工作": 2}\n', encoding="utf-8")
    code, out, err = run(capsys, "eval-many", rules, "--facts", facts)
    assert (code, out) == (2, "")
    assert err == "as_of is required: the ruleset has deadlines but declares no year\n"


def test_the_seed_streams_with_the_seed_ruleset(tmp_path, capsys):
    """The seed ruleset evaluates each fact set of a stream with every one of its 34 indicators."""
    facts = tmp_path / "facts.jsonl"
    facts.write_text('{"巡察工作": 2}\n{}\n', encoding="utf-8")
    code, out, _ = run(capsys, "eval-many", SEED, "--facts", facts, "--statuses")
    assert code == 0
    rows = lines_of(out)
    assert [len(row["statuses"]) for row in rows] == [34, 34]
    assert rows[0]["statuses"]["巡察工作"] == "MET" and rows[1]["statuses"]["巡察工作"] == "MISSING"
