"""Plant settings: ``newTwoPlantAPI.do?op=updatePlant`` (shinephone-api.md §5.6), an
18-field multipart form pre-filled from ``getPlant`` (row 10), which also reads back.

Each setting changes a few fields; the rest are sent as ``getPlant`` shows them, since
the server errors when one is missing. The "serial" of a plant is its plant id.
"""

from __future__ import annotations

from growattServer.protocol import classic as ep

from ..params import Decimal, Integer, Param, Text
from ..readback import ReadSource, mapping_or_empty
from ..schema import Schema, Setting
from ..write import PlantChannel

SOURCE = "shinephone-api.md §5.6"
GUESS = f"{SOURCE}; [inferred] range"

#: parameter → (form field, keys of getPlant that show it)
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "name": ("plantName", ("plantName",)),
    "nominal_power": ("plantPower", ("nominalPower",)),
    "price": ("plantIncome", ("formulaMoney", "formulaMoneyStr")),
    "currency": ("plantMoney", ("formulaMoneyUnitId",)),
    "city": ("plantCity", ("city",)),
    "country": ("plantCountry", ("country",)),
    "address": ("plantAddress", ("plantAddress",)),
    "latitude": ("plantLat", ("plant_lat",)),
    "longitude": ("plantLng", ("plant_lng",)),
    "timezone": ("plantTimezone", ("timezone",)),
    "co2": ("plantCo2", ("formulaCo2",)),
    "coal": ("plantCoal", ("formulaCoal",)),
    "so2": ("plantSo2", ("formulaSo2",)),
}


def _plant_setting(name: str, description: str, *params: Param) -> Setting:
    return Setting(
        name,
        description,
        params,
        reads={param.name: FIELDS[param.name][1] for param in params},
        notes="sent with every other plant field as getPlant shows it",
    )


def _factor(name: str, what: str) -> Decimal:
    return Decimal(name, f"{what} per kWh", "kg/kWh", GUESS, low=0.0, high=10.0, places=3)


SCHEMA = Schema(
    api="classic",
    family="plant",
    title="Plant (ShinePhone updatePlant)",
    channel=PlantChannel(fields={param: field for param, (field, _) in FIELDS.items()}),
    settings=(
        _plant_setting("plant_name", "the plant's name", Text("name", "plant name", "", SOURCE)),
        _plant_setting(
            "nominal_power",
            "the plant's rated power",
            Integer("nominal_power", "rated power", "W", GUESS, low=1, high=10_000_000),
        ),
        _plant_setting(
            "income",
            "electricity price and currency for the plant's earnings",
            Decimal("price", "price per kWh", "", GUESS, low=0.0, high=1000.0, places=4),
            Text(
                "currency",
                "ISO 4217 code (formulaMoneyUnitId)",
                "",
                SOURCE,
                max_length=3,
                pattern="[A-Z]{3}",
            ),
        ),
        _plant_setting(
            "location",
            "where the plant is",
            Text("city", "city", "", SOURCE),
            Text("country", "country", "", SOURCE),
            Text("address", "street address", "", SOURCE, max_length=128),
        ),
        _plant_setting(
            "coordinates",
            "latitude and longitude",
            Decimal("latitude", "latitude", "°", SOURCE, low=-90.0, high=90.0, places=6),
            Decimal("longitude", "longitude", "°", SOURCE, low=-180.0, high=180.0, places=6),
        ),
        _plant_setting(
            "timezone",
            "the plant's UTC offset in whole hours, as Growatt stores it",
            Integer("timezone", "UTC offset", "h", GUESS, low=-12, high=14),
        ),
        _plant_setting(
            "environmental_factors",
            "CO2, coal and SO2 saved per kWh",
            _factor("co2", "CO2"),
            _factor("coal", "coal"),
            _factor("so2", "SO2"),
        ),
    ),
    reader=ReadSource(ep.PLANT_SETTINGS, "plant_id", mapping_or_empty),
    roles={},
)
