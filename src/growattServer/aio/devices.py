"""Device objects behind ``AsyncOpenApiV1.get_device``: ``AsyncMin`` (type 7) and ``AsyncSph``
(type 5), the async mirrors of :mod:`growattServer.compat.devices`.

Each is a serial number bound to a client; its methods call the matching
``AsyncOpenApiV1.min_*`` / ``sph_*`` method, so there is one code path per endpoint.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from .openapi_v1 import AsyncOpenApiV1

__all__ = ["AsyncDevice", "AsyncMin", "AsyncSph"]


class AsyncDevice:
    """A device of one family; use :class:`AsyncMin` or :class:`AsyncSph`."""

    DEVICE_TYPE_ID: ClassVar[int]

    def __init__(self, api: AsyncOpenApiV1, device_sn: str) -> None:
        """Bind a serial number to a client."""
        self.api = api
        self.device_sn = device_sn

    def __repr__(self) -> str:
        """Serial number only; the client's token stays out."""
        return f"{type(self).__name__}(device_sn={self.device_sn!r})"


class AsyncMin(AsyncDevice):
    """MIN / TLX inverter (v1 ``type`` 7)."""

    DEVICE_TYPE_ID = 7

    async def detail(self) -> Any:
        """See :meth:`AsyncOpenApiV1.min_detail`."""
        return await self.api.min_detail(self.device_sn)

    async def energy(self) -> Any:
        """See :meth:`AsyncOpenApiV1.min_energy`."""
        return await self.api.min_energy(self.device_sn)

    async def energy_history(
        self,
        start_date: dt.date | None = None,
        end_date: dt.date | None = None,
        timezone: str | None = None,
        page: int | None = None,
        limit: int | None = None,
    ) -> Any:
        """See :meth:`AsyncOpenApiV1.min_energy_history`."""
        return await self.api.min_energy_history(
            self.device_sn, start_date, end_date, timezone, page, limit
        )

    async def settings(self) -> Any:
        """See :meth:`AsyncOpenApiV1.min_settings`."""
        return await self.api.min_settings(self.device_sn)

    async def read_parameter(
        self,
        parameter_id: str | None,
        start_address: int | None = None,
        end_address: int | None = None,
    ) -> Any:
        """See :meth:`AsyncOpenApiV1.min_read_parameter`."""
        return await self.api.min_read_parameter(
            self.device_sn, parameter_id, start_address, end_address
        )

    async def write_parameter(self, parameter_id: str, parameter_values: Any = None) -> Any:
        """See :meth:`AsyncOpenApiV1.min_write_parameter`."""
        return await self.api.min_write_parameter(self.device_sn, parameter_id, parameter_values)

    async def write_time_segment(
        self,
        segment_id: int,
        batt_mode: int,
        start_time: dt.time,
        end_time: dt.time,
        enabled: bool = True,
    ) -> Any:
        """See :meth:`AsyncOpenApiV1.min_write_time_segment`."""
        return await self.api.min_write_time_segment(
            self.device_sn, segment_id, batt_mode, start_time, end_time, enabled
        )

    async def read_time_segments(
        self, settings_data: Mapping[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        """See :meth:`AsyncOpenApiV1.min_read_time_segments`."""
        return await self.api.min_read_time_segments(self.device_sn, settings_data)


class AsyncSph(AsyncDevice):
    """SPH / MIX hybrid inverter (v1 ``type`` 5)."""

    DEVICE_TYPE_ID = 5

    async def detail(self) -> Any:
        """See :meth:`AsyncOpenApiV1.sph_detail`."""
        return await self.api.sph_detail(self.device_sn)

    async def energy(self) -> Any:
        """See :meth:`AsyncOpenApiV1.sph_energy`."""
        return await self.api.sph_energy(self.device_sn)

    async def energy_history(
        self,
        start_date: dt.date | None = None,
        end_date: dt.date | None = None,
        timezone: str | None = None,
        page: int | None = None,
        limit: int | None = None,
    ) -> Any:
        """See :meth:`AsyncOpenApiV1.sph_energy_history`."""
        return await self.api.sph_energy_history(
            self.device_sn, start_date, end_date, timezone, page, limit
        )

    async def read_parameter(
        self,
        parameter_id: str | None = None,
        start_address: int | None = None,
        end_address: int | None = None,
    ) -> Any:
        """See :meth:`AsyncOpenApiV1.sph_read_parameter`."""
        return await self.api.sph_read_parameter(
            self.device_sn, parameter_id, start_address, end_address
        )

    async def write_parameter(self, parameter_id: str, parameter_values: Any = None) -> Any:
        """See :meth:`AsyncOpenApiV1.sph_write_parameter`."""
        return await self.api.sph_write_parameter(self.device_sn, parameter_id, parameter_values)

    async def write_ac_charge_times(
        self,
        charge_power: int,
        charge_stop_soc: int,
        mains_enabled: bool,
        periods: list[dict[str, Any]],
    ) -> Any:
        """See :meth:`AsyncOpenApiV1.sph_write_ac_charge_times`."""
        return await self.api.sph_write_ac_charge_times(
            self.device_sn, charge_power, charge_stop_soc, mains_enabled, periods
        )

    async def write_ac_discharge_times(
        self, discharge_power: int, discharge_stop_soc: int, periods: list[dict[str, Any]]
    ) -> Any:
        """See :meth:`AsyncOpenApiV1.sph_write_ac_discharge_times`."""
        return await self.api.sph_write_ac_discharge_times(
            self.device_sn, discharge_power, discharge_stop_soc, periods
        )

    async def read_ac_charge_times(
        self, settings_data: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        """See :meth:`AsyncOpenApiV1.sph_read_ac_charge_times`."""
        return await self.api.sph_read_ac_charge_times(self.device_sn, settings_data)

    async def read_ac_discharge_times(
        self, settings_data: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        """See :meth:`AsyncOpenApiV1.sph_read_ac_discharge_times`."""
        return await self.api.sph_read_ac_discharge_times(self.device_sn, settings_data)
