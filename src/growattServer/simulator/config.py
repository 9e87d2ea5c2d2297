"""How the simulated Growatt cloud behaves where the real one is unknown or varies.

Every default is the behaviour the spec reports as most common; each knob names the
spec section that leaves the question open.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from .faults import FaultRule


class Unauthenticated(StrEnum):
    """What a classic data endpoint answers without a valid session (spec §2.6)."""

    HTML_500 = "500-html"  # Error500 page "you have not login to the system"
    LOGIN_PAGE_200 = "200-login-page"  # HTTP 200 with the HTML login page
    REDIRECT_302 = "302"  # redirect to the login page
    ERROR_NO_LOGIN = "errorNoLogin"  # 302 to /error.do?errorMess=errorNoLogin (web portal)


class WriteOutcome(StrEnum):
    """What a settings write does (openapi.md §5.1 and §9 q9: confirmations are unreliable)."""

    APPLY = "apply"  # store the value, answer success
    IGNORE = "ignore"  # answer success, store nothing (a device that silently drops it)
    ERROR_BUT_APPLY = "error-but-apply"  # answer an error, store the value (GPA's quirk)
    REJECT = "reject"  # answer an error, store nothing


class DeviceListLayout(StrEnum):
    """Which list of getAllDeviceListTwo a TLX device appears in (spec §4.4, §7)."""

    TLX_IN_INVLIST = "tlx-in-invlist"  # a plant with TLX devices has an empty deviceList
    ALL_IN_DEVICELIST = "all-in-devicelist"


@dataclass(slots=True)
class SimulatorConfig:
    # -- sessions and accounts (spec §2.4–2.6; thresholds are unknown, §11 q2)
    session_lifetime_s: float = 24 * 3600
    session_idle_timeout_s: float | None = None
    unauthenticated: Unauthenticated = Unauthenticated.HTML_500
    # Retired login paths (spec §2.2): "reject" answers newLoginAPI.do/LoginAPI.do logins
    # with HTTP 400 as today's server does (#28); "accept" serves them like newTwoLoginAPI.do.
    legacy_login: str = "reject"
    login_limit: int = 10  # logins per window before the account locks (failed ones count)
    login_window_s: float = 3600
    lock_duration_s: float = 24 * 3600
    # -- User-Agent filtering (spec §1.2); matched as case-insensitive prefixes
    ua_filter: bool = True
    ua_blacklist: tuple[str, ...] = (
        "python-requests/",
        "python-urllib3/",
        "Dalvik/2.1.0 (Linux; U; Android)",
    )
    # -- OpenAPI v1 rate limit (openapi.md §6): one call per (token, path, device) per window
    v1_rate_limit: bool = True
    v1_default_window_s: float = 300
    v1_windows_s: dict[str, float] = field(default_factory=dict)  # per path overrides
    # -- classic request budget per client IP before the WAF 405 page (spec §1.2), off
    classic_budget: int | None = None
    classic_budget_window_s: float = 60
    # -- data layout choices where the spec is unsure
    device_list_layout: DeviceListLayout = DeviceListLayout.TLX_IN_INVLIST
    # -- write behaviour (openapi.md §5.1: "error answer but applied"; silent ignores):
    # one of WriteOutcome, for every device; `write_outcomes` overrides it per device
    # serial (or plant id, for updatePlant).
    write_outcome: str = WriteOutcome.APPLY
    write_outcomes: dict[str, str] = field(default_factory=dict)
    # -- time and physics
    start: datetime | None = None  # simulated "now" at start; default: the real now
    clock_speed: float = 1.0
    frozen_clock: bool = False
    seed: int | None = None  # overrides the scenario's seed
    history_days: int | None = None  # overrides the scenario's history length
    # -- faults (latency, 5xx, resets, truncation, WAF, slow bodies)
    latency_s: float = 0.0
    latency_jitter_s: float = 0.0
    faults: list[FaultRule] = field(default_factory=list)
    journal_limit: int = 20000
