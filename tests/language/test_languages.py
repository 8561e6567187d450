"""Diagnostics in Chinese and in English: both catalogues complete, chosen by option or locale."""

import re

import pytest

import perfrules
from perfrules.cli import _default_language, main

from ..conftest import ROOT

CJK = re.compile(r"[\u4e00-\u9fff]")
FIVE_MISTAKES = (
    "year 2023\n"
    "巡察工作 >= 2 斤\n"  # unknown unit
    "满意度 >= 满意\n"  # ordering an unordered label
    "甲 := 乙 + 1 元\nfact 乙 in 次\n"  # adding 次 and 元
    "平台 == 完成 by 2023-02-30\n"  # impossible date
    "巡察工作 >= 3 轮\n"  # duplicate indicator
)


def every_documented_example():
    text = (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    return [match.group(1) for match in re.finditer(r"```perf(?: error| warning)\n(.*?)```", text, re.DOTALL)]


def diagnostics_of(text):
    try:
        return list(perfrules.compile(text).warnings)
    except perfrules.RulesetError as error:
        return list(error.diagnostics)


@pytest.mark.parametrize("example", every_documented_example())
def test_every_diagnostic_has_both_languages(example):
    found = diagnostics_of(example)
    assert found
    for item in found:
        chinese, chinese_hint = item.text("zh")
        assert CJK.search(chinese), item.code
        assert chinese != item.message
        assert (chinese_hint is None) == (item.hint is None), item.code
        assert any(f"{word}[" in item.render("zh") for word in ("错误", "警告", "注"))


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["unknown unit", "needs an order", "cannot add", "impossible date", "already defined"]),
        ("zh", ["未知单位", "需要顺序", "不能相加", "不存在", "已在第"]),
    ],
)
def test_five_mistakes_five_positioned_diagnostics(tmp_path, capsys, language, words):
    path = tmp_path / "five.perf"
    path.write_text(FIVE_MISTAKES, encoding="utf-8")
    assert main(["--language", language, "check", str(path)]) == 1
    err = capsys.readouterr().err
    headers = [line for line in err.splitlines() if line.startswith(str(path))]
    assert [header.split(":")[1] for header in headers] == ["2", "3", "4", "6", "7"]
    for word, header in zip(words, headers, strict=True):
        assert word in header


def test_language_follows_the_locale(monkeypatch):
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)
    assert _default_language() == "en"
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert _default_language() == "zh"
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert _default_language() == "en"


def test_library_errors_render_in_either_language():
    with pytest.raises(perfrules.RulesetError) as caught:
        perfrules.compile("x >= 1 by 2023-13-01\n")
    assert "impossible date" in str(caught.value)
    assert "日期 2023-13-01 不存在：一年只有 12 个月" in caught.value.render("zh")
