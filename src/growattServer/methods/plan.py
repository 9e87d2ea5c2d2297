"""Write a client method once; get its synchronous and its asynchronous form from it.

A method is written as a *plan*: a generator that shapes and checks its arguments, then
yields the calls it needs and returns the method's value::

    @plan
    def plant_info(self, plant_id: str) -> Plan[JSONDict]:
        \"\"\"Whole ``getAllDeviceListTwo`` answer.\"\"\"
        return (yield from fetch(ep.PLANT_INFO, plant_id=plant_id))

Two steps exist: :func:`fetch` (one endpoint, sent by the client's ``_call``) and
:func:`invoke` (another public method of the same client, looked up on the instance so
subclasses and overrides are honoured, as a hand-written ``self.other(...)`` would be).

A class that inherits :class:`SyncFacade` turns every plan it inherits into a plain
method that drives the generator with ``self._call``; one that inherits
:class:`AsyncFacade` turns it into an ``async def`` that drives it with
``await self._call``. Both are real functions in the class ``__dict__``, with the plan's
name, docstring and signature (``__signature__``), so ``inspect``, ``help()`` and
``unittest.mock.create_autospec`` see ordinary methods (a ``MagicMock`` for the sync
class, an ``AsyncMock`` for the async one). For mypy, :class:`PlanMethod` types the
sync attribute as returning ``R`` and the async one as returning a coroutine of ``R``.

:func:`device_method` does the same for the device objects: a method bound to a serial
number that calls the client's plan method of that name.

No I/O here: this module knows neither ``requests`` nor ``aiohttp``.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Coroutine, Generator
from dataclasses import dataclass
from typing import Any, ClassVar, Concatenate, Generic, ParamSpec, Self, TypeVar, cast, overload

from growattServer.protocol.request import Endpoint

__all__ = [
    "AsyncFacade",
    "DeviceMethod",
    "Fetch",
    "Invoke",
    "Plan",
    "PlanMethod",
    "Step",
    "SyncFacade",
    "device_method",
    "fetch",
    "invoke",
    "plan",
]

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Fetch:
    """Send one endpoint through the client's ``_call``; the answer is sent back."""

    endpoint: Endpoint[Any]
    args: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Invoke:
    """Call the client's own public method ``name``; its result is sent back."""

    name: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]


Step = Fetch | Invoke
#: What a plan function returns: a generator of steps whose return value is ``R``.
Plan = Generator[Step, Any, R]


def fetch(endpoint: Endpoint[T], **args: Any) -> Generator[Step, Any, T]:
    """``yield from fetch(ep.X, a=1)``: the read answer of one endpoint."""
    return cast("T", (yield Fetch(endpoint, args)))


def invoke(method: PlanMethod[P, R], *args: P.args, **kwargs: P.kwargs) -> Generator[Step, Any, R]:
    """``yield from invoke(Methods.other, ...)``: the result of ``self.other(...)``."""
    return cast("R", (yield Invoke(method.name, args, kwargs)))


# --- the two drivers ------------------------------------------------------------------------


def _value_annotation(annotation: Any) -> Any:
    """``Plan[X]`` (a string under postponed annotations) becomes ``X``."""
    if isinstance(annotation, str) and annotation.startswith("Plan[") and annotation[-1] == "]":
        return annotation[5:-1]
    return annotation


def _signature(plan_fn: Callable[..., Any], *, drop: int = 0) -> inspect.Signature:
    sig = inspect.signature(plan_fn)
    params = list(sig.parameters.values())
    del params[1 : 1 + drop]
    return sig.replace(
        parameters=params, return_annotation=_value_annotation(sig.return_annotation)
    )


def _dress(method: Callable[..., Any], like: Callable[..., Any], sig: inspect.Signature) -> None:
    functools.update_wrapper(method, like)
    method.__signature__ = sig  # type: ignore[attr-defined]
    method.__annotations__ = {
        **like.__annotations__,
        "return": _value_annotation(like.__annotations__.get("return")),
    }


def _perform(host: Any, step: Step) -> Any:
    """Start one step on ``host``: a value for a sync client, an awaitable for an async one."""
    if isinstance(step, Fetch):
        return host._call(step.endpoint, **step.args)
    return getattr(host, step.name)(*step.args, **step.kwargs)


def _sync_method(plan_fn: Callable[..., Plan[Any]]) -> Callable[..., Any]:
    def method(self: Any, /, *args: Any, **kwargs: Any) -> Any:
        steps = plan_fn(self, *args, **kwargs)
        answer: Any = None
        while True:
            try:
                step = steps.send(answer)
            except StopIteration as done:
                return done.value
            answer = _perform(self, step)

    _dress(method, plan_fn, _signature(plan_fn))
    return method


