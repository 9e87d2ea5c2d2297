"""The async facades keep step with the sync drop-in classes: same method names,
parameters and defaults, so code moves between them by adding ``await``."""

from __future__ import annotations

import datetime as dt
import inspect
from unittest import mock

import pytest

from growattServer.aio import AsyncGrowattApi, AsyncMin, AsyncOpenApiV1, AsyncSph
from growattServer.compat import GrowattApi, Min, OpenApiV1, Sph
from growattServer.errors import GrowattParameterError
from growattServer.protocol import classic as ep
from growattServer.protocol import openapi_v1 as v1

PAIRS = [
    (GrowattApi, AsyncGrowattApi),
    (OpenApiV1, AsyncOpenApiV1),
    (Min, AsyncMin),
    (Sph, AsyncSph),
]
# Pure helpers that send nothing stay synchronous in both.
NO_IO = {"export_state", "get_url", "get_device", "process_response"}
# Written in each class on purpose: the async login raises and reuses a session; each
# client builds its own kind of device object; only a managed sync client has an engine
# whose state it can export.
WRITTEN_TWICE = {"login", "get_device", "export_state"}


def public_methods(cls: type) -> dict[str, object]:
    return {
        name: member
        for name, member in inspect.getmembers(cls, inspect.isfunction)
        if not name.startswith("_")
    }


@pytest.mark.parametrize(("sync", "aio"), PAIRS, ids=lambda c: c.__name__)
def test_same_methods_with_the_same_parameters(sync, aio):
    sync_methods = public_methods(sync)
    aio_methods = public_methods(aio)
    missing = sorted(set(sync_methods) - set(aio_methods))
    assert missing == []
    for name, method in sync_methods.items():
        expected = [
            (p.name, p.kind, p.default) for p in inspect.signature(method).parameters.values()
        ]
        actual = [
            (p.name, p.kind, p.default)
            for p in inspect.signature(aio_methods[name]).parameters.values()
        ]
        assert actual == expected, name
        assert inspect.iscoroutinefunction(aio_methods[name]) is (name not in NO_IO), name


# --- one declaration, two forms (growattServer.methods) -------------------------------------


@pytest.mark.parametrize(("sync", "aio"), PAIRS, ids=lambda c: c.__name__)
def test_both_forms_carry_the_declared_signature_and_docstring(sync, aio):
    for name, method in public_methods(sync).items():
        if name in WRITTEN_TWICE:
            continue
        other = public_methods(aio)[name]
        assert inspect.signature(other) == inspect.signature(method), name
        assert other.__doc__ == method.__doc__, name
        assert method.__doc__, name


def test_autospec_gives_async_mocks_for_async_and_plain_mocks_for_sync():
    sync = mock.create_autospec(OpenApiV1, instance=True)
    aio = mock.create_autospec(AsyncOpenApiV1, instance=True)
    assert not isinstance(sync.plant_info, mock.AsyncMock)
    assert isinstance(aio.plant_info, mock.AsyncMock)
    assert isinstance(aio.min_write_parameter, mock.AsyncMock)
    assert not isinstance(aio.get_device, mock.AsyncMock)
    with pytest.raises(TypeError):
        aio.plant_power_overview()
    sync.plant_power_overview("1")
    sync.plant_power_overview.assert_called_once_with("1")


def recording(api, answers):
    """Replace ``api._call`` by a recorder answering from ``answers`` (endpoint name → value)."""
    sent = []

    def call(endpoint, **args):
        sent.append((endpoint.name, args))
        return answers.get(endpoint.name, {})

    async def acall(endpoint, **args):
        return call(endpoint, **args)

    api._call = acall if isinstance(api, AsyncGrowattApi) else call
    return sent


def test_composite_calls_dispatch_on_the_instance_as_before():
    """``inverter_list`` calls ``self.device_list``: on the v1 client that is v1's."""
    for api in (OpenApiV1("t"), GrowattApi()):
        sent = recording(api, {})
        with pytest.warns(DeprecationWarning, match="device_list") as caught:
            api.inverter_list("1")
        assert caught[0].filename == __file__
        expected = v1.DEVICE_LIST if isinstance(api, OpenApiV1) else ep.PLANT_INFO
        assert sent[0][0] == expected.name


async def test_async_composites_await_each_step_in_order():
    api = AsyncGrowattApi()
    sent = recording(api, {ep.PLANT_INFO.name: {"deviceList": []}, ep.ALL_DEVICES.name: ["d"]})
    with pytest.warns(DeprecationWarning, match="device_list") as caught:
        assert await api.inverter_list("1") == ["d"]
    assert caught[0].filename == __file__
    assert [name for name, _ in sent] == [ep.PLANT_INFO.name, ep.ALL_DEVICES.name]


async def test_plans_validate_before_sending():
    for api in (OpenApiV1("t"), AsyncOpenApiV1("t")):
        sent = recording(api, {})
        with pytest.raises(GrowattParameterError):
            await maybe(api.min_write_time_segment("SN", 99, 1, dt.time(1), dt.time(2)))
        assert sent == []


async def test_device_methods_call_the_client_method_with_the_serial():
    sync_api = mock.create_autospec(OpenApiV1, instance=True)
    aio_api = mock.create_autospec(AsyncOpenApiV1, instance=True)
    Min(sync_api, "SN").energy_history(dt.date(2026, 6, 1))
    sync_api.min_energy_history.assert_called_once_with("SN", dt.date(2026, 6, 1))
    await AsyncSph(aio_api, "SN").read_ac_charge_times(settings_data={})
    aio_api.sph_read_ac_charge_times.assert_awaited_once_with("SN", settings_data={})


async def maybe(value):
    return await value if inspect.iscoroutine(value) else value
