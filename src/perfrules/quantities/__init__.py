"""Layer 1, quantities: exact numbers and what they measure; imports only `perfrules.errors`.

The Decimal contexts the engine computes in and the bounds every number keeps (arithmetic),
units and dimensions with exact conversions (units), what an unknown unit word most likely is
(guesses), the public value types `Quantity` and `Target` (values), and the one `Comparator` enum
every layer asks about comparators.
"""

from .comparators import Comparator
from .values import Quantity, Target

__all__ = ["Comparator", "Quantity", "Target"]
