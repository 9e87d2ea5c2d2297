"""How many classic logins we allow ourselves.

Growatt locks an account for 24 h after "too many" logins; the threshold is unknown
(shinephone-api.md §2.4), so the default stays far below anything reported as safe:
three logins an hour, at least a minute apart. The history lives in
:class:`~.state.SessionState`, so it survives a restart when the caller persists it.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LoginBudget"]


@dataclass(frozen=True, slots=True)
class LoginBudget:
    """At most ``max_logins`` per ``window_s``, and ``cooldown_s`` between two logins."""

    max_logins: int = 3
    window_s: float = 3600.0
    cooldown_s: float = 60.0

    def wait_time(self, login_times: list[float], now: float) -> float:
        """Seconds until another login is allowed; 0 when it is allowed now."""
        recent = [t for t in login_times if now - t < self.window_s]
        waits = [0.0]
        if recent:
            waits.append(recent[-1] + self.cooldown_s - now)
        if len(recent) >= self.max_logins:
            waits.append(recent[-self.max_logins] + self.window_s - now)
        return max(waits)

    def prune(self, login_times: list[float], now: float) -> list[float]:
        """The history worth keeping (inside the window)."""
        return [t for t in login_times if now - t < self.window_s]
