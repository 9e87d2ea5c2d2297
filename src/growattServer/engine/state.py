"""What a classic session is, as JSON-serialisable data a caller can persist.

A restarted process that imports this state reuses the cookies instead of logging in
again, and still knows when it last logged in and whether the account is locked
(user-needs.md F1). The cookies are secrets: they never appear in ``repr()``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

__all__ = ["STATE_VERSION", "SessionState", "account_fingerprint"]

STATE_VERSION = 1


def account_fingerprint(server_url: str, username: str) -> str:
    """Identifies the account a state belongs to without storing the user name."""
    digest = hashlib.sha256(f"{server_url}\n{username}".encode()).hexdigest()
    return digest[:16]


@dataclass(slots=True)
class SessionState:
    """Cookies, login history and lock of one classic account on one server."""

    server_url: str = ""
    account: str = ""
    cookies: dict[str, str] = field(default_factory=dict)
    user_id: str | None = None
    login_times: list[float] = field(default_factory=list)  # attempts, oldest first
    locked_until: float = 0.0
    # Bumped on every successful login; in memory only (a plan compares it, see steps).
    generation: int = 0

    @property
    def has_session(self) -> bool:
        """Cookies from a successful login are held."""
        return bool(self.cookies)

    @property
    def last_login(self) -> float | None:
        """When the last login attempt was made (epoch seconds)."""
        return self.login_times[-1] if self.login_times else None

    def start_session(self, cookies: dict[str, str], user_id: str | None) -> int:
        """Keep a fresh login's cookies; returns the new generation."""
        self.cookies = dict(cookies)
        self.user_id = user_id
        self.generation += 1
        return self.generation

    def forget_session(self, generation: int | None) -> None:
        """Drop the cookies, unless a newer login already replaced that generation."""
        if generation is None or generation == self.generation:
            self.cookies = {}

    def merge_cookies(self, cookies: dict[str, str]) -> None:
        """A data answer may refresh load-balancer cookies; keep them current."""
        if self.cookies and cookies:
            self.cookies.update(cookies)

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable; contains the session cookies, so store it like a password."""
        return {
            "version": STATE_VERSION,
            "server_url": self.server_url,
            "account": self.account,
            "cookies": dict(self.cookies),
            "user_id": self.user_id,
            "login_times": list(self.login_times),
            "locked_until": self.locked_until,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SessionState:
        """Read what :meth:`to_dict` wrote; unknown versions give an empty state."""
        if data.get("version") != STATE_VERSION:
            return cls()
        cookies = data.get("cookies") or {}
        return cls(
            server_url=str(data.get("server_url", "")),
            account=str(data.get("account", "")),
            cookies={str(k): str(v) for k, v in cookies.items()},
            user_id=None if data.get("user_id") is None else str(data["user_id"]),
            login_times=[float(t) for t in data.get("login_times") or []],
            locked_until=float(data.get("locked_until") or 0.0),
        )

    def __repr__(self) -> str:
        """No cookie values: they are the session."""
        return (
            f"SessionState(server_url={self.server_url!r}, session={self.has_session}, "
            f"user_id={self.user_id!r}, logins={len(self.login_times)}, "
            f"locked_until={self.locked_until})"
        )
