"""Latest readings, one class per family, in W, V, A, Hz, °C and %.

Every reading has ``time`` (when the device took it, in the plant's zone; ``None``
where the answer does not say), ``raw`` (the answer object it came from, for fields
not modelled here) and ``power_flow`` (:class:`~growattServer.models.flow.PowerFlow`).
Fields are ``None`` where the answer lacks them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

from .device import DeviceFamily
from .flow import PowerFlow

__all__ = [
    "InverterReading",
    "MixReading",
    "NoahReading",
    "PvString",
    "Reading",
    "SpaReading",
    "StorageReading",
    "TlxBatteryReading",
    "TlxReading",
]


def _positive(value: float | None) -> float | None:
    """A flow is never negative: a stray negative reading counts as none flowing."""
    return None if value is None else max(0.0, value)


@dataclass(frozen=True, slots=True)
class PvString:
    """One PV input (MPPT string): V, A, W; ``None`` where not reported."""

    voltage_v: float | None = None
    current_a: float | None = None
    power_w: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Reading:
    """What a device reported last. Subclasses add the family's values."""

    family: ClassVar[DeviceFamily] = DeviceFamily.UNKNOWN
    time: datetime | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def power_flow(self) -> PowerFlow:
        """The reading's power flows (W, all ``>= 0``)."""
        return PowerFlow()


@dataclass(frozen=True, slots=True, kw_only=True)
class InverterReading(Reading):
    """A string PV inverter (classic ``getInverterDetailData``): no meter, no battery."""

    family: ClassVar[DeviceFamily] = DeviceFamily.INVERTER
    pv_power_w: float | None = None
    pv_strings: tuple[PvString, ...] = ()
    ac_power_w: float | None = None
    ac_voltage_v: float | None = None
    ac_current_a: float | None = None
    ac_frequency_hz: float | None = None
    temperature_c: float | None = None

    @property
    def power_flow(self) -> PowerFlow:
        """PV in, AC out; load and grid are not measured."""
        return PowerFlow(pv_w=_positive(self.pv_power_w), ac_output_w=_positive(self.ac_power_w))


