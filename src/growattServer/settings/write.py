"""From validated values to the exact wire request, through the existing endpoint objects.

A :class:`Channel` is how one API sends the settings of one family: which endpoint
object of :mod:`growattServer.protocol` and which arguments (the same objects the
compatibility methods use, so each endpoint is defined once). A
:class:`ValidatedWrite` is a write that passed every check: the setting, the
normalised values and the request, printable for a dry run.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlencode

from growattServer.errors import GrowattParameterError
from growattServer.protocol import classic as ep
from growattServer.protocol import openapi_v1 as v1
from growattServer.protocol.request import Endpoint, Request

if TYPE_CHECKING:
    from .schema import Schema, Setting, Values

__all__ = [
    "Channel",
    "InverterSetChannel",
    "PlantChannel",
    "TypeParamsChannel",
    "V1SetChannel",
    "ValidatedWrite",
    "answer_error",
]

Built = tuple[Endpoint[Any], dict[str, Any]]


class Channel(Protocol):
    """How one API sends one family's settings."""

    @property
    def name(self) -> str:
        """The endpoint's name, for introspection."""
        ...

    @property
    def needs_current(self) -> bool:
        """True when the request is built from the current settings (``updatePlant``)."""
        ...

    def build(
        self, serial: str, setting: Setting, values: Values, current: Mapping[str, Any] | None
    ) -> Built:
        """The endpoint object and its arguments."""
        ...


class _EndpointChannel:
    """A channel named after its endpoint; most build their request from the values alone."""

    endpoint: Endpoint[Any]
    needs_current: bool = False

    @property
    def name(self) -> str:
        """The endpoint's name."""
        return self.endpoint.name


@dataclass(frozen=True)
class TypeParamsChannel(_EndpointChannel):
    """``serialNum`` + ``type`` + ``param1..N``: newTcpsetAPI.do (tlxSet, mixSetApiNew,
    spaSetApi) and noahDeviceApi/noah/set."""

    endpoint: ep.SettingWrite

    def build(
        self, serial: str, setting: Setting, values: Values, current: Mapping[str, Any] | None
    ) -> Built:
        """The values as a ``param1..N`` list."""
        args = {
            "serial_number": serial,
            "setting_type": setting.name,
            "parameters": list(setting.wire(values)),
        }
        return self.endpoint, args


@dataclass(frozen=True)
class InverterSetChannel(_EndpointChannel):
    """``tcpSet.do?action=inverterSet``: ``paramId`` + ``command_1`` + ``command_2``."""

    endpoint: ep.SettingWrite = ep.UPDATE_CLASSIC_INVERTER_SETTING

    def build(
        self, serial: str, setting: Setting, values: Values, current: Mapping[str, Any] | None
    ) -> Built:
        """``command_2`` is empty unless the setting has a second value."""
        texts = [*setting.wire(values), "", ""]
        fields = {
            "action": "inverterSet",
            "serialNum": serial,
            "paramId": setting.name,
            "command_1": texts[0],
            "command_2": texts[1],
        }
        return self.endpoint, {"default_parameters": fields, "parameters": {}}


@dataclass(frozen=True)
class V1SetChannel(_EndpointChannel):
    """OpenAPI v1 ``tlxSet`` / ``mixSet``: ``type`` and every ``param1..N`` present."""

    endpoint: v1.DeviceSetWrite

    def build(
        self, serial: str, setting: Setting, values: Values, current: Mapping[str, Any] | None
    ) -> Built:
        """Unused slots are ``""``."""
        slots = v1.parameter_slots(list(setting.wire(values)), self.endpoint.count)
        return self.endpoint, {"device_sn": serial, "parameter_id": setting.name, "slots": slots}


@dataclass(frozen=True)
class PlantChannel(_EndpointChannel):
    """``updatePlant``: all 18 form fields, pre-filled from ``getPlant``, with the
    setting's fields (``fields`` maps a parameter to its form field) on top."""

    endpoint: ep.PlantSettingsWrite = ep.UPDATE_PLANT_SETTINGS
    needs_current: bool = True
    fields: Mapping[str, str] = field(default_factory=dict)

    def build(
        self, serial: str, setting: Setting, values: Values, current: Mapping[str, Any] | None
    ) -> Built:
        """Needs the current plant bean: the server errors when a field is missing."""
        if current is None:
            msg = "updatePlant needs the current plant settings (getPlant) to fill the form"
            raise GrowattParameterError(msg)
        changed = {
            self.fields[param.name]: param.wire(values[param.name])[0] for param in setting.params
        }
        return self.endpoint, {"current": current, "changed": changed}


def _text(pairs: tuple[tuple[str, str], ...] | None) -> str:
    return urlencode(list(pairs or ()))


@dataclass(frozen=True)
class ValidatedWrite:
    """A write that passed every check: what will be (or was) sent, exactly once."""

    schema: Schema
    setting: Setting
    serial: str
    values: dict[str, Any]
    endpoint: Endpoint[Any] = field(repr=False)
    args: Mapping[str, Any] = field(repr=False)

    @property
    def request(self) -> Request:
        """The exact HTTP request."""
        return self.endpoint.request(self.args)

    def describe(self) -> dict[str, Any]:
        """Plain data: the setting, the values and the request's method, path and fields."""
        request = self.request
        return {
            "api": self.schema.api,
            "family": self.schema.family,
            "serial": self.serial,
            "setting": self.setting.name,
            "values": {
                param.name: param.display(self.values[param.name]) for param in self.setting.params
            },
            "method": request.method,
            "path": request.path,
            "query": dict(request.query),
            "form": dict(request.form) if request.form is not None else None,
            "multipart": dict(request.multipart) if request.multipart is not None else None,
        }

    def __str__(self) -> str:
        """``POST newTcpsetAPI.do?op=tlxSet&...`` plus the body, as it would go out."""
        request = self.request
        line = f"{request.method} {request.path}"
        if request.query:
            line += "?" + _text(request.query)
        if request.form is not None:
            line += "\nform: " + _text(request.form)
        if request.multipart is not None:
            line += "\nmultipart: " + _text(request.multipart)
        return line


def answer_error(answer: object) -> str | None:
    """The failure a classic write answer reports, ``None`` when it reports success.

    newTcpsetAPI.do / tcpSet.do / updatePlant answer ``{"success": bool, "msg"}``,
    Noah ``{"result": 1, "msg", "obj"}`` (shinephone-api.md §4.14); a v1 write returns
    ``""`` on success and raises otherwise.
    """
    if not isinstance(answer, Mapping):
        return None
    if "success" in answer and not answer.get("success"):
        return str(answer.get("msg") or "success false")
    if "result" in answer and str(answer.get("result")) != "1":
        return str(answer.get("msg") or f"result {answer.get('result')}")
    return None
