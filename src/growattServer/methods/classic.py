"""The classic (ShinePhone) client's methods, once, for ``GrowattApi`` and ``AsyncGrowattApi``.

Each method is a plan (:mod:`growattServer.methods.plan`) on the endpoint objects of
:mod:`growattServer.protocol.classic`: argument shaping (plant-local default dates) is
done here, the sending by the facade that inherits these declarations. ``login`` is not
here: the sync and async clients log in differently (see their classes).
"""

from __future__ import annotations

import datetime as dt
import secrets
import warnings
from typing import Any

from growattServer.protocol import classic as ep
from growattServer.protocol.classic import Timespan
from growattServer.protocol.dates import PlantClock

from .plan import Plan, fetch, invoke, plan

__all__ = ["DEFAULT_AGENT", "ClassicMethods", "DateArg", "JSONDict", "user_agent"]

#: growattServer 2.2.0's User-Agent (shinephone-api.md §1.2).
DEFAULT_AGENT = (
    "Dalvik/2.1.0 (Linux; U; Android 12; https://github.com/indykoning/PyPi_GrowattServer)"
)

JSONDict = dict[str, Any]
DateArg = dt.date | dt.datetime | str | None


def user_agent(base: str, add_random_user_id: bool, agent_identifier: str | None) -> str:
    """``agent_identifier`` (else ``base``), plus `` - NNNNN`` when ``add_random_user_id``."""
    agent = agent_identifier if agent_identifier is not None else base
    if add_random_user_id:
        suffix = "".join(str(secrets.randbelow(10)) for _ in range(5))
        agent = f"{agent} - {suffix}"
    return agent