def _async_method(plan_fn: Callable[..., Plan[Any]]) -> Callable[..., Any]:
    async def method(self: Any, /, *args: Any, **kwargs: Any) -> Any:
        steps = plan_fn(self, *args, **kwargs)
        answer: Any = None
        while True:
            try:
                step = steps.send(answer)
            except StopIteration as done:
                return done.value
            answer = await _perform(self, step)

    _dress(method, plan_fn, _signature(plan_fn))
    return method


def _sync_delegate(target: Callable[..., Any]) -> Callable[..., Any]:
    name = target.__name__

    def method(self: Any, /, *args: Any, **kwargs: Any) -> Any:
        return getattr(self.api, name)(self.device_sn, *args, **kwargs)

    _dress(method, target, _signature(target, drop=1))
    return method


def _async_delegate(target: Callable[..., Any]) -> Callable[..., Any]:
    name = target.__name__

    async def method(self: Any, /, *args: Any, **kwargs: Any) -> Any:
        return await getattr(self.api, name)(self.device_sn, *args, **kwargs)

    _dress(method, target, _signature(target, drop=1))
    return method


# --- the declarations -----------------------------------------------------------------------


class _Declaration(Generic[P, R]):
    """A method declared in a methods class; a real function once a facade inherits it.

    ``P`` and ``R`` are the parameters and value of the method as the caller sees it.
    """

    name: str

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> Self: ...
    @overload
    def __get__(self, obj: SyncFacade, owner: type[Any]) -> Callable[P, R]: ...
    @overload
    def __get__(
        self, obj: AsyncFacade, owner: type[Any]
    ) -> Callable[P, Coroutine[Any, Any, R]]: ...
    def __get__(self, obj: object, owner: type[Any]) -> Any:
        """On the methods class, the declaration itself (for :func:`invoke`)."""
        if obj is None:
            return self
        msg = f"{self.name} is a plan: use it from a SyncFacade or AsyncFacade subclass"
        raise TypeError(msg)


class PlanMethod(_Declaration[P, R]):
    """A client method declared by its plan."""

    def __init__(self, plan_fn: Callable[Concatenate[Any, P], Plan[R]]) -> None:
        """Wrap the plan function."""
        self.plan = plan_fn
        self.name = plan_fn.__name__
        self.__doc__ = plan_fn.__doc__


def plan(plan_fn: Callable[Concatenate[Any, P], Plan[R]]) -> PlanMethod[P, R]:
    """Declare a client method by its plan (see the module)."""
    return PlanMethod(plan_fn)


class DeviceMethod(_Declaration[P, R]):
    """A device object's method: the client's plan method, with the serial number bound."""

    def __init__(self, target: PlanMethod[Concatenate[str, P], R]) -> None:
        """Bind to a plan method whose first argument is ``device_sn``."""
        self.target = target
        self.name = target.name
        self.__doc__ = target.__doc__


def device_method(target: PlanMethod[Concatenate[str, P], R]) -> DeviceMethod[P, R]:
    """Declare a device method that calls ``api.<target>(device_sn, ...)``."""
    return DeviceMethod(target)


# --- the facades ---------------------------------------------------------------------------


_Maker = Callable[[Callable[..., Any]], Callable[..., Any]]


class _Facade:
    """Turns the plans a subclass inherits into methods of one kind (see the module)."""

    #: How to make a client method from a plan, and a device method from a client's plan.
    _makers: ClassVar[tuple[_Maker, _Maker]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        make_method, make_delegate = cls._makers
        for name in dir(cls):
            attr = inspect.getattr_static(cls, name)
            if isinstance(attr, PlanMethod):
                made = make_method(attr.plan)
            elif isinstance(attr, DeviceMethod):
                made = make_delegate(attr.target.plan)
            else:
                continue  # already a function: made for a base class, or overridden
            made.__name__ = name
            made.__qualname__ = f"{cls.__qualname__}.{name}"
            made.__module__ = cls.__module__
            setattr(cls, name, made)


class SyncFacade(_Facade):
    """Base of the synchronous classes: plans become plain methods."""

    _makers = (_sync_method, _sync_delegate)


class AsyncFacade(_Facade):
    """Base of the asynchronous classes: plans become ``async def`` methods."""

    _makers = (_async_method, _async_delegate)
