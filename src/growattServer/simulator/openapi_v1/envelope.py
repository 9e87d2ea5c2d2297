"""The v1 envelope, error answers, paging and the lookups every v1 handler shares.

Every v1 answer is HTTP 200 with `{"error_code": int, "error_msg": str, "data": ...}`
(openapi.md §1.4); device endpoints add identifiers beside `data`. A plant or device
of another account is answered exactly like one that does not exist: the token only
sees its own account (§1.2).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..routing import Call, Reply, json_reply
from ..scenario import Device, Plant

MAX_PER_PAGE = 100  # §1.5 10013
MAX_PAGE = 250  # §1.5 10014
DEFAULT_PER_PAGE = 20


def ok(payload: Any, **siblings: Any) -> Reply:
    """Success: error_code 0, error_msg "", the payload, then the top-level siblings."""
    return json_reply({"error_code": 0, "error_msg": "", "data": payload, **siblings})


def fail(code: int, message: str, payload: Any = None) -> Reply:
    """An API error: still HTTP 200, the code says what went wrong (§1.4)."""
    return json_reply(
        {"error_code": code, "error_msg": message, "data": payload}, outcome=f"v1-error:{code}"
    )


def own_plant(call: Call, name: str = "plant_id") -> Plant | None:
    """The plant named by parameter `name` if the token's account owns it."""
    return call.world.owned_plant(call.account, call.get(name))


def own_device(call: Call, serial: str | None, *families: str) -> Device | None:
    """The device if the token's account owns it and it is one of `families`."""
    return call.world.owned_device(call.account, serial, *families)


def last_data(call: Call, sn_field: str, family: str, render: Callable[[Device], Any]) -> Reply:
    """A ``<family>_last_data`` answer: 10003 without a serial, 10002 for a device the
    token does not own (the codes ``mix_last_data`` has, §1.6), else the rendered record
    with the serial and datalogger beside it."""
    serial = call.get(sn_field)
    if serial is None:
        return fail(10003, "error_sn_error")
    device = own_device(call, serial, family)
    if device is None:
        return fail(10002, f"error_{family}_not_exist")
    return ok(render(device), **{sn_field: device.serial}, dataloggerSn=device.datalogger)


def parse_day(value: str | None) -> date | None:
    """A `YYYY-MM-DD` date, or None when it is missing or malformed."""
    if value is None:
        return None
    try:
        return datetime.strptime(value.strip(), "%Y-%m-%d").date()
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Page:
    number: int
    size: int

    def slice(self, items: list[Any]) -> list[Any]:
        start = (self.number - 1) * self.size
        return items[start : start + self.size]


def paging(call: Call, default_size: int = DEFAULT_PER_PAGE) -> Page | Reply:
    """`page` / `perpage` with "" meaning default; the documented limit errors (§1.5)."""
    try:
        number = int(call.get("page") or 1)
        size = int(call.get("perpage") or default_size)
    except ValueError:
        return fail(10001, "error_system")
    if size > MAX_PER_PAGE:
        return fail(10013, "error_perpage_too_large")
    if number > MAX_PAGE:
        return fail(10014, "error_page_too_large")
    return Page(max(1, number), max(1, size))
