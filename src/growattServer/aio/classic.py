"""``AsyncGrowattApi``: the classic (ShinePhone) client, method for method, on asyncio.

The methods, arguments and return shapes are those of
:class:`growattServer.compat.GrowattApi` (a test holds the two in step), built on the
same endpoint objects of :mod:`growattServer.protocol.classic`. The differences are
those of the async API: every error is a typed
:class:`~growattServer.errors.GrowattError` (never ``KeyError``, ``JSONDecodeError`` or
an aiohttp exception); the session is renewed when it expires, once, with one login
for all concurrent calls; logins stay within a budget; ``login`` raises when refused.
"""

from __future__ import annotations

import datetime as dt
import secrets
import time
import warnings
from collections.abc import Mapping
from typing import Any

import aiohttp

from growattServer.compat.classic import DEFAULT_AGENT
from growattServer.engine import ClassicCredentials, EngineOptions
from growattServer.engine.policy import Clock
from growattServer.protocol import classic as ep
from growattServer.protocol.classic import Timespan
from growattServer.regions import DEFAULT_SERVER_URL
from growattServer.transport.aio import DEFAULT_TIMEOUT_S

from .base import AsyncClientBase
from .runner import DEFAULT_IN_FLIGHT

__all__ = ["AsyncGrowattApi"]

JSONDict = dict[str, Any]
DateArg = dt.date | dt.datetime | str | None


