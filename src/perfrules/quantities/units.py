"""Units and dimensions, with exact conversions.

A value is held in its dimension's base unit (元 for money, 1 for ratios); a unit is a base
unit times an exact Decimal factor (1 万元 = 10000 元, 1% = 0.01). Each counting word is a
dimension of its own, because 2 次 and 2 轮 are not the same thing, unless the ruleset
declares a conversion. Dimensions multiply and divide, so 元/元 is a ratio.
"""

from __future__ import annotations

from decimal import Decimal

import attrs


@attrs.frozen
class Dimension:
    """Product of base units raised to integer powers; the empty product is a ratio."""

    powers: tuple[tuple[str, int], ...] = ()

    @classmethod
    def of(cls, base: str) -> Dimension:
        """The dimension of one base unit (元, 次). Raises nothing."""
        return cls(((base, 1),))

    def _combine(self, other: Dimension, sign: int) -> Dimension:
        powers = dict(self.powers)
        for base, power in other.powers:
            powers[base] = powers.get(base, 0) + sign * power
        return Dimension(tuple(sorted((base, power) for base, power in powers.items() if power)))

    def __mul__(self, other: Dimension) -> Dimension:
        return self._combine(other, 1)

    def __truediv__(self, other: Dimension) -> Dimension:
        return self._combine(other, -1)

    def __str__(self) -> str:
        if not self.powers:
            return "a ratio"
        return "·".join(base if power == 1 else f"{base}^{power}" for base, power in self.powers)


RATIO = Dimension()


@attrs.frozen
class Unit:
    """A named unit: `amount` in this unit is `amount * factor` in the dimension's base unit."""

    name: str
    dimension: Dimension
    factor: Decimal

    def describe(self, language: str = "en") -> str:
        """The unit's name, or what a number without one is, in English ("en") or Chinese ("zh").
        Raises nothing: a language other than "zh" is English."""
        return self.name or ("纯数值" if language == "zh" else "a plain number")


PLAIN = Unit("", RATIO, Decimal(1))
PERCENT = Unit("%", RATIO, Decimal("0.01"))

_MONEY = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100000000)}
_MONEY_SPELLINGS = {"萬元": "万元", "億元": "亿元"}
"""Traditional characters, as tables copied from Hong Kong or Taiwan mirrors print money."""

COUNTING_WORDS = [
    "次",
    "轮",
    "篇",
    "个",
    "项",
    "件",
    "人",
    "人次",
    "份",
    "户",
    "天",
    "台",
    "套",
    "小时",
    "家",
    "所",
    "场",
    "期",
    "批",
    "条",
    "本",
    "部",
    "名",
    "座",
    "辆",
    "起",
    "例",
    "张",
    "册",
    "首",
    "门",
    "类",
    "处",
    "间",
    "栋",
    "亩",
    "平方米",
    "米",
    "吨",
    "千克",
    "年",
    "月",
    "周",
    "日",
    "课时",
    "学时",
    "页",
    "字",
]

_SCALED_COUNTS = {
    "万人": ("人", Decimal(10000)),
    "万人次": ("人次", Decimal(10000)),
    "千米": ("米", Decimal(1000)),
    "公里": ("米", Decimal(1000)),
    "厘米": ("米", Decimal("0.01")),
    "毫米": ("米", Decimal("0.001")),
    "km": ("米", Decimal(1000)),
    "m": ("米", Decimal(1)),
    "M": ("米", Decimal(1)),
    "cm": ("米", Decimal("0.01")),
    "mm": ("米", Decimal("0.001")),
}
"""Multiples of a counting word; lengths as tables print them (`≥50厘米`, `≥80M`: a range in metres)."""

_PLAIN_SCALES = {"万": Decimal(10000), "亿": Decimal(100000000)}
"""Chinese number words after a number, as tables print them without a unit (`250万`): a plain number."""


def builtin_units() -> dict[str, Unit]:
    """The units every ruleset knows without declaring them."""
    units = {"%": PERCENT, "百分比": PERCENT}
    units.update({name: Unit(name, Dimension.of("元"), factor) for name, factor in _MONEY.items()})
    units.update({spelling: units[name] for spelling, name in _MONEY_SPELLINGS.items()})
    units.update({name: Unit(name, RATIO, factor) for name, factor in _PLAIN_SCALES.items()})
    units.update({word: Unit(word, Dimension.of(word), Decimal(1)) for word in COUNTING_WORDS})
    units.update({name: Unit(name, Dimension.of(base), factor) for name, (base, factor) in _SCALED_COUNTS.items()})
    return units


FIXED_UNITS = frozenset(["%", "百分比", *_MONEY, *_MONEY_SPELLINGS, *_PLAIN_SCALES])
"""Built-in units whose meaning a ruleset may not change."""
