"""What assessment reads of an evaluated report: a Protocol, so that scoring and monitoring depend
on the report's small public surface and nothing of how the engine keeps it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from ..engine.results import IndicatorResult
from ..engine.status import Status
from ..language.limits import Limits
from ..language.weights import Weights
from ..quantities.units import Unit
from ..quantities.values import Quantity


class EvaluatedReport(Protocol):
    """An evaluated report, as `perfrules.Report` offers it."""

    @property
    def as_of(self) -> date | None: ...

    @property
    def year(self) -> int | None: ...

    @property
    def weights(self) -> Weights: ...

    @property
    def facts(self) -> Mapping[str, Any]: ...

    @property
    def limits(self) -> Limits: ...

    @property
    def units(self) -> Mapping[str, Unit]: ...

    @property
    def budget(self) -> dict[str, Quantity]: ...

    def value_of(self, fact: str) -> Quantity | str | None: ...

    def base(self, quantity: Quantity) -> Decimal: ...

    def status(self, name: str) -> Status: ...

    def __iter__(self) -> Iterator[str]: ...

    def __getitem__(self, name: str) -> IndicatorResult: ...

    def __contains__(self, name: object) -> bool: ...
