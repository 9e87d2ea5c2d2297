"""The ShinePhone (classic, cookie session) endpoints: shinephone-api.md §3 rows 1-46.

One object per server call. Each builds its :class:`Request` from the compatibility
method's arguments and reads the answer into the shape growattServer returned. The
shapes are the raw dicts and lists; nothing is renamed or converted.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar

from growattServer.auth import hash_password
from growattServer.errors import GrowattError, UnexpectedResponseError

from .answers import decode_json, require_key, require_mapping
from .dates import date_text, offsets_in_classic_answer
from .request import (
    Args,
    Field,
    Pairs,
    RawResponse,
    Request,
    arg,
    computed,
    const,
    pairs_from,
    wire_text,
)

T = TypeVar("T")
JSONDict = dict[str, Any]
Reader = Callable[[Any, str], T]


class Timespan(enum.IntEnum):
    """Chart span for the classic history calls (growattServer's names)."""

    hour = 0
    day = 1
    month = 2


BATT_MODE_LOAD_FIRST = 0
BATT_MODE_BATTERY_FIRST = 1
BATT_MODE_GRID_FIRST = 2


def as_timespan(value: object) -> Timespan:
    """Accept a :class:`Timespan` or its integer; anything else is a ``ValueError``."""
    if isinstance(value, bool) or not isinstance(value, int):
        msg = "timespan must be a Timespan enum value"
        raise ValueError(msg)  # growattServer raised ValueError here too
    return Timespan(value)


# --- readers: which part of the body a method returns ----------------------------------


def whole(body: Any, name: str) -> JSONDict:
    """The whole JSON object."""
    return require_mapping(body, name)


def member_dict(key: str) -> Reader[JSONDict]:
    """``body[key]`` as an object; ``{}`` when absent or null (growattServer's ``.get``)."""

    def read(body: Any, name: str) -> JSONDict:
        value = require_mapping(body, name).get(key)
        return {} if value is None else require_mapping(value, name)

    return read


def member_list(key: str) -> Reader[list[Any]]:
    """``body[key]`` as a list; ``[]`` when absent or null."""

    def read(body: Any, name: str) -> list[Any]:
        value = require_mapping(body, name).get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            msg = f"{name}: {key!r} is not a list"
            raise UnexpectedResponseError(msg)
        return value

    return read


def _tlx_set_bean(body: Any, name: str) -> JSONDict | None:
    obj = require_mapping(body, name).get("obj") or {}
    bean = require_mapping(obj, name).get("tlxSetBean")
    return None if bean is None else require_mapping(bean, name)


def _login_back(body: Any, name: str) -> JSONDict:
    back = require_mapping(require_key(require_mapping(body, name), "back", name), name)
    if back.get("success"):
        user = require_mapping(require_key(back, "user", name), name)
        # Client-side additions that growattServer has always made.
        back["userId"] = require_key(user, "id", name)
        back["userLevel"] = user.get("rightlevel")
    return back


def _segment_result(body: Any, name: str) -> JSONDict:
    result = require_mapping(body, name)
    if not result.get("success", False):
        msg = f"Failed to update TLX inverter time segment: {result.get('msg', 'Unknown error')}"
        raise GrowattError(msg, code=None, server_text=str(result.get("msg", "")))
    return result


_INV_LITERAL = re.compile(r"inv=JSON\.parse\('(\{.*?\})'\)", re.DOTALL)


def _inverter_page(raw: RawResponse, name: str) -> Any:  # the decoded object
    """Row 46 answers an HTML page with ``inv=JSON.parse('{...}')`` inside."""
    match = _INV_LITERAL.search(raw.text())
    if not match:
        msg = f"{name}: no inverter data in the settings page"
        raise UnexpectedResponseError(msg)
    try:
        return json.loads(match.group(1))
    except json.JSONDecodeError as err:
        msg = f"{name}: the inverter data in the settings page is not valid JSON"
        raise UnexpectedResponseError(msg) from err


# --- the endpoint shape -------------------------------------------------------------------


@dataclass(frozen=True)
class ClassicEndpoint(Generic[T]):
    """A ShinePhone call described by its fields; see :mod:`.request`."""

    name: str
    method: Literal["GET", "POST"]
    path: str
    reader: Reader[T]
    query: tuple[Field, ...] = ()
    form: tuple[Field, ...] | None = None
    allow_redirects: bool = True
    is_write: bool = False
    learns_plant_timezone: bool = False
    decode: Callable[[RawResponse, str], Any] = field(default=decode_json)

    def request(self, args: Args) -> Request:
        """Build the request."""
        form = None if self.form is None else pairs_from(self.form, args)
        return Request(
            self.method,
            self.path,
            pairs_from(self.query, args),
            form,
            None,
            self.allow_redirects,
            self.is_write,
            "classic",
            self.name,
        )

    def read(self, raw: RawResponse, args: Args) -> T:
        """Decode and pick the part the method returns."""
        return self.reader(self.decode(raw, self.name), self.name)

    def plant_offsets(self, result: object, args: Args) -> dict[str, dt.timedelta]:
        """Plant UTC offsets this answer reveals (plant beans carry ``timezone``)."""
        return offsets_in_classic_answer(result) if self.learns_plant_timezone else {}


def _day_field(wire: str = "date") -> Field:
    """``date`` from the ``day`` argument, ``YYYY-MM`` when the span is a month."""
    return computed(
        wire, lambda a: date_text(a["day"], month_only=a.get("timespan") == Timespan.month)
    )


def _span_field(wire: str = "type") -> Field:
    return computed(wire, lambda a: as_timespan(a["timespan"]).value)


def _if_truthy(wire: str, name: str) -> Field:
    return computed(wire, lambda a: a.get(name) or None)


def _get(name: str, path: str, reader: Reader[T], *query: Field, **kw: Any) -> ClassicEndpoint[T]:
    return ClassicEndpoint(name, "GET", path, reader, tuple(query), **kw)


def _post(
    name: str,
    path: str,
    reader: Reader[T],
    query: tuple[Field, ...],
    form: tuple[Field, ...] | None = None,
    **kw: Any,
) -> ClassicEndpoint[T]:
    return ClassicEndpoint(name, "POST", path, reader, query, form, **kw)


# --- rows 1-36: reads -----------------------------------------------------------------------

LOGIN = _post(
    "login",
    "newTwoLoginAPI.do",
    _login_back,
    (),
    (
        arg("userName", "username"),
        computed(
            "password",
            lambda a: (
                a["password"] if a.get("is_password_hashed") else hash_password(a["password"])
            ),
        ),
    ),
)
PLANT_LIST = _get(
    "plant_list",
    "PlantListAPI.do",
    member_dict("back"),
    arg("userId", "user_id"),
    allow_redirects=False,  # growattServer never followed the login redirect here
)
PLANT_DETAIL = _get(
    "plant_detail",
    "PlantDetailAPI.do",
    member_dict("back"),
    arg("plantId", "plant_id"),
    _span_field(),
    _day_field(),
)
PLANT_LIST_TWO = _post(
    "plant_list_two",
    "newTwoPlantAPI.do",
    member_list("PlantList"),
    (const("op", "getAllPlantListTwo"),),
    (
        const("language", "1"),
        const("nominalPower", ""),
        const("order", "1"),
        const("pageSize", "15"),
        const("plantName", ""),
        const("plantStatus", ""),
        const("toPageNum", "1"),
    ),
    learns_plant_timezone=True,
)
PLANT_INFO = _get(
    "plant_info",
    "newTwoPlantAPI.do",
    whole,
    const("op", "getAllDeviceListTwo"),
    arg("plantId", "plant_id"),
    const("pageNum", "1"),
    const("pageSize", "1"),
)
ALL_DEVICES = _get(
    "all_devices",
    "newTwoPlantAPI.do",
    member_list("deviceList"),
    const("op", "getAllDeviceList"),
    arg("plantId", "plant_id"),
    const("language", "1"),
)
PLANT_ENERGY_DATA = _post(
    "plant_energy_data",
    "newTwoPlantAPI.do",
    whole,
    (const("op", "getUserCenterEnertyDataByPlantid"),),
    (const("language", "1"), arg("plantId", "plant_id")),
    learns_plant_timezone=True,
)
PLANT_SETTINGS = _get(
    "plant_settings",
    "newPlantAPI.do",
    whole,
    const("op", "getPlant"),
    arg("plantId", "plant_id"),
    learns_plant_timezone=True,
)
DASHBOARD_DATA = _post(
    "dashboard_data",
    "newPlantAPI.do",
    whole,
    (
        const("action", "getEnergyStorageData"),
        _day_field(),
        _span_field(),
        arg("plantId", "plant_id"),
    ),
)
INVERTER_DATA = _get(
    "inverter_data",
    "newInverterAPI.do",
    whole,
    const("op", "getInverterData"),
    arg("id", "inverter_id"),
    const("type", "1"),
    _day_field(),
)
INVERTER_DETAIL = _get(
    "inverter_detail",
    "newInverterAPI.do",
    whole,
    const("op", "getInverterDetailData"),
    arg("inverterId", "inverter_id"),
)
INVERTER_DETAIL_TWO = _get(
    "inverter_detail_two",
    "newInverterAPI.do",
    whole,
    const("op", "getInverterDetailData_two"),
    arg("inverterId", "inverter_id"),
)
TLX_DATA = _get(
    "tlx_data",
    "newTlxApi.do",
    whole,
    const("op", "getTlxData"),
    arg("id", "tlx_id"),
    const("type", "1"),
    _day_field(),
)
TLX_DETAIL = _get(
    "tlx_detail", "newTlxApi.do", whole, const("op", "getTlxDetailData"), arg("id", "tlx_id")
)
TLX_PARAMS = _get(
    "tlx_params", "newTlxApi.do", whole, const("op", "getTlxParams"), arg("id", "tlx_id")
)
_PLANT_AND_TLX = (arg("plantId", "plant_id"), arg("id", "tlx_id"))
TLX_SYSTEM_STATUS = _post(
    "tlx_system_status",
    "newTlxApi.do",
    member_dict("obj"),
    (const("op", "getSystemStatus_KW"),),
    _PLANT_AND_TLX,
)
TLX_ENERGY_OVERVIEW = _post(
    "tlx_energy_overview",
    "newTlxApi.do",
    member_dict("obj"),
    (const("op", "getEnergyOverview"),),
    _PLANT_AND_TLX,
)
TLX_ENERGY_PROD_CONS = _post(
    "tlx_energy_prod_cons",
    "newTlxApi.do",
    member_dict("obj"),
    (const("op", "getEnergyProdAndCons_KW"),),
    (
        _day_field(),
        arg("plantId", "plant_id"),
        const("language", "1"),
        arg("id", "tlx_id"),
        _span_field(),
    ),
)
TLX_ALL_SETTINGS = _post(
    "tlx_all_settings",
    "newTlxApi.do",
    _tlx_set_bean,
    (const("op", "getTlxSetData"),),
    (arg("serialNum", "tlx_id"),),
)
TLX_ENABLED_SETTINGS = _post(
    "tlx_enabled_settings",
    "newLoginAPI.do",
    member_dict("obj"),
    (const("op", "getSetPass"),),
    (arg("deviceSn", "tlx_id"), _day_field("stringTime"), const("type", "5")),
)
TLX_BATTERY_INFO = _post(
    "tlx_battery_info",
    "newTlxApi.do",
    member_dict("obj"),
    (const("op", "getBatInfo"),),
    (const("lan", "1"), arg("serialNum", "serial_num")),
)
TLX_BATTERY_INFO_DETAILED = _post(
    "tlx_battery_info_detailed",
    "newTlxApi.do",
    whole,
    (const("op", "getBatDetailData"),),
    (const("lan", "1"), arg("plantId", "plant_id"), arg("id", "serial_num")),
)
MIX_INFO = _get(
    "mix_info",
    "newMixApi.do",
    member_dict("obj"),
    const("op", "getMixInfo"),
    arg("mixId", "mix_id"),
    _if_truthy("plantId", "plant_id"),
)
_MIX_AND_PLANT = (arg("mixId", "mix_id"), arg("plantId", "plant_id"))
MIX_TOTALS = _post(
    "mix_totals",
    "newMixApi.do",
    member_dict("obj"),
    (const("op", "getEnergyOverview"), *_MIX_AND_PLANT),
)
MIX_SYSTEM_STATUS = _post(
    "mix_system_status",
    "newMixApi.do",
    member_dict("obj"),
    (const("op", "getSystemStatus_KW"), *_MIX_AND_PLANT),
)
MIX_DETAIL = _post(
    "mix_detail",
    "newMixApi.do",
    member_dict("obj"),
    (
        const("op", "getEnergyProdAndCons_KW"),
        arg("plantId", "plant_id"),
        arg("mixId", "mix_id"),
        _span_field(),
        _day_field(),
    ),
)
MIX_INVERTER_SETTINGS = _get(
    "get_mix_inverter_settings",
    "newMixApi.do",
    whole,
    const("op", "getMixSetParams"),
    arg("serialNum", "serial_number"),
    const("kind", "0"),
)
STORAGE_DETAIL = _get(
    "storage_detail",
    "newStorageAPI.do",
    whole,
    const("op", "getStorageInfo_sacolar"),
    arg("storageId", "storage_id"),
)
STORAGE_PARAMS = _get(
    "storage_params",
    "newStorageAPI.do",
    whole,
    const("op", "getStorageParams_sacolar"),
    arg("storageId", "storage_id"),
)
STORAGE_ENERGY_OVERVIEW = _post(
    "storage_energy_overview",
    "newStorageAPI.do",
    member_dict("obj"),
    (
        const("op", "getEnergyOverviewData_sacolar"),
        arg("plantId", "plant_id"),
        arg("storageSn", "storage_id"),
    ),
)
IS_PLANT_NOAH_SYSTEM = _post(
    "is_plant_noah_system",
    "noahDeviceApi/noah/isPlantNoahSystem",
    whole,
    (),
    (arg("plantId", "plant_id"),),
)
NOAH_SYSTEM_STATUS = _post(
    "noah_system_status",
    "noahDeviceApi/noah/getSystemStatus",
    whole,
    (),
    (arg("deviceSn", "serial_number"),),
)
NOAH_INFO = _post(
    "noah_info",
    "noahDeviceApi/noah/getNoahInfoBySn",
    whole,
    (),
    (arg("deviceSn", "serial_number"),),
)
CLASSIC_INVERTER_INFO = _get(
    "classic_inverter_info",
    "commonDeviceSetC/setInverter",
    whole,
    const("type", "server"),
    arg("invSn", "device_sn"),
    decode=_inverter_page,
)


# --- rows 37-45: writes that merge fixed fields with caller parameters ------------------------


def parameter_mapping(parameters: object) -> dict[str, object]:
    """Caller parameters as wire fields: a list is ``param1..N``, a dict is kept, a scalar
    is ``param1`` (the TLX form, accepted everywhere)."""
    if isinstance(parameters, Mapping):
        return {str(key): value for key, value in parameters.items()}
    if isinstance(parameters, list | tuple):
        return {f"param{index}": value for index, value in enumerate(parameters, start=1)}
    return {"param1": parameters}


def merged_pairs(defaults: Mapping[str, object], parameters: object) -> Pairs:
    """Fixed fields first, caller fields after; a caller field overrides in place."""
    merged = {**defaults, **parameter_mapping(parameters)}
    return tuple((key, wire_text(value)) for key, value in merged.items() if value is not None)


@dataclass(frozen=True)
class SettingWrite:
    """Every "fixed fields + caller parameters" write (rows 37-41, 43-45).

    ``defaults`` picks the fixed fields from the arguments; ``placement`` says whether
    the merged fields travel in the query string (``newTcpsetAPI.do``, ``tcpSet.do``)
    or in a form body (Noah).
    """

    name: str
    path: str
    defaults: Callable[[Args], Mapping[str, object]]
    placement: Literal["query", "form"] = "query"

    def request(self, args: Args) -> Request:
        """Build the write."""
        fields = merged_pairs(self.defaults(args), args.get("parameters", {}))
        query, form = (fields, None) if self.placement == "query" else ((), fields)
        return Request("POST", self.path, query, form, None, True, True, "classic", self.name)

    def read(self, raw: RawResponse, args: Args) -> JSONDict:
        """Writes return the whole answer (``success``/``msg`` or ``result``/``msg``)."""
        return whole(decode_json(raw, self.name), self.name)


def _tcpset(op: str) -> Callable[[Args], Mapping[str, object]]:
    return lambda a: {"op": op, "serialNum": a["serial_number"], "type": a["setting_type"]}


def _classic_command(param_id: str, command: Callable[[Args], object]) -> Callable[[Args], Any]:
    return lambda a: {
        "action": "inverterSet",
        "serialNum": a["device_sn"],
        "paramId": param_id,
        "command_1": command(a),
        "command_2": "",
    }


UPDATE_INVERTER_SETTING = SettingWrite(
    "update_inverter_setting", "newTcpsetAPI.do", lambda a: a["default_parameters"]
)
UPDATE_MIX_INVERTER_SETTING = SettingWrite(
    "update_mix_inverter_setting", "newTcpsetAPI.do", _tcpset("mixSetApiNew")
)
UPDATE_AC_INVERTER_SETTING = SettingWrite(
    "update_ac_inverter_setting", "newTcpsetAPI.do", _tcpset("spaSetApi")
)
UPDATE_TLX_INVERTER_SETTING = SettingWrite(
    "update_tlx_inverter_setting", "newTcpsetAPI.do", _tcpset("tlxSet")
)
UPDATE_NOAH_SETTINGS = SettingWrite(
    "update_noah_settings",
    "noahDeviceApi/noah/set",
    lambda a: {"serialNum": a["serial_number"], "type": a["setting_type"]},
    placement="form",
)
UPDATE_CLASSIC_INVERTER_SETTING = SettingWrite(
    "update_classic_inverter_setting", "tcpSet.do", lambda a: a["default_parameters"]
)
SET_CLASSIC_ACTIVE_POWER_RATE = SettingWrite(
    "set_classic_inverter_active_power_rate",
    "tcpSet.do",
    _classic_command("pv_active_p_rate", lambda a: a["power_rate"]),
)
SET_CLASSIC_ON_OFF = SettingWrite(
    "set_classic_inverter_on_off",
    "tcpSet.do",
    _classic_command("pv_on_off", lambda a: "0001" if a["enabled"] else "0000"),
)

# Row 42: the one newTcpsetAPI write whose fields go in a form body, and that raises.
UPDATE_TLX_TIME_SEGMENT = _post(
    "update_tlx_inverter_time_segment",
    "newTcpsetAPI.do",
    _segment_result,
    (const("op", "tlxSet"),),
    (
        arg("serialNum", "serial_number"),
        computed("type", lambda a: f"time_segment{a['segment_id']}"),
        arg("param1", "batt_mode"),
        computed("param2", lambda a: a["start_time"].strftime("%H")),
        computed("param3", lambda a: a["start_time"].strftime("%M")),
        computed("param4", lambda a: a["end_time"].strftime("%H")),
        computed("param5", lambda a: a["end_time"].strftime("%M")),
        computed("param6", lambda a: "1" if a["enabled"] else "0"),
    ),
    is_write=True,
)


# --- row 11: plant settings, a multipart form built from the current settings ---------------

#: Form field → key of the ``getPlant`` answer that pre-fills it (shinephone-api.md §5.6).
PLANT_FORM_SOURCES: tuple[tuple[str, str | None], ...] = (
    ("plantCoal", "formulaCoal"),
    ("plantSo2", "formulaSo2"),
    ("accountName", "userAccount"),
    ("plantID", "id"),
    ("plantFirm", None),  # always "0": its meaning is unknown
    ("plantCountry", "country"),
    ("plantType", "plantType"),
    ("plantIncome", "formulaMoneyStr"),
    ("plantAddress", "plantAddress"),
    ("plantTimezone", "timezone"),
    ("plantLng", "plant_lng"),
    ("plantCity", "city"),
    ("plantCo2", "formulaCo2"),
    ("plantMoney", "formulaMoneyUnitId"),
    ("plantPower", "nominalPower"),
    ("plantLat", "plant_lat"),
    ("plantDate", "createDateText"),
    ("plantName", "plantName"),
)


@dataclass(frozen=True)
class PlantSettingsWrite:
    """``newTwoPlantAPI.do?op=updatePlant``: all 18 fields, as multipart parts."""

    name: str = "update_plant_settings"
    path: str = "newTwoPlantAPI.do"

    def request(self, args: Args) -> Request:
        """Pre-fill from ``current`` and apply ``changed`` on top."""
        current: Mapping[str, Any] = args["current"]
        fields: dict[str, str] = {
            wire: "0" if source is None else str(current.get(source))
            for wire, source in PLANT_FORM_SOURCES
        }
        for key, value in dict(args["changed"]).items():
            fields[str(key)] = str(value)
        return Request(
            "POST",
            self.path,
            (("op", "updatePlant"),),
            None,
            tuple(fields.items()),
            True,
            True,
            "classic",
            self.name,
        )

    def read(self, raw: RawResponse, args: Args) -> JSONDict:
        """The whole answer."""
        return whole(decode_json(raw, self.name), self.name)


UPDATE_PLANT_SETTINGS = PlantSettingsWrite()
