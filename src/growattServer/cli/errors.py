"""Exit codes, and every failure as one line with a hint.

| code | meaning |
|---|---|
| 0 | success (also Ctrl-C in ``status --watch``) |
| 1 | unexpected error: an answer this tool does not understand, or a bug |
| 2 | usage: bad arguments, nothing configured, no such plant or device |
| 3 | authentication refused: user name, password or token |
| 4 | account locked by Growatt, or login held back to avoid the lock |
| 5 | server or connection trouble: unreachable, timeout, 5xx, firewall |
| 6 | rate limited: asked more often than Growatt allows |
| 7 | invalid setting value |
| 8 | setting not applied (the device did not take it) |
| 9 | not available for this device or plant (no such history, no such setting) |
| 130 | interrupted (Ctrl-C); a history export resumes when rerun |
"""

from __future__ import annotations

import datetime as dt
import enum

from growattServer.errors import (
    AccountLockedError,
    AuthError,
    GrowattConnectionError,
    GrowattError,
    GrowattParameterError,
    InvalidCredentialsError,
    LoginThrottledError,
    RateLimitedError,
    TokenInvalidError,
    UnsupportedDeviceError,
)
from growattServer.settings import SettingValueError

__all__ = ["CliError", "ExitCode", "explain"]


class ExitCode(enum.IntEnum):
    """The documented exit codes of ``growatt``."""

    OK = 0
    UNEXPECTED = 1
    USAGE = 2
    AUTH = 3
    LOCKED = 4
    CONNECTION = 5
    RATE_LIMITED = 6
    INVALID_SETTING = 7
    NOT_APPLIED = 8
    UNAVAILABLE = 9
    INTERRUPTED = 130


class CliError(GrowattError):
    """A failure the command reports as it is, with its exit code and a hint."""

    def __init__(self, message: str, exit_code: ExitCode, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.exit_code = exit_code
        self.hint = hint


def _local_time(epoch: float, now: float) -> str:
    """``HH:MM`` on the same local day as ``now``, else with the date in front."""
    moment = dt.datetime.fromtimestamp(epoch).astimezone()
    today = dt.datetime.fromtimestamp(now).astimezone().date()
    return moment.strftime("%H:%M" if moment.date() == today else "%Y-%m-%d %H:%M")


def _classify(error: BaseException, now: float) -> tuple[ExitCode, str, str | None]:
    """(exit code, message, hint) for any exception."""
    if isinstance(error, CliError):
        return error.exit_code, str(error), error.hint
    if isinstance(error, AccountLockedError):
        wait = error.retry_after or 24 * 3600
        return (
            ExitCode.LOCKED,
            f"account locked by Growatt until {_local_time(now + wait, now)} (local)",
            "too many logins; wait until then (growatt reuses its saved session, so "
            "repeated commands do not log in again)",
        )
    if isinstance(error, LoginThrottledError):
        wait = error.retry_after or 0
        return (
            ExitCode.LOCKED,
            f"login held back to protect the account until {_local_time(now + wait, now)} (local)",
            "at most 3 logins an hour, a minute apart, keep Growatt from locking the account",
        )
    if isinstance(error, TokenInvalidError):
        return ExitCode.AUTH, "Growatt refused the API token", "check it: growatt login --token"
    if isinstance(error, InvalidCredentialsError):
        return (
            ExitCode.AUTH,
            "Growatt refused the user name or password",
            "check them with growatt login; an account on another server needs "
            "--server (e.g. north_america, australia_new_zealand, china)",
        )
    if isinstance(error, AuthError):
        return ExitCode.AUTH, f"not signed in: {error}", "run growatt login"
    if isinstance(error, RateLimitedError):
        pause = f" for {error.retry_after:.0f} s" if error.retry_after else ""
        return (
            ExitCode.RATE_LIMITED,
            f"Growatt asks to slow down{pause}",
            "the token API allows most calls once per 5 minutes; try again later",
        )
    if isinstance(error, GrowattConnectionError):
        return (
            ExitCode.CONNECTION,
            f"cannot get an answer from Growatt: {error}",
            "check the network and --server; Growatt's servers also fail now and then",
        )
    if isinstance(error, SettingValueError):
        return (
            ExitCode.INVALID_SETTING,
            f"invalid setting value: {error}",
            "nothing was sent; growatt settings list --device SERIAL shows what each setting takes",
        )
    if isinstance(error, UnsupportedDeviceError):
        return ExitCode.UNAVAILABLE, str(error), None
    if isinstance(error, GrowattParameterError):
        return ExitCode.USAGE, str(error), "see growatt COMMAND --help"
    if isinstance(error, KeyboardInterrupt):
        return ExitCode.INTERRUPTED, "interrupted", None
    if isinstance(error, GrowattError):
        return ExitCode.UNEXPECTED, str(error), "rerun with --debug for the details"
    return (
        ExitCode.UNEXPECTED,
        f"unexpected {type(error).__name__}: {error}",
        "rerun with --debug for the traceback",
    )


def explain(error: BaseException, now: float) -> tuple[ExitCode, str]:
    """The exit code and the one line to print for ``error``."""
    code, message, hint = _classify(error, now)
    line = f"error: {message}"
    if hint:
        line += f" (hint: {hint})"
    return code, " ".join(line.split())
