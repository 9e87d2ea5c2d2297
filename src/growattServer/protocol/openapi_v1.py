"""The OpenAPI v1 endpoints growattServer's ``OpenApiV1`` uses (openapi.md §2).

Paths are relative to ``<server_url>v1/``. Every answer is
``{"error_code", "error_msg", "data"}``; a non-zero code raises
:class:`~growattServer.errors.GrowattV1ApiError` and success returns ``data``.
The pure helpers at the end read time segments and charge windows back from a
settings dict without any request.
"""

from __future__ import annotations

import datetime as dt
import enum
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from growattServer.errors import GrowattParameterError

from .answers import decode_json, require_mapping, v1_error
from .dates import parse_offset
from .request import Args, Field, RawResponse, Request, arg, computed, const, pairs_from

__all__ = [
    "DeviceType",
    "V1Endpoint",
    "read_ac_charge_times",
    "read_ac_discharge_times",
    "read_time_segments",
]


class DeviceType(enum.IntEnum):
    """``type`` in ``device/list`` (openapi.md §4.1)."""

    INVERTER = 1
    STORAGE = 2
    OTHER = 3
    MAX = 4
    SPH = 5  # also called MIX
    SPA = 6
    MIN = 7  # also called TLX
    PCS = 8
    HPS = 9
    PBD = 10


MIN_PARAM_COUNT = 19
SPH_PARAM_COUNT = 18
MAX_HISTORY_DAYS = 7
MAX_SEGMENTS = 9
MAX_BATT_MODE = 2
SPH_PERIODS = 3


@dataclass(frozen=True)
class V1Endpoint:
    """A v1 call: verb, path, where the fields go, and the operation named in errors."""

    name: str
    method: Literal["GET", "POST"]
    path: str
    operation: str
    query: tuple[Field, ...] = ()
    form: tuple[Field, ...] | None = None
    is_write: bool = False
    learns_plant_timezone: bool = False
    validate: Callable[[Args], None] | None = None

    def request(self, args: Args) -> Request:
        """Build the request (after client-side validation, as growattServer did)."""
        if self.validate is not None:
            self.validate(args)
        form = None if self.form is None else pairs_from(self.form, args)
        return Request(
            self.method,
            self.path,
            pairs_from(self.query, args),
            form,
            None,
            True,
            self.is_write,
            "v1",
            self.name,
        )

    def read(self, raw: RawResponse, args: Args) -> Any:
        """Raise on a non-zero ``error_code``, else return ``data``."""
        body = require_mapping(decode_json(raw, self.name), self.name)
        error = v1_error(body, self.operation_text(args))
        if error is not None:
            raise error
        return body.get("data")

    def operation_text(self, args: Args) -> str:
        """The operation as it appears in error messages."""
        return self.operation.format(**args)

    def plant_offsets(self, result: object, args: Args) -> dict[str, dt.timedelta]:
        """``plant/details`` and ``plant/data`` carry the plant's ``timezone``."""
        if not (self.learns_plant_timezone and isinstance(result, Mapping)):
            return {}
        offset = parse_offset(result.get("timezone"))
        return {} if offset is None else {str(args["plant_id"]): offset}


def _get(name: str, path: str, operation: str, *query: Field, **kw: Any) -> V1Endpoint:
    return V1Endpoint(name, "GET", path, operation, tuple(query), **kw)


def _post(name: str, path: str, operation: str, *form: Field, **kw: Any) -> V1Endpoint:
    return V1Endpoint(name, "POST", path, operation, (), tuple(form), **kw)


def _day(name: str) -> Field:
    return computed(name, lambda a: a[name].strftime("%Y-%m-%d"))


# --- plant and device list -----------------------------------------------------------------

PLANT_LIST = V1Endpoint(
    "plant_list",
    "GET",
    "plant/list",
    "getting plant list",
    # growattServer sends these as an url-encoded body on a GET; kept byte for byte.
    form=(
        const("page", ""),
        const("perpage", ""),
        const("search_type", ""),
        const("search_keyword", ""),
    ),
)
PLANT_DETAILS = _get(
    "plant_details",
    "plant/details",
    "getting plant details",
    arg("plant_id"),
    learns_plant_timezone=True,
)
PLANT_ENERGY_OVERVIEW = _get(
    "plant_energy_overview",
    "plant/data",
    "getting plant energy overview",
    arg("plant_id"),
    learns_plant_timezone=True,
)
PLANT_POWER_OVERVIEW = _get(
    "plant_power_overview",
    "plant/power",
    "getting plant power overview",
    arg("plant_id"),
    computed("date", lambda a: a["day"]),
)


