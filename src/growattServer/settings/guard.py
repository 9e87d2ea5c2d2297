"""The opt-in check of the compatibility classes: ``GrowattApi(validate_settings=True)``.

It looks at the request a settings method is about to send (whatever method built it:
``update_tlx_inverter_setting``, ``min_write_parameter``, the generic
``update_inverter_setting`` ...) and parses its ``type`` and ``param1..N`` back through
the schema, so a value the schema refuses raises
:class:`~growattServer.errors.GrowattParameterError` and nothing is sent. A write the
schema does not know (a raw ``set_any_reg``, an undocumented type) is refused too: that
is what opting in means. Rules on the device's current values need a read and are not
run here; :class:`~growattServer.settings.DeviceSettings` runs them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from growattServer.errors import GrowattParameterError, UnsupportedDeviceError
from growattServer.protocol import classic as ep
from growattServer.protocol.request import Args, Endpoint, Request

from .catalog import find_schema, plant
from .params import SettingValueError

__all__ = ["check_write"]

_PARAM = re.compile(r"param(\d+)")
_TCPSET_OPS = {"tlxSet": "tlx", "mixSetApiNew": "mix", "spaSetApi": "spa"}
_V1_PATHS = {"tlxSet": "min", "mixSet": "sph"}
_PLANT_PARAMS = {field: name for name, (field, _keys) in plant.FIELDS.items()}


def _fields(request: Request) -> dict[str, str]:
    merged: dict[str, str] = {}
    for name, value in (*request.query, *(request.form or ()), *(request.multipart or ())):
        merged.setdefault(name, value)
    return merged


def _params(fields: Mapping[str, str]) -> list[str]:
    """``param1..N`` in order; a missing position is empty."""
    numbered = {int(m.group(1)): v for k, v in fields.items() if (m := _PARAM.fullmatch(k))}
    return [numbered.get(i, "") for i in range(1, max(numbered, default=0) + 1)]


def _where(request: Request, fields: Mapping[str, str]) -> tuple[str, str, str, list[str]]:
    """(api, family, setting, texts) of a settings write."""
    if request.api == "v1" and request.path in _V1_PATHS:
        return "v1", _V1_PATHS[request.path], fields.get("type", ""), _params(fields)
    if request.path == "newTcpsetAPI.do" and fields.get("op") in _TCPSET_OPS:
        family = _TCPSET_OPS[fields["op"]]
        return "classic", family, fields.get("type", ""), _params(fields)
    if request.path == "tcpSet.do" and fields.get("action") == "inverterSet":
        texts = [fields.get("command_1", ""), fields.get("command_2", "")]
        return "classic", "inverter", fields.get("paramId", ""), texts
    if request.path == ep.UPDATE_NOAH_SETTINGS.path:
        return "classic", "noah", fields.get("type", ""), _params(fields)
    msg = f"{request.name}: this write has no settings schema, so it is not sent"
    raise GrowattParameterError(msg)


def _check_plant(changed: Mapping[str, Any]) -> None:
    settings = find_schema("classic", "plant").settings
    params = {param.name: param for setting in settings for param in setting.params}
    for field, value in changed.items():
        name = _PLANT_PARAMS.get(str(field))
        if name is None:
            allowed = ", ".join(sorted(_PLANT_PARAMS))
            raise SettingValueError(str(field), value, allowed, "not a checked plant field")
        params[name].normalise(value)


def check_write(endpoint: Endpoint[Any], args: Args) -> None:
    """Refuse a settings write the schema refuses; let everything else through."""
    if isinstance(endpoint, ep.PlantSettingsWrite):
        _check_plant(args.get("changed") or {})
        return
    request = endpoint.request(args)
    if not request.is_write:
        return
    api, family, name, texts = _where(request, _fields(request))
    try:
        setting = find_schema(api, family).setting(name)
    except UnsupportedDeviceError as err:
        raise GrowattParameterError(f"{request.name}: {err}") from None
    setting.from_wire(texts)
