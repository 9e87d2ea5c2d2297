"""Classic handlers: MIX (SPH hybrid) reads, shinephone-api.md §3 rows 26–30, shapes §4.11.

SPA units have no read ops in the library (§7); they are written through `spaSetApi`
(newtcpset.py). Values come from `readings`, like the TLX ops, so the two agree.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from .. import formats
from ..readings import Reading, day_chart, reading
from ..routing import Call, Reply, classic_route
from ..scenario import Device
from ..settings_state import SEGMENTS_MIX
from .common import fail_501, obj, own_device
from .tlx import (
    bad_date,
    chart_type,
    energy_breakdown,
    energy_overview,
    kwh,
    parse_day,
    period_label,
    period_totals,
    plant_matches,
    string_value,
    sum_energy,
)

MIX_PATH = "newMixApi.do"


def mix_of(call: Call) -> Device | None:
    device = own_device(call, call.get("mixId") or call.get("serialNum"), "mix")
    if device is None or not plant_matches(call, device):
        return None
    return device


def grid_charge_now(call: Call, device: Device) -> float:
    """AC (grid) charging power of the last finished slot, W."""
    series, index = call.world.model(device.serial).latest(call.now)
    return round(series.grid_charge[index], 1)


# -- row 26: getMixInfo ------------------------------------------------------------------
def mix_info_values(call: Call, device: Device, now: Reading) -> dict[str, Any]:
    """Numbers as numbers except `capacity` ("45") and `soc` ("45%") (§4.11; the only
    example is reconstructed, so the other types follow its guesses)."""
    soc = formats.text(now.soc, 0)
    return {
        "acChargeEnergyToday": kwh(now.today.grid_charge),
        "acChargeEnergyTotal": kwh(now.total.grid_charge),
        "acChargePower": grid_charge_now(call, device),
        "capacity": soc,
        "soc": f"{soc}%",
        "eBatChargeToday": kwh(now.today.charge),
        "eBatChargeTotal": kwh(now.total.charge),
        "eBatDisChargeToday": kwh(now.today.discharge),
        "eBatDisChargeTotal": kwh(now.total.discharge),
        "epvToday": kwh(now.today.pv),
        "epvTotal": kwh(now.total.pv),
        "isCharge": 1 if now.charge > 0 else 0,
        "pCharge1": now.charge,
        "pDischarge1": now.discharge,
        "upsPac1": 0,
        "upsPac2": 0,
        "upsPac3": 0,
        "vbat": now.vbat,
        "vbatdsp": now.vbat,
        "vpv1": string_value(now, 0, "voltage"),
        "vpv2": string_value(now, 1, "voltage"),
    }


def storage_style_values(now: Reading) -> dict[str, str]:
    """What getMixInfo answers for a TLX (real NEO capture, §4.11): storage-style strings."""

    def one(value: float) -> str:
        return f"{value:.1f}"

    vpv = string_value(now, 0, "voltage")
    return {
        "ibat": one(now.ibat),
        "iGuid": f"{now.iac:+.1f}",
        "ipv": one(now.ppv / vpv if vpv else 0.0),
        "pbat": one(now.battery_power),
        "pGuid": f"{now.pac:+.1f}",
        "ppv": one(now.ppv),
        "upsPac1": "0.0",
        "upsPac2": "0.0",
        "upsPac3": "0.0",
        "vbat": one(now.vbat),
        "vGuid": one(now.vac),
        "vpv": one(vpv),
    }


@classic_route(MIX_PATH, op="getMixInfo")
def mix_info(call: Call) -> Reply:
    neo = own_device(call, call.get("mixId"), "tlx")
    if neo is not None:
        return obj(storage_style_values(reading(call.world, neo.serial, call.now)))
    device = mix_of(call)
    if device is None:
        return fail_501()
    return obj(mix_info_values(call, device, reading(call.world, device.serial, call.now)))


# -- row 27: getEnergyOverview -----------------------------------------------------------
@classic_route(MIX_PATH, op="getEnergyOverview")
def mix_totals(call: Call) -> Reply:
    """Strings, as the captured TLX sibling sends them; `unit` is the plant currency."""
    device = mix_of(call)
    if device is None:
        return fail_501()
    plant = call.world.scenario.plant(device.plant_id)
    now = reading(call.world, device.serial, call.now)
    return obj(
        {
            **energy_overview(now, discharge="edischarge1"),
            "photovoltaicRevenueToday": formats.text(now.today.pv * plant.price_per_kwh),
            "photovoltaicRevenueTotal": formats.text(now.total.pv * plant.price_per_kwh),
            "unit": plant.currency,
        }
    )


# -- row 28: getSystemStatus_KW ----------------------------------------------------------
@classic_route(MIX_PATH, op="getSystemStatus_KW")
def mix_system_status(call: Call) -> Reply:
    """kW strings (§4.11; HA declares pPv1/pPv2 kW). uwSysWorkMode 6 and the
    "mix.status.normal" key are the real example values."""
    device = mix_of(call)
    if device is None:
        return fail_501()
    now = reading(call.world, device.serial, call.now)
    settings = call.world.settings(device.serial)
    kw = formats.kw
    return obj(
        {
            "SOC": formats.text(now.soc, 0),
            "chargePower": kw(now.charge),
            "fAc": formats.text(now.fac, 2),
            "lost": "mix.status.normal" if now.online else "mix.status.lost",
            "pLocalLoad": kw(now.load),
            "pPv1": kw(string_value(now, 0, "power")),
            "pPv2": kw(string_value(now, 1, "power")),
            "pactogrid": kw(now.export),
            "pactouser": kw(now.grid_import),
            "pdisCharge1": kw(now.discharge),
            "pmax": kw(device.nominal_power),
            "ppv": kw(now.ppv),
            "priorityChoose": settings.get("priorityChoose", "0"),
            "status": "1" if now.online else "-1",
            "unit": "kW",
            "upsFac": "0",
            "upsVac1": "0",
            "uwSysWorkMode": "6" if now.online else "0",
            "vAc1": formats.text(now.vac),
            "vac1": formats.text(now.vac),
            "vBat": formats.text(now.vbat),
            "vPv1": formats.text(string_value(now, 0, "voltage")),
            "vPv2": formats.text(string_value(now, 1, "voltage")),
            "wBatteryType": "1",
        }
    )


# -- row 29: getEnergyProdAndCons_KW -----------------------------------------------------
def mix_day_points(call: Call, device: Device, day: date) -> dict[str, dict[str, str]]:
    """Type 0: "HH:MM" → kW strings. sysOut is the house load (the real 00:10 entry has
    sysOut = pacToUser = grid import at night); pacToGrid export, pacToUser import."""
    points = {}
    for label, s, i in day_chart(call.world, device.serial, day, call.now):
        points[label] = {
            "pacToGrid": formats.kw(s.export[i]),
            "pacToUser": formats.kw(s.grid_import[i]),
            "pdischarge": formats.kw(s.discharge[i]),
            "ppv": formats.kw(s.pv[i]),
            "sysOut": formats.kw(s.load[i]),
        }
    return points


def mix_period_arrays(call: Call, device: Device, kind: int, anchor: date) -> dict[str, Any]:
    """Types 1/2/3 are undocumented for MIX (§11 q8); we answer like TLX: a `date` echo
    and kWh arrays per day / month / year, under the type-0 column names."""
    totals = period_totals(call, device, kind, anchor)
    return {
        "date": period_label(kind, anchor),
        "pacToGrid": [kwh(e.export) for e in totals],
        "pacToUser": [kwh(e.grid_import) for e in totals],
        "pdischarge": [kwh(e.discharge) for e in totals],
        "ppv": [kwh(e.pv) for e in totals],
        "sysOut": [kwh(e.load) for e in totals],
    }


@classic_route(MIX_PATH, op="getEnergyProdAndCons_KW")
def mix_detail(call: Call) -> Reply:
    device = mix_of(call)
    if device is None:
        return fail_501()
    plant = call.world.scenario.plant(device.plant_id)
    kind = chart_type(call)
    try:
        anchor = parse_day(call, plant)
    except ValueError:
        return bad_date()
    if kind is None:
        return bad_date()
    if kind == 0:
        chart: dict[str, Any] = mix_day_points(call, device, anchor)
        period = call.world.model(device.serial).between(anchor, anchor, call.now)
    else:
        chart = mix_period_arrays(call, device, kind, anchor)
        period = sum_energy(period_totals(call, device, kind, anchor))
    return obj({"chartData": chart, **energy_breakdown(period)})


# -- row 30: getMixSetParams -------------------------------------------------------------
def mix_set_params(call: Call, device: Device) -> dict[str, str]:
    """The settings bean from the canonical keys. Shape [3rd-party] (§4.11): a flat `obj`.
    `wchargeSOCLowLimit`/`wdisChargeSOCLowLimit` (the names the guide lists) mirror the
    charge-stop (…1) and grid-first discharge-stop (…2) limits the writes set."""
    s = call.world.settings(device.serial)
    plant = call.world.scenario.plant(device.plant_id)
    bean = {
        "serialNum": device.serial,
        "chargePowerCommand": s["chargePowerCommand"],
        "wchargeSOCLowLimit": s["wchargeSOCLowLimit1"],
        "wchargeSOCLowLimit1": s["wchargeSOCLowLimit1"],
        "wchargeSOCLowLimit2": s["wchargeSOCLowLimit2"],
        "acChargeEnable": s["acChargeEnable"],
        "disChargePowerCommand": s["disChargePowerCommand"],
        "wdisChargeSOCLowLimit": s["wdisChargeSOCLowLimit2"],
        "wdisChargeSOCLowLimit1": s["wdisChargeSOCLowLimit1"],
        "wdisChargeSOCLowLimit2": s["wdisChargeSOCLowLimit2"],
        "priorityChoose": s["priorityChoose"],
        "onOff": s["onOff"],
        "activeRate": s["activeRate"],
        "reactiveRate": s["reactiveRate"],
        "pf": s["pf"],
        "exportLimit": s["exportLimit"],
        "exportLimitPowerRate": s["exportLimitPowerRate"],
        "offGridEnable": s["offGridEnable"],
        "sysTime": s.get("sysTime") or formats.stamp(call.world.local_now(plant)),
        "pv_grid_voltage_high": s["pv_grid_voltage_high"],
        "pv_grid_voltage_low": s["pv_grid_voltage_low"],
    }
    for kind in ("Charge", "Discharge"):
        for i in range(1, SEGMENTS_MIX + 1):
            for part in ("TimeStart", "TimeStop", "StopSwitch"):
                key = f"forced{kind}{part}{i}"
                bean[key] = s[key]
    return bean


@classic_route(MIX_PATH, op="getMixSetParams")
def get_mix_settings(call: Call) -> Reply:
    device = own_device(call, call.get("serialNum") or call.get("mixId"), "mix")
    if device is None:
        return fail_501()
    return obj(mix_set_params(call, device))
