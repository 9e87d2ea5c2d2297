"""Noah balcony battery: ``noahDeviceApi/noah/set`` (shinephone-api.md §5.7), read back
from ``getNoahInfoBySn`` (row 36, §4.13)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from growattServer.protocol import classic as ep

from ..params import Decimal, Integer, SettingValueError, Text, TimeOfDay
from ..readback import ReadSource, mapping_or_empty
from ..schema import ContextRule, DeviceView, Rule, Schema, Setting, Values
from ..write import TypeParamsChannel
from .common import NOAH_MODES, SPEC_TIME, choice, single, switch, window_rule

SOURCE = "shinephone-api.md §5.7"
SEGMENTS = 9
MAX_OUTPUT_W = 800
WATTS_SOURCE = "[inferred] 0–800 W, the Nexa range NMQ documents (shinephone-api.md §5.7)"


def flatten(answer: Any) -> Mapping[str, Any]:
    """``obj.noah`` plus its segments as ``segment<N>_mode/start/end/power`` and the
    ``unitList`` beside it. ``time_segment`` is ``{"time_segment1": "mode_H:M_H:M_powerW"}``
    (or, per NMQ, a list of such maps)."""
    obj = mapping_or_empty(mapping_or_empty(answer).get("obj"))
    noah = mapping_or_empty(obj.get("noah"))
    flat: dict[str, Any] = {**noah, "unitList": mapping_or_empty(obj.get("unitList"))}
    segments = noah.get("time_segment")
    items: list[tuple[str, Any]] = []
    if isinstance(segments, Mapping):
        items = list(segments.items())
    elif isinstance(segments, list):
        items = [pair for entry in segments if isinstance(entry, Mapping) for pair in entry.items()]
    for key, text in items:
        parts = str(text).split("_")
        number = str(key).removeprefix("time_segment")
        if number.isdigit() and len(parts) == 4:
            for name, part in zip(("mode", "start", "end", "power"), parts, strict=True):
                flat[f"segment{number}_{name}"] = part
    return flat


def _battery_first_sends_no_power(values: Values) -> None:
    if values["mode"] == "1" and values["power"] != 0:
        raise SettingValueError(
            "power", values["power"], "0 in battery_first mode", "battery_first takes 0 W"
        )


def time_segment(index: int) -> Setting:
    """``time_segment<N>``: mode, start, end, output power, enable (seven params)."""
    return Setting(
        f"time_segment{index}",
        f"Noah time segment {index}: mode and output power between start and end",
        (
            choice("mode", "work mode", NOAH_MODES, SOURCE),
            TimeOfDay("start", "window start", "", SPEC_TIME),
            TimeOfDay("end", "window end", "", SPEC_TIME),
            Integer(
                "power",
                "output power (0 for battery_first)",
                "W",
                WATTS_SOURCE,
                low=0,
                high=MAX_OUTPUT_W,
            ),
            switch("enabled", "segment enabled"),
        ),
        rules=(
            window_rule(),
            Rule("power is 0 in battery_first mode", _battery_first_sends_no_power),
        ),
        reads={
            "mode": (f"segment{index}_mode",),
            "start": (f"segment{index}_start",),
            "end": (f"segment{index}_end",),
            "power": (f"segment{index}_power",),
        },
        notes="the read shows no enable flag, and leaves unused segments out",
    )


def _soc_limits_ordered(values: Values) -> None:
    if values["lower"] > values["upper"]:
        raise SettingValueError("lower", values["lower"], f"at most upper ({values['upper']})")


def _plant_money_context(values: Values, device: DeviceView) -> None:
    plant = device.flat.get("plantId")
    if plant is not None and str(plant) != str(values["plant_id"]):
        raise SettingValueError("plant_id", values["plant_id"], f"the Noah's plant {plant}")
    units = device.flat.get("unitList")
    if isinstance(units, Mapping) and units and values["unit"] not in units:
        raise SettingValueError("unit", values["unit"], ", ".join(map(str, units)))


PLANT_MONEY = Setting(
    "updatePlantMoney",
    "electricity price of the Noah's plant",
    (
        Integer("plant_id", "the Noah's plant", "", SOURCE, low=1, high=2**31 - 1),
        Decimal(
            "price",
            "price per kWh",
            "",
            f"{SOURCE}; [inferred] below 100",
            low=0.0,
            high=99.99,
            places=2,
        ),
        Text("unit", "currency: a key of noah_info's unitList", "", SOURCE, max_length=16),
    ),
    context=(ContextRule("the Noah's plant, and a unit of its unitList", _plant_money_context),),
    reads={"plant_id": ("plantId",), "price": ("formulaMoney",)},
)

SCHEMA = Schema(
    api="classic",
    family="noah",
    title="Noah balcony battery (noahDeviceApi/noah/set)",
    channel=TypeParamsChannel(ep.UPDATE_NOAH_SETTINGS),
    settings=(
        single(
            "default_power",
            "output power outside the time segments",
            Integer("value", "default output power", "W", WATTS_SOURCE, low=0, high=MAX_OUTPUT_W),
            ("defaultPower",),
        ),
        Setting(
            "charging_soc",
            "battery charge limits",
            (
                Integer(
                    "upper", "charge up to", "%", f"{SOURCE} (NMQ clamps 70–100)", low=70, high=100
                ),
                Integer(
                    "lower", "discharge down to", "%", f"{SOURCE} (NMQ clamps 0–30)", low=0, high=30
                ),
            ),
            rules=(Rule("lower at most upper", _soc_limits_ordered),),
            reads={"upper": ("chargingSocHighLimit",), "lower": ("chargingSocLowLimit",)},
        ),
        *(time_segment(index) for index in range(1, SEGMENTS + 1)),
        PLANT_MONEY,
    ),
    reader=ReadSource(ep.NOAH_INFO, "serial_number", flatten),
    roles={
        "default_power": "default_power",
        "charging_soc": "charging_soc",
        "time_segment": "time_segment{}",
    },
)
