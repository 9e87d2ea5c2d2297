"""The OpenAPI v1 client's methods, once, for ``OpenApiV1`` and ``AsyncOpenApiV1``.

Plans (:mod:`growattServer.methods.plan`) on the endpoint objects of
:mod:`growattServer.protocol.openapi_v1`. As in growattServer the v1 client is a classic
client too (:class:`V1Methods` extends :class:`~.classic.ClassicMethods`), but
``plant_list`` and ``device_list`` take the v1 arguments. Argument shaping (default
dates, the ``param1..N`` slots of a write and their validation) happens in the plan,
before anything is sent. ``get_device`` stays with each client: it builds sync or async
device objects.
"""

from __future__ import annotations

import datetime as dt
import platform
from collections.abc import Mapping
from typing import Any

from growattServer.protocol import openapi_v1 as v1
from growattServer.protocol.answers import v1_error
from growattServer.protocol.request import Request

from .classic import ClassicMethods, JSONDict
from .plan import Plan, fetch, invoke, plan

__all__ = ["V1Methods", "python_agent"]


def python_agent() -> str:
    """growattServer's v1 User-Agent: ``Python/<ver> (<system> <release>; <machine>)``."""
    return (
        f"Python/{platform.python_version()} "
        f"({platform.system()} {platform.release()}; {platform.machine()})"
    )


