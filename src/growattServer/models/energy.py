"""Energy counters in kWh: per period (today, month, year, lifetime) and per quantity.

"Today" is the plant's local day (Growatt resets the counters at the plant's
midnight, shinephone-api.md §6); ``EnergyTotals.day`` says which day that was when
the totals were read. Lifetime counters never reset, but may read 0 or an old value
around midnight: :class:`~growattServer.models.guard.MonotonicGuard` filters that.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import date
from enum import StrEnum

__all__ = ["EnergyCounter", "EnergyQuantity", "EnergyTotals"]


class EnergyQuantity(StrEnum):
    """What a counter counts; the names of :class:`EnergyTotals`' fields."""

    PRODUCED = "produced"  # harvested: PV (epv*); AC output (eac/powerToday) for string inverters
    AC_OUTPUT = "ac_output"  # what the inverter fed out on its AC side (eac*)
    GRID_IMPORT = "grid_import"  # bought from the grid (etoUser*, eToUser*)
    GRID_EXPORT = "grid_export"  # sold to the grid (etoGrid*)
    BATTERY_CHARGE = "battery_charge"  # into the battery (echarge*)
    BATTERY_DISCHARGE = "battery_discharge"  # out of the battery (edischarge*)
    LOAD = "load"  # used by the house (elocalLoad*, useEnergy*)


@dataclass(frozen=True, slots=True)
class EnergyCounter:
    """One quantity's kWh per period; ``None`` where the answer has no such counter."""

    today_kwh: float | None = None
    month_kwh: float | None = None
    year_kwh: float | None = None
    total_kwh: float | None = None

    @property
    def is_empty(self) -> bool:
        """True when no period is known."""
        return all(getattr(self, f.name) is None for f in fields(self))

    def merged(self, other: EnergyCounter) -> EnergyCounter:
        """This counter with the periods it lacks taken from ``other``."""
        return EnergyCounter(
            *(
                getattr(self, f.name)
                if getattr(self, f.name) is not None
                else getattr(other, f.name)
                for f in fields(self)
            )
        )

    def plus(self, other: EnergyCounter) -> EnergyCounter:
        """Period-wise sum; a period either side lacks stays as the other side has it."""
        values = []
        for spec in fields(self):
            mine, theirs = getattr(self, spec.name), getattr(other, spec.name)
            values.append(theirs if mine is None else mine if theirs is None else mine + theirs)
        return EnergyCounter(*values)


_EMPTY = EnergyCounter()


@dataclass(frozen=True, slots=True)
class EnergyTotals:
    """A device's or plant's counters, one :class:`EnergyCounter` per quantity.

    ``today_kwh``/``month_kwh``/``year_kwh``/``total_kwh`` are the ``produced``
    counter's, the figure Growatt's plant totals add up. ``of(quantity)`` picks any
    other; quantities the answer does not carry are empty counters.
    """

    produced: EnergyCounter = _EMPTY
    ac_output: EnergyCounter = _EMPTY
    grid_import: EnergyCounter = _EMPTY
    grid_export: EnergyCounter = _EMPTY
    battery_charge: EnergyCounter = _EMPTY
    battery_discharge: EnergyCounter = _EMPTY
    load: EnergyCounter = _EMPTY
    day: date | None = None  # the plant-local day the "today" counters belong to

    @property
    def today_kwh(self) -> float | None:
        """kWh produced on the plant's local day."""
        return self.produced.today_kwh

    @property
    def month_kwh(self) -> float | None:
        """kWh produced this month."""
        return self.produced.month_kwh

    @property
    def year_kwh(self) -> float | None:
        """kWh produced this year."""
        return self.produced.year_kwh

    @property
    def total_kwh(self) -> float | None:
        """kWh produced over the device's or plant's life."""
        return self.produced.total_kwh

    @classmethod
    def from_counters(
        cls, counters: Mapping[EnergyQuantity, EnergyCounter], day: date | None = None
    ) -> EnergyTotals:
        """Totals from counters by quantity; quantities left out are empty."""

        def get(quantity: EnergyQuantity) -> EnergyCounter:
            return counters.get(quantity, _EMPTY)

        return cls(
            produced=get(EnergyQuantity.PRODUCED),
            ac_output=get(EnergyQuantity.AC_OUTPUT),
            grid_import=get(EnergyQuantity.GRID_IMPORT),
            grid_export=get(EnergyQuantity.GRID_EXPORT),
            battery_charge=get(EnergyQuantity.BATTERY_CHARGE),
            battery_discharge=get(EnergyQuantity.BATTERY_DISCHARGE),
            load=get(EnergyQuantity.LOAD),
            day=day,
        )

    def of(self, quantity: EnergyQuantity | str) -> EnergyCounter:
        """The counter of one quantity."""
        counter: EnergyCounter = getattr(self, EnergyQuantity(quantity).value)
        return counter

    @property
    def quantities(self) -> dict[EnergyQuantity, EnergyCounter]:
        """The quantities that have at least one known period."""
        return {q: self.of(q) for q in EnergyQuantity if not self.of(q).is_empty}

    @property
    def is_empty(self) -> bool:
        """True when no counter is known."""
        return not self.quantities

    def merged(self, other: EnergyTotals) -> EnergyTotals:
        """These totals, completed by ``other`` where they lack a period."""
        counters = {q: self.of(q).merged(other.of(q)) for q in EnergyQuantity}
        return EnergyTotals.from_counters(counters, self.day or other.day)

    def plus(self, other: EnergyTotals) -> EnergyTotals:
        """Quantity- and period-wise sum (a plant's devices)."""
        counters = {q: self.of(q).plus(other.of(q)) for q in EnergyQuantity}
        return EnergyTotals.from_counters(counters, self.day or other.day)

    def on_day(self, day: date | None) -> EnergyTotals:
        """The same totals, stamped with the plant-local day they were read on."""
        return replace(self, day=day)
