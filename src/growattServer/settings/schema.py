"""Settings and schemas: what may be written to one device family through one API.

A :class:`Setting` is one wire ``type`` (``charge_stop_soc``, ``time_segment3``,
``pv_on_off`` ...): its parameters in wire order, the rules that tie them together, the
rules that need the device's current values, and where a settings read shows each
parameter. A :class:`Schema` is every setting of one family on one API, with the
channel that sends them and the read that shows them. Both describe themselves as
plain data (:meth:`Schema.describe`) for a CLI table, a UI form or JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from growattServer.errors import GrowattParameterError, UnsupportedDeviceError

from .params import Param, SettingValueError

if TYPE_CHECKING:
    from .readback import ReadSource
    from .write import Channel

__all__ = ["ContextRule", "DeviceView", "Rule", "Schema", "Setting", "Values"]

#: Normalised values of one setting, by parameter name.
Values = Mapping[str, Any]


class _Named(Protocol):
    @property
    def name(self) -> str: ...


N = TypeVar("N", bound=_Named)


def _named(items: Iterable[N], name: str) -> N | None:
    return next((item for item in items if item.name == name), None)


@dataclass(frozen=True)
class Rule:
    """A check across the parameters of one write (raises :class:`SettingValueError`)."""

    description: str
    check: Callable[[Values], None]


@dataclass(frozen=True)
class DeviceView:
    """The device's current settings, as one flat read answer, read through a schema."""

    schema: Schema
    flat: Mapping[str, Any]

    def values(self, setting: str) -> dict[str, Any]:
        """What the device shows for each readable parameter of ``setting``."""
        return self.schema.setting(setting).read_values(self.flat)

    def value(self, setting: str, param: str) -> Any:
        """One parameter's current value, ``None`` when not shown."""
        return self.values(setting).get(param)


@dataclass(frozen=True)
class ContextRule:
    """A check against the device's current settings (read before the write)."""

    description: str
    check: Callable[[Values, DeviceView], None]


