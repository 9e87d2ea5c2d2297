"""The typed, checked, serialised write API: :class:`DeviceSettings` and :class:`SettingsClient`.

Every write goes: validate (no I/O; a bad value raises and nothing is sent) → under
the device's lock, read the current settings when a rule or the form needs them →
send once → read back and report APPLIED / NOT_APPLIED / UNKNOWN. A dry run stops
before sending and returns the exact request. Writes are never retried: a lost answer
is settled by the read-back, not by sending again.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import weakref
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, NamedTuple

from growattServer.errors import AuthError, GrowattError, GrowattParameterError

from .catalog import all_schemas, find_schema
from .params import SettingValueError
from .readback import Outcome, SupportsFetch, WriteResult, judge
from .schema import DeviceView, Schema, Setting
from .write import ValidatedWrite, answer_error

__all__ = [
    "DEFAULT_SETTLE_S",
    "DeviceSettings",
    "SettingsClient",
    "TimeWindow",
    "api_name",
    "schema_for",
]

#: Seconds between a write and its read-back: the datalogger applies a write
#: asynchronously; a third-party workflow waits ~3 s (shinephone-api.md §5.8).
DEFAULT_SETTLE_S = 3.0

# One lock per (API object, device): every DeviceSettings on the same client shares it,
# however many are made; the datalogger takes one command at a time.
_LOCKS: weakref.WeakKeyDictionary[object, dict[str, asyncio.Lock]] = weakref.WeakKeyDictionary()


def api_name(api: object) -> str:
    """``"v1"`` for a token client, ``"classic"`` for a ShinePhone one (or the name given)."""
    if isinstance(api, str):
        if api in ("classic", "v1"):
            return api
        msg = f"unknown API {api!r}: 'classic' or 'v1'"
        raise GrowattParameterError(msg)
    # The v1 clients subclass the classic ones, so ask about v1 first.
    from growattServer.aio import AsyncOpenApiV1  # noqa: PLC0415  (aio imports are heavy)

    return "v1" if isinstance(api, AsyncOpenApiV1) else "classic"


def schema_for(api: object, family: str) -> Schema:
    """The writable settings of ``family`` (classic ``"tlx"``, ``"mix"``, ``"spa"``,
    ``"inverter"``, ``"noah"``, ``"plant"``; v1 ``"min"``, ``"sph"``) on this API."""
    return find_schema(api_name(api), str(family))


class TimeWindow(NamedTuple):
    """One charge or discharge window."""

    start: dt.time | str
    end: dt.time | str
    enabled: bool = True


_UNUSED_WINDOW = TimeWindow(dt.time(0, 0), dt.time(0, 0), enabled=False)


def _window_values(windows: Sequence[TimeWindow | Sequence[Any]], count: int) -> dict[str, Any]:
    if len(windows) > count:
        raise SettingValueError("windows", len(windows), f"at most {count} windows")
    values: dict[str, Any] = {}
    padded = [TimeWindow(*window) for window in windows]
    padded += [_UNUSED_WINDOW] * (count - len(padded))
    for index, window in enumerate(padded, start=1):
        values[f"window{index}_start"] = window.start
        values[f"window{index}_end"] = window.end
        values[f"window{index}_enabled"] = window.enabled
    return values


def _checked(
    setting: Setting, values: Mapping[str, object], keep_current: bool
) -> dict[str, Any] | None:
    """The check before any I/O: complete normalised values, or (``keep_current`` with
    parameters missing) ``None`` once the given ones passed."""
    given = {name: value for name, value in values.items() if value is not None}
    complete = all(p.name in given or p.default is not None for p in setting.params)
    if keep_current and not complete:
        setting.check_given(given)
        return None
    return setting.validate(values)


class DeviceSettings:
    """Checked writes to one device (or plant) through an async client.

    ``api`` is an :class:`~growattServer.aio.AsyncGrowattApi` or
    :class:`~growattServer.aio.AsyncOpenApiV1` (anything with ``fetch``); ``serial`` the
    device serial (a plant id for ``"plant"``); ``family`` its settings family.
    ``settle_s`` is the pause before the read-back; ``read_back=False`` skips it (the
    outcome is then UNKNOWN).
    """

    def __init__(
        self,
        api: SupportsFetch,
        serial: str,
        family: str,
        *,
        settle_s: float = DEFAULT_SETTLE_S,
        read_back: bool = True,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        """Nothing is sent until a method is awaited."""
        self._api = api
        self.serial = str(serial)
        self.schema = schema_for(api, family)
        self.settle_s = settle_s
        self.read_back = read_back
        self._sleep = sleep

    def __repr__(self) -> str:
        """Serial and family; never the client's secrets."""
        return f"DeviceSettings({self.schema.api}/{self.schema.family} {self.serial})"

    @property
    def lock(self) -> asyncio.Lock:
        """The lock every write to this device holds (shared per API object)."""
        return _LOCKS.setdefault(self._api, {}).setdefault(self.serial, asyncio.Lock())

    # --- introspection -------------------------------------------------------------------

    def describe(self) -> dict[str, Any]:
        """The schema as plain data (see :meth:`Schema.describe`)."""
        return self.schema.describe()

    def validate(self, setting: str, /, **values: object) -> dict[str, Any]:
        """Normalised values, or :class:`~growattServer.errors.GrowattParameterError`.
        No I/O: the rules that need the device's values run in :meth:`prepare`."""
        return self.schema.setting(setting).validate(values)

    async def read(self) -> dict[str, dict[str, Any]]:
        """What the device shows now, per setting (readable parameters only)."""
        reader = self.schema.reader
        if reader is None:
            return {}
        flat = await reader.read(self._api, self.serial)
        view = DeviceView(self.schema, flat)
        return {name: shown for name in self.schema.names if (shown := view.values(name))}

    # --- writing ------------------------------------------------------------------------

    async def prepare(
        self, setting: str, /, *, keep_current: bool = False, **values: object
    ) -> ValidatedWrite:
        """Validate and build the exact request without sending it (a dry run). Reads
        the device first when a rule or the request needs its current values.

        ``keep_current=True`` takes the parameters left out (or ``None``) from what the
        device shows now: read before write, to change one part of a setting."""
        chosen = self.schema.setting(setting)
        checked = _checked(chosen, values, keep_current)
        async with self.lock:
            return await self._prepare(chosen, values, checked)

    async def write(
        self,
        setting: str,
        /,
        *,
        dry_run: bool = False,
        keep_current: bool = False,
        **values: object,
    ) -> WriteResult:
        """Validate, send once, read back. ``dry_run=True`` sends nothing and returns
        the prepared write with outcome DRY_RUN; ``keep_current`` as in :meth:`prepare`."""
        chosen = self.schema.setting(setting)
        checked = _checked(chosen, values, keep_current)
        async with self.lock:
            prepared = await self._prepare(chosen, values, checked)
            if dry_run:
                return WriteResult(prepared, Outcome.DRY_RUN, sent=False, note="nothing sent")
            return await self._send(prepared)

    async def _current(self, needed: bool) -> Mapping[str, Any] | None:
        reader = self.schema.reader
        if not needed or reader is None:
            return None
        return await reader.read(self._api, self.serial)

    async def _prepare(
        self, setting: Setting, given: Mapping[str, object], checked: dict[str, Any] | None
    ) -> ValidatedWrite:
        """``checked`` is the complete normalised values, or ``None`` when the missing
        ones come from the device."""
        channel = self.schema.channel
        needs_read = channel.needs_current or bool(setting.context) or checked is None
        current = await self._current(needs_read)
        values = checked
        if values is None:
            shown = setting.read_values(current) if current is not None else {}
            present = {name: value for name, value in given.items() if value is not None}
            values = setting.validate({**shown, **present})
        if current is not None:
            setting.check_context(values, DeviceView(self.schema, current))
        endpoint, args = channel.build(self.serial, setting, values, current)
        return ValidatedWrite(self.schema, setting, self.serial, values, endpoint, args)

    async def _send(self, prepared: ValidatedWrite) -> WriteResult:
        answer: Any = None
        try:
            answer = await self._api.fetch(prepared.endpoint, **prepared.args)
            error = answer_error(answer)
        except (AuthError, GrowattParameterError):
            raise
        except GrowattError as err:  # an error answer, or a lost one: the read decides
            error = str(err)
        reader = self.schema.reader
        if reader is None or not self.read_back:
            why = "no settings read exists for this family" if reader is None else "read-back off"
            note = f"{why}; the server answered {error or 'success'}"
            return WriteResult(prepared, Outcome.UNKNOWN, True, answer, error, note)
        if self.settle_s > 0:
            await self._sleep(self.settle_s)
        try:
            flat = await reader.read(self._api, self.serial)
        except GrowattError as err:
            note = f"the read-back failed ({err}); the server answered {error or 'success'}"
            return WriteResult(prepared, Outcome.UNKNOWN, True, answer, error, note)
        verdict = judge(prepared.setting, prepared.values, flat)
        note = _explain(verdict.outcome, error, verdict.differing, verdict.unreadable)
        return WriteResult(prepared, verdict.outcome, True, answer, error, note, verdict.shown)

    # --- typed writes --------------------------------------------------------------------

    async def _role(self, role: str, dry_run: bool, **values: object) -> WriteResult:
        """Write the role's setting; a parameter passed as ``None`` keeps its current value."""
        setting = self.schema.for_role(role)
        keep = any(value is None for value in values.values())
        return await self.write(setting.name, dry_run=dry_run, keep_current=keep, **values)

    async def set_charge_power(self, percent: int, *, dry_run: bool = False) -> WriteResult:
        """Battery charge power, 0–100 % (TLX/MIN)."""
        return await self._role("charge_power", dry_run, value=percent)

    async def set_discharge_power(self, percent: int, *, dry_run: bool = False) -> WriteResult:
        """Battery discharge power, 0–100 % (TLX/MIN)."""
        return await self._role("discharge_power", dry_run, value=percent)

    async def set_charge_stop_soc(self, percent: int, *, dry_run: bool = False) -> WriteResult:
        """Stop charging at this SOC; must stay at or above the discharge stops (TLX/MIN)."""
        return await self._role("charge_stop_soc", dry_run, value=percent)

    async def set_discharge_stop_soc(self, percent: int, *, dry_run: bool = False) -> WriteResult:
        """On-grid discharge stop SOC; at or below the charge stop (TLX/MIN)."""
        return await self._role("discharge_stop_soc", dry_run, value=percent)

    async def set_ac_charge(self, enabled: bool, *, dry_run: bool = False) -> WriteResult:
        """Allow charging the battery from the grid (TLX/MIN)."""
        return await self._role("ac_charge", dry_run, value=enabled)

    async def set_on_off(self, on: bool, *, dry_run: bool = False) -> WriteResult:
        """Switch the inverter on or off."""
        return await self._role("on_off", dry_run, value=on)

    async def set_active_power_rate(self, percent: int, *, dry_run: bool = False) -> WriteResult:
        """Limit the output to this percentage of rated power."""
        return await self._role("active_power_rate", dry_run, value=percent)

    async def set_clock(self, when: dt.datetime, *, dry_run: bool = False) -> WriteResult:
        """Set the device clock (its local wall-clock time; SPH takes only HH:MM)."""
        return await self._role("clock", dry_run, value=when)

    async def set_export_limit(
        self,
        enabled: bool,
        power_rate: int | None = None,
        *,
        ct: bool = False,
        dry_run: bool = False,
    ) -> WriteResult:
        """Export limit on/off and the export allowed in % (``None`` keeps the device's).
        The v1 MIN takes no percentage but how it measures: meter (default) or ``ct``."""
        setting = self.schema.for_role("export_limit")
        if "value" in setting.param_names:  # v1 MIN: 0 off / 1 meter / 2 CT
            if power_rate is not None:
                raise SettingValueError("power_rate", power_rate, "nothing on this family")
            mode = ("ct" if ct else "meter") if enabled else "off"
            return await self.write(setting.name, dry_run=dry_run, value=mode)
        return await self._role("export_limit", dry_run, enabled=enabled, power_rate=power_rate)

    async def set_time_segment(
        self,
        segment: int,
        mode: int | str,
        start: dt.time | str,
        end: dt.time | str,
        enabled: bool = True,
        *,
        power: int | None = None,
        dry_run: bool = False,
    ) -> WriteResult:
        """Time-of-use segment ``segment``: mode (``"load_first"``, ``"battery_first"``,
        ``"grid_first"`` or 0/1/2) between start and end. Noah also takes ``power`` (W)."""
        pattern = self.schema.roles.get("time_segment")
        if pattern is None:
            self.schema.for_role("time_segment")  # raises UnsupportedDeviceError
        name = str(pattern).format(segment)
        if isinstance(segment, bool) or name not in self.schema.names:
            count = sum(1 for n in self.schema.names if n.startswith("time_segment"))
            raise SettingValueError("segment", segment, f"1..{count}")
        values: dict[str, Any] = {"mode": mode, "start": start, "end": end, "enabled": enabled}
        if "power" in self.schema.setting(name).param_names:
            values["power"] = power
            if power is None and str(mode) in ("1", "battery_first"):
                values["power"] = 0  # a battery-first Noah segment sends 0 W
        elif power is not None:
            raise SettingValueError("power", power, "nothing on this family")
        keep = any(value is None for value in values.values())
        return await self.write(name, dry_run=dry_run, keep_current=keep, **values)

    async def set_ac_charge_windows(
        self,
        charge_power: int,
        stop_soc: int,
        windows: Sequence[TimeWindow | Sequence[Any]],
        *,
        ac_charge: bool = True,
        dry_run: bool = False,
    ) -> WriteResult:
        """Battery-first windows (SPH/MIX/SPA): up to 3, the rest sent as unused.
        ``ac_charge`` (grid charging) exists on SPH/MIX only."""
        setting = self.schema.for_role("ac_charge_windows")
        values: dict[str, Any] = {
            "charge_power": charge_power,
            "charge_stop_soc": stop_soc,
            **_window_values(windows, 3),
        }
        if "ac_charge" in setting.param_names:
            values["ac_charge"] = ac_charge
        return await self.write(setting.name, dry_run=dry_run, **values)

    async def set_ac_discharge_windows(
        self,
        discharge_power: int,
        stop_soc: int,
        windows: Sequence[TimeWindow | Sequence[Any]],
        *,
        dry_run: bool = False,
    ) -> WriteResult:
        """Grid-first windows (SPH/MIX/SPA): up to 3, the rest sent as unused."""
        return await self._role(
            "ac_discharge_windows",
            dry_run,
            discharge_power=discharge_power,
            discharge_stop_soc=stop_soc,
            **_window_values(windows, 3),
        )

    async def set_default_power(self, watts: int, *, dry_run: bool = False) -> WriteResult:
        """Noah output power outside the time segments."""
        return await self._role("default_power", dry_run, value=watts)

    async def set_charging_soc(
        self, upper: int, lower: int, *, dry_run: bool = False
    ) -> WriteResult:
        """Noah charge limits: up to ``upper`` %, down to ``lower`` %."""
        return await self._role("charging_soc", dry_run, upper=upper, lower=lower)