def _warn_energy_range(args: Args) -> None:
    """growattServer only warns about ranges the server will refuse; so do we."""
    start: dt.date = args["start_date"]
    end: dt.date = args["end_date"]
    unit = args["time_unit"]
    if unit == "day" and (end - start).days > MAX_HISTORY_DAYS:
        text = "Date interval must not exceed 7 days in 'day' mode."
    elif unit == "month" and end.year - start.year > 1:
        text = "Start date must be within same or previous year in 'month' mode."
    elif unit == "year" and end.year - start.year > 20:
        text = "Date interval must not exceed 20 years in 'year' mode."
    else:
        return
    warnings.warn(text, RuntimeWarning, stacklevel=5)


PLANT_ENERGY_HISTORY = _get(
    "plant_energy_history",
    "plant/energy",
    "getting plant energy history",
    arg("plant_id"),
    _day("start_date"),
    _day("end_date"),
    arg("time_unit"),
    arg("page"),
    arg("perpage"),
    validate=_warn_energy_range,
)
DEVICE_LIST = _get(
    "device_list",
    "device/list",
    "getting device list",
    arg("plant_id"),
    const("page", ""),
    const("perpage", ""),
)


# --- MIN (tlx) and SPH (mix) reads ----------------------------------------------------------

MIN_DETAIL = _get(
    "min_detail", "device/tlx/tlx_data_info", "getting MIN inverter details", arg("device_sn")
)
MIN_ENERGY = _post(
    "min_energy",
    "device/tlx/tlx_last_data",
    "getting MIN inverter energy data",
    arg("tlx_sn", "device_sn"),
)
MIN_SETTINGS = _get(
    "min_settings", "device/tlx/tlx_set_info", "getting MIN inverter settings", arg("device_sn")
)
SPH_DETAIL = _get(
    "sph_detail", "device/mix/mix_data_info", "getting SPH inverter details", arg("device_sn")
)
SPH_ENERGY = _post(
    "sph_energy",
    "device/mix/mix_last_data",
    "getting SPH inverter energy data",
    arg("mix_sn", "device_sn"),
)


# --- latest records of the other families (openapi.md §3.2; not in growattServer) -----------

INVERTER_ENERGY = _get(
    "inverter_energy",
    "device/inverter/last_new_data",
    "getting inverter energy data",
    arg("device_sn"),
)
STORAGE_ENERGY = _post(
    "storage_energy",
    "device/storage/storage_last_data",
    "getting storage energy data",
    arg("storage_sn", "device_sn"),
)
SPA_ENERGY = _post(
    "spa_energy",
    "device/spa/spa_last_data",
    "getting SPA inverter energy data",
    arg("spa_sn", "device_sn"),
)


def _check_history_span(args: Args) -> None:
    if args["end_date"] - args["start_date"] > dt.timedelta(days=MAX_HISTORY_DAYS):
        msg = "date interval must not exceed 7 days"
        raise GrowattParameterError(msg)


def _history(name: str, path: str, sn_field: str, family: str) -> V1Endpoint:
    """tlx_data and mix_data differ only in path and serial field name."""
    return _post(
        name,
        path,
        f"getting {family} inverter energy history",
        arg(sn_field, "device_sn"),
        _day("start_date"),
        _day("end_date"),
        arg("timezone_id", "timezone"),
        arg("page"),
        arg("perpage", "limit"),
        validate=_check_history_span,
    )


MIN_ENERGY_HISTORY = _history("min_energy_history", "device/tlx/tlx_data", "tlx_sn", "MIN")
SPH_ENERGY_HISTORY = _history("sph_energy_history", "device/mix/mix_data", "mix_sn", "SPH")


def _check_read_choice(args: Args) -> None:
    if args.get("parameter_id") is None and args.get("start_address") is None:
        msg = "specify either parameter_id or start_address/end_address"
        raise GrowattParameterError(msg)
    if args.get("parameter_id") is not None and args.get("start_address") is not None:
        msg = "specify either parameter_id or start_address/end_address - not both."
        raise GrowattParameterError(msg)


def _read_param(name: str, path: str, fill_missing_address: bool) -> V1Endpoint:
    """readMinParam / readMixParam: a named setting (addresses 0/0) or a register range."""

    def address(own: str, other: str) -> Callable[[Args], object]:
        def value(a: Args) -> object:
            if a.get("parameter_id") is not None:
                return 0
            if a.get(own) is None and fill_missing_address:
                return a.get(other)
            return a.get(own)

        return value

    return _post(
        name,
        path,
        "reading parameter {parameter_id}",
        arg("device_sn"),
        computed("paramId", lambda a: a.get("parameter_id") or "set_any_reg"),
        computed("startAddr", address("start_address", "end_address")),
        computed("endAddr", address("end_address", "start_address")),
        validate=_check_read_choice,
    )


