"""The command line's own messages in Chinese: argparse's errors and perfrules' usage errors are
written in English where they arise, and said in Chinese here when that is the chosen language,
by matching each message's shape. A message of no known shape stays as it is."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

_REASONS = {
    "No such file or directory": "没有这个文件或目录",
    "Permission denied": "没有权限",
    "Is a directory": "这是一个目录",
    "Not a directory": "路径中有一段不是目录",
    "No space left on device": "磁盘已满",
    "Read-only file system": "文件系统只读",
    "File name too long": "文件名太长",
}
"""The operating system's reasons, as `strerror` gives them in English."""

_SHAPES: Sequence[tuple[re.Pattern[str], str]] = [
    (re.compile(pattern, re.DOTALL), chinese)
    for pattern, chinese in (
        (r"the following arguments are required: (?P<a>.+)", "缺少必需的参数：\\g<a>"),
        (r"unrecognized arguments: (?P<a>.+)", "无法识别的参数：\\g<a>"),
        (r"argument (?P<a>\S+): expected one argument", "参数 \\g<a> 需要一个值"),
        (
            r"argument (?P<a>\S+): invalid choice: (?P<b>'.*') \(choose from (?P<c>.+)\)",
            "参数 \\g<a> 的值 \\g<b> 无效（可选：\\g<c>）",
        ),
        (r"argument (?P<a>\S+): ignored explicit argument (?P<b>.+)", "参数 \\g<a> 不接受值 \\g<b>"),
        (r"ambiguous option: (?P<a>\S+) could match (?P<b>.+)", "选项 \\g<a> 有歧义，可能是 \\g<b>"),
        (r"'(?P<a>.*)' is not a date written YYYY-MM-DD", "“\\g<a>”不是 YYYY-MM-DD 格式的日期"),
        (r"(?P<a>[0-9-]+) is not a real date", "\\g<a> 不是真实存在的日期"),
        (r"cannot read (?P<a>.+): (?P<b>[^:]+)", "无法读取 \\g<a>：\\g<b>"),
        (r"cannot write (?P<a>.+): (?P<b>[^:]+)", "无法写入 \\g<a>：\\g<b>"),
        (r"(?P<a>.+): a directory with no \*\.perf ruleset in it", "\\g<a>：目录中没有 *.perf 规则文件"),
        (r"(?P<a>.+): not valid UTF-8 at byte (?P<b>\d+)", "\\g<a>：第 \\g<b> 字节起不是有效的 UTF-8"),
        (
            r"unknown encoding (?P<a>.+); utf-8 and gb18030 are common",
            "未知的编码 \\g<a>；常用的是 utf-8 和 gb18030",
        ),
        (
            r"(?P<a>.+): (?P<b>\S+) cannot hold (?P<c>.+); write it as utf-8 \(the default\) instead",
            "\\g<a>：\\g<b> 编码无法写出 \\g<c>；请改用 utf-8（默认）",
        ),
        (r"standard output is closed, so the result cannot be written", "标准输出已关闭，无法写出结果"),
        (
            r"unknown policy choice (?P<a>.+); the choices are (?P<b>.+)",
            "未知的评分规则选项 \\g<a>；可选：\\g<b>",
        ),
        (r"the policy choice (?P<a>\S+) is given twice", "评分规则选项 \\g<a> 给了两次"),
        (r"the policy choice exclude-na takes no value", "评分规则选项 exclude-na 不带值"),
        (r"the policy choice (?P<a>\S+) needs a value: .+", "评分规则选项 \\g<a> 需要一个值：\\g<a>=…"),
        (r"places must be a whole number from 0 to 4, not (?P<a>.+)", "places 应为 0 到 4 的整数，而不是 \\g<a>"),
        (r"the (?P<a>\S+) sheet needs --facts", "生成 \\g<a> 表需要 --facts"),
        (
            r"the monitoring sheet needs --as-of, the date it is made on \(YYYY-MM-DD\)",
            "监控表需要 --as-of，即监控日期（YYYY-MM-DD）",
        ),
        (
            r"(?P<a>.+): the facts file has (?P<b>[0-9,]+) bytes; at most (?P<c>[0-9,]+) are allowed",
            "\\g<a>：事实文件有 \\g<b> 字节，最多允许 \\g<c> 字节",
        ),
        (
            r"(?P<a>.+): the facts are longer than the (?P<b>[0-9,]+) bytes allowed",
            "\\g<a>：事实超过了允许的 \\g<b> 字节",
        ),
        (r"(?P<a>.+): the key (?P<b>.+) appears twice", "\\g<a>：键 \\g<b> 出现了两次"),
        (
            r"(?P<a>.+): the keys (?P<b>.+) are the same name, (?P<c>.+), given twice",
            "\\g<a>：键 \\g<b> 是同一个名称 \\g<c>，给了两次",
        ),
        (r"(?P<a>.+): (?P<b>\S+) is not a number JSON allows", "\\g<a>：\\g<b> 不是 JSON 允许的数"),
        (
            r"(?P<a>.+?):(?P<b>[0-9]+):(?P<c>[0-9]+): invalid JSON: (?P<d>.+)",
            "\\g<a>:\\g<b>:\\g<c>：JSON 格式错误：\\g<d>",
        ),
        (r"(?P<a>.+): cannot be read: nested too deeply", "\\g<a>：嵌套太深，无法读取"),
        (r"(?P<a>.+): facts must be a JSON object of fact name to value", "\\g<a>：事实应为 JSON 对象（事实名到值）"),
        (
            r"(?P<a>.+) is a JSON array, not JSON Lines: .+",
            "\\g<a> 是一个 JSON 数组，不是 JSON Lines：eval-many 每行读一组事实（`jq -c '.[]'` 可拆开数组）",
        ),
        (
            r"(?P<a>.+) is one JSON document spread over several lines, not JSON Lines: .+",
            "\\g<a> 是跨多行的一个 JSON 文档，不是 JSON Lines：eval-many 每行读一组事实"
            "（单个文档请用 `perfrules eval`）",
        ),
        (
            r'perfrules: (?P<a>[0-9]+) line\(s\) could not be evaluated; see their "error" field',
            'perfrules：\\g<a> 行无法求值，见这些行的 "error" 字段',
        ),
        (
            r"standard input can be read only once; give the others as files",
            "标准输入只能读取一次；其余的请以文件给出",
        ),
    )
]

_ARGUMENT = re.compile(r"argument (\S+): (.+)", re.DOTALL)


def said(message: str, language: str) -> str:
    """`message` in `language`: as written for English, in Chinese when its shape is known."""
    if language != "zh":
        return message
    suggestion = ""
    base, marker, nearest = message.rpartition("; did you mean ")
    if marker and nearest.endswith("?"):
        message, suggestion = base, f"；是否应为 {nearest[:-1]}？"
    for pattern, chinese in _SHAPES:
        match = pattern.fullmatch(message)
        if match:
            return _with_reasons(match.expand(chinese)) + suggestion
    argument = _ARGUMENT.fullmatch(message)
    if argument:  # argparse's prefix before what an option's own check said
        return f"参数 {argument.group(1)}：{said(argument.group(2), language)}{suggestion}"
    return message + suggestion


def _with_reasons(text: str) -> str:
    for english, chinese in _REASONS.items():
        text = text.replace(english, chinese)
    return text


def nearest_choice(given: str, choices: Sequence[str]) -> str | None:
    """The choice `given` is most likely a typo of (`chek` → `check`), if any is close."""
    found = difflib.get_close_matches(given, choices, n=1, cutoff=0.6)
    return found[0] if found else None
