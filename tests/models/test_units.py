"""Unit parsers: every documented format, and properties over generated values."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from growattServer.errors import GrowattError, ParseError
from growattServer.models.units import (
    Money,
    parse_bool,
    parse_current_a,
    parse_energy_kwh,
    parse_frequency_hz,
    parse_int,
    parse_money,
    parse_number,
    parse_percent,
    parse_power_w,
    parse_temperature_c,
    parse_text,
    parse_voltage_v,
)

PARSERS = [
    parse_number,
    parse_power_w,
    parse_energy_kwh,
    parse_percent,
    parse_voltage_v,
    parse_current_a,
    parse_frequency_hz,
    parse_temperature_c,
    parse_int,
    parse_bool,
    parse_text,
    parse_money,
]
SETTINGS = settings(max_examples=150, deadline=None)


@pytest.mark.parametrize("missing", [None, "", "null", '"null"', "NULL", " None ", "--", "-"])
@pytest.mark.parametrize("parse", PARSERS)
def test_missing_values_are_none(parse, missing):
    assert parse(missing) is None


@pytest.mark.parametrize(
    ("text", "watts"),
    [
        ("0 W", 0.0),
        ("1.2 kW", 1200.0),
        ("0.01kW", 10.0),
        ("0.8kWp", 800.0),
        ("200Watt", 200.0),
        ("7.1", 7.1),
        (1725.7, 1725.7),
        ("+0.0", 0.0),
        ("-399.5", -399.5),
        ("1.5 MW", 1_500_000.0),
    ],
)
def test_power(text, watts):
    assert parse_power_w(text) == pytest.approx(watts)


def test_power_with_a_kilowatt_default():
    """getSystemStatus_KW sends bare kW strings (shinephone-api.md §4.10)."""
    assert parse_power_w("0.93", default="kW") == pytest.approx(930.0)
    assert parse_power_w("930 W", default="kW") == pytest.approx(930.0)


@pytest.mark.parametrize(
    ("text", "kwh"),
    [
        ("9.3 kWh", 9.3),
        ("2.56 MWh", 2560.0),
        ("102.91 MWh", 102_910.0),
        ("20.5kWh", 20.5),
        ("1.1 GWh", 1_100_000.0),
        ("500 Wh", 0.5),
        ("12.1", 12.1),
        (0, 0.0),
        ("1.5_1718000000000", 1.5),  # Noah eTotal, home-assistant/core#120051
        (21.600000381469727, 21.600000381469727),  # float32 noise kept
    ],
)
def test_energy(text, kwh):
    assert parse_energy_kwh(text) == pytest.approx(kwh)


@pytest.mark.parametrize(
    ("parse", "text", "value"),
    [
        (parse_percent, "11.3%", 11.3),
        (parse_percent, "45 %", 45.0),
        (parse_percent, 45, 45.0),
        (parse_number, "1.029064E8 ", 102_906_400.0),
        (parse_number, " 1.2 ", 1.2),
        (parse_voltage_v, "230.1 V", 230.1),
        (parse_current_a, "+0.0", 0.0),
        (parse_frequency_hz, "49.99", 49.99),
        (parse_temperature_c, "9.0°C", 9.0),
        (parse_temperature_c, "9℃", 9.0),
        (parse_int, "5", 5),
        (parse_int, 5.0, 5),
    ],
)
def test_other_quantities(parse, text, value):
    assert parse(text) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "money"),
    [
        ("1.2 ", Money(Decimal("1.2"))),
        ("€ 1.20", Money(Decimal("1.20"), "EUR")),
        ("1.20 EUR", Money(Decimal("1.20"), "EUR")),
        ("0.1/€", Money(Decimal("0.1"), "EUR")),
        ("1.029064E8 ", Money(Decimal("1.029064E8"))),
        ("8.19", Money(Decimal("8.19"))),
        ("3 (￥)", Money(Decimal("3"))),  # ambiguous yen/yuan mark: no code
        (0.3, Money(Decimal("0.3"))),
    ],
)
def test_money(text, money):
    assert parse_money(text) == money


def test_money_takes_the_plants_currency_when_the_text_has_none():
    assert parse_money("2.4/$", currency="AUD") == Money(Decimal("2.4"), "AUD")
    assert parse_money("2.4/€", currency="AUD") == Money(Decimal("2.4"), "EUR")


def test_flags_and_texts():
    assert parse_bool("true") is True
    assert parse_bool(0) is False
    assert parse_bool("1") is True
    assert parse_text(1427391) == "1427391"
    assert parse_text(" NTCMA2B04Q ") == "NTCMA2B04Q"


@pytest.mark.parametrize(
    ("parse", "value"),
    [
        (parse_power_w, "12 kWh"),
        (parse_energy_kwh, "3 kW"),
        (parse_number, "abc"),
        (parse_number, "1,5"),
        (parse_number, [1]),
        (parse_number, {"v": 1}),
        (parse_number, True),
        (parse_number, float("nan")),
        (parse_number, "1e999"),
        (parse_number, 10**400),
        (parse_int, "2.5"),
        (parse_percent, "12 V"),
        (parse_bool, "maybe"),
        (parse_text, ["x"]),
        (parse_money, "€ 1 $ 2"),
        (parse_money, "1.2 bananas"),
        (parse_money, "inf"),
    ],
)
def test_unreadable_values_raise_a_parse_error_naming_the_field(parse, value):
    with pytest.raises(ParseError) as err:
        parse(value, "tlx_detail.pac")
    assert err.value.field == "tlx_detail.pac"
    assert "tlx_detail.pac" in str(err.value)
    assert len(str(err.value)) < 200


finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


@SETTINGS
@given(value=finite, space=st.sampled_from(["", " "]))
def test_kilowatts_are_a_thousand_watts(value, space):
    text = repr(value)
    assert parse_power_w(f"{text}{space}kW") == pytest.approx(1000 * parse_power_w(f"{text} W"))


@SETTINGS
@given(value=finite, space=st.sampled_from(["", " "]))
def test_megawatt_hours_are_a_thousand_kilowatt_hours(value, space):
    text = repr(value)
    assert parse_energy_kwh(f"{text}{space}MWh") == pytest.approx(
        1000 * parse_energy_kwh(f"{text}{space}kWh")
    )
    assert parse_energy_kwh(f"{text}Wh") == pytest.approx(parse_energy_kwh(text) / 1000)


@SETTINGS
@given(value=finite)
def test_numbers_survive_text_and_blanks(value):
    assert parse_number(f"  {value!r} ") == value
    assert parse_number(value) == value


@settings(max_examples=40, deadline=None)
@given(value=st.one_of(st.text(max_size=12), st.binary(max_size=4), st.lists(st.integers())))
@pytest.mark.parametrize("parse", PARSERS)
def test_anything_gives_a_value_none_or_a_growatt_error(parse, value):
    try:
        result = parse(value)
    except GrowattError:
        return
    if isinstance(result, float):
        assert math.isfinite(result)