MIN_READ_PARAMETER = _read_param("min_read_parameter", "readMinParam", fill_missing_address=True)
# growattServer's SPH reader does not copy a missing address from the other one.
SPH_READ_PARAMETER = _read_param("sph_read_parameter", "readMixParam", fill_missing_address=False)


# --- tlxSet / mixSet: one builder for every write -------------------------------------------


def parameter_slots(values: object, count: int) -> dict[int, str]:
    """Place caller values into ``param1..count``: a scalar is param1, a list fills in
    order, a dict maps positions; every other slot is ``""``."""
    slots = dict.fromkeys(range(1, count + 1), "")
    if values is None:
        return slots
    if isinstance(values, Mapping):
        items: list[tuple[int, object]] = [(int(key), value) for key, value in values.items()]
    elif isinstance(values, list | tuple):
        items = list(enumerate(values, start=1))
    else:
        items = [(1, values)]
    for position, value in items:
        if 1 <= position <= count:
            slots[position] = str(value)
    return slots


@dataclass(frozen=True)
class DeviceSetWrite:
    """``tlxSet`` and ``mixSet``: serial, ``type``, then ``param1..N`` in a form body.

    ``count`` is how many params go out. The arguments are ``device_sn``,
    ``parameter_id`` and ``slots`` (position → text, see :func:`parameter_slots`).
    """

    name: str
    path: str
    sn_field: str
    count: int
    operation: str = "writing parameter {parameter_id}"

    def request(self, args: Args) -> Request:
        """Build the write with every param present."""
        slots: Mapping[int, str] = args["slots"]
        form = [(self.sn_field, str(args["device_sn"])), ("type", str(args["parameter_id"]))]
        form += [(f"param{i}", slots.get(i, "")) for i in range(1, self.count + 1)]
        return Request("POST", self.path, (), tuple(form), None, True, True, "v1", self.name)

    def read(self, raw: RawResponse, args: Args) -> Any:
        """Same envelope as every v1 read."""
        body = require_mapping(decode_json(raw, self.name), self.name)
        error = v1_error(body, self.operation.format(**args))
        if error is not None:
            raise error
        return body.get("data")


MIN_WRITE = DeviceSetWrite("min_write_parameter", "tlxSet", "tlx_sn", MIN_PARAM_COUNT)
MIN_WRITE_TIME_SEGMENT = DeviceSetWrite(
    "min_write_time_segment",
    "tlxSet",
    "tlx_sn",
    MIN_PARAM_COUNT,
    operation="writing time segment {segment_id}",
)
SPH_WRITE = DeviceSetWrite("sph_write_parameter", "mixSet", "mix_sn", SPH_PARAM_COUNT)
SPH_WRITE_AC_CHARGE = DeviceSetWrite(
    "sph_write_ac_charge_times",
    "mixSet",
    "mix_sn",
    SPH_PARAM_COUNT,
    operation="writing AC charge time periods",
)
# growattServer sends only param1..param17 for the discharge windows.
SPH_WRITE_AC_DISCHARGE = DeviceSetWrite(
    "sph_write_ac_discharge_times",
    "mixSet",
    "mix_sn",
    SPH_PARAM_COUNT - 1,
    operation="writing AC discharge time periods",
)


def _window(start: dt.time, end: dt.time, enabled: object) -> list[str]:
    return [
        str(start.hour),
        str(start.minute),
        str(end.hour),
        str(end.minute),
        "1" if enabled else "0",
    ]


def time_segment_slots(
    segment_id: int, batt_mode: int, start: dt.time, end: dt.time, enabled: bool
) -> dict[int, str]:
    """Slots for ``time_segment<N>`` (mode, start h/m, end h/m, enable)."""
    if not 1 <= segment_id <= MAX_SEGMENTS:
        msg = f"segment_id must be between 1 and {MAX_SEGMENTS}"
        raise GrowattParameterError(msg)
    if not 0 <= batt_mode <= MAX_BATT_MODE:
        msg = f"batt_mode must be between 0 and {MAX_BATT_MODE}"
        raise GrowattParameterError(msg)
    return parameter_slots([str(batt_mode), *_window(start, end, enabled)], MIN_PARAM_COUNT)


def _percent(name: str, value: int) -> None:
    if not 0 <= value <= 100:
        msg = f"{name} must be between 0 and 100"
        raise GrowattParameterError(msg)


