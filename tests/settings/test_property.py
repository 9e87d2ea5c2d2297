"""Random values at every setting of every catalog: each is refused before anything is
sent (the simulator's journal proves 0 writes, and 0 requests at all when no device
rule was involved), or sent once and stored by the simulator exactly as asked."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from growattServer.errors import GrowattParameterError
from growattServer.settings import Outcome, Setting, all_schemas
from growattServer.settings import params as kinds

from .conftest import Harness, writes

PLANT = 1427391
NOAH_UNITS = ["Euro", "DOLLAR", "POUND", "AUD", "RMB"]

# --- random values per parameter kind: mostly plausible, some wrong ------------------------

_junk = st.one_of(
    st.none(),
    st.booleans(),
    st.text(max_size=8),
    st.floats(allow_nan=True),
    st.lists(st.integers(), max_size=2),
)


def _clock_text(hours: int, minutes: int) -> str:
    return f"{hours:02d}:{minutes:02d}"


def values_for(param: kinds.Param) -> st.SearchStrategy[Any]:
    """A strategy for one parameter, from its kind and limits."""
    if isinstance(param, kinds.Integer):
        near = st.integers(param.low - 5, param.high + 5)
        return st.one_of(near, near, near.map(str), st.floats(param.low - 1, param.high + 1), _junk)
    if isinstance(param, kinds.Choice):
        names = sorted(param.options) + sorted(param.options.values())
        return st.one_of(st.sampled_from(names), st.integers(-1, 4), _junk)
    if isinstance(param, kinds.Switch):
        words = ["on", "off", param.on, param.off, "maybe"]
        return st.one_of(st.booleans(), st.booleans(), st.sampled_from(words), st.integers(-1, 2))
    if isinstance(param, kinds.TimeOfDay | kinds.Clock):
        texts = st.builds(_clock_text, st.integers(0, 25), st.integers(0, 62))
        whole = st.builds(dt.time, st.integers(0, 23), st.integers(0, 59))
        return st.one_of(whole, whole, texts, st.times(), _junk)
    if isinstance(param, kinds.DateTime):
        moments = st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2110, 1, 1))
        return st.one_of(moments, moments, moments.map(lambda m: m.strftime("%Y-%m-%d %H:%M")))
    if isinstance(param, kinds.Decimal):
        low, high = decimal.Decimal(str(param.low)), decimal.Decimal(str(param.high))
        bound = abs(low) + abs(high) + 1
        places = st.decimals(-bound, bound, places=param.places, allow_nan=False)
        inside = st.decimals(low, high, places=param.places, allow_nan=False)
        finer = st.decimals(-bound, bound, places=param.places + 2, allow_nan=False)
        return st.one_of(inside, inside, places, finer, places.map(str), _junk)
    if isinstance(param, kinds.Text):
        pattern = st.from_regex(param.pattern, fullmatch=True) if param.pattern else st.nothing()
        return st.one_of(st.text(max_size=param.max_length + 4), pattern, _junk)
    raise AssertionError(f"no strategy for {type(param).__name__}")


# Values a random draw would rarely hit but the setting needs to be accepted sometimes.
HINTS: dict[tuple[str, str], st.SearchStrategy[Any]] = {
    ("updatePlantMoney", "plant_id"): st.sampled_from([PLANT, PLANT, 1427392]),
    ("updatePlantMoney", "unit"): st.sampled_from([*NOAH_UNITS, "Yen"]),
}


def valid_for(param: kinds.Param) -> st.SearchStrategy[Any]:
    """Values inside the documented limits (rules across fields may still refuse them)."""
    if isinstance(param, kinds.Integer):
        return st.integers(param.low, param.high)
    if isinstance(param, kinds.Choice):
        return st.sampled_from(sorted(param.options))
    if isinstance(param, kinds.Switch):
        return st.booleans()
    if isinstance(param, kinds.TimeOfDay | kinds.Clock):
        return st.builds(dt.time, st.integers(0, 23), st.integers(0, 59))
    if isinstance(param, kinds.DateTime):
        return st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2099, 12, 31))
    if isinstance(param, kinds.Decimal):
        low, high = decimal.Decimal(str(param.low)), decimal.Decimal(str(param.high))
        return st.decimals(low, high, places=param.places, allow_nan=False)
    if isinstance(param, kinds.Text):
        if param.pattern:
            return st.from_regex(param.pattern, fullmatch=True)
        return st.text(st.characters(codec="utf-8"), min_size=1, max_size=param.max_length)
    raise AssertionError(f"no strategy for {type(param).__name__}")


@st.composite
def plausible(draw: st.DrawFn, setting: Setting) -> dict[str, Any]:
    """Every value inside its limits, and windows in order, one after the other."""
    values = {
        param.name: draw(HINTS.get((setting.name, param.name), valid_for(param)))
        for param in setting.params
    }
    prefixes = [name.removesuffix("start") for name in values if name.endswith("start")]
    if prefixes:
        unique = st.lists(
            st.integers(0, 1439),
            min_size=2 * len(prefixes),
            max_size=2 * len(prefixes),
            unique=True,
        )
        minutes = sorted(draw(unique))
        for index, prefix in enumerate(prefixes):
            for part, minute in (("start", minutes[2 * index]), ("end", minutes[2 * index + 1])):
                values[prefix + part] = dt.time(minute // 60, minute % 60)
    return values


def setting_values(setting: Setting) -> st.SearchStrategy[dict[str, Any]]:
    anything = st.fixed_dictionaries(
        {
            param.name: HINTS.get((setting.name, param.name), values_for(param))
            for param in setting.params
        }
    )
    return st.one_of(plausible(setting), anything)


# --- where the simulator stores each parameter ---------------------------------------------


def _segments(count: int, keys: Callable[[int], dict[str, str]]) -> dict[str, dict[str, str]]:
    return {f"time_segment{i}": keys(i) for i in range(1, count + 1)}


def _windows(kind: str) -> dict[str, str]:
    keys = {}
    for i in range(1, 4):
        keys[f"window{i}_start"] = f"forced{kind}TimeStart{i}"
        keys[f"window{i}_end"] = f"forced{kind}TimeStop{i}"
        keys[f"window{i}_enabled"] = f"forced{kind}StopSwitch{i}"
    return keys


def _tlx_segment(i: int) -> dict[str, str]:
    return {
        "mode": f"time{i}Mode",
        "start": f"forcedTimeStart{i}",
        "end": f"forcedTimeStop{i}",
        "enabled": f"forcedStopSwitch{i}",
    }


def _noah_segment(i: int) -> dict[str, str]:
    return {
        "mode": f"segment{i}Mode",
        "start": f"segment{i}Start",
        "end": f"segment{i}End",
        "power": f"segment{i}Power",
        "enabled": f"segment{i}Enable",
    }


TLX_COMMON = {
    "charge_power": {"value": "chargePowerCommand"},
    "charge_stop_soc": {"value": "wchargeSOCLowLimit"},
    "discharge_power": {"value": "disChargePowerCommand"},
    "discharge_stop_soc": {"value": "wdisChargeSOCLowLimit"},
    "on_grid_discharge_stop_soc": {"value": "onGridDischargeStopSOC"},
    "ac_charge": {"value": "acChargeEnable"},
    "pf_sys_year": {"value": "sysTime"},
    "tlx_on_off": {"value": "onOff"},
    "tlx_off_grid_enable": {"value": "offGridEnable"},
    "pv_grid_voltage_high": {"value": "pv_grid_voltage_high"},
    "pv_grid_voltage_low": {"value": "pv_grid_voltage_low"},
    "pv_active_p_rate": {"value": "activeRate"},
    **_segments(9, _tlx_segment),
}
MIX_CHARGE = {
    "charge_power": "chargePowerCommand",
    "charge_stop_soc": "wchargeSOCLowLimit1",
    **_windows("Charge"),
}
MIX_DISCHARGE = {
    "discharge_power": "disChargePowerCommand",
    "discharge_stop_soc": "wdisChargeSOCLowLimit2",
    **_windows("Discharge"),
}
EXPORT = {"enabled": "exportLimit", "power_rate": "exportLimitPowerRate"}
COMMON_GRID = {
    "pf_sys_year": {"value": "sysTime"},
    "pv_on_off": {"value": "onOff"},
    "pv_active_p_rate": {"value": "activeRate"},
    "pv_grid_voltage_high": {"value": "pv_grid_voltage_high"},
    "pv_grid_voltage_low": {"value": "pv_grid_voltage_low"},
    "pv_power_factor": {"value": "pf"},
    "pv_reactive_p_rate": {"value": "reactiveRate", "direction": "reactiveMode"},
}

STORE: dict[tuple[str, str], dict[str, dict[str, str]]] = {
    ("classic", "tlx"): {**TLX_COMMON, "backflow_setting": EXPORT},
    ("v1", "min"): {
        **TLX_COMMON,
        "backflow_setting": {"value": "exportLimit"},
        "tlx_ac_discharge_frequency": {"value": "epsFreqSet"},
        "tlx_ac_discharge_voltage": {"value": "epsVoltSet"},
        "pv_reactive_p_rate": {"value": "reactiveRate"},
        "pv_power_factor": {"value": "pf"},
    },
    ("classic", "mix"): {
        **COMMON_GRID,
        "mix_ac_charge_time_period": {**MIX_CHARGE, "ac_charge": "acChargeEnable"},
        "mix_ac_discharge_time_period": MIX_DISCHARGE,
        "mix_load_flast_value_multi": {"value": "wdisChargeSOCLowLimit1"},
        "mix_off_grid_enable": {"value": "offGridEnable"},
        "backflow_setting": EXPORT,
    },
    ("classic", "spa"): {
        **COMMON_GRID,
        "spa_ac_charge_time_period": MIX_CHARGE,
        "spa_ac_discharge_time_period": MIX_DISCHARGE,
    },
    ("v1", "sph"): {
        **COMMON_GRID,
        "pv_reactive_p_rate": {"value": "reactiveRate"},
        "mix_ac_charge_time_period": {**MIX_CHARGE, "ac_charge": "acChargeEnable"},
        "mix_ac_discharge_time_period": MIX_DISCHARGE,
        "backflow_setting": EXPORT,
        "mix_off_grid_enable": {"value": "offGridEnable"},
        "mix_ac_discharge_frequency": {"value": "epsFreqSet"},
        "mix_ac_discharge_voltage": {"value": "epsVoltSet"},
        "pv_pf_cmd_memory_state": {"value": "pfCmdMemoryState"},
        "mix_load_flast_value_multi": {"value": "wdisChargeSOCLowLimit1"},
        "mix_load_first_control": {"value": "loadFirstControl"},
        "mix_single_export": {"value": "singleExport"},
    },
    ("classic", "inverter"): COMMON_GRID,
    ("classic", "noah"): {
        "default_power": {"value": "defaultPower"},
        "charging_soc": {"upper": "chargingSocHighLimit", "lower": "chargingSocLowLimit"},
        **_segments(9, _noah_segment),
    },
}

#: Plant fields live on the scenario's plant (attribute) or in updatePlant's extras.
PLANT_STORE = {
    "name": "name",
    "nominal_power": "nominal_power",
    "price": "price_per_kwh",
    "currency": "currency",
    "city": "city",
    "country": "country",
    "address": "address",
    "latitude": "latitude",
    "longitude": "longitude",
    "timezone": "extra:timezone",
    "co2": "extra:formulaCo2",
    "coal": "extra:formulaCoal",
    "so2": "extra:formulaSo2",
}


def stored_text(value: Any) -> str:
    """How the simulator keeps a normalised value."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.time):
        return f"{value.hour}:{value.minute}"
    return str(value)


