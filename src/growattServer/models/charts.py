"""What the columns of Growatt's history charts are, in the package's units.

Classic ``getEnergyProdAndCons_KW`` (TLX row 21, MIX row 29; shinephone-api.md §4.10,
§4.11, §6) answers one day as ``chartData {"HH:MM": {column: kW}}`` and a month or year
as ``chartData {"date": ..., column: [kWh, ...]}``. The column names differ between the
two shapes (TLX ``pex`` is export in a day, import in a month), so each shape has its
own table; TLX and MIX share it (their names do not collide within a shape).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields as dataclass_fields

from .energy import EnergyQuantity
from .fields import Fields
from .flow import PowerFlow

__all__ = [
    "DAY_CHART_FLOWS",
    "ENERGY_COLUMN_UNIT",
    "FLOW_COLUMNS",
    "PERIOD_CHART_ENERGY",
    "day_chart_flow",
    "energy_columns",
    "flow_columns",
    "period_chart_energy",
]

Q = EnergyQuantity

#: PowerFlow field → the 5-minute chart columns that carry it, in the chart's unit (kW).
#: TLX: ``ppv userLoad sysOut pacToUser pacToGrid chargePower outP``; MIX: ``ppv sysOut
#: pacToUser pacToGrid pdischarge``. ``sysOut`` is the house load (the MIX night entry
#: has it equal to the grid import).
DAY_CHART_FLOWS: Mapping[str, tuple[str, ...]] = {
    "pv_w": ("ppv",),
    "load_w": ("userLoad", "sysOut"),
    "grid_import_w": ("pacToUser",),
    "grid_export_w": ("pacToGrid",),
    "battery_charge_w": ("chargePower",),
    "battery_discharge_w": ("pdischarge",),
    "ac_output_w": ("outP",),
}

#: EnergyQuantity → the month/year chart columns (kWh per day or month) that carry it.
#: TLX: ``epv3 eac pex pacToGrid charge echarge sysOut``; MIX: ``ppv pacToUser pacToGrid
#: pdischarge sysOut``.
PERIOD_CHART_ENERGY: Mapping[EnergyQuantity, tuple[str, ...]] = {
    Q.PRODUCED: ("epv3", "ppv"),
    Q.AC_OUTPUT: ("eac",),
    Q.GRID_IMPORT: ("pacToUser", "pex"),
    Q.GRID_EXPORT: ("pacToGrid",),
    Q.BATTERY_CHARGE: ("charge",),
    Q.BATTERY_DISCHARGE: ("echarge", "pdischarge"),
    Q.LOAD: ("sysOut",),
}

#: The names of a flow's values as table columns: ``pv_w`` ... ``ac_output_w``.
FLOW_COLUMNS: tuple[str, ...] = tuple(f.name for f in dataclass_fields(PowerFlow))
#: How an energy quantity is named as a table column: ``produced_kwh``.
ENERGY_COLUMN_UNIT = "_kwh"


def day_chart_flow(fields: Fields, unit: str = "kW") -> PowerFlow:
    """One 5-minute chart entry (``{column: value}``) as flows in W."""
    return PowerFlow(
        **{name: fields.power_w(*columns, unit=unit) for name, columns in DAY_CHART_FLOWS.items()}
    )


def period_chart_energy(fields: Fields) -> dict[EnergyQuantity, float | None]:
    """One day or month of a period chart (``{column: kWh}``): kWh per quantity the
    entry has a column for (``None`` where that column is empty)."""
    return {
        quantity: fields.energy_kwh(*columns)
        for quantity, columns in PERIOD_CHART_ENERGY.items()
        if any(column in fields.raw for column in columns)
    }


def flow_columns(flow: PowerFlow) -> dict[str, float | None]:
    """A flow as named columns (:data:`FLOW_COLUMNS`)."""
    return {name: getattr(flow, name) for name in FLOW_COLUMNS}


def energy_columns(energy: Mapping[EnergyQuantity, float | None]) -> dict[str, float | None]:
    """kWh per quantity as named columns: ``{"produced_kwh": 12.5, ...}``."""
    return {f"{quantity.value}{ENERGY_COLUMN_UNIT}": kwh for quantity, kwh in energy.items()}