class V1Methods(ClassicMethods):
    """The OpenAPI v1 methods of growattServer's ``OpenApiV1``, as plans."""

    _api_url: str | None = None

    @property
    def api_url(self) -> str:
        """``<server_url>v1/``, derived on every read unless set explicitly."""
        return self._api_url if self._api_url is not None else f"{self.server_url}v1/"

    @api_url.setter
    def api_url(self, value: str) -> None:
        self._api_url = value if value.endswith("/") else value + "/"

    def get_url(self, page: str) -> str:
        """Full URL of a v1 page."""
        return self.api_url + page

    def _base_url(self, request: Request) -> str:
        return self.api_url if request.api == "v1" else self.server_url

    def process_response(
        self, response: Mapping[str, Any], operation_name: str = "API operation"
    ) -> Any:
        """Return ``response["data"]``; raise ``GrowattV1ApiError`` unless ``error_code`` is 0."""
        error = v1_error(response, operation_name)
        if error is not None:
            raise error
        return response.get("data")

    # --- plants and devices ------------------------------------------------------------------

    @plan
    def plant_list(self) -> Plan[Any]:  # v1 takes no user id (overrides the classic one)
        """``{"count", "plants": [...]}`` for the token's account."""
        return (yield from fetch(v1.PLANT_LIST))

    @plan
    def plant_details(self, plant_id: int | str) -> Plan[Any]:
        """``plant/details`` data."""
        return (yield from fetch(v1.PLANT_DETAILS, plant_id=plant_id))

    @plan
    def plant_energy_overview(self, plant_id: int | str) -> Plan[Any]:
        """``plant/data``: today/month/year/total energy and current power."""
        return (yield from fetch(v1.PLANT_ENERGY_OVERVIEW, plant_id=plant_id))

    @plan
    def plant_power_overview(
        self, plant_id: int | str, day: str | dt.date | None = None
    ) -> Plan[Any]:
        """``plant/power``: 5-minute powers of one day (default: the plant's today)."""
        return (
            yield from fetch(
                v1.PLANT_POWER_OVERVIEW, plant_id=plant_id, day=self._day(day, plant_id)
            )
        )

    @plan
    def plant_energy_history(
        self,
        plant_id: int | str,
        start_date: dt.date | None = None,
        end_date: dt.date | None = None,
        time_unit: str = "day",
        page: int | None = None,
        perpage: int | None = None,
    ) -> Plan[Any]:
        """``plant/energy`` by day, month or year; a range the server refuses only warns."""
        start, end = self._span(start_date, end_date, plant_id)
        return (
            yield from fetch(
                v1.PLANT_ENERGY_HISTORY,
                plant_id=plant_id,
                start_date=start,
                end_date=end,
                time_unit=time_unit,
                page=page,
                perpage=perpage,
            )
        )

    @plan
    def device_list(self, plant_id: int | str) -> Plan[Any]:
        """``{"count", "devices": [...]}``; ``type`` 5 is SPH, 7 is MIN."""
        return (yield from fetch(v1.DEVICE_LIST, plant_id=plant_id))

    def _span(
        self, start: dt.date | None, end: dt.date | None, plant_id: object = None
    ) -> tuple[dt.date, dt.date]:
        """Missing ends copy the other; both missing means today (plant-local)."""
        if start is None and end is None:
            today = self._clock.today(plant_id)
            return today, today
        if start is None:
            start = end
        if end is None:
            end = start
        return start, end  # type: ignore[return-value]  # one of them was given

    def _history(
        self,
        endpoint: Any,
        device_sn: str,
        start_date: dt.date | None,
        end_date: dt.date | None,
        timezone: str | None,
        page: int | None,
        limit: int | None,
    ) -> Plan[Any]:
        """The MIN and SPH history calls: the same span rule and the same fields."""
        start, end = self._span(start_date, end_date)
        return (
            yield from fetch(
                endpoint,
                device_sn=device_sn,
                start_date=start,
                end_date=end,
                timezone=timezone,
                page=page,
                limit=limit,
            )
        )

    # --- MIN (type 7) ----------------------------------------------------------------------------

    @plan
    def min_detail(self, device_sn: str) -> Plan[Any]:
        """``tlx_data_info`` data (with the nested ``tlxSetbean``)."""
        return (yield from fetch(v1.MIN_DETAIL, device_sn=device_sn))

    @plan
    def min_energy(self, device_sn: str) -> Plan[Any]:
        """``tlx_last_data`` data: the latest record."""
        return (yield from fetch(v1.MIN_ENERGY, device_sn=device_sn))

    @plan
    def min_energy_history(
        self,
        device_sn: str,
        start_date: dt.date | None = None,
        end_date: dt.date | None = None,
        timezone: str | None = None,
        page: int | None = None,
        limit: int | None = None,
    ) -> Plan[Any]:
        """``tlx_data``: records of at most 7 days (more raises ``GrowattParameterError``)."""
        return (
            yield from self._history(
                v1.MIN_ENERGY_HISTORY, device_sn, start_date, end_date, timezone, page, limit
            )
        )

    @plan
    def min_settings(self, device_sn: str) -> Plan[Any]:
        """``tlx_set_info`` data: the flat settings map."""
        return (yield from fetch(v1.MIN_SETTINGS, device_sn=device_sn))

    @plan
    def min_read_parameter(
        self,
        device_sn: str,
        parameter_id: str | None,
        start_address: int | None = None,
        end_address: int | None = None,
    ) -> Plan[Any]:
        """``readMinParam``: a named setting, or a register range (``set_any_reg``)."""
        return (
            yield from fetch(
                v1.MIN_READ_PARAMETER,
                device_sn=device_sn,
                parameter_id=parameter_id,
                start_address=start_address,
                end_address=end_address,
            )
        )

    @plan
    def min_write_parameter(
        self, device_sn: str, parameter_id: str, parameter_values: Any = None
    ) -> Plan[Any]:
        """``tlxSet``: a scalar is ``param1``, a list fills in order, a dict maps positions."""
        slots = v1.parameter_slots(parameter_values, v1.MIN_PARAM_COUNT)
        return (
            yield from fetch(
                v1.MIN_WRITE, device_sn=device_sn, parameter_id=parameter_id, slots=slots
            )
        )

    @plan
    def min_write_time_segment(
        self,
        device_sn: str,
        segment_id: int,
        batt_mode: int,
        start_time: dt.time,
        end_time: dt.time,
        enabled: bool = True,
    ) -> Plan[Any]:
        """``tlxSet`` ``time_segment<N>``: mode 0 load, 1 battery, 2 grid first."""
        slots = v1.time_segment_slots(segment_id, batt_mode, start_time, end_time, enabled)
        return (
            yield from fetch(
                v1.MIN_WRITE_TIME_SEGMENT,
                device_sn=device_sn,
                parameter_id=f"time_segment{segment_id}",
                segment_id=segment_id,
                slots=slots,
            )
        )

    @plan
    def min_read_time_segments(
        self, device_sn: str, settings_data: Mapping[str, Any] | None = None
    ) -> Plan[list[JSONDict]]:
        """The 9 segments, from ``settings_data`` or a fresh :meth:`min_settings`."""
        settings = settings_data
        if settings is None:
            settings = yield from invoke(V1Methods.min_settings, device_sn)
        return v1.read_time_segments(settings)

    # --- SPH (type 5) ----------------------------------------------------------------------------

    @plan
    def sph_detail(self, device_sn: str) -> Plan[Any]:
        """``mix_data_info`` data: info and settings, flat."""
        return (yield from fetch(v1.SPH_DETAIL, device_sn=device_sn))

    @plan
    def sph_energy(self, device_sn: str) -> Plan[Any]:
        """``mix_last_data`` data: the latest record."""
        return (yield from fetch(v1.SPH_ENERGY, device_sn=device_sn))

    @plan
    def sph_energy_history(
        self,
        device_sn: str,
        start_date: dt.date | None = None,
        end_date: dt.date | None = None,
        timezone: str | None = None,
        page: int | None = None,
        limit: int | None = None,
    ) -> Plan[Any]:
        """``mix_data``: records of at most 7 days."""
        return (
            yield from self._history(
                v1.SPH_ENERGY_HISTORY, device_sn, start_date, end_date, timezone, page, limit
            )
        )

    @plan
    def sph_read_parameter(
        self,
        device_sn: str,
        parameter_id: str | None = None,
        start_address: int | None = None,
        end_address: int | None = None,
    ) -> Plan[Any]:
        """``readMixParam``: a named setting or a register range."""
        return (
            yield from fetch(
                v1.SPH_READ_PARAMETER,
                device_sn=device_sn,
                parameter_id=parameter_id,
                start_address=start_address,
                end_address=end_address,
            )
        )

    @plan
    def sph_write_parameter(
        self, device_sn: str, parameter_id: str, parameter_values: Any = None
    ) -> Plan[Any]:
        """``mixSet`` with ``param1..param18``."""
        slots = v1.parameter_slots(parameter_values, v1.SPH_PARAM_COUNT)
        return (
            yield from fetch(
                v1.SPH_WRITE, device_sn=device_sn, parameter_id=parameter_id, slots=slots
            )
        )

    @plan
    def sph_write_ac_charge_times(
        self,
        device_sn: str,
        charge_power: int,
        charge_stop_soc: int,
        mains_enabled: bool,
        periods: list[dict[str, Any]],
    ) -> Plan[Any]:
        """``mix_ac_charge_time_period``: exactly 3 periods of start/end ``time`` + ``enabled``."""
        slots = v1.ac_charge_slots(charge_power, charge_stop_soc, mains_enabled, periods)
        return (
            yield from fetch(
                v1.SPH_WRITE_AC_CHARGE,
                device_sn=device_sn,
                parameter_id="mix_ac_charge_time_period",
                slots=slots,
            )
        )

    @plan
    def sph_write_ac_discharge_times(
        self,
        device_sn: str,
        discharge_power: int,
        discharge_stop_soc: int,
        periods: list[dict[str, Any]],
    ) -> Plan[Any]:
        """``mix_ac_discharge_time_period``: exactly 3 periods."""
        slots = v1.ac_discharge_slots(discharge_power, discharge_stop_soc, periods)
        return (
            yield from fetch(
                v1.SPH_WRITE_AC_DISCHARGE,
                device_sn=device_sn,
                parameter_id="mix_ac_discharge_time_period",
                slots=slots,
            )
        )

    @plan
    def sph_read_ac_charge_times(
        self, device_sn: str, settings_data: Mapping[str, Any] | None = None
    ) -> Plan[JSONDict]:
        """Charge power, stop SOC, mains flag and 3 windows, from ``settings_data`` or
        a fresh :meth:`sph_detail`."""
        settings = settings_data
        if settings is None:
            settings = yield from invoke(V1Methods.sph_detail, device_sn)
        return v1.read_ac_charge_times(settings)

    @plan
    def sph_read_ac_discharge_times(
        self, device_sn: str, settings_data: Mapping[str, Any] | None = None
    ) -> Plan[JSONDict]:
        """Discharge power, stop SOC and 3 windows."""
        settings = settings_data
        if settings is None:
            settings = yield from invoke(V1Methods.sph_detail, device_sn)
        return v1.read_ac_discharge_times(settings)
