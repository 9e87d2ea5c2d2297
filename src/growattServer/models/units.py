"""Value parsers: Growatt's numbers, unit strings and money text, into one unit convention.

Power in W, energy in kWh, voltage in V, current in A, frequency in Hz, temperature in
°C, state of charge and other ratios in %, money as :class:`decimal.Decimal` with an
ISO currency code. Every parser returns ``None`` for a missing value and raises
:class:`~growattServer.errors.ParseError` (naming ``field`` and the value) for anything
it cannot read; none raises ``ValueError``/``TypeError``.

Accepted forms (shinephone-api.md §4, §8; openapi.md §7; user-needs.md F7):

* missing: ``None``, ``""``, ``"null"``, ``"\\"null\\""``, ``"None"``, ``"--"``, ``"-"``
  (any case, surrounding blanks ignored);
* numbers: JSON numbers, numeric strings with blanks (``"1.2 "``), a sign
  (``"+0.0"``, ``"-399.5"``), scientific notation (``"1.029064E8 "``), float32 noise
  (``1.2000000476837158``, kept as is), and Noah's ``"1.5_1718000000000"`` (the value
  before ``_``; home-assistant/core#120051);
* units, any case, with or without a blank: power ``W``/``kW``/``MW`` (also ``Wp``,
  ``kWp``: ``"0.8kWp"``), energy ``Wh``/``kWh``/``MWh``/``GWh`` (``"2.56 MWh"``),
  percent ``%`` (``"11.3%"``, ``"45 %"``), ``V``, ``A``, ``Hz``, ``°C``/``℃``;
  a bare number is in the unit the field is documented in (``default`` argument);
* money: ``"1.2 "``, ``"€ 1.20"``, ``"1.20 EUR"``, ``"0.1/€"`` (getAllDeviceListTwo),
  ``"(￥)"``-style bracketed symbols, scientific notation.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from growattServer.errors import ParseError

__all__ = [
    "MISSING_TEXTS",
    "Money",
    "parse_bool",
    "parse_current_a",
    "parse_energy_kwh",
    "parse_frequency_hz",
    "parse_int",
    "parse_money",
    "parse_number",
    "parse_percent",
    "parse_power_w",
    "parse_temperature_c",
    "parse_text",
    "parse_voltage_v",
]

#: Texts that mean "no value" (compared after strip() and lower()).
MISSING_TEXTS = frozenset({"", "null", '"null"', "none", "--", "-", "nan", "undefined"})

_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_WITH_UNIT = re.compile(rf"^({_NUMBER})\s*([^\d\s].*)?$")
_NOAH_STAMPED = re.compile(rf"^({_NUMBER})_\d{{10,}}$")

# unit text (lower case) → factor into the target unit, one table per quantity
_POWER_W = {
    "w": 1.0,
    "watt": 1.0,  # Noah docstring examples ("200Watt")
    "watts": 1.0,
    "wp": 1.0,
    "kw": 1e3,
    "kwp": 1e3,
    "mw": 1e6,
    "mwp": 1e6,
}
_ENERGY_KWH = {"wh": 1e-3, "kwh": 1.0, "mwh": 1e3, "gwh": 1e6}
_PERCENT = {"%": 1.0}
_VOLTAGE_V = {"v": 1.0, "kv": 1e3, "mv": 1e-3}
_CURRENT_A = {"a": 1.0, "ma": 1e-3}
_FREQUENCY_HZ = {"hz": 1.0}
_TEMPERATURE_C = {"°c": 1.0, "℃": 1.0, "c": 1.0, "°": 1.0}

# currency marks seen in Growatt answers → ISO 4217; "$" and "¥" are ambiguous and left out
_CURRENCY_MARKS = {
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "pound": "GBP",
    "rmb": "CNY",
    "cny": "CNY",
    "aud": "AUD",
    "usd": "USD",
    "dollar": "USD",
    "zł": "PLN",
    "pln": "PLN",
    "chf": "CHF",
    "sek": "SEK",
    "kr": "SEK",
    "nzd": "NZD",
    "zar": "ZAR",
    "jpy": "JPY",
    "inr": "INR",
    "₹": "INR",
}
_AMBIGUOUS_MARKS = frozenset({"$", "¥", "￥", "r"})


@dataclass(frozen=True, slots=True)
class Money:
    """An amount and its ISO 4217 currency code (``None`` when the answer does not say)."""

    amount: Decimal
    currency: str | None = None


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, str) and value.strip().lower() in MISSING_TEXTS)


def _finite(number: float, field: str, value: object, expected: str) -> float:
    if not math.isfinite(number):
        raise ParseError(field, value, expected)
    return number


def _split(value: object, field: str, expected: str) -> tuple[float, str] | None:
    """(number, unit text in lower case, "" if none) of a value, None when missing."""
    if _is_missing(value):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ParseError(field, value, expected)
    if isinstance(value, int | float):
        try:
            return _finite(float(value), field, value, expected), ""
        except OverflowError as err:  # an int beyond any float
            raise ParseError(field, value, expected) from err
    text = value.strip()
    stamped = _NOAH_STAMPED.match(text)
    if stamped:
        return float(stamped.group(1)), ""
    match = _WITH_UNIT.match(text)
    if match is None:
        raise ParseError(field, value, expected)
    number = _finite(float(match.group(1)), field, value, expected)
    return number, (match.group(2) or "").strip().lower()


def _scaled(
    value: object, field: str, units: dict[str, float], default: str, expected: str
) -> float | None:
    split = _split(value, field, expected)
    if split is None:
        return None
    number, unit = split
    factor = units.get(unit or default.lower())
    if factor is None:
        raise ParseError(field, value, expected)
    return _finite(number * factor, field, value, expected)


def parse_number(value: object, field: str = "value") -> float | None:
    """A plain number: ``12``, ``"12.5"``, ``" 1.029064E8 "``, ``"+0.0"``; no unit."""
    return _scaled(value, field, {"": 1.0}, "", "a number")


def parse_int(value: object, field: str = "value") -> int | None:
    """A whole number (``"5"``, ``5``, ``5.0``); fractions are refused."""
    number = parse_number(value, field)
    if number is None:
        return None
    if number != int(number):
        raise ParseError(field, value, "a whole number")
    return int(number)


def parse_power_w(value: object, field: str = "value", default: str = "W") -> float | None:
    """Power in W: ``"0 W"``, ``"1.2 kW"``, ``"0.8kWp"``; a bare number is in ``default``."""
    return _scaled(value, field, _POWER_W, default, "a power")


def parse_energy_kwh(value: object, field: str = "value", default: str = "kWh") -> float | None:
    """Energy in kWh: ``"9.3 kWh"``, ``"2.56 MWh"``, ``"20.5kWh"``; a bare number is in
    ``default``."""
    return _scaled(value, field, _ENERGY_KWH, default, "an energy")


def parse_percent(value: object, field: str = "value") -> float | None:
    """A percentage: ``"11.3%"``, ``"45 %"``, ``45`` → 45.0 (not a fraction)."""
    return _scaled(value, field, _PERCENT, "%", "a percentage")


def parse_voltage_v(value: object, field: str = "value") -> float | None:
    """Voltage in V (``230.1``, ``"230.1 V"``)."""
    return _scaled(value, field, _VOLTAGE_V, "V", "a voltage")


def parse_current_a(value: object, field: str = "value") -> float | None:
    """Current in A (``7.6``, ``"+0.0"``, ``"7.6 A"``)."""
    return _scaled(value, field, _CURRENT_A, "A", "a current")


def parse_frequency_hz(value: object, field: str = "value") -> float | None:
    """Frequency in Hz (``50.01``, ``"49.99"``)."""
    return _scaled(value, field, _FREQUENCY_HZ, "Hz", "a frequency")


def parse_temperature_c(value: object, field: str = "value") -> float | None:
    """Temperature in °C (``31.6``, ``"9.0°C"``, ``"9℃"``)."""
    return _scaled(value, field, _TEMPERATURE_C, "°C", "a temperature")


def parse_bool(value: object, field: str = "value") -> bool | None:
    """``true``/``false`` as JSON booleans, ``"true"``/``"false"``, ``1``/``0``, ``"1"``/``"0"``."""
    if _is_missing(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in ("true", "false", "1", "0"):
        return value.strip().lower() in ("true", "1")
    raise ParseError(field, value, "a yes/no flag")


def parse_text(value: object, field: str = "value") -> str | None:
    """A label or identifier: strings are stripped, numbers turned into text
    (``plant_id`` is an int in v1, a string in classic), missing texts are ``None``."""
    if _is_missing(value):
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ParseError(field, value, "a text")
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    return str(value).strip() or None


def currency_code(mark: object) -> str | None:
    """ISO code for a currency mark (``"€"``, ``"EUR"``, ``"euro"``, ``"rmb"``); ``None``
    for ambiguous (``"$"``, ``"¥"``) or unknown marks."""
    if not isinstance(mark, str):
        return None
    text = mark.strip().strip("()（）/").strip()
    if not text or text.lower() in _AMBIGUOUS_MARKS:
        return None
    known = _CURRENCY_MARKS.get(text.lower())
    if known is not None:
        return known
    return text.upper() if re.fullmatch(r"[A-Za-z]{3}", text) else None


_MONEY = re.compile(rf"^(?P<before>[^\d+\-.]*?)\s*(?P<number>{_NUMBER})\s*(?P<after>.*?)$")


def parse_money(value: object, field: str = "value", currency: str | None = None) -> Money | None:
    """Money: ``"1.2 "``, ``"€ 1.20"``, ``"1.20 EUR"``, ``"0.1/€"``, ``"1.029064E8 "``.

    The amount keeps its decimal digits (``Decimal``). The currency is the one written
    in the value when it is unambiguous, else ``currency`` (the plant's, if known).
    """
    if _is_missing(value):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ParseError(field, value, "money")
    text = str(value).strip()
    match = _MONEY.match(text)
    if match is None:
        raise ParseError(field, value, "money")
    try:
        amount = Decimal(match.group("number"))
    except InvalidOperation as err:  # pragma: no cover - the pattern admits only numbers
        raise ParseError(field, value, "money") from err
    if not amount.is_finite():
        raise ParseError(field, value, "money")
    marks = [m for m in (match.group("before"), match.group("after")) if m.strip(" /()（）")]
    if len(marks) > 1:
        raise ParseError(field, value, "money")
    written = currency_code(marks[0]) if marks else None
    if marks and written is None and marks[0].strip(" /()（）").lower() not in _AMBIGUOUS_MARKS:
        raise ParseError(field, value, "money")
    return Money(amount, written or currency)