@dataclass(frozen=True, slots=True, kw_only=True)
class _HybridReading(Reading):
    """The values TLX, MIX and SPA hybrids share."""

    pv_power_w: float | None = None
    pv_strings: tuple[PvString, ...] = ()
    ac_power_w: float | None = None
    ac_voltage_v: float | None = None
    ac_frequency_hz: float | None = None
    load_w: float | None = None
    grid_import_w: float | None = None
    grid_export_w: float | None = None
    battery_charge_w: float | None = None
    battery_discharge_w: float | None = None
    battery_soc_pct: float | None = None
    battery_voltage_v: float | None = None
    temperature_c: float | None = None

    @property
    def has_battery(self) -> bool:
        """Hybrids of these families always have one."""
        return True

    @property
    def power_flow(self) -> PowerFlow:
        """Every flow, the battery's only when there is a battery."""
        battery = self.has_battery
        return PowerFlow(
            pv_w=_positive(self.pv_power_w),
            load_w=_positive(self.load_w),
            grid_import_w=_positive(self.grid_import_w),
            grid_export_w=_positive(self.grid_export_w),
            battery_charge_w=_positive(self.battery_charge_w) if battery else None,
            battery_discharge_w=_positive(self.battery_discharge_w) if battery else None,
            battery_soc_pct=self.battery_soc_pct if battery else None,
            ac_output_w=_positive(self.ac_power_w),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class TlxReading(_HybridReading):
    """A MIN/MIC/MOD/NEO (TLX) inverter, with the TL-XH's battery (BDC) values.

    ``battery_present`` is what the answer says (battery count, BDC or BMS status); a
    NEO without a battery has no battery flows.
    """

    family: ClassVar[DeviceFamily] = DeviceFamily.TLX
    battery_present: bool = False

    @property
    def has_battery(self) -> bool:
        """Whether the answer shows a battery."""
        return self.battery_present


@dataclass(frozen=True, slots=True, kw_only=True)
class MixReading(_HybridReading):
    """An SPH (MIX) hybrid."""

    family: ClassVar[DeviceFamily] = DeviceFamily.MIX


@dataclass(frozen=True, slots=True, kw_only=True)
class SpaReading(_HybridReading):
    """An SPA (AC-coupled) battery inverter; ``pv_power_w`` is the PV its meter sees."""

    family: ClassVar[DeviceFamily] = DeviceFamily.SPA


@dataclass(frozen=True, slots=True, kw_only=True)
class StorageReading(Reading):
    """An SPF off-grid storage inverter. Its AC output feeds the loads (``load_w`` is
    ``output_power_w``, the output the load percentage is of); it cannot export
    (``grid_export_w`` is 0 in the flow)."""

    family: ClassVar[DeviceFamily] = DeviceFamily.STORAGE
    pv_power_w: float | None = None
    pv_strings: tuple[PvString, ...] = ()
    output_power_w: float | None = None
    output_voltage_v: float | None = None
    output_frequency_hz: float | None = None
    load_percent: float | None = None
    grid_import_w: float | None = None
    grid_voltage_v: float | None = None
    grid_frequency_hz: float | None = None
    battery_charge_w: float | None = None
    battery_discharge_w: float | None = None
    battery_soc_pct: float | None = None
    battery_voltage_v: float | None = None

    @property
    def load_w(self) -> float | None:
        """What the output feeds the loads (W)."""
        return _positive(self.output_power_w)

    @property
    def power_flow(self) -> PowerFlow:
        """Every flow; export is 0 (off-grid)."""
        return PowerFlow(
            pv_w=_positive(self.pv_power_w),
            load_w=self.load_w,
            grid_import_w=_positive(self.grid_import_w),
            grid_export_w=0.0,
            battery_charge_w=_positive(self.battery_charge_w),
            battery_discharge_w=_positive(self.battery_discharge_w),
            battery_soc_pct=self.battery_soc_pct,
            ac_output_w=_positive(self.output_power_w),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class NoahReading(Reading):
    """A Noah balcony battery: PV in, battery, AC out; no meter.

    ``work_mode`` is 0 load first, 1 battery first (shinephone-api.md §4.13);
    ``status_code`` the raw ``status`` ("1" online, "-1" offline, "5" heating), which a
    snapshot turns into the device's status (the Noah's listing has none).
    """

    family: ClassVar[DeviceFamily] = DeviceFamily.NOAH
    pv_power_w: float | None = None
    ac_power_w: float | None = None
    battery_charge_w: float | None = None
    battery_discharge_w: float | None = None
    battery_soc_pct: float | None = None
    battery_count: int | None = None
    work_mode: int | None = None
    status_code: str | None = None

    @property
    def power_flow(self) -> PowerFlow:
        """PV, battery and AC output; load and grid are not measured."""
        return PowerFlow(
            pv_w=_positive(self.pv_power_w),
            battery_charge_w=_positive(self.battery_charge_w),
            battery_discharge_w=_positive(self.battery_discharge_w),
            battery_soc_pct=self.battery_soc_pct,
            ac_output_w=_positive(self.ac_power_w),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class TlxBatteryReading(Reading):
    """A TLX hybrid's battery pack (classic ``getBatDetailData``/``getBatInfo``).

    Its flows are also in the TLX's reading: a plant total must not add both.
    """

    family: ClassVar[DeviceFamily] = DeviceFamily.TLX_BATTERY
    battery_power_w: float | None = None  # + charging, − discharging
    battery_soc_pct: float | None = None
    battery_voltage_v: float | None = None

    @property
    def power_flow(self) -> PowerFlow:
        """The pack's charge or discharge, and its state of charge."""
        return PowerFlow.from_net(
            battery_w=self.battery_power_w, battery_soc_pct=self.battery_soc_pct
        )
