"""Every schema, by API and device family, and the lookup a client or CLI starts from."""

from __future__ import annotations

from growattServer.errors import UnsupportedDeviceError

from ..schema import Schema
from . import (
    classic_inverter,
    classic_mix,
    classic_spa,
    classic_tlx,
    noah,
    plant,
    v1_min,
    v1_sph,
)

__all__ = ["FAMILY_ALIASES", "SCHEMAS", "all_schemas", "find_schema"]

SCHEMAS: dict[tuple[str, str], Schema] = {
    (schema.api, schema.family): schema
    for schema in (
        classic_mix.SCHEMA,
        classic_spa.SCHEMA,
        classic_tlx.SCHEMA,
        classic_inverter.SCHEMA,
        noah.SCHEMA,
        plant.SCHEMA,
        v1_min.SCHEMA,
        v1_sph.SCHEMA,
    )
}

#: Other names of a family (the classic ``deviceType`` vs the v1 names), kept small and
#: local until ``growattServer.models.DeviceFamily`` exists.
FAMILY_ALIASES: dict[tuple[str, str], str] = {
    ("v1", "tlx"): "min",
    ("v1", "mix"): "sph",
    ("classic", "min"): "tlx",
    ("classic", "sph"): "mix",
}


def find_schema(api: str, family: str) -> Schema:
    """The schema of ``family`` on ``api`` (``"classic"`` or ``"v1"``)."""
    key = family.strip().lower()
    key = FAMILY_ALIASES.get((api, key), key)
    schema = SCHEMAS.get((api, key))
    if schema is None:
        known = ", ".join(sorted(f for a, f in SCHEMAS if a == api))
        msg = f"no settings schema for {family!r} on the {api} API (known: {known})"
        raise UnsupportedDeviceError(msg)
    return schema


def all_schemas() -> tuple[Schema, ...]:
    """Every schema, classic first."""
    return tuple(SCHEMAS.values())
