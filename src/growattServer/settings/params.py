"""Parameter kinds: what one value of a setting may be, and how it goes on the wire.

Each kind turns what a caller gives (an ``int``, a ``bool``, a ``datetime.time``, or the
text a command line passes) into one normalised Python value, or refuses it with a
:class:`SettingValueError` that names the field, the value and what is allowed. The
normalised value then becomes the exact wire text (zero-padded hours, ``"0001"`` for
on, seconds in date-times), and a value read back from the device is parsed leniently
for comparison. Nothing here does I/O.
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from growattServer.errors import GrowattParameterError

__all__ = [
    "Choice",
    "Clock",
    "DateTime",
    "Decimal",
    "Integer",
    "Param",
    "PowerFactor",
    "SettingValueError",
    "Switch",
    "Text",
    "TimeOfDay",
]

_INTEGER_TEXT = re.compile(r"[+-]?\d+")
_NUMBER_TEXT = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_CLOCK_TEXT = re.compile(r"(\d{1,2}):(\d{1,2})")
_SHOWN_VALUE_CHARS = 40
_BLANKS = (None, "", "null", "None")


class SettingValueError(GrowattParameterError):
    """A value a setting refuses; nothing was sent.

    ``field`` is the parameter (``"charge_stop_soc"``, ``"window2_end"``), ``value`` what
    was given and ``allowed`` the accepted range or values, all named in the message.
    """

    def __init__(self, field: str, value: object, allowed: str, reason: str = "") -> None:
        shown = repr(value)
        if len(shown) > _SHOWN_VALUE_CHARS:
            shown = shown[: _SHOWN_VALUE_CHARS - 3] + "..."
        text = f"{field}: {shown} is not allowed ({reason or 'allowed: ' + allowed})"
        super().__init__(text)
        self.field = field
        self.value = value
        self.allowed = allowed
        self.reason = reason

    def within(self, setting: str) -> SettingValueError:
        """The same error with the field named ``setting.field``."""
        if self.field.startswith(f"{setting}."):
            return self
        return SettingValueError(f"{setting}.{self.field}", self.value, self.allowed, self.reason)


def _is_blank(raw: object) -> bool:
    return raw in _BLANKS if isinstance(raw, str) or raw is None else False


@dataclass(frozen=True)
class Param:
    """One named value of a setting.

    ``source`` says where the range comes from (a spec section, or ``[inferred]`` with
    the reason when the spec gives none). ``default`` (when not ``None``) is used when
    the caller leaves the parameter out.
    """

    name: str
    description: str
    unit: str = ""
    source: str = ""
    default: Any = None

    kind: ClassVar[str] = "value"
    #: How many wire parameters one value takes (a time of day is "HH" and "MM").
    arity: ClassVar[int] = 1

    def normalise(self, value: object) -> Any:
        """The caller's value as this kind's Python value, or :class:`SettingValueError`."""
        raise NotImplementedError

    def wire(self, value: Any) -> tuple[str, ...]:
        """The normalised value as the exact wire text(s)."""
        return (str(value),)

    def from_wire(self, parts: Sequence[str]) -> Any:
        """Parse wire text(s) (as the compat methods send them) back into a value."""
        return self.normalise(parts[0])

    def from_device(self, raw: object) -> Any:
        """What a settings read shows, leniently parsed; ``None`` when unreadable."""
        if _is_blank(raw):
            return None
        try:
            return self.normalise(raw)
        except GrowattParameterError:
            return None

    def same(self, asked: Any, read: Any) -> bool:
        """Does the read-back value show what was asked?"""
        return bool(asked == read)

    def allowed(self) -> str:
        """The accepted values, in words."""
        raise NotImplementedError

    def refuse(self, value: object, reason: str = "") -> SettingValueError:
        """The error for a refused value."""
        return SettingValueError(self.name, value, self.allowed(), reason)

    def describe(self) -> dict[str, Any]:
        """Plain data for a CLI table, a UI form or JSON."""
        data: dict[str, Any] = {
            "name": self.name,
            "type": self.kind,
            "unit": self.unit,
            "allowed": self.allowed(),
            "description": self.description,
            "source": self.source,
        }
        if self.default is not None:
            data["default"] = self.display(self.default)
        data.update(self._limits())
        return data

    def display(self, value: Any) -> Any:
        """A normalised value as JSON-friendly data."""
        return value

    def _limits(self) -> dict[str, Any]:
        return {}


def _whole_number(value: object) -> int | None:
    """An int from an int, an integral float or integer text; else ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, decimal.Decimal) and value.is_finite() and value == value.to_integral():
        return int(value)
    if isinstance(value, str) and _INTEGER_TEXT.fullmatch(value.strip()):
        return int(value.strip())
    return None