def ac_window_slots(
    head: Sequence[str], periods: Sequence[Mapping[str, Any]], count: int
) -> dict[int, str]:
    """Head values (power, SOC[, mains]) followed by 3 windows of 5 values each."""
    if len(periods) != SPH_PERIODS:
        msg = "periods must contain exactly 3 period definitions"
        raise GrowattParameterError(msg)
    values = list(head)
    for period in periods:
        values += _window(period["start_time"], period["end_time"], period["enabled"])
    return parameter_slots(values, count)


def ac_charge_slots(
    charge_power: int,
    charge_stop_soc: int,
    mains_enabled: bool,
    periods: Sequence[Mapping[str, Any]],
) -> dict[int, str]:
    """``mix_ac_charge_time_period``: power, stop SOC, mains flag, 3 windows."""
    _percent("charge_power", charge_power)
    _percent("charge_stop_soc", charge_stop_soc)
    head = [str(charge_power), str(charge_stop_soc), "1" if mains_enabled else "0"]
    return ac_window_slots(head, periods, SPH_PARAM_COUNT)


def ac_discharge_slots(
    discharge_power: int, discharge_stop_soc: int, periods: Sequence[Mapping[str, Any]]
) -> dict[int, str]:
    """``mix_ac_discharge_time_period``: power, stop SOC, 3 windows."""
    _percent("discharge_power", discharge_power)
    _percent("discharge_stop_soc", discharge_stop_soc)
    head = [str(discharge_power), str(discharge_stop_soc)]
    return ac_window_slots(head, periods, SPH_PARAM_COUNT - 1)


# --- reading settings back (no request) -----------------------------------------------------

MODE_NAMES = {0: "Load First", 1: "Battery First", 2: "Grid First"}


def _settings_dict(settings: Mapping[str, Any]) -> Mapping[str, Any]:
    """Accept the ``data`` dict or a whole ``{"data": {...}}`` answer."""
    inner = settings.get("data")
    if isinstance(inner, Mapping) and not any(k.startswith("forced") for k in settings):
        return inner
    return settings


def _blank(value: object) -> bool:
    return value is None or value in ("", "null")


def _clock_text(value: object) -> str:
    """``"6:5"`` → ``"06:05"``; blanks and garbage read as ``"00:00"``."""
    if _blank(value):
        return "00:00"
    try:
        hour, minute = str(value).split(":")[:2]
        return f"{int(hour):02d}:{int(minute):02d}"
    except ValueError:
        return "00:00"


def _int_or(value: object, default: int | None) -> int | None:
    if _blank(value):
        return default
    try:
        return int(str(value))
    except ValueError:
        return default


def _flag(value: object) -> bool:
    return _int_or(value, 0) == 1


def read_time_segments(settings: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The 9 TOU segments of a MIN, from ``min_settings()`` data."""
    data = _settings_dict(settings)
    segments = []
    for i in range(1, MAX_SEGMENTS + 1):
        mode = _int_or(data.get(f"time{i}Mode"), None)
        segments.append(
            {
                "segment_id": i,
                "batt_mode": mode,
                "mode_name": MODE_NAMES.get(mode, "Unknown") if mode is not None else "Unknown",
                "start_time": _clock_text(data.get(f"forcedTimeStart{i}")),
                "end_time": _clock_text(data.get(f"forcedTimeStop{i}")),
                "enabled": _flag(data.get(f"forcedStopSwitch{i}")),
            }
        )
    return segments


def _periods(data: Mapping[str, Any], kind: str) -> list[dict[str, Any]]:
    return [
        {
            "period_id": i,
            "start_time": _clock_text(data.get(f"forced{kind}TimeStart{i}")),
            "end_time": _clock_text(data.get(f"forced{kind}TimeStop{i}")),
            "enabled": _flag(data.get(f"forced{kind}StopSwitch{i}")),
        }
        for i in range(1, SPH_PERIODS + 1)
    ]


def read_ac_charge_times(settings: Mapping[str, Any]) -> dict[str, Any]:
    """Charge power, stop SOC, mains flag and 3 windows from ``sph_detail()`` data."""
    data = _settings_dict(settings)
    return {
        "charge_power": _int_or(data.get("chargePowerCommand"), 0),
        "charge_stop_soc": _int_or(data.get("wchargeSOCLowLimit"), 100),
        "mains_enabled": _flag(data.get("acChargeEnable")),
        "periods": _periods(data, "Charge"),
    }


def read_ac_discharge_times(settings: Mapping[str, Any]) -> dict[str, Any]:
    """Discharge power, stop SOC and 3 windows from ``sph_detail()`` data."""
    data = _settings_dict(settings)
    return {
        "discharge_power": _int_or(data.get("disChargePowerCommand"), 0),
        "discharge_stop_soc": _int_or(data.get("wdisChargeSOCLowLimit"), 10),
        "periods": _periods(data, "Discharge"),
    }
