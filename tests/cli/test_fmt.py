"""`perfrules fmt`, run in-process: files, directories, standard input, --check and its diff, and
every way a file can fail to be read or written, each ending in a clear message and exit status."""

import io
import resource
import signal
import sys

from perfrules.cli import main

UNFORMATTED = "year 2023\n巡察工作  >=   2 轮\n平台==完成\n"
FORMATTED = "year 2023\n巡察工作 >= 2 轮\n平台 == 完成\n"


def run(capsys, *argv):
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def stdin_with(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_fmt_rewrites_a_file_and_names_it(tmp_path, capsys):
    """A file not in the canonical layout is rewritten in place and named on stderr."""
    path = tmp_path / "rules.perf"
    path.write_text(UNFORMATTED, encoding="utf-8")
    code, out, err = run(capsys, "fmt", path)
    assert (code, out, err) == (0, "", f"formatted {path}\n")
    assert path.read_text(encoding="utf-8") == FORMATTED


def test_fmt_leaves_a_formatted_file_untouched_and_silent(tmp_path, capsys):
    """A file already in the canonical layout is neither rewritten nor mentioned."""
    path = tmp_path / "rules.perf"
    path.write_text(FORMATTED, encoding="utf-8")
    before = path.stat().st_mtime_ns
    assert run(capsys, "fmt", path) == (0, "", "")
    assert path.read_text(encoding="utf-8") == FORMATTED
    assert path.stat().st_mtime_ns == before


def test_fmt_a_directory_formats_every_perf_file_below_it_in_order(tmp_path, capsys):
    """A directory stands for every *.perf file below it, sorted; other files are left alone."""
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "deep").mkdir()
    first, second, tidy = tmp_path / "a.perf", tmp_path / "b" / "deep" / "c.perf", tmp_path / "b" / "tidy.perf"
    other = tmp_path / "b" / "notes.txt"
    for path in (first, second, other):
        path.write_text(UNFORMATTED, encoding="utf-8")
    tidy.write_text(FORMATTED, encoding="utf-8")
    code, out, err = run(capsys, "fmt", tmp_path)
    assert (code, out) == (0, "")
    assert err.splitlines() == [f"formatted {first}", f"formatted {second}"]
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8") == FORMATTED
    assert other.read_text(encoding="utf-8") == UNFORMATTED


def test_fmt_check_shows_a_diff_and_changes_nothing(tmp_path, capsys):
    """--check exits 1 with a unified diff of what would change, and leaves the file as it was."""
    path = tmp_path / "rules.perf"
    path.write_text(UNFORMATTED, encoding="utf-8")
    code, out, err = run(capsys, "fmt", "--check", path)
    assert code == 1
    assert err == ""
    assert out.splitlines()[:2] == [f"--- {path} (as written)", f"+++ {path} (formatted)"]
    assert "-巡察工作  >=   2 轮" in out.splitlines()
    assert "+巡察工作 >= 2 轮" in out.splitlines()
    assert path.read_text(encoding="utf-8") == UNFORMATTED


def test_fmt_check_on_formatted_files_exits_0_quietly(tmp_path, capsys):
    """--check on files already formatted prints nothing and exits 0."""
    path = tmp_path / "rules.perf"
    path.write_text(FORMATTED, encoding="utf-8")
    assert run(capsys, "fmt", "--check", path, tmp_path) == (0, "", "")


def test_fmt_standard_input_writes_the_formatted_text(monkeypatch, capsys):
    """`fmt -` reads standard input (a BOM dropped) and writes the canonical layout to stdout."""
    stdin_with(monkeypatch, b"\xef\xbb\xbf" + UNFORMATTED.encode("utf-8"))
    assert run(capsys, "fmt", "-") == (0, FORMATTED, "")


def test_fmt_check_standard_input_shows_a_diff(monkeypatch, capsys):
    """`fmt --check -` prints a diff labelled <stdin> and exits 1 when the text would change."""
    stdin_with(monkeypatch, UNFORMATTED.encode("utf-8"))
    code, out, _ = run(capsys, "fmt", "--check", "-")
    assert code == 1
    assert out.startswith("--- <stdin> (as written)\n+++ <stdin> (formatted)\n")
    assert "+平台 == 完成\n" in out


def test_fmt_check_formatted_standard_input_exits_0(monkeypatch, capsys):
    """`fmt --check -` on text already formatted prints nothing and exits 0."""
    stdin_with(monkeypatch, FORMATTED.encode("utf-8"))
    assert run(capsys, "fmt", "--check", "-") == (0, "", "")


def test_fmt_a_file_that_is_not_utf8_names_the_byte(tmp_path, capsys):
    """A file that is not UTF-8 is refused with its name and the offending byte."""
    path = tmp_path / "latin.perf"
    path.write_bytes("巡察工作 >= 2 轮\n".encode() + b"\xff\n")
    code, out, err = run(capsys, "fmt", path)
    assert (code, out) == (2, "")
    assert err == f"{path}: not valid UTF-8 at byte {len('巡察工作 >= 2 轮'.encode()) + 1}\n"