@dataclass(frozen=True)
class Integer(Param):
    """A whole number in ``[low, high]``."""

    low: int = 0
    high: int = 100

    kind: ClassVar[str] = "integer"

    def normalise(self, value: object) -> int:
        """Accept ints, integral floats and integer text; refuse bools."""
        number = _whole_number(value)
        if number is None:
            raise self.refuse(value, f"not a whole number; allowed: {self.allowed()}")
        if not self.low <= number <= self.high:
            raise self.refuse(value)
        return number

    def from_device(self, raw: object) -> Any:
        """Beans show ``50``, ``"50"`` or ``"50.0"``."""
        if isinstance(raw, str) and _NUMBER_TEXT.fullmatch(raw.strip()):
            return _whole_number(decimal.Decimal(raw.strip()))
        return _whole_number(raw) if not _is_blank(raw) else None

    def allowed(self) -> str:
        """``0..100 %``."""
        return f"{self.low}..{self.high}" + (f" {self.unit}" if self.unit else "")

    def _limits(self) -> dict[str, Any]:
        return {"min": self.low, "max": self.high}


@dataclass(frozen=True)
class Choice(Param):
    """One of a few codes, each with a name: ``options`` maps wire code → name.

    The code (as int or text) and the name (any case, ``-`` or ``_``) are accepted.
    """

    options: Mapping[str, str] = field(default_factory=dict)

    kind: ClassVar[str] = "choice"

    def normalise(self, value: object) -> str:
        """The wire code."""
        if isinstance(value, bool):
            raise self.refuse(value)
        text = str(value).strip() if isinstance(value, str | int) else None
        if text is None:
            raise self.refuse(value)
        if text in self.options:
            return text
        wanted = text.lower().replace("-", "_").replace(" ", "_")
        for code, label in self.options.items():
            if label == wanted:
                return code
        raise self.refuse(value)

    def allowed(self) -> str:
        """``0 (load_first), 1 (battery_first)``."""
        return ", ".join(f"{code} ({label})" for code, label in self.options.items())

    def display(self, value: Any) -> Any:
        """The name of a code."""
        return self.options.get(str(value), value)

    def _limits(self) -> dict[str, Any]:
        return {"choices": dict(self.options)}


_TRUE_WORDS = {"1", "true", "on", "yes", "enable", "enabled"}
_FALSE_WORDS = {"0", "false", "off", "no", "disable", "disabled"}


@dataclass(frozen=True)
class Switch(Param):
    """On or off, sent as ``on``/``off`` words (``"1"``/``"0"`` or ``"0001"``/``"0000"``)."""

    on: str = "1"
    off: str = "0"

    kind: ClassVar[str] = "switch"

    def normalise(self, value: object) -> bool:
        """Accept ``bool``, 0/1 and on/off words (``"on"``, ``"0001"``...)."""
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return value == 1
        if isinstance(value, str):
            text = value.strip().lower()
            if text in _TRUE_WORDS or text == self.on:
                return True
            if text in _FALSE_WORDS or text == self.off:
                return False
        raise self.refuse(value)

    def wire(self, value: Any) -> tuple[str, ...]:
        """The on or off word."""
        return (self.on if value else self.off,)

    def from_wire(self, parts: Sequence[str]) -> Any:
        """Only the exact wire words (and 0/1) count on the wire."""
        text = parts[0].strip()
        if text in (self.on, "1"):
            return True
        if text in (self.off, "0"):
            return False
        raise self.refuse(parts[0])

    def from_device(self, raw: object) -> Any:
        """Beans show 1/0, ``"1"``/``"0"`` or the wire words."""
        if isinstance(raw, str) and raw.strip() in ("0001", "0000"):
            return raw.strip() == "0001"
        return super().from_device(raw)

    def allowed(self) -> str:
        """``on/off (sent as 0001/0000)``."""
        return f"on/off (sent as {self.on}/{self.off})"


def _clock(value: object) -> tuple[int, int] | None:
    if isinstance(value, dt.datetime):
        return None  # a date-time is not a time of day
    if isinstance(value, dt.time):
        if value.second or value.microsecond:
            return None
        return value.hour, value.minute
    if isinstance(value, str):
        match = _CLOCK_TEXT.fullmatch(value.strip())
        if match:
            return int(match.group(1)), int(match.group(2))
    return None