class ClassicMethods:
    """The ShinePhone methods of growattServer's ``GrowattApi``, as plans."""

    _clock: PlantClock
    server_url: str

    def get_url(self, page: str) -> str:
        """Full URL of a page, as growattServer exposed it."""
        return self.server_url + page

    def _day(self, date: DateArg, plant_id: object = None) -> dt.date | dt.datetime | str:
        """The caller's date, else today where the plant is (else here)."""
        return date if date is not None else self._clock.today(plant_id)

    # --- account and plants (rows 1-11) --------------------------------------------------------

    @plan
    def plant_list(self, user_id: str) -> Plan[JSONDict]:
        """``back`` of ``PlantListAPI.do``: ``{"success", "data": [...], "totalData"}``."""
        return (yield from fetch(ep.PLANT_LIST, user_id=user_id))

    @plan
    def plant_detail(
        self, plant_id: str, timespan: Timespan, date: DateArg = None
    ) -> Plan[JSONDict]:
        """``back`` of ``PlantDetailAPI.do`` for a day (``YYYY-MM-DD``) or month (``YYYY-MM``)."""
        day = self._day(date, plant_id)
        return (yield from fetch(ep.PLANT_DETAIL, plant_id=plant_id, timespan=timespan, day=day))

    @plan
    def plant_list_two(self) -> Plan[list[JSONDict]]:
        """``PlantList`` of ``getAllPlantListTwo``: every plant with its full bean."""
        return (yield from fetch(ep.PLANT_LIST_TWO))

    @plan
    def plant_info(self, plant_id: str) -> Plan[JSONDict]:
        """Whole ``getAllDeviceListTwo`` answer: plant totals plus ``deviceList``."""
        return (yield from fetch(ep.PLANT_INFO, plant_id=plant_id))

    @plan
    def device_list(self, plant_id: str) -> Plan[list[JSONDict]]:
        """Devices of a plant; TLX plants list none in ``plant_info``, so then ask
        ``getAllDeviceList``."""
        info = yield from invoke(ClassicMethods.plant_info, plant_id)
        devices: list[JSONDict] = info.get("deviceList") or []
        return devices or (yield from fetch(ep.ALL_DEVICES, plant_id=plant_id))

    @plan
    def inverter_list(self, plant_id: str) -> Plan[list[JSONDict]]:
        """Deprecated name of :meth:`device_list`."""
        warnings.warn(
            "inverter_list is deprecated, use device_list", DeprecationWarning, stacklevel=3
        )
        return (yield from invoke(ClassicMethods.device_list, plant_id))

    @plan
    def plant_energy_data(self, plant_id: str) -> Plan[JSONDict]:
        """Whole ``getUserCenterEnertyDataByPlantid`` answer (the app's plant tab)."""
        return (yield from fetch(ep.PLANT_ENERGY_DATA, plant_id=plant_id))

    @plan
    def plant_settings(self, plant_id: str) -> Plan[JSONDict]:
        """Whole ``getPlant`` answer: the plant bean the settings form is built from."""
        return (yield from fetch(ep.PLANT_SETTINGS, plant_id=plant_id))

    @plan
    def get_plant_settings(self, plant_id: str) -> Plan[JSONDict]:
        """growattServer 1.2-1.5 name of :meth:`plant_settings`."""
        return (yield from invoke(ClassicMethods.plant_settings, plant_id))

    @plan
    def update_plant_settings(
        self, plant_id: str, changed_settings: JSONDict, current_settings: JSONDict | None = None
    ) -> Plan[JSONDict]:
        """Post the 18-field plant form, pre-filled from ``current_settings`` (fetched when
        ``None``) with ``changed_settings`` on top."""
        current = current_settings
        if current is None:
            current = yield from invoke(ClassicMethods.plant_settings, plant_id)
        return (
            yield from fetch(ep.UPDATE_PLANT_SETTINGS, current=current, changed=changed_settings)
        )

    @plan
    def dashboard_data(
        self, plant_id: str, timespan: Timespan = Timespan.hour, date: DateArg = None
    ) -> Plan[JSONDict]:
        """Whole ``getEnergyStorageData`` answer (values are strings with units)."""
        day = self._day(date, plant_id)
        return (yield from fetch(ep.DASHBOARD_DATA, plant_id=plant_id, timespan=timespan, day=day))

    # --- classic inverters (rows 13-15, 43-46) --------------------------------------------------

    @plan
    def inverter_data(self, inverter_id: str, date: DateArg = None) -> Plan[JSONDict]:
        """Whole ``getInverterData`` answer for one day."""
        return (yield from fetch(ep.INVERTER_DATA, inverter_id=inverter_id, day=self._day(date)))

    @plan
    def inverter_detail(self, inverter_id: str) -> Plan[JSONDict]:
        """Whole ``getInverterDetailData`` answer (flat)."""
        return (yield from fetch(ep.INVERTER_DETAIL, inverter_id=inverter_id))

    @plan
    def inverter_detail_two(self, inverter_id: str) -> Plan[JSONDict]:
        """Whole ``getInverterDetailData_two`` answer (``data`` + ``parameterName``)."""
        return (yield from fetch(ep.INVERTER_DETAIL_TWO, inverter_id=inverter_id))

    @plan
    def classic_inverter_info(self, device_sn: str) -> Plan[JSONDict]:
        """The inverter object embedded in the HTML settings page."""
        return (yield from fetch(ep.CLASSIC_INVERTER_INFO, device_sn=device_sn))

    @plan
    def update_classic_inverter_setting(
        self, default_parameters: JSONDict, parameters: JSONDict | list[Any]
    ) -> Plan[JSONDict]:
        """POST ``tcpSet.do`` with ``default_parameters`` and ``parameters`` merged in the query."""
        return (
            yield from fetch(
                ep.UPDATE_CLASSIC_INVERTER_SETTING,
                default_parameters=default_parameters,
                parameters=parameters,
            )
        )

    @plan
    def set_classic_inverter_active_power_rate(
        self, device_sn: str, power_rate: int
    ) -> Plan[JSONDict]:
        """Limit a classic inverter's output to ``power_rate`` percent."""
        return (
            yield from fetch(
                ep.SET_CLASSIC_ACTIVE_POWER_RATE, device_sn=device_sn, power_rate=power_rate
            )
        )

    @plan
    def set_classic_inverter_on_off(self, device_sn: str, enabled: bool) -> Plan[JSONDict]:
        """Switch a classic inverter on (``0001``) or off (``0000``)."""
        return (yield from fetch(ep.SET_CLASSIC_ON_OFF, device_sn=device_sn, enabled=enabled))

    # --- TLX (rows 16-25, 41-42) --------------------------------------------------------------

    @plan
    def tlx_data(self, tlx_id: str, date: DateArg = None) -> Plan[JSONDict]:
        """Whole ``getTlxData`` answer for one day."""
        return (yield from fetch(ep.TLX_DATA, tlx_id=tlx_id, day=self._day(date)))

    @plan
    def tlx_detail(self, tlx_id: str) -> Plan[JSONDict]:
        """Whole ``getTlxDetailData`` answer (``data`` + ``parameterName``)."""
        return (yield from fetch(ep.TLX_DETAIL, tlx_id=tlx_id))

    @plan
    def tlx_params(self, tlx_id: str) -> Plan[JSONDict]:
        """Whole ``getTlxParams`` answer (``newBean`` ...)."""
        return (yield from fetch(ep.TLX_PARAMS, tlx_id=tlx_id))

    @plan
    def tlx_system_status(self, plant_id: str, tlx_id: str) -> Plan[JSONDict]:
        """``obj`` of ``getSystemStatus_KW`` (strings, power in kW)."""
        return (yield from fetch(ep.TLX_SYSTEM_STATUS, plant_id=plant_id, tlx_id=tlx_id))

    @plan
    def tlx_energy_overview(self, plant_id: str, tlx_id: str) -> Plan[JSONDict]:
        """``obj`` of ``getEnergyOverview``."""
        return (yield from fetch(ep.TLX_ENERGY_OVERVIEW, plant_id=plant_id, tlx_id=tlx_id))

    @plan
    def tlx_energy_prod_cons(
        self, plant_id: str, tlx_id: str, timespan: Timespan = Timespan.hour, date: DateArg = None
    ) -> Plan[JSONDict]:
        """``obj`` of ``getEnergyProdAndCons_KW``."""
        day = self._day(date, plant_id)
        return (
            yield from fetch(
                ep.TLX_ENERGY_PROD_CONS,
                plant_id=plant_id,
                tlx_id=tlx_id,
                timespan=timespan,
                day=day,
            )
        )

    @plan
    def tlx_all_settings(self, tlx_id: str) -> Plan[JSONDict | None]:
        """``obj.tlxSetBean`` of ``getTlxSetData``, or ``None`` when absent."""
        return (yield from fetch(ep.TLX_ALL_SETTINGS, tlx_id=tlx_id))

    @plan
    def tlx_get_all_settings(self, tlx_id: str) -> Plan[JSONDict | None]:
        """The name growattServer's documentation uses for :meth:`tlx_all_settings`."""
        return (yield from invoke(ClassicMethods.tlx_all_settings, tlx_id))

    @plan
    def tlx_enabled_settings(self, tlx_id: str) -> Plan[JSONDict]:
        """``obj`` of ``getSetPass``: which settings the device accepts (``enable``)."""
        return (yield from fetch(ep.TLX_ENABLED_SETTINGS, tlx_id=tlx_id, day=self._day(None)))

    @plan
    def tlx_get_enabled_settings(self, tlx_id: str) -> Plan[JSONDict]:
        """The name growattServer's documentation uses for :meth:`tlx_enabled_settings`."""
        return (yield from invoke(ClassicMethods.tlx_enabled_settings, tlx_id))

    @plan
    def tlx_battery_info(self, serial_num: str) -> Plan[JSONDict]:
        """``obj`` of ``getBatInfo``."""
        return (yield from fetch(ep.TLX_BATTERY_INFO, serial_num=serial_num))

    @plan
    def tlx_battery_info_detailed(self, plant_id: str, serial_num: str) -> Plan[JSONDict]:
        """Whole ``getBatDetailData`` answer."""
        return (
            yield from fetch(ep.TLX_BATTERY_INFO_DETAILED, plant_id=plant_id, serial_num=serial_num)
        )

    @plan
    def update_tlx_inverter_setting(
        self, serial_number: str, setting_type: str, parameter: JSONDict | list[Any] | str
    ) -> Plan[JSONDict]:
        """``newTcpsetAPI.do`` ``op=tlxSet``; a single value becomes ``param1``."""
        return (
            yield from fetch(
                ep.UPDATE_TLX_INVERTER_SETTING,
                serial_number=serial_number,
                setting_type=setting_type,
                parameters=parameter,
            )
        )

    @plan
    def update_tlx_inverter_time_segment(
        self,
        serial_number: str,
        segment_id: int,
        batt_mode: int,
        start_time: dt.time,
        end_time: dt.time,
        enabled: bool,
    ) -> Plan[JSONDict]:
        """Write ``time_segment<N>``; raises :class:`GrowattError` unless ``success``."""
        return (
            yield from fetch(
                ep.UPDATE_TLX_TIME_SEGMENT,
                serial_number=serial_number,
                segment_id=segment_id,
                batt_mode=batt_mode,
                start_time=start_time,
                end_time=end_time,
                enabled=enabled,
            )
        )

    # --- MIX (rows 26-30, 39) ------------------------------------------------------------------

    @plan
    def mix_info(self, mix_id: str, plant_id: str | None = None) -> Plan[JSONDict]:
        """``obj`` of ``getMixInfo``; ``plantId`` is sent only when given."""
        return (yield from fetch(ep.MIX_INFO, mix_id=mix_id, plant_id=plant_id))

    @plan
    def mix_totals(self, mix_id: str, plant_id: str) -> Plan[JSONDict]:
        """``obj`` of the MIX ``getEnergyOverview``."""
        return (yield from fetch(ep.MIX_TOTALS, mix_id=mix_id, plant_id=plant_id))

    @plan
    def mix_system_status(self, mix_id: str, plant_id: str) -> Plan[JSONDict]:
        """``obj`` of the MIX ``getSystemStatus_KW``."""
        return (yield from fetch(ep.MIX_SYSTEM_STATUS, mix_id=mix_id, plant_id=plant_id))

    @plan
    def mix_detail(
        self, mix_id: str, plant_id: str, timespan: Timespan = Timespan.hour, date: DateArg = None
    ) -> Plan[JSONDict]:
        """``obj`` of the MIX ``getEnergyProdAndCons_KW`` (``chartData`` keyed ``HH:MM``)."""
        day = self._day(date, plant_id)
        return (
            yield from fetch(
                ep.MIX_DETAIL, mix_id=mix_id, plant_id=plant_id, timespan=timespan, day=day
            )
        )

    @plan
    def get_mix_inverter_settings(self, serial_number: str) -> Plan[JSONDict]:
        """Whole ``getMixSetParams`` answer."""
        return (yield from fetch(ep.MIX_INVERTER_SETTINGS, serial_number=serial_number))

    @plan
    def update_mix_inverter_setting(
        self, serial_number: str, setting_type: str, parameters: JSONDict | list[Any]
    ) -> Plan[JSONDict]:
        """``newTcpsetAPI.do`` ``op=mixSetApiNew``; a list becomes ``param1..N``."""
        return (
            yield from fetch(
                ep.UPDATE_MIX_INVERTER_SETTING,
                serial_number=serial_number,
                setting_type=setting_type,
                parameters=parameters,
            )
        )

    @plan
    def update_ac_inverter_setting(
        self, serial_number: str, setting_type: str, parameters: JSONDict | list[Any]
    ) -> Plan[JSONDict]:
        """``newTcpsetAPI.do`` ``op=spaSetApi`` (SPA, AC-coupled)."""
        return (
            yield from fetch(
                ep.UPDATE_AC_INVERTER_SETTING,
                serial_number=serial_number,
                setting_type=setting_type,
                parameters=parameters,
            )
        )

    @plan
    def update_inverter_setting(
        self,
        serial_number: str,
        setting_type: str,
        default_parameters: JSONDict,
        parameters: JSONDict | list[Any],
    ) -> Plan[JSONDict]:
        """``newTcpsetAPI.do``; ``default_parameters`` + ``parameters``, merged, in the query."""
        return (
            yield from fetch(
                ep.UPDATE_INVERTER_SETTING,
                serial_number=serial_number,
                setting_type=setting_type,
                default_parameters=default_parameters,
                parameters=parameters,
            )
        )

    # --- storage (rows 31-33) -----------------------------------------------------------------

    @plan
    def storage_detail(self, storage_id: str) -> Plan[JSONDict]:
        """Whole ``getStorageInfo_sacolar`` answer."""
        return (yield from fetch(ep.STORAGE_DETAIL, storage_id=storage_id))

    @plan
    def storage_params(self, storage_id: str) -> Plan[JSONDict]:
        """Whole ``getStorageParams_sacolar`` answer (``storageDetailBean`` ...)."""
        return (yield from fetch(ep.STORAGE_PARAMS, storage_id=storage_id))

    @plan
    def storage_energy_overview(self, plant_id: str, storage_id: str) -> Plan[JSONDict]:
        """``obj`` of ``getEnergyOverviewData_sacolar``."""
        return (
            yield from fetch(ep.STORAGE_ENERGY_OVERVIEW, plant_id=plant_id, storage_id=storage_id)
        )

    # --- Noah (rows 34-37) --------------------------------------------------------------------

    @plan
    def is_plant_noah_system(self, plant_id: str) -> Plan[JSONDict]:
        """Whole ``isPlantNoahSystem`` answer (``result``, ``msg``, ``obj``)."""
        return (yield from fetch(ep.IS_PLANT_NOAH_SYSTEM, plant_id=plant_id))

    @plan
    def noah_system_status(self, serial_number: str) -> Plan[JSONDict]:
        """Whole Noah ``getSystemStatus`` answer."""
        return (yield from fetch(ep.NOAH_SYSTEM_STATUS, serial_number=serial_number))

    @plan
    def noah_info(self, serial_number: str) -> Plan[JSONDict]:
        """Whole ``getNoahInfoBySn`` answer."""
        return (yield from fetch(ep.NOAH_INFO, serial_number=serial_number))

    @plan
    def update_noah_settings(
        self, serial_number: str, setting_type: str, parameters: JSONDict | list[Any]
    ) -> Plan[JSONDict]:
        """``noahDeviceApi/noah/set`` with ``serialNum``, ``type`` and the params as a form."""
        return (
            yield from fetch(
                ep.UPDATE_NOAH_SETTINGS,
                serial_number=serial_number,
                setting_type=setting_type,
                parameters=parameters,
            )
        )