def same(asked: Any, stored: Any) -> bool:
    if isinstance(asked, decimal.Decimal):
        return decimal.Decimal(str(stored)) == asked
    return stored_text(asked) == str(stored)


def assert_stored(bench: Harness, api: str, family: str, setting: Setting, values: dict) -> None:
    sim, serial = bench.sim, bench.device(api, family).serial
    if family == "plant":
        plant = sim.world.scenario.plant(int(serial))
        extras = sim.world.plant_extra.get(plant.plant_id, {})
        for name, value in values.items():
            where = PLANT_STORE[name]
            held = extras[where[6:]] if where.startswith("extra:") else getattr(plant, where)
            assert same(value, held), (name, value, held)
        return
    if setting.name == "updatePlantMoney":
        plant = sim.world.scenario.plant(values["plant_id"])
        assert same(values["price"], plant.price_per_kwh)
        return
    held = sim.world.settings(serial)
    for name, key in STORE[(api, family)][setting.name].items():
        value = values[name]
        if isinstance(value, dt.time) and setting.name == "pf_sys_year":  # SPH: HH:MM today
            assert held[key].endswith(f" {value:%H:%M}:00"), (key, held[key])
        else:
            assert same(value, held[key]), (setting.name, name, value, held[key])


CASES = [
    pytest.param(
        schema.api, schema.family, setting, id=f"{schema.api}-{schema.family}-{setting.name}"
    )
    for schema in all_schemas()
    for setting in schema.settings
]