@dataclass(frozen=True)
class TimeOfDay(Param):
    """A time of day to the minute; on the wire two params, hour then minute (§5.4:
    ``"%H"``, zero-padded, unless ``pad`` is off as growattServer's v1 methods send)."""

    pad: bool = True

    kind: ClassVar[str] = "time"
    arity: ClassVar[int] = 2

    def normalise(self, value: object) -> dt.time:
        """Accept ``datetime.time`` (whole minutes) or ``"H:MM"`` text."""
        parts = _clock(value)
        if parts is None or not (0 <= parts[0] <= 23 and 0 <= parts[1] <= 59):
            raise self.refuse(value)
        return dt.time(*parts)

    def wire(self, value: Any) -> tuple[str, ...]:
        """``("07", "05")`` (or ``("7", "5")`` unpadded)."""
        width = 2 if self.pad else 0
        return (str(value.hour).zfill(width), str(value.minute).zfill(width))

    def from_wire(self, parts: Sequence[str]) -> Any:
        """Hour and minute texts, digits only."""
        hour, minute = (part.strip() for part in parts[:2])
        if not (hour.isdigit() and minute.isdigit()):
            raise self.refuse(f"{parts[0]}:{parts[1]}")
        return self.normalise(f"{int(hour)}:{int(minute)}")

    def allowed(self) -> str:
        """``00:00..23:59``."""
        return "00:00..23:59 (whole minutes)"

    def display(self, value: Any) -> Any:
        """``"07:05"``."""
        return value.strftime("%H:%M") if isinstance(value, dt.time) else value


@dataclass(frozen=True)
class Clock(TimeOfDay):
    """A wall-clock time sent as one ``"HH:MM"`` text (SPH ``pf_sys_year``, openapi.md §5.3)."""

    kind: ClassVar[str] = "clock"
    arity: ClassVar[int] = 1

    def normalise(self, value: object) -> dt.time:
        """Accept a ``datetime`` (its time, seconds dropped), a ``time`` or ``"HH:MM"``."""
        if isinstance(value, dt.datetime | dt.time):
            value = dt.time(value.hour, value.minute)
        return super().normalise(value)

    def wire(self, value: Any) -> tuple[str, ...]:
        """``"07:05"``."""
        return (value.strftime("%H:%M"),)

    def from_wire(self, parts: Sequence[str]) -> Any:
        """One ``"HH:MM"`` text."""
        return self.normalise(parts[0])

    def from_device(self, raw: object) -> Any:
        """Beans show the device's full date-time; its time of day counts."""
        if isinstance(raw, str):
            try:
                moment = dt.datetime.strptime(raw.strip(), DateTime.pattern)
            except ValueError:
                return super().from_device(raw)
            return dt.time(moment.hour, moment.minute)
        return super().from_device(raw)

    def allowed(self) -> str:
        """``HH:MM``."""
        return "HH:MM, 00:00..23:59"


@dataclass(frozen=True)
class DateTime(Param):
    """A date and time with seconds, ``"YYYY-MM-DD HH:MM:SS"`` (without seconds the
    server answers ``inv_set_time_format``, shinephone-api.md §4.14). The device's own
    wall-clock time; a time-zone-aware value is taken as its wall-clock fields.

    Read back it matches when within ``tolerance_s``: a device clock keeps running.
    """

    first_year: int = 2000
    last_year: int = 2099
    tolerance_s: float = 300.0

    kind: ClassVar[str] = "datetime"
    pattern: ClassVar[str] = "%Y-%m-%d %H:%M:%S"

    def normalise(self, value: object) -> dt.datetime:
        """Accept a ``datetime`` (microseconds dropped) or the exact wire text."""
        if isinstance(value, dt.datetime):
            moment = value.replace(microsecond=0, tzinfo=None)
        elif isinstance(value, str):
            try:
                moment = dt.datetime.strptime(value.strip(), self.pattern)
            except ValueError:
                raise self.refuse(value) from None
        else:
            raise self.refuse(value)
        if not self.first_year <= moment.year <= self.last_year:
            raise self.refuse(value)
        return moment

    def wire(self, value: Any) -> tuple[str, ...]:
        """``"2026-06-21 09:30:00"``."""
        return (value.strftime(self.pattern),)

    def same(self, asked: Any, read: Any) -> bool:
        """Within the tolerance."""
        if not (isinstance(asked, dt.datetime) and isinstance(read, dt.datetime)):
            return False
        return abs((read - asked).total_seconds()) <= self.tolerance_s

    def allowed(self) -> str:
        """The format and the years."""
        return f"YYYY-MM-DD HH:MM:SS, years {self.first_year}..{self.last_year}"

    def display(self, value: Any) -> Any:
        """The wire text."""
        return value.strftime(self.pattern) if isinstance(value, dt.datetime) else value


