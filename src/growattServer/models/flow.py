"""Where the power goes: named, non-negative flows in W, the same for every family."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields

__all__ = ["PowerFlow"]

_SITE_FLOWS = frozenset({"load_w", "grid_import_w", "grid_export_w"})


@dataclass(frozen=True, slots=True)
class PowerFlow:
    """Power flows in W, each ``>= 0``; ``None`` where the device does not report it.

    Balance: ``pv + grid_import + battery_discharge = load + grid_export +
    battery_charge`` (plus conversion losses). ``ac_output_w`` is the inverter's AC
    output (what a string inverter or a Noah feeds in); it is not part of the balance.
    """

    pv_w: float | None = None
    load_w: float | None = None
    grid_import_w: float | None = None
    grid_export_w: float | None = None
    battery_charge_w: float | None = None
    battery_discharge_w: float | None = None
    battery_soc_pct: float | None = None
    ac_output_w: float | None = None

    @classmethod
    def from_net(
        cls,
        *,
        pv_w: float | None = None,
        load_w: float | None = None,
        grid_w: float | None = None,
        battery_w: float | None = None,
        battery_soc_pct: float | None = None,
        ac_output_w: float | None = None,
    ) -> PowerFlow:
        """From signed nets: ``grid_w`` > 0 import, < 0 export; ``battery_w`` > 0 charge,
        < 0 discharge."""
        return cls(
            pv_w=pv_w,
            load_w=load_w,
            grid_import_w=None if grid_w is None else max(0.0, grid_w),
            grid_export_w=None if grid_w is None else max(0.0, -grid_w),
            battery_charge_w=None if battery_w is None else max(0.0, battery_w),
            battery_discharge_w=None if battery_w is None else max(0.0, -battery_w),
            battery_soc_pct=battery_soc_pct,
            ac_output_w=ac_output_w,
        )

    @property
    def imbalance_w(self) -> float | None:
        """Sources minus sinks (W), ``None`` unless PV, load and both grid flows are known;
        an absent battery counts as 0."""
        if None in (self.pv_w, self.load_w, self.grid_import_w, self.grid_export_w):
            return None
        sources = (self.pv_w or 0) + (self.grid_import_w or 0) + (self.battery_discharge_w or 0)
        sinks = (self.load_w or 0) + (self.grid_export_w or 0) + (self.battery_charge_w or 0)
        return sources - sinks

    @property
    def is_metered(self) -> bool:
        """Whether where this device's output goes (house or grid) is known: false for a
        device that produces but reports no load (a string inverter, a Noah)."""
        produces = self.pv_w is not None or self.ac_output_w is not None
        return self.load_w is not None or not produces

    @classmethod
    def total(cls, flows: Iterable[PowerFlow]) -> PowerFlow:
        """Flows summed over devices; a flow no device reports stays ``None``. Load and
        grid flows are ``None`` as soon as one device feeds power in without saying
        where it goes (:attr:`is_metered`): their sum would be wrong. The state of charge
        is the mean of the devices that report one."""
        items = list(flows)
        metered = all(f.is_metered for f in items)
        sums: dict[str, float | None] = {}
        for spec in fields(cls):
            if spec.name == "battery_soc_pct":
                continue
            known = [v for v in (getattr(f, spec.name) for f in items) if v is not None]
            sums[spec.name] = sum(known) if known else None
            if spec.name in _SITE_FLOWS and not metered:
                sums[spec.name] = None
        socs = [f.battery_soc_pct for f in items if f.battery_soc_pct is not None]
        return cls(**sums, battery_soc_pct=sum(socs) / len(socs) if socs else None)