@pytest.mark.parametrize(("api", "family", "setting"), CASES)
def test_every_value_is_refused_unsent_or_stored_as_asked(
    harness: Harness, api: str, family: str, setting: Setting
) -> None:
    device = harness.device(api, family)
    journal = harness.sim.journal
    counts = {"refused": 0, "device_rule": 0, "stored": 0}

    @settings(
        # A plant write makes the simulator redo the plant's weather: fewer of those.
        max_examples=5 if family == "plant" else 16,
        deadline=None,
        database=None,
        derandomize=True,  # the same examples on every run: CI stays reproducible
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(values=setting_values(setting))
    def attempt(values: dict[str, Any]) -> None:
        before = len(journal)
        try:
            normalised = device.validate(setting.name, **values)
        except GrowattParameterError:
            with pytest.raises(GrowattParameterError):
                harness.run(device.write(setting.name, **values))
            assert len(journal) == before  # the counter: not one request went out
            counts["refused"] += 1
            return
        try:
            result = harness.run(device.write(setting.name, **values))
        except GrowattParameterError:
            # A rule on the device's current values refused it: it read, never wrote.
            assert writes(harness.sim, before) == []
            counts["device_rule"] += 1
            return
        assert len(writes(harness.sim, before)) == 1
        # UNKNOWN only when the read shows nothing of it (SPA; a cleared Noah segment)
        assert result.outcome is Outcome.APPLIED or (
            result.outcome is Outcome.UNKNOWN and not result.shown
        ), result.note
        assert_stored(harness, api, family, setting, normalised)
        counts["stored"] += 1

    attempt()
    assert counts["refused"] > 0
    assert counts["stored"] > 0