@dataclass(frozen=True)
class Setting:
    """One writable setting: a wire ``type`` and its parameters, in wire order.

    ``reads`` maps a parameter to the keys (first found wins) under which a settings
    read shows it; a parameter without keys cannot be read back. ``notes`` says what
    is inferred rather than documented.
    """

    name: str
    description: str
    params: tuple[Param, ...]
    rules: tuple[Rule, ...] = ()
    context: tuple[ContextRule, ...] = ()
    reads: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    notes: str = ""

    def param(self, name: str) -> Param:
        """A parameter by name."""
        found = _named(self.params, name)
        if found is None:
            msg = f"{self.name} has no parameter {name!r}"
            raise GrowattParameterError(msg)
        return found

    @property
    def param_names(self) -> tuple[str, ...]:
        """The parameter names, in wire order."""
        return tuple(param.name for param in self.params)

    def validate(self, values: Mapping[str, object]) -> dict[str, Any]:
        """Normalise every parameter and run the rules; refuse unknown or missing ones."""
        try:
            return self._validate(values)
        except SettingValueError as err:
            raise err.within(self.name) from None

    def check_given(self, values: Mapping[str, object]) -> dict[str, Any]:
        """Normalise the parameters given (no rules): the check before the others are
        filled in from the device."""
        try:
            self._refuse_unknown(values)
            return {name: self.param(name).normalise(value) for name, value in values.items()}
        except SettingValueError as err:
            raise err.within(self.name) from None

    def _refuse_unknown(self, values: Mapping[str, object]) -> None:
        unknown = sorted(set(values) - set(self.param_names))
        if unknown:
            names = ", ".join(self.param_names)
            raise SettingValueError(
                unknown[0], values[unknown[0]], names, f"{self.name} takes only: {names}"
            )

    def _validate(self, values: Mapping[str, object]) -> dict[str, Any]:
        self._refuse_unknown(values)
        result: dict[str, Any] = {}
        for param in self.params:
            given = values.get(param.name, param.default)
            if given is None:
                raise SettingValueError(
                    param.name, None, param.allowed(), f"{self.name} needs a value"
                )
            result[param.name] = param.normalise(given)
        for rule in self.rules:
            rule.check(result)
        return result

    def wire(self, values: Values) -> tuple[str, ...]:
        """Every parameter's wire text, in order (``param1..N``)."""
        texts: list[str] = []
        for param in self.params:
            texts.extend(param.wire(values[param.name]))
        return tuple(texts)

    def from_wire(self, texts: Sequence[str]) -> dict[str, Any]:
        """Parse ``param1..N`` texts (as a compat method sends them) and run the rules.

        Trailing empty texts are fine (the v1 methods always send 18 or 19)."""
        try:
            return self._from_wire(texts)
        except SettingValueError as err:
            raise err.within(self.name) from None

    def check_context(self, values: Values, device: DeviceView) -> None:
        """Run the rules that need the device's current values."""
        try:
            for rule in self.context:
                rule.check(values, device)
        except SettingValueError as err:
            raise err.within(self.name) from None

    def _from_wire(self, texts: Sequence[str]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        position = 0
        for param in self.params:
            parts = list(texts[position : position + param.arity])
            position += param.arity
            if len(parts) < param.arity or any(part.strip() == "" for part in parts):
                raise SettingValueError(
                    param.name, "".join(parts), param.allowed(), f"{self.name} needs a value"
                )
            result[param.name] = param.from_wire(parts)
        extra = [text for text in texts[position:] if text.strip()]
        if extra:
            raise SettingValueError(
                f"param{position + 1}", extra[0], "nothing", f"{self.name} takes {position}"
            )
        for rule in self.rules:
            rule.check(result)
        return result

    def read_values(self, flat: Mapping[str, Any]) -> dict[str, Any]:
        """Each readable parameter's value as a settings read shows it."""
        shown: dict[str, Any] = {}
        for param in self.params:
            for key in self.reads.get(param.name, ()):
                if key in flat:
                    value = param.from_device(flat[key])
                    if value is not None:
                        shown[param.name] = value
                        break
        return shown

    def describe(self) -> dict[str, Any]:
        """Plain data: name, description, parameters, rules, read-back, notes."""
        return {
            "name": self.name,
            "description": self.description,
            "params": [
                {**param.describe(), "readable": bool(self.reads.get(param.name))}
                for param in self.params
            ],
            "rules": [rule.description for rule in self.rules],
            "device_rules": [rule.description for rule in self.context],
            "notes": self.notes,
        }


@dataclass(frozen=True)
class Schema:
    """Every writable setting of one device family on one API.

    ``roles`` names the setting behind each typed method of
    :class:`~growattServer.settings.client.DeviceSettings` (``"on_off"`` →
    ``"tlx_on_off"``). ``reader`` is ``None`` when the API has no settings read for the
    family: then nothing can be read back and context rules are skipped.
    """

    api: str
    family: str
    title: str
    channel: Channel
    settings: tuple[Setting, ...]
    reader: ReadSource | None = None
    roles: Mapping[str, str] = field(default_factory=dict)
    notes: str = ""

    def setting(self, name: str) -> Setting:
        """A setting by wire name; :class:`UnsupportedDeviceError` if the family has none."""
        found = _named(self.settings, name)
        if found is None:
            msg = f"{self.api} {self.family} has no writable setting {name!r}"
            raise UnsupportedDeviceError(msg)
        return found

    def for_role(self, role: str) -> Setting:
        """The setting behind a typed method."""
        name = self.roles.get(role)
        if name is None:
            msg = f"{self.api} {self.family} has no {role.replace('_', ' ')} setting"
            raise UnsupportedDeviceError(msg)
        return self.setting(name)

    @property
    def names(self) -> tuple[str, ...]:
        """The wire names of every setting."""
        return tuple(setting.name for setting in self.settings)

    def describe(self) -> dict[str, Any]:
        """Plain data for ``growatt settings show``: every setting with its parameters."""
        return {
            "api": self.api,
            "family": self.family,
            "title": self.title,
            "readable": self.reader is not None,
            "read_from": self.reader.name if self.reader is not None else None,
            "notes": self.notes,
            "settings": [setting.describe() for setting in self.settings],
        }
