"""Device objects behind ``OpenApiV1.get_device``: ``Min`` (type 7) and ``Sph`` (type 5).

Each is a serial number bound to a client; its methods call the matching
``OpenApiV1.min_*`` / ``sph_*`` method, so there is one code path per endpoint.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from .openapi_v1 import OpenApiV1

__all__ = ["AbstractDevice", "Min", "Sph"]


class AbstractDevice:
    """A device of one family; use :class:`Min` or :class:`Sph`."""

    DEVICE_TYPE_ID: ClassVar[int]

    def __init__(self, api: OpenApiV1, device_sn: str) -> None:
        """Bind a serial number to a client."""
        self.api = api
        self.device_sn = device_sn

    def __repr__(self) -> str:
        """Serial number only; the client's token stays out."""
        return f"{type(self).__name__}(device_sn={self.device_sn!r})"


class Min(AbstractDevice):
    """MIN / TLX inverter (v1 ``type`` 7)."""

    DEVICE_TYPE_ID = 7

    def detail(self) -> Any:
        """See :meth:`OpenApiV1.min_detail`."""
        return self.api.min_detail(self.device_sn)

    def energy(self) -> Any:
        """See :meth:`OpenApiV1.min_energy`."""
        return self.api.min_energy(self.device_sn)

    def energy_history(
        self,
        start_date: dt.date | None = None,
        end_date: dt.date | None = None,
        timezone: str | None = None,
        page: int | None = None,
        limit: int | None = None,
    ) -> Any:
        """See :meth:`OpenApiV1.min_energy_history`."""
        return self.api.min_energy_history(
            self.device_sn, start_date, end_date, timezone, page, limit
        )

    def settings(self) -> Any:
        """See :meth:`OpenApiV1.min_settings`."""
        return self.api.min_settings(self.device_sn)

    def read_parameter(
        self,
        parameter_id: str | None,
        start_address: int | None = None,
        end_address: int | None = None,
    ) -> Any:
        """See :meth:`OpenApiV1.min_read_parameter`."""
        return self.api.min_read_parameter(self.device_sn, parameter_id, start_address, end_address)

    def write_parameter(self, parameter_id: str, parameter_values: Any = None) -> Any:
        """See :meth:`OpenApiV1.min_write_parameter`."""
        return self.api.min_write_parameter(self.device_sn, parameter_id, parameter_values)

    def write_time_segment(
        self,
        segment_id: int,
        batt_mode: int,
        start_time: dt.time,
        end_time: dt.time,
        enabled: bool = True,
    ) -> Any:
        """See :meth:`OpenApiV1.min_write_time_segment`."""
        return self.api.min_write_time_segment(
            self.device_sn, segment_id, batt_mode, start_time, end_time, enabled
        )

    def read_time_segments(
        self, settings_data: Mapping[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        """See :meth:`OpenApiV1.min_read_time_segments`."""
        return self.api.min_read_time_segments(self.device_sn, settings_data)


class Sph(AbstractDevice):
    """SPH / MIX hybrid inverter (v1 ``type`` 5)."""

    DEVICE_TYPE_ID = 5

    def detail(self) -> Any:
        """See :meth:`OpenApiV1.sph_detail`."""
        return self.api.sph_detail(self.device_sn)

    def energy(self) -> Any:
        """See :meth:`OpenApiV1.sph_energy`."""
        return self.api.sph_energy(self.device_sn)

    def energy_history(
        self,
        start_date: dt.date | None = None,
        end_date: dt.date | None = None,
        timezone: str | None = None,
        page: int | None = None,
        limit: int | None = None,
    ) -> Any:
        """See :meth:`OpenApiV1.sph_energy_history`."""
        return self.api.sph_energy_history(
            self.device_sn, start_date, end_date, timezone, page, limit
        )

    def read_parameter(
        self,
        parameter_id: str | None = None,
        start_address: int | None = None,
        end_address: int | None = None,
    ) -> Any:
        """See :meth:`OpenApiV1.sph_read_parameter`."""
        return self.api.sph_read_parameter(self.device_sn, parameter_id, start_address, end_address)

    def write_parameter(self, parameter_id: str, parameter_values: Any = None) -> Any:
        """See :meth:`OpenApiV1.sph_write_parameter`."""
        return self.api.sph_write_parameter(self.device_sn, parameter_id, parameter_values)

    def write_ac_charge_times(
        self,
        charge_power: int,
        charge_stop_soc: int,
        mains_enabled: bool,
        periods: list[dict[str, Any]],
    ) -> Any:
        """See :meth:`OpenApiV1.sph_write_ac_charge_times`."""
        return self.api.sph_write_ac_charge_times(
            self.device_sn, charge_power, charge_stop_soc, mains_enabled, periods
        )

    def write_ac_discharge_times(
        self, discharge_power: int, discharge_stop_soc: int, periods: list[dict[str, Any]]
    ) -> Any:
        """See :meth:`OpenApiV1.sph_write_ac_discharge_times`."""
        return self.api.sph_write_ac_discharge_times(
            self.device_sn, discharge_power, discharge_stop_soc, periods
        )

    def read_ac_charge_times(
        self, settings_data: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        """See :meth:`OpenApiV1.sph_read_ac_charge_times`."""
        return self.api.sph_read_ac_charge_times(self.device_sn, settings_data)

    def read_ac_discharge_times(
        self, settings_data: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        """See :meth:`OpenApiV1.sph_read_ac_discharge_times`."""
        return self.api.sph_read_ac_discharge_times(self.device_sn, settings_data)
