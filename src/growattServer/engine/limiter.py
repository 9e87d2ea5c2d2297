"""Client-side pacing for the token API, and the last good answers.

Growatt allows each v1 endpoint about once per 5 minutes per device (openapi.md §6)
and answers 10012 otherwise. Asking less often than that costs nothing, while a 10012
costs the data, so the limiter refuses early instead. Keys are (path, device or plant).
The documented windows are in :data:`DEFAULT_V1_WINDOWS`, the only such table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from growattServer.protocol.request import Args, Request

__all__ = ["DEFAULT_V1_WINDOWS", "DEFAULT_V1_WINDOW_S", "RateKey", "RateLimiter", "rate_key"]

#: Paths the documentation says nothing about: the generic 10012 text, "5 minutes per time".
DEFAULT_V1_WINDOW_S = 300.0

_FIVE_MINUTES = 300.0
_TEN_SECONDS = 10.0
_UNPACED = 0.0

#: v1 path → seconds between two calls for the same device or plant, as openapi.md §6.1
#: documents them; 0 where nothing is documented (settings reads and writes).
DEFAULT_V1_WINDOWS: Mapping[str, float] = MappingProxyType(
    {
        # plants and device lists: once per 5 minutes (plant/list, plant/energy also 10 a day)
        "plant/list": _FIVE_MINUTES,
        "plant/details": _FIVE_MINUTES,
        "plant/data": _FIVE_MINUTES,
        "plant/power": _FIVE_MINUTES,
        "plant/energy": _FIVE_MINUTES,
        "device/list": _FIVE_MINUTES,
        # inverter: 5 minutes
        "device/inverter/inv_data_info": _FIVE_MINUTES,
        "device/inverter/last_new_data": _FIVE_MINUTES,
        "inverterSet": _UNPACED,
        # MIN (tlx)
        "device/tlx/tlx_data_info": _FIVE_MINUTES,
        "device/tlx/tlx_last_data": _FIVE_MINUTES,
        "device/tlx/tlx_data": _TEN_SECONDS,
        "device/tlx/tlx_set_info": _UNPACED,
        "readMinParam": _UNPACED,
        "tlxSet": _UNPACED,
        # SPH (mix)
        "device/mix/mix_last_data": _TEN_SECONDS,
        "device/mix/mix_data": _FIVE_MINUTES,
        "device/mix/mix_data_info": _UNPACED,
        "readMixParam": _UNPACED,
        "mixSet": _UNPACED,
        # storage (SPF) and SPA latest records: 10 s
        "device/storage/storage_last_data": _TEN_SECONDS,
        "device/spa/spa_last_data": _TEN_SECONDS,
    }
)

RateKey = tuple[str, str]

# Arguments that name what Growatt's limiter counts separately, most specific first.
_SUBJECT_ARGS = ("device_sn", "plant_id")


def rate_key(request: Request, args: Args) -> RateKey:
    """(path, device or plant) of a call."""
    subject = next((str(args[name]) for name in _SUBJECT_ARGS if args.get(name) is not None), "")
    return (request.path, subject)


@dataclass(slots=True)
class RateLimiter:
    """Per-key windows: ``windows`` maps a v1 path (``"device/tlx/tlx_last_data"``) to
    seconds; other paths get ``default_s``; 0 switches pacing off for that path."""

    default_s: float = DEFAULT_V1_WINDOW_S
    windows: Mapping[str, float] = field(default_factory=lambda: DEFAULT_V1_WINDOWS)
    _next_allowed: dict[RateKey, float] = field(default_factory=dict)
    _last_good: dict[RateKey, Any] = field(default_factory=dict)

    def window(self, key: RateKey) -> float:
        """The window of a key's path."""
        return self.windows.get(key[0], self.default_s)

    def wait_time(self, key: RateKey, now: float) -> float:
        """Seconds until this key may be asked again; 0 when now."""
        return max(0.0, self._next_allowed.get(key, 0.0) - now)

    def sent(self, key: RateKey, now: float) -> None:
        """A request went out (Growatt counts it whether or not it succeeds)."""
        window = self.window(key)
        if window > 0:
            self._next_allowed[key] = now + window

    def refused(self, key: RateKey, now: float, retry_after: float | None) -> None:
        """Growatt said 10012: stay away for at least its window."""
        wait = retry_after if retry_after is not None else self.default_s
        self._next_allowed[key] = max(self._next_allowed.get(key, 0.0), now + wait)

    def remember(self, key: RateKey, answer: Any) -> None:
        """Keep the last good answer for callers who prefer it to an error."""
        self._last_good[key] = answer

    def last_good(self, key: RateKey) -> tuple[bool, Any]:
        """(found, answer)."""
        if key in self._last_good:
            return True, self._last_good[key]
        return False, None