def _decimal(value: object) -> decimal.Decimal | None:
    if isinstance(value, bool):
        return None
    try:
        if isinstance(value, int | decimal.Decimal):
            number = decimal.Decimal(value)
        elif isinstance(value, float):
            number = decimal.Decimal(repr(value))  # the shortest text that round-trips
        elif isinstance(value, str) and _NUMBER_TEXT.fullmatch(value.strip()):
            number = decimal.Decimal(value.strip())
        else:
            return None
    except decimal.InvalidOperation:
        return None
    return number if number.is_finite() else None


@dataclass(frozen=True)
class Decimal(Param):
    """A decimal number in ``[low, high]`` with at most ``places`` decimals (more would
    be rounded by someone, so it is refused); sent with exactly ``places`` decimals."""

    low: float = 0.0
    high: float = 100.0
    places: int = 1

    kind: ClassVar[str] = "decimal"

    def normalise(self, value: object) -> decimal.Decimal:
        """Accept numbers and numeric text."""
        number = _decimal(value)
        if number is None:
            raise self.refuse(value, f"not a number; allowed: {self.allowed()}")
        exponent = number.as_tuple().exponent
        if (
            isinstance(exponent, int)
            and -exponent > self.places
            and number != round(number, self.places)
        ):
            raise self.refuse(value, f"more than {self.places} decimals")
        if not self._in_range(number):
            raise self.refuse(value)
        return number.quantize(decimal.Decimal(1).scaleb(-self.places))

    def _in_range(self, number: decimal.Decimal) -> bool:
        return decimal.Decimal(str(self.low)) <= number <= decimal.Decimal(str(self.high))

    def wire(self, value: Any) -> tuple[str, ...]:
        """``"263.0"``."""
        return (f"{value:.{self.places}f}",)

    def from_device(self, raw: object) -> Any:
        """Any number the bean shows (float noise rounded to ``places``)."""
        number = _decimal(raw) if not isinstance(raw, float) else _decimal(round(raw, 6))
        return None if number is None else round(number, self.places)

    def same(self, asked: Any, read: Any) -> bool:
        """Numerically equal."""
        return read is not None and decimal.Decimal(asked) == decimal.Decimal(read)

    def allowed(self) -> str:
        """``150.0..220.0 V``."""
        unit = f" {self.unit}" if self.unit else ""
        return f"{self.low:.{self.places}f}..{self.high:.{self.places}f}{unit}"

    def display(self, value: Any) -> Any:
        """The wire text."""
        return f"{value:.{self.places}f}" if isinstance(value, decimal.Decimal) else value

    def _limits(self) -> dict[str, Any]:
        return {"min": self.low, "max": self.high, "decimals": self.places}


@dataclass(frozen=True)
class PowerFactor(Decimal):
    """A power factor: ``-1..-0.8`` or ``0.8..1`` (shinephone-api.md §5.5)."""

    low: float = 0.8
    high: float = 1.0
    places: int = 2

    kind: ClassVar[str] = "power_factor"

    def _in_range(self, number: decimal.Decimal) -> bool:
        return super()._in_range(abs(number))

    def allowed(self) -> str:
        """Both bands."""
        return f"-{self.high:.2f}..-{self.low:.2f} or {self.low:.2f}..{self.high:.2f}"

    def _limits(self) -> dict[str, Any]:
        return {"bands": [[-self.high, -self.low], [self.low, self.high]], "decimals": 2}


@dataclass(frozen=True)
class Text(Param):
    """Free text of 1..``max_length`` printable characters, optionally matching ``pattern``."""

    max_length: int = 64
    pattern: str = ""

    kind: ClassVar[str] = "text"

    def normalise(self, value: object) -> str:
        """Stripped text."""
        if not isinstance(value, str):
            raise self.refuse(value)
        text = value.strip()
        if not 1 <= len(text) <= self.max_length or not text.isprintable():
            raise self.refuse(value)
        if self.pattern and not re.fullmatch(self.pattern, text):
            raise self.refuse(value)
        return text

    def from_device(self, raw: object) -> Any:
        """Any non-blank text."""
        return None if _is_blank(raw) else str(raw).strip()

    def allowed(self) -> str:
        """Length and pattern."""
        shape = f" matching {self.pattern}" if self.pattern else ""
        return f"text of 1..{self.max_length} printable characters{shape}"