def _explain(
    outcome: Outcome, error: str | None, differing: Sequence[str], unreadable: Sequence[str]
) -> str:
    """One sentence on why the outcome is what it is."""
    if outcome is Outcome.APPLIED:
        text = "the device shows the new values"
        if error:
            text += (
                f", although the server answered an error ({error}): Growatt's 'error but applied'"
            )
        if unreadable:
            text += f"; not readable: {', '.join(unreadable)}"
        return text
    if outcome is Outcome.NOT_APPLIED:
        shown = ", ".join(differing)
        if error:
            return f"the server answered an error ({error}) and the device shows other {shown}"
        return f"the server answered success but the device shows other {shown} (ignored)"
    return f"nothing of this setting can be read back; the server answered {error or 'success'}"


class SettingsClient:
    """Settings of every device behind one async client; the per-device locks are
    shared with every :class:`DeviceSettings` made on the same client."""

    def __init__(self, api: SupportsFetch, **options: Any) -> None:
        """``options`` (``settle_s``, ``read_back``) go to each :class:`DeviceSettings`."""
        self._api = api
        self._options = options

    @property
    def api(self) -> str:
        """``"classic"`` or ``"v1"``."""
        return api_name(self._api)

    def device(self, serial: str, family: str) -> DeviceSettings:
        """The settings of one device (or plant, family ``"plant"``)."""
        return DeviceSettings(self._api, serial, family, **self._options)

    def schema(self, family: str) -> Schema:
        """The schema of a family on this client's API."""
        return schema_for(self._api, family)

    def schemas(self) -> tuple[Schema, ...]:
        """Every schema this client's API has."""
        return tuple(schema for schema in all_schemas() if schema.api == self.api)
