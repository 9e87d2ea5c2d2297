"""``GrowattApi``: growattServer's synchronous classic client, method for method.

Every method is one line: it hands an endpoint from :mod:`growattServer.protocol.classic`
and its arguments to :meth:`GrowattApi._call`, the single place where a request is sent
(and where the session engine will hook in). Return values are the raw dicts and lists
growattServer returned.

Where growattServer hurt its users, this class differs on purpose (see ``docs/compat.md``):

* every request has a timeout (``timeout=``, default :data:`DEFAULT_TIMEOUT`);
* default dates are the plant's local date (else this machine's), not the UTC date;
* an answer that is not JSON raises an error that is a ``json.JSONDecodeError`` *and*
  a :class:`~growattServer.errors.GrowattError` saying why (session expired, blocked,
  unexpected); HTTP 4xx/5xx still raise ``requests.HTTPError``;
* a missing envelope key raises :class:`~growattServer.errors.MissingKeyError`, never a
  bare ``KeyError``;
* ``server_url`` accepts Home Assistant's region keys;
* passwords, hashes, tokens and cookies never reach logs, messages or ``repr()``.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import warnings
from typing import Any, Protocol, TypeVar

import requests

from growattServer.errors import NotJSONError
from growattServer.protocol import classic as ep
from growattServer.protocol.classic import Timespan
from growattServer.protocol.dates import PlantClock
from growattServer.protocol.request import Args, RawResponse, Request
from growattServer.regions import DEFAULT_SERVER_URL, resolve_server_url
from growattServer.transport.sync import (
    DEFAULT_TIMEOUT,
    Timeout,
    as_requests_error,
    install_status_hook,
    send,
)

__all__ = ["DEFAULT_AGENT", "GrowattApi"]

_LOGGER = logging.getLogger("growattServer")

#: growattServer 2.2.0's User-Agent (shinephone-api.md §1.2).
DEFAULT_AGENT = (
    "Dalvik/2.1.0 (Linux; U; Android 12; https://github.com/indykoning/PyPi_GrowattServer)"
)

JSONDict = dict[str, Any]
DateArg = dt.date | dt.datetime | str | None


T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class _Endpoint(Protocol[T_co]):
    @property
    def name(self) -> str:
        """Name used in logs and error messages."""
        ...

    def request(self, args: Args) -> Request: ...

    def read(self, raw: RawResponse, args: Args) -> T_co: ...


class GrowattApi:
    """Client for the ShinePhone API (user name + password, cookie session).

    ``add_random_user_id`` appends `` - NNNNN`` (5 random digits) to the User-Agent;
    ``agent_identifier`` replaces its base text. ``timeout`` is in seconds (a number or
    a ``(connect, read)`` pair) and applies to every request; it may be changed later
    through the ``timeout`` attribute. ``session`` is the ``requests.Session`` used.
    """

    agent_identifier: str = DEFAULT_AGENT

    def __init__(
        self,
        add_random_user_id: bool = False,
        agent_identifier: str | None = None,
        *,
        timeout: Timeout = DEFAULT_TIMEOUT,
    ) -> None:
        """Create the client; nothing is sent until a method is called."""
        if agent_identifier is not None:
            self.agent_identifier = agent_identifier
        if add_random_user_id:
            suffix = "".join(str(secrets.randbelow(10)) for _ in range(5))
            self.agent_identifier = f"{self.agent_identifier} - {suffix}"
        self.timeout: Timeout = timeout
        self._server_url = DEFAULT_SERVER_URL
        self._clock = PlantClock()
        self.session = requests.Session()
        install_status_hook(self.session)
        self.session.headers.update({"User-Agent": self.agent_identifier})

    # --- plumbing ----------------------------------------------------------------------------

    @property
    def server_url(self) -> str:
        """Base URL of every classic call; a region key such as ``"north_america"`` works too."""
        return self._server_url

    @server_url.setter
    def server_url(self, value: str) -> None:
        self._server_url = resolve_server_url(value)

    def get_url(self, page: str) -> str:
        """Full URL of a page, as growattServer exposed it."""
        return self.server_url + page

    def _base_url(self, request: Request) -> str:
        return self.server_url

    def _call(self, endpoint: _Endpoint[T], **args: Any) -> T:
        """Send one endpoint's request and read its answer. Every method ends here."""
        request = endpoint.request(args)
        raw = send(self.session, self._base_url(request), request, self.timeout)
        try:
            result = endpoint.read(raw, args)
        except NotJSONError as err:
            _LOGGER.debug("%s: %s", endpoint.name, type(err).__name__)
            raise as_requests_error(err) from None
        learn = getattr(endpoint, "plant_offsets", None)
        if learn is not None:
            for plant_id, offset in learn(result, args).items():
                self._clock.learn(plant_id, offset)
        return result

    def _day(self, date: DateArg, plant_id: object = None) -> dt.date | dt.datetime | str:
        """The caller's date, else today where the plant is (else here)."""
        return date if date is not None else self._clock.today(plant_id)

    def __repr__(self) -> str:
        """Safe to log: no credentials, no cookies."""
        logged_in = bool(self.session.cookies)
        return f"{type(self).__name__}(server_url={self.server_url!r}, session_cookies={logged_in})"

    # --- account and plants (rows 1-11) --------------------------------------------------------

    def login(self, username: str, password: str, is_password_hashed: bool = False) -> JSONDict:
        """Log in; returns ``back`` (+ ``userId``/``userLevel`` on success). A refused
        login returns the dict with ``success: False`` and ``msg`` ("502", "507", ...)."""
        return self._call(
            ep.LOGIN, username=username, password=password, is_password_hashed=is_password_hashed
        )

    def plant_list(self, user_id: str) -> JSONDict:
        """``back`` of ``PlantListAPI.do``: ``{"success", "data": [...], "totalData"}``."""
        return self._call(ep.PLANT_LIST, user_id=user_id)

    def plant_detail(self, plant_id: str, timespan: Timespan, date: DateArg = None) -> JSONDict:
        """``back`` of ``PlantDetailAPI.do`` for a day (``YYYY-MM-DD``) or month (``YYYY-MM``)."""
        day = self._day(date, plant_id)
        return self._call(ep.PLANT_DETAIL, plant_id=plant_id, timespan=timespan, day=day)

    def plant_list_two(self) -> list[JSONDict]:
        """``PlantList`` of ``getAllPlantListTwo``: every plant with its full bean."""
        return self._call(ep.PLANT_LIST_TWO)

    def plant_info(self, plant_id: str) -> JSONDict:
        """Whole ``getAllDeviceListTwo`` answer: plant totals plus ``deviceList``."""
        return self._call(ep.PLANT_INFO, plant_id=plant_id)

    def device_list(self, plant_id: str) -> list[JSONDict]:
        """Devices of a plant; TLX plants list none in ``plant_info``, so then ask
        ``getAllDeviceList``."""
        devices = self.plant_info(plant_id).get("deviceList") or []
        return devices or self._call(ep.ALL_DEVICES, plant_id=plant_id)

    def inverter_list(self, plant_id: str) -> list[JSONDict]:
        """Deprecated name of :meth:`device_list`."""
        warnings.warn(
            "inverter_list is deprecated, use device_list", DeprecationWarning, stacklevel=2
        )
        return self.device_list(plant_id)

    def plant_energy_data(self, plant_id: str) -> JSONDict:
        """Whole ``getUserCenterEnertyDataByPlantid`` answer (the app's plant tab)."""
        return self._call(ep.PLANT_ENERGY_DATA, plant_id=plant_id)

    def plant_settings(self, plant_id: str) -> JSONDict:
        """Whole ``getPlant`` answer: the plant bean the settings form is built from."""
        return self._call(ep.PLANT_SETTINGS, plant_id=plant_id)

    def get_plant_settings(self, plant_id: str) -> JSONDict:
        """growattServer 1.2-1.5 name of :meth:`plant_settings`."""
        return self.plant_settings(plant_id)

    def update_plant_settings(
        self, plant_id: str, changed_settings: JSONDict, current_settings: JSONDict | None = None
    ) -> JSONDict:
        """Post the 18-field plant form, pre-filled from ``current_settings`` (fetched when
        ``None``) with ``changed_settings`` on top."""
        current = (
            current_settings if current_settings is not None else self.plant_settings(plant_id)
        )
        return self._call(ep.UPDATE_PLANT_SETTINGS, current=current, changed=changed_settings)

    def dashboard_data(
        self, plant_id: str, timespan: Timespan = Timespan.hour, date: DateArg = None
    ) -> JSONDict:
        """Whole ``getEnergyStorageData`` answer (values are strings with units)."""
        day = self._day(date, plant_id)
        return self._call(ep.DASHBOARD_DATA, plant_id=plant_id, timespan=timespan, day=day)

    # --- classic inverters (rows 13-15, 43-46) --------------------------------------------------

    def inverter_data(self, inverter_id: str, date: DateArg = None) -> JSONDict:
        """Whole ``getInverterData`` answer for one day."""
        return self._call(ep.INVERTER_DATA, inverter_id=inverter_id, day=self._day(date))

    def inverter_detail(self, inverter_id: str) -> JSONDict:
        """Whole ``getInverterDetailData`` answer (flat)."""
        return self._call(ep.INVERTER_DETAIL, inverter_id=inverter_id)

    def inverter_detail_two(self, inverter_id: str) -> JSONDict:
        """Whole ``getInverterDetailData_two`` answer (``data`` + ``parameterName``)."""
        return self._call(ep.INVERTER_DETAIL_TWO, inverter_id=inverter_id)

    def classic_inverter_info(self, device_sn: str) -> JSONDict:
        """The inverter object embedded in the HTML settings page."""
        return self._call(ep.CLASSIC_INVERTER_INFO, device_sn=device_sn)

    def update_classic_inverter_setting(
        self, default_parameters: JSONDict, parameters: JSONDict | list[Any]
    ) -> JSONDict:
        """POST ``tcpSet.do`` with ``default_parameters`` and ``parameters`` merged in the query."""
        return self._call(
            ep.UPDATE_CLASSIC_INVERTER_SETTING,
            default_parameters=default_parameters,
            parameters=parameters,
        )

    def set_classic_inverter_active_power_rate(self, device_sn: str, power_rate: int) -> JSONDict:
        """Limit a classic inverter's output to ``power_rate`` percent."""
        return self._call(
            ep.SET_CLASSIC_ACTIVE_POWER_RATE, device_sn=device_sn, power_rate=power_rate
        )

    def set_classic_inverter_on_off(self, device_sn: str, enabled: bool) -> JSONDict:
        """Switch a classic inverter on (``0001``) or off (``0000``)."""
        return self._call(ep.SET_CLASSIC_ON_OFF, device_sn=device_sn, enabled=enabled)

    # --- TLX (rows 16-25, 41-42) --------------------------------------------------------------

    def tlx_data(self, tlx_id: str, date: DateArg = None) -> JSONDict:
        """Whole ``getTlxData`` answer for one day."""
        return self._call(ep.TLX_DATA, tlx_id=tlx_id, day=self._day(date))

    def tlx_detail(self, tlx_id: str) -> JSONDict:
        """Whole ``getTlxDetailData`` answer (``data`` + ``parameterName``)."""
        return self._call(ep.TLX_DETAIL, tlx_id=tlx_id)

    def tlx_params(self, tlx_id: str) -> JSONDict:
        """Whole ``getTlxParams`` answer (``newBean`` ...)."""
        return self._call(ep.TLX_PARAMS, tlx_id=tlx_id)

    def tlx_system_status(self, plant_id: str, tlx_id: str) -> JSONDict:
        """``obj`` of ``getSystemStatus_KW`` (strings, power in kW)."""
        return self._call(ep.TLX_SYSTEM_STATUS, plant_id=plant_id, tlx_id=tlx_id)

    def tlx_energy_overview(self, plant_id: str, tlx_id: str) -> JSONDict:
        """``obj`` of ``getEnergyOverview``."""
        return self._call(ep.TLX_ENERGY_OVERVIEW, plant_id=plant_id, tlx_id=tlx_id)

    def tlx_energy_prod_cons(
        self, plant_id: str, tlx_id: str, timespan: Timespan = Timespan.hour, date: DateArg = None
    ) -> JSONDict:
        """``obj`` of ``getEnergyProdAndCons_KW``."""
        day = self._day(date, plant_id)
        return self._call(
            ep.TLX_ENERGY_PROD_CONS, plant_id=plant_id, tlx_id=tlx_id, timespan=timespan, day=day
        )

    def tlx_all_settings(self, tlx_id: str) -> JSONDict | None:
        """``obj.tlxSetBean`` of ``getTlxSetData``, or ``None`` when absent."""
        return self._call(ep.TLX_ALL_SETTINGS, tlx_id=tlx_id)

    def tlx_get_all_settings(self, tlx_id: str) -> JSONDict | None:
        """The name growattServer's documentation uses for :meth:`tlx_all_settings`."""
        return self.tlx_all_settings(tlx_id)

    def tlx_enabled_settings(self, tlx_id: str) -> JSONDict:
        """``obj`` of ``getSetPass``: which settings the device accepts (``enable``)."""
        return self._call(ep.TLX_ENABLED_SETTINGS, tlx_id=tlx_id, day=self._day(None))

    def tlx_get_enabled_settings(self, tlx_id: str) -> JSONDict:
        """The name growattServer's documentation uses for :meth:`tlx_enabled_settings`."""
        return self.tlx_enabled_settings(tlx_id)

    def tlx_battery_info(self, serial_num: str) -> JSONDict:
        """``obj`` of ``getBatInfo``."""
        return self._call(ep.TLX_BATTERY_INFO, serial_num=serial_num)

    def tlx_battery_info_detailed(self, plant_id: str, serial_num: str) -> JSONDict:
        """Whole ``getBatDetailData`` answer."""
        return self._call(ep.TLX_BATTERY_INFO_DETAILED, plant_id=plant_id, serial_num=serial_num)

    def update_tlx_inverter_setting(
        self, serial_number: str, setting_type: str, parameter: JSONDict | list[Any] | str
    ) -> JSONDict:
        """``newTcpsetAPI.do`` ``op=tlxSet``; a single value becomes ``param1``."""
        return self._call(
            ep.UPDATE_TLX_INVERTER_SETTING,
            serial_number=serial_number,
            setting_type=setting_type,
            parameters=parameter,
        )

    def update_tlx_inverter_time_segment(
        self,
        serial_number: str,
        segment_id: int,
        batt_mode: int,
        start_time: dt.time,
        end_time: dt.time,
        enabled: bool,
    ) -> JSONDict:
        """Write ``time_segment<N>``; raises :class:`GrowattError` unless ``success``."""
        return self._call(
            ep.UPDATE_TLX_TIME_SEGMENT,
            serial_number=serial_number,
            segment_id=segment_id,
            batt_mode=batt_mode,
            start_time=start_time,
            end_time=end_time,
            enabled=enabled,
        )

    # --- MIX (rows 26-30, 39) ------------------------------------------------------------------

    def mix_info(self, mix_id: str, plant_id: str | None = None) -> JSONDict:
        """``obj`` of ``getMixInfo``; ``plantId`` is sent only when given."""
        return self._call(ep.MIX_INFO, mix_id=mix_id, plant_id=plant_id)

    def mix_totals(self, mix_id: str, plant_id: str) -> JSONDict:
        """``obj`` of the MIX ``getEnergyOverview``."""
        return self._call(ep.MIX_TOTALS, mix_id=mix_id, plant_id=plant_id)

    def mix_system_status(self, mix_id: str, plant_id: str) -> JSONDict:
        """``obj`` of the MIX ``getSystemStatus_KW``."""
        return self._call(ep.MIX_SYSTEM_STATUS, mix_id=mix_id, plant_id=plant_id)

    def mix_detail(
        self, mix_id: str, plant_id: str, timespan: Timespan = Timespan.hour, date: DateArg = None
    ) -> JSONDict:
        """``obj`` of the MIX ``getEnergyProdAndCons_KW`` (``chartData`` keyed ``HH:MM``)."""
        day = self._day(date, plant_id)
        return self._call(
            ep.MIX_DETAIL, mix_id=mix_id, plant_id=plant_id, timespan=timespan, day=day
        )

    def get_mix_inverter_settings(self, serial_number: str) -> JSONDict:
        """Whole ``getMixSetParams`` answer."""
        return self._call(ep.MIX_INVERTER_SETTINGS, serial_number=serial_number)

    def update_mix_inverter_setting(
        self, serial_number: str, setting_type: str, parameters: JSONDict | list[Any]
    ) -> JSONDict:
        """``newTcpsetAPI.do`` ``op=mixSetApiNew``; a list becomes ``param1..N``."""
        return self._call(
            ep.UPDATE_MIX_INVERTER_SETTING,
            serial_number=serial_number,
            setting_type=setting_type,
            parameters=parameters,
        )

    def update_ac_inverter_setting(
        self, serial_number: str, setting_type: str, parameters: JSONDict | list[Any]
    ) -> JSONDict:
        """``newTcpsetAPI.do`` ``op=spaSetApi`` (SPA, AC-coupled)."""
        return self._call(
            ep.UPDATE_AC_INVERTER_SETTING,
            serial_number=serial_number,
            setting_type=setting_type,
            parameters=parameters,
        )

    def update_inverter_setting(
        self,
        serial_number: str,
        setting_type: str,
        default_parameters: JSONDict,
        parameters: JSONDict | list[Any],
    ) -> JSONDict:
        """``newTcpsetAPI.do``; ``default_parameters`` + ``parameters``, merged, in the query."""
        return self._call(
            ep.UPDATE_INVERTER_SETTING,
            serial_number=serial_number,
            setting_type=setting_type,
            default_parameters=default_parameters,
            parameters=parameters,
        )

    # --- storage (rows 31-33) -----------------------------------------------------------------

    def storage_detail(self, storage_id: str) -> JSONDict:
        """Whole ``getStorageInfo_sacolar`` answer."""
        return self._call(ep.STORAGE_DETAIL, storage_id=storage_id)

    def storage_params(self, storage_id: str) -> JSONDict:
        """Whole ``getStorageParams_sacolar`` answer (``storageDetailBean`` ...)."""
        return self._call(ep.STORAGE_PARAMS, storage_id=storage_id)

    def storage_energy_overview(self, plant_id: str, storage_id: str) -> JSONDict:
        """``obj`` of ``getEnergyOverviewData_sacolar``."""
        return self._call(ep.STORAGE_ENERGY_OVERVIEW, plant_id=plant_id, storage_id=storage_id)

    # --- Noah (rows 34-37) --------------------------------------------------------------------

    def is_plant_noah_system(self, plant_id: str) -> JSONDict:
        """Whole ``isPlantNoahSystem`` answer (``result``, ``msg``, ``obj``)."""
        return self._call(ep.IS_PLANT_NOAH_SYSTEM, plant_id=plant_id)

    def noah_system_status(self, serial_number: str) -> JSONDict:
        """Whole Noah ``getSystemStatus`` answer."""
        return self._call(ep.NOAH_SYSTEM_STATUS, serial_number=serial_number)

    def noah_info(self, serial_number: str) -> JSONDict:
        """Whole ``getNoahInfoBySn`` answer."""
        return self._call(ep.NOAH_INFO, serial_number=serial_number)

    def update_noah_settings(
        self, serial_number: str, setting_type: str, parameters: JSONDict | list[Any]
    ) -> JSONDict:
        """``noahDeviceApi/noah/set`` with ``serialNum``, ``type`` and the params as a form."""
        return self._call(
            ep.UPDATE_NOAH_SETTINGS,
            serial_number=serial_number,
            setting_type=setting_type,
            parameters=parameters,
        )
