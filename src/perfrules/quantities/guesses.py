"""What an unknown unit word most likely is: a typo of a known unit, a magnitude of one, or a unit
of its own to declare.

Edit distance is no guide among Chinese unit words: every character is one edit from every other,
so 论 is as near to 轮 as to 元. A typo of a unit is instead a character an input method offers
for the same sound (论 for 轮, 欠 for 次) or one that looks alike (干 for 千): `CONFUSED_WITH`
lists them, by hand, only where the mistake is plausible and the wrong character is not a unit
of its own (分 is a score, 方 a cubic metre, 顷 an area: none is taken for another unit). Edit
distance (`errors.text.closest_name`) is left to Latin units; among Chinese characters, only a
doubled one (人次次) is taken for a slip. A word that is a magnitude before a known unit (千次,
万人次) is a new unit, never a typo: it is declared as a multiple (`unit 千次 = 1000 次`).
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from ..errors.text import closest_name
from .units import PERCENT, Unit

CONFUSED_WITH = {
    # counting words
    "次": "欠此",
    "轮": "论伦沦仑纶抡",
    "篇": "扁偏翩骗",
    "个": "各個箇",
    "项": "須须項象像向",
    "件": "伴见建",
    "人": "入八认仁",
    "份": "粉纷",
    "户": "护互沪",
    "天": "夭添填",
    "台": "抬太态",
    "套": "讨淘",
    "家": "加佳价",
    "所": "锁索",
    "场": "常长畅",
    "期": "其齐棋",
    "批": "披皮",
    "条": "跳调",
    "本": "奔苯",
    "部": "步布",
    "名": "明命鸣",
    "座": "坐做作",
    "辆": "两俩量",
    "起": "企启气",
    "例": "列利历",
    "张": "章涨帐",
    "册": "测策侧",
    "首": "手收守",
    "门": "们闷",
    "类": "累雷",
    "处": "出初除",
    "间": "简减检",
    "栋": "东动冬",
    "亩": "目母姆",
    "米": "迷密咪",
    "吨": "顿盾墩",
    "年": "念粘",
    "月": "越约阅",
    "周": "州洲舟",
    "日": "曰",
    "页": "也业叶",
    "字": "子自资",
    # money and magnitudes
    "元": "圆园原无源",
    "万": "完玩晚",
    "亿": "忆艺意",
    "千": "干仟迁",
    "百": "白佰柏",
    "十": "什拾",
    # the other characters of built-in units: 小时, 课时, 学时, 公里, 千克, 厘米, 毫米, 平方米, 百分比
    "时": "是事实使式",
    "课": "科可",
    "学": "雪血",
    "公": "工功共攻宫",
    "里": "理李礼",
    "克": "刻客",
    "厘": "离璃",
    "毫": "豪号",
    "平": "评瓶苹凭",
    "方": "放房芳",
    "比": "笔必毕币",
}
"""Each character of a built-in unit → characters typed for it by mistake (same sound, or alike)."""

INTENDED = {typed: meant for meant, typos in CONFUSED_WITH.items() for typed in typos}
"""A character typed by mistake → the unit character it stands for."""

MAGNITUDES = {
    "十万": 100000,
    "百万": 1000000,
    "千万": 10000000,
    "十": 10,
    "百": 100,
    "千": 1000,
    "万": 10000,
    "亿": 100000000,
}
"""Magnitudes written before a unit (千次, 万人次), the two-character ones first: the longest reading wins."""


@attrs.frozen
class Declaration:
    """A unit word to declare: a unit of its own, or `factor` times the known unit `base`."""

    word: str
    factor: int | None = None
    base: str | None = None


@attrs.frozen
class UnitGuess:
    """What an unknown unit word most likely is."""

    near: str | None
    """The known unit (or rate of known units) it is likely a typo of."""
    declarations: tuple[Declaration, ...]
    """What to declare to make it known: the word itself, or a rate's unknown parts."""
    rate: bool = False
    """Whether it is a rate (人/年), known once both its parts are."""


def guess_unit(word: str, known: Mapping[str, Unit]) -> UnitGuess:
    """What the unknown unit `word` most likely is, given the units `known` (built-in and declared)."""
    if "/" in word:
        return _rate(word, known)
    multiple = multiple_of(word, known)
    if multiple is not None:
        return UnitGuess(None, (multiple,))
    return UnitGuess(likely_unit(word, known), (Declaration(word),))


def multiple_of(word: str, known: Mapping[str, Unit]) -> Declaration | None:
    """`word` as a magnitude before a known unit (万人次: 10000 人次), if it is written so."""
    for prefix, factor in MAGNITUDES.items():
        base = word[len(prefix) :]
        if word.startswith(prefix) and base in known and known[base] != PERCENT:
            return Declaration(word, factor, base)
    return None


def likely_unit(word: str, known: Mapping[str, Unit]) -> str | None:
    """The known unit `word` is likely a typo of: one character typed for another that sounds or
    looks alike (论 for 轮), or one doubled (人次次); in Latin letters, one or two edits (kms for
    km). Never `word` itself."""
    if word in known:
        return None
    if word.isascii():  # Latin letters: edit distance means what it says
        return closest_name(word, [name for name in known if name.isascii()])
    typed = [index for index, char in enumerate(word) if char in INTENDED]
    candidates = [word[:index] + INTENDED[word[index]] + word[index + 1 :] for index in typed]
    if len(typed) > 1:
        candidates.append("".join(INTENDED.get(char, char) for char in word))
    candidates.extend(
        word[:index] + word[index + 1 :] for index in range(1, len(word)) if word[index - 1] == word[index]
    )
    return next((candidate for candidate in candidates if candidate in known), None)


def _rate(word: str, known: Mapping[str, Unit]) -> UnitGuess:
    """A rate is known once both its parts are: declare the unknown parts; it was likely meant as
    the rate of known units when each unknown part is likely a typo of one."""
    parts = word.split("/", 1)
    declarations: list[Declaration] = []
    meant: dict[str, str | None] = {}
    for part in dict.fromkeys(parts):
        if part not in known:
            multiple = multiple_of(part, known)
            declarations.append(multiple or Declaration(part))
            meant[part] = None if multiple else likely_unit(part, known)
        else:
            meant[part] = part
    near = "/".join(meant[part] or "" for part in parts) if declarations and all(meant.values()) else None
    return UnitGuess(near, tuple(declarations), rate=True)