class AsyncGrowattApi(AsyncClientBase):
    """Async client for the ShinePhone API (user name + password, cookie session).

    ``add_random_user_id`` and ``agent_identifier`` shape the User-Agent as in
    :class:`~growattServer.compat.GrowattApi`. ``session`` is an optional
    ``aiohttp.ClientSession`` (left open); ``state`` is what :meth:`export_state`
    returned before (it is adopted at :meth:`login` when it belongs to that account);
    ``options`` tunes the login budget, retries and pacing.
    """

    agent_identifier: str = DEFAULT_AGENT

    def __init__(
        self,
        add_random_user_id: bool = False,
        agent_identifier: str | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT_S,
        session: aiohttp.ClientSession | None = None,
        server_url: str = DEFAULT_SERVER_URL,
        options: EngineOptions | None = None,
        state: Mapping[str, Any] | None = None,
        in_flight: int = DEFAULT_IN_FLIGHT,
        clock: Clock = time.time,
    ) -> None:
        """Create the client; nothing is sent until a method is awaited."""
        if agent_identifier is not None:
            self.agent_identifier = agent_identifier
        if add_random_user_id:
            suffix = "".join(str(secrets.randbelow(10)) for _ in range(5))
            self.agent_identifier = f"{self.agent_identifier} - {suffix}"
        super().__init__(
            agent=self.agent_identifier,
            server_url=server_url,
            timeout=timeout,
            session=session,
            options=options,
            state=state,
            in_flight=in_flight,
            clock=clock,
        )

    def get_url(self, page: str) -> str:
        """Full URL of a page."""
        return self.server_url + page

    def _day(self, date: DateArg, plant_id: object = None) -> dt.date | dt.datetime | str:
        """The caller's date, else today where the plant is (else here)."""
        return date if date is not None else self._clock.today(plant_id)

    def _login_answer(self) -> JSONDict:
        answer = self.engine.login_answer
        if answer is not None:
            return answer
        # The session came from a saved state: no login answer to show, only its user.
        user_id = self.engine.state.user_id
        return {"success": True, "msg": "", "userId": user_id, "user": {"id": user_id}}

    # --- account and plants (rows 1-11) --------------------------------------------------------

    async def login(
        self, username: str, password: str, is_password_hashed: bool = False
    ) -> JSONDict:
        """Log in, or reuse the session this client already holds for this account.

        Returns ``back`` with ``userId``/``userLevel`` like :meth:`GrowattApi.login`, but a
        refused login *raises* (:class:`~growattServer.errors.InvalidCredentialsError` for
        msg 502, :class:`~growattServer.errors.AccountLockedError` for 507) instead of
        returning ``success: False``. Calling it on every refresh is safe: it logs in
        only when there is no session, within the login budget.
        """
        self.use_credentials(ClassicCredentials(username, password, is_password_hashed))
        await self._runner.ensure_session()
        return self._login_answer()

    async def plant_list(self, user_id: str) -> JSONDict:
        """``back`` of ``PlantListAPI.do``: ``{"success", "data": [...], "totalData"}``."""
        return await self._call(ep.PLANT_LIST, user_id=user_id)

    async def plant_detail(
        self, plant_id: str, timespan: Timespan, date: DateArg = None
    ) -> JSONDict:
        """``back`` of ``PlantDetailAPI.do`` for a day (``YYYY-MM-DD``) or month (``YYYY-MM``)."""
        day = self._day(date, plant_id)
        return await self._call(ep.PLANT_DETAIL, plant_id=plant_id, timespan=timespan, day=day)

    async def plant_list_two(self) -> list[JSONDict]:
        """``PlantList`` of ``getAllPlantListTwo``: every plant with its full bean."""
        return await self._call(ep.PLANT_LIST_TWO)

    async def plant_info(self, plant_id: str) -> JSONDict:
        """Whole ``getAllDeviceListTwo`` answer: plant totals plus ``deviceList``."""
        return await self._call(ep.PLANT_INFO, plant_id=plant_id)

    async def device_list(self, plant_id: str) -> list[JSONDict]:
        """Devices of a plant; TLX plants list none in ``plant_info``, so then ask
        ``getAllDeviceList``."""
        devices = (await self.plant_info(plant_id)).get("deviceList") or []
        return devices or await self._call(ep.ALL_DEVICES, plant_id=plant_id)

    async def inverter_list(self, plant_id: str) -> list[JSONDict]:
        """Deprecated name of :meth:`device_list`."""
        warnings.warn(
            "inverter_list is deprecated, use device_list", DeprecationWarning, stacklevel=2
        )
        return await self.device_list(plant_id)

    async def plant_energy_data(self, plant_id: str) -> JSONDict:
        """Whole ``getUserCenterEnertyDataByPlantid`` answer (the app's plant tab)."""
        return await self._call(ep.PLANT_ENERGY_DATA, plant_id=plant_id)

    async def plant_settings(self, plant_id: str) -> JSONDict:
        """Whole ``getPlant`` answer: the plant bean the settings form is built from."""
        return await self._call(ep.PLANT_SETTINGS, plant_id=plant_id)

    async def get_plant_settings(self, plant_id: str) -> JSONDict:
        """growattServer 1.2-1.5 name of :meth:`plant_settings`."""
        return await self.plant_settings(plant_id)

    async def update_plant_settings(
        self, plant_id: str, changed_settings: JSONDict, current_settings: JSONDict | None = None
    ) -> JSONDict:
        """Post the 18-field plant form, pre-filled from ``current_settings`` (fetched when
        ``None``) with ``changed_settings`` on top."""
        current = (
            current_settings
            if current_settings is not None
            else await self.plant_settings(plant_id)
        )
        return await self._call(ep.UPDATE_PLANT_SETTINGS, current=current, changed=changed_settings)

    async def dashboard_data(
        self, plant_id: str, timespan: Timespan = Timespan.hour, date: DateArg = None
    ) -> JSONDict:
        """Whole ``getEnergyStorageData`` answer (values are strings with units)."""
        day = self._day(date, plant_id)
        return await self._call(ep.DASHBOARD_DATA, plant_id=plant_id, timespan=timespan, day=day)

    # --- classic inverters (rows 13-15, 43-46) --------------------------------------------------

    async def inverter_data(self, inverter_id: str, date: DateArg = None) -> JSONDict:
        """Whole ``getInverterData`` answer for one day."""
        return await self._call(ep.INVERTER_DATA, inverter_id=inverter_id, day=self._day(date))

    async def inverter_detail(self, inverter_id: str) -> JSONDict:
        """Whole ``getInverterDetailData`` answer (flat)."""
        return await self._call(ep.INVERTER_DETAIL, inverter_id=inverter_id)

    async def inverter_detail_two(self, inverter_id: str) -> JSONDict:
        """Whole ``getInverterDetailData_two`` answer (``data`` + ``parameterName``)."""
        return await self._call(ep.INVERTER_DETAIL_TWO, inverter_id=inverter_id)

    async def classic_inverter_info(self, device_sn: str) -> JSONDict:
        """The inverter object embedded in the HTML settings page."""
        return await self._call(ep.CLASSIC_INVERTER_INFO, device_sn=device_sn)

    async def update_classic_inverter_setting(
        self, default_parameters: JSONDict, parameters: JSONDict | list[Any]
    ) -> JSONDict:
        """POST ``tcpSet.do`` with ``default_parameters`` and ``parameters`` merged in the query."""
        return await self._call(
            ep.UPDATE_CLASSIC_INVERTER_SETTING,
            default_parameters=default_parameters,
            parameters=parameters,
        )

    async def set_classic_inverter_active_power_rate(
        self, device_sn: str, power_rate: int
    ) -> JSONDict:
        """Limit a classic inverter's output to ``power_rate`` percent."""
        return await self._call(
            ep.SET_CLASSIC_ACTIVE_POWER_RATE, device_sn=device_sn, power_rate=power_rate
        )

    async def set_classic_inverter_on_off(self, device_sn: str, enabled: bool) -> JSONDict:
        """Switch a classic inverter on (``0001``) or off (``0000``)."""
        return await self._call(ep.SET_CLASSIC_ON_OFF, device_sn=device_sn, enabled=enabled)

    # --- TLX (rows 16-25, 41-42) --------------------------------------------------------------

    async def tlx_data(self, tlx_id: str, date: DateArg = None) -> JSONDict:
        """Whole ``getTlxData`` answer for one day."""
        return await self._call(ep.TLX_DATA, tlx_id=tlx_id, day=self._day(date))

    async def tlx_detail(self, tlx_id: str) -> JSONDict:
        """Whole ``getTlxDetailData`` answer (``data`` + ``parameterName``)."""
        return await self._call(ep.TLX_DETAIL, tlx_id=tlx_id)

    async def tlx_params(self, tlx_id: str) -> JSONDict:
        """Whole ``getTlxParams`` answer (``newBean`` ...)."""
        return await self._call(ep.TLX_PARAMS, tlx_id=tlx_id)

    async def tlx_system_status(self, plant_id: str, tlx_id: str) -> JSONDict:
        """``obj`` of ``getSystemStatus_KW`` (strings, power in kW)."""
        return await self._call(ep.TLX_SYSTEM_STATUS, plant_id=plant_id, tlx_id=tlx_id)

    async def tlx_energy_overview(self, plant_id: str, tlx_id: str) -> JSONDict:
        """``obj`` of ``getEnergyOverview``."""
        return await self._call(ep.TLX_ENERGY_OVERVIEW, plant_id=plant_id, tlx_id=tlx_id)

    async def tlx_energy_prod_cons(
        self, plant_id: str, tlx_id: str, timespan: Timespan = Timespan.hour, date: DateArg = None
    ) -> JSONDict:
        """``obj`` of ``getEnergyProdAndCons_KW``."""
        day = self._day(date, plant_id)
        return await self._call(
            ep.TLX_ENERGY_PROD_CONS, plant_id=plant_id, tlx_id=tlx_id, timespan=timespan, day=day
        )

    async def tlx_all_settings(self, tlx_id: str) -> JSONDict | None:
        """``obj.tlxSetBean`` of ``getTlxSetData``, or ``None`` when absent."""
        return await self._call(ep.TLX_ALL_SETTINGS, tlx_id=tlx_id)

    async def tlx_get_all_settings(self, tlx_id: str) -> JSONDict | None:
        """The name growattServer's documentation uses for :meth:`tlx_all_settings`."""
        return await self.tlx_all_settings(tlx_id)

    async def tlx_enabled_settings(self, tlx_id: str) -> JSONDict:
        """``obj`` of ``getSetPass``: which settings the device accepts (``enable``)."""
        return await self._call(ep.TLX_ENABLED_SETTINGS, tlx_id=tlx_id, day=self._day(None))

    async def tlx_get_enabled_settings(self, tlx_id: str) -> JSONDict:
        """The name growattServer's documentation uses for :meth:`tlx_enabled_settings`."""
        return await self.tlx_enabled_settings(tlx_id)

    async def tlx_battery_info(self, serial_num: str) -> JSONDict:
        """``obj`` of ``getBatInfo``."""
        return await self._call(ep.TLX_BATTERY_INFO, serial_num=serial_num)

    async def tlx_battery_info_detailed(self, plant_id: str, serial_num: str) -> JSONDict:
        """Whole ``getBatDetailData`` answer."""
        return await self._call(
            ep.TLX_BATTERY_INFO_DETAILED, plant_id=plant_id, serial_num=serial_num
        )

    async def update_tlx_inverter_setting(
        self, serial_number: str, setting_type: str, parameter: JSONDict | list[Any] | str
    ) -> JSONDict:
        """``newTcpsetAPI.do`` ``op=tlxSet``; a single value becomes ``param1``."""
        return await self._call(
            ep.UPDATE_TLX_INVERTER_SETTING,
            serial_number=serial_number,
            setting_type=setting_type,
            parameters=parameter,
        )

    async def update_tlx_inverter_time_segment(
        self,
        serial_number: str,
        segment_id: int,
        batt_mode: int,
        start_time: dt.time,
        end_time: dt.time,
        enabled: bool,
    ) -> JSONDict:
        """Write ``time_segment<N>``; raises :class:`GrowattError` unless ``success``."""
        return await self._call(
            ep.UPDATE_TLX_TIME_SEGMENT,
            serial_number=serial_number,
            segment_id=segment_id,
            batt_mode=batt_mode,
            start_time=start_time,
            end_time=end_time,
            enabled=enabled,
        )

    # --- MIX (rows 26-30, 39) ------------------------------------------------------------------

    async def mix_info(self, mix_id: str, plant_id: str | None = None) -> JSONDict:
        """``obj`` of ``getMixInfo``; ``plantId`` is sent only when given."""
        return await self._call(ep.MIX_INFO, mix_id=mix_id, plant_id=plant_id)

    async def mix_totals(self, mix_id: str, plant_id: str) -> JSONDict:
        """``obj`` of the MIX ``getEnergyOverview``."""
        return await self._call(ep.MIX_TOTALS, mix_id=mix_id, plant_id=plant_id)

    async def mix_system_status(self, mix_id: str, plant_id: str) -> JSONDict:
        """``obj`` of the MIX ``getSystemStatus_KW``."""
        return await self._call(ep.MIX_SYSTEM_STATUS, mix_id=mix_id, plant_id=plant_id)

    async def mix_detail(
        self, mix_id: str, plant_id: str, timespan: Timespan = Timespan.hour, date: DateArg = None
    ) -> JSONDict:
        """``obj`` of the MIX ``getEnergyProdAndCons_KW`` (``chartData`` keyed ``HH:MM``)."""
        day = self._day(date, plant_id)
        return await self._call(
            ep.MIX_DETAIL, mix_id=mix_id, plant_id=plant_id, timespan=timespan, day=day
        )

    async def get_mix_inverter_settings(self, serial_number: str) -> JSONDict:
        """Whole ``getMixSetParams`` answer."""
        return await self._call(ep.MIX_INVERTER_SETTINGS, serial_number=serial_number)

    async def update_mix_inverter_setting(
        self, serial_number: str, setting_type: str, parameters: JSONDict | list[Any]
    ) -> JSONDict:
        """``newTcpsetAPI.do`` ``op=mixSetApiNew``; a list becomes ``param1..N``."""
        return await self._call(
            ep.UPDATE_MIX_INVERTER_SETTING,
            serial_number=serial_number,
            setting_type=setting_type,
            parameters=parameters,
        )

    async def update_ac_inverter_setting(
        self, serial_number: str, setting_type: str, parameters: JSONDict | list[Any]
    ) -> JSONDict:
        """``newTcpsetAPI.do`` ``op=spaSetApi`` (SPA, AC-coupled)."""
        return await self._call(
            ep.UPDATE_AC_INVERTER_SETTING,
            serial_number=serial_number,
            setting_type=setting_type,
            parameters=parameters,
        )

    async def update_inverter_setting(
        self,
        serial_number: str,
        setting_type: str,
        default_parameters: JSONDict,
        parameters: JSONDict | list[Any],
    ) -> JSONDict:
        """``newTcpsetAPI.do``; ``default_parameters`` + ``parameters``, merged, in the query."""
        return await self._call(
            ep.UPDATE_INVERTER_SETTING,
            serial_number=serial_number,
            setting_type=setting_type,
            default_parameters=default_parameters,
            parameters=parameters,
        )

    # --- storage (rows 31-33) -----------------------------------------------------------------

    async def storage_detail(self, storage_id: str) -> JSONDict:
        """Whole ``getStorageInfo_sacolar`` answer."""
        return await self._call(ep.STORAGE_DETAIL, storage_id=storage_id)

    async def storage_params(self, storage_id: str) -> JSONDict:
        """Whole ``getStorageParams_sacolar`` answer (``storageDetailBean`` ...)."""
        return await self._call(ep.STORAGE_PARAMS, storage_id=storage_id)

    async def storage_energy_overview(self, plant_id: str, storage_id: str) -> JSONDict:
        """``obj`` of ``getEnergyOverviewData_sacolar``."""
        return await self._call(
            ep.STORAGE_ENERGY_OVERVIEW, plant_id=plant_id, storage_id=storage_id
        )

    # --- Noah (rows 34-37) --------------------------------------------------------------------

    async def is_plant_noah_system(self, plant_id: str) -> JSONDict:
        """Whole ``isPlantNoahSystem`` answer (``result``, ``msg``, ``obj``)."""
        return await self._call(ep.IS_PLANT_NOAH_SYSTEM, plant_id=plant_id)

    async def noah_system_status(self, serial_number: str) -> JSONDict:
        """Whole Noah ``getSystemStatus`` answer."""
        return await self._call(ep.NOAH_SYSTEM_STATUS, serial_number=serial_number)

    async def noah_info(self, serial_number: str) -> JSONDict:
        """Whole ``getNoahInfoBySn`` answer."""
        return await self._call(ep.NOAH_INFO, serial_number=serial_number)

    async def update_noah_settings(
        self, serial_number: str, setting_type: str, parameters: JSONDict | list[Any]
    ) -> JSONDict:
        """``noahDeviceApi/noah/set`` with ``serialNum``, ``type`` and the params as a form."""
        return await self._call(
            ep.UPDATE_NOAH_SETTINGS,
            serial_number=serial_number,
            setting_type=setting_type,
            parameters=parameters,
        )