def test_fmt_a_file_far_longer_than_any_ruleset_is_refused_unread(tmp_path, capsys):
    """A file longer than the longest ruleset could take is refused with its size, read no further."""
    path = tmp_path / "huge.perf"
    path.write_bytes(b"#" * (4 * 256_000 + 5))
    code, out, err = run(capsys, "fmt", path)
    assert (code, out) == (1, "")
    assert "1,024,005" in err and "256,000" in err
    assert path.read_bytes() == b"#" * (4 * 256_000 + 5)


def test_fmt_standard_input_far_longer_than_any_ruleset_is_refused(monkeypatch, capsys):
    """Standard input is bounded the same way as a file."""
    stdin_with(monkeypatch, b"#" * (4 * 256_000 + 5))
    code, out, err = run(capsys, "fmt", "-")
    assert (code, out) == (1, "")
    assert "256,000" in err


def test_fmt_a_missing_file_says_why(tmp_path, capsys):
    """A file that does not exist is a clear 'cannot read' with the system's reason."""
    missing = tmp_path / "absent.perf"
    assert run(capsys, "fmt", missing) == (2, "", f"cannot read {missing}: No such file or directory\n")


def test_fmt_a_name_with_a_nul_byte_is_refused(capsys):
    """A file name holding a NUL byte cannot name a file: it is refused, spelled out, not a crash."""
    code, out, err = run(capsys, "fmt", "bad\x00name.perf")
    assert (code, out) == (2, "")
    assert err.startswith("cannot read badU+0000name.perf: ")
    assert "internal error" not in err


def test_fmt_a_ruleset_with_a_syntax_error_reports_it(tmp_path, capsys):
    """fmt does not rewrite a ruleset it cannot parse; it reports the error with its position."""
    path = tmp_path / "broken.perf"
    path.write_text("巡察工作 >= >= 2 轮\n", encoding="utf-8")
    code, out, err = run(capsys, "fmt", path)
    assert (code, out) == (1, "")
    assert err.startswith(f"{path}:1:")
    assert path.read_text(encoding="utf-8") == "巡察工作 >= >= 2 轮\n"


def test_fmt_formats_a_file_with_the_longest_name_allowed(tmp_path, capsys):
    """A name of 251 bytes leaves no room for a longer one beside it: the temporary's name is short."""
    path = tmp_path / ("长" * 82 + ".perf")
    path.write_text(UNFORMATTED, encoding="utf-8")
    code, out, err = run(capsys, "fmt", path)
    assert (code, out, err) == (0, "", f"formatted {path}\n")
    assert [item.name for item in tmp_path.iterdir()] == [path.name]


def test_fmt_a_failed_write_removes_its_temporary_and_keeps_the_file(tmp_path, capsys):
    """A write that fails midway (no room for a byte) leaves no temporary file and the original whole."""
    path = tmp_path / "full.perf"
    path.write_text(UNFORMATTED, encoding="utf-8")
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, hard))
    try:
        code = main(["fmt", str(path)])
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err == f"cannot write {path}: File too large\n"
    assert path.read_text(encoding="utf-8") == UNFORMATTED
    assert [item.name for item in tmp_path.iterdir()] == ["full.perf"]


def test_fmt_a_name_too_long_for_the_system_says_so(tmp_path, capsys):
    """A name longer than the file system allows is refused with the system's reason, not a crash."""
    name = tmp_path / ("a" * 300 + ".perf")
    assert run(capsys, "fmt", name) == (2, "", f"cannot read {name}: File name too long\n")


SPELLED = "year 2023\n巡察工作  不少于2轮\n覆盖率 ≥95%\n平台＝完成\n"


def test_fmt_keeps_comparators_as_the_author_wrote_them(tmp_path, capsys):
    """By default the layout is canonical but `不少于`, `≥` and `＝` stay: the file reads like the table."""
    path = tmp_path / "rules.perf"
    path.write_text(SPELLED, encoding="utf-8")
    assert run(capsys, "fmt", path) == (0, "", f"formatted {path}\n")
    assert path.read_text(encoding="utf-8") == "year 2023\n巡察工作 不少于 2 轮\n覆盖率 ≥ 95%\n平台 ＝ 完成\n"
    assert run(capsys, "fmt", "--check", path) == (0, "", "")


def test_fmt_normalize_writes_comparators_in_ascii(tmp_path, capsys):
    """--normalize writes every comparator in its ASCII form, for files and standard input alike."""
    path = tmp_path / "rules.perf"
    path.write_text(SPELLED, encoding="utf-8")
    normalized = "year 2023\n巡察工作 >= 2 轮\n覆盖率 >= 95%\n平台 == 完成\n"
    assert run(capsys, "fmt", "--normalize", path) == (0, "", f"formatted {path}\n")
    assert path.read_text(encoding="utf-8") == normalized
    assert run(capsys, "fmt", "--normalize", "--check", path) == (0, "", "")


def test_fmt_normalize_check_shows_the_comparators_it_would_change(monkeypatch, capsys):
    """`--check --normalize` on text formatted but spelled as written shows the comparators in a diff."""
    stdin_with(monkeypatch, "巡察工作 不少于 2 轮\n".encode())
    code, out, err = run(capsys, "fmt", "--check", "--normalize", "-")
    assert (code, err) == (1, "")
    assert "-巡察工作 不少于 2 轮\n+巡察工作 >= 2 轮\n" in out
