"""The device objects' methods, once, for ``Min``/``Sph`` and ``AsyncMin``/``AsyncSph``.

A device is a serial number bound to a v1 client; each of its methods calls the client's
method of the same plan with ``device_sn`` filled in (:func:`~.plan.device_method`), so
there is one code path per endpoint and one declaration per device method.
"""

from __future__ import annotations

import warnings
from typing import Any, ClassVar, Generic, TypeVar

from .openapi_v1 import V1Methods
from .plan import device_method

__all__ = ["DeviceBase", "MinMethods", "SphMethods", "pick_device_class"]

A = TypeVar("A")
D = TypeVar("D", bound="DeviceBase[Any]")


class DeviceBase(Generic[A]):
    """A device of one family, bound to client ``api`` (``A``: the client class)."""

    DEVICE_TYPE_ID: ClassVar[int]

    def __init__(self, api: A, device_sn: str) -> None:
        """Bind a serial number to a client."""
        self.api = api
        self.device_sn = device_sn

    def __repr__(self) -> str:
        """Serial number only; the client's token stays out."""
        return f"{type(self).__name__}(device_sn={self.device_sn!r})"


def pick_device_class(device_type: int, *classes: type[D]) -> type[D] | None:
    """The class whose ``DEVICE_TYPE_ID`` is ``device_type``, else ``None`` and a warning
    (attributed to the caller of ``get_device``)."""
    for device_class in classes:
        if device_type == device_class.DEVICE_TYPE_ID:
            return device_class
    warnings.warn(f"Device for type id: {device_type} has not been implemented yet.", stacklevel=3)
    return None


class MinMethods:
    """MIN / TLX inverter (v1 ``type`` 7)."""

    DEVICE_TYPE_ID: ClassVar[int] = 7

    detail = device_method(V1Methods.min_detail)
    energy = device_method(V1Methods.min_energy)
    energy_history = device_method(V1Methods.min_energy_history)
    settings = device_method(V1Methods.min_settings)
    read_parameter = device_method(V1Methods.min_read_parameter)
    write_parameter = device_method(V1Methods.min_write_parameter)
    write_time_segment = device_method(V1Methods.min_write_time_segment)
    read_time_segments = device_method(V1Methods.min_read_time_segments)


class SphMethods:
    """SPH / MIX hybrid inverter (v1 ``type`` 5)."""

    DEVICE_TYPE_ID: ClassVar[int] = 5

    detail = device_method(V1Methods.sph_detail)
    energy = device_method(V1Methods.sph_energy)
    energy_history = device_method(V1Methods.sph_energy_history)
    read_parameter = device_method(V1Methods.sph_read_parameter)
    write_parameter = device_method(V1Methods.sph_write_parameter)
    write_ac_charge_times = device_method(V1Methods.sph_write_ac_charge_times)
    write_ac_discharge_times = device_method(V1Methods.sph_write_ac_discharge_times)
    read_ac_charge_times = device_method(V1Methods.sph_read_ac_charge_times)
    read_ac_discharge_times = device_method(V1Methods.sph_read_ac_discharge_times)
