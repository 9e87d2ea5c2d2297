"""The async facades keep step with the sync drop-in classes: same method names,
parameters and defaults, so code moves between them by adding ``await``."""

from __future__ import annotations

import inspect

import pytest

from growattServer.aio import AsyncGrowattApi, AsyncMin, AsyncOpenApiV1, AsyncSph
from growattServer.compat import GrowattApi, Min, OpenApiV1, Sph

PAIRS = [
    (GrowattApi, AsyncGrowattApi),
    (OpenApiV1, AsyncOpenApiV1),
    (Min, AsyncMin),
    (Sph, AsyncSph),
]
# Pure helpers that send nothing stay synchronous in both.
NO_IO = {"get_url", "get_device", "process_response"}


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
