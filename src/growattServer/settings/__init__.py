"""Safe settings writes: a schema for every writable setting, checked before sending,
sent once per device at a time, and read back.

::

    from growattServer.aio import AsyncOpenApiV1
    from growattServer.settings import DeviceSettings

    async with AsyncOpenApiV1(token) as api:
        inverter = DeviceSettings(api, "QMN0D2K15E", "min")
        result = await inverter.set_charge_stop_soc(90)
        print(result.outcome, result.note)          # Outcome.APPLIED, ...
        print(await inverter.prepare("time_segment1", mode="battery_first",
                                     start="01:00", end="05:00", enabled=True))

``schema_for(api, family).describe()`` lists every setting with its parameters,
types, units and ranges (for ``growatt settings show`` and UIs). See ``docs/settings.md``.
"""

from __future__ import annotations

from .catalog import all_schemas, find_schema
from .client import DEFAULT_SETTLE_S, DeviceSettings, SettingsClient, TimeWindow, schema_for
from .params import SettingValueError
from .readback import Outcome, WriteResult
from .schema import Schema, Setting
from .write import ValidatedWrite

__all__ = [
    "DEFAULT_SETTLE_S",
    "DeviceSettings",
    "Outcome",
    "Schema",
    "Setting",
    "SettingValueError",
    "SettingsClient",
    "TimeWindow",
    "ValidatedWrite",
    "WriteResult",
    "all_schemas",
    "find_schema",
    "schema_for",
]
